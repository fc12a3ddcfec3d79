"""Featurizer shared by training and inference (no train/serve skew).

Both `rambu train` and `TextClassifier.predict` go through the same two steps:

1. ``rambu.text.normalize.normalize(text)`` gives a `Normalized`;
2. ``extract(doc, config)`` turns its tokens into two bags of feature strings:

   - *word* features: word unigrams and bigrams over the tokens of kind
     word / hashtag / number / emoji (their ``norm``); bigrams do not cross
     sentence punctuation (``. ! ? ; newline``); mentions and URLs are ignored;
   - *char* features: character n-grams (default 2..5) of every word or hashtag,
     padded with a space on each side, so they never cross word boundaries.

The weighting is TF-IDF: sublinear term frequency (1 + ln tf) times a smoothed
idf, L2-normalised per block (word block and char block separately). Training
(`rambu.training.train.transform`, scipy) and inference
(`rambu.classify.model.TextClassifier.vectors`, numpy) compute the same numbers;
tests/test_classifier.py checks that they agree. This module imports only the
standard library.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Mapping

from ..text.normalize import Normalized

FEATURE_KINDS = frozenset(("word", "hashtag", "number", "emoji"))
CHAR_KINDS = frozenset(("word", "hashtag"))
BREAK_KIND = "punct"

DEFAULT_CONFIG: dict = {
    "word_ngrams": [1, 2],
    "char_ngrams": [2, 5],
    "char_max_word_len": 24,  # longer "words" (glued text, ids) only give n-grams of their first 24 chars
    "sublinear_tf": True,
    "max_tokens": 400,  # very long posts: only the first 400 feature tokens count
}


# Small on purpose: classifiers keep their own ids per word (`TextClassifier._char_ids`), so this only spares
# recomputing a word's n-grams for the next classifier; at 200,000 words its strings were most of the memory a
# screening process gained on new words.
@lru_cache(maxsize=8_192)
def _char_grams(word: str, nmin: int, nmax: int, maxlen: int) -> tuple[str, ...]:
    w = " " + word[:maxlen] + " "
    n_chars = len(w)
    out: list[str] = []
    for n in range(nmin, nmax + 1):
        if n > n_chars:
            break
        out.extend(w[i:i + n] for i in range(n_chars - n + 1))
    return tuple(out)


def char_grams(word: str, config: Mapping = DEFAULT_CONFIG) -> tuple[str, ...]:
    """Character n-grams of one word, padded with a space on each side (with repeats)."""
    cmin, cmax = config["char_ngrams"]
    return _char_grams(word, cmin, cmax, config["char_max_word_len"])


def units(doc: Normalized, config: Mapping = DEFAULT_CONFIG) -> tuple[list[str], list[str]]:
    """Word-level features (n-grams of token norms, with repeats) and the words whose char n-grams count."""
    wmin, wmax = config["word_ngrams"]
    limit = config["max_tokens"]
    words: list[str] = []
    char_words: list[str] = []
    prev: str | None = None
    n = 0
    for t in doc.tokens:
        kind = t.kind
        if kind in FEATURE_KINDS:
            norm = t.norm
            if not norm:
                continue
            n += 1
            if n > limit:
                break
            if wmin <= 1:
                words.append(norm)
            if wmax >= 2 and prev is not None:
                words.append(prev + " " + norm)
            prev = norm
            if kind in CHAR_KINDS:
                char_words.append(norm)
        elif kind == BREAK_KIND:
            prev = None
    return words, char_words


def extract(doc: Normalized, config: Mapping = DEFAULT_CONFIG) -> tuple[list[str], list[str]]:
    """Word-level and char-level feature strings of one document (with repeats)."""
    words, char_words = units(doc, config)
    chars: list[str] = []
    for w in char_words:
        chars.extend(char_grams(w, config))
    return words, chars


def counts(feats: Iterable[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    get = out.get
    for f in feats:
        out[f] = get(f, 0) + 1
    return out

