"""Readers: turn an export file into ``Record``s, one order at a time, in constant memory.

Every reader has the same signature, ``read_FORMAT(stream) -> Iterator[Record]`` over a binary stream, and
``READERS`` maps a format name to it. Readers never raise on bad content: a record that is not JSON comes
out as a ``Record`` with ``error`` set, and the reader goes on where it can (JSONL: the next line). Only
I/O errors (a broken gzip stream, a vanished file) propagate.

``read_jsonl`` hands out raw lines, parsed later by the worker that validates them. ``read_json`` streams
the elements of a top-level array, or of an ``orders`` array in a top-level object, decoding one element
at a time with the standard library's own JSON scanner and noting the line each starts on (for SARIF and
annotations).
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Generator, Iterator
from typing import IO, Final, NoReturn

from .records import Record, SpanUnreadable

Stream = IO[bytes]
Reader = Callable[[Stream], Iterator[Record]]

#: The key of a top-level object whose array holds the orders (``{"orders": [...]}``).
ORDERS_KEY: Final = "orders"
#: Deeper nesting is refused, as ``json.loads`` refuses it: no order is that deep, and deeper values could
#: not be pickled to a worker or printed in a diff.
MAX_DEPTH: Final = 500
#: The largest record read (a JSONL line, an array element): real orders are kilobytes; 8 MiB is room for any.
MAX_RECORD_BYTES: Final = 8 * 1024 * 1024

_DECODER: Final = json.JSONDecoder()
_SPACE: Final = re.compile(r"[ \t\n\r]*")
_SPACE_CHARACTERS: Final = " \t\n\r"
_NUMBER_CHARACTERS: Final = re.compile(r"[0-9.eE+-]*")
_CHUNK_BYTES: Final = 1 << 16
#: A value cut off at the end of the text read so far fails this close to the cut at most ("fals", "1e+").
_LONGEST_CUT_TOKEN: Final = 16
_TOO_DEEP: Final = f"the JSON is nested more than {MAX_DEPTH} levels deep"
_TOO_LONG: Final = f"an element is more than {MAX_RECORD_BYTES:,} bytes long, more than an order may have"


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
        elif not text.isspace():  # stops at the first byte of a record; ``strip()`` would copy the line
            yield Record(number, number, text)


def _skip_line(stream: Stream) -> int:
    """Read past the rest of the current line in bounded chunks; the number of bytes skipped."""
    skipped = 0
    while chunk := stream.readline(1 << 20):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def read_json(stream: Stream, *, texts: bool = False) -> Iterator[Record]:
    """One order, an array of orders, or an object with an ``orders`` array; array elements are numbered
    from 0 and carry the line they start on. Streamed: memory holds one element, not the document.

    With ``texts``, an array element that is an object is handed out as its JSON text (``Record.text``,
    also its ``source``) for a worker to parse: the parent of ``--jobs`` then only finds where elements end
    (``_JsonText._span``), instead of decoding and pickling every order. That end is found by counting
    braces, which a brace inside a string can mislead; the text is then not one valid JSON value, the
    worker's parse says so (``SpanUnreadable``) and the engine reads the rest again without ``texts``.
    """
    text = _JsonText(stream, texts=texts)
    try:
        first = text.skip_space()
        if not first:
            yield Record(None, None, error="the file is empty")
            return
        line = text.line
        if first == "[":
            yield from text.elements()
        elif first == "{":
            document = yield from _read_object(text)
            if document is not None:
                yield Record(None, line, data=document)
        else:
            yield Record(None, line, data=text.value())
        if text.skip_space():
            text.fail("Extra data")
    except _Unreadable as problem:
        yield Record(problem.index, problem.line, error=problem.why)


def _read_object(text: _JsonText) -> Generator[Record, None, dict[str, object] | None]:
    """The top-level object: its ``orders`` array streamed as records (then ``None`` is returned), or else
    the whole object, which is then the one order (as ``json.loads`` would read it). A repeated ``orders``
    array is streamed too, numbered on, rather than silently left out."""
    text.expect("{")
    document: dict[str, object] = {}
    streamed = False
    next_index = 0
    if text.skip_space() == "}":
        text.expect("}")
        return document
    while True:
        if text.skip_space() != '"':
            text.fail("Expecting property name enclosed in double quotes")
        key = str(text.value())
        text.expect(":")
        if key == ORDERS_KEY and text.skip_space() == "[":
            streamed = True
            next_index = yield from text.elements(next_index)
        else:
            document[key] = text.value()
        if text.skip_space() == "}":
            text.expect("}")
            return None if streamed else document
        text.expect(",")


READERS: Final[dict[str, Reader]] = {"json": read_json, "jsonl": read_jsonl}


def read_json_texts(stream: Stream) -> Iterator[Record]:
    """``read_json`` handing out array elements as text where it can (for workers that parse them)."""
    return read_json(stream, texts=True)


def read_json_range(stream: Stream, first_line: int, last: bool) -> Iterator[Record]:
    """The elements of one byte range of a JSON array cut by ``chunks.plan_array``, numbered from 0 (the
    engine adds the elements of the ranges before), each with its line and source text, decoded exactly as
    ``read_json`` decodes them.

    A range holds whole elements separated by commas and ends after a comma, or, when it is the ``last``,
    after the closing ``]`` and white space. Anything else (an element cut off or broken, too long or too
    deep, the array closing early, data after it) raises ``SpanUnreadable``: the cut was wrong or the file
    is broken there, and the engine reads on the serial way, which reports what is really there.
    """
    text = _JsonText(stream)
    text.line = first_line
    try:
        yield from text.range_elements(last)
    except _Unreadable:
        raise SpanUnreadable from None


def parse_text(text: bytes | str) -> tuple[object, str | None]:
    """``(data, None)`` for valid JSON text, ``(None, why)`` otherwise; never raises.

    Bytes are first read as strict UTF-8 by the decoder itself: ~1 µs a record less than ``json.loads``,
    which detects the encoding in Python first. Whatever that reads is what ``json.loads`` reads: text it
    decodes has no byte order mark and no NUL among its first bytes (neither can start valid JSON), so
    ``json.loads`` would have detected UTF-8 too, and a trailing newline is white space to both. Anything
    it cannot read (other encodings, lone surrogates, broken JSON) goes to ``parse_text_in_full``, for its
    result or its exact message.
    """
    try:
        return _DECODER.decode(text if isinstance(text, str) else text.decode()), None
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        return parse_text_in_full(text)


def parse_text_in_full(text: bytes | str) -> tuple[object, str | None]:
    """``parse_text`` through ``json.loads``: any encoding it detects, and its messages.

    Bytes are decoded strictly in the encoding ``json.loads`` detects, before it sees them: ``json.loads``
    itself decodes with ``surrogatepass`` and would read encoded lone surrogates (UTF-8 ``ED A0 80``),
    which are not UTF-8 (RFC 3629) and which ``read_json`` refuses in a document. A line and a document
    holding the same bytes get the same answer.
    """
    if isinstance(text, bytes):
        text = text.rstrip(b"\r\n")
        encoding = json.detect_encoding(text)
        try:
            text = text.decode(encoding)
        except UnicodeDecodeError:
            return None, f"the line is not valid {_encoding_name(encoding)} text"
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        return None, f"{exc.msg} (column {exc.colno})"
    except RecursionError:
        return None, "the JSON is nested too deeply to read"
    except ValueError as exc:
        return None, str(exc)


def _encoding_name(codec: str) -> str:
    """The name a message gives the encoding of ``codec``, one ``json.detect_encoding`` returns:
    ``utf-16-le`` is UTF-16, ``utf-8-sig`` UTF-8."""
    return "UTF-" + codec.split("-")[1]


class _Unreadable(Exception):
    """Why the document cannot be read any further: where (line; array index inside one), and why."""

    def __init__(self, why: str, line: int | None, index: int | None = None) -> None:
        super().__init__(why)
        self.why, self.line, self.index = why, line, index


class _JsonText:
    """A JSON document read as text, a chunk at a time, with the line number of the current position.

    Values are decoded one at a time by ``json``'s own C scanner (``raw_decode``), so they are exactly what
    ``json.loads`` would build. A value cut off at the end of what has been read fails to decode and is
    decoded again after reading as much again (so a long value is decoded a logarithmic number of times);
    an error anywhere else is final at once. Text already consumed is dropped, so memory holds about one
    element, never the whole document.
    """

    def __init__(self, stream: Stream, *, texts: bool = False) -> None:
        self._stream = stream
        #: Hand out elements that are objects as their text (``_span``) instead of decoding them.
        self._texts = texts
        #: Chosen from the first bytes, as ``json.loads`` does: UTF-8 (a byte order mark is skipped), or
        #: UTF-16/32, which Windows tools still write.
        self._decoder: codecs.IncrementalDecoder | None = None
        self._encoding = "UTF-8"
        self._text = ""
        self._pos = 0
        self._end_of_stream = False
        #: Characters dropped before ``_text``, and where the line of ``_pos`` starts (both from the start
        #: of the document): for the column in messages.
        self._dropped = 0
        self._line_start = 0
        #: The line of ``_pos``, counted from 1, and the index into the array being streamed, if any.
        self.line = 1
        self._index: int | None = None
        #: Where the value ``value`` decoded last starts in ``_text`` (it ends at ``_pos``).
        self._start = 0

    def skip_space(self) -> str:
        """Move past white space; the next character, or ``""`` at the end of the document."""
        text, position = self._text, self._pos
        if position < len(text) and (character := text[position]) not in _SPACE_CHARACTERS:
            return character  # nothing to skip: the usual case between two tokens, at a fraction of the search
        while True:
            end = _run_end(_SPACE, self._text, self._pos)
            self._advance(end)
            if end < len(self._text):
                return self._text[end]
            if not self._read_more():
                return ""

    def expect(self, character: str) -> None:
        if self.skip_space() != character:
            self.fail(f"Expecting {character!r} delimiter" if character in ",:" else f"Expecting {character!r}")
        self._pos += 1

    def elements(self, first_index: int = 0) -> Generator[Record, None, int]:
        """The elements of the array starting here, as records numbered from ``first_index`` with their first
        line; returns the number the next element would have."""
        self.expect("[")
        self._index = first_index
        if self.skip_space() == "]":
            self._pos += 1
        else:
            while True:
                first = self.skip_space()
                line = self.line
                span = self._span() if first == "{" and self._texts else None
                if span is not None:
                    yield Record(self._index, line, text=span, source=span)
                else:
                    data = self.value()
                    yield Record(self._index, line, data=data, source=self._text[self._start : self._pos])
                self._index += 1
                if self.skip_space() == "]":
                    self._pos += 1
                    break
                self.expect(",")
        next_index, self._index = self._index, None
        return next_index

    def range_elements(self, last: bool) -> Iterator[Record]:
        """The elements of a byte range of an array (``read_json_range``); ``_Unreadable`` for anything else."""
        index = 0
        if self.skip_space() == "]":  # an empty array: only the first range can start with it
            self._pos += 1
            self._end_of_range(last, closed=True)
            return
        while True:
            line = self.line
            data = self.value()
            yield Record(index, line, data=data, source=self._text[self._start : self._pos])
            index += 1
            following = self.skip_space()
            if following == ",":
                self._pos += 1
                if not self.skip_space():
                    self._end_of_range(last, closed=False)
                    return
            elif following == "]":
                self._pos += 1
                self._end_of_range(last, closed=True)
                return
            else:
                self.fail("Expecting ',' delimiter")

    def _end_of_range(self, last: bool, *, closed: bool) -> None:
        """A range ends after a comma, the last one after ``]`` and nothing but white space."""
        if closed != last or (closed and self.skip_space()):
            self.fail("the range does not end where it was cut")

    def _span(self) -> str | None:
        """The text of the object starting here, up to the ``}`` that balances the braces counted from its
        ``{`` (moving past it); ``None``, nothing moved, when there is none within ``MAX_RECORD_BYTES`` or
        the text nests as deep as ``MAX_DEPTH`` (the decoder then reads it, with its exact errors).

        Only ``str.find`` and ``str.count`` (C loops) per closing brace: a fraction of decoding the object.
        The count ignores strings, so a string with an unbalanced brace gives a wrong end; the text is then
        never a single valid JSON value (it stops inside a string, or runs past the object), which the
        worker that parses it reports (``SpanUnreadable``).
        """
        while True:
            text, start = self._text, self._pos
            depth, at = 0, start
            while (close := text.find("}", at)) >= 0:
                depth += text.count("{", at, close) - 1
                at = close + 1
                if depth <= 0:
                    if at - start > MAX_RECORD_BYTES or _nests_deeper(text, start, at):
                        return None
                    self._start = start
                    self._advance(at)
                    return text[start:at]
            if len(text) - start > MAX_RECORD_BYTES or not self._read_more():
                return None

    def value(self) -> object:
        """Decode the value at the current position (after white space) and move past it."""
        self.skip_space()
        while True:
            try:
                value, end = _DECODER.raw_decode(self._text, self._pos)
            except json.JSONDecodeError as exc:
                # Only a value cut off by the end of the text read so far can still turn out valid.
                cut = exc.pos >= len(self._text) - _LONGEST_CUT_TOKEN or exc.msg.startswith("Unterminated")
                if self._end_of_stream or not cut:
                    self.fail(exc.msg, exc.pos)
                if len(self._text) - self._pos > MAX_RECORD_BYTES:
                    self.fail(_TOO_LONG, exc.pos)
            except RecursionError:
                self.fail(_TOO_DEEP)
            except ValueError as exc:  # an integer with more digits than Python converts
                self.fail(str(exc).split(";")[0])
            else:
                if self._end_of_stream or not _may_go_on(self._text, end, value):
                    if end - self._pos > MAX_RECORD_BYTES:
                        self.fail(_TOO_LONG)
                    if _too_deep(self._text, self._pos, end, value):
                        self.fail(_TOO_DEEP)
                    self._start = self._pos
                    self._advance(end)
                    return value
            self._read_more()

    def fail(self, why: str, at: int | None = None) -> NoReturn:
        """Stop reading: ``why``, with the line and column of ``at`` (default: the current position)."""
        at = self._pos if at is None else at
        self._advance(at)
        column = self._dropped + at - self._line_start + 1
        raise _Unreadable(f"{why} (line {self.line}, column {column})", self.line, self._index)

    def _advance(self, end: int) -> None:
        newlines = self._text.count("\n", self._pos, end)
        if newlines:
            self.line += newlines
            self._line_start = self._dropped + self._text.rfind("\n", self._pos, end) + 1
        self._pos = end

    def _read_more(self) -> bool:
        """Append the next chunk (at least as much as is pending, so long values are re-read few times)."""
        if self._end_of_stream:
            return False
        chunk = self._stream.read(max(_CHUNK_BYTES, len(self._text) - self._pos, 4))
        self._end_of_stream = not chunk
        if self._decoder is None:
            encoding = json.detect_encoding(chunk)
            self._encoding = _encoding_name(encoding)
            self._decoder = codecs.getincrementaldecoder(encoding)()
        try:
            decoded = self._decoder.decode(chunk, final=self._end_of_stream)
        except UnicodeDecodeError:
            raise _Unreadable(f"the file is not valid {self._encoding} text", self.line, self._index) from None
        self._dropped += self._pos
        self._text = self._text[self._pos :] + decoded
        self._pos = 0
        return bool(chunk)


def _may_go_on(text: str, end: int, value: object) -> bool:
    """Whether a value decoded up to ``end`` may be longer than the text read so far: a number followed by
    nothing but characters a number can hold (``1`` of ``1.5`` when the text ends in ``1.``)."""
    return type(value) in (int, float) and _run_end(_NUMBER_CHARACTERS, text, end) == len(text)


def _run_end(characters: re.Pattern[str], text: str, start: int) -> int:
    """Where the run of ``characters`` (a ``[…]*`` pattern) that starts at ``start`` ends."""
    match = characters.match(text, start)
    return match.end() if match else start


def _nests_deeper(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has more than ``MAX_DEPTH`` brackets at all (the first test of ``_too_deep``)."""
    return text.count("[", start, end) + text.count("{", start, end) > MAX_DEPTH


def _too_deep(text: str, start: int, end: int, value: object) -> bool:
    """Whether ``value`` (decoded from ``text[start:end]``) nests deeper than ``MAX_DEPTH``: counted only
    when the text has that many brackets at all, which real orders never have."""
    if not _nests_deeper(text, start, end):
        return False
    depth, level = 0, [(value, 1)]
    while level:
        item, depth_here = level.pop()
        depth = max(depth, depth_here)
        if depth > MAX_DEPTH:
            return True
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        level.extend((child, depth_here + 1) for child in children if isinstance(child, (dict, list)))
    return False
