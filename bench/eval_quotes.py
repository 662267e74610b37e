#!/usr/bin/env python3
"""Attribution (quotes and reported speech) against PolNeAR, dev split.

    python bench/eval_quotes.py [--gate] [--split dev] [--limit N] [--show N]

Gold: ../shared/data/polnear/<split>/attributions/*.ann (brat standoff). One gold attribution is an ``E`` line
tying a Content span (possibly discontinuous, "a b;c d") to an optional Source span and a Cue.
Predicted: every record of ``storyline.understand.quotes.find_attributions`` (direct, partial, reported),
with its content offsets and its source (speaker) offsets.

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
        if line.startswith("T"):
            tid, info, _ = (line.split("\t") + ["", ""])[:3]
            label, _, ranges = info.partition(" ")
            rr = []
            for part in ranges.split(";"):
                a, b = part.split()
                rr.append((int(a), int(b)))
            spans[tid] = (label, rr)
        elif line.startswith("E"):
            _, body = line.split("\t", 1)
            roles = dict(item.split(":", 1) for item in body.split())
            content = spans.get(roles.get("Content", ""), (None, []))[1]
            source = spans.get(roles.get("Source", ""), (None, []))[1]
            if content:
                events.append({"content": content, "source": source})
    return events


def token_set(text: str, ranges: list[tuple[int, int]]) -> set[tuple[int, int]]:
    out = set()
    for a, b in ranges:
        for m in WORD.finditer(text, a, b):
            out.add((m.start(), m.end()))
    return out


def evaluate(split_dir: Path, limit: int | None = None, show: int = 0) -> dict[str, float]:
    nlp = get_nlp()
    files = sorted((split_dir / "text").glob("*.txt"))[:limit]
    n_gold = n_pred = hit_c = hit_s = 0
    shown = 0
    t0 = time.perf_counter()
    texts = [f.read_text(encoding="utf-8") for f in files]
    for f, text, doc in zip(files, texts, nlp.pipe(texts, batch_size=8)):
        anns = sorted((split_dir / "attributions").glob(f.stem + "*.ann"))   # names carry a short hash suffix
        gold = parse_ann(anns[0]) if anns else []
        art = Article(id=content_hash(text)[:16], source=f.name, text=text, content_hash=content_hash(text))
        mentions, actors = resolve_actors(doc, art)
        preds = find_attributions(doc, art, mentions, actors)
        g_tok = [(token_set(text, g["content"]), token_set(text, g["source"])) for g in gold]
        p_tok = [(token_set(text, [(p.start, p.end)]),
                  token_set(text, [(p.source_start, p.source_end)]) if p.source_start is not None else set())
                 for p in preds]
        pairs = []
        for i, (pc, _) in enumerate(p_tok):
            for j, (gc, _) in enumerate(g_tok):
                if not pc or not gc:
                    continue
                shared = len(pc & gc)
                if shared >= 0.5 * len(gc) and shared >= 0.5 * len(pc):
                    pairs.append((shared / max(len(pc | gc), 1), i, j))
        pairs.sort(reverse=True)
        used_p, used_g = set(), set()
        for _, i, j in pairs:
            if i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            hit_c += 1
            ps, gs = p_tok[i][1], g_tok[j][1]
            if (not ps and not gs) or (ps & gs):
                hit_s += 1
        n_gold += len(gold)
        n_pred += len(preds)
        if show and shown < show:
            for j, g in enumerate(gold):
                if j not in used_g and shown < show:
                    src = " / ".join(text[a:b] for a, b in g["source"]) or "-"
                    print(f"  [miss] {f.name[:40]} src={src!r} content={text[g['content'][0][0]:g['content'][-1][1]][:100]!r}")
                    shown += 1
    secs = time.perf_counter() - t0

    def prf(h: int) -> tuple[float, float, float]:
        p = h / n_pred if n_pred else 0.0
        r = h / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    cp, cr, cf = prf(hit_c)
    sp, sr, sf = prf(hit_s)
    print(f"polnear {split_dir.name}: {len(files)} articles, {n_gold} gold attributions, {n_pred} predicted "
          f"({secs:.1f}s, {len(files) / secs:.1f} articles/s)")
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
