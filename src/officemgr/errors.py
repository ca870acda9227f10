"""Domain errors: every message is a sentence a user can read, never a traceback.

Everything the program raises on purpose is an `OfficeMgrError`, so the window and the
command line can show ``str(error)`` and carry on.
"""

from __future__ import annotations


class OfficeMgrError(Exception):
    """Base of every error OfficeMgr raises on purpose."""


class CompanyFileError(OfficeMgrError):
    """The company file cannot be used: missing folder, damaged, foreign, newer, locked."""


class CompanyBusyError(CompanyFileError):
    """Another window or desk held the company file longer than the busy timeout: nothing
    was saved (or read); trying again in a moment may well work."""


class CompanyLoginError(CompanyFileError):
    """The server did not let this user in: a wrong or missing password, or a user the
    server does not know. Asking again for the user name and password may work."""


class CompanyDamagedError(CompanyFileError):
    """SQLite found the company file damaged ("malformed", "not a database"). Nothing more
    is written to it; Verify Data says what is wrong, a backup puts it right."""

    def __init__(self, message: str, *, path: object = None) -> None:
        super().__init__(message)
        self.path = path


class NotFoundError(OfficeMgrError):
    """A record asked for by id or name does not exist (any more)."""


class ValidationError(OfficeMgrError):
    """Input that cannot be stored as given; `field` names the form field at fault."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class DuplicateError(ValidationError):
    """A value that must be unique (full name, account number) is already used."""

    def __init__(self, message: str, *, field: str | None = None, existing_id: int | None = None):
        super().__init__(message, field=field)
        self.existing_id = existing_id


class ConflictError(OfficeMgrError):
    """Someone else saved the record after it was read: the save was refused, not merged."""

    def __init__(self, message: str, *, record_id: int | None = None) -> None:
        super().__init__(message)
        self.record_id = record_id


class HasHistoryError(OfficeMgrError):
    """A record with history (log entries, invoices, payments) cannot be deleted."""


class CreditHoldError(OfficeMgrError):
    """Billable work for a customer on credit hold (or over its credit limit) needs an
    explicit override and a reason; ``check`` is the `records.CreditCheck` that said so."""

    def __init__(self, message: str, *, check: object = None) -> None:
        super().__init__(message)
        self.check = check
