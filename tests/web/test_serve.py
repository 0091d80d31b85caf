"""``backcoach serve``: clear failures, and a browser only where one can open."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from backcoach.cli.serve_cmds import browser_url, has_display


def _serve(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "BACKCOACH_DATA_DIR": str(tmp_path), **env}
    if "BACKCOACH_DATABASE_URL" not in env:  # the caller's own setting must not leak in
        environment.pop("BACKCOACH_DATABASE_URL", None)
    command = [sys.executable, "-m", "backcoach.cli.main", "serve", "--no-browser", *args]
    return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=60)


def test_a_port_in_use_is_one_clear_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _serve(tmp_path, "--port", str(port))
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"error: port {port} on 127.0.0.1 is already in use; try --port {port + 1}"
    )


def test_a_bad_database_url_is_named(tmp_path: Path) -> None:
    result = _serve(tmp_path, BACKCOACH_DATABASE_URL="not-a-url")
    assert result.returncode == 2
    assert result.stderr.startswith("error: BACKCOACH_DATABASE_URL:")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("127.0.0.1", "http://127.0.0.1:8000/"),
        ("0.0.0.0", "http://127.0.0.1:8000/"),
        ("::1", "http://[::1]:8000/"),
    ],
)
def test_browser_url_is_reachable_locally(host: str, url: str) -> None:
    assert browser_url(host, 8000) == url


def test_no_display_means_no_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert has_display() is False
    monkeypatch.setenv("DISPLAY", ":0")
    assert has_display() is True


def test_several_workers_serve_one_store(tmp_path: Path) -> None:
    """``--workers 2``: two processes answer from the same, already-migrated SQLite file."""
    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {**os.environ, "BACKCOACH_DATA_DIR": str(tmp_path)}
    environment["BACKCOACH_DATABASE_URL"] = f"sqlite:///{tmp_path / 'b.db'}"
    command = [sys.executable, "-m", "backcoach.cli.main", "serve", "--no-browser"]
    command += ["--port", str(port), "--workers", "2"]
    server = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            deadline = time.monotonic() + 60
            while True:
                assert server.poll() is None, "serve --workers 2 exited"
                try:
                    if client.get("/api/exercises").status_code == 200:
                        break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "no answer within 60 s"
                    time.sleep(0.2)
            # A new connection each time, so both processes take some of the requests.
            changed = client.put(
                "/api/profile", json={"minutes": 20}, headers={"Connection": "close"}
            )
            assert changed.status_code == 200, changed.text
            for _ in range(6):
                profile = client.get("/api/profile", headers={"Connection": "close"}).json()
                assert profile["minutes"] == 20
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_network_address_without_accounts_is_refused(tmp_path: Path) -> None:
    result = _serve(tmp_path, "--host", "0.0.0.0", "--port", "1")
    assert result.returncode == 2
    assert "--insecure-no-accounts" in result.stderr
    assert "health data" in result.stderr
    assert "Traceback" not in result.stderr


@contextlib.contextmanager
def serving(tmp_path: Path, *args: str) -> Iterator[tuple[int, subprocess.Popen[str]]]:
    """``backcoach serve`` on a free port, answering; its port and process."""
    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {**os.environ, "BACKCOACH_DATA_DIR": str(tmp_path)}
    environment.pop("BACKCOACH_DATABASE_URL", None)
    command = [sys.executable, "-m", "backcoach.cli.main", "serve", "--no-browser"]
    server = subprocess.Popen(
        [*command, "--port", str(port), *args],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, (
                f"serve exited: {server.stderr.read() if server.stderr else ''}"
            )
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/exercises").status_code == 200:
                    break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "no answer within 60 s"
                time.sleep(0.2)
        yield port, server
    finally:
        server.terminate()
        server.communicate(timeout=30)


def test_insecure_no_accounts_warns_what_is_exposed_and_answers_on_the_network(
    tmp_path: Path,
) -> None:
    """Listening on every interface: a loud warning naming what is exposed, and the Host
    allow-list still holds."""
    import httpx

    with serving(tmp_path, "--host", "0.0.0.0", "--insecure-no-accounts") as (port, server):
        url = f"http://127.0.0.1:{port}/api/exercises"
        assert httpx.get(url, headers={"host": "evil.example"}).status_code == 400
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    assert "WARNING" in stderr
    assert "without accounts" in stderr
    assert "health data" in stderr


def test_an_oversized_camera_message_is_refused_before_it_is_read(tmp_path: Path) -> None:
    from websockets.exceptions import ConnectionClosed
    from websockets.sync.client import connect

    with (
        serving(tmp_path) as (port, _),
        connect(f"ws://127.0.0.1:{port}/ws/pose", max_size=None) as socket_,
    ):
        socket_.send("x" * (1024 * 1024))
        with pytest.raises(ConnectionClosed) as closed:
            socket_.recv(timeout=30)
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 1009  # message too big
