"""The exercise catalogue as validated data.

These models are the schema of the YAML files in ``backcoach/catalogue``. They
forbid unknown fields so that a typo in a physiotherapist's file is reported
instead of silently ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from backcoach.core.options import (
    BEND_AVOIDS,
    POSITION_AVOIDS,
    Avoid,
    Bend,
    DosageMode,
    Equipment,
    Kind,
    Level,
    Position,
    Target,
)
from backcoach.core.reading import SPOKEN_WORDS_PER_SECOND, speaking_seconds
from backcoach.core.skeleton import ALL_ANGLES, OPTIONAL_SEGMENTS, REQUIRED_ANGLES, SEGMENTS

EXERCISE_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SEED_FILE = r"^\d{3}_[0-9a-f]{16}\.txt$"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Sentence = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=400)]

# The longest words the session puts before a rep cue (the first rep of a per-side
# exercise), which the timeline's cues start with too.
REP_CUE_PREFIX = "Begin, right side. 10:"

# Shown with every exercise that bends the spine forward or backward. Added to
# ``cautions`` when an exercise is loaded, so the library, the API, the handout and
# both players show it without each knowing about ``bends``.
BEND_CAUTION = "If bending this way makes your back or leg pain worse, leave it out."


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Range(Strict):
    """A dosage number with the safe default and the range the sources allow."""

    default: int = Field(ge=0)
    min: int = Field(ge=0)
    max: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.min > self.max:
            raise ValueError(f"inverted range: min {self.min} is above max {self.max}")
        if not self.min <= self.default <= self.max:
            raise ValueError(
                f"default {self.default} must lie between min {self.min} and max {self.max}"
            )
        return self


class Breath(Strict):
    """Pacing of one breath in a flow, in seconds."""

    inhale_seconds: float = Field(gt=0, le=10)
    exhale_seconds: float = Field(gt=0, le=10)
    inhale_cue: Sentence
    exhale_cue: Sentence


class Dosage(Strict):
    mode: DosageMode
    hold_seconds: Range | None = None
    reps: Range | None = None
    sets: Range = Range(default=1, min=1, max=1)
    per_side: bool = False
    rep_seconds: float | None = Field(default=None, gt=0, le=30)
    # Said after the count of each repetition ("3: lift your hips, hold, and lower"),
    # so the person hears when to hold and when to let go.
    rep_cue: Sentence | None = None
    breath: Breath | None = None

    @model_validator(mode="after")
    def _fits_mode(self) -> Dosage:
        if self.mode is DosageMode.HOLD and self.hold_seconds is None:
            raise ValueError("a hold needs hold_seconds")
        if self.mode is DosageMode.REPS and (self.reps is None or self.rep_seconds is None):
            raise ValueError("repetitions need reps and rep_seconds (the cadence)")
        if self.mode is DosageMode.FLOW and (self.reps is None or self.breath is None):
            raise ValueError("a flow needs reps (breath cycles) and breath pacing")
        return self

    @model_validator(mode="after")
    def _cues_fit(self) -> Dosage:
        # A cue longer than its step is cut off by the next one, every time.
        spoken: list[tuple[str, str, float]] = []
        if self.breath:
            b = self.breath
            spoken += [("inhale_cue", b.inhale_cue, b.inhale_seconds)]
            spoken += [("exhale_cue", b.exhale_cue, b.exhale_seconds)]
        if self.rep_cue and self.rep_seconds:
            shortest = self.rep_seconds + (self.hold_seconds.min if self.hold_seconds else 0)
            spoken.append(("rep_cue", f"{REP_CUE_PREFIX} {self.rep_cue}", shortest))
        for name, text, seconds in spoken:
            if speaking_seconds(text) > seconds:
                words = int(seconds * SPOKEN_WORDS_PER_SECOND)
                raise ValueError(
                    f"{name} takes {speaking_seconds(text):.1f} s to say but its step lasts "
                    f"{seconds:g} s; shorten it (at most {words} words with no commas or "
                    "full stops, counting the spoken count; each one costs a word more)"
                )
        return self


SeedFile = Annotated[str, StringConstraints(pattern=SEED_FILE)]


class Source(Strict):
    file: SeedFile
    dosage: Sentence = Field(description="What this file says about dosage, in our words.")
    # The article's title; filled in from the catalogue's list of sources when loaded.
    title: Text | None = None

    @property
    def shown(self) -> str:
        """The title people read, or the file name for an article we know no title of."""
        return self.title or self.file


class SourceTitle(Strict):
    """One source article: its seed file and the title it is cited by."""

    file: SeedFile
    title: Text


def source_titles(entries: list[SourceTitle]) -> dict[str, str]:
    titles: dict[str, str] = {}
    for entry in entries:
        if entry.file in titles:
            raise ValueError(f"{entry.file} is listed twice")
        titles[entry.file] = entry.title
    return titles


class Keyframe(Strict):
    name: Text
    angles: dict[str, float]
    # Joint pinned to a point (e.g. hands on a bar); otherwise the body rests on the floor.
    anchor: str | None = None
    anchor_at: tuple[float, float] | None = None

    @model_validator(mode="after")
    def _complete(self) -> Keyframe:
        missing = [name for name in REQUIRED_ANGLES if name not in self.angles]
        if missing:
            raise ValueError(
                f"keyframe {self.name!r} is missing joint angle(s): {', '.join(missing)}"
            )
        unknown = [name for name in self.angles if name not in ALL_ANGLES]
        if unknown:
            raise ValueError(
                f"keyframe {self.name!r} has unknown joint(s): {', '.join(unknown)}; "
                f"expected {', '.join(ALL_ANGLES)}"
            )
        if (self.anchor is None) != (self.anchor_at is None):
            raise ValueError("anchor and anchor_at go together")
        return self


PropKind = Literal["bar", "wall-bars", "bench", "ball", "strap", "mat", "chair"]


class Prop(Strict):
    """A piece of equipment drawn in the figure, in body-height units (floor at y = 0).

    bar: (x, y) the bar, size how far behind it its upright stands. wall-bars: (x, y)
    the rung held, size the ladder's height. bench: (x, y) the top of the hip pad,
    size the distance down the bench to the foot roller. ball: centre and diameter.
    mat: left end and length. strap: runs ``between`` two joints. chair: the front edge
    of the seat, size the seat's depth.
    """

    kind: PropKind
    x: float
    y: float
    size: float = Field(default=0.3, gt=0)
    # For a strap: the joints it runs between.
    between: tuple[str, str] | None = None
    # For a bench: its incline in degrees (0 a flat Roman chair, 45 the common model).
    angle: float = Field(default=0.0, ge=0, le=90)

    @model_validator(mode="after")
    def _known_joints(self) -> Prop:
        joints = {"hip"} | {child for _, child in (*SEGMENTS.values(), *OPTIONAL_SEGMENTS.values())}
        unknown = [name for name in self.between or () if name not in joints]
        if unknown:
            raise ValueError(
                f"unknown joint(s) {', '.join(unknown)} in between; expected {', '.join(sorted(joints))}"
            )
        return self


class Figure(Strict):
    keyframes: list[Keyframe] = Field(min_length=1)
    props: list[Prop] = []
    # Seconds per keyframe transition when animated.
    tempo: float = Field(default=2.0, gt=0)


class Exercise(Strict):
    id: Annotated[str, StringConstraints(pattern=EXERCISE_ID)]
    name: Text
    aliases: list[Text] = []
    summary: Sentence
    kind: Kind
    position: Position
    # Positions passed through on the way in or out (child's pose starts on all fours).
    also_positions: list[Position] = []
    equipment: list[Equipment] = Field(min_length=1)
    targets: list[Target] = Field(min_length=1)
    level: Level
    # Which way the spine bends: [] for exercises that keep it long, turn it or hang it.
    bends: list[Bend]
    dosage: Dosage
    steps: list[Sentence] = Field(min_length=2)
    breathing: list[Sentence] = Field(min_length=1)
    mistakes: list[Sentence] = Field(min_length=1)
    cautions: list[Sentence] = Field(min_length=1)
    stop_if: list[Sentence] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    # The seed exercise this one adapts (a chair version of a floor stretch, say): the
    # sources describe that one, and the variant keeps its dose ranges.
    variant_of: Annotated[str, StringConstraints(pattern=EXERCISE_ID)] | None = None
    figure: Figure

    @model_validator(mode="before")
    @classmethod
    def _bend_caution(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not data.get("bends"):
            return data
        cautions = data.get("cautions")
        if isinstance(cautions, list) and BEND_CAUTION not in cautions:
            data = {**data, "cautions": [*cautions, BEND_CAUTION]}
        return data

    @property
    def positions(self) -> frozenset[Position]:
        return frozenset({self.position, *self.also_positions})

    @property
    def avoid_categories(self) -> frozenset[Avoid]:
        by_position = frozenset().union(*(POSITION_AVOIDS[p] for p in self.positions))
        return by_position | {BEND_AVOIDS[bend] for bend in self.bends}

    @property
    def seed_files(self) -> list[str]:
        return [source.file for source in self.sources]

    def with_titles(self, titles: Mapping[str, str]) -> Exercise:
        """The same exercise with each source's article title, where one is known."""
        sources = [
            s if s.title or s.file not in titles else s.model_copy(update={"title": titles[s.file]})
            for s in self.sources
        ]
        return self.model_copy(update={"sources": sources})

    @property
    def needs(self) -> frozenset[Equipment]:
        """Equipment the person must own; a mat is a comfort, not a requirement."""
        return frozenset(self.equipment) - {Equipment.NONE, Equipment.MAT}

    def texts(self) -> Iterator[str]:
        """Every sentence a person reads, for checks such as the own-words test."""
        yield self.summary
        for group in (self.steps, self.breathing, self.mistakes, self.cautions, self.stop_if):
            yield from group
        for source in self.sources:
            yield source.dosage
        if self.dosage.breath:
            yield self.dosage.breath.inhale_cue
            yield self.dosage.breath.exhale_cue
        if self.dosage.rep_cue:
            yield self.dosage.rep_cue


class Catalogue:
    """All exercises, by id, in a stable order."""

    def __init__(self, exercises: list[Exercise]) -> None:
        self._by_id: dict[str, Exercise] = {}
        for exercise in exercises:
            if exercise.id in self._by_id:
                raise ValueError(f"duplicate exercise id {exercise.id!r}")
            self._by_id[exercise.id] = exercise

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self._by_id

    def get(self, exercise_id: str) -> Exercise:
        try:
            return self._by_id[exercise_id]
        except KeyError:
            raise UnknownExercise(exercise_id, self.closest(exercise_id)) from None

    @property
    def ids(self) -> list[str]:
        return list(self._by_id)

    def closest(self, wanted: str, limit: int = 3) -> list[str]:
        """Ids that look like ``wanted``, also matching names and aliases."""
        import difflib

        names: Mapping[str, str] = {
            key.lower(): exercise.id
            for exercise in self
            for key in (exercise.id, exercise.name, *exercise.aliases)
        }
        wanted_key = re.sub(r"[\s_]+", "-", wanted.strip().lower())
        matches = difflib.get_close_matches(wanted_key, list(names), n=limit * 3, cutoff=0.5)
        matches += [key for key in names if wanted_key and wanted_key in key]
        ordered: list[str] = []
        for key in matches:
            if names[key] not in ordered:
                ordered.append(names[key])
        return ordered[:limit]


class UnknownExercise(LookupError):
    def __init__(self, exercise_id: str, suggestions: list[str]) -> None:
        self.exercise_id = exercise_id
        self.suggestions = suggestions
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"no exercise with id {exercise_id!r}{hint}")
