"""Where the documentation lives: one base URL, from which every link the linter prints is made.

``mkdocs.yml`` declares the same address as ``site_url`` (a test holds the two together), and MkDocs
publishes ``docs/rules/MP203.md`` at ``rules/MP203/``.
"""

from __future__ import annotations

from typing import Final

DOCS_URL: Final = "https://mollie-preflight.readthedocs.io/en/latest/"


def rule_url(code: str) -> str:
    """The page of the rule ``code`` (``MP203``) on the documentation site."""
    return f"{DOCS_URL}rules/{code}/"
