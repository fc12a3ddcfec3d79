"""Fact-check register loading and the meaning matcher (rule 4)."""
from __future__ import annotations

import dataclasses
import json
import random
from datetime import date

import pytest

from rambu.factcheck.matcher import FactCheckIndex, FactMatch
from rambu.factcheck.register import (FactCheck, RegisterError, load_register, parse_register,
                                      verdict_category)
from rambu.text.normalize import normalize

HEADER = "id,claim,verdict,source,published\n"


def write(tmp_path, name: str, text: str):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# --------------------------------------------------------------------------- register

def test_load_csv(tmp_path):
    p = write(tmp_path, "register.csv", HEADER +
              'R-1,"Semua rutan menutup layanan titipan barang untuk tahanan",hoaks,https://cek.example/1,2025-01-05\n'
              "R-2,Petugas lapas dilarang memakai seragam di luar kantor,Benar,Ditjenpas,2024-12-01\n")
    reg = load_register(p)
    assert [e.id for e in reg] == ["R-1", "R-2"]
    first = reg.entries[0]
    assert first.claim.startswith("Semua rutan") and first.verdict == "hoaks"
    assert first.published == date(2025, 1, 5) and first.line == 2 and first.file == str(p)
    assert reg.entries[1].verdict == "benar" and reg.entries[1].category == "benar"
    assert reg.ok and not reg.warnings


def test_entries_are_immutable(tmp_path):
    p = write(tmp_path, "r.csv", HEADER + "R-1,Klaim palsu tentang remisi,hoaks,x,2025-01-01\n")
    e = load_register(p).entries[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.claim = "lain"  # type: ignore[misc]


def test_load_jsonl(tmp_path):
    rows = [{"id": "J-1", "claim": "Kunjungan lapas kini wajib bayar", "verdict": "disinformasi",
             "source": "https://cek.example/j1", "published": "2025-03-01"},
            {"id": 7, "claim": "Napi boleh pulang saat Lebaran", "verdict": "misinformasi",
             "source": "Kanwil", "published": "2025-03-02"}]
    p = write(tmp_path, "register.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n\n")
    reg = load_register(p)
    assert [e.id for e in reg] == ["J-1", "7"]
    assert reg.entries[1].line == 2 and reg.entries[1].category == "salah"


def test_bad_date_names_file_row_and_field(tmp_path):
    lines = [HEADER.strip()] + [f"R-{i},Klaim nomor {i} tentang lapas,hoaks,x,2025-01-0{i}" for i in range(1, 6)]
    lines.append("R-6,Klaim keenam,hoaks,x,kemarin")
    p = write(tmp_path, "register.csv", "\n".join(lines) + "\n")
    with pytest.raises(RegisterError) as ei:
        load_register(p)
    msg = str(ei.value)
    assert "register.csv baris 7, kolom published: bukan tanggal YYYY-MM-DD ('kemarin')" in msg
    assert ei.value.line == 7 and ei.value.field == "published"


def test_collect_errors_keeps_good_rows(tmp_path):
    p = write(tmp_path, "register.csv", HEADER +
              "A-1,Semua napi dapat remisi tambahan,hoaks,x,2025-01-01\n"  # line 2: good
              "A-2,,hoaks,x,2025-01-02\n"  # line 3: empty claim
              "A-3,Lapas dijual ke swasta,hoaks,x,2025-02-30\n"  # line 4: no such day
              "A-1,Duplikat id,hoaks,x,2025-01-03\n"  # line 5: duplicate id
              "A-4,Sipir wajib lembur tanpa bayaran,ragu-ragu,x,2025-01-04\n"  # line 6: unknown verdict: kept
              ",Tanpa id,hoaks,x,2025-01-05\n"  # line 7: empty id
              "A-5,Rutan penuh sesak,hoaks,,2025-01-06\n")  # line 8: empty source: kept
    reg = load_register(p, strict=False)
    assert [e.id for e in reg] == ["A-1", "A-4", "A-5"]
    errs = {(e.line, e.field): str(e) for e in reg.errors}
    assert set(errs) == {(3, "claim"), (4, "published"), (5, "id"), (7, "id")}
    assert "register.csv baris 3, kolom claim: klaim kosong" in errs[(3, "claim")]
    assert "baris 4, kolom published" in errs[(4, "published")] and "2025-02-30" in errs[(4, "published")]
    assert "id ganda 'A-1'" in errs[(5, "id")] and "baris 2" in errs[(5, "id")]
    warns = {(w.line, w.field) for w in reg.warnings}
    assert warns == {(6, "verdict"), (8, "source")}
    assert "ragu-ragu" in str(next(w for w in reg.warnings if w.field == "verdict"))
    assert reg.entries[1].category == "tidak dikenal"


def test_multiline_csv_row_reports_its_first_line(tmp_path):
    p = write(tmp_path, "register.csv", HEADER +
              'M-1,"Klaim yang\nditulis dua baris",hoaks,x,2025-01-01\n'
              "M-2,Klaim berikutnya,hoaks,x,01-02-2025\n")
    with pytest.raises(RegisterError, match=r"baris 4, kolom published"):
        load_register(p)
    reg = load_register(p, strict=False)
    assert reg.entries[0].claim == "Klaim yang ditulis dua baris" and reg.entries[0].line == 2


def test_semicolon_csv_and_bom(tmp_path):
    p = write(tmp_path, "r.csv", "\ufeffid;claim;verdict;source;published\nS-1;Klaim titik koma;hoaks;x;2025-05-05\n")
    assert load_register(p).entries[0].id == "S-1"


def test_missing_column_is_fatal(tmp_path):
    p = write(tmp_path, "r.csv", "id,claim,verdict,source\nR-1,Klaim,hoaks,x\n")
    with pytest.raises(RegisterError, match=r"r\.csv baris 1, kolom published: kolom wajib tidak ada"):
        load_register(p, strict=False)


def test_jsonl_bad_lines(tmp_path):
    p = write(tmp_path, "r.jsonl",
              '{"id": "J-1", "claim": "Klaim baik", "verdict": "hoaks", "source": "x", "published": "2025-01-01"}\n'
              "{bukan json\n"
              "[1, 2]\n"
              '{"id": "J-2", "claim": "Klaim", "verdict": "hoaks", "source": "x", "published": 20250101}\n')
    reg = load_register(p, strict=False)
    assert [e.id for e in reg] == ["J-1"]
    msgs = [str(e) for e in reg.errors]
    assert any("r.jsonl baris 2: bukan JSON yang sah" in m for m in msgs)
    assert any("r.jsonl baris 3: harus objek JSON" in m for m in msgs)
    assert any("r.jsonl baris 4, kolom published: harus teks" in m for m in msgs)


def test_missing_file():
    with pytest.raises(RegisterError, match="tidak ditemukan"):
        load_register("/nonexistent/register.csv")


def test_parse_register_from_text_and_verdicts():
    reg = parse_register(HEADER + "T-1,Klaim,HOAX,x,2025-01-01\n", name="teks.csv")
    assert reg.entries[0].verdict == "hoax" and reg.entries[0].is_false
    assert verdict_category("Disinformasi") == "salah"
    assert verdict_category("satire") == "satire"
    assert verdict_category("benar") == "benar"
    assert verdict_category("entahlah") == "tidak dikenal"


# --------------------------------------------------------------------------- matcher

REGISTER = [
    FactCheck("K-01", "Seluruh lapas di Indonesia akan menghapus layanan kunjungan keluarga mulai bulan depan",
              "hoaks", "https://cek.example/01", "2025-02-02"),
    FactCheck("K-02", "Vaksin COVID-19 mengandung microchip untuk melacak penduduk", "hoaks", "x", "2025-01-01"),
    FactCheck("K-03", "Pemerintah membebaskan semua narapidana kasus narkoba tanpa syarat tahun ini", "hoaks", "x",
              "2025-01-01"),
    FactCheck("K-04", "Ratusan tahanan kabur setelah kerusuhan di Rutan Salemba semalam", "hoaks", "x", "2025-01-01"),
    FactCheck("K-05", "Gaji ke-13 ASN tahun ini dibatalkan pemerintah", "hoaks", "x", "2025-01-01"),
    FactCheck("K-06", "Penculik anak berkeliling memakai mobil ambulans di Jawa Tengah", "hoaks", "x", "2025-01-01"),
    FactCheck("K-07", "Warga binaan menerima remisi umum setiap 17 Agustus bila memenuhi syarat", "benar", "x",
              "2025-01-01"),
    FactCheck("K-08", "Air rebusan daun sirsak dapat membunuh sel kanker", "misinformasi", "x", "2025-01-01"),
    FactCheck("K-09", "Keluarga tahanan harus membayar petugas rutan agar bisa membesuk", "disinformasi", "x",
              "2025-01-01"),
]


@pytest.fixture(scope="module")
def index():
    return FactCheckIndex(REGISTER)


@pytest.mark.parametrize("text,expected", [
    # the brief's two paraphrases
    ("katanya bulan depan kunjungan keluarga ke semua lapas ditiadakan, sebarkan!", "K-01"),
    ("Info: mulai bln dpn semua rutan & lapas gak boleh dikunjungi keluarga lagi", "K-01"),
    # word order, synonyms, slang
    ("BREAKING: layanan besuk keluarga di penjara se-Indonesia dihentikan bulan depan", "K-01"),
    ("kasian napi, bulan depan keluarganya udah ga bisa jenguk lagi di lapas manapun", "K-01"),
    ("VAKSIN CORONA ADA CHIP PELACAKNYA!!! jangan mau disuntik", "K-02"),
    ("vaksin covid itu isinya microchip buat ngelacak kita", "K-02"),
    ("tahun ini semua napi narkoba bakal dibebasin pemerintah tanpa syarat apapun", "K-03"),
    ("semalem rutan salemba rusuh, ratusan napi melarikan diri", "K-04"),
    ("pemerintah batalin gaji 13 pns tahun ini", "K-05"),
    ("hati2 penculikan anak pake ambulance keliling di jateng", "K-06"),
    ("rebusan daun sirsak ampuh bunuh kanker", "K-08"),
    ("mau besuk tahanan di rutan harus bayar sipir dulu", "K-09"),
])
def test_paraphrases_match(index, text, expected):
    found = index.match(text)
    assert found, text
    best = found[0]
    assert best.entry.id == expected
    assert best.score >= 0.5, (best.score, best.detail)


@pytest.mark.parametrize("text", [
    "Hari ini saya mengunjungi keluarga di Bandung, seru banget",
    "Bulan depan keluarga kami liburan ke Bali",
    "Lapas Kelas IIA menerima kunjungan keluarga setiap Senin sampai Kamis",
    "Kunjungan keluarga di lapas dibuka kembali mulai bulan depan",
    "Vaksin COVID aman dan tidak mengandung chip apapun",
    "Tidak ada tahanan yang kabur dari Rutan Salemba, situasi kondusif",
    "Gaji ke-13 ASN cair bulan Juni, cek rekeningmu",
    "Ambulans desa siap mengantar warga yang sakit ke puskesmas",
    "Selamat Hari Bhakti Pemasyarakatan, semangat melayani",
    "Narapidana mengikuti pelatihan kerja di bengkel lapas",
])
def test_unrelated_or_contrary_texts_do_not_match(index, text):
    found = index.match(text, min_score=0.0)
    assert not found or found[0].score < 0.5, (found[0].entry.id, found[0].score, found[0].detail)


def test_match_result_shape_and_evidence_span(index):
    text = "Waduh. Info: mulai bln dpn semua rutan & lapas gak boleh dikunjungi keluarga lagi!!"
    doc = normalize(text)
    m = index.match(doc)[0]
    entry, score, span = m  # (entry, score, evidence token span)
    assert isinstance(m, FactMatch) and entry is m.entry and score == m.score and span == m.span
    start, end, quote = doc.quote(*span)
    assert quote == text[start:end]
    assert quote.startswith("mulai bln dpn") and quote.endswith("keluarga")
    assert "cakupan klaim" in m.detail and "bulan" in m.matched


def test_true_entries_are_matched_too(index):
    # the matcher finds; the detector decides that a true claim never counts
    m = index.match("remisi 17 agustus diberikan ke warga binaan yang memenuhi syarat")[0]
    assert m.entry.id == "K-07" and m.entry.category == "benar"


def test_results_best_first_and_limited(index):
    found = index.match("napi kabur dan dibebaskan, keluarga harus bayar petugas", limit=2, min_score=0.0)
    assert len(found) <= 2
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)


def test_empty_index_and_empty_text():
    assert FactCheckIndex([]).match("apa saja") == []
    assert FactCheckIndex(REGISTER[:1]).match("") == []
    assert FactCheckIndex(REGISTER[:1]).match("!!! ???") == []


def test_index_from_file_skips_bad_rows(tmp_path):
    p = write(tmp_path, "register.csv", HEADER +
              "F-1,Semua lapas menghapus kunjungan keluarga,hoaks,x,2025-01-01\n"
              "F-2,Klaim rusak,hoaks,x,besok\n")
    idx = FactCheckIndex.from_file(p)
    assert len(idx) == 1 and len(idx.load_errors) == 1
    assert idx.match("kunjungan keluarga di semua lapas dihapus")[0].entry.id == "F-1"


def test_index_accepts_mappings():
    idx = FactCheckIndex([{"id": "D-1", "claim": "Sipir dilarang salat berjamaah", "verdict": "hoaks",
                           "source": "x", "published": "2025-01-01"}])
    assert idx.match("petugas lapas tidak boleh sholat berjamaah")[0].entry.id == "D-1"


# --------------------------------------------------------------------------- the build's fast paths

# Claims written to trip the words-only reading of a claim: slang, units, hashtags, abbreviations,
# "besuk" (kept as written), negators, letters spaced out (the full path), odd whitespace and symbols.
TRICKY_CLAIMS = [
    "Mulai bln dpn smua lapas di jabar gak boleh dikunjungi klrg lagi!!!",
    "BLT 500rb cair tgl 17, daftar lewat link bit.ly/bansos2025 sebelum jam 12",
    "Kuota 100gb gratisss dari Kemenkumham #BagiKuota #hoaks @humas_lapas",
    "#BubarkanLapas: napi2 dibebasin semua, keluarga tdk perlu besuk lagi",
    "Besuk di rutan kini wajib bayar Rp 150.000 per orang (10% untuk sipir)",
    "Vaksin covid19 mengandung chip 5G, tidak halal dan bukan buatan dalam negeri",
    "Tidak ada lagi kunjungan tatap muka; tanpa tes PCR dilarang masuk",
    "h o a k s : lapas ditutup",
    "b.a.n.g.s.a.t, sipir memukul tahanan sampai meninggoy",
    "D1H4PUS!!! layanan kunjungan\nkeluarga\tdi Lapas Cipinang\u00a0mulai besok",
    "Ｌａｐａｓ ditutup total, Jum\u2019at depan e-KTP napi dicabut",
    "sesuk kabeh wong ora iso mlebu lapas, ceunah",
    "ortu2 pada nyebar: kalapas & karutan se-Indonesia mundur 😱😱",
    "Gaji ke-13 ASN/PNS/PPPK ditiadain thn ini?? ga2 kok",
    "", "   ", "!!! ???",
]


@pytest.mark.parametrize("claim", TRICKY_CLAIMS)
def test_claim_words_equal_the_full_normalisation(claim):
    idx = FactCheckIndex([])
    reader = idx._claim_reader()
    words = idx._words(normalize(claim))[1]
    assert [w.word for w in reader.words(claim)[0]] == words
    assert [w.word for w in reader.words(claim)[0]] == words  # again, from the cache of pieces


def _terms_the_general_way(idx, reader, text):
    """A claim's terms and stems through the general `_terms` path, the words resolved as the reader does."""
    from rambu.factcheck.matcher import _NEGATORS, EVENTS, NEG, _Negation
    terms, stems = [], []
    neg = _Negation()
    for _, _, words, cid, res in idx._terms(idx._words(normalize(text))[1], lambda w: (reader._word(w).term,
                                                                                      reader._word(w).stem)):
        if cid is None and words[0] in _NEGATORS:
            neg.start()
            continue
        term = cid if cid is not None else res[0]
        if neg.applies(words[0], term is not None, term is not None and term[1:] in EVENTS and term[0] == "~"):
            term = NEG + term
        if term is None:
            continue
        terms.append(term)
        stems.extend(words) if cid is not None else stems.append(res[1])
    return list(dict.fromkeys(terms)), list(dict.fromkeys(stems))


def _last_row(rows, names):
    n = rows.sizes[-1]
    return [names[i] for i in rows.ids[len(rows.ids) - n:]]


def test_claim_reader_equals_the_general_path():
    claims = TRICKY_CLAIMS + [e.claim for e in REGISTER] + [
        "tidak ada napi yang kabur dari rutan", "bukan lewat WhatsApp, tanpa tes", "tidak bisa lagi dikunjungi",
        "Kementerian Hukum dan HAM menghapus remisi", "rumah tahanan negara ditutup, kepala rutan dipecat",
        "tidak ada lagi layanan kunjungan", "belum ada bantuan tunai", "tanpa tidak ada tes", "tidak"]
    idx = FactCheckIndex([])
    reader = idx._claim_reader()
    idx._phrase_stem = lambda w: reader._word(w).stem  # phrases are found through the claim words' stems
    plain = 0
    for c in claims:
        plain += not reader.words(c)[1]
        reader.add(c)
        got = _last_row(reader.term_rows, list(reader.terms)), _last_row(reader.stem_rows, list(reader.stems))
        assert got == _terms_the_general_way(idx, reader, c), c
    assert 0 < plain < len(claims)  # both the plain claims' path and the word-by-word loop were taken


def test_index_does_not_depend_on_the_order_of_its_claims():
    claims = [e.claim for e in REGISTER] + TRICKY_CLAIMS[:16] + [
        "menghapus layanan kunjungan", "layanan kunjungan menghapus", "tidak ada kunjungan", "kunjungan tidak ada",
        # a word of the synonym table read on its own, and in a phrase that matches only through stems
        "pengurangan gaji pegawai lapas", "pengurangan hukum untuk semua napi"]
    entries = [FactCheck(f"c{i}", c, "hoaks") for i, c in enumerate(claims) if c.strip()]

    def rows(idx):
        return {e.id: [idx.terms[t] for t in idx._ct_ids[idx._ct_ptr[k]:idx._ct_ptr[k + 1]]]
                for k, e in enumerate(idx.entries)}

    forward, backward = FactCheckIndex(entries), FactCheckIndex(entries[::-1])
    assert rows(forward) == rows(backward)
    assert forward._surface == backward._surface and forward._surface_stem == backward._surface_stem


def test_postings_in_slices_equal_one_sort(monkeypatch):
    import numpy as np
    from rambu.factcheck import postings as P
    rng = np.random.default_rng(3)
    sizes = rng.integers(0, 9, size=500)
    ct_ptr = P.offsets(sizes)
    ct_ids = rng.integers(0, 40, size=int(ct_ptr[-1])).astype(np.int32)
    weights = rng.random(40)
    monkeypatch.setattr(P, "_SLICE", 7)
    counts = P.term_counts(ct_ids, 40)
    post_ptr, post_ids, norms = P.postings(ct_ids, ct_ptr, counts, weights)
    claim_of = np.repeat(np.arange(500), sizes)
    assert counts.tolist() == np.bincount(ct_ids, minlength=40).tolist()
    assert post_ids.tolist() == claim_of[np.argsort(ct_ids, kind="stable")].tolist()
    assert post_ptr[1:].tolist() == np.cumsum(counts).tolist()
    expected = np.zeros(500)
    np.add.at(expected, claim_of, weights[ct_ids])
    assert norms.tolist() == expected.tolist()  # the same sums, bit for bit
    members = np.flatnonzero(rng.random(500) < 0.3)
    bits, cand = P.Bits(members, 500), rng.integers(0, 500, size=200)
    got = bits.take(cand >> 3, (cand & 7).astype(np.uint8))
    assert got.dtype == np.uint8 and got.tolist() == np.isin(cand, members).astype(np.uint8).tolist()


# --------------------------------------------------------------------------- 100k smoke test (not timed)

_PLACES = ["Salemba", "Cipinang", "Sukamiskin", "Kedungpane", "Lowokwaru", "Porong", "Tangerang", "Kerobokan",
           "Nusakambangan", "Pekanbaru", "Makassar", "Palembang", "Pontianak", "Jayapura", "Kupang"]
_SUBJ = ["Lapas", "Rutan", "LPKA", "Bapas", "Kanwil", "Polres", "Dinas Sosial", "Pemkot", "Puskesmas", "Sekolah"]
_PRED = ["menghapus layanan kunjungan keluarga", "membebaskan {n} narapidana", "menaikkan tarif {x} {n} persen",
         "membagikan {x} gratis lewat tautan", "mewajibkan vaksin untuk pengunjung", "ditutup karena wabah {x}",
         "memecat {n} pegawai", "melarang warga membeli {x}", "menjual {x} palsu", "kehilangan data {n} ribu warga"]
_THINGS = ["beras", "listrik", "air", "masker", "telur", "obat", "pulsa", "gas", "pupuk", "seragam"]


def _syllable_name(rng):
    syl = "ba bi bu da di do ga gu ka ki ko la li lu ma mi na ni pa po ra ri sa si ta tu wa ya".split()
    return "".join(rng.choice(syl) for _ in range(rng.randint(2, 3))).capitalize()


def test_hundred_thousand_claims_smoke():
    rng = random.Random(5)
    names = [_syllable_name(rng) for _ in range(3000)]
    entries = []
    for i in range(100_000):
        pred = rng.choice(_PRED).format(n=rng.randint(2, 999), x=rng.choice(_THINGS))
        claim = f"{rng.choice(_SUBJ)} {rng.choice(_PLACES)} {rng.choice(names)} {pred}"
        entries.append(FactCheck(f"S-{i}", claim, "hoaks", "x", "2025-01-01"))
    target = FactCheck("S-TARGET", "Rutan Kelas I Medan memotong jatah makan tahanan untuk membiayai pesta pejabat",
                       "hoaks", "x", "2025-01-01")
    entries.insert(54_321, target)
    idx = FactCheckIndex(entries)
    assert len(idx) == 100_001
    m = idx.match("katanya jatah makan napi di rutan medan dipotong buat biayain pesta pejabat, sebarkan!")
    assert m and m[0].entry.id == "S-TARGET" and m[0].score >= 0.5
    probe = entries[77_777]
    m = idx.match(probe.claim.lower())
    assert m and m[0].score >= 0.9
    assert idx.match("selamat pagi semua, semangat bekerja", min_score=0.5) == []
