"""Sources are cited by the article's title, stored in the package, the file name a detail."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcoach.adapters import catalogue_files
from backcoach.adapters.catalogue_files import CatalogueError, shipped_source_titles
from backcoach.core.catalogue import Catalogue


def test_every_stored_title_is_the_first_line_of_its_seed(shared_dir: Path) -> None:
    seeds = sorted((shared_dir / "seeds").glob("0*.txt"))
    first_lines = {p.name: p.read_text(encoding="utf-8").splitlines()[0].strip() for p in seeds}
    assert shipped_source_titles() == first_lines


def test_every_cited_source_has_its_title(catalogue: Catalogue) -> None:
    titles = shipped_source_titles()
    for exercise in catalogue:
        for source in exercise.sources:
            assert source.title == titles[source.file], (exercise.id, source.file)


def test_a_broken_list_of_titles_is_reported_on_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "titles.yaml"
    broken.write_text("- file: 000_72bde789bee28537.txt\n  titel: A typo\n", encoding="utf-8")
    monkeypatch.setattr(catalogue_files, "titles_file", lambda: broken)
    shipped_source_titles.cache_clear()
    try:
        with pytest.raises(
            CatalogueError,
            match=r"titles\.yaml: bad list of sources: 0\.title: Field required; 0\.titel: Extra",
        ):
            shipped_source_titles()
    finally:
        shipped_source_titles.cache_clear()
