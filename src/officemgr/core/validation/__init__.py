"""Qt-free checks for what users type: phone numbers, emails, names (and a person's
name split into its parts), Title Case, and the card-data guard.

Nothing here throws away input: phones and emails that do not check out come back as
typed with a warning; only names that cannot be stored raise `ValidationError`. The one
exception is card data: `remove_card_data` (applied by `check_text` and
`check_node_name`, so to every free-text field the services store) reduces a full card
number to "card ending NNNN" and removes a card security code.
"""

from officemgr.core.validation.card_numbers import (
    CARD_DATA_NOTICE,
    CardDataRemoved,
    card_brand,
    luhn_ok,
    remove_card_data,
)
from officemgr.core.validation.emails import EmailAddress, check_email
from officemgr.core.validation.names import (
    MAX_NAME_LENGTH,
    PersonName,
    check_node_name,
    check_text,
    default_customer_name,
    split_person_name,
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
    "CARD_DATA_NOTICE",
    "MAX_NAME_LENGTH",
    "CallerIdQuery",
    "CardDataRemoved",
    "EmailAddress",
    "PersonName",
    "PhoneNumber",
    "TitleCaseMode",
    "caller_id_query",
    "card_brand",
    "check_email",
    "check_node_name",
    "check_text",
    "default_customer_name",
    "format_for_display",
    "luhn_ok",
    "parse_phone",
    "remove_card_data",
    "split_person_name",
    "suggest_title_case",
    "title_case",
]
