"""Cold-start time of the CLI and the time to load and validate the catalogue.

Targets on a 2-core machine: `backcoach --help` under 0.15 s, `backcoach exercises list`
under 0.3 s (median of fresh processes).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def command() -> list[str]:
    script = shutil.which("backcoach") or str(Path(sys.executable).with_name("backcoach"))
    return [script]


def median_seconds(args: list[str], runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def catalogue_load_seconds(runs: int) -> float:
    from backcoach.adapters.catalogue_files import load_catalogue

    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        load_catalogue()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    base = command()
    subprocess.run([*base, "--help"], check=True, capture_output=True)  # warm the OS file cache
    help_s = median_seconds([*base, "--help"], runs)
    list_s = median_seconds([*base, "exercises", "list"], runs)
    load_s = catalogue_load_seconds(runs)
    print(f"help_cold_start_s: {help_s:.3f} (target < 0.15)")
    print(f"exercises_list_cold_start_s: {list_s:.3f} (target < 0.30)")
    print(f"catalogue_load_validate_s: {load_s:.4f}")
    print(f"help_s: {help_s:.3f} list_s: {list_s:.3f} catalogue_load_s: {load_s:.4f}")


if __name__ == "__main__":
    main()
