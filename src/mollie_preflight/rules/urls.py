"""URLs in a payload must be absolute (SPEC R021, R067).

Parsing is done by hand on a bounded string instead of by ``urllib.parse`` so that no input, however
long or strange, costs more than one linear pass, and so that the accepted shape is exactly what the
message says.
"""

from __future__ import annotations

import re
from typing import Final

from ..findings import Path, Severity
from .checker import Checker
from .rule import Evidence, Rule
from .values import describe, json_type

URL_INVALID = Rule(
    "MP012",
    "url-invalid",
    Severity.ERROR,
    ("R021", "R067"),
    Evidence.INFERRED,
    "a URL field does not hold an absolute URL",
    "Mollie links to, redirects to or calls these URLs; a relative or malformed URL cannot be followed.",
    "Send a full URL with scheme and host, such as https://shop.example/product/42.",
)

RULES = (URL_INVALID,)

#: Generous bound: browsers handle ~2000 characters reliably; longer values are almost always a bug.
MAX_URL_LENGTH: Final = 2048

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*", re.ASCII)
_WHITE_SPACE = re.compile(r"\s")


def url_problem(text: str, *, web_only: bool = True) -> str | None:
    """Why ``text`` is not an absolute URL, or ``None`` when it is one.

    ``web_only`` requires ``http``/``https`` with a host; without it any scheme is allowed, as for
    ``redirectUrl`` and ``cancelUrl`` (custom app schemes such as ``my-app://return``, SPEC R021).
    """
    if len(text) > MAX_URL_LENGTH:
        return f"is {len(text)} characters long (more than {MAX_URL_LENGTH})"
    if _WHITE_SPACE.search(text):
        return "contains white space"
    scheme, colon, rest = text.partition(":")
    if not colon or not _SCHEME.fullmatch(scheme):
        return "has no scheme (it should start with https://)"
    if scheme.lower() in ("http", "https"):
        if not rest.startswith("//"):
            return "has no host after the scheme"
        host = rest[2:].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rsplit("@", 1)[-1]
        if not host or host.startswith(":"):
            return "has no host"
        return None
    if web_only:
        return f"uses the scheme {scheme!r}; only http and https are accepted here"
    return None if rest else "has nothing after the scheme"


def check_url(ck: Checker, value: object, path: Path, prefix: str = "", *, web_only: bool = True) -> str | None:
    """Report ``value`` when it is not an absolute URL; return it when it is a usable string."""
    if value is None:
        return None
    name = str(path[-1])
    if not isinstance(value, str):
        ck.report(
            URL_INVALID,
            path,
            f"{prefix}The '{name}' field must be a URL string, got {json_type(value)}.",
            actual=describe(value),
        )
        return None
    problem = url_problem(value, web_only=web_only)
    if problem is not None:
        ck.report(
            URL_INVALID,
            path,
            f"{prefix}The '{name}' field is not a valid URL: it {problem}.",
            actual=describe(value),
        )
        return None
    return value
