#!/usr/bin/env python3
"""Attribution (quotes and reported speech) against PolNeAR, dev split.

    python bench/eval_quotes.py [--gate] [--split dev] [--limit N] [--show N]

Gold: ../shared/data/polnear/<split>/attributions/*.ann (brat standoff). One gold attribution is an ``E`` line
tying a Content span (possibly discontinuous, "a b;c d") to an optional Source span and a Cue.
Predicted: every record of ``storyline.understand.quotes.find_attributions`` (direct, partial, reported),
with its content offsets and its source (speaker) offsets. Records that share one cue (same cue offsets: a
quote split by its attribution, '"A," she said. "B."') are one predicted attribution whose content is the
union of theirs, because that is how PolNeAR annotates them (one E line, a discontinuous Content span).

Is the rule fair to PolNeAR? Gold contents often include the quote marks and the final period, and
discontinuous contents leave the cue out; comparing ``\\w+`` tokens makes marks, commas and periods
irrelevant, while the two 50% conditions keep it from being lax (a prediction of half a sentence, or one
that swallows the next clause, does not count).

Matching, defined on word tokens (``\\w+`` runs, as character ranges):
- content: a prediction and a gold attribution match when the shared tokens are at least 50% of the gold
  content's tokens AND at least 50% of the predicted content's tokens; pairs are made greedily by overlap,
  one to one.
- source: a matched pair also has the right source when both have none, or when the predicted source
  shares at least one token with the gold source (pronoun sources count as written: "he" is right
  when the gold source is that "he").
Figures: content P/R/F1 over all predictions / all gold attributions; source P/R/F1 count a hit only when
content and source both match; ``attribution_f1`` = the mean of the two F1s (the issue's "attribution source
and content overlap F1").
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import data_dir, gate  # noqa: E402

from storyline.model import Article, content_hash  # noqa: E402
from storyline.understand.actors import resolve_actors  # noqa: E402
from storyline.understand.nlp import get_nlp  # noqa: E402
from storyline.understand.quotes import find_attributions  # noqa: E402

WORD = re.compile(r"\w+")


def parse_ann(path: Path) -> list[dict]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"T\d+\t", line):   # (a span text may hold a line break: its second line is not a T line)
            tid, info, _ = (line.split("\t") + ["", ""])[:3]
            label, _, ranges = info.partition(" ")
            rr = []
            for part in ranges.split(";"):
                a, b = part.split()
                rr.append((int(a), int(b)))
            spans[tid] = (label, rr)
        elif re.match(r"E\d+\t", line):
            _, body = line.split("\t", 1)
            roles = dict(item.split(":", 1) for item in body.split())
            content = spans.get(roles.get("Content", ""), (None, []))[1]
            source = spans.get(roles.get("Source", ""), (None, []))[1]
            cue = spans.get(roles.get("Cue", ""), (None, []))[1]
            if content:
                events.append({"content": content, "source": source, "cue": cue})
    return events


def token_set(text: str, ranges: list[tuple[int, int]]) -> set[tuple[int, int]]:
    out = set()
    for a, b in ranges:
        for m in WORD.finditer(text, a, b):
            out.add((m.start(), m.end()))
    return out


def group(preds: list) -> list[dict]:
    """Predicted attributions as PolNeAR counts them: records sharing one cue (a quote split by its
    '..., he said. "..."') are one attribution with a discontinuous content."""
    out: list[dict] = []
    by_cue: dict[tuple[int, int], dict] = {}
    for p in preds:
        src = [(p.source_start, p.source_end)] if p.source_start is not None else []
        key = (p.cue_start, p.cue_end) if getattr(p, "cue_start", None) is not None else None
        if key is not None and key in by_cue:
            by_cue[key]["content"].append((p.start, p.end))
            continue
        rec = {"content": [(p.start, p.end)], "source": src, "pred": p}
        out.append(rec)
        if key is not None:
            by_cue[key] = rec
    return out


def match(text: str, gold: list[dict], preds: list) -> tuple[int, int, set[int], list[tuple[int, int]]]:
    """(content hits, source hits, matched gold indices, matched (grouped pred, gold) pairs) for one article;
    ``preds`` are grouped with ``group`` first."""
    g_tok = [(token_set(text, g["content"]), token_set(text, g["source"])) for g in gold]
    p_tok = [(token_set(text, p["content"]), token_set(text, p["source"])) for p in preds]
    pairs = []
    for i, (pc, _) in enumerate(p_tok):
        for j, (gc, _) in enumerate(g_tok):
            if not pc or not gc:
                continue
            shared = len(pc & gc)
            if shared >= 0.5 * len(gc) and shared >= 0.5 * len(pc):
                pairs.append((shared / max(len(pc | gc), 1), i, j))
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    hit_c = hit_s = 0
    matched = []
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        matched.append((i, j))
        hit_c += 1
        ps, gs = p_tok[i][1], g_tok[j][1]
        if (not ps and not gs) or (ps & gs):
            hit_s += 1
    return hit_c, hit_s, used_g, matched


def gold_for(split_dir: Path, f: Path) -> list[dict]:
    anns = sorted((split_dir / "attributions").glob(f.stem + "*.ann"))   # names carry a short hash suffix
    return parse_ann(anns[0]) if anns else []


def predict(doc, text: str) -> list:
    art = Article(id=content_hash(text)[:16], source="polnear", text=text, content_hash=content_hash(text))
    mentions, actors = resolve_actors(doc, art)
    return find_attributions(doc, art, mentions, actors)


def evaluate(split_dir: Path, limit: int | None = None, show: int = 0) -> dict[str, float]:
    nlp = get_nlp()
    files = sorted((split_dir / "text").glob("*.txt"))[:limit]
    n_gold = n_pred = hit_c = hit_s = 0
    shown = 0
    t0 = time.perf_counter()
    texts = [f.read_text(encoding="utf-8") for f in files]
    for f, text, doc in zip(files, texts, nlp.pipe(texts, batch_size=8)):
        gold = gold_for(split_dir, f)
        preds = group(predict(doc, text))
        hc, hs, used_g, _ = match(text, gold, preds)
        hit_c += hc
        hit_s += hs
        n_gold += len(gold)
        n_pred += len(preds)
        if show and shown < show:
            for j, g in enumerate(gold):
                if j not in used_g and shown < show:
                    src = " / ".join(text[a:b] for a, b in g["source"]) or "-"
                    print(f"  [miss] {f.name[:40]} src={src!r} "
                          f"content={text[g['content'][0][0]:g['content'][-1][1]][:100]!r}")
                    shown += 1
    secs = time.perf_counter() - t0
    return report(split_dir.name, len(files), secs, n_gold, n_pred, hit_c, hit_s)


def report(name: str, n_files: int, secs: float, n_gold: int, n_pred: int, hit_c: int, hit_s: int) -> dict:
    def prf(h: int) -> tuple[float, float, float]:
        p = h / n_pred if n_pred else 0.0
        r = h / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    cp, cr, cf = prf(hit_c)
    sp, sr, sf = prf(hit_s)
    print(f"polnear {name}: {n_files} articles, {n_gold} gold attributions, {n_pred} predicted "
          f"({secs:.1f}s, {n_files / secs:.1f} articles/s)")
    print(f"  content overlap  P={cp:.3f} R={cr:.3f} F1={cf:.3f}")
    print(f"  source+content   P={sp:.3f} R={sr:.3f} F1={sf:.3f}")
    print(f"  attribution F1 (mean of the two) = {(cf + sf) / 2:.3f}")
    return {"content_p": cp, "content_r": cr, "content_f1": cf, "source_p": sp, "source_r": sr,
            "source_f1": sf, "attribution_f1": (cf + sf) / 2}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gate", action="store_true")
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--show", type=int, default=0, help="print this many missed gold attributions")
    args = ap.parse_args(argv)
    d = data_dir("polnear")
    if d is None:
        return 0
    figures = evaluate(d / args.split, args.limit, args.show)
    return gate("eval_quotes", figures, ["--gate"] if args.gate else [])


if __name__ == "__main__":
    sys.exit(main())
