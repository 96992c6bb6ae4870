"""URLs in a payload must be absolute.

Parsing is done by hand on a bounded string instead of by ``urllib.parse`` so that no input, however
long or strange, costs more than one linear pass, and so that the accepted shape is exactly what the
message says.
"""

from __future__ import annotations

import re

from ..._findings import Path, Severity
from ..._lazy import deferred_pattern
from .. import citations as cite
from ..checker import Checker
from ..rule import Evidence, Rule, Source
from ..values import describe, json_type

TYPE_CHECKING = False
if TYPE_CHECKING:
    import ipaddress
    from typing import Final

URL_INVALID = Rule(
    "MP012",
    "url-invalid",
    Severity.ERROR,
    (
        cite.COMMON_DATA_TYPES.at("URL"),
        cite.CREATE_ORDER.at("redirectUrl"),
        cite.live("https://github.com/mollie/Shopware6/issues/31"),
        cite.live("https://github.com/mollie/WooCommerce/issues/1032"),
    ),
    Evidence.LIVE,
    "a URL field does not hold an absolute URL",
    "Mollie links to, redirects to or calls these URLs; a relative or malformed URL cannot be followed.",
    "Send a full URL with scheme and host, such as https://shop.example/product/42.",
)

WEBHOOK_UNREACHABLE = Rule(
    "MP611",
    "webhook-unreachable",
    Severity.ERROR,
    (
        cite.CREATE_ORDER.at("webhookUrl"),
        cite.UPDATE_ORDER,
        cite.live("https://github.com/mollie/laravel-mollie/issues/138"),
        cite.live("https://github.com/mollie/magento2/issues/460"),
    ),
    Evidence.LIVE,
    "a webhook URL points at a host Mollie cannot reach from the internet",
    "Mollie calls the webhook from its own servers: localhost, private and link-local addresses, and hosts "
    "under reserved names never resolve there. Refused in test mode too.",
    "Use a public host; during development, a tunnel (for example ngrok) to your machine.",
    "The webhook URL is invalid because it is unreachable from Mollie's point of view.",
)

#: Mollie's Shopware 6 plugin (5.x) creates every payment from this class, whose ``cancelUrl`` starts as ``''``
#: and is set by nothing in the payment flow: Mollie takes ``''`` as no cancel URL.
_SHOPWARE_CREATE_PAYMENT: Final = Source(
    "https://github.com/mollie/Shopware6/blob/ca18480051fd413a75e80ef3a0f9cf7078fbbb90/"
    "shopware/Component/Mollie/CreatePayment.php",
    "Mollie's Shopware 6 plugin sends cancelUrl '' on every payment",
)
URL_TOLERATED = Rule(
    "MP013",
    "url-empty-or-encoded",
    Severity.WARNING,
    (
        cite.CREATE_ORDER.at("lines.imageUrl"),
        cite.live("https://github.com/mollie/Shopware6/issues/562"),
        cite.live("https://github.com/mollie/Shopware6/issues/553"),
        cite.live("https://github.com/mollie/PrestaShop/issues/1195"),
        _SHOPWARE_CREATE_PAYMENT,
    ),
    Evidence.LIVE,
    "an optional URL (imageUrl, productUrl, tracking.url) is an empty string or a whole URL-encoded URL, or "
    "a new payment's or order's cancelUrl is an empty string",
    "The docs ask for a URL or no field at all, but plugins have sent '' and URL-encoded URLs "
    "(http%3A%2F%2F...) for years and Mollie accepts them today; it refuses raw spaces. The value is "
    "useless to the customer either way (no picture, no link). Mollie's Shopware 6 plugin sends cancelUrl '' "
    "on every payment it creates: Mollie reads it as no cancel URL.",
    "Leave the field out when there is no URL, and send the URL itself, not its URL-encoded form.",
)

RULES = (URL_INVALID, WEBHOOK_UNREACHABLE, URL_TOLERATED)

#: The start of an absolute http(s) URL that was URL-encoded as a whole (``http%3A%2F%2F``).
_encoded_web_url = deferred_pattern(r"[Hh][Tt][Tt][Pp][Ss]?%3[Aa]%2[Ff]%2[Ff]\S*")

#: Names Mollie cannot call: never resolved on the public internet (RFC 2606, RFC 6761, RFC 6762, ICANN's
#: .internal), reachable only through Tor (.onion, RFC 7686), or infrastructure-only (.arpa, RFC 3172).
_PRIVATE_SUFFIXES: Final = (
    ".localhost", ".local", ".test", ".internal", ".invalid", ".example", ".lan", ".onion", ".arpa",
)  # fmt: skip

#: Generous bound: browsers handle ~2000 characters reliably; longer values are almost always a bug.
MAX_URL_LENGTH: Final = 2048

#: Only the full check (``_url_problem``) reads these; the common shape is decided by ``_COMMON_WEB_URL``.
_scheme = deferred_pattern(r"[A-Za-z][A-Za-z0-9+.\-]*", re.ASCII)
_white_space = deferred_pattern(r"\s")

#: The shape nearly every URL a shop sends has: http(s) in lower case, a host of ASCII letters, digits,
#: hyphens and dots that ends in a dot and a label of lower-case letters (a name, never an IP address),
#: then nothing or a path, query or fragment without white space. Group 1 is that last label. A URL of
#: this shape (within ``MAX_URL_LENGTH``) is one ``_url_problem`` accepts, and ``_host_problem``
#: judges its host by the last label alone; anything else (a port, a trailing dot, user info, an IP
#: address, upper case) is answered by those two in full. A property test holds it to them. One character
#: class for the whole host keeps the match cheap (~0.3 µs): empty labels are no concern, since the full
#: check accepts them too.
_COMMON_WEB_URL: Final = re.compile(r"https?://[A-Za-z0-9.-]*\.([a-z]+)(?:[/?#]\S*)?")
_common_web_url: Final = _COMMON_WEB_URL.fullmatch

#: The last labels of ``_PRIVATE_SUFFIXES``: a host of the common shape is private exactly when its last
#: label is one of these (every suffix is a dot and one label).
_PRIVATE_LAST_LABELS: Final = frozenset(suffix[1:] for suffix in _PRIVATE_SUFFIXES)


def clean_url(text: str) -> bool:
    """An absolute ``http(s)`` URL: ``check_url`` reports nothing on it in any URL field.

    The common shape is recognised by one pattern; anything else gets the full check's verdict, so the
    answer is exact either way (``""`` and URL-encoded URLs, which ``tolerant`` fields warn about, are not
    URLs to the full check either).
    """
    if len(text) <= MAX_URL_LENGTH and _common_web_url(text) is not None:
        return True
    return _url_problem(text) is None


def clean_webhook(text: str) -> bool:
    """An absolute web URL on a host Mollie can reach: ``check_webhook`` reports nothing on it.

    For the common shape, reachability is decided by its last label (a reserved name such as ``.local``
    or ``.test``, or not); anything else gets the full checks' verdict.
    """
    match = _common_web_url(text) if len(text) <= MAX_URL_LENGTH else None
    if match is not None:
        return match[1] not in _PRIVATE_LAST_LABELS
    return _url_problem(text) is None and _host_problem(_host_of(text).rstrip(".")) is None


def _url_problem(text: str, *, web_only: bool = True) -> str | None:
    """Why ``text`` is not an absolute URL, or ``None`` when it is one: the full check, which words the
    finding.

    ``web_only`` requires ``http``/``https`` with a host; without it any scheme is allowed, as for
    ``redirectUrl`` and ``cancelUrl`` (custom app schemes such as ``my-app://return``).
    """
    if len(text) > MAX_URL_LENGTH:
        return f"is {len(text)} characters long (more than {MAX_URL_LENGTH})"
    if _white_space().search(text):
        return "contains white space"
    scheme, colon, rest = text.partition(":")
    if not colon or not _scheme().fullmatch(scheme):
        return "has no scheme (it should start with https://)"
    if scheme.lower() in ("http", "https"):
        if not rest.startswith("//"):
            return "has no host after the scheme"
        if not _host_of(text):
            return "has no host"
        return None
    if web_only:
        return f"uses the scheme {scheme!r}; only http and https are accepted here"
    return None if rest else "has nothing after the scheme"


def _host_of(url: str) -> str:
    """The host of an ``http(s)://`` URL, lower-cased, without user info, port or IPv6 brackets."""
    authority = url.partition("//")[2].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rsplit("@", 1)[-1]
    if authority.startswith("["):
        return authority[1:].partition("]")[0].lower()
    return authority.rpartition(":")[0].lower() if authority.count(":") == 1 else authority.lower()


def _host_problem(host: str) -> str | None:
    """Why Mollie could not call a webhook on ``host`` (lower case, no trailing dot), or ``None``.

    A host whose last label is letters only (``shop.example.com``) is a name: IPv4 literals end in digits
    and IPv6 literals contain colons. Only other hosts are given to ``ipaddress``, which raises (slowly)
    on names.
    """
    last = host.rpartition(".")[2]
    named = last.isascii() and last.isalpha()
    if not named:
        address = _ip_address(host)
        if address is not None:
            mapped = getattr(address, "ipv4_mapped", None)
            if not (mapped or address).is_global:
                return f"its host {host} is a private, loopback, link-local or reserved address"
            return None
    if host == "localhost" or host.endswith(_PRIVATE_SUFFIXES):
        return f"its host {host} is a local or reserved name"
    if "." not in host:
        return f"its host {host!r} is a single name that only resolves inside a local network"
    if not named and all(part.isdigit() or part.startswith("0x") for part in host.split(".")):
        return f"its host {host} is a numeric address in a non-standard notation"
    return None


def _ip_address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    import ipaddress

    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def check_webhook(ck: Checker, value: object, path: Path) -> None:
    """A webhook URL must be a valid http(s) URL (MP012) on a host reachable from the internet (MP611)."""
    url = check_url(ck, value, path)
    if url is None:
        return
    match = _common_web_url(url)  # a URL check_url accepted is within MAX_URL_LENGTH
    if match is not None and match[1] not in _PRIVATE_LAST_LABELS:
        return
    problem = _host_problem(_host_of(url).rstrip("."))
    if problem is not None:
        ck.report(
            WEBHOOK_UNREACHABLE,
            path,
            f"The webhook URL is invalid because it is unreachable from Mollie's point of view: {problem}.",
            actual=describe(url),
        )


def check_url(
    ck: Checker,
    value: object,
    path: Path,
    prefix: str = "",
    *,
    web_only: bool = True,
    tolerant: bool = False,
    empty_ok: bool = False,
) -> str | None:
    """Report ``value`` when it is not an absolute URL; return it when it is a usable string.

    ``tolerant`` is for the optional URLs Mollie only displays or links to: there ``""`` and a URL-encoded
    URL are accepted live, so they get the MP013 warning instead of the MP012 error. ``empty_ok`` takes
    ``""`` alone so (a new payment's ``cancelUrl``).
    """
    if value is None:
        return None
    if not isinstance(value, str):
        ck.report(
            URL_INVALID,
            path,
            f"{prefix}The '{path[-1]}' field must be a URL string, got {json_type(value)}.",
            actual=describe(value),
        )
        return None
    empty = value == "" and (tolerant or empty_ok)
    if empty or (tolerant and _encoded_web_url().fullmatch(value[: MAX_URL_LENGTH + 1])):
        what = "is empty" if value == "" else "is a URL-encoded URL"
        ck.report(
            URL_TOLERATED,
            path,
            f"{prefix}The '{path[-1]}' field {what}; the docs ask for a URL (or no field), Mollie accepts it today.",
            actual=describe(value),
        )
        return None
    if len(value) <= MAX_URL_LENGTH and _common_web_url(value) is not None:
        return value
    problem = _url_problem(value, web_only=web_only)
    if problem is not None:
        ck.report(
            URL_INVALID,
            path,
            f"{prefix}The '{path[-1]}' field is not a valid URL: it {problem}.",
            actual=describe(value),
        )
        return None
    return value
