"""Watch lists, their versions and the entities of each version (issue 5).

A version is written with status ``importing``, its screening index built, and only then flipped to
``current`` (the previous current becomes ``superseded``) in one UPDATE transaction, so readers never
see a half-written list. ``became_current_at`` / ``superseded_at`` answer "which version was in force
on date D".
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from catchall.store.base import Base

STATUSES = ("importing", "current", "superseded", "failed")


class WatchList(Base):
    __tablename__ = "watch_list"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False, unique=True)
    source: Mapped[str] = mapped_column(String(40), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class ListVersion(Base):
    __tablename__ = "list_version"
    __table_args__ = (
        UniqueConstraint("list_id", "number", name="uq_list_version_list_id_number"),
        Index("ix_list_version_list_status", "list_id", "status"),
        # at most one current version per list, enforced by the database itself
        Index(
            "uq_list_version_one_current",
            "list_id",
            unique=True,
            sqlite_where=text("status = 'current'"),
            postgresql_where=text("status = 'current'"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("watch_list.id"), nullable=False)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    source: Mapped[str] = mapped_column(String(40), nullable=False)
    checksum: Mapped[str] = mapped_column(String(64), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    entity_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    file_name: Mapped[str] = mapped_column(String(500), nullable=False)
    index_path: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    became_current_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    superseded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    actor: Mapped[str] = mapped_column(String(200), nullable=False)
    # host:pid of the importing process, so a leftover ``importing`` row of a killed process can be told
    # from one still being written by a live process
    worker: Mapped[str | None] = mapped_column(String(200), nullable=True)
    stats: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False, default=dict)


class ListEntity(Base):
    __tablename__ = "list_entity"

    version_id: Mapped[int] = mapped_column(ForeignKey("list_version.id", ondelete="CASCADE"), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(300), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    # the entity's FtM JSON, canonical (sorted keys), exactly what export writes back
    data: Mapped[str] = mapped_column(Text, nullable=False)
