"""Running the checks over an input, in order, in one process or several.

Two ways to share the work, both with results in input order and a bounded number of tasks in flight, so
memory stays flat however long the input is:

* a plain JSONL file is cut into byte ranges (``chunks``) that the workers read themselves; the parent only
  scans the file for newlines and merges the findings that come back;
* a plain UTF-8 file holding one JSON array likewise, cut between elements by counting brackets
  (``chunks.plan_array``); the parent numbers the elements of each range on from the ranges before. Should
  a range not be whole elements (a bracket inside a string misled the count, or the file is broken), the
  rest of the file is read as below, from the first element not yet reported;
* any other input (stdin, gzip, other JSON) is read by the parent and sent to the workers in batches; the
  elements of a JSON array in a plain file go as their text, whose end the parent finds by counting braces,
  so that the workers, not the parent, decode them (``readers.read_json(..., texts=True)``).

A pool is started only when the input is larger than one range (or one batch): a small file is checked
in-process, without paying for process start-up. With one job everything runs in-process.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Final

from .chunks import array_start, chunk_bytes, plan, plan_array, splittable_size
from .errors import WorkerCrash
from .readers import READERS, read_json, read_json_texts
from .records import Checked, Record, SpanUnreadable
from .worker import (
    RecordChecker,
    Settings,
    check_array_range_in_worker,
    check_chunk_in_worker,
    check_records_in_worker,
    init_worker,
)

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

BATCH_SIZE: Final = 256
#: Tasks in flight per worker: enough to keep workers busy while the parent merges results.
_IN_FLIGHT_PER_JOB: Final = 4


def default_jobs() -> int:
    """All cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Engine:
    """Checks inputs with one settings object; owns the process pool (if any) for the whole run."""

    def __init__(self, settings: Settings, jobs: int) -> None:
        self._settings = settings
        self._jobs = max(1, jobs)
        self._local: RecordChecker | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._workers = 0

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def check(self, path: str, fmt: str, stream: IO[bytes]) -> Iterator[Checked]:
        """The results for the input ``path``, already opened as ``stream`` in format ``fmt``, in input order."""
        size = splittable_size(path) if self._jobs > 1 and fmt == "jsonl" else None
        if size is not None:
            length = chunk_bytes(size, self._jobs)
            if size <= length:  # one range: not worth starting processes for
                yield from self._check_here(_batched(iter(READERS[fmt](stream)), BATCH_SIZE))
                return
            workers = min(self._jobs, -(-size // length))
            pool = self._pool_of(workers)
            tasks = (pool.submit(check_chunk_in_worker, path, chunk) for chunk in plan(path, length))
            yield from _in_order(tasks, workers * _IN_FLIGHT_PER_JOB)
            return
        if self._jobs > 1 and fmt == "json" and (size := splittable_size(path)) is not None:
            length = chunk_bytes(size, self._jobs)
            start = array_start(path) if size > length else None
            if start is not None:
                yield from self._check_array_ranges(path, start, length, -(-size // length))
            else:
                yield from self._check_json_texts(path, stream)
            return
        yield from self.run(READERS[fmt](stream))

    def _check_array_ranges(self, path: str, start: tuple[int, int], length: int, ranges: int) -> Iterator[Checked]:
        """A JSON array cut into byte ranges that the workers read: the parent numbers their elements on.

        When a range is not whole elements (``SpanUnreadable``), the ranges after it are dropped and the
        file is read from the first record not yet reported as ``_check_json_texts`` reads it.
        """
        workers = min(self._jobs, ranges)
        pool = self._pool_of(workers)
        tasks = (pool.submit(check_array_range_in_worker, path, *each) for each in plan_array(path, start, length))
        done = 0
        try:
            for checked in _in_order(tasks, workers * _IN_FLIGHT_PER_JOB):
                if done and checked.outcomes:
                    outcomes = tuple(o._replace(number=done + (o.number or 0)) for o in checked.outcomes)
                    checked = checked._replace(outcomes=outcomes)
                done += checked.records
                yield checked
        except SpanUnreadable:
            with open(path, "rb") as again:
                yield from self._check_json_texts(path, again, done)

    def _check_json_texts(self, path: str, stream: IO[bytes], skip: int = 0) -> Iterator[Checked]:
        """A JSON file whose elements go to the workers as text: the parent only finds where each ends.
        ``skip``: the number of records already reported (from ``_check_array_ranges``).

        When a worker finds an element's text unreadable (a string held an unbalanced brace, or the file
        is broken there: ``SpanUnreadable``), the file is read again with the decoder from the first record
        not yet reported, so the results are those of reading it with the decoder throughout.
        """
        done = skip
        try:
            for checked in self.run(itertools.islice(read_json_texts(stream), skip, None)):
                done += checked.records
                yield checked
        except SpanUnreadable:
            with open(path, "rb") as again:
                yield from self.run(itertools.islice(read_json(again), done, None))

    def run(self, records: Iterable[Record]) -> Iterator[Checked]:
        """The results for ``records``, batch by batch, in their order."""
        batches = _batched(iter(records), BATCH_SIZE)
        first = next(batches, None)
        if first is None:
            return
        second = next(batches, None) if self._jobs > 1 else None
        if second is None:
            yield from self._check_here(itertools.chain([first], batches))
            return
        pool = self._pool_of(self._jobs)
        tasks = (_submit(pool, batch) for batch in itertools.chain((first, second), batches))
        yield from _in_order(tasks, self._jobs * _IN_FLIGHT_PER_JOB)

    def _check_here(self, batches: Iterable[list[Record]]) -> Iterator[Checked]:
        """Check ``batches`` in this process, one result per batch (so that progress is shown as it goes)."""
        if self._local is None:
            self._local = RecordChecker(self._settings)
        for batch in batches:
            yield self._local.check_all(batch)

    def _pool_of(self, workers: int) -> ProcessPoolExecutor:
        """A pool of at least ``workers`` processes (never more than there are tasks for the first input)."""
        if self._pool is None or self._workers < workers:
            self.close()
            self._pool = _pool_class()(workers, initializer=init_worker, initargs=(self._settings,))
            self._workers = workers
        return self._pool


def __getattr__(name: str) -> object:
    """``ProcessPoolExecutor``, imported when first asked for (PEP 562): ``multiprocessing`` is ~18 ms of
    start-up that a run which starts no pool (one job, or only small files) never needs."""
    if name == "ProcessPoolExecutor":
        return _imported_pool_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _imported_pool_class() -> type[ProcessPoolExecutor]:
    from concurrent.futures import ProcessPoolExecutor

    globals()["ProcessPoolExecutor"] = ProcessPoolExecutor
    return ProcessPoolExecutor


def _pool_class() -> type[ProcessPoolExecutor]:
    """The module's ``ProcessPoolExecutor`` (a test may put another in its place), imported on first use."""
    pool_class: type[ProcessPoolExecutor] = globals().get("ProcessPoolExecutor") or _imported_pool_class()
    return pool_class


def _in_order(tasks: Iterator[Future[Checked]], limit: int) -> Iterator[Checked]:
    """The results of ``tasks`` in submission order, with at most ``limit`` submitted and not yet yielded."""
    pending: deque[Future[Checked]] = deque()
    try:
        for task in tasks:
            pending.append(task)
            if len(pending) >= limit:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
    finally:
        for task in pending:  # the caller stopped early (an error, a range to read again): drop the rest
            task.cancel()


#: A worker that died breaks the pool: waiting for a result and submitting the next batch both say so.
_CRASHED: Final = (
    "a worker process stopped unexpectedly (killed, or out of memory?); the results are incomplete (try --jobs 1)"
)


def _submit(pool: ProcessPoolExecutor, batch: list[Record]) -> Future[Checked]:
    from concurrent.futures.process import BrokenProcessPool  # loaded with the pool

    try:
        return pool.submit(check_records_in_worker, batch)
    except BrokenProcessPool:
        raise WorkerCrash(_CRASHED) from None


def _result(task: Future[Checked]) -> Checked:
    from concurrent.futures.process import BrokenProcessPool  # loaded with the pool

    try:
        return task.result()
    except BrokenProcessPool:
        raise WorkerCrash(_CRASHED) from None


def _batched(records: Iterator[Record], size: int) -> Iterator[list[Record]]:
    while batch := list(itertools.islice(records, size)):
        yield batch
