"""``RuleSettings``: what the rules read of a validation's options, for the type checker only.

A module of its own, imported under ``TYPE_CHECKING`` alone: a ``Protocol`` needs ``typing`` at run time,
which the modules ``validate_order`` loads do without (benchmarks/PROFILE.md, part 4), and a class inside
an ``if TYPE_CHECKING:`` block is something mypyc does not compile.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .._findings import Severity
    from .._reference.method_limits import AmountLimits
    from .rule import Rule


class RuleSettings(Protocol):
    """What the rules read of a validation's options; ``mollie_preflight.Options`` provides it.

    Declared here, below the rules, so that the rules depend on what they read and not on ``options``,
    which sits above them (it resolves selectors against the registry of every rule).
    """

    @property
    def expires_at_max_days(self) -> int: ...
    @property
    def klarna_expires_at_max_days(self) -> int: ...
    @property
    def method_limits(self) -> Mapping[str, AmountLimits]: ...
    @property
    def tie_either(self) -> bool: ...
    def severity_of(self, rule: Rule) -> Severity | None: ...
