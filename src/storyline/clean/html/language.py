"""The language an HTML page declares (``<html lang>``, JSON-LD ``inLanguage``, a language meta tag)."""
from __future__ import annotations

import re
from typing import Optional

from storyline.clean.html.meta import META_LANG, HtmlMeta


def _lang_code(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    m = re.match(r"\s*([a-zA-Z]{2,3})(?:[-_]|$)", value)
    return m[1].lower() if m else None


def declared_language(hm: HtmlMeta) -> Optional[str]:
    """The two- or three-letter code of the language the page declares, or None."""
    return _lang_code(hm.html_lang or hm.ld_language or next((hm.meta[k] for k in META_LANG if hm.meta.get(k)), None))
