"""Rule 5: desecrating state symbols (flag, emblem, anthem, state language).

Cases written by us: positives across the kinds of desecration (insult, misuse,
writing on, physical damage, flying a damaged flag on purpose, anthem parody,
look-alike emblems, insulting the language) and hard negatives (ceremonies,
etiquette, news reports, condemnation, colours, other senses of "bendera").
"""
from __future__ import annotations

import pytest

from conftest import evidence_quotes_original, make_activity, run_detector
from rambu.detectors.rule5_symbols import StateSymbolDetector

# (id, text, expected: True = a finding, symbol kind or None)
POSITIVES = [
    # words that condemn elsewhere, here on the offender's side
    ("nationalism-scorned", "Nasionalisme itu omong kosong, bendera cuma kain, bakar aja", "flag"),
    ("wish-burnt", "Semoga bendera ini dibakar habis", "flag"),
    # insults
    ("flag-kain-lap", "Bendera merah putih itu cuma kain lap, ngapain dihormati", "flag"),
    ("flag-gombal", "Sang Merah Putih gak lebih dari kain gombal", "flag"),
    ("flag-sampah-leet", "b3nd3r4 m3r4h put1h itu s4mp4h", "flag"),
    ("emblem-ayam", "Garuda Pancasila kayak ayam sayur wkwk", "emblem"),
    ("emblem-sticker-colloquial", "Lambang Garuda di aula gue tempelin stiker tanduk, biar lucu", "emblem"),
    ("emblem-burung-jelek", "Lambang negara kita burung jelek, malu-maluin", "emblem"),
    ("anthem-norak", "Lagu kebangsaan kita norak banget sumpah", "anthem"),
    ("language-kampungan", "Bahasa Indonesia itu bahasa kampungan, malu gue pakenya", "language"),
    ("language-sampah", "bahasa indonesia bahasa sampah, mending english", "language"),
    ("language-b-indo-babu", "B Indo bahasa babu, gak level", "language"),
    ("language-berasa-kampung", "Ngomong pake bahasa Indonesia berasa kayak orang kampung, norak abis", "language"),
    ("language-purba", "Bahasa Indonesia itu bahasa purba", "language"),
    # misuse
    ("misuse-keset", "Benderanya gue jadiin keset depan kamar mandi 😂", "flag"),
    ("misuse-lap-motor", "Bendera 17an taun lalu udah gue pake buat ngelap motor", "flag"),
    ("misuse-taplak", "Bendra merah putih jd taplak meja di rumah gw", "flag"),
    ("misuse-wrapping", "Jualan gorengan dibungkus bendera merah putih bekas, hemat modal", "flag"),
    ("misuse-underwear", "Cosplay pahlawan tapi benderanya dipake jadi kancut 🤣", "flag"),
    ("misuse-roof", "Atap kandang ayam ditambal pake bendera merah putih, aman dari hujan", "flag"),
    ("misuse-curtain", "Tirai kamar gue dari bendera merah putih, estetik kan", "flag"),
    # writing and drawing on it
    ("write-coret", "Bendera merah putih dicoret-coret pakai nama geng kami", "flag"),
    ("write-tulisan-di", "Ada tulisan di bendera merah putih itu, nama-nama anggota klub gue", "flag"),
    ("write-logo-klub", "Logo klub gue pasang di atas merah putih, keren kan", "flag"),
    ("write-emblem", "Garuda Pancasila di buku gue coret-coret pakai spidol wkwk", "emblem"),
    # physical acts
    ("destroy-injek", "gue injek-injek benderanya wkwk", "flag"),
    ("destroy-bakar-call", "Ayo bakar bendera merah putih rame-rame!", "flag"),
    ("destroy-ludah", "Benderanya gue ludahin terus gue kencingin", "flag"),
    ("destroy-ku-prefix", "Bendera merah putih kuinjak di depan teman-teman biar dibilang berani", "flag"),
    ("destroy-nyobek", "Nyobek bendera merah putih terus dibuang ke got, puas", "flag"),
    # flying a damaged flag on purpose
    ("damaged-mock", "Benderanya udah sobek dan pudar, biarin aja tetap berkibar wkwk", "flag"),
    ("damaged-faded-pink",
     "Kantor gue masih ngibarin bendera yang udah pink saking pudarnya, males beli baru haha", "flag"),
    ("upside-down", "Sengaja gue pasang bendera terbalik biar kayak Polandia haha", "flag"),
    # anthem parodies
    ("anthem-plesetan", "Indonesia Raya versi plesetan wkwk dengerin deh", "anthem"),
    ("anthem-lyrics-konoha", "Konoha tanah airku, tanah tumpah utangku 😂", "anthem"),
    ("anthem-lyrics-swap",
     "Indonesia tanah airmu, tanah tumpah utangmu, di sanalah kau berdiri jadi budak asing", "anthem"),
    ("anthem-koplo", "Indonesia Raya remix koplo buat joget di kantor, seru abis wkwk", "anthem"),
    ("anthem-commercial", "Lagu Indonesia Raya gue pakai buat backsound iklan skincare", "anthem"),
    # look-alike emblems
    ("emblem-lookalike", "Logo perusahaan gue mirip Garuda Pancasila tapi kepalanya diganti kepala kucing", "emblem"),
    ("emblem-ormas", "Logo ormas kami pakai lambang Garuda Pancasila yang dimodifikasi", "emblem"),
    # issue 6: misuse as an everyday cover, look-alike emblems as a business logo, anthem parodies with
    # noises, contempt for the language in new words
    ("misuse-cover-motor", "Bendera merah putih bekas gue pake buat cover motor biar gak kehujanan", "flag"),
    ("misuse-sarung-jok", "Sarung jok motor dari bendera merah putih, unik kan", "flag"),
    ("misuse-penutup-galon", "Penutup galon di pantry pakai bendera merah putih yang udah gak kepake", "flag"),
    ("emblem-logo-usaha", "Logo laundry kami Garuda Pancasila tapi pegang setrika, lucu kan", "emblem"),
    ("emblem-merek-kopi", "Merek kopi saya pakai burung Garuda Pancasila dengan perisai diganti cangkir", "emblem"),
    ("anthem-noises", "Indonesia tanah airku prett prett tanah tumpah darahku tut tut wkwk", "anthem"),
    ("anthem-kentut", "Indonesia Raya versi kentut, dengerin sampai habis 🤣", "anthem"),
    ("language-cringe", "Bahasa Indonesia tuh cringe banget, mending pake english biar keren", "language"),
    ("language-jadul", "Bahasa Indonesia bahasa jadul, norak, cuma buat orang ndeso", "language"),
]

NEGATIVES = [
    # a flag carried or waved beside clothing words, with a laugh about the scene
    ("carried-beside-costume", "Anak-anak pakai baju adat sambil bawa bendera kecil, lucu banget wkwk"),
    ("waved-in-costume", "Kostum karnaval keren, semua pegang bendera merah putih 😂"),
    # "dasar" aimed at the offender condemns
    ("dasar-offender", "Bendera merah putih dibakar, dasar pengkhianat!"),
    ("ceremony-laughter-elsewhere", "Pas upacara 17an tadi lucu, ada anak paskibra kepleset, tapi Indonesia Raya "
                                    "tetap khidmat wkwk"),
    ("ceremony-orchestra", "Upacara tadi paduan suara bawakan Indonesia Raya versi orkestra, keren banget, merinding"),
    # an officer correcting someone else's act reports it and deals with it: no desecration of their own
    ("corrected-tegur", "Saya tegur anak kos yang pakai bendera merah putih buat gorden"),
    ("corrected-pembinaan", "WBP yang kemarin menginjak bendera sudah kami beri pembinaan wawasan kebangsaan"),
    ("corrected-suruh-tutup", "Ada napi bikin tato Garuda Pancasila diganti kepala singa, langsung kami suruh tutup"),
    ("corrected-ceramahin", "Temen gue bilang bahasa Indonesia bahasa kampungan, langsung gue ceramahin"),
    ("corrected-by-rt", "Tetangga jadiin bendera merah putih keset, udah ditegur RT"),
    ("corrected-dibina", "Ada WBP nyanyiin Indonesia Raya versi plesetan pas apel, langsung dibina"),
    # an insult of something else, before a comma; a school grade; "terasa" of something pleasant
    ("language-ejaan-lama", "Ejaan lama sudah ketinggalan zaman, bahasa Indonesia terus berkembang"),
    ("language-nilai", "Nilai B Indo aku jelek banget semester ini, harus belajar lagi"),
    ("language-terasa-mudah", "Belajar bahasa Indonesia ternyata seru, terasa mudah"),
    # issue 6 hard negatives
    ("cover-red-white", "Cover motor warna merah putih baru dateng, mantap buat touring 17an"),
    ("logo-airline", "Logo Garuda Indonesia baru di ekor pesawat, keren"),
    ("logo-official", "Logo resmi HUT RI ke-80 sudah dirilis Setneg, silakan diunduh"),
    ("anthem-practice", "Latihan paduan suara Indonesia Raya untuk upacara, masih fals nadanya"),
    ("language-learning", "Belajar bahasa Indonesia yang baik dan benar itu tidak cringe kok, keren malah"),
    ("ceremony", "Upacara bendera 17 Agustus di Lapas berjalan khidmat"),
    ("raising", "Pengibaran bendera merah putih dalam rangka HUT RI ke-80 di halaman Rutan"),
    ("fold-guide", "Cara melipat bendera yang benar sesuai aturan"),
    ("faded-guide", "Bendera yang sudah lusuh sebaiknya diganti atau dimusnahkan dengan hormat"),
    ("disposal-burn", "Bendera yang tidak layak pakai dimusnahkan dengan cara dibakar secara hormat"),
    ("news-arrest", "Polisi menangkap pelaku pembakaran bendera merah putih di Jakarta"),
    ("news-viral", "Beredar video pria WNA menginjak bendera merah putih, warganet geram"),
    ("condemn-dont", "Jangan injak bendera, hargai simbol negara"),
    ("condemn-miris", "Miris ada yang menjadikan bendera sebagai lap"),
    ("condemn-not-rag", "Bendera merah putih bukan kain lap! Hormati!"),
    ("condemn-hypothetical", "Tidak ada yang boleh menginjak bendera negara kita"),
    ("replace-office", "Hari ini kami mengganti bendera yang sudah pudar di kantor dengan yang baru"),
    ("torn-by-wind", "Bendera di pos jaga robek kena angin kencang semalam, besok diganti"),
    ("anthem-ceremony", "Menyanyikan lagu Indonesia Raya saat upacara, merinding"),
    ("anthem-exact-lyrics", "Indonesia tanah airku, tanah tumpah darahku, di sanalah aku berdiri jadi pandu ibuku"),
    ("emblem-lesson", "Siswa belajar makna lambang Garuda Pancasila di kelas"),
    ("cake", "Kue ulang tahun warna merah putih untuk lomba 17an"),
    ("decoration", "Dekorasi merah putih di aula lapas meriah sekali"),
    ("party-flag", "Bendera partai dibakar massa saat demo"),
    ("race-flag", "Bendera start balapan sudah dikibarkan"),
    ("under-banner", "Saya bekerja di bawah bendera perusahaan ini selama 10 tahun"),
    ("foreign-flag", "Demo bakar bendera Amerika di depan kedubes"),
    ("airline", "Garuda Indonesia delay lagi, pesawatnya jelek"),
    ("football", "Timnas Garuda main kayak ayam sayur tadi malam"),
    ("gerindra", "Salam Indonesia Raya dari kami semua"),
    ("language-grade", "Nilai bahasa Indonesia saya jelek semester ini"),
    ("language-own-skill", "Bahasa Indonesia saya masih jelek, maaf ya"),
    ("language-rebuttal", "Siapa bilang bahasa Indonesia kampungan? Bahasa kita keren!"),
    ("cabinet", "Kabinet Merah Putih dilantik hari ini"),
    ("sell-flags", "Jual bendera merah putih ukuran 120x180, harga murah, bisa COD"),
    ("other-object", "Pasang bendera dulu, habis itu bakar sate bareng keluarga"),
    ("ceremony-then-drive", "Habis upacara bendera, injak gas pulang ke rumah"),
    ("condemn-statement", "Kami mengecam keras aksi pembakaran bendera merah putih oleh oknum tak bertanggung jawab"),
    ("misquote-respect", "Hiduplah tanahku, hiduplah negeriku, Dirgahayu Republik Indonesia!"),
]


def _check_evidence(activity: dict, finding) -> None:
    assert evidence_quotes_original(activity, [finding])
    for ev in finding.evidence:
        if ev.field == "text":
            src = activity["text"]
        elif ev.field == "target.text":
            src = activity["target"]["text"]
        else:  # media[i].ocr_text / media[i].transcript
            idx = int(ev.field.split("[")[1].split("]")[0])
            src = activity["media"][idx][ev.field.rsplit(".", 1)[1]]
        assert src[ev.start:ev.end] == ev.quote
        assert ev.quote.strip()


@pytest.mark.parametrize("case_id,text,kind", POSITIVES, ids=[c[0] for c in POSITIVES])
def test_positive(case_id, text, kind):
    act = make_activity(text)
    findings = run_detector(StateSymbolDetector, act)
    assert len(findings) == 1, f"{case_id}: expected a finding"
    f = findings[0]
    assert f.rule == 5
    assert 0.35 <= f.confidence <= 1.0
    assert dict(f.extra)["symbol_kind"] == kind
    assert f.explanation.startswith("Larangan 5")
    assert f.score_detail
    _check_evidence(act, f)


@pytest.mark.parametrize("case_id,text", NEGATIVES, ids=[c[0] for c in NEGATIVES])
def test_negative(case_id, text):
    assert run_detector(StateSymbolDetector, make_activity(text)) == []


CLEAR = [
    ("clear-dasar-symbol", "Dasar bendera kain murahan, injek aja"),
    # mocked at the ceremony itself: the ceremony is no homage then
    ("clear-koplo-at-ceremony", "Pas upacara lagu Indonesia Raya gue nyanyiin pake nada dangdut koplo sambil joget, "
                                "temen2 pada ngakak"),
    ("clear-injek", "Bendera merah putih gue injek-injek wkwk"),
    ("clear-keset", "Bendera merah putih gue jadiin keset, mantap"),
    ("clear-language", "bahasa indonesia kampungan bgt, mending pake bahasa inggris"),
    # "lihat" before the author's own act shows it, it does not merely watch it
    ("clear-lihat-gue", "Nih liat gue injak-injak bendera merah putih, siapa takut"),
    ("clear-tonton-saya", "Tonton saya bakar bendera merah putih ini sampai habis"),
]


@pytest.mark.parametrize("text", [
    "Temen gue bilang bahasa Indonesia bahasa kampungan",
    "Dia ngatain bahasa Indonesia bahasa kampungan",
    "Yang bilang bendera cuma kain, belum pernah ngerasain perjuangan",
])
def test_someone_elses_words_are_not_confirmed(text):
    # what someone else said of a symbol, reported: at most a review
    assert all(f.needs_review for f in run_detector(StateSymbolDetector, make_activity(text)))


def test_watching_someone_else_lowers_the_score():
    own = run_detector(StateSymbolDetector, make_activity("Nih liat gue injak-injak bendera merah putih"))[0]
    seen = run_detector(StateSymbolDetector, make_activity("Gue liat dia injak-injak bendera merah putih"))
    assert not seen or seen[0].confidence < own.confidence


@pytest.mark.parametrize("case_id,text", CLEAR, ids=[c[0] for c in CLEAR])
def test_clear_cases_are_violations(case_id, text):
    f = run_detector(StateSymbolDetector, make_activity(text))[0]
    assert not f.needs_review and f.confidence >= 0.6


def test_basis_cites_only_the_relevant_article():
    flag = run_detector(StateSymbolDetector, make_activity("Benderanya gue jadiin keset wkwk"))[0]
    assert "UU 24/2009 Pasal 24 (bendera)" in flag.basis
    assert not any("Pasal 57" in b or "Pasal 64" in b for b in flag.basis)
    assert "Pasal 24" in flag.explanation
    anthem = run_detector(StateSymbolDetector, make_activity("Indonesia Raya versi plesetan wkwk"))[0]
    assert "UU 24/2009 Pasal 64 (lagu kebangsaan)" in anthem.basis
    assert not any("Pasal 24" in b for b in anthem.basis)
    lang = run_detector(StateSymbolDetector, make_activity("Bahasa Indonesia itu bahasa sampah"))[0]
    assert not any(b.startswith("UU 24/2009") for b in lang.basis)
    assert "SKB 11 Menteri 2019 angka 10" in lang.basis


def test_shared_content_is_read_for_spreading_types():
    act = make_activity("Mantap bang 😂", type="share",
                        target={"text": "Bendera merah putih gue jadiin keset wkwk"})
    findings = run_detector(StateSymbolDetector, act)
    assert findings and findings[0].evidence[0].field == "target.text"
    _check_evidence(act, findings[0])


def test_sharing_to_condemn_is_not_flagged():
    act = make_activity("Miris, oknum seperti ini harus ditindak", type="share",
                        target={"text": "Pria ini menjadikan bendera merah putih sebagai keset"})
    assert run_detector(StateSymbolDetector, act) == []


def test_target_not_read_for_reactions_and_comments():
    like = make_activity(None, type="like", target={"text": "Bendera merah putih gue jadiin keset wkwk"})
    assert run_detector(StateSymbolDetector, like) == []
    comment = make_activity("wkwk ngakak", type="comment",
                            target={"text": "Bendera merah putih gue jadiin keset wkwk"})
    assert run_detector(StateSymbolDetector, comment) == []


def test_ocr_and_transcript_are_read():
    act = make_activity(None, type="upload", media=[
        {"kind": "image", "ocr_text": "BENDERA MERAH PUTIH CUMA KAIN LAP"},
        {"kind": "video", "transcript": "oke guys sekarang gue bakar bendera merah putih ini ya hahaha"},
    ])
    findings = run_detector(StateSymbolDetector, act)
    assert len(findings) == 1
    fields = {e.field for e in findings[0].evidence}
    assert fields == {"media[0].ocr_text", "media[1].transcript"}
    _check_evidence(act, findings[0])


def test_operator_lists_extend_the_rule(tmp_path):
    from rambu.analysis import Resources
    from rambu.settings import load_config

    text = "Bendera merah putih gue jadiin ganjal ban truk"
    assert run_detector(StateSymbolDetector, make_activity("Bendera merah putih gue pakai buat kemoceng")) == []
    cfg = tmp_path / "rambu.toml"
    cfg.write_text('[lists.rule5]\nact_misuse = ["kemoceng"]\n', encoding="utf-8")
    res = Resources(config=load_config(cfg))
    assert run_detector(StateSymbolDetector, make_activity("Bendera merah putih gue pakai buat kemoceng"), res)
    assert run_detector(StateSymbolDetector, make_activity(text), res)


@pytest.mark.parametrize("transcript,expected", [
    ("nah ini bendera merah putih yang gue pakai buat lap motor tiap hari, awet kan", True),
    ("habis itu benderanya kita injak injak rame rame biar viral", True),
    ("pengibaran bendera merah putih di lapangan lapas berjalan khidmat, petugas memberi hormat", False),
    ("bendera yang sudah lusuh kami lipat dan simpan dengan hormat untuk dimusnahkan", False),
])
def test_desecration_described_in_a_video_transcript(transcript, expected):
    act = make_activity("Konten baru gaes, tonton sampai habis", type="post",
                        media=[{"kind": "video", "path": "v.mp4", "transcript": transcript}])
    findings = run_detector(StateSymbolDetector, act)
    assert bool(findings) == expected, findings
    if findings:
        assert findings[0].evidence[0].field == "media[0].transcript"
        _check_evidence(act, findings[0])
