"""Alembic environment: the caller hands over a connection (see officemgr.core.migrate)."""

from __future__ import annotations

from alembic import context

from officemgr.core.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("OfficeMgr migrations run through officemgr.core.migrate.upgrade()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    transaction_per_migration=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
