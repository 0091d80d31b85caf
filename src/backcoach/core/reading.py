"""How long a person needs to read a few sentences, so a screen keeps them up long enough."""

from __future__ import annotations

from collections.abc import Iterable

# Unhurried reading of instructions while getting into position: slower than prose.
WORDS_PER_SECOND = 3.0


def reading_seconds(texts: Iterable[str]) -> float:
    return sum(len(text.split()) for text in texts) / WORDS_PER_SECOND
