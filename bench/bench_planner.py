"""Plans per second (target: over 1,000) across lengths, levels, limits and seeds.

Uses the shipped catalogue when all 18 exercises of issue 2 are there, otherwise
the stand-in catalogue of the unit tests (said in the output).
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from backcoach.adapters.catalogue_files import load_catalogue
from backcoach.core.catalogue import Catalogue
from backcoach.core.options import Avoid, Equipment, Level
from backcoach.core.planner import PlanImpossible, plan
from backcoach.core.profile import History, HistoryEntry, Profile

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from exercise_fakes import ALL_IDS, fake_catalogue

TODAY = date(2026, 11, 22)


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0, help="how long to keep planning")
    seconds = parser.parse_args().seconds
    exercises, source = catalogue()
    history = History(entries=(HistoryEntry(on=TODAY, exercise_ids=("knee-to-chest", "cat-cow")),))
    cases = profiles()
    plans = impossible = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    while time.perf_counter() - started < seconds:
        for profile in cases:
            try:
                plan(profile, exercises, history, plans, TODAY)
            except PlanImpossible:
                impossible += 1
            plans += 1
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
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


if __name__ == "__main__":
    main()
