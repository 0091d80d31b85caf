"""Export files: JSON and CSV carry every record; bad files are reported, never half-read."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from record_strategies import bundles

from backcoach.adapters.export_files import ImportFileError, read_export, to_csv, to_json
from backcoach.core.records import ProfileBundle, ProfileSettings, SessionRecord, StepRecord

NOW = datetime(2026, 3, 12, 12, tzinfo=UTC)


@settings(max_examples=40, deadline=None)
@given(st.lists(bundles, max_size=3, unique_by=lambda b: b.name))
def test_json_and_csv_round_trip_everything(written: list[ProfileBundle]) -> None:
    assert read_export(to_json(written, now=NOW), source="x.json") == written
    assert read_export(to_csv(written, now=NOW), source="x.csv") == written


def sample() -> list[ProfileBundle]:
    step = StepRecord(
        index=0, exercise_id="cat-cow", kind="hold", side="left", seconds=30, completed_at=NOW
    )
    session = SessionRecord(
        id=3,
        routine={"items": []},
        planned_seconds=300,
        started_at=NOW,
        pain_before=4,
        pain_after=3,
        steps=(step,),
    )
    return [
        ProfileBundle(name="ann", created_at=NOW, settings=ProfileSettings(), sessions=(session,))
    ]


def test_the_csv_is_readable_in_a_spreadsheet() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(sample(), now=NOW))))
    assert [row["record"] for row in rows] == ["export", "profile", "session", "step"]
    session_row, step_row = rows[2], rows[3]
    assert session_row["profile"] == "ann" and session_row["kind"] == "active"
    assert "pain 4->3" in session_row["detail"]
    assert (step_row["exercise"], step_row["session"], step_row["detail"]) == (
        "cat-cow",
        "1",
        "left",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "x: the file is empty"),
        ("{not json", "x:1: not valid JSON"),
        (
            '{"format": "other", "version": 1, "exported_at": "2026-01-01T00:00:00Z", "profiles": []}',
            "x: format: Input should be 'backcoach-export'",
        ),
        ("name,age\nann,3\n", "x:1: not a backcoach export"),
    ],
)
def test_bad_files_are_named_with_the_problem(text: str, message: str) -> None:
    with pytest.raises(ImportFileError) as caught:
        read_export(text, source="x")
    assert str(caught.value).startswith(message)


def test_an_out_of_range_value_deep_inside_names_its_path() -> None:
    document = json.loads(to_json(sample(), now=NOW))
    document["profiles"][0]["sessions"][0]["pain_after"] = 11
    with pytest.raises(
        ImportFileError,
        match=r"x\.json: profiles\.0\.sessions\.0\.pain_after: Input should be less than or equal to 10",
    ):
        read_export(json.dumps(document), source="x.json")


def test_a_bad_csv_row_names_its_line() -> None:
    lines = to_csv(sample(), now=NOW).splitlines()
    assert '""seconds"": 30.0' in lines[4]  # JSON inside a CSV cell doubles its quotes
    lines[4] = lines[4].replace('""seconds"": 30.0', '""seconds"": -5')
    with pytest.raises(
        ImportFileError,
        match=r"^x\.csv:5: step: seconds: Input should be greater than or equal to 0",
    ):
        read_export("\n".join(lines) + "\n", source="x.csv")


def test_orphan_rows_and_missing_header_are_refused() -> None:
    lines = to_csv(sample(), now=NOW).splitlines()
    without_profile = [lines[0], lines[1], *lines[3:]]
    with pytest.raises(ImportFileError, match="unknown profile 'ann'"):
        read_export("\n".join(without_profile), source="x.csv")
    without_header = [lines[0], *lines[2:]]
    with pytest.raises(ImportFileError, match="header row is missing"):
        read_export("\n".join(without_header), source="x.csv")


def test_a_name_twice_is_refused() -> None:
    twice = sample() + sample()
    with pytest.raises(ImportFileError, match="more than once: ann"):
        read_export(to_json(twice, now=NOW), source="x.json")


def test_an_export_from_before_flare_ups_and_days_per_week_still_imports() -> None:
    older = {
        "format": "backcoach-export",
        "version": 1,
        "exported_at": NOW.isoformat(),
        "profiles": [
            {
                "name": "ann",
                "created_at": NOW.isoformat(),
                "settings": {"minutes": 10, "goal": "relief", "level": "beginner",
                             "equipment": ["none"], "avoid": []},
                "pegs": [],
            }
        ],
    }  # fmt: skip
    (bundle,) = read_export(json.dumps(older), source="old.json")
    assert bundle.flares == () and bundle.settings.days_per_week == 3
