"""The programme over weeks: this week's days, where doses stand, flare-ups, progress."""

from __future__ import annotations

from datetime import date, datetime

from backcoach.adapters.storage.store import Store
from backcoach.core import safety, tracking, week
from backcoach.core.catalogue import Catalogue
from backcoach.core.programme import Programme, programme
from backcoach.core.records import FlareRecord
from backcoach.core.timeline import Routine
from backcoach.core.wording import dose_text
from backcoach.services.common import Frozen

# Enough sessions to replay about five months of practice at three days a week.
HISTORY_LIMIT = 60


def flare_days(*, store: Store, profile_id: int, now: datetime) -> list[date]:
    return [tracking.local_day(f.at, now.tzinfo) for f in store.flares(profile_id)]


def programme_now(
    *, store: Store, catalogue: Catalogue, profile_id: int, now: datetime
) -> Programme:
    """Where each exercise's dose stands today, from the stored history."""
    settings = store.profile(profile_id).settings
    digests = store.session_digests(profile_id, limit=HISTORY_LIMIT)
    return programme(
        tracking.planner_history(digests, now.tzinfo),
        catalogue,
        level=settings.level,
        days_per_week=settings.days_per_week,
        flares=flare_days(store=store, profile_id=profile_id, now=now),
        today=now.date(),
    )


def this_week(*, store: Store, profile_id: int, now: datetime) -> week.Week:
    settings = store.profile(profile_id).settings
    digests = store.session_digests(profile_id, limit=HISTORY_LIMIT)
    days = {tracking.local_day(d.started_at, now.tzinfo) for d in digests if d.step_count}
    return week.week(days, settings.days_per_week, now.date())


def record_flare(*, store: Store, catalogue: Catalogue, profile_id: int, now: datetime) -> Routine:
    """Keep the flare-up (progression holds for a week) and give the gentlest short routine."""
    from backcoach.services.sessions import plan_today

    store.add_flare(profile_id, FlareRecord(at=now))
    return plan_today(
        store=store, catalogue=catalogue, profile_id=profile_id, now=now, pain=safety.SEVERE_PAIN
    )


class DosePoint(Frozen):
    on: date
    dose: str
    rung: int
    why: str


class WeekAdherence(Frozen):
    week_start: date
    done: int
    planned: int


class ProgressReport(Frozen):
    doses: dict[str, list[DosePoint]]  # exercise name -> its steps, oldest first
    adherence: list[WeekAdherence]
    level: str
    steady_weeks: int
    held_until: date | None


def programme_progress(
    *, store: Store, catalogue: Catalogue, profile_id: int, now: datetime
) -> ProgressReport:
    """Dose steps per exercise and sessions done against planned per week."""
    state = programme_now(store=store, catalogue=catalogue, profile_id=profile_id, now=now)
    doses: dict[str, list[DosePoint]] = {}
    for change in state.changes:
        exercise = catalogue.get(change.exercise_id)
        doses.setdefault(exercise.name, []).append(
            DosePoint(
                on=change.on,
                dose=dose_text(exercise, change.dose),
                rung=change.rung,
                why=change.why,
            )
        )
    settings = store.profile(profile_id).settings
    digests = store.session_digests(profile_id, limit=HISTORY_LIMIT)
    days = {tracking.local_day(d.started_at, now.tzinfo) for d in digests if d.step_count}
    return ProgressReport(
        doses=doses,
        adherence=[
            WeekAdherence(week_start=start, done=done, planned=planned)
            for start, done, planned in week.adherence(days, settings.days_per_week, now.date())
        ],
        level=state.level.value,
        steady_weeks=state.steady_weeks,
        held_until=state.held_until if state.held(now.date()) else None,
    )
