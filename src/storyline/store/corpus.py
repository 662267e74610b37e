"""The store's corpus-level reads and writes (``Store`` has them): year completion, the filing of actors under
the corpus's canonical actors, and the replacement of stories, each write in one transaction with the index state
that produced it (a run killed midway leaves the previous rows and state intact)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional

from storyline.model import Actor, LinkedStory
from storyline.store import rows

DATE_ORDER = "ORDER BY coalesce(published, published_lo, '9999'), id"


class CorpusStore:
    """Mixed into ``storyline.store.db.Store`` (which gives ``con``, ``query``, ``set_state``)."""

    con: Any

    # ------------------------------------------------------------ reads
    def article_ids_by_date(self, unlinked: bool = False) -> list[str]:
        """Article ids in publication order (the order the story index should see them); ``unlinked``: only
        those no story holds yet."""
        where = "WHERE id NOT IN (SELECT article_id FROM story_articles) " if unlinked else ""
        return [r["id"] for r in self.query(f"SELECT id FROM articles {where}{DATE_ORDER}")]

    def yearless_articles(self) -> list[dict[str, Any]]:
        """Articles whose publication date lacks its year (with the candidate years their weekday allows)."""
        return self.query("SELECT id, published, published_candidates, published_evidence FROM articles "
                          "WHERE published IS NOT NULL AND len(published_candidates) > 0")

    def stated_years(self) -> list[int]:
        """The year of each dated article whose year is stated, not completed (and of each date range)."""
        return [int(r["y"]) for r in self.query(
            "SELECT substr(published, 1, 4) AS y FROM articles WHERE published NOT LIKE '--%' "
            "AND published IS NOT NULL AND len(coalesce(published_candidates, [])) = 0 "
            "UNION ALL SELECT substr(published_lo, 1, 4) FROM articles WHERE published_lo IS NOT NULL")]

    def set_published(self, article_id: str, published: str, evidence: Optional[str]) -> None:
        """Give an article its (completed) publication date and the evidence for it."""
        self.con.execute("UPDATE articles SET published = ?, published_evidence = ? WHERE id = ?",
                         [published, evidence, article_id])

    def filed_articles(self, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` whose actors are filed under canonical actors already."""
        return {r["article_id"] for r in self.query(
            "SELECT DISTINCT article_id FROM actor_links WHERE article_id IN (SELECT unnest(?))", [list(ids)])}

    def article_actors(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        """The actor rows of ``ids``: article_id, actor_id, aliases, mentions, name, type, country, sector."""
        return self.query(
            "SELECT aa.article_id, aa.actor_id, aa.aliases, aa.mentions, a.name, a.type, a.country, a.sector "
            "FROM article_actors aa JOIN actors a ON a.id = aa.actor_id WHERE aa.article_id IN (SELECT unnest(?))",
            [list(ids)])

    def actor_descriptors(self, ids: Sequence[str]) -> list[dict[str, Any]]:
        """The descriptor mentions of ``ids`` (a common noun the article gives an actor: "the judge" tied to a
        named person, or an unnamed actor's noun): article_id, actor_id, text, one row per distinct triple."""
        return self.query(
            "SELECT DISTINCT article_id, actor_id, text FROM mentions "
            "WHERE label = 'DESC' AND actor_id IS NOT NULL AND article_id IN (SELECT unnest(?))", [list(ids)])

    # ------------------------------------------------------------ writes
    def _transaction(self, work) -> None:
        con = self.con
        con.execute("BEGIN")
        try:
            work(con)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def refile_actors(self, articles: Sequence[str], filings: Sequence[dict[str, Any]],
                      article_actors: Sequence[dict[str, Any]], canon: Sequence[Actor], names: dict[str, str],
                      state_key: str, state: Any) -> None:
        """Rewrite the rows of ``articles`` to their canonical actors, in one transaction with the actor
        index ``state``: ``filings`` [{article_id, local_id, actor_id, evidence}] (kept in ``actor_links``),
        ``article_actors`` the articles' new rows, ``canon`` the canonical actors touched, ``names`` canonical
        id -> name (events and quotes carry the name too)."""
        from storyline.store.db import _insert

        arts = sorted(articles)
        changed = [dict(f, name=names[f["actor_id"]]) for f in filings if f["local_id"] != f["actor_id"]]

        def work(con) -> None:
            con.execute("CREATE OR REPLACE TEMP TABLE _amap (article_id VARCHAR, local_id VARCHAR, "
                        "actor_id VARCHAR, name VARCHAR)")
            if changed:
                _insert(con, "_amap", [{k: r[k] for k in ("article_id", "local_id", "actor_id", "name")}
                                       for r in changed])
                con.execute("UPDATE mentions SET actor_id = m.actor_id FROM _amap m "
                            "WHERE mentions.article_id = m.article_id AND mentions.actor_id = m.local_id")
                con.execute("UPDATE quotes SET speaker_id = m.actor_id, speaker_name = m.name FROM _amap m "
                            "WHERE quotes.article_id = m.article_id AND quotes.speaker_id = m.local_id")
                con.execute("UPDATE events SET actor_id = m.actor_id, actor = m.name FROM _amap m "
                            "WHERE events.article_id = m.article_id AND events.actor_id = m.local_id")
                con.execute("UPDATE events SET target_id = m.actor_id, target = m.name FROM _amap m "
                            "WHERE events.article_id = m.article_id AND events.target_id = m.local_id")
            con.execute("DELETE FROM article_actors WHERE article_id IN (SELECT unnest(?))", [arts])
            _insert(con, "article_actors", list(article_actors))
            con.execute("DELETE FROM actor_links WHERE article_id IN (SELECT unnest(?))", [arts])
            _insert(con, "actor_links", list(filings))
            con.execute("DELETE FROM actors WHERE id IN (SELECT unnest(?))", [[c.id for c in canon]])
            _insert(con, "actors", [rows.actor_row(c) for c in canon])
            self.set_state(state_key, state)   # with the rows it filed: a kill loses nothing, doubles nothing

        self._transaction(work)

    def replace_stories(self, linked: Sequence[LinkedStory], state_key: str, state: Any,
                        replaced: Optional[Sequence[str]] = None) -> tuple[int, int]:
        """Write ``linked`` stories (their rows in ``stories``, ``story_articles`` and ``merged_events``) in place of
        the stories ``replaced`` (ids; None: every story), together with the story index ``state``, in one
        transaction: a failure midway leaves the old stories and state. Returns (stories, merged events)."""
        from storyline.store.db import _insert

        story_rows, link_rows, merged_rows = [], [], []
        for ls in linked:
            s, l_, m = rows.story_rows(ls)
            story_rows.append(s)
            link_rows.extend(l_)
            merged_rows.extend(m)

        def work(con) -> None:
            if replaced is None:
                for t in ("stories", "story_articles", "merged_events"):
                    con.execute(f"DELETE FROM {t}")
            else:
                sids = sorted(replaced)
                con.execute("DELETE FROM stories WHERE id IN (SELECT unnest(?))", [sids])
                con.execute("DELETE FROM story_articles WHERE story_id IN (SELECT unnest(?))", [sids])
                con.execute("DELETE FROM merged_events WHERE story_id IN (SELECT unnest(?))", [sids])
            _insert(con, "stories", story_rows)
            _insert(con, "story_articles", link_rows)
            _insert(con, "merged_events", merged_rows, ignore=True)
            self.set_state(state_key, state)

        self._transaction(work)
        return len(story_rows), len(merged_rows)
