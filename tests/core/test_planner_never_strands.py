"""The planner never strands anyone (issue 9): every length the product offers, with any
equipment and any positions avoided, gives a routine whenever one exercise fits."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcoach.core import safety
from backcoach.core.catalogue import Catalogue, Range
from backcoach.core.options import Avoid, Equipment, Level, Position
from backcoach.core.plan_rules import HIGH_PAIN_POSITIONS, exclusions, rules_for
from backcoach.core.planner import PlanImpossible, plan
from backcoach.core.profile import MAX_MINUTES, MIN_MINUTES, History, Profile
from backcoach.core.timeline import build_timeline

TODAY = date(2026, 11, 22)
TOLERANCE = 0.10

profiles = st.builds(
    Profile,
    minutes=st.integers(MIN_MINUTES, MAX_MINUTES),
    equipment=st.frozensets(st.sampled_from(list(Equipment))),
    avoid=st.frozensets(st.sampled_from(list(Avoid))),
    level=st.sampled_from(list(Level)),
    pain=st.integers(0, 10),
)


def fitting(profile: Profile, catalogue: Catalogue) -> list[str]:
    """What the rules let in today, before any sizing."""
    rules = rules_for(profile, History(), TODAY)
    return [e.id for e, excluded_by in exclusions(catalogue, rules) if not excluded_by]


def within(value: int | None, r: Range | None, top: int) -> bool:
    if r is None:
        return value is None
    return value is not None and r.min <= value <= top


@settings(max_examples=400, deadline=None)
@given(profile=profiles, seed=st.integers(0, 2**16))
def test_any_choices_give_a_routine_unless_nothing_fits(
    catalogue: Catalogue, profile: Profile, seed: int
) -> None:
    try:
        routine = plan(profile, catalogue, History(), seed, TODAY)
    except PlanImpossible:
        assert fitting(profile, catalogue) == []
        return
    assert routine.items
    owned = profile.equipment | {Equipment.NONE, Equipment.MAT}
    bad_day = profile.pain >= safety.LOW_DOSE_PAIN
    for item in routine.items:
        exercise, dose, dosage = item.exercise, item.dose, item.exercise.dosage
        assert not exercise.avoid_categories & profile.avoid
        assert exercise.needs <= owned
        ceiling = (lambda r: r.default) if bad_day else (lambda r: r.max)
        assert within(dose.sets, dosage.sets, ceiling(dosage.sets)), exercise.id
        if dosage.hold_seconds:
            top = ceiling(dosage.hold_seconds)
            assert within(dose.hold_seconds, dosage.hold_seconds, top), exercise.id
        if dosage.reps:
            assert within(dose.reps, dosage.reps, ceiling(dosage.reps)), exercise.id
        if bad_day:
            assert not exercise.positions & HIGH_PAIN_POSITIONS
    minutes = build_timeline(routine).total_seconds / 60
    if minutes < profile.minutes * (1 - TOLERANCE):
        assert any(f"instead of {profile.minutes}" in note for note in routine.notes)


@pytest.mark.parametrize("minutes", [10, 15, 20])
@pytest.mark.parametrize("level", list(Level))
def test_avoiding_the_floor_still_gives_ten_minutes_or_more(
    catalogue: Catalogue, minutes: int, level: Level
) -> None:
    for seed in range(5):
        profile = Profile(minutes=minutes, level=level, avoid=frozenset({Avoid.FLOOR}))
        routine = plan(profile, catalogue, History(), seed, TODAY)
        assert build_timeline(routine).total_seconds >= 10 * 60
        assert all(Avoid.FLOOR not in item.exercise.avoid_categories for item in routine.items)
        assert any(item.exercise.position is Position.CHAIR for item in routine.items)


def test_the_longest_session_is_offered_and_planned(catalogue: Catalogue) -> None:
    routine = plan(Profile(minutes=MAX_MINUTES), catalogue, History(), 1, TODAY)
    assert MAX_MINUTES == 60
    assert routine.items
    shortfall = next(n for n in routine.notes if "instead of 60" in n)
    assert "To make it longer" in shortfall
