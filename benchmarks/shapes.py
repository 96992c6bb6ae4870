"""The bodies a shop really sends, shape by shape, many distinct ones per shape; and broken ones.

A benchmark that measures one tidy body measures the shape a fast path was written for. Here each shape
is a kind of request seen in real checkouts: Mollie's own create-order example **verbatim** (loaded from
``tests/data/orders/create-order-docs-example.json``, never trimmed; only values change between copies,
never keys), with and without ``shippingAddress``, ``consumerDateOfBirth``, ``expiresAt`` and a ``payment``
object, ``method`` as a string and as an array, Klarna / iDEAL / credit card / vouchers, gift-card and
discount lines, five currencies (EUR, GBP, SEK, JPY with no decimals, HUF), 2, 10 and 100 lines; and
invalid bodies (one wrong cent; five mistakes).

Every body of a shape differs from the others (names, e-mails, phones, postal codes, order numbers,
figures), so no cache keyed on a value decides a measurement. Figures are computed with
``fractions.Fraction`` (``orders.reference_vat``), independently of the code under test.
"""

from __future__ import annotations

import copy
import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orders import COUNTRIES, Country, OrderFactory, reference_vat

DOCS_EXAMPLE_FILE = Path(__file__).resolve().parent.parent / "tests/data/orders/create-order-docs-example.json"
SEED = 20261117

#: Countries for the currencies ``orders.COUNTRIES`` lacks; real postal codes.
JAPAN = Country("JP", "en_US", "JPY", ("10.00", "8.00"), (("Tokyo", "Marunouchi 1-1", "100-0005"),))
HUNGARY = Country("HU", "hu_HU", "HUF", ("27.00", "5.00"), (("Budapest", "Váci utca 12", "1052"),))
_BY_CODE = {c.code: c for c in (*COUNTRIES, JAPAN, HUNGARY)}
_DECIMALS = {"JPY": 0}
#: The largest EUR order amount (cents) a method takes, as Mollie documents it (https://docs.mollie.com/docs/cards,
#: https://docs.mollie.com/docs/klarna): a shop offers a method only within its limits, so a shape that names
#: one keeps its bodies under it (unit prices bounded by the limit over the lines, then drawn again while over).
_EUR_MAXIMUM = {"creditcard": 1_000_000, "klarna": 1_400_000}


def docs_example() -> dict[str, Any]:
    """Mollie's create-order example request body, as the documentation shows it."""
    body: dict[str, Any] = json.loads(DOCS_EXAMPLE_FILE.read_text(encoding="utf-8"))["body"]
    return body


def money(currency: str, minor: int) -> dict[str, str]:
    """An amount object with the currency's own number of decimals."""
    decimals = _DECIMALS.get(currency, 2)
    sign = "-" if minor < 0 else ""
    if not decimals:
        return {"currency": currency, "value": f"{sign}{abs(minor)}"}
    digits = str(abs(minor)).rjust(decimals + 1, "0")
    return {"currency": currency, "value": f"{sign}{digits[:-decimals]}.{digits[-decimals:]}"}


def minor(amount: dict[str, str]) -> int:
    value = amount["value"]
    digits = int(value.lstrip("-").replace(".", ""))
    return -digits if value.startswith("-") else digits


@dataclass(frozen=True)
class Shape:
    """One kind of body: how many lines, in which country and currency, with which optional parts."""

    country: str
    lines: int
    method: str | list[str] | None = None
    payment: dict[str, str] | None = None
    shipping: bool = False
    birth: bool = False
    expires: bool = False
    categories: bool = False
    discounts: bool = False
    gift_card: bool = False


class ShapeFactory(OrderFactory):
    """``OrderFactory``'s addresses and figures, for any shape and any currency's decimals."""

    def __init__(self, seed: int) -> None:
        super().__init__(seed)
        rng = self.rng
        from orders import _phones

        for country in (JAPAN, HUNGARY):
            self.phones[country.code] = _phones(country.code, rng, 40)

    def body(self, shape: Shape) -> dict[str, Any]:
        """A body of ``shape``, drawn again while its amount is over a named method's documented maximum."""
        methods = [shape.method] if isinstance(shape.method, str) else shape.method or []
        ceiling = min((_EUR_MAXIMUM.get(m, 10**12) for m in methods), default=10**12)
        while True:
            body = self._draw(shape, ceiling)
            if body["amount"]["currency"] != "EUR" or minor(body["amount"]) <= ceiling:
                return body

    def _draw(self, shape: Shape, ceiling: int) -> dict[str, Any]:
        rng = self.rng
        country = _BY_CODE[shape.country]
        cur = country.currency
        scale = 1 if cur in _DECIMALS else 100  # JPY prices are whole yen, in the same range
        lines: list[dict[str, Any]] = []
        reductions = (2 if shape.discounts else 0) + (1 if shape.gift_card else 0)
        goods = max(1, shape.lines - reductions - (1 if shape.lines > 2 else 0))
        top = max(200, min(150_000, ceiling // (goods * 3)))
        for index in range(goods):
            unit = rng.randrange(99, top) * scale // 100
            quantity = rng.randrange(1, 4)
            off = rng.randrange(0, unit * quantity // 4) if rng.random() < 0.3 and unit > 4 else None
            line = self.line("physical", f"Product {index}", unit, quantity, off, country)
            if shape.categories:
                line["category"] = rng.choice(("meal", "eco", "gift"))
            lines.append(line)
        if shape.lines > 2:
            lines.append(self.line("shipping_fee", "Shipping", rng.randrange(0, 1500) * scale // 100, 1, None, country))
        if shape.discounts:
            per_rate: dict[str, int] = {}
            for line in lines:
                per_rate[line["vatRate"]] = per_rate.get(line["vatRate"], 0) + minor(line["totalAmount"])
            for rate in sorted(per_rate, key=lambda r: -per_rate[r])[:2]:
                off = rng.randrange(1, max(2, per_rate[rate] // 3))
                lines.append(self.line("discount", f"Discount {rate}%", -off, 1, None, country, rate))
        if shape.gift_card:
            total = sum(minor(line["totalAmount"]) for line in lines)
            card = -rng.randrange(1, max(2, total // 3))
            lines.append(self.line("gift_card", "Gift card", card, 1, None, country, "0.00"))
        while len(lines) < shape.lines:
            lines.append(self.line("digital", "E-book", rng.randrange(100, 2000) * scale // 100, 1, None, country))
        body: dict[str, Any] = {
            "amount": money(cur, sum(minor(line["totalAmount"]) for line in lines)),
            "orderNumber": f"2026-{self.serial:06d}",
            "locale": country.locale,
            "redirectUrl": f"https://shop.example.org/return/{self.serial}",
            "webhookUrl": "https://shop.example.org/hooks/mollie",
            "billingAddress": self.address(country),
            "lines": lines,
        }
        if shape.shipping:
            body["shippingAddress"] = self.address(country)
        if shape.method is not None:
            body["method"] = list(shape.method) if isinstance(shape.method, list) else shape.method
        if shape.payment is not None:
            body["payment"] = dict(shape.payment)
        if shape.birth:
            born = datetime.date(rng.randrange(1940, 2004), rng.randrange(1, 13), rng.randrange(1, 29))
            body["consumerDateOfBirth"] = born.isoformat()
        if shape.expires:
            body["expiresAt"] = (datetime.date.today() + datetime.timedelta(days=rng.randrange(3, 25))).isoformat()
        return body

    def line(
        self,
        kind: str,
        name: str,
        unit: int,
        quantity: int,
        off: int | None,
        country: Country,
        rate: str | None = None,
    ) -> dict[str, Any]:
        cur = country.currency
        rate = rate if rate is not None else self.rng.choice(country.rates)
        total = unit * quantity - (off or 0)
        line: dict[str, Any] = {
            "type": kind,
            "sku": f"SKU-{self.rng.randrange(10**8):08d}",
            "name": name,
            "quantity": quantity,
            "unitPrice": money(cur, unit),
            "totalAmount": money(cur, total),
            "vatRate": rate,
            "vatAmount": money(cur, reference_vat(total, rate)),
        }
        if off is not None:
            line["discountAmount"] = money(cur, off)
        return line

    def docs_copy(self) -> dict[str, Any]:
        """The verbatim example with fresh values (never fewer keys): order number, names, e-mails, phone."""
        body = docs_example()
        self.serial += 1
        fresh = self.address(COUNTRIES[0])
        for key in ("billingAddress", "shippingAddress"):
            address = body[key]
            address["email"] = f"{key[:4]}.{fresh['email']}"
            address["streetAndNumber"] = fresh["streetAndNumber"]
            address["givenName"], address["familyName"] = fresh["givenName"], fresh["familyName"]
        body["billingAddress"]["phone"] = fresh["phone"]
        body["orderNumber"] = f"1337-{self.serial}"
        body["metadata"]["order_id"] = body["orderNumber"]
        return body


#: name → the shape of its bodies. The mix a shop sends; every one is valid. Klarna is requested by its current
#: id, ``klarna`` (``klarnapaylater``/``klarnapaynow`` are replaced ids: an MP533 warning); only the verbatim
#: example keeps Mollie's ``klarnapaylater``, so it carries that warning.
VALID: dict[str, Shape | None] = {
    "Mollie docs example, verbatim (2 lines)": None,
    "2 lines EUR, no method": Shape("NL", 2),
    "2 lines EUR, ideal + payment.issuer": Shape("NL", 2, "ideal", {"issuer": "ideal_INGBNL2A"}),
    "2 lines EUR, shipping + birth date, klarna": Shape("DE", 2, "klarna", shipping=True, birth=True),
    "10 lines EUR, method array + expiresAt": Shape("NL", 10, ["ideal", "creditcard", "klarna"], expires=True),
    "10 lines EUR, creditcard first + customerId": Shape(
        "BE", 10, "creditcard", {"sequenceType": "first", "customerId": "cst_8wmqcHMN4U"}, shipping=True
    ),
    "10 lines EUR, vouchers + ideal, categories": Shape("NL", 10, ["voucher", "ideal"], categories=True),
    "10 lines EUR, discounts + gift card": Shape("FR", 10, "creditcard", discounts=True, gift_card=True),
    "10 lines GBP, creditcard": Shape("GB", 10, "creditcard", shipping=True),
    "10 lines SEK, klarna + birth date": Shape("SE", 10, "klarna", birth=True),
    "10 lines JPY, creditcard": Shape("JP", 10, "creditcard"),
    "10 lines HUF, creditcard + shipping": Shape("HU", 10, "creditcard", shipping=True),
    "100 lines EUR, discounts, method array": Shape("DE", 100, ["ideal", "klarna"], discounts=True),
    "100 lines GBP, no method": Shape("GB", 100),
}


def _wrong_cent(body: dict[str, Any]) -> None:
    vat = body["lines"][0]["vatAmount"]
    vat["value"] = money(vat["currency"], minor(vat) + 1)["value"]


def _five_mistakes(body: dict[str, Any]) -> None:
    _wrong_cent(body)
    body["lines"][1]["quantity"] = str(body["lines"][1]["quantity"])
    body["locale"] = "nl-NL"
    body["billingAddress"]["email"] = "piet@@example.org"
    body["webhookUrl"] = "http://localhost/hook"


#: name → (the shape broken, how). Each must be refused by both validators.
INVALID: dict[str, tuple[Shape | None, Callable[[dict[str, Any]], None]]] = {
    "invalid: docs example, one wrong cent": (None, _wrong_cent),
    "invalid: 10 lines, one wrong cent": (Shape("NL", 10, "ideal"), _wrong_cent),
    "invalid: 10 lines, five mistakes": (Shape("NL", 10, "ideal"), _five_mistakes),
}


def bodies(name: str, count: int, seed: int = SEED) -> list[dict[str, Any]]:
    """``count`` distinct bodies of the shape called ``name`` (in ``VALID`` or ``INVALID``)."""
    factory = ShapeFactory(seed + sum(map(ord, name)))
    broken = INVALID.get(name)
    shape = broken[0] if broken else VALID[name]
    out = []
    for _ in range(count):
        body = factory.docs_copy() if shape is None else factory.body(shape)
        if broken:
            broken[1](body)
        out.append(body)
    return out


def line_count(name: str) -> int:
    broken = INVALID.get(name)
    shape = broken[0] if broken else VALID[name]
    return 2 if shape is None else shape.lines


def verbatim_copy_keeps_every_key(copy_: dict[str, Any]) -> bool:
    """A check ``mix.py`` runs: a varied copy of the docs example has exactly the example's keys."""

    def keys(value: object) -> object:
        if isinstance(value, dict):
            return {k: keys(v) for k, v in value.items()}
        if isinstance(value, list):
            return [keys(v) for v in value]
        return None

    return keys(copy_) == keys(copy.deepcopy(docs_example()))
