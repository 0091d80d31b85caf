"""Drift of the session engine: over a simulated 20-minute session with a fake clock
(target 0) and against the real monotonic clock (target under 20 ms).

Drift is how late the session ends compared with its plan: the start, plus every
planned step, plus the time spent paused.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date

from bench_planner import catalogue

from backcoach.core.options import Equipment, Level
from backcoach.core.planner import plan
from backcoach.core.profile import History, Profile
from backcoach.core.session import SessionEngine, StepCompleted
from backcoach.core.timeline import Step, StepKind, Timeline, build_timeline


def fake_clock_drift() -> tuple[float, float, float]:
    """(drift of the scheduled end, detection lag of the end, session seconds), in a fake clock."""
    exercises, _ = catalogue()
    profile = Profile(minutes=20, level=Level.ADVANCED, equipment=frozenset(Equipment))
    engine = SessionEngine(
        build_timeline(plan(profile, exercises, History(), 1, date(2026, 11, 22)))
    )
    rng = random.Random(0)
    start = now = 1000.0
    paused = 0.0
    engine.start(now)
    deadline = 0.0
    while not engine.over:
        now += rng.choice((1, 2, 3, 5, 8)) / 16  # irregular ticks, like a busy event loop
        if rng.random() < 0.002:
            engine.pause(now)
            now += 30.25
            paused += 30.25
            engine.resume(now)
        deadline = engine.deadline(len(engine.timeline) - 1) or deadline
        engine.tick(now)
    planned_end = start + paused + engine.timeline.total_seconds
    return deadline - planned_end, now - planned_end, engine.timeline.total_seconds


def steady_timeline(seconds: float) -> Timeline:
    """Steps of 1 to 3 s (many deadlines) adding up to ``seconds``."""
    rng = random.Random(1)
    steps: list[Step] = []
    starts: list[float] = []
    clock = 0.0
    while clock < seconds:
        length = min(rng.choice((1.0, 1.5, 2.0, 3.0)), seconds - clock)
        starts.append(clock)
        steps.append(Step(StepKind.HOLD, "bench", len(steps), length, "hold"))
        clock += length
    return Timeline(tuple(steps), tuple(starts), clock, {"bench": "bench"})


def real_clock_drift(seconds: float) -> tuple[float, float, int]:
    """(end drift, worst step lateness, steps) running like the player: wait for the next mark."""
    engine = SessionEngine(steady_timeline(seconds))
    start = time.monotonic()
    engine.start(start)
    worst = 0.0
    finished_at = start
    while not engine.over:
        wait = engine.seconds_to_next_mark(time.monotonic())
        time.sleep(min(0.1, wait or 0.0))
        now = time.monotonic()
        for output in engine.tick(now):
            if isinstance(output, StepCompleted):
                worst = max(worst, now - (start + engine.timeline.end_of(output.index)))
        finished_at = now
    return finished_at - (start + engine.timeline.total_seconds), worst, len(engine.timeline)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--real-seconds", type=float, default=120.0, help="real-clock run length")
    real_seconds = parser.parse_args().real_seconds
    fake_drift, fake_lag, fake_total = fake_clock_drift()
    real_drift, real_worst, steps = real_clock_drift(real_seconds)
    print(f"fake_clock_session_s: {fake_total:.0f}")
    print(f"fake_clock_drift_ms: {fake_drift * 1000:.3f} (target 0)")
    print(f"fake_clock_end_detected_late_ms: {fake_lag * 1000:.3f} (within one tick)")
    print(f"real_clock_session_s: {real_seconds:.0f} ({steps} steps)")
    print(f"real_clock_drift_ms: {real_drift * 1000:.3f} (target < 20)")
    print(f"real_clock_worst_step_late_ms: {real_worst * 1000:.3f}")
    print(
        f"fake_drift_ms: {fake_drift * 1000:.3f} real_drift_ms: {real_drift * 1000:.3f} "
        f"real_worst_step_ms: {real_worst * 1000:.3f}"
    )


if __name__ == "__main__":
    main()
