"""Learn pages as validated data: short guides in our own words, each citing its sources.

Like the catalogue, the text lives in files (``backcoach/learn/*.yaml``) and these
models are their schema, so a typo is reported instead of silently shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from pydantic import Field, StringConstraints

from backcoach.core.catalogue import EXERCISE_ID, SeedFile, Sentence, Strict, Text

Paragraph = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=800)]


class LearnSection(Strict):
    heading: Text
    paragraphs: list[Paragraph] = Field(min_length=1)
    points: list[Sentence] = Field(default_factory=list)


class LearnPage(Strict):
    slug: Annotated[str, StringConstraints(pattern=EXERCISE_ID)]
    title: Text
    summary: Sentence
    # Where the page comes in the list: the reasons first, when to stop and seek help last.
    order: int = Field(ge=0)
    sections: list[LearnSection] = Field(min_length=1)
    sources: list[SeedFile] = Field(min_length=1)

    def texts(self) -> Iterator[str]:
        """Every sentence a person reads, for the own-words and plain-words checks."""
        yield self.title
        yield self.summary
        for section in self.sections:
            yield section.heading
            yield from section.paragraphs
            yield from section.points


class Library:
    """The learn pages in reading order, by slug."""

    def __init__(self, pages: list[LearnPage]) -> None:
        self.pages = sorted(pages, key=lambda page: (page.order, page.slug))
        self._by_slug = {page.slug: page for page in self.pages}
        if len(self._by_slug) != len(pages):
            raise ValueError("two learn pages share a slug")

    def get(self, slug: str) -> LearnPage | None:
        return self._by_slug.get(slug)
