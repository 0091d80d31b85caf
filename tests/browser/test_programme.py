"""The week on Today and the flare-up path, in the browser, on days the server is given."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from clocks import TEST_NOW

from backcoach.core.safety import SEVERE_PAIN
from backcoach.core.week import week

from .flows import Server, first_run, session_steps

pytestmark = pytest.mark.browser

# The tests' Thursday, and a Sunday in another month, so nothing holds only on one weekday.
MOMENTS = [TEST_NOW, datetime(2026, 12, 6, 9, tzinfo=UTC)]


@pytest.mark.parametrize(
    "server", [{"now": now} for now in MOMENTS], ids=["tests-day", "a-sunday"], indirect=True
)
def test_today_shows_this_week_and_the_flare_path_starts_the_gentle_routine(
    page: Any, server: Server, request: pytest.FixtureRequest
) -> None:
    now: datetime = request.node.callspec.params["server"]["now"]
    expected = week(set(), 3, now.date())
    first_run(page)
    days = page.locator("ol.week-days > li")
    assert days.count() == 7
    assert days.locator(".day-state").all_inner_texts() == [d.state.value for d in expected.days]
    assert days.locator(".day-name").all_inner_texts() == [d.name for d in expected.days]
    today = page.locator("ol.week-days > li[aria-current='date'] .day-name")
    assert today.inner_text() == now.strftime("%a")
    assert "0 of 3 sessions done" in page.locator("section.week").inner_text()

    page.get_by_role("button", name="My back is flaring up").click()
    page.get_by_role("heading", name="Your back is flaring up").wait_for()
    advice = page.locator("ul.flare-advice").inner_text()
    assert "Keep moving gently" in advice and "emergency department" in advice
    gentle = page.locator("ol.flare-routine > li").all_inner_texts()
    assert gentle, "the flare page offers no routine"

    page.get_by_role("link", name="Start the gentle routine").click()
    page.wait_for_url("**/session/new**")
    # The flare's pain is already chosen, so the routine shown is the one that runs.
    assert page.locator("#form-before input[name=pain]:checked").get_attribute("value") == str(
        SEVERE_PAIN
    )
    page.get_by_role("button", name="Start the session").click()
    page.locator("#screen-run").wait_for(state="visible")
    ran = list(dict.fromkeys(step["exercise"] for step in session_steps(page)))
    names = page.evaluate(
        "async (ids) => Promise.all(ids.map(async (id) => "
        "(await (await fetch(`/api/exercises/${id}`)).json()).name))",
        ran,
    )
    assert names == gentle  # the routine the flare page offered, in its order
