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
                  "fall", "accident", "cancer", "weight", "night",
                  # issue 12: the standard flags the screen lacked
                  "osteoporosis", "steroid tablets", "broken a bone in a minor fall",
                  "injected drugs", "immune system", "infection", "spine operation",
                  "before you were 20", "after you turned 50", "tingling", "both legs",
                  "unsteady", "problems with sex", "no position", "foot drop",
                  "trouble walking"):  # fmt: skip
        assert words in text, words
    assert all(flag.question.endswith("?") for flag in RED_FLAGS)
    assert len({flag.id for flag in RED_FLAGS}) == len(RED_FLAGS) == 14


def test_all_no_is_clear_and_allows_a_session() -> None:
    result = evaluate(answers())
    assert result.status is ScreenStatus.CLEAR and result.allows_session and result.flagged == ()


@pytest.mark.parametrize(
    "flag",
    ["saddle_numbness", "bladder_bowel", "sexual_numbness", "leg_weakness", "legs_tingling"],
)
def test_nerve_signs_are_an_emergency_now(flag: str) -> None:
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


URGENCY_EXPECTED = {
    Urgency.EMERGENCY: {
        "saddle-numbness", "bladder-bowel", "sexual-numbness", "leg-weakness", "legs-tingling"
    },
    Urgency.TODAY: {"fever-unwell", "one-leg-weakness"},
    Urgency.SEE_DOCTOR: {
        "infection-risk", "fall-accident", "bone-health", "cancer-weight-loss", "age-onset",
        "night-pain", "constant-pain",
    },
}  # fmt: skip


def test_each_flag_has_its_own_urgency_and_advice() -> None:
    for urgency, ids in URGENCY_EXPECTED.items():
        assert {f.id for f in RED_FLAGS if f.urgency is urgency} == ids
    assert len({flag.advice for flag in RED_FLAGS}) == len(RED_FLAGS)
    for flag in RED_FLAGS:
        when = {Urgency.EMERGENCY: "now", Urgency.TODAY: "today", Urgency.SEE_DOCTOR: "day or two"}
        assert when[flag.urgency] in flag.advice, flag.id


def test_worsening_weakness_in_both_legs_is_not_left_for_a_day_or_two() -> None:
    result = evaluate(answers(leg_weakness=True))
    assert result.status is ScreenStatus.EMERGENCY
    assert "now" in result.advice and "emergency department" in result.advice
    assert "day or two" not in result.advice
    assert "emergency department now" in result.flags[0].advice


def test_fever_with_back_pain_means_a_doctor_today() -> None:
    result = evaluate(answers(fever_unwell=True, cancer_weight_loss=True))
    assert result.status is ScreenStatus.SEE_DOCTOR_TODAY and not result.allows_session
    assert "today" in result.advice
    # Each flagged item brings its own advice, the most urgent first.
    assert [f.id for f in result.flags] == ["fever-unwell", "cancer-weight-loss"]
    assert "infection" in result.flags[0].advice and "today" in result.flags[0].advice
    assert "day or two" in result.flags[1].advice


@pytest.mark.parametrize("flag", [f for f in RED_FLAGS if f.clearable])
def test_a_professionally_cleared_flag_no_longer_blocks(flag: safety.RedFlag) -> None:
    given: dict[str, object] = {**answers(), flag.id: "cleared"}
    result = evaluate(given)
    assert result.status is ScreenStatus.CLEAR and result.allows_session
    assert result.cleared == (flag.id,) and result.flagged == ()
    assert "professional has checked" in result.advice


@pytest.mark.parametrize("flag", [f for f in RED_FLAGS if f.urgency is not Urgency.SEE_DOCTOR])
def test_urgent_signs_cannot_be_cleared_once_and_for_all(flag: safety.RedFlag) -> None:
    assert not flag.clearable
    with pytest.raises(safety.InvalidScreen, match=f"{flag.id}: .*answer yes or no"):
        evaluate({**answers(), flag.id: "cleared"})


def test_answers_are_yes_no_or_cleared_and_anything_else_is_named() -> None:
    assert evaluate({**answers(), "night-pain": "yes"}).flagged == ("night-pain",)
    assert evaluate({**answers(), "night-pain": "no"}).allows_session
    with pytest.raises(safety.InvalidScreen, match="night-pain: expected yes, no or cleared"):
        evaluate({**answers(), "night-pain": "maybe"})


def test_cleared_bone_health_asks_for_bone_care_and_nothing_else_does() -> None:
    assert evaluate({**answers(), "bone-health": "cleared"}).bone_care
    others = {f.id: "cleared" for f in RED_FLAGS if f.clearable and f.id != "bone-health"}
    assert not evaluate({**answers(), **others}).bone_care
    assert not evaluate({**answers(), "bone-health": True}).bone_care


def test_a_screen_missing_todays_questions_is_due_again() -> None:
    recent = NOW - timedelta(days=1)
    assert not screening_due(recent, NOW)
    assert screening_due(recent, NOW, last_asked_everything=False)
