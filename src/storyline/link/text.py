"""Words of an article's text, as story clustering and titles read them: content words and name-like terms."""
from __future__ import annotations

import re
import zlib

from storyline.model import Article

# a small general English stop list (function words only)
_STOP = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here
hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off
on once only or other our ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves said says say told tell one two new also
may might must shall us mr mrs ms dr said according will year years time last first like get got make made
""".split())
_TOKEN = re.compile(r"[^\W\d_][\w'\-]*|\d[\d,.:]*\d|\d", re.UNICODE)
_SENT_SPLIT = re.compile(r"(?<=[.!?\"\u201d])\s+|\n+")


def _h(token: str, dim: int) -> int:
    return zlib.crc32(token.encode("utf-8", "surrogatepass")) % dim


def article_text(art: Article) -> str:
    return ((art.title or "") + "\n" + (art.text or "")).strip()


def terms(text: str) -> tuple[list[str], list[str]]:
    """(content words, name-like terms) of a text, lower-cased."""
    words, names = [], []
    for sent in _SENT_SPLIT.split(text):
        toks = _TOKEN.findall(sent)
        for i, w in enumerate(toks):
            lw = w.lower().strip("'-")
            if not lw:
                continue
            if w[0].isdigit():
                num = lw.replace(",", "").rstrip(".")
                if len(num) >= 2 or i > 0:
                    names.append(num)
                continue
            if lw in _STOP or len(lw) < 2:
                continue
            words.append(lw)
            if w[0].isupper() and i > 0:
                names.append(lw)
    return words, names
