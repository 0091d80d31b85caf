"""Translate between table rows and the core's records (both directions).

The readers take ORM rows or Core result rows alike: both name their columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from backcoach.adapters.storage.tables import (
    EventRow,
    FlareRow,
    PegRow,
    PreferenceRow,
    ProfileRow,
    ScreenRow,
    SessionRow,
    StepRow,
)
from backcoach.core.options import Avoid, Equipment, Goal, Level
from backcoach.core.records import (
    EventKind,
    EventRecord,
    FlareRecord,
    HurtSeverity,
    PegRecord,
    PreferenceKind,
    PreferenceRecord,
    ProfileBundle,
    ProfileRecord,
    ProfileSettings,
    ScreenRecord,
    SessionRecord,
    SessionStatus,
    StepRecord,
)


def apply_settings(row: ProfileRow, settings: ProfileSettings) -> None:
    row.minutes = settings.minutes
    row.goal = settings.goal.value
    row.level = settings.level.value
    row.equipment = [item.value for item in settings.equipment]
    row.avoid = [item.value for item in settings.avoid]
    row.days_per_week = settings.days_per_week


def profile_settings(row: ProfileRow | Row[Any]) -> ProfileSettings:
    return ProfileSettings(
        minutes=row.minutes,
        goal=Goal(row.goal),
        level=Level(row.level),
        equipment=tuple(Equipment(item) for item in row.equipment),
        avoid=tuple(Avoid(item) for item in row.avoid),
        days_per_week=row.days_per_week,
    )


def profile_record(row: ProfileRow | Row[Any]) -> ProfileRecord:
    return ProfileRecord(
        id=row.id,
        name=row.name,
        created_at=row.created_at,
        settings=profile_settings(row),
        disclaimer_seen_at=row.disclaimer_seen_at,
    )


def screen_row(profile_id: int, screen: ScreenRecord) -> ScreenRow:
    return ScreenRow(
        profile_id=profile_id,
        taken_at=screen.taken_at,
        answers=screen.model_dump(mode="json")["answers"],  # a cleared answer holds a date
        result=screen.result,
    )


def screen_record(row: ScreenRow | Row[Any]) -> ScreenRecord:
    return ScreenRecord(answers=row.answers, result=row.result, taken_at=row.taken_at)


def step_row(session_id: int, step: StepRecord) -> StepRow:
    return StepRow(
        session_id=session_id,
        step_index=step.index,
        exercise_id=step.exercise_id,
        kind=step.kind,
        side=step.side,
        seconds=step.seconds,
        completed_at=step.completed_at,
    )


def step_record(row: StepRow) -> StepRecord:
    return StepRecord(
        index=row.step_index,
        exercise_id=row.exercise_id,
        kind=row.kind,
        side=row.side,
        seconds=row.seconds,
        completed_at=row.completed_at,
    )


def event_row(session_id: int, event: EventRecord) -> EventRow:
    return EventRow(
        session_id=session_id,
        kind=event.kind.value,
        at=event.at,
        exercise_id=event.exercise_id,
        step_index=event.step_index,
        severity=event.severity.value if event.severity else None,
        event_id=event.event_id,
    )


def event_record(row: EventRow | Row[Any]) -> EventRecord:
    return EventRecord(
        kind=EventKind(row.kind),
        at=row.at,
        exercise_id=row.exercise_id,
        step_index=row.step_index,
        severity=HurtSeverity(row.severity) if row.severity else None,
        event_id=row.event_id,
    )


def session_record(row: SessionRow) -> SessionRecord:
    return SessionRecord(
        id=row.id,
        routine=row.routine,
        planned_seconds=row.planned_seconds,
        started_at=row.started_at,
        finished_at=row.finished_at,
        pain_before=row.pain_before,
        pain_after=row.pain_after,
        status=SessionStatus(row.status),
        steps=tuple(step_record(step) for step in row.steps),
        events=tuple(event_record(item) for item in row.events),
    )


def preference_row(profile_id: int, preference: PreferenceRecord) -> PreferenceRow:
    return PreferenceRow(
        profile_id=profile_id,
        exercise_id=preference.exercise_id,
        kind=preference.kind.value,
        created_at=preference.created_at,
        until=preference.until,
        reason=preference.reason,
    )


def preference_record(row: PreferenceRow | Row[Any]) -> PreferenceRecord:
    return PreferenceRecord(
        exercise_id=row.exercise_id,
        kind=PreferenceKind(row.kind),
        created_at=row.created_at,
        until=row.until,
        reason=row.reason,
    )


def peg_row(profile_id: int, peg: PegRecord) -> PegRow:
    return PegRow(
        profile_id=profile_id,
        taken_at=peg.taken_at,
        pain=peg.pain,
        enjoyment=peg.enjoyment,
        activity=peg.activity,
    )


def peg_record(row: PegRow) -> PegRecord:
    return PegRecord(
        pain=row.pain, enjoyment=row.enjoyment, activity=row.activity, taken_at=row.taken_at
    )


def flare_row(profile_id: int, flare: FlareRecord) -> FlareRow:
    return FlareRow(profile_id=profile_id, at=flare.at)


def bundle(db: Session, profile: ProfileRow) -> ProfileBundle:
    def owned(table: Any) -> Any:
        return select(table).where(table.profile_id == profile.id)

    screens = db.scalars(owned(ScreenRow).order_by(ScreenRow.taken_at, ScreenRow.id))
    sessions = db.scalars(owned(SessionRow).order_by(SessionRow.started_at, SessionRow.id))
    preferences = db.scalars(
        owned(PreferenceRow).order_by(PreferenceRow.created_at, PreferenceRow.id)
    )
    pegs = db.scalars(owned(PegRow).order_by(PegRow.taken_at, PegRow.id))
    flares = db.scalars(owned(FlareRow).order_by(FlareRow.at, FlareRow.id))
    return ProfileBundle(
        name=profile.name,
        created_at=profile.created_at,
        settings=profile_settings(profile),
        disclaimer_seen_at=profile.disclaimer_seen_at,
        screens=tuple(screen_record(row) for row in screens),
        sessions=tuple(session_record(row) for row in sessions),
        preferences=tuple(preference_record(row) for row in preferences),
        pegs=tuple(peg_record(row) for row in pegs),
        flares=tuple(FlareRecord(at=row.at) for row in flares),
    )


def add_bundle(db: Session, item: ProfileBundle) -> None:
    profile = ProfileRow(
        name=item.name, created_at=item.created_at, disclaimer_seen_at=item.disclaimer_seen_at
    )
    apply_settings(profile, item.settings)
    db.add(profile)
    db.flush()
    db.add_all(screen_row(profile.id, screen) for screen in item.screens)
    db.add_all(preference_row(profile.id, pref) for pref in item.preferences)
    db.add_all(peg_row(profile.id, peg) for peg in item.pegs)
    db.add_all(flare_row(profile.id, flare) for flare in item.flares)
    for session in item.sessions:
        row = SessionRow(
            profile_id=profile.id,
            routine=session.routine,
            planned_seconds=session.planned_seconds,
            started_at=session.started_at,
            finished_at=session.finished_at,
            pain_before=session.pain_before,
            pain_after=session.pain_after,
            status=session.status.value,
        )
        row.steps = [step_row(0, step) for step in _first_of_each(session.steps)]
        row.events = [event_row(0, event) for event in _first_of_each(session.events)]
        db.add(row)


def _first_of_each(records: Sequence[StepRecord | EventRecord]) -> list[Any]:
    """Each step, and each event with an id, once: exports written before 0007_event_ids
    may hold a step the device posted twice (the migration keeps the first as well)."""
    seen: set[object] = set()
    kept: list[Any] = []
    for record in records:
        key = record.index if isinstance(record, StepRecord) else record.event_id
        if key is not None and key in seen:
            continue
        seen.add(key)
        kept.append(record)
    return kept
