"""PoseModel: recognition plus form checks, stateless and vectorised over frames."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from backcoach.core.catalogue import Catalogue, Keyframe
from backcoach.core.pose.landmarks import FloatArray, as_frames
from backcoach.core.pose.measures import measure
from backcoach.core.pose.normalise import BoolArray, IntArray, normalise
from backcoach.core.pose.recognise import (
    MATCH_LIMIT,
    NEGATIVE_PREFIX,
    Matches,
    Recogniser,
    exercise_templates,
    negative_templates,
)
from backcoach.core.pose.spec import CameraSpec, Rule
from backcoach.core.pose.synth import frame_from_angles

REP_REACH = 1.6
NOT_VISIBLE_CUE = "Turn side-on to the camera; keep your whole body in view."


@dataclass(frozen=True)
class Check:
    id: str
    ok: bool
    cue: str
    # A range rule's check: advice to go further only if comfortable, never a fault.
    advice: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "ok": self.ok, "cue": self.cue, "advice": self.advice}


@dataclass(frozen=True)
class Judgement:
    """N frames judged. ``focus`` is the exercise each frame was checked against:
    the target when one is set, else the recognised exercise (None: nothing to check)."""

    exercise: list[str | None]
    confidence: FloatArray
    visible: BoolArray
    focus: list[str | None]
    in_position: BoolArray
    checks: list[tuple[Check, ...]]
    rep_value: FloatArray  # the focus exercise's rep measure, NaN where it is not countable

    def __len__(self) -> int:
        return len(self.exercise)


@dataclass(frozen=True)
class Snapshot:
    """One photo judged: the shape `backcoach pose classify` prints."""

    exercise: str | None
    confidence: float
    visible: bool
    checks: tuple[Check, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise,
            "confidence": round(self.confidence, 3),
            "visible": self.visible,
            "checks": [check.as_dict() for check in self.checks],
        }


def _rule_ok(rule: Rule, value: FloatArray) -> BoolArray:
    if rule.around is not None and rule.within is not None:
        off = (value - rule.around + 180.0) % 360.0 - 180.0
        close: BoolArray = np.abs(off) <= rule.within
        return close
    ok = np.ones(value.shape, dtype=bool)
    if rule.min is not None:
        ok &= value >= rule.min
    if rule.max is not None:
        ok &= value <= rule.max
    return ok


class PoseModel:
    """Built once per process; safe to share between sessions (it holds no session state)."""

    def __init__(
        self,
        recogniser: Recogniser,
        specs: Mapping[str, CameraSpec],
        figures: Mapping[str, Sequence[Mapping[str, float]]] | None = None,
        names: Mapping[str, str] | None = None,
    ) -> None:
        self.recogniser = recogniser
        self.specs = dict(specs)
        self.names = dict(names or {})
        self._label_of = {label: i for i, label in enumerate(recogniser.labels)}
        self._check_cache: dict[tuple[str, int], tuple[Check, ...]] = {}
        self._turned = [self._turned_rule(spec) for spec in self.specs.values() if spec.seen_turned]
        # What each exercise's own keyframes are recognised as: a bridge passes
        # through the pelvic-tilt position on the floor between reps.
        self.passes_through: dict[str, frozenset[str]] = {}
        for exercise, poses in (figures or {}).items():
            seen = self.judge(np.stack([frame_from_angles(p) for p in poses])).exercise
            self.passes_through[exercise] = frozenset({exercise, *(e for e in seen if e)})

    @classmethod
    def build(
        cls,
        catalogue: Catalogue,
        specs: Mapping[str, CameraSpec],
        negatives: Sequence[Keyframe],
        rng: np.random.Generator | None = None,
    ) -> PoseModel:
        """With ``rng``, acceptance per pose is calibrated on generated bodies (see
        Recogniser.calibrate); pass a seeded generator for a reproducible model."""
        templates = exercise_templates(catalogue, specs) + negative_templates(negatives)
        recogniser = Recogniser(templates)
        if rng is not None:
            recogniser.calibrate(rng)
        figures = {e.id: [k.angles for k in e.figure.keyframes] for e in catalogue}
        names = {e.id: e.name for e in catalogue}
        return cls(recogniser, specs, figures, names)

    def position_cue(self, exercise_id: str) -> str:
        """What to say while the body is not in the exercise's position at all."""
        name = self.names.get(exercise_id, exercise_id.replace("-", " "))
        return f"Move into position for the {name[0].lower() + name[1:]}."

    def main_exercise(self, seconds_seen: Mapping[str, float]) -> str | None:
        """The exercise that explains most of a recording, given seconds recognised per
        exercise: its own time plus the time spent in positions it passes through."""

        def covered(exercise: str) -> tuple[float, int]:
            own = self.passes_through.get(exercise, frozenset({exercise}))
            return sum(seconds_seen.get(e, 0.0) for e in own), len(own)

        candidates = [e for e, seconds in seconds_seen.items() if seconds > 0 and self.knows(e)]
        return max(candidates, key=covered) if candidates else None

    @property
    def exercises(self) -> list[str]:
        return [label for label in self._label_of if label in self.specs or ":" not in label]

    def knows(self, exercise_id: str) -> bool:
        return exercise_id in self._label_of and ":" not in exercise_id

    def judge(self, landmarks: Any, aspect: float = 1.0, target: str | None = None) -> Judgement:
        frames = as_frames(landmarks)
        if target is not None and not self.knows(target):
            raise KeyError(f"the camera coach has no templates for exercise {target!r}")
        matches = self.recogniser.match(normalise(frames, aspect))
        recognised, confidence = self.recogniser.decide(matches)
        turned = self._seen_turned(matches)
        for label, hit in turned.items():
            recognised = np.where(hit & (recognised < 0), label, recognised)
            confidence = np.where(hit, np.maximum(confidence, 0.5), confidence)
        labels = self.recogniser.labels
        exercise = [labels[i] if i >= 0 else None for i in recognised.tolist()]
        if target is not None:
            focus_index = np.full(len(frames), self._label_of[target], dtype=np.intp)
            in_position = self.recogniser.in_position(matches, self._label_of[target])
            if self._label_of[target] in turned:
                in_position = in_position | turned[self._label_of[target]]
        else:
            focus_index = recognised
            in_position = recognised >= 0
        focus = [labels[i] if i >= 0 else None for i in focus_index.tolist()]
        checks, rep_value = self._check(matches, focus_index)
        visible = matches.bodies.visible
        # Reps swing through poses that are not the held position (the floor between
        # bridges), so a frame counts toward reps while it is roughly near the target.
        rows = np.arange(len(frames))
        near = matches.label_distance[rows, np.maximum(focus_index, 0)] <= REP_REACH * MATCH_LIMIT
        rep_value = np.where(near & visible & (focus_index >= 0), rep_value, np.nan)
        checks = [c if v else () for c, v in zip(checks, visible.tolist(), strict=True)]
        return Judgement(exercise, confidence, visible, focus, in_position, checks, rep_value)

    def classify(self, landmarks: Any, aspect: float = 1.0) -> Snapshot:
        judged = self.judge(landmarks, aspect)
        return Snapshot(
            judged.exercise[0],
            float(judged.confidence[0]),
            bool(judged.visible[0]),
            judged.checks[0],
        )

    def _check(
        self, matches: Matches, focus: IntArray
    ) -> tuple[list[tuple[Check, ...]], FloatArray]:
        count = len(focus)
        checks: list[tuple[Check, ...]] = [() for _ in range(count)]
        rep_value = np.full(count, np.nan)
        for label in np.unique(focus[focus >= 0]).tolist():
            spec = self.specs.get(self.recogniser.labels[label])
            if spec is None:
                continue
            rows = np.flatnonzero(focus == label)
            sub = matches.rows(rows)
            template = self.recogniser.nearest_template(sub, label)
            reading = self.recogniser.best_reading(sub.bodies, template)
            vectors = sub.bodies.reading(reading)
            spans = (sub.bodies.shoulder_span, sub.bodies.hip_span)
            # Each rule is 0 (not judged at this keyframe), 1 (failing) or 2 (ok); the
            # combination is one base-3 number per frame, turned into checks once.
            code = np.zeros(len(rows), dtype=np.int64)
            for power, rule in enumerate(spec.rules):
                state = 1 + _rule_ok(rule, measure(rule.measure, vectors, *spans))
                if rule.at is not None:
                    state = np.where(self._keyframe_is(template, rule.at), state, 0)
                code += state * 3**power
            for row, key in zip(rows.tolist(), code.tolist(), strict=True):
                checks[row] = self._checks_for(spec, key)
            if spec.reps is not None:
                rep_value[rows] = measure(spec.reps.measure, vectors, *spans)
        return checks, rep_value

    def _keyframe_is(self, template: IntArray, wanted: list[str]) -> BoolArray:
        names = self.recogniser.template_keyframe
        return np.array([names[t] in wanted for t in template.tolist()], dtype=bool)

    def _checks_for(self, spec: CameraSpec, key: int) -> tuple[Check, ...]:
        cached = self._check_cache.get((spec.exercise, key))
        if cached is None:
            found = []
            rest = key
            for rule in spec.rules:
                rest, state = divmod(rest, 3)
                if state:
                    found.append(Check(rule.id, state == 2, rule.cue, not rule.gates))
            cached = self._check_cache[(spec.exercise, key)] = tuple(found)
        return cached

    def _turned_rule(self, spec: CameraSpec) -> tuple[int, IntArray, str, float]:
        assert spec.seen_turned is not None
        wanted = spec.seen_turned.poses
        labels = [p if p in self._label_of else NEGATIVE_PREFIX + p for p in wanted]
        unknown = [
            p for p, label in zip(wanted, labels, strict=True) if label not in self._label_of
        ]
        if unknown:
            raise ValueError(f"{spec.exercise}: seen_turned names unknown pose(s) {unknown}")
        indices = np.array([self._label_of[label] for label in labels], dtype=np.intp)
        rule = spec.seen_turned
        return self._label_of[spec.exercise], indices, rule.measure, rule.min

    def _seen_turned(self, matches: Matches) -> dict[int, BoolArray]:
        """Per exercise with a seen_turned rule, the frames it recognises."""
        if not self._turned:
            return {}
        bodies = matches.bodies
        nearest = matches.label_distance.argmin(axis=1)
        as_seen = bodies.vectors[:, 0]
        found: dict[int, BoolArray] = {}
        for label, poses, name, least in self._turned:
            value = measure(name, as_seen, bodies.shoulder_span, bodies.hip_span)
            found[label] = np.isin(nearest, poses) & (value >= least) & bodies.visible
        return found
