"""The week on Today, the flare-up path and the progress page, on the tests' day (a Thursday)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def _states(html: str) -> list[str]:
    return re.findall(r'<span class="day-state">(\w+)</span>', html)


def test_today_shows_this_week_done_planned_rest_and_missed(onboarded: TestClient) -> None:
    page = onboarded.get("/").text
    # Three days a week by default: Monday and Wednesday passed undone, Friday to come.
    assert _states(page) == ["missed", "rest", "missed", "rest", "planned", "rest", "rest"]
    assert 'aria-current="date"><span class="day-name">Thu' in page
    assert "0 of 3 sessions done" in page
    assert '<form method="post" action="/flare">' in page


def test_the_flare_path_gives_advice_a_gentle_routine_and_holds_doses(
    onboarded: TestClient,
) -> None:
    page = onboarded.post("/flare").text
    assert "Keep moving gently" in page and "emergency department" in page
    assert "Start the gentle routine" in page and "/session/new" in page
    assert re.search(r'<ol class="flare-routine">\s*<li>', page)
    progress = onboarded.get("/progress").text
    assert "Doses are held after your flare-up until Wednesday 18 March" in progress


def test_the_progress_page_charts_adherence_pain_and_doses(onboarded: TestClient) -> None:
    page = onboarded.get("/progress").text
    assert page.count("<svg") >= 2
    assert "Sessions done against planned, per week" in page
    assert "week of 09 March: 0 of 3 sessions" in page
    assert 'href="/progress" aria-current="page"' in page
    assert "<script>" not in page and "style=" not in page
