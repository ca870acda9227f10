"""The fixed choices and lengths of a company file, without the ORM.

The models (``core.models``) build their columns and CHECK constraints from these; the
window fills its combo boxes from them and the reports check their options against
them. Importing this module costs nothing (no SQLAlchemy), so the window and the
command line may use it before the database layer is loaded.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "ADDRESS_KINDS",
    "CLOSED_JOB_STATUSES",
    "CONTACT_METHODS",
    "EMAIL_KINDS",
    "ESTIMATE_TYPES",
    "FIELD_APPLIES_TO",
    "FIELD_TYPES",
    "FIGURE_PHASES",
    "INVOICE_STATUSES",
    "JOB_STATUSES",
    "LOG_KINDS",
    "LONG",
    "MAX_DEPTH",
    "NAME_LENGTH",
    "PAYMENT_KINDS",
    "PHONE_KINDS",
    "POPUP_REPEATS",
    "SEARCH_MODES",
    "SEARCH_MODE_LABELS",
    "SHORT",
    "SHOWS",
    "SHOW_LABELS",
    "SIMPLE_LISTS",
    "STOP_KINDS",
    "TITLE_CASE_MODES",
    "SearchMode",
    "Show",
    "as_search_mode",
    "as_show",
]

MAX_DEPTH = 5  # Customer:Job:Sub-job … five levels, the customer being the first
NAME_LENGTH = 100
SHORT = 60
LONG = 200

JOB_STATUSES = ("None", "Pending", "Awarded", "In Progress", "Closed", "Not Awarded")
CLOSED_JOB_STATUSES = ("Closed", "Not Awarded")  # a job in any other status is open
# When an acknowledged pop-up note shows again at the desk that acknowledged it: on every
# opening, the next day, or only once the note is changed. (Caller-ID notes: every call.)
POPUP_REPEATS = ("every_open", "daily", "until_changed")
LOG_KINDS = ("Call In", "Call Out", "Email", "Text", "Visit", "Letter", "Note", "System")
CONTACT_METHODS = ("phone", "cell", "text", "email", "none")
ADDRESS_KINDS = ("bill_to", "work")
PHONE_KINDS = ("main", "alt", "cell", "fax", "work", "home", "mobile", "other")
EMAIL_KINDS = ("main", "cc", "other")
ESTIMATE_TYPES = ("binding", "non_binding", "not_to_exceed")
FIGURE_PHASES = ("estimate", "final")
STOP_KINDS = ("pickup", "delivery", "extra")
INVOICE_STATUSES = ("open", "paid", "void")
FIELD_TYPES = ("text", "number", "date", "yes_no", "choice")
FIELD_APPLIES_TO = ("customer", "job", "both")
SIMPLE_LISTS = ("customer_type", "department", "marketing_source", "price_level")
PAYMENT_KINDS = ("cash", "check", "card", "ach", "other")
TITLE_CASE_MODES = ("off", "suggest", "automatic")

# Which customers and jobs a list shows: the tree, the quick filter, search, the API.
Show = Literal["active", "inactive", "all", "prospects"]
SHOWS: tuple[Show, ...] = get_args(Show)
SHOW_LABELS: dict[Show, str] = {
    "active": "Active",
    "inactive": "Inactive",
    "all": "All",
    "prospects": "Prospects",
}


# How the quick filter's text must match a name.
SearchMode = Literal["contains", "starts_with", "equals"]
SEARCH_MODES: tuple[SearchMode, ...] = get_args(SearchMode)
SEARCH_MODE_LABELS: dict[SearchMode, str] = {
    "contains": "Contains",
    "starts_with": "Starts with",
    "equals": "Equals",
}


def as_show(value: object) -> Show | None:
    """``value`` as a `Show`, or None when it is not one."""
    return next((known for known in SHOWS if isinstance(value, str) and value == known), None)


def as_search_mode(value: object) -> SearchMode | None:
    """``value`` as a `SearchMode`, or None when it is not one."""
    return next(
        (known for known in SEARCH_MODES if isinstance(value, str) and value == known), None
    )
