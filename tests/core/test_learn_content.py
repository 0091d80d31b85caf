"""What the learn pages promise: our own words, plain words, no cure and no diagnosis."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from own_words import Seeds

from backcoach.adapters.catalogue_files import CatalogueError, shipped_source_titles
from backcoach.adapters.learn_files import load_learn
from backcoach.core.learn import Library

TOPICS = {
    "why-stretches-help",
    "warming-up",
    "breathing",
    "little-and-often",
    "stretch-or-pain",
    "when-to-see-someone",
}
# Words a person should not meet unexplained, and promises a health product must not make.
JARGON = re.compile(
    r"\b(prone|supine|quadruped|lumbar|piriformis|glutes?|hamstrings?|obliques?|core)\b", re.I
)
PROMISES = re.compile(
    r"\b(cure[sd]?|curing|heal(s|ed)?|guarantee[sd]?|permanent(ly)?|pain[- ]free|"
    r"fix(es|ed)? (it|your back)|diagnos[ei]s?|you have (a|an) )\b",
    re.I,
)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_learn()


@pytest.fixture(scope="module")
def seeds(shared_dir: Path) -> Seeds:
    return Seeds(
        p.read_text(encoding="utf-8") for p in sorted((shared_dir / "seeds").glob("0*.txt"))
    )


def test_every_topic_has_a_page_citing_known_articles(library: Library) -> None:
    assert {page.slug for page in library.pages} == TOPICS
    titles = shipped_source_titles()
    for page in library.pages:
        assert page.sources and set(page.sources) <= set(titles), page.slug


def test_learn_pages_are_written_in_our_own_words(library: Library, seeds: Seeds) -> None:
    copied = [
        f"{page.slug}: {finding.why}: {finding.text!r} ~ {finding.seed_sentence!r}"
        for page in library.pages
        for text in page.texts()
        for finding in seeds.findings(text)
    ]
    assert copied == [], "\n".join(copied)


def test_learn_pages_speak_plainly_and_promise_no_cure(library: Library) -> None:
    found = [
        (page.slug, match.group(0), text)
        for page in library.pages
        for text in page.texts()
        for pattern in (JARGON, PROMISES)
        for match in pattern.finditer(text)
    ]
    assert found == []


def test_the_checks_would_catch_a_cure_promise_and_a_precise_word() -> None:
    assert PROMISES.search("These stretches cure back pain for good.")
    assert PROMISES.search("We diagnose what is wrong.")
    assert JARGON.search("Lie prone on the mat.")
    assert not PROMISES.search("A routine is a help, not a promise.")


def test_the_urgent_signs_are_on_the_page_about_seeing_someone(library: Library) -> None:
    page = library.get("when-to-see-someone")
    assert page is not None
    text = " ".join(page.texts()).lower()
    for sign in ("groin", "bladder or bowel", "fever", "fall", "weakness", "weight loss"):
        assert sign in text, sign


def test_a_broken_learn_page_is_reported_by_file_line_and_field(tmp_path: Path) -> None:
    (tmp_path / "breathing.yaml").write_text(
        "slug: breathing\ntitle: Breathing\nsummary: Slowly.\norder: -1\nsections: []\n"
        "sources: [notes.txt]\n",
        encoding="utf-8",
    )
    (tmp_path / "other.yaml").write_text(
        "slug: breathing-two\ntitle: T\nsummary: Fine text.\norder: 2\n"
        "sections: [{heading: H, paragraphs: [Some words.]}]\n"
        "sources: [000_72bde789bee28537.txt]\n",
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError) as raised:
        load_learn(tmp_path)
    lines = str(raised.value).splitlines()
    assert any(
        line.endswith("breathing.yaml:4: order: Input should be greater than or equal to 0")
        for line in lines
    )
    assert any("breathing.yaml:5: sections:" in line for line in lines)
    assert any("breathing.yaml:6: sources.0:" in line for line in lines)
    assert any("other.yaml: slug: must match the file name 'other'" in line for line in lines)
