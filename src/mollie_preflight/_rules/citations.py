"""The public pages the rules rest on: Mollie's documentation, and the threads where the live API answered.

A rule is a claim about what Mollie refuses; its sources let a reader check the claim instead of trusting
it. Documentation pages say what Mollie promises; a public issue thread or integration test that quotes the
live API's 422 says what Mollie actually did, which is the stronger evidence where the two differ. The rule
pages, ``mollie-preflight rule CODE`` and the SARIF output show them as links, so every link here must be a
page anyone can open.
"""

from __future__ import annotations

import re

from .rule import Source

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

_DOCS: Final = "https://docs.mollie.com/"


def _page(path: str, title: str) -> Source:
    return Source(_DOCS + path, title)


# Mollie's API reference: one page per endpoint.
CREATE_ORDER: Final[Source] = _page("reference/create-order", "Mollie API reference: Create order")
GET_ORDER: Final[Source] = _page("reference/get-order", "Mollie API reference: Get order")
LIST_ORDERS: Final[Source] = _page("reference/list-orders", "Mollie API reference: List orders")
UPDATE_ORDER: Final[Source] = _page("reference/update-order", "Mollie API reference: Update order")
UPDATE_ORDER_LINE: Final[Source] = _page("reference/update-order-line", "Mollie API reference: Update order line")
MANAGE_ORDER_LINES: Final[Source] = _page("reference/manage-order-lines", "Mollie API reference: Manage order lines")
CANCEL_ORDER_LINES: Final[Source] = _page("reference/cancel-order-lines", "Mollie API reference: Cancel order lines")
CANCEL_ORDER: Final[Source] = _page("reference/cancel-order", "Mollie API reference: Cancel order")
CREATE_SHIPMENT: Final[Source] = _page("reference/create-shipment", "Mollie API reference: Create shipment")
GET_SHIPMENT: Final[Source] = _page("reference/get-shipment", "Mollie API reference: Get shipment")
UPDATE_SHIPMENT: Final[Source] = _page("reference/update-shipment", "Mollie API reference: Update shipment")
CREATE_ORDER_REFUND: Final[Source] = _page("reference/create-order-refund", "Mollie API reference: Create order refund")
CREATE_ORDER_PAYMENT: Final[Source] = _page(
    "reference/create-order-payment", "Mollie API reference: Create order payment"
)
CREATE_PAYMENT: Final[Source] = _page("reference/create-payment", "Mollie API reference: Create payment")
GET_METHOD: Final[Source] = _page("reference/get-method", "Mollie API reference: Get payment method")
EXTRA_PAYMENT_PARAMETERS: Final[Source] = _page(
    "reference/extra-payment-parameters", "Mollie API reference: Method-specific parameters"
)
COMMON_DATA_TYPES: Final[Source] = _page("reference/common-data-types", "Mollie API reference: Common data types")
HANDLING_ERRORS: Final[Source] = _page("reference/handling-errors", "Mollie API reference: Handling errors")
AUTHENTICATION: Final[Source] = _page("reference/authentication", "Mollie API reference: Authentication")
IDEMPOTENCY: Final[Source] = _page("reference/api-idempotency", "Mollie API reference: API idempotency")

# Mollie's guides.
MULTICURRENCY: Final[Source] = _page("docs/multicurrency", "Mollie guide: Multicurrency")
HANDLING_DISCOUNTS: Final[Source] = _page("docs/handling-discounts", "Mollie guide: Handling discounts")
INTEGRATING_VOUCHERS: Final[Source] = _page("docs/integrating-vouchers", "Mollie guide: Integrating vouchers")
VOUCHERS: Final[Source] = _page("docs/vouchers", "Mollie guide: Vouchers")
REFUNDS: Final[Source] = _page("docs/refunds", "Mollie guide: Refunds")
RECURRING: Final[Source] = _page("docs/recurring-payments", "Mollie guide: Recurring payments")
APPLE_PAY_DIRECT: Final[Source] = _page(
    "docs/direct-integration-of-apple-pay", "Mollie guide: Apple Pay direct integration"
)
APPLICATION_FEES: Final[Source] = _page("docs/application-fees", "Mollie guide: Application fees")
PAYPAL_EXPRESS: Final[Source] = _page("docs/paypal-express-checkout", "Mollie guide: PayPal Express Checkout")
GIFT_CARDS: Final[Source] = _page("docs/gift-cards", "Mollie guide: Gift cards")
PLACE_A_HOLD: Final[Source] = _page("docs/place-a-hold-for-a-payment", "Mollie guide: Place a hold for a payment")
MIGRATING_V1_TO_V2: Final[Source] = _page("docs/migrating-from-v1-to-v2", "Mollie guide: Migrating from v1 to v2")
ORDERS_OVERVIEW: Final[Source] = _page("orders/overview", "Mollie guide: Orders API overview")
ORDER_STATUS_CHANGES: Final[Source] = _page("orders/status-changes", "Mollie guide: Order status changes")
WHY_USE_ORDERS: Final[Source] = _page("orders/why-use-orders", "Mollie guide: Why use orders")
MIGRATING_ORDERS_TO_PAYMENTS: Final[Source] = _page(
    "docs/migrating-from-orders-to-payments", "Mollie guide: Migrating from Orders to Payments"
)
MIGRATE_TO_ORDERS: Final[Source] = _page("orders/migrate-to-orders", "Mollie guide: Migrating from Payments to Orders")
CHANGELOG: Final[Source] = _page("changelog", "Mollie API changelog")
CHANGELOG_V2: Final[Source] = _page("changelog/v2/changelog", "Mollie API changelog (v2, up to 2023)")
CHANGELOG_APRIL_2025: Final[Source] = _page("changelog/april-2025", "Mollie API changelog: April 2025")
CHANGELOG_ALMA_BILLING_ADDRESS: Final[Source] = _page(
    "changelog/add-alma-s-required-fields-from-billingaddress-payment-creation",
    "Mollie API changelog: Add alma's required fields from billingAddress (payment creation)",
)

# Mollie's help center, where method retirements were announced to merchants.
GIROPAY_DEPRECATION: Final[Source] = Source(
    "https://help.mollie.com/hc/en-us/articles/19745480480786", "Mollie help center: Giropay deprecation"
)
SOFORT_DEPRECATION: Final[Source] = Source(
    "https://help.mollie.com/hc/en-us/articles/20904206772626-SOFORT-Deprecation-30-September-2024",
    "Mollie help center: SOFORT deprecation, 30 September 2024",
)

# Mollie's pages of one payment method each.
IDEAL: Final[Source] = _page("docs/ideal", "Mollie payment method: iDEAL")
CARDS: Final[Source] = _page("docs/cards", "Mollie payment method: Cards")
BANCONTACT: Final[Source] = _page("docs/bancontact", "Mollie payment method: Bancontact")
KLARNA: Final[Source] = _page("docs/klarna", "Mollie payment method: Klarna")

_THREAD = re.compile(r"https://github\.com/([\w.-]+/[\w.-]+)/(issues|pull)/(\d+)")


def live(url: str) -> Source:
    """A public thread or test in which the live API's answer was recorded (named ``owner/repo#N``)."""
    match = _THREAD.fullmatch(url)
    title = f"{match.group(1)}#{match.group(3)}" if match else url.removeprefix("https://")
    return Source(url, f"Live answer: {title}", live=True)


#: Mollie's own Postman collection: request examples saved with the live API's answers. Its create-order example
#: "Create ideal order with 2 lines with discount" sends quantities as strings and a phone number outside its
#: country's numbering plan, and Mollie answered 201 Created.
POSTMAN_CREATE_ORDER: Final[Source] = Source(
    "https://github.com/mollie/postman-collection/blob/7c99d519aac00f6e4f4e87e12ed41118725f89f4/"
    "Mollie%20v2%20API%20-%20APIKey%20authentication.postman_collection.json#L3466",
    "Live answer: Mollie's Postman collection, Create order",
    live=True,
)


# The Payments API endpoints that take money after a payment is created, and their guides.
GET_PAYMENT: Final[Source] = _page("reference/get-payment", "Mollie API reference: Get payment")
UPDATE_PAYMENT: Final[Source] = _page("reference/update-payment", "Mollie API reference: Update payment")
CREATE_CAPTURE: Final[Source] = _page("reference/create-capture", "Mollie API reference: Create capture")
CAPTURES_API: Final[Source] = _page("reference/captures-api", "Mollie API reference: Captures API")
RELEASE_AUTHORIZATION: Final[Source] = _page(
    "reference/release-authorization", "Mollie API reference: Release payment authorization"
)
CREATE_REFUND: Final[Source] = _page("reference/create-refund", "Mollie API reference: Create payment refund")
PAYMENT_STATUS: Final[Source] = _page("docs/status-change", "Mollie guide: Handling payment status")
CHANGELOG_REFUND_EXTERNAL_REFERENCE: Final[Source] = _page(
    "changelog/fix-refund-externalreference-incorrectly-documented-as-writable",
    "Mollie API changelog: Refund externalReference incorrectly documented as writable",
)
CHANGELOG_CAPTURE_TESTMODE: Final[Source] = _page(
    "changelog/fix-missing-testmode-on-the-create-capture-request",
    "Mollie API changelog: Missing testmode on the Create capture request",
)
