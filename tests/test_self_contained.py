"""The project is whole on its own: no file reads or cites anything outside the repository.

A user's clone has nothing beside it. A test that reads a neighbouring folder passes for its author and fails
for everyone else, and a docstring that cites a document the user cannot open explains nothing. Facts the
tests need live in ``tests/data/`` with the URL they come from; rules cite Mollie's pages by URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Folders that are not the project's own text: tools' caches, environments, build output.
_SKIPPED = {".git", ".tox", ".venv", "venv", "site", "build", "dist", "__pycache__", ".mypy_cache", ".ruff_cache"}
_TEXT = {".py", ".md", ".toml", ".ini", ".cfg", ".yml", ".yaml", ".json", ".jsonl", ".txt", ".sh", ""}
#: Ways of naming what is outside: the neighbouring folder, the catalogue the project grew from, its ids.
_OUTSIDE = re.compile(r"\.\./shared|shared/seeds|SPEC\.md|\bSPEC\b(?:[ :]+R\d{3}|\s*§)|DESIGN\s*§")
_PARENTS = re.compile(r"__file__\)(?:\.resolve\(\))?\.parents\[(\d+)\]")


def _project_files() -> Iterator[Path]:
    for path in ROOT.rglob("*"):
        relative = path.relative_to(ROOT)
        if any(part in _SKIPPED or part.endswith(".egg-info") for part in relative.parts):
            continue
        if path.is_file() and (path.suffix in _TEXT or path.name == "run") and path.name != Path(__file__).name:
            yield path


def test_no_file_names_a_place_outside_the_repository() -> None:
    offenders = []
    for path in _project_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        offenders += [f"{path.relative_to(ROOT)}: {match.group(0)}" for match in _OUTSIDE.finditer(text)]
    assert offenders == []


def test_no_file_climbs_out_of_the_repository_from_its_own_location() -> None:
    offenders = []
    for path in _project_files():
        if path.suffix != ".py":
            continue
        depth = len(path.relative_to(ROOT).parts) - 1  # parents[depth] is the repository root itself
        text = path.read_text(encoding="utf-8")
        offenders += [
            f"{path.relative_to(ROOT)}: parents[{match.group(1)}]"
            for match in _PARENTS.finditer(text)
            if int(match.group(1)) > depth
        ]
    assert offenders == []


@pytest.mark.parametrize(
    ("text", "outside"),
    [
        ("SEED = ROOT / '../shared/seeds/x.txt'", True),
        ('"""Order lines (SPEC §3, R054)."""', True),
        ("# see SPEC R065", True),
        ("SPECIAL_USE_TLDS = {'test'}", False),
        ("https://docs.mollie.com/reference/create-order", False),
    ],
)
def test_the_pattern_knows_what_outside_looks_like(text: str, outside: bool) -> None:
    assert bool(_OUTSIDE.search(text)) is outside
