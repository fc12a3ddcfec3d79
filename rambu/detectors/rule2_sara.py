"""Rule 2: hate against an ethnicity, religion or sect, race, or group (SARA)."""
from __future__ import annotations

from .hate import HateDetector
from .hate_lists import CONTEXT_LISTS, INSULTS, VIOLENT_CALLS

_RELIGIONS = {
    "islam": "agama Islam", "muslim": "umat Islam", "muslimin": "umat Islam", "umat islam": "umat Islam",
    "kristen": "umat Kristen", "nasrani": "umat Kristen", "kristiani": "umat Kristen", "protestan": "umat Kristen",
    "katolik": "umat Katolik", "katholik": "umat Katolik", "gereja": "umat Kristen", "pendeta": "umat Kristen",
    "pastor": "umat Katolik", "hindu": "umat Hindu", "buddha": "umat Buddha",
    "budha": "umat Buddha", "biksu": "umat Buddha", "vihara": "umat Buddha", "konghucu": "umat Konghucu",
    "khonghucu": "umat Konghucu", "yahudi": "umat Yahudi", "zionis": "umat Yahudi",
    "ahmadiyah": "jemaah Ahmadiyah", "ahmadi": "jemaah Ahmadiyah", "syiah": "kaum Syiah", "sunni": "kaum Sunni",
    "wahabi": "kelompok Wahabi", "salafi": "kelompok Salafi", "nu": "warga NU", "nahdliyin": "warga NU",
    "muhammadiyah": "warga Muhammadiyah", "penghayat": "penghayat kepercayaan", "kepercayaan": "penghayat kepercayaan",
    "ateis": "kaum ateis", "atheis": "kaum ateis", "masjid": "umat Islam", "ulama": "umat Islam",
    "kyai": "umat Islam", "kiai": "umat Islam", "santri": "umat Islam", "habib": "umat Islam",
    "ustadz": "umat Islam", "ustad": "umat Islam", "jilbab": "umat Islam", "cadar": "umat Islam",
    "alquran": "umat Islam", "al quran": "umat Islam", "quran": "umat Islam", "alkitab": "umat Kristen",
    "injil": "umat Kristen", "bibel": "umat Kristen", "weda": "umat Hindu", "tripitaka": "umat Buddha",
    "kitab suci": "umat beragama", "nabi": "umat beragama", "rasul": "umat Islam", "yesus": "umat Kristen",
    "agama": "agama", "umat": "umat beragama", "kafir": "umat beragama lain", "non muslim": "umat beragama lain",
    "nonmuslim": "umat beragama lain",
}
_ETHNIC = {
    "jawa": "suku Jawa", "sunda": "suku Sunda", "batak": "suku Batak", "madura": "suku Madura",
    "minang": "suku Minang", "padang": "suku Minang", "bugis": "suku Bugis", "makassar": "suku Makassar",
    "dayak": "suku Dayak", "papua": "orang Papua", "ambon": "orang Ambon", "maluku": "orang Maluku",
    "flores": "orang Flores", "timor": "orang Timor", "ntt": "orang NTT", "betawi": "suku Betawi",
    "aceh": "orang Aceh", "bali": "orang Bali", "sasak": "suku Sasak", "banjar": "suku Banjar",
    "nias": "suku Nias", "toraja": "suku Toraja", "tionghoa": "etnis Tionghoa", "cina": "etnis Tionghoa",
    "aseng": "etnis Tionghoa", "cokin": "etnis Tionghoa", "arab": "keturunan Arab", "india": "keturunan India",
    "keling": "keturunan India", "pribumi": "pribumi", "non pribumi": "nonpribumi", "nonpribumi": "nonpribumi",
    "warga keturunan": "warga keturunan", "pendatang": "pendatang", "suku": "suku", "etnis": "etnis", "ras": "ras",
    "kulit hitam": "ras kulit hitam", "negro": "ras kulit hitam", "kulit putih": "ras kulit putih",
    "jawir": "suku Jawa", "suku sebelah": "suku", "agama sebelah": "umat beragama lain",
    "bule": "orang asing", "imigran": "imigran", "pengungsi": "pengungsi", "rohingya": "etnis Rohingya",
    **{w: f"suku {w.title()}" for w in (
        "mandailing", "osing", "baduy", "kaili", "mentawai", "asmat", "melayu", "buton", "minahasa",
        "simalungun", "tolaki", "sangihe")},
    # names that are places first are a group after a word for its people ("wong Palembang", "orang Lampung")
    **{f"{who} {w}": f"orang {w.title()}" for who in ("orang", "org", "wong", "urang", "suku", "etnis", "warga")
       for w in ("palembang", "manado", "lampung", "gorontalo", "cirebon", "banten", "riau", "jambi", "bengkulu",
                 "ternate", "tidore", "sumba", "bima", "kupang", "medan", "sulawesi", "kalimantan", "sumatera",
                 "sumatra", "lombok", "tengger")},
}
_GROUPS = {
    "kadrun": "kelompok politik", "cebong": "kelompok politik", "kampret": "kelompok politik",
    "buzzer": "kelompok politik", "lgbt": "kelompok LGBT", "gay": "kelompok LGBT", "waria": "kelompok LGBT",
    "perempuan": "perempuan", "wanita": "perempuan", "cewek": "perempuan", "difabel": "penyandang disabilitas",
    "disabilitas": "penyandang disabilitas", "cacat": "penyandang disabilitas",
    "kaum": "golongan", "golongan": "golongan", "orang orang": "golongan",
}
TARGETS = {**_RELIGIONS, **_ETHNIC, **_GROUPS}
# A call to shut a group out, with the group after it (`HateDetector._excluded`): "jangan kasih kos ke orang Batak"
_EXCLUDING = [
    "jangan kasih", "jangan dikasih", "jangan beri", "jangan diberi", "jangan terima", "jangan diterima",
    "jangan pernah terima", "jangan percaya", "jangan pernah percaya", "jangan pilih", "jangan sewakan",
    "jangan jual", "jangan nikah", "jangan menikah", "jangan belanja", "jangan beli", "jangan temenan",
    "jangan berteman", "tidak menerima", "tidak nerima", "tong narima", "ojo dipercoyo", "ojo percoyo", "boikot",
    "tidak usah ada", "jangan sampai ada", "dilarang masuk", "jangan dikasih masuk", "jangan izinkan",
    "jangan kasih izin", "jangan dipercaya", "jangan diterima kerja",
]
# ... and any word that forbids or refuses, in Indonesian or a regional language, with any verb of dealing with
# people: giving, taking in, renting, hiring, inviting, befriending, marrying, trusting, buying ("gk usah diundang",
# "jgn sewa kosan ke org X", "gk bakal nerima org X", "jang kase masuk")
_REFUSING = ("jangan", "jangan mau", "tidak usah", "tidak perlu", "tidak boleh", "tidak bakal", "tidak akan", "ogah",
             "jang", "ojo", "ulah", "tong", "jan")
_DEALING_WITH_PEOPLE = (
    "kasih", "dikasih", "kase", "dikase", "beri", "diberi", "terima", "diterima", "nerima", "sewa", "sewakan",
    "disewakan", "sewain", "jual", "beli", "belanja", "undang", "diundang", "ajak", "diajak", "temenan", "berteman",
    "nikah", "menikah", "nikahin", "percaya", "dipercaya", "izinkan", "diizinkan", "pekerjakan", "dipekerjakan",
    "rekrut", "direkrut", "tampung", "ditampung")
# ... of which these name what they refuse as their object ("jangan beli pulsa di situ")
_NAMING_VERBS = ("percaya", "beli", "belanja", "jual", "pilih", "nikah", "menikah")
# (whom one may not marry is a teaching of one's faith, "muslimah tidak boleh menikah dengan non-muslim": not a call)
_CALLS = _EXCLUDING + [f"{no} {verb}" for no in _REFUSING for verb in _DEALING_WITH_PEOPLE
                       if not (no == "tidak boleh" and "nikah" in verb)]
# ... and each "jangan" call said harder ("jangan pernah kasih mereka jabatan", "jangan sampai diterima")
EXCLUDING = list(dict.fromkeys(_CALLS + [f"jangan {hard}{call[len('jangan'):]}" for call in _CALLS
                                         if call.startswith("jangan ") and call.split()[1] not in ("pernah", "sampai")
                                         for hard in ("pernah", "sampai", "sampe")]))
# Calls to send the group away ("... yang Kristen silakan minggat", "Pulang sana ke Jawa!"): said to the group
# itself as often as about it
EXPELLING = ["minggat", "angkat kaki", "enyah", "hengkang", "pulang sana", "balik sana", "pergi sana", "pulangkan",
             "pulangin"]
# Going somewhere is a call to leave only when "sana" dismisses at the end ("balik ke Arab sana!", not "pulang ke
# Padang dulu"): these shut out when "sana" or "sono" follows within three words in their clause
SENT_AWAY = ["pulang ke", "balik ke", "kembali ke", "pergi ke", "pulang aja ke", "balik aja ke"]
# ... of which these name what they refuse as their object ("jangan percaya hoaks"), so a call of theirs that
# names nothing after it does not point back at a group named before it ("Beredar pesan atas nama umat Kristen.
# Jangan percaya!" warns of a hoax)
NAMING_THEIR_OBJECT = [
    "jangan percaya", "jangan pernah percaya", "ojo percoyo", "jangan pilih", "jangan beli", "jangan belanja",
    "jangan jual", "tidak menerima", "tidak nerima", "jangan nikah", "jangan menikah",
    *(f"{no} {verb}" for no in _REFUSING for verb in _NAMING_VERBS),
]
# What a call to shut the group out withholds, when the group itself is left out ("Orang X ... jangan dikasih
# lapak", "jangan kasih tempat ibadah"): the call points back at the group named before it
WITHHELD = [
    "lapak", "tempat", "izin", "ijin", "panggung", "kesempatan", "jabatan", "kerjaan", "pekerjaan", "proyek",
    "ngontrak", "ngekos", "ngekost", "tinggal", "masuk", "kerja", "ruang", "posisi", "kontrakan", "kosan",
    "bantuan", "lapaknya", "untung",
]
# ... and what may stand between the call and the group: where, what, to whom
EXCLUSION_LINKS = [
    "ke", "sama", "dengan", "dari", "orang", "kaum", "para", "semua", "yang", "pegawai", "karyawan", "anak",
    "warga", "penyewa", "kos", "kosan", "kontrakan", "rumah", "tanah", "kerja", "pemimpin", "pejabat", "di",
    "toko", "warung", "produk", "barang", "pernah", "lagi", "lah", "mau", "buat", "untuk", "pegawe", "urang",
    "punya", "milik", "ya", "deh", "dong", "aja", "saja", "kota", "kampung", "desa", "daerah", "wilayah", "sini",
    "kita", "kami", "gang", "komplek", "kompleks", "perumahan", "kantor", "ibadah", "pokoknya",
    # to whom: people named by what they do or where they come from ("jangan kasih kontrakan ke mahasiswa Papua")
    "mahasiswa", "pelajar", "siswa", "murid", "perantau", "pendatang", "pekerja", "buruh", "tenaga", "calon",
    "keluarga", "tetangga", "keturunan",
]
# Houses of worship: a place, not the group, after a word of place (`HateDetector._locative`)
PLACES = ["masjid", "gereja", "vihara"]

HOSTILE = {
    **{w: "strong" for w in INSULTS},
    **{w: "strong" for w in (
        "kera", "onta", "unta", "kapir", "kampungan", "primitif", "terbelakang",
        "biang kerok", "penyakit", "kutu", "parasit", "benalu", "hama", "sesat", "ledakkan", "bom", "menyesatkan",
        "musuh", "perangi", "memerangi", "diperangi", "halal darahnya", "bunuh", "bantai", "basmi", "musnahkan", "usir", "tendang", "gantung",
        "penggal", "bakar", "ganyang", "habisi", "tumpas", "teroris", "antek",
        "🐖", "🐒", "🐵", "🦍", "🤮", "kethek", "ketek", "munyuk", "bedes", "mampus", "penyembah setan",
        "pemuja setan", "zaman batu", "jaman batu", "bibit maling", "belum berevolusi", "belum evolusi",
        # expulsion aimed at a group ("balik ke" alone is only hostile: people go home for Lebaran)
        "balik ke negara asal", "pulang ke negara asal", "kembali ke negara asal", "balik ke negeri asal",
        "pulang ke negeri asal", "balik ke negaramu", "pulang ke negaramu",
    )},
    **{w: "hostile" for w in (
        "serang", "maling", "rampok", "perampok", "pencuri", "penipu", "penjilat", "lintah darat",
        "tidak bisa dipercaya", "ra iso dipercaya", "teu bisa dipercaya", "gak bisa dipercaya",
        "kasar", "bukan islam", "bukan muslim", "bukan agama", "penyembah berhala", "berhala",
        "masuk neraka", "neraka", "jangan dikasih", "jangan diberi", "jangan terima", "jangan diterima",
        "tidak boleh tinggal", "dilarang tinggal", "tukang carok",
        "benci", "muak", "jijik", "tidak suka", "ogah", "haram", "dilarang masuk", "jangan kasih",
        "jangan beri", "jangan pilih", "boikot", "singkirkan", "enyah", "pergi dari", "pulang ke",
        "balik ke", "tidak pantas", "tidak layak", "tidak berhak", "bukan orang indonesia",
        "rasis", "menjajah", "merampas", "curang", "pembawa sial", "sial", "sikat", "hina", "rendah",
        "licik", "serakah", "pelit", "jorok", "bau", "dekil", "malas", "pemalas", "radikal",
        "tidak bisa diatur", "susah diatur", "matre", "matrek",
        "ra iso dipercoyo", "ora iso dipercoyo", "ora iso dipercaya", "keras kepala", "sok suci", "bejat", "fanatik",
        "pemarah", "barbar", "bar bar", "susah diajak maju", "tidak bisa maju",
    )},
    # a virtue denied, any way it is said ("gak punya adab", "gk pernah tulus", "tanpa moral")
    **{f"{no} {virtue}": "hostile" for no in ("tidak", "tidak pernah", "tidak punya", "tidak tahu", "tanpa")
       for virtue in ("tulus", "jujur", "sopan", "sopan santun", "tata krama", "adab", "moral", "malu", "akal",
                      "etika", "beradab", "tahu diri", "tahu malu", "tahu terima kasih", "terima kasih", "diri",
                      "adat", "bisa dipercaya", "bisa diatur")},
}

HATEFUL = {
    "dasar kafir": "umat beragama lain", "kafir harbi": "umat beragama lain", "kafir laknat": "umat beragama lain",
    "halal darahnya": "golongan", "bunuh kafir": "umat beragama lain", "perangi kafir": "umat beragama lain",
    "usir cina": "etnis Tionghoa", "anti cina": "etnis Tionghoa", "gerakan anti cina": "etnis Tionghoa",
    "anti aseng": "etnis Tionghoa", "ganyang aseng": "etnis Tionghoa", "ganyang cina": "etnis Tionghoa", "cina babi": "etnis Tionghoa",
    "cina kafir": "etnis Tionghoa", "dasar cina": "etnis Tionghoa", "dasar aseng": "etnis Tionghoa",
    "aseng asing": "etnis Tionghoa", "antek aseng": "etnis Tionghoa", "pribumi vs": "nonpribumi",
    "papua monyet": "orang Papua", "monyet papua": "orang Papua", "monyet item": "orang Papua",
    "monyet hitam": "orang Papua", "monyet dari timur": "orang Papua",
    "dasar kadrun": "kelompok politik", "dasar cebong": "kelompok politik", "kadrun onta": "keturunan Arab",
    "onta gurun": "keturunan Arab", "dasar onta": "keturunan Arab", "syiah bukan islam": "kaum Syiah",
    "syiah sesat": "kaum Syiah", "ahmadiyah sesat": "jemaah Ahmadiyah", "ahmadiyah bukan islam": "jemaah Ahmadiyah",
    "bubarkan ahmadiyah": "jemaah Ahmadiyah", "usir ahmadiyah": "jemaah Ahmadiyah", "gereja liar": "umat Kristen",
    "tolak gereja": "umat Kristen", "tolak pendirian gereja": "umat Kristen", "tolak masjid": "umat Islam",
    "islam teroris": "umat Islam", "agama teroris": "agama", "agama kekerasan": "agama", "agama perang": "agama", "kristen kafir": "umat Kristen",
    "hindu kafir": "umat Hindu", "yahudi laknat": "umat Yahudi", "bunuh yahudi": "umat Yahudi",
    "jangan pilih pemimpin kafir": "umat beragama lain", "haram pilih pemimpin kafir": "umat beragama lain",
    "pemimpin kafir": "umat beragama lain", "orang jawa serakah": "suku Jawa", "batak kasar": "suku Batak",
    "dasar madura": "suku Madura", "dasar batak": "suku Batak", "dasar jawa": "suku Jawa",
    "negro": "ras kulit hitam", "lgbt harus dibasmi": "kelompok LGBT", "cina komunis": "etnis Tionghoa",
    "cina celeng": "etnis Tionghoa", "aseng celeng": "etnis Tionghoa", "kafir najis": "umat beragama lain",
    "darah kafir halal": "umat beragama lain",
    "bakar gereja": "umat Kristen",
    "bakar masjid": "umat Islam", "bakar vihara": "umat Buddha", "bakar pura": "umat Hindu",
}


class SaraHateDetector(HateDetector):
    rule = 2
    key = "rule2"
    name = "rule2.sara"
    version = 25  # 2: a caption that condemns or reports its picture puts the picture's words at a distance;
    # 3: an attack condemned in the name of every faith names no target; "jawir", "agama sebelah"; 4: a slur
    # someone is called ("manggil tetangganya ...", "dengan sebutan ...") is reported; names after a naming word;
    # 5: a strong insult pinned on the group ("orang Kristen itu musuh") and a call to violence said to the reader
    # ("Bunuh semua Syiah") are plain: reviewed whatever the model; 6: so is an insult after a pronoun restating the
    # group ("..., mereka musuh umat"); a negated wish ("jangan pernah mau ...") is a call, not reported speech;
    # 7: a modal before any passive verb of violence ("harus diratakan"); a house of worship after a word of place
    # is a place ("bakar sampah di depan masjid"); 8: a trait said to be inborn ("licik dari lahir") is pinned;
    # 9: a call to shut the group out ("jangan kasih kos ke orang Batak", "boikot toko Cina") is plain; 10:
    # "ngapain" without a question mark does not ask; "usir balik ke ..."; "penyembah setan"; 11: "gak usah ada
    # orang X" shuts out; "masih" links an insult pinned on a group ("Dayak itu masih primitif"); 12: a call to shut
    # out that names nobody after it points back at the group named before ("... Jangan diterima kerja"); calls to
    # send a group away ("silakan minggat", "balik ke Arab sana"); 13: a likeness, a demonstrative, a finished state
    # and a collection link an insult pinned on the group; a question in another sentence does not stop it; 14: a
    # passive call to shut out refuses the group named as its subject; "yang namanya X", "namanya juga X" are idioms;
    # 15: a pronoun object points back ("jangan belanja di lapak mereka"); "pulangkan"; people named by their work;
    # 16: an insult set off by a comma right after the group and generalised at once ("orang X, kasar semua"); 17:
    # "jihad melawan" the group is a call to violence; 18: more peoples, those named after a place only after a word
    # for its people ("wong Palembang"); 19: "jangan pernah/sampai" calls shut out; "benalu"; sinking a group's
    # boats, burning its homes and shops ("tenggelamkan kapal pengungsi X"); 20: a milder trait after a topic particle
    # ("Urang Sunda mah pemalas", "tu", "ki"), past the place the group lives ("orang India di Medan tuh jorok") or
    # about its conduct ("kelakuannya kayak ...") is pinned; a virtue denied ("gak tau sopan santun") is hostile; a
    # passive verb the group suffers ("warga Papua tuh diserang terus") is neither pinned nor violence called for;
    # 21: a personal pronoun as the object of a call to violence points back ("usir dia dari NKRI"); 22: any word
    # that refuses with any verb of dealing with people shuts out ("gk usah diundang", "jang kase masuk"); 23: a milder
    # trait right after the group and generalised at once ("cewek X matre semua"), or past a relative clause; 24: a
    # tag asking to agree ("..., iya kan?") does not make the sentence a question; 25: a virtue denied any way it is
    # said ("gk pernah tulus", "tanpa tata krama"); "pemarah", "barbar", "agama kekerasan"
    title = "ujaran kebencian terhadap suku, agama, ras, dan antargolongan (SARA)"
    basis = (
        "SKB 11 Menteri/Kepala Lembaga 2019 tentang Penanganan Radikalisme ASN, angka 2",
        "UU 1/2024 (perubahan kedua UU ITE) Pasal 28 ayat (2) jo. Pasal 45A ayat (2)",
        "Etika bermedia sosial ASN Pemasyarakatan angka 2",
    )
    target_noun = "kelompok"
    lists = {**CONTEXT_LISTS, "targets": TARGETS, "hostile": HOSTILE, "hateful": HATEFUL, "places": PLACES,
             # sinking a group's boats is literal; a regime "ditenggelamkan" is lost at the polls (rule 1 keeps it out)
             "violent_calls": VIOLENT_CALLS + [w + s for w in ("tenggelamkan", "tenggelamin") for s in ("", "lah")],
             "excluding": EXCLUDING, "exclusion_links": EXCLUSION_LINKS, "withheld": WITHHELD, "expelling": EXPELLING,
             "sent_away": SENT_AWAY}
    naming_their_object = frozenset(NAMING_THEIR_OBJECT)

    def explain(self, named, quote, path):
        what = ", ".join(named) if named else "kelompok suku, agama, ras, atau golongan"
        return (f"pendapat bernada kebencian atau permusuhan terhadap {what} ditemukan pada {path}: {quote}. "
        "ASN dilarang menyebarkan kebencian berdasarkan suku, agama, ras, dan antargolongan.")
