"""Ship, cancel and refund lines against a snapshot: ids, quantities, statuses, discounted lines' partial amounts."""

from __future__ import annotations

from typing import Any

import pytest

import mollie_preflight as mp
from mollie_preflight import Options

from .helpers import window
from .snapshots import bikes, codes, money, only, order_line, snapshot, two_for_one


def ship_one(amount: str | None, **order: object) -> mp.Report:
    line: dict[str, object] = {"id": "odl_a", "quantity": 1}
    if amount is not None:
        line["amount"] = money(amount)
    return mp.validate_shipment({"lines": [line]}, order=two_for_one(**order))  # type: ignore[arg-type]


class TestDocsCases:
    def test_two_for_one_needs_an_amount_with_bounds_zero_to_unit_price(self) -> None:
        v = only(ship_one(None), "MP803")
        assert v.field == "lines.0.amount"
        assert (v.expected, window(v)) == (None, ("0.00", "19.99"))
        assert v.message == (
            "Line 0 contains invalid data. An amount is required for this API call. "
            "The amount must be between €0.00 and €19.99."
        )
        assert v.extra == {"minimumAmount": money("0.00"), "maximumAmount": money("19.99")}

    @pytest.mark.parametrize("amount", ["0.00", "5.00", "19.99"])
    def test_two_for_one_first_step_accepts_the_guides_amounts(self, amount: str) -> None:
        assert list(ship_one(amount)) == []

    @pytest.mark.parametrize(("first", "second"), [("0.00", "19.99"), ("5.00", "14.99"), ("19.99", "0.00")])
    def test_two_for_one_second_step_takes_exactly_the_rest(self, first: str, second: str) -> None:
        shipped: dict[str, Any] = {"status": "shipping", "quantityShipped": 1, "amountShipped": money(first)}
        order = two_for_one(**shipped)
        ok = mp.validate_shipment({"lines": [{"id": "odl_a", "quantity": 1, "amount": money(second)}]}, order=order)
        assert list(ok) == []
        # the last item needs no amount: Mollie takes the rest
        assert list(mp.validate_shipment({"lines": [{"id": "odl_a", "quantity": 1}]}, order=order)) == []
        wrong = "0.01" if second == "0.00" else "0.00"
        v = only(
            mp.validate_shipment({"lines": [{"id": "odl_a", "quantity": 1, "amount": money(wrong)}]}, order=order),
            "MP805",
        )
        assert v.field == "lines.0.amount"
        assert (v.expected, window(v)) == (second, (second, second))

    def test_shipment_example_without_amount_is_flagged(self) -> None:
        # create-shipment's example ships 1 of 2 bikes (100.00 discount) without amount
        report = mp.validate_shipment({"lines": [{"id": "odl_bike", "quantity": 1}]}, order=bikes())
        v = only(report, "MP803")
        assert v.field == "lines.0.amount"
        assert (v.expected, window(v)) == (None, ("299.00", "399.00"))
        problem = report.to_problem()
        assert problem is not None
        assert problem["extra"] == {"minimumAmount": money("299.00"), "maximumAmount": money("399.00")}
        assert problem["_links"]["documentation"]["href"].endswith("shipments-api/create-shipment")

    def test_cancel_example_extra_bounds(self) -> None:
        # the cancel-order-lines docs' answer: between €0.00 and €50.00 for 1 item of a discounted 50.00 line
        line = order_line(status="authorized", quantity=2, unit="50.00", discount="50.00", total="50.00")
        report = mp.validate_cancel_lines(
            {"lines": [{"id": "odl_a", "quantity": 1}]}, order=snapshot(line, status="authorized")
        )
        v = only(report, "MP803")
        assert v.field == "lines.0.amount"
        assert (v.expected, window(v)) == (None, ("0.00", "50.00"))
        problem = report.to_problem()
        assert problem is not None
        assert problem["detail"] == (
            "Line 0 contains invalid data. An amount is required for this API call. "
            "The amount must be between €0.00 and €50.00."
        )
        assert problem["extra"] == {"minimumAmount": money("0.00"), "maximumAmount": money("50.00")}
        assert problem["_links"]["documentation"]["href"].endswith("orders-api/cancel-order-lines")

    def test_refund_bounds_use_what_was_refunded(self) -> None:
        # 2 × 59.00 with a 23.60 discount; one refunded for 59.00 already leaves exactly 35.40
        line = order_line(
            status="completed",
            quantity=3,
            unit="59.00",
            discount="23.60",
            total="153.40",
            quantityShipped=3,
            amountShipped=money("153.40"),
            quantityRefunded=1,
            amountRefunded=money("59.00"),
        )
        v = only(mp.validate_refund({"lines": [{"id": "odl_a", "quantity": 1}]}, order=snapshot(line)), "MP803")
        assert (v.expected, window(v)) == (None, ("35.40", "59.00"))
        assert v.message.endswith("The amount must be between €35.40 and €59.00.")


class TestPartialAmounts:
    def test_over_documented_maximum(self) -> None:
        v = only(ship_one("20.00"), "MP804")
        assert v.field == "lines.0.amount"
        assert (v.expected, window(v)) == (None, ("0.00", "19.99"))
        assert v.actual == "20.00"

    def test_without_the_bounds_rule_the_documented_bounds_are_shown(self) -> None:
        body = {"lines": [{"id": "odl_bike", "quantity": 1}]}
        v = only(mp.validate_shipment(body, order=bikes(), options=Options(ignore=("MP805",))), "MP803")
        assert (v.expected, window(v)) == (None, ("0.00", "399.00"))

    def test_the_bounds_are_seen_live_and_stay_with_inferred_rules_off(self) -> None:
        """mollie/magento2#116 and #739 show the window live (MP805 is no longer inferred): ``inferred=False``
        keeps it and its bounds; ignoring MP805 drops it."""
        body = {"lines": [{"id": "odl_bike", "quantity": 1}]}
        v = only(mp.validate_shipment(body, order=bikes(), options=Options(inferred=False)), "MP803")
        assert (v.expected, window(v)) == (None, ("299.00", "399.00"))
        order = two_for_one(status="shipping", quantityShipped=1, amountShipped=money("19.99"))
        body = {"lines": [{"id": "odl_a", "quantity": 1, "amount": money("5.00")}]}
        assert codes(mp.validate_shipment(body, order=order)) == ["MP805"]
        assert codes(mp.validate_shipment(body, order=order, options=Options(inferred=False))) == ["MP805"]
        assert codes(mp.validate_shipment(body, order=order, options=Options(ignore=("MP805",)))) == []

    def test_a_closed_window_names_the_one_amount_as_mollie_does(self) -> None:
        """mollie/magento2#739: shipping the rest of a discounted line with another amount is answered
        'Invalid amount specified. Must be exactly €35.20, got: €35.52.'"""
        order = snapshot(order_line(quantity=1, unit="39.00", total="35.20", discountAmount=money("3.80")))
        body = {"lines": [{"id": "odl_a", "quantity": 1, "amount": money("35.52")}]}
        v = only(mp.validate_shipment(body, order=order), "MP805")
        assert (v.field, v.expected, v.actual) == ("lines.0.amount", "35.20", "35.52")
        assert (
            v.message == "Line 0 contains invalid data. Invalid amount specified. Must be exactly €35.20, got: €35.52."
        )

    def test_amount_in_the_wrong_currency(self) -> None:
        body = {"lines": [{"id": "odl_a", "quantity": 1, "amount": money("5.00", "USD")}]}
        v = only(mp.validate_shipment(body, order=two_for_one()), "MP107")
        assert v.field == "lines.0.amount.currency"
        assert v.expected == "EUR"

    def test_line_without_discount_needs_no_amount(self) -> None:
        order = snapshot(order_line(quantity=3, unit="10.00", total="30.00"))
        assert list(mp.validate_shipment({"lines": [{"id": "odl_a", "quantity": 1}]}, order=order)) == []
        v = only(
            mp.validate_shipment({"lines": [{"id": "odl_a", "quantity": 1, "amount": money("9.00")}]}, order=order),
            "MP805",
        )
        assert (v.expected, window(v)) == ("10.00", ("10.00", "10.00"))


class TestQuantitiesAndIds:
    def test_quantity_over_shippable_has_mollies_message(self) -> None:
        # live: 2 items with 1 cancelled leave 1 to ship
        line = order_line(status="authorized", quantityCanceled=1, amountCanceled=money("19.99"), total="39.98")
        report = mp.validate_shipment({"lines": [{"id": "odl_a", "quantity": 2}]}, order=snapshot(line))
        v = only(report, "MP802")
        assert v.field == "lines.0.quantity"
        assert v.expected == "1"
        assert v.message == (
            "Line 0 contains invalid data. The quantity is higher than the maximum quantity. The maximum quantity is 1."
        )
        ok = mp.validate_shipment({"lines": [{"id": "odl_a", "quantity": 1}]}, order=snapshot(line))
        assert codes(ok) == []

    def test_snapshot_quantities_win_over_derived_ones(self) -> None:
        line = order_line(status="paid", total="39.98", refundableQuantity=1)
        v = only(mp.validate_refund({"lines": [{"id": "odl_a", "quantity": 2}]}, order=snapshot(line)), "MP802")
        assert v.expected == "1"

    def test_unknown_line(self) -> None:
        v = only(mp.validate_shipment({"lines": [{"id": "odl_zzz"}]}, order=two_for_one()), "MP801")
        assert v.field == "lines.0.id"
        assert (v.expected, v.actual) == (None, "odl_zzz")  # many ids could be meant: a person decides
        assert codes(mp.validate_shipment({"lines": [{"id": "odl_a"}]}, order=two_for_one())) == []

    @pytest.mark.parametrize(
        ("endpoint", "status"),
        [("cancel-order-lines", "paid"), ("create-order-refund", "authorized"), ("create-shipment", "canceled")],
    )
    def test_line_status(self, endpoint: str, status: str) -> None:
        cancelled: dict[str, Any] = (
            {"quantityCanceled": 2, "amountCanceled": money("39.98")} if status == "canceled" else {}
        )
        other = order_line("odl_b", status="paid", total="39.98")
        order = snapshot(order_line(status=status, total="39.98", **cancelled), other, status="paid")
        v = only(mp.validate({"lines": [{"id": "odl_a"}]}, endpoint, order=order), "MP807")
        assert v.field == "lines.0"
        assert (v.expected, v.actual) == (None, status)  # a status is no value to send

    def test_nothing_left(self) -> None:
        line = order_line(status="paid", total="39.98", quantityRefunded=2, amountRefunded=money("39.98"))
        v = only(mp.validate_refund({"lines": [{"id": "odl_a"}]}, order=snapshot(line)), "MP808")
        assert v.field == "lines.0"
        assert v.expected == "0"
        counted = only(mp.validate_refund({"lines": [{"id": "odl_a", "quantity": 1}]}, order=snapshot(line)), "MP802")
        assert counted.message.endswith("The maximum quantity is 0.")
        assert counted.expected == "0"
        everything = only(mp.validate_refund({"lines": []}, order=snapshot(line)), "MP808")
        assert everything.field == ""
        assert codes(mp.validate_refund({"lines": []}, order=two_for_one())) == []

    def test_a_refund_of_lines_worth_nothing(self) -> None:
        """A fixed-price bundle's items at 0.00 refunded without the bundle's line (mollie/magento2#755): Mollie
        refuses the refund at lines; with the priced line among them, or with any other line, it is a refund."""
        bundle = order_line("odl_a", status="completed", quantity=1, unit="49.95", quantityShipped=1)
        items = [order_line(f"odl_{i}", status="completed", quantity=1, unit="0.00", quantityShipped=1) for i in "bc"]
        order = snapshot(bundle, *items, status="completed")
        body = {"lines": [{"id": "odl_b", "quantity": 1}, {"id": "odl_c"}]}
        v = only(mp.validate_refund(body, order=order), "MP808")
        assert (v.field, v.expected, v.actual) == ("lines", None, "0.00")
        assert v.message.startswith("Cannot create a refund for these lines, the total amount shipped is zero.")
        assert codes(mp.validate_refund({"lines": [*body["lines"], {"id": "odl_a"}]}, order=order)) == []
        assert codes(mp.validate_refund({"lines": []}, order=order)) == []
        unknown = mp.validate_refund({"lines": [{"id": "odl_b"}, {"id": "odl_z"}]}, order=order)
        assert codes(unknown) == ["MP801"]  # the line not in the order is the answer, not the total

    def test_ship_everything_requires_something_left(self) -> None:
        v = only(mp.validate_shipment(None, order=two_for_one(status="created")), "MP806")
        assert v.expected is None
        assert v.actual == "created"
        # Mollie's text for a shipment of an unpaid order (mollie/mollie-api-php#617, mollie/magento2#582)
        assert v.message.startswith('This order cannot be shipped. (Order ord_test is "created"')
        assert codes(mp.validate_shipment({}, order=two_for_one())) == []
