"""``--format gitlab``: a GitLab Code Quality report, so findings show in merge requests and in the pipeline's
Code Quality view (``artifacts: reports: codequality:`` in ``.gitlab-ci.yml``; the format is the subset of the
Code Climate spec that https://docs.gitlab.com/ci/testing/code_quality/ documents).

GitLab tells new findings from old ones by ``fingerprint``, comparing a merge request's report with its
base's, and shows only the first finding of a fingerprint: it is SARIF's (``fingerprints.py``), unique in a
run and unmoved when orders are added above the finding. Errors are ``major`` and warnings ``minor``, so
errors rank first in the widget. GitLab links ``location.path`` to the repository's file, so a path under
``CI_PROJECT_DIR`` (the checkout, which GitLab sets) is made relative to it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any, Final, TextIO

from ..records import Finding
from .context import Context
from .fingerprints import Fingerprints
from .json import write_array

#: GitLab's severity of each of ours (its scale: info, minor, major, critical, blocker).
SEVERITIES: Final = {"error": "major", "warning": "minor"}


def write(findings: Iterable[Finding], out: TextIO, context: Context) -> None:
    fingerprints = Fingerprints()
    write_array((issue(finding, fingerprints.of(finding)) for finding in findings), out)


def issue(finding: Finding, fingerprint: str) -> dict[str, Any]:
    """A Code Quality issue for ``finding``: the rule, the field and the message (and the order, as GitLab shows
    the file and line itself), the place."""
    order = f"order {finding.order_number}, " if finding.order_number is not None else ""
    field = f"{finding.field}: " if finding.field else ""
    return {
        "type": "issue",
        "check_name": finding.code,
        "description": f"{finding.code} {order}{field}{finding.message}",
        "categories": ["Bug Risk"],
        "severity": SEVERITIES.get(finding.severity, "info"),
        "fingerprint": fingerprint,
        "location": {"path": project_path(finding.file), "lines": {"begin": finding.line or 1}},
    }


def project_path(path: str) -> str:
    """``path`` as GitLab links it: relative to ``CI_PROJECT_DIR`` when it lies below it, with ``/``."""
    path = os.path.normpath(path)
    root = os.environ.get("CI_PROJECT_DIR")
    if root and os.path.isabs(path):
        relative = os.path.relpath(path, root)
        if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
            path = relative
    return path.replace(os.sep, "/")
