"""reconcile: a rounding line (WooCommerce, Shopware) or a bounded refusal (Magento)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from mollie_preflight import ReconcileError, build_line, build_order, reconcile, validate_order

# Net 8.26 × 3 @ 21 % and 5.00 @ 9 %: Σ correct line totals is 29.97 + 5.00 = 34.97, while a shop that
# adds VAT to the net order total shows 24.78 × 1.21 + 5.00 = 34.98.
LINES = [
    build_line(name="Mug", quantity=3, unit_price="8.26", vat_rate="21", currency="EUR", prices_include_vat=False),
    build_line(name="Tea", quantity=1, unit_price="5.00", vat_rate="9", currency="EUR"),
]


def _order(lines: list[dict[str, Any]]) -> dict[str, Any]:
    return build_order(lines, currency="EUR", orderNumber="1", locale="en_US")


def test_no_gap_returns_copies_of_the_lines() -> None:
    result = reconcile(LINES, "34.97", currency="EUR")
    assert result == LINES
    assert result[0] is not LINES[0]


@pytest.mark.parametrize(("target", "kind", "value"), [("34.98", "surcharge", "0.01"), ("34.95", "discount", "-0.02")])
def test_rounding_line_makes_the_order_hit_the_shops_total(target: str, kind: str, value: str) -> None:
    result = reconcile(LINES, target, currency="EUR")
    rounding = result[-1]
    assert (rounding["type"], rounding["name"], rounding["totalAmount"]["value"]) == (
        kind,
        "Rounding difference",
        value,
    )
    assert rounding["vatRate"] == "21.00"  # the rate of the largest goods line (29.97 @ 21 %)
    order = _order(result)
    assert order["amount"]["value"] == target
    assert validate_order(order).errors == ()


def test_rounding_line_rate_can_be_chosen() -> None:
    rounding = reconcile(LINES, "34.98", currency="EUR", vat_rate="0", name="Afronding")[-1]
    assert (rounding["name"], rounding["vatRate"], rounding["vatAmount"]["value"]) == ("Afronding", "0.00", "0.00")


def test_strict_accepts_rounding_but_adds_nothing() -> None:
    result = reconcile(LINES, "34.98", currency="EUR", strategy="strict")
    assert result == LINES
    assert _order(result)["amount"]["value"] == "34.97"


@pytest.mark.parametrize("strategy", ["rounding-line", "strict"])
def test_a_gap_beyond_the_tolerance_is_an_error(strategy: Any) -> None:
    # Default tolerance: one minor unit per line (2 lines → 0.02).
    with pytest.raises(ReconcileError, match=r"differs from the sum of the lines 34\.97 by 0\.03") as caught:
        reconcile(LINES, "35.00", currency="EUR", strategy=strategy)
    assert (caught.value.gap, caught.value.tolerance) == (Decimal("0.03"), Decimal("0.02"))
    with pytest.raises(ReconcileError):
        reconcile(LINES, "34.98", currency="EUR", strategy=strategy, tolerance=0)
    assert len(reconcile(LINES, "35.00", currency="EUR", strategy=strategy, tolerance="0.05")) >= 2


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="strategy"):
        reconcile(LINES, "34.97", currency="EUR", strategy="magento")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="tolerance"):
        reconcile(LINES, "34.97", currency="EUR", tolerance="-0.01")
    with pytest.raises(TypeError, match="float"):
        reconcile(LINES, 34.97, currency="EUR")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at least one line"):
        reconcile([], "1.00", currency="EUR")
    with pytest.raises(ValueError, match="not a currency"):
        reconcile(LINES, "34.97", currency="EURO")


def test_without_goods_lines_the_rounding_line_is_untaxed() -> None:
    card = build_line(name="Voucher", quantity=1, unit_price="-5.00", vat_rate="0", currency="EUR", type="gift_card")
    rounding = reconcile([card], "-4.99", currency="EUR")[-1]
    assert rounding["vatRate"] == "0.00"
