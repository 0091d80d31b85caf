"""What the shipped catalogue promises: every exercise from the seeds, in our own words, safely dosed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from own_words import Seeds

from backcoach.adapters.catalogue_files import shipped_catalogue_dir
from backcoach.core.catalogue import Catalogue, Exercise
from backcoach.core.options import GLOSSARY, Avoid, DosageMode, Position, Target
from backcoach.core.timeline import Dose, exercise_steps

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
    # Chair versions, for people who cannot get down to the floor (issue 9).
    "chair-spinal-twist": {"003"},
    "chair-forward-fold": {"002"},
    "chair-knee-to-chest": {"000", "001", "003", "004"},
}
CHAIR_VARIANTS = {
    "chair-spinal-twist": "seated-spinal-twist",
    "chair-forward-fold": "seated-forward-fold",
    "chair-knee-to-chest": "knee-to-chest",
}


def test_the_catalogue_has_exactly_the_exercises_of_the_seeds(catalogue: Catalogue) -> None:
    assert sorted(catalogue.ids) == sorted(EXPECTED_SEEDS)


@pytest.mark.parametrize("exercise_id", sorted(EXPECTED_SEEDS))
def test_each_exercise_cites_the_seed_files_it_comes_from(
    catalogue: Catalogue, exercise_id: str
) -> None:
    exercise = catalogue.get(exercise_id)
    cited = {name[:3] for name in exercise.seed_files}
    assert cited == EXPECTED_SEEDS[exercise_id]


@pytest.mark.parametrize(("variant_id", "seed_id"), sorted(CHAIR_VARIANTS.items()))
def test_a_chair_variant_adapts_a_seed_exercise_within_its_doses(
    catalogue: Catalogue, variant_id: str, seed_id: str
) -> None:
    variant, seed = catalogue.get(variant_id), catalogue.get(seed_id)
    assert variant.variant_of == seed_id
    assert set(variant.seed_files) <= set(seed.seed_files)
    assert variant.positions == {Position.CHAIR}
    assert Avoid.FLOOR not in variant.avoid_categories
    assert variant.needs == frozenset()
    ranges = [(variant.dosage.sets, seed.dosage.sets)]
    ranges += [(variant.dosage.hold_seconds, seed.dosage.hold_seconds)]
    for mine, theirs in ranges:
        assert mine is not None and theirs is not None
        assert theirs.min <= mine.min <= mine.default <= mine.max <= theirs.max


def test_only_chair_variants_are_variants(catalogue: Catalogue) -> None:
    assert {e.id: e.variant_of for e in catalogue if e.variant_of} == CHAIR_VARIANTS


def user_texts(exercise: Exercise) -> list[str]:
    """What a person reads about one exercise, aliases aside (they are search words)."""
    return [exercise.name, *exercise.texts(), *(t.label for t in exercise.targets)]


@pytest.fixture(scope="module")
def seeds(shared_dir: Path) -> Seeds:
    return Seeds(
        p.read_text(encoding="utf-8") for p in sorted((shared_dir / "seeds").glob("0*.txt"))
    )


def test_catalogue_text_is_written_in_our_own_words(catalogue: Catalogue, seeds: Seeds) -> None:
    copied = [
        f"{exercise.id}: {finding.why}: {finding.text!r} ~ {finding.seed_sentence!r}"
        for exercise in catalogue
        for text in user_texts(exercise)
        for finding in seeds.findings(text)
    ]
    assert copied == [], "\n".join(copied)


# Sentences from seeds 003, 004 and 000.
SEED = (
    "Look straight ahead or gently close your eyes. "
    "Arching your lower back while pulling your knees in. "
    "Sit back on your heels and extend your arms forward, resting your forehead on the floor."
)


@pytest.mark.parametrize(
    "ours",
    [
        "Arching your lower back while pulling your knees in hard.",  # copied run
        "Arching the lower back while pulling the knees in.",  # little words swapped
        "Keep your gaze forward or softly shut your eyes.",  # synonyms swapped
        "Settle back onto your heels and stretch your arms ahead, laying your forehead on the ground.",
    ],
)
def test_the_own_words_check_catches_copies_and_paraphrases(ours: str) -> None:
    assert list(Seeds([SEED]).findings(ours))


@pytest.mark.parametrize(
    "ours",
    [
        "Rest your eyes on the floor a little in front of you, or let them close.",
        "Lower your bottom back toward your heels, letting your upper body fold over your thighs.",
    ],
)
def test_the_own_words_check_passes_the_same_fact_said_afresh(ours: str) -> None:
    assert list(Seeds([SEED]).findings(ours)) == []


# Words a person without training may not know; the glossary explains them instead.
JARGON = {
    "piriformis": r"piriformis",
    "obliques": r"obliques?",
    "glutes": r"glutes?",
    "hamstrings": r"hamstrings?",
    "core": r"core",
    "sit bones": r"sit(ting)?[ -]bones?",
    "hinge": r"hing(e|es|ed|ing)",
    "engaged": r"engag(e|ed|ing)",
    "ribs down": r"ribs (should )?(stay )?down",
    "crown of the head": r"crown of (your|the) head",
    "PEG": r"peg",
}


def jargon_in(text: str) -> list[str]:
    return [term for term, pattern in JARGON.items() if re.search(rf"\b{pattern}\b", text, re.I)]


def test_the_catalogue_speaks_plainly(catalogue: Catalogue) -> None:
    found = [
        (exercise.id, term, text)
        for exercise in catalogue
        for text in user_texts(exercise)
        for term in jargon_in(text)
    ]
    assert found == []


def spoken_cues(node: object) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "cue"] + spoken_cues(list(node.values()))
    if isinstance(node, list):
        return [cue for child in node for cue in spoken_cues(child)]
    return []


def test_the_camera_coach_speaks_plainly() -> None:
    found = [
        (path.name, cue)
        for path in sorted((shipped_catalogue_dir() / "camera").glob("*.yaml"))
        for cue in spoken_cues(yaml.safe_load(path.read_text(encoding="utf-8")))
        if jargon_in(cue) or re.search(r"\blengthen", cue, re.I)
    ]
    assert found == []


def test_a_precise_word_in_an_alias_is_explained_in_the_glossary(catalogue: Catalogue) -> None:
    explained = {term for word in GLOSSARY for term in jargon_in(word)}
    for exercise in catalogue:
        for alias in exercise.aliases:
            assert set(jargon_in(alias)) <= explained, (exercise.id, alias)
    for word, meaning in GLOSSARY.items():
        assert jargon_in(word) and not jargon_in(meaning), word


def test_every_target_has_a_plain_label() -> None:
    for target in Target:
        assert target.label and not jargon_in(target.label), target


def test_a_per_side_exercise_describes_the_side_the_session_holds_first(
    catalogue: Catalogue,
) -> None:
    for exercise in catalogue:
        if not exercise.dosage.per_side:
            continue
        dose = Dose(sets=1, hold_seconds=20, reps=5)
        first = next(s.side for s in exercise_steps(exercise, dose) if s.side is not None)
        named = re.findall(r"\b(left|right)\b", " ".join(exercise.steps).lower())
        if named:  # bird-dog says "one arm" and names no side
            assert named[0] == first.value, exercise.id


def test_the_text_says_what_you_feel_and_stays_neutral_about_sources(
    catalogue: Catalogue,
) -> None:
    for exercise in catalogue:
        for text in exercise.texts():
            assert not re.search(r"\blengthen", text, re.I), (exercise.id, text)
        for source in exercise.sources:
            assert not re.search(r"muddled|confus|wrong|sloppy", source.dosage, re.I), exercise.id


@pytest.mark.parametrize(
    "exercise_id", ["standing-forward-fold", "seated-forward-fold", "downward-dog"]
)
def test_forward_folds_say_never_bounce(catalogue: Catalogue, exercise_id: str) -> None:
    exercise = catalogue.get(exercise_id)
    assert any("never bounce" in line.lower() for line in exercise.cautions), exercise_id


def test_coming_up_from_a_fold_uses_the_legs_and_hands_not_the_back(catalogue: Catalogue) -> None:
    fold_out = catalogue.get("standing-forward-fold").steps[-1].lower()
    assert "bend your knees" in fold_out and "thighs" in fold_out and "roll" not in fold_out
    bench_out = catalogue.get("hyperextension-bench-hang").steps[-1].lower()
    assert "hands" in bench_out and "buttocks" not in bench_out


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
