"""Build script. Pure Python by default; ``MOLLIE_PREFLIGHT_COMPILE=1`` compiles the rule engine with mypyc.

The compiled build is the same source, compiled: every rule, message and figure comes from the modules below,
so the test suite proves both builds alike (tox env ``compiled``). Which modules are compiled, and why the
rest are not: ``build_backend/compiled_modules.py``. Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from setuptools import setup

sys.path.insert(0, str(Path(__file__).parent / "build_backend"))
from compile_switch import compiling
from compiled_modules import package_modules

PACKAGE = Path("src") / "mollie_preflight"


def compiled_modules() -> list[str]:
    """The modules ``compiled_modules.py`` lists for compiling, as paths mypyc takes."""
    return [str(PACKAGE / relative) for relative, compiled in package_modules(PACKAGE).items() if compiled]


def forget_earlier_builds() -> None:
    """Remove what earlier builds left in ``build/lib*``: setuptools packs whatever is there, so an extension
    module from an earlier compiled build would ship in a pure wheel (or one no longer listed in a compiled
    one). mypyc's generated C elsewhere in ``build/`` is kept."""
    for stale in Path("build").glob("lib*"):
        shutil.rmtree(stale, ignore_errors=True)


forget_earlier_builds()
if compiling():
    from mypyc.build import mypycify

    setup(ext_modules=mypycify(compiled_modules(), opt_level="3"))
else:
    setup()
