"""The use cases the CLI and the web share, against a real SQLite store and the shipped catalogue."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from backcoach import services
from backcoach.adapters.export_files import ImportFileError
from backcoach.adapters.storage.store import Store
from backcoach.core import safety
from backcoach.core.catalogue import Catalogue
from backcoach.core.options import Avoid, Bend, Goal, Position
from backcoach.core.records import (
    ClearedAnswer,
    EventKind,
    HurtSeverity,
    PreferenceKind,
    ScreenRecord,
    SessionStatus,
)
from backcoach.core.timeline import build_timeline

NOW = datetime(2026, 3, 12, 9, tzinfo=UTC)
ALL_NO = dict.fromkeys(safety.RED_FLAG_IDS, False)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'backcoach.db'}") as opened:
        yield opened


@pytest.fixture
def person(store: Store) -> int:
    profile = services.get_or_create_profile(store=store, now=NOW)
    services.record_screen(store=store, profile_id=profile.id, answers=ALL_NO, now=NOW)
    return profile.id


def run_session(
    store: Store,
    catalogue: Catalogue,
    person: int,
    when: datetime,
    pain: tuple[int, int],
    steps: int = 3,
) -> int:
    routine = services.plan_today(
        store=store, catalogue=catalogue, profile_id=person, now=when, pain=pain[0]
    )
    session = services.start_session(
        store=store, profile_id=person, routine=routine, pain_before=pain[0], now=when
    )
    for index, step in enumerate(build_timeline(routine).steps[:steps]):
        services.record_step(
            store=store, session_id=session.id, index=index, kind=step.kind.value, seconds=step.seconds,
            exercise_id=step.exercise_id, side=step.side.value if step.side else None, now=when,
        )  # fmt: skip
    services.finish_session(
        store=store, session_id=session.id, pain_after=pain[1], now=when + timedelta(minutes=15)
    )
    return session.id


def test_profiles_are_created_once_and_settings_validated(store: Store) -> None:
    first = services.get_or_create_profile(store=store, now=NOW, name="ann")
    assert services.get_or_create_profile(store=store, now=NOW, name="ann") == first
    changed = services.update_profile(
        store=store, profile_id=first.id, changes={"minutes": 25, "goal": "mobility"}
    )
    assert (changed.settings.minutes, changed.settings.goal) == (25, Goal.MOBILITY)
    with pytest.raises(
        services.ServiceError, match=r"^minutes: Input should be less than or equal to 60"
    ):
        services.update_profile(store=store, profile_id=first.id, changes={"minutes": 61})
    with pytest.raises(services.ServiceError, match=r"^avoid\.0: "):
        services.update_profile(store=store, profile_id=first.id, changes={"avoid": ["trampoline"]})
    assert store.profile(first.id).settings.minutes == 25


def test_no_session_before_the_screen_and_none_after_a_red_flag(
    store: Store, catalogue: Catalogue
) -> None:
    profile = services.get_or_create_profile(store=store, now=NOW)
    routine = services.plan_today(
        store=store, catalogue=catalogue, profile_id=profile.id, now=NOW, pain=3
    )
    with pytest.raises(services.ScreeningRequired, match="red-flag screen"):
        services.start_session(
            store=store, profile_id=profile.id, routine=routine, pain_before=3, now=NOW
        )
    result = services.record_screen(
        store=store, profile_id=profile.id, answers={**ALL_NO, "bladder-bowel": True}, now=NOW
    )
    assert result.status is safety.ScreenStatus.EMERGENCY
    with pytest.raises(services.ScreeningRequired, match="emergency department"):
        services.start_session(
            store=store, profile_id=profile.id, routine=routine, pain_before=3, now=NOW
        )
    services.record_screen(store=store, profile_id=profile.id, answers=ALL_NO, now=NOW)
    services.start_session(
        store=store, profile_id=profile.id, routine=routine, pain_before=3, now=NOW
    )


def test_an_incomplete_screen_is_refused(store: Store) -> None:
    profile = services.get_or_create_profile(store=store, now=NOW)
    with pytest.raises(services.ServiceError, match="unanswered screen question"):
        services.record_screen(
            store=store, profile_id=profile.id, answers={"night-pain": False}, now=NOW
        )
    assert store.screens(profile.id) == []


def test_the_screen_is_due_again_after_30_days_or_a_pain_rise_of_3(
    store: Store, catalogue: Catalogue, person: int
) -> None:
    run_session(store, catalogue, person, NOW, (3, 2))
    assert not services.screening_state(store=store, profile_id=person, now=NOW, pain=4).due
    assert services.screening_state(store=store, profile_id=person, now=NOW, pain=5).due
    assert services.screening_state(
        store=store, profile_id=person, now=NOW + timedelta(days=30)
    ).due


def test_plans_follow_the_profile_and_today_overrides(
    store: Store, catalogue: Catalogue, person: int
) -> None:
    services.update_profile(store=store, profile_id=person, changes={"minutes": 10})
    routine = services.plan_today(
        store=store,
        catalogue=catalogue,
        profile_id=person,
        now=NOW,
        pain=2,
        overrides={"avoid": ["standing"]},
    )
    assert routine.items
    assert all(Avoid.STANDING not in item.exercise.avoid_categories for item in routine.items)
    assert abs(build_timeline(routine).total_seconds - 600) <= 60
    again = services.plan_today(
        store=store,
        catalogue=catalogue,
        profile_id=person,
        now=NOW,
        pain=2,
        overrides={"avoid": ["standing"]},
    )
    assert again == routine


def test_it_hurts_pauses_the_exercise_for_a_week(
    store: Store, catalogue: Catalogue, person: int
) -> None:
    routine = services.plan_today(
        store=store, catalogue=catalogue, profile_id=person, now=NOW, pain=2
    )
    session = services.start_session(
        store=store, profile_id=person, routine=routine, pain_before=2, now=NOW
    )
    hurting = routine.items[0].exercise.id
    outcome = services.record_event(
        store=store, session_id=session.id, kind=EventKind.HURT, now=NOW, exercise_id=hurting,
        step_index=1, severity=HurtSeverity.MILD,
    )  # fmt: skip
    assert not outcome.stop_session
    assert outcome.paused_until == (NOW + timedelta(days=6)).date()
    (pause,) = [p for p in store.preferences(person) if p.kind is PreferenceKind.PAUSE]
    assert pause.exercise_id == hurting
    services.finish_session(store=store, session_id=session.id, pain_after=2, now=NOW)
    for days, paused in ((1, True), (6, True), (7, False)):
        later = services.plan_today(
            store=store,
            catalogue=catalogue,
            profile_id=person,
            now=NOW + timedelta(days=days),
            pain=2,
        )
        assert (hurting not in later.exercise_ids) is paused, days


def test_sharp_pain_says_stop_and_a_hurt_needs_its_severity(
    store: Store, catalogue: Catalogue, person: int
) -> None:
    routine = services.plan_today(
        store=store, catalogue=catalogue, profile_id=person, now=NOW, pain=2
    )
    session = services.start_session(
        store=store, profile_id=person, routine=routine, pain_before=2, now=NOW
    )
    with pytest.raises(services.ServiceError, match="severity"):
        services.record_event(store=store, session_id=session.id, kind=EventKind.HURT, now=NOW)
    outcome = services.record_event(
        store=store, session_id=session.id, kind=EventKind.HURT, now=NOW,
        exercise_id=routine.items[0].exercise.id, severity=HurtSeverity.SHARP,
    )  # fmt: skip
    assert outcome.stop_session and outcome.advice == safety.SHARP_PAIN_ADVICE
    finished = services.finish_session(
        store=store, session_id=session.id, pain_after=5, now=NOW, completed=False
    )
    assert finished.session.status is SessionStatus.STOPPED
    with pytest.raises(services.SessionClosed, match="already stopped"):
        services.record_step(
            store=store, session_id=session.id, index=9, kind="hold", seconds=5, now=NOW
        )


def test_pain_higher_after_twice_in_a_row_suggests_a_professional(
    store: Store, catalogue: Catalogue, person: int
) -> None:
    run_session(store, catalogue, person, NOW, (3, 5))
    routine = services.plan_today(
        store=store, catalogue=catalogue, profile_id=person, now=NOW, pain=3
    )
    session = services.start_session(
        store=store, profile_id=person, routine=routine, pain_before=3, now=NOW + timedelta(days=1)
    )
    outcome = services.finish_session(
        store=store, session_id=session.id, pain_after=5, now=NOW + timedelta(days=1)
    )
    assert outcome.see_professional
    assert outcome.advice == (safety.PROFESSIONAL_ADVICE,)


def test_an_interrupted_session_resumes_after_its_last_completed_step(
    store: Store, catalogue: Catalogue, person: int
) -> None:
    routine = services.plan_today(
        store=store, catalogue=catalogue, profile_id=person, now=NOW, pain=2
    )
    session = services.start_session(
        store=store, profile_id=person, routine=routine, pain_before=2, now=NOW
    )
    for index in range(4):
        services.record_step(
            store=store, session_id=session.id, index=index, kind="hold", seconds=5, now=NOW
        )
    interrupted = services.interrupted_session(store=store, profile_id=person)
    assert interrupted is not None and interrupted.id == session.id
    resumed, start_at = services.resume_session(
        store=store, catalogue=catalogue, session_id=session.id
    )
    assert resumed == routine
    assert start_at == 4
    services.abandon_session(store=store, session_id=session.id, now=NOW)
    assert services.interrupted_session(store=store, profile_id=person) is None
    assert store.session(session.id).status is SessionStatus.ABANDONED


def test_history_reports_sessions_streak_trend_and_peg(
    store: Store, catalogue: Catalogue, person: int
) -> None:
    for days_ago, pain in ((3, (6, 5)), (2, (5, 4)), (1, (4, 3)), (0, (3, 2))):
        run_session(store, catalogue, person, NOW - timedelta(days=days_ago), pain)
    report = services.history(store=store, profile_id=person, now=NOW)
    assert len(report.sessions) == 4
    newest = report.sessions[0]
    assert (newest.pain_before, newest.pain_after, newest.status) == (3, 2, SessionStatus.FINISHED)
    assert newest.minutes > 0 and newest.exercises
    assert report.streak == 4 and report.longest_streak == 4
    assert report.trend.direction.value == "improving"
    assert report.peg_due
    services.record_peg(store=store, profile_id=person, pain=4, enjoyment=3, activity=5, now=NOW)
    assert not services.peg_due(store=store, profile_id=person, now=NOW + timedelta(days=6))
    assert services.peg_due(store=store, profile_id=person, now=NOW + timedelta(days=7))
    with pytest.raises(
        services.ServiceError, match=r"^activity: Input should be less than or equal to 10"
    ):
        services.record_peg(
            store=store, profile_id=person, pain=4, enjoyment=3, activity=11, now=NOW
        )


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_then_import_into_a_new_database_round_trips(
    store: Store, catalogue: Catalogue, person: int, tmp_path: Path, fmt: services.ExportFormat
) -> None:
    run_session(store, catalogue, person, NOW, (4, 3))
    services.set_preference(
        store=store, profile_id=person, exercise_id="cat-cow", kind=PreferenceKind.LIKE, now=NOW
    )
    services.record_peg(store=store, profile_id=person, pain=4, enjoyment=3, activity=5, now=NOW)
    text = services.export_data(store=store, fmt=fmt, now=NOW)
    with Store.open(f"sqlite:///{tmp_path / 'other.db'}") as other:
        imported = services.import_data(store=other, text=text, source=f"export.{fmt}")
        assert imported.profiles == ["me"] and imported.sessions == 1
        assert services.export_data(store=other, fmt=fmt, now=NOW) == text


def test_a_bad_import_changes_nothing(store: Store, person: int) -> None:
    before = store.bundles()
    with pytest.raises(ImportFileError):
        services.import_data(store=store, text='{"format": "backcoach-export"}', source="bad.json")
    assert store.bundles() == before
    services.delete_all_data(store=store)
    assert store.profiles() == []


@pytest.mark.parametrize(
    ("name", "problem"),
    [("Sam\x00", "NUL character"), ("Sam\ud800", "unable to parse raw data as a unicode string")],
)
def test_an_import_with_unstorable_text_is_refused_with_the_field_named(
    store: Store, person: int, name: str, problem: str
) -> None:
    """No store can write NUL (PostgreSQL) or a lone surrogate (UTF-8); both are refused first."""
    text = services.export_data(store=store, fmt="json", now=NOW)
    document = json.loads(text)
    document["profiles"][0]["name"] = name
    with Store.open("sqlite://") as other:
        with pytest.raises(ImportFileError, match=rf"profiles\.0\.name: .*{problem}"):
            services.import_data(store=other, text=json.dumps(document), source="bad.json")
        assert other.profiles() == []


# --- cleared red flags and bone care (issue 12) -----------------------------------

OLD_QUESTIONS = (
    "saddle-numbness", "bladder-bowel", "sexual-numbness", "leg-weakness", "fever-unwell",
    "fall-accident", "cancer-weight-loss", "night-pain",
)  # fmt: skip


def test_a_cleared_flag_is_stored_with_its_date_and_keeps_it(store: Store) -> None:
    profile = services.get_or_create_profile(store=store, now=NOW)
    answers = {**ALL_NO, "cancer-weight-loss": "cleared"}
    result = services.record_screen(store=store, profile_id=profile.id, answers=answers, now=NOW)
    assert result.allows_session and result.cleared == ("cancer-weight-loss",)
    assert not services.screening_state(store=store, profile_id=profile.id, now=NOW).due
    later = NOW + timedelta(days=40)
    assert services.screening_state(store=store, profile_id=profile.id, now=later).due
    services.record_screen(store=store, profile_id=profile.id, answers=answers, now=later)
    (stored,) = {screen.answers["cancer-weight-loss"] for screen in store.screens(profile.id)}
    assert stored == ClearedAnswer(cleared_on=NOW.date())  # the first time it was said
    assert services.cleared_flags(store=store, profile_id=profile.id) == {
        "cancer-weight-loss": NOW.date()
    }


def test_emergency_signs_cannot_be_cleared_and_are_asked_every_time(store: Store) -> None:
    profile = services.get_or_create_profile(store=store, now=NOW)
    with pytest.raises(services.ServiceError, match=r"leg-weakness: .*answer yes or no"):
        services.record_screen(
            store=store, profile_id=profile.id, answers={**ALL_NO, "leg-weakness": "cleared"},
            now=NOW,
        )  # fmt: skip
    assert store.screens(profile.id) == []


def test_cleared_bone_health_leaves_out_forward_bends_and_hangs(
    store: Store, catalogue: Catalogue
) -> None:
    profile = services.get_or_create_profile(store=store, now=NOW)
    services.update_profile(
        store=store, profile_id=profile.id,
        changes={"level": "advanced", "equipment": ["pull-up-bar", "bench", "ball", "strap"]},
    )  # fmt: skip
    services.record_screen(
        store=store, profile_id=profile.id, answers={**ALL_NO, "bone-health": "cleared"}, now=NOW
    )
    for seed in range(15):
        routine = services.plan_today(
            store=store, catalogue=catalogue, profile_id=profile.id, now=NOW, pain=2, seed=seed
        )
        for item in routine.items:
            assert Bend.FORWARD not in item.exercise.bends, item.exercise.id
            assert Position.HANGING not in item.exercise.positions
        assert any("bones" in note for note in routine.notes)


def test_a_screen_stored_before_the_new_questions_still_reads_and_is_asked_again(
    store: Store, catalogue: Catalogue
) -> None:
    profile = services.get_or_create_profile(store=store, now=NOW)
    old = ScreenRecord(answers=dict.fromkeys(OLD_QUESTIONS, False), result="clear", taken_at=NOW)
    store.add_screen(profile.id, old)
    state = services.screening_state(store=store, profile_id=profile.id, now=NOW)
    assert state.due and state.last == old and state.advice is None
    assert services.cleared_flags(store=store, profile_id=profile.id) == {}
    services.plan_today(store=store, catalogue=catalogue, profile_id=profile.id, now=NOW, pain=2)
    flagged = ScreenRecord(
        answers={**dict.fromkeys(OLD_QUESTIONS, False), "night-pain": True},
        result="see_doctor",
        taken_at=NOW,
    )
    store.add_screen(profile.id, flagged)
    state = services.screening_state(store=store, profile_id=profile.id, now=NOW)
    assert state.due and state.advice is not None and "doctor" in state.advice


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_cleared_answers_survive_export_and_import(
    store: Store, tmp_path: Path, fmt: services.ExportFormat
) -> None:
    profile = services.get_or_create_profile(store=store, now=NOW)
    store.add_screen(
        profile.id,
        ScreenRecord(answers=dict.fromkeys(OLD_QUESTIONS, False), result="clear", taken_at=NOW),
    )
    answers = {**ALL_NO, "bone-health": "cleared", "age-onset": "cleared"}
    later = NOW + timedelta(days=1)
    services.record_screen(store=store, profile_id=profile.id, answers=answers, now=later)
    text = services.export_data(store=store, fmt=fmt, now=later)
    with Store.open(f"sqlite:///{tmp_path / 'other.db'}") as other:
        services.import_data(store=other, text=text, source=f"export.{fmt}")
        (copy,) = other.profiles()
        assert other.screens(copy.id) == store.screens(profile.id)
        assert services.cleared_flags(store=other, profile_id=copy.id) == {
            "bone-health": later.date(), "age-onset": later.date()
        }  # fmt: skip
