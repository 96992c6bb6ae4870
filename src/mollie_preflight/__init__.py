"""mollie-preflight: check and compute Mollie Orders API payloads offline, before they are sent.

    >>> import mollie_preflight as mp
    >>> report = mp.validate_order(payload)      # doctest: +SKIP
    >>> report.ok, [v.field for v in report]     # doctest: +SKIP

The public API is exactly what ``__all__`` lists; every module behind it is private.
"""

from __future__ import annotations

from .build import build_line, build_order
from .calc import line_total, order_amount, vat_amount, vat_per_rate
from .discounts import split_discount
from .endpoints import (
    ENDPOINTS,
    validate,
    validate_cancel_lines,
    validate_line_operations,
    validate_line_update,
    validate_order_cancel,
    validate_order_payment,
    validate_order_update,
    validate_refund,
    validate_shipment,
    validate_shipment_update,
)
from .findings import OrderValidationError, PreflightError, Report, Severity, Violation
from .fix import Change, FixResult, fix_order
from .lifecycle import LifecycleError
from .options import Options
from .reconcile import Reconciled, ReconcileError, reconcile
from .records import RecordFinding, validate_records
from .rules.registry import RULES, get_rule
from .rules.rule import Evidence, Rule
from .schema import create_order_schema
from .types import Amount, CreateOrder, OrderAddress, OrderLine
from .validate import validate_order

__version__ = "0.1.0"

__all__ = [
    "ENDPOINTS",
    "RULES",
    "Amount",
    "Change",
    "CreateOrder",
    "Evidence",
    "FixResult",
    "LifecycleError",
    "Options",
    "OrderAddress",
    "OrderLine",
    "OrderValidationError",
    "PreflightError",
    "ReconcileError",
    "Reconciled",
    "RecordFinding",
    "Report",
    "Rule",
    "Severity",
    "Violation",
    "__version__",
    "build_line",
    "build_order",
    "create_order_schema",
    "fix_order",
    "get_rule",
    "line_total",
    "order_amount",
    "reconcile",
    "split_discount",
    "validate",
    "validate_cancel_lines",
    "validate_line_operations",
    "validate_line_update",
    "validate_order",
    "validate_order_cancel",
    "validate_order_payment",
    "validate_order_update",
    "validate_records",
    "validate_refund",
    "validate_shipment",
    "validate_shipment_update",
    "vat_amount",
    "vat_per_rate",
]
