"""The camera WebSocket's logic: read the browser's messages, judge landmark frames in batches.

Messages from the browser (JSON text):
    {"type": "start", "exercise": "glute-bridge" | null, "aspect": 1.333}
    {"type": "frame", "t": 12.345, "landmarks": [[x, y, z, v], ... 33], "seq": 7}
Answers:
    {"type": "ready", "exercise": ..., "judged": true | false}   after "start"
    {"type": "verdict", "seq": 7, "judged": ..., ...Verdict.as_dict()}  after each frame
    {"type": "error", "message": "..."}                          after bad input

The pose core is vectorised: judging N frames in one call costs far less than N
calls. So frames from every open connection that arrive together are judged
together (grouped by target exercise and aspect), then each connection's own
coach runs its timers on its frame. One connection has at most one frame in
flight, so each coach still sees its frames in order.
"""

from __future__ import annotations

import asyncio
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np
import orjson

from backcoach.core.pose.coach import Coach, Verdict
from backcoach.core.pose.landmarks import FloatArray, LandmarkError, as_frames
from backcoach.core.pose.model import PoseModel

# A frame is about 3 kB of JSON; anything far bigger is not a frame.
MAX_MESSAGE_CHARS = 20_000


class FrameError(ValueError):
    """A message from the browser that cannot be judged; the text goes back to it."""


@dataclass
class Frame:
    """A checked frame waiting for its verdict."""

    session: CameraSession
    landmarks: FloatArray  # (1, 33, 4)
    t: float
    seq: Any


class CameraSession:
    """One WebSocket's state; its coach is replaced at each step by a "start" message."""

    def __init__(self, model: PoseModel, catalogue: Any) -> None:
        self.model = model
        self.catalogue = catalogue
        self.coach: Coach | None = None
        self.judged = False
        self.aspect = 1.0
        self.last_t = -math.inf
        self.errors = 0

    def read(self, text: str) -> dict[str, Any] | Frame:
        """The answer to send now, or a frame for the batcher; FrameError for bad input."""
        if len(text) > MAX_MESSAGE_CHARS:
            raise FrameError(f"message too long ({len(text)} characters; a frame is about 3,000)")
        try:  # orjson: a frame's 132 numbers parse in a seventh of the time json takes
            message = orjson.loads(text)
        except orjson.JSONDecodeError as error:
            raise FrameError(f"not JSON: {error}") from error
        if not isinstance(message, dict):
            raise FrameError('expected a JSON object with "type": "start" or "frame"')
        kind = message.get("type")
        if kind == "frame":
            return self.frame(message)
        if kind == "start":
            return self.start(message)
        raise FrameError(f'unknown message type {kind!r}; expected "start" or "frame"')

    def start(self, message: dict[str, Any]) -> dict[str, Any]:
        exercise = message.get("exercise")
        if exercise is not None and not isinstance(exercise, str):
            raise FrameError("start: exercise must be a catalogue id or null")
        if exercise is not None and exercise not in self.catalogue:
            raise FrameError(f"start: unknown exercise {exercise!r}")
        self.aspect = _aspect(message.get("aspect", 1.0))
        # An exercise the camera coach has no templates for runs on the plain timer.
        self.judged = exercise is None or self.model.knows(exercise)
        self.coach = Coach(self.model, target=exercise if self.judged else None)
        self.last_t = -math.inf
        return {"type": "ready", "exercise": exercise, "judged": self.judged}

    def frame(self, message: dict[str, Any]) -> Frame:
        if self.coach is None:
            raise FrameError('frame before "start": send {"type": "start", "exercise": ID} first')
        t = message.get("t")
        if isinstance(t, bool) or not isinstance(t, int | float) or not math.isfinite(t):
            raise FrameError("frame: t must be a finite number of seconds")
        if t < self.last_t:
            raise FrameError(f"frame: t went backwards ({t} after {self.last_t})")
        landmarks = message.get("landmarks")
        if not isinstance(landmarks, list) or len(landmarks) != 33:
            raise FrameError("frame: landmarks must be a list of 33 [x, y, z, visibility] lists")
        try:
            frames = as_frames(landmarks)
        except (LandmarkError, ValueError, TypeError) as error:
            raise FrameError(f"frame: {error}") from error
        if frames.shape[0] != 1:
            raise FrameError("frame: one frame per message")
        self.last_t = float(t)
        return Frame(self, frames, float(t), message.get("seq"))

    def answer(self, frame: Frame, verdict: Verdict) -> dict[str, Any]:
        answer: dict[str, Any] = {"type": "verdict", "seq": frame.seq, "judged": self.judged}
        answer.update(verdict.as_dict())
        return answer


def _aspect(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0.1 <= value <= 10:
        raise FrameError("start: aspect must be the image width / height, between 0.1 and 10")
    return float(value)


class FrameBatcher:
    """Collects the frames of all connections for one turn of the event loop, judges them at once."""

    def __init__(self, model: PoseModel) -> None:
        self.model = model
        self.pending: list[tuple[Frame, asyncio.Future[Verdict]]] = []
        self.flush_scheduled = False

    async def verdict(self, frame: Frame) -> Verdict:
        future: asyncio.Future[Verdict] = asyncio.get_running_loop().create_future()
        self.pending.append((frame, future))
        if not self.flush_scheduled:
            self.flush_scheduled = True
            asyncio.get_running_loop().call_soon(self.flush)
        return await future

    def flush(self) -> None:
        batch, self.pending = self.pending, []
        self.flush_scheduled = False
        groups: dict[tuple[str | None, float], list[tuple[Frame, asyncio.Future[Verdict]]]]
        groups = defaultdict(list)
        for frame, future in batch:
            coach = frame.session.coach
            assert coach is not None  # a frame is only read after "start"
            groups[(coach.target, frame.session.aspect)].append((frame, future))
        for (target, aspect), items in groups.items():
            try:
                landmarks = np.concatenate([frame.landmarks for frame, _ in items])
                judged = self.model.judge(landmarks, aspect, target)
                for i, (frame, future) in enumerate(items):
                    coach = frame.session.coach
                    assert coach is not None
                    if not future.done():
                        future.set_result(coach.step(judged, i, frame.t))
            except Exception as error:  # one bad group must not stall every connection
                for _, future in items:
                    if not future.done():
                        future.set_exception(FrameError(f"could not judge this frame: {error}"))
