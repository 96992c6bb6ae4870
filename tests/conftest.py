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
