"""The pages a person walks through, rendered by the real app on a temporary database."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from backcoach.core.safety import RED_FLAGS

NO_RED_FLAGS = {flag.id: "no" for flag in RED_FLAGS}

HTML = {"accept": "text/html"}


def test_a_new_visitor_is_sent_to_the_welcome_page(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/welcome"
    page = client.get("/welcome").text
    assert "not medical advice" in page
    # Yes and no for every question, and "checked and cleared" where that makes sense.
    clearable = sum(flag.clearable for flag in RED_FLAGS)
    assert page.count('type="radio"') == 2 * len(NO_RED_FLAGS) + clearable


def test_a_red_flag_yes_gives_urgent_advice_and_no_routine(client: TestClient) -> None:
    answers = {**NO_RED_FLAGS, "bladder-bowel": "yes"}
    response = client.post("/welcome", data=answers)
    assert response.status_code == 200
    assert "emergency department" in response.text
    assert "/session/" not in response.text
    today = client.get("/", follow_redirects=False)
    assert today.status_code == 303
    assert today.headers["location"].startswith("/screen")
    assert client.get("/session/new", follow_redirects=False).status_code == 303


def test_an_unanswered_question_is_named(client: TestClient) -> None:
    answers = dict(NO_RED_FLAGS)
    del answers["night-pain"]
    response = client.post("/welcome", data=answers)
    assert response.status_code == 422
    assert 'href="#field-night-pain"' in response.text


def test_profile_errors_name_the_field(client: TestClient) -> None:
    client.post("/welcome", data=NO_RED_FLAGS)
    response = client.post("/welcome/profile", data={"minutes": "90", "goal": "relief"})
    assert response.status_code == 422
    assert 'href="#field-minutes"' in response.text
    assert 'value="90"' in response.text  # the answer is kept for correcting
    bad_goal = client.post("/welcome/profile", data={"minutes": "10", "goal": "flying"})
    assert bad_goal.status_code == 422
    assert 'href="#field-goal"' in bad_goal.text


def test_today_shows_a_routine_with_figures_reasons_and_a_start_link(onboarded: TestClient) -> None:
    page = onboarded.get("/").text
    items = page.count('<li class="card">')
    assert items >= 2
    assert page.count("<svg") == items
    assert page.count('class="reason"') == items
    assert 'href="/session/new' in page
    assert re.search(r"about 1[01] min", page)


def test_today_replans_for_other_minutes_and_goal(onboarded: TestClient) -> None:
    short = onboarded.get("/", params={"minutes": 5}).text
    long = onboarded.get("/", params={"minutes": 20, "goal": "mobility"}).text
    assert short.count('<li class="card">') < long.count('<li class="card">')
    assert '<option value="20" selected>20 min' in long
    assert 'href="/session/new?minutes=20&amp;goal=mobility"' in long


def test_history_settings_and_reminders_render(onboarded: TestClient) -> None:
    for path, marker in (
        ("/history", "Minutes per week"),
        ("/settings", "Delete all data"),
        ("/reminders", "Download calendar file"),
        ("/handout", "Your home programme"),
    ):
        response = onboarded.get(path)
        assert response.status_code == 200, path
        assert marker in response.text


def test_settings_change_the_profile_and_the_session_preferences(onboarded: TestClient) -> None:
    form = {
        "minutes": "20",
        "goal": "strength",
        "level": "beginner",
        "lead_in_seconds": "9",
        "sounds": "on",
    }
    assert onboarded.post("/settings", data=form, follow_redirects=False).status_code == 303
    page = onboarded.get("/settings").text
    assert 'name="minutes" type="number" min="5" max="60" step="1" value="20"' in page
    assert 'value="9"' in page
    assert 'name="voice" value="on">' in page  # now unticked
    assert 'name="sounds" value="on" checked>' in page
    bad = onboarded.post("/settings", data={**form, "lead_in_seconds": "99"})
    assert bad.status_code == 422
    assert 'href="#field-lead_in_seconds"' in bad.text


def test_export_and_delete_all_data(onboarded: TestClient) -> None:
    export = onboarded.get("/settings/export")
    assert export.status_code == 200
    assert "attachment" in export.headers["content-disposition"]
    assert export.json()
    refused = onboarded.post("/settings/delete", data={})
    assert refused.status_code == 422
    deleted = onboarded.post("/settings/delete", data={"confirm": "yes"}, follow_redirects=False)
    assert deleted.headers["location"] == "/welcome"
    assert onboarded.get("/", follow_redirects=False).headers["location"] == "/welcome"


def test_peg_check_in_validates_and_saves(onboarded: TestClient) -> None:
    bad = onboarded.post("/history/peg", data={"pain": "4", "enjoyment": "11"})
    assert bad.status_code == 422
    assert 'href="#field-enjoyment"' in bad.text
    assert 'href="#field-activity"' in bad.text
    good = onboarded.post("/history/peg", data={"pain": "4", "enjoyment": "3", "activity": "2"})
    assert good.status_code == 200
    assert "<td>3.0</td>" in good.text


@pytest.mark.parametrize(
    "path",
    ["/", "/welcome", "/exercises", "/history", "/settings", "/reminders", "/handout", "/screen"],
)
def test_no_page_refers_to_another_host(onboarded: TestClient, path: str) -> None:
    html = onboarded.get(path).text
    hosts = set(re.findall(r"(?:https?:)?//([^/\s\"'<>]+)", html))
    assert hosts <= {"www.w3.org"}, hosts  # the SVG namespace is a name, never fetched


def test_today_with_bad_choices_says_so_and_uses_the_profile(onboarded: TestClient) -> None:
    response = onboarded.get("/", params={"minutes": 99, "goal": "relief"})
    assert response.status_code == 200
    assert "minutes must be at most 60 (you entered 99)" in response.text
    assert '<option value="10" selected>' in response.text


def test_today_asks_pain_and_high_pain_plans_the_gentle_routine(onboarded: TestClient) -> None:
    from backcoach.core.safety import SEVERE_PAIN_ADVICE

    usual = onboarded.get("/").text
    assert '<select id="pain" name="pain">' in usual
    assert '<option value="" selected>Not given</option>' in usual
    assert SEVERE_PAIN_ADVICE not in usual
    high = onboarded.get("/", params={"pain": 8}).text
    assert '<option value="8" selected>8</option>' in high
    assert SEVERE_PAIN_ADVICE in high
    # The player is started with the same pain, so it runs the routine shown here.
    assert 'href="/session/new?pain=8"' in high


def test_settings_link_to_the_camera_check_and_say_video_stays_here(
    onboarded: TestClient,
) -> None:
    page = onboarded.get("/settings").text
    assert '<a href="/camera">Camera check</a>' in page
    assert "Video stays on this device" in page
