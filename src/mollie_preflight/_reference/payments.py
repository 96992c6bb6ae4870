"""Enumerations and lists of the Payments API's create-payment request, as Mollie's reference gives them.

Source: the create-payment reference (https://docs.mollie.com/reference/create-payment), whose OpenAPI
definition Mollie also ships in its generated SDKs, and the changelog entries named beside each list.
"""

from __future__ import annotations

from typing import Final

#: ``method``: 34 values in the reference, plus billink
#: (https://docs.mollie.com/changelog/add-billink-as-a-supported-payment-method).
METHODS: Final = (
    "alma", "applepay", "bacs", "bancomatpay", "bancontact", "banktransfer", "belfius", "billie", "billink",
    "bizum", "blik", "creditcard", "directdebit", "eps", "giftcard", "ideal", "in3", "kbc", "klarna", "mbway",
    "mobilepay", "multibanco", "mybank", "paybybank", "paypal", "paysafecard", "pointofsale", "przelewy24",
    "riverty", "satispay", "swish", "trustly", "twint", "vipps", "voucher",
)  # fmt: skip
#: Method ids that appear only in responses: what to send instead, or why none can be sent.
RETIRED_METHODS: Final = {
    "klarnapaylater": "use klarna",
    "klarnapaynow": "use klarna",
    "klarnasliceit": "use klarna",
    "giropay": "giropay was retired",
    "sofort": "Sofort was retired",
    "payconiq": "Payconiq was retired",
    "bitcoin": "Bitcoin was retired",
    "inghomepay": "ING Home'Pay was retired",
    "podiumcadeaukaart": "use giftcard",
    "googlepay": "Google Pay is paid through creditcard with a googlePayPaymentToken",
}
#: ``locale``: the reference's 26 values plus en_BE and en_NL of the newer SDK models.
LOCALES: Final = (
    "ca_ES", "cs_CZ", "da_DK", "de_AT", "de_CH", "de_DE", "de_LU", "en_BE", "en_GB", "en_NL", "en_US", "es_ES",
    "fi_FI", "fr_BE", "fr_FR", "fr_LU", "hu_HU", "is_IS", "it_IT", "lt_LT", "lv_LV", "nb_NO", "nl_BE", "nl_NL",
    "pl_PL", "pt_PT", "sk_SK", "sv_SE",
)  # fmt: skip
CAPTURE_MODES: Final = ("automatic", "manual")
SEQUENCE_TYPES: Final = ("oneoff", "first", "recurring")
#: Methods that can be captured manually (https://docs.mollie.com/docs/place-a-hold-for-a-payment).
MANUAL_CAPTURE_METHODS: Final = frozenset({"creditcard", "klarna", "billie", "riverty", "vipps", "mobilepay"})
#: Methods that are captured manually only.
MANUAL_ONLY_METHODS: Final = frozenset({"riverty"})
#: Every body parameter of create payment.
KEYS: Final = frozenset(
    {
        "description", "amount", "redirectUrl", "cancelUrl", "webhookUrl", "lines", "billingAddress",
        "shippingAddress", "locale", "method", "issuer", "restrictPaymentMethodsToCountry", "metadata",
        "captureMode", "captureDelay", "applicationFee", "routing", "sequenceType", "mandateId", "customerId",
        "profileId", "dueDate", "storeCredentials", "testmode", "applePayPaymentToken", "company", "cardToken",
        "googlePayPaymentToken", "voucherNumber", "voucherPin", "consumerDateOfBirth", "extraMerchantData",
        "sessionId", "digitalGoods", "customerReference", "terminalId",
        # SEPA Direct Debit one-off payments: no longer on today's method-specific parameters page, but
        # documented by Mollie for them (https://github.com/mollie/api-documentation, create-payment.rst) and
        # still sent by the SDKs (Viincenttt/MollieApi's SepaDirectDebitRequest). With unknown keys refused
        # (MP718), taking them is the side that never blocks a payment Mollie may accept.
        "consumerName", "consumerAccount",
    }
)  # fmt: skip
#: Response fields of the payment (read-only in the reference's schema).
READ_ONLY_KEYS: Final = frozenset(
    {
        "_links", "amountCaptured", "amountChargedBack", "amountRefunded", "amountRemaining", "authorizedAt",
        "canceledAt", "captureBefore", "countryCode", "createdAt", "details", "expiredAt", "expiresAt", "failedAt",
        "id", "isCancelable", "mode", "orderId", "paidAt", "resource", "settlementId", "status", "statusReason",
        "subscriptionId",
    }
)  # fmt: skip
#: Orders API body keys with no Payments API counterpart of the same name: key → what to do instead
#: (https://docs.mollie.com/docs/migrating-from-orders-to-payments).
ORDERS_ONLY_KEYS: Final = {
    "orderNumber": "put the order number in 'description'",
    "payment": "send the payment object's parameters at the top level",
    "shopperCountryMustMatchBillingCountry": "use restrictPaymentMethodsToCountry for a similar effect",
}
#: The ``ORDERS_ONLY_KEYS`` Mollie was seen refusing on create payment as a non-existent parameter (MP718): the
#: Orders API's payment object, refused as "payment.issuer" (https://github.com/mollie/mollie-odoo/issues/97).
#: The others have no live answer yet and stay the MP930 warning.
REFUSED_ORDERS_ONLY_KEYS: Final = frozenset({"payment"})
#: Deprecated create-payment parameters: key → what to send instead
#: (https://docs.mollie.com/reference/extra-payment-parameters).
DEPRECATED_KEYS: Final = {"billingEmail": "send the e-mail address as billingAddress.email"}
