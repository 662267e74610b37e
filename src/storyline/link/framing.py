"""How each outlet (and each article) tells a story.

Per article and per outlet:

- **voices**: who is quoted (counts by canonical speaker) and by side (the speaker actor's country, else its
  sector, else "unknown");
- **events reported / omitted**: the story's merged events each outlet reports, and those other outlets
  report that it leaves out;
- **hedged vs asserted**: events the article reports second-hand (the understand stage's ``hedged`` flag)
  vs stated as fact, plus sentences carrying hedging cues ("reportedly", "allegedly", "according to", ...);
- **loaded words**: evaluative words from the VADER sentiment lexicon (Hutto & Gilbert, "VADER: A Parsimonious
  Rule-based Model for Sentiment Analysis of Social Media Text", ICWSM 2014; ``vader_lexicon.txt`` shipped
  in the vaderSentiment package, MIT licence) whose mean human valence rating is at least
  ``LOADED_MIN_VALENCE`` in absolute value (the scale runs -4..+4);
- **tone toward each actor**: the mean VADER compound score of the sentences that mention the actor.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional, Sequence

from storyline.model import Annotated

from .brief import sentences_of
from .merge import MergedEvent, merge_events

LOADED_MIN_VALENCE = 1.5

# general English hedging / attribution-at-a-distance cues (one pattern each)
HEDGE_CUES = (
    r"reportedly", r"allegedly", r"according to", r"sources? (?:said|say|familiar)", r"is said to", r"are said to",
    r"was said to", r"were said to", r"is believed to", r"are believed to", r"apparently", r"purportedly",
    r"supposedly", r"unconfirmed", r"(?:may|might|could) (?:have )?(?:be|been)\b", r"it is (?:understood|thought)",
    r"claimed", r"claims that", r"rumou?red", r"suspected", r"possibly", r"presumably",
)
_HEDGE = re.compile(r"\b(?:" + "|".join(HEDGE_CUES) + r")\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    return SentimentIntensityAnalyzer()


def lexicon() -> dict[str, float]:
    """VADER's word -> mean valence (-4..+4)."""
    return _vader().lexicon


def loaded_words(text: str, min_valence: float = LOADED_MIN_VALENCE) -> Counter:
    lex = lexicon()
    c: Counter = Counter()
    for w in _WORD.findall(text or ""):
        lw = w.lower()
        v = lex.get(lw)
        if v is not None and abs(v) >= min_valence:
            c[lw] += 1
    return c


def tone(sentence: str) -> float:
    return _vader().polarity_scores(sentence)["compound"]


@dataclass
class ArticleFraming:
    article_id: str
    outlet: str
    voices: dict = field(default_factory=dict)           # speaker -> quotes
    voices_by_side: dict = field(default_factory=dict)   # side -> quotes
    events: list = field(default_factory=list)           # merged event ids reported
    hedged_events: int = 0
    asserted_events: int = 0
    hedged_sentences: int = 0
    sentences: int = 0
    loaded: dict = field(default_factory=dict)           # word -> count
    tone: dict = field(default_factory=dict)             # actor name -> mean compound
    tone_sentences: dict = field(default_factory=dict)   # actor name -> sentences scored

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class OutletFraming:
    outlet: str
    article_ids: list = field(default_factory=list)
    voices: dict = field(default_factory=dict)
    voices_by_side: dict = field(default_factory=dict)
    events_reported: list = field(default_factory=list)
    events_omitted: list = field(default_factory=list)   # reported by other outlets, not this one
    hedged_events: int = 0
    asserted_events: int = 0
    hedged_sentences: int = 0
    sentences: int = 0
    loaded: dict = field(default_factory=dict)
    tone: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return dict(self.__dict__)


def _outlet(a: Annotated) -> str:
    return a.article.outlet or f"(unknown outlet: {a.article.id})"


def frame_article(a: Annotated, event_ids: Sequence[str] = ()) -> ArticleFraming:
    actors = {x.id: x for x in a.actors}
    f = ArticleFraming(article_id=a.article.id, outlet=_outlet(a), events=list(event_ids))
    voices, sides = Counter(), Counter()
    for q in a.quotes:
        who = q.speaker_name or q.speaker or "(unattributed)"
        voices[who] += 1
        act = actors.get(q.speaker_id) if q.speaker_id else None
        sides[(act.country or act.sector) if act and (act.country or act.sector) else "unknown"] += 1
    f.voices, f.voices_by_side = dict(voices), dict(sides)
    for e in a.events:
        if e.negated:
            continue
        if e.hedged:
            f.hedged_events += 1
        else:
            f.asserted_events += 1
    sents = sentences_of(a)
    f.sentences = len(sents)
    f.hedged_sentences = sum(1 for _, s in sents if _HEDGE.search(s))
    f.loaded = dict(loaded_words(a.article.text or "").most_common())
    # tone toward each actor: sentences that mention it (by mention, else by name)
    by_actor: dict[str, set[int]] = defaultdict(set)
    if a.mentions and a.sentences:
        for m in a.mentions:
            if m.actor_id in actors:
                by_actor[m.actor_id].add(m.sentence)
        text_of = {s.index: s.text for s in a.sentences}
    else:
        text_of = {k: s for k, (_, s) in enumerate(sents)}
        for act in actors.values():
            names = {act.name, *act.aliases}
            for k, s in text_of.items():
                if any(n and re.search(r"\b" + re.escape(n) + r"\b", s) for n in names):
                    by_actor[act.id].add(k)
    for aid, idxs in by_actor.items():
        scores = [tone(text_of[k]) for k in sorted(idxs) if k in text_of]
        if scores:
            name = actors[aid].name
            f.tone[name] = round(sum(scores) / len(scores), 4)
            f.tone_sentences[name] = len(scores)
    return f


def framing(annotated: Sequence[Annotated], merged: Optional[Sequence[MergedEvent]] = None) -> dict:
    """{"articles": [ArticleFraming], "outlets": [OutletFraming]} for one story's articles."""
    if merged is None:
        merged = merge_events(annotated)
    ev_of_article: dict[str, list[str]] = defaultdict(list)
    for m in merged:
        for aid in m.article_ids:
            ev_of_article[aid].append(m.event.id)
    arts = [frame_article(a, ev_of_article.get(a.article.id, [])) for a in annotated]
    outlets: dict[str, OutletFraming] = {}
    tone_acc: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for f in arts:
        o = outlets.setdefault(f.outlet, OutletFraming(outlet=f.outlet))
        o.article_ids.append(f.article_id)
        o.voices = dict(Counter(o.voices) + Counter(f.voices))
        o.voices_by_side = dict(Counter(o.voices_by_side) + Counter(f.voices_by_side))
        o.events_reported = sorted(set(o.events_reported) | set(f.events))
        o.hedged_events += f.hedged_events
        o.asserted_events += f.asserted_events
        o.hedged_sentences += f.hedged_sentences
        o.sentences += f.sentences
        o.loaded = dict(Counter(o.loaded) + Counter(f.loaded))
        for name, t in f.tone.items():
            tone_acc[f.outlet][name].extend([t] * f.tone_sentences.get(name, 1))
    story_events = {m.event.id for m in merged}
    for o in outlets.values():
        o.events_omitted = sorted(story_events - set(o.events_reported)) if len(outlets) > 1 else []
        o.tone = {n: round(sum(v) / len(v), 4) for n, v in sorted(tone_acc[o.outlet].items())}
        o.loaded = dict(Counter(o.loaded).most_common())
    return {"articles": arts, "outlets": sorted(outlets.values(), key=lambda o: (-len(o.article_ids), o.outlet))}
