"""mollie-preflight: check and compute Mollie Orders and Payments API payloads offline, before they are sent.

    >>> import mollie_preflight as mp
    >>> report = mp.validate_order(payload)      # doctest: +SKIP
    >>> report.ok, [v.field for v in report]     # doctest: +SKIP

The public API is what ``__all__`` lists, plus four submodules with an API of their own: ``lifecycle``
(an offline model of an order's life, for testing back-office code), ``integrations.mollie_client``
(``guard_client`` for the official Python client), ``records.validate_text_partition`` (Dask) and
``types`` (the TypedDicts of the request bodies). Every other module is private, and ``_``-prefixed.

Names are imported on first use (PEP 562): checkout code that needs only ``validate_order`` should not pay
for the builders, the endpoint families or the registry at start-up. So the public names are written twice,
once for each reader: the ``TYPE_CHECKING`` imports for type checkers (``name as name``: an explicit
re-export), and ``_EXPORTS``, the same imports as data, for ``__getattr__``. ``__all__`` is made from
``_EXPORTS``. A test holds the two equal, and that every name resolves.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ._apis import detect_api as detect_api
    from ._build import build_line as build_line
    from ._build import build_order as build_order
    from ._build import build_payment as build_payment
    from ._calc import line_total as line_total
    from ._calc import order_amount as order_amount
    from ._calc import vat_amount as vat_amount
    from ._calc import vat_per_rate as vat_per_rate
    from ._create_order import validate_order as validate_order
    from ._create_payment import validate_payment as validate_payment
    from ._discounts import split_discount as split_discount
    from ._endpoints import ENDPOINTS as ENDPOINTS
    from ._endpoints import validate as validate
    from ._endpoints import validate_cancel_lines as validate_cancel_lines
    from ._endpoints import validate_capture as validate_capture
    from ._endpoints import validate_line_operations as validate_line_operations
    from ._endpoints import validate_line_update as validate_line_update
    from ._endpoints import validate_order_cancel as validate_order_cancel
    from ._endpoints import validate_order_payment as validate_order_payment
    from ._endpoints import validate_order_update as validate_order_update
    from ._endpoints import validate_payment_refund as validate_payment_refund
    from ._endpoints import validate_payment_update as validate_payment_update
    from ._endpoints import validate_refund as validate_refund
    from ._endpoints import validate_shipment as validate_shipment
    from ._endpoints import validate_shipment_update as validate_shipment_update
    from ._findings import OrderValidationError as OrderValidationError
    from ._findings import PreflightError as PreflightError
    from ._findings import Report as Report
    from ._findings import Severity as Severity
    from ._findings import Violation as Violation
    from ._fix import Change as Change
    from ._fix import FixResult as FixResult
    from ._fix import fix_order as fix_order
    from ._migration import FieldMove as FieldMove
    from ._migration import Migration as Migration
    from ._migration import migrate_order as migrate_order
    from ._options import Options as Options
    from ._reconciliation import Reconciled as Reconciled
    from ._reconciliation import ReconcileError as ReconcileError
    from ._reconciliation import reconcile as reconcile
    from ._rules.registry import RULES as RULES
    from ._rules.registry import get_rule as get_rule
    from ._rules.rule import Evidence as Evidence
    from ._rules.rule import Fixability as Fixability
    from ._rules.rule import Rule as Rule
    from ._rules.rule import Source as Source
    from ._schema import create_order_schema as create_order_schema
    from ._schema import create_payment_schema as create_payment_schema
    from .lifecycle import LifecycleError as LifecycleError
    from .records import RecordFinding as RecordFinding
    from .records import validate_records as validate_records
    from .types import Amount as Amount
    from .types import CreateOrder as CreateOrder
    from .types import CreatePayment as CreatePayment
    from .types import OrderAddress as OrderAddress
    from .types import OrderLine as OrderLine
    from .types import PaymentAddress as PaymentAddress
    from .types import PaymentLine as PaymentLine

#: Where each public name lives, module by module: the imports above as data, for ``__getattr__``.
_EXPORTS: dict[str, tuple[str, ...]] = {
    "._apis": ("detect_api",),
    "._build": ("build_line", "build_order", "build_payment"),
    "._calc": ("line_total", "order_amount", "vat_amount", "vat_per_rate"),
    "._create_order": ("validate_order",),
    "._create_payment": ("validate_payment",),
    "._discounts": ("split_discount",),
    "._endpoints": (
        "ENDPOINTS",
        "validate",
        "validate_cancel_lines",
        "validate_capture",
        "validate_line_operations",
        "validate_line_update",
        "validate_order_cancel",
        "validate_order_payment",
        "validate_order_update",
        "validate_payment_refund",
        "validate_payment_update",
        "validate_refund",
        "validate_shipment",
        "validate_shipment_update",
    ),
    "._findings": ("OrderValidationError", "PreflightError", "Report", "Severity", "Violation"),
    "._fix": ("Change", "FixResult", "fix_order"),
    "._migration": ("FieldMove", "Migration", "migrate_order"),
    "._options": ("Options",),
    "._reconciliation": ("Reconciled", "ReconcileError", "reconcile"),
    "._rules.registry": ("RULES", "get_rule"),
    "._rules.rule": ("Evidence", "Fixability", "Rule", "Source"),
    "._schema": ("create_order_schema", "create_payment_schema"),
    ".lifecycle": ("LifecycleError",),
    ".records": ("RecordFinding", "validate_records"),
    ".types": ("Amount", "CreateOrder", "CreatePayment", "OrderAddress", "OrderLine", "PaymentAddress", "PaymentLine"),
}
#: Each public name's module: what ``__getattr__`` looks up.
_SOURCES: dict[str, str] = {name: module for module, names in _EXPORTS.items() for name in names}


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

__all__ = ["__version__", *_SOURCES]
