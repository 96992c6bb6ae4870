"""Realistic, valid create-order bodies for the benchmark, many distinct ones per size.

Figures are computed here with ``fractions.Fraction`` (independently of the code under test), so the
sanity step of ``compare.py`` is also a cross-check: every competitor must accept every generated order.
Addresses are real-looking per country (real postal codes, E.164 phone numbers derived from
``phonenumbers``' example numbers and kept only when ``phonenumbers`` says they are valid), so that no
cache keyed on a phone, e-mail or postal code decides a measurement.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import phonenumbers

SEED = 20260042


@dataclass(frozen=True)
class Country:
    code: str
    locale: str
    currency: str
    rates: tuple[str, ...]
    #: (city, street, postal code); ``None`` postal code for countries Mollie exempts.
    places: tuple[tuple[str, str, str | None], ...]


COUNTRIES = (
    Country(
        "NL",
        "nl_NL",
        "EUR",
        ("21.00", "9.00", "0.00"),
        (
            ("Amsterdam", "Damrak", "1012 LG"),
            ("Rotterdam", "Coolsingel", "3011 AD"),
            ("Utrecht", "Oudegracht", "3511 AB"),
            ("Haarlem", "Grote Markt", "2011 RD"),
        ),
    ),
    Country(
        "BE",
        "nl_BE",
        "EUR",
        ("21.00", "6.00"),
        (("Brussel", "Wetstraat", "1000"), ("Antwerpen", "Meir", "2000"), ("Gent", "Veldstraat", "9000")),
    ),
    Country(
        "DE",
        "de_DE",
        "EUR",
        ("19.00", "7.00"),
        (
            ("Berlin", "Friedrichstraße", "10117"),
            ("München", "Marienplatz", "80331"),
            ("Hamburg", "Jungfernstieg", "20354"),
        ),
    ),
    Country(
        "FR",
        "fr_FR",
        "EUR",
        ("20.00", "5.50", "10.00"),
        (("Paris", "Rue de Rivoli", "75001"), ("Lyon", "Rue de la République", "69002")),
    ),
    Country(
        "AT",
        "de_AT",
        "EUR",
        ("20.00", "10.00"),
        (("Wien", "Kärntner Straße", "1010"), ("Graz", "Herrengasse", "8010")),
    ),
    Country(
        "GB",
        "en_GB",
        "GBP",
        ("20.00", "5.00", "0.00"),
        (("London", "Whitehall", "SW1A 2AA"), ("Manchester", "Market Street", "M1 1PT")),
    ),
    Country(
        "SE",
        "sv_SE",
        "SEK",
        ("25.00", "12.00", "6.00"),
        (("Stockholm", "Drottninggatan", "111 51"), ("Göteborg", "Kungsgatan", "411 19")),
    ),
    Country(
        "PL",
        "pl_PL",
        "PLN",
        ("23.00", "8.00", "5.00"),
        (("Warszawa", "Marszałkowska", "00-024"), ("Kraków", "Floriańska", "31-019")),
    ),
    Country(
        "HK",
        "en_US",
        "EUR",
        ("0.00",),
        (("Hong Kong", "Queen's Road Central", None),),
    ),
)

GIVEN = ("Anna", "Piet", "Sophie", "Lukas", "Emma", "Noah", "Julia", "Liam", "Mila", "Oskar", "Zoë", "Jan")
FAMILY = ("de Vries", "Jansen", "Müller", "Dubois", "Smith", "Kowalski", "Andersson", "Peeters", "Gruber")
DOMAINS = ("example.org", "example.com", "mail.example.net", "shop.example.eu")
PRODUCTS = ("City bike", "Bike lock", "Helmet", "Rain cover", "Pump", "Bell", "Saddle", "Lamp set", "Basket")


def reference_vat(total_minor: int, rate: str) -> int:
    """VAT on a VAT-inclusive total, by exact rational arithmetic, rounded half away from zero."""
    exact = Fraction(total_minor) * Fraction(rate) / (100 + Fraction(rate))
    whole = int(abs(exact))
    if abs(exact) - whole >= Fraction(1, 2):
        whole += 1
    return whole if exact >= 0 else -whole


def money(currency: str, minor: int) -> dict[str, str]:
    """An amount object in a two-decimal currency."""
    sign = "-" if minor < 0 else ""
    digits = str(abs(minor)).rjust(3, "0")
    return {"currency": currency, "value": f"{sign}{digits[:-2]}.{digits[-2:]}"}


def _phones(region: str, rng: random.Random, count: int) -> list[str]:
    """Distinct valid E.164 numbers of ``region``: its example numbers with the last digits varied."""
    found: set[str] = set()
    bases = []
    for kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE):
        example = phonenumbers.example_number_for_type(region, kind)
        if example is not None:
            bases.append(phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164))
    for _ in range(count * 20):
        base = rng.choice(bases)
        candidate = base[:-3] + f"{rng.randrange(1000):03d}"
        number = phonenumbers.parse(candidate, None)
        if phonenumbers.is_valid_number(number):
            found.add(candidate)
            if len(found) == count:
                break
    return sorted(found)


class OrderFactory:
    """Deterministic source of distinct valid orders."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.phones = {c.code: _phones(c.code, self.rng, 40) for c in COUNTRIES}
        self.serial = 0

    def address(self, country: Country) -> dict[str, str]:
        rng = self.rng
        self.serial += 1
        city, street, postal = rng.choice(country.places)
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        local = f"{given}.{family}".lower().replace(" ", "").replace("ë", "e").replace("ü", "ue")
        address = {
            "givenName": given,
            "familyName": family,
            "email": f"{local}{self.serial}@{rng.choice(DOMAINS)}",
            "phone": rng.choice(self.phones[country.code]),
            "streetAndNumber": f"{street} {rng.randrange(1, 300)}",
            "city": city,
            "country": country.code,
        }
        if postal is not None:
            address["postalCode"] = postal
        return address

    def order(self, line_count: int) -> dict[str, Any]:
        """A valid order of exactly ``line_count`` lines: goods at mixed rates (some with a line discount),
        a shipping fee, and for larger orders discount lines that never push a rate's VAT below zero.
        """
        rng = self.rng
        country = rng.choice(COUNTRIES)
        cur = country.currency
        discounts = min(2, line_count // 5)
        goods = line_count - discounts - 1
        lines: list[dict[str, Any]] = []
        for index in range(goods):
            unit = rng.randrange(99, 150_000)
            quantity = rng.randrange(1, 6)
            off = rng.randrange(0, unit * quantity // 4) if rng.random() < 0.3 else None
            lines.append(self._line("physical", f"{rng.choice(PRODUCTS)} {index}", unit, quantity, off, country))
        lines.append(self._line("shipping_fee", "Shipping", rng.randrange(0, 1500), 1, None, country))
        per_rate: dict[str, int] = {}
        for line in lines:
            per_rate[line["vatRate"]] = per_rate.get(line["vatRate"], 0) + _minor(line["totalAmount"])
        for rate in sorted(per_rate, key=lambda r: -per_rate[r])[:discounts]:
            off = rng.randrange(1, per_rate[rate] // 2)
            lines.append(self._line("discount", f"Discount {rate}%", -off, 1, None, country, rate))
        while len(lines) < line_count:  # fewer rates than planned discount lines
            lines.append(self._line("digital", "E-book", rng.randrange(100, 2000), 1, None, country))
        return {
            "amount": money(cur, sum(_minor(line["totalAmount"]) for line in lines)),
            "orderNumber": f"2026-{self.serial:06d}",
            "locale": country.locale,
            "redirectUrl": f"https://shop.example.org/return/{self.serial}",
            "webhookUrl": "https://shop.example.org/hooks/mollie",
            "billingAddress": self.address(country),
            "lines": lines,
        }

    def _line(
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


def _minor(amount: dict[str, str]) -> int:
    value = amount["value"]
    digits = int(value.lstrip("-").replace(".", ""))
    return -digits if value.startswith("-") else digits


def corpus(line_count: int, count: int, seed: int = SEED) -> list[dict[str, Any]]:
    """``count`` distinct orders of ``line_count`` lines (Mollie's example verbatim: ``shapes.bodies``)."""
    factory = OrderFactory(seed + line_count)
    return [factory.order(line_count) for _ in range(count)]
