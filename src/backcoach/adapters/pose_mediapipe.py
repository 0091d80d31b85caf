"""MediaPipe PoseLandmarker in Python, for photos and recorded videos.

Needs the optional extra ``backcoach[camera]`` (mediapipe 0.10.21); it is imported
only when a detector is made, so the rest of backcoach works without it. The
models are the ``.task`` bundles shipped in ``backcoach/models``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import numpy as np

from backcoach.core.pose.landmarks import LANDMARK_COUNT, FloatArray

ModelName = Literal["lite", "full"]
# Margin added on every side, as a share of the longer side, when a photo is retried.
MARGIN = 0.15


class CameraExtraMissing(RuntimeError):
    """mediapipe is not installed."""


class MediaError(ValueError):
    """An image or video that cannot be read."""


def model_path(name: ModelName = "full") -> Path:
    path = Path(str(resources.files("backcoach") / "models" / f"pose_landmarker_{name}.task"))
    if not path.is_file():
        raise FileNotFoundError(f"pose model bundle is missing: {path}")
    return path


def _mediapipe() -> Any:
    try:
        import mediapipe
    except ImportError as error:
        raise CameraExtraMissing(
            "the camera coach needs mediapipe: pip install 'backcoach[camera]'"
        ) from error
    return mediapipe


@dataclass(frozen=True)
class Detection:
    """Landmarks (33, 4) of the first person found, or None, and the image's width/height."""

    landmarks: FloatArray | None
    aspect: float


def _as_array(result: Any) -> FloatArray | None:
    if not result.pose_landmarks:
        return None
    person = result.pose_landmarks[0]
    out = np.empty((LANDMARK_COUNT, 4))
    for i, point in enumerate(person):
        out[i] = (point.x, point.y, point.z, point.visibility)
    return out


def _read_pixels(path: Path) -> Any:
    """RGB pixels (H, W, 3); reads with OpenCV so webp, png, jpg and grey images all work."""
    import cv2

    pixels = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if pixels is None:
        raise MediaError(f"{path}: not a readable image")
    return np.ascontiguousarray(cv2.cvtColor(pixels, cv2.COLOR_BGR2RGB))


@contextmanager
def _native_logs_muted() -> Iterator[None]:
    """MediaPipe's C++ side logs start-up chatter (no GPU, XNNPACK) straight to fd 2;
    hide it so the CLI prints only what the person needs. Python errors still show."""
    try:
        saved = os.dup(2)
    except OSError:  # no usable stderr: nothing to hide
        yield
        return
    sys.stderr.flush()
    with Path(os.devnull).open("w") as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


class PoseDetector:
    """Wraps PoseLandmarker; one per thread. Use as a context manager."""

    def __init__(self, model: ModelName = "full", *, video: bool = False) -> None:
        mp = _mediapipe()
        self._mp = mp
        vision = mp.tasks.vision
        mode = vision.RunningMode.VIDEO if video else vision.RunningMode.IMAGE
        options = vision.PoseLandmarkerOptions(
            base_options=mp.tasks.BaseOptions(model_asset_path=str(model_path(model))),
            running_mode=mode,
            num_poses=1,
            min_pose_detection_confidence=0.3,
            min_pose_presence_confidence=0.3,
            min_tracking_confidence=0.3,
        )
        with _native_logs_muted():
            self._landmarker = vision.PoseLandmarker.create_from_options(options)
        self._warm = False

    @contextmanager
    def _first_call_muted(self) -> Iterator[None]:
        if self._warm:
            yield
            return
        with _native_logs_muted():
            yield
        self._warm = True

    def __enter__(self) -> PoseDetector:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._landmarker.close()

    def image(self, path: Path) -> Detection:
        """The person in a photo. When none is found, the photo is tried once more with a
        margin around it: the person detector misses people who fill the picture or run
        off its edges (a body lying across a cropped photo), and finds them with room."""
        pixels = _read_pixels(path)
        height, width = pixels.shape[:2]
        with self._first_call_muted():
            result = self._landmarker.detect(self._image(pixels))
        landmarks = _as_array(result)
        if landmarks is None:
            landmarks = self._detect_with_margin(pixels)
        return Detection(landmarks, width / height)

    def _image(self, rgb: Any) -> Any:
        return self._mp.Image(image_format=self._mp.ImageFormat.SRGB, data=rgb)

    def _detect_with_margin(self, rgb: Any) -> FloatArray | None:
        import cv2

        height, width = rgb.shape[:2]
        pad = round(max(height, width) * MARGIN)
        # Fill the margin with the picture's own background: the median edge colour.
        edges = np.concatenate([rgb[0], rgb[-1], rgb[:, 0], rgb[:, -1]])
        fill = tuple(int(c) for c in np.median(edges, axis=0))
        padded = cv2.copyMakeBorder(rgb, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=fill)
        landmarks = _as_array(self._landmarker.detect(self._image(np.ascontiguousarray(padded))))
        if landmarks is None:
            return None
        # Back to the original picture's coordinates (points may now lie outside 0..1).
        landmarks[:, 0] = (landmarks[:, 0] * (width + 2 * pad) - pad) / width
        landmarks[:, 1] = (landmarks[:, 1] * (height + 2 * pad) - pad) / height
        landmarks[:, 2] *= (width + 2 * pad) / width
        return landmarks

    @staticmethod
    def frame_rate(path: Path) -> float:
        import cv2

        capture = cv2.VideoCapture(str(path))
        try:
            if not capture.isOpened():
                raise MediaError(f"{path}: not a readable video")
            return float(capture.get(cv2.CAP_PROP_FPS) or 30.0)
        finally:
            capture.release()

    def video(self, path: Path, *, every: int = 1) -> Iterator[tuple[float, Detection]]:
        """(seconds, detection) for every ``every``-th frame, timestamps from the file."""
        import cv2

        capture = cv2.VideoCapture(str(path))
        if not capture.isOpened():
            raise MediaError(f"{path}: not a readable video")
        fps = capture.get(cv2.CAP_PROP_FPS) or 30.0
        index = 0
        try:
            while True:
                ok, pixels = capture.read()
                if not ok:
                    break
                if index % every == 0:
                    seconds = index / fps
                    rgb = np.ascontiguousarray(cv2.cvtColor(pixels, cv2.COLOR_BGR2RGB))
                    picture = self._mp.Image(image_format=self._mp.ImageFormat.SRGB, data=rgb)
                    with self._first_call_muted():
                        result = self._landmarker.detect_for_video(picture, int(seconds * 1000))
                    yield seconds, Detection(_as_array(result), picture.width / picture.height)
                index += 1
        finally:
            capture.release()
