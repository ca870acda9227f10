"""Qt-free checks for what users type: phone numbers, emails, names, Title Case.

Nothing here throws away input: phones and emails that do not check out come back as
typed with a warning; only names that cannot be stored raise `ValidationError`.
"""

from officemgr.core.validation.emails import EmailAddress, check_email
from officemgr.core.validation.names import (
    MAX_NAME_LENGTH,
    check_node_name,
    check_text,
    default_customer_name,
)
from officemgr.core.validation.phones import (
    CallerIdQuery,
    PhoneNumber,
    caller_id_query,
    format_for_display,
    parse_phone,
)
from officemgr.core.validation.titlecase import TitleCaseMode, suggest_title_case, title_case

__all__ = [
    "MAX_NAME_LENGTH",
    "CallerIdQuery",
    "EmailAddress",
    "PhoneNumber",
    "TitleCaseMode",
    "caller_id_query",
    "check_email",
    "check_node_name",
    "check_text",
    "default_customer_name",
    "format_for_display",
    "parse_phone",
    "suggest_title_case",
    "title_case",
]
