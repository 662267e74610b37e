"""Quotes and attributions: who said what, with the offsets of the words said.

Three kinds (``Quote.kind``):
- ``direct``: words inside quote marks that stand as speech (sentence-initial, after a colon or a lead-in
  comma, or a quotation that is its own sentence), attributed before or after ("…," he said. / X said: "…"),
  including a quote split by its attribution (two records, one speaker), quotes running over paragraphs and a
  follow-up sentence in marks with no attribution of its own (it inherits the speaker of the paragraph);
- ``partial``: a quoted fragment inside reported speech (X said Y should "not be allowed to …");
- ``reported``: speech without marks — "X said (that) …", "X told Reuters …", "according to X, …", and the
  verb-object attributions news copy is full of ("criticized X for Y", "called for Z", "accused X of Y"):
  which lemma introduces attributed material through which dependency frame (``cue_frames``) is learned
  from PolNeAR's train split (``data/quotes/cue_frames.tsv``, built by ``bench/learn_quote_cues.py``); a
  logistic regression over each candidate's features (``frame_features``: lemma, frame, source kind, tag,
  dependency, length; ``data/quotes/cue_model.tsv``, same script) decides which candidates are attributions,
  so a rare lemma backs off to what its frame and syntax say (the table is the fallback without the model).

When no speech verb is found, a quote ending in a comma takes the clause right after it as its attribution
whatever the verb ('"…," Oliver barked'; ``attribute_after_loose``), and a lead-in comma any clause with a
subject ('As Weiner put it, "…"').

Sources are the cue's subject, a passive's agent, a participle's noun ("Jane Roe, saying …"), a signature
after a dash, a transcript tag ("ROE: …"); a relative pronoun ("the senator, who said …") keeps its own
offsets (as annotated) but its speaker is the antecedent. Records that share one cue (``cue_start``) are
one attribution with a discontinuous content ('"A," she said. "B."').

``find_attributions`` gives the same records with the source's offsets as well (for evaluation);
``find_quotes`` turns them into ``Quote`` records whose speaker is resolved to an actor.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from storyline.model import Actor, Article, Mention, Quote, short_id
from storyline.understand import actor_dictionary
from storyline.understand.doc_text import doc_text
from storyline.understand.quotes.cues import (
    cue_frames,
    cue_model,
    cue_score,
    cue_source,
    frame_features,
    frame_lemma,
    frame_table,
    source_class,
)
from storyline.understand.quotes.direct import DirectQuotes, _is_title
from storyline.understand.quotes.marks import Attribution, quote_segments
from storyline.understand.quotes.parse import _np_span
from storyline.understand.quotes.reported import ReportedSpeech

__all__ = ["Attribution", "find_attributions", "find_quotes", "quote_segments", "cue_frames", "cue_model", "cue_score",
           "cue_source", "frame_features", "frame_lemma", "frame_table", "source_class", "_is_title", "_Finder"]


INHERIT_PREV_PARA = True
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
GROUP_INHERITED = True
# A reported attribution whose cue sits inside another attribution's content ('the fact-checker said Trump's claim
# that X was not true': the claim, inside what was said) is kept only when its cue scores at least this (None: all
# kept). At 1.0 every scored one goes: on PolNeAR ~86% of them were wrong, and keeping the confident ones
# (>= 0.65, 0.8) scored lower on dev and on held-out train (see nested_kept)
NESTED_THRESHOLD: Optional[float] = 1.0


class _Finder(DirectQuotes, ReportedSpeech):
    """Every attribution of one parsed text: direct quotes first (``DirectQuotes``), then reported speech outside
    them (``ReportedSpeech``), speakers resolved to the article's actors."""

    def __init__(self, doc: Doc, article: Article, mentions: list[Mention], actors: list[Actor],
                 model: Optional[dict[str, float]] = None) -> None:
        self.model = model      # cue model weights (None: the shipped one; bench/learn_quote_cues.py passes its own)
        self.doc = doc
        self.text = doc_text(doc)
        self.article = article
        self.mentions = mentions
        self.actors = {a.id: a for a in actors}
        self.parsed = doc.has_annotation("DEP")
        self.direct_cues: set[int] = set()
        self.cue_scores: dict[int, float] = {}   # reported cue start -> the cue model's score (or frame precision)

    def tok_at(self, char: int) -> Optional[Token]:
        span = self.doc.char_span(char, min(char + 1, len(self.text)), alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def sent_of(self, char: int) -> Optional[Span]:
        t = self.tok_at(char)
        return t.sent if t is not None and self.doc.has_annotation("SENT_START") else None


    # -- speakers to actors
    def resolve(self, s: int, e: int, head: Optional[Token], memory: dict
                ) -> tuple[str, Optional[str], Optional[str]]:
        """(speaker as written, actor name, actor id); a relative pronoun ('the senator, who said …') stands
        for its antecedent."""
        if head is not None and head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl" \
                and head.head.head.pos_ in {"NOUN", "PROPN"}:
            head = head.head.head
            s, e = _np_span(head)
        return (self.text[s:e], *self._resolve(s, e, head, memory))

    def _resolve(self, s: int, e: int, head: Optional[Token], memory: dict) -> tuple[Optional[str], Optional[str]]:
        inside = [m for m in self.mentions if m.start >= s and m.end <= e and m.actor_id]
        order = {"PERSON": 0, "PRON": 1, "ORG": 2, "GPE": 2, "DESC": 3, "NORP": 4, "LOC": 5, "FAC": 5}
        inside.sort(key=lambda m: (order.get(m.label, 9), -(m.end - m.start)))
        head_lemma = head.lemma_.lower() if head is not None else ""
        if inside:
            m = inside[0]
            a = self.actors.get(m.actor_id)
            if head_lemma in actor_dictionary.OFFICIAL_NOUNS:
                memory[head_lemma] = (a.name if a else None, m.actor_id)
            return (a.name if a else m.text), m.actor_id
        if head_lemma and head_lemma in memory:
            return memory[head_lemma]
        return None, None

    def run(self, drop_nested: bool = True) -> list[Attribution]:
        """Every attribution of the text; ``drop_nested=False`` keeps the nested ones (``nested_kept``)."""
        segs = self.direct()
        atts: list[Attribution] = []
        memory: dict = {}
        for seg in segs:
            if seg.src is not None:
                ss, se, head = seg.src
                surface, name, aid = self.resolve(ss, se, head, memory)
                atts.append(Attribution(seg.kind or "direct", seg.start, seg.end, ss, se, seg.cue,
                                        surface, name, aid, *(seg.cue_span or (None, None))))
            else:
                atts.append(Attribution(seg.kind or "direct", seg.start, seg.end, cue=None))
        taken = [(a.start, a.end) for a in atts if a.kind == "direct"]
        self.direct_cues = {a.cue_start for a in atts if a.kind == "direct" and a.cue_start is not None}
        for r in self.reported(taken):
            if r.source_start is None:
                atts.append(r)
                continue
            surface, name, aid = self.resolve(r.source_start, r.source_end, self.tok_at(r.source_end - 1), memory)
            atts.append(Attribution(r.kind, r.start, r.end, r.source_start, r.source_end, r.cue,
                                    surface, name, aid, r.cue_start, r.cue_end))
        atts.sort(key=lambda a: a.start)
        return self.inherit(self.nested_kept(atts) if drop_nested else atts)

    def nested_kept(self, atts: list[Attribution]) -> list[Attribution]:
        """``atts`` less the weak reported attributions nested in another one's content: a cue inside what
        someone is reported to have said ('X said Trump's claim that … is false': the claim) is more often a
        word of that content than an attribution of its own. Widest contents are judged first, so that an
        attribution is only ever dropped for one that stays; cues without a score (direct quotes,
        'according to', colon leads) always stay. On PolNeAR (dev / held-out train) this drops ~8% of the
        predictions at the cost of ~1.5% of the hits."""
        if NESTED_THRESHOLD is None:
            return atts
        kept: list[Attribution] = []
        for a in sorted(atts, key=lambda a: a.start - a.end):
            score = self.cue_scores.get(a.cue_start) if a.kind == "reported" and a.cue_start is not None else None
            if score is not None and score < NESTED_THRESHOLD and any(
                    o.cue_start != a.cue_start and o.start <= a.cue_start and a.cue_end <= o.end for o in kept):
                continue
            kept.append(a)
        kept.sort(key=lambda a: a.start)
        return kept

    def inherit(self, atts: list[Attribution]) -> list[Attribution]:
        """A quote with no attribution of its own after reported speech in its paragraph ('The cuts are
        "not enough," says Jane Roe. "We need more."') is by the same source."""
        out: list[Attribution] = []
        for a in atts:
            if a.kind == "direct" and a.source_start is None:
                para = self.text.rfind("\n", 0, a.start) + 1
                prev = [o for o in out if o.source_start is not None and para <= o.start and o.end <= a.start]
                if not prev and INHERIT_PREV_PARA and para > 0:
                    pp = self.text.rfind("\n", 0, max(para - 1, 0))
                    while pp > 0 and not self.text[pp + 1:para].strip():
                        pp = self.text.rfind("\n", 0, pp)
                    prev = [o for o in out if o.source_start is not None and pp + 1 <= o.start and o.end <= a.start]
                if prev:
                    p = prev[-1]
                    same_para = p.start >= para
                    a = Attribution(a.kind, a.start, a.end, p.source_start, p.source_end, None, p.speaker,
                                    p.speaker_name, p.speaker_id,
                                    *((p.cue_start, p.cue_end) if same_para and GROUP_INHERITED else (None, None)))
            out.append(a)
        return out


def find_attributions(doc: Doc, article: Article, mentions: list[Mention],
                      actors: list[Actor]) -> list[Attribution]:
    """Direct, partial and reported speech with content and source offsets."""
    return _Finder(doc, article, mentions, actors).run()


def find_quotes(doc: Doc, article: Article, mentions: list[Mention], actors: list[Actor]) -> list[Quote]:
    """Quote records (offsets of the quoted words in article.text; sentence = the sentence(s) holding them)."""
    text = doc_text(doc)
    out: list[Quote] = []
    has_sents = doc.has_annotation("SENT_START")
    for a in find_attributions(doc, article, mentions, actors):
        sent_text = text[a.start:a.end]
        if has_sents:
            first = doc.char_span(a.start, a.start + 1, alignment_mode="expand")
            last = doc.char_span(max(a.end - 1, a.start), a.end, alignment_mode="expand")
            if first is not None and last is not None and len(first) and len(last):
                s0, s1 = first[0].sent.start_char, last[0].sent.end_char
                sent_text = text[s0:s1].strip()
        out.append(Quote(id=short_id(article.id, str(a.start), str(a.end)), article_id=article.id,
                         text=text[a.start:a.end], kind=a.kind, sentence=sent_text, start=a.start, end=a.end,
                         speaker=a.speaker, speaker_name=a.speaker_name, speaker_id=a.speaker_id))
    return out
