"""Reported speech: attributions without quote marks ('X said (that) …', 'according to X, …', 'NAME: …')."""
from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Span, Token

from storyline.understand.quotes.cues import (
    _trim_tail,
    cue_frames,
    cue_model,
    cue_score,
    cue_source,
    frame_features,
    frame_lemma,
    frame_lemmas,
    frame_table,
    source_class,
)
from storyline.understand.quotes.marks import Attribution, _paragraphs
from storyline.understand.quotes.parse import _according_to, _np_span

# a (lemma, frame) of the learned table is used when hits / (total + SMOOTHING) reaches THRESHOLD
FRAME_MIN_HITS = 2
FRAME_SMOOTHING = 2
FRAME_THRESHOLD = 0.3
FRAME_SPECIFIC_MIN = 5     # (lemma, frame|source class) rows with fewer occurrences back off to (lemma, frame)
STRIP_MARK = True
SKIP_DIRECT_CUES = False
ACCORDING_CLAUSE = True
USE_CUE_MODEL = True
MODEL_THRESHOLD = 0.3
PRONOUN_OBJECTS = True
OBJECT_PRONOUNS = {"it", "them", "him", "her", "me", "us", "you", "this", "these", "those"}
NOSRC_MIN_TOKENS = 4   # a reported content with no source needs this many tokens


class ReportedSpeech:
    """The reported-speech half of the attribution finder (``_Finder``): needs ``text``, ``doc``, ``parsed``,
    ``mentions``, ``model``, ``direct_cues`` and ``cue_scores``."""

    def reported(self, taken: list[tuple[int, int]]) -> list[Attribution]:
        """Speech without marks; a clause holding a partial quote is reported speech too."""
        if not self.parsed:
            return []
        found = _Found(taken)
        table = frame_table()
        lemmas = frame_lemmas()
        model = self.model if self.model is not None else cue_model() if USE_CUE_MODEL else {}
        for tok in self.doc:
            key = frame_lemma(tok) if tok.pos_ in {"VERB", "AUX", "NOUN"} else ""
            frames = cue_frames(tok) if key and (model or key in lemmas) else []
            if frames:
                src = cue_source(tok)
                best = (self.best_by_model(tok, frames, src, model, taken) if model
                        else _best_by_table(key, frames, src, table))
                if best is not None:
                    self.emit(found, best[1], src, tok, strip_mark=STRIP_MARK, score=best[0])
            acc = _according_to(tok)
            if acc is not None:
                self.emit(found, _trim_tail(_according_content(tok, acc)), acc, tok.doc[tok.i:tok.i + 2])
        return found.out + self.colon_leads(taken)

    @staticmethod
    def best_by_model(tok: Token, frames: list[tuple[str, list[Token]]], src: Optional[Token],
                      model: dict[str, float], taken: list[tuple[int, int]]) -> Optional[tuple[float, list[Token]]]:
        """(score, content) of the frame the cue model scores highest, when it reaches MODEL_THRESHOLD; frames whose
        content lies inside a direct quote are not candidates."""
        best = None
        for name, toks in frames:
            if any(a <= toks[0].idx and toks[-1].idx + len(toks[-1]) <= b + 1 for a, b in taken):
                continue
            p = cue_score(model, frame_features(tok, name, toks, src))
            if best is None or p > best[0]:
                best = (p, toks)
        return best if best is not None and best[0] >= MODEL_THRESHOLD else None

    def emit(self, found: _Found, toks: list[Token], src: Optional[Token], cue: Token | Span,
             strip_mark: bool = True, score: Optional[float] = None) -> None:
        """Record the content ``toks`` of a cue (one record per contiguous run of it) when it says something."""
        while toks and ((strip_mark and toks[0].dep_ == "mark") or toks[0].is_punct or toks[0].is_space):
            toks = toks[1:]
        while toks and (toks[-1].is_punct or toks[-1].is_space):
            toks = toks[:-1]
        if len(toks) < 1 or (len(toks) < NOSRC_MIN_TOKENS and src is None):
            return
        # 'denied that', 'said so' say nothing; 'criticized him', 'does not defend it' are attributions
        if all(t.pos_ in {"PRON", "DET", "SCONJ", "PART", "ADP"} for t in toks) and not (
                PRONOUN_OBJECTS and len(toks) == 1 and toks[0].dep_ == "dobj" and toks[0].lower_ in OBJECT_PRONOUNS):
            return
        ss = se = None
        if src is not None:
            ss, se = _np_span(src)
        c0, c1 = (cue.idx, cue.idx + len(cue)) if isinstance(cue, Token) else (cue.start_char, cue.end_char)
        if c0 in self.direct_cues and SKIP_DIRECT_CUES:   # 'scolded him: "…"': the quote is what was said
            return
        runs = _runs(toks)
        for run in runs:
            while run and (run[0].is_punct or run[0].is_space):
                run = run[1:]
            while run and (run[-1].is_punct or run[-1].is_space):
                run = run[:-1]
            if not run or (len(runs) > 1 and all(
                    t.pos_ in {"PRON", "DET", "SCONJ", "PART", "ADP", "CCONJ"} for t in run)):
                continue        # 'that' of 'a concern that X says is unfounded' is no quote on its own
            s, e = run[0].idx, run[-1].idx + len(run[-1])
            if not found.free(s, e) or (ss is not None and ss < e and s < se):
                continue
            found.out.append(Attribution("reported", s, e, ss, se, cue.text, cue_start=c0, cue_end=c1))
            found.seen.add((s, e))
            if score is not None:
                self.cue_scores[c0] = score

    def colon_leads(self, taken: list[tuple[int, int]]) -> list[Attribution]:
        """'NAME: words…' at the start of a paragraph (transcripts, headlines) without quote marks."""
        out = []
        for ps, pe in _paragraphs(self.text):
            para = self.text[ps:pe]
            m = re.match(r"\s*([A-Z][\w.\u2019'-]*(?: [A-Z][\w.\u2019'-]*){0,3}):\s+(\S.*)", para)
            if not m:
                continue
            ss, se = ps + m.start(1), ps + m.end(1)
            cs, ce = ps + m.start(2), pe
            while ce > cs and self.text[ce - 1].isspace():
                ce -= 1
            if any(a < ce and cs < b for a, b in taken):
                continue
            named = m.group(1).isupper() and len(m.group(1)) > 2 or any(
                mm.start >= ss and mm.end <= se and mm.label in {"PERSON", "ORG", "GPE"} for mm in self.mentions)
            if named:
                out.append(Attribution("reported", cs, ce, ss, se, ":", cue_start=se, cue_end=se + 1))
        return out


class _Found:
    """The reported attributions of one text so far, and the spans they may not take."""

    def __init__(self, taken: list[tuple[int, int]]) -> None:
        self.taken = taken
        self.out: list[Attribution] = []
        self.seen: set[tuple[int, int]] = set()

    def free(self, s: int, e: int) -> bool:
        """Not inside a direct quote (the quote is the record), not a second copy of one we have."""
        return (s, e) not in self.seen and not any(a <= s and e <= b + 1 for a, b in self.taken)


def _runs(toks: list[Token]) -> list[list[Token]]:
    """Contiguous runs of tokens (a content split by its cue: 'The plan, she said, will fail')."""
    runs: list[list[Token]] = [[toks[0]]]
    for t in toks[1:]:
        if t.i == runs[-1][-1].i + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    return runs


def _best_by_table(key: str, frames: list[tuple[str, list[Token]]], src: Optional[Token],
                   table: dict[tuple[str, str], tuple[int, int]]) -> Optional[tuple[float, list[Token]]]:
    """(precision, content) of the frame the learned table trusts most for this lemma and source class (without the
    cue model), when it reaches FRAME_THRESHOLD."""
    cls = source_class(src)
    best = None
    for name, toks in frames:
        hits, total = table.get((key, f"{name}|{cls}"), (0, 0))
        if total < FRAME_SPECIFIC_MIN:
            hits, total = table.get((key, name), (0, 0))
        if hits < FRAME_MIN_HITS:
            continue
        prec = hits / (total + FRAME_SMOOTHING)
        if best is None or prec > best[0]:
            best = (prec, toks)
    return best if best is not None and best[0] >= FRAME_THRESHOLD else None


def _according_content(tok: Token, acc: Token) -> list[Token]:
    """What 'according to X' attributes: the rest of its sentence when it leads it, else the clause it qualifies,
    around it ('Fundraising, [according to the campaign,] has surged': a discontinuous content)."""
    sent = tok.sent
    pp = tok.doc[tok.i:acc.right_edge.i + 1]
    if pp.start - sent.start <= 1:
        return [t for t in sent if t.i > pp.end - 1]
    if not ACCORDING_CLAUSE:
        return [t for t in sent if t.i < pp.start]
    # 'At the same time, … : [London was …], according to X'
    head = tok.head
    while head.dep_ not in {"ROOT", "ccomp", "conj", "advcl", "relcl", "parataxis"} and \
            head.head.i != head.i and head.pos_ not in {"VERB", "AUX"}:
        head = head.head
    pp_ids = set(range(pp.start, pp.end))
    if head.dep_ in {"advcl", "relcl"} or head.i == tok.i:
        return [t for t in sent if t.i not in pp_ids]
    return [t for t in head.subtree if t.i not in pp_ids and sent.start <= t.i < sent.end]
