"""Figures the prose of the docs states, computed: a claim in a sentence is checked like code."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

import mollie_preflight as mp

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _discounts_guide_order() -> dict[str, object]:
    """The example order of Mollie's discounts guide: two sets at 19.99, sent as 38.98."""
    line = {
        "name": "LEGO 42083",
        "quantity": 2,
        "unitPrice": {"currency": "EUR", "value": "19.99"},
        "totalAmount": {"currency": "EUR", "value": "38.98"},
        "vatRate": "21.00",
        "vatAmount": {"currency": "EUR", "value": "6.77"},
    }
    return {"amount": {"currency": "EUR", "value": "38.98"}, "orderNumber": "1337", "locale": "en_US", "lines": [line]}


@pytest.mark.parametrize("page", ["index.md", "why.md"])
def test_the_discounts_guide_is_off_by_the_amount_the_pages_say(page: str) -> None:
    total = next(v for v in mp.validate_order(_discounts_guide_order()) if v.code == "MP202")
    off = Decimal(total.expected or "") - Decimal(total.actual or "")
    assert off == Decimal("1.00")
    text = (DOCS / page).read_text(encoding="utf-8")
    stated = re.findall(r"(\w+) euros? off|off by (\w+) euros?", text)
    assert [first or second for first, second in stated] == ["one"]
    assert off == Decimal(1)


def test_the_rounding_mp203_describes_is_the_rounding_done() -> None:
    why = mp.RULES["MP203"].why
    assert "38.97 at 20 % is 6.495, which becomes 6.50, and −38.97 becomes −6.50 (not −6.49)" in why
    assert mp.vat_amount("38.97", "20", "EUR") == Decimal("6.50")
    assert mp.vat_amount("-38.97", "20", "EUR") == Decimal("-6.50")
    assert "away from zero" in mp.RULES["MP203"].summary
