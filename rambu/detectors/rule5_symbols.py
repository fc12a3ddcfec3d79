"""Rule 5: desecrating state symbols (flag, emblem, anthem, state language).

The rule is mostly data. Symbol mentions (``sym_*`` lists) and desecrating
acts (``act_*`` lists, one list per kind of act) are found on the normalised
tokens; an act close to a symbol in the same sentence (or the next one) makes
a candidate. Each kind of act applies to some symbols only (an anthem is
mocked with words, not trampled) and some need a shape around them: an insult must
be said *of* the symbol ("benderanya cuma kain lap"), writing needs the symbol
as the surface ("tulisan di bendera"), an everyday object needs a use frame
("bendera dijadikan celana"), a faded flag counts only when flown that way on
purpose. Context then moves the score: the author acting in the first person,
a call to act or mockery raise it; negation, condemnation, news reporting,
etiquette guidance, respectful disposal and ceremonies lower it.

Anthem parodies are also found without a naming word: a line of the anthem's
lyrics quoted with words swapped ("Konoha tanah airku, tanah tumpah utangku").

Operators extend every list in the settings file (``[lists.rule5]``); the
category of an added act term is the list it is added to.
"""
from __future__ import annotations

import difflib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import Any, Iterable, Mapping

from .. import display
from ..analysis import Analysis, TextField
from ..contract.activity import SPREADING
from ..text import WORD_CACHE
from ..text.lexicon import Match, TermSet
from ..text.normalize import Normalized, Token, norm_phrase
from ..results import field_label
from . import image_signals
from .base import Candidate, Detector

_WORD_KINDS = ("word", "hashtag", "number")

# --------------------------------------------------------------------------- symbols
# Symbol lists: the kind is in the list name; "_weak" lists are mentions that
# need more context (bare "bendera", "merah putih", bare "garuda", "indonesia raya").
SYMBOL_LISTS = {
    "sym_flag": "flag", "sym_flag_weak": "flag",
    "sym_emblem": "emblem", "sym_emblem_weak": "emblem",
    "sym_anthem": "anthem", "sym_anthem_weak": "anthem",
    "sym_language": "language",
}
# --------------------------------------------------------------------------- acts
# act list -> (base score, symbols it applies to, Indonesian description)
ACTS: dict[str, tuple[float, frozenset[str], str]] = {
    "act_destroy": (0.7, frozenset({"flag", "emblem"}),
                    "merusak secara fisik (menginjak, membakar, merobek, meludahi, mengencingi, membuang)"),
    "act_misuse": (0.7, frozenset({"flag"}),
                   "memakai sebagai barang rendahan (lap, keset, taplak, pembungkus, pakaian dalam)"),
    "act_misuse_frame": (0.62, frozenset({"flag"}),
                         "memakai sebagai barang sehari-hari (atap, tirai, sarung, celana, alas)"),
    "act_write": (0.66, frozenset({"flag", "emblem"}), "mencoret, menulisi atau menggambari"),
    "act_write_after": (0.62, frozenset({"flag", "emblem"}), "memberi tulisan, gambar atau logo di atasnya"),
    "act_write_weak": (0.58, frozenset({"flag", "emblem"}), "memberi tulisan, gambar atau logo di atasnya"),
    "act_insult": (0.66, frozenset({"flag", "emblem", "anthem", "language"}), "menghina dengan kata-kata merendahkan"),
    "act_insult_flag": (0.66, frozenset({"flag"}), "menyebutnya barang rendahan"),
    "act_insult_emblem": (0.66, frozenset({"emblem"}), "mengolok-olok Garuda sebagai burung rendahan"),
    "act_insult_language": (0.64, frozenset({"language", "anthem"}), "merendahkannya sebagai kampungan atau rendahan"),
    "act_insult_religious": (0.46, frozenset({"flag", "emblem", "anthem"}),
                             "menyebutnya haram atau berhala (merendahkan simbol negara)"),
    "act_degrade": (0.5, frozenset({"flag", "emblem", "anthem", "language"}), "menghina atau melecehkan"),
    "act_damaged": (0.25, frozenset({"flag"}), "sengaja mengibarkan dalam keadaan rusak, robek, lusuh atau pudar"),
    "act_upside": (0.25, frozenset({"flag"}), "sengaja memasang terbalik"),
    "act_parody": (0.7, frozenset({"anthem", "emblem"}), "memelesetkan atau memparodikan untuk olok-olok"),
    "act_parody_weak": (0.55, frozenset({"anthem"}), "mengubah aransemen atau membawakannya untuk lelucon"),
    "act_lookalike": (0.58, frozenset({"emblem"}), "membuat tiruan atau versi ubahan"),
    "act_owner": (0.42, frozenset({"emblem"}), "memakainya sebagai logo pribadi, usaha atau kelompok"),
    "act_commercial": (0.55, frozenset({"flag", "anthem", "emblem"}), "memakainya untuk iklan atau promosi komersial"),
}
# a condemn word that opens an insult of the symbol itself ("dasar bendera kain murahan")
_INSULT_OPENERS = frozenset({"dasar"})
# everyday uses: laughter about the situation is not mockery of the symbol
_LAUGH_NEUTRAL = frozenset({"act_misuse_frame", "act_owner"})
_INSULTS = {"act_insult", "act_insult_flag", "act_insult_emblem", "act_insult_language", "act_insult_religious"}
# categories whose strength depends on context (ceremony and respect words lower them)
_SOFT = {"act_damaged", "act_upside", "act_degrade", "act_parody_weak", "act_write_weak",
         "act_misuse_frame", "act_owner", "act_insult_religious"}

SYMBOL_INFO = {
    "flag": ("Bendera Negara Sang Merah Putih", "UU 24/2009 Pasal 24 (bendera)",
             "UU 24/2009 Pasal 24 melarang merusak, merobek, menginjak, membakar, mencoret, menulisi, "
             "memakai bendera sebagai pembungkus, atap atau tutup barang, dan mengibarkan bendera yang rusak, "
             "robek, luntur, kusut atau kusam"),
    "emblem": ("Lambang Negara Garuda Pancasila", "UU 24/2009 Pasal 57 (lambang negara)",
               "UU 24/2009 Pasal 57 melarang mencoret, menulisi, menggambari atau merusak lambang negara "
               "untuk menghina, serta membuat lambang serupa untuk perseorangan, partai, perkumpulan atau perusahaan"),
    "anthem": ("Lagu Kebangsaan Indonesia Raya", "UU 24/2009 Pasal 64 (lagu kebangsaan)",
               "UU 24/2009 Pasal 64 melarang mengubah lagu kebangsaan (nada, irama, kata-kata, gubahan) "
               "untuk menghina, serta memakainya untuk iklan komersial"),
    "language": ("Bahasa Indonesia sebagai bahasa negara", None,
                 "penghinaan terhadap bahasa negara tidak dipidana UU 24/2009, tetapi melanggar larangan "
                 "SKB 11 Menteri dan etika bermedia sosial ASN"),
}


def _w(*groups: str) -> list[str]:
    out: list[str] = []
    for g in groups:
        out += [t.strip() for t in g.split(",") if t.strip()]
    return out


# Lyrics of the first stanza of Indonesia Raya (W.R. Supratman, 1928; public domain), one line each.
ANTHEM_LINES = (
    "indonesia tanah airku tanah tumpah darahku",
    "disanalah aku berdiri jadi pandu ibuku",
    "indonesia kebangsaanku bangsa dan tanah airku",
    "marilah kita berseru indonesia bersatu",
    "hiduplah tanahku hiduplah negeriku bangsaku rakyatku semuanya",
    "bangunlah jiwanya bangunlah badannya untuk indonesia raya",
    "indonesia raya merdeka merdeka tanahku negeriku yang kucinta",
    "indonesia raya merdeka merdeka hiduplah indonesia raya",
)

# context lists, matched once per field
_LOGO_WORDS = frozenset(("logo", "stempel", "cap", "emblem", "simbol", "lencana", "lambang"))
_CUES = ("witness", "use_frame", "locative", "write_linker", "flying", "deliberate", "accidental", "first_person",
         "call", "intent", "mockery", "negation", "condemn", "news", "etiquette", "replace", "disposal", "ceremony",
         "respect", "trade", "anthem_song_cue", "carry")
_AFFIX_CUES = {"flying", "news", "trade", "anthem_song_cue"}
_STATE_WORDS = {"jelek", "jelek banget", "burik", "buluk", "payah", "aneh", "busuk", "norak", "norak banget"}
_LOOKALIKE_NEEDS_LOGO = {"mirip", "menyerupai", "serupa", "edit", "diedit", "editan", "kw", "palsu", "abal abal",
                         "tiru", "versi sendiri"}
_VERB_ACTS = {"act_destroy", "act_write", "act_degrade"}
# words that may stand between a verb and its object: "bakar tuh bendera", "injak aja semua bendera"
_OBJECT_GLUE = {"tuh", "itu", "ini", "nih", "saja", "aja", "semua", "seluruh", "para", "si", "sang", "lah", "dong",
                "deh", "sih", "yang", "kau", "lagi", "juga", "sebuah", "selembar", "beberapa", "banyak", "rame",
                "ramai", "satu", "dua", "sekalian", "langsung", "wae", "ae"}
# words that may follow an active verb whose object is the flag named before it: "benderanya gue bakar aja"
_FOLLOW_OK = _OBJECT_GLUE | {
    "bareng", "bersama", "sama", "sampai", "hingga", "habis", "pas", "waktu", "saat", "ketika", "terus", "lalu",
    "kemudian", "biar", "supaya", "agar", "karena", "soalnya", "sambil", "pakai", "dengan", "di", "ke", "dari",
    "tadi", "kemarin", "barusan", "sendiri", "kok", "ya", "yuk", "ayo", "wkwk", "haha", "hehe", "mantap", "puas",
    "jadi", "sekarang", "besok", "nanti", "kali", "banget", "sekali", "pun", "kan", "gitu", "begitu", "tidak",
    "biarin", "terus", "mulu", "melulu", "lho", "loh", "kah", "pula", "semuanya", "depan", "atas", "bawah",
    "dalam", "luar", "tengah", "injak", "bakar", "robek", "sobek", "keras", "kuat", "pelan", "habisan", "setelah",
    "sebelum", "abis", "sampe", "biarpun", "walau", "walaupun", "meski", "siapa", "takut", "saya", "kamu",
    "kami", "kita", "mereka", "dia"}
_NOT_NEGATING = {"lebih", "beda", "berbeda", "ubahnya", "bedanya", "jauh"}
_MATERIAL = {"dari", "pakai", "dengan", "menggunakan", "memakai", "bahan", "bahannya", "dibuat", "bikin", "buat",
             "dijahit", "jahit", "potongan", "bekas"}
_BARE_FLAG = {norm_phrase(w) for w in ("bendera", "bendra", "bndera", "bndr", "bendero", "benderah", "bnder",
                                        "gendera", "gendero")}
_MOCK_EMOJI = set("😂🤣😆😹😜🤪😝😛🤭😅😁😄🙈🤡💩🖕")
_ANGRY_EMOJI = set("😡🤬😠😤😢😭😞😔🙏💔")


@dataclass(frozen=True, slots=True)
class _Sym:
    first: int
    last: int
    kind: str
    strength: float
    term: str
    named: bool  # the mention itself says which symbol (not a bare "bendera")


@dataclass(frozen=True, slots=True)
class _Act:
    first: int
    last: int
    cat: str
    term: str
    colloquial: str = ""  # the colloquial prefix that was stripped ("ku", "nge"), if any


class _View:
    """One text field seen by this rule: word positions, sentences and the cue matches."""

    def __init__(self, f: TextField, syn: Normalized):
        self.f = f
        self.doc = f.doc
        self.syn = syn
        self.toks = f.doc.tokens
        self.wpos: dict[int, int] = {}
        self.words: list[int] = []
        self.sid: list[int] = []
        self.question_sents: set[int] = set()
        self.mock_emoji = self.angry_emoji = False
        s = 0
        for i, t in enumerate(self.toks):  # one pass: word positions, sentences, questions, emoji
            self.sid.append(s)
            kind = t.kind
            if kind in _WORD_KINDS:
                self.wpos[i] = len(self.words)
                self.words.append(i)
            elif kind == "punct":
                if t.norm == "?":
                    self.question_sents.add(s)
                s += 1
            elif kind == "emoji":
                self.mock_emoji = self.mock_emoji or t.norm in _MOCK_EMOJI
                self.angry_emoji = self.angry_emoji or t.norm in _ANGRY_EMOJI
        self.cues: dict[str, list[Match]] = {}
        self.memo: dict[str, list[Match]] = {}

    def norm(self, i: int) -> str:
        return self.toks[i].norm

    def word_at(self, ordinal: int) -> str:
        return self.toks[self.words[ordinal]].norm if 0 <= ordinal < len(self.words) else ""

    def sent_words(self, sid: int) -> list[int]:
        return [i for i in self.words if self.sid[i] == sid]


class _Cues(dict):
    """The cue lists' matches in a field, each found on first use: most texts name no symbol and need none."""

    def __init__(self, terms: Mapping[str, Any], doc: Normalized):
        super().__init__()
        self.terms, self.doc = terms, doc

    def __missing__(self, name: str) -> list[Match]:
        found = self[name] = self.terms[name].find(self.doc)
        return found


def _light(doc: Normalized) -> Normalized:
    """Tokens with a trailing possessive "-nya" cut off, so "benderanya" and "bahasa indonesianya" match."""
    toks = tuple(Token(t.norm[:-3], t.start, t.end, t.kind)
                 if t.kind == "word" and t.norm.endswith("nya") and len(t.norm) > 6 else t
                 for t in doc.tokens)
    if toks == doc.tokens:
        return doc  # nothing cut: the text itself, whose word-list table is built already
    return Normalized(doc.original, toks)


_COLLOQUIAL_PREFIXES = (("nge", ("",)), ("ng", ("", "k")), ("ny", ("s", "c")), ("ku", ("",)), ("kau", ("",)))
_COLLOQUIAL_SUFFIXES = ("inya", "in", "nya")


def _colloquial_stems(w: str) -> list[tuple[str, str]]:
    """Jakarta-slang verb forms back to a stem a lexicon knows: "ngeludahin" -> "ludah", "nyobek" -> "sobek"."""
    bases = [(w, "")]
    for p, repls in _COLLOQUIAL_PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 3:
            bases += [(r + w[len(p):], p) for r in repls]
    out = list(bases[1:])
    for b, p in bases:
        for s in _COLLOQUIAL_SUFFIXES:
            if b.endswith(s) and len(b) - len(s) >= 3:
                out.append((b[: -len(s)], p))
    return out


def _lev1(a: str, b: str) -> bool:
    """True when a and b differ by at most one edit."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    return a[i + (la == lb):] == b[i + 1:]


_LYRIC_AFFIX = ("nya", "lah", "ku", "mu")


def _lyric_eq(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) >= 5 and len(b) >= 5 and _lev1(a, b):
        return True
    for x, y in ((a, b), (b, a)):  # "menjadi" / "jadi", "berdirilah" / "berdiri"
        for p in ("men", "me", "ber"):
            if x.startswith(p) and x[len(p):] == y:
                return True
        for s in _LYRIC_AFFIX:
            if x.endswith(s) and x[: -len(s)] == y and len(y) >= 4:
                return True
    return False


class _ActsNear:
    """The acts that `_pair` could join to a symbol (at most 10 words apart), in the order found: a long
    text is paired in time linear in its length, not symbols x acts."""

    REACH = 10 + 1  # `_pair` drops pairs more than 10 words apart

    def __init__(self, v: _View, acts: list[_Act]):
        self.acts = acts
        self.anywhere = [k for k, a in enumerate(acts) if a.first not in v.wpos or a.last not in v.wpos]
        self.keyed = sorted((v.wpos[a.first], k) for k, a in enumerate(acts) if k not in self.anywhere)
        self.firsts = [p for p, _ in self.keyed]
        self.span = max((v.wpos[a.last] - v.wpos[a.first] for a in acts if a.first in v.wpos and a.last in v.wpos),
                        default=0)
        self.v = v

    def around(self, s: _Sym) -> list[_Act]:
        if len(self.acts) <= 8:
            return self.acts
        lo = self.v.wpos[s.first] - self.REACH - self.span
        hi = self.v.wpos[s.last] + self.REACH
        ks = [k for _, k in self.keyed[bisect_left(self.firsts, lo):bisect_right(self.firsts, hi)]]
        return [self.acts[k] for k in sorted(ks + self.anywhere)]


def _lyric_neighbours(w: str, vocab: set[str], deletions: dict[str, set[str]]) -> set[str]:
    """The lyric words `_lyric_eq` could accept for w (a superset, found by lookups instead of comparing w with
    every lyric word): equal, one edit away (through the words with one letter left out), or w with or
    without a prefix or suffix of `_lyric_eq`."""
    out = {w} & vocab
    if len(w) >= 4:
        out |= deletions.get(w, set())  # a letter inserted in w's lyric word
        for k in range(len(w)):
            d = w[:k] + w[k + 1:]
            if d in vocab:  # a letter too many in w
                out.add(d)
            out |= deletions.get(d, set())  # one letter changed
    for p in ("men", "me", "ber"):
        if w.startswith(p) and w[len(p):] in vocab:
            out.add(w[len(p):])
        if p + w in vocab:
            out.add(p + w)
    for sfx in _LYRIC_AFFIX:
        if w.endswith(sfx) and w[: -len(sfx)] in vocab:
            out.add(w[: -len(sfx)])
        if w + sfx in vocab:
            out.add(w + sfx)
    return out


class StateSymbolDetector(Detector):
    rule = 5
    key = "rule5"
    name = "rule5.symbols"
    version = 6  # 2: "lihat saya injak ..." is the author's own act; 3: an officer correcting the act, speech verbs as witness;
    # 4: mockery at a ceremony is not softened by it; 5: a laugh does not lift an act that hangs on context, a
    # carried flag is not the clothing named nearby, "dasar" + the symbol is the insult, offender words out of
    # the condemn list; 6: colloquial "-in" forms of writing on a symbol ("tempelin stiker")
    title = "merendahkan simbol negara (bendera, lambang, lagu kebangsaan, bahasa)"
    basis = (
        "SKB 11 Menteri 2019 angka 10",
        "UU 24/2009 Pasal 24 (bendera)",
        "UU 24/2009 Pasal 57 (lambang negara)",
        "UU 24/2009 Pasal 64 (lagu kebangsaan)",
        "Etika bermedia sosial ASN Pemasyarakatan angka 5",
    )
    roles = ("own", "target")

    lists = {
        # ---- symbols
        "sym_flag": _w(
            "sangsaka, sangsaka merah putih, bendera merah putih, sang merah putih, sang saka, sang saka merah putih, "
            "saka merah putih, bendera pusaka, bendera indonesia, bendera indo, bendera ri, bendera nkri, bendera "
            "negara, bendera kebangsaan, bendera negeri, bendera bangsa, bendera nasional, bendera republik "
            "indonesia, bendera negara indonesia, bendera kita, bendera merah-putih, bendera mp, bendera 17an, "
            "bendera tujuhbelasan, bendera tujuh belasan, bendera agustusan, bendera kemerdekaan, bendra merah putih, "
            "bndera merah putih"),
        "sym_flag_weak": _w(
            "gendero abang putih, bendero abang putih, merahputih, mrh pth, merah pth, mrh putih, mrh ptih, bendera, "
            "bendra, bndera, bndr, bendero, benderah, bnder, gendera, merah putih, merput, sang merah, merah dan "
            "putih"),
        "sym_emblem": _w(
            "garuda pancasila, lambang negara, lambang garuda, lambang garuda pancasila, burung garuda pancasila, "
            "logo garuda, logo garuda pancasila, lambang pancasila, lambang negara indonesia, lambang ri, lambang "
            "nkri, lambang burung garuda, gambar garuda pancasila, simbol garuda, simbol negara garuda"),
        "sym_emblem_weak": _w(
            "garuda, burung garuda, grda"),
        "sym_anthem": _w(
            "lagu kebangsaan, lagu indonesia raya, lagu kebangsaan indonesia, lagu kebangsaan indonesia raya, lagu "
            "kebangsaan kita, lagu nasional indonesia raya, lagu indo raya, himne indonesia raya, lagu kebangsaan ri, "
            "lagu kebangsaan negara"),
        "sym_anthem_weak": _w(
            "indonesia raya, indo raya"),
        "sym_language": _w(
            "bahasa indonesia, bahasa indo, bahasa nasional, bahasa persatuan, bahasa negara, bahasa resmi negara, "
            "bhs indonesia, bhs indo, bahasa indon, bahasa negara kita, b indonesia, bahasa kebangsaan, b indo, "
            "b.indo"),
        # ---- acts
        "act_destroy": _w(
            "sobek sobek, koyak koyak, idak, diidak, ngidak, obong, diobong, ngobong, suwek, disuwek, nyuwek, injak, "
            "injek, pijak, injak injak, injek injek, inejk, bakar, bakar bakar, robek, robek robek, sobek, koyak, "
            "cabik, cabik cabik, gunting, potong potong, rusak, hancurkan, ludah, ludahi, ludahin, kencing, kencingi, "
            "kencingin, pipis, pipisin, berak, boker, beraki, tai, taiin, eek, tendang, lempar, buang ke tempat "
            "sampah, tempat sampah, tong sampah, buang, remas, remas remas, kunyah, gigit, kencing di, kotori, "
            "dikotori, lumuri, cakar, tusuk, cebok, inak, injakin, bakarin, robekin, sobekin, obrak abrik, jadikan "
            "keset kaki, sepak, gilas, lindas"),
        "act_misuse": _w(
            "kset, kesetnya, tplak, lap, kain lap, lap kaki, lap meja, lap motor, lap mobil, lap sepatu, lap ingus, "
            "lap keringat, keset, taplak, taplak meja, serbet, kain pel, ngepel, mengepel, dipel, pel lantai, "
            "bungkus, pembungkus, bungkusan, bungkusin, kemasan, celana dalam, kancut, sempak, kolor, beha, bh, "
            "popok, pembalut, bra, kutang, cawat, tisu, tissue, tisu toilet, kain bekas buat, gombal, kain gombal, "
            "keset kaki, alas kaki, alas duduk, alas tidur, alas sepatu, alas piring, alas sandal, alas pantat, lap "
            "tangan, sarung bantal, gorden kamar mandi, penutup kepala motor, cosplay jadi sempak, bikini, lap dapur, "
            "cover motor, cover mobil, sarung motor, sarung mobil, penutup motor, penutup mobil, penutup galon, "
            "sarung jok, cover jok, penutup jok, sarung galon, penutup tong sampah, alas jemuran"),
        "act_misuse_frame": _w(
            "ganjel, ganjal, ganjalan, pengganjal, sumpal, penyumpal, alas, atap, plafon, langit langit, tirai, "
            "gorden, gordin, sarung, celana, rok, rok mini, baju, kaos, kostum, selimut, seprai, sprei, handuk, "
            "karpet, tikar, terpal, penutup, tutup, bantal, mainan, kemben, celemek, ikat kepala, masker, sandal, "
            "sepatu, kantong, tas, jemuran, keset, pengganti kain, bandana, cosplay, daster, sarung tangan, kain "
            "pembersih, pembersih"),
        "act_write": _w(
            "tanda tanganin, tandatanganin, ditandatanganin, tanda tangani, coret, coret coret, corat coret, coretan, "
            "dicoreti, vandal, vandalisme, grafiti, graffiti, pilok, pilox, ditulisi, digambari, dilukisi, ditempeli, "
            "ditandatangani, disablon, dicat, dicatin, dicat ulang, spidol, tandatangani, dikasih kumis, dikasih tanduk, "
            "digambar kumis, digambarin, digambarin kumis, dikasih tanduk setan, dicorat coret, diedit jadi, edit jadi, "
            "diedit, diedit jd, diubah jadi ayam, "
            # colloquial "-in" forms ("gw tempelin stiker kumis", "dicoretin")
            "tempelin, ditempelin, nempelin, tempelin stiker, ditempel stiker, kasih stiker, dikasih stiker, coretin, "
            "dicoretin, nyoret, nyoretin, gambarin, nggambarin, kasih kumis"),
        "act_write_after": _w(
            "bertuliskan, bertulisan, bergambar, berlogo, bertanda tangan, berlambang"),
        "act_write_weak": _w(
            "tulisan, tulis, tuliskan, logo, gambar, lukisan, stiker, tanda tangan, ttd, nama, sablon, sablonan, "
            "tempel, tempelan, lukis, emblem, cap, stempel, cetakan, bordir, sulam, huruf, angka, simbol, lambang, "
            "foto, wajah"),
        "act_insult": _w(
            "sampah, jelek, jelek banget, norak, membosankan, ngebosenin, bosenin, tidak enak didengar, kampungan, "
            "tai, taik, tahi, najis, busuk, menjijikkan, jijik, murahan, rendahan, hina, goblok, tolol, bodoh, bego, "
            "bodo, anjing, babi, bangsat, brengsek, asu, jancuk, kampret, monyet, cringe, alay, lebay, katrok, udik, "
            "ndeso, primitif, memalukan, basi, tidak berguna, tidak guna, tidak penting, tidak ada artinya, tidak ada "
            "gunanya, tidak ada harganya, tidak berarti, omong kosong, sampah masyarakat, receh, payah, ampas, burik, "
            "buluk, cupu, menyebalkan, bikin muak, muak, norak banget, bullshit, sialan, keparat, bajingan, kacangan, "
            "ecek ecek, abal abal, lucu lucuan, sok, tidak jelas, aneh, konyol"),
        "act_insult_flag": _w(
            "kain lap, kain pel, kain bekas, kain murahan, kain rombeng, kain perca, cuma kain, hanya kain, sekadar "
            "kain, sekedar kain, sepotong kain, selembar kain, kain doang, kain biasa, kain gombal, rombeng, gombal, "
            "rongsokan, gombal mukiyo, kain kafan"),
        "act_insult_emblem": _w(
            "ayam, ayam sayur, ayam potong, ayam kampung, ayam sakit, bebek, burung jelek, burung dara, burung puyuh, "
            "burung gereja, burung pipit, burung hantu, kalkun, burung sakit, burung botak, ayam botak, ayam jago, "
            "ayam goreng, ayam geprek, ayam penyet, burung gagak, kelelawar, unggas, entok, angsa, perkutut, merpati"),
        "act_insult_language": _w(
            "kampungan, bahasa kampung, bahasa babu, bahasa budak, bahasa pembantu, bahasa jongos, babu, budak, "
            "jongos, pembantu, bahasa rendahan, bahasa miskin, bahasa orang miskin, miskin, kelas rendah, kelas "
            "bawah, tidak level, tidak selevel, bahasa pasar, kuno, jadul, tidak keren, kurang keren, tidak gaul, "
            "bahasa orang kampung, orang kampung, tidak berkelas, malu pakai, malu memakai, malu berbahasa, malu "
            "ngomong, gengsi pakai, gengsi, kelas teri, bahasa sampah, bahasa kuli, kuli, bahasa alay, tidak modern, "
            "ketinggalan zaman, ketinggalan jaman, purba, bahasa purba, bahasa primitif"),
        "act_insult_religious": _w(
            "haram, syirik, musyrik, berhala, bidah, thaghut, kafir, menyembah berhala, sesat, tidak wajib dihormati"),
        "act_degrade": _w(
            "hina, lecehkan, pelecehan, leceh, nista, nistakan, penistaan, rendahkan, merendahkan, ejek, olok, olok "
            "olok, ledek, ledekin, permainkan, mainkan, candain, becandain, hinakan, injak injak harga diri, "
            "tertawakan, ketawain, jadikan lelucon, jadikan bahan candaan, bahan lelucon, bahan candaan, bahan "
            "ketawaan, bahan tertawaan, jadikan bercandaan, cemooh, kencingi harga diri"),
        "act_damaged": _w(
            "lusuh, kusam, pudar, luntur, robek, sobek, koyak, compang camping, kumal, dekil, butut, bolong, "
            "berlubang, rombeng, usang, kotor, rusak, kusut, lecek, lecet, sudah pink, jadi pink, pink putih, "
            "bulukan, robek robek, sobek sobek, tambalan, ditambal, tambal, kucel, buluk, lapuk, berjamur, ngelupas, "
            "jebol, bolong bolong, sobekan, robekan"),
        "act_upside": _w(
            "terbalik, kebalik, dibalik, dibalikkan, balik, putih merah, dibolak balik, bolak balik, dipasang "
            "terbalik, kayak polandia, jadi polandia, bendera polandia, kayak monako, jadi monako"),
        "act_parody": _w(
            "plesetan, pelesetan, plesetin, plesetkan, pelesetkan, plesetannya, parodi, parodikan, diparodikan, lirik "
            "diganti, lirik diubah, ganti lirik, ubah lirik, lirik plesetan, lirik baru, lirik ngawur, lirik "
            "nyeleneh, lirik lucu, lirik kocak, lirik diplesetkan, liriknya diganti, liriknya diubah, versi plesetan, "
            "diganti liriknya, diubah liriknya, ganti liriknya, ubah liriknya, diplesetkan liriknya, "
            "versi parodi, versi lucu, versi kocak, versi lawak, versi ngawur, versi nyeleneh, versi mabok, versi "
            "mabuk, dipelesetkan, diplesetin, diplesetkan, dipelesetin, meme, dimemekan, diedit jadi, diubah jadi, "
            "nadanya diubah, nada diubah, dinyanyikan sambil joget, diolok olok, jadi lelucon, lelucon, lawakan, "
            "guyonan, banyolan, bercandaan, candaan, prank, roasting, diejek, dipermainkan, versi jorok, lirik jorok, "
            "versi porno, plesetin liriknya, versi kentut, suara kentut, sambil kentut, pakai kentut, prett, pret "
            "pret, tut tut, dut dut, brot brot, ngik ngok, versi sendawa, sambil sendawa"),
        "act_parody_weak": _w(
            "versi koplo, versi dangdut, versi remix, remix, koplo, dangdut koplo, versi disko, disko, jedag jedug, "
            "versi jedag jedug, versi tiktok, versi rap, versi metal, versi reggae, dijogetin, joget, jogetan, sambil "
            "joget, goyang, goyangan, versi goyang, versi ngebut, dipercepat, slowed reverb, versi sped up, sped up, "
            "nightcore, mashup, mash up, dicampur lagu, dibalik nadanya, ditambahi beat, pakai beat, beat dj, versi "
            "dj, dj, nyanyi sambil ketawa, diketawain, sambil ketawa"),
        "act_lookalike": _w(
            "mirip, menyerupai, serupa, tiruan, tiru, jiplak, jiplakan, plagiat, modifikasi, modif, dimodif, warna "
            "diganti, diganti warna, diubah warna, warna diubah, versi sendiri, versi saya, versi kami, versi modif, "
            "versi modifikasi, versi baru, kepala diganti, diganti kepala, ganti kepala, berkepala, kepalanya "
            "diganti, diganti wajah, diganti muka, ganti muka, kepala kucing, kepala anjing, kepala babi, kepala "
            "ayam, badannya diganti, perisai diganti, perisainya diganti, diedit, edit, editan, kw, palsu, abal abal"),
        "act_owner": _w(
            "merek, brand, perusahaan, usaha, toko, partai, ormas, geng, komunitas pribadi, lambang keluarga, lambang "
            "pribadi, lambang perusahaan, lambang partai, lambang ormas, lambang geng, lambang klub, bisnis, warung, "
            "kafe, cafe, produk, merchandise, kemasan produk, label produk, olshop, online shop, logo usaha, "
            "logo toko, logo bisnis, logo warung, logo kafe, logo produk, logo brand, logo kami, logo saya, laundry, "
            "bengkel, salon, katering, konveksi, distro, kedai"),
        "act_commercial": _w(
            "iklan, reklame, promosi, promo, endorse, endorsement, jingle, backsound iklan, backsound, latar iklan, "
            "musik iklan, iklan komersial, untuk jualan, buat jualan, buat promosi, buat promo, untuk promosi, materi "
            "iklan, spanduk promo, diskon"),
        # ---- qualifiers that make a mention another symbol
        "other_flag_after": _w(
            "partai, parpol, ormas, organisasi, perusahaan, pt, klub, club, suporter, start, finish, finis, balap, "
            "balapan, kuning, putih, hitam, hijau, biru, merah, ungu, oranye, pelangi, lgbt, one piece, bajak laut, "
            "tengkorak, tauhid, hti, isis, fpi, pki, palu arit, komunis, bintang kejora, papua merdeka, opm, rms, "
            "gam, aceh, asing, negara lain, negara asing, luar negeri, as, amerika, amerika serikat, usa, israel, "
            "palestina, malaysia, singapura, china, cina, tiongkok, jepang, korea, belanda, inggris, prancis, "
            "perancis, jerman, arab, saudi, rusia, ukraina, india, thailand, vietnam, filipina, australia, polandia, "
            "monako, monaco, timor leste, brunei, turki, iran, irak, suriah, afganistan, uni eropa, pbb, asean, "
            "sekolah, pramuka, semaphore, semafor, sinyal, kapal, perang, kemenangan, offside, sudut, corner, tim, "
            "kubu, koalisi, kampanye, pdip, pdi, gerindra, golkar, pks, pkb, demokrat, nasdem, psi, ppp, pan, hanura, "
            "perindo, kotak kotak, sepak bola, macan, racing, persija, persib, arema, bonek, jakmania, viking, "
            "aremania, slank, band, kampus, universitas, fakultas, himpunan, ukm, osis, kelas, fandom, kpop, bts, "
            "blackpink, anime, umat, jihad, khilafah, setengah merah, bulan sabit, bintang"),
        "other_flag_before": _w(
            "upacara, apel, pengibaran, penurunan, di bawah, dibawah, bawah, mengatasnamakan, atas nama, tiang, tali, "
            "angkat bendera, pengibar, pembawa, lomba, toko, penjual, pedagang, berjualan, tukang, grosir, pabrik, "
            "emoji, stiker"),
        "other_nation": _w(
            "malaysia, singapura, amerika, as, israel, palestina, china, cina, tiongkok, jepang, korea, belanda, "
            "inggris, prancis, perancis, jerman, arab, saudi, rusia, ukraina, india, thailand, vietnam, filipina, "
            "australia, polandia, timor leste, brunei, turki, iran, negara lain, asing, daerah, jawa, sunda, batak, "
            "minang, bali, bugis, madura, betawi, inggrisnya, korea selatan, partai, ormas, gerindra, klub, tim, "
            "fifa, sekolah"),
        "colour_context": _w(
            "kue, tumpeng, bubur, kerupuk, nasi, puding, agar agar, cake, tart, roti, donat, es, minuman, jajanan, "
            "hiasan, dekorasi, hias, menghias, balon, pita, umbul umbul, lampu, lampion, baju, kaos, kaus, seragam, "
            "kostum, pakaian, busana, kerudung, jilbab, hijab, topi, warna, berwarna, bernuansa, nuansa, tema, "
            "bertema, cat, dicat, kertas, kutek, kuteks, gapura, pagar, bambu, kabinet, koperasi, program, tim, "
            "skuad, pasukan, laskar, koalisi, gerakan, bank, semangat, jiwa, darah, gelang, syal, slayer, bandana, "
            "masker, lukisan, gambar, mewarnai, lampu hias, sepatu, motor, mobil, sepeda, kuku, rambut, makeup, "
            "riasan, lipstik, mural, tembok, dinding, perahu, kapal, cendol, es krim, permen, sambal, kolak, kelepon, "
            "klepon, dawet, lapis, bolu, nastar, brownies, cupcake, bendera kecil, mahkota, lilin, tenda, payung, "
            "kembang, bunga, taman, jalan, lorong, gang, kampung, rumah, kantor, karangan, rangkaian, parsel, "
            "hampers, kado, bingkisan, pin, bros, lencana, vespa"),
        "emblem_other": _w(
            "garuda indonesia, maskapai, pesawat, penerbangan, terbang, tiket, pilot, pramugari, bandara, delay, "
            "saham, bumn, timnas, tim nasional, skuad garuda, garuda muda, garuda select, garuda pertiwi, garuda "
            "food, garudafood, wisnu, kencana, gwk, pemain, main, mainnya, laga, tanding, bertanding, pertandingan, "
            "gol, skor, kalah, menang, pelatih, suporter, bola, sepak bola, piala, liga, aff, sea games, asian games, "
            "kualifikasi, stadion, kiper, striker, wasit, penalti, garuda di dadaku, rugi, utang, direksi, dirut, "
            "kargo, rute, penumpang, kabin, bagasi, armada, garuda mas, garuda nusantara, kereta, bus, travel, hotel, "
            "universitas, paskibraka"),
        "anthem_song_cue": _w(
            "lagu, lirik, nyanyi, menyanyi, menyanyikan, dinyanyikan, nyanyikan, nyanyiin, bait, stanza, reff, "
            "refrain, kumandang, dikumandangkan, berkumandang, diputar, putar, memutar, instrumen, aransemen, musik, "
            "versi, cover, audio, rekaman, supratman, wr supratman, not balok, not angka, nada, irama, mars, himne, "
            "paduan suara"),
        "anthem_other": _w(
            "gerakan indonesia raya, partai gerindra, gerindra, salam indonesia raya, partai indonesia raya, koalisi "
            "indonesia raya, kabinet indonesia raya, seluruh indonesia raya, jalan indonesia raya, universitas "
            "indonesia raya, parindra"),
        "language_skill": _w(
            "nilai, ujian, ulangan, rapor, raport, skor, mapel, mata pelajaran, soal, kemampuan, penguasaan, tata "
            "bahasa, ejaan, nilai ujian, un, unbk, utbk, tes, toefl, ukbi, grammar, kosakata, pengucapan, logat, "
            "aksen, tulisan, terjemahan, translate, subtitle, teks, pidato, skripsi, artikel, dokumen, laporan, "
            "surat, caption, penulisan, dubbing, sulih suara, versi bahasa"),
        # ---- frames and context
        "use_frame": _w(
            "jadi, jadikan, dijadikan, menjadikan, kujadikan, jadiin, dijadiin, membuat, memakainya, dipakainya, "
            "sebagai, buat, untuk, pakai, dipakai, pakaikan, bikin, dibikin, dibuat, jadi bahan, sulap, disulap, ubah "
            "jadi, diubah jadi, dipake, bekas, alih fungsi, dialihfungsikan, gunakan, digunakan, menggunakan, "
            "memakai, mengganti, pengganti, ganti"),
        "locative": _w(
            "di, di atas, diatas, atas, pada, ke, ke atas, keatas, dalam, di dalam, di tengah, ditengah"),
        "write_linker": _w(
            "ada, dengan, dikasih, dikasi, diberi, diberikan, ditambah, ditambahin, ditambahkan, pakai, plus, penuh, "
            "full, dipenuhi, dihiasi, diisi, ditempel, ditempeli, ditulis, digambar, dilukis, dicetak, disablon, "
            "dibordir, disulam, dicap, distempel, dikasih tulisan, ditulisin, digambarin"),
        "flying": _w(
            "kibar, kibarkan, dikibarkan, berkibar, mengibarkan, pasang, dipasang, terpasang, naik, dinaikkan, tiang, "
            "pajang, dipajang, gantung, digantung, tancap, ditancap, ditancapkan, kerek, dikerek, depan rumah, depan "
            "kantor, halaman"),
        "deliberate": _w(
            "sengaja, disengaja, dengan sengaja, biarin, biarkan, dibiarkan, biar saja, bodo amat, bodoh amat, masa "
            "bodo, masa bodoh, bodoamat, cuek, yang penting, tidak usah ganti, tidak perlu ganti, tidak usah diganti, "
            "tidak perlu diganti, mengapa ganti, ngapain ganti, males ganti, malas ganti, malas beli, males beli, "
            "tidak usah beli, mengapa beli, biar kelihatan, biar keliatan, biar kayak, biar mirip, biar lucu, biar "
            "viral, buat konten, demi konten, konten, emang kenapa, siapa peduli, tidak peduli, peduli amat, tidak "
            "papa, tidak apa apa, santai, nyantai, selow, sekalian, iseng, protes, sindir, menyindir, sindiran, "
            "simbol protes, buat protes, sebagai protes, pura pura, biar, hemat, biar hemat, sayang duit, sayang "
            "uang, malas, males, ogah ganti, ogah beli"),
        "accidental": _w(
            "tidak sengaja, tak sengaja, tanpa sengaja, kurang hati hati, tidak disengaja, kecelakaan, terjatuh, "
            "jatuh, kena angin, tertiup angin, diterpa angin, termakan usia, dimakan usia, dimakan waktu, faktor "
            "usia, karena cuaca, kehujanan"),
        "witness": _w(
            "lihat, melihat, nonton, menonton, baca, membaca, dengar, mendengar, denger, ketemu, menemukan, nemu "
            "video, lihat video, dapat kiriman, dapat video, di grup, kiriman, melihatnya, ketahuan, mergokin, "
            "memergoki, bilang, ngomong, berkata, mengatakan, nyebut, menyebut, ngatain, mengatai, yang bilang"),
        "first_person": _w(
            "saya, kami, sy, aq, ak, ana, gweh, w, awak, kita semua"),
        "call": _w(
            "ayo, ayok, yuk, yok, mari, kuy, hayuk, hayu, hayo, ramai ramai, rame rame, beramai ramai, siapa mau, "
            "siapa berani, berani tidak, gas, gaskan, sikat"),
        "intent": _w(
            "mau, ingin, pengen, pingin, pgn, akan, bakal, siap, coba, nyoba, iseng, pernah, sering, biasa, suka, "
            "hobi, doyan, sekalian, langsung, mending, mendingan, enaknya, pantasnya, layaknya"),
        "mockery": _w(
            "wkwk, haha, hihi, hehe, ngakak, lucu, kocak, lol, gokil, receh, awok, ngakak parah, ketawa, seru, asik, "
            "asyik, mantap, keren, epic, epik, lawak, kwkw, xixixi, wkwkwk, anjay, santuy"),
        "negation": _w(
            "tidak ada yang boleh, tak ada yang boleh, tidak seorang pun boleh, jangan ada yang, dilarang keras, "
            "siapa pun tidak boleh, tidak, jangan, bukan, tak, belum, tanpa, bukanlah, jgn, tidaklah, janganlah, "
            "enggan, tidak boleh, tak boleh, dilarang, haram hukumnya, pantang, tidak akan, tidak pernah, siapa "
            "bilang, kata siapa, mana ada, ogah"),
        "condemn": _w(
            "jangan, janganlah, dilarang, larang, larangan, tidak boleh, tak boleh, miris, prihatin, sedih, geram, "
            "marah, kesal, mengecam, kecam, kecaman, mengutuk, kutuk, tidak pantas, tak pantas, tidak etis, "
            "keterlaluan, kurang ajar, biadab, tidak terpuji, tak terpuji, tidak beradab, tolong hargai, hargai, "
            "hargailah, hormati, hormatilah, seharusnya, semestinya, sepatutnya, harusnya, tindak, ditindak, tindak "
            "tegas, usut, diusut, usut tuntas, tangkap, ditangkap, hukum, dihukum, hukum berat, penjarakan, "
            "dipenjara, laporkan, dilaporkan, lapor, pecat, dipecat, sanksi, disanksi, pidana, dipidana, proses "
            "hukum, astaghfirullah, astagfirullah, astaga, naudzubillah, innalillahi, ya allah, ya tuhan, tidak "
            "menghargai, tidak menghormati, tidak tahu diri, tak tahu diri, tidak punya malu, tak punya malu, oknum, "
            "kelakuan, ulah, dasar, tega, tega teganya, tidak habis pikir, ga habis pikir, heran, stop, hentikan, "
            "berhenti, jangan sampai, apabila ada, apa bila ada, jika ada, bila ada, kalau ada, barang siapa, "
            "barangsiapa, siapapun yang, siapa pun yang, siapa saja yang, otak di mana, di mana otak, di mana "
            "otaknya, otaknya di mana, akal sehat, tidak waras, kurang waras, sakit jiwa, tidak punya adab, siapa "
            "bilang, kata siapa, dikutuk, dikecam, menindak, melaporkan, disesalkan, menyesalkan, sesalkan, "
            "dipidanakan, pengkhianat, durhaka, tidak nasionalis, kecewa, "
            "menyayangkan, disayangkan, sayang sekali, memprihatinkan, sangat disayangkan, tidak layak, pelecehan, "
            "penghinaan, penistaan, menodai, mencoreng, melukai, sakit hati, tersinggung, deportasi, dideportasi, "
            "usir, diusir, minta maaf, meminta maaf, ngeri, serem, parah banget, tidak ada akhlak, tidak punya "
            "akhlak, sungguh terlalu, emosi, bikin emosi, kurang kerjaan, tidak punya otak, tidak masuk akal, "
            "diproses, harus diproses, tidak bermoral, tidak berakhlak, bejat, salah besar, tercela, ironis, mengapa "
            "ada, kenapa ada, kok ada, ada ada saja, tidak patut, tak patut, patut dihukum, harus dihukum, wajib "
            "dihukum, "
            # an officer correcting someone else's act: "saya tegur", "sudah dibina", "langsung kami suruh tutup"
            "tegur, menegur, ditegur, teguran, kami tegur, saya tegur, dibina, kami bina, beri pembinaan, diberi "
            "pembinaan, kami beri pembinaan, suruh tutup, suruh copot, suruh ganti, suruh lepas, suruh hapus, "
            "disuruh copot, disuruh ganti, disuruh hapus, ceramahin, diceramahin, nasehatin, dinasehati, "
            "dinasihati, menasihati, menasehati, dikasih tahu, kasih tahu, diingatkan, mengingatkan, diluruskan, "
            "meluruskan, dibetulkan, membetulkan, ditertibkan, menertibkan"),
        "news": _w(
            "polisi, polres, polsek, polda, polri, kapolres, kapolsek, kapolda, aparat, kepolisian, pihak kepolisian, "
            "ditangkap, menangkap, diamankan, mengamankan, diringkus, pelaku, para pelaku, tersangka, terduga, "
            "diduga, diperiksa, pemeriksaan, dilaporkan, laporan, kasus, dijerat, terancam, ancaman hukuman, penjara, "
            "denda, pasal, undang undang, berita, dilansir, dikutip, menurut, ujar, ungkap, tutur, kata dia, katanya, "
            "jelasnya, ucapnya, seorang pria, seorang wanita, seorang warga, seorang pemuda, seorang remaja, seorang "
            "oknum, sejumlah, warganet, netizen, beredar, tersebar, sebuah video, dalam video, rekaman video, "
            "memperlihatkan, terlihat, tampak, sekelompok, seorang, kedapatan, terekam, terekam kamera, pemilik akun, "
            "unggahan, diunggah, mengunggah, video viral, viral video, sempat viral, sedang viral, tengah viral, "
            "kejadian, peristiwa, insiden, kronologi, klarifikasi, mengklarifikasi, pengadilan, vonis, divonis, "
            "hakim, jaksa, sidang, breaking news, kodim, koramil, dandim, pemda, pemkot, pemkab, bupati, wali kota, "
            "walikota, gubernur, camat, lurah, kepala desa, kades, dikecam, menuai kecaman, menuai kritik, dihujat, "
            "diburu, memburu, menyelidiki, penyelidikan, penyidikan, penyidik, wna, tka, mahasiswa, kronologis, "
            "diberitakan, sumber, media, liputan, reporter, wartawan, jurnalis, redaksi, pers, rilis"),
        "etiquette": _w(
            "cara, tata cara, tatacara, yang benar, dengan benar, yang baik, yang tepat, dengan tepat, aturan, "
            "ketentuan, etika, edukasi, sosialisasi, tips, panduan, pedoman, belajar, pelajaran, materi, siswa, "
            "murid, guru, sekolah, ppkn, pkn, makna, arti, filosofi, sejarah, mengenal, kenali, lipat, melipat, "
            "dilipat, simpan, menyimpan, disimpan, bolehkah, apakah boleh, boleh tidak, boleh gak, boleh, apakah, "
            "sebaiknya, seyogyanya, hendaknya, perlu, wajib, harus, uu 24, uu nomor 24, undang undang nomor 24, tahun "
            "2009, menurut aturan, pasal 24, pasal 57, pasal 64, dilarang, larangan, tidak boleh, ingat, ingatlah, "
            "pengingat, himbauan, imbauan, mengimbau, menghimbau, surat edaran, instruksi, diimbau, dihimbau, "
            "pengumuman, info, informasi, pemberitahuan, jangan lupa, kelas, kuis, quiz, ujian, soal, jawaban, mohon, "
            "dimohon, harap"),
        "replace": _w(
            "diganti, ganti, gantilah, mengganti, menggantikan, digantikan, diganti baru, ganti baru, yang baru, beli "
            "baru, beli yang baru, menggantinya, penggantian, pengganti, diperbaiki, perbaiki, dijahit, dibetulkan, "
            "betulkan, dibenahi, benahi, dirapikan, rapikan, tolong diganti, tolong dibetulkan, dicuci, cuci, "
            "mencuci, diturunkan, turunkan, segera ganti, segera diganti"),
        "disposal": _w(
            "dengan hormat, secara hormat, secara terhormat, dengan terhormat, dengan khidmat, secara khidmat, "
            "dimusnahkan, musnahkan, memusnahkan, pemusnahan, dimusnahkan dengan, dibakar dengan hormat, dengan "
            "layak, secara layak, dengan cara yang layak, disimpan dengan baik, tidak layak kibar, tak layak kibar, "
            "tidak layak pakai, tak layak pakai, sudah tidak layak, sudah tak layak"),
        "ceremony": _w(
            "upacara, upacara bendera, pengibaran, penurunan, pengibaran bendera, penurunan bendera, paskibra, "
            "paskibraka, pasukan pengibar, hormat bendera, hormat kepada bendera, khidmat, 17 agustus, tujuh belas "
            "agustus, 17an, agustusan, hut ri, hut kemerdekaan, hari kemerdekaan, kemerdekaan, dirgahayu, merdeka, "
            "hari pahlawan, hari lahir pancasila, sumpah pemuda, hari kesaktian, apel, apel pagi, apel bendera, "
            "peringatan, memperingati, detik detik proklamasi, proklamasi, bulan bahasa, hari bahasa, hari guru, hari "
            "santri"),
        "respect": _w(
            "hormat, menghormati, dihormati, hargai, menghargai, dihargai, cinta, mencintai, bangga, kebanggaan, "
            "merinding, haru, terharu, sakral, mulia, junjung, menjunjung, dijunjung, lestarikan, melestarikan, "
            "lindungi, jaga, menjaga, bela, membela, kibarkan dengan bangga, semangat, nasionalis, patriot, pahlawan, "
            "jasa, berjasa, jaya, terima kasih, alhamdulillah, bersyukur, indahnya, indah, cantik, bagus, rapi, "
            "gagah, megah, tegak, nasionalisme, cinta tanah air"),
        # right before the flag: it is carried or waved, not made into the clothing named nearby
        "carry": _w(
            "bawa, membawa, dibawa, bawain, pegang, memegang, dipegang, megang, kibarkan, mengibarkan, "
            "kibar kibarkan, lambaikan, melambaikan, dilambaikan, angkat, mengangkat, diangkat, tenteng, menenteng, "
            "ditenteng, genggam, menggenggam, digenggam, cium, mencium, dicium, peluk, memeluk"),
        "trade": _w(
            "jual, dijual, jualan, menjual, berjualan, penjual, pedagang, grosir, toko, harga, murah, ready, ready "
            "stock, open order, po, pre order, stok, tersedia, pesan, order, cod, ongkir, reseller"),
    }

    # ------------------------------------------------------------------ setup
    def setup(self, resources) -> None:
        def combined(names: Iterable[str]) -> TermSet:
            data: dict[str, str] = {}
            seen: set[str] = set()
            for name in names:
                for term in list(self.lists[name]) + list(self.config.extra_terms(self.key, name)):
                    star = "*" if term.strip().endswith("*") else ""
                    norm = norm_phrase(term.strip().rstrip("*"))
                    light = " ".join(w[:-3] if w.endswith("nya") and len(w) > 6 else w for w in norm.split())
                    for form in (norm, light):  # matched against "-nya"-stripped tokens too
                        if form and form + star not in seen:  # the first list naming a phrase keeps it
                            seen.add(form + star)
                            data[form + star] = name
            return resources.lexicon.termset(data.items())

        # context lists match whole words only ("ada" must not match "adalah", "hormati" not "dihormati")
        self._cue_terms = {name: resources.lexicon.termset(
            [(t, name) for t in list(self.lists[name]) + list(self.config.extra_terms(self.key, name))],
            affixes=name in _AFFIX_CUES) for name in _CUES}
        self._symbols = combined(SYMBOL_LISTS)
        self._acts = combined(ACTS)
        self._lyrics = [tuple(norm_phrase(line).split(" ")) for line in ANTHEM_LINES]
        self._lyric_vocab = {w for line in self._lyrics for w in line}
        # every beginning of a lyric word (the whole word too): only such a word can be merged with the next
        self._lyric_heads = {lw[:k] for lw in self._lyric_vocab for k in range(1, len(lw) + 1)}
        self._lyric_deletions: dict[str, set[str]] = {}  # a lyric word with one letter left out -> the words
        for lw in self._lyric_vocab:
            for k in range(len(lw)):
                self._lyric_deletions.setdefault(lw[:k] + lw[k + 1:], set()).add(lw)
        self._lyric_cache: dict[str, frozenset[str]] = {}
        self._colloquial_cache: dict[str, tuple[str, str, str] | None] = {}

    # ------------------------------------------------------------------ hook 1
    def detect(self, doc: Analysis) -> Iterable[Candidate]:
        spreading = doc.activity.type in SPREADING
        for f in doc.fields:
            if f.role == "own" or (f.role == "target" and spreading):
                yield from self.detect_field(doc, f)
        yield from image_signals.symbol_candidates(self, doc, ACTS, SYMBOL_INFO)  # flag and emblem in pictures

    def detect_field(self, doc: Analysis, f: TextField) -> Iterable[Candidate]:
        if not f.doc.tokens:
            return
        v = _View(f, _light(f.doc))
        v.cues = _Cues(self._cue_terms, v.doc)  # read only when a symbol, hashtag or lyric is found
        syms = self._find_symbols(v)
        best: dict[str, Candidate] = {}
        if syms:
            near = _ActsNear(v, self._find_acts(v))
            for s in syms:
                for a in near.around(s):
                    c = self._pair(v, s, a)
                    if c is not None and (s.kind not in best or c.confidence > best[s.kind].confidence):
                        best[s.kind] = c
        hashtag = self._hashtag_candidate(v)
        if hashtag is not None:
            kind = dict(hashtag.extra)["symbol_kind"]
            if kind not in best or hashtag.confidence > best[kind].confidence:
                best[kind] = hashtag
        lyric = self._lyric_candidate(v)
        if lyric is not None and ("anthem" not in best or lyric.confidence > best["anthem"].confidence):
            best["anthem"] = lyric
        for c in best.values():
            if f.role == "target":
                c = c.adjust(0.9, "konten pihak lain yang disebarkan ulang")
            yield c

    # ------------------------------------------------------------------ hook 2
    def assess(self, cand: Candidate, doc: Analysis) -> Candidate | None:
        if not cand.evidence or not cand.evidence[0].field.startswith("target"):
            return cand
        # spreading someone else's content: the author's own caption may condemn or report it
        for f in doc.own():
            own = f.doc
            light = _light(own)
            if self._cue_terms["condemn"].find(light) or any(t.kind == "emoji" and t.norm in _ANGRY_EMOJI
                                                        for t in own.tokens):
                return cand.adjust(0.4, "keterangan penyebar mengecam atau memperingatkan")
            if len(self._cue_terms["news"].find(light)) >= 1:
                return cand.adjust(0.5, "keterangan penyebar bernada pemberitaan")
            if self._cue_terms["mockery"].find(light) or any(t.kind == "emoji" and t.norm in _MOCK_EMOJI
                                                        for t in own.tokens):
                c = cand.adjust(1.15, "keterangan penyebar menertawakan")
                return replace(c, confidence=min(c.confidence, 0.97))
        return cand

    def run(self, doc: Analysis):
        out = []
        for finding in super().run(doc):
            kind = dict(finding.extra).get("symbol_kind")
            article = SYMBOL_INFO.get(kind, (None, None))[1]
            basis = tuple(b for b in self.basis if not b.startswith("UU 24/2009") or b == article)
            out.append(replace(finding, basis=basis))
        return out

    # ------------------------------------------------------------------ symbols
    def _find_symbols(self, v: _View) -> list[_Sym]:
        out: list[_Sym] = []
        nwords = len(v.words)
        for m in self._symbols.find(v.syn):
            kind = SYMBOL_LISTS.get(m.label)
            if kind is None or v.toks[m.first].kind == "hashtag":
                continue
            weak = m.label.endswith("_weak")
            p_first, p_last = v.wpos[m.first], v.wpos[m.last]
            after = [v.word_at(p_last + k) for k in (1, 2, 3)]
            before = [v.word_at(p_first - k) for k in (1, 2, 3)]
            # a comma cuts a qualifier off: "habis upacara, benderanya ..." is not "upacara bendera"
            if p_first > 0 and any(c in v.doc.original[v.toks[v.words[p_first - 1]].end:v.toks[m.first].start]
                                   for c in ",;:()\"'"):
                before = ["", "", ""]
            if p_last + 1 < len(v.words) and any(
                    c in v.doc.original[v.toks[m.last].end:v.toks[v.words[p_last + 1]].start] for c in ",;:()\"'"):
                after = ["", "", ""]
            sent = v.sid[m.first]
            strength, named = 1.0, not weak
            if kind == "flag":
                if m.term in _BARE_FLAG:
                    if self._qualified(after, "other_flag_after") \
                            or self._qualified_before(before, "other_flag_before"):
                        continue
                    strength = 0.9
                elif weak:  # "merah putih" as a colour
                    if self._near(v, p_first, -3, 0, "colour_context") or self._near(v, p_last, 1, 2, "colour_context"):
                        continue
                    strength = 0.82
                    named = True
                if m.term.startswith("bendera") and not weak and self._qualified(after, "other_nation") \
                        and m.term in ("bendera negara", "bendera kebangsaan", "bendera bangsa", "bendera nasional"):
                    continue
            elif kind == "emblem":
                if self._near(v, p_first, -3, 3, "emblem_other") or self._sentence_has(v, sent, "emblem_other"):
                    if weak or m.term == "logo garuda":
                        continue
                    strength = 0.8
                if self._qualified(after, "other_nation"):
                    continue
                if weak:
                    strength = 0.8 if m.term == "garuda" else 0.88
            elif kind == "anthem":
                if self._qualified(after, "other_nation"):
                    continue
                if weak:
                    if self._covered(v, m, "anthem_other") or before[0] in ("salam", "gerakan", "partai", "koalisi"):
                        continue
                    if self._near(v, p_first, -4, 4, "anthem_song_cue"):
                        strength, named = 0.95, True
                    else:
                        strength = 0.75
            elif kind == "language":
                if self._qualified(after, "other_nation"):
                    continue
                last_norm = v.norm(m.last)
                if last_norm.endswith(("nya", "ku", "mu")) or after[0] in ("saya", "kamu", "dia", "mereka", "kami",
                                                                            "anda", "beliau", "kalian"):
                    continue  # someone's command of the language, not the language
                if self._near(v, p_first, -3, 0, "language_skill"):
                    continue
            if p_first < 0 or p_last >= nwords:
                continue
            out.append(_Sym(m.first, m.last, kind, strength, m.term, named))
        return out

    def _qualified(self, after: list[str], list_name: str) -> bool:
        """Does the text right after a mention name another flag, nation or party?"""
        return self._phrase_in([w for w in after if w], list_name)

    def _qualified_before(self, before: list[str], list_name: str) -> bool:
        """Does a phrase of list_name end right before the mention ("di bawah bendera", "tiang bendera")?"""
        ts = self.terms[list_name]
        for n in range(1, min(ts.maxlen, 3) + 1):
            seg = tuple(reversed(before[:n]))
            if all(seg) and seg in ts.exact:
                return True
        return False

    def _phrase_in(self, words: list[str], list_name: str) -> bool:
        """Does a phrase of `list_name` start at words[0]?"""
        ts = self.terms[list_name]
        for n in range(min(ts.maxlen, len(words)), 0, -1):
            seg = tuple(w for w in words[:n])
            if not all(seg):
                continue
            if seg in ts.exact:
                return True
        return False

    def _list_matches(self, v: _View, list_name: str) -> list[Match]:
        if list_name not in v.memo:
            v.memo[list_name] = self.terms[list_name].find(v.syn)
        return v.memo[list_name]

    def _near(self, v: _View, pos: int, lo: int, hi: int, list_name: str) -> bool:
        """A phrase of list_name overlapping word offsets [lo, hi] around word ordinal pos, same sentence."""
        sid = v.sid[v.words[pos]]
        for m in self._list_matches(v, list_name):
            if v.sid[m.first] != sid or m.first not in v.wpos:
                continue
            if v.wpos[m.last] >= pos + lo and v.wpos[m.first] <= pos + hi:
                return True
        return False

    def _sentence_has(self, v: _View, sid: int, list_name: str) -> bool:
        return any(v.sid[m.first] == sid for m in self._list_matches(v, list_name))

    def _covered(self, v: _View, m: Match, list_name: str) -> bool:
        """Is the mention part of a phrase of list_name ("gerakan indonesia raya")?"""
        return any(x.first <= m.last and x.last >= m.first for x in self._list_matches(v, list_name))

    # ------------------------------------------------------------------ acts
    def _find_acts(self, v: _View) -> list[_Act]:
        if "__acts" in v.memo:
            return v.memo["__acts"]  # type: ignore[return-value]
        out: list[_Act] = []
        covered: set[int] = set()
        for m in self._acts.find(v.syn):
            if m.label not in ACTS:
                continue
            out.append(_Act(m.first, m.last, m.label, m.term))
            covered.update(range(m.first, m.last + 1))
        for i in v.words:
            if i in covered or v.toks[i].kind != "word":
                continue
            hit = self._colloquial(v.toks[i].norm)
            if hit is not None:
                term, label, prefix = hit
                out.append(_Act(i, i, label, term, prefix))
        v.memo["__acts"] = out  # type: ignore[assignment]
        return out

    def _colloquial(self, w: str) -> tuple[str, str, str] | None:
        if w in self._colloquial_cache:
            return self._colloquial_cache[w]
        hit = None
        for stem, prefix in _colloquial_stems(w):
            doc = Normalized(stem, (Token(stem, 0, len(stem), "word"),))
            ms = self._acts.find(doc)
            if ms and ms[0].label in ACTS and ms[0].label not in _INSULTS:
                hit = (ms[0].term, ms[0].label, prefix)
                break
        if len(self._colloquial_cache) >= WORD_CACHE:
            self._colloquial_cache.clear()
        self._colloquial_cache[w] = hit
        return hit

    # ------------------------------------------------------------------ pairing
    def _pair(self, v: _View, s: _Sym, a: _Act) -> Candidate | None:
        base, applies, desc = ACTS[a.cat]
        if s.kind not in applies:
            return None
        if a.first <= s.last and a.last >= s.first:
            return None  # the same words
        s_sid, a_sid = v.sid[s.first], v.sid[a.first]
        after = a.first > s.last
        if after:
            dist = v.wpos[a.first] - v.wpos[s.last] - 1
        else:
            dist = v.wpos[s.first] - v.wpos[a.last] - 1
        cross = a_sid != s_sid
        if cross and not (after and a_sid == s_sid + 1 and dist <= 6):
            return None
        if dist > 10:
            return None
        act_norm = v.norm(a.first)
        detail: list[str] = []
        kind = s.kind

        # ---- shape gates
        if a.cat in _INSULTS:
            if not self._insult_shape(v, s, a, after, dist):
                return None
            if kind == "flag" and a.term in _STATE_WORDS and (not s.named or any(
                    v.norm(i) in ("sudah", "mulai", "makin", "semakin", "agak", "kelihatan", "terlihat")
                    for i in v.words[max(0, min(v.wpos[s.last], v.wpos[a.first]) - 1):v.wpos[a.first]])):
                # "benderanya jelek" is about the cloth's state: like a faded flag, it needs intent
                return self._damaged(v, s, replace(a, cat="act_damaged"), dist, detail)
            if a.cat == "act_insult" and a.term in ("hina", "kotor", "aneh", "sok", "tidak jelas") and not after:
                return None
        if a.cat == "act_write_after" and not (after and dist <= 3):
            return None
        if a.cat == "act_write_weak" and not self._write_shape(v, s, a, after, dist):
            return None
        if a.cat == "act_misuse_frame":
            if act_norm not in (a.term, a.term + "nya", a.term + "in") and len(a.term.split()) == 1:
                return None
            if not self._frame_near(v, a, s=s):
                return None
            if any(m.last < s.first and v.wpos.get(m.last, -9) >= v.wpos[s.first] - 2 and
                   v.sid[m.first] == v.sid[s.first] for m in v.cues["carry"]):
                return None  # "pakai baju adat sambil bawa bendera kecil": the flag is carried
        if a.cat == "act_write" and not after and dist <= 1 and act_norm.startswith("ber"):
            return None
        if a.cat == "act_lookalike" and a.term in _LOOKALIKE_NEEDS_LOGO and not (
                self._sentence_has(v, v.sid[a.first], "act_owner")
                or any(v.norm(i) in _LOGO_WORDS for i in v.sent_words(v.sid[a.first]) if not (s.first <= i <= s.last))):
            return None
        if a.cat == "act_lookalike" and a.term in ("edit", "diedit", "editan", "kw", "palsu", "abal abal", "serupa"):
            base = 0.48
        if a.cat == "act_owner":
            logo = any(v.norm(i) in _LOGO_WORDS for i in v.sent_words(v.sid[a.first]) if not (s.first <= i <= s.last))
            if not logo and not self._frame_near(v, a, window=6) and \
                    not self._frame_near(v, _Act(s.first, s.last, "", ""), 6):
                return None  # "logo laundry kami Garuda ...": a business logo made of the emblem
        if a.cat == "act_destroy" and a.term in ("buang", "lempar", "remas", "gigit", "kunyah", "tusuk", "cakar",
                                                 "sepak", "tendang", "potong potong", "gunting", "rusak"):
            base = 0.56
        if a.cat == "act_destroy" and a.term.split()[0] in ("rusak", "robek", "sobek", "koyak") and act_norm in (
                "rusak", "robek", "sobek", "koyak") and a.colloquial == "":
            # a bare adjective is a damaged flag ("bendera robek"), unless someone does it ("gue robek")
            if not self._agent_before(v, a):
                return self._damaged(v, s, a, dist, detail)
        if a.cat in ("act_damaged", "act_upside"):
            return self._damaged(v, s, a, dist, detail)
        other_object = False
        if a.cat in _VERB_ACTS:
            if not after:
                # "bakar (tuh) bendera": the flag is the object; "bakar sate di depan bendera" it is not
                between = [v.norm(i) for i in v.words[v.wpos[a.last] + 1:v.wpos[s.first]]]
                if not all(w in _OBJECT_GLUE or w.isdigit() for w in between):
                    return None
            elif not act_norm.startswith(("di", "ter", "ke", "ku")) and a.colloquial != "ku":
                nxt_pos = v.wpos[a.last] + 1
                nxt = v.word_at(nxt_pos)
                same = nxt_pos < len(v.words) and v.sid[v.words[nxt_pos]] == v.sid[a.first]
                if same and nxt and nxt not in _FOLLOW_OK and not nxt.isdigit() and not any(
                        x.first == v.words[nxt_pos] for x in self._find_acts(v)):
                    other_object = True  # "pasang bendera, habis itu bakar sate": the act has its own object
        if a.cat in ("act_parody", "act_parody_weak") and kind == "anthem" and not s.named:
            s = replace(s, strength=0.95, named=True)  # "Indonesia Raya versi koplo" is the song

        score = base * s.strength
        detail.append(f"'{self._q(v, s.first, s.last)}' ({SYMBOL_INFO[kind][0]}) dan "
                      f"'{self._q(v, a.first, a.last)}' ({a.cat[4:]}): dasar {display.score(base)} x kekuatan sebutan "
                      f"{display.factor(s.strength)} = {display.score(score)}")
        df = 1.0 if dist <= 3 else 0.9 if dist <= 6 else 0.78
        if cross:
            df *= 0.8
        if df != 1.0:
            score *= df
            detail.append(f"jarak {dist} kata{' (kalimat berikutnya)' if cross else ''}: x{display.factor(df)} -> {display.score(score)}")

        if other_object:
            score *= 0.5
            detail.append(f"tindakan punya objek lain ('{v.word_at(v.wpos[a.last] + 1)}'): x0,5 -> {display.score(score)}")

        score = self._context(v, s, a, score, detail, first_sid=min(s_sid, a_sid), last_sid=max(s_sid, a_sid))
        if score <= 0:
            return None
        return self._candidate(v, s, a, score, detail, desc)

    def _insult_shape(self, v: _View, s: _Sym, a: _Act, after: bool, dist: int) -> bool:
        """The insult is said of the symbol: "<symbol> (itu|cuma|kayak) <insult>" or "<insult> (banget) <symbol>"."""
        linkers = {"itu", "ini", "cuma", "cuman", "hanya", "sekadar", "sekedar", "kayak", "kaya", "seperti", "mirip",
                   "macam", "adalah", "sih", "kok", "memang", "jadi", "tuh", "mah", "doang", "banget", "sangat",
                   "paling", "sudah", "tetap", "tetep", "lebih", "dari", "kita", "kalian", "kamu", "mu", "negara",
                   "indonesia", "lagu", "bahasa", "burung", "kain", "lambang", "yang", "tidak", "lagi", "benar",
                   "amat", "bagai", "bagaikan", "ibarat", "apa", "apaan", "nih", "gitu", "begitu", "begini", "dong",
                   "ternyata", "rupanya", "sama", "saja", "ya", "ah", "eh", "anjir", "kan", "emang", "pun", "cuma",
                   "bukannya", "malah", "justru", "kayaknya", "sepertinya", "mirip", "dengan", "dah", "udah",
                   "jelas", "pasti", "serius", "asli", "beneran", "versi", "sekali", "dan", "ini", "juga", "ri",
                   "kebangsan", "raya", "kami", "saya", "nasional", "negeri", "konoha", "wakanda", "bangsa", "bener",
                   "beda", "berbeda", "ubahnya", "bedanya", "jauh", "sebuah", "sepotong", "selembar", "seperti",
                   "bagi", "menurut", "buat", "mending", "mendingan", "diganti", "ganti", "diubah", "bentuk",
                   "wujud", "rupa", "model", "muka", "kepala", "wajah", "badan", "nada", "lirik", "warna", "gambar",
                   "tampilan", "desain", "suara", "irama", "musik", "aslinya", "sebenarnya", "sekarang",
                   "berasa", "rasanya", "terasa", "kerasa", "serasa"}
        if after:
            if dist > 4:
                return False
            between = [i for i in v.words if v.wpos[s.last] < v.wpos[i] < v.wpos[a.first]]
            insults = {i for x in self._find_acts(v) if x.cat in _INSULTS for i in range(x.first, x.last + 1)}
            return all(v.syn.tokens[i].norm in linkers or v.toks[i].norm in linkers or i in insults
                       for i in between)
        if dist > 2 or any(c in v.doc.original[v.toks[a.last].end:v.toks[s.first].start] for c in ",;:.!?"):
            return False  # "ejaan lama sudah ketinggalan zaman, bahasa Indonesia ...": said of something else
        between = [v.toks[i].norm for i in v.words if v.wpos[a.last] < v.wpos[i] < v.wpos[s.first]]
        return all(w in {"banget", "sekali", "amat", "bener", "benar", "itu", "ini", "nih", "sih", "kok", "kali",
                         "bgt", "parah", "abis", "dah", "sudah", "ya"} for w in between)

    def _write_shape(self, v: _View, s: _Sym, a: _Act, after: bool, dist: int) -> bool:
        if not after:
            # "tulisan di bendera", "logo klub di atas merah putih": the symbol is the surface
            if dist > 6:
                return False
            p = v.wpos[s.first]
            for m in v.cues["locative"]:
                if m.first in v.wpos and v.wpos[m.last] == p - 1 and v.sid[m.first] == v.sid[s.first]:
                    return True
            return False
        if dist > 3:
            return False
        nxt = self._next_symbol_like(v, a)
        if nxt:
            return False  # "bendera, logo garuda": a list of symbols, not writing
        if v.norm(a.first).startswith("di") and len(v.norm(a.first)) > len(a.term) + 1:
            return True  # "benderanya ditulisi", "digambar"
        if self._agent_before(v, a):
            return True  # "bendera gue sablon logo band"
        lo, hi = v.wpos[s.last], v.wpos[a.first]
        for m in v.cues["write_linker"]:
            if m.first in v.wpos and lo < v.wpos[m.first] < hi:
                return True
        return False

    def _agent_before(self, v: _View, a: _Act) -> bool:
        """A person or an intention right before the act: "gue robek", "mau bakar", "yuk injak"."""
        if a.colloquial == "ku":
            return True
        pa = v.wpos[a.first]
        return any(v.sid[m.first] == v.sid[a.first] and m.first in v.wpos and pa - 2 <= v.wpos[m.last] < pa
                   for name in ("first_person", "intent", "call") for m in v.cues[name])

    def _next_symbol_like(self, v: _View, a: _Act) -> bool:
        nxt = v.word_at(v.wpos[a.last] + 1)
        return nxt in ("garuda", "pancasila", "negara", "bendera", "merah", "burung", "lagu", "ri", "nkri", "indonesia")

    def _frame_near(self, v: _View, a: _Act, window: int = 4, s: _Sym | None = None) -> bool:
        sid = v.sid[a.first]
        p = v.wpos[a.first]
        for m in v.cues["use_frame"]:
            if v.sid[m.first] == sid and m.first in v.wpos and p - window <= v.wpos[m.last] < p:
                return True
        if s is not None and a.last < s.first:
            # "tirai kamar dari bendera", "celana gue bikin pakai bendera": made of the flag
            lo, hi = v.wpos[a.last], v.wpos[s.first]
            if any(v.norm(i) in _MATERIAL for i in v.words[lo + 1:hi]):
                return True
        # the frame word may be the act's own affixed form: "diatapi", "disarungkan"
        return v.norm(a.first) != a.term and v.norm(a.first).startswith(("di", "me"))

    def _damaged(self, v: _View, s: _Sym, a: _Act, dist: int, detail: list[str]) -> Candidate | None:
        """A damaged or upside-down flag counts only when flown that way on purpose, as mockery."""
        sid = v.sid[a.first]
        if dist > 8 or v.sid[s.first] != sid:
            return None
        base, _, desc = ACTS["act_damaged" if a.cat != "act_upside" else "act_upside"]
        score = base * s.strength
        detail.append(f"'{self._q(v, s.first, s.last)}' dan '{self._q(v, a.first, a.last)}': "
                      f"bendera rusak/terbalik, dasar {display.score(score)}")
        flying = any(v.sid[m.first] == sid for m in v.cues["flying"])
        deliberate = [m for m in v.cues["deliberate"]]
        accidental = [m for m in v.cues["accidental"]]
        mock = bool(v.cues["mockery"]) or v.mock_emoji
        if flying:
            score += 0.08
            detail.append(f"dikibarkan/dipasang: +0,08 -> {display.score(score)}")
        if deliberate:
            score += 0.32
            detail.append(f"disengaja/dibiarkan ('{self._q(v, deliberate[0].first, deliberate[0].last)}'): "
                          f"+0,32 -> {display.score(score)}")
        if mock:
            score += 0.15 if deliberate or flying else 0.1
            detail.append(f"bernada olok-olok: -> {display.score(score)}")
        if any(v.sid[m.first] == sid for m in v.cues["first_person"]) and (deliberate or mock):
            score *= 1.1
            detail.append(f"dilakukan penulis sendiri: x1,1 -> {display.score(score)}")
        if accidental:
            score *= 0.4
            detail.append(f"tidak disengaja: x0,4 -> {display.score(score)}")
        score = self._context(v, s, a, score, detail, first_sid=sid, last_sid=sid, soft=True, skip_boosts=True,
                              skip_tokens={i for m in deliberate for i in range(m.first, m.last + 1)},
                              ceremony=False)
        if score <= 0:
            return None
        return self._candidate(v, s, a, score, detail, desc)

    # ------------------------------------------------------------------ context
    def _context(self, v: _View, s: _Sym, a: _Act, score: float, detail: list[str], first_sid: int,
                 last_sid: int, soft: bool | None = None, skip_boosts: bool = False,
                 skip_tokens: set[int] = frozenset(), ceremony: bool = True) -> float:
        soft = a.cat in _SOFT if soft is None else soft
        sids = set(range(first_sid, last_sid + 1))
        lo_tok = min(s.first, a.first)
        hi_tok = max(s.last, a.last)
        act_tokens = set(range(a.first, a.last + 1)) | set(range(s.first, s.last + 1))

        def mul(factor: float, why: str) -> None:
            nonlocal score
            score *= factor
            detail.append(f"{why}: x{display.factor(factor)} -> {display.score(score)}")

        # negation right before the act or between symbol and act: "jangan injak bendera", "bendera bukan kain lap"
        if a.cat not in ("act_damaged", "act_upside"):
            lo_w = v.wpos[lo_tok]
            for m in v.cues["negation"]:
                if m.first in act_tokens or m.first in skip_tokens or m.first not in v.wpos:
                    continue
                p = v.wpos[m.last]
                if v.word_at(p + 1) in _NOT_NEGATING:
                    continue  # "tidak lebih dari kain lap", "gak beda sama keset" affirm the insult
                if v.sid[m.first] in sids and (lo_w - 3 <= p < lo_w or (lo_tok < m.first < hi_tok)):
                    mul(0.15, f"dinegasikan ('{self._q(v, m.first, m.last)}')")
                    break
        nominal = v.norm(a.first)
        if nominal.startswith("pe") and nominal.endswith("an") and len(nominal) > len(a.term) + 3:
            mul(0.7, "kata benda (pembakaran, penginjakan): lazim dalam laporan")

        name_neg = False
        negated = {"tidak", "tak", "belum", "jangan", "bukan", "ogah", "malas", "males", "enggan"}

        def live(m: Match) -> bool:
            if m.first in skip_tokens:
                return False
            p = v.wpos.get(m.first)
            return not (name_neg and p is not None and v.word_at(p - 1) in negated)

        def cue(name: str, same: float, elsewhere: float, label: str, min_else: int = 1) -> None:
            nonlocal name_neg
            name_neg = name in ("etiquette", "replace", "disposal", "respect")
            here = [m for m in v.cues[name] if v.sid[m.first] in sids and m.first not in act_tokens and live(m)
                    and not (name == "condemn" and m.term in _INSULT_OPENERS and s.first in v.wpos
                             and v.wpos.get(m.last, -9) == v.wpos[s.first] - 1)]
            if here:
                mul(same, f"{label} ('{self._q(v, here[0].first, here[0].last)}')")
                return
            other = [m for m in v.cues[name] if v.sid[m.first] not in sids and live(m)]
            if len(other) >= min_else and elsewhere != 1.0:
                mul(elsewhere, f"{label} di kalimat lain ('{self._q(v, other[0].first, other[0].last)}')")

        cue("condemn", 0.3, 0.5, "mengecam atau memperingatkan")
        if v.angry_emoji and not (v.cues["mockery"] or v.mock_emoji):
            mul(0.6, "emoji marah atau sedih")
        cue("news", 0.35, 0.6, "bernada pemberitaan")
        cue("etiquette", 0.4 if not soft else 0.3, 0.8, "panduan atau edukasi")
        cue("disposal", 0.15, 0.4, "pemusnahan atau perlakuan dengan hormat")
        if s.kind == "flag":
            cue("replace", 0.3 if soft else 0.45, 0.7, "bendera diganti atau dirawat")
        if soft:
            if ceremony and not (v.cues["mockery"] or v.mock_emoji):  # mocked at the ceremony is no homage
                cue("ceremony", 0.6, 1.0, "konteks upacara atau peringatan")
            cue("respect", 0.6, 1.0, "bernada hormat")
        if a.cat == "act_commercial" and s.kind == "flag":
            cue("trade", 0.35, 0.6, "menjual bendera atau barang, bukan iklan dengan bendera")
        negated_at = {m.last for m in v.cues["negation"]}
        if a.cat != "act_damaged" and [m for m in v.cues["accidental"] if v.sid[m.first] in sids
                                       and not any(j in negated_at for j in range(m.first - 2, m.first))]:
            mul(0.4, "tidak disengaja")  # "biar gak kehujanan" is a purpose, not an accident
        if sids & v.question_sents and score > 0:
            mul(0.85, "kalimat tanya")
        if not skip_boosts:
            first = [m for m in v.cues["first_person"] if v.sid[m.first] in sids]
            # "lihat saya injak bendera": the author shows their own act, they do not just watch someone's
            witness = [m for m in v.cues["witness"] if v.sid[m.first] in sids
                       and not any(m.last < p.first < a.first for p in first)]
            if witness:
                mul(0.7, f"penulis hanya menyaksikan ('{self._q(v, witness[0].first, witness[0].last)}')")
            elif first or a.colloquial in ("ku",):
                mul(1.2, "dilakukan atau dinyatakan penulis sendiri")
            if [m for m in v.cues["call"] if v.sid[m.first] in sids]:
                mul(1.25, "ajakan untuk melakukannya")
            elif [m for m in v.cues["intent"] if v.sid[m.first] in sids] or [
                    m for m in v.cues["deliberate"] if v.sid[m.first] in sids]:
                mul(1.1, "niat atau kesengajaan")
            if (v.cues["mockery"] or v.mock_emoji) and a.cat not in _LAUGH_NEUTRAL:
                # a laugh does not make an everyday use ("baju ... bendera") a violation
                mul(1.15, "bernada olok-olok")
        return min(score, 0.97)

    # ------------------------------------------------------------------ hashtags
    def _hashtag_candidate(self, v: _View) -> Candidate | None:
        """One-word hashtags such as #bakarbendera or #benderasampah."""
        symbol_words = {"bendera": "flag", "merahputih": "flag", "sangsaka": "flag", "garudapancasila": "emblem",
                        "lambangnegara": "emblem", "indonesiaraya": "anthem", "lagukebangsan": "anthem",
                        "bahasaindonesia": "language"}
        act_words = {"bakar": "act_destroy", "injak": "act_destroy", "injek": "act_destroy", "robek": "act_destroy",
                     "sobek": "act_destroy", "ludahi": "act_destroy", "kencingi": "act_destroy",
                     "sampah": "act_insult", "jelek": "act_insult", "norak": "act_insult", "kampungan": "act_insult",
                     "plesetan": "act_parody", "parodi": "act_parody", "lap": "act_misuse", "keset": "act_misuse",
                     "hina": "act_degrade"}
        for i, t in enumerate(v.toks):
            if t.kind != "hashtag":
                continue
            w = t.norm
            for sw, kind in symbol_words.items():
                if sw not in w:
                    continue
                rest = w.replace(sw, " ")
                for aw, cat in act_words.items():
                    if aw in rest and kind in ACTS[cat][1]:
                        s = _Sym(i, i, kind, 0.85, sw, True)
                        a = _Act(i, i, cat, aw)
                        detail = [f"tagar '{t.norm}' memuat simbol '{sw}' dan tindakan '{aw}': dasar 0,60"]
                        score = self._context(v, s, a, 0.6, detail, v.sid[i], v.sid[i])
                        return self._candidate(v, s, a, score, detail, ACTS[cat][2])
        return None

    # ------------------------------------------------------------------ anthem lyrics
    def _lyric_candidate(self, v: _View) -> Candidate | None:
        words = [v.toks[i].norm for i in v.words]
        if len(words) < 3:
            return None
        # merge "di" + "sanalah" and the like when the joined word is a lyric word
        merged: list[tuple[str, int, int]] = []  # (word, first ordinal, last ordinal)
        heads = self._lyric_heads
        k = 0
        while k < len(words):
            if k + 1 < len(words) and words[k] in heads and words[k] + words[k + 1] in self._lyric_vocab:
                merged.append((words[k] + words[k + 1], k, k + 1))
                k += 2
            else:
                merged.append((words[k], k, k))
                k += 1
        mw = [m[0] for m in merged]
        altered: list[tuple[int, int, int, bool]] = []  # (first merged idx, last merged idx, matched, strong)
        for k in range(len(mw) - 3) if "indonesia" in mw else ():
            # "Indonesia Raya, mahal mahal" for "Indonesia Raya, merdeka merdeka"
            if mw[k] == "indonesia" and mw[k + 1] == "raya" and mw[k + 2] == mw[k + 3] \
                    and mw[k + 2] != "merdeka" and len(mw[k + 2]) >= 3 and mw[k + 2].isalpha():
                altered.append((k, k + 3, 2, True))
        cache = self._lyric_cache
        hits = [h if (h := cache.get(w)) is not None else self._lyric_hits(w) for w in mw]
        # a word that stands for no lyric word stays itself and, being no lyric word, anchors no line
        hit_at = [k for k, h in enumerate(hits) if h]
        if len(hit_at) < 3 and not altered:
            return None
        exact_spans: list[tuple[int, int]] = []
        touched_lines = 0
        found: list[tuple[int, int, int, bool, bool]] = []  # (first, last, matched, exact, strong)
        for line in self._lyrics:
            n = len(line)
            canon = list(mw)
            for k in hit_at:
                canon[k] = next((lw for lw in line if lw in hits[k]), mw[k])
            for i0 in hit_at:
                if canon[i0] not in (line[0], line[1]):
                    continue
                if canon[i0] == line[1] and i0 > 0 and canon[i0 - 1] == line[0]:
                    continue  # handled from the earlier anchor
                start = max(0, i0 - 1) if canon[i0] == line[1] else i0
                window = canon[start:i0 + n + 2]
                sm = difflib.SequenceMatcher(None, list(line), window, autojunk=False)
                pairs = [(blk.a + d, blk.b + d) for blk in sm.get_matching_blocks() for d in range(blk.size)]
                m = len(pairs)
                if m < 3 or m < (n + 1) // 2:
                    continue
                a_first, b_first = pairs[0]
                a_last, b_last = pairs[-1]
                internal = (a_last - a_first + 1 - m) + (b_last - b_first + 1 - m)
                lead = a_first > 0 and b_first > 0
                trailing = a_last < n - 1 and b_last < len(window) - 1
                touched_lines += 1
                if m == n and internal == 0:
                    exact_spans.append((start + b_first, start + b_last))
                    continue
                longest = max(blk.size for blk in sm.get_matching_blocks())
                if n < 4 or m < max(3, -(-3 * n // 5)):  # at least 60% of the line must be there
                    continue
                if not (m >= 4 and longest >= 2 or longest >= 3):
                    continue  # scattered common words ("kita", "indonesia", "satu") are no quote
                if internal or lead:
                    found.append((start + (0 if lead else b_first), start + b_last, m, False, True))
                elif trailing:
                    extra = min(n - 1 - a_last, len(window) - 1 - b_last)
                    found.append((start + b_first, start + b_last + extra, m, False, False))
        starts = {a for a, _ in exact_spans} | {f[0] for f in found}
        for first, last, m, _, strong in found:
            inside = sum(1 for k in range(first, last + 1) if any(a <= k <= b for a, b in exact_spans))
            if inside >= (last - first + 1) / 2:
                continue  # the words are an exact quote of another line
            if not strong and (last + 1 in starts or last + 2 in starts):
                strong = True  # the swapped words sit between two lines of the lyrics
            altered.append((first, last, m, strong))
        if not altered:
            return None
        altered.sort(key=lambda x: (-x[3], -x[2]))
        first_m, last_m, matched, strong = altered[0]
        song_cue = bool(v.cues["anthem_song_cue"]) or bool([a for a in self._find_acts(v)
                                                              if a.cat in ("act_parody", "act_parody_weak")])
        mock = bool(v.cues["mockery"]) or v.mock_emoji
        if not strong and not (song_cue or mock or touched_lines >= 2):
            return None
        score = 0.55 if strong else 0.32
        detail = [f"baris lirik Indonesia Raya dikutip dengan kata diganti ({matched} kata cocok): dasar {display.score(score)}"]
        if matched >= 4 and strong:
            score += 0.08
            detail.append(f"kecocokan panjang: +0,08 -> {display.score(score)}")
        if song_cue:
            score += 0.12
            detail.append(f"disebut sebagai lagu/plesetan: +0,12 -> {display.score(score)}")
        if touched_lines >= 2:
            score += 0.08
            detail.append(f"beberapa baris lirik: +0,08 -> {display.score(score)}")
        first_tok = v.words[merged[first_m][1]]
        last_tok = v.words[merged[min(last_m, len(merged) - 1)][2]]
        s = _Sym(first_tok, last_tok, "anthem", 1.0, "lirik", True)
        a = _Act(first_tok, last_tok, "act_parody", "lirik diubah")
        score = self._context(v, s, a, score, detail, v.sid[first_tok], v.sid[last_tok], soft=True,
                              skip_boosts=True)
        if mock:
            score = min(0.97, score * 1.2)
            detail.append(f"bernada olok-olok: x1,2 -> {display.score(score)}")
        if score <= 0:
            return None
        desc = "mengubah kata-kata lirik menjadi plesetan"
        return self._candidate(v, s, a, score, detail, desc, quote_override=(first_tok, last_tok))

    def _lyric_hits(self, w: str) -> frozenset[str]:
        """The lyric words that w stands for (spelling slips and affixes allowed)."""
        hit = self._lyric_cache.get(w)
        if hit is None:
            hit = frozenset(lw for lw in _lyric_neighbours(w, self._lyric_vocab, self._lyric_deletions)
                            if _lyric_eq(w, lw))
            if len(self._lyric_cache) >= WORD_CACHE:
                self._lyric_cache.clear()
            self._lyric_cache[w] = hit
        return hit

    # ------------------------------------------------------------------ output
    @staticmethod
    def _q(v: _View, first: int, last: int) -> str:
        return v.doc.quote(first, last)[2]

    def _candidate(self, v: _View, s: _Sym, a: _Act, score: float, detail: list[str], desc: str,
                   quote_override: tuple[int, int] | None = None) -> Candidate:
        if quote_override:
            ev = (self.evidence(v.f, *quote_override),)
        else:
            lo, hi = min(s.first, a.first), max(s.last, a.last)
            if v.wpos.get(hi, hi) - v.wpos.get(lo, lo) <= 10:
                ev = (self.evidence(v.f, lo, hi),)
            else:
                ev = (self.evidence(v.f, s.first, s.last), self.evidence(v.f, a.first, a.last))
        name, article, note = SYMBOL_INFO[s.kind]
        where = "" if v.f.path == "text" else f" ({field_label(v.f.path)})"
        who = ("Penulis menyebarkan ulang konten" if v.f.role == "target" else "Konten") + where
        expl = (f"{who} memuat tindakan {desc} terhadap {name}: \"{ev[0].quote}\". "
                f"{note[0].upper() + note[1:]}"
                f"{'; dasar: ' + article if article else ''}.")
        return Candidate(confidence=max(0.0, min(0.97, score)), evidence=ev, explanation=expl,
                         score_detail=tuple(detail), extra=(("symbol_kind", s.kind),))

