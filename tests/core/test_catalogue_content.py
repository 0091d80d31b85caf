"""What the shipped catalogue promises: every exercise from the seeds, in our own words, safely dosed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from backcoach.core.catalogue import Catalogue
from backcoach.core.options import DosageMode

EXPECTED_SEEDS = {
    "pelvic-tilt": {"000", "001", "003"},
    "knee-to-chest": {"000", "001", "003", "004"},
    "double-knee-to-chest": {"004"},
    "cat-cow": {"000", "001", "002", "003"},
    "childs-pose": {"000", "001", "003"},
    "bird-dog": {"001"},
    "glute-bridge": {"001"},
    "downward-dog": {"002"},
    "standing-hip-hinge": {"002"},
    "standing-forward-fold": {"002"},
    "seated-forward-fold": {"002"},
    "bar-hang": {"002"},
    "wall-bar-stretch": {"002"},
    "hyperextension-bench-hang": {"002"},
    "fitball-back-stretch": {"002"},
    "figure-four-stretch": {"003"},
    "seated-spinal-twist": {"003"},
    "sphinx": {"003"},
}
SHINGLE = 8


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", ""))


def shingles(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + SHINGLE]) for i in range(len(w) - SHINGLE + 1)}


def test_the_catalogue_has_exactly_the_exercises_of_the_seeds(catalogue: Catalogue) -> None:
    assert sorted(catalogue.ids) == sorted(EXPECTED_SEEDS)


@pytest.mark.parametrize("exercise_id", sorted(EXPECTED_SEEDS))
def test_each_exercise_cites_the_seed_files_it_comes_from(
    catalogue: Catalogue, exercise_id: str
) -> None:
    exercise = catalogue.get(exercise_id)
    cited = {name[:3] for name in exercise.seed_files}
    assert cited == EXPECTED_SEEDS[exercise_id]


def test_catalogue_text_is_written_in_our_own_words(catalogue: Catalogue, shared_dir: Path) -> None:
    seed_shingles: set[tuple[str, ...]] = set()
    for seed in sorted((shared_dir / "seeds").glob("0*.txt")):
        seed_shingles |= shingles(seed.read_text(encoding="utf-8"))
    copied = {
        (exercise.id, " ".join(run))
        for exercise in catalogue
        for text in exercise.texts()
        for run in shingles(text) & seed_shingles
    }
    assert copied == set(), "these runs of 8 words are copied from a seed article"


def test_the_own_words_check_would_catch_a_copied_sentence() -> None:
    seed = (
        "Sit back on your heels and extend your arms forward, resting your forehead on the floor."
    )
    ours = "Then sit back on your heels and extend your arms forward slowly."
    assert shingles(seed) & shingles(ours)


def test_every_exercise_has_cautions_and_stop_rules(catalogue: Catalogue) -> None:
    for exercise in catalogue:
        assert exercise.cautions and exercise.stop_if, exercise.id
        stop_text = " ".join(exercise.stop_if).lower()
        assert "pain" in stop_text, f"{exercise.id}: stop rules should name pain"


def test_no_text_promises_a_cure(catalogue: Catalogue) -> None:
    for exercise in catalogue:
        for text in exercise.texts():
            assert not re.search(r"\b(cure[sd]?|guarantee[sd]?|heals?)\b", text.lower()), (
                exercise.id,
                text,
            )


def test_knee_to_chest_range_covers_every_source(catalogue: Catalogue) -> None:
    hold = catalogue.get("knee-to-chest").dosage.hold_seconds
    assert hold is not None
    assert (hold.min, hold.max) == (20, 60)
    assert 20 <= hold.default <= 30


def test_cat_cow_follows_the_standard_reading(catalogue: Catalogue) -> None:
    dosage = catalogue.get("cat-cow").dosage
    assert dosage.mode is DosageMode.FLOW
    assert dosage.breath is not None
    inhale, exhale = dosage.breath.inhale_cue.lower(), dosage.breath.exhale_cue.lower()
    assert "belly" in inhale and ("drop" in inhale or "sink" in inhale or "lower" in inhale)
    assert "round" in exhale
    keyframe_names = [k.name.lower() for k in catalogue.get("cat-cow").figure.keyframes]
    assert any("cow" in n for n in keyframe_names) and any("cat" in n for n in keyframe_names)


def test_flows_and_reps_have_something_to_animate(catalogue: Catalogue) -> None:
    for exercise in catalogue:
        if exercise.dosage.mode in (DosageMode.FLOW, DosageMode.REPS):
            assert len(exercise.figure.keyframes) >= 2, exercise.id


def test_per_side_exercises_are_marked(catalogue: Catalogue) -> None:
    for exercise_id in ("knee-to-chest", "figure-four-stretch", "seated-spinal-twist", "bird-dog"):
        assert catalogue.get(exercise_id).dosage.per_side, exercise_id


def test_equipment_exercises_need_their_equipment(catalogue: Catalogue) -> None:
    needs = {
        "bar-hang": "pull-up-bar",
        "wall-bar-stretch": "wall-bars",
        "hyperextension-bench-hang": "bench",
        "fitball-back-stretch": "ball",
        "seated-forward-fold": "strap",
    }
    for exercise_id, equipment in needs.items():
        assert equipment in {e.value for e in catalogue.get(exercise_id).equipment}, exercise_id
