"""Initial schema: every table of the domain model.

Money and quantities are scaled integers (see officemgr.core.types); times are UTC.

Revision ID: 0001_initial
Revises: (none)
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from officemgr.core.types import key_string

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "custom_field_defs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("field_type", sa.String(length=10), nullable=False),
        sa.Column("choices", sa.Text(), nullable=True),
        sa.Column("applies_to", sa.String(length=10), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "applies_to IN ('customer', 'job', 'both')",
            name=op.f("ck_custom_field_defs_applies_to"),
        ),
        sa.CheckConstraint(
            "field_type IN ('text', 'number', 'date', 'yes_no', 'choice')",
            name=op.f("ck_custom_field_defs_field_type"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_custom_field_defs")),
        sa.UniqueConstraint("name", name=op.f("uq_custom_field_defs_name")),
    )
    op.create_table(
        "employees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("initials", sa.String(length=8), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=60), nullable=True),
        sa.Column("is_sales_rep", sa.Boolean(), nullable=False),
        sa.Column("is_foreman", sa.Boolean(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employees")),
        sa.UniqueConstraint("name", name=op.f("uq_employees_name")),
    )
    op.create_table(
        "job_types",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("full_name", key_string(200), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["job_types.id"],
            name=op.f("fk_job_types_parent_id_job_types"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_types")),
        sa.UniqueConstraint("full_name", name=op.f("uq_job_types_full_name")),
    )
    op.create_table(
        "list_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_name", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "list_name IN ('customer_type', 'department', 'marketing_source', 'price_level')",
            name=op.f("ck_list_items_list_name"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_list_items")),
        sa.UniqueConstraint("list_name", "name", name=op.f("uq_list_items_list_name_name")),
    )
    op.create_table(
        "office_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("company_name", sa.String(length=100), nullable=False),
        sa.Column("line1", sa.String(length=200), nullable=True),
        sa.Column("line2", sa.String(length=200), nullable=True),
        sa.Column("city", sa.String(length=60), nullable=True),
        sa.Column("region", sa.String(length=60), nullable=True),
        sa.Column("postal_code", sa.String(length=20), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("phone", sa.String(length=60), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("default_phone_region", sa.String(length=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("title_case_mode", sa.String(length=10), nullable=False),
        sa.Column("paper_size", sa.String(length=10), nullable=False),
        sa.Column("backups_to_keep", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "title_case_mode IN ('off', 'suggest', 'automatic')",
            name=op.f("ck_office_settings_title_case_mode"),
        ),
        sa.CheckConstraint("id = 1", name=op.f("ck_office_settings_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office_settings")),
    )
    op.create_table(
        "payment_methods",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('cash', 'check', 'card', 'ach', 'other')",
            name=op.f("ck_payment_methods_kind"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_methods")),
        sa.UniqueConstraint("name", name=op.f("uq_payment_methods_name")),
    )
    op.create_table(
        "tax_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=True),
        sa.Column("rate_percent", sa.BigInteger(), nullable=False),
        sa.Column("is_taxable", sa.Boolean(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tax_codes")),
        sa.UniqueConstraint("name", name=op.f("uq_tax_codes_name")),
    )
    op.create_table(
        "terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("net_days", sa.Integer(), nullable=False),
        sa.Column("discount_percent", sa.BigInteger(), nullable=False),
        sa.Column("discount_days", sa.Integer(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_terms")),
        sa.UniqueConstraint("name", name=op.f("uq_terms_name")),
    )
    op.create_table(
        "customer_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("depth", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("full_name", sa.String(length=505), nullable=False),
        sa.Column("full_name_key", key_string(505), nullable=False),
        sa.Column("sort_key", key_string(100), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("is_prospect", sa.Boolean(), nullable=False),
        sa.Column("company_name", sa.String(length=100), nullable=True),
        sa.Column("salutation", sa.String(length=20), nullable=True),
        sa.Column("first_name", sa.String(length=60), nullable=True),
        sa.Column("middle_initial", sa.String(length=5), nullable=True),
        sa.Column("last_name", sa.String(length=60), nullable=True),
        sa.Column("pronounced", sa.String(length=100), nullable=True),
        sa.Column("website", sa.String(length=200), nullable=True),
        sa.Column("alt_contact_name", sa.String(length=100), nullable=True),
        sa.Column("preferred_contact", sa.String(length=10), nullable=False),
        sa.Column("work_same_as_bill_to", sa.Boolean(), nullable=False),
        sa.Column("customer_type_id", sa.Integer(), nullable=True),
        sa.Column("terms_id", sa.Integer(), nullable=True),
        sa.Column("sales_rep_id", sa.Integer(), nullable=True),
        sa.Column("inside_rep_id", sa.Integer(), nullable=True),
        sa.Column("department_id", sa.Integer(), nullable=True),
        sa.Column("marketing_source_id", sa.Integer(), nullable=True),
        sa.Column("tax_code_id", sa.Integer(), nullable=True),
        sa.Column("price_level_id", sa.Integer(), nullable=True),
        sa.Column("resale_number", sa.String(length=60), nullable=True),
        sa.Column("notepad", sa.Text(), nullable=True),
        sa.Column("account_number", sa.String(length=60), nullable=True),
        sa.Column("ar_account", sa.String(length=60), nullable=True),
        sa.Column("credit_limit", sa.BigInteger(), nullable=True),
        sa.Column("opening_balance", sa.BigInteger(), nullable=False),
        sa.Column("opening_balance_date", sa.Date(), nullable=True),
        sa.Column("payment_method_id", sa.Integer(), nullable=True),
        sa.Column("card_holder", sa.String(length=100), nullable=True),
        sa.Column("card_brand", sa.String(length=20), nullable=True),
        sa.Column("card_last4", sa.String(length=4), nullable=True),
        sa.Column("card_exp_month", sa.Integer(), nullable=True),
        sa.Column("card_exp_year", sa.Integer(), nullable=True),
        sa.Column("billing_postal_code", sa.String(length=20), nullable=True),
        sa.Column("is_debit_card", sa.Boolean(), nullable=False),
        sa.Column("credit_hold", sa.Boolean(), nullable=False),
        sa.Column("credit_hold_reason", sa.String(length=200), nullable=True),
        sa.Column("credit_hold_at", sa.DateTime(), nullable=True),
        sa.Column("credit_hold_by", sa.String(length=100), nullable=True),
        sa.Column("balance", sa.BigInteger(), nullable=False),
        sa.Column("balance_total", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "preferred_contact IN ('phone', 'cell', 'text', 'email', 'none')",
            name=op.f("ck_customer_jobs_preferred_contact"),
        ),
        sa.CheckConstraint(
            "(parent_id IS NULL AND depth = 0) OR (parent_id IS NOT NULL AND depth > 0)",
            name=op.f("ck_customer_jobs_root_has_no_parent"),
        ),
        sa.CheckConstraint(
            "card_last4 IS NULL OR length(card_last4) = 4",
            name=op.f("ck_customer_jobs_card_last4_only"),
        ),
        sa.CheckConstraint("depth >= 0 AND depth < 5", name=op.f("ck_customer_jobs_depth")),
        sa.CheckConstraint(
            "parent_id IS NULL OR parent_id <> id", name=op.f("ck_customer_jobs_not_own_parent")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer_jobs.id"],
            name=op.f("fk_customer_jobs_customer_id_customer_jobs"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["customer_type_id"],
            ["list_items.id"],
            name=op.f("fk_customer_jobs_customer_type_id_list_items"),
        ),
        sa.ForeignKeyConstraint(
            ["department_id"],
            ["list_items.id"],
            name=op.f("fk_customer_jobs_department_id_list_items"),
        ),
        sa.ForeignKeyConstraint(
            ["inside_rep_id"],
            ["employees.id"],
            name=op.f("fk_customer_jobs_inside_rep_id_employees"),
        ),
        sa.ForeignKeyConstraint(
            ["marketing_source_id"],
            ["list_items.id"],
            name=op.f("fk_customer_jobs_marketing_source_id_list_items"),
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["customer_jobs.id"],
            name=op.f("fk_customer_jobs_parent_id_customer_jobs"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["payment_method_id"],
            ["payment_methods.id"],
            name=op.f("fk_customer_jobs_payment_method_id_payment_methods"),
        ),
        sa.ForeignKeyConstraint(
            ["price_level_id"],
            ["list_items.id"],
            name=op.f("fk_customer_jobs_price_level_id_list_items"),
        ),
        sa.ForeignKeyConstraint(
            ["sales_rep_id"], ["employees.id"], name=op.f("fk_customer_jobs_sales_rep_id_employees")
        ),
        sa.ForeignKeyConstraint(
            ["tax_code_id"], ["tax_codes.id"], name=op.f("fk_customer_jobs_tax_code_id_tax_codes")
        ),
        sa.ForeignKeyConstraint(
            ["terms_id"], ["terms.id"], name=op.f("fk_customer_jobs_terms_id_terms")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_jobs")),
        sa.UniqueConstraint("account_number", name=op.f("uq_customer_jobs_account_number")),
        sa.UniqueConstraint("full_name_key", name=op.f("uq_customer_jobs_full_name_key")),
    )
    with op.batch_alter_table("customer_jobs", schema=None) as batch_op:
        batch_op.create_index("ix_customer_jobs_customer", ["customer_id", "depth"], unique=False)
        batch_op.create_index(
            "ix_customer_jobs_parent_sort", ["parent_id", "is_active", "sort_key"], unique=False
        )

    op.create_table(
        "addresses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("line1", sa.String(length=200), nullable=True),
        sa.Column("line2", sa.String(length=200), nullable=True),
        sa.Column("city", sa.String(length=60), nullable=True),
        sa.Column("region", sa.String(length=60), nullable=True),
        sa.Column("postal_code", sa.String(length=20), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('bill_to', 'work')", name=op.f("ck_addresses_kind")),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["customer_jobs.id"],
            name=op.f("fk_addresses_owner_id_customer_jobs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_addresses")),
        sa.UniqueConstraint("owner_id", "kind", name=op.f("uq_addresses_owner_id_kind")),
    )
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=60), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["customer_jobs.id"],
            name=op.f("fk_contacts_owner_id_customer_jobs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contacts_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "custom_field_values",
        sa.Column("node_id", sa.Integer(), nullable=False),
        sa.Column("field_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["field_id"],
            ["custom_field_defs.id"],
            name=op.f("fk_custom_field_values_field_id_custom_field_defs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["node_id"],
            ["customer_jobs.id"],
            name=op.f("fk_custom_field_values_node_id_customer_jobs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("node_id", "field_id", name=op.f("pk_custom_field_values")),
    )
    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("node_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("invoice_date", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("terms_id", sa.Integer(), nullable=True),
        sa.Column("tax_code_id", sa.Integer(), nullable=True),
        sa.Column("tax_rate_percent", sa.BigInteger(), nullable=False),
        sa.Column("memo", sa.String(length=200), nullable=True),
        sa.Column("subtotal", sa.BigInteger(), nullable=False),
        sa.Column("tax", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("amount_paid", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=6), nullable=False),
        sa.Column("void_reason", sa.String(length=200), nullable=True),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("voided_by", sa.String(length=100), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("status IN ('open', 'paid', 'void')", name=op.f("ck_invoices_status")),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer_jobs.id"],
            name=op.f("fk_invoices_customer_id_customer_jobs"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["node_id"],
            ["customer_jobs.id"],
            name=op.f("fk_invoices_node_id_customer_jobs"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["tax_code_id"], ["tax_codes.id"], name=op.f("fk_invoices_tax_code_id_tax_codes")
        ),
        sa.ForeignKeyConstraint(
            ["terms_id"], ["terms.id"], name=op.f("fk_invoices_terms_id_terms")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoices")),
        sa.UniqueConstraint("number", name=op.f("uq_invoices_number")),
    )
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.create_index(
            "ix_invoices_customer_status", ["customer_id", "status"], unique=False
        )
        batch_op.create_index("ix_invoices_node", ["node_id"], unique=False)

    op.create_table(
        "job_figure_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("rate", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "phase IN ('estimate', 'final')", name=op.f("ck_job_figure_lines_phase")
        ),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["customer_jobs.id"],
            name=op.f("fk_job_figure_lines_job_id_customer_jobs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_figure_lines")),
    )
    with op.batch_alter_table("job_figure_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_job_figure_lines_job_id"), ["job_id"], unique=False)

    op.create_table(
        "job_info",
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=True),
        sa.Column("job_type_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("foreman_id", sa.Integer(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("projected_end_date", sa.Date(), nullable=True),
        sa.Column("completion_date", sa.Date(), nullable=True),
        sa.Column("projected_total", sa.BigInteger(), nullable=True),
        sa.Column("description", sa.String(length=200), nullable=True),
        sa.Column("details", sa.Text(), nullable=True),
        sa.Column("estimate_type", sa.String(length=15), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "estimate_type IS NULL OR estimate_type IN ('binding', 'non_binding', 'not_to_exceed')",
            name=op.f("ck_job_info_estimate_type"),
        ),
        sa.CheckConstraint(
            "status IN ('None', 'Pending', 'Awarded', 'In Progress', 'Closed', 'Not Awarded')",
            name=op.f("ck_job_info_status"),
        ),
        sa.ForeignKeyConstraint(
            ["foreman_id"], ["employees.id"], name=op.f("fk_job_info_foreman_id_employees")
        ),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["customer_jobs.id"],
            name=op.f("fk_job_info_job_id_customer_jobs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["job_type_id"], ["job_types.id"], name=op.f("fk_job_info_job_type_id_job_types")
        ),
        sa.PrimaryKeyConstraint("job_id", name=op.f("pk_job_info")),
    )
    with op.batch_alter_table("job_info", schema=None) as batch_op:
        batch_op.create_index("ix_job_info_status", ["status"], unique=False)

    op.create_table(
        "job_inventory_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("room", sa.String(length=60), nullable=True),
        sa.Column("item", sa.String(length=100), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("cubic_feet", sa.BigInteger(), nullable=False),
        sa.Column("weight", sa.BigInteger(), nullable=False),
        sa.Column("special_handling", sa.String(length=200), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["customer_jobs.id"],
            name=op.f("fk_job_inventory_items_job_id_customer_jobs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_inventory_items")),
    )
    with op.batch_alter_table("job_inventory_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_job_inventory_items_job_id"), ["job_id"], unique=False)

    op.create_table(
        "job_service_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("service", sa.String(length=100), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=True),
        sa.Column("rate", sa.BigInteger(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["customer_jobs.id"],
            name=op.f("fk_job_service_lines_job_id_customer_jobs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_service_lines")),
    )
    with op.batch_alter_table("job_service_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_job_service_lines_job_id"), ["job_id"], unique=False)

    op.create_table(
        "job_stops",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("line1", sa.String(length=200), nullable=True),
        sa.Column("line2", sa.String(length=200), nullable=True),
        sa.Column("city", sa.String(length=60), nullable=True),
        sa.Column("region", sa.String(length=60), nullable=True),
        sa.Column("postal_code", sa.String(length=20), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("floor", sa.String(length=10), nullable=True),
        sa.Column("stairs", sa.Integer(), nullable=True),
        sa.Column("has_elevator", sa.Boolean(), nullable=False),
        sa.Column("parking_distance", sa.String(length=60), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('pickup', 'delivery', 'extra')", name=op.f("ck_job_stops_kind")
        ),
        sa.ForeignKeyConstraint(
            ["job_id"],
            ["customer_jobs.id"],
            name=op.f("fk_job_stops_job_id_customer_jobs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_stops")),
    )
    with op.batch_alter_table("job_stops", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_job_stops_job_id"), ["job_id"], unique=False)

    op.create_table(
        "payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("node_id", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("payment_method_id", sa.Integer(), nullable=True),
        sa.Column("reference", sa.String(length=60), nullable=True),
        sa.Column("memo", sa.String(length=200), nullable=True),
        sa.Column("is_void", sa.Boolean(), nullable=False),
        sa.Column("void_reason", sa.String(length=200), nullable=True),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("voided_by", sa.String(length=100), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer_jobs.id"],
            name=op.f("fk_payments_customer_id_customer_jobs"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["node_id"],
            ["customer_jobs.id"],
            name=op.f("fk_payments_node_id_customer_jobs"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["payment_method_id"],
            ["payment_methods.id"],
            name=op.f("fk_payments_payment_method_id_payment_methods"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
    )
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.create_index("ix_payments_customer", ["customer_id", "received_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_payments_node_id"), ["node_id"], unique=False)

    op.create_table(
        "popup_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("on_open", sa.Boolean(), nullable=False),
        sa.Column("on_caller_id", sa.Boolean(), nullable=False),
        sa.Column("on_new_job", sa.Boolean(), nullable=False),
        sa.Column("on_billing", sa.Boolean(), nullable=False),
        sa.Column("only_when_overdue", sa.Boolean(), nullable=False),
        sa.Column("active_from", sa.Date(), nullable=True),
        sa.Column("active_until", sa.Date(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["customer_jobs.id"],
            name=op.f("fk_popup_notes_owner_id_customer_jobs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_popup_notes")),
    )
    with op.batch_alter_table("popup_notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_popup_notes_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "contact_log_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("node_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("contact_name", sa.String(length=100), nullable=True),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("details", sa.Text(), nullable=True),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.Column("employee_id", sa.Integer(), nullable=True),
        sa.Column("employee_name", sa.String(length=100), nullable=True),
        sa.Column("is_system", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('Call In', 'Call Out', 'Email', 'Text', 'Visit', 'Letter', 'Note', 'System')",
            name=op.f("ck_contact_log_entries_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_contact_log_entries_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer_jobs.id"],
            name=op.f("fk_contact_log_entries_customer_id_customer_jobs"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["employee_id"],
            ["employees.id"],
            name=op.f("fk_contact_log_entries_employee_id_employees"),
        ),
        sa.ForeignKeyConstraint(
            ["node_id"],
            ["customer_jobs.id"],
            name=op.f("fk_contact_log_entries_node_id_customer_jobs"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_log_entries")),
    )
    with op.batch_alter_table("contact_log_entries", schema=None) as batch_op:
        batch_op.create_index("ix_contact_log_at", ["at"], unique=False)
        batch_op.create_index("ix_contact_log_customer_at", ["customer_id", "at"], unique=False)
        batch_op.create_index("ix_contact_log_node_at", ["node_id", "at"], unique=False)

    op.create_table(
        "emails",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("normalized", sa.String(length=200), nullable=True),
        sa.Column("is_valid", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("kind IN ('main', 'cc', 'other')", name=op.f("ck_emails_kind")),
        sa.CheckConstraint(
            "(owner_id IS NULL) <> (contact_id IS NULL)", name=op.f("ck_emails_one_owner")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_emails_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["customer_jobs.id"],
            name=op.f("fk_emails_owner_id_customer_jobs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_emails")),
    )
    with op.batch_alter_table("emails", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_emails_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index("ix_emails_normalized", ["normalized"], unique=False)
        batch_op.create_index(batch_op.f("ix_emails_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "invoice_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("rate", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("is_taxable", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoices.id"],
            name=op.f("fk_invoice_lines_invoice_id_invoices"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice_lines")),
    )
    with op.batch_alter_table("invoice_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_invoice_lines_invoice_id"), ["invoice_id"], unique=False
        )

    op.create_table(
        "payment_applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("payment_id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("ck_payment_applications_positive")),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoices.id"],
            name=op.f("fk_payment_applications_invoice_id_invoices"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["payment_id"],
            ["payments.id"],
            name=op.f("fk_payment_applications_payment_id_payments"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payment_applications")),
        sa.UniqueConstraint(
            "payment_id", "invoice_id", name=op.f("uq_payment_applications_payment_id_invoice_id")
        ),
    )
    with op.batch_alter_table("payment_applications", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_payment_applications_invoice_id"), ["invoice_id"], unique=False
        )

    op.create_table(
        "phones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("as_typed", sa.String(length=60), nullable=False),
        sa.Column("extension", sa.String(length=10), nullable=True),
        sa.Column("e164", sa.String(length=20), nullable=True),
        sa.Column("digits_key", key_string(10), nullable=False),
        sa.Column("is_valid", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('main', 'alt', 'cell', 'fax', 'work', 'home', 'mobile', 'other')",
            name=op.f("ck_phones_kind"),
        ),
        sa.CheckConstraint(
            "(owner_id IS NULL) <> (contact_id IS NULL)", name=op.f("ck_phones_one_owner")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_phones_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["customer_jobs.id"],
            name=op.f("fk_phones_owner_id_customer_jobs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phones")),
    )
    with op.batch_alter_table("phones", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_phones_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index("ix_phones_digits_key", ["digits_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_phones_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "popup_acknowledgements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("node_id", sa.Integer(), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=False),
        sa.Column("employee_name", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["node_id"],
            ["customer_jobs.id"],
            name=op.f("fk_popup_acknowledgements_node_id_customer_jobs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["note_id"],
            ["popup_notes.id"],
            name=op.f("fk_popup_acknowledgements_note_id_popup_notes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_popup_acknowledgements")),
    )
    with op.batch_alter_table("popup_acknowledgements", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_popup_acknowledgements_note_id"), ["note_id"], unique=False
        )

    op.create_table(
        "contact_log_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("changed_by", sa.String(length=100), nullable=True),
        sa.Column("previous", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["contact_log_entries.id"],
            name=op.f("fk_contact_log_revisions_entry_id_contact_log_entries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_log_revisions")),
    )
    with op.batch_alter_table("contact_log_revisions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contact_log_revisions_entry_id"), ["entry_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("contact_log_revisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_log_revisions_entry_id"))

    op.drop_table("contact_log_revisions")
    with op.batch_alter_table("popup_acknowledgements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_popup_acknowledgements_note_id"))

    op.drop_table("popup_acknowledgements")
    with op.batch_alter_table("phones", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_phones_owner_id"))
        batch_op.drop_index("ix_phones_digits_key")
        batch_op.drop_index(batch_op.f("ix_phones_contact_id"))

    op.drop_table("phones")
    with op.batch_alter_table("payment_applications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_applications_invoice_id"))

    op.drop_table("payment_applications")
    with op.batch_alter_table("invoice_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoice_lines_invoice_id"))

    op.drop_table("invoice_lines")
    with op.batch_alter_table("emails", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_emails_owner_id"))
        batch_op.drop_index("ix_emails_normalized")
        batch_op.drop_index(batch_op.f("ix_emails_contact_id"))

    op.drop_table("emails")
    with op.batch_alter_table("contact_log_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_contact_log_node_at")
        batch_op.drop_index("ix_contact_log_customer_at")
        batch_op.drop_index("ix_contact_log_at")

    op.drop_table("contact_log_entries")
    with op.batch_alter_table("popup_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_popup_notes_owner_id"))

    op.drop_table("popup_notes")
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payments_node_id"))
        batch_op.drop_index("ix_payments_customer")

    op.drop_table("payments")
    with op.batch_alter_table("job_stops", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_job_stops_job_id"))

    op.drop_table("job_stops")
    with op.batch_alter_table("job_service_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_job_service_lines_job_id"))

    op.drop_table("job_service_lines")
    with op.batch_alter_table("job_inventory_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_job_inventory_items_job_id"))

    op.drop_table("job_inventory_items")
    with op.batch_alter_table("job_info", schema=None) as batch_op:
        batch_op.drop_index("ix_job_info_status")

    op.drop_table("job_info")
    with op.batch_alter_table("job_figure_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_job_figure_lines_job_id"))

    op.drop_table("job_figure_lines")
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_index("ix_invoices_node")
        batch_op.drop_index("ix_invoices_customer_status")

    op.drop_table("invoices")
    op.drop_table("custom_field_values")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_owner_id"))

    op.drop_table("contacts")
    op.drop_table("addresses")
    with op.batch_alter_table("customer_jobs", schema=None) as batch_op:
        batch_op.drop_index("ix_customer_jobs_parent_sort")
        batch_op.drop_index("ix_customer_jobs_customer")

    op.drop_table("customer_jobs")
    op.drop_table("terms")
    op.drop_table("tax_codes")
    op.drop_table("payment_methods")
    op.drop_table("office_settings")
    op.drop_table("list_items")
    op.drop_table("job_types")
    op.drop_table("employees")
    op.drop_table("custom_field_defs")
