"""The session engine, driven by a fake clock."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime

import pytest
from exercise_fakes import INHALE, fake_catalogue

from backcoach.core import safety
from backcoach.core.catalogue import Catalogue
from backcoach.core.options import Equipment
from backcoach.core.planner import plan
from backcoach.core.profile import History, Profile
from backcoach.core.records import EventKind, EventRecord, HurtSeverity, StepRecord
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
    StepStarted,
    resume_point,
)
from backcoach.core.timeline import Dose, Routine, RoutineItem, StepKind, Timeline, build_timeline

START = 1000.0


@pytest.fixture(scope="module")
def fakes() -> Catalogue:
    return fake_catalogue()


def routine_of(catalogue: Catalogue, *entries: tuple[str, Dose]) -> Routine:
    items = tuple(RoutineItem(exercise=catalogue.get(i), dose=d, reason="test") for i, d in entries)
    return Routine(items=items)


def hold_then_flow(fakes: Catalogue) -> Timeline:
    return build_timeline(
        routine_of(
            fakes,
            ("knee-to-chest", Dose(sets=1, hold_seconds=20)),  # per side
            ("cat-cow", Dose(sets=1, reps=3)),
            ("sphinx", Dose(sets=2, hold_seconds=20)),
        )
    )


def run_to_end(
    engine: SessionEngine, step: float = 0.25, start: float = START
) -> list[tuple[float, Output]]:
    out: list[tuple[float, Output]] = [(start, o) for o in engine.start(start)]
    now = start
    while not engine.over:
        now += step
        out += [(now, o) for o in engine.tick(now)]
        assert now < start + engine.timeline.total_seconds + 10, "the session never ended"
    return out


def of_type(outputs: Sequence[tuple[float, Output]], kind: type) -> list[tuple[float, Output]]:
    return [(t, o) for t, o in outputs if isinstance(o, kind)]


def test_the_timer_ends_when_the_timeline_ends(fakes: Catalogue) -> None:
    engine = SessionEngine(hold_then_flow(fakes))
    total = engine.timeline.total_seconds
    engine.start(START)
    engine.tick(START + total - 0.5)
    assert not engine.over
    out = engine.tick(START + total)
    assert engine.phase is Phase.FINISHED
    assert SessionOver(completed=True) in out
    assert engine.tick(START + total + 5) == []


def test_every_step_completes_once_in_order(fakes: Catalogue) -> None:
    engine = SessionEngine(hold_then_flow(fakes))
    done = [o.index for _, o in of_type(run_to_end(engine, 0.7), StepCompleted)]  # type: ignore[attr-defined]
    assert done == list(range(len(engine.timeline)))


def test_pause_stops_the_countdown(fakes: Catalogue) -> None:
    engine = SessionEngine(hold_then_flow(fakes))
    engine.start(START)
    engine.tick(START + 7)
    left = engine.remaining_in_step(START + 7)
    engine.pause(START + 7)
    assert engine.remaining_in_step(START + 60) == left
    assert engine.tick(START + 60) == []
    engine.resume(START + 67)
    assert engine.remaining_in_step(START + 68) == pytest.approx(left - 1)
    total = engine.timeline.total_seconds
    engine.tick(START + total + 59)
    assert not engine.over
    engine.tick(START + total + 60)
    assert engine.phase is Phase.FINISHED


def test_per_side_exercises_cue_switch_sides(fakes: Catalogue) -> None:
    engine = SessionEngine(hold_then_flow(fakes))
    steps = engine.timeline.steps
    assert [s.kind for s in steps if s.exercise_id == "knee-to-chest"].count(
        StepKind.SWITCH_SIDES
    ) == 1
    sides = [s.side for s in steps if s.exercise_id == "knee-to-chest" and s.kind is StepKind.HOLD]
    assert [side.value for side in sides if side] == ["right", "left"]
    cues = [o.text for _, o in of_type(run_to_end(engine), Cue)]  # type: ignore[attr-defined]
    assert "Switch sides" in cues


def test_flows_pace_the_breath_with_the_catalogue_cues(fakes: Catalogue) -> None:
    engine = SessionEngine(hold_then_flow(fakes))
    flow = [
        s
        for s in engine.timeline.steps
        if s.exercise_id == "cat-cow" and s.kind.value.startswith("breath")
    ]
    assert [s.kind for s in flow] == [StepKind.BREATH_IN, StepKind.BREATH_OUT] * 3
    cues = [o.text for _, o in of_type(run_to_end(engine), Cue)]  # type: ignore[attr-defined]
    assert cues.count(INHALE) == 3


def test_sounds_mark_start_halfway_last_three_seconds_and_done(fakes: Catalogue) -> None:
    engine = SessionEngine(
        build_timeline(routine_of(fakes, ("sphinx", Dose(sets=1, hold_seconds=20))))
    )
    sounds = [(t - START, o.sound) for t, o in of_type(run_to_end(engine, 0.5), SoundCue)]  # type: ignore[attr-defined]
    # 5 s get-ready, then a 20 s hold.
    assert sounds == [
        (2, Sound.COUNTDOWN), (3, Sound.COUNTDOWN), (4, Sound.COUNTDOWN), (5, Sound.START),
        (15, Sound.HALFWAY), (22, Sound.COUNTDOWN), (23, Sound.COUNTDOWN), (24, Sound.COUNTDOWN),
        (25, Sound.DONE),
    ]  # fmt: skip


def test_no_drift_over_a_twenty_minute_session(fakes: Catalogue) -> None:
    profile = Profile(minutes=20, level="advanced", equipment=frozenset(Equipment))
    routine = plan(profile, fakes, History(), 5, date(2026, 11, 22))
    engine = SessionEngine(build_timeline(routine))
    rng = random.Random(0)
    now, paused = START, 0.0
    engine.start(now)
    lateness, final_deadline = [], 0.0
    while not engine.over:
        now += rng.choice((1, 2, 3, 5, 8)) / 16  # irregular ticks, exact in binary
        if rng.random() < 0.002:
            engine.pause(now)
            now += 30.5
            paused += 30.5
            engine.resume(now)
        final_deadline = engine.deadline(len(engine.timeline) - 1) or 0.0
        for output in engine.tick(now):
            if isinstance(output, StepCompleted):
                planned = START + paused + engine.timeline.end_of(output.index)
                lateness.append(now - planned)
    assert paused > 0
    assert len(lateness) == len(engine.timeline)
    # Never early, never more than one tick late, and not growing over the session.
    assert min(lateness) >= 0
    assert max(lateness) < 0.5
    assert final_deadline == START + paused + engine.timeline.total_seconds  # exactly, no drift
    assert engine.timeline.total_seconds >= 18 * 60


def test_sharp_pain_stops_the_session(fakes: Catalogue) -> None:
    engine = SessionEngine(hold_then_flow(fakes))
    engine.start(START)
    engine.tick(START + 10)
    asked = engine.hurt(START + 10)
    assert engine.phase is Phase.ASKING_HURT
    assert any(isinstance(o, Cue) and "sharp" in o.text for o in asked)
    assert engine.tick(START + 40) == []  # nothing moves while it asks
    out = engine.answer_hurt(HurtSeverity.SHARP, START + 40)
    assert engine.phase is Phase.STOPPED
    hurt = next(o for o in out if isinstance(o, SessionEvent))
    assert (hurt.kind, hurt.severity, hurt.exercise_id) == (
        EventKind.HURT,
        HurtSeverity.SHARP,
        "knee-to-chest",
    )
    assert SessionOver(completed=False, stopped_for_pain=True) in out


def test_mild_discomfort_skips_to_the_next_exercise(fakes: Catalogue) -> None:
    engine = SessionEngine(hold_then_flow(fakes))
    engine.start(START)
    engine.tick(START + 10)
    engine.hurt(START + 10)
    out = engine.answer_hurt(HurtSeverity.MILD, START + 20)
    assert engine.phase is Phase.RUNNING
    hurt = next(o for o in out if isinstance(o, SessionEvent))
    assert (hurt.severity, hurt.exercise_id) == (HurtSeverity.MILD, "knee-to-chest")
    started = next(o for o in out if isinstance(o, StepStarted))
    assert started.step.exercise_id == "cat-cow" and started.step.kind is StepKind.TRANSITION
    assert engine.timeline.steps[engine.current_index(START + 21)].exercise_id == "cat-cow"


@pytest.mark.parametrize("severity", list(HurtSeverity))
def test_the_advice_after_it_hurts_is_the_safety_rule(
    fakes: Catalogue, severity: HurtSeverity
) -> None:
    engine = SessionEngine(hold_then_flow(fakes))
    engine.start(START)
    engine.hurt(START + 10)
    out = engine.answer_hurt(severity, START + 12)
    spoken = [o.text for o in out if isinstance(o, Cue)]
    assert spoken[0] == safety.hurt_advice(severity)  # said before anything else
    if severity is HurtSeverity.MILD:
        assert "Ease out of the position slowly" in spoken[0]


AT = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def done(*indexes: int) -> list[StepRecord]:
    return [StepRecord(index=i, kind="hold", seconds=1.0, completed_at=AT) for i in indexes]


def event(kind: EventKind, index: int, severity: HurtSeverity | None = None) -> EventRecord:
    return EventRecord(kind=kind, at=AT, step_index=index, severity=severity)


def test_a_session_resumes_after_the_exercise_it_skipped(fakes: Catalogue) -> None:
    timeline = hold_then_flow(fakes)
    second = timeline.item_start_index(1)
    first_hold = next(i for i, s in enumerate(timeline.steps) if s.kind is StepKind.HOLD)
    assert resume_point(timeline, done(0), []) == 1
    # Skipped during the first exercise's hold: carry on at the next exercise.
    assert resume_point(timeline, done(0), [event(EventKind.SKIP, first_hold)]) == second
    mild = event(EventKind.HURT, first_hold, HurtSeverity.MILD)
    assert resume_point(timeline, done(0), [mild]) == second
    # Pauses and going back change nothing; steps done after a skip still count.
    assert resume_point(timeline, done(0), [event(EventKind.PAUSE, first_hold)]) == 1
    later = done(*range(second + 2))
    assert resume_point(timeline, later, [event(EventKind.SKIP, first_hold)]) == second + 2
    # A sharp pain or a quit ended the session: only the question about pain after is left.
    sharp = event(EventKind.HURT, first_hold, HurtSeverity.SHARP)
    assert resume_point(timeline, done(0), [sharp]) == len(timeline)
    assert resume_point(timeline, done(0), [event(EventKind.QUIT, 1)]) == len(timeline)


def test_skip_and_back_move_between_exercises(fakes: Catalogue) -> None:
    engine = SessionEngine(hold_then_flow(fakes))
    engine.start(START)
    engine.tick(START + 3)
    out = engine.skip(START + 3)
    assert SessionEvent(EventKind.SKIP, 3.0, 0, "knee-to-chest") in out
    assert engine.timeline.steps[engine.current_index(START + 4)].exercise_id == "cat-cow"
    engine.back(START + 4)  # just arrived: back to the exercise before
    assert engine.current_index(START + 4) == 0
    engine.tick(START + 15)
    engine.back(START + 15)  # well into it: restart this one
    assert engine.current_index(START + 15) == 0
    completed = [o for o in run_tail(engine, START + 15) if isinstance(o, StepCompleted)]
    assert completed[0].index == 0


def run_tail(engine: SessionEngine, now: float) -> list[Output]:
    out: list[Output] = []
    while not engine.over:
        now += 1
        out += engine.tick(now)
    return out


def test_skipping_the_last_exercise_ends_the_session(fakes: Catalogue) -> None:
    engine = SessionEngine(
        build_timeline(routine_of(fakes, ("sphinx", Dose(sets=1, hold_seconds=20))))
    )
    engine.start(START)
    engine.skip(START + 1)
    assert engine.phase is Phase.FINISHED


def test_quitting_stops_and_is_recorded(fakes: Catalogue) -> None:
    engine = SessionEngine(hold_then_flow(fakes))
    engine.start(START)
    out = engine.finish(START + 12)
    assert engine.phase is Phase.STOPPED
    assert any(isinstance(o, SessionEvent) and o.kind is EventKind.QUIT for o in out)
    assert SessionOver(completed=False) in out


def test_a_snapshot_resumes_where_the_session_left_off(fakes: Catalogue) -> None:
    engine = SessionEngine(hold_then_flow(fakes))
    engine.start(START)
    done_before = [o.index for o in engine.tick(START + 33) if isinstance(o, StepCompleted)]
    snapshot = type(engine.snapshot(START + 33)).model_validate_json(
        engine.snapshot(START + 33).model_dump_json()
    )
    restored = SessionEngine.restore(engine.timeline, snapshot)
    assert restored.phase is Phase.PAUSED
    restored.resume(5000.0)
    rest = [o.index for o in run_tail(restored, 5000.0) if isinstance(o, StepCompleted)]
    assert done_before + rest == list(range(len(engine.timeline)))


def test_empty_timeline_is_refused() -> None:
    with pytest.raises(ValueError):
        SessionEngine(build_timeline(Routine(items=())))


def test_without_a_lead_in_each_step_of_no_seconds_completes_once(fakes: Catalogue) -> None:
    # Two exercises in one position: no transition between them, so with no lead-in the
    # second starts with a get-ready step of 0 seconds, at the moment the first ends.
    routine = routine_of(
        fakes,
        ("knee-to-chest", Dose(sets=1, hold_seconds=20)),
        ("sphinx", Dose(sets=1, hold_seconds=20)),
    ).model_copy(update={"lead_in_seconds": 0.0})
    timeline = build_timeline(routine)
    instant = [n for n, step in enumerate(timeline.steps) if step.seconds == 0]
    assert instant and instant[0] == 0
    through = [o.index for _, o in of_type(run_to_end(SessionEngine(timeline)), StepCompleted)]
    assert through == list(range(len(timeline)))
    second = timeline.item_start_index(1)
    skipping = SessionEngine(timeline)
    skipping.start(START)
    skipping.tick(START + 2)
    after_skip = skipping.skip(START + 2) + run_tail(skipping, START + 2)
    completed = [o.index for o in after_skip if isinstance(o, StepCompleted)]
    assert completed == list(range(second, len(timeline)))
    assert [o.index for o in after_skip if isinstance(o, StepStarted)][:2] == [second, second + 1]
    resumed = SessionEngine.restore(timeline, Snapshot(step_index=second, elapsed_in_step=0))
    resumed.resume(START)
    completed = [o.index for o in run_tail(resumed, START) if isinstance(o, StepCompleted)]
    assert completed == list(range(second, len(timeline)))
