"""HTML forms: the choices they offer and turning posted fields into validated values.

A form that fails validation is shown again with the person's answers and one
message per field, never a bare 422 page.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData, QueryParams

from backcoach.core.options import Avoid, Equipment, Goal, Level
from backcoach.core.profile import MAX_MINUTES, MIN_MINUTES
from backcoach.core.week import MAX_DAYS_PER_WEEK, MIN_DAYS_PER_WEEK
from backcoach.web.errors import field_name

GOAL_LABELS = {
    Goal.RELIEF: "Ease pain and stiffness",
    Goal.MOBILITY: "Move more freely",
    Goal.STRENGTH: "Build strength",
}
LEVEL_LABELS = {
    Level.BEGINNER: "New to this",
    Level.INTERMEDIATE: "Stretch now and then",
    Level.ADVANCED: "Stretch often",
}
EQUIPMENT_LABELS = {
    Equipment.STRAP: "Strap, belt or towel",
    Equipment.BALL: "Exercise ball",
    Equipment.BENCH: "Bench",
    Equipment.PULL_UP_BAR: "Pull-up bar",
    Equipment.WALL_BARS: "Wall bars",
}
AVOID_LABELS = {
    Avoid.FLOOR: "Anything on the floor",
    Avoid.KNEELING: "Kneeling",
    Avoid.QUADRUPED: "On hands and knees",
    Avoid.PRONE: "Lying face down",
    Avoid.STANDING: "Standing",
    Avoid.HANGING: "Hanging",
    Avoid.BENDING_FORWARD: "Bending forward",
    Avoid.BENDING_BACKWARD: "Bending backward",
}
# Fields that may be sent several times (checkboxes).
LIST_FIELDS = frozenset({"equipment", "avoid", "days"})


def profile_options() -> dict[str, Any]:
    return {
        "min_minutes": MIN_MINUTES,
        "max_minutes": MAX_MINUTES,
        "min_days": MIN_DAYS_PER_WEEK,
        "max_days": MAX_DAYS_PER_WEEK,
        "goals": [(g.value, label) for g, label in GOAL_LABELS.items()],
        "levels": [(lv.value, label) for lv, label in LEVEL_LABELS.items()],
        "equipment": [(e.value, label) for e, label in EQUIPMENT_LABELS.items()],
        "avoid": [(a.value, label) for a, label in AVOID_LABELS.items()],
    }


def form_dict(data: FormData | QueryParams) -> dict[str, Any]:
    """Posted fields as a dict: checkbox groups as lists, blank fields left out."""
    out: dict[str, Any] = {}
    for key in data:
        values = [v for v in data.getlist(key) if isinstance(v, str)]
        if key in LIST_FIELDS:
            out[key] = [v for v in values if v]
        elif values and values[-1].strip():
            out[key] = values[-1].strip()
    return out


Model = TypeVar("Model", bound=BaseModel)


def validate(model: type[Model], raw: dict[str, Any]) -> tuple[Model | None, dict[str, str]]:
    """The validated model, or None and one readable message per field."""
    try:
        return model.model_validate(raw), {}
    except ValidationError as error:
        errors: dict[str, str] = {}
        for item in error.errors():
            name = field_name(item["loc"]).split(".")[0]
            errors.setdefault(name, _readable(item))
        return None, errors


def _readable(item: Any) -> str:
    kind = item["type"]
    if kind == "missing":
        return "please answer this"
    given = item.get("input")
    if kind == "greater_than_equal":
        return f"must be at least {item['ctx']['ge']} (you entered {given})"
    if kind == "less_than_equal":
        return f"must be at most {item['ctx']['le']} (you entered {given})"
    if kind in {"int_parsing", "int_from_float"}:
        return f"enter a whole number (you entered {given!r})"
    if kind == "enum":
        return f"choose one of {item['ctx']['expected']}"
    return str(item["msg"]).removeprefix("Value error, ")
