"""A record of an order export: the one rule about a record rather than a request body (MP900).

The linter and ``validate_records`` read exports one record at a time; a record that is not JSON cannot
reach any request rule, so its finding belongs to the record itself. It cannot be switched off: a record
that cannot be read cannot be checked, and passing it silently would be worse than any finding.
"""

from __future__ import annotations

from ..._findings import Severity
from .. import citations as cite
from ..rule import Evidence, Rule

INVALID_JSON = Rule(
    "MP900",
    "invalid-json",
    Severity.ERROR,
    (cite.HANDLING_ERRORS,),
    Evidence.DOCUMENTED,
    "a record of an export is not valid JSON",
    "Mollie refuses a body that is not JSON before it looks at any field; the record cannot be checked.",
    "Repair the export: one complete JSON object per line (JSONL), or one valid JSON document (.json).",
    "The request body is not valid JSON.",
)

RULES = (INVALID_JSON,)
