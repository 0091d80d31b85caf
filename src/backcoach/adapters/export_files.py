"""Export everything the store holds to JSON or CSV, and read such a file back.

Both formats carry every record, so export then import gives the same data.
The CSV has one row per record with readable columns for spreadsheets and a
``data`` column holding the record itself (JSON), which is what import reads.
A file is checked completely before anything is imported.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, ValidationError

from backcoach.core.records import (
    EventRecord,
    FlareRecord,
    PegRecord,
    PreferenceRecord,
    ProfileBundle,
    ScreenRecord,
    StepRecord,
)

FORMAT = "backcoach-export"
VERSION = 1
CSV_COLUMNS = ["record", "profile", "session", "at", "exercise", "kind", "detail", "data"]


class ImportFileError(ValueError):
    """A file that is not a valid backcoach export; the message says where and why."""


class ExportDocument(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["backcoach-export"]
    version: Literal[1]
    exported_at: AwareDatetime
    profiles: tuple[ProfileBundle, ...]


def to_json(bundles: Sequence[ProfileBundle], *, now: datetime) -> str:
    document = ExportDocument(
        format=FORMAT, version=VERSION, exported_at=now, profiles=tuple(bundles)
    )
    return document.model_dump_json(indent=2) + "\n"


def to_csv(bundles: Sequence[ProfileBundle], *, now: datetime) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    header = {"format": FORMAT, "version": VERSION, "exported_at": now.isoformat()}
    writer.writerow({"record": "export", "at": now.isoformat(), "data": json.dumps(header)})
    for item in bundles:
        writer.writerows(_bundle_rows(item))
    return out.getvalue()


def _row(
    record: str, profile: str, data: BaseModel | dict[str, Any], **columns: Any
) -> dict[str, Any]:
    payload = data.model_dump(mode="json") if isinstance(data, BaseModel) else data
    return {"record": record, "profile": profile, "data": json.dumps(payload), **columns}


def _bundle_rows(item: ProfileBundle) -> Iterator[dict[str, Any]]:
    name = item.name
    head = item.model_dump(
        mode="json", include={"name", "created_at", "settings", "disclaimer_seen_at"}
    )
    yield _row("profile", name, head, at=item.created_at.isoformat())
    for screen in item.screens:
        yield _row("screen", name, screen, at=screen.taken_at.isoformat(), detail=screen.result)
    for pref in item.preferences:
        yield _row("preference", name, pref, at=pref.created_at.isoformat(),
                   exercise=pref.exercise_id, kind=pref.kind.value)  # fmt: skip
    for peg in item.pegs:
        yield _row("peg", name, peg, at=peg.taken_at.isoformat(), detail=peg.score)
    for flare in item.flares:
        yield _row("flare", name, flare, at=flare.at.isoformat())
    for number, session in enumerate(item.sessions, start=1):
        data = session.model_dump(mode="json", exclude={"steps", "events"})
        detail = f"pain {session.pain_before}->{session.pain_after}, {session.minutes} min"
        yield _row("session", name, data, session=number, at=session.started_at.isoformat(),
                   kind=session.status.value, detail=detail)  # fmt: skip
        for step in session.steps:
            yield _row("step", name, step, session=number, at=step.completed_at.isoformat(),
                       exercise=step.exercise_id or "", kind=step.kind, detail=step.side or "")  # fmt: skip
        for event in session.events:
            yield _row("event", name, event, session=number, at=event.at.isoformat(),
                       exercise=event.exercise_id or "", kind=event.kind.value,
                       detail=event.severity.value if event.severity else "")  # fmt: skip


def read_export(text: str, *, source: str) -> list[ProfileBundle]:
    """Parse and validate a whole export (JSON or CSV); ImportFileError names the problem."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped:
        raise ImportFileError(f"{source}: the file is empty")
    bundles = (
        _read_json(stripped, source) if stripped.startswith("{") else _read_csv(stripped, source)
    )
    names = [bundle.name for bundle in bundles]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise ImportFileError(
            f"{source}: profile name(s) appear more than once: {', '.join(twice)}"
        )
    return bundles


def _read_json(text: str, source: str) -> list[ProfileBundle]:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(f"{source}:{error.lineno}: not valid JSON: {error.msg}") from None
    return list(_validate(ExportDocument, raw, source).profiles)


def _validate(model: type[Any], raw: Any, where: str) -> Any:
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        path = ".".join(str(part) for part in first["loc"]) or "document"
        more = (
            f" (and {error.error_count() - 1} more problem(s))" if error.error_count() > 1 else ""
        )
        raise ImportFileError(f"{where}: {path}: {first['msg']}{more}") from None


_RECORD_MODELS: dict[str, type[BaseModel]] = {
    "screen": ScreenRecord,
    "preference": PreferenceRecord,
    "peg": PegRecord,
    "flare": FlareRecord,
    "step": StepRecord,
    "event": EventRecord,
}
_BUNDLE_FIELD = {
    "screen": "screens", "preference": "preferences", "peg": "pegs", "flare": "flares",
}  # fmt: skip


def _read_csv(text: str, source: str) -> list[ProfileBundle]:
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames is None or not {"record", "profile", "session", "data"} <= set(
        reader.fieldnames
    ):
        raise ImportFileError(
            f"{source}:1: not a backcoach export: expected JSON or a CSV with columns {', '.join(CSV_COLUMNS)}"
        )
    profiles: dict[str, dict[str, Any]] = {}
    sessions: dict[tuple[str, str], dict[str, Any]] = {}
    seen_header = False
    for row in reader:
        where = f"{source}:{reader.line_num}"
        data = _row_data(row, where)
        record = row.get("record") or ""
        if record == "export":
            _validate(ExportDocument, {**data, "profiles": []}, where)
            seen_header = True
        elif record == "profile":
            profiles[row["profile"]] = {
                **data,
                "screens": [],
                "sessions": [],
                "preferences": [],
                "pegs": [],
                "flares": [],
            }
        elif record in _RECORD_MODELS:
            model = _validate(_RECORD_MODELS[record], data, f"{where}: {record}")
            owner = _owner(profiles, sessions, row, record, where)
            owner[_BUNDLE_FIELD.get(record, record + "s")].append(model)
        elif record == "session":
            owner = _owner(profiles, sessions, row, record, where)
            sessions[(row["profile"], row["session"])] = session = {
                **data,
                "steps": [],
                "events": [],
            }
            owner["sessions"].append(session)
        else:
            raise ImportFileError(f"{where}: record: unknown record type {record!r}")
    if not seen_header:
        raise ImportFileError(
            f"{source}: not a backcoach export: the 'export' header row is missing"
        )
    return [
        _validate(ProfileBundle, bundle, f"{source}: profile {name!r}")
        for name, bundle in profiles.items()
    ]


def _row_data(row: dict[str, Any], where: str) -> dict[str, Any]:
    try:
        data = json.loads(row.get("data") or "")
    except json.JSONDecodeError as error:
        raise ImportFileError(f"{where}: data: not valid JSON: {error.msg}") from None
    if not isinstance(data, dict):
        raise ImportFileError(f"{where}: data: expected a JSON object")
    return data


def _owner(
    profiles: dict[str, dict[str, Any]],
    sessions: dict[tuple[str, str], dict[str, Any]],
    row: dict[str, Any],
    record: str,
    where: str,
) -> dict[str, Any]:
    if row["profile"] not in profiles:
        raise ImportFileError(
            f"{where}: profile: {record} row for unknown profile {row['profile']!r}"
        )
    if record not in ("step", "event"):
        return profiles[row["profile"]]
    key = (row["profile"], row["session"])
    if key not in sessions:
        raise ImportFileError(
            f"{where}: session: {record} row for unknown session {row['session']!r}"
        )
    return sessions[key]
