"""The programme pages: the flare-up path (a plain form post) and /progress."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from backcoach import services
from backcoach.core import safety
from backcoach.core.programme import FLARE_ADVICE
from backcoach.web import planning
from backcoach.web.charts import PainPoint, pain_chart
from backcoach.web.deps import CatalogueDep, NowDep, PrefsDep, ProfileDep, StoreDep
from backcoach.web.programme_charts import adherence_chart, dose_chart
from backcoach.web.rendering import render

router = APIRouter(include_in_schema=False)


@router.post("/flare", response_class=HTMLResponse)
def flare(
    request: Request,
    store: StoreDep,
    catalogue: CatalogueDep,
    profile: ProfileDep,
    now: NowDep,
    prefs: PrefsDep,
) -> Response:
    routine = services.record_flare(
        store=store, catalogue=catalogue, profile_id=profile.id, now=now
    )
    day = planning.plan_day(
        store=store, catalogue=catalogue, profile_id=profile.id, now=now,
        pain=safety.SEVERE_PAIN, overrides={}, lead_in_seconds=prefs.lead_in_seconds,
    )  # fmt: skip
    context = {
        "page": "today",
        "title": "Your back is flaring up",
        "advice": FLARE_ADVICE,
        "routine": routine,
        "seconds": day.item_seconds(),
        "start_url": day.url(planning.START_PATH),
    }
    return render(request, "flare.html", context)


@router.get("/progress", response_class=HTMLResponse)
def progress(
    request: Request, store: StoreDep, catalogue: CatalogueDep, profile: ProfileDep, now: NowDep
) -> Response:
    report = services.programme_progress(
        store=store, catalogue=catalogue, profile_id=profile.id, now=now
    )
    sessions = services.history(store=store, profile_id=profile.id, now=now).sessions
    points = [
        PainPoint(s.started_at.astimezone(now.tzinfo).date(), s.pain_before, s.pain_after)
        for s in reversed(sessions)
        if s.pain_before is not None
    ]
    dose_charts = [
        (name, steps, dose_chart(name, [(p.on, p.rung, p.dose) for p in steps], f"dose-{n}"))
        for n, (name, steps) in enumerate(sorted(report.doses.items()))
    ]
    context = {
        "page": "progress",
        "title": "Progress",
        "report": report,
        "adherence_chart": adherence_chart(
            [(w.week_start, w.done, w.planned) for w in report.adherence]
        ),
        "pain_chart": pain_chart(points[-30:]),
        "dose_charts": dose_charts,
    }
    return render(request, "progress.html", context)
