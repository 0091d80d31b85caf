"""Profiles, preferences and the red-flag screen."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError

from backcoach.adapters.storage.store import Store
from backcoach.core import safety
from backcoach.core.records import (
    ClearedAnswer,
    PreferenceKind,
    PreferenceRecord,
    ProfileName,
    ProfileRecord,
    ProfileSettings,
    ScreenRecord,
    SessionRecord,
)
from backcoach.services.common import (
    DEFAULT_PROFILE,
    Frozen,
    ServiceError,
    first_problem,
)

# --- profiles -------------------------------------------------------------------


def get_or_create_profile(
    *,
    store: Store,
    now: datetime,
    name: str = DEFAULT_PROFILE,
    settings: ProfileSettings | None = None,
) -> ProfileRecord:
    try:
        name = _PROFILE_NAME.validate_python(name)
    except ValidationError as error:
        first = error.errors()[0]
        raise ServiceError(f"profile name: {first['msg']}") from None
    found = store.profile_named(name)
    if found is not None:
        return found
    return store.add_profile(name, settings or ProfileSettings(), created_at=now)


_PROFILE_NAME: TypeAdapter[str] = TypeAdapter(ProfileName)


def list_profiles(*, store: Store) -> list[ProfileRecord]:
    return store.profiles()


def update_profile(*, store: Store, profile_id: int, changes: Mapping[str, Any]) -> ProfileRecord:
    """Change some settings (minutes, goal, level, equipment, avoid); all are validated first."""
    current = store.profile(profile_id).settings
    try:
        settings = ProfileSettings.model_validate({**current.model_dump(), **changes})
    except ValidationError as error:
        raise first_problem(error) from None
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


def preference_of(*, store: Store, profile_id: int, exercise_id: str) -> PreferenceKind | None:
    """Whether the person likes or dislikes this exercise (a pause after a hurt is neither)."""
    for preference in store.preferences(profile_id):
        liked = preference.kind in (PreferenceKind.LIKE, PreferenceKind.DISLIKE)
        if liked and preference.exercise_id == exercise_id:
            return preference.kind
    return None


def delete_all_data(*, store: Store) -> None:
    store.delete_all()


# --- red-flag screen ------------------------------------------------------------


class ScreeningState(Frozen):
    due: bool
    last: ScreenRecord | None
    advice: str | None = None  # the last screen's advice while it blocks sessions


def last_reported_pain(
    sessions: Sequence[SessionRecord | tuple[int | None, int | None]],
) -> int | None:
    """The latest pain reported: sessions, or (pain before, pain after) pairs, oldest first."""
    for session in reversed(sessions):
        if isinstance(session, SessionRecord):
            session = (session.pain_before, session.pain_after)
        before, after = session
        for pain in (after, before):
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
        last_reported_pain(store.pain_pairs(profile_id, limit=1)),
        pain,
        last_result_clear=clear,
        last_asked_everything=last is not None and set(safety.RED_FLAG_IDS) <= set(last.answers),
    )
    advice = None
    if last is not None and not clear:
        advice = safety.evaluate(stored_answers(last)).advice
    return ScreeningState(due=due, last=last, advice=advice)


def stored_answers(screen: ScreenRecord) -> dict[str, safety.Answer]:
    """A stored screen's answers to today's questions; one asked before a question existed
    counts as "no" to it (and is due again for that reason)."""
    answers = dict.fromkeys(safety.RED_FLAG_IDS, safety.Answer.NO)
    for flag_id, value in screen.answers.items():
        if flag_id in answers:
            cleared = isinstance(value, ClearedAnswer)
            answers[flag_id] = safety.Answer.CLEARED if cleared else safety.as_answer(value)
    return answers


def cleared_flags(*, store: Store, profile_id: int) -> dict[str, date]:
    """Flags the latest screen says a professional has checked, and since when."""
    last = store.latest_screen(profile_id)
    answers = last.answers.items() if last else ()
    return {f: value.cleared_on for f, value in answers if isinstance(value, ClearedAnswer)}


def bone_care(*, store: Store, profile_id: int) -> bool:
    """The latest screen says a professional checked the person's bone health."""
    last = store.latest_screen(profile_id)
    if last is None:
        return False
    answers = stored_answers(last)
    return safety.needs_bone_care(f for f, a in answers.items() if a is safety.Answer.CLEARED)


def record_screen(
    *, store: Store, profile_id: int, answers: Mapping[str, object], now: datetime
) -> safety.ScreenResult:
    """Judge and store a screen. A cleared answer keeps the date it was first given."""
    try:
        result = safety.evaluate(answers)
    except safety.InvalidScreen as error:
        raise ServiceError(str(error)) from None
    last = store.latest_screen(profile_id)
    earlier = {
        flag_id: value
        for flag_id, value in (last.answers.items() if last else ())
        if isinstance(value, ClearedAnswer)
    }
    stored: dict[str, bool | ClearedAnswer] = {
        flag_id: flag_id in result.flagged for flag_id in safety.RED_FLAG_IDS
    }
    for flag_id in result.cleared:
        stored[flag_id] = earlier.get(flag_id) or ClearedAnswer(cleared_on=now.date())
    store.add_screen(
        profile_id, ScreenRecord(answers=stored, result=result.status.value, taken_at=now)
    )
    return result
