"""mollie-preflight: check and compute Mollie Orders and Payments API payloads offline, before they are sent.

    >>> import mollie_preflight as mp
    >>> report = mp.validate_order(payload)      # doctest: +SKIP
    >>> report.ok, [v.field for v in report]     # doctest: +SKIP

The public API is what ``__all__`` lists, plus four submodules with an API of their own: ``lifecycle``
(an offline model of an order's life, for testing back-office code), ``integrations.mollie_client``
(``guard_client`` for the official Python client), ``records.validate_text_partition`` (Dask) and
``types`` (the TypedDicts of the request bodies). Every other module is private, and ``_``-prefixed.

Names are imported on first use (PEP 562): checkout code that needs only ``validate_order`` should not pay
for the builders, the endpoint families or the registry at start-up. ``_SOURCES`` says where each name
lives; a test checks it against ``__all__`` and that every name resolves.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ._apis import detect_api
    from ._build import build_line, build_order, build_payment
    from ._calc import line_total, order_amount, vat_amount, vat_per_rate
    from ._create_order import validate_order
    from ._create_payment import validate_payment
    from ._discounts import split_discount
    from ._endpoints import (
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
    from ._findings import OrderValidationError, PreflightError, Report, Severity, Violation
    from ._fix import Change, FixResult, fix_order
    from ._migration import FieldMove, Migration, migrate_order
    from ._options import Options
    from ._reconciliation import Reconciled, ReconcileError, reconcile
    from ._rules.registry import RULES, get_rule
    from ._rules.rule import Evidence, Fixability, Rule, Source
    from ._schema import create_order_schema, create_payment_schema
    from .lifecycle import LifecycleError
    from .records import RecordFinding, validate_records
    from .types import Amount, CreateOrder, CreatePayment, OrderAddress, OrderLine, PaymentAddress, PaymentLine

_SOURCES: dict[str, str] = {
    "detect_api": "._apis",
    "build_line": "._build",
    "build_order": "._build",
    "build_payment": "._build",
    "line_total": "._calc",
    "order_amount": "._calc",
    "vat_amount": "._calc",
    "vat_per_rate": "._calc",
    "split_discount": "._discounts",
    "ENDPOINTS": "._endpoints",
    "validate": "._endpoints",
    "validate_cancel_lines": "._endpoints",
    "validate_capture": "._endpoints",
    "validate_line_operations": "._endpoints",
    "validate_line_update": "._endpoints",
    "validate_order_cancel": "._endpoints",
    "validate_order_payment": "._endpoints",
    "validate_order_update": "._endpoints",
    "validate_payment_refund": "._endpoints",
    "validate_payment_update": "._endpoints",
    "validate_refund": "._endpoints",
    "validate_shipment": "._endpoints",
    "validate_shipment_update": "._endpoints",
    "OrderValidationError": "._findings",
    "PreflightError": "._findings",
    "Report": "._findings",
    "Severity": "._findings",
    "Violation": "._findings",
    "Change": "._fix",
    "FixResult": "._fix",
    "fix_order": "._fix",
    "LifecycleError": ".lifecycle",
    "FieldMove": "._migration",
    "Migration": "._migration",
    "migrate_order": "._migration",
    "Options": "._options",
    "ReconcileError": "._reconciliation",
    "Reconciled": "._reconciliation",
    "reconcile": "._reconciliation",
    "RecordFinding": ".records",
    "validate_records": ".records",
    "RULES": "._rules.registry",
    "get_rule": "._rules.registry",
    "Evidence": "._rules.rule",
    "Fixability": "._rules.rule",
    "Rule": "._rules.rule",
    "Source": "._rules.rule",
    "create_order_schema": "._schema",
    "create_payment_schema": "._schema",
    "Amount": ".types",
    "CreateOrder": ".types",
    "OrderAddress": ".types",
    "OrderLine": ".types",
    "CreatePayment": ".types",
    "PaymentAddress": ".types",
    "PaymentLine": ".types",
    "validate_order": "._create_order",
    "validate_payment": "._create_payment",
}


def __getattr__(name: str) -> Any:
    module = _SOURCES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    # ``__import__`` rather than ``importlib.import_module``: importing ``importlib`` (~0.8 ms) would cost more
    # than ``import mollie_preflight`` itself (~0.6 ms). A relative import (level 1) with a from-list gives
    # the module.
    value = getattr(__import__(module.lstrip("."), globals(), None, (name,), 1), name)
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
