"""``method`` and what it implies for the rest of the order.

``requested_methods`` is the one reading of ``method`` the other rule modules use (addresses, dates,
payment): the set of valid methods the order may be paid with, empty when any method may be chosen.
"""

from __future__ import annotations

from ..._findings import Severity
from ..._money import format_minor
from ..._reference.currencies import CURRENCY_METHODS
from ..._reference.method_history import REPLACED_METHODS, RETIRED_METHODS, MethodChange
from ..._reference.method_limits import AmountLimits
from ..._reference.orders import EUR_ONLY_METHODS, KLARNA_METHODS, METHODS, REVERTED_METHODS
from .. import citations as cite
from ..checker import Checker
from ..family import BodyFamily
from ..rule import Evidence, Rule
from ..values import closest, describe, json_type

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

METHOD = Rule(
    "MP501",
    "method",
    Severity.ERROR,
    (cite.CREATE_ORDER.at("method"),),
    Evidence.DOCUMENTED,
    "method is not a known method id, or a non-empty array of them",
    "Mollie accepts one method id, or an array that limits the checkout's choice; blik and twint were "
    "documented for one day in 2024 and reverted.",
    "Use Mollie's method ids (ideal, creditcard, klarnapaylater, ...), or leave method out.",
)
METHOD_CURRENCY = Rule(
    "MP502",
    "method-currency",
    Severity.ERROR,
    (cite.MULTICURRENCY, cite.GET_METHOD, cite.COMMON_DATA_TYPES.at("Address object")),
    Evidence.DOCUMENTED,
    "the only method given does not support the order's currency",
    "Outside EUR, each currency works with a few methods only; forcing another one fails.",
    "Pick a method that supports the currency, or convert the order to EUR.",
)
METHOD_CURRENCY_LIMITED = Rule(
    "MP503",
    "method-currency-limited",
    Severity.WARNING,
    (cite.MULTICURRENCY, cite.GET_METHOD, cite.COMMON_DATA_TYPES.at("Address object")),
    Evidence.DOCUMENTED,
    "some of the listed methods do not support the order's currency",
    "The checkout silently hides the methods that cannot take the currency.",
    "Drop the methods that cannot take the currency from the list.",
)
VOUCHER_CATEGORY = Rule(
    "MP504",
    "voucher-category",
    Severity.WARNING,
    (cite.INTEGRATING_VOUCHERS, cite.CREATE_ORDER.at("lines.category")),
    Evidence.DOCUMENTED,
    "voucher is offered and no line has a category",
    "Mollie offers vouchers only when lines carry a category (meal, eco, gift) and pays out only for those.",
    "Set category on the lines vouchers may pay for (the vouchers guide advises all lines).",
)
VOUCHER_ONLY_NO_CATEGORY = Rule(
    "MP505",
    "voucher-only-no-category",
    Severity.ERROR,
    (cite.INTEGRATING_VOUCHERS, cite.CREATE_ORDER.at("lines.category")),
    Evidence.INFERRED,
    "voucher is the only method and no line has a category",
    "With voucher forced and nothing eligible, the order cannot be paid at all.",
    "Set category on the eligible lines, or offer another method as well.",
)
KLARNA_PHONE = Rule(
    "MP506",
    "klarna-phone",
    Severity.WARNING,
    (cite.MULTICURRENCY, cite.UPDATE_ORDER, cite.CANCEL_ORDER_LINES, cite.CREATE_ORDER.at("billingAddress.phone")),
    Evidence.DOCUMENTED,
    "a Klarna method is offered and neither address has a phone number",
    "Klarna recommends a phone number and may decline orders without one.",
    "Send billingAddress.phone in E.164 format.",
)
GIFTCARD_CAP = Rule(
    "MP507",
    "giftcard-cap",
    Severity.WARNING,
    (cite.GIFT_CARDS,),
    Evidence.DOCUMENTED,
    "giftcard is the only method and the order is above the €50 gift cards can cover",
    "Gift cards cover at most €50 per payment; the rest must be paid with another method.",
    "Offer another method next to giftcard for larger orders.",
)
PAYPAL_DIGITAL = Rule(
    "MP508",
    "paypal-digital",
    Severity.WARNING,
    (cite.CREATE_ORDER.at("method"),),
    Evidence.DOCUMENTED,
    "PayPal is offered for an order with digital lines",
    "Selling digital goods through PayPal needs PayPal to enable it on your account.",
    "Ask PayPal to enable digital goods, or do not offer PayPal for digital orders.",
)
METHOD_AMOUNT_LIMITS = Rule(
    "MP532",
    "method-amount-limits",
    Severity.WARNING,
    (cite.IDEAL, cite.CARDS, cite.BANCONTACT, cite.KLARNA, cite.GET_METHOD.at("minimumAmount, maximumAmount")),
    Evidence.DOCUMENTED,
    "the order amount is below the smallest or above the largest amount a requested method takes",
    "Each method has a minimum and a maximum amount (iDEAL takes EUR 0.01 to 50,000, Klarna from EUR 1.00): "
    "a method forced outside them cannot be paid, and one of a list is not offered. The documented limits "
    "are the defaults, and your profile's can differ; pass the Methods API's answer as Options(methods=...) "
    "to check against the profile's own.",
    "Offer a method that takes the amount, or leave method out and let the checkout offer those that do.",
)
METHOD_REPLACED = Rule(
    "MP533",
    "method-replaced",
    Severity.WARNING,
    (
        cite.CHANGELOG_APRIL_2025,
        cite.CREATE_ORDER.at("method"),
        cite.live("https://github.com/mollie/WooCommerce/issues/1001"),
        cite.live("https://github.com/Viincenttt/MollieApi/issues/448"),
    ),
    Evidence.LIVE,
    "method is an id Mollie has replaced by another and still accepts",
    "In April 2025 Mollie replaced klarnapaylater, klarnapaynow and klarnasliceit by the one method klarna, "
    "which offers pay later, pay now and slice it as Klarna judges the customer. The old ids still create "
    "orders (Mollie's own create-order example uses klarnapaylater, and integrations reported them working "
    "months after the change), but Mollie phases them out and new accounts no longer get them: an "
    "integration that sends them works on borrowed time.",
    "Send the replacement (klarna) instead.",
)
METHOD_RETIRED = Rule(
    "MP534",
    "method-retired",
    Severity.ERROR,
    (
        cite.CHANGELOG_V2,
        cite.GIROPAY_DEPRECATION,
        cite.SOFORT_DEPRECATION,
        cite.live("https://github.com/mollie/mollie-api-python/pull/104"),
    ),
    Evidence.DOCUMENTED,
    "method is a payment method Mollie has discontinued",
    "Mollie stopped bitcoin (May 2019), ING Home'Pay (February 2021: \"the API now rejects all Create Payment "
    'API-calls with the method inghomepay"), giropay (after 30 June 2024) and SOFORT (after 30 September '
    "2024); its announcements say a request that still names them gets an error. Older shop integrations "
    "keep sending them.",
    "Remove the method from the checkout, and from the list in method.",
)

RULES = (
    METHOD,
    METHOD_CURRENCY,
    METHOD_CURRENCY_LIMITED,
    VOUCHER_CATEGORY,
    VOUCHER_ONLY_NO_CATEGORY,
    KLARNA_PHONE,
    GIFTCARD_CAP,
    PAYPAL_DIGITAL,
    METHOD_AMOUNT_LIMITS,
    METHOD_REPLACED,
    METHOD_RETIRED,
)

_KNOWN: Final = frozenset(METHODS)
#: The ids Mollie neither replaced nor retired: no history rule to ask about (the usual case, one look-up).
_KNOWN_CURRENT: Final = _KNOWN.difference(REPLACED_METHODS, RETIRED_METHODS)
_GIFTCARD_CAP_CENTS: Final = 5000


def requested_methods(payload: dict[object, object]) -> frozenset[str]:
    """The valid method ids of ``payload["method"]`` (a string or an array); empty when none is given."""
    method = payload.get("method")
    if isinstance(method, str):
        return frozenset({method}) & _KNOWN
    if isinstance(method, (list, tuple)):
        return frozenset(m for m in method if isinstance(m, str)) & _KNOWN
    return frozenset()


def offers_any(method: object, names: frozenset[str]) -> bool:
    """Whether ``method`` (the body's ``method``, as sent) offers one of ``names`` (valid method ids):
    ``requested_methods(payload) & names`` without building a set, for the composed fast path."""
    if type(method) is str:
        return method in names
    if isinstance(method, (list, tuple)):
        return any(type(m) is str and m in names for m in method)
    return False


def forced_method(payload: dict[object, object]) -> str | None:
    """The one method the customer is sent to directly: ``method`` as a string (or a one-element array)."""
    method = payload.get("method")
    if isinstance(method, (list, tuple)) and len(method) == 1:
        method = method[0]
    return method if isinstance(method, str) and method in _KNOWN else None


def check_methods(ck: Checker, payload: dict[object, object]) -> None:
    """Every rule on ``method`` and what it implies for the order.

    Cheap to walk for a body whose only finding is here (Mollie's own example sends the replaced
    ``klarnapaylater``, an MP533 warning): ``method`` is read once, no set is built for a single method, and
    the lines are read only for the methods whose rules look at them.
    """
    method = payload.get("method")
    if method is None:
        return
    methods: tuple[str, ...] | frozenset[str]
    forced: str | None
    if type(method) is str:
        _check_method_name(ck, ("method",), method)
        methods = (method,) if method in _KNOWN else ()
        forced = methods[0] if methods else None
    else:
        _check_method_value(ck, method)
        methods = requested_methods(payload)
        forced = forced_method(payload)
    if not methods:
        return
    currency = ck.order_currency
    if currency is not None and currency != "EUR":
        _check_currency(ck, methods, forced, currency)
    if "voucher" in methods:
        _check_vouchers(ck, forced, _line_objects(payload))
    if not KLARNA_METHODS.isdisjoint(methods) and not has_phone(payload):
        ck.report(
            KLARNA_PHONE, ("billingAddress", "phone"), "Klarna recommends a phone number; neither address has one."
        )
    if forced == "giftcard" and currency == "EUR" and (ck.order_amount or 0) > _GIFTCARD_CAP_CENTS:
        value = format_minor(ck.order_amount or 0, 2)
        ck.report(
            GIFTCARD_CAP,
            ("method",),
            f"Gift cards cover at most €50.00 per payment; this order is €{value}: the rest needs another method.",
            actual=value,
        )
    if ck.order_amount is not None and currency is not None and ck.order_decimals is not None:
        _check_amount_limits(ck, methods, forced, currency, ck.order_amount, ck.order_decimals)
    if "paypal" in methods and any(line.get("type") == "digital" for line in _line_objects(payload)):
        ck.report(
            PAYPAL_DIGITAL,
            ("method",),
            "PayPal is offered for digital goods; PayPal must enable digital goods on your account.",
        )


def _check_currency(ck: Checker, methods: tuple[str, ...] | frozenset[str], forced: str | None, currency: str) -> None:
    """MP502/MP503: outside EUR, the methods that cannot take the order's currency."""
    unsupported = sorted(m for m in methods if not takes_currency(m, currency))
    if unsupported and forced is not None:
        supported = CURRENCY_METHODS.get(currency, frozenset())
        ck.report(
            METHOD_CURRENCY,
            ("method",),
            f"The method {forced} does not support {currency}; it supports "
            f"{', '.join(sorted(supported)) or 'no method'} in this currency.",
            actual=forced,
        )
    elif unsupported:
        ck.report(
            METHOD_CURRENCY_LIMITED,
            ("method",),
            f"These methods do not support {currency} and will not be offered: {', '.join(unsupported)}.",
            actual=", ".join(unsupported),
        )


def _line_objects(payload: dict[object, object]) -> list[dict[object, object]]:
    """The lines that are objects, for the rules that read them (vouchers, PayPal)."""
    lines = payload.get("lines")
    return [line for line in lines if isinstance(line, dict)] if isinstance(lines, (list, tuple)) else []


def _check_vouchers(ck: Checker, forced: str | None, lines: list[dict[object, object]]) -> None:
    """Vouchers need a line with a category (MP504, or MP505 when voucher is the only method)."""
    if lines and not any(line.get("category") for line in lines):
        rule = VOUCHER_ONLY_NO_CATEGORY if forced == "voucher" else VOUCHER_CATEGORY
        ck.report(rule, ("lines",), "Vouchers need order lines with a category (meal, eco or gift); no line has one.")


def within_limits(limits: AmountLimits | None, currency: str, minor: int) -> bool:
    """Whether an order of ``minor`` units of ``currency`` is within ``limits`` (limits in another currency,
    or none, say nothing)."""
    if limits is None or limits.currency != currency:
        return True
    return limits.minimum <= minor and (limits.maximum is None or minor <= limits.maximum)


def _check_amount_limits(
    ck: Checker,
    methods: tuple[str, ...] | frozenset[str],
    forced: str | None,
    currency: str,
    minor: int,
    decimals: int,
) -> None:
    table = ck.options.method_limits
    for method in methods if len(methods) == 1 else sorted(methods):
        limits = table.get(method)
        if limits is None or within_limits(limits, currency, minor):
            continue
        low = format_minor(limits.minimum, decimals)
        bounds = (
            f"{currency} {low} to {format_minor(limits.maximum, decimals)}"
            if limits.maximum is not None
            else (f"at least {currency} {low}")
        )
        outcome = "cannot pay this order" if forced is not None else "will not be offered"
        ck.report(
            METHOD_AMOUNT_LIMITS,
            ("method",),
            f"The method {method} takes {bounds}; the order is {currency} {format_minor(minor, decimals)}, so "
            f"{method} {outcome}.",
            actual=format_minor(minor, decimals),
        )


def _check_method_value(ck: Checker, method: object) -> None:
    """MP501 (and the history rules) on a ``method`` that is not a string: an array of ids, or anything else."""
    if isinstance(method, str):
        _check_method_name(ck, ("method",), method)
        return
    if not isinstance(method, (list, tuple)):
        ck.report(
            METHOD,
            ("method",),
            f"The 'method' field must be a method id or an array of them, got {json_type(method)}.",
            actual=describe(method),
        )
        return
    if not method:
        ck.report(METHOD, ("method",), "The 'method' field must not be an empty array; leave it out instead.")
        return
    for index, item in enumerate(method):
        _check_method_name(ck, ("method", index), item)


def _check_method_name(ck: Checker, path: tuple[str | int, ...], item: object) -> None:
    """One method id: replaced or retired (MP533, MP534), or not one of Mollie's (MP501)."""
    if isinstance(item, str) and (item in _KNOWN_CURRENT or check_method_history(ck, path, item) or item in _KNOWN):
        return
    ck.report(
        METHOD,
        path,
        f"The method {describe(item)!r} is invalid: {_why(item)}.",
        expected=_meant(item),
        actual=describe(item),
    )


def check_method_history(ck: Checker, path: tuple[str | int, ...], method: str) -> bool:
    """Report ``method`` when Mollie has replaced (MP533) or retired (MP534) it; ``True`` when it did.

    Shared by every endpoint that takes a method, so an id is judged the same wherever it is sent.
    """
    replaced = REPLACED_METHODS.get(method)
    if replaced is not None:
        ck.report(
            METHOD_REPLACED, path, (_replaced_message, (method, replaced)), expected=replaced.replacement, actual=method
        )
        return True
    retired = RETIRED_METHODS.get(method)
    if retired is not None:
        ck.report(
            METHOD_RETIRED,
            path,
            f"Mollie discontinued the method {method} as of {retired.since}: requests that name it are refused.",
            actual=method,
        )
        return True
    return False


def _replaced_message(method: str, change: MethodChange) -> str:
    """MP533's message, written when the finding is read (``Violation``)."""
    return (
        f"The method {method} was replaced by {change.replacement} in {_month(change)}; Mollie still accepts it "
        f"today, but phases it out: send {change.replacement}."
    )


def _month(change: MethodChange) -> str:
    """``2025-04`` → ``April 2025``: a change's month as the changelog names it."""
    year, month = change.since.split("-")[:2]
    names = "January February March April May June July August September October November December".split()
    return f"{names[int(month) - 1]} {year}"


def _why(item: object) -> str:
    if not isinstance(item, str):
        return f"a method id is a string, not {json_type(item)}"
    if item.lower() in REVERTED_METHODS:
        return f"{item.lower()} was never available through the Orders API (documented for one day, then reverted)"
    return "it is not one of Mollie's method ids"


def _meant(item: object) -> str | None:
    if not isinstance(item, str) or len(item) > 40:
        return None
    folded = item.strip().lower().replace(" ", "").replace("_", "").replace("-", "")
    if folded in _KNOWN:
        return folded
    return closest(folded, METHODS)


def takes_currency(method: str, currency: str) -> bool:
    """Whether ``method`` can be paid in ``currency`` (every method takes EUR)."""
    if currency == "EUR":
        return True
    if method in EUR_ONLY_METHODS:
        return False
    supported = CURRENCY_METHODS.get(currency, frozenset())
    return ("klarna" if method in KLARNA_METHODS else method) in supported


def has_phone(payload: dict[object, object]) -> bool:
    """Whether either address has a phone number, as Klarna wants (MP506)."""
    for key in ("billingAddress", "shippingAddress"):
        address = payload.get(key)
        if isinstance(address, dict) and isinstance(address.get("phone"), str) and address["phone"].strip():
            return True
    return False


# --- clean: "nothing to report here", for the composed fast path; ``check_methods`` never calls it ---


def clean_methods(payload: dict[object, object], ck: Checker) -> bool:
    """``check_methods`` would report nothing: every method known and taking the order's currency, and
    none of the conditions of the method-specific rules above (vouchers, Klarna, gift cards, PayPal) met.
    """
    method = payload.get("method")
    if method is None:
        return True
    if type(method) is str:
        only: str | None = method
        names: list[object] | tuple[object, ...] = (method,)
    elif type(method) is list and method:
        only = method[0] if len(method) == 1 else None
        names = method
    else:
        return False
    amount = payload.get("amount")
    currency = amount.get("currency") if type(amount) is dict else None
    if type(currency) is not str:
        return False
    lines = payload.get("lines")
    table = ck.options.method_limits
    for name in names:
        if type(name) is not str or name not in _KNOWN or not takes_currency(name, currency):
            return False
        if name in REPLACED_METHODS or name in RETIRED_METHODS:
            return False  # MP533, MP534
        if name in table and not _surely_within(table[name], ck, currency):
            return False  # the amount limits (MP532)
        if name in KLARNA_METHODS and not has_phone(payload):
            return False
        if name == "voucher" and not _any_line_has(lines, "category"):
            return False
        if name == "paypal" and _any_line_has(lines, "type", "digital"):
            return False
    return only != "giftcard"  # the cap (MP507) needs the order amount: the walk reads it


def _surely_within(limits: AmountLimits, ck: Checker, currency: str) -> bool:
    """Whether the order amount is within ``limits`` as ``check_methods`` reads it: from the checker, where the
    order family leaves it whether it is answered by its clean or walked (it comes before this family in
    ``CREATE_ORDER_FAMILIES``); ``False`` when the amount is not valid. Read there, not parsed again."""
    minor = ck.order_amount
    return minor is not None and ck.order_currency == currency and within_limits(limits, currency, minor)


def _any_line_has(lines: object, key: str, value: object = None) -> bool:
    """Whether a line of ``lines`` has a truthy ``key`` (or ``key`` equal to ``value``), as ``check_methods``
    reads them; an unreadable ``lines`` counts as "yes" only when that keeps the verdict one-sided."""
    if not isinstance(lines, (list, tuple)):
        return value is None  # no lines: voucher's rule cannot fire, PayPal's cannot either
    for line in lines:
        if isinstance(line, dict):
            found = line.get(key)
            if found if value is None else found == value:
                return True
    return False


#: This family's part of a create-order body (composed in ``create_order``).
CREATE_ORDER: Final[BodyFamily] = BodyFamily("methods", check_methods, clean_methods)
