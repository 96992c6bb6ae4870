"""The smallest and largest order amount each payment method takes, as Mollie documents them.

Source: the "Key information" table of each method's page in Mollie's documentation, read 2026-05 (the
pages are dated by Mollie, not versioned):

- iDEAL, EUR 0.01 to EUR 50,000.00: https://docs.mollie.com/docs/ideal
- cards (``creditcard``), EUR 0.00 to EUR 10,000 (the default limit): https://docs.mollie.com/docs/cards
- Bancontact, from EUR 0.02 (its EUR 1,500.00 applies to mobile payments only, not to card entry, so no
  maximum is checked): https://docs.mollie.com/docs/bancontact
- Klarna, from EUR 1.00; the maximum depends on the customer's country (EUR 14,000 in the Netherlands,
  4,000 in Spain), and the country is the customer's, so the highest EUR maximum is used:
  https://docs.mollie.com/docs/klarna

Only EUR figures are listed: an order in another currency is checked only with a profile's own limits
(``Options(methods=...)``, from the Methods API, which reports them per profile and currency).
A profile's limits can differ from these (a card limit raised by agreement), hence warnings by default.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .._frozen import Frozen
from .._money import InvalidValue, currency_decimals, parse_value

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

AS_OF: Final = "2026-05"


class AmountLimits(Frozen):
    """A method's amount limits in one currency, in minor units; ``maximum`` ``None`` when there is none."""

    __slots__ = ("currency", "maximum", "minimum")
    _FIELDS = _COMPARED = ("currency", "minimum", "maximum")

    currency: str
    minimum: int
    maximum: int | None

    def __init__(self, currency: str, minimum: int, maximum: int | None) -> None:
        self._assign(self._FIELDS, (currency, minimum, maximum))


_KLARNA: Final = AmountLimits("EUR", 100, 1_400_000)
#: Method id → its documented limits (EUR).
DOCUMENTED: Final[Mapping[str, AmountLimits]] = {
    "ideal": AmountLimits("EUR", 1, 5_000_000),
    "creditcard": AmountLimits("EUR", 0, 1_000_000),
    "bancontact": AmountLimits("EUR", 2, None),
    "klarna": _KLARNA,
    "klarnapaylater": _KLARNA,
    "klarnapaynow": _KLARNA,
    "klarnasliceit": _KLARNA,
}


def limits_from_methods(response: object) -> dict[str, AmountLimits]:
    """The limits in a Methods API answer: ``GET /v2/methods`` as JSON (``{"_embedded": {"methods": [...]}}``),
    or its methods as a list (what iterating ``client.methods.list(...)`` gives). ``ValueError`` when a
    method's ``minimumAmount``/``maximumAmount`` cannot be read: a profile's limits are used exactly or
    not at all."""
    methods: object = response
    if isinstance(response, Mapping):
        embedded = response.get("_embedded")
        methods = embedded.get("methods") if isinstance(embedded, Mapping) else None
    if isinstance(methods, (str, bytes)) or not isinstance(methods, Iterable):
        raise ValueError("methods must be a Methods API response or a list of its methods")
    limits: dict[str, AmountLimits] = {}
    for method in methods:
        if not isinstance(method, Mapping) or not isinstance(method.get("id"), str):
            raise ValueError(f"methods: {method!r} is not a method with an id")
        minimum = _amount(method["id"], "minimumAmount", method.get("minimumAmount"))
        maximum_data = method.get("maximumAmount")
        maximum = None if maximum_data is None else _amount(method["id"], "maximumAmount", maximum_data)
        if maximum is not None and maximum[0] != minimum[0]:
            raise ValueError(f"methods: {method['id']} has its limits in two currencies")
        limits[method["id"]] = AmountLimits(minimum[0], minimum[1], None if maximum is None else maximum[1])
    return limits


def _amount(method: str, key: str, data: object) -> tuple[str, int]:
    if isinstance(data, Mapping):
        currency, value = data.get("currency"), data.get("value")
        decimals = currency_decimals(currency) if isinstance(currency, str) else None
        if isinstance(currency, str) and isinstance(value, str) and decimals is not None:
            minor = parse_value(value, decimals)
            if not isinstance(minor, InvalidValue):
                return currency, minor
    raise ValueError(f"methods: {method}'s {key} is not an amount: {data!r}")
