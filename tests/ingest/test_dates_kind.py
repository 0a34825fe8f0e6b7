from __future__ import annotations

import pytest

from nlp.ingest.dates import date_from_text, parse_date
from nlp.ingest.kind import guess_kind


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Session date: \nSeptember 14, 2017\nQuestion By:", "2017-09-14"),  # MQT page label
        ("Meeting date: Tuesday, August 5, 2014", "2014-08-05"),  # weekday checked against the date
        ("Published on 14th January 2016 by the press office", "2016-01-14"),  # ordinal day
        ("News   •   Jun 06, 2020 07:00 BST", "2020-06-06"),  # abbreviated month
        ("The activity took place on Thursday, 4 June. Figures for 2020 follow.", "2020-06-04"),  # year from context
        ("Wednesday, 4 September 2019", "2019-09-04"),
        ("HL Deb 06 January 2004 vol 657", "2004-01-06"),
    ],
)
def test_dates_found_in_text(text: str, expected: str) -> None:
    assert date_from_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Call 101 quoting CAD 1234/14Jun.",  # a reference, not a date
        "Meeting date: Monday, August 5, 2014",  # the weekday does not fit the date
        "On Thursday, 4 June officers met.",  # no year anywhere to complete it
        "There were 127 killings in the year.",  # numbers but no date
    ],
)
def test_no_date_when_there_is_none(text: str) -> None:
    assert date_from_text(text) is None


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2019-03-14T09:00:00Z", "2019-03-14"),
        ("D:20190314120000", "2019-03-14"),
        ("14 March 2019", "2019-03-14"),
        ("soon", None),
    ],
)
def test_metadata_dates(value: str, expected: str | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "text, kind",
    [
        ("HC Deb 14 November 1997\n\nMr Speaker: Order.\n\nMs Jane Doe (Hackney) (Lab): I rise.", "debate"),
        ("Question By: \nJane Doe\nAsked Of: \nThe Mayor\n\nWhat plans?", "transcript"),
        ("Jane Doe AM (Chair): Welcome.\n\nJohn Roe (Commissioner): Thank you.", "transcript"),
        ("Patrols rise\n\nBy Jane Doe, Crime Correspondent\n\nThe Met said...", "news"),
        ("Arrests made\n\nPolice said: “We acted.”\n\nAnyone with information should call 101.", "press_release"),
        ("A shopping list: eggs, milk.", "other"),
        ("Minutes of the meeting\n\nPresent: Ada Lin (Chair)\n\nApologies: none\n\n1. Patrols were discussed.", "transcript"),
        ("Council news\n\nApologies for the late bins this week.", "other"),  # one minutes heading is not minutes
    ],
)
def test_kind_from_layout(text: str, kind: str) -> None:
    assert guess_kind(text) == kind
