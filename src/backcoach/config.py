"""The one settings object, built once at start-up and passed to whatever needs it.

Nothing here runs at import: ``load_settings`` reads the environment when the
CLI or the web app starts, so tests build as many independent settings as they
like. Environment variables (all optional):

- ``BACKCOACH_DATABASE_URL``: SQLAlchemy URL; default a SQLite file in the data dir
- ``BACKCOACH_DATA_DIR``: where the default database and backups live
- ``BACKCOACH_LEAD_IN_SECONDS``: get-ready seconds before each exercise (0-30)
- ``BACKCOACH_VOICE``: speak cues (1/0, true/false, on/off)
- ``BACKCOACH_SOUNDS``: play sound cues
- ``BACKCOACH_CATALOGUE_DIR``: a folder of exercise files instead of the shipped ones
- ``BACKCOACH_ALLOWED_HOSTS``: comma-separated Host names the web app answers to besides
  the loopback ones (127.0.0.1, localhost, ::1), e.g. ``backcoach.example.org``
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

APP_NAME = "backcoach"
ENV_PREFIX = "BACKCOACH_"


class SettingsError(ValueError):
    """A setting from the environment is malformed; the message names the variable."""


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    data_dir: Path
    database_url: str
    lead_in_seconds: int = Field(default=5, ge=0, le=30)
    voice: bool = True
    sounds: bool = True
    catalogue_dir: Path | None = None
    allowed_hosts: tuple[str, ...] = ()
    # Copy a SQLite file aside before a migration changes it.
    backup_before_migrate: bool = True

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(host.strip() for host in value.split(",") if host.strip())
        return value

    @field_validator("allowed_hosts")
    @classmethod
    def _plain_hosts(cls, hosts: tuple[str, ...]) -> tuple[str, ...]:
        for host in hosts:
            if "/" in host or " " in host or host == "*":
                raise ValueError(f"expected host names such as backcoach.example.org, got {host!r}")
        return hosts

    @field_validator("database_url")
    @classmethod
    def _has_scheme(cls, url: str) -> str:
        if "://" not in url:
            raise ValueError(
                "expected a database URL such as sqlite:///path/to/backcoach.db "
                "or postgresql+psycopg://user@host/dbname"
            )
        return url


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Settings from ``environ`` (default: the process environment), then ``overrides``."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for field in Settings.model_fields:
        raw = env.get(ENV_PREFIX + field.upper())
        if raw is not None and raw != "":
            values[field] = raw
    values.update({key: value for key, value in overrides.items() if value is not None})
    data_dir = Path(values.get("data_dir") or default_data_dir())
    values["data_dir"] = data_dir
    values.setdefault("database_url", sqlite_url(data_dir / f"{APP_NAME}.db"))
    try:
        return Settings(**values)
    except ValidationError as error:
        first = error.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "settings"
        source = ENV_PREFIX + field.upper() if field in Settings.model_fields else field
        raise SettingsError(f"{source}: {first['msg']}") from None
