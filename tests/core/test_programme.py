"""The programme over weeks: a simulated person, on a fake calendar, over 12 weeks.

The calendar is the simulation's own (a start day drawn by Hypothesis, one day at a
time), so nothing here reads the machine's clock.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from backcoach.core.catalogue import Catalogue, Exercise, Range
from backcoach.core.options import Equipment, Level
from backcoach.core.planner import PlanImpossible, plan
from backcoach.core.profile import History, HistoryEntry, HurtEvent, Profile
from backcoach.core.programme import (
    STEP_UP_GAP_DAYS,
    Programme,
    ladder,
    programme,
    start_rung,
)
from backcoach.core.timeline import Dose
from backcoach.core.week import DayState, planned_weekdays, week
from backcoach.core.wording import dose_text

WEEKS = 12


@dataclass
class Person:
    """A simulated person: practises on planned days, answers pain, sometimes presses "it hurts"."""

    start: date
    level: Level
    days_per_week: int
    hurt_chance: float
    rise_chance: float
    rng: random.Random
    entries: list[HistoryEntry] = field(default_factory=list)
    hurts: list[HurtEvent] = field(default_factory=list)
    flares: list[date] = field(default_factory=list)

    def history(self) -> History:
        return History(entries=tuple(self.entries), hurts=tuple(self.hurts))

    def today(self, catalogue: Catalogue, day: date) -> Programme:
        return programme(
            self.history(),
            catalogue,
            level=self.level,
            days_per_week=self.days_per_week,
            flares=self.flares,
            today=day,
        )

    def practise(self, catalogue: Catalogue, day: date, state: Programme) -> None:
        profile = Profile(minutes=15, level=state.level, equipment=frozenset(Equipment))
        try:
            routine = plan(
                profile, catalogue, self.history(), day.toordinal(), day, programme=state
            )
        except PlanImpossible:
            return  # everything is paused after hurts: a rest day
        ids = tuple(routine.exercise_ids)
        for exercise_id in ids:
            if self.rng.random() < self.hurt_chance:
                self.hurts.append(HurtEvent(exercise_id=exercise_id, on=day))
        before = 3
        after = before + 1 if self.rng.random() < self.rise_chance else before - 1
        self.entries.append(
            HistoryEntry(on=day, exercise_ids=ids, pain_before=before, pain_after=after)
        )


def _inside(exercise: Exercise, dose: Dose) -> bool:
    d = exercise.dosage

    def within(r: Range | None, value: int | None) -> bool:
        return (r is None) == (value is None) and (r is None or r.min <= value <= r.max)  # type: ignore[operator]

    return (
        d.sets.min <= dose.sets <= d.sets.max
        and within(d.hold_seconds, dose.hold_seconds)
        and within(d.reps, dose.reps)
    )


def simulate(catalogue: Catalogue, person: Person) -> list[tuple[date, Programme]]:
    """Each day's programme, practising on the planned weekdays."""
    days: list[tuple[date, Programme]] = []
    for offset in range(WEEKS * 7):
        day = person.start + timedelta(days=offset)
        state = person.today(catalogue, day)
        days.append((day, state))
        if day.weekday() in planned_weekdays(person.days_per_week, early=offset < 28):
            person.practise(catalogue, day, state)
    days.append(
        (
            person.start + timedelta(days=WEEKS * 7),
            person.today(catalogue, person.start + timedelta(days=WEEKS * 7)),
        )
    )
    return days


def _rung(exercise: Exercise, dose: Dose) -> int:
    return ladder(exercise).index(dose)


@hsettings(max_examples=12, deadline=None)
@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    level=st.sampled_from(list(Level)),
    days_per_week=st.integers(min_value=1, max_value=7),
    hurt_chance=st.sampled_from([0.0, 0.05, 0.2]),
    rise_chance=st.sampled_from([0.0, 0.1, 0.3]),
    seed=st.integers(min_value=0, max_value=1000),
)
def test_twelve_weeks_doses_stay_in_range_never_rise_after_a_hurt_and_rise_at_most_weekly(
    catalogue: Catalogue,
    start: date,
    level: Level,
    days_per_week: int,
    hurt_chance: float,
    rise_chance: float,
    seed: int,
) -> None:
    person = Person(start, level, days_per_week, hurt_chance, rise_chance, random.Random(seed))
    days = simulate(catalogue, person)
    hurt_on = {(h.exercise_id, h.on) for h in person.hurts}
    for exercise in catalogue:
        rises: list[date] = []
        for (_, before), (day, after) in itertools.pairwise(days):
            assert _inside(exercise, after.doses[exercise.id])
            was = _rung(exercise, before.doses[exercise.id])
            now = _rung(exercise, after.doses[exercise.id])
            if now > was:
                assert now == was + 1, (exercise.id, day)
                assert (exercise.id, day - timedelta(days=1)) not in hurt_on, (exercise.id, day)
                rises.append(day)
        assert all((b - a).days >= STEP_UP_GAP_DAYS for a, b in itertools.pairwise(rises))


@pytest.mark.parametrize("level", [Level.BEGINNER, Level.INTERMEDIATE])
def test_a_person_who_practises_steadily_reaches_the_next_level(
    catalogue: Catalogue, level: Level
) -> None:
    person = Person(date(2027, 3, 1), level, 3, 0.0, 0.0, random.Random(1))
    final = simulate(catalogue, person)[-1][1]
    assert (
        final.level
        is {Level.BEGINNER: Level.INTERMEDIATE, Level.INTERMEDIATE: Level.ADVANCED}[level]
        or final.level is Level.ADVANCED
    )
    raised = [e for e in catalogue if _rung(e, final.doses[e.id]) > start_rung(e, level)]
    assert raised, "steady easy practice raised no dose in 12 weeks"
    assert any(
        "after 3 easy sessions" in why and "up from" in why for why in final.reasons.values()
    )


def test_a_person_who_keeps_saying_it_hurts_never_progresses(catalogue: Catalogue) -> None:
    person = Person(date(2027, 3, 1), Level.BEGINNER, 3, 1.0, 0.0, random.Random(1))
    for day, state in simulate(catalogue, person):
        assert state.level is Level.BEGINNER, day
        for exercise in catalogue:
            assert _rung(exercise, state.doses[exercise.id]) <= start_rung(exercise, Level.BEGINNER)


def test_intermediate_and_advanced_start_from_different_doses(catalogue: Catalogue) -> None:
    differ = [
        e.id
        for e in catalogue
        if programme(
            History(),
            catalogue,
            level=Level.INTERMEDIATE,
            days_per_week=3,
            flares=(),
            today=date(2027, 1, 4),
        ).doses[e.id]
        != programme(
            History(),
            catalogue,
            level=Level.ADVANCED,
            days_per_week=3,
            flares=(),
            today=date(2027, 1, 4),
        ).doses[e.id]
    ]
    assert differ


def test_a_flare_holds_progression_for_seven_days(catalogue: Catalogue) -> None:
    easy = [
        HistoryEntry(
            on=date(2027, 1, 4) + timedelta(days=n),
            exercise_ids=("cat-cow",),
            pain_before=3,
            pain_after=2,
        )
        for n in range(0, 6, 2)
    ]
    history = History(entries=tuple(easy))
    free = programme(
        history, catalogue, level=Level.BEGINNER, days_per_week=3, flares=(), today=date(2027, 1, 9)
    )
    held = programme(
        history,
        catalogue,
        level=Level.BEGINNER,
        days_per_week=3,
        flares=(date(2027, 1, 3),),
        today=date(2027, 1, 9),
    )
    assert "cat-cow" in free.reasons and "up from" in free.reasons["cat-cow"]
    assert "cat-cow" not in held.reasons
    assert held.held(date(2027, 1, 9)) and not held.held(date(2027, 1, 10))


def test_a_pain_rise_steps_the_dose_down(catalogue: Catalogue) -> None:
    exercise = catalogue.get("cat-cow")
    entries = (
        HistoryEntry(on=date(2027, 1, 4), exercise_ids=("cat-cow",), pain_before=2, pain_after=4),
    )
    state = programme(
        History(entries=entries),
        catalogue,
        level=Level.INTERMEDIATE,
        days_per_week=3,
        flares=(),
        today=date(2027, 1, 5),
    )
    assert _rung(exercise, state.doses["cat-cow"]) == start_rung(exercise, Level.INTERMEDIATE) - 1
    assert "down from" in state.reasons["cat-cow"] and "pain rose" in state.reasons["cat-cow"]


def test_pain_six_or_more_keeps_doses_at_or_below_default_whatever_the_programme(
    catalogue: Catalogue,
) -> None:
    top = {e.id: ladder(e)[-1] for e in catalogue}
    state = Programme(doses=top, reasons={}, level=Level.ADVANCED, steady_weeks=9, held_until=None)
    profile = Profile(minutes=15, level=Level.ADVANCED, pain=6)
    routine = plan(profile, catalogue, History(), 1, date(2027, 1, 4), programme=state)
    for item in routine.items:
        d = item.exercise.dosage
        assert item.dose.sets <= d.sets.default
        assert d.hold_seconds is None or (item.dose.hold_seconds or 0) <= d.hold_seconds.default
        assert d.reps is None or (item.dose.reps or 0) <= d.reps.default


def test_the_programme_dose_is_where_an_ordinary_day_starts(catalogue: Catalogue) -> None:
    top = {e.id: ladder(e)[-1] for e in catalogue}
    state = Programme(
        doses=top,
        reasons={"cat-cow": "10 slow breaths, up from 8 after 3 easy sessions"},
        level=Level.BEGINNER,
        steady_weeks=0,
        held_until=None,
    )
    routine = plan(Profile(minutes=30), catalogue, History(), 1, date(2027, 1, 4), programme=state)
    assert all(item.dose == top[item.exercise.id] for item in routine.items)
    assert (
        any(
            "up from 8 after 3 easy sessions" in item.reason
            for item in routine.items
            if item.exercise.id == "cat-cow"
        )
        or "cat-cow" not in routine.exercise_ids
    )


def test_the_week_shows_done_planned_rest_and_missed() -> None:
    wednesday = date(2027, 1, 6)
    shown = week({date(2027, 1, 5)}, 3, wednesday)
    states = [d.state for d in shown.days]
    assert states == [
        DayState.MISSED,
        DayState.DONE,
        DayState.PLANNED,
        DayState.REST,
        DayState.PLANNED,
        DayState.REST,
        DayState.REST,
    ]
    assert shown.done == 1 and shown.planned == 3


def test_the_first_weeks_never_plan_three_days_running() -> None:
    for wanted in range(1, 8):
        days = planned_weekdays(wanted, early=True)
        circular = [(d in days) for d in range(7)] * 2
        assert not any(all(circular[i : i + 3]) for i in range(14 - 2)), wanted


def test_a_dose_raised_to_fill_a_long_day_says_what_it_gives(catalogue: Catalogue) -> None:
    """The programme's step is where the dose starts; 45 minutes raises it, and the reason
    names the dose given, not only the programme's."""
    easy = tuple(
        HistoryEntry(on=date(2027, 1, 4) + timedelta(days=n), exercise_ids=("cat-cow",),
                     pain_before=3, pain_after=2)
        for n in range(0, 6, 2)
    )  # fmt: skip
    today = date(2027, 1, 11)
    state = programme(
        History(entries=easy), catalogue, level=Level.BEGINNER, days_per_week=3, flares=(),
        today=today,
    )  # fmt: skip
    step = state.reasons["cat-cow"]
    assert "up from" in step
    profile = Profile(minutes=45, level=Level.BEGINNER, equipment=frozenset(Equipment), pain=2)
    routine = plan(profile, catalogue, History(entries=easy), 7, today, programme=state)
    (cat_cow,) = [item for item in routine.items if item.exercise.id == "cat-cow"]
    assert cat_cow.dose != state.doses["cat-cow"]
    given = dose_text(cat_cow.exercise, cat_cow.dose).lower()
    assert cat_cow.reason.endswith(
        f"; {given} today to fill your time; your progress: {step[:1].lower()}{step[1:]}"
    )


def test_a_gentle_day_does_not_claim_the_programme_dose_it_does_not_give(
    catalogue: Catalogue,
) -> None:
    top = {e.id: ladder(e)[-1] for e in catalogue}
    reasons = {
        e.id: f"{dose_text(e, top[e.id])}, up from less after 3 easy sessions" for e in catalogue
    }
    state = Programme(
        doses=top, reasons=reasons, level=Level.ADVANCED, steady_weeks=9, held_until=None
    )
    profile = Profile(minutes=15, level=Level.ADVANCED, pain=6)
    routine = plan(profile, catalogue, History(), 1, date(2027, 1, 4), programme=state)
    lighter = [item for item in routine.items if item.dose != top[item.exercise.id]]
    assert lighter
    assert not [item.exercise.id for item in lighter if "easy sessions" in item.reason]
