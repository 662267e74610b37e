"""Headline, outlet name and article URL of an HTML page."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Optional
from urllib.parse import urljoin, urlsplit

from storyline.clean.html.meta import HtmlMeta
from storyline.clean.html.util import _key, _norm, _squash

TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»/\\~]+\s+|\s*\|\s*")
# second-level labels under which a host's own name sits one label further left (bbc.co.uk)
SECOND_LEVEL = {"co", "com", "or", "ne", "ac", "gov", "org", "net", "edu", "go", "gv", "nic"}


def _site_tokens(*names: Optional[str]) -> set[str]:
    out = {_key(n) for n in names if n}
    return {x for x in out if len(x) >= 3}


def host_name(host: Optional[str]) -> Optional[str]:
    """The publisher's own label in a host name: news.example.co.uk -> example."""
    if not host:
        return None
    labels = [x for x in host.split(".") if x]
    if len(labels) >= 3 and labels[-2] in SECOND_LEVEL:
        return labels[-3]
    return labels[-2] if len(labels) >= 2 else (labels[0] if labels else None)


_SITE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»]\s+")


def _folded_key(s: str) -> str:
    return _key("".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)))


def site_name_part(site: Optional[str], host: Optional[str]) -> Optional[str]:
    """A declared site name without its tagline: of "Example News - All the news, all day" the part the host
    name spells (example-news.com), accents aside; the name as declared when no part matches the host."""
    label = host_name(host)
    if not site or not label or not _SITE_SEPARATORS.search(site):
        return site
    hk = _folded_key(label)
    if len(hk) < 3:
        return site
    for part in (p.strip() for p in _SITE_SEPARATORS.split(site)):
        pk = _folded_key(part)
        if len(pk) >= 3 and (hk in pk or pk in hk):
            return part
    return site


_URLISH = re.compile(r"^(?:https?://|www\.)[^\s/]+\S*$", re.I)
_TLD_TAIL = re.compile(r"\.(?:[a-z]{2,6})(?:\.[a-z]{2})?$", re.I)


def outlet_name(site: Optional[str], host: Optional[str], title_tag: Optional[str]) -> Optional[str]:
    """A declared site name that is a URL ("http://www.tmz.com") names no one: the name the page's own <title>
    gives its site ("... | TMZ.com" -> "TMZ"), else the host ("tmz.com", as for a page that declares no name)."""
    if not site or not _URLISH.match(site.strip()):
        return site
    site = site.strip()
    own = url_host(site if "://" in site else "http://" + site)
    label = host_name(host or own)
    hk = _folded_key(label or "")
    if len(hk) >= 2:
        for part in TITLE_SEPARATORS.split(title_tag or ""):
            part = part.strip()
            # "TMZ.com" is the name as styled, its TLD aside; "chocolate.com" is a host written out: kept whole
            name = _TLD_TAIL.sub("", part) if any(c.isupper() for c in part) else part
            pk = _folded_key(name)
            if 1 <= len(name.split()) <= 4 and len(pk) >= 2 and (pk == hk or (len(pk) >= 4 and (hk in pk or pk in hk))):
                return name
    return host or own


def url_host(url: Optional[str]) -> Optional[str]:
    """The host of a URL without its "www." / "m." / "amp." prefix, lower-cased; None when there is none."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    host = re.sub(r"^(www\d*|m|amp|edition|mobile)\.", "", host.lower())
    return host or None


def page_url(own: Optional[str], hm: HtmlMeta) -> Optional[str]:
    """The article's URL: the page's canonical link (``<link rel=canonical>``, else ``og:url``), made absolute
    against the page's own URL, when it is an http(s) URL of the article (not the bare root of a site); when the
    page was captured from a URL of its own (a WARC record, a JSON line), the canonical link replaces it only on the
    same site (tracking parameters, AMP and mobile copies), since a link to another site's page names that page."""
    for cand in (hm.canonical, hm.meta.get("og:url")):
        url = _absolute(cand, own)
        if url is None:
            continue
        if own and url_host(url) != url_host(own):
            continue
        return url
    return own


def _absolute(link: Optional[str], base: Optional[str]) -> Optional[str]:
    link = _squash(link)
    if not link or len(link) > 2000:
        return None
    try:
        url = urljoin(base or "", link)
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if parts.path in ("", "/") and not parts.query:
        return None        # the site's home page: a template's default, not this article
    return url


def clean_title(title: Optional[str], site: Optional[str], host: Optional[str],
                h1: Iterable[str] = ()) -> Optional[str]:
    """Drop a " | Site Name" (or "Site: ") part from a title; keep the headline itself."""
    title = _squash(title)
    if not title:
        return None
    parts = [p for p in TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    h1n = {_norm(h) for h in h1}
    for p in parts:
        if _norm(p) in h1n and len(p) > 10:
            return p.strip()
    sites = _site_tokens(site, host, host_name(host))

    def is_site(p: str) -> bool:
        k = _key(p)
        if not k:
            return False
        return any(k == s or (len(k) >= 3 and (k in s or s in k) and len(p.split()) <= 4) for s in sites)

    # strip site parts from either end
    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
    if len(parts) == 1:
        return parts[0].strip()
    # no site name known: rebuild the title as written (separators inside headlines are common)
    if not sites:
        return title
    # keep what remains as written (re-join from the original string)
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else title


def pick_title(og: Optional[str], ld: Optional[str], tw: Optional[str], tag: Optional[str],
               h1: list[str], fallback: Optional[str], site: Optional[str], host: Optional[str],
               single_h1_wins: bool = True) -> Optional[str]:
    """The headline as displayed: the page's <h1> when the page's own <title> confirms it, else the
    declared title (OpenGraph, JSON-LD, Twitter), else trafilatura's / the <title> tag (a lone,
    headline-sized <h1> when nothing is declared); a site-name part is dropped."""
    sites = _site_tokens(site, host, host_name(host))
    heads = [h for h in h1 if 2 <= len(h) <= 300 and _key(h) not in sites]
    # a declared title that is the site's name (og:title = og:site_name) is no headline
    declared = next((d for d in (og, ld, tw) if d and not _site_named(d, sites)), None)
    declared = _uncut(declared, tag)
    if heads:
        if declared and any(_norm(h) == _norm(declared) for h in heads):
            return clean_title(declared, site, host, h1)
        # a kicker shown in the same <h1> above the headline ("Open Progress" + the declared headline)
        dn = _norm(declared or "")
        if len(dn.split()) >= 3 and any(_norm(h).endswith(" " + dn) for h in heads):
            return clean_title(declared, site, host, h1)
        h = heads[0]
        hn, tn = _norm(h), _norm(tag or "")
        if len(h.split()) >= 3 and hn and hn in tn and len(hn) >= 0.3 * len(tn):
            return h
        if (not declared or single_h1_wins) and len(heads) == 1 and len(h1) == 1 and len(h.split()) >= 4:
            return h
    title = clean_title(declared or fallback or tag, site, host, h1)
    if title and _site_named(title, sites):     # the site's name, not the article's: its own headline, or none
        return heads[0] if heads else None
    return title


SITE_NAME_WORDS = 5     # a site name is this short; a headline-long "site name" is a headline declared as one


def _site_named(title: str, sites: set[str]) -> bool:
    return len(title.split()) <= SITE_NAME_WORDS and _key(title) in sites


_QUOTE_MARKS = frozenset("\"“”„«»")


def _uncut(declared: Optional[str], tag: Optional[str]) -> Optional[str]:
    """The declared title, or the <title> tag's when the declared one was cut at an unescaped quote mark
    (content="Senator calls Biden "unfit"" reads as "Senator calls Biden") and the tag goes on from there."""
    if declared and tag and len(tag) > len(declared) and tag.startswith(declared) \
            and tag[len(declared):].lstrip()[:1] in _QUOTE_MARKS:
        return tag
    return declared
