"""`backcoach pose`: photos and videos judged from the terminal."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest


def backcoach(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backcoach.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"COLUMNS": "120", "PATH": "/usr/bin:/bin"},
    )


def test_a_missing_photo_is_one_clear_line_and_status_2(tmp_path):
    result = backcoach("pose", "classify", str(tmp_path / "nothing.jpg"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: {tmp_path / 'nothing.jpg'}: no such file"


def test_an_unknown_exercise_for_analyze_is_refused(tmp_path):
    pytest.importorskip("mediapipe", reason="needs the camera extra")
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"")
    result = backcoach("pose", "analyze", str(clip), "--exercise", "handstand")
    assert result.returncode == 2
    assert "no camera templates for 'handstand'" in result.stderr


def test_classify_json_names_the_exercise_of_a_real_photo(shared_dir):
    pytest.importorskip("mediapipe", reason="needs the camera extra")
    pose_dev = shared_dir / "data" / "pose-dev"
    with (pose_dev / "manifest.csv").open(newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["exercise"] == "downward-dog"]
    photo = pose_dev / rows[0]["file"]
    result = backcoach("pose", "classify", str(photo), "--json")
    assert result.returncode == 0, result.stderr
    (report,) = json.loads(result.stdout)
    assert set(report) == {"file", "exercise", "confidence", "visible", "checks"}
    assert report["file"] == str(photo)
    assert report["exercise"] == "downward-dog"
    assert all(set(check) == {"id", "ok", "cue", "advice"} for check in report["checks"])
    advice = {c["id"]: c["advice"] for c in report["checks"]}
    assert advice["chest-toward-thighs"] and not advice["hips-high"]  # a depth, the position


def test_analyze_counts_the_bridges_in_a_real_clip(shared_dir):
    pytest.importorskip("mediapipe", reason="needs the camera extra")
    clip = Path(shared_dir) / "data/pose-dev/videos/bridge/weighted_glute_bridge_3reps.mp4"
    result = backcoach("pose", "analyze", str(clip), "--json", "--fps", "10")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["exercise"] == "glute-bridge"
    assert report["reps"] == 3
    assert "glute-bridge" in {run["exercise"] for run in report["timeline"]}
