"""Method ids Mollie has replaced or retired, with the date and the public page that says so.

The method list in ``orders.py`` is what the documentation listed; this is what happened to some of its ids
since, and to ids that older integrations still send. Two outcomes are kept apart because they call for
different answers: a *replaced* id still creates an order today (Mollie's own create-order example uses
``klarnapaylater``, and integrations reported it working after the change), while a *retired* id is refused.
"""

from __future__ import annotations

from .._frozen import Frozen

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final


class MethodChange(Frozen):
    """What became of one method id: since when (the month it was replaced, the first day it was refused),
    what to send instead (if anything), and the public page that says so."""

    __slots__ = ("replacement", "since", "source")
    _FIELDS = _COMPARED = ("since", "replacement", "source")

    since: str
    replacement: str | None
    source: str

    def __init__(self, since: str, replacement: str | None, source: str) -> None:
        self._assign(self._FIELDS, (since, replacement, source))


_KLARNA_APRIL_2025: Final = "https://docs.mollie.com/changelog/april-2025"

#: Ids Mollie replaced but still accepts on the Orders API.
REPLACED_METHODS: Final[dict[str, MethodChange]] = {
    "klarnapaylater": MethodChange("2025-04", "klarna", _KLARNA_APRIL_2025),
    "klarnapaynow": MethodChange("2025-04", "klarna", _KLARNA_APRIL_2025),
    "klarnasliceit": MethodChange("2025-04", "klarna", _KLARNA_APRIL_2025),
}

#: Ids Mollie refuses since the date: the method was discontinued.
RETIRED_METHODS: Final[dict[str, MethodChange]] = {
    "bitcoin": MethodChange("2019-05-01", None, "https://github.com/mollie/mollie-api-python/pull/104"),
    "inghomepay": MethodChange("2021-02-01", None, "https://docs.mollie.com/changelog/v2/changelog"),
    "giropay": MethodChange("2024-07-01", None, "https://help.mollie.com/hc/en-us/articles/19745480480786"),
    "sofort": MethodChange(
        "2024-10-01",
        None,
        "https://help.mollie.com/hc/en-us/articles/20904206772626-SOFORT-Deprecation-30-September-2024",
    ),
}
