"""Turn the errors a user can cause into short messages instead of tracebacks."""

from __future__ import annotations

import sys
from collections.abc import Callable

from backcoach.adapters.catalogue_files import CatalogueError
from backcoach.core.catalogue import UnknownExercise


class UserError(Exception):
    """A mistake in what the person asked for; the message says how to fix it."""


USER_ERRORS: tuple[type[Exception], ...] = (CatalogueError, UnknownExercise, UserError)


def register_user_error(kind: type[Exception]) -> None:
    """Adapters (storage, camera) add their own user-facing error types here."""
    global USER_ERRORS
    if kind not in USER_ERRORS:
        USER_ERRORS = (*USER_ERRORS, kind)


def handle_user_errors(app: Callable[[], object]) -> int:
    """Run the typer app; its own usage errors already print and exit with status 2."""
    try:
        app()
    except USER_ERRORS as error:
        text = str(error) if isinstance(error, CatalogueError) else f"error: {error}"
        print(text, file=sys.stderr)
        return 2
    return 0
