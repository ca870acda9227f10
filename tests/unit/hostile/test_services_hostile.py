"""Hostile and odd input through the services: stored and read back exactly, or refused
with a field and a sentence and nothing written — never another exception.

Every test runs its examples on one company file (the `company` fixture), checks each
call with `Probe.attempt` (see conftest.py) and, at the end, that both outcomes occurred,
so a service that refused everything, or accepted everything, would fail.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from officemgr.core.keys import fold
from officemgr.core.records import money
from officemgr.core.validation import default_customer_name
from officemgr.errors import ValidationError

EXAMPLES = 300
RUN = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # no example files written beside the project
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
NAME, SHORT, LONG, NOTES = 100, 60, 200, 100_000
MB = 1_000_000


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def expect(
    given: dict[str, Any], limits: dict[str, tuple[int, bool]], odd: Any
) -> tuple[dict[str, Any], set[str]]:
    """(what each text field keeps, the fields that must be refused)."""
    kept: dict[str, Any] = {}
    bad: set[str] = set()
    for field, (max_length, multiline) in limits.items():
        try:
            kept[field] = odd.stored_text(given[field], max_length=max_length, multiline=multiline)
        except ValueError:
            bad.add(field)
    return kept, bad


def finish(probe: Any) -> None:
    """Both outcomes happened: the examples reached storing and refusing alike."""
    stored, refused = probe.tally["stored"], probe.tally["refused"]
    print(f"\n{stored} stored, {refused} refused:", dict(probe.tally))  # pytest -s shows it
    assert stored > 0 and refused > 0, probe.tally


# ---------------------------------------------------------------------- customers

CUSTOMER_TEXTS = {
    "company_name": (NAME, False),
    "first_name": (SHORT, False),
    "last_name": (SHORT, False),
    "notepad": (NOTES, True),
    "phone": (SHORT, False),
    "email": (LONG, False),
}
ADDRESS_TEXTS = {"bill_to.line1": (LONG, False), "bill_to.city": (SHORT, False)}


def test_customers_add_stores_exactly_or_refuses(company: Any, probe: Any, odd: Any) -> None:
    co = company
    text = optional(odd.any_text())

    @RUN
    @given(
        name=optional(odd.some_text()),
        company_name=text,
        first_name=text,
        last_name=text,
        notepad=optional(st.one_of(odd.any_text(), odd.long_text(NOTES))),
        phone=text,
        email=text,
        line1=text,
        city=text,
    )
    def run(name: str | None, line1: str | None, city: str | None, **fields: Any) -> None:
        kept, bad = expect(fields, CUSTOMER_TEXTS, odd)
        address, bad_parts = expect(
            {"bill_to.line1": line1, "bill_to.city": city}, ADDRESS_TEXTS, odd
        )
        bad |= bad_parts
        typed = name
        if typed is None or not typed.strip():
            typed = default_customer_name(
                first_name=fields["first_name"],
                last_name=fields["last_name"],
                company_name=fields["company_name"],
            )
        try:
            expected_name = odd.stored_name(typed)
            if co.customers.find_duplicates(name=expected_name):
                bad.add("name")
        except ValueError:
            bad.add("name")

        result = probe.attempt(
            lambda: co.customers.add(name=name, bill_to={"line1": line1, "city": city}, **fields),
            fields=bad,
        )
        if isinstance(result, ValidationError):
            return
        detail = co.customers.get(result.id)
        assert detail.name == result.name == expected_name
        for field in ("company_name", "first_name", "last_name", "notepad"):
            assert getattr(detail, field) == kept[field], field
        assert (detail.phone.as_typed if detail.phone else None) == kept["phone"]
        assert (detail.email.address if detail.email else None) == kept["email"]
        stored_address = (
            (detail.bill_to.line1, detail.bill_to.city) if detail.bill_to else (None, None)
        )
        assert stored_address == (address["bill_to.line1"], address["bill_to.city"])

    run()
    finish(probe)


UPDATE_MONEY = {"credit_limit": False, "opening_balance": True}  # field: may be negative


def test_customers_update_stores_exactly_or_changes_nothing(
    company: Any, probe: Any, odd: Any
) -> None:
    co = company
    customer = co.customers.add(name="Hostile Update").id
    text = optional(odd.any_text())

    @RUN
    @given(
        name=odd.some_text(),
        company_name=text,
        notepad=optional(odd.any_text()),
        phone=text,
        credit_limit=odd.any_number,
        opening_balance=odd.any_number,
        opening_balance_date=odd.any_date,
    )
    def run(name: str, credit_limit: Any, opening_balance: Any, **fields: Any) -> None:
        kept: dict[str, Any] = {}
        bad: set[str] = set()
        for field in ("company_name", "notepad", "phone"):
            max_length, multiline = CUSTOMER_TEXTS[field]
            try:
                kept[field] = odd.stored_text(
                    fields[field], max_length=max_length, multiline=multiline
                )
            except ValueError:
                bad.add(field)
        try:
            kept["name"] = odd.stored_name(name)
        except ValueError:
            bad.add("name")
        amounts = {"credit_limit": credit_limit, "opening_balance": opening_balance}
        for field, negative_ok in UPDATE_MONEY.items():
            try:
                kept[field] = odd.stored_decimal(amounts[field], 2, allow_negative=negative_ok)
            except ValueError:
                bad.add(field)
        kept["opening_balance"] = kept.get("opening_balance") or Decimal(0)
        when = fields["opening_balance_date"]
        try:
            kept["opening_balance_date"] = (
                date.fromisoformat(when.strip()) if isinstance(when, str) and when else when or None
            )
        except ValueError:
            bad.add("opening_balance_date")
        if kept["opening_balance"] and kept.get("opening_balance_date") is None:
            kept["opening_balance_date"] = date.today()  # counted and aged from today

        before = co.customers.get(customer)
        result = probe.attempt(
            lambda: co.customers.update(customer, name=name, **amounts, **fields), fields=bad
        )
        after = co.customers.get(customer)
        if isinstance(result, ValidationError):
            assert after == before
            return
        assert after == result
        assert after.name == kept["name"]
        for field in ("company_name", "notepad", *UPDATE_MONEY, "opening_balance_date"):
            assert getattr(after, field) == kept[field], field
        assert (after.phone.as_typed if after.phone else None) == kept["phone"]
        assert after.balance == after.opening_balance

    run()
    finish(probe)


# ----------------------------------------------------------------------- contacts

CONTACT_TEXTS = {
    "name": (NAME, False),
    "role": (SHORT, False),
    "phone": (SHORT, False),
    "email": (LONG, False),
    "notes": (NOTES, True),
}


def test_contacts_add_stores_exactly_or_refuses(company: Any, probe: Any, odd: Any) -> None:
    co = company
    owner = co.customers.add(name="Hostile Contacts").id
    text = optional(odd.any_text())

    @RUN
    @given(
        name=odd.some_text(),
        role=text,
        phone=text,
        email=text,
        notes=optional(st.one_of(odd.any_text(), odd.long_text(NOTES))),
    )
    def run(**fields: Any) -> None:
        kept, bad = expect(fields, CONTACT_TEXTS, odd)
        if kept.get("name", "") is None:
            bad.add("name")  # a contact needs a name
        if "phone" in bad:  # the contact's phones are one field, "phones"
            bad.add("phones")
        result = probe.attempt(lambda: co.contacts.add(owner=owner, **fields), fields=bad)
        if isinstance(result, ValidationError):
            return
        stored = co.contacts.get(result.id)
        assert stored == result
        assert (stored.name, stored.role, stored.notes) == (
            kept["name"],
            kept["role"],
            kept["notes"],
        )
        assert tuple(p.as_typed for p in stored.phones) == tuple(filter(None, [kept["phone"]]))
        assert tuple(e.address for e in stored.emails) == tuple(filter(None, [kept["email"]]))

    run()
    finish(probe)


# -------------------------------------------------------------------- contact log

LOG_TEXTS = {
    "subject": (LONG, False),
    "details": (NOTES, True),
    "contact": (NAME, False),
    "employee": (NAME, False),
}
LOG_KINDS = ("Call In", "Call Out", "Email", "Text", "Visit", "Letter", "Note", "System")


def expected_at(value: Any) -> datetime | None:
    """The stored time of ``value`` (None: now); raises ValueError or OverflowError when
    it must be refused."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value.strip())
    if value.tzinfo is None:
        value = value.astimezone()
    return value.astimezone(UTC)


def expected_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return date.fromisoformat(value.strip())
    return value


def test_contact_log_add_stores_exactly_or_refuses(company: Any, probe: Any, odd: Any) -> None:
    co = company
    owner = co.customers.add(name="Hostile Log").id
    text = optional(odd.any_text())

    @RUN
    @given(
        at=odd.mostly(st.none(), odd.any_datetime),
        kind=odd.mostly(
            st.sampled_from(LOG_KINDS),
            st.one_of(st.sampled_from(["call in", " NOTE ", "Fax"]), odd.any_text()),
        ),
        subject=odd.some_text(),
        details=optional(st.one_of(odd.any_text(200), odd.long_text(NOTES))),
        contact=text,
        employee=text,
        follow_up_on=odd.any_date,
    )
    def run(at: Any, kind: str, follow_up_on: Any, **fields: Any) -> None:
        kept, bad = expect(fields, LOG_TEXTS, odd)
        if kept.get("subject", "") is None:
            bad.add("subject")
        chosen = next((k for k in LOG_KINDS if k.casefold() == kind.strip().casefold()), None)
        if chosen is None:
            bad.add("kind")
        try:
            when = expected_at(at)
        except (ValueError, OverflowError):
            bad.add("at")
        try:
            follow_up = expected_date(follow_up_on)
        except ValueError:
            bad.add("follow_up_on")

        result = probe.attempt(
            lambda: co.contact_log.add(
                owner=owner, at=at, kind=kind, follow_up_on=follow_up_on, **fields
            ),
            fields=bad,
        )
        if isinstance(result, ValidationError):
            return
        stored = co.contact_log.get(result.id)
        assert stored == result
        assert stored.at == (when or result.at)
        assert (stored.kind, stored.follow_up_on) == (chosen, follow_up)
        assert (stored.subject, stored.details) == (kept["subject"], kept["details"])
        assert (stored.contact_name, stored.employee_name) == (kept["contact"], kept["employee"])

    run()
    finish(probe)


def test_one_megabyte_of_details_is_refused_and_the_limit_is_stored(
    company: Any, probe: Any, odd: Any
) -> None:
    """1 MB of details is refused by name; 100,000 odd characters are kept to the last one."""
    co = company
    owner = co.customers.add(name="Hostile Megabyte").id
    mix = "".join(odd.ODD_TEXTS[:30]).replace("\x00", "").replace("\r", "")
    mix = "".join(ch for ch in mix if ch in "\t\n" or ch.isprintable() or not ch.isascii())
    mix = "".join(ch for ch in mix if ch not in "\x07\x1b\x7f\x85\x0b\x0c\x1c")
    megabyte = (mix * (MB // len(mix) + 1))[:MB]

    refused = probe.attempt(
        lambda: co.contact_log.add(owner=owner, kind="Note", subject="Big", details=megabyte)
    )
    assert isinstance(refused, ValidationError) and refused.field == "details"
    assert "100000" in str(refused) or "100,000" in str(refused)
    refused_note = probe.attempt(lambda: co.customers.update(owner, notepad=megabyte))
    assert isinstance(refused_note, ValidationError) and refused_note.field == "notepad"

    at_limit = ("x" + megabyte)[:NOTES].rstrip() + "y"
    at_limit = at_limit[len(at_limit) - NOTES :]
    entry = probe.attempt(
        lambda: co.contact_log.add(owner=owner, kind="Note", subject="Limit", details=at_limit)
    )
    assert not isinstance(entry, ValidationError), entry
    assert co.contact_log.get(entry.id).details == at_limit.strip()
    assert [e.details for e in co.contact_log.list_for(owner)] == [at_limit.strip()]
    assert co.customers.update(owner, notepad=at_limit).notepad == at_limit.strip()


# --------------------------------------------------------------------------- jobs

JOB_TEXTS = {"description": (LONG, False), "details": (NOTES, True)}
SERVICE_TEXTS = {"service": (NAME, False), "unit": (20, False), "notes": (NOTES, True)}
ITEM_TEXTS = {"item": (NAME, False), "room": (SHORT, False), "special_handling": (LONG, False)}


def test_jobs_and_their_lines_store_exactly_or_refuse(company: Any, probe: Any, odd: Any) -> None:
    co = company
    customer = co.customers.add(name="Hostile Jobs").id
    job = co.jobs.add(parent=customer, name="Work").id
    text = optional(odd.any_text())

    @RUN
    @given(
        name=odd.some_text(),
        description=text,
        details=optional(odd.any_text(200)),
        start_date=odd.any_date,
        service=odd.some_text(),
        quantity=odd.any_number,
        unit=text,
        rate=odd.any_number,
        notes=text,
        item=odd.some_text(),
        room=text,
        special_handling=text,
        weight=odd.any_number,
    )
    def run(
        name: str,
        start_date: Any,
        quantity: Any,
        rate: Any,
        weight: Any,
        **fields: Any,
    ) -> None:
        job_given = {k: fields[k] for k in JOB_TEXTS}
        kept, bad = expect(job_given, JOB_TEXTS, odd)
        try:
            job_name = odd.stored_name(name)
            if co.customers.find_duplicates(name=f"Hostile Jobs:{job_name}"):
                bad.add("name")
        except ValueError:
            bad.add("name")
        try:
            start = expected_date(start_date)
        except ValueError:
            bad.add("start_date")
        added = probe.attempt(
            lambda: co.jobs.add(parent=customer, name=name, start_date=start_date, **job_given),
            fields=bad,
        )
        if not isinstance(added, ValidationError):
            info = co.jobs.get(added.id)
            assert (info.name, info.job_info.start_date) == (job_name, start)
            assert (info.job_info.description, info.job_info.details) == (
                kept["description"],
                kept["details"],
            )

        line = {k: fields[k] for k in SERVICE_TEXTS}
        kept, bad = expect(line, SERVICE_TEXTS, odd)
        if kept.get("service", "") is None:
            bad.add("service")
        numbers: dict[str, Decimal | None] = {}
        for field, value, places, negative_ok in (
            ("quantity", quantity, 4, False),
            ("rate", rate, 4, True),  # rates keep four decimals
        ):
            try:
                numbers[field] = odd.stored_decimal(value, places, allow_negative=negative_ok)
            except ValueError:
                bad.add(field)
        if numbers.get("quantity", 0) is None:
            bad.add("quantity")  # a service needs a quantity
        q, r = numbers.get("quantity"), numbers.get("rate") or Decimal(0)
        if q is not None and abs(q * r) >= Decimal("1e13"):
            bad.add("rate")  # the amount would not fit
        service = probe.attempt(
            lambda: co.jobs.add_service(job, quantity=quantity, rate=rate, **line), fields=bad
        )
        if not isinstance(service, ValidationError):
            assert [s for s in co.jobs.services(job) if s.id == service.id] == [service]
            assert (service.service, service.unit, service.notes) == (
                kept["service"],
                kept["unit"],
                kept["notes"],
            )
            assert (service.quantity, service.rate) == (q, r)
            assert service.amount == money(q * r)  # type: ignore[operator]

        item = {k: fields[k] for k in ITEM_TEXTS}
        kept, bad = expect(item, ITEM_TEXTS, odd)
        if kept.get("item", "") is None:
            bad.add("item")
        try:
            kept_weight = odd.stored_decimal(weight, 4, allow_negative=False) or Decimal(0)
        except ValueError:
            bad.add("weight")
        added_item = probe.attempt(
            lambda: co.jobs.add_inventory_item(job, weight=weight, **item), fields=bad
        )
        if not isinstance(added_item, ValidationError):
            stored = [i for i in co.jobs.inventory(job).items if i.id == added_item.id]
            assert stored == [added_item]
            assert (added_item.item, added_item.room, added_item.special_handling) == (
                kept["item"],
                kept["room"],
                kept["special_handling"],
            )
            assert added_item.weight == kept_weight

    run()
    finish(probe)


# ----------------------------------------------------------------------- invoices


def test_invoices_add_stores_exactly_or_refuses(company: Any, probe: Any, odd: Any) -> None:
    co = company
    customer = co.customers.add(name="Hostile Invoices").id
    terms = co.customers.get(customer).terms_id
    net_days = next((t.net_days for t in co.lists.all().terms if t.id == terms), 0)

    @RUN
    @given(
        description=odd.some_text(),
        quantity=odd.any_number,
        rate=odd.any_number,
        memo=optional(odd.any_text()),
        invoice_date=st.one_of(st.dates(), st.sampled_from(["9999-12-31", "0001-01-01", "x"])),
    )
    def run(description: str, quantity: Any, rate: Any, memo: Any, invoice_date: Any) -> None:
        bad: set[str] = set()
        try:
            kept_description = odd.stored_text(description, max_length=LONG)
            if kept_description is None:
                bad.add("lines")
        except ValueError:
            bad.add("lines")
        try:
            kept_memo = odd.stored_text(memo, max_length=LONG)
        except ValueError:
            bad.add("memo")
        try:
            q = odd.stored_decimal(quantity, 4)
            r = odd.stored_decimal(rate, 4) or Decimal(0)  # rates keep four decimals
            q = Decimal(1) if q is None else q
            if abs(q * r) >= Decimal("1e13") or q * r < 0:
                bad.add("lines")  # too large to store, or a negative total
        except ValueError:
            bad.add("lines")
        try:
            day = expected_date(invoice_date)
            assert day is not None
            due = day + timedelta(days=net_days)
        except ValueError:
            bad.add("invoice_date")
        except OverflowError:
            bad.add("invoice_date")

        line = {"description": description, "quantity": quantity, "rate": rate}
        result = probe.attempt(
            lambda: co.invoices.add(
                node=customer, lines=[line], memo=memo, invoice_date=invoice_date
            ),
            fields=bad,
        )
        if isinstance(result, ValidationError):
            return
        stored = co.invoices.get(result.id)
        assert stored == result
        (only,) = stored.lines
        assert (only.description, only.quantity, only.rate) == (kept_description, q, r)
        assert only.amount == stored.subtotal == money(q * r)
        assert stored.total == stored.subtotal + stored.tax >= 0
        assert (stored.memo, stored.invoice_date, stored.due_date) == (kept_memo, day, due)

    run()
    finish(probe)


# ------------------------------------------------------------------------- pop-ups


def test_popups_add_stores_exactly_or_refuses(company: Any, probe: Any, odd: Any) -> None:
    co = company
    owner = co.customers.add(name="Hostile Pop-ups").id

    @RUN
    @given(
        text=st.one_of(odd.any_text(), odd.long_text(2000)),
        active_from=odd.any_date,
        active_until=odd.any_date,
    )
    def run(text: str, active_from: Any, active_until: Any) -> None:
        bad: set[str] = set()
        try:
            kept = odd.stored_text(text, max_length=2000)
            if kept is None:
                bad.add("text")
        except ValueError:
            bad.add("text")
        dates: dict[str, date | None] = {}
        for field, value in (("active_from", active_from), ("active_until", active_until)):
            try:
                dates[field] = expected_date(value)
            except ValueError:
                bad.add(field)
        start, end = dates.get("active_from"), dates.get("active_until")
        if start and end and end < start:
            bad.add("active_until")
        result = probe.attempt(
            lambda: co.popups.add(
                owner=owner, text=text, active_from=active_from, active_until=active_until
            ),
            fields=bad,
        )
        if isinstance(result, ValidationError):
            return
        assert co.popups.get(result.id) == result
        assert (result.text, result.active_from, result.active_until) == (kept, start, end)

    run()
    finish(probe)


# ------------------------------------------- what these tests found, kept as examples


def test_times_at_the_ends_of_the_calendar_are_refused_by_field(company: Any, probe: Any) -> None:
    """Year 1 has no UTC time a day earlier; it once raised a bare ValueError."""
    co = company
    owner = co.customers.add(name="Edge Times").id
    for at in (
        datetime(1, 1, 1),
        "0001-01-01T00:00:00",
        datetime(1, 1, 1, tzinfo=UTC) + timedelta(hours=1),
    ):
        refused = probe.attempt(
            lambda at=at: co.contact_log.add(owner=owner, at=at, kind="Note", subject="x")
        )
        if isinstance(at, datetime) and at.tzinfo is not None:
            assert not isinstance(refused, ValidationError)  # an aware time in year 1 fits
            continue
        assert isinstance(refused, ValidationError) and refused.field == "at"
    entry = co.contact_log.add(owner=owner, kind="Note", subject="Fix the time")
    refused = probe.attempt(
        lambda: co.contact_log.correct(entry.id, by="Dana", at=datetime(1, 1, 1))
    )
    assert isinstance(refused, ValidationError) and refused.field == "at"
    assert co.contact_log.get(entry.id) == entry


def test_amounts_too_large_to_store_are_refused_not_crashed(company: Any, probe: Any) -> None:
    """quantity × rate past 64-bit cents once raised OverflowError from SQLite."""
    co = company
    customer = co.customers.add(name="Edge Amounts").id
    job = co.jobs.add(parent=customer, name="Big").id
    huge = {"quantity": "9999999", "rate": "9999999999"}
    for call in (
        lambda: co.jobs.add_service(job, service="Haul", **huge),
        lambda: co.jobs.add_figure_line(job, phase="estimate", description="Haul", **huge),
        lambda: co.jobs.add_figure_line(job, phase="final", description="Haul", **huge),
    ):
        refused = probe.attempt(call)
        assert isinstance(refused, ValidationError) and refused.field == "rate"
        assert "too large" in str(refused)
    line = co.jobs.add_service(job, service="Haul", quantity="2", rate="9999999999")
    refused = probe.attempt(lambda: co.jobs.update_service(line.id, quantity="9999999"))
    assert isinstance(refused, ValidationError) and refused.field == "rate"
    assert co.jobs.services(job) == [line]
    # Just under the limit is kept exactly.
    fits = co.jobs.add_figure_line(
        job, phase="estimate", description="Fits", quantity="1", rate="9999999999999.99"
    )
    assert fits.amount == Decimal("9999999999999.99")

    refused = probe.attempt(
        lambda: co.invoices.add(node=customer, lines=[{"description": "Haul", **huge}])
    )
    assert isinstance(refused, ValidationError) and refused.field == "lines"
    assert "Line 1" in str(refused)
    for text in ("NaN", "sNaN", "-Infinity", "1e309"):
        refused = probe.attempt(lambda text=text: co.jobs.add_service(job, service="x", rate=text))
        assert isinstance(refused, ValidationError) and str(refused).startswith(
            f"Rate must be a number written like 1234.56 (no thousands separators, a full stop "
            f"before the decimals); “{text}” is not."
        )


def test_a_due_date_past_9999_is_refused_by_field(company: Any, probe: Any) -> None:
    co = company
    net = next(t for t in co.lists.all().terms if t.net_days > 0)
    customer = co.customers.add(name="Edge Dates", terms_id=net.id).id
    line = [{"description": "Visit", "rate": "10"}]
    for day in (date.max, "9999-12-31"):
        refused = probe.attempt(
            lambda day=day: co.invoices.add(node=customer, lines=line, invoice_date=day)
        )
        assert isinstance(refused, ValidationError) and refused.field == "invoice_date"
    refused = probe.attempt(lambda: co.invoices.due_date_for(customer, invoice_date=date.max))
    assert isinstance(refused, ValidationError) and refused.field == "invoice_date"
    early = co.invoices.add(node=customer, lines=line, invoice_date=date.min)
    assert early.due_date == date.min + timedelta(days=net.net_days)


def test_a_lone_surrogate_is_refused_by_field(company: Any, probe: Any) -> None:
    """Half a UTF-16 pair cannot be written as UTF-8; it once raised UnicodeEncodeError."""
    co = company
    owner = co.customers.add(name="Edge Surrogates").id
    for call, field in (
        (lambda: co.customers.add(name="a\ud800b"), "name"),
        (lambda: co.customers.update(owner, notepad="x\udfffy"), "notepad"),
        (lambda: co.contacts.add(owner=owner, name="Ann", notes="\ud83d"), "notes"),
        (lambda: co.contact_log.add(owner=owner, kind="Note", subject="\udc00"), "subject"),
    ):
        refused = probe.attempt(call)
        assert isinstance(refused, ValidationError) and refused.field == field


def test_employees_with_non_ascii_names_are_matched_and_unique(company: Any, probe: Any) -> None:
    """SQLite's lower() folds ASCII only: "Émile" once never matched itself."""
    co = company
    emile = co.lists.add_employee(name="Émile Zoë")
    owner = co.customers.add(name="Edge Staff").id
    for typed in ("Émile Zoë", "émile zoë", " ÉMILE ZOË "):
        entry = co.contact_log.add(owner=owner, kind="Note", subject="s", employee=typed)
        assert (entry.employee_id, entry.employee_name) == (emile.id, "Émile Zoë")
    for twin in ("Émile Zoë", "ÉMILE ZOË"):
        refused = probe.attempt(lambda twin=twin: co.lists.add_employee(name=twin))
        assert isinstance(refused, ValidationError) and refused.field == "name"
    assert [e.name for e in co.lists.all().employees] == ["Émile Zoë"]


# ------------------------------------------------------------------------ finding


QUERIES = ["\x00\x00\x00", "!!\x00", '"\x00"', "*", "NEAR(", "a OR b", "0.1.0", "911", "555-0100"]


def test_search_and_caller_id_take_any_text(company: Any, probe: Any, odd: Any) -> None:
    """The quick filter and caller ID never fail on what is typed into them, and a
    stored name is found by itself."""
    co = company
    finds: list[int] = []

    @RUN
    @given(name=odd.some_text(), query=st.one_of(odd.any_text(), st.sampled_from(QUERIES)))
    def run(name: str, query: str) -> None:
        for mode in ("contains", "starts_with", "equals"):
            assert isinstance(co.customers.search(query, mode=mode, show="all"), list)
        assert isinstance(co.phone_lookup(query), list)
        assert isinstance(co.customers.find_duplicates(name=query, phone=query, email=query), list)
        added = probe.attempt(lambda: co.customers.add(name=name))
        if isinstance(added, ValidationError):
            return
        found = co.customers.search(added.name, mode="equals", show="all", limit=1000)
        if any(ch.isalnum() for ch in fold(added.name)):  # "´" alone folds to nothing
            assert added.id in [s.id for s in found], added.name
            finds.append(added.id)

    run()
    print(f"\n{len(finds)} stored names found by themselves")
    assert finds


def test_queries_with_a_nul_and_names_like_numbers(company: Any) -> None:
    """FTS5 once read a NUL as the end of its query (OperationalError), and a name that
    looks like a phone number ("911", "555-0100") was searched as a number only."""
    co = company
    for query in ("\x00\x00\x00", "!!\x00", "abc\x00def", "a\ud800b"):
        for mode in ("contains", "starts_with", "equals"):
            assert co.customers.search(query, mode=mode, show="all") == []
    named = {name: co.customers.add(name=name).id for name in ("911", "0.1.0", "555-0100")}
    for name, node_id in named.items():
        for mode in ("contains", "starts_with", "equals"):
            found = [s.id for s in co.customers.search(name, mode=mode)]
            assert found[:1] == [node_id], (name, mode, found)
