#!/usr/bin/env python3
"""Linking 10k stored articles incrementally (100 new arrive) vs re-linking all of them from scratch.

Synthetic corpus (made here, seeded): storylines with their own names, topic words and date span; articles mix
their storyline's words with a common pool, and carry actors. The stored index (10,000 articles) is saved as
JSON, as the store would keep it; the incremental path loads it and adds the 100 new articles; the scratch
path links all 10,100 again with the same code (batches of 500). Both print wall time and B-cubed F1 against
the synthetic truth. The embedding backend defaults to the hashing fallback so the run takes minutes, not an
hour (the per-article embedding cost of the model backend is printed separately, measured on 100 articles:
the incremental path pays it for the new articles only, the scratch path for all of them unless cached).
Options: --n 10000 --new 100 --backend hash|onnx|torch. Prints figures; never asserts speed.
"""
from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import help_requested  # noqa: E402


def _arg(argv, name, default):
    return type(default)(argv[argv.index(name) + 1]) if name in argv else default


SYLL = ["ka", "lo", "mi", "ra", "te", "su", "vo", "ne", "di", "pa", "gu", "ri", "sa", "to", "be", "mo", "li", "an",
        "or", "el", "un", "is", "et", "ba"]
COMMON = ("government officials said on statement week talks agreement report country city company minister "
          "people state local new plans called meeting group leaders public security workers police court law "
          "market prices support decision move months years president national international economic").split()


def _word(rng, k=3):
    return "".join(rng.choice(SYLL) for _ in range(k))


def synthetic(n: int, rng: random.Random, n_lines: int):
    from storyline.model import Actor, Annotated, Article, content_hash
    lines = []
    for _ in range(n_lines):
        names = [_word(rng, 3).capitalize() for _ in range(3)]
        topic = [_word(rng, 2) + _word(rng, 2) for _ in range(10)]
        start = 730000 + rng.randrange(0, 730)
        lines.append((names, topic, start))
    import datetime as dt
    out, truth = [], {}
    for i in range(n):
        s = rng.randrange(n_lines)
        names, topic, start = lines[s]
        sents = []
        for _ in range(6):
            ws = [rng.choice(topic) if rng.random() < 0.35 else rng.choice(COMMON) for _ in range(14)]
            pos = rng.randrange(1, 14)
            ws.insert(pos, rng.choice(names))
            sents.append(rng.choice(names) + " " + " ".join(ws) + ".")
        text = " ".join(sents)
        aid = f"a{i:06d}"
        day = dt.date.fromordinal(start + rng.randrange(0, 60)).isoformat()
        actors = tuple(Actor(id=f"org:{nm.lower()}", name=nm, type="ORG") for nm in names[:2])
        out.append(Annotated(article=Article(id=aid, source=f"synthetic/{aid}", text=text,
                                             content_hash=content_hash(text), outlet=f"outlet{rng.randrange(20)}",
                                             published=day), actors=actors))
        truth[aid] = s
    return out, truth


def bcubed(pred: dict, gold: dict) -> float:
    from eval_link import bcubed as b3
    ids = sorted(gold)
    return b3([pred[i] for i in ids], [gold[i] for i in ids])[2]


def actor_cost(stored, new, rng) -> None:
    """Corpus-level actor filing (link/actors.py) the same way: the stored articles filed in chunks of 1,000 (as
    the link step does), the index saved as JSON, then loaded and the new articles filed. Each article carries
    its storyline's organisations plus, to give the index a realistic size, three people: two recurring ones
    (full name in some articles, surname alone in others) and one seen once."""
    from storyline.link.actors import ActorIndex, Local
    people = [(_word(rng, 2).capitalize(), _word(rng, 3).capitalize()) for _ in range(max(50, len(stored) // 5))]

    def locals_of(a, k):
        out = [Local(a.article.id, x.id, x.name, x.type, mentions=2) for x in a.actors]
        for first, last in rng.sample(people, 2):
            name = f"{first} {last}" if rng.random() < 0.6 else last
            out.append(Local(a.article.id, f"person:{name.lower().replace(' ', '-')}", name, "PERSON"))
        once = f"{_word(rng, 2).capitalize()} {_word(rng, 3).capitalize()}{k}"
        out.append(Local(a.article.id, f"person:{once.lower().replace(' ', '-')}", once, "PERSON"))
        return out
    idx = ActorIndex()
    t = time.perf_counter()
    for i in range(0, len(stored), 1000):
        idx.file_batch([(a.article.id, locals_of(a, i + j)) for j, a in enumerate(stored[i:i + 1000])])
    build = time.perf_counter() - t
    state = json.dumps(idx.to_state())
    t = time.perf_counter()
    inc = ActorIndex.from_state(json.loads(state))
    t_load = time.perf_counter() - t
    t = time.perf_counter()
    inc.file_batch([(a.article.id, locals_of(a, 10 ** 7 + j)) for j, a in enumerate(new)])
    t_add = time.perf_counter() - t
    print(f"actors: {len(idx.canon)} canonical actors from {len(stored)} articles, filed in {build:.1f}s; state "
          f"{len(state) / 1e6:.1f} MB JSON; incremental: load {t_load:.2f}s + file {len(new)} articles "
          f"{t_add:.2f}s")


def link_all(anns, batch=500):
    from storyline.link.stories import StoryIndex
    idx = StoryIndex()
    for i in range(0, len(anns), batch):
        idx.add(anns[i:i + batch])
    return idx


def main(argv: list[str]) -> int:
    n = _arg(argv, "--n", 10000)
    n_new = _arg(argv, "--new", 100)
    os.environ.setdefault("STORYLINE_EMBED", _arg(argv, "--backend", "hash"))
    from storyline.link import embed
    from storyline.link.stories import StoryIndex

    rng = random.Random(7)
    anns, truth = synthetic(n + n_new, rng, n_lines=max(10, (n + n_new) // 25))
    anns.sort(key=lambda a: (a.article.published, a.article.id))
    stored, new = anns[:n], anns[n:]
    print(f"synthetic corpus: {n} stored + {n_new} new articles, {len(set(truth.values()))} storylines; "
          f"embedding backend: {embed.backend()}")

    t = time.perf_counter()
    idx = link_all(stored)
    build = time.perf_counter() - t
    state = json.dumps(idx.to_state())
    print(f"stored index: {len(idx.clusters)} stories; built in {build:.1f}s; state {len(state) / 1e6:.1f} MB JSON")

    t = time.perf_counter()
    inc = StoryIndex.from_state(json.loads(state))
    t_load = time.perf_counter() - t
    t = time.perf_counter()
    inc.add(new)
    t_add = time.perf_counter() - t
    t = time.perf_counter()
    scratch = link_all(stored + new)
    t_scratch = time.perf_counter() - t

    f_inc = bcubed(inc.assign, truth)
    f_scr = bcubed(scratch.assign, truth)
    print(f"incremental: load state {t_load:.2f}s + add {n_new} articles {t_add:.2f}s = {t_load + t_add:.2f}s   "
          f"(B3 F1 {f_inc:.3f})")
    print(f"from scratch: link {n + n_new} articles {t_scratch:.2f}s   (B3 F1 {f_scr:.3f})")
    print(f"speed-up: {t_scratch / max(1e-9, t_load + t_add):.0f}x (add alone: {t_scratch / max(1e-9, t_add):.0f}x)")
    actor_cost(stored, new, rng)
    if "--no-model-cost" not in argv:
        try:
            import subprocess
            texts = [a.article.text for a in new]
            code = ("import time;from storyline.link import embed as e;b=e.backend();"
                    f"t=time.perf_counter();e.embed_documents({texts!r},max_chunks=1);"
                    f"print(b, (time.perf_counter()-t)/{len(new)})")
            env = dict(os.environ)
            env.pop("STORYLINE_EMBED", None)
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=600)
            b, per = out.stdout.split()[-2:]
            per = float(per)
            print(f"model embedding cost ({b}): {per * 1000:.0f} ms/article -> {n_new} new: {per * n_new:.1f}s; "
                  f"{n + n_new} from scratch: {per * (n + n_new) / 60:.1f} min")
        except Exception as exc:  # the model is optional here
            print(f"model embedding cost: not measured ({exc.__class__.__name__})")
    return 0


if __name__ == "__main__":
    help_requested(__doc__)
    sys.exit(main(sys.argv[1:]))
