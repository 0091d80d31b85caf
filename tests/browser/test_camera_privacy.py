"""Nothing the camera coach does reaches another host, however long it runs.

The vendored MediaPipe bundle used to post usage logs to a Google host every 60 s
(issue 13), after every other browser test had finished. Here the page's clock is
advanced past several of those minutes while the coach watches a fake camera. A
request the page's Content-Security-Policy blocks is never sent, so no request event
shows it: the test also fails on failed requests, on CSP violations the page reports
and on console errors naming another host.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from clocks import TEST_NOW

from .conftest import fake_camera_context
from .flows import Server

pytestmark = pytest.mark.browser

# The bundle's logger flushed every 60 s of the page's time; five of them.
PAGE_MINUTES = 5
VIOLATIONS_SCRIPT = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__violations.push(e.blockedURI + ' (' + e.violatedDirective + ')'));
"""


def pattern_video(out: Path) -> Path:
    """Two seconds of ffmpeg's test pattern as the fake camera: no person is needed to
    run the pose model, and no photo from the measuring data is used."""
    subprocess.run(
        [
            *("ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi"),
            *("-i", "testsrc=size=640x480:rate=15", "-t", "2", "-pix_fmt", "yuv420p", str(out)),
        ],
        check=True,
    )
    return out


@pytest.fixture
def watched(browser: Any, server: Server, tmp_path: Path) -> Iterator[tuple[Any, list[str]]]:
    """A page whose fake camera plays a test pattern, and every sign of traffic elsewhere."""
    video = pattern_video(tmp_path / "pattern.y4m")
    with fake_camera_context(browser, server, video) as context:
        local = urlsplit(server.url).netloc
        elsewhere: list[str] = []

        def note(kind: str, url: str) -> None:
            if (
                urlsplit(url).scheme in {"http", "https", "ws", "wss"}
                and urlsplit(url).netloc != local
            ):
                elsewhere.append(f"{kind}: {url}")

        context.on("request", lambda request: note("request", request.url))
        context.on("requestfailed", lambda request: note("failed request", request.url))
        context.add_init_script(VIOLATIONS_SCRIPT)
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.on(
            "console",
            lambda message: (
                elsewhere.append(f"console: {message.text}")
                if message.type == "error" and ("http" in message.text or "Policy" in message.text)
                else None
            ),
        )
        yield page, elsewhere


def test_the_camera_coach_asks_no_other_host_over_minutes(
    watched: tuple[Any, list[str]],
) -> None:
    page, elsewhere = watched
    page.clock.install(time=TEST_NOW)
    page.goto("/camera")
    page.get_by_role("button", name="Start the camera").click()
    # The pose model is loaded and has run on frames: its logger (if any) is started.
    page.wait_for_function("() => window.backcoach.camera.stats().frames >= 5", timeout=120_000)
    for _minute in range(PAGE_MINUTES):
        page.clock.run_for(61_000)
        frames = page.evaluate("window.backcoach.camera.stats().frames")
        # Real frames after each jump, so anything the jump set off has had its turn.
        page.wait_for_function(f"() => window.backcoach.camera.stats().frames >= {frames + 3}")
    violations = page.evaluate("window.__violations")
    assert violations == [], f"the page tried to reach another host: {violations}"
    assert elsewhere == [], f"the page tried to reach another host: {elsewhere}"
