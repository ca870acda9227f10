"""Columns to fields: `guess_mapping` from header names, the saved mapping's JSON, and the
targets' table the import dialog shows."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from officemgr.core.imports.mapping import (
    CUSTOM_PREFIX,
    TARGETS,
    ColumnMapping,
    guess_mapping,
    is_target,
    mapping_from_json,
    mapping_to_json,
    target_label,
)
from officemgr.core.imports.records import LIST_REFERENCES, NODE_VALUES

# ----------------------------------------------------------------------- targets


def test_targets_cover_the_node_values_addresses_names_and_lists() -> None:
    expected = {key for key in NODE_VALUES if key not in ("bill_to", "work")}
    expected |= {
        f"{kind}.{part}"
        for kind in ("bill_to", "work")
        for part in ("line1", "line2", "city", "region", "postal_code", "country")
    }
    expected |= {"name", "full_name", "parent", "contact1", "contact2", "taxable", "inactive"}
    expected |= set(LIST_REFERENCES)
    assert set(TARGETS) == expected
    assert all(label.strip() for label in TARGETS.values())
    assert len(set(TARGETS.values())) == len(TARGETS)  # the dialog tells them apart


def test_custom_fields_are_targets_by_label() -> None:
    assert is_target("custom:Gate Code")
    assert not is_target("custom:  ")
    assert not is_target("nope")
    assert target_label("custom:Gate Code") == "Custom field: Gate Code"
    assert target_label("bill_to.postal_code") == "Bill to: ZIP or postal code"


# ----------------------------------------------------------------------- guessing


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("Customer", "name"),
        ("Customer Name", "name"),
        ("NAME", "name"),
        ("Full Name", "full_name"),
        ("Customer:Job", "full_name"),
        ("Company", "company_name"),
        ("First Name", "first_name"),
        ("first_name", "first_name"),
        ("Last", "last_name"),
        ("M.I.", "middle_initial"),
        ("Phone", "phone"),
        ("Phone Number", "phone"),
        ("Mobile", "cell"),
        ("Cell", "cell"),
        ("E-mail", "email"),
        ("e mail", "email"),
        ("Email Address", "email"),
        ("Street", "bill_to.line1"),
        ("Address 1", "bill_to.line1"),
        ("Address Line 2", "bill_to.line2"),
        ("Zip", "bill_to.postal_code"),
        ("Postal Code", "bill_to.postal_code"),
        ("ZIP/Postal Code", "bill_to.postal_code"),
        ("State", "bill_to.region"),
        ("Province", "bill_to.region"),
        ("Country", "bill_to.country"),
        ("Billing Address City", "bill_to.city"),
        ("Bill to 1", "bill_to.line1"),
        ("Ship To City", "work.city"),
        ("Job Site Zip", "work.postal_code"),
        ("Work Site: state or province", "work.region"),
        ("Notes", "notepad"),
        ("Credit Limit", "credit_limit"),
        ("Terms", "terms"),
        ("Rep", "sales_rep"),
        ("Type", "customer_type"),
        ("Job Type", "job_type"),
        ("Tax Code", "tax_code"),
        ("Active", "is_active"),
        ("Active Status", "is_active"),
        ("Inactive", "inactive"),
        ("Hidden", "inactive"),
        ("Job Status", "status"),
        ("Start Date", "start_date"),
        ("End Date", "completion_date"),
        ("Contact", "contact1"),
        ("Alt. Contact", "contact2"),
        ("Taxable", "taxable"),
        ("custom:Gate Code", "custom:Gate Code"),
        ("Custom: Gate Code ", "custom:Gate Code"),
    ],
)
def test_a_header_suggests_its_field(header: str, target: str) -> None:
    assert guess_mapping([header]).columns == {header: target}


@pytest.mark.parametrize("header", ["", "   ", "Favourite colour", "custom:", "Bill to 3", "Σ"])
def test_unknown_headers_are_left_unmapped(header: str) -> None:
    assert guess_mapping([header]).columns == {}


def test_our_own_column_names_map_themselves() -> None:
    headers = [*TARGETS, "custom:Gate Code"]
    assert dict(guess_mapping(headers).columns) == {h: h for h in headers}


def test_the_dialogs_labels_map_too() -> None:
    mapping = guess_mapping(list(TARGETS.values()))
    assert dict(mapping.columns) == {label: target for target, label in TARGETS.items()}


def test_each_field_goes_to_the_first_column_suggesting_it() -> None:
    mapping = guess_mapping(["Mobile", "Cell", "Phone", "Phone Number", "Name", "Customer"])
    assert dict(mapping.columns) == {"Mobile": "cell", "Phone": "phone", "Name": "name"}


def test_a_customer_column_beside_a_job_column_is_the_parent() -> None:
    assert dict(guess_mapping(["Customer", "Job", "Phone"]).columns) == {
        "Customer": "parent",
        "Job": "name",
        "Phone": "phone",
    }
    assert dict(guess_mapping(["Job Name"]).columns) == {"Job Name": "name"}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=30))
def test_guess_mapping_never_raises_and_maps_only_known_targets(headers: list[str]) -> None:
    mapping = guess_mapping(headers)
    assert set(mapping.columns) <= set(headers)
    assert all(is_target(target) for target in mapping.columns.values())
    assert len(set(mapping.columns.values())) == len(mapping.columns)


# ----------------------------------------------------------------------- saving


def test_the_saved_mapping_is_small_versioned_json() -> None:
    mapping = ColumnMapping({"Customer": "name", "Zip": "bill_to.postal_code"})
    document = json.loads(mapping_to_json(mapping))
    assert document == {
        "version": 1,
        "format": "officemgr-import-mapping",
        "columns": {"Customer": "name", "Zip": "bill_to.postal_code"},
    }
    assert mapping_from_json(mapping_to_json(mapping)) == mapping


def test_a_mapping_is_read_only() -> None:
    columns = {"Name": "name"}
    mapping = ColumnMapping(columns)
    columns["Phone"] = "phone"  # the caller's dict is copied
    assert dict(mapping.columns) == {"Name": "name"}
    with pytest.raises(TypeError):
        mapping.columns["Phone"] = "phone"  # type: ignore[index]


def _document(**changes: object) -> str:
    document: dict[str, object] = {
        "version": 1,
        "format": "officemgr-import-mapping",
        "columns": {"Name": "name"},
    }
    document.update(changes)
    return json.dumps(document)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "not valid JSON"),
        ('{"version": 1,', "not valid JSON"),
        ("[" * 100_000, "not valid JSON"),
        ("[]", "not an OfficeMgr import mapping"),
        ('{"version": 1, "columns": {}}', "not an OfficeMgr import mapping"),
        (_document(format="something-else"), "not an OfficeMgr import mapping"),
        (_document(version=2), "version 2"),
        (_document(version="1"), "version '1'"),
        (_document(version=True), "version True"),
        (_document(columns=["Name"]), "“columns”"),
        (_document(columns={"Name": "nmae"}), "“Name” to “nmae”"),
        (_document(columns={"Name": 3}), "“Name” to “3”"),
        (_document(columns={"Gate": "custom:"}), "not a field"),
    ],
)
def test_a_bad_mapping_is_one_clear_sentence(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=r"\.$") as caught:
        mapping_from_json(text)
    message = str(caught.value)
    assert words in message
    assert "\n" not in message and len(message) < 300


_TARGETS = st.sampled_from(list(TARGETS)) | st.text(min_size=1, max_size=20).filter(
    lambda label: label.strip()
).map(lambda label: CUSTOM_PREFIX + label)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=30), _TARGETS, max_size=20))
def test_the_json_round_trips(columns: dict[str, str]) -> None:
    mapping = ColumnMapping(columns)
    assert mapping_from_json(mapping_to_json(mapping)) == mapping
