"""Lexical overlap: hashed character 4-grams weighted by an online IDF.

Character n-grams match names and numbers across inflections and spelling variants where the
embedding is weak (Arabic pairs in SemEval-2022: char TF-IDF r=0.42 vs USE cosine 0.34).
Swept on that file: 4-grams alone ≈ 3-5-grams, 2-4 and 3-3 lower; hashing into 2^20 buckets
loses nothing measurable. IDF is kept online: document frequencies of every stored article.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass

import numpy as np

N_BUCKETS = 1 << 20
NGRAM = 4

_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ـ": None})
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


@dataclass(frozen=True)
class LexicalSignature:
    """Sorted unique bucket ids and their sublinear term frequencies."""

    buckets: np.ndarray  # int32
    weights: np.ndarray  # float32, 1 + log(tf)


def fold(text: str) -> str:
    """Lowercase, strip diacritics and harakat, unify Arabic letter variants."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_ARABIC_FOLD)


def signature(text: str) -> LexicalSignature:
    """Character 4-grams inside words (padded with spaces), hashed."""
    words = _NON_WORD.sub(" ", fold(text)).split()
    grams: list[int] = []
    for word in words:
        padded = f" {word} "
        grams.extend(zlib.crc32(padded[i:i + NGRAM].encode()) & (N_BUCKETS - 1)
                     for i in range(max(1, len(padded) - NGRAM + 1)))
    if not grams:
        return LexicalSignature(np.zeros(0, np.int32), np.zeros(0, np.float32))
    buckets, counts = np.unique(np.asarray(grams, dtype=np.int64), return_counts=True)
    return LexicalSignature(buckets.astype(np.int32), (1.0 + np.log(counts)).astype(np.float32))


class DocumentFrequencies:
    """Online document frequencies of hashed n-grams, for IDF weights (sklearn's smooth idf)."""

    def __init__(self) -> None:
        self.counts = np.zeros(N_BUCKETS, dtype=np.int32)
        self.documents = 0

    def add(self, sig: LexicalSignature) -> None:
        self.counts[sig.buckets] += 1
        self.documents += 1

    def idf(self, buckets: np.ndarray) -> np.ndarray:
        return np.log((1.0 + self.documents) / (1.0 + self.counts[buckets])) + 1.0


def similarity(a: LexicalSignature, b: LexicalSignature, df: DocumentFrequencies) -> float:
    """Cosine of the two TF-IDF vectors."""
    if a.buckets.size == 0 or b.buckets.size == 0:
        return 0.0
    wa = a.weights * df.idf(a.buckets)
    wb = b.weights * df.idf(b.buckets)
    common, ia, ib = np.intersect1d(a.buckets, b.buckets, assume_unique=True, return_indices=True)
    if common.size == 0:
        return 0.0
    return float(np.dot(wa[ia], wb[ib]) / (np.linalg.norm(wa) * np.linalg.norm(wb)))
