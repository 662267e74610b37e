"""Parse helpers: speech verbs, noun phrases, subjects, 'according to'."""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

# verbs whose object is what was said ("criticized X for Y", "described X as Y", "promised Z")
COMMUNICATION_VERBS = {
    "criticize", "criticise", "praise", "blast", "slam", "attack", "defend", "describe", "mention", "discuss",
    "tout", "deny", "question", "dismiss", "reject", "cite", "highlight", "accuse", "blame", "tie", "link",
    "compare", "condemn", "thank", "ridicule", "mock", "outline", "propose", "express", "reference", "raise",
    "address", "call", "label", "brand", "applaud", "hail", "lambaste", "denounce", "decry", "claim",
    "announce", "reveal", "acknowledge", "admit", "confirm", "predict", "suggest", "recommend", "endorse",
    "explain", "detail", "lay", "insist", "stress", "emphasize", "emphasise", "note", "argue", "warn",
    "promise", "pledge", "vow", "tweet", "write", "say", "tell", "ask", "urge", "demand", "chide", "scold",
    "recount", "recall", "repeat", "reiterate", "boast", "brag", "lament", "complain", "pitch",
}
SPEECH_VERBS = {
    "say", "tell", "add", "claim", "state", "announce", "explain", "note", "argue", "insist", "warn", "write",
    "report", "declare", "assert", "acknowledge", "admit", "confirm", "deny", "suggest", "contend", "maintain",
    "allege", "caution", "stress", "emphasize", "emphasise", "reply", "respond", "recall", "predict", "believe",
    "think", "hope", "fear", "expect", "ask", "complain", "promise", "vow", "tweet", "post", "testify",
    "concede", "indicate", "reveal", "disclose", "observe", "remark", "comment", "mention", "continue",
    "conclude", "quip", "joke", "shout", "yell", "whisper", "agree", "boast", "counter", "retort", "charge",
    "estimate", "show", "find", "learn", "know", "feel", "worry", "urge", "demand", "pledge", "repeat",
    "reiterate", "signal", "hint", "accuse", "wonder", "speculate", "point",
    "encourage", "press", "advise", "describe", "question", "doubt", "assure",
} | COMMUNICATION_VERBS
# verbs whose complement is speech only for direct quotes/partial quotes (too loose for reported speech)
DIRECT_ONLY = {"continue", "show", "find", "point"}


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
