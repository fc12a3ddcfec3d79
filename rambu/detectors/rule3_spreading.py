"""Rule 3: spreading, or agreeing with, content that breaks rule 1 or 2.

The target (what was shared, liked or commented on) is screened with the
rule 1 and 2 detectors themselves, so the three rules never disagree about
what counts as hate. Sharing and reacting are agreement by the act; a comment
is agreement only when its words say so (including emoji and laughter), and a
comment that rejects or reports the content is not. Laughter alone is reviewed,
never confirmed: it may mock the poster as well as approve of the post.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

from .. import display
from ..analysis import Analysis, TextField
from ..contract.activity import REACTIONS, RESPONSES, SPREADING
from ..results import Evidence
from ..text.lexicon import Match
from ..text.normalize import normalize
from .base import Candidate, Detector
from .rule1_ideology import IdeologyHateDetector
from .rule2_sara import SaraHateDetector

AGREE = {
    **{w: "setuju" for w in (
        "setuju", "sangat setuju", "setuju banget", "sepakat", "betul", "benar", "bener banget", "fakta",
        "memang", "emang", "iya", "iyo", "yoi", "yes", "mantap", "mantul", "sip", "keren", "top", "jos",
        "gas", "gaskan", "gaskeun", "gasken", "lanjutkan", "dukung", "mendukung", "aamiin", "amin", "setuju sekali", "nah ini",
        "ini baru", "akhirnya ada yang berani", "berani", "good", "nice", "benar sekali", "tepat sekali",
        "sikat", "hajar", "libas", "rasain", "mampus", "sukurin", "syukurin", "pantas", "memang pantas",
        "ikut", "sebarkan", "viralkan", "share", "bagikan", "setuju pak", "gaspol", "hidup", "allahu akbar",
        "takbir", "mantap jiwa", "mantab", "👍", "👏", "💯", "🔥", "✅", "💪", "🙌", "❤", "♥", "😍", "👌",
    )},
    **{w: "tawa" for w in ("wkwk", "haha", "hihi", "ngakak", "lucu", "😂", "🤣", "😆", "😁", "😄", "😹")},
    # everyday compounds that hold an agreement word and say nothing of agreement (label "")
    **{w: "" for w in ("sikat gigi", "top up", "gas elpiji", "gas lpg", "tabung gas", "pedal gas", "hidup sehat",
                       "benar benar")},
}
REJECT = [
    "tidak setuju", "gak setuju", "ga setuju", "tidak sepakat", "jangan", "astaghfirullah", "istighfar",
    "naudzubillah", "lapor", "laporkan", "report", "hapus", "takedown", "hoaks", "hoax", "fitnah",
    "tidak pantas", "tidak boleh", "tidak benar", "tidak etis", "stop", "hentikan", "tolak", "kecam",
    "mengecam", "miris", "prihatin", "sedih", "kasihan", "dosa", "ujaran kebencian", "provokasi",
    "provokator", "adu domba", "sara", "rasis", "rasisme", "intoleran", "keterlaluan", "kurang ajar",
    "tidak sopan", "tak pantas", "salah", "keliru", "ngawur", "sesat pikir", "semoga cepat ditangkap",
    "tangkap", "polisikan", "usut", "bukan begitu", "itu tidak", "👎", "🙄", "😡", "🤬", "😤", "waspada",
    "hati hati",
    # everyday rebuttals of what the post claims
    "tidak begitu", "tidak gitu", "bukan gitu", "salah kaprah", "sok tahu", "belajar lagi", "baca lagi",
    "tidak bertentangan", "belajar agama dari", "kebanyakan nonton", "ngaco", "ngarang",
]


# A post that re-publishes someone else's content: the caption says so, or the picture is a screenshot
# of another account's post. Then the author's "own" fields are that content, and posting them is spreading.
REUPLOAD = [
    "reupload", "re upload", "repost", "reposted", "repost dari", "rp dari", "ss dari", "screenshot",
    "tangkapan layar", "tangkap layar", "dari akun", "akun sebelah", "dari grup sebelah", "dari status",
    "status orang", "copas", "copas dari", "copy paste", "credit", "credits", "viral di", "ngutip status",
    "kutip status", "ngutip dari", "dikutip dari status", "ss status", "ss grup",
    "🔁", "📸",
]
# Re-posted to condemn or report it: the framing says so in these words. (Not REJECT's everyday words such
# as "tidak pantas", which the re-posted hate itself may contain: "... tidak pantas kuliah".)
REPORT = [
    "laporkan", "lapor", "report", "dilaporkan", "ujaran kebencian", "provokasi", "provokator", "hoaks", "hoax",
    "fitnah", "hentikan", "kecam", "mengecam", "jangan sebar", "jangan disebar", "jangan ditiru", "astaghfirullah",
    "istighfar", "naudzubillah", "rasis", "rasisme", "intoleran", "miris", "prihatin", "takedown", "adu domba",
    "keterlaluan", "kurang ajar", "tidak setuju", "stop",
]
SCREENSHOT = [  # words of a social-media app's screen, read from a picture
    "balas", "balasan", "suka", "retweet", "retweets", "repost", "kutip", "tweet", "postingan", "komentar",
    "bagikan", "ikuti", "mengikuti", "disukai oleh", "lihat terjemahan", "replying to", "membalas",
]


class SpreadingDetector(Detector):
    rule = 3
    key = "rule3"
    name = "rule3.spreading"
    version = 6  # 2: a comment that only laughs is reviewed, not confirmed; 3: "waspada" frames a share as a
    # warning; a share or repost without its source is read as a re-upload; 4 (withdrawn in 5): content passed on
    # or agreed with was reviewed for strong words alone; 6: everyday rebuttals reject
    title = "menyebarluaskan atau menanggapi dengan setuju konten yang melanggar larangan 1 atau 2"
    basis = (
        "SKB 11 Menteri/Kepala Lembaga 2019 tentang Penanganan Radikalisme ASN, angka 3 dan 4",
        "Etika bermedia sosial ASN Pemasyarakatan angka 3",
    )
    lists = {"agree": AGREE, "reject": REJECT, "report": REPORT, "reupload": REUPLOAD, "screenshot": SCREENSHOT}
    exact_lists = ("reupload", "screenshot")
    needs = ("classifier",)

    def setup(self, resources) -> None:
        self.sources = (IdeologyHateDetector(resources), SaraHateDetector(resources))

    def detect(self, doc: Analysis) -> Iterable[Candidate]:
        act = doc.activity
        if act.type in ("post", "story") + SPREADING and not doc.targets():  # a repost exported without its source
            yield from self._reupload(doc)
            return
        if act.type not in REACTIONS + SPREADING + RESPONSES or not doc.targets():
            return
        hits = [(src, c) for src in self.sources for c in src.evaluate(doc, doc.targets())
                if not (c.needs_review and c.confidence < 0.5)]  # too unsure to call the act spreading
        if not hits:
            return
        src, best = max(hits, key=_surest)
        rules = sorted({s.rule for s, _ in hits})
        target_ev = tuple(e for _, c in hits for e in c.evidence)[:6]
        what = " dan ".join(f"larangan {r}" for r in rules)
        detail = (f"konten sasaran melanggar {what} (keyakinan {display.score(best.confidence)})",)
        quote = "; ".join(f"“{e.quote}”" for e in target_ev[:2])

        if act.type in SPREADING and any(self.find("reject", f) for f in doc.own()):
            return  # shared to condemn or report it ("laporkan!", "hati-hati provokasi"): quoting to condemn
        if act.type in SPREADING or act.type in ("like", "love"):
            verb = {"share": "membagikan", "repost": "mengunggah ulang (repost)", "broadcast": "menyiarkan (broadcast)",
                    "upload": "mengunggah", "like": "menyukai (like)", "love": "memberi tanda suka (love)"}[act.type]
            factor = 1.0 if act.type in SPREADING else 0.9
            yield Candidate(
                confidence=best.confidence * factor, evidence=target_ev,
                explanation=f"pegawai {verb} konten yang melanggar {what}: {quote}.",
                score_detail=detail + (f"tindakan '{act.type}' menyebarkan/menyetujui: x{display.factor(factor)}",),
                needs_review=best.needs_review)
            return
        if act.type == "dislike":
            agree = bool(self.config.get("rule3.dislike_is_agreement"))
            yield Candidate(
                confidence=best.confidence * (0.9 if agree else 0.6), evidence=target_ev,
                explanation=(f"pegawai memberi 'dislike' pada konten yang melanggar {what}: {quote}. "
                             "SKB menyebut dislike sebagai bentuk tanggapan; perlu dipastikan apakah tanda setuju."),
                score_detail=detail + ("tindakan 'dislike': makna tanggapan tidak pasti",),
                needs_review=not agree)
            return
        yield from self._comment(doc, best, target_ev, what, quote, detail)

    def _reupload(self, doc: Analysis) -> Iterable[Candidate]:
        """Someone else's hateful post published again by the author: a caption that says it is a
        re-upload, or a screenshot of another account's post. It reads as the author's own words, but
        publishing it is spreading (rule 3), besides whatever rules 1 and 2 find in it."""
        own = doc.own()
        marks = [(f, m) for f in own for m in self.find("reupload", f)]
        shots = [f for f in own if "ocr_text" in f.path and (any(t.kind == "mention" for t in f.doc.tokens)
                                                               or len(self.find("screenshot", f)) >= 2)]
        if not marks and not shots:
            return
        if any(self.find("report", f) for f in own):
            return  # re-posted to condemn or report it
        content = list(own) + [_unframed(f, m) for f, m in marks[:1]] if marks else shots
        hits = [(src, c) for src in self.sources for c in src.evaluate(doc, content)
                if not (c.needs_review and c.confidence < 0.5)]
        if not hits:
            return
        src, best = max(hits, key=_surest)
        rules = sorted({s.rule for s, _ in hits})
        what = " dan ".join(f"larangan {r}" for r in rules)
        sign = [self.evidence(f, m.first, m.last) for f, m in marks[:1]]
        found = {(e.field.removesuffix(_UNFRAMED), e.start, e.end): e for _, c in hits for e in c.evidence}
        ev = tuple(sign) + tuple(replace(e, field=k[0]) for k, e in found.items())[:6]
        how = (f"menyebut unggahan ini sebagai unggahan ulang (“{sign[0].quote}”)" if sign
               else "gambar berupa tangkapan layar unggahan akun lain")
        quote = "; ".join(f"“{e.quote}”" for e in ev[len(sign):len(sign) + 2])
        yield Candidate(
            confidence=best.confidence, evidence=ev,
            explanation=f"pegawai mengunggah ulang konten orang lain yang melanggar {what} ({how}): {quote}.",
            score_detail=(f"konten yang diunggah ulang melanggar {what} (keyakinan {display.score(best.confidence)})",
                          f"tanda unggahan ulang: {how}"),
            needs_review=best.needs_review, extra=(("reupload", True),))

    def _comment(self, doc: Analysis, best: Candidate, target_ev: tuple[Evidence, ...], what: str,
                 quote: str, detail: tuple[str, ...]) -> Iterable[Candidate]:
        own = doc.own()
        if not own:
            return
        reject = [(f, m) for f in own for m in self.find("reject", f)]
        agree = [(f, m) for f in own for m in self.find("agree", f) if m.label]
        if reject:
            return  # rejecting or reporting the content is the opposite of agreement
        own_hate = [c for s in self.sources for c in s.evaluate(doc, own)]
        if not agree and not own_hate:
            return
        ev = list(target_ev)
        laugh = False
        if agree:
            f, m = agree[0]
            ev.insert(0, self.evidence(f, m.first, m.last))
            laugh = all(m.label == "tawa" for _, m in agree)
            why = "menertawakan" if laugh else "menyatakan setuju"
            sign = f"“{ev[0].quote}”"
            conf = best.confidence * (0.85 if laugh else 0.95)
            step = f"komentar {why} ({sign}): x{display.factor(0.85 if laugh else 0.95)}"
            if laugh:  # laughing may mock the poster as well as approve of the post
                step += "; tertawa saja belum tentu setuju: perlu tinjauan"
        else:
            why, sign = "menimpali dengan nada yang sama", "komentar yang juga bernada kebencian"
            conf = best.confidence * 0.9
            step = "komentar ikut bernada kebencian: x0,9"
        yield Candidate(
            confidence=conf, evidence=tuple(ev),
            explanation=f"pegawai {why} ({sign}) terhadap konten yang melanggar {what}: {quote}.",
            score_detail=detail + (step,), needs_review=best.needs_review or laugh)


_UNFRAMED = "#isi"


def _unframed(f: TextField, m: Match) -> TextField:
    """The re-posted content without the author's framing ("reupload dari grup sebelah: ...", "... (copas dari
    grup WA)"), read as its author wrote it: the marker's clause, up to a colon, line break or closing
    bracket, is blanked with spaces, so the classifier reads the content alone (a few words more dilute it)
    while offsets and quotes stay those of the field."""
    toks, text = f.doc.tokens, f.doc.original
    a, b = toks[m.first].start, toks[m.last].end
    start = max(text.rfind(c, 0, a) for c in ".!?\n(") + 1
    stop = re.search(r"[:\n)]", text[b:b + 60]) or re.search(r"[.!?]", text[b:b + 60])
    end = b + stop.end() if stop else b
    blanked = text[:start] + " " * (end - start) + text[end:]
    return TextField(f.path + _UNFRAMED, f.role, normalize(blanked), f.where)


def _surest(hit: tuple[Detector, Candidate]) -> tuple[bool, float]:
    """The content's surest finding: a confirmed one before any review, however high the review's score
    (a rule-1 review at 0,98 beside a rule-2 violation at 0,93: passing it on spreads a violation)."""
    return not hit[1].needs_review, hit[1].confidence
