"""What the camera coach knows about one exercise, kept as data beside the catalogue.

``catalogue/camera/<exercise-id>.yaml`` names the keyframes that identify the
exercise, the form rules (each a measure with an allowed range and a cue to
speak), and for repetitions and flows the measure that swings with each rep.
``catalogue/camera/negatives.yaml`` holds poses that are *not* exercises, drawn
in the same skeleton angles, so recognition can say "none" with conviction.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from backcoach.core.catalogue import EXERCISE_ID, Keyframe
from backcoach.core.pose.measures import ANGLE_MEASURES, MEASURES
from backcoach.core.skeleton import ALL_ANGLES

RuleId = Annotated[str, StringConstraints(pattern=EXERCISE_ID)]
Cue = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=160)]
# A range cue must not push anyone past what their body allows today.
COMFORT_WORDS = "only as far as is comfortable"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _known_measure(name: str) -> str:
    if name not in MEASURES:
        raise ValueError(f"unknown measure {name!r}; expected one of {', '.join(sorted(MEASURES))}")
    return name


class Rule(Strict):
    """A form check: the measure must lie in [min, max] (angles: within ``within`` of ``around``).

    ``kind``: a ``position`` rule says whether the body is in the exercise at all and
    gates the hold timer; a ``range`` rule is a depth a stiff body may not reach (hips
    to heels, chest to thighs), so it is only advice and never stops the timer.
    """

    id: RuleId
    kind: Literal["position", "range"]
    measure: str
    min: float | None = None
    max: float | None = None
    around: float | None = None
    within: float | None = Field(default=None, gt=0, le=180)
    # Only judged while the body is nearest one of these keyframes (the top of a bridge).
    at: list[str] | None = None
    cue: Cue

    _measure_known = field_validator("measure")(_known_measure)

    @model_validator(mode="after")
    def _one_condition(self) -> Rule:
        ranged = self.min is not None or self.max is not None
        aimed = self.around is not None or self.within is not None
        if ranged == aimed:
            raise ValueError(f"rule {self.id!r}: give either min/max or around+within")
        if aimed and (self.around is None or self.within is None):
            raise ValueError(f"rule {self.id!r}: around and within go together")
        if aimed and self.measure not in ANGLE_MEASURES:
            raise ValueError(f"rule {self.id!r}: around/within is for direction angles only")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"rule {self.id!r}: min {self.min} is above max {self.max}")
        if self.kind == "range" and COMFORT_WORDS not in self.cue.lower():
            raise ValueError(f"rule {self.id!r}: a range rule's cue must say {COMFORT_WORDS!r}")
        return self

    @property
    def gates(self) -> bool:
        """Whether failing this rule stops the hold timer."""
        return self.kind == "position"


class RepSwing(Strict):
    """A repetition counts when the measure passes ``high`` after having been below ``low``
    (or the reverse when ``low`` > ``high``): the gap between them is the hysteresis."""

    measure: str
    low: float
    high: float

    _measure_known = field_validator("measure")(_known_measure)

    @model_validator(mode="after")
    def _gap(self) -> RepSwing:
        if self.low == self.high:
            raise ValueError("reps: low and high must differ (that gap stops flicker counting)")
        return self


class SeenTurned(Strict):
    """Recognise the exercise from what a flat side view cannot draw: the body is
    nearest one of ``poses`` (exercise ids or non-exercise pose names) and ``measure``,
    read as the camera sees the body, is at least ``min``. A seated twist seen from
    the front looks like plain sitting except that the shoulders turn against the hips."""

    poses: list[str] = Field(min_length=1)
    measure: str
    min: float

    _measure_known = field_validator("measure")(_known_measure)


class CameraSpec(Strict):
    exercise: Annotated[str, StringConstraints(pattern=EXERCISE_ID)]
    # Keyframes that identify the exercise; empty means all of them.
    recognise: list[str] = []
    # Extra poses for recognition only (e.g. a variant the figure does not draw).
    extra_keyframes: list[Keyframe] = []
    # Limb segments turned out of the side-view plane, degrees toward the camera, for
    # poses a flat side view cannot draw (figure-four: the crossed shin points across).
    out_of_plane: dict[str, float] = {}
    seen_turned: SeenTurned | None = None
    rules: list[Rule] = Field(min_length=1)
    reps: RepSwing | None = None

    @field_validator("out_of_plane")
    @classmethod
    def _limb_segments(cls, turns: dict[str, float]) -> dict[str, float]:
        limbs = {n for n in ALL_ANGLES if n.startswith(("near_", "far_")) and "foot" not in n}
        for name, degrees in turns.items():
            if name not in limbs:
                raise ValueError(
                    f"out_of_plane: {name!r} is not a limb segment; expected one of {', '.join(sorted(limbs))}"
                )
            if not -90 <= degrees <= 90:
                raise ValueError(
                    f"out_of_plane: {name} {degrees} must lie between -90 and 90 degrees"
                )
        return turns

    @model_validator(mode="after")
    def _unique_rules(self) -> CameraSpec:
        ids = [rule.id for rule in self.rules]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate rule id(s): {', '.join(duplicates)}")
        return self


class Negatives(Strict):
    """Poses that are not catalogue exercises (standing, plank, warrior, lying flat ...)."""

    poses: list[Keyframe] = Field(min_length=1)
