"""Rule 6: recording and spreading exempted security and order information of corrections.

UU 14/2008 Art. 17 exempts information whose disclosure endangers law
enforcers or the security of their facilities (17a points 4-5), personal
secrets (17h) and internal memoranda (17i). For lapas, rutan, LPKA and bapas
that means guard schedules and handovers, empty posts, CCTV positions and
faults, layouts, keys, transfer and escort plans, raid plans and unreleased
raid results, radio codes, inmate identity data, risk lists and classified
letters (``/work/shared/domain/README.md``).

How a score comes about (all numbers are in ``WEIGHTS``):

* A **topic** term (list ``topics``, phrase -> category) alone is weak
  (0.25, below the report threshold); an intrinsically sensitive phrase
  (``strong_topics``: "jadwal jaga", "titik buta", "duplikat kunci",
  "rencana razia") alone is 0.4, i.e. review.
* **Operational detail** near the topic raises it: clock times, dates,
  counts of personnel or vehicles, number plates, routes, destinations,
  radio frequencies/ten-codes, list markers, the operator's
  ``sensitive_places``; weaker: block/post/room identifiers, day names.
  The strongest detail counts fully, further kinds at 40 %.
* A **vulnerability state** next to a CCTV, post, key, wall or door topic
  ("mati", "kosong", "tidak dijaga", "dibawa pulang", "jebol") adds 0.45,
  unless it is exhorted or conditional ("pastikan CCTV tidak mati",
  "jangan sampai pos kosong", "jika CCTV mati segera lapor").
* **Raids, transfers and risk inmates** have a phase. A plan (specific future
  cue "besok", "nanti malam", "malam ini", "lusa", or a plan word / clock
  time without any past cue) is always a violation (floor 0.7 with a
  specific cue). A result (past cue "semalam", "telah", "berhasil menyita")
  is capped at review: it is fine when it is an official release (a release
  marker "humas", "rilis", "siaran pers", or release wording such as
  "telah dilaksanakan" / "berhasil menyita" posted by a unit account), and
  needs review otherwise; a result with a leak cue ("jangan disebar",
  "bocoran", "belum dirilis") is a violation.
  A transfer with neither a time nor an escort detail (route, vehicle,
  strength) is capped at review too: news and releases report finished
  transfers that way ("20 WBP dipindahkan ke Lapas Z").
* A valid **NIK** (structure checked by :func:`nik_error`, on the original
  digits only; bank, card, phone and order-number contexts are skipped),
  an inmate **registration number** ("No. Reg B.I 123/2024") and a
  **classification marking** (RAHASIA / SANGAT RAHASIA / TERBATAS as a
  document marking, "Sifat: Rahasia") are high confidence on their own.
  A valid NIK with no identity word near it ("NIK", "KTP", "nama", "napi")
  is review only, and so is one the author calls their own ("NIK saya");
  a number that fails the structure check is never reported.
* Context (hook 2): recruitment ads are dropped; an activity that is about
  a home, shop, school, traffic or the neighbourhood watch and not about
  corrections is dropped ("CCTV di rumah saya mati", "razia knalpot"), one
  with no correctional context at all is lowered (x0.8), and everyday words
  ("kamera", "gembok", "shift malam", list ``ambiguous``) are topics only
  in a correctional context; official releases drop everything but plans
  (plans x0.6); news reporting (its words, an outlet's address or name as
  the source) x0.35; public-service information (visiting
  hours, parcel service) x0.4; general security briefings x0.6 (not for
  plans or reported vulnerabilities). A leak cue ("jangan disebar",
  "bocoran") cancels the release, public-service and briefing reductions.
  Identity data and classified markings are not reduced by context.

Text read: the author's own words (text, OCR text, transcripts, live
transcript) always; the content passed on (``target``) only for spreading
types (share, repost, broadcast, upload).

Findings carry ``kind`` (nik, register, classified, document, guard, cctv,
layout, keys, transfer, raid, radio, risk_list, identity, sensitive_place,
post, other) and ``phase`` (plan, result, condition, general) in ``extra``.

Operators extend every list under ``[lists.rule6]`` in the settings file:
``sensitive_places`` (their unit's place names: "Blok Mawar", "Pos Atas 3";
a topic of its own and a strong detail of other topics), ``topics`` and
``strong_topics`` (new terms, category "umum"), ``states``, ``leak``,
``outside`` (words of contexts that are never about corrections), ...
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from typing import Iterable

from .. import display
from ..analysis import Analysis, TextField, joined
from ..contract.activity import RESPONSES, SPREADING
from ..results import Evidence
from . import image_signals
from .base import Candidate, Detector

# --------------------------------------------------------------------------- NIK

# Kemendagri province codes (Kepmendagri 100.1.1-6117/2022 incl. the 2022 Papua
# provinces 93-96). NIKs issued before 2022 in those provinces still carry 91/92.
PROVINCE_CODES = frozenset({
    "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
    "31", "32", "33", "34", "35", "36",
    "51", "52", "53",
    "61", "62", "63", "64", "65",
    "71", "72", "73", "74", "75", "76",
    "81", "82",
    "91", "92", "93", "94", "95", "96",
})
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def nik_error(value: str) -> str | None:
    """Why `value` is not a structurally valid NIK (Indonesian resident id), or None.

    Structure: PP KK CC DDMMYY SSSS = province (real code list), regency/city
    and subdistrict (non-zero), birth date (women: day + 40), serial (not 0000).
    The century of the birth year is unknown, so 29 February is accepted for
    every year divisible by four.
    """
    if not isinstance(value, str) or len(value) != 16 or not value.isascii() or not value.isdigit():
        return "bukan 16 digit angka"
    if value[:2] not in PROVINCE_CODES:
        return f"kode provinsi {value[:2]} tidak dikenal"
    if value[2:4] == "00":
        return "kode kabupaten/kota 00"
    if value[4:6] == "00":
        return "kode kecamatan 00"
    day, month, year = int(value[6:8]), int(value[8:10]), int(value[10:12])
    if day > 40:
        day -= 40
    if not 1 <= month <= 12:
        return f"bulan lahir {value[8:10]} tidak sah"
    limit = _DAYS_IN_MONTH[month - 1] if month != 2 else (29 if year % 4 == 0 else 28)
    if not 1 <= day <= limit:
        return f"tanggal lahir {value[6:8]} tidak sah"
    if value[12:] == "0000":
        return "nomor urut 0000"
    return None


def is_valid_nik(value: str) -> bool:
    return nik_error(value) is None


# --------------------------------------------------------------------------- scoring table

WEIGHTS = {
    "topic": 0.25,  # a topic term alone: not reported
    "strong_topic": 0.4,  # an intrinsically sensitive phrase alone: review
    "location_topic": 0.15,  # a post/tower/door identifier: only with a state
    "state": 0.45,  # vulnerability next to the topic
    "plan_specific": 0.35,  # raid/transfer with besok, nanti malam, malam ini ...
    "plan_weak": 0.2,  # with akan, rencana, jadwal, a clock time ...
    "plan_floor": 0.7,  # an unreleased raid plan with a specific cue is always a violation
    "result_cap": 0.5,  # raid/transfer results without leak cue: review at most
    "undated_cap": 0.5,  # a transfer with neither time nor escort detail: news or plan? review at most
    "question_cap": 0.5,  # a question about the topic that gives no exact detail asks, it does not disclose
    "risk_with_transfer": 0.2,
    "leak": 0.15,  # "jangan disebar", "bocoran", "info A1"
    "tipoff": 0.15,  # raid + "amankan barang", "simpan hp"
    "further_detail": 0.4,  # share of each further detail kind
    "nik": 0.9,
    "nik_no_context": 0.55,
    "self_reference": 0.6,  # factor: "NIK saya ..."
    "register": 0.85,
    "register_bare": 0.7,
    "marker": 0.9,
    "classified_phrase": 0.3,  # "surat rahasia" alone: not reported
    "classified_context": 0.55,  # ... in a correctional/official context: violation
    "cap": 0.95,
    "news": 0.35,
    "public_service": 0.4,
    "public_service_plan": 0.8,
    "briefing": 0.6,
    "release_plan": 0.6,
    "no_prison_context": 0.8,
}

# detail kind -> weight; (category, kind) overrides; 0 = not applicable
_KIND_WEIGHT = {
    "waktu": 0.3, "tanggal": 0.3, "jumlah": 0.3, "jumlah napi": 0.3, "plat": 0.3, "rute": 0.3, "tempat": 0.3,
    "frekuensi": 0.0, "sitaan": 0.3, "tujuan": 0.0, "posisi": 0.0, "daftar": 0.12, "sandi": 0.0,
    "penempatan": 0.0, "lokasi": 0.09, "hari": 0.09, "waktu_umum": 0.09, "rekaman": 0.3,
}
_CAT_KIND_WEIGHT = {
    ("jaga", "waktu"): 0.37, ("jaga", "jumlah"): 0.37, ("jaga", "daftar"): 0.2,  # handover times, guard strength
    ("cctv", "posisi"): 0.3, ("denah", "posisi"): 0.2, ("denah", "daftar"): 0.3,
    ("pindah", "tujuan"): 0.3, ("risiko", "tujuan"): 0.3,
    ("risiko", "daftar"): 0.35, ("risiko", "penempatan"): 0.3, ("identitas", "daftar"): 0.25,
    ("radio", "daftar"): 0.3, ("radio", "sandi"): 0.4, ("radio", "frekuensi"): 0.4,
}
_CATEGORY_TEXT = {
    "jaga": "jadwal, pergantian atau kekuatan penjagaan",
    "cctv": "posisi atau gangguan CCTV/kamera pengawas",
    "denah": "denah, tata letak atau kelemahan fisik bangunan",
    "kunci": "kunci, gembok atau pintu",
    "pindah": "pemindahan atau pengawalan tahanan/narapidana",
    "razia": "razia, sidak atau penggeledahan",
    "radio": "sandi, kode atau frekuensi komunikasi radio",
    "risiko": "narapidana berisiko tinggi",
    "gangguan": "rencana gangguan keamanan dan ketertiban oleh penghuni (kabur, mogok, kerusuhan)",
    "identitas": "data identitas tahanan/narapidana",
    "tempat": "tempat sensitif unit",
    "lokasi": "titik pengamanan",
    "umum": "informasi pengamanan unit",  # terms operators add to `topics` / `strong_topics`
}
_STATE_CATS = frozenset({"jaga", "cctv", "denah", "kunci", "tempat", "lokasi", "umum"})
_PHASE_CATS = frozenset({"razia", "pindah", "risiko", "gangguan"})
# topics a negator before them denies ("nggak ada rencana kabur"): plans heard of, not things that can be absent
# in a harmful way (unlike "tidak ada CCTV di blok C")
_DENIABLE_CATS = frozenset({"gangguan"})
# Finding.extra "kind" (read by rambu.sanctions) and "phase": stable English ids
_KIND_OF = {"jaga": "guard", "cctv": "cctv", "denah": "layout", "kunci": "keys", "pindah": "transfer",
            "razia": "raid", "radio": "radio", "risiko": "risk_list", "gangguan": "disturbance_plan",
            "identitas": "identity",
            "tempat": "sensitive_place", "lokasi": "post", "umum": "other"}
_PHASE_OF = {"rencana": "plan", "rencana!": "plan", "hasil": "result", "kondisi": "condition", None: "general",
             "umum": "general"}
_NO_CONTEXT_KINDS = frozenset({"nik", "register", "classified"})  # context never lowers these
# Risk inmates are exempt information for where they are, where they go and who is listed ("napiter blok
# isolasi", "dipindah ke Nusakambangan", "daftar napi high risk"); these details say where.
_WHERE_KINDS = frozenset({"penempatan", "tujuan", "lokasi", "tempat", "daftar", "rute", "plat"})
_MOVE_KINDS = frozenset({"penempatan", "tujuan", "rute", "plat"})
# what makes a transfer an escort plan even without a time: its route, its vehicles, its strength
_ESCORT_KINDS = frozenset({"rute", "plat", "jumlah"})
# What a release tells of a finished operation: when, how many, where from and to, what was seized (not the
# route, plates, positions, placement inside, radio codes or lists)
_RELEASED_AFTER = frozenset({"past", "generic", "waktu", "tanggal", "hari", "waktu_umum", "jumlah", "jumlah napi", "tujuan",
                             "tempat", "sitaan"})

# --------------------------------------------------------------------------- patterns (original text)

_TIME_RE = re.compile(
    r"(?i:\b(?:jam|jm|pukul|pkl|pk)\.?\s*(?:2[0-4]|[01]?\d)(?:\s*[.:]\s*[0-5]\d)?(?!\d)"
    r"(?:\s*(?:wib|wita|wit|pagi|siang|sore|malam|subuh)\b)?)"
    r"|(?<![\d.,:])(?:[01]?\d|2[0-3])[.:][0-5]\d(?![\d]|[.,:]\d)(?:\s*(?i:wib|wita|wit)\b)?")
_VAGUE_TIME_RE = re.compile(r"(?i)\b(?:dini\s+hari|tengah\s+malam|subuh|menjelang\s+pagi|lewat\s+tengah\s+malam)\b")
_MONTHS = (r"jan(?:uari)?|feb(?:ruari)?|mar(?:et)?|apr(?:il)?|mei|jun(?:i)?|jul(?:i)?|agu(?:stus)?|agt|"
           r"sep(?:t(?:ember)?)?|okt(?:ober)?|nov(?:ember)?|des(?:ember)?")
_DATE_RE = re.compile(
    r"(?<![\d/.-])(?:0?[1-9]|[12]\d|3[01])\s*[/-]\s*(?:0?[1-9]|1[0-2])(?:\s*[/-]\s*(?:\d{4}|\d{2}))?(?![\d/])"
    rf"|(?i:\b(?:0?[1-9]|[12]\d|3[01])\s+(?:{_MONTHS})\b(?:\s+\d{{4}})?)")
_DAY_RE = re.compile(r"(?i)\b(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu|ahad)\b")
_NUMWORD = (r"(?:\d{1,3}|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|"
            r"belasan|puluhan|seratus|ratusan)")
_COUNT_RE = re.compile(  # the strength of a guard or an escort: people and vehicles
    rf"(?i)\b{_NUMWORD}\s*(?:orang|org|personel|personil|petugas|anggota|pengawal|sipir|pegawai|regu|"
    r"mobil|kendaraan|ranmor|bus|truk|motor|pasukan|peleton|kompi|brimob|polisi|tni|penjaga)\b"
    r"|\b(?:cuma|cuman|hanya|tinggal|sisa|cm)\s+\d{1,3}\b")
# how many inmates: what every release of a transfer states ("20 warga binaan dipindahkan ke Lapas Z")
_INMATE_COUNT_RE = re.compile(rf"(?i)\b{_NUMWORD}\s*(?:narapidana|napi|tahanan|wbp|warga\s+binaan)\b")
_SEIZED_RE = re.compile(
    r"(?i)\b\d{1,4}\s*(?:unit\s+|buah\s+|bungkus\s+)?(?:ponsel|hp|handphone|telepon\s+genggam|charger|"
    r"senjata\s+tajam|sajam|paket|gram|butir|linting|sim\s*card|kartu\s+perdana|pisau|gunting|korek|"
    r"kabel|obeng|sendok|uang|barang)\b")
_PLATE_RE = re.compile(
    r"\b(?:A|B|D|E|F|G|H|K|L|M|N|P|R|S|T|W|Z|AA|AB|AD|AE|AG|BA|BB|BD|BE|BG|BH|BK|BL|BM|BN|BP|DA|DB|DC|"
    r"DD|DE|DG|DH|DK|DL|DM|DN|DR|DS|DT|DW|EA|EB|ED|KB|KH|KT|KU|PA|PB|PG|PS|PY)\s?\d{1,4}\s?[A-Z]{1,3}\b"
    r"|(?i:\b(?:nopol|plat\s+nomor|plat|pelat)\s*[:.]?\s*[a-z]{1,2}\s?\d{1,4}\s?[a-z]{0,3}\b)")
_ROUTE_RE = re.compile(
    r"(?i)\b(?:lewat|lwt|via|rute|melewati|menyusuri|jalur|melalui(?=\s+(?:jalan|jl|tol|pintu|gerbang|jalur)))\s+"
    r"(?!(?:wa|whatsapp|telepon|telp|dm|email|e-mail|aplikasi|online|zoom|link|website|web|medsos|ig|"
    r"instagram|facebook|fb|sms|surat|kantor|pos\s+indonesia|media|akun|ini|itu|sini|situ|mana)\b)"
    r"(?:jalan\s+tol\s+|jalan\s+|jl\.?\s*|tol\s+|pintu\s+)?[a-z0-9][\w.-]*")
# "ke Lapas Cipinang", "ke PN Jakarta Selatan", "ke Nusakambangan": a kind of institution only with its name
# ("kembali ke rutan" names nothing)
_DEST_NAME_STOP = (r"(?:dengan|dgn|untuk|utk|lagi|pada|dan|yang|yg|setelah|sebelum|karena|krn|tadi|hari|pukul|"
                   r"jam|besok|nanti|malam|pagi|siang|sore|lewat|via|pakai|naik|dikawal|bersama|sudah|sdh|"
                   r"ya|kok|sih|aja|saja|dulu|semua|masing)")
_DEST_RE = re.compile(
    r"\b(?i:ke\s+(?:(?:nusakambangan|pulau|batu|pasir\s+putih|karanganyar|gunung\s+sindur)\b"
    r"|(?:lapas|rutan|lpka|pengadilan|pn|rs|rsud|rumah\s+sakit|polres|polda|kejari|kejaksaan|bandara|"
    rf"pelabuhan|dermaga)\s+(?!{_DEST_NAME_STOP}\b)(?=[a-z])))"
    r"(?:[A-Za-z][\w.-]*)?(?:\s+[A-Z][\w.-]*){0,3}")
_LOC_RE = re.compile(
    r"\b(?i:blok|kamar|sel|pos|menara|pintu|lantai|lt|gerbang|lorong|paviliun|wisma|ruang|gedung|zona|"
    r"sektor|tower|regu|sayap|hunian|portir)\.?\s+"
    r"(?:[A-Za-z]\d{0,2}\b|\d{1,3}[A-Za-z]?\b|[IVX]{1,4}\b(?:[ab]\b)?|[A-Z][a-z]{2,})")
# The _LOC_RE words that make a place a topic by themselves (`_topic_hits`)
_LOC_TOPIC_WORDS = ("pos", "menara", "pintu", "gerbang", "portir", "tower")
_POSITION_RE = re.compile(
    r"(?i)\b(?:posisi|letak|titik|sudut|pojok|menghadap|mengarah|ujung|sebelah|samping|belakang|"
    r"atas\s+pintu|arah)\b")
_PLACEMENT_RE = re.compile(
    r"(?i)\b(?:ditempatkan|penempatan|menempati|ditempati|dihuni|menghuni|ditahan|dikurung|diisolasi|ditaruh|ditaro|"
    r"mendekam|dijebloskan|dimasukkan\s+ke|dimasukin\s+ke|"
    r"dipisah(?:kan)?|disel|dititip(?:kan)?|titipan)\b")
_NUMBERED_RE = re.compile(r"(?m)^\s*\d{1,2}\s*[.)]\s+\S")
_TEN_CODE_RE = re.compile(r"(?<![\d/.-])10\s?-\s?\d{1,3}\b(?![/-]\d)")
_FREQ_RE = re.compile(
    r"(?i)\b\d{2,3}[.,]\d{1,4}\s*(?:mhz|khz)\b|\bfrek(?:uensi)?\.?\s*:?\s*\d{2,3}(?:[.,]\d{1,4})?"
    r"|\b(?:ch|channel|kanal)\s*\.?\s*\d{1,3}\b")
_CALLSIGN_RE = re.compile(
    r"\b[A-Za-z][\w.-]{1,20}\s*=\s*[A-Za-z][\w.-]{1,25}"
    r"|\b[A-Za-z]{2,15}\s\d{1,3}['\"”’]?\s*=\s*[A-Za-z][\w.-]{1,25}"  # "Elang 1 = kalapas", "kode 86 = aman"
    r"|['\"“‘]\d{1,2}(?:-\d{1,3})?['\"”’]\s*=\s*[A-Za-z][\w.-]{1,25}"  # "'10-33' = kabur", "'86' = aman"
    r"|['\"“‘][^'\"”’\n]{2,24}['\"”’]\s*(?i:untuk|artinya|berarti|=|:|adalah)\s*\w+")
_RADIO_CODE_RE = re.compile(r"(?i)\b(?:kode|sandi)\s+10\s?-\s?\d{0,3}")
_DVR_CAM_RE = re.compile(r"(?i)\b(?:cam|ch|camera|kamera|ipc)\s?-?\s?\d{1,2}\b")
_DVR_STAMP_RE = re.compile(
    r"\b\d{4}[-/]\d{2}[-/]\d{2}\s+\d{2}:\d{2}(?::\d{2})?\b|\b\d{2}[-/]\d{2}[-/]\d{4}\s+\d{2}:\d{2}:\d{2}\b")

# What `_details` looks for, in its order: (pattern, kind, whether every match holds a digit, so that a text
# without any need not be scanned). A change to a pattern must keep its flag true.
_DETAIL_PATTERNS = (
    (_TIME_RE, "waktu", True), (_VAGUE_TIME_RE, "waktu_umum", False), (_DATE_RE, "tanggal", True),
    (_DAY_RE, "hari", False), (_COUNT_RE, "jumlah", False), (_INMATE_COUNT_RE, "jumlah napi", False),
    (_SEIZED_RE, "sitaan", True), (_PLATE_RE, "plat", True), (_ROUTE_RE, "rute", False), (_DEST_RE, "tujuan", False),
    (_LOC_RE, "lokasi", False), (_POSITION_RE, "posisi", False), (_NUMBERED_RE, "daftar", True),
    (_PLACEMENT_RE, "penempatan", False), (_TEN_CODE_RE, "frekuensi", True), (_FREQ_RE, "frekuensi", True),
    (_CALLSIGN_RE, "sandi", False), (_DVR_STAMP_RE, "rekaman", True))
_DIGIT_RE = re.compile(r"\d")

# Cheap tests that a text cannot hold a match, so most texts skip the slow scans: every _NIK_RE and
# _DVR_STAMP_RE match has 4 digits in a row (`_four_digits`), every _REGISTER_RE match a "/", every
# _RADIO_CODE_RE match "10". A change to those patterns must keep this true.
_FOUR_DIGITS_RE = re.compile(r"\d\d\d\d")
# 16 digits, or grouped by the NIK's own structure (32.01.01.120590.0001, 320101 120590 0001), or in
# fours (3201 0112 0590 0001, also how card numbers are written: only right after "NIK"/"KTP")
_NIK_RE = re.compile(
    r"(?<!\d)(?<!\d[.\s-])(?:\d{16}|\d{2}([.\s-])\d{2}\1\d{2}\1\d{6}\1\d{4}|\d{6}([.\s-])\d{6}\2\d{4}"
    r"|(?P<fours>\d{4}([.\s-])\d{4}\4\d{4}\4\d{4}))(?!\d)(?![.\s-]\d)")
_REGISTER_RE = re.compile(
    r"(?P<prefix>(?i:\b(?:no(?:mor)?\.?\s*)?reg(?:ister|istrasi)?\.?\s*(?:no(?:mor)?\.?\s*)?[:.]?\s*))?"
    r"\b(?P<cls>[ABab])\s?(?P<dot>\.)?\s?(?P<roman>I{1,3}|IV|V|i{1,3}|iv|v)(?:\s?\.?\s?(?P<sub>[abAB]))?"
    r"\s*[./\s-]?\s*(?P<num>\d{1,5})\s*/\s*(?P<year>(?:19|20)?\d{2})\b")
_MARKER_RE = re.compile(r"\b(SANGAT\s+RAHASIA|RAHASIA|TERBATAS|CONFIDENTIAL|TOP\s+SECRET|SECRET)\b")
_MARKER_WORDS = ("RAHASIA", "TERBATAS", "CONFIDENTIAL", "SECRET")  # one is in every _MARKER_RE match
_SIFAT_RE = re.compile(
    r"(?i)\b(?:sifat|klasifikasi|derajat)\s*[:：]?\s*(sangat\s+rahasia|rahasia|terbatas|konfidensial)\b")
_SIFAT_WORDS = ("sifat", "klasifikasi", "derajat")  # in every match (ignoring case: in ASCII text, lowercased)
_MARKER_STOP_BEFORE = re.compile(
    r"(?i)\b(?:kuota|stok|stock|tempat|waktu|promo|persediaan|edisi|jumlah|slot|seat|kursi|akses|"
    r"sangat|resep|bumbu|tips|trik|jalan|penawaran|diskon)\s*$")
_MARKER_STOP_AFTER = re.compile(
    r"(?i)^\s*(?:jabatan|negara|umum|perusahaan|dapur|ilahi|sukses|hidup|kecantikan|alam|tuhan|allah|"
    r"cinta|hati|kita|kami|kalian|di\s+balik|dibalik|besar|kecil)\b")
_DOC_STRUCTURE_RE = re.compile(
    r"(?i)\b(?:nomor|no\.)\s*:|\bperihal\b|\bhal\s*:|\blampiran\b|\bkepada\s+yth|\byth\.|\btembusan\b|"
    r"\bnota\s+dinas\b|\bsurat\b|\btelegram\b|\bradiogram\b|\bsprint\b|\bmemo\b|\bdisposisi\b")
_SENTENCE_BREAK_RE = re.compile(r"[.!?]+(?:\s|$)|\n")
_BLOCK_BREAK_RE = re.compile(r"\n\s*\n")
_CLAUSE_BREAK_RE = re.compile(r"[.!?]+(?:\s|$)|[\n,;]")
_OUTLETS = (r"(?:kompas|detik|tribunnews|antaranews|antara|liputan6|okezone|kumparan|tempo|cnnindonesia|"
            r"cnbcindonesia|suara|republika|idntimes|jpnn|sindonews|inews|merdeka|beritasatu|viva|kontan|"
            r"bisnis|medcom|metrotvnews|tvonenews|rri|jawapos|pikiran-rakyat)")
# an outlet's address, or its name given as the source ("sumber: Kompas", "(berita detik)", "via @kompascom")
_NEWS_URL_RE = re.compile(
    rf"(?i)\b{_OUTLETS}\.(?:com|co\.id|id|co)\b"
    rf"|(?i:\b(?:sumber|source|via|berita|dikutip\s+dari|dilansir\s+dari|baca\s+di)\s*[:\-]?\s*@?{_OUTLETS}"
    r"(?:com|\b))")
# news and release style: "Senin (10/3)", "Jakarta, 12/3 (ANTARA) -", "JAKARTA -"
_NEWS_DATELINE_RE = re.compile(
    r"(?i)\b(?:senin|selasa|rabu|kamis|jum'?at|sabtu|minggu)\s*\(\s*\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?\s*\)"
    r"|\((?:antara|ant)\)|^[A-Z][A-Z .]{3,25}\s[-–—]\s")
_OFFICIAL_HANDLE_RE = re.compile(
    r"(?i)humas|lapas|rutan|lpka|bapas|rupbasan|kanwil|ditjenpas|kemenimipas|kemenkumham|imipas|"
    r"official|resmi|pemasyarakatan")

# --------------------------------------------------------------------------- word lists

_TOPICS: dict[str, str] = {
    # guard duty, posts, handovers
    **dict.fromkeys([
        "piket", "regu jaga", "regu pengamanan", "rupam", "karupam", "danru", "komandan regu",
        "komandan jaga", "kepala jaga", "jaga malam", "piket malam", "shift malam", "sif malam",
        "dinas malam", "shift pagi", "shift siang", "jaga pagi", "jaga siang", "jaga sore", "pos jaga",
        "pos atas", "pos bawah", "pos menara", "menara jaga", "menara pengawas", "menara pantau",
        "pos pengamanan", "pos utama", "pos portir", "portir", "p2u", "penjagaan", "petugas jaga",
        "anggota jaga", "yang jaga", "penjaga pintu", "jaga pintu", "jaga blok", "kontrol keliling",
        "patroli", "jam kontrol", "kontrol blok", "pergantian petugas", "serah terima", "apel penghitungan",
        "serah terima jaga", "serah terima regu", "serah terima tugas jaga", "aplusan", "aplus",
        "apel serah terima", "pergantian jaga", "pergantian regu", "pergantian shift", "ganti shift",
        "ganti jaga", "ganti regu", "tukar jaga", "tukar shift", "operan jaga", "oper jaga",
        "penghitungan narapidana", "kekuatan personel", "kekuatan regu", "personel jaga",
        "petugas piket", "pengamanan malam",
    ], "jaga"),
    # CCTV and monitoring
    **dict.fromkeys([
        "cctv", "cc tv", "kamera pengawas", "kamera pemantau", "kamera keamanan", "kamera pengintai",
        "kamera cctv", "kamera ip", "ipcam", "kamera", "kamera pantau", "cam cctv", "rekaman cctv", "monitor cctv",
        "layar monitor",
        "ruang cctv", "ruang monitor", "ruang kontrol", "ruang pemantauan", "command center", "dvr", "nvr",
        "alarm", "sensor gerak", "metal detector", "x ray", "body scanner", "jammer", "signal jammer",
        "pengacak sinyal", "alat pengacak sinyal", "penghambat sinyal", "jamer",
    ], "cctv"),
    # layout and physical weak points
    **dict.fromkeys([
        "denah", "tata letak", "layout", "blueprint", "site plan", "siteplan", "gambar bangunan",
        "peta lapas", "peta rutan", "peta blok", "struktur bangunan", "tembok", "tembok keliling",
        "pagar", "pagar keliling", "branggang", "area steril", "steril area", "teralis", "jeruji",
        "plafon", "atap blok", "saluran air", "gorong gorong", "pintu darurat", "pintu belakang",
        "pintu samping", "pintu utama", "gerbang", "kawat duri", "kawat berduri", "jalan tikus", "jalur tikus",
        "gudang senjata",
        "ruang senjata", "ruang persenjataan", "gudang amunisi", "ventilasi", "jalur patroli", "pintu keluar",
    ], "denah"),
    # keys, locks, doors
    **dict.fromkeys([
        "kunci sel", "kunci kamar", "kunci blok", "kunci pintu", "kunci gembok", "kunci gerbang",
        "kunci hunian", "kunci branggang", "kunci p2u", "kunci borgol", "kunci kamar hunian", "gembok",
        "anak kunci", "borgol", "buka kunci", "tutup kunci", "serah terima kunci", "grendel",
        "pintu blok", "pintu sel", "pintu kamar", "pintu hunian", "pintu gerbang", "pintu p2u",
        "pintu steril", "pintu branggang", "kuncinya",
    ], "kunci"),
    # transfers and escorts (specific phrases; generic verbs are in transfer_verbs)
    **dict.fromkeys([
        "pemindahan narapidana", "pemindahan tahanan", "pemindahan warga binaan", "narapidana dipindah",
        "tahanan dipindah", "narapidana dipindahkan", "tahanan dipindahkan", "pengiriman narapidana",
        "pengiriman tahanan", "pengawalan narapidana", "pengawalan tahanan", "pengawalan sidang",
        "pengawalan berobat", "bon tahanan", "bon narapidana", "mobil tahanan", "bus tahanan",
        "kendaraan tahanan", "mutasi narapidana", "mutasi tahanan", "pemberangkatan",
        "konvoi", "rantis", "barakuda",
    ], "pindah"),
    # raids and inspections
    **dict.fromkeys([
        "razia", "sidak", "geledah", "penggeledahan", "inspeksi mendadak", "pemeriksaan mendadak",
        "operasi gabungan", "operasi kamtib", "operasi keamanan", "operasi senyap", "operasi bersih",
        "operasi penertiban", "sweeping", "shakedown", "tes urine", "tes urin", "test urine", "cek urine",
        "pemeriksaan kamar", "pemeriksaan blok", "pemeriksaan hunian", "bongkar kamar", "obok obok",
        "penertiban kamar", "sterilisasi",
    ], "razia"),
    # radio
    **dict.fromkeys([
        "kode radio", "sandi radio", "sandi malam", "sandi malam ini", "sandi hari ini", "sandi jaga",
        "password jaga", "kata sandi jaga", "sandi baru", "sandi pengamanan", "ht dinas", "sandi ht", "kode ht",
        "frekuensi ht", "frekuensi radio",
        "frekuensi", "call sign", "callsign", "kode panggilan", "sandi panggilan", "nama sandi",
        "kode sandi", "sandi komunikasi", "channel ht", "ten code", "handy talky",
    ], "radio"),
    # risk inmates
    **dict.fromkeys([
        "risiko tinggi", "resiko tinggi", "berisiko tinggi", "beresiko tinggi", "high risk", "napiter",
        "narapidana teroris", "narapidana terorisme", "tahanan teroris", "tahanan terorisme",
        "narapidana kasus teroris", "narapidana kasus terorisme", "bandar besar", "bandar narkoba",
        "gembong", "narapidana kakap", "kelas kakap", "maximum security", "super maximum security",
        "narapidana berbahaya", "tahanan berbahaya", "pengendali narkoba", "narapidana pengendali",
        "register f", "sel isolasi", "sel pengasingan", "straf sel", "strafsel", "pengawasan khusus",
        "narapidana provokator", "provokator", "densus", "tahanan densus", "titipan densus", "napi teror",
    ], "risiko"),
    # inmate identity data
    **dict.fromkeys([
        "data narapidana", "data tahanan", "data warga binaan", "identitas narapidana",
        "identitas tahanan", "identitas warga binaan", "biodata narapidana", "biodata tahanan",
        "berkas narapidana", "berkas tahanan", "nomor register", "no register", "nomor registrasi",
        "register narapidana", "ktp narapidana", "ktp tahanan", "alamat narapidana", "alamat tahanan",
        "keluarga narapidana", "data sdp", "sdp", "sistem database pemasyarakatan", "petikan putusan",
        "salinan putusan", "foto ktp", "kartu keluarga", "sidik jari",
    ], "identitas"),
    # consumed so that they do not match shorter topics
    **dict.fromkeys([
        "serah terima jabatan", "sertijab", "patroli siber", "cyber patrol", "kunci sukses",
        "kunci jawaban", "sandi wifi", "kata sandi", "password", "frekuensi kunjungan",
        "jadwal kunjungan", "kode etik", "kode pos", "kode booking", "kode promo", "sel darah",
        "sel kanker", "sel telur", "gerbang tol", "alarm hp", "denah lokasi acara", "denah acara",
        "pintu rezeki", "pintu hati", "pintu taubat", "pintu maaf", "tembok ratapan",
        "pos ronda", "pos kamling", "pos satpam", "pos polisi", "pos lantas", "pos pelayanan", "pos kesehatan",
        "posyandu", "pos indonesia", "kantor pos", "pos bantuan", "pos mudik", "pos pengamanan mudik",
        "razia lalu lintas", "razia kendaraan", "razia knalpot", "razia zebra", "operasi zebra",
        "razia masker", "razia miras", "razia pkl", "razia satpol pp", "razia polisi", "razia polantas",
        "razia pajak", "razia tilang", "razia kos", "razia kosan", "razia pekat", "operasi patuh",
        "operasi ketupat", "operasi lilin", "titik buta kendaraan", "blind spot kendaraan",
        "pintu tol", "kamera hp", "kamera depan", "kamera belakang", "kamera ponsel", "kamera digital",
        "kamera dslr", "kamera mirrorless", "kamera 360", "serah terima kendaraan", "serah terima barang",
        "serah terima rumah",
    ], "abaikan"),
}

_STRONG_TOPICS: dict[str, str] = {
    **dict.fromkeys([
        "jadwal jaga", "jadwal piket", "jadwal regu", "jadwal shift", "jadwal patroli", "jadwal kontrol",
        "jadwal pengamanan", "jadwal penjagaan", "roster jaga", "plotting pos", "ploting pos",
        "plotting jaga", "ploting jaga", "pembagian pos", "pembagian regu", "daftar piket", "daftar jaga",
        "pos kosong", "jdwl jaga", "jdwl piket", "jdwl regu", "jadwal dinas jaga", "jadwal dinas regu",
        "pengamanan minim", "penjagaan minim", "pengamanan lemah", "penjagaan lemah", "pengamanan longgar",
        "penjagaan longgar", "personel minim", "petugas minim", "kekuatan minim", "penjagaan kosong",
        "pos tidak dijaga", "pos tanpa penjagaan", "kekosongan pos", "menara kosong",
    ], "jaga"),
    **dict.fromkeys([
        "titik buta", "blind spot", "sudut mati", "posisi cctv", "letak cctv", "titik cctv",
        "titik kamera", "area tidak terpantau", "tidak terpantau cctv",
        "tidak tercover cctv", "tidak terjangkau cctv",
    ], "cctv"),
    **dict.fromkeys([
        "denah bangunan", "denah kamar", "gambar denah", "jalur pelarian",
        "jalur kabur", "titik lemah", "celah keamanan", "celah pengamanan",
        "tembok jebol", "pagar jebol", "tembok bolong",
        # a plan or map of a correctional place
        *(f"{plan} {place}" for plan in ("denah", "layout", "tata letak", "blueprint", "peta", "site plan",
                                         "gambar", "gambar denah", "foto denah")
          for place in ("lapas", "rutan", "lpka", "bapas", "blok", "hunian", "blok hunian", "kamar hunian",
                        "sel", "pos", "pos jaga", "menara", "bangunan lapas", "bangunan rutan", "gedung lapas",
                        "pengamanan", "branggang", "p2u", "area steril", "kantor lapas", "kantor rutan")),
    ], "denah"),
    **dict.fromkeys([
        "duplikat kunci", "kunci duplikat", "kunci serep", "serep kunci", "kunci cadangan", "master key",
        "kunci palsu", "kunci dibawa pulang", "gandakan kunci", "menggandakan kunci", "copy kunci",
        "kunci sel dibawa", "kunci blok dibawa", "kunci dibawa", "kunci master", "kunci induk",
    ], "kunci"),
    # what inmates plan against order, heard inside: escapes, riots, strikes
    **dict.fromkeys([
        "rencana kabur", "rencana melarikan diri", "rencana pelarian", "mau kabur rame rame", "rencana mogok",
        "rencana mogok makan", "mau mogok makan", "rencana rusuh", "rencana kerusuhan", "mau bikin rusuh",
        "mau bikin ribut", "rencana bikin ribut", "rencana ribut", "rencana penyerangan", "rencana tawuran",
        "mau tawuran", "rencana balas dendam", "rencana bakar", "mau bakar blok",
    ], "gangguan"),
    **dict.fromkeys([
        "rencana pemindahan", "jadwal pemindahan", "jadwal pengawalan", "rute pengawalan",
        "rute pemindahan", "rencana pengawalan", "jalur pengawalan", "jadwal pengiriman",
    ], "pindah"),
    **dict.fromkeys([
        "rencana razia", "jadwal razia", "rencana sidak", "jadwal sidak", "rencana penggeledahan",
        "jadwal penggeledahan", "target razia", "sasaran razia", "razia dadakan", "sidak dadakan",
        "razia mendadak", "info razia", "bocoran razia",
    ], "razia"),
    **dict.fromkeys([
        "daftar sandi", "daftar kode radio", "kode sandi radio", "sandi sandi", "daftar call sign",
        "daftar frekuensi",
    ], "radio"),
    **dict.fromkeys([
        # a list of risk inmates
        f"{lst} {who}" for lst in ("daftar", "daftar nama", "list", "data", "nama nama", "rekap", "profil")
        for who in ("high risk", "narapidana high risk", "tahanan high risk", "narapidana risiko tinggi",
                    "narapidana berisiko tinggi", "tahanan risiko tinggi", "tahanan berisiko tinggi",
                    "napiter", "narapidana teroris", "narapidana terorisme", "bandar", "bandar narkoba",
                    "bandar besar", "narapidana kakap", "narapidana berbahaya", "register f")
    ], "risiko"),
    **dict.fromkeys(["database narapidana", "biodata narapidana", "data sdp"], "identitas"),
    # who informs the officers from inside: naming them endangers them
    **dict.fromkeys([
        "yang jadi cepu", "yg jadi cepu", "cepunya", "cepu nya", "cepu petugas", "cepu kita", "cepu kami",
        "informan kita", "informan kami", "informan petugas", "yang jadi informan", "informan di dalam",
        "nama informan", "identitas informan", "mata mata petugas", "yang jadi mata mata", "tukang lapor ke petugas",
    ], "risiko"),
}

# Traffic, fiction, games and places of leisure: a setting that is not the prison's
_ELSEWHERE = ["surat kendaraan", "surat surat kendaraan", "razia kendaraan", "razia motor", "operasi zebra",
              "operasi patuh", "lalin", "lalu lintas", "tilang", "stnk", "satlantas", "polantas", "sinetron",
              "series", "episode", "netflix", "adegan", "bioskop", "film", "drakor", "novel", "cerpen", "komik",
              "anime", "game", "gim", "mobile legends", "pubg", "free fire", "minecraft", "mall", "pantai",
              "wisata", "sekolah", "kampus"]
_LISTS = {
    "topics": _TOPICS,
    "strong_topics": _STRONG_TOPICS,
    # operators: their unit's sensitive place names ("Blok Mawar", "Pos Atas 3")
    "sensitive_places": [],
    # radio talk: a ten-code ("10-8") next to these is a radio code
    "radio_chatter": ["monitor", "ganti", "copy", "ndan", "komandan", "roger", "siap 86", "ht", "radio",
                      "rik", "masuk", "posisi", "merapat", "kode"],
    # everyday words that are topics only when the activity is about corrections
    "ambiguous": [
        "kamera", "gembok", "borgol", "tembok", "pagar", "plafon", "ventilasi", "gerbang", "pintu belakang",
        "pintu samping", "pintu utama", "pintu darurat", "pintu keluar", "alarm", "sensor gerak",
        "layar monitor", "saluran air", "gorong gorong", "jalan tikus", "jalur tikus", "kawat duri",
        "kawat berduri", "patroli", "shift malam", "shift pagi", "shift siang", "sif malam", "jaga malam",
        "jaga pagi", "jaga siang", "jaga sore", "dinas malam", "ganti shift", "tukar shift", "pergantian shift",
        "yang jaga", "layout", "denah", "tata letak", "blueprint", "site plan", "siteplan", "struktur bangunan",
        "gambar bangunan", "anak kunci", "nomor register", "no register", "nomor registrasi", "grendel",
        "buka kunci", "tutup kunci", "kuncinya",
        "dvr", "nvr", "x ray", "metal detector", "body scanner", "ruang kontrol", "ruang monitor",
        "command center", "sterilisasi", "konvoi", "pemberangkatan", "provokator", "gembong",
        "bandar narkoba", "sidik jari", "kartu keluarga", "foto ktp", "sdp", "frekuensi",
        "handy talky", "call sign", "callsign", "kode panggilan", "sweeping", "operasi gabungan",
        "operasi keamanan", "operasi bersih", "operasi penertiban", "tes urine", "tes urin", "test urine",
        "cek urine", "pengawasan khusus", "serah terima", "pergantian petugas",
        "jadwal jaga", "jadwal piket", "daftar piket", "daftar jaga", "jadwal shift", "jadwal patroli",
        "jadwal kontrol", "piket",
    ],
    # generic transfer verbs: count only with an inmate or risk term nearby
    "transfer_verbs": ["pindah", "kawal", "kirim", "berangkat", "diberangkatkan", "dibawa ke", "evakuasi",
                       "dioper", "bon", "dibawa dari", "pengawalan", "dikawal"],
    "inmates": ["narapidana", "napi", "wbp", "tahanan", "warga binaan", "residivis", "terpidana", "anak binaan",
                "andikpas", "teroris", "napiter", "bandar", "penghuni", "terdakwa", "tersangka", "klien"],
    "states": [
        "mati", "padam", "rusak", "error", "eror", "off", "offline", "tidak berfungsi", "tidak nyala",
        "tidak menyala", "tidak aktif", "tidak jalan", "tidak merekam", "tidak ada rekaman", "blank",
        "bermasalah", "gangguan", "kosong", "tidak dijaga", "tanpa penjagaan", "tidak ada penjagaan",
        "tidak ada yang jaga", "tidak ada petugas", "tanpa petugas", "ditinggal", "ditinggalkan", "tidur",
        "ketiduran", "jebol", "bolong", "berlubang", "retak", "rapuh", "keropos", "roboh", "ambruk",
        "longgar", "dipanjat", "bisa dipanjat", "mudah dipanjat", "rendah", "putus", "digergaji",
        "tidak dikunci", "tidak terkunci", "lupa dikunci", "lupa kunci", "terbuka", "kebuka", "bisa dibuka",
        "dibawa pulang", "dibawa", "hilang", "ketinggalan", "digandakan", "diduplikat", "dicopy", "dititip",
        "digandain", "bisa digandain", "gampang digandain", "gampang digandakan", "mudah digandakan",
        "mudah diduplikat",
        "kurang personel", "kekurangan personel", "minim personel", "kekurangan petugas", "personel kurang",
        "tidak terpantau", "tidak terjangkau", "tidak tercover", "tidak kelihatan", "tidak terlihat",
        "mati lampu", "listrik padam", "sepi", "lengah", "lowong", "tidak ada orang", "macet", "soak",
        "sering mati", "belum diperbaiki", "ngeblank", "nge blank", "ngadat", "down", "korslet", "konslet",
        "koslet", "buram", "burem", "tidak ada gambar", "no signal", "no video", "video loss", "putus putus",
        "hang", "ngehang", "mati total", "tidak ada orangnya", "tidak ada penjaga", "tidak ada petugasnya",
        "kosong melompong", "ditinggal tidur", "dipegang tamping", "dipegang narapidana",
        "dipegang warga binaan", "tamping", "bisa keluar masuk", "bebas keluar masuk", "minim", "lemah",
        "setengah regu", "kurang orang",
        # intrinsic weak points: the phrase itself names the vulnerability
        "duplikat", "diduplikasi", "serep", "cadangan", "palsu", "master key", "titik buta", "blind spot",
        "sudut mati", "celah", "titik lemah", "jalur kabur", "jalur pelarian",
    ],
    # before a state: the state is exhorted, conditional or denied, not reported
    "state_blockers": ["jangan", "jangan sampai", "pastikan", "memastikan", "tidak boleh", "agar tidak",
                       "supaya tidak", "hindari", "cegah", "mencegah", "antisipasi", "bila", "jika",
                       "kalau", "apabila", "seandainya", "andaikan", "jangan ada", "dilarang", "waspadai",
                       "cegah agar"],
    # just before a state: what the state is about when it is not the security object ("badan lemah",
    # "HP ketinggalan di pos jaga", "sampe rumah langsung tidur" after a night shift). Pronouns are not here:
    # "kita kekurangan personel" is the unit's weakness
    "state_holders": ["badan", "tubuh", "mata", "kepala", "perut", "kaki", "tangan", "punggung", "pinggang",
                      "hp", "hpku", "hape", "handphone", "ponsel", "dompet", "kunci motor", "kunci mobil",
                      "kunci rumah", "motor", "mobil", "laptop", "charger", "jaket", "tas", "sepatu", "anak",
                      "anakku", "istri", "suami", "adik", "kakak", "keluarga", "rumah", "rumah dinas", "kos",
                      "kosan", "kontrakan", "ac", "kipas", "kulkas", "tv", "wifi", "kuota", "baterai", "batre",
                      "semangat", "mood", "tenaga", "pikiran", "dapur umum", "kantin", "koperasi", "perasaan",
                      "hati", "jiwa", "lapar", "ngantuk"],
    # directly before a state: it is denied ("CCTV tidak mati")
    "negators": ["tidak", "bukan", "belum", "tanpa", "anti"],
    # after a state: it is fixed
    "fixed": ["sudah diperbaiki", "telah diperbaiki", "sudah normal", "normal kembali", "kembali normal",
              "sudah menyala", "sudah berfungsi", "sudah diganti", "telah diganti", "sudah aman"],
    "future": ["besok", "besok pagi", "besok malam", "besok siang", "lusa", "nanti malam", "ntar malam",
               "entar malam", "nanti mlm", "tengah malam nanti", "dini hari nanti",
               "subuh nanti", "minggu depan", "pekan depan", "bulan depan", "sebentar lagi", "bentar lagi",
               "jam berikutnya", "malam nanti", "besok mlm", "ntr malam", "ntr mlm", "ntar mlm",
               "nanti malem", "besok malem", "lusa malam"],
    # tonight: ahead, unless a result is said ("sidak malam ini, semua aman")
    "tonight": ["malam ini", "mlm ini", "malem ini", "sore ini"],
    "plan": ["akan", "mau ada", "bakal", "bakalan", "rencana", "jadwal", "agenda", "persiapan", "siap siap",
             "siapkan", "standby", "stand by", "nanti", "hari ini", "pagi ini", "siang ini", "segera", "target",
             "sasaran", "direncanakan", "dijadwalkan"],
    "past": ["telah", "sudah", "tadi", "semalam", "kemarin", "kemaren", "tadi malam", "barusan", "berhasil",
             "hasil", "hasilnya", "nihil", "semua aman", "aman terkendali", "aman dan kondusif", "berjalan aman", "menyita", "disita", "sitaan", "ditemukan", "menemukan", "didapati", "mendapati",
             "diamankan", "dimusnahkan", "pemusnahan", "terjaring", "berjalan lancar", "usai", "selesai",
             "pekan lalu", "minggu lalu", "bulan lalu", "lalu", "semalem", "terjadi", "sempat", "tercatat",
             "dilaporkan", "kmrn", "kmarin", "td malam",
             "tadi pagi", "tadi siang", "tadi sore"],
    "generic": ["rutin", "berkala", "secara rutin", "setiap", "selalu", "sewaktu waktu", "kapan saja",
                "terus dilakukan", "terus dilaksanakan", "secara acak", "insidentil", "insidental", "serentak",
                "seluruh lapas", "seluruh rutan", "seluruh upt", "seluruh indonesia", "se indonesia",
                "secara nasional"],
    "leak": ["jangan disebar", "jangan sebar", "jangan disebarkan", "jangan dibagikan", "jangan bagikan",
             "jangan di bagikan", "jangan dishare", "jangan bocor", "jangan sampai bocor", "bocoran", "info bocor",
             "info a1", "rahasia ya", "rahasia lho", "rahasia loh", "pst", "off the record", "offrecord",
             "khusus internal", "internal only", "internal aja", "internal saja", "kalangan sendiri",
             "kalangan terbatas", "belum dirilis", "belum rilis", "belum boleh dipublikasi",
             "jangan dipublikasi", "jangan diposting", "jangan di posting", "jangan diupload", "hapus setelah",
             "info dalam", "orang dalam", "screenshot grup", "ss grup"],
    "tipoff": ["amankan", "amankan barang", "amankan hp", "simpan", "simpan hp", "simpan barang", "sembunyikan",
               "umpetin", "dikabari", "biar aman", "supaya aman", "buang dulu", "singkirkan",
               "beresin", "bersihkan kamar", "siap siap", "hati hati", "awas", "kabari", "kabarin",
               "kasih tahu", "yang di dalam", "buang barang", "matikan hp", "tiarap"],
    "news": ["dilansir", "melansir", "dikutip", "mengutip", "sumber berita", "ujarnya", "ungkapnya",
             "jelasnya", "tuturnya", "imbuhnya", "terangnya", "ucapnya", "pungkasnya", "katanya kepada",
             "kepada wartawan", "wartawan", "jurnalis", "awak media", "kapolres", "kapolsek",
             "menurut keterangan", "redaksi", "breaking news", "baca selengkapnya", "selengkapnya",
             "dikonfirmasi", "saat dikonfirmasi", "media massa", "pemberitaan", "diberitakan", "reporter",
             "menegaskan", "mengatakan", "menjelaskan", "dikatakan", "kata dia", "kepada media",
             "dalam keterangannya", "keterangan tertulis", "saat dihubungi", "saat ditemui", "kabid humas",
             "kabag penum", "kombes", "kombes pol", "brigjen", "irjen", "kapolda", "kapolri", "mabes polri",
             "divisi humas", "kerusuhan", "dalam konferensi pers"],
    "release_marker": ["humas", "rilis", "siaran pers", "press release", "pers rilis", "kontributor",
                       "#humaslapas", "#humasrutan", "pemasyarakatan pasti bermanfaat",
                       "#pemasyarakatanpastibermanfaat", "#kemenimipas", "kemenimipas guyub",
                       "pemusnahan barang", "pemusnahan barang bukti", "pemusnahan hasil razia",
                       "pemusnahan barang hasil razia", "konferensi pers", "jumpa pers"],
    "release_wording": ["telah dilaksanakan", "telah melaksanakan", "telah digelar", "berhasil menyita",
                        "berhasil mengamankan", "berhasil menemukan", "dipimpin langsung", "berjalan lancar",
                        "aman dan kondusif", "dimusnahkan", "pemusnahan barang", "hasil razia", "menggelar",
                        "melaksanakan", "dalam rangka", "zero halinar", "sinergi"],
    # an operation said to be over and safe: how releases, and staff sharing them, report a finished transfer,
    # raid or test ("pemindahan berjalan aman dan lancar", "hasilnya seluruhnya negatif")
    "completed": ["aman dan lancar", "lancar dan aman", "berjalan aman", "berjalan lancar", "berlangsung aman",
                  "berlangsung lancar", "berlangsung kondusif", "aman dan kondusif", "aman terkendali",
                  "telah terlaksana", "sudah terlaksana", "terlaksana dengan", "telah selesai", "sudah selesai",
                  "hasilnya negatif", "seluruhnya negatif", "semuanya negatif", "zero halinar",
                  # what was seized is already destroyed or secured ("langsung dimusnahkan")
                  "dimusnahkan", "langsung dimusnahkan", "telah dimusnahkan", "sudah dimusnahkan",
                  "berhasil diamankan", "telah diamankan", "sudah diamankan", "berhasil disita",
                  "berhasil menggagalkan"],
    "public_service": ["jadwal kunjungan", "jam kunjungan", "layanan kunjungan", "kunjungan tatap muka",
                       "kunjungan online", "video call", "titipan barang", "penitipan barang",
                       "layanan titipan", "layanan informasi", "layanan pengaduan", "pengaduan masyarakat",
                       "ptsp", "pelayanan terpadu", "loket", "antrean", "antrian", "syarat kunjungan",
                       "pendaftaran kunjungan", "layanan integrasi", "pembebasan bersyarat", "remisi",
                       "asimilasi", "jam layanan", "jam pelayanan", "layanan publik", "pelayanan publik",
                       "informasi publik", "maklumat pelayanan", "standar pelayanan", "kunjungan keluarga",
                       "wartelsuspas", "layanan kesehatan", "jalur evakuasi", "titik kumpul", "simulasi kebakaran",
                       "pelayanan kunjungan"],
    "briefing": ["apel", "kesiapsiagaan", "kewaspadaan", "tingkatkan", "himbauan", "imbauan", "arahan",
                 "sosialisasi", "deteksi dini", "pencegahan", "waspada", "siaga", "amanat", "pengarahan",
                 "briefing", "sesuai sop", "jaga kondusivitas", "mengingatkan", "diingatkan"],
    # ("pppk" reads as "pk" once its repeated letters are collapsed, and PK is the Pembimbing Kemasyarakatan or a
    # Peninjauan Kembali in staff posts: left out)
    "recruitment": ["lowongan", "loker", "rekrutmen", "penerimaan cpns", "penerimaan pegawai", "cpns",
                    "casn", "formasi", "dibutuhkan", "dicari", "persyaratan", "kirim lamaran",
                    "lamaran", "gaji", "seleksi", "poltekip", "penerimaan taruna", "pendaftaran dibuka",
                    "dibuka pendaftaran", "vacancy", "hiring"],
    "classified": ["sangat rahasia", "surat rahasia", "notulen rapat internal", "hasil rapat internal",
                   "dokumen rahasia", "telegram rahasia", "berkas rahasia",
                   "nota dinas internal", "memo internal", "surat internal", "dokumen internal",
                   "surat telegram", "radiogram", "sprint razia", "surat perintah razia",
                   "surat perintah penggeledahan", "surat perintah pengawalan", "surat perintah pemindahan",
                   "laporan intelijen", "info intelijen", "laporan intel", "telaah intelijen",
                   "produk intelijen", "dokumen terbatas", "surat terbatas"],
    "official_context": ["perihal", "lampiran", "kepada yth", "yth", "kalapas", "karutan", "kepala lapas",
                         "kepala rutan", "kakanwil", "kanwil", "ditjenpas", "direktorat jenderal", "kementerian",
                         "dirjen", "kplp", "ka kplp", "kamtib", "pengamanan", "lapas", "rutan", "lpka", "bapas",
                         "narapidana", "tahanan", "warga binaan", "tembusan", "nip", "kemenimipas",
                         "kemenkumham", "upt", "satops patnal", "kepala kesatuan"],
    "nik_context": ["nik", "ktp", "e ktp", "ektp", "nomor induk kependudukan", "no identitas",
                    "nomor identitas", "identitas", "kk", "kartu keluarga", "no kk", "ttl", "tempat tanggal lahir",
                    "tgl lahir", "tanggal lahir", "alamat", "jenis kelamin", "nama", "data", "narapidana",
                    "tahanan", "warga binaan", "biodata"],
    "nik_label": ["nik", "ktp", "e ktp", "ektp", "nomor induk kependudukan", "no identitas", "nomor identitas",
                  "no kk", "nomor kk", "kartu keluarga", "nik tahanan", "nik narapidana", "no nik", "nomor nik"],
    "not_nik": ["rekening", "rek", "norek", "no rek", "nomor rekening", "bank", "bri", "bni", "bca", "mandiri",
                "bsi", "btn", "cimb", "danamon", "permata", "jago", "seabank", "transfer", "tf",
                "virtual account", "va", "kartu kredit", "kartu debit", "debit", "atm", "no kartu",
                "nomor kartu", "id pelanggan", "token", "resi", "no resi", "pesanan", "order", "invoice",
                "booking", "polis", "bpjs", "telp", "telepon", "hp", "wa", "whatsapp", "hubungi", "imei",
                "serial number", "nomor seri", "pln", "meter", "dana", "ovo", "gopay", "saldo", "e money",
                "emoney", "flazz", "kode bayar", "kode pembayaran", "billing", "ntpn", "id transaksi"],
    "self_reference": ["nik saya", "nik aku", "nik ku", "nikku", "nik gue", "ktp saya", "ktp aku", "ktp ku",
                       "punya saya", "milik saya", "data saya", "nik sendiri", "nik istri", "nik suami",
                       "nik anak", "nik ibu", "nik bapak", "nik adik", "nik kakak"],
    # the activity is about corrections (else topics count less) ...
    "prison_context": ["lapas", "rutan", "lpka", "bapas", "rupbasan", "kamar hunian", "blok hunian",
                       "narapidana", "tahanan", "warga binaan", "residivis", "p2u", "branggang", "rupam", "karupam",
                       "kplp", "kalapas", "karutan", "kamtib", "pemasyarakatan", "kemenimipas", "ditjenpas",
                       "andikpas", "anak binaan", "napiter", "nusakambangan", "straf sel", "tamping"],
    # ... or words that are the prison's only where nothing says otherwise ("Blok M", a cell in a film)
    "prison_context_weak": ["blok", "hunian", "sel", "pos atas", "pos bawah", "menara", "regu", "pengamanan",
                            "lorong", "portir", "kanwil", "upt", "petugas jaga", "kepala pengamanan", "penjagaan",
                            "pegawai"],
    # ... and about home, shops, traffic or neighbourhood watch (then they do not count at all)
    "outside": ["rumah saya", "di rumah", "rumahku", "rumah", "toko", "warung", "kos", "kosan", "kontrakan",
                "jual", "dijual", "servis", "service", "teknisi", "pasang baru", "harga", "promo", "garansi",
                "instalasi", "motor", "sepeda", "mobil saya", "truk", "spion", "berkendara", "pengendara",
                "sopir", "siskamling", "ronda", "kamling", "perumahan", "kompleks", "satpam", "tilang",
                "sim stnk", "stnk", "helm", "lalu lintas", "satlantas", "polantas", "knalpot", "satpol pp",
                "sekolah", "kampus", "pabrik", "mall", "pantai", "wisata", "mudik", "arus mudik",
                "pernikahan", "nikahan", "resepsi", "kondangan", "game", "gim", "mobile legends", "pubg",
                "free fire", "minecraft", "film", "drakor", "novel", "puskesmas", "dinas kesehatan", "pasar",
                "dishub", "disnaker", "bpom", "restoran", "rumah makan", "hotel", "tempat hiburan", "karaoke",
                "kafe", "cafe", "spbu", "jalan raya", "jalan protokol", "terminal", "stasiun", "dokter",
                "perawat", "pasien", "apotek", "klinik", "siswa", "murid", "guru", "piket kebersihan",
                "kebersihan kelas", "polisi", "polres", "polsek", "polda", "mabes polri", "kepolisian",
                *_ELSEWHERE],
    # ... and the settings that make a weak word someone else's even beside it
    "elsewhere": _ELSEWHERE,
    "list_words": ["daftar", "list", "nama nama", "berikut", "rekap", "rekapan", "data", "lampiran", "tabel",
                   "terlampir", "file", "pdf", "scan", "screenshot", "tangkapan layar"],
}


@dataclass(frozen=True, slots=True)
class _Span:
    kind: str
    start: int
    end: int
    label: str = ""


@dataclass(slots=True)
class _FieldInfo:
    """Per-field material computed once: term spans by list name, operational details, and the
    positions of paragraph, sentence and clause breaks (for cheap "same sentence?" checks)."""

    text: str
    spans: dict[str, list[_Span]] = field(default_factory=dict)
    details: list[_Span] | None = None
    _breaks: dict[str, list[int]] = field(default_factory=dict)
    _starts: dict[int, list[int]] = field(default_factory=dict)

    def in_range(self, spans: list[_Span], lo: int, hi: int) -> list[_Span]:
        """The spans (sorted by start) that start in [lo, hi)."""
        starts = self._starts.get(id(spans))
        if starts is None:
            starts = self._starts[id(spans)] = [s.start for s in spans]
        return spans[bisect_left(starts, lo):bisect_left(starts, hi)]

    def _has_break(self, kind: str, lo: int, hi: int) -> bool:
        pos = self._breaks.get(kind)
        if pos is None:
            rx = {"block": _BLOCK_BREAK_RE, "sentence": _SENTENCE_BREAK_RE, "clause": _CLAUSE_BREAK_RE}[kind]
            pos = self._breaks[kind] = [m.start() for m in rx.finditer(self.text)]
        i = bisect_left(pos, lo)
        return i < len(pos) and pos[i] < hi

    def between(self, kind: str, a: _Span, b: _Span) -> bool:
        """Is there a break of `kind` in the gap between a and b (block: anywhere across both)?"""
        if kind == "block":
            return self._has_break(kind, min(a.start, b.start), max(a.end, b.end))
        lo, hi = (a.end, b.start) if a.end <= b.start else (b.end, a.start)
        return hi > lo and self._has_break(kind, lo, hi)


class SecurityInfoDetector(Detector):
    rule = 6
    key = "rule6"
    name = "rule6.security"
    version = 9  # 3: a transfer with no time and no escort detail is reviewed; outlets named as the source; 4: a
    # kind of institution is a destination only with its name; "nihil" is a result; "malam ini" yields to a result;
    # 5: weak prison words yield to traffic, fiction and games; a reply read with its question when that says more;
    # 6: a state just after the author's body, belongings or home is theirs, not the guarded object's; naming an
    # informant inside is reviewed; signal jammers are monitoring equipment; 7: inmates' plans heard inside
    # (escape, strike, riot; unless denied) are a topic; a master key and keys "gampang digandain"; 8: a finished
    # operation said to be over and safe ("berjalan aman dan lancar", "hasilnya seluruhnya negatif"), with only what
    # releases tell (when, how many, from and to), is not reported whoever posts it; 9: seizures destroyed or secured
    # ("langsung dimusnahkan") finish an operation; "dibawa dari", "pengawalan", "dikawal" move a prisoner; "PK" is
    # no recruitment ad ("pppk" collapses to it)
    title = "menyebarkan informasi yang dikecualikan tentang keamanan dan ketertiban pemasyarakatan"
    basis = (
        "UU 14/2008 Pasal 17 huruf a angka 4 dan 5 (membahayakan keselamatan penegak hukum dan "
        "keamanan sarana/prasarana penegakan hukum)",
        "UU 14/2008 Pasal 17 huruf h (rahasia pribadi) dan huruf i (memorandum internal)",
        "PP 94/2021 Pasal 3 huruf g (menyimpan rahasia jabatan)",
        "Etika bermedia sosial ASN Pemasyarakatan angka 6",
    )
    roles = ("own", "target")
    lists = _LISTS

    _CONTEXT_LISTS = ("news", "release_marker", "release_wording", "completed", "public_service", "briefing",
                      "recruitment", "leak", "prison_context", "prison_context_weak", "outside", "elsewhere")

    def setup(self, resources) -> None:
        self._ctx_doc: Analysis | None = None
        self._ctx: dict[str, frozenset[str]] = {}

    # ------------------------------------------------------------------ hook 1

    def detect(self, doc: Analysis) -> Iterable[Candidate]:
        spreading = doc.activity.type in SPREADING
        found = [c for f in doc.fields if f.role == "own" or (f.role == "target" and spreading)
                 for c in self.detect_field(doc, f)]
        if doc.activity.type in RESPONSES:
            # the reply read with its question, when that says more than the reply alone ("jam 2 lewat tol
            # Kanci, kumpul di P2U" is a weak post by itself and an escort plan as the answer to "jadi mindahin?")
            replied = list(self._reply(doc))
            if replied and max(c.confidence for c in replied) > max((c.confidence for c in found), default=0.0):
                found = replied
        yield from found
        yield from image_signals.face_candidates(self, doc)  # faces in pictures of a prison post

    def _reply(self, doc: Analysis) -> Iterable[Candidate]:
        """A reply read with the message it answers: "Pengawalan ke PN besok lewat mana?" <- "jam 8, lewat
        tol, 2 mobil". The leak is the employee's when their words carry the detail."""
        own = next((f for f in doc.own() if f.path == "text"), None)
        tgt = next((f for f in doc.targets() if f.path == "target.text"), None)
        if own is None or tgt is None or not self._details(own, _FieldInfo(own.doc.original)):
            return  # a reply without any operational detail (time, count, route ...) gives nothing away
        field, split = joined(tgt, own)
        for c in self.detect_field(doc, field):
            ev = tuple(e for x in c.evidence for e in split(x))
            if not any(e.field == own.path for e in ev):
                continue  # the message answered says it all; answering it does not
            yield replace(c, evidence=ev, explanation=c.explanation.rstrip(".") +
                          " (dalam balasan atas pesan yang ditanggapi).",
                          score_detail=c.score_detail + ("dibaca bersama pesan yang dibalas",))

    def detect_field(self, doc: Analysis, f: TextField) -> Iterable[Candidate]:
        info = _FieldInfo(f.doc.original)
        cands: list[Candidate] = []
        cands += self._identity_numbers(f, info)
        cands += self._classified(f, info)
        hits = self._topic_hits(f, info)
        if hits:
            leak = "leak" in self._context(doc, f.path)
            for hit in hits:
                c = self._score_topic(doc, f, info, hit, leak)
                if c is not None:
                    cands.append(c)
        yield from _non_overlapping(cands)

    # --- term spans -------------------------------------------------------

    def _spans(self, f: TextField, info: _FieldInfo, list_name: str) -> list[_Span]:
        got = info.spans.get(list_name)
        if got is None:
            toks = f.doc.tokens
            got = sorted((_Span(list_name, toks[m.first].start, toks[m.last].end, m.label or m.term)
                          for m in self.terms[list_name].find(f.doc)), key=lambda s: s.start)
            info.spans[list_name] = got
        return got

    def _has(self, f: TextField, info: _FieldInfo, list_name: str) -> bool:
        return bool(self._spans(f, info, list_name))

    # --- topics -----------------------------------------------------------

    def _topic_hits(self, f: TextField, info: _FieldInfo) -> list[_Span]:
        text = info.text
        hits: list[_Span] = []
        strong = self._spans(f, info, "strong_topics")
        if any(_category(s.label) in _DENIABLE_CATS for s in strong):  # "nggak ada rencana kabur"
            negators = self._spans(f, info, "negators")
            strong = [s for s in strong if not (_category(s.label) in _DENIABLE_CATS and any(
                n.end <= s.start and text[n.end:s.start].strip().lower() in ("", "ada")
                for n in info.in_range(negators, s.start - 12, s.start)))]
        hits += [_Span("strong_topic", s.start, s.end, _category(s.label)) for s in strong]
        for s in self._spans(f, info, "topics"):
            if s.label != "abaikan" and not any(_overlap(s, h) for h in strong):
                hits.append(_Span("topic", s.start, s.end, _category(s.label)))
        hits += [_Span("topic", s.start, s.end, "tempat") for s in self._spans(f, info, "sensitive_places")]
        if self._spans(f, info, "inmates") or any(h.label == "risiko" for h in hits):
            for s in self._spans(f, info, "transfer_verbs"):
                if not any(_overlap(s, h) for h in hits) and self._near(info, s, "inmates", f, 80):
                    hits.append(_Span("topic", s.start, s.end, "pindah"))
        for m in _RADIO_CODE_RE.finditer(text) if "10" in text else ():
            hits.append(_Span("strong_topic", m.start(), m.end(), "radio"))
        chatter = self._spans(f, info, "radio_chatter")
        if chatter:
            for m in _TEN_CODE_RE.finditer(text):
                code = _Span("radio", m.start(), m.end())
                if not any(_overlap(code, h) for h in hits) and any(
                        _distance(code, c) <= 40 for c in info.in_range(chatter, code.start - 60, code.end + 41)):
                    hits.append(_Span("strong_topic", m.start(), m.end(), "radio"))
        cams = list(_DVR_CAM_RE.finditer(text)) if _four_digits(text) else []
        if cams and _DVR_STAMP_RE.search(text):  # a CCTV/DVR screen: camera label plus time stamp
            hits.append(_Span("strong_topic", cams[0].start(), cams[0].end(), "cctv"))
        taken = hits + [s for s in self._spans(f, info, "topics") if s.label == "abaikan"]
        low = text.lower()  # a place counted below is one of these words, so the lowercased text holds it
        for m in _LOC_RE.finditer(text) if any(w in low for w in _LOC_TOPIC_WORDS) else ():
            word = m.group().split()[0].lower().rstrip(".")
            if word in _LOC_TOPIC_WORDS and not any(
                    h.start < m.end() and m.start() < h.end for h in taken):
                hits.append(_Span("location_topic", m.start(), m.end(), "lokasi"))
        return hits

    def _near(self, info: _FieldInfo, s: _Span, list_name: str, f: TextField, dist: int) -> bool:
        return any(_distance(s, o) <= dist and not info.between("block", s, o) for o in self._spans(f, info, list_name))

    # --- details ----------------------------------------------------------

    def _details(self, f: TextField, info: _FieldInfo) -> list[_Span]:
        if info.details is not None:
            return info.details
        text = info.text
        out: list[_Span] = []

        def add(rx: re.Pattern, kind: str) -> None:
            for m in rx.finditer(text):
                s, e = _trim(text, m.start(), m.end())
                if e > s:
                    out.append(_Span(kind, s, e, text[s:e]))

        digits = _DIGIT_RE.search(text) is not None
        for rx, kind, needs_digit in _DETAIL_PATTERNS:
            if digits or not needs_digit:
                add(rx, kind)
        out += [_Span("tempat", s.start, s.end, text[s.start:s.end]) for s in self._spans(f, info, "sensitive_places")]
        out += [_Span("daftar", s.start, s.end, text[s.start:s.end]) for s in self._spans(f, info, "list_words")]
        out += [_Span("hari", s.start, s.end, text[s.start:s.end])
                for s in self._spans(f, info, "future") + self._spans(f, info, "tonight")]
        out.sort(key=lambda s: s.start)
        info.details = out
        return out

    def _window(self, info: _FieldInfo, hit: _Span, spans: list[_Span], before: int = 100,
                after: int = 140) -> list[_Span]:
        """Spans near the topic: after it within `after` chars (lists run over lines), before it
        within `before` chars of the same clause."""
        return [s for s in info.in_range(spans, hit.start - before, hit.end + after) if s.end <= hit.end + after
                and not info.between("block", hit, s)
                and (s.end > hit.start or not info.between("clause", s, hit))]

    def _states(self, f: TextField, info: _FieldInfo, hit: _Span) -> list[_Span]:
        text, out = info.text, []
        blockers = self._spans(f, info, "state_blockers")
        fixed = self._spans(f, info, "fixed")
        negators = self._spans(f, info, "negators")
        holders = self._spans(f, info, "state_holders")
        for s in info.in_range(self._spans(f, info, "states"), hit.start - 60, hit.end + 46):
            # a state inside or overlapping the topic phrase ("pos kosong", "kunci sel dibawa pulang") counts
            if _distance(hit, s) > 45 or info.between("sentence", hit, s):
                continue
            if any(b.end <= s.start and not info.between("sentence", b, s)
                   and not (b.start >= hit.start and b.end <= hit.end)
                   for b in info.in_range(blockers, s.start - 45, s.start)):
                continue
            if any(n.end <= s.start and not text[n.end:s.start].strip() and not _overlap(n, s)
                   and not (n.start >= hit.start and n.end <= hit.end)
                   for n in info.in_range(negators, s.start - 10, s.start)):
                continue
            if any(not info.between("sentence", s, x) for x in info.in_range(fixed, s.end, s.end + 41)):
                continue
            if any(p.end <= s.start and s.start - p.end <= 28 and not info.between("clause", p, s)
                   and not (p.end <= hit.start and hit.end <= s.start) and not _overlap(p, hit)
                   for p in info.in_range(holders, s.start - 45, s.start)):
                continue  # the state is the holder's (the author's body, phone, home), not the guarded object's
            out.append(s)
        return sorted(out, key=lambda s: _distance(hit, s))

    # --- scoring ----------------------------------------------------------

    def _score_topic(self, doc: Analysis, f: TextField, info: _FieldInfo, hit: _Span, leak: bool) -> Candidate | None:
        cat = hit.label
        if hit.kind != "location_topic" and "prison_context" not in self._context(doc, f.path) and any(
                a.start == hit.start and a.end == hit.end for a in self._spans(f, info, "ambiguous")):
            return None  # "kamera", "gembok", "shift malam" outside any correctional context
        phase = None
        base = WEIGHTS[hit.kind]
        conf = base
        why = [f"topik {cat} '{_q(info.text, hit)}': {display.score(base)}"]
        used: list[_Span] = [hit]

        if cat in _STATE_CATS:
            states = self._states(f, info, hit)
            if states:
                phase = "kondisi"
                conf += WEIGHTS["state"]
                used.append(states[0])
                why.append(f"kondisi rawan '{_q(info.text, states[0])}': +{display.score(WEIGHTS['state'])}")
        if hit.kind == "location_topic" and len(used) == 1:
            return None  # an identifier without a state says nothing

        details = [d for d in self._window(info, hit, self._details(f, info))
                   if not (d.start >= hit.start and d.end <= hit.end)]
        unplaced = cat == "risiko" and not any(d.kind in _WHERE_KINDS for d in details)
        if unplaced:
            details = []  # a count or a day of risk inmates, and nowhere: a programme or a visit, not their placement
        conf, extra_why, extra_used = _add_details(cat, conf, details, info.text)
        why += extra_why
        used += extra_used

        if cat in _PHASE_CATS:
            # risk inmates seen where they are ("napiter di Blok C mengikuti pembinaan hari ini") are not moved:
            # only a placement, a destination or a route makes a day a plan
            still = cat == "risiko" and not any(d.kind in _MOVE_KINDS for d in details)
            phase, cue = ("umum", None) if unplaced or still else self._phase(f, info, hit, details)
            if cue is not None:
                used.append(cue)
            if cat == "pindah" and phase != "hasil" and any(
                    h.label == "risiko" for h in self._window(info, hit, self._topic_spans(f, info))):
                conf += WEIGHTS["risk_with_transfer"]
                why.append(f"narapidana berisiko tinggi ikut dipindahkan: +{display.score(WEIGHTS['risk_with_transfer'])}")
            if phase == "rencana!":
                conf += WEIGHTS["plan_specific"]
                why.append(f"rencana dengan waktu pasti: +{display.score(WEIGHTS['plan_specific'])}")
                if cat == "razia":
                    if conf < WEIGHTS["plan_floor"]:
                        conf = WEIGHTS["plan_floor"]
                        why.append(f"rencana razia yang belum dirilis selalu pelanggaran: {display.score(conf)}")
                    tip = self._window(info, hit, self._spans(f, info, "tipoff"), 160, 200)
                    if tip:
                        conf += WEIGHTS["tipoff"]
                        used.append(tip[0])
                        why.append(f"peringatan kepada pihak dalam '{_q(info.text, tip[0])}': +{display.score(WEIGHTS['tipoff'])}")
            elif phase == "rencana":
                conf += WEIGHTS["plan_weak"]
                why.append(f"disebut sebagai rencana: +{display.score(WEIGHTS['plan_weak'])}")
        if leak:
            conf += WEIGHTS["leak"]
            why.append(f"ada isyarat bocoran/jangan disebar: +{display.score(WEIGHTS['leak'])}")
        conf = min(conf, WEIGHTS["cap"])
        # an unreleased raid named with its day tips off even as a question ("besok ada razia blok C ya?")
        if not leak and conf > WEIGHTS["question_cap"] and not (cat == "razia" and phase == "rencana!") \
                and _asks(info.text, hit, used[1:]):
            conf = WEIGHTS["question_cap"]
            why.append(f"kalimat bertanya tanpa rincian pasti: meminta informasi, bukan mengungkapnya; perlu "
                       f"tinjauan: {display.score(conf)}")
        # "napiter dipindahkan ke Nusakambangan" is how releases and news report a transfer after the fact;
        # without a time, a route or the escort's strength nothing says it is still ahead
        if cat == "pindah" and phase == "umum" and not leak and conf > WEIGHTS["undated_cap"] and not any(
                d.kind in _ESCORT_KINDS for d in used[1:]):
            conf = WEIGHTS["undated_cap"]
            why.append(f"pemindahan tanpa waktu, rute atau kekuatan pengawalan: belum tentu rencana, perlu "
                       f"tinjauan: {display.score(conf)}")
        if phase == "hasil" and not leak and conf > WEIGHTS["result_cap"]:
            conf = WEIGHTS["result_cap"]
            why.append(f"hasil/kejadian yang sudah lewat, perlu tinjauan: {display.score(conf)}")
        what = _CATEGORY_TEXT[cat]
        if phase in ("rencana", "rencana!"):
            what = f"rencana {what}" if cat != "risiko" else f"rencana pemindahan/penempatan {what}"
        elif phase == "hasil":
            what = f"hasil/kejadian {what} yang belum tentu dirilis resmi"
        parts = [f"'{_q(info.text, s)}'" for s in used[1:4]]
        expl = f"Mengungkap informasi pengamanan yang dikecualikan: {what} ('{_q(info.text, hit)}')"
        if parts:
            expl += f", disertai rincian {', '.join(parts)}"
        return Candidate(confidence=conf, evidence=_evidence(f, info.text, used), explanation=expl + ".",
                         score_detail=tuple(why), extra=(("kind", _KIND_OF[cat]), ("phase", _PHASE_OF[phase]),
                                                         ("detail_kinds", tuple(sorted({d.kind for d in used[1:]})))))

    def _topic_spans(self, f: TextField, info: _FieldInfo) -> list[_Span]:
        return self._spans(f, info, "topics") + self._spans(f, info, "strong_topics")

    def _phase(self, f: TextField, info: _FieldInfo, hit: _Span,
               details: list[_Span]) -> tuple[str, _Span | None]:
        """('rencana!' plan with a specific time | 'rencana' | 'hasil' after the fact | 'umum', the cue)."""
        def near(name: str) -> _Span | None:
            got = self._window(info, hit, self._spans(f, info, name), 90, 120)
            if name == "past":  # "pastikan semua aman" asks for a result, it does not report one
                blockers = self._spans(f, info, "state_blockers")
                got = [c for c in got if not any(0 <= c.start - b.end <= 12 for b in blockers)]
            return min(got, key=lambda s: _distance(hit, s)) if got else None

        for name, phase in (("future", "rencana!"), ("past", "hasil"), ("tonight", "rencana!"), ("generic", "umum"),
                            ("plan", "rencana")):
            cue = near(name)
            if cue is not None:
                return phase, (cue if phase != "umum" else None)
        if any(d.kind in ("waktu", "tanggal", "hari", "waktu_umum") for d in details):
            return "rencana", None
        return "umum", None

    # --- identity numbers ---------------------------------------------------

    def _identity_numbers(self, f: TextField, info: _FieldInfo) -> list[Candidate]:
        text, out = info.text, []
        urls = [(t.start, t.end) for t in f.doc.tokens if t.kind == "url"]
        for m in _NIK_RE.finditer(text) if _four_digits(text) else ():
            digits = re.sub(r"\D", "", m.group())
            if any(a <= m.start() < b for a, b in urls):
                continue
            err = nik_error(digits)
            if err is not None:
                continue
            span = _Span("nik", m.start(), m.end())
            if m.group("fours") and not any(0 <= span.start - s.end <= 15
                                            for s in self._spans(f, info, "nik_label")):
                continue
            ctx = sorted((s for s in self._spans(f, info, "nik_context")
                          if _distance(s, span) <= 80 and not info.between("block", s, span)),
                         key=lambda s: _distance(s, span))
            other = [s for s in self._spans(f, info, "not_nik") if not info.between("block", s, span) and (
                0 <= span.start - s.end <= 45 or 0 <= s.start - span.end <= 25)]
            if other and (not ctx or min(_distance(s, span) for s in other) <= _distance(ctx[0], span)):
                continue  # a bank account, card, phone or order number
            conf = WEIGHTS["nik"] if ctx else WEIGHTS["nik_no_context"]
            why = [f"NIK dengan struktur sah (provinsi {digits[:2]}, tanggal lahir, nomor urut): {display.score(conf)}"
                   + ("" if ctx else " (tanpa konteks identitas)")]
            if any(_distance(s, span) <= 80 for s in self._spans(f, info, "self_reference")):
                conf *= WEIGHTS["self_reference"]
                why.append(f"tampaknya data diri sendiri/keluarga: x{display.factor(WEIGHTS['self_reference'])} -> {display.score(conf)}")
            labels = [s for s in self._spans(f, info, "nik_label") if 0 <= span.start - s.end <= 30]
            used = [span] + (labels[-1:] or ctx[:1])
            out.append(Candidate(
                confidence=conf, evidence=_evidence(f, text, used), score_detail=tuple(why),
                explanation="Menyebarkan nomor induk kependudukan (NIK) yang strukturnya sah; data identitas "
                            "pribadi/warga binaan termasuk informasi yang dikecualikan.",
                extra=(("kind", "nik"), ("phase", "general"))))
        for m in _REGISTER_RE.finditer(text) if "/" in text else ():
            prefix = bool(m.group("prefix"))
            if not prefix and not (m.group("dot") and m.group("cls").isupper() and m.group("roman").isupper()):
                continue
            conf = WEIGHTS["register"] if prefix else WEIGHTS["register_bare"]
            s, e = _trim(text, m.start(), m.end())
            out.append(Candidate(
                confidence=conf, evidence=(Evidence(f.path, s, e, text[s:e]),),
                score_detail=(f"nomor register tahanan/narapidana '{text[s:e]}': {display.score(conf)}",),
                explanation=f"Menyebarkan nomor register tahanan/narapidana ('{text[s:e]}').",
                extra=(("kind", "register"), ("phase", "general"))))
        return out

    # --- classified documents -------------------------------------------------

    def _classified(self, f: TextField, info: _FieldInfo) -> list[Candidate]:
        text, out = info.text, []
        low = text.lower()
        for m in _SIFAT_RE.finditer(text) if not text.isascii() or any(w in low for w in _SIFAT_WORDS) else ():
            out.append(self._classified_candidate(f, text, m.start(), m.end(), WEIGHTS["marker"],
                                                  "penanda sifat surat"))
        for m in _MARKER_RE.finditer(text) if any(w in text for w in _MARKER_WORDS) else ():
            if any(c.evidence[0].start <= m.start() < c.evidence[0].end for c in out):
                continue
            if self._is_marking(f, info, m):
                out.append(self._classified_candidate(f, text, m.start(), m.end(), WEIGHTS["marker"],
                                                      "penanda klasifikasi dokumen"))
        phrases = self._spans(f, info, "classified")
        official = bool(phrases) and (self._has(f, info, "official_context") or self._topic_hits_cheap(f, info))
        for s in phrases:
            if any(c.evidence[0].start <= s.start < c.evidence[0].end for c in out):
                continue
            conf = WEIGHTS["classified_phrase"] + (WEIGHTS["classified_context"] if official else 0.0)
            out.append(self._classified_candidate(
                f, text, s.start, s.end, conf,
                "dokumen rahasia/internal" + (" dalam konteks kedinasan" if official else ""), kind="document"))
        return out

    def _topic_hits_cheap(self, f: TextField, info: _FieldInfo) -> bool:
        return any(s.label != "abaikan" for s in self._topic_spans(f, info))

    def _is_marking(self, f: TextField, info: _FieldInfo, m: re.Match) -> bool:
        text = info.text
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        before, after = text[line_start:m.start()], text[m.end():line_end]
        if _MARKER_STOP_BEFORE.search(before) or _MARKER_STOP_AFTER.search(after):
            return False
        document = bool(_DOC_STRUCTURE_RE.search(text))
        service = document or self._has(f, info, "official_context") or self._topic_hits_cheap(f, info)
        if not re.search(r"\w", before + after):
            return service  # the marking on its own line: "RAHASIA", "*SANGAT RAHASIA*"
        if m.group(1) == "TERBATAS":
            return document
        if not text[:m.start()].strip() or re.match(r"\s*[:\-–—!]", after):
            return service  # at the very start, or "RAHASIA: ..."
        return document

    def _classified_candidate(self, f: TextField, text: str, s: int, e: int, conf: float, what: str,
                              kind: str = "classified") -> Candidate:
        s, e = _trim(text, s, e)
        return Candidate(
            confidence=conf, evidence=(Evidence(f.path, s, e, text[s:e]),),
            score_detail=(f"{what} '{text[s:e]}': {display.score(conf)}",),
            explanation=f"Menyebarkan isi dokumen berklasifikasi/internal ({what}: '{text[s:e]}').",
            extra=(("kind", kind), ("phase", "general")))

    # ------------------------------------------------------------------ hook 2

    def assess(self, cand: Candidate, doc: Analysis) -> Candidate | None:
        info = dict(cand.extra)
        kind, phase = info.get("kind"), info.get("phase")
        if kind in _NO_CONTEXT_KINDS:
            return cand
        ctx = self._context(doc, cand.evidence[0].field)
        if "recruitment" in ctx:
            return None
        if "prison_context" not in ctx:
            if "outside" in ctx:
                return None  # a home camera, a traffic raid, the neighbourhood watch
            cand = cand.adjust(WEIGHTS["no_prison_context"], "tidak ada konteks pemasyarakatan")
        if "news" in ctx:  # even with "jangan disebarkan": hoax debunks say that too
            cand = cand.adjust(WEIGHTS["news"], "pemberitaan media")
        if "leak" in ctx:
            return cand
        if phase == "result" and "completed" in ctx and _RELEASED_AFTER.issuperset(info.get("detail_kinds", ())):
            return None  # a finished operation told as releases tell it, with nothing a release would leave out
        if "official" in ctx:
            if phase != "plan":
                return None
            cand = cand.adjust(WEIGHTS["release_plan"], "rencana dalam rilis resmi unit")
        if "public_service" in ctx:
            f = WEIGHTS["public_service_plan"] if phase == "plan" else WEIGHTS["public_service"]
            cand = cand.adjust(f, "informasi layanan publik")
        if "briefing" in ctx and phase not in ("plan", "condition"):
            cand = cand.adjust(WEIGHTS["briefing"], "arahan/imbauan umum pengamanan")
        return cand

    def _context(self, doc: Analysis, path: str) -> frozenset[str]:
        """Context flags for a field: its own, plus the author's own fields (caption, OCR)."""
        if self._ctx_doc is not doc:
            self._ctx_doc, self._ctx = doc, {}
            a = doc.activity
            own_official = bool(a.author.handle and _OFFICIAL_HANDLE_RE.search(a.author.handle)) or bool(
                a.author.name and re.search(r"(?i)\bhumas\b", a.author.name))
            tgt_official = bool(a.target and a.target.author and _OFFICIAL_HANDLE_RE.search(a.target.author))
            for f in doc.fields:
                flags = {n for n in self._CONTEXT_LISTS if self.terms[n].find(f.doc)}
                if "prison_context_weak" in flags and "elsewhere" not in flags:
                    flags.add("prison_context")
                if _NEWS_URL_RE.search(f.doc.original) or _NEWS_DATELINE_RE.search(f.doc.original):
                    flags.add("news")
                if "release_marker" in flags or ("release_wording" in flags and (
                        own_official if f.role == "own" else tgt_official)):
                    flags.add("official")
                self._ctx[f.path] = frozenset(flags)
            own = frozenset().union(*(self._ctx[f.path] for f in doc.fields if f.role == "own"))
            self._ctx = {p: v | own for p, v in self._ctx.items()}
        if "+" in path:  # a reply read with the message it answers: the context of both
            return frozenset().union(*(self._ctx.get(p, frozenset()) for p in path.split("+")))
        return self._ctx.get(path, frozenset())


# --------------------------------------------------------------------------- helpers

# What a question may name without disclosing anything exact: the day, a vague time, where to, a place, and
# the cues of a plan ("jadwal pengawalan ke PN besok jam berapa?"). A clock time, a date, a number, a route,
# a plate or a stated weakness in the same question still disclose.
_ASKED_KINDS = frozenset({"hari", "waktu_umum", "tujuan", "lokasi", "tempat", "future", "tonight", "plan", "past",
                          "generic"})


def _asks(text: str, hit: _Span, used: list[_Span]) -> bool:
    """The topic's sentence is a question, and everything else the finding rests on is inside it and vague."""
    end = _SENTENCE_BREAK_RE.search(text, hit.end)
    if end is None or "?" not in end.group():
        return False
    return all(s.kind in _ASKED_KINDS and s.end <= end.start() for s in used)


def _add_details(cat: str, conf: float, details: list[_Span], text: str) -> tuple[float, list[str], list[_Span]]:
    """The strongest detail counts fully, each further kind at WEIGHTS['further_detail']."""
    best: dict[str, tuple[float, _Span]] = {}
    for d in details:
        w = _CAT_KIND_WEIGHT.get((cat, d.kind), _KIND_WEIGHT.get(d.kind, 0.0))
        if w > 0 and (d.kind not in best or d.start < best[d.kind][1].start):
            best[d.kind] = (w, d)
    ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
    why, used = [], []
    for i, (kind, (w, d)) in enumerate(ranked[:5]):
        add = w if i == 0 else w * WEIGHTS["further_detail"]
        conf += add
        why.append(f"rincian {kind} '{text[d.start:d.end]}': +{display.score(add)}")
        used.append(d)
    return conf, why, used


def _category(label: str) -> str:
    """Built-in terms carry their category as label; terms added by operators carry the list name."""
    return label if label in _CATEGORY_TEXT else "umum"


def _four_digits(text: str) -> bool:
    return _FOUR_DIGITS_RE.search(text) is not None


def _overlap(a: _Span, b: _Span) -> bool:
    return a.start < b.end and b.start < a.end


def _distance(a: _Span, b: _Span) -> int:
    if _overlap(a, b):
        return 0
    return b.start - a.end if b.start >= a.end else a.start - b.end


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _q(text: str, s: _Span) -> str:
    q = " ".join(text[s.start:s.end].split())
    return q if len(q) <= 60 else q[:57] + "..."


def _evidence(f: TextField, text: str, spans: list[_Span]) -> tuple[Evidence, ...]:
    """One span covering topic and details when they are close, otherwise each part on its own."""
    lo, hi = min(s.start for s in spans), max(s.end for s in spans)
    if hi - lo <= 180:
        lo, hi = _trim(text, lo, hi)
        return (Evidence(f.path, lo, hi, text[lo:hi]),)
    out, seen = [], set()
    for s in sorted(spans, key=lambda s: s.start):
        a, b = _trim(text, s.start, s.end)
        if (a, b) not in seen and b > a:
            seen.add((a, b))
            out.append(Evidence(f.path, a, b, text[a:b]))
    return tuple(out)


def _non_overlapping(cands: list[Candidate]) -> list[Candidate]:
    """Strongest first; drop candidates whose evidence overlaps one already kept."""
    kept: list[Candidate] = []
    for c in sorted(cands, key=lambda c: -c.confidence):
        if any(a.start < b.end and b.start < a.end for k in kept for a in k.evidence for b in c.evidence):
            continue
        kept.append(c)
    return kept
