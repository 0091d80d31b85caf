"""Load test of the web app: simulated users go through plan, start, log steps, finish.

Starts ``backcoach serve`` on a free loopback port with a temporary SQLite
database, then runs USERS concurrent simulated users (asyncio + httpx) for
SECONDS and prints requests per second, errors and p50/p99 latency, ending with
one line of ``name: value`` pairs. Targets: 0 errors, p99 under 100 ms.

    python bench/bench_web.py [--seconds 60] [--users 200] [--steps 4] [--think 1.0] [--workers 1]
                              [--warm-up 10]

Each user waits --think seconds between its requests (with jitter). A real
player posts one step when each step ends, every 3 to 35 seconds, so one
second is already a brisk pace; --think 0 measures a queue of users who never
pause, which shows capacity rather than latency. --workers is passed to
``serve --workers``: one server process per core. The first --warm-up seconds
of load are not timed (errors in them still count): a server starts by building
its pose model, a few seconds of CPU that a long-running server pays once.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import random
import shutil
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

# The client must stay cheap: it shares the machine's cores with the server it measures.
# httpcore tries ``import sniffio`` for every lock it makes; sniffio is not installed
# (anyio 4 dropped it), and each failed import scans sys.path again (about a third of
# this client's CPU at 200 users). Marking it absent makes that failure instant, and
# httpcore falls back to asyncio, which is what it would have found anyway.
try:
    import sniffio  # noqa: F401
except ImportError:
    sys.modules["sniffio"] = None  # type: ignore[assignment]

MAX_USERS = 1000
MAX_SECONDS = 600


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    errors: int = 0
    sessions: int = 0
    # Latencies count for requests sent in this window (errors always count): the
    # warm-up before it and the last sessions running on after it are left out.
    count_from: float = 0.0
    count_until: float = float("inf")
    first_errors: list[str] = field(default_factory=list)

    def error(self, what: str) -> None:
        self.errors += 1
        if len(self.first_errors) < 5:
            self.first_errors.append(what)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(port: int, data_dir: Path, workers: int) -> subprocess.Popen[bytes]:
    backcoach = Path(sys.executable).with_name("backcoach")
    command = [str(backcoach), "serve", "--host", "127.0.0.1", "--port", str(port), "--no-browser"]
    command += ["--workers", str(workers)]
    env = {
        **os.environ,
        "BACKCOACH_DATA_DIR": str(data_dir),
        "BACKCOACH_DATABASE_URL": f"sqlite:///{data_dir / 'backcoach.db'}",
    }
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)


async def wait_until_up(client: httpx.AsyncClient, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"backcoach serve exited with status {process.returncode}")
        try:
            if (await client.get("/openapi.json")).status_code == 200:
                return
        except httpx.TransportError:
            await asyncio.sleep(0.1)
    raise SystemExit("backcoach serve did not answer within 30 s")


THINK = {"seconds": 1.0}
WORKERS = {"count": 1}


async def timed(
    tally: Tally, client: httpx.AsyncClient, method: str, path: str, body: object = None
) -> dict[str, object] | None:
    if THINK["seconds"]:
        await asyncio.sleep(THINK["seconds"] * random.uniform(0.5, 1.5))
    started = time.perf_counter()
    counted = tally.count_from <= time.monotonic() < tally.count_until
    try:
        response = await client.request(method, path, json=body)
    except httpx.HTTPError as error:
        tally.error(f"{method} {path}: {type(error).__name__}")
        return None
    took = (time.perf_counter() - started) * 1000
    if counted:
        tally.latencies_ms.append(took)
        kind = f"{method} {'/'.join('{id}' if p.isdigit() else p for p in path.split('/'))}"
        tally.by_kind.setdefault(kind, []).append(took)
    if response.status_code >= 400:
        tally.error(f"{method} {path}: {response.status_code} {response.text[:200]}")
        return None
    data = response.json()
    return data if isinstance(data, dict) else {"items": data}


async def set_up_person(client: httpx.AsyncClient) -> None:
    """A first run: the disclaimer, a clear red-flag screen and a profile."""
    screen = (await client.get("/api/screen")).json()
    answers = {question["id"]: False for question in screen["questions"]}
    for method, path, body in (
        ("POST", "/api/screen", {"answers": answers}),
        ("PUT", "/api/profile", {"minutes": 10, "goal": "relief", "equipment": ["mat"]}),
    ):
        response = await client.request(method, path, json=body)
        if response.status_code >= 400:
            raise SystemExit(f"setting up failed: {method} {path}: {response.text[:300]}")


async def one_session(client: httpx.AsyncClient, tally: Tally, steps: int, number: int) -> None:
    plan = await timed(tally, client, "POST", "/api/plan", {"minutes": 10, "seed": number})
    if plan is None:
        return
    started = await timed(tally, client, "POST", "/api/sessions", {"pain_before": 3})
    if started is None or "id" not in started:
        return
    session_id = started["id"]
    total = len(started.get("steps", []))  # type: ignore[arg-type]
    for index in range(min(steps, total)):
        body = {"index": index}
        if await timed(tally, client, "POST", f"/api/sessions/{session_id}/steps", body) is None:
            return
    body = {"pain_after": 2}
    if await timed(tally, client, "POST", f"/api/sessions/{session_id}/finish", body) is not None:
        tally.sessions += 1


def user_client(base_url: str) -> httpx.AsyncClient:
    """One user's browser: its own keep-alive connection, as a real person has.

    One pool shared by every user would cost the client O(users) work per request
    (httpcore scans all its connections each time), which at 200 users used more
    CPU than the server being measured.
    """
    # Below uvicorn's 5 s keep-alive, so a pooled connection is never reused as the server closes it.
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1, keepalive_expiry=4.0)
    return httpx.AsyncClient(
        base_url=base_url, limits=limits, timeout=httpx.Timeout(30.0), verify=tls_context()
    )


@functools.cache
def tls_context() -> ssl.SSLContext:
    """One TLS context for every user (unused over plain http; each costs ~50 ms to make)."""
    return ssl.create_default_context()


async def user(base_url: str, tally: Tally, steps: int, stop_at: float, seed: int) -> None:
    number = seed
    async with user_client(base_url) as client:
        while time.monotonic() < stop_at:
            await one_session(client, tally, steps, number)
            number += 1000


async def drive(
    base_url: str, process: subprocess.Popen[bytes], args: argparse.Namespace
) -> tuple[Tally, float]:
    async with user_client(base_url) as client:
        await wait_until_up(client, process)
        await set_up_person(client)
    count_from = time.monotonic() + args.warm_up
    tally = Tally(count_from=count_from, count_until=count_from + args.seconds)
    await asyncio.gather(
        *(user(base_url, tally, args.steps, tally.count_until, seed) for seed in range(args.users))
    )
    return tally, args.seconds


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def report(tally: Tally, seconds: float, users: int) -> None:
    count = len(tally.latencies_ms)
    rps = count / seconds if seconds else 0.0
    p50 = statistics.median(tally.latencies_ms) if count else float("nan")
    p99 = percentile(tally.latencies_ms, 0.99)
    print(f"users: {users}, seconds timed: {seconds:.1f}, think: {THINK['seconds']} s")
    print(f"requests: {count}, sessions finished: {tally.sessions}")
    print(f"requests per second: {rps:.0f}")
    print(f"errors: {tally.errors} (target 0)")
    print(f"latency p50: {p50:.1f} ms, p99: {p99:.1f} ms (target p99 < 100 ms)")
    for kind, values in sorted(tally.by_kind.items()):
        print(
            f"  {kind}: {len(values)} requests, p50 {statistics.median(values):.1f} ms, p99 {percentile(values, 0.99):.1f} ms"
        )
    for line in tally.first_errors:
        print(f"  error: {line}")
    print(
        f"users: {users} workers: {WORKERS['count']} think_s: {THINK['seconds']} seconds: {seconds:.1f} requests: {count} sessions: {tally.sessions} "
        f"requests_per_second: {rps:.0f} errors: {tally.errors} p50_ms: {p50:.1f} p99_ms: {p99:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to drive load")
    parser.add_argument("--users", type=int, default=200, help="concurrent simulated users")
    parser.add_argument("--steps", type=int, default=4, help="steps each session logs")
    parser.add_argument(
        "--think", type=float, default=1.0, help="seconds between a user's requests"
    )
    parser.add_argument(
        "--warm-up",
        type=float,
        default=10.0,
        help="seconds of load before latencies count (the server builds its pose model at start)",
    )
    parser.add_argument("--workers", type=int, default=1, help="server processes (serve --workers)")
    args = parser.parse_args()
    THINK["seconds"] = max(0.0, args.think)
    WORKERS["count"] = args.workers
    if not 0 < args.seconds <= MAX_SECONDS or not 0 < args.users <= MAX_USERS:
        parser.error(f"--seconds must be in (0, {MAX_SECONDS}] and --users in (0, {MAX_USERS}]")
    data_dir = Path(tempfile.mkdtemp(prefix="backcoach-bench-"))
    port = free_port()
    process = start_server(port, data_dir, args.workers)
    try:
        tally, seconds = asyncio.run(drive(f"http://127.0.0.1:{port}", process, args))
        report(tally, seconds, args.users)
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
