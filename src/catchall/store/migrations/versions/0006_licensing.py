"""licensing: applications, cases, denial notifications

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "licensing_cases",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("reference", sa.String(200), nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("state", sa.String(30), nullable=False),
        sa.Column("application", sa.JSON(), nullable=False),
        sa.Column("destination", sa.String(2), nullable=False),
        sa.Column("application_date", sa.Date(), nullable=False),
        sa.Column("recommended", sa.String(30), nullable=True),
        sa.Column("recommendation", sa.JSON(), nullable=True),
        sa.Column("assigned_to", sa.String(200), nullable=True),
        sa.Column("decision", sa.String(30), nullable=True),
        sa.Column("provisos", sa.Text(), nullable=True),
        sa.Column("justification", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.String(200), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_licensing_cases"),
    )
    op.create_index("ix_licensing_cases_reference", "licensing_cases", ["reference"])
    op.create_index("ix_licensing_cases_owner", "licensing_cases", ["owner"])
    op.create_index("ix_licensing_cases_state", "licensing_cases", ["state"])
    op.create_index("ix_licensing_cases_assigned_to", "licensing_cases", ["assigned_to"])

    op.create_table(
        "licensing_case_notes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_licensing_case_notes"),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["licensing_cases.id"],
            name="fk_licensing_case_notes_case_id_licensing_cases",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_licensing_case_notes_case_id", "licensing_case_notes", ["case_id"])

    op.create_table(
        "denial_notifications",
        sa.Column("id", sa.String(200), nullable=False),
        sa.Column("notifying_state", sa.String(2), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("destination", sa.String(2), nullable=False),
        sa.Column("end_user_name", sa.String(500), nullable=False),
        sa.Column("end_user_country", sa.String(2), nullable=True),
        sa.Column("entries", sa.JSON(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("revoked", sa.Date(), nullable=True),
        sa.Column("source_case_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_denial_notifications"),
        sa.ForeignKeyConstraint(
            ["source_case_id"],
            ["licensing_cases.id"],
            name="fk_denial_notifications_source_case_id_licensing_cases",
            ondelete="SET NULL",
        ),
    )
    op.create_index("ix_denial_notifications_destination", "denial_notifications", ["destination"])


def downgrade() -> None:
    op.drop_table("denial_notifications")
    op.drop_table("licensing_case_notes")
    op.drop_table("licensing_cases")
