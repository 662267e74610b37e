"""Escaping helpers for untrusted text (article text, titles, outlets, quotes, actor names, URLs).

HTML text and attributes are escaped by Jinja's autoescape; this module covers the rest:
JSON embedded in a page (``<script type="application/json">``), and URLs put in ``href``.
"""
from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

_JSON_ESCAPES = {
    "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027",
    "\u2028": "\\u2028", "\u2029": "\\u2029",
}


def _default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def json_for_script(value: Any) -> Markup:
    """JSON safe to place inside a <script> element or an HTML attribute: no <, >, &, ' or U+2028/9 left raw,
    so no text can close the element or break out of a JavaScript string."""
    text = json.dumps(value, ensure_ascii=False, default=_default, separators=(",", ":"))
    for ch, rep in _JSON_ESCAPES.items():
        text = text.replace(ch, rep)
    return Markup(text)


def safe_href(url: Any) -> str | None:
    """The URL when it is an absolute http(s) URL with a host, else None (show it as text, never link it)."""
    if not isinstance(url, str) or not url or len(url) > 4000:
        return None
    if any(ord(c) < 0x20 or c.isspace() for c in url):   # browsers strip these and may read a scheme anew
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url
