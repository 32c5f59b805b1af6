"""Reading dates: metadata values of any shape, datelines in a line, dates in a URL.

Pure parsing, used by the format parsers (metadata fields, HTML, WARC) and by the date
stage (`newsbeam.transforms.dates`), which decides which date an article gets.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

_MONTHS = {
    name: i
    for i, names in enumerate(
        (
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
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?"
_PREFIX = r"(?:(?:(?:first |last )?(?:published|posted|updated)|date[d]?)(?:\s+on)?\s*:?\s*|on\s+)?"

_TEXT_DATES = [
    re.compile(_PREFIX + _WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _TIME, re.I),
    re.compile(_PREFIX + _WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + _TIME, re.I),
    re.compile(
        _PREFIX + _YEAR + r"-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?:[T ]\d\d:\d\d(?::\d\d)?Z?)?", re.I
    ),
]
#: A dateline line is short and mostly date: "By Jane Doe | March 3, 2019", "Updated 5:01 PM".
_DATELINE_MAX_CHARS = 90
_BYLINE_PREFIX = re.compile(r"^(?:by\s+[^|•·]{1,60}\s*[|•·,-]\s*)", re.I)

_URL_DATES = [
    re.compile(r"/" + _YEAR + r"/(?P<mnum>[01]?\d)/(?P<day>[0-3]?\d)(?:/|$)"),
    re.compile(r"[/_-]" + _YEAR + r"-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?:[/_.-]|$)"),
    re.compile(r"/" + _YEAR + r"(?P<mnum>[01]\d)(?P<day>[0-3]\d)(?:/|$)"),
]


def _date_of(match: re.Match) -> dt.date | None:
    parts = match.groupdict()
    month = int(parts["mnum"]) if parts.get("mnum") else _MONTHS[parts["month"].lower()]
    try:
        return dt.date(int(parts["year"]), month, int(parts["day"]))
    except ValueError:
        return None


def date_in_line(line: str) -> dt.date | None:
    """The date a dateline states, when the line is (almost) nothing but a date."""
    line = _BYLINE_PREFIX.sub("", line.strip())
    if len(line) > _DATELINE_MAX_CHARS:
        return None
    for pattern in _TEXT_DATES:
        match = pattern.fullmatch(line.rstrip(" ."))
        if match:
            return _date_of(match)
    return None


def date_in_url(url: str) -> dt.date | None:
    """A date written in a URL path (`/2019/04/12/`, `-2019-04-12-`, `/20190412/`)."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url or "", flags=re.I).split("?")[0]
    for pattern in _URL_DATES:
        match = pattern.search(path)
        if match:
            return _date_of(match)
    return None


_ISO = re.compile(
    r"(?P<year>\d{4})-(?P<mnum>\d\d)-(?P<day>\d\d)"
    r"(?:[T ](?P<hour>\d\d):(?P<minute>\d\d)(?::(?P<second>\d\d)(?:[.,]\d+)?)?"
    r"\s*(?P<zone>Z|UTC|GMT|[+-]\d\d:?\d\d)?)?"
)
#: Unix timestamps above this are milliseconds (it is 5138 in seconds).
_MILLISECONDS_FROM = 10**11


def as_datetime(day: dt.date) -> dt.datetime:
    """Midnight UTC of `day`: a date without a time, as a timestamp."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def stated_zone(when: dt.datetime) -> dt.datetime:
    """An aware datetime kept in the offset its source stated; a naive one taken as UTC.

    The offset is the publisher's: 00:00 on 22 December in Hamburg is 22 December's
    article, though it is still 21 December in UTC. The stored timestamp is the same
    instant either way (Parquet keeps it in UTC); the `date=` partition is the local day."""
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.timezone.utc)


def in_utc(when: dt.datetime) -> dt.datetime:
    """Aware datetimes converted to UTC; naive ones taken as UTC (the usual crawler habit)."""
    if when.tzinfo is None:
        return when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone(dt.timezone.utc)


def _iso_datetime(match: re.Match) -> dt.datetime | None:
    parts = match.groupdict()
    zone = parts["zone"] or "Z"
    offset = dt.timedelta(0)
    if zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        offset = -offset if zone[0] == "-" else offset
    try:
        when = dt.datetime(
            int(parts["year"]),
            int(parts["mnum"]),
            int(parts["day"]),
            int(parts["hour"] or 0),
            int(parts["minute"] or 0),
            int(parts["second"] or 0),
            tzinfo=dt.timezone(offset),
        )
        when.astimezone(dt.timezone.utc)  # the instant must exist in UTC too
        return when
    except (ValueError, OverflowError):  # no such day, or moved past year 1 or 9999 by its zone
        return None


def parse_date_value(value: object) -> dt.datetime | None:
    """A publication timestamp given as metadata, in its stated offset (`stated_zone`);
    None when it is not a date.

    Accepts what crawlers and feeds write: ISO 8601 (`2022-08-15T12:26:23Z`, news-please's
    `2021-06-01 12:00:00`), RFC 2822 (`Tue, 01 Jun 2021 12:00:00 GMT`), a written date
    (`March 3, 2019`) and Unix seconds or milliseconds.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        try:  # an int of 400 digits overflows the division to a float, not just the date
            seconds = value / 1000 if abs(value) >= _MILLISECONDS_FROM else value
            return dt.datetime.fromtimestamp(seconds, tz=dt.timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    iso = _ISO.fullmatch(text)
    if iso:
        return _iso_datetime(iso)
    if re.fullmatch(r"\d{10}(?:\d{3})?", text):
        return parse_date_value(int(text))
    try:
        when = stated_zone(email.utils.parsedate_to_datetime(text))
        when.astimezone(dt.timezone.utc)
        return when
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    day = date_in_line(text) if len(text) <= _DATELINE_MAX_CHARS else None
    return as_datetime(day) if day else None
