"""When a commitment falls due: its timeframe as written, read against the record's date.

``due_date("this week", date(2018, 10, 30))`` is Sunday 2018-11-04. A timeframe that names
no end ("from Monday", "for the foreseeable future") or that cannot be read gives ``None``,
and an entry without a due date is never overdue.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from nlp.extract.figures import UNITS_WORDS

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
# Number words as the figures extractor reads them, and the vague ones timeframes use.
NUMBERS = {word: value for word, value in UNITS_WORDS.items() if value} | {
    "a": 1,
    "an": 1,
    "few": 3,  # "in the next few weeks": read as three
    "coming": 3,  # "in the coming weeks"
}
# Last month of each season, and the day it ends.
SEASON_END = {"spring": (5, 31), "summer": (8, 31), "autumn": (11, 30), "winter": (2, 28)}
# Words that open a span rather than close one: "from Monday" says when it starts, not ends.
OPEN_ENDED = re.compile(r"^\s*(?:from|since|starting|beginning|until further notice)\b", re.I)


def due_date(timeframe: str | None, said_on: date | None) -> date | None:
    """The last day of ``timeframe`` as understood on ``said_on``; ``None`` when unknown."""
    if not timeframe or said_on is None or OPEN_ENDED.match(timeframe):
        return None
    phrase = " ".join(re.findall(r"[a-z0-9]+", timeframe.lower()))
    for pattern, reader in READERS:
        found = pattern.search(phrase)
        if found:
            return reader(found, said_on)
    return None


def _sunday(day: date, weeks_ahead: int = 0) -> date:
    return day + timedelta(days=6 - day.weekday() + 7 * weeks_ahead)


def _month_end(year: int, month: int) -> date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def _named_month(found: re.Match[str], said_on: date) -> date:
    month = MONTHS[found["month"]]
    year = int(found["year"]) if found["year"] else said_on.year + (month < said_on.month)
    return _month_end(year, month)


def _year(found: re.Match[str], said_on: date) -> date:
    return date(int(found["year"]), 12, 31)


def _relative(found: re.Match[str], said_on: date) -> date:
    which, unit = found["which"], found["unit"]
    ahead = 1 if which == "next" else 0
    if unit == "weekend" or unit == "week":
        return _sunday(said_on, ahead)
    if unit == "month":
        return _month_end(said_on.year, said_on.month + ahead)
    return date(said_on.year + ahead, 12, 31)


def _span(found: re.Match[str], said_on: date) -> date:
    count = (NUMBERS.get(found["count"]) or int(found["count"])) if found["count"] else 1
    unit = found["unit"]
    if unit.startswith("day"):
        return said_on + timedelta(days=count)
    if unit.startswith("week"):
        return said_on + timedelta(weeks=count)
    if unit.startswith("month"):
        return _month_end(said_on.year, said_on.month + count)
    return date(said_on.year + count, said_on.month, min(said_on.day, 28))


def _season(found: re.Match[str], said_on: date) -> date:
    month, day = SEASON_END[found["season"]]
    ends = date(said_on.year, month, day)
    if ends < said_on:  # the season's end has passed this year: the next one
        ends = ends.replace(year=ends.year + 1)
    return ends.replace(year=ends.year + 1) if found["which"] == "next" else ends


def _halloween(found: re.Match[str], said_on: date) -> date:
    year = said_on.year + (said_on > date(said_on.year, 11, 3))
    # The Sunday of the first weekend from three days before the 31st that is still ahead.
    return _sunday(max(date(year, 10, 28), said_on))


def _christmas(found: re.Match[str], said_on: date) -> date:
    return date(said_on.year + (said_on > date(said_on.year, 12, 26)), 12, 26)


def _end_of_year(found: re.Match[str], said_on: date) -> date:
    return date(said_on.year, 12, 31)


def _today(found: re.Match[str], said_on: date) -> date:
    return said_on + timedelta(days=1 if found[0] == "tomorrow" else 0)


MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
COUNT = r"(?P<count>\d+|" + "|".join(NUMBERS) + ")"
READERS: list[tuple[re.Pattern[str], Callable[[re.Match[str], date], date]]] = [
    (re.compile(r"\bhalloween\b"), _halloween),
    (re.compile(r"\bchristmas\b"), _christmas),
    (re.compile(rf"\b(?P<month>{MONTH_NAMES})\b(?: (?P<year>(?:19|20)\d\d))?"), _named_month),
    (re.compile(r"\bend of (?:the|this) year\b"), _end_of_year),
    (re.compile(r"\b(?P<which>this|next|coming|the) (?P<unit>weekend|week|month|year)\b"), _relative),
    (
        re.compile(
            rf"\b(?:next|coming|within|in|over)(?: the)?(?: next)? {COUNT}? ?(?P<unit>days?|weeks?|months?|years?)\b"
        ),
        _span,
    ),
    (re.compile(r"\b(?P<which>this|next|the|by|in)? ?(?P<season>spring|summer|autumn|winter)\b"), _season),
    (re.compile(r"\b(?:in|by|during|before|throughout) (?P<year>(?:19|20)\d\d)\b"), _year),
    (re.compile(r"\b(?:today|tonight|tomorrow)\b"), _today),
]
