"""Watchlists: criteria over the stored events and quotes, and the alerts they raise.

A watch names an actor and/or a target (a canonical actor id, a canonical name, or a name seen for the
actor), a PLOVER type, a country (ISO 3166 alpha-3 of the actor or target), a keyword (in the evidence
sentence), an outlet; negated events are left out unless asked for, hedged ones kept unless left out.
An alert is raised once per event: a merged event that gains a source later updates its alert (sources,
evidence) instead of raising another. Quotes by the watched actor become alerts too (watches without a
type or target).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Optional

from storyline.follow import schema
from storyline.follow.deliver import Deliverer, append_jsonl
from storyline.store import watches as watch_db
from storyline.store.watches import list_alerts, list_alerts_by_id  # noqa: F401  (the follow API)

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
    return watch_db.add_watch(con, criteria)


def remove_watch(con, watch_id: int) -> bool:
    schema.ensure(con)
    return watch_db.remove_watch(con, watch_id)


def list_watches(con) -> list[Watch]:
    return [Watch(**r) for r in watch_db.watch_rows(con)]


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
    when = str(a.get("raised_at") or "")[:19]
    return f"{when} watch {a['watch_id']} {what}{more}: \"{sentence}\" {a.get('outlet') or ''} {src}".rstrip()


# ---------------------------------------------------------------- matching
def _name_match(wanted: str, ids: set[str], rid: str | None, text: str | None) -> bool:
    if rid and rid in ids:
        return True
    if not text:
        return False
    return re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", text, re.IGNORECASE) is not None


class _Ctx:
    """Per-check lookups shared by the watches: articles, actor countries, resolved names."""

    def __init__(self, con):
        self.con = con
        self._articles: dict[str, dict] = {}
        self._countries: dict[str, str | None] | None = None
        self._ids: dict[str, set[str]] = {}

    def article(self, aid: str) -> dict:
        if aid not in self._articles:
            self._articles[aid] = watch_db.article(self.con, aid)
        return self._articles[aid]

    def country(self, actor_id: str | None) -> str | None:
        if self._countries is None:
            self._countries = watch_db.actor_countries(self.con)
        return self._countries.get(actor_id) if actor_id else None

    def ids(self, name: str) -> set[str]:
        if name not in self._ids:
            self._ids[name] = watch_db.actor_ids(self.con, name)
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
    rows = watch_db.fresh_quotes(con, since)
    out = []
    for q in rows:
        if not (_name_match(w.actor, ids, q["speaker_id"], q["speaker_name"]) or
                _name_match(w.actor, set(), None, q["speaker"])):
            continue
        ev = [{"article_id": q["article_id"], "sentence": q["sentence"], "start": q["start_char"],
               "end": q["end_char"]}]
        said = (q["text"] or "") + " " + (q["sentence"] or "")
        if w.keyword and not re.search(rf"(?<!\w){re.escape(w.keyword)}(?!\w)", said, re.I):
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
    through = watch_db.last_ingested(con)
    by_mark: dict[Any, list[dict]] = {}
    seq = watch_db.last_seq(con)
    changed = 0
    for w in watches:
        covered = watch_db.covered_records(con, w.id)
        if w.checked_through not in by_mark:
            by_mark[w.checked_through] = watch_db.fresh_events(con, w.checked_through)
        found: list[tuple[str, dict]] = [("event", e) for e in by_mark[w.checked_through]
                                         if _event_matches(w, e, ctx)]
        if w.actor and w.quotes and not w.type and not w.target:
            found += [("quote", q) for q in _quotes(con, w, ctx)]
        for kind, rec in found:
            rec_ids = rec["event_ids"] if kind == "event" else [rec["id"]]
            existing = next((covered[r] for r in rec_ids if r in covered), None)
            n_sources = len({ev["article_id"] for ev in rec["evidence"]})
            if existing is not None:
                old = watch_db.alert_sources(con, existing)
                if old is None or old >= n_sources:
                    continue
            alert = _alert_row(w, kind, rec, ctx, n_sources)
            new_ids = [r for r in dict.fromkeys(rec_ids) if r not in covered]
            seq += 1
            if existing is None:
                alert["seq"] = seq
                alert["webhook_status"] = "pending" if w.webhook else None
                aid = alert["id"]
                watch_db.raise_alert(con, alert, w.id, new_ids)
            else:
                aid = existing
                watch_db.update_alert(con, aid, n_sources, alert["evidence"], seq, "pending" if w.webhook else None,
                                      w.id, new_ids)
            covered.update(dict.fromkeys(new_ids, aid))
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
            watch_db.set_checked_through(con, w.id, through)
    return changed


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
        watch_db.set_webhook_status(con, aid, status)
    for aid, url in watch_db.pending_webhooks(con):
        deliverer.webhook(url, aid, list_alerts_by_id(con, aid))


def record_deliveries(con, deliverer: Deliverer) -> None:
    """Write the outcome of finished webhook POSTs to the alerts table."""
    for aid, status in deliverer.take_results():
        watch_db.set_webhook_status(con, aid, status)
