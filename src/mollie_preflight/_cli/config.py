"""``[tool.mollie-preflight]`` in ``pyproject.toml``: found like ruff finds its own, checked strictly.

The nearest ``pyproject.toml`` upward from the working directory that has the section is used (a
``pyproject.toml`` without it is passed over). Unknown keys and wrongly typed values are a
``ConfigError`` (exit status 2): a misspelt ``ignore`` must not silently switch nothing off.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

SECTION: Final = "mollie-preflight"
LEVELS: Final = ("error", "warning")


class ConfigError(Exception):
    """The configuration cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    """The settings a configuration file may hold; every field is optional (``None``: not set)."""

    path: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    severities: dict[str, str] = field(default_factory=dict)
    severity: str | None = None
    fail_on: str | None = None
    inferred: bool | None = None
    vat_ties: str | None = None
    expires_at_max_days: int | None = None
    klarna_expires_at_max_days: int | None = None
    #: ``orders``, ``payments`` or ``auto`` (as ``--api``).
    api: Literal["orders", "payments", "auto"] | None = None
    #: File selection (see ``selection``): patterns relative to the directory of ``path``.
    include: tuple[str, ...] | None = None
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool | None = None

    @property
    def base(self) -> Path:
        """The directory the file's anchored patterns (``exports/old``) are relative to."""
        return self.path.parent if self.path is not None else Path.cwd()


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _level(value: object) -> bool:
    return value in LEVELS


def _days(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


_KEYS: Final = {
    "select": (_strings, "a list of rule codes, prefixes or names"),
    "ignore": (_strings, "a list of rule codes, prefixes or names"),
    "severities": (
        lambda v: isinstance(v, dict) and all(isinstance(k, str) and _level(x) for k, x in v.items()),
        'a table of rule selector = "error" or "warning"',
    ),
    "severity": (_level, '"error" or "warning"'),
    "fail-on": (_level, '"error" or "warning"'),
    "inferred": (lambda v: isinstance(v, bool), "true or false"),
    "vat-ties": (lambda v: v in ("half-up", "either"), '"half-up" or "either"'),
    "expires-at-max-days": (_days, "a positive integer"),
    "klarna-expires-at-max-days": (_days, "a positive integer"),
    "api": (lambda v: v in ("orders", "payments", "auto"), '"orders", "payments" or "auto"'),
    "include": (_strings, "a list of gitignore-style patterns"),
    "exclude": (_strings, "a list of gitignore-style patterns"),
    "extend-exclude": (_strings, "a list of gitignore-style patterns"),
    "respect-gitignore": (lambda v: isinstance(v, bool), "true or false"),
}


def discover(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start`` that has ``[tool.mollie-preflight]``."""
    for directory in (start, *start.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file() and SECTION in _read(candidate).get("tool", {}):
            return candidate
    return None


def load(path: Path) -> Config:
    """The configuration in ``path``: its ``[tool.mollie-preflight]`` section (empty if there is none)."""
    section = _read(path).get("tool", {}).get(SECTION, {})
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [tool.{SECTION}] must be a table")
    for key, value in section.items():
        if key not in _KEYS:
            known = ", ".join(_KEYS)
            raise ConfigError(f"{path}: unknown key {key!r} in [tool.{SECTION}] (known keys: {known})")
        valid, wanted = _KEYS[key]
        if not valid(value):
            raise ConfigError(f"{path}: [tool.{SECTION}] {key} must be {wanted}, not {value!r}")
    get = section.get
    return Config(
        path=path,
        select=tuple(section["select"]) if "select" in section else None,
        ignore=tuple(section["ignore"]) if "ignore" in section else None,
        severities=dict(get("severities", {})),
        severity=get("severity"),
        fail_on=get("fail-on"),
        inferred=get("inferred"),
        vat_ties=get("vat-ties"),
        expires_at_max_days=get("expires-at-max-days"),
        klarna_expires_at_max_days=get("klarna-expires-at-max-days"),
        api=get("api"),
        include=tuple(section["include"]) if "include" in section else None,
        exclude=tuple(section["exclude"]) if "exclude" in section else None,
        extend_exclude=tuple(get("extend-exclude", ())),
        respect_gitignore=get("respect-gitignore"),
    )


def _read(path: Path) -> dict[str, Any]:
    toml = _toml()
    try:
        with path.open("rb") as file:
            data: dict[str, Any] = toml.load(file)
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror or exc}") from None
    except toml.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    return data


def _toml() -> Any:
    """``tomllib`` (3.11+) or its backport ``tomli`` (a dependency of the ``cli`` extra on 3.10)."""
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib
    try:  # pragma: no cover
        import tomli  # type: ignore[import-not-found,unused-ignore]
    except ImportError:  # pragma: no cover
        raise ConfigError("reading pyproject.toml on Python 3.10 needs tomli (the cli extra)") from None
    return tomli  # pragma: no cover
