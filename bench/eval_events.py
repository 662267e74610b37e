"""PLOVER events on ../shared/data/plover-gsr: event type, actor and target code accuracy, throughput.

Each gold record is one sentence. We run the understand stage's pieces on it (spaCy, the actor
resolver, find_times, find_events) and pick *the* predicted event: the one whose trigger lies
nearest the first gold event span ``(EVT: ...)`` of the markup (no event -> wrong).

- type accuracy: gold type after the README's 18->16 mapping (DEMAND->REQUEST, DISAPPROVE->ACCUSE,
  INVESTIGATE->ACCUSE, FIGHT->ASSAULT; DOCUMENT dropped) equals the picked event's type;
  ``type_any`` also counts a sentence when any of its events has the gold type.
- actor / target code accuracy, over records with a gold source / target: the picked event's
  actor (target) resolves to an actor whose ISO alpha-3 country is one of the gold codes (legacy
  codes JAP/ITL/VTN read as JPN/ITA/VNM). Gold codes that are not states (IGO, NGO, IMG, ISM) are
  matched on text instead: half or more of the gold actorText's words appear in our actor/target
  string. A symmetric record (SRC/TAR on both sides, no target list) scores only the actor.

Halves: records whose id ends in an even number are half A (looked at while developing), odd ones half B
(held out: never looked at sentence by sentence; with -v/--verbose only half A's misses print unless --all).
The figures of both halves print beside the whole; the gate reads the whole set.

Usage: python bench/eval_events.py [--gate] [--limit N] [-v: type misses] [--verbose: actor/target misses] [--all]
"""
from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import data_dir, gate, help_requested  # noqa: E402

from storyline.model import Article  # noqa: E402
from storyline.understand.events import find_events, mentions_from_ents  # noqa: E402
from storyline.understand.nlp import get_nlp  # noqa: E402
from storyline.understand.time import find_times  # noqa: E402

try:
    from storyline.understand.actors import resolve_actors
except ImportError:  # the actor resolver is not in the tree yet
    resolve_actors = None

MAP_18_16 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
LEGACY = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
NON_STATE = {"IGO", "NGO", "IMG", "ISM", "MNC"}


def words(s: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", (s or "").lower()) if w not in {"the", "of", "s", "and", "in"}}


def code_ok(gold: list[dict], name: str | None, actor_id: str | None, actors: dict) -> bool:
    if not gold or not name:
        return False
    country = actors[actor_id].country if actor_id in actors else None
    for g in gold:
        code = LEGACY.get(g.get("code", ""), g.get("code", ""))
        if code in NON_STATE or not re.fullmatch(r"[A-Z]{3}", code or ""):
            gw = words(g.get("actorText"))
            if gw and len(gw & words(name)) * 2 >= len(gw):
                return True
        elif country == code:
            return True
    return False


def first_evt(rec: dict) -> int:
    markup = (rec.get("textInfo") or {}).get("markup") if isinstance(rec.get("textInfo"), dict) else None
    text = rec["text"]
    if markup:
        m = re.search(r"\(EVT:\s*([^()]+?)\)", markup)
        if m:
            frag = m.group(1).strip().split()[0]
            pos = text.find(frag)
            if pos >= 0:
                return pos
    return len(text) // 2


def half(rec_id: str) -> str:
    m = re.search(r"(\d+)$", rec_id or "")
    return "A" if m is None or int(m.group(1)) % 2 == 0 else "B"


def main(argv: list[str]) -> int:
    figures = run(argv)
    return gate("eval_events", figures, argv) if figures is not None else 0


def run(argv: list[str]) -> dict | None:
    """Evaluate on plover-gsr; print the table; return the figures (None when the data is not here)."""
    d = data_dir("plover-gsr")
    if d is None:
        return None
    limit = None
    verbose = "--verbose" in argv
    if "--limit" in argv:
        limit = int(argv[argv.index("--limit") + 1])
    recs = [r for r in json.loads((d / "records.json").read_text()) if r.get("text") and r["event"] != "DOCUMENT"]
    recs = recs[:limit] if limit else recs
    nlp = get_nlp()
    n = type_ok = type_any = 0
    a_n = a_ok = t_n = t_ok = 0
    per_half = {h: [0, 0, 0, 0, 0, 0, 0] for h in "AB"}   # n, type_ok, type_any, a_n, a_ok, t_n, t_ok
    show_all = "--all" in argv
    confusion: dict[tuple[str, str], int] = {}
    t0 = time.perf_counter()
    n_sents = 0
    for i, r in enumerate(recs):
        gold = MAP_18_16.get(r["event"], r["event"])
        text = r["text"].strip()
        art = Article(id=f"gsr{i}", source=r["id"], text=text, content_hash=str(i), published=r.get("date"))
        doc = nlp(text)
        n_sents += sum(1 for _ in doc.sents)
        if resolve_actors is not None:
            mentions, actors = resolve_actors(doc, art)
        else:
            mentions, actors = mentions_from_ents(doc, art)
        times = find_times(doc, art)
        events = find_events(doc, art, mentions, actors, times)
        by_id = {a.id: a for a in actors}
        n += 1
        pick = None
        if events:
            at = first_evt(r)

            def pos(e, text=text, at=at):   # bound now; called only in this iteration (min below)
                p = text.find((e.trigger or "").split()[0]) if e.trigger else -1
                return abs(p - at) if p >= 0 else 10 ** 6
            pick = min(events, key=pos)
        got = pick.type if pick else "(none)"
        confusion[(gold, got)] = confusion.get((gold, got), 0) + 1
        type_ok += got == gold
        type_any += any(e.type == gold for e in events)
        src, tar = r.get("source") or [], r.get("target") or []
        a_hit = t_hit = None
        if src:
            a_n += 1
            a_hit = bool(pick) and code_ok(src, pick.actor, pick.actor_id, by_id)
            a_ok += a_hit
        if tar:
            t_n += 1
            t_hit = bool(pick) and code_ok(tar, pick.target, pick.target_id, by_id)
            t_ok += t_hit
        h = per_half[half(r["id"])]
        h[0] += 1
        h[1] += got == gold
        h[2] += any(e.type == gold for e in events)
        h[3] += a_hit is not None
        h[4] += bool(a_hit)
        h[5] += t_hit is not None
        h[6] += bool(t_hit)
        if not show_all and half(r["id"]) != "A":
            continue
        if verbose and (a_hit is False or t_hit is False):
            def show(gold_list, name, aid, by_id=by_id):   # bound now; called only in this iteration
                g = ",".join(f"{x.get('actorText')}={x.get('code')}" for x in gold_list)
                c = by_id[aid].country if aid in by_id else None
                return f"gold [{g}] got {name!r} ({aid}, {c})"
            print(f"- [{i}] {text[:160]}")
            if a_hit is False:
                print(f"    ACTOR  {show(src, pick.actor if pick else None, pick.actor_id if pick else None)}")
            if t_hit is False:
                print(f"    TARGET {show(tar, pick.target if pick else None, pick.target_id if pick else None)}")
        if "-v" in argv and got != gold:
            print(f"  {gold:9} got {got:9} | {text[:110]}")
    secs = time.perf_counter() - t0
    figures = {
        "type_accuracy": type_ok / n if n else 0.0,
        "type_any": type_any / n if n else 0.0,
        "actor_code_accuracy": a_ok / a_n if a_n else 0.0,
        "target_code_accuracy": t_ok / t_n if t_n else 0.0,
    }
    print(f"plover-gsr: {n} sentences (DOCUMENT dropped), actors from "
          f"{'actors.resolve_actors' if resolve_actors else 'doc.ents (stand-in)'}")
    print(f"{'figure':24} {'value':>7}  {'n':>5}")
    print(f"{'type_accuracy':24} {figures['type_accuracy']:7.3f}  {n:5d}")
    print(f"{'type_any':24} {figures['type_any']:7.3f}  {n:5d}")
    print(f"{'actor_code_accuracy':24} {figures['actor_code_accuracy']:7.3f}  {a_n:5d}")
    print(f"{'target_code_accuracy':24} {figures['target_code_accuracy']:7.3f}  {t_n:5d}")
    for hk, h in per_half.items():
        if h[0]:
            print(f"half {hk} ({h[0]} sentences): type {h[1] / h[0]:.3f}, type_any {h[2] / h[0]:.3f}, actor "
                  f"{h[4] / max(1, h[3]):.3f}, target {h[6] / max(1, h[5]):.3f}")
            figures[f"half{hk}_type_accuracy"] = h[1] / h[0]
            figures[f"half{hk}_type_any"] = h[2] / h[0]
            figures[f"half{hk}_actor_code_accuracy"] = h[4] / max(1, h[3])
            figures[f"half{hk}_target_code_accuracy"] = h[6] / max(1, h[5])
    print(f"throughput (spaCy + actors + times + events): {n_sents / secs:.1f} sentences/s, one core")
    if "-v" in argv:
        for (g, p), k in sorted(confusion.items(), key=lambda x: -x[1]):
            if g != p:
                print(f"  confusion {g:9} -> {p:9} {k}")
    figures["sentences_per_s"] = n_sents / secs if secs else 0.0
    return figures


if __name__ == "__main__":
    help_requested(__doc__)
    sys.exit(main(sys.argv[1:]))
