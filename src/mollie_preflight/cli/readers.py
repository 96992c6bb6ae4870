"""Readers: turn an export file into ``Record``s, one order at a time, in constant memory.

Every reader has the same signature, ``read_FORMAT(stream) -> Iterator[Record]`` over a binary stream, and
``READERS`` maps a format name to it. Readers never raise on bad content: a record that is not JSON comes
out as a ``Record`` with ``error`` set, and the reader goes on where it can (JSONL: the next line). Only
I/O errors (a broken gzip stream, a vanished file) propagate.

``read_jsonl`` hands out raw lines, parsed later by the worker that validates them. ``read_json`` streams
the elements of a top-level array, or of an ``orders`` array in a top-level object, with ``ijson`` when it
is installed (the ``cli`` extra); without it, the document is loaded whole, which is correct but not flat
in memory.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import IO, Any, Final

from .records import Record

Stream = IO[bytes]
Reader = Callable[[Stream], Iterator[Record]]

#: The key of a top-level object whose array holds the orders (``{"orders": [...]}``).
ORDERS_KEY: Final = "orders"
#: Deeper nesting is refused, as ``json.loads`` refuses it: no order is that deep, and deeper values could
#: not be pickled to a worker or printed in a diff.
MAX_DEPTH: Final = 500
#: The largest JSONL record read: real orders are kilobytes; 8 MiB leaves room for any of them.
MAX_RECORD_BYTES: Final = 8 * 1024 * 1024


def read_jsonl(stream: Stream, first_line: int = 1) -> Iterator[Record]:
    """One order per line; blank lines are skipped; ``number`` and ``line`` are the 1-based line number.

    ``first_line`` is the number of the stream's first line: a worker reading a byte range of a file (see
    ``chunks``) numbers its lines as they are numbered in the whole file.

    A line longer than ``MAX_RECORD_BYTES`` is not read into memory: it is skipped in chunks and reported
    with its size, so one enormous (or decompressed-bomb) line cannot exhaust memory.
    """
    number = first_line - 1
    while text := stream.readline(MAX_RECORD_BYTES + 1):
        number += 1
        if len(text) > MAX_RECORD_BYTES:
            size = len(text) + (0 if text.endswith(b"\n") else _skip_line(stream))
            limit = f"{MAX_RECORD_BYTES:,} bytes"
            yield Record(number, number, error=f"it is {size:,} bytes long, more than the {limit} an order may have")
        elif text.strip():
            yield Record(number, number, text)


def _skip_line(stream: Stream) -> int:
    """Read past the rest of the current line in bounded chunks; the number of bytes skipped."""
    skipped = 0
    while chunk := stream.readline(1 << 20):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def read_json(stream: Stream) -> Iterator[Record]:
    """One order, an array of orders, or an object with an ``orders`` array; array elements numbered from 0."""
    try:
        import ijson  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        yield from _read_json_whole(stream)
    else:
        yield from _read_json_streaming(stream, ijson)


READERS: Final[dict[str, Reader]] = {"json": read_json, "jsonl": read_jsonl}


def parse_text(text: bytes) -> tuple[object, str | None]:
    """``(data, None)`` for valid JSON text, ``(None, why)`` otherwise; never raises."""
    try:
        return json.loads(text.rstrip(b"\r\n")), None
    except json.JSONDecodeError as exc:
        return None, f"{exc.msg} (column {exc.colno})"
    except UnicodeDecodeError:
        return None, "the line is not valid UTF-8 text"
    except RecursionError:
        return None, "the JSON is nested too deeply to read"
    except ValueError as exc:
        return None, str(exc)


def _read_json_whole(stream: Stream) -> Iterator[Record]:
    try:
        document = json.loads(stream.read())
    except json.JSONDecodeError as exc:
        yield Record(None, exc.lineno, error=f"{exc.msg} (line {exc.lineno}, column {exc.colno})")
        return
    except UnicodeDecodeError:
        yield Record(None, None, error="the file is not valid UTF-8 text")
        return
    except RecursionError:
        yield Record(None, None, error="the JSON is nested too deeply to read")
        return
    orders = _orders_of(document)
    if orders is None:
        yield Record(None, None, data=document)
    else:
        for index, order in enumerate(orders):
            yield Record(index, None, data=order)


def _orders_of(document: object) -> list[object] | None:
    if isinstance(document, list):
        return document
    if isinstance(document, dict) and isinstance(document.get(ORDERS_KEY), list):
        return document[ORDERS_KEY]  # type: ignore[no-any-return]
    return None


_STARTS: Final = frozenset({"start_map", "start_array"})
_ENDS: Final = frozenset({"end_map", "end_array"})


def _read_json_streaming(stream: Stream, ijson: Any) -> Iterator[Record]:
    """Walk ijson's event stream, building one array element at a time (never the whole document)."""
    index = 0
    in_array = False
    try:
        events = ijson.parse(stream, use_float=True)
        first = next(events, None)
        if first is None:
            yield Record(None, None, error="the file is empty")
            return
        _, event, value = first
        if event == "start_array":
            in_array = True
            for item in _elements(events, ijson):
                yield Record(index, None, data=item)
                index += 1
            return
        if event != "start_map":
            yield Record(None, None, data=_build(event, value, events, ijson))
            return
        document: dict[str, object] = {}
        streamed = False
        for _, event, key in events:
            if event == "end_map":
                break
            _, event, value = next(events)
            if key == ORDERS_KEY and event == "start_array" and not streamed:
                streamed = in_array = True
                for item in _elements(events, ijson):
                    yield Record(index, None, data=item)
                    index += 1
            else:
                document[key] = _build(event, value, events, ijson)
        if not streamed:
            yield Record(None, None, data=document)
    except (ijson.JSONError, ValueError) as exc:
        yield Record(index if in_array else None, None, error=str(exc).splitlines()[0] if str(exc) else "invalid JSON")


def _elements(events: Iterator[tuple[str, str, Any]], ijson: Any) -> Iterator[object]:
    """The elements of the array whose ``start_array`` was just consumed, up to its ``end_array``."""
    for _, event, value in events:
        if event == "end_array":
            return
        yield _build(event, value, events, ijson)


def _build(event: str, value: object, events: Iterator[tuple[str, str, Any]], ijson: Any) -> object:
    """The value that starts with ``event``: a scalar as it is, a container built from its events."""
    if event not in _STARTS:
        return value
    builder = ijson.ObjectBuilder()
    builder.event(event, value)
    depth = 1
    for _, event, value in events:
        builder.event(event, value)
        if event in _STARTS:
            depth += 1
            if depth > MAX_DEPTH:
                raise ValueError(f"the JSON is nested more than {MAX_DEPTH} levels deep")
        elif event in _ENDS:
            depth -= 1
            if depth == 0:
                break
    return builder.value
