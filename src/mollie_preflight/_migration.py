"""From the Orders API to the Payments API: an Orders create body rewritten as the Payments create body.

Mollie no longer recommends the Orders API and its guide "Migrating from Orders to Payments"
(https://docs.mollie.com/docs/migrating-from-orders-to-payments) lists what changes: ``orderNumber`` becomes
the ``description``, a line's ``name`` its ``description``, ``consumerDateOfBirth`` and ``expiresAt`` have no
place on a payment, and methods that authorized an order first (Klarna, Billie, Riverty) need
``captureMode: "manual"`` to keep doing so. The rest follows from comparing the two references
(https://docs.mollie.com/reference/create-order, https://docs.mollie.com/reference/create-payment): the
``payment`` object's parameters move to the top level, a line's ``category`` becomes the array
``categories``, and the retired Klarna method ids become ``klarna``.

A method-specific parameter (https://docs.mollie.com/reference/extra-payment-parameters) moves only when the
customer may pay with a method that uses it: the method given, one of a list, or any method when none is
given ("we will apply them when the customer selects the relevant payment method"). For bank transfer, the
order's ``expiresAt`` (a date from tomorrow to 100 days after it) becomes the payment's ``dueDate`` (the same
range): Mollie's Shopware 6 plugin made that move from 4.x (``expiresAt`` from the bank transfer due days) to
5.x (``dueDate`` from the same setting).

``migrate_order`` never guesses money: amounts, quantities, prices and VAT are copied as they are, so a
migrated body validates exactly as well as the order did. Every field it renames, moves, converts or drops
is listed with the reason, so a shop can review the move instead of trusting it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from ._jsoncopy import copy_json
from ._reference.method_history import REPLACED_METHODS, RETIRED_METHODS
from ._reference.orders import PAYMENT_KEYS as ORDER_PAYMENT_KEYS
from ._reference.payments import KEYS as PAYMENT_KEYS
from ._rules.payments.extras import PARAMETER_METHODS

if TYPE_CHECKING:
    from ._findings import Report
    from ._options import Options

#: Create-order parameters that mean the same on a payment and keep their name.
_SAME: Final = frozenset(
    {
        "amount", "billingAddress", "shippingAddress", "redirectUrl", "cancelUrl", "webhookUrl", "locale",
        "metadata", "profileId", "testmode",
    }
)  # fmt: skip
#: ``payment`` parameters of an order that are top-level parameters of a payment, under the same name.
_PAYMENT_TO_TOP: Final = frozenset(
    {
        "sequenceType", "customerId", "mandateId", "issuer", "cardToken", "applePayPaymentToken", "voucherNumber",
        "voucherPin", "customerReference", "extraMerchantData", "company", "applicationFee",
    }
)  # fmt: skip
#: Create-payment parameters an order's ``payment`` object does not take (Mollie did not apply them there), less
#: those an order has at its own top level.
_PAYMENT_ONLY: Final = PAYMENT_KEYS - ORDER_PAYMENT_KEYS - _SAME - {"description", "method", "lines"}
#: Method ids Mollie replaced (the Klarna ids, by ``klarna``) and retired: one table, ``reference.method_history``.
_REPLACEMENTS: Final = {old: change.replacement for old, change in REPLACED_METHODS.items() if change.replacement}
_RETIRED: Final = frozenset(RETIRED_METHODS)
#: Methods whose orders were authorized first and captured by shipping: on a payment that is manual capture.
_AUTHORIZE_FIRST: Final = frozenset({"klarna", "billie", "riverty"})
#: Line fields that keep their name and meaning.
_LINE_SAME: Final = frozenset(
    {
        "type", "quantity", "unitPrice", "discountAmount", "totalAmount", "vatRate", "vatAmount", "sku", "imageUrl",
        "productUrl",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class FieldMove:
    """One field of the order and what became of it: ``target`` is the Payments field, ``None`` when dropped."""

    source: str
    target: str | None
    reason: str

    def __str__(self) -> str:
        return f"{self.source} → {self.target or 'dropped'}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Migration:
    """The Payments create body and every field of the order that was moved, changed or left behind."""

    body: dict[str, Any]
    #: In the order of the order's fields (a line's fields under the line), then what the move added.
    changes: tuple[FieldMove, ...]

    def check(self, *, today: datetime.date | None = None, options: Options | None = None) -> Report:
        """``validate_payment`` of the migrated body: what Mollie would say to it, before it is sent."""
        from ._create_payment import validate_payment

        return validate_payment(self.body, today=today, options=options)

    @property
    def moved(self) -> tuple[FieldMove, ...]:
        """The fields that live on in the payment, renamed, moved or converted."""
        return tuple(move for move in self.changes if move.target is not None)

    @property
    def dropped(self) -> tuple[FieldMove, ...]:
        """The fields the Payments API has no place for, each with the reason."""
        return tuple(move for move in self.changes if move.target is None)


def migrate_order(body: object) -> Migration:
    """The Payments API create body equivalent to the Orders API create body ``body`` (never modified).

    >>> migration = migrate_order({"orderNumber": "1337", "method": "klarnapaylater", "lines": [
    ...     {"name": "Bike", "category": "gift", "quantity": 1}]})
    >>> migration.body
    {'description': '1337', 'method': 'klarna', 'lines': [{'description': 'Bike', 'categories': ['gift'], 'quantity': 1}], 'captureMode': 'manual'}
    >>> print(*migration.changes, sep="\\n")
    orderNumber → description: a payment has no orderNumber; its description is required and shown to the customer
    method → method: Mollie replaced klarnapaylater by the one method klarna
    lines.0.name → lines.0.description: a payment line has no name; its description is required
    lines.0.category → lines.0.categories: a payment line takes a list of categories
    captureMode → captureMode: klarna authorized the order first; on a payment that takes captureMode manual (captured later through the Captures API, as shipping did)
    """  # noqa: E501
    changes: list[FieldMove] = []
    if not isinstance(body, Mapping):
        return Migration({}, (FieldMove("", None, "the body is not a JSON object, so nothing can be moved"),))
    result: dict[str, Any] = {}
    methods = _payment_methods(body.get("method"))
    for key, value in body.items():
        if key in _SAME:
            result[key] = copy_json(value)
        elif key == "orderNumber":
            result["description"] = copy_json(value)
            changes.append(
                FieldMove(
                    key,
                    "description",
                    "a payment has no orderNumber; its description is required and shown to the customer",
                )
            )
        elif key == "lines":
            result["lines"] = _lines(value, changes)
        elif key == "method":
            method = _method(value, changes)
            if method is not None:
                result["method"] = method
        elif key == "payment":
            _payment(value, result, changes, body, methods)
        elif key == "consumerDateOfBirth":
            _method_parameter(
                key, key, value, methods, result, changes, "kept: in3 takes it as a method-specific parameter"
            )
        elif key == "expiresAt":
            if _unused("dueDate", methods) is None:
                result["dueDate"] = copy_json(value)
                changes.append(
                    FieldMove(
                        key,
                        "dueDate",
                        "a payment's expiry cannot be set, but a bank transfer's can: dueDate takes the same dates "
                        "(other methods expire as Mollie sets)",
                    )
                )
            else:
                changes.append(
                    FieldMove(key, None, "a payment's expiry cannot be set (only a bank transfer's, by dueDate)")
                )
        elif key == "shopperCountryMustMatchBillingCountry":
            _country_restriction(value, body.get("billingAddress"), result, changes)
        else:
            result[key] = copy_json(value)  # not an Orders parameter either: validation will say so
    _capture_mode(result, changes)
    return Migration(result, tuple(changes))


def _methods_of(method: object) -> set[str]:
    if isinstance(method, str):
        return {method}
    if isinstance(method, list):
        return {item for item in method if isinstance(item, str)}
    return set()


def _payment_methods(method: object) -> frozenset[str] | None:
    """The methods the customer may pay with once migrated; ``None`` when any (no method, or none left)."""
    methods = frozenset(_renamed(item) for item in _methods_of(method) if item not in _RETIRED)
    return methods or None


def _unused(parameter: str, methods: frozenset[str] | None) -> str | None:
    """Why the method-specific ``parameter`` is never used with ``methods``; ``None`` when it may be."""
    users = PARAMETER_METHODS.get(parameter)
    if users is None or methods is None or methods & users:
        return None
    return f"{', '.join(sorted(users))} only; with method {', '.join(sorted(methods))} it is never used"


def _renamed(method: str) -> str:
    return _REPLACEMENTS.get(method, method)


def _method(value: object, changes: list[FieldMove]) -> object:
    """The method (or list of methods) a payment takes; ``None`` when nothing of it can move."""
    if isinstance(value, str):
        if value in _RETIRED:
            changes.append(FieldMove("method", None, f"Mollie retired {value}; the customer chooses another method"))
            return None
        if value in _REPLACEMENTS:
            changes.append(
                FieldMove("method", "method", f"Mollie replaced {value} by the one method {_renamed(value)}")
            )
        return _renamed(value)
    if not isinstance(value, list):
        return copy_json(value)
    kept: list[object] = []
    for index, item in enumerate(value):
        if isinstance(item, str) and item in _RETIRED:
            changes.append(FieldMove(f"method.{index}", None, f"Mollie retired {item}"))
            continue
        new = _renamed(item) if isinstance(item, str) else item
        if new != item:
            changes.append(FieldMove(f"method.{index}", "method", f"Mollie replaced {item} by the one method {new}"))
        if new not in kept:
            kept.append(new)
    return kept or None


def _lines(value: object, changes: list[FieldMove]) -> object:
    if not isinstance(value, list):
        return copy_json(value)
    lines: list[object] = []
    for index, line in enumerate(value):
        if not isinstance(line, Mapping):
            lines.append(copy_json(line))
            continue
        new: dict[str, Any] = {}
        for key, item in line.items():
            where = f"lines.{index}.{key}"
            if key == "name":
                new["description"] = copy_json(item)
                changes.append(
                    FieldMove(
                        where, f"lines.{index}.description", "a payment line has no name; its description is required"
                    )
                )
            elif key == "category" and item is None:
                changes.append(FieldMove(where, None, "null is no category; a payment line without one sends none"))
            elif key == "category" and item == "":
                changes.append(
                    FieldMove(where, None, "an empty category is no category; a payment line without one sends none")
                )
            elif key == "category":
                new["categories"] = [item]
                changes.append(
                    FieldMove(where, f"lines.{index}.categories", "a payment line takes a list of categories")
                )
            elif key == "metadata":
                changes.append(
                    FieldMove(
                        where, None, "a payment line has no metadata; keep what you need in the payment's metadata"
                    )
                )
            elif key in _LINE_SAME:
                new[key] = copy_json(item)
            else:
                new[key] = copy_json(item)  # not an order-line field either: validation will say so
        lines.append(new)
    return lines


def _method_parameter(
    source: str,
    key: str,
    value: object,
    methods: frozenset[str] | None,
    result: dict[str, Any],
    changes: list[FieldMove],
    reason: str,
) -> None:
    """Move ``value`` from ``source`` to the payment's ``key`` when one of ``methods`` may use that parameter
    (``reason`` says why it moves); drop it, saying which methods would, when none of them does."""
    unused = _unused(key, methods)
    if unused is None:
        result[key] = copy_json(value)
        changes.append(FieldMove(source, key, reason))
    else:
        changes.append(FieldMove(source, None, f"a method-specific parameter of {unused}"))


def _payment(
    value: object,
    result: dict[str, Any],
    changes: list[FieldMove],
    body: Mapping[Any, Any],
    methods: frozenset[str] | None,
) -> None:
    if not isinstance(value, Mapping):
        changes.append(FieldMove("payment", None, "payment is not an object; its parameters cannot be read"))
        return
    for key, item in value.items():
        where = f"payment.{key}"
        if key in _PAYMENT_TO_TOP:
            reason = "a payment takes its method parameters at the top level"
            _method_parameter(where, key, item, methods, result, changes, reason)
        elif key == "webhookUrl":
            if "webhookUrl" in body:
                changes.append(FieldMove(where, None, "a payment has one webhookUrl; the order's is kept"))
            else:
                result["webhookUrl"] = copy_json(item)
                changes.append(FieldMove(where, "webhookUrl", "a payment has one webhookUrl, at the top level"))
        elif key in _PAYMENT_ONLY:
            changes.append(
                FieldMove(
                    where,
                    None,
                    f"an order's payment object does not take {key}, so Mollie did not apply it; a payment takes it "
                    "at the top level: set it there if it is meant",
                )
            )
        else:
            changes.append(FieldMove(where, None, "not a parameter of the Payments API"))


def _country_restriction(value: object, billing: object, result: dict[str, Any], changes: list[FieldMove]) -> None:
    key = "shopperCountryMustMatchBillingCountry"
    country = billing.get("country") if isinstance(billing, Mapping) else None
    if value is True and isinstance(country, str):
        result["restrictPaymentMethodsToCountry"] = country
        changes.append(
            FieldMove(
                key,
                "restrictPaymentMethodsToCountry",
                f"the nearest payment parameter: only methods (and cards) of the billing country {country} are offered",
            )
        )
    else:
        changes.append(FieldMove(key, None, "the Payments API has no such parameter"))


def _capture_mode(result: dict[str, Any], changes: list[FieldMove]) -> None:
    """Methods that authorized an order first keep doing so on a payment only with manual capture."""
    methods = _methods_of(result.get("method"))
    if methods and methods <= _AUTHORIZE_FIRST and "captureMode" not in result:
        result["captureMode"] = "manual"
        names = ", ".join(sorted(methods))
        changes.append(
            FieldMove(
                "captureMode",
                "captureMode",
                f"{names} authorized the order first; on a payment that takes "
                "captureMode manual (captured later through the Captures API, as shipping did)",
            )
        )
