"""How eval_link.py's cross-document entity recall is lost, on the development half only (ECB+ topics 1, 5, 9,
...: half B is never shown here). Reads the per-mention dump that link_pipeline_eval.actor_figures writes when
EVAL_LINK_DUMP is set (gold mention -> canonical actor id, or null).

For every gold entity with mentions in two documents or more, each mention's recall loss (the share of its gold
partners in other documents that ended under another canonical actor) is put in one category:
- unresolved: no stored mention covers it and no actor name of its article matches it (the understand stage);
- in majority (others split): it is under the gold entity's most common canonical actor; the loss is its partners'
  (the mirror of the categories below);
- split fragment: under a canonical actor that holds mostly this gold entity, but not its main one (the link step
  left two actors of one entity apart);
- wrong actor: under a canonical actor that holds mostly another gold entity (an article-level or a link merge);
by how the mention is written (name / nominal / pronoun) and the kind of actor (person, org, norp = unnamed...).
Then the split fragments themselves: which actor a fragment should have joined, most lost mentions first."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

PRONOUNS = set("i me my mine he him his she her hers it its we us our they them their who whom whose this that "
               "these those".split())


def _development(doc: str) -> bool:
    return int(doc.split("_")[0]) % 4 == 1


def _written(text: str) -> str:
    if text.lower() in PRONOUNS:
        return "pronoun"
    if any(w[:1].isupper() for w in text.split() if w.lower() not in ("the", "a", "an")):
        return "name"
    return "nominal"


def diagnose(dump: Path, kind: str = "entity", top: int = 25) -> None:
    ms = [json.loads(ln) for ln in dump.read_text().splitlines() if ln.strip()]
    ms = [m for m in ms if m["kind"] == kind and _development(m["doc"])]
    by_gold: dict[str, list[dict]] = defaultdict(list)
    holds: dict[str, Counter] = defaultdict(Counter)
    for m in ms:
        by_gold[m["cluster"]].append(m)
        if m["got"]:
            holds[m["got"]][m["cluster"]] += 1
    loss, fragments = Counter(), Counter()
    n = total = 0
    for g, group in by_gold.items():
        if len({m["doc"] for m in group}) < 2:
            continue
        main = Counter(m["got"] for m in group if m["got"]).most_common(1)
        main = main[0][0] if main else None
        for m in group:
            partners = [x for x in group if x["doc"] != m["doc"]]
            lost = 1 - sum(1 for x in partners if m["got"] and x["got"] == m["got"]) / len(partners)
            n += 1
            total += lost
            if not lost:
                continue
            if m["got"] is None:
                cat = "unresolved"
            elif m["got"] == main:
                cat = "in majority (others split)"
            elif holds[m["got"]].most_common(1)[0][0] == g:
                cat = "split fragment"
                fragments[(m["got"], main)] += 1
            else:
                cat = "wrong actor"
            loss[(cat, _written(m["text"]), m["got"].split(":")[0] if m["got"] else "-")] += lost
    print(f"diagnosis ({kind}, development topics only): {n} mentions with partners in other documents, "
          f"mean cross-document recall {1 - total / max(n, 1):.3f}")
    for (cat, written, actor), v in loss.most_common(top):
        print(f"  {v:7.1f}  {cat:28s} {written:8s} {actor}")
    causes = Counter()
    for (frag, main), v in fragments.items():
        causes[_fragment_cause(frag, main)] += v
    print("  split fragments by kind (fragment -> main actor), mentions:")
    for cause, v in causes.most_common():
        print(f"  {v:5d}  {cause}")
    print("  split fragments (fragment -> the entity's main actor), mentions:")
    for (frag, main), v in fragments.most_common(top):
        print(f"  {v:5d}  {frag} -> {main}")


def _fragment_cause(frag: str, main: str | None) -> str:
    """What kind of split a fragment is, from the two canonical ids: an unnamed noun ('norp:driver') beside a named
    actor, two unnamed pieces, a state code ('gpe:SSD') beside another, or two named actors of one kind or of
    two (the tagger's type differs: 'gpe:philadelphia' beside 'org:philadelphia-76ers')."""
    def kind(cid: str | None) -> str:
        if not cid:
            return "none"
        t, _, rest = cid.partition(":")
        if t in ("norp", "loc") and rest.split("~")[0].islower() and "-" not in rest.split("~")[0]:
            return "unnamed"
        return "state" if t == "gpe" and rest[:3].isupper() else t
    a, b = kind(frag), kind(main)
    if a == "unnamed" and b == "unnamed":
        return "two unnamed pieces of one noun or nouns of one meaning"
    if a == "unnamed" or b == "unnamed":
        return f"unnamed noun beside a named {b if a == 'unnamed' else a}"
    if "state" in (a, b):
        return f"state code beside {b if a == 'state' else a}"
    return f"named {a} beside named {b}" if a != b else f"two named {a} actors"


def _topic(doc: str) -> int:
    return int(doc.split("_")[0])


def _head(text: str) -> str:
    """The same-head baseline's label: the last word of the mention (as ecb_mentions.py's words())."""
    import re
    w = re.findall(r"\w+(?:['.&-]\w+)*", text.lower())
    return w[-1] if w else text.lower()


def _cross_doc(docs: list, gold: list, system: list) -> tuple[float, float, float]:
    """Cross-document B-cubed (as ecb_mentions.cross_doc: links between mentions of different documents only)."""
    G, GD, S, SD, GS, GSD = (Counter() for _ in range(6))
    for d, g, s in zip(docs, gold, system):
        G[g] += 1
        GD[g, d] += 1
        S[s] += 1
        SD[s, d] += 1
        GS[g, s] += 1
        GSD[g, s, d] += 1
    ps, rs = [], []
    for d, g, s in zip(docs, gold, system):
        both, ns, ng = GS[g, s] - GSD[g, s, d], S[s] - SD[s, d], G[g] - GD[g, d]
        ps += [both / ns] if ns else []
        rs += [both / ng] if ng else []
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _labels(ms: list[dict]) -> list:
    return [m["got"] if m["got"] else ("unresolved", i) for i, m in enumerate(ms)]


def diagnose_places(dump: Path, detail: bool = True) -> None:
    """The place view: location figures by how the mention is written (name / nominal / pronoun) for both halves
    (figures only), then, on the development topics only, each topic's F1 beside the same-head baseline, and for
    each gold place of two documents or more the canonical actors its named mentions went to, and each canonical
    actor that holds named mentions of two gold places (a wrong join)."""
    ms = [json.loads(ln) for ln in dump.read_text().splitlines() if ln.strip()]
    ms = [m for m in ms if m["kind"] == "location"]
    print("places (location mentions): cross-document B3 F1, ours / same-head baseline")
    for written in ("all", "name", "nominal", "pronoun"):
        row = []
        for half in ("A", "B"):
            sel = [m for m in ms if (_development(m["doc"]) == (half == "A"))
                   and (written == "all" or _written(m["text"]) == written)]
            if not sel:
                continue
            docs, gold = [m["doc"] for m in sel], [m["cluster"] for m in sel]
            p, _, f = _cross_doc(docs, gold, _labels(sel))
            _, _, bf = _cross_doc(docs, gold, [_head(m["text"]) for m in sel])
            row.append(f"{half} {f:.3f} / {bf:.3f} (P {p:.3f}, n {len(sel)})")
        print(f"  {written:8s} " + "   ".join(row))
    if not detail:
        return
    dev = [m for m in ms if _development(m["doc"])]
    print("  development topics: F1 ours / same-head (named mentions only: ours / same-head)")
    for t in sorted({_topic(m["doc"]) for m in dev}):
        sel = [m for m in dev if _topic(m["doc"]) == t]
        named = [m for m in sel if _written(m["text"]) == "name"]
        f = _cross_doc([m["doc"] for m in sel], [m["cluster"] for m in sel], _labels(sel))[2]
        bf = _cross_doc([m["doc"] for m in sel], [m["cluster"] for m in sel], [_head(m["text"]) for m in sel])[2]
        nf = _cross_doc([m["doc"] for m in named], [m["cluster"] for m in named], _labels(named))[2]
        nbf = _cross_doc([m["doc"] for m in named], [m["cluster"] for m in named],
                         [_head(m["text"]) for m in named])[2]
        print(f"  topic {t:3d}: {f:.3f} / {bf:.3f}   named {nf:.3f} / {nbf:.3f}  (n {len(sel)}, named {len(named)})")
    named = [m for m in dev if _written(m["text"]) == "name"]
    by_gold: dict[str, list[dict]] = defaultdict(list)
    by_got: dict[str, list[dict]] = defaultdict(list)
    for m in named:
        by_gold[m["cluster"]].append(m)
        if m["got"]:
            by_got[m["got"]].append(m)
    print("  gold places of two documents or more (named mentions): canonical actor <- mentions (documents)")
    for g, group in sorted(by_gold.items(), key=lambda kv: -len(kv[1])):
        if len({m["doc"] for m in group}) < 2:
            continue
        got: dict[str, list[str]] = defaultdict(list)
        for m in group:
            got[m["got"] or "-"].append(m["text"])
        print(f"    {g}: " + "; ".join(f"{a} <- {', '.join(sorted(set(t)))[:90]} ({len(t)})" for a, t in got.items()))
    print("  canonical actors holding named mentions of two gold places or more:")
    for a, group in sorted(by_got.items(), key=lambda kv: -len(kv[1])):
        golds = Counter(m["cluster"] for m in group)
        if len(golds) > 1 and len({m["doc"] for m in group}) > 1:
            texts = {g: ", ".join(sorted({m["text"] for m in group if m["cluster"] == g}))[:60] for g in golds}
            print(f"    {a}: " + "; ".join(f"{g[-6:]} {texts[g]} ({n})" for g, n in golds.most_common()))
