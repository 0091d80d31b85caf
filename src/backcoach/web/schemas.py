"""Response and request models of the JSON API, so /openapi.json documents every field."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictFloat

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
from backcoach.core.safety import RED_FLAGS
from backcoach.core.week import MAX_DAYS_PER_WEEK, MIN_DAYS_PER_WEEK


def _json_integer(value: object) -> object:
    """Refuse true/false and text where the API takes an integer. A JSON number such as
    3.0 is an integer to JSON Schema (and to the OpenAPI document), so it stays one."""
    if isinstance(value, bool | str | bytes):
        raise ValueError("expected a JSON number, not a string or true/false")
    return value


# JSON numbers only: true and "3" are not a pain score or a step index. Query strings are
# text by nature, so QuerySeed coerces them, with the same bounds. (The bounds come before
# the validator, or the OpenAPI document loses them.)
REFUSE_TEXT_AND_BOOL = BeforeValidator(_json_integer)
SEED_BOUNDS = Field(
    ge=0, le=MAX_SEED, description="Fix the variety; default one per person per day."
)
Seed = Annotated[int, SEED_BOUNDS, REFUSE_TEXT_AND_BOOL]
QuerySeed = Annotated[int, SEED_BOUNDS]
Pain = Annotated[
    int,
    Field(ge=0, le=10, description="0 no pain, 10 the worst imaginable"),
    REFUSE_TEXT_AND_BOOL,
]
Minutes = Annotated[int, Field(ge=MIN_MINUTES, le=MAX_MINUTES), REFUSE_TEXT_AND_BOOL]
DaysPerWeek = Annotated[
    int,
    Field(
        ge=MIN_DAYS_PER_WEEK,
        le=MAX_DAYS_PER_WEEK,
        description="Days a week the person means to practise; the week plans them with "
        "rest days between (at most two in a row in the first weeks).",
    ),
    REFUSE_TEXT_AND_BOOL,
]
StepIndex = Annotated[
    int,
    Field(ge=0, description="Index of the step in the session's timeline"),
    REFUSE_TEXT_AND_BOOL,
]
Elapsed = Annotated[
    StrictFloat, Field(ge=0, le=3600, description="Seconds already done of that step")
]
Score = Annotated[int, Field(ge=0, le=10), REFUSE_TEXT_AND_BOOL]


class ApiModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Problem(BaseModel):
    """Every error answer: one sentence saying what to change, sometimes with more fields
    (``relax`` when no routine fits, ``screen_url`` when the safety check is due)."""

    model_config = ConfigDict(extra="allow")

    message: str


PROBLEM_DESCRIPTIONS = {
    400: "The Host header names a host this server does not answer to",
    403: "The request came from a page on another site",
    404: "No such exercise or session (or not this person's)",
    409: "The safety check is due first, or the session is already closed",
    413: "The request body is larger than 1 MiB",
    503: "The database cannot be used right now",
}


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for these error statuses, so the document lists every answer."""
    return {code: {"model": Problem, "description": PROBLEM_DESCRIPTIONS[code]} for code in codes}


# Every route can meet a bad Host or a broken database; every write, other sites and size.
EVERY_ROUTE = problems(400, 503)
WRITES = problems(403, 413)


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
    bends: list[Bend] = Field(description="Which way the spine bends; empty when it stays long.")
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
            bends=list(exercise.bends),
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
            sources=[
                {"title": s.shown, "file": s.file, "dosage": s.dosage} for s in exercise.sources
            ],
        )


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
    days_per_week: int
    equipment: list[Equipment]
    avoid: list[Avoid]
    disclaimer_seen: bool


class ProfileUpdate(ApiModel):
    minutes: Minutes | None = None
    goal: Goal | None = None
    level: Level | None = None
    days_per_week: DaysPerWeek | None = None
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


def _screen_answers_schema() -> dict[str, Any]:
    """Exactly the questions, every one answered, "cleared" only where it may be: what the
    service checks, said in the document so that clients (and schemathesis) know it."""
    properties = {
        flag.id: {
            "anyOf": [
                {"type": "boolean"},
                {"enum": ["yes", "no", "cleared"] if flag.clearable else ["yes", "no"]},
            ]
        }
        for flag in RED_FLAGS
    }
    return {"properties": properties, "required": list(properties), "additionalProperties": False}


class ScreenAnswers(ApiModel):
    answers: dict[str, bool | Literal["yes", "no", "cleared"]] = Field(
        description='Every question id -> yes (true or "yes"), no (false or "no"), or '
        '"cleared" where the question is clearable.',
        json_schema_extra=_screen_answers_schema(),
    )


class FlaggedItem(ApiModel):
    id: str
    question: str
    urgency: str
    advice: str


class ScreenResponse(ApiModel):
    status: str = Field(description="clear, emergency, see_doctor_today or see_doctor.")
    allows_session: bool
    flagged: list[str]
    advice: str
    cleared: list[str] = Field(description="Answered cleared by a professional: not blocking.")
    flags: list[FlaggedItem] = Field(
        description="Each flagged item's own advice, most urgent first."
    )


class HistorySession(ApiModel):
    id: int
    started_at: datetime
    minutes: float
    planned_minutes: float
    exercises: list[str]
    pain_before: int | None
    pain_after: int | None
    status: str
    hurts: int
    stopped_for_pain: bool = Field(description='Ended by a sharp "it hurts".')
    outcome: str = Field(description='How it ended, in words: "finished", "stopped: it hurt"...')


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


Liking = Literal["like", "dislike"]


class PreferenceRequest(ApiModel):
    preference: Liking = Field(
        description="like: planned more often; dislike: left out of your routines."
    )


class PreferenceResponse(ApiModel):
    exercise: str
    preference: Liking | None = Field(description="None: neither liked nor disliked.")
