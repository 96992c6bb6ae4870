"""Shared test configuration: Hypothesis profiles and the canonical example order."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# ``ci``: derandomized and bounded so CI is stable and fast; ``rerun``: the first of the same examples, for
# the CI envs that run the suite again on another Python or on the compiled build (tox.ini), where a difference
# shows on any example and a longer search would find what ``ci`` finds; ``dev``: the default; ``long``: for
# soak runs (HYPOTHESIS_PROFILE=long pytest).
settings.register_profile(
    "ci", derandomize=True, max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("rerun", settings.get_profile("ci"), max_examples=20)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("long", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


# --- every registered rule must be triggered by at least one test ---------------------------------------
# Checker.report is wrapped for the whole session to record which enabled rules produced a finding; at the
# end of a full run (no -k/-m selection, the whole tests/ directory) a rule that no test triggered fails
# the session. A rule without a triggering test is a rule nobody knows works.

import pytest  # noqa: E402

from mollie_preflight._compiled import COMPILED  # noqa: E402
from mollie_preflight._rules import checker as _checker  # noqa: E402
from mollie_preflight._rules.registry import RULES  # noqa: E402

# The compiled build (tox env ``compiled``) runs the same tests without the session-wide checks below: they
# replace functions and methods at run time, and compiled code neither allows that on its classes nor looks
# module functions up again. The pure-Python envs run them on the same source.

_TRIGGERED: set[str] = set()
_original_report = _checker.Checker.report


def _recording_report(self: _checker.Checker, rule: object, *args: object, **kwargs: object) -> None:
    if self.wants(rule):  # type: ignore[arg-type]
        _TRIGGERED.add(rule.code)  # type: ignore[attr-defined]
    _original_report(self, rule, *args, **kwargs)  # type: ignore[arg-type]


if not COMPILED:
    _checker.Checker.report = _recording_report  # type: ignore[method-assign]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    full_run = not config.option.keyword and not config.option.markexpr and not getattr(config.option, "lf", False)
    whole_tree = sorted(config.args) == sorted(config.getini("testpaths"))
    if COMPILED or not (full_run and whole_tree and session.testscollected and exitstatus == 0):
        return
    untested = sorted(set(RULES) - _TRIGGERED)
    if untested:
        session.exitstatus = 1
        print(f"\nrule coverage: no test triggers {', '.join(untested)}")


# --- every clean verdict is re-checked by the full walk -------------------------------------------------
# ``validate_order`` and ``validate_payment`` ask each family's ``clean`` first and walk only the families that
# answer "maybe"; when all answer "nothing to report", the body is clean without a walk. For the whole session
# every such answer is held to the walk: the families' ``check``s run on the same body in order, with a fresh checker
# (so the family sees the context the walk gives it), and a finding of the family that answered "nothing to
# report" fails the test at once, naming the family and the rule. A rule added to a family's ``check`` and
# not to its ``clean`` cannot pass a test that reaches it, on a valid body or on a broken one.

from mollie_preflight import _create_order as _create_order  # noqa: E402
from mollie_preflight import _create_payment as _create_payment  # noqa: E402
from mollie_preflight._rules.common.lines import CleanLine  # noqa: E402
from mollie_preflight._rules.family import BodyFamily  # noqa: E402

_ORIGINAL_FAMILIES = _create_order.CREATE_ORDER_FAMILIES
_ORIGINAL_PAYMENT_FAMILIES = _create_payment.CREATE_PAYMENT_FAMILIES


def _rechecked(family: BodyFamily, walked: tuple[BodyFamily, ...]) -> BodyFamily:
    """``family`` with its ``clean`` held to the walk of ``walked``: its endpoint's families, as they were."""

    def clean(body: dict[object, object], ck: _checker.Checker) -> bool:
        verdict = family.clean(body, ck)
        if verdict:
            _recheck(family, body, ck, walked)
        return verdict

    return BodyFamily(family.name, family.check, clean)


def _recheck(
    family: BodyFamily, body: dict[object, object], ck: _checker.Checker, walked: tuple[BodyFamily, ...]
) -> None:
    walk = _checker.Checker(ck.options, ck.today)
    for each in walked:
        before = len(walk.findings)
        each.check(walk, body)
        if each.name != family.name:
            continue
        found = "; ".join(f"{v.code} ({_owner(v.code)}) at {v.field}: {v.message}" for v in walk.findings[before:])
        if found:
            raise AssertionError(
                f"the {family.name!r} family's clean ({_module_file(family.clean.__module__)}) answered "
                f"'nothing to report', but its check reports {found}"
            )
        return


# The order family walks only the lines that ``lines.clean_line`` does not answer for, taking the others'
# figures from it: each such answer is held to ``check_line`` the same way (no finding, the same figures).

from mollie_preflight._money import currency_decimals  # noqa: E402
from mollie_preflight._options import DEFAULT_OPTIONS  # noqa: E402
from mollie_preflight._rules.common import lines as _lines  # noqa: E402
from mollie_preflight._rules.orders import body as _order  # noqa: E402


def _clean_line_rechecked(
    line: object,
    currency: str,
    decimals: int,
    dialect: _lines.LineDialect = _lines.ORDERS,
) -> CleanLine | None:
    clean = _lines.clean_line(line, currency, decimals, dialect)
    if clean is not None:
        walk = _checker.Checker(DEFAULT_OPTIONS, None)
        walk.order_currency, walk.order_decimals = currency, currency_decimals(currency)
        figures = _lines.check_line(walk, line, 0, dialect=dialect)
        if walk.findings or figures != _lines.LineFigures(0, *clean):
            found = "; ".join(f"{v.code} at {v.field}: {v.message}" for v in walk.findings)
            raise AssertionError(
                f"the lines family's clean_line (_rules/common/lines.py) answered {clean}, but check_line gives "
                f"{figures} and reports {found or 'nothing'}"
            )
    return clean


if not COMPILED:
    _order.clean_line = _clean_line_rechecked  # type: ignore[attr-defined]

# ``check_line`` asks ``clean_line_details`` before walking a line's sku, URLs and metadata (a line broken in its
# figures is not walked for its URLs): each "nothing to report" is held to ``check_line_details``.
_original_clean_line_details = _lines.clean_line_details


def _clean_line_details_rechecked(line: dict[object, object]) -> bool:
    verdict = _original_clean_line_details(line)
    if verdict:
        walk = _checker.Checker(DEFAULT_OPTIONS, None)
        _lines.check_line_details(walk, line, ("lines", 0), "")
        if walk.findings:
            found = "; ".join(f"{v.code} at {v.field}: {v.message}" for v in walk.findings)
            raise AssertionError(
                f"the lines family's clean_line_details (_rules/common/lines.py) answered 'nothing to report', "
                f"but check_line_details reports {found}"
            )
    return verdict


if not COMPILED:
    _lines.clean_line_details = _clean_line_details_rechecked


def _module_file(module: str) -> str:
    """``mollie_preflight._rules.common.methods`` → ``_rules/common/methods.py``: where to look."""
    return module.replace("mollie_preflight.", "").replace(".", "/") + ".py"


def _owner(code: str) -> str:
    """The module of the family that declares the rule ``code``: where its ``clean`` must learn it."""
    from mollie_preflight._rules.registry import _FAMILIES

    return _module_file(next(m.__name__ for m in _FAMILIES if any(rule.code == code for rule in m.RULES)))


if not COMPILED:
    _create_order.CREATE_ORDER_FAMILIES = tuple(  # type: ignore[misc]
        _rechecked(family, _ORIGINAL_FAMILIES) for family in _ORIGINAL_FAMILIES
    )
    _create_payment.CREATE_PAYMENT_FAMILIES = tuple(  # type: ignore[misc]
        _rechecked(family, _ORIGINAL_PAYMENT_FAMILIES) for family in _ORIGINAL_PAYMENT_FAMILIES
    )
