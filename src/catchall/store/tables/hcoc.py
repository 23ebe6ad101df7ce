"""HCOC records: pre-launch notifications, observed launches, annual declarations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from catchall.store.base import Base


class HcocNotification(Base):
    __tablename__ = "hcoc_notifications"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    state: Mapped[str] = mapped_column(String(2), nullable=False, index=True)
    submitted: Mapped[dt.date] = mapped_column(Date, nullable=False)
    vehicle_class: Mapped[str] = mapped_column(String(40), nullable=False)
    window_start: Mapped[dt.date] = mapped_column(Date, nullable=False, index=True)
    window_end: Mapped[dt.date] = mapped_column(Date, nullable=False)
    launch_area: Mapped[str | None] = mapped_column(String(500), nullable=True)
    direction: Mapped[str | None] = mapped_column(String(200), nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_by: Mapped[str] = mapped_column(String(200), nullable=False)


class HcocLaunch(Base):
    __tablename__ = "hcoc_launches"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    state: Mapped[str] = mapped_column(String(2), nullable=False, index=True)
    date: Mapped[dt.date] = mapped_column(Date, nullable=False, index=True)
    vehicle_class: Mapped[str] = mapped_column(String(40), nullable=False)
    vehicle: Mapped[str | None] = mapped_column(String(200), nullable=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_by: Mapped[str] = mapped_column(String(200), nullable=False)


class HcocDeclaration(Base):
    __tablename__ = "hcoc_declarations"

    state: Mapped[str] = mapped_column(String(2), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    submitted: Mapped[dt.date] = mapped_column(Date, nullable=False)
    policies: Mapped[str] = mapped_column(Text, nullable=False, default="")
    launches: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_by: Mapped[str] = mapped_column(String(200), nullable=False)
