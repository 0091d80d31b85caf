"""How much of each exercise: where doses start and how far today's may rise.

Split from the planner so the dose rules read in one place: every number stays
inside the catalogue's range, and on gentle days at or below its default.
"""

from __future__ import annotations

from enum import Enum

from backcoach.core.catalogue import Exercise, Range
from backcoach.core.timeline import Dose

HOLD_STEP_SECONDS = 5


class Intensity(Enum):
    """How far up the catalogue's ranges today's doses may go."""

    LOW = "low"  # pain 6+ or a recent "it hurts": from the minimum up to the default
    BEGINNER = "beginner"  # from the minimum, holds and reps at most halfway past the default
    FULL = "full"  # from the default up to the maximum


def cap(r: Range, intensity: Intensity) -> int:
    """The most today's doses may reach on this range."""
    if intensity is Intensity.LOW:
        return r.default
    if intensity is Intensity.BEGINNER:
        return (r.default + r.max) // 2
    return r.max


def sets_cap(r: Range, intensity: Intensity) -> int:
    # More rounds of a stretch add load the person cannot feel building; on a
    # gentle day they never go past the default.
    return r.default if intensity is Intensity.LOW else r.max


def base_dose(exercise: Exercise, intensity: Intensity) -> Dose:
    """Where doses start: the bottom of each range on gentle days, the default otherwise."""
    d = exercise.dosage

    def pick(r: Range) -> int:
        return r.default if intensity is Intensity.FULL else r.min

    return Dose(
        sets=pick(d.sets),
        hold_seconds=pick(d.hold_seconds) if d.hold_seconds else None,
        reps=pick(d.reps) if d.reps else None,
    )


_DOSES: dict[tuple[int, int | None, int | None], Dose] = {}


def _dose(sets: int, hold_seconds: int | None, reps: int | None) -> Dose:
    # Doses are immutable values, so the planner's hot loop shares one object per value.
    key = (sets, hold_seconds, reps)
    dose = _DOSES.get(key)
    if dose is None:
        dose = _DOSES[key] = Dose(sets=sets, hold_seconds=hold_seconds, reps=reps)
    return dose


def bumped(exercise: Exercise, dose: Dose, intensity: Intensity) -> Dose | None:
    """A little more of the same: holds and reps to the default, then more rounds,
    then longer holds and more reps up to today's cap; never beyond the range."""
    d, hold, reps = exercise.dosage, dose.hold_seconds, dose.reps
    for ceiling in ("default", "cap"):
        if d.hold_seconds and hold is not None:
            top = d.hold_seconds.default if ceiling == "default" else cap(d.hold_seconds, intensity)
            if hold < top:
                return _dose(dose.sets, min(top, hold + HOLD_STEP_SECONDS), reps)
        if d.reps and reps is not None:
            top = d.reps.default if ceiling == "default" else cap(d.reps, intensity)
            if reps < top:
                return _dose(dose.sets, hold, reps + 1)
        if ceiling == "default" and dose.sets < sets_cap(d.sets, intensity):
            return _dose(dose.sets + 1, hold, reps)
    return None
