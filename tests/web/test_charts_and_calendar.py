from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time

import icalendar
import pytest
from clocks import TEST_NOW

from backcoach.adapters.ical import practice_calendar
from backcoach.web.charts import PainPoint, minutes_per_week_chart, pain_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_minutes_chart_draws_one_bar_per_week_scaled_to_minutes() -> None:
    weeks = [(date(2026, 11, 2), 0.0), (date(2026, 11, 9), 20.0), (date(2026, 11, 16), 40.0)]
    root = ET.fromstring(minutes_per_week_chart(weeks))
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "bar"]
    heights = [float(b.get("height", "0")) for b in bars]
    assert len(bars) == 3
    assert heights[0] == 0
    assert heights[2] == pytest.approx(2 * heights[1])
    assert "16 November: 40 minutes" in root.findtext(f"{SVG}desc", "")


def test_pain_chart_marks_before_and_after_and_says_them_in_words() -> None:
    points = [
        PainPoint(date(2026, 11, 1), 6, 4),
        PainPoint(date(2026, 11, 3), 5, None),
        PainPoint(date(2026, 11, 5), 4, 2),
    ]
    root = ET.fromstring(pain_chart(points))
    befores = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "before"]
    afters = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "after"]
    assert (len(befores), len(afters)) == (3, 2)
    # higher pain is drawn higher up (smaller y)
    ys = [float(c.get("cy", "0")) for c in befores]
    assert ys == sorted(ys)
    assert "03 November: before 5 of 10, after not rated" in root.findtext(f"{SVG}desc", "")


def test_calendar_parses_with_weekly_rule_on_chosen_days() -> None:
    text = practice_calendar(
        days=["TH", "MO"],
        at=time(7, 30),
        minutes=15,
        start=date(2026, 11, 22),  # a Sunday
        now=datetime(2026, 11, 22, 9, 0, tzinfo=UTC),
        url="http://127.0.0.1:8000/",
    )
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    calendar = icalendar.Calendar.from_ical(text)
    (event,) = calendar.walk("VEVENT")
    assert event["RRULE"]["BYDAY"] == ["MO", "TH"]
    assert event["DTSTART"].dt == datetime(2026, 11, 23, 7, 30)
    assert event["DTEND"].dt == datetime(2026, 11, 23, 7, 45)
    assert "not medical advice" in str(event["DESCRIPTION"])
    assert calendar.walk("VALARM")


def test_calendar_needs_a_day() -> None:
    with pytest.raises(ValueError, match="at least one"):
        practice_calendar(days=[], at=time(8), minutes=10, start=date(2026, 1, 1), now=TEST_NOW)
