"""Bytes to text: BOMs, declared charsets, UTF-16 without BOM, then charset detection.

Refuses what is not text (binary noise) with a reason. Hand-written only where no library
decides: the order of evidence (BOM > a declaration that decodes cleanly > strict UTF-8 >
charset_normalizer's guess) and the binary test.
"""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})""", re.I)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


class NotText(ValueError):
    """The bytes are not a text document."""


def _norm_codec(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def check_text(text: str) -> None:
    """Refuse decoded text that is mostly control characters (binary noise)."""
    sample = text[:20000]
    if not sample.strip():
        raise NotText("no text (only whitespace)")
    bad = len(_CONTROL.findall(sample))
    if bad > max(3, 0.01 * len(sample)):
        raise NotText(f"binary content ({bad} control characters in the first {len(sample)} characters)")


def decode(data: bytes, *, html: bool = False, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data``; return (text, encoding). Raises NotText with a reason."""
    if not data:
        raise NotText("empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = data[len(bom):].decode(enc, errors="replace")
            check_text(text)
            return text, enc
    guess16 = _utf16_without_bom(data)
    if guess16:
        try:
            text = data.decode(guess16)
            check_text(text)
            return text, guess16
        except (UnicodeDecodeError, NotText):
            pass
    nuls = data.count(0, 0, 65536)
    if nuls:
        # a stray NUL in a text page is damage, not a sign of binary content: drop a few, refuse many
        if nuls > max(3, 0.001 * min(len(data), 65536)):
            raise NotText(f"binary content ({nuls} NUL bytes in the first {min(len(data), 65536)} bytes)")
        data = data.replace(b"\x00", b"")
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    if html:
        head = data[:4096]
        m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
        if m:
            candidates.append(m.group(1).decode("ascii", "ignore"))
    candidates.append("utf-8")
    for name in candidates:
        enc = _norm_codec(name)
        if not enc:
            continue
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue  # a declaration that lies (Latin-1 declared as UTF-8): keep looking
        check_text(text)
        return text, enc
    best = from_bytes(data[: 1024 * 1024]).best()
    if best is not None and best.encoding:
        text = data.decode(best.encoding, errors="replace")
        check_text(text)
        return text, best.encoding
    text = data.decode("cp1252", errors="replace")
    check_text(text)
    return text, "cp1252"
