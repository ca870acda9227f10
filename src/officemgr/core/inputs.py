"""The input checks and tree reads the services share with the other Qt-free layers.

The reports (and the command line) check their options the way the services check a
form's values, so a bad date or a customer name with a line break in it gets the same
sentence everywhere. These are the helpers they may use, published under one public
name: nothing outside ``core.services`` imports that package's private (``_``) modules.

The code still lives in ``core.services._fields`` and ``core.services._nodes``; this
module is the one door to it (a test keeps it so). Moving the code here, with the
services importing it back, is the natural next step for whoever owns the services.
"""

from __future__ import annotations

from officemgr.core.services._fields import (
    FIRST_DAY,
    LAST_DAY,
    MAX_ID,
    MIN_ID,
    PAPER_SIZES,
    as_day,
    as_paper,
    check_ids_or_names,
    has_surrogates,
    is_id,
    query_text,
    shown,
)
from officemgr.core.services._nodes import descendants_of, office_region

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "MAX_ID",
    "MIN_ID",
    "PAPER_SIZES",
    "as_day",
    "as_paper",
    "check_ids_or_names",
    "descendants_of",
    "has_surrogates",
    "is_id",
    "office_region",
    "query_text",
    "shown",
]
