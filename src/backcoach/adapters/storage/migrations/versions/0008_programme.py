"""The programme: days a person means to practise each week, and their flare-ups.

Revision ID: 0008_programme
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_programme"
down_revision = "0007_event_ids"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("profiles") as batch:
        batch.add_column(
            sa.Column("days_per_week", sa.Integer(), nullable=False, server_default="3")
        )
    op.create_table(
        "flares",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_flares"),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profiles.id"],
            name="fk_flares_profile_id_profiles",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_flares_profile_id", "flares", ["profile_id"])


def downgrade() -> None:
    op.drop_index("ix_flares_profile_id", table_name="flares")
    op.drop_table("flares")
    with op.batch_alter_table("profiles") as batch:
        batch.drop_column("days_per_week")
