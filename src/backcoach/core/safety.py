"""Safety rules as data: the red-flag screen, "it hurts", and when to suggest a professional.

Nothing here diagnoses. The screen looks for the signs the sources and common
guidance name as reasons not to self-treat back pain, and sends the person to a
professional; the wording never promises a cure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from backcoach.core.records import HurtSeverity

DISCLAIMER = (
    "backcoach gives general information about stretching, not medical advice. "
    "It cannot diagnose or cure back pain. Stop any exercise that causes sharp pain, "
    "and see a doctor or physiotherapist if your pain is severe, lasting or getting worse."
)

EMERGENCY_ADVICE = (
    "Get urgent medical help now: go to an emergency department or call emergency services. "
    "These signs can mean pressure on the nerves at the base of the spine, which needs "
    "treatment quickly. Do not do these exercises."
)
SEE_DOCTOR_ADVICE = (
    "Please see a doctor soon, within a day or two, before doing these exercises. "
    "Back pain with this sign needs a professional to look at it first."
)
CLEAR_ADVICE = "No warning signs reported. Go gently and stop if anything hurts sharply."

SEVERE_PAIN_ADVICE = (
    "Your pain is high today, so this is a short, gentle routine lying on your back. "
    "If pain this strong lasts more than a few days or keeps getting worse, "
    "see a doctor or physiotherapist."
)
PROFESSIONAL_ADVICE = (
    "Your pain has been higher after your last two sessions than before them. "
    "Please check these exercises with a doctor or physiotherapist before going on."
)
SHARP_PAIN_ADVICE = (
    "Session stopped. Rest in a comfortable position. If the sharp pain stays, "
    "spreads down a leg, or comes with numbness or weakness, see a doctor."
)
MILD_PAIN_ADVICE = "Skipping this exercise. Ease out of the position slowly."
HURT_QUESTION = "It hurts: was it a sharp or shooting pain, or a mild stretch discomfort?"

SCREEN_VALID_DAYS = 30
PAIN_RISE_FOR_RESCREEN = 3
HURT_PAUSE_DAYS = 7
# After an "it hurts" the next sessions in this window use the gentle end of every range.
GENTLER_AFTER_HURT_DAYS = 14
PAIN_RISE_FOR_PROFESSIONAL = 2
RISES_IN_A_ROW_FOR_PROFESSIONAL = 2
LOW_DOSE_PAIN = 6
SEVERE_PAIN = 8


class Urgency(StrEnum):
    EMERGENCY = "emergency"  # now: emergency department
    SEE_DOCTOR = "see_doctor"  # soon: before exercising


@dataclass(frozen=True, slots=True)
class RedFlag:
    id: str
    question: str
    urgency: Urgency


RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag(
        "saddle-numbness",
        "Do you have numbness or tingling around your groin, buttocks or inner thighs "
        "(where you would sit on a saddle)?",
        Urgency.EMERGENCY,
    ),
    RedFlag(
        "bladder-bowel",
        "Have you had new trouble controlling your bladder or bowel, or new trouble passing urine?",
        Urgency.EMERGENCY,
    ),
    RedFlag(
        "sexual-numbness", "Have you noticed new numbness in your genitals?", Urgency.EMERGENCY
    ),
    RedFlag(
        "leg-weakness",
        "Is weakness or numbness in one or both legs getting worse?",
        Urgency.SEE_DOCTOR,
    ),
    RedFlag(
        "fever-unwell",
        "Do you have a fever, or feel generally unwell, along with the back pain?",
        Urgency.SEE_DOCTOR,
    ),
    RedFlag(
        "fall-accident",
        "Did the pain start after a recent fall, accident or injury?",
        Urgency.SEE_DOCTOR,
    ),
    RedFlag(
        "cancer-weight-loss",
        "Have you ever had cancer, or have you lost weight recently without trying?",
        Urgency.SEE_DOCTOR,
    ),
    RedFlag(
        "night-pain",
        "Is the pain severe and constant at night, even when you lie still?",
        Urgency.SEE_DOCTOR,
    ),
)
RED_FLAG_IDS = tuple(flag.id for flag in RED_FLAGS)


class ScreenStatus(StrEnum):
    CLEAR = "clear"
    EMERGENCY = "emergency"
    SEE_DOCTOR = "see_doctor"


@dataclass(frozen=True, slots=True)
class ScreenResult:
    status: ScreenStatus
    flagged: tuple[str, ...]
    advice: str

    @property
    def allows_session(self) -> bool:
        """Any "yes" blocks routines until the screen is answered again."""
        return self.status is ScreenStatus.CLEAR


class IncompleteScreen(ValueError):
    pass


def evaluate(answers: Mapping[str, bool]) -> ScreenResult:
    """Judge a screen; every question must be answered."""
    unknown = sorted(set(answers) - set(RED_FLAG_IDS))
    if unknown:
        raise IncompleteScreen(f"unknown screen question(s): {', '.join(unknown)}")
    missing = [flag_id for flag_id in RED_FLAG_IDS if flag_id not in answers]
    if missing:
        raise IncompleteScreen(f"unanswered screen question(s): {', '.join(missing)}")
    flagged = tuple(flag.id for flag in RED_FLAGS if answers[flag.id])
    urgencies = {flag.urgency for flag in RED_FLAGS if flag.id in flagged}
    if Urgency.EMERGENCY in urgencies:
        return ScreenResult(ScreenStatus.EMERGENCY, flagged, EMERGENCY_ADVICE)
    if urgencies:
        return ScreenResult(ScreenStatus.SEE_DOCTOR, flagged, SEE_DOCTOR_ADVICE)
    return ScreenResult(ScreenStatus.CLEAR, (), CLEAR_ADVICE)


def screening_due(
    last_screen_at: datetime | None,
    now: datetime,
    last_pain: int | None = None,
    new_pain: int | None = None,
    *,
    last_result_clear: bool = True,
) -> bool:
    """Ask the screen again: never taken, flagged last time, 30 days old, or pain up by 3+."""
    if last_screen_at is None or not last_result_clear:
        return True
    if now - last_screen_at >= timedelta(days=SCREEN_VALID_DAYS):
        return True
    return (
        last_pain is not None
        and new_pain is not None
        and new_pain - last_pain >= PAIN_RISE_FOR_RESCREEN
    )


def paused_until(hurt_on: date) -> date:
    """The last day an exercise that hurt stays out of plans."""
    return hurt_on + timedelta(days=HURT_PAUSE_DAYS - 1)


def is_paused_by_hurt(hurt_on: date, today: date) -> bool:
    return hurt_on <= today <= paused_until(hurt_on)


def gentler_after_hurt(hurt_days: Sequence[date], today: date) -> bool:
    return any(0 <= (today - day).days <= GENTLER_AFTER_HURT_DAYS for day in hurt_days)


def hurt_advice(severity: HurtSeverity) -> str:
    """What a person is told after "it hurts", the same words in the web player and the terminal.

    Sharp or shooting pain stops the session; a mild stretch discomfort skips the exercise.
    """
    return SHARP_PAIN_ADVICE if severity is HurtSeverity.SHARP else MILD_PAIN_ADVICE


def suggest_professional(pain_pairs: Sequence[tuple[int, int]]) -> bool:
    """Pain after higher than before by 2 or more, in each of the last two sessions."""
    recent = pain_pairs[-RISES_IN_A_ROW_FOR_PROFESSIONAL:]
    return len(recent) == RISES_IN_A_ROW_FOR_PROFESSIONAL and all(
        after - before >= PAIN_RISE_FOR_PROFESSIONAL for before, after in recent
    )
