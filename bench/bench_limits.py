"""What an oversized request costs the server: memory and time to refuse it.

Starts ``backcoach serve`` on a free loopback port with a temporary SQLite database,
then sends (1) a 500 MB JSON body to /api/plan with its Content-Length, (2) the same
without one (chunked), and (3) a 16 MiB message on the camera WebSocket, and prints the
answers, how long each took, and the server's peak resident memory (VmHWM) before and
after. Everything goes to 127.0.0.1 only.

    python bench/bench_limits.py [--megabytes 500]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

CHUNK = b"1," * 32768


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def peak_rss_mb(pid: int) -> float:
    """The process tree's largest peak resident set (uvicorn runs the app in ``pid``)."""
    peak = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1])
    return peak / 1024


def wait_up(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"serve exited with {server.returncode}")
        try:
            if httpx.get(url + "/api/exercises", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("the server did not answer within 60 s")


def send_with_length(port: int, size: int) -> tuple[str, float]:
    """Announce ``size`` bytes and keep sending until the server answers or hangs up."""
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port)) as conn:
        head = (
            f"POST /api/plan HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {size}\r\n\r\n"
        )
        conn.sendall(head.encode())
        conn.settimeout(0.001)
        sent = 0
        answer = b""
        while sent < size:
            try:
                answer = conn.recv(4096)
                if answer:
                    break
            except TimeoutError:
                pass
            try:
                conn.sendall(CHUNK)
            except OSError:
                break
            sent += len(CHUNK)
        conn.settimeout(10)
        answer = answer or conn.recv(4096)
    status = answer.split(b"\r\n", 1)[0].decode(errors="replace")
    return f"{status} after {sent / 1e6:.1f} MB sent", time.perf_counter() - started


def send_chunked(port: int, size: int) -> tuple[str, float]:
    def body() -> object:
        sent = 0
        while sent < size:
            yield CHUNK
            sent += len(CHUNK)

    started = time.perf_counter()
    try:
        response = httpx.post(
            f"http://127.0.0.1:{port}/api/plan",
            content=body(),  # type: ignore[arg-type]
            headers={"content-type": "application/json"},
            timeout=120,
        )
        status = f"HTTP {response.status_code}"
    except httpx.HTTPError as error:
        status = f"connection ended ({type(error).__name__})"
    return status, time.perf_counter() - started


def send_big_websocket_message(port: int, size: int) -> tuple[str, float]:
    from websockets.exceptions import ConnectionClosed
    from websockets.sync.client import connect

    started = time.perf_counter()
    with connect(f"ws://127.0.0.1:{port}/ws/pose", max_size=None) as ws:
        try:
            ws.send("x" * size)
            ws.recv(timeout=30)
            outcome = "answered"
        except ConnectionClosed as closed:
            outcome = f"closed with {closed.rcvd.code if closed.rcvd else 'no code'}"
    return outcome, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=int, default=500)
    args = parser.parse_args()
    size = args.megabytes * 1_000_000
    port = free_port()
    with tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "BACKCOACH_DATA_DIR": data_dir}
        env.pop("BACKCOACH_DATABASE_URL", None)
        command = [sys.executable, "-m", "backcoach.cli.main", "serve", "--no-browser"]
        server = subprocess.Popen([*command, "--port", str(port)], env=env)
        try:
            wait_up(f"http://127.0.0.1:{port}", server)
            before = peak_rss_mb(server.pid)
            with_length, with_length_s = send_with_length(port, size)
            chunked, chunked_s = send_chunked(port, size)
            websocket, websocket_s = send_big_websocket_message(port, 16 * 1024 * 1024)
            after = peak_rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"{args.megabytes} MB body with Content-Length: {with_length} in {with_length_s:.2f} s")
    print(f"{args.megabytes} MB chunked body: {chunked} in {chunked_s:.2f} s")
    print(f"16 MiB WebSocket message: {websocket} in {websocket_s:.2f} s")
    print(
        f"server_peak_rss_before_mb: {before:.0f} server_peak_rss_after_mb: {after:.0f} "
        f"growth_mb: {after - before:.0f}"
    )


if __name__ == "__main__":
    main()
