"""Every code example of the docs and the README runs here, so none can drift from what the code does.

``pycon`` blocks are doctests (pytest's ``--doctest-glob=*.md``). This module runs the rest:

- ``python``: executed, each block in a fresh namespace from the repository's root. A block that needs a
  real network or cluster opts out with ``<!-- snippet: compile-only (why) -->`` on the line before its
  fence; it is then compiled.
- ``console`` and ``sh``: each ``mollie-preflight`` command is run (the ``pip install ... &&`` before it is
  not); the output shown under a ``$`` line must be exactly what it prints, and ``$ echo $?`` the exit
  status. Without shown output a command must at least not be a usage error (status 2). Commands over
  paths that do not exist in the repository (``exports/``) are parsed by the linter's own parser instead.
- ``toml``: parsed; a ``[tool.mollie-preflight]`` section is loaded by the linter's configuration reader
  and its selectors are checked by ``Options``.
- ``yaml`` and ``json``: parsed.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import mollie_preflight as mp
from mollie_preflight._cli import config as cli_config
from mollie_preflight._cli.main import build_parser

ROOT = Path(__file__).resolve().parents[1]
PAGES = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md"]
COMPILE_ONLY = "<!-- snippet: compile-only"
_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```$", re.M | re.S)


@dataclass(frozen=True)
class Snippet:
    page: Path
    line: int
    language: str
    code: str
    compile_only: bool

    @property
    def id(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def snippets(language: str) -> list[Snippet]:
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in _FENCE.finditer(text):
            if match.group(1) != language:
                continue
            before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
            line = text.count("\n", 0, match.start()) + 1
            found.append(Snippet(page, line, language, match.group(2), before.startswith(COMPILE_ONLY)))
    return found


def _params(language: str) -> list[object]:
    return [pytest.param(snippet, id=snippet.id) for snippet in snippets(language)]


@pytest.fixture(autouse=True)
def _at_the_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("snippet", _params("python"))
def test_python_blocks_run(snippet: Snippet) -> None:
    code = compile(snippet.code, snippet.id, "exec")
    if not snippet.compile_only:
        exec(code, {"__name__": "docs_snippet"})


def _linter() -> list[str]:
    script = Path(sys.executable).with_name("mollie-preflight")
    return [str(script)] if script.exists() else [sys.executable, "-m", "mollie_preflight"]


def _commands(snippet: Snippet) -> list[tuple[str, list[str]]]:
    """``(command, shown output lines)`` for each ``mollie-preflight`` or ``echo $?`` command of a block."""
    runs: list[tuple[str, list[str]]] = []
    for raw in snippet.code.splitlines():
        line = raw[2:] if raw.startswith("$ ") else raw if snippet.language == "sh" else None
        if line is None:
            if runs:
                runs[-1][1].append(raw)
            continue
        command = line.split("#")[0].split("&&")[-1].strip()
        if command.startswith("mollie-preflight") or command == "echo $?":
            runs.append((command, []))
    return runs


def _runnable(argv: list[str]) -> bool:
    paths = [arg for arg in argv[1:] if not arg.startswith("-") and ("/" in arg or "." in arg)]
    return all((ROOT / path).exists() for path in paths)


@pytest.mark.parametrize("snippet", _params("console") + _params("sh"))
def test_shell_blocks_run_and_show_what_the_linter_prints(snippet: Snippet) -> None:
    status: int | None = None
    for command, shown in _commands(snippet):
        if command == "echo $?":
            assert shown == [str(status)], command
            continue
        argv = shlex.split(command)
        if not _runnable(argv) or snippet.compile_only:
            build_parser().parse_args(argv[1:])  # exits (SystemExit) on a usage error
            continue
        env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
        done = subprocess.run(
            [*_linter(), *argv[1:]], capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, check=False
        )
        status = done.returncode
        if shown:
            assert (done.stdout + done.stderr).splitlines() == shown, command
        else:
            assert status in (0, 1), done.stderr


@pytest.mark.parametrize("snippet", _params("toml"))
def test_toml_blocks_are_configurations_the_linter_accepts(snippet: Snippet, tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(snippet.code, encoding="utf-8")
    loaded = cli_config.load(tmp_path / "pyproject.toml")
    mp.Options(select=loaded.select or ("MP",), ignore=loaded.ignore or (), severities=loaded.severities)


@pytest.mark.parametrize("snippet", _params("yaml"))
def test_yaml_blocks_parse(snippet: Snippet) -> None:
    yaml = pytest.importorskip("yaml")
    assert yaml.safe_load(snippet.code) is not None


@pytest.mark.parametrize("snippet", _params("json"))
def test_json_blocks_parse(snippet: Snippet) -> None:
    json.loads(snippet.code)


def test_the_pre_commit_hook_the_docs_name_exists() -> None:
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "- id: mollie-preflight\n" in hooks
    assert any("id: mollie-preflight" in snippet.code for snippet in snippets("yaml"))
