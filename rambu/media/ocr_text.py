"""Cleaning OCR output before it is screened like the author's words.

Meme captions are upper case, OCR confuses look-alike characters inside
capitals ("BENDERA lNl" with a lower-case L, "P0S" with a zero) and drops the
space between words ("BENDERAINI"). The text normaliser already folds case,
leetspeak and slang; here we only repair what OCR breaks: look-alikes inside
capital words and glued words, split where every part is an Indonesian word
(PySastrawi's root-word list, rambu's slang table, affixed forms of both).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from ..text import WORD_CACHE
from ..text.lexicon import _strip_affixes
from ..text.slang import SLANG

_CAPS_WORD_RE = re.compile(r"\b[A-Z0-9l|]*[A-Z][A-Z0-9l|]*\b")
_LOOKALIKE = str.maketrans({"l": "I", "|": "I", "0": "O", "1": "I", "5": "S"})
_GLUED_RE = re.compile(r"[A-Za-z]{7,}")
_EXTRA_WORDS = ("ini", "itu", "aja", "nya", "ya", "yg", "gw", "gue", "lu", "dong", "deh", "sih", "kok", "kan",
                "nih", "tuh", "mau", "lah", "pun", "kah", "si", "sang", "para", "buat", "sama", "jam", "pos",
                "lap", "wkwk", "anjay", "banget", "cuma", "kayak", "pake", "bikin", "lagi", "udah")


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    words: set[str] = set(_EXTRA_WORDS)
    try:
        import Sastrawi
        path = Path(Sastrawi.__file__).parent / "Stemmer" / "data" / "kata-dasar.txt"
        words.update(w.strip() for w in path.read_text(encoding="utf-8").split() if w.strip().isalpha())
    except (ImportError, OSError):
        pass
    for k, v in SLANG.items():
        words.add(k)
        words.update(v.split())
    return frozenset(w for w in words if len(w) >= 2)


def _known(w: str) -> bool:
    vocab = vocabulary()
    return w in vocab or any(s in vocab for s in _strip_affixes(w))


@lru_cache(maxsize=WORD_CACHE)
def split_glued(word: str) -> str:
    """'BENDERAINI' -> 'BENDERA INI'; a word that is known, or that cannot be split into known words
    of at least 3 letters (2 for particles), is returned as it is."""
    low = word.lower()
    if _known(low):
        return word
    n = len(low)
    best: list[list[int] | None] = [None] * (n + 1)  # best[i]: cut positions for low[:i], fewest parts
    best[0] = []
    for i in range(1, n + 1):
        for j in range(max(0, i - 20), i):
            part = low[j:i]
            if best[j] is None or len(part) < 2 or (len(part) == 2 and part not in _EXTRA_WORDS):
                continue
            if not _known(part):
                continue
            cand = best[j] + [i]
            if best[i] is None or len(cand) < len(best[i]):
                best[i] = cand
    cuts = best[n]
    if not cuts or len(cuts) == 1 or len(cuts) > 3:
        return word
    out, prev = [], 0
    for c in cuts:
        out.append(word[prev:c])
        prev = c
    return " ".join(out)


def clean_line(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = "".join(c if c.isprintable() else " " for c in text)
    text = " ".join(text.split())
    text = _CAPS_WORD_RE.sub(_fix_caps, text)
    return _GLUED_RE.sub(lambda m: split_glued(m.group()), text)


def _fix_caps(m: re.Match) -> str:
    """Look-alikes inside a capital word: 'lNl' -> 'INI', 'P0S' -> 'POS'; numbers stay numbers."""
    w = m.group()
    upper = sum(c.isupper() for c in w)
    if len(w) < 3 or upper == 0 or upper + w.count("l") + w.count("|") < (len(w) + 1) // 2:
        return w
    out = []
    for i, c in enumerate(w):
        if c.isdigit():  # only a digit between two letters stands for a letter ("P0S", not "COVID19")
            between = 0 < i < len(w) - 1 and w[i - 1].isalpha() and w[i + 1].isalpha()
            out.append(c.translate(_LOOKALIKE) if between else c)
        else:
            out.append(c.translate(_LOOKALIKE))
    return "".join(out)
