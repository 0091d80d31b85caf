"""The terminal coach in a real pseudo-terminal, killed with SIGKILL mid-session:
``backcoach start`` again offers to resume and carries on after the last stored step."""

from __future__ import annotations

import os
import pty
import re
import signal
import sys
import threading
import time
from pathlib import Path

import pytest
from clocks import TEST_NOW

from backcoach.adapters.storage.store import Store
from backcoach.services import DEFAULT_PROFILE

pytestmark = pytest.mark.slow

COACH = Path(__file__).with_name("coach_process.py")
SPEED = 10  # a five-minute session plays in thirty seconds
ESCAPES = re.compile(r"\x1b(\[[0-9;?]*[A-Za-z]|[()][0-9A-Za-z]|[=>])")
PLAYER_STARTED = "Keys: space"
QUESTION_OR_PLAYER = re.compile(rf"\[y/n(/c)?\]|{PLAYER_STARTED}")
RESUMING = re.compile(r"Resuming at step (\d+) of (\d+)")


class Terminal:
    """``backcoach ARGS`` running in a pseudo-terminal: what it printed, and keys to type.

    A thread reads the terminal all the time, as a terminal window would: a coach whose
    screen nobody reads blocks on its next redraw.
    """

    def __init__(self, env: dict[str, str], *args: str) -> None:
        command = [sys.executable, str(COACH), "--now", TEST_NOW.isoformat()]
        argv = [*command, "--speed", str(SPEED), "--", *args]
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the coach, with the pty as its terminal
            os.execve(sys.executable, argv, env)
        self.output = ""
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # the coach has gone and its terminal with it
                return
            if not data:
                return
            self.output += ESCAPES.sub("", data.decode(errors="replace"))

    def expect(self, pattern: re.Pattern[str], seen: int = 0, seconds: float = 60) -> int:
        """Wait for the ``seen``+1-th match of ``pattern``; return how many there are now."""
        deadline = time.monotonic() + seconds
        while len(pattern.findall(self.output)) <= seen:
            assert time.monotonic() < deadline, f"no {pattern.pattern!r} in:\n{self.output}"
            time.sleep(0.05)
        return len(pattern.findall(self.output))

    def type(self, text: str) -> None:
        os.write(self.fd, text.encode())

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        self._reader.join(timeout=10)
        os.close(self.fd)


def stored_steps(env: dict[str, str]) -> list[int]:
    with Store.open(env["BACKCOACH_DATABASE_URL"], backup=False) as store:
        profile = store.profile_named(DEFAULT_PROFILE)
        assert profile is not None
        sessions = store.sessions(profile.id)
    return sorted(step.index for session in sessions for step in session.steps)


def wait_for_steps(env: dict[str, str], more_than: int, seconds: float = 60) -> list[int]:
    deadline = time.monotonic() + seconds
    while len(steps := stored_steps(env)) <= more_than:
        assert time.monotonic() < deadline, f"no more than {more_than} steps stored: {steps}"
        time.sleep(0.1)
    return steps


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "BACKCOACH_DATA_DIR": str(tmp_path),
        "BACKCOACH_DATABASE_URL": f"sqlite:///{tmp_path / 'backcoach.db'}",
        "BACKCOACH_VOICE": "0",
        "BACKCOACH_LEAD_IN_SECONDS": "2",
        "COLUMNS": "200",
        "TERM": "xterm",
    }


def test_a_coach_killed_mid_session_resumes_after_the_last_stored_step(
    env: dict[str, str],
) -> None:
    first = Terminal(env, "start", "--minutes", "5", "--pain", "3", "--no-voice")
    try:
        asked = 0
        while PLAYER_STARTED not in first.output:  # the red-flag screen: no to each question
            asked = first.expect(QUESTION_OR_PLAYER, seen=asked)
            if PLAYER_STARTED not in first.output:
                first.type("n\n")
        wait_for_steps(env, more_than=3)
    finally:
        first.kill()
    stored = stored_steps(env)
    assert stored == list(range(len(stored)))

    again = Terminal(env, "start", "--no-voice")
    try:
        again.expect(re.compile(rf"unfinished session .*\({len(stored)} step\(s\) done\)"))
        again.type("y\n")
        again.expect(RESUMING)
        (resumed_at, total), *_ = RESUMING.findall(again.output)
        assert int(resumed_at) == len(stored) + 1 <= int(total)  # the screen counts from 1
        again.type(" ")  # go on
        after = wait_for_steps(env, more_than=len(stored))
    finally:
        again.kill()
    assert after == list(range(len(after)))  # on from the next step, none done twice
