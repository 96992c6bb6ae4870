"""``consumerDateOfBirth`` and ``expiresAt``.

``today`` comes from the caller (``validate_order(today=...)``) or is Amsterdam's date, read once per call.
"""

from __future__ import annotations

import re

from ..._findings import Path, Severity
from ..._reference.orders import KLARNA_EXPIRY_METHODS
from .. import citations as cite
from ..checker import Checker, date_classes
from ..family import BodyFamily
from ..rule import Evidence, Rule
from ..values import describe, json_type
from .methods import offers_any, requested_methods

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime
    from typing import Final

DATE_FORMAT = Rule(
    "MP604",
    "date-format",
    Severity.ERROR,
    (cite.COMMON_DATA_TYPES.at("Date"), cite.CREATE_ORDER.at("consumerDateOfBirth")),
    Evidence.DOCUMENTED,
    "a date is not a real calendar date written YYYY-MM-DD (expiresAt is a date, not a date-time)",
    "Dates in Orders API requests are plain dates; expiresAt takes a date although the response's "
    "expiresAt is a date-time.",
    "Send date.isoformat(): 2026-12-31.",
)
EXPIRES_AT_WINDOW = Rule(
    "MP605",
    "expires-at-window",
    Severity.ERROR,
    (cite.CREATE_ORDER.at("expiresAt"),),
    Evidence.DOCUMENTED,
    "expiresAt is not between tomorrow and 100 days from today",
    "The docs say 'tomorrow … 100 days after tomorrow'; the live API refused today + 101 ('Expiry date is "
    "too far in the future.'), so the default bound is today + 100 (Options.expires_at_max_days).",
    "Pick a date from tomorrow to 100 days ahead, or leave expiresAt out for the default 28 days.",
    "Expiry date is too far in the future.",
)
EXPIRES_AT_KLARNA = Rule(
    "MP606",
    "expires-at-klarna",
    Severity.WARNING,
    (cite.ORDER_STATUS_CHANGES, cite.ORDERS_OVERVIEW, cite.CREATE_ORDER.at("expiresAt")),
    Evidence.DOCUMENTED,
    "a Klarna Pay now, Pay later or Slice it order expires more than 28 days ahead",
    "Klarna cannot be used with an expiry beyond 28 days unless the merchant agreed another limit with "
    "Klarna (Options.klarna_expires_at_max_days).",
    "Leave expiresAt out, or set it at most 28 days ahead.",
)
DATE_OF_BIRTH = Rule(
    "MP607",
    "date-of-birth",
    Severity.WARNING,
    (cite.CREATE_ORDER.at("consumerDateOfBirth"),),
    Evidence.INFERRED,
    "consumerDateOfBirth is today or in the future",
    "A date of birth lies in the past; Klarna and in3 use it for their credit check. Whether Mollie itself "
    "refuses a future date is neither documented nor seen live, so this is a warning.",
    "Send the customer's real date of birth.",
)

RULES = (DATE_FORMAT, EXPIRES_AT_WINDOW, EXPIRES_AT_KLARNA, DATE_OF_BIRTH)

#: Compiled at import: a clean body with a date matches it (``_clean_date``).
_DATE: Final[re.Pattern[str]] = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def parse_date(ck: Checker, value: object, path: Path) -> datetime.date | None:
    """A ``YYYY-MM-DD`` date, or a finding saying why ``value`` is not one."""
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return date_classes()[0].fromisoformat(value)
        except ValueError:
            reason = "is not a real calendar date"
    elif isinstance(value, str) and _DATE.match(value):
        reason = "is a date-time; send only the date"
    elif isinstance(value, str):
        reason = "is not written YYYY-MM-DD"
    else:
        reason = f"must be a string, not {json_type(value)}"
    meant = (
        value[:10] if isinstance(value, str) and _DATE.match(value) and reason.startswith("is a date-time") else None
    )
    ck.report(
        DATE_FORMAT, path, f"The '{path[-1]}' {describe(value)!r} {reason}.", expected=meant, actual=describe(value)
    )
    return None


def check_date_of_birth(ck: Checker, birth: object) -> None:
    """``consumerDateOfBirth`` (``None``: absent) is a date in the past; both APIs take it alike."""
    if birth is None:
        return
    born = parse_date(ck, birth, ("consumerDateOfBirth",))
    if born is not None and born >= ck.today:
        ck.report(
            DATE_OF_BIRTH,
            ("consumerDateOfBirth",),
            f"The date of birth {born.isoformat()} is not in the past.",
            actual=born.isoformat(),
        )


def check_dates(ck: Checker, payload: dict[object, object]) -> None:
    check_date_of_birth(ck, payload.get("consumerDateOfBirth"))
    expires = payload.get("expiresAt")
    if expires is None:
        return
    date = parse_date(ck, expires, ("expiresAt",))
    if date is None:
        return
    from datetime import timedelta  # here, not with the module: a body without dates never needs it

    today = ck.today
    latest = today + timedelta(days=ck.options.expires_at_max_days)
    if date <= today or date > latest:
        bound = "Expiry date is too far in the future" if date > latest else "Expiry date must be in the future"
        ck.report(
            EXPIRES_AT_WINDOW,
            ("expiresAt",),
            f"{bound}: expiresAt must be from {(today + timedelta(days=1)).isoformat()} to "
            f"{latest.isoformat()}, got {date.isoformat()}.",
            expected=(latest if date > latest else today + timedelta(days=1)).isoformat(),
            actual=date.isoformat(),
        )
        return
    klarna = requested_methods(payload) & KLARNA_EXPIRY_METHODS
    klarna_latest = today + timedelta(days=ck.options.klarna_expires_at_max_days)
    if klarna and date > klarna_latest:
        ck.report(
            EXPIRES_AT_KLARNA,
            ("expiresAt",),
            f"{', '.join(sorted(klarna))} cannot be used when the order expires more than "
            f"{ck.options.klarna_expires_at_max_days} days ahead ({klarna_latest.isoformat()}), "
            "unless agreed with Klarna.",
            expected=klarna_latest.isoformat(),
            actual=date.isoformat(),
        )


# --- clean: "nothing to report here", for the composed fast path; ``check_dates`` never calls it ---


def clean_dates(payload: dict[object, object], ck: Checker) -> bool:
    """``check_dates`` would report nothing: a past date of birth, an ``expiresAt`` inside its window and,
    for the Klarna methods that limit it (declared here with their rule), inside Klarna's."""
    birth, expires = payload.get("consumerDateOfBirth"), payload.get("expiresAt")
    if birth is None and expires is None:
        return True
    if birth is not None:
        born = _clean_date(birth)
        if born is None or born >= ck.today:
            return False
    if expires is None:
        return True
    date = _clean_date(expires)
    if date is None:
        return False
    days = (date - ck.today).days
    options = ck.options
    if not 0 < days <= options.expires_at_max_days:
        return False
    return days <= options.klarna_expires_at_max_days or not offers_any(payload.get("method"), KLARNA_EXPIRY_METHODS)


def _clean_date(value: object) -> datetime.date | None:
    """The date ``parse_date`` would read without a word, or ``None``."""
    if type(value) is not str or not _DATE.fullmatch(value):
        return None
    try:
        return date_classes()[0].fromisoformat(value)
    except ValueError:
        return None


#: This family's part of a create-order body (composed in ``create_order``).
CREATE_ORDER: Final[BodyFamily] = BodyFamily("dates", check_dates, clean_dates)
