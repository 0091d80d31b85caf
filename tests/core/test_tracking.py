"""Streaks, pain trend, minutes per week, PEG timing and the planner's view of the store."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcoach.core import tracking
from backcoach.core.options import Avoid, Equipment, Goal
from backcoach.core.records import (
    EventKind,
    EventRecord,
    HurtSeverity,
    PegRecord,
    PreferenceKind,
    PreferenceRecord,
    ProfileSettings,
    SessionRecord,
    StepRecord,
)
from backcoach.core.tracking import TrendDirection

TODAY = date(2026, 3, 12)  # a Thursday
NOON = datetime(2026, 3, 12, 12, tzinfo=UTC)


def days_ago(*offsets: int) -> list[date]:
    return [TODAY - timedelta(days=n) for n in offsets]


def session(
    at: datetime,
    *,
    pain: tuple[int | None, int | None] = (None, None),
    seconds: float = 60,
    **extra: object,
) -> SessionRecord:
    steps = (
        (StepRecord(index=0, exercise_id="cat-cow", kind="hold", seconds=seconds, completed_at=at),)
        if seconds
        else ()
    )
    return SessionRecord(
        id=1,
        routine={},
        planned_seconds=600,
        started_at=at,
        pain_before=pain[0],
        pain_after=pain[1],
        steps=steps,
        **extra,
    )


@pytest.mark.parametrize(
    ("practised", "expected"),
    [
        ([], 0),
        ([0], 1),
        ([0, 1, 2], 3),
        ([1, 2], 2),  # not yet today: yesterday's streak is still alive
        ([2, 3, 4], 0),  # a missed day ends it
        ([0, 2, 3], 1),
        ([0, 0, 1], 2),  # two sessions on one day count once
    ],
)
def test_current_streak(practised: list[int], expected: int) -> None:
    assert tracking.current_streak(days_ago(*practised), TODAY) == expected


def test_longest_streak_finds_the_longest_run() -> None:
    assert tracking.longest_streak(days_ago(0, 1, 5, 6, 7, 8, 20)) == 4
    assert tracking.longest_streak([]) == 0


@given(st.sets(st.integers(0, 60)))
def test_a_streak_is_never_longer_than_the_longest(offsets: set[int]) -> None:
    days = days_ago(*offsets)
    assert tracking.current_streak(days, TODAY) <= tracking.longest_streak(days) <= len(offsets)


def test_practice_days_use_the_callers_time_zone() -> None:
    late = datetime(2026, 3, 11, 23, 30, tzinfo=UTC)
    assert tracking.practice_days([session(late)], UTC) == {date(2026, 3, 11)}
    assert tracking.practice_days([session(late)], timezone(timedelta(hours=2))) == {
        date(2026, 3, 12)
    }
    assert tracking.practice_days([session(late, seconds=0)], UTC) == set()


def readings(*pairs: tuple[int, int]) -> list[tuple[date, int, int | None]]:
    """(days ago, pain before) -> readings with pain after one lower."""
    return [(TODAY - timedelta(days=ago), before, before - 1) for ago, before in pairs]


def test_falling_pain_is_improving() -> None:
    trend = tracking.pain_trend(readings((20, 7), (13, 6), (6, 4), (0, 3)), TODAY)
    assert trend.direction is TrendDirection.IMPROVING
    assert trend.slope_per_week is not None and trend.slope_per_week < 0
    assert trend.average_change == -1
    assert "improving" in trend.sentence()


def test_rising_pain_is_worsening_and_flat_pain_steady() -> None:
    assert (
        tracking.pain_trend(readings((14, 2), (7, 4), (0, 6)), TODAY).direction
        is TrendDirection.WORSENING
    )
    assert (
        tracking.pain_trend(readings((14, 4), (7, 4), (0, 4)), TODAY).direction
        is TrendDirection.STEADY
    )


def test_too_few_or_too_old_readings_give_no_trend() -> None:
    assert tracking.pain_trend(readings((1, 5), (0, 3)), TODAY).direction is TrendDirection.UNKNOWN
    old = readings((60, 9), (50, 8), (40, 7))
    trend = tracking.pain_trend(old, TODAY)
    assert trend.direction is TrendDirection.UNKNOWN
    assert trend.points == 0
    same_day = readings((0, 5), (0, 3), (0, 4))
    assert tracking.pain_trend(same_day, TODAY).direction is TrendDirection.UNKNOWN


def test_pain_readings_skip_sessions_without_pain_before() -> None:
    sessions = [session(NOON, pain=(5, 4)), session(NOON, pain=(None, 3))]
    assert tracking.pain_readings(sessions, UTC) == [(TODAY, 5, 4)]


def test_weekly_minutes_counts_calendar_weeks() -> None:
    monday = datetime(2026, 3, 9, 9, tzinfo=UTC)
    sessions = [
        session(monday, seconds=600),
        session(monday + timedelta(days=2), seconds=300),
        session(monday - timedelta(days=1), seconds=120),  # Sunday: the week before
        session(monday - timedelta(weeks=20), seconds=999),  # outside the window
    ]
    weeks = tracking.weekly_minutes(sessions, TODAY, UTC, weeks=3)
    assert [w.week_start for w in weeks] == [date(2026, 2, 23), date(2026, 3, 2), date(2026, 3, 9)]
    assert [w.minutes for w in weeks] == [0, 2, 15]
    assert [w.sessions for w in weeks] == [0, 1, 2]


def test_peg_is_due_weekly_after_a_first_session() -> None:
    assert not tracking.peg_due(None, NOON, has_sessions=False)
    assert tracking.peg_due(None, NOON, has_sessions=True)
    last = PegRecord(pain=4, enjoyment=3, activity=5, taken_at=NOON)
    assert not tracking.peg_due(last, NOON + timedelta(days=6, hours=23), has_sessions=True)
    assert tracking.peg_due(last, NOON + timedelta(days=7), has_sessions=True)
    assert last.score == 4.0


def test_planner_history_has_what_was_done_and_what_hurt() -> None:
    hurt = EventRecord(
        kind=EventKind.HURT, at=NOON, exercise_id="cat-cow", severity=HurtSeverity.SHARP
    )
    skip = EventRecord(kind=EventKind.SKIP, at=NOON, exercise_id="cat-cow")
    done = session(NOON, pain=(5, 6), events=(hurt, skip))
    nothing = session(NOON - timedelta(days=1), seconds=0)
    history = tracking.planner_history([nothing, done], UTC)
    assert [(e.on, e.exercise_ids, e.pain_before, e.pain_after) for e in history.entries] == [
        (TODAY, ("cat-cow",), 5, 6)
    ]
    assert [(h.exercise_id, h.on, h.sharp) for h in history.hurts] == [("cat-cow", TODAY, True)]


def test_profile_for_today_applies_preferences_in_force() -> None:
    settings = ProfileSettings(
        minutes=20,
        goal=Goal.MOBILITY,
        equipment=(Equipment.NONE, Equipment.STRAP),
        avoid=(Avoid.PRONE,),
    )
    until = datetime(2026, 3, 19, tzinfo=UTC)  # paused through the 18th
    preferences = [
        PreferenceRecord(exercise_id="cat-cow", kind=PreferenceKind.LIKE, created_at=NOON),
        PreferenceRecord(exercise_id="bird-dog", kind=PreferenceKind.DISLIKE, created_at=NOON),
        PreferenceRecord(
            exercise_id="child-pose", kind=PreferenceKind.PAUSE, created_at=NOON, until=until
        ),
        PreferenceRecord(
            exercise_id="old-one", kind=PreferenceKind.PAUSE, created_at=NOON, until=NOON
        ),
    ]
    profile = tracking.profile_for_today(settings, preferences, pain=6, now=NOON)
    assert profile.minutes == 20 and profile.goal is Goal.MOBILITY and profile.pain == 6
    assert profile.equipment == {Equipment.STRAP}
    assert profile.avoid == {Avoid.PRONE}
    assert profile.liked == {"cat-cow"} and profile.disliked == {"bird-dog"}
    assert profile.paused == {"child-pose": date(2026, 3, 18)}
