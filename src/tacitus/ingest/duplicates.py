"""Near-duplicate articles (the same wire story in many outlets) with MinHash.

An article is a near-duplicate of an earlier one when the estimated Jaccard
similarity of their word 5-gram sets reaches ``threshold`` (0.8 by default).
The index is built from signatures (``signature_bytes``) so that a store can
rebuild it without re-reading the texts.
"""
from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SHINGLE_WORDS = 5
DEFAULT_THRESHOLD = 0.8

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The set of lower-cased word n-grams of ``text`` (the whole text if shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def minhash(text: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=1)
    m.update_batch(list(shingles(text)))
    return m


def signature_bytes(m: MinHash) -> bytes:
    return m.hashvalues.astype(np.uint64).tobytes()


def from_signature(data: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=np.frombuffer(data, dtype=np.uint64))


class NearDuplicateIndex:
    """Articles seen so far; ``find`` names the one a text duplicates.

    The answer depends only on the set of articles added, not on their order:
    the most similar one wins, ties going to the smallest key.
    """

    def __init__(self, threshold: float = DEFAULT_THRESHOLD):
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._hashes: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._hashes)

    def __contains__(self, key: str) -> bool:
        return key in self._hashes

    def add(self, key: str, m: MinHash) -> None:
        if key in self._hashes:
            return
        self._hashes[key] = m
        self._lsh.insert(key, m)

    def signature(self, key: str) -> MinHash | None:
        return self._hashes.get(key)

    def find(self, m: MinHash) -> tuple[str, float] | None:
        """(key, estimated similarity) of the closest near-duplicate, or None."""
        best = None
        for key in self._lsh.query(m):
            similarity = m.jaccard(self._hashes[key])
            if similarity >= self.threshold and (
                best is None or (-similarity, key) < (-best[1], best[0])
            ):
                best = (key, similarity)
        return best
