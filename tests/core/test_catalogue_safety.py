"""Issue 12 over the shipped catalogue: honest ratings, doses, and which way each spine bends."""

from __future__ import annotations

from datetime import date

import pytest

from backcoach.core.catalogue import BEND_CAUTION, Catalogue, Exercise
from backcoach.core.options import Bend, Equipment, Level, Position
from backcoach.core.planner import plan
from backcoach.core.profile import History, Profile

TODAY = date(2026, 11, 22)
FORWARD = {"knee-to-chest", "double-knee-to-chest", "childs-pose", "standing-forward-fold",
           "seated-forward-fold", "hyperextension-bench-hang", "cat-cow",
           "chair-forward-fold", "chair-knee-to-chest"}  # fmt: skip
BACKWARD = {"sphinx", "fitball-back-stretch", "cat-cow"}


def test_hangs_bench_and_ball_are_not_beginner_exercises(catalogue: Catalogue) -> None:
    assert catalogue.get("hyperextension-bench-hang").level is Level.ADVANCED
    for exercise_id in ("bar-hang", "fitball-back-stretch", "downward-dog"):
        assert catalogue.get(exercise_id).level is not Level.BEGINNER
    kit = frozenset(Equipment)
    for seed in range(30):
        routine = plan(Profile(minutes=30, equipment=kit), catalogue, History(), seed, TODAY)
        for item in routine.items:
            assert not item.exercise.positions & {Position.HANGING, Position.BENCH, Position.BALL}


def test_the_bar_hang_is_one_brief_set_by_default_and_never_more_than_two(
    catalogue: Catalogue,
) -> None:
    sets = catalogue.get("bar-hang").dosage.sets
    assert (sets.default, sets.max) == (1, 2)
    kit = frozenset(Equipment)
    for seed in range(30):
        for minutes in (15, 45):
            profile = Profile(minutes=minutes, level=Level.ADVANCED, equipment=kit)
            for item in plan(profile, catalogue, History(), seed, TODAY).items:
                assert item.dose.sets <= item.exercise.dosage.sets.max


def test_every_exercise_says_which_way_its_spine_bends(catalogue: Catalogue) -> None:
    forward = {e.id for e in catalogue if Bend.FORWARD in e.bends}
    backward = {e.id for e in catalogue if Bend.BACKWARD in e.bends}
    assert (forward, backward) == (FORWARD, BACKWARD)


def test_bending_exercises_carry_the_bending_caution_once(catalogue: Catalogue) -> None:
    for exercise in catalogue:
        count = exercise.cautions.count(BEND_CAUTION)
        assert count == (1 if exercise.bends else 0), exercise.id
        again = Exercise.model_validate(exercise.model_dump())
        assert again.cautions == exercise.cautions  # reloading does not add it twice


@pytest.mark.parametrize("bends", [[], ["forward"], ["backward"], ["forward", "backward"]])
def test_the_caution_follows_the_field_for_a_physios_own_file(
    catalogue: Catalogue, bends: list[str]
) -> None:
    data = catalogue.get("bird-dog").model_dump()
    exercise = Exercise.model_validate({**data, "bends": bends})
    assert (BEND_CAUTION in exercise.cautions) is bool(bends)
