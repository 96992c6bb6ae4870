"""Every fast path gives the same verdict as the full check it short-cuts, on every input."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mollie_preflight.money import parse_value, parse_value_slowly
from mollie_preflight.options import DEFAULT_OPTIONS
from mollie_preflight.rules.amounts import check_amount, diagnose_amount
from mollie_preflight.rules.checker import Checker
from mollie_preflight.rules.e164 import is_valid_e164

value_texts = st.one_of(
    st.from_regex(r"-?(0|[1-9][0-9]{0,16})(\.[0-9]{0,4})?", fullmatch=True),
    st.from_regex(r"[-+ 0-9.,eE]{0,8}", fullmatch=True),
    st.text(max_size=8),
)
currencies = st.sampled_from(["EUR", "JPY", "ISK", "USD", "eur", "XYZ", "", "EURO"]) | st.integers() | st.none()


@given(value_texts, st.sampled_from([None, 0, 1, 2, 3, 4]))
def test_parse_value_fast_path_agrees_with_the_slow_path(text: str, decimals: int | None) -> None:
    assert parse_value(text, decimals) == parse_value_slowly(text, decimals)


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
    assert check_amount(fast, amount, path, **kwargs) == diagnose_amount(slow, amount, path, **kwargs)
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
