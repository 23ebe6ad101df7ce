"""Screening: the parties screened, the alerts raised against them, and reviewers' adjudications."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from catchall.store.base import Base


class ScreenedParty(Base):
    """A party kept under screening (re-screened when lists change while ``open``)."""

    __tablename__ = "screened_parties"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    subject: Mapped[str] = mapped_column(String(300), nullable=False, unique=True)
    entity: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    open: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class ScreeningAlert(Base):
    """A listed entity that matched a screened party, awaiting or carrying a reviewer's decision."""

    __tablename__ = "screening_alerts"
    __table_args__ = (Index("ix_screening_alerts_subject_entity", "subject", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("screened_parties.id", ondelete="CASCADE"), nullable=False)
    subject: Mapped[str] = mapped_column(String(300), nullable=False, index=True)
    list_name: Mapped[str] = mapped_column(String(200), nullable=False)
    list_version: Mapped[str] = mapped_column(String(200), nullable=False)
    entity_id: Mapped[str] = mapped_column(String(300), nullable=False)
    entity_caption: Mapped[str] = mapped_column(String(500), nullable=False)
    entity_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    score: Mapped[float] = mapped_column(Float, nullable=False)
    explanation: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="open", index=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    decided_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)


class Adjudication(Base):
    """A reviewer's decision on a (party, listed entity) pair, valid while the entity's content is unchanged."""

    __tablename__ = "adjudications"
    __table_args__ = (Index("ix_adjudications_subject_entity", "subject", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    subject: Mapped[str] = mapped_column(String(300), nullable=False)
    entity_id: Mapped[str] = mapped_column(String(300), nullable=False)
    entity_hash: Mapped[str] = mapped_column(String(64), nullable=False)
    decision: Mapped[str] = mapped_column(String(20), nullable=False)
    actor: Mapped[str] = mapped_column(String(200), nullable=False)
    ts: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    alert_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
