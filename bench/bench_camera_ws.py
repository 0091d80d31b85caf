"""Camera-mode WebSocket under load: simulated browsers sending landmark frames.

Starts a real ``backcoach serve`` on a free loopback port (temporary data dir),
connects CLIENTS WebSockets to /ws/pose, and has each send FPS frames a second
(synthetic landmarks of a catalogue exercise, with noise, so the pose core does
its full work) for SECONDS. The round trip is timed from just before a frame is
sent to its verdict's arrival. Target: p99 under 30 ms.

    .venv/bin/python bench/bench_camera_ws.py [--clients 100] [--fps 30] [--seconds 15]

Ends with one line of ``name: value`` pairs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np
import orjson
from websockets.asyncio.client import connect

from backcoach.adapters.catalogue_files import load_catalogue
from backcoach.core.pose.synth import Variation, varied_frames

CAMERA_SPECS = Path(__file__).resolve().parents[1] / "src" / "backcoach" / "catalogue" / "camera"
DISTINCT_FRAMES = 64  # per client, cycled: enough variety that nothing is cached by accident


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(port: int, data_dir: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "BACKCOACH_DATA_DIR": data_dir}
    env.pop("BACKCOACH_DATABASE_URL", None)
    command = [
        sys.executable,
        "-m",
        "backcoach.cli.main",
        "serve",
        "--no-browser",
        "--port",
        str(port),
    ]
    if (Path(sys.executable).parent / "backcoach").exists():
        command = [str(Path(sys.executable).parent / "backcoach"), *command[3:]]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"error: backcoach serve exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/openapi.json", timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("error: backcoach serve did not answer within 60 s")


def exercise_and_frames(count: int, seed: int) -> tuple[str, list[list[list[float]]]]:
    """An exercise the camera coach has rules for, and noisy frames of its first keyframe."""
    catalogue = load_catalogue()
    judged = [p.stem for p in sorted(CAMERA_SPECS.glob("*.yaml")) if p.stem in catalogue]
    exercise = catalogue.get(judged[0] if judged else catalogue.ids()[0])
    angles = [dict(exercise.figure.keyframes[0].angles)]
    rng = np.random.default_rng(seed)
    frames = varied_frames(angles, count, rng, Variation(max_yaw=15.0, angle_sd=3.0))
    return exercise.id, np.round(frames, 4).tolist()


async def client(
    url: str,
    exercise: str,
    frames: list[list[list[float]]],
    fps: float,
    until: float,
    warm_until: float,
) -> tuple[list[float], int, int]:
    """Send frames on a fixed schedule; return round trips (ms) after warm-up, sent, errors."""
    texts = [json.dumps(frame, separators=(",", ":")) for frame in frames]
    sent_at: dict[int, float] = {}
    trips: list[float] = []
    errors = 0
    async with connect(url, max_queue=None, compression=None) as ws:
        await ws.send(json.dumps({"type": "start", "exercise": exercise, "aspect": 4 / 3}))
        json.loads(await ws.recv())

        async def receive() -> None:
            nonlocal errors
            async for text in ws:
                answer = orjson.loads(text)
                arrived = time.perf_counter()
                if answer.get("type") != "verdict":
                    errors += 1
                    continue
                started = sent_at.pop(answer["seq"], None)
                if started is not None and started >= warm_until:
                    trips.append(1000 * (arrived - started))

        reader = asyncio.create_task(receive())
        period = 1 / fps
        next_at = time.perf_counter() + period * np.random.default_rng().random()
        seq = 0
        while next_at < until:
            await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
            seq += 1
            stamp = f"{seq * period:.4f}"
            message = (
                f'{{"type":"frame","seq":{seq},"t":{stamp},"landmarks":{texts[seq % len(texts)]}}}'
            )
            sent_at[seq] = time.perf_counter()
            await ws.send(message)
            next_at += period
        await asyncio.sleep(0.5)  # let the last answers arrive
        reader.cancel()
        lost = sum(1 for started in sent_at.values() if started >= warm_until)
    return trips, seq, errors + lost


async def run(url: str, clients: int, fps: float, seconds: float) -> dict[str, float]:
    exercise, frames = exercise_and_frames(DISTINCT_FRAMES, seed=1)
    began = time.perf_counter()
    warm_until = began + min(2.0, seconds / 4)
    until = began + seconds
    results = await asyncio.gather(
        *(client(url, exercise, frames, fps, until, warm_until) for _ in range(clients)),
        return_exceptions=True,
    )
    trips = [t for r in results if not isinstance(r, BaseException) for t in r[0]]
    sent = sum(r[1] for r in results if not isinstance(r, BaseException))
    errors = sum(r[2] for r in results if not isinstance(r, BaseException))
    failed_clients = sum(1 for r in results if isinstance(r, BaseException))
    for r in results:
        if isinstance(r, BaseException):
            print(f"client failed: {r!r}", file=sys.stderr)
            break
    arr = np.array(trips) if trips else np.array([float("nan")])
    return {
        "clients": clients,
        "target_fps_per_client": fps,
        "frames_per_second": round(sent / seconds),
        "p50_ms": round(float(np.percentile(arr, 50)), 2),
        "p99_ms": round(float(np.percentile(arr, 99)), 2),
        "max_ms": round(float(arr.max()), 2),
        "errors": errors + failed_clients,
        "exercise": exercise,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--fps", type=float, default=30.0)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--url", help="an already running server's ws://HOST:PORT/ws/pose")
    args = parser.parse_args()
    process = None
    with tempfile.TemporaryDirectory() as data_dir:
        url = args.url
        if url is None:
            port = free_port()
            process = start_server(port, data_dir)
            url = f"ws://127.0.0.1:{port}/ws/pose"
        try:
            figures = asyncio.run(run(url, args.clients, args.fps, args.seconds))
        finally:
            if process is not None:
                process.terminate()
                process.wait(timeout=10)
    print(" ".join(f"{name}: {value}" for name, value in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
