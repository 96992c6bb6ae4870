"""The Payments API's lines: the Orders API's line rules through ``PAYMENTS``, and the rules only payments have.

A Payments line is an Orders line with other names and bounds (``description`` for ``name``, an array of
``categories`` for ``category``, VAT optional, a free gift card allowed) and three fields of its own
(``categories``, ``quantityUnit``, ``recurring``). The shared checks live in ``lines`` and keep their codes;
this module declares how payments spell a line and checks what only payments have.
"""

from __future__ import annotations

import re
from typing import Final

from ..._findings import Path, Severity
from .. import citations as cite
from ..checker import Checker
from ..common.amounts import check_amount
from ..common.dates import parse_date
from ..common.lines import LineDialect
from ..rule import Evidence, Fixability, Rule
from ..values import describe, is_blank, json_type

#: The fields every Payments line needs; VAT is optional here, unlike on orders.
REQUIRED: Final = ("description", "quantity", "unitPrice", "totalAmount")
#: The ``categories`` values (the vouchers guide names four of them; the enum has six).
CATEGORIES: Final = ("eco", "gift", "meal", "sport_culture", "additional", "consume")
#: Orders API line keys that a Payments line does not take: key → what to send instead.
ORDERS_ONLY_LINE_KEYS: Final = {
    "name": "send the line's name as 'description'",
    "category": "send 'categories', an array such as [\"meal\"]",
}
#: ``recurring.interval``: a count and a unit of days, weeks or months ("12 months").
_INTERVAL: Final = re.compile(r"[0-9]+ (?:days?|weeks?|months?)", re.ASCII)
_RECURRING_KEYS: Final = frozenset({"description", "interval", "amount", "times", "startDate"})

LINE_VAT_PAIR = Rule(
    "MP920",
    "line-vat-pair",
    Severity.WARNING,
    (cite.CREATE_PAYMENT.at("lines.vatRate"), cite.CREATE_PAYMENT.at("lines.vatAmount")),
    Evidence.INFERRED,
    "a Payments line sends vatRate without vatAmount (vatAmount without vatRate is MP924)",
    "On the Payments API both are optional, and vatAmount is checked against the rate (totalAmount × vatRate / "
    "(100 + vatRate)). Mollie does not document what happens when only the rate is sent, and no live answer "
    "shows it; without the amount the VAT cannot be shown on the checkout and to suppliers.",
    "Send both, vatAmount computed from the line's totalAmount with vat_amount(), or neither.",
    fixability=Fixability.SAFE,
)
LINE_VAT_RATE_MISSING = Rule(
    "MP924",
    "line-vat-rate-missing",
    Severity.ERROR,
    (
        cite.CREATE_PAYMENT.at("lines.vatRate"),
        cite.live("https://github.com/marshmallow-packages/payable/blob/main/CHANGELOG.md"),
    ),
    Evidence.LIVE,
    "a Payments line sends vatAmount without vatRate",
    "Mollie checks a line's vatAmount against its rate and refuses an amount without one (422, quoted in "
    'marshmallow-packages/payable\'s changelog, 2026: a 0 % line whose rate "0" a PHP truthiness check '
    "dropped, sent with vatAmount 0.00, was refused on every such payment).",
    'Send the line\'s rate as a string with two decimals ("0.00" for a 0 % line), or leave both out.',
    "The 'vatRate' field is missing, but the 'vatAmount' field is present",
)
LINE_CATEGORIES = Rule(
    "MP921",
    "line-categories",
    Severity.ERROR,
    (cite.CREATE_PAYMENT.at("lines.categories"), cite.INTEGRATING_VOUCHERS),
    Evidence.DOCUMENTED,
    "a Payments line's categories is not an array of eco, gift, meal, sport_culture, additional or consume",
    "Voucher payments use the categories of each line to tell which part of the amount a voucher may pay; "
    "the Payments API takes an array of them (the Orders API's single 'category' string does not exist here).",
    'Send an array of category names, such as ["meal"], without duplicates, or leave categories out.',
    fixability=Fixability.SAFE,
)
LINE_QUANTITY_UNIT = Rule(
    "MP922",
    "line-quantity-unit",
    Severity.ERROR,
    (cite.CREATE_PAYMENT.at("lines.quantityUnit"),),
    Evidence.DOCUMENTED,
    "a Payments line's quantityUnit is not a non-blank string",
    "quantityUnit is a free text shown next to the quantity, such as 'pcs' or 'kg'.",
    "Send a short string such as 'pcs', or leave quantityUnit out.",
)
LINE_RECURRING = Rule(
    "MP923",
    "line-recurring",
    Severity.ERROR,
    (cite.CREATE_PAYMENT.at("lines.recurring"),),
    Evidence.DOCUMENTED,
    "a Payments line's recurring is not an object with an interval such as '12 months' and valid details",
    "The recurring details are shown on the checkout for subscription products: interval is required and "
    "written as a number and days, weeks or months; amount is an amount in the payment's currency, times a "
    "whole number of at least 1, startDate a YYYY-MM-DD date.",
    'Send {"interval": "1 months"} with the optional description, amount, times and startDate, or leave it out.',
)

LINE_DISCOUNT_NOT_RELEVANT = Rule(
    "MP966",
    "line-discount-not-relevant",
    Severity.WARNING,
    (cite.CREATE_PAYMENT.at("lines.discountAmount"),),
    Evidence.DOCUMENTED,
    "a discount, store_credit or gift_card line has a non-zero discountAmount",
    "Mollie's reference says discountAmount is not relevant for discount, store credit and gift card lines: "
    "their negative unitPrice is the reduction itself. A discount on a discount is a sign that it is counted "
    "twice.",
    "Put the whole reduction in the line's negative unitPrice and leave discountAmount out.",
)
ORDERS_ONLY_KEY = Rule(
    "MP930",
    "orders-only-key",
    Severity.WARNING,
    (cite.MIGRATING_ORDERS_TO_PAYMENTS, cite.CREATE_PAYMENT.at("Body parameters")),
    Evidence.DOCUMENTED,
    "a Payments body (or one of its lines) has a key of the Orders API that the Payments API does not take (the "
    "payment object is MP718)",
    "Mollie's migration guide maps the Orders API's keys to the Payments API's: orderNumber becomes the "
    "description, a line's name its description, category the categories array, and the payment object's "
    "parameters move to the top level. Sent as is, these keys are not applied. Whether Mollie refuses or "
    "ignores orderNumber, shopperCountryMustMatchBillingCountry and a line's name or category is not documented "
    "and no live answer shows it; the payment object was seen refused and is the MP718 error.",
    "Send the Payments API's key instead; migrate_order() converts a whole Orders body.",
)

RULES = (
    LINE_VAT_PAIR,
    LINE_VAT_RATE_MISSING,
    LINE_CATEGORIES,
    LINE_QUANTITY_UNIT,
    LINE_RECURRING,
    LINE_DISCOUNT_NOT_RELEVANT,
    ORDERS_ONLY_KEY,
)
#: Line types whose unitPrice is the reduction, for which Mollie calls discountAmount not relevant.
_REDUCTION_TYPES: Final = frozenset({"discount", "store_credit", "gift_card"})


def check_payment_line_extras(ck: Checker, line: dict[object, object], path: Path, prefix: str) -> None:
    """The rules only a Payments line has: the VAT pair, categories, quantityUnit, recurring, Orders-only keys,
    a discount on a reduction line."""
    for key, instead in ORDERS_ONLY_LINE_KEYS.items():
        if line.get(key) is not None:
            ck.report(
                ORDERS_ONLY_KEY,
                (*path, key),
                f"{prefix}The '{key}' field is an Orders API line field; on the Payments API {instead}.",
            )
    has_rate, has_vat = line.get("vatRate") is not None, line.get("vatAmount") is not None
    if has_rate and not has_vat:
        ck.report(
            LINE_VAT_PAIR,
            (*path, "vatAmount"),
            f"{prefix}The 'vatRate' field is sent without 'vatAmount'; send both or neither.",
        )
    elif has_vat and not has_rate:
        ck.report(
            LINE_VAT_RATE_MISSING,
            (*path, "vatRate"),
            f"{prefix}The 'vatRate' field is missing, but the 'vatAmount' field is present; send the line's rate, "
            'such as "21.00" ("0.00" for a 0 % line), or neither.',
        )
    categories = line.get("categories")
    if categories is not None:
        _check_categories(ck, categories, (*path, "categories"), prefix)
    unit = line.get("quantityUnit")
    if unit is not None and (not isinstance(unit, str) or is_blank(unit)):
        ck.report(
            LINE_QUANTITY_UNIT,
            (*path, "quantityUnit"),
            f"{prefix}The 'quantityUnit' field must be a non-blank string such as \"pcs\", got {json_type(unit)}.",
            actual=describe(unit),
        )
    recurring = line.get("recurring")
    if recurring is not None:
        _check_recurring(ck, recurring, (*path, "recurring"), prefix)
    kind = line.get("type")
    discount = _non_zero_value(line.get("discountAmount")) if type(kind) is str and kind in _REDUCTION_TYPES else None
    if discount is not None:
        ck.report(
            LINE_DISCOUNT_NOT_RELEVANT,
            (*path, "discountAmount"),
            f"{prefix}A {kind} line's negative unitPrice is its reduction; Mollie calls discountAmount not "
            "relevant here.",
            actual=describe(discount),
        )


def _non_zero_value(amount: object) -> str | None:
    """The value of ``amount`` when it is an amount object whose value has a digit other than 0, else
    ``None`` (the amount rules judge its form)."""
    value = amount.get("value") if isinstance(amount, dict) else None
    return value if isinstance(value, str) and any(c in "123456789" for c in value) else None


def _check_categories(ck: Checker, value: object, path: Path, prefix: str) -> None:
    if isinstance(value, str):
        meant = f'["{value}"]' if value in CATEGORIES else None
        ck.report(
            LINE_CATEGORIES,
            path,
            f"{prefix}The 'categories' field must be an array of categories, got a string"
            + (f"; send {meant}." if meant else "."),
            expected=meant,
            actual=describe(value),
        )
        return
    if not isinstance(value, (list, tuple)):
        ck.report(
            LINE_CATEGORIES,
            path,
            f"{prefix}The 'categories' field must be an array of categories, got {json_type(value)}.",
            actual=describe(value),
        )
        return
    # An empty array is a line of no voucher category, as a line without the field: Mollie's PrestaShop module
    # sends ``[]`` on every line a voucher cannot pay for (a voucher payment still needs a line that it can pay
    # for, which the methods family checks).
    seen: set[str] = set()
    for index, item in enumerate(value):
        if not isinstance(item, str) or item not in CATEGORIES:
            ck.report(
                LINE_CATEGORIES,
                (*path, index),
                f"{prefix}The category {describe(item)!r} is not one of {', '.join(CATEGORIES)}.",
                actual=describe(item),
            )
        elif item in seen:
            ck.report(LINE_CATEGORIES, (*path, index), f"{prefix}The category '{item}' is listed twice.", actual=item)
        else:
            seen.add(item)


def _check_recurring(ck: Checker, value: object, path: Path, prefix: str) -> None:
    if not isinstance(value, dict):
        ck.report(
            LINE_RECURRING,
            path,
            f"{prefix}The 'recurring' field must be an object, got {json_type(value)}.",
            actual=describe(value),
        )
        return
    interval = value.get("interval")
    if interval is None:
        ck.report(LINE_RECURRING, (*path, "interval"), f"{prefix}The recurring details need an 'interval'.")
    elif not isinstance(interval, str) or not _INTERVAL.fullmatch(interval):
        ck.report(
            LINE_RECURRING,
            (*path, "interval"),
            f"{prefix}The recurring interval {describe(interval)!r} is not a number and days, weeks or months, "
            "such as '12 months'.",
            actual=describe(interval),
        )
    description = value.get("description")
    if description is not None and not isinstance(description, str):
        ck.report(
            LINE_RECURRING,
            (*path, "description"),
            f"{prefix}The recurring description must be a string, got {json_type(description)}.",
            actual=describe(description),
        )
    times = value.get("times")
    if times is not None and (type(times) is not int or times < 1):
        ck.report(
            LINE_RECURRING,
            (*path, "times"),
            f"{prefix}The recurring 'times' must be a whole number of at least 1, got {describe(times)}.",
            actual=describe(times),
        )
    if value.get("amount") is not None:
        check_amount(ck, value["amount"], (*path, "amount"), prefix=prefix, order_currency=ck.order_currency)
    if value.get("startDate") is not None:
        parse_date(ck, value["startDate"], (*path, "startDate"))


def clean_payment_line_extras(line: dict[object, object]) -> bool:
    """``check_payment_line_extras`` would report nothing: stricter than the check where that is cheap
    (``recurring`` and Orders-only keys take the walk)."""
    if (line.get("vatRate") is None) != (line.get("vatAmount") is None) or line.get("recurring") is not None:
        return False
    if line.get("name") is not None or line.get("category") is not None:
        return False
    kind = line.get("type")
    if type(kind) is str and kind in _REDUCTION_TYPES and _non_zero_value(line.get("discountAmount")) is not None:
        return False
    unit = line.get("quantityUnit")
    if unit is not None and (type(unit) is not str or not unit.strip()):
        return False
    categories = line.get("categories")
    if categories is None:
        return True
    return (
        type(categories) is list
        and all(type(c) is str and c in CATEGORIES for c in categories)
        and len(set(categories)) == len(categories)
    )


#: The Payments API's lines: "Line item N is invalid. " is Mollie's own prefix on this API.
PAYMENTS: Final = LineDialect(
    "payments",
    "payment",
    "description",
    REQUIRED,
    "Line item {index} is invalid. ",
    False,
    True,
    False,
    check_payment_line_extras,
    clean_payment_line_extras,
)
