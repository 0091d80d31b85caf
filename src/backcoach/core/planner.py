"""Today's routine: which exercises, in what order, how much, and why.

``plan`` is pure and deterministic: the same profile, catalogue, history, seed
and day give the same routine. Its length is measured with the timeline code
the session engine runs, so "10 minutes" on the plan is 10 minutes on the clock.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from backcoach.core import safety
from backcoach.core.catalogue import Catalogue, Exercise
from backcoach.core.dosing import Intensity, base_dose, bumped
from backcoach.core.options import Goal, Kind, Level, Position
from backcoach.core.plan_rules import LEVEL_RANK, exclusions, relaxations, rules_for
from backcoach.core.profile import History, Profile
from backcoach.core.programme import Programme
from backcoach.core.timeline import (
    Dose,
    Routine,
    RoutineItem,
    block_seconds,
    position_group,
    routine_seconds,
)
from backcoach.core.wording import dose_text

# Seed 004 and the catalogue ask for a warm-up before knee-to-chest, so it is never one.
WARM_UP_IDS = ("pelvic-tilt", "cat-cow")
TOLERANCE = 0.10
SEVERE_MAX_MINUTES = 8
HIGH_PAIN_MAX_MINUTES = 15
MINUTES_PER_EXERCISE = 2.5
GROUP_ORDER = ("floor", "ball", "bench", "chair", "standing", "hanging")
POSITION_ORDER = (
    Position.SUPINE, Position.PRONE, Position.QUADRUPED, Position.KNEELING, Position.SEATED,
    Position.BALL, Position.BENCH, Position.CHAIR, Position.STANDING, Position.HANGING,
)  # fmt: skip
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
            more = bumped(exercise, before, intensity) if total < target else before
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


def _notes(
    profile: Profile,
    history: History,
    gentle_after_hurt: bool,
    minutes_done: float,
    longer: Sequence[str],
) -> list[str]:
    """One line for each rule that changed today's plan, so the person knows why."""
    notes: list[str] = []
    if profile.pain >= safety.SEVERE_PAIN:
        notes.append(safety.SEVERE_PAIN_ADVICE)
        notes.append("Hugging both knees in is left out today: it rounds the back further.")
    if profile.pain >= safety.LOW_DOSE_PAIN:
        notes.append("Hanging, bench and ball exercises are left out today because of your pain.")
        notes.append(
            "Lighter doses today because of your pain: holds, repetitions and rounds "
            "stay at or below the usual amount."
        )
    if gentle_after_hurt:
        notes.append("Lighter doses after an exercise hurt recently; it is left out for 7 days.")
    if minutes_done < profile.minutes * (1 - TOLERANCE):
        notes.append(_shorter_note(profile, gentle_after_hurt, minutes_done, longer))
    if profile.bone_care:
        notes.append(
            "Forward bends and hangs are left out because of what you told us about "
            "your bones (osteoporosis, steroid tablets or a fracture from a minor fall)."
        )
    if safety.suggest_professional(history.pain_pairs()):
        notes.append(safety.PROFESSIONAL_ADVICE)
    return notes


def _shorter_note(
    profile: Profile, gentle: bool, minutes_done: float, longer: Sequence[str]
) -> str:
    about = f"about {max(1, round(minutes_done))} minutes instead of {profile.minutes}"
    if profile.pain >= safety.LOW_DOSE_PAIN:
        return f"A shorter session today because of your pain: {about}."
    if gentle:
        return f"A shorter session today to go gently: {about}."
    more = f" To make it longer, {' or '.join(longer)}." if longer else ""
    return (
        f"A shorter session today: {about}. Every exercise that suits your choices is "
        f"already at the most the guides advise.{more}"
    )


def _warm_up(candidates: list[Exercise], scores: dict[str, float]) -> Exercise:
    """A warm-up the seeds name, or else the gentlest exercise allowed."""
    warm_ups = [e for e in candidates if e.id in WARM_UP_IDS]
    if warm_ups:
        return max(warm_ups, key=lambda e: scores[e.id])
    # A stretch that bends the spine wants a warm-up itself, so it comes later.
    return min(
        candidates,
        key=lambda e: (LEVEL_RANK[e.level], bool(e.bends), e.kind is Kind.STRENGTH, -scores[e.id]),
    )


def _choose(
    warm_up: Exercise,
    ranked: list[Exercise],
    sizer: _Sizer,
    target: float,
    *,
    pain: int,
    intensity: Intensity,
) -> tuple[list[Exercise], float]:
    """The exercises after the warm-up, with doses set in ``sizer``, and the total seconds."""
    if pain >= safety.SEVERE_PAIN:  # the gentlest doses, as many exercises as fit, never longer
        chosen = _fill(warm_up, ranked, sizer, len(ranked), target)
        return chosen, sizer.seconds(warm_up, chosen)
    high = target * (1 + TOLERANCE)
    # A few exercises done properly beat many rushed ones: start from about one per
    # MINUTES_PER_EXERCISE and add more only while the doses cannot fill the time.
    count = max(1, round(target / 60 / MINUTES_PER_EXERCISE))
    chosen = _fill(warm_up, ranked, sizer, count - 1, high)
    total = _grow(warm_up, chosen, sizer, target, high, intensity)
    if pain >= safety.LOW_DOSE_PAIN:
        return chosen, total  # on a bad day a shorter session beats more exercises
    taken = {e.id for e in chosen}
    spare = [e for e in ranked if e.id not in taken]
    while total < target * (1 - TOLERANCE) and spare:
        extra = spare.pop(0)
        if sizer.seconds(warm_up, [*chosen, extra]) <= high:
            chosen.append(extra)
            total = _grow(warm_up, chosen, sizer, target, high, intensity)
    return chosen, total


def _intensity(profile: Profile, after_hurt: bool) -> Intensity:
    if after_hurt or profile.pain >= safety.LOW_DOSE_PAIN:
        return Intensity.LOW
    return Intensity.BEGINNER if profile.level is Level.BEGINNER else Intensity.FULL


def _minutes(profile: Profile) -> int:
    """Today's length: shorter on days of high pain, whatever was asked."""
    if profile.pain >= safety.SEVERE_PAIN:
        return min(profile.minutes, SEVERE_MAX_MINUTES)
    if profile.pain >= safety.LOW_DOSE_PAIN:
        return min(profile.minutes, HIGH_PAIN_MAX_MINUTES)
    return profile.minutes


def _start_dose(exercise: Exercise, intensity: Intensity, programme: Programme | None) -> Dose:
    # On a gentle day (pain 6+, a recent hurt) the bottom of the range wins over progress.
    if programme is None or intensity is Intensity.LOW or exercise.id not in programme.doses:
        return base_dose(exercise, intensity)
    return programme.doses[exercise.id]


def _with_progress(reason: str, exercise: Exercise, dose: Dose, programme: Programme | None) -> str:
    """The programme's why, told about the dose given, not only the programme's own."""
    why = programme.reasons.get(exercise.id) if programme else None
    if programme is None or not why:
        return reason
    usual = programme.doses.get(exercise.id)
    if dose == usual:
        return f"{reason}; {_lower_first(why)}"
    if usual is None or not _at_most(usual, dose):
        return reason  # a gentle day's lighter dose: the notes say why
    # Raised from the programme's dose to fill the minutes asked, within today's caps.
    return (
        f"{reason}; {_lower_first(dose_text(exercise, dose))} today to fill your time; "
        f"your progress: {_lower_first(why)}"
    )


def _at_most(dose: Dose, top: Dose) -> bool:
    return (
        dose.sets <= top.sets
        and (dose.hold_seconds or 0) <= (top.hold_seconds or 0)
        and (dose.reps or 0) <= (top.reps or 0)
    )


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def daily_seed(today: date, profile_id: int) -> int:
    """The default seed: one per person per day, so every re-plan that day gives the same routine.

    ``backcoach plan``, ``backcoach start``, Today and the web player all use it.
    """
    return today.toordinal() * 100 + profile_id


def plan(
    profile: Profile,
    catalogue: Catalogue,
    history: History,
    seed: int,
    today: date,
    *,
    programme: Programme | None = None,
) -> Routine:
    """Today's routine for this person, or :class:`PlanImpossible` saying what to relax.

    ``programme`` (where each dose stands after weeks of practice) sets where doses
    start on ordinary days; a gentle day's rules win over it.
    """
    rng = random.Random(seed)
    after_hurt = safety.gentler_after_hurt([h.on for h in history.hurts], today)
    intensity = _intensity(profile, after_hurt)
    rules = rules_for(profile, history, today)
    excluded = exclusions(catalogue, rules)
    candidates = [exercise for exercise, excluded_by in excluded if not excluded_by]
    if not candidates:
        raise PlanImpossible("no exercise fits your limits", relaxations(excluded, rules))
    since = history.days_since_done(today)
    scores = {e.id: _score(e, profile, since, rng) for e in candidates}
    warm_up = _warm_up(candidates, scores)
    ranked = sorted((e for e in candidates if e is not warm_up), key=lambda e: -scores[e.id])
    minutes = _minutes(profile)
    target = minutes * 60.0
    sizer = _Sizer({e.id: _start_dose(e, intensity, programme) for e in candidates}, scores)
    chosen, total = _choose(warm_up, ranked, sizer, target, pain=profile.pain, intensity=intensity)
    # Short of the time asked, every dose is already at the top of its range: a shorter
    # routine beats none, and the note says what would make it longer.
    longer = [] if intensity is Intensity.LOW else relaxations(excluded, rules)
    order = _ordered(warm_up, chosen, scores)
    items = tuple(
        RoutineItem(
            exercise=e,
            dose=sizer.doses[e.id],
            reason=_with_progress(
                _reason(e, profile, since, index == 0, history), e, sizer.doses[e.id], programme
            ),
        )
        for index, e in enumerate(order)
    )
    notes = _notes(profile, history, after_hurt, total / 60, longer)
    return Routine(items=items, notes=tuple(notes))
