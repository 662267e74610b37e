"""The byline of an HTML page: the authors the markup states, else a visible credit line."""
from __future__ import annotations

import re
from typing import Any, Optional

from storyline.clean.byline import clean_byline
from storyline.clean.html.meta import META_AUTHOR, HtmlMeta
from storyline.clean.html.util import _key

# A visible credit line, for pages whose markup names no author (no JSON-LD author, no author class, no meta):
# "By Jane Roe", "<span>By</span><span><a>J.R. Stone</a></span>", "par Didier Roy, 21 juin 2018".
_CREDIT_LABEL = re.compile(r"\s*(?:(?:written|posted|reported|story|words)\s+)?(?:by|von|par|por|door|av)(?:[\s:]|$)",
                           re.I)
_CREDIT_TAGS = ("span", "p", "div", "a", "li", "address", "strong", "b", "em", "small", "h2", "h3", "h4", "h5",
                "h6", "td", "section", "header")
_CREDIT_SKIP = {"nav", "footer", "form", "select", "option", "button", "label", "textarea", "template", "aside"}
_NAME_PARTICLES = {"de", "da", "das", "do", "dos", "van", "von", "der", "den", "del", "della", "di", "du", "la",
                   "le", "bin", "al", "el", "y", "ter", "zu", "ten"}
CREDIT_BODY_CHARS = 2000   # paragraph text after which a credit line is a comment's or a teaser's, not the article's


def _stated_authors(hm: HtmlMeta, tr_author: Optional[str]) -> list[str]:
    """The authors the markup states: JSON-LD's, else trafilatura's author search, else the first author meta tag."""
    if hm.ld_authors:
        return list(hm.ld_authors)
    if tr_author:
        # trafilatura's author search splits and re-cases what an author tag said ("Mac & i" -> "Mac; I"): when
        # its answer holds the same letters as a tag, the tag's own words
        key = _key(tr_author)
        raw = next((hm.meta[k] for k in META_AUTHOR if hm.meta.get(k) and _key(hm.meta[k]) == key), None)
        return [raw] if raw else re.split(r";\s*", tr_author)
    return [hm.meta[k] for k in META_AUTHOR if hm.meta.get(k)][:1]


def _names_only(byline: str) -> bool:
    """Each credited name is 2-5 words, capitalised (particles apart), without digits: "Jane Roe", "J.R. Stone"."""
    for name in byline.split(", "):
        words = name.split()
        if not 2 <= len(words) <= 5:
            return False
        if not all((w[:1].isupper() or w in _NAME_PARTICLES) and not any(c.isdigit() for c in w) for w in words):
            return False
    return True


def _without_credit(body: str, byline: str) -> str:
    """The body without a paragraph that is only the credit line ("Par Antoine Leroy", "Von Lena Hoffmann"): the
    extraction drops it when its markup says author or byline, and keeps it under any other class name."""
    paras = body.split("\n\n")
    keep = [p for p in paras[:CREDIT_PARAGRAPHS] if not (len(p) <= 120 and _CREDIT_LABEL.match(p)
                                                          and clean_byline([p]) == byline)]
    return "\n\n".join(keep + paras[CREDIT_PARAGRAPHS:])


CREDIT_PARAGRAPHS = 4     # a credit line sits among the first paragraphs


def _credit_line(tree: Any) -> Optional[str]:
    """The first visible credit line ("By ...") that names people, before the article's body has run on. Read
    before the text extraction, which prunes the tree."""
    body = 0
    for el in tree.iter(*_CREDIT_TAGS):
        if el.tag == "p":
            body += len(el.text or "")
            if body > CREDIT_BODY_CHARS:
                return None
        own = el.text
        if not own or not _CREDIT_LABEL.match(own):
            continue
        # "<span>By</span><a>Jane Roe</a>": the label alone, the name beside it
        holder = el.getparent() if (len(own.split()) == 1 and len(el) == 0 and el.getparent() is not None) else el
        if any(isinstance(a.tag, str) and a.tag in _CREDIT_SKIP for a in (holder, *holder.iterancestors())):
            continue
        line = " ".join(" ".join(holder.itertext()).split())
        if len(line) > 120 or not _CREDIT_LABEL.match(line):
            continue
        names = clean_byline([line])
        if names and _names_only(names):
            return line
    return None
