"""Installable app and offline sessions, in real Chromium against the real server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import CHROMIUM, CHROMIUM_ARGS, RequestLog
from .flows import PHONE, Server, first_run

pytestmark = pytest.mark.browser


def wait_for_worker(page: Any) -> None:
    """Until the service worker controls the page."""
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller")


@pytest.fixture
def profile_page(
    browser: Any, server: Server, requests_seen: RequestLog, tmp_path: Path
) -> Iterator[Any]:
    """A page in a browser profile kept on disk: Chromium never offers to install an app
    from an incognito context, which is what a plain Playwright context is."""
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "chromium-profile"),
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        viewport=PHONE,
        base_url=server.url,
    )
    context.on("request", lambda request: requests_seen.urls.append(request.url))
    page = context.pages[0] if context.pages else context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
    assert requests_seen.foreign() == [], "a page asked another host than the local server"


def test_chromium_finds_nothing_stopping_an_install(profile_page: Any) -> None:
    page = profile_page
    first_run(page)
    wait_for_worker(page)
    cdp = page.context.new_cdp_session(page)
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["errors"] == []
    assert manifest["url"].endswith("/manifest.webmanifest")
