"""MkDocs hook: the README's "Performance" section, copied into the "why this exists" page at build time.

The benchmark figures live in one place, the README (next to the command that reproduces them); the site
shows the same text, so the two can never disagree. Until the README has the section, the page says where
the figures will be.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

MARKER = re.compile(r"<!-- performance:[^>]*-->")
README = Path(__file__).resolve().parents[2] / "README.md"
_SECTION = re.compile(r"^## Performance[^\n]*\n(.*?)(?=^## |\Z)", re.M | re.S)


def performance_section(readme: str) -> str:
    """The body of the README's "## Performance" section, with its headings one level deeper, or a pointer."""
    found = _SECTION.search(readme)
    if found is None:
        return "The README does not have its Performance section yet; `benchmarks/` has the script that measures."
    return re.sub(r"^(#{3,}) ", r"#\1 ", found.group(1).strip(), flags=re.M) + "\n"


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if not MARKER.search(markdown):
        return markdown
    return MARKER.sub(lambda _: performance_section(README.read_text(encoding="utf-8")), markdown)
