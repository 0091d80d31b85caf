"""`backcoach screen` and `--avoid` for issue 12: cleared answers, each flag's advice, bending."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from backcoach.cli.main import app
from backcoach.core.safety import RED_FLAGS


@pytest.fixture(autouse=True)
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "backcoach.db"
    monkeypatch.setenv("BACKCOACH_DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("BACKCOACH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("COLUMNS", "250")
    return path


def invoke(*args: str, stdin: str = "") -> Any:
    return CliRunner().invoke(app, list(args), input=stdin, catch_exceptions=True)


def screen_input(**given: str) -> str:
    return "".join(given.get(flag.id.replace("-", "_"), "n") + "\n" for flag in RED_FLAGS)


def test_c_answers_checked_and_cleared_where_offered_and_lets_the_person_go_on() -> None:
    result = invoke("screen", stdin=screen_input(cancer_weight_loss="c", bone_health="c"))
    assert result.exit_code == 0, result.output
    assert "[y/n/c]" in result.output and "a professional has checked it" in result.output
    assert "Have you ever had cancer" in result.output
    shown = json.loads(invoke("export", "--format", "json").output)
    (screen,) = shown["profiles"][0]["screens"]
    assert set(screen["answers"]["bone-health"]) == {"cleared_on"}
    assert screen["answers"]["saddle-numbness"] is False
    again = invoke("screen", stdin=screen_input(cancer_weight_loss="c"))
    assert again.exit_code == 0, again.output
    when = screen["answers"]["bone-health"]["cleared_on"]
    assert f"broken a bone in a minor fall? (checked, you told us on {when})" in again.output


def test_urgent_signs_offer_only_yes_or_no() -> None:
    urgent = next(flag for flag in RED_FLAGS if not flag.clearable)
    result = invoke("screen", stdin="c\nc\nc\n")
    assert result.exit_code != 0 and "expected y or n" in str(result.exception)
    assert f"{urgent.question} [y/n]" in result.output
    assert "please answer y or n" in result.output


def test_each_flagged_item_prints_its_own_advice() -> None:
    result = invoke("screen", stdin=screen_input(fever_unwell="y", age_onset="y"))
    assert result.exit_code == 3
    out = " ".join(result.output.split())
    assert "see a doctor today" in out.lower()
    by_id = {flag.id: flag for flag in RED_FLAGS}
    for flag_id in ("fever-unwell", "age-onset"):
        assert by_id[flag_id].advice in out
    legs = invoke("screen", stdin=screen_input(leg_weakness="y"))
    assert legs.exit_code == 3 and "emergency department now" in " ".join(legs.output.split())


@pytest.mark.parametrize(
    ("avoid", "bend"), [("bending-forward", "forward"), ("bending-backward", "backward")]
)
def test_plan_can_avoid_bending_forward_or_backward(avoid: str, bend: str) -> None:
    from backcoach.adapters.catalogue_files import load_catalogue, shipped_catalogue_dir

    catalogue = load_catalogue(shipped_catalogue_dir())
    for seed in range(6):
        result = invoke("plan", "--avoid", avoid, "--seed", str(seed), "--minutes", "15", "--json")
        assert result.exit_code == 0, result.output
        for entry in json.loads(result.output)["exercises"]:
            assert bend not in catalogue.get(entry["id"]).bends
