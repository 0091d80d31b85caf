"""Errors and small shared pieces of the services."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, ValidationError

DEFAULT_PROFILE = "me"


class ServiceError(ValueError):
    """A request the rules refuse; the message says what to do instead."""


class ScreeningRequired(ServiceError):
    """No routine until the red-flag screen is answered (again) with no warning sign."""


class SessionClosed(ServiceError):
    """Steps and events can only be added to a session still in progress."""


class EventIdReused(ServiceError):
    """An event id already names a different event of the session (ids are single-use)."""


def first_problem(error: ValidationError) -> ServiceError:
    """A pydantic error as one line naming the field: ``minutes: Input should be ...``."""
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "value"
    return ServiceError(f"{field}: {first['msg']}")


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)
