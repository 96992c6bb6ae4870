"""Builders: order lines and order bodies whose derived figures are exactly what Mollie computes.

The caller gives what the shop decided (name, quantity, unit price, VAT rate, a line discount); the
builder computes ``totalAmount``, ``vatAmount`` and the order ``amount`` with the same integer formulas
the validator checks against, so a built payload cannot fail R029, R063 or R065.

Money arguments accept ``Decimal``, ``int`` and decimal strings (``"19.99"``); a ``float`` is a caller's
bug and raises ``TypeError``. Anything Mollie would refuse raises ``ValueError`` here, at the call that
introduced it, instead of a 422 later.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Final

from .calc import Rate, _scaled, line_total_minor, order_amount, round_half_away, vat_minor
from .findings import Severity
from .jsoncopy import copy_json, copy_lines
from .money import DecimalLike, currency_decimals, decimal_to_minor, format_minor, pow10, to_decimal
from .options import DEFAULT_OPTIONS
from .rules.checker import Checker
from .rules.lines import LINE_TYPES, MAX_QUANTITY, NEGATIVE_TYPES, check_line

#: The optional line fields ``build_line`` passes through, under Mollie's own names.
OPTIONAL_LINE_FIELDS: Final = ("sku", "category", "imageUrl", "productUrl", "metadata")
#: Top-level fields ``build_order`` computes or takes positionally, so they cannot be passed as fields.
_COMPUTED_ORDER_FIELDS: Final = frozenset({"amount", "lines"})
#: VAT rates are percentages with at most two decimals, sent as ``"21.00"`` (SPEC R064).
RATE_DECIMALS: Final = 2


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
    **optional_fields: Any,
) -> dict[str, Any]:
    """One order line, with ``totalAmount`` and ``vatAmount`` computed exactly as Mollie computes them.

    ``build_line(name="Bike", quantity=2, unit_price="399.00", discount="100.00", vat_rate="21",
    currency="EUR")`` gives total 698.00 and VAT 121.14.

    Mollie's prices are VAT-inclusive, and it derives the VAT from the line total *as sent*:
    ``vatAmount = round(totalAmount × rate / (100 + rate))``. So with ``prices_include_vat=False`` the net
    unit price is first turned into the gross unit price (rounded half away from zero to the currency, as
    a shop shows it on the price tag), and then the total and the VAT are computed from that gross price,
    never from the net figures. Computing the VAT as ``net × rate`` (or summing per-unit VAT) is the most
    common reason Mollie refuses an order: it differs from Mollie's figure by a cent whenever the rounding
    falls differently. ``discount`` is in the same basis as ``unit_price``: a net discount is grossed up
    by the same rule, independently, because ``discountAmount`` too is VAT-inclusive (and capped at the
    gross line amount, so that discounting the whole net line discounts the whole gross line).

    A zero ``discount`` is left out of the line. The optional fields ``sku``, ``category``, ``imageUrl``,
    ``productUrl`` and ``metadata`` are passed through under Mollie's names (``metadata`` is copied, a
    ``None`` value is left out); any other keyword is a ``TypeError``.
    """
    unknown = sorted(set(optional_fields) - set(OPTIONAL_LINE_FIELDS))
    if unknown:
        raise TypeError(
            f"build_line() got unexpected keyword argument(s) {', '.join(map(repr, unknown))}; "
            f"the optional line fields are {', '.join(OPTIONAL_LINE_FIELDS)}"
        )
    if not isinstance(prices_include_vat, bool):
        raise TypeError(f"prices_include_vat must be True or False, not {prices_include_vat!r}")
    decimals = _currency(currency)
    _check_name(name)
    _check_quantity(quantity)
    if type not in LINE_TYPES:
        raise ValueError(f"type must be one of {', '.join(LINE_TYPES)}, not {type!r}")
    rate = parse_vat_rate(vat_rate)
    unit = _price_minor(unit_price, rate, decimals, prices_include_vat, "unit_price")
    off = _price_minor(discount, rate, decimals, prices_include_vat, "discount") if discount is not None else 0
    if not prices_include_vat and discount is not None:
        off = _cap_net_discount(unit_price, quantity, discount, unit * quantity, off)
    _check_signs(type, unit, quantity, off, rate)

    total = line_total_minor(unit, quantity, off)
    line: dict[str, Any] = {"type": type}
    if optional_fields.get("category") is not None:
        line["category"] = optional_fields["category"]
    line["name"] = name
    line["quantity"] = quantity
    line["unitPrice"] = money_object(unit, currency, decimals)
    if off:
        line["discountAmount"] = money_object(off, currency, decimals)
    line["totalAmount"] = money_object(total, currency, decimals)
    line["vatRate"] = format_rate(rate)
    line["vatAmount"] = money_object(vat_minor(total, rate), currency, decimals)
    for field in OPTIONAL_LINE_FIELDS:
        if optional_fields.get(field) is not None and field != "category":
            line[field] = copy_json(optional_fields[field])
    _refuse_what_mollie_refuses(line, currency)
    return line


def build_order(lines: Iterable[Mapping[str, Any]], *, currency: str, **fields: Any) -> dict[str, Any]:
    """The create-order body: ``amount`` = Σ the lines' ``totalAmount``, the given top-level fields, the lines.

    ``fields`` are Mollie's top-level fields under their own names (``orderNumber``, ``locale``,
    ``redirectUrl``, ``billingAddress``, ...); they are copied, not checked here (``validate_order`` does
    that), except that a snake_case name (``order_number``) is a ``TypeError``: no Mollie field has one, so
    it is a typo. ``amount`` is computed and ``lines`` is the first argument, so neither may be a field.
    """
    clash = sorted(_COMPUTED_ORDER_FIELDS & set(fields))
    if clash:
        raise TypeError(f"build_order() computes {', '.join(clash)}; do not pass it as a field")
    snake = sorted(key for key in fields if "_" in key)
    if snake:
        raise TypeError(
            f"build_order() got {', '.join(map(repr, snake))}; Mollie's fields are camelCase (orderNumber, redirectUrl)"
        )
    decimals = _currency(currency)
    copied = copy_lines(lines)
    if not copied:
        raise ValueError("an order needs at least one line")
    for index, line in enumerate(copied):
        amount = line.get("totalAmount")
        found = amount.get("currency") if isinstance(amount, dict) else None
        if found != currency:
            raise ValueError(f"line {index} totalAmount is in {found!r}, the order in {currency!r}")
    total = decimal_to_minor(order_amount(copied), decimals, "order amount")
    if total < 0:
        raise ValueError(f"the lines add up to {format_minor(total, decimals)}; an order amount cannot be negative")
    extra = {key: copy_json(value) for key, value in fields.items()}
    return {"amount": money_object(total, currency, decimals), **extra, "lines": copied}


def money_object(minor: int, currency: str, decimals: int) -> dict[str, str]:
    """Mollie's amount object for ``minor`` units; zero is never written as ``-0.00``."""
    return {"currency": currency, "value": format_minor(minor, decimals)}


def parse_vat_rate(vat_rate: DecimalLike) -> Rate:
    """A caller's VAT rate (``"21"``, ``21``, ``Decimal("5.5")``) as a ``Rate`` with two decimals.

    ``ValueError`` for a negative rate or one with more than two decimals (Mollie's ``vatRate`` form).
    """
    value = to_decimal(vat_rate, "vat_rate")
    if value < 0:
        raise ValueError(f"vat_rate must not be negative, got {vat_rate}")
    return Rate(decimal_to_minor(value, RATE_DECIMALS, "vat_rate"), RATE_DECIMALS)


def format_rate(rate: Rate) -> str:
    """``vatRate`` as Mollie's examples write it: two decimals, ``"21.00"``."""
    return format_minor(rate.units * pow10(RATE_DECIMALS - rate.scale), RATE_DECIMALS)


def gross_minor(net: Decimal, rate: Rate, decimals: int) -> int:
    """A net price with ``rate`` VAT added, in minor units, rounded half away from zero (exact integers)."""
    units, exponent = _scaled(net, "net price")
    hundred = 100 * pow10(rate.scale)
    numerator = units * (hundred + rate.units)
    denominator = hundred
    shift = exponent + decimals
    if shift >= 0:
        numerator *= pow10(shift)
    else:
        denominator *= pow10(-shift)
    return round_half_away(numerator, denominator)


def _price_minor(value: DecimalLike, rate: Rate, decimals: int, includes_vat: bool, what: str) -> int:
    amount = to_decimal(value, what)
    return decimal_to_minor(amount, decimals, what) if includes_vat else gross_minor(amount, rate, decimals)


def _cap_net_discount(unit_price: DecimalLike, quantity: int, discount: DecimalLike, gross_line: int, off: int) -> int:
    """A net discount of at most the net line stays at most the gross line.

    Unit price and discount are grossed up and rounded separately, so a discount of the whole net line
    (``unit × quantity``) could round to a cent more than the gross line; it is capped there, so that a
    100 % discount stays exactly 100 %.
    """
    unit_units, unit_exp = _scaled(to_decimal(unit_price, "unit_price"), "unit_price")
    off_units, off_exp = _scaled(to_decimal(discount, "discount"), "discount")
    exponent = min(unit_exp, off_exp)  # compare on integers: the caller's decimal context stays out of it
    whole_line = off_units * pow10(off_exp - exponent) <= unit_units * pow10(unit_exp - exponent) * quantity
    if whole_line and off > gross_line >= 0:
        return gross_line
    return off


def _currency(currency: str) -> int:
    if not isinstance(currency, str):
        raise TypeError(f"currency must be a str such as 'EUR', not {type(currency).__name__}")
    decimals = currency_decimals(currency)
    if decimals is None:
        raise ValueError(f"{currency!r} is not a currency Mollie supports (use the upper-case ISO 4217 code)")
    return decimals


def _check_name(name: object) -> None:
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, not {type(name).__name__}")
    if not name.strip():
        raise ValueError("name must not be empty or blank")


def _check_quantity(quantity: object) -> None:
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise TypeError(f"quantity must be an int, not {type(quantity).__name__}")
    if not 1 <= quantity <= MAX_QUANTITY:
        raise ValueError(f"quantity must be between 1 and {MAX_QUANTITY}, got {quantity}")


def _check_signs(line_type: str, unit: int, quantity: int, off: int, rate: Rate) -> None:
    """What the sign rules (R059–R062, R072a) refuse or warn about, refused at build time."""
    if unit < 0 and line_type not in NEGATIVE_TYPES:
        raise ValueError(f"a {line_type} line cannot have a negative unit price; use type 'discount'")
    if line_type == "gift_card" and unit >= 0:
        raise ValueError("a gift_card line needs a negative unit price")
    if line_type in ("discount", "store_credit") and unit > 0:
        raise ValueError(f"a {line_type} line needs a negative (or zero) unit price")
    if line_type == "gift_card" and not rate.is_zero:
        raise ValueError("a gift_card line is a means of payment and is untaxed; use vat_rate 0")
    if off < 0:
        raise ValueError("discount is the positive amount taken off the line")
    if off > 0 and off > unit * quantity:
        raise ValueError("discount is larger than unit_price × quantity; put the rest on a 'discount' line")


def _refuse_what_mollie_refuses(line: dict[str, Any], currency: str) -> None:
    """Run the line rules on the built line: sku length, category, URLs, metadata size and the rest."""
    ck = Checker(DEFAULT_OPTIONS, None)
    ck.order_currency = currency
    check_line(ck, line, 0)
    errors = [v for v in ck.findings if v.severity is Severity.ERROR]
    if errors:
        prefix = "Order line 0 is invalid. "
        details = "; ".join(f"{v.field[len('lines.0.') :]}: {v.message.removeprefix(prefix)}" for v in errors)
        raise ValueError(f"Mollie would refuse this line: {details}")


__all__ = ["build_line", "build_order"]
