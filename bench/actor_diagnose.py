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
    print("  split fragments (fragment -> the entity's main actor), mentions:")
    for (frag, main), v in fragments.most_common(top):
        print(f"  {v:5d}  {frag} -> {main}")
