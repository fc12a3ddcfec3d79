"""Rule 6: spreading exempted security and order information of corrections.

The table holds positives for every kind of exempted information and the hard
negatives around them (official releases, public service information,
briefings, news, recruitment ads, bank/phone numbers, everyday uses of the
same words). "violation" = a confirmed finding, "review" = only findings a
human must confirm, "clean" = nothing reported.
"""
from __future__ import annotations

from types import MappingProxyType

import pytest

from conftest import evidence_quotes_original, make_activity, run_detector
from rambu.analysis import Resources
from rambu.detectors.rule6_security import SecurityInfoDetector, is_valid_nik, nik_error
from rambu.settings import Config, default_config


def _decision(findings) -> str:
    if any(not f.needs_review for f in findings):
        return "violation"
    return "review" if findings else "clean"


def _share(text: str, author: str | None = None, type: str = "share") -> dict:
    target = {"text": text}
    if author:
        target["author"] = author
    return make_activity(None, type=type, target=target)


def _ocr(caption: str | None, ocr: str) -> dict:
    return make_activity(caption, media=[{"kind": "image", "path": "x.jpg", "ocr_text": ocr}])


CASES = [
    # --- guard schedules, handovers, empty posts
    ("jadwal-aplusan-pos-kosong", make_activity("Jadwal jaga regu 3 aplusan jam 02.00, pos atas kosong"), "violation"),
    ("aplusan-jam", make_activity("Kawan2 regu 1, aplusan nanti jam 19.00 ya, jangan telat"), "violation"),
    ("menara-tidak-dijaga", make_activity("Menara 2 gak ada yang jaga malam ini, regu 4 kurang personel"), "violation"),
    ("pos-nomor-kosong", make_activity("pos 3 kosong dari jam 1 sampai jam 3, hati2"), "violation"),
    # a question asks for the schedule; it discloses only what it states exactly
    ("question-escort-schedule", make_activity("Ada yang tahu jadwal pengawalan tahanan ke PN besok jam berapa?"),
     "review"),
    ("question-escort-vague", make_activity("Pak, jadwal pengawalan tahanan besok lewat mana ya?"), "review"),
    ("question-with-exact-time", make_activity("Pengawalan tahanan ke PN besok jam 08.00 lewat jalan Pemuda, "
                                               "siapa yang ikut?"), "violation"),
    ("question-raid-tipoff", make_activity("Besok ada razia blok C ya?"), "violation"),
    ("question-then-answer", make_activity("Jadwal pengawalan besok? Jam 08.00 lewat tol Cikampek, 2 mobil"),
     "violation"),
    ("ocr-jadwal-piket", _ocr("Semangat rekan2", "JADWAL PIKET REGU PENGAMANAN\nRegu A 07.00-13.00\n"
                                                 "Regu B 13.00-19.00\nRegu C 19.00-07.00"), "violation"),
    # --- CCTV
    ("cctv-mati", make_activity("Info: CCTV blok C mati dari kemarin, belum diperbaiki"), "violation"),
    ("cc-tv-spasi", make_activity("cc tv di lorong blok A rusak, kamera pengawas pos 2 juga error"), "violation"),
    ("cctv-spaced-letters", make_activity("C C T V blok A mati total"), "violation"),
    ("cctv-slang-ngeblank", make_activity("CCTV P2U ngeblank dari semalem"), "violation"),
    ("titik-buta", make_activity("Titik buta kamera ada di pojok belakang dapur blok B"), "violation"),
    ("cctv-posisi", make_activity("Kamera CCTV di pintu P2U menghadap ke parkiran, lorong blok D tidak tercover"),
     "violation"),
    ("video-transcript", make_activity(None, type="upload", media=[{
        "kind": "video", "path": "v.mp4",
        "transcript": "ini blok C, cctv-nya udah mati dari minggu lalu gak dibenerin"}]), "violation"),
    ("dvr-screen-ocr", _ocr("Lagi santai", "CAM 03  BLOK A LORONG\n2025-03-12 02:13:44"), "violation"),
    # --- layout, walls, keys, doors
    ("denah-blok", make_activity("Ini denah blok hunian Lapas kita, lengkap dengan jalur patroli"), "violation"),
    ("tembok-jebol", make_activity("Tembok belakang blok C jebol, bisa dipanjat"), "violation"),
    ("kunci-dibawa-pulang", make_activity("Kunci sel dibawa pulang sama petugas regu 2 wkwk"), "violation"),
    ("duplikat-kunci", make_activity("Ada duplikat kunci gembok blok B yang beredar"), "violation"),
    ("kunci-dipegang-tamping", make_activity("Kunci kamar hunian dipegang tamping"), "violation"),
    ("pintu-tidak-dikunci", make_activity("Pintu branggang tidak dikunci tadi malam"), "violation"),
    # --- transfers and escorts
    ("pemindahan-rute", make_activity(
        "Pemindahan napi besok jam 05.00 lewat tol Cipali, 12 personel pengawal, mobil B 1234 XYZ"), "violation"),
    ("pengawalan-sidang", make_activity("Pengawalan sidang napi ke PN Jakarta Selatan besok jam 9, 4 petugas"),
     "violation"),
    ("bandar-dipindah", make_activity("Besok 10 napi bandar besar dipindah ke Nusakambangan, dikawal Brimob"),
     "violation"),
    ("wbp-subuh", make_activity(
        "Besok jam 3 subuh ada pemindahan 15 WBP ke Lapas Karanganyar Nusakambangan, pakai 2 bus"), "violation"),
    # --- raids and inspections
    ("razia-besok-tipoff", make_activity("Razia besok malam di blok C, amankan barang kalian"), "violation"),
    ("sidak-nanti-malam", make_activity("Sidak kamar hunian nanti malam jam 23.00"), "violation"),
    ("sidak-kanwil", make_activity("Nanti malam ada sidak dari Kanwil, siap-siap bro"), "violation"),
    ("share-razia-plan", _share("Info A1: razia gabungan nanti malam jam 22.00 sasaran blok D"), "violation"),
    ("hasil-razia-bocor", make_activity(
        "Barusan razia blok C, dapat 20 HP, 2 sajam, dan sabu 5 paket. Belum rilis ya"), "violation"),
    ("hasil-razia-pribadi", make_activity(
        "Alhamdulillah razia semalam berhasil menyita 12 ponsel di blok C"), "review"),
    # --- radio
    ("kode-10", make_activity("Kode 10-4 artinya diterima, 10-8 siap tugas"), "violation"),
    ("sandi-callsign", make_activity("Sandi radio baru: Elang = Kalapas, Rajawali = KPLP"), "violation"),
    ("frekuensi-ht", make_activity("Frekuensi HT pengamanan 150.250 MHz"), "violation"),
    # --- identity, registers, risk lists, classified documents
    ("nik-napi", make_activity("Data napi: Nama Budi, NIK 3201011205900001, alamat Bogor"), "violation"),
    ("nik-perempuan", make_activity("NIK 3201015205900002 atas nama Siti, tahanan baru"), "violation"),
    ("nik-dotted", make_activity("NIK tahanan: 32.01.01.120590.0001"), "violation"),
    ("register-bi", make_activity("No. Reg B.I 123/2024 atas nama Joko"), "violation"),
    ("register-ai", make_activity("Reg. AI 45/23 tahanan titipan kejaksaan"), "violation"),
    ("daftar-high-risk", make_activity("Daftar napi high risk:\n1. Andi (blok A)\n2. Budi (blok C)"), "violation"),
    ("daftar-risiko-pindah", make_activity(
        "Daftar napi risiko tinggi yang dipindah ke Nusakambangan minggu depan"), "violation"),
    ("marker-rahasia", _ocr(None, "RAHASIA\nNOTA DINAS\nNomor: W.10.PAS.1-PK.01\nPerihal: pengamanan natal"),
     "violation"),
    ("sifat-sangat-rahasia", make_activity("Sifat: Sangat Rahasia. Perihal: pengamanan natal"), "violation"),
    ("surat-telegram", make_activity("Ini surat telegram Kanwil soal pengamanan nataru"), "violation"),
    # --- hard negatives: official releases, public service, briefings, news, ads
    ("humas-razia", make_activity("Humas Lapas X: razia gabungan semalam berhasil menyita 12 ponsel"), "clean"),
    ("humas-penggeledahan", make_activity(
        "Humas Rutan X - Telah dilaksanakan penggeledahan kamar hunian, hasilnya nihil"), "clean"),
    ("akun-unit-razia", make_activity(
        "Lapas X menggelar razia kamar hunian dan berhasil menyita 15 HP dari blok C",
        author={"handle": "humas_lapasx"}), "clean"),
    ("share-rilis-unit", _share("Telah dilaksanakan razia kamar hunian, berhasil menyita 20 HP dan 3 sajam",
                                author="humas_lapasx"), "clean"),
    ("pemusnahan", make_activity("Pemusnahan barang hasil razia: 150 HP, 30 sajam"), "clean"),
    ("jadwal-kunjungan", make_activity(
        "Jadwal kunjungan Senin-Kamis 08.00-12.00, layanan titipan barang buka jam 08.00"), "clean"),
    ("apel-kesiapsiagaan", make_activity("Apel kesiapsiagaan, tingkatkan kewaspadaan seluruh petugas"), "clean"),
    ("imbauan-cctv", make_activity("Pastikan CCTV tidak mati dan pos atas jangan sampai kosong"), "clean"),
    ("sosialisasi-bila", make_activity("Sosialisasi: bila CCTV mati segera lapor ke Karupam"), "clean"),
    ("razia-rutin", make_activity("Razia rutin terus dilakukan untuk mewujudkan lapas bersinar"), "clean"),
    ("razia-serentak-umum", make_activity("Kemenimipas akan menggelar razia serentak di seluruh Lapas se-Indonesia"),
     "clean"),
    ("cctv-terpasang", make_activity("CCTV sudah terpasang di seluruh area Lapas, kata Kalapas kepada wartawan"),
     "clean"),
    ("berita-cctv", make_activity("Dilansir dari detik.com, CCTV Lapas X mati saat napi kabur, ujarnya"), "clean"),
    ("share-berita", _share("Polisi buru 3 napi kabur dari Rutan X lewat plafon yang jebol, CCTV disebut mati. "
                            "Kapolres: kami sudah bentuk tim"), "clean"),
    ("lowongan", make_activity("Lowongan satpam shift malam jam 19.00-07.00, hubungi 0812345678"), "clean"),
    ("like-tidak-dibaca", _share("razia gabungan nanti malam jam 22.00 sasaran blok D", type="like"), "clean"),
    ("rekening", make_activity("Transfer ke rekening BCA 3201011205900001 a.n. Budi"), "clean"),
    ("nik-tidak-sah", make_activity("NIK saya 3201011305900000 kok ditolak"), "clean"),
    ("nik-provinsi-salah", make_activity("KTP: 9901011205900001"), "clean"),
    ("nip-18-digit", make_activity("NIP 198705122010121001"), "clean"),
    ("telepon", make_activity("Hubungi WA 0812-3456-7890 atau 021-5551234"), "clean"),
    ("token-listrik", make_activity("Token listrik 3201 0112 0590 0001"), "clean"),
    ("kuota-terbatas", make_activity("KUOTA TERBATAS! Daftar sekarang"), "clean"),
    ("rahasia-sukses", make_activity("Rahasia sukses itu kerja keras. Kunci sukses adalah disiplin"), "clean"),
    ("resep-rahasia", make_activity("RESEP SANGAT RAHASIA ayam goreng"), "clean"),
    ("sertijab", make_activity("Serah terima jabatan Kalapas berlangsung khidmat"), "clean"),
    ("piket-pribadi", make_activity("Besok saya piket, jadi gak bisa datang ke nikahan"), "clean"),
    ("apel-serah-terima", make_activity("Apel serah terima regu pengamanan dipimpin Ka KPLP berjalan tertib"), "clean"),
    ("cctv-rumah", make_activity("CCTV di rumah saya mati, ada yang bisa servis?"), "clean"),
    ("razia-polisi", make_activity("Besok ada razia polisi di simpang 4, bawa SIM STNK ya"), "clean"),
    ("gembok-motor", make_activity("Gembok motor saya hilang di parkiran"), "clean"),
    ("jalur-evakuasi", make_activity("Jalur evakuasi kebakaran ada di pintu samping"), "clean"),
    ("skor-10-4", make_activity("Pertandingan berakhir 10-4 untuk tim Lapas"), "clean"),
    ("nomor-perkara", make_activity("Nomor register perkara 123/Pid.B/2024/PN Jkt"), "clean"),
    ("tes-urine-hasil", make_activity("Kegiatan tes urine bagi pegawai Lapas X, hasil negatif semua"), "clean"),
    ("pembangunan-tembok", make_activity("Pembangunan tembok keliling Lapas X sudah 80%"), "clean"),
    # --- the state is the author's (body, belongings, home, family), not the guarded object's
    ("shift-then-sleep", make_activity("Abis jaga malam di lapas, sampai rumah langsung tidur"), "clean"),
    ("shift-body-weak", make_activity("Habis piket di rutan badan lemah banget, pengen rebahan"), "clean"),
    ("phone-left-at-post", make_activity("HP saya ketinggalan di pos jaga lapas, besok saya ambil"), "clean"),
    ("child-brought-on-shift", make_activity("Anak saya dibawa ke kantor pas jaga siang di rutan, lucu"), "clean"),
    ("control-room-aircon", make_activity("Ruang kontrol rutan AC-nya mati, panas banget kerja hari ini"), "clean"),
    ("guard-asleep-still-found", make_activity("Pos menara 3 lapas kosong tiap jam 2 malam, penjaganya tidur"),
     "violation"),
    ("cctv-down-after-shift", make_activity("Abis jaga malam, CCTV blok C lapas mati dari kemarin belum dibenerin"),
     "violation"),
    # --- informants: naming who informs the officers from inside endangers them
    ("informant-named", make_activity("Yang jadi cepu petugas di blok C kamar 12 lapas itu si Anton, hati2 ngomong"),
     "review"),
    ("informant-named-2", make_activity("Informan kita di dalam rutan itu Budi, kamar 7 blok A"), "review"),
    ("snitch-insult-elsewhere", make_activity("Akun cepu kerjaannya ngadu mulu, males"), "clean"),
    ("office-snitch-joke", make_activity("Yang jadi cepu di kantor ternyata si Rina wkwk"), "clean"),
    ("jammer-off", make_activity("Jammer di rutan mati sejak korsleting kemaren, HP napi pada nyala semua"),
     "violation"),
    ("jammer-shop", make_activity("Jual jammer sinyal buat ruang rapat kantor, harga nego"), "clean"),
    # --- more variants (slang, word order, other media)
    ("pos-cuma-dua", make_activity("Malam ini yg jaga pos 1 cuma 2 orang, pos 3 kosong sampai pagi"), "violation"),
    ("kamera-pengawas-gak-berfungsi", make_activity("Kamera pengawas di blok wanita gak berfungsi udah seminggu"),
     "violation"),
    ("layout-rutan", make_activity("Ini layout rutan kita, pintu keluar ada di sebelah kiri pos bawah"), "violation"),
    ("kunci-serep", make_activity("Kunci serep kamar hunian disimpan di laci pos utama"), "violation"),
    ("pintu-sel-rusak", make_activity("pintu sel 4 rusak gak bisa dikunci, napi bisa keluar masuk"), "violation"),
    ("pengiriman-tanggal", make_activity(
        "Tgl 20 Maret ada pengiriman tahanan ke Lapas Cipinang, pengawalan 8 personel + 2 Brimob"), "violation"),
    ("penggeledahan-subuh", make_activity("Sstt.. besok subuh ada penggeledahan gabungan sama BNN di blok narkoba"),
     "violation"),
    ("hasil-jangan-diposting", make_activity("Kemarin razia di blok C nemu 40 HP, tapi jangan diposting dulu ya"),
     "violation"),
    ("daftar-call-sign", make_activity("Daftar call sign: Kalapas = Alfa 1, KPLP = Bravo, Karupam = Charlie"),
     "violation"),
    ("napiter-penempatan", make_activity("Napiter blok isolasi ada 5 orang, ditempatkan di sel 3 sampai 7"),
     "violation"),
    ("broadcast-telegram", _share("SANGAT RAHASIA\nTelegram Kanwil: pengamanan eksekusi tanggal 5, "
                                  "pengawalan 20 personel", type="broadcast"), "violation"),
    ("ocr-sifat-rahasia", _ocr("bocoran nih", "NOTA DINAS\nSifat : Rahasia\nHal : Rencana razia gabungan"),
     "violation"),
    ("live-transcript", make_activity("Live dari pos", type="live", live={
        "started_at": "2025-03-15T20:00:00+07:00",
        "transcript": "nah ini cctv blok d yang mati itu guys, dari sini gak kelihatan"}), "violation"),
    ("nik-berkelompok", make_activity("NIK napi 3201 0112 0590 0001"), "violation"),
    ("register-biia", make_activity("No. Registrasi: B.IIa 45/2023"), "violation"),
    ("piket-kebersihan", make_activity("Jadwal piket kebersihan kelas: Senin Andi, Selasa Budi"), "clean"),
    ("sidak-puskesmas", make_activity("Besok ada sidak dari dinas kesehatan ke puskesmas"), "clean"),
    ("sidak-berita", make_activity(
        "Kakanwil melaksanakan kunjungan kerja sekaligus sidak disiplin pegawai di Rutan X, Senin (10/3)"), "clean"),
    ("humas-pemindahan", make_activity(
        "Humas Rutan Y: pemindahan 20 warga binaan ke Lapas Z telah berjalan aman dan lancar"), "clean"),
    ("cpns", make_activity("Dibuka pendaftaran CPNS Kemenimipas formasi penjaga tahanan, syarat lihat di link"),
     "clean"),
    ("berita-napiter", make_activity(
        "Kemenkumham: napi teroris akan dipindahkan ke Nusakambangan, kata Dirjen kepada wartawan"), "clean"),
    # risk inmates in a programme, and nowhere: a pledge, a ceremony, a place named for what happens there
    ("ikrar-napiter", make_activity(
        "Deradikalisasi napiter: tiga narapidana terorisme hari ini berikrar setia kepada NKRI"), "clean"),
    ("upacara-nusakambangan", make_activity(
        "Tiga narapidana terorisme di Lapas Nusakambangan hari ini mengikuti upacara ikrar setia NKRI"), "clean"),
    ("wisata-nusakambangan", make_activity("Libur ke pantai Permisan, pemandangan Nusakambangan indah"), "clean"),
    # ... and where they are or go still discloses, also in slang ("WBP")
    ("napiter-hari-ini-pindah", make_activity("Hari ini 5 napiter dipindahkan ke Lapas Nusakambangan"), "violation"),
    ("napiter-besok-blok", make_activity("Besok 3 napiter ditempatkan di blok isolasi C"), "violation"),
    # a transfer with no time and no escort detail is how news and releases report it afterwards: review at most
    ("pindah-tanpa-waktu", make_activity(
        "Sebanyak 3 napiter berisiko tinggi dipindahkan dari Rutan Cikeas ke Lapas Nusakambangan"), "review"),
    ("pindah-tanpa-waktu-wbp", make_activity("20 warga binaan dipindahkan ke Lapas Karanganyar"), "review"),
    ("pindah-berita-sumber", make_activity(
        "Densus 88 memindahkan 3 napiter ke Lapas Nusakambangan (sumber: Kompas)"), "clean"),
    # ... but its route, vehicles or strength are the escort plan, dated or not
    ("pindah-rute-tanpa-waktu", make_activity(
        "Pemindahan 3 napiter ke Nusakambangan lewat tol Cipali, dikawal 20 personel Brimob"), "violation"),
    ("pindah-mobil-tanpa-waktu", make_activity("Napi bandar dipindah ke Lapas Batu pakai mobil B 1234 XYZ"),
     "violation"),
    # a kind of institution is a destination only with its name; a raid that found nothing is a result
    ("pengawalan-kembali", make_activity("Pengawalan sidang hari ini lancar, terdakwa sudah kembali ke rutan"),
     "clean"),
    ("pindah-lapas-huruf-kecil", make_activity("besok napi dipindah ke lapas cipinang jam 5"), "violation"),
    ("razia-nihil", make_activity("Alhamdulillah razia hari ini nihil, warga binaan makin tertib"), "clean"),
    # tonight is ahead unless a result is said; asking for a result does not say one
    ("sidak-malam-ini-aman", make_activity("Sidak Kalapas ke blok hunian malam ini, semua aman"), "clean"),
    ("razia-malam-ini-pastikan", make_activity("Razia di blok hunian malam ini, pastikan semua aman"), "violation"),
    ("wbp-pindah-besok", make_activity("Besok jam 05.00 ada 12 WBP dipindah ke Rutan Salemba"), "violation"),
    # where one is placed, in everyday words ("ditaruh", "mendekam"); seen in a block at a programme is not moved
    ("napiter-ditaruh-blok", make_activity("Napiter yang baru datang ditaruh di Blok C kamar 12, paling ujung"),
     "review"),
    ("bandar-mendekam", make_activity("Bandar narkoba kelas kakap itu sekarang mendekam di sel isolasi Blok A"),
     "review"),
    ("napiter-pembinaan-blok", make_activity(
        "Napiter di Blok C mengikuti pembinaan kepribadian bersama penyuluh agama hari ini"), "clean"),
    ("pengecekan-rutin", make_activity("Pengecekan kunci dan gembok kamar hunian rutin dilaksanakan setiap hari"),
     "clean"),
    ("rilis-hashtag", make_activity(
        "Razia kamar hunian rutin Lapas X, hasil nihil, situasi aman kondusif #pemasyarakatanpastibermanfaat"),
     "clean"),
    ("kartu-kredit", make_activity("Kartu kredit 3201 0112 0590 0001"), "clean"),
    ("id-transaksi", make_activity("ID transaksi 3201011205900001"), "clean"),
    ("skor-10-8", make_activity("Skor akhir 10-8, mantap"), "clean"),
    ("kamera-hp", make_activity("Kamera hp saya rusak, ada rekomendasi servis?"), "clean"),
    ("shift-pabrik", make_activity("Shift malam di pabrik bikin ngantuk"), "clean"),
    ("pos-ronda", make_activity("Pos ronda kosong, warga pada tidur"), "clean"),
    ("razia-knalpot", make_activity("Razia knalpot brong di jalan protokol nanti malam"), "clean"),
    ("pelatihan-ht", make_activity("Pelatihan penggunaan HT dan sandi komunikasi untuk petugas baru"), "clean"),
    ("kunci-ilang", make_activity("Kunci blok C ilang dari semalem, belum ketemu sampe sekarang"), "violation"),
    ("dompet-ilang", make_activity("Dompet gue ilang di angkot, ada yang nemu?"), "clean"),
    # a word that is the prison's only where nothing says otherwise: a district, a film, a game
    ("razia-blok-m", make_activity("Razia besok di Blok M Jakarta Selatan, hati2 bawa surat kendaraan"), "clean"),
    ("film-kunci-sel", make_activity("Film Prison Break seru banget, adegan duplikat kunci sel bikin tegang"), "clean"),
    ("game-pos-kosong", make_activity("Main PUBG tadi pos atas kosong, langsung kita rush dari belakang"), "clean"),
    # ... and still the prison's beside everyday words
    ("regu-pos-rumah", make_activity("Regu 3 jaga pos atas malam ini, CCTV blok C mati, besok pulang ke rumah"),
     "violation"),
    ("cctv-blok-nonton", make_activity("Lagi nonton CCTV blok C, kamera 4 mati dari tadi"), "violation"),
    ("komentar-target-tidak-dibaca", make_activity(
        "Astaghfirullah, hapus min", type="comment",
        target={"text": "Razia besok malam di blok C, amankan barang kalian"}), "clean"),
    # --- inmates' plans heard inside, a master key; hard negatives: news of a strike, a plan denied, fiction
    ("inmates-plan", make_activity("Anak2 blok A lagi rencana mogok makan + bikin ribut pas jam kunjungan Sabtu, gw "
                                   "denger dari tamping"), "review"),
    ("master-key", make_activity("Kunci gembok blok hunian wanita di Rutan kita masih pake kunci master yg sama semua, "
                                 "gampang banget digandain"), "violation"),
    ("strike-news", make_activity("Berita: puluhan napi Lapas X mogok makan menuntut remisi, Kalapas sudah menemui "
                                  "perwakilan mereka"), "clean"),
    ("plan-denied", make_activity("Alhamdulillah pembinaan napi bulan ini lancar, nggak ada rencana kabur atau ribut, "
                                  "semua tertib"), "clean"),
    ("plan-fiction", make_activity("Film Prison Break seru banget, rencana kabur Michael Scofield jenius"), "clean"),
    # a finished operation told as releases tell it (when, how many, from and to), shared by any employee; the same
    # with what a release leaves out (the route, the blocks searched) or a leak cue is still reviewed
    ("finished-transfer-told", make_activity("Alhamdulillah 12 napi bandar narkoba telah dipindahkan kemarin ke Lapas "
                                             "Karanganyar Nusakambangan, semuanya berjalan aman dan lancar"), "clean"),
    ("finished-test-told", make_activity("Tes urine seluruh petugas dan 150 warga binaan tadi pagi, hasilnya "
                                         "seluruhnya negatif. Mantap!"), "clean"),
    ("finished-transfer-route", make_activity("12 napi bandar telah dipindahkan kemarin lewat tol Cipali lalu jalur "
                                              "Cilacap, semuanya berjalan aman dan lancar"), "review"),
    ("finished-raid-blocks", make_activity("Razia semalam di blok C dan blok F berjalan lancar, dapat 12 HP"), "review"),
    ("finished-transfer-leak", make_activity("12 napi bandar telah dipindahkan kemarin ke Nusakambangan, aman dan "
                                             "lancar. Jangan disebar dulu ya, belum dirilis"), "violation"),
    # a finished raid whose seizures are destroyed; the same raid with the blocks searched still discloses
    ("finished-raid-destroyed", make_activity("Rutan Kelas IIB Sleman menggelar razia bersama Polres, petugas menyita "
                                              "7 unit HP dan obeng rakitan yg langsung dimusnahkan"), "clean"),
    ("finished-raid-destroyed-blocks", make_activity("Razia semalam di blok C dan blok F, 7 HP disita lalu langsung "
                                                     "dimusnahkan"), "review"),
    # an escort told ahead: the prisoner carried from the prison with the time, route and guard count; PK (a court
    # review, or the Pembimbing Kemasyarakatan) is no recruitment ad
    ("escort-ahead-route", make_activity("Besok jam 09.00 terpidana kasus pembunuhan dibawa dari rutan ke PN buat sidang"
                                         " PK, lewat Jl. Diponegoro, cuma dikawal 3 petugas"), "violation"),
]


@pytest.mark.parametrize("activity,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_table(activity, expected):
    findings = run_detector(SecurityInfoDetector, activity)
    assert _decision(findings) == expected, [(f.confidence, f.score_detail) for f in findings]
    assert evidence_quotes_original(activity, findings)
    for f in findings:
        assert f.rule == 6
        assert f.evidence
        for e in f.evidence:
            assert e.quote and e.quote.strip() == e.quote


def test_ids_are_unique():
    assert len({c[0] for c in CASES}) == len(CASES) >= 35


def test_nik_and_marker_are_high_confidence():
    (nik,) = run_detector(SecurityInfoDetector, make_activity("NIK 3201011205900001 napi blok C"))
    assert nik.confidence >= 0.85 and not nik.needs_review
    assert dict(nik.extra)["kind"] == "nik"  # rambu.sanctions reads this
    (mark,) = run_detector(SecurityInfoDetector, make_activity("Sifat: RAHASIA\nPerihal: rencana pengawalan"))
    assert mark.confidence >= 0.85 and dict(mark.extra)["kind"] == "classified"


def test_own_nik_without_context_needs_review():
    (f,) = run_detector(SecurityInfoDetector, make_activity("NIK saya 3201011205900001 kok ga bisa daftar"))
    assert f.needs_review


def test_raid_plan_is_always_violation_but_result_is_review():
    plan = run_detector(SecurityInfoDetector, make_activity("Besok ada razia di lapas"))
    assert _decision(plan) == "violation"
    result = run_detector(SecurityInfoDetector, make_activity("Razia semalam di blok C dapat 12 HP"))
    assert _decision(result) == "review"


def test_explanation_and_basis():
    (f,) = run_detector(SecurityInfoDetector, make_activity("CCTV blok C mati"))
    assert f.explanation.startswith("Larangan 6")
    assert "CCTV" in f.explanation
    assert any("Pasal 17" in b for b in f.basis)
    assert f.score_detail


def test_operator_sensitive_places():
    base = default_config()
    cfg = Config(base.values, MappingProxyType({"rule6": {"sensitive_places": ("Blok Mawar",)}}))
    act = make_activity("Blok Mawar malam ini kosong, gak ada yang jaga")
    assert _decision(run_detector(SecurityInfoDetector, act, Resources(config=cfg))) == "violation"
    (f,) = run_detector(SecurityInfoDetector, act, Resources(config=cfg))
    assert any(e.quote.startswith("Blok Mawar") for e in f.evidence)


def test_operator_topics_and_ignored_terms():
    base = default_config()
    cfg = Config(base.values, MappingProxyType({"rule6": {"strong_topics": ("kode merah",),
                                                          "outside": ("arisan",)}}))
    res = Resources(config=cfg)
    assert _decision(run_detector(SecurityInfoDetector, make_activity("Kode merah blok C jam 23.00"), res)) \
        == "violation"
    assert _decision(run_detector(SecurityInfoDetector, make_activity("Kamera arisan mati"), res)) == "clean"


# --------------------------------------------------------------------------- NIK validator

@pytest.mark.parametrize("nik", [
    "3201011205900001",  # Jawa Barat, man born 12-05-(19)90
    "3201015205900002",  # woman: day 12 + 40
    "1101010101010001",  # Aceh
    "9601012902000001",  # Papua Barat Daya, 29 February of a leap year
    "3171074112990123",  # woman born 01-12-99
])
def test_nik_valid(nik):
    assert nik_error(nik) is None
    assert is_valid_nik(nik)


@pytest.mark.parametrize("nik,why", [
    ("9901011205900001", "provinsi"),  # no province 99
    ("2001011205900001", "provinsi"),  # no province 20
    ("1001011205900001", "provinsi"),
    ("3200011205900001", "kabupaten"),  # regency 00
    ("3201001205900001", "kecamatan"),  # subdistrict 00
    ("3201013213900001", "bulan"),  # month 13
    ("3201013200900001", "bulan"),  # month 00
    ("3201013102900001", "tanggal"),  # 31 February
    ("3201012902010001", "tanggal"),  # 29 February of a non-leap year
    ("3201013505900001", "tanggal"),  # day 35: neither a man's nor a woman's day
    ("3201017205900001", "tanggal"),  # woman's day 72 = 32
    ("3201010005900001", "tanggal"),  # day 00
    ("3201011205900000", "urut"),  # serial 0000
    ("320101120590001", "16 digit"),  # 15 digits
    ("32010112059000011", "16 digit"),  # 17 digits
    ("32010112059O0001", "16 digit"),  # letter O
    ("", "16 digit"),
])
def test_nik_invalid(nik, why):
    err = nik_error(nik)
    assert err is not None and why in err
    assert not is_valid_nik(nik)


# A reply is read together with the message it answers (issue 6): the route and time of an escort given in
# answer to a question about it is a leak by the one who answered. Hard negatives: answering without detail,
# detail about something harmless, a question that already leaks by itself (the asker's leak, not the reply's).
ESCORT_Q = "Pengawalan napi ke PN Bekasi besok gimana bro, aman?"
REPLIES = [
    ("escort-route-time", ESCORT_Q, "Berangkat jam 08.00 lewat tol Cikampek, 2 mobil, 4 personel", "violation"),
    ("escort-time-only", ESCORT_Q, "besok jam 7 pagi berangkat", "review-or-violation"),
    ("escort-no-detail", ESCORT_Q, "Siap, nanti saya cek dulu ke kasi", "clean"),
    ("harmless-question", "Apel pagi besok jam berapa ya?", "Jam 07.30 di lapangan utama", "clean"),
    ("asker-leaks", "Jadwal jaga regu 3 aplusan jam 02.00, pos atas kosong", "oke siap", "clean"),
    ("placement-answer", "Napiter yang baru datang itu ditaruh di blok mana sekarang?", "Blok C, kamar 12, paling ujung",
     "review"),
    ("harmless-place-answer", "Penyuluhan hukum untuk warga binaan di blok mana ya?", "Blok C, di aula lantai 2",
     "clean"),
    # the reply says a little by itself (a meeting point) and the whole plan with its question; colloquial verbs
    ("answer-says-more-together", "Bro nanti malem jadi mindahin napi ke Nusakambangan?",
     "jadi, nanti malem jam 2 lewat tol Kanci, 3 mobil, kumpul di P2U", "violation"),
    ("answer-with-meeting-point-only", "Penyuluhan hukum untuk warga binaan besok di mana ya?",
     "Di aula lantai 2, kumpul di lobi jam 9", "clean"),
]


@pytest.mark.parametrize("case_id,question,reply,expected", REPLIES, ids=[r[0] for r in REPLIES])
def test_reply_is_read_with_the_message_it_answers(case_id, question, reply, expected):
    act = make_activity(reply, type="reply", target={"text": question})
    findings = run_detector(SecurityInfoDetector, act)
    got = _decision(findings)
    if expected == "review-or-violation":
        assert got in ("review", "violation"), findings
    else:
        assert got == expected, [(f.explanation, f.score_detail) for f in findings]
    if findings:
        assert any(e.field == "text" for e in findings[0].evidence)
        assert "balasan" in findings[0].explanation
        assert evidence_quotes_original(act, findings)
