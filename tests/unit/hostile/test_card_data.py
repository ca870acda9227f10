"""Card data: a full card number typed in keeps its brand and last four only.

The full number (with or without spaces and dashes) and any CVV-looking value must never
reach the company file, its -wal/-shm, any backup or any log file — the tests search the
bytes of all of them. That holds for the card-number field and for every free-text field
(names, notes, phones, emails, addresses, log entries, pop-up notes, invoices, payments,
job work), where a number is kept as "card ending NNNN" and a labelled security code is
dropped. Company files and backups are readable by their user only (POSIX).
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import stat
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from officemgr import Company
from officemgr.app import configure_logging
from officemgr.cli import main as cli_main
from officemgr.core import paths
from officemgr.core.backup import make_backup
from officemgr.errors import ValidationError

# Test numbers of each brand (they pass the Luhn check); the last is one digit off.
CARDS = {
    "4111 1111 1111 1111": ("Visa", "1111"),
    "5555-5555-5555-4444": ("MasterCard", "4444"),
    "3782 822463 10005": ("American Express", "0005"),
    "6011111111111117": ("Discover", "1117"),
}
TYPED_IN_FORM = "4012 8888 8888 1881"  # Visa, typed through the Payment Info tab
BAD_LUHN = "4111 1111 1111 1112"
CVVS = ("737", "4921")
UTF16 = ("utf-16-le", "utf-16-be")


def spellings(number: str) -> set[bytes]:
    """The number as it might sit in a file: digits only, with spaces or dashes, any
    usual encoding (UTF-8 is ASCII for digits; UTF-16 in case anything wrote that)."""
    digits = "".join(ch for ch in number if ch.isdigit())
    forms = {digits, number, number.replace(" ", "-"), number.replace("-", " ")}
    return {f.encode(codec) for f in forms for codec in ("ascii", *UTF16)}


def files_to_search(company_file: Path, *folders: Path) -> list[Path]:
    """The company file, its -wal and -shm, and every file under ``folders``."""
    found = [
        p
        for p in (
            company_file,
            company_file.with_name(company_file.name + "-wal"),
            company_file.with_name(company_file.name + "-shm"),
        )
        if p.exists()
    ]
    for folder in folders:
        found += [p for p in folder.rglob("*") if p.is_file()]
    return found


def assert_never_written(numbers: list[str], files: list[Path]) -> None:
    assert files
    for path in files:
        data = path.read_bytes()
        for number in numbers:
            for spelled in spellings(number):
                assert spelled not in data, f"{spelled!r} found in {path}"


# Three or four digits turn up by chance in any file (a timestamp's milliseconds), so a
# CVV is looked for in what the file and the log say, with their timestamps left out.
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?")


def texts_of(path: Path) -> list[str]:
    """Every text value of a company file or backup (WAL included), or a log's lines."""
    if path.suffix == ".log" or ".log." in path.name:
        lines = path.read_text(encoding="utf-8").splitlines()
        return [TIMESTAMP.sub("", line) for line in lines]
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE '%VIRTUAL%'"
            )
        ]
        values = [v for t in tables for row in conn.execute(f'SELECT * FROM "{t}"') for v in row]
    finally:
        conn.close()
    return [TIMESTAMP.sub("", v) for v in values if isinstance(v, str)]


def assert_cvv_never_written(cvvs: tuple[str, ...], sources: list[Path]) -> None:
    texts = [text for source in sources for text in texts_of(source)]
    assert texts
    for cvv in cvvs:
        # As a number of its own: "737" inside a timestamp's "737821" microseconds is not it.
        alone = re.compile(rf"(?<!\d){cvv}(?!\d)")
        assert not [t for t in texts if alone.search(t)], cvv


@pytest.fixture
def app_log(isolated_user_folders: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The app's own log, configured as the program does, in this test's user folders."""
    logger = logging.getLogger("officemgr")
    monkeypatch.setattr(logger, "handlers", [])  # a handler of another test's folder goes
    monkeypatch.setattr(logger, "level", logger.level)
    configure_logging()
    (handler,) = logger.handlers
    assert isinstance(handler, logging.FileHandler)
    yield paths.log_dir()
    handler.close()


def log_folder_has_lines(folder: Path) -> bool:
    for handler in logging.getLogger("officemgr").handlers:
        handler.flush()
    return any(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def test_api_keeps_brand_and_last_four_only(
    company: Any, app_log: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    co = company
    log = logging.getLogger("officemgr")
    ids = []
    for number, (brand, last4) in CARDS.items():
        customer = co.customers.add(name=f"Card {brand}", card_number=number).id
        ids.append(customer)
        detail = co.customers.get(customer)
        assert (detail.card_brand, detail.card_last4) == (brand, last4)
        assert number not in repr(detail)
        log.info("Saved the payment info of %s.", detail.full_name)
    # Changing the card replaces the kept digits; it never adds the full number.
    again = co.customers.update(ids[0], card_number="5555 5555 5555 4444")
    assert (again.card_brand, again.card_last4) == ("MasterCard", "4444")

    # A mistyped number and CVV-looking values are refused, and never echoed back.
    for wrong in (BAD_LUHN, *CVVS):
        with pytest.raises(ValidationError) as refused:
            co.customers.update(ids[1], card_number=wrong)
        assert refused.value.field == "card_number"
        assert "".join(wrong.split()) not in str(refused.value).replace(" ", "")
        log.warning("%s: %s", type(refused.value).__name__, refused.value)
    for field in ("cvv", "cvc", "card_cvv", "card_security_code"):
        with pytest.raises(ValidationError) as no_such_field:
            co.customers.update(ids[1], **{field: CVVS[0]})
        assert no_such_field.value.field == field
    with pytest.raises(ValidationError):
        co.customers.update(ids[1], card_last4="4111111111111111")
    assert co.customers.get(ids[1]).card_last4 == "4444"

    backups = tmp_path / "backups"
    assert cli_main(["backup", "--db", str(co.path), "--to", str(backups)]) == 0
    make_backup(co.path)  # and one in the user's backup folder
    assert "Backed up to" in capsys.readouterr().out
    assert log_folder_has_lines(app_log)

    files = files_to_search(co.path, backups, paths.backup_dir(), app_log)
    assert len(files) >= 4  # company file, its WAL, two backups, the log
    assert_never_written([*CARDS, BAD_LUHN], files)
    databases = [co.path, *backups.iterdir(), *paths.backup_dir().iterdir()]
    assert_cvv_never_written(CVVS, [*databases, *app_log.rglob("*.log*")])
    # The searches see what was stored: the customers' names are found both ways.
    assert b"Card Visa" in co.path.read_bytes() + (
        co.path.with_name(co.path.name + "-wal").read_bytes()
    )
    assert any("Card Visa" in text for text in texts_of(co.path))


def test_payment_info_tab_keeps_brand_and_last_four_only(
    company: Any, app_log: Path, tmp_path: Path, qtbot: Any
) -> None:
    """A dispatcher types a full number, saves, then types a CVV by mistake and saves."""
    pytest.importorskip("PySide6")
    from PySide6.QtCore import QSettings, Qt

    from officemgr.ui.changes import ChangeHub
    from officemgr.ui.customers.form import CustomerJobForm
    from officemgr.ui.preferences import set_current_employee

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    set_current_employee("Dana")
    co = company
    customer = co.customers.add(name="Smith, John").id
    form = CustomerJobForm(co, ChangeHub())
    qtbot.addWidget(form)
    form.resize(1000, 760)
    form.show()
    qtbot.waitExposed(form)
    form.load(customer)
    tab = form.payment_tab
    card = tab.form.card_number_edit
    form.tabs.setCurrentWidget(tab)

    def type_card(text: str) -> None:
        card.setFocus()
        qtbot.waitUntil(card.hasFocus)
        card.selectAll()
        qtbot.keyClicks(card, text)
        qtbot.keyClick(card, Qt.Key.Key_Tab)

    type_card(TYPED_IN_FORM)
    assert card.text() == "•••• 1881"  # masked as soon as the field is left
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.header.save_button, Qt.MouseButton.LeftButton)
    stored = co.customers.get(customer)
    assert (stored.card_brand, stored.card_last4) == ("Visa", "1881")
    assert card.text() == "•••• 1881"

    for cvv in CVVS:  # typed into the card field by mistake: refused at the field
        type_card(cvv)
        with qtbot.assertNotEmitted(form.saved):
            qtbot.mouseClick(form.header.save_button, Qt.MouseButton.LeftButton)
        assert form.is_dirty
        assert "12 to 19 digits" in tab.messages["card_number"].text
        assert co.customers.get(customer).card_last4 == "1881"
    form.clear()  # drops the refused digits, as Discard would

    # Whatever the program holds about the card, written to its log.
    logging.getLogger("officemgr").info("Saved %r", co.customers.get(customer))
    backup = make_backup(co.path, to_dir=tmp_path / "backups")
    assert log_folder_has_lines(app_log)
    files = files_to_search(co.path, backup.parent, paths.backup_dir(), app_log)
    assert_never_written([TYPED_IN_FORM], files)
    assert_cvv_never_written(CVVS, [co.path, backup, *app_log.rglob("*.log*")])


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_company_files_and_backups_are_for_their_user_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    usual = os.umask(0o022)  # files would be readable by everyone if they followed it
    modes: dict[str, int] = {}
    try:
        path = tmp_path / "Private.officemgr"
        with Company.open(path) as co:
            co.customers.add(name="Private", card_number="4111 1111 1111 1111")
            assert cli_main(["backup", "--db", str(path), "--to", str(tmp_path / "b")]) == 0
            made = [
                path,
                path.with_name(path.name + "-wal"),  # they exist while the file is open
                path.with_name(path.name + "-shm"),
                make_backup(path),
                *(tmp_path / "b").iterdir(),
            ]
            modes = {str(file): stat.S_IMODE(file.stat().st_mode) for file in made}
    finally:
        os.umask(usual)
    assert len(modes) == 5
    assert modes == dict.fromkeys(modes, 0o600), {k: f"{v:o}" for k, v in modes.items()}


# ------------------------------------------------------------ free-text fields

# Typed into every free-text field, each number in a sentence of its own, with a CVV.
FREE_TEXT_CVVS = ("CVV 737", "security code 4921")


def typed(number: str, cvv: str = "", before: str = "") -> str:
    """What a dispatcher types: the number in a sentence, maybe with a security code."""
    return f"{before}{number} {cvv}".strip()


def test_free_text_fields_keep_card_ending_only(
    company: Any, app_log: Path, tmp_path: Path
) -> None:
    """A card number typed into any free-text field through the API is kept as "card
    ending NNNN", and a labelled security code is dropped: neither is in the company file,
    its -wal/-shm, a backup or the log."""
    co = company
    log = logging.getLogger("officemgr")
    numbers = list(CARDS)
    visa, mastercard, amex, discover = numbers
    # Bare numbers where a field holds 20 characters ("card ending 1111" has 16).
    text_field = co.lists.add_custom_field(name="Gate notes", field_type="text").id
    number_field = co.lists.add_custom_field(name="Meter reading", field_type="number").id
    customer = co.customers.add(
        name=typed(visa, before="Pay "),
        company_name=typed(mastercard, FREE_TEXT_CVVS[0], "Co "),
        first_name=typed(amex),
        last_name=typed(discover),
        salutation=typed(discover.replace(" ", "")),
        phone=visa,
        alt_phone=typed(mastercard, FREE_TEXT_CVVS[1]),
        cell=amex,
        fax=discover,
        email=f"{visa.replace(' ', '')}@example.com",
        bill_to={
            "line1": typed(visa, FREE_TEXT_CVVS[0], "12 Oak St "),
            "line2": typed(mastercard),
            "city": typed(amex),
            "region": typed(discover),
            "postal_code": discover.replace(" ", ""),
        },
        work={"line1": typed(mastercard, before="Rear door "), "city": typed(visa)},
    ).id
    co.customers.update(
        customer,
        cc_email=f"billing {mastercard}@example.com",
        notepad="Called in.\n" + typed(amex, FREE_TEXT_CVVS[0], "Card: ") + "\nexp 12/28",
        card_holder=typed(visa, before="John Smith "),
        card_brand=discover.replace(" ", ""),
        account_number=typed(mastercard),
        resale_number=typed(amex),
        pronounced=typed(visa),
        website=typed(discover, before="www.example.com/"),
        alt_contact_name=typed(mastercard),
        billing_postal_code=visa.replace(" ", ""),
        custom_fields={text_field: typed(amex, FREE_TEXT_CVVS[1], "Code: ")},
    )
    bare = visa.replace(" ", "")
    for number in (bare, f"{bare}.00", "4.111111111111111e15", Decimal(bare), int(bare)):
        with pytest.raises(ValidationError) as refused:  # a number field keeps digits only
            co.customers.update(customer, custom_fields={number_field: number})
        assert refused.value.field == f"custom_fields.{number_field}"
        assert "card number" in str(refused.value)
    for number in ("1e999999999", "4111111111111112", "12345.5"):  # numbers, not cards
        co.customers.update(customer, custom_fields={number_field: number})
        assert co.customers.get(customer).custom_fields[number_field] == Decimal(number)

    job = co.jobs.add(
        parent=customer,
        name=typed(mastercard, before="Furnace "),
        title=typed(visa),
        description=typed(amex, FREE_TEXT_CVVS[0]),
        details=typed(discover, FREE_TEXT_CVVS[1], "Paid by card\n"),
        notepad=typed(visa, before="Job notes "),
    ).id
    co.jobs.add_service(job, service=typed(visa, before="Service "), notes=typed(amex))
    co.jobs.add_stop(job, line1=typed(mastercard), notes=typed(discover, FREE_TEXT_CVVS[0]))
    co.jobs.add_inventory_item(
        job, item=typed(amex), room=typed(visa), special_handling=typed(mastercard)
    )
    co.jobs.add_figure_line(job, phase="estimate", description=typed(discover), rate="10")

    contact = co.contacts.add(
        owner=customer,
        name=typed(visa, before="Mary "),
        role=typed(mastercard),
        phone=amex,
        email=f"{discover.replace(' ', '')}@example.com",
        notes=typed(visa, FREE_TEXT_CVVS[1], "Her card "),
    )
    entry = co.contact_log.add(
        owner=job,
        kind="Call In",
        subject=typed(amex, FREE_TEXT_CVVS[0], "Paying by card "),
        details=typed(mastercard, FREE_TEXT_CVVS[1], "Read out the card\n"),
        contact=typed(discover),
        employee="Dana",
    )
    co.contact_log.correct(entry.id, by="Dana", subject=typed(visa, FREE_TEXT_CVVS[0]))
    co.popups.add(owner=customer, text=typed(discover, FREE_TEXT_CVVS[1], "Card on file "))
    invoice = co.invoices.add(
        node=job,
        lines=[{"description": typed(visa, FREE_TEXT_CVVS[0], "Repair "), "rate": "120"}],
        memo=typed(mastercard, before="Charge "),
    )
    co.payments.add(
        customer=customer,
        amount="20",
        reference=typed(amex.replace(" ", "")),
        memo=typed(discover, FREE_TEXT_CVVS[0], "Card "),
    )
    co.customers.place_credit_hold(customer, reason=typed(visa, before="Card declined "), by="Dana")
    co.lists.add_item(list_kind="customer_type", name=typed(mastercard))
    co.settings.update(company_name=typed(amex, before="Acme "))

    # What was kept: the last four, where the number was.
    detail = co.customers.get(customer)
    assert detail.name == "Pay card ending 1111"
    assert detail.company_name == "Co card ending 4444 CVV removed"
    assert detail.notepad == "Called in.\nCard: card ending 0005 CVV removed\nexp 12/28"
    assert detail.phone.as_typed == "card ending 1111" and not detail.phone.is_valid
    assert detail.card_last4 is None  # free text never fills the card fields
    assert co.invoices.get(invoice.id).memo == "Charge card ending 4444"
    assert co.contacts.get(contact.id).notes == "Her card card ending 1111 security code removed"
    # Whatever the program holds, written to its log.
    for record in (
        detail,
        co.jobs.get(job),
        co.contacts.list_for(customer),
        co.contact_log.list_for(job),
        co.contact_log.revisions(entry.id),
        co.popups.list_for(customer),
        co.invoices.list_for(customer),
        co.payments.list_for(customer),
        co.lists.all(),
        co.settings.get(),
    ):
        log.info("Saved %r", record)

    backups = tmp_path / "backups"
    made = [make_backup(co.path, to_dir=backups), make_backup(co.path)]
    assert all(backup.exists() for backup in made)
    assert log_folder_has_lines(app_log)
    files = files_to_search(co.path, backups, paths.backup_dir(), app_log)
    assert len(files) >= 4  # company file, its WAL, two backups, the log
    assert_never_written(numbers, files)
    assert_cvv_never_written(CVVS, [co.path, *made, *app_log.rglob("*.log*")])
    # The searches see what was stored: "card ending" is found in the file and the log.
    stored = [text for text in texts_of(co.path) if "card ending" in text]
    assert len(stored) >= 40, stored
    assert any("card ending 0005" in line for line in texts_of(next(app_log.rglob("*.log"))))


def test_normal_text_in_free_text_fields_is_kept_as_typed(company: Any) -> None:
    """Phone numbers, dates, invoice numbers, ZIP codes and Luhn-invalid numbers are
    stored exactly as typed."""
    co = company
    notes = (
        "Called (555) 201-3344 on 2026-11-02 about INV-10023; ZIP 45402-1234.\n"
        f"The number {BAD_LUHN} did not go through; gate security code 4921."
    )
    customer = co.customers.add(name="Smith, John 45402", alt_phone="+1 555-201-3344 x12").id
    co.customers.update(customer, notepad=notes, account_number="4111 1111 1111")
    detail = co.customers.get(customer)
    assert detail.notepad == notes
    assert detail.name == "Smith, John 45402"
    assert detail.account_number == "4111 1111 1111"
    assert detail.alt_phone.is_valid
