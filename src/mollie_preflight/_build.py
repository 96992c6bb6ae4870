"""Build order lines and orders (or payment lines and payments) whose derived figures are right by construction.

``build_line`` computes ``totalAmount`` and ``vatAmount`` exactly as Mollie checks them, from the inputs a
shop has (a unit price, a quantity, a rate, maybe a discount), and ``build_order`` (``build_payment``) sets
``amount`` to the sum of the line totals. The Orders and Payments APIs share the arithmetic; ``api=`` only
changes how the line is spelled (``name`` or ``description``, ``category`` or ``categories``).
All arithmetic is on integers (minor units); inputs are ``Decimal``, ``int`` or
decimal strings, and a ``float`` is refused with ``TypeError``, because a binary float cannot hold most
cent amounts and would hide exactly the rounding bugs these functions exist to prevent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, Literal

from ._calc import scaled_integer
from ._findings import Severity
from ._jsoncopy import copy_json as deep_copy
from ._money import currency_decimals, decimal_to_minor, format_minor, pow10, to_decimal
from ._options import DEFAULT_OPTIONS
from ._rules.checker import Checker
from ._rules.common.lines import LINE_CATEGORIES, LINE_TYPES, NEGATIVE_TYPES, ORDERS, LineDialect, check_line
from ._rules.payments.lines import CATEGORIES as PAYMENT_CATEGORIES
from ._rules.payments.lines import PAYMENTS
from ._vat import Rate, round_half_away, vat_minor

if TYPE_CHECKING:
    from ._money import DecimalLike

#: The optional line fields ``build_line`` passes through, by their Mollie names.
OPTIONAL_LINE_FIELDS: Final = frozenset({"sku", "category", "imageUrl", "productUrl", "metadata"})
#: The same for a Payments line (``api="payments"``): no metadata, ``categories`` for ``category``.
OPTIONAL_PAYMENT_LINE_FIELDS: Final = frozenset({"sku", "categories", "imageUrl", "productUrl", "quantityUnit"})
#: Each API's line spelling and the optional fields it takes.
_APIS: Final[dict[str, tuple[LineDialect, frozenset[str]]]] = {
    "orders": (ORDERS, OPTIONAL_LINE_FIELDS),
    "payments": (PAYMENTS, OPTIONAL_PAYMENT_LINE_FIELDS),
}


def build_line(
    *,
    name: str,
    quantity: int,
    unit_price: DecimalLike,
    vat_rate: DecimalLike,
    currency: str,
    discount: DecimalLike | None = None,
    type: str = "physical",
    prices_include_vat: bool = True,
    api: Literal["orders", "payments"] = "orders",
    **optional_fields: Any,
) -> dict[str, Any]:
    """An order line (or with ``api="payments"`` a Payments line) with ``totalAmount`` and ``vatAmount``
    computed as Mollie computes them.

    ``build_line(name="Bike", quantity=2, unit_price="399.00", discount="100.00", vat_rate="21",
    currency="EUR")`` gives total 698.00 and VAT 121.14.

    With ``prices_include_vat=False``, ``unit_price`` and ``discount`` are net. They are first turned into
    gross amounts rounded to the currency (half away from zero), and everything else is computed from
    those gross amounts. That order matters: Mollie derives VAT from the gross line total *as sent*, so VAT
    computed from net prices (net × rate, summed per unit) differs from Mollie's by a cent often enough to
    be the most common live failure of shop plugins.

    Optional Mollie fields (``sku``, ``category``, ``imageUrl``, ``productUrl``, ``metadata``) are passed
    through; any other keyword is a ``TypeError``.

    ``api="payments"`` builds the line the Payments API takes, with the same figures: ``name`` is sent as
    ``description``, and the optional fields are ``sku``, ``categories`` (a list such as ``["meal"]``),
    ``imageUrl``, ``productUrl`` and ``quantityUnit``; a gift card of 0 (a free item) is allowed there.
    """
    if api not in _APIS:
        raise ValueError(f"api must be 'orders' or 'payments', not {api!r}")
    dialect, allowed = _APIS[api]
    unknown = set(optional_fields) - allowed
    if unknown:
        raise TypeError(f"unknown line fields: {', '.join(sorted(unknown))}; allowed: {sorted(allowed)}")
    if type not in LINE_TYPES:
        raise ValueError(f"type must be one of {', '.join(LINE_TYPES)}, not {type!r}")
    if "category" in optional_fields and optional_fields["category"] not in LINE_CATEGORIES:
        raise ValueError(f"category must be one of {', '.join(LINE_CATEGORIES)}")
    categories = optional_fields.get("categories")
    if categories is not None and (
        not isinstance(categories, (list, tuple))
        or not categories
        or any(c not in PAYMENT_CATEGORIES for c in categories)
        or len(set(categories)) != len(categories)
    ):
        raise ValueError(f"categories must be a list of distinct categories of {', '.join(PAYMENT_CATEGORIES)}")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("name must be a non-empty string")
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise TypeError(f"quantity must be an int, not {quantity.__class__.__name__}")
    if quantity < 1:
        raise ValueError(f"quantity must be at least 1, not {quantity}")
    decimals = _decimals(currency)
    rate = rate_of(vat_rate)
    price = _gross(to_decimal(unit_price, "unit_price"), rate, decimals, prices_include_vat, "unit_price")
    off = (
        0
        if discount is None
        else _gross(to_decimal(discount, "discount"), rate, decimals, prices_include_vat, "discount")
    )
    if off < 0:
        raise ValueError("discount is the positive amount taken off the line; use a 'discount' line for more")
    if discount is not None and not prices_include_vat:
        off = _cap_net_discount(unit_price, quantity, discount, price * quantity, off)
    _check_signs(type, price, quantity, off, rate, free_gift_card=dialect.free_gift_card)
    total = price * quantity - off
    line: dict[str, Any] = {
        "type": type,
        dialect.label: name,
        "quantity": quantity,
        "unitPrice": amount_object(price, currency),
    }
    if discount is not None:
        line["discountAmount"] = amount_object(off, currency)
    line["totalAmount"] = amount_object(total, currency)
    line["vatRate"] = format_rate(rate)
    line["vatAmount"] = amount_object(vat_minor(total, rate), currency)
    line.update({key: deep_copy(value) for key, value in optional_fields.items()})
    if categories is not None:
        line["categories"] = list(categories)
    _refuse_what_mollie_refuses(line, currency, dialect)
    return line


def build_order(lines: Iterable[Mapping[str, Any]], *, currency: str, **fields: Any) -> dict[str, Any]:
    """An order body: ``amount`` is the exact sum of the lines' totals, then ``fields`` as given.

    ``fields`` are top-level Mollie fields by their own names (``orderNumber``, ``locale``,
    ``billingAddress``, ``redirectUrl``, ...). The lines are copied, not shared.
    """
    return _body("build_order", lines, currency, fields)


def build_payment(
    lines: Iterable[Mapping[str, Any]], *, currency: str, description: str, **fields: Any
) -> dict[str, Any]:
    """A create-payment body: ``amount`` is the exact sum of the lines' totals (lines built with
    ``build_line(..., api="payments")``), then ``description`` and ``fields`` as given.

    ``description`` is required by the Payments API (it takes the place of the Orders API's
    ``orderNumber``); ``fields`` are top-level Mollie fields by their own names (``redirectUrl``,
    ``method``, ``billingAddress``, ...). The lines are copied, not shared.
    """
    return _body("build_payment", lines, currency, {"description": description, **fields})


def _body(builder: str, lines: Iterable[Mapping[str, Any]], currency: str, fields: dict[str, Any]) -> dict[str, Any]:
    if "amount" in fields or "lines" in fields:
        raise TypeError(f"amount and lines are computed by {builder}; do not pass them")
    decimals = _decimals(currency)
    copied: list[dict[str, Any]] = []
    for index, line in enumerate(lines):
        copy = deep_copy(line)
        if not isinstance(copy, dict):
            raise TypeError(f"line {index} must be a dict (an order line), not {type(line).__name__}")
        copied.append(copy)
    total = 0
    for index, line in enumerate(copied):
        total += minor_of(line.get("totalAmount"), currency, decimals, f"line {index} totalAmount")
    extra = {key: deep_copy(value) for key, value in fields.items()}
    return {"amount": amount_object(total, currency), **extra, "lines": copied}


# --- shared by the builders --------------------------------------------------------------------------


def rate_of(value: DecimalLike) -> Rate:
    """A VAT rate as Mollie accepts it: non-negative, at most two decimals."""
    rate = to_decimal(value, "vat_rate")
    if rate < 0:
        raise ValueError(f"vat_rate cannot be negative, got {value}")
    return Rate(decimal_to_minor(rate, 2, "vat_rate"), 2)


def format_rate(rate: Rate) -> str:
    return format_minor(rate.units * pow10(2 - rate.scale), 2)


def amount_object(minor: int, currency: str) -> dict[str, str]:
    return {"currency": currency, "value": format_minor(minor, _decimals(currency))}


def minor_of(amount: object, currency: str, decimals: int, what: str) -> int:
    """The minor units of an amount object built in ``currency``; ``ValueError`` for anything else."""
    if not isinstance(amount, Mapping) or amount.get("currency") != currency:
        raise ValueError(f"{what} must be an amount object in {currency}")
    value = amount.get("value")
    if not isinstance(value, str):
        raise ValueError(f"{what} value must be a string")
    return decimal_to_minor(to_decimal(value, what), decimals, what)


def _decimals(currency: str) -> int:
    decimals = currency_decimals(currency)
    if decimals is None:
        raise ValueError(f"{currency!r} is not a currency Mollie supports")
    return decimals


def _cap_net_discount(unit_price: DecimalLike, quantity: int, discount: DecimalLike, gross_line: int, off: int) -> int:
    """A net discount of at most the net line stays at most the gross line.

    Unit price and discount are grossed up and rounded separately, so a discount of the whole net line
    (``unit × quantity``) can round to a cent more than the gross line (3 × 8.2603 net @ 21 %: the unit is
    9.99 gross, the line 29.97, but the whole net line 24.7809 grosses up to 29.98, a negative total). It
    is capped at the gross line, so a 100 % discount stays exactly 100 %.
    """
    unit_units, unit_exp = scaled_integer(to_decimal(unit_price, "unit_price"), "unit_price")
    off_units, off_exp = scaled_integer(to_decimal(discount, "discount"), "discount")
    exponent = min(unit_exp, off_exp)  # compare on integers: the caller's decimal context stays out of it
    whole_line = off_units * pow10(off_exp - exponent) <= unit_units * pow10(unit_exp - exponent) * quantity
    return gross_line if whole_line and off > gross_line >= 0 else off


def _check_signs(line_type: str, unit: int, quantity: int, off: int, rate: Rate, *, free_gift_card: bool) -> None:
    """What the sign rules refuse or warn about, refused when the line is built (a gift card of 0 only
    where the API allows free items)."""
    if unit < 0 and line_type not in NEGATIVE_TYPES:
        raise ValueError(f"a {line_type} line cannot have a negative unit price; use type 'discount'")
    if line_type == "gift_card" and (unit > 0 or (unit == 0 and not free_gift_card)):
        raise ValueError("a gift_card line needs a negative unit price")
    if line_type in ("discount", "store_credit") and unit > 0:
        raise ValueError(f"a {line_type} line needs a negative (or zero) unit price")
    if line_type == "gift_card" and not rate.is_zero:
        raise ValueError("a gift_card line is a means of payment and is untaxed; use vat_rate 0")
    if off > 0 and off > unit * quantity:
        raise ValueError("discount is larger than unit_price × quantity; put the rest on a 'discount' line")


def _refuse_what_mollie_refuses(line: dict[str, Any], currency: str, dialect: LineDialect) -> None:
    """Run the API's line rules on the built line (sku length, URLs, metadata size, ...): one source of truth."""
    ck = Checker(DEFAULT_OPTIONS, None)
    ck.order_currency = currency
    check_line(ck, line, 0, dialect=dialect)
    errors = [v for v in ck.findings if v.severity is Severity.ERROR]
    if errors:
        prefix = dialect.prefix.format(index=0)
        details = "; ".join(f"{v.field[len('lines.0.') :]}: {v.message.removeprefix(prefix)}" for v in errors)
        raise ValueError(f"Mollie would refuse this line: {details}")


def _gross(value: Decimal, rate: Rate, decimals: int, includes_vat: bool, what: str) -> int:
    """``value`` as gross minor units: exact when it is already gross, rounded once when it is net."""
    if includes_vat:
        return decimal_to_minor(value, decimals, what)
    units, exponent = scaled_integer(value, what)
    # gross = net × (100 + rate) / 100, with net = units·10^exponent and rate = rate.units / 10^rate.scale
    numerator = units * rate.vat_denominator
    denominator = 100 * pow10(rate.scale)
    shift = exponent + decimals
    if shift >= 0:
        numerator *= pow10(shift)
    else:
        denominator *= pow10(-shift)
    return round_half_away(numerator, denominator)
