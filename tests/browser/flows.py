"""Steps a person takes in the browser, shared by the browser tests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backcoach.core.safety import RED_FLAG_IDS

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
TODAY = re.compile(r"^https?://[^/]+/(\?.*)?$")
# Records every step the player announces, so a test can read what it showed.
STEP_LOG_SCRIPT = """
window.__steps = [];
document.addEventListener('backcoach:step', (e) => window.__steps.push(e.detail));
"""


def answer_screen(page: Any, yes: frozenset[str] = frozenset()) -> None:
    for flag in RED_FLAG_IDS:
        page.check(f"input[name='{flag}'][value='{'yes' if flag in yes else 'no'}']")
    page.get_by_role("button", name="Continue").click()


def first_run(page: Any, minutes: int = 5) -> None:
    """Welcome, safety check (all no), profile; ends on Today."""
    page.goto("/")
    page.wait_for_url("**/welcome")
    answer_screen(page)
    page.wait_for_url("**/welcome/profile")
    page.fill("#minutes", str(minutes))
    page.locator("form button[type=submit]").click()
    page.wait_for_url(TODAY)


def choose_pain(page: Any, form: str, value: int) -> None:
    page.locator(f"#{form} label.pain-option").nth(value).click()


def start_session(page: Any, pain: int = 3) -> None:
    """From Today: Start, pain before, and wait for the first step."""
    page.get_by_role("link", name="Start").first.click()
    page.wait_for_url("**/session/new**")
    choose_pain(page, "form-before", pain)
    page.get_by_role("button", name="Start the session").click()
    page.locator("#screen-run").wait_for(state="visible")
    assert re.search(r"/session/\d+$", page.url), page.url


def player_state(page: Any) -> dict[str, Any]:
    state: dict[str, Any] = page.evaluate("window.backcoach.player.state()")
    return state


def session_steps(page: Any) -> list[dict[str, Any]]:
    """The steps of the session the player is running, as the server sends them."""
    session_id = page.url.rsplit("/", 1)[1]
    steps: list[dict[str, Any]] = page.evaluate(
        f"fetch('/api/sessions/{session_id}').then((r) => r.json())"
    )["steps"]
    return steps


def skip_to(page: Any, steps: list[dict[str, Any]], exercise: str) -> None:
    """Skip (paused) until the current step belongs to ``exercise``."""
    for _ in steps:
        index = player_state(page)["index"]
        if steps[index]["exercise"] == exercise:
            return
        page.keyboard.press("n")
        page.wait_for_function(f"() => window.backcoach.player.state().index !== {index}")
    raise AssertionError(f"skipping never reached {exercise}")


def let_the_player_run(page: Any, seconds: float) -> None:
    """Wait until the page has drawn frames over ``seconds`` of its own time.

    The player's countdown moves only on animation frames, so "nothing moved" is
    shown by frames that ran, not by the test's sleep: on a busy machine a sleep can
    pass with no frame drawn at all.
    """
    page.evaluate(
        "(ms) => { window.__framesSeen = 0; window.__until = performance.now() + ms; }",
        seconds * 1000,
    )
    page.wait_for_function(
        "() => ++window.__framesSeen >= 10 && performance.now() >= window.__until", polling="raf"
    )


@dataclass
class Server:
    url: str
    data_dir: Path
    pid: int | None = None  # the server process, for tests that kill it


def shoot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """Screenshots at phone and laptop size, for a person to look at (build/screenshots)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, size in (("phone", PHONE), ("laptop", LAPTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(PHONE)
