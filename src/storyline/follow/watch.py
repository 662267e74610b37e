"""Watchlists: criteria over the stored events and quotes, and the alerts they raise.

A watch names an actor and/or a target (a canonical actor id, a canonical name, or a name seen for the
actor), a PLOVER type, a country (ISO 3166 alpha-3 of the actor or target), a keyword (in the evidence
sentence), an outlet; negated events are left out unless asked for, hedged ones kept unless left out.
An alert is raised once per event: a merged event that gains a source later updates its alert (sources,
evidence) instead of raising another. Quotes by the watched actor become alerts too (watches without a
type or target).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Callable, Optional

from storyline.follow import schema
from storyline.follow.deliver import Deliverer, append_jsonl

WATCH_FIELDS = ("actor", "target", "type", "country", "keyword", "outlet", "include_negated", "include_hedged",
                "quotes", "jsonl", "webhook", "new_only", "name")


@dataclass
class Watch:
    id: int
    actor: Optional[str] = None
    target: Optional[str] = None
    type: Optional[str] = None
    country: Optional[str] = None
    keyword: Optional[str] = None
    outlet: Optional[str] = None
    include_negated: bool = False
    include_hedged: bool = True
    quotes: bool = True
    jsonl: Optional[str] = None
    webhook: Optional[str] = None
    new_only: bool = False
    name: Optional[str] = None
    created_at: Any = None
    checked_through: Any = None      # articles ingested up to this time have been checked

    def describe(self) -> str:
        parts = [f"{k}={getattr(self, k)}" for k in ("actor", "target", "type", "country", "keyword", "outlet")
                 if getattr(self, k)]
        if self.include_negated:
            parts.append("with negated")
        if not self.include_hedged:
            parts.append("no hedged")
        return " ".join(parts) or "everything"


def add_watch(con, **criteria) -> int:
    schema.ensure(con)
    unknown = set(criteria) - set(WATCH_FIELDS)
    if unknown:
        raise ValueError(f"unknown watch criteria: {', '.join(sorted(unknown))}")
    if criteria.get("type"):
        from storyline.model import PLOVER_TYPES
        t = criteria["type"].upper()
        if t not in PLOVER_TYPES:
            raise ValueError(f"{criteria['type']!r} is not a PLOVER type (one of: {', '.join(PLOVER_TYPES)})")
        criteria["type"] = t
    if criteria.get("country"):
        import pycountry
        code = criteria["country"].upper()
        if len(code) != 3 or pycountry.countries.get(alpha_3=code) is None:
            raise ValueError(f"{criteria['country']!r} is not an ISO 3166 alpha-3 country code (e.g. USA, FRA, CHN)")
        criteria["country"] = code
    new_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM watches").fetchone()[0]
    if criteria.get("new_only"):    # what is stored now counts as checked
        criteria["checked_through"] = con.execute("SELECT max(ingested_at) FROM articles").fetchone()[0]
    cols = ["id"] + list(criteria)
    con.execute(f"INSERT INTO watches ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                [new_id] + list(criteria.values()))
    return new_id


def remove_watch(con, watch_id: int) -> bool:
    schema.ensure(con)
    if not con.execute("SELECT 1 FROM watches WHERE id = ?", [watch_id]).fetchone():
        return False
    con.execute("DELETE FROM watches WHERE id = ?", [watch_id])
    return True


def list_watches(con) -> list[Watch]:
    if not schema.has_tables(con, "watches"):
        return []
    cur = con.execute("SELECT * FROM watches ORDER BY id")
    cols = [d[0] for d in cur.description]
    return [Watch(**dict(zip(cols, r))) for r in cur.fetchall()]


def list_alerts(con, limit: int = 100, after: int = 0, watch_id: int | None = None) -> list[dict]:
    """Alerts, newest last (``after``: only those with a higher ``seq``, for polling)."""
    if not schema.has_tables(con, "alerts"):
        return []
    sql = "SELECT * FROM alerts WHERE seq > ?"
    params: list = [after]
    if watch_id is not None:
        sql += " AND watch_id = ?"
        params.append(watch_id)
    sql += " ORDER BY seq DESC LIMIT ?"
    params.append(limit)
    cur = con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    rows = [dict(zip(cols, r)) for r in cur.fetchall()]
    for r in rows:
        r["evidence"] = json.loads(r["evidence"]) if r.get("evidence") else []
        for k in ("raised_at", "updated_at"):
            if r.get(k) is not None and hasattr(r[k], "isoformat"):
                r[k] = r[k].isoformat()
    rows.reverse()
    return rows


def alert_line(a: dict) -> str:
    """One line for a terminal: when, watch, kind, the matched actor, what, the evidence and where."""
    who = a.get("actor") or "?"
    if a["kind"] == "quote":
        what = f"QUOTE {who}"
    else:
        what = f"{a.get('type')} {who}" + (f" -> {a['target']}" if a.get("target") else "")
        flags = [f for f in ("hedged", "negated") if a.get(f)]
        if flags:
            what += f" ({', '.join(flags)})"
    src = a.get("url") or a.get("article_id") or ""
    n = a.get("sources") or 1
    more = f" [{n} sources]" if n > 1 else ""
    sentence = " ".join(((a.get("text") if a["kind"] == "quote" else None) or a.get("sentence") or "").split())
    return f"{str(a.get('raised_at') or '')[:19]} watch {a['watch_id']} {what}{more}: \"{sentence}\" {a.get('outlet') or ''} {src}".rstrip()


# ---------------------------------------------------------------- matching
def _rows(con, sql: str, params: list | None = None) -> list[dict]:
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


def _actor_ids(con, name: str) -> set[str]:
    """Actor ids a watch's name stands for: the id itself, a canonical name, or a name seen for the actor."""
    ids = {r[0] for r in con.execute("SELECT id FROM actors WHERE id = ? OR lower(name) = lower(?)",
                                     [name, name]).fetchall()}
    ids |= {r[0] for r in con.execute(
        "SELECT DISTINCT actor_id FROM article_actors WHERE list_contains(list_transform(aliases, x -> lower(x)), lower(?))",
        [name]).fetchall()}
    return ids


def _name_match(wanted: str, ids: set[str], rid: str | None, text: str | None) -> bool:
    if rid and rid in ids:
        return True
    if not text:
        return False
    return re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", text, re.IGNORECASE) is not None


_FRESH = "SELECT id FROM articles WHERE ? IS NULL OR ingested_at > ?"


def _events(con, since) -> list[dict]:
    """Merged events, plus per-article events in no merged event (stores linked or not), that involve an
    article ingested after ``since`` (all when None): a check costs what is new, not the whole store."""
    merged = _rows(con, f"""WITH fe AS (SELECT list(id) AS ids FROM events WHERE article_id IN ({_FRESH}))
        SELECT id, type, actor, actor_id, target, target_id, coalesce(date, date_lo) AS date,
        hedged, negated, event_ids, evidence FROM merged_events, fe WHERE list_has_any(event_ids, fe.ids)""",
                   [since, since])
    for m in merged:
        m["evidence"] = json.loads(m["evidence"]) if m["evidence"] else []
        m["event_ids"] = list(m["event_ids"] or [m["id"]])
    single = _rows(con, f"""SELECT id, type, actor, actor_id, target, target_id, coalesce(date, date_lo) AS date,
        hedged, negated, article_id, sentence, start_char, end_char FROM events
        WHERE article_id IN ({_FRESH}) AND id NOT IN (SELECT unnest(event_ids) FROM merged_events)""", [since, since])
    for e in single:
        e["event_ids"] = [e["id"]]
        e["evidence"] = [{"article_id": e.pop("article_id"), "sentence": e.pop("sentence"),
                          "start": e.pop("start_char"), "end": e.pop("end_char")}]
    return merged + single


class _Ctx:
    """Per-check lookups shared by the watches: articles, actor countries, resolved names."""

    def __init__(self, con):
        self.con = con
        self._articles: dict[str, dict] = {}
        self._countries: dict[str, str | None] | None = None
        self._ids: dict[str, set[str]] = {}

    def article(self, aid: str) -> dict:
        if aid not in self._articles:
            rows = _rows(self.con, "SELECT id, url, source, title, outlet, ingested_at FROM articles WHERE id = ?", [aid])
            self._articles[aid] = rows[0] if rows else {}
        return self._articles[aid]

    def country(self, actor_id: str | None) -> str | None:
        if self._countries is None:
            self._countries = {r[0]: r[1] for r in self.con.execute("SELECT id, country FROM actors").fetchall()}
        return self._countries.get(actor_id) if actor_id else None

    def ids(self, name: str) -> set[str]:
        if name not in self._ids:
            self._ids[name] = _actor_ids(self.con, name)
        return self._ids[name]


def _event_matches(w: Watch, e: dict, ctx: _Ctx) -> bool:
    if w.type and e["type"] != w.type:
        return False
    if e["negated"] and not w.include_negated:
        return False
    if e["hedged"] and not w.include_hedged:
        return False
    if w.actor and not _name_match(w.actor, ctx.ids(w.actor), e["actor_id"], e["actor"]):
        return False
    if w.target and not _name_match(w.target, ctx.ids(w.target), e["target_id"], e["target"]):
        return False
    if w.country and w.country not in (ctx.country(e["actor_id"]), ctx.country(e["target_id"])):
        return False
    return _evidence_matches(w, e["evidence"], ctx)


def _evidence_matches(w: Watch, evidence: list[dict], ctx: _Ctx) -> bool:
    if w.keyword and not any(re.search(rf"(?<!\w){re.escape(w.keyword)}(?!\w)", ev.get("sentence") or "", re.I)
                             for ev in evidence):
        return False
    if w.outlet and not any(w.outlet.lower() in (ctx.article(ev["article_id"]).get("outlet") or "").lower()
                            for ev in evidence):
        return False
    return True


def _quotes(con, w: Watch, ctx: _Ctx) -> list[dict]:
    ids = ctx.ids(w.actor)
    since = w.checked_through
    rows = _rows(con, f"""SELECT id, article_id, speaker, speaker_name, speaker_id, text, kind, sentence,
        start_char, end_char FROM quotes WHERE article_id IN ({_FRESH})""", [since, since])
    out = []
    for q in rows:
        if not (_name_match(w.actor, ids, q["speaker_id"], q["speaker_name"]) or
                _name_match(w.actor, set(), None, q["speaker"])):
            continue
        ev = [{"article_id": q["article_id"], "sentence": q["sentence"], "start": q["start_char"], "end": q["end_char"]}]
        if w.keyword and not re.search(rf"(?<!\w){re.escape(w.keyword)}(?!\w)", (q["text"] or "") + " " + (q["sentence"] or ""), re.I):
            continue
        if _evidence_matches(Watch(id=w.id, outlet=w.outlet), ev, ctx):
            q["evidence"] = ev
            out.append(q)
    return out


# ---------------------------------------------------------------- checking
def check_watches(con, deliverer: Deliverer | None = None, log: Callable[[str], None] | None = None) -> int:
    """Evaluate every watch against the store; raise (or update) alerts, deliver them. Returns the number
    of alerts raised or updated."""
    log = log or (lambda _m: None)
    schema.ensure(con)
    watches = list_watches(con)
    if deliverer is not None:
        _record_webhooks(con, deliverer)
    if not watches:
        return 0
    ctx = _Ctx(con)
    through = con.execute("SELECT max(ingested_at) FROM articles").fetchone()[0]
    by_mark: dict[Any, list[dict]] = {}
    seq = con.execute("SELECT coalesce(max(seq), 0) FROM alerts").fetchone()[0]
    changed = 0
    for w in watches:
        covered = {r[0]: r[1] for r in con.execute(
            "SELECT record_id, alert_id FROM alert_records WHERE watch_id = ?", [w.id]).fetchall()}
        if w.checked_through not in by_mark:
            by_mark[w.checked_through] = _events(con, w.checked_through)
        found: list[tuple[str, dict]] = [("event", e) for e in by_mark[w.checked_through]
                                         if _event_matches(w, e, ctx)]
        if w.actor and w.quotes and not w.type and not w.target:
            found += [("quote", q) for q in _quotes(con, w, ctx)]
        for kind, rec in found:
            rec_ids = rec["event_ids"] if kind == "event" else [rec["id"]]
            existing = next((covered[r] for r in rec_ids if r in covered), None)
            n_sources = len({ev["article_id"] for ev in rec["evidence"]})
            if existing is not None:
                old = con.execute("SELECT sources FROM alerts WHERE id = ?", [existing]).fetchone()
                if old is None or (old[0] or 0) >= n_sources:
                    continue
            alert = _alert_row(w, kind, rec, ctx, n_sources)
            con.execute("BEGIN")
            try:
                if existing is None:
                    seq += 1
                    alert["seq"] = seq
                    alert["webhook_status"] = "pending" if w.webhook else None
                    cols = list(alert)
                    con.execute(f"INSERT INTO alerts ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                [json.dumps(v, ensure_ascii=False) if k == "evidence" else v for k, v in alert.items()])
                    aid = alert["id"]
                else:
                    aid = existing
                    seq += 1
                    con.execute("""UPDATE alerts SET sources = ?, evidence = ?, updated_at = current_timestamp,
                        seq = ?, webhook_status = ? WHERE id = ?""",
                                [n_sources, json.dumps(alert["evidence"], ensure_ascii=False), seq,
                                 "pending" if w.webhook else None, aid])
                for r in rec_ids:
                    if r not in covered:
                        con.execute("INSERT INTO alert_records VALUES (?, ?, ?)", [w.id, r, aid])
                        covered[r] = aid
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            changed += 1
            full = list_alerts_by_id(con, aid)
            full["update"] = existing is not None
            log(f"follow: alert {'updated' if existing else 'raised'}: {alert_line(full)}")
            if w.jsonl:
                try:
                    append_jsonl(w.jsonl, full)
                except OSError as exc:
                    log(f"follow: cannot write alerts to {w.jsonl}: {exc.strerror or exc}")
            if w.webhook and deliverer is not None:
                deliverer.webhook(w.webhook, aid, full)
        if through is not None:
            con.execute("UPDATE watches SET checked_through = ? WHERE id = ?", [through, w.id])
    return changed


def list_alerts_by_id(con, alert_id: str) -> dict:
    rows = _rows(con, "SELECT * FROM alerts WHERE id = ?", [alert_id])
    r = rows[0]
    r["evidence"] = json.loads(r["evidence"]) if r.get("evidence") else []
    for k in ("raised_at", "updated_at"):
        if r.get(k) is not None and hasattr(r[k], "isoformat"):
            r[k] = r[k].isoformat()
    return r


def _alert_row(w: Watch, kind: str, rec: dict, ctx: _Ctx, n_sources: int) -> dict:
    ev = rec["evidence"][0] if rec["evidence"] else {}
    art = ctx.article(ev.get("article_id", "")) if ev else {}
    if kind == "event":
        base = {"type": rec["type"], "actor": rec["actor"], "actor_id": rec["actor_id"], "target": rec["target"],
                "date": rec["date"], "hedged": bool(rec["hedged"]), "negated": bool(rec["negated"]), "text": None}
        rid = rec["id"]
    else:
        base = {"type": None, "actor": rec["speaker_name"] or rec["speaker"], "actor_id": rec["speaker_id"],
                "target": None, "date": None, "hedged": False, "negated": False, "text": rec["text"]}
        rid = rec["id"]
    return {"id": f"w{w.id}-{kind[0]}-{rid}", "watch_id": w.id, "kind": kind, "record_id": rid, **base,
            "sentence": ev.get("sentence"), "article_id": ev.get("article_id"),
            "url": art.get("url") or art.get("source"), "title": art.get("title"), "outlet": art.get("outlet"),
            "sources": n_sources, "evidence": rec["evidence"]}


def _record_webhooks(con, deliverer: Deliverer) -> None:
    """Record delivered / failed webhook POSTs; queue again those a previous run left pending."""
    for aid, status in deliverer.take_results():
        con.execute("UPDATE alerts SET webhook_status = ? WHERE id = ?", [status, aid])
    for aid, url in con.execute("""SELECT a.id, w.webhook FROM alerts a JOIN watches w ON w.id = a.watch_id
            WHERE a.webhook_status = 'pending' AND w.webhook IS NOT NULL""").fetchall():
        deliverer.webhook(url, aid, list_alerts_by_id(con, aid))


def record_deliveries(con, deliverer: Deliverer) -> None:
    """Write the outcome of finished webhook POSTs to the alerts table."""
    for aid, status in deliverer.take_results():
        con.execute("UPDATE alerts SET webhook_status = ? WHERE id = ?", [status, aid])
