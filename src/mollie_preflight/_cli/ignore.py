"""Git's ignore patterns, read ourselves: the linter skips what a repository ignores, as ruff does.

A small subset of ``gitignore(5)``, implemented here rather than pulled in as a dependency (the ``cli``
extra installs nothing but a TOML reader on old Pythons), and held to ``git check-ignore`` by the tests:

- blank lines and ``#`` comments are skipped; ``\\#`` and ``\\!`` start a pattern with a literal ``#``/``!``;
  trailing spaces are dropped unless escaped (``\\ ``);
- ``!`` negates: a later negated pattern re-includes what an earlier one excluded;
- a trailing ``/`` matches directories only;
- a pattern with a ``/`` at its start or in its middle is anchored to the directory of its file; one
  without matches a name at any depth below it;
- ``*`` and ``?`` and ``[...]`` never match a ``/``; ``**/`` at the start matches in every directory,
  ``/**`` at the end everything inside, ``/**/`` zero or more directories (a segment of three or more
  asterisks is ``**`` too, as in git's wildmatch; inside a segment, ``**`` is a ``*``);
- the last matching pattern decides, and a deeper ``.gitignore`` is read after (so wins over) those above.

A file inside an ignored directory stays ignored whatever a later pattern says (git does not even look
inside): the walk prunes ignored directories, which gives exactly that. Not read: ``.git/info/exclude``
and the user's global excludes file, which describe one person's checkout, not the project.

The same patterns serve the linter's own ``exclude`` and ``include`` settings, so there is one glob
syntax to learn.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

GITIGNORE: Final = ".gitignore"
#: What a segment's ``*`` and ``?`` may match: anything but the separator.
_ANY: Final = "[^/]"
#: The characters that end a pattern's literal start, for git (its ``simple_length``).
_WILDCARD_CHARS: Final = "*?[\\"
#: ``**`` between slashes: zero or more directories (``a/**/b`` matches ``a/b``), or, before an escaped slash,
#: one or more (git's zero-directory shortcut looks for a plain ``/``).
_ANY_DIRECTORIES: Final = "(?:.*/)?"
_SOME_DIRECTORIES: Final = ".*/"


@dataclass(frozen=True, slots=True)
class Pattern:
    """One pattern line: what it matches (a path relative to its base directory), and how it acts."""

    text: str
    regex: re.Pattern[str]
    negated: bool
    directory_only: bool

    @classmethod
    def parse(cls, line: str, *, ignore_case: bool = False) -> Pattern | None:
        """The pattern of one ``.gitignore`` line; ``None`` for a blank line or a comment."""
        text = line.rstrip("\r\n")
        text = _strip_trailing_spaces(text)
        if not text or text.startswith("#"):
            return None
        negated = text.startswith("!")
        if negated:
            text = text[1:]
        directory_only = text.endswith("/")
        if directory_only:  # git takes off one slash: ``a//`` is ``a/`` anchored, which no path matches
            text = text[:-1]
        if not text:
            return None
        anchored = "/" in text
        glob = text.removeprefix("/")
        prefix = "" if anchored else "(?:.*/)?"
        flags = (re.IGNORECASE if ignore_case else 0) | re.DOTALL
        try:
            regex = re.compile(prefix + (_translate_anchored(glob) if anchored else _translate(glob)), flags)
        except re.error:  # a reversed range such as ``[z-a]``: git matches nothing with it, nor do we
            return None
        return cls(line.strip(), regex, negated, directory_only)

    def matches(self, relative: str, is_dir: bool) -> bool:
        """Whether this pattern matches ``relative`` (``/``-separated, relative to the pattern's base)."""
        return (is_dir or not self.directory_only) and self.regex.fullmatch(relative) is not None


@dataclass(frozen=True, slots=True)
class PatternList:
    """The patterns of one source (a ``.gitignore`` file, or a setting), relative to ``base``."""

    base: Path
    patterns: tuple[Pattern, ...]

    @classmethod
    def of(cls, base: Path, lines: Iterable[str], *, ignore_case: bool = False) -> PatternList:
        parsed = (Pattern.parse(line, ignore_case=ignore_case) for line in lines)
        return cls(base, tuple(pattern for pattern in parsed if pattern is not None))

    def decide(self, path: Path, is_dir: bool) -> bool | None:
        """``True`` (matched), ``False`` (re-included by a ``!`` pattern) or ``None`` (no pattern matches, or
        ``path`` is not below ``base``)."""
        try:
            relative = path.relative_to(self.base).as_posix()
        except ValueError:
            return None
        if relative == ".":
            return None
        for pattern in reversed(self.patterns):
            if pattern.matches(relative, is_dir):
                return not pattern.negated
        return None


def read_gitignore(directory: Path) -> PatternList | None:
    """The patterns of ``directory/.gitignore``; ``None`` when there is none (or it cannot be read: a
    broken ignore file must not stop the check, and git itself passes over what it cannot read)."""
    try:
        text = (directory / GITIGNORE).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    patterns = PatternList.of(directory, text.splitlines())
    return patterns if patterns.patterns else None


def decide(lists: Iterable[PatternList], path: Path, is_dir: bool) -> bool:
    """Whether ``path`` is matched by ``lists``, read in order (the last list with a matching pattern wins)."""
    result = False
    for patterns in lists:
        decision = patterns.decide(path, is_dir)
        if decision is not None:
            result = decision
    return result


def _strip_trailing_spaces(text: str) -> str:
    """``text`` without its trailing spaces, except one escaped with a backslash (``foo\\ ``)."""
    stripped = text.rstrip(" ")
    if stripped.endswith("\\") and len(stripped) < len(text) and not _escaped_backslash(stripped):
        return stripped + " "
    return stripped


def _escaped_backslash(text: str) -> bool:
    """Whether ``text`` ends in an even run of backslashes (so its last one escapes nothing)."""
    run = len(text) - len(text.rstrip("\\"))
    return run % 2 == 0


def _translate_anchored(glob: str) -> str:
    """``_translate`` for a pattern anchored to its directory, with git's reading of asterisks right after
    the pattern's literal start.

    Git compares an anchored pattern's literal start (up to its first ``*``, ``?``, ``[`` or ``\\``) on its
    own and matches the rest from that rest's start, where a run of two or more asterisks followed by a
    slash (or nothing) is a leading ``**``: ``a**/b`` matches ``ab`` and ``ax/y/b``, not only ``ax/b``.
    """
    first = next((index for index, char in enumerate(glob) if char in _WILDCARD_CHARS), len(glob))
    run_end = first
    while run_end < len(glob) and glob[run_end] == "*":
        run_end += 1
    if first == 0 or glob[first - 1] == "/" or run_end - first < 2:
        return _translate(glob)
    start = re.escape(glob[:first])
    if run_end == len(glob):
        return start + ".*"
    if glob[run_end] == "/":
        return start + _ANY_DIRECTORIES + _translate(glob[run_end + 1 :])
    if glob.startswith("\\/", run_end):
        return start + _SOME_DIRECTORIES + _translate(glob[run_end + 2 :])
    return _translate(glob)


def _translate(glob: str) -> str:
    """A regular expression for ``glob`` (the pattern without its anchoring ``/`` and trailing ``/``).

    A segment of two or more asterisks is ``**``, as in git's wildmatch. Followed by ``/`` it matches zero or
    more directories; followed by an escaped slash (``\\/``), which git reads as a slash without its
    zero-directory shortcut, one or more.
    """
    segments = _segments(glob)
    parts: list[str] = []
    for index, (segment, escaped_slash) in enumerate(segments):
        last = index == len(segments) - 1
        if len(segment) >= 2 and not segment.strip("*"):
            parts.append(".*" if last else _SOME_DIRECTORIES if escaped_slash else _ANY_DIRECTORIES)
        else:
            parts.append(_segment(segment) + ("" if last else "/"))
    return "".join(parts)


def _segments(glob: str) -> list[tuple[str, bool]]:
    """``glob`` split at its slashes, each segment with whether the slash after it was escaped (``\\/``: it
    can only be a slash). Every other escape stays in its segment for ``_segment``."""
    segments: list[tuple[str, bool]] = []
    current: list[str] = []
    index = 0
    while index < len(glob):
        if glob.startswith("\\/", index):
            segments.append(("".join(current), True))
            current, index = [], index + 2
        elif glob[index] == "\\" and index + 1 < len(glob):
            current.append(glob[index : index + 2])
            index += 2
        elif glob[index] == "/":
            segments.append(("".join(current), False))
            current, index = [], index + 1
        else:
            current.append(glob[index])
            index += 1
    segments.append(("".join(current), False))
    return segments


def _segment(segment: str) -> str:
    """One path segment's glob as a regular expression: ``*``, ``?``, ``[...]`` and ``\\`` escapes."""
    out: list[str] = []
    index = 0
    while index < len(segment):
        char = segment[index]
        index += 1
        if char == "\\" and index < len(segment):
            out.append(re.escape(segment[index]))
            index += 1
        elif char == "*":
            while index < len(segment) and segment[index] == "*":  # ``**`` inside a segment is a ``*``
                index += 1
            out.append(f"{_ANY}*")
        elif char == "?":
            out.append(_ANY)
        elif char == "[" and (end := _class_end(segment, index)) is not None:
            out.append(_class(segment[index:end]))
            index = end + 1
        else:
            out.append(re.escape(char))
    return "".join(out)


def _class_end(segment: str, start: int) -> int | None:
    """The index of the ``]`` closing a bracket expression whose body starts at ``start``, if any."""
    index = start
    if index < len(segment) and segment[index] in "!^":
        index += 1
    if index < len(segment) and segment[index] == "]":  # a leading ``]`` is a member, not the end
        index += 1
    while index < len(segment):
        if segment[index] == "\\":
            index += 2
            continue
        if segment[index] == "]":
            return index
        index += 1
    return None


def _class(body: str) -> str:
    """A bracket expression's body (``!a-z``) as a regular expression class that never matches ``/``."""
    negated = body[:1] in ("!", "^")
    if negated:
        body = body[1:]
    members: list[str] = []
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            members.append(re.escape(body[index + 1]))
            index += 2
            continue
        members.append(char if char == "-" and 0 < index < len(body) - 1 else re.escape(char))
        index += 1
    inner = "".join(members)
    return f"[^/{inner}]" if negated else f"(?!/)[{inner}]"
