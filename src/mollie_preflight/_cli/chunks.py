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
"""

from __future__ import annotations

import io
import os
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
