"""Every call of the public API, given hostile arguments, returns or raises an OfficeMgrError.

The whole `Company` surface is walked: each service that ``dir(co.<namespace>)`` lists,
called with arguments made from its own signature — the right types mostly, and often the
wrong ones (text for ids, ids for text, lists, dicts, floats, NaN, None), integers beyond
SQLite's 64 bits, text with lone surrogates, empty and very long text, ids of records that
do not exist — and ``co.phone_lookup`` and every ``co.reports`` call likewise. A call may
return anything or refuse with an `OfficeMgrError` whose message is a sentence that can
be printed; anything else (a TypeError, an OverflowError, a UnicodeEncodeError …) fails.
A refused call that writes must leave every table as it was, and a refused report leaves
no file behind.

The default run keeps to a few examples per call; ``-m slow`` runs many more.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import shutil
import typing
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from officemgr import Company
from officemgr.core import models as m
from officemgr.errors import OfficeMgrError, ValidationError
from officemgr.namespaces import NAMESPACES, Service
from officemgr.reports import catalog
from officemgr.reports.contact_log import ContactLogOptions
from officemgr.reports.customer_contact_list import CustomerContactListOptions
from officemgr.reports.open_balances import OpenBalancesOptions

QUICK, SLOW = 50, 1000  # examples per call

# --------------------------------------------------------------------- the values


class Googol(int):
    """An int too long for ``str()`` (over 4,300 digits): an f-string of it raises
    ValueError. Its repr is short, so that Hypothesis can show an example holding it."""

    def __repr__(self) -> str:
        return "Googol(10**5000)"

    __str__ = int.__repr__  # str() and f-strings spell it out (and so raise), as for an int


SURROGATES = ["\ud800", "x\ud800y", "\udfff", "Smith\udc80, John", "555\ud83d0100"]
HUGE = [
    2**63 - 1,
    2**63,
    -(2**63),
    -(2**63) - 1,
    2**64,
    2**70,
    -(2**70),
    10**30,
    Googol(10**5000),
]
FLOATS = [0.0, 1.5, -2.0, 1e308, float("nan"), float("inf"), float("-inf")]
ODD_DECIMALS = [Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), Decimal("-1e999999")]
WHITESPACE = ["", " ", "\t", "\n", "\u00a0", "\u3000", "\u2028"]
WRONG = [
    None,
    True,
    False,
    0,
    -1,
    1,
    "",
    "abc",
    "12",
    "1e400",
    [],
    [1],
    ["a", None],
    {},
    {"a": 1},
    {1: "x"},
    (1, 2),
    {1, 2},
    b"bytes",
    bytearray(b"x"),
    date(2026, 2, 28),
    datetime(2026, 2, 28, 9, 30),
    timedelta(days=1),
    Path("x"),
    object(),
    *FLOATS,
    *ODD_DECIMALS,
]


def _texts(odd: Any) -> st.SearchStrategy[Any]:
    return st.one_of(
        odd.any_text(),
        st.sampled_from(SURROGATES + WHITESPACE),
        st.sampled_from(["x" * 101, "é" * 1000, "y" * 100_001, "z\n" * 5000]),
        st.text(st.characters(categories=("Cs",)), min_size=1, max_size=3),
    )


def _odd(odd: Any) -> st.SearchStrategy[Any]:
    """Anything at all: wrong types, huge numbers, hostile text."""
    return st.one_of(
        st.sampled_from(WRONG),
        st.sampled_from(HUGE),
        st.integers(),
        st.floats(),
        _texts(odd),
        st.lists(st.one_of(st.sampled_from(WRONG), st.sampled_from(HUGE)), max_size=3),
        st.dictionaries(
            st.sampled_from(["a", "line1", "x" * 50, "\ud800"]), _texts(odd), max_size=2
        ),
    )


# Text parameters that take one of a few words: the words they take (and near misses).
WORDS: dict[str, tuple[str, ...]] = {
    "status": m.JOB_STATUSES,
    "kind": (*m.LOG_KINDS, *m.STOP_KINDS, "services", "stops", "inventory", "estimate"),
    "list_kind": (*m.SIMPLE_LISTS, "terms", "tax_code", "job_type", "payment_method"),
    "field_type": m.FIELD_TYPES,
    "applies_to": m.FIELD_APPLIES_TO,
    "phase": m.FIGURE_PHASES,
    "estimate_type": (*m.ESTIMATE_TYPES, "Non-binding"),
    "source": ("services", "final", "estimate"),
    "trigger": ("open", "caller_id", "new_job", "billing"),
    "mode": ("contains", "starts_with", "equals"),
    "show": ("active", "inactive", "all", "prospects"),
    "preferred_contact": m.CONTACT_METHODS,
    "period": ("all", "today", "last_month", "this_year", "custom"),
    "sort": ("date", "customer", "name"),
    "paper": ("letter", "a4", "A4"),
}
NEAR_MISSES = ("call-in", "CALL IN", " Pending ", "pending", "Letter ", "", "none", "x")
# Parameters holding the id of one kind of record: the seeded records of that kind.
IDS_BY_NAME: dict[str, tuple[str, ...]] = {
    "node_id": ("customer", "job", "sub"),
    "owner": ("customer", "job", "sub"),
    "node": ("customer", "job", "sub"),
    "customer": ("customer", "other"),
    "parent": ("customer", "job"),
    "new_parent": ("customer", "other", "job"),
    "parent_id": ("customer", "job", "job_type"),
    "job_id": ("job", "sub"),
    "contact_id": ("contact",),
    "contact": ("contact",),
    "entry_id": ("entry",),
    "invoice_id": ("invoice",),
    "payment_id": ("payment",),
    "note_id": ("note",),
    "note_ids": ("note",),
    "line_id": ("service", "line"),
    "stop_id": ("stop",),
    "item_id": ("item", "employee", "job_type", "field"),
    "item_ids": ("employee", "job_type", "field"),
    "foreman_id": ("employee",),
    "sales_rep_id": ("employee",),
    "job_type_id": ("job_type",),
    "exclude_id": ("customer", "job"),
}
ID_NAMES = {*IDS_BY_NAME, "from_address"}
AMOUNTS = ("amount", "rate", "quantity", "credit_limit", "opening_balance", "projected_total")
AMOUNTS += ("cubic_feet", "weight", "discount_percent", "rate_percent")
DATES = ("date", "as_of", "today", "active_from", "active_until", "follow_up_on")


def ids_of(seed: dict[str, int], name: str = "") -> st.SearchStrategy[int]:
    """Mostly the ids of the records ``name`` refers to, else any id, one that does not
    exist, or one beyond 64 bits."""
    known = sorted(set(seed.values()))
    anything = st.one_of(
        st.sampled_from(known),
        st.sampled_from([0, -1, 999_999, 2**31, *HUGE]),
        st.integers(min_value=-5, max_value=max(known) + 5),
    )
    kinds = IDS_BY_NAME.get(name)
    if kinds is None:
        return anything
    return st.one_of(st.sampled_from([seed[kind] for kind in kinds]), anything)


def plain_text(odd: Any) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(["Smith, John", "Dana", "Furnace check", "12 Oak St", "Ölçü ✓"]),
        odd.some_text(),
    )


def usual(name: str, annotation: str, seed: dict[str, int], odd: Any) -> st.SearchStrategy[Any]:
    """A value of about the right type for parameter ``name`` annotated ``annotation``."""
    ids = ids_of(seed, name)
    texts = plain_text(odd)
    words = st.sampled_from(WORDS.get(name, ()) or NEAR_MISSES)
    if annotation.startswith("Sequence[int]"):
        return st.lists(ids, max_size=4)
    if annotation.startswith("Mapping[int"):
        return st.dictionaries(ids_of(seed, "invoice_id"), odd.any_number, max_size=3)
    if annotation.startswith("Sequence[Mapping"):
        line = st.fixed_dictionaries(
            {"description": texts},
            optional={
                "quantity": odd.any_number,
                "rate": odd.any_number,
                "is_taxable": st.booleans(),
                "x": texts,
            },
        )
        return st.lists(line, min_size=1, max_size=3)
    if annotation.startswith(("dict[str", "AddressParts")):
        # (A part named with half a character, or by a number, is `test_address_part_names`.)
        parts = st.sampled_from(
            ["line1", "line2", "city", "region", "postal_code", "country", "zip", "Line1"]
        )
        return st.dictionaries(parts, st.one_of(texts, st.sampled_from(["US", "de"])), max_size=4)
    if annotation.startswith("Sequence[tuple"):
        pair = st.tuples(st.sampled_from(m.PHONE_KINDS), st.sampled_from(["555-201-9000", "x"]))
        return st.lists(pair, max_size=3)
    if annotation.startswith("Sequence[str]") or annotation.startswith("Iterable[str]"):
        return st.one_of(words, st.lists(st.one_of(words, texts), max_size=3))
    if annotation.startswith("Iterable[int | str]"):
        return st.lists(st.one_of(ids, st.sampled_from(["Smith, John", "Smith, John:Furnace"])))
    if name in ID_NAMES or name.endswith("_id") or name.endswith("_ids"):
        return ids
    if annotation.startswith("datetime"):
        return odd.any_datetime
    if annotation.startswith("date") or name in DATES or name.endswith("_date"):
        return odd.any_date
    if annotation.startswith("Decimal") or name in AMOUNTS:
        return odd.any_number
    if annotation.startswith("bool") or name.startswith(("is_", "on_", "include_", "has_")):
        return st.booleans()
    if annotation.startswith("int"):
        return st.integers(-3, 300)
    if name in WORDS:
        return st.one_of(words, st.sampled_from(NEAR_MISSES))
    if annotation.startswith("str") or annotation == "Any":
        return texts
    return st.one_of(texts, st.integers(-3, 300), st.none())


def value_for(
    name: str, annotation: str, seed: dict[str, int], odd: Any, *, clean: bool
) -> st.SearchStrategy[Any]:
    """``usual`` when ``clean``, else mostly usual and sometimes anything at all."""
    value = usual(name, annotation, seed, odd)
    return value if clean else odd.mostly(value, _odd(odd))


def field_names(func: Callable[..., Any], module: ModuleType) -> list[str]:
    """Keyword names a ``**fields`` / ``**changes`` parameter may take: the returned
    record's fields, the module's field tables, and a few that no record has."""
    names = {"x", "id", "version", "\ud800", "name"}
    from officemgr.core import records

    returned = typing.get_type_hints(func, {**vars(records), **vars(module)}).get("return")
    for record in typing.get_args(returned) or (returned,):
        if dataclasses.is_dataclass(record):
            names.update(f.name for f in dataclasses.fields(record))
    if module.__name__.endswith(("customers", "jobs")):
        from officemgr.core.services import _nodes

        names.update(_nodes.NODE_FIELDS, _nodes.JOB_FIELDS)
    # A keyword naming one of the function's own parameters would be a TypeError of the
    # caller's Python, not a value the service gets.
    names -= set(inspect.signature(func).parameters)
    return sorted(names)


def arguments(
    func: Callable[..., Any], module: ModuleType, seed: dict[str, int], odd: Any
) -> st.SearchStrategy[tuple[list[Any], dict[str, Any]]]:
    """(positional, keyword) arguments for ``func`` (the service, session first): half the
    calls well typed throughout (so that they get past the first check and deep into the
    service), the others with any value anywhere."""
    return st.booleans().flatmap(lambda clean: _arguments(func, module, seed, odd, clean))


def _arguments(
    func: Callable[..., Any], module: ModuleType, seed: dict[str, int], odd: Any, clean: bool
) -> st.SearchStrategy[tuple[list[Any], dict[str, Any]]]:
    hints = {name: str(p.annotation) for name, p in inspect.signature(func).parameters.items()}
    params = list(inspect.signature(func).parameters.values())[1:]
    positional: list[st.SearchStrategy[Any]] = []
    keyword: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    extra: st.SearchStrategy[dict[str, Any]] = st.just({})
    for param in params:
        if param.kind is param.VAR_KEYWORD:
            names = field_names(func, module)
            extra = st.lists(st.sampled_from(names), max_size=4, unique=True).flatmap(
                lambda chosen: st.fixed_dictionaries(
                    {key: value_for(key, "Any", seed, odd, clean=clean) for key in chosen}
                )
            )
            continue
        value = value_for(param.name, hints[param.name], seed, odd, clean=clean)
        if param.kind is param.POSITIONAL_OR_KEYWORD:
            positional.append(value)
        elif param.default is param.empty:
            keyword[param.name] = value
        else:
            optional[param.name] = value
    return st.builds(
        lambda args, required, chosen, more: (list(args), {**more, **required, **chosen}),
        st.tuples(*positional),
        st.fixed_dictionaries(keyword),
        st.fixed_dictionaries({}, optional=optional),
        extra,
    )


# ------------------------------------------------------------------ the checks


class Snapshot:
    """Rows and versions of every table: cheap, and a refused write must not move them."""

    def __init__(self, company: Any) -> None:
        self.company = company
        with company.engine.connect() as conn:
            tables = [
                name
                for (name,) in conn.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE '%VIRTUAL%' ORDER BY name"
                )
            ]
            parts = []
            for name in tables:
                columns = {row[1] for row in conn.exec_driver_sql(f'PRAGMA table_info("{name}")')}
                versions = "coalesce(sum(version), 0)" if "version" in columns else "0"
                parts.append(f"SELECT '{name}', count(*), {versions} FROM \"{name}\"")
        self.query = text(" UNION ALL ".join(parts))

    def take(self) -> list[tuple[Any, ...]]:
        with self.company.engine.connect() as conn:
            return [tuple(row) for row in conn.execute(self.query)]


def readable(error: OfficeMgrError) -> None:
    """A refusal a window or a terminal can show: one sentence, printable as UTF-8."""
    message = str(error)
    assert message.strip(), f"{type(error).__name__} without a message"
    message.encode("utf-8")  # a lone surrogate echoed back could not be printed
    assert "Traceback" not in message and "sqlalchemy" not in message.lower(), message
    if isinstance(error, ValidationError):
        assert error.field, f"no field on {error!r}"


def attempt(call: Callable[[], Any], *, snapshot: Snapshot | None, tally: dict[str, int]) -> Any:
    """The call's result or its OfficeMgrError; any other exception fails the example."""
    before = snapshot.take() if snapshot is not None else None
    try:
        result = call()
    except OfficeMgrError as error:
        readable(error)
        if snapshot is not None:
            assert snapshot.take() == before, f"a refused call changed the file: {error}"
        tally["refused"] = tally.get("refused", 0) + 1
        return error
    tally["returned"] = tally.get("returned", 0) + 1
    return result


# -------------------------------------------------------------------- the company


def seed_company(co: Any) -> dict[str, int]:
    """One of everything, so that ids in the examples often point at real records."""
    customer = co.customers.add(
        name="Smith, John", phone="(555) 201-3344", email="john@example.com"
    ).id
    other = co.customers.add(name="Acme Heating", company_name="Acme Heating LLC").id
    job = co.jobs.add(parent=customer, name="Furnace", status="Pending").id
    sub = co.jobs.add(parent=job, name="Ducts").id
    contact = co.contacts.add(owner=customer, name="Mary Smith", phone="555-201-9000").id
    entry = co.contact_log.add(owner=job, kind="Call In", subject="Asked for a quote").id
    invoice = co.invoices.add(node=job, lines=[{"description": "Visit", "rate": "90"}]).id
    payment = co.payments.add(customer=customer, amount="40").id
    note = co.popups.add(owner=customer, text="Call before coming").id
    employee = co.lists.add_employee(name="Dana Field").id
    job_type = co.lists.add_job_type(name="Repair").id
    field = co.lists.add_custom_field(name="Gate code", field_type="text").id
    service = co.jobs.add_service(job, service="Labor", quantity="2", rate="45").id
    stop = co.jobs.add_stop(job, kind="pickup").id
    item = co.jobs.add_inventory_item(job, item="Sofa").id
    line = co.jobs.add_figure_line(job, phase="estimate", description="Hours", rate="10").id
    return {
        "customer": customer,
        "other": other,
        "job": job,
        "sub": sub,
        "contact": contact,
        "entry": entry,
        "invoice": invoice,
        "invoice_number": co.invoices.get(invoice).number,
        "payment": payment,
        "note": note,
        "employee": employee,
        "job_type": job_type,
        "field": field,
        "service": service,
        "stop": stop,
        "item": item,
        "line": line,
    }


@pytest.fixture(scope="module")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("surface") / "Surface.officemgr"
    with Company.open(path) as co:
        seed = seed_company(co)
    return path, seed


@pytest.fixture
def seeded(
    seeded_template: tuple[Path, dict[str, int]], tmp_path: Path
) -> Iterator[tuple[Any, dict[str, int]]]:
    template, seed = seeded_template
    path = tmp_path / "company" / template.name
    path.parent.mkdir()
    shutil.copyfile(template, path)
    with Company.open(path) as co:
        yield co, seed


def _services() -> list[tuple[str, str]]:
    found = []
    for namespace, klass in NAMESPACES.items():
        for name in dir(klass(None)):  # type: ignore[arg-type]
            found.append((namespace, name))
    return found


SERVICES = _services()


def run_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


def check_service(
    seeded: tuple[Any, dict[str, int]], odd: Any, namespace: str, name: str, examples: int
) -> dict[str, int]:
    co, seed = seeded
    bound_service = vars(NAMESPACES[namespace])[name]
    assert isinstance(bound_service, Service)
    func = bound_service.func
    bound = getattr(getattr(co, namespace), name)
    snapshot = None if getattr(func, "officemgr_reads", False) else Snapshot(co)
    tally: dict[str, int] = {}

    @run_settings(examples)
    @given(args=arguments(func, importlib.import_module(func.__module__), seed, odd))
    def run(args: tuple[list[Any], dict[str, Any]]) -> None:
        positional, keyword = args
        attempt(lambda: bound(*positional, **keyword), snapshot=snapshot, tally=tally)

    run()
    if len(inspect.signature(func).parameters) > 1:  # it takes something to refuse
        assert tally.get("refused"), f"nothing hostile was refused: {tally}"
    return tally


def test_the_walk_covers_every_namespace() -> None:
    walked = {namespace for namespace, _ in SERVICES}
    assert walked == set(NAMESPACES)
    assert len(SERVICES) > 80
    assert ("customers", "find_duplicates") in SERVICES and ("jobs", "add_stop") in SERVICES


@pytest.mark.parametrize(("namespace", "name"), SERVICES, ids=[f"{n}.{s}" for n, s in SERVICES])
def test_service_returns_or_refuses(
    seeded: tuple[Any, dict[str, int]], odd: Any, namespace: str, name: str
) -> None:
    check_service(seeded, odd, namespace, name, QUICK)


@pytest.mark.slow
@pytest.mark.parametrize(("namespace", "name"), SERVICES, ids=[f"{n}.{s}" for n, s in SERVICES])
def test_service_returns_or_refuses_long(
    seeded: tuple[Any, dict[str, int]], odd: Any, namespace: str, name: str
) -> None:
    check_service(seeded, odd, namespace, name, SLOW)


# ------------------------------------------------------------- the known holes


@pytest.mark.parametrize(
    "call",
    [
        lambda co, s: co.customers.find_duplicates(name="x\ud800y"),
        lambda co, s: co.customers.find_duplicates(email="a\ud800@example.com"),
        lambda co, s: co.customers.find_duplicates(phone="555\ud800"),
        lambda co, s: co.customers.search(123),
        lambda co, s: co.customers.search("smi", limit=2**70),
        lambda co, s: co.customers.get(2**70),
        lambda co, s: co.customers.update(2**70, name="x"),
        lambda co, s: co.jobs.get(-(2**70)),
        lambda co, s: co.contact_log.add(owner=2**70, kind="Note", subject="x"),
        lambda co, s: co.contact_log.add(owner=s["customer"], kind="Note", subject="\ud800"),
        lambda co, s: co.phone_lookup("555\ud800"),
        lambda co, s: co.phone_lookup(2**70),
    ],
    ids=[
        "find_duplicates-name-surrogate",
        "find_duplicates-email-surrogate",
        "find_duplicates-phone-surrogate",
        "search-int",
        "search-huge-limit",
        "get-huge",
        "update-huge",
        "jobs-get-huge-negative",
        "log-add-huge-owner",
        "log-add-surrogate",
        "phone-lookup-surrogate",
        "phone-lookup-int",
    ],
)
def test_reported_holes_are_refused(
    seeded: tuple[Any, dict[str, int]], call: Callable[[Any, dict[str, int]], Any]
) -> None:
    co, seed = seeded
    with pytest.raises(OfficeMgrError) as refused:
        call(co, seed)
    readable(refused.value)


def test_ids_beyond_64_bits_say_so(seeded: tuple[Any, dict[str, int]]) -> None:
    co, _ = seeded
    with pytest.raises(ValidationError) as refused:
        co.customers.get(2**63)
    assert "9,223,372,036,854,775,807" in str(refused.value)
    with pytest.raises(OfficeMgrError):
        co.customers.get(2**63 - 1)  # the largest id there can be: not found, but asked


def test_search_says_its_query_must_be_text(seeded: tuple[Any, dict[str, int]]) -> None:
    co, _ = seeded
    with pytest.raises(ValidationError) as refused:
        co.customers.search(123)
    assert refused.value.field == "text" and "text" in str(refused.value)
    # The quick filter searches as the user types: what no name holds is left out.
    assert [found.name for found in co.customers.search("Smith\ud800")] == ["Smith, John"]


def test_surrogates_are_refused_naming_the_field(seeded: tuple[Any, dict[str, int]]) -> None:
    co, _ = seeded
    with pytest.raises(ValidationError) as refused:
        co.customers.find_duplicates(name="x\ud800y")
    assert refused.value.field == "name"


@pytest.mark.parametrize(
    "bill_to",
    [{"\ud800": "x"}, {1: "x", "zip": "y"}, {Googol(10**5000): "x"}],
    ids=["surrogate", "mixed-types", "googol"],
)
def test_address_part_names(seeded: tuple[Any, dict[str, int]], bill_to: dict[Any, str]) -> None:
    co, seed = seeded
    with pytest.raises(ValidationError) as refused:
        co.customers.update(seed["customer"], bill_to=bill_to)
    readable(refused.value)


def test_custom_field_ids_beyond_64_bits(seeded: tuple[Any, dict[str, int]]) -> None:
    co, seed = seeded
    with pytest.raises(ValidationError) as refused:
        co.customers.update(seed["customer"], custom_fields={2**70: "x"})
    readable(refused.value)


# -------------------------------------------------------------------- phone lookup


def test_phone_lookup_returns_or_refuses(seeded: tuple[Any, dict[str, int]], odd: Any) -> None:
    co, _ = seeded
    tally: dict[str, int] = {}

    @run_settings(QUICK * 3)
    @given(number=odd.mostly(st.sampled_from(["555-201-3344", "+1 555 201 3344"]), _odd(odd)))
    def run(number: Any) -> None:
        attempt(lambda: co.phone_lookup(number), snapshot=None, tally=tally)

    run()
    assert tally.get("returned") and tally.get("refused"), tally


# ------------------------------------------------------------------------- reports


def out_paths(folder: Path, odd: Any, company: Path) -> st.SearchStrategy[Any]:
    """Where a report is asked to go: mostly a good file, else a folder, a missing
    folder, a name no file system takes, the company file itself, or not a path at all."""
    good = st.sampled_from([folder / "out.pdf", str(folder / "out.pdf"), folder / "é 👍.pdf"])
    bad = st.sampled_from(
        [
            folder,
            str(folder),
            folder / "missing" / "out.pdf",
            folder / ("x" * 300 + ".pdf"),
            str(folder / "nul\x00.pdf"),
            str(folder / "sur\ud800.pdf"),
            "",
            None,
            5,
            2**70,
            b"out.pdf",
            ["out.pdf"],
            company,
            Path(f"{company}-wal"),
        ]
    )
    return odd.mostly(good, bad)


def folder_files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def cancel_or_not() -> st.SearchStrategy[Any]:
    return st.sampled_from([None, None, lambda: False, lambda: True])


def progress_or_not() -> st.SearchStrategy[Any]:
    return st.sampled_from([None, lambda done, total: None])


REPORT_KEYS = sorted(catalog.ENTRIES)
# The reports whose choices their catalog entry lists: called as co.reports.<key_name>(…).
CATALOG_CALLS = {key.replace("-", "_"): key for key, e in catalog.ENTRIES.items() if e.options}
_SPEC_ANNOTATIONS = {
    "date": "date",
    "flag": "bool",
    "customers": "Iterable[int | str]",
    "choice": "str",
    "choices": "Iterable[str] | str",
    "int": "int",
    "text": "str | None",
}


def report_calls(
    co: Any, seed: dict[str, int], folder: Path, odd: Any
) -> dict[str, st.SearchStrategy[Callable[[], Any]]]:
    """Each report call with hostile options, as a strategy of ready-to-run calls."""
    reports = co.reports
    ids = ids_of(seed)
    choose = st.one_of(ids, _texts(odd), st.sampled_from(["Smith, John", "smith, john:furnace"]))

    def pick(name: str, annotation: str) -> st.SearchStrategy[Any]:
        return value_for(name, annotation, seed, odd, clean=False)

    opt = st.fixed_dictionaries
    return {
        "contact_log": st.builds(
            lambda out, kw, cancelled, progress: (
                lambda: reports.contact_log(out, cancelled=cancelled, progress=progress, **kw)
            ),
            out_paths(folder, odd, co.path),
            opt(
                {},
                optional={
                    "period": odd.mostly(
                        st.sampled_from(["all", "last_month", "custom", "today"]), _odd(odd)
                    ),
                    "date_from": pick("date_from", "date"),
                    "date_to": pick("date_to", "date"),
                    "customer": odd.mostly(choose, _odd(odd)),
                    "customers": pick("customers", "Iterable[int | str]"),
                    "include_jobs": pick("include_jobs", "bool"),
                    "include_inactive": pick("include_inactive", "bool"),
                    "kinds": pick("kinds", "Iterable[str] | str"),
                    "employee": pick("employee", "str | None"),
                    "sort": pick("sort", "str"),
                    "group_by_customer": pick("group_by_customer", "bool"),
                    "paper": pick("paper", "str"),
                    "today": pick("today", "date"),
                },
            ),
            cancel_or_not(),
            progress_or_not(),
        ),
        "customer_contact_list": st.builds(
            lambda out, kw, cancelled: (
                lambda: reports.customer_contact_list(out, cancelled=cancelled, **kw)
            ),
            out_paths(folder, odd, co.path),
            opt(
                {},
                optional={
                    "customer": odd.mostly(choose, _odd(odd)),
                    "customers": pick("customers", "Iterable[int | str]"),
                    "include_jobs": pick("include_jobs", "bool"),
                    "include_inactive": pick("include_inactive", "bool"),
                    "prospects_only": pick("prospects_only", "bool"),
                    "sort": pick("sort", "str"),
                    "paper": pick("paper", "str"),
                },
            ),
            cancel_or_not(),
        ),
        "open_balances": st.builds(
            lambda out, kw, cancelled: (
                lambda: reports.open_balances(out, cancelled=cancelled, **kw)
            ),
            out_paths(folder, odd, co.path),
            opt(
                {},
                optional={
                    "as_of": pick("as_of", "date"),
                    "customers": pick("customers", "Iterable[int | str]"),
                    "include_zero": pick("include_zero", "bool"),
                    "paper": pick("paper", "str"),
                },
            ),
            cancel_or_not(),
        ),
        "invoice": st.builds(
            lambda invoice, out, paper: lambda: reports.invoice(invoice, out, paper=paper),
            pick("invoice_id", "int"),
            out_paths(folder, odd, co.path),
            odd.mostly(st.none(), pick("paper", "str")),
        ),
        "invoice_by_number": st.builds(
            lambda number, out, paper: lambda: reports.invoice_by_number(number, out, paper=paper),
            odd.mostly(st.just(seed["invoice_number"]), pick("number", "int")),
            out_paths(folder, odd, co.path),
            odd.mostly(st.none(), pick("paper", "str")),
        ),
        **{
            name: st.builds(
                lambda out, kw, cancelled, name=name: (
                    lambda: getattr(reports, name)(out, cancelled=cancelled, **kw)
                ),
                out_paths(folder, odd, co.path),
                opt(
                    {},
                    optional={
                        spec.name: odd.mostly(
                            st.sampled_from([v for v, _ in spec.choices])
                            if spec.kind == "choice"
                            else pick(spec.name, _SPEC_ANNOTATIONS[spec.kind]),
                            _odd(odd),
                        )
                        for spec in catalog.ENTRIES[key].options
                    }
                    | {"paper": pick("paper", "str")},
                ),
                cancel_or_not(),
            )
            for name, key in CATALOG_CALLS.items()
        },
        "render_with": st.builds(
            lambda key, out, fmt, kw: lambda: reports.render_with(key, out, format=fmt, **kw),
            odd.mostly(st.sampled_from(REPORT_KEYS), st.one_of(st.just("invoice"), _odd(odd))),
            out_paths(folder, odd, co.path),
            odd.mostly(st.sampled_from([None, "pdf", "csv", "xlsx"]), _odd(odd)),
            opt(
                {},
                optional={
                    "as_of": pick("as_of", "date"),
                    "customers": pick("customers", "Iterable[int | str]"),
                    "include_zero": pick("include_zero", "bool"),
                    "period": pick("period", "str"),
                    "no_such_option": pick("no_such_option", "int"),
                },
            ),
        ),
        "render": st.builds(
            lambda key, out, options, fmt: lambda: reports.render(key, out, options, format=fmt),
            odd.mostly(st.sampled_from(REPORT_KEYS), st.one_of(st.just("invoice"), _odd(odd))),
            out_paths(folder, odd, co.path),
            st.one_of(
                st.none(),
                st.sampled_from(
                    [
                        ContactLogOptions(),
                        ContactLogOptions(period="x"),
                        ContactLogOptions(customers=(2**70,)),  # type: ignore[arg-type]
                        ContactLogOptions(kinds=(5,)),  # type: ignore[arg-type]
                        CustomerContactListOptions(customers=("\ud800",)),
                        OpenBalancesOptions(as_of="2026-01-01"),  # type: ignore[arg-type]
                        OpenBalancesOptions(customers=(None,)),  # type: ignore[arg-type]
                    ]
                ),
                _odd(odd),
            ),
            odd.mostly(st.sampled_from([None, "pdf", "csv", "xlsx"]), _odd(odd)),
        ),
    }


REPORT_CALLS = [
    "contact_log",
    "customer_contact_list",
    "open_balances",
    "invoice",
    "invoice_by_number",
    "render",
    "render_with",
    *CATALOG_CALLS,
]


def test_report_walk_covers_every_report(seeded: tuple[Any, dict[str, int]]) -> None:
    co, _ = seeded
    public = {n for n in dir(co.reports) if not n.startswith("_") and n != "available"}
    assert public == set(REPORT_CALLS)
    assert {info.key for info in co.reports.available()} == set(REPORT_KEYS)


def check_report(
    seeded: tuple[Any, dict[str, int]], odd: Any, folder: Path, report: str, examples: int
) -> dict[str, int]:
    co, seed = seeded
    folder.mkdir()
    tally: dict[str, int] = {}

    @run_settings(examples)
    @given(call=report_calls(co, seed, folder, odd)[report])
    def run(call: Callable[[], Any]) -> None:
        before = folder_files(folder)
        result = attempt(call, snapshot=None, tally=tally)
        if isinstance(result, OfficeMgrError):
            assert folder_files(folder) <= before, f"a refused report left a file: {result}"
        else:  # a PDF, or a table: CSV (with its byte-order mark) or a workbook (a zip)
            written = result.path.read_bytes()
            kinds = (b"%PDF",) if result.pages else (b"\xef\xbb\xbf", b"PK\x03\x04")
            assert written.startswith(kinds), written[:16]

    run()
    return tally


@pytest.mark.parametrize("report", REPORT_CALLS)
def test_report_returns_or_refuses(
    seeded: tuple[Any, dict[str, int]], odd: Any, tmp_path: Path, report: str
) -> None:
    tally = check_report(seeded, odd, tmp_path / "out", report, QUICK // 2)
    assert tally.get("refused"), tally


@pytest.mark.slow
@pytest.mark.parametrize("report", REPORT_CALLS)
def test_report_returns_or_refuses_long(
    seeded: tuple[Any, dict[str, int]], odd: Any, tmp_path: Path, report: str
) -> None:
    tally = check_report(seeded, odd, tmp_path / "out", report, SLOW // 2)
    assert tally.get("returned") and tally.get("refused"), tally


def test_report_into_a_folder_or_nowhere_is_refused(
    seeded: tuple[Any, dict[str, int]], tmp_path: Path
) -> None:
    co, seed = seeded
    before = folder_files(tmp_path)
    for out in (
        tmp_path,
        tmp_path / "missing" / "x.pdf",
        "",
        5,
        str(tmp_path / "n\x00.pdf"),
        tmp_path / ("x" * 300 + ".pdf"),
        co.path,
    ):
        with pytest.raises(ValidationError) as refused:
            co.reports.invoice(seed["invoice"], out)
        assert refused.value.field == "out"
    assert folder_files(tmp_path) == before
    assert co.customers.get(seed["customer"]).name == "Smith, John"  # the file is whole


def test_report_of_a_huge_invoice_number_is_refused(
    seeded: tuple[Any, dict[str, int]], tmp_path: Path
) -> None:
    co, _ = seeded
    for number in (2**63, 99999999999999999999999, -(2**70)):
        with pytest.raises(ValidationError) as refused:
            co.reports.invoice_by_number(number, tmp_path / "x.pdf")
        assert refused.value.field == "number"
    assert not (tmp_path / "x.pdf").exists()
