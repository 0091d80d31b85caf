"""Which catalogue exercise a body is in, or none: nearest templates made from keyframes.

Templates are the catalogue's own keyframes (plus midpoints between consecutive
ones, so flows are covered all the way through) and the negative poses of
``catalogue/camera/negatives.yaml``, each rendered as synthetic landmarks from a
grid of camera views. A frame is compared with every template in all 8 readings
(mirror, limb swaps) in one matrix product, so thousands of frames are judged at
once. The answer is "none" when the nearest template is a negative pose or when
even the nearest exercise is too far away.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from backcoach.core.catalogue import Catalogue, Keyframe
from backcoach.core.pose.landmarks import FloatArray
from backcoach.core.pose.normalise import (
    FEATURE_SEGMENTS,
    READINGS,
    Bodies,
    BoolArray,
    IntArray,
    normalise,
)
from backcoach.core.pose.spec import CameraSpec
from backcoach.core.pose.synth import View, frame_from_angles, varied_frames
from backcoach.core.skeleton import interpolate_angles

# How much each segment counts: the trunk and legs define a position; hands and
# feet wander and are the landmarks pose models miss most.
SEGMENT_WEIGHTS: dict[str, float] = {
    "trunk": 3.0,
    "neck": 0.8,
    "face": 0.4,
    "upper_arm": 1.0,
    "forearm": 0.6,
    "thigh": 2.0,
    "shin": 1.5,
    "foot": 0.3,
}
# Side-on and turned 45 degrees either way, camera a little above: more views did not
# help on synthetic or real checks, and each costs matching time.
TEMPLATE_VIEWS: tuple[View, ...] = tuple(
    View(yaw=yaw, elevation=10.0) for yaw in (-45.0, 0.0, 45.0)
)
CALIBRATION_SAMPLES = 60
# Root-mean-square distance per unit weight beyond which nothing is recognised.
MATCH_LIMIT = 0.55
SOFTMAX_TEMPERATURE = 0.08
NEGATIVE_PREFIX = "none:"


def _weights() -> FloatArray:
    per_segment = [
        SEGMENT_WEIGHTS[name.removeprefix("near_").removeprefix("far_")]
        for name in FEATURE_SEGMENTS
    ]
    return np.asarray(np.sqrt(np.repeat(per_segment, 2)), dtype=np.float64)


WEIGHTS = _weights()
WEIGHT_TOTAL = float((WEIGHTS**2).sum())


@dataclass(frozen=True)
class Template:
    label: str  # exercise id, or "none:<pose name>"
    keyframe: str
    angles: Mapping[str, float]
    out_of_plane: Mapping[str, float] = field(default_factory=dict)


def exercise_templates(catalogue: Catalogue, specs: Mapping[str, CameraSpec]) -> list[Template]:
    templates: list[Template] = []
    for exercise in catalogue:
        spec = specs.get(exercise.id)
        frames: list[Keyframe] = list(exercise.figure.keyframes)
        names = {k.name for k in frames}
        turns = dict(spec.out_of_plane) if spec else {}
        wanted = set(spec.recognise) if spec and spec.recognise else names
        if wanted - names:
            raise ValueError(
                f"{exercise.id}: recognise names unknown keyframe(s) {sorted(wanted - names)}; "
                f"the figure has {sorted(names)}"
            )
        for first, second in itertools.pairwise(frames):
            if first.name in wanted and second.name in wanted:
                middle = interpolate_angles(first.angles, second.angles, 0.5)
                templates.append(
                    Template(exercise.id, f"{first.name}>{second.name}", middle, turns)
                )
        templates += [
            Template(exercise.id, k.name, k.angles, turns) for k in frames if k.name in wanted
        ]
        if spec:
            templates += [
                Template(exercise.id, k.name, k.angles, turns) for k in spec.extra_keyframes
            ]
    return templates


def negative_templates(negatives: Sequence[Keyframe]) -> list[Template]:
    return [Template(NEGATIVE_PREFIX + pose.name, pose.name, pose.angles) for pose in negatives]


@dataclass(frozen=True)
class Matches:
    """Per frame: the squared distance to every template (in its best reading) and
    the distance to each label's nearest template."""

    bodies: Bodies
    squared: npt.NDArray[np.float32]  # (N, templates), weighted, not yet normalised
    label_distance: FloatArray  # (N, labels)

    def rows(self, chosen: IntArray) -> Matches:
        b = self.bodies
        bodies = Bodies(
            vectors=b.vectors[chosen],
            scale=b.scale[chosen],
            visible=b.visible[chosen],
            visibility=b.visibility[chosen],
            shoulder_span=b.shoulder_span[chosen],
            hip_span=b.hip_span[chosen],
        )
        return Matches(bodies, self.squared[chosen], self.label_distance[chosen])


CHUNK = 1024  # frames per matrix product, to keep memory small


class Recogniser:
    def __init__(self, templates: Sequence[Template]) -> None:
        if not templates:
            raise ValueError("recognition needs at least one template")
        self.labels: list[str] = sorted({t.label for t in templates})
        label_index = {label: i for i, label in enumerate(self.labels)}
        ordered = sorted(templates, key=lambda t: label_index[t.label])
        rows, owners, names = [], [], []
        for template in ordered:
            for view in TEMPLATE_VIEWS:
                rows.append(
                    frame_from_angles(template.angles, view, out_of_plane=template.out_of_plane)
                )
                owners.append(label_index[template.label])
                names.append(template.keyframe)
        features = normalise(np.stack(rows)).vectors[:, 0].reshape(len(rows), -1) * WEIGHTS
        self.template_rows = features
        self._features_t = np.ascontiguousarray(features.T, dtype=np.float32)
        self._norms = (features * features).sum(axis=1).astype(np.float32)
        self.template_label = np.asarray(owners, dtype=np.intp)
        self.template_keyframe = names
        self._label_starts = np.searchsorted(self.template_label, np.arange(len(self.labels)))
        self._label_ends = np.append(self._label_starts[1:], len(owners))
        self.is_negative = np.array([label.startswith(NEGATIVE_PREFIX) for label in self.labels])
        self._templates = ordered
        self._spread = np.ones(len(self.labels))

    def calibrate(self, rng: np.random.Generator, per_label: int = CALIBRATION_SAMPLES) -> None:
        """Widen the acceptance of poses whose generated bodies spread further from their
        templates (a leg turned out of plane moves more than a straight back), by the
        square root of each label's median distance on varied synthetic bodies."""
        raw = np.ones(len(self.labels))
        self._spread = np.ones(len(self.labels))
        for index, label in enumerate(self.labels):
            poses = [t.angles for t in self._templates if t.label == label]
            turns = next(t.out_of_plane for t in self._templates if t.label == label)
            frames = varied_frames(poses, per_label, rng, out_of_plane=turns)
            raw[index] = np.median(self.match(normalise(frames)).label_distance[:, index])
        self._spread = np.sqrt(raw / raw.mean())

    def match(self, bodies: Bodies) -> Matches:
        count = len(bodies.scale)
        flat = (bodies.vectors.reshape(count * READINGS, -1) * WEIGHTS).astype(np.float32)
        squared = np.empty((count, len(self.template_label)), dtype=np.float32)
        for start in range(0, count, CHUNK):
            rows = flat[start * READINGS : (start + CHUNK) * READINGS]
            product = rows @ self._features_t
            product *= -2.0
            product += (rows * rows).sum(axis=1)[:, None]
            product += self._norms[None, :]
            squared[start : start + CHUNK] = product.reshape(-1, READINGS, product.shape[1]).min(
                axis=1
            )
        label_squared = np.minimum.reduceat(squared, self._label_starts, axis=1)
        label_distance = np.sqrt(np.maximum(label_squared, 0.0) / WEIGHT_TOTAL) / self._spread
        return Matches(bodies, squared, label_distance)

    def nearest_template(self, matches: Matches, label: int) -> IntArray:
        """Per frame, the index of the nearest template of the given label."""
        start, end = int(self._label_starts[label]), int(self._label_ends[label])
        chosen: IntArray = matches.squared[:, start:end].argmin(axis=1) + start
        return chosen

    def best_reading(self, bodies: Bodies, template: IntArray) -> IntArray:
        """Per frame, the reading (mirror, limb swaps) that fits the given template best."""
        count = len(template)
        flat = bodies.vectors.reshape(count, READINGS, -1) * WEIGHTS
        gaps = flat - self.template_rows[template][:, None, :]
        chosen: IntArray = (gaps * gaps).sum(axis=2).argmin(axis=1)
        return chosen

    def decide(self, matches: Matches) -> tuple[IntArray, FloatArray]:
        """Per frame the recognised label index (-1 for none) and a confidence in 0..1."""
        d = matches.label_distance
        logits = -(d - d.min(axis=1, keepdims=True)) / SOFTMAX_TEMPERATURE
        probability = np.exp(logits)
        probability /= probability.sum(axis=1, keepdims=True)
        best = d.argmin(axis=1)
        rows = np.arange(len(best))
        nearest = d[rows, best]
        fit = np.clip((MATCH_LIMIT * 1.5 - nearest) / (MATCH_LIMIT * 0.5), 0.0, 1.0)
        negative_mass = probability[:, self.is_negative].sum(axis=1)
        confidence = np.where(self.is_negative[best], negative_mass, probability[rows, best] * fit)
        recognised = np.where(
            (~self.is_negative[best]) & (nearest <= MATCH_LIMIT) & matches.bodies.visible,
            best,
            -1,
        )
        return recognised.astype(np.intp), confidence

    def in_position(self, matches: Matches, label: int) -> BoolArray:
        """Whether each frame is in the given exercise's position: near enough to it and
        not nearer to any non-exercise pose. Other exercises do not count against it."""
        d = matches.label_distance
        own = d[:, label]
        negatives = d[:, self.is_negative]
        nearest_negative = (
            negatives.min(axis=1) if negatives.shape[1] else np.full_like(own, np.inf)
        )
        result: BoolArray = (own <= MATCH_LIMIT) & (own < nearest_negative) & matches.bodies.visible
        return result
