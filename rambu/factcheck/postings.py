"""The fact-check index's numeric arrays, built within a fixed memory budget.

A register of a million claims holds about eight million (claim, term) pairs.
As Python lists or as one global sort they cost several hundred megabytes at
the peak of the build; here they live in numpy arrays and typed ``array``
buffers, and the work that needs temporaries (the posting lists, the claim
norms) goes a slice of claims at a time, so the temporaries stay a few
megabytes whatever the register's size.
"""
from __future__ import annotations

from array import array

import numpy as np

_SLICE = 1 << 15  # claims per slice: ~250,000 (claim, term) pairs, ~15 MB of temporaries


class Numbering(dict):
    """Keys numbered 0, 1, 2, ... as first looked up (``numbering[key]``: a C-level lookup in the common case)."""

    def __missing__(self, key) -> int:
        self[key] = n = len(self)
        return n


class Ragged:
    """Rows of int32 ids (a claim's terms, its stems), appended in order; ``ptr[i]:ptr[i + 1]`` is row i."""

    def __init__(self) -> None:
        self.ids = array("i")
        self.sizes = array("i")

    def add(self, row) -> None:
        self.ids.extend(row)
        self.sizes.append(len(row))


def merge_rows(parts: list[tuple[Ragged, list[int]]]) -> tuple[np.ndarray, np.ndarray]:
    """The parts' rows as one (ids, ptr); each part's local ids are mapped through its list of global ids.

    Empties `parts`, letting go of each part once it is copied: a forked build receives all of them at once.
    """
    rows, gids = parts[0]
    if len(parts) == 1 and gids == list(range(len(gids))):  # one part, numbered as the whole: no copy
        parts.clear()
        return _view(rows.ids), offsets(_view(rows.sizes))
    ids = np.empty(sum(len(r.ids) for r, _ in parts), dtype=np.int32)
    sizes = np.empty(sum(len(r.sizes) for r, _ in parts), dtype=np.int32)
    a = b = 0
    while parts:
        rows, gids = parts.pop(0)
        np.take(np.asarray(gids, dtype=np.int32), _view(rows.ids), out=ids[a:a + len(rows.ids)])
        sizes[b:b + len(rows.sizes)] = _view(rows.sizes)
        a, b = a + len(rows.ids), b + len(rows.sizes)
    return ids, offsets(sizes)


def _view(buf: array) -> np.ndarray:
    return np.frombuffer(buf, dtype=np.int32) if len(buf) else np.zeros(0, dtype=np.int32)


def offsets(sizes: np.ndarray) -> np.ndarray:
    ptr = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=ptr[1:])
    return ptr


def term_counts(ct_ids: np.ndarray, nt: int) -> np.ndarray:
    """How many claims have each term (``np.bincount`` would first copy all the ids to int64)."""
    counts = np.zeros(nt, dtype=np.int64)
    step = _SLICE * 8
    for a in range(0, len(ct_ids), step):
        counts += np.bincount(ct_ids[a:a + step], minlength=nt)
    return counts


def postings(ct_ids: np.ndarray, ct_ptr: np.ndarray, counts: np.ndarray,
             weights: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(posting pointers, posting claim ids, claim norms).

    Each term's claims come in increasing order, exactly as one stable argsort of all the
    pairs would give them; a claim's norm is the sum of its terms' weights, added in the
    claim's term order (as ``np.add.at`` would).
    """
    n, nt = len(ct_ptr) - 1, len(counts)
    post_ptr = offsets(counts)
    post_ids = np.empty(len(ct_ids), dtype=np.int32)
    norms = np.zeros(n)
    free = post_ptr[:-1].copy()  # each term's next free slot
    for lo in range(0, n, _SLICE):
        hi = min(n, lo + _SLICE)
        a, b = int(ct_ptr[lo]), int(ct_ptr[hi])
        ids = ct_ids[a:b]
        claims = np.repeat(np.arange(lo, hi, dtype=np.int32), np.diff(ct_ptr[lo:hi + 1]))
        norms[lo:hi] = np.bincount(claims - lo, weights=weights.take(ids), minlength=hi - lo)
        order = np.argsort(ids, kind="stable")
        sids = ids.take(order)
        c = np.bincount(ids, minlength=nt)
        first = np.cumsum(c) - c  # where each term's run starts in this slice's sorted pairs
        post_ids[free.take(sids) + (np.arange(len(sids)) - first.take(sids))] = claims.take(order)
        free += c
    return post_ptr, post_ids, norms


class Bits:
    """A dense 0/1 membership of every claim in a term, eight claims a byte."""

    __slots__ = ("packed",)

    def __init__(self, claims: np.ndarray, n: int) -> None:
        arr = np.zeros(n, dtype=np.uint8)
        arr[claims] = 1
        self.packed = np.packbits(arr, bitorder="little")

    def take(self, byte: np.ndarray, bit: np.ndarray) -> np.ndarray:
        """Membership (uint8 0/1) of the claims ``8 * byte + bit``."""
        return (self.packed.take(byte) >> bit) & 1  # `bit` as uint8 keeps this uint8, as the unpacked array was
