"""Landmarks -> the skeleton's segment language, ready to compare with keyframes.

Each frame becomes 13 segment vectors (trunk, neck, face, and per limb pair the
near and far upper arm, forearm, thigh, shin, foot) in a person-faces-right side
view with y up, each divided by the body's scale and its nominal length, so a
segment seen exactly side-on has length 1 and points the way skeleton.py's angle
says; a segment pointing at the camera shrinks toward 0.

Which way the person faces and which limb is near the camera cannot be trusted
from one frame (pose models swap left and right in side views), so every frame
is given in all 8 readings: mirrored or not, arms swapped or not, legs swapped or
not. Recognition keeps the reading that fits best.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from backcoach.core.pose import landmarks as lm
from backcoach.core.pose.landmarks import FloatArray

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.intp]

FEATURE_SEGMENTS: tuple[str, ...] = (
    "trunk",
    "neck",
    "face",
    "near_upper_arm",
    "near_forearm",
    "far_upper_arm",
    "far_forearm",
    "near_thigh",
    "near_shin",
    "near_foot",
    "far_thigh",
    "far_shin",
    "far_foot",
)
SEGMENT_INDEX = {name: i for i, name in enumerate(FEATURE_SEGMENTS)}

# Nominal lengths in body heights, matching skeleton.py and synth.py.
NOMINAL_LENGTH: dict[str, float] = {
    "trunk": 0.30,
    "neck": 0.11,
    "face": 0.06,
    "upper_arm": 0.17,
    "forearm": 0.17,
    "thigh": 0.245,
    "shin": 0.25,
    "foot": 0.105,
}
READINGS = 8  # mirrored x arms swapped x legs swapped; reading 0 is "as seen, right = near"

# A body part counts as seen when its better side is at least this visible and in the picture.
VISIBILITY_THRESHOLD = 0.5
_GROUPS = (lm.SHOULDERS, lm.HIPS, lm.KNEES, lm.ANKLES)


@dataclass(frozen=True)
class Bodies:
    """N frames in segment language. ``vectors`` has shape (N, 8 readings, 13, 2)."""

    vectors: FloatArray
    scale: FloatArray  # body height in image-height units, (N,)
    visible: BoolArray  # (N,)
    visibility: FloatArray  # the worst body part's visibility, (N,)
    shoulder_span: FloatArray  # apparent shoulder width / nominal, (N,)
    hip_span: FloatArray  # apparent hip width / nominal, (N,)

    def reading(self, chosen: IntArray) -> FloatArray:
        """The (N, 13, 2) vectors of one chosen reading per frame."""
        chosen_vectors: FloatArray = self.vectors[np.arange(len(chosen)), chosen]
        return chosen_vectors


def _pair_vectors(points: FloatArray, start: tuple[int, int], end: tuple[int, int]) -> FloatArray:
    """(N, 2 sides [left, right], 2) vectors from start to end landmarks."""
    return points[:, list(end)] - points[:, list(start)]


def _length(v: FloatArray) -> FloatArray:
    return np.asarray(np.sqrt((v * v).sum(axis=-1)), dtype=np.float64)


def _scale(trunk: FloatArray, thighs: FloatArray, shins: FloatArray) -> FloatArray:
    """Body height from the least foreshortened of torso and legs, robust to one bad leg."""
    legs = np.concatenate(
        [_length(thighs) / NOMINAL_LENGTH["thigh"], _length(shins) / NOMINAL_LENGTH["shin"]], axis=1
    )
    second_best_leg = np.sort(legs, axis=1)[:, -2]
    scale = np.maximum(_length(trunk) / NOMINAL_LENGTH["trunk"], second_best_leg)
    return np.maximum(scale, 1e-6)


def visibility_of(frames: FloatArray) -> tuple[BoolArray, FloatArray]:
    """Whether shoulders, hips, knees and ankles are each seen on at least one side."""
    vis = frames[..., 3]
    xy = frames[..., :2]
    inside = ((xy > -0.02) & (xy < 1.02)).all(axis=-1)
    seen = np.where(inside, vis, 0.0)
    worst = np.min([seen[:, list(group)].max(axis=1) for group in _GROUPS], axis=0)
    return worst >= VISIBILITY_THRESHOLD, worst


def normalise(frames: FloatArray, aspect: float = 1.0) -> Bodies:
    """Segment vectors of every frame in all 8 readings (see the module docstring)."""
    points = np.empty((*frames.shape[:2], 2))
    points[..., 0] = frames[..., 0] * aspect
    points[..., 1] = -frames[..., 1]
    mid_hip = points[:, list(lm.HIPS)].mean(axis=1)
    mid_shoulder = points[:, list(lm.SHOULDERS)].mean(axis=1)
    mid_ear = points[:, [lm.LEFT_EAR, lm.RIGHT_EAR]].mean(axis=1)
    trunk = mid_shoulder - mid_hip
    upper_arms = _pair_vectors(points, lm.SHOULDERS, lm.ELBOWS)
    forearms = _pair_vectors(points, lm.ELBOWS, lm.WRISTS)
    thighs = _pair_vectors(points, lm.HIPS, lm.KNEES)
    shins = _pair_vectors(points, lm.KNEES, lm.ANKLES)
    feet = _pair_vectors(points, lm.HEELS, lm.FEET)
    scale = _scale(trunk, thighs, shins)
    per = scale[:, None, None]
    n = NOMINAL_LENGTH
    arms = np.stack([upper_arms / (per * n["upper_arm"]), forearms / (per * n["forearm"])], axis=2)
    legs = np.stack(
        [thighs / (per * n["thigh"]), shins / (per * n["shin"]), feet / (per * n["foot"])], axis=2
    )
    core = np.stack(
        [
            trunk / (scale[:, None] * n["trunk"]),
            (mid_ear - mid_shoulder) / (scale[:, None] * n["neck"]),
            (points[:, lm.NOSE] - mid_ear) / (scale[:, None] * n["face"]),
        ],
        axis=1,
    )
    vectors = np.empty((len(frames), READINGS, len(FEATURE_SEGMENTS), 2))
    for reading in range(READINGS):
        mirrored, arms_swapped, legs_swapped = reading >> 2, (reading >> 1) & 1, reading & 1
        near_arm, far_arm = (0, 1) if arms_swapped else (1, 0)
        near_leg, far_leg = (0, 1) if legs_swapped else (1, 0)
        block = vectors[:, reading]
        block[:, 0:3] = core
        block[:, 3:5] = arms[:, near_arm]
        block[:, 5:7] = arms[:, far_arm]
        block[:, 7:10] = legs[:, near_leg]
        block[:, 10:13] = legs[:, far_leg]
        if mirrored:
            block[..., 0] *= -1.0
    visible, visibility = visibility_of(frames)
    shoulder_span = _length(points[:, lm.LEFT_SHOULDER] - points[:, lm.RIGHT_SHOULDER])
    hip_span = _length(points[:, lm.LEFT_HIP] - points[:, lm.RIGHT_HIP])
    return Bodies(
        vectors=vectors,
        scale=scale,
        visible=visible,
        visibility=visibility,
        shoulder_span=shoulder_span / (scale * 0.21),
        hip_span=hip_span / (scale * 0.12),
    )


def segment_angles(vectors: FloatArray) -> FloatArray:
    """Directions in degrees (-180..180] of (..., 13, 2) segment vectors."""
    return np.asarray(np.degrees(np.arctan2(vectors[..., 1], vectors[..., 0])), dtype=np.float64)
