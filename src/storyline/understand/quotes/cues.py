"""Reported-speech cues: the frames through which a verb or noun introduces attributed material, the learned
frame table and cue model (``data/quotes``, built by ``bench/learn_quote_cues.py``), and who a cue's source is."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Optional

from spacy.tokens import Token

from storyline.understand.quotes.marks import CLOSE_MARKS, OPEN_MARKS
from storyline.understand.quotes.parse import DIRECT_ONLY, SPEECH_VERBS

PREP_COMP_FRAME = True
PASSIVE_NO_SOURCE = True
SOURCE_FALLBACKS = True
PASSIVE_FRAMES = True
RAISING_NO_SOURCE = True
PCOMP_SOURCE = True
RAISING_VERBS = {"seem", "appear", "look", "sound"}
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


DATA = Path(__file__).resolve().parents[2] / "data" / "quotes"


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
        # 'X appeared to oppose it, saying …': X, though 'appear' quotes no one
        return cue_source(tok.head, _host=True)
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
