"""Run a stored session in the terminal player, saving each step and event as it happens.

The player knows nothing about the database; the callbacks here store every
completed step and every event through the services, so Ctrl-C or a crash
loses nothing already done and ``backcoach start`` can resume afterwards.
"""

from __future__ import annotations

import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer

from backcoach.cli.context import Context, local_now
from backcoach.cli.errors import UserError
from backcoach.cli.prompts import ask_number

if TYPE_CHECKING:
    from rich.console import Console

    from backcoach.cli.player import KeySource, PlayerResult
    from backcoach.core.records import SessionRecord
    from backcoach.core.session import SessionEngine, SessionEvent, StepCompleted
    from backcoach.core.timeline import Routine

INTERRUPTED_EXIT = 130
# How often the screen redraws between events (tests on a manual clock use a coarser one).
REFRESH_SECONDS = 0.1
PAIN_AFTER = "How much pain do you have now, after the session?"


class _WaitingKeys:
    """Without a terminal there are no key presses: just let the time pass."""

    def read(self, timeout: float) -> str | None:
        time.sleep(max(0.0, timeout))
        return None


@contextmanager
def terminal_input() -> Iterator[tuple[KeySource, Callable[[], float]]]:
    """Key presses and the monotonic clock; tests replace this with scripted ones."""
    from backcoach.cli.player import TerminalKeys

    if sys.stdin is None or not sys.stdin.isatty():
        yield _WaitingKeys(), time.monotonic
        return
    with TerminalKeys().active() as keys:
        yield keys, time.monotonic


def make_engine(routine: Routine, start_at: int) -> SessionEngine:
    from backcoach.core.session import SessionEngine, Snapshot
    from backcoach.core.timeline import build_timeline

    timeline = build_timeline(routine)
    if start_at <= 0:
        return SessionEngine(timeline)
    return SessionEngine.restore(timeline, Snapshot(step_index=start_at, elapsed_in_step=0))


class _Recorder:
    """The player's callbacks: store each step and event the moment it happens."""

    def __init__(self, ctx: Context, session_id: int, names: dict[str, str]) -> None:
        self.ctx, self.session_id, self.names = ctx, session_id, names
        self.messages: list[str] = []

    def step_completed(self, done: StepCompleted) -> None:
        from backcoach import services

        step = done.step
        services.record_step(
            store=self.ctx.store, session_id=self.session_id, index=done.index, kind=step.kind.value,
            seconds=step.seconds, exercise_id=step.exercise_id, side=step.side.value if step.side else None,
            now=local_now(),
        )  # fmt: skip

    def event(self, event: SessionEvent) -> None:
        from backcoach import services

        outcome = services.record_event(
            store=self.ctx.store, session_id=self.session_id, kind=event.kind, now=local_now(),
            exercise_id=event.exercise_id, step_index=event.index, severity=event.severity,
            event_id=str(uuid.uuid4()),
        )  # fmt: skip
        if outcome.paused_exercise and outcome.paused_until:
            self.messages.append(
                f"{self.names.get(outcome.paused_exercise, outcome.paused_exercise)} is left out "
                f"of your routines until {outcome.paused_until:%Y-%m-%d}; "
                "the next sessions will be gentler."
            )
        if outcome.advice:
            self.messages.append(outcome.advice)


def run_session(
    ctx: Context,
    console: Console,
    *,
    session: SessionRecord,
    routine: Routine,
    start_at: int,
    voice: bool,
) -> None:
    from backcoach.cli.player import PlayerResult, make_voice, run_player

    engine = make_engine(routine, start_at)
    recorder = _Recorder(ctx, session.id, engine.timeline.exercise_names)
    if start_at >= len(engine.timeline):  # every step was done before the interruption
        _finish(ctx, console, session.id, PlayerResult(completed=True))
        return
    if start_at:
        console.print(
            f"Resuming at step {start_at + 1} of {len(engine.timeline)}: press space to go on."
        )
    console.print("Keys: space pause/resume · n skip · b back · h it hurts · q quit")
    with terminal_input() as (keys, clock):
        result = run_player(
            engine, console=console, keys=keys, clock=clock, routine=routine,
            on_step_completed=recorder.step_completed, on_event=recorder.event,
            voice=make_voice(console, speak=voice), refresh_seconds=REFRESH_SECONDS,
        )  # fmt: skip
    for message in recorder.messages:
        console.print(f"[yellow]{message}[/]")
    if result.interrupted:
        console.print(
            f"Session paused and saved ({result.steps_completed} step(s) done this time). "
            "Run `backcoach start` to resume it."
        )
        raise typer.Exit(INTERRUPTED_EXIT)
    _finish(ctx, console, session.id, result)


def _finish(ctx: Context, console: Console, session_id: int, result: PlayerResult) -> None:
    from rich.panel import Panel

    from backcoach import services

    try:
        pain_after: int | None = ask_number(PAIN_AFTER, 0, 10)
    except UserError:
        services.finish_session(store=ctx.store, session_id=session_id, now=local_now(), pain_after=None,
                                completed=result.completed)  # fmt: skip
        raise
    outcome = services.finish_session(
        store=ctx.store,
        session_id=session_id,
        now=local_now(),
        pain_after=pain_after,
        completed=result.completed,
    )
    done = outcome.session
    verdict = "Session complete. Well done." if result.completed else "Session ended early."
    console.print(
        f"{verdict} {done.minutes:g} minute(s), pain {done.pain_before} -> {done.pain_after}."
    )
    for advice in outcome.advice:
        console.print(Panel(advice, border_style="red"))
    if services.peg_due(store=ctx.store, profile_id=ctx.profile_id, now=local_now()):
        console.print(
            "A weekly check-in is due: run [bold]backcoach peg[/] (three quick questions)."
        )
