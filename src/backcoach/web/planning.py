"""Today's routine for a page or the API: the services' plan plus what a page shows of it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from fastapi import Request

from backcoach import services
from backcoach.adapters.storage.store import Store
from backcoach.core.catalogue import Catalogue
from backcoach.core.planner import PlanImpossible
from backcoach.core.timeline import Routine, Timeline, build_timeline, routine_json
from backcoach.web import library

START_PATH = "/session/new"


@dataclass(frozen=True)
class PlannedDay:
    routine: Routine
    timeline: Timeline
    query: dict[str, Any]  # the choices that made it, to pass on to the player and handout

    @property
    def total_seconds(self) -> float:
        return self.timeline.total_seconds

    def item_seconds(self) -> list[float]:
        seconds = [0.0] * len(self.routine.items)
        for step in self.timeline.steps:
            seconds[step.item_index] += step.seconds
        return seconds

    def as_json(self) -> dict[str, Any]:
        return routine_json(self.routine, self.timeline)

    def url(self, path: str) -> str:
        return f"{path}?{urlencode(self.query, doseq=True)}" if self.query else path


def plan_day(
    *,
    store: Store,
    catalogue: Catalogue,
    profile_id: int,
    now: datetime,
    pain: int = 0,
    overrides: dict[str, Any] | None = None,
    lead_in_seconds: float | None = None,
    seed: int | None = None,
) -> PlannedDay:
    """Plan with the services; raises PlanImpossible or ServiceError as they do."""
    changes = {k: v for k, v in (overrides or {}).items() if v is not None}
    routine = services.plan_today(
        store=store,
        catalogue=catalogue,
        profile_id=profile_id,
        now=now,
        pain=pain,
        overrides=changes,
        lead_in_seconds=lead_in_seconds,
        seed=seed,
    )
    query: dict[str, Any] = {k: _plain(v) for k, v in changes.items()}
    if pain:
        query["pain"] = pain
    if seed is not None:
        query["seed"] = seed
    return PlannedDay(routine, build_timeline(routine), query)


def _plain(value: Any) -> Any:
    if isinstance(value, list | tuple | set | frozenset):
        return [getattr(v, "value", v) for v in value]
    return getattr(value, "value", value)


def figures_for(
    request: Request, routine: Routine, *, animate: bool | None = False
) -> dict[str, str]:
    return {
        item.exercise.id: library.figure(request, item.exercise, animate=animate)
        for item in routine.items
    }


def impossible(error: PlanImpossible) -> dict[str, Any]:
    return {"problem": error.problem, "relax": list(error.relax)}
