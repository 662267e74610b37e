"""'I', 'me', 'my' inside a quotation: the person the sentence says spoke it ("`My picture is taken only when I
have a cup in my hand,' she told a magazine") - a part of the per-article resolver.

A quotation runs from an opening mark to its closing one (or to the end of the paragraph, as English leaves a
quotation that goes on in the next paragraph open). Its speaker is the subject of a verb of saying written outside
the quotation in a sentence the quotation touches, when that subject is a mention of a named person; a quotation
with no such verb, or with two speakers, gives its first-person pronouns to no one, unless it goes on from
the quotation of the sentence before with no one named in between. Mentions, never aliases."""
from __future__ import annotations

from typing import Optional

from storyline.understand.actors.base import _Actor

SAY = {"say", "tell", "add", "explain", "write", "recall", "insist", "state", "declare", "note", "continue",
       "reply", "answer", "admit", "acknowledge", "claim", "testify", "recount", "post", "tweet"}
OPEN = {"\u201c", "``", "`"}     # "``" is two tokens "`"
CLOSE = {"\u201d", "''"}
FIRST_PERSON = {"i", "me", "my", "mine", "myself"}


class QuotedMixin:
    def quoted_speakers(self) -> None:
        doc = self.doc
        if not doc.has_annotation("DEP"):
            return
        regions = self._quotations()
        if not regions:
            return
        inside = set()
        for s, e in regions:
            inside.update(range(s, e + 1))
        last: Optional[tuple[int, _Actor]] = None     # the previous quotation's end and speaker
        for s, e in regions:
            speaker = self._speaker(s, e, inside)
            if speaker is None and last is not None and self._goes_on(last[0], s, last[1]):
                speaker = last[1]     # a quotation that goes on: "`I partied hard,' she said. `But I ...'"
            last = (e, speaker) if speaker is not None else None
            if speaker is None:
                continue
            for i in range(s + 1, e):
                if doc[i].lower_ in FIRST_PERSON and doc[i].pos_ == "PRON" and i not in self.used:
                    self.add(i, i + 1, "PRON", speaker)

    def _quotations(self) -> list[tuple[int, int]]:
        """(opening mark, closing mark or last token of the paragraph) token indices."""
        doc = self.doc
        out, start = [], None
        for t in doc:
            txt = t.text
            if start is not None and ("\n" in txt or txt in CLOSE or txt == '"'):
                out.append((start, t.i))
                start = None
                continue
            if start is None and (txt in OPEN or txt == '"'):
                start = t.i
        if start is not None:
            out.append((start, len(doc) - 1))
        return out

    def _goes_on(self, prev_end: int, start: int, speaker: _Actor) -> bool:
        """Does a quotation at ``start`` go on from the one of ``speaker`` ending at ``prev_end``: in the same or
        the next sentence, no one else named in between?"""
        doc = self.doc
        if sum(1 for t in doc[prev_end + 1:start + 1] if t.is_sent_start and not t.is_space) > 1:
            return False
        a, b = doc[prev_end].idx, doc[start].idx
        return not any(m.label == "PERSON" and a <= m.start < b and m.actor is not speaker for m in self.ms)

    def _speaker(self, s: int, e: int, inside: set[int]) -> Optional[_Actor]:
        doc = self.doc
        lo, hi = doc[s].sent.start, doc[e].sent.end
        people = {}
        for v in doc[lo:hi]:
            if v.i in inside or v.lemma_.lower() not in SAY or v.pos_ not in {"VERB", "AUX"}:
                continue
            subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
            if subj is None:
                continue
            m = next((m for m in self.ms if m.actor is not None and m.actor.type == "PERSON"
                      and m.start <= subj.idx < m.end), None)
            if m is not None:
                people[m.actor.id] = m.actor
        return next(iter(people.values())) if len(people) == 1 else None
