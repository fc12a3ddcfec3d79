"""Where a normalised text's sentences begin and end, for the detectors that read a sentence at a time."""
from __future__ import annotations

from .normalize import Normalized

BREAKS = frozenset({".", "!", "?", "\n", ";"})


def sentence_ids(doc: Normalized) -> list[int]:
    """The sentence of each token (line breaks end sentences too); a break belongs to the sentence it ends."""
    ids, cur = [], 0
    for t in doc.tokens:
        ids.append(cur)
        if t.kind == "punct" and t.norm in BREAKS:
            cur += 1
    return ids


def asked_sentences(doc: Normalized, ids: list[int] | None = None) -> frozenset[int]:
    """The sentences (as numbered by `sentence_ids`, passed in when known) that hold a question mark."""
    ids = sentence_ids(doc) if ids is None else ids
    return frozenset(ids[i] for i, t in enumerate(doc.tokens) if t.norm == "?")
