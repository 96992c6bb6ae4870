"""Update payment (``PATCH /v2/payments/{id}``): what may change after a payment was created, and when.

The money and the structure of a payment are fixed at creation: its amount, lines, capture settings, fees,
routing and recurring set-up cannot be patched (Mollie's migration guide: payments cannot have lines updated
or the authorized amount changed). What the shopper has not used yet may change: the URLs, the method and
issuer, the due date, but only until the payment is finalized (paid, canceled, expired or failed), and the
method only if the payment was created without one.

Each value is checked for its JSON type (MP994), then by the very check create payment runs on the same
parameter, with the same code: the update-payment reference documents the same values (it says so of each
one, and Mollie's generated SDKs give both bodies the same models). The description (MP911, MP912), the URLs,
the locale (MP933), the method (MP934; with the payment known also its currency, MP967), the country
restriction (MP942), the due date (MP604, MP962), the issuer's shape (MP525), the addresses (MP401-MP413) and
whether the due date and issuer belong to the payment's method (MP964), all read with the method the payment
will have (the update's when the payment takes it, else its own: Mollie never sets a method it refuses, so a
refused switch leaves the payment's method to judge them by), ``billingEmail`` (deprecated, MP965) and the
metadata.

A method the update sets needs what it needs at creation (lines, a billing address, a currency it takes, a
manual capture, PayPal's address limits): with the payment known, ``check_new_method`` holds it to create
payment's requirements, read from the payment as the update leaves it
(https://docs.mollie.com/reference/update-payment documents ``method`` by create payment's parameter;
https://docs.mollie.com/reference/get-payment gives the payment's lines, addresses and capture mode).
"""

from __future__ import annotations

from typing import Final

from ..._findings import Severity
from .. import citations as cite
from ..checker import Checker
from ..common.address import check_billie_organization, check_paypal_limits
from ..common.metadata import check_metadata
from ..common.urls import check_url, check_webhook
from ..orders.payment_object import check_issuer_shape
from ..rule import Evidence, Rule, Source
from ..values import describe, json_type
from .body import check_description
from .extras import check_due_date, check_parameter_methods
from .methods import address_methods, check_method_requirements, check_payment_address, requested
from .params import (
    BILLING_EMAIL,
    check_capture_method,
    check_locale,
    check_method,
    check_restrict_country,
    single_method,
)
from .snapshot import FINALIZED_STATUSES, METHOD_CONTEXT, PaymentState

#: Keys set at creation that no update can change: money and structure.
FIXED_FIELDS: Final = (
    "amount",
    "lines",
    "captureMode",
    "captureDelay",
    "applicationFee",
    "routing",
    "sequenceType",
    "customerId",
    "mandateId",
)
#: Keys whose change only means something while the shopper has not finished paying.
UNTIL_FINALIZED: Final = ("redirectUrl", "cancelUrl", "method", "dueDate", "issuer")
#: The JSON types each updatable key takes (``None``: null is accepted, as the reference marks it nullable; and
#: ``dueDate``, which Mollie's PHP client v2.33-v2.79 sends as null in every ``Payment::update()``, read as absent
#: as create payment reads it).
_TYPES: Final[dict[str, tuple[type, ...]]] = {
    "redirectUrl": (str, type(None)),
    "cancelUrl": (str, type(None)),
    "webhookUrl": (str, type(None)),
    "method": (str, list, type(None)),
    "locale": (str, type(None)),
    "dueDate": (str, type(None)),
    "restrictPaymentMethodsToCountry": (str, type(None)),
    "issuer": (str, type(None)),
    "billingAddress": (dict,),
    "shippingAddress": (dict,),
    "billingEmail": (str,),
}
#: Every key update payment takes (the description's type and length are create payment's: MP911, MP912).
FIELDS: Final = ("description", *_TYPES, "metadata", "testmode")

UPDATE_PAYMENT_FIXED = Rule(
    "MP990",
    "update-payment-fixed-field",
    Severity.ERROR,
    (cite.UPDATE_PAYMENT, cite.MIGRATING_ORDERS_TO_PAYMENTS),
    Evidence.DOCUMENTED,
    "an update-payment body tries to change the amount, lines, capture, fee, routing or recurring set-up",
    "Payments cannot have lines updated or the authorized amount changed after creation; the update endpoint "
    "takes none of these keys, so the change the body asks for does not happen.",
    "Cancel the payment and create a new one with the new amount or lines (or refund part of a paid one).",
)
UPDATE_PAYMENT_EMPTY = Rule(
    "MP991",
    "update-payment-empty",
    Severity.WARNING,
    (cite.UPDATE_PAYMENT,),
    Evidence.INFERRED,
    "an update-payment body changes nothing",
    "A PATCH without any parameter to change is a request that does nothing; usually the fields were dropped "
    "on the way.",
    "Send the parameters to change (description, redirectUrl, webhookUrl, metadata, ...).",
)
#: Mollie's PHP client v2 sends these with every ``Payment::update()`` (v3 adds the payment's own method).
_PHP_CLIENT_UPDATE: Final = Source(
    "https://github.com/mollie/mollie-api-php/blob/53e49e71dcf761ee8f1b06e3838d0e9904ea7d7f/src/Resources/Payment.php#L716",
    "Mollie's PHP client resends a payment's URLs and method in every update",
)
UPDATE_PAYMENT_FINALIZED = Rule(
    "MP992",
    "update-payment-finalized",
    Severity.ERROR,
    (cite.UPDATE_PAYMENT, cite.PAYMENT_STATUS),
    Evidence.DOCUMENTED,
    "redirectUrl, cancelUrl, method, dueDate or issuer of a finalized payment is updated",
    "These only matter while the shopper pays; once the payment is paid, canceled, expired or failed Mollie "
    "refuses to change them.",
    "Update them only while the payment is open, pending or authorized; leave them out afterwards.",
    "The redirect URL cannot be updated when the payment is finalized",
)
UPDATE_PAYMENT_METHOD_SET = Rule(
    "MP993",
    "update-payment-method-set",
    Severity.ERROR,
    (cite.UPDATE_PAYMENT.at("method"),),
    Evidence.DOCUMENTED,
    "the method of a payment that already has one is updated",
    "The method can only be updated when the payment was created without one (the shopper then picks it in "
    "Mollie's checkout); a payment that names a method keeps it.",
    "Leave method out, or create the payment without a method so that it can be chosen later.",
)
UPDATE_PAYMENT_UNCHANGED = Rule(
    "MP995",
    "update-payment-unchanged",
    Severity.WARNING,
    (
        cite.UPDATE_PAYMENT,
        cite.live("https://github.com/mollie/mollie-api-php/issues/418"),
        _PHP_CLIENT_UPDATE,
    ),
    Evidence.INFERRED,
    "an update resends the payment's own redirectUrl, cancelUrl or method where changing it is refused",
    "Mollie's PHP client sends the payment's redirectUrl and cancelUrl with every Payment::update() (and, from "
    "v3, its method), so shops resend them after the payment is paid: Mollie's WooCommerce plugin on every paid "
    "order's webhook, magento2's express checkout. In 2019 Mollie refused such an update for its unchanged "
    "redirectUrl (mollie/mollie-api-php#405, #418); the clients still send it and no refusal is on record since, "
    "so an unchanged value is a warning, where a changed one is MP992 or MP993.",
    "Send only what you change: leave out the redirect URL, cancel URL and method the payment already has.",
)
UPDATE_PAYMENT_VALUE_TYPE = Rule(
    "MP994",
    "update-payment-value-type",
    Severity.ERROR,
    (cite.UPDATE_PAYMENT,),
    Evidence.DOCUMENTED,
    "a parameter of an update-payment body has a JSON type the reference does not allow",
    "Each parameter has a type (an address is an object, a method a string or an array, most URLs a string or "
    "null); description, addresses and billingEmail cannot be null.",
    "Send the value with its documented type, or leave the parameter out.",
)

RULES = (
    UPDATE_PAYMENT_FIXED,
    UPDATE_PAYMENT_EMPTY,
    UPDATE_PAYMENT_FINALIZED,
    UPDATE_PAYMENT_METHOD_SET,
    UPDATE_PAYMENT_VALUE_TYPE,
    UPDATE_PAYMENT_UNCHANGED,
)


def check_update_payment(ck: Checker, body: dict[object, object], state: PaymentState | None) -> None:
    """The keys, the values' types and shared value checks, and with a snapshot whether the status allows them."""
    for key in FIXED_FIELDS:
        if key in body:
            ck.report(
                UPDATE_PAYMENT_FIXED,
                (key,),
                f"The '{key}' of a payment cannot be updated; it is fixed when the payment is created.",
                actual=describe(body[key]),
            )
    if not any(key in body for key in FIELDS if key != "testmode") and not any(key in body for key in FIXED_FIELDS):
        ck.report(UPDATE_PAYMENT_EMPTY, (), "The update changes nothing: it names no parameter to update.")
    typed_ok = _check_types(ck, body)
    if "description" in body and body["description"] is None:
        ck.report(
            UPDATE_PAYMENT_VALUE_TYPE,
            ("description",),
            "The 'description' field cannot be null; leave it out to keep the description.",
            actual="null",
        )
    check_description(ck, body.get("description"))
    for key in ("redirectUrl", "cancelUrl"):
        if key in typed_ok:
            check_url(ck, body[key], (key,), web_only=False)
    if "webhookUrl" in typed_ok:
        check_webhook(ck, body["webhookUrl"], ("webhookUrl",))
    _check_create_values(ck, body, typed_ok, state)
    check_metadata(ck, body.get("metadata"), ("metadata",))
    if state is not None:
        _check_state(ck, body, state)


def _check_create_values(
    ck: Checker, body: dict[object, object], typed_ok: set[str], state: PaymentState | None
) -> None:
    """The values create payment also takes, through create payment's own checks (one implementation)."""
    if "locale" in typed_ok:
        check_locale(ck, body["locale"])
    if "method" in typed_ok:
        check_method(ck, body["method"])
    if "restrictPaymentMethodsToCountry" in typed_ok:
        check_restrict_country(ck, body["restrictPaymentMethodsToCountry"])
    if "dueDate" in typed_ok and body["dueDate"] is not None:
        check_due_date(ck, body["dueDate"])
    sets = sets_method(body, state)
    if sets and state is not None:
        check_new_method(ck, body, state)
    method = payment_method(body, state)
    # The issuer and the addresses are held to the methods the payment offers after the update, read as create
    # payment reads its body's ``method``: the update's own when the payment takes it (a one-method array
    # such as ["ideal"] offers iDEAL alone, whose issuers have a shape), else the payment's.
    after: dict[object, object] = body if sets else {"method": method}
    issuer = body.get("issuer")
    if isinstance(issuer, str):
        check_issuer_shape(ck, issuer, requested(after), ("issuer",))
    check_parameter_methods(ck, body, method)
    methods, forced = address_methods(after)
    for key in ("billingAddress", "shippingAddress"):
        if key in typed_ok:
            check_payment_address(ck, body[key], key, methods, forced)
    if "billingEmail" in body:
        ck.report(
            BILLING_EMAIL,
            ("billingEmail",),
            "The 'billingEmail' field is deprecated; send the e-mail address as billingAddress.email.",
        )


def check_new_method(ck: Checker, body: dict[object, object], state: PaymentState) -> None:
    """The method the update sets, held to what create payment requires of it, with create payment's checks and
    codes: the currency (MP967), lines (MP950), a billing address and its fields (MP951, MP952), voucher
    categories (MP953), for an array one warning per unmet need (MP968), a manual capture (MP939, MP938),
    Billie's organizationName (MP411) and PayPal's region and lengths (MP412, MP413; for an array that offers
    PayPal, create payment's warnings MP409, MP410). Mollie refuses a switch
    to a method whose requirements the payment does not meet as it refuses such a payment at creation (the
    update reference documents ``method`` by create payment's). Billie's company details (MP969) are left out:
    the get-payment response does not return them.

    The update body carries none of these: they are the payment's, read from the snapshot, with the addresses
    the same update sends in their place. What the snapshot does not carry (``METHOD_CONTEXT``: no ``lines``
    key, no ``billingAddress`` key, no ``captureMode``) is not known, and is not said to be missing (the
    requirement checks take it as ``unknown``; PayPal's limits read only an address that is there). Without a
    snapshot nothing of the payment is known: the caller does not call this; nor when the payment cannot switch
    at all (it has a method, MP993, or is finalized, MP992): leaving ``method`` out is then the fix, whatever the
    method would need."""
    payment: dict[object, object] = {"method": body["method"]}
    payment.update(state.carried)
    for key in ("billingAddress", "shippingAddress"):
        if key in body:
            payment[key] = body[key]
    unknown = [key for key in METHOD_CONTEXT if key not in payment]
    if state.capture_mode is None:
        unknown.append("captureMode")
    else:
        payment["captureMode"] = state.capture_mode
    check_method_requirements(ck, payment, state.currency, frozenset(unknown))
    offered, forced = address_methods(payment)
    if state.capture_mode is not None:
        check_capture_method(ck, forced, state.capture_mode, None, fixed_at_creation=True)
    billing = payment.get("billingAddress")
    if forced == "billie" and "billingAddress" not in body and isinstance(billing, dict):
        check_billie_organization(ck, billing)
    # PayPal's limits on the payment's own addresses, as ``check_address`` holds the update's: errors when PayPal
    # is the one method, warnings when it is one of an array.
    if "paypal" in offered:
        for key in ("billingAddress", "shippingAddress"):
            address = payment.get(key)
            if key not in body and isinstance(address, dict):
                check_paypal_limits(ck, address, key, forced == "paypal")


def sets_method(body: dict[object, object], state: PaymentState | None) -> bool:
    """Whether this update sets the payment's method: it sends ``method`` and the payment takes one. Mollie
    refuses to set the method of a payment that already has one (MP993) or is finalized (MP992); the method
    then stays the payment's. Without a snapshot nothing says the payment refuses, so the update's is read."""
    if "method" not in body:
        return False
    return state is None or (state.method is None and state.status not in FINALIZED_STATUSES)


def payment_method(body: dict[object, object], state: PaymentState | None) -> str | None:
    """The one method the payment has after this update: the one the update sets (``None`` for an array: the
    customer chooses), else the payment's own, the snapshot's (``None`` without one). Never a method Mollie
    refuses to set: the issuer, the due date and the addresses are the payment's, judged by its real method."""
    if sets_method(body, state):
        return single_method(body)
    return state.method if state is not None else None


def _check_types(ck: Checker, body: dict[object, object]) -> set[str]:
    """Report each value of the wrong type; the keys whose values have the right one."""
    fine = set()
    for key, types in _TYPES.items():
        if key not in body:
            continue
        value = body[key]
        if isinstance(value, types) and not isinstance(value, bool):
            fine.add(key)
            continue
        allowed = " or ".join(_TYPE_NAMES[t] for t in types)
        ck.report(
            UPDATE_PAYMENT_VALUE_TYPE,
            (key,),
            f"The '{key}' field must be {allowed}, got {json_type(value)}.",
            actual=describe(value),
        )
    return fine


_TYPE_NAMES: Final[dict[type, str]] = {
    str: "a string",
    list: "an array",
    dict: "an object",
    type(None): "null",
}


def _check_state(ck: Checker, body: dict[object, object], state: PaymentState) -> None:
    unchanged = [key for key in UNTIL_FINALIZED if key in body and _unchanged(state, key, body[key])]
    if state.status in FINALIZED_STATUSES:
        for key in UNTIL_FINALIZED:
            # A null dueDate is no due date: read as absent, as its type check and create payment read it (the PHP
            # client v2 sends it in every ``Payment::update()``, of a paid payment too).
            if key in body and key not in unchanged and not (key == "dueDate" and body[key] is None):
                ck.report(
                    UPDATE_PAYMENT_FINALIZED,
                    (key,),
                    f"The {_SPOKEN.get(key, key)} cannot be updated when the payment is finalized "
                    f"(status '{state.status}').",
                    actual=state.status,
                )
    if "method" in body and state.method is not None and "method" not in unchanged:
        ck.report(
            UPDATE_PAYMENT_METHOD_SET,
            ("method",),
            f"The payment already has the method {state.method!r}; only a payment created without a method can "
            "have its method updated.",
            actual=state.method,
        )
    for key in unchanged:
        if key == "method" or state.status in FINALIZED_STATUSES:
            why = f"the payment is {state.status}" if state.status in FINALIZED_STATUSES else "it has a method"
            seen = (
                " Mollie refused an unchanged redirect URL of a paid payment in 2019."
                if key == "redirectUrl"
                else " Whether Mollie takes it unchanged is not on record."
            )
            ck.report(
                UPDATE_PAYMENT_UNCHANGED,
                (key,),
                f"The {_SPOKEN.get(key, key)} is the payment's own, sent again; changing it is refused now that "
                f"{why}. Leave it out.{seen}",
                actual=describe(body[key]),
            )


def _unchanged(state: PaymentState, key: str, value: object) -> bool:
    """Whether ``value`` is what the snapshot says ``key`` already is. A URL the snapshot does not carry is the
    payment's none (Mollie leaves an unset URL out of the payment), so ``null`` is unchanged there; a URL
    string must equal the snapshot's own."""
    if key == "method":
        return state.method is not None and value == state.method
    if key in ("redirectUrl", "cancelUrl"):
        return value == state.urls.get(key)
    return False


#: How Mollie's message names a field ("The redirect URL cannot be updated ...").
_SPOKEN: Final = {"redirectUrl": "redirect URL", "cancelUrl": "cancel URL", "dueDate": "due date"}
