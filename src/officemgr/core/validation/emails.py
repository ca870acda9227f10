"""Email addresses: checked for shape only; a bad one is a warning, never lost input."""

from __future__ import annotations

from dataclasses import dataclass, field

from email_validator import validate_email

__all__ = ["EmailAddress", "check_email"]


@dataclass(frozen=True)
class EmailAddress:
    """An email address as typed, with its normalized form when its shape is right."""

    as_typed: str
    normalized: str | None
    is_valid: bool
    warning: str | None
    # Why it is not an address, as a clause ("an email address must have an @-sign."),
    # for a message that shows the address elsewhere (beside the field holding it).
    reason: str | None = field(default=None, compare=False)


def _as_clause(reason: str) -> str:
    # email_validator writes whole sentences; lower the first letter so the reason reads
    # as the end of our sentence, unless it starts an acronym or quoted token.
    if len(reason) >= 2 and reason[0].isupper() and reason[1].islower():
        return reason[0].lower() + reason[1:]
    return reason


def check_email(text: str) -> EmailAddress:
    """Check the shape of ``text`` as an email address; no DNS lookup, never raises."""
    as_typed = text.strip()
    if not as_typed:
        return EmailAddress(as_typed="", normalized=None, is_valid=False, warning=None)
    try:
        result = validate_email(as_typed, check_deliverability=False)
    except ValueError as exc:
        # EmailNotValidError is a ValueError; so are the odd codec errors (UnicodeError)
        # that unusual input can raise from deeper down.
        reason = _as_clause(str(exc).strip()) or "it has the wrong shape."
        if not reason.endswith("."):
            reason += "."
        return EmailAddress(
            as_typed=as_typed,
            normalized=None,
            is_valid=False,
            warning=f"“{as_typed}” does not look like an email address: {reason}",
            reason=reason,
        )
    return EmailAddress(
        as_typed=as_typed, normalized=result.normalized, is_valid=True, warning=None
    )
