"""The public finding model: Report, Violation, OrderValidationError, problem documents."""

from __future__ import annotations

import copy
import datetime
import pickle
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import mollie_preflight as mp
from mollie_preflight._options import DEFAULT_OPTIONS
from mollie_preflight._rules.checker import Checker

from .helpers import TODAY
from .payloads import example_order


def _broken() -> mp.Report:
    order = example_order()
    order["lines"][0]["vatAmount"]["value"] = "121.15"
    order["lines"][0]["type"] = "discount"  # a positive discount line, downgraded to a warning here
    return mp.validate_order(order, today=TODAY, options=mp.Options(severities={"MP210": "warning"}))


def test_report_is_a_sequence_of_violations_split_by_severity() -> None:
    report = _broken()
    assert not report.ok
    assert len(report) == len(report.violations) == len(list(report))
    assert report[0] is report.violations[0]
    assert [v.code for v in report.errors] == ["MP203"]
    assert [v.code for v in report.warnings] == ["MP210"]
    assert all(v.severity is mp.Severity.ERROR for v in report.errors)


def test_clean_report() -> None:
    report = mp.validate_order(example_order(), today=TODAY)
    assert report.ok
    assert report.to_problem() is None
    report.raise_for_errors()


def test_raise_for_errors_carries_every_finding() -> None:
    report = _broken()
    with pytest.raises(mp.OrderValidationError) as caught:
        report.raise_for_errors()
    assert caught.value.report is report
    assert caught.value.violations == report.violations
    assert str(caught.value).startswith("lines.0.vatAmount: MP203 Order line 0 is invalid. VAT amount is off.")
    assert isinstance(caught.value, mp.PreflightError)
    assert isinstance(caught.value, ValueError)


def test_warnings_alone_keep_the_report_ok() -> None:
    order = example_order()
    order["lines"][1]["metadata"] = "x" * 1005
    report = mp.validate_order(order, today=TODAY)
    assert report.ok
    assert [v.code for v in report.warnings] == ["MP011"]
    assert report.to_problem() is None


def test_violation_paths_render_as_mollie_field_and_json_pointer() -> None:
    violation = mp.Violation("MP203", "line-vat-amount", mp.Severity.ERROR, ("lines", 0, "a/b~c"), "m")
    assert violation.field == "lines.0.a/b~c"
    assert violation.pointer == "/lines/0/a~1b~0c"
    assert violation.to_dict() == {
        "code": "MP203",
        "name": "line-vat-amount",
        "severity": "error",
        "field": "lines.0.a/b~c",
        "pointer": "/lines/0/a~1b~0c",
        "message": "m",
        "expected": None,
        "actual": None,
    }


def test_problem_document_for_a_top_level_finding_has_no_field() -> None:
    problem = mp.validate_order([], today=TODAY).to_problem()
    assert problem is not None
    assert "field" not in problem
    assert problem["detail"] == "The request body must be a JSON object, got array."


def test_problem_document_carries_extra() -> None:
    extra = {"minimumAmount": {"currency": "EUR", "value": "0.00"}}
    violation = mp.Violation("MP203", "line-vat-amount", mp.Severity.ERROR, ("lines", 0, "amount"), "m", extra=extra)
    problem = mp.Report((violation,)).to_problem()
    assert problem is not None
    assert problem["extra"] == extra
    assert violation.to_dict()["extra"] == extra


def test_severity_is_a_string_enum_with_a_rank() -> None:
    assert mp.Severity("error") is mp.Severity.ERROR
    assert str(mp.Severity.WARNING) == "warning"
    assert mp.Severity.ERROR.rank > mp.Severity.WARNING.rank


def test_validate_order_refuses_wrong_api_use_loudly() -> None:
    with pytest.raises(TypeError, match="Options"):
        mp.validate_order({}, options={"ignore": ["MP203"]})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"datetime\.date"):
        mp.validate_order({}, today="2026-11-22")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"datetime\.date, not datetime"):
        mp.validate_order({}, today=datetime.datetime(2026, 11, 22, 12, 0))


def test_today_defaults_to_the_date_in_amsterdam() -> None:
    before = datetime.datetime.now(ZoneInfo("Europe/Amsterdam")).date()
    today = Checker(DEFAULT_OPTIONS, None).today
    after = datetime.datetime.now(ZoneInfo("Europe/Amsterdam")).date()
    assert today in (before, after)
    assert Checker(DEFAULT_OPTIONS, TODAY).today == TODAY


def _plus_cents(value: str, cents: int = 1) -> str:
    return str(Decimal(value) + Decimal(cents) / 100)


def _lines_sent_total(order: dict[str, Any]) -> str:
    return str(sum(Decimal(line["totalAmount"]["value"]) for line in order["lines"]))


def test_the_problem_is_the_amount_when_it_is_not_the_sum_of_the_totals_as_sent() -> None:
    """Mollie checks the order amount against the line totals as sent before the lines themselves
    (mollie/PrestaShop#89, mollie/Shopware6#562): that is its answer, while the findings keep walk order."""
    order = example_order()
    vat = order["lines"][0]["vatAmount"]
    vat["value"] = _plus_cents(vat["value"])
    order["amount"]["value"] = _plus_cents(_lines_sent_total(order))
    report = mp.validate_order(order, today=TODAY)
    assert [(v.code, v.field) for v in report.errors] == [("MP203", "lines.0.vatAmount"), ("MP304", "amount")]
    problem = report.to_problem()
    assert problem is not None
    assert (problem["field"], problem["status"]) == ("amount", 422)
    assert problem["detail"].startswith("The amount of the order does not match the total amount from the order")
    assert "precedence" not in report.errors[1].to_dict()


def test_a_line_error_comes_first_when_the_totals_as_sent_add_up() -> None:
    """When the sent totals sum to the amount, Mollie answers about the line (mollie/Magento#226): the
    amount finding that follows from the corrected line is no earlier than the walk puts it."""
    order = example_order()
    total = order["lines"][0]["totalAmount"]
    total["value"] = _plus_cents(total["value"])
    order["amount"]["value"] = _lines_sent_total(order)
    report = mp.validate_order(order, today=TODAY)
    assert [v.code for v in report.errors][-1] == "MP304"
    problem = report.to_problem()
    assert problem is not None
    assert problem["field"] == "lines.0.totalAmount"


def _wrong_vat_report() -> mp.Report:
    order = example_order()
    order["lines"][0]["vatAmount"]["value"] = "999.99"
    return mp.validate_order(order, today=TODAY)


def test_a_message_written_on_first_read_is_the_same_text_everywhere() -> None:
    report = _wrong_vat_report()
    finding = next(v for v in report if v.code == "MP203")
    again = pickle.loads(pickle.dumps(_wrong_vat_report()))  # pickled before any message was read
    text = finding.message
    assert text.startswith("Order line 0 is invalid. VAT amount is off. Expected VAT amount to be ")
    assert text.endswith(", got €999.99.")
    assert next(v for v in again if v.code == "MP203").message == text
    assert finding == mp.Violation(finding.code, finding.name, finding.severity, finding.path, text,
                                   finding.expected, finding.actual)  # fmt: skip
    assert repr(finding).startswith("Violation(code='MP203', name='line-vat-amount', ")
    assert f"message={text!r}" in repr(finding)


def test_public_values_pickle_copy_compare_and_stay_immutable() -> None:
    report = _wrong_vat_report()
    rule = mp.RULES["MP203"]
    values: list[object] = [report, report[0], rule, rule.sources[0], mp.Options(ignore=("MP2",))]
    for value in values:
        assert pickle.loads(pickle.dumps(value)) == value
        assert copy.copy(value) == value
        assert copy.deepcopy(value) == value
        with pytest.raises(AttributeError):
            value.code = "MP999"  # type: ignore[attr-defined]
    assert len({report, _wrong_vat_report()}) == 1
    assert report != mp.Report(report.violations, "update-order")


def test_the_exception_names_the_error_to_problem_gives_when_the_two_orders_differ() -> None:
    """One place decides Mollie's first error: with an amount that is not the sum of the totals as sent and a
    line error listed before it, the exception's message and the problem document both name the amount."""
    order = example_order()
    vat = order["lines"][0]["vatAmount"]
    vat["value"] = _plus_cents(vat["value"])
    order["amount"]["value"] = _plus_cents(_lines_sent_total(order))
    report = mp.validate_order(order, today=TODAY)
    assert [v.code for v in report.errors] == ["MP203", "MP304"]
    assert report.first_error is report.errors[1]
    problem = report.to_problem()
    assert problem is not None
    with pytest.raises(mp.OrderValidationError) as caught:
        report.raise_for_errors()
    assert str(caught.value).startswith(f"amount: MP304 {problem['detail']}")
    assert str(caught.value).endswith(" (+1 more)")


def test_a_report_without_errors_has_no_first_error() -> None:
    assert mp.validate_order(example_order(), today=TODAY).first_error is None
