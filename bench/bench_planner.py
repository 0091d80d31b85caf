"""Plans per second (target: over 1,000) across lengths, levels, limits and seeds.

Then again with the programme worked out before every plan, as ``backcoach plan`` and
Today do, from a realistic 12-week history: a person who practised three days a week on
the plans given, with pain mostly easing, a few "it hurts" and one flare-up.

Uses the shipped catalogue when all 18 exercises of issue 2 are there, otherwise
the stand-in catalogue of the unit tests (said in the output).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from backcoach.adapters.catalogue_files import load_catalogue
from backcoach.core.catalogue import Catalogue
from backcoach.core.options import Avoid, Equipment, Level
from backcoach.core.planner import PlanImpossible, plan
from backcoach.core.profile import History, HistoryEntry, HurtEvent, Profile
from backcoach.core.programme import programme

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from exercise_fakes import ALL_IDS, fake_catalogue

TODAY = date(2026, 11, 22)
WEEKS = 12
PRACTICE_DAYS = (0, 2, 4)  # Monday, Wednesday, Friday


def catalogue() -> tuple[Catalogue, str]:
    shipped = load_catalogue()
    if set(ALL_IDS) <= set(shipped.ids):
        return shipped, "shipped"
    return fake_catalogue(), "test stand-in (shipped catalogue incomplete)"


def profiles() -> list[Profile]:
    kit = frozenset(Equipment)
    return [
        Profile(minutes=minutes, level=level, equipment=equipment, avoid=avoid, pain=pain)
        for minutes in (5, 10, 20, 30, 45, 60)
        for level in Level
        for equipment, avoid in (
            (frozenset(), frozenset()),
            (kit, frozenset({Avoid.KNEELING})),
            (frozenset(), frozenset({Avoid.FLOOR})),  # chair and standing work only
        )
        for pain in (0, 6, 8)
    ]


def twelve_weeks(exercises: Catalogue) -> tuple[History, list[date]]:
    """A person's last 12 weeks up to TODAY: each session is the plan they were given."""
    rng = random.Random(12)
    entries: list[HistoryEntry] = []
    hurts: list[HurtEvent] = []
    flares = [TODAY - timedelta(weeks=5)]
    profile = Profile(minutes=15)
    for back in range(WEEKS * 7, 0, -1):
        day = TODAY - timedelta(days=back)
        if day.weekday() not in PRACTICE_DAYS:
            continue
        history = History(entries=tuple(entries), hurts=tuple(hurts))
        state = programme(
            history, exercises, level=profile.level, days_per_week=3, flares=flares, today=day
        )
        ids = plan(profile, exercises, history, day.toordinal(), day, programme=state).exercise_ids
        after = 4 if rng.random() < 0.15 else 2
        entries.append(
            HistoryEntry(on=day, exercise_ids=tuple(ids), pain_before=3, pain_after=after)
        )
        if rng.random() < 0.05:
            hurts.append(HurtEvent(exercise_id=ids[-1], on=day))
    return History(entries=tuple(entries), hurts=tuple(hurts)), flares


def measure(
    cases: list[Profile], seconds: float, one: Callable[[Profile, int], object]
) -> tuple[int, int, float, float]:
    """(plans, refused, wall seconds, CPU seconds) planning every case until time is up."""
    plans = impossible = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    while time.perf_counter() - started < seconds:
        for profile in cases:
            try:
                one(profile, plans)
            except PlanImpossible:
                impossible += 1
            plans += 1
    return plans, impossible, time.perf_counter() - started, time.process_time() - cpu_started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0, help="how long to keep planning")
    seconds = parser.parse_args().seconds
    exercises, source = catalogue()
    history = History(entries=(HistoryEntry(on=TODAY, exercise_ids=("knee-to-chest", "cat-cow")),))
    cases = profiles()
    plans, impossible, elapsed, cpu = measure(
        cases, seconds, lambda profile, seed: plan(profile, exercises, history, seed, TODAY)
    )
    rate = plans / elapsed
    # On a shared machine wall time includes waiting for a core; CPU time does not.
    cpu_rate = plans / cpu
    print(f"catalogue: {source}")
    print(f"profiles: {len(cases)}")
    print(f"plans: {plans}")
    print(f"impossible_share: {impossible / plans:.2f}")
    print(f"plans_per_second: {rate:.0f} (target > 1000)")
    print(f"plans_per_cpu_second: {cpu_rate:.0f}")
    print(
        f"plans_per_second: {rate:.0f} plans_per_cpu_second: {cpu_rate:.0f} "
        f"mean_cpu_ms: {1000 / cpu_rate:.3f} plans: {plans}"
    )
    with_programme(exercises, cases, seconds)


def with_programme(exercises: Catalogue, cases: list[Profile], seconds: float) -> None:
    long_history, flares = twelve_weeks(exercises)

    def one(profile: Profile, seed: int) -> object:
        state = programme(
            long_history, exercises, level=profile.level, days_per_week=3, flares=flares,
            today=TODAY,
        )  # fmt: skip
        return plan(profile, exercises, long_history, seed, TODAY, programme=state)

    plans, _, elapsed, cpu = measure(cases, seconds, one)
    print(f"programme_history_sessions: {len(long_history.entries)}")
    print(f"programme_history_hurts: {len(long_history.hurts)}")
    print(f"plans_with_programme: {plans}")
    print(f"plans_per_second_with_programme: {plans / elapsed:.0f} (target > 1000)")
    print(f"plans_per_cpu_second_with_programme: {plans / cpu:.0f}")


if __name__ == "__main__":
    main()
