"""The JSON API under /api: exercises, plan, profile, red-flag screen, history.

Session and step endpoints live in ``routes/session.py``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from backcoach.core.options import Equipment, Position, Target
from backcoach.web import library
from backcoach.web.deps import CatalogueDep
from backcoach.web.schemas import ExerciseDetail, ExerciseSummary

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


@router.get("/exercises/{exercise_id}", response_model=ExerciseDetail, summary="One exercise")
def get_exercise(exercise_id: str, catalogue: CatalogueDep) -> ExerciseDetail:
    return ExerciseDetail.of(catalogue.get(exercise_id))


@router.get(
    "/exercises/{exercise_id}/figure.svg",
    summary="An exercise's figure",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {}}}},
)
def exercise_figure(
    exercise_id: str,
    request: Request,
    catalogue: CatalogueDep,
    still: Annotated[bool, Query(description="One still frame even for flows.")] = False,
) -> Response:
    svg = library.figure(request, catalogue.get(exercise_id), animate=False if still else None)
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": SVG_CACHE})
