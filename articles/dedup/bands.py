"""LSH bands of a MinHash signature, as plain integers a database can index.

`ReprintIndex` keeps its bands in memory; the site keeps them in a table instead, so
every web and worker process finds candidates with one indexed query and nothing is
rebuilt at start-up. 32 bands of 4 rows put the LSH threshold at (1/32)^(1/4) ≈ 0.42,
just under the reprint threshold of 0.45, so nearly every true reprint shares a band.
"""
from __future__ import annotations

import hashlib

import numpy as np

BANDS = 32
ROWS = 4


def band_hashes(values: np.ndarray, *, bands: int = BANDS, rows: int = ROWS) -> list[int]:
    """One signed 63-bit integer per band (fits a BIGINT column)."""
    values = np.asarray(values, dtype=np.uint64)
    out = []
    for band in range(bands):
        chunk = values[band * rows:(band + 1) * rows].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "big")).digest()
        out.append(int.from_bytes(digest, "big") >> 1)
    return out


def to_bytes(values: np.ndarray) -> bytes:
    return np.asarray(values, dtype=np.uint32).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=np.uint32)


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The share of equal positions: MinHash's estimate of the two texts' Jaccard similarity."""
    if len(a) != len(b) or not len(a):
        return 0.0
    return float(np.count_nonzero(np.asarray(a) == np.asarray(b))) / len(a)
