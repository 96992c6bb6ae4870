"""Currencies, strict amount parsing and amount formatting.

Validation never turns an amount string into a ``Decimal`` or a ``float``: a value is accepted only when
it matches Mollie's plain ``-?digits(.digits)`` form with exactly the currency's decimals, and it is then
read as an integer count of minor units (cents, or whole yen). That makes every later comparison exact,
and a hostile value such as ``"1e999999999"`` or a 100 000-digit string is refused by its length and
shape before any arithmetic could spend time or memory on it.

``Decimal`` appears only at the public edges (``to_decimal`` for callers' inputs, ``minor_to_decimal`` for
results), never in the caller's decimal context: conversions here are exact by construction.
"""

from __future__ import annotations

import functools
import re

from ._lazy import deferred_pattern
from ._reference.currencies import CURRENCY_DECIMALS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from decimal import Decimal
    from typing import Final

    from babel import Locale
    from babel.numbers import NumberPattern

    #: What the public functions accept as an amount (``float`` is refused: see ``to_decimal``).
    DecimalLike = Decimal | int | str

#: No Mollie amount has more integer digits than this; the bound keeps hostile values cheap to refuse.
MAX_INTEGER_DIGITS: Final = 15
_MAX_LENGTH: Final = MAX_INTEGER_DIGITS + 1 + 1 + 3  # sign, point, a few decimals too many

#: Any plain decimal, read in parts; only values ``plain_minor`` leaves and callers' strings come here.
_plain = deferred_pattern(r"(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?", re.ASCII)
_ASCII_DIGITS: Final = frozenset("0123456789")


def pow10(exponent: int) -> int:
    """``10 ** exponent`` for ``exponent >= 0``, typed as ``int`` (``int ** int`` is ``Any`` to type checkers)."""
    return int(10**exponent)


def currency_decimals(currency: str) -> int | None:
    """Mollie's number of decimals for ``currency``, or ``None`` when Mollie does not support it."""
    return CURRENCY_DECIMALS.get(currency)


def is_supported_currency(currency: object) -> bool:
    return isinstance(currency, str) and currency in CURRENCY_DECIMALS


class InvalidValue:
    """Why an amount string was refused, and the corrected string when the correction is unambiguous.

    A plain slotted class, set once in ``__init__`` and never changed: not ``typing.NamedTuple`` (``typing`` is
    not imported on ``validate_order``'s path) and not ``Frozen`` (mypyc compiles this module, and its native
    classes cannot derive from ``Frozen``). Compared and hashed by its fields, as the named tuple it was.
    """

    __slots__ = ("negative_zero", "reason", "suggestion")

    def __init__(self, reason: str, suggestion: str | None = None, negative_zero: bool = False) -> None:
        self.reason = reason
        self.suggestion = suggestion
        self.negative_zero = negative_zero

    def _fields(self) -> tuple[str, str | None, bool]:
        return (self.reason, self.suggestion, self.negative_zero)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, InvalidValue):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        reason, suggestion, negative_zero = self._fields()
        return f"InvalidValue(reason={reason!r}, suggestion={suggestion!r}, negative_zero={negative_zero!r})"


def parse_value(text: str, decimals: int | None) -> int | InvalidValue:
    """Read an amount ``value`` string as integer minor units, or say why Mollie would refuse it.

    ``decimals`` is the currency's decimal count; ``None`` (unknown currency) checks the shape only and
    always returns an ``InvalidValue`` or the value in units of its own last digit, which callers must not
    use for arithmetic (they do not: an unknown currency is already a finding).
    """
    if decimals is not None:
        minor = plain_minor(text, decimals)
        if minor is not None:
            return minor
    return parse_value_in_full(text, decimals)


def plain_minor(text: str, decimals: int) -> int | None:
    """The fast path of ``parse_value``: the minor units of a value in the one form Mollie wants, else ``None``
    ("ask ``parse_value_in_full``", never "invalid" by itself).

    That form is ``-?(0|[1-9][0-9]{0,14})``, then a point and exactly ``decimals`` digits when ``decimals`` is
    not 0, in ASCII; a negative zero is left to the full parse, which words its finding. Read with string
    methods rather than a pattern: every amount of every body comes here (eight in Mollie's create-order
    example), and in a compiled build the pattern engine's set-up was most of an amount's cost (~330 against
    ~165 ns an amount); pure, the two take as many instructions. ``test_fast_paths`` holds it to
    ``parse_value_in_full`` on generated and arbitrary text.
    """
    size = len(text)
    point = size - decimals - 1 if decimals else size  # where the integer digits end: the point, or the end
    if decimals:
        # A hostile length is refused before any scan; a second point stays in ``digits`` and fails below.
        if size > _MAX_LENGTH or text.find(".") != point:
            return None
        digits = text.replace(".", "", 1)
    elif size > _MAX_LENGTH:
        return None
    else:
        digits = text
    # ``isdigit`` alone takes other scripts' digits (and ``int`` would read them): ASCII only.
    if digits.isdigit() and digits.isascii():
        if not 1 <= point <= MAX_INTEGER_DIGITS or (point > 1 and text[0] == "0"):
            return None
        return int(digits)
    if digits[:1] == "-" and digits[1:].isdigit() and digits.isascii():
        if not 2 <= point <= MAX_INTEGER_DIGITS + 1 or (point > 2 and text[1] == "0"):
            return None
        minor = int(digits)
        return minor if minor else None  # a negative zero: the full parse words its finding
    return None


def parse_value_in_full(text: str, decimals: int | None) -> int | InvalidValue:
    """``parse_value`` without its fast path: the reference the fast path is tested against."""
    if len(text) > _MAX_LENGTH:
        return InvalidValue(f"is {len(text)} characters long; no valid amount is longer than {_MAX_LENGTH}")
    match = _plain().fullmatch(text)
    if match is None:
        return _diagnose(text, decimals)
    sign, integer, fraction = match.groups()
    fraction = fraction or ""
    if len(integer) > MAX_INTEGER_DIGITS:
        return InvalidValue(f"has {len(integer)} integer digits; no amount has more than {MAX_INTEGER_DIGITS}")
    if decimals is not None and len(fraction) != decimals:
        return InvalidValue(_decimals_reason(len(fraction), decimals), _requantize(sign, integer, fraction, decimals))
    minor = int(integer + fraction)
    if sign and minor == 0:
        return InvalidValue("is a negative zero; write it without the minus sign", text[1:], negative_zero=True)
    return -minor if sign else minor


def _decimals_reason(found: int, wanted: int) -> str:
    if wanted == 0:
        return f"has {found} decimal{'s' if found != 1 else ''}; this currency has none"
    return f"has {found} decimal{'s' if found != 1 else ''}; this currency needs exactly {wanted}"


def _requantize(sign: str, integer: str, fraction: str, decimals: int) -> str | None:
    """The same number written with ``decimals`` decimals, when that needs no rounding."""
    if len(fraction) > decimals:
        if fraction[decimals:].strip("0"):
            return None
        fraction = fraction[:decimals]
    else:
        fraction = fraction.ljust(decimals, "0")
    body = f"{integer}.{fraction}" if decimals else integer
    if sign and not (integer + fraction).strip("0"):
        sign = ""
    return sign + body


def _diagnose(text: str, decimals: int | None) -> InvalidValue:
    """Name the most likely mistake in a value that is not a plain decimal, for a useful message."""
    stripped = text.strip()
    if not stripped:
        return InvalidValue("is empty" if not text else "is blank")
    if stripped != text:
        return _with_suggestion("has leading or trailing white space", stripped, decimals)
    if stripped.startswith("+"):
        return _with_suggestion("has a plus sign", stripped[1:], decimals)
    lowered = stripped.lower().lstrip("-")
    if lowered in {"nan", "snan", "inf", "infinity"}:
        return InvalidValue("is not a number")
    if any(ch.isdigit() and ch not in _ASCII_DIGITS for ch in stripped):
        return InvalidValue("contains non-ASCII digits; only 0-9 are accepted")
    if "e" in lowered:
        return InvalidValue("uses exponent notation; write the number out in full")
    if "," in stripped:
        return InvalidValue("contains a comma; use a point as the decimal mark and no thousands separator")
    if " " in stripped or "_" in stripped or "'" in stripped:
        return InvalidValue("contains a thousands separator")
    body = stripped.lstrip("-")
    if body[:1] == "0" and body[1:2].isdigit():
        trimmed = body.lstrip("0") or "0"
        if trimmed.startswith("."):
            trimmed = "0" + trimmed
        return _with_suggestion("has leading zeros", ("-" if stripped.startswith("-") else "") + trimmed, decimals)
    if body.startswith(".") or body.endswith("."):
        return InvalidValue("has a decimal point without digits on both sides")
    return InvalidValue("is not a plain decimal number")


def _with_suggestion(reason: str, candidate: str, decimals: int | None) -> InvalidValue:
    parsed = parse_value(candidate, decimals) if decimals is not None else None
    if isinstance(parsed, int):
        return InvalidValue(reason, candidate)
    if isinstance(parsed, InvalidValue):
        return InvalidValue(reason, parsed.suggestion)
    return InvalidValue(reason)


def format_minor(minor: int, decimals: int) -> str:
    """Mollie's plain ``value`` string for ``minor`` units: ``12345, 2 → "123.45"``."""
    sign = "-" if minor < 0 else ""
    digits = str(abs(minor)).rjust(decimals + 1, "0")
    if not decimals:
        return sign + digits
    return f"{sign}{digits[:-decimals]}.{digits[-decimals:]}"


def minor_to_decimal(minor: int, decimals: int) -> Decimal:
    """Exact ``Decimal`` for ``minor`` units (no context involved: built from its digits)."""
    from decimal import Decimal  # at the public edges only: validation never needs the module

    sign = 1 if minor < 0 else 0
    return Decimal((sign, tuple(int(d) for d in str(abs(minor))), -decimals))


#: The locale of our messages: Mollie writes its own in English, with the symbol before the amount.
_MESSAGE_LOCALE: Final = "en_US"


def format_for_message(minor: int, currency: str) -> str:
    """An amount as Mollie writes it in error messages: ``€1,027.99``, ``-€6.08``, ``¥1,000``, ``HUF 3,001.50``.

    The digits are ours: the number of decimals comes from Mollie's table (``CURRENCY_DECIMALS``), and the
    value is exact minor units, so nothing is rounded. babel only decorates them with the locale's symbol,
    grouping and sign placement. Its own idea of a currency's digits (CLDR) is never asked: CLDR gives HUF
    0 decimals where Mollie requires 2, and a message that shows ``HUF 3,002`` for both 3001.50 and
    3001.51 explains nothing.

    babel's decoration of a currency is learnt once, from one amount it formats (``_decoration``), and then
    put around our grouped digits: formatting through babel cost ~20 µs an amount, more than the rest of a
    VAT finding together. ``tests/test_money.py`` holds this to ``format_with_babel`` for every currency.
    """
    decoration = _decoration(currency)
    if decoration is None:
        return format_with_babel(minor, currency)
    decimals, positive, negative = decoration
    before, after = negative if minor < 0 else positive
    whole, fraction = divmod(abs(minor), pow10(decimals))
    if not decimals:
        return f"{before}{whole:,}{after}"
    return f"{before}{whole:,}.{fraction:0{decimals}d}{after}"


#: The probe amount ``_decoration`` has babel format: every digit distinct, three groups.
_PROBE: Final = 123456789


@functools.cache
def _decoration(currency: str) -> tuple[int, tuple[str, str], tuple[str, str]] | None:
    """The currency's decimals and the text babel puts before and after positive and negative amounts in
    messages, read off babel's own rendering of ``_PROBE``; ``None`` (babel formats every amount) for a
    currency outside Mollie's table or a rendering whose digits are not en_US's plain grouping."""
    decimals = CURRENCY_DECIMALS.get(currency)
    if decimals is None:
        return None
    whole, fraction = divmod(_PROBE, pow10(decimals))
    digits = f"{whole:,}.{fraction:0{decimals}d}" if decimals else f"{whole:,}"
    sides = []
    for minor in (_PROBE, -_PROBE):
        before, found, after = format_with_babel(minor, currency).partition(digits)
        if not found or digits in after or any(c.isdigit() for c in before + after):
            return None
        sides.append((before, after))
    return decimals, sides[0], sides[1]


def format_with_babel(minor: int, currency: str) -> str:
    """``format_for_message`` through babel for every amount: the reference it is tested against.

    babel is imported here, not at module import, because formatting happens only for findings; its
    ``en_US`` locale is parsed once, not on every amount (parsing it was a third of a message's cost).
    """
    from decimal import Context, localcontext

    from babel.numbers import format_currency

    decimals = CURRENCY_DECIMALS.get(currency, 2)
    # babel computes with Decimal in the *current* context; a caller's hostile context (low precision,
    # traps) must not change or break our messages, so formatting runs in a private default context.
    with localcontext(Context()):
        shown = format_currency(
            minor_to_decimal(minor, decimals),
            currency,
            format=_message_pattern(decimals),
            locale=_message_locale(),
            currency_digits=False,
        )
    return _spaced(str(shown))


def _spaced(shown: str) -> str:
    """``shown`` with a currency written in letters one space away from the digits: ``PLN 126.78``, as Mollie
    writes it (mollie/Shopware6#1352: "Expected to be PLN 126.78"), where babel 2.19 writes ``PLN126.78``.

    CLDR asks for this (its "currency spacing": a space between a digit and a currency that ends in a letter),
    and ICU, which Mollie's texts follow, does it; babel does not. A symbol stays against the digits
    (``€``, ``A$``, ``¥``). Whatever space babel puts there itself (a later release may put a no-break space)
    becomes the one plain space of the quoted text, so a babel upgrade cannot change a message here.
    """
    first = next((i for i, c in enumerate(shown) if c.isdigit()), None)
    if first is None:
        return shown
    last = max(i for i, c in enumerate(shown) if c.isdigit())
    before, digits, after = shown[:first].rstrip(), shown[first : last + 1], shown[last + 1 :].lstrip()
    if before[-1:].isalpha():
        before += " "
    if after[:1].isalpha():
        after = " " + after
    return before + digits + after


@functools.cache
def _message_pattern(decimals: int) -> NumberPattern:
    """The message locale's currency pattern with exactly ``decimals`` fraction digits, no more, no fewer.

    With ``currency_digits=False`` babel takes the fraction digits from the pattern instead of CLDR's
    currency table, so setting them here is what keeps CLDR's digits out of our messages. The pattern is
    copied, never changed in place: babel shares the locale's pattern with every other caller.
    """
    import copy

    standard: NumberPattern = _message_locale().currency_formats["standard"]
    pattern = copy.copy(standard)
    pattern.frac_prec = (decimals, decimals)
    return pattern


@functools.cache
def _message_locale() -> Locale:
    """babel's locale of every amount in a message, parsed on first use."""
    from babel import Locale

    return Locale.parse(_MESSAGE_LOCALE)


def to_decimal(value: object, what: str = "amount") -> Decimal:
    """Accept a caller's ``Decimal``, ``int`` or decimal string as an exact, finite ``Decimal``.

    ``float`` (and ``bool``) are refused with ``TypeError``: a binary float cannot hold most cent amounts
    exactly, so accepting one would hide the very rounding bug this library exists to catch. ``value`` is
    typed ``object``, not ``DecimalLike``: this is where a caller's wrongly typed value is caught, and the
    compiled build trusts a declared type (a float narrowed from ``DecimalLike`` would fail its cast).
    """
    from decimal import Decimal  # at the public edges only: validation never needs the module

    if isinstance(value, (bool, float)):
        raise TypeError(f"{what} must be a Decimal, int or decimal string, not {type(value).__name__}")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{what} must be finite, got {value}")
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        match = _plain().fullmatch(value.strip())
        if match is None or len(value) > 64:
            raise ValueError(f"{what} must be a plain decimal string such as '12.50', got {value!r}")
        return Decimal(value.strip())
    raise TypeError(f"{what} must be a Decimal, int or decimal string, not {type(value).__name__}")


def decimal_to_minor(value: Decimal, decimals: int, what: str = "amount") -> int:
    """``value`` as integer minor units; ``ValueError`` when it has more decimals than the currency."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    number = int("".join(map(str, digits)) or "0")
    if number == 0:
        return 0
    # Bound the work before any power of ten is built: Decimal("1e999999999") must not allocate.
    if len(str(number)) + exponent > MAX_INTEGER_DIGITS:
        raise ValueError(f"{what} {value} has more than {MAX_INTEGER_DIGITS} integer digits")
    shift = exponent + decimals
    if shift >= 0:
        number *= pow10(shift)
    else:
        if -shift > len(digits):
            raise ValueError(f"{what} {value} has more than {decimals} decimals")
        number, remainder = divmod(number, pow10(-shift))
        if remainder:
            raise ValueError(f"{what} {value} has more than {decimals} decimals")
    return -number if sign else number
