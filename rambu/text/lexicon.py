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
from functools import lru_cache
from typing import Iterable

from . import WORD_CACHE
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
        # all words but the last of multi-word phrases -> the last words that complete them
        self.heads: dict[tuple[str, ...], set[str]] = {}
        self.starts: set[str] = set()  # first words of multi-word phrases
        # first word -> lengths of its multi-word phrases, longest first: `_phrase_at` tries only those
        self.lengths: dict[str, tuple[int, ...]] = {}
        self._last_phrase: tuple[str, str] = ("", "")
        self.lexicon: Lexicon | None = None  # set when the set is indexed together with others
        self.sid = -1
        self.add(terms, label)

    def add(self, terms: Iterable[str] | dict[str, str], label: str = "") -> None:
        self._add_pairs(terms.items() if isinstance(terms, dict) else ((t, label) for t in terms))

    def _add_pairs(self, items: Iterable[tuple[str, str]]) -> None:
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
                    self.heads.setdefault(words[:-1], set()).add(words[-1])
                    self.starts.add(words[0])
                    if len(words) not in self.lengths.get(words[0], ()):
                        self.lengths[words[0]] = tuple(sorted(self.lengths.get(words[0], ()) + (len(words),),
                                                              reverse=True))
                    # a slang word that stands for the phrase is one word with a space ("wbp" -> "warga binaan")
                    self.exact.setdefault((norm,), (norm, lab))
        self._cache = {}
        if self.lexicon is not None:
            self.lexicon.changed()

    def __len__(self) -> int:
        return len(self.exact) + len(self.prefix) + len(self.emoji)

    def _word_hit(self, w: str) -> tuple[str, str] | None:
        if self.lexicon is not None:
            return self.lexicon.word_hit(self.sid, w)
        try:
            return self._cache[w]
        except KeyError:
            pass
        hit = self._lookup(w)
        if len(self._cache) >= WORD_CACHE:
            self._cache.clear()
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
        return self._masked(w)

    def _masked(self, w: str) -> tuple[str, str] | None:
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
        lex = self.lexicon
        if lex is None:
            return self.find_plain(doc)
        tabs = doc._tables
        tab = tabs[1] if tabs is not None and tabs[0] is lex else lex.table(doc)
        sid = self.sid
        # most lists hit nothing in most texts: the table says so without visiting a word
        if sid not in tab.active and not tab.tags and not (self.emoji and tab.emoji):
            return []
        # several rules read the same list in one text; each caller gets its own list (some extend theirs)
        found = tab.found.get(sid)
        if found is None:
            found = tab.found[sid] = tuple(self._find_indexed(doc, tab))
        return list(found)

    def _find_indexed(self, doc: Normalized, tab: "_Table") -> list[Match]:
        """`find_plain` from the text's table of hits of every list (`Lexicon.table`): only the words that hit
        this list, begin one of its phrases, or are hashtags are visited; the result is the same."""
        out: list[Match] = []
        if self.emoji and tab.emoji:
            toks = doc.tokens
            out.extend(Match(i, i, *self.emoji[toks[i].norm]) for i in tab.emoji if toks[i].norm in self.emoji)
        single = tab.single.get(self.sid)
        starts = tab.starts.get(self.sid)
        tags = tab.tags
        if not (single or starts or tags):
            return out
        idx, words = doc.word_index
        n = len(words)
        if starts or tags:
            start_set = set(starts or ())
            positions = sorted(set(single or ()) | start_set | set(tags))
        else:
            start_set, positions = (), sorted(single)
        nxt = 0
        for i in positions:
            if i < nxt:
                continue
            if i in start_set:
                length = self._phrase_at(words, i, n)
                if length:
                    hit = self._last_phrase
                    out.append(Match(idx[i], idx[i + length - 1], hit[0], hit[1]))
                    nxt = i + length
                    continue
            hit = single.get(i) if single else None
            if hit:
                out.append(Match(idx[i], idx[i], hit[0], hit[1]))
            elif i in tab.tagset:
                out.extend(Match(idx[i], idx[i], h[0], h[1]) for h in self.lexicon.inside(words[i]).get(self.sid, ()))
        return out

    def find_plain(self, doc: Normalized) -> list[Match]:
        """Every match in the text, list by list (the reference the indexed path must equal)."""
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
        # a phrase (or its head, `heads`) of a length no phrase beginning with this word has cannot hit
        for length in self.lengths.get(words[i], ()):
            if length > n - i:
                continue
            gram = words[i:i + length]
            hit = self.exact.get(gram)
            if hit is None and self.affixes:
                head = gram[:-1]
                lasts = self.heads.get(head)
                if lasts is not None:  # "kunci selnya"
                    hit = next((self.exact[head + (st,)] for st in _strip_affixes(gram[-1], self.affixes == "verbal")
                                if st in lasts), None)
            if hit:
                self._last_phrase = hit
                return length
        return 0

    def _inside(self, word: str) -> list[tuple[str, str]]:
        key = "#" + word
        if key not in self._cache:
            if len(self._cache) >= WORD_CACHE:
                self._cache.clear()
            self._cache[key] = [hit for words, hit in self.exact.items()  # type: ignore[assignment]
                                if len("".join(words)) >= 4 and "".join(words) in word]
        return self._cache[key]  # type: ignore[return-value]



@lru_cache(maxsize=WORD_CACHE)
def _strip_affixes(w: str, verbal: bool = False) -> tuple[str, ...]:
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
    # colloquial verbs bare the nasal and end in "-in": "mindahin" -> "pindah", "nusukin" -> "tusuk" (without
    # the "-in" the bare nasal is a word of its own too often: "mancung" is no "pancung")
    if w.endswith("in") and w[:1] in "mn" and w[1:2] in "aiueo" and len(w) >= 7:
        subst.append(("p" if w[0] == "m" else "t") + w[1:])
    cands = bases + subst
    for b in [w] + bases:
        for s in suffixes:
            if b.endswith(s) and len(b) - len(s) >= 4:
                cands.append(b[: -len(s)])
    for b in subst:
        for s in suffixes:
            if b.endswith(s) and len(b) - len(s) >= 5:
                cands.append(b[: -len(s)])
    return tuple(cands)


def _may_go_on(seconds: tuple[frozenset[str], frozenset[str]], nxt: str) -> bool:
    """Whether a phrase could go on with `nxt` after its first word (`seconds`: the second words of the
    phrases that begin with it, and of those of two words in lists read with affixes): as written or, the last
    word of a two-word phrase, affix-stripped (`TermSet._phrase_at`; the verbal stems are some of the full
    ones). Most phrase starts ("tidak", "yang") are followed by no such word, and then no list need look for
    a phrase there."""
    written, last = seconds
    if nxt in written:
        return True
    if not last or len(nxt) <= 4:
        return False  # nothing to strip for, or too short to strip: a stem keeps 4 letters
    return not last.isdisjoint(_strip_affixes(nxt))


@dataclass(slots=True)
class _Table:
    """The hits of every list of a Lexicon in one text, by word position (`Normalized.word_index`)."""

    single: dict[int, dict[int, tuple[str, str]]]  # list id -> position -> one-word hit
    starts: dict[int, list[int]]  # list id -> positions of words that begin one of its phrases
    tags: list[int]  # positions of hashtags long enough to hold words
    tagset: frozenset[int]
    emoji: list[int]  # token positions of emoji
    active: frozenset[int]  # the lists with a word hit or a phrase start in the text
    found: dict[int, tuple[Match, ...]]  # list id -> its matches, as `TermSet.find` worked them out


class Lexicon:
    """The word lists of one Screener, indexed together.

    A text is read once for all lists: each distinct word is resolved against every list in one go (exact
    word, prefix, affix-stripped stems computed once, not once per list), and `TermSet.find` then visits only
    the positions that concern its own list. Lists with the same phrases, labels and affix mode are built once
    and shared (several rules read the same context lists). Word results are remembered up to `WORD_CACHE`
    words, then forgotten, so memory stays flat however many new words a feed brings.
    """

    def __init__(self) -> None:
        self.sets: list[TermSet] = []
        self._shared: dict[tuple, TermSet] = {}
        self._index: tuple | None = None
        self._words: dict[str, tuple[tuple[int, tuple[str, str]], ...]] = {}
        self._inside: dict[str, dict[int, list[tuple[str, str]]]] = {}

    def termset(self, pairs: Iterable[tuple[str, str]], affixes: bool | str = True) -> TermSet:
        """A TermSet of (phrase, label) pairs, read in order as `TermSet.add` reads them, indexed with the
        others (the same definition twice gives the same, shared set)."""
        pairs = tuple(pairs)
        key = (pairs, affixes)
        ts = self._shared.get(key)
        if ts is None:
            ts = TermSet((), affixes=affixes)
            ts._add_pairs(pairs)
            ts.lexicon, ts.sid = self, len(self.sets)
            self.sets.append(ts)
            self._shared[key] = ts
            self.changed()
        return ts

    def changed(self) -> None:
        self._index = None
        self._words = {}
        self._inside = {}

    def _build(self) -> tuple:
        exact1: dict[str, list[tuple[int, tuple[str, str]]]] = {}
        prefixes: dict[str, list[tuple[int, int, tuple[str, str]]]] = {}
        starts: dict[str, list[int]] = {}
        seconds: dict[str, set[str]] = {}  # first word of a phrase -> the second words of its phrases
        seconds2: dict[str, set[str]] = {}  # the same for phrases of two words in lists read with affixes
        joined: dict[str, list[tuple[int, int, tuple[str, str]]]] = {}
        for ts in self.sets:
            for order, (words, hit) in enumerate(ts.exact.items()):
                if len(words) == 1:
                    exact1.setdefault(words[0], []).append((ts.sid, hit))
                else:
                    seconds.setdefault(words[0], set()).add(words[1])
                    if len(words) == 2 and ts.affixes:
                        seconds2.setdefault(words[0], set()).add(words[1])
                j = "".join(words)
                if len(j) >= 4:
                    joined.setdefault(j, []).append((ts.sid, order, hit))
            for order, (p, hit) in enumerate(ts.prefix.items()):
                prefixes.setdefault(p, []).append((ts.sid, order, hit))
            for w in ts.starts:
                starts.setdefault(w, []).append(ts.sid)
        full = frozenset(ts.sid for ts in self.sets if ts.affixes and ts.affixes != "verbal")
        verbal = frozenset(ts.sid for ts in self.sets if ts.affixes == "verbal")
        plens = sorted({len(p) for p in prefixes})
        maxjoin = max((len(j) for j in joined), default=0)
        self._index = (exact1, prefixes, plens, starts, full, verbal, joined, maxjoin,
                       {w: (frozenset(s), frozenset(seconds2.get(w, ()))) for w, s in seconds.items()})
        return self._index

    def word_hits(self, w: str) -> tuple[tuple[int, tuple[str, str]], ...]:
        """(list id, hit) for every list `w` hits as one word, as `TermSet._lookup` decides for each list."""
        got = self._words.get(w)
        if got is not None:
            return got
        exact1, prefixes, plens, _, full, verbal, _, _, _ = self._index or self._build()
        res: dict[int, tuple[str, str]] = dict(exact1.get(w, ()))
        if plens:
            best: dict[int, tuple[int, tuple[str, str]]] = {}
            for n in plens:
                if n > len(w):
                    break
                for sid, order, hit in prefixes.get(w[:n], ()):
                    if sid not in res and (sid not in best or order < best[sid][0]):
                        best[sid] = (order, hit)
            res.update((sid, hit) for sid, (_, hit) in best.items())
        if len(w) > 4:
            for group, is_verbal in ((full, False), (verbal, True)):
                if not group:
                    continue
                found: dict[int, tuple[str, str]] = {}
                for stem in _strip_affixes(w, is_verbal):
                    for sid, hit in exact1.get(stem, ()):
                        if sid in group and sid not in res and sid not in found:
                            found[sid] = hit
                res.update(found)
        if "*" in w:
            for ts in self.sets:
                if ts.sid not in res:
                    hit = ts._masked(w)
                    if hit:
                        res[ts.sid] = hit
        got = tuple(sorted(res.items()))
        if len(self._words) >= WORD_CACHE:
            self._words = {}
        self._words[w] = got
        return got

    def word_hit(self, sid: int, w: str) -> tuple[str, str] | None:
        for s, hit in self.word_hits(w):
            if s == sid:
                return hit
        return None

    def inside(self, word: str) -> dict[int, list[tuple[str, str]]]:
        """Phrases of every list written inside a glued hashtag, per list in the list's own order."""
        got = self._inside.get(word)
        if got is not None:
            return got
        index = self._index or self._build()
        joined, maxjoin = index[6], index[7]
        found: set[tuple[int, int]] = set()
        hits: dict[tuple[int, int], tuple[str, str]] = {}
        n = len(word)
        for a in range(n - 3):
            for b in range(a + 4, min(n, a + maxjoin) + 1):
                for sid, order, hit in joined.get(word[a:b], ()):
                    if (sid, order) not in found:
                        found.add((sid, order))
                        hits[(sid, order)] = hit
        got = {}
        for sid, order in sorted(found):
            got.setdefault(sid, []).append(hits[(sid, order)])
        if len(self._inside) >= WORD_CACHE // 10:
            self._inside = {}
        self._inside[word] = got
        return got

    def table(self, doc: Normalized) -> _Table:
        """The hits of every list in `doc`, computed once per text and kept on it."""
        tables = doc._tables
        if tables is not None and tables[0] is self:
            return tables[1]
        index = self._index or self._build()
        starts_index, seconds = index[3], index[8]
        idx, words = doc.word_index
        last = len(words) - 1
        toks = doc.tokens
        single: dict[int, dict[int, tuple[str, str]]] = {}
        starts: dict[int, list[int]] = {}
        tags: list[int] = []
        word_hits = self.word_hits
        known = self._words  # word_hits may start a new cache: this one's answers stay right for this text
        for i, w in enumerate(words):
            hits = known.get(w)
            if hits is None:
                hits = word_hits(w)
            for sid, hit in hits:
                d = single.get(sid)
                if d is None:
                    single[sid] = {i: hit}
                else:
                    d[i] = hit
            sids = starts_index.get(w)
            if sids is not None and i < last and _may_go_on(seconds[w], words[i + 1]):
                for sid in sids:
                    starts.setdefault(sid, []).append(i)
            if len(w) >= 6 and toks[idx[i]].kind == "hashtag":
                tags.append(i)
        emoji = [i for i, t in enumerate(toks) if t.kind == "emoji"]
        tab = _Table(single, starts, tags, frozenset(tags), emoji, frozenset(single).union(starts), {})
        object.__setattr__(doc, "_tables", (self, tab))
        return tab
