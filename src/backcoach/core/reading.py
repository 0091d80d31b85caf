"""How long people need to read or hear a few sentences, so screens and cues keep pace."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Unhurried reading of instructions while getting into position: slower than prose.
WORDS_PER_SECOND = 3.0
# A calm coaching voice says about 150 words a minute, and pauses at each comma, colon
# or full stop. Measured with espeak-ng at -s 150 (the terminal coach's voice): words
# take about 0.32 s each and each mark adds up to 0.3 s, so this estimate is an upper
# bound ("Breathe in: cow, belly sinks, chest lifts." says in 3.3 s, estimated 3.7 s).
# Cues are checked against it, so none is cut off by the next step.
SPOKEN_WORDS_PER_SECOND = 2.5
PAUSE_SECONDS = 0.3
_PAUSES = re.compile(r"[,;:.!?]")


def _words(texts: Iterable[str]) -> int:
    return sum(len(text.split()) for text in texts)


def reading_seconds(texts: Iterable[str]) -> float:
    return _words(texts) / WORDS_PER_SECOND


def speaking_seconds(text: str) -> float:
    return _words([text]) / SPOKEN_WORDS_PER_SECOND + len(_PAUSES.findall(text)) * PAUSE_SECONDS
