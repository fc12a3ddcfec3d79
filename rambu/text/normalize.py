"""Social-media Indonesian to a matchable form, keeping a map to the original.

Normalisation works token by token: every normalised token remembers the
exact character span of the original text it came from, so any match on the
normalised form can quote the original exactly. Doing it per token (not per
character) keeps it fast and makes evidence quote whole words.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from . import WORD_CACHE
from .slang import SLANG

# Order matters: URLs and mentions before words so their parts are not words.
_TOKEN_RE = re.compile(
    r"(?P<url>https?://\S+|www\.\S+)"
    r"|(?P<mention>@\w+)"
    r"|(?P<hashtag>#\w+)"
    r"|(?P<word>\w(?:[\w@$*!|+]*\w)?(?:['’]\w+)*)"
    r"|(?P<other>\S|\n)",
    re.UNICODE,
)
# Runs of single characters split by one separator: "p a n c a s i l a", "b.a.n.g.s.a.t".
_SPACED_RE = re.compile(r"(?<!\w)\w([ .\-_*])(?:\w\1)+\w(?!\w)")
_CAMEL_RE = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_REPEAT_RE = re.compile(r"([a-z])\1+")
_REDUP_RE = re.compile(r"(?<=[a-z]{3})2$")
_LEET = str.maketrans({"4": "a", "3": "e", "1": "i", "0": "o", "5": "s", "7": "t", "6": "g",
                       "9": "g", "8": "b", "@": "a", "$": "s", "!": "i", "|": "i", "+": "t"})
_LEET_CHARS = set("4310576 98@$!|+")
_DIGIT_RUNS_RE = re.compile(r"\d+")
_NON_WORD_RE = re.compile(r"[^a-z0-9*]")
_PUNCT_BREAK = set(".!?;\n")
# Forum markup is not words: Kaskus BBCode tags ("[quote=agan;5a91...]", "[/quote]", "[img]") and smiley codes
# (":ngakak", ":cendolbig"). The training data's cleaning removed them (`rambu.training.data`), so the models
# never saw them; they are blanked here, keeping every offset into the original.
BBCODE_RE = re.compile(r"\[/?(?:quote|img|url|color|size|font|b|i|u|s|center|left|right|youtube|spoiler|code|list|"
                       r"align|indent|email|media|video|highlight|\*)(?:=[^\]]*)?\]", re.IGNORECASE)
SMILEY_RE = re.compile(r"(?<![\w:]):[a-z][a-z0-9]+:?(?![\w])")
# Line breaks stored as the two characters "\n" (CSV exports, the data sets themselves): a break, not an "n"
# glued to the next word ("kafir\nGak" is not "ngak")
LITERAL_BREAK_RE = re.compile(r"\\[nrt]")
# UTF-8 stored as literal byte escapes ("\\xf0\\x9f\\x98\\x82" for a laughing emoji; the tweet data sets keep
# them so) and HTML entities ("&amp;", "&quot;") are the characters they stand for: the training data's
# cleaning decodes both, and an emoji or a quotation mark means something to the rules.
BYTE_ESCAPES_RE = re.compile(r"(?:\\x[0-9a-fA-F]{2})+")
HTML_ENTITY_RE = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,7}|#[0-9]{1,6}|#[xX][0-9a-fA-F]{1,5});")
# Placeholders the data sets put for a mention, a link and the retweet mark before a placeholder ("RT USER:
# USER kafir URL"): not words (the training data's cleaning removes them; a real @mention or link is its own
# kind of token). A retweet mark before a real handle stays a word, as the models saw it in Netifier's posts.
_PLACEHOLDERS = frozenset(("USER", "URL"))
_RETWEET_RE = re.compile(r"\s*:?\s*USER\b")


WORD_KINDS = ("word", "hashtag", "number")  # the tokens lexicons and matchers compare


class Token(NamedTuple):
    """One unit of the input: `norm` is what matchers compare, start/end index the original.
    (A named tuple: immutable like a frozen dataclass, and several times cheaper to make.)"""

    norm: str
    start: int
    end: int
    kind: str  # word | number | hashtag | mention | url | emoji | punct


@dataclass(frozen=True, slots=True)
class Normalized:
    original: str
    tokens: tuple[Token, ...]
    _word_index: tuple | None = field(default=None, compare=False, repr=False)
    _tables: tuple | None = field(default=None, compare=False, repr=False)  # (Lexicon, its hits), see lexicon.py

    @property
    def word_index(self) -> tuple[tuple[int, ...], tuple[str, ...]]:
        """(token positions, normalised forms) of the matchable words, computed once."""
        wi = self._word_index
        if wi is None:
            idx = tuple(i for i, t in enumerate(self.tokens) if t.kind in WORD_KINDS)
            wi = (idx, tuple(self.tokens[i].norm for i in idx))
            object.__setattr__(self, "_word_index", wi)
        return wi

    @property
    def words(self) -> tuple[Token, ...]:
        return tuple(self.tokens[i] for i in self.word_index[0])

    @property
    def text(self) -> str:
        """The normalised words joined by single spaces (for regexes and classifiers)."""
        return " ".join(t.norm for t in self.tokens if t.kind in ("word", "hashtag", "number", "emoji"))

    def quote(self, first: int, last: int) -> tuple[int, int, str]:
        """Original span and text covering tokens first..last (inclusive indices into tokens)."""
        start, end = self.tokens[first].start, self.tokens[last].end
        return start, end, self.original[start:end]


def is_emoji(ch: str) -> bool:
    cp = ord(ch)
    return (0x1F000 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF or 0x2B00 <= cp <= 0x2BFF
            or unicodedata.category(ch) == "So")


def _fold(s: str) -> str:
    """Unicode styled letters (𝐛𝐨𝐥𝐝, ｆｕｌｌ) and accents to plain ASCII where possible."""
    if s.isascii():
        return s
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


@lru_cache(maxsize=WORD_CACHE)
def norm_word(raw: str) -> str:
    """Normalise one word: fold, lowercase, undo leetspeak, collapse repeats, map slang.

    Lexicon terms go through the same function, so "maaf" and "maaaf" both become
    "maf" on both sides of a comparison.
    """
    w = _fold(raw).lower()
    w = _REDUP_RE.sub("", w)  # alay reduplication: "orang2" -> "orang"
    if any(c in _LEET_CHARS for c in w) and sum(c.isalpha() for c in w) >= 2 and _leet_like(w):
        w = _REDUP_RE.sub("", w.translate(_LEET))  # "d1inj3k2" -> "diinjek"
    w = _NON_WORD_RE.sub("", w)
    w = _REPEAT_RE.sub(r"\1", w)
    return SLANG.get(w, w)


def _leet_like(w: str) -> bool:
    """Digits standing in for letters ("b4ngs4t", "1ndon3s14"), not a number glued to a word ("covid19", "17an")."""
    runs = _DIGIT_RUNS_RE.findall(w)
    return all(len(r) == 1 for r in runs) or len(runs) >= 2


def split_handle(handle: str) -> list[str]:
    """An @handle or glued name as normalised words: "DPR_RI" -> ["dpr", "ri"], "HumasPolri" -> ["humas", "polri"]."""
    out = []
    for part in re.split(r"[_.\-]+", handle):
        pieces = _CAMEL_RE.findall(part) if any(c.isupper() for c in part[1:]) else [part]
        out += [w for w in map(norm_word, pieces) if w]
    return out


def norm_phrase(phrase: str) -> str:
    """Normalise a lexicon phrase exactly as input text is normalised."""
    return " ".join(normalize(phrase).word_index[1])


def has_spaced_letters(text: str) -> bool:
    """Letters spaced out ("h o a k s", "b.a.n.g"): the one case where a word spans whitespace."""
    return _SPACED_RE.search(text) is not None


def _join_spaced(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SPACED_RE.finditer(text)]


def normalize(text: str) -> Normalized:
    tokens: list[Token] = []
    work, decoded = _unmarked(text)
    spaced = _join_spaced(work) if " " in work or "." in work or "-" in work else []
    pos = 0
    for s_start, s_end in spaced + [(len(work), len(work))]:
        _tokenize(work, pos, s_start, tokens)
        if s_end > s_start:
            letters = re.sub(r"[ .\-_*]", "", work[s_start:s_end])
            tokens.append(Token(norm_word(letters), s_start, s_end, "word"))
        pos = s_end
    if decoded:  # a token ending in a decoded character quotes the whole escape it came from
        tokens = [t._replace(end=decoded[t.end - 1]) if t.end - 1 in decoded else t for t in tokens]
    return Normalized(text, tuple(tokens))


def _unmarked(text: str) -> tuple[str, dict[int, int]]:
    """The text with forum markup blanked, literal line breaks made real and byte escapes and HTML entities
    decoded, all in place (same length, so token offsets hold for the original), and where each decoded
    character's original ends (by its position)."""
    decoded: dict[int, int] = {}
    if "\\x" in text:
        text = BYTE_ESCAPES_RE.sub(lambda m: _in_place(m, _utf8_chars(m.group()), decoded), text)
    if "&" in text:
        text = HTML_ENTITY_RE.sub(lambda m: _entity(m, decoded), text)
    if "[" in text:
        text = BBCODE_RE.sub(lambda m: " " * len(m.group()), text)
    if ":" in text:
        text = SMILEY_RE.sub(lambda m: " " * len(m.group()), text)
    if "\\" in text:
        text = LITERAL_BREAK_RE.sub(lambda m: " \n" if m.group() != "\\t" else "  ", text)
    return text, decoded


def _utf8_chars(escapes: str) -> list[tuple[int, int, str]]:
    """(offset, length, character) in the escape text of every character its bytes decode to; bytes that
    are not UTF-8 decode to nothing."""
    raw = bytes(int(escapes[i + 2:i + 4], 16) for i in range(0, len(escapes), 4))
    out, i = [], 0
    while i < len(raw):
        lead = raw[i]
        n = 1 if lead < 0x80 else 2 if lead >> 5 == 6 else 3 if lead >> 4 == 14 else 4 if lead >> 3 == 30 else 0
        ch = raw[i:i + n].decode("utf-8", errors="ignore") if n else ""
        if len(ch) == 1:
            out.append((4 * i, 4 * n, ch))
            i += n
        else:
            i += 1
    return out


def _entity(m: re.Match, decoded: dict[int, int]) -> str:
    ch = html.unescape(m.group())
    return _in_place(m, [(0, m.end() - m.start(), ch)], decoded) if len(ch) == 1 else m.group()


def _in_place(m: re.Match, chars: list[tuple[int, int, str]], decoded: dict[int, int]) -> str:
    """The matched text replaced by `chars` (offset, length, character) at their offsets, spaces elsewhere."""
    out = [" "] * (m.end() - m.start())
    for off, n, ch in chars:
        if len(ch) == 1 and not ch.isspace():
            out[off] = ch
            decoded[m.start() + off] = m.start() + off + n
    return "".join(out)


def _tokenize(text: str, start: int, end: int, out: list[Token]) -> None:
    for m in _TOKEN_RE.finditer(text, start, end):
        kind = m.lastgroup
        a, b = m.start(), m.end()
        if kind == "word":
            raw = m.group()
            if raw in _PLACEHOLDERS or raw == "RT" and _RETWEET_RE.match(text, b, end):
                continue
            if raw.isdigit():
                out.append(Token(raw, a, b, "number"))
                continue
            w = norm_word(raw)
            if w:
                out.append(Token(w, a, b, "word"))
        elif kind == "hashtag":
            body = m.group()[1:]
            parts = list(_CAMEL_RE.finditer(body))
            if len(parts) > 1:  # "#BubarkanPancasila" carries words we must see
                for p in parts:
                    out.append(Token(norm_word(p.group()), a + 1 + p.start(), a + 1 + p.end(), "word"))
            else:
                out.append(Token(norm_word(body), a, b, "hashtag"))
        elif kind in ("url", "mention"):
            out.append(Token(m.group().lower(), a, b, kind))
        else:
            ch = m.group()
            if is_emoji(ch):
                out.append(Token(ch, a, b, "emoji"))
            elif ch in _PUNCT_BREAK:
                out.append(Token(ch, a, b, "punct"))
