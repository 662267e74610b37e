"""How each outlet (and each article) tells a story.

Per article and per outlet:

- **voices**: who is quoted (counts by canonical speaker) and by side (the speaker actor's country, else its
  sector, else "unknown");
- **events reported / omitted**: the story's merged events each outlet reports, and those other outlets
  report that it leaves out;
- **hedged vs asserted**: events the article reports second-hand (the understand stage's ``hedged`` flag)
  vs stated as fact, plus sentences carrying hedging cues ("reportedly", "allegedly", "according to", ...);
- **wording**: for each merged event that two or more outlets report, the words each outlet uses for the same
  fact: its verb (the event's trigger), its labels for the actor and the target (the names and descriptions
  that resolve to them in the evidence sentence: "Washington" vs "the United States", "the Russian energy giant"
  vs "Gazprom") and its hedging cues, with the sentence and where in it they stand; ``differs`` names the words
  no other outlet uses for that event (compared by a crude English stem, so "signed"/"signs" agree). Sentiment
  words would be a poor measure of framing: "support" or "united" say nothing about how a fact is told;
- **tone toward each actor**: the mean VADER compound score of the sentences that mention the actor (Hutto &
  Gilbert, "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of Social Media Text", ICWSM 2014;
  the vaderSentiment package, MIT licence).
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

# general English hedging / attribution-at-a-distance cues (one pattern each)
HEDGE_CUES = (
    r"reportedly", r"allegedly", r"according to", r"sources? (?:said|say|familiar)", r"is said to", r"are said to",
    r"was said to", r"were said to", r"is believed to", r"are believed to", r"apparently", r"purportedly",
    r"supposedly", r"unconfirmed", r"(?:may|might|could) (?:have )?(?:be|been)\b", r"it is (?:understood|thought)",
    r"claimed", r"claims that", r"rumou?red", r"suspected", r"possibly", r"presumably",
)
_HEDGE = re.compile(r"\b(?:" + "|".join(HEDGE_CUES) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    return SentimentIntensityAnalyzer()


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
    tone: dict = field(default_factory=dict)
    wording: list = field(default_factory=list)           # see ``wording``: this outlet's entries

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
        for name, t in f.tone.items():
            tone_acc[f.outlet][name].extend([t] * f.tone_sentences.get(name, 1))
    story_events = {m.event.id for m in merged}
    for o in outlets.values():
        o.events_omitted = sorted(story_events - set(o.events_reported)) if len(outlets) > 1 else []
        o.tone = {n: round(sum(v) / len(v), 4) for n, v in sorted(tone_acc[o.outlet].items())}
    for outlet, entries in wording(annotated, merged).items():
        if outlet in outlets:
            outlets[outlet].wording = entries
    return {"articles": arts, "outlets": sorted(outlets.values(), key=lambda o: (-len(o.article_ids), o.outlet))}


# ------------------------------------------------------------------ wording of the same facts
_SUFFIXES = ("ing", "ed", "es", "s")


def _stem(word: str) -> str:
    """A crude English stem for comparing wordings: "signed", "signs", "signing" -> "sign"; "banned" -> "ban";
    "pressured", "pressure" -> "pressur". Several words are stemmed word by word."""
    out = []
    for w in word.lower().replace("\u2019", "'").split():
        for suf in _SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                w = w[: -len(suf)]
                if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "aeiousl":
                    w = w[:-1]                          # banned -> bann -> ban
                break
        if len(w) > 3 and w.endswith("e"):
            w = w[:-1]
        out.append(w)
    return " ".join(out)


def _words_of(a: Annotated, e) -> Optional[dict]:
    """How article ``a`` words event ``e``: verb, actor and target labels, hedging cues, with their places
    (``marks``: [start, end, kind], offsets into ``sentence``)."""
    ev = next((v for v in e.evidence if v.article_id == a.article.id), e.evidence[0] if e.evidence else None)
    if ev is None or not ev.sentence:
        return None
    sent = ev.sentence
    text = a.article.text or ""
    aligned = text[ev.start:ev.end] == sent
    marks: list[list] = []
    verb = (e.trigger or "").strip() or None
    if verb:
        m = re.search(r"(?<!\w)" + re.escape(verb) + r"(?!\w)", sent, re.IGNORECASE)
        if m:
            marks.append([m.start(), m.end(), "verb"])
    labels: dict[str, list[str]] = {"actor": [], "target": []}
    for role, aid in (("actor", e.actor_id), ("target", e.target_id)):
        if not aid:
            continue
        for mn in a.mentions:
            if mn.actor_id != aid or mn.label == "PRON":
                continue
            if aligned and ev.start <= mn.start and mn.end <= ev.end:
                s0, s1 = mn.start - ev.start, mn.end - ev.start
            elif not aligned and mn.text and mn.text in sent:
                s0 = sent.index(mn.text)
                s1 = s0 + len(mn.text)
            else:
                continue
            if not any(s0 < x1 and x0 < s1 for x0, x1, _ in marks):
                marks.append([s0, s1, role])
                if sent[s0:s1] not in labels[role]:
                    labels[role].append(sent[s0:s1])
    cues = []
    for m in _HEDGE.finditer(sent):
        if not any(m.start() < x1 and x0 < m.end() for x0, x1, _ in marks):
            marks.append([m.start(), m.end(), "cue"])
            cues.append(m.group(0))
    return {"article_id": a.article.id, "sentence": sent, "start": ev.start, "end": ev.end, "verb": verb,
            "actor_labels": labels["actor"], "target_labels": labels["target"], "cues": cues,
            "marks": sorted(marks)}


def _terms(entry: dict) -> list[tuple[str, str]]:
    """(shown word, comparison key) for each word an entry uses."""
    out = []
    if entry["verb"]:
        out.append((entry["verb"], "verb:" + _stem(entry["verb"])))
    out += [(x, "label:" + _stem(x)) for x in entry["actor_labels"] + entry["target_labels"]]
    out += [(x, "cue:" + _stem(x)) for x in entry["cues"]]
    return out


def wording(annotated: Sequence[Annotated], merged: Sequence[MergedEvent]) -> dict[str, list[dict]]:
    """outlet -> how it words each merged event that another outlet reports too, when the wordings differ.

    Each entry: ``event_id``, ``article_id``, ``sentence`` (+ ``start``/``end`` in the article), ``verb``,
    ``actor_labels``, ``target_labels``, ``cues``, ``marks`` (where those stand in the sentence) and
    ``differs``: the words of this outlet no other outlet uses for the event. Events every outlet words alike
    are left out: they show no difference of framing."""
    by_id = {e.id: (a, e) for a in annotated for e in a.events}
    out: dict[str, list[dict]] = defaultdict(list)
    for m in merged:
        per: dict[str, dict] = {}
        for sid in m.source_event_ids:
            found = by_id.get(sid)
            if not found:
                continue
            entry = _words_of(*found)
            if entry:
                per.setdefault(_outlet(found[0]), entry)       # an outlet's first report of the event
        if len(per) < 2:
            continue
        keys = {o: {k for _, k in _terms(en)} for o, en in per.items()}
        for o, en in per.items():
            others = set().union(*(keys[x] for x in per if x != o))
            en["differs"] = list(dict.fromkeys(w for w, k in _terms(en) if k not in others))
        if not any(en["differs"] for en in per.values()):
            continue
        for o, en in per.items():
            out[o].append(dict(en, event_id=m.event.id))
    return dict(out)
