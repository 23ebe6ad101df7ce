"""registry: registries, transfers and sanctions determinations

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _stamps() -> list[sa.Column[object]]:
    return [
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "registry_commitments",
        sa.Column("id", sa.String(120), nullable=False),
        sa.Column("state", sa.String(2), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        *_stamps(),
        sa.PrimaryKeyConstraint("id", name="pk_registry_commitments"),
    )
    op.create_index("ix_registry_commitments_state", "registry_commitments", ["state"])
    op.create_table(
        "registry_sanctions",
        sa.Column("id", sa.String(120), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=False),
        *_stamps(),
        sa.PrimaryKeyConstraint("id", name="pk_registry_sanctions"),
    )
    op.create_index("ix_registry_sanctions_country", "registry_sanctions", ["country"])
    op.create_table(
        "transfers",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("supplier_state", sa.String(2), nullable=False),
        *_stamps(),
        sa.PrimaryKeyConstraint("id", name="pk_transfers"),
    )
    op.create_index("ix_transfers_date", "transfers", ["date"])
    op.create_index("ix_transfers_supplier_state", "transfers", ["supplier_state"])


def downgrade() -> None:
    op.drop_index("ix_transfers_supplier_state", table_name="transfers")
    op.drop_index("ix_transfers_date", table_name="transfers")
    op.drop_table("transfers")
    op.drop_index("ix_registry_sanctions_country", table_name="registry_sanctions")
    op.drop_table("registry_sanctions")
    op.drop_index("ix_registry_commitments_state", table_name="registry_commitments")
    op.drop_table("registry_commitments")
