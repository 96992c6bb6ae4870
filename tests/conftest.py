"""Shared test configuration: Hypothesis profiles and the canonical example order."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# ``ci``: derandomized and bounded so CI is stable and fast; ``dev``: the default; ``long``: for soak runs
# (HYPOTHESIS_PROFILE=long pytest).
settings.register_profile(
    "ci", derandomize=True, max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("long", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


# --- every registered rule must be triggered by at least one test ---------------------------------------
# Checker.report is wrapped for the whole session to record which enabled rules produced a finding; at the
# end of a full run (no -k/-m selection, the whole tests/ directory) a rule that no test triggered fails
# the session. A rule without a triggering test is a rule nobody knows works.

import pytest  # noqa: E402

from mollie_preflight.rules import checker as _checker  # noqa: E402
from mollie_preflight.rules.registry import RULES  # noqa: E402

_TRIGGERED: set[str] = set()
_original_report = _checker.Checker.report


def _recording_report(self: _checker.Checker, rule: object, *args: object, **kwargs: object) -> None:
    if self.wants(rule):  # type: ignore[arg-type]
        _TRIGGERED.add(rule.code)  # type: ignore[attr-defined]
    _original_report(self, rule, *args, **kwargs)  # type: ignore[arg-type]


_checker.Checker.report = _recording_report  # type: ignore[method-assign]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    full_run = not config.option.keyword and not config.option.markexpr and not getattr(config.option, "lf", False)
    whole_tree = sorted(config.args) == sorted(config.getini("testpaths"))
    if not (full_run and whole_tree and session.testscollected and exitstatus == 0):
        return
    untested = sorted(set(RULES) - _TRIGGERED)
    if untested:
        session.exitstatus = 1
        print(f"\nrule coverage: no test triggers {', '.join(untested)}")


# --- every clean verdict is re-checked by the full walk -------------------------------------------------
# ``validate_order`` answers a body from the families' composed ``clean``s when they all say "nothing to
# report". For the whole session that verdict is held to the walk: each family's ``check`` runs on the same
# body, and a finding fails the test at once, naming the family whose ``clean`` missed it and the rule. A
# rule added to a family's ``check`` and not to its ``clean`` cannot pass a test that reaches it.

from mollie_preflight import create_order as _create_order  # noqa: E402

_original_is_clean = _create_order.is_clean


def _is_clean_rechecked(body: dict[object, object], ck: _checker.Checker) -> bool:
    verdict = _original_is_clean(body, ck)
    if verdict:
        walk = _checker.Checker(ck.options, ck.today)
        for family in _create_order.CREATE_ORDER_FAMILIES:
            family.check(walk, body)
            if walk.findings:
                found = "; ".join(f"{v.code} ({_owner(v.code)}) at {v.field}: {v.message}" for v in walk.findings)
                raise AssertionError(
                    f"the {family.name!r} family's clean (rules/{family.name}.py) answered 'nothing to report', "
                    f"but its check reports {found}"
                )
    return verdict


def _owner(code: str) -> str:
    """The module of the family that declares the rule ``code``: where its ``clean`` must learn it."""
    from mollie_preflight.rules.registry import _FAMILIES

    owner = next(m.__name__ for m in _FAMILIES if any(rule.code == code for rule in m.RULES))
    return owner.replace("mollie_preflight.", "").replace(".", "/") + ".py"


_create_order.is_clean = _is_clean_rechecked


# The same for create-payment: every clean verdict of ``validate_payment`` is re-checked by its walk.
from mollie_preflight import create_payment as _create_payment  # noqa: E402

_original_is_clean_payment = _create_payment.is_clean


def _is_clean_payment_rechecked(body: dict[object, object], ck: _checker.Checker) -> bool:
    verdict = _original_is_clean_payment(body, ck)
    if verdict:
        walk = _checker.Checker(ck.options, ck.today)
        for family in _create_payment.CREATE_PAYMENT_FAMILIES:
            family.check(walk, body)
            if walk.findings:
                found = "; ".join(f"{v.code} ({_owner(v.code)}) at {v.field}: {v.message}" for v in walk.findings)
                raise AssertionError(
                    f"the {family.name!r} family's clean (rules/{family.name}.py) answered 'nothing to report', "
                    f"but its check reports {found}"
                )
    return verdict


_create_payment.is_clean = _is_clean_payment_rechecked
