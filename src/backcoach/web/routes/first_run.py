"""First run and the red-flag screen: welcome, disclaimer, safety check, then the profile."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from backcoach import services
from backcoach.core import safety
from backcoach.core.records import ProfileRecord, ProfileSettings
from backcoach.web.deps import MaybeProfileDep, NowDep, ProfileDep, StoreDep
from backcoach.web.forms import form_dict, profile_options, validate
from backcoach.web.rendering import render

router = APIRouter(include_in_schema=False)

SCREEN_REASONS = {
    "due": "It is time to answer the safety check again: it is asked every 30 days, "
    "and again when your pain rises.",
}


def screen_context(
    action: str,
    *,
    first_run: bool,
    answers: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    cleared_on: dict[str, date] | None = None,
) -> dict[str, Any]:
    return {
        "title": "Welcome" if first_run else "Safety check",
        "first_run": first_run,
        "action": action,
        "questions": safety.RED_FLAGS,
        "answers": answers or {},
        "errors": errors or {},
        "cleared_label": safety.CLEARED_LABEL,
        "cleared_on": cleared_on or {},
        "safety_disclaimer": safety.DISCLAIMER,
    }


def parse_answers(raw: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    answers: dict[str, str] = {}
    errors: dict[str, str] = {}
    for flag in safety.RED_FLAGS:
        allowed = {"yes", "no", "cleared"} if flag.clearable else {"yes", "no"}
        value = raw.get(flag.id)
        if value in allowed:
            answers[flag.id] = value
        elif flag.clearable:
            errors[flag.id] = "please answer no, yes, or yes and a professional has checked it"
        else:
            errors[flag.id] = "please answer yes or no"
    return answers, errors


RESULT_HEADINGS = {
    safety.ScreenStatus.EMERGENCY: "Get urgent help now",
    safety.ScreenStatus.SEE_DOCTOR_TODAY: "See a doctor today, before exercising",
    safety.ScreenStatus.SEE_DOCTOR: "See a doctor before exercising",
}


def result_page(request: Request, result: safety.ScreenResult) -> HTMLResponse:
    context = {
        "title": "Please get medical advice first",
        "emergency": result.status is safety.ScreenStatus.EMERGENCY,
        "heading": RESULT_HEADINGS[result.status],
        "advice": result.advice,
        "flags": result.flags,
    }
    return render(request, "screen_result.html", context)


async def take_screen(
    request: Request, *, store: Any, profile: ProfileRecord, now: Any, action: str, first_run: bool
) -> tuple[safety.ScreenResult | None, Response | None]:
    raw = form_dict(await request.form())
    answers, errors = parse_answers(raw)
    if errors:
        context = screen_context(action, first_run=first_run, answers=raw, errors=errors)
        return None, render(request, "welcome.html", context, status_code=422)
    result = services.record_screen(store=store, profile_id=profile.id, answers=answers, now=now)
    if not result.allows_session:
        return result, result_page(request, result)
    return result, None


@router.get("/welcome", response_class=HTMLResponse)
def welcome(request: Request) -> HTMLResponse:
    return render(request, "welcome.html", screen_context("/welcome", first_run=True))


@router.post("/welcome", response_class=HTMLResponse)
async def welcome_screen(
    request: Request, store: StoreDep, profile: ProfileDep, now: NowDep
) -> Response:
    services.acknowledge_disclaimer(store=store, profile_id=profile.id, now=now)
    _, stop = await take_screen(
        request, store=store, profile=profile, now=now, action="/welcome", first_run=True
    )
    return stop or RedirectResponse("/welcome/profile", status_code=303)


@router.get("/welcome/profile", response_class=HTMLResponse)
def profile_form(request: Request, profile: MaybeProfileDep) -> Response:
    if profile is None:
        return RedirectResponse("/welcome", status_code=303)
    return render(
        request, "profile_form.html", profile_context(profile.settings.model_dump(mode="json"))
    )


@router.post("/welcome/profile", response_class=HTMLResponse)
async def save_profile(request: Request, store: StoreDep, profile: ProfileDep) -> Response:
    raw = form_dict(await request.form())
    raw.setdefault("equipment", [])
    raw.setdefault("avoid", [])
    settings, errors = validate(ProfileSettings, raw)
    if settings is None:
        return render(request, "profile_form.html", profile_context(raw, errors), status_code=422)
    services.update_profile(store=store, profile_id=profile.id, changes=settings.model_dump())
    return RedirectResponse("/", status_code=303)


def profile_context(form: dict[str, Any], errors: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "title": "Your routine",
        "heading": "What suits you",
        "action": "/welcome/profile",
        "submit_label": "See today's routine",
        "form": form,
        "options": profile_options(),
        "errors": errors or {},
    }


@router.get("/screen", response_class=HTMLResponse)
def screen(
    request: Request, store: StoreDep, profile: MaybeProfileDep, reason: str | None = None
) -> HTMLResponse:
    # What a professional has checked stays answered, so it need not be chosen again.
    cleared = services.cleared_flags(store=store, profile_id=profile.id) if profile else {}
    answers = dict.fromkeys(cleared, "cleared")
    context = screen_context("/screen", first_run=False, answers=answers, cleared_on=cleared)
    context["reason"] = SCREEN_REASONS.get(reason or "")
    return render(request, "welcome.html", context)


@router.post("/screen", response_class=HTMLResponse)
async def rescreen(request: Request, store: StoreDep, profile: ProfileDep, now: NowDep) -> Response:
    _, stop = await take_screen(
        request, store=store, profile=profile, now=now, action="/screen", first_run=False
    )
    return stop or RedirectResponse("/", status_code=303)
