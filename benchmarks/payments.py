"""The Payments API's validators on Mollie's reference examples against pydantic v2 models of the same rules.

Four endpoints, each on its reference example verbatim (``tests/data/payments/``): create payment
(``validate_payment``), create capture (``validate_capture``), create payment refund
(``validate_payment_refund``) and update payment (``validate_payment_update``); the last three also against a
payment snapshot (``payment=``), as a caller who just fetched the payment checks them.

The models are written the way ``pydantic_anchor.py`` writes the Orders anchor: strict models, ``Decimal``
amounts from strings with the currency's exact decimals, enums as ``Literal``, the request's keys closed
(``extra="forbid"``, where the validators warn of unknown keys), and model validators for what depends on
more than one field. The snapshot is the validation context: the model parses it with its own strict model
on every call, as the validators read it on every call, and checks the same state rules (status, currency,
the amount still authorized or refundable, ``captureBefore``, a payment of an order, the methods that cannot be
refunded, what an update may still change).

Every round runs each case once, the cases in a fresh random order and a case's two batches (validator,
model) back to back in a random order, with the garbage collector paused inside a batch; round 0 is a
warm-up. The table gives the median µs per call over rounds and the median over rounds of the ratio
validator ÷ model taken within the round (on a machine shared with others the load drifts between rounds;
within a round both sides see the same). Before timing, a sanity step: each example passes both
sides with no error, and each side refuses the same broken copy of it. Run: ``python benchmarks/payments.py``
(``--rounds``, ``--number``).
"""

from __future__ import annotations

import argparse
import datetime
import gc
import ipaddress
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_anchor import COUNTRIES, Amount, Strict, Text

import mollie_preflight as mp
from mollie_preflight._reference.payments import LOCALES, METHODS

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "payments"
TODAY = datetime.date(2026, 11, 22)
Id = Annotated[str, StringConstraints(pattern=r"^[a-z]{3}_[A-Za-z0-9]+$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=2048)]
Description = Annotated[str, StringConstraints(max_length=255)]
METADATA_LIMIT = 1024
FINALIZED = frozenset({"paid", "canceled", "expired", "failed"})
NOT_REFUNDABLE = frozenset({"paysafecard", "giftcard", "voucher"})


def _example(endpoint: str, name: str) -> dict[str, Any]:
    body: dict[str, Any] = json.loads((DATA / endpoint / name).read_text(encoding="utf-8"))["body"]
    return body


def money(value: str) -> dict[str, str]:
    return {"currency": "EUR", "value": value}


# --- the snapshots: a payment as GET /v2/payments/{id} returns it -------------------------------------------

AUTHORIZED: dict[str, Any] = {
    "resource": "payment",
    "id": "tr_5B8cwPMGnU",
    "mode": "live",
    "status": "authorized",
    "amount": money("100.00"),
    "amountCaptured": money("0.00"),
    "method": "creditcard",
    "captureMode": "manual",
    "captureBefore": "2026-11-29T09:00:00+00:00",
}
PAID: dict[str, Any] = {**AUTHORIZED, "status": "paid", "amountCaptured": money("100.00")}
OPEN: dict[str, Any] = {**AUTHORIZED, "status": "open", "method": None, "amountCaptured": None}


class PositiveAmount(Amount):
    @model_validator(mode="after")
    def _moves_money(self) -> PositiveAmount:
        if self.value <= 0:
            raise ValueError("the amount must be more than zero")
        return self


def _metadata_size(value: Any) -> Any:
    """At most 1 kB of JSON. A flat object of short strings (most metadata) is settled by a bound on its JSON
    length (each character at most six bytes escaped, plus quotes and punctuation), as the validators settle
    it, so the model is not charged a ``json.dumps`` the validators do not pay."""
    if value is None:
        return value
    if type(value) is dict and all(type(item) is str for item in value.values()):
        bound = 2 + sum(6 * (len(key) + len(item)) + 6 for key, item in value.items())
        if bound <= METADATA_LIMIT:
            return value
    if len(json.dumps(value, separators=(",", ":"))) > METADATA_LIMIT:
        raise ValueError("metadata is larger than 1 kB")
    return value


#: Hosts Mollie cannot call a webhook on: the validators' list (reserved, local-only and Tor names).
PRIVATE_SUFFIXES = (".localhost", ".local", ".test", ".internal", ".invalid", ".example", ".lan", ".onion", ".arpa")
_HOST = re.compile(r"https?://(?:[^/?#@]*@)?([^/?#:]*)")


def _reachable(value: str | None) -> str | None:
    """A webhook on a host Mollie can reach: a public name with a dot, or a global IP address."""
    if value is None:
        return value
    match = _HOST.match(value)
    host = match[1].lower().rstrip(".") if match else ""
    if host == "localhost" or host.endswith(PRIVATE_SUFFIXES) or "." not in host:
        raise ValueError("Mollie cannot reach the webhook")
    if not host.rpartition(".")[2].isalpha():
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return value
        if not address.is_global:
            raise ValueError("Mollie cannot reach the webhook")
    return value


class Request(Strict):
    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")


class PaymentSnapshot(Strict):
    """The fields of the payment the state rules read (a snapshot has many more; they are ignored)."""

    resource: Literal["payment"]
    id: Annotated[str, StringConstraints(pattern=r"^tr_.+$")]
    mode: Literal["live", "test"] | None = None
    status: Literal["open", "pending", "authorized", "paid", "canceled", "expired", "failed"]
    amount: Amount
    amountCaptured: Amount | None = None
    amountRefunded: Amount | None = None
    amountRemaining: Amount | None = None
    method: str | None = None
    captureMode: Literal["automatic", "manual"] | None = None
    captureBefore: Annotated[datetime.datetime, Field(strict=False)] | None = None
    orderId: str | None = None

    def collected(self) -> Decimal:
        captured = self.amountCaptured.value if self.amountCaptured is not None else None
        if self.status == "paid":
            return captured if captured is not None else self.amount.value
        if self.status == "authorized":
            return captured if captured is not None else Decimal(0)
        return Decimal(0)

    def remaining(self) -> Decimal:
        if self.amountRemaining is not None:
            return self.amountRemaining.value
        refunded = self.amountRefunded.value if self.amountRefunded is not None else Decimal(0)
        return self.collected() - refunded


def _snapshot(info: ValidationInfo) -> tuple[PaymentSnapshot, datetime.date] | None:
    context = info.context or {}
    payment = context.get("payment")
    if payment is None:
        return None
    return PaymentSnapshot.model_validate(payment), context.get("today", datetime.date.today())


def _same_currency(amount: Amount | None, snapshot: PaymentSnapshot) -> None:
    if amount is not None and amount.currency != snapshot.amount.currency:
        raise ValueError("The amount contains an invalid currency")


# --- the models --------------------------------------------------------------------------------------------


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


class PaymentAddress(Request):
    title: str | None = None
    givenName: Annotated[str, StringConstraints(min_length=2)] | None = None
    familyName: Annotated[str, StringConstraints(min_length=2)] | None = None
    organizationName: str | None = None
    streetAndNumber: Text | None = None
    streetAdditional: str | None = None
    postalCode: Text | None = None
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)] | None = None
    phone: Annotated[str, StringConstraints(pattern=r"^\+[1-9]\d{1,14}$")] | None = None
    city: Text | None = None
    region: str | None = None
    country: Literal[tuple(sorted(COUNTRIES))] | None = None  # type: ignore[valid-type]


class PaymentBody(Request):
    """The create-payment body with the rules ``validate_payment`` applies to the reference example's fields:
    every documented key and no other (an unknown key is refused), ``redirectUrl`` required unless the
    payment is recurring or paid by an Apple Pay token, a description with a character that is not white
    space, URLs of at most 2,048 characters, a webhook Mollie can reach, metadata of at most 1 kB; amounts
    and lines as the Orders anchor has them. The rarer parameters are typed, their cross-field rules left
    out (the reference example has none of them)."""

    amount: Amount
    description: Annotated[str, StringConstraints(min_length=1, max_length=255, pattern=r"\S")]
    redirectUrl: Url | None = None
    cancelUrl: Url | None = None
    webhookUrl: Url | None = None
    locale: Literal[LOCALES] | None = None  # type: ignore[valid-type]
    method: Literal[METHODS] | list[Literal[METHODS]] | None = None  # type: ignore[valid-type]
    metadata: dict[str, Any] | str | None = None
    captureMode: Literal["automatic", "manual"] | None = None
    captureDelay: Annotated[str, StringConstraints(pattern=r"^\d+ (hours?|days?)$")] | None = None
    sequenceType: Literal["oneoff", "first", "recurring"] | None = None
    customerId: Id | None = None
    mandateId: Id | None = None
    profileId: Id | None = None
    lines: list[PaymentLine] | None = None
    billingAddress: PaymentAddress | None = None
    shippingAddress: PaymentAddress | None = None
    restrictPaymentMethodsToCountry: Literal[tuple(sorted(COUNTRIES))] | None = None  # type: ignore[valid-type]
    applePayPaymentToken: str | None = None
    googlePayPaymentToken: str | None = None
    cardToken: Annotated[str, StringConstraints(pattern=r"^tkn_.+$")] | None = None
    issuer: str | None = None
    consumerName: str | None = None
    consumerAccount: str | None = None
    consumerDateOfBirth: Annotated[datetime.date, Field(strict=False)] | None = None
    company: dict[str, Any] | None = None
    customerReference: str | None = None
    digitalGoods: bool | None = None
    dueDate: Annotated[datetime.date, Field(strict=False)] | None = None
    extraMerchantData: dict[str, Any] | None = None
    sessionId: str | None = None
    storeCredentials: bool | None = None
    terminalId: str | None = None
    voucherNumber: str | None = None
    voucherPin: str | None = None
    applicationFee: dict[str, Any] | None = None
    routing: list[dict[str, Any]] | None = None
    testmode: bool | None = None

    _size = field_validator("metadata")(_metadata_size)
    _webhook = field_validator("webhookUrl")(_reachable)

    @model_validator(mode="after")
    def _sum(self) -> PaymentBody:
        if self.redirectUrl is None and self.sequenceType != "recurring" and self.applePayPaymentToken is None:
            raise ValueError("redirectUrl is required unless sequenceType is recurring or an Apple Pay token is sent")
        if self.lines and sum(line.totalAmount.value for line in self.lines) != self.amount.value:
            raise ValueError("amount is not the sum of the line totals")
        return self


class CaptureBody(Request):
    amount: PositiveAmount | None = None
    description: Description | None = None
    metadata: dict[str, Any] | str | None = None
    testmode: bool | None = None

    _size = field_validator("metadata")(_metadata_size)

    @model_validator(mode="after")
    def _against_payment(self, info: ValidationInfo) -> CaptureBody:
        known = _snapshot(info)
        if known is None:
            return self
        payment, today = known
        _same_currency(self.amount, payment)
        if payment.orderId is not None:
            raise ValueError("capture a payment of an order by shipping it")
        if payment.status != "authorized":
            raise ValueError("only an authorized payment can be captured")
        if payment.captureBefore is not None and payment.captureBefore.date() < today:
            raise ValueError("the authorization expired")
        captured = payment.amountCaptured.value if payment.amountCaptured is not None else Decimal(0)
        capturable = payment.amount.value - captured
        if (self.amount.value if self.amount is not None else capturable) > capturable or capturable <= 0:
            raise ValueError("more than is still authorized")
        return self


class RoutingSource(Request):
    type: Literal["organization"]
    organizationId: Annotated[str, StringConstraints(pattern=r"^org_.+$")]


class RoutingReversal(Request):
    amount: PositiveAmount
    source: RoutingSource


class RefundBody(Request):
    amount: PositiveAmount
    description: Description | None = None
    metadata: dict[str, Any] | str | None = None
    reverseRouting: bool | None = None
    routingReversals: list[RoutingReversal] | None = None
    testmode: bool | None = None

    _size = field_validator("metadata")(_metadata_size)

    @model_validator(mode="after")
    def _against_payment(self, info: ValidationInfo) -> RefundBody:
        if self.reverseRouting is not None and self.routingReversals is not None:
            raise ValueError("reverseRouting or routingReversals, not both")
        known = _snapshot(info)
        if known is None:
            return self
        payment, _ = known
        _same_currency(self.amount, payment)
        if payment.method in NOT_REFUNDABLE:
            raise ValueError("this method cannot be refunded")
        if payment.collected() <= 0:
            raise ValueError("nothing was collected")
        if self.amount.value > payment.remaining():
            raise ValueError("more than amountRemaining")
        return self


class UpdateBody(Request):
    description: Annotated[str, StringConstraints(min_length=1, pattern=r"\S")] | None = None
    redirectUrl: Url | None = None
    cancelUrl: Url | None = None
    webhookUrl: Url | None = None
    metadata: dict[str, Any] | str | None = None
    method: Literal[METHODS] | list[Literal[METHODS]] | None = None  # type: ignore[valid-type]
    locale: Literal[LOCALES] | None = None  # type: ignore[valid-type]
    dueDate: Annotated[datetime.date, Field(strict=False)] | None = None
    restrictPaymentMethodsToCountry: Literal[tuple(sorted(COUNTRIES))] | None = None  # type: ignore[valid-type]
    issuer: str | None = None
    billingAddress: PaymentAddress | None = None
    shippingAddress: PaymentAddress | None = None
    billingEmail: str | None = None
    testmode: bool | None = None

    _size = field_validator("metadata")(_metadata_size)

    _webhook = field_validator("webhookUrl")(_reachable)

    @model_validator(mode="after")
    def _against_payment(self, info: ValidationInfo) -> UpdateBody:
        context = info.context or {}
        today = context.get("today", datetime.date.today())
        if self.dueDate is not None and not (
            today + datetime.timedelta(days=1) <= self.dueDate <= today + datetime.timedelta(days=101)
        ):
            raise ValueError("dueDate must be from tomorrow to 100 days after it")
        if not self.model_fields_set - {"testmode"}:
            raise ValueError("the update changes nothing")
        known = _snapshot(info)
        if known is None:
            return self
        payment, _ = known
        if payment.status in FINALIZED and self.model_fields_set & {
            "redirectUrl",
            "cancelUrl",
            "method",
            "dueDate",
            "issuer",
        }:
            raise ValueError("cannot be updated when the payment is finalized")
        if self.method is not None and payment.method is not None:
            raise ValueError("the payment already has a method")
        return self


# --- the cases ---------------------------------------------------------------------------------------------

Call = Callable[[], object]
SIDES = ("ours", "pydantic")


def _cases() -> list[tuple[str, dict[str, Any], Call, Call]]:
    """(case, body, validator call, model call) for each endpoint and snapshot."""
    create = _example("create-payment", "reference-example.json")
    capture = _example("create-capture", "reference-example.json")
    refund = _example("create-payment-refund", "reference-example-python.json")
    update = _example("update-payment", "reference-example-python.json")
    alone = {"today": TODAY}
    return [
        (
            "create payment",
            create,
            lambda: mp.validate_payment(create, today=TODAY),
            lambda: PaymentBody.model_validate(create),
        ),
        (
            "create capture",
            capture,
            lambda: mp.validate_capture(capture, today=TODAY),
            lambda: CaptureBody.model_validate(capture, context=alone),
        ),
        (
            "create capture, payment=",
            capture,
            lambda: mp.validate_capture(capture, payment=AUTHORIZED, today=TODAY),
            lambda: CaptureBody.model_validate(capture, context={"payment": AUTHORIZED, "today": TODAY}),
        ),
        (
            "create payment refund",
            refund,
            lambda: mp.validate_payment_refund(refund, today=TODAY),
            lambda: RefundBody.model_validate(refund, context=alone),
        ),
        (
            "create payment refund, payment=",
            refund,
            lambda: mp.validate_payment_refund(refund, payment=PAID, today=TODAY),
            lambda: RefundBody.model_validate(refund, context={"payment": PAID, "today": TODAY}),
        ),
        (
            "update payment",
            update,
            lambda: mp.validate_payment_update(update, today=TODAY),
            lambda: UpdateBody.model_validate(update, context=alone),
        ),
        (
            "update payment, payment=",
            update,
            lambda: mp.validate_payment_update(update, payment=OPEN, today=TODAY),
            lambda: UpdateBody.model_validate(update, context={"payment": OPEN, "today": TODAY}),
        ),
    ]


def _sanity(cases: list[tuple[str, dict[str, Any], Call, Call]]) -> None:
    """Each example passes both sides with no error; each side refuses the same broken copy of it."""
    for name, _, ours, theirs in cases:
        report = ours()
        assert isinstance(report, mp.Report), name
        assert report.ok, (name, [str(v) for v in report])
        theirs()
    broken = {
        "create capture, payment=": (
            lambda: mp.validate_capture({"amount": money("100.01")}, payment=AUTHORIZED, today=TODAY),
            lambda: CaptureBody.model_validate(
                {"amount": money("100.01")}, context={"payment": AUTHORIZED, "today": TODAY}
            ),
        ),
        "create payment refund, payment=": (
            lambda: mp.validate_payment_refund({"amount": money("100.01")}, payment=PAID, today=TODAY),
            lambda: RefundBody.model_validate({"amount": money("100.01")}, context={"payment": PAID, "today": TODAY}),
        ),
        "update payment, payment=": (
            lambda: mp.validate_payment_update({"redirectUrl": "https://example.org/r"}, payment=PAID, today=TODAY),
            lambda: UpdateBody.model_validate(
                {"redirectUrl": "https://example.org/r"}, context={"payment": PAID, "today": TODAY}
            ),
        ),
        "update payment": (
            lambda: mp.validate_payment_update({"locale": "nl-NL"}, today=TODAY),
            lambda: UpdateBody.model_validate({"locale": "nl-NL"}, context={"today": TODAY}),
        ),
    }
    create = cases[0][1]
    for what, change in {
        "an amount with one decimal": {"amount": money("10.0")},
        "a blank description": {"description": "  "},
        "a webhook on localhost": {"webhookUrl": "http://localhost:8000/webhook"},
        "a webhook on a private address": {"webhookUrl": "https://192.168.1.10/webhook"},
        "a webhook on a .test name": {"webhookUrl": "https://shop.test/webhook"},
        "metadata over 1 kB": {"metadata": {"note": "x" * 1100}},
        "an unknown key": {"reference": "12345"},
        "no redirectUrl": {"redirectUrl": None},
    }.items():
        body = {**create, **change}
        broken[f"create payment, {what}"] = (
            lambda body=body: mp.validate_payment(body, today=TODAY),
            lambda body=body: PaymentBody.model_validate(body),
        )
    for name, (ours_broken, theirs_broken) in broken.items():
        assert not ours_broken().ok, name  # type: ignore[attr-defined]
        try:
            theirs_broken()
        except ValidationError:
            continue
        raise AssertionError(f"the model accepted the broken {name}")


def _batch(call: Call, number: int) -> float:
    """µs per call over ``number`` calls, the garbage collector paused."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        for _ in range(number):
            call()
        return (time.perf_counter() - start) / number * 1e6
    finally:
        gc.enable()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=31, help="timed rounds after one warm-up (default 31)")
    parser.add_argument("--number", type=int, default=1000, help="calls per batch (default 1000)")
    args = parser.parse_args(argv)
    cases = _cases()
    _sanity(cases)
    times: dict[tuple[str, str], list[float]] = {(name, side): [] for name, *_ in cases for side in SIDES}
    ratios: dict[str, list[float]] = {name: [] for name, *_ in cases}
    shuffle = random.Random(19)
    for round_ in range(args.rounds + 1):
        order = cases[:]
        shuffle.shuffle(order)
        for name, _, ours, theirs in order:
            # The two sides of a case run back to back, in a random order: a ratio taken within a round is
            # not moved by the load of a machine shared with others, which drifts between rounds.
            pair = [("ours", ours), ("pydantic", theirs)]
            shuffle.shuffle(pair)
            took = {side: _batch(call, args.number) for side, call in pair}
            if round_:
                for side in SIDES:
                    times[(name, side)].append(took[side])
                ratios[name].append(took["ours"] / took["pydantic"])
    print(f"{args.rounds} rounds × {args.number} calls, interleaved; median µs per call (IQR), median ratio (IQR)\n")
    print("| case (Mollie's reference example) | validator: µs (IQR) | pydantic v2: µs (IQR) | × pydantic (IQR) |")
    print("|---|---:|---:|---:|")
    for name, *_ in cases:
        ours, theirs = times[(name, "ours")], times[(name, "pydantic")]
        print(f"| {name} | {_shown(ours)} | {_shown(theirs)} | {_shown(ratios[name], 2)} |")
    return 0


def _shown(values: list[float], digits: int = 1) -> str:
    quartiles = statistics.quantiles(values, n=4)
    return f"{statistics.median(values):.{digits}f} ({quartiles[0]:.{digits}f}–{quartiles[2]:.{digits}f})"


if __name__ == "__main__":
    sys.exit(main())
