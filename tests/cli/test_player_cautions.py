"""The terminal coach shows an exercise's cautions while getting ready and its stop signs during it."""

from __future__ import annotations

import io

import pytest
from exercise_fakes import fake_catalogue
from rich.console import Console

from backcoach.cli.player import ManualClock, ScriptedKeys, render, run_player
from backcoach.core.reading import reading_seconds
from backcoach.core.session import SessionEngine
from backcoach.core.timeline import Dose, Routine, RoutineItem, StepKind, build_timeline

HOLD = 40


@pytest.fixture(scope="module")
def routine() -> Routine:
    exercise = fake_catalogue().get("knee-to-chest")
    return Routine(
        items=(RoutineItem(exercise=exercise, dose=Dose(sets=1, hold_seconds=HOLD), reason="t"),),
        lead_in_seconds=30,
    )


def screen_at(routine: Routine, seconds: float) -> tuple[str, StepKind]:
    """The terminal's frame ``seconds`` into the session."""
    engine = SessionEngine(build_timeline(routine))
    engine.start(0.0)
    engine.tick(seconds)
    exercises = {item.exercise.id: item.exercise for item in routine.items}
    console = Console(file=io.StringIO(), width=250, record=True)
    console.print(render(engine, seconds, exercises))
    return console.export_text(), engine.timeline.steps[engine.current_index(seconds)].kind


def test_get_ready_shows_the_cautions_and_not_yet_when_to_stop(routine: Routine) -> None:
    text, kind = screen_at(routine, 2.0)
    exercise = routine.items[0].exercise
    assert kind is StepKind.GET_READY
    assert "Take care:" in text
    assert all(caution in text for caution in exercise.cautions)
    assert "Stop if:" not in text


def test_the_hold_shows_when_to_stop_and_how(routine: Routine) -> None:
    exercise = routine.items[0].exercise
    assert reading_seconds(exercise.cautions) < 30  # read during the 30-second lead-in
    text, kind = screen_at(routine, 35.0)
    assert kind is StepKind.HOLD
    assert "Stop if:" in text and all(sign in text for sign in exercise.stop_if)
    assert "press h" in text
    assert exercise.cautions[0] not in text


def test_a_short_lead_in_keeps_the_cautions_up_until_there_was_time_to_read_them(
    routine: Routine,
) -> None:
    short = routine.model_copy(update={"lead_in_seconds": 0.0})
    exercise = short.items[0].exercise
    needed = reading_seconds(exercise.cautions)
    early, kind = screen_at(short, 1.0)
    assert kind is not StepKind.GET_READY
    assert exercise.cautions[0] in early and "Stop if:" in early
    later, _ = screen_at(short, needed + 1)
    assert exercise.cautions[0] not in later and "Stop if:" in later


def test_a_whole_session_in_the_terminal_shows_both() -> None:
    catalogue = fake_catalogue()
    routine = Routine(
        items=tuple(
            RoutineItem(exercise=catalogue.get(i), dose=Dose(sets=1, hold_seconds=10), reason="t")
            for i in ("knee-to-chest", "sphinx")
        )
    )
    clock = ManualClock(100.0)
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=250)
    result = run_player(
        SessionEngine(build_timeline(routine)),
        console=console,
        keys=ScriptedKeys(clock, []),
        clock=clock,
        routine=routine,
        refresh_seconds=1.0,
    )
    assert result.completed
    screen = out.getvalue()
    exercise = routine.items[0].exercise
    assert "Take care:" in screen and exercise.cautions[0] in screen
    assert "Stop if:" in screen and exercise.stop_if[0] in screen
