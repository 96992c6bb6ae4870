"""The fast path for create-order lines: a line on which no line rule can fire, decided without reporting.

Nearly every line in real traffic is valid, and ``check_line`` pays for being able to explain any
mistake: message prefixes, path tuples and one helper call per field, on every line. Here a line is
tested against the exact conditions under which ``check_line`` reports nothing (required fields present,
enums, name, quantity, amounts in the order currency, a readable non-negative rate, the total and VAT
formulas, the sign rules) with plain comparisons, and its figures are returned. Anything else, however
small, goes to ``check_line``, which then finds and words the problem; so messages have one source.
``tests/test_fast_paths.py`` proves that ``check_order_line`` and ``check_line`` give the same findings
and figures on generated valid, broken and hostile lines.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from ..calc import Rate, parse_rate, vat_minor
from ..money import plain_value_pattern
from .checker import Checker
from .lines import (
    GOODS_TYPES,
    LINE_CATEGORIES,
    LINE_TYPES,
    MAX_QUANTITY,
    MAX_SKU,
    NEGATIVE_TYPES,
    LineFigures,
    check_line,
    check_line_details,
)

_TYPES: Final = frozenset(LINE_TYPES)
_CATEGORIES: Final = frozenset(LINE_CATEGORIES)
_REDUCTIONS: Final = frozenset({"discount", "store_credit"})


def check_order_line(ck: Checker, line: object, index: int, rates: dict[str, Rate]) -> LineFigures | None:
    """``check_line`` for ``lines.{index}`` of a create-order body, through the fast path when it applies.

    ``rates`` maps each ``vatRate`` text already read in this call to its ``Rate`` (a per-call memo: an
    order repeats a handful of rates over many lines).
    """
    currency, decimals = ck.order_currency, ck.order_decimals
    pattern = plain_value_pattern(decimals) if decimals is not None else None
    clean = clean_line(line, currency, pattern.fullmatch, rates) if currency is not None and pattern else None
    if clean is None:
        return check_line(ck, line, index)
    assert isinstance(line, dict)
    sku = line.get("sku")
    plain_sku = sku is None or (type(sku) is str and len(sku) <= MAX_SKU)
    if not plain_sku or "imageUrl" in line or "productUrl" in line or "metadata" in line:
        check_line_details(ck, line, ("lines", index), f"Order line {index} is invalid. ")
    return LineFigures(index, *clean)


#: What a clean line contributes to the order: its type, total and VAT in minor units, and its rate.
CleanLine = tuple[str, int, int, Rate]


def clean_line(line: object, currency: str, plain: Callable[[str], object], rates: dict[str, Rate]) -> CleanLine | None:
    """The figures of ``line`` when none of its type, name, quantity, amount, rate or formula rules fires.

    ``plain`` is the full match of the currency's ``plain_value_pattern``, chosen once per order. A plain
    tuple, not ``LineFigures``: the whole-body fast path reads it once and keeps nothing.
    """
    if type(line) is not dict:
        return None
    get = line.get
    kind = get("type")
    if kind is None:
        kind = "physical"
    elif type(kind) is not str or kind not in _TYPES:
        return None
    category = get("category")
    if category is not None and (type(category) is not str or category not in _CATEGORIES):
        return None
    name = get("name")
    quantity = get("quantity")
    if type(name) is not str or not name.strip() or type(quantity) is not int or not 1 <= quantity <= MAX_QUANTITY:
        return None
    unit = plain_amount_minor(get("unitPrice"), currency, plain)
    total = plain_amount_minor(get("totalAmount"), currency, plain)
    vat = plain_amount_minor(get("vatAmount"), currency, plain)
    if unit is None or total is None or vat is None:
        return None
    discount = 0
    if get("discountAmount") is not None:
        sent = plain_amount_minor(get("discountAmount"), currency, plain)
        if sent is None or sent < 0:
            return None
        discount = sent
    text = get("vatRate")
    rate = (rates.get(text) or _rate(text, rates)) if type(text) is str else None
    if rate is None or total != unit * quantity - discount or vat != vat_minor(total, rate):
        return None
    if unit < 0:
        if kind not in NEGATIVE_TYPES:
            return None
    elif kind == "gift_card" or (unit > 0 and kind in _REDUCTIONS):
        return None
    if total < 0 and kind in GOODS_TYPES:
        return None
    return kind, total, vat, rate


def plain_amount_minor(amount: object, currency: str, plain: Callable[[str], object]) -> int | None:
    """The amount in minor units when ``check_amount`` would accept it in ``currency`` (sign aside);
    ``plain`` is the full match of ``plain_value_pattern``, chosen once per order."""
    if type(amount) is dict and amount.get("currency") == currency:
        raw = amount.get("value")
        if type(raw) is str and plain(raw):
            minor = int(raw.replace(".", "", 1))
            if minor or raw[0] != "-":
                return minor
    return None


def _rate(text: str, rates: dict[str, Rate]) -> Rate | None:
    """A rate text seen for the first time in this call: parsed, and remembered when it is valid."""
    rate = parse_rate(text)
    if rate is None or rate.units < 0 or text.startswith("-"):
        return None
    rates[text] = rate
    return rate
