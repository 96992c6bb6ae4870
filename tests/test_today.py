"""Amsterdam's date, worked out once per Amsterdam day: it must still turn at midnight there, not at UTC's."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from mollie_preflight._rules import checker

_AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    "midnight",
    [
        datetime.datetime(2026, 11, 24, tzinfo=_AMSTERDAM),  # winter time: 23:00 UTC the day before
        datetime.datetime(2026, 7, 1, tzinfo=_AMSTERDAM),  # summer time: 22:00 UTC the day before
        datetime.datetime(2026, 3, 29, tzinfo=_AMSTERDAM),  # the night the clocks go forward
        datetime.datetime(2026, 10, 26, tzinfo=_AMSTERDAM),  # the day after the clocks go back (25 hours)
    ],
)
def test_the_cached_day_turns_at_amsterdam_midnight(
    monkeypatch: pytest.MonkeyPatch, midnight: datetime.datetime
) -> None:
    clock = [midnight.timestamp() - 1.0]
    monkeypatch.setattr(checker, "_clock", lambda: clock[0])
    monkeypatch.setattr(checker, "_day", (datetime.date.min, 0.0))
    before = midnight.date() - datetime.timedelta(days=1)
    assert checker.amsterdam_today() == before
    clock[0] = midnight.timestamp() - 0.001
    assert checker.amsterdam_today() == before
    clock[0] = midnight.timestamp()
    assert checker.amsterdam_today() == midnight.date()
    clock[0] = midnight.timestamp() + 22 * 3600.0  # still that day, however long (23 to 25 hours)
    assert checker.amsterdam_today() == midnight.date()


def test_the_cached_day_is_amsterdams_date_now() -> None:
    assert checker.amsterdam_today() == datetime.datetime.now(_AMSTERDAM).date()
