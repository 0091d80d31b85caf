"""The database tables, mapped with SQLAlchemy 2's typed ORM.

These row classes only describe storage; the records in ``backcoach.core.records``
are what the rest of the program sees. Keep this file in step with the Alembic
migrations (a test compares them).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite would hand back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; pass an aware one")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UtcDateTime, dict[str, Any]: JSON, list[str]: JSON}  # noqa: RUF012


class ProfileRow(Base):
    __tablename__ = "profiles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    created_at: Mapped[datetime]
    minutes: Mapped[int]
    goal: Mapped[str] = mapped_column(String(20))
    level: Mapped[str] = mapped_column(String(20))
    equipment: Mapped[list[str]]
    avoid: Mapped[list[str]]
    disclaimer_seen_at: Mapped[datetime | None]
    days_per_week: Mapped[int] = mapped_column(Integer, server_default="3")


class ScreenRow(Base):
    __tablename__ = "screens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), index=True
    )
    taken_at: Mapped[datetime]
    answers: Mapped[dict[str, Any]]
    result: Mapped[str] = mapped_column(String(40))


class SessionRow(Base):
    __tablename__ = "sessions"
    __table_args__ = (Index("ix_sessions_profile_started", "profile_id", "started_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    routine: Mapped[dict[str, Any]]
    planned_seconds: Mapped[int]
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    pain_before: Mapped[int | None]
    pain_after: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(20))

    steps: Mapped[list[StepRow]] = relationship(
        order_by="StepRow.step_index", cascade="all, delete-orphan", passive_deletes=True
    )
    events: Mapped[list[EventRow]] = relationship(
        order_by="EventRow.id", cascade="all, delete-orphan", passive_deletes=True
    )


class StepRow(Base):
    __tablename__ = "session_steps"
    # A step is done once: a device that posts it again must not add time.
    __table_args__ = (
        Index("uq_session_steps_session_step", "session_id", "step_index", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    step_index: Mapped[int]
    exercise_id: Mapped[str | None] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))
    side: Mapped[str | None] = mapped_column(String(10))
    seconds: Mapped[float] = mapped_column(Float)
    completed_at: Mapped[datetime]


class EventRow(Base):
    __tablename__ = "events"
    # The device names each event, so a retried post is stored once (older events have no id).
    __table_args__ = (Index("uq_events_session_event", "session_id", "event_id", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime]
    exercise_id: Mapped[str | None] = mapped_column(String(80))
    step_index: Mapped[int | None]
    severity: Mapped[str | None] = mapped_column(String(10))
    event_id: Mapped[str | None] = mapped_column(String(64))


class PreferenceRow(Base):
    __tablename__ = "preferences"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), index=True
    )
    exercise_id: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime]
    until: Mapped[datetime | None]
    reason: Mapped[str | None] = mapped_column(String(200))


class PegRow(Base):
    __tablename__ = "peg_checkins"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), index=True
    )
    taken_at: Mapped[datetime]
    pain: Mapped[int]
    enjoyment: Mapped[int]
    activity: Mapped[int]


class FlareRow(Base):
    __tablename__ = "flares"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime]
