"""Red-flag screens: answers, verdict and when.

Revision ID: 0002_screens
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_screens"
down_revision = "0001_profiles"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "screens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("result", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_screens"),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_screens_profile_id_profiles",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_screens_profile_id", "screens", ["profile_id"])


def downgrade() -> None:
    op.drop_index("ix_screens_profile_id", table_name="screens")
    op.drop_table("screens")
