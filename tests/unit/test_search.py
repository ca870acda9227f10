"""The quick filter's index: folding in every script, modes, ranking, and staying in step
with every write that changes what a record can be found by."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from officemgr.core import search


def names(found: list[Any]) -> list[str]:
    return [n.full_name for n in found]


def find(company: Any, query: str, **options: Any) -> list[str]:
    return names(company.customers.search(query, **options))


@pytest.mark.parametrize("query", ["angstrom", "ÅNGSTRÖM", "Ångström", "ångstrÖm", "ANGST"])
def test_case_and_accents_never_matter(company: Any, query: str) -> None:
    company.customers.add(name="Ångström Heating")
    company.customers.add(name="Anglers Club")
    assert find(company, query) == ["Ångström Heating"]


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ("Владимир Петров", "ВЛАДИМИР"),  # Cyrillic case
        ("Петров, Владимир", "владим"),
        ("Άρης Παπαδόπουλος", "ΑΡΗΣ"),  # Greek: accents and final sigma fold
        ("Παπαδόπουλος, Άρης", "παπαδοπουλ"),
        ("Müller-Lüdenscheidt GmbH", "muller-lud"),
        ("Straße Bau", "STRASSE"),
        ("Østergaard ApS", "ostergaard"),
        ("東京電機", "東京"),  # two letters, no spaces: a word prefix
        ("株式会社山田", "山田"),  # two letters inside a word: contains
        ("Nguyễn Văn An", "nguyen van"),
    ],
)
def test_every_script_folds(company: Any, stored: str, query: str) -> None:
    company.customers.add(name=stored)
    company.customers.add(name="Someone Else")
    assert find(company, query) == [stored]


def test_ranking_exact_then_prefix_then_word_then_anywhere(company: Any) -> None:
    for name in ("Bakersfield Plumbing", "Old Baker Street", "Baker", "Cake Baker", "Zbaker"):
        company.customers.add(name=name)
    assert find(company, "baker") == [
        "Baker",  # the name itself
        "Bakersfield Plumbing",  # names starting with it
        "Cake Baker",  # a word starting with it (alphabetical within a tier)
        "Old Baker Street",
        "Zbaker",  # anywhere
    ]
    assert find(company, "baker", mode="starts_with") == ["Baker", "Bakersfield Plumbing"]
    assert find(company, "BAKER", mode="equals") == ["Baker"]


def test_one_and_two_letter_queries(company: Any) -> None:
    for name in ("Ode Systems", "Abe Lincoln", "Zed Odd", "Hodge Podge"):
        company.customers.add(name=name)
    # one or two letters: names and words starting with them (inside a word needs three)
    assert find(company, "o") == ["Ode Systems", "Zed Odd"]
    assert find(company, "od") == ["Ode Systems", "Zed Odd"]
    assert find(company, "odg") == ["Hodge Podge"]
    assert find(company, "od", mode="starts_with") == ["Ode Systems"]


def test_several_words_must_all_match_in_any_order(company: Any) -> None:
    company.customers.add(name="Smith, John", company_name="Riverside Dental")
    company.customers.add(name="Smith, Jane")
    assert find(company, "john smith") == ["Smith, John"]
    assert find(company, "dental smi") == ["Smith, John"]
    assert find(company, "smith") == ["Smith, Jane", "Smith, John"]


@pytest.mark.parametrize(
    "query", ["5552013344", "(555) 201-3344", "+1 555 201 3344", "555.201.3344", "2013344"]
)
def test_phones_match_whatever_the_format(company: Any, query: str) -> None:
    company.customers.add(name="Caller", phone="555-201-3344")
    company.customers.add(name="Other", phone="555-201-9999")
    assert find(company, query) == ["Caller"]


def test_phone_modes(company: Any) -> None:
    company.customers.add(name="Caller", phone="(937) 555-0100")
    assert find(company, "937", mode="starts_with") == ["Caller"]
    assert find(company, "0100", mode="starts_with") == []
    assert find(company, "555-01") == ["Caller"]
    assert find(company, "+1 937 555 0100", mode="equals") == ["Caller"]
    assert find(company, "937 555 01", mode="equals") == []


def test_index_follows_add_rename_and_delete(company: Any) -> None:
    node = company.customers.add(name="Gamma Works")
    assert find(company, "gamma") == ["Gamma Works"]
    company.customers.update(node.id, name="Delta Works", company_name="Epsilon LLC")
    assert find(company, "gamma") == []
    assert find(company, "epsilon") == ["Delta Works"]
    company.customers.delete(node.id)
    assert find(company, "delta", show="all") == []
    assert find(company, "epsilon", show="all") == []
    with company.read() as session:
        left = session.execute(
            text("SELECT count(*) FROM search_text WHERE rowid = :id"), {"id": node.id}
        ).scalar()
    assert left == 0


def test_index_follows_contacts_emails_phones_and_addresses(company: Any) -> None:
    node = company.customers.add(name="Acme", bill_to={"city": "Springfield"})
    contact = company.contacts.add(owner=node.id, name="Mary Jones", phone="555-777-1212")
    assert find(company, "jones") == ["Acme"]
    assert find(company, "7771212") == ["Acme"]
    company.contacts.update(contact.id, name="Mary Brown", email="mary@brown.example")
    assert find(company, "jones") == []
    assert find(company, "brown.example") == ["Acme"]
    company.contacts.remove(contact.id)
    assert find(company, "brown") == []
    assert find(company, "7771212") == []
    detail = company.customers.get(node.id)
    company.customers.update(
        node.id,
        expected_version=detail.version,
        bill_to={"city": "Shelbyville"},
        email="office@acme.example",
    )
    assert find(company, "springf") == []
    assert find(company, "shelby") == ["Acme"]
    assert find(company, "office@acme") == ["Acme"]


def test_moved_and_deactivated_records(company: Any) -> None:
    first = company.customers.add(name="First Co")
    second = company.customers.add(name="Second Co")
    job = company.jobs.add(parent=first.id, name="Kitchen Remodel")
    company.jobs.move(job.id, new_parent=second.id)
    assert find(company, "kitchen") == ["Second Co:Kitchen Remodel"]
    company.customers.set_active(second.id, active=False, include_jobs=True)
    assert find(company, "kitchen") == []
    assert find(company, "kitchen", show="inactive") == ["Second Co:Kitchen Remodel"]


def test_prospects_filter(company: Any) -> None:
    prospect = company.customers.add(name="Maybe Later", is_prospect=True)
    company.jobs.add(parent=prospect.id, name="Maybe Job")
    company.customers.add(name="Maybe Not")
    assert find(company, "maybe", show="prospects") == ["Maybe Later", "Maybe Later:Maybe Job"]


def test_rebuild_gives_the_same_index_as_the_writes(company: Any) -> None:
    node = company.customers.add(name="Ångström", phone="555-201-3344", email="a@b.example")
    company.contacts.add(owner=node.id, name="Zoë Ärzt")
    company.jobs.add(parent=node.id, name="Boiler")

    def snapshot() -> tuple[list[Any], list[Any]]:
        with company.read() as session:
            terms = session.execute(text("SELECT term, node_id FROM search_terms ORDER BY 1, 2"))
            bodies = session.execute(text("SELECT rowid, body FROM search_text ORDER BY 1"))
            return list(terms), list(bodies)

    written = snapshot()
    with company.write() as session:
        search.rebuild(session.connection())
    assert snapshot() == written
    assert any(term == "zoe" for term, _ in written[0])


def test_markup_and_wildcards_are_literal(company: Any) -> None:
    company.customers.add(name='O"Brien <b>Bold</b> & Co')
    company.customers.add(name="100% Clean")
    assert find(company, 'o"brien') == ['O"Brien <b>Bold</b> & Co']
    assert find(company, "<b>bold") == ['O"Brien <b>Bold</b> & Co']
    assert find(company, "%") == ["100% Clean"]
    assert find(company, "AND") == []  # not an FTS operator
    assert find(company, '"') == ['O"Brien <b>Bold</b> & Co']


def test_the_rarest_word_drives_a_many_word_search(company: Any) -> None:
    for n in range(12):  # a common domain, and a common city
        company.customers.add(name=f"Customer {n:02d}", email=f"office{n}@example.net",
                              bill_to={"city": "Columbus"})  # fmt: skip
    company.customers.add(name="Hill, Douglas", email="douglas.hill@example.net")
    with company.engine.connect() as conn:
        ranked = search._rarest_first(conn, ["example", "net", "douglas", "hill"])
        assert ranked[:2] == ["douglas", "hill"] and set(ranked[2:]) == {"example", "net"}
        assert search._rarest_first(conn, ["columbus", "customer", "00"])[0] == "00"
    assert find(company, "douglas.hill@example.net") == ["Hill, Douglas"]
    assert find(company, "Customer 03 Columbus") == ["Customer 03"]


def test_words_that_all_reach_the_first_count_are_counted_further(
    company: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 300,000 customers every word of an e-mail starts thousands of terms: counted
    only to the first round's cap they would tie, and the longest ("example", the
    domain) would drive the search through a quarter of a million terms."""
    monkeypatch.setattr(search, "_RANK_ROUNDS", (3, 1000))
    for n in range(2):
        company.customers.add(name=f"Dora {n}", email=f"dora{n}@example.net")
    for n in range(6):
        company.customers.add(name=f"Hill {n}", email=f"hill{n}@example.net")
    for n in range(8):
        company.customers.add(name=f"Office {n}", email=f"office{n}@example.net")
    with company.engine.connect() as conn:
        ranked = search._rarest_first(conn, ["example", "net", "dora", "hill"])
    assert ranked[0] == "dora"  # 4 terms; hill 12, example and net 16 each
    assert find(company, "dora1@example.net") == ["Dora 1"]


@pytest.mark.sqlite_only  # counts the statements SQLite runs
def test_only_a_change_to_what_is_indexed_rewrites_its_rows(company: Any) -> None:
    smith = company.customers.add(name="Smith, John", bill_to={"city": "Dayton"}).id
    written: list[str] = []

    def trace(statement: str) -> None:
        if "search_terms" in statement and not statement.lstrip().upper().startswith("SELECT"):
            written.append(statement)

    def checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        dbapi_connection.set_trace_callback(trace)

    from sqlalchemy import event

    event.listen(company.engine, "checkout", checkout)
    try:
        company.customers.update(smith, notepad="Gate code 4411", credit_limit="500")
        assert written == []  # nothing the quick filter finds a record by
        company.customers.update(smith, bill_to={"city": "Kettering"})
        assert written  # the city is indexed: the node's rows are written again
    finally:
        event.remove(company.engine, "checkout", checkout)
    assert find(company, "kettering") == ["Smith, John"] and find(company, "dayton") == []
