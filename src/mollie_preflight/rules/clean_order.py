"""The fast path for a whole create-order body: ``True`` when no create-order rule can fire at all.

Most bodies a checkout sends are valid, and for those the full walk pays for being able to explain
mistakes: a ``Checker``, paths, one call per rule family and per optional field. Here the common shape of
a valid order (the parameters a shop sends, with a ``method`` whose rules are only about its id and
currency, and without ``payment`` or dates, whose rules depend on more context) is tested with the same
fast predicates the full checks use first (``clean_line``, ``is_clean_address``, ``is_plain_web_url``,
``is_surely_within``, ``json_size``, ``takes_currency``) plus the order-level sums, and nothing is built.
Anything unusual answers ``False`` and the full walk runs, finding and wording every problem.

The contract is one-sided and exact: ``is_clean_order(body)`` implies that ``validate_order(body)``
reports nothing, whatever the options (options can only switch rules off or change their severity).
``tests/test_fast_paths.py`` checks it on generated orders mutated at every path, and every rule test
goes through ``validate_order`` with this fast path in place.
"""

from __future__ import annotations

from typing import Any, Final

from ..calc import Rate
from ..money import InvalidValue, parse_value, plain_value_pattern
from ..reference.currencies import CURRENCY_DECIMALS
from ..reference.method_limits import DOCUMENTED
from ..reference.orders import KLARNA_METHODS, LOCALES, METHODS
from .address import is_clean_address
from .clean_lines import CleanLine, clean_line, plain_amount_minor
from .lines import MAX_SKU, NEGATIVE_TYPES
from .metadata import WARN_FROM, is_surely_within, json_size
from .methods import has_phone, takes_currency, within_limits
from .urls import is_plain_public_webhook, is_plain_web_url

#: The parameters the fast path knows; a body with any other key takes the full walk.
_KEYS: Final = frozenset(
    {
        "amount", "orderNumber", "lines", "billingAddress", "shippingAddress", "redirectUrl", "cancelUrl",
        "webhookUrl", "locale", "metadata", "testmode", "shopperCountryMustMatchBillingCountry", "method",
    }
)  # fmt: skip
_LOCALES: Final = frozenset(LOCALES)
#: Methods with no create-order rule beyond their id and currency when there is no ``payment`` and no date
#: (voucher, giftcard and PayPal have rules on lines and amounts; PayPal and Billie on the addresses). Klarna's
#: one extra rule, a phone number, is tested separately.
_PLAIN_METHODS: Final = frozenset(METHODS) - {"voucher", "giftcard", "paypal", "billie"}
_NO_METHODS: Final = frozenset[str]()
#: Line types with a rule on their VAT rate (discounts at a product's rate, gift cards at 0 %).
_RATE_BOUND_TYPES: Final = frozenset({"discount", "gift_card"})


def is_clean_order(body: object) -> bool:
    """``True`` only when ``validate_order(body)`` has no finding; ``False`` means "take the full walk"."""
    if type(body) is not dict or not _KEYS.issuperset(body):
        return False
    get = body.get
    locale, order_number = get("locale"), get("orderNumber")
    if type(locale) is not str or locale not in _LOCALES or type(order_number) is not str or not order_number.strip():
        return False
    testmode, must_match = get("testmode"), get("shopperCountryMustMatchBillingCountry")
    if (testmode is not None and type(testmode) is not bool) or (
        must_match is not None and type(must_match) is not bool
    ):
        return False
    redirect, cancel, webhook = get("redirectUrl"), get("cancelUrl"), get("webhookUrl")
    if type(redirect) is not str or not is_plain_web_url(redirect):
        return False
    if cancel is not None and (type(cancel) is not str or not is_plain_web_url(cancel)):
        return False
    if webhook is not None and (type(webhook) is not str or not is_plain_public_webhook(webhook)):
        return False
    method, billing, shipping = get("method"), get("billingAddress"), get("shippingAddress")
    if method is not None and not _plain_method(method, body):
        return False
    if not is_clean_address(billing, _NO_METHODS) or (
        shipping is not None and not is_clean_address(shipping, _NO_METHODS)
    ):
        return False
    return _plain_metadata(get("metadata")) and _clean_amount_and_lines(get("amount"), get("lines"))


def _plain_method(method: object, body: dict[object, object]) -> bool:
    """``method`` as ``check_methods`` accepts it without a word, for a method that changes no other rule."""
    names = [method] if type(method) is str else method if type(method) is list and method else None
    amount = body.get("amount")
    currency = amount.get("currency") if type(amount) is dict else None
    if names is None or type(currency) is not str:
        return False
    for name in names:
        if type(name) is not str or name not in _PLAIN_METHODS or not takes_currency(name, currency):
            return False
        if name in KLARNA_METHODS and not has_phone(body):
            return False  # Klarna wants a phone (MP506)
        if name in DOCUMENTED and not _within_documented_limits(name, currency, amount):
            return False  # MP532
    return True


def _within_documented_limits(name: str, currency: str, amount: object) -> bool:
    """Whether the order amount is surely within ``name``'s documented limits (``False`` when unreadable)."""
    decimals = CURRENCY_DECIMALS.get(currency)
    value = amount.get("value") if type(amount) is dict else None
    if decimals is None or type(value) is not str:
        return False
    minor = parse_value(value, decimals)
    return not isinstance(minor, InvalidValue) and within_limits(DOCUMENTED[name], currency, minor)


def _clean_amount_and_lines(amount: object, lines: object) -> bool:
    if type(amount) is not dict or type(lines) is not list or not lines:
        return False
    currency = amount.get("currency")
    decimals = CURRENCY_DECIMALS.get(currency) if type(currency) is str else None
    pattern = plain_value_pattern(decimals) if decimals is not None else None
    if pattern is None or currency is None or decimals is None:
        return False
    order_minor = plain_amount_minor(amount, currency, pattern.fullmatch)
    if order_minor is None or order_minor < 0:
        return False
    rates: dict[str, Rate] = {}
    figures: list[CleanLine] = []
    total = 0
    unusual = False
    plain = pattern.fullmatch
    for line in lines:
        clean = clean_line(line, currency, plain, rates)
        if clean is None or not _plain_line_details(line):
            return False
        figures.append(clean)
        kind, line_total, vat, _ = clean
        total += line_total
        if vat < 0 or kind in _RATE_BOUND_TYPES:
            unusual = True
    if total != order_minor:
        return False
    # Without a negative VAT no rate's VAT can be negative, and without a discount or gift card line the
    # reduction rules have nothing to check: the usual order is done here.
    return not unusual or _clean_rates(figures)


def _clean_rates(figures: list[CleanLine]) -> bool:
    """The order-level rate rules of an order with negative VAT or reduction lines: every rate's VAT at
    least zero, gift cards at 0 %, discounts at a rate some product line uses."""
    vat_by_rate: dict[tuple[int, int], int] = {}
    product_rates: set[tuple[int, int]] = set()
    discount_rates: list[tuple[int, int]] = []
    for kind, line_total, vat, rate in figures:
        key = rate.key
        vat_by_rate[key] = vat_by_rate.get(key, 0) + vat
        if kind == "discount":
            discount_rates.append(key)
        elif kind == "gift_card":
            if rate.units:
                return False
        elif line_total > 0 and kind not in NEGATIVE_TYPES:
            product_rates.add(key)
    return min(vat_by_rate.values()) >= 0 and (not product_rates or product_rates.issuperset(discount_rates))


def _plain_line_details(line: Any) -> bool:
    """The optional descriptive fields of a line, when ``check_line_details`` would accept them."""
    sku = line.get("sku")
    if sku is not None and (type(sku) is not str or len(sku) > MAX_SKU):
        return False
    for field in ("imageUrl", "productUrl"):
        url = line.get(field)
        if url is not None and not (type(url) is str and is_plain_web_url(url)):
            return False
    metadata = line.get("metadata")
    return metadata is None or _plain_metadata(metadata)


def _plain_metadata(value: object) -> bool:
    if value is None or is_surely_within(value, WARN_FROM):
        return True
    size = json_size(value, WARN_FROM)
    return type(size) is int and size <= WARN_FROM
