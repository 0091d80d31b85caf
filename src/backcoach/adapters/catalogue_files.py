"""Read exercise YAML files into the core catalogue, with errors a person can act on.

Each problem is reported as one line: ``FILE:LINE: FIELD: what was expected``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from backcoach.core.catalogue import Catalogue, Exercise, SourceTitle, source_titles

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as Loader  # type: ignore[assignment]


Model = TypeVar("Model", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class CatalogueError(Exception):
    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def shipped_catalogue_dir() -> Path:
    return Path(str(resources.files("backcoach") / "catalogue"))


def titles_file() -> Path:
    return shipped_catalogue_dir() / "sources" / "titles.yaml"


@cache
def shipped_source_titles() -> dict[str, str]:
    """Seed file name -> article title, from the package (never from ../shared)."""
    path = titles_file()
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
        return source_titles(TypeAdapter(list[SourceTitle]).validate_python(data))
    except ValidationError as error:
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
    except (OSError, yaml.YAMLError, ValueError) as error:
        detail = str(error)
    raise CatalogueError([Problem(str(path), None, "", f"bad list of sources: {detail}")])


def _line_of(node: yaml.Node | None, loc: Iterable[int | str]) -> int | None:
    """Follow a pydantic error location through the YAML node tree to a line number."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for key in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == key:
                    child = value_node
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(key, int)
            and 0 <= key < len(node.value)
        ):
            child = node.value[key]
        if child is None:
            return line
        node, line = child, child.start_mark.line + 1
    return line


def _describe(error: dict[str, Any]) -> tuple[tuple[int | str, ...], str]:
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        return loc, "unknown field (check the spelling; see the catalogue schema)"
    if kind == "missing":
        return loc, "required field is missing"
    message = str(error["msg"]).removeprefix("Value error, ")
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        message = f"got {error.get('input')!r}; expected one of {expected}"
    return loc, message


def load_model(path: Path, model: type[Model], what: str) -> Model:
    """Parse and validate one YAML file as ``model``, raising CatalogueError with every
    problem in it; ``what`` names the fields expected, for a file of the wrong shape."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CatalogueError([Problem(shown, None, "", f"cannot read file: {error}")]) from None
    try:
        data = yaml.load(text, Loader=Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(error, "problem", None) or str(error)
        raise CatalogueError([Problem(shown, line, "", f"YAML syntax error: {reason}")]) from None
    if not isinstance(data, dict):
        raise CatalogueError([Problem(shown, 1, "", f"expected a mapping of {what}")])
    try:
        return model.model_validate(data)
    except ValidationError as error:
        # The node tree is only for pointing at lines, so it is built only when
        # there is something to point at: it costs as much as the parse itself.
        node = yaml.compose(text, Loader=Loader)
        problems = []
        for detail in error.errors():
            loc, message = _describe(dict(detail))
            field = ".".join(str(part) for part in loc)
            problems.append(Problem(shown, _line_of(node, loc), field, message))
        raise CatalogueError(problems) from None


def load_exercise_file(path: Path) -> Exercise:
    """Parse and validate one exercise file, raising CatalogueError with every problem in it."""
    exercise = load_model(path, Exercise, "exercise fields")
    return exercise.with_titles(shipped_source_titles())


def exercise_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.exists():
        raise CatalogueError([Problem(str(path), None, "", "no such file or folder")])
    return sorted(p for p in path.iterdir() if p.suffix in {".yaml", ".yml"})


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Load a folder (or one file) of exercises; report every problem, not just the first."""
    files = exercise_files(path or shipped_catalogue_dir())
    problems: list[Problem] = []
    exercises: list[Exercise] = []
    seen: dict[str, str] = {}
    for file in files:
        try:
            exercise = load_exercise_file(file)
        except CatalogueError as error:
            problems.extend(error.problems)
            continue
        if exercise.id in seen:
            problems.append(
                Problem(
                    str(file),
                    None,
                    "id",
                    f"duplicate id {exercise.id!r} (also in {seen[exercise.id]})",
                )
            )
            continue
        seen[exercise.id] = str(file)
        exercises.append(exercise)
    if not files:
        problems.append(Problem(str(path), None, "", "no .yaml exercise files found"))
    if problems:
        raise CatalogueError(problems)
    return Catalogue(exercises)
