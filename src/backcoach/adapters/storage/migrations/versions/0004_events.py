"""Session events: "it hurts" with its severity, skips, pauses.

Revision ID: 0004_events
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_events"
down_revision = "0003_sessions_and_steps"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("exercise_id", sa.String(80), nullable=True),
        sa.Column("step_index", sa.Integer(), nullable=True),
        sa.Column("severity", sa.String(10), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name="fk_events_session_id_sessions",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_events_session_id", "events", ["session_id"])


def downgrade() -> None:
    op.drop_index("ix_events_session_id", table_name="events")
    op.drop_table("events")
