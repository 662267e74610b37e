#!/usr/bin/env python3
"""The understand stage on the dev sets, side by side: PLOVER events, PolNeAR attribution, the seeds.

    python bench/eval_understand.py [--gate] [--limit N]

- plover-gsr (``bench/eval_events.py``): event type accuracy after the 18->16 mapping, actor and target code
  accuracy, on the sentence records;
- polnear dev (``bench/eval_quotes.py``): attribution content and source+content overlap P/R/F1;
- the seeds (``../shared/tools/score_seeds.py articles quotes events``): gold quotes found with their speaker,
  gold events found with the right type on the right sentence.
Floors in bench/floors/eval_understand.json. The two detailed scripts stay runnable on their own (-v, --show).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_events  # noqa: E402
import eval_quotes  # noqa: E402
from _common import data_dir, gate, help_requested, shared_dir  # noqa: E402
from eval_seeds import run_seeds  # noqa: E402


def seed_figures() -> dict[str, float]:
    sd = shared_dir()
    if sd is None or not (sd / "corpus" / "seeds").is_dir():
        print("[skip] ../shared/corpus/seeds is not here: no seed figures")
        return {}
    res = run_seeds(sd / "corpus" / "seeds", sd / "tools" / "score_seeds.py")
    sums: dict[str, list[float]] = {}
    for label, n, d in res["figures"]:
        for key, tag in (("quotes found", "seed_quotes_found"), ("events found", "seed_events_found"),
                         ("real quotes", "seed_quote_precision"), ("with a right type", "seed_event_precision")):
            if key in label:
                acc = sums.setdefault(tag, [0.0, 0.0])
                acc[0] += n
                acc[1] += d
    out = {}
    for tag, (n, d) in sums.items():
        out[tag + "_n"], out[tag + "_of"] = n, d
        out[tag] = n / d if d else 0.0
    return out


def main(argv: list[str]) -> int:
    limit = ["--limit", argv[argv.index("--limit") + 1]] if "--limit" in argv else []
    figures: dict[str, float] = {}
    t0 = time.perf_counter()
    print("== plover-gsr (events)")
    ev = eval_events.run(limit)
    if ev:
        figures.update({f"plover_{k}": v for k, v in ev.items()})
    print("\n== polnear dev (attribution)")
    d = data_dir("polnear")
    if d is not None:
        q = eval_quotes.evaluate(d / "dev", int(limit[1]) if limit else None, 0)
        figures.update({f"polnear_{k}": v for k, v in q.items()})
    print("\n== seeds (quotes and events)")
    figures.update(seed_figures())
    print(f"\n{'figure':34} {'value':>8}   first bar (issue)")
    bars = {"plover_type_accuracy": 0.75, "plover_actor_code_accuracy": 0.75, "polnear_attribution_f1": 0.70}
    rows = [("plover_type_accuracy", "PLOVER event type accuracy"),
            ("plover_actor_code_accuracy", "PLOVER actor code accuracy"),
            ("plover_target_code_accuracy", "PLOVER target code accuracy"),
            ("polnear_content_f1", "PolNeAR content overlap F1"),
            ("polnear_source_f1", "PolNeAR source+content F1"),
            ("polnear_attribution_f1", "PolNeAR attribution F1 (mean)"),
            ("seed_quotes_found", "seeds: gold quotes found"),
            ("seed_events_found", "seeds: gold events found"),
            ("seed_event_precision", "seeds: right type, gold sentences")]
    for key, label in rows:
        if key not in figures:
            print(f"{label:34} {'-':>8}")
            continue
        extra = ""
        if key + "_n" in figures:
            extra = f"  ({figures[key + '_n']:.0f}/{figures[key + '_of']:.0f})"
        bar = bars.get(key)
        mark = "" if bar is None else (f"   >= {bar:.2f} {'met' if figures[key] >= bar else 'NOT met'}")
        print(f"{label:34} {figures[key]:8.3f}{extra}{mark}")
    print(f"({time.perf_counter() - t0:.0f}s)")
    return gate("eval_understand", figures, argv)


if __name__ == "__main__":
    help_requested(__doc__)
    sys.exit(main(sys.argv[1:]))
