"""Following sources as they publish: feeds and sitemaps polled politely, new pages archived (WARC) and
ingested through the usual pipeline, and watchlists that turn new matching events and quotes into alerts.

Modules, one job each: ``schema`` (the tables, in the same DuckDB store), ``fetch`` (the polite HTTP client:
robots.txt, per-host delay, retries, caps), ``discover`` (links and dates out of a feed or sitemap),
``archive`` (the WARC files beside the store), ``poll`` (one round over the sources), ``watch`` (criteria,
alerts) and ``deliver`` (JSON lines file and webhook), ``cli`` (the commands).
The tables and every query on them live in the store (``storyline.store.follow_schema``, ``store.follow``,
``store.watches``): no SQL here.
"""
