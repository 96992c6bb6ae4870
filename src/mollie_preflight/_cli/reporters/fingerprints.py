"""A finding's fingerprint: what code-scanning and code-quality services use to recognise it again in the next
commit's report (SARIF's ``partialFingerprints``, GitLab's ``fingerprint``).

It must not depend on where the record is in the file (an export gains and loses orders all the time), so
it is a hash of what identifies the finding: the file, the order's ``orderNumber`` (or, for a record
without one, the finding's message, which quotes its values), the rule and the field, and which occurrence
of that same identity in the file it is (two records with the same order number or the same mistake stay
two findings). Only the current file's identities are counted, so memory follows the largest file's
findings, not the whole run's.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import PurePath
from urllib.parse import quote

from ..records import Finding


class Fingerprints:
    """Fingerprints of the findings of a run, given in order (see the module's docstring)."""

    def __init__(self) -> None:
        self._file: str | None = None
        self._seen: Counter[bytes] = Counter()

    def of(self, finding: Finding) -> str:
        import hashlib  # here, not at start-up: every run loads the reporters, few fingerprint

        uri = artifact_uri(finding.file)
        if uri != self._file:
            self._file = uri
            self._seen.clear()
        who = ("order", finding.order_number) if finding.order_number is not None else ("message", finding.message)
        key = "\x1f".join((uri, *who, finding.code, finding.field))
        identity = hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()  # a lone surrogate is valid JSON
        self._seen[identity] += 1
        return f"{identity.hex()[:32]}:{self._seen[identity]}"


def artifact_uri(path: str) -> str:
    """A URI reference for ``path``: relative paths stay relative and normalised (``./a/../b.jsonl`` → ``b.jsonl``),
    as code-scanning services match them against the repository's files.
    """
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return quote(os.path.normpath(path).replace(os.sep, "/"))
