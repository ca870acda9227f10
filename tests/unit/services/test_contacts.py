"""Contacts of a customer or job: phones with types, email, notes, one primary."""

from __future__ import annotations

from typing import Any

import pytest

from officemgr.core.records import ContactRecord
from officemgr.errors import ConflictError, NotFoundError, ValidationError


@pytest.fixture
def owner(company: Any) -> int:
    return int(company.customers.add(name="Smith, John").id)


def test_add_a_contact_with_phones_and_email(company: Any, owner: int) -> None:
    c = company.contacts.add(
        owner=owner,
        name="  Mary Smith ",
        role="Spouse",
        phone="555-201-9000",
        phones=[("cell", "555.201.9001"), ("fax", "not a number")],
        email="Mary@Example.com",
        notes="Call after 5\nNever on Sundays",
    )
    assert isinstance(c, ContactRecord)
    assert (c.owner_id, c.name, c.role, c.position) == (owner, "Mary Smith", "Spouse", 0)
    assert c.notes == "Call after 5\nNever on Sundays"
    assert [(p.kind, p.formatted, p.is_valid) for p in c.phones] == [
        ("main", "(555) 201-9000", True),
        ("cell", "(555) 201-9001", True),
        ("fax", "not a number", False),
    ]
    assert c.phones[2].warning and "kept as typed" in c.phones[2].warning
    assert c.email and c.email.normalized == "mary@example.com" and c.email.is_valid
    assert company.contacts.get(c.id) == c
    detail = company.customers.get(owner)
    assert detail.contacts == (c,)
    assert any(w.startswith("Mary Smith: ") for w in detail.warnings)


def test_contacts_are_listed_in_order(company: Any, owner: int) -> None:
    for name in ("Ann", "Bob", "Cy"):
        company.contacts.add(owner=owner, name=name)
    assert [c.name for c in company.contacts.list_for(owner)] == ["Ann", "Bob", "Cy"]
    assert [c.position for c in company.contacts.list_for(owner)] == [0, 1, 2]


def test_one_primary_contact_per_owner(company: Any, owner: int) -> None:
    a = company.contacts.add(owner=owner, name="Ann", is_primary=True)
    b = company.contacts.add(owner=owner, name="Bob", is_primary=True)
    assert [(c.name, c.is_primary) for c in company.contacts.list_for(owner)] == [
        ("Ann", False),
        ("Bob", True),
    ]
    company.contacts.update(a.id, is_primary=True)
    assert [c.is_primary for c in company.contacts.list_for(owner)] == [True, False]
    other = company.customers.add(name="Jones, Ann")
    company.contacts.add(owner=other.id, name="Zed", is_primary=True)
    assert company.contacts.get(a.id).is_primary  # another owner's primary is separate
    assert not company.contacts.get(b.id).is_primary


def test_update_a_contact(company: Any, owner: int) -> None:
    c = company.contacts.add(owner=owner, name="Ann", phone="555-201-0001", email="a@x.example")
    u = company.contacts.update(
        c.id, name="Ann Lee", role="Manager", notes="Prefers text", phone="555-201-0002"
    )
    assert (u.name, u.role, u.notes) == ("Ann Lee", "Manager", "Prefers text")
    assert [p.formatted for p in u.phones] == ["(555) 201-0002"]
    assert u.version == c.version + 1
    u = company.contacts.update(c.id, phones=[("home", "555-201-0003"), ("cell", "555-201-0004")])
    assert [(p.kind, p.formatted) for p in u.phones] == [
        ("home", "(555) 201-0003"),
        ("cell", "(555) 201-0004"),
    ]
    u = company.contacts.update(c.id, email=None, role="")
    assert u.emails == () and u.role is None
    assert company.contacts.get(c.id) == u


def test_contact_version_conflict(company: Any, owner: int) -> None:
    c = company.contacts.add(owner=owner, name="Ann")
    company.contacts.update(c.id, expected_version=c.version, role="A")
    with pytest.raises(ConflictError):
        company.contacts.update(c.id, expected_version=c.version, role="B")


def test_remove_a_contact_keeps_its_name_in_the_log(company: Any, owner: int) -> None:
    c = company.contacts.add(owner=owner, name="Ann Lee", phone="555-201-0001")
    entry = company.contact_log.add(owner=owner, kind="Call In", subject="Hi", contact=c.id)
    assert entry.contact_id == c.id
    company.contacts.remove(c.id)
    assert company.contacts.list_for(owner) == []
    (kept,) = company.contact_log.list_for(owner)
    assert (kept.contact_id, kept.contact_name) == (None, "Ann Lee")
    assert company.phone_lookup("555-201-0001") == []
    with pytest.raises(NotFoundError):
        company.contacts.get(c.id)


BAD: list[tuple[dict[str, Any], str, str]] = [
    ({"name": "  "}, "name", "Give the contact a name."),
    ({"name": "Ann", "phones": [("pager", "555-201-0001")]}, "phones", "main, alt, cell"),
    ({"name": "Ann", "phones": ["555-201-0001"]}, "phones", "(type, number) pairs"),
    ({"name": "Ann", "role": "x" * 61}, "role", "at most 60"),
]


def test_bad_contacts_are_refused(company: Any, owner: int) -> None:
    for fields, field, words in BAD:
        with pytest.raises(ValidationError) as err:
            company.contacts.add(owner=owner, **fields)
        assert err.value.field == field and words in str(err.value), fields
    assert company.contacts.list_for(owner) == []


def test_unknown_owner_or_field(company: Any, owner: int) -> None:
    with pytest.raises(NotFoundError):
        company.contacts.add(owner=999, name="Ann")
    c = company.contacts.add(owner=owner, name="Ann")
    with pytest.raises(ValidationError) as err:
        company.contacts.update(c.id, address="1 Elm St")
    assert err.value.field == "address"
