"""One test per core rule: a payload that triggers it (code, field, expected) and one that does not."""

from __future__ import annotations

import copy
import math
from typing import Any

import pytest

import mollie_preflight as mp

from .helpers import CORE, amount, codes, found, only
from .payloads import docs_example_order, example_order


def test_the_example_order_has_no_finding_at_all() -> None:
    assert list(mp.validate_order(example_order())) == []


def test_mollies_create_order_example_has_no_finding_but_its_replaced_klarna_method() -> None:
    """Its klarnapaylater was replaced by klarna in April 2025 and is still accepted: one warning, no error."""
    assert [(v.code, v.severity.value) for v in mp.validate_order(docs_example_order())] == [("MP533", "warning")]


def test_the_docs_discount_example_is_flagged_at_the_line_total() -> None:
    """handling-discounts.rst: 2 × 19.99 with totalAmount 38.98; its VAT 6.94 fits 39.98."""
    order = {
        "amount": amount("38.98"),
        "orderNumber": "1",
        "locale": "en_US",
        "lines": [
            {
                "name": "LEGO",
                "quantity": 2,
                "unitPrice": amount("19.99"),
                "totalAmount": amount("38.98"),
                "vatRate": "21.00",
                "vatAmount": amount("6.94"),
            }
        ],
    }
    # The docs' amount follows the wrong line total, so it is wrong too: both figures are reported.
    assert found(order) == [("MP202", "lines.0.totalAmount", "39.98"), ("MP304", "amount", "39.98")]
    finding = only(order, "MP202")
    assert finding.message == (
        "Order line 0 is invalid. Total amount is off. Expected total amount to be €39.98 (2 × €19.99), got €38.98."
    )


# --- payload and generic rules -----------------------------------------------------------------------


@pytest.mark.parametrize("payload", [None, [], "order", 42, 1.5, True])
def test_mp001_payload_not_object(payload: object) -> None:
    assert found(payload) == [("MP001", "", None)]


def test_mp301_required_fields() -> None:
    assert found({}) == [
        ("MP301", "amount", None),
        ("MP301", "orderNumber", None),
        ("MP301", "lines", None),
        ("MP301", "locale", None),
    ]


def test_mp002_value_not_json_in_metadata() -> None:
    order = example_order()
    order["lines"][0]["metadata"] = {"tags": {1, 2}}
    assert found(order) == [("MP002", "lines.0.metadata", None)]
    order["lines"][0]["metadata"] = {1: "x"}
    assert found(order) == [("MP002", "lines.0.metadata", None)]


def test_mp010_mp011_metadata_size() -> None:
    order = example_order()
    order["lines"][0]["metadata"] = {"k": "x" * 1100}
    assert found(order) == [("MP010", "lines.0.metadata", None)]
    order["lines"][0]["metadata"] = "x" * 1010  # 1012 bytes with quotes
    assert found(order) == [("MP011", "lines.0.metadata", None)]
    order["lines"][0]["metadata"] = "x" * 990
    assert found(order) == []


def test_metadata_size_counts_utf8_bytes_and_json_escapes() -> None:
    order = example_order()
    order["lines"][0]["metadata"] = "€" * 340  # 1020 bytes of UTF-8 + 2 quotes
    assert found(order) == [("MP011", "lines.0.metadata", None)]
    order["lines"][0]["metadata"] = '"' * 520  # each quote is escaped: 1042 bytes
    assert found(order) == [("MP010", "lines.0.metadata", None)]


def test_metadata_cycles_and_deep_nesting_are_bounded() -> None:
    order = example_order()
    cyclic: dict[str, Any] = {}
    cyclic["self"] = cyclic
    order["lines"][0]["metadata"] = cyclic
    assert found(order) == [("MP010", "lines.0.metadata", None)]
    deep: Any = "x"
    for _ in range(100_000):
        deep = [deep]
    order["lines"][0]["metadata"] = deep
    assert found(order) == [("MP010", "lines.0.metadata", None)]


@pytest.mark.parametrize(
    "url",
    [
        "/products/1",
        "shop.example/p/1",
        "https://",
        "https:///path",
        "ftp://shop.example/x",
        "https://a b",
        "x" * 3000,
        42,
    ],
)
def test_mp012_url_invalid(url: object) -> None:
    order = example_order()
    order["lines"][0]["productUrl"] = url
    assert found(order) == [("MP012", "lines.0.productUrl", None)]


@pytest.mark.parametrize(
    "url", ["https://shop.example/p/1?x=1#top", "http://user@shop.example:8080/p", "HTTPS://SHOP.EXAMPLE"]
)
def test_valid_urls_pass(url: str) -> None:
    order = example_order()
    order["lines"][0]["imageUrl"] = url
    assert found(order) == []


# --- amounts ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "field"),
    [
        ("10.00", "amount"),
        ({"value": "10.00"}, "amount"),
        ({"currency": "EUR"}, "amount"),
        ({"currency": 978, "value": "1027.99"}, "amount.currency"),
    ],
)
def test_mp101_amount_shape(value: object, field: str) -> None:
    order = example_order()
    order["amount"] = value
    assert ("MP101", field, None) in found(order)


def test_mp102_value_must_be_a_string_and_the_expected_string_is_given() -> None:
    order = example_order()
    order["amount"]["value"] = 1027.99
    assert found(order) == [("MP102", "amount.value", "1027.99")]
    order["amount"]["value"] = 1028
    assert found(order) == [("MP102", "amount.value", "1028.00")]


def test_mp103_value_format_top_level_uses_mollies_words() -> None:
    order = example_order()
    order["amount"]["value"] = "1027.9"
    finding = only(order, "MP103")
    assert (finding.field, finding.expected, finding.actual) == ("amount.value", "1027.90", "1027.9")
    assert finding.message.startswith("The amount contains an invalid value")


def test_mp103_value_format_on_a_line_names_the_field_as_mollie_does() -> None:
    order = example_order()
    order["lines"][1]["unitPrice"]["value"] = "329.9"
    finding = only(order, "MP103")
    assert (finding.field, finding.expected) == ("lines.1.unitPrice.value", "329.90")
    assert finding.message.startswith("Order line 1 is invalid. Invalid amount value for field unitPrice")


def test_mp103_jpy_has_no_decimals() -> None:
    order: dict[str, Any] = {
        "amount": amount("1000.00", "JPY"),
        "orderNumber": "1",
        "locale": "en_US",
        "lines": [
            {
                "name": "Tea",
                "quantity": 1,
                "unitPrice": amount("1000", "JPY"),
                "totalAmount": amount("1000", "JPY"),
                "vatRate": "10.00",
                "vatAmount": amount("91", "JPY"),
            }
        ],
    }
    assert found(order) == [("MP103", "amount.value", "1000")]
    order["amount"]["value"] = "1000"
    assert found(order) == []


def test_mp104_negative_zero() -> None:
    order = example_order()
    order["lines"].append(
        {
            "type": "discount",
            "name": "Rounding",
            "quantity": 1,
            "unitPrice": amount("-0.00"),
            "totalAmount": amount("0.00"),
            "vatRate": "21.00",
            "vatAmount": amount("0.00"),
        }
    )
    assert found(order) == [("MP104", "lines.2.unitPrice.value", "0.00")]


@pytest.mark.parametrize(("currency", "expected"), [("eur", "EUR"), ("XYZ", None), ("HRK", None), ("EURO", None)])
def test_mp105_currency(currency: str, expected: str | None) -> None:
    order = example_order()
    order["amount"]["currency"] = currency
    assert ("MP105", "amount.currency", expected) in found(order)


def test_mp106_negative_where_not_allowed() -> None:
    order = example_order()
    order["lines"][0]["discountAmount"]["value"] = "-100.00"
    assert ("MP106", "lines.0.discountAmount.value", None) in found(order)
    order = example_order()
    order["amount"]["value"] = "-1027.99"
    assert found(order) == [("MP106", "amount.value", None)]


def test_mp106_zero_read_in_full_is_not_negative() -> None:
    """Zero is the boundary: a zero amount that takes the full read (its currency in lower case) is not negative."""
    order = example_order()
    order["lines"][1]["discountAmount"] = {"currency": "eur", "value": "0.00"}
    assert found(order) == [("MP105", "lines.1.discountAmount.currency", "EUR")]


def test_mp107_currency_mismatch() -> None:
    order = example_order()
    order["lines"][1]["vatAmount"]["currency"] = "USD"
    assert found(order) == [("MP107", "lines.1.vatAmount.currency", "EUR")]


# --- lines ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("line", [None, "line", 3, ["name"]])
def test_mp200_line_not_object(line: object) -> None:
    order = example_order()
    order["lines"][1] = line
    assert found(order) == [("MP200", "lines.1", None)]


def test_mp201_line_required_fields_are_each_named() -> None:
    order = example_order()
    order["lines"][1] = {"name": "Bike lock"}
    assert found(order) == [
        ("MP201", "lines.1.quantity", None),
        ("MP201", "lines.1.unitPrice", None),
        ("MP201", "lines.1.totalAmount", None),
        ("MP201", "lines.1.vatRate", None),
        ("MP201", "lines.1.vatAmount", None),
    ]


def test_mp202_line_total_with_discount_uses_mollies_message() -> None:
    order = example_order()
    order["lines"][0]["totalAmount"]["value"] = "798.00"
    finding = only(order, "MP202")
    assert (finding.field, finding.expected, finding.actual) == ("lines.0.totalAmount", "698.00", "798.00")
    assert finding.message == (
        "Order line 0 is invalid. Total amount is off. Expected total amount to be €698.00 "
        "(2 × €399.00 - €100.00), got €798.00."
    )
    assert found(order) == [("MP202", "lines.0.totalAmount", "698.00")]


def test_mp203_line_vat_uses_mollies_message_and_problem_document() -> None:
    order = example_order()
    order["lines"][0]["vatAmount"]["value"] = "121.15"
    report = mp.validate_order(order, options=CORE)
    assert [(v.code, v.field, v.expected, v.actual) for v in report] == [
        ("MP203", "lines.0.vatAmount", "121.14", "121.15")
    ]
    assert report.errors[0].message == (
        "Order line 0 is invalid. VAT amount is off. Expected VAT amount to be €121.14 "
        "(€698.00 × (21.00 / 121.00)), got €121.15."
    )
    assert report.to_problem() == {
        "status": 422,
        "title": "Unprocessable Entity",
        "detail": report.errors[0].message,
        "field": "lines.0.vatAmount",
        "_links": {
            "documentation": {
                "href": "https://docs.mollie.com/reference/v2/orders-api/create-order",
                "type": "text/html",
            }
        },
    }


def test_mp203_exact_tie_rounds_half_away_from_zero_unless_either_is_allowed() -> None:
    order: dict[str, Any] = {
        "amount": amount("38.97"),
        "orderNumber": "1",
        "locale": "en_US",
        "lines": [
            {
                "name": "Tie",
                "quantity": 1,
                "unitPrice": amount("38.97"),
                "totalAmount": amount("38.97"),
                "vatRate": "20.00",
                "vatAmount": amount("6.49"),
            }
        ],
    }
    assert found(order) == [("MP203", "lines.0.vatAmount", "6.50")]
    lenient = mp.Options(select=CORE.select, vat_ties="either")
    assert found(order, options=lenient) == []
    order["lines"][0]["vatAmount"]["value"] = "6.48"
    assert found(order, options=lenient) == [("MP203", "lines.0.vatAmount", "6.50")]


def test_mp203_vat_is_checked_against_the_correct_total_so_one_error_is_one_finding() -> None:
    order = example_order()
    order["lines"][0]["totalAmount"]["value"] = "698.01"  # the VAT 121.14 fits the correct 698.00
    assert found(order) == [("MP202", "lines.0.totalAmount", "698.00")]


@pytest.mark.parametrize(
    ("value", "expected"), [("Physical", "physical"), ("shipping-fee", "shipping_fee"), ("product", None), (1, None)]
)
def test_mp204_line_type(value: object, expected: str | None) -> None:
    order = example_order()
    order["lines"][0]["type"] = value
    assert found(order) == [("MP204", "lines.0.type", expected)]


@pytest.mark.parametrize(("value", "expected"), [("gifts_and_flowers", "gift"), ("Meal", "meal"), ("food", None)])
def test_mp205_line_category(value: str, expected: str | None) -> None:
    order = example_order()
    order["lines"][0]["category"] = value
    assert found(order) == [("MP205", "lines.0.category", expected)]


@pytest.mark.parametrize("name", ["", "   ", 5, ["x"]])
def test_mp206_line_name(name: object) -> None:
    order = example_order()
    order["lines"][0]["name"] = name
    assert found(order) == [("MP206", "lines.0.name", None)]


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [(2.0, "2"), (True, None), (1.5, None), (0, None), (-1, None), (10**12, None), ("1.5", None), ("two", None)],
)
def test_mp207_line_quantity(quantity: object, expected: str | None) -> None:
    order = example_order()
    order["lines"][0]["quantity"] = quantity
    assert found(order) == [("MP207", "lines.0.quantity", expected)]


def test_a_quantity_sent_as_a_string_of_digits_is_a_warning_and_its_figures_are_checked_mp215() -> None:
    """Mollie's own Postman collection sends "2" and Mollie created the order: the docs ask for an integer,
    Mollie reads the string. The line is then checked with 2, so a total that does not fit is still found."""
    order = example_order()
    order["lines"][0]["quantity"] = "2"
    assert found(order) == [("MP215", "lines.0.quantity", "2")]
    assert only(order, "MP215").severity is mp.Severity.WARNING
    assert only(order, "MP215").message == (
        "Order line 0 is invalid. The 'quantity' field is a string; the docs ask for a JSON integer, 2 without "
        "quotes. Mollie accepts the string today."
    )
    order["lines"][0]["quantity"] = "3"
    assert [code for code, _, _ in found(order)] == ["MP215", "MP202", "MP203", "MP304"]


@pytest.mark.parametrize(("quantity", "expected"), [(10**9, []), (10**9 + 1, [("MP207", "lines.0.quantity", None)])])
def test_mp207_a_billion_items_is_the_largest_quantity(quantity: int, expected: list[tuple[str, str, None]]) -> None:
    """Our bound (not Mollie's), past any real line, that keeps arithmetic on hostile integers cheap."""
    order = example_order()
    line = order["lines"][1]
    line.update(quantity=quantity, unitPrice=amount("0.01"), vatRate="0.00", vatAmount=amount("0.00"))
    line["totalAmount"] = amount(f"{quantity // 100}.{quantity % 100:02d}")
    order["lines"], order["amount"] = [line], line["totalAmount"]
    assert found(order) == expected


def test_mp207_fractional_quantity_uses_mollies_words() -> None:
    order = example_order()
    order["lines"][1]["quantity"] = 1.5
    assert only(order, "MP207").message.startswith(
        "Order line 1 is invalid. The 'quantity' field should be a whole number"
    )


def _reduction_line(kind: str, unit: str, rate: str = "21.00", vat: str | None = None) -> dict[str, Any]:
    return {
        "type": kind,
        "name": kind,
        "quantity": 1,
        "unitPrice": amount(unit),
        "totalAmount": amount(unit),
        "vatRate": rate,
        "vatAmount": amount(vat if vat is not None else str(mp.vat_amount(unit, rate, "EUR"))),
    }


def _with_line(line: dict[str, Any]) -> dict[str, Any]:
    order = example_order()
    order["lines"].append(line)
    order["amount"]["value"] = str(mp.order_amount(order["lines"]))
    return order


def test_mp208_negative_unit_price_on_a_product_line() -> None:
    # Every figure negative: a mislabelled reduction or a sale with the wrong signs; a person decides, and the
    # negative total is the price's consequence, not a second finding.
    assert found(_with_line(_reduction_line("physical", "-10.00"))) == [("MP208", "lines.2.unitPrice", None)]
    assert found(_with_line(_reduction_line("discount", "-10.00"))) == []


def test_mp208_expects_the_turned_price_when_the_goods_line_totals_show_it() -> None:
    line = _reduction_line("physical", "10.00")
    line["unitPrice"] = amount("-10.00")
    violation = only(_with_line(line), "MP208")
    assert (violation.field, violation.expected, violation.actual) == ("lines.2.unitPrice", "10.00", "-10.00")
    assert found(_with_line(line)) == [("MP208", "lines.2.unitPrice", "10.00")]


def test_mp209_gift_card_must_be_negative() -> None:
    assert found(_with_line(_reduction_line("gift_card", "10.00", "0.00"))) == [("MP209", "lines.2.unitPrice", None)]
    assert found(_with_line(_reduction_line("gift_card", "-10.00", "0.00"))) == []


def test_mp209_a_gift_card_of_0_whose_discount_carries_the_reduction_is_negative() -> None:
    # Mollie's OXID module sends its vouchers so on the Orders API: unitPrice 0, discountAmount 10.00, total -10.00.
    line = _reduction_line("gift_card", "-10.00", "0.00")
    line["unitPrice"] = amount("0.00")
    line["discountAmount"] = amount("10.00")
    assert found(_with_line(line)) == []
    # Without the discount it has no negative amount: still MP209, with the 0.00 it sent.
    free = _reduction_line("gift_card", "0.00", "0.00")
    violation = only(_with_line(free), "MP209")
    assert (violation.field, violation.expected, violation.actual) == ("lines.2.unitPrice", None, "0.00")


@pytest.mark.parametrize("kind", ["discount", "store_credit"])
def test_mp210_positive_reduction_line(kind: str) -> None:
    # Every figure positive: the figures agree with each other, not with the type; nothing says which is wrong.
    violation = only(_with_line(_reduction_line(kind, "10.00")), "MP210")
    assert (violation.severity, violation.field, violation.expected) == (mp.Severity.ERROR, "lines.2.unitPrice", None)
    assert "do not show which is wrong" in violation.message
    assert found(_with_line(_reduction_line(kind, "10.00"))) == [("MP210", "lines.2.unitPrice", None)]


def _coupon(unit: str = "10.00", total: str = "-10.00", vat: str = "-1.74", order_value: str = "90.00") -> Any:
    """The issue's coupon: 100.00 of shoes, a 10.00 discount whose unit price lost its sign, an order of 90.00."""
    shoes = {
        "name": "Shoes",
        "quantity": 1,
        "unitPrice": amount("100.00"),
        "totalAmount": amount("100.00"),
        "vatRate": "21.00",
        "vatAmount": amount("17.36"),
    }
    coupon = {**_reduction_line("discount", unit), "totalAmount": amount(total), "vatAmount": amount(vat)}
    order = example_order()
    order["lines"] = [shoes, coupon]
    order["amount"] = amount(order_value)
    return order


def test_mp210_the_coupon_whose_price_lost_its_sign_has_one_finding_on_the_price() -> None:
    violation = only(_coupon(), "MP210")
    assert (violation.severity, violation.expected, violation.actual) == (mp.Severity.ERROR, "-10.00", "10.00")
    assert "lost its sign" in violation.message
    assert "Send unitPrice -10.00" in violation.message
    # Nothing derived from the positive price: no total of 10.00, no VAT of 1.74, no order amount of 110.00.
    assert found(_coupon()) == [("MP210", "lines.1.unitPrice", "-10.00")]


def test_mp210_with_the_sign_lost_the_sent_total_is_trusted_downstream() -> None:
    # The VAT and the amount are judged against the total the line's own evidence supports (-10.00).
    assert found(_coupon(vat="-1.70", order_value="95.00")) == [
        ("MP210", "lines.1.unitPrice", "-10.00"),
        ("MP203", "lines.1.vatAmount", "-1.74"),
        ("MP304", "amount", "90.00"),
    ]


def test_mp210_without_evidence_no_derived_figure_is_expected() -> None:
    # The total is negative but does not follow from the turned price: a person must decide.
    findings = found(_coupon(total="-12.00", order_value="95.00"))
    assert findings == [
        ("MP210", "lines.1.unitPrice", None),
        ("MP202", "lines.1.totalAmount", None),
        ("MP203", "lines.1.vatAmount", None),
        ("MP304", "amount", None),
    ]
    total = only(_coupon(total="-12.00", order_value="95.00"), "MP202")
    assert "settle 'unitPrice' first" in total.message


def test_mp210_downgraded_still_withholds_expected_and_ignored_trusts_the_price() -> None:
    warned = mp.Options(select=("MP0", "MP1", "MP2", "MP3"), severities={"MP210": "warning"})
    violation = only(_coupon(), "MP210", options=warned)
    assert (violation.severity, violation.expected) == (mp.Severity.WARNING, "-10.00")
    # A caller who ignores MP210 accepts positive discounts: the figures then follow from the price as sent.
    accepting = mp.Options(select=("MP0", "MP1", "MP2", "MP3"), ignore=("MP210",))
    assert found(_coupon(), options=accepting) == [
        ("MP202", "lines.1.totalAmount", "10.00"),
        ("MP203", "lines.1.vatAmount", "1.74"),
        ("MP304", "amount", "110.00"),
    ]


def test_mp211_goods_line_with_a_discount_larger_than_the_line() -> None:
    line = _reduction_line("physical", "10.00")
    line["discountAmount"] = amount("15.00")
    line["totalAmount"] = amount("-5.00")
    line["vatAmount"] = amount("-0.87")
    assert found(_with_line(line)) == [("MP211", "lines.2.discountAmount", None)]
    # The shop capped the total at zero: which figure is meant is for a person; nothing is expected from it.
    line["totalAmount"] = amount("0.00")
    line["vatAmount"] = amount("0.00")
    order = _with_line(line)
    assert found(order) == [
        ("MP211", "lines.2.discountAmount", None),
        ("MP202", "lines.2.totalAmount", None),
        ("MP203", "lines.2.vatAmount", None),
        ("MP304", "amount", None),
    ]
    assert "Lower the discount to at most €10.00" in only(order, "MP211").message


@pytest.mark.parametrize(
    ("rate", "expected", "message"),
    [
        ("-21.00", None, "Order line 0 is invalid. The VAT rate cannot be negative."),
        ("-0.0", None, "Order line 0 is invalid. The VAT rate cannot be negative."),
        ("21.000", None, None),
        ("21%", None, None),
        ("twenty", None, None),
        (True, None, None),
        (21.005, None, None),
    ],
)
def test_mp212_line_vat_rate(rate: object, expected: str | None, message: str | None) -> None:
    order = example_order()
    order["lines"][0]["vatRate"] = rate
    assert found(order) == [("MP212", "lines.0.vatRate", expected)]
    if message:
        assert only(order, "MP212").message == message


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        (21, "21.00"),
        (21.0, "21.00"),
        # 21 with binary arithmetic's noise in the last digit: a double holds 15 significant digits faithfully
        (math.nextafter(21.0, 22.0), "21.00"),  # 21.000000000000004
        (math.nextafter(21.0, 20.0), "21.00"),  # 20.999999999999996
    ],
)
def test_a_vat_rate_sent_as_a_json_number_is_a_warning(rate: object, expected: str) -> None:
    """Seen accepted live (mollie/WooCommerce#1019): the docs ask for a string, Mollie takes the number. A
    float one unit off in its last place is the rate with a floating-point error, and is checked as that rate
    (the line's VAT at 21 % gives no MP203)."""
    order = example_order()
    order["lines"][0]["vatRate"] = rate
    assert found(order) == [("MP214", "lines.0.vatRate", expected)]
    assert only(order, "MP214").severity is mp.Severity.WARNING


@pytest.mark.parametrize("rate", ["21", "21.0"])
def test_vat_rates_without_two_decimals_are_accepted(rate: str) -> None:
    order = example_order()
    order["lines"][0]["vatRate"] = rate
    assert found(order) == []


@pytest.mark.parametrize(("sku", "expected"), [("X" * 65, None), (12345, "12345")])
def test_mp213_line_sku(sku: object, expected: str | None) -> None:
    order = example_order()
    order["lines"][0]["sku"] = sku
    assert found(order) == [("MP213", "lines.0.sku", expected)]
    order["lines"][0]["sku"] = "X" * 64
    assert found(order) == []


# --- order level ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("number", "expected"), [(1337, "1337"), ("", None), ("  ", None), (["1"], None)])
def test_mp302_order_number(number: object, expected: str | None) -> None:
    order = example_order()
    order["orderNumber"] = number
    assert found(order) == [("MP302", "orderNumber", expected)]


@pytest.mark.parametrize("lines", [[], {}, "lines", 3])
def test_mp303_order_lines(lines: object) -> None:
    order = example_order()
    order["lines"] = lines
    assert found(order) == [("MP303", "lines", None)]


def test_mp304_order_amount_uses_mollies_message() -> None:
    order = example_order()
    order["amount"]["value"] = "1028.00"
    finding = only(order, "MP304")
    assert (finding.field, finding.expected, finding.actual) == ("amount", "1027.99", "1028.00")
    assert finding.message == (
        "The amount of the order does not match the total amount from the order lines. "
        "Expected order amount to be €1,027.99 but got €1,028.00."
    )


def test_mp304_is_not_reported_when_a_line_cannot_be_summed() -> None:
    order = example_order()
    order["amount"]["value"] = "1028.00"
    order["lines"][1]["totalAmount"] = "329.99"  # still summable: unitPrice × quantity gives the total
    assert codes(order) == ["MP101", "MP304"]
    order["lines"][1]["unitPrice"] = "329.99"  # now neither the sent nor the correct total is known
    assert codes(order) == ["MP101", "MP101"]


def test_mp305_order_vat_negative() -> None:
    line = _reduction_line("discount", "-1200.00")
    order = _with_line(line)
    assert ("MP305", "lines", None) in found(order)


def test_mp306_vat_per_rate_negative() -> None:
    order = _with_line(_reduction_line("discount", "-50.00", "9.00"))
    order["lines"].append(_reduction_line("physical", "30.00", "9.00"))
    order["amount"]["value"] = str(mp.order_amount(order["lines"]))
    assert found(order) == [("MP306", "lines.2.vatRate", None)]


def test_mp307_discount_line_rate_not_on_any_product() -> None:
    assert found(_with_line(_reduction_line("discount", "-10.00", "9.00"))) == [
        ("MP306", "lines.2.vatRate", None),
        ("MP307", "lines.2.vatRate", None),
    ]


def test_mp308_gift_card_taxed() -> None:
    assert found(_with_line(_reduction_line("gift_card", "-10.00", "21.00"))) == [
        ("MP308", "lines.2.vatRate", None)
    ]  # the rate and the VAT change


def test_mp309_an_order_of_nothing_is_refused_at_its_payment_amount() -> None:
    order = example_order()
    total = str(mp.order_amount(order["lines"]))
    order = _with_line(_reduction_line("gift_card", f"-{total}", "0.00"))
    assert order["amount"]["value"] == "0.00"
    assert found(order) == [("MP309", "payment.amount", None)]
    finding = only(order, "MP309")
    assert finding.actual == "0.00"
    assert finding.message == (
        "The amount is lower than the minimum. (The order's amount is €0.00: Mollie creates a payment with every "
        "order, and a payment of nothing is refused. Complete a free order without Mollie.)"
    )


def test_mp309_leaves_a_zero_amount_that_is_not_the_lines_sum_to_mp304() -> None:
    order = example_order()
    order["amount"]["value"] = "0.00"
    assert codes(order) == ["MP304"]
    # Told by the sum, not by MP304's report: with MP304 left out, nothing is reported in its place.
    report = mp.validate_order(order, options=mp.Options(ignore=("MP304",)))
    assert [v.code for v in report] == []


def test_lines_may_use_any_amount_currency_when_the_order_amount_is_unusable() -> None:
    order = example_order()
    del order["amount"]
    order["lines"][1]["totalAmount"]["currency"] = "USD"
    assert found(order) == [("MP301", "amount", None), ("MP107", "lines.1.totalAmount.currency", "EUR")]


def test_findings_come_in_a_stable_order() -> None:
    order = example_order()
    order["lines"][1]["vatAmount"]["value"] = "57.28"
    order["lines"][0]["vatAmount"]["value"] = "121.15"
    order["amount"]["value"] = "1.00"
    first = found(order)
    assert first == [
        ("MP203", "lines.0.vatAmount", "121.14"),
        ("MP203", "lines.1.vatAmount", "57.27"),
        ("MP304", "amount", "1027.99"),
    ]
    assert found(copy.deepcopy(order)) == first


def test_mp210_mixed_evidence_is_left_to_a_person() -> None:
    # The total is negative but the VAT positive: the line's figures disagree, so the price is not "the" error.
    violation = only(_coupon(vat="1.74"), "MP210")
    assert violation.expected is None
    assert found(_coupon(vat="1.74"))[0] == ("MP210", "lines.1.unitPrice", None)
