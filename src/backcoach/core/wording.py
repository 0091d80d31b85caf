"""How doses read, the same words in the web app, the terminal and the handout.

Plain text formatting, so it sits below every interface that shows a dose.
"""

from __future__ import annotations

from backcoach.core.catalogue import Dosage, Exercise
from backcoach.core.options import DosageMode
from backcoach.core.timeline import Dose


def dosage_text(dosage: Dosage) -> str:
    """An exercise's range, e.g. "hold 30 s (20-60) x2, each side"."""
    if dosage.mode is DosageMode.HOLD and dosage.hold_seconds:
        h = dosage.hold_seconds
        text = f"hold {h.default} s ({h.min}-{h.max})"
    elif dosage.reps:
        r = dosage.reps
        unit = "breaths" if dosage.mode is DosageMode.FLOW else "reps"
        text = f"{r.default} {unit} ({r.min}-{r.max})"
        if dosage.hold_seconds:
            text += f", {dosage.hold_seconds.default} s hold each"
    else:
        text = dosage.mode.value
    if dosage.sets.default > 1:
        text += f" x{dosage.sets.default}"
    if dosage.per_side:
        text += ", each side"
    return text


def dose_text(exercise: Exercise, dose: Dose) -> str:
    """One planned dose a person follows, e.g. "Hold 30 s, 2 rounds, each side"."""
    mode = exercise.dosage.mode
    if mode is DosageMode.FLOW:
        text = f"{dose.reps} slow breaths"
    elif mode is DosageMode.REPS:
        text = f"{dose.reps} repetitions"
        if dose.hold_seconds:
            text += f", holding {dose.hold_seconds} s each"
    else:
        text = f"Hold {dose.hold_seconds} s"
        if dose.reps and dose.reps > 1:
            text += f", {dose.reps} times"
    if dose.sets > 1:
        text += f", {dose.sets} rounds"
    if exercise.dosage.per_side:
        text += ", each side"
    return text
