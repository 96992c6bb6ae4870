"""Small helpers shared by the rule tests."""

from __future__ import annotations

import datetime
import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import mollie_preflight as mp

TODAY = datetime.date(2026, 11, 22)
CORE = mp.Options(select=("MP0", "MP1", "MP2", "MP3"))


def module_from_file(path: Path, name: str) -> ModuleType:
    """The module in the file at ``path`` (a script or a build helper: no package to import it from)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def found(payload: object, *, options: mp.Options = CORE) -> list[tuple[str, str, str | None]]:
    """(code, field, expected) of every finding, in order: what the tests assert on."""
    return [(v.code, v.field, v.expected) for v in mp.validate_order(payload, today=TODAY, options=options)]


def codes(payload: object, *, options: mp.Options = CORE) -> list[str]:
    return [v.code for v in mp.validate_order(payload, today=TODAY, options=options)]


def only(payload: object, code: str, *, options: mp.Options = CORE) -> mp.Violation:
    """The single finding with ``code``; fails when there is none or more than one."""
    hits = [v for v in mp.validate_order(payload, today=TODAY, options=options) if v.code == code]
    assert len(hits) == 1, hits
    return hits[0]


def amount(value: Any, currency: str = "EUR") -> dict[str, Any]:
    return {"currency": currency, "value": value}


def window(violation: mp.Violation) -> tuple[str, str]:
    """The (minimum, maximum) amount a partial-amount finding names in Mollie's ``extra``."""
    extra = violation.extra or {}
    return extra["minimumAmount"]["value"], extra["maximumAmount"]["value"]
