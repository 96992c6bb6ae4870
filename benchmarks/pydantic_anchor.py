"""The pydantic v2 anchor: strict models with the same core rules as validators.

Written the way a competent pydantic user would: strict models, ``Decimal`` amounts parsed from strings,
enums as ``Literal``, field validators for phone, country and amount format, model validators for the
arithmetic (line total, VAT, order total, one currency, postal code requirement). It is meant as a fair,
fast anchor: no Python code runs where pydantic-core can do the work itself.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any, Literal

import phonenumbers
import pycountry
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

CURRENCY_DECIMALS = {
    "EUR": 2, "GBP": 2, "SEK": 2, "PLN": 2, "USD": 2, "CHF": 2, "DKK": 2, "NOK": 2, "JPY": 0, "ISK": 0, "HUF": 2,
}  # fmt: skip
COUNTRIES = frozenset(c.alpha_2 for c in pycountry.countries)
#: Countries without a postal code system, written out as a schema author would.
_EXEMPT_TEXT = (
    "AE AN AO AW BF BI BJ BO BS BV BW BZ CD CF CG CI CK CM DJ DM ER FJ GA GD GH GM GN GQ GY HK JM KE KI KM KN KP "
    "LC ML MO MR MS MU MW NA NR NU PA QA RW SB SC SL SO SR ST SY TF TK TL TO TT TV UG VU YE ZM ZW"
)
POSTAL_CODE_EXEMPT = frozenset(_EXEMPT_TEXT.split())
Locale = Literal[
    "en_US", "en_GB", "nl_NL", "nl_BE", "fr_FR", "fr_BE", "de_DE", "de_AT", "de_CH", "es_ES", "ca_ES",
    "pt_PT", "it_IT", "nb_NO", "sv_SE", "fi_FI", "da_DK", "is_IS", "hu_HU", "pl_PL", "lv_LV", "lt_LT",
]  # fmt: skip
LineType = Literal["physical", "discount", "digital", "shipping_fee", "store_credit", "gift_card", "surcharge"]
Text = Annotated[str, StringConstraints(min_length=1)]
HUNDRED = Decimal(100)


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, frozen=True)


class Amount(Strict):
    currency: Literal["EUR", "GBP", "SEK", "PLN", "USD", "CHF", "DKK", "NOK", "JPY", "ISK", "HUF"]
    #: Strings only (a JSON number is refused by Mollie); lax mode for the str → Decimal conversion.
    value: Annotated[Decimal, Field(strict=False, allow_inf_nan=False)]

    @field_validator("value", mode="before")
    @classmethod
    def _string_only(cls, value: Any) -> Any:
        if not isinstance(value, str):
            raise ValueError("amount value must be a string")
        return value

    @model_validator(mode="after")
    def _exact_decimals(self) -> Amount:
        if self.value.as_tuple().exponent != -CURRENCY_DECIMALS[self.currency]:
            raise ValueError(f"{self.currency} amounts need exactly {CURRENCY_DECIMALS[self.currency]} decimals")
        return self


class Line(Strict):
    type: LineType = "physical"
    category: Literal["meal", "eco", "gift"] | None = None
    sku: Annotated[str, StringConstraints(max_length=64)] | None = None
    name: Text
    quantity: Annotated[int, Field(ge=1)]
    unitPrice: Amount
    discountAmount: Amount | None = None
    totalAmount: Amount
    vatRate: Annotated[str, StringConstraints(pattern=r"^\d{1,2}(\.\d{1,2})?$")]
    vatAmount: Amount
    productUrl: str | None = None
    imageUrl: str | None = None
    metadata: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _figures(self) -> Line:
        currencies = {self.unitPrice.currency, self.totalAmount.currency, self.vatAmount.currency}
        if self.discountAmount is not None:
            currencies.add(self.discountAmount.currency)
        if len(currencies) != 1:
            raise ValueError("a line's amounts must share one currency")
        off = self.discountAmount.value if self.discountAmount is not None else 0
        total = self.unitPrice.value * self.quantity - off
        if total != self.totalAmount.value:
            raise ValueError(f"totalAmount should be {total}")
        rate = Decimal(self.vatRate)
        exponent = self.totalAmount.value.as_tuple().exponent
        assert isinstance(exponent, int)
        vat = (total * rate / (HUNDRED + rate)).quantize(Decimal(1).scaleb(exponent), ROUND_HALF_UP)
        if vat != self.vatAmount.value:
            raise ValueError(f"vatAmount should be {vat}")
        return self


class Address(Strict):
    title: str | None = None
    organizationName: str | None = None
    givenName: Annotated[str, StringConstraints(min_length=2)]
    familyName: Annotated[str, StringConstraints(min_length=2)]
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)]
    phone: Annotated[str, StringConstraints(pattern=r"^\+[1-9]\d{1,14}$")] | None = None
    streetAndNumber: Text
    streetAdditional: str | None = None
    postalCode: Text | None = None
    city: Text
    region: str | None = None
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]

    @field_validator("country")
    @classmethod
    def _iso_country(cls, value: str) -> str:
        if value not in COUNTRIES:
            raise ValueError("not an ISO 3166-1 alpha-2 country code")
        return value

    @field_validator("phone")
    @classmethod
    def _valid_phone(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                number = phonenumbers.parse(value, None)
            except phonenumbers.NumberParseException as exc:
                raise ValueError("not a phone number") from exc
            if not phonenumbers.is_valid_number(number):
                raise ValueError("not a valid phone number")
        return value

    @model_validator(mode="after")
    def _postal_code(self) -> Address:
        if self.postalCode is None and self.country not in POSTAL_CODE_EXEMPT:
            raise ValueError("postalCode is required in this country")
        return self


class Payment(Strict):
    sequenceType: Literal["oneoff", "first", "recurring"] | None = None
    customerId: Annotated[str, StringConstraints(pattern=r"^cst_[A-Za-z0-9]+$")] | None = None
    mandateId: Annotated[str, StringConstraints(pattern=r"^mdt_[A-Za-z0-9]+$")] | None = None
    issuer: str | None = None


class Order(Strict):
    amount: Amount
    orderNumber: Text
    locale: Locale
    redirectUrl: str | None = None
    webhookUrl: str | None = None
    method: str | Annotated[list[str], Field(min_length=1)] | None = None
    consumerDateOfBirth: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")] | None = None
    expiresAt: Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")] | None = None
    payment: Payment | None = None
    metadata: dict[str, Any] | None = None
    billingAddress: Address
    shippingAddress: Address | None = None
    lines: Annotated[list[Line], Field(min_length=1)]

    @model_validator(mode="after")
    def _order_total(self) -> Order:
        currency = self.amount.currency
        if any(line.totalAmount.currency != currency for line in self.lines):
            raise ValueError("every line must be in the order's currency")
        if sum(line.totalAmount.value for line in self.lines) != self.amount.value:
            raise ValueError("amount is not the sum of the line totals")
        return self
