"""Stated date values (ISO, compact, epoch, English words, URL paths) read as ISO days."""
from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any, Optional
from urllib.parse import urlsplit

EARLIEST = date(1995, 1, 1)


ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d\d)-(\d\d)(?!\d)")
COMPACT_DATE = re.compile(r"^((?:19|20)\d\d)(\d\d)(\d\d)(?:T|\b|$)")
URL_DATE = re.compile(r"/((?:19|20)\d\d)[/_-](\d{1,2})[/_-](\d{1,2})(?:/|[_-]|$)")


def _valid(d: date, latest: date) -> bool:
    return EARLIEST <= d <= latest


def parse_date(value: Any, latest: Optional[date] = None) -> Optional[str]:
    """An ISO day (YYYY-MM-DD) from a stated date value, or None.

    Accepts ISO 8601 (with or without time / zone: the local day as written is kept),
    compact YYYYMMDD, epoch seconds/milliseconds and common English forms ("May 5, 2019",
    "5 May 2019"). A value without a day (e.g. only a year) gives None: it is not a date.
    """
    latest = latest or (date.today() + timedelta(days=1))
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_epoch(float(value), latest)
    if isinstance(value, dict):
        value = value.get("@value") or value.get("value")
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s or len(s) > 80:
        return None
    m = ISO_DATE.search(s[:32])
    if m:
        try:
            d = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
        return d.isoformat() if _valid(d, latest) else None
    m = COMPACT_DATE.match(s)
    if m:
        try:
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d.isoformat() if _valid(d, latest) else None
        except ValueError:
            pass
    if re.fullmatch(r"\d{10}(?:\d{3})?(?:\.\d+)?", s):
        return _from_epoch(float(s), latest)
    return _parse_words(s, latest)


_ZONE = re.compile(r"\d[T ]\d{1,2}:\d\d(?::\d\d(?:\.\d+)?)?\s*(Z|[+-]\d\d:?\d\d|UTC|GMT)?", re.I)


def stamp_zone(value: Any) -> str:
    """How a stated date pins the local day: "offset" (time with a non-UTC zone: the day is the
    publisher's), "utc" (time in UTC: the local day may be one off), "none" (no time or no zone)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "utc"
    if not isinstance(value, str):
        return "none"
    m = _ZONE.search(value)
    if not m or not m[1]:
        return "none"
    z = m[1].upper().replace(":", "")
    return "utc" if z in ("Z", "UTC", "GMT", "+0000", "-0000") else "offset"


def _from_epoch(x: float, latest: date) -> Optional[str]:
    if x > 1e11:
        x /= 1000.0
    try:
        d = datetime.fromtimestamp(x, tz=UTC).date()
    except (OverflowError, OSError, ValueError):
        return None
    return d.isoformat() if _valid(d, latest) else None


_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_WORD_DATE_A = re.compile(r"\b([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I)
_WORD_DATE_B = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?([a-z]{3})[a-z]*\.?,?\s+((?:19|20)\d\d)\b", re.I)
_SLASH_YMD = re.compile(r"\b((?:19|20)\d\d)[/.](\d{1,2})[/.](\d{1,2})\b")


def _parse_words(s: str, latest: date) -> Optional[str]:
    for rx, order in ((_WORD_DATE_A, "mdy"), (_WORD_DATE_B, "dmy"), (_SLASH_YMD, "ymd")):
        m = rx.search(s)
        if not m:
            continue
        try:
            if order == "mdy":
                mon, day, year = _MONTHS.get(m[1].lower()[:3]), int(m[2]), int(m[3])
            elif order == "dmy":
                day, mon, year = int(m[1]), _MONTHS.get(m[2].lower()[:3]), int(m[3])
            else:
                year, mon, day = int(m[1]), int(m[2]), int(m[3])
            if not mon:
                continue
            d = date(year, mon, day)
        except ValueError:
            continue
        if _valid(d, latest):
            return d.isoformat()
    return None


def url_date(url: Optional[str], latest: Optional[date] = None) -> Optional[str]:
    """A full date written in a URL path (/2019/05/17/...), or None."""
    m = URL_DATE.search(urlsplit(url).path if url else "")
    if not m:
        return None
    try:
        d = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
    return d.isoformat() if _valid(d, latest or date.today() + timedelta(days=1)) else None


def _days(a: str, b: str) -> int:
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def latest_date(captured: Optional[str]) -> date:
    """The latest day a publication date may be: tomorrow (time zones), or the day after the capture."""
    latest = date.today() + timedelta(days=1)
    cap = parse_date(captured, latest) if captured else None
    return min(latest, date.fromisoformat(cap) + timedelta(days=1)) if cap else latest
