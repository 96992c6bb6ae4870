"""Where ``--fix`` writes: one output file, a directory of them, the inputs themselves, or nowhere (``--diff``).

Files are written to a temporary name beside their destination and moved over it only when complete, so
an interrupted run never leaves a half-written export (least of all over an input with ``--in-place``).
A destination whose name ends in ``.gz`` (or, in place, an input that was gzipped) is written gzipped.
"""

from __future__ import annotations

import gzip
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Final

from .errors import UsageError
from .sources import STDIN

_GZIP_MAGIC: Final = b"\x1f\x8b"


class Destinations:
    def __init__(self, paths: list[str], *, output: str | None, in_place: bool) -> None:
        """``output``: a file (one input), ``-`` for stdout, or a directory (several inputs)."""
        if in_place and STDIN in paths:
            raise UsageError("--in-place cannot rewrite stdin; use --output")
        self._output = output
        self._in_place = in_place
        self._several = len(paths) > 1

    def destination(self, path: str) -> Path | None:
        if self._in_place:
            return Path(path)
        if self._output is None or self._output == STDIN:
            return None
        if not self._several:
            return Path(self._output)
        relative = Path(path if path != STDIN else "stdin.jsonl")
        if relative.is_absolute() or ".." in relative.parts:
            relative = Path(relative.name)
        return Path(self._output) / relative

    @contextmanager
    def open(self, path: str) -> Iterator[IO[bytes]]:
        """A binary stream for the fixed content of ``path``, committed when the block ends without error."""
        destination = self.destination(path)
        if destination is None:
            if self._output == STDIN:
                yield sys.stdout.buffer
            else:
                with open(os.devnull, "wb") as discard:  # --diff: the fixed content is computed, not kept
                    yield discard
            return
        compress = _was_gzip(path) if self._in_place else destination.name.lower().endswith(".gz")
        destination.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{destination.name}.", dir=destination.parent)
        raw = os.fdopen(handle, "wb")
        try:
            if compress:
                with gzip.GzipFile(fileobj=raw, mode="wb") as packed:
                    yield packed  # type: ignore[misc]
            else:
                yield raw
            raw.close()
            os.chmod(temporary, _mode(Path(path)) if self._in_place else _default_mode())
            os.replace(temporary, destination)
        except BaseException:
            raw.close()
            Path(temporary).unlink(missing_ok=True)
            raise


def _mode(path: Path) -> int:
    """The permission bits of ``path``, kept when it is rewritten in place."""
    return path.stat().st_mode & 0o7777


def _default_mode() -> int:
    """What ``open()`` would give a new file (``mkstemp`` makes it private)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _was_gzip(path: str) -> bool:
    with open(path, "rb") as file:
        return file.read(2) == _GZIP_MAGIC
