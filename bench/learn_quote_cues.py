#!/usr/bin/env python3
"""Learn which cue lemmas introduce attributions, and through which frame, from PolNeAR's TRAIN split.

    python bench/learn_quote_cues.py [--docs FILE.spacy] [--out cue_frames.tsv] [--model-out cue_model.tsv] [--C 0.5]

For every verb or noun of the train texts and every frame ``storyline.understand.quotes.cue_frames`` gives it
('said [ccomp]', 'called [prep:for]', 'criticized [dobj+for]', …), count how often the frame occurs (``total``)
and how often the token lies inside a gold Cue span whose attribution's Content matches the frame's content
under eval_quotes' 50%/50% token rule (``hits``). Frames whose content lies inside a direct quote are left
out (the finder never reports them). The same candidates, each with its ``frame_features`` and a 0/1 label
(hit or not), train a logistic regression (``cue_model.tsv``, needs scikit-learn here only); the finder
keeps a token's best-scoring frame when its probability reaches ``MODEL_THRESHOLD`` and falls back to the
table's hits/total when the model is missing. A frame comes in several extents (``cue_frames``: as parsed,
untrimmed '~u', run to the clause end '~r'), each a candidate with its own label, so the model learns which
extent PolNeAR annotates (``BEST_ONLY`` would label only the closest extent of a token; it did not help on a
held-out part of train).
Only the train split is read (the dev split is for measuring).

Two passes: the finder drops a reported cue that lies inside another attribution's content (``NESTED_THRESHOLD``),
so the model is fitted on the candidates it will be asked about. Pass one fits a model on every candidate; the
finder, run with that model, gives each text's predicted contents; pass two fits the shipped model without the
candidates whose cue lies inside one of them (another cue's). Learned on train[:600] and scored on train[600:]:
attribution F1 0.686 -> 0.691 (threshold 0.3), 0.685 -> 0.689 (0.33).
Parsing the 840 train texts takes ~7 min on 2 cores: pass ``--docs`` with a DocBin of them to iterate.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import data_dir  # noqa: E402
from eval_quotes import gold_for, token_set  # noqa: E402

from storyline.model import Article  # noqa: E402
from storyline.understand.nlp import get_nlp  # noqa: E402
from storyline.understand.quotes import _Finder, cue_frames, cue_source, frame_features, frame_lemma, source_class  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "src" / "storyline" / "data" / "quotes" / "cue_frames.tsv"
MODEL_OUT = OUT.with_name("cue_model.tsv")
BEST_ONLY = False


def fit_model(samples: list, c: float, min_count: int = 2) -> dict[str, float]:
    """Logistic regression over the candidates' features (those seen at least ``min_count`` times), as the
    finder reads it: feature -> weight, the bias under the empty feature (weights under 1e-3 left out)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    seen = Counter(f for feats, _ in samples for f in feats)
    X = [{f: 1 for f in feats if seen[f] >= min_count} for feats, _ in samples]
    y = [label for _, label in samples]
    vec = DictVectorizer()
    m = LogisticRegression(C=c, max_iter=2000).fit(vec.fit_transform(X), y)
    weights = {"": round(float(m.intercept_[0]), 4)}
    for f, w in sorted(zip(vec.feature_names_, m.coef_[0]), key=lambda x: -abs(x[1])):
        if abs(w) >= 1e-3:
            weights[f] = round(float(w), 4)
    return weights


def write_model(samples: list, out: Path, c: float, min_count: int = 2) -> dict[str, float]:
    """``fit_model``, shipped as 'feature<TAB>weight' lines."""
    weights = fit_model(samples, c, min_count)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(f"# feature\tweight  (logistic regression, C={c}, {len(samples)} candidates, "
                 f"{sum(label for _, label in samples)} attributions; bench/learn_quote_cues.py from PolNeAR train)\n")
        for f, w in weights.items():
            fh.write(f"{f}\t{w:.4f}\n")
    print(f"cue model: {len(samples)} candidates, {sum(label for _, label in samples)} positive -> {out}")
    return weights


def predicted_contents(doc, model: dict[str, float]) -> list[tuple[int, int, int | None]]:
    """(start, end, cue start) of every attribution the finder predicts with ``model``, nested ones included."""
    from storyline.understand.actors import resolve_actors
    art = Article(id="x", source="polnear", text=doc.text, content_hash="")
    mentions, actors = resolve_actors(doc, art)
    atts = _Finder(doc, art, mentions, actors, model=model).run(drop_nested=False)
    return [(a.start, a.end, a.cue_start) for a in atts]


def learn(docs_and_gold, samples: list | None = None,
          model: dict[str, float] | None = None) -> tuple[Counter, Counter]:
    """(hits, total) per (lemma, frame) and per (lemma, frame|source class); with ``samples``, also append
    (features, label) for every candidate (the cue model's training set): with ``model``, not those of a token
    inside the content of an attribution the finder predicts with that model (another cue's)."""
    hits: Counter = Counter()
    total: Counter = Counter()
    for doc, gold in docs_and_gold:
        text = doc.text
        inside = predicted_contents(doc, model) if model is not None and samples is not None else []
        cue_at: dict[int, list[int]] = {}
        g_tok = []
        for j, g in enumerate(gold):
            g_tok.append(token_set(text, g["content"]))
            for a, b in g["cue"]:
                for c in range(a, b):
                    cue_at.setdefault(c, []).append(j)
        # the finder never reports speech inside a direct quote (the quote is the record; PolNeAR seldom
        # annotates the 'I think' of a quoted speaker): leave those frames out of the counts too
        taken = [(s.start, s.end) for s in _Finder(doc, Article(id="x", source="polnear", text=text,
                                                                content_hash=""), [], []).direct()]
        for tok in doc:
            frames = cue_frames(tok)
            if frames and taken:
                frames = [(n, t) for n, t in frames if not any(
                    a <= t[0].idx and t[-1].idx + len(t[-1]) <= b + 1 for a, b in taken)]
            if not frames:
                continue
            lemma = frame_lemma(tok)
            cands = cue_at.get(tok.idx, [])
            src = cue_source(tok)
            cls = source_class(src)
            scored = []
            for name, toks in frames:
                keys = [(lemma, name), (lemma, f"{name}|{cls}")]
                for key in keys:
                    total[key] += 1
                pt = token_set(text, [(t.idx, t.idx + len(t)) for t in toks])
                best = 0.0
                for j in cands:
                    shared = len(pt & g_tok[j])
                    if pt and g_tok[j] and shared >= 0.5 * len(pt) and shared >= 0.5 * len(g_tok[j]):
                        best = max(best, shared / len(pt | g_tok[j]))
                if best > 0:
                    for key in keys:
                        hits[key] += 1
                scored.append((name, toks, best))
            # a token's frames are alternatives (the finder keeps the best-scoring one): with BEST_ONLY, only
            # the frame closest to the gold content (its token overlap) is a positive, so the model learns
            # which extent to prefer, not only whether the token is a cue
            top = max(b for _, _, b in scored)
            if samples is not None and not any(s <= tok.idx < e and c != tok.idx for s, e, c in inside):
                for name, toks, b in scored:
                    label = int(b > 0 and (not BEST_ONLY or b >= top - 1e-9))
                    samples.append((frame_features(tok, name, toks, src), label))
    return hits, total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", help="the train texts already parsed (a spaCy DocBin, in file order)")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--min-hits", type=int, default=2)
    ap.add_argument("--model-out", default=str(MODEL_OUT))
    ap.add_argument("--C", type=float, default=0.5, help="inverse L2 strength of the cue model")
    args = ap.parse_args(argv)
    d = data_dir("polnear")
    if d is None:
        return 0
    split = d / "train"
    files = sorted((split / "text").glob("*.txt"))
    nlp = get_nlp()
    if args.docs:
        from spacy.tokens import DocBin
        docs = DocBin().from_disk(args.docs).get_docs(nlp.vocab)
    else:
        docs = nlp.pipe((f.read_text(encoding="utf-8") for f in files), batch_size=8)
    pairs = [(doc, gold_for(split, f)) for f, doc in zip(files, docs)]
    samples: list = []
    hits, total = learn(pairs, samples)
    first = fit_model(samples, args.C)
    print(f"pass 1: {len(samples)} candidates; pass 2 leaves out those inside a predicted content", flush=True)
    samples = []
    learn(pairs, samples, model=first)
    write_model(samples, Path(args.model_out), args.C)
    # (lemma, frame) rows with enough hits, and their per-source-class rows (even those with no hit: a
    # class that never is an attribution must not fall back to the general row)
    keep = {k for k in total if "|" not in k[1] and hits[k] >= args.min_hits}
    rows = sorted(((k, hits[k], total[k]) for k in total if (k[0], k[1].split("|")[0]) in keep),
                  key=lambda r: (-r[1] / r[2], -r[1]))
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write("# lemma\tframe\thits\ttotal  (learned by bench/learn_quote_cues.py from PolNeAR train)\n")
        for (lemma, frame), h, t in rows:
            fh.write(f"{lemma}\t{frame}\t{h}\t{t}\n")
    print(f"{len(files)} train articles; {len(rows)} (lemma, frame) rows with >= {args.min_hits} hits -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
