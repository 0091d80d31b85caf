"""Camera mode: the pose models for the browser, the camera check page, and the pose WebSocket.

The browser runs pose estimation on the device and sends only landmarks (33 x
[x, y, z, visibility]) with a timestamp; video never reaches the server. Each
connection gets its own ``Coach`` from the pure pose core, aimed at the current
step's exercise, and every frame is answered with the coach's verdict as JSON
(message formats in ``backcoach.web.pose_socket``).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from pathlib import Path
from typing import Any

import orjson
from fastapi import APIRouter, HTTPException, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import FileResponse, HTMLResponse
from starlette.datastructures import State

from backcoach.web.pose_socket import CameraSession, FrameBatcher, FrameError
from backcoach.web.rendering import render

router = APIRouter(tags=["camera"])

MODELS_DIR = Path(__file__).resolve().parents[2] / "models"
MODEL_VARIANTS = ("lite", "full")
MAX_ERRORS_PER_CONNECTION = 50


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


_POSE_MODEL_LOCK = threading.Lock()


def warm_pose_model(state: State) -> concurrent.futures.Future[Any]:
    """Start building the app's pose model in a background thread (once); its future."""
    with _POSE_MODEL_LOCK:
        future: concurrent.futures.Future[Any] | None = getattr(state, "pose_model", None)
        if future is None:
            future = state.pose_model = concurrent.futures.Future()
            threading.Thread(
                target=_build_pose_model, args=(state, future), name="pose-model", daemon=True
            ).start()
    return future


def _build_pose_model(state: State, future: concurrent.futures.Future[Any]) -> None:
    try:
        model = _load_pose_model(state)
    except BaseException as error:
        with _POSE_MODEL_LOCK:
            state.pose_model = None  # the next connection tries again
        future.set_exception(error)
    else:
        future.set_result(model)


async def frame_batcher(state: State) -> FrameBatcher:
    """The app's batcher around the pose core's model, built on first use (off the event loop)."""
    model = await asyncio.wrap_future(warm_pose_model(state))
    if getattr(state, "pose_batcher", None) is None:
        state.pose_batcher = FrameBatcher(model)
    batcher: FrameBatcher = state.pose_batcher
    return batcher


def _load_pose_model(state: State) -> Any:
    # Imported here so the rest of the web app starts even if the camera coach cannot.
    from backcoach.adapters.pose_specs import build_pose_model, shipped_pose_model

    if getattr(state.settings, "catalogue_dir", None) is None:
        return shipped_pose_model()  # shared by every app in the process
    return build_pose_model(state.catalogue)


@router.websocket("/ws/pose")
async def pose_socket(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        batcher = await frame_batcher(websocket.app.state)
    except Exception as error:  # the camera coach is optional: say why it is off
        await websocket.send_json(
            {"type": "error", "message": f"camera coach unavailable: {error}"}
        )
        await websocket.close(code=1011)
        return
    session = CameraSession(batcher.model, websocket.app.state.catalogue)
    try:
        while True:
            message = await websocket.receive()
            if message["type"] == "websocket.disconnect":
                return
            answer = await _answer(session, batcher, message.get("text"))
            await websocket.send_text(orjson.dumps(answer).decode())
            if session.errors >= MAX_ERRORS_PER_CONNECTION:
                await websocket.close(code=1008, reason="too many bad messages")
                return
    except WebSocketDisconnect:
        return


async def _answer(
    session: CameraSession, batcher: FrameBatcher, text: str | None
) -> dict[str, Any]:
    try:
        if text is None:
            raise FrameError("send JSON text messages, not binary")
        read = session.read(text)
        if isinstance(read, dict):
            return read
        return session.answer(read, await batcher.verdict(read))
    except FrameError as error:
        session.errors += 1
        return {"type": "error", "message": str(error)}
