"""Turn the errors a user can cause into short messages instead of tracebacks.

The error types are looked up only when something goes wrong, so that
`backcoach --help` does not pay for importing the catalogue or the database.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import import_module


class UserError(Exception):
    """A mistake in what the person asked for; the message says how to fix it."""


# "module:Class" of every exception that means "the user asked for something impossible".
USER_ERROR_TYPES: list[str] = [
    "backcoach.cli.errors:UserError",
    "backcoach.adapters.catalogue_files:CatalogueError",
    "backcoach.core.catalogue:UnknownExercise",
]


def register_user_error(dotted: str) -> None:
    """Adapters (storage, camera) add their own user-facing error types here."""
    if dotted not in USER_ERROR_TYPES:
        USER_ERROR_TYPES.append(dotted)


def _user_error_classes() -> tuple[type[BaseException], ...]:
    pairs = (dotted.split(":") for dotted in USER_ERROR_TYPES)
    return tuple(getattr(import_module(module), name) for module, name in pairs)


def handle_user_errors(app: Callable[[], object]) -> int:
    """Run the typer app; its own usage errors already print and exit with status 2."""
    try:
        app()
    except Exception as error:
        if not isinstance(error, _user_error_classes()):
            raise
        multi_line_report = type(error).__name__ == "CatalogueError"
        print(str(error) if multi_line_report else f"error: {error}", file=sys.stderr)
        return 2
    return 0
