"""Links (with their dates) out of an RSS / Atom / RDF feed or an XML sitemap (news sitemaps, sitemap
indexes, gzipped sitemaps), and the canonical form of a URL.

trafilatura's ``feeds.extract_links`` and ``SitemapObject`` return bare links and filter them with courlan's
``check_url``, which drops every URL with a port and keeps no item dates; following needs the dates (a feed
item or sitemap entry whose date moved is a re-published page), so the XML is read here with lxml (no
entities, no network, no recovery: a document that is not XML is refused, with the parser's reason), and
URLs are normalised with courlan.
"""
from __future__ import annotations

import gzip
import io
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

from courlan import normalize_url
from lxml import etree

MAX_ITEMS = 5000


class NotAFeed(ValueError):
    """The document is neither a feed nor a sitemap (the message says what it is instead)."""


@dataclass
class Item:
    url: str
    date: str | None = None


@dataclass
class Discovered:
    kind: str                                   # rss | atom | rdf | sitemap | sitemapindex
    items: list[Item] = field(default_factory=list)
    sitemaps: list[Item] = field(default_factory=list)   # children of a sitemap index


def canonical(url: str) -> str:
    """One spelling per page: courlan's normalisation (lower-case host, default port, tracking parameters
    and the fragment dropped, query sorted)."""
    url = urldefrag(url.strip())[0]
    try:
        url = normalize_url(url)
    except Exception:
        pass
    return urldefrag(url)[0]


def _local(tag) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _child_text(el, *names: str) -> str | None:
    for child in el:
        if _local(child.tag) in names and child.text and child.text.strip():
            return child.text.strip()
    return None


def _find(el, name: str):
    for child in el.iter():
        if _local(child.tag) == name:
            yield child


def gunzip_capped(data: bytes, cap: int) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
        out = gz.read(cap + 1)
    if len(out) > cap:
        raise NotAFeed(f"gzipped document expands past {cap:,} bytes")
    return out


def parse(data: bytes, base_url: str, max_bytes: int = 50 * 1024 * 1024) -> Discovered:
    """The links of a feed or sitemap document; raises ``NotAFeed`` with a readable reason otherwise."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = gunzip_capped(data, max_bytes)
        except (OSError, EOFError) as exc:
            raise NotAFeed(f"corrupt gzip data ({exc})") from None
    if not data.strip():
        raise NotAFeed("empty document")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False, huge_tree=False,
                             load_dtd=False)
    try:
        root = etree.fromstring(data.lstrip(), parser)
    except etree.XMLSyntaxError as exc:
        head = data.lstrip()[:200].lower()
        what = "an HTML page" if b"<html" in head or b"<!doctype html" in head else "not XML"
        raise NotAFeed(f"{what}, not a feed or sitemap ({str(exc).splitlines()[0][:120]})") from None
    tag = _local(root.tag)
    out = Discovered(kind=tag)
    if tag == "rss" or tag == "rdf":
        out.kind = "rss" if tag == "rss" else "rdf"
        for item in _find(root, "item"):
            link = _child_text(item, "link")
            if not link:
                for g in item:
                    if _local(g.tag) == "guid" and (g.get("isPermaLink", "true") != "false") and g.text:
                        link = g.text.strip()
            if not link and item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"):
                link = item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
            date = _child_text(item, "updated", "pubdate", "date", "modified")
            _add(out.items, link, date, base_url)
    elif tag == "feed":
        out.kind = "atom"
        for entry in _find(root, "entry"):
            link = None
            for ln in entry:
                if _local(ln.tag) == "link" and ln.get("href") and ln.get("rel", "alternate") == "alternate":
                    link = ln.get("href")
                    break
            date = _child_text(entry, "updated", "published")
            _add(out.items, link, date, base_url)
    elif tag == "urlset":
        out.kind = "sitemap"
        for u in root:
            if _local(u.tag) != "url":
                continue
            loc = _child_text(u, "loc")
            date = _child_text(u, "lastmod")
            if date is None:
                for pub in _find(u, "publication_date"):
                    date = (pub.text or "").strip() or None
            _add(out.items, loc, date, base_url)
    elif tag == "sitemapindex":
        out.kind = "sitemapindex"
        for s in root:
            if _local(s.tag) == "sitemap":
                _add(out.sitemaps, _child_text(s, "loc"), _child_text(s, "lastmod"), base_url)
    elif tag == "html":
        raise NotAFeed("an HTML page, not a feed or sitemap")
    else:
        raise NotAFeed(f"XML, but not a feed or sitemap (its root element is <{tag}>)")
    return out


def _add(items: list[Item], link: str | None, date: str | None, base: str) -> None:
    if not link or len(items) >= MAX_ITEMS:
        return
    url = urljoin(base, link.strip())
    if urlsplit(url).scheme in ("http", "https"):
        items.append(Item(url, date))
