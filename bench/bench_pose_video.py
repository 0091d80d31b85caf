"""Hold time and repetitions on the pose-dev clips against their annotations.

Each clip is analysed twice, as `backcoach pose analyze` does it: recognising the
exercise on its own, and with the annotated exercise given (--exercise). The
expected hold is the annotated time in position: every phase for a flow (cat-cow
is in position throughout), otherwise the phases that are not transitions,
returns, neutral sitting, close-ups or end cards. Ends with one summary line.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path

import numpy as np

from backcoach.adapters.catalogue_files import load_catalogue
from backcoach.cli.pose_cmds import analyse_frames, detect_video

REPO = Path(__file__).resolve().parents[1]
POSE_DEV = REPO.parent / "shared" / "data" / "pose-dev"
CACHE = REPO / ".cache" / "pose-landmarks"  # git-ignored: measurements of unlicensed clips
NOT_IN_POSITION = re.compile(r"transition|return|neutral|end card|close-up", re.IGNORECASE)


def _expected(rows: list[dict[str, str]], flow: bool) -> tuple[float, int | None]:
    held = sum(
        float(r["end_s"]) - float(r["start_s"])
        for r in rows
        if flow or not NOT_IN_POSITION.search(r["label"])
    )
    count = re.match(r"\s*(\d+)", rows[0]["rep_count_total"])
    reps_counted = count is not None and "per side" not in rows[0]["rep_count_total"]
    return held, int(count.group(1)) if count and reps_counted else None


def _landmarks(file: str) -> tuple[np.ndarray, list[float], float]:
    cached = CACHE / (file.replace("/", "_") + ".npz")
    if not cached.is_file():
        frames, times, aspect = detect_video(POSE_DEV / file)
        CACHE.mkdir(parents=True, exist_ok=True)
        np.savez(cached, frames=frames, times=np.asarray(times), aspect=aspect)
    data = np.load(cached)
    return data["frames"], data["times"].tolist(), float(data["aspect"])


def main() -> None:
    with (POSE_DEV / "manifest.csv").open(newline="") as handle:
        label_of = {r["file"]: r["exercise"] for r in csv.DictReader(handle)}
    phases: dict[str, list[dict[str, str]]] = defaultdict(list)
    with (POSE_DEV / "videos" / "annotations.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            phases[row["file"]].append(row)
    catalogue = load_catalogue()
    hold_errors, reps_exact, reps_total, recognised_right = [], 0, 0, 0
    for file, rows in phases.items():
        exercise = label_of.get(file) or "none"
        known = exercise in catalogue
        flow = known and catalogue.get(exercise).dosage.mode.value == "flow"
        want_hold, want_reps = _expected(rows, flow) if known else (0.0, None)
        frames, times, aspect = _landmarks(file)
        auto = analyse_frames(frames, times, aspect, None)
        given = analyse_frames(frames, times, aspect, exercise) if known else auto
        recognised_right += (auto["exercise"] or "none") == exercise
        hold_errors.append(abs(given["hold_seconds"] - want_hold))
        line = (
            f"{file}: label {exercise}; recognised {auto['exercise'] or 'none'}; "
            f"hold {given['hold_seconds']:.1f} s (annotated {want_hold:.1f}); "
        )
        if want_reps is not None:
            reps_total += 1
            reps_exact += given["reps"] == want_reps
            line += f"reps {given['reps']} (annotated {want_reps})"
        else:
            line += f"reps {given['reps']} (not annotated as countable reps)"
        print(line)
        print("   timeline:", [(r["start"], r["end"], r["exercise"]) for r in auto["timeline"]])
    print(
        f"clips: {len(phases)} recognised: {recognised_right} "
        f"max_hold_error_s: {max(hold_errors):.2f} "
        f"mean_hold_error_s: {sum(hold_errors) / len(hold_errors):.2f} "
        f"reps_exact: {reps_exact}/{reps_total}"
    )


if __name__ == "__main__":
    main()
