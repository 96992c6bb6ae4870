"""The method-specific parameters of a create-payment body: wallet and card tokens, bank transfer's due
date, and what gift cards, Billie, in3, Klarna, PayPal, paysafecard and point of sale read. The issuer's
shape per method (MP525) is the create-order check of ``payment.issuer``, one implementation.

Mollie takes them at the top level of the body; without ``method`` they wait for the customer's choice, so
only a single other ``method`` makes one pointless (a warning: Mollie's page does not say it refuses them).
"""

from __future__ import annotations

import datetime
import json
from typing import Final

from ..._findings import Path, Severity
from .. import citations as cite
from ..checker import Checker
from ..common.dates import check_date_of_birth, parse_date
from ..family import BodyFamily
from ..orders.payment_object import check_id_prefix, check_issuer_shape, issuer_problem
from ..rule import Evidence, Rule
from ..values import describe, json_type
from .methods import requested
from .params import single_method

WALLET_TOKEN = Rule(
    "MP959",
    "wallet-token",
    Severity.ERROR,
    (cite.CREATE_PAYMENT.at("applePayPaymentToken"), cite.APPLE_PAY_DIRECT),
    Evidence.DOCUMENTED,
    "applePayPaymentToken or googlePayPaymentToken is not a string holding the wallet's JSON token",
    "Both tokens are passed as the string of JSON the wallet returned, not as an object (the usual mistake "
    "is sending the parsed token).",
    "json.dumps the token object and send the string.",
)
CARD_TOKEN_SEQUENCE = Rule(
    "MP960",
    "card-token-sequence",
    Severity.ERROR,
    (cite.CREATE_PAYMENT.at("cardToken"),),
    Evidence.DOCUMENTED,
    "cardToken is sent with sequenceType recurring",
    "A Mollie Components card token charges a card the customer just entered: Mollie's reference allows it "
    "for sequenceType oneoff and first only; a recurring payment charges a mandate instead.",
    "Leave cardToken out of recurring payments (send customerId and mandateId).",
)
STORE_CREDENTIALS = Rule(
    "MP961",
    "store-credentials",
    Severity.ERROR,
    (cite.CREATE_PAYMENT.at("storeCredentials"),),
    Evidence.DOCUMENTED,
    "storeCredentials is not a boolean, or is true without customerId, cardToken and method creditcard",
    "Storing a card for the customer's next checkout needs the customer, the card's token and the card "
    "method: Mollie's reference names all three.",
    'Send customerId, cardToken and "method": "creditcard" with it, or leave storeCredentials out.',
)
DUE_DATE = Rule(
    "MP962",
    "due-date",
    Severity.ERROR,
    (cite.EXTRA_PAYMENT_PARAMETERS.at("Bank transfer"), cite.CREATE_PAYMENT.at("dueDate")),
    Evidence.DOCUMENTED,
    "dueDate is not from tomorrow to 100 days after tomorrow",
    "A bank transfer's due date is when the payment expires if the money has not arrived: Mollie accepts "
    "tomorrow up to 100 days after tomorrow (a non-business day moves to the next business day).",
    "Pick a date from tomorrow to 100 days after it, or leave dueDate out for Mollie's default.",
)
METHOD_PARAMETER = Rule(
    "MP963",
    "method-parameter",
    Severity.ERROR,
    (cite.EXTRA_PAYMENT_PARAMETERS, cite.CREATE_PAYMENT.at("issuer")),
    Evidence.DOCUMENTED,
    "a method-specific parameter does not have its documented type (voucherNumber, voucherPin, sessionId, "
    "customerReference and issuer strings, digitalGoods a boolean, company and extraMerchantData objects)",
    "Mollie's method-specific parameters are typed: gift card numbers and pins, PayPal's session id and "
    "paysafecard's reference are strings, company holds strings for Billie, extraMerchantData is Klarna's object.",
    "Send the value with the type the reference gives it, or leave the parameter out.",
)
METHOD_PARAMETER_MISMATCH = Rule(
    "MP964",
    "method-parameter-mismatch",
    Severity.WARNING,
    (cite.EXTRA_PAYMENT_PARAMETERS,),
    Evidence.DOCUMENTED,
    "a method-specific parameter is sent with a single method it does not belong to",
    "Method-specific parameters are used when the customer pays with their method; with 'method' naming "
    "another one, the parameter is never used (the tell-tale of a field sent to the wrong method).",
    "Leave the parameter out, or set method to the method it belongs to (or leave method out).",
)

RULES = (WALLET_TOKEN, CARD_TOKEN_SEQUENCE, STORE_CREDENTIALS, DUE_DATE, METHOD_PARAMETER, METHOD_PARAMETER_MISMATCH)

#: Each method-specific parameter and the methods that use it (Google Pay is paid through creditcard).
PARAMETER_METHODS: Final = {
    "applePayPaymentToken": frozenset({"applepay"}),
    "googlePayPaymentToken": frozenset({"creditcard"}),
    "cardToken": frozenset({"creditcard"}),
    "voucherNumber": frozenset({"giftcard"}),
    "voucherPin": frozenset({"giftcard"}),
    "dueDate": frozenset({"banktransfer"}),
    "company": frozenset({"billie"}),
    "consumerDateOfBirth": frozenset({"in3"}),
    "extraMerchantData": frozenset({"klarna"}),
    "sessionId": frozenset({"paypal"}),
    "digitalGoods": frozenset({"paypal"}),
    "customerReference": frozenset({"paysafecard"}),
    "terminalId": frozenset({"pointofsale"}),
    "issuer": frozenset({"ideal", "kbc", "giftcard", "voucher"}),
}
_STRINGS: Final = ("voucherNumber", "voucherPin", "sessionId", "customerReference", "issuer")
_COMPANY_FIELDS: Final = ("registrationNumber", "vatNumber", "entityType")
_MAX_DUE_DAYS: Final = 100
#: Keys this family reads; a body with none of them has nothing here to report.
_KEYS: Final = frozenset({*PARAMETER_METHODS, "storeCredentials"})


def check_extras(ck: Checker, payload: dict[object, object]) -> None:
    for key in ("applePayPaymentToken", "googlePayPaymentToken"):
        if payload.get(key) is not None:
            _check_wallet_token(ck, payload[key], key)
    card = payload.get("cardToken")
    if card is not None:
        check_id_prefix(ck, card, ("cardToken",), "tkn_")
        if payload.get("sequenceType") == "recurring":
            ck.report(
                CARD_TOKEN_SEQUENCE,
                ("cardToken",),
                "A cardToken is for oneoff and first payments; a recurring payment charges the customer's mandate.",
            )
    _check_store_credentials(ck, payload)
    if payload.get("dueDate") is not None:
        check_due_date(ck, payload["dueDate"])
    _check_types(ck, payload)
    issuer = payload.get("issuer")
    if isinstance(issuer, str):
        check_issuer_shape(ck, issuer, requested(payload), ("issuer",))
    check_id_prefix(ck, payload.get("terminalId"), ("terminalId",), "term_")
    check_date_of_birth(ck, payload.get("consumerDateOfBirth"))
    check_parameter_methods(ck, payload, single_method(payload))


def check_parameter_methods(ck: Checker, payload: dict[object, object], method: str | None) -> None:
    """MP964: each method-specific parameter of ``payload`` belongs to ``method``, the one method of the payment
    (``None``: not known, nothing to say); create payment, and update payment with the payment's method."""
    if method is None:
        return
    for key, methods in PARAMETER_METHODS.items():
        if method not in methods and payload.get(key) is not None:
            ck.report(
                METHOD_PARAMETER_MISMATCH,
                (key,),
                f"The '{key}' field is used by {', '.join(sorted(methods))} only; with method {method} it is "
                "never used.",
                actual=method,
            )


def _check_wallet_token(ck: Checker, value: object, key: str) -> None:
    if not isinstance(value, str):
        ck.report(
            WALLET_TOKEN,
            (key,),
            f"The '{key}' must be a string holding the wallet's JSON token, got {json_type(value)}; "
            "json.dumps the token.",
            actual=describe(value),
        )
    elif not _holds_json_object(value):
        ck.report(
            WALLET_TOKEN,
            (key,),
            f"The '{key}' is not the wallet's token: the string does not hold a JSON object.",
            actual=describe(value),
        )


def _holds_json_object(text: str) -> bool:
    """Whether ``text`` is a JSON object (the tokens' shape); deep nesting counts as "no", never as a crash."""
    try:
        return isinstance(json.loads(text), dict)
    except (ValueError, RecursionError):
        return False


def _check_store_credentials(ck: Checker, payload: dict[object, object]) -> None:
    store = payload.get("storeCredentials")
    if store is None or store is False:
        return
    if store is not True:
        ck.report(
            STORE_CREDENTIALS,
            ("storeCredentials",),
            f"The 'storeCredentials' field must be true or false, got {json_type(store)}.",
            actual=describe(store),
        )
        return
    missing = [key for key in ("customerId", "cardToken") if payload.get(key) is None]
    if payload.get("method") != "creditcard":
        missing.append('"method": "creditcard"')
    if missing:
        ck.report(
            STORE_CREDENTIALS,
            ("storeCredentials",),
            f"Storing the card's credentials needs {', '.join(missing)}.",
        )


def check_due_date(ck: Checker, value: object) -> None:
    """MP604, MP962: a bank transfer's ``dueDate`` is a date from tomorrow to 100 days after it; create and
    update payment."""
    date = parse_date(ck, value, ("dueDate",))
    if date is None:
        return
    tomorrow = ck.today + datetime.timedelta(days=1)
    latest = tomorrow + datetime.timedelta(days=_MAX_DUE_DAYS)
    if not tomorrow <= date <= latest:
        ck.report(
            DUE_DATE,
            ("dueDate",),
            f"The dueDate must be from {tomorrow.isoformat()} to {latest.isoformat()}, got {date.isoformat()}.",
            expected=(latest if date > latest else tomorrow).isoformat(),
            actual=date.isoformat(),
        )


def _check_types(ck: Checker, payload: dict[object, object]) -> None:
    for key in _STRINGS:
        value = payload.get(key)
        if value is not None and not isinstance(value, str):
            _wrong_type(ck, (key,), value, "a string")
    goods = payload.get("digitalGoods")
    if goods is not None and type(goods) is not bool:
        _wrong_type(ck, ("digitalGoods",), goods, "true or false")
    extra = payload.get("extraMerchantData")
    if extra is not None and not isinstance(extra, dict):
        _wrong_type(ck, ("extraMerchantData",), extra, "a JSON object (Klarna's attachment body, not its JSON text)")
    company = payload.get("company")
    if company is None:
        return
    if not isinstance(company, dict):
        _wrong_type(ck, ("company",), company, "an object of registrationNumber, vatNumber and entityType")
        return
    for field in _COMPANY_FIELDS:
        value = company.get(field)
        if value is not None and not isinstance(value, str):
            _wrong_type(ck, ("company", field), value, "a string")


def _wrong_type(ck: Checker, path: Path, value: object, wanted: str) -> None:
    where = ".".join(str(p) for p in path)
    ck.report(
        METHOD_PARAMETER,
        path,
        f"The '{where}' field must be {wanted}, got {json_type(value)}.",
        actual=describe(value),
    )


def _issuer_allowed_for(method: str | None) -> bool:
    """Whether a body asking for ``method`` (``None``: no single method) may carry an ``issuer``."""
    return method is None or method in PARAMETER_METHODS["issuer"]


def clean_extras(payload: dict[object, object], ck: Checker) -> bool:
    """``check_extras`` would report nothing: true only when no method-specific parameter is sent but an
    issuer string for a method that reads one (the rest take the walk). Reads the body's few keys rather
    than look up each parameter, and most bodies have none of them, which one set test settles: this runs
    on every clean body."""
    if _KEYS.isdisjoint(payload):
        return True
    for key in payload:
        if key not in _KEYS:
            continue
        value = payload[key]
        if value is None:
            continue
        if (
            key == "issuer"
            and type(value) is str
            and _issuer_allowed_for(single_method(payload))
            and issuer_problem(value, requested(payload)) is None
        ):
            continue
        return False
    return True


#: This family's part of a create-payment body (composed in ``create_payment``).
CREATE_PAYMENT: Final[BodyFamily] = BodyFamily("payment_extras", check_extras, clean_extras)
