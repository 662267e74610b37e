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
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Optional

from storyline.model import Annotated, ArticleFraming, Framing, MergedEvent, OutletFraming, Wording

from .brief import sentences_of

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


def _outlet(a: Annotated) -> str:
    return a.article.outlet or f"(unknown outlet: {a.article.id})"


def frame_article(a: Annotated, event_ids: Sequence[str] = ()) -> ArticleFraming:
    actors = {x.id: x for x in a.actors}
    voices, sides = Counter(), Counter()
    for q in a.quotes:
        who = q.speaker_name or q.speaker or "(unattributed)"
        voices[who] += 1
        act = actors.get(q.speaker_id) if q.speaker_id else None
        sides[(act.country or act.sector) if act and (act.country or act.sector) else "unknown"] += 1
    told = [e for e in a.events if not e.negated]
    sents = sentences_of(a)
    tone_of, scored = _tone(a, actors, sents)
    return ArticleFraming(article_id=a.article.id, outlet=_outlet(a), voices=dict(voices),
                          voices_by_side=dict(sides), events=tuple(event_ids),
                          hedged_events=sum(1 for e in told if e.hedged),
                          asserted_events=sum(1 for e in told if not e.hedged),
                          hedged_sentences=sum(1 for _, s in sents if _HEDGE.search(s)), sentences=len(sents),
                          tone=tone_of, tone_sentences=scored)


def _tone(a: Annotated, actors: dict, sents: list[tuple[int, str]]) -> tuple[dict, dict]:
    """(actor name -> mean tone, actor name -> sentences scored) over the sentences that mention each actor
    (by mention, else by name)."""
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
    tone_of, scored = {}, {}
    for aid, idxs in by_actor.items():
        scores = [tone(text_of[k]) for k in sorted(idxs) if k in text_of]
        if scores:
            name = actors[aid].name
            tone_of[name] = round(sum(scores) / len(scores), 4)
            scored[name] = len(scores)
    return tone_of, scored


def framing(annotated: Sequence[Annotated], merged: Sequence[MergedEvent]) -> Framing:
    """Per article and per outlet framing of one story's articles, given the story's merged events (the link
    stage merges them once: ``storyline.link.merge.merge_events``)."""
    ev_of_article: dict[str, list[str]] = defaultdict(list)
    for m in merged:
        for aid in m.article_ids:
            ev_of_article[aid].append(m.event.id)
    arts = [frame_article(a, ev_of_article.get(a.article.id, [])) for a in annotated]
    acc: dict[str, dict] = {}
    for f in arts:
        o = acc.setdefault(f.outlet, {"article_ids": [], "voices": {}, "voices_by_side": {}, "events_reported": [],
                                      "hedged_events": 0, "asserted_events": 0, "hedged_sentences": 0,
                                      "sentences": 0, "tone": defaultdict(list)})
        o["article_ids"].append(f.article_id)
        o["voices"] = dict(Counter(o["voices"]) + Counter(f.voices))
        o["voices_by_side"] = dict(Counter(o["voices_by_side"]) + Counter(f.voices_by_side))
        o["events_reported"] = sorted(set(o["events_reported"]) | set(f.events))
        for k in ("hedged_events", "asserted_events", "hedged_sentences", "sentences"):
            o[k] += getattr(f, k)
        for name, t in f.tone.items():
            o["tone"][name].extend([t] * f.tone_sentences.get(name, 1))
    story_events = {m.event.id for m in merged}
    words = wording(annotated, merged)
    outlets = []
    for name, o in acc.items():
        omitted = sorted(story_events - set(o["events_reported"])) if len(acc) > 1 else []
        outlets.append(OutletFraming(
            outlet=name, article_ids=tuple(o["article_ids"]), voices=o["voices"], voices_by_side=o["voices_by_side"],
            events_reported=tuple(o["events_reported"]), events_omitted=tuple(omitted),
            hedged_events=o["hedged_events"], asserted_events=o["asserted_events"],
            hedged_sentences=o["hedged_sentences"], sentences=o["sentences"],
            tone={n: round(sum(v) / len(v), 4) for n, v in sorted(o["tone"].items())},
            wording=tuple(words.get(name, ()))))
    return Framing(articles=tuple(arts), outlets=tuple(sorted(outlets, key=lambda o: (-len(o.article_ids), o.outlet))))


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


def _words_of(a: Annotated, e) -> Optional[Wording]:
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
    return Wording(article_id=a.article.id, sentence=sent, start=ev.start, end=ev.end, verb=verb,
                   actor_labels=tuple(labels["actor"]), target_labels=tuple(labels["target"]), cues=tuple(cues),
                   marks=tuple(tuple(m) for m in sorted(marks)))


def _terms(entry: Wording) -> list[tuple[str, str]]:
    """(shown word, comparison key) for each word an entry uses."""
    out = []
    if entry.verb:
        out.append((entry.verb, "verb:" + _stem(entry.verb)))
    out += [(x, "label:" + _stem(x)) for x in entry.actor_labels + entry.target_labels]
    out += [(x, "cue:" + _stem(x)) for x in entry.cues]
    return out


def wording(annotated: Sequence[Annotated], merged: Sequence[MergedEvent]) -> dict[str, list[Wording]]:
    """outlet -> how it words each merged event that another outlet reports too, when the wordings differ.

    Each entry: ``event_id``, ``article_id``, ``sentence`` (+ ``start``/``end`` in the article), ``verb``,
    ``actor_labels``, ``target_labels``, ``cues``, ``marks`` (where those stand in the sentence) and
    ``differs``: the words of this outlet no other outlet uses for the event. Events every outlet words alike
    are left out: they show no difference of framing."""
    by_id = {e.id: (a, e) for a in annotated for e in a.events}
    out: dict[str, list[Wording]] = defaultdict(list)
    for m in merged:
        per: dict[str, Wording] = {}
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
        differs = {o: tuple(dict.fromkeys(w for w, k in _terms(en) if k not in set().union(
            *(keys[x] for x in per if x != o)))) for o, en in per.items()}
        if not any(differs.values()):
            continue
        for o, en in per.items():
            out[o].append(replace(en, differs=differs[o], event_id=m.event.id))
    return dict(out)
