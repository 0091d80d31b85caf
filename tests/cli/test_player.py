"""The terminal player, driven by scripted keys on a manual clock."""

from __future__ import annotations

import io
import shutil

import pytest
from exercise_fakes import fake_catalogue
from rich.console import Console

from backcoach.cli.player import (
    BellVoice,
    EspeakVoice,
    ManualClock,
    PlayerResult,
    ScriptedKeys,
    big_number,
    make_voice,
    run_player,
)
from backcoach.core.catalogue import Catalogue
from backcoach.core.records import EventKind, HurtSeverity
from backcoach.core.safety import hurt_advice
from backcoach.core.session import SessionEngine, SessionEvent, Sound, StepCompleted
from backcoach.core.timeline import Dose, Routine, RoutineItem, build_timeline

START = 100.0


class RecordingVoice:
    def __init__(self) -> None:
        self.said: list[str] = []
        self.sounds: list[Sound] = []
        self.closed = False

    def say(self, text: str) -> None:
        self.said.append(text)

    def sound(self, sound: Sound) -> None:
        self.sounds.append(sound)

    def close(self) -> None:
        self.closed = True


@pytest.fixture(scope="module")
def routine() -> Routine:
    fakes: Catalogue = fake_catalogue()
    entries = [
        ("knee-to-chest", Dose(sets=1, hold_seconds=10)),
        ("sphinx", Dose(sets=1, hold_seconds=10)),
    ]
    return Routine(
        items=tuple(RoutineItem(exercise=fakes.get(i), dose=d, reason="t") for i, d in entries)
    )


class Run:
    def __init__(
        self,
        routine: Routine,
        presses: list[tuple[float, str]],
        engine: SessionEngine | None = None,
    ):
        self.clock = ManualClock(START)
        self.out = io.StringIO()
        self.voice = RecordingVoice()
        self.steps: list[StepCompleted] = []
        self.events: list[SessionEvent] = []
        self.engine = engine or SessionEngine(build_timeline(routine))
        self.result: PlayerResult = run_player(
            self.engine,
            console=Console(file=self.out, force_terminal=True, width=100),
            keys=ScriptedKeys(self.clock, [(START + t, k) for t, k in presses]),
            clock=self.clock,
            on_step_completed=self.steps.append,
            on_event=self.events.append,
            voice=self.voice,
            routine=routine,
            refresh_seconds=1.0,
        )

    @property
    def kinds(self) -> list[EventKind]:
        return [event.kind for event in self.events]


def test_a_session_runs_to_the_end_and_reports_every_step(routine: Routine) -> None:
    run = Run(routine, [])
    total = run.engine.timeline.total_seconds
    assert run.result.completed and not run.result.quit
    assert [s.index for s in run.steps] == list(range(len(run.engine.timeline)))
    assert run.clock.now == pytest.approx(START + total, abs=1e-6)
    screen = run.out.getvalue()
    assert "Single knee-to-chest stretch" in screen and "Next: Sphinx" in screen
    assert "███" in screen  # the large countdown
    assert "Switch sides" in run.voice.said
    assert Sound.HALFWAY in run.voice.sounds and Sound.DONE in run.voice.sounds
    assert run.voice.closed


def test_space_pauses_and_resumes(routine: Routine) -> None:
    run = Run(routine, [(3, " "), (33, " ")])
    assert run.kinds == [EventKind.PAUSE, EventKind.RESUME]
    assert run.clock.now == pytest.approx(START + run.engine.timeline.total_seconds + 30, abs=1e-6)
    assert "PAUSED" in run.out.getvalue()


def test_it_hurts_then_sharp_stops_the_session(routine: Routine) -> None:
    run = Run(routine, [(8, "h"), (12, "s")])
    assert run.result.stopped_for_pain and not run.result.completed
    hurt = run.events[-1]
    assert (hurt.kind, hurt.severity, hurt.exercise_id) == (
        EventKind.HURT,
        HurtSeverity.SHARP,
        "knee-to-chest",
    )
    assert "which kind of pain" in run.out.getvalue()


def test_it_hurts_then_mild_skips_the_exercise(routine: Routine) -> None:
    run = Run(routine, [(8, "h"), (12, "m")])
    assert run.result.completed
    assert run.events[-1].severity is HurtSeverity.MILD
    done = {s.step.exercise_id for s in run.steps if s.step.kind.value == "hold"}
    assert "sphinx" in done
    assert not [
        s for s in run.steps if s.step.exercise_id == "knee-to-chest" and s.step.side == "left"
    ]


def test_after_a_mild_hurt_the_terminal_shows_and_says_the_safety_advice(
    routine: Routine,
) -> None:
    advice = hurt_advice(HurtSeverity.MILD)
    run = Run(routine, [(8, "h"), (12, "m")])
    assert advice in run.out.getvalue()  # on screen while the next exercise gets ready
    # Said in one breath with the next cue, so the next cue does not cut it off.
    (said,) = [text for text in run.voice.said if advice in text]
    assert said.startswith(advice) and len(said) > len(advice)


def test_skip_back_and_quit_keys(routine: Routine) -> None:
    run = Run(routine, [(1, "n"), (2, "b"), (10, "q")])
    assert run.kinds == [EventKind.SKIP, EventKind.BACK, EventKind.QUIT]
    assert run.result.quit and not run.result.completed


class InterruptingKeys:
    def __init__(self, clock: ManualClock, at: float) -> None:
        self.clock, self.at = clock, at

    def read(self, timeout: float) -> str | None:
        if self.clock.now >= self.at:
            raise KeyboardInterrupt
        self.clock.now += timeout or 1e-3
        return None


def test_ctrl_c_pauses_and_the_snapshot_resumes_the_rest(routine: Routine) -> None:
    clock = ManualClock(START)
    engine = SessionEngine(build_timeline(routine))
    first: list[StepCompleted] = []
    result = run_player(engine, console=Console(file=io.StringIO()), keys=InterruptingKeys(clock, START + 20),
                        clock=clock, on_step_completed=first.append)  # fmt: skip
    assert result.interrupted and result.snapshot and result.snapshot.paused
    restored = SessionEngine.restore(engine.timeline, result.snapshot)
    rest = Run(routine, [(1, " ")], engine=restored)
    assert rest.result.completed
    assert [s.index for s in first + rest.steps] == list(range(len(engine.timeline)))


def test_voice_is_espeak_when_installed_and_wanted_else_the_bell() -> None:
    console = Console(file=io.StringIO())
    assert isinstance(make_voice(console, speak=False), BellVoice)
    assert not isinstance(make_voice(console, speak=False), EspeakVoice)
    if shutil.which("espeak-ng") is None:
        assert type(make_voice(console)) is BellVoice
    else:
        assert isinstance(make_voice(console), EspeakVoice)


def test_bell_voice_rings_on_sounds() -> None:
    out = io.StringIO()
    BellVoice(Console(file=out, force_terminal=True)).sound(Sound.START)
    assert "\a" in out.getvalue()


def test_big_numbers_are_five_lines_tall() -> None:
    assert len(big_number("1:05").plain.splitlines()) == 5


def test_terminal_keys_read_single_presses_without_waiting_for_enter() -> None:
    import os

    from backcoach.cli.player import TerminalKeys

    read_end, write_end = os.pipe()
    with os.fdopen(read_end) as stream, os.fdopen(write_end, "w") as writer:
        keys = TerminalKeys(stream)
        with keys.active():
            assert keys.read(0.01) is None
            writer.write("n")
            writer.flush()
            assert keys.read(1.0) == "n"


def test_terminal_keys_stop_reading_at_the_end_of_input_without_spinning() -> None:
    import os
    import time
    from unittest import mock

    from backcoach.cli.player import TerminalKeys

    read_end, write_end = os.pipe()
    os.write(write_end, b"q")
    os.close(write_end)  # the end of input: a pipe that has run dry
    with os.fdopen(read_end) as stream:
        keys = TerminalKeys(stream)
        assert keys.read(1.0) == "q"
        assert keys.read(1.0) is None  # end of input: no more keys
        with mock.patch("os.read", wraps=os.read) as reads:
            started = time.monotonic()
            for _ in range(3):
                assert keys.read(0.05) is None
            waited = time.monotonic() - started
        assert reads.call_count == 0  # it stopped reading
        assert waited >= 0.14  # each call waits out its timeout instead of returning at once


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_espeak_speaks_in_the_background_and_a_new_cue_cuts_the_old_one() -> None:
    import time

    voice = EspeakVoice(Console(file=io.StringIO()), "espeak-ng")
    started = time.monotonic()
    voice.say("Hold for thirty seconds, right side. Breathe easily and let the stretch settle.")
    first = voice._speaking
    voice.say("Switch sides")
    assert time.monotonic() - started < 0.5  # never blocks the countdown
    assert first is not None and first.wait(timeout=5) is not None
    voice.close()
    assert voice._speaking is None
