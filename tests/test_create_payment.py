"""validate_payment: Mollie's reference examples, generated Payments bodies, one-unit corruptions, and the
line rules proven identical to the Orders API's where Mollie documents them identically."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import mollie_preflight as mp
from mollie_preflight._create_payment import validate_payment_fully
from mollie_preflight._money import format_minor
from mollie_preflight._reference.currencies import CURRENCY_DECIMALS

from .strategies import CURRENCIES, amount, minor_of, order_lines

EXAMPLES = sorted((Path(__file__).parent / "data" / "payments" / "create-payment").glob("*.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_reference_example_validates_without_a_finding(path: Path) -> None:
    body = json.loads(path.read_text(encoding="utf-8"))["body"]
    assert list(mp.validate_payment(body)) == []
    assert list(mp.validate(body, "create-payment")) == []


def payment_line(line: dict[str, Any]) -> dict[str, Any]:
    """The Orders line as the Payments API spells it: ``name`` becomes ``description``."""
    return {("description" if key == "name" else key): value for key, value in line.items()}


@st.composite
def valid_payments(draw: st.DrawFn, *, max_lines: int = 100) -> dict[str, Any]:
    """A Payments body built for the Payments API: any currency, 1–100 lines, discounts and gift cards."""
    currency = draw(st.sampled_from(CURRENCIES))
    lines = [payment_line(line) for line in draw(order_lines(currency, max_size=max_lines))]
    if draw(st.booleans()):
        lines[0]["categories"] = draw(st.lists(st.sampled_from(("eco", "gift", "meal")), min_size=1, unique=True))
    total = sum(minor_of(line["totalAmount"], currency) for line in lines)
    return {
        "amount": amount(currency, total),
        "description": f"Order {draw(st.integers(1, 10**9))}",
        "redirectUrl": "https://shop.example.org/return",
        "lines": lines,
    }


@given(valid_payments())
def test_a_generated_payment_has_no_finding(body: dict[str, Any]) -> None:
    before = copy.deepcopy(body)
    assert [str(v) for v in validate_payment_fully(body)] == []
    assert list(mp.validate_payment(body)) == []
    assert body == before


@given(valid_payments(max_lines=10), st.data())
def test_one_wrong_derived_figure_gives_exactly_its_finding(body: dict[str, Any], data: st.DataObject) -> None:
    currency = body["amount"]["currency"]
    decimals = CURRENCY_DECIMALS[currency]
    index = data.draw(st.integers(0, len(body["lines"]) - 1))
    field = data.draw(st.sampled_from(("totalAmount", "vatAmount", "amount")))
    delta = data.draw(st.sampled_from((1, -1)))
    target = body if field == "amount" else body["lines"][index]
    correct = minor_of(target[field], currency)
    # A free payment's amount a cent lower is negative: MP106, a different mistake than a figure that is off.
    assume(field != "amount" or correct + delta >= 0)
    broken = copy.deepcopy(body)
    (broken if field == "amount" else broken["lines"][index])[field] = amount(currency, correct + delta)
    found = [v for v in mp.validate_payment(broken) if v.severity is mp.Severity.ERROR]
    code, where = {
        "totalAmount": ("MP202", f"lines.{index}.totalAmount"),
        "vatAmount": ("MP203", f"lines.{index}.vatAmount"),
        "amount": ("MP304", "amount"),
    }[field]
    assert [(v.code, v.field, v.expected) for v in found] == [(code, where, format_minor(correct, decimals))]


@st.composite
def corrupted_lines(draw: st.DrawFn) -> tuple[str, list[dict[str, Any]]]:
    """Orders lines, some with a figure, a sign or a field broken the way Mollie documents for both APIs."""
    currency = draw(st.sampled_from(CURRENCIES))
    lines = draw(order_lines(currency, max_size=5))
    for line in lines:
        change = draw(st.sampled_from(("none", "total", "vat", "sign", "quantity", "type", "rate", "blank", "sku")))
        if change == "total":
            line["totalAmount"] = amount(currency, minor_of(line["totalAmount"], currency) + 1)
        elif change == "vat":
            line["vatAmount"] = amount(currency, minor_of(line["vatAmount"], currency) - 1)
        elif change == "sign":
            line["unitPrice"] = amount(currency, -minor_of(line["unitPrice"], currency) or 1)
        elif change == "quantity":
            line["quantity"] = draw(st.sampled_from((0, 1.5, "2", None)))
        elif change == "type":
            line["type"] = draw(st.sampled_from(("Physical", "tip", "goods")))
        elif change == "rate":
            line["vatRate"] = draw(st.sampled_from((21, "-1", "21,00", "abc")))
        elif change == "blank":
            line["name"] = " "
        elif change == "sku":
            line["sku"] = "x" * 65
    return currency, lines


def _free_gift_card(line: dict[str, Any]) -> bool:
    """A gift card of 0: refused by the Orders API (MP209), allowed by the Payments API for free items."""
    price = line.get("unitPrice")
    return line.get("type") == "gift_card" and isinstance(price, dict) and not price["value"].strip("-0.")


#: A negative VAT total: the Orders API's error (MP305) is the Payments API's per-rate warning (MP306), as
#: ``test_a_negative_vat_total_is_a_warning_on_payments_not_the_orders_error`` holds.
_VAT_TOTAL_CODES = {"MP305", "MP306"}


def _line_findings(report: mp.Report) -> list[tuple[str, str, str | None, str | None]]:
    return [
        (v.code, v.field.replace(".description", ".name"), v.expected, v.actual)
        for v in report
        if (v.field.startswith("lines") or v.code == "MP304") and v.code not in _VAT_TOTAL_CODES
    ]


@given(corrupted_lines())
def test_the_line_rules_are_the_same_on_both_apis(case: tuple[str, list[dict[str, Any]]]) -> None:
    """Where Mollie documents a line identically for both APIs, both validators give the same codes, fields
    and expected values: one implementation (gift cards of 0, missing VAT and a negative VAT total are where they
    differ)."""
    currency, lines = case
    lines = [
        line
        for line in lines
        if not (line.get("type") == "gift_card" and line["unitPrice"]["value"].lstrip("-").strip("0.") == "")
    ]
    if not lines:
        return
    total = sum(minor_of(line["totalAmount"], currency) for line in lines if isinstance(line.get("totalAmount"), dict))
    order = {"amount": amount(currency, total), "orderNumber": "1", "locale": "en_US", "lines": lines}
    payment = {"amount": amount(currency, total), "description": "1", "lines": [payment_line(x) for x in lines]}
    assert _line_findings(mp.validate_order(order)) == _line_findings(mp.validate_payment(payment))


def _pay(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "amount": {"currency": "EUR", "value": "10.00"},
        "description": "Order 1",
        "redirectUrl": "https://shop.example.org/return",
    }
    body.update(changes)
    return body


def _line(kind: str, unit: str, **extra: Any) -> dict[str, Any]:
    money = {"currency": "EUR", "value": unit}
    return {"type": kind, "description": kind, "quantity": 1, "unitPrice": money, "totalAmount": money, **extra}


@pytest.mark.parametrize(
    ("body", "code", "field", "expected"),
    [
        (_pay(method="klarnasliceit"), "MP934", "method", "klarna"),
        (_pay(method=["ideal", "sofort"]), "MP934", "method.1", None),
        (_pay(locale="de_lu"), "MP933", "locale", "de_LU"),
        (_pay(captureMode="Manual"), "MP935", "captureMode", "manual"),
        (_pay(method="riverty"), "MP939", "captureMode", "manual"),
        (_pay(restrictPaymentMethodsToCountry="nl"), "MP942", "restrictPaymentMethodsToCountry", "NL"),
        (_pay(lines=[_line("physical", "10.00", categories="meal")]), "MP921", "lines.0.categories", '["meal"]'),
        (_pay(lines=[_line("physical", "10.00", category="meal")]), "MP930", "lines.0.category", None),
        (_pay(lines=[_line("physical", "-10.00")]), "MP208", "lines.0.unitPrice", None),
        (_pay(lines=[_line("discount", "10.00")]), "MP210", "lines.0.unitPrice", None),
        (_pay(redirectUrl=None), "MP601", "redirectUrl", None),
        (_pay(customerId="8wmqcHMN4U"), "MP530", "customerId", None),
        (_pay(redirectURL="https://shop.example.org/r"), "MP718", "redirectURL", "redirectUrl"),
    ],
)
def test_a_payments_rule_reports_its_code_field_and_expected(
    body: dict[str, Any], code: str, field: str, expected: str | None
) -> None:
    found = [(v.code, v.field, v.expected) for v in mp.validate_payment(body) if v.code == code]
    assert found == [(code, field, expected)]


def test_the_orders_apis_payment_object_is_refused_where_mollie_names_it_and_orders_keys_stay_warnings() -> None:
    """Mollie refused an Orders-shaped payment object on create payment as 'Non-existent body parameter
    "payment.issuer"' (mollie/mollie-odoo#97): MP718 at the path Mollie names, with the way to send it. orderNumber
    and a line's name have no live answer and stay the MP930 warning."""
    body = _pay(payment={"issuer": "ideal_INGBNL2A"}, orderNumber="1001")
    found = [(v.code, v.field, v.severity.value) for v in mp.validate_payment(body) if v.code in ("MP718", "MP930")]
    assert found == [("MP718", "payment.issuer", "error"), ("MP930", "orderNumber", "warning")]
    first = mp.validate_payment(body).first_error
    assert first is not None
    assert first.message == (
        "Non-existent body parameter \"payment.issuer\" for this API call. ('payment' is an Orders API field; on the "
        "Payments API send the payment object's parameters at the top level)"
    )


def test_a_vat_amount_without_its_rate_is_mollies_error_and_a_rate_without_an_amount_a_warning() -> None:
    """Mollie refused a 0 % line whose rate was dropped and whose vatAmount 0.00 stayed (MP924, live); a rate
    without an amount has no live answer (MP920, a warning)."""
    rate_dropped = _pay(lines=[_line("digital", "10.00", vatAmount={"currency": "EUR", "value": "0.00"})])
    report = mp.validate_payment(rate_dropped)
    assert [(v.code, v.field, v.severity.value) for v in report] == [("MP924", "lines.0.vatRate", "error")]
    assert report.errors[0].message == (
        "Line item 0 is invalid. The 'vatRate' field is missing, but the 'vatAmount' field is present; send the "
        'line\'s rate, such as "21.00" ("0.00" for a 0 % line), or neither.'
    )
    amount_dropped = _pay(lines=[_line("digital", "10.00", vatRate="0.00")])
    found = [(v.code, v.field, v.severity.value) for v in mp.validate_payment(amount_dropped)]
    assert found == [("MP920", "lines.0.vatAmount", "warning")]


def test_an_empty_description_is_mollies_first_answer_mp911() -> None:
    """The C# SDK's integration test sends this body to Mollie and gets 422 "The description is invalid" (see
    tests/data/live): the description comes first, before the missing redirectUrl, with Mollie's words."""
    report = mp.validate_payment({"amount": {"currency": "EUR", "value": "100.00"}, "description": ""})
    assert [(v.code, v.field, v.actual) for v in report] == [
        ("MP911", "description", ""),
        ("MP601", "redirectUrl", None),
    ]
    assert mp.RULES["MP911"].mollie_message == "The description is invalid"


def test_payments_allow_a_free_gift_card_and_lines_without_vat() -> None:
    """Mollie's Payments reference: a gift card's unit price may be 0 for free items, and VAT is optional."""
    body = _pay(lines=[_line("physical", "10.00"), _line("gift_card", "0.00")])
    assert list(mp.validate_payment(body)) == []
    order_like = _line("gift_card", "0.00")
    assert [
        v.code for v in mp.validate_payment(_pay(lines=[order_like], amount={"currency": "EUR", "value": "0.00"}))
    ] == []


def test_a_negative_vat_total_is_a_warning_on_payments_not_the_orders_error() -> None:
    discount = _line("discount", "-10.00", vatRate="21.00", vatAmount={"currency": "EUR", "value": "-1.74"})
    goods = _line("physical", "20.00", vatRate="0.00", vatAmount={"currency": "EUR", "value": "0.00"})
    report = mp.validate_payment(_pay(lines=[goods, discount]))
    assert [(v.code, v.field, v.actual) for v in report] == [
        ("MP306", "lines.1.vatRate", "-1.74"),
        ("MP307", "lines.1.vatRate", "21.00"),
    ]


#: What Mollie's commercetools connector sends for a payment whose merchant gave no lines (its test's expected
#: parameters for method ideal, mollie/commercetools-connector processor/tests/utils/map.utils.spec.ts).
CONNECTOR_IDEAL = {
    "method": "ideal",
    "amount": {"currency": "EUR", "value": "10.00"},
    "locale": "en_GB",
    "redirectUrl": "https://example.com/success",
    "webhookUrl": "https://example.com/webhook",
    "description": "Test payment",
    "lines": [],
}


def test_an_empty_lines_array_is_no_lines() -> None:
    assert list(mp.validate_payment(CONNECTOR_IDEAL)) == []
    assert list(mp.validate_payment({**CONNECTOR_IDEAL, "lines": None})) == []


def test_a_method_that_needs_lines_still_asks_for_them_when_the_array_is_empty() -> None:
    report = mp.validate_payment({**CONNECTOR_IDEAL, "method": "klarna"})
    assert [(v.code, v.field) for v in report.errors] == [("MP950", "lines"), ("MP951", "billingAddress")]


@pytest.mark.parametrize("lines", [{}, "lines", 3])
def test_lines_that_are_no_array_are_still_mp303(lines: object) -> None:
    assert [(v.code, v.field) for v in mp.validate_payment({**CONNECTOR_IDEAL, "lines": lines})] == [("MP303", "lines")]


@pytest.mark.parametrize(
    ("amount", "code", "message"),
    [
        ({"currency": "EUR", "value": "-0.01"}, "MP106", "The amount cannot be negative."),
        ({"value": "10.00"}, "MP101", "The amount is missing 'currency'."),
    ],
)
def test_the_bodys_own_amount_is_named_plainly(amount: dict[str, str], code: str, message: str) -> None:
    """Not "The 'amount' amount …"; a line's amounts keep their field's name ("The 'unitPrice' amount …")."""
    found = [(v.code, v.message) for v in mp.validate_payment(_pay(amount=amount)) if v.code == code]
    assert found == [(code, message)]
    line = _line("physical", "10.00", discountAmount={"currency": "EUR", "value": "-1.00"})
    in_line = [(v.code, v.field, v.message) for v in mp.validate_payment(_pay(lines=[line]))]
    assert in_line == [
        (
            "MP106",
            "lines.0.discountAmount.value",
            "Line item 0 is invalid. The 'discountAmount' amount cannot be negative.",
        )
    ]


_POSTAL = {"streetAndNumber": "Keizersgracht 126", "postalCode": "1015 CW", "city": "Amsterdam", "country": "NL"}
_PERSON = {"givenName": "Anna", "familyName": "Jansen", "email": "anna@example.org"}


@pytest.mark.parametrize(
    ("address", "sent", "missing"),
    [
        ({**_PERSON, "country": "NL"}, "country", "streetAndNumber, postalCode, city"),
        ({**_PERSON, **_POSTAL, "postalCode": None}, "streetAndNumber, city, country", "postalCode"),
        ({"city": "Amsterdam"}, "city", "streetAndNumber, postalCode, country"),
    ],
)
def test_part_of_a_postal_address_is_refused_in_either_address_mp925(
    address: dict[str, Any], sent: str, missing: str
) -> None:
    """Mollie takes a payment's address with an e-mail or a whole postal address, not a part of one
    (mollie/WooCommerce#1008, odoo/odoo#268188)."""
    for key in ("billingAddress", "shippingAddress"):
        found = [(v.code, v.field, v.actual, v.message) for v in mp.validate_payment(_pay(**{key: address}))]
        assert found == [
            (
                "MP925",
                key,
                sent,
                f"The {key} has part of a postal address ({sent}) but not {missing}: send streetAndNumber, "
                "postalCode, city and country together, or none of them.",
            )
        ]


@pytest.mark.parametrize(
    "address",
    [
        _PERSON,
        {**_PERSON, **_POSTAL},
        _POSTAL,
        {**_PERSON, "streetAndNumber": "1 Queen St", "city": "Hong Kong", "country": "HK"},
    ],
    ids=["names and e-mail", "whole", "postal only", "no postal code in HK"],
)
def test_no_postal_address_or_a_whole_one_is_accepted(address: dict[str, Any]) -> None:
    assert [v.code for v in mp.validate_payment(_pay(billingAddress=address)) if v.code == "MP925"] == []


def test_a_vat_rate_with_a_floating_point_error_is_read_as_the_rate_it_stands_for() -> None:
    """Mollie's WooCommerce plugin sends round($tax / $total, 4) * 100 as a JSON number: 7.000000000000001 on
    every 7 % line (PHP's doubles, as Python's). It is 7 %: the MP214 warning with "7.00", and the VAT is
    checked at 7 %. A third decimal that is really there stays the MP212 error."""
    rate = round(0.07, 4) * 100
    assert repr(rate) == "7.000000000000001"
    line = _line("physical", "10.70", vatRate=rate, vatAmount={"currency": "EUR", "value": "0.70"})
    body = _pay(amount={"currency": "EUR", "value": "10.70"}, lines=[line])
    assert [(v.code, v.severity.value, v.field, v.expected) for v in mp.validate_payment(body)] == [
        ("MP214", "warning", "lines.0.vatRate", "7.00")
    ]
    body["lines"][0]["vatAmount"]["value"] = "0.71"
    assert [(v.code, v.field, v.expected) for v in mp.validate_payment(body)] == [
        ("MP214", "lines.0.vatRate", "7.00"),
        ("MP203", "lines.0.vatAmount", "0.70"),
    ]
    body["lines"][0].update(vatRate=7.125, vatAmount={"currency": "EUR", "value": "0.70"})
    assert [(v.code, v.field, v.expected) for v in mp.validate_payment(body)] == [("MP212", "lines.0.vatRate", None)]


@pytest.mark.parametrize(
    ("cancel", "expected"),
    [
        ("", [("MP013", "warning", "cancelUrl")]),  # Shopware 6 (5.x) sends it on every payment: no cancel URL
        (" ", [("MP012", "error", "cancelUrl")]),
        ("https%3A%2F%2Fshop.example.org%2Fcart", [("MP012", "error", "cancelUrl")]),  # only '' is taken
        ("https://shop.example.org/cart", []),
    ],
)
def test_an_empty_cancel_url_is_no_cancel_url(cancel: str, expected: list[tuple[str, str, str]]) -> None:
    report = mp.validate_payment(_pay(cancelUrl=cancel))
    assert [(v.code, v.severity.value, v.field) for v in report] == expected


def test_an_empty_categories_array_is_a_line_of_no_voucher_category() -> None:
    """Mollie's PrestaShop module sends "categories": [] on every line (6.4, Payments API): a line no voucher
    pays for, like a line without the field. A voucher payment whose lines have none is still MP953."""
    line = _line("physical", "10.00", vatRate="6.00", vatAmount={"currency": "EUR", "value": "0.57"}, categories=[])
    body = _pay(amount={"currency": "EUR", "value": "10.00"}, lines=[line])
    assert list(mp.validate_payment(body)) == []
    body["method"] = "voucher"
    assert [(v.code, v.field) for v in mp.validate_payment(body)] == [("MP953", "lines")]
    body["lines"][0]["categories"] = {"meal": True}
    assert [(v.code, v.field, v.message) for v in mp.validate_payment(body) if v.code == "MP921"] == [
        (
            "MP921",
            "lines.0.categories",
            "Line item 0 is invalid. The 'categories' field must be an array of categories, got object.",
        )
    ]


def test_an_empty_optional_address_field_is_a_warning_and_white_space_an_error() -> None:
    """Mollie's WooCommerce plugin sends "" for the region, address line 2 and company of every order without
    one (MP408, a warning: read as not sent); a value of white space was refused live (MP404)."""
    address = {**_PERSON, **_POSTAL, "email": "a@b.nl", "region": "", "organizationName": "", "streetAdditional": " "}
    report = mp.validate_payment(_pay(billingAddress=address))
    assert [(v.code, v.severity.value, v.field, v.actual) for v in report] == [
        ("MP408", "warning", "billingAddress.organizationName", ""),
        ("MP404", "error", "billingAddress.streetAdditional", " "),
        ("MP408", "warning", "billingAddress.region", ""),
    ]
    assert mp.validate_payment(_pay(billingAddress=address), options=mp.Options(inferred=False)).warnings == ()


def test_a_method_that_needs_the_whole_billing_address_names_the_missing_fields_once() -> None:
    """klarna needs every field (MP952), which lists the missing postal ones: MP925 does not say it again."""
    body = _pay(method="klarna", billingAddress={**_PERSON, "country": "NL"})
    assert [v.code for v in mp.validate_payment(body) if v.field == "billingAddress"] == ["MP952"]


def test_an_empty_country_is_no_country_not_a_wrong_code() -> None:
    """A Medusa plugin sends every member of a guest's address as "": no address, four MP408 warnings, no MP405.
    With the postal fields filled, the missing country makes the address partial (MP925)."""
    empty = {"streetAndNumber": "", "postalCode": "", "city": "", "country": ""}
    report = mp.validate_payment(_pay(billingAddress=empty))
    assert [(v.code, v.severity.value, v.field) for v in report] == [
        ("MP408", "warning", f"billingAddress.{key}") for key in ("streetAndNumber", "postalCode", "city", "country")
    ]
    report = mp.validate_payment(_pay(billingAddress={**_POSTAL, "country": ""}))
    assert [(v.code, v.field) for v in report] == [("MP408", "billingAddress.country"), ("MP925", "billingAddress")]
    report = mp.validate_payment(_pay(billingAddress={"email": "a@b.nl", "country": " "}))
    assert [(v.code, v.field, v.actual) for v in report] == [("MP404", "billingAddress.country", " ")]


def test_alma_needs_every_field_of_the_billing_address_and_a_missing_name_is_named_at_its_field() -> None:
    """Mollie refused an Alma payment whose billing address had the e-mail and the postal fields but no name, at
    billingAddress.givenName (mollie/Magento#246); its changelog lists Alma's seven required fields."""
    body = _pay(
        amount={"currency": "EUR", "value": "149.00"}, method="alma", billingAddress={**_POSTAL, "email": "a@b.nl"}
    )
    found = [(v.code, v.field, v.message) for v in mp.validate_payment(body) if v.code == "MP952"]
    assert found == [
        (
            "MP952",
            "billingAddress.givenName",
            "The method alma needs these fields of the billingAddress: givenName, familyName.",
        )
    ]
    assert [v.code for v in mp.validate_payment(_pay(method="alma", billingAddress={**_PERSON, **_POSTAL}))] == []


@pytest.mark.parametrize(
    ("method", "address", "field", "missing"),
    [
        ("klarna", {**_PERSON, **_POSTAL, "familyName": " "}, "billingAddress.familyName", "familyName"),
        ("in3", {**_POSTAL, "email": "a@b.nl"}, "billingAddress.givenName", "givenName, familyName"),
        ("riverty", {**_PERSON, "country": "NL"}, "billingAddress", "streetAndNumber, postalCode, city"),
        ("alma", {**_PERSON, **_POSTAL, "email": None}, "billingAddress", "email"),
    ],
    ids=["klarna family name", "in3 both names", "riverty postal fields", "alma e-mail"],
)
def test_mp952_points_at_the_first_missing_name_and_lists_the_rest_at_the_address(
    method: str, address: dict[str, Any], field: str, missing: str
) -> None:
    body = _pay(method=method, billingAddress=address, captureMode="manual")
    found = [(v.field, v.message) for v in mp.validate_payment(body) if v.code == "MP952"]
    assert found == [(field, f"The method {method} needs these fields of the billingAddress: {missing}.")]


def test_alma_offered_in_an_array_warns_of_its_missing_billing_fields() -> None:
    body = _pay(method=["alma", "ideal"], billingAddress={**_POSTAL, "email": "a@b.nl"})
    found = [(v.code, v.field, v.actual) for v in mp.validate_payment(body) if v.code == "MP968"]
    assert found == [("MP968", "billingAddress", "alma")]
