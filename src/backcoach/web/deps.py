"""Request dependencies shared by every route module.

The ones that only read ``app.state`` or the request are ``async def``: FastAPI
runs a plain ``def`` dependency in its thread pool, a hop per dependency that
costs more than the look-up itself. The ones that touch the store stay ``def``.

Routes declare what they need with these ``Annotated`` aliases instead of
reaching into ``request.app.state`` themselves, so tests can swap any of them
with ``app.dependency_overrides`` (or set ``app.state.clock``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field, ValidationError

from backcoach import services
from backcoach.adapters.storage.store import Store
from backcoach.config import Settings
from backcoach.core.catalogue import Catalogue
from backcoach.core.records import ProfileRecord

PREFS_COOKIE = "backcoach_prefs"
PREFS_MAX_AGE = 5 * 365 * 24 * 3600


def local_now() -> datetime:
    """The current time in this machine's zone: it decides what "today" is."""
    return datetime.now().astimezone()


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_catalogue(request: Request) -> Catalogue:
    catalogue: Catalogue = request.app.state.catalogue
    return catalogue


async def get_templates(request: Request) -> Jinja2Templates:
    templates: Jinja2Templates = request.app.state.templates
    return templates


async def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


async def get_now(request: Request) -> datetime:
    clock: Callable[[], datetime] = request.app.state.clock
    return clock()


SettingsDep = Annotated[Settings, Depends(get_settings)]
CatalogueDep = Annotated[Catalogue, Depends(get_catalogue)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
StoreDep = Annotated[Store, Depends(get_store)]
NowDep = Annotated[datetime, Depends(get_now)]


def existing_profile(store: StoreDep) -> ProfileRecord | None:
    """The person using this browser, or None before the first run."""
    return store.profile_named(services.DEFAULT_PROFILE)


def current_profile(store: StoreDep, now: NowDep) -> ProfileRecord:
    """The person using this browser, created with default settings when missing."""
    return services.get_or_create_profile(store=store, now=now)


MaybeProfileDep = Annotated[ProfileRecord | None, Depends(existing_profile)]
ProfileDep = Annotated[ProfileRecord, Depends(current_profile)]


class SessionPrefs(BaseModel):
    """How sessions run in this browser: kept in a cookie, defaults from the settings."""

    lead_in_seconds: int = Field(ge=0, le=30)
    voice: bool
    sounds: bool


async def session_prefs(request: Request, settings: SettingsDep) -> SessionPrefs:
    defaults = SessionPrefs(
        lead_in_seconds=settings.lead_in_seconds, voice=settings.voice, sounds=settings.sounds
    )
    raw = request.cookies.get(PREFS_COOKIE)
    if not raw:
        return defaults
    try:
        return SessionPrefs.model_validate({**defaults.model_dump(), **json.loads(raw)})
    except (ValueError, TypeError, ValidationError):
        return defaults  # a stale or hand-edited cookie falls back to the defaults


def save_session_prefs(response: Response, prefs: SessionPrefs) -> None:
    response.set_cookie(
        PREFS_COOKIE,
        prefs.model_dump_json(),
        max_age=PREFS_MAX_AGE,
        httponly=True,
        samesite="lax",
    )


PrefsDep = Annotated[SessionPrefs, Depends(session_prefs)]
