"""Stored registry records: commitments and sanctions determinations added or amended by analysts (they
overlay the shipped YAML by id), and reported transfers. Each row keeps the validated model as JSON plus
the columns queries filter on."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from catchall.store.base import Base


class StoredCommitment(Base):
    __tablename__ = "registry_commitments"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    state: Mapped[str] = mapped_column(String(2), nullable=False, index=True)
    since: Mapped[dt.date] = mapped_column(Date, nullable=False)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_by: Mapped[str] = mapped_column(String(200), nullable=False)


class StoredDetermination(Base):
    __tablename__ = "registry_sanctions"

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    country: Mapped[str] = mapped_column(String(2), nullable=False, index=True)
    effective_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_by: Mapped[str] = mapped_column(String(200), nullable=False)


class StoredTransfer(Base):
    __tablename__ = "transfers"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date, nullable=False, index=True)
    supplier_state: Mapped[str] = mapped_column(String(2), nullable=False, index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_by: Mapped[str] = mapped_column(String(200), nullable=False)
