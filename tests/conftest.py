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
