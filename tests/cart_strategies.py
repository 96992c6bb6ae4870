"""Hypothesis strategies for shop carts: the *inputs* of the builders (what a merchant decides).

A cart has 1–100 items in any supported currency (JPY and ISK have no decimals), with gross or net prices,
line discounts, an optional order-level discount (an amount or a percentage) and an optional gift card.
The tests build orders from these inputs with the public builders and check what comes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from mollie_preflight._money import minor_to_decimal
from mollie_preflight._reference.currencies import CURRENCY_DECIMALS

CURRENCIES = sorted(CURRENCY_DECIMALS)
#: Real VAT rates of Mollie's markets, including reduced rates with decimals.
RATES = ("0", "5.5", "6", "7.7", "8.1", "9", "10", "12", "13.5", "19", "20", "21", "24", "25", "27")
NET_PRICE_DECIMALS = 4


@dataclass(frozen=True)
class Cart:
    currency: str
    decimals: int
    prices_include_vat: bool
    items: tuple[dict[str, Any], ...]
    #: The order-level discount as a fraction (0–1) of the discountable total, or None.
    order_discount: Decimal | None
    discount_as_percentage: bool
    #: The gift card as a fraction (0–1) of what is left to pay, or None.
    gift_card: Decimal | None

    def discount(self, discountable_minor: int) -> tuple[str, Decimal] | None:
        """``("percent" | "discount", value)`` for the order-level discount, sized against the discountable total."""
        if self.order_discount is None:
            return None
        if self.discount_as_percentage:
            return "percent", (self.order_discount * 100).quantize(Decimal("0.01"))
        minor = int(discountable_minor * self.order_discount)
        return "discount", minor_to_decimal(minor, self.decimals)


@st.composite
def items(draw: st.DrawFn, decimals: int, prices_include_vat: bool) -> dict[str, Any]:
    quantity = draw(st.integers(1, 25))
    price_decimals = decimals if prices_include_vat else NET_PRICE_DECIMALS
    unit_units = draw(st.integers(0, 10_000 * 10**price_decimals))
    unit_price = minor_to_decimal(unit_units, price_decimals)
    item: dict[str, Any] = {
        "name": draw(st.sampled_from(("Bike", "Lock", "E-book", "Shipping", "Gift wrap"))),
        "quantity": quantity,
        "unit_price": draw(st.sampled_from((unit_price, str(unit_price)))) if price_decimals else unit_units,
        "vat_rate": draw(st.sampled_from(RATES)),
        "type": draw(st.sampled_from(("physical", "physical", "digital", "shipping_fee"))),
    }
    if unit_units and draw(st.booleans()):
        item["discount"] = minor_to_decimal(draw(st.integers(0, unit_units * quantity)), price_decimals)
    return item


@st.composite
def carts(draw: st.DrawFn, max_items: int = 100) -> Cart:
    currency = draw(st.sampled_from(CURRENCIES))
    decimals = CURRENCY_DECIMALS[currency]
    gross = draw(st.booleans())
    fraction = st.decimals(min_value=0, max_value=1, places=3)
    return Cart(
        currency=currency,
        decimals=decimals,
        prices_include_vat=gross,
        items=tuple(draw(st.lists(items(decimals, gross), min_size=1, max_size=max_items))),
        order_discount=draw(st.none() | fraction),
        discount_as_percentage=draw(st.booleans()),
        gift_card=draw(st.none() | fraction),
    )
