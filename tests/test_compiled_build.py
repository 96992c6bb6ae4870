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


def _listed_modules() -> list[str]:
    """The dotted names of the modules setup.py compiles."""
    package = ROOT / "src" / "mollie_preflight"
    compiled, left_out = _setup_tuple("COMPILED"), _setup_tuple("NOT_COMPILED")
    names = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package).as_posix()
        if relative.startswith(compiled) and not relative.startswith(left_out):
            parts = ["mollie_preflight", *relative.removesuffix(".py").split("/")]
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_setup_lists_the_rule_engine() -> None:
    listed = _listed_modules()
    assert "mollie_preflight._create_order" in listed
    assert "mollie_preflight._rules.common.lines" in listed
    assert "mollie_preflight._rules.rule" not in listed
    assert "mollie_preflight._findings" not in listed


def test_every_listed_module_is_of_the_installed_build() -> None:
    """Compiled: every listed module is an extension module. Pure: none is."""
    kinds = {name: not str(importlib.import_module(name).__file__).endswith(".py") for name in _listed_modules()}
    assert {name for name, compiled in kinds.items() if compiled != COMPILED} == set()


def test_the_linter_says_which_build_runs(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    build = "compiled" if COMPILED else "pure Python"
    assert capsys.readouterr().out.strip() == f"mollie-preflight {__version__} ({build})"
