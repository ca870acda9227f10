"""The benchmark suite (``make bench``): the app's speed beside a floor measured in the same run.

Every metric times what the app does (services, the main window, the report) and, for
scale, the same work done the plainest way (raw sqlite3, a bare Qt window, a plain
reportlab canvas) on the same file and machine, so a ratio stays meaningful when the
machine is slower or busier. Run ``python -m tests.benchmarks --help`` from the repo root.
"""
