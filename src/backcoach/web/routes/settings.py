"""Settings: the profile, how sessions run in this browser, and export or delete all data."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from backcoach import services
from backcoach.adapters.storage.engine import safe_url
from backcoach.core.records import ProfileRecord, ProfileSettings
from backcoach.web.deps import (
    PREFS_COOKIE,
    MaybeProfileDep,
    NowDep,
    PrefsDep,
    SessionPrefs,
    StoreDep,
    save_session_prefs,
)
from backcoach.web.forms import form_dict, profile_options, validate
from backcoach.web.rendering import render

router = APIRouter(include_in_schema=False)


def settings_context(
    request: Request,
    form: dict[str, Any],
    errors: dict[str, str] | None = None,
    *,
    saved: bool = False,
) -> dict[str, Any]:
    return {
        "page": "settings",
        "title": "Settings",
        "form": form,
        "options": profile_options(),
        "errors": errors or {},
        "saved": saved,
        "store_where": where_stored(request.app.state.settings.database_url),
    }


def where_stored(url: str) -> str:
    """The SQLite file a person can find on disk, or the server URL without a password."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return f"in the file {parsed.database}"
    return f"in the database {safe_url(url)}"


def current_form(profile: ProfileRecord, prefs: SessionPrefs) -> dict[str, Any]:
    return {**profile.settings.model_dump(mode="json"), **prefs.model_dump()}


@router.get("/settings", response_class=HTMLResponse)
def settings_page(
    request: Request, profile: MaybeProfileDep, prefs: PrefsDep, saved: bool = False
) -> Response:
    if profile is None:
        return RedirectResponse("/welcome", status_code=303)
    return render(
        request,
        "settings.html",
        settings_context(request, current_form(profile, prefs), saved=saved),
    )


@router.post("/settings", response_class=HTMLResponse)
async def save_settings(request: Request, store: StoreDep, profile: MaybeProfileDep) -> Response:
    if profile is None:
        return RedirectResponse("/welcome", status_code=303)
    raw = form_dict(await request.form())
    raw.setdefault("equipment", [])
    raw.setdefault("avoid", [])
    # An unticked checkbox sends nothing: absent means off.
    raw["voice"] = raw.get("voice") == "on"
    raw["sounds"] = raw.get("sounds") == "on"
    sent = {k: raw.get(k) for k in ProfileSettings.model_fields if k in raw}
    settings, errors = validate(ProfileSettings, sent)
    prefs, pref_errors = validate(SessionPrefs, {k: raw.get(k) for k in SessionPrefs.model_fields})
    errors.update(pref_errors)
    if settings is None or prefs is None:
        return render(
            request, "settings.html", settings_context(request, raw, errors), status_code=422
        )
    # A field the form did not send (a page from before it existed) keeps its stored value.
    changes = settings.model_dump(include=set(sent))
    services.update_profile(store=store, profile_id=profile.id, changes=changes)
    response = RedirectResponse("/settings?saved=true", status_code=303)
    save_session_prefs(response, prefs)
    return response


@router.get("/settings/export")
def export(store: StoreDep, now: NowDep) -> Response:
    text = services.export_data(store=store, fmt="json", now=now)
    filename = f"backcoach-export-{now:%Y-%m-%d}.json"
    return Response(
        text,
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.post("/settings/delete", response_class=HTMLResponse)
async def delete_everything(
    request: Request, store: StoreDep, profile: MaybeProfileDep, prefs: PrefsDep
) -> Response:
    raw = form_dict(await request.form())
    if raw.get("confirm") != "yes":
        form = current_form(profile, prefs) if profile else {}
        errors = {"confirm": "tick the box to confirm that everything should be deleted"}
        return render(
            request, "settings.html", settings_context(request, form, errors), status_code=422
        )
    services.delete_all_data(store=store)
    response = RedirectResponse("/welcome", status_code=303)
    response.delete_cookie(PREFS_COOKIE)
    return response
