"""A stand-in catalogue with the 18 ids of issue 2, for planner and session unit tests.

Each fake borrows the shipped knee-to-chest text and figure and changes what the
planner reads (position, kind, equipment, level, dosage), so unit tests do not
depend on how complete the shipped catalogue is.
"""

from __future__ import annotations

from typing import Any

from backcoach.adapters.catalogue_files import load_exercise_file, shipped_catalogue_dir
from backcoach.core.catalogue import BEND_CAUTION, Breath, Catalogue, Dosage, Exercise, Range

ALL_IDS = (
    "pelvic-tilt", "knee-to-chest", "double-knee-to-chest", "cat-cow", "childs-pose", "bird-dog",
    "glute-bridge", "downward-dog", "standing-hip-hinge", "standing-forward-fold",
    "seated-forward-fold", "bar-hang", "wall-bar-stretch", "hyperextension-bench-hang",
    "fitball-back-stretch", "figure-four-stretch", "seated-spinal-twist", "sphinx",
)  # fmt: skip

INHALE = "Breathe in, let the belly drop."
EXHALE = "Breathe out, round your back."


def r(default: int, low: int, high: int) -> Range:
    return Range(default=default, min=low, max=high)


TWO_SETS = Range(default=2, min=1, max=3)


def hold(seconds: Range, sets: Range = TWO_SETS, per_side: bool = False) -> Dosage:
    return Dosage(mode="hold", hold_seconds=seconds, sets=sets, per_side=per_side)


def reps(count: Range, cadence: float, sets: Range = TWO_SETS, per_side: bool = False) -> Dosage:
    return Dosage(mode="reps", reps=count, rep_seconds=cadence, sets=sets, per_side=per_side)


def flow(cycles: Range) -> Dosage:
    breath = Breath(inhale_seconds=3, exhale_seconds=3, inhale_cue=INHALE, exhale_cue=EXHALE)
    return Dosage(mode="flow", reps=cycles, breath=breath, sets=r(1, 1, 2))


# id: kind, position, also positions, equipment, targets, level, dosage
SPECS: dict[str, tuple[str, str, list[str], list[str], list[str], str, Dosage]] = {
    "pelvic-tilt": ("mobility", "supine", [], ["mat"], ["lower-back", "core"], "beginner", reps(r(10, 5, 15), 4, r(1, 1, 2))),
    "double-knee-to-chest": ("stretch", "supine", [], ["mat"], ["lower-back", "glutes"], "beginner", hold(r(20, 15, 30))),
    "cat-cow": ("mobility", "quadruped", [], ["mat"], ["spine", "lower-back"], "beginner", flow(r(8, 5, 12))),
    "childs-pose": ("stretch", "kneeling", ["quadruped"], ["mat"], ["lower-back", "shoulders"], "beginner", hold(r(30, 20, 60), r(1, 1, 3))),
    "bird-dog": ("strength", "quadruped", [], ["mat"], ["core", "lower-back"], "intermediate", reps(r(8, 6, 10), 4, per_side=True)),
    "glute-bridge": ("strength", "supine", [], ["mat"], ["glutes", "core"], "beginner", reps(r(10, 8, 15), 4)),
    "downward-dog": ("stretch", "quadruped", [], ["mat"], ["hamstrings", "calves", "spine"], "intermediate", hold(r(30, 20, 45))),
    "standing-hip-hinge": ("stretch", "standing", [], ["none"], ["spine", "lower-back", "hamstrings"], "beginner", hold(r(20, 15, 30))),
    "standing-forward-fold": ("stretch", "standing", [], ["none"], ["hamstrings", "lower-back"], "beginner", hold(r(30, 20, 45))),
    "seated-forward-fold": ("stretch", "seated", [], ["strap", "mat"], ["hamstrings", "lower-back"], "beginner", hold(r(30, 20, 60))),
    "bar-hang": ("stretch", "hanging", [], ["pull-up-bar"], ["spine", "shoulders"], "intermediate", hold(r(20, 10, 30), r(3, 1, 4))),
    "wall-bar-stretch": ("stretch", "hanging", [], ["wall-bars"], ["spine", "shoulders"], "intermediate", hold(r(20, 10, 30))),
    "hyperextension-bench-hang": ("stretch", "bench", [], ["bench"], ["lower-back", "hamstrings"], "advanced", hold(r(20, 10, 30))),
    "fitball-back-stretch": ("stretch", "ball", [], ["ball"], ["spine", "abdominals"], "intermediate", hold(r(30, 20, 45))),
    "figure-four-stretch": ("stretch", "supine", [], ["mat"], ["piriformis", "glutes"], "beginner", hold(r(30, 20, 45), per_side=True)),
    "seated-spinal-twist": ("stretch", "seated", [], ["mat"], ["spine", "obliques"], "beginner", hold(r(30, 20, 45), per_side=True)),
    "sphinx": ("stretch", "prone", [], ["mat"], ["lower-back", "abdominals"], "beginner", hold(r(30, 20, 60))),
}  # fmt: skip
# Which way each fake bends the spine, as the shipped files mark it.
BENDS: dict[str, list[str]] = {
    "knee-to-chest": ["forward"], "double-knee-to-chest": ["forward"], "cat-cow": ["forward", "backward"],
    "childs-pose": ["forward"], "standing-forward-fold": ["forward"], "seated-forward-fold": ["forward"],
    "hyperextension-bench-hang": ["forward"], "fitball-back-stretch": ["backward"], "sphinx": ["backward"],
}  # fmt: skip


def base_exercise() -> Exercise:
    return load_exercise_file(shipped_catalogue_dir() / "knee-to-chest.yaml")


def fake_exercise(exercise_id: str, base: Exercise | None = None) -> Exercise:
    base = base or base_exercise()
    if exercise_id == "knee-to-chest":
        return base
    kind, position, also, equipment, targets, level, dosage = SPECS[exercise_id]
    fields: dict[str, Any] = {
        "id": exercise_id,
        "name": exercise_id.replace("-", " ").capitalize(),
        "kind": kind,
        "position": position,
        "also_positions": also,
        "equipment": equipment,
        "targets": targets,
        "level": level,
        "bends": BENDS.get(exercise_id, []),
        "dosage": dosage.model_dump(),
    }
    data = base.model_dump()
    data["cautions"] = [c for c in data["cautions"] if c != BEND_CAUTION]
    data.update(fields)
    return Exercise.model_validate(data)


def fake_catalogue(ids: tuple[str, ...] = ALL_IDS) -> Catalogue:
    base = base_exercise()
    return Catalogue([fake_exercise(exercise_id, base) for exercise_id in ids])
