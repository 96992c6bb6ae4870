"""The facts copied from Mollie's documentation into ``tests/data``: their shape, and the arithmetic they state.

The Payments API work builds its rules and its tests on these files, so a wrong fact here would become a wrong rule
there. Three kinds of check keep them honest:

- shape: every file names a source a reader can open, every example has a body, every fact its source;
- agreement between the files: an example body uses only parameters the catalogue documents, sends every parameter
  the catalogue marks as required, with the documented JSON types; where it does not, the file says so in ``expect``
  (and a test fails when the explanation is missing or no longer needed);
- arithmetic: every line a document shows is recomputed with the library's public formulas, and the breaks found
  must be exactly the ones the file records — Mollie's examples are not always right (the discounts guide's
  2 × 19.99 = 38.98), and the next reader must not mistake a recorded typo for a rule.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

import mollie_preflight as mp

DATA = Path(__file__).parent / "data"
PAYMENTS = DATA / "payments"
ORDERS_EXAMPLE = DATA / "orders" / "create-order-docs-example.json"
DISCOUNTS_GUIDE = DATA / "orders" / "discounts-guide.json"
PARAMETERS = PAYMENTS / "parameters.json"
MIGRATION = PAYMENTS / "migration.json"

PAYMENT_EXAMPLES = sorted(PAYMENTS.glob("*/*.json"))
ENDPOINTS = ("create-payment", "update-payment", "create-capture", "create-payment-refund")
EXPECT_ISSUES = frozenset(
    {
        "unknown-key",
        "required-but-absent",
        "required-in-schema-only",
        "line-total-formula",
        "vat-amount-formula",
        "lines-sum",
    }
)
JSON_TYPES: dict[str, type] = {"string": str, "object": dict, "array": list}


def load(path: Path) -> dict[str, Any]:
    document = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(document, dict), path
    return document


def is_https_url(value: object) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme == "https" and bool(parts.netloc) and " " not in value


def name(path: Path) -> str:
    return str(path.relative_to(DATA))


def expected(document: Mapping[str, Any], *issues: str) -> dict[str, dict[str, Any]]:
    """The ``expect`` entries of the given issues, by field."""
    return {entry["field"]: entry for entry in document.get("expect", []) if entry["issue"] in issues}


# --- every file is checked --------------------------------------------------------------------------------------


def test_every_data_file_is_one_this_module_checks() -> None:
    """A file added to the documents' folders without a check here would be a fact nobody verifies.

    (``live/`` is replayed by test_live_evidence.py, ``library_*.json`` by the tests of the libraries' data.)
    """
    checked = {ORDERS_EXAMPLE, DISCOUNTS_GUIDE, PARAMETERS, MIGRATION, *PAYMENT_EXAMPLES}
    assert {*(DATA / "orders").rglob("*.json"), *(DATA / "payments").rglob("*.json")} == checked
    assert {path.parent.name for path in PAYMENT_EXAMPLES} == set(ENDPOINTS)


# --- the example files ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [ORDERS_EXAMPLE, *PAYMENT_EXAMPLES], ids=name)
def test_an_example_file_names_its_source_and_holds_an_object_body(path: Path) -> None:
    document = load(path)
    assert is_https_url(document["source"])
    assert is_https_url(document["source_file"])
    assert document["section"].strip()
    assert document["note"].strip()
    assert isinstance(document["body"], dict)
    assert document["body"]
    for entry in document.get("expect", []):
        assert entry["issue"] in EXPECT_ISSUES, entry
        assert entry["field"].strip()
        assert len(entry["explanation"]) > 40, entry


@pytest.mark.parametrize("path", PAYMENT_EXAMPLES, ids=name)
def test_a_payments_example_keeps_the_sample_it_was_transcribed_from(path: Path) -> None:
    """The body is a transcription; the verbatim sample beside it lets a reader check every value."""
    document = load(path)
    assert document["source"].startswith("https://docs.mollie.com/reference/")
    assert document["transcription"].strip()
    sample = document["sample"]
    for value in leaves(document["body"]):
        assert value in sample or value.replace('"', '\\"') in sample, value


def leaves(value: object) -> Iterator[str]:
    """Every key and scalar of a JSON value, as text."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from leaves(item)
    else:
        yield str(value)


@pytest.mark.parametrize("path", PAYMENT_EXAMPLES, ids=name)
def test_a_payments_example_uses_only_documented_parameters(path: Path) -> None:
    document = load(path)
    documented = load(PARAMETERS)["endpoints"][path.parent.name]["parameters"]
    unknown = set(document["body"]) - set(documented)
    assert unknown == set(expected(document, "unknown-key"))


@pytest.mark.parametrize("path", PAYMENT_EXAMPLES, ids=name)
def test_a_payments_example_sends_what_the_catalogue_requires(path: Path) -> None:
    document = load(path)
    documented = load(PARAMETERS)["endpoints"][path.parent.name]["parameters"]
    required = {key for key, fact in documented.items() if fact["required"] is True}
    assert required - set(document["body"]) == set(expected(document, "required-but-absent"))
    for field in expected(document, "required-in-schema-only"):
        assert field not in document["body"]
        assert documented[field]["required"] is False


def json_type_is(value: object, kinds: list[str]) -> bool:
    """Whether a JSON value is of one of the catalogue's type names (a boolean is no integer here)."""
    if isinstance(value, bool):
        return "boolean" in kinds
    if isinstance(value, int):
        return "integer" in kinds or "number" in kinds
    if isinstance(value, float):
        return "number" in kinds
    return any(isinstance(value, JSON_TYPES[kind]) for kind in kinds if kind in ("string", "object", "array"))


@pytest.mark.parametrize("path", PAYMENT_EXAMPLES, ids=name)
def test_a_payments_example_sends_the_documented_json_types(path: Path) -> None:
    documented = load(PARAMETERS)["endpoints"][path.parent.name]["parameters"]
    for key, value in load(path)["body"].items():
        if key not in documented:
            continue
        fact = documented[key]
        if value is None:
            assert fact["nullable"], key
        else:
            assert json_type_is(value, fact["type"]), (key, value)


# --- the arithmetic the documents state -------------------------------------------------------------------------


def line_sets() -> Iterator[tuple[str, list[dict[str, Any]], dict[str, Any] | None, Mapping[str, Any]]]:
    """(id, lines, amount or None, the document holding the expect entries) for every line list in tests/data."""
    orders = load(ORDERS_EXAMPLE)
    yield name(ORDERS_EXAMPLE), orders["body"]["lines"], orders["body"]["amount"], orders
    for key, example in load(DISCOUNTS_GUIDE)["examples"].items():
        yield f"{name(DISCOUNTS_GUIDE)}:{key}", example["lines"], None, example
    for path in PAYMENT_EXAMPLES:
        document = load(path)
        if "lines" in document["body"]:
            yield name(path), document["body"]["lines"], document["body"].get("amount"), document


LINE_SETS = list(line_sets())


def arithmetic_breaks(lines: list[dict[str, Any]], amount: Mapping[str, Any] | None) -> dict[str, tuple[str, str]]:
    """Every figure that disagrees with Mollie's formulas: field → (stated, computed).

    The VAT is recomputed from the total the line states, as Mollie checks it, so a wrong total shows up twice: once
    as the total and once as a VAT that no longer fits it.
    """
    breaks: dict[str, tuple[str, str]] = {}
    for index, line in enumerate(lines):
        total = Decimal(line["totalAmount"]["value"])
        discount = line.get("discountAmount", {}).get("value")
        computed_total = mp.line_total(line["unitPrice"]["value"], line["quantity"], discount)
        if computed_total != total:
            breaks[f"lines.{index}.totalAmount"] = (str(total), str(computed_total))
        if "vatRate" in line and "vatAmount" in line:
            currency = line["totalAmount"]["currency"]
            computed_vat = mp.vat_amount(total, line["vatRate"], currency)
            stated_vat = Decimal(line["vatAmount"]["value"])
            if computed_vat != stated_vat:
                breaks[f"lines.{index}.vatAmount"] = (str(stated_vat), str(computed_vat))
    if amount is not None:
        computed_sum = mp.order_amount(lines)
        if computed_sum != Decimal(amount["value"]):
            breaks["amount"] = (amount["value"], str(computed_sum))
    return breaks


@pytest.mark.parametrize(("lines", "amount", "document"), [s[1:] for s in LINE_SETS], ids=[s[0] for s in LINE_SETS])
def test_the_documents_figures_break_their_own_formulas_exactly_where_recorded(
    lines: list[dict[str, Any]], amount: dict[str, Any] | None, document: Mapping[str, Any]
) -> None:
    recorded = {
        field: (entry["stated"], entry["computed"])
        for field, entry in expected(document, "line-total-formula", "vat-amount-formula", "lines-sum").items()
    }
    assert arithmetic_breaks(lines, amount) == recorded


def test_the_discounts_guide_typo_is_the_one_recorded_and_the_rest_of_the_guide_adds_up() -> None:
    """2 × 19.99 is stated as 38.98; its VAT 6.94 belongs to 39.98, and the 10 % discount was taken from 38.98."""
    examples = load(DISCOUNTS_GUIDE)["examples"]
    product, discount = examples["discount-code"]["lines"]
    assert mp.line_total(product["unitPrice"]["value"], product["quantity"]) == Decimal("39.98")
    assert mp.vat_amount("39.98", product["vatRate"], "EUR") == Decimal(product["vatAmount"]["value"])
    assert Decimal(discount["totalAmount"]["value"]) == -(Decimal("38.98") / 10).quantize(Decimal("0.01"))
    assert arithmetic_breaks(examples["2-for-1"]["lines"], None) == {}
    assert arithmetic_breaks(examples["gift-card"]["lines"], None) == {}


def test_the_orders_reference_example_adds_up() -> None:
    body = load(ORDERS_EXAMPLE)["body"]
    assert arithmetic_breaks(body["lines"], body["amount"]) == {}
    assert mp.order_amount(body["lines"]) == Decimal("1027.99")


# --- the parameter catalogue ------------------------------------------------------------------------------------


def catalogue() -> dict[str, Any]:
    return load(PARAMETERS)


def all_facts() -> Iterator[tuple[str, Mapping[str, Any]]]:
    document = catalogue()
    for endpoint, spec in document["endpoints"].items():
        for key, fact in spec["parameters"].items():
            yield f"{endpoint}.{key}", fact
    for key, fact in document["line"]["fields"].items():
        yield f"line.{key}", fact
    for key, fact in document["address"]["fields"].items():
        yield f"address.{key}", fact


def test_every_catalogue_fact_has_a_type_a_requirement_and_a_source() -> None:
    for where, fact in all_facts():
        assert is_https_url(fact["source"]), where
        assert fact["required"] in (True, False, "conditional"), where
        if fact["required"] == "conditional":
            assert fact["condition"].strip(), where
        assert fact["type"], where
        assert set(fact["type"]) <= {"string", "object", "array", "boolean", "integer", "number"}, where
        for key in ("changelog", "sign_source"):
            if key in fact:
                assert is_https_url(fact[key]), where


def test_every_source_of_the_catalogue_is_an_https_url() -> None:
    for key, value in catalogue()["sources"].items():
        if not key.endswith("_date") and not key.endswith("_same_as"):
            assert is_https_url(value), key


def test_the_catalogue_covers_the_four_endpoints_and_their_documented_paths() -> None:
    endpoints = catalogue()["endpoints"]
    assert tuple(endpoints) == ENDPOINTS
    assert {key: (spec["method"], spec["path"]) for key, spec in endpoints.items()} == {
        "create-payment": ("POST", "/v2/payments"),
        "update-payment": ("PATCH", "/v2/payments/{paymentId}"),
        "create-capture": ("POST", "/v2/payments/{paymentId}/captures"),
        "create-payment-refund": ("POST", "/v2/payments/{paymentId}/refunds"),
    }
    create = endpoints["create-payment"]["parameters"]
    assert {key for key, fact in create.items() if fact["required"] is True} == {"amount", "description"}
    assert create["description"]["max_length"] == 255
    assert not set(endpoints["create-payment"]["read_only_keys"]) & set(create)


def test_every_enum_reference_resolves_and_every_enum_is_a_list_of_distinct_strings() -> None:
    document = catalogue()
    enums = document["enums"]
    for key, spec in enums.items():
        values = spec["values"]
        assert values, key
        assert all(isinstance(value, str) for value in values), key
        assert len(set(values)) == len(values), key
    for where, fact in all_facts():
        for key in ("enum", "items_enum"):
            if key in fact:
                assert fact[key].startswith("enums."), where
                assert fact[key].removeprefix("enums.") in enums, where


def test_the_methods_named_by_a_rule_are_methods_the_payments_api_accepts() -> None:
    document = catalogue()
    methods = set(document["enums"]["method"]["values"]) | set(document["enums"]["method"]["newer"]["adds"])
    for key, requirement in document["method_requirements"].items():
        assert set(requirement["methods"]) <= methods, key
        assert set(requirement.get("newer", {}).get("adds", [])) <= methods, key
    assert set(document["capture"]["methods"]["table"]) <= methods
    assert not set(document["enums"]["method_response_only"]["values"]) & methods
    assert document["methods_needing_orders_api"]["values"] == []


def test_the_line_facts_the_payments_rules_will_need() -> None:
    document = catalogue()
    line = document["line"]["fields"]
    assert {key for key, fact in line.items() if fact["required"] is True} == {
        "description",
        "quantity",
        "unitPrice",
        "totalAmount",
    }
    assert line["sku"]["max_length"] == 64
    assert line["quantity"]["minimum"] == 1
    types = document["enums"]["line_type"]
    assert types["create_excludes"] == ["tip"]
    assert set(types["values"]) - {"tip"} == {
        "physical",
        "digital",
        "shipping_fee",
        "discount",
        "store_credit",
        "gift_card",
        "surcharge",
    }
    assert {"meal", "eco", "gift", "sport_culture"} <= set(document["enums"]["line_categories"]["values"])
    signs = document["orders_vs_payments"]["sign_rules"]["payments"]
    assert all(kind in signs["unitPrice"] for kind in ("discount", "store_credit", "gift_card"))


@pytest.mark.parametrize(
    ("delay", "valid"),
    [("8 hours", True), ("1 hour", True), ("2 days", True), ("1 day", True), ("8 minutes", False), ("8hours", False)],
)
def test_the_capture_delay_pattern_reads_as_documented(delay: str, valid: bool) -> None:
    spec = catalogue()["capture"]["capture_delay"]
    assert bool(re.fullmatch(spec["pattern"], delay)) is valid
    assert spec["maximum"]["hours"] == 24 * spec["maximum"]["days"]


def test_the_orders_comparison_names_real_payments_line_fields() -> None:
    document = catalogue()
    line = document["line"]["fields"]
    for entry in document["orders_vs_payments"]["line_fields"]:
        if entry["payments"] is not None:
            assert entry["payments"] in line, entry
            assert entry["required_in_payments"] is (line[entry["payments"]]["required"] is True), entry
    optional_here = {
        entry["payments"]
        for entry in document["orders_vs_payments"]["line_fields"]
        if entry.get("required_in_orders") and not entry.get("required_in_payments")
    }
    assert optional_here == {"vatRate", "vatAmount"}


# --- the migration mapping --------------------------------------------------------------------------------------

ACTIONS = frozenset(
    {"keep", "rename", "convert", "move", "merge", "drop", "add", "refuse", "restrict", "replace", "backfill"}
)
EVIDENCE = frozenset({"documented", "inferred", "secondary"})
PLAIN = re.compile(r"(lines\[\]\.)?[A-Za-z]+")


def test_every_migration_entry_explains_itself_and_names_its_sources() -> None:
    document = load(MIGRATION)
    assert is_https_url(document["source"])
    entries = [*document["create"], *document["lifecycle"]]
    for entry in entries:
        assert entry["action"] in ACTIONS, entry
        assert entry["evidence"] in EVIDENCE, entry
        assert len(entry["explanation"]) > 10, entry
        assert entry["sources"], entry
        assert all(is_https_url(source) for source in entry["sources"]), entry
    assert all(is_https_url(source) for source in document["methods"]["sources"])
    assert document["guide_request_examples"]["count"] == 0


def test_every_payments_field_the_migration_maps_to_is_in_the_catalogue() -> None:
    document = load(MIGRATION)
    catalogue_ = catalogue()
    top = catalogue_["endpoints"]["create-payment"]["parameters"]
    line = catalogue_["line"]["fields"]
    for entry in document["create"]:
        target = entry["payments"]
        if target is None or not PLAIN.fullmatch(target):
            continue
        if target.startswith("lines[]."):
            assert target[len("lines[].") :] in line, entry
        else:
            assert target in top, entry
    renamed = {entry["orders"]: entry["payments"] for entry in document["create"] if entry["action"] == "rename"}
    assert renamed == {"orderNumber": "description", "lines[].name": "lines[].description"}
    methods = set(catalogue_["enums"]["method"]["values"])
    assert set(document["methods"]["ids_to_rename"].values()) <= methods
    assert not set(document["methods"]["ids_to_rename"]) & methods
