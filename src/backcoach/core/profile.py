"""What the planner knows about a person today, and what they did before.

Storage-agnostic on purpose: the store maps its rows onto these values, the CLI
and the web build them from options, and the planner reads nothing else.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from backcoach.core.options import Avoid, Equipment, Goal, Level, Target

MIN_MINUTES = 5
MAX_MINUTES = 60

Pain = Annotated[int, Field(ge=0, le=10)]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Profile(Frozen):
    minutes: int = Field(default=15, ge=MIN_MINUTES, le=MAX_MINUTES)
    goal: Goal = Goal.RELIEF
    level: Level = Level.BEGINNER
    # What the person owns; "none" and "mat" are implied, nothing else is.
    equipment: frozenset[Equipment] = frozenset()
    avoid: frozenset[Avoid] = frozenset()
    pain: Pain = 0
    # Areas the person asked to work on ("targets hamstrings, which you asked for").
    focus: frozenset[Target] = frozenset()
    liked: frozenset[str] = frozenset()
    disliked: frozenset[str] = frozenset()
    # exercise id -> last day it stays out of plans (inclusive).
    paused: dict[str, date] = {}
    # Bone health a professional has checked (osteoporosis, long-term steroid tablets, a
    # fracture from a minor fall): forward bends and hangs load the spine, so they stay out.
    bone_care: bool = False


class HistoryEntry(Frozen):
    """One past session: when, what was done, and pain around it."""

    on: date
    exercise_ids: tuple[str, ...] = ()
    pain_before: Pain | None = None
    pain_after: Pain | None = None


class HurtEvent(Frozen):
    """An "it hurts" press: which exercise, when, and whether it was sharp."""

    exercise_id: str
    on: date
    sharp: bool = False


class History(Frozen):
    entries: tuple[HistoryEntry, ...] = ()
    hurts: tuple[HurtEvent, ...] = ()

    def days_since_done(self, today: date) -> dict[str, int]:
        """Exercise id -> days since it was last done (0 = today)."""
        since: dict[str, int] = {}
        for entry in self.entries:
            days = (today - entry.on).days
            if days < 0:
                continue
            for exercise_id in entry.exercise_ids:
                since[exercise_id] = min(days, since.get(exercise_id, days))
        return since

    def hurts_within(self, today: date, days: int) -> list[HurtEvent]:
        start = today - timedelta(days=days)
        return [hurt for hurt in self.hurts if start <= hurt.on <= today]

    def pain_pairs(self) -> list[tuple[int, int]]:
        """(before, after) for sessions that recorded both, oldest first."""
        ordered = sorted(self.entries, key=lambda entry: entry.on)
        return [
            (entry.pain_before, entry.pain_after)
            for entry in ordered
            if entry.pain_before is not None and entry.pain_after is not None
        ]
