"""Planning today's routine and running a session step by step."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from typing import Any

from pydantic import ValidationError

from backcoach.adapters.storage.errors import SessionNotActive
from backcoach.adapters.storage.store import Store
from backcoach.core import safety, tracking
from backcoach.core.catalogue import Catalogue
from backcoach.core.options import Level
from backcoach.core.plan_rules import LEVEL_RANK
from backcoach.core.records import (
    EventKind,
    EventRecord,
    HurtSeverity,
    PreferenceKind,
    PreferenceRecord,
    ProfileSettings,
    SessionRecord,
    SessionStatus,
    StepRecord,
)
from backcoach.core.timeline import Routine
from backcoach.services.common import (
    EventIdReused,
    Frozen,
    ScreeningRequired,
    ServiceError,
    SessionClosed,
    first_problem,
)
from backcoach.services.profiles import bone_care, screening_state

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
    from backcoach.core.planner import daily_seed, plan
    from backcoach.services.programme import programme_now

    record = store.profile(profile_id)
    settings = record.settings
    if overrides:
        try:
            settings = ProfileSettings.model_validate({**settings.model_dump(), **overrides})
        except ValidationError as error:
            raise first_problem(error) from None
    today = now.date()
    profile = tracking.profile_for_today(
        settings, store.preferences(profile_id), pain=pain, now=now
    )
    if bone_care(store=store, profile_id=profile_id):
        profile = profile.model_copy(update={"bone_care": True})
    history = tracking.planner_history(store.session_digests(profile_id, limit=60), now.tzinfo)
    state = programme_now(store=store, catalogue=catalogue, profile_id=profile_id, now=now)
    # A level earned by steady weeks opens harder exercises; never one below the chosen level.
    profile = profile.model_copy(update={"level": max(profile.level, state.level, key=_rank)})
    routine = plan(
        profile,
        catalogue,
        history,
        seed if seed is not None else daily_seed(today, profile_id),
        today,
        programme=state,
    )
    if lead_in_seconds is not None:
        routine = routine.model_copy(update={"lead_in_seconds": float(lead_in_seconds)})
    return routine


def _rank(level: Level) -> int:
    return LEVEL_RANK[level]


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


@contextmanager
def _while_open() -> Iterator[None]:
    try:
        yield
    except SessionNotActive as error:
        raise SessionClosed(str(error)) from None


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
) -> bool:
    """Store one completed step at once, so a crash loses nothing already done.

    A step already stored is acknowledged and not stored again (returns False).
    """
    step = StepRecord(
        index=index,
        exercise_id=exercise_id,
        kind=kind,
        side=side,
        seconds=seconds,
        completed_at=now,
    )
    with _while_open():
        return store.add_step(session_id, step)


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
    event_id: str | None = None,
) -> HurtOutcome:
    """Store an event; "it hurts" also pauses that exercise for 7 days.

    An ``event_id`` already stored is a retry: acknowledged with the same outcome,
    nothing stored again (EventIdReused if it named a different event).
    """
    if kind is EventKind.HURT and severity is None:
        raise ServiceError("an 'it hurts' event needs its severity: sharp or mild")
    event = EventRecord(
        kind=kind, at=now, exercise_id=exercise_id, step_index=step_index, severity=severity,
        event_id=event_id,
    )  # fmt: skip
    with _while_open():
        stored = store.add_event(session_id, event)
    if not stored.new:
        _check_same_event(stored.event, event)
    if kind is not EventKind.HURT:
        return HurtOutcome(stop_session=False)
    sharp = severity is HurtSeverity.SHARP
    advice = safety.SHARP_PAIN_ADVICE if sharp else None
    if exercise_id is None:
        return HurtOutcome(stop_session=sharp, advice=advice)
    last_day = safety.paused_until(now.date())
    if not stored.new:  # the exercise was paused when the event was first stored
        return HurtOutcome(
            stop_session=sharp, paused_exercise=exercise_id, paused_until=last_day, advice=advice
        )
    until = datetime.combine(last_day + timedelta(days=1), time(), tzinfo=now.tzinfo)
    profile_id = stored.profile_id
    store.set_preference(
        profile_id,
        PreferenceRecord(
            exercise_id=exercise_id, kind=PreferenceKind.PAUSE, created_at=now, until=until,
            reason=f"it hurt ({severity.value if severity else 'unknown'})",
        ),
    )  # fmt: skip
    return HurtOutcome(
        stop_session=sharp, paused_exercise=exercise_id, paused_until=last_day, advice=advice
    )


def _check_same_event(stored: EventRecord, sent: EventRecord) -> None:
    fields = ("kind", "step_index", "severity", "exercise_id")
    if any(getattr(stored, name) != getattr(sent, name) for name in fields):
        where = f" at step {stored.step_index}" if stored.step_index is not None else ""
        raise EventIdReused(
            f"event_id {sent.event_id!r} already names a {stored.kind.value}{where}; "
            "send a new id for a new event"
        )


class FinishOutcome(Frozen):
    session: SessionRecord
    see_professional: bool
    advice: tuple[str, ...] = ()


def finish_session(
    *, store: Store, session_id: int, now: datetime, pain_after: int | None, completed: bool = True
) -> FinishOutcome:
    """Close a session with pain after; suggests a professional after two rises in a row.

    Finishing again as it was finished (same pain after, same ending) is a retry and
    gets the same answer; any other finish of a closed session is SessionClosed.
    """
    status = SessionStatus.FINISHED if completed else SessionStatus.STOPPED
    try:
        session = store.close_session(
            session_id, status=status, finished_at=now, pain_after=pain_after
        )
    except SessionNotActive as error:
        session = store.session(session_id)
        if session.status is not status or session.pain_after != pain_after:
            raise SessionClosed(_closed_message(session, error)) from None
    owner = store.session_owner(session_id)
    pairs = [
        (before, after)
        for before, after in store.pain_pairs(owner, limit=10)
        if before is not None and after is not None
    ]
    professional = safety.suggest_professional(pairs)
    advice = (safety.PROFESSIONAL_ADVICE,) if professional else ()
    return FinishOutcome(session=session, see_professional=professional, advice=advice)


def _closed_message(session: SessionRecord, error: SessionNotActive) -> str:
    if session.status in (SessionStatus.FINISHED, SessionStatus.STOPPED):
        return (
            f"session {session.id} is already {session.status.value} with pain after "
            f"{session.pain_after}; a finished session cannot be changed"
        )
    return str(error)


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
    from backcoach.core.session import resume_point
    from backcoach.core.timeline import build_timeline

    return routine, resume_point(build_timeline(routine), session.steps, session.events)


def abandon_session(*, store: Store, session_id: int, now: datetime) -> SessionRecord:
    """The person chose not to resume: keep what was done, mark it closed."""
    with _while_open():
        return store.close_session(
            session_id, status=SessionStatus.ABANDONED, finished_at=now, pain_after=None
        )
