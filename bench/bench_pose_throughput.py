"""Landmark frames judged per second on one core, and time per frame.

Batches: 20,000 frames judged by Coach.update_many (recognition, form
checks, hold timer, reps, cues), as a server does when it gathers the frames of
many connections. Single: Coach.update one frame at a time (p50/p99 ms). The
frames are synthetic bodies from the catalogue's keyframes. Ends with one line.
"""

from __future__ import annotations

import os

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"  # one core, before numpy loads its BLAS

import time  # noqa: E402

import numpy as np  # noqa: E402

from backcoach.adapters.catalogue_files import load_catalogue  # noqa: E402
from backcoach.adapters.pose_specs import build_pose_model  # noqa: E402
from backcoach.core.pose.coach import Coach  # noqa: E402
from backcoach.core.pose.synth import varied_frames  # noqa: E402


def main() -> None:
    catalogue = load_catalogue()
    started = time.perf_counter()
    model = build_pose_model(catalogue)
    build_seconds = time.perf_counter() - started
    rng = np.random.default_rng(1)
    poses = [k.angles for e in catalogue for k in e.figure.keyframes]
    frames = varied_frames(poses, 2000, rng)
    batch = np.concatenate([frames] * 10)  # 20,000 frames
    times = np.arange(len(batch)) / 30.0
    Coach(model).update_many(batch[:500], times[:500])  # warm up
    best = np.inf
    for _ in range(3):
        coach = Coach(model, "glute-bridge")
        started = time.perf_counter()
        coach.update_many(batch, times)
        best = min(best, time.perf_counter() - started)
    batch_fps = len(batch) / best
    judge_best = np.inf
    for _ in range(3):
        started = time.perf_counter()
        model.judge(batch, 1.0, "glute-bridge")
        judge_best = min(judge_best, time.perf_counter() - started)
    coach = Coach(model)
    single = []
    for i in range(2000):
        started = time.perf_counter()
        coach.update(frames[i], i / 30.0)
        single.append(time.perf_counter() - started)
    ms = np.array(single) * 1000
    print(
        f"frames_per_second: {batch_fps:.0f} judge_only_frames_per_second: {len(batch) / judge_best:.0f} "
        f"single_frames_per_second: {1000 / ms.mean():.0f} single_p50_ms: {np.percentile(ms, 50):.3f} "
        f"single_p99_ms: {np.percentile(ms, 99):.3f} templates: {model.recogniser.template_label.size} "
        f"build_seconds: {build_seconds:.2f}"
    )


if __name__ == "__main__":
    main()
