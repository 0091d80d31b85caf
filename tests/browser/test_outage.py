"""The player through a network outage: nothing done is lost or stored twice, and the page
says "saved" only when the server has everything (real server, real Chromium)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .flows import Server, choose_pain, first_run, player_state, start_session

pytestmark = pytest.mark.browser

SESSION_POSTS = re.compile(r"/api/sessions/\d+/")


class Outage:
    """Every post the player makes about its session fails while ``on`` (no network)."""

    def __init__(self, page: Any) -> None:
        self.on = False
        self.refused = 0
        page.route(SESSION_POSTS, self._handle)

    def _handle(self, route: Any) -> None:
        if self.on and route.request.method == "POST":
            self.refused += 1
            route.abort("internetdisconnected")
        else:
            route.continue_()


def cut_off_two_steps_into_a_session(page: Any) -> Outage:
    """A new person's session, two steps in, as the network goes down."""
    first_run(page, minutes=5)
    start_session(page)
    outage = Outage(page)
    page.wait_for_function("() => window.backcoach.player.state().index >= 2")
    outage.on = True
    return outage


def saving_state(page: Any) -> str:
    state: str = page.locator("#player-saved").get_attribute("data-state")
    return state


def stored_session(page: Any) -> dict[str, Any]:
    exported = page.evaluate("async () => (await fetch('/settings/export')).json()")
    (profile,) = exported["profiles"]
    (session,) = profile["sessions"]
    stored: dict[str, Any] = session
    return stored


def test_steps_done_during_an_outage_are_all_stored_once_afterwards(
    page: Any, server: Server
) -> None:
    outage = cut_off_two_steps_into_a_session(page)
    cut_at = player_state(page)["index"]
    page.wait_for_function(f"() => window.backcoach.player.state().index >= {cut_at + 8}")
    page.wait_for_function(
        "() => document.getElementById('player-saved').dataset.state === 'retrying'"
    )
    assert page.locator("#player-saved").inner_text() == "Not saved yet: will retry"
    assert outage.refused > 0
    # Paused while still cut off: the pause waits in the queue behind the steps.
    page.get_by_role("button", name="Pause").click()
    paused_at = player_state(page)["index"]
    assert saving_state(page) != "saved"
    outage.on = False
    page.wait_for_function(
        "() => document.getElementById('player-saved').dataset.state === 'saved'",
        timeout=30_000,
    )
    assert page.locator("#player-saved").inner_text() == "Saved"
    session = stored_session(page)
    assert [step["index"] for step in session["steps"]] == list(range(paused_at))
    (pause,) = session["events"]
    assert (pause["kind"], pause["step_index"]) == ("pause", paused_at)
    assert pause["event_id"]


def test_it_hurts_and_finishing_during_an_outage_are_saved_when_it_ends(
    page: Any, server: Server
) -> None:
    outage = cut_off_two_steps_into_a_session(page)
    # Sharp pain stops the session at once, with its advice, though the server is unreachable.
    page.get_by_role("button", name="It hurts").click()
    page.get_by_role("button", name="Sharp or shooting pain").click()
    page.locator("#screen-after").wait_for(state="visible")
    assert "see a doctor" in page.locator("#after-advice").inner_text()
    hurt_at = player_state(page)["index"]
    choose_pain(page, "form-after", 5)
    page.locator("#form-after button[type=submit]").click()
    page.wait_for_function(
        "() => document.getElementById('player-saved').dataset.state === 'retrying'"
    )
    assert page.locator("#screen-done").is_hidden(), "said 'Session saved' before it was"
    outage.on = False
    page.locator("#screen-done").wait_for(state="visible", timeout=30_000)
    assert saving_state(page) == "saved"
    session = stored_session(page)
    assert (session["status"], session["pain_after"]) == ("stopped", 5)
    assert [step["index"] for step in session["steps"]] == list(range(hurt_at))
    (hurt,) = session["events"]
    assert (hurt["kind"], hurt["severity"], hurt["step_index"]) == ("hurt", "sharp", hurt_at)
