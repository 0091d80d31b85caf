"""Steps stored once per session and index; events carry the device's own id.

Revision ID: 0007_event_ids

Before this, a step posted twice (a retry after a lost answer) was stored twice
and counted twice. The copies are removed, keeping the first one stored, before
the unique index that prevents them from now on.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_event_ids"
down_revision = "0006_peg_checkins"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "DELETE FROM session_steps WHERE id NOT IN "
        "(SELECT MIN(id) FROM session_steps GROUP BY session_id, step_index)"
    )
    op.create_index(
        "uq_session_steps_session_step",
        "session_steps",
        ["session_id", "step_index"],
        unique=True,
    )
    op.add_column("events", sa.Column("event_id", sa.String(64), nullable=True))
    op.create_index("uq_events_session_event", "events", ["session_id", "event_id"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_events_session_event", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("event_id")
    op.drop_index("uq_session_steps_session_step", table_name="session_steps")
