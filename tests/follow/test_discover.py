"""Feed and sitemap parsing on hostile and varied documents (no network)."""
from __future__ import annotations

import pytest

from storyline.follow import discover

LOL = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(2, 10))
BOMB = f'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY lol1 "lol">{LOL}]><rss><channel><item><link>http://a.example/&lol9;</link></item></channel></rss>'
XXE = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       '<rss><channel><item><link>http://a.example/&xxe;</link></item></channel></rss>')


def test_entity_bombs_and_external_entities_are_not_expanded():
    with pytest.raises(discover.NotAFeed):
        discover.parse(BOMB.encode(), "http://a.example/")
    found = discover.parse(XXE.encode(), "http://a.example/")
    assert [i.url for i in found.items] == ["http://a.example/"]      # the entity is not read from disk


def test_atom_rdf_and_relative_links():
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="self" href="/self"/>
      <link href="/news/a"/><updated>2024-05-01T10:00:00Z</updated></entry>
      <entry><link rel="alternate" type="text/html" href="https://b.example/x"/></entry></feed>"""
    f = discover.parse(atom, "https://a.example/feed")
    assert [(i.url, i.date) for i in f.items] == [("https://a.example/news/a", "2024-05-01T10:00:00Z"),
                                                  ("https://b.example/x", None)]
    rdf = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
      xmlns:dc="http://purl.org/dc/elements/1.1/"><item rdf:about="https://a.example/r1"><link>https://a.example/r1</link>
      <dc:date>2024-05-02</dc:date></item></rdf:RDF>"""
    f = discover.parse(rdf, "https://a.example/")
    assert f.kind == "rdf" and [(i.url, i.date) for i in f.items] == [("https://a.example/r1", "2024-05-02")]
    # links that are not http(s) are dropped
    rss = b"<rss><channel><item><link>javascript:alert(1)</link></item><item><link>ftp://x/y</link></item></channel></rss>"
    assert discover.parse(rss, "https://a.example/").items == []


@pytest.mark.parametrize("doc,why", [(b"", "empty"), (b"{\"items\": []}", "not XML"),
                                     (b"<html><body>x</body></html>", "an HTML page"),
                                     (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "root element is <svg>"),
                                     (b"\x1f\x8b\x08garbage", "corrupt gzip")])
def test_what_is_not_a_feed_says_why(doc, why):
    with pytest.raises(discover.NotAFeed, match=why):
        discover.parse(doc, "https://a.example/")


def test_canonical_urls():
    assert discover.canonical("HTTPS://News.Example:443/a/b.html?utm_source=rss&id=2#top") == \
        "https://news.example/a/b.html?id=2"
