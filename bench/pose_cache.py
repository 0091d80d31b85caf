"""Landmarks of the pose-dev photos, cached in .cache/pose-landmarks/ (git-ignored).

The cache holds measurements of files that must not be committed; it lives only
on the machine that measures.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
POSE_DEV = REPO.parent / "shared" / "data" / "pose-dev"
CACHE = REPO / ".cache" / "pose-landmarks"


def manifest_images() -> list[dict[str, str]]:
    with (POSE_DEV / "manifest.csv").open(newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["kind"] == "image"]


def cached_landmarks(model: str = "full") -> dict[str, dict[str, object]]:
    """file -> {"landmarks": 33x4 list or None, "aspect": float}; detects what is missing."""
    cache_file = CACHE / f"{model}.json"
    cache: dict[str, dict[str, object]] = {}
    if cache_file.is_file():
        cache = json.loads(cache_file.read_text())
    # Photos with no person found are tried again once the detector learns a new trick
    # (entries from before the retry with a margin carry no "margin" key).
    rows = [
        row
        for row in manifest_images()
        if row["sha256"] not in cache
        or (cache[row["sha256"]]["landmarks"] is None and "margin" not in cache[row["sha256"]])
    ]
    if rows:
        from backcoach.adapters.pose_mediapipe import MediaError, PoseDetector

        with PoseDetector(model) as detector:  # type: ignore[arg-type]
            for i, row in enumerate(rows):
                try:
                    found = detector.image(POSE_DEV / row["file"])
                    marks = None if found.landmarks is None else found.landmarks.round(5).tolist()
                    cache[row["sha256"]] = {"landmarks": marks, "aspect": found.aspect}
                except MediaError:
                    cache[row["sha256"]] = {"landmarks": None, "aspect": 1.0}
                if cache[row["sha256"]]["landmarks"] is None:
                    cache[row["sha256"]]["margin"] = True
                if i % 50 == 0:
                    print(f"detected {i}/{len(rows)}", file=sys.stderr)
        CACHE.mkdir(parents=True, exist_ok=True)
        cache_file.write_text(json.dumps(cache))
    return cache


if __name__ == "__main__":
    cached_landmarks(sys.argv[1] if len(sys.argv) > 1 else "full")
