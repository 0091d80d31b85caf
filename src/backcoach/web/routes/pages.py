"""HTML pages: today and the exercise library. First run lives in ``routes/first_run.py``."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from backcoach import services
from backcoach.core.catalogue import Exercise
from backcoach.core.options import GLOSSARY, Equipment, Goal, Position, Target
from backcoach.core.planner import PlanImpossible
from backcoach.core.profile import MAX_MINUTES, MIN_MINUTES
from backcoach.core.records import PreferenceKind, ProfileRecord
from backcoach.core.wording import dosage_text
from backcoach.web import library, planning
from backcoach.web.deps import (
    CatalogueDep,
    MaybeProfileDep,
    NowDep,
    PrefsDep,
    ProfileDep,
    StoreDep,
)
from backcoach.web.forms import form_dict, profile_options, validate
from backcoach.web.rendering import render

router = APIRouter(include_in_schema=False)

MINUTE_CHOICES = (5, 10, 15, 20, 25, 30, 35, 40, 45)
# Each option is (value in the URL, what the person reads).
LIBRARY_FILTERS = (
    ("position", "Position", [(p.value, p.label.capitalize()) for p in Position]),
    (
        "equipment",
        "Equipment",
        [(e.value, e.value.replace("-", " ").capitalize()) for e in Equipment],
    ),
    ("target", "Target", [(t.value, t.label.capitalize()) for t in Target]),
)


@router.get("/exercises", response_class=HTMLResponse)
def library_page(
    request: Request,
    catalogue: CatalogueDep,
    position: Annotated[Position | None, Query()] = None,
    equipment: Annotated[Equipment | None, Query()] = None,
    target: Annotated[Target | None, Query()] = None,
    q: Annotated[str | None, Query(max_length=80)] = None,
) -> HTMLResponse:
    chosen = library.matching(
        catalogue, position=position, equipment=equipment, target=target, text=q
    )
    figures = {e.id: library.figure(request, e, animate=False) for e in chosen}
    filters = {
        "position": position and position.value,
        "equipment": equipment and equipment.value,
        "target": target and target.value,
        "q": q,
    }
    context = {
        "page": "library",
        "title": "Library",
        "exercises": chosen,
        "total": len(catalogue),
        "figures": figures,
        "filters": filters,
        "filter_fields": LIBRARY_FILTERS,
        "glossary": GLOSSARY,
    }
    return render(request, "library.html", context)


@router.get("/exercises/{exercise_id}", response_class=HTMLResponse)
def exercise_page(
    exercise_id: str,
    request: Request,
    store: StoreDep,
    catalogue: CatalogueDep,
    profile: MaybeProfileDep,
) -> HTMLResponse:
    return _exercise(request, store, catalogue.get(exercise_id), profile)


def _exercise(
    request: Request,
    store: Any,
    exercise: Exercise,
    profile: ProfileRecord | None,
    errors: dict[str, str] | None = None,
) -> HTMLResponse:
    preference = profile and services.preference_of(
        store=store, profile_id=profile.id, exercise_id=exercise.id
    )
    context = {
        "page": "library",
        "title": exercise.name,
        "exercise": exercise,
        "figure": library.figure(request, exercise),
        "dose": dosage_text(exercise.dosage),
        "preference": preference.value if preference else None,
        "errors": errors or {},
    }
    return render(request, "exercise.html", context, status_code=422 if errors else 200)


class PreferenceForm(BaseModel):
    preference: Literal["like", "dislike", "none"]


@router.post("/exercises/{exercise_id}/preference", response_class=HTMLResponse)
async def exercise_preference(
    exercise_id: str,
    request: Request,
    store: StoreDep,
    catalogue: CatalogueDep,
    profile: ProfileDep,
    now: NowDep,
) -> Response:
    """The like and dislike buttons on an exercise's page: a plain form, no script needed."""
    exercise = catalogue.get(exercise_id)
    form, errors = validate(PreferenceForm, form_dict(await request.form()))
    if form is None:
        return _exercise(request, store, exercise, profile, errors)
    kind = None if form.preference == "none" else PreferenceKind(form.preference)
    services.set_preference(
        store=store, profile_id=profile.id, exercise_id=exercise.id, kind=kind, now=now
    )
    return RedirectResponse(f"/exercises/{exercise.id}#preference", status_code=303)


class TodayQuery(BaseModel):
    """Choices for today only; the stored profile is not changed."""

    model_config = ConfigDict(extra="ignore")

    minutes: int | None = Field(default=None, ge=MIN_MINUTES, le=MAX_MINUTES)
    goal: Goal | None = None
    pain: int | None = Field(default=None, ge=0, le=10)  # not given: planned as 0, like `plan`


@router.get("/", response_class=HTMLResponse)
def today(
    request: Request,
    store: StoreDep,
    catalogue: CatalogueDep,
    profile: MaybeProfileDep,
    now: NowDep,
    prefs: PrefsDep,
) -> Response:
    if profile is None or profile.disclaimer_seen_at is None:
        return RedirectResponse("/welcome", status_code=303)
    query, errors = validate(TodayQuery, form_dict(request.query_params))
    query = query or TodayQuery()
    state = services.screening_state(
        store=store, profile_id=profile.id, now=now, pain=query.pain or None
    )
    if state.due:
        return RedirectResponse("/screen?reason=due", status_code=303)
    overrides = {"minutes": query.minutes, "goal": query.goal}
    context = _today_context(store, profile, query, errors)
    context["week"] = services.this_week(store=store, profile_id=profile.id, now=now)
    try:
        day = planning.plan_day(
            store=store, catalogue=catalogue, profile_id=profile.id, now=now, pain=query.pain or 0,
            overrides=overrides, lead_in_seconds=prefs.lead_in_seconds,
        )  # fmt: skip
    except PlanImpossible as error:
        context["plan_error"] = planning.impossible(error)
        return render(request, "today.html", context)
    context.update(
        routine=day.routine,
        total_seconds=day.total_seconds,
        seconds=day.item_seconds(),
        figures=planning.figures_for(request, day.routine),
        start_url=day.url(planning.START_PATH),
        handout_url=day.url("/handout"),
    )
    return render(request, "today.html", context)


def _today_context(
    store: Any, profile: ProfileRecord, query: TodayQuery, errors: dict[str, str]
) -> dict[str, Any]:
    return {
        "page": "today",
        "title": "Today",
        "errors": errors,
        "options": profile_options(),
        "minute_choices": MINUTE_CHOICES,
        "form": {
            "minutes": query.minutes or profile.settings.minutes,
            "goal": (query.goal or profile.settings.goal).value,
            "pain": query.pain,
        },
        "active_session": _resumable(store, profile.id),
    }


def _resumable(store: Any, profile_id: int) -> dict[str, str] | None:
    session = services.interrupted_session(store=store, profile_id=profile_id)
    if session is None:
        return None
    started = session.started_at.astimezone().strftime("%A %d %B at %H:%M")
    return {"started": started, "url": f"/session/{session.id}"}
