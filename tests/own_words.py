"""The own-words checker: does a catalogue sentence copy or lightly paraphrase a seed?

Two measures, because each misses what the other catches:

* runs of ``RUN`` consecutive words shared with a seed, counted twice: over the words
  as written, and over the content words only, so that swapping "your" for "the" or
  dropping "gently" does not hide a copied clause;
* a whole-sentence likeness: the content words of each catalogue sentence against
  those of each seed sentence (after a light stemming and folding common synonyms
  together), so that a source sentence with its words swapped for synonyms and
  its order kept is still caught.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

RUN = 6
# Content words skip the little words, so a shorter run already spans a whole clause.
CONTENT_RUN = 5
# A sentence this alike in content words (Jaccard), or this alike in order, is a paraphrase.
JACCARD_LIMIT = 0.5
ORDER_LIMIT = 0.75
# Short sentences ("Hold the breath.") share too little to judge.
MIN_CONTENT_WORDS = 4

# Phrases every description of these exercises must use; a shared run made only of
# words from one of these says nothing about copying.
UNAVOIDABLE = (
    # exercise names as the sources and people call them
    "knee to chest stretch",
    "downward facing dog",
    "child s pose",
    "cat cow stretch",
)

_LITTLE_WORDS = """a an the and or but if then so as at by for from in into of on onto off out
to up down over under with without your you yours it its them they this that these those is are
be been being was were do does doing can may should must will would just only also too very more
most much any all each both one other some such than there here which who while when until
before after about again let lets keep make get go come"""
# Doses must match the sources, so numbers and time units are facts, not wording.
_DOSE_WORDS = "second seconds minute minutes time times"
STOPWORDS = frozenset(f"{_LITTLE_WORDS} {_DOSE_WORDS}".split())

# Plain synonyms folded together, so a synonym swap keeps the content word the same.
SYNONYMS = {
    "softly": "gently",
    "slowly": "gently",
    "gentle": "gently",
    "draw": "pull",
    "bring": "pull",
    "ease": "pull",
    "hug": "pull",
    "clasp": "hold",
    "grasp": "hold",
    "grip": "hold",
    "grab": "hold",
    "stay": "hold",
    "toward": "towards",
    "forward": "ahead",
    "shut": "close",
    "stomach": "belly",
    "tummy": "belly",
    "abdomen": "belly",
    "raise": "lift",
    "sink": "drop",
    "lower": "drop",
    "mat": "floor",
    "ground": "floor",
    "relaxed": "relax",
    "loose": "relax",
    "face": "back",
    "supine": "back",
    "breath": "breathe",
    "inhale": "breathe",
    "exhale": "breathe",
}


def words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("'", " ")
    return re.findall(r"[a-z0-9]+", text)


def _compounds(text: str) -> list[str]:
    # "lower back" is a body part, not the verb "lower" that the synonyms fold into "drop".
    return words(re.sub(r"lower[\s-]+back", "lowerback", text.lower()))


def stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return SYNONYMS.get(word, word)


def content(text: str) -> list[str]:
    kept = (w for w in _compounds(text) if w not in STOPWORDS and not w.isdigit())
    return [SYNONYMS.get(w, stem(w)) for w in kept]


def sentences(text: str) -> list[str]:
    """Sentences and clauses: a seed's list items and a catalogue step's halves count alone."""
    return [s for s in re.split(r"[.!?;:\n]+|\s[-–—]\s", text) if s.strip()]


def runs(sequence: list[str], size: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(sequence[i : i + size]) for i in range(len(sequence) - size + 1)}


def _allowed(run: tuple[str, ...]) -> bool:
    joined = " ".join(run)
    return any(
        joined in " ".join(form(phrase)) for phrase in UNAVOIDABLE for form in (words, content)
    )


@dataclass(frozen=True)
class Finding:
    text: str
    seed_sentence: str
    why: str


class Seeds:
    """The seed articles, cut up once for every check."""

    def __init__(self, texts: Iterable[str]) -> None:
        texts = list(texts)
        self.word_runs: set[tuple[str, ...]] = set()
        self.content_runs: set[tuple[str, ...]] = set()
        self.sentences: list[tuple[str, list[str]]] = []
        for text in texts:
            self.word_runs |= runs(words(text))
            for sentence in sentences(text):
                self.content_runs |= runs(content(sentence), CONTENT_RUN)
                stems = content(sentence)
                if len(set(stems)) >= MIN_CONTENT_WORDS:
                    self.sentences.append((sentence.strip(), stems))

    def findings(self, text: str) -> Iterator[Finding]:
        for run in sorted(runs(words(text)) & self.word_runs):
            if not _allowed(run):
                yield Finding(text, " ".join(run), f"shares {RUN} words in a row")
        for sentence in sentences(text):
            ours = content(sentence)
            for run in sorted(runs(ours, CONTENT_RUN) & self.content_runs):
                if not _allowed(run):
                    why = f"shares {CONTENT_RUN} content words in a row"
                    yield Finding(sentence.strip(), " ".join(run), why)
            if len(set(ours)) < MIN_CONTENT_WORDS:
                continue
            for seed_sentence, theirs in self.sentences:
                shared = set(ours) & set(theirs)
                if len(shared) < MIN_CONTENT_WORDS:
                    continue
                jaccard = len(shared) / len(set(ours) | set(theirs))
                order = SequenceMatcher(None, ours, theirs, autojunk=False).ratio()
                if jaccard >= JACCARD_LIMIT or order >= ORDER_LIMIT:
                    why = f"paraphrases a seed sentence (alike {jaccard:.2f}, in order {order:.2f})"
                    yield Finding(sentence.strip(), seed_sentence, why)
