"""Near-duplicates: syndicated copies of one wire story, linked to the earliest stored copy.

A copy differs from its original by site chrome, headline, a trimmed ending and small edits, so
it is found on the normalised BODY text (never the title) with MinHash over word shingles
(datasketch). Candidates come from MinHash LSH, so a query costs the same whatever the index
size; each is then scored by estimated containment (shared shingles over the smaller side's):
a copy cut to its first two thirds, with a few edits, has a Jaccard of only 0.4-0.6 with the whole.

A signature is a pure function of the text, stored as bytes: SIGNATURE_DTYPE (little-endian
uint32), ``[distinct shingle count, NUM_PERM MinHash values]`` (``to_bytes``/``from_bytes``).
The same datasketch scheme, SEED and NUM_PERM give the same bytes in every process (with the same
Unicode version in ``unicodedata``, for characters assigned since).
"""

from __future__ import annotations

import logging
import re
import unicodedata

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

LOGGER = logging.getLogger(__name__)

# Measured with newsweave.eval.syndication on SemEval-2022 dev (947 real articles, a generated
# copy of each plus the file's 9 real copies; out-of-fold, 5 folds by pair id).
NUM_PERM = 256  # 128: F1 0.9942 with 3 false links (noisier containment); 512: 0.9958, twice the bytes
SEED = 1
SCHEME = "affine32"  # datasketch >= 2.0; sketches of another scheme cannot be compared
SIGNATURE_DTYPE = np.dtype("<u4")

WORD_NGRAM = 3  # 2 / 3 / 4: mean F1 0.9948 / 0.9953 / 0.9939 over 6 seeds of the copy edits
# Unspaced scripts: ~3 Chinese words. Copies of the zh/ja pages of extraction_dev: 0.92-0.99, others 0.
CHAR_NGRAM = 5
# ~27 words: a sentence or two never matches. 15 / 40: F1 0.9958 / 0.9973 (16 fewer articles matchable).
MIN_SHINGLES = 25
# Signatures kept in memory, the most recent: wire copies appear within days of their original,
# and memory must not grow with the store (about 2 KB each with the LSH tables).
WINDOW = 100_000
LSH_JACCARD = 0.2  # 0.3 misses trimmed copies (their recall 0.955 vs 0.987); 0.15: same F1, more candidates
# (swept 0.4-0.95 by 5-fold CV, picked by F0.5 on 4 folds: 0.55-0.575; out-of-fold P 0.9989, R 0.9937,
# F1 0.9963. The closest real non-copy, two announcements built on one press release, scores 0.570.)
THRESHOLD = 0.575


def _fold_table() -> dict[int, str | None]:
    """One str.translate table: marks out, digits to ASCII, non-word to space, Arabic forms unified.

    Planes 0, 1 and 14 hold every mark, digit, punctuation and symbol; planes 2-3 are ideographs.
    """
    table: dict[int, str | None] = {}
    for code in (*range(0x20000), *range(0xE0000, 0xE1000)):
        category = unicodedata.category(chr(code))
        if category in ("Mn", "Me", "Cf"):  # harakat, niqqud, accents after NFKD; ZWJ, bidi marks
            table[code] = None
        elif category == "Nd":
            table[code] = str(unicodedata.decimal(chr(code)))
        elif category[0] in "PSZ" or category == "Cc":
            table[code] = " "
    # Keyboard and spelling variants outlets use interchangeably (hamza seats go with the marks).
    table.update({ord("ـ"): None, ord("ٱ"): "ا", ord("ى"): "ي", ord("ی"): "ي", ord("ک"): "ك",
                  ord("ة"): "ه"})
    return table


_FOLD = _fold_table()
_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf"
                       "\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


def normalise(text: str) -> list[str]:
    """Words of the text, compared script-blind: NFKC, casefold, no marks, letters and digits only."""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return unicodedata.normalize("NFC", folded.translate(_FOLD)).split()


def shingles(text: str) -> set[str]:
    """Word 3-grams; character 5-grams when most letters are in a script written without spaces."""
    words = normalise(text)
    joined = "".join(words)
    if len(_UNSPACED.findall(joined)) * 2 > len(joined):
        return {joined[i:i + CHAR_NGRAM] for i in range(len(joined) - CHAR_NGRAM + 1)}
    return {" ".join(words[i:i + WORD_NGRAM]) for i in range(len(words) - WORD_NGRAM + 1)}


def signature(text: str) -> np.ndarray:
    """``[distinct shingle count, NUM_PERM MinHash values]`` of the body text, as SIGNATURE_DTYPE."""
    grams = shingles(text)
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=_PERMUTATIONS, scheme=SCHEME)
    minhash.update_batch(gram.encode("utf-8") for gram in grams)
    return np.concatenate(([len(grams)], minhash.hashvalues)).astype(SIGNATURE_DTYPE)


def to_bytes(sig: np.ndarray) -> bytes:
    """The stored form: (NUM_PERM + 1) little-endian uint32."""
    return sig.astype(SIGNATURE_DTYPE).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    sig = np.frombuffer(data, dtype=SIGNATURE_DTYPE)
    if sig.size != NUM_PERM + 1:
        raise ValueError(f"a syndication signature has {NUM_PERM + 1} values, got {sig.size}")
    return sig


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated containment: shared shingles over the smaller text's, from MinHash Jaccard and sizes.

    0.0 when either text is too short, or when the Jaccard is below LSH_JACCARD: there the sizes
    differ so much that the estimate is mostly noise (and LSH would not propose the pair anyway).
    """
    size_a, size_b = int(a[0]), int(b[0])
    if min(size_a, size_b) < MIN_SHINGLES:
        return 0.0
    jaccard = float(np.count_nonzero(a[1:] == b[1:])) / NUM_PERM
    if jaccard < LSH_JACCARD:
        return 0.0
    # |A∩B| = J/(1+J)·(|A|+|B|)
    return min(1.0, jaccard / (1.0 + jaccard) * (size_a + size_b) / min(size_a, size_b))


class SyndicationIndex:
    """Online index of stored bodies: which earlier article is a text a copy of?

    A copy is linked to the best-matching stored article, or to that one's own original when it
    is itself a copy: the earliest stored copy of the text. Best rather than earliest match,
    because an older article that shares a paragraph with the copy can clear the threshold too
    (a trimmed copy of one of two announcements built on one press release: 0.71 with the other,
    0.93 with its own). Texts with fewer than MIN_SHINGLES shingles are neither stored nor matched.
    """

    def __init__(self, threshold: float = THRESHOLD, window: int = WINDOW) -> None:
        self.threshold = threshold
        self.window = window
        self._lsh = MinHashLSH(threshold=LSH_JACCARD, num_perm=NUM_PERM)
        self._stored: dict[str, tuple[int, np.ndarray, str]] = {}  # id -> (order, signature, original)
        self._added = 0

    def __len__(self) -> int:
        return len(self._stored)

    def add(self, article_id: str, sig: np.ndarray, original: str | None = None) -> None:
        """Store an article's signature, linked to its original if it is a copy: looked up, or
        ``original`` when known (reloading what the store recorded; the article's own id if none).

        Adding an id again, or too short a text, does nothing.
        """
        if sig[0] < MIN_SHINGLES or article_id in self._stored:
            return
        if original is None:
            found = self.original_of(sig)
            original = found[0] if found else article_id
        self._lsh.insert(article_id, _minhash(sig))
        self._stored[article_id] = (self._added, sig, original)
        self._added += 1
        if len(self._stored) > self.window:  # the oldest leaves: copies follow their original within days
            oldest = next(iter(self._stored))
            del self._stored[oldest]
            self._lsh.remove(oldest)

    def matches(self, sig: np.ndarray) -> list[tuple[str, float]]:
        """Stored articles proposed by LSH with their similarity (> 0), earliest stored first."""
        if sig[0] < MIN_SHINGLES or not self._stored:
            return []
        scored = []
        for article_id in self._lsh.query(_minhash(sig)):
            order, stored, _ = self._stored[article_id]
            score = similarity(sig, stored)
            if score > 0.0:
                scored.append((order, article_id, score))
        return [(article_id, score) for _, article_id, score in sorted(scored)]

    def original_of(self, sig: np.ndarray) -> tuple[str, float] | None:
        """The earliest stored copy of the text and the best match's similarity; None below threshold."""
        best = best_match(self.matches(sig), self.threshold)
        if best is None:
            return None
        original = self._stored[best[0]][2]
        LOGGER.debug("syndicated copy of %s (containment %.2f with %s)", original, best[1], best[0])
        return original, best[1]


def best_match(matches: list[tuple[str, float]], threshold: float) -> tuple[str, float] | None:
    """The highest-scoring match at or above the threshold, the earliest on ties."""
    best = None
    for article_id, score in matches:
        if score >= threshold and (best is None or score > best[1]):
            best = article_id, score
    return best


def _minhash(sig: np.ndarray) -> LeanMinHash:
    return LeanMinHash(seed=SEED, hashvalues=sig[1:], scheme=SCHEME)
