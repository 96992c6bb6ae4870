"""Is an E.164 number valid? phonenumbers' own metadata, without its general-purpose parse.

``phonenumbers.parse`` accepts anything a person might type (letters, extensions, "tel:" URIs, national
formats), so it normalises and re-scans the text several times: ~17 µs, then ~9 µs more for
``is_valid_number``. A phone in an order is already checked to be ``+`` and digits, which leaves only
the country code split, the national-prefix step and the pattern tests. Those are done here against the
same metadata, so the verdict follows the installed phonenumbers release. Per region and number length,
the patterns of all number types are joined into one expression (with the region's general pattern as a
look-ahead), so a number costs one regular-expression match instead of up to eleven.

This is a fast path, not a replacement: it answers ``True`` only when the number is valid *and* parsing it
would have been the plain split (no national prefix to strip, no Italian leading zero, a country code
that is not non-geographic); in every other case it answers ``None`` and the caller asks phonenumbers.
``tests/test_fast_paths.py`` compares it with phonenumbers on generated and real numbers. Following the
library's metadata rather than a table of our own is deliberate (``_rules/common/contact.py`` says why).
"""

from __future__ import annotations

import re
from itertools import product

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final

#: Every number type; mobile first, as most shoppers give a mobile number (the order of a regular
#: expression's alternatives changes only how soon it matches, never whether).
_TYPES: Final = (
    "mobile",
    "fixed_line",
    "toll_free",
    "premium_rate",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
)
_MIN_NSN: Final = 2
_MAX_NSN: Final = 17


class _Region:
    """One region's metadata as needed here: which numbers of each length are valid."""

    __slots__ = ("leading", "national_prefix", "national_prefix_text", "valid_by_length")

    def __init__(self, metadata: Any) -> None:
        self.leading = re.compile(metadata.leading_digits) if metadata.leading_digits is not None else None
        prefix = metadata.national_prefix_for_parsing
        #: Most prefixes are plain digits ("0"): a ``startswith`` then does what the pattern would.
        self.national_prefix_text = prefix if prefix and prefix.isascii() and prefix.isdigit() else None
        self.national_prefix = re.compile(prefix) if prefix and self.national_prefix_text is None else None
        self.valid_by_length = _patterns_by_length(metadata)


class _CallingCode:
    """A country calling code and, once a number has used it, its regions' metadata in phonenumbers'
    order (the main region first: its national prefix is the one parsing strips)."""

    __slots__ = ("digits", "regions")

    def __init__(self, digits: str) -> None:
        self.digits = digits
        #: Empty when this module does not answer for the code (non-geographic, or no metadata).
        self.regions: tuple[_Region, ...] | None = None


#: Every possible first three digits of an international number ("316…") to its calling code: one
#: lookup finds the code whatever its length (codes are prefix-free). Built on first use.
_codes_by_start: dict[str, _CallingCode] = {}


def is_valid_e164(number: str) -> bool | None:
    """``True`` when ``number`` (``+`` and 2–15 digits) is valid; ``None`` when phonenumbers must decide."""
    code = (_codes_by_start or _load_codes()).get(number[1:4])
    if code is None:  # no code, or too short to hold one and a national number
        return None
    national = number[1 + len(code.digits) :]
    if not _MIN_NSN <= len(national) <= _MAX_NSN or national[0] == "0":
        return None
    regions = code.regions if code.regions is not None else _resolve(code)
    if not regions:
        return None
    main = regions[0]
    prefix = main.national_prefix_text
    if prefix is not None:
        if national.startswith(prefix):
            return None  # a national prefix may be stripped: phonenumbers decides
    elif main.national_prefix is not None and main.national_prefix.match(national):
        return None
    for region in regions:
        leading = region.leading
        if leading is not None and not leading.match(national):
            continue
        pattern = region.valid_by_length.get(len(national))
        if pattern is not None and pattern.fullmatch(national):
            return True
        if leading is not None:
            return None  # the region whose leading digits match decides
    return None


def _load_codes() -> dict[str, _CallingCode]:
    from phonenumbers import COUNTRY_CODE_TO_REGION_CODE

    for number in sorted(COUNTRY_CODE_TO_REGION_CODE, key=lambda code: (len(str(code)), code)):
        code = _CallingCode(str(number))
        for tail in product("0123456789", repeat=3 - len(code.digits)):
            _codes_by_start.setdefault(code.digits + "".join(tail), code)  # shorter codes first, as in parsing
    return _codes_by_start


def _resolve(code: _CallingCode) -> tuple[_Region, ...]:
    from phonenumbers import COUNTRY_CODE_TO_REGION_CODE
    from phonenumbers.phonemetadata import PhoneMetadata

    names = COUNTRY_CODE_TO_REGION_CODE[int(code.digits)]
    found: list[_Region] = []
    if "001" not in names:
        for name in names:
            metadata = PhoneMetadata.metadata_for_region(name, None)
            if metadata is None:
                if not found:  # no main region: phonenumbers decides every number of this code
                    break
                continue
            found.append(_Region(metadata))
    code.regions = tuple(found)
    return code.regions


def _patterns_by_length(metadata: Any) -> dict[int, re.Pattern[str]]:
    """Per national number length, one pattern matching exactly the numbers phonenumbers calls valid.

    phonenumbers: valid ⇔ the general description matches and so does the description of some number type,
    where a description matches when its possible lengths (if it lists any) include the length and its
    pattern matches the whole number.
    """
    general = _desc(metadata.general_desc)
    if general is None:
        return {}
    general_lengths, general_pattern = general
    types = [desc for name in _TYPES if (desc := _desc(getattr(metadata, name, None))) is not None]
    by_length = {}
    for length in general_lengths or range(_MIN_NSN, _MAX_NSN + 1):
        alternatives = [pattern for lengths, pattern in types if not lengths or length in lengths]
        if alternatives:
            joined = "|".join(f"(?:{pattern})" for pattern in alternatives)
            by_length[length] = re.compile(rf"(?=(?:{general_pattern})\Z)(?:{joined})")
    return by_length


def _desc(desc: Any) -> tuple[tuple[int, ...], str] | None:
    pattern = getattr(desc, "national_number_pattern", None) if desc is not None else None
    if not pattern:
        return None
    return tuple(desc.possible_length or ()), pattern
