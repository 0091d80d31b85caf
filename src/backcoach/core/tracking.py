"""Progress from stored sessions: streaks, a pain trend, minutes per week, PEG timing.

Pure functions over records. The caller supplies "today" and the time zone
(through an aware ``now``), so the same history gives the same answer anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, tzinfo
from enum import StrEnum

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from backcoach.core.options import Equipment
from backcoach.core.profile import History, HistoryEntry, HurtEvent, Pain, Profile
from backcoach.core.records import (
    EventKind,
    EventRecord,
    HurtSeverity,
    PegRecord,
    PreferenceKind,
    PreferenceRecord,
    ProfileSettings,
    SessionRecord,
    SessionStatus,
)

PEG_INTERVAL = timedelta(days=7)
TREND_WINDOW_DAYS = 28
TREND_MIN_POINTS = 3
# A change of about one point on the 0-10 scale over two weeks is worth telling.
TREND_THRESHOLD_PER_WEEK = 0.5


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def local_day(at: datetime, zone: tzinfo | None) -> date:
    return at.astimezone(zone).date()


def practice_days(sessions: Iterable[SessionRecord], zone: tzinfo | None) -> set[date]:
    """Days on which at least one step of a session was completed."""
    return {local_day(s.started_at, zone) for s in sessions if s.steps}


def current_streak(days: Iterable[date], today: date) -> int:
    """Consecutive practice days ending today; a streak stays alive until today ends."""
    done = set(days)
    day = today if today in done else today - timedelta(days=1)
    streak = 0
    while day in done:
        streak += 1
        day -= timedelta(days=1)
    return streak


def longest_streak(days: Iterable[date]) -> int:
    ordered = sorted(set(days))
    best = run = 0
    for index, day in enumerate(ordered):
        run = run + 1 if index and (day - ordered[index - 1]).days == 1 else 1
        best = max(best, run)
    return best


class TrendDirection(StrEnum):
    IMPROVING = "improving"
    STEADY = "steady"
    WORSENING = "worsening"
    UNKNOWN = "not enough data"


class PainTrend(Frozen):
    direction: TrendDirection
    # Least-squares change of pain before sessions, in points per week (negative = less pain).
    slope_per_week: float | None = None
    average_before: float | None = None
    average_change: float | None = None  # mean of (after - before) within a session
    points: int = 0

    def sentence(self) -> str:
        if self.direction is TrendDirection.UNKNOWN:
            return f"pain trend: not enough data yet ({self.points} of {TREND_MIN_POINTS} sessions)"
        return (
            f"pain trend over {TREND_WINDOW_DAYS} days: {self.direction.value} "
            f"({self.slope_per_week:+.1f} points a week, average {self.average_before:.1f}/10 before)"
        )


def pain_trend(
    readings: Sequence[tuple[date, int, int | None]],
    today: date,
    window_days: int = TREND_WINDOW_DAYS,
) -> PainTrend:
    """Trend of (day, pain before, pain after) readings within the window before today."""
    start = today - timedelta(days=window_days)
    recent = [r for r in readings if start < r[0] <= today]
    changes = [after - before for _, before, after in recent if after is not None]
    average_change = round(sum(changes) / len(changes), 1) if changes else None
    if len(recent) < TREND_MIN_POINTS or len({r[0] for r in recent}) < 2:
        return PainTrend(
            direction=TrendDirection.UNKNOWN, points=len(recent), average_change=average_change
        )
    xs = [float((day - start).days) for day, _, _ in recent]
    ys = [float(before) for _, before, _ in recent]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread * 7
    if slope <= -TREND_THRESHOLD_PER_WEEK:
        direction = TrendDirection.IMPROVING
    elif slope >= TREND_THRESHOLD_PER_WEEK:
        direction = TrendDirection.WORSENING
    else:
        direction = TrendDirection.STEADY
    return PainTrend(
        direction=direction,
        slope_per_week=round(slope, 2),
        average_before=round(mean_y, 1),
        average_change=average_change,
        points=len(recent),
    )


def pain_readings(
    sessions: Iterable[SessionRecord], zone: tzinfo | None
) -> list[tuple[date, int, int | None]]:
    return [
        (local_day(s.started_at, zone), s.pain_before, s.pain_after)
        for s in sessions
        if s.pain_before is not None
    ]


class WeekMinutes(Frozen):
    week_start: date  # a Monday
    minutes: float
    sessions: int


def weekly_minutes(
    sessions: Iterable[SessionRecord], today: date, zone: tzinfo | None, weeks: int = 8
) -> list[WeekMinutes]:
    """Minutes practised in each of the last ``weeks`` calendar weeks, oldest first."""
    this_monday = today - timedelta(days=today.weekday())
    starts = [this_monday - timedelta(weeks=n) for n in reversed(range(weeks))]
    minutes = dict.fromkeys(starts, 0.0)
    counts = dict.fromkeys(starts, 0)
    for session in sessions:
        day = local_day(session.started_at, zone)
        monday = day - timedelta(days=day.weekday())
        if monday in minutes and session.steps:
            minutes[monday] += session.done_seconds / 60
            counts[monday] += 1
    return [
        WeekMinutes(week_start=m, minutes=round(minutes[m], 1), sessions=counts[m]) for m in starts
    ]


def peg_due(last: PegRecord | None, now: datetime, *, has_sessions: bool) -> bool:
    """A first check-in once there is a session to compare with, then weekly."""
    if last is None:
        return has_sessions
    return now - last.taken_at >= PEG_INTERVAL


class SessionDigest(Frozen):
    """A session without its routine or step details: what planning and the screen look at.

    The store reads these from a few columns, so planning need not load whole sessions.
    """

    id: int
    started_at: AwareDatetime
    pain_before: Pain | None = None
    pain_after: Pain | None = None
    status: SessionStatus = SessionStatus.ACTIVE
    step_count: int = Field(default=0, ge=0)
    exercise_ids: tuple[str, ...] = ()  # exercises with a completed step, in the order done
    hurts: tuple[EventRecord, ...] = ()  # its "it hurts" events


def digest(session: SessionRecord | SessionDigest) -> SessionDigest:
    if isinstance(session, SessionDigest):
        return session
    return SessionDigest(
        id=session.id,
        started_at=session.started_at,
        pain_before=session.pain_before,
        pain_after=session.pain_after,
        status=session.status,
        step_count=len(session.steps),
        exercise_ids=tuple(session.exercise_ids),
        hurts=tuple(event for event in session.events if event.kind is EventKind.HURT),
    )


def planner_history(
    sessions: Iterable[SessionRecord | SessionDigest], zone: tzinfo | None
) -> History:
    """What the planner needs from the store: what was done, pain, and what hurt."""
    entries: list[HistoryEntry] = []
    hurts: list[HurtEvent] = []
    for session in map(digest, sessions):
        day = local_day(session.started_at, zone)
        if session.step_count or session.pain_after is not None:
            entries.append(
                HistoryEntry(
                    on=day,
                    exercise_ids=session.exercise_ids,
                    pain_before=session.pain_before,
                    pain_after=session.pain_after,
                )
            )
        hurts.extend(
            HurtEvent(
                exercise_id=event.exercise_id,
                on=local_day(event.at, zone),
                sharp=event.severity is HurtSeverity.SHARP,
            )
            for event in session.hurts
            if event.kind is EventKind.HURT and event.exercise_id
        )
    return History(entries=tuple(entries), hurts=tuple(hurts))


def profile_for_today(
    settings: ProfileSettings,
    preferences: Iterable[PreferenceRecord],
    *,
    pain: int,
    now: datetime,
) -> Profile:
    """The planner's view of a person: stored settings, preferences in force, today's pain."""
    active = [p for p in preferences if p.active(now)]
    paused = {
        p.exercise_id: local_day(p.until - timedelta(microseconds=1), now.tzinfo)
        for p in active
        if p.kind is PreferenceKind.PAUSE and p.until is not None
    }
    return Profile(
        minutes=settings.minutes,
        goal=settings.goal,
        level=settings.level,
        equipment=frozenset(settings.equipment) - {Equipment.NONE},
        avoid=frozenset(settings.avoid),
        pain=pain,
        liked=frozenset(p.exercise_id for p in active if p.kind is PreferenceKind.LIKE),
        disliked=frozenset(p.exercise_id for p in active if p.kind is PreferenceKind.DISLIKE),
        paused=paused,
    )


STOPPED_FOR_PAIN = "stopped: it hurt"


def stopped_for_pain(session: SessionRecord) -> bool:
    """Ended by a sharp "it hurts", which history must not pass off as an ordinary stop."""
    return session.status is SessionStatus.STOPPED and any(
        event.kind is EventKind.HURT and event.severity is HurtSeverity.SHARP
        for event in session.events
    )


def outcome(session: SessionRecord) -> str:
    """How a session ended, in the words history shows: "finished", "stopped: it hurt"..."""
    return STOPPED_FOR_PAIN if stopped_for_pain(session) else session.status.value
