"""The one error the store raises: a sentence a person can act on.

Kept free of SQLAlchemy imports so the CLI can catch it without loading the
database layer.
"""

from __future__ import annotations


class StorageError(Exception):
    """The database cannot be used as it is; nothing was changed or lost."""


class NotFound(StorageError):
    """A profile or session that does not exist (or no longer does)."""


class SessionNotActive(Exception):
    """A step or event for a session that is already finished, stopped or abandoned."""

    def __init__(self, session_id: int, status: str) -> None:
        self.session_id, self.status = session_id, status
        super().__init__(f"session {session_id} is already {status}")
