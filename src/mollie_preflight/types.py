"""``TypedDict`` definitions of the create-order and create-payment bodies, for users' type checkers.

    >>> from mollie_preflight.types import CreateOrder, CreatePayment
    >>> order: CreateOrder = {...}   # a misspelt key such as ``vatrate`` is now a type error

They describe what the library checks at run time, not a second validator: ``validate_order`` still
takes plain JSON data. Required keys are declared in a base class and optional ones in a ``total=False``
subclass, the form that works on Python 3.10 without ``typing_extensions`` (``Required`` and
``NotRequired`` arrived in 3.11). Optional keys are typed without ``None``: leaving a key out is the
typed way to say "absent".
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict

#: The values of ``rules.lines.LINE_TYPES`` and ``LINE_CATEGORIES`` (a test keeps them equal).
LineType = Literal["physical", "discount", "digital", "shipping_fee", "store_credit", "gift_card", "surcharge"]
LineCategory = Literal["meal", "eco", "gift"]
SequenceType = Literal["oneoff", "first", "recurring"]
#: The values of ``rules.payment_lines.CATEGORIES`` (a test keeps them equal).
PaymentLineCategory = Literal["eco", "gift", "meal", "sport_culture", "additional", "consume"]
CaptureMode = Literal["automatic", "manual"]


class Amount(TypedDict):
    """An amount object: ``value`` is a string with exactly the currency's decimals (``"10.00"``)."""

    currency: str
    value: str


class _OrderLineRequired(TypedDict):
    name: str
    quantity: int
    unitPrice: Amount
    totalAmount: Amount
    vatRate: str
    vatAmount: Amount


class OrderLine(_OrderLineRequired, total=False):
    """One element of ``lines``."""

    type: LineType
    category: LineCategory
    discountAmount: Amount
    sku: str
    imageUrl: str
    productUrl: str
    metadata: Any


class _OrderAddressRequired(TypedDict):
    givenName: str
    familyName: str
    email: str
    streetAndNumber: str
    city: str
    country: str


class OrderAddress(_OrderAddressRequired, total=False):
    """``billingAddress`` / ``shippingAddress`` of an order: the address object plus the person fields."""

    organizationName: str
    title: str
    phone: str
    streetAdditional: str
    postalCode: str
    region: str


class Payment(TypedDict, total=False):
    """The documented payment-specific parameters of an order."""

    applePayPaymentToken: str
    cardToken: str
    consumerAccount: str
    customerId: str
    customerReference: str
    extraMerchantData: dict[str, Any]
    issuer: str
    mandateId: str
    sequenceType: SequenceType
    voucherNumber: str
    voucherPin: str
    webhookUrl: str
    company: dict[str, str]
    applicationFee: dict[str, Any]


class _CreateOrderRequired(TypedDict):
    amount: Amount
    orderNumber: str
    lines: list[OrderLine]
    locale: str


class CreateOrder(_CreateOrderRequired, total=False):
    """The body of ``POST /v2/orders``."""

    billingAddress: OrderAddress
    shippingAddress: OrderAddress
    consumerDateOfBirth: str
    redirectUrl: str
    cancelUrl: str
    webhookUrl: str
    method: str | list[str]
    payment: Payment
    metadata: Any
    expiresAt: str
    shopperCountryMustMatchBillingCountry: bool
    profileId: str
    testmode: bool


# --- the Payments API (``POST /v2/payments``) ------------------------------------------------------------


class _PaymentLineRequired(TypedDict):
    description: str
    quantity: int
    unitPrice: Amount
    totalAmount: Amount


class PaymentLine(_PaymentLineRequired, total=False):
    """One element of a payment's ``lines``: an Orders line with ``description`` for ``name``,
    ``categories`` for ``category``, VAT optional, no metadata."""

    type: LineType
    categories: list[PaymentLineCategory]
    quantityUnit: str
    discountAmount: Amount
    vatRate: str
    vatAmount: Amount
    sku: str
    imageUrl: str
    productUrl: str
    recurring: dict[str, Any]


class PaymentAddress(TypedDict, total=False):
    """``billingAddress`` / ``shippingAddress`` of a payment: every field optional by itself; which ones a
    method requires is checked by the rules (MP951, MP952)."""

    organizationName: str
    title: str
    givenName: str
    familyName: str
    email: str
    phone: str
    streetAndNumber: str
    streetAdditional: str
    postalCode: str
    city: str
    region: str
    country: str


class ApplicationFee(TypedDict):
    """``applicationFee``: both members are required (Mollie's changelog corrected the reference)."""

    amount: Amount
    description: str


class RouteDestination(TypedDict):
    type: Literal["organization"]
    organizationId: str


class _RouteRequired(TypedDict):
    amount: Amount
    destination: RouteDestination


class Route(_RouteRequired, total=False):
    """One element of ``routing``: a share of a EUR payment for another organization."""

    releaseDate: str


class Company(TypedDict, total=False):
    """``company`` of a Billie payment."""

    registrationNumber: str
    vatNumber: str
    entityType: str


class _CreatePaymentRequired(TypedDict):
    amount: Amount
    description: str


class CreatePayment(_CreatePaymentRequired, total=False):
    """The body of ``POST /v2/payments`` (``redirectUrl`` is required unless the payment is recurring or
    carries an Apple Pay token, a condition the rules check)."""

    redirectUrl: str
    cancelUrl: str
    webhookUrl: str
    lines: list[PaymentLine]
    billingAddress: PaymentAddress
    shippingAddress: PaymentAddress
    locale: str
    method: str | list[str]
    issuer: str
    restrictPaymentMethodsToCountry: str
    metadata: Any
    captureMode: CaptureMode
    captureDelay: str
    applicationFee: ApplicationFee
    routing: list[Route]
    sequenceType: SequenceType
    mandateId: str
    customerId: str
    profileId: str
    dueDate: str
    storeCredentials: bool
    testmode: bool
    applePayPaymentToken: str
    company: Company
    cardToken: str
    googlePayPaymentToken: str
    voucherNumber: str
    voucherPin: str
    consumerDateOfBirth: str
    extraMerchantData: dict[str, Any]
    sessionId: str
    digitalGoods: bool
    customerReference: str
    terminalId: str
    #: SEPA Direct Debit one-off payments (documented earlier, still sent by SDKs).
    consumerName: str
    consumerAccount: str
