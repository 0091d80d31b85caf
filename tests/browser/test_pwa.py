"""Installable app and offline sessions, in real Chromium against the real server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from clocks import TEST_NOW
from playwright.sync_api import expect

from .conftest import CHROMIUM, CHROMIUM_ARGS, RequestLog
from .flows import PHONE, Server, choose_pain, first_run, start_session

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


def kept_offline(page: Any, url: str) -> None:
    """Until the service worker's cache holds ``url`` (it keeps pages when asked)."""
    page.wait_for_function(
        "(url) => caches.match(url).then((found) => { window.__kept = Boolean(found); }) "
        "&& window.__kept === true",
        arg=url,
    )


def queued_on_device(page: Any) -> int:
    count: int = page.evaluate(
        """() => new Promise((resolve, reject) => {
            const opening = indexedDB.open('backcoach', 1);
            opening.onerror = () => reject(opening.error);
            opening.onsuccess = () => {
              const counting = opening.result.transaction('outbox').objectStore('outbox').count();
              counting.onsuccess = () => resolve(counting.result);
            };
        })"""
    )
    return count


def test_a_session_finished_offline_and_reloaded_reaches_the_store_once(
    page: Any, server: Server, requests_seen: RequestLog
) -> None:
    first_run(page, minutes=5)
    wait_for_worker(page)
    start_session(page)
    session_path = urlsplit(page.url).path
    kept_offline(page, session_path)
    page.wait_for_function("() => window.backcoach.player.state().index >= 2")
    page.context.set_offline(True)
    offline = page.locator("#player-offline")
    offline.wait_for(state="visible")
    assert "nothing is lost" in offline.inner_text()
    page.locator("#screen-after").wait_for(state="visible", timeout=30_000)
    steps = page.evaluate("() => window.backcoach.player.state().index")
    choose_pain(page, "form-after", 2)
    page.locator("#form-after button[type=submit]").click()
    page.wait_for_function(
        "() => document.getElementById('player-saved').dataset.state === 'retrying'"
    )
    assert queued_on_device(page) > 0
    assert (
        page.evaluate("() => Object.keys(localStorage).filter((k) => k.includes('outbox'))") == []
    )

    page.reload()  # no server: the service worker answers
    offline.wait_for(state="visible")
    assert "finished and kept here" in offline.inner_text()
    assert page.locator("#screen-done").is_hidden(), "said 'Session saved' before it was"

    page.context.set_offline(False)
    page.locator("#screen-done").wait_for(state="visible", timeout=30_000)
    assert offline.is_hidden()
    assert queued_on_device(page) == 0
    session_id = session_path.rsplit("/", 1)[1]
    stored = page.evaluate(f"async () => (await fetch('/api/sessions/{session_id}')).json()")
    assert (stored["status"], stored["pain_after"]) == ("finished", 2)
    exported = page.evaluate("async () => (await fetch('/settings/export')).json()")
    (session,) = exported["profiles"][0]["sessions"]
    assert [step["index"] for step in session["steps"]] == list(range(steps))
    # The camera coach was never switched on: its model and WebAssembly were never fetched.
    assert not [url for url in requests_seen.urls if url.endswith((".task", ".wasm"))]


def shown_reminders(page: Any) -> list[str]:
    bodies: list[str] = page.evaluate(
        """async () => {
            const registration = await navigator.serviceWorker.ready;
            const shown = await registration.getNotifications({ tag: 'backcoach-reminder' });
            return shown.map((n) => n.body);
        }"""
    )
    return bodies


def shown_eventually(page: Any, seconds: float = 10) -> list[str]:
    """The reminders shown once the page has had time to show them: showNotification is
    asynchronous, so the timer that fired may not have finished when the clock stops."""
    import time

    deadline = time.monotonic() + seconds
    while not (shown := shown_reminders(page)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return shown


def test_a_reminder_shows_at_the_planned_time_once_turned_on_and_stops_when_off(
    page: Any, server: Server
) -> None:
    page.context.grant_permissions(["notifications"], origin=server.url)
    page.clock.install(time=TEST_NOW)
    first_run(page)
    page.goto("/settings")
    wait_for_worker(page)
    box = page.locator("#notify-settings")
    assert "asks for your permission first" in box.inner_text()
    assert "turn it off here" in box.inner_text()
    assert page.locator("#notify-status").inner_text() == "Reminders are off."
    # Two minutes from the page's own clock, in its own time zone.
    day, time = page.evaluate(
        """() => { const at = new Date(Date.now() + 2 * 60 * 1000);
          const pad = (n) => String(n).padStart(2, '0');
          return [['SU','MO','TU','WE','TH','FR','SA'][at.getDay()],
                  pad(at.getHours()) + ':' + pad(at.getMinutes())]; }"""
    )
    page.check(f"input[name=notify-day][value={day}]")
    page.fill("#notify-time", time)
    page.get_by_role("button", name="Turn on reminders").click()
    # The click asks for permission first (async): wait for the answer, not a moment.
    expect(page.locator("#notify-status")).to_have_text(re.compile(r"^Reminders are on"))
    page.clock.run_for("01:00")
    assert shown_reminders(page) == []  # not before its time
    page.clock.run_for("02:00")
    (body,) = shown_eventually(page)
    assert "stop if anything hurts" in body

    page.get_by_role("button", name="Turn off reminders").click()
    expect(page.locator("#notify-status")).to_have_text("Reminders are off.")
    page.reload()
    expect(page.locator("#notify-status")).to_have_text("Reminders are off.")
