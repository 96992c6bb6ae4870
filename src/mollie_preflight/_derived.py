"""The derived amounts of a create-order body as they should be, computed from the merchant's figures.

This asks the line checks themselves (``check_line`` already computes each line's correct total and VAT
from unitPrice, quantity, discountAmount and vatRate), so there is one implementation of the formulas.
Findings of this pass are thrown away: it runs with every rule enabled only to read the figures.
"""

from __future__ import annotations

from typing import Any

from ._findings import Path
from ._money import currency_decimals, format_minor
from ._options import DEFAULT_OPTIONS
from ._rules.checker import Checker
from ._rules.common.amounts import check_amount
from ._rules.common.lines import check_line


def derived_amounts(payload: object) -> dict[Path, dict[str, Any]]:
    """``{path: amount object}`` for every derived amount whose correct value is computable.

    Paths are ``("lines", i, "totalAmount")``, ``("lines", i, "vatAmount")`` and ``("amount",)`` (the
    last only when every line total is computable and their sum is not negative). Amounts are in the
    order's currency. A line whose inputs contradict its type (``LineFigures.doubt``) yields nothing, and
    then neither does the order.
    """
    if not isinstance(payload, dict):
        return {}
    lines = payload.get("lines")
    if not isinstance(lines, (list, tuple)) or not lines:
        return {}
    ck = Checker(DEFAULT_OPTIONS, None)
    amount = payload.get("amount")
    if amount is not None:
        money = check_amount(ck, amount, ("amount",))
        ck.order_currency = money.currency if money is not None else None
    figures = [check_line(ck, line, index) for index, line in enumerate(lines)]
    currency = ck.order_currency
    decimals = currency_decimals(currency) if currency is not None else None
    if currency is None or decimals is None:
        return {}

    def money_object(minor: int) -> dict[str, Any]:
        return {"currency": currency, "value": format_minor(minor, decimals)}

    result: dict[Path, dict[str, Any]] = {}
    for index, line in enumerate(figures):
        if line is None or line.doubt is not None:  # nothing is derived from an input contradicting the type
            continue
        if line.total is not None:
            result["lines", index, "totalAmount"] = money_object(line.total)
        if line.vat is not None:
            result["lines", index, "vatAmount"] = money_object(line.vat)
    totals = [line.total if line is not None and line.doubt is None else None for line in figures]
    order_total = sum(total for total in totals if total is not None)
    if all(total is not None for total in totals) and order_total >= 0:  # a negative amount is never right
        result["amount",] = money_object(order_total)
    return result
