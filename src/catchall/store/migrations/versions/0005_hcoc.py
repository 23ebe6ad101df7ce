"""hcoc: HCOC declarations, pre-launch notifications, launches

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hcoc_notifications",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("state", sa.String(2), nullable=False),
        sa.Column("submitted", sa.Date(), nullable=False),
        sa.Column("vehicle_class", sa.String(40), nullable=False),
        sa.Column("window_start", sa.Date(), nullable=False),
        sa.Column("window_end", sa.Date(), nullable=False),
        sa.Column("launch_area", sa.String(500), nullable=True),
        sa.Column("direction", sa.String(200), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_hcoc_notifications"),
    )
    op.create_index("ix_hcoc_notifications_state", "hcoc_notifications", ["state"])
    op.create_index("ix_hcoc_notifications_window_start", "hcoc_notifications", ["window_start"])
    op.create_table(
        "hcoc_launches",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("state", sa.String(2), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("vehicle_class", sa.String(40), nullable=False),
        sa.Column("vehicle", sa.String(200), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_hcoc_launches"),
    )
    op.create_index("ix_hcoc_launches_state", "hcoc_launches", ["state"])
    op.create_index("ix_hcoc_launches_date", "hcoc_launches", ["date"])
    op.create_table(
        "hcoc_declarations",
        sa.Column("state", sa.String(2), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("submitted", sa.Date(), nullable=False),
        sa.Column("policies", sa.Text(), nullable=False),
        sa.Column("launches", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("state", "year", name="pk_hcoc_declarations"),
    )


def downgrade() -> None:
    op.drop_table("hcoc_declarations")
    op.drop_index("ix_hcoc_launches_date", table_name="hcoc_launches")
    op.drop_index("ix_hcoc_launches_state", table_name="hcoc_launches")
    op.drop_table("hcoc_launches")
    op.drop_index("ix_hcoc_notifications_window_start", table_name="hcoc_notifications")
    op.drop_index("ix_hcoc_notifications_state", table_name="hcoc_notifications")
    op.drop_table("hcoc_notifications")
