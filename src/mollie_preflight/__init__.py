"""mollie-preflight: check and compute Mollie Orders API payloads offline, before they are sent.

    >>> import mollie_preflight as mp
    >>> report = mp.validate_order(payload)      # doctest: +SKIP
    >>> report.ok, [v.field for v in report]     # doctest: +SKIP

The public API is what ``__all__`` lists, plus three submodules with an API of their own: ``lifecycle``
(an offline model of an order's life, for testing back-office code), ``integrations.mollie_client``
(``guard_client`` for the official Python client) and ``records.validate_text_partition`` (Dask). Every
other module is private.

Names are imported on first use (PEP 562): checkout code that needs only ``validate_order`` should not pay
for the builders, the endpoint families or the registry at start-up. ``_SOURCES`` says where each name
lives; a test checks it against ``__all__`` and that every name resolves.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .apis import detect_api
    from .build import build_line, build_order, build_payment
    from .calc import line_total, order_amount, vat_amount, vat_per_rate
    from .create_order import validate_order
    from .create_payment import validate_payment
    from .discounts import split_discount
    from .endpoints import (
        ENDPOINTS,
        validate,
        validate_cancel_lines,
        validate_capture,
        validate_line_operations,
        validate_line_update,
        validate_order_cancel,
        validate_order_payment,
        validate_order_update,
        validate_payment_refund,
        validate_payment_update,
        validate_refund,
        validate_shipment,
        validate_shipment_update,
    )
    from .findings import OrderValidationError, PreflightError, Report, Severity, Violation
    from .fix import Change, FixResult, fix_order
    from .lifecycle import LifecycleError
    from .migration import FieldMove, Migration, migrate_order
    from .options import Options
    from .reconciliation import Reconciled, ReconcileError, reconcile
    from .records import RecordFinding, validate_records
    from .rules.registry import RULES, get_rule
    from .rules.rule import Evidence, Fixability, Rule, Source
    from .schema import create_order_schema, create_payment_schema
    from .types import Amount, CreateOrder, CreatePayment, OrderAddress, OrderLine, PaymentAddress, PaymentLine

_SOURCES: dict[str, str] = {
    "detect_api": ".apis",
    "build_line": ".build",
    "build_order": ".build",
    "build_payment": ".build",
    "line_total": ".calc",
    "order_amount": ".calc",
    "vat_amount": ".calc",
    "vat_per_rate": ".calc",
    "split_discount": ".discounts",
    "ENDPOINTS": ".endpoints",
    "validate": ".endpoints",
    "validate_cancel_lines": ".endpoints",
    "validate_capture": ".endpoints",
    "validate_line_operations": ".endpoints",
    "validate_line_update": ".endpoints",
    "validate_order_cancel": ".endpoints",
    "validate_order_payment": ".endpoints",
    "validate_order_update": ".endpoints",
    "validate_payment_refund": ".endpoints",
    "validate_payment_update": ".endpoints",
    "validate_refund": ".endpoints",
    "validate_shipment": ".endpoints",
    "validate_shipment_update": ".endpoints",
    "OrderValidationError": ".findings",
    "PreflightError": ".findings",
    "Report": ".findings",
    "Severity": ".findings",
    "Violation": ".findings",
    "Change": ".fix",
    "FixResult": ".fix",
    "fix_order": ".fix",
    "LifecycleError": ".lifecycle",
    "FieldMove": ".migration",
    "Migration": ".migration",
    "migrate_order": ".migration",
    "Options": ".options",
    "ReconcileError": ".reconciliation",
    "Reconciled": ".reconciliation",
    "reconcile": ".reconciliation",
    "RecordFinding": ".records",
    "validate_records": ".records",
    "RULES": ".rules.registry",
    "get_rule": ".rules.registry",
    "Evidence": ".rules.rule",
    "Fixability": ".rules.rule",
    "Rule": ".rules.rule",
    "Source": ".rules.rule",
    "create_order_schema": ".schema",
    "create_payment_schema": ".schema",
    "Amount": ".types",
    "CreateOrder": ".types",
    "OrderAddress": ".types",
    "OrderLine": ".types",
    "CreatePayment": ".types",
    "PaymentAddress": ".types",
    "PaymentLine": ".types",
    "validate_order": ".create_order",
    "validate_payment": ".create_payment",
}


def __getattr__(name: str) -> Any:
    module = _SOURCES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__version__ = "0.1.0"

__all__ = [
    "ENDPOINTS",
    "RULES",
    "Amount",
    "Change",
    "CreateOrder",
    "CreatePayment",
    "Evidence",
    "FieldMove",
    "FixResult",
    "Fixability",
    "LifecycleError",
    "Migration",
    "Options",
    "OrderAddress",
    "OrderLine",
    "OrderValidationError",
    "PaymentAddress",
    "PaymentLine",
    "PreflightError",
    "ReconcileError",
    "Reconciled",
    "RecordFinding",
    "Report",
    "Rule",
    "Severity",
    "Source",
    "Violation",
    "__version__",
    "build_line",
    "build_order",
    "build_payment",
    "create_order_schema",
    "create_payment_schema",
    "detect_api",
    "fix_order",
    "get_rule",
    "line_total",
    "migrate_order",
    "order_amount",
    "reconcile",
    "split_discount",
    "validate",
    "validate_cancel_lines",
    "validate_capture",
    "validate_line_operations",
    "validate_line_update",
    "validate_order",
    "validate_order_cancel",
    "validate_order_payment",
    "validate_order_update",
    "validate_payment",
    "validate_payment_refund",
    "validate_payment_update",
    "validate_records",
    "validate_refund",
    "validate_shipment",
    "validate_shipment_update",
    "vat_amount",
    "vat_per_rate",
]
