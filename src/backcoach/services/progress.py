"""History, streaks, pain trend, PEG check-ins, export and import."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import Field, ValidationError

from backcoach.adapters.storage.store import Store
from backcoach.core import tracking
from backcoach.core.records import (
    EventKind,
    PegRecord,
    SessionRecord,
    SessionStatus,
)
from backcoach.services.common import (
    Frozen,
    first_problem,
)

# --- tracking -------------------------------------------------------------------


class SessionSummary(Frozen):
    id: int
    started_at: datetime
    minutes: float
    planned_minutes: float
    exercises: list[str]
    pain_before: int | None
    pain_after: int | None
    status: SessionStatus
    hurts: int
    stopped_for_pain: bool = False
    outcome: str = Field(default="", description='How it ended, e.g. "stopped: it hurt".')


class HistoryReport(Frozen):
    sessions: list[SessionSummary]
    streak: int
    longest_streak: int
    trend: tracking.PainTrend
    weeks: list[tracking.WeekMinutes]
    peg_due: bool
    pegs: list[PegRecord]


def summary(session: SessionRecord) -> SessionSummary:
    return SessionSummary(
        id=session.id,
        started_at=session.started_at,
        minutes=session.minutes,
        planned_minutes=round(session.planned_seconds / 60, 1),
        exercises=session.exercise_ids,
        pain_before=session.pain_before,
        pain_after=session.pain_after,
        status=session.status,
        hurts=sum(event.kind is EventKind.HURT for event in session.events),
        stopped_for_pain=tracking.stopped_for_pain(session),
        outcome=tracking.outcome(session),
    )


def history(
    *, store: Store, profile_id: int, now: datetime, limit: int | None = None
) -> HistoryReport:
    """Sessions (newest first), streaks, pain trend, minutes per week and the PEG check-ins."""
    sessions = store.sessions(profile_id)
    zone, today = now.tzinfo, now.date()
    days = tracking.practice_days(sessions, zone)
    pegs = store.pegs(profile_id)
    shown = list(reversed(sessions))[:limit]
    return HistoryReport(
        sessions=[summary(s) for s in shown],
        streak=tracking.current_streak(days, today),
        longest_streak=tracking.longest_streak(days),
        trend=tracking.pain_trend(tracking.pain_readings(sessions, zone), today),
        weeks=tracking.weekly_minutes(sessions, today, zone),
        peg_due=tracking.peg_due(pegs[-1] if pegs else None, now, has_sessions=bool(days)),
        pegs=pegs,
    )


def peg_due(*, store: Store, profile_id: int, now: datetime) -> bool:
    pegs = store.pegs(profile_id)
    has_sessions = any(s.steps for s in store.sessions(profile_id, limit=20))
    return tracking.peg_due(pegs[-1] if pegs else None, now, has_sessions=has_sessions)


def record_peg(
    *, store: Store, profile_id: int, pain: int, enjoyment: int, activity: int, now: datetime
) -> PegRecord:
    try:
        peg = PegRecord(pain=pain, enjoyment=enjoyment, activity=activity, taken_at=now)
    except ValidationError as error:
        raise first_problem(error) from None
    store.add_peg(profile_id, peg)
    return peg


# --- export and import ------------------------------------------------------------

ExportFormat = Literal["json", "csv"]


def export_data(*, store: Store, fmt: ExportFormat, now: datetime) -> str:
    from backcoach.adapters import export_files

    bundles = store.bundles()
    return (
        export_files.to_json(bundles, now=now)
        if fmt == "json"
        else export_files.to_csv(bundles, now=now)
    )


class ImportSummary(Frozen):
    profiles: list[str]
    sessions: int


def import_data(*, store: Store, text: str, source: str, replace: bool = False) -> ImportSummary:
    """Validate a whole export file, then add it in one transaction (or nothing)."""
    from backcoach.adapters import export_files

    bundles = export_files.read_export(text, source=source)
    store.import_bundles(bundles, replace=replace)
    return ImportSummary(
        profiles=[b.name for b in bundles], sessions=sum(len(b.sessions) for b in bundles)
    )
