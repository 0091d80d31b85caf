"""start, screen, history, peg, export, import and profile as a person uses them.

Sessions run in-process with scripted keys on a manual clock (the terminal
input is swapped out); error paths run the real ``backcoach`` command to check
the one-line message and exit status 2.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backcoach.adapters.catalogue_files import load_catalogue
from backcoach.cli import session_cmds, session_run
from backcoach.cli.main import app
from backcoach.cli.player import ManualClock, ScriptedKeys
from backcoach.core.safety import RED_FLAG_IDS

ALL_NO = "n\n" * len(RED_FLAG_IDS)


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "backcoach.db"
    monkeypatch.setenv("BACKCOACH_DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("BACKCOACH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("BACKCOACH_VOICE", "0")
    monkeypatch.setenv("COLUMNS", "250")  # no wrapped lines in what the tests read
    monkeypatch.setattr(session_run, "REFRESH_SECONDS", 5.0)
    return path


class Keys:
    """Scripted key presses (seconds after the session starts) on a manual clock."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.presses: list[tuple[float, str]] = []
        self.interrupt_at: float | None = None
        monkeypatch.setattr(session_run, "terminal_input", self._input)

    @contextmanager
    def _input(self) -> Iterator[tuple[Any, Callable[[], float]]]:
        clock = ManualClock(1000.0)
        scripted = ScriptedKeys(clock, [(1000.0 + at, key) for at, key in self.presses])
        interrupt_at = self.interrupt_at

        class Interrupting:
            def read(self, timeout: float) -> str | None:
                if interrupt_at is not None and clock.now >= 1000.0 + interrupt_at:
                    raise KeyboardInterrupt
                return scripted.read(timeout)

        yield Interrupting(), clock


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> Keys:
    return Keys(monkeypatch)


def invoke(*args: str, stdin: str = "") -> Any:
    result = CliRunner().invoke(app, list(args), input=stdin, catch_exceptions=True)
    return result


def history() -> dict[str, Any]:
    result = invoke("history", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_a_first_session_screens_plans_runs_and_records(database: Path, keys: Keys) -> None:
    result = invoke("start", "--minutes", "5", "--no-voice", stdin=ALL_NO + "3\n2\n")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "not medical advice" in out  # the disclaimer on first run
    assert "warning signs" in out
    assert "Today's routine" in out
    assert "Session complete" in out and "pain 3 -> 2" in out
    (session,) = history()["sessions"]
    assert (session["pain_before"], session["pain_after"], session["status"]) == (3, 2, "finished")
    assert 4.5 <= session["minutes"] <= 5.5
    again = invoke("start", "--minutes", "5", "--no-voice", stdin="4\n4\n")
    assert again.exit_code == 0, again.output
    assert "not medical advice" not in again.output and "warning signs" not in again.output
    assert history()["streak"] == 1


def test_a_red_flag_gives_urgent_advice_and_no_routine(database: Path, keys: Keys) -> None:
    answers = {"bladder-bowel": "y"}
    stdin = "".join(answers.get(flag, "n") + "\n" for flag in RED_FLAG_IDS)
    result = invoke("start", stdin=stdin)
    assert result.exit_code == session_cmds.SCREEN_BLOCKED_EXIT == 3  # stopped for safety
    assert "emergency department" in result.output
    assert "Today's routine" not in result.output
    blocked = invoke("start", "--pain", "2", stdin="")
    assert "Last time you reported a warning sign" in blocked.output
    assert history()["sessions"] == []
    screen = invoke(
        "screen", stdin="".join("y\n" if f == "night-pain" else "n\n" for f in RED_FLAG_IDS)
    )
    assert screen.exit_code == 3
    assert "see a doctor" in screen.output


def test_the_exit_status_for_a_safety_stop_is_documented() -> None:
    help_text = " ".join(invoke("start", "--help").output.split())
    assert "3 stopped for safety" in help_text and "emergency department" in help_text
    assert "2 bad input" in help_text


def test_it_hurts_mild_skips_and_pauses_the_exercise(database: Path, keys: Keys) -> None:
    keys.presses = [(20.0, "h"), (21.0, "m")]
    result = invoke("start", "--minutes", "5", "--no-voice", stdin=ALL_NO + "2\n2\n")
    assert result.exit_code == 0, result.output
    shown = json.loads(invoke("profile", "show", "--json").output)
    (pause,) = [p for p in shown["preferences"] if p["kind"] == "pause"]
    assert pause["until"] is not None
    name = load_catalogue().get(pause["exercise_id"]).name
    assert f"{name} is left out of your routines until" in result.output


def test_sharp_pain_stops_the_session(database: Path, keys: Keys) -> None:
    keys.presses = [(20.0, "h"), (21.0, "s")]
    result = invoke("start", "--minutes", "5", "--no-voice", stdin=ALL_NO + "4\n6\n")
    assert result.exit_code == 0, result.output
    assert "Session ended early" in result.output
    assert "see a doctor" in result.output
    (session,) = history()["sessions"]
    assert session["status"] == "stopped" and session["hurts"] == 1


def test_ctrl_c_keeps_the_steps_and_the_next_start_resumes(database: Path, keys: Keys) -> None:
    keys.interrupt_at = 60.0
    first = invoke("start", "--minutes", "5", "--no-voice", stdin=ALL_NO + "3\n")
    assert first.exit_code == session_run.INTERRUPTED_EXIT, first.output
    assert "Run `backcoach start` to resume" in first.output
    with sqlite3.connect(database) as db:
        done = db.execute("SELECT count(*) FROM session_steps").fetchone()[0]
        assert done >= 3
        assert db.execute("SELECT status FROM sessions").fetchall() == [("active",)]
    keys.interrupt_at = None
    keys.presses = [(0.5, " ")]  # a resumed session waits, paused, for space
    second = invoke("start", "--no-voice", stdin="y\n2\n")
    assert second.exit_code == 0, second.output
    assert "unfinished session" in second.output and "Resuming at step" in second.output
    (session,) = history()["sessions"]
    assert (session["status"], session["pain_before"], session["pain_after"]) == ("finished", 3, 2)
    with sqlite3.connect(database) as db:
        indexes = [row[0] for row in db.execute("SELECT step_index FROM session_steps")]
    assert indexes == sorted(set(indexes)), "a resumed session repeats no completed step"


def test_a_session_resumed_after_a_skip_goes_on_with_the_next_exercise(
    database: Path, keys: Keys
) -> None:
    keys.presses = [(8.0, "n")]  # skip the first exercise in its first hold
    keys.interrupt_at = 9.0
    first = invoke("start", "--minutes", "5", "--no-voice", stdin=ALL_NO + "3\n")
    assert first.exit_code == session_run.INTERRUPTED_EXIT, first.output
    keys.presses, keys.interrupt_at = [(0.5, " ")], None
    second = invoke("start", "--no-voice", stdin="y\n2\n")
    assert second.exit_code == 0, second.output
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT step_index, exercise_id FROM session_steps ORDER BY step_index")
        done = rows.fetchall()
    skipped = done[0][1]  # the get-ready step before the skip names the first exercise
    assert [index for index, exercise in done if exercise == skipped] == [0]
    assert len(done) > 3


def test_without_a_lead_in_every_step_is_stored_as_the_web_player_stores_it(
    database: Path, keys: Keys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACKCOACH_LEAD_IN_SECONDS", "0")
    assert invoke("profile", "set", "--minutes", "5").exit_code == 0
    shown = invoke("plan", "--pain", "3", "--json")
    assert shown.exit_code == 0, shown.output
    planned = json.loads(shown.output)["timeline"]
    assert planned[0]["kind"] == "get_ready" and planned[0]["seconds"] == 0
    result = invoke("start", "--pain", "3", "--no-voice", stdin=ALL_NO + "2\n")
    assert result.exit_code == 0, result.output
    with sqlite3.connect(database) as db:
        done = db.execute(
            "SELECT step_index, kind, seconds FROM session_steps ORDER BY step_index"
        ).fetchall()
    assert done == [(n, step["kind"], step["seconds"]) for n, step in enumerate(planned)]


def test_the_terminal_coach_names_each_event_it_stores(database: Path, keys: Keys) -> None:
    keys.presses = [(3.0, " "), (4.0, " "), (20.0, "h"), (21.0, "m")]
    result = invoke("start", "--minutes", "5", "--no-voice", stdin=ALL_NO + "2\n2\n")
    assert result.exit_code == 0, result.output
    with sqlite3.connect(database) as db:
        named = db.execute("SELECT kind, event_id FROM events ORDER BY id").fetchall()
    assert [kind for kind, _ in named] == ["pause", "resume", "hurt"]
    assert len({event_id for _, event_id in named if event_id}) == 3


def test_plan_shows_the_routine_start_runs(database: Path, keys: Keys) -> None:
    assert invoke("profile", "set", "--minutes", "10", "--goal", "mobility").exit_code == 0
    shown = invoke("plan", "--pain", "3", "--json")
    assert shown.exit_code == 0, shown.output
    planned = json.loads(shown.output)
    result = invoke("start", "--no-voice", "--pain", "3", stdin=ALL_NO + "2\n")
    assert result.exit_code == 0, result.output
    (session,) = history()["sessions"]
    assert session["exercises"] == [e["id"] for e in planned["exercises"]]
    assert session["planned_minutes"] == round(round(planned["total_seconds"]) / 60, 1)


def test_declining_to_resume_starts_afresh(database: Path, keys: Keys) -> None:
    keys.interrupt_at = 30.0
    invoke("start", "--minutes", "5", "--no-voice", stdin=ALL_NO + "3\n")
    keys.interrupt_at = None
    result = invoke("start", "--minutes", "5", "--no-voice", stdin="n\n3\n3\n")
    assert result.exit_code == 0, result.output
    statuses = sorted(s["status"] for s in history()["sessions"])
    assert statuses == ["abandoned", "finished"]


def test_peg_asks_three_questions(database: Path) -> None:
    result = invoke("peg", stdin="6\n11\n5\n4\n")
    assert result.exit_code == 0, result.output
    assert "please answer a whole number from 0 to 10" in result.output
    # "PEG" is the scale's name in the literature, not a word people know
    assert "Weekly check-in saved: 5.0/10" in result.output
    assert "PEG" not in result.output and "PEG" not in invoke("peg", "--help").output
    (peg,) = history()["pegs"]
    assert (peg["pain"], peg["enjoyment"], peg["activity"]) == (6, 5, 4)


def test_profile_set_and_show(database: Path) -> None:
    result = invoke("profile", "set", "--minutes", "20", "--goal", "strength", "--equipment", "strap",
                    "--avoid", "prone", "--avoid", "hanging", "--like", "cat-cow", "--profile", "sam")  # fmt: skip
    assert result.exit_code == 0, result.output
    shown = json.loads(invoke("profile", "show", "--json", "--profile", "sam").output)
    assert (shown["minutes"], shown["goal"], shown["equipment"], shown["avoid"]) == (
        20, "strength", ["strap"], ["prone", "hanging"],
    )  # fmt: skip
    assert [(p["exercise_id"], p["kind"]) for p in shown["preferences"]] == [("cat-cow", "like")]
    assert invoke("profile", "list").output.split() == ["sam"]


# --- the real command: exit status and one-line errors ----------------------------


def backcoach(
    *args: str, database: Path, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "BACKCOACH_DATABASE_URL": f"sqlite:///{database}",
        "BACKCOACH_VOICE": "0",
        "COLUMNS": "120",
    }
    return subprocess.run(
        [sys.executable, "-m", "backcoach.cli.main", *args], input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_without_answers_it_fails_clearly_instead_of_hanging(tmp_path: Path) -> None:
    error = one_line_error(backcoach("start", database=tmp_path / "b.db"))
    assert "no answer to" in error and "pipe the answer in" in error


def test_a_corrupt_database_is_reported_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    path.write_bytes(b"\x00garbage" * 500)
    error = one_line_error(backcoach("history", database=path))
    assert "damaged or is not a backcoach database" in error
    assert path.read_bytes() == b"\x00garbage" * 500


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.db"
    assert backcoach("profile", "set", "--minutes", "10", database=path).returncode == 0
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = '0999_from_the_future'")
    error = one_line_error(backcoach("history", database=path))
    assert "newer version of backcoach" in error


def test_out_of_range_values_exit_2(tmp_path: Path) -> None:
    for args in (
        ["start", "--minutes", "61"],
        ["start", "--avoid", "ceiling"],
        ["peg", "--pain", "11"],
    ):
        result = backcoach(*args, database=tmp_path / "b.db")
        assert result.returncode == 2, args
        assert "Invalid value" in result.stderr


def test_a_profile_name_too_long_is_one_line_error(tmp_path: Path) -> None:
    result = backcoach("history", "--profile", "x" * 61, database=tmp_path / "b.db")
    assert one_line_error(result) == "error: profile name: String should have at most 60 characters"


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_then_import_round_trips(
    database: Path, keys: Keys, tmp_path: Path, fmt: str
) -> None:
    keys.presses = [(20.0, "h"), (21.0, "m")]
    assert invoke("start", "--minutes", "5", "--no-voice", stdin=ALL_NO + "3\n2\n").exit_code == 0
    assert invoke("peg", "--pain", "3", "--enjoyment", "2", "--activity", "1").exit_code == 0
    exported = tmp_path / f"export.{fmt}"
    assert invoke("export", "--format", fmt, "-o", str(exported)).exit_code == 0
    other = tmp_path / "other.db"
    result = backcoach("import", str(exported), database=other)
    assert result.returncode == 0, result.stderr
    assert "imported 1 profile(s) (me), 1 session(s)" in result.stdout
    again = backcoach("export", "--format", "json", database=other).stdout
    original = invoke("export", "--format", "json").output
    strip = lambda text: {k: v for k, v in json.loads(text).items() if k != "exported_at"}  # noqa: E731
    assert strip(again) == strip(original)
    duplicate = one_line_error(backcoach("import", str(exported), database=other))
    assert "already in the database: me; nothing was imported" in duplicate


def test_a_bad_import_file_names_the_problem_and_imports_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "backcoach-export", "version": 1, "exported_at": "2026-01-01T00:00:00Z",'
                   ' "profiles": [{"name": "x", "created_at": "2026-01-01T00:00:00Z", "settings": {"minutes": 99}}]}')  # fmt: skip
    error = one_line_error(backcoach("import", str(bad), database=tmp_path / "b.db"))
    assert (
        "bad.json: profiles.0.settings.minutes: Input should be less than or equal to 60" in error
    )
    assert backcoach("profile", "list", database=tmp_path / "b.db").stdout == ""


def test_bad_settings_and_an_unreachable_server_are_one_line_errors(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "BACKCOACH_LEAD_IN_SECONDS": "soon",
        "BACKCOACH_DATABASE_URL": f"sqlite:///{tmp_path / 'b.db'}",
    }
    result = subprocess.run([sys.executable, "-m", "backcoach.cli.main", "history"], env=env,
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert one_line_error(result).startswith(
        "error: BACKCOACH_LEAD_IN_SECONDS: Input should be a valid integer"
    )
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    closed = f"postgresql+psycopg://me:secret@127.0.0.1:{port}/backcoach"
    result = subprocess.run([sys.executable, "-m", "backcoach.cli.main", "history"], capture_output=True,
                            text=True, timeout=60, env={**os.environ, "BACKCOACH_DATABASE_URL": closed})  # fmt: skip
    error = one_line_error(result)
    assert "cannot reach the database" in error and "secret" not in error


def test_history_marks_a_session_stopped_for_pain(database: Path, keys: Keys) -> None:
    keys.presses = [(20.0, "h"), (21.0, "s")]
    assert invoke("start", "--minutes", "5", "--no-voice", stdin=ALL_NO + "4\n6\n").exit_code == 0
    keys.presses = [(20.0, "q")]
    invoke("start", "--minutes", "5", "--no-voice", stdin="3\n3\n")
    quit_, pained = history()["sessions"]  # newest first
    assert (pained["outcome"], pained["stopped_for_pain"]) == ("stopped: it hurt", True)
    assert (quit_["status"], quit_["outcome"], quit_["stopped_for_pain"]) == (
        "stopped",
        "stopped",
        False,
    )
    table = invoke("history").output
    assert table.count("stopped: it hurt") == 1
