"""Open a database, bring its schema up to date, and turn driver errors into sentences.

SQLite gets WAL mode (readers never block the writer), a busy timeout (a second
writer waits instead of failing) and foreign keys. Migrations run through
Alembic at start-up, one transaction each; a SQLite file is copied aside first.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from backcoach.adapters.storage.errors import StorageError

BUSY_TIMEOUT_MS = 10_000
IMMEDIATE = "backcoach_immediate"


def alembic_config() -> Config:
    config = Config()
    migrations = resources.files("backcoach.adapters.storage") / "migrations"
    config.set_main_option("script_location", str(migrations))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def describe(error: BaseException, url: str) -> str:
    """A one-line reason for a driver error, naming the database."""
    where = safe_url(url)
    text = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return f"the database {where} is locked by another program; close it and try again"
    if "not a database" in lowered or "malformed" in lowered or "corrupt" in lowered:
        return (
            f"the database {where} is damaged or is not a backcoach database ({text}); "
            "it was left untouched: move it aside or point BACKCOACH_DATABASE_URL elsewhere"
        )
    if "connection" in lowered or "could not" in lowered or "refused" in lowered:
        return f"cannot reach the database {where}: {text}"
    if "readonly" in lowered or "read-only" in lowered or "unable to open" in lowered:
        return f"cannot write to the database {where}: {text}"
    return f"database error on {where}: {text}"


# The schema, migrations and tests cover these two; anything else would half work.
SUPPORTED_BACKENDS = ("sqlite", "postgresql")


def safe_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


@contextmanager
def storage_errors(url: str) -> Iterator[None]:
    """Re-raise database errors as StorageError with a sentence a person can act on."""
    try:
        yield
    except StorageError:
        raise
    except (DBAPIError, sqlite3.Error, OSError) as error:
        raise StorageError(describe(error, url)) from error
    except SQLAlchemyError as error:
        raise StorageError(f"database error on {safe_url(url)}: {error}") from error


def create_database_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() not in SUPPORTED_BACKENDS:
            raise StorageError(
                f"cannot use database URL {safe_url(url)}: expected sqlite:///PATH or "
                "postgresql+psycopg://USER@HOST/DATABASE"
            )
        is_sqlite = parsed.get_backend_name() == "sqlite"
        if is_sqlite and parsed.database and parsed.database != ":memory:":
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        options: dict[str, Any] = {"pool_pre_ping": not is_sqlite}
        if is_sqlite:
            options["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000}
        if is_sqlite and parsed.database in (None, "", ":memory:"):
            # One shared connection, or every thread would see its own empty database.
            options["poolclass"] = StaticPool
            options["connect_args"]["check_same_thread"] = False
        engine = create_engine(parsed, **options)
    except (ArgumentError, NoSuchModuleError, ImportError) as error:
        raise StorageError(f"cannot use database URL {safe_url(url)}: {error}") from None
    except OSError as error:
        raise StorageError(f"cannot create the data folder for {safe_url(url)}: {error}") from None
    if is_sqlite:
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    # pysqlite's own transaction handling skips DDL; take over so that each
    # migration and each unit of work is one real transaction.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Writers take the write lock up front, so the busy timeout applies
        # instead of a deadlock when two readers both try to upgrade. Straight to
        # the driver: this runs for every transaction, and SQLAlchemy's statement
        # machinery cost more than the BEGIN itself (errors still become
        # StorageError, which also catches sqlite3's own).
        immediate = connection.get_execution_options().get(IMMEDIATE, False)
        connection.connection.dbapi_connection.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")


def migrate(engine: Engine, *, backup: bool = True) -> str | None:
    """Upgrade the schema to this code's head; return the backup file made, if any.

    Refuses (StorageError) a database written by a newer backcoach, or a file
    that holds other tables but is not a backcoach database.
    """
    url = engine.url.render_as_string(hide_password=False)
    with storage_errors(url):
        current, tables = _current_revision(engine)
        head = head_revision()
        if current == head:
            return None
        script = ScriptDirectory.from_config(alembic_config())
        if current is not None and not _known(script, current):
            raise StorageError(
                f"the database {safe_url(url)} was written by a newer version of backcoach "
                f"(schema {current!r}, this version knows up to {head!r}); "
                "upgrade backcoach to use it; nothing was changed"
            )
        if current is None and tables:
            raise StorageError(
                f"the database {safe_url(url)} already holds tables that are not backcoach's "
                f"({', '.join(sorted(tables)[:5])}); point BACKCOACH_DATABASE_URL elsewhere"
            )
        copy = _backup_sqlite(engine, current) if backup and current is not None else None
        config = alembic_config()
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            try:
                command.upgrade(config, "head")
            except CommandError as error:
                raise StorageError(f"cannot migrate {safe_url(url)}: {error}") from error
            connection.commit()
        return copy


def _current_revision(engine: Engine) -> tuple[str | None, list[str]]:
    with engine.connect() as connection:
        tables = [t for t in inspect(connection).get_table_names() if t != "alembic_version"]
        revision = MigrationContext.configure(connection).get_current_revision()
        connection.rollback()
    return revision, tables


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def _backup_sqlite(engine: Engine, revision: str) -> str | None:
    """Copy a SQLite file aside before changing its schema (nothing is ever lost)."""
    database = engine.url.database
    if engine.url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    source = Path(database)
    target = source.with_name(f"{source.name}.before-{revision}.bak")
    live, copy = sqlite3.connect(source), sqlite3.connect(target)
    try:
        live.backup(copy)
    finally:
        live.close()
        copy.close()
    shutil.copymode(source, target)
    return str(target)
