"""Practice reminders as an iCalendar (RFC 5545) file, written with the standard library.

One weekly recurring event on the chosen days, at a floating local time (the
person's own clock wherever they are), with an alarm when it starts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

# RFC 5545 weekday codes in calendar order (Monday first, as date.weekday() counts).
WEEKDAYS: tuple[str, ...] = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_NAMES: dict[str, str] = dict(
    zip(
        WEEKDAYS,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)
PRODUCT_ID = "-//backcoach//practice reminders//EN"
LINE_LIMIT = 75  # octets per line before folding
CALENDAR_START = (
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    f"PRODID:{PRODUCT_ID}",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = LINE_LIMIT if not out else LINE_LIMIT - 1
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = ""
        current += char
    out.append(current)
    return "\r\n ".join(out)


def first_day_on_or_after(start: date, days: Iterable[str]) -> date:
    wanted = {WEEKDAYS.index(day) for day in days}
    return next(
        start + timedelta(n) for n in range(7) if (start + timedelta(n)).weekday() in wanted
    )


def practice_calendar(
    *,
    days: Iterable[str],
    at: time,
    minutes: int,
    start: date,
    now: datetime,
    url: str | None = None,
) -> str:
    """The .ics text: a weekly event on ``days`` (codes from WEEKDAYS) at ``at`` for ``minutes``.

    ``now`` (timezone-aware) stamps the file; the event times float in local time.
    """
    chosen = [day for day in WEEKDAYS if day in set(days)]
    if not chosen:
        raise ValueError("choose at least one practice day")
    begin = datetime.combine(
        first_day_on_or_after(start, chosen), at.replace(second=0, microsecond=0)
    )
    end = begin + timedelta(minutes=minutes)
    uid_source = f"{','.join(chosen)}|{at.isoformat()}|{minutes}|{start.isoformat()}"
    uid = hashlib.sha256(uid_source.encode()).hexdigest()[:24] + "@backcoach.local"
    description = (
        f"{minutes} minutes of gentle back exercises with backcoach."
        + (f" Open {url} to start." if url else "")
        + " General information, not medical advice: stop if anything hurts sharply."
    )
    event = [
        f"UID:{uid}",
        f"DTSTAMP:{now.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART:{begin.strftime('%Y%m%dT%H%M%S')}",
        f"DTEND:{end.strftime('%Y%m%dT%H%M%S')}",
        f"RRULE:FREQ=WEEKLY;BYDAY={','.join(chosen)}",
        f"SUMMARY:{_escape('Back exercises (backcoach)')}",
        f"DESCRIPTION:{_escape(description)}",
        *([f"URL:{url}"] if url else []),
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{_escape('Time for your back exercises')}",
        "TRIGGER:PT0M",
        "END:VALARM",
    ]
    lines = [*CALENDAR_START, "BEGIN:VEVENT", *event, "END:VEVENT", "END:VCALENDAR"]
    return "".join(_fold(line) + "\r\n" for line in lines)
