"""How often to practise: the days of this week, done, planned, rest or missed.

Pure: the practice days and ``today`` are arguments. The sources ask for regular
practice with rest between, so the first weeks never plan more than two days running.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

DEFAULT_DAYS_PER_WEEK = 3
MIN_DAYS_PER_WEEK = 1
MAX_DAYS_PER_WEEK = 7
# Rest-day rule for a person's first weeks: at most two practice days in a row.
EARLY_WEEKS = 4
EARLY_MAX_DAYS = 4
# Weekdays (Monday = 0) for each number of days, spread so rest days fall between.
PATTERNS: dict[int, tuple[int, ...]] = {
    1: (2,),
    2: (1, 4),
    3: (0, 2, 4),
    4: (0, 1, 3, 4),
    5: (0, 1, 3, 4, 5),
    6: (0, 1, 2, 3, 4, 5),
    7: (0, 1, 2, 3, 4, 5, 6),
}
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class DayState(StrEnum):
    DONE = "done"
    PLANNED = "planned"
    REST = "rest"
    MISSED = "missed"


@dataclass(frozen=True, slots=True)
class WeekDay:
    day: date
    state: DayState
    today: bool

    @property
    def name(self) -> str:
        return DAY_NAMES[self.day.weekday()]


@dataclass(frozen=True, slots=True)
class Week:
    days: tuple[WeekDay, ...]
    days_per_week: int
    early: bool  # the rest-day rule of the first weeks applies

    @property
    def done(self) -> int:
        return sum(d.state is DayState.DONE for d in self.days)

    @property
    def planned(self) -> int:
        """Practice days this week asks for (done ones included)."""
        return len(planned_weekdays(self.days_per_week, early=self.early))

    def sentence(self) -> str:
        left = max(0, self.planned - self.done)
        rule = "; at most two days in a row for your first weeks" if self.early else ""
        return (
            f"This week: {self.done} of {self.planned} sessions done, {left} to go{rule}. "
            "Rest days are part of the plan."
        )


def planned_weekdays(days_per_week: int, *, early: bool) -> tuple[int, ...]:
    wanted = max(MIN_DAYS_PER_WEEK, min(MAX_DAYS_PER_WEEK, days_per_week))
    if early:
        wanted = min(wanted, EARLY_MAX_DAYS)
    return PATTERNS[wanted]


def is_early(practice: Iterable[date], today: date) -> bool:
    """Within the first weeks since the first practice day (or before any)."""
    first = min((day for day in practice if day <= today), default=None)
    return first is None or (today - first).days < EARLY_WEEKS * 7


def week(practice: Iterable[date], days_per_week: int, today: date) -> Week:
    """Monday to Sunday of the week holding ``today``."""
    done = set(practice)
    early = is_early(done, today)
    planned = planned_weekdays(days_per_week, early=early)
    monday = today - timedelta(days=today.weekday())
    days = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        if day in done:
            state = DayState.DONE
        elif offset not in planned:
            state = DayState.REST
        else:
            state = DayState.MISSED if day < today else DayState.PLANNED
        days.append(WeekDay(day=day, state=state, today=day == today))
    return Week(days=tuple(days), days_per_week=days_per_week, early=early)


def adherence(
    practice: Iterable[date], days_per_week: int, today: date, weeks: int = 8
) -> list[tuple[date, int, int]]:
    """(Monday, practice days, planned days) for each of the last ``weeks`` weeks, oldest first."""
    done = set(practice)
    monday = today - timedelta(days=today.weekday())
    out = []
    for back in reversed(range(weeks)):
        start = monday - timedelta(weeks=back)
        span = {start + timedelta(days=n) for n in range(7)}
        planned = len(planned_weekdays(days_per_week, early=is_early(done, start)))
        out.append((start, len(span & done), planned))
    return out
