"""Fast phrase lookup over normalised tokens.

A TermSet holds phrases (one or more words). Each is normalised exactly like
input text, so the lexicon may be written in plain Indonesian. A phrase may
end in ``*`` to match any word that starts with it ("bubar*" matches
"bubarkan", "dibubarkan" does not). Matching is by dictionary lookups on
token n-grams, never by one huge regex, so it stays fast with big lists.
Hashtags written as one word ("#pancasilasampah") are searched inside.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .normalize import Normalized, is_emoji, norm_phrase

_AFFIX_PREFIXES = ("di", "me", "mem", "men", "meng", "meny", "ber", "ter", "se", "ke", "pe", "pen", "pem", "peng",
                   "nge", "ng", "ku", "kau")  # nge-/ng-: Jakarta colloquial ("ngehina", "ngancurin")
_AFFIX_SUFFIXES = ("nya", "kan", "an", "i", "lah", "kah", "pun", "mu", "ku", "in", "nyo")
# Inflection only: an act done or suffered ("dibakar", "membakar", "bakarlah", "ngusir"). Derivation makes
# other words ("tergantung" depends, "penjajahan" colonisation, "kebakaran" a fire), so "verbal" lists skip it.
_VERBAL_PREFIXES = ("di", "me", "mem", "men", "meng", "meny", "nge", "ng", "ku", "kau")
_VERBAL_SUFFIXES = ("nya", "kan", "i", "lah", "kah", "pun", "mu", "ku", "in", "nyo")


@dataclass(frozen=True, slots=True)
class Match:
    first: int  # index into Normalized.tokens
    last: int  # inclusive
    term: str  # the lexicon phrase (normalised) that matched
    label: str  # the lexicon's label for the phrase (e.g. "hina", "target:pancasila")


class TermSet:
    def __init__(self, terms: Iterable[str] | dict[str, str] = (), label: str = "", affixes: bool | str = True):
        """`terms` is a list of phrases or a mapping phrase -> label.

        With `affixes`, a one-word term also matches the word with common
        Indonesian affixes ("hina" matches "menghina", "dihina", "hinanya");
        with ``affixes="verbal"`` only inflectional ones ("dibakar", not "kebakaran").
        """
        self.affixes = affixes
        self.exact: dict[tuple[str, ...], tuple[str, str]] = {}
        self.prefix: dict[str, tuple[str, str]] = {}
        self.maxlen = 1
        self._cache: dict[str, tuple[str, str] | None] = {}
        self.emoji: dict[str, tuple[str, str]] = {}
        self.heads: set[tuple[str, ...]] = set()  # all words but the last of multi-word phrases
        self.starts: set[str] = set()  # first words of multi-word phrases
        self._last_phrase: tuple[str, str] = ("", "")
        self.add(terms, label)

    def add(self, terms: Iterable[str] | dict[str, str], label: str = "") -> None:
        items = terms.items() if isinstance(terms, dict) else ((t, label) for t in terms)
        for raw, lab in items:
            raw = raw.strip()
            if not raw:
                continue
            if all(is_emoji(c) or c in "\ufe0f\u200d " for c in raw):
                for c in raw:
                    if is_emoji(c):
                        self.emoji[c] = (raw, lab)
                continue
            star = raw.endswith("*")
            norm = norm_phrase(raw.rstrip("*"))
            if not norm:
                continue
            words = tuple(norm.split(" "))
            if star and len(words) == 1:
                self.prefix[words[0]] = (norm + "*", lab)
            else:
                self.exact[words] = (norm, lab)
                self.maxlen = max(self.maxlen, len(words))
                if len(words) > 1:
                    self.heads.add(words[:-1])
                    self.starts.add(words[0])
        self._cache = {}

    def __len__(self) -> int:
        return len(self.exact) + len(self.prefix) + len(self.emoji)

    def _word_hit(self, w: str) -> tuple[str, str] | None:
        try:
            return self._cache[w]
        except KeyError:
            pass
        hit = self._lookup(w)
        if len(self._cache) < 500_000:
            self._cache[w] = hit
        return hit

    def _lookup(self, w: str) -> tuple[str, str] | None:
        hit = self.exact.get((w,))
        if hit:
            return hit
        for p in self.prefix:
            if w.startswith(p):
                return self.prefix[p]
        if self.affixes and len(w) > 4:
            for stem in _strip_affixes(w, self.affixes == "verbal"):
                hit = self.exact.get((stem,))
                if hit:
                    return hit
        if "*" in w:  # masked insult: "anj*ng"
            for (cand,), hit in ((k, v) for k, v in self.exact.items() if len(k) == 1):
                if len(cand) == len(w) and all(a == b or a == "*" for a, b in zip(w, cand)):
                    return hit
        return None

    def lookup_words(self, words: list[str]) -> tuple[str, str] | None:
        """The first term among a short run of words (an @handle split into words), longest phrase first."""
        n = len(words)
        for i in range(n):
            for length in range(min(self.maxlen, n - i), 0, -1):
                hit = self.exact.get(tuple(words[i:i + length])) if length > 1 else self._word_hit(words[i])
                if hit:
                    return hit
        return None

    def find(self, doc: Normalized) -> list[Match]:
        toks = doc.tokens
        idx, words = doc.word_index
        out: list[Match] = []
        if self.emoji:
            out.extend(Match(i, i, *self.emoji[t.norm]) for i, t in enumerate(toks)
                       if t.kind == "emoji" and t.norm in self.emoji)
        n = len(words)
        starts, hit_of = self.starts, self._word_hit
        i = 0
        while i < n:
            w = words[i]
            if w in starts:  # only words that begin a phrase can start a longer match
                length = self._phrase_at(words, i, n)
                if length:
                    hit = self._last_phrase
                    out.append(Match(idx[i], idx[i + length - 1], hit[0], hit[1]))
                    i += length
                    continue
            hit = hit_of(w)
            if hit:
                out.append(Match(idx[i], idx[i], hit[0], hit[1]))
            elif toks[idx[i]].kind == "hashtag" and len(w) >= 6:
                out.extend(Match(idx[i], idx[i], h[0], h[1]) for h in self._inside(w))
            i += 1
        return out

    def _phrase_at(self, words: tuple[str, ...], i: int, n: int) -> int:
        for length in range(min(self.maxlen, n - i), 1, -1):
            gram = words[i:i + length]
            hit = self.exact.get(gram)
            if hit is None and self.affixes and gram[:-1] in self.heads:  # "kunci selnya"
                hit = next((self.exact[gram[:-1] + (st,)] for st in _strip_affixes(gram[-1], self.affixes == "verbal")
                            if gram[:-1] + (st,) in self.exact), None)
            if hit:
                self._last_phrase = hit
                return length
        return 0

    def _inside(self, word: str) -> list[tuple[str, str]]:
        key = "#" + word
        if key not in self._cache:
            self._cache[key] = [hit for words, hit in self.exact.items()  # type: ignore[assignment]
                                if len("".join(words)) >= 4 and "".join(words) in word]
        return self._cache[key]  # type: ignore[return-value]



def _strip_affixes(w: str, verbal: bool = False) -> list[str]:
    """Candidate stems of an affixed word; cheap and recall-oriented (a lexicon hit confirms).

    Short stems are where false hits live ("menaikkan" -> "taik"), so a stem
    must keep 4 letters, and 5 when the prefix swallowed its first letter.
    """
    prefixes, suffixes = (_VERBAL_PREFIXES, _VERBAL_SUFFIXES) if verbal else (_AFFIX_PREFIXES, _AFFIX_SUFFIXES)
    bases = []
    for p in prefixes:
        if w.startswith(p) and len(w) - len(p) >= 4:
            bases.append(w[len(p):])
            if p[-1] in "aiueo" and w[len(p)] not in "aiueo":  # "diinjak" was collapsed to "dinjak"
                bases.append(p[-1] + w[len(p):])
    # nasal prefixes swallow the stem's first letter: "menghina" -> "hina", "memukul" -> "pukul"
    subst = []
    for pre, letter in (("meny", "s"), ("peny", "s"), ("ny", "s"), ("mem", "p"), ("pem", "p"),
                        ("men", "t"), ("pen", "t"), ("meng", "k"), ("peng", "k"), ("ng", "k")):
        if verbal and pre.startswith("pe"):
            continue
        if w.startswith(pre) and len(w) - len(pre) >= 4:
            subst.append(letter + w[len(pre):])
    cands = bases + subst
    for b in [w] + bases:
        for s in suffixes:
            if b.endswith(s) and len(b) - len(s) >= 4:
                cands.append(b[: -len(s)])
    for b in subst:
        for s in suffixes:
            if b.endswith(s) and len(b) - len(s) >= 5:
                cands.append(b[: -len(s)])
    return cands
