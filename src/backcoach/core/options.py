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
    # Sitting on a chair: for people who cannot get down to the floor or up from it.
    CHAIR = "chair"
    STANDING = "standing"
    HANGING = "hanging"
    BALL = "ball"
    BENCH = "bench"

    @property
    def label(self) -> str:
        """How a person reads the position in lists and tags; the value stays as stored."""
        return POSITION_LABELS[self][0]

    @property
    def instruction(self) -> str:
        """What to say to get someone into the position, as a spoken cue."""
        return POSITION_LABELS[self][1]


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
    BENDING_FORWARD = "bending-forward"
    BENDING_BACKWARD = "bending-backward"


class Bend(StrEnum):
    """Which way an exercise bends the spine (none: it stays long, turns or hangs straight)."""

    FORWARD = "forward"
    BACKWARD = "backward"


# Bending one way can ease one back and flare another, so each direction is an avoid choice.
BEND_AVOIDS: dict[Bend, Avoid] = {
    Bend.FORWARD: Avoid.BENDING_FORWARD,
    Bend.BACKWARD: Avoid.BENDING_BACKWARD,
}


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

    @property
    def label(self) -> str:
        """The words a person reads; the value stays as stored data and the API know it."""
        return TARGET_LABELS.get(self, self.value.replace("-", " "))


TARGET_LABELS: dict[Target, str] = {
    Target.GLUTES: "buttocks",
    Target.PIRIFORMIS: "deep buttock muscle",
    Target.HAMSTRINGS: "backs of the thighs",
    Target.HIP_FLEXORS: "fronts of the hips",
    Target.CORE: "trunk muscles",
    Target.ABDOMINALS: "tummy muscles",
    Target.OBLIQUES: "sides of the waist",
}

# Stored values are the precise terms; people read and hear these plain words instead.
POSITION_LABELS: dict[Position, tuple[str, str]] = {
    Position.SUPINE: ("lying on your back", "Lie on your back"),
    Position.PRONE: ("lying face down", "Lie face down"),
    Position.QUADRUPED: ("on hands and knees", "Come onto your hands and knees"),
    Position.KNEELING: ("kneeling", "Kneel down"),
    Position.SEATED: ("sitting on the floor", "Sit on the floor"),
    Position.CHAIR: ("sitting on a chair", "Sit on a chair"),
    Position.STANDING: ("standing", "Stand up"),
    Position.HANGING: ("hanging", "Go to the bar"),
    Position.BALL: ("on a ball", "Go to the ball"),
    Position.BENCH: ("on a bench", "Go to the bench"),
}

# Precise words a person may meet in other guides or in an exercise's other names,
# each with what it means in plain words.
GLOSSARY: dict[str, str] = {
    "Glutes": "the big muscles of the buttocks.",
    "Hamstrings": "the muscles at the backs of the thighs.",
    "Piriformis": "a small, deep muscle in the buttock, under the big buttock muscles.",
    "Obliques": "the muscles at the sides of the waist that help you twist and bend sideways.",
    "Core": "the muscles of the tummy, back and pelvis that hold the trunk steady.",
    "Hip hinge": "bending forward by folding at the hips while the back stays straight.",
}


# Which avoid-categories a start position falls under. Kneeling and all-fours
# work are floor work too; a seated stretch here is always seated on the floor.
POSITION_AVOIDS: dict[Position, frozenset[Avoid]] = {
    Position.SUPINE: frozenset({Avoid.FLOOR}),
    Position.PRONE: frozenset({Avoid.FLOOR, Avoid.PRONE}),
    Position.QUADRUPED: frozenset({Avoid.FLOOR, Avoid.QUADRUPED, Avoid.KNEELING}),
    Position.KNEELING: frozenset({Avoid.FLOOR, Avoid.KNEELING}),
    Position.SEATED: frozenset({Avoid.FLOOR}),
    Position.CHAIR: frozenset(),
    Position.STANDING: frozenset({Avoid.STANDING}),
    Position.HANGING: frozenset({Avoid.HANGING}),
    Position.BALL: frozenset(),
    Position.BENCH: frozenset(),
}


# Planner seeds any caller may choose (web, CLI) stay in 0..MAX_SEED; daily seeds fall inside.
MAX_SEED = 2**32 - 1
