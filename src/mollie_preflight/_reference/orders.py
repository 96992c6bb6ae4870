"""Enumerations and lists of the Orders API, as Mollie's documentation gave them up to 2024-03-04.

Source: the ``mollie/api-documentation`` repository at 55628855 (``orders-api/create-order.rst``,
``overview/common-data-types.rst``, ``payments-api/create-payment.rst``, ``payments/recurring.rst``),
as the create-order reference (https://docs.mollie.com/reference/create-order) documented them.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final


AS_OF: Final = "2024-03-04"

#: The locales the live API accepts (en_GB since 2022-03-07).
LOCALES: Final = (
    "en_US", "en_GB", "nl_NL", "nl_BE", "fr_FR", "fr_BE", "de_DE", "de_AT", "de_CH", "es_ES", "ca_ES",
    "pt_PT", "it_IT", "nb_NO", "sv_SE", "fi_FI", "da_DK", "is_IS", "hu_HU", "pl_PL", "lv_LV", "lt_LT",
)  # fmt: skip

#: Create-order's ``method`` values.
METHODS: Final = (
    "applepay", "bancontact", "banktransfer", "belfius", "billie", "creditcard", "directdebit", "eps",
    "giftcard", "giropay", "ideal", "in3", "kbc", "klarna", "klarnapaylater", "klarnapaynow", "klarnasliceit",
    "mybank", "paypal", "paysafecard", "przelewy24", "sofort", "voucher",
)  # fmt: skip
#: Added to the docs on 2024-01-30 and reverted the next day: not accepted.
REVERTED_METHODS: Final = frozenset({"blik", "twint"})
KLARNA_METHODS: Final = frozenset({"klarna", "klarnapaylater", "klarnapaynow", "klarnasliceit"})
#: Methods whose 28-day expiry limit is documented.
KLARNA_EXPIRY_METHODS: Final = frozenset({"klarnapaylater", "klarnapaynow", "klarnasliceit"})
#: Klarna's currencies (Mollie's "Klarna" column of the currency table, plus EUR).
KLARNA_CURRENCIES: Final = frozenset({"EUR", "DKK", "NOK", "SEK"})
#: The orders-only methods not listed for any non-EUR currency: EUR only (inferred).
EUR_ONLY_METHODS: Final = frozenset({"in3", "voucher", "billie"})
#: Methods that can start a recurring sequence.
FIRST_METHODS: Final = frozenset(
    {"applepay", "bancontact", "belfius", "creditcard", "eps", "giropay", "ideal", "kbc", "mybank", "paypal", "sofort"}
)

#: Countries without a postal code system, where ``postalCode`` may be left out.
NO_POSTAL_CODE: Final = frozenset(
    (
        "AE AN AO AW BF BI BJ BO BS BV BW BZ CD CF CG CI CK CM DJ DM ER FJ GA GD GH GM GN GQ GY HK JM KE KI KM "
        "KN KP LC ML MO MR MS MU MW NA NR NU PA QA RW SB SC SL SO SR ST SY TF TK TL TO TT TV UG VU YE ZM ZW"
    ).split()
)
#: PayPal needs ``region`` for shipping addresses in these countries.
PAYPAL_REGION_COUNTRIES: Final = frozenset("AR BR CA CN ID IN JP MX TH US".split())

#: Documented keys of the ``payment`` object.
PAYMENT_KEYS: Final = frozenset(
    {
        "applePayPaymentToken", "cardToken", "consumerAccount", "customerId", "customerReference",
        "extraMerchantData", "issuer", "mandateId", "sequenceType", "voucherNumber", "voucherPin", "webhookUrl",
        "company", "applicationFee",
    }
)  # fmt: skip
#: Keys that once existed or are often sent by mistake, with what to do instead.
REMOVED_PAYMENT_KEYS: Final = {
    "dueDate": "was removed from orders in January 2019; use the order's expiresAt",
    "description": "does not exist for orders; Mollie builds the payment description from the order number",
}
COMPANY_KEYS: Final = frozenset({"registrationNumber", "vatNumber", "entityType"})
SEQUENCE_TYPES: Final = ("oneoff", "first", "recurring")
#: Billie's company entity types.
ENTITY_TYPES: Final = (
    "limited-company", "public-limited-company", "entrepreneurial-company", "limited-partnership-limited-company",
    "limited-partnership", "general-partnership", "registered-sole-trader", "sole-trader", "civil-law-partnership",
    "public-institution",
)  # fmt: skip
#: Gift card issuers.
GIFTCARD_ISSUERS: Final = frozenset(
    (
        "beautycadeaukaart bloemencadeaukaart bloemplantgiftcard boekenbon dagiftcard decadeaukaart "
        "delokalecadeaukaart dinercadeau doenkadotickets fashioncheque festivalcadeau good4fun horseandgifts "
        "huistuincadeaukaart jewelcard kluscadeau kunstencultuurcadeaukaart nationalebioscoopbon "
        "nationaleentertainmentcard nationalegolfbon ohmygood podiumcadeaukaart reiscadeau restaurantcadeau "
        "shoesandsneakerscadeau sodexosportculturepass sportenfitcadeau sustainablefashion travelcheq vvvgiftcard "
        "vvvdinercheque vvvlekkerweg webshopgiftcard wijncadeaukaart yourgift"
    ).split()
)
KBC_ISSUERS: Final = frozenset({"kbc", "cbc"})

#: Every top-level create-order parameter.
TOP_LEVEL_KEYS: Final = frozenset(
    {
        "amount", "orderNumber", "lines", "billingAddress", "shippingAddress", "consumerDateOfBirth",
        "redirectUrl", "cancelUrl", "webhookUrl", "locale", "method", "payment", "metadata", "expiresAt",
        "shopperCountryMustMatchBillingCountry", "profileId", "testmode",
    }
)  # fmt: skip
#: Top-level keys that are not create-order parameters but are sent often, with what to do instead.
MISPLACED_TOP_LEVEL_KEYS: Final = {
    "description": "orders have no description; Mollie builds it from the order number, profile name and website",
    "dueDate": "is not an order parameter; use expiresAt",
    "issuer": "belongs in the payment object: payment.issuer",
    "customerId": "belongs in the payment object: payment.customerId",
    "sequenceType": "belongs in the payment object: payment.sequenceType",
    "expiryDate": "was renamed to expiresAt in 2019",
}

#: Address fields and those every address needs; postalCode is conditional.
ADDRESS_FIELDS: Final = (
    "organizationName", "title", "givenName", "familyName", "email", "phone", "streetAndNumber",
    "streetAdditional", "postalCode", "city", "region", "country",
)  # fmt: skip
ADDRESS_REQUIRED: Final = ("givenName", "familyName", "email", "streetAndNumber", "city", "country")
