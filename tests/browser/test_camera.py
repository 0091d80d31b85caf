"""Camera mode in real Chromium with a fake camera playing a photo of ../shared/data/pose-dev.

The y4m the fake camera plays is made now with ffmpeg and lives in the test's
temporary folder: the photos are for measuring only and never stored. Which
photo plays is chosen now too: the session's first hold whose exercise the camera
coach recognises in some photo (found with the same lite bundle in Python).
"""

from __future__ import annotations

import csv
import re
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from .conftest import fake_camera_context, running_server
from .flows import (
    Server,
    first_run,
    let_the_player_run,
    player_state,
    shoot,
    skip_to,
    start_session,
)

pytestmark = pytest.mark.browser

# Slow enough that pose estimation (a few frames a second on a busy machine) keeps up.
TIME_SCALE = 0.1
FRAME = "scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2"
MAX_TRIES = 30  # photos tried per exercise before giving up on it


# A day whose ten-minute plan holds stretches the pose-dev photos show (sphinx, child's
# pose, a forward fold): on the tests' usual day no photo fits and both tests would skip.
CAMERA_DAY = datetime(2026, 3, 28, 9, tzinfo=UTC)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    # slower than the other browser tests, so pose estimation keeps up
    with running_server(tmp_path, TIME_SCALE, now=CAMERA_DAY) as running:
        yield running


def framed(photo: Path, out: Path) -> Path:
    """The photo as the fake camera shows it: 640x480, letterboxed."""
    subprocess.run(
        [
            "ffmpeg",
            "-loglevel",
            "error",
            "-y",
            "-i",
            str(photo),
            "-vf",
            FRAME,
            "-frames:v",
            "1",
            str(out),
        ],
        check=True,
    )
    return out


def write_y4m(still: Path, out: Path) -> None:
    subprocess.run(
        [
            *("ffmpeg", "-loglevel", "error", "-y", "-loop", "1", "-i", str(still)),
            *("-t", "1", "-r", "15", "-pix_fmt", "yuv420p", str(out)),
        ],
        check=True,
    )


class PhotoPicker:
    """Finds photos the camera coach judges a given way, using the Python side of the same models."""

    def __init__(self, shared: Path, scratch: Path) -> None:
        from backcoach.adapters.pose_mediapipe import PoseDetector
        from backcoach.adapters.pose_specs import shipped_pose_model

        self.root = shared / "data" / "pose-dev"
        with (self.root / "manifest.csv").open(newline="") as file:
            self.rows = [row for row in csv.DictReader(file) if row["kind"] == "image"]
        self.model = shipped_pose_model()
        self.detector = PoseDetector("lite")
        self.scratch = scratch

    def photos(self, exercise: str) -> list[Path]:
        return [self.root / r["file"] for r in self.rows if r["exercise"] == exercise][:MAX_TRIES]

    def verdict(self, photo: Path, target: str) -> Any:
        from backcoach.core.pose.coach import Coach

        still = framed(photo, self.scratch / f"{photo.stem}.png")
        detection = self.detector.image(still)
        if detection.landmarks is None:
            return None
        coach = Coach(self.model, target)
        verdicts = [coach.update(detection.landmarks, i / 10, detection.aspect) for i in range(20)]
        return verdicts[-1]

    def holding(self, exercise: str) -> Path | None:
        for photo in self.photos(exercise):
            verdict = self.verdict(photo, exercise)
            if (
                verdict is not None
                and verdict.exercise == exercise
                and verdict.holding
                and verdict.hold_seconds > 1
            ):
                return photo
        return None

    def elsewhere(self, target: str) -> Path | None:
        """A person seen well, in a pose that is not ``target``."""
        for photo in self.photos("none"):
            verdict = self.verdict(photo, target)
            if verdict is not None and verdict.visible and not verdict.holding:
                return photo
        return None


@pytest.fixture(scope="module")
def picker(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PhotoPicker]:
    pytest.importorskip("mediapipe", reason="choosing photos needs backcoach[camera]")
    chooser = PhotoPicker(shared_dir, tmp_path_factory.mktemp("stills"))
    yield chooser
    chooser.detector.close()


@pytest.fixture
def camera(browser: Any, server: Server, tmp_path: Path) -> Iterator[tuple[Any, Path]]:
    """A page in a Chromium whose fake camera plays ``video`` (written by the test before use)."""
    video = tmp_path / "camera.y4m"
    with fake_camera_context(browser, server, video) as context:
        seen: list[str] = []
        context.on("request", lambda request: seen.append(request.url))
        page = context.new_page()
        page.set_default_timeout(20_000)
        yield page, video
    foreign = [url for url in seen if url.startswith("http") and not url.startswith(server.url)]
    assert foreign == [], "the camera page asked another host than the local server"


def plan_with_camera_target(
    page: Any, picker: PhotoPicker
) -> tuple[list[dict[str, Any]], str, Path]:
    """Start a session and pause it; return its steps, an exercise still ahead whose hold
    the camera coach sees held in some photo, and that photo."""
    first_run(page, minutes=10)
    start_session(page, pain=2)
    page.get_by_role("button", name="Pause").click()
    page.wait_for_function("() => window.backcoach.player.state().paused")
    session_id = page.url.rsplit("/", 1)[1]
    steps = page.evaluate(f"fetch('/api/sessions/{session_id}').then(r => r.json())")["steps"]
    ahead = steps[player_state(page)["index"] + 1 :]
    tried: set[str] = set()
    for step in ahead:
        exercise = step["exercise"]
        if step["kind"] != "hold" or exercise in tried or not picker.model.knows(exercise):
            continue
        tried.add(exercise)
        photo = picker.holding(exercise)
        if photo is not None:
            return steps, exercise, photo
    pytest.skip(
        f"no photo in pose-dev is held in position for a hold of this plan ({sorted(tried)})"
    )


def camera_watching(page: Any) -> None:
    """Camera coach on, and its verdicts say it sees a body."""
    page.get_by_role("button", name="Camera coach").click()
    page.wait_for_function(
        "() => window.backcoach.camera.stats().lastVerdict?.visible === true", timeout=60_000
    )


def resume_into_hold(page: Any, steps: list[dict[str, Any]], exercise: str) -> int:
    page.get_by_role("button", name="Resume").click()
    page.wait_for_function("() => window.backcoach.player.state().kind === 'hold'", timeout=30_000)
    index: int = player_state(page)["index"]
    assert steps[index]["exercise"] == exercise
    return index


def test_holding_the_current_pose_lets_the_hold_run(
    camera: tuple[Any, Path], picker: PhotoPicker
) -> None:
    page, video = camera
    steps, exercise, photo = plan_with_camera_target(page, picker)
    write_y4m(framed(photo, video.with_suffix(".png")), video)
    skip_to(page, steps, exercise)
    camera_watching(page)
    assert "Video stays on this device" in page.locator(".camera-privacy").inner_text()
    # Held in position for seconds while the session is paused: none of that is this hold.
    let_the_player_run(page, 5)
    hold = resume_into_hold(page, steps, exercise)
    page.evaluate("window.__holdFrom = performance.now()")
    page.wait_for_function(
        "() => /holding \\d+ s/.test(document.getElementById('camera-status').textContent)",
        timeout=30_000,
    )
    shown, elapsed = page.evaluate(
        "[document.getElementById('camera-status').textContent,"
        " (performance.now() - window.__holdFrom) / 1000]"
    )
    held = int(re.search(r"holding (\d+) s", shown).group(1))  # type: ignore[union-attr]
    assert held <= elapsed + 1, f"{shown!r} {elapsed:.1f} s into the hold"
    try:
        page.wait_for_function(
            f"() => window.backcoach.camera.stats().lastVerdict?.exercise === '{exercise}'",
            timeout=30_000,
        )
    except Exception:
        verdict = page.evaluate("window.backcoach.camera.stats().lastVerdict")
        pytest.fail(f"{photo.name} was never seen as {exercise}; last verdict: {verdict}")
    shoot(page, "player-camera-in-position")
    # The hold runs to its end and the session moves on.
    page.wait_for_function(f"() => window.backcoach.player.state().index > {hold}", timeout=60_000)


def in_a_hold_seen_out_of_position(
    camera: tuple[Any, Path], picker: PhotoPicker
) -> tuple[Any, list[dict[str, Any]], str, int]:
    """The camera shows a person clearly, not in the planned pose, as a hold of it begins:
    the page, the steps, the exercise and the hold's index."""
    page, video = camera
    steps, exercise, _ = plan_with_camera_target(page, picker)
    photo = picker.elsewhere(exercise)
    if photo is None:
        pytest.skip(f"no 'none' photo in pose-dev is seen clearly and judged not {exercise}")
    write_y4m(framed(photo, video.with_suffix(".png")), video)
    skip_to(page, steps, exercise)
    camera_watching(page)
    return page, steps, exercise, resume_into_hold(page, steps, exercise)


def test_a_different_pose_holds_the_timer_and_shows_a_cue(
    camera: tuple[Any, Path], picker: PhotoPicker
) -> None:
    page, steps, _exercise, hold = in_a_hold_seen_out_of_position(camera, picker)
    # The coach shuts the gate, and over twice the hold's length of the page's own
    # frames the step does not move on.
    page.locator("#player.is-gated").wait_for(state="attached")
    let_the_player_run(page, 2 * steps[hold]["seconds"] * TIME_SCALE)
    state = player_state(page)
    assert state["index"] == hold and state["gateOpen"] is False
    assert "waits until you are in position" in page.locator("#camera-status").inner_text()
    cues = page.locator("#camera-checks li.off").all_inner_texts()
    assert cues or page.locator("#camera-cue").inner_text()
    shoot(page, "player-camera-out-of-position")


def test_a_person_not_recognised_is_offered_the_plain_timer_and_the_session_carries_on(
    camera: tuple[Any, Path], picker: PhotoPicker
) -> None:
    # A person seen clearly whom the coach does not judge in position: to the coach this is
    # the same as someone in the right pose it fails to recognise.
    page, _steps, exercise, hold = in_a_hold_seen_out_of_position(camera, picker)
    page.locator("#player.is-gated").wait_for(state="attached")
    offer = page.get_by_role("button", name="Carry on without the camera")
    offer.wait_for(state="visible", timeout=30_000)
    assert "cannot check this position" in page.locator("#camera-fallback").inner_text()
    shoot(page, "player-camera-plain-timer-offered")
    # Nobody presses it: the timer carries on by itself and the session moves on.
    page.wait_for_function(f"() => window.backcoach.player.state().index > {hold}", timeout=60_000)
    assert page.evaluate("window.backcoach.camera.stats().plainTimerFor") == exercise
    assert page.locator("#camera-fallback").count() == 0
