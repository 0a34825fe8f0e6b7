"""Due dates from timeframes as written, read against the date the commitment was made."""

from __future__ import annotations

from datetime import date

import pytest

from nlp.store.due import due_date

SAID = date(2018, 10, 30)  # a Tuesday


@pytest.mark.parametrize(
    "timeframe, due",
    [
        ("this week", date(2018, 11, 4)),  # to the Sunday
        ("next week", date(2018, 11, 11)),
        ("over the weekend", date(2018, 11, 4)),
        ("over the Halloween weekend", date(2018, 11, 4)),  # the weekend still ahead
        ("next month", date(2018, 11, 30)),
        ("this month", date(2018, 10, 31)),
        ("by March 2025", date(2025, 3, 31)),
        ("by March", date(2019, 3, 31)),  # March has passed this year: the next one
        ("by the end of the year", date(2018, 12, 31)),
        ("in 2019", date(2019, 12, 31)),
        ("within six months", date(2019, 4, 30)),
        ("in the coming weeks", date(2018, 11, 20)),  # read as three weeks
        ("over the next two years", date(2020, 10, 28)),
        ("this winter", date(2019, 2, 28)),
        ("tonight", SAID),
        ("before Christmas", date(2018, 12, 26)),
        # no end given, or not understood: no due date
        ("from Monday", None),
        ("for the foreseeable future", None),
        ("at some point", None),
        ("", None),
        (None, None),
    ],
)
def test_due_dates(timeframe: str | None, due: date | None) -> None:
    assert due_date(timeframe, SAID) == due


def test_an_undated_record_gives_no_due_date() -> None:
    assert due_date("this week", None) is None
