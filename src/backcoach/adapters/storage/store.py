"""The store: every read and write the services need, one transaction each.

Methods take and return the plain records of ``backcoach.core.records``; rows
never leave this module. Each write commits before returning, so a step the
person completed is on disk before the next one starts.

The calls a running session makes on every request (the profile, ownership,
steps, planning history) use SQLAlchemy Core statements built once below instead
of ORM sessions: the same SQL, without the ORM's per-query bookkeeping, which
cost more than the query itself.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, Engine, Insert, Table, bindparam, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from backcoach.adapters.storage import mapping
from backcoach.adapters.storage.engine import (
    IMMEDIATE,
    create_database_engine,
    migrate,
    safe_url,
    storage_errors,
)
from backcoach.adapters.storage.errors import NotFound, SessionNotActive, StorageError
from backcoach.adapters.storage.tables import (
    Base,
    EventRow,
    FlareRow,
    PegRow,
    PreferenceRow,
    ProfileRow,
    ScreenRow,
    SessionRow,
    StepRow,
)
from backcoach.core.records import (
    EventKind,
    EventRecord,
    FlareRecord,
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
from backcoach.core.tracking import SessionDigest

_WITH_DETAILS = (selectinload(SessionRow.steps), selectinload(SessionRow.events))


class StoredEvent(NamedTuple):
    """An event as the store holds it: the first one sent when the device sent it again."""

    profile_id: int
    event: EventRecord
    new: bool


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._url = engine.url.render_as_string(hide_password=False)
        self._reader = sessionmaker(engine, expire_on_commit=False)
        self._write_engine = engine.execution_options(**{IMMEDIATE: True})
        self._writer = sessionmaker(self._write_engine, expire_on_commit=False)
        dialect = engine.dialect.name
        self._insert_step = _insert_once(dialect, _STEPS, "session_id", "step_index")
        self._insert_event = _insert_once(dialect, _EVENTS, "session_id", "event_id")
        self.backup_file: str | None = None
        # SQLite has one writer at a time. Threads of this process queue on a lock
        # (woken the moment it is free) instead of in SQLite's busy handler, which
        # sleeps and polls (up to 100 ms a try) and starves under load. Other
        # processes still wait through the busy timeout.
        self._write_lock: AbstractContextManager[Any] = (
            threading.Lock() if engine.dialect.name == "sqlite" else nullcontext()
        )

    @classmethod
    def open(cls, url: str, *, backup: bool = True) -> Store:
        """Connect and migrate to this code's schema (StorageError if that is impossible)."""
        engine = create_database_engine(url)
        try:
            store = cls(engine)
            store.backup_file = migrate(engine, backup=backup)
        except BaseException:
            engine.dispose()
            raise
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def where(self) -> str:
        return safe_url(self._url)

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with storage_errors(self._url), self._reader() as session:
            yield session

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        """A plain connection for reads (one transaction, rolled back at the end)."""
        with storage_errors(self._url), self.engine.connect() as connection:
            yield connection

    @contextmanager
    def _write_connection(self) -> Iterator[Connection]:
        """A plain connection in a write transaction, committed on success."""
        with storage_errors(self._url), self._write_lock, self._write_engine.begin() as connection:
            yield connection

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with (
            storage_errors(self._url),
            self._write_lock,
            self._writer() as session,
            session.begin(),
        ):
            yield session

    # --- profiles -------------------------------------------------------------
    def profiles(self) -> list[ProfileRecord]:
        with self._read() as db:
            rows = db.scalars(select(ProfileRow).order_by(ProfileRow.id))
            return [mapping.profile_record(row) for row in rows]

    def profile_named(self, name: str) -> ProfileRecord | None:
        with self._connect() as db:
            row = db.execute(_PROFILE_NAMED, {"name": name.strip()}).first()
            return mapping.profile_record(row) if row else None

    def profile(self, profile_id: int) -> ProfileRecord:
        with self._connect() as db:
            row = db.execute(_PROFILE_BY_ID, {"id": profile_id}).first()
        if row is None:
            raise NotFound(f"no profile with id {profile_id}")
        return mapping.profile_record(row)

    def add_profile(
        self, name: str, settings: ProfileSettings, *, created_at: datetime
    ) -> ProfileRecord:
        row = ProfileRow(name=name.strip(), created_at=created_at, disclaimer_seen_at=None)
        mapping.apply_settings(row, settings)
        try:
            with self._write() as db:
                db.add(row)
                db.flush()
                return mapping.profile_record(row)
        except StorageError as error:
            if isinstance(error.__cause__, IntegrityError):
                raise StorageError(f"a profile named {name.strip()!r} already exists") from None
            raise

    def update_profile(
        self,
        profile_id: int,
        *,
        settings: ProfileSettings | None = None,
        disclaimer_seen_at: datetime | None = None,
    ) -> ProfileRecord:
        with self._write() as db:
            row = _get(db, ProfileRow, profile_id)
            if settings is not None:
                mapping.apply_settings(row, settings)
            if disclaimer_seen_at is not None:
                row.disclaimer_seen_at = disclaimer_seen_at
            db.flush()
            return mapping.profile_record(row)

    def delete_profile(self, profile_id: int) -> None:
        with self._write() as db:
            db.delete(_get(db, ProfileRow, profile_id))

    # --- red-flag screens -----------------------------------------------------
    def add_screen(self, profile_id: int, screen: ScreenRecord) -> ScreenRecord:
        with self._write() as db:
            _get(db, ProfileRow, profile_id)
            db.add(mapping.screen_row(profile_id, screen))
        return screen

    def screens(self, profile_id: int) -> list[ScreenRecord]:
        with self._read() as db:
            rows = db.scalars(
                select(ScreenRow)
                .where(ScreenRow.profile_id == profile_id)
                .order_by(ScreenRow.taken_at, ScreenRow.id)
            )
            return [mapping.screen_record(row) for row in rows]

    def latest_screen(self, profile_id: int) -> ScreenRecord | None:
        with self._connect() as db:
            row = db.execute(_LATEST_SCREEN, {"profile_id": profile_id}).first()
            return mapping.screen_record(row) if row else None

    # --- sessions ---------------------------------------------------------------
    def add_session(
        self,
        profile_id: int,
        *,
        routine: dict[str, Any],
        planned_seconds: int,
        started_at: datetime,
        pain_before: int | None,
    ) -> SessionRecord:
        values = {
            "profile_id": profile_id,
            "routine": routine,
            "planned_seconds": planned_seconds,
            "started_at": started_at,
            "pain_before": pain_before,
            "status": SessionStatus.ACTIVE.value,
        }
        with self._write_connection() as db:
            if db.execute(_PROFILE_EXISTS, {"id": profile_id}).first() is None:
                raise NotFound(f"no profile with id {profile_id}")
            key = db.execute(insert(_SESSIONS), values).inserted_primary_key
        assert key is not None
        (session_id,) = key
        return SessionRecord(
            id=session_id,
            routine=routine,
            planned_seconds=planned_seconds,
            started_at=started_at,
            pain_before=pain_before,
            status=SessionStatus.ACTIVE,
        )

    def add_step(self, session_id: int, step: StepRecord) -> bool:
        """Store a completed step of a session in progress (SessionNotActive otherwise).

        Returns False, changing nothing, when that step is already stored: a device
        that did not hear the answer sends it again, even after the session closed.
        """
        values = {
            "session_id": session_id,
            "step_index": step.index,
            "exercise_id": step.exercise_id,
            "kind": step.kind,
            "side": step.side,
            "seconds": step.seconds,
            "completed_at": step.completed_at,
        }
        key = {"session_id": session_id, "step_index": step.index}
        with self._write_connection() as db:
            if db.execute(_STEP_STORED, key).first() is not None:
                return False
            _active(db, session_id)
            # Another server process may store it between the check and here.
            return bool(db.execute(self._insert_step, values).rowcount)

    def add_event(self, session_id: int, event_record: EventRecord) -> StoredEvent:
        """Store an event of a session in progress, once per ``event_id``.

        An event whose id is already stored for this session changes nothing and
        comes back as first stored (``new`` False), even after the session closed.
        """
        values = {
            "session_id": session_id,
            "kind": event_record.kind.value,
            "at": event_record.at,
            "exercise_id": event_record.exercise_id,
            "step_index": event_record.step_index,
            "severity": event_record.severity.value if event_record.severity else None,
            "event_id": event_record.event_id,
        }
        key = {"session_id": session_id, "event_id": event_record.event_id}
        with self._write_connection() as db:
            if event_record.event_id is not None:
                found = db.execute(_EVENT_BY_ID, key).first()
                if found is not None:
                    return StoredEvent(_owner(db, session_id), mapping.event_record(found), False)
            profile_id = _active(db, session_id)
            if db.execute(self._insert_event, values).rowcount:
                return StoredEvent(profile_id, event_record, True)
            found = db.execute(_EVENT_BY_ID, key).one()
            return StoredEvent(profile_id, mapping.event_record(found), False)

    def close_session(
        self,
        session_id: int,
        *,
        status: SessionStatus,
        finished_at: datetime,
        pain_after: int | None,
    ) -> SessionRecord:
        """Finish, stop or abandon a session in progress (SessionNotActive otherwise)."""
        with self._write_connection() as db:
            _active(db, session_id)
            db.execute(
                _CLOSE_SESSION,
                {
                    "session_id": session_id,
                    "new_status": status.value,
                    "new_finished_at": finished_at,
                    "new_pain_after": pain_after,
                },
            )
        return self.session(session_id)

    def session(self, session_id: int) -> SessionRecord:
        with self._read() as db:
            return mapping.session_record(_get(db, SessionRow, session_id, details=True))

    def session_owner(self, session_id: int) -> int:
        with self._connect() as db:
            owner: int | None = db.execute(_SESSION_OWNER, {"id": session_id}).scalar()
        if owner is None:
            raise NotFound(f"no session with id {session_id}")
        return owner

    def sessions(
        self, profile_id: int, *, since: datetime | None = None, limit: int | None = None
    ) -> list[SessionRecord]:
        """Sessions oldest first; with ``limit``, only the most recent ones."""
        query = (
            select(SessionRow).where(SessionRow.profile_id == profile_id).options(*_WITH_DETAILS)
        )
        if since is not None:
            query = query.where(SessionRow.started_at >= since)
        query = query.order_by(SessionRow.started_at.desc(), SessionRow.id.desc()).limit(limit)
        with self._read() as db:
            return [mapping.session_record(row) for row in reversed(db.scalars(query).all())]

    def session_digests(self, profile_id: int, *, limit: int) -> list[SessionDigest]:
        """The most recent sessions, oldest first, without routines or step details."""
        with self._connect() as db:
            rows = list(
                reversed(db.execute(_RECENT, {"profile_id": profile_id, "limit": limit}).all())
            )
            ids = [row.id for row in rows]
            steps = db.execute(_STEPS_OF, {"ids": ids}).all() if ids else []
            hurts = db.execute(_HURTS_OF, {"ids": ids}).all() if ids else []
        counts = dict.fromkeys(ids, 0)
        exercises: dict[int, dict[str, None]] = {key: {} for key in ids}
        for session_id, exercise_id in steps:
            counts[session_id] += 1
            if exercise_id:
                exercises[session_id].setdefault(exercise_id, None)
        hurt_events: dict[int, list[EventRecord]] = {key: [] for key in ids}
        for event in hurts:
            hurt_events[event.session_id].append(mapping.event_record(event))
        return [
            SessionDigest(
                id=row.id,
                started_at=row.started_at,
                pain_before=row.pain_before,
                pain_after=row.pain_after,
                status=SessionStatus(row.status),
                step_count=counts[row.id],
                exercise_ids=tuple(exercises[row.id]),
                hurts=tuple(hurt_events[row.id]),
            )
            for row in rows
        ]

    def pain_pairs(self, profile_id: int, *, limit: int) -> list[tuple[int | None, int | None]]:
        """(pain before, pain after) of the most recent sessions, oldest first."""
        with self._connect() as db:
            rows = db.execute(_RECENT, {"profile_id": profile_id, "limit": limit}).all()
        return [(row.pain_before, row.pain_after) for row in reversed(rows)]

    def active_session(self, profile_id: int) -> SessionRecord | None:
        query = (
            select(SessionRow)
            .where(SessionRow.profile_id == profile_id)
            .where(SessionRow.status == SessionStatus.ACTIVE.value)
            .options(*_WITH_DETAILS)
            .order_by(SessionRow.started_at.desc(), SessionRow.id.desc())
            .limit(1)
        )
        with self._read() as db:
            row = db.scalar(query)
            return mapping.session_record(row) if row else None

    # --- likes, dislikes, pauses ----------------------------------------------
    def set_preference(self, profile_id: int, preference: PreferenceRecord) -> None:
        """Record a like, dislike or pause; a like replaces a dislike and vice versa."""
        replaced = {preference.kind}
        if preference.kind is not PreferenceKind.PAUSE:
            replaced = {PreferenceKind.LIKE, PreferenceKind.DISLIKE}
        with self._write() as db:
            _get(db, ProfileRow, profile_id)
            db.execute(_preference_delete(profile_id, preference.exercise_id, replaced))
            db.add(mapping.preference_row(profile_id, preference))

    def clear_preference(
        self, profile_id: int, exercise_id: str, kinds: Iterable[PreferenceKind]
    ) -> None:
        with self._write() as db:
            db.execute(_preference_delete(profile_id, exercise_id, set(kinds)))

    def preferences(self, profile_id: int) -> list[PreferenceRecord]:
        with self._connect() as db:
            rows = db.execute(_PREFERENCES, {"profile_id": profile_id}).all()
        return [mapping.preference_record(row) for row in rows]

    # --- PEG check-ins ----------------------------------------------------------
    def add_peg(self, profile_id: int, peg: PegRecord) -> None:
        with self._write() as db:
            _get(db, ProfileRow, profile_id)
            db.add(mapping.peg_row(profile_id, peg))

    def pegs(self, profile_id: int) -> list[PegRecord]:
        with self._read() as db:
            rows = db.scalars(
                select(PegRow)
                .where(PegRow.profile_id == profile_id)
                .order_by(PegRow.taken_at, PegRow.id)
            )
            return [mapping.peg_record(row) for row in rows]

    # --- flare-ups ----------------------------------------------------------------
    def add_flare(self, profile_id: int, flare: FlareRecord) -> None:
        with self._write() as db:
            _get(db, ProfileRow, profile_id)
            db.add(mapping.flare_row(profile_id, flare))

    def flares(self, profile_id: int) -> list[FlareRecord]:
        with self._read() as db:
            rows = db.scalars(
                select(FlareRow)
                .where(FlareRow.profile_id == profile_id)
                .order_by(FlareRow.at, FlareRow.id)
            )
            return [FlareRecord(at=row.at) for row in rows]

    # --- everything at once -----------------------------------------------------
    def bundles(self) -> list[ProfileBundle]:
        with self._read() as db:
            profiles = db.scalars(select(ProfileRow).order_by(ProfileRow.id)).all()
            return [mapping.bundle(db, row) for row in profiles]

    def import_bundles(self, bundles: Sequence[ProfileBundle], *, replace: bool = False) -> None:
        """Add every profile in one transaction: all of it or none of it.

        A profile whose name is already taken is an error unless ``replace``,
        which deletes that profile's data first (in the same transaction).
        """
        names = [bundle.name for bundle in bundles]
        with self._write() as db:
            taken = db.scalars(select(ProfileRow).where(ProfileRow.name.in_(names))).all()
            if taken and not replace:
                raise StorageError(
                    "profile(s) already in the database: "
                    + ", ".join(sorted(row.name for row in taken))
                    + "; nothing was imported (import with --replace to overwrite them)"
                )
            for row in taken:
                db.delete(row)
            db.flush()
            for item in bundles:
                mapping.add_bundle(db, item)

    def delete_all(self) -> None:
        with self._write() as db:
            for table in (
                EventRow, StepRow, SessionRow, ScreenRow, PreferenceRow, PegRow, FlareRow,
            ):  # fmt: skip
                db.execute(delete(table))
            db.execute(delete(ProfileRow))


def _get(db: Session, table: Any, key: int, *, details: bool = False) -> Any:
    options = _WITH_DETAILS if details else ()
    row = db.get(table, key, options=options)
    if row is None:
        what = table.__tablename__.rstrip("s").replace("_", " ")
        raise NotFound(f"no {what} with id {key}")
    return row


def _owner(db: Connection, session_id: int) -> int:
    owner: int = db.execute(_SESSION_OWNER, {"id": session_id}).scalar_one()
    return owner


def _insert_once(dialect: str, table: Table, *keys: str) -> Insert:
    """An insert that does nothing when a row with the same ``keys`` is already there."""
    if dialect == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing(index_elements=list(keys))
    return sqlite.insert(table).on_conflict_do_nothing(index_elements=list(keys))


def _active(db: Connection, session_id: int) -> int:
    """The profile id of a session in progress (NotFound, SessionNotActive otherwise)."""
    found = db.execute(_SESSION_STATE, {"id": session_id}).first()
    if found is None:
        raise NotFound(f"no session with id {session_id}")
    if found.status != SessionStatus.ACTIVE.value:
        raise SessionNotActive(session_id, found.status)
    profile_id: int = found.profile_id
    return profile_id


def _preference_delete(profile_id: int, exercise_id: str, kinds: set[PreferenceKind]) -> Any:
    return delete(PreferenceRow).where(
        PreferenceRow.profile_id == profile_id,
        PreferenceRow.exercise_id == exercise_id,
        PreferenceRow.kind.in_([kind.value for kind in kinds]),
    )


# --- statements the hot paths run, built once ------------------------------------

_PROFILES = Base.metadata.tables[ProfileRow.__tablename__]
_SCREENS = Base.metadata.tables[ScreenRow.__tablename__]
_SESSIONS = Base.metadata.tables[SessionRow.__tablename__]
_STEPS = Base.metadata.tables[StepRow.__tablename__]
_EVENTS = Base.metadata.tables[EventRow.__tablename__]
_PREFS = Base.metadata.tables[PreferenceRow.__tablename__]

_PROFILE_NAMED = select(_PROFILES).where(_PROFILES.c.name == bindparam("name"))
_PROFILE_BY_ID = select(_PROFILES).where(_PROFILES.c.id == bindparam("id"))
_PROFILE_EXISTS = select(_PROFILES.c.id).where(_PROFILES.c.id == bindparam("id"))
_LATEST_SCREEN = (
    select(_SCREENS)
    .where(_SCREENS.c.profile_id == bindparam("profile_id"))
    .order_by(_SCREENS.c.taken_at.desc(), _SCREENS.c.id.desc())
    .limit(1)
)
_PREFERENCES = (
    select(_PREFS)
    .where(_PREFS.c.profile_id == bindparam("profile_id"))
    .order_by(_PREFS.c.created_at, _PREFS.c.id)
)
_SESSION_OWNER = select(_SESSIONS.c.profile_id).where(_SESSIONS.c.id == bindparam("id"))
_SESSION_STATE = select(_SESSIONS.c.profile_id, _SESSIONS.c.status).where(
    _SESSIONS.c.id == bindparam("id")
)
_RECENT = (
    select(
        _SESSIONS.c.id,
        _SESSIONS.c.started_at,
        _SESSIONS.c.pain_before,
        _SESSIONS.c.pain_after,
        _SESSIONS.c.status,
    )
    .where(_SESSIONS.c.profile_id == bindparam("profile_id"))
    .order_by(_SESSIONS.c.started_at.desc(), _SESSIONS.c.id.desc())
    .limit(bindparam("limit"))
)
_STEPS_OF = (
    select(_STEPS.c.session_id, _STEPS.c.exercise_id)
    .where(_STEPS.c.session_id.in_(bindparam("ids", expanding=True)))
    .order_by(_STEPS.c.session_id, _STEPS.c.step_index)
)
_HURTS_OF = (
    select(_EVENTS)
    .where(
        _EVENTS.c.session_id.in_(bindparam("ids", expanding=True)),
        _EVENTS.c.kind == EventKind.HURT.value,
    )
    .order_by(_EVENTS.c.id)
)
_STEP_STORED = select(_STEPS.c.id).where(
    _STEPS.c.session_id == bindparam("session_id"),
    _STEPS.c.step_index == bindparam("step_index"),
)
_EVENT_BY_ID = select(_EVENTS).where(
    _EVENTS.c.session_id == bindparam("session_id"),
    _EVENTS.c.event_id == bindparam("event_id"),
)
_CLOSE_SESSION = (
    update(_SESSIONS)
    .where(_SESSIONS.c.id == bindparam("session_id"))
    .values(
        status=bindparam("new_status"),
        finished_at=bindparam("new_finished_at"),
        pain_after=bindparam("new_pain_after"),
    )
)
