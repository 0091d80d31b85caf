"""A routine and the timeline of steps it becomes.

The planner sizes a routine with :func:`routine_seconds` and the session engine
runs :func:`build_timeline`; both go through :func:`exercise_steps`, so the time
a plan promises is exactly the time the session takes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from backcoach.core.catalogue import Catalogue, Exercise
from backcoach.core.options import DosageMode, Position
from backcoach.core.reading import speaking_seconds

LEAD_IN_SECONDS = 5.0
SWITCH_SIDES_SECONDS = 5.0
REST_BETWEEN_SETS_SECONDS = 10.0
RELAX_BETWEEN_HOLDS_SECONDS = 3.0
# Getting down to the floor or up from it takes longer than shifting on the floor.
TRANSITION_SAME_GROUP_SECONDS = 10.0
TRANSITION_OTHER_GROUP_SECONDS = 15.0

FLOOR_POSITIONS = frozenset(
    {Position.SUPINE, Position.PRONE, Position.QUADRUPED, Position.KNEELING, Position.SEATED}
)


def position_group(position: Position) -> str:
    """Floor, standing or an apparatus: the units that position changes are counted in."""
    if position in FLOOR_POSITIONS:
        return "floor"
    if position is Position.STANDING:
        return "standing"
    return position.value


class StepKind(StrEnum):
    GET_READY = "get_ready"
    HOLD = "hold"
    REP = "rep"
    BREATH_IN = "breath_in"
    BREATH_OUT = "breath_out"
    SWITCH_SIDES = "switch_sides"
    REST = "rest"
    TRANSITION = "transition"


# What a person sees (and hears) a step called, the same in the terminal and the browser.
STEP_LABELS = {
    StepKind.GET_READY: "Get ready",
    StepKind.HOLD: "Hold",
    StepKind.REP: "Repetitions",
    StepKind.BREATH_IN: "Breathe in",
    StepKind.BREATH_OUT: "Breathe out",
    StepKind.SWITCH_SIDES: "Switch sides",
    StepKind.REST: "Rest",
    StepKind.TRANSITION: "Change position",
}


WORK_KINDS = frozenset({StepKind.HOLD, StepKind.REP, StepKind.BREATH_IN, StepKind.BREATH_OUT})


class Side(StrEnum):
    RIGHT = "right"
    LEFT = "left"


class Dose(BaseModel):
    """How much of one exercise: always inside the catalogue's ranges."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    sets: int = Field(ge=1)
    hold_seconds: int | None = Field(default=None, ge=1)
    reps: int | None = Field(default=None, ge=1)


class RoutineItem(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    exercise: Exercise
    dose: Dose
    reason: str


class Routine(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    items: tuple[RoutineItem, ...]
    notes: tuple[str, ...] = ()
    lead_in_seconds: float = LEAD_IN_SECONDS

    @property
    def exercise_ids(self) -> list[str]:
        return [item.exercise.id for item in self.items]

    @property
    def pairs(self) -> list[tuple[Exercise, Dose]]:
        return [(item.exercise, item.dose) for item in self.items]

    def stored(self) -> dict[str, Any]:
        """A compact form for the store: ids and doses, not whole exercises."""
        return {
            "items": [
                {"id": i.exercise.id, "dose": i.dose.model_dump(), "reason": i.reason}
                for i in self.items
            ],
            "notes": list(self.notes),
            "lead_in_seconds": self.lead_in_seconds,
        }

    @classmethod
    def from_stored(cls, data: dict[str, Any], catalogue: Catalogue) -> Routine:
        items = tuple(
            RoutineItem(
                exercise=catalogue.get(entry["id"]),
                dose=Dose.model_validate(entry["dose"]),
                reason=entry["reason"],
            )
            for entry in data["items"]
        )
        return cls(
            items=items,
            notes=tuple(data.get("notes", ())),
            lead_in_seconds=data.get("lead_in_seconds", LEAD_IN_SECONDS),
        )


@dataclass(frozen=True, slots=True)
class Step:
    kind: StepKind
    exercise_id: str
    item_index: int
    seconds: float
    cue: str
    side: Side | None = None
    set_number: int = 1
    rep_number: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "exercise": self.exercise_id,
            "side": self.side.value if self.side else None,
            "seconds": self.seconds,
            "cue": self.cue,
            "set": self.set_number,
            "rep": self.rep_number,
        }


def _side_text(side: Side | None) -> str:
    return f", {side.value} side" if side else ""


def rep_cue(exercise: Exercise, rep: int, side: Side | None, *, held: bool) -> str:
    """The count, then when to hold and when to let go: "3: lift your hips, hold, and lower"."""
    words = exercise.dosage.rep_cue or ("hold, and release" if held else "and release")
    count = f"Begin{_side_text(side)}. {rep}:" if rep == 1 else f"{rep}:"
    return f"{count} {words}"


def _work_steps(
    exercise: Exercise, dose: Dose, item: int, side: Side | None, set_no: int
) -> Iterator[Step]:
    dosage = exercise.dosage
    step = partial(Step, exercise_id=exercise.id, item_index=item, side=side, set_number=set_no)
    if dosage.mode is DosageMode.FLOW and dosage.breath:
        breath = dosage.breath
        for cycle in range(1, (dose.reps or 1) + 1):
            yield step(
                kind=StepKind.BREATH_IN,
                seconds=breath.inhale_seconds,
                cue=breath.inhale_cue,
                rep_number=cycle,
            )
            yield step(
                kind=StepKind.BREATH_OUT,
                seconds=breath.exhale_seconds,
                cue=breath.exhale_cue,
                rep_number=cycle,
            )
    elif dosage.mode is DosageMode.REPS:
        # The cadence covers the movement; a hold in each rep comes on top of it.
        seconds = (dosage.rep_seconds or 1.0) + (dose.hold_seconds or 0)
        for rep in range(1, (dose.reps or 1) + 1):
            cue = rep_cue(exercise, rep, side, held=bool(dose.hold_seconds))
            yield step(kind=StepKind.REP, seconds=seconds, cue=cue, rep_number=rep)
    else:
        cue = f"Hold for {dose.hold_seconds} seconds{_side_text(side)}"
        for hold in range(1, (dose.reps or 1) + 1):
            if hold > 1:
                yield step(
                    kind=StepKind.REST,
                    seconds=RELAX_BETWEEN_HOLDS_SECONDS,
                    cue="Relax",
                    rep_number=hold,
                )
            yield step(
                kind=StepKind.HOLD, seconds=float(dose.hold_seconds or 1), cue=cue, rep_number=hold
            )


def transition_seconds(previous: Position | None, position: Position) -> float:
    if previous is None or previous is position:
        return 0.0
    if position_group(previous) == position_group(position):
        return TRANSITION_SAME_GROUP_SECONDS
    return TRANSITION_OTHER_GROUP_SECONDS


def exercise_steps(
    exercise: Exercise,
    dose: Dose,
    *,
    item_index: int = 0,
    previous: Position | None = None,
    lead_in_seconds: float = LEAD_IN_SECONDS,
) -> list[Step]:
    """Every step of one exercise, from moving into position to its last hold."""
    steps: list[Step] = []
    moving = transition_seconds(previous, exercise.position)
    if moving:
        cue = f"Next: {exercise.name}. {exercise.position.instruction}."
        steps.append(Step(StepKind.TRANSITION, exercise.id, item_index, moving, cue))
    # Said within the lead-in (the players show the steps in full), so the position is
    # left out when there is no time to say it.
    ready = f"Get ready: {exercise.name}, {exercise.position.label}."
    if speaking_seconds(ready) > lead_in_seconds:
        ready = f"Get ready: {exercise.name}."
    steps.append(Step(StepKind.GET_READY, exercise.id, item_index, lead_in_seconds, ready))
    sides: tuple[Side | None, ...] = (
        (Side.RIGHT, Side.LEFT) if exercise.dosage.per_side else (None,)
    )
    step = partial(Step, exercise_id=exercise.id, item_index=item_index)
    for set_no in range(1, dose.sets + 1):
        if set_no > 1:
            rest = f"Rest. Round {set_no} of {dose.sets} next"
            steps.append(
                step(
                    kind=StepKind.REST,
                    seconds=REST_BETWEEN_SETS_SECONDS,
                    cue=rest,
                    set_number=set_no,
                )
            )
        for number, side in enumerate(sides):
            if number:
                switch = step(
                    kind=StepKind.SWITCH_SIDES,
                    seconds=SWITCH_SIDES_SECONDS,
                    cue="Switch sides",
                    side=side,
                    set_number=set_no,
                )
                steps.append(switch)
            steps.extend(_work_steps(exercise, dose, item_index, side, set_no))
    return steps


def steps_seconds(steps: Sequence[Step]) -> float:
    return sum(step.seconds for step in steps)


def _blocks(
    pairs: Sequence[tuple[Exercise, Dose]],
) -> Iterator[tuple[int, Exercise, Dose, Position | None]]:
    previous: Position | None = None
    for index, (exercise, dose) in enumerate(pairs):
        yield index, exercise, dose, previous
        previous = exercise.position


# Sizing a plan builds the same exercise blocks again and again, in one plan and
# across plans over the same catalogue. The memo keys on the exercise object's
# identity and keeps a reference to it, so a key cannot be reused by another object.
_BlockKey = tuple[int, int, int | None, int | None, Position | None, float]
_BLOCKS: dict[_BlockKey, tuple[Exercise, float]] = {}
_BLOCKS_MAX = 100_000


def block_seconds(
    exercise: Exercise,
    dose: Dose,
    previous: Position | None,
    lead_in_seconds: float = LEAD_IN_SECONDS,
) -> float:
    """One exercise's share of the session, moving into position included."""
    key = (id(exercise), dose.sets, dose.hold_seconds, dose.reps, previous, lead_in_seconds)
    hit = _BLOCKS.get(key)
    if hit is not None and hit[0] is exercise:
        return hit[1]
    steps = exercise_steps(exercise, dose, previous=previous, lead_in_seconds=lead_in_seconds)
    seconds = steps_seconds(steps)
    if len(_BLOCKS) >= _BLOCKS_MAX:
        _BLOCKS.clear()
    _BLOCKS[key] = (exercise, seconds)
    return seconds


def routine_seconds(
    pairs: Sequence[tuple[Exercise, Dose]],
    lead_in_seconds: float = LEAD_IN_SECONDS,
) -> float:
    """The whole session's length, the same way the engine will run it."""
    return sum(
        block_seconds(exercise, dose, previous, lead_in_seconds)
        for _, exercise, dose, previous in _blocks(pairs)
    )


@dataclass(frozen=True, slots=True)
class Timeline:
    steps: tuple[Step, ...]
    # starts[i] is when step i begins, in seconds from the session start.
    starts: tuple[float, ...]
    total_seconds: float
    exercise_names: dict[str, str]

    def __len__(self) -> int:
        return len(self.steps)

    def end_of(self, index: int) -> float:
        return self.starts[index] + self.steps[index].seconds

    def item_start_index(self, item_index: int) -> int:
        """The first step (transition or get-ready) of a routine item."""
        for index, step in enumerate(self.steps):
            if step.item_index == item_index:
                return index
        return len(self.steps)

    def as_json(self) -> list[dict[str, Any]]:
        return [
            {**step.as_json(), "start": start}
            for step, start in zip(self.steps, self.starts, strict=True)
        ]


def build_timeline(routine: Routine) -> Timeline:
    steps: list[Step] = []
    for index, exercise, dose, previous in _blocks(routine.pairs):
        lead_in = routine.lead_in_seconds
        steps += exercise_steps(
            exercise, dose, item_index=index, previous=previous, lead_in_seconds=lead_in
        )
    starts: list[float] = []
    clock = 0.0
    for step in steps:
        starts.append(clock)
        clock += step.seconds
    names = {item.exercise.id: item.exercise.name for item in routine.items}
    return Timeline(tuple(steps), tuple(starts), clock, names)


def routine_json(routine: Routine, timeline: Timeline) -> dict[str, Any]:
    """The shape `backcoach plan --json` and the web API share."""
    seconds: dict[int, float] = {}
    for step in timeline.steps:
        seconds[step.item_index] = seconds.get(step.item_index, 0.0) + step.seconds
    return {
        "total_seconds": timeline.total_seconds,
        "notes": list(routine.notes),
        "exercises": [
            {
                "id": item.exercise.id,
                "name": item.exercise.name,
                "position": item.exercise.position.value,
                "per_side": item.exercise.dosage.per_side,
                "dose": item.dose.model_dump(),
                "seconds": seconds.get(index, 0.0),
                "reason": item.reason,
            }
            for index, item in enumerate(routine.items)
        ],
        "timeline": timeline.as_json(),
    }
