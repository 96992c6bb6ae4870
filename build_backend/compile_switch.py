"""The build backend: setuptools', plus mypy when a compiled build is asked for.

A plain ``pip install`` builds the pure-Python package and needs nothing but setuptools. With
``MOLLIE_PREFLIGHT_COMPILE=1`` in the environment, ``setup.py`` compiles the rule engine with mypyc, and
mypyc comes with mypy: this module adds mypy to the build's requirements then, and only then, so that
nobody who installs from source pays for a compiler they did not ask for.
"""

from __future__ import annotations

import os

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403  (the whole PEP 517 interface, unchanged)

#: The environment variable that asks for the compiled build, and the value that means yes.
SWITCH = "MOLLIE_PREFLIGHT_COMPILE"
#: mypyc ships inside mypy; the version is held by constraints.txt in this project's own builds.
COMPILER = "mypy>=1.10"


def compiling() -> bool:
    """Whether this build compiles: ``MOLLIE_PREFLIGHT_COMPILE=1``, and nothing else, says yes."""
    return os.environ.get(SWITCH, "") == "1"


def get_requires_for_build_wheel(config_settings: dict[str, object] | None = None) -> list[str]:
    return [*_setuptools.get_requires_for_build_wheel(config_settings), *([COMPILER] if compiling() else [])]


def get_requires_for_build_editable(config_settings: dict[str, object] | None = None) -> list[str]:
    return [*_setuptools.get_requires_for_build_editable(config_settings), *([COMPILER] if compiling() else [])]
