"""Safety rules: the red-flag screen, re-screening, "it hurts" and professional advice."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from backcoach.core import safety
from backcoach.core.safety import (
    RED_FLAGS,
    IncompleteScreen,
    ScreenStatus,
    Urgency,
    evaluate,
    screening_due,
)

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def answers(**yes: bool) -> dict[str, bool]:
    return {flag.id: yes.get(flag.id.replace("-", "_"), False) for flag in RED_FLAGS}


def test_screen_covers_every_red_flag_of_the_issue_in_plain_words() -> None:
    text = " ".join(flag.question.lower() for flag in RED_FLAGS)
    for words in ("groin", "buttocks", "bladder", "bowel", "genitals", "legs", "fever", "unwell",
                  "fall", "accident", "cancer", "weight", "night"):  # fmt: skip
        assert words in text
    assert all(flag.question.endswith("?") for flag in RED_FLAGS)
    assert len({flag.id for flag in RED_FLAGS}) == len(RED_FLAGS) == 8


def test_all_no_is_clear_and_allows_a_session() -> None:
    result = evaluate(answers())
    assert result.status is ScreenStatus.CLEAR and result.allows_session and result.flagged == ()


@pytest.mark.parametrize("flag", ["saddle_numbness", "bladder_bowel", "sexual_numbness"])
def test_saddle_bladder_bowel_or_sexual_numbness_is_an_emergency_now(flag: str) -> None:
    result = evaluate(answers(**{flag: True}))
    assert result.status is ScreenStatus.EMERGENCY
    assert not result.allows_session
    assert "emergency department" in result.advice and "now" in result.advice


@pytest.mark.parametrize("flag", [f.id for f in RED_FLAGS if f.urgency is Urgency.SEE_DOCTOR])
def test_other_red_flags_send_the_person_to_a_doctor_soon(flag: str) -> None:
    result = evaluate(answers(**{flag.replace("-", "_"): True}))
    assert result.status is ScreenStatus.SEE_DOCTOR
    assert not result.allows_session
    assert "doctor" in result.advice and result.flagged == (flag,)


def test_an_emergency_outranks_a_see_the_doctor_flag() -> None:
    result = evaluate(answers(night_pain=True, bladder_bowel=True))
    assert result.status is ScreenStatus.EMERGENCY
    assert set(result.flagged) == {"night-pain", "bladder-bowel"}


def test_an_unanswered_question_is_refused() -> None:
    partial = answers()
    del partial["fever-unwell"]
    with pytest.raises(IncompleteScreen, match="fever-unwell"):
        evaluate(partial)


def test_screen_is_due_first_time_after_thirty_days_after_a_flag_and_after_a_pain_rise() -> None:
    assert screening_due(None, NOW)
    assert not screening_due(NOW - timedelta(days=29), NOW)
    assert screening_due(NOW - timedelta(days=30), NOW)
    assert screening_due(NOW - timedelta(days=1), NOW, last_result_clear=False)
    assert screening_due(NOW - timedelta(days=1), NOW, last_pain=3, new_pain=6)
    assert not screening_due(NOW - timedelta(days=1), NOW, last_pain=3, new_pain=5)
    assert not screening_due(NOW - timedelta(days=1), NOW, last_pain=6, new_pain=2)


def test_a_hurt_pauses_the_exercise_for_seven_days() -> None:
    hurt = date(2026, 11, 1)
    paused = [d for d in range(10) if safety.is_paused_by_hurt(hurt, hurt + timedelta(days=d))]
    assert paused == list(range(7))


def test_two_pain_rises_in_a_row_suggest_a_professional() -> None:
    assert safety.suggest_professional([(3, 5), (2, 4)])
    assert safety.suggest_professional([(1, 1), (3, 5), (2, 4)])
    assert not safety.suggest_professional([(3, 5)])
    assert not safety.suggest_professional([(3, 5), (3, 4)])
    assert not safety.suggest_professional([(3, 5), (2, 4), (4, 4)])


def test_the_disclaimer_says_general_information_and_promises_no_cure() -> None:
    text = safety.DISCLAIMER.lower()
    assert "general information" in text and "not medical advice" in text
    assert "cannot diagnose or cure" in text
    for advice in (safety.SEVERE_PAIN_ADVICE, safety.PROFESSIONAL_ADVICE, safety.SHARP_PAIN_ADVICE):
        assert "will cure" not in advice.lower() and "doctor" in advice.lower()
