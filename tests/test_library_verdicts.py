"""Verdicts that follow a library's data on purpose, recorded so that a library release cannot change one
unnoticed.

Phone numbers follow phonenumbers' metadata and e-mail addresses follow email-validator (see the module
docstring of ``mollie_preflight._rules.common.contact`` for why). ``tests/data/library_verdicts.json`` holds
their answers on a few inputs chosen where data, not syntax, decides; when a release answers differently,
these tests fail, and the change is checked and recorded there, never followed silently. Currency digits
(babel) and country codes (pycountry) do not follow their libraries at all: ``tests/test_money.py`` and
``tests/test_rules_fields.py`` record where those libraries stand.
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path
from typing import Any, Final

import pytest

from mollie_preflight._rules.common.contact import email_problem, phone_problem

RECORDED: Final = Path(__file__).parent / "data" / "library_verdicts.json"
_DATA: Final[dict[str, Any]] = json.loads(RECORDED.read_text(encoding="utf-8"))


def _update_hint(library: str) -> str:
    return (
        f"{library} {metadata.version(library)} answers differently than {RECORDED.name} records "
        f"({_DATA['recorded_with']}): decide whether the new answer is right for Mollie, then update the file"
    )


@pytest.mark.parametrize("entry", _DATA["phones"], ids=lambda entry: entry["number"])
def test_phone_verdicts_are_the_recorded_ones(entry: dict[str, Any]) -> None:
    assert phone_problem(entry["number"]) == entry["problem"], _update_hint("phonenumbers")


@pytest.mark.parametrize("entry", _DATA["emails"], ids=lambda entry: entry["address"])
def test_email_verdicts_are_the_recorded_ones(entry: dict[str, Any]) -> None:
    assert (email_problem(entry["address"]) is None) == entry["accepted"], _update_hint("email-validator")


def test_the_record_has_both_verdicts_for_both_libraries() -> None:
    """A record of only accepted (or only refused) inputs would not notice a library that turned lenient
    (or strict) everywhere."""
    assert {entry["problem"] is None for entry in _DATA["phones"]} == {True, False}
    assert {entry["accepted"] for entry in _DATA["emails"]} == {True, False}
