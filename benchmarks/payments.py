"""validate_payment on Mollie's create-payment reference example against a pydantic v2 model of the same rules.

The model (``PaymentBody``) reuses the Orders anchor's strict ``Amount`` and ``Line`` style: the same
amount rules, a non-blank description of at most 255 characters, the Payments API's locale, method and
capture enums, id patterns, and the lines' arithmetic. Run: ``python benchmarks/payments.py``.
"""

from __future__ import annotations

import json
import sys
import timeit
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator
from pydantic_anchor import Amount, Strict, Text

import mollie_preflight as mp
from mollie_preflight._reference.payments import LOCALES, METHODS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "tests" / "data" / "payments" / "create-payment" / "reference-example.json"
Id = Annotated[str, StringConstraints(pattern=r"^[a-z]{3}_[A-Za-z0-9]+$")]


class PaymentLine(Strict):
    type: Literal["physical", "discount", "digital", "shipping_fee", "store_credit", "gift_card", "surcharge"] = (
        "physical"
    )
    description: Text
    quantity: Annotated[int, Field(ge=1)]
    quantityUnit: str | None = None
    unitPrice: Amount
    discountAmount: Amount | None = None
    totalAmount: Amount
    vatRate: Annotated[str, StringConstraints(pattern=r"^\d{1,2}(\.\d{1,2})?$")] | None = None
    vatAmount: Amount | None = None
    sku: Annotated[str, StringConstraints(max_length=64)] | None = None
    categories: list[Literal["eco", "gift", "meal", "sport_culture", "additional", "consume"]] | None = None

    @model_validator(mode="after")
    def _total(self) -> PaymentLine:
        off = self.discountAmount.value if self.discountAmount else 0
        if self.totalAmount.value != self.unitPrice.value * self.quantity - off:
            raise ValueError("totalAmount is off")
        return self


class PaymentBody(Strict):
    amount: Amount
    description: Annotated[str, StringConstraints(min_length=1, max_length=255)]
    redirectUrl: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    cancelUrl: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    webhookUrl: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    locale: Literal[LOCALES] | None = None  # type: ignore[valid-type]
    method: Literal[METHODS] | list[Literal[METHODS]] | None = None  # type: ignore[valid-type]
    metadata: dict[str, Any] | str | None = None
    captureMode: Literal["automatic", "manual"] | None = None
    sequenceType: Literal["oneoff", "first", "recurring"] | None = None
    customerId: Id | None = None
    mandateId: Id | None = None
    lines: list[PaymentLine] | None = None

    @model_validator(mode="after")
    def _sum(self) -> PaymentBody:
        if self.lines and sum(line.totalAmount.value for line in self.lines) != self.amount.value:
            raise ValueError("amount is not the sum of the line totals")
        return self


def main() -> None:
    body: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))["body"]
    assert list(mp.validate_payment(body)) == []
    PaymentBody.model_validate(body)
    number = 20_000
    ours = min(timeit.repeat(lambda: mp.validate_payment(body), number=number, repeat=5)) / number
    theirs = min(timeit.repeat(lambda: PaymentBody.model_validate(body), number=number, repeat=5)) / number
    print(f"validate_payment {ours * 1e6:.2f} µs, pydantic v2 {theirs * 1e6:.2f} µs, ratio {ours / theirs:.2f}×")


if __name__ == "__main__":
    sys.exit(main())
