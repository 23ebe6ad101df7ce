"""Alembic environment: runs against the engine handed over by ``catchall.store.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

import catchall.store.tables  # noqa: F401  (registers every table)
from catchall.store.base import Base

config = context.config
target_metadata = Base.metadata


def run() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.begin() as conn:
        context.configure(
            connection=conn,
            target_metadata=target_metadata,
            render_as_batch=conn.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()


run()
