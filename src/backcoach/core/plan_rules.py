"""Why an exercise is left out of today's plan: one rule per reason.

Each rule knows what the person could relax to let the exercise back in, except
the safety rules for pain and bone health, which the planner never suggests relaxing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from backcoach.core import safety
from backcoach.core.catalogue import Exercise
from backcoach.core.options import Avoid, Bend, Equipment, Kind, Level, Position
from backcoach.core.profile import History, Profile

LEVEL_RANK = {Level.BEGINNER: 0, Level.INTERMEDIATE: 1, Level.ADVANCED: 2}
# Unstable or loaded set-ups a person in a flare cannot get out of quickly.
HIGH_PAIN_POSITIONS = frozenset({Position.HANGING, Position.BENCH, Position.BALL})
# At pain 8+ hugging both knees rounds the back further than the gentle floor work left.
SEVERE_PAIN_LEFT_OUT = frozenset({"double-knee-to-chest"})


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
    relax: str | None  # None: a safety rule the planner never suggests relaxing


def rules_for(profile: Profile, history: History, today: date) -> list[Rule]:
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
    return rules + _safety_rules(profile)


def _safety_rules(profile: Profile) -> list[Rule]:
    """Rules for pain and bone health, which no one is told to relax."""
    rules: list[Rule] = []
    if profile.bone_care:
        rules.append(Rule(_bends_forward_or_hangs, None))
    if profile.pain >= safety.LOW_DOSE_PAIN:
        rules.append(Rule(lambda f: bool(f.exercise.positions & HIGH_PAIN_POSITIONS), None))
    if profile.pain >= safety.SEVERE_PAIN:
        rules.append(Rule(_not_gentlest, "allow floor work lying on your back"))
        rules.append(Rule(lambda f: f.exercise.id in SEVERE_PAIN_LEFT_OUT, None))
    return rules


def _bends_forward_or_hangs(facts: Facts) -> bool:
    exercise = facts.exercise
    return Bend.FORWARD in exercise.bends or Position.HANGING in exercise.positions


AVOID_RELAX = {
    Avoid.BENDING_FORWARD: "allow bending forward",
    Avoid.BENDING_BACKWARD: "allow bending backward",
}


def _avoid_rule(avoid: Avoid) -> Rule:
    relax = AVOID_RELAX.get(avoid, f"allow {avoid.value} positions")
    return Rule(lambda f: avoid in f.avoids, relax)


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


def exclusions(
    catalogue: Iterable[Exercise], rules: Sequence[Rule]
) -> list[tuple[Exercise, list[int]]]:
    """Each exercise with the indices of the rules that leave it out."""
    out = []
    for exercise in catalogue:
        facts = Facts.of(exercise)
        out.append((exercise, [i for i, rule in enumerate(rules) if rule.excludes(facts)]))
    return out


def relaxations(exclusions: list[tuple[Exercise, list[int]]], rules: Sequence[Rule]) -> list[str]:
    """Single constraints whose removal lets more exercises in, most helpful first."""
    gains = [0] * len(rules)
    for _, excluded_by in exclusions:
        if len(excluded_by) == 1:
            gains[excluded_by[0]] += 1
    ranked = sorted((-gain, index) for index, gain in enumerate(gains) if gain)
    return [
        f"{rules[i].relax} (+{-g} exercise{'s' * (-g > 1)})"
        for g, i in ranked
        if rules[i].relax is not None
    ]
