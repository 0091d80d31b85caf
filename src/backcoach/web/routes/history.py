"""History: sessions, streak, charts of minutes and pain, and the weekly PEG check-in."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from backcoach import services
from backcoach.core import safety
from backcoach.core.catalogue import Catalogue
from backcoach.core.records import ProfileRecord
from backcoach.web.charts import PainPoint, minutes_per_week_chart, pain_chart
from backcoach.web.deps import CatalogueDep, MaybeProfileDep, NowDep, StoreDep
from backcoach.web.forms import form_dict, validate
from backcoach.web.rendering import render

router = APIRouter(include_in_schema=False)

PEG_QUESTIONS = (
    ("pain", "What number best describes your pain on average in the past week?", "no pain", "pain as bad as you can imagine"),
    ("enjoyment", "What number best describes how, during the past week, pain has interfered with your enjoyment of life?", "does not interfere", "completely interferes"),
    ("activity", "What number best describes how, during the past week, pain has interfered with your general activity?", "does not interfere", "completely interferes"),
)  # fmt: skip


class PegForm(BaseModel):
    pain: int = Field(ge=0, le=10)
    enjoyment: int = Field(ge=0, le=10)
    activity: int = Field(ge=0, le=10)


@router.get("/history", response_class=HTMLResponse)
def history_page(
    request: Request,
    store: StoreDep,
    catalogue: CatalogueDep,
    profile: MaybeProfileDep,
    now: NowDep,
) -> Response:
    if profile is None:
        return RedirectResponse("/welcome", status_code=303)
    return render(request, "history.html", history_context(store, catalogue, profile, now))


@router.post("/history/peg", response_class=HTMLResponse)
async def save_peg(
    request: Request,
    store: StoreDep,
    catalogue: CatalogueDep,
    profile: MaybeProfileDep,
    now: NowDep,
) -> Response:
    if profile is None:
        return RedirectResponse("/welcome", status_code=303)
    raw = form_dict(await request.form())
    peg, errors = validate(PegForm, raw)
    if peg is None:
        context = history_context(store, catalogue, profile, now, peg_form=raw, peg_errors=errors)
        return render(request, "history.html", context, status_code=422)
    services.record_peg(store=store, profile_id=profile.id, now=now, **peg.model_dump())
    return RedirectResponse("/history", status_code=303)


def history_context(
    store: Any,
    catalogue: Catalogue,
    profile: ProfileRecord,
    now: Any,
    *,
    peg_form: dict[str, Any] | None = None,
    peg_errors: dict[str, str] | None = None,
) -> dict[str, Any]:
    report = services.history(store=store, profile_id=profile.id, now=now)
    zone = now.tzinfo
    points = _pain_points(report, zone)
    pairs = [(p.before, p.after) for p in points if p.before is not None and p.after is not None]
    advice = safety.PROFESSIONAL_ADVICE if safety.suggest_professional(pairs) else None
    return {
        "page": "history",
        "title": "History",
        "streak": report.streak,
        "total_sessions": len(report.sessions),
        "total_minutes": sum(s.minutes for s in report.sessions),
        "trend": report.trend.sentence().capitalize() + ".",
        "professional_advice": advice,
        "minutes_chart": minutes_per_week_chart([(w.week_start, w.minutes) for w in report.weeks]),
        "pain_chart": pain_chart(points[-30:]),
        "has_pain": bool(points),
        "peg_due": report.peg_due,
        "peg_questions": PEG_QUESTIONS,
        "peg_form": peg_form or {},
        "peg_errors": peg_errors or {},
        "pegs": _peg_rows(report, zone),
        "sessions": _session_rows(report, {e.id: e.name for e in catalogue}, zone),
    }


def _pain_points(report: services.HistoryReport, zone: Any) -> list[PainPoint]:
    """Pain around each session, oldest first (the report lists newest first)."""
    return [
        PainPoint(s.started_at.astimezone(zone).date(), s.pain_before, s.pain_after)
        for s in reversed(report.sessions)
        if s.pain_before is not None or s.pain_after is not None
    ]


def _peg_rows(report: services.HistoryReport, zone: Any) -> list[dict[str, Any]]:
    return [
        {
            "day": p.taken_at.astimezone(zone).strftime("%d %b %Y"),
            "pain": p.pain,
            "enjoyment": p.enjoyment,
            "activity": p.activity,
            "score": p.score,
        }
        for p in reversed(report.pegs)
    ]


def _session_rows(
    report: services.HistoryReport, names: dict[str, str], zone: Any
) -> list[dict[str, Any]]:
    return [
        {
            "day": s.started_at.astimezone(zone).strftime("%a %d %b %Y, %H:%M"),
            "minutes": s.minutes,
            "exercises": [names.get(e, e) for e in s.exercises],
            "pain_before": s.pain_before,
            "pain_after": s.pain_after,
            "status": s.status.value,
            "outcome": s.outcome,
        }
        for s in report.sessions
    ]
