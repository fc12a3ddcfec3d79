"""The faster paths give exactly the results of the plain ones (issue 10): word lists indexed together, rule 5's
lyric lookups and its pairing within reach, the fact-check index built in forked processes.

Texts are our own; where ../shared/data is present, a few thousand real posts are read from it at run time
as well (never copied into the repository)."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from rambu.detectors import rule5_symbols
from rambu.detectors.rule5_symbols import _lyric_eq
from rambu.engine import Screener
from rambu.factcheck.matcher import FactCheckIndex
from rambu.text.normalize import normalize

OWN = [
    "#BubarkanPancasila anj*ng bangs*t 🤬🤬",
    "dasar kafir, usir cina dari negeri ini!! #usirAsing",
    "Pemerintah ini thogut, Pancasila tidak ada gunanya, ganti saja dengan sistem khilafah!",
    "Jadwal jaga malam ini: pos atas 3 kosong jam 02.00-03.00, CCTV blok C sedang rusak, jangan disebar ya.",
    "INFO PENTING!! Seluruh lapas akan menghapus layanan kunjungan keluarga, sebarkan sebelum dihapus!",
    "Bendera merah putih ini cuma kain lap, pantasnya buat ngepel lantai wkwk",
    "Indonesia tanah airku, tanah tumpah darahku, di sanalah aku berdiri jadi pandu ibuku",
    "Indonesia raya, mahal mahal, hiduplah indonesia raya 😂",
    "ngeludahin bendera, nginjek2 lambang garuda, menghinakan bahasa indonesia",
    "Polisi menangkap pelaku ujaran kebencian di Semarang, kasusnya diproses hukum.",
    "Selamat pagi rekan-rekan, semangat melayani masyarakat 💪 #PemasyarakatanPasti",
    "menjelek2kan, dihina-hina, terhina, penghinaan, hinanya, kebakaran, dibakarnya, tergantung",
    "p a n c a s i l a itu berhala, b.a.n.g.s.a.t, P4NC4S1L4 s4mp4h",
    "",
]


def _real_posts(n: int) -> list[str]:
    data = Path(__file__).resolve().parents[2] / "shared" / "data" / "ibrohim2019" / "train.csv"
    if not data.is_file():
        data = Path("/work/shared/data/ibrohim2019/train.csv")
    if not data.is_file():
        return []
    import csv
    with open(data, encoding="utf-8", newline="") as f:
        return [r["Tweet"] for _, r in zip(range(n), csv.DictReader(f))]


@pytest.fixture(scope="module")
def screener():
    return Screener(classifier=None, media=None)


def test_indexed_word_lists_find_what_each_list_finds(screener):
    lex = screener.resources.lexicon
    assert len(lex.sets) > 50
    texts = OWN + _real_posts(1500)
    for text in texts:
        doc = normalize(text)
        for ts in lex.sets:
            assert ts.find(doc) == ts.find_plain(doc), (text, ts.sid)


def test_identical_lists_are_built_once(screener):
    lex = screener.resources.lexicon
    ids = {id(ts) for d in screener.detectors for ts in d.terms.values()}
    assert ids <= {id(ts) for ts in lex.sets}  # every list is one of the lexicon's ...
    r1 = next(d for d in screener.detectors if d.rule == 1)
    r3 = next(d for d in screener.detectors if d.rule == 3)
    assert r3.sources[0].terms["targets"] is r1.terms["targets"]  # ... and rule 3's copy of rule 1 is shared


def test_lyric_lookups_equal_comparing_every_lyric_word(screener):
    det = next(d for d in screener.detectors if d.rule == 5)
    words = {w for t in OWN + _real_posts(3000) for w in re.findall(r"[a-z]+", t.lower())}
    rnd = random.Random(3)
    for lw in det._lyric_vocab:  # spelling slips of every lyric word
        for _ in range(3):
            k = rnd.randrange(len(lw))
            words |= {lw[:k] + lw[k + 1:], lw[:k] + "x" + lw[k:], lw[:k] + "a" + lw[k + 1:], lw + "nya", "ber" + lw}
    for w in words:
        assert det._lyric_hits(w) == frozenset(lw for lw in det._lyric_vocab if _lyric_eq(w, lw)), w


def test_rule5_pairs_within_reach_as_with_every_act(screener, monkeypatch):
    det = next(d for d in screener.detectors if d.rule == 5)
    long_text = " ".join(OWN[3:9] * 6)  # many symbols and acts, far apart and near
    texts = [long_text, OWN[5], OWN[8], " ".join(["bendera"] + ["kata"] * 12 + ["dibakar"])]

    def results():
        out = []
        for t in texts:
            r = screener.screen({"id": "1", "type": "post", "created_at": "2025-03-11T20:15:00+07:00", "text": t})
            out.append([f for f in r.findings if f.rule == 5])
        return out

    fast = results()
    monkeypatch.setattr(rule5_symbols._ActsNear, "around", lambda self, s: self.acts)
    assert results() == fast
    assert fast[0]  # the long text does desecrate the flag


def test_fact_check_index_built_in_processes_is_the_same(monkeypatch):
    from rambu.factcheck.register import FactCheck
    rnd = random.Random(5)
    places = ["Lapas Semarang", "Rutan Kudus", "Lapas Balikpapan", "Bapas Surabaya", "RSUD Abepura"]
    events = ["akan menghapus layanan kunjungan keluarga", "membebaskan {n} narapidana tanpa syarat",
              "ditutup karena kasus campak", "membagikan sembako gratis lewat tautan",
              "mewajibkan vaksin untuk pengunjung", "dibobol peretas dan data {n} ribu warga bocor"]
    entries = [FactCheck(id=f"c{i}", claim=f"{rnd.choice(places)} {rnd.choice(events).format(n=rnd.randint(2, 900))}"
                         f" menurut pesan berantai {i}", verdict="hoaks", source="", published=None)
               for i in range(600)]
    monkeypatch.setattr(FactCheckIndex, "_PARALLEL_MIN", 100)
    one, two = FactCheckIndex(entries, workers=1), FactCheckIndex(entries, workers=2)
    assert one.vocab == two.vocab and one._key_words == two._key_words
    assert one._key_ptr.tolist() == two._key_ptr.tolist() and one._key_ids.tolist() == two._key_ids.tolist()
    assert one._ct_ptr.tolist() == two._ct_ptr.tolist() and one._ct_ids.tolist() == two._ct_ids.tolist()
    assert one._surface == two._surface
    for q in ["Katanya Lapas Semarang hapus kunjungan keluarga mulai besok", "Rutan Kudus tutup karena campak",
              "data warga bocor dibobol peretas", "selamat pagi semua"]:
        assert [(m.entry.id, m.score) for m in one.match(q)] == [(m.entry.id, m.score) for m in two.match(q)]
