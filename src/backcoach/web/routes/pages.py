"""HTML pages: today, library, history, settings. First run lives in ``routes/first_run.py``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from backcoach.cli.render import dosage_text
from backcoach.core.options import Equipment, Position, Target
from backcoach.web import library
from backcoach.web.deps import CatalogueDep
from backcoach.web.rendering import render

router = APIRouter(include_in_schema=False)

LIBRARY_FILTERS = (
    ("position", "Position", [p.value for p in Position]),
    ("equipment", "Equipment", [e.value for e in Equipment]),
    ("target", "Target", [t.value for t in Target]),
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
    }
    return render(request, "library.html", context)


@router.get("/exercises/{exercise_id}", response_class=HTMLResponse)
def exercise_page(exercise_id: str, request: Request, catalogue: CatalogueDep) -> HTMLResponse:
    exercise = catalogue.get(exercise_id)
    context = {
        "page": "library",
        "title": exercise.name,
        "exercise": exercise,
        "figure": library.figure(request, exercise),
        "dose": dosage_text(exercise.dosage),
    }
    return render(request, "exercise.html", context)
