"""The two builds: pure Python, or the modules setup.py lists compiled by mypyc (tox env ``compiled``).

Every other test runs on whichever build is installed; these say which one that is, and that it is whole:
a compiled build where one listed module quietly stayed Python (or a pure build carrying a stale extension)
would pass the suite while measuring, or shipping, something else.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import os
from pathlib import Path
from types import ModuleType

import pytest

from mollie_preflight import __version__
from mollie_preflight._cli.main import main
from mollie_preflight._compiled import COMPILED

from .helpers import module_from_file

ROOT = Path(__file__).resolve().parents[1]


def _load_module_list() -> ModuleType:
    """``build_backend/compiled_modules.py``, what setup.py compiles, loaded from its file (it is no package)."""
    return module_from_file(ROOT / "build_backend" / "compiled_modules.py", "compiled_modules")


def _modules() -> dict[str, bool]:
    """Every module of the package, by dotted name: whether the compiled build compiles it."""
    modules = {}
    for relative, compiled in _load_module_list().package_modules(ROOT / "src" / "mollie_preflight").items():
        parts = ["mollie_preflight", *relative.removesuffix(".py").split("/")]
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = compiled
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


def _wheel_tags(wheel: str) -> list[str]:
    """The ``Tag:`` lines of a wheel's ``WHEEL`` metadata."""
    return [line.partition(": ")[2] for line in wheel.splitlines() if line.startswith("Tag: ")]


def test_an_installed_wheel_is_tagged_for_its_build() -> None:
    """A compiled wheel carries extension modules for one Python on one platform: tagged ``py3-none-any`` it would
    install anywhere and fail at import. A pure wheel must be universal. Read from the installed distribution, so
    the tox envs check the very wheel they test (an editable checkout has no wheel of its own to check)."""
    distribution = importlib.metadata.distribution("mollie-preflight")
    origin = json.loads(distribution.read_text("direct_url.json") or "{}")  # PEP 610: how it was installed
    wheel = distribution.read_text("WHEEL")
    if wheel is None or origin.get("dir_info", {}).get("editable"):
        pytest.skip("an editable checkout: no wheel of its own")
    if COMPILED:
        assert "Root-Is-Purelib: false" in wheel
        assert _wheel_tags(wheel)
        assert not any(tag.endswith("-none-any") for tag in _wheel_tags(wheel))
    else:
        assert _wheel_tags(wheel) == ["py3-none-any"]


def test_wheel_tags_are_read_from_the_metadata() -> None:
    assert _wheel_tags("Wheel-Version: 1.0\nRoot-Is-Purelib: false\nTag: cp311-cp311-linux_x86_64\n") == [
        "cp311-cp311-linux_x86_64"
    ]


def _stale_extensions(package: Path) -> list[str]:
    """The extension modules in ``package`` older than the source beside them: an in-place build
    (``setup.py build_ext --inplace``) that was not rebuilt after the source changed."""
    stale = []
    for extension in package.rglob("*.so"):
        source = extension.with_name(extension.name.split(".")[0] + ".py")
        if source.exists() and source.stat().st_mtime > extension.stat().st_mtime:
            stale.append(str(source.relative_to(package)))
    return sorted(stale)


def test_no_compiled_module_is_older_than_its_source() -> None:
    """Python imports an extension module before the ``.py`` beside it: after an in-place build, an edited
    source is not what runs, and every test (a deliberately broken rule included) passes against the old code.
    Rebuild, or delete the ``.so`` files (CONTRIBUTING.md, "The compiled build"). Only a checkout builds in
    place; an installed wheel's files all carry its install time."""
    package = Path(importlib.import_module("mollie_preflight").__file__ or "").parent
    if package != ROOT / "src" / "mollie_preflight":
        pytest.skip("an installed package, not this checkout's sources: nothing is built in place")
    assert _stale_extensions(package) == []


def test_a_stale_extension_is_found(tmp_path: Path) -> None:
    extension = tmp_path / "_money.cpython-311-x86_64-linux-gnu.so"
    extension.write_bytes(b"")
    source = tmp_path / "_money.py"
    source.write_text("")
    built = extension.stat().st_mtime
    os.utime(source, (built - 10, built - 10))  # built after the last edit
    assert _stale_extensions(tmp_path) == []
    os.utime(source, (built + 10, built + 10))  # edited after the build
    assert _stale_extensions(tmp_path) == ["_money.py"]
