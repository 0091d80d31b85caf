"""Read the learn pages (``backcoach/learn/*.yaml``) into the core's validated models."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from backcoach.adapters.catalogue_files import CatalogueError, Problem, load_model
from backcoach.core.learn import LearnPage, Library


def shipped_learn_dir() -> Path:
    return Path(str(resources.files("backcoach") / "learn"))


def load_learn(path: Path | None = None) -> Library:
    """Every page in the folder; every problem in every file is reported, not just the first."""
    folder = path or shipped_learn_dir()
    problems: list[Problem] = []
    pages: list[LearnPage] = []
    for file in sorted(folder.glob("*.yaml")):
        try:
            page = load_model(file, LearnPage, "learn page fields")
        except CatalogueError as error:
            problems.extend(error.problems)
            continue
        if page.slug != file.stem:
            problems.append(
                Problem(str(file), None, "slug", f"must match the file name {file.stem!r}")
            )
            continue
        pages.append(page)
    if not pages and not problems:
        problems.append(Problem(str(folder), None, "", "no .yaml learn pages found"))
    if problems:
        raise CatalogueError(problems)
    return Library(pages)
