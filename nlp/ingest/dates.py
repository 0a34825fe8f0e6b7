"""Dates written in documents, turned into ISO ``YYYY-MM-DD``."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(WEEKDAYS) + r"),?\s+)?"

# Each pattern is tried in turn; a label ("Session date:") makes a date the document's own.
PATTERNS = [
    re.compile(_WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR, re.I),  # 14th January 2016
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR, re.I),  # August 5, 2014
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),  # 2017-09-14
    re.compile(r"\b(?P<day>[0-3]?\d)/(?P<month>[01]?\d)/(?P<year>(?:19|20)\d\d)\b"),  # 14/01/2016
]
YEARLESS = re.compile(r"\b(?P<weekday>" + "|".join(WEEKDAYS) + r"),?\s+" + _DAY + r"\s+" + _MONTH + r"\b", re.I)
LABELLED = re.compile(r"(?:session date|meeting date|date|published|posted|issued|updated)\s*:?\s*", re.I)
YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def _month_number(value: str) -> int:
    return int(value) if value.isdigit() else MONTHS[value.lower().rstrip(".")]


def _to_date(match: re.Match[str]) -> dt.date | None:
    try:
        date = dt.date(int(match["year"]), _month_number(match["month"]), int(match["day"]))
    except (ValueError, KeyError):
        return None
    weekday = match.groupdict().get("weekday")
    if weekday and WEEKDAYS[date.weekday()] != weekday.lower():
        return None
    return date


def find_dates(text: str) -> list[tuple[int, dt.date]]:
    """Every full date in ``text`` with its offset, in reading order."""
    found: dict[int, dt.date] = {}
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            date = _to_date(match)
            if date and not any(abs(match.start() - start) < 12 for start in found):
                found[match.start()] = date
    return sorted(found.items())


def date_from_text(text: str, head: int = 3000) -> str | None:
    """The document's own date: a labelled date first, then the first date near the top,
    then a weekday-and-day ("Thursday, 4 June") with the year taken from the text."""
    top = text[:head]
    dates = find_dates(top)
    for start, date in dates:
        if LABELLED.search(top[max(0, start - 30) : start].split("\n\n")[-1]):
            return date.isoformat()
    if dates:
        return dates[0][1].isoformat()
    return _yearless_date(top)


def _yearless_date(text: str) -> str | None:
    years = [int(y) for y in YEAR.findall(text)]
    for match in YEARLESS.finditer(text):
        for year in years:
            try:
                date = dt.date(year, _month_number(match["month"]), int(match["day"]))
            except ValueError:
                continue
            if WEEKDAYS[date.weekday()] == match["weekday"].lower():
                return date.isoformat()
    return None


def parse_date(value: str) -> str | None:
    """A metadata date ("2019-03-14T09:00:00Z", "14 March 2019", "D:20190314...") as ISO."""
    value = value.strip()
    if value.startswith("D:") and len(value) >= 10:  # PDF metadata
        value = f"{value[2:6]}-{value[6:8]}-{value[8:10]}"
    iso = re.match(r"((?:19|20)\d\d)-(\d\d)-(\d\d)", value)
    if iso:
        try:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
        except ValueError:
            return None
    dates = find_dates(value)
    return dates[0][1].isoformat() if dates else None
