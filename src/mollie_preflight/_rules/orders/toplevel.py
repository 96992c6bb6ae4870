"""The other top-level create-order parameters.

Also the keys that are not parameters at all: Mollie ignores them (or refuses them: its documentation does
not say which), so they are reported as warnings, with a suggestion when a key is a near miss of a real one
(``redirectURL``, ``webhookurl``).
"""

from __future__ import annotations

from ..._findings import Severity
from ..._reference.orders import LOCALES, MISPLACED_TOP_LEVEL_KEYS, TOP_LEVEL_KEYS
from .. import citations as cite
from ..checker import Checker
from ..common.address import check_address, clean_address
from ..common.metadata import check_metadata, clean_metadata
from ..common.methods import forced_method, requested_methods
from ..common.urls import check_url, check_webhook, clean_url, clean_webhook
from ..family import BodyFamily
from ..rule import Evidence, Fixability, Rule
from ..values import closest, describe, json_type
from .payment_object import check_id_prefix, clean_id_prefix

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

REDIRECT_URL_REQUIRED = Rule(
    "MP601",
    "redirect-url-required",
    Severity.ERROR,
    (cite.GET_ORDER, cite.APPLE_PAY_DIRECT, cite.CREATE_ORDER.at("redirectUrl")),
    Evidence.DOCUMENTED,
    "redirectUrl is missing and the payment is not recurring",
    "Mollie sends the customer back to redirectUrl after the checkout; only recurring orders have no checkout.",
    "Send redirectUrl, or payment.sequenceType recurring for a charge without a customer present.",
)
BILLING_ADDRESS_REQUIRED = Rule(
    "MP602",
    "billing-address-required",
    Severity.ERROR,
    (
        cite.PAYPAL_EXPRESS,
        cite.CREATE_ORDER.at("billingAddress"),
        cite.live("https://github.com/mollie/WooCommerce/issues/479"),
        cite.live("https://github.com/mollie/WooCommerce/issues/629"),
    ),
    Evidence.LIVE,
    "billingAddress is missing and the method is not paypal",
    "Orders need the billing address, except in the PayPal Express Checkout flow where PayPal provides it.",
    "Send billingAddress (or method paypal for PayPal Express Checkout).",
    "The following fields of the billingAddress are missing: streetAndNumber, postalCode, city, country",
)
LOCALE = Rule(
    "MP603",
    "locale",
    Severity.ERROR,
    (
        cite.COMMON_DATA_TYPES.at("Locale"),
        cite.CREATE_ORDER.at("locale"),
        cite.live("https://github.com/mollie/OpenCart/issues/156"),
        cite.live("https://github.com/zwaldeck/mollie/issues/57"),
        cite.live("https://github.com/mollie/magento2/pull/170"),
        cite.live("https://github.com/mollie/Magento/pull/125"),
    ),
    Evidence.LIVE,
    "locale is not one of Mollie's 22 locales",
    "The docs allow any xx_XX locale, but the live API refuses values outside its list ('The locale is "
    "invalid'), as it did for en_GB before 2022.",
    "Use one of Mollie's locales, for example nl_NL, en_US, de_DE; map others to the nearest one.",
    "The locale is invalid",
    fixability=Fixability.SAFE,
)
BOOLEAN_FIELD = Rule(
    "MP608",
    "boolean-field",
    Severity.ERROR,
    (cite.COMMON_DATA_TYPES.at("Boolean"), cite.CREATE_ORDER.at("testmode"), cite.AUTHENTICATION),
    Evidence.DOCUMENTED,
    "testmode or shopperCountryMustMatchBillingCountry is not a JSON boolean",
    'Boolean parameters take true or false; strings such as "true" are for query strings only.',
    "Send true or false without quotes.",
    fixability=Fixability.SAFE,
)
UNKNOWN_FIELD = Rule(
    "MP609",
    "unknown-field",
    Severity.WARNING,
    (cite.MIGRATE_TO_ORDERS, cite.CREATE_ORDER.at("Body parameters"), cite.HANDLING_ERRORS),
    Evidence.INFERRED,
    "a key is not a parameter of the endpoint (create order, update order, shipment, ...)",
    "Unknown keys are ignored at best (whether Mollie refuses them is open); a misspelled parameter "
    "(redirectURL) silently does nothing, and amounts cannot be changed through endpoints that do not take them.",
    "Remove the key or correct its spelling; move payment-specific keys into payment.",
)
NON_EXISTENT_PARAMETER = Rule(
    "MP718",
    "non-existent-parameter",
    Severity.ERROR,
    (
        cite.CREATE_ORDER.at("Body parameters"),
        cite.UPDATE_ORDER,
        cite.HANDLING_ERRORS,
        cite.CREATE_PAYMENT.at("Body parameters"),
        cite.live("https://github.com/zwaldeck/mollie/issues/55"),
        cite.live("https://github.com/mollie/mollie-api-php/issues/541"),
        cite.live("https://github.com/mollie/mollie-api-node/issues/212"),
        cite.live("https://github.com/mollie/mollie-api-node/issues/168"),
        cite.live("https://github.com/Viincenttt/MollieApi/issues/123"),
        cite.live("https://github.com/mollie/mollie-odoo/issues/97"),
        cite.CANCEL_ORDER_LINES,
        cite.live("https://github.com/mollie/WooCommerce/issues/366"),
    ),
    Evidence.LIVE,
    "a key is not a parameter of create order, update order, cancel order lines or create payment",
    "Mollie refuses a body parameter it does not know with 'Non-existent body parameter', naming the first "
    "value under it (metaData sent for metadata was refused as metaData.basketId); a misspelled parameter is "
    "not ignored, nor is the Orders API's payment object sent to create payment (refused as payment.issuer). "
    "Seen live on create order, update order, cancel order lines (a refund reason sent as description, 2020: "
    "'Non-existing body parameter \"description\" for the API call.') and create payment; the other endpoints "
    "keep the unknown-field warning (MP609) until a live answer shows theirs.",
    "Remove the key or correct its spelling; move payment-specific keys into payment.",
    'Non-existent body parameter "metaData.basketId" for this API call.',
)

RULES = (REDIRECT_URL_REQUIRED, BILLING_ADDRESS_REQUIRED, LOCALE, BOOLEAN_FIELD, UNKNOWN_FIELD, NON_EXISTENT_PARAMETER)

_LOCALE_BY_FOLDED: Final = {locale.lower().replace("_", ""): locale for locale in LOCALES}
_LOCALE_BY_LANGUAGE: Final = {locale[:2]: locale for locale in reversed(LOCALES)}
_KEYS_BY_FOLDED: Final = {key.lower(): key for key in TOP_LEVEL_KEYS}


def check_top_level(ck: Checker, payload: dict[object, object]) -> None:
    _check_unknown_keys(ck, payload)
    _check_locale(ck, payload.get("locale"))
    methods = requested_methods(payload)
    forced = forced_method(payload)
    billing = payload.get("billingAddress")
    if billing is None:
        if forced != "paypal" or isinstance(payload.get("method"), (list, tuple)):
            ck.report(
                BILLING_ADDRESS_REQUIRED,
                ("billingAddress",),
                "The billingAddress is required unless the method is paypal (PayPal Express Checkout).",
            )
    else:
        check_address(ck, billing, "billingAddress", methods, forced)
    if payload.get("shippingAddress") is not None:
        check_address(ck, payload["shippingAddress"], "shippingAddress", methods, forced)
    _check_urls(ck, payload)
    for key in ("testmode", "shopperCountryMustMatchBillingCountry"):
        value = payload.get(key)
        if value is not None and not isinstance(value, bool):
            meant = (
                value.strip().lower() if isinstance(value, str) and value.strip().lower() in ("true", "false") else None
            )
            ck.report(
                BOOLEAN_FIELD,
                (key,),
                f"The '{key}' field must be true or false, got {json_type(value)}.",
                expected=meant,
                actual=describe(value),
            )
    check_id_prefix(ck, payload.get("profileId"), ("profileId",), "pfl_")
    check_metadata(ck, payload.get("metadata"), ("metadata",))


def _check_urls(ck: Checker, payload: dict[object, object]) -> None:
    payment = payload.get("payment")
    recurring = isinstance(payment, dict) and payment.get("sequenceType") == "recurring"
    if payload.get("redirectUrl") is None:
        if not recurring:
            ck.report(
                REDIRECT_URL_REQUIRED,
                ("redirectUrl",),
                "The 'redirectUrl' field is required unless the payment is recurring.",
            )
    else:
        check_url(ck, payload["redirectUrl"], ("redirectUrl",), web_only=False)
    check_url(ck, payload.get("cancelUrl"), ("cancelUrl",), web_only=False, empty_ok=True)
    if payload.get("webhookUrl") is not None:
        check_webhook(ck, payload["webhookUrl"], ("webhookUrl",))


def _check_locale(ck: Checker, value: object) -> None:
    if value is None or (isinstance(value, str) and value in LOCALES):
        return
    meant = guess = None
    if isinstance(value, str) and len(value) <= 16:
        folded = value.strip().lower().replace("-", "").replace("_", "")
        meant = _LOCALE_BY_FOLDED.get(folded) or _LOCALE_BY_FOLDED.get(folded[2:] + folded[:2])
        if meant is None and len(folded) == 2:
            guess = _LOCALE_BY_LANGUAGE.get(folded)  # a language alone has several locales: a hint, not a value
    hint = f"; did you mean {meant or guess}?" if meant or guess else f"; use one of {', '.join(LOCALES)}."
    ck.report(
        LOCALE, ("locale",), f"The locale is invalid: {describe(value)!r}{hint}", expected=meant, actual=describe(value)
    )


def _check_unknown_keys(ck: Checker, payload: dict[object, object]) -> None:
    if TOP_LEVEL_KEYS.issuperset(payload):
        return
    for key in payload:
        if isinstance(key, str) and key in TOP_LEVEL_KEYS:
            continue
        if isinstance(key, str) and key in MISPLACED_TOP_LEVEL_KEYS:
            why = f"'{key}': {MISPLACED_TOP_LEVEL_KEYS[key]}"
            meant = None
        else:
            meant = _near_miss(key)
            why = f"did you mean {meant}?" if meant else ""
        report_non_existent(ck, key, payload[key], why, meant)


def report_non_existent(ck: Checker, key: object, value: object, why: str, meant: str | None = None) -> None:
    """MP718 at the field Mollie names, with its text; ``why`` (the library's reason or near miss) follows it."""
    path = non_existent_path(key, value)
    shown = ".".join(path)
    ck.report(
        NON_EXISTENT_PARAMETER,
        path,
        f'Non-existent body parameter "{shown}" for this API call.' + (f" ({why})" if why else ""),
        expected=".".join((meant, *path[1:])) if meant else None,
        actual=describe(key),
    )


#: How deep the path of an unknown object parameter is followed (Mollie names its first value).
_MAX_DEPTH: Final = 8


def non_existent_path(key: object, value: object) -> tuple[str, ...]:
    """The field Mollie names for an unknown parameter: the key, followed down an object's first keys to its
    first value (``metaData: {basketId: …}`` is ``metaData.basketId``,
    https://github.com/zwaldeck/mollie/issues/55)."""
    path = [key if isinstance(key, str) else describe(key)]
    while isinstance(value, dict) and value and len(path) < _MAX_DEPTH:
        first = next(iter(value))
        path.append(first if isinstance(first, str) else describe(first))
        value = value[first]
    return tuple(path)


def _near_miss(key: object) -> str | None:
    if not isinstance(key, str) or len(key) > 64:
        return None
    exact = _KEYS_BY_FOLDED.get(key.lower().replace("_", "").replace("-", ""))
    if exact:
        return exact
    return closest(key, sorted(TOP_LEVEL_KEYS))


# --- clean: "nothing to report here", for the composed fast path; ``check_top_level`` never calls it ---

_LOCALE_SET: Final = frozenset(LOCALES)


def clean_top_level(payload: dict[object, object], ck: Checker) -> bool:
    """``check_top_level`` would report nothing: known keys, a locale of Mollie's, clean addresses (each
    answered by the address family), web URLs, JSON booleans, a ``pfl_`` profile id, small metadata.

    A body without ``billingAddress`` or ``redirectUrl``, or with a custom-scheme URL, takes the full walk.
    """
    if not TOP_LEVEL_KEYS.issuperset(payload):
        return False
    locale = payload.get("locale")
    if locale is not None and (type(locale) is not str or locale not in _LOCALE_SET):
        return False
    method, shipping = payload.get("method"), payload.get("shippingAddress")
    if not clean_address(payload.get("billingAddress"), method):
        return False
    if shipping is not None and not clean_address(shipping, method):
        return False
    redirect, cancel, webhook = payload.get("redirectUrl"), payload.get("cancelUrl"), payload.get("webhookUrl")
    if type(redirect) is not str or not clean_url(redirect):
        return False
    if cancel is not None and (type(cancel) is not str or not clean_url(cancel)):
        return False
    if webhook is not None and (type(webhook) is not str or not clean_webhook(webhook)):
        return False
    testmode, must_match = payload.get("testmode"), payload.get("shopperCountryMustMatchBillingCountry")
    if (testmode is not None and type(testmode) is not bool) or (
        must_match is not None and type(must_match) is not bool
    ):
        return False
    return clean_id_prefix(payload.get("profileId"), "pfl_") and clean_metadata(payload.get("metadata"))


#: This family's part of a create-order body (composed in ``create_order``).
CREATE_ORDER: Final[BodyFamily] = BodyFamily("toplevel", check_top_level, clean_top_level)
