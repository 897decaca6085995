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
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

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
# and memory must not grow with the store (about 2.5 KB each with the LSH bands).
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
        self._bands = BandIndex()
        self._stored: dict[str, tuple[int, np.ndarray, str]] = {}  # id -> (order, signature, original)
        self._by_order: dict[int, str] = {}
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
        self._bands.add(self._added, sig)
        self._stored[article_id] = (self._added, sig, original)
        self._by_order[self._added] = article_id
        self._added += 1
        if len(self._stored) > self.window:  # the oldest leaves: copies follow their original within days
            oldest = next(iter(self._stored))
            order = self._stored.pop(oldest)[0]
            del self._by_order[order]
            self._bands.remove(order)

    def restore(self, stored: Iterable[tuple[str, np.ndarray, str]]) -> None:
        """Reload an empty index from (article id, signature, original) in storage order: what
        `add` of each would give (the latest ``window`` kept), with one merge of the bands."""
        kept: dict[str, tuple[np.ndarray, str]] = {}
        for article_id, sig, original in stored:
            if sig[0] >= MIN_SHINGLES and article_id not in kept:
                kept[article_id] = (sig, original)
                if len(kept) > self.window:
                    kept.pop(next(iter(kept)))
        for number, (article_id, (sig, original)) in enumerate(kept.items(), self._added):
            self._stored[article_id] = (number, sig, original)
            self._by_order[number] = article_id
        self._bands.add_many(list(range(self._added, self._added + len(kept))), [sig for sig, _ in kept.values()])
        self._added += len(kept)

    def matches(self, sig: np.ndarray) -> list[tuple[str, float]]:
        """Stored articles proposed by LSH with their similarity (> 0), earliest stored first."""
        if sig[0] < MIN_SHINGLES or not self._stored:
            return []
        scored = []
        for order in sorted(self._bands.query(sig)):
            article_id = self._by_order[order]
            score = similarity(sig, self._stored[article_id][1])
            if score > 0.0:
                scored.append((article_id, score))
        return scored

    def original_of(self, sig: np.ndarray) -> tuple[str, float] | None:
        """The earliest stored copy of the text and the best match's similarity; None below threshold."""
        best = best_match(self.matches(sig), self.threshold)
        if best is None:
            return None
        original = self._stored[best[0]][2]
        LOGGER.debug("syndicated copy of %s (containment %.2f with %s)", original, best[1], best[0])
        return original, best[1]


class BandIndex:
    """MinHash LSH buckets: the numbers of the stored signatures that share a band with a query.

    The banding is datasketch's (its `MinHashLSH` picks bands and rows for LSH_JACCARD and
    NUM_PERM: 85 bands of 3 values), but its tables (a Python set per bucket) cost about 28 KB per
    signature, 2.8 GB for the WINDOW. Here a band is one 64-bit hash of its values (with the band's
    number), kept in a sorted numpy array with the signature's number (16 bytes a band, 1.4 KB a
    signature); the latest additions wait in a small unsorted array until MERGE_EVERY of them
    are inserted at once, and removed numbers are dropped in bulk (COMPACT_SHARE). A hash
    collision only proposes an extra candidate, which the containment score then rejects.
    """

    MERGE_EVERY = 256  # signatures: a merge copies the arrays once; the waiting ones are scanned per query
    COMPACT_SHARE = 0.1  # removed signatures kept in the arrays, at most, as a share of them

    def __init__(self) -> None:
        lsh = MinHashLSH(threshold=LSH_JACCARD, num_perm=NUM_PERM)
        self.bands, self.rows = lsh.b, lsh.r
        self._keys = np.empty(0, dtype=np.uint64)  # sorted
        self._numbers = np.empty(0, dtype=np.int64)  # the signature each key came from
        self._waiting: list[tuple[int, np.ndarray]] = []
        self._waiting_keys: np.ndarray | None = None  # their keys concatenated, once asked for
        self._removed: set[int] = set()

    def band_keys(self, sigs: np.ndarray) -> np.ndarray:
        """The band keys of one signature (a row of ``bands`` keys) or of a stack of them."""
        values = sigs[..., 1:1 + self.bands * self.rows].astype(np.uint64)
        values = values.reshape(values.shape[:-1] + (self.bands, self.rows))
        keys = np.arange(1, self.bands + 1, dtype=np.uint64) * _MIX_BAND
        for column in range(self.rows):
            keys = (keys ^ values[..., column]) * _MIX_VALUE  # wraps modulo 2**64, as meant
        return keys

    def add(self, number: int, sig: np.ndarray) -> None:
        self._waiting.append((number, self.band_keys(sig)))
        self._waiting_keys = None
        if len(self._waiting) >= self.MERGE_EVERY:
            self._merge()

    def add_many(self, numbers: list[int], sigs: list[np.ndarray]) -> None:
        """Many signatures at once (reloading): one merge."""
        self._merge()
        if numbers:
            keys = self.band_keys(np.stack(sigs))
            self._insert(keys.ravel(), np.repeat(np.array(numbers, dtype=np.int64), self.bands))

    def remove(self, number: int) -> None:
        self._removed.add(number)

    def query(self, sig: np.ndarray) -> set[int]:
        keys = self.band_keys(sig)
        found: set[int] = set()
        starts = np.searchsorted(self._keys, keys, side="left")
        ends = np.searchsorted(self._keys, keys, side="right")
        for start, end in zip(starts.tolist(), ends.tolist()):
            if end > start:
                found.update(self._numbers[start:end].tolist())
        if self._waiting:
            if self._waiting_keys is None:
                self._waiting_keys = np.stack([k for _, k in self._waiting])
            rows = np.isin(self._waiting_keys, keys).any(axis=1)
            found.update(self._waiting[i][0] for i in np.flatnonzero(rows).tolist())
        return found - self._removed

    def _merge(self) -> None:
        if self._waiting:
            keys = np.concatenate([k for _, k in self._waiting])
            numbers = np.repeat(np.array([n for n, _ in self._waiting], dtype=np.int64), self.bands)
            self._waiting, self._waiting_keys = [], None
            self._insert(keys, numbers)

    def _insert(self, keys: np.ndarray, numbers: np.ndarray) -> None:
        """Sorted insertion of new keys (one pass over the arrays, not a sort of the whole).
        Removed numbers are dropped once they are a COMPACT_SHARE of the stored ones; until then
        queries leave them out."""
        old_keys, old_numbers = self._keys, self._numbers
        if self._removed and len(self._removed) * self.bands >= self.COMPACT_SHARE * len(old_keys):
            removed = np.fromiter(self._removed, dtype=np.int64)
            kept = ~np.isin(old_numbers, removed)
            old_keys, old_numbers = old_keys[kept], old_numbers[kept]
            fresh = ~np.isin(numbers, removed)
            keys, numbers = keys[fresh], numbers[fresh]
            self._removed = set()
        order = np.argsort(keys)
        at = np.searchsorted(old_keys, keys[order])
        self._keys = np.insert(old_keys, at, keys[order])
        self._numbers = np.insert(old_numbers, at, numbers[order])


# Odd 64-bit multipliers (splitmix64's) spreading a band's values over the hash.
_MIX_BAND = np.uint64(0x9E3779B97F4A7C15)
_MIX_VALUE = np.uint64(0xBF58476D1CE4E5B9)


def best_match(matches: list[tuple[str, float]], threshold: float) -> tuple[str, float] | None:
    """The highest-scoring match at or above the threshold, the earliest on ties."""
    best = None
    for article_id, score in matches:
        if score >= threshold and (best is None or score > best[1]):
            best = article_id, score
    return best

