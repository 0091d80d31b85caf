"""Every page in real Chromium: no serious accessibility problem (axe-core), screenshots
at phone and laptop sizes, and the handout PDF with one figure per exercise."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from backcoach.adapters.pdf import figure_anchors

from .flows import Server, answer_screen, choose_pain, first_run, shoot, start_session

pytestmark = pytest.mark.browser

AXE_URL = "/static/vendor/axe-core/axe.min.js"
SERIOUS = ("serious", "critical")


def axe_problems(page: Any) -> list[str]:
    """Serious and critical axe-core violations on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Loaded from the app's own static files: the pages' CSP refuses inline scripts.
        page.add_script_tag(url=AXE_URL)
    violations: list[dict[str, Any]] = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in SERIOUS
    ]


class Survey:
    def __init__(self, page: Any) -> None:
        self.page = page
        self.problems: dict[str, list[str]] = {}

    def check(self, name: str) -> None:
        self.page.wait_for_load_state("load")
        found = axe_problems(self.page)
        if found:
            self.problems[name] = found
        shoot(self.page, name)


def test_every_page_has_no_serious_accessibility_problem(page: Any, server: Server) -> None:
    survey = Survey(page)
    page.goto("/welcome")
    survey.check("welcome")
    answer_screen(page)
    page.wait_for_url("**/welcome/profile")
    survey.check("profile")
    first_run_done = page.locator("form button[type=submit]")
    page.fill("#minutes", "5")
    first_run_done.click()
    page.wait_for_url("**/")
    survey.check("today")
    for path, name in (
        ("/exercises", "library"),
        ("/exercises/cat-cow", "exercise"),
        ("/learn", "learn"),
        ("/learn/stretch-or-pain", "learn-page"),
        ("/settings", "settings"),
        ("/handout?minutes=5", "handout"),
        ("/reminders", "reminders"),
        ("/screen", "screen"),
        ("/camera", "camera"),
    ):
        page.goto(path)
        survey.check(name)

    page.goto("/")
    page.get_by_role("link", name="Start").first.click()
    page.locator("#screen-before").wait_for(state="visible")
    survey.check("player-before")
    choose_pain(page, "form-before", 4)
    page.get_by_role("button", name="Start the session").click()
    page.locator("#screen-run").wait_for(state="visible")
    page.keyboard.press("Space")  # paused, so the page holds still while it is checked
    survey.check("player-run")
    page.get_by_role("button", name="It hurts").click()
    survey.check("player-hurt-dialog")
    page.get_by_role("button", name="Sharp or shooting pain").click()
    page.locator("#screen-after").wait_for(state="visible")
    survey.check("player-after")
    choose_pain(page, "form-after", 3)
    page.get_by_role("button", name="Save and finish").click()
    page.locator("#screen-done").wait_for(state="visible")
    survey.check("player-done")
    page.goto("/history")
    survey.check("history")
    # The progress page after that session: its charts drawn, as a person's browser shows them.
    page.get_by_role("link", name="Progress").first.click()
    page.wait_for_url("**/progress")
    survey.check("progress")
    assert page.get_by_role("heading", name="Sessions done against planned").is_visible()
    assert page.locator("main svg").count() >= 2
    assert survey.problems == {}


def test_the_red_flag_result_page_is_accessible(page: Any, server: Server) -> None:
    page.goto("/welcome")
    answer_screen(page, yes=frozenset({"night-pain"}))
    page.get_by_role("alert").wait_for()
    assert axe_problems(page) == []


def test_the_handout_pdf_downloads_with_one_figure_per_exercise(page: Any, server: Server) -> None:
    first_run(page, minutes=10)
    page.get_by_role("link", name="Printable handout").click()
    page.wait_for_url("**/handout**")
    exercises = page.locator(".bc-figure").count()
    assert exercises >= 2
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"%PDF")
    assert len(figure_anchors(content)) == exercises


def test_a_session_started_from_today_is_listed_in_history(page: Any, server: Server) -> None:
    first_run(page, minutes=5)
    start_session(page, pain=5)
    page.keyboard.press("h")
    page.get_by_role("button", name="Sharp or shooting pain").click()
    choose_pain(page, "form-after", 4)
    page.get_by_role("button", name="Save and finish").click()
    page.locator("#screen-done").wait_for(state="visible")
    page.goto("/history")
    sessions = page.locator("main").inner_text().split("Sessions")[-1]
    assert re.search(r"\b5\b\D{1,8}\b4\b", sessions), sessions  # pain before, then after


def test_the_accessibility_check_reports_a_serious_problem(page: Any, server: Server) -> None:
    page.goto("/exercises")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<button></button>')"
    )
    assert any(problem.startswith("button-name") for problem in axe_problems(page))


def test_the_api_docs_work_offline(page: Any, server: Server) -> None:
    """Swagger UI is vendored; the page fixture fails the test if it asks any other host."""
    page.goto("/docs")
    page.get_by_text("/api/exercises", exact=True).first.wait_for()
    page.wait_for_load_state("networkidle")
