"""Catalogue look-ups the pages and the API share: filtering and cached figures."""

from __future__ import annotations

from collections.abc import Iterable

from fastapi import Request

from backcoach.adapters.svg_figure import render_svg
from backcoach.core.catalogue import Catalogue, Exercise
from backcoach.core.options import Equipment, Position, Target


def matching(
    catalogue: Iterable[Exercise],
    *,
    position: Position | None = None,
    equipment: Equipment | None = None,
    target: Target | None = None,
    text: str | None = None,
) -> list[Exercise]:
    """Exercises passing every filter given; ``text`` matches name, alias or summary."""
    wanted = (text or "").strip().lower()
    return [
        exercise
        for exercise in catalogue
        if (position is None or position in exercise.positions)
        and (equipment is None or equipment in exercise.equipment)
        and (target is None or target in exercise.targets)
        and (not wanted or wanted in _haystack(exercise))
    ]


def _haystack(exercise: Exercise) -> str:
    return " ".join((exercise.id, exercise.name, exercise.summary, *exercise.aliases)).lower()


def figure(request: Request, exercise: Exercise, *, animate: bool | None = None) -> str:
    """The exercise's SVG, drawn once per app: figures never change while it runs."""
    cache: dict[tuple[str, bool | None], str] = request.app.state.figures
    key = (exercise.id, animate)
    if key not in cache:
        cache[key] = render_svg(exercise, animate=animate)
    return cache[key]


def lookup(catalogue: Catalogue, exercise_id: str) -> Exercise:
    return catalogue.get(exercise_id)
