"""Check request bodies inside the official Python client (``mollie-api-python``) before they are sent.

    >>> from mollie.api.client import Client
    >>> from mollie_preflight.integrations.mollie_client import guard_client
    >>> client = guard_client(Client())          # doctest: +SKIP
    >>> client.orders.create(payload)            # doctest: +SKIP  (raises OrderValidationError, sends nothing)
    >>> client.payments.create(payment)          # doctest: +SKIP  (the Payments API's body, the same way)

Why this seam: every resource of the client (``orders.create``, ``order.shipments.create``,
``order.refunds.create``, ``order.lines.update``, ``from_url`` …) ends in one method,
``Client.perform_http_call(http_method, path, data, params, idempotency_key)``, which receives the body as
the caller's dict before it is JSON-encoded. Wrapping that one method on one *instance* sees every body
and changes nothing else: other clients, the ``Client`` class and the encoding of the body are untouched,
so a valid body goes out exactly as the client would have sent it unguarded.

Which bodies are checked is the ``ENDPOINTS`` table: one ``Endpoint`` (HTTP method, path pattern,
validator) per endpoint, covering every write of the Orders API and the Payments API's writes that take
money or lines (create, update, capture and refund a payment); another endpoint is one more entry.

Alone, a body can only be checked for what it says itself. Most mistakes in shipments, refunds,
cancellations and line updates are about the order (a line that is not in it, more than is left to ship,
part of a discounted line without an amount): checking those needs the order as Mollie last returned it.
The caller usually has it in hand, having just fetched it; so, as an opt-in, ``guard_client(client,
orders=OrderMemory())`` keeps the last order each ``orders.get`` / ``orders.create`` (and any write
answered with the order) returned, and checks the next request on that order against it. It never
fetches an order itself, and an order is kept for ``max_age`` seconds only, since it also changes outside
this process (the customer pays, the order expires). The explicit way is ``check_request(..., order=)``,
or ``OrderMemory.remember(order)`` with an order obtained elsewhere (a webhook handler, a cache).

Payments the same way: ``guard_client(client, payments=PaymentMemory())`` keeps the latest payment each
``payments.get`` / ``payments.create`` (and an update, which Mollie answers with the payment) returned, and
checks the next capture, refund or update of that payment against it (``validate_capture(payment=)``: only
an authorized payment, no more than is still authorized; ``validate_payment_refund(payment=)``: no more
than ``amountRemaining``; ``validate_payment_update(payment=)``: what its status still allows). The explicit
way is ``check_request(..., payment=)``.

Both memories are bounded: at most ``capacity`` snapshots (the least recently seen is dropped first, so a
long-running process never grows), each used for ``max_age`` seconds only. Both are opt-in: a snapshot
older than what Mollie holds would refuse a valid request (a payment fetched while open, captured after the
customer authorized it), so the caller decides how long a snapshot is worth trusting.
"""

from __future__ import annotations

import datetime
import functools
import re
import time
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, Protocol, TypeVar
from urllib.parse import urlsplit

from .._create_order import validate_order
from .._create_payment import validate_payment
from .._endpoints import (
    validate_cancel_lines,
    validate_capture,
    validate_line_operations,
    validate_line_update,
    validate_order_cancel,
    validate_order_payment,
    validate_order_update,
    validate_payment_refund,
    validate_payment_update,
    validate_refund,
    validate_shipment,
    validate_shipment_update,
)
from .._findings import Report
from .._options import Options


class Validator(Protocol):
    """The signature every ``validate_*`` entry point of this library has."""

    def __call__(
        self, payload: object, *, today: datetime.date | None = ..., options: Options | None = ...
    ) -> Report: ...


class OrderValidator(Protocol):
    """A validator of a request on an existing order, which checks it against the order when given one."""

    def __call__(
        self,
        payload: object,
        *,
        order: object = ...,
        today: datetime.date | None = ...,
        options: Options | None = ...,
    ) -> Report: ...


class PaymentValidator(Protocol):
    """A validator of a request on an existing payment, which checks it against the payment when given one."""

    def __call__(
        self,
        payload: object,
        *,
        payment: object = ...,
        today: datetime.date | None = ...,
        options: Options | None = ...,
    ) -> Report: ...


#: How an endpoint checks a body against the order (or the payment): (body, snapshot, resource path, today,
#: options).
OrderCheck = Callable[[object, object, str, "datetime.date | None", "Options | None"], Report]


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One checked endpoint: requests with this HTTP ``method`` whose resource path (the part after
    ``/v2/``, without query string) matches ``path`` in full have their body checked by ``validate``, or,
    when the order is known and the endpoint has one, by ``with_order``, when the payment is known and the
    endpoint has one, by ``with_payment``.
    """

    method: str
    path: re.Pattern[str]
    validate: Validator
    with_order: OrderCheck | None = None
    with_payment: OrderCheck | None = None


def _against_order(validate: OrderValidator) -> OrderCheck:
    def check(
        payload: object, order: object, where: str, today: datetime.date | None, options: Options | None
    ) -> Report:
        return validate(payload, order=order, today=today, options=options)

    return check


def _line_update_against_order(
    payload: object, order: object, where: str, today: datetime.date | None, options: Options | None
) -> Report:
    """A line update names its line in the path (``orders/{id}/lines/{lineId}``), not in the body."""
    return validate_line_update(payload, line_id=where.rsplit("/", 1)[-1], order=order, today=today, options=options)


def _endpoint(method: str, path: str, validate: OrderValidator) -> Endpoint:
    return Endpoint(method, re.compile(path), validate, _against_order(validate))


def _on_payment(method: str, path: str, validate: PaymentValidator) -> Endpoint:
    def check(
        payload: object, payment: object, where: str, today: datetime.date | None, options: Options | None
    ) -> Report:
        return validate(payload, payment=payment, today=today, options=options)

    return Endpoint(method, re.compile(path), validate, with_payment=check)


_ORDER: Final = r"orders/[^/]+"
_PAYMENT: Final = r"payments/[^/]+"
_ORDER_ID: Final = re.compile(r"orders/([^/]+)(?:/.*)?", re.DOTALL)
_PAYMENT_ID: Final = re.compile(r"payments/([^/]+)(?:/.*)?", re.DOTALL)

#: The endpoints whose bodies are checked before they leave the process: every Orders API write, then the
#: Payments API's writes that take money or lines. Without the order (the payment) the checks are the
#: stateless ones (what can be known from the request alone); with it (from ``OrderMemory`` /
#: ``PaymentMemory`` or ``check_request(order=)`` / ``check_request(payment=)``) also those against its state.
ENDPOINTS: Final[tuple[Endpoint, ...]] = (
    Endpoint("POST", re.compile(r"orders"), validate_order),
    _endpoint("PATCH", _ORDER, validate_order_update),
    _endpoint("DELETE", _ORDER, validate_order_cancel),
    _endpoint("PATCH", _ORDER + r"/lines", validate_line_operations),
    _endpoint("DELETE", _ORDER + r"/lines", validate_cancel_lines),
    Endpoint("PATCH", re.compile(_ORDER + r"/lines/[^/]+"), validate_line_update, _line_update_against_order),
    _endpoint("POST", _ORDER + r"/shipments", validate_shipment),
    _endpoint("PATCH", _ORDER + r"/shipments/[^/]+", validate_shipment_update),
    _endpoint("POST", _ORDER + r"/refunds", validate_refund),
    _endpoint("POST", _ORDER + r"/payments", validate_order_payment),
    Endpoint("POST", re.compile(r"payments"), validate_payment),
    _on_payment("PATCH", _PAYMENT, validate_payment_update),
    _on_payment("POST", _PAYMENT + r"/captures", validate_capture),
    _on_payment("POST", _PAYMENT + r"/refunds", validate_payment_refund),
)

_VERSION_PREFIX: Final = "v2/"
_GUARD_MARK: Final = "__mollie_preflight_guard__"


class _SendsRequests(Protocol):
    def perform_http_call(
        self,
        http_method: str,
        path: str,
        data: dict[str, Any] | None = ...,
        params: dict[str, Any] | None = ...,
        idempotency_key: str = ...,
    ) -> Any: ...


ClientT = TypeVar("ClientT", bound=_SendsRequests)


def resource_path(path: str) -> str:
    """The path the ``ENDPOINTS`` patterns match: ``https://api.mollie.com/v2/orders?x=1`` → ``orders``.

    The client passes either a path relative to ``/v2/`` (``orders``) or a full URL (``from_url``).
    """
    relative = urlsplit(path).path if "://" in path else path.partition("?")[0]
    relative = relative.strip("/")
    return relative.removeprefix(_VERSION_PREFIX)


def order_id(path: str) -> str | None:
    """The id of the order a request is about: ``orders/ord_1/shipments`` → ``ord_1``; ``None`` for others."""
    found = _ORDER_ID.fullmatch(resource_path(path))
    return found[1] if found else None


def payment_id(path: str) -> str | None:
    """The id of the payment a request is about: ``payments/tr_1/captures`` → ``tr_1``; ``None`` for others."""
    found = _PAYMENT_ID.fullmatch(resource_path(path))
    return found[1] if found else None


def check_request(
    http_method: str,
    path: str,
    data: object,
    *,
    endpoints: tuple[Endpoint, ...] = ENDPOINTS,
    order: object = None,
    payment: object = None,
    today: datetime.date | None = None,
    options: Options | None = None,
) -> Report | None:
    """The report for a request body, or ``None`` when no entry of ``endpoints`` covers the request.

    ``order``: the order the request is about, as ``GET /v2/orders/{id}`` returned it; the body is then
    also checked against it (line ids, quantities left, statuses) where the endpoint can be. ``payment``:
    the same for a request on a payment (``GET /v2/payments/{id}``): captures, refunds and updates.
    """
    method = http_method.upper()
    where = resource_path(path)
    for endpoint in endpoints:
        if endpoint.method == method and endpoint.path.fullmatch(where):
            if order is not None and endpoint.with_order is not None:
                return endpoint.with_order(data, order, where, today, options)
            if payment is not None and endpoint.with_payment is not None:
                return endpoint.with_payment(data, payment, where, today, options)
            return endpoint.validate(data, today=today, options=options)
    return None


class _SnapshotMemory(ABC):
    """The last snapshot seen per id of one resource (an order, a payment): bounded, each kept ``max_age``
    seconds. Fed by the guarded client's responses or by ``remember``; ``OrderMemory`` and ``PaymentMemory``
    say which resource and how a request's path names it.

    At most ``capacity`` snapshots are kept, the least recently seen dropped first, so a long-running process
    never grows. A successful write answered with something else (a shipment, a capture, a refund) changes
    the resource in ways only Mollie knows, so it is forgotten rather than checked against a state that is
    gone; a refused write changed nothing, and the snapshot is kept.
    """

    _resource: str = ""

    def __init__(self, *, max_age: float = 60.0, capacity: int = 1000, clock: Callable[[], float] = time.monotonic):
        if max_age <= 0 or capacity < 1:
            raise ValueError("max_age must be positive and capacity at least 1")
        self._kept: OrderedDict[str, tuple[float, dict[str, Any]]] = OrderedDict()
        self._max_age = max_age
        self._capacity = capacity
        self._clock = clock

    def __len__(self) -> int:
        return len(self._kept)

    @abstractmethod
    def _about(self, path: str) -> str | None:
        """The id of the resource a request's path is about, ``None`` when it is about another."""

    def remember(self, snapshot: object) -> bool:
        """Keep ``snapshot`` (this memory's resource, with an ``id``); whether it was one."""
        if not (
            isinstance(snapshot, dict)
            and snapshot.get("resource") == self._resource
            and isinstance(snapshot.get("id"), str)
        ):
            return False
        self._kept[snapshot["id"]] = (self._clock(), snapshot)
        self._kept.move_to_end(snapshot["id"])
        while len(self._kept) > self._capacity:
            self._kept.popitem(last=False)
        return True

    def get(self, resource_id: str) -> dict[str, Any] | None:
        """The snapshot last seen with this id, unless it is older than ``max_age``."""
        kept = self._kept.get(resource_id)
        if kept is None:
            return None
        if self._clock() - kept[0] > self._max_age:
            del self._kept[resource_id]
            return None
        return kept[1]

    def forget(self, resource_id: str) -> None:
        self._kept.pop(resource_id, None)

    def for_request(self, path: str) -> dict[str, Any] | None:
        """The snapshot of the resource the request on ``path`` is about, if one is kept."""
        about = self._about(path)
        return self.get(about) if about is not None else None

    def observe(self, http_method: str, path: str, response: Any) -> None:
        """Learn from a response the client received (a ``requests.Response``)."""
        status = getattr(response, "status_code", None)
        if not isinstance(status, int) or status >= 300:
            return
        about = self._about(path)
        try:
            body = response.json() if status != 204 else None
        except ValueError:
            body = None
        if self.remember(body):
            return
        if about is not None and http_method.upper() != "GET":
            self.forget(about)


class OrderMemory(_SnapshotMemory):
    """The last order seen per id, for ``guard_client(orders=)``: bounded, and each kept ``max_age`` seconds.

    Fed by the guarded client's responses (an order as ``GET`` or ``POST /v2/orders`` returned it, or a
    write answered with the order), or by ``remember``. A successful write answered with something else
    (a shipment, a refund) changes the order in ways only Mollie knows, so its order is forgotten rather
    than checked against a state that is gone; a refused write changed nothing, and its order is kept.
    """

    _resource = "order"

    def _about(self, path: str) -> str | None:
        return order_id(path)


class PaymentMemory(_SnapshotMemory):
    """The latest payment seen per id, for ``guard_client(payments=)``: bounded (``capacity``, 1000 by
    default; the least recently seen is dropped first), and each used for ``max_age`` seconds.

    Fed by the guarded client's responses: a payment as ``GET`` or ``POST /v2/payments`` (or ``POST
    /v2/customers/{id}/payments``) returned it, and an update, which Mollie answers with the payment. A
    successful capture or refund is answered with the capture or the refund, not the payment, so the payment
    is forgotten (what was captured or refunded is Mollie's to say) until it is fetched again. ``remember``
    takes a payment obtained elsewhere (a webhook handler fetching it, a cache).
    """

    _resource = "payment"

    def _about(self, path: str) -> str | None:
        return payment_id(path)


def guard_client(
    client: ClientT,
    *,
    endpoints: tuple[Endpoint, ...] = ENDPOINTS,
    orders: OrderMemory | None = None,
    payments: PaymentMemory | None = None,
    today: datetime.date | None = None,
    options: Options | None = None,
) -> ClientT:
    """Make this one ``client`` refuse, before sending, every body that ``endpoints`` finds an error in.

    A refused request raises ``OrderValidationError`` carrying every finding (warnings do not block) and
    never reaches the network. Returns the same client, so ``client = guard_client(Client())`` is the
    whole set-up. Guarding a client twice has no further effect.

    ``orders``: opt in to checking requests on an order against the order (see ``OrderMemory``).
    ``payments``: the same for captures, refunds and updates of a payment (see ``PaymentMemory``).
    """
    send: Callable[..., Any] = client.perform_http_call
    if getattr(send, _GUARD_MARK, False):
        return client

    @functools.wraps(send)
    def perform_http_call(
        http_method: str,
        path: str,
        data: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
        idempotency_key: str = "",
    ) -> Any:
        order = orders.for_request(path) if orders is not None else None
        payment = payments.for_request(path) if payments is not None else None
        report = check_request(
            http_method, path, data, endpoints=endpoints, order=order, payment=payment, today=today, options=options
        )
        if report is not None:
            report.raise_for_errors()
        response = send(http_method, path, data, params, idempotency_key)
        for memory in (orders, payments):
            if memory is not None:
                memory.observe(http_method, path, response)
        return response

    setattr(perform_http_call, _GUARD_MARK, True)
    # The instance's own attribute shadows the class's method for this client only.
    vars(client)["perform_http_call"] = perform_http_call
    return client
