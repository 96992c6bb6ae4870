"""Running the checks over a stream of records, in order, in one process or several.

Records are grouped in batches; with more than one job, batches go to a process pool and results come
back in submission order, with a bounded number of batches in flight so memory stays flat however long
the input is. The pool is started only once the input proves larger than one batch: a small file is
checked in-process, without paying for process start-up.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Final

from .records import Outcome, Record
from .worker import RecordChecker, Settings, check_batch_in_worker, init_worker

BATCH_SIZE: Final = 256
#: Batches in flight per worker: enough to keep workers busy while the parent reads and writes.
_IN_FLIGHT_PER_JOB: Final = 4


def default_jobs() -> int:
    """All cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Engine:
    """Checks records with one settings object; owns the process pool (if any) for the whole run."""

    def __init__(self, settings: Settings, jobs: int) -> None:
        self._settings = settings
        self._jobs = max(1, jobs)
        self._local: RecordChecker | None = None
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def run(self, records: Iterable[Record]) -> Iterator[Outcome]:
        """Outcomes in the order of ``records``."""
        batches = _batched(iter(records), BATCH_SIZE)
        first = next(batches, None)
        if first is None:
            return
        second = next(batches, None) if self._jobs > 1 else None
        if second is None:
            yield from self._check_here(first)
            for batch in batches:
                yield from self._check_here(batch)
            return
        yield from self._check_in_pool(itertools.chain((first, second), batches))

    def _check_here(self, batch: list[Record]) -> list[Outcome]:
        if self._local is None:
            self._local = RecordChecker(self._settings)
        return self._local.check_batch(batch)

    def _check_in_pool(self, batches: Iterator[list[Record]]) -> Iterator[Outcome]:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self._jobs, initializer=init_worker, initargs=(self._settings,))
        pending: deque[Future[list[Outcome]]] = deque()
        limit = self._jobs * _IN_FLIGHT_PER_JOB
        for batch in batches:
            pending.append(self._pool.submit(check_batch_in_worker, batch))
            if len(pending) >= limit:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _batched(records: Iterator[Record], size: int) -> Iterator[list[Record]]:
    while batch := list(itertools.islice(records, size)):
        yield batch
