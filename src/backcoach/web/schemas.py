"""Response and request models of the JSON API, so /openapi.json documents every field."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt

from backcoach.core.catalogue import Exercise
from backcoach.core.options import (
    MAX_SEED,
    Avoid,
    Bend,
    Equipment,
    Goal,
    Kind,
    Level,
    Position,
    Target,
)
from backcoach.core.profile import MAX_MINUTES, MIN_MINUTES

# JSON numbers only: true, "3" and 3.0 are not a pain score or a step index. Query
# strings are text by nature, so the Query* forms coerce with the same bounds.
SEED_DESCRIPTION = "Fix the variety; default one per person per day."
Seed = Annotated[StrictInt, Field(ge=0, le=MAX_SEED, description=SEED_DESCRIPTION)]
QuerySeed = Annotated[int, Field(ge=0, le=MAX_SEED, description=SEED_DESCRIPTION)]
Pain = Annotated[StrictInt, Field(ge=0, le=10, description="0 no pain, 10 the worst imaginable")]
Minutes = Annotated[StrictInt, Field(ge=MIN_MINUTES, le=MAX_MINUTES)]
StepIndex = Annotated[
    StrictInt, Field(ge=0, description="Index of the step in the session's timeline")
]
Elapsed = Annotated[
    StrictFloat, Field(ge=0, le=3600, description="Seconds already done of that step")
]
Score = Annotated[StrictInt, Field(ge=0, le=10)]


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


    bends: list[Bend] = Field(description="Which way the spine bends; empty when it stays long.")
class PlanRequest(ApiModel):
    """Today's choices; anything left out comes from the stored profile."""

    minutes: Minutes | None = None
    goal: Goal | None = None
    level: Level | None = None
    equipment: list[Equipment] | None = Field(default=None, description="What the person owns.")
    avoid: list[Avoid] | None = Field(default=None, description="Positions to leave out.")
    pain: Pain = 0
    seed: Seed | None = None


class PlanStep(ApiModel):
    kind: str
    exercise: str
    side: str | None
            bends=list(exercise.bends),
    seconds: float
    cue: str
    set: int
    rep: int | None
    start: float


class PlannedExercise(ApiModel):
    id: str
    name: str
    position: Position
    per_side: bool
    dose: dict[str, int | None]
    seconds: float
    reason: str
    figure_url: str


class PlanResponse(ApiModel):
    total_seconds: float
    notes: list[str]
    exercises: list[PlannedExercise]
    timeline: list[PlanStep]
    start_url: str = Field(description="The session player for this routine.")


class ProfileResponse(ApiModel):
    id: int
    name: str
    minutes: int
    goal: Goal
    level: Level
    equipment: list[Equipment]
    avoid: list[Avoid]
    disclaimer_seen: bool


class ProfileUpdate(ApiModel):
    minutes: Minutes | None = None
    goal: Goal | None = None
    level: Level | None = None
    equipment: list[Equipment] | None = None
    avoid: list[Avoid] | None = None


class ScreenQuestion(ApiModel):
    id: str
    question: str
    urgency: str = Field(description="emergency (now), today, or see_doctor (within a day or two).")
    advice: str = Field(description="What to do when the answer is yes.")
    clearable: bool = Field(
        description='May be answered "cleared": yes, and a professional has checked it and '
        "said exercise is fine (not for signs that are new or getting worse)."
    )


class ScreenStateResponse(ApiModel):
    due: bool = Field(description="The screen must be answered before a session.")
    last_result: str | None
    last_taken_at: datetime | None
    advice: str | None
    questions: list[ScreenQuestion]


class ScreenAnswers(ApiModel):
    answers: dict[str, bool | Literal["yes", "no", "cleared"]] = Field(
        description='Every question id -> yes (true or "yes"), no (false or "no"), or '
        '"cleared" where the question is clearable.'
    )


class FlaggedItem(ApiModel):
    id: str
    question: str
    urgency: str
    advice: str


class ScreenResponse(ApiModel):
    status: str
    allows_session: bool
    flagged: list[str]
    advice: str


class HistorySession(ApiModel):
    id: int
    started_at: datetime
    minutes: float
    planned_minutes: float
    exercises: list[str]
    pain_before: int | None
    pain_after: int | None
    status: str = Field(description="clear, emergency, see_doctor_today or see_doctor.")
    hurts: int


class HistoryResponse(ApiModel):
    sessions: list[HistorySession]
    streak: int
    longest_streak: int
    trend: dict[str, Any]
    weeks: list[dict[str, Any]]
    peg_due: bool
    pegs: list[dict[str, Any]]


class PegRequest(ApiModel):
    pain: Score
    enjoyment: Score
    activity: Score
    cleared: list[str] = Field(description="Answered cleared by a professional: not blocking.")
    flags: list[FlaggedItem] = Field(
        description="Each flagged item's own advice, most urgent first."
    )
