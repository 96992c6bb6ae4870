"""Findings a person can act on: the three confusing pairs of issue 16, and the text reporter's brackets."""

from __future__ import annotations

import mollie_preflight as mp
from mollie_preflight._cli.records import Finding
from mollie_preflight._cli.reporters.text import line

from .helpers import only
from .payloads import example_order

ALL = mp.Options()


def test_an_amount_sent_as_a_json_number_says_its_type_in_actual() -> None:
    order = example_order()
    order["lines"][1]["unitPrice"]["value"] = 329.99
    violation = only(order, "MP102")
    assert (violation.expected, violation.actual) == ("329.99", "329.99 (a JSON number)")
    assert violation.message.endswith('send "329.99" (in quotes).')


def test_a_quantity_sent_as_a_string_says_its_type_and_what_to_send() -> None:
    order = example_order()
    order["lines"][1]["quantity"] = "1"
    violation = only(order, "MP215", options=ALL)
    assert (violation.field, violation.expected, violation.actual) == ("lines.1.quantity", "1", '"1" (a JSON string)')
    assert violation.message == (
        "Order line 1 is invalid. The 'quantity' field is a string; the docs ask for a JSON integer, 1 without "
        "quotes. Mollie accepts the string today."
    )


def test_a_whole_quantity_sent_with_a_decimal_point_says_what_to_send() -> None:
    order = example_order()
    order["lines"][1]["quantity"] = 1.0
    violation = only(order, "MP207")
    assert (violation.field, violation.expected, violation.actual) == ("lines.1.quantity", "1", "1.0 (a JSON number)")
    assert violation.message == (
        "Order line 1 is invalid. The 'quantity' field should be a whole number (a JSON integer), got "
        "1.0 (a JSON number); send 1, without a decimal point."
    )


def test_a_local_phone_number_has_no_expected_and_says_what_a_person_decides() -> None:
    order = example_order()
    order["billingAddress"]["phone"] = "06-1234567"
    violation = only(order, "MP420", options=ALL)
    assert (violation.expected, violation.actual) == (None, "06-1234567")
    assert "Send the number with its country code" in violation.message
    spaced = example_order()
    spaced["billingAddress"]["phone"] = "+31 20 820 2070"
    violation = only(spaced, "MP420", options=ALL)
    assert violation.expected == "+31208202070"
    assert violation.message.endswith("Send +31208202070.")


def test_vat_rate_and_order_number_numbers_show_their_type() -> None:
    order = example_order()
    order["lines"][0]["vatRate"] = 21
    order["orderNumber"] = 42
    rate = only(order, "MP214")  # a number Mollie accepts today: a warning that says what the docs ask
    assert (rate.expected, rate.actual) == ("21.00", "21 (a JSON number)")
    assert 'a string such as "21.00"' in rate.message
    number = only(order, "MP302")
    assert (number.expected, number.actual) == ("42", "42 (a JSON number)")


def _finding(expected: str | None, actual: str | None) -> Finding:
    where = ("o.jsonl", 1, 1, "1")
    return Finding(*where, "MP420", "phone", "error", "billingAddress.phone", "", "m", expected, actual)


def test_the_text_reporter_shows_expected_only_when_there_is_one() -> None:
    assert line(_finding(None, "06-1234567")).endswith("billingAddress.phone: m [actual 06-1234567] (order 1)")
    assert line(_finding("+31612345678", "+31 6 12345678")).endswith(
        "m [expected +31612345678, actual +31 6 12345678] (order 1)"
    )
    assert line(_finding(None, None)).endswith("billingAddress.phone: m (order 1)")
