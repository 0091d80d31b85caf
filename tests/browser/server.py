"""Start the real web app under uvicorn for the browser tests and the web benchmark.

Run as ``python tests/browser/server.py --port P --data-dir D [--time-scale S] [--now ISO]``.
The time scale is set on the app only here, in test mode, so a test session of
minutes plays in seconds; ``backcoach serve`` never sets it. ``--now`` starts the
app's clock at that moment (it then runs on in real time): the plan of the day is
seeded by the date, so the tests pick the day instead of the machine's calendar.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

import uvicorn

from backcoach.config import load_settings
from backcoach.web.app import create_app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--time-scale", type=float, default=1.0)
    parser.add_argument("--now", type=datetime.fromisoformat, default=None)
    args = parser.parse_args()
    settings = load_settings(
        environ={},
        data_dir=args.data_dir,
        database_url=f"sqlite:///{args.data_dir / 'backcoach.db'}",
        lead_in_seconds=2,
    )
    app = create_app(settings)
    app.state.time_scale = args.time_scale
    if args.now is not None:
        from clocks import steady_clock

        app.state.clock = steady_clock(args.now)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for clocks
    main()
