"""MediaPipe on a few real photos from ../shared (measuring only; nothing is stored)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

pytest.importorskip("mediapipe", reason="needs the camera extra: pip install 'backcoach[camera]'")

from backcoach.adapters.pose_mediapipe import MediaError, PoseDetector


def _photos(shared_dir: Path, exercise: str, count: int) -> list[Path]:
    pose_dev = shared_dir / "data" / "pose-dev"
    with (pose_dev / "manifest.csv").open(newline="") as handle:
        rows = [
            r for r in csv.DictReader(handle) if r["kind"] == "image" and r["exercise"] == exercise
        ]
    return [pose_dev / r["file"] for r in rows[:count]]


@pytest.fixture(scope="module")
def pose_model():
    from backcoach.adapters.pose_specs import shipped_pose_model

    return shipped_pose_model()


@pytest.fixture(scope="module")
def detector():
    with PoseDetector("full") as found:
        yield found


def test_a_person_is_found_and_the_downward_dog_recognised(shared_dir, detector, pose_model):
    photos = _photos(shared_dir, "downward-dog", 5)
    found = [detector.image(path) for path in photos]
    assert all(f.landmarks is not None and f.landmarks.shape == (33, 4) for f in found)
    names = [pose_model.classify(f.landmarks, f.aspect).exercise for f in found]
    assert names.count("downward-dog") >= 4


def test_photos_of_other_poses_are_mostly_none(shared_dir, detector, pose_model):
    photos = _photos(shared_dir, "none", 8)
    found = [detector.image(path) for path in photos]
    names = [
        None if f.landmarks is None else pose_model.classify(f.landmarks, f.aspect).exercise
        for f in found
    ]
    assert names.count(None) >= 6


def test_a_file_that_is_not_an_image_is_a_clear_error(tmp_path, detector):
    bogus = tmp_path / "notes.jpg"
    bogus.write_text("not a picture")
    with pytest.raises(MediaError, match=r"notes\.jpg: not a readable image"):
        detector.image(bogus)


def test_the_retry_with_a_margin_reports_points_in_the_photo_s_own_coordinates(
    shared_dir, detector
):
    from backcoach.adapters.pose_mediapipe import _read_pixels

    path = _photos(shared_dir, "downward-dog", 1)[0]
    plain = detector.image(path).landmarks
    padded = detector._detect_with_margin(_read_pixels(path))
    assert plain is not None and padded is not None
    seen = (plain[:, 3] > 0.5) & (padded[:, 3] > 0.5)
    gap = abs(plain[seen, :2] - padded[seen, :2]).max(axis=1)
    assert seen.sum() >= 15
    assert (gap < 0.05).mean() >= 0.9


def test_a_picture_with_nobody_in_it_finds_nobody_even_with_a_margin(tmp_path, detector):
    import cv2
    import numpy as np

    blank = tmp_path / "wall.png"
    cv2.imwrite(str(blank), np.full((120, 200, 3), 200, dtype=np.uint8))
    found = detector.image(blank)
    assert found.landmarks is None
    assert found.aspect == pytest.approx(200 / 120)
