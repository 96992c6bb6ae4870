"""``TypedDict`` definitions of the create-order body, for users' type checkers.

    >>> from mollie_preflight.types import CreateOrder
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
