"""Which modules the compiled build compiles: read by ``setup.py`` to build, and by
``tests/test_compiled_build.py`` to check an installed build against. Nothing but the standard library, so
both can load it anywhere."""

from __future__ import annotations

from pathlib import Path

#: What a compiled build compiles: the modules every validation runs through (the rule families, money and
#: its integer formulas, the create-order and create-payment compositions, the API detection the linter asks
#: per record). Their public entry points take ``object`` where a caller may pass anything.
COMPILED = (
    "_calls.py",
    "_compose.py",
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
# (findings, fixes, migrations), the linter (I/O and worker processes), the lifecycle model, reference tables
# (data, not code) and the lazy public namespace. None of them is on the per-body path of a check.


def is_compiled(relative: str) -> bool:
    """Whether the module at ``relative`` (a path inside the package, ``_rules/common/lines.py``) is compiled."""
    return relative.startswith(COMPILED) and not relative.startswith(NOT_COMPILED)


def package_modules(package: Path) -> dict[str, bool]:
    """Every module file under ``package``, by its path inside it: whether the compiled build compiles it."""
    return {
        path.relative_to(package).as_posix(): is_compiled(path.relative_to(package).as_posix())
        for path in sorted(package.rglob("*.py"))
    }
