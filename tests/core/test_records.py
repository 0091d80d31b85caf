"""Records hold only text that every store and export file can write."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from backcoach.core.records import PreferenceKind, PreferenceRecord, SessionRecord

NOW = datetime(2026, 3, 12, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "problem"),
    [("ok\x00", "NUL character"), ("ok\ud83d", r"lone surrogate \(\\ud83d\)")],
)
def test_a_free_text_field_refuses_unstorable_characters(text: str, problem: str) -> None:
    with pytest.raises(ValidationError, match=rf"reason\n.*{problem}"):
        PreferenceRecord(
            exercise_id="cat-cow", kind=PreferenceKind.PAUSE, created_at=NOW, reason=text
        )


def test_text_nested_in_a_routine_is_checked_too() -> None:
    with pytest.raises(ValidationError, match=r"routine\n.*lone surrogate \(\\udc00\)"):
        SessionRecord(id=1, routine={"items": [{"\udc00": 1}]}, planned_seconds=60, started_at=NOW)


def test_a_whole_emoji_is_ordinary_text() -> None:
    record = PreferenceRecord(
        exercise_id="cat-cow", kind=PreferenceKind.LIKE, created_at=NOW, reason="felt good 👍"
    )
    assert record.reason == "felt good 👍"
