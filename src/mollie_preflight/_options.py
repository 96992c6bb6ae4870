"""``Options``: the one frozen object that configures a validation, checked when it is built.

Unknown rule selectors or severities are a ``ValueError`` at construction, never silently ignored: a
typo in ``ignore=`` would otherwise switch nothing off and nobody would notice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from ._findings import Severity
from ._frozen import Frozen
from ._reference.method_limits import DOCUMENTED, AmountLimits, limits_from_methods
from ._rules.rule import Evidence, Rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal

    TieRule = Literal["half-up", "either"]

#: ``severities``' default: no rule's severity changed.
_NO_OVERRIDES: Mapping[str, Severity | str] = MappingProxyType({})


class Options(Frozen):
    """How to validate.

    - ``select``: codes, code prefixes (``"MP2"``) or names to enable; empty means every rule.
    - ``ignore``: codes, prefixes or names to disable (applied after ``select``).
    - ``severities``: per-rule severity overrides, ``{"MP210": "error"}``.
    - ``inferred``: ``False`` disables every rule whose enforcement by Mollie is only inferred.
    - ``vat_ties``: ``"half-up"`` (default, strict: an exact half cent rounds away from zero, as seen live)
      or ``"either"`` (accept both neighbours on an exact tie, which Mollie's documentation does not settle).
    - ``expires_at_max_days``: the latest ``expiresAt`` as days after today (the live API refused 101).
    - ``klarna_expires_at_max_days``: Klarna's limit on ``expiresAt`` (28 unless agreed otherwise).
    - ``methods``: your profile's payment methods as the Methods API lists them (the JSON of
      ``GET /v2/methods?amount[currency]=EUR&...``, or ``list(client.methods.list(...))``): their
      ``minimumAmount``/``maximumAmount`` replace the documented limits of MP532, so the check is exact
      for the profile. A method the response does not list keeps its documented limits.
    """

    __slots__ = (
        "_limits", "_policy", "expires_at_max_days", "ignore", "inferred", "klarna_expires_at_max_days", "methods",
        "select", "severities", "vat_ties",
    )  # fmt: skip
    _FIELDS = _COMPARED = (
        "select", "ignore", "severities", "inferred", "vat_ties", "expires_at_max_days", "klarna_expires_at_max_days",
        "methods",
    )  # fmt: skip

    select: tuple[str, ...]
    ignore: tuple[str, ...]
    severities: Mapping[str, Severity]
    inferred: bool
    vat_ties: TieRule
    expires_at_max_days: int
    klarna_expires_at_max_days: int
    methods: object
    _policy: Mapping[str, Severity] | None
    _limits: Mapping[str, AmountLimits]

    def __init__(
        self,
        select: tuple[str, ...] = (),
        ignore: tuple[str, ...] = (),
        severities: Mapping[str, Severity | str] = _NO_OVERRIDES,
        inferred: bool = True,
        vat_ties: TieRule = "half-up",
        expires_at_max_days: int = 100,
        klarna_expires_at_max_days: int = 28,
        methods: object = None,
    ) -> None:
        selected, ignored, checked = _selectors("select", select), _selectors("ignore", ignore), _severities(severities)
        if vat_ties not in ("half-up", "either"):
            raise ValueError(f"vat_ties must be 'half-up' or 'either', not {vat_ties!r}")
        for name, days in (
            ("expires_at_max_days", expires_at_max_days),
            ("klarna_expires_at_max_days", klarna_expires_at_max_days),
        ):
            if isinstance(days, bool) or not isinstance(days, int) or days < 1:
                raise ValueError(f"{name} must be a positive int, not {days!r}")
        fields = (selected, ignored, checked, inferred, vat_ties, expires_at_max_days, klarna_expires_at_max_days)
        self._assign(self._FIELDS, (*fields, methods))
        custom = selected or ignored or checked or not inferred
        self._assign(("_limits", "_policy"), (_limits(methods), self._compile(checked) if custom else None))

    def _compile(self, severities: Mapping[str, Severity]) -> Mapping[str, Severity]:
        from ._rules.registry import RULES, matching

        chosen = {r.code for s in self.select for r in matching(s)} if self.select else set(RULES)
        chosen -= {r.code for s in self.ignore for r in matching(s)}
        if not self.inferred:
            chosen = {code for code in chosen if RULES[code].evidence is not Evidence.INFERRED}
        return MappingProxyType({code: severities.get(code, RULES[code].severity) for code in sorted(chosen)})

    def __reduce__(self) -> tuple[type[Options], tuple[object, ...]]:
        """Pickle by the constructor's arguments: the compiled policy is a read-only mapping that pickle
        cannot copy, and options must travel to worker processes (``validate_records`` on Dask or Spark).
        """
        severities = dict(self.severities)
        fields = (self.inferred, self.vat_ties, self.expires_at_max_days, self.klarna_expires_at_max_days)
        profile = None if self.methods is None else dict(self._limits)
        return (Options, (self.select, self.ignore, severities, *fields, profile))

    @property
    def policy(self) -> Mapping[str, Severity]:
        """Enabled rule code → effective severity."""
        if self._policy is None:
            from ._rules.registry import RULES

            return MappingProxyType({code: rule.severity for code, rule in RULES.items()})
        return self._policy

    def severity_of(self, rule: Rule) -> Severity | None:
        """The severity ``rule`` reports at, or ``None`` when it is switched off.

        Options that change nothing (the default) answer from the rule itself, so validating never needs
        the registry of every rule family, and importing ``validate_order`` stays cheap.
        """
        if self._policy is None:
            return rule.severity
        return self._policy.get(rule.code)

    @property
    def method_limits(self) -> Mapping[str, AmountLimits]:
        """Method id → its amount limits: the documented ones, or the profile's (``methods``)."""
        return self._limits

    @property
    def tie_either(self) -> bool:
        return self.vat_ties == "either"


def _limits(methods: object) -> Mapping[str, AmountLimits]:
    """The documented limits, with a profile's (a Methods API response, or limits already read) over them."""
    if methods is None:
        return DOCUMENTED
    if isinstance(methods, Mapping) and methods and all(isinstance(v, AmountLimits) for v in methods.values()):
        profile = dict(methods)
    else:
        profile = limits_from_methods(methods)
    return MappingProxyType({**DOCUMENTED, **profile})


def _selectors(what: str, values: Iterable[str] | str) -> tuple[str, ...]:
    if isinstance(values, str):
        values = (values,)
    result = tuple(values)
    if not result:
        return result
    from ._rules.registry import matching

    for selector in result:
        if not isinstance(selector, str) or not matching(selector):
            raise ValueError(f"{what}: {selector!r} matches no rule code, prefix or name")
    return result


def _severities(values: Mapping[str, Severity | str]) -> Mapping[str, Severity]:
    if not values:
        return MappingProxyType({})
    from ._rules.registry import matching

    result: dict[str, Severity] = {}
    for selector, level in values.items():
        rules = matching(selector)
        if not rules:
            raise ValueError(f"severities: {selector!r} matches no rule code, prefix or name")
        try:
            severity = Severity(level)
        except ValueError:
            raise ValueError(f"severities: {level!r} is not 'error' or 'warning'") from None
        for rule in rules:
            result[rule.code] = severity
    return MappingProxyType(result)


DEFAULT_OPTIONS = Options()
