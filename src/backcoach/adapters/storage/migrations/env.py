"""Alembic environment: always run programmatically with a live connection.

``backcoach.adapters.storage.engine.migrate`` passes the connection in
``config.attributes``; each migration runs in its own transaction.
"""

from __future__ import annotations

from alembic import context

from backcoach.adapters.storage.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run backcoach migrations through backcoach.adapters.storage.engine.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    transaction_per_migration=True,
    render_as_batch=True,
)
context.run_migrations()
