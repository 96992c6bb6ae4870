"""The linter's reading of ``.gitignore`` files, held to git's own: the files a walk yields are exactly the
untracked files ``git ls-files --others --exclude-standard`` lists (the files git does not ignore)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mollie_preflight._cli.ignore import Pattern, PatternList
from mollie_preflight._cli.selection import FileSelection

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is the reference")

#: A tree with the same names at several depths, so anchoring, ``**`` and nesting all make a difference.
TREE = (
    "a.json", "b.jsonl", "a b.json", "ab.json", "x1.json", "a/a.json", "a/b.jsonl", "a/b/a.json", "a/b/c.json",
    "b/a.json", "b/a/a.json", "ab/a.json", "x/a/b/a.json", "x/y/z.json", "[a].json",
)  # fmt: skip
#: Everything is included and nothing excluded: only the ignore files decide.
EVERYTHING = FileSelection.of(include=(Path("/"), ("*",)), exclude=(Path("/"), ()))


def _repository(root: Path, ignores: dict[str, list[str]]) -> None:
    for name in TREE:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("[]")
    for directory, lines in ignores.items():
        (root / directory / ".gitignore").write_text("".join(line + "\n" for line in lines))


def _git_keeps(root: Path) -> list[str]:
    environment = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if not (root / ".git").exists():
        subprocess.run(["git", "init", "-q", str(root)], check=True, env=environment)
    listed = subprocess.run(
        ["git", "-C", str(root), "ls-files", "-z", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
        env=environment,
    ).stdout.decode()
    return sorted(name for name in listed.split("\0") if name and not name.endswith(".gitignore"))


def _we_keep(root: Path, selection: FileSelection = EVERYTHING) -> list[str]:
    return sorted(Path(path).relative_to(root).as_posix() for path in selection.walk(root))


@pytest.mark.parametrize(
    "ignores",
    [
        {".": ["a.json"]},  # a name matches at every depth
        {".": ["/a.json"]},  # a leading slash anchors it
        {".": ["a/a.json"]},  # so does a slash in the middle
        {".": ["a/"]},  # a directory, wherever it is, and everything in it
        {".": ["a/", "!a/a.json"]},  # nothing inside an ignored directory can be re-included
        {".": ["*.json", "!a.json"]},  # the last matching pattern wins
        {".": ["!a.json", "*.json"]},
        {".": ["**/b/a.json"]},
        {".": ["a/**"]},
        {".": ["a/**/a.json"]},
        {".": ["x/**/a.json"]},
        {".": ["?.json", "[ab].jsonl"]},
        {".": ["[!a].json"]},
        {".": ["\\[a\\].json", "a\\ b.json"]},
        {".": ["a b.json   ", "# a comment", "", "\\#x"]},
        {".": ["*.json"], "a": ["!a.json"]},  # a deeper file overrides the one above it
        {".": ["!*.json"], "a": ["*"]},
        {"a": ["/a.json", "b/"]},  # anchored to the directory of the file that says it
        {".": ["x/y"], "x": ["!y/z.json"]},
        {".": ["b.jsonl", "a//"]},  # one trailing slash comes off; what is left matches nothing (Hypothesis found it)
        {"a": ["***/b"], ".": ["x/***"]},  # a segment of asterisks is ``**`` (Hypothesis found it)
        {".": ["a/***/a.json", "x***/a"]},  # ... between slashes too; inside a segment it is a ``*``
        {".": ["a**/b"]},  # git matches a literal start alone, then ``**/b`` from the rest's start: ``ab`` too
        {"a": ["b**"], ".": ["x**\\/a"]},
        {".": ["**\\/[ab]"]},  # an escaped slash is a slash, without ``**/``'s zero-directory shortcut
        {".": ["**\\/**", "a/**\\/a.json"]},
    ],
)
def test_the_walk_skips_what_git_ignores(tmp_path: Path, ignores: dict[str, list[str]]) -> None:
    _repository(tmp_path, ignores)
    assert _we_keep(tmp_path) == _git_keeps(tmp_path)


_FRAGMENTS = st.sampled_from(["a", "b", "x", "*", "?", "**", "/", ".json", "[ab]", "[!a]", "!", "\\", " "])
_LINES = st.lists(st.lists(_FRAGMENTS, min_size=1, max_size=5).map("".join), max_size=4)


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(root_lines=_LINES, nested_lines=_LINES)
def test_any_patterns_are_read_as_git_reads_them(
    tmp_path: Path, root_lines: list[str], nested_lines: list[str]
) -> None:
    root = tmp_path / "repository"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir()
    _repository(root, {".": root_lines, "a": nested_lines})
    assert _we_keep(root) == _git_keeps(root)


def test_the_ignore_files_above_the_walked_directory_apply_inside_a_repository(tmp_path: Path) -> None:
    _repository(tmp_path, {".": ["/b/", "/a/b/c.json"]})
    _git_keeps(tmp_path)  # makes it a repository
    assert _we_keep(tmp_path / "a") == ["a.json", "b.jsonl", "b/a.json"]
    outside = FileSelection.of(include=(Path("/"), ("*",)), exclude=(Path("/"), ()), respect_gitignore=False)
    assert _we_keep(tmp_path / "a", outside) == ["a.json", "b.jsonl", "b/a.json", "b/c.json"]


def test_a_pattern_is_relative_to_its_base() -> None:
    patterns = PatternList.of(Path("/repo/exports"), ["old/", "*.tmp.json", "!keep.tmp.json"])
    assert patterns.decide(Path("/repo/exports/old"), True) is True
    assert patterns.decide(Path("/repo/exports/old"), False) is None  # a file named old: "old/" is for directories
    assert patterns.decide(Path("/repo/exports/2026/a.tmp.json"), False) is True
    assert patterns.decide(Path("/repo/exports/keep.tmp.json"), False) is False
    assert patterns.decide(Path("/repo/other/a.tmp.json"), False) is None


@pytest.mark.parametrize("line", ["", "   ", "# comment", "!", "/", "[z-a]"])
def test_lines_that_are_no_pattern(line: str) -> None:
    assert Pattern.parse(line) is None
