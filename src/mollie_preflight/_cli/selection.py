"""Which files a directory holds for the linter: ``include``, ``exclude``, ``extend-exclude``, ``.gitignore``.

The settings behave as ruff's do, so nobody has to learn them twice:

- ``include``: the names a file must match to be checked (default: the export formats the linter reads);
- ``exclude``: what to skip; setting it replaces the defaults (dependency and build directories such as
  ``node_modules``, ``venv``, ``build``, ``dist``), so ``extend-exclude`` is the one to add to them with;
- files and directories that git ignores are skipped too, unless ``--no-respect-gitignore`` (or
  ``respect-gitignore = false``); so are hidden ones (``.cache/``, ``.orders.json``).

All of it applies to what a directory walk finds. A file named on the command line is checked whatever
these settings say: it was asked for by name. Patterns are gitignore patterns (see ``ignore``); one with a
``/`` is anchored to the directory of the configuration file (settings) or the working directory (flags).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from .ignore import PatternList, decide, read_gitignore

DEFAULT_INCLUDE: Final = ("*.json", "*.jsonl", "*.ndjson", "*.json.gz", "*.jsonl.gz", "*.ndjson.gz")
#: ruff's default excludes that are not hidden directories (hidden ones are skipped anyway).
DEFAULT_EXCLUDE: Final = (
    "__pypackages__",
    "_build",
    "buck-out",
    "build",
    "dist",
    "node_modules",
    "site-packages",
    "venv",
)
#: Unanchored patterns match at any depth whatever their base; the filesystem root makes every path relative.
_ANYWHERE: Final = Path(os.path.abspath(os.sep))


_INCLUDE: Final = PatternList.of(_ANYWHERE, DEFAULT_INCLUDE, ignore_case=True)
_EXCLUDE: Final = (PatternList.of(_ANYWHERE, DEFAULT_EXCLUDE),)


@dataclass(frozen=True, slots=True)
class FileSelection:
    """The rules a directory walk follows: which names are checked (matched ignoring case, as the formats
    are recognised), which paths are skipped."""

    include: PatternList = _INCLUDE
    exclude: tuple[PatternList, ...] = _EXCLUDE
    respect_gitignore: bool = True

    @classmethod
    def of(
        cls,
        *,
        include: tuple[Path, Sequence[str]] | None = None,
        exclude: tuple[Path, Sequence[str]] | None = None,
        extend_exclude: Sequence[tuple[Path, Sequence[str]]] = (),
        respect_gitignore: bool = True,
    ) -> FileSelection:
        """A selection from ``(base directory, patterns)`` pairs; ``None`` keeps the default."""
        chosen = cls()
        included = (
            chosen.include if include is None else PatternList.of(_absolute(include[0]), include[1], ignore_case=True)
        )
        excluded = chosen.exclude if exclude is None else (PatternList.of(_absolute(exclude[0]), exclude[1]),)
        extended = tuple(PatternList.of(_absolute(base), patterns) for base, patterns in extend_exclude)
        return cls(included, (*excluded, *extended), respect_gitignore)

    @property
    def patterns(self) -> tuple[str, ...]:
        """The include patterns, for messages."""
        return tuple(pattern.text for pattern in self.include.patterns)

    def walk(self, root: Path) -> Iterator[str]:
        """The files to check under the directory ``root``, in sorted order (a directory's files before its
        subdirectories), each as ``root`` joined with its relative path."""
        absolute = _absolute(root)
        lists = self._gitignores_above(absolute)
        pending: list[tuple[Path, Path, tuple[PatternList, ...]]] = [(root, absolute, lists)]
        while pending:
            directory, where, lists = pending.pop()
            own = read_gitignore(where) if self.respect_gitignore else None
            if own is not None:
                lists = (*lists, own)
            subdirectories: list[tuple[Path, Path, tuple[PatternList, ...]]] = []
            for entry in _entries(directory):
                if entry.name.startswith("."):
                    continue
                path = where / entry.name
                if entry.is_dir(follow_symlinks=False):
                    if not self._skipped(path, True, lists):
                        subdirectories.append((directory / entry.name, path, lists))
                elif _is_file(entry) and self.include.decide(path, False) and not self._skipped(path, False, lists):
                    yield str(directory / entry.name)
            pending.extend(reversed(subdirectories))

    def _skipped(self, path: Path, is_dir: bool, gitignores: tuple[PatternList, ...]) -> bool:
        return decide(self.exclude, path, is_dir) or decide(gitignores, path, is_dir)

    def _gitignores_above(self, root: Path) -> tuple[PatternList, ...]:
        """The ``.gitignore`` files of ``root``'s ancestors up to its repository's top (none outside one)."""
        if not self.respect_gitignore:
            return ()
        ancestors = list(root.parents)
        top = next((index for index, parent in enumerate(ancestors) if (parent / ".git").exists()), None)
        if top is None:
            return ()
        found = (read_gitignore(directory) for directory in reversed(ancestors[: top + 1]))
        return tuple(patterns for patterns in found if patterns is not None)


def _absolute(path: Path) -> Path:
    """``path`` made absolute without resolving symbolic links (patterns match the path as it is walked)."""
    return Path(os.path.abspath(path))


def _entries(directory: Path) -> list[os.DirEntry[str]]:
    """The entries of ``directory`` sorted by name; none when it cannot be listed (as ``os.walk`` does)."""
    try:
        with os.scandir(directory) as listing:
            return sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return []


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False
