"""How long people need to read or hear a few sentences, so screens and cues keep pace."""

from __future__ import annotations

from collections.abc import Iterable

# Unhurried reading of instructions while getting into position: slower than prose.
WORDS_PER_SECOND = 3.0
# A calm coaching voice (browser speech or espeak-ng at its default rate) says about
# 150 words a minute; cues are checked against this so none is cut off by the next step.
SPOKEN_WORDS_PER_SECOND = 2.5


def _words(texts: Iterable[str]) -> int:
    return sum(len(text.split()) for text in texts)


def reading_seconds(texts: Iterable[str]) -> float:
    return _words(texts) / WORDS_PER_SECOND


def speaking_seconds(text: str) -> float:
    return _words([text]) / SPOKEN_WORDS_PER_SECOND
