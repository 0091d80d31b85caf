"""Camera mode over the WebSocket: synthetic landmark frames in, the pose core's verdicts out.

Frames are drawn from the catalogue's own keyframes by the pose core's skeleton
generator, seen side-on, so the tests need no photo and no browser.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient

from backcoach.core.catalogue import Catalogue
from backcoach.core.pose.synth import View, frame_from_angles

MODELS = Path(__file__).resolve().parents[2] / "src" / "backcoach" / "models"
FPS = 15


@pytest.fixture(scope="module")
def judged_pair(catalogue: Catalogue) -> tuple[str, str]:
    """Two hold exercises the camera coach knows, with clearly different shapes."""
    from backcoach.adapters.pose_specs import shipped_pose_model

    model = shipped_pose_model()
    known = [e for e in catalogue if e.id in model.specs and model.knows(e.id)]
    if len(known) < 2:
        pytest.skip("the camera coach knows fewer than two exercises yet")
    first = known[0]
    for other in known[1:]:
        if other.positions != first.positions:
            return first.id, other.id
    return first.id, known[1].id


def frames_of(catalogue: Catalogue, exercise_id: str, count: int) -> list[list[list[float]]]:
    angles = catalogue.get(exercise_id).figure.keyframes[-1].angles
    frame = frame_from_angles(angles, View(yaw=5.0, elevation=5.0))
    rng = np.random.default_rng(3)
    noisy = frame[None].repeat(count, axis=0)
    noisy[..., :2] += rng.normal(0, 0.002, size=noisy[..., :2].shape)
    return np.round(noisy, 5).tolist()  # type: ignore[no-any-return]


@pytest.fixture
def socket(client: TestClient) -> Iterator[Any]:
    with client.websocket_connect("/ws/pose") as ws:
        yield ws


def send(ws: Any, message: Any) -> dict[str, Any]:
    ws.send_text(message if isinstance(message, str) else json.dumps(message))
    answer: dict[str, Any] = ws.receive_json()
    return answer


def play(ws: Any, frames: list[list[list[float]]], start: float = 0.0) -> list[dict[str, Any]]:
    return [
        send(ws, {"type": "frame", "t": start + i / FPS, "landmarks": frame, "seq": i})
        for i, frame in enumerate(frames)
    ]


def test_holding_the_current_pose_counts_the_hold(
    socket: Any, catalogue: Catalogue, judged_pair: tuple[str, str]
) -> None:
    target, _ = judged_pair
    assert send(socket, {"type": "start", "exercise": target, "aspect": 1.0}) == {
        "type": "ready",
        "exercise": target,
        "judged": True,
    }
    verdicts = play(socket, frames_of(catalogue, target, 3 * FPS))
    last = verdicts[-1]
    assert [v["seq"] for v in verdicts] == list(range(3 * FPS))
    assert last["type"] == "verdict" and last["visible"] is True
    assert last["exercise"] == target
    assert last["holding"] is True
    assert 2.0 <= last["hold_seconds"] <= 3.0


def test_a_different_pose_does_not_count_and_gets_a_cue(
    socket: Any, catalogue: Catalogue, judged_pair: tuple[str, str]
) -> None:
    target, other = judged_pair
    send(socket, {"type": "start", "exercise": target})
    verdicts = play(socket, frames_of(catalogue, other, 3 * FPS))
    assert all(v["hold_seconds"] == 0 for v in verdicts)
    assert verdicts[-1]["holding"] is False and verdicts[-1]["exercise"] != target
    cues = [c["cue"] for v in verdicts for c in v["checks"] if not c["ok"]]
    assert cues or any(v["cue"] for v in verdicts)


def test_a_body_out_of_view_says_so_instead_of_guessing(
    socket: Any, catalogue: Catalogue, judged_pair: tuple[str, str]
) -> None:
    target, _ = judged_pair
    send(socket, {"type": "start", "exercise": target})
    frames = np.array(frames_of(catalogue, target, 3 * FPS))
    frames[..., 3] = 0.05  # the pose model barely sees any landmark
    verdicts = play(socket, frames.tolist())
    assert all(v["visible"] is False and v["hold_seconds"] == 0 for v in verdicts)
    assert any("whole body in view" in (v["cue"] or "") for v in verdicts)


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("not json", "not JSON"),
        ("[1, 2]", "JSON object"),
        ({"type": "dance"}, "unknown message type"),
        ({"type": "frame", "t": 0, "landmarks": [[0, 0, 0, 1]] * 33}, 'before "start"'),
        ({"type": "start", "exercise": "no-such-stretch"}, "unknown exercise"),
        ({"type": "start", "exercise": None, "aspect": -1}, "aspect"),
        ("x" * 30_000, "too long"),
    ],
)
def test_bad_messages_get_an_error_and_the_socket_stays_open(
    socket: Any, catalogue: Catalogue, message: Any, expected: str
) -> None:
    answer = send(socket, message)
    assert answer["type"] == "error" and expected in answer["message"]
    assert send(socket, {"type": "start", "exercise": None})["type"] == "ready"


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        ({"t": "soon", "landmarks": [[0.5, 0.5, 0, 1]] * 33}, "t must be"),
        ({"t": 1.0, "landmarks": [[0.5, 0.5, 0, 1]] * 32}, "33"),
        ({"t": 1.0, "landmarks": [[0.5, 0.5]] * 33}, "shape"),
        ({"t": 1.0, "landmarks": [["a", 0.5, 0, 1]] * 33}, "frame:"),
        ({"t": 1.0}, "landmarks"),
    ],
)
def test_bad_frames_get_an_error_not_a_crash(
    socket: Any, frame: dict[str, Any], expected: str
) -> None:
    send(socket, {"type": "start", "exercise": None})
    answer = send(socket, {"type": "frame", **frame})
    assert answer["type"] == "error" and expected in answer["message"]
    good = send(socket, {"type": "frame", "t": 2.0, "landmarks": [[0.5, 0.5, 0, 1]] * 33})
    assert good["type"] == "verdict"


def test_time_going_backwards_is_refused(socket: Any) -> None:
    send(socket, {"type": "start", "exercise": None})
    landmarks = [[0.5, 0.5, 0, 1]] * 33
    assert send(socket, {"type": "frame", "t": 5.0, "landmarks": landmarks})["type"] == "verdict"
    answer = send(socket, {"type": "frame", "t": 4.0, "landmarks": landmarks})
    assert answer["type"] == "error" and "backwards" in answer["message"]


def test_binary_messages_are_refused(socket: Any) -> None:
    socket.send_bytes(b"\x00\x01")
    answer = socket.receive_json()
    assert answer["type"] == "error" and "not binary" in answer["message"]


@pytest.mark.parametrize("variant", ["lite", "full"])
def test_the_browser_gets_the_pose_bundles_from_this_server(
    client: TestClient, variant: str
) -> None:
    response = client.get(f"/camera/models/pose_landmarker_{variant}.task")
    assert response.status_code == 200
    shipped = (MODELS / f"pose_landmarker_{variant}.task").read_bytes()
    assert hashlib.sha256(response.content).digest() == hashlib.sha256(shipped).digest()
    assert client.get("/camera/models/pose_landmarker_heavy.task").status_code == 404


def test_the_camera_check_page_says_video_stays_on_the_device(client: TestClient) -> None:
    page = client.get("/camera")
    assert page.status_code == 200
    assert "Video stays on this device" in page.text
    assert '<script src="/static/camera.js"' in page.text


def test_repetitions_are_counted_over_the_socket(socket: Any, catalogue: Catalogue) -> None:
    from backcoach.adapters.pose_specs import shipped_pose_model

    model = shipped_pose_model()
    with_reps = [i for i, spec in model.specs.items() if spec.reps is not None and model.knows(i)]
    if not with_reps:
        pytest.skip("the camera coach counts repetitions of no exercise yet")
    exercise = catalogue.get(with_reps[0])
    ends = [frame_from_angles(k.angles, View(yaw=5.0)) for k in exercise.figure.keyframes[:2]]
    send(socket, {"type": "start", "exercise": exercise.id})
    still = play(socket, [np.round(ends[0], 5).tolist()] * FPS)
    assert still[-1]["reps"] == 0
    cycles = [np.round(end, 5).tolist() for _ in range(3) for end in ends[::-1] for _ in range(FPS)]
    moving = play(socket, cycles, start=1.0 + 1 / FPS)
    assert 2 <= moving[-1]["reps"] <= 3
