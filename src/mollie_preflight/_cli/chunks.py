"""Splitting a plain JSONL file into byte ranges that workers read themselves.

With ``--jobs`` above 1, a parent that reads every line, sends it to a worker and receives its outcome does
per-record work of its own, and on a machine with as many cores as workers it competes with them. For a
plain (uncompressed, regular) JSONL file the parent instead hands out *ranges*: ``plan`` walks the file once
in large blocks, counting newlines only, and cuts it after a newline every ``chunk_bytes`` or so; a worker
opens the file, reads its range with the same reader the serial mode uses (``open_range`` +
``read_jsonl(stream, first_line)``), and sends back only its findings.

Because every range ends just after a newline, a line always belongs, whole, to the range it starts in; a
line longer than a range simply makes that range longer. A final line without a newline ends the last range.
If the file changes while it is read, ranges may cut lines differently from the plan: the result is then
whatever the reader makes of those bytes (an ``MP900`` finding, say), never a crash.

A plain UTF-8 file holding one JSON array is cut the same way (``array_start``, ``plan_array``), between two
elements: where ``}`` ``,`` ``{`` follow each other (white space aside) at bracket depth 1, counted with
``bytes.count`` block by block, so the parent neither decodes nor even finds every element. The count
ignores strings, so a bracket inside a string can make a cut fall inside an element; the worker whose
range ends there cannot read its last element whole and says so (``readers.read_json_range``), and the
engine then reads the rest of the file the serial way. No wrong cut goes unnoticed: each range starts
where the one before it was read to its end, and an element cut off is never a complete JSON value.
"""

from __future__ import annotations

import io
import json
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Final, NamedTuple

from .sources import STDIN, is_gzip

#: Ranges are this long at most, so that there are many more of them than workers and the load balances:
#: with a few MiB per range, the last range to finish leaves the other workers idle only briefly.
MAX_CHUNK_BYTES: Final = 2 * 1024 * 1024
#: ... and this long at least: a file no longer than one range is checked in-process, without a pool,
#: whose start-up (~100 ms) would cost more than the parallelism saves on a file that small.
MIN_CHUNK_BYTES: Final = 1024 * 1024
#: Aim for this many ranges per worker on files too small for ``MAX_CHUNK_BYTES`` ranges.
_CHUNKS_PER_JOB: Final = 16
#: The planner reads the file in blocks of this size; memory stays flat whatever the line lengths are.
_BLOCK_BYTES: Final = 1024 * 1024
#: Overrides the range length (bytes), for tests that need many ranges in a small file. Not a user option.
CHUNK_BYTES_VARIABLE: Final = "MOLLIE_PREFLIGHT_CHUNK_BYTES"


class Chunk(NamedTuple):
    """Bytes ``start`` up to ``end`` (exclusive) of a file; ``first_line`` is the 1-based number of its first line."""

    start: int
    end: int
    first_line: int


def chunk_bytes(size: int, jobs: int) -> int:
    """The range length for a file of ``size`` bytes and ``jobs`` workers.

    The environment variable ``MOLLIE_PREFLIGHT_CHUNK_BYTES`` (a positive integer) overrides it; it exists so
    that tests can cut a small file into many ranges, including ranges shorter than one line.
    """
    override = os.environ.get(CHUNK_BYTES_VARIABLE, "")
    if override.isdigit() and int(override) > 0:
        return int(override)
    return min(MAX_CHUNK_BYTES, max(MIN_CHUNK_BYTES, size // (jobs * _CHUNKS_PER_JOB)))


def splittable_size(path: str) -> int | None:
    """The size of ``path`` when workers can read it by byte ranges, else ``None``.

    That is a regular file (not stdin, a pipe or a device) that is not gzip-compressed: offsets in the
    decompressed stream are not offsets in the file, and a pipe cannot be read twice.
    """
    if path == STDIN:
        return None
    try:
        with open(path, "rb") as file:
            status = os.fstat(file.fileno())
            if not stat.S_ISREG(status.st_mode) or is_gzip(file.read(2)):
                return None
            return status.st_size
    except OSError:
        return None


def plan(path: str, length: int, block_bytes: int = _BLOCK_BYTES) -> Iterator[Chunk]:
    """The ranges of ``path``: each ends just after the newline of the line holding its ``length``-th byte.

    So a range is ``length`` bytes or a little longer (much longer only where a line is), a line straddling
    that byte belongs to the range it starts in, and the last range ends with the file, newline or not.
    Lazy: the file is read in blocks of ``block_bytes`` as ranges are asked for, counting newlines only (for
    the line numbers), so the parent's cost is a fast scan and its memory one block.
    """
    length = max(1, length)
    start = position = 0
    first_line = 1
    newlines = 0  # newlines between ``start`` and the part of the file already scanned
    with open(path, "rb", buffering=0) as file:
        while block := file.read(block_bytes):
            block_start = position
            position += len(block)
            scanned = 0
            while (target := max(start + length - 1 - block_start, scanned)) < len(block):
                cut = block.find(b"\n", target)
                if cut < 0:
                    break
                newlines += block.count(b"\n", scanned, cut + 1)
                end = block_start + cut + 1
                yield Chunk(start, end, first_line)
                start, first_line, newlines, scanned = end, first_line + newlines, 0, cut + 1
            newlines += block.count(b"\n", scanned)
    if position > start:
        yield Chunk(start, position, first_line)


#: Where one array element ends and the next begins: ``}`` ``,`` white space, and then ``{`` (not taken).
_BETWEEN_OBJECTS: Final = re.compile(rb"\}[ \t\n\r]*,[ \t\n\r]*(?=\{)")
_SPACE: Final = b" \t\n\r"


def array_start(path: str, block_bytes: int = _BLOCK_BYTES) -> tuple[int, int] | None:
    """Where the elements of ``path``'s top-level JSON array begin (the offset just after ``[``, and its
    line), when the file is UTF-8 without a byte order mark and its first character is ``[``; else ``None``
    (an object with an ``orders`` array, a single order, UTF-16: read the serial way)."""
    with open(path, "rb") as file:
        head = file.read(block_bytes)
    if head.startswith(b"\xef\xbb\xbf") or json.detect_encoding(head) != "utf-8":
        return None
    body = head.lstrip(_SPACE)
    if not body.startswith(b"["):
        return None
    offset = len(head) - len(body) + 1
    return offset, 1 + head.count(b"\n", 0, offset)


def plan_array(
    path: str, start: tuple[int, int], length: int, block_bytes: int = _BLOCK_BYTES
) -> Iterator[tuple[Chunk, bool]]:
    """The ranges of the array whose elements begin at ``start`` (from ``array_start``), each with whether
    it is the last (which runs to the end of the file, past the closing ``]``).

    A range ends just before the ``{`` of the first element that starts ``length`` bytes or more after the
    range does, at bracket depth 1 by the count; its first line is counted as for ``plan``. Lazy, one block
    in memory, C loops only (``_tally``).
    """
    length = max(1, length)
    begin, first_line = start
    counted = begin  # brackets and newlines are counted up to here
    depth, newlines = 1, 0  # at ``counted``; newlines since ``begin``
    with open(path, "rb", buffering=0) as file:
        file.seek(counted)
        position = counted
        while block := file.read(block_bytes):
            block_start = position
            position += len(block)
            search = max(begin + length - block_start, counted - block_start)
            while (match := _BETWEEN_OBJECTS.search(block, max(search, 0))) is not None:
                cut = match.end()
                deeper, lines = _tally(block, counted - block_start, cut)
                depth, newlines, counted = depth + deeper, newlines + lines, block_start + cut
                if depth == 1:
                    yield Chunk(begin, counted, first_line), False
                    begin, first_line, newlines = counted, first_line + newlines, 0
                search = max(begin + length - block_start, cut)
            deeper, lines = _tally(block, counted - block_start, len(block))
            depth, newlines, counted = depth + deeper, newlines + lines, position
    yield Chunk(begin, max(position, begin), first_line), True


#: Every byte but the brackets and the newline: what ``_tally`` drops before counting.
_NOT_TALLIED: Final = bytes(byte for byte in range(256) if byte not in b"{}[]\n")


def _tally(block: bytes, low: int, high: int) -> tuple[int, int]:
    """How much deeper ``block[low:high]`` ends than it starts (brackets only, strings not told apart), and
    its newlines. One ``translate`` keeps the few bytes counted, so the five counts run over ~3 % of the
    text: ~3.5× cheaper than counting in the block itself."""
    kept = block[low:high].translate(None, _NOT_TALLIED)
    return kept.count(b"{") + kept.count(b"[") - kept.count(b"}") - kept.count(b"]"), kept.count(b"\n")


@contextmanager
def open_range(path: str, chunk: Chunk) -> Iterator[IO[bytes]]:
    """A buffered binary stream of ``chunk``'s bytes of ``path``: it ends where the range ends."""
    with open(path, "rb", buffering=0) as file:
        file.seek(chunk.start)
        yield io.BufferedReader(_Window(file, chunk.end - chunk.start), _BLOCK_BYTES)


class _Window(io.RawIOBase):
    """At most ``length`` bytes of an unbuffered file, from its current position."""

    def __init__(self, file: io.RawIOBase, length: int) -> None:
        super().__init__()
        self._file = file
        self._left = max(0, length)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        if self._left <= 0:
            return 0
        with memoryview(buffer) as view:
            count = self._file.readinto(view[: self._left]) or 0
        self._left -= count
        return count
