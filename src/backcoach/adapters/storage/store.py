"""The store: every read and write the services need, one transaction each.

Methods take and return the plain records of ``backcoach.core.records``; rows
never leave this module. Each write commits before returning, so a step the
person completed is on disk before the next one starts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, select
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
    EventRow,
    PegRow,
    PreferenceRow,
    ProfileRow,
    ScreenRow,
    SessionRow,
    StepRow,
)
from backcoach.core.records import (
    EventRecord,
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

_WITH_DETAILS = (selectinload(SessionRow.steps), selectinload(SessionRow.events))


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._url = engine.url.render_as_string(hide_password=False)
        self._reader = sessionmaker(engine, expire_on_commit=False)
        self._writer = sessionmaker(
            engine.execution_options(**{IMMEDIATE: True}), expire_on_commit=False
        )
        self.backup_file: str | None = None

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
    def _write(self) -> Iterator[Session]:
        with storage_errors(self._url), self._writer() as session, session.begin():
            yield session

    # --- profiles -------------------------------------------------------------
    def profiles(self) -> list[ProfileRecord]:
        with self._read() as db:
            rows = db.scalars(select(ProfileRow).order_by(ProfileRow.id))
            return [mapping.profile_record(row) for row in rows]

    def profile_named(self, name: str) -> ProfileRecord | None:
        with self._read() as db:
            row = db.scalar(select(ProfileRow).where(ProfileRow.name == name.strip()))
            return mapping.profile_record(row) if row else None

    def profile(self, profile_id: int) -> ProfileRecord:
        with self._read() as db:
            return mapping.profile_record(_get(db, ProfileRow, profile_id))

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
        with self._read() as db:
            row = db.scalar(
                select(ScreenRow)
                .where(ScreenRow.profile_id == profile_id)
                .order_by(ScreenRow.taken_at.desc(), ScreenRow.id.desc())
                .limit(1)
            )
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
        with self._write() as db:
            _get(db, ProfileRow, profile_id)
            row = SessionRow(
                profile_id=profile_id,
                routine=routine,
                planned_seconds=planned_seconds,
                started_at=started_at,
                pain_before=pain_before,
                status=SessionStatus.ACTIVE.value,
                steps=[],
                events=[],
            )
            db.add(row)
            db.flush()
            return mapping.session_record(row)

    def add_step(self, session_id: int, step: StepRecord) -> None:
        """Store a completed step of a session in progress (SessionNotActive otherwise)."""
        with self._write() as db:
            _active(db, session_id)
            db.add(mapping.step_row(session_id, step))

    def add_event(self, session_id: int, event_record: EventRecord) -> int:
        """Store an event of a session in progress; returns the session's profile id."""
        with self._write() as db:
            row = _active(db, session_id)
            db.add(mapping.event_row(session_id, event_record))
            return row.profile_id

    def close_session(
        self,
        session_id: int,
        *,
        status: SessionStatus,
        finished_at: datetime,
        pain_after: int | None,
    ) -> SessionRecord:
        """Finish, stop or abandon a session in progress (SessionNotActive otherwise)."""
        with self._write() as db:
            row = _active(db, session_id, details=True)
            row.status = status.value
            row.finished_at = finished_at
            row.pain_after = pain_after
            db.flush()
            return mapping.session_record(row)

    def session(self, session_id: int) -> SessionRecord:
        with self._read() as db:
            return mapping.session_record(_get(db, SessionRow, session_id, details=True))

    def session_owner(self, session_id: int) -> int:
        with self._read() as db:
            row: SessionRow = _get(db, SessionRow, session_id)
            return row.profile_id

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
        with self._read() as db:
            rows = db.scalars(
                select(PreferenceRow)
                .where(PreferenceRow.profile_id == profile_id)
                .order_by(PreferenceRow.created_at, PreferenceRow.id)
            )
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
            for table in (EventRow, StepRow, SessionRow, ScreenRow, PreferenceRow, PegRow):
                db.execute(delete(table))
            db.execute(delete(ProfileRow))


def _get(db: Session, table: Any, key: int, *, details: bool = False) -> Any:
    options = _WITH_DETAILS if details else ()
    row = db.get(table, key, options=options)
    if row is None:
        what = table.__tablename__.rstrip("s").replace("_", " ")
        raise NotFound(f"no {what} with id {key}")
    return row


def _active(db: Session, session_id: int, *, details: bool = False) -> SessionRow:
    row: SessionRow = _get(db, SessionRow, session_id, details=details)
    if row.status != SessionStatus.ACTIVE.value:
        raise SessionNotActive(session_id, row.status)
    return row


def _preference_delete(profile_id: int, exercise_id: str, kinds: set[PreferenceKind]) -> Any:
    return delete(PreferenceRow).where(
        PreferenceRow.profile_id == profile_id,
        PreferenceRow.exercise_id == exercise_id,
        PreferenceRow.kind.in_([kind.value for kind in kinds]),
    )
