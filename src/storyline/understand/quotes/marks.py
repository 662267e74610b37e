"""Quote marks: the spans inside them, paragraph by paragraph, and the records attributions are made of."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span, Token

from storyline.understand.quotes.parse import _np_span

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
