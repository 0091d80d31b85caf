"""`backcoach plan`: the routine and its timeline, as a person or a script reads them."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest
from exercise_fakes import ALL_IDS, fake_catalogue

from backcoach.cli.errors import handle_user_errors
from backcoach.cli.main import app


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path):  # type: ignore[no-untyped-def]
    """Run `backcoach ARGS` in-process over the fake 18-exercise catalogue, on a fresh database."""
    fakes = fake_catalogue()
    monkeypatch.setattr(
        "backcoach.adapters.catalogue_files.load_catalogue", lambda path=None: fakes
    )
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("BACKCOACH_DATABASE_URL", f"sqlite:///{tmp_path / 'backcoach.db'}")
    monkeypatch.setenv("BACKCOACH_DATA_DIR", str(tmp_path))

    def invoke(*args: str) -> tuple[int, str, str]:
        try:
            code = handle_user_errors(partial(app, args=list(args), prog_name="backcoach"))
        except SystemExit as exit_:  # typer ends a finished command this way
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return invoke


def test_json_has_total_exercises_and_timeline(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("plan", "--minutes", "10", "--seed", "4", "--json")
    assert code == 0
    data = json.loads(out)
    assert abs(data["total_seconds"] - 600) <= 60
    assert data["exercises"] and all(
        {"id", "seconds", "reason"} <= e.keys() for e in data["exercises"]
    )
    assert sum(e["seconds"] for e in data["exercises"]) == data["total_seconds"]
    steps = data["timeline"]
    assert all({"kind", "exercise", "side", "seconds", "cue"} <= s.keys() for s in steps)
    assert sum(s["seconds"] for s in steps) == data["total_seconds"]
    assert steps[0]["kind"] == "get_ready"


def test_options_shape_the_routine(run) -> None:  # type: ignore[no-untyped-def]
    args = ["plan", "--minutes", "20", "--level", "advanced", "--avoid", "kneeling", "--avoid", "standing",
            "--equipment", "ball", "--equipment", "strap", "--goal", "strength", "--json"]  # fmt: skip
    data = json.loads(run(*args)[1])
    fakes = fake_catalogue()
    for entry in data["exercises"]:
        exercise = fakes.get(entry["id"])
        assert not {a.value for a in exercise.avoid_categories} & {"kneeling", "standing"}
        assert {k.value for k in exercise.needs} <= {"ball", "strap"}


def test_same_seed_prints_the_same_plan(run) -> None:  # type: ignore[no-untyped-def]
    assert run("plan", "--seed", "9", "--json")[1] == run("plan", "--seed", "9", "--json")[1]


def test_pain_eight_is_supine_only_with_advice(run) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run("plan", "--pain", "8", "--minutes", "30", "--json")[1])
    assert {e["position"] for e in data["exercises"]} == {"supine"}
    assert any("doctor" in note for note in data["notes"])


def test_tables_show_reasons_switch_sides_and_the_disclaimer(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("plan", "--minutes", "15", "--seed", "2")
    assert code == 0
    assert "warm-up" in out and "Timeline" in out
    assert "Switch sides" in out
    assert "not medical advice" in out


def test_impossible_limits_say_what_to_relax(run) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("plan", "--avoid", "floor", "--avoid", "standing")
    assert code == 2 and out == ""
    assert err.startswith("error: cannot plan") and "allow" in err


def backcoach(*args: str, data: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {"COLUMNS": "120", "PATH": "/usr/bin:/bin"}
    if data is not None:
        env |= {
            "BACKCOACH_DATA_DIR": str(data),
            "BACKCOACH_DATABASE_URL": f"sqlite:///{data / 'b.db'}",
        }
    return subprocess.run(
        [sys.executable, "-m", "backcoach.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--minutes", "4"], "--minutes"),
        (["--minutes", "61"], "--minutes"),
        (["--pain", "11"], "--pain"),
        (["--avoid", "sofa"], "--avoid"),
        (["--equipment", "rowing-machine"], "--equipment"),
        (["--goal", "fame"], "--goal"),
        (["--level", "expert"], "--level"),
    ],
)
def test_out_of_range_values_are_one_clear_error(args: list[str], named: str) -> None:
    result = backcoach("plan", *args)
    assert result.returncode == 2
    assert named in result.stderr and "Traceback" not in result.stderr


def test_shipped_catalogue_plans_ten_minutes(tmp_path: Path) -> None:
    # A set seed: without one the plan is the day's, and the test would change with the date.
    args = ("plan", "--minutes", "10", "--avoid", "kneeling", "--seed", "7", "--json")
    result = backcoach(*args, data=tmp_path)
    listed = json.loads(backcoach("exercises", "list", "--json").stdout)
    if set(ALL_IDS) - {row["id"] for row in listed}:
        pytest.skip("the shipped catalogue is not complete yet")
    assert result.returncode == 0, result.stderr
    assert abs(json.loads(result.stdout)["total_seconds"] - 600) <= 60
