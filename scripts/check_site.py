"""Fail when a built documentation site publishes Python: ``python scripts/check_site.py SITE_DIR``.

docs/ holds the code that builds the site (MkDocs hooks, the rule examples, pytest's conftest) beside the
pages. MkDocs copies every file of docs_dir that is not a page, so without ``exclude_docs`` that code, and the
bytecode caches the tests leave there, would be published. ``tox -e docs`` runs this after the build.
"""

from __future__ import annotations

import sys
from pathlib import Path

FORBIDDEN_SUFFIXES = (".py", ".pyc", ".pyo")


def published_code(site: Path) -> list[str]:
    """The paths under ``site``, relative to it and sorted, that are Python sources, bytecode or its caches."""
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.suffix in FORBIDDEN_SUFFIXES or path.name == "__pycache__"
    )


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not (site := Path(argv[0])).is_dir():
        print("usage: check_site.py SITE_DIR (a built site)", file=sys.stderr)
        return 2
    if not (site / "index.html").is_file():
        print(f"{site}: no index.html, so not a built site", file=sys.stderr)
        return 2
    found = published_code(site)
    for path in found:
        print(f"{site}: publishes {path}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
