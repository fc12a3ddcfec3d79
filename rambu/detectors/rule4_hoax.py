"""Rule 4: publishing or spreading misleading or unaccountable news.

Two ways to a finding, both on the author's own words (text, OCR text,
transcripts) and, for spreading types (share, repost, broadcast, upload), on
the content passed on (``target``; evidence then points into ``target.text``
and so on):

1. **Register match.** The field is matched by meaning against the fact-check
   register (``doc.resources.factchecks``, a
   :class:`rambu.factcheck.matcher.FactCheckIndex`). A similarity at or above
   ``rule4.match_threshold`` to an entry whose verdict is hoaks,
   disinformasi, misinformasi (or another "false" verdict) is a violation; a
   similarity between ``rule4.review_match_threshold`` and the main threshold
   needs review. Satire and unknown verdicts need review; ``benar`` never
   counts (and when a true entry is the better match, the text is taken to
   state the true version). The explanation cites the entry (id, claim,
   verdict, source, date) and the finding carries it as
   ``("factcheck", {...})``.

2. **Unaccountable news** (no confirmed register match): markers of news
   without a source that is pushed to spread. Each marker list below is data
   (phrase -> strength ``kuat`` / ``sedang`` / ``lemah``; operators add
   phrases under ``[lists.rule4]``). Per category the strongest marker counts
   (each further distinct marker adds 0.1) and the categories combine as
   independent evidence, 1 - prod(1 - s). ALL CAPS shouting and runs of
   exclamation marks count as alarm. A call to spread alone ("sebarkan
   kebaikan") is not news: at least one marker of an unverified source, chain
   message or truth assertion is needed, or a call to spread together with
   alarm or sensational wording; hearsay must also claim that something
   happens (list ``claim_cue``: "akan", "mulai", "semua", "ditutup" ...), so
   "dari grup sebelah: ada yang jual motor?" is not news. For content passed
   on, the author's own framing counts too ("Info dari grup sebelah" on a
   broadcast). Weaker combinations (below ``rule4.violation_threshold``)
   need review.

Context (applied in ``detect``, where the fields are known): a debunk is not
spreading ("CEK FAKTA", "[HOAKS]", "[SALAH]", "tidak benar", "sudah
dibantah", "klarifikasi", "jangan disebarkan"); a debunk in the author's own
words covers what they share. Weak debunk words ("faktanya", "jangan
percaya", "cek dulu", "penipuan") count only without a call to spread,
because hoaxes use them too ("jangan percaya media, faktanya ..., sebarkan!"
is then a truth assertion). "Bukan hoaks" is a truth assertion, not a debunk.
Asking or doubting ("apa benar", "semoga tidak benar", also in the author's
words on a share) needs review; official announcements (public-relations
wording, unless it pushes like a chain message) drop unaccountable-news
findings and turn register matches into reviews; news that names its source
(attribution words or a link to a news site) needs review.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Mapping

from .. import display
from ..analysis import Analysis, TextField, joined
from ..contract.activity import RESPONSES, SPREADING
from ..results import Evidence, field_label
from ..text.lexicon import Match
from ..text.sentences import asked_sentences, sentence_ids
from .base import Candidate, Detector

STRENGTH = {"kuat": 0.45, "sedang": 0.3, "lemah": 0.15}
# default strength of a phrase an operator adds to a list (the label is then the list name)
LIST_DEFAULT = {"spread": "sedang", "unverified": "sedang", "chain": "kuat", "truth": "sedang",
                "alarm": "lemah", "sensational": "lemah"}
STANCE_TEXT = {
    "spread": "menyebarkan atau mengajak menyebarkan",
    "assert": "menegaskan sebagai kebenaran",
    "question": "mempertanyakan",
    "report": "memberitakan atau membahas",
    "plain": "menyatakan tanpa penanda sikap",
}
CATEGORY_TEXT = {
    "spread": "ajakan menyebarkan",
    "unverified": "sumber tidak jelas",
    "chain": "tanda pesan berantai",
    "truth": "klaim kebenaran tanpa bukti",
    "alarm": "nada panik/alarm",
    "sensational": "klaim sensasional",
}
FURTHER_MARKER = 0.1  # each further distinct marker of a category
CAPS_STRENGTH = 0.15  # an ALL CAPS text
EXCLAIM_STRENGTH = 0.1  # "!!!"
MIN_CONTENT_WORDS = 4  # fewer content words are not news
# Markers combine within a passage of this many words: a long forum post or article that says "katanya" in
# one paragraph, "gratis" in another and "darurat" in a third is not a chain message
PASSAGE_WORDS = 250

# How the register similarity becomes a confidence; context factors.
FACTOR = {
    "question": 0.8,  # "apa benar ...?": review
    "official_match": 0.7,  # an official announcement that resembles a register claim: review
    "news_match": 0.85,  # news naming its source: review
    "news_unaccountable": 0.45,
    "official_unaccountable": 0.0,  # dropped
    "response_spread": 0.75,  # comment pushing a hoax it answers
    "markers_bonus": 0.05,  # per marker category on top of a register match
    "framing": 0.85,  # a claim without stance words, framed as a supposition, a belief or a joke: review
}

# Official papers a claim cites as its authority ("suratnya udah keluar")
_PAPERS = ("surat", "suratnya", "sk", "sknya", "aturan", "aturannya", "surat edaran", "surat edarannya", "edaran",
           "edarannya", "keputusan", "keputusannya", "perpres", "permen")

LISTS: dict[str, dict[str, str]] = {
    "spread": {
        "sebarkan": "sedang", "sebarkanlah": "sedang", "sebarin": "sedang", "viralkanlah": "sedang",
        "bagikanlah": "sedang", "sharekan": "sedang", "sebar luaskan": "kuat", "sebarluaskan": "kuat",
        "viralkan": "sedang", "viralin": "sedang", "bantu viralkan": "kuat", "bantu sebarkan": "kuat",
        "share sebanyak banyaknya": "kuat", "sebarkan sebanyak banyaknya": "kuat", "share sebanyak mungkin": "kuat",
        "bagikan sebanyak banyaknya": "kuat", "sebarkan seluas luasnya": "kuat", "share seluas luasnya": "kuat",
        "teruskan ke semua": "kuat", "teruskan ke grup": "kuat", "teruskan ke keluarga": "kuat",
        "share ke grup": "sedang", "share ke semua": "kuat", "bagikan ke semua": "kuat",
        "bagikan ke grup": "sedang", "kirim ke semua kontak": "kuat", "sebelum dihapus": "kuat",
        "sebelum di take down": "kuat", "sebelum ditakedown": "kuat", "keburu dihapus": "kuat",
        "mumpung belum dihapus": "kuat", "mohon disebarkan": "kuat", "tolong disebarkan": "kuat",
        "tolong share": "sedang", "tolong viralkan": "kuat", "wajib share": "kuat", "wajib sebarkan": "kuat",
        "harus viral": "sedang", "biar viral": "sedang", "share": "lemah", "bagikan": "lemah",
        # passed on to the people close to the reader ("sebarkan ke rekan2", "kasih tau keluarga kalian")
        **{f"{verb} {to}{who}": "sedang"
           for verb in ("sebarkan", "sebarin", "bagikan", "bagiin", "share", "teruskan", "kasih tahu", "beritahu",
                        "beri tahu", "kabari", "kabarin")
           for to in ("ke ", "")
           for who in ("keluarga", "keluarga kalian", "keluarga anda", "rekan", "rekan rekan", "teman", "teman teman",
                       "saudara", "orang tua", "semua orang", "tetangga")},
    },
    "unverified": {
        "katanya": "sedang", "kata orang": "sedang", "kabarnya": "sedang", "konon": "sedang", "konon katanya": "sedang",
        "info a1": "kuat", "informasi a1": "kuat", "a1": "sedang", "info valid": "sedang", "info akurat": "sedang",
        "dari grup sebelah": "kuat", "grup sebelah": "kuat", "dari wa sebelah": "kuat", "copas dari grup": "kuat",
        "copas": "sedang", "copy paste": "sedang", "dari orang dalam": "kuat", "info dari orang dalam": "kuat",
        "sumber orang dalam": "kuat", "orang dalam": "sedang", "sumber terpercaya": "sedang",
        "sumber yang tidak mau disebut": "kuat", "belum ada rilis resmi": "kuat", "belum ada pengumuman resmi": "kuat",
        "belum diumumkan": "sedang", "belum dirilis": "sedang", "bocoran": "sedang", "info bocoran": "kuat",
        "dengar dengar": "sedang", "denger denger": "sedang", "dengar dari teman": "sedang",
        "kata teman saya": "sedang", "dapat kiriman": "sedang", "dapat info": "lemah", "info dari teman": "sedang",
        "entah benar atau tidak": "sedang", "benar tidaknya": "sedang", "valid atau tidak": "sedang",
        "tidak tahu benar atau tidak": "sedang", "wallahualam": "lemah", "wallahu alam": "lemah",
        # hearsay in Javanese and Sundanese, and rumours named as such ("rumor" alone is chat about them)
        "kabare": "sedang", "jarene": "sedang", "jare": "sedang", "cenah": "sedang", "saurna": "sedang",
        "desas desus": "sedang", "kabar burung": "sedang",
        # a relative or friend inside as the source ("sodara gw kerja di kantor pusat")
        "saudara saya kerja di": "sedang", "saudara saya yang kerja di": "sedang", "teman saya kerja di": "sedang",
        "teman saya yang kerja di": "sedang", "temen saya kerja di": "sedang", "temen saya yang kerja di": "sedang",
        "sodara saya kerja di": "sedang", "sodara saya yang kerja di": "sedang", "kenalan saya di": "sedang", "dari grup rw": "sedang",
        "grup rw sebelah": "kuat", "grup wa sebelah": "kuat", "belum diumumin": "sedang",
        "tetangga yang kerja di": "sedang", "tetangga saya kerja di": "sedang", "info dari tetangga": "sedang",
        "sumber saya": "sedang", "tinggal diumumkan": "sedang", "grup rt sebelah": "kuat", "dari grup keluarga": "sedang", "dari grup alumni": "sedang",
        # hearsay from someone close, each way of saying it with each person ("kata temen sy", "denger dari sodara";
        # "info dari kawan" was tried: a forum story told by one)
        **{f"{lead} {who}{own}": "sedang" for lead in ("kata", "dengar dari", "denger dari", "kabar dari")
           for who in ("teman", "temen", "kawan", "tetangga", "saudara", "sodara", "sepupu", "ipar", "kenalan", "rekan")
           for own in ("", " saya")},
    },
    "chain": {
        "pesan berantai": "kuat", "forwarded many times": "kuat", "diteruskan berkali kali": "kuat",
        "kirim ke 10 orang": "kuat", "kirimkan ke 10 orang": "kuat", "jika tidak disebarkan": "kuat",
        "kalau tidak disebarkan": "kuat", "jangan berhenti di kamu": "kuat", "jangan berhenti di anda": "kuat",
        "stop di kamu": "kuat", "berhenti di tangan anda": "kuat", "forward": "sedang", "fwd": "sedang",
        "diteruskan": "lemah", "copas dari sebelah": "kuat", "ketik amin": "sedang",
    },
    "truth": {
        "bukan hoaks": "sedang", "bukan hoax": "sedang", "bukan hoaks ya": "kuat", "ini bukan hoax": "kuat",
        "ini bukan hoaks": "kuat", "100 persen valid": "kuat", "100 valid": "kuat", "dijamin valid": "kuat",
        "dijamin benar": "kuat", "ini nyata": "sedang", "sudah terbukti": "sedang", "fakta bukan hoaks": "kuat",
        "media tidak memberitakan": "kuat", "tidak diberitakan media": "kuat", "media diam": "sedang",
        "ditutupi media": "kuat", "disembunyikan pemerintah": "kuat", "dirahasiakan": "sedang",
        # a cover-up claimed: what the authorities or the media are said to hide
        "pemerintah nutupin": "kuat", "polisi nutupin": "kuat", "sengaja ditutupi": "kuat", "sengaja ditutupin": "kuat",
        "sengaja tidak diumumkan": "kuat", "sengaja tidak umumin": "kuat", "sengaja tidak diumumin": "kuat",
        "tidak mau kasih tahu": "sedang", "tidak mau memberi tahu": "sedang", "nutupin ini": "sedang",
        "ditutupin": "sedang", "dihapus semua media": "kuat", "sudah dihapus media": "kuat", "media tidak berani": "kuat",
        "tidak ada media yang berani": "kuat", "who nutupin": "kuat", "media nutupin": "kuat", "dokter nutupin": "kuat",
        "pemerintah menutupi": "kuat", "polisi menutupi": "kuat",
        # the authorities said to keep silent about it
        # ("disuruh diam" was tried: it is how people tell a politician to shut up)
        "pemerintah diam": "sedang", "pemerintah diam saja": "sedang", "polisi diam saja": "sedang",
        "sengaja diam": "sedang", "bukan katanya": "kuat", "surat edarannya sudah ada": "sedang",
        "suratnya sudah ada": "sedang", "media tidak ada yang berani": "kuat",
        # certainty and first-hand proof in place of a source
        # ("dijamin", "sudah pasti", "lihat sendiri" and "saksi mata" were tried: articles and chat use them)
        "valid 100": "kuat", "sudah dibuktikan": "sedang", "sudah dibuktiin": "sedang", "nemu sendiri": "sedang",
        "menemukan sendiri": "sedang", "mengalami sendiri": "sedang", "ini serius": "lemah",
        # an official letter said to exist, as the claim's authority ("sudah ada surat edaran", "ada SK-nya")
        "sudah ada surat edaran": "sedang", "sudah ada suratnya": "sedang", "ada surat resminya": "sedang",
        "sudah ada se": "sedang", "sudah ada sk": "sedang", "sudah ada skn": "sedang",
        # ... or said to be out already ("suratnya udah keluar", "udh ada surat edarannya"), each paper each way
        **{f"{paper} sudah {state}": "sedang" for paper in _PAPERS
           for state in ("keluar", "terbit", "diteken", "ditandatangani", "turun")},
        **{f"sudah ada {paper}": "sedang" for paper in ("surat edarannya", "edarannya", "sknya")},  # not "aturan"
        "sudah ditandatangani": "lemah", "sudah diteken": "lemah",
        # a cover-up with its reason ("BMKG nutupin biar gk panik")
        **{f"{so} {who}tidak panik": "kuat" for so in ("biar", "supaya", "agar")
           for who in ("", "masyarakat ", "rakyat ", "warga ", "orang ", "kita ")},
        # someone said to hide it from the reader ("dokter2 gak mau kalian tau ini"), each who with each reader
        **{f"{who} tidak {want} {reader} tahu": "kuat"
           for who in ("dokter", "pemerintah", "media", "mereka", "who", "elit", "farmasi", "polisi", "perusahaan obat")
           for want in ("mau", "ingin")
           for reader in ("kamu", "anda", "kalian", "kita", "lo", "masyarakat", "rakyat", "publik")},
    },
    "alarm": {
        "darurat": "lemah", "gawat": "lemah", "waspada": "lemah", "awas": "lemah", "hati hati": "lemah",
        "heboh": "lemah", "breaking news": "sedang", "berita terkini": "lemah", "urgent": "sedang",
        "penting": "lemah", "mengerikan": "lemah", "mengejutkan": "lemah", "innalillahi": "lemah",
        "merinding": "lemah", "astaghfirullah": "lemah",
        "breaking": "sedang", "sebelum telat": "sedang", "sebelum terlambat": "sedang",
    },
    "sensational": {
        "terbongkar": "sedang", "rahasia": "lemah", "konspirasi": "sedang", "mulai besok": "lemah",
        "mulai hari ini": "lemah", "mulai bulan depan": "lemah", "segera": "lemah", "resmi dihapus": "sedang",
        "ditiadakan": "lemah", "dihapus": "lemah", "dilarang": "lemah", "ditutup": "lemah", "dibebaskan": "lemah",
        "gratis": "lemah", "bantuan": "lemah", "akan terjadi": "lemah", "korban berjatuhan": "sedang",
        "chaos": "sedang", "kiamat": "sedang", "azab": "sedang", "mematikan": "lemah", "tewas": "lemah",
        "media dibungkam": "sedang", "dibungkam": "lemah", "ditutup tutupi": "sedang", "tidak diberitakan": "sedang",
        "tidak akan diberitakan": "sedang", "kabur massal": "sedang", "massal": "lemah",
        "meninggal": "lemah", "pembunuh": "lemah", "mengandung zat": "sedang", "zat berbahaya": "sedang",
        "penyebab kanker": "sedang", "kebobolan": "sedang", "keracunan": "lemah",
        # miracle cures: the commonest health hoax
        "bisa menyembuhkan": "sedang", "dapat menyembuhkan": "sedang", "ampuh menyembuhkan": "sedang",
        "menyembuhkan segala penyakit": "kuat", "dijamin sembuh": "kuat", "pasti sembuh": "sedang",
        "sembuh total": "sedang", "langsung sembuh": "sedang", "sembuh dalam": "sedang", "obat ampuh": "sedang",
        "tanpa ke dokter": "sedang", "dokter pun heran": "kuat", "terbukti menyembuhkan": "kuat", "menyembuhkan kanker": "kuat", "menyembuhkan covid": "kuat",
        "menyembuhkan corona": "kuat", "membunuh virus corona": "sedang", "menyembuhkan diabetes": "sedang",
        "menyembuhkan stroke": "sedang",
    },
}

# Words that make a text a claim about something happening (a gate, no weight): hearsay about
# a motorbike for sale or a recipe is not news.
CLAIM_CUES = [
    "akan", "bakal", "mulai", "besok", "lusa", "semua", "seluruh", "tidak", "belum", "wajib",
    "harus", "dilarang", "ditutup", "dihapus", "ditiadakan", "dibatalkan", "naik", "turun", "dipotong", "gratis",
    "meninggal", "tewas", "kabur", "bocor", "ditangkap", "dipecat", "dimutasi", "diberhentikan", "dibubarkan",
    "resmi", "terjadi", "beredar", "diganti", "dicabut", "dibebaskan", "cair", "hilang", "diculik",
]
DEBUNK = [  # the text says a claim is false: not spreading it
    "jangan berspekulasi", "tidak berspekulasi", "tunggu informasi resmi", "menunggu informasi resmi",
    "tunggu rilis resmi", "menunggu rilis resmi", "menunggu informasi dari humas",
    "cek fakta", "cekfakta", "hoaks", "hoax", "hoks", "hoaxs", "berita bohong", "kabar bohong", "disinformasi",
    "misinformasi", "tidak benar", "tidaklah benar", "dibantah", "membantah", "bantahan", "sudah dibantah",
    "klarifikasi", "mengklarifikasi", "diklarifikasi", "bukan fakta", "tidak terbukti", "informasi keliru",
    "informasi yang keliru", "informasi salah", "informasi yang salah", "berita palsu", "kabar palsu",
    "jangan disebarkan", "jangan disebar", "jangan sebarkan", "jangan disebarluaskan", "jangan ikut sebarkan",
    "jangan ikut menyebarkan", "jangan share", "jangan dishare", "stop sebarkan", "stop share",
    "stop menyebarkan", "turnbackhoax", "turn back hoax",
]
DEBUNK_WEAK = [  # hoaxes use these too: they count only without a call to spread
    "faktanya", "fakta sebenarnya", "jangan percaya", "jangan mudah percaya", "jangan langsung percaya",
    "jangan mudah terprovokasi", "cek dulu", "cek kebenarannya", "pastikan kebenarannya", "periksa kebenarannya",
    "saring sebelum sharing", "saring dulu sebelum sharing", "cek dulu sebelum sebarkan", "cek dulu sebelum share",
    "pastikan sumbernya", "cek sumbernya", "tabayyun", "bijak bermedia sosial", "jangan asal share",
    "jangan asal sebar", "cek dan ricek", "cek ricek", "fitnah", "menyesatkan", "keliru", "tidak sesuai fakta",
    "penipuan", "modus penipuan", "waspada penipuan", "bohong", "surat palsu", "akun palsu", "edaran palsu",
    "undangan palsu", "tautan palsu", "link palsu", "jangan diklik", "jangan klik", "phishing", "modus phishing",
    "jangan asal forward", "jangan asal teruskan", "penipuan online",
    # everyday rebuttals
    "ngarang", "ngawur", "mana ada", "ngaco", "ngada ngada", "omong kosong", "kata siapa", "asal ngomong",
    "asal bunyi", "tidak masuk akal", "gak masuk akal", "ga masuk akal", "nggak masuk akal",
]
QUESTION = [
    "apa benar", "apakah benar", "apa betul", "apakah betul", "benarkah", "betulkah", "bener gak", "benar gak",
    "benar tidak", "bener ga", "benar atau tidak", "hoaks atau bukan", "hoax atau bukan", "hoaks bukan",
    "hoax bukan", "hoax gak", "hoaks gak", "mohon konfirmasi", "minta konfirmasi", "ada yang tahu", "valid gak",
    "valid tidak", "ini valid", "beneran gak", "ini beneran", "mohon pencerahan", "ada yang bisa konfirmasi",
    # doubt while passing it on is still passing it on
    "semoga tidak benar", "semoga hoaks", "semoga hoax", "semoga bukan", "mudah mudahan tidak benar",
    "moga hoaks", "moga hoax", "semoga saja tidak benar",
    # not knowing and asking for the official word
    "ada yang punya info resmi", "ada info resmi", "info resminya", "mana info resminya", "tidak tahu ini benar",
    "tidak tahu benar tidaknya", "belum tahu benar", "benar apa tidak", "bener apa gak", "bener apa ngga",
    "bener apa nggak", "bener gak sih", "benar tidaknya",
]
# A comment agreeing with what it answers ("iya bener", Javanese "bener iki", Sundanese "leres pisan"): under a
# claim the register calls false it asserts the claim.
AGREE = [
    "setuju", "betul", "benar", "bener", "iya bener", "bener banget", "betul sekali", "benar sekali", "fakta",
    "ini fakta", "memang benar", "emang bener", "nyata", "valid", "beneran", "bener iki", "pancen bener", "pancen",
    "leres", "leres pisan", "saestu", "nyata pisan", "👍", "💯", "✅",
]
OFFICIAL = [  # public-relations announcements
    "humas", "menginformasikan", "menginformasikan bahwa", "pengumuman resmi", "siaran pers", "press release",
    "rilis resmi", "surat edaran", "sesuai ketentuan", "informasi resmi", "akun resmi", "kanal resmi",
    "laman resmi", "situs resmi", "disampaikan kepada", "dengan hormat", "diberitahukan", "demikian disampaikan",
    "layanan informasi", "terima kasih atas perhatiannya", "call center",
    # a unit's notice about itself: one unit's own, temporary arrangement, not the nationwide claim
    "lapas kami", "rutan kami", "unit kami", "kantor kami", "satuan kerja kami", "ditutup sementara",
    "untuk sementara", "sementara waktu", "mohon maaf atas ketidaknyamanan",
]
NEWS = [  # news that names its source
    "dilansir", "dilansir dari", "dikutip dari", "mengutip", "sumber berita", "dilaporkan", "menurut keterangan",
    "dalam keterangan tertulis", "konferensi pers", "saat dikonfirmasi", "ketika dikonfirmasi", "kata kepala",
    "ujar kepala", "menurut kepala", "kepada wartawan", "kepada awak media", "jelasnya", "ungkapnya",
    "tuturnya", "katanya kepada", "sebagaimana diberitakan", "seperti diberitakan", "menurut", "ujarnya",
    "tambahnya", "imbuhnya", "terangnya", "paparnya", "tegasnya", "lanjutnya", "saat dihubungi",
    "ketika dihubungi", "dalam keterangannya", "juru bicara", "jubir", "kabid humas", "dalam rilis",
    "rilis yang diterima", "keterangan resmi",
]
# The text talks *about* a circulating claim ("beredar kabar yang menyebut ...", "mitos", "diklaim"): it
# reports or explains the claim rather than asserting it. Hoaxes push ("sebarkan!"); reports distance.
DISTANCE = [
    "beredar informasi", "beredar kabar", "beredar isu", "beredar pesan", "kabar yang beredar",
    "informasi yang beredar", "isu yang beredar", "pesan yang beredar", "ramai diperbincangkan",
    "menjadi perbincangan", "jadi perbincangan", "ramai dibicarakan", "diklaim", "klaim tersebut",
    "informasi tersebut", "kabar tersebut", "isu tersebut", "pesan tersebut", "anggapan", "mitos",
    "disebut sebut", "diisukan", "salah besar", "tidak sepenuhnya benar", "perlu diluruskan", "meluruskan",
    "menepis", "ditepis", "dibantah", "menegaskan bahwa", "tidak semua", "penjelasan",
]
# How a text without a stance word can still hold a claim at arm's length: a supposition, someone else's
# belief, a joke or a sneer. Such a text may repeat the claim word for word, so it is a review, not a
# violation (a claim stated flat, without these, asserts it).
FRAMING: dict[str, str] = {
    **{w: "pengandaian" for w in (
        "seandainya", "andaikan", "andai saja", "andaikata", "kalau memang", "kalo memang", "kalau emang",
        "kalo emang", "kalau beneran", "kalo beneran", "kalau benar", "kalo bener", "misalkan", "cuma mimpi",
        "mimpi kali", "ngimpi")},
    **{w: "kepercayaan orang lain" for w in (
        "ada yang percaya", "masih percaya", "masih aja percaya", "percaya banget", "percaya aja", "yang percaya",
        "pada percaya", "kirain", "saya kira", "aku kira", "gue kira", "sempat kira", "sempat mengira", "dikira",
        "padahal cuma", "padahal hanya", "termakan isu", "termakan hoaks", "termakan hoax", "gak baca rilis",
        "tidak baca rilis", "untung cek", "untung saya cek")},
    **{w: "candaan atau sindiran" for w in (
        "wkwk", "wkwkwk", "haha", "hahaha", "ngakak", "kwkw", "awokawok", "lucu", "kocak", "🤣", "😂", "😆", "🙄",
        "🤡", "😏")},
}
# "Jakarta, KOMPAS.com -", "Metrotvnews.com, Jakarta:", "JAKARTA (ANTARA) -": a news dateline.
_DATELINE_RE = re.compile(r"^\s*(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}\s*,\s*)?(?:[A-Z][\w.]*(?:\.com|\.co\.id|\.id)|"
                          r"[A-Z]{3,}(?:\s+[A-Z]{3,})?\s*\((?:ANTARA|Antara|AFP|Reuters)\))\s*[-–—:,]"
                          r"|^\s*[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)?\s*[-–—]\s+\S")
NEWS_DOMAINS = ("kompas.com", "detik.com", "antaranews.com", "tempo.co", "cnnindonesia.com", "kumparan.com",
                "tribunnews.com", "liputan6.com", "republika.co.id", "okezone.com", "suara.com", "jpnn.com",
                "cnbcindonesia.com", "idntimes.com", "merdeka.com", "sindonews.com", "bbc.com", "go.id",
                "turnbackhoax.id", "cekfakta.com", "kominfo.go.id", "komdigi.go.id")
NEGATORS = frozenset({"tidak", "bukan", "jangan", "stop", "belum", "tak"})

# fact-checkers' labels: "[HOAKS]", "[SALAH]", "[DISINFORMASI]" (Mafindo/TurnBackHoax style)
_LABEL_RE = re.compile(r"\[\s*(?:hoaks|hoax|salah|disinformasi|misinformasi|klarifikasi|penipuan|keliru|"
                       r"menyesatkan|fitnah|satire|konten palsu|konten yang menyesatkan|cek fakta)\s*\]", re.I)
_CAPS_WORD_RE = re.compile(r"[A-Z][A-Z0-9'’]+")
_CAPS_START_RE = re.compile(r"(?=[A-Z][A-Z0-9'’])")  # every place a word _CAPS_WORD_RE takes could begin
_EXCLAIM_RE = re.compile(r"[!！]{2,}")


@dataclass
class _Markers:
    """What the field says about itself, beyond its claim."""

    source: TextField | None = None  # the field these markers were read from
    cats: dict[str, list[tuple[Match, float]]] = field(default_factory=dict)
    debunk: list[Match] = field(default_factory=list)
    debunk_weak: list[Match] = field(default_factory=list)
    question: list[Match] = field(default_factory=list)
    official: list[Match] = field(default_factory=list)
    news: list[Match] = field(default_factory=list)
    news_url: bool = False
    distance: list[Match] = field(default_factory=list)  # talks about a circulating claim
    framing: list[Match] = field(default_factory=list)  # supposition, someone else's belief, a joke
    dateline: bool = False
    label: bool = False  # a fact-checker's bracket label
    claim_cue: bool = False  # says something happens ("akan", "semua", "ditutup")
    caps: tuple[int, int] | None = None  # token span of the shouting
    exclaim: bool = False
    content_words: int = 0

    @property
    def spread(self) -> bool:
        return bool(self.cats.get("spread"))

    def strong(self, cat: str) -> bool:
        return any(s >= STRENGTH["kuat"] for _, s in self.cats.get(cat, ()))

    @property
    def is_debunk(self) -> bool:
        """A fact-check or warning about the claim, not its spreading.

        Hoaxes borrow the words: "pemerintah bilang hoaks, padahal ini nyata, sebarkan!" is
        not a debunk (truth assertion with a call to spread), nor is "faktanya ..., sebarkan!".
        """
        if self.label:
            return True
        if self.debunk and not (self.cats.get("truth") and self.spread):
            return True
        return bool(self.debunk_weak) and not self.spread and not self.cats.get("truth")

    @property
    def is_official(self) -> bool:
        """Public-relations wording, unless it pushes like a chain message (hoaxes imitate it)."""
        return bool(self.official) and not (self.cats.get("chain") or self.strong("spread")
                                            or self.strong("unverified"))

    @property
    def is_news(self) -> bool:
        return bool(self.news) or self.news_url or self.dateline

    @property
    def pushes(self) -> bool:
        """Spread, chain or truth markers: the text pushes its claim (hoaxes do; reports do not)."""
        return self.spread or bool(self.cats.get("chain")) or bool(self.cats.get("truth"))

    @property
    def stance(self) -> str:
        """How the text holds its claim: spreads, asserts, asks, reports, or says nothing of it."""
        if self.question:
            return "question"
        if self.pushes:
            return "spread" if self.spread or self.cats.get("chain") else "assert"
        if self.is_official or self.is_news or self.distance:
            return "report"
        if self.cats.get("unverified"):
            return "assert"  # hearsay passed on as news
        return "plain"


class HoaxDetector(Detector):
    rule = 4
    key = "rule4"
    name = "rule4.hoax"
    version = 11  # 2: miracle-cure claims are sensational markers; 3: framing, everyday rebuttals, comma ends a negation;
    # 4: Sundanese and Javanese word endings and everyday words in the matcher; a unit's notice about itself;
    # 5: unaccountable-news markers combine within a passage of a long text, not over all of it; a comment
    # agreeing with a registered hoax it answers is reviewed; not knowing and asking for the official word asks;
    # the author offering to share their own content later ("nanti gw share") is no call to spread; a comment
    # agreeing with unaccountable news it answers, or calling to spread a rumour, is reviewed; regional hearsay;
    # 6: a cover-up claimed, certainty or first-hand proof, a relative inside, a letter cited as the claim's
    # authority (no longer an official announcement); 7: a comment vouching for the claim it answers with a
    # strong source of its own is reviewed; the authorities said to keep silent; 8: sharing named as a condition
    # ("cek dulu sebelum share") is no call to spread; a chain message talked about ("pesan berantai itu ...");
    # 9: hearsay from someone close, any way it is said ("kata temen sy", "denger dari sodara"); 10: a cover-up with
    # its reason ("biar gak panik"), a truth hidden from the readers ("gak mau kalian tau"), a paper said to be out
    # ("suratnya udah keluar"), passing on to the readers' own people ("kasih tau keluarga kalian"); 11: a chain
    # letter's quota said to the reader ("teruskan ke 10 grup")
    title = "berita bohong atau tidak dapat dipertanggungjawabkan"
    basis = (
        "SKB 11 Menteri/Kepala Lembaga 2019 tentang Penanganan Radikalisme ASN, angka 5 dan 6",
        "UU 11/2008 jo. UU 1/2024 tentang ITE, Pasal 28 ayat (3)",
        "SE Menteri PANRB Nomor 137 Tahun 2018 tentang Penyebarluasan Informasi melalui Media Sosial bagi ASN",
        "Etika bermedia sosial ASN Pemasyarakatan angka 4",
    )
    roles = ("own", "target")
    needs = ("factchecks",)
    lists: Mapping[str, Any] = {
        **LISTS,
        "debunk": DEBUNK,
        "debunk_weak": DEBUNK_WEAK,
        "question": QUESTION,
        "claim_cue": CLAIM_CUES,
        "official": OFFICIAL,
        "news": NEWS,
        "distance": DISTANCE,
        "framing": FRAMING,
        "agree": AGREE,
    }
    # a call to spread is an imperative ("sebarkan!"), not a report that someone spread ("menyebarkan")
    exact_lists = ("spread", "chain", "news", "distance")

    def setup(self, resources) -> None:
        self._indexed: tuple[Any, Any] | None = None  # (entries given, their index)
        cfg = resources.config
        self.match_threshold = float(cfg.get("rule4.match_threshold", 0.5))
        self.review_match_threshold = min(float(cfg.get("rule4.review_match_threshold", 0.38)),
                                          self.match_threshold)

    def _index(self, fc):
        """The register index; plain entries or a loaded register are indexed once."""
        if fc is None or hasattr(fc, "match"):
            return fc
        if self._indexed is None or self._indexed[0] is not fc:
            from ..factcheck.matcher import FactCheckIndex
            self._indexed = (fc, FactCheckIndex(fc))
        return self._indexed[1]

    # ----------------------------------------------------------------- markers
    def markers(self, f: TextField) -> _Markers:
        m = _Markers(source=f)
        doc = f.doc
        m.content_words = len(doc.word_index[0])
        m.question = self.find("question", f)
        asked = [(x.first, x.last) for x in m.question]
        # "hoaks atau bukan?" asks; "bukan hoaks" asserts: neither is a debunk
        m.debunk = [x for x in self._unnegated(self.find("debunk", f), doc) if not _overlaps(x, asked)]
        m.debunk_weak = [x for x in self._unnegated(self.find("debunk_weak", f), doc) if not _overlaps(x, asked)]
        m.official = self.find("official", f)
        m.news = self.find("news", f)
        m.label = bool(_LABEL_RE.search(doc.original))
        m.news_url = any(t.kind == "url" and any(d in t.norm for d in NEWS_DOMAINS) for t in doc.tokens)
        m.distance = self.find("distance", f)
        m.framing = self.find("framing", f)
        m.dateline = bool(_DATELINE_RE.match(doc.original[:120]))
        covered = [(x.first, x.last) for x in m.debunk + m.debunk_weak + m.question]
        taken: list[tuple[int, int]] = []  # a phrase counts in one category only
        for cat in LISTS:
            for x in self.find(cat, f):
                if _overlaps(x, taken):
                    continue
                if cat in ("spread", "chain") and (_inside(x, covered) or self._negated(x, doc)):
                    continue  # "jangan disebarkan", "cek dulu sebelum sebarkan"
                if cat == "spread" and (_offers_to_share_later(x, doc) or _preceded_by(x, doc, _BEFORE)):
                    continue  # "nanti gw share di story", "tabayyun dulu sebelum share": not a call to spread
                if cat == "chain" and _followed_by(x, doc, _DEMONSTRATIVE):
                    m.distance.append(x)  # "pesan berantai itu udah muter dari 2012": about the chain message
                    continue
                if cat == "unverified" and x.term == "katanya" and _followed_by(x, doc, _ATTRIBUTION):
                    continue  # "katanya kepada wartawan" is news, not hearsay
                label = x.label if x.label in STRENGTH else LIST_DEFAULT[cat]
                m.cats.setdefault(cat, []).append((x, STRENGTH[label]))
                taken.append((x.first, x.last))
        count = _chain_count(doc)
        if count is not None and not self._negated(count, doc) and not _inside(count, covered):
            # the quota outweighs the bare verb it holds ("teruskan" in "teruskan ke 10 grup")
            span = [(count.first, count.last)]
            for cat in ("spread", "chain"):
                kept = [(x, st) for x, st in m.cats.get(cat, ()) if not _overlaps(x, span)]
                if kept:
                    m.cats[cat] = kept
                else:
                    m.cats.pop(cat, None)
            m.cats.setdefault("chain", []).append((count, STRENGTH["kuat"]))
        if m.spread and m.debunk_weak and not m.debunk:
            # "jangan percaya media, faktanya ..., sebarkan!": the hoax's own rhetoric
            for x in m.debunk_weak:
                m.cats.setdefault("truth", []).append((x, STRENGTH["sedang"]))
        truth = [(x.first, x.last) for x, _ in m.cats.get("truth", ())]
        if truth:  # "sudah ada surat edaran": a letter cited as the claim's authority is not the office speaking
            m.official = [x for x in m.official if not _overlaps(x, truth)]
        m.claim_cue = bool(self.find("claim_cue", f))
        m.caps = _caps_span(doc)
        m.exclaim = bool(_EXCLAIM_RE.search(doc.original))
        return m

    @staticmethod
    def _negated(x: Match, doc) -> bool:
        """A negating word just before the phrase, in its clause: "saya jawab tidak, itu hoaks" denies the
        question, not the debunk."""
        toks = doc.tokens
        i, seen, after = x.first - 1, 0, toks[x.first].start
        while i >= 0 and seen < 2:
            t = toks[i]
            if t.kind == "punct" or "," in doc.original[t.end:after]:
                break
            after = t.start
            if t.kind in ("word", "hashtag"):
                if t.norm in NEGATORS:
                    return True
                seen += 1
            i -= 1
        return False

    def _unnegated(self, found: list[Match], doc) -> list[Match]:
        return [x for x in found if not (len(x.term.split()) == 1 and self._negated(x, doc))]

    # ------------------------------------------------------------------ detect
    def detect(self, doc: Analysis) -> Iterable[Candidate]:
        act = doc.activity
        spreading = act.type in SPREADING
        fields = [f for f in doc.fields if f.role == "own" or (spreading and f.role == "target")]
        if not fields and not (act.type in RESPONSES and doc.targets()):
            return
        marks = {f.path: self.markers(f) for f in doc.fields}
        own_marks = [marks[x.path] for x in doc.own()]
        own_debunk = any(marks[f.path].is_debunk for f in doc.own())
        target_debunk = any(marks[f.path].is_debunk for f in doc.targets())
        index = self._index(doc.resources.factchecks)
        for f in fields:
            m = marks[f.path]
            debunked = m.is_debunk or own_debunk or (f.role == "target" and target_debunk)
            if debunked:
                continue
            own = own_marks if f.role == "target" else []  # the author's doubt covers what they pass on
            hit = self._register_candidate(doc, f, m, index, own) if index is not None else None
            if hit is not None:
                cand, true_match = hit
                if cand is not None:
                    yield cand
                if true_match or (cand is not None and not cand.needs_review):
                    continue  # a confirmed register match says it all; a true claim is no hoax
            cand = self._unaccountable_candidate(doc, f, m, own)
            if cand is not None:
                yield cand
        if act.type in RESPONSES and not own_debunk and not target_debunk:
            pushing = self._pushing(doc, marks)
            found = list(self._response_candidates(doc, marks, index, pushing)) if index is not None else []
            if not found and index is not None:
                found = list(self._split_claim(doc, marks, index))
            yield from found or self._agreed_rumour(doc, marks, pushing)

    # -------------------------------------------------------------- register
    def _best_match(self, index, f: TextField):
        """(best counting match, best true match) at or above the review threshold."""
        matches = index.match(f.doc, limit=5, min_score=self.review_match_threshold)
        best = next((x for x in matches if x.entry.category != "benar"), None)
        true = next((x for x in matches if x.entry.category == "benar"), None)
        return best, true

    def _register_candidate(self, doc: Analysis, f: TextField, m: _Markers, index, own: list[_Markers]):
        best, true = self._best_match(index, f)
        if best is None:
            return (None, true is not None and true.score >= self.match_threshold)
        if true is not None and true.score >= best.score + 0.05:
            return (None, true.score >= self.match_threshold)  # the text states the true version
        entry, score = best.entry, best.score
        rt, mt = self.review_match_threshold, self.match_threshold
        vt, rpt = self.violation_threshold, self.report_threshold
        detail = [f"kemiripan dengan klaim register {entry.id}: {display.score(score)} ({best.detail})"]
        if score >= mt:
            conf = vt + (1 - vt) * min(1.0, (score - mt) / max(1e-9, 1 - mt))
            detail.append(f"di atas ambang kecocokan {display.factor(mt)}: keyakinan {display.score(conf)}")
        else:
            conf = rpt + (vt - rpt) * (score - rt) / max(1e-9, mt - rt) * 0.99
            detail.append(f"di antara ambang tinjauan {display.factor(rt)} dan ambang kecocokan {display.factor(mt)}: perlu tinjauan, "
                          f"keyakinan {display.score(conf)}")
        review = score < mt
        kind = entry.category
        if kind == "satire":
            review = True
            detail.append("putusan register satire: perlu tinjauan")
        elif kind != "salah":
            review = True
            detail.append(f"putusan register tidak dikenal ({entry.verdict}): perlu tinjauan")
        cats = [c for c in m.cats if c != "sensational"]
        stance = m.stance
        if f.role == "target" and doc.activity.type in SPREADING and stance in ("plain", "report"):
            stance = "spread"  # passing the content on is spreading it, whatever its wording
        if stance in ("plain", "assert", "report") and not m.question and _asked(f, best.span[1]):
            stance = "question"  # "Kunjungan keluarga bulan depan ditutup?": the claim's own sentence asks
            review, conf = True, conf * FACTOR["question"]
            detail.append(f"kalimat klaim diakhiri tanda tanya: bertanya, bukan menyatakan; perlu tinjauan, "
                          f"keyakinan {display.score(conf)}")
        if stance == "plain" and m.framing and not review:
            x = m.framing[0]
            review, conf = True, conf * FACTOR["framing"]
            detail.append(f"klaim dibingkai sebagai {x.label} ('{x.term}'): perlu tinjauan, keyakinan {display.score(conf)}")
        detail.append(f"sikap terhadap klaim: {STANCE_TEXT[stance]}")
        if cats:
            conf = min(1.0, conf + FACTOR["markers_bonus"] * len(cats))
            detail.append("disertai " + ", ".join(CATEGORY_TEXT[c] for c in cats) + f": keyakinan {display.score(conf)}")
            if review and kind == "salah" and stance in ("spread", "assert"):
                # a near paraphrase of a known hoax, pushed or passed on as unsourced news
                review, conf = False, max(conf, vt + 0.05)
                detail.append(f"kemiripan di bawah ambang tetapi dibingkai sebagai kabar tanpa sumber: "
                              f"pelanggaran, keyakinan {display.score(conf)}")
        first, last = best.span
        evidence = [self.evidence(f, first, last)]
        for c in cats:
            x = max(m.cats[c], key=lambda p: p[1])[0]
            if not (first <= x.first and x.last <= last):
                evidence.append(self.evidence(f, x.first, x.last))
        where = "konten yang dibagikan" if f.role == "target" else "unggahan"
        verb = "menyebarkan" if f.role == "target" else "memuat"
        label = {"salah": entry.verdict, "satire": "satire"}.get(kind, entry.verdict)
        expl = (f"{where} ({field_label(f.path)}) {verb} klaim yang tercatat di register cek fakta sebagai {label}: "
                f"{entry.cite()}; kemiripan makna {display.score(score)}; sikap: {STANCE_TEXT[stance]}")
        if cats:
            expl += "; disertai " + ", ".join(CATEGORY_TEXT[c] for c in cats)
        cand = Candidate(
            confidence=conf, evidence=tuple(evidence), explanation=expl, score_detail=tuple(detail),
            needs_review=review,
            extra=(("factcheck", {"id": entry.id, "verdict": entry.verdict, "source": entry.source,
                                  "claim": entry.claim,
                                  "published": entry.published.isoformat() if entry.published else None}),
                   ("match_score", round(score, 3)), ("rule4_kind", "register"), ("stance", stance)))
        return (self._context(cand, m, register=True, own=own), False)

    def _response_candidates(self, doc: Analysis, marks: dict[str, _Markers], index,
                             pushing: list[tuple[TextField, list[tuple[Match, float]]]]) -> Iterable[Candidate]:
        """A comment that pushes the hoax it answers ("bener, sebarkan!") or agrees with it ("iya bener", "leres
        pisan") needs review; one that asks about it does not assert it (`pushing`: see `_pushing`)."""
        if not pushing:
            return
        for t in doc.targets():
            if marks[t.path].is_debunk:
                continue
            best, true = self._best_match(index, t)
            if best is None or best.score < self.match_threshold or best.entry.category != "salah":
                continue
            if true is not None and true.score >= best.score + 0.05:
                continue
            f, said = pushing[0]
            x = max(said, key=lambda p: p[1])[0]
            what = "mengajak menyebarkan" if marks[f.path].spread else "menyatakan setuju dengan"
            conf = max(self.report_threshold, self.violation_threshold * FACTOR["response_spread"])
            e = best.entry
            yield Candidate(
                confidence=conf,
                evidence=(self.evidence(f, x.first, x.last), self.evidence(t, *best.span)),
                explanation=(f"komentar {what} konten yang tercatat di register cek fakta sebagai "
                             f"{e.verdict}: {e.cite()}; kemiripan makna {display.score(best.score)}"),
                score_detail=(f"komentar {what} konten ('{x.term}') yang cocok dengan {e.id} "
                              f"({display.score(best.score)}): perlu tinjauan",),
                needs_review=True,
                extra=(("factcheck", {"id": e.id, "verdict": e.verdict, "source": e.source, "claim": e.claim,
                                      "published": e.published.isoformat() if e.published else None}),
                       ("match_score", round(best.score, 3)), ("rule4_kind", "register")))
            return

    def _pushing(self, doc: Analysis, marks: dict[str, _Markers]) -> list[tuple[TextField, list[tuple[Match, float]]]]:
        """The author's fields that push or agree with what they answer (not those that ask), with the words."""
        pushing = []
        for f in doc.own():
            mk = marks[f.path]
            if mk.question:
                continue
            said = [(x, st) for x, st in mk.cats.get("spread", ())] or \
                [(x, STRENGTH["lemah"]) for x in self._unnegated(self.find("agree", f), f.doc)]
            if said:
                pushing.append((f, said))
        return pushing

    def _agreed_rumour(self, doc: Analysis, marks: dict[str, _Markers],
                       pushing: list[tuple[TextField, list[tuple[Match, float]]]]) -> Iterable[Candidate]:
        """A comment agreeing with what it answers when that is unaccountable news by itself ("iya bener" <-
        "INFO A1!! semua napi dibebaskan bulan depan, sebarkan"), or calling to spread a rumour it answers
        ("sebarin aja" <- "Kabarnya semua napi dipulangin"): the news read with the comment's words, for review."""
        if not pushing:
            return
        f, said = pushing[0]
        x = max(said, key=lambda p: p[1])[0]
        # agreeing asserts the rumour as true: the comment's words count as a weak truth marker
        mk = marks[f.path]
        own = [replace(mk, cats={**mk.cats, "truth": mk.cats.get("truth", []) + [(x, STRENGTH["lemah"])]})]
        # the comment gives the claim it answers a strong source or certainty of its own ("info valid, saya juga
        # dengar dari orang dalam BMKG" <- "Gempa M9 akan guncang Jakarta tanggal 15"; a mere "katanya" or
        # "ternyata" in a comment vouches for nothing)
        own_core = any(st >= STRENGTH["kuat"] for c in ("unverified", "chain", "truth") for _, st in mk.cats.get(c, ()))
        for t in doc.targets():
            vouched = own_core and marks[t.path].claim_cue
            if not vouched and not any(c in marks[t.path].cats for c in ("unverified", "chain", "truth", "sensational")):
                continue  # what is answered says nothing of news: a call to spread it spreads no rumour
            if not mk.spread and not vouched:  # a call to spread a rumour pushes it; agreeing needs news by itself
                alone = self._unaccountable_candidate(doc, t, marks[t.path], [])
                if alone is None or alone.confidence < self.report_threshold:
                    continue  # everyday hearsay ("katanya warung depan tutup") agreed with is no news to review
            cand = self._unaccountable_candidate(doc, t, marks[t.path], own)
            if cand is None or cand.confidence < self.report_threshold:
                continue
            yield replace(cand, needs_review=True, evidence=(self.evidence(f, x.first, x.last),) + cand.evidence,
                          explanation=f"komentar menyatakan setuju ('{x.term}') dengan " + cand.explanation,
                          score_detail=cand.score_detail + (
                              "komentar menyetujui kabar yang ditanggapi: perlu tinjauan",))
            return

    def _split_claim(self, doc: Analysis, marks: dict[str, _Markers], index) -> Iterable[Candidate]:
        """A comment that completes the claim of what it answers: "Lapas Cipinang?" <- "iya, besok semua
        napinya dibebaskan". The two texts are matched as one; each part alone must match less."""
        own = next((f for f in doc.own() if f.path == "text"), None)
        tgt = next((f for f in doc.targets() if f.path == "target.text"), None)
        if own is None or tgt is None:
            return
        both, split = joined(tgt, own)
        best, true = self._best_match(index, both)
        if best is None or best.entry.category != "salah" or (true is not None and true.score >= best.score):
            return
        alone = max((x.score for part in (own, tgt) for x in [self._best_match(index, part)[0]] if x is not None),
                    default=0.0)
        if best.score < self.match_threshold or best.score < alone + 0.1:
            return  # the comment or the content alone already says it (or neither does)
        stance = marks[own.path].stance
        evidence = split(self.evidence(both, *best.span))
        if len(evidence) < 2:
            return
        e = best.entry
        review = stance not in ("spread", "assert")
        conf = self.violation_threshold + 0.05 if not review else \
            max(self.report_threshold, self.violation_threshold * FACTOR["response_spread"])
        yield Candidate(
            confidence=conf, evidence=tuple(evidence),
            explanation=(f"komentar melengkapi konten yang ditanggapi menjadi klaim yang tercatat di register cek "
                         f"fakta sebagai {e.verdict}: {e.cite()}; kemiripan makna gabungan {display.score(best.score)}; "
                         f"sikap: {STANCE_TEXT[stance]}"),
            score_detail=(f"komentar + konten yang ditanggapi cocok dengan {e.id}: {display.score(best.score)} "
                          f"(masing-masing paling tinggi {display.score(alone)})", f"sikap terhadap klaim: {STANCE_TEXT[stance]}"
                          + (": perlu tinjauan" if review else ": pelanggaran")),
            needs_review=review,
            extra=(("factcheck", {"id": e.id, "verdict": e.verdict, "source": e.source, "claim": e.claim,
                                  "published": e.published.isoformat() if e.published else None}),
                   ("match_score", round(best.score, 3)), ("rule4_kind", "register_split"), ("stance", stance)))

    # ---------------------------------------------------------- unaccountable
    def _unaccountable_candidate(self, doc: Analysis, f: TextField, m: _Markers,
                                 own: list[_Markers]) -> Candidate | None:
        if m.content_words < MIN_CONTENT_WORDS:
            return None
        best = max((self._combined(m, group, exclaim) for group, exclaim in self._passages(m, own)),
                   key=lambda r: r[0] if r is not None else -1.0, default=None)
        if best is None:
            return None
        conf, found, strengths, passage = best
        detail = [f"{CATEGORY_TEXT.get(c, c)}: {display.score(s)}" for c, s in sorted(strengths.items(), key=lambda p: -p[1])]
        detail.append(f"gabungan 1 - prod(1 - s) = {display.score(conf)}")
        if passage:
            detail.append(f"penanda dihitung dalam satu bagian teks (paling banyak {PASSAGE_WORDS} kata), bukan "
                          f"tersebar di seluruh tulisan yang panjang")
        evidence: list[Evidence] = []
        terms: list[str] = []
        for cat in ("unverified", "chain", "truth", "spread", "alarm", "sensational"):
            for fx, x, _ in sorted(found.get(cat, ()), key=lambda p: -p[2])[:2]:
                ev = self.evidence(fx, x.first, x.last)
                if all(not (e.start <= ev.start and ev.end <= e.end) for e in evidence):
                    evidence.append(ev)
                    terms.append(ev.quote)
        if m.caps is not None:
            evidence.append(self.evidence(f, *m.caps))
            terms.append("huruf kapital semua")
        if not evidence:
            return None
        kinds = ", ".join(CATEGORY_TEXT[c] for c in ("unverified", "chain", "truth", "spread", "alarm", "sensational")
                          if c in strengths)
        where = "konten yang dibagikan" if f.role == "target" else "unggahan"
        expl = (f"{where} ({field_label(f.path)}) berisi kabar yang tidak dapat dipertanggungjawabkan: {kinds} "
                f"({'; '.join(repr(t) for t in terms[:6])}), tanpa sumber resmi dan tidak tercatat di register "
                "cek fakta")
        cand = Candidate(confidence=conf, evidence=tuple(evidence[:6]), explanation=expl,
                         score_detail=tuple(detail), extra=(("rule4_kind", "unaccountable"),
                                                           ("markers", sorted(strengths))))
        return self._context(cand, m, register=False, own=own)

    @staticmethod
    def _passages(m: _Markers, own: list[_Markers]) -> list[tuple[list[tuple[TextField, str, Match, float]], bool]]:
        """The marker groups to score, each with whether it shouts ("!!"): the whole field when it is short;
        else each stretch of PASSAGE_WORDS words that starts at one of its markers. The author's framing of
        content passed on ("info dari grup sebelah") belongs to every stretch."""
        mine = [(m.source, cat, x, st) for cat, xs in m.cats.items() for x, st in xs]
        framing = [(mk.source, cat, x, st) for mk in own for cat, xs in mk.cats.items() for x, st in xs]
        if m.content_words <= PASSAGE_WORDS or m.source is None:
            return [(mine + framing, m.exclaim)]
        doc = m.source.doc
        idx, toks = doc.word_index[0], doc.tokens
        placed = sorted((bisect_left(idx, it[2].first), k) for k, it in enumerate(mine))
        at = [p for p, _ in placed]
        out = []
        for p0 in sorted(set(at)):  # markers sorted by word position: each stretch is a slice, found by bisection
            group = [mine[k] for _, k in placed[bisect_left(at, p0):bisect_left(at, p0 + PASSAGE_WORDS)]]
            last = idx[min(len(idx) - 1, p0 + PASSAGE_WORDS - 1)]
            shout = bool(_EXCLAIM_RE.search(doc.original, toks[idx[p0]].start, toks[last].end))
            out.append((group + framing, shout))
        return out

    @staticmethod
    def _combined(m: _Markers, group: list[tuple[TextField, str, Match, float]], exclaim: bool):
        """(confidence, markers by category, strength by category, scored on a passage) of one marker group,
        or None when the group is not an unaccountable news item."""
        found: dict[str, list[tuple[TextField, Match, float]]] = {}
        for src, cat, x, st in group:
            found.setdefault(cat, []).append((src, x, st))
        strengths: dict[str, float] = {}
        for cat, xs in found.items():
            distinct = {x.term for _, x, _ in xs}
            strengths[cat] = max(st for _, _, st in xs) + FURTHER_MARKER * (len(distinct) - 1)
        if m.caps is not None:
            strengths["alarm"] = max(strengths.get("alarm", 0.0), CAPS_STRENGTH) + (
                FURTHER_MARKER if "alarm" in strengths else 0.0)
        if exclaim:
            strengths["alarm"] = strengths.get("alarm", 0.0) + EXCLAIM_STRENGTH
        # a call to spread alone is not news; source, chain or truth markers, or spread with alarm, are
        core = any(c in strengths for c in ("unverified", "chain", "truth"))
        pushed = "spread" in strengths and (strengths["spread"] >= 0.45 or "alarm" in strengths
                                            or "sensational" in strengths)  # "sebarkan sebelum dihapus"
        if not core and not pushed:
            return None
        newsy = m.claim_cue or any(c in strengths for c in ("spread", "chain", "truth", "alarm", "sensational"))
        if not newsy:
            return None  # "dari grup sebelah: ada yang jual motor?" is hearsay about nothing
        score = 1.0
        for s in strengths.values():
            score *= 1.0 - min(0.9, s)
        return 1.0 - score, found, strengths, m.content_words > PASSAGE_WORDS

    # ----------------------------------------------------------------- context
    def _context(self, cand: Candidate, m: _Markers, register: bool, own: list[_Markers] = ()) -> Candidate | None:
        asked = m.question or next((o.question for o in own if o.question), None)
        if asked:
            cand = cand.adjust(FACTOR["question"], f"bertanya atau meragukan kebenaran ('{asked[0].term}')")
            cand = _review(cand)
        if m.is_official:
            f = FACTOR["official_match" if register else "official_unaccountable"]
            if f == 0.0:
                return None
            cand = _review(cand.adjust(f, f"pengumuman resmi ('{m.official[0].term}')"))
        elif (m.is_news or m.distance) and not m.pushes:  # a report about the claim, not its spreading
            why = (f"berita dengan sumber ('{m.news[0].term}')" if m.news else "berita dengan tautan media"
                   if m.news_url else "berita (baris tanggal/sumber media)" if m.dateline
                   else f"membahas klaim yang beredar ('{m.distance[0].term}')")
            f = FACTOR["news_match" if register else "news_unaccountable"]
            cand = _review(cand.adjust(f, why))
        return cand

    def assess(self, cand: Candidate, doc: Analysis) -> Candidate | None:
        return cand


def _chain_count(doc) -> Match | None:
    """A chain letter's quota: passing on to a number of groups, contacts or people ("teruskan ke 10 grup", "kirim
    pesan ini ke 20 kontak"), the verb at most four words before the number."""
    idx, words = doc.word_index
    toks, text = doc.tokens, doc.original
    for n, w in enumerate(words):
        if not (w.isdigit() and n + 1 < len(words) and words[n + 1] in _RECIPIENTS and n and words[n - 1] == "ke"):
            continue
        verb = next((k for k in range(n - 2, max(n - 6, -1), -1) if words[k] in _PASSING_ON), None)
        # said to the reader: the verb opens its clause or follows a word that asks ("tolong teruskan ...")
        if verb is not None and (verb == 0 or words[verb - 1] in _ASKING_TO or
                                 any(c in text[toks[idx[verb - 1]].end:toks[idx[verb]].start] for c in ",;:.!?\n")):
            return Match(idx[verb], idx[n + 1], " ".join(words[verb:n + 2]), "chain")
    return None


def _review(c: Candidate) -> Candidate:
    from dataclasses import replace
    return replace(c, needs_review=True)


def _asked(f: TextField, last: int) -> bool:
    """The sentence that holds token `last` ends with a question mark."""
    ids = sentence_ids(f.doc)
    return ids[last] in asked_sentences(f.doc, ids)


def _overlaps(x: Match, spans: list[tuple[int, int]]) -> bool:
    return any(x.first <= b and a <= x.last for a, b in spans)


def _inside(x: Match, spans: list[tuple[int, int]]) -> bool:
    return any(a <= x.first and x.last <= b for a, b in spans)


_PASSING_ON = frozenset({"teruskan", "kirim", "kirimkan", "kirimin", "sebarkan", "sebarin", "share", "bagikan", "bagiin",
                         "forward", "broadcast", "terusin", "sebar"})
_ASKING_TO = frozenset({"tolong", "mohon", "ayo", "segera", "wajib", "harus", "langsung", "cepat", "buruan", "silakan"})
_RECIPIENTS = frozenset({"grup", "group", "kontak", "orang", "teman", "temen", "nomor", "wag", "chat"})
_FIRST_PERSON = frozenset({"saya", "aku", "kami", "gue", "gua", "ane", "ku"})
_BEFORE = frozenset({"sebelum", "sblm", "sebelom", "sbelum"})  # "cek dulu sebelum share": a condition
_ATTRIBUTION = frozenset({"kepada", "saat", "ketika", "dalam", "di"})  # "katanya kepada wartawan": not hearsay
_DEMONSTRATIVE = frozenset({"itu", "tersebut", "tsb"})  # "pesan berantai itu ...": the message talked about
_LATER = frozenset({"nanti", "ntar", "entar", "besok", "kapan kapan", "insyaallah", "kalau", "kalo"})


def _offers_to_share_later(x: Match, doc) -> bool:
    """The author offers to share their own content later: "nanti gw share di story", "kalo mau, besok saya
    bagikan" (not "gw share info ini biar semua tau", which spreads now)."""
    words = [t.norm for t in doc.tokens[max(0, x.first - 5):x.first] if t.kind == "word"][-3:]
    return any(w in _FIRST_PERSON for w in words[-2:]) and any(w in _LATER for w in words)


def _preceded_by(x: Match, doc, words: frozenset[str]) -> bool:
    """One of `words` is the token right before `x` ("sebelum share"; not "sebelum terlambat. Sebarkan")."""
    return x.first > 0 and doc.tokens[x.first - 1].kind == "word" and doc.tokens[x.first - 1].norm in words


def _followed_by(x: Match, doc, words: frozenset[str]) -> bool:
    """One of `words` is the word right after `x`."""
    nxt = next((t for t in doc.tokens[x.last + 1:x.last + 3] if t.kind == "word"), None)
    return nxt is not None and nxt.norm in words


def _caps_span(doc) -> tuple[int, int] | None:
    """Token span of ALL CAPS shouting: at least 4 capitalised words making most of the words."""
    if len(_CAPS_START_RE.findall(doc.original)) < 4:
        return None  # fewer than 4 places where a capitalised word could begin: most texts, told at C speed
    toks, text = doc.tokens, doc.original
    # a capitalised word begins with a letter, so it is one of the words counted below: those are counted
    # only for texts with 4 of them
    caps = [i for i, t in enumerate(toks) if t.kind == "word" and t.end - t.start >= 2
            and _CAPS_WORD_RE.fullmatch(text, t.start, t.end) is not None]
    if len(caps) < 4:
        return None
    words = sum(1 for t in toks if t.kind == "word" and any(c.isalpha() for c in text[t.start:t.end]))
    if len(caps) < 0.6 * words:
        return None
    return caps[0], caps[-1]
