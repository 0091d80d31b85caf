"""Questions on the terminal that also work with piped answers and never hang.

Answers are read line by line from stdin, so tests and scripts can feed them.
When stdin runs out (or is closed, as in CI) the question becomes a clear
error naming the option that answers it instead of waiting forever.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

import typer

from backcoach.cli.errors import UserError

T = TypeVar("T")
YES = {"y", "yes"}
NO = {"n", "no"}
MAX_TRIES = 3


def _read_line(question: str, hint: str | None) -> str:
    typer.echo(question + " ", nl=False)
    try:
        line = sys.stdin.readline() if sys.stdin is not None else ""
    except (OSError, ValueError):
        line = ""
    if not line:
        typer.echo("")
        where = f" (or pass {hint})" if hint else ""
        raise UserError(
            f"no answer to {question!r}: run this in a terminal or pipe the answer in{where}"
        )
    if not sys.stdin.isatty():
        typer.echo(line.rstrip("\n"))  # show piped answers, as a person typing would see them
    return line.strip()


def _ask(question: str, parse: Callable[[str], T | None], expected: str, hint: str | None) -> T:
    for _ in range(MAX_TRIES):
        answer = parse(_read_line(question, hint).lower())
        if answer is not None:
            return answer
        typer.echo(f"  please answer {expected}")
    raise UserError(f"no valid answer to {question!r}: expected {expected}")


def ask_yes_no(question: str, *, hint: str | None = None) -> bool:
    def parse(text: str) -> bool | None:
        return True if text in YES else False if text in NO else None

    return _ask(f"{question} [y/n]", parse, "y or n", hint)


def ask_number(question: str, low: int, high: int, *, hint: str | None = None) -> int:
    def parse(text: str) -> int | None:
        return int(text) if text.isdigit() and low <= int(text) <= high else None

    return _ask(f"{question} ({low}-{high})", parse, f"a whole number from {low} to {high}", hint)


def ask_choice(question: str, choices: dict[str, str], *, hint: str | None = None) -> str:
    """``choices`` maps a short key (typed) to the value returned."""
    keys = "/".join(choices)

    def parse(text: str) -> str | None:
        return choices.get(text) or (text if text in choices.values() else None)

    return _ask(f"{question} [{keys}]", parse, " or ".join(choices), hint)
