"""Which files ``check`` reads in a directory: include, exclude, extend-exclude, ``.gitignore`` (issue 20)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_cli_e2e import TODAY, broken_order, records, run, write_jsonl


def _project(root: Path, config: str = "") -> Path:
    """A shop's repository: exports, a JavaScript front end with its dependencies, a git-ignored cache."""
    (root / ".git").mkdir()  # a repository: its top .gitignore applies in every directory below it
    (root / "pyproject.toml").write_text(f"[tool.mollie-preflight]\n{config}")
    (root / ".gitignore").write_text("cache/\n*.tmp.jsonl\n")
    for relative in ("exports/2026/a.jsonl", "exports/old/b.jsonl", "cache/c.jsonl", "exports/d.tmp.jsonl"):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        write_jsonl(root / relative, [broken_order(Path(relative).name)])
    (root / "node_modules" / "left-pad").mkdir(parents=True)
    (root / "node_modules" / "left-pad" / "package.json").write_text(json.dumps({"name": "left-pad"}))
    (root / "package.json").write_text(json.dumps({"name": "shop"}))
    return root


def _checked(root: Path, *args: str) -> list[str]:
    result = run("check", "--today", TODAY, "--format", "jsonl", *args, cwd=root)
    assert result.returncode == 1, result.stderr
    return sorted({Path(finding["file"]).as_posix() for finding in records(result)} - {"package.json"})


def test_by_default_dependencies_and_git_ignored_files_are_skipped(tmp_path: Path) -> None:
    root = _project(tmp_path, 'include = ["*.jsonl", "*.json"]\n')
    result = run("check", "--today", TODAY, "--format", "jsonl", cwd=root)
    files = sorted(finding["file"] for finding in records(result))
    # package.json is an export by its name and gets findings, but node_modules/ is never walked into.
    assert sorted(set(files)) == ["exports/2026/a.jsonl", "exports/old/b.jsonl", "package.json"]
    assert "node_modules/left-pad/package.json" not in files


def test_gitignore_can_be_ignored(tmp_path: Path) -> None:
    root = _project(tmp_path)
    expected = ["cache/c.jsonl", "exports/2026/a.jsonl", "exports/d.tmp.jsonl", "exports/old/b.jsonl"]
    assert _checked(root, "--no-respect-gitignore", ".") == expected
    (root / "pyproject.toml").write_text("[tool.mollie-preflight]\nrespect-gitignore = false\n")
    assert _checked(root, ".") == expected
    assert _checked(root, "--respect-gitignore", ".") == ["exports/2026/a.jsonl", "exports/old/b.jsonl"]


@pytest.mark.parametrize(
    ("config", "args", "expected"),
    [
        ('extend-exclude = ["exports/old"]\n', (), ["exports/2026/a.jsonl"]),
        ("", ("--extend-exclude", "old"), ["exports/2026/a.jsonl"]),
        ('include = ["a.jsonl"]\n', (), ["exports/2026/a.jsonl"]),
        ("", ("--include", "b.*,nothing"), ["exports/old/b.jsonl"]),
        # exclude replaces the defaults: node_modules is walked into again
        ('exclude = ["2026"]\n', (), ["exports/old/b.jsonl", "node_modules/left-pad/package.json"]),
        ('exclude = ["2026"]\n', ("--exclude", "old,node_modules"), ["exports/2026/a.jsonl"]),
    ],
)
def test_settings_and_flags_choose_the_files(
    tmp_path: Path, config: str, args: tuple[str, ...], expected: list[str]
) -> None:
    assert _checked(_project(tmp_path, config), *args, ".") == expected


def test_settings_are_anchored_to_the_configuration_file(tmp_path: Path) -> None:
    root = _project(tmp_path, 'extend-exclude = ["/exports/old"]\n')
    assert _checked(root / "exports", ".") == ["2026/a.jsonl"]


def test_a_file_named_on_the_command_line_is_checked_whatever_the_settings_say(tmp_path: Path) -> None:
    root = _project(tmp_path, 'exclude = ["exports"]\n')
    assert _checked(root, "cache/c.jsonl", "exports/old/b.jsonl") == ["cache/c.jsonl", "exports/old/b.jsonl"]


@pytest.mark.parametrize("args", [(), ("--exclude", "*"), ("--include", "*.csv")])
def test_a_directory_with_nothing_to_check_is_an_error_not_a_pass(tmp_path: Path, args: tuple[str, ...]) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.mollie-preflight]\n")
    (tmp_path / "exports").mkdir()
    if args:
        write_jsonl(tmp_path / "exports" / "a.jsonl", [broken_order("E")])
    result = run("check", "--today", TODAY, *args, "exports", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("mollie-preflight: error: exports: no file to check in this directory (looked for")
    assert "All checks passed" not in result.stdout


def test_no_path_and_nothing_in_the_working_directory_is_an_error(tmp_path: Path) -> None:
    result = run("check", "--isolated", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("mollie-preflight: error: .: no file to check in this directory")


def test_patterns_in_the_configuration_must_be_a_list_of_strings(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.mollie-preflight]\nexclude = "node_modules"\n')
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "exclude must be a list of gitignore-style patterns" in result.stderr
