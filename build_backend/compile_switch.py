"""The build backend: setuptools', plus mypy when a compiled build is asked for.

A plain ``pip install`` builds the pure-Python package and needs nothing but setuptools. With
``MOLLIE_PREFLIGHT_COMPILE=1`` in the environment, ``setup.py`` compiles the rule engine with mypyc, and
mypyc comes with mypy: this module adds mypy to the build's requirements then, and only then, so that
nobody who installs from source pays for a compiler they did not ask for.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403  (the whole PEP 517 interface, unchanged)

#: The environment variable that asks for the compiled build, and the value that means yes.
SWITCH = "MOLLIE_PREFLIGHT_COMPILE"
#: mypyc ships inside mypy; the version is held by constraints.txt in this project's own builds.
COMPILER = "mypy>=1.10"

# setuptools answers "what does the build need" by running setup.py, in this process, before anything the
# answer names is installed: setup.py must not reach for mypyc then.
_asking_requirements = False


def compiling() -> bool:
    """Whether setup.py compiles now: ``MOLLIE_PREFLIGHT_COMPILE=1``, and the build itself is running."""
    return os.environ.get(SWITCH, "") == "1" and not _asking_requirements


def _with_compiler(ask: Callable[[object], list[str]], config_settings: object) -> list[str]:
    global _asking_requirements
    _asking_requirements = True
    try:
        requirements = list(ask(config_settings))
    finally:
        _asking_requirements = False
    return requirements + ([COMPILER] if compiling() else [])


def get_requires_for_build_wheel(config_settings: object = None) -> list[str]:
    return _with_compiler(_setuptools.get_requires_for_build_wheel, config_settings)


def get_requires_for_build_editable(config_settings: object = None) -> list[str]:
    return _with_compiler(_setuptools.get_requires_for_build_editable, config_settings)
