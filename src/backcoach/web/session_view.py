"""The session player's view of a timeline, and its questions to the session engine.

The browser keeps time, but every rule comes from the core engine, run here on
a clock we set by hand: which cue is spoken when (the same cues the terminal
coach speaks), where "skip", "back" and "it hurts" lead, and when a session is
over. This module only turns the engine's answers into JSON for the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from backcoach.core import safety
from backcoach.core.records import HurtSeverity
from backcoach.core.session import (
    BACK_GRACE_SECONDS,
    Cue,
    SessionEngine,
    SessionOver,
    Snapshot,
    SoundCue,
    StepStarted,
)
from backcoach.core.timeline import STEP_LABELS, Routine, Step, StepKind, Timeline

# Sound names the page's Web Audio tones are keyed by.
SOUNDS = {"start": "start", "halfway": "halfway", "countdown": "tick", "done": "done"}


def cue_schedule(timeline: Timeline) -> dict[int, list[dict[str, Any]]]:
    """Every cue and sound the engine emits, by step, at seconds into that step."""
    engine = SessionEngine(timeline)
    schedule: dict[int, list[dict[str, Any]]] = {}

    def collect(outputs: list[Any], now: float) -> None:
        for output in outputs:
            if isinstance(output, Cue | SoundCue):
                at = round(max(0.0, now - timeline.starts[output.index]), 3)
                entry = (
                    {"at": at, "text": output.text}
                    if isinstance(output, Cue)
                    else {"at": at, "sound": SOUNDS[output.sound.value]}
                )
                schedule.setdefault(output.index, []).append(entry)

    collect(engine.start(0.0), 0.0)
    now = 0.0
    while not engine.over:
        wait = engine.seconds_to_next_mark(now)
        if wait is None:
            break
        now += wait
        outputs = engine.tick(now)
        collect(outputs, now)
        if not outputs and wait == 0.0:
            break  # nothing left to happen: guard against a stuck loop
    return schedule


def _count_text(step: Step, routine: Routine) -> str:
    dose = routine.items[step.item_index].dose
    parts: list[str] = []
    total = dose.reps or 1
    if step.kind is StepKind.REP and step.rep_number:
        parts.append(f"Repetition {step.rep_number} of {total}")
    elif step.kind in (StepKind.BREATH_IN, StepKind.BREATH_OUT) and step.rep_number:
        parts.append(f"Breath {step.rep_number} of {total}")
    elif step.kind is StepKind.HOLD and total > 1 and step.rep_number:
        parts.append(f"Hold {step.rep_number} of {total}")
    if dose.sets > 1 and step.kind not in (StepKind.GET_READY, StepKind.TRANSITION):
        parts.append(f"round {step.set_number} of {dose.sets}")
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def player_steps(routine: Routine, timeline: Timeline) -> list[dict[str, Any]]:
    schedule = cue_schedule(timeline)
    return [
        {
            "index": index,
            "kind": step.kind.value,
            "exercise": step.exercise_id,
            "side": step.side.value if step.side else None,
            "side_label": f"{step.side.value.capitalize()} side" if step.side else "",
            "seconds": step.seconds,
            "cue": step.cue,
            "label": STEP_LABELS[step.kind],
            "count_text": _count_text(step, routine),
            # A camera gate may hold back only a hold's countdown.
            "gated": step.kind is StepKind.HOLD,
            "cues": schedule.get(index, []),
            "moves": moves(timeline, index),
        }
        for index, step in enumerate(timeline.steps)
    ]


def moves(timeline: Timeline, index: int) -> dict[str, float]:
    """Where skip, back and a mild "it hurts" lead from this step, by the engine's rules.

    The page moves at once from these and stores the event when it can, so the buttons
    work while the server is out of reach. "back" depends on how long the exercise has
    run: after ``back_restart_after`` seconds into this step it restarts the exercise.
    """
    item_start = timeline.item_start_index(timeline.steps[index].item_index)
    into_item = timeline.starts[index] - timeline.starts[item_start]
    return {
        "skip": jump(timeline, index, 0.0, "skip"),
        "back_before": jump(timeline, index, 0.0, "back"),
        "back_restart": item_start,
        "back_restart_after": round(max(0.0, BACK_GRACE_SECONDS - into_item), 3),
        "after_mild_hurt": hurt(timeline, index, 0.0, HurtSeverity.MILD).resume_index,
    }


def paused_note(name: str, paused_days: int) -> str:
    # Naming the exercise tells the person which one is gone, not just that one is.
    return f" {name} is left out of your routines for {paused_days} days."


def hurt_messages(paused_days: int, name: str) -> dict[str, str]:
    """What the page says after "it hurts" during the exercise ``name``, as the API answers it."""
    note = paused_note(name, paused_days)
    return {severity.value: safety.hurt_advice(severity) + note for severity in HurtSeverity}


def _engine_at(timeline: Timeline, index: int, elapsed_in_step: float) -> SessionEngine:
    if not 0 <= index < len(timeline):
        raise IndexError(f"step index {index} is outside 0..{len(timeline) - 1}")
    snapshot = Snapshot(step_index=index, elapsed_in_step=max(0.0, elapsed_in_step), paused=True)
    return SessionEngine.restore(timeline, snapshot)


def _started(outputs: list[Any], timeline: Timeline) -> int:
    """The step the engine moved to, or one past the end when the session is over."""
    for output in outputs:
        if isinstance(output, StepStarted):
            return output.index
        if isinstance(output, SessionOver):
            return len(timeline)
    return len(timeline)


def jump(timeline: Timeline, index: int, elapsed_in_step: float, action: str) -> int:
    """Where "skip" or "back" leads from this moment, by the engine's rules."""
    engine = _engine_at(timeline, index, elapsed_in_step)
    outputs = engine.skip(0.0) if action == "skip" else engine.back(0.0)
    return _started(outputs, timeline)


@dataclass(frozen=True)
class HurtOutcome:
    stop: bool
    message: str
    resume_index: int


def hurt(
    timeline: Timeline, index: int, elapsed_in_step: float, severity: HurtSeverity
) -> HurtOutcome:
    """What "it hurts" does: a sharp pain stops the session, a mild one skips the exercise."""
    engine = _engine_at(timeline, index, elapsed_in_step)
    engine.hurt(0.0)
    outputs = engine.answer_hurt(severity, 0.0)
    over = next((o for o in outputs if isinstance(o, SessionOver)), None)
    # The engine speaks the safety rule's advice first, in the terminal coach's words.
    message = safety.hurt_advice(severity)
    if over is not None and over.stopped_for_pain:
        return HurtOutcome(True, message, len(timeline))
    return HurtOutcome(False, message, _started(outputs, timeline))
