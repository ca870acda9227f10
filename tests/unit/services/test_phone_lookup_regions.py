"""Caller ID keeps countries apart: every region's example numbers find only their own.

``phonenumbers`` knows an example number (and mostly a mobile one) for every region it
supports. Each distinct number is stored on a customer of its own (a number shared by
regions, "+61 412 345 678" for AU, CC and CX, on one customer), then looked up in every
form a caller ID or a person could give it: E.164, international, RFC 3966 and dialled
from the US office ("011 971 …"), and in national format. A national number only means
something inside its country, so the national form is looked up with the office's region
set to each region that uses the number (a "+44" number in national format from GB, GG,
JE, IM): from anywhere else it would be another country's number. Each lookup must find
exactly that one customer: the digits alone would mix "+971 50 123 4567" (UAE) up with
"+380 50 123 4567" (Ukraine), and "+243 12 34567" with "+243 991 234 567" (one country).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import phonenumbers
import pytest
from phonenumbers import PhoneNumberFormat, PhoneNumberType

OFFICE = "US"


def example_numbers() -> dict[str, list[str]]:
    """Every distinct example number (E.164) of every region, with the regions using it."""
    regions: dict[str, list[str]] = defaultdict(list)
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        examples = (
            phonenumbers.example_number(region),
            phonenumbers.example_number_for_type(region, PhoneNumberType.MOBILE),
        )
        for number in examples:
            if number is None:
                continue
            e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
            if region not in regions[e164]:
                regions[e164].append(region)
    return dict(regions)


EXAMPLES = example_numbers()


def _form(e164: str, style: int) -> str:
    return phonenumbers.format_number(phonenumbers.parse(e164), style)


def _international_forms(e164: str) -> list[str]:
    number = phonenumbers.parse(e164)
    return [
        e164,
        phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL),
        phonenumbers.format_number(number, PhoneNumberFormat.RFC3966),  # "tel:+971-50-…"
        phonenumbers.format_out_of_country_calling_number(number, OFFICE),  # "011 971 50 …"
    ]


def _store(company: Any, stored_as: str) -> dict[str, int]:
    """One customer per example number, typed internationally or nationally (from its
    first region); the customer ids by E.164."""
    ids: dict[str, int] = {}
    for e164, regions in EXAMPLES.items():
        if stored_as == "national":
            company.settings.update(default_phone_region=regions[0])
            typed = _form(e164, PhoneNumberFormat.NATIONAL)
        else:
            typed = _form(e164, PhoneNumberFormat.INTERNATIONAL)
        customer = company.customers.add(name=f"{' '.join(regions)} {e164}", phone=typed)
        ids[e164] = customer.id
    company.settings.update(default_phone_region=OFFICE)
    return ids


def _found(company: Any, number: str) -> list[tuple[str, int]]:
    return [(match.kind, match.id) for match in company.phone_lookup(number)]


def test_every_region_has_example_numbers() -> None:
    regions = {region for users in EXAMPLES.values() for region in users}
    assert regions == phonenumbers.SUPPORTED_REGIONS
    assert len(regions) > 240
    assert len(EXAMPLES) > 450


@pytest.mark.parametrize("stored_as", ["international", "national"])
def test_each_example_number_finds_only_its_own_customer(company: Any, stored_as: str) -> None:
    ids = _store(company, stored_as)
    assert company.settings.get().default_phone_region == OFFICE

    wrong: list[tuple[str, str, list[tuple[str, int]]]] = []
    lookups = 0
    for e164 in EXAMPLES:
        for number in _international_forms(e164):
            lookups += 1
            found = _found(company, number)
            if found != [("customer", ids[e164])]:
                wrong.append((OFFICE, number, found))

    by_region: dict[str, list[str]] = defaultdict(list)
    for e164, regions in EXAMPLES.items():
        for region in regions:
            by_region[region].append(e164)
    for region, numbers in sorted(by_region.items()):
        company.settings.update(default_phone_region=region)
        for e164 in numbers:
            number = _form(e164, PhoneNumberFormat.NATIONAL)
            lookups += 1
            found = _found(company, number)
            if found != [("customer", ids[e164])]:
                wrong.append((region, number, found))

    assert wrong == []
    assert lookups == 4 * len(EXAMPLES) + sum(len(r) for r in EXAMPLES.values())
