"""Bringing customers in from other programs: QuickBooks IIF, CSV and Excel files.

A reader turns a file into `records.ParsedFile` — customers and jobs by name, with the
problems found, each on its line — without touching a company file; the import service
then previews what that would change in a company and writes it in one transaction.
"""
