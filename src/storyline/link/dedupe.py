"""Near-duplicates: syndicated copies and re-posts of one text, found with MinHash + LSH (datasketch).

A copy is attached to the first article seen with that text (its *canonical*), so a wire story re-posted
by ten sites counts as one source. The index is incremental and serialisable to plain JSON
(``to_state``/``from_state``); the LSH buckets are rebuilt from the stored signatures on load.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Optional

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

SCHEME = "affine32"          # datasketch's hashing scheme, pinned so stored signatures stay comparable
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def shingles(text: str, k: int = 5) -> set[bytes]:
    """Word k-shingles of the lower-cased text (whole text when shorter than k words)."""
    words = _WORD.findall((text or "").lower())
    if len(words) < k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


class DuplicateIndex:
    """``add(article_id, text) -> canonical_id | None``: the id of an earlier near-copy, or None.

    ``threshold`` is the estimated Jaccard similarity of word 5-shingles above which two texts are copies
    (0.7 tolerates a changed headline, a dateline, a trailing "Reporting by" line or a few edited words).
    """

    def __init__(self, threshold: float = 0.7, num_perm: int = 128, shingle: int = 5, min_words: int = 20):
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle
        self.min_words = min_words
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._sig: dict[str, np.ndarray] = {}
        self.canonical: dict[str, str] = {}      # article id -> canonical id (only for copies)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._sig or article_id in self.canonical

    def _minhash(self, text: str) -> Optional[MinHash]:
        sh = shingles(text, self.shingle)
        if len(sh) < max(1, self.min_words - self.shingle + 1):
            return None                                # too short to call anything a copy
        m = MinHash(num_perm=self.num_perm, seed=1, scheme=SCHEME)
        m.update_batch(list(sh))
        return m

    def add(self, article_id: str, text: str) -> Optional[str]:
        if article_id in self.canonical:
            return self.canonical[article_id]
        if article_id in self._sig:
            return None
        m = self._minhash(text)
        if m is None:
            self._sig[article_id] = np.zeros(0, dtype=np.uint64)
            return None
        best, best_j = None, 0.0
        for other in self._lsh.query(m):
            j = float(np.mean(m.hashvalues == self._sig[other]))     # estimated Jaccard similarity
            if j >= self.threshold and (j > best_j or (j == best_j and other < best)):
                best, best_j = other, j
        if best is not None:
            canon = self.canonical.get(best, best)
            self.canonical[article_id] = canon
            return canon
        self._sig[article_id] = m.hashvalues.copy()
        self._lsh.insert(article_id, m)
        return None

    def add_many(self, items: Iterable[tuple[str, str]]) -> dict[str, Optional[str]]:
        return {aid: self.add(aid, text) for aid, text in items}

    def canonical_of(self, article_id: str) -> str:
        return self.canonical.get(article_id, article_id)

    def groups(self) -> dict[str, list[str]]:
        """canonical id -> [canonical id, copies...] for every group with at least one copy."""
        out: dict[str, list[str]] = {}
        for copy, canon in sorted(self.canonical.items()):
            out.setdefault(canon, [canon]).append(copy)
        return out

    # ------------------------------------------------------------ state
    def to_state(self) -> dict:
        return {"threshold": self.threshold, "num_perm": self.num_perm, "shingle": self.shingle,
                "min_words": self.min_words,
                "signatures": {k: [int(x) for x in v] for k, v in self._sig.items()},
                "canonical": dict(self.canonical)}

    @classmethod
    def from_state(cls, state: dict) -> DuplicateIndex:
        idx = cls(threshold=state["threshold"], num_perm=state["num_perm"], shingle=state["shingle"],
                  min_words=state.get("min_words", 20))
        for k, v in state["signatures"].items():
            arr = np.array(v, dtype=np.uint64)
            idx._sig[k] = arr
            if len(arr):
                idx._lsh.insert(k, LeanMinHash(seed=1, hashvalues=arr, scheme=SCHEME))   # no permutations to rebuild
        idx.canonical = dict(state["canonical"])
        return idx


def group_duplicates(items: Iterable[tuple[str, str]], threshold: float = 0.7) -> dict[str, str]:
    """article id -> canonical id for every (id, text) in ``items`` (canonical ids map to themselves)."""
    idx = DuplicateIndex(threshold=threshold)
    out = {}
    for aid, text in items:
        out[aid] = idx.add(aid, text) or aid
    return out
