"""What the store remembers, as plain validated values.

These are the records services hand to the CLI and the web, and the rows of an
export file. The storage adapter maps its tables onto them; no domain rule
lives in the database layer.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

from backcoach.core.options import Avoid, Equipment, Goal, Level
from backcoach.core.profile import MAX_MINUTES, MIN_MINUTES, Pain
from backcoach.core.week import DEFAULT_DAYS_PER_WEEK, MAX_DAYS_PER_WEEK, MIN_DAYS_PER_WEEK

# NUL: PostgreSQL cannot store it in text or JSON. Lone surrogates (U+D800 to
# U+DFFF, which a JSON "\ud800" escape produces) cannot be encoded as UTF-8, so
# neither SQLite, PostgreSQL nor an export file can hold them.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def refuse_unstorable_text(value: object) -> object:
    """No record may hold text that a store or an export file cannot write.

    Checked here rather than in the store so that every store refuses it the same
    way, with the field named, before anything is written.
    """
    found = _first_unstorable(value)
    if found == "\x00":
        raise ValueError("text must not contain the NUL character (\\x00)")
    if found is not None:
        raise ValueError(
            f"text must not contain a lone surrogate (\\u{ord(found):04x}); expected valid Unicode"
        )
    return value


def _first_unstorable(value: object) -> str | None:
    if isinstance(value, str):
        match = _UNSTORABLE.search(value)
        return match.group() if match else None
    if isinstance(value, dict):
        items: list[object] = [*value.keys(), *value.values()]
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        return None
    for item in items:
        found = _first_unstorable(item)
        if found is not None:
            return found
    return None


ProfileName = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=60),
    AfterValidator(refuse_unstorable_text),
]
ExerciseId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
# The device's own name for an event (a UUID in practice), so a retry is stored once.
EventId = Annotated[
    str,
    StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$"),
]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    _only_storable_text = field_validator("*", mode="after")(refuse_unstorable_text)


class ProfileSettings(Record):
    """What a person tells us once and changes rarely."""

    minutes: int = Field(default=15, ge=MIN_MINUTES, le=MAX_MINUTES)
    goal: Goal = Goal.RELIEF
    level: Level = Level.BEGINNER
    equipment: tuple[Equipment, ...] = (Equipment.NONE,)
    avoid: tuple[Avoid, ...] = ()
    # How many days a week the person means to practise (the week view plans them).
    days_per_week: int = Field(
        default=DEFAULT_DAYS_PER_WEEK, ge=MIN_DAYS_PER_WEEK, le=MAX_DAYS_PER_WEEK
    )


class ProfileRecord(Record):
    id: int
    name: ProfileName
    created_at: AwareDatetime
    settings: ProfileSettings
    disclaimer_seen_at: AwareDatetime | None = None


class ClearedAnswer(Record):
    """The answer "yes, and a professional has checked it and said exercise is fine", and when.

    Kept inside a screen's answers (true/false before this answer existed), so stores
    and export files written before it still read.
    """

    cleared_on: date


class ScreenRecord(Record):
    """One answered red-flag screen: question id -> yes/no (or cleared), and its verdict."""

    answers: dict[str, bool | ClearedAnswer]
    result: str
    taken_at: AwareDatetime


class SessionStatus(StrEnum):
    ACTIVE = "active"  # started and not finished: can be resumed
    FINISHED = "finished"
    STOPPED = "stopped"  # ended early: sharp pain or the person quit
    ABANDONED = "abandoned"  # the person declined to resume it


class StepRecord(Record):
    """A timeline step the person completed (stored the moment it completes)."""

    index: int = Field(ge=0)
    exercise_id: ExerciseId | None = None
    kind: str
    side: str | None = None
    seconds: float = Field(ge=0)
    completed_at: AwareDatetime


class EventKind(StrEnum):
    HURT = "hurt"
    SKIP = "skip"
    PAUSE = "pause"
    RESUME = "resume"
    BACK = "back"
    QUIT = "quit"


class HurtSeverity(StrEnum):
    SHARP = "sharp"  # sharp or shooting: stop the session
    MILD = "mild"  # a mild stretch discomfort: skip this exercise


class EventRecord(Record):
    kind: EventKind
    at: AwareDatetime
    exercise_id: ExerciseId | None = None
    step_index: int | None = Field(default=None, ge=0)
    severity: HurtSeverity | None = None
    event_id: EventId | None = None  # None in exports from before events had ids


class SessionRecord(Record):
    id: int
    routine: dict[str, Any]
    planned_seconds: int = Field(ge=0)
    started_at: AwareDatetime
    finished_at: AwareDatetime | None = None
    pain_before: Pain | None = None
    pain_after: Pain | None = None
    status: SessionStatus = SessionStatus.ACTIVE
    steps: tuple[StepRecord, ...] = ()
    events: tuple[EventRecord, ...] = ()

    @property
    def done_seconds(self) -> float:
        return sum(step.seconds for step in self.steps)

    @property
    def minutes(self) -> float:
        return round(self.done_seconds / 60, 1)

    @property
    def exercise_ids(self) -> list[str]:
        """Exercises with at least one completed step, in the order done."""
        seen: dict[str, None] = {}
        for step in self.steps:
            if step.exercise_id:
                seen.setdefault(step.exercise_id, None)
        return list(seen)

    @property
    def next_step_index(self) -> int:
        """One past the last completed step (``core.session.resume_point`` also counts skips)."""
        return max((step.index for step in self.steps), default=-1) + 1


class PreferenceKind(StrEnum):
    LIKE = "like"
    DISLIKE = "dislike"
    PAUSE = "pause"  # left out of plans until ``until``, after it hurt


class PreferenceRecord(Record):
    exercise_id: ExerciseId
    kind: PreferenceKind
    created_at: AwareDatetime
    until: AwareDatetime | None = None
    reason: str | None = None

    def active(self, now: datetime) -> bool:
        return self.until is None or now < self.until


class PegRecord(Record):
    """The PEG scale: pain on average, interference with Enjoyment and General activity."""

    pain: Pain
    enjoyment: Pain
    activity: Pain
    taken_at: AwareDatetime

    @property
    def score(self) -> float:
        return round((self.pain + self.enjoyment + self.activity) / 3, 1)


class FlareRecord(Record):
    """The person said their back is flaring up: progression holds for a while after it."""

    at: AwareDatetime


class ProfileBundle(Record):
    """Everything stored about one person: the unit of export and import."""

    name: ProfileName
    created_at: AwareDatetime
    settings: ProfileSettings
    disclaimer_seen_at: AwareDatetime | None = None
    screens: tuple[ScreenRecord, ...] = ()
    sessions: tuple[SessionRecord, ...] = ()
    preferences: tuple[PreferenceRecord, ...] = ()
    pegs: tuple[PegRecord, ...] = ()
    flares: tuple[FlareRecord, ...] = ()  # absent from exports before flare-ups were kept
