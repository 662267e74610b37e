#!/usr/bin/env python3
"""Scraped-text cleaner evaluation on l3s-text (../shared/data/l3s-text).

Each page is scraped text, one block a line, every line human-labelled (0 not content, 1 headline,
2 body, 3 supplemental, 4 related, 5 comments).  Figures:
  body P / R / F1   bag-of-words of the body (label 2 lines) against the cleaned text, micro
                    (all pages' tokens pooled) and macro (mean of per-page F1)
  title accuracy    the title equals a label-1 line (a page without one: no title is right)
for storyline's clean_text, a naive baseline (every line is body, the first line is the title),
and trafilatura on the text wrapped as <html><body><p>line</p>...</body></html>.

Usage: eval_text.py [--gate] [--limit N] [--dump FILE] [--no-trafilatura]
Prints one table; --gate checks bench/floors/eval_text.json. Never asserts speed.
"""
from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import data_dir, gate  # noqa: E402


def norm(s: str | None) -> str:
    return " ".join(unicodedata.normalize("NFKC", s or "").lower().split())


def tokens(s: str | None) -> Counter:
    return Counter(re.findall(r"\w+", norm(s)))


def prf(got: Counter, want: Counter) -> tuple[int, int, int]:
    """(overlap, |got|, |want|) as multisets."""
    return sum((got & want).values()), sum(got.values()), sum(want.values())


def f1(tp: int, ng: int, nw: int) -> tuple[float, float, float]:
    p = tp / ng if ng else (1.0 if nw == 0 else 0.0)
    r = tp / nw if nw else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run_storyline(text: str):
    from storyline.clean.text import clean_text
    from storyline.model import Page, content_hash
    a = clean_text(Page(source="x", kind="text", content=text, content_hash=content_hash(text)))
    return a.text, a.title


def run_baseline(text: str):
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return "\n".join(lines), (lines[0] if lines else None)


def run_trafilatura(text: str):
    import trafilatura
    body = "".join(f"<p>{html.escape(ln.strip())}</p>" for ln in text.splitlines() if ln.strip())
    out = trafilatura.extract(f"<html><body>{body}</body></html>", include_comments=False,
                              include_tables=False, favor_precision=False)
    return out or "", None


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gate", action="store_true")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--dump", help="write per-page figures of storyline (JSON lines)")
    ap.add_argument("--no-trafilatura", action="store_true")
    args = ap.parse_args(argv)
    d = data_dir("l3s-text")
    if d is None:
        return 0
    gold = json.loads((d / "gold.json").read_text())
    names = sorted(gold)[: args.limit] if args.limit else sorted(gold)
    systems = {"storyline": run_storyline, "baseline (all lines)": run_baseline}
    if not args.no_trafilatura:
        try:
            import trafilatura  # noqa: F401
            systems["trafilatura (text as <p>)"] = run_trafilatura
        except ImportError:
            print("[skip] trafilatura not installed")
    dump = open(args.dump, "w") if args.dump else None
    rows = {}
    for sys_name, fn in systems.items():
        tp = ng = nw = 0
        macro = []
        titles = 0
        t0 = time.perf_counter()
        for name in names:
            text = (d / "pages" / name).read_text(encoding="utf-8", errors="replace")
            want_body = tokens(" ".join(x["text"] for x in gold[name] if x["label"] == 2))
            want_titles = {norm(x["text"]) for x in gold[name] if x["label"] == 1}
            got_body, got_title = fn(text)
            a, b, c = prf(tokens(got_body), want_body)
            tp, ng, nw = tp + a, ng + b, nw + c
            macro.append(f1(a, b, c)[2])
            ok = (norm(got_title) in want_titles) if want_titles else not got_title
            titles += ok
            if dump and sys_name == "storyline":
                dump.write(json.dumps({"page": name, "f1": round(macro[-1], 4), "p": round(f1(a, b, c)[0], 4),
                                       "r": round(f1(a, b, c)[1], 4), "title_ok": ok, "title": got_title,
                                       "want_title": sorted(want_titles)}) + "\n")
        p, r, f = f1(tp, ng, nw)
        rows[sys_name] = dict(p=p, r=r, f1=f, macro_f1=sum(macro) / len(macro) if macro else 0.0,
                              title=titles / len(names) if names else 0.0,
                              secs=time.perf_counter() - t0)
    if dump:
        dump.close()
    print(f"l3s-text: {len(names)} pages")
    print(f"{'system':28s} {'body P':>7s} {'body R':>7s} {'body F1':>8s} {'macro F1':>9s} {'title':>6s} {'secs':>6s}")
    for sys_name, v in rows.items():
        title = f"{v['title']:.3f}" if sys_name != "trafilatura (text as <p>)" else "  -  "
        print(f"{sys_name:28s} {v['p']:7.3f} {v['r']:7.3f} {v['f1']:8.3f} {v['macro_f1']:9.3f} {title:>6s} "
              f"{v['secs']:6.1f}")
    s = rows["storyline"]
    figures = {"l3s_body_precision": s["p"], "l3s_body_recall": s["r"], "l3s_body_f1": s["f1"],
               "l3s_body_macro_f1": s["macro_f1"], "l3s_title_accuracy": s["title"]}
    return gate("eval_text", figures, ["--gate"] if args.gate else [])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
