from __future__ import annotations

import icalendar
from fastapi.testclient import TestClient

from backcoach.adapters.pdf import figure_anchors


def test_handout_pdf_has_one_figure_per_exercise_in_order(onboarded: TestClient) -> None:
    page = onboarded.get("/handout", params={"minutes": 10}).text
    ids = [
        line.split('id="figure-')[1].split('"')[0]
        for line in page.splitlines()
        if 'id="figure-' in line
    ]
    assert len(ids) >= 2
    response = onboarded.get("/handout.pdf", params={"minutes": 10})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"%PDF-")
    assert figure_anchors(response.content) == [f"figure-{i}" for i in ids]


def test_handout_print_stylesheet_hides_the_page_furniture(onboarded: TestClient) -> None:
    page = onboarded.get("/handout").text
    assert '<link rel="stylesheet" href="/handout.css">' in page
    assert 'class="button-row no-print"' in page
    stylesheet = onboarded.get("/handout.css")
    assert stylesheet.headers["content-type"].startswith("text/css")
    assert "@media print" in stylesheet.text


def test_handout_with_bad_minutes_is_422_naming_the_field(onboarded: TestClient) -> None:
    response = onboarded.get("/handout.pdf", params={"minutes": 2})
    assert response.status_code == 422
    assert "minutes" in response.text


def test_reminders_ics_parses_with_the_chosen_days_and_time(onboarded: TestClient) -> None:
    response = onboarded.get(
        "/reminders.ics", params={"days": ["TU", "SA"], "time": "18:15", "minutes": 20}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    (event,) = icalendar.Calendar.from_ical(response.text).walk("VEVENT")
    assert event["RRULE"]["BYDAY"] == ["TU", "SA"]
    start, end = event["DTSTART"].dt, event["DTEND"].dt
    assert (start.hour, start.minute) == (18, 15)
    assert (end - start).total_seconds() == 20 * 60
    assert start.strftime("%a") in {"Tue", "Sat"}


def test_reminders_without_a_day_show_the_form_again(onboarded: TestClient) -> None:
    response = onboarded.get("/reminders.ics", params={"time": "18:15", "minutes": 20})
    assert response.status_code == 422
    assert 'href="#field-days"' in response.text
