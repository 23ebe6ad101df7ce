"""lists: watch-list versions and their entities (list sources)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_list",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_watch_list"),
        sa.UniqueConstraint("name", name="uq_watch_list_name"),
    )
    op.create_table(
        "list_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(40), nullable=False),
        sa.Column("checksum", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("entity_count", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("index_path", sa.String(1000), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("became_current_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("worker", sa.String(200), nullable=True),
        sa.Column("stats", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_list_version"),
        sa.ForeignKeyConstraint(["list_id"], ["watch_list.id"], name="fk_list_version_list_id_watch_list"),
        sa.UniqueConstraint("list_id", "number", name="uq_list_version_list_id_number"),
    )
    op.create_index("ix_list_version_list_status", "list_version", ["list_id", "status"])
    # at most one current version per list, enforced by the database itself
    op.create_index(
        "uq_list_version_one_current",
        "list_version",
        ["list_id"],
        unique=True,
        sqlite_where=sa.text("status = 'current'"),
        postgresql_where=sa.text("status = 'current'"),
    )
    op.create_table(
        "list_entity",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.String(300), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("version_id", "entity_id", name="pk_list_entity"),
        sa.ForeignKeyConstraint(
            ["version_id"], ["list_version.id"], name="fk_list_entity_version_id_list_version", ondelete="CASCADE"
        ),
    )


def downgrade() -> None:
    op.drop_table("list_entity")
    op.drop_index("uq_list_version_one_current", table_name="list_version")
    op.drop_index("ix_list_version_list_status", table_name="list_version")
    op.drop_table("list_version")
    op.drop_table("watch_list")
