"""Sessions and every completed step, written as each step completes.

Revision ID: 0003_sessions_and_steps
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_sessions_and_steps"
down_revision = "0002_screens"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("routine", sa.JSON(), nullable=False),
        sa.Column("planned_seconds", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("pain_before", sa.Integer(), nullable=True),
        sa.Column("pain_after", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sessions"),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_sessions_profile_id_profiles",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_sessions_profile_started", "sessions", ["profile_id", "started_at"])
    op.create_table(
        "session_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("step_index", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(80), nullable=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("side", sa.String(10), nullable=True),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_session_steps"),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["sessions.id"],
            name="fk_session_steps_session_id_sessions",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_session_steps_session_id", "session_steps", ["session_id"])


def downgrade() -> None:
    op.drop_index("ix_session_steps_session_id", table_name="session_steps")
    op.drop_table("session_steps")
    op.drop_index("ix_sessions_profile_started", table_name="sessions")
    op.drop_table("sessions")
