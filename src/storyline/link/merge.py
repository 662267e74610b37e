"""Cross-article event merging: the same event reported by several outlets becomes one event.

Reports are merged within one story. Two reports can be one act when they are linked and do not conflict.
Linked: the triggers name the act by one word ("shot" = "shooting" = "shoot": spaCy's English rule lemmatizer, the
trigger read as a verb; "facing charges" = "charged", "dropped bombs" = "bombed": another word of a multi-word
trigger counts when it is a CAMEO verb; verbs of saying and light verbs such as "said" or "made" excepted: see
``triggers.py``), or, for other words,
the same PLOVER type and either one named person as the target of both ("shot Ann Lee", "Ann Lee was attacked") or
a participant in common (in either role: a parse may swap actor and target) and either the same stated mode or
source sentences sharing a fifth of their content words or more.
Conflict: another type (unless a word is the same: the coder may type one verb two ways), polarity, or mode (for
another word); what an act did to its victims beside the act, for another word ("40 were killed" is not "shells hit
the school": ``triggers.names_outcome``); another place ("Gaza City" is in "Gaza"); another *named* participant in a
role, where descriptors such as "a stray bullet" never conflict, a name that is the other's first words ("New York",
"New York State"; "Carter", "Carter Foundation") is the same one, a participant named in the other role is a swapped
parse, a target the other report's sentence names too is a misread target ("struck as she walked toward the
temple": the temple taken for her), another actor of the same verb on the same target is a misread agent, a
person and a body doing it by one word may be one agent (the one acting for the other), a place beside a person or
body as target is the act's place taken for its target, and a building beside a city or region may stand in it;
another object when a report names no participant ("banning American companies" is not "banning the export of
chips"; but a named person as target is never refuted by such words: "shot Ann Lee" and "shooting his girlfriend"
can be one act); dates that do not overlap (a stated date is widened to its granularity: a month is the whole
month; ``date_slack_days`` covers "on Thursday" in one report and "this week" in another).
A report joins a group of reports when it is linked to one of them and conflicts with fewer than half; groups
that reports joined in the wrong order are joined afterwards by the same rule. The merged ``Event`` keeps every
source sentence in ``evidence``; its date is the overlap of the dates its reports state (a report that gives only
a year or a span attaches to a dated act and never widens it; see ``_merged_date``).
Details the sources disagree on are not resolved away: ``MergedEvent.conflicts`` lists them (dates, modes,
locations, hedged vs asserted, and quantities such as "a few countries" vs "a number of countries").
Near-duplicate copies (``duplicates``: copy id -> canonical id) count as one source.
On ECB+ (bench/eval_link.py, mentions that reached an event, topics 1, 5, 9, ...): cross-document B-cubed F1
0.52 when a participant in common was the only link, 0.64 with the trigger's lemma (with this round's event coder),
0.626 with gold mentions reaching multi-word triggers too (0.617 before undated acts were placed in the weeks up
to their report), 0.642 now that a one-word name is the same participant as a longer name it opens (topics 3, 7,
11, ...: 0.728 both); the baseline "same trigger lemma": 0.51. With the trigger's other verbs as its words (all
topics, trigger mapping): 0.662 -> 0.681 (P 0.756 -> 0.751; topics 1, 5, ... 0.625 -> 0.647, 3, 7, ... 0.722 ->
0.736). Half A over-merged (P 0.710 against 0.852): reports of the deaths an attack caused joined reports of the
attack; kept apart, 0.689 -> 0.713 (A 0.662 -> 0.681, P 0.802; B 0.734 -> 0.765); a building and a city not two
targets: A 0.691 (B unchanged); CAMEO's synonyms as one word: 0.727 (A 0.705, B 0.765); a person and a body by
one word not two agents: 0.736 (A 0.720, B unchanged); 0.743 at the next session's start (A 0.731 P 0.795 R 0.677,
B 0.765); a named person not refuted by the words after another report's verb: 0.747 (A 0.736, R 0.688; B 0.765;
old "contained" mapping A 0.744 -> 0.750, B 0.810); one named person as target of two acts of one type as the link:
0.750 (A 0.739, B 0.770; a named body or building too: B fell to 0.753; the outcome kept apart from the act even for
one named victim: "killed Ann Lee" beside "shot Ann Lee" joined, A fell to 0.724); a named target the other report's
sentence names too no conflict: 0.756 (A 0.748, R 0.694 -> 0.710; B 0.770; "contained" A 0.764, B 0.816; the same
for actors cost B's precision, 0.871 -> 0.829: targets only).
"""
from __future__ import annotations

import calendar
import datetime as _dt
import functools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Optional

from storyline.model import Annotated, Event, Evidence, MergedEvent

from .text import _STOP
from .triggers import names_outcome, trigger_blocks, trigger_lemma, trigger_lemmas


# ------------------------------------------------------------------ dates
def date_bounds(date: Optional[str], date_range: Optional[Sequence[str]] = None) -> Optional[tuple[_dt.date, _dt.date]]:
    """(first day, last day) of a YYYY / YYYY-MM / YYYY-MM-DD date or of a [lo, hi] range; None if unknown."""
    if date_range and len(date_range) == 2 and date_range[0] and date_range[1]:
        lo, hi = date_bounds(date_range[0]), date_bounds(date_range[1])
        if lo and hi:
            return lo[0], hi[1]
    if not date or date.startswith("--"):
        return None
    try:
        parts = [int(p) for p in date[:10].split("-")]
        if len(parts) == 1:
            return _dt.date(parts[0], 1, 1), _dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return _dt.date(parts[0], parts[1], 1), _dt.date(parts[0], parts[1], last)
        d = _dt.date(*parts[:3])
        return d, d
    except (ValueError, TypeError):
        return None


INFERRED_BEFORE_DAYS = 14     # an act no sentence dates happened at or before its report, within weeks


def _event_bounds(e: Event, article_date: Optional[str]) -> Optional[tuple[_dt.date, _dt.date]]:
    """The days an event can be on: its stated date; for an act no sentence dates (none, or the report's own date
    filled in: ``date_inferred``), the weeks up to its report."""
    b = date_bounds(e.date, e.date_range) if not e.date_inferred else None
    if b is None:
        b = date_bounds(e.date, e.date_range) if e.date_inferred else None
        if b is None and article_date:
            b = date_bounds(article_date)
        if b is not None:
            b = (b[0] - _dt.timedelta(days=INFERRED_BEFORE_DAYS), b[1])
    return b


# ------------------------------------------------------------------ quantities
_QUANT = re.compile(
    r"\b(a\s+few|few|several|many|most|some|all|a\s+number\s+of|a\s+handful\s+of|a\s+couple\s+of|dozens\s+of|"
    r"hundreds\s+of|thousands\s+of|millions\s+of|numerous|multiple|a\s+growing\s+number\s+of|no|\d[\d,.]*|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|fifty|hundred)\s+"
    r"(?:(?:more|other|major|western|european|foreign|[a-z]+ian|[a-z]+ese)\s+)?([a-z]{3,}s)\b",
    re.IGNORECASE)


def quantities(sentence: str) -> list[tuple[str, str]]:
    """(quantifier, plural noun) pairs: "a number of countries" -> ("a number of", "countries")."""
    return [(re.sub(r"\s+", " ", q.lower()), n.lower()) for q, n in _QUANT.findall(sentence or "")]


@functools.lru_cache(maxsize=50_000)
def _content_words(sentence: str) -> frozenset:
    return frozenset(w for w in re.findall(r"[a-z]+", sentence.lower()) if len(w) > 2 and w not in _STOP)


def _sentence_overlap(a: Event, b: Event) -> float:
    """Jaccard overlap of the content words of the two reports' source sentences."""
    x = _content_words(a.evidence[0].sentence or "") if a.evidence else frozenset()
    y = _content_words(b.evidence[0].sentence or "") if b.evidence else frozenset()
    return len(x & y) / len(x | y) if x and y else 0.0


# ------------------------------------------------------------------ the trigger's object
_OBJ_SKIP = frozenset("the a an its their his her our your my this that these those some any all".split())
_OBJ_STOP = frozenset("from to in on for with by at and or but that which who as over after before into onto "
                      "against about during since until while when where because than out up down off back "
                      "him her them it us me you himself herself themselves itself there here not".split())


@functools.lru_cache(maxsize=50_000)
def _object_words(sentence: str, trigger: str) -> frozenset:
    """Content words of the phrase right after the trigger in its sentence, up to a preposition, a conjunction or
    a pronoun ("banning the export of chips" -> {export, chips}; "banned the use of X's equipment" -> {use, x,
    equipment}; "checked into rehab" -> nothing)."""
    m = re.search(r"(?<!\w)" + re.escape(trigger) + r"(?!\w)", sentence, re.IGNORECASE)
    if not m:
        return frozenset()
    out = []
    for w in re.findall(r"[A-Za-z][A-Za-z'’-]*|[,.;:!?()\"“”]", sentence[m.end():])[:8]:
        lw = re.sub(r"['’]s$", "", w.lower())
        if not lw[0].isalpha() or lw in _OBJ_STOP:
            break
        if lw in _OBJ_SKIP or (lw == "of" and out):
            continue
        if lw == "of" or len(out) >= 5:
            break
        out.append(lw)
    return frozenset(w for w in out if len(w) > 2 and w not in _STOP)


def _object(e: Event) -> frozenset:
    """What the act is done to: the words after the trigger, with the words of the event's target."""
    if not e.trigger or not e.evidence:
        return frozenset()
    words = _object_words(e.evidence[0].sentence or "", e.trigger)
    if not words:
        return words
    target = _key(_participant(e, "target"))
    return words | frozenset(re.split(r"[-\s]+", target)) if target else words


# ------------------------------------------------------------------ merging
def _participant(e: Event, which: str) -> Optional[str]:
    pid = getattr(e, which + "_id")
    name = getattr(e, which)
    if pid:
        return pid
    return name.strip().lower() if name else None


_DET = re.compile(r"^(?:the|a|an|this|that|these|those)\s+")


@functools.lru_cache(maxsize=100_000)
def _key(p: Optional[str]) -> Optional[str]:
    """A participant compared across reports: a canonical id without its type ("org:x" and "person:x" are one
    name filed twice), else the words of its name without a leading article ("the two men" = "two men")."""
    if not p:
        return None
    if ":" in p and " " not in p:
        return p.split(":", 1)[1]
    return _DET.sub("", " ".join(re.findall(r"\w+", p.lower()))) or None


@functools.lru_cache(maxsize=100_000)
def _same(ka: Optional[str], kb: Optional[str]) -> bool:
    """One participant: the same key, or one name is the other's first words ("new-york", "new-york-state"; a
    one-word name too: "carter", "carter-foundation")."""
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    wa, wb = re.split(r"[-\s]+", ka), re.split(r"[-\s]+", kb)
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return len(short) >= 1 and long_[:len(short)] == short


def _is_place(actor_id: Optional[str]) -> bool:
    return (actor_id or "").split(":", 1)[0] in ("gpe", "loc", "fac")


def _kind(actor_id: Optional[str]) -> str:
    """The kind a canonical actor id names ("person", "org", "gpe", "fac", ...)."""
    return (actor_id or "").split(":", 1)[0]


def _is_facility(actor_id: Optional[str]) -> bool:
    return _kind(actor_id) == "fac"


def _same_place(x: str, y: str) -> bool:
    """"Gaza" and "Gaza City", "New York" and "New York State": one word list inside the other."""
    wx, wy = re.findall(r"\w+", x.lower()), re.findall(r"\w+", y.lower())
    short, long_ = (wx, wy) if len(wx) <= len(wy) else (wy, wx)
    return bool(short) and any(long_[i:i + len(short)] == short for i in range(len(long_) - len(short) + 1))


def _named(e: Event, which: str) -> bool:
    return bool(getattr(e, which + "_id"))


def _keys(e: Event) -> tuple[str, ...]:
    return _keys_of(e.actor_id, e.actor, e.target_id, e.target)


@functools.lru_cache(maxsize=100_000)
def _keys_of(actor_id, actor, target_id, target) -> tuple[str, ...]:
    keys = (_key(actor_id or (actor.strip().lower() if actor else None)),
            _key(target_id or (target.strip().lower() if target else None)))
    return tuple(k for k in keys if k)


def shares(a: Event, b: Event) -> bool:
    """Do ``a`` and ``b`` name a participant in common (in either role: parses swap actor and target)?"""
    return any(_same(x, y) for x in _keys(a) for y in _keys(b))


def one_word(a: Event, b: Event) -> bool:
    """Do the two triggers name the act by one word: a lemma in common, of the head or of another word of a
    trigger that is itself a verb ("facing charges" and "charged", "dropped bombs" and "bombed"; see
    ``triggers.trigger_lemmas``), or two verbs CAMEO files in one block ("struck" and "hit", "charged" and
    "accused": ``triggers.trigger_blocks``)? Verbs of saying and light verbs never count."""
    return bool(trigger_lemmas(a.trigger) & trigger_lemmas(b.trigger)) or \
        bool(trigger_blocks(a.trigger) & trigger_blocks(b.trigger))


def _one_victim(a: Event, b: Event) -> bool:
    """Do both reports name one person as the target ("shot Ann Lee", "Ann Lee was attacked")? Acts of one type
    on one named person are linked whatever the verbs (a body or a place is the target of many acts: not them)."""
    return _kind(a.target_id) == "person" and _kind(b.target_id) == "person" and \
        _same(_key(a.target_id), _key(b.target_id))


def linked(a: Event, b: Event) -> bool:
    """Is there evidence that ``a`` and ``b`` report one act: a word of the trigger (``one_word``), or (another
    word) the same type and one named person as target (``_one_victim``) or a participant in common and the same
    stated mode or source sentences sharing a fifth of their words."""
    if one_word(a, b):
        return True
    la, lb = trigger_lemma(a.trigger), trigger_lemma(b.trigger)
    if a.type != b.type or not shares(a, b):
        return False
    if not la or not lb:          # no trigger to compare: a participant in common is the evidence there is
        return True
    if _one_victim(a, b):
        return True
    return bool(a.mode and a.mode == b.mode) or _sentence_overlap(a, b) >= 0.2


def _told_in(a: Event, b: Event, which: str) -> bool:
    """Does ``b``'s source sentence name ``a``'s participant in role ``which`` (its words, as ``a`` wrote them)?"""
    name = getattr(a, which)
    if not name or not b.evidence:
        return False
    return _named_in(name, b.evidence[0].sentence or "")


@functools.lru_cache(maxsize=50_000)
def _named_in(name: str, sentence: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(name.strip()) + r"(?!\w)", sentence) is not None


def conflict(a: Event, b: Event, da: Optional[str], db: Optional[str], date_slack_days: int = 3) -> bool:
    """Can ``a`` and ``b`` (from articles dated ``da``, ``db``) NOT be one act: another type, polarity or mode
    (for another trigger lemma), another named participant in a role (descriptors such as "a stray bullet" never
    conflict: reports describe one participant many ways; another actor of the same act on the same target is a
    misread agent), or dates too far apart."""
    same_word = one_word(a, b)
    if (a.type != b.type and not same_word) or a.negated != b.negated:
        return True
    ka, kb = {w: _key(_participant(a, w)) for w in ("actor", "target")}, \
        {w: _key(_participant(b, w)) for w in ("actor", "target")}
    for which in ("actor", "target"):
        if _named(a, which) and _named(b, which) and not _same(ka[which], kb[which]):
            if any(_same(ka[which], y) for y in kb.values()) or any(_same(kb[which], x) for x in ka.values()):
                continue              # the other report has the actor and target the other way round
            if which == "actor" and same_word and _same(ka["target"], kb["target"]):
                continue
            if which == "actor" and same_word and {_kind(a.actor_id), _kind(b.actor_id)} == {"person", "org"}:
                continue              # a person and a body, by one word: the one may act for the other
            if which == "target" and (_told_in(a, b, which) or _told_in(b, a, which)):
                continue              # the other report's sentence names this target too: a misread target
            if which == "target" and _is_place(a.target_id) != _is_place(b.target_id):
                continue              # a place beside a person or body: one report took the act's place for it
            if which == "target" and _is_place(a.target_id) and _is_place(b.target_id) and \
                    _is_facility(a.target_id) != _is_facility(b.target_id):
                continue              # a building and a city or region: the one may stand in the other
            return True
    if a.mode and b.mode and a.mode != b.mode and not same_word:
        return True
    if names_outcome(a.trigger) != names_outcome(b.trigger) and not same_word:
        return True                   # what an act did ("40 killed") is not the act ("shells hit the school")
    if a.location and b.location and not _same_place(a.location, b.location):
        return True
    if not _keys(a) or not _keys(b):     # a report that names no participant: what the act was done to decides
        oa, ob = _object(a), _object(b)
        if oa and ob and not oa & ob and "person" not in (_kind(a.target_id), _kind(b.target_id)):
            return True                 # "banning American companies" is not "banning the export of chips"; a
            # person is told many ways ("shot Ann Lee", "shooting his girlfriend"): words do not refute a name
    ba, bb = _event_bounds(a, da), _event_bounds(b, db)
    if ba and bb:
        slack = _dt.timedelta(days=date_slack_days)
        if ba[0] - slack > bb[1] or bb[0] - slack > ba[1]:
            return True
    return False


def compatible(a: Event, b: Event, da: Optional[str], db: Optional[str], date_slack_days: int = 3) -> bool:
    """Can events ``a`` and ``b`` (from articles dated ``da``, ``db``) be the same real-world event? Linked
    (see ``linked``) and no conflict."""
    return linked(a, b) and not conflict(a, b, da, db, date_slack_days)


def _most_precise(dates):
    """The merged date: the most precise the sources give (a day over its month or year: the events were merged
    because their dates overlap, so the finer one narrows the coarser), the most common among those; the
    other values stay in the conflicts."""
    vals = [d for d in dates if d]
    if not vals:
        return None
    finest = max(len(d) for d in vals)
    return _most_common([d for d in vals if len(d) == finest])


def _most_common(values, default=None):
    vals = [v for v in values if v]
    if not vals:
        return default
    c = Counter(vals)
    top = max(c.values())
    return min(v for v in c if c[v] == top)


def merge_events(annotated: Sequence[Annotated], duplicates: Optional[Mapping[str, str]] = None,
                 date_slack_days: int = 3) -> list[MergedEvent]:
    """Merge the events of a set of articles (typically one story). Returns merged events, the ones with
    most independent sources first, then by date."""
    duplicates = duplicates or {}
    arts = {a.article.id: a.article for a in annotated}
    items: list[tuple[Event, str]] = []
    for a in annotated:
        for e in a.events:
            items.append((e, a.article.id))
    items.sort(key=lambda x: (arts[x[1]].published or "9999", x[1], x[0].id))
    # a report joins a group when it is linked to some report in it and conflicts with fewer than half of them:
    # a chain "A bans X", "A bans", "A bans Y" does not make one ban of X and Y, but one report that misreads a
    # participant or a date does not split an act reported ten times. (On ECB+ topics 1, 5, 9, ...: every report
    # must agree, B3 F1 0.462; fewer than half conflict, 0.517, when a participant in common was the only link.)
    def clash(i: int, j: int) -> bool:
        return conflict(items[i][0], items[j][0], arts[items[i][1]].published, arts[items[j][1]].published,
                        date_slack_days)

    def keys(e: Event) -> tuple:
        """Groups that may take ``e``: those holding a report of one of its trigger's lemmas or of its type
        (see ``linked``; a CAMEO synonym of another type is not looked for: on ECB+ topics 1, 5, ... looking for
        it too merged more different acts, 0.705 -> 0.698)."""
        return (*(("lemma", x) for x in sorted(trigger_lemmas(e.trigger))), ("type", e.type))

    groups: dict[int, list[int]] = {}
    by_key: dict[tuple, list[int]] = {}
    for i, (e, _aid) in enumerate(items):
        for g in sorted({g for k in keys(e) for g in by_key.get(k, ())}):
            if any(linked(e, items[j][0]) for j in groups[g]) and \
                    2 * sum(clash(i, j) for j in groups[g]) < len(groups[g]):
                groups[g].append(i)
                break
        else:
            groups[i] = [i]
            g = i
        for k in keys(e):
            if g not in by_key.setdefault(k, []):
                by_key[k].append(g)
    _join_groups(groups, by_key, items, clash)
    out = [_merge_group([items[i] for i in sorted(g)], arts, duplicates) for g in groups.values()]
    out.sort(key=lambda m: (-len(m.sources), m.event.date or "9999", m.event.id))
    return out


def _join_groups(groups: dict[int, list[int]], by_key: dict[tuple, list[int]], items, clash) -> None:
    """Groups that reports joined in the wrong order: two groups that share a lemma or a type become one when
    some report of each is linked to one of the other and fewer than half the pairs of their reports conflict."""
    joined = True
    while joined:
        joined = False
        for heads in by_key.values():
            heads[:] = [h for h in heads if h in groups]
            for x in range(len(heads)):
                gx = groups.get(heads[x])
                if gx is None:
                    continue
                for y in range(x + 1, len(heads)):
                    gy = groups.get(heads[y])
                    if gy is None or gy is gx:
                        continue
                    if any(linked(items[i][0], items[j][0]) for i in gx for j in gy) and \
                            2 * sum(clash(i, j) for i in gx for j in gy) < len(gx) * len(gy):
                        gx.extend(gy)
                        del groups[heads[y]]
                        for hs in by_key.values():          # the joined group is found under the head kept
                            if heads[y] in hs:
                                hs[hs.index(heads[y])] = heads[x]
                        joined = True


def _merged_date(events: list[Event]) -> tuple[Optional[str], Optional[tuple], bool]:
    """(date, date range, inferred) of one act from its reports: the tightest date all the stated ones allow (the
    overlap of their bounds: a day over its month or year, "last week" over "in May", and two spans that overlap
    narrow each other), so a report that gives only a year or a span attaches to a dated act and never widens it
    (the other values stay in the conflicts). When the reports state only years or spans, a report's own date
    inside all of them places the act (marked inferred: "2019..2020" in one report and a report of 2019-02-21 make
    one act of about 2019-02-21). Stated dates that do not overlap (merged within the slack): the most precise."""
    stated = [e for e in events if (e.date or e.date_range) and not e.date_inferred]
    if not stated:
        rngs = [tuple(e.date_range) for e in events if e.date_range]
        date = _most_precise([e.date for e in events])
        return date, (None if date and len(date) >= 7 else _most_common(rngs)), any(e.date_inferred for e in events)
    date = _most_precise([e.date for e in stated])
    tight = _overlap(stated)
    if tight is None:
        if date and len(date) >= 7:
            return date, None, False
        spans = [(e.date, tuple(e.date_range) if e.date_range else None) for e in stated]
        narrowest = min(spans, key=lambda x: (_span_days(x[0], x[1]), str(x)))
        return narrowest[0], narrowest[1], False
    (date, rng), (lo, hi) = tight
    if (hi - lo).days > 31:        # only years or spans: a report's own day inside them places the act
        inside = [e.date for e in events if e.date_inferred and e.date and len(e.date) >= 10
                  and (b := date_bounds(e.date)) and lo <= b[0] and b[1] <= hi]
        if inside:
            return _most_common(inside), None, True
    return date, rng, False


def _overlap(stated: list[Event]):
    """((date, range), (first day, last day)) of the days every stated report allows, written as a report states
    them when one does (a day, a month, "2019".."2020"), else as a range of days; None when they do not overlap."""
    bounds = [(e, b) for e in stated if (b := date_bounds(e.date, e.date_range))]
    if not bounds:
        return None
    lo, hi = max(b[0] for _, b in bounds), min(b[1] for _, b in bounds)
    if lo > hi:
        return None
    same = [e for e, b in bounds if b == (lo, hi)]
    if same:
        dates = [e.date for e in same if e.date and not e.date_range]
        if dates:
            return (_most_common(dates), None), (lo, hi)
        return (None, _most_common([tuple(e.date_range) for e in same])), (lo, hi)
    if lo == hi:
        return (lo.isoformat(), None), (lo, hi)
    return (None, (lo.isoformat(), hi.isoformat())), (lo, hi)


def _span_days(date: Optional[str], rng: Optional[tuple]) -> int:
    b = date_bounds(date, rng)
    return (b[1] - b[0]).days if b else 10 ** 6


def _merge_group(group: list[tuple[Event, str]], arts, duplicates) -> MergedEvent:
    events = [e for e, _ in group]
    aids = [aid for _, aid in group]
    first = events[0]
    evidence: list[Evidence] = []
    seen = set()
    for e, _aid in group:
        for ev in e.evidence:
            key = (ev.article_id, ev.start, ev.end)
            if key not in seen:
                seen.add(key)
                evidence.append(ev)
    date, rng, inferred = _merged_date(events)
    merged = replace(
        first,
        evidence=tuple(evidence),
        mode=_most_common([e.mode for e in events]),
        actor=_most_common([e.actor for e in events]), actor_id=_most_common([e.actor_id for e in events]),
        target=_most_common([e.target for e in events]), target_id=_most_common([e.target_id for e in events]),
        date=date, date_range=rng, date_inferred=inferred,
        location=_most_common([e.location for e in events]),
        hedged=all(e.hedged for e in events),       # one source asserting it is enough to call it asserted
        negated=all(e.negated for e in events),
        reference=all(e.reference for e in events),   # one report of it as a new act makes it one
    )
    sources = tuple(dict.fromkeys(duplicates.get(a, a) for a in aids))
    outlets = tuple(sorted({arts[a].outlet for a in aids if arts[a].outlet}))
    return MergedEvent(event=merged, source_event_ids=tuple(e.id for e in events),
                       article_ids=tuple(dict.fromkeys(aids)), sources=sources, outlets=outlets,
                       conflicts=tuple(_conflicts(group)))


def _conflicts(group: list[tuple[Event, str]]) -> list[dict]:
    out = []

    def add(fieldname, pairs):
        by_value: dict[str, list[str]] = {}
        for value, aid in pairs:
            if value is None or value == "":
                continue
            lst = by_value.setdefault(str(value), [])
            if aid not in lst:
                lst.append(aid)
        if len(by_value) > 1:
            out.append({"field": fieldname,
                        "values": [{"value": v, "article_ids": a} for v, a in sorted(by_value.items())]})

    add("date", [(e.date if not e.date_range else f"{e.date_range[0]}/{e.date_range[1]}", aid)
                 for e, aid in group if not e.date_inferred])
    add("mode", [(e.mode, aid) for e, aid in group])
    add("location", [(e.location, aid) for e, aid in group])
    if len({e.hedged for e, _ in group}) > 1:
        add("hedged", [("reported second-hand" if e.hedged else "asserted", aid) for e, aid in group])
    nouns: dict[str, list[tuple[str, str]]] = {}
    for e, aid in group:
        for ev in e.evidence:
            for q, n in quantities(ev.sentence):
                nouns.setdefault(n, []).append((q, ev.article_id or aid))
    for n, pairs in sorted(nouns.items()):
        add(f"quantity of {n}", pairs)
    return out
