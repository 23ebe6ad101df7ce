"""screening: adjudications of screening alerts (screening engine)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "screened_parties",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("subject", sa.String(300), nullable=False, unique=True),
        sa.Column("entity", sa.JSON(), nullable=False),
        sa.Column("open", sa.Boolean(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "screening_alerts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("party_id", sa.Integer(), sa.ForeignKey("screened_parties.id", ondelete="CASCADE"), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("list_name", sa.String(200), nullable=False),
        sa.Column("list_version", sa.String(200), nullable=False),
        sa.Column("entity_id", sa.String(300), nullable=False),
        sa.Column("entity_caption", sa.String(500), nullable=False),
        sa.Column("entity_hash", sa.String(64), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("explanation", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.String(200), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
    )
    op.create_index("ix_screening_alerts_subject", "screening_alerts", ["subject"])
    op.create_index("ix_screening_alerts_status", "screening_alerts", ["status"])
    op.create_index("ix_screening_alerts_subject_entity", "screening_alerts", ["subject", "entity_id"])
    op.create_table(
        "adjudications",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("entity_id", sa.String(300), nullable=False),
        sa.Column("entity_hash", sa.String(64), nullable=False),
        sa.Column("decision", sa.String(20), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("ts", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=True),
    )
    op.create_index("ix_adjudications_subject_entity", "adjudications", ["subject", "entity_id"])


def downgrade() -> None:
    op.drop_index("ix_adjudications_subject_entity", table_name="adjudications")
    op.drop_table("adjudications")
    op.drop_index("ix_screening_alerts_subject_entity", table_name="screening_alerts")
    op.drop_index("ix_screening_alerts_status", table_name="screening_alerts")
    op.drop_index("ix_screening_alerts_subject", table_name="screening_alerts")
    op.drop_table("screening_alerts")
    op.drop_table("screened_parties")
