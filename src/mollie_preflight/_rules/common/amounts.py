"""Amount objects, ``{"currency": "EUR", "value": "10.00"}``.

``check_amount`` is the one place an amount is read. It reports everything wrong with the object and
returns the value in integer minor units only when the amount is fully valid, so that no formula ever
runs on a value Mollie would refuse.
"""

from __future__ import annotations

from ..._findings import Path, Severity
from ..._money import InvalidValue, currency_decimals, format_minor, parse_value, plain_minor, pow10
from ..._reference.currencies import CURRENCY_DECIMALS
from .. import citations as cite
from ..checker import Checker
from ..rule import Evidence, Fixability, Rule
from ..values import describe, describe_typed, is_decimal, json_type

AMOUNT_SHAPE = Rule(
    "MP101",
    "amount-shape",
    Severity.ERROR,
    (cite.COMMON_DATA_TYPES.at("Amount object"),),
    Evidence.DOCUMENTED,
    "an amount is not an object with a string 'currency' and a string 'value'",
    "Every amount in the Orders API is an object with exactly these two keys.",
    'Send {"currency": "EUR", "value": "10.00"}.',
    fixability=Fixability.UNSAFE,
)
AMOUNT_VALUE_STRING = Rule(
    "MP102",
    "amount-value-string",
    Severity.ERROR,
    (cite.CREATE_PAYMENT, cite.CREATE_ORDER_REFUND, cite.APPLICATION_FEES, cite.CREATE_SHIPMENT),
    Evidence.DOCUMENTED,
    "an amount's value is a JSON number instead of a string",
    "Mollie does not accept non-string values: a number loses its trailing zeros and, as a float, its exact cents.",
    'Format the value as a string with the currency\'s decimals: "16.10", not 16.1.',
    fixability=Fixability.SAFE,
)
AMOUNT_VALUE_FORMAT = Rule(
    "MP103",
    "amount-value-format",
    Severity.ERROR,
    (
        cite.CREATE_PAYMENT,
        cite.MIGRATING_V1_TO_V2,
        cite.MULTICURRENCY,
        cite.live("https://github.com/mollie/mollie-api-php/issues/758"),
        cite.live("https://github.com/zwaldeck/mollie/issues/78"),
        cite.live("https://github.com/zwaldeck/mollie/issues/122"),
        cite.live("https://github.com/Viincenttt/MollieApi/issues/293"),
    ),
    Evidence.LIVE,
    "an amount's value is not a plain decimal with exactly the currency's number of decimals",
    "Mollie requires exactly the currency's decimals (2, or 0 for JPY and ISK), a point as decimal mark, no "
    "thousands separators, no exponent; '16.1' was refused live.",
    "Format with exactly the currency's decimals, e.g. f'{amount:.2f}' on a Decimal for EUR.",
    "The amount contains an invalid value",
    fixability=Fixability.SAFE,
)
AMOUNT_NEGATIVE_ZERO = Rule(
    "MP104",
    "amount-negative-zero",
    Severity.ERROR,
    (
        cite.COMMON_DATA_TYPES.at("Amount object"),
        cite.live("https://github.com/mollie/magento2/issues/542"),
    ),
    Evidence.LIVE,
    "an amount's value is a negative zero such as '-0.00'",
    "A rounding residue formatted as '-0.00' was refused live as an invalid amount value.",
    "Normalise zero to '0.00' (or '0') before sending, or drop a zero adjustment line.",
    "Order line 3 is invalid. Invalid amount value for field unitPrice.",
    fixability=Fixability.SAFE,
)
AMOUNT_CURRENCY = Rule(
    "MP105",
    "amount-currency",
    Severity.ERROR,
    (cite.COMMON_DATA_TYPES.at("Amount object"), cite.MULTICURRENCY),
    Evidence.DOCUMENTED,
    "an amount's currency is not an upper-case ISO 4217 code that Mollie supports",
    "Mollie supports a fixed list of currencies (Payments multicurrency guide); HRK was removed in 2023.",
    "Use one of the supported codes, in upper case.",
    fixability=Fixability.SAFE,
)
AMOUNT_NEGATIVE = Rule(
    "MP106",
    "amount-negative",
    Severity.ERROR,
    (cite.CREATE_ORDER.at("amount"), cite.MULTICURRENCY, cite.CHANGELOG, cite.MANAGE_ORDER_LINES),
    Evidence.DOCUMENTED,
    "an amount that must be zero or positive is negative (order amount, discountAmount, ...)",
    "Only unitPrice, totalAmount and vatAmount of a line may be negative; a discountAmount is given as a "
    "positive amount taken off the line.",
    "Send the absolute value (for discountAmount), or model a reduction as a 'discount' line.",
    fixability=Fixability.UNSAFE,
)
AMOUNT_CURRENCY_MISMATCH = Rule(
    "MP107",
    "amount-currency-mismatch",
    Severity.ERROR,
    (cite.CREATE_ORDER.at("lines"),),
    Evidence.DOCUMENTED,
    "an amount's currency differs from the order's currency",
    "All order lines must have the same currency as the order; currencies cannot be mixed.",
    "Convert every amount to the order currency.",
    fixability=Fixability.SAFE,
)

RULES = (
    AMOUNT_SHAPE,
    AMOUNT_VALUE_STRING,
    AMOUNT_VALUE_FORMAT,
    AMOUNT_NEGATIVE_ZERO,
    AMOUNT_CURRENCY,
    AMOUNT_NEGATIVE,
    AMOUNT_CURRENCY_MISMATCH,
)


class Money:
    """A valid amount: integer minor units in a supported currency.

    A plain slotted class, like ``LineFigures``: one is built per amount the walk reads, and a ``Frozen``
    one costs more to build (every field through ``object.__setattr__``). Nothing changes one after it is
    built; compared and hashed by its fields, as the named tuple it was.
    """

    __slots__ = ("currency", "decimals", "minor")

    def __init__(self, minor: int, currency: str, decimals: int) -> None:
        self.minor = minor
        self.currency = currency
        self.decimals = decimals

    def plain(self) -> str:
        return format_minor(self.minor, self.decimals)

    def _fields(self) -> tuple[int, str, int]:
        return (self.minor, self.currency, self.decimals)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"Money(minor={self.minor!r}, currency={self.currency!r}, decimals={self.decimals!r})"


def _the_amount(label: str) -> str:
    """How a message names the amount at ``label``: "The amount" for the body's own, "The 'unitPrice' amount"."""
    return "The amount" if label == "amount" else f"The '{label}' amount"


def _invalid_value_text(prefix: str, label: str, path: Path) -> str:
    """Mollie's own opening words for a bad value: top-level and line amounts are phrased differently."""
    if path == ("amount",):
        return "The amount contains an invalid value"
    return f"{prefix}Invalid amount value for field {label}"


def check_amount(
    ck: Checker,
    value: object,
    path: Path,
    *,
    prefix: str = "",
    may_be_negative: bool = False,
    order_currency: str | None = None,
) -> Money | None:
    """Check one amount object at ``path`` and return it as ``Money`` when it is fully valid.

    ``prefix`` starts every message (``"Order line 2 is invalid. "``); ``order_currency`` is the currency
    the amount must be in, when known.

    Almost every amount in real traffic is valid, so that case is read first with a handful of exact
    type checks and one dictionary look-up (the reader's happy path, reporting nothing); anything else goes
    to ``check_amount_in_full``, which reports. Both give the same verdict on every input (a property test
    compares them).
    """
    if type(value) is dict:
        currency, raw = value.get("currency"), value.get("value")
        if type(currency) is str and type(raw) is str and (order_currency is None or currency == order_currency):
            decimals = CURRENCY_DECIMALS.get(currency)
            if decimals is not None:
                parsed = plain_minor(raw, decimals)  # ``parse_value``'s own fast path; the rest is read in full
                if parsed is not None and (may_be_negative or parsed >= 0):
                    return Money(parsed, currency, decimals)
    return check_amount_in_full(
        ck, value, path, prefix=prefix, may_be_negative=may_be_negative, order_currency=order_currency
    )


def check_amount_in_full(
    ck: Checker,
    value: object,
    path: Path,
    *,
    prefix: str = "",
    may_be_negative: bool = False,
    order_currency: str | None = None,
) -> Money | None:
    """``check_amount`` without its happy path: every problem is reported, the reference it is tested against."""
    label = ".".join(str(p) for p in path[2:]) if path[:1] == ("lines",) else str(path[-1])
    if not isinstance(value, dict):
        ck.report(
            AMOUNT_SHAPE,
            path,
            f"{prefix}The '{label}' field must be an amount object with 'currency' and 'value', "
            f"got {json_type(value)}.",
            actual=describe(value),
        )
        return None
    currency, raw = value.get("currency"), value.get("value")
    missing = [key for key, item in (("currency", currency), ("value", raw)) if item is None]
    if missing:
        ck.report(
            AMOUNT_SHAPE,
            path,
            f"{prefix}{_the_amount(label)} is missing {' and '.join(repr(m) for m in missing)}.",
        )
    decimals = _check_currency(ck, currency, path, prefix, label, order_currency)
    if raw is None:
        return None
    value_path = (*path, "value")
    opening = _invalid_value_text(prefix, label, path)
    if not isinstance(raw, str):
        ck.report(
            AMOUNT_VALUE_STRING,
            value_path,
            f'{opening}: the value must be a string such as "10.00", got a JSON {json_type(raw)}'
            + (f'; send "{meant}" (in quotes).' if (meant := string_for_number(raw, decimals)) else "."),
            expected=meant,
            actual=describe_typed(raw),
        )
        return None
    parsed = parse_value(raw, decimals)
    if isinstance(parsed, InvalidValue):
        rule = AMOUNT_NEGATIVE_ZERO if parsed.negative_zero else AMOUNT_VALUE_FORMAT
        ck.report(
            rule,
            value_path,
            f"{opening}: {describe(raw)!r} {parsed.reason}.",
            expected=parsed.suggestion,
            actual=describe(raw),
        )
        return None
    if decimals is None or not isinstance(currency, str):
        return None
    money = Money(parsed, currency.upper(), decimals)
    if parsed < 0 and not may_be_negative:
        ck.report(
            AMOUNT_NEGATIVE,
            value_path,
            f"{prefix}{_the_amount(label)} cannot be negative.",
            actual=raw,
        )
        return None
    if money.currency != (order_currency or money.currency):
        return None
    return money


def _check_currency(
    ck: Checker, currency: object, path: Path, prefix: str, label: str, order_currency: str | None
) -> int | None:
    """Report a bad or mismatching currency; return its decimal count when it is usable."""
    if currency is None:
        return None
    currency_path = (*path, "currency")
    if not isinstance(currency, str):
        ck.report(
            AMOUNT_SHAPE,
            currency_path,
            f"{prefix}The currency of '{label}' must be a string such as \"EUR\", got {json_type(currency)}.",
            actual=describe(currency),
        )
        return None
    decimals = currency_decimals(currency.upper()) if len(currency) == 3 else None
    if decimals is None:
        ck.report(
            AMOUNT_CURRENCY,
            currency_path,
            f"{prefix}The currency {describe(currency)!r} of '{label}' is not supported by Mollie.",
            actual=describe(currency),
        )
        return None
    if currency != currency.upper():
        ck.report(
            AMOUNT_CURRENCY,
            currency_path,
            f"{prefix}The currency of '{label}' must be written in upper case.",
            expected=currency.upper(),
            actual=currency,
        )
    if order_currency is not None and currency.upper() != order_currency:
        ck.report(
            AMOUNT_CURRENCY_MISMATCH,
            currency_path,
            f"{prefix}The currency of '{label}' ({currency}) differs from the order's currency "
            f"({order_currency}); an order cannot mix currencies.",
            expected=order_currency,
            actual=currency,
        )
    return decimals


def string_for_number(raw: object, decimals: int | None) -> str | None:
    """The string a JSON number should have been sent as, when that is unambiguous."""
    if decimals is None or isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return None if raw.bit_length() > 64 else format_minor(raw * pow10(decimals), decimals)
    if isinstance(raw, float) or is_decimal(raw):
        text = repr(raw) if isinstance(raw, float) else str(raw)
        parsed = parse_value(text, decimals)
        if isinstance(parsed, int):
            return text
        return parsed.suggestion
    return None


def clean_amount_minor(amount: object, currency: str, decimals: int) -> int | None:
    """The amount in minor units when ``check_amount`` would report nothing on it in ``currency`` (its sign
    aside: the caller knows whether it may be negative); ``decimals`` is the currency's, looked up once per
    body. For the composed fast path; checks never call it.
    """
    if type(amount) is dict and amount.get("currency") == currency:
        raw = amount.get("value")
        if type(raw) is str:
            return plain_minor(raw, decimals)
    return None
