"""Order snapshots (as ``GET /v2/orders/{id}`` returns them) for the endpoint and lifecycle tests."""

from __future__ import annotations

from typing import Any

from mollie_preflight import Report, Violation


def money(value: str, currency: str = "EUR") -> dict[str, str]:
    return {"currency": currency, "value": value}


def order_line(
    line_id: str = "odl_a",
    *,
    status: str = "paid",
    quantity: int = 2,
    unit: str = "19.99",
    discount: str | None = None,
    total: str | None = None,
    vat: str = "0.00",
    rate: str = "0.00",
    **extra: Any,
) -> dict[str, Any]:
    line: dict[str, Any] = {
        "resource": "orderline",
        "id": line_id,
        "status": status,
        "name": "Item",
        "quantity": quantity,
        "unitPrice": money(unit),
        "totalAmount": money(total or unit),
        "vatRate": rate,
        "vatAmount": money(vat),
    }
    if discount is not None:
        line["discountAmount"] = money(discount)
    line.update(extra)
    return line


def snapshot(*lines: dict[str, Any], status: str = "paid", **extra: Any) -> dict[str, Any]:
    order: dict[str, Any] = {
        "resource": "order",
        "id": "ord_test",
        "status": status,
        "amount": money("0.00"),
        "lines": list(lines) or [order_line(status=status)],
    }
    order.update(extra)
    return order


def two_for_one(status: str = "paid", **extra: Any) -> dict[str, Any]:
    """The discounts guide's 2-for-1: 2 × 19.99 with a 19.99 discount."""
    line = order_line(
        status=status, quantity=2, unit="19.99", discount="19.99", total="19.99", rate="21.00", vat="3.47"
    )
    line.update(extra)
    return snapshot(line, status=status, amount=money("19.99"))


def bikes(status: str = "paid") -> dict[str, Any]:
    """The create-shipment docs' order: 2 bikes at 399.00 with a 100.00 discount, and a 329.99 lock."""
    return snapshot(
        order_line(
            "odl_bike", status=status, unit="399.00", discount="100.00", total="698.00", rate="21.00", vat="121.14"
        ),
        order_line("odl_lock", status=status, quantity=1, unit="329.99", rate="21.00", vat="57.27"),
        status=status,
        amount=money("1027.99"),
    )


def codes(report: Report) -> list[str]:
    return [v.code for v in report]


def only(report: Report, code: str) -> Violation:
    """The one finding with ``code`` (fails when there is none or several)."""
    found = [v for v in report if v.code == code]
    assert len(found) == 1, [str(v) for v in report]
    return found[0]
