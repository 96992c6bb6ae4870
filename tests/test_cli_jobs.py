"""``--jobs``: plain JSONL files and JSON arrays are cut into byte ranges that workers read themselves; output
never changes.

The end-to-end tests set ``MOLLIE_PREFLIGHT_CHUNK_BYTES`` so that a small file is cut into many ranges, with
boundaries inside lines, CRLF lines, blank lines, broken lines and a final line without a newline.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import io
import json
import os
import re
import signal
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mollie_preflight._cli import engine as engine_module
from mollie_preflight._cli import jsontext
from mollie_preflight._cli import main as main_module
from mollie_preflight._cli import worker as worker_module
from mollie_preflight._cli.chunks import (
    CHUNK_BYTES_VARIABLE,
    Chunk,
    array_start,
    chunk_bytes,
    open_range,
    plan,
    plan_array,
    splittable_size,
)
from mollie_preflight._cli.engine import Engine
from mollie_preflight._cli.errors import WorkerCrash
from mollie_preflight._cli.readers import parse_text, read_json, read_json_range, read_json_texts, read_jsonl
from mollie_preflight._cli.records import Checked, Record, SpanUnreadable
from mollie_preflight._cli.reporters import escape as escape_module
from mollie_preflight._cli.reporters.escape import printable
from mollie_preflight._cli.worker import RecordChecker, Settings

from .payloads import example_order
from .test_cli_e2e import broken_order, check, records, run_on_a_terminal, script

SETTINGS = Settings(options={}, today=datetime.date(2026, 11, 22))
GARBAGE = b'{"orderNumber": "cut-off", "amount": {'


def mixed_export() -> tuple[bytes, dict[str, int]]:
    """A JSONL export with every awkward kind of line, and the 1-based line of some landmarks in it."""
    lines: list[bytes] = []
    where: dict[str, int] = {}
    for i in range(36):
        order = broken_order(f"J-{i}") if i % 4 == 0 else dict(example_order(), orderNumber=f"J-{i}")
        ending = b"\r\n" if i % 3 == 0 else b"\n"
        lines.append(json.dumps(order).encode() + ending)
        if i == 10:
            where["garbage"] = len(lines) + 1
            lines += [GARBAGE + b"\n", b"\n", b"   \r\n"]
        if i == 20:
            long = broken_order("J-long")
            long["lines"][0]["name"] = "x" * 6000  # longer than several ranges: straddles their boundaries
            lines.append(json.dumps(long).encode() + b"\n")
            where["long"] = len(lines)
            lines.append(b"\xff\xfe not utf-8\n")
    last = broken_order("J-last")
    lines.append(json.dumps(last).encode())  # no final newline
    where["last"] = len(lines)
    return b"".join(lines), where


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    content, where = mixed_export()
    path = tmp_path_factory.mktemp("jobs") / "export.jsonl"
    path.write_bytes(content)
    return path, where


def chunked(size: int) -> dict[str, str]:
    return {CHUNK_BYTES_VARIABLE: str(size)}


#: The ``--jobs 1`` answer on each file and arguments: parallel runs here are held to it, several to the same
#: one (the serial run does not depend on the range length or the number of jobs), so it is run once.
_SERIAL: dict[tuple[Path, tuple[str, ...]], subprocess.CompletedProcess[str]] = {}


def serially(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``check(*args, "--jobs", "1", path)``, run once for a file that is never rewritten (``array_file``'s,
    ``export``'s) and the same arguments."""
    key = (path, args)
    if key not in _SERIAL:
        _SERIAL[key] = check(*args, "--jobs", "1", str(path))
    return _SERIAL[key]


# --- end to end: the console script, --jobs 1 against --jobs N ---------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("--format", "text"),
        ("--format", "json"),
        ("--format", "jsonl"),
        ("--format", "sarif"),
        ("--format", "github"),
        ("--format", "gitlab"),
        ("--format", "junit"),
        ("--statistics",),
        ("--statistics", "--format", "json"),
        ("--format", "jsonl", "--severity", "error", "--fail-on", "warning"),
        ("--format", "text", "--select", "MP1", "--exit-zero"),
    ],
)
def test_every_format_is_byte_identical_with_two_jobs(
    export: tuple[Path, dict[str, int]], args: tuple[str, ...]
) -> None:
    path, _ = export
    one = serially(path, *args)
    two = check(*args, "--jobs", "2", str(path), env=chunked(2500))
    # stdout only: under coverage, pool processes print coverage's own warnings on stderr.
    assert (two.returncode, two.stdout) == (one.returncode, one.stdout)
    assert one.stdout


@pytest.mark.parametrize(("jobs", "size"), [(2, 1), (3, 1300), (2, 4099), (5, 50_000), (2, 10**9)])
def test_any_range_length_and_any_number_of_jobs_give_the_same_findings(
    export: tuple[Path, dict[str, int]], jobs: int, size: int
) -> None:
    path, where = export
    one = serially(path, "--format", "jsonl")
    many = check("--format", "jsonl", "--jobs", str(jobs), str(path), env=chunked(size))
    assert many.stdout == one.stdout
    assert many.returncode == one.returncode == 1
    found = {(f["line"], f["code"], f["orderNumber"]) for f in records(many)}
    assert (where["garbage"], "MP900", None) in found
    assert (where["long"], "MP203", "J-long") in found
    assert (where["long"] + 1, "MP900", None) in found
    assert (where["last"], "MP203", "J-last") in found
    garbage = next(f for f in records(many) if f["line"] == where["garbage"])
    assert f"on line {where['garbage']} " in garbage["message"]


def test_a_line_over_the_record_cap_is_reported_the_same_by_ranges(tmp_path: Path) -> None:
    """A 9 MiB line spans many ranges' worth of bytes: it is one range, skipped past in bounded reads."""
    path = tmp_path / "huge.jsonl"
    order = json.dumps(broken_order("H-1")).encode()
    path.write_bytes(order + b"\n" + b'{"name": "' + b"y" * (9 << 20) + b'"}\r\n' + order)
    one = check("--format", "jsonl", "--jobs", "1", str(path))
    two = check("--format", "jsonl", "--jobs", "2", str(path), env=chunked(100_000))
    assert two.stdout == one.stdout
    assert [(f["line"], f["code"]) for f in records(two)] == [(1, "MP203"), (2, "MP900"), (3, "MP203")]
    assert "9,437,198 bytes long" in records(two)[1]["message"]


def test_gzip_and_stdin_still_work_with_two_jobs(tmp_path: Path) -> None:
    """Inputs that cannot be cut into ranges go through the parent, in batches: more than one batch here."""
    orders = [broken_order(f"Z-{i}") if i % 9 == 0 else example_order() for i in range(700)]
    content = b"".join(json.dumps(order).encode() + b"\n" for order in orders)
    plain, packed = tmp_path / "orders.jsonl", tmp_path / "packed.jsonl.gz"
    plain.write_bytes(content)
    packed.write_bytes(gzip.compress(content))
    wanted = [dict(f, file="") for f in records(check("--format", "jsonl", "--jobs", "1", str(plain)))]
    assert len(wanted) == 78
    from_gzip = check("--format", "jsonl", "--jobs", "2", str(packed), env=chunked(1000))
    assert [dict(f, file="") for f in records(from_gzip)] == wanted
    from_stdin = check("--format", "jsonl", "--jobs", "2", "-", stdin=content, env=chunked(1000))
    assert [dict(f, file="") for f in records(from_stdin)] == wanted


def test_progress_line_counts_from_range_results(export: tuple[Path, dict[str, int]]) -> None:
    """On a terminal, the progress line is fed by the per-range counts and cleared at the end."""

    path, _ = export
    command = [script(), "check", "--isolated", "--today", "2026-11-22", "--jobs", "2", str(path)]
    result, shown = run_on_a_terminal(
        command, {**os.environ, "MOLLIE_PREFLIGHT_PROGRESS_DELAY": "0", **chunked(2500)}, 120
    )
    assert result.returncode == 1
    assert re.search(rb"\d+ orders checked, [\d,]+/s, \d+ findings", shown)
    assert shown.rindex(b"\r\x1b[2K") > shown.rindex(b"orders checked")  # cleared at the end
    assert b"Found" in result.stdout


# --- a worker that dies ------------------------------------------------------------------------------


def _die(*_: object) -> Checked:
    os._exit(3)


def test_a_worker_that_dies_ends_the_run_with_exit_2_and_one_line(
    export: tuple[Path, dict[str, int]], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = export
    monkeypatch.setenv(CHUNK_BYTES_VARIABLE, "2500")
    monkeypatch.setattr(engine_module, "check_chunk_in_worker", _die)
    status = main_module.main(["check", "--isolated", "--today", "2026-11-22", "--jobs", "2", str(path)])
    err = capsys.readouterr().err
    assert status == 2
    assert err.splitlines() == [
        "mollie-preflight: error: a worker process stopped unexpectedly (killed, or out of memory?); the results"
        " are incomplete (try --jobs 1)"
    ]


# --- the engine in-process: which path an input takes ------------------------------------------------


class _InlineExecutor:
    """A stand-in for the process pool that runs each task at once in this process, recording it."""

    calls: ClassVar[list[str]] = []
    pools: ClassVar[list[_InlineExecutor]] = []

    def __init__(self, workers: int, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
        self.workers = workers
        type(self).pools.append(self)

    def submit(self, function: Callable[..., Checked], *args: Any) -> Future[Checked]:
        future: Future[Checked] = Future()
        future.set_result(function(*args))
        self.calls.append(function.__name__)
        return future

    def shutdown(self, **_: object) -> None:
        pass


@pytest.fixture
def inline_pool(monkeypatch: pytest.MonkeyPatch) -> type[_InlineExecutor]:
    monkeypatch.setattr(_InlineExecutor, "pools", [])
    monkeypatch.setattr(_InlineExecutor, "calls", [])
    monkeypatch.setattr(engine_module, "ProcessPoolExecutor", _InlineExecutor)
    monkeypatch.setattr(worker_module, "_WORKER", RecordChecker(SETTINGS))  # what init_worker sets up
    return _InlineExecutor


def _engine_findings(engine: Engine, path: Path, fmt: str = "jsonl") -> tuple[int, list[tuple[Any, ...]]]:
    with path.open("rb") as stream:
        results = list(engine.check(str(path), fmt, stream))
    found = [(o.line, o.order_number, raw[0]) for result in results for o in result.outcomes for raw in o.findings]
    return sum(result.records for result in results), found


def test_plain_jsonl_goes_to_workers_as_ranges(
    export: tuple[Path, dict[str, int]], inline_pool: type[_InlineExecutor], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = export
    with Engine(SETTINGS, 1) as serial:
        wanted = _engine_findings(serial, path)
    assert inline_pool.pools == []
    monkeypatch.setenv(CHUNK_BYTES_VARIABLE, "3000")
    with Engine(SETTINGS, 8) as parallel:
        assert _engine_findings(parallel, path) == wanted
    assert set(inline_pool.calls) == {"check_chunk_in_worker"}
    assert len(inline_pool.calls) == len(list(plan(str(path), 3000))) > 8
    assert [pool.workers for pool in inline_pool.pools] == [8]
    assert wanted[0] == 40


def test_a_file_of_one_range_is_checked_without_a_pool(tmp_path: Path, inline_pool: type[_InlineExecutor]) -> None:
    """Even with several batches' worth of records: ranges are ≥ 1 MiB by default, and this file is smaller."""
    path = tmp_path / "small.jsonl"
    path.write_text("".join(json.dumps(broken_order(f"S-{i}")) + "\n" for i in range(600)))
    assert path.stat().st_size < 1024 * 1024  # one range, but more than two batches of 256 records
    with Engine(SETTINGS, 2) as engine:
        records_checked, found = _engine_findings(engine, path)
    assert records_checked == 600
    assert found[-1] == (600, "S-599", "MP203")
    assert inline_pool.pools == []


def test_more_jobs_than_ranges_starts_only_as_many_workers_as_ranges(
    export: tuple[Path, dict[str, int]], inline_pool: type[_InlineExecutor], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = export
    size = path.stat().st_size
    monkeypatch.setenv(CHUNK_BYTES_VARIABLE, str(size // 3 + 1))
    with Engine(SETTINGS, 16) as engine:
        _engine_findings(engine, path)
        monkeypatch.setenv(CHUNK_BYTES_VARIABLE, "2000")
        _engine_findings(engine, path)  # a later file needing more workers gets a larger pool
    assert [pool.workers for pool in inline_pool.pools] == [3, 16]


def test_unsplittable_inputs_go_to_workers_as_batches(tmp_path: Path, inline_pool: type[_InlineExecutor]) -> None:
    path = tmp_path / "orders.json"
    path.write_text(json.dumps([broken_order(f"A-{i}") if i % 50 == 0 else example_order() for i in range(600)]))
    with Engine(SETTINGS, 2) as engine:
        count, found = _engine_findings(engine, path, "json")
    assert count == 600
    assert [number for _, number, _ in found] == [f"A-{i}" for i in range(0, 600, 50)]
    assert inline_pool.calls == ["check_records_in_worker"] * 3


def test_a_pool_process_is_set_up_once_and_leaves_ctrl_c_to_the_parent(
    export: tuple[Path, dict[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = export
    monkeypatch.setattr(worker_module, "_WORKER", None)
    previous = signal.getsignal(signal.SIGINT)
    try:
        worker_module.init_worker(SETTINGS)
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)
    first = worker_module.check_chunk_in_worker(str(path), Chunk(0, path.stat().st_size, 1))
    assert first.records == 40
    with path.open("rb") as stream:
        batch = list(read_jsonl(stream))
    assert worker_module.check_records_in_worker(batch) == first


def test_results_in_flight_are_bounded() -> None:
    submitted = 0

    def tasks() -> Iterator[Future[Checked]]:
        nonlocal submitted
        for _ in range(20):
            submitted += 1
            future: Future[Checked] = Future()
            future.set_result(Checked(1, ()))
            yield future

    results = engine_module._in_order(tasks(), 3)
    next(results)
    assert submitted == 3
    assert sum(1 for _ in results) == 19


def test_a_broken_pool_is_a_worker_crash() -> None:
    future: Future[Checked] = Future()
    future.set_exception(BrokenProcessPool("gone"))
    with pytest.raises(WorkerCrash, match="stopped unexpectedly"):
        list(engine_module._in_order(iter([future]), 2))


# --- ranges: planning and reading --------------------------------------------------------------------


lines = st.lists(
    st.sampled_from([b"", b"\r", b"  ", b"{}", b"[1", b'{"a": 1}', b"x" * 40, b'{"orderNumber": "N"}', b"\xff"]),
    max_size=30,
)


@given(
    lines=lines,
    final_newline=st.booleans(),
    length=st.integers(1, 60),
    block=st.integers(1, 50),
)
def test_ranges_tile_the_file_at_line_ends_and_read_as_the_whole_file_reads(
    lines: list[bytes], final_newline: bool, length: int, block: int
) -> None:
    content = b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "f.jsonl")
        Path(path).write_bytes(content)
        chunks = list(plan(path, length, block))
        whole = list(read_jsonl(io.BytesIO(content)))
        pieces = []
        for chunk in chunks:
            with open_range(path, chunk) as stream:
                pieces += list(read_jsonl(stream, chunk.first_line))
    assert pieces == whole
    assert [c.start for c in chunks] == [0, *(c.end for c in chunks)][: len(chunks)]
    assert (chunks[-1].end if chunks else 0) == len(content)
    for chunk in chunks:
        assert chunk.first_line == content[: chunk.start].count(b"\n") + 1
        piece = content[chunk.start : chunk.end]
        if chunk is not chunks[-1]:
            assert piece.endswith(b"\n")
            assert b"\n" not in piece[length - 1 : -1]  # it ends with the line holding its length-th byte


def test_a_range_reads_no_further_than_its_end(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_bytes(b'{"a": 1}\n{"b": 2}\n{"c": 3}\n')
    with open_range(str(path), Chunk(9, 18, 2)) as stream:
        assert [(r.number, r.text) for r in read_jsonl(stream, 2)] == [(2, b'{"b": 2}\n')]


def test_a_file_that_changes_after_planning_is_read_without_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_bytes(b'{"a": 1}\n' * 100)
    chunks = list(plan(str(path), 100))
    path.write_bytes(b'{"orderNumber": "N"}\n{"b"')
    results = [RecordChecker(SETTINGS).check_chunk(str(path), chunk) for chunk in chunks]
    assert sum(result.records for result in results) == 2
    assert [o.findings[0][0] for result in results for o in result.outcomes][-1] == "MP900"


def test_splittable_size(tmp_path: Path) -> None:
    plain, packed = tmp_path / "a.jsonl", tmp_path / "b.jsonl.gz"
    plain.write_bytes(b"{}\n" * 10)
    packed.write_bytes(gzip.compress(b"{}\n"))
    assert splittable_size(str(plain)) == 30
    assert splittable_size(str(packed)) is None
    assert splittable_size("-") is None
    assert splittable_size(str(tmp_path)) is None
    assert splittable_size(str(tmp_path / "missing")) is None


def test_chunk_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CHUNK_BYTES_VARIABLE, raising=False)
    assert chunk_bytes(10, 2) == 1024 * 1024
    assert chunk_bytes(48 * 1024 * 1024, 2) == 1536 * 1024
    assert chunk_bytes(10**10, 2) == 2 * 1024 * 1024
    monkeypatch.setenv(CHUNK_BYTES_VARIABLE, "777")
    assert chunk_bytes(10**10, 2) == 777
    monkeypatch.setenv(CHUNK_BYTES_VARIABLE, "not a number")
    assert chunk_bytes(10, 2) == 1024 * 1024


# --- the parent's per-finding work: fast paths equal to what they skip ------------------------------


@given(st.text())
def test_printable_fast_path_equals_the_full_translation(text: str) -> None:
    assert printable(text) == text.translate(escape_module._CONTROLS)


#: Text with lone surrogates too (``st.text()`` leaves them out): ``"\\ud800"`` is valid JSON, and a record holds it.
_ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()))
#: Every lone surrogate, as JSON escapes it.
_SURROGATES = {code: f"\\u{code:04x}" for code in range(0xD800, 0xE000)}


@given(_ANY_TEXT | st.lists(_ANY_TEXT, max_size=3) | st.dictionaries(_ANY_TEXT, _ANY_TEXT, max_size=3))
def test_dumps_fast_path_equals_the_full_translation(value: object) -> None:
    """One line, UTF-8 encodable, and read back by ``json.loads`` as the value written."""
    text = jsontext.dumps(value)
    assert text == json.dumps(value, ensure_ascii=False).translate({**jsontext._LINE_BREAKS, **_SURROGATES})
    assert len(text.splitlines()) == 1
    assert json.loads(text.encode("utf-8")) == value


def test_a_lone_surrogate_is_written_as_its_json_escape() -> None:
    assert (
        jsontext.dumps({"locale": "nl\ud800", "name": "Zoë\u2028"}) == '{"locale": "nl\\ud800", "name": "Zoë\\u2028"}'
    )


# --- JSON arrays: workers parse the elements; the parent only finds where each ends --------------------


def json_array_export(
    *, unbalanced_at: int | None = None, broken_at: int | None = None, unbalanced: str = "Socks }{ and a lone } brace"
) -> str:
    """600 orders as one JSON array (more than two batches, so a pool starts): some broken, some pretty-printed
    over many lines, some with braces in strings (balanced, as in JSON kept in metadata), a non-object
    element; optionally a string with an unbalanced brace (``unbalanced``), or an element that is not JSON, at an
    index."""
    parts = []
    for i in range(600):
        order = broken_order(f"A-{i}") if i % 7 == 0 else dict(example_order(), orderNumber=f"A-{i}")
        if i % 5 == 0:
            order["metadata"] = {"json": '{"kept": {"as": "text"}}', "nested": {"a": [{"b": {}}]}}
        if i == unbalanced_at:
            order["lines"][1]["name"] = unbalanced
        text = json.dumps(order, indent=2 if i % 3 == 0 else None)
        if i == broken_at:
            text = text.replace('"quantity": 1', '"quantity": tru', 1).replace('"quantity": 2', '"quantity": tru', 1)
        parts.append("42" if i == 300 else text)
    return "[\n" + ",\n".join(parts) + "\n]\n"


@pytest.fixture(scope="module")
def array_file(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The file holding an export's text, written once for each text (so ``serially`` can answer for it)."""
    directory = tmp_path_factory.mktemp("arrays")

    def written(text: str) -> Path:
        path = directory / f"orders-{hashlib.sha256(text.encode()).hexdigest()[:16]}.json"
        if not path.exists():
            path.write_text(text)
        return path

    return written


@pytest.mark.parametrize("case", ["plain", "unbalanced brace in a string", "not JSON at element 400"])
def test_json_arrays_are_byte_identical_with_two_jobs(array_file: Callable[[str], Path], case: str) -> None:
    unbalanced = 450 if case.startswith("unbalanced") else None
    broken = 400 if case.startswith("not JSON") else None
    path = array_file(json_array_export(unbalanced_at=unbalanced, broken_at=broken))
    for args in (("--format", "sarif"), ("--format", "jsonl")):
        one = serially(path, *args)
        two = check(*args, "--jobs", "2", str(path))
        assert (two.returncode, two.stdout) == (one.returncode, one.stdout)
    found = records(two)
    assert any(f["orderNumber"] == "A-595" and f["code"] == "MP203" for f in found) is (broken is None)
    if broken is not None:
        assert [f["code"] for f in found if f["orderNumber"] is None][-1] == "MP900"


def test_json_array_elements_go_to_workers_as_text(tmp_path: Path, inline_pool: type[_InlineExecutor]) -> None:
    path = tmp_path / "orders.json"
    path.write_text(json_array_export())
    with Engine(SETTINGS, 1) as serial:
        wanted = _engine_findings(serial, path, "json")
    with Engine(SETTINGS, 2) as parallel:
        assert _engine_findings(parallel, path, "json") == wanted
    assert inline_pool.calls == ["check_records_in_worker"] * 3
    assert wanted[0] == 600
    assert [number for _, number, _ in wanted[1]][:3] == ["A-0", "A-7", "A-14"]


def test_an_unreadable_element_text_reads_the_rest_again_with_the_decoder(
    tmp_path: Path, inline_pool: type[_InlineExecutor]
) -> None:
    """A string with an unbalanced brace misleads the brace count: the worker's parse refuses the text, and
    the engine reads on from the first record not yet reported, with the decoder: the same findings."""
    path = tmp_path / "orders.json"
    path.write_text(json_array_export(unbalanced_at=450))
    with Engine(SETTINGS, 1) as serial:
        wanted = _engine_findings(serial, path, "json")
    with Engine(SETTINGS, 2) as parallel:
        assert _engine_findings(parallel, path, "json") == wanted
    # Three batches as text (the third fails at element 450), then the decoder from element 512 on.
    assert inline_pool.calls == ["check_records_in_worker"] * 4
    assert (None, "A-450", "MP203") not in wanted[1]


json_objects = st.dictionaries(
    st.text('ab{}[]"\\ \n', max_size=4),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text('xy{}[]"\\,: \n', max_size=6),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text("k{}", max_size=3), inner, max_size=3),
        max_leaves=8,
    ),
    max_size=4,
)


@given(st.lists(json_objects | st.integers(), max_size=6), st.sampled_from([None, 1, 2]))
def test_element_texts_parse_to_the_decoders_elements_or_not_at_all(elements: list[object], indent: int | None) -> None:
    """The parent's brace count never changes what is read: each element text parses to exactly the element
    the decoder reads at that place, with the same line and source, or it does not parse at all."""
    document = json.dumps({"orders": elements}, indent=indent).encode()
    decoded = list(read_json(io.BytesIO(document)))
    texts = list(read_json_texts(io.BytesIO(document)))
    assert len(decoded) == len(elements)
    for serial, record in zip(decoded, texts, strict=False):
        if record.text is None:
            assert record == serial
            continue
        assert isinstance(record.text, str)
        assert record.source == record.text
        data, error = parse_text(record.text)
        if error is not None:
            return  # the worker raises SpanUnreadable here, and the engine reads on with the decoder
        assert (record.number, record.line, data, record.source) == (
            serial.number,
            serial.line,
            serial.data,
            serial.source,
        )
    assert len(texts) == len(decoded)


# --- JSON arrays in byte ranges: cut between elements by counting brackets; workers read the ranges -------


#: Two closing braces in a string: past it the bracket count is two short, so it takes a cut between two
#: lines of an order (depth 3) for one between orders, and that range cannot be read as whole elements.
MISLEADING = "Socks }} twice"


@pytest.mark.parametrize("case", ["plain", "unbalanced brace in a string", "}} in a string", "not JSON at 400"])
@pytest.mark.parametrize("size", [1, 3000])
def test_json_arrays_in_ranges_are_byte_identical_with_two_jobs(
    array_file: Callable[[str], Path], case: str, size: int
) -> None:
    """The same export as above, cut into ranges of about ``size`` bytes (a cut at every element at 1)."""
    unbalanced = 450 if "string" in case else None
    broken = 400 if case.startswith("not JSON") else None
    text = MISLEADING if case.startswith("}}") else "Socks }{ and a lone } brace"
    path = array_file(json_array_export(unbalanced_at=unbalanced, broken_at=broken, unbalanced=text))
    for args in (("--format", "jsonl"), ("--format", "sarif"))[: 1 if size == 1 else 2]:
        one = serially(path, *args)
        two = check(*args, "--jobs", "2", str(path), env=chunked(size))
        assert (two.returncode, two.stdout) == (one.returncode, one.stdout)
        if args[1] == "jsonl":
            found = records(two)
            assert any(f["orderNumber"] == "A-595" and f["record"] == 595 for f in found) is (broken is None)


def test_json_array_ranges_go_to_workers_and_are_numbered_on(
    tmp_path: Path, inline_pool: type[_InlineExecutor], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "orders.json"
    path.write_text(json_array_export())
    with Engine(SETTINGS, 1) as serial:
        wanted = _engine_findings(serial, path, "json")
    monkeypatch.setenv(CHUNK_BYTES_VARIABLE, "20000")
    with Engine(SETTINGS, 2) as parallel, path.open("rb") as stream:
        results = list(parallel.check(str(path), "json", stream))
    found = [(o.line, o.order_number, raw[0]) for result in results for o in result.outcomes for raw in o.findings]
    assert (sum(result.records for result in results), found) == wanted
    numbered = [(o.number, o.order_number) for result in results for o in result.outcomes if o.order_number]
    assert [number for number, _ in numbered] == [int(order_number[2:]) for _, order_number in numbered]
    assert set(inline_pool.calls) == {"check_array_range_in_worker"}
    assert len(inline_pool.calls) == len(results) > 10


def test_a_json_array_range_that_is_not_whole_elements_reads_the_rest_the_serial_way(
    tmp_path: Path, inline_pool: type[_InlineExecutor], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A string with an unbalanced brace misleads the bracket count: a range ends inside an element, its
    worker says so, and the engine reads on from the first record not yet reported: the same findings."""
    path = tmp_path / "orders.json"
    path.write_text(json_array_export(unbalanced_at=450, unbalanced=MISLEADING))
    with Engine(SETTINGS, 1) as serial:
        wanted = _engine_findings(serial, path, "json")
    monkeypatch.setenv(CHUNK_BYTES_VARIABLE, "20000")
    with Engine(SETTINGS, 2) as parallel:
        assert _engine_findings(parallel, path, "json") == wanted
    start = array_start(str(path))
    assert start is not None
    planned = len(list(plan_array(str(path), start, 20000)))
    # The ranges before the one holding element 450 were read by workers (that one raised); the rest was
    # read by the parent, its elements sent as text in batches (or checked in-process when fewer than two).
    calls = inline_pool.calls
    ranges = calls.index("check_records_in_worker") if "check_records_in_worker" in calls else len(calls)
    assert set(calls[:ranges]) == {"check_array_range_in_worker"}
    assert set(calls[ranges:]) <= {"check_records_in_worker"}
    assert 10 < ranges < planned - 3


def test_array_start(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    for content, wanted in [
        (b"[1]", (1, 1)),
        (b" \r\n\n\t[ {}]", (6, 3)),
        (b'{"orders": []}', None),
        (b"\xef\xbb\xbf[1]", None),
        ("[1]".encode("utf-16-le"), None),
        (b"", None),
        (b"   ", None),
    ]:
        path.write_bytes(content)
        assert array_start(str(path)) == wanted, content


def _read_in_ranges(path: str, length: int, block: int) -> tuple[list[Record], bool]:
    """Every range's records, numbered on as the engine numbers them; whether a range was unreadable."""
    start = array_start(path)
    assert start is not None
    read: list[Record] = []
    for chunk, last in plan_array(path, start, length, block):
        try:
            with open_range(path, chunk) as stream:
                here = list(read_json_range(stream, chunk.first_line, last))
        except SpanUnreadable:
            return read, True
        read += [record._replace(number=len(read) + (record.number or 0)) for record in here]
    return read, False


@given(
    st.lists(json_objects | st.integers() | st.text("{}[],", max_size=3), max_size=8),
    st.sampled_from([None, 0, 2]),
    st.integers(1, 80),
    st.integers(1, 60),
)
def test_array_ranges_read_as_the_whole_array_reads_or_say_they_cannot(
    elements: list[object], indent: int | None, length: int, block: int
) -> None:
    """Ranges cut anywhere the bracket count allows (strings with brackets included) give the decoder's
    records of the whole file, numbers, lines and sources included; or a range says it is not whole
    elements, and every record before it is the decoder's."""
    document = ("\n " + json.dumps(elements, indent=indent) + "\n").encode()
    whole = list(read_json(io.BytesIO(document)))
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "a.json")
        Path(path).write_bytes(document)
        read, unreadable = _read_in_ranges(path, length, block)
    if unreadable:
        assert read == whole[: len(read)]
    else:
        assert read == whole


@pytest.mark.parametrize(
    ("text", "cut_off"),
    [
        ('[{"a": 1}, {"b": 2}] x', "data after the array"),
        ('[{"a": 1}, {"b": 2}', "no closing bracket"),
        ('[{"a": 1}, {"b": tru}]', "not JSON"),
        ('[{"a": 1}, {"b": 2},]', "a comma before the bracket"),
    ],
)
def test_a_broken_array_makes_its_last_range_unreadable(tmp_path: Path, text: str, cut_off: str) -> None:
    path = tmp_path / "a.json"
    path.write_text(text)
    read, unreadable = _read_in_ranges(str(path), 1, 1024)
    assert unreadable, cut_off
    assert [record.data for record in read] == [{"a": 1}]
    assert whole_error(path)  # the serial reader, which the engine falls back to, reports it


def whole_error(path: Path) -> str | None:
    with path.open("rb") as stream:
        return list(read_json(stream))[-1].error


def test_array_ranges_tile_the_elements(tmp_path: Path) -> None:
    """Cuts between elements at depth 1 only (not between the objects of the nested array), lines counted;
    a string holding "}, {" misleads the count into a cut inside it, which the range's reader refuses."""
    path = tmp_path / "a.json"
    path.write_text('[\n{"a": [{"x": 1}, {"y": 2}]},\n {"b": 2}, {"c": "}, {"}, {"d": 4}\n]\n')
    start = array_start(str(path))
    assert start == (1, 1)
    cuts = list(plan_array(str(path), start, 1, 1024))
    content = path.read_bytes()
    assert [(content[c.start : c.end], c.first_line, last) for c, last in cuts] == [
        (b'\n{"a": [{"x": 1}, {"y": 2}]},\n ', 1, False),
        (b'{"b": 2}, ', 3, False),
        (b'{"c": "}, ', 3, False),
        (b'{"}, ', 3, False),
        (b'{"d": 4}\n]\n', 3, True),
    ]
    assert [c.start for c, _ in cuts[1:]] == [c.end for c, _ in cuts[:-1]]
    assert cuts[-1][0].end == len(content)
    read, unreadable = _read_in_ranges(str(path), 1, 1024)
    assert unreadable
    assert [(r.number, r.line, r.data) for r in read] == [(0, 2, {"a": [{"x": 1}, {"y": 2}]}), (1, 3, {"b": 2})]
