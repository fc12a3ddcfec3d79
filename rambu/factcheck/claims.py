"""A register's claims read into rows of int32 ids: the build's hot loop, for a million claims.

A claim is read exactly as ``FactCheckIndex`` reads a text (words, synonym phrases, negation, stems), but
the work is arranged for volume:

- each distinct space-separated piece is read into words once, and each distinct word is resolved once
  (term, stem, whether it negates, whether a phrase may start with it), into a ``_Word``;
- a claim without a negator and without a word that may start a phrase (a plain claim) is just its words'
  term ids; the others take the word-by-word loop, which tries the phrase table only where the next
  word can continue a phrase;
- ids are numbered as words are resolved and renumbered once at the end in order of first use, so the
  result equals numbering them claim by claim.

What a word resolves to depends on the word alone, never on the claims read before it, so an index is
the same whatever the order of its claims or the number of processes that read them.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from ..text import WORD_CACHE
from ..text.normalize import has_spaced_letters
from .postings import Numbering, Ragged

# Separators of letters spaced out ("h o a k s", "b.a.n.g"; see rambu.text.normalize): a claim can hold
# them only if one of its pieces is a single character or contains one of these.
_SPACING = frozenset(".-_*")


class _Word:
    """A distinct claim word, resolved once; ``tid`` < 0 for a stopword."""

    __slots__ = ("word", "term", "stem", "tid", "sid", "negator", "event", "after", "after_stem")


class ClaimReader:
    """Reads claims one after another (``add``) into term and stem rows (``result``)."""

    def __init__(self, concepts, stem: Callable[[str], str], words_of: Callable[[str], list[str]],
                 phrase_at: Callable, *, stop: frozenset[str], negators: frozenset[str],
                 events: frozenset[str], neg: str, negation: Callable[[], Any]) -> None:
        """`negation()`: a fresh negation scope (the matcher's ``_Negation``, as texts are read)."""
        self._concepts, self._stem, self._words_of, self._phrase_at = concepts, stem, words_of, phrase_at
        self._stop, self._negators, self._events, self._neg = stop, negators, events, neg
        self._negation = negation
        self.terms, self.stems = Numbering(), Numbering()
        self.term_rows, self.stem_rows = Ragged(), Ragged()
        self._pieces: dict[str, tuple[_Word, ...]] = {}
        self._words: dict[str, _Word] = {}
        self._odd: set[str] = set()  # pieces that may be part of letters spaced out
        self._special: set[str] = set()  # pieces with a negator or a word that may start a phrase
        self._alone: dict[_Word, None] = {}  # words read on their own, not inside a phrase, in order of first use

    def add(self, text: str) -> None:
        ws, special = self.words(text)
        if special:
            tids, sids = self._read(ws)
        else:
            self._alone.update(dict.fromkeys(ws))
            tids = [w.tid for w in ws if w.tid >= 0]
            sids = [w.sid for w in ws if w.tid >= 0]
        self.term_rows.add(dict.fromkeys(tids))
        self.stem_rows.add(dict.fromkeys(sids))

    def words(self, text: str) -> tuple[list[_Word], bool]:
        """A claim's words, and whether it needs the word-by-word loop (a negator or a possible phrase).

        No token crosses whitespace, so the words are those of each space-separated piece; letters spaced
        out ("h o a k s") are the exception, read from the whole text."""
        pieces = text.split()
        cache = self._pieces
        try:
            ws = [w for p in pieces for w in cache[p]]
        except KeyError:
            ws = [w for p in pieces for w in (cache.get(p) or self._piece(p))]
        if not self._odd.isdisjoint(pieces) and has_spaced_letters(text):
            return [self._word(w) for w in self._words_of(text)], True
        return ws, not self._special.isdisjoint(pieces)

    def result(self) -> tuple[list[str], Ragged, list[str], Ragged, dict, dict]:
        """(terms, term rows, stems, stem rows, surface terms and stems of the words read on their own);
        ids numbered in order of first use."""
        terms = _renumber(self.term_rows, list(self.terms))
        stems = _renumber(self.stem_rows, list(self.stems))
        surface = {w.word: w.term for w in self._alone}
        surface_stem = {w.word: w.stem for w in self._alone}
        return terms, self.term_rows, stems, self.stem_rows, surface, surface_stem

    # ------------------------------------------------------------------ words
    def _piece(self, piece: str) -> tuple[_Word, ...]:
        ws = tuple(self._word(w) for w in self._words_of(piece))
        if len(piece) == 1 or not _SPACING.isdisjoint(piece):
            self._odd.add(piece)
        if any(w.negator or w.after or w.after_stem for w in ws):
            self._special.add(piece)
        if len(self._pieces) >= WORD_CACHE:
            self._pieces.clear()
        self._pieces[piece] = ws
        return ws

    def _word(self, word: str) -> _Word:
        w = self._words.get(word)
        if w is not None:
            return w
        c = self._concepts.single
        if word in c:
            term, stem = c[word], word
        elif word in self._stop:
            term, stem = None, word
        elif word.isdigit():
            term, stem = word, word
        else:
            stem = self._stem(word)
            term = c.get(stem) or (None if stem in self._stop or len(stem) < 2 else stem)
        w = self._words[word] = _Word()
        w.word, w.term, w.stem = word, term, stem
        w.tid = -1 if term is None else self.terms[term]
        w.sid = self.stems[stem]
        w.negator = word in self._negators
        w.event = term is not None and term[0] == "~" and term[1:] in self._events
        seconds = self._concepts.seconds
        w.after, w.after_stem = seconds.get(word, ()), seconds.get(stem, ())
        return w

    # ------------------------------------------------------------------ the loop
    def _read(self, ws: list[_Word]) -> tuple[list[int], list[int]]:
        """Term and stem ids of a claim's words with phrases and negation."""
        tids: list[int] = []
        sids: list[int] = []
        words = stems = None
        neg = None  # the negation scope, from the claim's first negator on
        n = len(ws)
        k = 0
        while k < n:
            w = ws[k]
            if k + 1 < n and (w.after or w.after_stem):
                nxt = ws[k + 1]
                if nxt.word in w.after or nxt.stem in w.after_stem:
                    if words is None:
                        words, stems = tuple(x.word for x in ws), [x.stem for x in ws]
                    hit = self._phrase_at(words, k, stems)
                    if hit:
                        length, term, seq = hit
                        # applies() changes nothing and says no while no negator is in scope
                        if neg is not None and (neg.word_left or neg.event_left) and \
                                neg.applies(seq[0], True, term[1:] in self._events):
                            term = self._neg + term  # "tidak halal" is not "halal"
                        tids.append(self.terms[term])
                        sids.extend(map(self.stems.__getitem__, seq))
                        k += length
                        continue
            k += 1
            self._alone[w] = None
            if w.negator:
                neg = neg or self._negation()
                neg.start()
                continue
            tid = w.tid
            if neg is not None and (neg.word_left or neg.event_left) and neg.applies(w.word, tid >= 0, w.event):
                tid = self.terms[self._neg + w.term]
            if tid >= 0:
                tids.append(tid)
                sids.append(w.sid)
        return tids, sids


def _renumber(rows: Ragged, names: list[str]) -> list[str]:
    """Renumber the rows' ids in order of first use (in place); the names of the ids used, in that order."""
    ids = np.frombuffer(rows.ids, dtype=np.int32) if len(rows.ids) else np.zeros(0, dtype=np.int32)
    first = np.full(len(names), len(ids), dtype=np.int64)
    step = 1 << 20
    for a in range(0, len(ids), step):
        np.minimum.at(first, ids[a:a + step], np.arange(a, min(a + step, len(ids)), dtype=np.int64))
    order = np.argsort(first, kind="stable")[:int(np.count_nonzero(first < len(ids)))]
    new = np.full(len(names), -1, dtype=np.int32)
    new[order] = np.arange(len(order), dtype=np.int32)
    for a in range(0, len(ids), step):
        ids[a:a + step] = new[ids[a:a + step]]
    return [names[i] for i in order.tolist()]
