"""Finding the inputs: paths and directories to files, files to (format, binary stream).

Compression is recognised by its magic bytes, not its name, so ``orders.jsonl`` that is secretly gzipped
and ``-`` fed from ``zcat``-less pipes both work. The format comes from the extension (``.json``,
``.jsonl``/``.ndjson``, each optionally ``.gz``); stdin and other names are sniffed from the first bytes.
"""

from __future__ import annotations

import gzip
import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Final, cast

from .selection import FileSelection

STDIN: Final = "-"
_GZIP_MAGIC: Final = b"\x1f\x8b"
_SNIFF_BYTES: Final = 1 << 16
_FORMATS: Final = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}


class InputError(Exception):
    """A path that cannot be read (missing, unreadable): a usage or I/O error, exit status 2."""


def expand(paths: list[str], selection: FileSelection | None = None) -> Iterator[str]:
    """Each path as given, directories replaced by the files ``selection`` picks in them (sorted).

    A missing path, and a directory with nothing to check, raise ``InputError`` when they are reached, so
    earlier files are still checked: a wrong path in a CI job must fail it, not pass it with nothing read.
    """
    selection = selection or FileSelection()
    for path in paths:
        if path == STDIN:
            yield path
        elif os.path.isdir(path):
            found = False
            for found_path in selection.walk(Path(path)):
                found = True
                yield found_path
            if not found:
                looked_for = ", ".join(selection.patterns) or "nothing (include is empty)"
                raise InputError(
                    f"{path}: no file to check in this directory (looked for {looked_for}, outside excluded and "
                    "git-ignored paths)"
                )
        elif os.path.exists(path):
            yield path
        else:
            raise InputError(f"{path}: no such file or directory")


def _format_by_name(name: str) -> str | None:
    lowered = name.lower().removesuffix(".gz")
    return _FORMATS.get(os.path.splitext(lowered)[1])


@contextmanager
def open_input(path: str) -> Iterator[tuple[str, IO[bytes]]]:
    """``(format, stream)`` for ``path`` (``-`` is stdin), decompressed and ready for a reader."""
    try:
        raw: IO[bytes] = sys.stdin.buffer if path == STDIN else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None
    try:
        stream = _buffered(raw)
        if is_gzip(stream.peek(2)):
            stream = _buffered(gzip.GzipFile(fileobj=stream, mode="rb"))
        fmt = _format_by_name(path) if path != STDIN else None
        if fmt is None:
            fmt = sniff(stream.peek(_SNIFF_BYTES))
        yield fmt, stream
    finally:
        if path != STDIN:
            raw.close()


def is_gzip(head: bytes) -> bool:
    """Whether a file starting with ``head`` is gzip-compressed (by its magic bytes)."""
    return head[:2] == _GZIP_MAGIC


def _buffered(stream: IO[bytes] | gzip.GzipFile) -> io.BufferedReader:
    """A reader with a buffer large enough to sniff the format from its first line."""
    return io.BufferedReader(cast("io.RawIOBase", stream), _SNIFF_BYTES)


def sniff(head: bytes) -> str:
    """``json`` or ``jsonl`` from the first bytes: an array is JSON; an object alone on its first line is JSONL."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith(b"{"):
        return "json"
    first, newline, _ = text.partition(b"\n")
    if not newline:
        return "json"
    import json

    try:
        json.loads(first)
    except ValueError:
        return "json"
    return "jsonl"
