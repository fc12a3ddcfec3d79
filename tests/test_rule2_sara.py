"""Rule 2: SARA hate against ethnicities, religions and sects, races, groups."""
import pytest

from conftest import evidence_quotes_original, make_activity, run_detector
from rambu.detectors.rule2_sara import SaraHateDetector

POSITIVE = [
    "jawir emang goblok semua, kerjanya cuma ngerusuh",
    "dasar kafir, usir cina dari negeri ini",
    "Orang batak emang kasar2 dan bodoh semua",
    "Papua monyet, pulang saja ke hutan",
    "Syiah sesat, bubarkan pengajian mereka",
    "Ahmadiyah bukan islam, usir dari kampung kita!!",
    "aseng2 itu serakah, jangan kasih kerja di sini",
    "tolak pendirian gereja liar di kampung kami, kristen kafir",
    "Yahudi laknat, bunuh semua",
    "k4f1r harus diperangi, halal darahnya",
    "Orang madura itu biang kerok, jangan terima di kompleks",
    "#UsirCina dari tanah pribumi",
    "Umat hindu kafir, pura mereka harus dibongkar",
    "Jangan pilih pemimpin kafir, haram hukumnya",
    "dasar kadrun onta, balik sana ke gurun",
    "Cina babi, ngerampas tanah pribumi 😡😡",
    "orang jawa serakah, ngambil semua jabatan",
    "orang papua itu bodoh dan terbelakang, kayak monyet",
    "anjing lu cina, balik ke negara lu",
    "Cina 🐷🐷🐷",
    "Orang Papua itu monyet, tidak pantas kuliah",
    "Yahudi itu musuh, perangi mereka semua",
    "wong Papua kuwi kethek kabeh, ora pantes sekolah",
    "kaum LGBT harus dibasmi dari negeri ini",
    # issue 6: a hashtag and a mention name the group; an equation in a meme
    "#UsirAseng dari tanah air, mereka cuma menjajah ekonomi",
    "CINA = PENJAJAH\nUSIR SEMUA",
    # expulsion of a group in so many words, with a curse
    "Mampus aja kalian etnis Tionghoa, balik ke negara asal sana!",
]
NEGATIVE = [
    # objecting to a slur someone else calls people: the slur is reported, not the author's
    "Gw muak sama orang yg masih manggil tetangganya cina kafir. Sadar woy, kita satu bangsa",
    "Tolong jangan panggil orang Tionghoa dengan sebutan cina kafir, itu menyakitkan",
    "Masih ada aja yg manggil temennya cina kafir di 2025, malu",
    # issue 6 hard negatives: scripture and sermons, reporting and condemning, reported speech, questions,
    # jokes among friends, names that look like slurs, pets, derived words that are not insults
    "QS Al-Kafirun ayat 6: untukmu agamamu dan untukku agamaku. Saling menghormati ya",
    "Dalam kajian tafsir, kata kafir dalam Al-Quran berarti orang yang ingkar, bukan untuk memaki tetangga",
    "Tadi ada yang nyebut org Papua itu monyet di kolom komentar. Sedih bacanya.",
    "Koh Aseng tetangga saya baik sekali, tiap Imlek bagi kue ke warga",
    "Monyet peliharaan saya dari Kalimantan lucu sekali hari ini",
    "Semuanya tergantung pada kebijakan pusat, kita tunggu saja",
    "Museum ini mengisahkan sejarah penjajahan Belanda di tanah Jawa",
    "Apakah benar orang Batak itu kasar? Teman Batak saya justru paling lembut",
    "Wkwk si Ucok emang paling jago nyanyi lagu Batak, mantap bro",
    "MUI mengharamkan ujaran kebencian terhadap umat agama lain",
    # greetings and tolerance
    "Selamat Natal bagi saudara-saudara umat Kristen, damai selalu",
    "Selamat Hari Raya Nyepi bagi umat Hindu, semoga damai",
    "Gong Xi Fa Cai! Selamat Imlek untuk saudara Tionghoa",
    "Indahnya toleransi: warga binaan Muslim dan Kristen bergotong royong membersihkan rumah ibadah",
    # religious activities
    "Pengajian rutin warga binaan di masjid lapas bersama ustadz dari Kemenag",
    "Ibadah Minggu warga binaan Kristen di gereja Lapas berjalan khidmat",
    # news and condemnation
    "Polisi menangkap pelaku ujaran kebencian terhadap etnis Tionghoa di Medan",
    "Stop rasisme! Papua bukan monyet, Papua saudara kita",
    "Kami mengecam keras pembakaran gereja di desa itu, usut tuntas pelakunya",
    "Miris lihat komentar yang menyebut orang Madura kasar. Jangan generalisasi!",
    "Tersangka penghinaan agama divonis dua tahun penjara",
    # ordinary mentions of groups
    "Kuliner Batak memang juara, saksang dan arsik mantap",
    "Pelatihan batik untuk warga binaan asal Jawa dan Sunda",
    "Petugas Lapas Jayapura menggelar lomba tari adat Papua",
    "Teman kuliah saya orang Minang, rendangnya enak sekali",
    "Kajian tafsir Al-Quran bersama kiai pondok pesantren",
    "Kucing saya bau banget habis main di got",
    # animals that are only animals
    "Anjing saya hilang di sekitar masjid, mohon info",
    "Awas ada babi hutan di kebun warga Dayak",
    "Monyet di hutan Papua lucu-lucu banget",
    "Sate babi khas Batak enak banget",
    "Selamat Imlek saudara Tionghoa 🧧🐉",
    # quoted, explained, mocked
    "Kajian subuh: ustadz menjelaskan makna kata kafir secara bahasa, bukan untuk mencaci orang lain",
    "Yang teriak 'usir cina' itu pakai HP buatan Cina, rasis kok gak konsisten. Kita semua saudara",
    "Platform menurunkan video berisi ujaran \"dasar kafir\" setelah dilaporkan warganet",
    # someone else's words with an inflected verb of saying, a past tragedy, hostility negated through a modal,
    # condemnation of terror
    "Waktu pilkada mereka meneriakinya kafir dan mengusirnya dari masjid, padahal dia muslim",
    "Kelompok itu mempropagandakan usir Cina di media sosial, waspadalah",
    "Tragedi ganyang Cina tahun 1998 jangan sampai terulang",
    "Tetangga kami orang Papua, tidak boleh diusir dari kampung ini",
    "Bom bunuh diri itu bukan jihad, teroris tidak mewakili umat Islam",
]
# Not even a review when monitoring: the hostile words are someone else's, or negated.
NOT_EVEN_REVIEW = [
    # an attack condemned in the name of every faith: the church or the faith named is no target
    "Teroris yg ngebom gereja itu biadab, ga ada agama yg membenarkan",
    "Yg ngebom gereja Surabaya itu iblis berwujud manusia, bukan muslim sejati",
    "Saya orang Jawa, bangga dengan budaya Jawa",
    "Waktu pilkada mereka meneriakinya kafir dan mengusirnya dari masjid, padahal dia muslim",
    "Tetangga kami orang Papua, tidak boleh diusir dari kampung ini",
]


# Explicit in words, but the models trained on the public data sets do not lean to them: monitoring must not
# accuse on words alone, so only the pre-publication check flags them (see test_rule1_ideology.WORDS_ONLY).
WORDS_ONLY = {
    "aseng2 itu serakah, jangan kasih kerja di sini",
    "Orang madura itu biang kerok, jangan terima di kompleks",
    "orang jawa serakah, ngambil semua jabatan",
    "Yahudi itu musuh, perangi mereka semua",
    "wong Papua kuwi kethek kabeh, ora pantes sekolah",
    "#UsirAseng dari tanah air, mereka cuma menjajah ekonomi",
}
# Said so plainly that a reviewer sees it when monitoring, whatever the model learnt: an insult pinned on the group
# as a fact about it, a call to violence against it said to the reader. Hard negatives first: negated, asked,
# a deed narrated, someone else's call reported, a verb whose object is not the group.
NOT_PLAIN = [
    "Orang Batak itu bukan musuh, mereka saudara kita",
    "Benarkah orang Kristen itu musuh Islam? Tentu tidak",
    "Massa mulai bakar gereja, polisi kewalahan",
    "Dulu ada yang teriak bunuh Syiah, sekarang dipenjara",
    "Yang bilang orang Papua itu monyet harus diproses hukum",
    "Tim Syiah vs Sunni futsal sore ini, serang terus!",
    "Kalau ada copet langsung hajar aja orangnya",
    "Doa kami: beri hidayah orang yg berlindung di balik islam ttp musuh islam",
    "Di grup WA ramai kata kafir, usir, dan sejenisnya. Saya keluar saja dari grup itu",
    "Cewek kalo udah bosen tinggal tusuk ke yang lain, gitu katanya",
    "Kalau ketemu ular di sawah orang Jawa bilang langsung bunuh aja",
    "Banjir bikin warga Madura di sini pulang balik ke pengungsian tiap malam",
    # a call to shut out something else, asked, or describing people who shut a group out
    "Jangan percaya hoaks soal orang Papua, cek dulu faktanya",
    "Jangan terima suap dari orang Cina atau siapa pun",
    "Jangan pilih pemimpin karena sukunya, pilih karena programnya",
    "Jangan kasih makan kucing liar di depan masjid",
    "Apakah benar jangan terima orang Batak di kantor? Itu diskriminasi",
    "Di sini masih banyak orang yg ga menerima orang Papua, sedih",
    "Gak usah ada acara bakar-bakar di depan rumah orang Batak itu, tetangga terganggu asapnya",
    "Museum ini menyimpan alat zaman batu dari Papua dan Sulawesi",
    "Anak kelas 2 SD emang susah diatur, sabar ya bu guru",
    # a good trait inborn; birth as a place and time
    "Temanku orang Jawa, sabar dari lahir, tidak pernah marah",
    "Dari lahir di Jakarta baru kali ini lihat Manggarai bersih",
    # a house of worship after a word of place is where something happens, not the group
    "Jalan berlubang di depan masjid harus diratakan secepatnya",
    "Tanah di samping gereja harus diratakan dulu sebelum dibangun parkiran",
    "Bakar sampah di depan masjid itu dilarang",
    # a pronoun that restates a group, negated or asked
    "Tetangga saya orang Batak, mereka bukan musuh, malah baik banget",
    "Kenapa orang bilang Syiah sesat? Mereka kan juga Islam",
    # a call to shut out that names nothing after it points back at a group named before it, but not when it
    # refuses what it should name (a hoax), reports (passive "kena"), speaks to the group, or names its own object
    "Beredar pesan atas nama umat Kristen soal larangan natal. Jangan percaya, itu hoaks",
    "Warung orang Padang dekat kampus akhirnya kena boikot.",
    "Saudara-saudaraku umat Kristen, jangan beri mereka kesempatan",
    "Warga Papua, jangan kasih kesempatan provokator memecah belah kita",
    "Jemaat gereja sudah pulang. Jangan kasih masuk orang tak dikenal setelah jam sembilan",
    "Umat Hindu di Bali sedang Nyepi. Jangan kasih izin acara musik malam ini ya",
    # going home told, not a group sent away: no dismissing "sana", or not said to anyone
    "Lebaran tahun ini pulang ke Padang dulu, kangen rendang buatan amak",
    "Pak Dedi orang Batak, minggu depan pindah tugas dan balik ke Medan",
    "Tiap Lebaran kami pulang ke Padang sana, naik bus dua hari",
    "Yang dari Sunda udah pada balik sana ke Bandung, tinggal yang Jawa di mess",
    # a call to shut out whose object, a pronoun, is protected; going home asked of the state
    "Jemaat Ahmadiyah sedang beribadah, jangan kasih mereka gangguan apa pun",
    "Umat Katolik sedang misa, jangan ganggu mereka",
    "Pemerintah diminta pulangkan WNI dari Sudan secepatnya",
    # boats, homes and shops of no group; a call to shut out said harder aimed at no group
    "Tenggelamkan kapal pencuri ikan asing, kata Bu Susi dulu",
    "Jangan pernah kasih uang ke pengemis di lampu merah",
    "Bakar rumah kaca di kebun, eh kebakar semua tanamannya",
    "Bakar sate di depan rumah orang tua, asapnya kemana-mana",
    # a place that names a people only after a word for its people; a mountain in a list of places
    "Jalan di Lampung rusak semua, pemdanya malas",
    "Tiket masuk Bromo, Tengger, Semeru mahal banget, pengelolanya goblok",
    # groups listed, a good trait generalised after a comma
    "Teman saya orang Batak, baik semua keluarganya",
    "Di kelas ada orang Jawa, Sunda, Batak, semua akur",
    # a person named after a naming word
    "Nama anak saya Jawa Pratama, lahir di Bandung, suka makan kerupuk",
    # a passive call with a group before it that refuses something else, or a bare word for groups
    "Jemaat Hindu jangan dikasih masuk dulu, pura masih dibersihkan",
    "Anak-anak Papua di asrama jangan dikasih kerjaan berat dulu, masih adaptasi",
    "Umat Islam jangan dikasih harapan palsu sama caleg",
    "Grup WA khusus dewasa (penderita overdosis agama dilarang masuk)",
    # a likeness that is no insult, or is not pinned on the group
    "Orang Jawa itu kayak keluarga sendiri buat saya, ramah semua",
    "Pak RT kita orang Batak, kayak preman kalau ngomong tapi hatinya baik",
    "Suporter Persija kayak tikus kejebak, panik semua pas kalah",
    # a topic particle with no hostile word, or after people who are no group; violence the group suffers; a
    # stereotype named to be denied
    "Orang Sunda mah ramah2, betah gue tinggal di Bandung",
    "Anak2 kos di sini tuh jorok banget, sampah numpuk",
    "Warga Papua di Nduga tuh diserang terus, kasian anak2nya",
    "Jangan bilang orang Madura tuh kasar, itu stereotip yang salah",
    "Orang Batak di kantor tuh tegas, bukan kasar",
    # words that refuse, with no group refused, or a teaching of one's faith; a hoax about a group refused
    "Tidak usah diundang mantan, bikin drama aja",
    "Sebagai muslim saya tidak boleh menikah dengan non-muslim, itu keyakinan saya, bukan benci",
    "Ojo percoyo hoaks soal wong Madura, kabeh iku fitnah",
    "Pengungsi Rohingya tidak boleh ditampung terlalu lama di tenda, harus dipindah ke tempat layak",
    # the same shapes with praise, pity, or help
    "Orang Jawa yang tinggal di sini itu ramah semua",
    "Orang Papua yang jadi korban banjir itu kasian semua",
    "Umat Kristen yang kehilangan rumah itu dibantu semua oleh warga",
    # a tag after a question word still asks
    "Apa benar orang Batak itu kasar semua kan?",
    "Orang Bima tuh jujur2, gak pernah bohong",
]
PLAIN = [
    "Orang Kristen itu musuh kita semua",
    "Bunuh semua Syiah, halal darahnya",
    "Habisi kaum Syiah sampai ke akar-akarnya",
    "Cina emang setan semua, jangan percaya",
    "Mari ganyang Syiah sebelum terlambat",
    # a milder trait pinned with a word that generalises; a call that leaves out the group named before it;
    # violence wished on the group named before it
    "Batak mah kasar semua, pantes banyak yg jadi preman",
    "Orang Madura bawaannya ribut mulu. Usir aja dari kota kita.",
    "Ahmadiyah itu sesat dan halal darahnya",
    # a pronoun opening the clause restates the group; a negated wish is the author's call, not someone's reported
    "Gak usah temenan sama orang Syiah, mereka itu sesat",
    "Jangan pernah mau dipimpin kafir, mereka musuh umat",
    # a modal before any passive verb of violence
    "Gereja2 liar ini harus diratakan, jangan kasih izin",
    # a call to send the group back, its object named before; a strong insult pinned; "ngapain" dismisses
    "Cina-cina ini dikasih hati minta jantung. Usir balik ke negaranya!",
    "Penghayat kepercayaan itu penyembah setan, ngapain dicatat di KTP",
    # a call to shut the group out
    "Jangan kasih kos ke orang Batak, kasar, suka utang",
    "Kesimpulan saya, jangan pernah terima orang Nias. Malas, suka minum",
    "Boikot toko Cina, belanja di warung pribumi aja",
    "Tong narima pegawe urang Sunda lah, rugi",
    "Mending gak usah ada orang Kristen jadi pejabat di daerah mayoritas muslim",
    "Dayak itu masih primitif, dulu aja makan orang",
    "Orang Papua itu belum evolusi kayaknya",
    # a trait said to be inborn in the group
    "Napi asal Papua emang bawaan dari sananya kasar",
    "Etnis Cina jgn kasi kesempatan memimpin, mereka watak aslinya menjajah",
    # a call to shut out that leaves the group out, names it with a pronoun or names only what it withholds
    "Orang Ambon itu sukanya ribut, bikin onar terus. Jangan dikasih kerjaan di proyek kita",
    "Penganut Ahmadiyah bikin resah warga, jangan kasih mereka tempat di kampung ini",
    "Tokonya punya orang Tionghoa, untungnya buat kampanye mereka. Boikot!",
    "Orang Flores bikin kampung jadi rawan. Harusnya dilarang masuk desa kita",
    "Orang Minang itu licik kalau dagang. Jangan dipercaya, apalagi soal duit",
    # a call to send the group away, said to it or about it
    "Orang Arab di sini kerjanya cuma jual agama. Balik ke negerinya sana!",
    "Kampung ini milik pribumi, yang Kristen silakan minggat",
    # a pronoun as the object of a call to shut out or send away points back at the group named before it, past a
    # bare word for groups; people named by what they do stand between a call and the group
    "Orang Sunda di kantor itu tukang tipu semua, jangan belanja di lapak mereka",
    "Orang Kristen itu suka nyebarin agamanya, jangan terima bantuan dari mereka",
    "Orang Tionghoa di sini cuma bikin susah, pulangkan mereka ke negeri leluhurnya",
    "Jangan kasih kontrakan ke mahasiswa Flores, bikin ribut tiap malam",
    # a naming word in an idiom ("yang namanya", "namanya juga") names the group, not a person
    "Namanya juga orang Batak pasti kasar semua kalau ngomong",
    "Yang namanya orang Padang itu pelit semua, jangan harap ditraktir",
    # a call to shut out said harder ("jangan sampai"), a group called a parasite, violence at its boats
    "Warga keturunan Arab itu pendatang, jangan sampai dikasih jabatan di kantor kita",
    "Para pengungsi itu benalu semua",
    "Tenggelamkan perahu imigran Rohingya itu",
    # peoples named after their home town or island, and peoples long left off the lists
    "Wong Palembang itu licik semua, jangan mau dagang bareng",
    "Orang Mandailing itu pelit semua kalau soal duit",
    # a milder insult set off by a comma right after the group and generalised at once
    "Heran deh kantor masih nerima orang Nias, kasar semua kalau ngomong",
    "Pantes tokonya sepi, yang jualan orang Padang, pelit semua",
    # a passive call refusing the group named as its subject, what it withholds placed ("di pemerintahan")
    "Warga keturunan Arab jangan dikasih jabatan di pemerintahan, loyalitasnya diragukan",
    # an insult pinned as the group's likeness; a milder one pinned with a word that generalises
    "Orang Sasak itu kayak tikus, nyolong terus kerjanya",
    "Orang Betawi memang pemalas semua, kerjanya nongkrong doang",
    # a milder trait after a topic particle (regional ones too), past the place the group lives, or about its
    # conduct; a virtue denied
    "Orang Bima mah pemalas, kerjanya tidur doang",
    "Urang Minang tu pelit, jan bakawan",
    "Warga keturunan India yang di Binjai itu jorok semua",
    "Bule di Kuta kelakuannya kayak monyet",
    "Wong Jowo ki ora iso dipercoyo",
    "Orang Ambon tuh gak tau sopan santun",
    # a passive verb made a call by its particle or modal
    "Syiah tuh dibasmi aja",
    # any word that refuses with any verb of dealing with people, regional ones too
    "Gak usah diundang lah tetangga Cina itu, ntar pestanya dicibir",
    "Jangan sewain kontrakan ke anak Papua, ribut tiap malem",
    "Gw sih ogah nerima karyawan orang Flores",
    "Orang Gorontalo itu so malas, jang kase masuk di kantor torang",
    # a milder trait right after the group, generalised at once; past a relative clause that narrows the group
    "Cewek Minang matre semua",
    "Orang Arab yang buka toko di Tanah Abang itu licik semua",
    # a tag asking to agree does not make the assertion a question
    "Suku Sasak itu maling semua, iya kan?",
    # a virtue denied, any way it is said
    "Orang Bima tuh emang gak pernah jujur",
    "Keturunan Arab tuh tanpa tata krama semua",
]
CONFIRMED = [
    # a verb of saying after the hate, or a negated modal in another clause, does not distance it
    "Usir Cina dari negeri ini, mereka menganggap kita budak",
    "Cina harus diusir, tidak boleh dibiarkan",
    "dasar kafir, usir cina dari negeri ini",
    "#UsirCina dari tanah pribumi",
    "Cina babi, ngerampas tanah pribumi 😡😡",
]


@pytest.mark.parametrize("text", POSITIVE)
def test_sara_hate_is_found_in_a_draft_check(text, full_resources):
    act = make_activity(text)
    findings = run_detector(SaraHateDetector, act, full_resources, draft=True)
    assert findings, text
    assert findings[0].rule == 2 and findings[0].confidence >= 0.35 and findings[0].score_detail
    assert evidence_quotes_original(act, findings)


@pytest.mark.parametrize("text", POSITIVE)
def test_sara_hate_when_monitoring(text, full_resources):
    findings = run_detector(SaraHateDetector, make_activity(text), full_resources)
    if text in WORDS_ONLY:
        assert not [f for f in findings if not f.needs_review], text  # a word match alone never confirms
    else:
        assert findings and findings[0].rule == 2, text


@pytest.mark.parametrize("text", CONFIRMED)
def test_explicit_words_and_the_model_agreeing_confirm(text, full_resources):
    findings = run_detector(SaraHateDetector, make_activity(text), full_resources)
    assert findings and not findings[0].needs_review, [(f.confidence, f.score_detail) for f in findings]


@pytest.mark.parametrize("text", NEGATIVE)
def test_greetings_tolerance_news_are_left_alone(text, full_resources):
    for draft in (False, True):
        findings = run_detector(SaraHateDetector, make_activity(text), full_resources, draft=draft)
        assert not [f for f in findings if not f.needs_review], (text, draft, findings)


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_negated_asked_narrated_or_reported_violence_is_not_plain(text, full_resources):
    findings = run_detector(SaraHateDetector, make_activity(text), full_resources)
    assert not findings, [(f.confidence, f.score_detail) for f in findings]


@pytest.mark.parametrize("text", PLAIN)
def test_a_trait_pinned_on_a_group_or_a_call_to_violence_is_reviewed_whatever_the_model(text, full_resources):
    findings = run_detector(SaraHateDetector, make_activity(text), full_resources)
    assert findings and findings[0].rule == 2, text


@pytest.mark.parametrize("text", NOT_EVEN_REVIEW)
def test_reported_and_negated_hostility_is_not_even_reviewed(text, full_resources):
    findings = run_detector(SaraHateDetector, make_activity(text), full_resources)
    assert not findings, [(f.confidence, f.score_detail) for f in findings]


def test_explanation_names_the_group_and_basis():
    f = run_detector(SaraHateDetector, make_activity("dasar cina babi"))[0]
    assert "etnis Tionghoa" in f.explanation
    assert any("Pasal 28 ayat (2)" in b for b in f.basis)


@pytest.mark.parametrize("caption", [
    "Screenshot ini saya laporkan ke patrolisiber, jangan ditiru",
    "Miris, komentar seperti ini masih ada. Stop rasisme!",
])
def test_a_caption_that_condemns_its_picture_puts_the_picture_at_a_distance(caption, full_resources):
    hate = "Orang Papua monyet semua, pulang ke hutan"
    shown = make_activity("ss dari grup sebelah", type="upload", media=[{"kind": "image", "ocr_text": hate}])
    assert run_detector(SaraHateDetector, shown, full_resources)
    condemned = make_activity(caption, type="upload", media=[{"kind": "image", "ocr_text": hate}])
    assert not run_detector(SaraHateDetector, condemned, full_resources)


# A forum reply quotes the post it answers ("[quote=agan]...[/quote]"): the quote is someone else's words.
QUOTE = "[quote=agan123;5a91115dd675d4e2498b4570]Cina semua penipu, usir aja dari sini[/quote]\n\n"


def test_hate_only_in_a_forum_quote_is_never_confirmed(full_resources):
    condemned = make_activity(QUOTE + "Gak boleh gitu gan, rasis itu namanya")
    assert all(f.needs_review for f in run_detector(SaraHateDetector, condemned, full_resources))


def test_a_reply_that_repeats_the_quoted_hate_is_its_own(full_resources):
    agreed = make_activity(QUOTE + "setuju gan, dasar cina penipu semua")
    findings = run_detector(SaraHateDetector, agreed, full_resources)
    assert findings and not findings[0].needs_review
    ev = findings[0].evidence
    assert any(e.start > len(QUOTE) for e in ev)  # the reply's own words are the evidence
