"""What the coach says: plain words, said in time, and for reps when to hold and let go."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backcoach.core.catalogue import Catalogue, Dosage, Exercise, Range
from backcoach.core.options import DosageMode, Position
from backcoach.core.reading import SPOKEN_WORDS_PER_SECOND, speaking_seconds
from backcoach.core.timeline import Dose, StepKind, exercise_steps

JARGON_POSITIONS = re.compile(r"\b(prone|supine|quadruped)\b", re.I)


def doses(exercise: Exercise) -> st.SearchStrategy[Dose]:
    d = exercise.dosage

    def within(r: Range | None) -> st.SearchStrategy[int | None]:
        return st.integers(r.min, r.max) if r else st.none()

    return st.builds(
        lambda sets, hold, reps: Dose(sets=max(1, sets), hold_seconds=hold, reps=reps),
        st.integers(d.sets.min, d.sets.max),
        within(d.hold_seconds),
        within(d.reps),
    )


def all_steps(catalogue: Catalogue, data: st.DataObject) -> tuple[Exercise, list[Any]]:
    exercise = data.draw(st.sampled_from(list(catalogue)))
    dose = data.draw(doses(exercise))
    previous = data.draw(st.none() | st.sampled_from(list(Position)))
    return exercise, exercise_steps(exercise, dose, previous=previous)


@given(data=st.data())
def test_every_spoken_cue_fits_inside_its_step(catalogue: Catalogue, data: st.DataObject) -> None:
    exercise, steps = all_steps(catalogue, data)
    for step in steps:
        assert speaking_seconds(step.cue) <= step.seconds, (exercise.id, step.kind, step.cue)


def test_the_extremes_of_every_range_fit_too(catalogue: Catalogue) -> None:
    # The draws above may miss a range's edge; the shortest holds are the tight ones.
    for exercise in catalogue:
        d = exercise.dosage
        for end in ("min", "max"):

            def pick(r: Range, end: str = end) -> int:
                return int(getattr(r, end))

            dose = Dose(
                sets=pick(d.sets),
                hold_seconds=pick(d.hold_seconds) if d.hold_seconds else None,
                reps=pick(d.reps) if d.reps else None,
            )
            for step in exercise_steps(exercise, dose, previous=Position.STANDING):
                assert speaking_seconds(step.cue) <= step.seconds, (exercise.id, step.cue)


def test_cat_cows_breath_cues_are_said_within_one_breath(catalogue: Catalogue) -> None:
    breath = catalogue.get("cat-cow").dosage.breath
    assert breath is not None
    assert speaking_seconds(breath.inhale_cue) <= breath.inhale_seconds
    assert speaking_seconds(breath.exhale_cue) <= breath.exhale_seconds


def test_no_cue_uses_the_precise_names_of_positions(catalogue: Catalogue) -> None:
    for exercise in catalogue:
        dose = Dose(sets=1, hold_seconds=20, reps=3)
        for previous in Position:
            for step in exercise_steps(exercise, dose, previous=previous):
                assert not JARGON_POSITIONS.search(step.cue), step.cue


def test_moving_to_the_floor_says_how_to_lie(catalogue: Catalogue) -> None:
    sphinx = catalogue.get("sphinx")
    steps = exercise_steps(sphinx, Dose(sets=1, hold_seconds=30), previous=Position.STANDING)
    assert steps[0].kind is StepKind.TRANSITION
    assert steps[0].cue == f"Next: {sphinx.name}. Lie face down."
    cat_cow = catalogue.get("cat-cow")
    ready = exercise_steps(cat_cow, Dose(sets=1, reps=5))[0]
    assert ready.cue == "Get ready: Cat-cow, on hands and knees."
    # A short lead-in has time only for the name.
    hurried = exercise_steps(cat_cow, Dose(sets=1, reps=5), lead_in_seconds=2)[0]
    assert hurried.cue == "Get ready: Cat-cow."


@pytest.mark.parametrize("exercise_id", ["pelvic-tilt", "glute-bridge", "bird-dog"])
def test_each_repetition_says_when_to_hold_and_when_to_let_go(
    catalogue: Catalogue, exercise_id: str
) -> None:
    exercise = catalogue.get(exercise_id)
    assert exercise.dosage.mode is DosageMode.REPS
    steps = exercise_steps(exercise, Dose(sets=1, hold_seconds=3, reps=4))
    reps = [s for s in steps if s.kind is StepKind.REP][:4]
    assert [s.cue.split(":")[0].split()[-1] for s in reps] == ["1", "2", "3", "4"]
    for step in reps:
        said = step.cue.split(":", 1)[1]
        assert "hold" in said and re.search(r"\b(lower|let go|release)\b", said), step.cue
        assert said.index("hold") < max(said.find(w) for w in ("lower", "let go", "release"))


def test_a_cue_too_long_for_its_breath_is_refused_with_the_word_budget() -> None:
    long = "Breathe in slowly and let the belly sink while the chest lifts up high."
    with pytest.raises(ValueError, match=r"inhale_cue takes 5\.9 s to say but its step lasts 4 s"):
        Dosage.model_validate(
            {
                "mode": "flow",
                "reps": {"default": 5, "min": 5, "max": 5},
                "breath": {
                    "inhale_seconds": 4,
                    "exhale_seconds": 4,
                    "inhale_cue": long,
                    "exhale_cue": "Breathe out.",
                },
            }
        )


def test_commas_and_full_stops_count_as_pauses() -> None:
    # espeak-ng pauses at each mark: "one, two, three, four, five" takes 2.8 s, without
    # the commas 1.6 s, so a cue full of commas needs a longer step.
    plain = speaking_seconds("one two three four five")
    assert plain == 5 / SPOKEN_WORDS_PER_SECOND
    assert speaking_seconds("one, two, three, four, five.") == pytest.approx(plain + 5 * 0.3)


def test_a_rep_cue_too_long_for_the_quickest_rep_is_refused() -> None:
    with pytest.raises(ValueError, match="rep_cue takes"):
        Dosage.model_validate(
            {
                "mode": "reps",
                "reps": {"default": 5, "min": 5, "max": 5},
                "hold_seconds": {"default": 3, "min": 1, "max": 3},
                "rep_seconds": 2,
                "rep_cue": "lift your hips up high, hold them there, and lower slowly",
            }
        )
