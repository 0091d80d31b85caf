"""The README's command table lists every command the `backcoach` program has."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer

from backcoach.cli.main import app

README = Path(__file__).resolve().parents[2] / "README.md"


def command_paths(command: Any, prefix: str = "backcoach") -> list[str]:
    """Every runnable command, as typed: "backcoach pose analyze" and so on."""
    subcommands = getattr(command, "commands", None)  # a group
    if subcommands:
        return [
            path
            for name, sub in subcommands.items()
            for path in command_paths(sub, f"{prefix} {name}")
        ]
    return [prefix]


def test_every_command_is_in_the_readme_table() -> None:
    rows = [line for line in README.read_text().splitlines() if line.startswith("| `backcoach ")]
    listed = " ".join(re.findall(r"`(backcoach [^`]+)`", " ".join(rows))).replace("\\|", "|")
    paths = command_paths(typer.main.get_command(app))
    assert len(paths) >= 18
    missing = []
    for path in paths:
        *group, name = path.split()
        # "backcoach profile show|list|set" lists a group's commands in one row.
        pattern = re.escape(" ".join(group)) + r" (?:[\w-]+\|)*" + re.escape(name) + r"\b"
        if not re.search(pattern, listed):
            missing.append(path)
    assert missing == []
