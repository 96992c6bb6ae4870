"""Counting what a run found, as it goes: reporters read it after the last finding for their summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .records import Finding


@dataclass
class Summary:
    """Totals of one run. ``count`` is applied to findings as they stream past the reporter."""

    files: int = 0
    records: int = 0
    records_with_findings: int = 0
    by_code: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    names: dict[str, str] = field(default_factory=dict)
    max_rank: int = 0
    #: With ``--fix``/``--diff``: changes made (or that would be made), and in how many orders.
    fixes: int = 0
    fixed_records: int = 0
    #: Inputs that could not be read (missing, unreadable, broken gzip), one message each; the run exits 2.
    problems: list[str] = field(default_factory=list)

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())

    @property
    def errors(self) -> int:
        return self.by_severity["error"]

    @property
    def warnings(self) -> int:
        return self.by_severity["warning"]

    def count(self, findings: Iterable[Finding]) -> Iterator[Finding]:
        """Pass ``findings`` through, counting each."""
        for finding in findings:
            self.by_code[finding.code] += 1
            self.by_severity[finding.severity] += 1
            self.names[finding.code] = finding.name
            self.max_rank = max(self.max_rank, finding.rank)
            yield finding

    def sentence(self) -> str:
        """``Found 3 errors and 1 warning in 2 of 120 orders (2 files).`` or ``All 120 orders passed (2 files).``"""
        where = f"{_plural(self.files, 'file')}"
        fixed = f"{self.fix_sentence()} " if self.fixes else ""
        if not self.findings and self.problems:
            unread = _plural(len(self.problems), "input")
            return f"{fixed}No findings in {_plural(self.records, 'order')} ({where}), but {unread} could not be read."
        if not self.findings:
            return f"{fixed}All checks passed: {_plural(self.records, 'order')} in {where}."
        parts = [_plural(n, level) for level, n in (("error", self.errors), ("warning", self.warnings)) if n]
        return fixed + (
            f"Found {' and '.join(parts)} in {self.records_with_findings:,} of "
            f"{_plural(self.records, 'order')} ({where})."
        )

    def fix_sentence(self, *, would: bool = False) -> str:
        """``Fixed 3 problems in 2 orders.`` (``Would fix ...`` for ``--diff``)."""
        verb = "Would fix" if would else "Fixed"
        return f"{verb} {_plural(self.fixes, 'problem')} in {_plural(self.fixed_records, 'order')}."


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
