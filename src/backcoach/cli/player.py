"""The terminal session player: a rich Live screen over the session engine.

It knows nothing about the database. The caller passes callbacks to store each
completed step and each event as they happen, a key source, a clock and a voice,
so tests drive it with scripted keys and a manual clock.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol, TextIO

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from backcoach.core.catalogue import Exercise
from backcoach.core.reading import reading_seconds
from backcoach.core.records import EventKind, HurtSeverity
from backcoach.core.safety import hurt_advice
from backcoach.core.session import (
    Cue,
    Output,
    Phase,
    SessionEngine,
    SessionEvent,
    SessionOver,
    Snapshot,
    Sound,
    SoundCue,
    StepCompleted,
)
from backcoach.core.timeline import STEP_LABELS, Routine, Step, StepKind, Timeline

REFRESH_SECONDS = 0.1
LAST_WORDS_SECONDS = 15.0
KEY_HELP = "space pause/resume · n skip · b back · h it hurts · q quit"
HURT_HELP = "s  sharp or shooting pain (stop the session)   ·   m  mild stretch discomfort (skip this exercise)"

# --- keys and clocks -------------------------------------------------------------


class KeySource(Protocol):
    def read(self, timeout: float) -> str | None:
        """The next key pressed within ``timeout`` seconds, or None."""


class TerminalKeys:
    """Single key presses from the terminal, without Enter (cbreak mode while in use)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stdin
        self._ended = False  # end of input: no more keys will come

    @contextmanager
    def active(self) -> Iterator[TerminalKeys]:
        import termios
        import tty

        fd = self._stream.fileno()
        if not self._stream.isatty():
            yield self
            return
        saved = termios.tcgetattr(fd)
        try:
            tty.setcbreak(fd)
            yield self
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)

    def read(self, timeout: float) -> str | None:
        """At the end of input (a closed pipe, a hung-up terminal) it only waits out ``timeout``.

        A stream at its end is always "ready", so reading it again would spin the CPU.
        """
        import os
        import select
        import time

        if self._ended:
            time.sleep(max(0.0, timeout))
            return None
        ready, _, _ = select.select([self._stream], [], [], max(0.0, timeout))
        if not ready:
            return None
        data = os.read(self._stream.fileno(), 1)
        if not data:
            self._ended = True
            return None
        return data.decode(errors="ignore") or None


class ManualClock:
    """A clock that moves only when told: for tests and demos."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


class ScriptedKeys:
    """Key presses at set times on a :class:`ManualClock`; waiting advances the clock."""

    def __init__(self, clock: ManualClock, presses: list[tuple[float, str]]) -> None:
        self.clock = clock
        self.presses = sorted(presses)

    def read(self, timeout: float) -> str | None:
        wake = self.clock.now + max(timeout, 1e-3)
        if self.presses and self.presses[0][0] <= wake:
            at, key = self.presses.pop(0)
            self.clock.now = max(self.clock.now, at)
            return key
        self.clock.now = wake
        return None


# --- voice ----------------------------------------------------------------------


class Voice(Protocol):
    def say(self, text: str) -> None: ...
    def sound(self, sound: Sound) -> None: ...
    def close(self) -> None: ...


class BellVoice:
    """Plain sound cues: the terminal bell. Speaks nothing."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def say(self, text: str) -> None:
        pass

    def sound(self, sound: Sound) -> None:
        self.console.bell()

    def close(self) -> None:
        pass


class EspeakVoice(BellVoice):
    """Speaks cues with espeak-ng in the background; a newer cue cuts off an older one."""

    def __init__(self, console: Console, program: str) -> None:
        super().__init__(console)
        self.program = program
        self._speaking: subprocess.Popen[bytes] | None = None

    def say(self, text: str) -> None:
        self._stop()
        self._speaking = subprocess.Popen(
            [self.program, "-s", "150", text],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def _stop(self) -> None:
        if self._speaking is not None and self._speaking.poll() is None:
            self._speaking.terminate()
        self._speaking = None

    def close(self) -> None:
        """Let the last words (the end of the session, or the advice after sharp pain) finish."""
        if self._speaking is not None:
            try:
                self._speaking.wait(timeout=LAST_WORDS_SECONDS)
            except subprocess.TimeoutExpired:
                self._stop()
        self._speaking = None


class SilentVoice:
    def say(self, text: str) -> None:
        pass

    def sound(self, sound: Sound) -> None:
        pass

    def close(self) -> None:
        pass


def make_voice(console: Console, *, speak: bool = True) -> Voice:
    """espeak-ng when installed and wanted, the terminal bell otherwise (``--no-voice``)."""
    program = shutil.which("espeak-ng") if speak else None
    return EspeakVoice(console, program) if program else BellVoice(console)


# --- the screen -----------------------------------------------------------------

DIGITS = {
    "0": ("███", "█ █", "█ █", "█ █", "███"),
    "1": (" █ ", "██ ", " █ ", " █ ", "███"),
    "2": ("███", "  █", "███", "█  ", "███"),
    "3": ("███", "  █", "███", "  █", "███"),
    "4": ("█ █", "█ █", "███", "  █", "  █"),
    "5": ("███", "█  ", "███", "  █", "███"),
    "6": ("███", "█  ", "███", "█ █", "███"),
    "7": ("███", "  █", "  █", "  █", "  █"),
    "8": ("███", "█ █", "███", "█ █", "███"),
    "9": ("███", "█ █", "███", "  █", "███"),
    ":": ("   ", " █ ", "   ", " █ ", "   "),
}


def big_number(text: str, style: str = "bold cyan") -> Text:
    """Digits five lines tall, so the countdown reads from a mat across the room."""
    rows = ["  ".join(DIGITS[ch][row] for ch in text if ch in DIGITS) for row in range(5)]
    return Text("\n".join(rows), style=style, justify="center")


def countdown_text(seconds: float) -> str:
    whole = max(0, int(-(-seconds // 1)))  # round up: "1" shows until the very end
    return f"{whole // 60}:{whole % 60:02d}" if whole >= 60 else str(whole)


def clock_text(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


BEFORE_WORK = frozenset({StepKind.TRANSITION, StepKind.GET_READY})


def _bullets(title: str, lines: list[str], style: str) -> Text:
    return Text("\n".join(["", title, *(f"  • {line}" for line in lines)]), style=style)


def _instructions(
    exercise: Exercise | None, timeline: Timeline, index: int, position: float
) -> RenderableType:
    """The steps, then the cautions before the work and the stop signs during it.

    The cautions stay up until the person has had time to read them, even when the
    lead-in is shorter than that (no key press is needed to dismiss them here)."""
    if exercise is None:
        return Text()
    step = timeline.steps[index]
    first = next(i for i, s in enumerate(timeline.steps) if s.item_index == step.item_index)
    reading = position - timeline.starts[first] < reading_seconds(exercise.cautions)
    parts = [Text("\n".join(f"{n}. {s}" for n, s in enumerate(exercise.steps, 1)), style="dim")]
    if step.kind in BEFORE_WORK or reading:
        parts.append(_bullets("Take care:", list(exercise.cautions), "yellow"))
    if step.kind not in BEFORE_WORK:
        parts.append(_bullets("Stop if:", list(exercise.stop_if), "red"))
        parts.append(Text("Then press h (it hurts).", style="red"))
    return Group(*parts)


def _countdown(engine: SessionEngine, now: float, step: Step) -> RenderableType:
    """The large countdown; for a breath, a bar that fills on the in-breath and empties on the out."""
    left = engine.remaining_in_step(now)
    middle: RenderableType = big_number(countdown_text(left))
    if step.kind in (StepKind.BREATH_IN, StepKind.BREATH_OUT):
        lungs = step.seconds - left if step.kind is StepKind.BREATH_IN else left
        middle = Group(middle, ProgressBar(total=step.seconds, completed=lungs, width=40))
    if engine.phase is Phase.ASKING_HURT:
        return Text(
            f"It hurts: which kind of pain?\n\n{HURT_HELP}", style="bold yellow", justify="center"
        )
    if engine.phase is Phase.PAUSED:
        paused = Text("PAUSED: press space to go on", style="bold yellow", justify="center")
        return Group(middle, paused)
    return middle


def _progress(engine: SessionEngine, now: float) -> Table:
    total, position = engine.timeline.total_seconds, engine.position(now)
    progress = Table.grid(expand=True)
    progress.add_column(ratio=1)
    progress.add_column(justify="right")
    progress.add_row(
        ProgressBar(total=total, completed=position),
        f" {clock_text(position)} / {clock_text(total)}",
    )
    return progress


def _next_exercise(timeline: Timeline, index: int) -> str:
    item = timeline.steps[index].item_index
    following = next((s for s in timeline.steps[index + 1 :] if s.item_index != item), None)
    return timeline.exercise_names.get(following.exercise_id, "") if following else "the end"


def render(
    engine: SessionEngine,
    now: float,
    exercises: Mapping[str, Exercise],
    notice: str | None = None,
) -> RenderableType:
    """One frame: what to do now, how long is left, what comes next, and the keys.

    ``notice``: advice to keep on screen for a moment (after "it hurts").
    """
    timeline = engine.timeline
    index = engine.current_index(now)
    step = timeline.steps[index]
    name = timeline.exercise_names.get(step.exercise_id, step.exercise_id)
    items = 1 + timeline.steps[-1].item_index
    label = STEP_LABELS[step.kind] + (f", {step.side.value} side" if step.side else "")
    body = Group(
        Text(label, style="bold", justify="center"),
        Text(step.cue, justify="center"),
        Text(notice or "", style="bold yellow", justify="center"),
        _countdown(engine, now, step),
        Text(),
        _instructions(exercises.get(step.exercise_id), timeline, index, engine.position(now)),
        Text(),
        _progress(engine, now),
        Text(f"Next: {_next_exercise(timeline, index)}", style="italic"),
        Text(KEY_HELP, style="dim"),
    )
    title = f"[bold]{name}[/] ({step.item_index + 1} of {items})"
    return Panel(body, title=title, border_style="cyan")


# --- the loop -------------------------------------------------------------------


@dataclass
class PlayerResult:
    completed: bool = False
    stopped_for_pain: bool = False
    quit: bool = False
    interrupted: bool = False  # Ctrl-C: the engine is paused and can be resumed
    steps_completed: int = 0
    snapshot: Snapshot | None = None
    events: list[SessionEvent] = field(default_factory=list)


@dataclass
class _Dispatcher:
    voice: Voice
    on_step_completed: Callable[[StepCompleted], None]
    on_event: Callable[[SessionEvent], None]
    result: PlayerResult
    notice: str | None = None  # shown until the step after an "it hurts" completes

    def __call__(self, outputs: list[Output]) -> None:
        spoken: list[str] = []
        for output in outputs:
            if isinstance(output, Cue):
                spoken.append(output.text)
            elif isinstance(output, SoundCue):
                self.voice.sound(output.sound)
            elif isinstance(output, StepCompleted):
                self.result.steps_completed += 1
                self.notice = None
                self.on_step_completed(output)
            elif isinstance(output, SessionEvent):
                self.result.events.append(output)
                if output.kind is EventKind.HURT and output.severity is not None:
                    self.notice = hurt_advice(output.severity)
                self.on_event(output)
            elif isinstance(output, SessionOver):
                self.result.completed = output.completed
                self.result.stopped_for_pain = output.stopped_for_pain
        if spoken:  # one utterance, so the advice after "it hurts" is not cut off by the next cue
            self.voice.say(" ".join(spoken))


def _press(engine: SessionEngine, key: str, now: float) -> list[Output]:
    if engine.phase is Phase.ASKING_HURT:
        answers = {"s": HurtSeverity.SHARP, "m": HurtSeverity.MILD}
        if key.lower() in answers:
            return engine.answer_hurt(answers[key.lower()], now)
        return engine.finish(now) if key.lower() == "q" else []
    actions: dict[str, Callable[[float], list[Output]]] = {
        " ": engine.toggle_pause,
        "p": engine.toggle_pause,
        "n": engine.skip,
        "b": engine.back,
        "h": engine.hurt,
        "q": engine.finish,
    }
    action = actions.get(key.lower())
    return action(now) if action else []


def run_player(
    engine: SessionEngine,
    *,
    console: Console,
    keys: KeySource,
    clock: Callable[[], float],
    on_step_completed: Callable[[StepCompleted], None] | None = None,
    on_event: Callable[[SessionEvent], None] | None = None,
    voice: Voice | None = None,
    routine: Routine | None = None,
    refresh_seconds: float = REFRESH_SECONDS,
) -> PlayerResult:
    """Run a session in the terminal until it ends, the person quits, or Ctrl-C.

    ``engine``: a fresh ``SessionEngine`` (started here) or one restored from a
    snapshot (it stays paused until the person presses space).
    ``keys``: where key presses come from (``TerminalKeys`` inside ``.active()``,
    or ``ScriptedKeys`` in tests); its ``read(timeout)`` is the loop's only wait.
    ``clock``: monotonic seconds (``time.monotonic``, or a ``ManualClock``).
    ``on_step_completed`` / ``on_event``: called the moment a step completes or a
    pause, skip, back, hurt (with severity) or quit happens, to store progress.
    ``voice``: ``make_voice(console, speak=not no_voice)``; silent when None.
    ``routine``: when given, the exercise's steps, cautions and stop signs are shown.
    ``refresh_seconds``: the longest wait between screen updates.
    Returns a ``PlayerResult``; its ``snapshot`` lets an interrupted session resume.
    """
    voice = voice or SilentVoice()
    result = PlayerResult()
    exercises = {item.exercise.id: item.exercise for item in routine.items} if routine else {}
    dispatch = _Dispatcher(
        voice, on_step_completed or (lambda _: None), on_event or (lambda _: None), result
    )
    from rich.live import Live

    now = clock()
    dispatch(engine.start(now) if engine.phase is Phase.READY else [])
    try:
        with Live(
            render(engine, now, exercises, dispatch.notice), console=console, auto_refresh=False
        ) as live:
            while not engine.over:
                wait = engine.seconds_to_next_mark(now)
                key = keys.read(refresh_seconds if wait is None else min(refresh_seconds, wait))
                now = clock()
                dispatch((_press(engine, key, now) if key else []) + engine.tick(now))
                live.update(render(engine, now, exercises, dispatch.notice), refresh=True)
    except KeyboardInterrupt:
        now = clock()
        dispatch(engine.pause(now))
        result.interrupted = True
    finally:
        voice.close()
    result.quit = engine.phase is Phase.STOPPED and not result.stopped_for_pain
    result.snapshot = engine.snapshot(now)
    return result
