"""Use cases shared by the CLI and the web: thin steps between the store and the core.

Every function is keyword-only, takes the store it works on and, where time
matters, an aware ``now`` (the caller's clock; its time zone decides what
"today" is). Domain rules live in ``backcoach.core``; nothing here decides
anything a core function could.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from backcoach.adapters.storage.store import Store
from backcoach.core import safety, tracking
from backcoach.core.catalogue import Catalogue
from backcoach.core.records import (
    EventKind,
    EventRecord,
    HurtSeverity,
    PegRecord,
    PreferenceKind,
    PreferenceRecord,
    ProfileRecord,
    ProfileSettings,
    ScreenRecord,
    SessionRecord,
    SessionStatus,
    StepRecord,
)
from backcoach.core.timeline import Routine

DEFAULT_PROFILE = "me"


class ServiceError(ValueError):
    """A request the rules refuse; the message says what to do instead."""


class ScreeningRequired(ServiceError):
    """No routine until the red-flag screen is answered (again) with no warning sign."""


class SessionClosed(ServiceError):
    """Steps and events can only be added to a session still in progress."""


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)


# --- profiles -------------------------------------------------------------------


def get_or_create_profile(
    *,
    store: Store,
    now: datetime,
    name: str = DEFAULT_PROFILE,
    settings: ProfileSettings | None = None,
) -> ProfileRecord:
    found = store.profile_named(name)
    if found is not None:
        return found
    return store.add_profile(name, settings or ProfileSettings(), created_at=now)


def list_profiles(*, store: Store) -> list[ProfileRecord]:
    return store.profiles()


def update_profile(*, store: Store, profile_id: int, changes: Mapping[str, Any]) -> ProfileRecord:
    """Change some settings (minutes, goal, level, equipment, avoid); all are validated first."""
    current = store.profile(profile_id).settings
    try:
        settings = ProfileSettings.model_validate({**current.model_dump(), **changes})
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise ServiceError(f"{field}: {first['msg']}") from None
    return store.update_profile(profile_id, settings=settings)


def acknowledge_disclaimer(*, store: Store, profile_id: int, now: datetime) -> ProfileRecord:
    return store.update_profile(profile_id, disclaimer_seen_at=now)


def set_preference(
    *, store: Store, profile_id: int, exercise_id: str, kind: PreferenceKind | None, now: datetime
) -> None:
    """Like or dislike an exercise (``None`` clears both)."""
    if kind is None:
        store.clear_preference(
            profile_id, exercise_id, [PreferenceKind.LIKE, PreferenceKind.DISLIKE]
        )
        return
    store.set_preference(
        profile_id, PreferenceRecord(exercise_id=exercise_id, kind=kind, created_at=now)
    )


def delete_all_data(*, store: Store) -> None:
    store.delete_all()


# --- red-flag screen ------------------------------------------------------------


class ScreeningState(Frozen):
    due: bool
    last: ScreenRecord | None
    advice: str | None = None  # the last screen's advice while it blocks sessions


def last_reported_pain(sessions: list[SessionRecord]) -> int | None:
    for session in reversed(sessions):
        for pain in (session.pain_after, session.pain_before):
            if pain is not None:
                return pain
    return None


def screening_state(
    *, store: Store, profile_id: int, now: datetime, pain: int | None = None
) -> ScreeningState:
    """Whether the screen must be asked before a session (today's ``pain`` if known)."""
    last = store.latest_screen(profile_id)
    clear = last is not None and last.result == safety.ScreenStatus.CLEAR.value
    due = safety.screening_due(
        last.taken_at if last else None,
        now,
        last_reported_pain(store.sessions(profile_id, limit=1)),
        pain,
        last_result_clear=clear,
    )
    advice = None
    if last is not None and not clear:
        flagged = {k for k, yes in last.answers.items() if yes}
        advice = safety.evaluate({f: f in flagged for f in safety.RED_FLAG_IDS}).advice
    return ScreeningState(due=due, last=last, advice=advice)


def record_screen(
    *, store: Store, profile_id: int, answers: Mapping[str, bool], now: datetime
) -> safety.ScreenResult:
    try:
        result = safety.evaluate(answers)
    except safety.IncompleteScreen as error:
        raise ServiceError(str(error)) from None
    store.add_screen(
        profile_id, ScreenRecord(answers=dict(answers), result=result.status.value, taken_at=now)
    )
    return result


# --- planning and sessions -----------------------------------------------------


def plan_today(
    *,
    store: Store,
    catalogue: Catalogue,
    profile_id: int,
    now: datetime,
    pain: int,
    overrides: Mapping[str, Any] | None = None,
    lead_in_seconds: float | None = None,
    seed: int | None = None,
) -> Routine:
    """Today's routine from the stored profile (``overrides`` apply to today only).

    Raises ``planner.PlanImpossible`` saying which constraint to relax. The
    seed defaults to one per person per day, so re-planning gives the same routine.
    """
    from backcoach.core.planner import plan

    record = store.profile(profile_id)
    settings = record.settings
    if overrides:
        try:
            settings = ProfileSettings.model_validate({**settings.model_dump(), **overrides})
        except ValidationError as error:
            first = error.errors()[0]
            raise ServiceError(f"{'.'.join(map(str, first['loc']))}: {first['msg']}") from None
    today = now.date()
    profile = tracking.profile_for_today(
        settings, store.preferences(profile_id), pain=pain, now=now
    )
    history = tracking.planner_history(store.sessions(profile_id, limit=60), now.tzinfo)
    routine = plan(
        profile,
        catalogue,
        history,
        seed if seed is not None else today.toordinal() * 100 + profile_id,
        today,
    )
    if lead_in_seconds is not None:
        routine = routine.model_copy(update={"lead_in_seconds": float(lead_in_seconds)})
    return routine


def start_session(
    *, store: Store, profile_id: int, routine: Routine, pain_before: int, now: datetime
) -> SessionRecord:
    """Begin a session; refused while the red-flag screen is due or flagged a sign."""
    state = screening_state(store=store, profile_id=profile_id, now=now, pain=pain_before)
    if state.due:
        raise ScreeningRequired(
            state.advice or "answer the red-flag screen first (backcoach screen)"
        )
    from backcoach.core.timeline import build_timeline

    return store.add_session(
        profile_id,
        routine=routine.stored(),
        planned_seconds=round(build_timeline(routine).total_seconds),
        started_at=now,
        pain_before=pain_before,
    )


def _open_session(store: Store, session_id: int) -> SessionRecord:
    session = store.session(session_id)
    if session.status is not SessionStatus.ACTIVE:
        raise SessionClosed(f"session {session_id} is already {session.status.value}")
    return session


def record_step(
    *,
    store: Store,
    session_id: int,
    index: int,
    kind: str,
    seconds: float,
    now: datetime,
    exercise_id: str | None = None,
    side: str | None = None,
) -> None:
    """Store one completed step at once, so a crash loses nothing already done."""
    _open_session(store, session_id)
    store.add_step(
        session_id,
        StepRecord(
            index=index,
            exercise_id=exercise_id,
            kind=kind,
            side=side,
            seconds=seconds,
            completed_at=now,
        ),
    )


class HurtOutcome(Frozen):
    stop_session: bool
    paused_exercise: str | None = None
    paused_until: date | None = None  # last day it stays out of plans
    advice: str | None = None


def record_event(
    *,
    store: Store,
    session_id: int,
    kind: EventKind,
    now: datetime,
    exercise_id: str | None = None,
    step_index: int | None = None,
    severity: HurtSeverity | None = None,
) -> HurtOutcome:
    """Store an event; "it hurts" also pauses that exercise for 7 days."""
    session = _open_session(store, session_id)
    if kind is EventKind.HURT and severity is None:
        raise ServiceError("an 'it hurts' event needs its severity: sharp or mild")
    store.add_event(
        session_id,
        EventRecord(
            kind=kind, at=now, exercise_id=exercise_id, step_index=step_index, severity=severity
        ),
    )
    if kind is not EventKind.HURT:
        return HurtOutcome(stop_session=False)
    sharp = severity is HurtSeverity.SHARP
    advice = safety.SHARP_PAIN_ADVICE if sharp else None
    if exercise_id is None:
        return HurtOutcome(stop_session=sharp, advice=advice)
    last_day = safety.paused_until(now.date())
    until = datetime.combine(last_day + timedelta(days=1), time(), tzinfo=now.tzinfo)
    store.set_preference(
        store.session_owner(session.id),
        PreferenceRecord(
            exercise_id=exercise_id, kind=PreferenceKind.PAUSE, created_at=now, until=until,
            reason=f"it hurt ({severity.value if severity else 'unknown'})",
        ),
    )  # fmt: skip
    return HurtOutcome(
        stop_session=sharp, paused_exercise=exercise_id, paused_until=last_day, advice=advice
    )


class FinishOutcome(Frozen):
    session: SessionRecord
    see_professional: bool
    advice: tuple[str, ...] = ()


def finish_session(
    *, store: Store, session_id: int, now: datetime, pain_after: int | None, completed: bool = True
) -> FinishOutcome:
    """Close a session with pain after; suggests a professional after two rises in a row."""
    _open_session(store, session_id)
    status = SessionStatus.FINISHED if completed else SessionStatus.STOPPED
    session = store.close_session(session_id, status=status, finished_at=now, pain_after=pain_after)
    owner = store.session_owner(session_id)
    pairs = [
        (s.pain_before, s.pain_after)
        for s in store.sessions(owner, limit=10)
        if s.pain_before is not None and s.pain_after is not None
    ]
    professional = safety.suggest_professional(pairs)
    advice = (safety.PROFESSIONAL_ADVICE,) if professional else ()
    return FinishOutcome(session=session, see_professional=professional, advice=advice)


def interrupted_session(*, store: Store, profile_id: int) -> SessionRecord | None:
    """A session left in progress (crash, closed tab, Ctrl-C) that can be resumed."""
    return store.active_session(profile_id)


def resume_session(*, store: Store, catalogue: Catalogue, session_id: int) -> tuple[Routine, int]:
    """The routine of an interrupted session and the timeline step to carry on from."""
    session = _open_session(store, session_id)
    try:
        routine = Routine.from_stored(session.routine, catalogue)
    except (KeyError, TypeError, ValueError, LookupError) as error:
        raise ServiceError(
            f"session {session_id} cannot be resumed: its routine is unreadable ({error})"
        ) from None
    return routine, session.next_step_index


def abandon_session(*, store: Store, session_id: int, now: datetime) -> SessionRecord:
    """The person chose not to resume: keep what was done, mark it closed."""
    _open_session(store, session_id)
    return store.close_session(
        session_id, status=SessionStatus.ABANDONED, finished_at=now, pain_after=None
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
        first = error.errors()[0]
        raise ServiceError(f"{first['loc'][0]}: {first['msg']}") from None
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
