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
# Knees need less: pose models report 0.3-0.5 for a leg hidden behind the hands (forward
# folds) or tucked under the body (child's pose) while still placing it about right.
# The ankles do not gate at all: photos and webcams often cut off the feet, and feet
# tucked under the body or behind the hands are reported as unseen, yet the trunk,
# hips and thighs decide the position (a body without its knees is still not seen).
VISIBILITY_THRESHOLD = 0.5
LEG_VISIBILITY_THRESHOLD = 0.3
_GROUPS = (lm.SHOULDERS, lm.HIPS, lm.KNEES)
_GROUP_THRESHOLDS = np.array([VISIBILITY_THRESHOLD, VISIBILITY_THRESHOLD, LEG_VISIBILITY_THRESHOLD])


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


def _length(v: FloatArray) -> FloatArray:
    return np.asarray(np.sqrt((v * v).sum(axis=-1)), dtype=np.float64)


def visibility_of(frames: FloatArray) -> tuple[BoolArray, FloatArray]:
    """Whether shoulders, hips and knees are each seen on at least one side, and the
    worst of their visibilities."""
    vis = frames[..., 3]
    xy = frames[..., :2]
    inside = ((xy > -0.02) & (xy < 1.02)).all(axis=-1)
    seen = np.where(inside, vis, 0.0)
    parts = np.stack([seen[:, list(group)].max(axis=1) for group in _GROUPS], axis=1)
    visible: BoolArray = (parts >= _GROUP_THRESHOLDS).all(axis=1)
    return visible, np.asarray(parts.min(axis=1), dtype=np.float64)


# Raw segments as (start, end) landmark indices; 33-35 are the hip, shoulder and ear midpoints.
_MID_HIP, _MID_SHOULDER, _MID_EAR = 33, 34, 35
_RAW_SEGMENTS: tuple[tuple[int, int], ...] = (
    (_MID_HIP, _MID_SHOULDER),  # 0 trunk
    (_MID_SHOULDER, _MID_EAR),  # 1 neck
    (_MID_EAR, lm.NOSE),  # 2 face
    *((lm.SHOULDERS[s], lm.ELBOWS[s]) for s in (0, 1)),  # 3 left, 4 right upper arm
    *((lm.ELBOWS[s], lm.WRISTS[s]) for s in (0, 1)),  # 5, 6 forearms
    *((lm.HIPS[s], lm.KNEES[s]) for s in (0, 1)),  # 7, 8 thighs
    *((lm.KNEES[s], lm.ANKLES[s]) for s in (0, 1)),  # 9, 10 shins
    *((lm.HEELS[s], lm.FEET[s]) for s in (0, 1)),  # 11, 12 feet
)
_RAW_STARTS = [start for start, _ in _RAW_SEGMENTS]
_RAW_ENDS = [end for _, end in _RAW_SEGMENTS]


def _reading_order() -> tuple[IntArray, FloatArray]:
    """Which raw segment fills each feature slot, and the x sign, for each reading."""
    order = np.empty((READINGS, len(FEATURE_SEGMENTS)), dtype=np.intp)
    sign = np.ones((READINGS, 1, 2))
    for reading in range(READINGS):
        mirrored, arms_swapped, legs_swapped = reading >> 2, (reading >> 1) & 1, reading & 1
        near_arm, far_arm = (0, 1) if arms_swapped else (1, 0)
        near_leg, far_leg = (0, 1) if legs_swapped else (1, 0)
        order[reading] = [
            0, 1, 2,
            3 + near_arm, 5 + near_arm, 3 + far_arm, 5 + far_arm,
            7 + near_leg, 9 + near_leg, 11 + near_leg,
            7 + far_leg, 9 + far_leg, 11 + far_leg,
        ]  # fmt: skip
        if mirrored:
            sign[reading, 0, 0] = -1.0
    return order, sign


_ORDER, _SIGN = _reading_order()
_NOMINAL = np.array(
    [NOMINAL_LENGTH[name.removeprefix("near_").removeprefix("far_")] for name in FEATURE_SEGMENTS]
)


def normalise(frames: FloatArray, aspect: float = 1.0) -> Bodies:
    """Segment vectors of every frame in all 8 readings (see the module docstring)."""
    count = len(frames)
    points = np.empty((count, lm.LANDMARK_COUNT + 3, 2))
    points[:, : lm.LANDMARK_COUNT, 0] = frames[..., 0] * aspect
    points[:, : lm.LANDMARK_COUNT, 1] = -frames[..., 1]
    pairs = points[:, [lm.LEFT_HIP, lm.LEFT_SHOULDER, lm.LEFT_EAR]]
    pairs += points[:, [lm.RIGHT_HIP, lm.RIGHT_SHOULDER, lm.RIGHT_EAR]]
    points[:, lm.LANDMARK_COUNT :] = pairs * 0.5
    raw = points[:, _RAW_ENDS] - points[:, _RAW_STARTS]  # (N, 13, 2)
    lengths = np.sqrt((raw * raw).sum(axis=2))
    scale = _scale_from_lengths(lengths)
    # Slot order of reading 0 equals raw order with left and right limbs swapped, so
    # dividing by nominal length per slot works on raw segments through _ORDER[0].
    raw /= scale[:, None, None] * _NOMINAL[np.argsort(_ORDER[0])][None, :, None]
    vectors = raw[:, _ORDER] * _SIGN[None]
    visible, visibility = visibility_of(frames)
    return Bodies(
        vectors=vectors,
        scale=scale,
        visible=visible,
        visibility=visibility,
        shoulder_span=_length(points[:, lm.LEFT_SHOULDER] - points[:, lm.RIGHT_SHOULDER])
        / (scale * 0.21),
        hip_span=_length(points[:, lm.LEFT_HIP] - points[:, lm.RIGHT_HIP]) / (scale * 0.12),
    )


def _scale_from_lengths(lengths: FloatArray) -> FloatArray:
    """Body height from the least foreshortened of torso and legs, robust to one bad leg."""
    legs = np.concatenate(
        [lengths[:, 7:9] / NOMINAL_LENGTH["thigh"], lengths[:, 9:11] / NOMINAL_LENGTH["shin"]],
        axis=1,
    )
    legs.sort(axis=1)
    scale = np.maximum(lengths[:, 0] / NOMINAL_LENGTH["trunk"], legs[:, -2])
    return np.asarray(np.maximum(scale, 1e-6), dtype=np.float64)


def segment_angles(vectors: FloatArray) -> FloatArray:
    """Directions in degrees (-180..180] of (..., 13, 2) segment vectors."""
    return np.asarray(np.degrees(np.arctan2(vectors[..., 1], vectors[..., 0])), dtype=np.float64)
