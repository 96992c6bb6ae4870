"""A failing and a passing payload for every rule, kept beside the docs and out of the library.

The table (``table.py``) is data: per rule, the endpoint, the field its finding must name, and two cases
written as small patches of a base payload (``bases.py``). This package turns a case into the payload and
the findings the library really produces (``cases.py``); the MkDocs hook renders them on the rule pages,
and ``tests/test_rule_examples.py`` proves every example does what its page says.
"""

from __future__ import annotations

from .bases import ORDER, PAYMENT, SNAPSHOT, TODAY
from .cases import DELETE, PAYMENT_ENDPOINTS, Case, Example, Patch, findings, materialize, shown_paths
from .table import EXAMPLES

__all__ = [
    "DELETE",
    "EXAMPLES",
    "ORDER",
    "PAYMENT",
    "PAYMENT_ENDPOINTS",
    "SNAPSHOT",
    "TODAY",
    "Case",
    "Example",
    "Patch",
    "findings",
    "materialize",
    "shown_paths",
]
