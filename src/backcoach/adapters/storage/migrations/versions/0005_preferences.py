"""Liked, disliked and paused exercises per profile.

Revision ID: 0005_preferences
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_preferences"
down_revision = "0004_events"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "preferences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(80), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.String(200), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_preferences"),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_preferences_profile_id_profiles",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_preferences_profile_id", "preferences", ["profile_id"])


def downgrade() -> None:
    op.drop_index("ix_preferences_profile_id", table_name="preferences")
    op.drop_table("preferences")
