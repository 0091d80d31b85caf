"""The JSON API under /api: exercises, plan, profile, red-flag screen, history.

Session and step endpoints live in ``routes/session.py``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from backcoach import services
from backcoach.core import safety
from backcoach.core.options import Equipment, Position, Target
from backcoach.core.records import PreferenceKind, ProfileRecord
from backcoach.web import library, planning
from backcoach.web.deps import CatalogueDep, NowDep, PrefsDep, ProfileDep, StoreDep
from backcoach.web.schemas import (
    WRITES,
    ExerciseDetail,
    ExerciseSummary,
    FlaggedItem,
    HistoryResponse,
    HistorySession,
    PegRequest,
    PlanRequest,
    PlanResponse,
    PreferenceRequest,
    PreferenceResponse,
    ProfileResponse,
    ProfileUpdate,
    ScreenAnswers,
    ScreenQuestion,
    ScreenResponse,
    ScreenStateResponse,
    problems,
)

router = APIRouter(prefix="/api", tags=["api"])

SVG_CACHE = "public, max-age=3600"


@router.get("/exercises", response_model=list[ExerciseSummary], summary="List exercises")
def list_exercises(
    catalogue: CatalogueDep,
    position: Annotated[Position | None, Query(description="Start or passing position.")] = None,
    equipment: Annotated[Equipment | None, Query(description="Uses this equipment.")] = None,
    target: Annotated[Target | None, Query(description="Works this body area.")] = None,
    q: Annotated[str | None, Query(max_length=80, description="Text in name or summary.")] = None,
) -> list[ExerciseSummary]:
    chosen = library.matching(
        catalogue, position=position, equipment=equipment, target=target, text=q
    )
    return [ExerciseSummary.of(exercise) for exercise in chosen]


@router.get(
    "/exercises/{exercise_id}",
    response_model=ExerciseDetail,
    summary="One exercise",
    responses=problems(404),
)
def get_exercise(exercise_id: str, catalogue: CatalogueDep) -> ExerciseDetail:
    return ExerciseDetail.of(catalogue.get(exercise_id))


@router.get(
    "/exercises/{exercise_id}/figure.svg",
    summary="An exercise's figure",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {}}}, **problems(404)},
)
def exercise_figure(
    exercise_id: str,
    request: Request,
    catalogue: CatalogueDep,
    still: Annotated[bool, Query(description="One still frame even for flows.")] = False,
) -> Response:
    svg = library.figure(request, catalogue.get(exercise_id), animate=False if still else None)
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": SVG_CACHE})


# --- likes and dislikes --------------------------------------------------------------


def _preference(store: Any, profile: ProfileRecord, exercise_id: str) -> PreferenceResponse:
    kind = services.preference_of(store=store, profile_id=profile.id, exercise_id=exercise_id)
    return PreferenceResponse(exercise=exercise_id, preference=kind.value if kind else None)


@router.get(
    "/exercises/{exercise_id}/preference",
    response_model=PreferenceResponse,
    summary="Whether the person likes or dislikes an exercise",
    responses=problems(404),
)
def get_preference(
    exercise_id: str, store: StoreDep, catalogue: CatalogueDep, profile: ProfileDep
) -> PreferenceResponse:
    return _preference(store, profile, catalogue.get(exercise_id).id)


@router.put(
    "/exercises/{exercise_id}/preference",
    response_model=PreferenceResponse,
    summary="Like or dislike an exercise",
    responses={**WRITES, **problems(404)},
)
def put_preference(
    exercise_id: str,
    body: PreferenceRequest,
    store: StoreDep,
    catalogue: CatalogueDep,
    profile: ProfileDep,
    now: NowDep,
) -> PreferenceResponse:
    exercise = catalogue.get(exercise_id)
    kind = PreferenceKind(body.preference)
    services.set_preference(
        store=store, profile_id=profile.id, exercise_id=exercise.id, kind=kind, now=now
    )
    return _preference(store, profile, exercise.id)


@router.delete(
    "/exercises/{exercise_id}/preference",
    response_model=PreferenceResponse,
    summary="Forget a like or dislike",
    responses={**WRITES, **problems(404)},
)
def delete_preference(
    exercise_id: str, store: StoreDep, catalogue: CatalogueDep, profile: ProfileDep, now: NowDep
) -> PreferenceResponse:
    exercise = catalogue.get(exercise_id)
    services.set_preference(
        store=store, profile_id=profile.id, exercise_id=exercise.id, kind=None, now=now
    )
    return _preference(store, profile, exercise.id)


# --- profile --------------------------------------------------------------------------


def _profile_json(profile: ProfileRecord) -> ProfileResponse:
    settings = profile.settings
    return ProfileResponse(
        id=profile.id,
        name=profile.name,
        minutes=settings.minutes,
        goal=settings.goal,
        level=settings.level,
        days_per_week=settings.days_per_week,
        equipment=list(settings.equipment),
        avoid=list(settings.avoid),
        disclaimer_seen=profile.disclaimer_seen_at is not None,
    )


@router.get("/profile", response_model=ProfileResponse, summary="The person's profile")
def get_profile(profile: ProfileDep) -> ProfileResponse:
    return _profile_json(profile)


@router.put(
    "/profile", response_model=ProfileResponse, summary="Change the profile", responses=WRITES
)
def put_profile(body: ProfileUpdate, store: StoreDep, profile: ProfileDep) -> ProfileResponse:
    changes = body.model_dump(exclude_none=True)
    return _profile_json(
        services.update_profile(store=store, profile_id=profile.id, changes=changes)
    )


# --- red-flag screen ------------------------------------------------------------------


@router.get(
    "/screen",
    response_model=ScreenStateResponse,
    summary="Whether the safety screen is due, and its questions",
)
def get_screen(store: StoreDep, profile: ProfileDep, now: NowDep) -> ScreenStateResponse:
    state = services.screening_state(store=store, profile_id=profile.id, now=now)
    return ScreenStateResponse(
        due=state.due,
        last_result=state.last.result if state.last else None,
        last_taken_at=state.last.taken_at if state.last else None,
        advice=state.advice,
        questions=[
            ScreenQuestion(
                id=flag.id,
                question=flag.question,
                urgency=flag.urgency.value,
                advice=flag.advice,
                clearable=flag.clearable,
            )
            for flag in safety.RED_FLAGS
        ],
    )


@router.post(
    "/screen",
    response_model=ScreenResponse,
    summary="Answer the red-flag screen",
    responses=WRITES,
)
def post_screen(
    body: ScreenAnswers, store: StoreDep, profile: ProfileDep, now: NowDep
) -> ScreenResponse:
    services.acknowledge_disclaimer(store=store, profile_id=profile.id, now=now)
    result = services.record_screen(
        store=store, profile_id=profile.id, answers=body.answers, now=now
    )
    return ScreenResponse(
        status=result.status.value,
        allows_session=result.allows_session,
        flagged=list(result.flagged),
        advice=result.advice,
        cleared=list(result.cleared),
        flags=[
            FlaggedItem(id=f.id, question=f.question, urgency=f.urgency.value, advice=f.advice)
            for f in result.flags
        ],
    )


# --- plan -----------------------------------------------------------------------------


@router.post(
    "/plan",
    response_model=PlanResponse,
    summary="Plan today's routine without starting it",
    responses={**WRITES, **problems(409)},
)
def post_plan(
    body: PlanRequest,
    store: StoreDep,
    catalogue: CatalogueDep,
    profile: ProfileDep,
    now: NowDep,
    prefs: PrefsDep,
) -> PlanResponse:
    state = services.screening_state(
        store=store, profile_id=profile.id, now=now, pain=body.pain or None
    )
    if state.due:
        raise services.ScreeningRequired(state.advice or "answer the red-flag screen first")
    overrides = body.model_dump(exclude={"pain", "seed"}, exclude_none=True)
    day = planning.plan_day(
        store=store, catalogue=catalogue, profile_id=profile.id, now=now, pain=body.pain,
        overrides=overrides, lead_in_seconds=prefs.lead_in_seconds, seed=body.seed,
    )  # fmt: skip
    document = day.as_json()
    for exercise in document["exercises"]:
        exercise["figure_url"] = f"/api/exercises/{exercise['id']}/figure.svg"
    return PlanResponse(**document, start_url=day.url(planning.START_PATH))


# --- history --------------------------------------------------------------------------


@router.get(
    "/history",
    response_model=HistoryResponse,
    summary="Sessions, streak, pain trend, minutes per week",
)
def get_history(
    store: StoreDep,
    profile: ProfileDep,
    now: NowDep,
    limit: Annotated[int | None, Query(ge=1, le=1000)] = None,
) -> HistoryResponse:
    report = services.history(store=store, profile_id=profile.id, now=now, limit=limit)
    return HistoryResponse(
        sessions=[HistorySession(**s.model_dump(mode="json")) for s in report.sessions],
        streak=report.streak,
        longest_streak=report.longest_streak,
        trend=report.trend.model_dump(mode="json"),
        weeks=[w.model_dump(mode="json") for w in report.weeks],
        peg_due=report.peg_due,
        pegs=[{**p.model_dump(mode="json"), "score": p.score} for p in report.pegs],
    )


@router.post(
    "/history/peg",
    status_code=201,
    summary="Record a PEG check-in (three 0-10 answers)",
    responses=WRITES,
)
def post_peg(body: PegRequest, store: StoreDep, profile: ProfileDep, now: NowDep) -> dict[str, Any]:
    peg = services.record_peg(store=store, profile_id=profile.id, now=now, **body.model_dump())
    return {**peg.model_dump(mode="json"), "score": peg.score}
