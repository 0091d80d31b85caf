"""Real server, real Chromium: fixtures for the browser tests.

Each test gets its own server process (uvicorn on a free loopback port, a fresh
SQLite database) and its own browser context; the browser itself is shared.
Every request a page makes is logged, and a test fails if any went to another
host than the local server.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from clocks import TEST_NOW

from .flows import PHONE, Server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_SCRIPT = Path(__file__).with_name("server.py")
# A 30-second hold plays in 0.6 s: quick tests that still watch real countdowns.
TIME_SCALE = 0.02


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the test server exited with status {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the test server did not answer at {url} within {seconds} s")


@contextlib.contextmanager
def running_server(data_dir: Path, time_scale: float, now: datetime = TEST_NOW) -> Iterator[Server]:
    """The real app on a free local port with its own database in ``data_dir``, its clock
    starting at ``now`` (the day decides the plan, so it is never the machine's date)."""
    port = free_port()
    command = [sys.executable, str(SERVER_SCRIPT), "--port", str(port), "--data-dir", str(data_dir)]
    process = subprocess.Popen(
        [*command, "--time-scale", str(time_scale), "--now", now.isoformat()]
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/openapi.json", process)
        yield Server(url=url, data_dir=data_dir, pid=process.pid)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    """The app on the tests' day at TIME_SCALE, or with the ``now`` or ``time_scale`` a test
    parametrizes it with (indirect)."""
    setup = {"now": TEST_NOW, "time_scale": TIME_SCALE, **getattr(request, "param", {})}
    with running_server(tmp_path, **setup) as running:
        yield running


@contextlib.contextmanager
def fake_camera_context(browser: Any, server: Server, video: Path) -> Iterator[Any]:
    """A browser context in a Chromium whose camera plays ``video`` (a .y4m file, which
    may be written after this returns, before the page turns the camera on)."""
    launched = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    context = launched.new_context(viewport=PHONE, base_url=server.url)
    context.grant_permissions(["camera"])
    try:
        yield context
    finally:
        context.close()
        launched.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"needs Debian's Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class RequestLog:
    local_origin: str
    urls: list[str] = field(default_factory=list)

    def foreign(self) -> list[str]:
        local = urlsplit(self.local_origin).netloc
        return [
            url
            for url in self.urls
            if urlsplit(url).scheme not in {"data", "blob", "about"}
            and urlsplit(url).netloc != local
        ]


@pytest.fixture
def requests_seen(server: Server) -> RequestLog:
    return RequestLog(local_origin=server.url)


@pytest.fixture
def page(browser, server: Server, requests_seen: RequestLog) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=PHONE, base_url=server.url)
    context.on("request", lambda request: requests_seen.urls.append(request.url))
    new_page = context.new_page()
    new_page.set_default_timeout(10_000)
    yield new_page
    context.close()
    assert requests_seen.foreign() == [], "a page asked another host than the local server"
