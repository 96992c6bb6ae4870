"""MP532: an order amount outside what a requested method takes; documented limits, or a profile's own."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
import responses
from mollie.api.client import Client

import mollie_preflight as mp
from mollie_preflight._reference.method_limits import DOCUMENTED, AmountLimits, limits_from_methods

from .helpers import TODAY
from .payloads import example_order


def order_of(value: str, method: object) -> dict[str, Any]:
    """A valid order of one line worth ``value`` (VAT 0 %), paid with ``method``."""
    line = mp.build_line(name="Sample", quantity=1, unit_price=value, vat_rate="0", currency="EUR")
    return {**example_order(), "lines": [line], "amount": {"currency": "EUR", "value": value}, "method": method}


def limit_findings(order: dict[str, Any], options: mp.Options | None = None) -> list[tuple[str, str, str | None]]:
    found = mp.validate_order(order, today=TODAY, options=options)
    return [(v.field, v.message, v.actual) for v in found if v.code == "MP532"]


@pytest.mark.parametrize(("method", "low"), [("ideal", "0.01 to 50000.00"), ("klarna", "1.00 to 14000.00")])
def test_a_zero_order_with_ideal_or_klarna_gets_a_warning(method: str, low: str) -> None:
    report = mp.validate_order(order_of("0.00", method), today=TODAY)
    assert [v.code for v in report] == ["MP309", "MP532"]  # an order of nothing is refused outright, too
    violation = report[1]
    assert (violation.code, violation.severity, violation.field) == ("MP532", mp.Severity.WARNING, "method")
    assert (violation.expected, violation.actual) == (None, "0.00")  # any amount in the window: a person decides
    assert (
        violation.message
        == f"The method {method} takes EUR {low}; the order is EUR 0.00, so {method} cannot pay this order."
    )


def test_within_the_limits_and_without_limits_there_is_no_finding() -> None:
    assert limit_findings(order_of("0.01", "ideal")) == []
    assert limit_findings(order_of("0.00", "creditcard")) == []  # cards take EUR 0.00
    assert mp.validate_order(order_of("0.00", "creditcard"), today=TODAY).errors == ()  # nor MP309
    assert limit_findings(order_of("0.00", "banktransfer")) == []  # no documented limit
    assert limit_findings(order_of("90000.00", "bancontact")) == []  # no maximum for card entry


def test_a_method_of_a_list_outside_its_limits_is_not_offered() -> None:
    found = limit_findings(order_of("0.50", ["ideal", "klarna", "creditcard"]))
    assert found == [
        ("method", "The method klarna takes EUR 1.00 to 14000.00; the order is EUR 0.50, so klarna will "
         "not be offered.", "0.50"),
    ]  # fmt: skip


METHODS_RESPONSE = {
    "count": 2,
    "_embedded": {
        "methods": [
            {
                "resource": "method",
                "id": "ideal",
                "minimumAmount": {"value": "1.00", "currency": "EUR"},
                "maximumAmount": {"value": "50000.00", "currency": "EUR"},
            },
            {
                "resource": "method",
                "id": "creditcard",
                "minimumAmount": {"value": "0.01", "currency": "EUR"},
                "maximumAmount": None,
            },
        ]
    },
}


def test_a_profiles_limits_replace_the_documented_ones() -> None:
    profile = mp.Options(methods=METHODS_RESPONSE)
    assert limit_findings(order_of("0.50", "ideal")) == []
    [(_, message, _)] = limit_findings(order_of("0.50", "ideal"), profile)
    assert message.startswith("The method ideal takes EUR 1.00 to 50000.00;")
    assert limit_findings(order_of("25000.00", "creditcard")) != []  # above the documented 10,000
    assert limit_findings(order_of("25000.00", "creditcard"), profile) == []  # this profile has no maximum
    assert limit_findings(order_of("0.00", "creditcard"), profile) != []
    assert limit_findings(order_of("0.00", "klarnapaylater"), profile) != []  # not in the answer: documented
    again = pickle.loads(pickle.dumps(profile))
    assert again.method_limits == profile.method_limits


@responses.activate
def test_the_official_clients_method_list_is_read_as_it_is() -> None:
    responses.add(responses.GET, "https://api.mollie.com/v2/methods", json=METHODS_RESPONSE, status=200)
    client = Client()
    client.set_api_key("test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM")
    options = mp.Options(methods=list(client.methods.list(amount={"value": "10.00", "currency": "EUR"})))
    assert options.method_limits["ideal"] == AmountLimits("EUR", 100, 5_000_000)
    assert options.method_limits["creditcard"] == AmountLimits("EUR", 1, None)
    assert options.method_limits["klarna"] == DOCUMENTED["klarna"]


@pytest.mark.parametrize(
    ("methods", "message"),
    [
        ("ideal", "a Methods API response or a list"),
        ({"_embedded": {}}, "a Methods API response or a list"),
        ([{"id": "ideal"}], "minimumAmount is not an amount"),
        ([{"id": "ideal", "minimumAmount": {"value": "1", "currency": "EUR"}}], "minimumAmount is not an amount"),
        ([{"minimumAmount": None}], "not a method with an id"),
        (
            [
                {
                    "id": "ideal",
                    "minimumAmount": {"value": "1.00", "currency": "EUR"},
                    "maximumAmount": {"value": "9.00", "currency": "GBP"},
                }
            ],
            "two currencies",
        ),
    ],
)
def test_a_methods_answer_that_cannot_be_read_is_refused(methods: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        mp.Options(methods=methods)
    with pytest.raises(ValueError, match=message):
        limits_from_methods(methods)


def test_the_fast_path_agrees_with_the_full_walk_on_the_limits() -> None:
    from mollie_preflight._create_order import validate_order_fully

    for value in ("0.00", "0.01", "0.99", "1.00", "10000.00", "10000.01", "14000.01", "50000.01"):
        for method in ("ideal", "klarna", "creditcard", "bancontact"):
            order = order_of(value, method)
            order["billingAddress"] = {**order["billingAddress"], "phone": "+31208202070"}
            assert list(mp.validate_order(order, today=TODAY)) == list(validate_order_fully(order, today=TODAY))
