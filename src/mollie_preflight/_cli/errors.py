"""The linter's own exceptions: each ends the run (or one file) with exit status 2 and a one-line message."""

from __future__ import annotations


class UsageError(Exception):
    """Bad arguments or an impossible combination of options."""


class WorkerCrash(Exception):
    """A worker process died (killed, out of memory): the run cannot be completed, and must not hang."""
