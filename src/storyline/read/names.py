"""Names and reasons that are safe to print and store.

A file name may hold bytes that are not UTF-8 (Python keeps them as lone surrogates, which
DuckDB, JSON and the terminal refuse) or control characters (a newline in a name would split the
one-line ``refused <source>: <reason>`` report in two, or forge a second report line). Sources and
reasons are therefore made printable here, once, for every reader: undecodable bytes become
``\\xNN``, control characters ``\\n``, ``\\r``, ``\\t`` or ``\\xNN``; C1 controls (U+0080-U+009F, which some
terminals obey) and the bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069, which reorder what a
terminal or a page shows: ``invoice\\u202etxt.html`` prints as ``invoicelmth.txt``) become ``\\xNN`` / ``\\uNNNN``.
Other printable non-ASCII is kept (the bidi *marks* U+200E/U+200F of right-to-left text too).
"""
from __future__ import annotations

import os
import re

from storyline.model import ReadError

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match) -> str:
    c = m.group(0)
    return _NAMED.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


def printable(text: str) -> str:
    """``text`` as valid UTF-8 on one line (undecodable bytes and control characters escaped)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:   # bytes a file name held that are not UTF-8 (os.fsdecode's surrogateescape)
            text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:   # any other lone surrogate
            text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return _CONTROL.sub(_escape, text)


def source_name(path: str | bytes | os.PathLike) -> str:
    """The name a page or a refusal carries for ``path``."""
    raw = os.fspath(path)
    if isinstance(raw, bytes):
        raw = os.fsdecode(raw)
    return printable(raw)


def refuse(source: str | os.PathLike, reason: str) -> ReadError:
    """A ReadError whose source and reason each print on one line."""
    src = source if isinstance(source, str) else source_name(source)
    return ReadError(printable(src), printable(reason))
