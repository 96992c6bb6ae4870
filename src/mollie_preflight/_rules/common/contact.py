"""Phone numbers and e-mail addresses in addresses.

A phone number must be E.164 with a country code some country uses: ``+69…`` has the E.164 shape, but no
country uses +69, and Mollie refuses it (MP420). A number the country's numbering plan does not hold
(``+3130920207``, a digit short) is only a warning (MP422): Mollie created an order with that very number in
its own Postman collection. Both are decided with phonenumbers' metadata. E-mail addresses take a strict fast path
for ordinary ASCII addresses; anything else (international addresses, quoted local parts) goes to the
email-validator library with deliverability checks off. Both libraries are imported on first use only,
so importing this package stays cheap.

Here, unlike for currency digits and country codes, the verdict follows the installed library's data on
purpose, and a library release may change it:

* Phone numbers: which numbers are real is a matter of numbering plans, which regulators change often;
  a table frozen here would refuse numbers assigned since, and keep accepting withdrawn ones.
  libphonenumber's metadata is the maintained record of those plans, and Mollie's own WooCommerce plugin
  checks numbers with it before it sends them (https://github.com/mollie/WooCommerce/pull/1265, written
  after Mollie's API answered 422 to a number whose country code no country uses).
* E-mail addresses: Mollie does not document which syntax it checks; email-validator implements the
  RFCs' syntax and internationalised addresses (IDNA, with the ``idna`` package's Unicode tables) and
  refuses special-use domains (``.test``, ``.local``...). Its answers change with the standards and
  its maintainers' reading of them, rarely.

``tests/data/library_verdicts.json`` records both libraries' answers on inputs where data decides (a
drama-only UK range, a 555 number, ``.internal``), so that a release that changes one fails a test and
is looked at before it reaches users.
"""

from __future__ import annotations

import re

from ..._findings import Path, Severity
from .. import citations as cite
from ..checker import Checker
from ..rule import Evidence, Fixability, Rule
from ..values import describe, describe_typed, json_type
from .e164 import is_valid_e164

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

PHONE = Rule(
    "MP420",
    "phone",
    Severity.ERROR,
    (
        cite.COMMON_DATA_TYPES.at("Phone number"),
        cite.CREATE_ORDER.at("billingAddress.phone"),
        cite.live("https://github.com/mollie/PrestaShop/issues/227"),
        cite.live("https://github.com/mollie/PrestaShop/issues/271"),
        cite.live("https://github.com/mollie/WooCommerce/issues/1025"),
        cite.live("https://github.com/mollie/Shopware6/issues/1340"),
    ),
    Evidence.LIVE,
    "a phone number is not in E.164 format, or its country code is one no country uses",
    "Mollie (and Klarna) need an international number: a plus sign, the country code and the number, digits "
    "only. A number with an unassigned country code passes a regex but is refused. (A number its country's "
    "numbering plan does not hold is MP422's warning.)",
    "Format with the country code and no spaces: +31208202070. phonenumbers.format_number(..., E164) does it.",
    "The 'phone' field should contain a valid phone number, in E.164 format.",
    fixability=Fixability.SAFE,
)
PHONE_NOT_IN_PLAN = Rule(
    "MP422",
    "phone-not-in-numbering-plan",
    Severity.WARNING,
    (
        cite.COMMON_DATA_TYPES.at("Phone number"),
        cite.POSTMAN_CREATE_ORDER,
        cite.live("https://github.com/mollie/PrestaShop/issues/972"),
    ),
    Evidence.LIVE,
    "a phone number in E.164 format with a real country code is not a number of that country's numbering plan",
    "Mollie refuses a number that is not E.164 or whose country code no country uses (MP420), but its own "
    "Postman collection sent +3130920207, one digit short of a Dutch number, and Mollie created the order. "
    "Methods that check the customer's number themselves (Klarna, in3, Riverty) may still refuse it in their "
    "checkout.",
    "Check the number with the customer; phonenumbers.is_valid_number() says which numbers a country assigns.",
)
EMAIL = Rule(
    "MP421",
    "email",
    Severity.ERROR,
    (cite.COMMON_DATA_TYPES.at("Address object"),),
    Evidence.DOCUMENTED,
    "an e-mail address is not a syntactically valid address",
    "Mollie sends payment instructions and Klarna sends invoices to this address.",
    "Send the customer's address as typed, trimmed: name@example.org.",
    fixability=Fixability.SAFE,
)

RULES = (PHONE, PHONE_NOT_IN_PLAN, EMAIL)

_ATEXT: Final = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL: Final = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
#: Labels each followed by a dot, then the top-level domain: written so, the engine does not have to
#: give back the last label it took as a subdomain (it did, as ``label(\.label)*\.tld``).
_PLAIN_EMAIL: Final = re.compile(rf"{_ATEXT}(?:\.{_ATEXT})*@(?:{_LABEL}\.)+[A-Za-z]{{2,63}}", re.ASCII)
_MAX_EMAIL: Final = 254
#: Top-level names email_validator refuses as special-use (RFC 6761 and others); a plain address under
#: one of them is left to it, so the pattern never accepts what the library refuses. A test keeps this
#: equal to ``email_validator.SPECIAL_USE_DOMAIN_NAMES``.
SPECIAL_USE_TLDS: Final = frozenset({"arpa", "invalid", "local", "localhost", "onion", "test"})


def is_e164_shaped(text: str) -> bool:
    """``+``, a digit from 1 to 9, then 1 to 14 more ASCII digits (E.164's shape, not yet its validity).

    String tests rather than a pattern: the address fast path runs this on every order, and each distinct
    regular expression run costs the code around it more than its own time (benchmarks/PROFILE.md).
    """
    return 3 <= len(text) <= 16 and text[0] == "+" and "1" <= text[1] <= "9" and text.isascii() and text[1:].isdigit()


#: ``phone_problem``'s words for a number of E.164's shape, with a country code some country uses, that the
#: country's numbering plan does not hold: MP422's warning, where every other problem is MP420's error.
NOT_IN_NUMBERING_PLAN: Final = "is not a valid number for its country code"


def phone_problem(text: str) -> str | None:
    """Why ``text`` is not a valid E.164 phone number, or ``None``."""
    if not is_e164_shaped(text):
        return "is not in E.164 format (a plus sign, the country code, then at most 15 digits in all)"
    if is_valid_e164(text):
        return None
    import phonenumbers

    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        return "has no valid country code"
    if not phonenumbers.is_valid_number(number):
        return NOT_IN_NUMBERING_PLAN
    return None


def email_problem(text: str) -> str | None:
    """Why ``text`` is not a valid e-mail address, or ``None``.

    email_validator decides; an ordinary ASCII address is recognised by a pattern first, which accepts
    nothing the library refuses (``tests/test_fast_paths.py``), so the verdict is the library's either way.
    """
    if len(text) > _MAX_EMAIL:
        return f"is longer than {_MAX_EMAIL} characters"
    if (
        text.isascii()
        and _PLAIN_EMAIL.fullmatch(text)
        and len(text.partition("@")[0]) <= 64
        and text.rpartition(".")[2].lower() not in SPECIAL_USE_TLDS
        and "--" not in text  # a label with "--" in its third and fourth place is IDNA's, which the library judges
    ):
        return None
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError as error:
        return str(error).rstrip(".")
    return None


def check_phone(ck: Checker, value: object, path: Path, prefix: str = "") -> None:
    """MP420 for a number Mollie refuses, MP422 for one its country's numbering plan does not hold. The number
    is parsed only when one of the two is wanted."""
    if value is None or not (ck.wants(PHONE) or ck.wants(PHONE_NOT_IN_PLAN)):
        return
    problem = phone_problem(value) if isinstance(value, str) else f"must be a string, not {json_type(value)}"
    if problem is None:
        return
    if problem == NOT_IN_NUMBERING_PLAN:
        if ck.wants(PHONE_NOT_IN_PLAN):
            ck.report(
                PHONE_NOT_IN_PLAN,
                path,
                f"{prefix}The 'phone' field holds {describe(value)!r}, which has a country code but is not a "
                "number of that country's numbering plan. Mollie accepts such a number; a method that checks the "
                "number (Klarna, in3, Riverty) may refuse it in its checkout.",
                actual=describe(value),
            )
        return
    if ck.wants(PHONE):
        meant = _e164_guess(value)
        advice = (
            f" Send {meant}."
            if meant
            else " Send the number with its country code, digits only, such as +31208202070; which country a "
            "local number belongs to is for you to say."
        )
        ck.report(
            PHONE,
            path,
            f"{prefix}The 'phone' field should contain a valid phone number, in E.164 format: "
            f"{describe(value)!r} {problem}.{advice}",
            expected=meant,
            actual=describe(value) if isinstance(value, str) else describe_typed(value),
        )


def check_email(ck: Checker, value: object, path: Path, prefix: str = "") -> None:
    if value is None or not ck.wants(EMAIL):
        return
    problem = email_problem(value) if isinstance(value, str) else f"must be a string, not {json_type(value)}"
    if problem is not None:
        stripped = value.strip() if isinstance(value, str) else None
        ck.report(
            EMAIL,
            path,
            f"{prefix}The 'email' field is not a valid e-mail address: {problem}.",
            expected=stripped if stripped and stripped != value and email_problem(stripped) is None else None,
            actual=describe(value),
        )


def _e164_guess(value: object) -> str | None:
    """The E.164 form of a number written with spaces, dashes or a 00 prefix, when that is all it takes."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    compact = "".join(ch for ch in value if ch not in " -.()/")
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if compact != value and is_e164_shaped(compact) and phone_problem(compact) is None:
        return compact
    return None
