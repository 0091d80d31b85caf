"""Camera mode: the pose models for the browser and the WebSocket that judges landmarks.

The browser runs pose estimation on the device and sends only landmarks (33 x
[x, y, z, visibility]) with a timestamp; video never reaches the server. Each
connection gets its own ``Coach`` from the pure pose core, aimed at the current
step's exercise, and every frame is answered with the coach's verdict as JSON.

Messages from the browser (JSON text):
    {"type": "start", "exercise": "glute-bridge" | null, "aspect": 1.333}
    {"type": "frame", "t": 12.345, "landmarks": [[x, y, z, v], ... 33], "seq": 7}
Answers:
    {"type": "ready", "exercise": ..., "judged": true | false}   after "start"
    {"type": "verdict", "seq": 7, ...Verdict.as_dict()}            after each frame
    {"type": "error", "message": "..."}                            after bad input
"""

from __future__ import annotations

import asyncio
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request, WebSocket, WebSocketDisconnect
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, HTMLResponse
from starlette.datastructures import State

from backcoach.web.rendering import render

router = APIRouter(tags=["camera"])

MODELS_DIR = Path(__file__).resolve().parents[2] / "models"
MODEL_VARIANTS = ("lite", "full")
# A frame is about 3 kB of JSON; anything far bigger is not a frame.
MAX_MESSAGE_CHARS = 20_000
MAX_ERRORS_PER_CONNECTION = 50


class FrameError(ValueError):
    """A message from the browser that cannot be judged; the text goes back to it."""


@router.get("/camera/models/pose_landmarker_{variant}.task", include_in_schema=False)
def pose_model_file(variant: str) -> FileResponse:
    """The PoseLandmarker bundle, served from the package: the browser needs no other host."""
    if variant not in MODEL_VARIANTS:
        raise HTTPException(404, f"no pose model {variant!r}; expected one of {MODEL_VARIANTS}")
    return FileResponse(
        MODELS_DIR / f"pose_landmarker_{variant}.task",
        media_type="application/octet-stream",
        headers={"Cache-Control": "public, max-age=86400"},
    )


@router.get("/camera", response_class=HTMLResponse, include_in_schema=False)
def camera_check_page(request: Request) -> HTMLResponse:
    """Try the camera coach outside a session: what it sees, and how fast this device runs it."""
    return render(request, "camera.html", {"title": "Camera check"})


async def pose_model(state: State) -> Any:
    """The pose core's model, built once per app on first use (off the event loop)."""
    lock = state.__dict__.setdefault("pose_model_lock", asyncio.Lock())
    async with lock:
        if getattr(state, "pose_model", None) is None:
            state.pose_model = await run_in_threadpool(_load_pose_model, state)
    return state.pose_model


def _load_pose_model(state: State) -> Any:
    # Imported here so the rest of the web app starts even if the camera coach cannot.
    from backcoach.adapters.pose_specs import build_pose_model, shipped_pose_model

    if getattr(state.settings, "catalogue_dir", None) is None:
        return shipped_pose_model()  # shared by every app in the process
    return build_pose_model(state.catalogue)


@dataclass
class CameraSession:
    """One WebSocket's coach; replaced at each step by a "start" message."""

    model: Any
    catalogue: Any
    exercise: str | None = None
    coach: Any = None
    aspect: float = 1.0
    last_t: float = -math.inf
    errors: int = 0
    judged: bool = field(default=False)

    def start(self, message: dict[str, Any]) -> dict[str, Any]:
        from backcoach.core.pose.coach import Coach

        exercise = message.get("exercise")
        if exercise is not None and not isinstance(exercise, str):
            raise FrameError("start: exercise must be a catalogue id or null")
        if exercise is not None and exercise not in self.catalogue:
            raise FrameError(f"start: unknown exercise {exercise!r}")
        self.aspect = _aspect(message.get("aspect", 1.0))
        self.judged = exercise is None or _judges(self.model, exercise)
        self.exercise = exercise
        self.coach = Coach(self.model, target=exercise if self.judged else None)
        self.last_t = -math.inf
        return {"type": "ready", "exercise": exercise, "judged": self.judged}

    def frame(self, message: dict[str, Any]) -> dict[str, Any]:
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
            verdict = self.coach.update(landmarks, float(t), aspect=self.aspect)
        except (ValueError, TypeError) as error:  # LandmarkError is a ValueError
            raise FrameError(f"frame: {error}") from error
        self.last_t = float(t)
        answer: dict[str, Any] = {
            "type": "verdict",
            "seq": message.get("seq"),
            "judged": self.judged,
        }
        answer.update(verdict.as_dict())
        return answer

    def handle(self, text: str) -> dict[str, Any]:
        if len(text) > MAX_MESSAGE_CHARS:
            raise FrameError(f"message too long ({len(text)} characters; a frame is about 3,000)")
        try:
            message = json.loads(text)
        except json.JSONDecodeError as error:
            raise FrameError(f"not JSON: {error.msg} at character {error.pos}") from error
        if not isinstance(message, dict):
            raise FrameError('expected a JSON object with "type": "start" or "frame"')
        kind = message.get("type")
        if kind == "frame":
            return self.frame(message)
        if kind == "start":
            return self.start(message)
        raise FrameError(f'unknown message type {kind!r}; expected "start" or "frame"')


def _judges(model: Any, exercise: str) -> bool:
    """Whether the pose core knows ``exercise`` (else the plain timer runs)."""
    return bool(model.knows(exercise))


def _aspect(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0.1 <= value <= 10:
        raise FrameError("start: aspect must be the image width / height, between 0.1 and 10")
    return float(value)


@router.websocket("/ws/pose")
async def pose_socket(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        model = await pose_model(websocket.app.state)
    except Exception as error:  # the camera coach is optional: say why it is off
        await websocket.send_json(
            {"type": "error", "message": f"camera coach unavailable: {error}"}
        )
        await websocket.close(code=1011)
        return
    session = CameraSession(model=model, catalogue=websocket.app.state.catalogue)
    try:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                return
            try:
                if message.get("text") is None:
                    raise FrameError("send JSON text messages, not binary")
                answer = session.handle(message["text"])
            except FrameError as error:
                session.errors += 1
                answer = {"type": "error", "message": str(error)}
            await websocket.send_text(json.dumps(answer, separators=(",", ":")))
            if session.errors >= MAX_ERRORS_PER_CONNECTION:
                await websocket.close(code=1008, reason="too many bad messages")
                return
    except WebSocketDisconnect:
        return
