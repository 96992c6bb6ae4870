"""The API reference page documents the public namespace, all of it and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

import mollie_preflight as mp

REFERENCE = Path(__file__).resolve().parents[1] / "docs" / "reference.md"


#: Public beyond ``__all__``: the submodules named in the package docstring.
PUBLIC_SUBMODULES = (
    "mollie_preflight.lifecycle",
    "mollie_preflight.integrations.mollie_client.guard_client",
    "mollie_preflight.integrations.mollie_client.OrderMemory",
    "mollie_preflight.integrations.mollie_client.PaymentMemory",
    "mollie_preflight.integrations.mollie_client.check_request",
    "mollie_preflight.records.validate_text_partition",
    "mollie_preflight.types",
)


def test_the_reference_documents_exactly_the_public_names() -> None:
    documented = re.findall(r"^::: (\S+)$", REFERENCE.read_text(encoding="utf-8"), re.M)
    public = [f"mollie_preflight.{name}" for name in mp.__all__] + list(PUBLIC_SUBMODULES)
    assert sorted(documented) == sorted(public)
    for dotted in PUBLIC_SUBMODULES:
        assert dotted.removeprefix("mollie_preflight.").split(".")[0] in (mp.__doc__ or "")
