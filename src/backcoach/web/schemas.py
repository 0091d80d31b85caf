"""Response and request models of the JSON API, so /openapi.json documents every field."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from backcoach.core.catalogue import Exercise
from backcoach.core.options import Equipment, Kind, Level, Position, Target


class ApiModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExerciseSummary(ApiModel):
    id: str
    name: str
    summary: str
    kind: Kind
    position: Position
    positions: list[Position] = Field(description="Start position and any passed through.")
    equipment: list[Equipment]
    targets: list[Target]
    level: Level
    per_side: bool
    url: str = Field(description="The exercise's page.")
    figure_url: str = Field(description="Its figure as SVG.")

    @classmethod
    def of(cls, exercise: Exercise) -> ExerciseSummary:
        return cls(
            id=exercise.id,
            name=exercise.name,
            summary=exercise.summary,
            kind=exercise.kind,
            position=exercise.position,
            positions=sorted(exercise.positions, key=list(Position).index),
            equipment=list(exercise.equipment),
            targets=list(exercise.targets),
            level=exercise.level,
            per_side=exercise.dosage.per_side,
            url=f"/exercises/{exercise.id}",
            figure_url=f"/api/exercises/{exercise.id}/figure.svg",
        )


class ExerciseDetail(ExerciseSummary):
    aliases: list[str]
    dosage: dict[str, Any]
    steps: list[str]
    breathing: list[str]
    mistakes: list[str]
    cautions: list[str]
    stop_if: list[str]
    sources: list[dict[str, str]]

    @classmethod
    def of(cls, exercise: Exercise) -> ExerciseDetail:
        summary = ExerciseSummary.of(exercise).model_dump()
        return cls(
            **summary,
            aliases=list(exercise.aliases),
            dosage=exercise.dosage.model_dump(mode="json", exclude_none=True),
            steps=list(exercise.steps),
            breathing=list(exercise.breathing),
            mistakes=list(exercise.mistakes),
            cautions=list(exercise.cautions),
            stop_if=list(exercise.stop_if),
            sources=[source.model_dump() for source in exercise.sources],
        )
