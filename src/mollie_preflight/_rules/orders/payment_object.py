"""The ``payment`` object of a create-order body."""

from __future__ import annotations

import re

from ..._findings import Path, Severity
from ..._reference.orders import (
    COMPANY_KEYS,
    ENTITY_TYPES,
    FIRST_METHODS,
    GIFTCARD_ISSUERS,
    KBC_ISSUERS,
    PAYMENT_KEYS,
    REMOVED_PAYMENT_KEYS,
    SEQUENCE_TYPES,
)
from .. import citations as cite
from ..checker import Checker
from ..common.amounts import Money, check_amount
from ..common.methods import forced_method, requested_methods
from ..common.urls import check_webhook, clean_webhook
from ..family import BodyFamily
from ..rule import Evidence, Rule
from ..values import closest, describe, is_blank, json_type, object_or_report

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

PAYMENT_NOT_OBJECT = Rule(
    "MP520",
    "payment-not-object",
    Severity.ERROR,
    (cite.CREATE_ORDER.at("payment"),),
    Evidence.DOCUMENTED,
    "payment is not an object",
    "Payment-specific parameters are passed in the payment object.",
    "Send payment as a JSON object of payment-specific parameters.",
)
PAYMENT_UNKNOWN_KEY = Rule(
    "MP521",
    "payment-unknown-key",
    Severity.WARNING,
    (cite.CREATE_ORDER.at("payment"),),
    Evidence.DOCUMENTED,
    "payment has a key that is not a documented payment-specific parameter",
    "Unknown keys are not applied; dueDate and description are often sent and do nothing for orders.",
    "Remove the key, or use the order-level parameter that does what you meant.",
)
PAYMENT_SEQUENCE_TYPE = Rule(
    "MP522",
    "payment-sequence-type",
    Severity.ERROR,
    (cite.CREATE_PAYMENT,),
    Evidence.DOCUMENTED,
    "payment.sequenceType is not oneoff, first or recurring",
    "Only these three sequence types exist.",
    "Use oneoff (the default), first or recurring.",
)
PAYMENT_RECURRING_CUSTOMER = Rule(
    "MP523",
    "payment-recurring-customer",
    Severity.ERROR,
    (cite.CREATE_PAYMENT,),
    Evidence.INFERRED,
    "a recurring payment has no payment.customerId",
    "A recurring payment charges a customer's mandate; without the customer there is nothing to charge.",
    "Send payment.customerId (cst_…), and payment.mandateId to pick a mandate.",
)
PAYMENT_FIRST_METHOD = Rule(
    "MP524",
    "payment-first-method",
    Severity.ERROR,
    (cite.RECURRING,),
    Evidence.DOCUMENTED,
    "a first payment is forced to a method that cannot start a recurring sequence",
    "Only some methods create a mandate for later recurring payments.",
    "Use one of applepay, bancontact, belfius, creditcard, eps, giropay, ideal, kbc, mybank, paypal, sofort.",
)
PAYMENT_ISSUER = Rule(
    "MP525",
    "payment-issuer",
    Severity.WARNING,
    (
        cite.CREATE_PAYMENT.at("issuer"),
        cite.GET_METHOD,
        cite.live("https://github.com/mollie/magento2/issues/651"),
    ),
    Evidence.DOCUMENTED,
    "issuer (payment.issuer on create order) does not have the shape the method's issuers have",
    "iDEAL issuers are ideal_<BIC>, KBC's are kbc or cbc, gift cards name a brand; lists change over time. "
    "Vouchers' issuer ids are not documented and are not judged. Since iDEAL 2 (2025) Mollie ignores the issuer "
    "of an iDEAL payment, so there a wrong one is lost rather than refused. Before it, in June 2023, Mollie "
    "refused a gift card's issuer on an iDEAL payment ('The issuer is invalid.', field issuer); no answer since "
    "shows whether it still does.",
    "Take issuer ids from the Methods API (include=issuers).",
)
PAYMENT_COMPANY = Rule(
    "MP526",
    "payment-company",
    Severity.ERROR,
    (cite.CREATE_PAYMENT.at("Billie"),),
    Evidence.DOCUMENTED,
    "payment.company is not an object of registrationNumber, vatNumber and a known entityType",
    "Billie needs the company's details; entityType is an enumeration.",
    "Send company.entityType as one of Mollie's values (limited-company, sole-trader, ...).",
)
PAYMENT_APPLE_PAY_TOKEN = Rule(
    "MP527",
    "payment-apple-pay-token",
    Severity.ERROR,
    (cite.CREATE_PAYMENT, cite.APPLE_PAY_DIRECT, cite.live("https://github.com/mollie/magento2/issues/927")),
    Evidence.DOCUMENTED,
    "payment.applePayPaymentToken is not a string",
    "The token is passed as a string holding the JSON Apple returned, not as an object.",
    "json.dumps the token object and send the string.",
)
APPLICATION_FEE = Rule(
    "MP528",
    "application-fee",
    Severity.ERROR,
    (cite.APPLICATION_FEES, cite.CREATE_ORDER.at("payment.applicationFee")),
    Evidence.DOCUMENTED,
    "payment.applicationFee lacks its amount or description, or breaks their limits",
    "An application fee needs an amount of at least 0.01 and a description of at most 255 characters.",
    'Send {"amount": {"currency": "EUR", "value": "1.00"}, "description": "…"}.',
)
APPLICATION_FEE_MAXIMUM = Rule(
    "MP529",
    "application-fee-maximum",
    Severity.WARNING,
    (cite.APPLICATION_FEES, cite.CREATE_ORDER.at("payment.applicationFee")),
    Evidence.DOCUMENTED,
    "the application fee is above 10 % of the order amount or €2.00",
    "The Orders API caps application fees at 10 % of the amount, at most €2.00, unless Mollie agreed more.",
    "Lower the fee, or ask Mollie to raise the limit for your platform.",
)
RESOURCE_ID_PREFIX = Rule(
    "MP530",
    "resource-id-prefix",
    Severity.WARNING,
    (cite.MANAGE_ORDER_LINES, cite.AUTHENTICATION, cite.CREATE_ORDER.at("payment"), cite.ORDERS_OVERVIEW),
    Evidence.INFERRED,
    "an id does not have its resource's prefix (cst_, mdt_, tkn_, pfl_)",
    "Mollie ids start with their resource's prefix; another value is almost always a field mix-up.",
    "Send the Mollie id, not your own: customerId cst_…, mandateId mdt_…, cardToken tkn_…, profileId pfl_….",
)
PAYMENT_EXTRA_MERCHANT_DATA = Rule(
    "MP531",
    "payment-extra-merchant-data",
    Severity.WARNING,
    (cite.CREATE_PAYMENT,),
    Evidence.DOCUMENTED,
    "payment.extraMerchantData is not a JSON object",
    "Klarna reads extraMerchantData as its attachment body: an object following Klarna's schema, and only "
    "when agreed with Klarna. A string (often JSON encoded twice) or a list is not that object.",
    "Send the object itself (not json.dumps of it), or leave the key out unless Klarna asked for it.",
)

#: Payment keys whose only check here is their JSON type: key, type, rule, what the message says.
_TYPED_KEYS: Final = (
    (
        "applePayPaymentToken",
        str,
        PAYMENT_APPLE_PAY_TOKEN,
        "The applePayPaymentToken must be a string holding the token's JSON",
    ),
    (
        "extraMerchantData",
        dict,
        PAYMENT_EXTRA_MERCHANT_DATA,
        "payment.extraMerchantData must be a JSON object (Klarna's attachment body)",
    ),
)

RULES = (
    PAYMENT_NOT_OBJECT,
    PAYMENT_UNKNOWN_KEY,
    PAYMENT_SEQUENCE_TYPE,
    PAYMENT_RECURRING_CUSTOMER,
    PAYMENT_FIRST_METHOD,
    PAYMENT_ISSUER,
    PAYMENT_COMPANY,
    PAYMENT_APPLE_PAY_TOKEN,
    APPLICATION_FEE,
    APPLICATION_FEE_MAXIMUM,
    RESOURCE_ID_PREFIX,
    PAYMENT_EXTRA_MERCHANT_DATA,
)

_PREFIXES: Final = {"customerId": "cst_", "mandateId": "mdt_", "cardToken": "tkn_"}
#: Compiled at import: clean bodies match them (``clean_id_prefix``, ``issuer_problem``).
_ID: Final[re.Pattern[str]] = re.compile(r"[A-Za-z0-9._-]{1,64}", re.ASCII)
_IDEAL_ISSUER: Final[re.Pattern[str]] = re.compile(r"ideal_[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?", re.ASCII)
_MAX_FEE_DESCRIPTION: Final = 255
_FEE_CAP_CENTS: Final = 200


def check_payment(ck: Checker, payload: dict[object, object]) -> None:
    payment = payload.get("payment")
    if payment is None:
        return
    path: Path = ("payment",)
    payment = object_or_report(ck, PAYMENT_NOT_OBJECT, payment, path, "The 'payment' field")
    if payment is None:
        return
    for key in payment:
        if key not in PAYMENT_KEYS:
            ck.report(PAYMENT_UNKNOWN_KEY, (*path, str(key)), _unknown_key_message(key))
    sequence = _check_sequence_type(ck, payment.get("sequenceType"))
    if sequence == "recurring" and not payment.get("customerId"):
        ck.report(
            PAYMENT_RECURRING_CUSTOMER,
            (*path, "customerId"),
            "A recurring payment needs payment.customerId: the customer whose mandate is charged.",
        )
    forced = forced_method(payload)
    if sequence == "first" and forced is not None and forced not in FIRST_METHODS:
        ck.report(
            PAYMENT_FIRST_METHOD,
            ("method",),
            f"The method {forced} cannot start a recurring sequence (sequenceType first).",
            actual=forced,
        )
    for key, prefix in _PREFIXES.items():
        check_id_prefix(ck, payment.get(key), (*path, key), prefix)
    _check_issuer(ck, payment.get("issuer"), requested_methods(payload))
    _check_company(ck, payment.get("company"))
    for key, kind, rule, what in _TYPED_KEYS:
        value = payment.get(key)
        if value is not None and not isinstance(value, kind):
            ck.report(rule, (*path, key), f"{what}, got {json_type(value)}.", actual=describe(value))
    if payment.get("webhookUrl") is not None:
        check_webhook(ck, payment["webhookUrl"], (*path, "webhookUrl"))
    _check_application_fee(ck, payment.get("applicationFee"))


def check_id_prefix(ck: Checker, value: object, path: Path, prefix: str) -> None:
    """MP530: a Mollie id carries its resource's prefix."""
    if value is None:
        return
    if not isinstance(value, str) or not value.startswith(prefix) or not _ID.fullmatch(value):
        ck.report(
            RESOURCE_ID_PREFIX,
            path,
            f"The '{path[-1]}' should be a Mollie id starting with {prefix}.",
            actual=describe(value),
        )


def _unknown_key_message(key: object) -> str:
    if isinstance(key, str) and key in REMOVED_PAYMENT_KEYS:
        return f"payment.{key} {REMOVED_PAYMENT_KEYS[key]}."
    meant = closest(key, sorted(PAYMENT_KEYS)) if isinstance(key, str) else None
    hint = f"; did you mean {meant}?" if meant else "."
    return f"payment.{describe(key)} is not a payment-specific parameter of the Orders API{hint}"


def _check_sequence_type(ck: Checker, value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and value in SEQUENCE_TYPES:
        return value
    meant = value.strip().lower() if isinstance(value, str) and value.strip().lower() in SEQUENCE_TYPES else None
    ck.report(
        PAYMENT_SEQUENCE_TYPE,
        ("payment", "sequenceType"),
        f"The sequenceType {describe(value)!r} is invalid; use oneoff, first or recurring.",
        expected=meant,
        actual=describe(value),
    )
    return meant


def _check_issuer(ck: Checker, issuer: object, methods: frozenset[str]) -> None:
    if issuer is None:
        return
    where: Path = ("payment", "issuer")
    if not isinstance(issuer, str):
        ck.report(
            PAYMENT_ISSUER, where, f"The issuer must be a string, got {json_type(issuer)}.", actual=describe(issuer)
        )
        return
    check_issuer_shape(ck, issuer, methods, where)


def check_issuer_shape(ck: Checker, issuer: str, methods: frozenset[str], where: Path) -> None:
    """MP525: ``issuer`` has the shape the issuers of the one method ``methods`` holds have. The one check of an
    issuer's shape: create order's ``payment.issuer``, create and update payment's ``issuer``."""
    problem = issuer_problem(issuer, methods)
    if problem is not None:
        ck.report(
            PAYMENT_ISSUER, where, f"The issuer {describe(issuer)!r} looks wrong: {problem}.", actual=describe(issuer)
        )


def issuer_problem(issuer: str, methods: frozenset[str]) -> str | None:
    """Why ``issuer`` cannot be an issuer of the one method ``methods`` holds, or ``None`` (also ``None`` for
    several methods, or a method whose issuer ids Mollie does not document, such as the voucher brands)."""
    only = next(iter(methods)) if len(methods) == 1 else None  # no set built per comparison: a clean path asks
    if only == "ideal" and not _IDEAL_ISSUER.fullmatch(issuer):
        return "iDEAL issuers are ideal_ followed by the bank's BIC, such as ideal_INGBNL2A"
    if only == "kbc" and issuer not in KBC_ISSUERS:
        return "KBC's issuers are kbc and cbc"
    if only == "giftcard" and issuer not in GIFTCARD_ISSUERS:
        return "it is not one of the gift card brands Mollie lists"
    return None


def _check_company(ck: Checker, company: object) -> None:
    if company is None:
        return
    where: Path = ("payment", "company")
    company = object_or_report(ck, PAYMENT_COMPANY, company, where, "payment.company")
    if company is None:
        return
    for key, value in company.items():
        if key not in COMPANY_KEYS:
            ck.report(
                PAYMENT_UNKNOWN_KEY, (*where, str(key)), f"payment.company.{describe(key)} is not a company parameter."
            )
        elif value is not None and not isinstance(value, str):
            ck.report(
                PAYMENT_COMPANY,
                (*where, key),
                f"payment.company.{key} must be a string, got {json_type(value)}.",
                actual=describe(value),
            )
    entity = company.get("entityType")
    if isinstance(entity, str) and entity not in ENTITY_TYPES:
        meant = closest(entity.lower(), ENTITY_TYPES)
        ck.report(
            PAYMENT_COMPANY,
            (*where, "entityType"),
            f"The entityType {describe(entity)!r} is not one of Mollie's: {', '.join(ENTITY_TYPES)}.",
            expected=meant,
            actual=describe(entity),
        )


def check_application_fee_shape(ck: Checker, rule: Rule, value: object, where: Path) -> Money | None:
    """What both APIs ask of an ``applicationFee``: an object with a description (at most 255 characters) and
    an amount of at least 0.01; the amount when it has one, for the API's own bound on it."""
    fee = object_or_report(ck, rule, value, where, "The applicationFee")
    if fee is None:
        return None
    description = fee.get("description")
    if description is None or (isinstance(description, str) and is_blank(description)):
        ck.report(rule, (*where, "description"), "The applicationFee needs a description.")
    elif not isinstance(description, str) or len(description) > _MAX_FEE_DESCRIPTION:
        ck.report(
            rule,
            (*where, "description"),
            f"The applicationFee description must be a string of at most {_MAX_FEE_DESCRIPTION} characters.",
            actual=describe(description),
        )
    if fee.get("amount") is None:
        ck.report(rule, (*where, "amount"), "The applicationFee needs an amount.")
        return None
    money = check_amount(ck, fee["amount"], (*where, "amount"))
    if money is None:
        return None
    if money.minor < 1:
        ck.report(rule, (*where, "amount"), "The application fee must be at least 0.01.", actual=money.plain())
        return None
    return money


def _check_application_fee(ck: Checker, fee: object) -> None:
    if fee is None:
        return
    where: Path = ("payment", "applicationFee")
    money = check_application_fee_shape(ck, APPLICATION_FEE, fee, where)
    if money is None:
        return
    if money.currency == "EUR" and ck.order_currency == "EUR" and ck.order_amount:
        cap = min(ck.order_amount // 10, _FEE_CAP_CENTS)
        if money.minor > cap:
            ck.report(
                APPLICATION_FEE_MAXIMUM,
                (*where, "amount"),
                f"The application fee of €{money.plain()} is above the Orders API's limit of 10 % of the amount, "
                f"at most €2.00 (here €{cap // 100}.{cap % 100:02d}), unless Mollie agreed a higher limit.",
                actual=money.plain(),
            )


# --- clean: "nothing to report here", for the composed fast path; ``check_payment`` never calls it ---


def clean_payment(payload: dict[object, object], ck: Checker) -> bool:
    """``check_payment`` would report nothing.

    The usual ``payment`` objects (issuer, customerId, mandateId, cardToken, sequenceType, a webhook) are
    answered here; ``company`` and ``applicationFee`` always take the full walk.
    """
    payment = payload.get("payment")
    if payment is None:
        return True
    if type(payment) is not dict or not PAYMENT_KEYS.issuperset(payment):
        return False
    sequence = payment.get("sequenceType")
    if sequence is not None and (type(sequence) is not str or sequence not in SEQUENCE_TYPES):
        return False
    if sequence == "recurring" and not payment.get("customerId"):
        return False
    if sequence == "first":
        forced = forced_method(payload)
        if forced is not None and forced not in FIRST_METHODS:
            return False
    for key, prefix in _PREFIXES.items():
        if not clean_id_prefix(payment.get(key), prefix):
            return False
    issuer = payment.get("issuer")
    if issuer is not None and (type(issuer) is not str or issuer_problem(issuer, requested_methods(payload))):
        return False
    if payment.get("company") is not None or payment.get("applicationFee") is not None:
        return False
    for key, kind, _, _ in _TYPED_KEYS:
        value = payment.get(key)
        if value is not None and not isinstance(value, kind):
            return False
    webhook = payment.get("webhookUrl")
    return webhook is None or (type(webhook) is str and clean_webhook(webhook))


def clean_id_prefix(value: object, prefix: str) -> bool:
    """``check_id_prefix`` would report nothing."""
    return value is None or (type(value) is str and value.startswith(prefix) and _ID.fullmatch(value) is not None)


#: This family's part of a create-order body (composed in ``create_order``).
CREATE_ORDER: Final[BodyFamily] = BodyFamily("payment", check_payment, clean_payment)
