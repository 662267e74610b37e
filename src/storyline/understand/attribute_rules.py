"""The model's attribute-ruler rules, applied through an index instead of spaCy's Matcher.

``en_core_web_sm`` ships an ``attribute_ruler`` of 179 token patterns (tag -> POS and morphology, "ai n't"
-> be + not, "gon na" -> go + to, ...). spaCy's Matcher tries every pattern at every token: on news text
that is ~25 µs a token, 14% of the whole spaCy pipeline and more than its tagger and parser together. Here
the same patterns, read from the loaded model (nothing is written by hand), are indexed by what their first
token must be (its tag or its lower-case form), so a token meets only the few patterns that can start on
it; matches are applied in the ruler's own order (a later pattern overrides an earlier one) and written
back in one ``Doc.from_array``. Same tags, POS, lemmas and morphology as the ruler (a test compares them);
a pattern using anything this module does not know makes ``compile_rules`` return None, and the ruler
stays as it is.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Optional

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Token

Pred = Callable[[Token], bool]
_FIELDS = {"LOWER": "lower_", "TAG": "tag_", "DEP": "dep_", "IS_SPACE": "is_space"}
_SETS = (POS, TAG, LEMMA, MORPH)


def _pred(key: str, value: Any) -> Optional[Pred]:
    field = _FIELDS.get(key)
    if field is None:
        return None
    if isinstance(value, (str, bool)):
        return lambda t, f=field, v=value: getattr(t, f) == v
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN":
            s = frozenset(arg)
            return lambda t, f=field: getattr(t, f) in s
        if op == "NOT_IN":
            s = frozenset(arg)
            return lambda t, f=field: getattr(t, f) not in s
        if op == "REGEX":
            rx = re.compile(arg)
            return lambda t, f=field: bool(rx.search(getattr(t, f)))
    return None


class AttributeRules:
    """Callable pipeline component: the compiled rules of one ``AttributeRuler``.

    A rule is (order, predicates per token, attrs, index). The first token's indexed condition (its exact
    lower-case form, tag or dependency label, or being whitespace) is met by the lookup itself and left out
    of its predicates: the ~60 tag -> POS rules then match without looking at the token at all."""

    def __init__(self, rules: list[tuple[int, list[list[Pred]], dict, int]],
                 index: tuple[dict, dict, dict, list, list]) -> None:
        self.rules = rules
        self.by_lower, self.by_tag, self.by_dep, self.on_space, self.anywhere = index

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        rules = self.rules
        by_lower, by_tag, by_dep, on_space, anywhere = (self.by_lower, self.by_tag, self.by_dep,
                                                        self.on_space, self.anywhere)
        found: list[tuple[int, int, int]] = []
        for i, (low, tag, dep, space) in enumerate(doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist()):
            tok = None
            for group in (by_lower.get(low), by_tag.get(tag), by_dep.get(dep), on_space if space else None,
                          anywhere):
                if not group:
                    continue
                for r in group:
                    order, preds, _, _ = rules[r]
                    if len(preds) == 1:
                        if preds[0]:
                            if tok is None:
                                tok = doc[i]
                            if not all(p(tok) for p in preds[0]):
                                continue
                    elif i + len(preds) > n or not all(p(doc[i + k]) for k, row in enumerate(preds) for p in row):
                        continue
                    found.append((order, i, r))
        if not found:
            return doc
        found.sort()      # the ruler's order: by pattern, then by position; later ones win
        arr = doc.to_array(list(_SETS))
        deps: list[tuple[int, Any]] = []
        for _, start, r in found:
            _, preds, attrs, index = rules[r]
            row = start + (index if index >= 0 else len(preds) + index)
            for col, attr in enumerate(_SETS):
                if attr in attrs:
                    arr[row, col] = attrs[attr]
            if DEP in attrs:        # a label only (whitespace tokens): from_array would want the heads too
                deps.append((row, attrs[DEP]))
        doc.from_array(list(_SETS), arr)
        for row, dep in deps:
            doc[row].dep = int(dep)
        return doc


def compile_rules(ruler: Any) -> Optional[AttributeRules]:
    """Index the patterns of spaCy's ``AttributeRuler``; None when one of them is beyond this module."""
    rules: list[tuple[int, list[list[Pred]], dict, int]] = []
    by_lower: dict[int, list[int]] = {}
    by_tag: dict[int, list[int]] = {}
    by_dep: dict[int, list[int]] = {}
    on_space: list[int] = []
    anywhere: list[int] = []
    strings = ruler.vocab.strings
    try:
        patterns = ruler.patterns
        attrs_list, indices = ruler.attrs, ruler.indices
    except AttributeError:
        return None
    if len(patterns) != len(attrs_list):
        return None
    for order, (spec, attrs, index) in enumerate(zip(patterns, attrs_list, indices)):
        if set(attrs) - set(_SETS) - {DEP}:
            return None
        for pattern in spec["patterns"]:
            if not isinstance(pattern, list) or not pattern or not all(isinstance(t, dict) for t in pattern):
                return None
            r = len(rules)
            first = dict(pattern[0])
            # index on the most selective exact condition of the first token, and drop it from the checks
            for key, table in (("LOWER", by_lower), ("TAG", by_tag), ("DEP", by_dep)):
                value = first.get(key)
                if isinstance(value, str):
                    table.setdefault(strings.add(value), []).append(r)
                    del first[key]
                    break
                if isinstance(value, dict) and list(value) == ["IN"] and all(isinstance(v, str) for v in value["IN"]):
                    for v in value["IN"]:
                        table.setdefault(strings.add(v), []).append(r)
                    del first[key]
                    break
            else:
                if first.get("IS_SPACE") is True:
                    on_space.append(r)
                    del first["IS_SPACE"]
                else:
                    anywhere.append(r)
            preds: list[list[Pred]] = []
            for tok in [first] + pattern[1:]:
                row = []
                for key, value in tok.items():
                    p = _pred(key, value)
                    if p is None:
                        return None
                    row.append(p)
                preds.append(row)
            rules.append((order, preds, {a: numpy.uint64(v) for a, v in attrs.items()}, index))
    return AttributeRules(rules, (by_lower, by_tag, by_dep, on_space, anywhere))


@Language.factory("storyline_attribute_rules")
def _factory(nlp: Language, name: str) -> AttributeRules:
    comp = compile_rules(nlp.get_pipe("attribute_ruler")) if "attribute_ruler" in nlp.pipe_names else None
    if comp is None:
        raise ValueError("storyline_attribute_rules: no attribute_ruler it can index in this pipeline")
    return comp


def install(nlp: Language) -> bool:
    """Replace the pipeline's ``attribute_ruler`` by its indexed version; False when it is left as it is."""
    if "attribute_ruler" not in nlp.pipe_names or compile_rules(nlp.get_pipe("attribute_ruler")) is None:
        return False
    nlp.add_pipe("storyline_attribute_rules", after="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
    return True
