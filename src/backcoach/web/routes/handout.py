"""The printable handout of a routine (page and PDF) and calendar reminders (.ics)."""

from __future__ import annotations

from datetime import time
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator

from backcoach.adapters import ical, pdf
from backcoach.core.options import Goal
from backcoach.core.planner import PlanImpossible
from backcoach.core.profile import MAX_MINUTES, MIN_MINUTES
from backcoach.web import planning
from backcoach.web.deps import CatalogueDep, MaybeProfileDep, NowDep, PrefsDep, StoreDep
from backcoach.web.forms import form_dict, validate
from backcoach.web.rendering import render
from backcoach.web.schemas import QuerySeed

router = APIRouter(include_in_schema=False)


class HandoutQuery(BaseModel):
    model_config = ConfigDict(extra="ignore")

    minutes: int | None = Field(default=None, ge=MIN_MINUTES, le=MAX_MINUTES)
    goal: Goal | None = None
    pain: int = Field(default=0, ge=0, le=10)
    seed: QuerySeed | None = None


def _handout_context(request: Request, day: planning.PlannedDay, now: Any) -> dict[str, Any]:
    return {
        "title": "Handout",
        "routine": day.routine,
        "figures": planning.figures_for(request, day.routine, animate=False),
        "doses": [_dose(item) for item in day.routine.items],
        "total_seconds": day.total_seconds,
        "made_on": now,
        "pdf_url": day.url("/handout.pdf"),
    }


def _dose(item: Any) -> str:
    from backcoach.core.wording import dose_text

    return dose_text(item.exercise, item.dose)


def _planned(
    request: Request, store: Any, catalogue: Any, profile_id: int, now: Any, lead_in: float
) -> planning.PlannedDay | dict[str, str]:
    query, errors = validate(HandoutQuery, form_dict(request.query_params))
    if query is None:
        return errors
    overrides = {"minutes": query.minutes, "goal": query.goal}
    return planning.plan_day(
        store=store, catalogue=catalogue, profile_id=profile_id, now=now, pain=query.pain,
        overrides=overrides, lead_in_seconds=lead_in, seed=query.seed,
    )  # fmt: skip


@router.get("/handout.css", response_class=Response)
def handout_css(request: Request) -> Response:
    """The handout's styles as a file: the page may not carry inline styles (CSP); the
    PDF, made here, includes the same file."""
    env = request.app.state.templates.env
    css = env.loader.get_source(env, "handout.css")[0]
    return Response(css, media_type="text/css", headers={"Cache-Control": "public, max-age=3600"})


@router.get("/handout", response_class=HTMLResponse)
@router.get("/handout.pdf", response_class=Response)
def handout(
    request: Request,
    store: StoreDep,
    catalogue: CatalogueDep,
    profile: MaybeProfileDep,
    now: NowDep,
    prefs: PrefsDep,
) -> Response:
    if profile is None:
        return RedirectResponse("/welcome", status_code=303)
    try:
        day = _planned(request, store, catalogue, profile.id, now, prefs.lead_in_seconds)
    except PlanImpossible as error:
        return _no_plan(request, error)
    if isinstance(day, dict):
        message = "; ".join(f"{field}: {text}" for field, text in day.items())
        context = {"title": "That input was not valid", "message": message, "suggestions": []}
        return render(request, "error.html", context, status_code=422)
    context = _handout_context(request, day, now)
    if not request.url.path.endswith(".pdf"):
        return render(request, "handout.html", {**context, "page": "today"})
    html = request.app.state.templates.get_template("handout_pdf.html").render(context)
    filename = f"backcoach-handout-{now:%Y-%m-%d}.pdf"
    return Response(
        pdf.html_to_pdf(html),
        media_type=pdf.PDF_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _no_plan(request: Request, error: PlanImpossible) -> Response:
    context = {"title": "No routine fits those limits", "message": str(error), "suggestions": []}
    return render(request, "error.html", context, status_code=422)


class ReminderQuery(BaseModel):
    days: list[str] = Field(min_length=1)
    time: time
    minutes: int = Field(ge=MIN_MINUTES, le=MAX_MINUTES)

    @field_validator("days")
    @classmethod
    def _known_days(cls, days: list[str]) -> list[str]:
        unknown = [d for d in days if d not in ical.WEEKDAYS]
        if unknown:
            raise ValueError(
                f"unknown day(s) {', '.join(unknown)}; expected {', '.join(ical.WEEKDAYS)}"
            )
        return days


def _reminder_form(profile: Any) -> dict[str, Any]:
    minutes = profile.settings.minutes if profile else 15
    return {"days": ["MO", "WE", "FR"], "time": "08:00", "minutes": minutes}


@router.get("/reminders", response_class=HTMLResponse)
def reminders(request: Request, profile: MaybeProfileDep) -> HTMLResponse:
    context = {
        "page": "settings",
        "title": "Reminders",
        "form": _reminder_form(profile),
        "weekdays": list(ical.WEEKDAY_NAMES.items()),
        "min_minutes": MIN_MINUTES,
        "max_minutes": MAX_MINUTES,
        "errors": {},
    }
    return render(request, "reminders.html", context)


@router.get("/reminders.ics")
def reminders_file(
    request: Request,
    now: NowDep,
    profile: MaybeProfileDep,
    days: Annotated[list[str] | None, Query()] = None,
) -> Response:
    raw = form_dict(request.query_params)
    raw["days"] = days or []
    reminder, errors = validate(ReminderQuery, raw)
    if reminder is None:
        context = {
            "page": "settings",
            "title": "Reminders",
            "form": {**_reminder_form(profile), **raw},
            "weekdays": list(ical.WEEKDAY_NAMES.items()),
            "min_minutes": MIN_MINUTES,
            "max_minutes": MAX_MINUTES,
            "errors": errors,
        }
        return render(request, "reminders.html", context, status_code=422)
    text = ical.practice_calendar(
        days=reminder.days,
        at=reminder.time,
        minutes=reminder.minutes,
        start=now.date(),
        now=now,
        url=str(request.base_url),
    )
    return Response(
        text,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="backcoach-reminders.ics"'},
    )
