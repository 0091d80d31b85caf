"""The programme over weeks: how each exercise's dose and the person's level progress.

Pure: it replays the history it is given (sessions, "it hurts" presses, flare-ups)
up to an injected ``today``. The rules are deliberately slow, as the sources ask
(build up gradually, ease off when it hurts):

- a dose steps up one rung (a few seconds more hold, one more round or repetition)
  only after ``EASY_SESSIONS_TO_STEP`` easy sessions of that exercise: no "it hurts",
  pain after recorded and not above pain before;
- it steps down one rung at once after a hurt or a pain rise;
- never more than one step up per exercise in ``STEP_UP_GAP_DAYS``;
- nothing steps up for ``FLARE_HOLD_DAYS`` after a flare-up;
- harder levels unlock after weeks of steady practice with no hurt and no flare.

Every rung lies inside the catalogue's range. The planner applies the result only
on ordinary days: its bad-day rules (pain 6+, a recent hurt) start from the bottom
of the range whatever the programme says.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from backcoach.core.catalogue import Catalogue, Dosage, Exercise
from backcoach.core.dosing import Intensity, base_dose, bumped
from backcoach.core.options import Level
from backcoach.core.plan_rules import LEVEL_RANK
from backcoach.core.profile import History, HistoryEntry
from backcoach.core.timeline import Dose
from backcoach.core.wording import dose_text

EASY_SESSIONS_TO_STEP = 3
STEP_UP_GAP_DAYS = 7
FLARE_HOLD_DAYS = 7
# Consecutive steady weeks before each level above the one the person chose.
WEEKS_PER_LEVEL = 3
LEVELS = (Level.BEGINNER, Level.INTERMEDIATE, Level.ADVANCED)

FLARE_ADVICE = (
    "Keep moving gently: short walks and the gentle routine below help more than bed rest.",
    "For a few days avoid heavy lifting, long sitting without a break and anything that "
    "makes the pain sharper.",
    "Your doses will not rise for 7 days; they pick up again once things settle.",
    "See a doctor or physiotherapist if the pain is not easing after a week or two, "
    "keeps you awake at night, or spreads down a leg.",
    "Go to an emergency department now if you have numbness around the groin or buttocks, "
    "new trouble controlling your bladder or bowel, or weakness or tingling getting worse "
    "in both legs.",
)


@dataclass(frozen=True, slots=True)
class _Ladder:
    dosage: Dosage
    rungs: tuple[Dose, ...]
    default: int  # the rung of the catalogue's default dose
    texts: tuple[str, ...]  # each rung as the person reads it


# The planner works the programme out before every plan, and rebuilding each ladder then
# cost two thirds of its time. A ladder depends only on the exercise's dosage, so one is
# kept per exercise id, and rebuilt only if a catalogue gives that id another dosage.
_LADDERS: dict[str, _Ladder] = {}


def _ladder_of(exercise: Exercise) -> _Ladder:
    known = _LADDERS.get(exercise.id)
    dosage = exercise.dosage
    if known is not None and (known.dosage is dosage or known.dosage == dosage):
        return known
    rungs = [base_dose(exercise, Intensity.LOW)]
    while (more := bumped(exercise, rungs[-1], Intensity.FULL)) is not None:
        rungs.append(more)
    built = _LADDERS[exercise.id] = _Ladder(
        dosage,
        tuple(rungs),
        rungs.index(base_dose(exercise, Intensity.FULL)),
        tuple(dose_text(exercise, rung) for rung in rungs),
    )
    return built


def ladder(exercise: Exercise) -> tuple[Dose, ...]:
    """The rungs of an exercise's dose, from the bottom of every range to the top."""
    return _ladder_of(exercise).rungs


def start_rung(exercise: Exercise, level: Level) -> int:
    """Beginners start at the bottom, intermediates at the default, advanced one rung above."""
    steps = _ladder_of(exercise)
    if level is Level.BEGINNER:
        return 0
    return min(len(steps.rungs) - 1, steps.default + (1 if level is Level.ADVANCED else 0))


@dataclass(frozen=True, slots=True)
class DoseChange:
    """One step of one exercise's dose, and why."""

    on: date
    exercise_id: str
    rung: int
    dose: Dose
    why: str


@dataclass(frozen=True, slots=True)
class Programme:
    """Where each exercise's dose stands today, the level reached, and the hold after a flare."""

    doses: dict[str, Dose]
    reasons: dict[str, str]
    level: Level
    steady_weeks: int
    held_until: date | None
    changes: tuple[DoseChange, ...] = ()

    def held(self, today: date) -> bool:
        return self.held_until is not None and today <= self.held_until


@dataclass(slots=True)
class _Track:
    """One exercise's replay state."""

    exercise_id: str
    steps: _Ladder
    rung: int
    easy: int = 0
    last_up: date | None = None
    why: str = ""
    changes: list[DoseChange] = field(default_factory=list)

    def move(self, day: date, by: int, cause: str) -> None:
        target = max(0, min(len(self.steps.rungs) - 1, self.rung + by))
        self.easy = 0
        if target == self.rung:
            return
        direction = "up" if by > 0 else "down"
        self.why = (
            f"{self.steps.texts[target]}, {direction} from "
            f"{_first_lower(self.steps.texts[self.rung])} {cause}"
        )
        self.rung = target
        self.last_up = day if by > 0 else self.last_up
        self.changes.append(
            DoseChange(day, self.exercise_id, target, self.steps.rungs[target], self.why)
        )


def _first_lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _hold_end(flares: Iterable[date], today: date) -> date | None:
    ends = [day + timedelta(days=FLARE_HOLD_DAYS - 1) for day in flares if day <= today]
    return max(ends, default=None)


def _in_hold(day: date, flares: Sequence[date]) -> bool:
    return any(0 <= (day - flare).days < FLARE_HOLD_DAYS for flare in flares)


def _replay_day(
    day: date,
    entries: list[HistoryEntry],
    hurt_ids: set[str],
    tracks: dict[str, _Track],
    flares: Sequence[date],
) -> None:
    for exercise_id in sorted(hurt_ids):
        if exercise_id in tracks:
            tracks[exercise_id].move(day, -1, f"after it hurt on {day}")
    held = _in_hold(day, flares)
    for entry in entries:
        rose = (
            entry.pain_before is not None
            and entry.pain_after is not None
            and entry.pain_after > entry.pain_before
        )
        easy = entry.pain_before is not None and entry.pain_after is not None and not rose
        for exercise_id in entry.exercise_ids:
            track = tracks.get(exercise_id)
            if track is None or exercise_id in hurt_ids:
                continue
            if rose:
                track.move(day, -1, f"after your pain rose on {day}")
            elif easy and not held:
                track.easy += 1
                _maybe_step_up(day, track)


def _maybe_step_up(day: date, track: _Track) -> None:
    if track.easy < EASY_SESSIONS_TO_STEP:
        return
    if track.last_up is not None and (day - track.last_up).days < STEP_UP_GAP_DAYS:
        return
    track.move(day, +1, f"after {track.easy} easy sessions")


def steady_weeks(history: History, flares: Sequence[date], days_per_week: int, today: date) -> int:
    """Calendar weeks in a row, back from today's, with enough practice and no hurt or flare.

    The current week counts once it is steady; until then the run ends at last week.
    """
    practice = {entry.on for entry in history.entries if entry.exercise_ids}
    setbacks = {hurt.on for hurt in history.hurts} | set(flares)
    wanted = max(1, days_per_week - 1)
    monday = today - timedelta(days=today.weekday())
    count = 0
    for weeks_back in range(0, 520):
        start = monday - timedelta(weeks=weeks_back)
        days = {start + timedelta(days=n) for n in range(7)}
        if days & setbacks:
            break
        if len(days & practice) < wanted:
            if weeks_back == 0:
                continue
            break
        count += 1
    return count


def level_reached(chosen: Level, steady: int) -> Level:
    rank = min(len(LEVELS) - 1, LEVEL_RANK[chosen] + steady // WEEKS_PER_LEVEL)
    return LEVELS[rank]


def programme(
    history: History,
    catalogue: Catalogue,
    *,
    level: Level,
    days_per_week: int,
    flares: Sequence[date],
    today: date,
) -> Programme:
    """Each exercise's dose today, the level unlocked, and why, from the history up to today."""
    flares = sorted(day for day in flares if day <= today)
    tracks = {e.id: _Track(e.id, _ladder_of(e), start_rung(e, level)) for e in catalogue}
    by_day: dict[date, list[HistoryEntry]] = {}
    for entry in history.entries:
        if entry.on <= today:
            by_day.setdefault(entry.on, []).append(entry)
    hurts: dict[date, set[str]] = {}
    for hurt in history.hurts:
        if hurt.on <= today:
            hurts.setdefault(hurt.on, set()).add(hurt.exercise_id)
    for day in sorted(by_day.keys() | hurts.keys()):
        _replay_day(day, by_day.get(day, []), hurts.get(day, set()), tracks, flares)
    steady = steady_weeks(history, flares, days_per_week, today)
    changes = sorted(
        (change for track in tracks.values() for change in track.changes),
        key=lambda c: (c.on, c.exercise_id),
    )
    return Programme(
        doses={i: t.steps.rungs[t.rung] for i, t in tracks.items()},
        reasons={i: t.why for i, t in tracks.items() if t.why},
        level=level_reached(level, steady),
        steady_weeks=steady,
        held_until=_hold_end(flares, today),
        changes=tuple(changes),
    )
