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

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from spacy.tokens import Doc, Span, Token

from storyline.model import Actor, Article, Mention, Quote, short_id
from storyline.understand import actor_dictionary as D

# verbs whose object is what was said ("criticized X for Y", "described X as Y", "promised Z")
COMMUNICATION_VERBS = {
    "criticize", "criticise", "praise", "blast", "slam", "attack", "defend", "describe", "mention", "discuss",
    "tout", "deny", "question", "dismiss", "reject", "cite", "highlight", "accuse", "blame", "tie", "link",
    "compare", "condemn", "thank", "ridicule", "mock", "outline", "propose", "express", "reference", "raise",
    "address", "call", "label", "brand", "applaud", "hail", "lambaste", "denounce", "decry", "claim",
    "announce", "reveal", "acknowledge", "admit", "confirm", "predict", "suggest", "recommend", "endorse",
    "explain", "detail", "lay", "insist", "stress", "emphasize", "emphasise", "note", "argue", "warn",
    "promise", "pledge", "vow", "tweet", "write", "say", "tell", "ask", "urge", "demand", "chide", "scold",
    "mention", "recount", "recall", "repeat", "reiterate", "boast", "brag", "lament", "complain", "pitch",
}
SPEECH_VERBS = {
    "say", "tell", "add", "claim", "state", "announce", "explain", "note", "argue", "insist", "warn", "write",
    "report", "declare", "assert", "acknowledge", "admit", "confirm", "deny", "suggest", "contend", "maintain",
    "allege", "caution", "stress", "emphasize", "emphasise", "reply", "respond", "recall", "predict", "believe",
    "think", "hope", "fear", "expect", "ask", "complain", "promise", "vow", "tweet", "post", "testify",
    "concede", "indicate", "reveal", "disclose", "observe", "remark", "comment", "mention", "continue",
    "conclude", "quip", "joke", "shout", "yell", "whisper", "agree", "boast", "counter", "retort", "charge",
    "estimate", "show", "find", "learn", "know", "feel", "worry", "urge", "demand", "pledge", "repeat",
    "reiterate", "signal", "hint", "acknowledge", "accuse", "wonder", "speculate", "conclude", "point",
    "encourage", "press", "advise", "insist", "describe", "question", "doubt", "announce", "assure",
} | COMMUNICATION_VERBS
# verbs whose complement is speech only for direct quotes/partial quotes (too loose for reported speech)
DIRECT_ONLY = {"continue", "show", "find", "point"}
# verbs reporting a request: "urged supporters to monitor polling places" (object + infinitive = the content)
REQUEST_VERBS = {"urge", "ask", "tell", "call", "encourage", "warn", "demand", "press", "implore", "beg",
                 "invite", "advise", "instruct", "order", "challenge", "pledge", "promise", "vow", "threaten"}
# a (lemma, frame) of the learned table is used when hits / (total + SMOOTHING) reaches THRESHOLD
FRAME_MIN_HITS = 2
FRAME_SMOOTHING = 2
FRAME_THRESHOLD = 0.3
FRAME_SPECIFIC_MIN = 5     # (lemma, frame|source class) rows with fewer occurrences back off to (lemma, frame)
STRIP_MARK = True
SKIP_DIRECT_CUES = False
DASHES = {"\u2015", "\u2014", "\u2013", "-", "--"}
SIGNATURE = re.compile(r"[ \t]*([\u2015\u2014\u2013]|--?)[ \t]*([A-Z][\w.'\u2019-]*(?:[ \t]+[A-Z][\w.'\u2019-]*){0,4})[ \t]*[.,]?[ \t]*(?:\n|$)")
SPEAKER_TAG = re.compile(r"([A-Z][A-Z.'\u2019-]+(?: [A-Z][A-Z.'\u2019-]+){0,3}):\s+")
INHERIT_PREV_PARA = True
AFTER_WINDOW = 60   # tokens after a quote where its attribution may end (long appositions)
OPEN_MARKS = {"\u201c": "\u201d", '"': '"', "\u00ab": "\u00bb", "\u201e": "\u201d"}
CLOSE_MARKS = {"\u201d", '"', "\u00bb"}


@dataclass(frozen=True)
class Attribution:
    kind: str                       # direct | partial | reported
    start: int                      # content offsets in the article text
    end: int
    source_start: Optional[int] = None
    source_end: Optional[int] = None
    cue: Optional[str] = None
    speaker: Optional[str] = None   # surface form
    speaker_name: Optional[str] = None
    speaker_id: Optional[str] = None
    cue_start: Optional[int] = None   # offsets of the cue ('said', 'according to', ':'); one cue = one attribution
    cue_end: Optional[int] = None


@dataclass
class _Seg:
    start: int          # inner text offsets
    end: int
    para: int
    open_at: int        # offset of the opening mark
    close_at: int       # offset of the closing mark (or paragraph end)
    closed: bool
    kind: Optional[str] = None
    src: Optional[tuple[int, int, Optional[Token]]] = None   # (start_char, end_char, head token)
    cue: Optional[str] = None
    cue_span: Optional[tuple[int, int]] = None

    def attribute(self, src: Token, cue: Token | Span | str, span: Optional[tuple[int, int]] = None) -> None:
        self.src = (*_np_span(src), src)
        self.cue = cue if isinstance(cue, str) else cue.text
        self.cue_span = span if span is not None or isinstance(cue, str) else (
            cue.idx if isinstance(cue, Token) else cue.start_char,
            cue.idx + len(cue) if isinstance(cue, Token) else cue.end_char)


# ---------------------------------------------------------------- quote marks
def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in re.finditer(r"\n", text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


def quote_segments(text: str) -> list[_Seg]:
    """Spans inside double quote marks, paragraph by paragraph (unclosed ones run to the paragraph end)."""
    segs: list[_Seg] = []
    for pi, (ps, pe) in enumerate(_paragraphs(text)):
        open_at: Optional[int] = None
        open_len = 1
        i = ps - 1
        while i + 1 < pe:
            i += 1
            ch = text[i]
            if ch == "'" and text[i + 1:i + 2] == "'" and text[i + 2:i + 3] != "'":
                ch = '"'          # two apostrophes as a double quote mark (some wires' house style)
                width = 2
            else:
                width = 1
            if ch not in OPEN_MARKS and ch not in CLOSE_MARKS:
                continue
            if ch == '"':
                before = text[i - 1] if i > ps else " "
                role = "open" if open_at is None and (before.isspace() or before in "([{\u2014-:" or i == ps) \
                    else ("close" if open_at is not None else "open")
            else:
                role = "open" if ch in OPEN_MARKS else "close"
            if role == "open" and open_at is None:
                open_at, open_len = i, width
            elif role == "close" and open_at is not None:
                segs.append(_Seg(open_at + open_len, i, pi, open_at, i + width - 1, True))
                open_at = None
            i += width - 1
        if open_at is not None and pe - open_at > 2:
            segs.append(_Seg(open_at + open_len, pe, pi, open_at, pe, False))
    for s in segs:   # trim spaces and a trailing comma
        while s.start < s.end and text[s.start].isspace():
            s.start += 1
        while s.end > s.start and (text[s.end - 1].isspace() or text[s.end - 1] in ",;:"):
            s.end -= 1
    return [s for s in segs if s.end > s.start]


# ---------------------------------------------------------------- parse helpers
# heads that name a share of a group: the group is part of who spoke ('a number of countries', 'some of the aides')
PARTITIVE_HEADS = {"number", "group", "majority", "minority", "handful", "couple", "lot", "series", "host",
                   "dozens", "hundreds", "thousands", "millions", "some", "many", "most", "all", "both", "none",
                   "several", "few", "one", "two", "three", "four", "five", "half", "rest", "members", "member",
                   "each", "any", "much"}


def _np_span(tok: Token) -> tuple[int, int]:
    """The noun phrase headed by tok, left modifiers only ('a US State Department official'), with its group
    after a share of it ('a number of countries') and the noun phrases coordinated with it ('the government
    and the company')."""
    left = tok.left_edge.i
    right = _np_end(tok)
    for c in tok.rights:
        if c.i <= right:           # a flat name's own parts
            continue
        if c.i != right + 1:
            break
        if c.dep_ == "prep" and c.lower_ == "of" and tok.lower_ in PARTITIVE_HEADS:
            right = c.right_edge.i
        elif c.dep_ == "cc" and c.lower_ in {"and", "&"}:
            conj = next((k for k in tok.rights if k.dep_ == "conj" and k.i > c.i
                         and k.pos_ in {"NOUN", "PROPN", "PRON"}), None)
            if conj is None:
                break
            right = _np_end(conj)
            break
        else:
            break
    doc = tok.doc
    while left < tok.i and (doc[left].is_punct or doc[left].is_space):
        left += 1
    return doc[left].idx, doc[right].idx + len(doc[right])


def _np_end(tok: Token) -> int:
    """The last token of the noun phrase headed by tok before any right modifier but a flat name's parts
    ("Jane Doe" parsed head-first)."""
    right = tok.i
    for c in tok.rights:
        if c.dep_ in {"compound", "flat", "appos"} and c.i == right + 1 and c.ent_type_ == "PERSON":
            right = c.i
        else:
            break
    return right


def _subject(verb: Token) -> Optional[Token]:
    for c in verb.children:
        if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ != "AUX":
            return c
    if verb.dep_ in {"conj", "xcomp", "advcl"} and verb.head.pos_ in {"VERB", "AUX"}:
        return _subject(verb.head)
    return None


def _according_to(tok: Token) -> Optional[Token]:
    if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
        to = tok.doc[tok.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
        return objs[0] if objs else None
    return None


def _is_speech(tok: Token) -> bool:
    return tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in SPEECH_VERBS


# ---------------------------------------------------------------- cue frames (learned table)
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
_SKIP_RIGHT = {"punct", "cc", "conj", "advmod", "npadvmod", "prt", "neg", "aux", "auxpass", "mark", "dep"}


PREP_COMP_FRAME = True
PASSIVE_NO_SOURCE = True
COLON_PREV_PARA = True
COLON_ANY_VERB = True
ACCORDING_CLAUSE = True
USE_CUE_MODEL = True
GROUP_RUNS = True
GROUP_INHERITED = True
SOURCE_FALLBACKS = True
MODEL_THRESHOLD = 0.3
# A reported attribution whose cue sits inside another attribution's content ('the fact-checker said Trump's claim
# that X was not true': the claim, inside what was said) is kept only when its cue scores at least this (None: all
# kept). At 1.0 every scored one goes: on PolNeAR ~86% of them were wrong, and keeping the confident ones
# (>= 0.65, 0.8) scored lower on dev and on held-out train (see nested_kept)
NESTED_THRESHOLD: Optional[float] = 1.0
PRONOUN_OBJECTS = True
OBJECT_PRONOUNS = {"it", "them", "him", "her", "me", "us", "you", "this", "these", "those"}
PASSIVE_FRAMES = True
NOSRC_MIN_TOKENS = 4   # a reported content with no source needs this many tokens
RAISING_NO_SOURCE = True
PCOMP_SOURCE = True
RAISING_VERBS = {"seem", "appear", "look", "sound"}
LOOSE_AFTER = True
SHARE_SPLIT_CUE = True
LOOSE_BEFORE = True
LOOSE_MAX_SOURCE = 12   # tokens of source between a quote and its loose attribution verb
LOOSE_SOURCE_START = {"DET", "PROPN", "NOUN", "PRON", "ADJ", "NUM"}
TRIM_TAIL_DEPS = frozenset({"relcl", "advcl", "appos"})


def _trim_tail(toks: list[Token]) -> list[Token]:
    """Drop a trailing loose adjunct set off by a comma ('the reality of climate change[, which makes him an
    outlier]', 'to boost election security[, arguing that …]'): PolNeAR's contents end before it."""
    if not TRIM_TAIL_DEPS or len(toks) < 4:
        return toks
    ids = {t.i for t in toks}
    last = toks[-1].i
    for k, t in enumerate(toks):
        if k < 2 or t.dep_ not in TRIM_TAIL_DEPS or t.head.i not in ids:
            continue
        le = t.left_edge.i
        if t.right_edge.i < last - 1 or le < 1:
            continue
        prev = t.doc[le - 1]
        if prev.text in {",", "\u2014", "--", "\u2013", "-"} and prev.i in ids:
            return [x for x in toks if x.i < prev.i]
    return toks


def _content_tokens(toks: list[Token]) -> list[Token]:
    toks = sorted(toks, key=lambda t: t.i)
    while toks and (toks[0].is_punct or toks[0].is_space or toks[0].dep_ == "cc"):
        toks = toks[1:]
    while toks and (toks[-1].is_punct or toks[-1].is_space or toks[-1].dep_ == "cc"):
        toks = toks[:-1]
    return toks


def cue_frames(tok: Token) -> list[tuple[str, list[Token]]]:
    """The ways ``tok`` (a verb or noun) could introduce attributed material, each with its content tokens.

    Frames: ``ccomp`` ('said [that …]'), ``xcomp`` ('promised [to …]'), ``dobj`` ('denied [the report]'),
    ``dobj+<prep>`` ('criticized [X for Y]'), ``dobj+xcomp`` ('urged [X to Y]'), ``prep:<word>``
    ('called for [X]'), ``head`` ('[The plan will fail], she said': the clause the cue hangs from),
    for nouns ``acl``/``ccomp`` ('the claim [that …]'). Which lemma uses which frame for attribution is
    learned from PolNeAR's train split (``data/quotes/cue_frames.tsv``)."""
    out: list[tuple[str, list[Token]]] = []
    if tok.pos_ not in {"VERB", "AUX", "NOUN"}:
        return out
    kids = [c for c in tok.children]
    right = [c for c in kids if c.i > tok.i]
    if tok.pos_ == "NOUN":
        for c in right:
            if c.dep_ in {"acl", "ccomp"}:
                out.append((c.dep_, list(c.subtree)))
                break
        for c in right:
            if c.dep_ == "prep":
                obj = [g for g in c.children if g.dep_ in {"pobj", "pcomp"}]
                if obj:
                    out.append(("prep:" + c.lower_, list(obj[0].subtree)))
                break
        return out
    for c in kids:
        if c.dep_ == "ccomp":
            out.append(("ccomp", list(c.subtree)))
            break
    dobj = next((c for c in right if c.dep_ == "dobj"), None)
    xcomp = next((c for c in right if c.dep_ == "xcomp"), None)
    if xcomp is not None:
        out.append(("xcomp", list(xcomp.subtree)))
    if dobj is not None:
        out.append(("dobj", list(dobj.subtree)))
        after = [c for c in right if c.i > dobj.i and c.dep_ in {"prep", "xcomp", "oprd", "advcl"}]
        if after:
            a = after[0]
            name = "dobj+" + (a.lower_ if a.dep_ == "prep" else a.dep_)
            out.append((name, list(tok.doc[dobj.left_edge.i:a.right_edge.i + 1])))
    for c in right:
        if c.dep_ == "prep" and (dobj is None or c.i < dobj.i):
            obj = [g for g in c.children if g.dep_ in {"pobj", "pcomp"}]
            if obj:
                out.append(("prep:" + c.lower_, list(obj[0].subtree)))
                # 'called on [Obama to retaliate]', 'pressed for [the bill to pass]': object and infinitive
                later = [g for g in right if g.i > c.i and g.dep_ == "xcomp"]
                if later and PREP_COMP_FRAME:
                    out.append(("prep:" + c.lower_ + "+" + later[0].dep_,
                                list(tok.doc[obj[0].left_edge.i:later[0].right_edge.i + 1])))
            break
    if PASSIVE_FRAMES:
        subj = next((c for c in kids if c.dep_ == "nsubjpass"), None)
        if subj is not None:   # '[The nominee] has been endorsed by X'; '[He has been criticized for Y]'
            out.append(("nsubjpass", list(subj.subtree)))
            if not any(c.dep_ == "agent" for c in kids):
                out.append(("passclause", [t for t in tok.subtree if t.sent == tok.sent]))
    head = tok.head
    has_own = any(c.dep_ in {"ccomp", "xcomp", "dobj"} for c in kids)
    if tok.dep_ in {"parataxis", "ccomp", "advcl"} and not has_own and head.pos_ in {"VERB", "AUX"}:
        own = {t.i for t in tok.subtree}
        sent = tok.sent
        toks = [t for t in head.subtree if t.i not in own and sent.start <= t.i < sent.end]
        out.append(("head", toks))
    if not EXTENT_VARIANTS:
        out = [(n, _trim_tail(_content_tokens(t))) for n, t in out]
        return [(n, t) for n, t in out if t]
    # each frame also in its other extents, for the cue model to choose from: untrimmed ('~u': with the
    # loose adjunct _trim_tail drops) and run to the end of the cue's clause ('~r': 'backed [her candidacy
    # in high numbers]', 'refers to [those islands as Chinese bases]')
    final: list[tuple[str, list[Token]]] = []
    for n, t in out:
        base = _content_tokens(_drop_other_cues(tok, t) if DROP_OTHER_CUES else t)
        if not base:
            continue
        trimmed = _trim_tail(base)
        final.append((n, trimmed))
        if len(trimmed) < len(base):
            final.append((n + "~u" + _added(base[len(trimmed):]), base))
        if n.split("+")[0].split(":")[0] in EXTEND_FRAMES and base[0].i > tok.i:
            ext = _content_tokens(_rest_of_clause(tok, base))
            if ext and ext[-1].i > base[-1].i:
                final.append((n + "~r" + _added([t for t in ext if t.i > base[-1].i]), ext))
    return final


DROP_OTHER_CUES = True


def _drop_other_cues(cue: Token, toks: list[Token]) -> list[Token]:
    """A coordinated or adverbial clause of another speech verb is a second attribution, not part of this
    one's content: 'said [the move was made by Bratton] and said, "…"', 'named [five people], while Clinton
    named six', '[Clinton is honest], and three-quarters said the same of Sanders'. An infinitive of purpose
    is no second speech act: '[agencies met to discuss new curbs], Reuters reported' keeps it."""
    ids = {t.i for t in toks}
    drop: set[int] = set()
    for t in toks:
        if t.i != cue.i and t.dep_ in {"conj", "advcl", "parataxis"} and t.pos_ == "VERB" and t.head.i in ids \
                and t.lemma_.lower() in SPEECH_VERBS and t.lemma_.lower() not in DIRECT_ONLY and t.i > min(ids) \
                and not (t.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in t.children)):
            sub = {x.i for x in t.subtree}
            drop |= sub
            k = min(sub) - 1   # the 'and' / ',' / 'while' that joins it
            while k in ids and (t.doc[k].dep_ in {"cc", "punct", "mark"} or t.doc[k].is_punct):
                drop.add(k)
                k -= 1
    kept = [t for t in toks if t.i not in drop]
    return kept if kept else toks


def _added(toks: list[Token]) -> str:
    """What a variant adds, for the cue model: the dependency of the added part's root and its first word
    (':advcl:although', ':prep:in')."""
    toks = [t for t in toks if not t.is_punct] or toks
    ids = {t.i for t in toks}
    root = next((t for t in toks if t.head.i not in ids), toks[0])
    first = toks[0]
    word = first.lower_ if first.pos_ in {"ADP", "SCONJ", "ADV", "CCONJ", "PRON", "PART", "DET"} else first.pos_
    return f":{root.dep_}:{word}"


EXTENT_VARIANTS = True
EXTEND_FRAMES = {"dobj", "prep", "xcomp", "ccomp"}
_CLAUSE_END = {".", ";", "?", "!", ":"}


def _rest_of_clause(tok: Token, toks: list[Token]) -> list[Token]:
    """``toks`` and what follows them up to the end of ``tok``'s clause: its later right children (not a
    coordinated verb of its own, not past a sentence mark)."""
    end = toks[-1].i
    for c in tok.rights:
        if c.i <= end:
            continue
        if c.dep_ in {"conj", "cc", "parataxis"} or (c.dep_ == "punct" and c.text in _CLAUSE_END) \
                or c.text in OPEN_MARKS or c.text in CLOSE_MARKS:
            break
        end = max(end, c.right_edge.i)
    sent_end = tok.sent.end
    return list(tok.doc[toks[0].i:min(end + 1, sent_end)])


def frame_lemma(tok: Token) -> str:
    """The table key of a cue token: its lemma and 'V' (verb) or 'N' (noun): 'say/V', 'claim/N'."""
    return f"{tok.lemma_.lower()}/{'N' if tok.pos_ == 'NOUN' else 'V'}"


def source_class(src: Optional[Token]) -> str:
    """What the cue's source looks like, for the learned table: 'none', 'it' (an expletive or a thing
    pronoun: it, this, what, there) or 'x' (anything else)."""
    if src is None:
        return "none"
    return "it" if src.lower_ in {"it", "this", "that", "what", "there", "which"} else "x"


DATA = Path(__file__).resolve().parent.parent / "data" / "quotes"


@lru_cache(maxsize=1)
def frame_table() -> dict[tuple[str, str], tuple[int, int]]:
    """(lemma key, frame) -> (hits, total) from ``data/quotes/cue_frames.tsv`` (empty when missing)."""
    out: dict[tuple[str, str], tuple[int, int]] = {}
    path = DATA / "cue_frames.tsv"
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        lemma, frame, hits, total = line.split("\t")
        out[(lemma, frame)] = (int(hits), int(total))
    return out


def frame_features(tok: Token, name: str, toks: list[Token], src: Optional[Token]) -> list[str]:
    """Features of one candidate (cue token, frame, content, source) for the learned cue model: the lemma and
    frame and their combinations with the source class (a rare lemma backs off to its frame, tag and
    dependency), the cue's tag and dependency, negation, the content's length and first word, the source's
    kind."""
    name, _, var = name.partition("~")
    lemma = frame_lemma(tok)
    cls = source_class(src)
    fr = name.split("+")[0].split(":")[0]
    n = len(toks)
    nb = "1" if n == 1 else "2" if n <= 3 else "4" if n <= 8 else "9" if n <= 20 else "21"
    skind = "none" if src is None else (src.ent_type_ or src.pos_)
    return [f"l={lemma}", f"lf={lemma}|{name}", f"lfc={lemma}|{name}|{cls}", f"f={name}", f"fc={name}|{cls}",
            f"fr={fr}|{tok.tag_}", f"dep={fr}|{tok.dep_}", f"len={fr}|{nb}", f"sk={fr}|{skind}",
            f"w0={fr}|{toks[0].lower_ if toks[0].dep_ in {'mark', 'aux', 'det'} else toks[0].pos_}",
            f"neg={any(c.dep_ == 'neg' for c in tok.children)}", f"ll={lemma}|{nb}"] + (
        [f"v={var[0]}", f"vf={var[0]}|{name}", f"vl={var[0]}|{lemma}", f"vfc={var[0]}|{fr}|{cls}",
         f"vlen={var[0]}|{nb}", f"va={var}", f"vad={var.rsplit(':', 1)[0]}", f"vaf={var}|{fr}"]
        if var else [])


@lru_cache(maxsize=1)
def cue_model() -> dict[str, float]:
    """Feature weights of the learned cue model (``data/quotes/cue_model.tsv``; '' is the bias)."""
    path = DATA / "cue_model.tsv"
    out: dict[str, float] = {}
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            f, w = line.rsplit("\t", 1)
            out[f] = float(w)
    return out


def cue_score(model: dict[str, float], feats: list[str]) -> float:
    import math
    z = model.get("", 0.0) + sum(model.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


@lru_cache(maxsize=1)
def frame_lemmas() -> frozenset[str]:
    """The lemma keys that have a row in the learned table (other tokens need no frames)."""
    return frozenset(k for k, _ in frame_table())


def cue_source(tok: Token, _host: bool = False) -> Optional[Token]:
    """Who the cue's attribution is by: the subject, the agent of a passive ('was told by X', 'as reported by
    X'), the antecedent of a relative pronoun ('the senator, who said …'), the noun a participle hangs from
    ('Smith, saying …'), a noun cue's possessor ('her claim that …'), the speaker of the verb a noun cue
    hangs from ('X said in a statement that …'). ``_host``: ``tok`` is the verb another cue hangs from."""
    if tok.pos_ == "NOUN":
        for c in tok.children:
            if c.dep_ == "poss":
                return c
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in {"by", "from"}:
                obj = [g for g in c.children if g.dep_ == "pobj"]
                if obj:
                    return obj[0]
        if tok.dep_ == "dobj" and tok.head.pos_ == "VERB":   # 'issued a statement saying …'
            return cue_source(tok.head)
        if HOST_SOURCE and tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "VERB":
            return cue_source(tok.head.head, _host=True)    # 'said in a statement that …'
        return None
    subj = None
    for c in tok.children:
        if c.dep_ in {"nsubj", "nsubjpass", "csubj"} and c.pos_ != "AUX":
            subj = c
            break
    if subj is not None and subj.dep_ == "nsubjpass":
        for c in tok.children:
            if c.dep_ == "agent":
                obj = [g for g in c.children if g.dep_ == "pobj"]
                if obj:
                    return obj[0]
        if PASSIVE_NO_SOURCE:   # 'He has been criticized for …': the subject is what is talked about
            return None
    if subj is None and HOST_SOURCE:
        agent = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if agent is not None:   # 'As reported by X, …'
            return agent
    if subj is not None and RAISING_NO_SOURCE and not (_host and HOST_SOURCE) and tok.lemma_.lower() in RAISING_VERBS \
            and any(c.dep_ in {"xcomp", "ccomp", "acomp", "oprd"} for c in tok.children):
        return None   # 'Melania seems to have vanished': nobody is quoted
    if subj is not None:
        return _past_dateline(subj) if DATELINE_SOURCE else subj
    if ASKED_NO_SOURCE and tok.tag_ == "VBN" and tok.dep_ == "advcl" and tok.i < tok.head.i:
        return None   # 'Asked about X, Smith said …': whoever asked is not the source
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and PCOMP_SOURCE:
        # 'criticized Oz for saying …' (the object), 'was quoted by reporters as saying', 'after saying …'
        prep, host = tok.head, tok.head.head
        if host.pos_ in {"VERB", "AUX"}:
            obj = next((c for c in host.children if c.dep_ == "dobj"), None)
            if prep.lower_ in {"for", "of"} and obj is not None and obj.pos_ in {"PROPN", "NOUN"} | (
                    {"PRON"} if obj.lower_ not in {"it", "this", "that", "what"} else set()):
                return obj
            return cue_source(host) if host.i != tok.i else None
        if host.pos_ == "NOUN":
            return next((c for c in host.children if c.dep_ == "poss"), None)
    if tok.dep_ == "acl" and tok.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        if tok.tag_ == "VBG":
            return tok.head
        for c in tok.children:
            if c.dep_ == "agent":
                obj = [g for g in c.children if g.dep_ == "pobj"]
                if obj:
                    return obj[0]
        return None
    if tok.dep_ in {"conj", "xcomp", "advcl"} and tok.head.pos_ in {"VERB", "AUX"} and tok.head.i != tok.i:
        outer = tok.head.head
        if OUTER_SPEAKER and tok.dep_ != "xcomp" and tok.head.dep_ == "ccomp" and outer.i != tok.head.i \
                and outer.lemma_.lower() in SPEECH_VERBS:
            # 'She said her father has been …, saying that …', 'X said it was early but added, "…"': the parser
            # hangs the second cue inside the first one's content; its speaker is the first one's
            return cue_source(outer, _host=True)
        return cue_source(tok.head, _host=True)   # 'X appeared to oppose it, saying …': X, though 'appear' quotes no one
    if SOURCE_FALLBACKS:
        # 'he was determined to warn …', 'was able to tout …': the subject of the adjective's copula
        if tok.dep_ == "xcomp" and tok.head.pos_ == "ADJ" and tok.head.dep_ == "acomp" \
                and tok.head.head.pos_ in {"VERB", "AUX"}:
            return cue_source(tok.head.head)
        # a subject the parser left unlabelled ('Trump [dep] has repeatedly said …')
        if tok.dep_ == "ROOT":
            left = [c for c in tok.lefts if c.dep_ in {"dep", "npadvmod"} and c.pos_ in {"PROPN", "PRON"}]
            if left:
                return left[-1]
    return None


DATELINE_SOURCE = True
HOST_SOURCE = True
OUTER_SPEAKER = True
ASKED_NO_SOURCE = True
_DASH_TOKENS = {"\u2014", "\u2013", "\u2015", "--", "-"}


def _past_dateline(subj: Token) -> Token:
    """'CLEVELAND, July 19 (UPI) — Former Attorney General Jane Roe told …': the parser takes the dateline for
    the subject and hangs the speaker from it; the speaker is the noun after the dateline's dash."""
    sent = subj.sent
    dash = next((t for t in sent[:12] if t.text in _DASH_TOKENS), None)
    if dash is None or subj.i > dash.i or dash.i == sent.start:
        return subj
    head = sent[0]
    if not (head.is_upper and len(head) > 1 or any(t.text == "(" for t in sent[:dash.i - sent.start])):
        return subj   # not a dateline ('PLACE, Date (AGENCY) —')
    after = [t for t in sent if t.i > dash.i and t.head.i < dash.i and t.pos_ in {"PROPN", "NOUN", "PRON"}]
    return after[0] if after else subj


# ---------------------------------------------------------------- attribution finding
class _Finder:
    def __init__(self, doc: Doc, article: Article, mentions: list[Mention], actors: list[Actor],
                 model: Optional[dict[str, float]] = None) -> None:
        self.model = model      # cue model weights (None: the shipped one; bench/learn_quote_cues.py passes its own)
        self.doc = doc
        self.text = doc.text
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

    # -- direct quotes
    def attribute_after(self, seg: _Seg) -> bool:
        # a signature glued to the closing mark ('…”― Jane Roe.'): the tokenizer keeps '”―' as one token
        m = SIGNATURE.match(self.text, seg.close_at + 1) if seg.closed else None
        if m:
            end = m.end(2)
            if self.text[end - 1] == "." and len(self.text[m.start(2):end].split()[-1]) > 3:
                end -= 1   # 'Carla Sanchez.' (but 'Jane Q.')
            seg.src = (m.start(2), end, self.tok_at(end - 1))
            seg.cue, seg.cue_span = m.group(1), m.span(1)
            return True
        sent = self.sent_of(max(seg.close_at - 1, seg.start))
        if sent is None:
            return False
        after = [t for t in sent if t.idx > seg.close_at and not t.is_space]
        if not after:
            return False
        # a signature after a dash: '"…" ― Jane Roe'
        if after[0].text in DASHES and len(after) > 1 and after[1].pos_ == "PROPN":
            run = [after[1]]
            for t in after[2:]:
                if t.pos_ != "PROPN" and not (t.text == "." and len(t.nbor(-1)) <= 2):
                    break
                run.append(t)
            seg.src = (run[0].idx, run[-1].idx + len(run[-1]), run[-1])
            seg.cue, seg.cue_span = after[0].text, (after[0].idx, after[0].idx + len(after[0]))
            return True
        # the attribution must follow at once: ', he said' / ' said Smith' / ', according to X' /
        # ', Jane Roe, the director of a long-named institute, said'
        first = after[1] if after[0].is_punct and len(after) > 1 else after[0]
        for k, t in enumerate(after[:AFTER_WINDOW]):
            if k >= 12 and not (t.pos_ in {"VERB", "AUX"} and (_subject(t) is not None and
                                                               _subject(t).left_edge.i <= first.i)):
                continue
            if t.text in OPEN_MARKS or t.text in CLOSE_MARKS:
                break
            acc = _according_to(t)
            if acc is not None:
                seg.attribute(acc, "according to", (t.idx, t.nbor().idx + 2))
                return True
            if _is_speech(t):
                subj = _subject(t)
                if subj is None:   # inverted: 'said Smith'
                    objs = [c for c in t.children if c.dep_ in {"dobj", "attr", "npadvmod"} and c.i > t.i
                            and c.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}]
                    subj = objs[0] if objs else None
                if subj is not None and subj.idx > seg.close_at or (subj is not None and subj.idx < seg.open_at
                                                                      and seg.closed):
                    seg.attribute(subj, t)
                    return True
        return False

    def attribute_after_loose(self, seg: _Seg) -> bool:
        """'"…," Oliver barked.' / '"…!" Mr. Trump wrote on Twitter.' / '"…," a voice-over in the ad states.':
        the clause right after a quote that ends in a comma (or '?', '!') is its attribution, whatever its verb
        and even where the parser split the sentence at the mark or took the verb for a noun. The source is
        the words between the mark and the verb ('said Smith': the name after it)."""
        if not seg.closed:
            return False
        inner = self.text[max(seg.start, seg.end - 1):seg.close_at + 1]   # the last word's end to the mark
        tail = self.text[seg.close_at + 1:seg.close_at + 3].lstrip(" \t")
        comma = any(ch in inner for ch in ",?!\u2014-") or tail.startswith(",")
        if not comma and "." not in inner:
            return False
        t0 = self.tok_at(seg.close_at)
        if t0 is None:
            return False
        toks: list[Token] = []
        for t in self.doc[t0.i:t0.i + 30]:
            if t.idx <= seg.close_at or (not toks and (t.text == "," or t.text in CLOSE_MARKS)):
                continue
            if "\n" in t.text or t.text in OPEN_MARKS or t.text in CLOSE_MARKS or t.text in {".", "?", "!", ";", ":"} \
                    and not (t.text == "." and t.i > 0 and len(t.nbor(-1)) <= 2 and t.nbor(-1).is_upper):
                break
            toks.append(t)
        if not toks or toks[0].pos_ not in LOOSE_SOURCE_START | {"VERB", "AUX"}:
            return False
        verb = None
        for k, t in enumerate(toks):
            finite = t.tag_ in {"VBD", "VBZ", "VBP"} or (t.tag_ in {"NN", "NNS"} and k > 0 and
                                                         t.lemma_.lower() in SPEECH_VERBS and t.dep_ != "compound")
            if finite:
                verb = k
                break
            if t.pos_ in {"VERB", "AUX"} and k == 0:
                break
        if verb is None or verb > LOOSE_MAX_SOURCE:
            return False
        v = toks[verb]
        if not comma and v.lemma_.lower() not in SPEECH_VERBS:
            return False
        if verb == 0:   # 'said Smith', 'added the senator'
            src = []
            for t in toks[1:]:
                if t.pos_ in {"PROPN", "NOUN", "DET", "ADJ", "NUM"} or t.dep_ == "compound" or (
                        t.text == "." and src and len(src[-1]) <= 2):
                    src.append(t)
                else:
                    break
            if not src or v.lemma_.lower() not in SPEECH_VERBS:
                return False
        else:
            src = toks[:verb]
            while src and (src[-1].is_punct or src[-1].pos_ in {"ADV", "CCONJ"}):
                src = src[:-1]
            if not src or not any(t.pos_ in {"PROPN", "NOUN", "PRON"} for t in src):
                return False
        ids = {t.i for t in src}
        head = next((t for t in src if t.head.i not in ids), src[-1])
        seg.src = (src[0].idx, src[-1].idx + len(src[-1]), head)
        seg.cue, seg.cue_span = v.text, (v.idx, v.idx + len(v))
        return True

    def attribute_before(self, seg: _Seg) -> bool:
        sent = self.sent_of(seg.start)
        if sent is None:
            return False
        before = [t for t in sent if t.idx + len(t) <= seg.open_at]
        if not before and COLON_PREV_PARA and sent.start > 0:
            # 'Caddell continued:' closing the paragraph before the quote
            k = sent.start - 1
            while k > 0 and (self.doc[k].is_space or self.doc[k].text in OPEN_MARKS):
                k -= 1
            if self.doc[k].text == ":":
                prev = self.doc[k].sent
                before = [t for t in prev if t.i <= k]
        if not before:
            return False
        last = before[-1]
        if last.text == ":" and len(before) >= 2:
            # 'X said: "…"' or 'Name: "…"'
            verbs = [t for t in before if _is_speech(t) and _subject(t) is not None]
            if verbs:
                subj = _subject(verbs[-1])
                seg.attribute(subj, verbs[-1])
                return True
            first = before[0]
            lead = self.doc[first.i:last.i]
            if 0 < len(lead) <= 10 and any(m.start >= lead.start_char and m.end <= lead.end_char
                                           and m.label in {"PERSON", "ORG", "GPE"} for m in self.mentions):
                seg.src = (lead.start_char, lead.end_char, lead.root)
                seg.cue, seg.cue_span = ":", (last.idx, last.idx + 1)
                return True
            if COLON_ANY_VERB:   # 'The piece used one of her quotes as its headline: "…"'
                verbs = [t for t in before if t.pos_ == "VERB" and t.dep_ in {"ROOT", "conj"} and
                         _subject(t) is not None and _subject(t).pos_ in {"PROPN", "NOUN", "PRON"}
                         and _subject(t).lower_ not in {"it", "this", "that", "there", "what"}]
                if verbs:
                    seg.attribute(_subject(verbs[-1]), verbs[-1])
                    return True
            return False
        for t in reversed(before):
            if _is_speech(t):
                subj = _subject(t)
                if subj is not None:
                    seg.attribute(subj, t)
                    return True
            acc = _according_to(t)
            if acc is not None:
                seg.attribute(acc, "according to", (t.idx, t.nbor().idx + 2))
                return True
        if LOOSE_BEFORE and last.text == ",":
            # 'As Vulture put it, "…"', 'Trump shot back, "…"': a lead-in comma after a clause with a subject
            verbs = [t for t in before if t.pos_ == "VERB" and _subject(t) is not None and
                     _subject(t).pos_ in {"PROPN", "NOUN", "PRON"} and
                     _subject(t).lower_ not in {"it", "this", "that", "there", "what", "which"}]
            if verbs and verbs[-1].i >= last.i - LOOSE_MAX_SOURCE:
                seg.attribute(_subject(verbs[-1]), verbs[-1])
                return True
        return False

    def governing_speech_verb(self, seg: _Seg) -> Optional[Token]:
        """For an embedded fragment: the speech verb whose complement holds it."""
        t = self.tok_at(seg.start)
        if t is None:
            return None
        node = t
        for _ in range(12):
            if node.head.i == node.i:
                break
            node = node.head
            if _is_speech(node) and _subject(node) is not None and node.idx < seg.open_at:
                return node
        return None

    def starts_sentence(self, seg: _Seg) -> bool:
        pre = self.text[:seg.open_at]
        stripped = pre.rstrip(" \t")
        if not stripped or stripped.endswith("\n"):
            return True
        if stripped[-1] in ".!?:\u2014" or stripped[-1] in CLOSE_MARKS:
            return True
        sent = self.sent_of(seg.start)
        return sent is not None and sent.start_char >= seg.open_at - 1

    def direct(self) -> list[_Seg]:
        segs = quote_segments(self.text)
        out: list[_Seg] = []
        for seg in segs:
            words = len(re.findall(r"\w+", self.text[seg.start:seg.end]))
            head = self.starts_sentence(seg)
            lead_in = self.text[:seg.open_at].rstrip().endswith((",", ":"))
            if head or lead_in:
                seg.kind = "direct"
                tag = SPEAKER_TAG.match(self.text, seg.start, seg.end)
                if tag:   # a transcript inside marks: '"SMITH: We will …"'
                    ts, te = tag.span(1)
                    seg.src = (ts, te, self.tok_at(te - 1))
                    seg.cue, seg.cue_span = ":", (te, te + 1)
                    seg.start = tag.end()
                elif self.parsed:
                    self.attribute_after(seg) or self.attribute_before(seg) or (
                        LOOSE_AFTER and self.attribute_after_loose(seg))
                if words < 2 and seg.src is None:
                    continue
                out.append(seg)
            elif self.parsed and words >= 3:
                verb = self.governing_speech_verb(seg)
                if verb is not None:
                    subj = _subject(verb)
                    seg.kind = "partial"
                    seg.attribute(subj, verb)
                    out.append(seg)
        # a quote with no attribution of its own: the speaker of its paragraph, else of the run it continues
        for i, seg in enumerate(out):
            if seg.src is not None or seg.kind != "direct":
                continue
            same = [o for o in out if o.para == seg.para and o.src is not None and o is not seg]
            prev = [o for o in out[:i] if o.src is not None]
            cont = prev and out[i - 1].src is not None and (out[i - 1].para == seg.para or
                                                           (out[i - 1].para == seg.para - 1 and not out[i - 1].closed))
            if same:
                near = min(same, key=lambda o: abs(o.start - seg.start))
                seg.src, seg.cue = near.src, near.cue
                seg.cue_span = near.cue_span if SHARE_SPLIT_CUE or near.start > seg.start else None
            elif cont:
                seg.src, seg.cue = out[i - 1].src, out[i - 1].cue
                if out[i - 1].para == seg.para or GROUP_RUNS:   # a quote running over paragraphs is one
                    seg.cue_span = out[i - 1].cue_span
            elif i + 1 < len(out) and out[i + 1].para == seg.para + 1 and not seg.closed and out[i + 1].src:
                seg.src, seg.cue = out[i + 1].src, out[i + 1].cue
                if GROUP_RUNS:
                    seg.cue_span = out[i + 1].cue_span
        # a title in marks with nobody saying it ('the show "Jane The Virgin"', '"Lost Tycoon: The Many Lives
        # of Donald J. Trump"') is a name, not speech
        out = [seg for seg in out if seg.src is not None or not _is_title(self.text[seg.start:seg.end])]
        # a lead-in line 'Name: "…"' repeating a quote of the body is not a second quote
        keep: list[_Seg] = []
        for seg in out:
            key = _key(self.text[seg.start:seg.end])
            dup = [o for o in out if o is not seg and key and key in _key(self.text[o.start:o.end])
                   and (len(key) < len(_key(self.text[o.start:o.end])) or (o.cue != ":" and seg.cue == ":"))]
            if not dup:
                keep.append(seg)
        return keep

    # -- reported speech
    def reported(self, taken: list[tuple[int, int]]) -> list[Attribution]:
        """Speech without marks; a clause holding a partial quote is reported speech too."""
        if not self.parsed:
            return []
        out: list[Attribution] = []
        seen: set[tuple[int, int]] = set()

        def free(s: int, e: int) -> bool:
            # not inside a direct quote (the quote is the record), not a second copy of one we have
            return (s, e) not in seen and not any(a <= s and e <= b + 1 for a, b in taken)

        def emit(toks: list[Token], src: Optional[Token], cue: Token | Span, strip_mark: bool = True,
                 score: Optional[float] = None) -> None:
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
            # contiguous runs (a content split by its cue: 'The plan, she said, will fail')
            runs: list[list[Token]] = [[toks[0]]]
            for t in toks[1:]:
                if t.i == runs[-1][-1].i + 1:
                    runs[-1].append(t)
                else:
                    runs.append([t])
            ss = se = None
            if src is not None:
                ss, se = _np_span(src)
            c0, c1 = (cue.idx, cue.idx + len(cue)) if isinstance(cue, Token) else (cue.start_char, cue.end_char)
            if c0 in self.direct_cues and SKIP_DIRECT_CUES:   # 'scolded him: "…"': the quote is what was said
                return
            for run in runs:
                while run and (run[0].is_punct or run[0].is_space):
                    run = run[1:]
                while run and (run[-1].is_punct or run[-1].is_space):
                    run = run[:-1]
                if not run or (len(runs) > 1 and all(
                        t.pos_ in {"PRON", "DET", "SCONJ", "PART", "ADP", "CCONJ"} for t in run)):
                    continue        # 'that' of 'a concern that X says is unfounded' is no quote on its own
                s, e = run[0].idx, run[-1].idx + len(run[-1])
                if not free(s, e) or (ss is not None and ss < e and s < se):
                    continue
                out.append(Attribution("reported", s, e, ss, se, cue.text, cue_start=c0, cue_end=c1))
                seen.add((s, e))
                if score is not None:
                    self.cue_scores[c0] = score

        table = frame_table()
        lemmas = frame_lemmas()
        model = self.model if self.model is not None else cue_model() if USE_CUE_MODEL else {}
        for tok in self.doc:
            key = frame_lemma(tok) if tok.pos_ in {"VERB", "AUX", "NOUN"} else ""
            frames = cue_frames(tok) if key and (model or key in lemmas) else []
            if frames and model:
                src = cue_source(tok)
                best = None
                for name, toks in frames:
                    if any(a <= toks[0].idx and toks[-1].idx + len(toks[-1]) <= b + 1 for a, b in taken):
                        continue
                    p = cue_score(model, frame_features(tok, name, toks, src))
                    if best is None or p > best[0]:
                        best = (p, name, toks)
                if best is not None and best[0] >= MODEL_THRESHOLD:
                    emit(best[2], src, tok, strip_mark=STRIP_MARK, score=best[0])
            elif frames:
                src = cue_source(tok)
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
                        best = (prec, name, toks)
                if best is not None and best[0] >= FRAME_THRESHOLD:
                    emit(best[2], src, tok, strip_mark=STRIP_MARK, score=best[0])
            acc = _according_to(tok)
            if acc is not None:
                sent = tok.sent
                pp = tok.doc[tok.i:acc.right_edge.i + 1]
                if pp.start - sent.start <= 1:
                    rest = [t for t in sent if t.i > pp.end - 1]
                elif ACCORDING_CLAUSE:
                    # the clause the phrase qualifies, around it: 'Fundraising, [according to the campaign,]
                    # has surged' (a discontinuous content), 'At the same time, … : [London was …], according to X'
                    head = tok.head
                    while head.dep_ not in {"ROOT", "ccomp", "conj", "advcl", "relcl", "parataxis"} and \
                            head.head.i != head.i and head.pos_ not in {"VERB", "AUX"}:
                        head = head.head
                    pp_ids = set(range(pp.start, pp.end))
                    rest = [t for t in head.subtree if t.i not in pp_ids and sent.start <= t.i < sent.end]
                    if head.dep_ in {"advcl", "relcl"} or head.i == tok.i:
                        rest = [t for t in sent if t.i not in pp_ids]
                else:
                    rest = [t for t in sent if t.i < pp.start]
                emit(_trim_tail(rest), acc, tok.doc[tok.i:tok.i + 2])
        out.extend(self.colon_leads(taken))
        return out

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
            if head_lemma in D.OFFICIAL_NOUNS:
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


def _is_title(text: str) -> bool:
    """Capitalized words with no sentence end: 'Hawaii Five-0', 'Lost Tycoon: The Many Lives of …'."""
    words = re.findall(r"[^\W\d_][\w'\u2019-]*", text)
    if not words or len(words) > 10 or re.search(r"[.!?,]\W*$", text.strip()):
        return False
    small = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "vs"}
    return all(w[0].isupper() or w.lower() in small for w in words) and words[0][0].isupper()


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def find_attributions(doc: Doc, article: Article, mentions: list[Mention],
                      actors: list[Actor]) -> list[Attribution]:
    """Direct, partial and reported speech with content and source offsets."""
    return _Finder(doc, article, mentions, actors).run()


def find_quotes(doc: Doc, article: Article, mentions: list[Mention], actors: list[Actor]) -> list[Quote]:
    """Quote records (offsets of the quoted words in article.text; sentence = the sentence(s) holding them)."""
    text = doc.text
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
