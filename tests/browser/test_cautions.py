"""Cautions before each exercise and stop signs during it, in the browser player.

Whatever exercise comes first today is the one checked: the expected words are
read from the catalogue, not written here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backcoach.adapters.catalogue_files import load_catalogue
from backcoach.core.reading import reading_seconds

from .conftest import running_server
from .flows import STEP_LOG_SCRIPT, Server, first_run, player_state, shoot, start_session

pytestmark = pytest.mark.browser

# Half speed: a 30-second lead-in plays in 15 s, a 20-second hold in 10 s.
TIME_SCALE = 0.5
LONGEST_LEAD_IN = 30
BEFORE = ("get_ready", "transition")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with running_server(tmp_path, TIME_SCALE) as running:
        yield running


def set_lead_in(page: Any, seconds: int) -> None:
    page.goto("/settings")
    page.fill("#lead_in_seconds", str(seconds))
    page.get_by_role("button", name="Save settings").click()
    page.get_by_text("Saved.").wait_for()
    page.goto("/")


def first_exercise(page: Any) -> Any:
    exercise_id = page.evaluate("window.__steps[0].exercise")
    return load_catalogue().get(exercise_id)


def wait_for_the_exercise(page: Any) -> None:
    page.wait_for_function(
        "(before) => !before.includes(window.backcoach.player.state().kind)",
        arg=list(BEFORE),
        timeout=30_000,
    )


def test_get_ready_shows_the_cautions_and_the_exercise_shows_when_to_stop(
    page: Any, server: Server
) -> None:
    page.add_init_script(STEP_LOG_SCRIPT)
    first_run(page)
    set_lead_in(page, LONGEST_LEAD_IN)
    start_session(page)
    assert player_state(page)["kind"] == "get_ready"
    exercise = first_exercise(page)
    assert reading_seconds(exercise.cautions) < LONGEST_LEAD_IN  # time enough to read them
    cautions, stop = page.locator("#player-cautions"), page.locator("#player-stop")
    assert cautions.is_visible()
    assert cautions.locator("li").all_inner_texts() == list(exercise.cautions)
    assert stop.is_hidden()
    assert page.locator("#cautions-ok").is_hidden()
    shoot(page, "player-cautions")

    wait_for_the_exercise(page)
    assert stop.is_visible()
    assert stop.locator("li").all_inner_texts() == list(exercise.stop_if)
    assert "It hurts" in stop.inner_text()
    assert cautions.is_hidden()


@pytest.mark.parametrize("lead_in", [0, 2])
def test_a_lead_in_too_short_to_read_keeps_the_cautions_until_dismissed(
    page: Any, server: Server, lead_in: int
) -> None:
    page.add_init_script(STEP_LOG_SCRIPT)
    first_run(page)
    set_lead_in(page, lead_in)
    start_session(page)
    wait_for_the_exercise(page)
    page.keyboard.press(" ")  # paused: the checks below take what time they need
    exercise = first_exercise(page)
    cautions = page.locator("#player-cautions")
    assert cautions.is_visible()
    assert cautions.locator("li").first.inner_text() == exercise.cautions[0]
    assert page.locator("#player-stop").is_visible()
    page.get_by_role("button", name="Got it").click()
    assert cautions.is_hidden()
    assert page.locator("#player-stop").is_visible()
