"""The declaration of a rule: data that drives the checks, the docs, the CLI listing and SARIF."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..findings import Severity


class Evidence(str, Enum):
    """Why we believe Mollie enforces a rule (SPEC §0)."""

    DOCUMENTED = "documented"  #: Mollie's documentation states it
    LIVE = "live"  #: the live API was seen refusing it (public issue threads)
    INFERRED = "inferred"  #: inferred from examples, formulas or related messages; switchable

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule. ``code`` never changes meaning once released; ``name`` is its kebab-case alias."""

    code: str
    name: str
    severity: Severity
    spec: tuple[str, ...]
    evidence: Evidence
    summary: str
    why: str
    fix: str
    #: An example of Mollie's own error text for this rule, when the live API's wording is known.
    mollie_message: str | None = None
