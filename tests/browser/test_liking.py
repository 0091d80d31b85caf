"""Like and dislike in the browser: the exercise page's plain form and the player's buttons."""

from __future__ import annotations

from typing import Any

import pytest

from .flows import Server, first_run, start_session

pytestmark = pytest.mark.browser


def preference(page: Any, exercise_id: str) -> str | None:
    answer: dict[str, Any] = page.evaluate(
        "async (id) => (await fetch(`/api/exercises/${id}/preference`)).json()", exercise_id
    )
    return answer["preference"]


def test_the_exercise_pages_form_likes_without_any_script(browser: Any, server: Server) -> None:
    # No JavaScript at all: the form posts as the browser sends it, and the guard lets it in.
    context = browser.new_context(base_url=server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/exercises/sphinx")
        page.get_by_role("button", name="Dislike").click()
        page.wait_for_url("**/exercises/sphinx#preference")
        assert "it is left out of your routines" in page.locator("#preference-state").inner_text()
        assert page.get_by_role("button", name="Dislike").get_attribute("aria-pressed") == "true"
        page.get_by_role("button", name="Neither").click()
        page.wait_for_url("**/exercises/sphinx#preference")
        assert page.get_by_role("button", name="Neither").count() == 0
    finally:
        context.close()


def test_the_player_likes_and_unlikes_the_exercise_on_screen(page: Any, server: Server) -> None:
    first_run(page)
    start_session(page)
    exercise_id = page.locator("#player-figure").get_attribute("data-exercise")
    assert exercise_id
    like = page.locator("#player-like")
    like.click()
    page.wait_for_function("() => document.querySelector('#player-like').ariaPressed === 'true'")
    assert "more often" in page.locator("#player-liking-status").inner_text()
    assert preference(page, exercise_id) == "like"
    page.locator("#player-dislike").click()
    page.wait_for_function("() => document.querySelector('#player-dislike').ariaPressed === 'true'")
    assert like.get_attribute("aria-pressed") == "false"
    assert preference(page, exercise_id) == "dislike"
    page.locator("#player-dislike").click()  # pressed again: neither
    page.wait_for_function(
        "() => document.querySelector('#player-dislike').ariaPressed === 'false'"
    )
    assert preference(page, exercise_id) is None
