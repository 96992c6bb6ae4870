"""The API reference page documents the public namespace, all of it and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

import mollie_preflight as mp

REFERENCE = Path(__file__).resolve().parents[1] / "docs" / "reference.md"


def test_the_reference_documents_exactly_the_public_names() -> None:
    documented = re.findall(r"^::: (\S+)$", REFERENCE.read_text(encoding="utf-8"), re.M)
    assert sorted(documented) == sorted(f"mollie_preflight.{name}" for name in mp.__all__)
