"""Today's routine: which exercises, in what order, how much, and why.

``plan`` is pure and deterministic: the same profile, catalogue, history, seed
and day give the same routine. Its length is measured with the timeline code
the session engine runs, so "10 minutes" on the plan is 10 minutes on the clock.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum

from backcoach.core import safety
from backcoach.core.catalogue import Catalogue, Exercise, Range
from backcoach.core.options import Avoid, Equipment, Goal, Kind, Level, Position
from backcoach.core.profile import MIN_MINUTES, History, Profile
from backcoach.core.timeline import (
    Dose,
    Routine,
    RoutineItem,
    block_seconds,
    position_group,
    routine_seconds,
)

WARM_UP_IDS = ("pelvic-tilt", "cat-cow", "knee-to-chest")
TOLERANCE = 0.10
SEVERE_MAX_MINUTES = 8
MINUTES_PER_EXERCISE = 2.5
HOLD_STEP_SECONDS = 5
GROUP_ORDER = ("floor", "ball", "bench", "standing", "hanging")
POSITION_ORDER = (
    Position.SUPINE, Position.PRONE, Position.QUADRUPED, Position.KNEELING, Position.SEATED,
    Position.BALL, Position.BENCH, Position.STANDING, Position.HANGING,
)  # fmt: skip
LEVEL_RANK = {Level.BEGINNER: 0, Level.INTERMEDIATE: 1, Level.ADVANCED: 2}
GOAL_FIT: dict[Goal, dict[Kind, float]] = {
    Goal.RELIEF: {Kind.STRETCH: 3, Kind.MOBILITY: 2, Kind.STRENGTH: 1},
    Goal.MOBILITY: {Kind.MOBILITY: 3, Kind.STRETCH: 2, Kind.STRENGTH: 1},
    Goal.STRENGTH: {Kind.STRENGTH: 3, Kind.MOBILITY: 2, Kind.STRETCH: 1},
}


class PlanImpossible(Exception):
    """No routine fits; ``relax`` names the constraints that would make one possible."""

    def __init__(self, problem: str, relax: Sequence[str]) -> None:
        self.problem = problem
        self.relax = tuple(relax)
        hint = f"; to get a routine, {' or '.join(self.relax)}" if self.relax else ""
        super().__init__(problem + hint)


@dataclass(frozen=True, slots=True)
class Facts:
    """What the rules read about an exercise, worked out once per plan."""

    exercise: Exercise
    needs: frozenset[Equipment]
    avoids: frozenset[Avoid]

    @classmethod
    def of(cls, exercise: Exercise) -> Facts:
        # Keyed by identity and holding the exercise, like the timeline's block memo.
        known = _FACTS.get(id(exercise))
        if known is not None and known.exercise is exercise:
            return known
        if len(_FACTS) > 10_000:
            _FACTS.clear()
        facts = _FACTS[id(exercise)] = cls(exercise, exercise.needs, exercise.avoid_categories)
        return facts


_FACTS: dict[int, Facts] = {}


@dataclass(frozen=True, slots=True)
class Rule:
    """One reason to leave an exercise out, and what the person could relax."""

    excludes: Callable[[Facts], bool]
    relax: str


def _rules(profile: Profile, history: History, today: date) -> list[Rule]:
    owned = set(profile.equipment) | {Equipment.NONE, Equipment.MAT}
    paused = {i for i, until in profile.paused.items() if today <= until}
    paused |= {h.exercise_id for h in history.hurts if safety.is_paused_by_hurt(h.on, today)}
    level_cap = LEVEL_RANK[profile.level]
    if profile.pain >= safety.LOW_DOSE_PAIN:
        level_cap = min(level_cap, LEVEL_RANK[Level.INTERMEDIATE])
    rules = [_avoid_rule(avoid) for avoid in sorted(profile.avoid)]
    rules += [_equipment_rule(kit) for kit in sorted(set(Equipment) - owned)]
    rules.append(Rule(lambda f: LEVEL_RANK[f.exercise.level] > level_cap, "choose a higher level"))
    rules.append(
        Rule(lambda f: f.exercise.id in profile.disliked, "take an exercise off your dislikes")
    )
    rules.append(Rule(lambda f: f.exercise.id in paused, "wait until paused exercises come back"))
    if profile.pain >= safety.SEVERE_PAIN:
        rules.append(Rule(_not_gentlest, "allow floor work lying on your back"))
    return rules


def _avoid_rule(avoid: Avoid) -> Rule:
    return Rule(lambda f: avoid in f.avoids, f"allow {avoid.value} positions")


def _equipment_rule(kit: Equipment) -> Rule:
    return Rule(lambda f: kit in f.needs, f"add equipment {kit.value}")


def _not_gentlest(facts: Facts) -> bool:
    """At pain 8+ only beginner stretches and mobility lying on the back remain."""
    exercise = facts.exercise
    return (
        exercise.positions != {Position.SUPINE}
        or exercise.kind is Kind.STRENGTH
        or exercise.level is not Level.BEGINNER
    )


def _exclusions(
    catalogue: Iterable[Exercise], rules: Sequence[Rule]
) -> list[tuple[Exercise, list[int]]]:
    """Each exercise with the indices of the rules that leave it out."""
    out = []
    for exercise in catalogue:
        facts = Facts.of(exercise)
        out.append((exercise, [i for i, rule in enumerate(rules) if rule.excludes(facts)]))
    return out


def _relaxations(exclusions: list[tuple[Exercise, list[int]]], rules: Sequence[Rule]) -> list[str]:
    """Single constraints whose removal lets more exercises in, most helpful first."""
    gains = [0] * len(rules)
    for _, excluded_by in exclusions:
        if len(excluded_by) == 1:
            gains[excluded_by[0]] += 1
    ranked = sorted((-gain, index) for index, gain in enumerate(gains) if gain)
    return [f"{rules[i].relax} (+{-g} exercise{'s' * (-g > 1)})" for g, i in ranked]


def _score(
    exercise: Exercise, profile: Profile, since: dict[str, int], rng: random.Random
) -> float:
    score = GOAL_FIT[profile.goal][exercise.kind]
    score += 2 * min(2, len(profile.focus & set(exercise.targets)))
    if exercise.id in profile.liked:
        score += 3
    days = since.get(exercise.id)
    if days is not None:
        score -= max(0, 3 - days)  # rotation: yesterday's exercises step aside today
    return score + rng.random() * 1.5


# --- dosage ---------------------------------------------------------------------


class Intensity(Enum):
    """How far up the catalogue's ranges today's doses may go."""

    LOW = "low"  # pain 6+ or a recent "it hurts": from the minimum up to the default
    BEGINNER = "beginner"  # from the minimum, holds and reps at most halfway past the default
    FULL = "full"  # from the default up to the maximum


def _cap(r: Range, intensity: Intensity) -> int:
    if intensity is Intensity.LOW:
        return r.default
    if intensity is Intensity.BEGINNER:
        return (r.default + r.max) // 2
    return r.max


def base_dose(exercise: Exercise, intensity: Intensity) -> Dose:
    """Where doses start: the bottom of each range on gentle days, the default otherwise."""
    d = exercise.dosage

    def pick(r: Range) -> int:
        return r.default if intensity is Intensity.FULL else r.min

    return Dose(
        sets=pick(d.sets),
        hold_seconds=pick(d.hold_seconds) if d.hold_seconds else None,
        reps=pick(d.reps) if d.reps else None,
    )


_DOSES: dict[tuple[int, int | None, int | None], Dose] = {}


def _dose(sets: int, hold_seconds: int | None, reps: int | None) -> Dose:
    # Doses are immutable values, so the planner's hot loop shares one object per value.
    key = (sets, hold_seconds, reps)
    dose = _DOSES.get(key)
    if dose is None:
        dose = _DOSES[key] = Dose(sets=sets, hold_seconds=hold_seconds, reps=reps)
    return dose


def _bumped(exercise: Exercise, dose: Dose, intensity: Intensity) -> Dose | None:
    """A little more of the same: holds and reps to the default, then more rounds,
    then longer holds and more reps up to today's cap; never beyond the range."""
    d, hold, reps = exercise.dosage, dose.hold_seconds, dose.reps
    for ceiling in ("default", "cap"):
        if d.hold_seconds and hold is not None:
            top = (
                d.hold_seconds.default if ceiling == "default" else _cap(d.hold_seconds, intensity)
            )
            if hold < top:
                return _dose(dose.sets, min(top, hold + HOLD_STEP_SECONDS), reps)
        if d.reps and reps is not None:
            top = d.reps.default if ceiling == "default" else _cap(d.reps, intensity)
            if reps < top:
                return _dose(dose.sets, hold, reps + 1)
        if ceiling == "default" and dose.sets < d.sets.max:
            return _dose(dose.sets + 1, hold, reps)
    return None


# --- order and size -------------------------------------------------------------


def _ordered(
    warm_up: Exercise, others: Iterable[Exercise], scores: dict[str, float]
) -> list[Exercise]:
    """Warm-up first, then each position group in one block (no standing-floor-standing)."""
    first_group = position_group(warm_up.position)

    def key(e: Exercise) -> tuple[int, int, float, str]:
        group = position_group(e.position)
        group_rank = 0 if group == first_group else 1 + GROUP_ORDER.index(group)
        position_rank = (
            0 if e.position is warm_up.position else 1 + POSITION_ORDER.index(e.position)
        )
        return group_rank, position_rank, -scores[e.id], e.id

    return [warm_up, *sorted(others, key=key)]


@dataclass(slots=True)
class _Sizer:
    doses: dict[str, Dose]
    scores: dict[str, float]

    def seconds(self, warm_up: Exercise, others: list[Exercise]) -> float:
        order = _ordered(warm_up, others, self.scores)
        return routine_seconds([(e, self.doses[e.id]) for e in order])

    def block(self, exercise: Exercise, dose: Dose, previous: Position | None) -> float:
        return block_seconds(exercise, dose, previous)


def _fill(
    warm_up: Exercise, ranked: list[Exercise], sizer: _Sizer, count: int, high: float
) -> list[Exercise]:
    """Up to ``count`` more exercises, in order of preference, keeping under the upper bound."""
    chosen: list[Exercise] = []
    for exercise in ranked:
        if len(chosen) >= count:
            break
        if sizer.seconds(warm_up, [*chosen, exercise]) <= high:
            chosen.append(exercise)
    return chosen


def _grow(
    warm_up: Exercise,
    chosen: list[Exercise],
    sizer: _Sizer,
    target: float,
    high: float,
    intensity: Intensity,
) -> float:
    """Raise doses a step at a time, round-robin, until the routine reaches the target.

    The order does not depend on doses, so a bump changes only its own block.
    """
    order = _ordered(warm_up, chosen, sizer.scores)
    previous = {
        e.id: p.position if p else None for p, e in zip([None, *order], order, strict=False)
    }
    total = sizer.seconds(warm_up, chosen)
    growing = list(order)
    while total < target and growing:
        still: list[Exercise] = []
        for exercise in growing:
            before = sizer.doses[exercise.id]
            more = _bumped(exercise, before, intensity) if total < target else before
            if more is None:
                continue
            where = previous[exercise.id]
            longer = (
                total + sizer.block(exercise, more, where) - sizer.block(exercise, before, where)
            )
            if longer > high:
                continue
            sizer.doses[exercise.id], total = more, longer
            still.append(exercise)
        growing = still
    return total


# --- reasons --------------------------------------------------------------------

KIND_VERB = {Kind.STRETCH: "stretches", Kind.MOBILITY: "loosens", Kind.STRENGTH: "strengthens"}
GOAL_KIND = {Goal.RELIEF: Kind.STRETCH, Goal.MOBILITY: Kind.MOBILITY, Goal.STRENGTH: Kind.STRENGTH}


def _reason(
    exercise: Exercise, profile: Profile, since: dict[str, int], first: bool, history: History
) -> str:
    if first:
        return "warm-up" if exercise.id in WARM_UP_IDS else "gentle start"
    parts: list[str] = []
    if exercise.id in profile.liked:
        parts.append("one you like")
    asked = [t.label for t in exercise.targets if t in profile.focus]
    if asked:
        parts.append(f"targets {' and '.join(asked[:2])}, which you asked for")
    else:
        targets = " and ".join(t.label for t in exercise.targets[:2])
        fit = f", for {profile.goal.value}" if GOAL_KIND[profile.goal] is exercise.kind else ""
        parts.append(f"{KIND_VERB[exercise.kind]} {targets}{fit}")
    days = since.get(exercise.id)
    if history.entries and (days is None or days >= 3):
        parts.append("new for you" if days is None else "not done lately")
    return "; ".join(parts)


def _notes(profile: Profile, history: History, gentle_after_hurt: bool) -> list[str]:
    notes: list[str] = []
    if profile.pain >= safety.SEVERE_PAIN:
        notes.append(safety.SEVERE_PAIN_ADVICE)
    elif profile.pain >= safety.LOW_DOSE_PAIN:
        notes.append("Lighter doses today because of your pain.")
    if gentle_after_hurt:
        notes.append("Lighter doses after an exercise hurt recently; it is left out for 7 days.")
    if safety.suggest_professional(history.pain_pairs()):
        notes.append(safety.PROFESSIONAL_ADVICE)
    return notes


def _warm_up(candidates: list[Exercise], scores: dict[str, float]) -> Exercise:
    """A warm-up the seeds name, or else the gentlest exercise allowed."""
    warm_ups = [e for e in candidates if e.id in WARM_UP_IDS]
    if warm_ups:
        return max(warm_ups, key=lambda e: scores[e.id])
    return min(
        candidates, key=lambda e: (LEVEL_RANK[e.level], e.kind is Kind.STRENGTH, -scores[e.id])
    )


def _choose(
    warm_up: Exercise,
    ranked: list[Exercise],
    sizer: _Sizer,
    target: float,
    *,
    severe: bool,
    intensity: Intensity,
) -> tuple[list[Exercise], float]:
    """The exercises after the warm-up, with doses set in ``sizer``, and the total seconds."""
    if severe:  # the gentlest doses, as many exercises as fit, never longer
        chosen = _fill(warm_up, ranked, sizer, len(ranked), target)
        return chosen, sizer.seconds(warm_up, chosen)
    high = target * (1 + TOLERANCE)
    # A few exercises done properly beat many rushed ones: start from about one per
    # MINUTES_PER_EXERCISE and add more only while the doses cannot fill the time.
    count = max(1, round(target / 60 / MINUTES_PER_EXERCISE))
    chosen = _fill(warm_up, ranked, sizer, count - 1, high)
    total = _grow(warm_up, chosen, sizer, target, high, intensity)
    taken = {e.id for e in chosen}
    spare = [e for e in ranked if e.id not in taken]
    while total < target * (1 - TOLERANCE) and spare:
        extra = spare.pop(0)
        if sizer.seconds(warm_up, [*chosen, extra]) <= high:
            chosen.append(extra)
            total = _grow(warm_up, chosen, sizer, target, high, intensity)
    return chosen, total


def daily_seed(today: date, profile_id: int) -> int:
    """The default seed: one per person per day, so every re-plan that day gives the same routine.

    ``backcoach plan``, ``backcoach start``, Today and the web player all use it.
    """
    return today.toordinal() * 100 + profile_id


def plan(
    profile: Profile, catalogue: Catalogue, history: History, seed: int, today: date
) -> Routine:
    """Today's routine for this person, or :class:`PlanImpossible` saying what to relax."""
    rng = random.Random(seed)
    severe = profile.pain >= safety.SEVERE_PAIN
    after_hurt = safety.gentler_after_hurt([h.on for h in history.hurts], today)
    intensity = Intensity.FULL
    if profile.level is Level.BEGINNER:
        intensity = Intensity.BEGINNER
    if severe or after_hurt or profile.pain >= safety.LOW_DOSE_PAIN:
        intensity = Intensity.LOW
    rules = _rules(profile, history, today)
    exclusions = _exclusions(catalogue, rules)
    candidates = [exercise for exercise, excluded_by in exclusions if not excluded_by]
    if not candidates:
        raise PlanImpossible("no exercise fits your limits", _relaxations(exclusions, rules))
    since = history.days_since_done(today)
    scores = {e.id: _score(e, profile, since, rng) for e in candidates}
    warm_up = _warm_up(candidates, scores)
    ranked = sorted((e for e in candidates if e is not warm_up), key=lambda e: -scores[e.id])
    minutes = min(profile.minutes, SEVERE_MAX_MINUTES) if severe else profile.minutes
    target = minutes * 60.0
    sizer = _Sizer({e.id: base_dose(e, intensity) for e in candidates}, scores)
    chosen, total = _choose(warm_up, ranked, sizer, target, severe=severe, intensity=intensity)
    if total < target * (1 - TOLERANCE) and not severe:
        most = int(total // 60)
        advice = [f"ask for {most} minutes or fewer"] if most >= MIN_MINUTES else []
        raise PlanImpossible(
            f"only {total / 60:.1f} minutes of exercise fit your limits, not {minutes}",
            advice + _relaxations(exclusions, rules),
        )
    order = _ordered(warm_up, chosen, scores)
    items = tuple(
        RoutineItem(
            exercise=e,
            dose=sizer.doses[e.id],
            reason=_reason(e, profile, since, index == 0, history),
        )
        for index, e in enumerate(order)
    )
    return Routine(items=items, notes=tuple(_notes(profile, history, after_hurt)))
