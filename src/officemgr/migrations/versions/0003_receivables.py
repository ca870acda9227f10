"""Receivables you can trust: rates to four decimals, the office's number locale, dated
opening balances, and an index for the employee filter.

- Invoice lines, requested services and estimate/final lines store their rate in 1/10,000
  (as quantities do) instead of cents, so a rate of 19.995 is kept, not rounded to 20.00.
- ``office_settings.number_locale``: how the office types and reads numbers (None: the
  computer's locale).
- An opening balance counts from its "as of" date; one with no date gets the day its
  customer or job was created, the day it was brought forward.
- ``ix_contact_log_employee``: the Contact Log report's employee filter lists the distinct
  names from an index instead of reading every entry.

Revision ID: 0003_receivables
Revises: 0002_search
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_receivables"
down_revision = "0002_search"
branch_labels = None
depends_on = None

RATE_TABLES = ("invoice_lines", "job_service_lines", "job_figure_lines")


def upgrade() -> None:
    for table in RATE_TABLES:
        op.execute(sa.text(f"UPDATE {table} SET rate = rate * 100"))
    with op.batch_alter_table("office_settings") as batch_op:
        batch_op.add_column(sa.Column("number_locale", sa.String(length=20), nullable=True))
    op.execute(
        sa.text(
            "UPDATE customer_jobs SET opening_balance_date = date(created_at) "
            "WHERE opening_balance <> 0 AND opening_balance_date IS NULL"
        )
    )
    op.create_index("ix_contact_log_employee", "contact_log_entries", ["employee_name"])


def downgrade() -> None:
    op.drop_index("ix_contact_log_employee", table_name="contact_log_entries")
    with op.batch_alter_table("office_settings") as batch_op:
        batch_op.drop_column("number_locale")
    for table in RATE_TABLES:
        # Back to cents, rounded half away from zero as invoices round.
        op.execute(
            sa.text(
                f"UPDATE {table} SET rate = CASE WHEN rate >= 0 THEN (rate + 50) / 100 "
                "ELSE (rate - 50) / 100 END"
            )
        )
