"""MediaPipe's 33 pose landmarks: the indices this package reads, and input checks.

A frame is an array of shape (33, 4): x, y (normalised to the image width and
height, y growing downwards), z (depth, smaller is nearer the camera) and
visibility (0..1). A batch of frames has shape (N, 33, 4).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

LANDMARK_COUNT = 33

NOSE = 0
LEFT_EAR, RIGHT_EAR = 7, 8
LEFT_SHOULDER, RIGHT_SHOULDER = 11, 12
LEFT_ELBOW, RIGHT_ELBOW = 13, 14
LEFT_WRIST, RIGHT_WRIST = 15, 16
LEFT_HIP, RIGHT_HIP = 23, 24
LEFT_KNEE, RIGHT_KNEE = 25, 26
LEFT_ANKLE, RIGHT_ANKLE = 27, 28
LEFT_HEEL, RIGHT_HEEL = 29, 30
LEFT_FOOT, RIGHT_FOOT = 31, 32

# (left, right) pairs per body part, in one order used everywhere.
SHOULDERS = (LEFT_SHOULDER, RIGHT_SHOULDER)
ELBOWS = (LEFT_ELBOW, RIGHT_ELBOW)
WRISTS = (LEFT_WRIST, RIGHT_WRIST)
HIPS = (LEFT_HIP, RIGHT_HIP)
KNEES = (LEFT_KNEE, RIGHT_KNEE)
ANKLES = (LEFT_ANKLE, RIGHT_ANKLE)
HEELS = (LEFT_HEEL, RIGHT_HEEL)
FEET = (LEFT_FOOT, RIGHT_FOOT)

# Every landmark's mirror partner (left <-> right), for flipping a frame.
MIRROR_ORDER: tuple[int, ...] = (
    0,
    4,
    5,
    6,
    1,
    2,
    3,
    8,
    7,
    10,
    9,
    *(i + 1 if i % 2 else i - 1 for i in range(11, 33)),
)


class LandmarkError(ValueError):
    """Landmarks of the wrong shape or with values that are not numbers."""


def as_frames(landmarks: Any) -> FloatArray:
    """Accept one frame (33, 4) or a batch (N, 33, 4); return a float batch.

    Three columns (no visibility) are accepted and read as fully visible.
    """
    frames = np.asarray(landmarks, dtype=np.float64)
    if frames.ndim == 2:
        frames = frames[None]
    if frames.ndim != 3 or frames.shape[1] != LANDMARK_COUNT or frames.shape[2] not in (3, 4):
        raise LandmarkError(
            f"expected landmarks of shape (33, 4) or (N, 33, 4), got {tuple(frames.shape)}"
        )
    if frames.shape[2] == 3:
        frames = np.concatenate([frames, np.ones((*frames.shape[:2], 1))], axis=2)
    if not np.isfinite(frames).all():
        raise LandmarkError("landmarks contain NaN or infinite values")
    return frames


def mirror_frames(frames: FloatArray) -> FloatArray:
    """The same body seen in a mirror: x flipped, left and right swapped."""
    flipped = frames[:, list(MIRROR_ORDER)].copy()
    flipped[..., 0] = 1.0 - flipped[..., 0]
    return flipped
