"""Time expressions, resolved against the article's publication date.

``find_times(doc, article)`` finds every time expression in the text (a regex grammar over the
sentence text, so it works with or without a parse) and resolves it against the publication date:

- weekdays ("on Thursday") -> the most recent such day not after publication (the publication
  week's, or the week before when that day is still to come);
- "last week" / "this week" -> a Monday-Sunday (or Monday-publication) date range;
- "last month", "this month" -> ``YYYY-MM``; "last year", "this year" -> ``YYYY``; "earlier this month / year"
  -> from its start to the publication day, "later this month / year" -> from that day to its end;
- "since last year" -> a range from 1 January of last year to publication;
- "recent(ly)", "in recent weeks" -> a range ending on the publication date;
- explicit dates with or without a year ("May 23, 2019", "23 May", "Feb. 21", "2019-05-23"),
  months ("January 2020", "last November", "in March") and years ("in 2019").

When the publication year is unknown (``--MM-DD``) the year comes from
``article.published_candidates`` (years whose weekday agrees; see :func:`weekday_years`), the
latest not in the future; with only ``published_range`` a day-level expression stays unresolved
(date None) unless both bounds fall in one week, while year-level ones become ranges.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Optional

from storyline.model import Article, TimeExpr
from storyline.understand.doc_text import doc_text

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)}
_MONTH_ABBR["sept"] = 9
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "a few": 3,
            "few": 3, "couple of": 2, "a couple of": 2}

_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_MON = (r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|"
        r"sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)")
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"
_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a\s+few|a\s+couple\s+of)"
_UNIT = r"(?:day|week|month|year|decade)s?"

# (name, regex). Order matters: longer, more specific forms first; matches may not overlap.
_RULES: list[tuple[str, str]] = [
    ("iso", r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    ("mdy", rf"\b(?P<mon>{_MON})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y>(?:19|20)\d\d))?\b"
            r"(?!\s*(?:percent|%|per\b))"),
    ("dmy", rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON})(?:,?\s+(?P<y>(?:19|20)\d\d))?\b"),
    ("since_rel", r"\bsince\s+(?P<rel>last|this)\s+(?P<unit>week|month|year)\b"),
    ("early_this", r"\b(?P<pos>earlier|later|early|late|mid|end\s+of|beginning\s+of|start\s+of)[\s-]+"
                   r"(?:this|the)\s+(?P<unit>week|month|year)\b"),
    ("rel_unit", r"\b(?:(?P<pos>early|late|mid|earlier|later)[\s-]+)?(?P<rel>last|this|next|past|previous|coming)\s+"
                 r"(?P<unit>week|month|year|weekend)\b"),
    ("ago", rf"\b(?P<n>{_NUM})\s+(?P<unit>{_UNIT})\s+ago\b"),
    ("recent_units", rf"\b(?:in|over|during)\s+(?:the\s+)?(?:recent|past|last)\s+(?:(?P<n>{_NUM})\s+)?"
                     r"(?P<unit>days|weeks|months|years)\b"),
    ("rel_wd", rf"\b(?P<rel>last|this|next|past)\s+(?P<wd>{_WD}){_PART}\b"),
    ("on_wd", rf"\b(?:on\s+)?(?P<wd>{_WD})(?:'s)?{_PART}\b"),
    ("rel_month", rf"\b(?P<rel>last|this|next|since|in|early|late|mid|until|by)[\s-]+(?P<mon>{_MON})"
                  r"(?:\s+(?P<y>(?:19|20)\d\d))?\b(?!\s+[0-3]?\d\b)"),
    ("month_year", rf"\b(?P<mon>{_MON})\s+(?P<y>(?:19|20)\d\d)\b"),
    ("day_word", r"\b(?P<w>today|yesterday|tomorrow|tonight)\b"),
    ("recent", r"\b(?P<w>recently|recent|lately|in\s+recent\s+times)\b"),
    ("year", r"\b(?:in|since|by|until|before|after|during|from|of|early|late|mid|through)[\s-]+"
             r"(?P<y>(?:19|20)\d\d)\b(?!-\d)"),
]
_COMPILED = [(name, re.compile(rx, re.I)) for name, rx in _RULES]
_RECENT_DAYS = 30


# ------------------------------------------------------------------ reference date
class _Ref:
    """What we know of the publication date: a day (maybe), a year (maybe), or bounds."""

    def __init__(self, day: Optional[dt.date], year: Optional[int], lo: Optional[dt.date], hi: Optional[dt.date]):
        self.day, self.year, self.lo, self.hi = day, year, lo, hi


def _parse_iso(s: Optional[str]) -> Optional[dt.date]:
    try:
        return dt.date.fromisoformat(str(s)[:10])
    except (TypeError, ValueError):
        return None


def weekday_years(month_day: str, weekday: int | str, lo: int = 1990, hi: int | None = None) -> list[int]:
    """Years in [lo, hi] (hi: next year) in which ``month_day`` ("MM-DD" or "--MM-DD") falls on ``weekday``.

    ``weekday`` is 0=Monday..6=Sunday or an English day name. Used when an article gives a
    year-less date and a weekday ("Thursday") that must agree with it.
    """
    md = month_day.lstrip("-")
    m, d = (int(x) for x in md.split("-")[:2])
    if isinstance(weekday, str):
        weekday = WEEKDAYS.index(weekday.strip().lower())
    hi = hi if hi is not None else dt.date.today().year + 1
    out = []
    for y in range(lo, hi + 1):
        try:
            if dt.date(y, m, d).weekday() == weekday:
                out.append(y)
        except ValueError:
            continue
    return out


def reference(article: Article) -> _Ref:
    """The publication date as far as it is known (see module doc)."""
    pub = article.published or ""
    day = _parse_iso(pub) if len(pub) >= 10 and not pub.startswith("--") else None
    if day:
        return _Ref(day, day.year, day, day)
    if pub.startswith("--"):
        this_year = dt.date.today().year
        cands = [y for y in (article.published_candidates or ()) if y <= this_year]
        if cands:
            y = max(cands)
            try:
                day = dt.date(y, int(pub[2:4]), int(pub[5:7]))
                return _Ref(day, y, day, day)
            except ValueError:
                pass
    rng = article.published_range
    if rng and len(rng) == 2:
        lo, hi = _parse_iso(rng[0]), _parse_iso(rng[1])
        if lo and hi:
            if lo == hi:
                return _Ref(lo, lo.year, lo, hi)
            return _Ref(None, lo.year if lo.year == hi.year else None, lo, hi)
    return _Ref(None, None, None, None)


def before_publication(article: Article, date: Optional[str], date_range: Optional[Sequence[str]] = None) -> bool:
    """Does a resolved date ('2020', '2021-02', '2021-03-01', or a range) end before the article was published?
    False when either is unknown."""
    ref = reference(article)
    start = ref.day or ref.lo
    if start is None:
        return False
    end: Optional[dt.date] = None
    if date_range and len(date_range) == 2:
        end = _parse_iso(date_range[1])
    elif date and re.fullmatch(r"\d{4}", date):
        end = dt.date(int(date), 12, 31)
    elif date and re.fullmatch(r"\d{4}-\d{2}", date):
        y, m = int(date[:4]), int(date[5:7])
        end = dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
    elif date:
        end = _parse_iso(date)
    return end is not None and end < start


# ------------------------------------------------------------------ resolution helpers
def _month_num(s: str) -> int:
    s = s.lower().rstrip(".")
    return _MONTH_ABBR.get(s[:4] if s.startswith("sept") else s[:3], 0)


def _num(s: Optional[str]) -> int:
    if not s:
        return 1
    s = re.sub(r"\s+", " ", s.lower())
    return int(s) if s.isdigit() else _NUMBERS.get(s, 1)


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _safe_date(y: int, m: int, d: int) -> Optional[dt.date]:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


Resolved = tuple[Optional[str], Optional[tuple[str, str]]]


def _shift_range(ref: _Ref, fn) -> Resolved:
    """Apply a day-level resolver to both bounds of a known range and return a range."""
    if ref.lo is None or ref.hi is None:
        return None, None
    a, b = fn(ref.lo), fn(ref.hi)
    lo = a[0] if a[0] else (a[1][0] if a[1] else None)
    hi = b[0] if b[0] else (b[1][1] if b[1] else None)
    if lo and hi and len(lo) == len(hi):
        return (lo, None) if lo == hi else (None, (lo, hi))
    return None, None


def _by_day(ref: _Ref, fn) -> Resolved:
    """A day-level resolver applied to the publication day, or to both bounds of its range when the day is unknown."""
    if ref.day is not None:
        return fn(ref.day)
    return _shift_range(ref, fn)


def _explicit_day(kind: str, g: dict, ref: _Ref) -> Resolved:
    """"2019-05-23", "May 23(, 2019)", "23 May": a year-less day is the one within half a year of publication."""
    if kind == "iso":
        d = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return (d.isoformat() if d else None), None
    mon, dd = _month_num(g["mon"]), int(g["d"])
    if not mon or not 1 <= dd <= 31:
        return None, None
    if g.get("y"):
        d = _safe_date(int(g["y"]), mon, dd)
        return (d.isoformat() if d else None), None

    def f(r: dt.date) -> Resolved:
        d = _safe_date(r.year, mon, dd)
        if d is None:
            return None, None
        if (d - r).days > 183:
            d = _safe_date(r.year - 1, mon, dd) or d
        elif (r - d).days > 183:
            d = _safe_date(r.year + 1, mon, dd) or d
        return d.isoformat(), None
    if ref.day is None and ref.year is not None:
        d = _safe_date(ref.year, mon, dd)
        return (d.isoformat() if d else None), None
    return _by_day(ref, f)


def _weekday(kind: str, g: dict, ref: _Ref) -> Resolved:
    """"(on) Thursday", "last / this / next Thursday"."""
    wd = WEEKDAYS.index(g["wd"])
    rel = g.get("rel")

    def f(r: dt.date) -> Resolved:
        back = (r.weekday() - wd) % 7
        if rel in ("last", "past") and back == 0:
            back = 7
        if rel == "next":
            fwd = (wd - r.weekday()) % 7 or 7
            return (r + dt.timedelta(days=fwd)).isoformat(), None
        if rel == "this" and wd > r.weekday():
            return (r + dt.timedelta(days=wd - r.weekday())).isoformat(), None
        return (r - dt.timedelta(days=back)).isoformat(), None
    if ref.day is None and ref.lo and ref.hi and (ref.hi - ref.lo).days < 7:
        return _by_day(ref, f)
    return _by_day(ref, f) if ref.day is not None else (None, None)


def _day_word(kind: str, g: dict, ref: _Ref) -> Resolved:
    off = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[g["w"]]
    return _by_day(ref, lambda r: ((r + dt.timedelta(days=off)).isoformat(), None))


def _recent(kind: str, g: dict, ref: _Ref) -> Resolved:
    """"recently", "in recent weeks", "over the past three months": a range ending on publication."""
    if kind == "recent_units":
        n = _num(g.get("n")) if g.get("n") else 2
        unit = g["unit"].rstrip("s")
        span = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * n
    else:
        span = _RECENT_DAYS
    if ref.day is not None:
        return None, ((ref.day - dt.timedelta(days=span)).isoformat(), ref.day.isoformat())
    if ref.lo and ref.hi:
        return None, ((ref.lo - dt.timedelta(days=span)).isoformat(), ref.hi.isoformat())
    return None, None


def _ago(kind: str, g: dict, ref: _Ref) -> Resolved:
    """"three days / weeks / months / years / decades ago"."""
    n, unit = _num(g["n"]), g["unit"].rstrip("s")
    if unit == "day":
        return _by_day(ref, lambda r: ((r - dt.timedelta(days=n)).isoformat(), None))
    if unit == "week":
        return _by_day(ref, lambda r: (None, ((_monday(r) - dt.timedelta(days=7 * n)).isoformat(),
                                              (_monday(r) - dt.timedelta(days=7 * n - 6)).isoformat())))
    if unit == "month":
        return _by_day(ref, lambda r: (_ym(*_add_months(r.year, r.month, -n)), None))
    years = n * (10 if unit == "decade" else 1)
    if ref.year is not None:
        return str(ref.year - years), None
    return _by_day(ref, lambda r: (str(r.year - years), None))


def _relative_unit(kind: str, g: dict, ref: _Ref) -> Resolved:
    """"last week", "earlier this month", "since last year", "next weekend"."""
    unit = g["unit"]
    k = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}.get(g.get("rel") or "this", 0)
    since = kind == "since_rel"
    if unit in ("week", "weekend"):
        def f(r: dt.date) -> Resolved:
            mon = _monday(r) + dt.timedelta(days=7 * k)
            if unit == "weekend":
                lo, hi = mon + dt.timedelta(days=5), mon + dt.timedelta(days=6)
            else:
                lo, hi = mon, mon + dt.timedelta(days=6)
            if k == 0 and hi > r:
                hi = r
            if since or (kind == "early_this" and g.get("pos") == "earlier"):
                hi = r
            return None, (lo.isoformat(), hi.isoformat())
        return _by_day(ref, f)
    side = g.get("pos") if kind == "early_this" and g.get("pos") in ("earlier", "later") else None
    if unit == "month":
        def f(r: dt.date) -> Resolved:
            y, mm = _add_months(r.year, r.month, k)
            if since:
                return None, (dt.date(y, mm, 1).isoformat(), r.isoformat())
            if side and ref.day is not None:
                return _part_of(dt.date(y, mm, 1), _month_end(y, mm), r, side)
            return _ym(y, mm), None
        return _by_day(ref, f)
    if side and ref.day is not None and k == 0:
        return _part_of(dt.date(ref.day.year, 1, 1), dt.date(ref.day.year, 12, 31), ref.day, side)
    return _relative_year(k, since, ref)


def _month_end(y: int, m: int) -> dt.date:
    ny, nm = _add_months(y, m, 1)
    return dt.date(ny, nm, 1) - dt.timedelta(days=1)


def _part_of(lo: dt.date, hi: dt.date, day: dt.date, side: str) -> Resolved:
    """"earlier this month / year": from its start to the publication day; "later ...": from that day to its end
    (a month or a year narrowed by the side of publication the sentence puts the act on)."""
    lo, hi = (lo, min(hi, day)) if side == "earlier" else (max(lo, day), hi)
    return (lo.isoformat(), None) if lo == hi else (None, (lo.isoformat(), hi.isoformat()))


def _relative_year(k: int, since: bool, ref: _Ref) -> Resolved:
    """"last / this / next year", "since last year": from the publication year, or the years of its range."""
    if ref.year is not None:
        y = ref.year + k
        if since:
            hi = (ref.day or ref.hi)
            return None, (f"{y}-01-01", hi.isoformat() if hi else f"{ref.year}-12-31")
        return str(y), None
    if ref.lo and ref.hi:
        lo_y, hi_y = ref.lo.year + k, ref.hi.year + k
        if since:
            return None, (f"{lo_y}-01-01", ref.hi.isoformat())
        return None, (str(lo_y), str(hi_y))
    return None, None


def _month(kind: str, g: dict, ref: _Ref) -> Resolved:
    """"January 2020", "last November", "in March", "since May"."""
    mon = _month_num(g["mon"])
    if not mon:
        return None, None
    if g.get("y"):
        return _ym(int(g["y"]), mon), None
    rel = g.get("rel")
    if kind == "rel_month" and rel == "may":  # "may June" is not a date
        return None, None

    def f(r: dt.date) -> Resolved:
        y = r.year
        if rel in ("last", "since"):
            if mon >= r.month:
                y -= 1
        elif rel == "next":
            if mon <= r.month:
                y += 1
        elif (mon - r.month) > 6:
            y -= 1
        elif (r.month - mon) > 6:
            y += 1
        if rel == "since":
            return None, (dt.date(y, mon, 1).isoformat(), r.isoformat())
        return _ym(y, mon), None
    return _by_day(ref, f)


def _year(kind: str, g: dict, ref: _Ref) -> Resolved:
    return g["y"], None


# each rule of _RULES by the resolver of its kind
_RESOLVERS = {
    "iso": _explicit_day, "mdy": _explicit_day, "dmy": _explicit_day,
    "on_wd": _weekday, "rel_wd": _weekday, "day_word": _day_word,
    "recent": _recent, "recent_units": _recent, "ago": _ago,
    "rel_unit": _relative_unit, "early_this": _relative_unit, "since_rel": _relative_unit,
    "rel_month": _month, "month_year": _month, "year": _year,
}


def _resolve(kind: str, m: re.Match, ref: _Ref) -> Resolved:
    """(date, range) of one matched expression against the article's reference date."""
    g = {k: (v.lower() if isinstance(v, str) else v) for k, v in m.groupdict().items()}
    resolver = _RESOLVERS.get(kind)
    return resolver(kind, g, ref) if resolver else (None, None)


# ------------------------------------------------------------------ sentences
def sentence_spans(doc, text: Optional[str] = None) -> list[tuple[int, int]]:
    """(start, end) character offsets of the doc's sentences; a regex split when the doc has none."""
    if doc is not None:
        try:
            if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
                return [(s.start_char, s.end_char) for s in doc.sents]
        except (AttributeError, ValueError):
            pass
        text = doc_text(doc) if text is None else text
    text = text or ""
    out, start = [], 0
    for m in re.finditer(r"(?:(?<=[.!?])|(?<=[.!?][\"'\u201d\u2019)]))\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])|\n\s*\n",
                         text):
        if text[start:m.start()].strip():
            out.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return out


def _sentence_of(spans: Sequence[tuple[int, int]], pos: int) -> int:
    for i, (s, e) in enumerate(spans):
        if s <= pos < e:
            return i
    return max(0, len(spans) - 1)


# ------------------------------------------------------------------ public
def find_times(doc, article: Article) -> list[TimeExpr]:
    """Every time expression in ``article.text`` (offsets into it), resolved against its publication date.

    ``doc`` is the spaCy doc of ``article.text`` (used for sentence boundaries; may be None).
    """
    text = article.text
    ref = reference(article)
    spans = sentence_spans(doc if doc is not None and doc_text(doc) == text else None, text)
    taken: list[tuple[int, int]] = []
    out: list[TimeExpr] = []
    for kind, rx in _COMPILED:
        for m in rx.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "rel_month" and m.group("rel").lower() == "may" and not m.group(0)[0].isupper():
                continue
            if kind == "mdy" and m.group("mon").lower() == "may" and not m.group("mon")[0].isupper():
                continue
            if kind == "rel_month" and m.group("mon").lower().rstrip(".") in (
                    "mar", "may", "jun", "jul", "aug", "sep", "oct", "dec", "jan", "feb", "apr", "nov", "sept") \
                    and not m.group("mon")[0].isupper():
                continue
            if kind in ("on_wd", "rel_wd", "mdy", "dmy", "rel_month", "month_year"):
                mon_or_wd = m.group("wd") if "wd" in m.groupdict() else m.group("mon")
                if mon_or_wd and not mon_or_wd[0].isupper():
                    continue
            date, rng = _resolve(kind, m, ref)
            taken.append((s, e))
            out.append(TimeExpr(start=s, end=e, text=m.group(0), date=date, date_range=rng,
                                sentence=_sentence_of(spans, s)))
    out.sort(key=lambda t: t.start)
    return out
