"""Near-copies of articles: a MinHash signature and its LSH band keys.

A syndicated wire story reaches many sites with small edits (a headline line, a byline,
a sentence cut), so the exact-copy dedup of the read stage (same URL, title and text)
keeps every one of them. A MinHash (datasketch's) of the article's word 5-shingles
estimates the Jaccard similarity of two articles as the share of positions where their
signatures agree; cut into bands, it gives keys two articles share when they are likely
near-copies (locality-sensitive hashing), so DuckDB finds candidates with an equi-join
instead of comparing every pair. With 16 bands of 8 rows, articles of similarity 0.8
share a band with probability 0.95, of 0.9 with 0.9999, of 0.5 with 0.06.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from newsbeam.transforms.matching.text import folded_words

#: Words per shingle: five words rarely repeat by chance between unrelated articles.
SHINGLE_WORDS = 5
BANDS = 16
ROWS_PER_BAND = 8
NUM_PERM = BANDS * ROWS_PER_BAND
#: datasketch's hashing scheme, fixed: signatures written by one run compare with later ones.
_SCHEME = "affine32"
_SEED = 1


@dataclass(frozen=True)
class NearCopySignature:
    """`values`: the MinHash (NUM_PERM 32-bit values); `bands`: one key per band."""

    values: list[int]
    bands: list[str]


@functools.cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The hash permutations, made once: every MinHash of a run must share them."""
    return MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations


def near_copy_signature(text: str) -> NearCopySignature:
    """The signature of an article's cleaned text; empty when it has under SHINGLE_WORDS
    words (no shingle: every such article would look alike)."""
    words = folded_words(text)
    shingles = {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }
    if not shingles:
        return NearCopySignature([], [])
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME, permutations=_permutations())
    minhash.update_batch(list(shingles))
    values = minhash.hashvalues.astype(np.uint32)
    bands = [
        f"{band:02d}-"
        + hashlib.blake2b(
            values[band * ROWS_PER_BAND : (band + 1) * ROWS_PER_BAND].tobytes(), digest_size=8
        ).hexdigest()
        for band in range(BANDS)
    ]
    return NearCopySignature([int(v) for v in values], bands)
