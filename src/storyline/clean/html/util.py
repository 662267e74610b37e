"""Small text helpers shared by the HTML cleaner's modules."""
from __future__ import annotations

import re
from typing import Any, Optional


def _squash(s: Optional[str]) -> str:
    return " ".join((s or "").split())     # str.split and re's \s agree on what whitespace is


# elements whose edges separate words when a browser shows them (a <br> or a block inside a heading)
_BREAKS = {"br", "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "header", "hr", "tr", "td",
           "th", "dt", "dd", "blockquote", "figcaption"}


def shown_text(el: Any) -> str:
    """An element's text as shown: like ``text_content()`` (comments left out) but with a space where a
    <br> or a block element separates words ("<span>Open Progress</span><br><span>Why ...</span>" is
    "Open Progress Why ...", not "Open ProgressWhy ...")."""
    out: list[str] = []

    def walk(e: Any) -> None:
        tag = e.tag if isinstance(e.tag, str) else None     # comments / processing instructions: tail only
        if tag in _BREAKS:
            out.append(" ")
        if tag is not None and e.text:
            out.append(e.text)
        for c in e:
            walk(c)
            if c.tail:
                out.append(c.tail)
        if tag in _BREAKS:
            out.append(" ")
    walk(el)
    return "".join(out)


def _key(s: str) -> str:
    return re.sub(r"[\W_]+", "", s.lower())


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s.lower()).strip()
