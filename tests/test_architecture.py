"""The core must stay pure: it may import only the standard library, pydantic,
numpy and itself. An adapter import in the core fails this test."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "src" / "backcoach" / "core"
ALLOWED_THIRD_PARTY = {"pydantic", "pydantic_core", "annotated_types", "numpy", "typing_extensions"}
# I/O and clocks belong in adapters; the core receives times and randomness as arguments.
FORBIDDEN_STDLIB = {
    "os",
    "pathlib",
    "io",
    "sqlite3",
    "socket",
    "subprocess",
    "shutil",
    "time",
    "urllib",
    "http",
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def offending_imports(path: Path) -> list[str]:
    bad = []
    for name in imported_modules(path):
        top = name.split(".")[0]
        if top == "backcoach":
            if name != "backcoach" and not name.startswith("backcoach.core"):
                bad.append(name)
        elif top in FORBIDDEN_STDLIB or (
            top not in ALLOWED_THIRD_PARTY and top not in sys.stdlib_module_names
        ):
            bad.append(name)
    return sorted(bad)


def test_core_imports_only_the_standard_library_pydantic_numpy_and_itself() -> None:
    problems = {
        str(path.relative_to(CORE)): offending_imports(path)
        for path in CORE.rglob("*.py")
        if offending_imports(path)
    }
    assert problems == {}


def test_the_contract_check_catches_an_adapter_import(tmp_path: Path) -> None:
    sample = tmp_path / "leaky.py"
    sample.write_text(
        "import sqlalchemy\nfrom backcoach.adapters.catalogue_files import load_catalogue\nimport time\n"
    )
    assert offending_imports(sample) == ["backcoach.adapters.catalogue_files", "sqlalchemy", "time"]


PACKAGE = CORE.parent


def imports_of_package(package: str) -> dict[str, list[str]]:
    """Each module under ``package`` with every module it imports."""
    return {
        str(path.relative_to(PACKAGE)): sorted(imported_modules(path))
        for path in (PACKAGE / package).rglob("*.py")
    }


def crossing(package: str, other: str) -> dict[str, list[str]]:
    found = {
        module: [name for name in names if name.startswith(f"backcoach.{other}")]
        for module, names in imports_of_package(package).items()
    }
    return {module: names for module, names in found.items() if names}


def test_the_web_app_and_the_terminal_share_only_what_lies_below_both() -> None:
    # Wording both show (doses, positions) lives in the core, not in one of them.
    assert crossing("web", "cli") == {}
    # `backcoach serve` is where the web app is started: the one place it is named.
    serving = {"backcoach.web.app", "backcoach.web.security"}
    upward = crossing("cli", "web")
    assert set(upward.pop("cli/serve_cmds.py", [])) <= serving
    assert upward == {}


def test_the_crossing_check_catches_the_web_reaching_into_the_terminal(tmp_path: Path) -> None:
    sample = tmp_path / "page.py"
    sample.write_text(
        "from backcoach.cli.render import dosage_text\nimport backcoach.core.wording\n"
    )
    assert [n for n in imported_modules(sample) if n.startswith("backcoach.cli")] == [
        "backcoach.cli.render"
    ]
