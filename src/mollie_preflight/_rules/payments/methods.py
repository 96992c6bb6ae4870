"""Addresses, and what each payment method requires of a create-payment body.

The Payments API requires no address by itself; the buy-now-pay-later and voucher methods require lines,
a billing address and its fields, Riverty a manual capture, and outside EUR each method takes only some
currencies. These fire as errors when ``method`` names the one method (the customer is sent straight to
it); with an array of methods, Mollie's documentation does not say whether it checks at creation or when
the customer picks one, so each unmet requirement is one warning (MP968); without ``method``, nothing.
"""

from __future__ import annotations

from typing import Final

from ..._findings import Severity
from ..._reference.orders import METHODS as ORDERS_METHODS
from ..._reference.orders import NO_POSTAL_CODE
from ..._reference.payments import MANUAL_ONLY_METHODS, METHODS
from .. import citations as cite
from ..checker import Checker
from ..common.address import check_address, clean_address
from ..common.methods import takes_currency
from ..family import BodyFamily
from ..rule import Evidence, Rule
from ..values import is_absent
from .params import single_method

#: Methods whose payments need lines (billink: https://docs.mollie.com/changelog/add-billink-as-a-supported-payment-method).
LINES_METHODS: Final = frozenset({"billie", "billink", "in3", "klarna", "riverty", "voucher"})
BILLING_ADDRESS_METHODS: Final = frozenset({"alma", "billie", "billink", "in3", "klarna", "riverty"})
#: The company details Billie asks the customer for when the payment does not send them.
BILLIE_COMPANY_FIELDS: Final = ("registrationNumber", "vatNumber")
#: Methods that need every field of REQUIRED_ADDRESS_FIELDS (alma: Mollie's changelog, and mollie/Magento#246).
ADDRESS_FIELDS_METHODS: Final = frozenset({"alma", "billie", "in3", "klarna", "riverty"})
#: The name fields Mollie names one by one, at ``billingAddress.<field>``, when they are missing (MP952).
NAME_FIELDS: Final = ("givenName", "familyName")
REQUIRED_ADDRESS_FIELDS: Final = (
    "givenName",
    "familyName",
    "streetAndNumber",
    "postalCode",
    "email",
    "city",
    "country",
)
_METHODS: Final = frozenset(METHODS)
#: A create-payment body: every part the requirements read is known, a key left out meaning the part is absent.
NOTHING_UNKNOWN: Final[frozenset[str]] = frozenset()
#: The methods whose currencies the Orders API's currency table knows (the facts are the same on both
#: APIs); the Payments API's newer methods (blik, swish, twint, ...) are not judged on their currency.
CURRENCY_KNOWN_METHODS: Final = _METHODS & frozenset(ORDERS_METHODS)

METHOD_NEEDS_LINES = Rule(
    "MP950",
    "method-needs-lines",
    Severity.ERROR,
    (cite.CREATE_PAYMENT.at("lines"), cite.UPDATE_PAYMENT.at("method")),
    Evidence.DOCUMENTED,
    "the method is billie, billink, in3, klarna, riverty or voucher and the payment has no lines",
    "These methods show the goods to the customer and to the lender (or voucher issuer): Mollie's reference "
    "requires lines for them.",
    "Send the cart as lines (build_line(..., api='payments')); their totals must add up to the amount.",
)
METHOD_NEEDS_BILLING_ADDRESS = Rule(
    "MP951",
    "method-needs-billing-address",
    Severity.ERROR,
    (cite.CREATE_PAYMENT.at("billingAddress"), cite.UPDATE_PAYMENT.at("method")),
    Evidence.DOCUMENTED,
    "the method is alma, billie, billink, in3, klarna or riverty and billingAddress is missing",
    "These methods check the customer's identity and credit: Mollie's reference requires the billing address.",
    "Send billingAddress with the customer's name, e-mail and postal address.",
)
METHOD_NEEDS_ADDRESS_FIELDS = Rule(
    "MP952",
    "method-needs-address-fields",
    Severity.ERROR,
    (
        cite.CREATE_PAYMENT.at("billingAddress"),
        cite.UPDATE_PAYMENT.at("method"),
        cite.CHANGELOG_ALMA_BILLING_ADDRESS,
        cite.live("https://github.com/mollie/Magento/issues/246"),
    ),
    Evidence.DOCUMENTED,
    "the method is alma, billie, in3, klarna or riverty and the billing address lacks a name, e-mail or postal field",
    "Mollie's reference marks givenName, familyName, streetAndNumber, postalCode, email, city and country "
    "'required for payment methods billie, in3, klarna and riverty', and its changelog adds Alma, which Mollie "
    "enforced before it was documented: an Alma payment whose billing address had no name was refused with a 422 "
    "at billingAddress.givenName (mollie/Magento#246, 2024). A missing name is reported at its own field, as "
    "Mollie names it; missing postal or e-mail fields at billingAddress.",
    "Send all seven fields in billingAddress (postalCode may be left out where the country has none).",
)
VOUCHER_NEEDS_CATEGORIES = Rule(
    "MP953",
    "voucher-needs-categories",
    Severity.ERROR,
    (cite.VOUCHERS, cite.INTEGRATING_VOUCHERS, cite.UPDATE_PAYMENT.at("method")),
    Evidence.DOCUMENTED,
    "the method is voucher and no line has categories",
    "A voucher pays only for lines of its categories (meal, eco, gift, sport_culture): without categories "
    "nothing is eligible.",
    'Give each eligible line its categories, such as ["meal"].',
)

BILLIE_COMPANY = Rule(
    "MP969",
    "billie-company",
    Severity.WARNING,
    (cite.EXTRA_PAYMENT_PARAMETERS.at("Billie"), cite.CREATE_PAYMENT.at("company")),
    Evidence.DOCUMENTED,
    "the method is billie and company, or its registrationNumber or vatNumber, is not sent",
    "Billie is a business-to-business method that identifies the organization paying. Mollie recommends sending "
    "company.registrationNumber and company.vatNumber up front; otherwise Billie asks the customer for them "
    "during checkout (a longer checkout, not a refusal: a warning).",
    "Send company with the organization's registrationNumber and vatNumber.",
)
PAYMENT_METHOD_CURRENCY = Rule(
    "MP967",
    "payment-method-currency",
    Severity.ERROR,
    (cite.MULTICURRENCY, cite.GET_METHOD, cite.UPDATE_PAYMENT.at("method")),
    Evidence.DOCUMENTED,
    "the one method given does not take the payment's currency",
    "Outside EUR each currency works with a few methods only (Mollie's multicurrency table, the same on both "
    "APIs; in3, Billie and vouchers are EUR only): a payment forced to another method cannot be paid.",
    "Pick a method that takes the currency, leave method out, or charge in EUR.",
)
OFFERED_METHOD_REQUIREMENT = Rule(
    "MP968",
    "offered-method-requirement",
    Severity.WARNING,
    (cite.CREATE_PAYMENT.at("method"), cite.MULTICURRENCY),
    Evidence.DOCUMENTED,
    "a method of the method array needs what the body lacks (lines, a billing address or its fields, "
    "Billie's organizationName, categories, a manual capture, another currency)",
    "With a single method these are errors (MP950-MP953, MP411, MP939, MP967). With several methods offered, "
    "Mollie's documentation does not say whether the payment is refused or the method left out of the "
    "checkout; either way the customer cannot pay with it.",
    "Send what the method needs, or drop it from the array.",
)

PARTIAL_POSTAL_ADDRESS = Rule(
    "MP925",
    "payment-address-partial",
    Severity.ERROR,
    (
        cite.CREATE_PAYMENT.at("billingAddress"),
        cite.CREATE_PAYMENT.at("shippingAddress"),
        cite.live("https://github.com/mollie/WooCommerce/issues/1008"),
        cite.live("https://github.com/odoo/odoo/pull/268188"),
    ),
    Evidence.LIVE,
    "a Payments address has part of a postal address: some, not all, of streetAndNumber, postalCode, city and country",
    "Mollie's reference asks a payment's address for an e-mail or a valid postal address of streetAndNumber, "
    "postalCode, city and country. Mollie refuses a part of one with a 422: Mollie's WooCommerce plugin sent what "
    "the checkout had and was refused until it sent the e-mail alone (mollie/WooCommerce#1008, 2025), and Odoo "
    "found that Mollie takes 'either no billing address, or a full address' (odoo/odoo#268188, 2026). postalCode "
    "may be left out where the country has no postal codes.",
    "Send the whole postal address, or none of it: the names and the e-mail alone are accepted.",
)
#: The parts of a postal address that a payment's address sends together or not at all (MP925).
POSTAL_ADDRESS: Final = ("streetAndNumber", "postalCode", "city", "country")

RULES = (
    METHOD_NEEDS_LINES,
    METHOD_NEEDS_BILLING_ADDRESS,
    METHOD_NEEDS_ADDRESS_FIELDS,
    VOUCHER_NEEDS_CATEGORIES,
    BILLIE_COMPANY,
    PAYMENT_METHOD_CURRENCY,
    OFFERED_METHOD_REQUIREMENT,
    PARTIAL_POSTAL_ADDRESS,
)


def requested(payload: dict[object, object]) -> frozenset[str]:
    """The valid Payments API method ids of ``method`` (a string or an array); empty when none is given."""
    method = payload.get("method")
    if type(method) is str:
        return frozenset({method}) & _METHODS
    if isinstance(method, (list, tuple)):
        return frozenset(m for m in method if type(m) is str) & _METHODS
    return frozenset()


def address_methods(payload: dict[object, object]) -> tuple[frozenset[str], str | None]:
    """The methods of ``payload``'s ``method`` whose address rules (PayPal's, Billie's) hold its addresses, and
    the one method it forces, which turns PayPal's warnings into errors: what ``check_address`` takes. Billie in
    an array is left out: its organizationName is an error (MP411) for the one method, and for one of an array
    MP968's warning. Create payment's body, and update payment's method as the payment has it after the update:
    one reading of ``method`` for both."""
    methods, forced = requested(payload), single_method(payload)
    return (methods if forced is not None else methods - {"billie"}), forced


def check_payment_methods(ck: Checker, payload: dict[object, object]) -> None:
    methods, forced = address_methods(payload)
    for key in ("billingAddress", "shippingAddress"):
        value = payload.get(key)
        if value is not None:
            check_payment_address(ck, value, key, methods, forced)
    check_method_requirements(ck, payload, ck.order_currency)
    if forced == "billie":
        _check_billie_company(ck, payload.get("company"))


def check_payment_address(ck: Checker, value: object, key: str, methods: frozenset[str], forced: str | None) -> None:
    """A payment's ``billingAddress`` or ``shippingAddress`` (``key``): the address rules both APIs share, with
    no field required by the API itself, and a postal address sent whole or not at all (MP925). Create payment
    and update payment check their addresses with it."""
    check_address(ck, value, key, methods, forced, required=())
    if type(value) is not dict or (key == "billingAddress" and forced in ADDRESS_FIELDS_METHODS):
        return  # the one method needs every field of the billing address: MP952 names the missing ones
    sent = [field for field in POSTAL_ADDRESS if not is_absent(value.get(field))]
    if not sent:
        return
    country = value.get("country")
    exempt = ("postalCode",) if type(country) is str and country.upper() in NO_POSTAL_CODE else ()
    missing = [field for field in POSTAL_ADDRESS if field not in sent and field not in exempt]
    if missing:
        ck.report(
            PARTIAL_POSTAL_ADDRESS,
            (key,),
            f"The {key} has part of a postal address ({', '.join(sent)}) but not {', '.join(missing)}: send "
            "streetAndNumber, postalCode, city and country together, or none of them.",
            actual=", ".join(sent),
        )


def check_method_requirements(
    ck: Checker, payment: dict[object, object], currency: str | None, unknown: frozenset[str] = NOTHING_UNKNOWN
) -> None:
    """What the payment's ``method`` needs of the rest of ``payment`` (its lines, billing address and capture
    mode) and of its ``currency`` (``None``: unknown): errors for the one method (MP967, MP950-MP953), one
    warning per unmet need of each method of an array (MP968), nothing without a method.

    Create payment runs it on its body, where a key left out is a part the payment does not have. Update
    payment, when it sets the method, runs it on the payment as the update leaves it (the snapshot's lines and
    addresses, the update's addresses), since Mollie holds a method to the same requirements whichever request
    sets it; there a key the snapshot does not carry is ``unknown``, and the part it names is not said to be
    missing (only a missing part needs the difference: a present one is read as it is)."""
    forced = single_method(payment)
    if forced is None:
        if isinstance(payment.get("method"), (list, tuple)):
            for method in sorted(requested(payment)):
                for path, need in unmet(payment, method, currency, unknown):
                    ck.report(
                        OFFERED_METHOD_REQUIREMENT,
                        path,
                        f"The method {method} is offered but needs {need}; the customer cannot pay with it.",
                        actual=method,
                    )
        return
    check_method_currency(ck, forced, currency)
    lines = payment.get("lines")
    if forced in LINES_METHODS and (not isinstance(lines, (list, tuple)) or not lines) and "lines" not in unknown:
        ck.report(METHOD_NEEDS_LINES, ("lines",), f"The method {forced} needs the payment's lines.")
    billing = payment.get("billingAddress")
    if forced in BILLING_ADDRESS_METHODS and billing is None and "billingAddress" not in unknown:
        ck.report(METHOD_NEEDS_BILLING_ADDRESS, ("billingAddress",), f"The method {forced} needs a billingAddress.")
    if forced in ADDRESS_FIELDS_METHODS and isinstance(billing, dict):
        missing = [f for f in REQUIRED_ADDRESS_FIELDS if is_absent(billing.get(f))]
        if missing:
            names = [f for f in NAME_FIELDS if f in missing]
            ck.report(
                METHOD_NEEDS_ADDRESS_FIELDS,
                ("billingAddress", names[0]) if names else ("billingAddress",),
                f"The method {forced} needs these fields of the billingAddress: {', '.join(missing)}.",
            )
    categorised = isinstance(lines, (list, tuple)) and any(isinstance(x, dict) and x.get("categories") for x in lines)
    if forced == "voucher" and isinstance(lines, (list, tuple)) and lines and not categorised:
        ck.report(
            VOUCHER_NEEDS_CATEGORIES,
            ("lines",),
            "Vouchers pay only for lines with categories (meal, eco, gift, sport_culture); no line has any.",
        )


def _check_billie_company(ck: Checker, company: object) -> None:
    """MP969: the company details Billie would otherwise ask the customer for (a company that is not an
    object is MP963's, in ``extras``)."""
    if company is None:
        ck.report(
            BILLIE_COMPANY,
            ("company",),
            "Billie asks the customer for the company's registrationNumber and vatNumber unless the payment sends "
            "them in company.",
        )
        return
    if not isinstance(company, dict):
        return
    missing = [f for f in BILLIE_COMPANY_FIELDS if is_absent(company.get(f))]
    if missing:
        ck.report(
            BILLIE_COMPANY,
            ("company",),
            f"Billie asks the customer for the company's {' and '.join(missing)} unless the payment sends them.",
        )


def check_method_currency(ck: Checker, method: str, currency: str | None) -> None:
    """MP967: the one ``method`` of a payment in ``currency`` (``None``: unknown) takes that currency; create
    payment, and update payment against the payment's currency."""
    if currency is not None and method in CURRENCY_KNOWN_METHODS and not takes_currency(method, currency):
        ck.report(
            PAYMENT_METHOD_CURRENCY,
            ("method",),
            f"The method {method} does not take {currency}.",
            actual=method,
        )


def unmet(
    payload: dict[object, object], method: str, currency: str | None, unknown: frozenset[str] = NOTHING_UNKNOWN
) -> list[tuple[tuple[str, ...], str]]:
    """What ``method`` needs and ``payload`` lacks, as (where, what) pairs: the requirements the single-method
    rules report as errors, read for one method of an array; a part whose key is ``unknown`` is not lacking
    (see ``check_method_requirements``)."""
    found: list[tuple[tuple[str, ...], str]] = []
    if currency is not None and method in CURRENCY_KNOWN_METHODS and not takes_currency(method, currency):
        found.append((("method",), f"another currency than {currency}"))
    lines, billing = payload.get("lines"), payload.get("billingAddress")
    has_lines = isinstance(lines, (list, tuple)) and bool(lines)
    if method in LINES_METHODS and not has_lines and "lines" not in unknown:
        found.append((("lines",), "the payment's lines"))
    if method in BILLING_ADDRESS_METHODS and billing is None and "billingAddress" not in unknown:
        found.append((("billingAddress",), "a billingAddress"))
    if method in ADDRESS_FIELDS_METHODS and isinstance(billing, dict):
        missing = [f for f in REQUIRED_ADDRESS_FIELDS if is_absent(billing.get(f))]
        if missing:
            found.append((("billingAddress",), f"these billingAddress fields: {', '.join(missing)}"))
    categorised = isinstance(lines, (list, tuple)) and any(isinstance(x, dict) and x.get("categories") for x in lines)
    if method == "voucher" and has_lines and not categorised:
        found.append((("lines",), "lines with categories"))
    if method in MANUAL_ONLY_METHODS and payload.get("captureMode") != "manual" and "captureMode" not in unknown:
        found.append((("captureMode",), '"captureMode": "manual"'))
    if method == "billie" and isinstance(billing, dict) and is_absent(billing.get("organizationName")):
        found.append((("billingAddress", "organizationName"), "billingAddress.organizationName"))
    return found


_ADDRESS_KEYS: Final = frozenset({"billingAddress", "shippingAddress"})


def clean_payment_methods(payload: dict[object, object], ck: Checker) -> bool:
    """``check_payment_methods`` would report nothing: addresses that are complete and valid (stricter
    than the check), a single method that takes the currency, and no method with requirements or array
    of methods (those take the walk)."""
    method = payload.get("method")
    if type(method) is str:
        if method in LINES_METHODS or method in BILLING_ADDRESS_METHODS:
            return False
        if method in CURRENCY_KNOWN_METHODS:
            amount = payload.get("amount")
            currency = amount.get("currency") if type(amount) is dict else None
            if type(currency) is not str or not takes_currency(method, currency):
                return False
    elif isinstance(method, (list, tuple)):
        return False  # an array: its methods' requirements (MP968) take the walk
    if _ADDRESS_KEYS.isdisjoint(payload):  # most bodies: no address, settled by one set test
        return True
    for key in _ADDRESS_KEYS:
        value = payload.get(key)
        if value is not None and not clean_address(value, method):
            return False
    return True


#: This family's part of a create-payment body (composed in ``create_payment``).
CREATE_PAYMENT: Final[BodyFamily] = BodyFamily("payment_methods", check_payment_methods, clean_payment_methods)
