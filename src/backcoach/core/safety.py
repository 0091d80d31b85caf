"""Safety rules as data: the red-flag screen, "it hurts", and when to suggest a professional.

Nothing here diagnoses. The screen looks for the signs the sources and common
guidance name as reasons not to self-treat back pain, and sends the person to a
professional; the wording never promises a cure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
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
SEE_DOCTOR_TODAY_ADVICE = (
    "Please see a doctor today, before doing these exercises. "
    "Back pain with this sign needs a professional to look at it first."
)
SEE_DOCTOR_ADVICE = (
    "Please see a doctor soon, within a day or two, before doing these exercises. "
    "Back pain with this sign needs a professional to look at it first. If a professional "
    "has already checked it and said exercise is fine, take the check again and say so."
)
CLEAR_ADVICE = "No warning signs reported. Go gently and stop if anything hurts sharply."
CLEARED_ADVICE = (
    "A professional has checked what you told us and said exercise is fine. "
    "Go gently and stop if anything hurts sharply."
)
CLEARED_LABEL = "Yes, and a professional has checked it and said exercise is fine"

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
    TODAY = "today"  # see a doctor today
    SEE_DOCTOR = "see_doctor"  # soon, within a day or two: before exercising


class Answer(StrEnum):
    NO = "no"
    YES = "yes"
    # Yes, and a professional has checked it and said exercise is fine.
    CLEARED = "cleared"


_NERVES = (
    "can mean pressure on the nerves at the base of the spine. Go to an emergency department now."
)
_SOON = "should be checked by a doctor within a day or two, before you exercise."


@dataclass(frozen=True, slots=True)
class RedFlag:
    id: str
    question: str
    urgency: Urgency
    advice: str
    # A lasting fact (not a sign that is getting worse) that a professional can check once.
    clearable: bool = False
    # Once cleared, forward bends and hangs stay out of plans: they load fragile bones.
    bone_care: bool = False


RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag(
        "saddle-numbness",
        "Do you have numbness or tingling around your groin, buttocks or inner thighs "
        "(where you would sit on a saddle)?",
        Urgency.EMERGENCY,
        f"Numbness around the groin or buttocks with back pain {_NERVES}",
    ),
    RedFlag(
        "bladder-bowel",
        "Have you had new trouble controlling your bladder or bowel, or new trouble passing urine?",
        Urgency.EMERGENCY,
        f"New bladder or bowel trouble with back pain {_NERVES}",
    ),
    RedFlag(
        "sexual-numbness",
        "Have you noticed new numbness in your genitals, or new problems with sex, such as "
        "less feeling, or trouble getting an erection or reaching orgasm?",
        Urgency.EMERGENCY,
        f"New numbness in the genitals or new problems with sex, with back pain, {_NERVES}",
    ),
    RedFlag(
        "leg-weakness",
        "Is weakness or numbness getting worse in both legs, does a foot drop or catch on "
        "the ground as you walk, or do you have new trouble walking?",
        Urgency.EMERGENCY,
        "Weakness or numbness getting worse in both legs, a dropping foot or new trouble "
        f"walking {_NERVES}",
    ),
    RedFlag(
        "legs-tingling",
        "Have you had new tingling or pins and needles in both legs, or started to feel "
        "unsteady on your feet when you walk?",
        Urgency.EMERGENCY,
        f"New tingling in both legs or unsteady walking {_NERVES}",
    ),
    RedFlag(
        "one-leg-weakness",
        "Is weakness or numbness in one leg getting worse?",
        Urgency.TODAY,
        "Weakness or numbness getting worse in one leg needs a doctor to check the nerve "
        "today, before you exercise.",
    ),
    RedFlag(
        "fever-unwell",
        "Do you have a fever, or feel generally unwell, along with the back pain?",
        Urgency.TODAY,
        "Back pain with a fever or feeling unwell can come from an infection. "
        "See a doctor today, before you exercise.",
    ),
    RedFlag(
        "infection-risk",
        "Have you ever injected drugs, is your immune system weakened (for example by "
        "medicines or an illness), or have you had an infection, a spine operation or a "
        "spine injection in the last few months?",
        Urgency.SEE_DOCTOR,
        "Injected drugs, a weakened immune system, or a recent infection or spine procedure "
        f"make an infection in the spine more likely, so back pain {_SOON} "
        "If you also have a fever, see a doctor today.",
        clearable=True,
    ),
    RedFlag(
        "fall-accident",
        "Did the pain start after a recent fall, accident or injury?",
        Urgency.SEE_DOCTOR,
        f"Pain that started with a fall, accident or injury {_SOON}",
        clearable=True,
    ),
    RedFlag(
        "bone-health",
        "Do you have osteoporosis (thin, weak bones), have you taken steroid tablets for three "
        "months or more, or have you broken a bone in a minor fall?",
        Urgency.SEE_DOCTOR,
        f"With bones that break more easily, back pain {_SOON} Once a professional has said "
        "exercise is fine, backcoach leaves out forward bends and hangs for you.",
        clearable=True,
        bone_care=True,
    ),
    RedFlag(
        "cancer-weight-loss",
        "Have you ever had cancer, or have you lost weight recently without trying?",
        Urgency.SEE_DOCTOR,
        f"Back pain after cancer, or with weight loss you cannot explain, {_SOON}",
        clearable=True,
    ),
    RedFlag(
        "age-onset",
        "Did this back pain start for the first time before you were 20, or after you turned 50?",
        Urgency.SEE_DOCTOR,
        f"Back pain that first starts before 20 or after 50 {_SOON}",
        clearable=True,
    ),
    RedFlag(
        "night-pain",
        "Is the pain severe and constant at night, even when you lie still?",
        Urgency.SEE_DOCTOR,
        f"Severe pain at night that lying still does not ease {_SOON}",
        clearable=True,
    ),
    RedFlag(
        "constant-pain",
        "Is the pain there all the time, with no position or movement that eases it?",
        Urgency.SEE_DOCTOR,
        f"Constant pain that no position eases {_SOON}",
        clearable=True,
    ),
)
RED_FLAG_IDS = tuple(flag.id for flag in RED_FLAGS)
_FLAGS = {flag.id: flag for flag in RED_FLAGS}


class ScreenStatus(StrEnum):
    CLEAR = "clear"
    EMERGENCY = "emergency"
    SEE_DOCTOR_TODAY = "see_doctor_today"
    SEE_DOCTOR = "see_doctor"


# The most urgent flag decides the status and the general advice, in this order.
_BY_URGENCY = (
    (Urgency.EMERGENCY, ScreenStatus.EMERGENCY, EMERGENCY_ADVICE),
    (Urgency.TODAY, ScreenStatus.SEE_DOCTOR_TODAY, SEE_DOCTOR_TODAY_ADVICE),
    (Urgency.SEE_DOCTOR, ScreenStatus.SEE_DOCTOR, SEE_DOCTOR_ADVICE),
)


@dataclass(frozen=True, slots=True)
class ScreenResult:
    status: ScreenStatus
    flagged: tuple[str, ...]
    advice: str
    # Answered "yes, and a professional has checked it": no longer blocking.
    cleared: tuple[str, ...] = ()

    @property
    def allows_session(self) -> bool:
        """Any plain "yes" blocks routines until the screen is answered again."""
        return self.status is ScreenStatus.CLEAR

    @property
    def flags(self) -> tuple[RedFlag, ...]:
        """Each flagged item, most urgent first, with its own advice and urgency."""
        return tuple(flag for flag in RED_FLAGS if flag.id in self.flagged)

    @property
    def bone_care(self) -> bool:
        return needs_bone_care(self.cleared)


class InvalidScreen(ValueError):
    pass


class IncompleteScreen(InvalidScreen):
    pass


def as_answer(value: object) -> Answer:
    """A stored or posted answer: true/false, or "yes", "no" or "cleared"."""
    if isinstance(value, bool):
        return Answer.YES if value else Answer.NO
    if isinstance(value, str) and value in Answer.__members__.values():
        return Answer(value)
    raise InvalidScreen(f"expected yes, no or cleared, not {value!r}")


def evaluate(answers: Mapping[str, object]) -> ScreenResult:
    """Judge a screen; every question must be answered, with yes, no or cleared."""
    unknown = sorted(set(answers) - set(RED_FLAG_IDS))
    if unknown:
        raise IncompleteScreen(f"unknown screen question(s): {', '.join(unknown)}")
    missing = [flag_id for flag_id in RED_FLAG_IDS if flag_id not in answers]
    if missing:
        raise IncompleteScreen(f"unanswered screen question(s): {', '.join(missing)}")
    given = {}
    for flag in RED_FLAGS:
        try:
            given[flag.id] = as_answer(answers[flag.id])
        except InvalidScreen as error:
            raise InvalidScreen(f"{flag.id}: {error}") from None
    refused = [f.id for f in RED_FLAGS if given[f.id] is Answer.CLEARED and not f.clearable]
    if refused:
        raise InvalidScreen(
            f"{', '.join(refused)}: a sign that is new or getting worse needs checking every "
            "time; answer yes or no"
        )
    flagged = tuple(f for f in RED_FLAG_IDS if given[f] is Answer.YES)
    cleared = tuple(f for f in RED_FLAG_IDS if given[f] is Answer.CLEARED)
    urgencies = {_FLAGS[f].urgency for f in flagged}
    for urgency, status, advice in _BY_URGENCY:
        if urgency in urgencies:
            return ScreenResult(status, flagged, advice, cleared)
    return ScreenResult(
        ScreenStatus.CLEAR, (), CLEARED_ADVICE if cleared else CLEAR_ADVICE, cleared
    )


def needs_bone_care(cleared: Iterable[str]) -> bool:
    """Bone health a professional has checked: plans leave out forward bends and hangs."""
    return any(_FLAGS[f].bone_care for f in cleared if f in _FLAGS)


def screening_due(
    last_screen_at: datetime | None,
    now: datetime,
    last_pain: int | None = None,
    new_pain: int | None = None,
    *,
    last_result_clear: bool = True,
    last_asked_everything: bool = True,
) -> bool:
    """Ask the screen again: never taken, flagged last time, 30 days old, pain up by 3+,
    or taken before today's questions were added."""
    if last_screen_at is None or not last_result_clear or not last_asked_everything:
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
