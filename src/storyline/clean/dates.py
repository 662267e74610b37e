"""Publication dates of scraped text, each with the words it came from.

What a page can say about its own date, strongest first:

* a publication stamp ("Published 3 March 2020", "First published on Feb. 21, 1:03 p.m. PT.")
  or a bare date line near the headline ("May 23, 2019")  -> ``published``;
* a year-less stamp ("First published on Feb. 21")        -> ``published = "--02-21"``; when the
  text names the weekday of its main event ("on Thursday"), the years in which that month-day
  falls on that weekday are the candidates, and :func:`complete_year` picks one;
* "Updated/Updates on ..."                                  -> ``updated`` (same year completion);
* bounds only: a page clock at the top ("21:09 GMT02 March 2021": the capture time, an upper
  bound, never the publication date), the capture time of the page, a photo "taken January 29,
  2020" (a lower bound)                                     -> ``published_range``.

Copyright years are never dates.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
FIRST_YEAR = 1990          # the earliest year a year-less date is completed to

# month names are capitalised in running text ("may" is a verb); abbreviations may end in "."
_MON = (r"(?P<mon>(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
        r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JAN(?:UARY)?|FEB(?:RUARY)?"
        r"|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEPT?(?:EMBER)?|OCT(?:OBER)?"
        r"|NOV(?:EMBER)?|DEC(?:EMBER)?)\.?)")
_DAY = r"(?P<day>(?:0?[1-9]|[12]\d|3[01]))(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_MDY = re.compile(rf"\b{_MON}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?")           # May 23, 2019 / Feb. 21
_DMY = re.compile(rf"(?<!\d){_DAY}\s+(?:of\s+)?{_MON}(?![a-z])(?:,?\s+{_YEAR}\b)?")   # 23 May 2019 / GMT02 March 2021
# day-month-year with a month named in German, French, Spanish, Italian, Portuguese or Dutch ("14. März 2024",
# "12 mars 2024", "3 de mayo de 2021"): the year is required (a lower-case "mai" or "mars" alone is a word)
FOREIGN_MONTHS = {w: i for i, names in enumerate((
    "januar jänner janvier enero gennaio janeiro januari",
    "februar février fevrier febrero febbraio fevereiro februari",
    "märz maerz mars marzo março marco maart",
    "avril abril aprile",
    "mai mayo maggio maio mei",
    "juni juin junio giugno junho",
    "juli juillet julio luglio julho",
    "août aout agosto augustus",
    "septembre septiembre setiembre settembre setembro",
    "oktober octobre octubre ottobre outubro",
    "novembre noviembre novembro",
    "dezember décembre decembre diciembre dicembre dezembro"), 1) for w in names.split()}
_MON_FOREIGN = "|".join(sorted(FOREIGN_MONTHS, key=len, reverse=True))
_DMY_FOREIGN = re.compile(rf"(?<!\d)(?P<day>0?[1-9]|[12]\d|3[01])(?:\.|er|º|°)?\s+(?:de\s+)?"
                          rf"(?P<mon>{_MON_FOREIGN})\.?,?\s+(?:de\s+)?{_YEAR}\b", re.I)
# Chinese / Japanese "2024年3月12日", Korean "2024년 3월 12일"
_YMD_CJK = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)\s*[年년]\s*(?P<mon>0?[1-9]|1[0-2])\s*[月월]\s*"
                      r"(?P<day>0?[1-9]|[12]\d|3[01])\s*[日일]")
_ISO = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)[-/.](?P<mon>0?[1-9]|1[0-2])[-/.]"
                  r"(?P<day>0?[1-9]|[12]\d|3[01])(?!\d)")
_NUM = re.compile(r"(?<![\d/.-])(?P<a>0?[1-9]|[12]\d|3[01])(?P<sep>[-/.])(?P<b>0?[1-9]|[12]\d|3[01])(?P=sep)"
                  r"(?P<year>(?:19|20)\d\d)(?![\d/.-])")
_RELATIVE = re.compile(r"^\W*(?:(?:updated|posted|published|last updated)\W*)?"
                       r"(?:(?:\d+|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)"
                       r"(?:,?\s*(?:and\s+)?\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?))?\s+ago"
                       r"|just now|yesterday|today)\W*$", re.I)
_TIME = re.compile(r"(?<!\d)(?:[01]?\d|2[0-3])[:.h][0-5]\d(?!\d)(?:\s*[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.m\.", re.I)
_COPYRIGHT = re.compile(r"©|\(c\)|\bcopyright\b|\ball rights reserved\b", re.I)
_STAMP_PUB = re.compile(r"^\W*(?:(?:first|originally)\s+)?(?:published|posted|released|filed|created|date(?:d)?|"
                        r"publié|veröffentlicht|publicado|pubblicato|gepubliceerd)\b"
                        r"(?:\s+(?:on|at|le|am|el|il|em|op))?\s*:?", re.I)
_STAMP_UPD = re.compile(r"^\W*(?:last\s+)?(?:updated?|updates|modified|revised|edited|mis à jour|aktualisiert|"
                        r"actualizado|aggiornato|atualizado|bijgewerkt)\b(?:\s+(?:on|at|le|am|el|il|em|op))?\s*:?",
                        re.I)
_TAKEN = re.compile(r"\b(?:taken|photographed|pictured|filmed|recorded|file\s+photo|photo\s+dated|dated)\b"
                    r"(?:\s+\w+){0,3}?\s*(?:on\s+|in\s+)?$", re.I)
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class DateHit:
    """A date written in a line: year None when the text gives none."""
    start: int
    end: int
    text: str
    month: int
    day: int
    year: Optional[int] = None
    ambiguous: bool = False     # 03/04/2008: day and month could swap (kept for line kinds, never a date)

    @property
    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}" if self.year else f"--{self.month:02d}-{self.day:02d}"


def _valid(y: Optional[int], m: int, d: int) -> bool:
    try:
        date(y or 2000, m, d)   # 2000 is a leap year: --02-29 stays possible
        return True
    except ValueError:
        return False


def find_dates(text: str, foreign: bool = True) -> list[DateHit]:
    """Every calendar date written in ``text`` (month names or ISO digits), left to right; ``foreign=False``: English
    month names and digits only (a third less time, for the lines of an English page)."""
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []
    for rx in ((_ISO, _MDY, _DMY, _DMY_FOREIGN, _YMD_CJK) if foreign else (_ISO, _MDY, _DMY)):
        for m in rx.finditer(text or ""):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            mon = m.group("mon")
            key = mon.rstrip(".").lower()
            month = int(mon) if mon.isdigit() else MONTHS.get(key) or FOREIGN_MONTHS.get(key)
            day = int(m.group("day"))
            year = int(m.group("year")) if m.group("year") else None
            if not month or not _valid(year, month, day):
                continue
            taken.append((m.start(), m.end()))
            hits.append(DateHit(m.start(), m.end(), m.group(0), month, day, year))
    for m in _NUM.finditer(text or ""):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("year"))
        if a > 12 and b <= 12:
            month, day, amb = b, a, False
        elif b > 12 and a <= 12:
            month, day, amb = a, b, False
        elif a <= 12 and b <= 12:
            month, day, amb = a, b, a != b
        else:
            continue
        if _valid(year, month, day):
            taken.append((m.start(), m.end()))
            hits.append(DateHit(m.start(), m.end(), m.group(0), month, day, year, amb))
    return sorted(hits, key=lambda h: h.start)


def _words(s: str) -> list[str]:
    return _WORD.findall(s)


def is_copyright(line: str) -> bool:
    return bool(_COPYRIGHT.search(line or ""))


def date_line_kind(line: str, position: int = 99, foreign: bool = True) -> Optional[str]:
    """What a short line that carries a date is: 'published' | 'updated' | 'clock' | 'date' | None.

    ``position`` is the line's index among the page's non-empty lines: a time-then-date line at
    the very top of the page ("21:09 GMT02 March 2021") is the page clock, not a stamp.
    Lines of running text (more than a few words besides the date) are None. ``foreign``: see find_dates.
    """
    s = (line or "").strip()
    if not s or is_copyright(s):
        return None
    if _RELATIVE.match(s):
        return "relative"
    hits = find_dates(s, foreign)
    if not hits:
        return None
    h = hits[0]
    if _STAMP_UPD.match(s):
        return "updated"
    rest = s[:h.start] + " " + s[h.end:]
    rest = _TIME.sub(" ", rest)
    other = [w for w in _words(rest) if w.lower() not in WEEKDAYS and w.lower() not in _STAMP_FILLER]
    if _STAMP_PUB.match(s):
        return "published" if len(other) <= 8 else None
    if len(other) > 3:
        return None
    t = _TIME.search(s)
    if t and t.start() < h.start and position <= 2 and not _STAMP_PUB.match(s):
        return "clock"
    return "date"


_STAMP_FILLER = {"on", "at", "am", "pm", "a", "m", "p", "gmt", "utc", "et", "est", "edt", "pt", "pst", "pdt",
                 "ct", "cst", "cdt", "bst", "cet", "cest", "ist", "jst", "kst", "hkt", "sgt", "aest", "local",
                 "time", "hrs", "hours", "of", "the", "and", "th", "st", "nd", "rd",
                 "le", "à", "um", "uhr", "el", "il", "de", "du", "alle", "às", "om"}


def weekday_of_text(text: str) -> Optional[str]:
    """The first weekday named in ``text`` (e.g. the day of the main event: "on Thursday")."""
    m = _WEEKDAY.search(text or "")
    return m.group(1) if m else None


def weekday_candidates(month: int, day: int, weekday: str, today: date, first: int = FIRST_YEAR) -> tuple[int, ...]:
    """Years in [first, today.year + 5] in which month-day falls on ``weekday``, most plausible first:
    past years latest first, then future years nearest first."""
    wd = WEEKDAYS.index(weekday.lower())
    years = [y for y in range(first, today.year + 6) if _valid(y, month, day) and date(y, month, day).weekday() == wd]
    past = sorted((y for y in years if date(y, month, day) <= today), reverse=True)
    future = sorted(y for y in years if date(y, month, day) > today)
    return tuple(past + future)


def complete_year(month_day: str, candidates: Sequence[int], corpus_years: Sequence[int], today: date) -> Optional[int]:
    """Choose the year of a year-less date ("--MM-DD") among ``candidates``.

    With dated articles in the corpus: the candidate nearest their median year (ties: the one not
    in the future, then the later).  Without: the latest candidate not in the future.  None when
    no candidate fits.
    """
    m = re.fullmatch(r"-*(\d\d)-(\d\d)", month_day or "")
    if not m or not candidates:
        return None
    month, day = int(m.group(1)), int(m.group(2))
    ok = [y for y in candidates if _valid(y, month, day)]
    if not ok:
        return None

    def future(y: int) -> bool:
        return date(y, month, day) > today

    if corpus_years:
        ys = sorted(corpus_years)
        mid = ys[len(ys) // 2] if len(ys) % 2 else (ys[len(ys) // 2 - 1] + ys[len(ys) // 2]) / 2
        return min(ok, key=lambda y: (abs(y - mid), future(y), -y))
    past = [y for y in ok if not future(y)]
    return max(past) if past else None


@dataclass
class PubDates:
    published: Optional[str] = None
    published_range: Optional[tuple[str, str]] = None
    published_evidence: Optional[str] = None
    published_candidates: tuple[int, ...] = ()
    updated: Optional[str] = None
    notes: list[str] = field(default_factory=list)


def _today(captured: Optional[str], today: Optional[date]) -> date:
    if today:
        return today
    if captured:
        h = find_dates(captured)
        if h and h[0].year:
            return date(h[0].year, h[0].month, h[0].day)
    return date.today()


def _bound_from_caption(line: str) -> Optional[DateHit]:
    """A photo's own date in a caption ("... illustration taken January 29, 2020")."""
    for h in find_dates(line):
        if h.year and _TAKEN.search(line[:h.start]):
            return h
    return None


def publication_dates(stamps: Sequence[tuple[str, str]], body: str, captions: Sequence[str] = (),
                      captured: Optional[str] = None, today: Optional[date] = None) -> PubDates:
    """Resolve a page's dates.

    ``stamps``: (kind, line) for the date lines the cleaner set aside, kind from
    :func:`date_line_kind` ('published' | 'updated' | 'date' | 'clock'), in page order;
    ``body``: the clean body text (weekday agreement, and a date opening the first paragraph);
    ``captions``: dropped caption lines (photo dates are lower bounds);
    ``captured``: the capture time of the page (an upper bound).
    """
    now = _today(captured, today)
    out = PubDates()
    pub: Optional[tuple[DateHit, str]] = None
    upd: Optional[tuple[DateHit, str]] = None
    for kind, line in stamps:
        hits = [h for h in find_dates(line) if not h.ambiguous]
        if not hits:
            continue
        if kind == "published" and (pub is None or (pub[0].year is None and hits[0].year)):
            pub = (hits[0], line)
        elif kind == "updated" and upd is None:
            upd = (hits[0], line)
    if pub is None:
        for kind, line in stamps:
            if kind == "date":
                hits = [h for h in find_dates(line) if h.year and not h.ambiguous]
                if hits:
                    pub = (hits[0], line)
                    break
    if pub is None:   # "16 January 2008 - The Security Council today ..." : a dated dateline
        first = (body or "").split("\n\n", 1)[0]
        hits = find_dates(first[:40])
        if hits and hits[0].year and hits[0].start <= 2 and re.match(r"\s*[\u2013\u2014\-?:|]", first[hits[0].end:]):
            pub = (hits[0], first[:hits[0].end + 2].strip())

    year: Optional[int] = None
    if pub is not None:
        hit, line = pub
        out.published_evidence = line.strip()
        if hit.year:
            year = hit.year
            out.published = hit.iso
        else:
            out.published = hit.iso
            wd = weekday_of_text((body or "")[:1500])
            if wd:
                cands = weekday_candidates(hit.month, hit.day, wd, now)
                out.published_candidates = cands
                year = complete_year(hit.iso, cands, (), now)
                if year:
                    out.published = f"{year:04d}-{hit.month:02d}-{hit.day:02d}"
                    out.published_evidence = (f"{line.strip()} [year {year}: {hit.text.strip()} is a {wd} that year, "
                                              f"as '{wd}' in the text; latest such year not after {now.isoformat()}; "
                                              f"candidates {', '.join(map(str, cands[:6]))}]")
            if not year:
                out.notes.append("year unknown")
    if upd is not None:
        hit, line = upd
        if hit.year:
            out.updated = hit.iso
        elif year and pub is not None:
            y = year + (1 if (hit.month, hit.day) < (pub[0].month, pub[0].day) else 0)
            out.updated = f"{y:04d}-{hit.month:02d}-{hit.day:02d}"
        else:
            out.updated = hit.iso
    if out.published is None:
        lo = hi = None
        lo_ev = hi_ev = None
        for line in captions:
            h = _bound_from_caption(line)
            if h and (lo is None or h.iso > lo):
                lo, lo_ev = h.iso, line.strip()
        for kind, line in stamps:
            if kind == "clock":
                hits = [h for h in find_dates(line) if h.year and not h.ambiguous]
                if hits:
                    hi, hi_ev = hits[0].iso, line.strip()
                    break
        if hi is None and captured:
            h = [x for x in find_dates(captured) if x.year]
            if h:
                hi, hi_ev = h[0].iso, f"captured {captured}"
        if lo and hi and lo <= hi:
            out.published_range = (lo, hi)
            out.published_evidence = f"not before: {lo_ev}; not after: {hi_ev}"
        elif lo or hi:
            out.published_evidence = f"not before: {lo_ev}" if lo else f"not after: {hi_ev}"
    return out
