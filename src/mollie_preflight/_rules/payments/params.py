"""The top-level parameters of a create-payment body other than amount, description, lines and addresses.

Keys are judged against the create-payment reference: Orders API keys get a pointer to their Payments
counterpart (MP930; the payment object, seen refused, is MP718 with that pointer), response fields a warning
that they cannot be set (MP931), anything else Mollie's "Non-existent body parameter" error (MP718, seen live
on create payment, with a near miss suggested).
"""

from __future__ import annotations

import re
from typing import Final

from ..._findings import Severity
from ..._reference.countries import ALPHA_2
from ..._reference.payments import (
    CAPTURE_MODES,
    DEPRECATED_KEYS,
    KEYS,
    LOCALES,
    MANUAL_CAPTURE_METHODS,
    MANUAL_ONLY_METHODS,
    METHODS,
    ORDERS_ONLY_KEYS,
    READ_ONLY_KEYS,
    REFUSED_ORDERS_ONLY_KEYS,
    RETIRED_METHODS,
    SEQUENCE_TYPES,
)
from .. import citations as cite
from ..checker import Checker
from ..common.metadata import check_metadata, clean_metadata
from ..common.urls import check_url, check_webhook, clean_url, clean_webhook
from ..family import BodyFamily
from ..orders.payment_object import check_id_prefix, clean_id_prefix
from ..orders.toplevel import BOOLEAN_FIELD, REDIRECT_URL_REQUIRED, report_non_existent
from ..rule import Evidence, Fixability, Rule
from ..values import closest, describe, json_type
from .lines import ORDERS_ONLY_KEY

READ_ONLY_KEY = Rule(
    "MP931",
    "read-only-key",
    Severity.WARNING,
    (cite.CREATE_PAYMENT, cite.MIGRATING_ORDERS_TO_PAYMENTS),
    Evidence.DOCUMENTED,
    "a create-payment body sets a field of the payment that only Mollie sets (expiresAt, status, id, ...)",
    "These are response fields, read-only in Mollie's reference: a payment's expiry cannot be set (bank "
    "transfer's dueDate aside), and the migration guide notes that expiresAt does not set the authorization's "
    "expiry. Whether Mollie refuses or ignores them is not documented.",
    "Remove the key; use dueDate for a bank transfer's deadline.",
)
PAYMENT_LOCALE = Rule(
    "MP933",
    "payment-locale",
    Severity.ERROR,
    (cite.CREATE_PAYMENT.at("locale"), cite.CHANGELOG),
    Evidence.DOCUMENTED,
    "locale is not one of the Payments API's 28 locales",
    "The Payments API's locale is an enum (grown from 24 to 28 values in 2026, cs_CZ and sk_SK among them); "
    "the Orders API's list is shorter. null means the browser's language.",
    "Use one of the listed locales (nl_NL, en_US, de_DE, ...), or leave locale out.",
    fixability=Fixability.SAFE,
)
PAYMENT_METHOD = Rule(
    "MP934",
    "payment-method",
    Severity.ERROR,
    (cite.CREATE_PAYMENT.at("method"), cite.CHANGELOG),
    Evidence.DOCUMENTED,
    "method is not one of the Payments API's methods (klarnapaylater & co. are 'klarna' here), or not a "
    "string or non-empty array of them",
    "The Payments API takes one method id or an array of them; the Orders API's Klarna ids (klarnapaylater, "
    "klarnapaynow, klarnasliceit) are a single 'klarna' here, and giropay and Sofort were retired.",
    "Use a method id from the reference (klarna for any Klarna product), or leave method out.",
    fixability=Fixability.SAFE,
)
CAPTURE_MODE = Rule(
    "MP935",
    "capture-mode",
    Severity.ERROR,
    (cite.CREATE_PAYMENT.at("captureMode"),),
    Evidence.DOCUMENTED,
    "captureMode is not automatic or manual",
    "Only these two capture modes exist; automatic is the default.",
    "Send 'manual' to place a hold, or leave captureMode out.",
    fixability=Fixability.SAFE,
)
CAPTURE_DELAY = Rule(
    "MP936",
    "capture-delay",
    Severity.ERROR,
    (cite.CREATE_PAYMENT.at("captureDelay"), cite.PLACE_A_HOLD),
    Evidence.DOCUMENTED,
    "captureDelay is not a number of hours or days such as '8 hours', or is longer than 7 days (168 hours)",
    "A delayed automatic capture is written as a count and 'hours' or 'days'; the maximum delay is 7 days.",
    "Send for example '8 hours' or '2 days', at most '7 days'.",
)
CAPTURE_DELAY_MANUAL = Rule(
    "MP937",
    "capture-delay-manual",
    Severity.ERROR,
    (cite.CREATE_PAYMENT.at("captureDelay"),),
    Evidence.DOCUMENTED,
    "captureDelay is sent with captureMode manual",
    "A capture delay schedules an automatic capture: Mollie's reference says captureMode must be automatic "
    "for it. With manual capture, nothing is captured until you call the Captures API.",
    "Drop captureDelay (capture yourself), or drop captureMode manual (let Mollie capture after the delay).",
)
CAPTURE_MODE_METHOD = Rule(
    "MP938",
    "capture-mode-method",
    Severity.WARNING,
    (cite.PLACE_A_HOLD,),
    Evidence.DOCUMENTED,
    "captureMode manual or captureDelay with a method that cannot be captured manually",
    "Manual and delayed capture exist for cards, Klarna, Billie, Riverty, Vipps and MobilePay only.",
    "Use one of these methods, or leave captureMode and captureDelay out.",
)
RIVERTY_MANUAL_CAPTURE = Rule(
    "MP939",
    "riverty-manual-capture",
    Severity.ERROR,
    (cite.CREATE_PAYMENT.at("captureMode"), cite.PLACE_A_HOLD),
    Evidence.DOCUMENTED,
    "the method is riverty and captureMode is not manual",
    "Riverty payments are authorized first and captured later only: captureMode must be manual.",
    'Send "captureMode": "manual" and capture when the goods ship.',
    fixability=Fixability.SAFE,
)
PAYMENT_SEQUENCE_TYPE = Rule(
    "MP940",
    "sequence-type",
    Severity.ERROR,
    (cite.CREATE_PAYMENT.at("sequenceType"), cite.RECURRING),
    Evidence.DOCUMENTED,
    "sequenceType is not oneoff, first or recurring",
    "Only these three sequence types exist; oneoff is the default.",
    "Use oneoff, first (to get a mandate) or recurring (to charge one).",
    fixability=Fixability.SAFE,
)
RECURRING_CUSTOMER = Rule(
    "MP941",
    "recurring-customer",
    Severity.ERROR,
    (cite.CREATE_PAYMENT.at("customerId"), cite.RECURRING),
    Evidence.DOCUMENTED,
    "sequenceType is recurring and customerId is missing",
    "A recurring payment charges a customer's mandate: the customer must be named.",
    "Send customerId (and mandateId to pick one of the customer's mandates).",
)
RESTRICT_COUNTRY = Rule(
    "MP942",
    "restrict-country",
    Severity.ERROR,
    (cite.CREATE_PAYMENT.at("restrictPaymentMethodsToCountry"),),
    Evidence.DOCUMENTED,
    "restrictPaymentMethodsToCountry is not an ISO 3166-1 alpha-2 country code",
    "The parameter limits the checkout to the methods of one country, named by its two-letter code.",
    "Send a code such as NL or BE (upper case), or leave the parameter out.",
    fixability=Fixability.SAFE,
)

BILLING_EMAIL = Rule(
    "MP965",
    "billing-email-deprecated",
    Severity.WARNING,
    (cite.EXTRA_PAYMENT_PARAMETERS.at("Bank transfer"), cite.CREATE_PAYMENT.at("billingAddress.email")),
    Evidence.DOCUMENTED,
    "billingEmail is sent: it is deprecated",
    "Mollie deprecated billingEmail in favour of billingAddress.email; with a bank transfer, the e-mail in "
    "the billing address is where Mollie sends the transfer instructions when the payment is created.",
    "Send the address as billingAddress.email and drop billingEmail.",
)

RULES = (
    READ_ONLY_KEY,
    PAYMENT_LOCALE,
    PAYMENT_METHOD,
    CAPTURE_MODE,
    CAPTURE_DELAY,
    CAPTURE_DELAY_MANUAL,
    CAPTURE_MODE_METHOD,
    RIVERTY_MANUAL_CAPTURE,
    PAYMENT_SEQUENCE_TYPE,
    RECURRING_CUSTOMER,
    RESTRICT_COUNTRY,
    BILLING_EMAIL,
)

_METHODS: Final = frozenset(METHODS)
_LOCALES: Final = frozenset(LOCALES)
_LOCALE_BY_FOLDED: Final = {locale.lower().replace("_", "").replace("-", ""): locale for locale in LOCALES}
_KEYS_BY_FOLDED: Final = {key.lower(): key for key in KEYS}
_DELAY: Final = re.compile(r"([0-9]{1,6}) (hours?|days?)", re.ASCII)
_MAX_DELAY_HOURS: Final = 168
_PREFIXES: Final = (("customerId", "cst_"), ("mandateId", "mdt_"), ("profileId", "pfl_"))


def single_method(payload: dict[object, object]) -> str | None:
    """The one Payments API method the body forces (``method`` as a string), else ``None``."""
    method = payload.get("method")
    return method if type(method) is str and method in _METHODS else None


def check_params(ck: Checker, payload: dict[object, object]) -> None:
    _check_keys(ck, payload)
    _check_urls(ck, payload)
    check_locale(ck, payload.get("locale"))
    check_method(ck, payload.get("method"))
    check_restrict_country(ck, payload.get("restrictPaymentMethodsToCountry"))
    check_metadata(ck, payload.get("metadata"), ("metadata",))
    testmode = payload.get("testmode")
    if testmode is not None and type(testmode) is not bool:
        ck.report(
            BOOLEAN_FIELD,
            ("testmode",),
            f"The 'testmode' field must be true or false, got {json_type(testmode)}.",
            actual=describe(testmode),
        )
    for key, prefix in _PREFIXES:
        check_id_prefix(ck, payload.get(key), (key,), prefix)
    _check_sequence(ck, payload)
    _check_capture(ck, payload)


def _check_keys(ck: Checker, payload: dict[object, object]) -> None:
    for key in payload:
        if key in KEYS:
            continue
        if key in REFUSED_ORDERS_ONLY_KEYS:
            why = f"'{key}' is an Orders API field; on the Payments API {ORDERS_ONLY_KEYS[key]}"
            report_non_existent(ck, key, payload[key], why)
        elif key in ORDERS_ONLY_KEYS:
            ck.report(
                ORDERS_ONLY_KEY,
                (key,),
                f"The '{key}' field is an Orders API field; on the Payments API {ORDERS_ONLY_KEYS[key]}.",
            )
        elif key in DEPRECATED_KEYS:
            ck.report(BILLING_EMAIL, (key,), f"The '{key}' field is deprecated; {DEPRECATED_KEYS[key]}.")
        elif key in READ_ONLY_KEYS:
            ck.report(READ_ONLY_KEY, (key,), f"The '{key}' field is set by Mollie; it cannot be set on creation.")
        else:
            meant = _KEYS_BY_FOLDED.get(key.lower()) if isinstance(key, str) else None
            meant = meant or (closest(key, sorted(KEYS)) if isinstance(key, str) else None)
            report_non_existent(ck, key, payload[key], f"did you mean {meant}?" if meant else "", meant)


def _check_urls(ck: Checker, payload: dict[object, object]) -> None:
    redirect = payload.get("redirectUrl")
    if redirect is None:
        if payload.get("sequenceType") != "recurring" and payload.get("applePayPaymentToken") is None:
            ck.report(
                REDIRECT_URL_REQUIRED,
                ("redirectUrl",),
                "The 'redirectUrl' field is required unless sequenceType is recurring or an applePayPaymentToken "
                "is sent.",
            )
    else:
        check_url(ck, redirect, ("redirectUrl",))
    if payload.get("cancelUrl") is not None:
        check_url(ck, payload["cancelUrl"], ("cancelUrl",), empty_ok=True)
    if payload.get("webhookUrl") is not None:
        check_webhook(ck, payload["webhookUrl"], ("webhookUrl",))


def check_locale(ck: Checker, locale: object) -> None:
    """MP933: ``locale`` (``None``: absent) is one of the Payments API's locales; create and update payment."""
    if locale is not None and (type(locale) is not str or locale not in _LOCALES):
        meant = _LOCALE_BY_FOLDED.get(locale.lower().replace("_", "").replace("-", "")) if type(locale) is str else None
        ck.report(
            PAYMENT_LOCALE,
            ("locale",),
            f"The locale {describe(locale)!r} is not one of the Payments API's locales.",
            expected=meant,
            actual=describe(locale),
        )


def check_restrict_country(ck: Checker, country: object) -> None:
    """MP942: ``restrictPaymentMethodsToCountry`` (``None``: absent) is an upper-case ISO 3166-1 alpha-2 code;
    create and update payment."""
    if country is not None and (type(country) is not str or country not in ALPHA_2):
        meant = country.strip().upper() if type(country) is str and country.strip().upper() in ALPHA_2 else None
        ck.report(
            RESTRICT_COUNTRY,
            ("restrictPaymentMethodsToCountry",),
            f"The restrictPaymentMethodsToCountry {describe(country)!r} is not an ISO 3166-1 alpha-2 country code.",
            expected=meant,
            actual=describe(country),
        )


def check_method(ck: Checker, method: object) -> None:
    """MP934: ``method`` (``None``: absent), a string or an array, names Payments API methods only; create and
    update payment."""
    if method is None:
        return
    if isinstance(method, (list, tuple)):
        if not method:
            ck.report(PAYMENT_METHOD, ("method",), "The 'method' array is empty; leave method out to offer all.")
        for index, item in enumerate(method):
            _check_method_id(ck, item, ("method", index))
    else:
        _check_method_id(ck, method, ("method",))


def _check_method_id(ck: Checker, value: object, path: tuple[str | int, ...]) -> None:
    if type(value) is str and value in _METHODS:
        return
    if type(value) is str and value in RETIRED_METHODS:
        reason = RETIRED_METHODS[value]
        meant = reason.removeprefix("use ") if reason.startswith("use ") else None
        message = f"The method '{value}' is not a Payments API method: {reason}."
    elif type(value) is str:
        folded = value.strip().lower()
        meant = folded if folded in _METHODS else None
        message = f"The method {describe(value)!r} is not one of the Payments API's methods."
    else:
        meant = None
        message = f"A method must be a string, got {json_type(value)}."
    ck.report(PAYMENT_METHOD, path, message, expected=meant, actual=describe(value))


def _check_sequence(ck: Checker, payload: dict[object, object]) -> None:
    sequence = payload.get("sequenceType")
    if sequence is None:
        return
    if type(sequence) is not str or sequence not in SEQUENCE_TYPES:
        folded = sequence.strip().lower() if type(sequence) is str else None
        ck.report(
            PAYMENT_SEQUENCE_TYPE,
            ("sequenceType",),
            f"The sequenceType {describe(sequence)!r} is invalid; use oneoff, first or recurring.",
            expected=folded if folded in SEQUENCE_TYPES else None,
            actual=describe(sequence),
        )
    elif sequence == "recurring" and payload.get("customerId") is None:
        ck.report(
            RECURRING_CUSTOMER,
            ("customerId",),
            "A recurring payment needs customerId: the customer whose mandate is charged.",
        )


def _check_capture(ck: Checker, payload: dict[object, object]) -> None:
    mode, delay = payload.get("captureMode"), payload.get("captureDelay")
    if mode is not None and (type(mode) is not str or mode not in CAPTURE_MODES):
        folded = mode.strip().lower() if type(mode) is str else None
        ck.report(
            CAPTURE_MODE,
            ("captureMode",),
            f"The captureMode {describe(mode)!r} is invalid; use automatic or manual.",
            expected=folded if folded in CAPTURE_MODES else None,
            actual=describe(mode),
        )
    if delay is not None:
        match = _DELAY.fullmatch(delay) if type(delay) is str else None
        hours = None if match is None else int(match.group(1)) * (24 if match.group(2).startswith("day") else 1)
        if hours is None or hours > _MAX_DELAY_HOURS:
            reason = (
                "is longer than 7 days (168 hours)" if hours is not None else "is not written as '8 hours' or '2 days'"
            )
            ck.report(
                CAPTURE_DELAY,
                ("captureDelay",),
                f"The captureDelay {describe(delay)!r} {reason}.",
                actual=describe(delay),
            )
        if mode == "manual":
            ck.report(
                CAPTURE_DELAY_MANUAL,
                ("captureDelay",),
                "A captureDelay schedules an automatic capture; with captureMode manual nothing is captured "
                "until you call the Captures API.",
                actual=describe(delay),
            )
    check_capture_method(ck, single_method(payload), mode, delay)


def check_capture_method(
    ck: Checker, method: str | None, mode: object, delay: object, *, fixed_at_creation: bool = False
) -> None:
    """MP939, MP938: the one ``method`` of the payment (``None``: not known, nothing to say) and its capture
    mode and delay (as sent; ``None``: absent). Create payment, and update payment when it sets the method of a
    payment whose capture mode the snapshot gives: the capture is fixed at creation, the method is not, so
    there (``fixed_at_creation``) the message points to another method or a new payment, never to sending
    ``captureMode``, which an update cannot."""
    if method is None:
        return
    if method in MANUAL_ONLY_METHODS and mode != "manual":
        if fixed_at_creation:
            message = (
                f"The method {method} is captured manually only, and this payment's capture mode ({describe(mode)}) "
                f'was fixed when it was created: keep another method, or create a new payment with "captureMode": '
                f'"manual".'
            )
        else:
            message = f'The method {method} is captured manually only: send "captureMode": "manual".'
        ck.report(
            RIVERTY_MANUAL_CAPTURE,
            ("captureMode",),
            message,
            expected="manual",
            actual=describe(mode) if mode is not None else None,
        )
    elif (mode == "manual" or delay is not None) and method not in MANUAL_CAPTURE_METHODS:
        ck.report(
            CAPTURE_MODE_METHOD,
            ("captureMode",) if mode == "manual" else ("captureDelay",),
            f"The method {method} cannot be captured manually or with a delay; Mollie captures it at once."
            + (" This payment was created to be held for a manual capture." if fixed_at_creation else ""),
            actual=method,
        )


# --- clean: "nothing to report here", for the composed fast path; ``check_params`` never calls it ---

#: Keys whose clean test is below; a body with any other key takes the walk.
_USUAL: Final = frozenset(
    {
        "amount", "description", "lines", "billingAddress", "shippingAddress", "redirectUrl", "cancelUrl",
        "webhookUrl", "locale", "method", "metadata", "customerId", "mandateId", "profileId",
    }
)  # fmt: skip
#: The id keys of ``_PREFIXES``: most bodies have none, which one set test settles.
_ID_KEYS: Final = frozenset(key for key, _ in _PREFIXES)


def clean_params(payload: dict[object, object], ck: Checker) -> bool:
    """``check_params`` would report nothing: only the usual keys, each with a plainly valid value
    (stricter than the check: capture, sequence and the rarer parameters take the walk).

    Runs on every clean body, so the key tests are set operations done in C (``issuperset`` and
    ``isdisjoint`` iterate the body without building a set), and nothing is allocated per call.
    """
    if not _USUAL.issuperset(payload):
        return False
    redirect, cancel, webhook = payload.get("redirectUrl"), payload.get("cancelUrl"), payload.get("webhookUrl")
    if type(redirect) is not str or not clean_url(redirect):
        return False
    if cancel is not None and not (type(cancel) is str and clean_url(cancel)):
        return False
    if webhook is not None and not (type(webhook) is str and clean_webhook(webhook)):
        return False
    locale, method = payload.get("locale"), payload.get("method")
    if locale is not None and (type(locale) is not str or locale not in _LOCALES):
        return False
    # A method captured manually only needs ``captureMode`` (MP939), which the usual keys leave out.
    if method is not None and (type(method) is not str or method not in _METHODS or method in MANUAL_ONLY_METHODS):
        return False
    if not _ID_KEYS.isdisjoint(payload):
        for key, prefix in _PREFIXES:
            if not clean_id_prefix(payload.get(key), prefix):
                return False
    return clean_metadata(payload.get("metadata"))


#: This family's part of a create-payment body (composed in ``create_payment``).
CREATE_PAYMENT: Final[BodyFamily] = BodyFamily("payment_params", check_params, clean_params)
