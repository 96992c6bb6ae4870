"""Build script. Pure Python by default; ``MOLLIE_PREFLIGHT_COMPILE=1`` compiles the rule engine with mypyc.

The compiled build is the same source, compiled: every rule, message and figure comes from the modules below,
so the test suite proves both builds alike (tox env ``compiled``). Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from setuptools import setup

sys.path.insert(0, str(Path(__file__).parent / "build_backend"))
from compile_switch import compiling

PACKAGE = Path("src") / "mollie_preflight"

#: What a compiled build compiles: the modules every validation runs through (the rule families, money and
#: its integer formulas, the create-order and create-payment compositions, the API detection the linter asks
#: per record). Their public entry points take ``object`` where a caller may pass anything.
COMPILED = (
    "_compiled.py",
    "_apis.py",
    "_money.py",
    "_vat.py",
    "_create_order.py",
    "_create_payment.py",
    "_rules/",
)
#: Left as Python inside those: ``Rule`` is built on ``_frozen.Frozen`` (as are the findings and options it
#: imports), whose slot descriptors mypyc's native classes do not support; rules are made once, at import.
NOT_COMPILED = ("_rules/rule.py",)
# Everything else stays Python: the public calculation functions (``_calc``, whose typed parameters must
# refuse what a caller passes wrongly, not convert it), the public value classes users hold and pickle
# (findings, fixes, migrations), the linter (I/O and worker processes), the lifecycle model, reference tables (data, not
# code) and the lazy public namespace. None of them is on the per-body path of a check.


def compiled_modules() -> list[str]:
    """The modules in ``COMPILED`` but not in ``NOT_COMPILED``, as paths mypyc takes."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith(COMPILED) and not relative.startswith(NOT_COMPILED):
            found.append(str(path))
    return found


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
