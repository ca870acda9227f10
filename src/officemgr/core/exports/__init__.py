"""Taking a company's data out: its lists as CSV, Excel, QuickBooks IIF or vCard files.

The other side of ``core.imports``. Every export streams: the company is read in batches
inside one read transaction (a consistent snapshot, however long the file takes), and
each batch is written before the next is read, so a list of 100,000 customers is never
held in memory. The file is written beside its target and moved into place only when
whole (``core.outputs``): a full disk, Cancel or a crash leaves no part of a file and
never touches a file already there. A company file, a backup or SQLite's files beside
one is never a target.

What each list holds, column by column, is in `columns`; the customer columns are the
import's own targets, so a CSV written here maps itself when imported again.
"""
