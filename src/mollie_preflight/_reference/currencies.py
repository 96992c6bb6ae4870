"""Currencies the Orders API accepts, their decimal places, and the methods that support them.

Source: Mollie's multicurrency guide, https://docs.mollie.com/docs/multicurrency (as of 2024-03-04).
Mollie's table, not CLDR, decides the decimals, in every check and in every amount a message shows:
babel formats messages but is never asked for a currency's digits, because its CLDR data can disagree
(babel 2.19 gives HUF 0 decimals; Mollie requires 2). Where it disagrees is recorded in
``tests/data/library_differences.json``, so a babel upgrade that moves a figure is noticed.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final


AS_OF: Final = "2024-03-04"

#: ISO 4217 code → number of decimals Mollie requires in ``amount.value``.
CURRENCY_DECIMALS: Final[dict[str, int]] = {
    "AED": 2,
    "AUD": 2,
    "BGN": 2,
    "BRL": 2,
    "CAD": 2,
    "CHF": 2,
    "CZK": 2,
    "DKK": 2,
    "EUR": 2,
    "GBP": 2,
    "HKD": 2,
    "HUF": 2,
    "ILS": 2,
    "ISK": 0,
    "JPY": 0,
    "MXN": 2,
    "MYR": 2,
    "NOK": 2,
    "NZD": 2,
    "PHP": 2,
    "PLN": 2,
    "RON": 2,
    "RUB": 2,
    "SEK": 2,
    "SGD": 2,
    "THB": 2,
    "TWD": 2,
    "USD": 2,
    "ZAR": 2,
}

#: Methods that support a non-EUR currency. EUR supports every method. ``klarna`` stands for Mollie's
#: unbroken-down "Klarna" column.
CURRENCY_METHODS: Final[dict[str, frozenset[str]]] = {
    "AED": frozenset({"creditcard"}),
    "AUD": frozenset({"paypal", "creditcard"}),
    "BGN": frozenset({"creditcard"}),
    "BRL": frozenset({"paypal"}),
    "CAD": frozenset({"paypal", "creditcard"}),
    "CHF": frozenset({"paypal", "creditcard"}),
    "CZK": frozenset({"paypal", "creditcard"}),
    "DKK": frozenset({"paypal", "creditcard", "klarna"}),
    "GBP": frozenset({"paypal", "creditcard"}),
    "HKD": frozenset({"paypal", "creditcard"}),
    "HUF": frozenset({"paypal", "creditcard"}),
    "ILS": frozenset({"paypal", "creditcard"}),
    "ISK": frozenset({"creditcard"}),
    "JPY": frozenset({"paypal", "creditcard"}),
    "MXN": frozenset({"paypal"}),
    "MYR": frozenset({"paypal"}),
    "NOK": frozenset({"paypal", "creditcard", "klarna"}),
    "NZD": frozenset({"paypal", "creditcard"}),
    "PHP": frozenset({"paypal", "creditcard"}),
    "PLN": frozenset({"przelewy24", "paypal", "creditcard"}),
    "RON": frozenset({"creditcard"}),
    "RUB": frozenset({"paypal", "creditcard"}),
    "SEK": frozenset({"paypal", "creditcard", "klarna"}),
    "SGD": frozenset({"paypal", "creditcard"}),
    "THB": frozenset({"paypal"}),
    "TWD": frozenset({"paypal"}),
    "USD": frozenset({"paypal", "creditcard"}),
    "ZAR": frozenset({"creditcard"}),
}
