"""Weekly PEG check-ins (pain, enjoyment of life, general activity; 0-10 each).

Revision ID: 0006_peg_checkins
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_peg_checkins"
down_revision = "0005_preferences"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "peg_checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("pain", sa.Integer(), nullable=False),
        sa.Column("enjoyment", sa.Integer(), nullable=False),
        sa.Column("activity", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_peg_checkins"),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_peg_checkins_profile_id_profiles",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_peg_checkins_profile_id", "peg_checkins", ["profile_id"])


def downgrade() -> None:
    op.drop_index("ix_peg_checkins_profile_id", table_name="peg_checkins")
    op.drop_table("peg_checkins")
