"""Shared mechanism of rules 1 and 2: hostility aimed at a protected target.

A candidate needs a target (Pancasila, the government; a religion, an
ethnicity) and hostility close to it in the same sentence, or a phrase that is
hateful by itself ("ganti Pancasila dengan khilafah", "usir aseng"). The text
classifier adds confidence; it can raise a lexical hit and, when very sure and
a target is present, propose a finding for review. Context then lowers the
score: news that reports hate, posts that condemn it, greetings and tolerance
messages, polite criticism of a policy.

Subclasses are data: the lists below, the classifier labels to read, and the
Indonesian wording of the explanation.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import ClassVar, Iterable

from ..analysis import Analysis, TextField
from ..text.lexicon import Match
from ..results import field_label
from .base import Candidate, Detector

_SENTENCE_BREAKS = {".", "!", "?", "\n", ";"}

# Context shared by both rules; subclasses add their own through `lists`.
NEWS = [
    "klarifikasi", "amankan", "mengamankan", "take down", "takedown", "diturunkan", "dihapus platform",
    "kelompok terlarang", "organisasi terlarang", "sudah dibubarkan", "jangan ikut menyebarkan",
    "tangkap", "penyebar", "dibekuk", "diringkus", "dilaporkan ke polisi", "kasus ujaran",
    "ditangkap", "menangkap", "diamankan", "tersangka", "pelaku", "terdakwa", "vonis", "divonis",
    "dilaporkan", "melaporkan", "diduga", "menurut", "kata dia", "ujarnya", "katanya kepada",
    "kepada wartawan", "dikutip", "dilansir", "disidangkan", "persidangan", "pengadilan", "dijerat",
    "uu ite", "beredar video", "reporter", "jurnalis", "liputan", "mengecam pernyataan",
    "meminta maaf", "ujaran kebencian", "penyebar kebencian", "dipolisikan", "dipecat", "diproses hukum",
    "ditahan", "penyidik", "diperiksa polisi", "jpu", "jaksa penuntut",
]
CONDEMN = [
    "jangan hina", "jangan menghina", "jangan sebar", "jangan menyebarkan", "jangan rasis", "jangan benci",
    "jangan membenci", "jangan diskriminasi", "jangan merendahkan", "jangan generalisasi", "jangan sara",
    "jangan terprovokasi", "jangan mau diadu domba", "jangan mudah terpancing", "jangan mudah terprovokasi",
    "stop rasisme", "stop rasis", "stop intoleransi", "stop kebencian", "stop ujaran kebencian", "stop sara",
    "stop diskriminasi", "hentikan", "tolak ujaran kebencian", "lawan intoleransi", "lawan rasisme",
    "mengecam", "kecam", "mengutuk", "tidak pantas diucapkan", "tidak pantas ditulis", "tidak pantas dikatakan",
    "tidak pantas disebarkan", "sangat tidak pantas", "itu tidak pantas", "tak pantas diucapkan", "tidak dibenarkan",
    "tidak bisa dibenarkan", "miris", "prihatin", "sedih melihat", "memalukan", "astaghfirullah",
    "istighfar", "naudzubillah", "semoga cepat ditangkap", "usut tuntas", "proses hukum", "laporkan",
    "anti rasisme", "antirasisme", "say no to racism", "no racism", "tolak rasisme",
    "tolak intoleransi", "bukan ajaran", "tidak mengajarkan", "adu domba", "provokator", "jaga persatuan",
    "rasis kok", "dasar rasis", "yang rasis", "orang rasis", "keliru", "salah besar", "stereotip", "stereotipe", "ngawur", "itu salah", "tidak benar", "fitnah",
    "jangan digeneralisasi", "jangan gebyah uyah", "gebyah uyah",
]
TOLERANCE = [
    "selamat hari raya", "selamat natal", "selamat idul fitri", "selamat idul adha", "selamat nyepi",
    "selamat waisak", "selamat imlek", "gong xi fa cai", "selamat paskah", "selamat galungan",
    "selamat tahun baru islam", "mohon maaf lahir dan batin", "toleransi", "saling menghormati",
    "saling menghargai", "kerukunan", "rukun", "persaudaraan", "bersaudara", "saudara", "satu bangsa",
    "jaga persatuan",
    "bhinneka tunggal ika", "berbeda beda tetapi tetap satu", "indahnya perbedaan", "damai",
    "harga mati", "jaya", "merdeka", "cinta tanah air", "bangga", "hari lahir pancasila",
    "hari kesaktian pancasila", "sumpah pemuda", "upacara", "amalkan", "mengamalkan", "lestarikan",
    "jaga pancasila", "setia", "kesetiaan", "ikrar", "pengajian", "ibadah", "kebaktian", "misa",
    "doa bersama", "pembinaan kerohanian", "pesantren kilat",
]
CRITICISM = [
    "kebijakan", "mohon", "sebaiknya", "semoga", "harap", "berharap", "evaluasi", "dievaluasi",
    "saran", "masukan", "kritik", "mengkritik", "kurang tepat", "belum tepat", "kurang efektif",
    "perlu diperbaiki", "diperbaiki", "tolong", "pelayanan", "layanan", "antrean", "antri", "lambat",
    "aspirasi", "regulasi", "aturan baru", "tidak setuju dengan kebijakan", "keberatan",
]
# Insults that are hostility in both rules (Indonesian, Javanese, Sundanese, emoji); each rule adds its own.
INSULTS = (
    "anjing", "anjing sia", "asu", "babi", "bajilak", "bajingan", "bangsat", "bego", "belegug",
    "biadab", "bodoh", "brengsek", "busuk", "celeng", "dobol", "dungu", "gathel", "gelo", "goblog sia",
    "goblok", "iblis", "idiot", "jancuk", "jurig", "kafir", "kehed", "keparat", "kirik", "kontol",
    "koplok", "kunyuk", "laknat", "matamu", "monyet", "munafik", "najis", "ndhasmu", "pekok",
    "penjajah", "raimu", "sampah", "setan", "tai", "taik", "terkutuk", "tikus", "tolol", "🐀", "🐕", "🐶",
    "🐷", "💩", "🖕",
)

# Animal words insult only in insult grammar; otherwise they are animals ("anjing tetangga", "sate babi").
ANIMALS = {"kethek", "ketek", "munyuk", "bedes", "anjing", "babi", "monyet", "kera", "onta", "unta", "tikus", "asu", "celeng", "kirik", "kunyuk",
           "kutu", "lintah", "kadal", "cebong", "kampret", "kecoa", "lalat", "cacing", "keledai", "kambing"}
INSULT_BEFORE = {"itu", "adalah", "ialah", "para", "dasar", "kayak", "kaya", "seperti", "bagai", "bak", "macam", "mirip", "keturunan", "anak",
                 "bani", "pemakan", "makan", "otak", "muka", "turunan", "gerombolan", "kawanan", "kumpulan"}
INSULT_AFTER = {"lu", "lo", "kau", "kamu", "kalian", "semua", "mereka", "sia", "kabeh", "kalean", "loe", "ente"}
LITERAL = {"hutan", "liar", "peliharaan", "tetangga", "hilang", "sate", "daging", "ternak", "kandang", "ekor",
           "seekor", "lucu", "gigit", "menggigit", "digigit", "gonggong", "menggonggong", "kucing", "guling",
           "panggang", "rabies", "vaksin", "dokter hewan", "kebun", "sawah", "ayam", "sapi", "masuk", "dapur",
           "kebun binatang", "satwa", "hewan", "binatang", "pelihara", "memelihara", "dirawat", "kolam", "sungai"}

# Teaching, history and religious study quote the words they explain.
EDUCATION = [
    "sejarah", "materi sejarah", "pelajaran sejarah", "materi pkn", "pelajaran pkn", "materi ppkn", "kajian",
    "tafsir", "makna kata", "secara bahasa", "istilah", "ceramah", "ustadz menjelaskan", "dalam al quran",
    "memproklamasikan", "ditumpas", "museum",
]
_QUOTED_RE = re.compile(r"[\"“”]([^\"“”\n]{2,160})[\"“”]|(?<!\w)['‘]([^'‘’\n]{2,160})['’](?!\w)")

# Words that pin a trait on a whole group ("orang X semua malas", "emang X begitu").
GENERALISING = ["semua", "semuanya", "selalu", "pasti", "memang", "dasar", "kabeh", "kabeh podo", "sak kabehe",
                "sadayana", "rata rata", "pada", "tipikal", "khas", "emang dasar", "itu semua"]

NEGATORS = ["bukan", "tidak", "tak", "jangan", "anti", "stop", "tolak", "bukanlah", "tidaklah"]


# Context lists every hate rule reads; operators extend them under [lists.ruleN] like any list.
CONTEXT_LISTS = {"news": NEWS, "condemn": CONDEMN, "tolerance": TOLERANCE, "criticism": CRITICISM,
                 "negators": NEGATORS, "generalising": GENERALISING, "education": EDUCATION}


class HateDetector(Detector):
    """Rules 1 and 2. Subclasses set lists (targets, hostile, hateful, plus context) and labels."""

    classifier_labels: ClassVar[tuple[str, ...]] = ("HS",)
    target_noun: ClassVar[str] = "sasaran"
    window: ClassVar[int] = 7
    needs = ("classifier",)
    exact_lists = ("education", "criticism")  # "pengajian" is not "kajian", "terlambat" is not "lambat"

    def evaluate(self, doc: Analysis, fields: Iterable[TextField]) -> list[Candidate]:
        """Candidates on the given fields after context assessment (also used by rule 3 on targets)."""
        out = []
        for f in fields:
            for cand in self.detect_field(doc, f):
                cand = self.assess_field(cand, doc, f)
                if cand is not None and cand.confidence >= self.report_threshold:
                    out.append(cand)
        return out

    def detect(self, doc: Analysis):
        for f in doc.own():
            for cand in self.detect_field(doc, f):
                yield self.assess_field(cand, doc, f)

    def assess(self, cand, doc):
        return cand  # context is applied per field in assess_field, which knows the field

    # hook 1
    def detect_field(self, doc: Analysis, f: TextField) -> Iterable[Candidate]:
        words = f.doc.word_index[0]
        if not words:
            return
        pos = {tok_index: n for n, tok_index in enumerate(words)}
        count = 0
        for i, t in enumerate(f.doc.tokens):  # emoji take the place of the word before them
            if i in pos:
                count = pos[i]
            else:
                pos[i] = count
        sentence = _sentence_ids(f)
        negated = {m.last for m in self.find("negators", f)}
        targets = [t for t in self.find("targets", f) if not self._locative(t, f)]
        hostile = [m for m in self.find("hostile", f) if not _negated(m, negated, f)]
        hateful = [m for m in self.find("hateful", f) if not _negated(m, negated, f)]
        scores = doc.scores(f)
        clf = max((scores.get(k, 0.0) for k in self.classifier_labels), default=0.0)
        short = len(words) <= 14

        pairs: list[tuple[Match, Match]] = []
        # only hostile words within the window of a target are candidates (a sorted search, not every pair:
        # a long OCR text has thousands of each)
        order = sorted(range(len(hostile)), key=lambda j: pos.get(hostile[j].first, 0))
        at = [pos.get(hostile[j].first, 0) for j in order]
        for t in targets:
            p = pos.get(t.first, 0)
            near = range(len(order)) if short else range(bisect_left(at, p - self.window),
                                                          bisect_right(at, p + self.window))
            for j in sorted(order[k] for k in near):
                h = hostile[j]
                if (h.first, h.last) == (t.first, t.last):
                    continue
                if h.term in ANIMALS and not _insulting_animal(h, t, f, pos, words):
                    continue
                if short or sentence[h.first] == sentence[t.first]:
                    pairs.append((t, h))
        if not pairs and not hateful and not (targets and clf >= 0.9):
            return

        detail = []
        if hateful:
            base = 0.8
            detail.append(f"frasa kebencian {', '.join(repr(m.term) for m in hateful[:3])}: 0.80")
        elif pairs:
            strong = any(h.label == "strong" for _, h in pairs)
            weak = all(h.label == "weak" for _, h in pairs)
            base = 0.45 if weak else 0.62 + (0.12 if strong else 0.0) + (0.06 if len({h.term for _, h in pairs}) > 1 else 0.0)
            t, h = pairs[0]
            detail.append(f"kata bermusuhan {h.term!r} dekat {self.target_noun} {t.term!r}"
                          f"{' (kuat)' if strong else ''}: {base:.2f}")
            firsts = sorted({p.first for p, _ in pairs})
            general = [m for m in self.find("generalising", f)
                       if bisect_right(firsts, m.first + 8) > bisect_left(firsts, m.first - 8)]
            if general and not weak:
                base = min(base + 0.1, 0.9)
                detail.append(f"generalisasi terhadap kelompok ({general[0].term!r}): +0.10 -> {base:.2f}")
        else:
            base = 0.2 + 0.3 * clf  # the classifier alone never decides: always for review
            detail.append(f"{self.target_noun} {targets[0].term!r} disebut tanpa kata kasar yang dikenal; "
                          f"hanya skor klasifikasi {clf:.2f}: {base:.2f}")
            scores = {}
        if scores:
            conf = 1 - (1 - base) * (1 - 0.5 * clf) if clf >= 0.5 else base * (0.85 + 0.3 * clf)
            detail.append(f"klasifikasi teks {'/'.join(self.classifier_labels)}={clf:.2f} -> {conf:.2f}")
        else:
            conf = base
        ev_matches = [m for m in hateful] + [x for p in pairs[:3] for x in p]
        if not ev_matches:
            ev_matches = targets[:1]
        evidence = [self.evidence(f, m.first, m.last) for m in _outermost(ev_matches)]
        named = sorted({self.describe(t) for t, _ in pairs} | {self.describe(m) for m in hateful})
        if not named and targets:
            named = [self.describe(targets[0])]
        quote = "; ".join(f"“{e.quote}”" for e in evidence[:3])
        yield Candidate(
            confidence=min(conf, 0.99), evidence=tuple(evidence),
            explanation=self.explain(named, quote, field_label(f.path)),
            score_detail=tuple(detail),
            needs_review=not hateful and (not pairs or all(h.label == "weak" for _, h in pairs)),
            extra=(("targets", named),),
        )

    def assess_field(self, cand: Candidate, doc: Analysis, f: TextField) -> Candidate | None:
        """Hook 2 per field: lower the score for reporting, condemnation, tolerance, criticism."""
        strong = any("kuat" in d or "frasa" in d for d in cand.score_detail)
        taken = [(e.start, e.end) for e in cand.evidence if e.field == f.path]

        def present(list_name: str) -> bool:  # context words inside the evidence itself do not count
            for m in self.find(list_name, f):
                a, b = f.doc.tokens[m.first].start, f.doc.tokens[m.last].end
                if not any(s <= a and b <= e for s, e in taken):  # "ujaran kebencian" around "benci" counts
                    return True
            return False

        quoted = [(m.start(), m.end()) for m in _QUOTED_RE.finditer(f.doc.original)]
        in_quotes = bool(taken) and all(any(a <= s and e <= b for a, b in quoted) for s, e in taken)
        if in_quotes:  # the hateful words are quoted, not said: reported, mocked or explained
            cand = cand.adjust(0.6, "kata kebencian berada dalam kutipan")
        if present("education"):
            cand = cand.adjust(0.4, "konteks pelajaran, sejarah atau kajian")
        if present("news"):
            cand = cand.adjust(0.35, "konteks pemberitaan/pelaporan")
        if present("condemn"):
            cand = cand.adjust(0.4, "konteks mengecam atau menolak kebencian")
        if present("tolerance") and (not strong or in_quotes):
            cand = cand.adjust(0.45, "konteks ucapan, toleransi atau patriotik")
        if present("criticism") and not strong:
            cand = cand.adjust(0.6, "bahasa kritik kebijakan")
        return cand

    locative_labels: ClassVar[tuple[str, ...]] = ()  # targets that are only places after "dari", "ke", "di"

    def _locative(self, t: Match, f: TextField) -> bool:
        if t.label not in self.locative_labels or t.first == 0:
            return False
        prev = f.doc.tokens[t.first - 1]
        return prev.kind == "word" and prev.norm in ("dari", "ke", "di", "untuk", "bagi", "seluruh", "se")

    def describe(self, m: Match) -> str:
        return m.label if m.label and m.label not in ("targets", "hateful", "hostile") else m.term

    def explain(self, named: list[str], quote: str, path: str) -> str:
        raise NotImplementedError


def _insulting_animal(h: Match, t: Match, f: TextField, pos: dict[int, int], words: list[int]) -> bool:
    """An animal word used as an insult: next to the group, or in insult grammar, and not literal."""
    toks = f.doc.tokens
    n = pos.get(h.first, 0)
    near = [toks[words[k]].norm for k in range(max(0, n - 2), min(len(words), n + 3)) if k != n]
    if any(w in LITERAL for w in near):
        return False
    tpos = pos.get(t.first, 0), pos.get(t.last, 0)
    if n in (tpos[0] - 1, tpos[1] + 1):
        return True
    before = toks[words[n - 1]].norm if n > 0 else ""
    after = toks[words[n + 1]].norm if n + 1 < len(words) else ""
    return before in INSULT_BEFORE or after in INSULT_AFTER


def _outermost(matches: list[Match]) -> list[Match]:
    """Matches in text order, dropping any that lies inside another (one quote per place)."""
    spans = sorted({(m.first, m.last): m for m in matches}.values(), key=lambda m: (m.first, -m.last))
    out: list[Match] = []
    for m in spans:
        if out and m.last <= out[-1].last:
            continue
        out.append(m)
    return out


def _sentence_ids(f: TextField) -> list[int]:
    ids, cur = [], 0
    for t in f.doc.tokens:
        if t.kind == "punct" and t.norm in _SENTENCE_BREAKS:
            cur += 1
        ids.append(cur)
    return ids


def _negated(m: Match, negator_ends: set[int], f: TextField) -> bool:
    """True when a negator stands right before the match ("bukan sampah", "tidak terlalu bodoh")."""
    toks = f.doc.tokens
    j, steps = m.first - 1, 0
    while j >= 0 and steps < 2:
        t = toks[j]
        if t.kind == "punct" or "," in f.doc.original[t.end:toks[j + 1].start]:
            return False
        if t.kind in ("word", "hashtag"):
            if j in negator_ends:
                return True
            if t.norm not in _INTENSIFIERS:
                return False
            steps += 1
        j -= 1
    return False


_INTENSIFIERS = {"terlalu", "begitu", "sangat", "amat", "se", "juga", "pernah", "lah", "kok", "sih"}
