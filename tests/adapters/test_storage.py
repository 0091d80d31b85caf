"""The local store against SQLite and a real PostgreSQL server.

Every behaviour test runs on both backends (the PostgreSQL server is started
from the machine's binaries for this test session, or the test is skipped with
the reason). Bad-database tests check that nothing was changed or lost.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from hypothesis import HealthCheck, given, settings
from sqlalchemy import create_engine, text

from backcoach.adapters.storage import engine as storage_engine
from backcoach.adapters.storage.errors import NotFound, SessionNotActive, StorageError
from backcoach.adapters.storage.store import Store
from backcoach.adapters.storage.tables import Base
from backcoach.core import tracking
from backcoach.core.options import Avoid, Equipment, Goal, Level
from backcoach.core.records import (
    EventKind,
    EventRecord,
    HurtSeverity,
    PegRecord,
    PreferenceKind,
    PreferenceRecord,
    ProfileBundle,
    ProfileSettings,
    ScreenRecord,
    SessionStatus,
    StepRecord,
)

sys.path.insert(0, str(Path(__file__).parent))
from postgres_server import postgres_server
from record_strategies import bundles

T0 = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
_database_numbers = itertools.count()


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    try:
        with postgres_server() as url:
            yield url
    except FileNotFoundError as error:
        pytest.skip(f"no PostgreSQL server to test against: {error}")


def fresh_postgres_database(server_url: str) -> str:
    name = f"backcoach_test_{next(_database_numbers)}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        connection.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return server_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'backcoach.db'}"
    return fresh_postgres_database(request.getfixturevalue("postgres_url"))


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    with Store.open(database_url) as opened:
        yield opened


def step(index: int, exercise: str = "cat-cow", seconds: float = 30.0) -> StepRecord:
    return StepRecord(
        index=index,
        exercise_id=exercise,
        kind="hold",
        side="left" if index % 2 else None,
        seconds=seconds,
        completed_at=T0 + timedelta(seconds=30 * (index + 1)),
    )


# --- round trips --------------------------------------------------------------


def test_profile_settings_and_times_come_back_as_written(store: Store) -> None:
    settings_in = ProfileSettings(
        minutes=20,
        goal=Goal.MOBILITY,
        level=Level.INTERMEDIATE,
        equipment=(Equipment.STRAP, Equipment.PULL_UP_BAR),
        avoid=(Avoid.PRONE, Avoid.HANGING),
    )
    created = store.add_profile("Ann", settings_in, created_at=T0)
    assert store.profile(created.id) == created
    assert store.profile_named("Ann") == created
    assert created.settings == settings_in
    assert created.created_at == T0
    seen = T0 + timedelta(minutes=1)
    updated = store.update_profile(created.id, settings=ProfileSettings(), disclaimer_seen_at=seen)
    assert store.profile(created.id).settings == ProfileSettings()
    assert updated.disclaimer_seen_at == seen


def test_several_people_share_one_database_but_not_their_data(store: Store) -> None:
    ann = store.add_profile("ann", ProfileSettings(), created_at=T0)
    bob = store.add_profile("bob", ProfileSettings(minutes=10), created_at=T0)
    store.add_session(ann.id, routine={}, planned_seconds=60, started_at=T0, pain_before=2)
    assert [p.name for p in store.profiles()] == ["ann", "bob"]
    assert len(store.sessions(ann.id)) == 1
    assert store.sessions(bob.id) == []
    with pytest.raises(StorageError, match="already exists"):
        store.add_profile("ann", ProfileSettings(), created_at=T0)


def test_a_session_keeps_steps_events_and_pain(store: Store) -> None:
    person = store.add_profile("ann", ProfileSettings(), created_at=T0)
    routine = {"items": [{"id": "cat-cow", "dose": {"sets": 1, "reps": 5}, "reason": "warm-up"}]}
    started = store.add_session(
        person.id, routine=routine, planned_seconds=600, started_at=T0, pain_before=4
    )
    for index in range(3):
        store.add_step(started.id, step(index))
    hurt = EventRecord(
        kind=EventKind.HURT,
        at=T0 + timedelta(minutes=2),
        exercise_id="cat-cow",
        step_index=2,
        severity=HurtSeverity.MILD,
    )
    store.add_event(started.id, hurt)
    closed = store.close_session(
        started.id,
        status=SessionStatus.FINISHED,
        finished_at=T0 + timedelta(minutes=10),
        pain_after=3,
    )
    again = store.session(started.id)
    assert again == closed
    assert again.routine == routine
    assert [s.index for s in again.steps] == [0, 1, 2]
    assert again.steps[1] == step(1)
    assert again.events == (hurt,)
    assert (again.pain_before, again.pain_after, again.status) == (4, 3, SessionStatus.FINISHED)
    assert store.active_session(person.id) is None
    with pytest.raises(SessionNotActive, match="already finished"):
        store.add_step(started.id, step(3))
    with pytest.raises(SessionNotActive):
        store.close_session(started.id, status=SessionStatus.STOPPED, finished_at=T0, pain_after=9)
    assert store.session(started.id) == closed


def test_a_step_or_an_event_sent_again_is_stored_once(store: Store) -> None:
    person = store.add_profile("ann", ProfileSettings(), created_at=T0)
    started = store.add_session(
        person.id, routine={}, planned_seconds=600, started_at=T0, pain_before=4
    )
    assert store.add_step(started.id, step(0)) is True
    later = step(0).model_copy(update={"completed_at": T0 + timedelta(hours=1)})
    assert [store.add_step(started.id, later) for _ in range(5)] == [False] * 5
    pause = EventRecord(kind=EventKind.PAUSE, at=T0, step_index=0, event_id="a1-b2")
    first = store.add_event(started.id, pause)
    retry = pause.model_copy(update={"at": T0 + timedelta(minutes=1)})
    again = store.add_event(started.id, retry)
    unnamed = EventRecord(kind=EventKind.PAUSE, at=T0, step_index=0)
    store.add_event(started.id, unnamed)
    store.add_event(started.id, unnamed)
    assert (first.new, again.new, again.event, again.profile_id) == (True, False, pause, person.id)
    stored = store.session(started.id)
    assert stored.steps == (step(0),)
    assert stored.events == (pause, unnamed, unnamed)
    store.close_session(started.id, status=SessionStatus.FINISHED, finished_at=T0, pain_after=3)
    # The answer to the last post was lost, and the session closed meanwhile.
    assert store.add_step(started.id, step(0)) is False
    assert store.add_event(started.id, retry).event == pause
    with pytest.raises(SessionNotActive):
        store.add_event(started.id, retry.model_copy(update={"event_id": "new"}))
    assert store.session(started.id).events == stored.events


def test_digests_and_pain_pairs_agree_with_whole_sessions(store: Store) -> None:
    person = store.add_profile("ann", ProfileSettings(), created_at=T0)
    other = store.add_profile("bob", ProfileSettings(), created_at=T0)
    store.add_session(other.id, routine={}, planned_seconds=60, started_at=T0, pain_before=9)
    for day in range(4):
        started = store.add_session(
            person.id,
            routine={"items": []},
            planned_seconds=300,
            started_at=T0 + timedelta(days=day),
            pain_before=day,
        )
        for index in range(day):  # day 0: nothing done
            store.add_step(started.id, step(index))
        store.add_event(started.id, EventRecord(kind=EventKind.SKIP, at=T0, step_index=0))
        if day == 2:
            hurt = EventRecord(
                kind=EventKind.HURT, at=T0, exercise_id="cat-cow", severity=HurtSeverity.SHARP
            )
            store.add_event(started.id, hurt)
        if day < 3:  # the last one stays in progress
            store.close_session(
                started.id, status=SessionStatus.FINISHED, finished_at=T0, pain_after=day + 1
            )
    whole = store.sessions(person.id, limit=3)
    assert store.session_digests(person.id, limit=3) == [tracking.digest(s) for s in whole]
    assert [d.hurts for d in store.session_digests(person.id, limit=4)][2] == (hurt,)
    assert store.pain_pairs(person.id, limit=3) == [(1, 2), (2, 3), (3, None)]
    assert store.session_digests(person.id, limit=0) == []
    with pytest.raises(NotFound):
        store.session_owner(10_000)
    assert store.session_owner(started.id) == person.id


def test_likes_dislikes_and_pauses(store: Store) -> None:
    person = store.add_profile("ann", ProfileSettings(), created_at=T0)
    like = PreferenceRecord(exercise_id="cat-cow", kind=PreferenceKind.LIKE, created_at=T0)
    pause = PreferenceRecord(
        exercise_id="cat-cow",
        kind=PreferenceKind.PAUSE,
        created_at=T0,
        until=T0 + timedelta(days=7),
        reason="it hurt",
    )
    store.set_preference(person.id, like)
    store.set_preference(person.id, pause)
    assert store.preferences(person.id) == [like, pause]
    dislike = like.model_copy(update={"kind": PreferenceKind.DISLIKE})
    store.set_preference(person.id, dislike)
    assert store.preferences(person.id) == [pause, dislike]
    store.clear_preference(person.id, "cat-cow", [PreferenceKind.PAUSE])
    assert store.preferences(person.id) == [dislike]


def test_screens_and_peg_check_ins_in_time_order(store: Store) -> None:
    person = store.add_profile("ann", ProfileSettings(), created_at=T0)
    later = ScreenRecord(
        answers={"night-pain": True}, result="see_doctor", taken_at=T0 + timedelta(days=1)
    )
    first = ScreenRecord(answers={"night-pain": False}, result="clear", taken_at=T0)
    store.add_screen(person.id, later)
    store.add_screen(person.id, first)
    assert store.screens(person.id) == [first, later]
    assert store.latest_screen(person.id) == later
    peg = PegRecord(pain=5, enjoyment=4, activity=6, taken_at=T0)
    store.add_peg(person.id, peg)
    assert store.pegs(person.id) == [peg]


def test_unknown_ids_are_reported(store: Store) -> None:
    with pytest.raises(NotFound, match="no session with id 999"):
        store.add_step(999, step(0))
    with pytest.raises(NotFound, match="no profile"):
        store.profile(42)


def without_ids(bundle: ProfileBundle) -> ProfileBundle:
    return bundle.model_copy(
        update={"sessions": tuple(s.model_copy(update={"id": 0}) for s in bundle.sessions)}
    )


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(written=bundles)
def test_everything_written_reads_back_the_same(store: Store, written: ProfileBundle) -> None:
    store.delete_all()
    store.import_bundles([written])
    (read,) = store.bundles()
    assert without_ids(read) == written


def test_import_is_all_or_nothing(store: Store) -> None:
    store.add_profile("ann", ProfileSettings(), created_at=T0)
    incoming = [
        ProfileBundle(name="bob", created_at=T0, settings=ProfileSettings()),
        ProfileBundle(name="ann", created_at=T0, settings=ProfileSettings(minutes=30)),
    ]
    with pytest.raises(StorageError, match="already in the database: ann; nothing was imported"):
        store.import_bundles(incoming)
    assert [p.name for p in store.profiles()] == ["ann"]
    store.import_bundles(incoming, replace=True)
    assert {p.name: p.settings.minutes for p in store.profiles()} == {"ann": 30, "bob": 15}


OLD_EXPORT = """{"format": "backcoach-export", "version": 1,
 "exported_at": "2026-03-02T09:00:00Z",
 "profiles": [{"name": "ann", "created_at": "2026-03-01T09:00:00Z", "settings": {},
  "sessions": [{"id": 7, "routine": {}, "planned_seconds": 600,
   "started_at": "2026-03-02T08:30:00Z", "status": "finished", "pain_before": 4,
   "steps": [
    {"index": 0, "kind": "hold", "seconds": 30, "completed_at": "2026-03-02T08:31:00Z"},
    {"index": 0, "kind": "hold", "seconds": 30, "completed_at": "2026-03-02T08:32:00Z"}],
   "events": [
    {"kind": "pause", "at": "2026-03-02T08:31:10Z", "step_index": 1},
    {"kind": "pause", "at": "2026-03-02T08:31:20Z", "step_index": 1}]}]}]}"""


def test_an_export_from_before_event_ids_imports_each_step_once(store: Store) -> None:
    from backcoach.adapters.export_files import read_export, to_json

    store.import_bundles(read_export(OLD_EXPORT, source="old.json"))
    (bundle,) = store.bundles()
    (session,) = bundle.sessions
    assert [(s.index, s.completed_at.minute) for s in session.steps] == [(0, 31)]
    assert [(e.kind, e.event_id) for e in session.events] == [(EventKind.PAUSE, None)] * 2
    store.add_profile("bob", ProfileSettings(), created_at=T0)
    bob = store.profile_named("bob")
    assert bob is not None
    started = store.add_session(
        bob.id, routine={}, planned_seconds=60, started_at=T0, pain_before=1
    )
    store.add_event(started.id, EventRecord(kind=EventKind.SKIP, at=T0, event_id="e-1"))
    exported = json.loads(to_json(store.bundles(), now=T0))
    assert exported["profiles"][1]["sessions"][0]["events"][0]["event_id"] == "e-1"


def test_deleting_a_profile_removes_its_sessions(store: Store) -> None:
    person = store.add_profile("ann", ProfileSettings(), created_at=T0)
    session = store.add_session(
        person.id, routine={}, planned_seconds=1, started_at=T0, pain_before=1
    )
    store.add_step(session.id, step(0))
    store.delete_profile(person.id)
    with pytest.raises(NotFound):
        store.session(session.id)
    store.add_profile("bob", ProfileSettings(), created_at=T0)
    store.delete_all()
    assert store.profiles() == []


# --- schema -------------------------------------------------------------------


def test_migrations_build_exactly_the_mapped_tables(store: Store) -> None:
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_reopening_an_up_to_date_database_changes_nothing(database_url: str) -> None:
    with Store.open(database_url) as first:
        first.add_profile("ann", ProfileSettings(), created_at=T0)
    with Store.open(database_url) as second:
        assert second.backup_file is None
        assert [p.name for p in second.profiles()] == ["ann"]


def test_a_database_from_a_newer_version_is_refused_untouched(database_url: str) -> None:
    with Store.open(database_url) as store:
        store.add_profile("ann", ProfileSettings(), created_at=T0)
        with store.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '0099_future'"))
    with pytest.raises(StorageError, match=r"newer version of backcoach.*nothing was changed"):
        Store.open(database_url)
    engine = create_engine(database_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT name FROM profiles")).scalars().all() == ["ann"]
        assert (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
            == "0099_future"
        )
    engine.dispose()


def test_an_older_sqlite_database_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = storage_engine.create_database_engine(url)
    config = storage_engine.alembic_config()
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003_sessions_and_steps")
        connection.commit()
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO profiles (name, created_at, minutes, goal, level, equipment, avoid) "
                "VALUES ('ann', '2026-01-01 00:00:00', 15, 'relief', 'beginner', '[]', '[]')"
            )
        )
    engine.dispose()
    with Store.open(url) as store:
        assert store.backup_file == str(tmp_path / "old.db.before-0003_sessions_and_steps.bak")
        assert [p.name for p in store.profiles()] == ["ann"]
        store.add_peg(
            store.profiles()[0].id, PegRecord(pain=1, enjoyment=1, activity=1, taken_at=T0)
        )
    with sqlite3.connect(tmp_path / "old.db.before-0003_sessions_and_steps.bak") as backup:
        assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "0003_sessions_and_steps",
        )
        assert backup.execute("SELECT name FROM profiles").fetchall() == [("ann",)]


def test_upgrading_keeps_the_first_of_steps_stored_twice(database_url: str) -> None:
    engine = storage_engine.create_database_engine(database_url)
    config = storage_engine.alembic_config()
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0006_peg_checkins")
        connection.commit()
    rows = [
        (0, "09:00:00", 30.0),
        (1, "09:00:30", 30.0),
        (1, "09:05:00", 30.0),
        (1, "09:06:00", 30.0),
    ]
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            # PostgreSQL reads these plain-text times in its zone, which follows the machine's.
            connection.execute(text("SET TIME ZONE 'UTC'"))
        connection.execute(
            text(
                "INSERT INTO profiles (id, name, created_at, minutes, goal, level, equipment, avoid) "
                "VALUES (1, 'ann', '2026-01-01 00:00:00', 15, 'relief', 'beginner', '[]', '[]')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO sessions (id, profile_id, routine, planned_seconds, started_at, status) "
                "VALUES (1, 1, '{}', 600, '2026-01-01 09:00:00', 'active')"
            )
        )
        for index, clock, seconds in rows:
            connection.execute(
                text(
                    "INSERT INTO session_steps (session_id, step_index, kind, seconds, completed_at) "
                    f"VALUES (1, {index}, 'hold', {seconds}, '2026-01-01 {clock}')"
                )
            )
        connection.execute(
            text(
                "INSERT INTO events (session_id, kind, at) VALUES (1, 'pause', '2026-01-01 09:01:00')"
            )
        )
    engine.dispose()
    with Store.open(database_url, backup=False) as store:
        session = store.session(1)
        assert [(s.index, s.completed_at.strftime("%H:%M:%S")) for s in session.steps] == [
            (0, "09:00:00"),
            (1, "09:00:30"),
        ]
        assert session.minutes == 1.0
        assert [(e.kind, e.event_id) for e in session.events] == [(EventKind.PAUSE, None)]
        assert store.add_step(1, session.steps[1]) is False


def test_sqlite_runs_in_wal_mode_with_foreign_keys(store: Store) -> None:
    if store.engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas")
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert (
            connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
            == storage_engine.BUSY_TIMEOUT_MS
        )


# --- bad databases ------------------------------------------------------------


def test_a_corrupt_file_gives_a_clear_error_and_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "backcoach.db"
    garbage = b"this is not a database, it is a shopping list\n" * 200
    path.write_bytes(garbage)
    with pytest.raises(
        StorageError, match=r"damaged or is not a backcoach database.*left untouched"
    ):
        Store.open(f"sqlite:///{path}")
    assert path.read_bytes() == garbage


def test_someone_elses_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE recipes (name TEXT)")
    with pytest.raises(StorageError, match="not backcoach's \\(recipes\\)"):
        Store.open(f"sqlite:///{path}")


def test_a_locked_database_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage_engine, "BUSY_TIMEOUT_MS", 200)
    url = f"sqlite:///{tmp_path / 'backcoach.db'}"
    store = Store.open(url)
    holder = sqlite3.connect(tmp_path / "backcoach.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError, match="locked by another program"):
            store.add_profile("ann", ProfileSettings(), created_at=T0)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    store.add_profile("ann", ProfileSettings(), created_at=T0)
    store.close()


def test_an_unreachable_postgresql_server_is_named() -> None:
    port = __import__("postgres_server").free_port()
    with pytest.raises(StorageError, match=f"cannot reach the database .*127.0.0.1:{port}"):
        Store.open(f"postgresql+psycopg://nobody:secret@127.0.0.1:{port}/backcoach")


def test_a_password_never_appears_in_messages() -> None:
    port = __import__("postgres_server").free_port()
    with pytest.raises(StorageError) as caught:
        Store.open(f"postgresql+psycopg://nobody:hunter2@127.0.0.1:{port}/backcoach")
    assert "hunter2" not in str(caught.value)


@pytest.mark.parametrize("url", ["nosuchdb://somewhere/x", "mysql://me@host/backcoach"])
def test_a_database_other_than_sqlite_or_postgresql_is_named_as_unsupported(url: str) -> None:
    with pytest.raises(StorageError, match="expected sqlite:///PATH or postgresql"):
        Store.open(url)


# --- crash safety -------------------------------------------------------------

CRASHING_SESSION = """
import os, signal, sys
from datetime import UTC, datetime, timedelta
from backcoach.adapters.storage.store import Store
from backcoach.core.records import ProfileSettings, StepRecord
t0 = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
store = Store.open(sys.argv[1])
person = store.add_profile("ann", ProfileSettings(), created_at=t0)
session = store.add_session(person.id, routine={"items": []}, planned_seconds=300, started_at=t0, pain_before=3)
for index in range(3):
    store.add_step(session.id, StepRecord(index=index, exercise_id="cat-cow", kind="hold",
                   seconds=20, completed_at=t0 + timedelta(seconds=20 * index)))
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_steps_done_before_a_crash_survive_and_the_session_resumes(database_url: str) -> None:
    crashed = subprocess.run(
        [sys.executable, "-c", CRASHING_SESSION, database_url], capture_output=True, text=True
    )
    assert crashed.returncode == -9, crashed.stderr
    with Store.open(database_url) as store:
        (person,) = store.profiles()
        interrupted = store.active_session(person.id)
        assert interrupted is not None
        assert [s.index for s in interrupted.steps] == [0, 1, 2]
        assert interrupted.next_step_index == 3
        assert interrupted.pain_before == 3


def test_an_in_memory_database_is_one_database_for_every_thread() -> None:
    from concurrent.futures import ThreadPoolExecutor

    with Store.open("sqlite://") as store:
        store.add_profile("ann", ProfileSettings(), created_at=T0)
        with ThreadPoolExecutor(2) as pool:
            names = pool.submit(lambda: [p.name for p in store.profiles()]).result()
        assert names == ["ann"]
