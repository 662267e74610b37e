#!/usr/bin/env python3
"""Extraction evaluation: storyline's HTML cleaner beside plain trafilatura and plain htmldate.

Sets (from ../shared/data, each skipped when absent):
  trafilatura-eval  snippet precision / recall / F1 (as trafilatura's docs/evaluation.rst), title, byline, date
  readability-news  token precision / recall / F1 against Readability.js's expected text, title, byline, date,
                    outlet (its siteName; in the figures, not the table)
  htmldate-eval     date accuracy
Then the seed scorer through the CLI (when the `storyline` command exists).

A byline is right when it holds the gold's name words, no more, no fewer (accents folded; labels, dates and
joiners such as "By", "and" left out), the same rule for every extractor.

Usage: eval_extract.py [--gate] [--limit N] [--only SET] [--dump FILE] [--workers 2]
Prints one table; --gate checks bench/floors/eval_extract.json. Never asserts speed.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, data_dir, gate, shared_dir  # noqa: E402

SETS = ("trafilatura-eval", "readability-news", "htmldate-eval")


# ------------------------------------------------------------------ loading
def decode(raw: bytes) -> str:
    from trafilatura.utils import decode_file
    text = decode_file(raw)
    return text if isinstance(text, str) else raw.decode("utf-8", "replace")


def tasks(only: str | None, limit: int | None) -> list[dict]:
    out: list[dict] = []
    for name in SETS:
        if only and name != only:
            continue
        d = data_dir(name)
        if d is None:
            continue
        items: list[dict] = []
        if name == "trafilatura-eval":
            for url, g in json.loads((d / "evaldata.json").read_text()).items():
                items.append(dict(set=name, path=str(d / "pages" / g["file"]), url=url,
                                  with_=g.get("with", []), without=g.get("without", []),
                                  title=g.get("title"), date=g.get("date"), byline=g.get("author")))
        elif name == "readability-news":
            for sub in sorted(p for p in d.iterdir() if p.is_dir()):
                meta = json.loads((sub / "expected-metadata.json").read_text())
                items.append(dict(set=name, path=str(sub / "source.html"), url=None,
                                  expected=str(sub / "expected.html"), title=meta.get("title"),
                                  date=(meta.get("publishedTime") or "")[:10] or None,
                                  byline=meta.get("byline"), outlet=meta.get("siteName")))
        else:
            for url, g in json.loads((d / "eval.json").read_text()).items():
                items.append(dict(set=name, path=str(d / "pages" / g["file"]), url=url, date=g["date"],
                                  title=None))
        out.extend(items[:limit] if limit else items)
    return out


# ------------------------------------------------------------------ scoring helpers
QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u00a0": " "})


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "").translate(QUOTES)
    return re.sub(r"\s+", " ", s).strip()


def tokens(s: str | None) -> list[str]:
    return re.findall(r"\w+", norm(s).lower())


def snippet_counts(text: str | None, item: dict) -> tuple[int, int, int, int]:
    """(tp, fn, fp, tn) as trafilatura's evaluation: 'with' found = tp, 'without' found = fp."""
    t = norm(text)
    tp = fn = fp = tn = 0
    for s in item["with_"]:
        if t and norm(s) in t:
            tp += 1
        else:
            fn += 1
    for s in item["without"]:
        if t and norm(s) in t:
            fp += 1
        else:
            tn += 1
    return tp, fn, fp, tn


def token_counts(text: str | None, expected: str) -> tuple[int, int, int]:
    """(overlap, predicted, expected) token counts (multisets)."""
    p, g = Counter(tokens(text)), Counter(tokens(expected))
    return sum((p & g).values()), sum(p.values()), sum(g.values())


TITLE_SEP = re.compile(r"\s+[|\-\u2013\u2014:\u00b7\u2022\u00bb]+\s+|\s*\|\s*")


def _title_forms(t: str | None) -> list[list[str]]:
    """The title's tokens, and the same without its first or last separated part (a site name)."""
    parts = [p for p in TITLE_SEP.split(norm(t)) if p.strip()]
    forms = [tokens(t)]
    if len(parts) > 1:
        forms += [tokens(" ".join(parts[:-1])), tokens(" ".join(parts[1:]))]
    return forms


def title_ok(pred: str | None, gold: str | None) -> bool:
    """Same words as the gold title, allowing either side one extra ' | Site' part (gold sets
    differ on whether the site name belongs to the title); same rule for every extractor."""
    if not pred:
        return False
    p, g = tokens(pred), tokens(gold)
    return p == g or p in _title_forms(gold)[1:] or g in _title_forms(pred)[1:]


# words of a byline that name no one: prefixes, joiners, and the date / time words some gold bylines carry
# (Readability's are the byline's whole line: "By Jane Roe\n March 11, 2015 3:46 PM")
BYLINE_NOISE = set(
    "by par von por di de and und et y e avec with updated published at am pm on "
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august "
    "september october november december".split())


def fold(s: str | None) -> str:
    """Lower case, accents and spacing folded (for site names)."""
    s = unicodedata.normalize("NFKD", s or "")
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).lower().split())


def outlet_ok(ours: str | None, gold: str) -> bool:
    """The same site name (folded); a gold name that is a URL (Readability copies og:site_name as written, e.g.
    "http://www.tmz.com") is the site its host names, so the host's own label (TLD aside) names it too."""
    if fold(ours) == fold(gold):
        return True
    m = re.match(r"^(?:https?://)?(?:www\d*\.)?([^/\s]+?)(?:\.[a-z]{2,6})?(?:\.[a-z]{2})?/?$", fold(gold))
    if not m or not re.match(r"^(?:https?://|www\.)", fold(gold)):
        return False
    key = lambda x: re.sub(r"[\W_]+", "", x)     # noqa: E731
    return bool(ours) and key(fold(ours)) in (key(m[1]), key(fold(gold).split("//")[-1].removeprefix("www.")))


def byline_names(s: str | list | None) -> set[str]:
    """The name words of a byline, lower-cased, as a set (order and separators differ between extractors)."""
    if isinstance(s, list):         # a few gold entries list the authors
        s = ", ".join(x for x in s if isinstance(x, str))
    # accents folded: gold sets and pages disagree on them ("Gàbor Muniér" credited as "Gabor Munier")
    s = "".join(c for c in unicodedata.normalize("NFKD", s or "") if not unicodedata.combining(c))
    return {w for w in re.findall(r"[^\W\d_]+", (s or "").lower()) if w not in BYLINE_NOISE}


def byline_ok(pred: str | None, gold: str | None) -> bool:
    """The same people: the same name words, none missing and none added; same rule for every extractor."""
    return bool(pred) and byline_names(pred) == byline_names(gold)


def expected_text(path: str) -> str:
    import lxml.html
    tree = lxml.html.fromstring(Path(path).read_bytes().decode("utf-8", "replace"))
    return " ".join(tree.itertext())


# ------------------------------------------------------------------ one page (in a worker)
def run_one(item: dict) -> dict:
    import trafilatura
    from htmldate import find_date

    from storyline.clean.html import clean_html
    from storyline.model import Page, content_hash

    raw = Path(item["path"]).read_bytes()
    html = decode(raw)
    res: dict = {"set": item["set"], "path": item["path"]}
    page = Page(source=item["path"], kind="html", content=html, content_hash=content_hash(raw), url=item["url"])
    t0 = time.perf_counter()
    try:
        art = clean_html(page)
        res["ours"] = dict(text=art.text, title=art.title, date=art.published, ev=art.published_evidence,
                           byline=art.byline, outlet=art.outlet)
    except Exception as e:  # noqa: BLE001 - a crash is a figure here
        res["ours"] = dict(text="", title=None, date=None, error=f"{type(e).__name__}: {e}")
    res["ours_s"] = time.perf_counter() - t0
    plain: dict = {}
    if item["set"] != "htmldate-eval":
        try:
            plain["text"] = trafilatura.extract(html, url=item["url"])
        except Exception:
            plain["text"] = None
        try:
            md = trafilatura.extract_metadata(html, default_url=item["url"])
            plain["title"] = md.title if md else None
            plain["byline"] = md.author if md else None
            plain["outlet"] = md.sitename if md else None
        except Exception:
            plain["title"] = plain["byline"] = plain["outlet"] = None
    try:
        plain["date"] = find_date(html, url=item["url"])
    except Exception:
        plain["date"] = None
    res["plain"] = plain
    # scores computed here so the big texts need not travel back
    for who in ("ours", "plain"):
        r = res[who]
        if item["set"] == "trafilatura-eval":
            r["snip"] = snippet_counts(r.get("text"), item)
        elif item["set"] == "readability-news":
            r["tok"] = token_counts(r.get("text"), expected_text(item["expected"]))
        r["title_ok"] = title_ok(r.get("title"), item.get("title")) if item.get("title") else None
        r["date_ok"] = (r.get("date") == item["date"]) if item.get("date") else None
        r["byline_ok"] = byline_ok(r.get("byline"), item.get("byline")) if byline_names(item.get("byline")) else None
        r["outlet_ok"] = outlet_ok(r.get("outlet"), item["outlet"]) if item.get("outlet") else None
        r["text_len"] = len(r.get("text") or "")
        r.pop("text", None)
    res["gold_title"], res["gold_date"], res["gold_byline"] = item.get("title"), item.get("date"), item.get("byline")
    return res


# ------------------------------------------------------------------ figures
def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def figures_for(results: list[dict]) -> tuple[dict[str, float], list[tuple]]:
    figs: dict[str, float] = {}
    rows: list[tuple] = []
    for name in SETS:
        rs = [r for r in results if r["set"] == name]
        if not rs:
            continue
        short = {"trafilatura-eval": "traf", "readability-news": "read", "htmldate-eval": "hdate"}[name]
        for who in ("ours", "plain"):
            row = {"set": name, "who": "storyline" if who == "ours" else
                   ("htmldate" if name == "htmldate-eval" else "trafilatura/htmldate"), "n": len(rs)}
            if name == "trafilatura-eval":
                tp, fn, fp, tn = (sum(r[who]["snip"][i] for r in rs) for i in range(4))
                row["P"], row["R"], row["F1"] = prf(tp, fp, fn)
            elif name == "readability-news":
                ov, pr, ex = (sum(r[who]["tok"][i] for r in rs) for i in range(3))
                row["P"], row["R"], row["F1"] = prf(ov, pr - ov, ex - ov)
            tit = [r[who]["title_ok"] for r in rs if r[who].get("title_ok") is not None]
            if tit:
                row["title"] = sum(tit) / len(tit)
                row["n_title"] = len(tit)
            out = [r[who]["outlet_ok"] for r in rs if r[who].get("outlet_ok") is not None]
            if out:
                row["outlet"] = sum(out) / len(out)
            byl = [r[who]["byline_ok"] for r in rs if r[who].get("byline_ok") is not None]
            if byl:
                row["byline"] = sum(byl) / len(byl)
                row["n_byline"] = len(byl)
            dat = [r[who]["date_ok"] for r in rs if r[who].get("date_ok") is not None]
            if dat:
                row["date"] = sum(dat) / len(dat)
                row["n_date"] = len(dat)
            if who == "ours":
                row["errors"] = sum(1 for r in rs if r["ours"].get("error"))
                row["sec"] = sum(r["ours_s"] for r in rs) / len(rs)
            rows.append(row)
            tag = "" if who == "ours" else "plain_"
            for k in ("P", "R", "F1", "title", "byline", "outlet", "date"):
                if k in row:
                    figs[f"{short}_{tag}{k.lower()}"] = round(row[k], 4)
    return figs, rows


def print_table(rows: list[dict]) -> None:
    print(f"{'set':18} {'extractor':22} {'n':>4} {'P':>6} {'R':>6} {'F1':>6} {'title':>12} {'byline':>12} "
          f"{'date':>12} {'err':>4} {'s/page':>7}")
    for r in rows:
        def f(k, r=r):   # r bound now; f and fn are called only in this iteration
            return f"{r[k]:.3f}" if k in r else "-"

        def fn(k, n, r=r):
            return f"{r[k]:.3f}/{r[n]:<4}" if k in r else "-"
        print(f"{r['set']:18} {r['who']:22} {r['n']:>4} {f('P'):>6} {f('R'):>6} {f('F1'):>6} "
              f"{fn('title', 'n_title'):>12} {fn('byline', 'n_byline'):>12} {fn('date', 'n_date'):>12} "
              f"{r.get('errors', ''):>4} {(format(r['sec'], '.3f') if 'sec' in r else ''):>7}")


# ------------------------------------------------------------------ seeds through the CLI
def seed_score(figs: dict[str, float]) -> None:
    exe = REPO / ".venv" / "bin" / "storyline"
    cli = str(exe) if exe.exists() else shutil.which("storyline")
    sd = shared_dir()
    if sd is None:
        return
    scorer, seeds = sd / "tools" / "score_seeds.py", sd / "corpus" / "seeds"
    if not cli:
        print("[note] no `storyline` CLI yet: seed score not run")
        return
    with tempfile.TemporaryDirectory() as tmp:
        db, out = f"{tmp}/seeds.duckdb", f"{tmp}/articles.jsonl"
        steps = [[cli, "ingest", str(seeds), "--db", db], [cli, "export", "articles", "--db", db, "-o", out]]
        for cmd in steps:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
            if p.returncode not in (0, 1) or not Path(out if cmd[1] == "export" else db).exists():
                print(f"[note] seed run not possible yet: `{' '.join(cmd[1:3])}` exited {p.returncode}: "
                      f"{(p.stderr or p.stdout).strip().splitlines()[-1:] }")
                return
        p = subprocess.run([sys.executable, str(scorer), out], capture_output=True, text=True, timeout=600)
        lines = p.stdout.rstrip().splitlines()
        misses = [ln for ln in lines if re.search(r":\s*(\d+(?:\.\d+)?)/(\d+)$", ln)
                  and not re.search(r":\s*(\d+(?:\.\d+)?)/\1$", ln.replace(".0/", "/"))]
        for line in misses[:20] + lines[-1:]:
            print(f"[seeds] {line}")
        m = re.search(r"seed score:\s*([\d.]+)", p.stdout)
        if m:
            figs["seed_score"] = float(m[1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gate", action="store_true")
    ap.add_argument("--limit", type=int, default=None, help="pages per set (quick look)")
    ap.add_argument("--only", choices=SETS, default=None)
    ap.add_argument("--dump", default=None, help="write per-page results (JSON lines) here")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--no-seeds", action="store_true")
    args = ap.parse_args(argv)

    todo = tasks(args.only, args.limit)
    t0 = time.perf_counter()
    if args.workers > 1 and len(todo) > 4:
        with ProcessPoolExecutor(args.workers) as ex:
            results = list(ex.map(run_one, todo, chunksize=4))
    else:
        results = [run_one(t) for t in todo]
    if args.dump:
        with open(args.dump, "w") as fh:
            for r in results:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    figs, rows = figures_for(results)
    if rows:
        print_table(rows)
    # the same run, side by side: storyline minus the plain tool (gated at >= 0)
    for short in ("traf", "read", "hdate"):
        for k in ("f1", "title", "byline", "outlet", "date"):
            if f"{short}_{k}" in figs and f"{short}_plain_{k}" in figs:
                figs[f"{short}_{k}_vs_plain"] = round(figs[f"{short}_{k}"] - figs[f"{short}_plain_{k}"], 4)
    print("[vs plain] " + "  ".join(f"{k[:-9]} {v:+.3f}" for k, v in sorted(figs.items()) if k.endswith("_vs_plain")))
    print(f"[time] {len(todo)} pages in {time.perf_counter() - t0:.0f}s")
    if not args.no_seeds and not args.only and not args.limit:
        seed_score(figs)
    print(json.dumps(figs, sort_keys=True))
    return gate("eval_extract", figs, ["--gate"] if args.gate else [])


if __name__ == "__main__":
    sys.exit(main())
