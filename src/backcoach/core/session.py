"""The session engine: runs a timeline against a clock the caller owns.

Every method takes ``now`` (monotonic seconds) and returns what happened since
the last call, in order: steps started and completed, cues to speak or show,
sounds, and events worth storing. Time is never counted by adding up tick
intervals. The engine keeps one ``origin`` (the clock reading at which the
timeline's second 0 falls) and moves it only by pauses and jumps, so every
deadline is ``origin + planned offset`` and no drift accumulates.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum, StrEnum

from pydantic import BaseModel, ConfigDict, Field

from backcoach.core.records import EventKind, EventRecord, HurtSeverity, StepRecord
from backcoach.core.safety import HURT_QUESTION, hurt_advice
from backcoach.core.timeline import WORK_KINDS, Step, StepKind, Timeline

HALFWAY_FROM_SECONDS = 10.0
COUNTDOWN_FROM_SECONDS = 5.0
COUNTDOWN_KINDS = frozenset(
    {StepKind.HOLD, StepKind.GET_READY, StepKind.REST, StepKind.SWITCH_SIDES, StepKind.TRANSITION}
)
# Pressing "back" this far into an exercise restarts it; sooner, it goes to the one before.
BACK_GRACE_SECONDS = 3.0
DONE_CUE = "Session complete. Well done."


class Phase(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    ASKING_HURT = "asking_hurt"
    FINISHED = "finished"  # reached the end of the timeline
    STOPPED = "stopped"  # ended early: quit, or sharp pain


class Sound(StrEnum):
    START = "start"
    HALFWAY = "halfway"
    COUNTDOWN = "countdown"  # each of the last three seconds
    DONE = "done"


@dataclass(frozen=True, slots=True)
class StepStarted:
    index: int
    step: Step


@dataclass(frozen=True, slots=True)
class StepCompleted:
    """Persist these one by one: a crash then loses nothing already done."""

    index: int
    step: Step


@dataclass(frozen=True, slots=True)
class Cue:
    text: str
    index: int


@dataclass(frozen=True, slots=True)
class SoundCue:
    sound: Sound
    index: int


@dataclass(frozen=True, slots=True)
class SessionEvent:
    kind: EventKind
    elapsed: float  # session seconds, pauses excluded
    index: int | None
    exercise_id: str | None
    severity: HurtSeverity | None = None


@dataclass(frozen=True, slots=True)
class SessionOver:
    completed: bool
    stopped_for_pain: bool = False


Output = StepStarted | StepCompleted | Cue | SoundCue | SessionEvent | SessionOver


class Snapshot(BaseModel):
    """Enough to resume a session after a crash."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    step_index: int = Field(ge=0)
    elapsed_in_step: float = Field(ge=0)
    paused: bool = True


def resume_point(
    timeline: Timeline, steps: Iterable[StepRecord], events: Iterable[EventRecord]
) -> int:
    """The step an interrupted session carries on from (``len(timeline)``: nothing left).

    After the last completed step, but never back in an exercise the person left:
    a skip or an "it hurts" goes on at the next exercise, as the engine did at the
    time, and a sharp pain or a quit ended the session (only pain after is left).
    """
    end = len(timeline)
    point = max((step.index for step in steps), default=-1) + 1
    for event in events:
        if event.step_index is None or event.step_index >= end:
            continue
        ended = event.kind is EventKind.QUIT or (
            event.kind is EventKind.HURT and event.severity is HurtSeverity.SHARP
        )
        if ended:
            point = end
        elif event.kind in (EventKind.SKIP, EventKind.HURT):
            item = timeline.steps[event.step_index].item_index
            point = max(point, timeline.item_start_index(item + 1))
    return min(point, end)


class Mark(IntEnum):
    START = 0
    HALFWAY = 1
    COUNTDOWN = 2
    END = 3


def _marks(timeline: Timeline) -> list[tuple[float, int, Mark]]:
    """Every moment something happens, in time order (a step's end before the next's start)."""
    marks: list[tuple[float, int, Mark]] = []
    for index, step in enumerate(timeline.steps):
        start, end = timeline.starts[index], timeline.end_of(index)
        marks.append((start, index, Mark.START))
        if step.kind is StepKind.HOLD and step.seconds >= HALFWAY_FROM_SECONDS:
            marks.append((start + step.seconds / 2, index, Mark.HALFWAY))
        if step.kind in COUNTDOWN_KINDS and step.seconds >= COUNTDOWN_FROM_SECONDS:
            marks.extend((end - left, index, Mark.COUNTDOWN) for left in (3, 2, 1))
        marks.append((end, index, Mark.END))
    return marks


class SessionEngine:
    def __init__(self, timeline: Timeline) -> None:
        if not timeline.steps:
            raise ValueError("an empty timeline cannot be run")
        self.timeline = timeline
        self.phase = Phase.READY
        self._marks = _marks(timeline)
        self._mark_times = [time for time, _, _ in self._marks]
        self._origin = 0.0  # clock reading of timeline second 0 while running
        self._held = 0.0  # timeline position while not running
        self._done_until = 0.0  # timeline position up to which time has been accounted for
        # The first mark not yet emitted. Counted by position in the list, not by time:
        # a step of 0 seconds (no lead-in) has its start and end at the same time as the
        # next step's start, and each of those must still be emitted once.
        self._next_mark = 0
        self._hurt_index: int | None = None

    # --- reading the state ---------------------------------------------------

    @property
    def over(self) -> bool:
        return self.phase in (Phase.FINISHED, Phase.STOPPED)

    def position(self, now: float) -> float:
        """Seconds into the timeline (pauses excluded)."""
        if self.phase is Phase.RUNNING:
            return min(now - self._origin, self.timeline.total_seconds)
        return self._held

    def index_at(self, position: float) -> int:
        index = bisect_right(self.timeline.starts, position) - 1
        return max(0, min(index, len(self.timeline) - 1))

    def current_index(self, now: float) -> int:
        return self.index_at(self.position(now))

    def remaining_in_step(self, now: float) -> float:
        index = self.current_index(now)
        return max(0.0, self.timeline.end_of(index) - self.position(now))

    def deadline(self, index: int) -> float | None:
        """When step ``index`` will end on the caller's clock, if running now."""
        if self.phase is not Phase.RUNNING:
            return None
        return self._origin + self.timeline.end_of(index)

    def seconds_to_next_mark(self, now: float) -> float | None:
        """How long the caller may wait before something new happens."""
        if self.phase is not Phase.RUNNING:
            return None
        following = self._next_mark
        if following >= len(self._marks):
            return 0.0
        return max(0.0, self._origin + self._mark_times[following] - now)

    def snapshot(self, now: float) -> Snapshot:
        position = self.position(now)
        index = self.index_at(position)
        return Snapshot(
            step_index=index,
            elapsed_in_step=max(0.0, position - self.timeline.starts[index]),
            paused=self.phase is not Phase.RUNNING,
        )

    @classmethod
    def restore(cls, timeline: Timeline, snapshot: Snapshot) -> SessionEngine:
        """A paused engine where the snapshot left off; ``resume(now)`` carries on."""
        engine = cls(timeline)
        index = min(snapshot.step_index, len(timeline) - 1)
        engine._held = timeline.starts[index] + min(
            snapshot.elapsed_in_step, timeline.steps[index].seconds
        )
        engine._done_until = engine._held
        # Like a jump to that step: its start is behind, even when its end is at the same time.
        engine._next_mark = bisect_right(engine._marks, (engine._held, index, Mark.START))
        engine.phase = Phase.PAUSED
        return engine

    # --- events ----------------------------------------------------------------

    def start(self, now: float) -> list[Output]:
        if self.phase is not Phase.READY:
            return []
        self.phase = Phase.RUNNING
        return self._jump(0, now)

    def tick(self, now: float) -> list[Output]:
        if self.phase is not Phase.RUNNING:
            return []
        return self._advance(self.position(now))

    def pause(self, now: float) -> list[Output]:
        if self.phase is not Phase.RUNNING:
            return []
        out = self.tick(now)
        if self.phase is Phase.RUNNING:
            self._hold(now)
            self.phase = Phase.PAUSED
            out.append(self._event(EventKind.PAUSE))
        return out

    def resume(self, now: float) -> list[Output]:
        if self.phase is not Phase.PAUSED:
            return []
        self._origin = now - self._held
        self.phase = Phase.RUNNING
        return [self._event(EventKind.RESUME)]

    def toggle_pause(self, now: float) -> list[Output]:
        return self.resume(now) if self.phase is Phase.PAUSED else self.pause(now)

    def skip(self, now: float) -> list[Output]:
        """Leave the current exercise for the next one."""
        if self.phase not in (Phase.RUNNING, Phase.PAUSED):
            return []
        out = self.tick(now)
        if self.over:
            return out
        out.append(self._event(EventKind.SKIP))
        return out + self._to_item(self._item_now() + 1, now)

    def back(self, now: float) -> list[Output]:
        """Restart this exercise, or go to the one before if it has only just begun."""
        if self.phase not in (Phase.RUNNING, Phase.PAUSED):
            return []
        out = self.tick(now)
        if self.over:
            return out
        item = self._item_now()
        into = self.position(now) - self.timeline.starts[self.timeline.item_start_index(item)]
        target = item if into > BACK_GRACE_SECONDS or item == 0 else item - 1
        out.append(self._event(EventKind.BACK))
        return out + self._to_item(target, now)

    def hurt(self, now: float) -> list[Output]:
        """Stop the exercise and ask what kind of pain it was (see ``answer_hurt``)."""
        if self.phase not in (Phase.RUNNING, Phase.PAUSED):
            return []
        out = self.tick(now)
        if self.over:
            return out
        if self.phase is Phase.RUNNING:
            self._hold(now)
        self._hurt_index = self.index_at(self._held)
        self.phase = Phase.ASKING_HURT
        out.append(Cue(HURT_QUESTION, self._hurt_index))
        return out

    def answer_hurt(self, severity: HurtSeverity, now: float) -> list[Output]:
        """Sharp or shooting stops the session; a mild stretch discomfort skips the exercise."""
        if self.phase is not Phase.ASKING_HURT or self._hurt_index is None:
            return []
        index, self._hurt_index = self._hurt_index, None
        step = self.timeline.steps[index]
        event = SessionEvent(EventKind.HURT, self._held, index, step.exercise_id, severity)
        advice = Cue(hurt_advice(severity), index)
        if severity is HurtSeverity.SHARP:
            self.phase = Phase.STOPPED
            return [event, advice, SessionOver(completed=False, stopped_for_pain=True)]
        self.phase = Phase.RUNNING
        self._origin = now - self._held
        return [event, advice, *self._to_item(step.item_index + 1, now)]

    def finish(self, now: float) -> list[Output]:
        """End the session early at the person's request."""
        if self.over:
            return []
        out = self.tick(now)
        if self.over:
            return out
        if self.phase is Phase.RUNNING:
            self._hold(now)
        self.phase = Phase.STOPPED
        return [*out, self._event(EventKind.QUIT), SessionOver(completed=False)]

    # --- internals ----------------------------------------------------------------

    def _hold(self, now: float) -> None:
        self._held = self.position(now)

    def _item_now(self) -> int:
        return self.timeline.steps[self.index_at(self._done_until)].item_index

    def _event(self, kind: EventKind) -> SessionEvent:
        index = self.index_at(self._done_until)
        return SessionEvent(kind, self._done_until, index, self.timeline.steps[index].exercise_id)

    def _to_item(self, item: int, now: float) -> list[Output]:
        index = self.timeline.item_start_index(item)
        if index >= len(self.timeline):
            return self._end(completed=True)
        return self._jump(index, now)

    def _jump(self, index: int, now: float) -> list[Output]:
        position = self.timeline.starts[index]
        self._done_until = position
        self._next_mark = bisect_right(self._marks, (position, index, Mark.START))
        if self.phase is Phase.RUNNING:
            self._origin = now - position
        else:
            self._held = position
        return self._on_mark(index, Mark.START)

    def _advance(self, position: float) -> list[Output]:
        out: list[Output] = []
        last = bisect_right(self._mark_times, position)
        for _, index, mark in self._marks[self._next_mark : last]:
            out += self._on_mark(index, mark)
        self._next_mark = max(self._next_mark, last)
        self._done_until = max(self._done_until, position)
        if position >= self.timeline.total_seconds:
            out += self._end(completed=True)
        return out

    def _end(self, completed: bool) -> list[Output]:
        self._held = self._done_until = self.timeline.total_seconds
        self.phase = Phase.FINISHED if completed else Phase.STOPPED
        last = len(self.timeline) - 1
        return [Cue(DONE_CUE, last), SoundCue(Sound.DONE, last), SessionOver(completed=completed)]

    def _on_mark(self, index: int, mark: Mark) -> list[Output]:
        step = self.timeline.steps[index]
        if mark is Mark.START:
            out: list[Output] = [StepStarted(index, step), Cue(step.cue, index)]
            previous = self.timeline.steps[index - 1] if index else None
            if step.kind in WORK_KINDS and (previous is None or previous.kind not in WORK_KINDS):
                out.append(SoundCue(Sound.START, index))
            return out
        if mark is Mark.HALFWAY:
            return [SoundCue(Sound.HALFWAY, index)]
        if mark is Mark.COUNTDOWN:
            return [SoundCue(Sound.COUNTDOWN, index)]
        following = self.timeline.steps[index + 1] if index + 1 < len(self.timeline) else None
        out = [StepCompleted(index, step)]
        if step.kind in WORK_KINDS and following is not None and following.kind not in WORK_KINDS:
            out.append(SoundCue(Sound.DONE, index))
        return out
