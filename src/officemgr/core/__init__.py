"""Qt-free domain library: models, the company file, services, validation, search.

Nothing under ``officemgr.core`` imports Qt (a test checks it), so the command line,
the reports and the tests share one domain with the window.
"""
