"""In-browser pose estimation speed: frames per second in headless Chromium with a fake camera.

Starts a real ``backcoach serve``, opens its camera check page (/camera) in
Debian's Chromium with a fake camera that plays a y4m made now with ffmpeg from
one photo of ../shared/data/pose-dev (never stored), and counts the frames the
vendored PoseLandmarker finishes per second, for the lite and the full bundle,
on the CPU delegate. The fake camera runs at 60 frames a second, so the figure
is the landmarker's own pace up to that.

    .venv/bin/python bench/bench_browser_pose.py [--seconds 10]

Ends with one line of ``name: value`` pairs.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_camera_ws import free_port, start_server

REPO = Path(__file__).resolve().parents[1]
PHOTO = (
    REPO.parent / "shared" / "data" / "pose-dev" / "tr1gg3rtrash_enhanced" / "bridge" / "File15.png"
)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
]
CAMERA_FPS = 60


def make_y4m(photo: Path, out: Path) -> None:
    scale = "scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2"
    subprocess.run(
        [
            *("ffmpeg", "-loglevel", "error", "-y", "-loop", "1", "-i", str(photo), "-t", "1"),
            *("-r", str(CAMERA_FPS), "-vf", f"{scale},format=yuv420p", str(out)),
        ],
        check=True,
    )


def measure(browser: object, url: str, model: str, seconds: float) -> float:
    context = browser.new_context(base_url=url)  # type: ignore[attr-defined]
    context.grant_permissions(["camera"])
    page = context.new_page()
    page.goto("/camera")
    page.evaluate(f"localStorage.setItem('backcoach.camera-model', '{model}')")
    page.evaluate("localStorage.setItem('backcoach.camera-delegate', 'CPU')")
    page.reload()
    page.click("#camera-start")
    page.wait_for_function("window.backcoach.camera.stats().frames > 10", timeout=60_000)
    time.sleep(2)  # warm-up: the first frames include compiling the graph
    first = page.evaluate("window.backcoach.camera.stats().frames")
    began = time.perf_counter()
    time.sleep(seconds)
    frames = page.evaluate("window.backcoach.camera.stats().frames") - first
    fps = frames / (time.perf_counter() - began)
    context.close()
    return fps


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--photo", type=Path, default=PHOTO)
    args = parser.parse_args()
    if not args.photo.is_file():
        print(f"skipped: needs a photo of a person at {args.photo} (../shared is absent)")
        return 0
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        video = Path(scratch) / "camera.y4m"
        make_y4m(args.photo, video)
        port = free_port()
        server = start_server(port, scratch)
        figures: dict[str, float] = {}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM,
                    args=[*CHROMIUM_ARGS, f"--use-file-for-fake-video-capture={video}"],
                )
                for model in ("lite", "full"):
                    fps = measure(browser, f"http://127.0.0.1:{port}", model, args.seconds)
                    figures[f"{model}_fps"] = round(fps, 1)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    figures["camera_fps"] = CAMERA_FPS
    print(" ".join(f"{name}: {value}" for name, value in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
