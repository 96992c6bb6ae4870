"""``billingAddress`` and ``shippingAddress``.

Mollie lists every missing field of an address in one message ("The following fields of the
billingAddress are missing: …"), so missing fields are one finding per address, at the address. Each
present field is then checked on its own, at its own path.
"""

from __future__ import annotations

import re

from ..._findings import Path, Severity
from ..._reference.countries import ALPHA_2
from ..._reference.orders import ADDRESS_FIELDS, ADDRESS_REQUIRED, NO_POSTAL_CODE, PAYPAL_REGION_COUNTRIES
from ..._reference.postal_codes import POSTAL_CODES
from .. import citations as cite
from ..checker import Checker
from ..rule import Evidence, Fixability, Rule, Source
from ..values import describe, is_absent, is_blank, json_type, object_or_report
from .contact import check_email, check_phone, email_problem, phone_problem
from .methods import offers_any

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

ADDRESS_NOT_OBJECT = Rule(
    "MP401",
    "address-not-object",
    Severity.ERROR,
    (cite.COMMON_DATA_TYPES.at("Address object"), cite.CREATE_ORDER.at("billingAddress")),
    Evidence.DOCUMENTED,
    "an address is not an object",
    "billingAddress and shippingAddress are address objects.",
    "Send the address as a JSON object with the fields of Mollie's address type.",
)
ADDRESS_MISSING_FIELDS = Rule(
    "MP402",
    "address-missing-fields",
    Severity.ERROR,
    (
        cite.COMMON_DATA_TYPES.at("Address object"),
        cite.CREATE_ORDER.at("billingAddress"),
        cite.live("https://github.com/mollie/mollie-odoo/issues/30"),
        cite.live("https://github.com/mollie/WooCommerce/issues/479"),
        cite.live("https://github.com/mollie/WooCommerce/issues/629"),
    ),
    Evidence.LIVE,
    "an address lacks email, streetAndNumber, city, country, or a postalCode its country needs",
    "Order addresses need the e-mail and the full address; postalCode may be left out only in countries "
    "without a postal code system. Mollie lists the missing fields in one message at the address; a missing "
    "givenName or familyName it names member by member (MP403).",
    "Send every required field; leave postalCode out only for the countries Mollie lists.",
    "The following fields of the billingAddress are missing: streetAndNumber, postalCode, city, country",
)
ADDRESS_NAME = Rule(
    "MP403",
    "address-name",
    Severity.ERROR,
    (cite.COMMON_DATA_TYPES.at("Address object"), cite.live("https://github.com/mollie/Magento/issues/246")),
    Evidence.LIVE,
    "givenName or familyName is missing, shorter than two characters or only digits",
    "Mollie checks names when an order is created, because Klarna needs real names; a missing name gets the "
    "same answer, at the member (mollie/Magento#246, 2024).",
    "Send the customer's real given and family name, each at least two characters.",
    "Member 'givenName' in billing address is missing or incorrect.",
)
ADDRESS_FIELD_VALUE = Rule(
    "MP404",
    "address-field-value",
    Severity.ERROR,
    (
        cite.CREATE_ORDER.at("billingAddress"),
        cite.live("https://github.com/mollie/Shopware6/issues/1396"),
    ),
    Evidence.LIVE,
    "an address field is not a string, or only white space",
    "Optional fields must be left out rather than sent blank; a whitespace-only title was refused live (an "
    "empty string is MP408).",
    "Leave out optional fields you have no value for; trim the ones you send.",
    "The 'title' field should not contain only whitespace characters",
)
#: Mollie's WooCommerce plugin builds every address of both APIs here: an optional member the shop has no value
#: for (address line 2, state, company) is sent as ``""``, on every order without one, every Dutch order's
#: region among them; only white space is turned into ``null``.
_WOOCOMMERCE_ADDRESS: Final = Source(
    "https://github.com/mollie/WooCommerce/blob/1511d9c6d4d41ac313061bd536beaf5127d8f404/"
    "src/Payment/Request/Middleware/AddressMiddleware.php",
    "Mollie's WooCommerce plugin sends empty optional address fields",
)
ADDRESS_FIELD_EMPTY = Rule(
    "MP408",
    "address-field-empty",
    Severity.WARNING,
    (cite.COMMON_DATA_TYPES.at("Address object"), _WOOCOMMERCE_ADDRESS),
    Evidence.INFERRED,
    "an optional address field is an empty string",
    "Mollie reads an empty string as a field not sent: its own WooCommerce plugin sends '' for the address "
    "line 2, the region and the company of every order without one (every Dutch order's region), on the "
    "Orders and the Payments API, and a required field sent as '' is answered as missing (MP402). Only a "
    "value of white space is refused (MP404). The docs ask for the field to be left out.",
    "Leave out the fields you have no value for, or send null.",
)
ADDRESS_COUNTRY = Rule(
    "MP405",
    "address-country",
    Severity.ERROR,
    (cite.COMMON_DATA_TYPES.at("Address object"),),
    Evidence.DOCUMENTED,
    "an address's country is not an ISO 3166-1 alpha-2 code",
    "Mollie needs the two-letter country code to route the payment and decide which fields apply.",
    "Send the two-letter code in upper case: NL, DE, BE.",
    fixability=Fixability.SAFE,
)
ADDRESS_COUNTRY_CASE = Rule(
    "MP406",
    "address-country-case",
    Severity.WARNING,
    (cite.COMMON_DATA_TYPES.at("Address object"),),
    Evidence.INFERRED,
    "an address's country code is not in upper case",
    "Mollie's own examples use upper case; its responses have been seen in lower case, so it is probably "
    "accepted, but other systems (Klarna, carriers) may not be as lenient.",
    "Upper-case the country code.",
    fixability=Fixability.SAFE,
)
ADDRESS_POSTAL_CODE_FORMAT = Rule(
    "MP407",
    "address-postal-code-format",
    Severity.WARNING,
    (cite.COMMON_DATA_TYPES.at("Address object"), cite.live("https://github.com/mollie/mollie-odoo/issues/30")),
    Evidence.INFERRED,
    "a postal code does not have its country's format",
    "Mollie itself accepted a malformed Dutch postal code live, but Klarna, carriers and address checks are "
    "stricter; formats come from Google's address metadata (libaddressinput, CC-BY 4.0).",
    "Correct the postal code; the message shows examples of the country's format.",
)
ADDRESS_PAYPAL_REGION = Rule(
    "MP409",
    "address-paypal-region",
    Severity.WARNING,
    (
        cite.COMMON_DATA_TYPES.at("Address object"),
        cite.CREATE_PAYMENT.at("PayPal shippingAddress"),
        cite.UPDATE_PAYMENT.at("method"),
    ),
    Evidence.INFERRED,
    "PayPal may be used and the shipping country needs a region that is missing",
    "PayPal requires region for AR, BR, CA, CN, ID, IN, JP, MX, TH and US; documented for payments, "
    "inferred for orders. An update that switches a payment to methods including PayPal is held to it on the "
    "payment's shipping address.",
    "Send the state or province in region.",
)
ADDRESS_PAYPAL_LENGTH = Rule(
    "MP410",
    "address-paypal-length",
    Severity.WARNING,
    (cite.CREATE_PAYMENT.at("PayPal"), cite.UPDATE_PAYMENT.at("method")),
    Evidence.INFERRED,
    "PayPal may be used and an address field is longer than PayPal accepts",
    "PayPal limits the full name to 128, streetAndNumber to 128, postalCode to 20, city and region to 100 "
    "characters; documented for payments, inferred for orders. An update that switches a payment to methods "
    "including PayPal is held to them on the payment's addresses.",
    "Shorten the field, or move the surplus to streetAdditional.",
)
ADDRESS_PAYPAL_ONLY_REGION = Rule(
    "MP412",
    "address-paypal-only-region",
    Severity.ERROR,
    (
        cite.COMMON_DATA_TYPES.at("Address object"),
        cite.CREATE_PAYMENT.at("PayPal shippingAddress"),
        cite.UPDATE_PAYMENT.at("method"),
    ),
    Evidence.INFERRED,
    "method is paypal and the shipping country needs a region that is missing",
    "With PayPal as the only method the order can only be paid through PayPal, which requires region for AR, "
    "BR, CA, CN, ID, IN, JP, MX, TH and US (documented for payments, inferred for orders). An update that "
    "switches a payment to PayPal is held to it on the payment's shipping address.",
    "Send the state or province in region.",
)
ADDRESS_PAYPAL_ONLY_LENGTH = Rule(
    "MP413",
    "address-paypal-only-length",
    Severity.ERROR,
    (cite.CREATE_PAYMENT.at("PayPal"), cite.UPDATE_PAYMENT.at("method")),
    Evidence.INFERRED,
    "method is paypal and an address field is longer than PayPal accepts",
    "With PayPal as the only method, a field PayPal cannot take stops the payment (documented for payments, "
    "inferred for orders). An update that switches a payment to PayPal is held to it on the payment's "
    "addresses.",
    "Shorten the field, or move the surplus to streetAdditional.",
)
BILLIE_ORGANIZATION = Rule(
    "MP411",
    "billie-organization-name",
    Severity.ERROR,
    (
        cite.CREATE_PAYMENT.at("Billie"),
        cite.CREATE_ORDER.at("billingAddress.organizationName"),
        cite.live("https://github.com/mollie/Shopware6/issues/840"),
    ),
    Evidence.DOCUMENTED,
    "the method is billie and the billing address has no organizationName",
    "Billie is a business-to-business method: it needs the company's name.",
    "Send billingAddress.organizationName.",
)

RULES = (
    ADDRESS_NOT_OBJECT,
    ADDRESS_MISSING_FIELDS,
    ADDRESS_NAME,
    ADDRESS_FIELD_VALUE,
    ADDRESS_FIELD_EMPTY,
    ADDRESS_COUNTRY,
    ADDRESS_COUNTRY_CASE,
    ADDRESS_POSTAL_CODE_FORMAT,
    ADDRESS_PAYPAL_REGION,
    ADDRESS_PAYPAL_LENGTH,
    ADDRESS_PAYPAL_ONLY_REGION,
    ADDRESS_PAYPAL_ONLY_LENGTH,
    BILLIE_ORGANIZATION,
)

#: The methods that bring address rules of their own: PayPal's region and lengths, Billie's company name.
METHODS_WITH_ADDRESS_RULES: Final = frozenset({"paypal", "billie"})
#: Names Mollie checks member by member ("Member 'givenName' in billing address is missing or incorrect.",
#: mollie/Magento#246), not in the list of missing fields it gives for the rest of the address.
_NAME_MEMBERS: Final = ("givenName", "familyName")
_MAX_POSTAL_CODE: Final = 20
#: Patterns compiled on first use: a few countries are used, and compiling all 200 would cost import time.
_POSTAL_PATTERNS: dict[str, re.Pattern[str]] = {}
_PAYPAL_LIMITS: Final = (("streetAndNumber", 128), ("postalCode", 20), ("city", 100), ("region", 100))


def check_address(
    ck: Checker,
    value: object,
    key: str,
    methods: frozenset[str],
    forced: str | None = None,
    *,
    required: tuple[str, ...] = ADDRESS_REQUIRED,
) -> None:
    """Check ``billingAddress`` or ``shippingAddress`` (``key``) given the methods the order allows and the
    one it forces (``method`` as a single value), which turns PayPal's limits from warnings into errors.

    ``required`` are the fields the API requires of every address (the Payments API requires none; its
    methods' requirements are checked by its own family)."""
    path: Path = (key,)
    who = "billing" if key == "billingAddress" else "shipping"
    address = object_or_report(ck, ADDRESS_NOT_OBJECT, value, path, f"The {key}")
    if address is None:
        return
    value = address
    country = _check_country(ck, value.get("country"), path)
    missing = [f for f in required if is_absent(value.get(f))]
    if required and is_absent(value.get("postalCode")) and country is not None and country not in NO_POSTAL_CODE:
        missing.append("postalCode")
    listed = [f for f in ADDRESS_FIELDS if f in missing and f not in _NAME_MEMBERS]
    if listed:
        ck.report(ADDRESS_MISSING_FIELDS, path, f"The following fields of the {key} are missing: {', '.join(listed)}")
    for field in _NAME_MEMBERS:
        if field in missing:
            ck.report(ADDRESS_NAME, (*path, field), f"Member '{field}' in {who} address is missing or incorrect.")
    for field in ADDRESS_FIELDS:
        field_value = value.get(field)
        if field_value is None or (field == "country" and not is_absent(field_value)):  # a country is checked above
            continue
        where = (*path, field)
        if not isinstance(field_value, str):
            ck.report(
                ADDRESS_FIELD_VALUE,
                where,
                f"The '{field}' field of the {key} must be a string, got {json_type(field_value)}.",
                actual=describe(field_value),
            )
            continue
        if is_blank(field_value):
            if field in missing:
                continue
            if field_value:
                ck.report(
                    ADDRESS_FIELD_VALUE,
                    where,
                    f"The '{field}' field should not contain only whitespace characters; leave it out instead.",
                    actual=field_value,
                )
            else:
                ck.report(
                    ADDRESS_FIELD_EMPTY,
                    where,
                    f"The '{field}' field of the {key} is an empty string; Mollie reads it as not sent. Leave it "
                    "out instead.",
                    actual="",
                )
            continue
        if field in ("givenName", "familyName"):
            _check_name(ck, field_value, where, field, who)
        elif field == "email":
            check_email(ck, field_value, where)
        elif field == "phone":
            check_phone(ck, field_value, where)
        elif field == "postalCode" and country is not None:
            _check_postal_code(ck, field_value, where, country)
    if "paypal" in methods:
        _check_paypal(ck, value, path, country, key, forced == "paypal")
    if key == "billingAddress" and "billie" in methods:
        check_billie_organization(ck, value)


def check_billie_organization(ck: Checker, billing: dict[object, object]) -> None:
    """MP411: a Billie payment's billing address names the company. Part of ``check_address``, and on its own
    for update payment, which sets the method of a payment whose billing address the snapshot gives."""
    if is_absent(billing.get("organizationName")):
        ck.report(
            BILLIE_ORGANIZATION,
            ("billingAddress", "organizationName"),
            "Billie needs the company's name: billingAddress.organizationName is required.",
        )


def _check_name(ck: Checker, name: str, where: Path, field: str, who: str) -> None:
    stripped = name.strip()
    if len(stripped) < 2 or stripped.isdigit():
        reason = "is shorter than two characters" if len(stripped) < 2 else "consists of digits only"
        ck.report(
            ADDRESS_NAME,
            where,
            f"Member '{field}' in {who} address is missing or incorrect: it {reason}.",
            actual=name,
        )


def postal_code_pattern(country: str) -> re.Pattern[str] | None:
    """The compiled postal code pattern of ``country`` (compiled on first use, then kept)."""
    pattern = _POSTAL_PATTERNS.get(country)
    if pattern is None and country in POSTAL_CODES:
        pattern = _POSTAL_PATTERNS[country] = re.compile(POSTAL_CODES[country][0], re.ASCII | re.IGNORECASE)
    return pattern


def _check_postal_code(ck: Checker, postal_code: str, where: Path, country: str) -> None:
    pattern = postal_code_pattern(country)
    if pattern is None or (len(postal_code) <= _MAX_POSTAL_CODE and pattern.fullmatch(postal_code.strip())):
        return
    examples = ", ".join(POSTAL_CODES[country][1][:3])
    if len(postal_code) > _MAX_POSTAL_CODE:  # not matched at all: the format may be right, the padding is not
        reason = f"is {len(postal_code):,} characters long, spaces included: longer than any {country} postal code"
    else:
        reason = f"does not have the format of {country} postal codes"
    ck.report(
        ADDRESS_POSTAL_CODE_FORMAT,
        where,
        f"The postal code {describe(postal_code)!r} {reason} (for example {examples}).",
        actual=describe(postal_code),
    )


def _check_country(ck: Checker, value: object, path: Path) -> str | None:
    """Report a bad country; return the upper-case code when it is a real one. A country of nothing or white
    space is no country: ``check_address`` reports it as it reports any other field so (missing where it is
    required, MP408 or MP404 where not)."""
    if is_absent(value):
        return None
    where = (*path, "country")
    if not isinstance(value, str) or value.upper() not in ALPHA_2:
        meant = country_code(value)
        ck.report(
            ADDRESS_COUNTRY,
            where,
            f'The country {describe(value)!r} is not an ISO 3166-1 alpha-2 code such as "NL".',
            expected=meant,
            actual=describe(value),
        )
        return meant
    if value != value.upper():
        ck.report(
            ADDRESS_COUNTRY_CASE,
            where,
            "The country code should be written in upper case.",
            expected=value.upper(),
            actual=value,
        )
    return value.upper()


def country_code(value: object) -> str | None:
    """The alpha-2 code an address's ``country`` stands for ("NL", "nl", "NLD", "Netherlands" → "NL"), or
    ``None``: what the address rules read the country as, whether or not they report its spelling."""
    if not isinstance(value, str):
        return None
    upper = value.upper()
    return upper if upper in ALPHA_2 else _country_meant(value)


def _country_meant(value: str) -> str | None:
    """The alpha-2 code a wrong country value stands for: " nl ", "NLD", "Netherlands" → "NL"."""
    stripped = value.strip()
    if stripped.upper() in ALPHA_2:
        return stripped.upper()
    if len(stripped) > 64:
        return None
    from ..._reference.country_names import ALPHA_2_BY_ALIAS

    return ALPHA_2_BY_ALIAS.get(stripped.casefold())


def check_paypal_limits(ck: Checker, address: dict[object, object], key: str, forced: bool) -> None:
    """PayPal's limits on an address the payment already has, for update payment, which can set the method of a
    payment created without one while its addresses stay as they were given at creation: MP412, MP413 when
    PayPal is the one method (``forced``), MP409, MP410 when it is one of an array, as for a body's address. Part
    of ``check_address`` for an address a body sends; here on its own, with the same rules, and a message that
    says the address is the payment's, since the fix is then a corrected address in the same update."""
    note = f" This is the payment's {key}: send the corrected {key} in the same update."
    _check_paypal(ck, address, (key,), country_code(address.get("country")), key, forced, note)


def _check_paypal(
    ck: Checker,
    address: dict[object, object],
    path: Path,
    country: str | None,
    key: str,
    forced: bool,
    note: str = "",
) -> None:
    region_rule, length_rule = (
        (ADDRESS_PAYPAL_ONLY_REGION, ADDRESS_PAYPAL_ONLY_LENGTH)
        if forced
        else (ADDRESS_PAYPAL_REGION, ADDRESS_PAYPAL_LENGTH)
    )
    if key == "shippingAddress" and country in PAYPAL_REGION_COUNTRIES and is_absent(address.get("region")):
        ck.report(
            region_rule,
            (*path, "region"),
            f"PayPal requires a region (state or province) for shipping addresses in {country}.{note}",
        )
    names = [address.get("givenName"), address.get("familyName")]
    full = sum(len(n) for n in names if isinstance(n, str))
    if full > 128:
        ck.report(
            length_rule,
            (*path, "familyName"),
            f"PayPal accepts at most 128 characters for givenName and familyName together; these have {full}.{note}",
            actual=str(full),
        )
    for field, limit in _PAYPAL_LIMITS:
        text = address.get(field)
        if isinstance(text, str) and len(text) > limit:
            ck.report(
                length_rule,
                (*path, field),
                f"PayPal accepts at most {limit} characters in '{field}'; this one has {len(text)}.{note}",
                actual=describe(text),
            )


# --- clean: "nothing to report here", for the composed fast path; ``check_address`` never calls it ---

_PLAIN, _NAME, _EMAIL, _PHONE, _POSTAL = range(5)
#: Each address field to how its text is judged, and whether it is required: one look-up a field instead of
#: one set test per kind (the address fast path runs on every order, twice with a shipping address).
_FIELD_KINDS: Final[dict[object, tuple[int, bool]]] = {
    field: (
        {"givenName": _NAME, "familyName": _NAME, "email": _EMAIL, "phone": _PHONE, "postalCode": _POSTAL}.get(
            field, _PLAIN
        ),
        field in ADDRESS_REQUIRED,
    )
    for field in ADDRESS_FIELDS
}
_REQUIRED_COUNT: Final = len(ADDRESS_REQUIRED)


def clean_address(value: object, method: object) -> bool:
    """``check_address`` would report nothing on ``value`` in a body whose ``method`` (as sent) is
    ``method``: the usual, valid address, for the composed fast path.

    The same conditions as ``check_address``, as plain tests with no paths or messages built. The methods
    that add address rules (``METHODS_WITH_ADDRESS_RULES``) are declared here, with those rules; a body
    offering one of them always takes the full walk.
    """
    if type(value) is not dict or offers_any(method, METHODS_WITH_ADDRESS_RULES):
        return False
    country = value.get("country")
    if type(country) is not str or country not in ALPHA_2:
        return False
    if value.get("postalCode") is None and country not in NO_POSTAL_CODE:
        return False
    present = 0
    kinds = _FIELD_KINDS
    for field, text in value.items():
        known = kinds.get(field)
        if known is None:
            continue
        if type(text) is not str:
            if text is None:
                continue
            return False
        kind, required = known
        if required:
            present += 1
        stripped = text.strip()
        if not stripped:
            return False
        if kind == _PLAIN:
            continue
        if kind == _NAME:
            if len(stripped) < 2 or stripped.isdigit():
                return False
        elif kind == _EMAIL:
            if email_problem(text) is not None:
                return False
        elif kind == _PHONE:
            if phone_problem(text) is not None:
                return False
        else:
            pattern = postal_code_pattern(country)
            if pattern is not None and not (len(text) <= _MAX_POSTAL_CODE and pattern.fullmatch(stripped)):
                return False
    return present == _REQUIRED_COUNT
