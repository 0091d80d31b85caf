"""A live session's state: hold timer, repetition counter and cue scheduler.

Everything is driven by the timestamps that come with the frames, never a clock,
so a recorded video and a live camera are judged the same way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from backcoach.core.pose.model import NOT_VISIBLE_CUE, Check, Judgement, PoseModel
from backcoach.core.pose.spec import RepSwing

PRAISE = "Good, that's it."
# A person the coach cannot judge in position (unseen, or seen but not recognised) for
# this long may be in the right pose all the same: the player offers the plain timer.
STUCK_SECONDS = 4.0


class HoldTimer:
    """Counts seconds in position. A drop shorter than ``grace`` is taken as flicker
    and counted; a longer one pauses the timer and the doubtful time is not counted."""

    def __init__(self, grace: float = 1.0) -> None:
        self.grace = grace
        self.seconds = 0.0
        self._pending = 0.0
        self._last: float | None = None
        self._wrong_since: float | None = None

    def update(self, t: float, right: bool) -> bool:
        """Feed one frame; return whether the hold is counting now."""
        dt = 0.0 if self._last is None else max(0.0, min(t - self._last, self.grace))
        self._last = t
        if right:
            self.seconds += self._pending + dt
            self._pending = 0.0
            self._wrong_since = None
            return True
        if self._wrong_since is None:
            self._wrong_since = t - dt
        if t - self._wrong_since <= self.grace:
            self._pending += dt
            return True
        self._pending = 0.0
        return False


class RepCounter:
    """Counts one repetition each time the value crosses ``high`` after having
    been past ``low`` (hysteresis); NaN frames (not in view) change nothing."""

    def __init__(self, swing: RepSwing) -> None:
        self.swing = swing
        self.count = 0
        self._armed = False
        self._rising = swing.high > swing.low

    def update(self, value: float) -> bool:
        """Feed one value; return True when this frame completed a repetition."""
        if math.isnan(value):
            return False
        beyond_low = value <= self.swing.low if self._rising else value >= self.swing.low
        beyond_high = value >= self.swing.high if self._rising else value <= self.swing.high
        if beyond_low:
            self._armed = True
        elif beyond_high and self._armed:
            self._armed = False
            self.count += 1
            return True
        return False


@dataclass
class CueScheduler:
    """One cue at a time: a fault must persist ``settle`` seconds before it is
    spoken, nothing is said within ``gap`` seconds of the last cue, the same cue is
    not repeated within ``repeat`` seconds, and a fixed fault earns praise.

    Advice (a range not reached) waits ``advice_settle`` seconds and until no fault
    is left, is said once and earns no praise: repeating it, or praising more depth,
    would push a stiff body further than it should go."""

    gap: float = 4.0
    repeat: float = 10.0
    settle: float = 0.7
    advice_settle: float = 3.0
    _last_spoken_at: float = -math.inf
    _spoken: dict[str, float] = field(default_factory=dict)
    _failing_since: dict[str, float] = field(default_factory=dict)
    _awaiting_fix: set[str] = field(default_factory=set)

    def update(
        self,
        t: float,
        faults: list[tuple[str, str]],
        fixed: list[str],
        advice: list[tuple[str, str]] | None = None,
    ) -> str | None:
        """``faults``: (key, cue) failing now, most important first; ``fixed``: keys passing
        now; ``advice``: (key, cue) of ranges not reached now."""
        advice = advice or []
        if self._failing_since:
            failing = {key for key, _ in faults} | {key for key, _ in advice}
            for gone in [k for k in self._failing_since if k not in failing]:
                del self._failing_since[gone]
        for key, _ in faults + advice:
            self._failing_since.setdefault(key, t)
        if t - self._last_spoken_at < self.gap:
            return None
        for key, cue in faults:
            settled = t - self._failing_since[key] >= self.settle
            if settled and t - self._spoken.get(cue, -math.inf) >= self.repeat:
                return self._say(t, cue, key)
        corrected = (
            [key for key in fixed if key in self._awaiting_fix] if self._awaiting_fix else []
        )
        if corrected:
            self._awaiting_fix.difference_update(corrected)
            return self._say(t, PRAISE, None)
        for key, cue in [] if faults else advice:
            if t - self._failing_since[key] >= self.advice_settle and cue not in self._spoken:
                return self._say(t, cue, None)
        return None

    def _say(self, t: float, cue: str, key: str | None) -> str:
        self._last_spoken_at = t
        self._spoken[cue] = t
        if key is not None:
            self._awaiting_fix.add(key)
        return cue


@dataclass(frozen=True)
class Verdict:
    t: float
    exercise: str | None
    confidence: float
    visible: bool
    checks: tuple[Check, ...]
    holding: bool
    hold_seconds: float
    reps: int
    cue: str | None
    stuck: bool = False  # the hold has not counted for STUCK_SECONDS: offer the plain timer

    def as_dict(self) -> dict[str, Any]:
        return {
            "t": round(self.t, 3),
            "exercise": self.exercise,
            "confidence": round(self.confidence, 3),
            "visible": self.visible,
            "checks": [check.as_dict() for check in self.checks],
            "holding": self.holding,
            "hold_seconds": round(self.hold_seconds, 2),
            "reps": self.reps,
            "cue": self.cue,
            "stuck": self.stuck,
        }


class Coach:
    """One per live session. ``target`` is the exercise being done (None: recognise)."""

    def __init__(
        self,
        model: PoseModel,
        target: str | None = None,
        *,
        grace_seconds: float = 1.0,
        cue_gap_seconds: float = 4.0,
        stuck_seconds: float = STUCK_SECONDS,
    ) -> None:
        if target is not None and not model.knows(target):
            raise KeyError(f"the camera coach has no templates for exercise {target!r}")
        self.model = model
        self.target = target
        self.timer = HoldTimer(grace_seconds)
        self.cues = CueScheduler(gap=cue_gap_seconds)
        self._reps: dict[str, RepCounter] = {}
        self._count = 0
        self._position_cue = model.position_cue(target) if target else ""
        self.stuck_seconds = stuck_seconds
        self._not_counting_since: float | None = None

    @property
    def reps(self) -> int:
        return self._count

    def update(self, landmarks: Any, t: float, aspect: float = 1.0) -> Verdict:
        return self.update_many(np.asarray(landmarks)[None], [t], aspect)[0]

    def update_many(self, landmarks: Any, times: Any, aspect: float = 1.0) -> list[Verdict]:
        """Judge a batch of frames at once (fast), then run the timers frame by frame."""
        judged = self.model.judge(landmarks, aspect, self.target)
        stamps = np.asarray(times, dtype=np.float64).reshape(-1).tolist()
        if len(stamps) != len(judged):
            raise ValueError(f"got {len(judged)} frames but {len(stamps)} timestamps")
        rows = zip(
            stamps,
            judged.exercise,
            judged.confidence.tolist(),
            judged.visible.tolist(),
            judged.focus,
            judged.in_position.tolist(),
            judged.checks,
            judged.rep_value.tolist(),
            strict=True,
        )
        return [self._advance(*row) for row in rows]

    def step(self, judged: Judgement, index: int, t: float) -> Verdict:
        """Advance with frame ``index`` of a Judgement made elsewhere (a server judging
        the frames of many sessions in one ``model.judge`` call, with this coach's target)."""
        return self._advance(
            t,
            judged.exercise[index],
            float(judged.confidence[index]),
            bool(judged.visible[index]),
            judged.focus[index],
            bool(judged.in_position[index]),
            judged.checks[index],
            float(judged.rep_value[index]),
        )

    _step = step  # the name the WebSocket module first used

    def _advance(
        self,
        t: float,
        exercise: str | None,
        confidence: float,
        visible: bool,
        focus: str | None,
        in_position: bool,
        checks: tuple[Check, ...],
        rep_value: float,
    ) -> Verdict:
        # Only position rules gate the timer: a range rule is a depth, not the position.
        gating = [c for c in checks if not c.advice]
        right = visible and in_position and all(c.ok for c in gating)
        holding = self.timer.update(t, right)
        if focus is not None and rep_value == rep_value:  # NaN: not countable
            self._count_rep(focus, rep_value)
        advice: list[tuple[str, str]] = []
        if not visible:
            faults = [("visible", NOT_VISIBLE_CUE)]
            fixed: list[str] = []
        elif self.target is not None and not in_position:
            # Form details mean little until the body is in the position at all.
            faults, fixed = [("position", self._position_cue)], ["visible"]
        elif checks:
            faults = [(c.id, c.cue) for c in gating if not c.ok]
            fixed = [c.id for c in gating if c.ok] + ["visible", "position"]
            advice = [(c.id, c.cue) for c in checks if c.advice and not c.ok]
        else:
            faults, fixed = [], ["visible", "position"]
        cue = self.cues.update(t, faults, fixed, advice)
        return Verdict(
            t, exercise, confidence, visible, checks, holding, self.timer.seconds, self._count, cue,
            self._stuck(t, holding),
        )  # fmt: skip

    def _stuck(self, t: float, holding: bool) -> bool:
        # Open recognition (no target) gates nothing, so nobody can be stuck there.
        if holding or self.target is None:
            self._not_counting_since = None
            return False
        if self._not_counting_since is None:
            self._not_counting_since = t
        return t - self._not_counting_since >= self.stuck_seconds

    def _count_rep(self, exercise: str, value: float) -> None:
        spec = self.model.specs.get(exercise)
        if spec is None or spec.reps is None:
            return
        counter = self._reps.get(exercise)
        if counter is None:
            counter = self._reps[exercise] = RepCounter(spec.reps)
        if counter.update(value):
            self._count += 1
