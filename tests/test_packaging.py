"""The package as users get it: pinned builds, the wheel, the pre-commit hook, the published docs site.

The first tests read files only and run everywhere. The others build and install into fresh virtual
environments from the package index, which takes a minute or two: they run where
``MOLLIE_PREFLIGHT_PACKAGING_TESTS`` is set, as ``tox -e packaging`` (part of the default ``tox`` run) sets it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .helpers import module_from_file

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the 3.10 backport, installed by the cli extra
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
HOOK: dict[str, Any] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
INSTALLS = pytest.mark.skipif(
    not os.environ.get("MOLLIE_PREFLIGHT_PACKAGING_TESTS"),
    reason="builds and installs fresh venvs from the package index; run by `tox -e packaging`",
)


# --- files only ----------------------------------------------------------------------------------------------


def _pinned() -> dict[str, list[str]]:
    """Each package of constraints.txt and the specifiers of its lines (one per Python range)."""
    pins: dict[str, list[str]] = {}
    for raw in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            requirement = Requirement(line)
            pins.setdefault(canonicalize_name(requirement.name), []).append(str(requirement.specifier))
    return pins


def _declared() -> set[str]:
    """Every package pyproject.toml and constraints.in name: dependencies, all extras, the build backend, tools."""
    project = PYPROJECT["project"]
    lines = [*project["dependencies"], *PYPROJECT["build-system"]["requires"]]
    lines += [line for extra in project["optional-dependencies"].values() for line in extra]
    for raw in (ROOT / "constraints.in").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            lines.append(line)
    return {canonicalize_name(Requirement(line).name) for line in lines}


def test_every_declared_package_and_tool_is_pinned_exactly() -> None:
    """A requirement added to pyproject.toml or constraints.in without `tox -e pins` would float in CI."""
    pins = _pinned()
    assert sorted(_declared() - set(pins)) == []
    loose = {name: specifiers for name, specifiers in pins.items() if not all(s.startswith("==") for s in specifiers)}
    assert loose == {}


def test_the_hook_installs_what_the_cli_extra_installs() -> None:
    """pre-commit cannot name an extra (it runs `pip install .` plus additional_dependencies)."""
    assert HOOK["additional_dependencies"] == PYPROJECT["project"]["optional-dependencies"]["cli"]


def test_the_hooks_entry_is_the_console_script() -> None:
    assert shlex.split(HOOK["entry"]) == ["mollie-preflight", "check"]
    assert PYPROJECT["project"]["scripts"]["mollie-preflight"] == "mollie_preflight._cli.main:main"


def _check_site() -> Any:
    return module_from_file(ROOT / "scripts" / "check_site.py", "check_site")


def test_the_site_check_names_every_python_file_and_cache_and_nothing_else(tmp_path: Path) -> None:
    for name in ("index.html", "hooks/rule_pages.py", "hooks/__pycache__/rule_pages.cpython-311.pyc", "a/b.pyo"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "rules" / "MP203").mkdir(parents=True)
    (tmp_path / "assets" / "python.svg").parent.mkdir()
    (tmp_path / "assets" / "python.svg").write_text("", encoding="utf-8")
    check_site = _check_site()
    expected = ["a/b.pyo", "hooks/__pycache__", "hooks/__pycache__/rule_pages.cpython-311.pyc", "hooks/rule_pages.py"]
    assert check_site.published_code(tmp_path) == expected
    assert check_site.main([str(tmp_path)]) == 1
    shutil.rmtree(tmp_path / "hooks")
    (tmp_path / "a" / "b.pyo").unlink()
    assert check_site.main([str(tmp_path)]) == 0
    assert check_site.main([str(tmp_path / "rules")]) == 2  # not a built site: no index.html


# --- fresh installs ------------------------------------------------------------------------------------------


def _run(argv: list[str | Path], cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "NO_COLOR": "1"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [str(arg) for arg in argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def _ok(argv: list[str | Path], cwd: Path) -> None:
    done = _run(argv, cwd)
    assert done.returncode == 0, f"{argv}\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"


def _fresh_venv(python: str, where: Path) -> Path:
    """A new venv made by ``python``; returns its bin directory."""
    _ok([python, "-m", "venv", where], where.parent)
    return where / ("Scripts" if os.name == "nt" else "bin")


@pytest.fixture(scope="module")
def source_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository as a clone has it: the checkout without what .gitignore keeps out of git.

    pip builds a source directory in place (``build/``, ``*.egg-info``), so it builds a copy, never this tree.
    """
    ignored = [".git"]
    for raw in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            ignored.append(raw.strip().rstrip("/"))
    target = tmp_path_factory.mktemp("clone") / "mollie-preflight"
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(*ignored))
    return target


@INSTALLS
def test_the_wheel_holds_the_typed_package_only_and_its_linter_runs_from_a_fresh_venv(
    source_tree: Path, tmp_path: Path
) -> None:
    """`python -m build` (sdist, then the wheel from the sdist), as the README tells users to build it."""
    _ok([sys.executable, "-m", "build", "--outdir", tmp_path / "dist", source_tree], tmp_path)
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    (sdist,) = (tmp_path / "dist").glob("*.tar.gz")
    assert sdist.name.startswith("mollie_preflight-")
    names = zipfile.ZipFile(wheel).namelist()
    assert "mollie_preflight/py.typed" in names
    assert [name for name in names if not re.match(r"mollie_preflight(/|-[^/]+\.dist-info/)", name)] == []

    bin_dir = _fresh_venv(sys.executable, tmp_path / "venv")
    _ok([bin_dir / "python", "-m", "pip", "install", f"{wheel}[cli]"], tmp_path)
    linter = bin_dir / "mollie-preflight"
    clean = _run([linter, "check", ROOT / "examples" / "clean-orders.jsonl"], tmp_path)
    assert (clean.returncode, clean.stdout.strip()) == (0, "All checks passed: 3 orders in 1 file.")
    broken = _run([linter, "check", "--quiet", ROOT / "examples" / "broken-orders.jsonl"], tmp_path)
    assert broken.returncode == 1
    assert [line.split(" ")[1] for line in broken.stdout.splitlines()] == ["MP203", "MP304", "MP301", "MP102", "MP900"]


def _python_310() -> str | None:
    """A working Python 3.10: the running one, or ``python3.10`` on PATH (a pyenv shim may be there but fail)."""
    if sys.version_info[:2] == (3, 10):
        return sys.executable
    found = shutil.which("python3.10")
    if found is None:
        return None
    probe = _run([found, "-c", "import sys; print(*sys.version_info[:2])"], Path.cwd(), timeout=60)
    return found if probe.returncode == 0 and probe.stdout.split() == ["3", "10"] else None


# The first broken example: one finding only, MP203 line-vat-amount.
BROKEN_LINE = (ROOT / "examples" / "broken-orders.jsonl").read_text(encoding="utf-8").splitlines()[0]


@INSTALLS
@pytest.mark.parametrize("version", ["running", "3.10"])
def test_the_pre_commit_hook_installs_as_pre_commit_does_and_reads_the_repositorys_pyproject(
    version: str, source_tree: Path, tmp_path: Path
) -> None:
    """pre-commit's install of a ``language: python`` hook: a fresh venv, ``pip install .`` in the hook's
    repository plus its additional_dependencies; then the entry over the staged files, from the root of the
    user's repository. On 3.10 the linter reads pyproject.toml with tomli, which only the hook's
    additional_dependencies install.
    """
    python = sys.executable if version == "running" else _python_310()
    if python is None:
        pytest.skip("no working python3.10 on PATH (pyenv: list 3.10 in PYENV_VERSION, as .ci/run does)")
    bin_dir = _fresh_venv(python, tmp_path / "venv")
    _ok([bin_dir / "python", "-m", "pip", "install", ".", *HOOK["additional_dependencies"]], source_tree)

    shop = tmp_path / "shop"
    (shop / "exports").mkdir(parents=True)
    (shop / "pyproject.toml").write_text('[tool.mollie-preflight]\nignore = ["line-vat-amount"]\n', encoding="utf-8")
    (shop / "exports" / "orders.jsonl").write_text(BROKEN_LINE + "\n", encoding="utf-8")
    staged = "exports/orders.jsonl"
    assert re.search(HOOK["files"], staged)
    entry = shlex.split(HOOK["entry"])
    hook = [bin_dir / entry[0], *entry[1:], *HOOK.get("args", [])]

    configured = _run([*hook, staged], shop)
    assert (configured.returncode, configured.stderr) == (0, "")
    assert configured.stdout.strip() == "All checks passed: 1 order in 1 file."
    unconfigured = _run([*hook, "--isolated", staged], shop)
    assert unconfigured.returncode == 1
    assert unconfigured.stdout.startswith(f"{staged}:1: MP203 error lines.0.vatAmount: ")
