"""The headline's mentions: the title is a sentence of the article too ("Driver Charged in Grandmother's Death"),
kept apart from the text, so its mentions carry ``sentence = HEADLINE`` (-1) and offsets into the title.

A headline's words are resolved by the article's own text, never by guessing: a name or descriptor the text
writes as a mention of exactly one actor ("Doe", "the driver", "rehab") is that actor in the headline too; a
state's name, code or demonym ("U.S.", "Turkmen") is the state when the text mentions it. Words the text gives
to two actors (two Roes), function words and pronouns stay unresolved. Contiguous words of one actor make
one mention ("Jane Doe"). A pure function of the article and its text mentions (no model runs on the title)."""
from __future__ import annotations

import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS

from storyline.model import Article, Mention
from storyline.understand import actor_dictionary as D

HEADLINE = -1             # the sentence index of a headline mention
MAX_TITLE_CHARS = 300
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'\u2019.&-]*")


def _key(word: str) -> str:
    w = word.lower().replace("\u2019", "'")
    w = re.sub(r"'s$|'$", "", w)
    return w.strip(".-'")


def _word_index(mentions: list[Mention]) -> dict[str, dict[str, Counter]]:
    """Lower-case word -> the actors the text's mentions give it (every word of a name, the head word of a
    descriptor), each with the labels of those mentions."""
    words: dict[str, dict[str, Counter]] = {}
    for m in mentions:
        if not m.actor_id or m.label == "PRON":
            continue
        ws = [_key(w) for w in _WORD.findall(m.text)]
        ws = [w for w in ws if w and w not in STOP_WORDS]
        if m.label == "DESC":
            ws = ws[-1:]                 # "the 33-year-old actress": the head word alone
        for w in ws:
            words.setdefault(w, {}).setdefault(m.actor_id, Counter())[m.label] += 1
    return words


def headline_mentions(article: Article, mentions: list[Mention]) -> list[Mention]:
    """Mentions of the article's title (``sentence == HEADLINE``, offsets into the title), resolved to the actors
    of the text's ``mentions``; [] when there is no title or the text opens with it."""
    title = article.title or ""
    if not title.strip() or len(title) > MAX_TITLE_CHARS or article.text.lstrip().startswith(title.strip()):
        return []
    words = _word_index(mentions)
    states = {m.actor_id for m in mentions if m.actor_id and m.actor_id.startswith("gpe:") and len(m.actor_id) == 7}
    toks = list(_WORD.finditer(title))
    spans: list[tuple[int, int, str, str]] = []
    i = 0
    while i < len(toks):
        actor, n = _state_at(title, toks, i, states)
        label = "GPE"
        if actor is None:
            k = _key(toks[i].group())
            if k and k not in STOP_WORDS and len(words.get(k, ())) == 1:
                actor, labels = next(iter(words[k].items()))
                label = labels.most_common(1)[0][0]
        if actor is not None:
            s, e = toks[i].start(), _end(toks[i + n - 1])
            if spans and spans[-1][2] == actor and not title[spans[-1][1]:s].strip():
                spans[-1] = (spans[-1][0], e, actor, spans[-1][3])     # "Jane Doe": one mention
            else:
                spans.append((s, e, actor, label))
        i += n
    return [Mention(start=s, end=e, text=title[s:e], label=label, actor_id=a, sentence=HEADLINE)
            for s, e, a, label in spans]


def _end(tok: re.Match) -> int:
    """Where a headline word ends, without a possessive or trailing punctuation ("Doe's" -> "Doe")."""
    w = re.sub(r"['\u2019]s$", "", tok.group()).rstrip(".'\u2019-")
    return tok.start() + max(len(w), 1)


def _state_at(title: str, toks: list, i: int, states: set[str]) -> tuple[str | None, int]:
    """The state the text mentions whose name, code or demonym the title writes at word ``i`` (the longest of
    three, two or one words: "South Sudan" before "Sudan"), and how many words it takes; (None, 1) otherwise."""
    for n in (3, 2, 1):
        if i + n > len(toks):
            continue
        s, e = toks[i].start(), toks[i + n - 1].end()
        hit = D.countries().lookup(title[s:e]) or D.countries().lookup(title[s:_end(toks[i + n - 1])])
        if hit is not None and f"gpe:{hit[0]}" in states:
            return f"gpe:{hit[0]}", n
        if hit is not None and n > 1:
            return None, n                                   # a state the text never mentions: its words stay
    return None, 1
