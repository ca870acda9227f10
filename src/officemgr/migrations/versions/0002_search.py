"""The quick filter's search index: folded words and an FTS5 trigram text per node.

Builds the index for the customers and jobs already in the file.

Revision ID: 0002_search
Revises: 0001_initial
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from officemgr.core.types import key_string

revision = "0002_search"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from officemgr.core import search

    op.create_table(
        "search_terms",
        sa.Column("term", key_string(60), nullable=False),
        sa.Column("node_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["node_id"],
            ["customer_jobs.id"],
            name=op.f("fk_search_terms_node_id_customer_jobs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("term", "node_id", name=op.f("pk_search_terms")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_search_terms_node", "search_terms", ["node_id"])
    op.create_index("ix_customer_jobs_sort_key", "customer_jobs", ["sort_key"])
    search.create_text_index(op.get_bind())
    search.rebuild(op.get_bind())


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS search_text")
    op.drop_index("ix_customer_jobs_sort_key", table_name="customer_jobs")
    op.drop_index("ix_search_terms_node", table_name="search_terms")
    op.drop_table("search_terms")
