"""Every fast path gives the same verdict as the full check it short-cuts, on every input."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import mollie_preflight as mp
from mollie_preflight._create_order import is_clean, validate_order_fully
from mollie_preflight._create_payment import validate_payment_fully
from mollie_preflight._money import currency_decimals, parse_value, parse_value_in_full, plain_minor
from mollie_preflight._options import DEFAULT_OPTIONS
from mollie_preflight._reference.orders import METHODS
from mollie_preflight._reference.payments import METHODS as PAYMENT_METHODS
from mollie_preflight._rules.checker import Checker
from mollie_preflight._rules.common import lines as lines_module
from mollie_preflight._rules.common.address import check_address, clean_address
from mollie_preflight._rules.common.amounts import check_amount, check_amount_in_full
from mollie_preflight._rules.common.contact import _PLAIN_EMAIL, SPECIAL_USE_TLDS, email_problem, is_e164_shaped
from mollie_preflight._rules.common.e164 import is_valid_e164
from mollie_preflight._rules.common.lines import LineFigures, check_line, clean_line, valid_rate
from mollie_preflight._rules.common.metadata import is_surely_within, json_size, json_size_in_full
from mollie_preflight._rules.common.methods import requested_methods
from mollie_preflight._rules.common.urls import (
    _COMMON_WEB_URL,
    _PRIVATE_SUFFIXES,
    MAX_URL_LENGTH,
    _host_of,
    _host_problem,
    _url_problem,
    check_url,
    check_webhook,
    clean_url,
    clean_webhook,
)
from mollie_preflight._vat import Rate, parse_rate

from .helpers import TODAY
from .payloads import example_order
from .strategies import RATES, amount, minor_of, order_lines, reference_vat, valid_orders

value_texts = st.one_of(
    st.from_regex(r"-?(0|[1-9][0-9]{0,16})(\.[0-9]{0,4})?", fullmatch=True),
    st.from_regex(r"[-+ 0-9.,eE]{0,8}", fullmatch=True),
    st.text(max_size=8),
)
currencies = st.sampled_from(["EUR", "JPY", "ISK", "USD", "eur", "XYZ", "", "EURO"]) | st.integers() | st.none()


@given(value_texts, st.sampled_from([None, 0, 1, 2, 3, 4]))
def test_parse_value_fast_path_agrees_with_the_slow_path(text: str, decimals: int | None) -> None:
    assert parse_value(text, decimals) == parse_value_in_full(text, decimals)


@given(st.from_regex(r"-?(0|[1-9][0-9]{0,14})(\.[0-9]{2})?", fullmatch=True))
def test_every_value_of_the_plain_form_takes_the_fast_path(text: str) -> None:
    """The fast path answers for every value in Mollie's form for its currencies' decimal counts (0 and 2; a
    negative zero aside), with the full parse's minor units: a fast path that gave up on some would pass the
    agreement test above and be slow."""
    decimals = len(text.partition(".")[2])
    full = parse_value_in_full(text, decimals)
    assert plain_minor(text, decimals) == (full if isinstance(full, int) else None)
    assert isinstance(full, int) or text.startswith("-0")


@pytest.mark.parametrize(
    "text",
    [
        "１.00", "1.0٠", "+1.00", " 1.00", "1.00 ", "1_0.00", "1.2.34", "12.3.45", "-0.00", "-.50", ".50",
        "00.00", "-01.00", "1.0", "1.000", "", "-", "1,00", "1e2", "1234567890123456.00", "-1234567890123456.00",
    ],
)  # fmt: skip
def test_the_fast_path_leaves_every_other_shape_to_the_full_parse(text: str) -> None:
    assert plain_minor(text, 2) is None
    assert parse_value(text, 2) == parse_value_in_full(text, 2)


@given(
    st.one_of(
        st.fixed_dictionaries({"currency": currencies, "value": value_texts | st.integers() | st.none()}),
        st.fixed_dictionaries({"value": value_texts}),
        st.text(max_size=3),
        st.none(),
    ),
    st.booleans(),
    st.sampled_from([None, "EUR", "JPY", "USD"]),
)
def test_check_amount_fast_path_agrees_with_the_full_diagnosis(
    amount: Any, may_be_negative: bool, order_currency: str | None
) -> None:
    fast, slow = Checker(DEFAULT_OPTIONS, None), Checker(DEFAULT_OPTIONS, None)
    path = ("lines", 0, "unitPrice")
    kwargs: dict[str, Any] = {"prefix": "p ", "may_be_negative": may_be_negative, "order_currency": order_currency}
    assert check_amount(fast, amount, path, **kwargs) == check_amount_in_full(slow, amount, path, **kwargs)
    assert fast.findings == slow.findings


def _phonenumbers_verdict(text: str) -> bool:
    import phonenumbers

    try:
        return bool(phonenumbers.is_valid_number(phonenumbers.parse(text, None)))
    except phonenumbers.NumberParseException:
        return False


def _example_numbers() -> list[str]:
    """Every example number phonenumbers ships, of every type and region, in E.164."""
    import phonenumbers

    numbers = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in phonenumbers.PhoneNumberType.values():
            example = phonenumbers.example_number_for_type(region, kind)
            if example is not None:
                numbers.append(phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164))
    return sorted(set(numbers))


EXAMPLE_NUMBERS = _example_numbers()


@st.composite
def e164_numbers(draw: st.DrawFn) -> str:
    """E.164-shaped strings near real numbers (one digit changed, cut or added) and around country codes."""
    import phonenumbers

    choice = draw(st.integers(0, 2))
    if choice == 0:
        digits = list(draw(st.sampled_from(EXAMPLE_NUMBERS))[1:])
        at = draw(st.integers(0, len(digits) - 1))
        edit = draw(st.sampled_from(["replace", "cut", "add", "keep"]))
        digit = str(draw(st.integers(0, 9)))
        if edit == "replace":
            digits[at] = digit
        elif edit == "cut" and len(digits) > 2:
            del digits[at]
        elif edit == "add" and len(digits) < 15:
            digits.insert(at, digit)
        text = "".join(digits)
    else:
        code = str(draw(st.sampled_from(sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE))))
        text = code + draw(st.from_regex(r"[0-9]{1,13}", fullmatch=True))
    return "+" + text[:15]


@given(e164_numbers() | st.from_regex(r"\+[1-9][0-9]{1,14}", fullmatch=True))
def test_e164_fast_path_agrees_with_phonenumbers(text: str) -> None:
    verdict = is_valid_e164(text)
    assert verdict is None or verdict == _phonenumbers_verdict(text)


def test_e164_fast_path_decides_nearly_every_valid_example_number() -> None:
    """It must actually be taken: of phonenumbers' own valid examples, only a few need the full parse."""
    valid = [text for text in EXAMPLE_NUMBERS if _phonenumbers_verdict(text)]
    decided = [text for text in valid if is_valid_e164(text)]
    undecided = sorted(set(valid) - set(decided))
    assert len(decided) >= 0.9 * len(valid), undecided
    assert all(is_valid_e164(text) is True for text in ("+31612345678", "+442071234567", "+12015550123"))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)
line_fields = st.sampled_from(
    [
        "type",
        "category",
        "name",
        "quantity",
        "unitPrice",
        "totalAmount",
        "discountAmount",
        "vatRate",
        "vatAmount",
        "sku",
        "imageUrl",
        "productUrl",
        "metadata",
        "extra",
    ]
)
field_values = st.one_of(
    json_values,
    st.sampled_from(
        [
            "physical",
            "discount",
            "gift_card",
            "store_credit",
            "digital",
            "gift",
            "meal",
            "",
            " ",
            "21.00",
            "-0",
            "9",
            "5.5",
            "-1.00",
            "https://example.org/x",
            "http://localhost/",
        ]
    ),
    st.integers(-3, 3),
    st.fixed_dictionaries(
        {
            "currency": st.sampled_from(["EUR", "JPY", "USD", "eur"]),
            "value": st.sampled_from(["0.00", "1.00", "-1.00", "-0.00", "10", "0.01", "1.0"]),
        }
    ),
)


@st.composite
def consistent_lines(draw: st.DrawFn, currency: str) -> dict[str, Any]:
    """A line whose total and VAT follow from its other fields, with any type and any signs."""
    kind = draw(
        st.sampled_from(
            [None, "physical", "discount", "digital", "shipping_fee", "store_credit", "gift_card", "surcharge"]
        )
    )
    unit, quantity = draw(st.sampled_from([-1, 0, 1]) | st.integers(-500, 500)), draw(st.integers(1, 3))
    discount = draw(st.none() | st.integers(-50, 600))
    rate = draw(st.sampled_from(RATES))
    total = unit * quantity - (discount or 0)
    line: dict[str, Any] = {
        "name": draw(st.sampled_from(["Bike", "x", " "])),
        "quantity": quantity,
        "unitPrice": amount(currency, unit),
        "totalAmount": amount(currency, total),
        "vatRate": rate,
        "vatAmount": amount(currency, reference_vat(total, rate)),
    }
    if kind is not None:
        line["type"] = kind
    if discount is not None:
        line["discountAmount"] = amount(currency, discount)
    return line


@st.composite
def mutated_lines(draw: st.DrawFn) -> tuple[object, str]:
    """A valid or merely consistent line, then zero or more fields replaced, removed, or off by one unit."""
    currency = draw(st.sampled_from(["EUR", "JPY", "USD"]))
    valid = st.sampled_from(draw(order_lines(currency, max_size=3)))
    line: Any = dict(draw(valid | consistent_lines(currency)))
    for _ in range(draw(st.integers(0, 3))):
        field = draw(line_fields)
        action = draw(st.sampled_from(["replace", "remove", "nudge"]))
        if action == "remove":
            line.pop(field, None)
        elif action == "nudge" and isinstance(line.get(field), dict) and "value" in line[field]:
            minor = minor_of(line[field], currency) + draw(st.sampled_from([-1, 1]))
            line[field] = amount(currency, minor)
        else:
            line[field] = draw(field_values)
    return (line if draw(st.integers(0, 20)) else draw(json_values)), currency


@given(mutated_lines())
def test_a_clean_line_is_exactly_a_line_check_line_has_nothing_to_say_about(case: tuple[object, str]) -> None:
    line, currency = case
    ck = Checker(DEFAULT_OPTIONS, None)
    ck.order_currency, ck.order_decimals = currency, currency_decimals(currency)
    figures = check_line(ck, line, 3)
    clean = clean_line(line, currency, currency_decimals(currency) or 0)
    if clean is not None:
        assert ck.findings == []
        assert figures == LineFigures(3, *clean)
    elif isinstance(line, dict) and not ck.findings:
        # A line check_line accepts but clean_line does not: only a dict subclass or a non-str key may be.
        assert figures is None or type(line) is not dict


@given(
    st.sampled_from(["EUR", "JPY", "USD", "SEK"]).flatmap(
        lambda currency: order_lines(currency, max_size=5).map(lambda lines: (lines, currency))
    )
)
def test_valid_lines_take_the_fast_path(case: tuple[list[dict[str, Any]], str]) -> None:
    lines, currency = case
    decimals = currency_decimals(currency)
    assert decimals is not None
    assert all(clean_line(line, currency, decimals) is not None for line in lines)


@given(st.text(alphabet="-0123456789.", max_size=8))
def test_a_rate_text_is_read_the_same_whether_remembered_or_not(text: str) -> None:
    parsed = parse_rate(text)
    expected = parsed if parsed is not None and parsed.units >= 0 and not text.startswith("-") else None
    assert valid_rate(text) == expected
    assert valid_rate(text) == expected  # the second read may come from the process-wide table


def test_the_table_of_rate_texts_stays_bounded() -> None:
    for units in range(3 * lines_module._MAX_RATES):
        assert valid_rate(f"{units}.5") == Rate(units * 10 + 5, 1)
    assert len(lines_module._RATES) <= lines_module._MAX_RATES


url_texts = st.one_of(
    st.from_regex(
        r"(?i:https?|ftp|my-app)(:|://)[a-z0-9.\-@:\[\]_%]{0,12}([/?#][ -~\u00a0\u2028]{0,8})?", fullmatch=True
    ),
    st.text(alphabet="htps:/.-@[]:?# \t\u00a0aZ09", max_size=16),
    st.text(max_size=12),
)


_LABELS = st.lists(st.from_regex(r"[a-zA-Z0-9-]{1,6}\.", fullmatch=True), min_size=1, max_size=3).map("".join)
#: Last labels of the common shape: public, and every reserved one.
_LAST_LABELS = ["com", "nl", "org", *(suffix[1:] for suffix in _PRIVATE_SUFFIXES)]

#: One part of a URL of the common shape each, and odd replacements for it (none of them fit the shape).
_URL_PARTS: dict[str, tuple[st.SearchStrategy[str], st.SearchStrategy[str]]] = {
    "scheme": (
        st.sampled_from(["https://", "http://"]),
        st.sampled_from(["HTTPS://", "Http://", "ftp://", "my-app://", "httpx://", "https:/", "https:", "//", ""]),
    ),
    "user": (st.just(""), st.sampled_from(["user@", "a:b@", "@"])),
    "host": (
        st.tuples(_LABELS, st.sampled_from(_LAST_LABELS)).map("".join),
        st.one_of(
            st.sampled_from(["", "localhost", "10.0.0.1", "127.0.0.1", "8.8.8.8", "[::1]", "[2001:db8::1]", "0x7f.1"]),
            st.tuples(
                _LABELS | st.sampled_from(["", "é.", "a_b.", "10.0.0."]),
                st.sampled_from(_LAST_LABELS).map(str.upper)
                | st.sampled_from(_LAST_LABELS).map(str.title)
                | st.sampled_from(["xn--p1ai", "1", "0x7f", "é", "", "com-", "lan1"]),
            ).map("".join),
        ),
    ),
    "dot": (st.just(""), st.sampled_from([".", ".."])),
    "port": (st.just(""), st.sampled_from([":", ":443", ":99999999", ":x", "::"])),
    "path": (
        st.one_of(
            st.just(""),
            st.tuples(
                st.sampled_from("/?#"), st.text(st.characters(min_codepoint=33, max_codepoint=126), max_size=10)
            ).map("".join),
        ),
        st.sampled_from(["/a b", "/\t", "/\x1c", "/\u00a0", "/\u2028", "/\u3000", "/é", "a", "@x.local/", "@10.0.0.1"]),
    ),
    "length": (st.just(""), st.integers(MAX_URL_LENGTH - 30, MAX_URL_LENGTH).map(lambda size: "x" * size)),
}


@st.composite
def _url_like(draw: st.DrawFn) -> str:
    """A URL of the common shape (reserved last labels included), or one with a single part replaced by an
    odd one: another scheme or case, user info, an IP address or single name, an upper-case, IDN or numeric
    last label, a trailing dot, a port, white space (Unicode's too), a non-ASCII character or a second host
    in the path, or ``x``s to around ``MAX_URL_LENGTH``."""
    odd = draw(st.sampled_from([None, None, None, *_URL_PARTS]))
    return "".join(draw(odd_part if name == odd else usual) for name, (usual, odd_part) in _URL_PARTS.items())


common_url_texts = st.one_of(_url_like(), url_texts)
#: The URL tests are cheap: enough examples that every odd part is met in the CI profile too.
_URL_EXAMPLES = settings(max_examples=max(300, settings().max_examples))
_LONG_COMMON_URL = "https://shop.example.com/" + "x" * (MAX_URL_LENGTH - 23)


def _url_findings(text: str, *, webhook: bool = False, web_only: bool = True, tolerant: bool = False) -> list[str]:
    """The codes ``check_webhook`` or ``check_url`` (as a redirect URL) reports on ``text``."""
    ck = Checker(DEFAULT_OPTIONS, TODAY)
    if webhook:
        check_webhook(ck, text, ("webhookUrl",))
    else:
        check_url(ck, text, ("redirectUrl",), web_only=web_only, tolerant=tolerant)
    return [finding.code for finding in ck.findings]


@_URL_EXAMPLES
@given(common_url_texts)
@example("https://shop.test/hook")
def test_the_common_url_shape_is_never_clean_where_the_full_check_reports(text: str) -> None:
    """The one pattern that answers for most URLs: a URL it takes has no finding in any URL field, and as
    a webhook it is reachable exactly when its last label is not a reserved name."""
    match = _COMMON_WEB_URL.fullmatch(text) if len(text) <= MAX_URL_LENGTH else None
    if match is None:
        return
    assert _url_problem(text) is None
    assert _url_findings(text) == _url_findings(text, tolerant=True) == _url_findings(text, web_only=False) == []
    reserved = "." + match[1] in _PRIVATE_SUFFIXES
    assert (_host_problem(_host_of(text).rstrip(".")) is not None) == reserved
    assert _url_findings(text, webhook=True) == (["MP611"] if reserved else [])


@_URL_EXAMPLES
@given(common_url_texts, st.booleans())
@example(_LONG_COMMON_URL, True)
@example("https://shop.example.com/a b", True)
def test_url_clean_and_check_give_the_full_checks_verdict(text: str, web_only: bool) -> None:
    problem = _url_problem(text, web_only=web_only)
    ck = Checker(DEFAULT_OPTIONS, TODAY)
    check_url(ck, text, ("redirectUrl",), web_only=web_only)
    assert [(f.code, f.message) for f in ck.findings] == (
        [] if problem is None else [("MP012", f"The 'redirectUrl' field is not a valid URL: it {problem}.")]
    )
    if problem is None:
        assert _url_findings(text, web_only=web_only, tolerant=True) == []
    assert clean_url(text) == (_url_problem(text) is None)


def _webhook_problem_by_ipaddress_first(url: str) -> str | None:
    """The reference: every host goes through ``ipaddress`` before the name rules."""
    import ipaddress

    host = _host_of(url).rstrip(".")
    try:
        address: object = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if isinstance(address, ipaddress.IPv4Address | ipaddress.IPv6Address):
        mapped = getattr(address, "ipv4_mapped", None)
        return None if (mapped or address).is_global else "not global"
    if host == "localhost" or host.endswith(tuple(_PRIVATE_SUFFIXES)):
        return "local name"
    if "." not in host:
        return "single name"
    if all(part.isdigit() or part.startswith("0x") for part in host.split(".")):
        return "numeric"
    return None


@given(
    st.one_of(
        st.ip_addresses().map(lambda address: f"[{address}]" if address.version == 6 else str(address)),
        st.from_regex(r"[0-9a-fx:.%A-Z]{1,20}", fullmatch=True),
        st.from_regex(r"[a-z0-9-]{1,8}(\.[a-z0-9-]{1,8}){0,3}\.?", fullmatch=True),
        st.sampled_from(["localhost", "a.local", "10.0.0.1", "0x7f.1", "127.1", "example.com", "x.internal"]),
        st.text(max_size=10),
    )
)
def test_webhook_verdict_agrees_with_asking_ipaddress_first(host: str) -> None:
    url = f"https://{host}/hook"
    problem, reference = _host_problem(_host_of(url).rstrip(".")), _webhook_problem_by_ipaddress_first(url)
    assert (problem is None) == (reference is None)


@given(json_values, st.integers(0, 60))
def test_metadata_size_fast_path_agrees_with_the_walk(value: object, limit: int) -> None:
    assert json_size(value, limit) == json_size_in_full(value, limit)


@given(json_values)
def test_metadata_size_is_the_size_of_compact_json(value: object) -> None:
    import json

    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError):
        return
    size = json_size(value, 10**9)
    if isinstance(size, int):
        assert size == len(text.encode("utf-8", "surrogatepass"))


flat_metadata = st.dictionaries(st.text(max_size=12), st.text(max_size=40), max_size=8)


@given(flat_metadata | json_values | st.text(max_size=80), st.integers(0, 400))
def test_metadata_surely_within_never_passes_a_value_over_the_limit(value: object, limit: int) -> None:
    if is_surely_within(value, limit):
        size = json_size_in_full(value, limit)
        assert isinstance(size, int)
        assert size <= limit


@given(st.dictionaries(st.text(max_size=12), st.text(max_size=12), max_size=5))
def test_metadata_surely_within_settles_small_flat_objects(value: dict[str, str]) -> None:
    # 5 pairs of at most 24 characters: 1 + 6 * 5 + 6 * 120 = 751 bytes in the worst case.
    assert is_surely_within(value, 751)


@given(st.text(max_size=20))
def test_metadata_surely_within_settles_short_strings(value: str) -> None:
    """Metadata as a string (form-encoded requests send the JSON text): 2 + 6 × 20 = 122 bytes at most."""
    assert is_surely_within(value, 122)


def test_metadata_surely_within_is_exact_at_the_worst_case() -> None:
    control = {"\x00": "\x01" * 4}  # every character escaped as \u00XX: {"\u0000":"\u0001…"} is 37 bytes
    assert json_size_in_full(control, 10**6) == 1 + 6 + 6 * 5
    assert is_surely_within(control, 37)
    assert not is_surely_within(control, 36)
    assert is_surely_within({}, 2)
    assert not is_surely_within({}, 1)
    assert not is_surely_within({"a": 1}, 10**6)
    assert not is_surely_within({1: "a"}, 10**6)
    assert not is_surely_within(["a"], 10**6)
    assert json_size_in_full("\x00" * 5, 10**6) == 2 + 6 * 5  # "\u0000\u0000…"
    assert is_surely_within("\x00" * 5, 32)
    assert not is_surely_within("\x00" * 5, 31)


address_values = st.one_of(
    st.sampled_from(
        [
            "NL",
            "nl",
            "DE",
            "US",
            "HK",
            "XX",
            "AN",
            "",
            " ",
            "Al",
            "12",
            "Jo",
            "1011 AB",
            "1011AB",
            "10115",
            "3011",
            "+31612345678",
            "+3161234567",
            "+69123456789",
            "a@b.nl",
            "a@@b.nl",
            "jan.jansen@example.org",
            "A" * 130,
        ]
    ),
    json_values,
)


@st.composite
def varied_addresses(draw: st.DrawFn) -> tuple[object, object]:
    """A valid address, then fields replaced by near-valid or arbitrary values, removed, or added."""
    address: Any = {
        "givenName": "Jan",
        "familyName": "Jansen",
        "email": "jan@example.nl",
        "phone": "+31612345678",
        "streetAndNumber": "Keizersgracht 313",
        "postalCode": "1016 EE",
        "city": "Amsterdam",
        "country": "NL",
    }
    for _ in range(draw(st.integers(0, 3))):
        field = draw(st.sampled_from([*address, "organizationName", "region", "title", "streetAdditional", "x"]))
        if draw(st.booleans()):
            address.pop(field, None)
        else:
            address[field] = draw(address_values)
    method: object = draw(st.sampled_from([None, "ideal", "paypal", "billie", ["ideal", "paypal"], ["ideal", 7], {}]))
    return (address if draw(st.integers(0, 20)) else draw(json_values)), method


@given(varied_addresses(), st.sampled_from(["billingAddress", "shippingAddress"]))
def test_clean_address_verdict_is_exactly_no_finding(case: tuple[object, object], key: str) -> None:
    address, method = case
    methods = requested_methods({"method": method})
    ck = Checker(DEFAULT_OPTIONS, None)
    check_address(ck, address, key, methods)
    clean = clean_address(address, method)
    if clean:
        assert ck.findings == []
    if not methods & {"paypal", "billie"}:
        assert clean == (ck.findings == [])


near_valid_values = st.sampled_from(
    [
        "",
        " ",
        "nl_NL",
        "nl",
        "EUR",
        "eur",
        "JPY",
        "10.00",
        "10.0",
        "-0.00",
        "-1.00",
        "0.00",
        "21.00",
        "-21",
        "https://example.org/x",
        "http://localhost/hook",
        "https://10.0.0.1/",
        "my-app://back",
        "https://a b",
        "physical",
        "discount",
        "gift_card",
        "store_credit",
        "gift",
        "NL",
        "nl",
        "XX",
        "+31612345678",
        "+69123456789",
        "jan@example.nl",
        "jan@",
        "1016 EE",
        "0000",
        "A" * 70,
        "ideal",
        "paypal",
        "2026-12-01",
        "pfl_abc",
        "recurring",
        "oneoff",
        "first",
        "cst_8wmqcHMN4U",
        "ideal_INGBNL2A",
        "kbc",
        "klarnapaylater",
        "voucher",
        "giftcard",
        "2026-11-22",
        "2026-11-23",
        "2027-03-02",
        "2027-03-03",
        "1958-02-30",
    ]
)


def _paths(value: object, prefix: tuple[object, ...] = (), depth: int = 0) -> list[tuple[object, ...]]:
    found = [prefix] if prefix else []
    if depth < 4 and isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key), depth + 1)
    elif depth < 4 and isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index), depth + 1)
    return found


method_values = st.sampled_from([*METHODS, "blik", "iDEAL"]) | st.lists(st.sampled_from([*METHODS, "blik"]), max_size=3)


def is_clean_order(body: object) -> bool:
    """The composed fast path of ``validate_order``, as it runs with ``today=TODAY``."""
    return type(body) is dict and is_clean(body, Checker(DEFAULT_OPTIONS, TODAY))


#: Optional parts of a body, each valid on its own (dates relative to ``TODAY``), that the mutations add.
OPTIONAL_PARTS: dict[str, object] = {
    "shippingAddress": {
        "givenName": "Chuck",
        "familyName": "Norris",
        "email": "norris@example.net",
        "streetAndNumber": "Prinsengracht 126",
        "streetAdditional": "4th floor",
        "postalCode": "1017 AB",
        "city": "Haarlem",
        "region": "Noord-Holland",
        "country": "NL",
    },
    "consumerDateOfBirth": "1958-01-31",
    "expiresAt": "2026-12-15",
    "payment": {"issuer": "ideal_INGBNL2A", "sequenceType": "first", "customerId": "cst_8wmqcHMN4U"},
    "profileId": "pfl_QkEhN94Ba",
    "cancelUrl": "https://example.org/cancel",
    "testmode": True,
}


@st.composite
def mutated_orders(draw: st.DrawFn) -> object:
    """A valid order with a full address, URLs and metadata, perhaps a method and no phone, then changed at
    zero to three random paths."""
    order: Any = example_order()
    generated = draw(valid_orders(max_lines=6))
    order.update(amount=generated["amount"], lines=generated["lines"], orderNumber=generated["orderNumber"])
    if draw(st.booleans()):
        order["method"] = draw(method_values)
    if draw(st.booleans()):
        del order["billingAddress"]["phone"]
    for key in draw(st.lists(st.sampled_from(sorted(OPTIONAL_PARTS)), unique=True)):
        order[key] = copy.deepcopy(OPTIONAL_PARTS[key])
    for _ in range(draw(st.integers(0, 3))):
        paths = _paths(order)
        path = draw(st.sampled_from(paths))
        parent: Any = order
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "near", "remove", "add", "nudge"]))
        last = path[-1]
        if action == "remove":
            if isinstance(parent, dict):
                del parent[last]
            else:
                parent.pop(last)
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["method", "payment", "expiresAt", "profileId", "extra", "sku", "x"]))] = draw(
                near_valid_values | json_values
            )
        elif action == "nudge" and isinstance(parent[last], str) and re.fullmatch(r"-?[0-9]+\.[0-9]{2}", parent[last]):
            minor = int(parent[last].replace(".", "")) + draw(st.sampled_from([-1, 1]))
            parent[last] = f"{'-' if minor < 0 else ''}{abs(minor) // 100}.{abs(minor) % 100:02d}"
        else:
            parent[last] = draw(near_valid_values if action == "near" else json_values)
    return order


#: Optional parts of a create-payment body, each valid on its own, that the mutations add.
OPTIONAL_PAYMENT_PARTS: dict[str, object] = {
    "webhookUrl": "https://shop.example.org/payments/webhook/",
    "cancelUrl": "https://shop.example.org/cancel",
    "locale": "nl_NL",
    "metadata": {"order_id": "12345"},
    "billingAddress": {**OPTIONAL_PARTS["shippingAddress"], "phone": "+31208202070"},  # type: ignore[dict-item]
    "shippingAddress": OPTIONAL_PARTS["shippingAddress"],
    "captureMode": "manual",
    "sequenceType": "first",
    "customerId": "cst_8wmqcHMN4U",
    "issuer": "ideal_INGBNL2A",
    "applicationFee": {"amount": {"currency": "EUR", "value": "0.50"}, "description": "Platform fee"},
    "expiresAt": "2026-12-15",
    "testmode": True,
}
payment_method_values = st.sampled_from(
    [
        "ideal",
        "creditcard",
        "klarna",
        "riverty",
        "paypal",
        "voucher",
        "billie",
        "banktransfer",
        "blik",
        "iDEAL",
        "giropay",
    ]
) | st.lists(st.sampled_from(["ideal", "creditcard", "klarna", "paypal", "voucher", "blik"]), max_size=3)


@st.composite
def mutated_payments(draw: st.DrawFn) -> object:
    """A valid create-payment body (Mollie's reference example, perhaps with lines), some optional parts and
    perhaps a method, then changed at zero to three random paths."""
    body: Any = {
        "amount": {"currency": "EUR", "value": "10.00"},
        "description": "Order #12345",
        "redirectUrl": "https://webshop.example.org/order/12345/",
    }
    if draw(st.booleans()):
        generated = draw(valid_orders(max_lines=4))
        lines = [{("description" if k == "name" else k): v for k, v in line.items()} for line in generated["lines"]]
        body.update(amount=generated["amount"], lines=lines)
    if draw(st.booleans()):
        body["method"] = draw(payment_method_values)
    for key in draw(st.lists(st.sampled_from(sorted(OPTIONAL_PAYMENT_PARTS)), unique=True)):
        body[key] = copy.deepcopy(OPTIONAL_PAYMENT_PARTS[key])
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(_paths(body)))
        parent: Any = body
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "near", "remove"]))
        if action == "remove":
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(near_valid_values if action == "near" else json_values)
    return body


@given(mutated_payments())
def test_validate_payment_gives_exactly_the_walks_findings(body: object) -> None:
    """Asking each family's ``clean`` first changes nothing a caller sees: the same findings, in the same order,
    as walking every family (a clean that answered "nothing to report" without leaving the checker the context
    its check leaves, the amount's currency, would make a later family's findings differ here)."""
    assert list(mp.validate_payment(body, today=TODAY)) == list(validate_payment_fully(body, today=TODAY))


@pytest.mark.parametrize("method", sorted(PAYMENT_METHODS))
@pytest.mark.parametrize("parts", [(), ("billingAddress", "shippingAddress"), ("captureMode",), ("issuer", "locale")])
def test_every_payments_method_gives_exactly_the_walks_findings(method: str, parts: tuple[str, ...]) -> None:
    """Every method the Payments API takes, on the reference example with and without addresses, a capture
    mode and an issuer: what a method's own rules ask (lines, an address, a manual capture) is where a family's
    clean most easily answers for another's, and generated bodies draw each method too rarely to be sure."""
    body: dict[str, object] = {
        "amount": {"currency": "EUR", "value": "10.00"},
        "description": "Order #12345",
        "redirectUrl": "https://webshop.example.org/order/12345/",
        "method": method,
    }
    body.update({key: copy.deepcopy(OPTIONAL_PAYMENT_PARTS[key]) for key in parts})
    assert list(mp.validate_payment(body, today=TODAY)) == list(validate_payment_fully(body, today=TODAY))


@given(mutated_orders())
def test_validate_order_gives_exactly_the_walks_findings(order: object) -> None:
    """Asking each family's ``clean`` first, and the walk taking the lines a clean already read, change nothing a
    caller sees: the same findings, in the same order, as walking every family from scratch."""
    assert list(mp.validate_order(order, today=TODAY)) == list(validate_order_fully(order, today=TODAY))


@given(valid_orders(max_lines=8), st.data())
def test_a_line_a_cent_off_is_reported_as_the_walk_reports_it(generated: dict[str, Any], data: st.DataObject) -> None:
    """One line's VAT or total a cent off, or the order amount: the clean reads the lines before it (or all of
    them) and the walk takes those instead of reading them again; the findings are the walk's from scratch."""
    order = example_order()
    order.update(amount=generated["amount"], lines=generated["lines"], orderNumber=generated["orderNumber"])
    currency = order["amount"]["currency"]
    index = data.draw(st.integers(0, len(order["lines"])))
    target = order if index == len(order["lines"]) else order["lines"][index]
    field = "amount" if target is order else data.draw(st.sampled_from(["vatAmount", "totalAmount"]))
    target[field] = amount(currency, minor_of(target[field], currency) + data.draw(st.sampled_from([-1, 1])))
    found = list(mp.validate_order(order, today=TODAY))
    assert found
    assert found == list(validate_order_fully(order, today=TODAY))


@given(mutated_orders())
def test_a_clean_verdict_on_the_whole_body_never_hides_a_finding(order: object) -> None:
    if is_clean_order(order):
        assert list(validate_order_fully(order, today=TODAY)) == []


@given(valid_orders(max_lines=20))
def test_valid_orders_take_the_whole_body_fast_path(generated: dict[str, Any]) -> None:
    order = example_order()
    order.update(amount=generated["amount"], lines=generated["lines"], orderNumber=generated["orderNumber"])
    assert list(validate_order_fully(order, today=TODAY)) == []
    assert is_clean_order(order)


@given(valid_orders(max_lines=5), st.sampled_from(sorted(set(METHODS) - {"voucher", "giftcard", "paypal", "billie"})))
def test_orders_with_a_method_that_takes_their_currency_take_the_fast_path(
    generated: dict[str, Any], method: str
) -> None:
    order = example_order()
    order.update(amount=generated["amount"], lines=generated["lines"], method=[method, "creditcard"])
    if list(validate_order_fully(order, today=TODAY)) == []:
        assert is_clean_order(order)


@pytest.mark.parametrize(
    ("method", "phone", "expected"),
    [
        ("ideal", True, []),
        (["ideal", "creditcard", "ideal"], True, []),
        ("klarna", True, []),
        ("klarna", False, [("MP506", "billingAddress.phone")]),
        ("klarnapaylater", True, [("MP533", "method")]),
        ("klarnapaylater", False, [("MP533", "method"), ("MP506", "billingAddress.phone")]),
        (["ideal", "sofort"], True, [("MP534", "method.1")]),
        ("giropay", True, [("MP534", "method")]),
        ("voucher", True, [("MP505", "lines")]),
        ("blik", True, [("MP501", "method")]),
        ([], True, [("MP501", "method")]),
        (["ideal", 7], True, [("MP501", "method.1")]),
    ],
)
def test_a_method_takes_the_fast_path_only_when_no_rule_can_fire(
    method: object, phone: bool, expected: list[tuple[str, str]]
) -> None:
    order = example_order()
    order["method"] = method
    if not phone:
        del order["billingAddress"]["phone"]
    assert [(v.code, v.field) for v in mp.validate_order(order, today=TODAY)] == expected
    assert is_clean_order(order) == (expected == [])


def test_a_method_that_does_not_take_the_currency_is_refused() -> None:
    order = example_order()
    order["method"] = "ideal"
    for item in [
        order["amount"],
        *(
            line[key]
            for line in order["lines"]
            for key in line
            if isinstance(line[key], dict) and "currency" in line[key]
        ),
    ]:
        item["currency"] = "GBP"
    assert not is_clean_order(order)
    assert [(v.code, v.field) for v in mp.validate_order(order, today=TODAY)] == [("MP502", "method")]


def test_a_negative_order_whose_lines_add_up_is_still_refused() -> None:
    """Consistent figures are not enough: the fast path must also refuse what only the amount rules see."""
    order = example_order()
    refund = {"type": "store_credit", "name": "Credit", "quantity": 1, "vatRate": "0.00"}
    refund |= {key: {"currency": "EUR", "value": "-10.00"} for key in ("unitPrice", "totalAmount")}
    order.update(lines=[refund | {"vatAmount": {"currency": "EUR", "value": "0.00"}}])
    order["amount"] = {"currency": "EUR", "value": "-10.00"}
    assert not is_clean_order(order)
    assert [(v.code, v.field) for v in mp.validate_order(order, today=TODAY)] == [("MP106", "amount.value")]


def _line(kind: str, value: str, rate: str, vat: str) -> dict[str, Any]:
    line: dict[str, Any] = {"type": kind, "name": kind.capitalize(), "quantity": 1, "vatRate": rate}
    line |= {key: {"currency": "EUR", "value": value} for key in ("unitPrice", "totalAmount")}
    return line | {"vatAmount": {"currency": "EUR", "value": vat}}


@pytest.mark.parametrize(
    ("lines", "total", "expected"),
    [
        # No discount line: only the negative line VAT sends this order to the per-rate sums.
        ([("physical", "100.00", "9.00", "8.26"), ("store_credit", "-10.00", "21.00", "-1.74")], "90.00", "MP306"),
        # -0.01 at 21 % has no VAT: the gift card alone, not a negative VAT, must send it to the rate rules.
        ([("physical", "10.00", "21.00", "1.74"), ("gift_card", "-0.01", "21.00", "0.00")], "9.99", "MP308"),
    ],
)
def test_orders_only_the_rate_rules_refuse_leave_the_fast_path(
    lines: list[tuple[str, str, str, str]], total: str, expected: str
) -> None:
    order = example_order()
    order["lines"] = [_line(*line) for line in lines]
    order["amount"] = {"currency": "EUR", "value": total}
    assert not is_clean_order(order)
    assert [(v.code, v.field) for v in mp.validate_order(order, today=TODAY)] == [(expected, "lines.1.vatRate")]


def _email_validator_accepts(text: str) -> bool:
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


@given(
    st.from_regex(_PLAIN_EMAIL, fullmatch=True)
    | st.builds(
        "{}@{}.{}".format,
        st.from_regex(r"[a-z0-9.+_-]{1,12}", fullmatch=True),
        st.from_regex(r"[a-z0-9-]{1,10}(\.[a-z0-9-]{1,5}){0,2}", fullmatch=True),
        st.sampled_from([*SPECIAL_USE_TLDS, "TEST", "Local", "com", "example", "internal", "nl", "c", "123"]),
    )
)
def test_the_plain_email_pattern_accepts_only_what_email_validator_accepts(text: str) -> None:
    assert (email_problem(text) is None) == _email_validator_accepts(text)


def test_special_use_names_are_email_validators() -> None:
    import email_validator

    assert set(email_validator.SPECIAL_USE_DOMAIN_NAMES) == SPECIAL_USE_TLDS


@given(st.from_regex(r"\+?[0-9]{0,17}", fullmatch=True) | st.text(alphabet="+0123456789٣²x ", max_size=18))
def test_e164_shape_by_string_tests_agrees_with_the_pattern(text: str) -> None:
    assert is_e164_shaped(text) == (re.fullmatch(r"\+[1-9][0-9]{1,14}", text, re.ASCII) is not None)


@given(
    st.one_of(
        st.from_regex(r"(?i:https?)://[a-z0-9.\-]{0,14}(:[0-9]{0,4})?([/?#][ -~]{0,6})?", fullmatch=True),
        st.sampled_from(
            [
                "https://shop.example.com/hook",
                "https://localhost/x",
                "https://a.local/",
                "https://x.onion",
                "https://10.0.0.1/",
                "https://0x7f.1/",
                "https://shop./",
                "https://shop.com./h",
                "https://-/",
            ]
        ),
        url_texts,
        common_url_texts,
    )
)
@_URL_EXAMPLES
@example("https://shop.LOCAL/hook")
@example(_LONG_COMMON_URL)
def test_clean_webhook_is_the_full_checks_verdict(url: str) -> None:
    full = _url_problem(url) is None and _host_problem(_host_of(url).rstrip(".")) is None
    assert clean_webhook(url) == full == (_url_findings(url, webhook=True) == [])
    if url in ("https://shop.example.com/hook", "https://shop.com./h"):
        assert clean_webhook(url)


@given(valid_orders(max_lines=8), st.lists(st.sampled_from(sorted(OPTIONAL_PARTS)), unique=True))
def test_valid_orders_with_optional_parts_take_the_fast_path(generated: dict[str, Any], parts: list[str]) -> None:
    """Dates, a payment object, a shipping address: no part of a valid body sends it to the walk."""
    order = example_order()
    order.update(amount=generated["amount"], lines=generated["lines"], orderNumber=generated["orderNumber"])
    for key in parts:
        order[key] = copy.deepcopy(OPTIONAL_PARTS[key])
    assert list(validate_order_fully(order, today=TODAY)) == []
    assert is_clean_order(order)


def test_every_family_with_a_create_order_part_is_composed() -> None:
    """The registry's families declare their part of a create-order body; the endpoint composes them all."""
    from mollie_preflight._create_order import CREATE_ORDER_FAMILIES
    from mollie_preflight._rules.registry import _FAMILIES

    declared = [module.CREATE_ORDER for module in _FAMILIES if hasattr(module, "CREATE_ORDER")]
    assert sorted(f.name for f in declared) == sorted(f.name for f in CREATE_ORDER_FAMILIES)
    # The test run wraps each family's clean to re-check it (conftest.py); names and checks are the declared ones.
    assert {(f.name, f.check) for f in declared} == {(f.name, f.check) for f in CREATE_ORDER_FAMILIES}
