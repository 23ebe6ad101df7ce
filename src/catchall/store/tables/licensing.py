"""Licensing: export-licence cases, their notes, and denial notifications (partners' and our own)."""

from __future__ import annotations

import datetime as dt
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from catchall.store.base import Base


class LicensingCase(Base):
    """One application and its way through review to a recorded decision."""

    __tablename__ = "licensing_cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    reference: Mapped[str] = mapped_column(String(200), nullable=False, index=True)  # the application's id
    owner: Mapped[str] = mapped_column(String(200), nullable=False, index=True)  # exporter's username
    state: Mapped[str] = mapped_column(String(30), nullable=False, index=True)
    application: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    destination: Mapped[str] = mapped_column(String(2), nullable=False)
    application_date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    recommended: Mapped[str | None] = mapped_column(String(30), nullable=True)
    recommendation: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    assigned_to: Mapped[str | None] = mapped_column(String(200), nullable=True, index=True)
    decision: Mapped[str | None] = mapped_column(String(30), nullable=True)
    provisos: Mapped[str | None] = mapped_column(Text, nullable=True)
    justification: Mapped[str | None] = mapped_column(Text, nullable=True)
    decided_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class LicensingCaseNote(Base):
    __tablename__ = "licensing_case_notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("licensing_cases.id", ondelete="CASCADE"), nullable=False, index=True
    )
    author: Mapped[str] = mapped_column(String(200), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class DenialNotificationRow(Base):
    """A licence denial notified by a partner, or issued by us from a refused case (``source_case_id``)."""

    __tablename__ = "denial_notifications"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    notifying_state: Mapped[str] = mapped_column(String(2), nullable=False)
    date: Mapped[dt.date] = mapped_column(Date, nullable=False)
    destination: Mapped[str] = mapped_column(String(2), nullable=False, index=True)
    end_user_name: Mapped[str] = mapped_column(String(500), nullable=False)
    end_user_country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    entries: Mapped[list[str]] = mapped_column(JSON, nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    revoked: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    source_case_id: Mapped[int | None] = mapped_column(
        ForeignKey("licensing_cases.id", ondelete="SET NULL"), nullable=True
    )
    created_by: Mapped[str] = mapped_column(String(200), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
