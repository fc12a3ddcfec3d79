"""Rule 4: misleading (register match) or unaccountable news. Cases written for rambu."""
from __future__ import annotations

import pytest

from conftest import make_activity, run_detector
from rambu.analysis import Resources
from rambu.detectors.rule4_hoax import HoaxDetector
from rambu.factcheck.matcher import FactCheckIndex
from rambu.factcheck.register import FactCheck
from rambu.results import Result
from rambu.settings import Config, default_config

REGISTER = [
    FactCheck("H-01", "Mulai pekan depan seluruh rutan dan lapas meniadakan kunjungan tatap muka bagi keluarga",
              "hoaks", "https://cekfakta.example/h01", "2025-02-10"),
    FactCheck("H-02", "Narapidana kasus korupsi akan dibebaskan lewat amnesti massal bulan ini", "disinformasi",
              "Ditjenpas", "2025-01-20"),
    FactCheck("H-03", "Petugas pemasyarakatan wajib membayar iuran Rp 200 ribu untuk kenaikan pangkat", "hoaks",
              "https://turnbackhoax.example/h03", "2024-11-02"),
    FactCheck("H-04", "Minum air garam hangat dapat membunuh virus corona di tenggorokan", "misinformasi",
              "Kemenkes", "2024-03-15"),
    FactCheck("H-05", "Puluhan tahanan Rutan Depok kabur massal setelah menjebol tembok", "hoaks", "Polda Metro",
              "2025-03-01"),
    FactCheck("H-06", "Menteri mewajibkan pegawai lapas menyanyikan lagu dangdut setiap apel pagi", "satire",
              "Situs parodi", "2025-01-05"),
    FactCheck("H-07", "Warga binaan yang berkelakuan baik dapat mengajukan remisi sesuai ketentuan", "benar",
              "Ditjenpas", "2024-08-17"),
    FactCheck("H-08", "Pendaftaran bantuan sosial untuk keluarga narapidana dibuka melalui tautan WhatsApp", "hoaks",
              "Kemensos", "2025-02-01"),
    FactCheck("H-09", "Kepala Rutan Bekasi ditangkap polisi karena menjual narkoba kepada tahanan", "hoaks",
              "Polres Bekasi", "2025-02-20"),
    FactCheck("H-10", "Gempa magnitudo 9 akan mengguncang Jawa Barat minggu depan menurut BMKG", "hoaks", "BMKG",
              "2025-01-28"),
    FactCheck("H-11", "Sipir Lapas Cianjur meninggal setelah dianiaya narapidana", "belum diverifikasi", "Kanwil",
              "2025-03-03"),
]
INDEX = FactCheckIndex(REGISTER)


def res(index=INDEX, **settings) -> Resources:
    cfg = default_config()
    if settings:
        cfg = Config({**cfg.values, **settings})
    return Resources(config=cfg, factchecks=index)


def decision(findings) -> str:
    return Result.decide(tuple(findings))


def ocr(text: str) -> list[dict]:
    return [{"kind": "image", "path": "a.jpg", "ocr_text": text}]


# (case id, activity, expected decision, expected register id or None, evidence field of the first evidence)
CASES = [
    # ---- register matches: own words
    ("own-slang", make_activity("katanya mulai minggu dpn kunjungan keluarga di semua rutan & lapas ditiadakan!!"),
     "violation", "H-01", "text"),
    ("own-reordered", make_activity("Amnesti massal bulan ini, napi koruptor bakal dibebasin semua. Sebarkan!"),
     "violation", "H-02", "text"),
    ("own-synonyms", make_activity("Pegawai lapas harus setor 200rb biar bisa naik pangkat, parah"),
     "violation", "H-03", "text"),
    ("own-ocr", make_activity("ngeri", type="upload", media=ocr("AIR GARAM HANGAT BUNUH VIRUS CORONA DI TENGGOROKAN")),
     "violation", "H-04", "media[0].ocr_text"),
    ("own-transcript", make_activity(type="upload", media=[{"kind": "video", "path": "v.mp4", "transcript":
        "kata BMKG minggu depan jawa barat bakal diguncang gempa magnitudo sembilan"}]),
     "violation", "H-10", "media[0].transcript"),
    ("own-with-source-call", make_activity("Info A1: Karutan Bekasi diciduk polisi gara-gara jual narkoba ke tahanan"),
     "violation", "H-09", "text"),
    # ---- register matches: content passed on
    ("share-target", make_activity(type="share", target={"text":
        "Puluhan tahanan rutan Depok kabur rame2 setelah jebol tembok", "author": "@akun"}),
     "violation", "H-05", "target.text"),
    ("repost-target", make_activity(type="repost", target={"text":
        "Seluruh lapas & rutan tidak lagi menerima kunjungan keluarga mulai minggu depan"}),
     "violation", "H-01", "target.text"),
    ("broadcast-chain", make_activity("Info dari grup sebelah", type="broadcast", target={"text":
        "Daftar bansos khusus keluarga napi dibuka, daftar lewat link WA berikut"}),
     "violation", "H-08", "target.text"),
    ("share-target-ocr", make_activity(type="share", target={"media": ocr(
        "Kepala Rutan Bekasi ditangkap polisi, jual narkoba ke tahanan")}),
     "violation", "H-09", "target.media[0].ocr_text"),
    # ---- register matches that need a human
    ("satire", make_activity("Mulai besok pegawai lapas wajib nyanyi dangdut tiap apel pagi kata menteri"),
     "review", "H-06", "text"),
    ("unknown-verdict", make_activity("Innalillahi sipir lapas Cianjur meninggal dianiaya napi"),
     "review", "H-11", "text"),
    ("question", make_activity("Apa benar mulai pekan depan kunjungan keluarga di rutan dan lapas ditiadakan?"),
     "review", "H-01", "text"),
    ("news-with-source", make_activity(
        "Dilansir dari portal berita, narapidana korupsi akan dibebaskan lewat amnesti massal bulan ini"),
     "review", "H-02", "text"),
    ("comment-pushes-hoax", make_activity("Bener banget, sebarkan!", type="comment", target={"text":
        "Puluhan tahanan Rutan Depok kabur massal setelah menjebol tembok"}),
     "review", "H-05", "text"),
    # agreeing with a registered hoax asserts it, in Javanese and Sundanese too; asking about it or denying it
    # does not
    ("comment-agrees-hoax", make_activity("Iya bener, saya juga dengar", type="comment", target={"text":
        "Puluhan tahanan Rutan Depok kabur massal setelah menjebol tembok"}), "review", "H-05", "text"),
    ("comment-agrees-javanese", make_activity("bener iki", type="comment", target={"text":
        "Puluhan tahanan Rutan Depok kabur massal setelah menjebol tembok"}), "review", "H-05", "text"),
    ("comment-agrees-sundanese", make_activity("leres pisan", type="comment", target={"text":
        "Puluhan tahanan Rutan Depok kabur massal setelah menjebol tembok"}), "review", "H-05", "text"),
    ("comment-asks-hoax", make_activity("Bener apa ngga ini? Ada yg punya info resmi?", type="comment",
        target={"text": "Puluhan tahanan Rutan Depok kabur massal setelah menjebol tembok"}), "clean", None, None),
    ("comment-denies-hoax", make_activity("Gak bener itu", type="comment", target={"text":
        "Puluhan tahanan Rutan Depok kabur massal setelah menjebol tembok"}), "clean", None, None),
    ("comment-agrees-true-claim", make_activity("Betul sekali", type="comment", target={"text":
        "Warga binaan yang berkelakuan baik dapat mengajukan remisi sesuai ketentuan"}), "clean", None, None),
    ("unsure-asks-official-word", make_activity(
        "Sy ga tau ini bener apa ngga, katanya semua napi korupsi dibebaskan bulan ini. Ada yg punya info resmi?"),
     "review", "H-02", "text"),
    # ---- unaccountable news (no register entry)
    # a comment agreeing with a chain message it answers, or calling to spread a rumour, is reviewed; agreeing
    # with everyday hearsay or doubting the message is not
    ("comment-agrees-chain-message", make_activity("Iya bener", type="comment", target={"text":
        "INFO A1 dari orang dalam!! tarif listrik rumah dinas naik tiga kali lipat mulai bulan depan, sebarkan"}),
     "review", None, "text"),
    ("comment-spreads-rumour", make_activity("Sebarin aja biar keluarga napi pada tau", type="comment",
        target={"text": "Kabarnya tarif listrik rumah dinas naik tiga kali lipat minggu depan"}), "review", None,
     "text"),
    ("comment-spreads-a-joke", make_activity("Mohon bantu sebarkan!!", type="comment",
        target={"text": "Kucing gw tiap pagi nungguin di depan pintu, gemes banget"}), "clean", None, None),
    ("comment-agrees-everyday-hearsay", make_activity("Iya bener", type="comment", target={"text":
        "Katanya besok ada pembagian sembako di balai desa jam 9"}), "clean", None, None),
    ("comment-doubts-chain-message", make_activity("Masa sih?", type="comment", target={"text":
        "INFO A1 dari orang dalam!! tarif listrik rumah dinas naik tiga kali lipat mulai bulan depan, sebarkan"}),
     "clean", None, None),
    ("a1-insider-spread", make_activity(
        "INFO A1 dari orang dalam: besok ada sidak besar di semua kantor, siapkan diri. Sebarkan sebelum dihapus!!"),
     "violation", None, "text"),
    ("group-no-release", make_activity(
        "Dari grup sebelah: mulai Senin semua pegawai wajib apel jam 5 pagi, belum ada rilis resmi. Share ke grup!"),
     "violation", None, "text"),
    ("truth-assertion", make_activity(
        "Ini bukan hoaks! Gaji pegawai bulan depan dipotong setengah untuk iuran wajib, sebarkan ke semua rekan"),
     "violation", None, "text"),
    ("chain-message", make_activity(type="broadcast", target={"text":
        "Pesan berantai: air PAM tercemar racun mulai hari ini. Kirim ke 10 orang, jangan berhenti di kamu"}),
     "violation", None, "target.text"),
    ("hearsay-alarm", make_activity("Katanya besok listrik padam seharian di seluruh kota, waspada"),
     "review", None, "text"),
    ("all-caps-spread", make_activity("BESOK SEMUA PASAR DITUTUP KARENA WABAH BARU!!! SEBARKAN"),
     "review", None, "text"),
    ("insider-hearsay", make_activity("Kabarnya dari orang dalam, semua kepala lapas akan dimutasi bulan depan"),
     "review", None, "text"),
    ("hearsay-matches-register", make_activity("Kabarnya dari orang dalam, tahanan rutan depok kabur semua"),
     "violation", "H-05", "text"),
    ("doubt-while-sharing", make_activity("Semoga tidak benar 😢", type="share", target={"text":
        "Puluhan tahanan Rutan Depok kabur massal setelah menjebol tembok"}), "review", "H-05", "target.text"),
    ("asks-if-hoax", make_activity("Ini hoaks atau bukan? Rutan Depok jebol, puluhan tahanan kabur"),
     "review", "H-05", "text"),
    ("conspiracy-rhetoric", make_activity(
        "Jangan percaya media mainstream! Faktanya air PAM sudah dicampur racun, sebarkan ke keluarga kalian"),
     "review", None, "text"),
    ("framing-on-broadcast", make_activity("Info dari grup sebelah", type="broadcast", target={"text":
        "mulai besok semua pasar di kota ditutup karena wabah baru"}), "review", None, "text"),
    # ---- hard negatives
    ("bracket-label", make_activity("[SALAH] Puluhan tahanan Rutan Depok kabur massal setelah menjebol tembok"),
     "clean", None, None),
    ("scam-warning", make_activity(
        "Awas, link pendaftaran bansos keluarga napi lewat WhatsApp itu penipuan, jangan diklik"), "clean", None, None),
    ("factcheck-debunk", make_activity(
        "[HOAKS] Kunjungan keluarga di rutan dan lapas ditiadakan mulai pekan depan. Faktanya layanan tetap berjalan."),
     "clean", None, None),
    ("share-factcheck", make_activity(type="share", target={"text":
        "CEK FAKTA: Tidak benar tahanan Rutan Depok kabur massal setelah menjebol tembok"}),
     "clean", None, None),
    ("share-with-own-debunk", make_activity("Ini hoaks ya, jangan disebarkan", type="share", target={"text":
        "Puluhan tahanan Rutan Depok kabur massal setelah menjebol tembok"}),
     "clean", None, None),
    ("official-release", make_activity(
        "Humas Rutan Depok menginformasikan bahwa situasi rutan aman dan kondusif, tidak ada tahanan yang kabur."),
     "clean", None, None),
    ("news-with-attribution", make_activity(
        "Kepala Rutan Depok kepada wartawan menjelaskan jadwal kunjungan tetap Senin sampai Kamis, ujarnya"),
     "clean", None, None),
    ("check-first-reminder", make_activity("Jangan mudah percaya hoaks, cek dulu sebelum sebarkan ya rekan-rekan"),
     "clean", None, None),
    ("ordinary", make_activity("Selamat pagi rekan-rekan, semangat apel pagi hari ini"), "clean", None, None),
    ("spread-kindness", make_activity("Ayo sebarkan kebaikan setiap hari, mulai dari hal kecil"), "clean", None, None),
    ("true-claim", make_activity(
        "Warga binaan yang berkelakuan baik bisa ajukan remisi sesuai ketentuan, sebarkan infonya ke keluarga"),
     "clean", None, None),
    ("like-is-not-spreading", make_activity(type="like", target={"text":
        "Puluhan tahanan Rutan Depok kabur massal setelah menjebol tembok"}), "clean", None, None),
    ("comment-debunks", make_activity("Ini hoaks, sudah dibantah Polda", type="comment", target={"text":
        "Puluhan tahanan Rutan Depok kabur massal setelah menjebol tembok"}), "clean", None, None),
    ("hoax-warning", make_activity("Waspada hoaks pesan berantai soal amnesti massal napi korupsi bulan ini"),
     "clean", None, None),
    ("contrary-statement", make_activity("Kunjungan tatap muka keluarga di rutan dan lapas dibuka kembali pekan depan"),
     "clean", None, None),
    ("topic-overlap", make_activity("Hari ini keluarga saya berkunjung ke rumah nenek di Depok"), "clean", None, None),
    ("humas-asks-to-wait", make_activity("Soal kabar keributan di blok hunian, belum ada rilis resmi. Mohon rekan-rekan "
                                         "menunggu informasi resmi dan jangan berspekulasi."), "clean", None, None),
    ("spread-before-deleted", make_activity("Minyak goreng curah sekarang dicampur plastik, sudah 200 orang keracunan. "
                                            "Sebarkan ke keluarga sebelum dihapus!"), "violation", None, "text"),
    # miracle cures, the commonest health hoax; recovery, medical advice and research are not
    ("miracle-cure", make_activity("Minum air kelapa muda bisa menyembuhkan covid dalam 3 hari, sudah terbukti!"),
     "review", None, "text"),
    ("miracle-cure-spread", make_activity(
        "Rebusan daun sirsak ampuh menyembuhkan kanker stadium 4, dokter tidak mau kamu tahu ini. Sebarkan!"),
     "violation", None, "text"),
    ("recovered", make_activity(
        "Alhamdulillah ayah sudah sembuh dari covid setelah dirawat 2 minggu di RSUD, terima kasih tenaga medis"),
     "clean", None, None),
    ("medical-advice", make_activity(
        "Obat herbal belum tentu bisa menyembuhkan kanker, konsultasikan ke dokter, jangan percaya hoaks"),
     "clean", None, None),
    ("research-news", make_activity(
        "Penelitian UGM: ekstrak jahe dapat menyembuhkan peradangan ringan, kata peneliti dalam jurnal"),
     "clean", None, None),
    ("get-well", make_activity("Cepat sembuh ya pak, semoga lekas pulih"), "clean", None, None),
    # a cover-up with its reason, a truth hidden from the readers, an official paper said to be out already, passed on
    # to the readers' own people; the same papers and people in everyday news
    ("cover-up-reason", make_activity("Kata tetangga bendungan Jatigede mau jebol minggu ini, BPBD nutupin biar warga "
                                      "gak panik"), "violation", None, "text"),
    ("hidden-from-readers", make_activity("Minum rebusan daun pepaya tiap pagi terbukti menyembuhkan demam berdarah, "
                                          "dokter2 gak mau kalian tau ini"), "violation", None, "text"),
    ("paper-out", make_activity("Mulai Januari tunjangan kinerja ASN dipotong separuh, suratnya udah keluar. Kasih tau "
                                "keluarga kalian"), "review", None, "text"),
    ("own-appointment", make_activity("Alhamdulillah SK PPPK saya sudah keluar, terima kasih atas doanya"),
     "clean", None, None),
    ("law-exists", make_activity("Konten negatif di medsos sudah ada aturannya di UU ITE, bijak bermedia sosial ya"),
     "clean", None, None),
    ("tell-family-home", make_activity("Kabarin keluarga kalau udah sampai rumah ya, hati2 di jalan"),
     "clean", None, None),
    ("circular-out", make_activity("Surat edaran soal jam kerja Ramadan sudah keluar, silakan dicek di laman kantor "
                                   "wilayah"), "clean", None, None),
    # a chain letter's quota said to the reader; the same words narrated or refused
    ("chain-quota", make_activity("Mulai Senin semua rekening pasif diblokir BI, teruskan ke 10 grup"),
     "review", None, "text"),
    ("sent-to-two", make_activity("Udah aku kirim ke 2 orang panitia ya berkasnya"), "clean", None, None),
    ("quota-refused", make_activity("Jangan teruskan pesan ini ke 10 grup, itu hoaks"), "clean", None, None),
    # a claim held at arm's length without a stance word: a supposition, someone else's belief, a joke, a rebuttal
    ("supposition", make_activity("Kalau memang pekan depan kunjungan keluarga di lapas dan rutan ditiadakan, pasti "
                                  "ada surat resmi. Sampai sekarang gak ada"), "review", "H-01", "text"),
    ("someone-elses-belief", make_activity("Ibu saya percaya banget kunjungan keluarga di rutan dan lapas ditiadakan "
                                           "pekan depan, padahal cuma pesan WA"), "review", "H-01", "text"),
    ("laughing-at-it", make_activity("Ngakak, ada yg percaya napi koruptor bakal dibebaskan lewat amnesti massal "
                                     "bulan ini 🤣"), "review", "H-02", "text"),
    ("dreaming", make_activity("Seandainya napi korupsi dibebaskan lewat amnesti massal bulan ini, lapas lega. "
                               "Sayangnya cuma mimpi"), "review", "H-02", "text"),
    ("everyday-rebuttal", make_activity("Yang bilang kunjungan keluarga di lapas dan rutan ditiadakan pekan depan "
                                        "itu ngarang, kunjungan tetap buka"), "clean", None, None),
    ("mana-ada", make_activity("Mana ada kunjungan keluarga di rutan dan lapas ditiadakan pekan depan, jangan ngawur"),
     "clean", None, None),
    ("answered-no-comma", make_activity("Saya ditanya tetangga apa kunjungan keluarga di lapas ditiadakan pekan depan,"
                                        " saya jawab tidak, itu hoaks"), "clean", None, None),
    # paraphrases in Sundanese and Javanese, with their own word endings ("-na", "-e", "-aken")
    ("sundanese", make_activity("Cenah minggu payun sadaya rutan sareng lapas moal nampi kunjungan kulawarga deui"),
     "violation", "H-01", "text"),
    ("javanese", make_activity("Jarene napi korupsi bakal dibebasaken lewat amnesti massal wulan iki"),
     "violation", "H-02", "text"),
    ("javanese-suffix", make_activity("Jarene banyu uyah anget iso mateni virus corona neng tenggorokane"),
     "violation", "H-04", "text"),
    # the same words about one's own visit are no claim
    ("sundanese-own-trip", make_activity("Minggu payun abdi bade mudik ka Garut sareng kulawarga"), "clean", None, None),
    ("javanese-own-visit", make_activity("Sesuk aku arep mbesuk bapak neng lapas, ana sing melu?"), "clean", None, None),
    # a unit's notice about its own temporary arrangement resembles the nationwide hoax: a human looks
    ("own-unit-notice", make_activity("Layanan kunjungan tatap muka keluarga di Rutan kami ditiadakan sementara pekan "
                                      "depan karena renovasi ruang besuk, diganti video call"), "review", "H-01", "text"),
    ("warning-phishing", make_activity("tolong jgn asal forward pesan soal pendaftaran bansos keluarga napi lewat link "
                                       "WA, itu modus phishing"), "clean", None, None),
    # stated flat (a feeling or a warning beside it is no distance)
    ("flat-with-feeling", make_activity("Gaes pekan depan semua rutan dan lapas meniadakan kunjungan keluarga, kasian "
                                        "keluarga napi 😭"), "violation", "H-01", "text"),
    ("flat-with-warning", make_activity("Napi koruptor akan dibebaskan lewat amnesti massal bulan ini, hati-hati"),
     "violation", "H-02", "text"),
    # ---- unaccountable news in the words hoaxes use in place of a source: a cover-up claimed, a letter cited as
    # the claim's authority, a relative inside; hard negatives first
    ("everyday-covering", make_activity("Aku nutupin kado ulang tahun pakai kertas koran biar surprise"),
     "clean", None, None),
    ("everyday-certainty", make_activity("Sudah pasti aku datang ke nikahan kamu besok, tunggu ya"), "clean", None, None),
    ("everyday-seen-myself", make_activity("Saya lihat sendiri pemandangannya indah banget, wajib ke sini"),
     "clean", None, None),
    ("official-letter-cited", make_activity("Sudah ada surat edaran dari Kanwil soal jam kerja Ramadan, silakan cek di "
                                            "laman resmi"), "clean", None, None),
    ("relative-at-work", make_activity("Saudara saya kerja di Bandung, besok mau pulang kampung"), "clean", None, None),
    ("cover-up-claimed", make_activity("Pemadaman listrik total se-Jawa tiga hari mulai Senin, pemerintah sengaja gak "
                                       "umumin biar gak panik. Siapin lilin!"), "review", None, "text"),
    ("letter-as-authority", make_activity("INFO PENTING!!! Mulai bulan depan tunjangan PNS dipotong separuh, sdh ada "
                                          "surat edaran Menpan. Sebarkan ke rekan2!"), "violation", None, "text"),
    ("insider-and-cover-up", make_activity("Obat herbal ini bisa nyembuhin diabetes dalam seminggu, dokter nutupin "
                                           "karena takut rugi. Sodara gw kerja di apotek"), "violation", None, "text"),
    # a comment vouching for the claim it answers with a strong source of its own; a mere "katanya" does not
    ("comment-vouches", make_activity("Info valid, saya juga dengar dari orang dalam BMKG 👍", type="comment",
                                      target={"text": "Jembatan Suramadu akan ditutup total sebulan mulai besok"}),
     "review", None, "text"),
    ("comment-hearsay", make_activity("Katanya sih gitu 👍", type="comment",
                                      target={"text": "Jembatan Suramadu akan ditutup total sebulan mulai besok"}),
     "clean", None, None),
    ("comment-insider-no-claim", make_activity("Saya dengar dari orang dalam, acaranya seru banget 👍",
                                               type="comment", target={"text": "Foto-foto pentas seni sekolah kemarin"}),
     "clean", None, None),
    # sharing as a condition ("cek dulu sebelum share") is no call to spread; a chain message talked about ("pesan
    # berantai itu ...") is not one being passed on; the same words pushing a claim still count
    ("advice-before-sharing", make_activity("Kajian subuh tadi soal bahaya fitnah di grup WA. Tabayyun dulu sebelum "
                                            "bagikan apa pun, pesan ustaznya"), "clean", None, None),
    ("chain-message-talked-about", make_activity("Gaji PNS gak bakal dipotong cuma karena kamu gak terusin pesan. "
                                                 "Pesan berantai itu udah ada dari 2015 😅"), "clean", None, None),
    # "sebelum" ends a sentence before the call to spread: the call still counts
    ("spread-after-deadline", make_activity("INFO PENTING!! Mulai bulan depan semua kartu ATM lama diblokir, segera "
                                            "ganti sebelum terlambat. Sebarkan ke keluarga!"), "violation", None, "text"),
    # hearsay from someone close: a rumour when it pushes, chat when it does not
    ("friend-recommends", make_activity("Kata temen saya film itu bagus banget, wajib nonton minggu ini"),
     "clean", None, None),
    ("friend-as-source", make_activity("Jembatan Ampera retak parah semalam, semua kendaraan dilarang lewat!! (kata "
                                       "sodara sy yg tinggal di Palembang)"), "review", None, "text"),
    ("chain-message-passed-on", make_activity("Pesan berantai dari grup alumni: mulai tanggal 1 semua SIM lama "
                                              "hangus tanpa pemberitahuan. Bagikan sebelum dihapus!"), "violation", None, "text"),
]


@pytest.mark.parametrize("case_id,activity,expected,fc_id,field", CASES, ids=[c[0] for c in CASES])
def test_rule4_table(case_id, activity, expected, fc_id, field):
    findings = run_detector(HoaxDetector, activity, res())
    assert decision(findings) == expected, [(f.confidence, f.needs_review, f.explanation, f.score_detail)
                                            for f in findings]
    if expected == "clean":
        return
    f = findings[0]
    assert f.rule == 4 and f.explanation.startswith("Larangan 4 (berita bohong")
    assert f.basis == HoaxDetector.basis
    extra = dict(f.extra)
    if fc_id is None:
        assert "factcheck" not in extra
    else:
        fc = extra["factcheck"]
        assert fc["id"] == fc_id, fc
        entry = next(e for e in REGISTER if e.id == fc_id)
        assert fc["verdict"] == entry.verdict and fc["source"] == entry.source and fc["claim"] == entry.claim
        assert fc_id in f.explanation and entry.claim in f.explanation and entry.source in f.explanation
    ev = f.evidence[0]
    assert ev.field == field
    assert ev.quote and ev.end > ev.start


def test_evidence_quotes_the_original_target_text():
    text = "Waduh!! Puluhan tahanan rutan Depok kabur rame2 setelah jebol tembok, ngeri"
    f = run_detector(HoaxDetector, make_activity(type="repost", target={"text": text}), res())[0]
    ev = f.evidence[0]
    assert ev.field == "target.text" and text[ev.start:ev.end] == ev.quote
    assert "tahanan" in ev.quote and "tembok" in ev.quote


def test_thresholds_come_from_settings():
    act = make_activity("Pegawai lapas harus setor 200rb biar bisa naik pangkat, parah")
    findings = run_detector(HoaxDetector, act, res())
    assert decision(findings) == "violation"
    score = dict(findings[0].extra)["match_score"]
    assert score < 0.95
    strict = res(**{"rule4.match_threshold": 0.95, "rule4.review_match_threshold": 0.3})
    findings = run_detector(HoaxDetector, act, strict)
    assert decision(findings) == "review" and dict(findings[0].extra)["factcheck"]["id"] == "H-03"
    assert run_detector(HoaxDetector, act, res(**{"rule4.match_threshold": 0.97,
                                                   "rule4.review_match_threshold": 0.96})) == []


def test_without_register_only_unaccountable_news_counts():
    plain = make_activity("Seluruh rutan dan lapas meniadakan kunjungan tatap muka bagi keluarga mulai pekan depan")
    assert run_detector(HoaxDetector, plain, res(index=None)) == []
    pushed = make_activity("Info A1 dari orang dalam: seluruh rutan meniadakan kunjungan keluarga, sebarkan!")
    findings = run_detector(HoaxDetector, pushed, res(index=None))
    assert decision(findings) in ("violation", "review") and dict(findings[0].extra)["rule4_kind"] == "unaccountable"


def test_plain_entries_are_indexed_by_the_detector():
    r = Resources(config=default_config(), factchecks=REGISTER)
    act = make_activity("Puluhan tahanan Rutan Depok kabur massal setelah menjebol tembok")
    findings = run_detector(HoaxDetector, act, r)
    assert decision(findings) == "violation" and dict(findings[0].extra)["factcheck"]["id"] == "H-05"


def test_operator_can_extend_marker_lists():
    act = make_activity("Bisik-bisik tetangga: kantor wilayah akan dibubarkan akhir tahun, viralkan")
    before = run_detector(HoaxDetector, act, res())
    cfg = default_config()
    cfg = Config(cfg.values, {"rule4": {"unverified": ("bisik bisik tetangga",)}})
    after = run_detector(HoaxDetector, act, Resources(config=cfg, factchecks=INDEX))
    assert not before or max(f.confidence for f in before) < max(f.confidence for f in after)
    assert after and "bisik" in " ".join(e.quote.lower() for e in after[0].evidence)


# ---- stance, regional languages, claims split between a comment and what it answers (issue 6)
STANCE_CASES = [
    # asserting or spreading: a violation
    ("assert-truth", make_activity("Ini fakta bukan hoaks: puluhan tahanan Rutan Depok kabur massal setelah jebol "
                                   "tembok"), "violation", "H-05"),
    ("share-plain", make_activity(type="share", target={"text": "Puluhan tahanan Rutan Depok kabur massal setelah "
                                                                "menjebol tembok"}), "violation", "H-05"),
    # reporting, explaining, asking: review at most
    ("news-dateline", make_activity("DEPOK, Kompas.com - Beredar kabar puluhan tahanan Rutan Depok kabur massal "
                                    "setelah menjebol tembok. Kapolres menegaskan bahwa semua tahanan lengkap."),
     "review-or-clean", "H-05"),
    ("explains-claim", make_activity("Mitos yang beredar: minum air garam hangat dapat membunuh virus corona di "
                                     "tenggorokan. Dokter menjelaskan tidak ada bukti."), "review-or-clean", "H-04"),
    ("asks", make_activity("Apa benar puluhan tahanan Rutan Depok kabur massal setelah menjebol tembok?"),
     "review-or-clean", "H-05"),
    # the claim's own sentence asks, with no phrase that says so; pushed on, it is spreading again
    ("asks-by-mark", make_activity("Puluhan tahanan Rutan Depok kabur massal setelah menjebol tembok? Masa sih, "
                                   "belum ada beritanya"), "review-or-clean", "H-05"),
    ("asks-then-pushes", make_activity("Puluhan tahanan Rutan Depok kabur massal setelah menjebol tembok? Sebarkan!"),
     "violation", "H-05"),
    ("asserts-then-asks", make_activity("Puluhan tahanan Rutan Depok kabur massal setelah menjebol tembok. Kok bisa "
                                        "ya?"), "violation", "H-05"),
    ("asserts-then-asks-next-line", make_activity("Puluhan tahanan Rutan Depok kabur massal setelah menjebol tembok\n"
                                                  "Kok bisa ya?"), "violation", "H-05"),
    ("topic-only", make_activity("Rutan Depok memperbaiki tembok blok hunian bulan ini"), "clean", None),
    # Javanese and Sundanese paraphrases of a registered hoax, passed on as news
    ("javanese", make_activity("Jarene sesuk kabeh rutan lan lapas ora oleh dikunjungi keluarga maneh, sebarke!"),
     "violation", "H-01"),
    ("sundanese", make_activity("Cenah isukan sadaya rutan jeung lapas teu meunang dilongok kulawarga, sebarkeun!"),
     "violation", "H-01"),
]


@pytest.mark.parametrize("case_id,activity,expected,fc_id", STANCE_CASES, ids=[c[0] for c in STANCE_CASES])
def test_stance_decides_what_a_register_match_means(case_id, activity, expected, fc_id):
    findings = run_detector(HoaxDetector, activity, res())
    got = decision(findings)
    if expected == "review-or-clean":
        assert got in ("review", "clean"), [(f.confidence, f.score_detail) for f in findings]
    else:
        assert got == expected, [(f.confidence, f.needs_review, f.score_detail) for f in findings]
    if fc_id and findings and got != "clean":
        assert dict(findings[0].extra)["factcheck"]["id"] == fc_id


SPLIT = [
    # the claim is completed by the comment: the two texts together state the hoax
    ("agrees-and-completes", "Betul, katanya bulan ini semua napi korupsi dibebaskan lewat amnesti massal, sebarkan",
     "Napi kasus korupsi gimana nasibnya?", "violation"),
    ("completes-plain", "iya, lewat amnesti massal bulan ini", "Napi korupsi semua dibebaskan", "review"),
    ("completes-then-debunks", "katanya dibebaskan lewat amnesti massal bulan ini, tapi itu hoaks",
     "Narapidana kasus korupsi", "clean"),
    ("unrelated-reply", "Semoga sehat selalu pak, sukses terus", "Narapidana kasus korupsi", "clean"),
]


@pytest.mark.parametrize("case_id,comment,target,expected", SPLIT, ids=[c[0] for c in SPLIT])
def test_claim_split_between_comment_and_target(case_id, comment, target, expected):
    act = make_activity(comment, type="comment", target={"text": target})
    findings = run_detector(HoaxDetector, act, res())
    assert decision(findings) == expected, [(f.explanation, f.score_detail) for f in findings]
    if expected != "clean":
        f = findings[0]
        assert dict(f.extra)["factcheck"]["id"] == "H-02"
        fields = {e.field for e in f.evidence}
        assert fields <= {"text", "target.text"}
        for e in f.evidence:
            src = comment if e.field == "text" else target
            assert src[e.start:e.end] == e.quote


# A long essay: one marker per paragraph, each paragraph well apart from the next.
_ESSAY_PARAGRAPHS = [
    "Katanya rapat warga minggu lalu membahas banyak hal tentang lingkungan kami.",
    "Silakan share tulisan ini kalau menurut kalian ada manfaatnya buat tetangga.",
    "Kondisi darurat sampah di sungai sudah lama jadi keluhan warga bantaran.",
    "Pemeriksaan kesehatan gratis juga pernah diadakan puskesmas di balai desa.",
]
_FILLER = ("Pagi itu kami berkumpul di balai, membicarakan jadwal kerja bakti, iuran kebersihan, lampu jalan yang "
           "redup, parkir motor di gang sempit, pohon yang perlu dipangkas, selokan yang mampet tiap musim hujan, "
           "dan rencana lomba anak-anak menjelang akhir tahun. ") * 4


def test_markers_scattered_over_a_long_essay_do_not_combine():
    essay = "\n\n".join(p + " " + _FILLER for p in _ESSAY_PARAGRAPHS)
    assert len(essay.split()) > 4 * 100
    findings = run_detector(HoaxDetector, make_activity(essay), res(index=None))
    assert not [f for f in findings if not f.needs_review], [f.score_detail for f in findings]
    # the same four markers in one short message are a chain message
    chain = " ".join(_ESSAY_PARAGRAPHS)
    findings = run_detector(HoaxDetector, make_activity(chain), res(index=None))
    assert findings and findings[0].confidence > max((f.confidence for f in run_detector(
        HoaxDetector, make_activity(essay), res(index=None))), default=0.0)


@pytest.mark.parametrize("text,offer", [
    ("Cerita diet gw: awalnya 95 kg, dokter bilang gula darah udah darurat. Katanya keto paling cepet tapi gw lemes. "
     "Sekarang 78 kg tanpa obat. Kalo ada yg mau menu harian, komen aja, nanti gw share gratis di story", True),
    ("Gw share info ini biar semua tau: katanya gaji PNS dipotong bulan depan!!", False),
    ("Katanya semua napi dibebaskan besok, sebarkan!!", False),
])
def test_the_authors_offer_to_share_later_is_no_call_to_spread(text, offer):
    findings = run_detector(HoaxDetector, make_activity(text), res(index=None))
    called = any("ajakan menyebarkan" in step for f in findings for step in f.score_detail)
    assert called is not offer, [f.score_detail for f in findings]
