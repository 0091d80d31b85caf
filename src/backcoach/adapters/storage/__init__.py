"""The local store: SQLAlchemy tables, Alembic migrations and the Store.

Import ``Store`` from ``backcoach.adapters.storage.store`` and ``StorageError``
from ``backcoach.adapters.storage.errors``; this package file stays empty so that
catching StorageError does not load SQLAlchemy.
"""
