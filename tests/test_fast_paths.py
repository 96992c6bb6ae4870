"""Every fast path gives the same verdict as the full check it short-cuts, on every input."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mollie_preflight.money import parse_value, parse_value_slowly
from mollie_preflight.options import DEFAULT_OPTIONS
from mollie_preflight.rules.amounts import check_amount, diagnose_amount
from mollie_preflight.rules.checker import Checker

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
