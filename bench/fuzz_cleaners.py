"""Coverage-guided fuzzing (atheris/libFuzzer) of the HTML and text cleaners for a fixed time budget.

    python bench/fuzz_cleaners.py [--seconds 60] [--target html|text|reader|all]

Each target runs in a child process for its share of the budget. An uncaught exception is recorded
(kept going: one signature per exception type and place, the shortest input kept) instead of ending
the run, so one run reports every distinct crash it reached. Prints executions, coverage features
reported by libFuzzer and each crash with a minimal input; never asserts. Needs `pip install atheris`.

Targets: ``html`` = storyline.clean.clean on an HTML Page, ``text`` = the same on a scraped-text
Page, ``reader`` = storyline.read.decode.decode + the JSONL line parser on raw bytes.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

SEEDS_HTML = [
    "<html><head><title>Port deal signed</title><meta charset='utf-8'>"
    "<meta property='article:published_time' content='2019-03-05T10:00:00Z'></head><body><article>"
    "<h1>Port deal signed</h1><p class='byline'>By Ana Costa</p><p>Lisbon - Portugal and Morocco signed an "
    "agreement on Tuesday, officials said.</p><p>\u201cThis opens a route,\u201d the minister said.</p>"
    "</article></body></html>",
    "<html><body><div><nav><a href='/'>Home</a></nav><div><p>Workers will strike next week, the union said on "
    "Monday.</p><script>var x=1</script></div></div></body></html>",
    '<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","datePublished":"2020-01-02",'
    '"author":{"name":"J. Doe"}}</script><p>Body text of the article goes here, with words.</p>',
]
SEEDS_TEXT = [
    "Ministers agree new port deal\n\nBy Ana Costa\nMarch 5, 2019\n\nLisbon - Portugal and Morocco signed an "
    "agreement on Tuesday, the two governments said.\n\n\"This deal opens a new route,\" she said.\n\nShare this\n",
    "Home | News | Sport\nUnion calls strike\n12:30 PM ET\nWorkers at the plant will strike next week, the union "
    "announced on Monday.\nComments\nPosted by reader1\nGreat article!\nReply\n",
]


def _signature(exc: BaseException) -> str:
    tb = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in tb if "/storyline/" in f.filename] or tb
    f = ours[-1] if ours else None
    where = f"{f.filename.rsplit('/src/', 1)[-1]}:{f.lineno}" if f else "?"
    return f"{exc.__class__.__name__} at {where}"


def child(target: str, seconds: int, out: Path) -> None:
    import atheris

    with atheris.instrument_imports(include=["storyline"]):
        import storyline.clean.html  # noqa: F401  (clean() imports these lazily: instrument them here)
        import storyline.clean.text  # noqa: F401
        from storyline.clean import clean
        from storyline.model import Page, content_hash
        from storyline.read.decode import NotText, decode
        from storyline.read.jsonl import _parse_line

    state = {"runs": 0, "crashes": {}, "started": time.time()}

    def save() -> None:
        out.write_text(json.dumps(state))

    def one(data: bytes) -> None:
        state["runs"] += 1
        fdp = atheris.FuzzedDataProvider(data)
        try:
            if target == "reader":
                raw = fdp.ConsumeBytes(len(data))
                try:
                    decode(raw, html=bool(raw[:1]) and raw[0] & 1 == 1)
                except NotText:
                    pass
                _parse_line(raw, "fuzz:1")
            else:
                s = data.decode("utf-8", "replace")   # seeds are plain UTF-8 pages; mutations stay close
                clean(Page(source=f"fuzz.{target}", kind=target, content=s, content_hash=content_hash(s)))
        except Exception as exc:  # record, keep fuzzing
            sig = _signature(exc)
            prev = state["crashes"].get(sig)
            if prev is None or len(data) < len(bytes.fromhex(prev["input_hex"])):
                state["crashes"][sig] = {"message": str(exc)[:300], "input_hex": data.hex(),
                                         "input_preview": repr(data[:200])}
                save()
        if state["runs"] % 200 == 0:
            save()

    corpus = Path(tempfile.mkdtemp(prefix=f"fuzz-{target}-"))
    seeds = SEEDS_HTML if target == "html" else SEEDS_TEXT if target == "text" else SEEDS_HTML[:1] + [
        json.dumps({"url": "u", "text": SEEDS_TEXT[0]})]
    for i, s in enumerate(seeds):
        (corpus / f"seed{i}").write_bytes(s.encode("utf-8"))
    save()
    atheris.Setup([sys.argv[0], str(corpus), f"-max_total_time={seconds}", "-timeout=60", "-rss_limit_mb=3072",
                   "-max_len=65536", "-print_final_stats=1"], one)
    try:
        atheris.Fuzz()
    finally:
        save()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=int, default=60, help="total budget, shared between the targets")
    ap.add_argument("--target", choices=["html", "text", "reader", "all"], default="all")
    ap.add_argument("--child", choices=["html", "text", "reader"], help=argparse.SUPPRESS)
    ap.add_argument("--out", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.seconds, Path(args.out))
        return 0
    try:
        import atheris  # noqa: F401
    except ImportError:
        print("[skip] atheris is not installed (pip install atheris): no fuzzing run")
        return 0
    targets = ["html", "text", "reader"] if args.target == "all" else [args.target]
    share = max(5, args.seconds // len(targets))
    total_crashes = 0
    for t in targets:
        out = Path(tempfile.mkstemp(prefix=f"fuzz-{t}-", suffix=".json")[1])
        t0 = time.monotonic()
        r = subprocess.run([sys.executable, __file__, "--child", t, "--seconds", str(share), "--out", str(out)],
                           capture_output=True, text=True, timeout=share * 4 + 120)
        dt = time.monotonic() - t0
        try:
            state = json.loads(out.read_text())
        except (OSError, ValueError):
            state = {"runs": 0, "crashes": {}}
        cov = re.findall(r"cov: (\d+) ft: (\d+)", r.stderr)
        cov_s = f"cov {cov[-1][0]} ft {cov[-1][1]}" if cov else "coverage not reported"
        print(f"fuzz {t}: {state['runs']} executions in {dt:.0f}s ({state['runs'] / max(dt, 1e-6):.0f}/s), "
              f"{cov_s}, {len(state['crashes'])} distinct uncaught exception(s), libFuzzer exit {r.returncode}")
        if r.returncode not in (0,) and not state["crashes"]:
            tail = [ln for ln in r.stderr.splitlines() if "ERROR" in ln or "Error" in ln][-3:]
            print(f"  libFuzzer stopped early: {tail}")
        for sig, c in sorted(state["crashes"].items()):
            total_crashes += 1
            print(f"  CRASH {sig}: {c['message']}\n    input ({len(c['input_hex']) // 2} bytes): {c['input_preview']}")
        out.unlink(missing_ok=True)
    print(f"fuzz total: {total_crashes} distinct uncaught exception(s) over {len(targets)} target(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
