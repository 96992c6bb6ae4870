"""Check request bodies inside the official Python client (``mollie-api-python``) before they are sent.

    >>> from mollie.api.client import Client
    >>> from mollie_preflight.integrations.mollie_client import guard_client
    >>> client = guard_client(Client())          # doctest: +SKIP
    >>> client.orders.create(payload)            # doctest: +SKIP  (raises OrderValidationError, sends nothing)

Why this seam: every resource of the client (``orders.create``, ``order.shipments.create``,
``order.refunds.create``, ``order.lines.update``, ``from_url`` …) ends in one method,
``Client.perform_http_call(http_method, path, data, params, idempotency_key)``, which receives the body as
the caller's dict before it is JSON-encoded. Wrapping that one method on one *instance* sees every body
and changes nothing else: other clients, the ``Client`` class and the encoding of the body are untouched,
so a valid body goes out exactly as the client would have sent it unguarded.

Which bodies are checked is the ``ENDPOINTS`` table: one ``Endpoint`` (HTTP method, path pattern,
validator) per endpoint, covering every write of the Orders API; another endpoint is one more entry.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, Protocol, TypeVar
from urllib.parse import urlsplit

from ..create_order import validate_order
from ..endpoints import (
    validate_cancel_lines,
    validate_line_operations,
    validate_line_update,
    validate_order_cancel,
    validate_order_payment,
    validate_order_update,
    validate_refund,
    validate_shipment,
    validate_shipment_update,
)
from ..findings import Report
from ..options import Options


class Validator(Protocol):
    """The signature every ``validate_*`` entry point of this library has."""

    def __call__(
        self, payload: object, *, today: datetime.date | None = ..., options: Options | None = ...
    ) -> Report: ...


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One checked endpoint: requests with this HTTP ``method`` whose resource path (the part after
    ``/v2/``, without query string) matches ``path`` in full have their body checked by ``validate``.
    """

    method: str
    path: re.Pattern[str]
    validate: Validator


_ORDER: Final = r"orders/[^/]+"

#: The endpoints whose bodies are checked before they leave the process: every Orders API write. Without
#: an order snapshot the checks are the stateless ones (what can be known from the request alone).
ENDPOINTS: Final[tuple[Endpoint, ...]] = (
    Endpoint("POST", re.compile(r"orders"), validate_order),
    Endpoint("PATCH", re.compile(_ORDER), validate_order_update),
    Endpoint("DELETE", re.compile(_ORDER), validate_order_cancel),
    Endpoint("PATCH", re.compile(_ORDER + r"/lines"), validate_line_operations),
    Endpoint("DELETE", re.compile(_ORDER + r"/lines"), validate_cancel_lines),
    Endpoint("PATCH", re.compile(_ORDER + r"/lines/[^/]+"), validate_line_update),
    Endpoint("POST", re.compile(_ORDER + r"/shipments"), validate_shipment),
    Endpoint("PATCH", re.compile(_ORDER + r"/shipments/[^/]+"), validate_shipment_update),
    Endpoint("POST", re.compile(_ORDER + r"/refunds"), validate_refund),
    Endpoint("POST", re.compile(_ORDER + r"/payments"), validate_order_payment),
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


def check_request(
    http_method: str,
    path: str,
    data: object,
    *,
    endpoints: tuple[Endpoint, ...] = ENDPOINTS,
    today: datetime.date | None = None,
    options: Options | None = None,
) -> Report | None:
    """The report for a request body, or ``None`` when no entry of ``endpoints`` covers the request."""
    method = http_method.upper()
    where = resource_path(path)
    for endpoint in endpoints:
        if endpoint.method == method and endpoint.path.fullmatch(where):
            return endpoint.validate(data, today=today, options=options)
    return None


def guard_client(
    client: ClientT,
    *,
    endpoints: tuple[Endpoint, ...] = ENDPOINTS,
    today: datetime.date | None = None,
    options: Options | None = None,
) -> ClientT:
    """Make this one ``client`` refuse, before sending, every body that ``endpoints`` finds an error in.

    A refused request raises ``OrderValidationError`` carrying every finding (warnings do not block) and
    never reaches the network. Returns the same client, so ``client = guard_client(Client())`` is the
    whole set-up. Guarding a client twice has no further effect.
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
        report = check_request(http_method, path, data, endpoints=endpoints, today=today, options=options)
        if report is not None:
            report.raise_for_errors()
        return send(http_method, path, data, params, idempotency_key)

    setattr(perform_http_call, _GUARD_MARK, True)
    # The instance's own attribute shadows the class's method for this client only.
    vars(client)["perform_http_call"] = perform_http_call
    return client
