"""Online story clustering: new articles join or open stories without re-clustering everything.

Each article is described by five blocks, each L2-normalised:

- ``words``: hashed content words, sublinear tf x idf (document frequencies kept by the index);
- ``names``: hashed capitalised words that do not open a sentence, and numbers: the names, places and
  figures that tell one real-world event from another of the same kind (two earthquakes, two arrests);
- ``emb``: a MiniLM document embedding (``embed.py``; hashing fallback when no model is there);
- ``actors``: canonical actor ids from the understand stage, weighted by mentions (when present);
- ``events``: ``TYPE|actor|target`` keys of the article's events (when present);
- ``lead_actors``: canonical actor ids named in the first ``lead_sentences`` sentences: a report names its event's
  own participants first, so two events of the same kind (two deaths, two arrests) differ most there;
- ``lead_persons``: the people among them; no weight of its own: two sides whose leads name people, none the same,
  have their similarity lowered by ``persons_disagree`` (two rehab stays, two injuries of two players).

The similarity of two clusters is the weighted sum over blocks of the dot products of their *mean*
vectors, which for unit vectors is exactly the average pairwise cosine (average linkage). The actor,
event and lead blocks only count when both sides have them (weights renormalised). Time distance lowers it mildly
(storylines run for months). ``add(batch)`` runs average-link agglomeration over the batch's articles plus
the existing stories they come close to (batches of ``ADD_BATCH``: the more articles are agglomerated at once, the
less the order they arrive in counts). Two existing stories merge there too when their participants agree (an actor
named in the lead of each), so a story split early joins up once a report ties its parts: the older story keeps
its id (a story's id comes from its first article's id) and the other is listed in ``retired`` for the store to
drop. A new article left alone after agglomeration joins the story it is nearest to when it shares a lead
participant with it (``_attach_leftovers``). Near-duplicates (``dedupe.py``) follow their canonical article's
story and do not weigh on it.

A story's events (the second level: storyline -> events) are its merged events, see ``stories()``.
"""
from __future__ import annotations

import datetime as _dt
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Optional

import numpy as np
import scipy.sparse as sp

from storyline.model import Annotated, Article, Story, short_id

from . import embed as _embed
from .actors import is_unnamed
from .dedupe import DuplicateIndex
from .text import _SENT_SPLIT, _STOP, _TOKEN, _h, article_text, terms  # noqa: F401 (re-exported)
from .titles import story_title, title_defect  # noqa: F401 (re-exported)

DIM = 2 ** 18
SMALL_DIM = 2 ** 16
STATE_VERSION = 2
DICT_BLOCKS = ("actors", "events", "lead_actors", "lead_persons")
ADD_BATCH = 500           # articles agglomerated together per add(): the more at once, the less arrival order counts
                          # (ECB+ topics 1, 5, 9..: batches of 200 -> 0.913, 500 -> 0.945, = all at once); memory
                          # grows as (batch + candidate stories)^2
NEAR = 0.6                # x the threshold: a story this close to an article is compared with it at all
PSEUDO_DOCS = 50          # background documents assumed to hold none of the terms: keeps idf sane on tiny corpora

def _to_date(s: Optional[str]) -> Optional[int]:
    """Days since 0001-01-01 for YYYY-MM-DD / YYYY-MM / YYYY (None for --MM-DD or junk)."""
    if not s or s.startswith("--"):
        return None
    try:
        parts = [int(p) for p in s[:10].split("-")]
        while len(parts) < 3:
            parts.append(15 if len(parts) == 2 else 7)
        return _dt.date(*parts).toordinal()
    except (ValueError, TypeError):
        return None


@dataclass
class _Cluster:
    id: str
    n: int = 0                                   # articles that shape the cluster (copies excluded)
    words: sp.csr_matrix = None                  # sums of unit vectors
    names: sp.csr_matrix = None
    emb: np.ndarray = None
    blocks: dict = field(default_factory=dict)   # block name (DICT_BLOCKS) -> {hashed index: sum}
    counts: dict = field(default_factory=dict)   # block name -> members that had it
    lo: Optional[int] = None                     # date range (ordinal days)
    hi: Optional[int] = None
    articles: list = field(default_factory=list)


def _norm_rows(m: sp.csr_matrix) -> sp.csr_matrix:
    n = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    n[n == 0] = 1.0
    return _canon(sp.diags(1.0 / n) @ m)


def _canon(m) -> sp.csr_matrix:
    """CSR with sorted, summed indices: scipy's fast paths need it (else additions cost O(dimension))."""
    m = sp.csr_matrix(m)
    m.sum_duplicates()
    m.sort_indices()
    return m


class StoryIndex:
    """Incremental story clustering over Annotated records; state is plain JSON-able data."""

    # Block weights. On ECB+ dev with the understand stage's actors and events (B3 F1; text only: 0.902):
    # with article-level actor ids, actors 0.25 + events 0.15 -> 0.887, actors 0.1 -> 0.896. Since actors and
    # event participants carry corpus-level canonical ids (link/actors.py), linked in date order in batches of
    # 200 as the store does (all / topics 1,5,9.. / topics 3,7,11..): actors 0.1 -> 0.880 / 0.904 / 0.850,
    # actors 0.2 -> 0.888 / 0.921 / 0.849, actors 0.2 + events 0.1 -> 0.894 / 0.922 / 0.860, events 0.2 -> 0.869.
    # lead_actors (actors of the first two sentences) 0.4: chosen on topics 1, 5, 9, ... (all ECB+ linked as the
    # store does, scored on that half: 0.919 -> 0.930; 0.2 with one sentence 0.929, 0.3 with two 0.925), reported
    # on 3, 7, 11, ... (0.837 -> 0.886). Tried and left out: a penalty for reports speaking of different years
    # (0.919 -> 0.886: one event's reports cite many years), names of the lead sentences (precision 0.97 but recall
    # 0.86), and attaching an article left alone to its closest story (A 0.948, but with no actor evidence it
    # joins the other event of its kind before its own story exists: text-only 0.902 -> 0.858).
    # Issue 23 (ECB+ linked as the store does; all / topics 1,5,9.. / topics 3,7,11..; 0.895 / 0.903 / 0.885 before):
    # stories formed apart merge when their leads share a participant, a new article left alone joins the near story
    # it shares a lead participant with, and articles are agglomerated 500 at a time (all of ECB+ at once): 0.916 /
    # 0.945 / 0.881 (B's precision 0.917 -> 0.850: with every article at once, two events of one kind that batches
    # of 200 had kept apart by their arrival order join); and reports whose leads name people, none the same,
    # weigh x 0.7 (persons_disagree = 0.3; 0.3 and 0.5 tried on the first half, 0.3 kept): 0.916 / 0.929 / 0.899;
    # with this round's actors (unnamed actors left out of the blocks below): 0.920 / 0.935 / 0.903.
    WEIGHTS = {"words": 0.4, "names": 0.4, "emb": 0.2, "actors": 0.2, "events": 0.1, "lead_actors": 0.4}

    # similarity above which clusters merge, per embedding backend (measured on ECB+ dev; the hashing
    # fallback's vectors are lexical, so its similarities run lower)
    THRESHOLDS = {"onnx": 0.3, "torch": 0.3, "hash": 0.2}

    def __init__(self, threshold: Optional[float] = None, time_scale_days: float = 365.0, time_penalty: float = 0.15,
                 dedupe: bool = True, weights: Optional[Mapping[str, float]] = None,
                 lead_sentences: int = 2, consolidate: bool = True, persons_disagree: float = 0.3):
        self.threshold = threshold
        self.time_scale_days = time_scale_days
        self.time_penalty = time_penalty
        self.lead_sentences = lead_sentences
        self.consolidate = consolidate
        self.persons_disagree = persons_disagree
        self.weights = dict(self.WEIGHTS, **(weights or {}))
        self.backend: Optional[str] = None
        self.n_docs = 0
        self.df_words: Counter = Counter()
        self.df_names: Counter = Counter()
        self.assign: dict[str, str] = {}         # article id -> story id
        self.dates: dict[str, Optional[str]] = {}
        self.clusters: dict[str, _Cluster] = {}
        self.retired: set[str] = set()           # stories merged into another since this index was made / loaded
        self.dups = DuplicateIndex() if dedupe else None

    # ------------------------------------------------------------ features
    def _idf(self, df: Counter, idx: np.ndarray) -> np.ndarray:
        d = np.array([df.get(int(i), 0) for i in idx], dtype=np.float64)
        return np.log((self.n_docs + 1 + PSEUDO_DOCS) / (d + 1)) + 1.0

    def _vectorise(self, bags: list[list[str]], df: Counter) -> sp.csr_matrix:
        rows, cols, vals = [], [], []
        for r, bag in enumerate(bags):
            c = Counter(_h(t, DIM) for t in bag)
            if not c:
                continue
            idx = np.fromiter(c.keys(), dtype=np.int64)
            tf = 1.0 + np.log(np.fromiter(c.values(), dtype=np.float64))
            rows.extend([r] * len(idx))
            cols.extend(idx.tolist())
            vals.extend((tf * self._idf(df, idx)).tolist())
        m = sp.csr_matrix((vals, (rows, cols)), shape=(len(bags), DIM))
        return _norm_rows(m)

    @staticmethod
    def _unit_dict(c: Counter) -> dict:
        if not c:
            return {}
        tot = math.sqrt(sum(v * v for v in c.values()))
        return {k: v / tot for k, v in c.items()}

    def _article_blocks(self, a: Annotated) -> dict[str, dict]:
        """The small per-article blocks: canonical actors, event keys, the actors its lead names."""
        # an unnamed actor ("the jury", "the driver") is no evidence of who the story is about
        unnamed = {x.id for x in a.actors if is_unnamed(x.type, x.name, x.country)}
        counts = Counter(m.actor_id for m in a.mentions if m.actor_id and m.actor_id not in unnamed)
        if not counts:
            counts = Counter(x.id for x in a.actors)
        out = {"actors": self._unit_dict(Counter({_h(k, SMALL_DIM): 1.0 + math.log(v) for k, v in counts.items()})),
               "events": self._unit_dict(Counter(
                   _h(f"{e.type}|{e.actor_id or e.actor or ''}|{e.target_id or e.target or ''}", SMALL_DIM)
                   for e in a.events if not e.negated))}
        lead_actors = Counter(m.actor_id for m in a.mentions if m.actor_id and m.sentence < self.lead_sentences
                              and m.label not in ("PRON",) and m.actor_id not in unnamed)
        out["lead_actors"] = self._unit_dict(Counter({_h(k, SMALL_DIM): 1.0 + math.log(v)
                                                      for k, v in lead_actors.items()}))
        out["lead_persons"] = self._unit_dict(Counter({_h(m.actor_id, SMALL_DIM): 1.0 for m in a.mentions
                                                       if m.actor_id and m.sentence < self.lead_sentences
                                                       and m.label == "PERSON" and m.actor_id not in unnamed}))
        return out

    def _features(self, anns: Sequence[Annotated]):
        texts = [article_text(a.article) for a in anns]
        tw = [terms(t) for t in texts]
        for words, names in tw:
            self.df_words.update({_h(t, DIM) for t in words})
            self.df_names.update({_h(t, DIM) for t in names})
        self.n_docs += len(anns)
        W = self._vectorise([w for w, _ in tw], self.df_words)
        N = self._vectorise([n for _, n in tw], self.df_names)
        E = _embed.embed_documents(texts, max_chunks=1)
        return W, N, E, [self._article_blocks(a) for a in anns]

    # ------------------------------------------------------------ similarity
    def _time_factor(self, lo1, hi1, lo2, hi2) -> float:
        if lo1 is None or lo2 is None:
            return 1.0
        gap = max(0, lo2 - hi1, lo1 - hi2)
        return 1.0 - self.time_penalty * min(1.0, gap / self.time_scale_days)

    def _sim_matrix(self, nodes: list[_Cluster]) -> np.ndarray:
        """Average-link similarity between every pair of nodes (clusters or single articles)."""
        return self._sim_parts(nodes)[0]

    def _sim_parts(self, nodes: list[_Cluster]):
        """(``_sim_matrix``, the lead actors' dot products or None when fewer than two nodes have lead actors)."""
        n = len(nodes)
        cnt = np.array([max(1, c.n) for c in nodes], dtype=np.float64)
        W = sp.vstack([c.words for c in nodes]).tocsr()
        N = sp.vstack([c.names for c in nodes]).tocsr()
        E = np.vstack([c.emb for c in nodes])
        inv = 1.0 / np.outer(cnt, cnt)
        w = self.weights
        num = (w["words"] * (W @ W.T).toarray() + w["names"] * (N @ N.T).toarray() + w["emb"] * (E @ E.T)) * inv
        den = np.full((n, n), w["words"] + w["names"] + w["emb"])
        lead = None
        for key in DICT_BLOCKS:
            if not w.get(key):
                continue
            sim_k, both = self._dict_sim(nodes, key)
            if sim_k is None:
                continue
            if key == "lead_actors":
                lead = sim_k
            num += w[key] * sim_k * both
            den += w[key] * both
        sim = num / den
        lo = np.array([np.nan if c.lo is None else c.lo for c in nodes], dtype=np.float64)
        hi = np.array([np.nan if c.hi is None else c.hi for c in nodes], dtype=np.float64)
        gap = np.maximum(0.0, np.maximum(lo[None, :] - hi[:, None], lo[:, None] - hi[None, :]))
        factor = 1.0 - self.time_penalty * np.minimum(1.0, gap / self.time_scale_days)
        sim *= np.where(np.isnan(factor), 1.0, factor)
        if self.persons_disagree:
            persons, both = self._dict_sim(nodes, "lead_persons")
            if persons is not None:
                sim *= np.where(both & (persons <= 0.0), 1.0 - self.persons_disagree, 1.0)
        np.fill_diagonal(sim, -1.0)
        return sim, lead

    @staticmethod
    def _dict_sim(nodes: list[_Cluster], key: str):
        """(dot products of the mean vectors of block ``key``, mask of pairs where both sides have it)."""
        has = np.array([bool(c.blocks.get(key)) for c in nodes])
        if has.sum() < 2:
            return None, None
        rows, cols, vals = [], [], []
        for i, c in enumerate(nodes):
            d = c.blocks.get(key)
            if d:
                rows.extend([i] * len(d))
                cols.extend(d.keys())
                vals.extend(v / c.counts[key] for v in d.values())     # the mean vector
        M = sp.csr_matrix((vals, (rows, cols)), shape=(len(nodes), SMALL_DIM))
        return (M @ M.T).toarray(), np.outer(has, has)

    def _candidates(self, single: list[_Cluster], limit: int = 50) -> list[str]:
        """Existing stories close enough to some batch article to matter (cheap prefilter on words+names+emb)."""
        if not self.clusters:
            return []
        ids = list(self.clusters)
        cl = [self.clusters[i] for i in ids]
        cnt = np.array([c.n for c in cl], dtype=np.float64)
        W = sp.vstack([c.words for c in cl]).tocsr()
        N = sp.vstack([c.names for c in cl]).tocsr()
        E = np.vstack([c.emb for c in cl])
        bw = sp.vstack([c.words for c in single]).tocsr()
        bn = sp.vstack([c.names for c in single]).tocsr()
        be = np.vstack([c.emb for c in single])
        w = self.weights
        s = (w["words"] * (bw @ W.T).toarray() + w["names"] * (bn @ N.T).toarray() + w["emb"] * (be @ E.T)) / cnt
        s /= (w["words"] + w["names"] + w["emb"])
        keep = set()
        for row in s:
            top = np.argsort(-row)[:limit]
            keep.update(int(k) for k in top if row[k] >= self.threshold * NEAR)
        return [ids[k] for k in sorted(keep)]

    # ------------------------------------------------------------ adding
    def add(self, batch: Sequence[Annotated]) -> dict[str, str]:
        """Link a batch of new articles; returns article id -> story id for the batch's articles."""
        out: dict[str, str] = {}
        fresh, copies = [], []
        seen = set()
        for a in batch:
            aid = a.article.id
            if aid in self.assign:
                out[aid] = self.assign[aid]
                continue
            if aid in seen:
                continue
            seen.add(aid)
            canon = self.dups.add(aid, a.article.text or "") if self.dups is not None else None
            if canon is not None:
                copies.append((a, canon))
            else:
                fresh.append(a)
        if self.backend is None:
            self.backend = _embed.backend()
        if self.threshold is None:
            self.threshold = self.THRESHOLDS.get(self.backend, 0.3)
        if fresh:
            out.update(self._add_fresh(fresh))
        for a, canon in copies:
            sid = self.assign.get(canon) or out.get(canon)
            if sid is None:          # canonical not linked here: treat the copy as a fresh article
                out.update(self._add_fresh([a]))
                continue
            self.assign[a.article.id] = sid
            self.dates[a.article.id] = a.article.published
            self.clusters[sid].articles.append(a.article.id)
            d = _to_date(a.article.published)
            self._extend_dates(self.clusters[sid], d)
            out[a.article.id] = sid
        return out

    @staticmethod
    def _extend_dates(c: _Cluster, d: Optional[int]) -> None:
        if d is None:
            return
        c.lo = d if c.lo is None else min(c.lo, d)
        c.hi = d if c.hi is None else max(c.hi, d)

    def _add_fresh(self, anns: Sequence[Annotated]) -> dict[str, str]:
        W, N, E, B = self._features(anns)
        single = []
        for k, a in enumerate(anns):
            d = _to_date(a.article.published)
            single.append(_Cluster(id="", n=1, words=_canon(W[k]), names=_canon(N[k]), emb=E[k:k + 1].copy(),
                                   blocks={b: v for b, v in B[k].items() if v},
                                   counts={b: 1 for b, v in B[k].items() if v}, lo=d, hi=d, articles=[a.article.id]))
        cand = self._candidates(single)
        nodes = [self.clusters[c] for c in cand] + single
        fixed = [True] * len(cand) + [False] * len(single)
        groups = self._agglomerate(nodes, fixed)
        out = {}
        for members in groups:
            old = sorted((i for i in members if fixed[i]),
                         key=lambda i: (nodes[i].lo or 10 ** 9, min(nodes[i].articles)))
            new = [i for i in members if not fixed[i]]
            if len(old) > 1:        # stories the batch joined: the oldest keeps its id, the others end in it
                target = nodes[old[0]]
                for i in old[1:]:
                    gone = self.clusters.pop(nodes[i].id)
                    self._absorb(target, gone)
                    self.retired.add(gone.id)
                    for aid in gone.articles:
                        self.assign[aid] = target.id
                        out[aid] = target.id
            if not new:
                continue
            if old:
                target = nodes[old[0]]
            else:
                first = min((single[i - len(cand)] for i in new), key=lambda c: (c.lo or 10 ** 9, c.articles[0]))
                sid = "s" + short_id("story", first.articles[0])
                target = _Cluster(id=sid, words=sp.csr_matrix((1, DIM)), names=sp.csr_matrix((1, DIM)),
                                  emb=np.zeros((1, E.shape[1]), dtype=np.float32))
                self.clusters[sid] = target
            for i in new:
                c = nodes[i]
                self._absorb(target, c)
                for aid in c.articles:
                    self.assign[aid] = target.id
                    out[aid] = target.id
        for a in anns:
            self.dates[a.article.id] = a.article.published
        return out

    @staticmethod
    def _absorb(t: _Cluster, c: _Cluster) -> None:
        t.n += c.n
        t.words = _canon(t.words + c.words)
        t.names = _canon(t.names + c.names)
        t.emb = t.emb + c.emb
        for b, d in c.blocks.items():
            td = t.blocks.setdefault(b, {})
            for k, v in d.items():
                td[k] = td.get(k, 0.0) + v
            t.counts[b] = t.counts.get(b, 0) + c.counts[b]
        StoryIndex._extend_dates(t, c.lo)
        StoryIndex._extend_dates(t, c.hi)
        t.articles.extend(c.articles)

    def _agglomerate(self, nodes: list[_Cluster], fixed: list[bool]) -> list[list[int]]:
        """Average-link merging while the best pair is above the threshold. Two fixed nodes (stories formed
        before) merge only when ``consolidate`` and their participants agree: an actor named in the lead of one
        story's article is named in the lead of the other's (a story split early joins up once a report ties its
        parts; without actors, stories formed apart stay apart)."""
        n = len(nodes)
        if n == 0:
            return []
        raw, lead = self._sim_parts(nodes)
        first = raw.copy()
        size = np.array([max(1, c.n) for c in nodes], dtype=np.float64)
        fx = np.array(fixed, dtype=bool)
        ok = (lead > 0) if (self.consolidate and lead is not None) else np.zeros((n, n), dtype=bool)
        sim = np.where(np.outer(fx, fx) & ~ok, -1.0, raw)
        alive = np.ones(n, dtype=bool)
        members = [[i] for i in range(n)]
        while True:
            k = int(np.argmax(sim))
            i, j = divmod(k, n)
            if sim[i, j] < self.threshold:
                break
            if fx[j] and not fx[i]:
                i, j = j, i
            # merge j into i
            row = (size[i] * raw[i] + size[j] * raw[j]) / (size[i] + size[j])
            raw[i, :] = row
            raw[:, i] = row
            raw[j, :] = -1.0
            raw[:, j] = -1.0
            raw[i, i] = -1.0
            size[i] += size[j]
            fx[i] = fx[i] or fx[j]
            ok[i, :] |= ok[j, :]
            ok[:, i] = ok[i, :]
            srow = np.where(fx[i] & fx & ~ok[i], -1.0, raw[i])
            sim[i, :] = srow
            sim[:, i] = srow
            sim[j, :] = -1.0
            sim[:, j] = -1.0
            sim[i, i] = -1.0
            alive[j] = False
            members[i].extend(members[j])
            members[j] = []
        groups = [members[i] for i in range(n) if alive[i]]
        return self._attach_leftovers(groups, nodes, fixed, first, lead)

    def _attach_leftovers(self, groups: list[list[int]], nodes: list[_Cluster], fixed: list[bool],
                          sim: np.ndarray, lead: Optional[np.ndarray]) -> list[list[int]]:
        """A new article left alone joins the story it is closest to (average link) when that story is near
        (``NEAR`` x the threshold, the bar for a story to be compared at all) and shares a participant with it: one
        of the actors the article's lead names is named in the lead of one of the story's articles. Agglomeration
        alone leaves such reports apart (their wording strays from the story's), yet one shared lead participant
        and close words make them the same event far more often than not."""
        if lead is None or len(groups) < 2:
            return groups
        alone = [g for g, m in enumerate(groups) if len(m) == 1 and not fixed[m[0]] and nodes[m[0]].n == 1]
        hosts = [g for g, m in enumerate(groups) if len(m) > 1 or fixed[m[0]]]
        if not alone or not hosts:
            return groups
        size = np.array([max(1, c.n) for c in nodes], dtype=np.float64)
        M = np.zeros((len(hosts), len(nodes)))
        for r, g in enumerate(hosts):
            M[r, groups[g]] = size[groups[g]]
        rows = [groups[g][0] for g in alone]
        avg = (sim[rows] @ M.T) / M.sum(axis=1)
        shared = (lead[rows] @ (M > 0).T) > 0
        avg = np.where(shared, avg, -1.0)
        out = [list(m) for m in groups]
        for r, g in enumerate(alone):
            best = int(np.argmax(avg[r]))
            if avg[r, best] >= NEAR * self.threshold:
                out[hosts[best]].extend(out[g])
                out[g] = []
        return [m for m in out if m]

    # ------------------------------------------------------------ reading
    def story_of(self, article_id: str) -> Optional[str]:
        return self.assign.get(article_id)

    def members(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for aid, sid in self.assign.items():
            out.setdefault(sid, []).append(aid)
        return out

    def stories(self, annotated_by_id: Mapping[str, Annotated], with_summary: bool = True,
                min_articles: int = 1, merged_out: Optional[dict] = None) -> list[Story]:
        """Story records for every story whose articles are in ``annotated_by_id`` (largest first).
        ``merged_out``, when given, receives story id -> its merged events (the story's second level)."""
        from .brief import brief
        from .merge import merge_events

        out = []
        for sid, aids in self.members().items():
            anns = [annotated_by_id[a] for a in aids if a in annotated_by_id]
            if len(anns) < min_articles or not anns:
                continue
            anns.sort(key=lambda a: (a.article.published or "9999", a.article.id))
            dates = sorted(d for a in anns for d in _span_dates(a.article) if d and not d.startswith("--"))
            outlets = tuple(sorted({a.article.outlet for a in anns if a.article.outlet}))
            merged = merge_events(anns, duplicates=self.dups.canonical if self.dups else None)
            if merged_out is not None:
                merged_out[sid] = merged
            summary = tuple(brief(anns, merged=merged)) if with_summary else ()
            out.append(Story(id=sid, title=story_title(anns, merged), article_ids=tuple(a.article.id for a in anns),
                             outlets=outlets, first_date=dates[0] if dates else None,
                             last_date=dates[-1] if dates else None, summary=summary,
                             event_ids=tuple(m.event.id for m in merged)))
        out.sort(key=lambda s: (-len(s.article_ids), s.id))
        return out

    # ------------------------------------------------------------ state
    def to_state(self) -> dict:
        """Plain JSON-able data (lists, dicts, numbers); ``from_state`` rebuilds an identical index."""
        def sparse(m):
            m = m.tocsr()
            return [m.indices.tolist(), m.data.tolist()]
        return {
            "version": STATE_VERSION, "threshold": self.threshold, "time_scale_days": self.time_scale_days,
            "lead_sentences": self.lead_sentences, "consolidate": self.consolidate,
            "persons_disagree": self.persons_disagree,
            "time_penalty": self.time_penalty, "weights": self.weights, "backend": self.backend,
            "n_docs": self.n_docs,
            "df_words": [[int(k), int(v)] for k, v in self.df_words.items()],
            "df_names": [[int(k), int(v)] for k, v in self.df_names.items()],
            "assign": dict(self.assign), "dates": dict(self.dates),
            "clusters": [{"id": c.id, "n": c.n, "words": sparse(c.words), "names": sparse(c.names),
                          "emb": c.emb.ravel().tolist(),
                          "blocks": {b: [[int(k), v] for k, v in d.items()] for b, d in c.blocks.items()},
                          "counts": dict(c.counts), "lo": c.lo, "hi": c.hi, "articles": list(c.articles)}
                         for c in self.clusters.values()],
            "dups": self.dups.to_state() if self.dups is not None else None,
        }

    @classmethod
    def from_state(cls, state: dict) -> StoryIndex:
        if state.get("version") != STATE_VERSION:
            raise ValueError(f"story index state version {state.get('version')!r} is not {STATE_VERSION}: "
                             "relink from scratch")
        idx = cls(threshold=state["threshold"], time_scale_days=state["time_scale_days"],
                  time_penalty=state["time_penalty"], weights=state["weights"], dedupe=state["dups"] is not None,
                  lead_sentences=state["lead_sentences"], consolidate=state.get("consolidate", True),
                  persons_disagree=state.get("persons_disagree", 0.3))
        idx.backend = state["backend"]
        if idx.backend and _embed.backend() != idx.backend:
            raise ValueError(f"story index was built with the {idx.backend!r} embedding backend, "
                             f"but {_embed.backend()!r} is in use: relink from scratch")
        idx.n_docs = state["n_docs"]
        idx.df_words = Counter({k: v for k, v in state["df_words"]})
        idx.df_names = Counter({k: v for k, v in state["df_names"]})
        idx.assign = dict(state["assign"])
        idx.dates = dict(state["dates"])

        def sparse(p):
            return _canon(sp.csr_matrix((p[1], (np.zeros(len(p[0]), dtype=np.int64), p[0])), shape=(1, DIM)))
        for c in state["clusters"]:
            idx.clusters[c["id"]] = _Cluster(
                id=c["id"], n=c["n"], words=sparse(c["words"]), names=sparse(c["names"]),
                emb=np.array(c["emb"], dtype=np.float32).reshape(1, -1),
                blocks={b: {int(k): v for k, v in d} for b, d in c["blocks"].items()}, counts=dict(c["counts"]),
                lo=c["lo"], hi=c["hi"], articles=list(c["articles"]))
        if state["dups"] is not None:
            idx.dups = DuplicateIndex.from_state(state["dups"])
        return idx


def _span_dates(art: Article) -> tuple:
    """The dates an article adds to its story's span: its publication date, else the bounds it is known within
    (a story's span covers every article in it, the ones dated only by a range too)."""
    if art.published and not art.published.startswith("--"):
        return (art.published,)
    return tuple(d for d in (art.published_range or ()) if d)


def link_stories(annotated: Iterable[Annotated], threshold: Optional[float] = None,
                 batch_size: int = ADD_BATCH) -> dict[str, str]:
    """Convenience: article id -> story id for a whole corpus, linked in batches (ordered by date)."""
    anns = sorted(annotated, key=lambda a: (a.article.published or "9999", a.article.id))
    idx = StoryIndex(threshold=threshold)
    out = {}
    for i in range(0, len(anns), batch_size):
        out.update(idx.add(anns[i:i + batch_size]))
    return out
