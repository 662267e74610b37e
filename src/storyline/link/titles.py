"""Story titles: the headline of a story's most central article, else an event phrase (subject, verb in the past,
object), else the lead of its most central article; never a date stamp, never "X verb X" (``title_defect``)."""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import Optional

from storyline.model import Annotated

from .text import _SENT_SPLIT, article_text, terms
from .triggers import LIGHT_VERBS, trigger_lemma

_DATE_WORDS = frozenset("""
january february march april may june july august september october november december jan feb mar apr jun jul
aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri
sat sun am pm gmt utc est edt cst cdt pst pdt bst cet ist posted updated published first last modified on at
by th st nd rd
""".split())
_IRREGULAR_PAST = {
    "say": "said", "meet": "met", "hold": "held", "give": "gave", "take": "took", "make": "made", "seek": "sought",
    "tell": "told", "win": "won", "lose": "lost", "send": "sent", "leave": "left", "begin": "began",
    "fight": "fought", "sell": "sold", "buy": "bought", "bring": "brought", "strike": "struck", "shoot": "shot",
    "steal": "stole", "flee": "fled", "run": "ran", "keep": "kept", "put": "put", "cut": "cut", "hit": "hit",
    "set": "set", "let": "let", "quit": "quit", "bid": "bid", "forbid": "forbade", "withdraw": "withdrew",
    "overthrow": "overthrew", "seize": "seized", "drive": "drove", "speak": "spoke", "find": "found",
    "catch": "caught", "teach": "taught", "lead": "led", "feed": "fed", "grant": "granted", "go": "went",
    "come": "came", "get": "got", "see": "saw", "write": "wrote", "break": "broke",
    "choose": "chose", "fall": "fell", "rise": "rose", "hide": "hid", "bite": "bit", "swear": "swore",
    "sink": "sank", "beat": "beat", "spend": "spent", "build": "built", "pay": "paid", "lay": "laid",
    "stand": "stood", "sit": "sat", "think": "thought", "slay": "slew", "wage": "waged",
    "fly": "flew", "know": "knew", "grow": "grew", "throw": "threw", "draw": "drew", "blow": "blew",
    "wear": "wore", "tear": "tore", "freeze": "froze", "shake": "shook", "forgive": "forgave", "forget": "forgot",
    "ride": "rode", "wake": "woke", "swim": "swam", "sing": "sang", "ring": "rang", "spread": "spread",
    "shut": "shut", "hurt": "hurt", "cost": "cost", "bear": "bore", "sweep": "swept", "sleep": "slept",
    "feel": "felt", "deal": "dealt", "mean": "meant", "hear": "heard", "stick": "stuck",
}


def title_defect(title: str) -> Optional[str]:
    """Why a story title is not one an editor would write (None when it is fine): empty, a date stamp
    ("First Posted 23:37:00 05/05/2010"), or its subject repeated as its object ("X offer X")."""
    t = " ".join((title or "").split())
    if not t:
        return "empty"
    words = re.findall(r"[^\W\d_]+", t)
    if not [w for w in words if w.lower() not in _DATE_WORDS and len(w) > 1]:
        return "date stamp"
    toks = [w.lower().strip(".,:;'\"") for w in t.split()]
    for n in range(min(4, (len(toks) - 1) // 2), 0, -1):
        if toks[:n] == toks[-n:] and any(len(w) > 2 and w not in ("the", "and") for w in toks[:n]):
            return "subject repeated as object"
    return None


def _past_of(verb: str) -> str:
    """The simple past of a verb's lemma: "host" -> "hosted", "give" -> "gave", "ban" -> "banned"."""
    w = verb.lower()
    if w in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[w]
    if w.endswith("e"):
        return w + "d"
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        return w[:-1] + "ied"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnpt]", w):     # one short syllable: "ban", "stop", "rob" double
        return w + w[-1] + "ed"
    return w + "ed"


def _past(trigger: str) -> str:
    """The trigger as a headline's verb: its first word in the simple past, read through its lemma ("hosting" ->
    "hosted", "given" -> "gave", "accuses" -> "accused"), the words after it kept ("took shelter")."""
    words = trigger.strip().split()
    if not words:
        return trigger.strip()
    head = words[0].lower()
    if head in _IRREGULAR_PAST.values() and head not in _IRREGULAR_PAST:
        past = head
    else:
        lemma = trigger_lemma(head) or head
        past = head if head.endswith("ed") and lemma + "ed" in (head, head + "d") else _past_of(lemma)
    return " ".join([past] + words[1:])


_PREP = frozenset("to for at on against with from into over about in of".split())


def _link_word(ev) -> Optional[str]:
    """The preposition between the trigger and the target in the event's sentence ("apologized to the church"), so
    the headline keeps it; None when the target follows the verb directly or is not found after it."""
    if not ev.evidence or not ev.trigger or not ev.target:
        return None
    sent = ev.evidence[0].sentence or ""
    m = re.search(r"(?<!\w)" + re.escape(ev.trigger.split()[-1]) + r"(?!\w)", sent, re.IGNORECASE)
    name = [w for w in ev.target.split() if w.lower() not in ("the", "a", "an")]
    t = re.search(r"(?<!\w)" + re.escape(name[0]), sent[m.end():], re.IGNORECASE) if m and name else None
    if not t:
        return None
    between = [w for w in re.findall(r"[A-Za-z]+", sent[m.end():m.end() + t.start()])
               if w.lower() not in ("the", "a", "an")]
    return between[0].lower() if 1 <= len(between) <= 3 and between[0].lower() in _PREP else None


def _event_phrase(ev) -> Optional[str]:
    """"Actor verb-in-the-past (preposition) target" for an event with both, or None: never for a verb of saying
    or a light verb ("The source said X"), nor a trigger that carries its own object ("took shelter") when the
    sentence gives no preposition to join the target with ("took shelter navy")."""
    verb = ev.trigger or ev.mode or ""
    if not (ev.actor and ev.target and verb) or ev.negated or _same_party(ev.actor, ev.target):
        return None
    if (trigger_lemma(verb) or "") in LIGHT_VERBS:
        return None
    prep = _link_word(ev)
    if prep is None and len(verb.split()) > 1:
        return f"{ev.actor} {_past(verb)}"
    return " ".join(x for x in (ev.actor, _past(verb), prep, ev.target) if x)


def _same_party(a: str, b: str) -> bool:
    na, nb = (" ".join(re.findall(r"\w+", x.lower())).removeprefix("the ") for x in (a, b))
    return na == nb or na in nb.split() or nb in na.split()


def _lead(text: str, max_words: int = 14) -> str:
    """The opening sentence of a text, cut to a headline's length on a word boundary."""
    first = next((p for p in _SENT_SPLIT.split((text or "").strip()) if len(p.split()) >= 3), (text or "").strip())
    words = first.split()
    out = " ".join(words[:max_words]).rstrip(",;:")
    return out if len(words) <= max_words else out + "…"


def story_title(anns: Sequence[Annotated], merged: Sequence = ()) -> str:
    """A headline for the story: the title of its most central article (the one whose words overlap most
    with the rest) when one has a title that is not a date stamp; else its best-attested event as
    subject-verb-object ("A accused B"), never with the subject as its own object; else the lead of its
    most central article."""
    if not anns:
        return ""
    bags = [set(terms(article_text(a.article))[0]) for a in anns]
    total = Counter()
    for b in bags:
        total.update(b)

    def centrality(k):
        return sum(total[t] - 1 for t in bags[k]) / (1 + math.sqrt(len(bags[k])))
    order = sorted(range(len(anns)), key=lambda k: (-centrality(k), anns[k].article.id))
    for k in order:
        t = (anns[k].article.title or "").strip()
        if t and title_defect(t) is None:
            return t
    for m in sorted(merged, key=lambda m: (-len(m.sources), m.event.id)):
        t = _event_phrase(m.event)
        if t and title_defect(t) is None:
            return t[:1].upper() + t[1:]
    for k in order:
        t = _lead(anns[k].article.text)
        if title_defect(t) is None:
            return t
    return _lead(anns[order[0]].article.text)
