"""The week on Today, the flare-up path and the progress page, on the tests' day (a Thursday)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from backcoach.core.safety import RED_FLAGS

NO_RED_FLAGS = {flag.id: "no" for flag in RED_FLAGS}


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


SETTINGS_FORM = {"minutes": "10", "goal": "relief", "level": "beginner", "lead_in_seconds": "5"}


def test_settings_choose_days_per_week_and_today_plans_them(onboarded: TestClient) -> None:
    page = onboarded.get("/settings").text
    assert 'name="days_per_week" type="number" min="1" max="7" step="1" value="3"' in page
    form = {**SETTINGS_FORM, "days_per_week": "2"}
    assert onboarded.post("/settings", data=form, follow_redirects=False).status_code == 303
    assert 'name="days_per_week" type="number" min="1" max="7" step="1" value="2"' in (
        onboarded.get("/settings").text
    )
    today = onboarded.get("/").text
    # Two days a week fall on Tuesday and Friday.
    assert _states(today) == ["rest", "missed", "rest", "rest", "planned", "rest", "rest"]
    assert "0 of 2 sessions done" in today
    # A settings page from before the field existed leaves the choice alone.
    assert onboarded.post("/settings", data=SETTINGS_FORM).status_code == 200
    assert onboarded.get("/api/profile").json()["days_per_week"] == 2


def test_days_per_week_outside_one_to_seven_is_named_on_the_form(onboarded: TestClient) -> None:
    bad = onboarded.post("/settings", data={**SETTINGS_FORM, "days_per_week": "8"})
    assert bad.status_code == 422
    assert 'href="#field-days_per_week">Days per week</a>: must be at most 7 (you entered 8)' in (
        bad.text
    )
    assert 'value="8"' in bad.text  # kept for correcting
    assert onboarded.get("/api/profile").json()["days_per_week"] == 3


def test_the_first_run_profile_asks_days_per_week(client: TestClient) -> None:
    client.post("/welcome", data=NO_RED_FLAGS)
    assert 'id="field-days_per_week"' in client.get("/welcome/profile").text
    answers = {"minutes": "10", "goal": "relief", "level": "beginner"}
    bad = client.post("/welcome/profile", data={**answers, "days_per_week": "0"})
    assert bad.status_code == 422
    assert "must be at least 1 (you entered 0)" in bad.text
    saved = client.post("/welcome/profile", data={**answers, "days_per_week": "5"})
    assert saved.status_code == 200  # followed on to Today
    assert client.get("/api/profile").json()["days_per_week"] == 5


def test_the_api_reads_and_changes_days_per_week(client: TestClient) -> None:
    assert client.get("/api/profile").json()["days_per_week"] == 3
    assert client.put("/api/profile", json={"days_per_week": 4}).json()["days_per_week"] == 4
    for bad in (0, 8, "4", True):
        response = client.put("/api/profile", json={"days_per_week": bad})
        assert response.status_code == 422, bad
        assert response.json()["detail"][0]["field"] == "days_per_week"
    # null leaves it as it is, like the other fields
    assert client.put("/api/profile", json={"days_per_week": None}).json()["days_per_week"] == 4
