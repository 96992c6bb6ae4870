"""The declaration of a rule: data that drives the checks, the docs, the CLI listing and SARIF."""

from __future__ import annotations

from enum import Enum

from .._findings import Severity
from .._frozen import Frozen


class Evidence(str, Enum):
    """Why we believe Mollie enforces a rule: what its sources show."""

    DOCUMENTED = "documented"  #: Mollie's documentation states it
    LIVE = "live"  #: the live API was seen refusing it (public issue threads)
    INFERRED = "inferred"  #: inferred from examples, formulas or related messages; switchable

    def __str__(self) -> str:
        return self.value


class Fixability(str, Enum):
    """Whether a finding of a rule can be corrected without a person, as in ruff.

    A fix is *safe* when it changes how a value is written and never what it means (an amount's spelling,
    a code's case, a rate as a string, a phone number in E.164, a line figure derived from inputs that agree
    with the line's type): ``fix_order`` and ``check --fix`` apply it. It is *unsafe* when it changes money
    the merchant decided (a price's sign, the order amount beyond the rounding tolerance): it is applied only
    on request (``unsafe=True``, ``--unsafe-fixes``) and always listed with before and after. A rule with
    ``NONE`` needs a person: its findings carry no ``expected`` value to apply.
    """

    NONE = "none"
    SAFE = "safe"
    UNSAFE = "unsafe"

    def __str__(self) -> str:
        return self.value


class Source(Frozen):
    """A public page a rule rests on: a page of Mollie's documentation, or a thread that recorded a live answer."""

    __slots__ = ("live", "section", "title", "url")
    _FIELDS = _COMPARED = ("url", "title", "section", "live")

    url: str
    title: str
    #: The part of the page that states the rule (a parameter, a heading); empty for the whole page.
    section: str
    #: ``True`` for a record of the live API's answer (an issue thread, an integration test).
    live: bool

    def __init__(self, url: str, title: str, section: str = "", live: bool = False) -> None:
        self._assign(self._FIELDS, (url, title, section, live))

    def at(self, section: str) -> Source:
        """The same page, pointing at one of its sections."""
        return Source(self.url, self.title, section, self.live)

    def __str__(self) -> str:
        where = f" ({self.section})" if self.section else ""
        return f"{self.title}{where}: {self.url}"


class Rule(Frozen):
    """One rule. ``code`` never changes meaning once released; ``name`` is its kebab-case alias."""

    __slots__ = (
        "code", "evidence", "fix", "fixability", "mollie_message", "name", "severity", "sources", "summary", "why",
    )  # fmt: skip
    _FIELDS = _COMPARED = (
        "code", "name", "severity", "sources", "evidence", "summary", "why", "fix", "mollie_message", "fixability",
    )  # fmt: skip

    code: str
    name: str
    severity: Severity
    #: Where the rule comes from: Mollie's documentation, then the live answers that confirm it.
    sources: tuple[Source, ...]
    evidence: Evidence
    summary: str
    why: str
    fix: str
    #: An example of Mollie's own error text for this rule, when the live API's wording is known.
    mollie_message: str | None
    #: Whether its findings can be fixed, and how (the most a fix of it may change; see ``Fixability``).
    fixability: Fixability

    def __init__(
        self,
        code: str,
        name: str,
        severity: Severity,
        sources: tuple[Source, ...],
        evidence: Evidence,
        summary: str,
        why: str,
        fix: str,
        mollie_message: str | None = None,
        fixability: Fixability = Fixability.NONE,
    ) -> None:
        values = (code, name, severity, sources, evidence, summary, why, fix, mollie_message, fixability)
        self._assign(self._FIELDS, values)
