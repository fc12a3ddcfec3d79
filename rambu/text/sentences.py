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


# A tag that seeks agreement with what the sentence has just asserted ("masih suka potong kepala kan?", "ya gak?"):
# the sentence asserts, unless it also asks with a question word
TAGS = frozenset({("kan",), ("bukan",), ("toh",), ("kan", "ya"), ("ya", "tidak"), ("iya", "tidak")})
QUESTION_WORDS = frozenset({"apa", "apakah", "siapa", "kenapa", "mengapa", "bagaimana", "gimana", "berapa", "kapan",
                            "mana", "dimana", "benarkah", "betulkah", "bener", "benar"})


def asked_sentences(doc: Normalized, ids: list[int] | None = None, tags: bool = False) -> frozenset[int]:
    """The sentences (as numbered by `sentence_ids`, passed in when known) that hold a question mark; with
    `tags`, not those whose question mark only follows a tag asking to agree (`TAGS`)."""
    ids = sentence_ids(doc) if ids is None else ids
    toks = doc.tokens
    # a question mark ends its sentence, so each sentence holds at most one
    return frozenset(ids[i] for i, t in enumerate(toks) if t.norm == "?" and not (tags and _tagged(toks, ids, i)))


def _tagged(toks, ids: list[int], q: int) -> bool:
    words = []  # the sentence's words, last first
    for k in range(q - 1, -1, -1):
        if ids[k] != ids[q]:
            break
        if toks[k].kind == "word":
            words.append(k)
    last = tuple(toks[k].norm for k in reversed(words[:2]))
    return (last[-1:] in TAGS or last in TAGS) and not any(toks[k].norm in QUESTION_WORDS for k in words)
