"""Rule 1: hate against Pancasila, UUD 1945, Bhinneka Tunggal Ika, NKRI and the government."""
import pytest

from conftest import evidence_quotes_original, make_activity, run_detector
from rambu.detectors.rule1_ideology import IdeologyHateDetector

POSITIVE = [
    "Menkumham bodoh, bikin aturan ga pake otak",
    "Pancasila itu cuma berhala buatan manusia, buang saja",
    "P4NC4S1L4 s4mp4h, ganti aja sama khilafah!!!",
    "pemerintah goblok semua, rezim anjing",
    "Rezim thaghut ini harus digulingkan secepatnya",
    "#BubarkanNKRI sekarang juga, kita tegakkan khilafah",
    "NKRI bukan harga mati, negara ini cuma boneka asing",
    "Demokrasi itu sistem kufur, haram ikut pemilu",
    "presiden tolol, menteri2nya bangsat semua",
    "UUD 45 sampah, bikinan penjajah",
    "dpr anjing, dewan perampok rakyat!!",
    "Bhinneka Tunggal Ika omong kosong, dari dulu juga nggak pernah bersatu",
    "polisi anjing semua, ACAB",
    "pemerintahan busuk, pejabatnya maling dan bajingan",
    "p a n c a s i l a itu haram buat diikuti",
    "Negara kafir gak wajib dipatuhi, tolak pancasila",
    "Pemerintah ndasmu! kerjanya cuma nipu rakyat",
    "kemenkumham bobrok, pejabatnya goblok semua 🤬",
    "DPR 🖕🖕",
    # issue 6: a religious state or rejecting Bhinneka needs no insult word; local government is the
    # government; insults written as equations in memes; @mentions and hashtags name the target
    "Indonesia harus jadi negara syariah, demokrasi produk kafir",
    "Sudah saatnya dirikan khilafah, hukum thaghut tidak wajib ditaati",
    "Tolak kebhinekaan, persatuan itu bohong",
    "Bupati goblok, pemkab isinya maling semua",
    "PEMERINTAH = MALING\nDPR = TIKUS",
    "@DPR_RI anjing semua kalian, bajingan",
    "#RezimBangsat makin hari makin zalim",
    # a rejecting word in another clause does not oppose the call that follows
    "Kami menolak demokrasi, tegakkan khilafah!",
    "Tinggalkan demokrasi dan tegakkan khilafah sekarang juga",
]
NEGATIVE = [
    # issue 6 hard negatives: sarcasm against haters, reported speech, scripture, names, questions, jokes
    "Para pembenci Pancasila itu lucu, tiap hari menikmati jalan yang dibangun negara 😂",
    "OPM ingin pisah dari NKRI, TNI siaga di perbatasan",
    "Dia menyebut pemerintah zalim di videonya, sekarang sudah minta maaf",
    "Apakah benar demokrasi itu haram? Kajian bersama ustadz malam ini",
    "Pak Bupati meresmikan gedung baru lapas, terima kasih pemkab",
    "Terima kasih @DPR_RI sudah menyetujui anggaran pembinaan warga binaan",
    "Kata kepala dinas, gubernur akan meninjau banjir besok",
    # polite criticism of a policy
    "Mohon pemerintah mengevaluasi kebijakan remisi, menurut saya kurang tepat sasaran",
    "Saya tidak setuju dengan kebijakan kenaikan harga BBM, semoga ada solusi yang lebih baik",
    "Pelayanan di kantor imigrasi lambat sekali, antre dari pagi belum dipanggil",
    "Pemerintah harus lebih tegas memberantas korupsi, rakyat sudah muak dengan janji",
    # patriotic and ceremonial
    "Selamat Hari Lahir Pancasila! NKRI harga mati, jaga persatuan",
    "Upacara Hari Kesaktian Pancasila di Lapas Kelas IIA Semarang berjalan khidmat",
    "Bhinneka Tunggal Ika: berbeda-beda tetapi tetap satu jua. Mari amalkan Pancasila",
    "Bangga menjadi ASN yang setia kepada Pancasila dan UUD 1945",
    # news that reports hate, posts that condemn it
    "Polisi menangkap pelaku yang menyebut Pancasila sampah di media sosial",
    "Jangan hina Pancasila, itu dasar negara kita",
    "Miris, ada yang bilang NKRI bubar. Jangan mudah terprovokasi!",
    "Tersangka penghina presiden dijerat pasal UU ITE, kasusnya disidangkan pekan depan",
    # someone else's wish, reported: not the author's call
    "HTI resmi dibubarkan pemerintah karena ingin mengganti Pancasila dengan khilafah",
    # rejecting, resisting or warning against a religious state or a break-up is loyalty
    "Sebagai umat beragama, mari kita hormati perbedaan dan tolak ajakan mendirikan negara khilafah",
    "Waspadai paham khilafah yang ingin mengganti Pancasila, mari jaga NKRI",
    "Napiter itu akhirnya meninggalkan paham daulah dan berikrar setia kepada NKRI",
    "Kita harus menangkal propaganda negara islam di kalangan anak muda",
    "Dulu saya percaya khilafah solusi segalanya, sekarang saya sadar Pancasila sudah cukup",
    "Mantan simpatisan HTI itu kini aktif mengajak pemuda menjaga NKRI",
    # ordinary posts
    "Rapat koordinasi dengan pemerintah daerah tentang pembinaan warga binaan",
    "Alhamdulillah pelatihan las untuk warga binaan berjalan lancar",
    "Presiden meresmikan bendungan baru di Jawa Tengah hari ini",
    "Kemarin ikut sosialisasi tentang UUD 1945 dan wawasan kebangsaan",
    "Anjing tetangga galak banget, tadi pagi ngejar kurir",
    "Negara ini indah sekali, ayo liburan ke Labuan Bajo",
    # another country's state, not ours
    "Negara Arab kumuh dan hancur karena perang terus, kasihan rakyatnya",
    "Pemerintah China otoriter, warganya diawasi kamera di mana-mana",
    # a country named as a place, not as the object of hate
    "Anjing pelacak dari Indonesia juara lomba K9 internasional",
    "Turis asing yang merusak terumbu karang akhirnya dideportasi dari Indonesia",
    # quoted to report, explain or teach
    "Demo ricuh, massa membentangkan spanduk 'Rezim Bangsat Turun', polisi mengamankan 5 orang",
    "Materi sejarah kelas 9: gerakan DI/TII memproklamasikan Negara Islam Indonesia dan menolak Pancasila, lalu ditumpas",
    "Klarifikasi: video berjudul \"Pancasila thaghut\" itu ceramah kelompok terlarang, jangan ikut menyebarkan",
]


# Explicit in words, but the models trained on the public data sets (2010-2019 annotations) do not lean to
# them: monitoring must not accuse on words alone, so only the pre-publication check flags them. Reviewers'
# decisions (`rambu train --feedback`) are how such cases reach the models.
WORDS_ONLY = {
    "Rezim thaghut ini harus digulingkan secepatnya",
    "NKRI bukan harga mati, negara ini cuma boneka asing",
    "Demokrasi itu sistem kufur, haram ikut pemilu",
    "UUD 45 sampah, bikinan penjajah",
    "Bhinneka Tunggal Ika omong kosong, dari dulu juga nggak pernah bersatu",
    "p a n c a s i l a itu haram buat diikuti",
    "DPR 🖕🖕",
}
# Explicit words and a model that agrees: a violation without review. (Which posts the model agrees on moves
# with the model: since clf-2026.12.4 rule 1's score is its model alone, and "P4NC4S1L4 s4mp4h, ganti aja sama
# khilafah!!!" at 0,85 is a review.)
CONFIRMED = [
    "Demokrasi itu sistem kufur, saatnya tegakkan khilafah.",
    "#BubarkanNKRI sekarang juga, kita tegakkan khilafah",
    "Kami menolak demokrasi, tegakkan khilafah!",
]


# Said plainly: a call for a religious state, a break-up or an overthrow, or a target equated with an insult.
# The models do not lean to these (their data has few such posts), so without the plain-words floor they went
# unseen; a reviewer must see them, and words alone still never confirm.
PLAIN = [
    # a foundation called worthless paper or rubbish
    "UUD 45 cuma kertas sampah, gak ada gunanya dipertahankan",
    # "atas nama" is in the name of a cause, not a person's name
    "Atas nama Khilafah, kami siap tegakkan syariat dan ganti Pancasila",
    "Indonesia harus jadi negara Islam, bukan negara sekuler.",
    "Pancasila thaghut, wajib diganti dengan syariat Islam!",
    "Pancasila sudah tidak relevan, ganti dengan hukum Allah",
    "Saya dukung perjuangan OPM sampai Papua lepas dari Indonesia",
    "Sudah saatnya NKRI bubar, Papua merdeka!",
    "Ayo turun ke jalan, gulingkan pemerintah yang zalim ini!",
    "Mari kita dirikan negara Islam di bumi Nusantara",
    "Kita harus kembali ke sistem khilafah",
    "Pemkot Bandung = koruptor + tukang bohong",
    "Bupati Garut = raja tega + tukang tipu rakyat",
    "Umat Islam harus bersatu di bawah satu pemimpin, yakni khalifah. Itulah khilafah!",
    "Kami mendukung tegaknya khilafah di bumi Indonesia",
    # Javanese and Sundanese
    "Indonesia kudu dadi negara Islam, ora negara kafir",
    "Hayu urang tegakkeun khilafah di nagara ieu",
    # a foundation dismissed, without an insult word; sharia as the state's law
    "Bhinneka Tunggal Ika itu cuma slogan kosong, tidak perlu dipertahankan",
    "Pancasila sudah tidak relevan di zaman now",
    "UUD 1945 itu produk gagal, harus dihapus",
    "NKRI bukan harga mati bagi kami",
    "Sudah saatnya Indonesia menerapkan syariat Islam secara kaffah dalam bernegara",
    # an equation the model reads as nothing (a meme's caption); secession calls beyond Papua
    "DPR = tikus berdasi 🐀",
    "Sudah waktunya Aceh merdeka dan lepas dari penjajah Jawa",
    "Mari kita referendum dan keluar dari NKRI, Jakarta cuma menjajah kita",
    # arms, a coup, every region on its own, violence wished on officials, a demand said as the author's own
    "Kalau tahun depan masih begini, kita angkat senjata",
    "Presidennya cuma bisa ngutang. Mending dikudeta aja",
    "Sumatera urus Sumatera, pisah aja dari Jakarta!",
    "Papua bukan Indonesia, referendum sekarang juga!",
    "Pejabat kayak gini pantesnya digantung di alun-alun",
    # the region named between the call and the term; freedom from "occupation" by the capital; the state
    # declared unbelieving; an animal after a word that generalises
    "Udh waktunya Aceh lepas dari Indonesia, perjuangan belum selesai",
    "Maluku harus merdeka dari penjajahan Jakarta",
    "Pemerintah ini pemerintah kafir, PNS yg masih setia sama negara thaghut tunggu aja azabnya",
    "DPR, polisi, pemerintah semuanya anjing penjaga oligarki",
    # "ngapain" without a question mark dismisses; a movement said to live on; the state's forces as the
    # thaghut's helpers, to be fought
    "Ngapain hormat ke NKRI, negara warisan penjajah Jawa. RMS tetap hidup di hati kami.",
    "Jihad melawan pemerintah yang tidak berhukum dengan hukum Allah itu wajib. Aparatnya ansharut thaghut, "
    "halal dilawan.",
    # an insult pinned after a demonstrative or as the collection the target is; a question in another sentence
    # does not ask the statement
    "Pemerintah ini thaghut, haram taat padanya",
    "DPR kumpulan bajingan, gak ada yang bener",
    "Bangga jadi WNI? Buat saya pemerintah itu penjajah",
    # holy war declared on the government
    "Wajib jihad melawan pemerintah yang tidak berhukum dengan hukum Allah",
    # what ought to be is a call; "merdeka dari dulu" is since when, not free from what
    "Papua seharusnya lepas dari Indonesia, bukan dijajah terus",
    "Sudah saatnya Papua merdeka dari dulu, bukan nanti",
    # police and military units are the state's institutions
    "Polsek kami isinya tukang pungli semua, dasar bangsat",
    "Kodim sebelah itu sarang bajingan",
    # a personal pronoun as the object of a call to violence points back at the person named before
    "Bupati kita cuma boneka cukong. Seret dia keluar dari pendopo",
    # a foundation to be done away with, any modal with any verb; nothing but a tool; what replaces it is wanted
    "Bhinneka Tunggal Ika mending dibuang aja, gak ada gunanya",
    "UUD 45 cuma alat rezim",
    "NKRI wajib dibubarkan diganti negara khilafah",
    # a region to leave the state, any modal with any verb; the state as nothing but a tool
    "Aceh harus lepas, kita sudah cukup dijajah",
    "Maluku berhak merdeka, kami bukan budak",
    "NKRI cuma alat buat nindas rakyat kecil",
]
# Hard negatives of the same words: the call is negated, asked, rejected, someone else's, a description of
# other countries, history, a figure of speech, or the calling word governs something else.
NOT_A_CALL = [
    "Referendum Skotlandia tahun 2014 hasilnya tetap bergabung dengan Inggris",
    "Dulu GAM memperjuangkan Aceh merdeka, kini damai lewat MoU Helsinki 2005",
    "RMS dulu diproklamasikan 1950, kini Maluku bagian sah NKRI",
    "Harga cabai = mahal banget minggu ini",
    "Menkumham meresmikan gedung baru Lapas Cipinang hari ini",
    "Pak Menkeu, tolong kaji ulang kenaikan pajak ini, rakyat kecil berat",
    "Indonesia tidak harus jadi negara Islam, kita negara Pancasila",
    "Jangan dukung khilafah, itu memecah belah umat",
    "Khilafah bukan solusi, Pancasila sudah final",
    "Butuh khilafah? Tidak, kita butuh pemimpin yang jujur.",
    "Dukung penumpasan gerakan Papua merdeka oleh aparat",
    "Ayo dukung Papua merdeka dari stunting! Posyandu buka setiap Sabtu",
    "Mari dukung negara-negara Islam yang membantu korban gempa",
    "Harus ada negara Islam yang berani membela Palestina",
    "Pemerintah wajib membubarkan ormas yang ingin mendirikan khilafah",
    "Kalau ada yang mau dirikan negara Islam, silakan pindah saja",
    "Harus diakui, kekhalifahan Utsmani pernah berjaya di masa lalu",
    "Pancasila = dasar negara kita, jaga bersama",
    "Jokowi = presiden ketujuh Republik Indonesia",
    "Bupati Garut = bupati termuda se-Jawa Barat, selamat bertugas",
    "Harus ganti sistem absensi, fingerprint sering error di kantor",
    "Harus berontak dari zona nyaman kalau mau maju",
    "Saya mendukung gerakan Papua bebas stunting",
    "Masyumi mendukung pemberontakan PRRI/Permesta, lalu partai itu dibubarkan",
    "Saya tidak mendukung khilafah, Pancasila sudah final",
    "Indonesia ora kudu dadi negara Islam, Pancasila wis cukup",
    # the idea rejected after it is named: not fit for the country, to be fought, given no stage
    "Paham khilafah harus dilawan bersama, NKRI harga mati",
    "Khilafah tidak cocok untuk bangsa yang majemuk seperti Indonesia",
    "Ormas yang mengusung negara khilafah jangan diberi panggung di kampus",
    # a demonstrative or a finished state between the target and words that are no insult; an insult asked about
    "Pemerintah ini sudah bekerja keras melawan teroris",
    "Apakah pemerintah ini thaghut? Ustaz menjawab: tidak, itu pemahaman yang keliru",
    "Gedung DPR jadi titik kumpul massa aksi sejak pagi",
    # holy war on something that is no target, or on a colonial government in a history lesson
    "Jihad melawan hawa nafsu adalah jihad yang paling besar",
    "Sejarah: jihad melawan pemerintah kolonial Belanda dipimpin Pangeran Diponegoro",
    "Jihad melawan korupsi harus dimulai dari diri sendiri",
    # what ought to be, of no advocacy; freedom from the colonisers
    "Seharusnya kita bersyukur Indonesia merdeka dari penjajah sejak 1945",
    "Harusnya pemerintah lebih serius soal harga beras",
    # a regime sunk is one voted out
    "Tenggelamkan rezim yang berkuasa saat ini beserta partai pengusungnya di pemilu nanti",
    # the dismissal negated, asked, someone else's, conditional, or said of something else
    "Jangan biarkan Pancasila hanya jadi slogan, amalkan dalam kehidupan sehari-hari",
    "Pancasila bukan sekadar slogan, tapi pedoman hidup berbangsa",
    "Pancasila tidak akan pernah usang, selalu relevan sepanjang zaman",
    "Yang bilang Pancasila sudah tidak relevan itu perlu belajar sejarah lagi",
    "Apakah Pancasila masih relevan di era digital? Simak diskusinya malam ini",
    "Ada kelompok yang menganggap Pancasila sudah usang, kita harus waspada",
    "Bagi kaum radikal, Pancasila dianggap tidak relevan. Itu keliru besar.",
    "Seminar: menjawab tudingan bahwa Pancasila sudah usang",
    "Tanpa pengamalan, Pancasila hanya jadi pajangan dinding",
    "Semboyan Bhinneka Tunggal Ika jangan cuma jadi hiasan dinding sekolah",
    "Aturan lama soal cuti pegawai sudah tidak relevan, perlu direvisi",
    "Mari menerapkan syariat Islam dalam kehidupan sehari-hari, mulai dari diri sendiri",
    # a person's name after a naming word, whatever list the word is in
    "Nama adik saya Khilafah Nur Aini, lahir tahun 2010",
    "Nama anak kedua saya Daulah, artinya negara, kata mertua bagus",
    "UUD 1945 bukan kertas sampah, itu konstitusi kita",
    "Buang sampah pada tempatnya, amalkan Pancasila",
    # the same words as history, a dare, someone else's demand, a warning
    "Film dokumenter tentang percobaan kudeta 1965 tayang malam ini",
    "Massa menuntut referendum sekarang juga, aparat berjaga di depan kantor gubernur",
    "Papua pengen pisah? Coba aja referendum kalau berani, hasilnya pasti tetap NKRI",
    "Kalau ada yang ngajak angkat senjata, laporkan ke polisi",
    "Siapa bilang Papua bukan Indonesia? Papua adalah kita",
    # a name between a calling word and something that is no term; freedom from a colonial past; the state called
    # unbelieving by someone else, or asked; dogs of the police
    "Sudah waktunya Jokowi pensiun dan momong cucu",
    "Indonesia merdeka dari penjajahan Belanda tahun 1945",
    "Kelompok itu menganggap NKRI thogut, waspadalah",
    "Apakah pemerintah kafir? Tentu tidak, itu pemahaman yang keliru",
    "Semua anjing pelacak polisi sudah divaksin rabies",
    "Semangat para pahlawan tetap hidup di hati kami, selamat Hari Pahlawan",
    "Dulu kelompok itu menyebut polisi ansharut thaghut, sekarang anggotanya sudah insaf",
    "Polisi kepung rumah terduga teroris di Bekasi sejak pagi",
    "Kotak amal masjid isinya cuma recehan, ayo infak lebih banyak",
    # a pronoun object of a kind act; a pronoun cannot point back at the state
    "Pak Gubernur mau lewat, sambut dia dengan senyum",
    "NKRI harga mati. Para koruptor yang merusak negeri ini, gantung mereka!",
    # done away with, but negated, someone else's wish, or a policy
    "NKRI tidak boleh dibubarkan oleh siapa pun",
    "Kelompok yang ingin NKRI dibubarkan harus ditindak tegas",
    "Aturan PPKM mending dicabut aja, ekonomi susah",
    "Bali lepas dari ketergantungan pariwisata, itu harapan kami",
    "Riau pisah kamar sama adiknya sekarang, udah gede",
]


@pytest.mark.parametrize("text", PLAIN)
def test_plain_calls_and_equations_are_reviewed_whatever_the_model(text, full_resources):
    findings = run_detector(IdeologyHateDetector, make_activity(text), full_resources)
    assert findings and findings[0].rule == 1, text
    assert findings[0].needs_review or dict(findings[0].extra)["model_probability"] >= 0.5  # words never confirm


@pytest.mark.parametrize("text", NOT_A_CALL)
def test_the_same_words_without_a_call_are_left_alone(text, full_resources):
    assert not run_detector(IdeologyHateDetector, make_activity(text), full_resources), text


@pytest.mark.parametrize("text", POSITIVE)
def test_hate_against_state_is_found_in_a_draft_check(text, full_resources):
    act = make_activity(text)
    findings = run_detector(IdeologyHateDetector, act, full_resources, draft=True)
    assert findings, text
    f = findings[0]
    assert f.rule == 1 and f.confidence >= 0.35
    assert "Larangan 1" in f.explanation and f.basis and f.score_detail
    assert evidence_quotes_original(act, findings)


@pytest.mark.parametrize("text", POSITIVE)
def test_hate_against_state_when_monitoring(text, full_resources):
    findings = run_detector(IdeologyHateDetector, make_activity(text), full_resources)
    if text in WORDS_ONLY:
        assert not [f for f in findings if not f.needs_review], text  # a word match alone never confirms
    else:
        assert findings and findings[0].rule == 1, text


@pytest.mark.parametrize("text", CONFIRMED)
def test_explicit_words_and_the_model_agreeing_confirm(text, full_resources):
    findings = run_detector(IdeologyHateDetector, make_activity(text), full_resources)
    assert findings and not findings[0].needs_review, [(f.confidence, f.score_detail) for f in findings]


@pytest.mark.parametrize("text", NEGATIVE)
def test_criticism_news_and_patriotism_are_left_alone(text, full_resources):
    for draft in (False, True):
        findings = run_detector(IdeologyHateDetector, make_activity(text), full_resources, draft=draft)
        assert not [f for f in findings if not f.needs_review], (text, draft, findings)


def test_ocr_text_is_read_and_quoted():
    act = make_activity("lihat gambar", media=[{"kind": "image", "ocr_text": "PANCASILA THAGHUT, TOLAK!"}])
    findings = run_detector(IdeologyHateDetector, act)
    assert findings and findings[0].evidence[0].field == "media[0].ocr_text"
    assert evidence_quotes_original(act, findings)


def test_operator_can_add_a_term(tmp_path):
    from rambu.analysis import Resources
    from rambu.settings import load_config
    cfg = tmp_path / "rambu.toml"
    cfg.write_text('[lists.rule1]\nhateful = ["negeri para begundal"]\n', encoding="utf-8")
    text = "dasar negeri para begundal"
    assert not run_detector(IdeologyHateDetector, make_activity(text))
    assert run_detector(IdeologyHateDetector, make_activity(text), Resources(config=load_config(cfg)))
