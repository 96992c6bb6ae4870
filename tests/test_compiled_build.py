"""The two builds: pure Python, or the modules setup.py lists compiled by mypyc (tox env ``compiled``).

Every other test runs on whichever build is installed; these say which one that is, and that it is whole:
a compiled build where one listed module quietly stayed Python (or a pure build carrying a stale extension)
would pass the suite while measuring, or shipping, something else.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from mollie_preflight import __version__
from mollie_preflight._cli.main import main
from mollie_preflight._compiled import COMPILED

ROOT = Path(__file__).resolve().parents[1]


def _setup_tuple(name: str) -> tuple[str, ...]:
    """A tuple of strings assigned at the top of setup.py, read without running it."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == [name]:
            value = ast.literal_eval(node.value)
            assert isinstance(value, tuple)
            return value
    raise AssertionError(f"setup.py assigns no {name}")


def _modules() -> dict[str, bool]:
    """Every module of the package, by dotted name: whether setup.py lists it for compiling."""
    package = ROOT / "src" / "mollie_preflight"
    compiled, left_out = _setup_tuple("COMPILED"), _setup_tuple("NOT_COMPILED")
    modules = {}
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package).as_posix()
        parts = ["mollie_preflight", *relative.removesuffix(".py").split("/")]
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = relative.startswith(compiled) and not relative.startswith(left_out)
    return modules


def test_setup_lists_the_rule_engine_and_leaves_the_public_value_classes_and_calculations() -> None:
    listed = {name for name, compiled in _modules().items() if compiled}
    assert {"mollie_preflight._create_order", "mollie_preflight._rules.common.lines", "mollie_preflight._vat"} <= listed
    assert {"mollie_preflight._rules.rule", "mollie_preflight._findings", "mollie_preflight._calc"}.isdisjoint(listed)


def test_every_module_is_of_the_build_setup_py_describes() -> None:
    """Compiled: the listed modules are extension modules and the others Python; pure: all are Python. A wheel
    carrying more than the list (a stale ``build/`` directory does that) fails here, not in a user's hands."""
    wrong = []
    for name, listed in _modules().items():
        compiled = not str(importlib.import_module(name).__file__).endswith(".py")
        if compiled != (listed and COMPILED):
            wrong.append(f"{name} is {'compiled' if compiled else 'Python'}")
    assert wrong == []


def test_the_linter_says_which_build_runs(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    build = "compiled" if COMPILED else "pure Python"
    assert capsys.readouterr().out.strip() == f"mollie-preflight {__version__} ({build})"
