"""Verify Data on files made through the services: what is right is reported as right."""

from __future__ import annotations

from pathlib import Path

from officemgr.core.check import verify


def test_names_whose_case_folding_decomposes_pass_verify_data(company, company_path: Path) -> None:
    # casefold() of "ǰ" and of accented Greek capitals is not NFC; keys must agree anyway.
    customer = company.customers.add(name="Ἀΐδης Ltd", phone="555-201-0001")
    company.jobs.add(parent=customer.id, name="ǰob")
    company.close()
    report = verify(company_path)
    assert report.problems == []
    assert report.counts["customers"] == 1 and report.counts["jobs"] == 1


def test_a_file_with_a_moved_job_and_a_renamed_customer_passes(company, company_path: Path) -> None:
    a = company.customers.add(name="Adams, Ann")
    b = company.customers.add(name="Baker, Bob")
    job = company.jobs.add(parent=a.id, name="Furnace")
    sub = company.jobs.add(parent=job.id, name="Day 1")
    company.contact_log.add(owner=sub.id, kind="Call In", subject="Running late")
    company.jobs.move(job.id, new_parent=b.id)
    company.customers.update(b.id, name="Baker, Robert")
    company.close()
    assert verify(company_path).problems == []
