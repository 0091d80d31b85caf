"""Turn the errors a user can cause into short messages instead of tracebacks."""

from __future__ import annotations

import sys
from collections.abc import Callable

from backcoach.adapters.catalogue_files import CatalogueError
from backcoach.core.catalogue import UnknownExercise


class UserError(Exception):
    """A mistake in what the person asked for; the message says how to fix it."""


USER_ERRORS: tuple[type[Exception], ...] = (CatalogueError, UnknownExercise, UserError)


def handle_user_errors(app: Callable[..., object]) -> int:
    try:
        app(standalone_mode=False)
    except USER_ERRORS as error:
        print(f"error: {error}" if not isinstance(error, CatalogueError) else str(error), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nstopped.", file=sys.stderr)
        return 130
    except Exception as error:  # click's own usage errors arrive here with standalone_mode off
        import click

        if isinstance(error, click.exceptions.Exit):
            return error.exit_code
        if isinstance(error, click.ClickException):
            error.show()
            return 2
        if isinstance(error, click.exceptions.Abort):
            print("\nstopped.", file=sys.stderr)
            return 130
        raise
    return 0
