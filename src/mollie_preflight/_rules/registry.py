"""Every rule, by code: the single list that options, the CLI, SARIF output and the docs read.

A rule family adds itself by being listed in ``_FAMILIES``; codes and names are checked for uniqueness
when this module is imported, so a clash fails every test at once instead of shadowing a rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

from .common import address, amounts, contact, dates, lines, metadata, methods, record, urls
from .orders import (
    body,
    cancel,
    manage,
    order_payments,
    partial,
    payment_object,
    refunds,
    requests,
    shipments,
    snapshot,
    status,
    toplevel,
    updates,
)
from .payments import body as payment_body
from .payments import captures
from .payments import connect as payment_connect
from .payments import extras as payment_extras
from .payments import lines as payment_lines
from .payments import methods as payment_methods
from .payments import params as payment_params
from .payments import refunds as payment_refunds
from .payments import requests as payment_requests
from .payments import snapshot as payment_snapshot
from .payments import updates as payment_updates
from .rule import Rule

_FAMILIES: Final = (
    *(body, amounts, lines, metadata, urls, address, contact, methods, payment_object, toplevel, dates),
    *(requests, updates, manage, partial, shipments, refunds, cancel, order_payments, snapshot, status, record),
    *(payment_body, payment_lines, payment_params, payment_connect, payment_extras, payment_methods),
    *(payment_snapshot, payment_requests, captures, payment_refunds, payment_updates),
)


def _build(rules: Iterable[Rule]) -> Mapping[str, Rule]:
    by_code: dict[str, Rule] = {}
    names: set[str] = set()
    for rule in rules:
        if rule.code in by_code or rule.name in names:
            raise RuntimeError(f"duplicate rule code or name: {rule.code} {rule.name}")
        by_code[rule.code] = rule
        names.add(rule.name)
    return MappingProxyType(dict(sorted(by_code.items())))


#: Code → rule, sorted by code.
RULES: Final[Mapping[str, Rule]] = _build(rule for family in _FAMILIES for rule in family.RULES)
_BY_NAME: Final[Mapping[str, Rule]] = MappingProxyType({rule.name: rule for rule in RULES.values()})


def get_rule(code_or_name: str) -> Rule:
    """The rule with this code (``MP203``) or name (``line-vat-amount``); ``KeyError`` if there is none, and
    ``TypeError`` for anything but a string (so in the compiled build too, which checks the declared type)."""
    if not isinstance(code_or_name, str):
        raise TypeError(f"a rule code or name is a string, not {type(code_or_name).__name__}")
    rule = RULES.get(code_or_name.upper()) or _BY_NAME.get(code_or_name.lower())
    if rule is None:
        raise KeyError(code_or_name)
    return rule


def matching(selector: str) -> list[Rule]:
    """Rules selected by a code, a code prefix (``MP2``, ``MP20``) or a rule name, ruff-style."""
    selector = selector.strip()
    if selector.lower() in _BY_NAME:
        return [_BY_NAME[selector.lower()]]
    prefix = selector.upper()
    return [rule for code, rule in RULES.items() if code.startswith(prefix)] if prefix.startswith("MP") else []
