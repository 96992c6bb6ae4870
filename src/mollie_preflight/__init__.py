"""mollie-preflight: check and compute Mollie Orders API payloads offline, before they are sent.

    >>> import mollie_preflight as mp
    >>> report = mp.validate_order(payload)      # doctest: +SKIP
    >>> report.ok, [v.field for v in report]     # doctest: +SKIP

The public API is exactly what ``__all__`` lists; every module behind it is private.
"""

from __future__ import annotations

from .build import build_line, build_order
from .calc import line_total, order_amount, vat_amount, vat_per_rate
from .discounts import DiscountError, Percentage, split_discount
from .findings import OrderValidationError, PreflightError, Report, Severity, Violation
from .fix import Change, FixResult, fix_order
from .options import Options
from .reconcile import ReconcileError, reconcile
from .rules.registry import RULES, get_rule
from .rules.rule import Evidence, Rule
from .validate import validate_order

__version__ = "0.1.0"

__all__ = [
    "RULES",
    "Change",
    "DiscountError",
    "Evidence",
    "FixResult",
    "Options",
    "OrderValidationError",
    "Percentage",
    "PreflightError",
    "ReconcileError",
    "Report",
    "Rule",
    "Severity",
    "Violation",
    "__version__",
    "build_line",
    "build_order",
    "fix_order",
    "get_rule",
    "line_total",
    "order_amount",
    "reconcile",
    "split_discount",
    "validate_order",
    "vat_amount",
    "vat_per_rate",
]
