"""The shared vocabulary: positions, equipment, goals and levels.

The CLI, the API and the web forms all accept these exact strings, so they live
in one place and every adapter validates against them.
"""

from __future__ import annotations

from enum import StrEnum


class Position(StrEnum):
    SUPINE = "supine"
    PRONE = "prone"
    QUADRUPED = "quadruped"
    KNEELING = "kneeling"
    SEATED = "seated"
    STANDING = "standing"
    HANGING = "hanging"
    BALL = "ball"
    BENCH = "bench"


class Equipment(StrEnum):
    NONE = "none"
    MAT = "mat"
    STRAP = "strap"
    PULL_UP_BAR = "pull-up-bar"
    WALL_BARS = "wall-bars"
    BENCH = "bench"
    BALL = "ball"


class Avoid(StrEnum):
    """Things a person can say they cannot do today."""

    FLOOR = "floor"
    KNEELING = "kneeling"
    PRONE = "prone"
    QUADRUPED = "quadruped"
    HANGING = "hanging"
    STANDING = "standing"


class Kind(StrEnum):
    STRETCH = "stretch"
    MOBILITY = "mobility"
    STRENGTH = "strength"


class Goal(StrEnum):
    RELIEF = "relief"
    MOBILITY = "mobility"
    STRENGTH = "strength"


class Level(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class DosageMode(StrEnum):
    HOLD = "hold"
    REPS = "reps"
    FLOW = "flow"


class Target(StrEnum):
    LOWER_BACK = "lower-back"
    UPPER_BACK = "upper-back"
    SPINE = "spine"
    GLUTES = "glutes"
    PIRIFORMIS = "piriformis"
    HAMSTRINGS = "hamstrings"
    CALVES = "calves"
    HIPS = "hips"
    HIP_FLEXORS = "hip-flexors"
    CORE = "core"
    ABDOMINALS = "abdominals"
    OBLIQUES = "obliques"
    SHOULDERS = "shoulders"
    CHEST = "chest"
    NECK = "neck"


# Which avoid-categories a start position falls under. Kneeling and all-fours
# work are floor work too; a seated stretch here is always seated on the floor.
POSITION_AVOIDS: dict[Position, frozenset[Avoid]] = {
    Position.SUPINE: frozenset({Avoid.FLOOR}),
    Position.PRONE: frozenset({Avoid.FLOOR, Avoid.PRONE}),
    Position.QUADRUPED: frozenset({Avoid.FLOOR, Avoid.QUADRUPED, Avoid.KNEELING}),
    Position.KNEELING: frozenset({Avoid.FLOOR, Avoid.KNEELING}),
    Position.SEATED: frozenset({Avoid.FLOOR}),
    Position.STANDING: frozenset({Avoid.STANDING}),
    Position.HANGING: frozenset({Avoid.HANGING}),
    Position.BALL: frozenset(),
    Position.BENCH: frozenset(),
}
