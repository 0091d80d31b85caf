"""Run ``backcoach ARGS`` as its own process, on the tests' day, with session time sped up.

Run as ``python tests/cli/coach_process.py --now ISO --speed S -- ARGS``. Everything is
the real command (terminal, keys, store); only two clocks differ, and only here, in
test mode: the date (``--now``; plans depend on it) and the player's monotonic clock,
which runs ``--speed`` times faster so a five-minute session plays in seconds.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--now", type=datetime.fromisoformat, required=True)
    parser.add_argument("--speed", type=float, default=1.0)
    parser.add_argument("args", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    from clocks import steady_clock

    from backcoach.cli import context, session_run
    from backcoach.cli.main import run

    real_input = session_run.terminal_input

    @contextmanager
    def faster_input() -> Iterator[tuple[Any, Callable[[], float]]]:
        with real_input() as (keys, clock):
            began = clock()
            yield keys, lambda: began + (clock() - began) * options.speed

    context.clock = steady_clock(options.now)
    session_run.terminal_input = faster_input
    args = options.args[1:] if options.args[:1] == ["--"] else options.args
    sys.argv = ["backcoach", *args]
    run()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for clocks
    main()
