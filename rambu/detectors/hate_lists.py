"""Word lists shared by the hate rules (1 and 2): data, not code.

Each list is read by `rambu.detectors.hate.HateDetector`; operators extend any
of them per rule in the settings file (``[lists.rule1] news = [...]``).
Evidence lists (targets, hostile words, hateful phrases) live in the rule
modules; the lists here describe the *context* around the evidence and the
grammar of insults.
"""
from __future__ import annotations

import re

# Context shared by both rules; subclasses add their own through `lists`.
NEWS = [
    "klarifikasi", "amankan", "mengamankan", "take down", "takedown", "diturunkan", "dihapus platform",
    "kelompok terlarang", "organisasi terlarang", "sudah dibubarkan", "jangan ikut menyebarkan",
    "tangkap", "penyebar", "dibekuk", "diringkus", "dilaporkan ke polisi", "kasus ujaran",
    "ditangkap", "menangkap", "diamankan", "tersangka", "pelaku", "terdakwa", "vonis", "divonis",
    "dilaporkan", "melaporkan", "diduga", "menurut", "kata dia", "ujarnya", "katanya kepada",
    "kepada wartawan", "dikutip", "dilansir", "disidangkan", "persidangan", "pengadilan", "dijerat",
    "uu ite", "beredar video", "reporter", "jurnalis", "liputan", "mengecam pernyataan",
    "meminta maaf", "ujaran kebencian", "penyebar kebencian", "dipolisikan", "dipecat", "diproses hukum",
    "ditahan", "penyidik", "diperiksa polisi", "jpu", "jaksa penuntut",
]
CONDEMN = [
    # an attack condemned in the name of every faith: the faith named is no target
    "tidak ada agama yang membenarkan", "agama manapun tidak membenarkan", "tidak dibenarkan agama manapun",
    "tidak ada agama yang mengajarkan", "agama apapun tidak mengajarkan", "bukan muslim sejati",
    "bukan ajaran agama", "bukan ajaran islam", "tidak mewakili agama",
    "jangan hina", "jangan menghina", "jangan sebar", "jangan menyebarkan", "jangan rasis", "jangan benci",
    "jangan membenci", "jangan diskriminasi", "jangan merendahkan", "jangan generalisasi", "jangan sara",
    "jangan terprovokasi", "jangan mau diadu domba", "jangan mudah terpancing", "jangan mudah terprovokasi",
    "stop rasisme", "stop rasis", "stop intoleransi", "stop kebencian", "stop ujaran kebencian", "stop sara",
    "stop diskriminasi", "hentikan", "tolak ujaran kebencian", "lawan intoleransi", "lawan rasisme",
    "mengecam", "kecam", "mengutuk", "tidak pantas diucapkan", "tidak pantas ditulis", "tidak pantas dikatakan",
    "tidak pantas disebarkan", "sangat tidak pantas", "itu tidak pantas", "tak pantas diucapkan", "tidak dibenarkan",
    "tidak bisa dibenarkan", "miris", "prihatin", "sedih melihat", "memalukan", "astaghfirullah",
    "istighfar", "naudzubillah", "semoga cepat ditangkap", "usut tuntas", "proses hukum", "laporkan",
    "anti rasisme", "antirasisme", "say no to racism", "no racism", "tolak rasisme",
    "tolak intoleransi", "bukan ajaran", "tidak mengajarkan", "bukan jihad", "bkn jihad", "adu domba", "provokator", "jaga persatuan",
    "rasis kok", "dasar rasis", "yang rasis", "orang rasis", "rasis itu namanya", "namanya rasis", "keliru", "salah besar", "stereotip", "stereotipe", "ngawur", "itu salah", "tidak benar", "fitnah",
    "jangan digeneralisasi", "jangan gebyah uyah", "gebyah uyah",
    # objecting to a slur being used on someone
    "jangan panggil", "jangan manggil", "jangan memanggil", "jangan sebut", "jangan menyebut", "jangan ngatain",
    "jangan mengatai", "jangan ejek", "jangan mengejek", "menyakitkan",
    # renouncing what one once believed ("dulu saya percaya khilafah solusi, sekarang saya sadar ...")
    "dulu saya percaya", "dulu saya ikut", "dulu saya pendukung", "sekarang saya sadar", "kini saya sadar",
    "sekarang sadar", "sudah insaf", "insaf", "mantan anggota", "mantan simpatisan", "kembali ke pangkuan nkri",
    "kembali ke pangkuan ibu pertiwi",
    # sarcasm aimed at the haters, not at the group or the state they hate
    "para pembenci", "pembenci pancasila", "pembenci nkri", "yang benci pancasila", "yang anti pancasila",
    "kaum anti", "haters", "para penghina", "yang suka menghina", "tukang fitnah",
]
TOLERANCE = [
    "selamat hari raya", "selamat natal", "selamat idul fitri", "selamat idul adha", "selamat nyepi",
    "selamat waisak", "selamat imlek", "gong xi fa cai", "selamat paskah", "selamat galungan",
    "selamat tahun baru islam", "mohon maaf lahir dan batin", "toleransi", "saling menghormati",
    "saling menghargai", "kerukunan", "rukun", "persaudaraan", "bersaudara", "saudara", "satu bangsa",
    "jaga persatuan",
    "bhinneka tunggal ika", "berbeda beda tetapi tetap satu", "indahnya perbedaan", "damai",
    "harga mati", "jaya", "merdeka", "cinta tanah air", "bangga", "hari lahir pancasila",
    "hari kesaktian pancasila", "sumpah pemuda", "upacara", "amalkan", "mengamalkan", "lestarikan",
    "jaga pancasila", "setia", "kesetiaan", "ikrar", "pengajian", "ibadah", "kebaktian", "misa",
    "doa bersama", "pembinaan kerohanian", "pesantren kilat",
]
CRITICISM = [
    "kebijakan", "mohon", "sebaiknya", "semoga", "harap", "berharap", "evaluasi", "dievaluasi",
    "saran", "masukan", "kritik", "mengkritik", "kurang tepat", "belum tepat", "kurang efektif",
    "perlu diperbaiki", "diperbaiki", "tolong", "pelayanan", "layanan", "antrean", "antri", "lambat",
    "aspirasi", "regulasi", "aturan baru", "tidak setuju dengan kebijakan", "keberatan",
]
# Insults that are hostility in both rules (Indonesian, Javanese, Sundanese, emoji); each rule adds its own.
INSULTS = (
    "anjing", "anjing sia", "asu", "babi", "bajilak", "bajingan", "bangsat", "bego", "belegug",
    "biadab", "bodoh", "brengsek", "busuk", "celeng", "dobol", "dungu", "gathel", "gelo", "goblog sia",
    "goblok", "iblis", "idiot", "jancuk", "jurig", "kafir", "kehed", "keparat", "kirik", "kontol",
    "koplok", "kunyuk", "laknat", "matamu", "monyet", "munafik", "najis", "ndhasmu", "pekok",
    "penjajah", "raimu", "sampah", "setan", "tai", "taik", "terkutuk", "tikus", "tolol", "🐀", "🐕", "🐶",
    "🐷", "💩", "🖕",
)

# Words that insult only in insult grammar ("dasar X", "X lu", next to the group): otherwise they are animals
# ("anjing tetangga", "sate babi") or, for "kafir", a word of religious discussion ("orang kafir dalam Al-Quran").
ANIMALS = {"kafir", "kethek", "ketek", "munyuk", "bedes", "anjing", "babi", "monyet", "kera", "onta", "unta", "tikus", "asu", "celeng", "kirik", "kunyuk",
           "kutu", "lintah", "kadal", "cebong", "kampret", "kecoa", "lalat", "cacing", "keledai", "kambing"}
INSULT_BEFORE = {"itu", "adalah", "ialah", "para", "dasar", "semua", "semuanya", "emang", "memang", "cuma", "isinya", "kayak", "kaya", "seperti", "bagai", "bak", "macam", "mirip", "keturunan", "anak",
                 "bani", "pemakan", "makan", "otak", "muka", "turunan", "gerombolan", "kawanan", "kumpulan"}
INSULT_AFTER = {"lu", "lo", "kau", "kamu", "kalian", "semua", "mereka", "sia", "kabeh", "kalean", "loe", "ente"}
LITERAL = {"hutan", "liar", "peliharaan", "tetangga", "hilang", "sate", "daging", "ternak", "kandang", "ekor",
           "seekor", "lucu", "gigit", "menggigit", "digigit", "gonggong", "menggonggong", "kucing", "guling",
           "panggang", "rabies", "vaksin", "dokter hewan", "kebun", "sawah", "ayam", "sapi", "masuk", "dapur",
           "kebun binatang", "satwa", "hewan", "binatang", "pelihara", "memelihara", "dirawat", "kolam", "sungai",
           "pelacak", "k9", "unit k9"}

# Teaching, history and religious study quote the words they explain.
EDUCATION = [
    "sejarah", "materi sejarah", "pelajaran sejarah", "materi pkn", "pelajaran pkn", "materi ppkn", "kajian",
    "tafsir", "makna kata", "secara bahasa", "istilah", "ceramah", "ustadz menjelaskan", "dalam al quran",
    "memproklamasikan", "ditumpas", "museum", "tragedi", "kerusuhan mei",
]

# Words that pin a trait on a whole group ("orang X semua malas", "emang X begitu").
GENERALISING = ["semua", "semuanya", "selalu", "pasti", "memang", "dasar", "kabeh", "kabeh podo", "sak kabehe",
                "sadayana", "rata rata", "pada", "tipikal", "khas", "emang dasar", "itu semua"]

NEGATORS = ["bukan", "tidak", "tak", "jangan", "anti", "stop", "tolak", "bukanlah", "tidaklah"]

# Verbs that reject, resist or warn against what follows in their clause ("tolak ajakan mendirikan negara
# khilafah", "waspadai paham khilafah"): a rule's `advocacy` terms they govern are opposed, not advocated.
REJECTING = [
    "tolak", "menolak", "ditolak", "lawan", "melawan", "tangkal", "menangkal", "cegah", "mencegah", "waspadai",
    "mewaspadai", "waspada", "bahaya", "berbahaya", "membahayakan", "berantas", "memberantas", "bendung",
    "membendung", "tinggalkan", "meninggalkan", "menanggalkan", "bertobat dari", "kikis", "mengikis",
    "deradikalisasi", "menentang", "tentang keras", "mengecam", "kecam", "tumpas", "menumpas", "penumpasan",
    "pemberantasan", "pencegahan", "penanggulangan", "perangi", "memerangi", "bubarkan", "membubarkan",
    "dibubarkan", "pembubaran",
]
# Conjunctions that join a means or a purpose: they end a rejecting verb's scope, not a wish's.
MEANS = ["dgn", "dengan", "agar", "supaya", "biar"]
# A conjunction starts what a rejecting verb no longer governs ("tinggalkan demokrasi dan tegakkan khilafah").
CONJUNCTIONS = ["dan", "serta", "lalu", "kemudian", "tapi", "tetapi", "namun", "melainkan", "sedangkan",
                "sementara", "terus", "trus", *MEANS]

# Scripture, sermons and religious study quote hard words as text, not as the author's hate.
SCRIPTURE = [
    "qs", "q s", "surat al", "surah", "surah al", "ayat", "firman", "berfirman", "firman allah", "allah berfirman",
    "hadits", "hadis", "hadist", "hr bukhari", "hr muslim", "hr tirmidzi", "hr abu daud", "riwayat", "diriwayatkan",
    "bersabda", "sabda", "sabda nabi", "rasulullah bersabda", "tafsir", "tafsiran", "dalil", "ulama berpendapat",
    "menurut ulama", "fiqih", "fikih", "hukumnya dalam islam", "dalam pandangan islam", "kajian", "khotbah",
    "khutbah", "ceramah", "tausiyah", "ngaji", "mengaji", "injil", "alkitab", "matius", "markus", "lukas",
    "yohanes", "mazmur", "amsal", "kitab", "pendeta menjelaskan", "romo menjelaskan",
]
# Calling someone by a slur is what the author reports or objects to ("masih manggil tetangganya cina kafir"):
# these report the slur after them even when a milder hostile word stands before ("muak sama orang yg ...").
NAME_CALLING = [
    "manggil", "panggil", "memanggil", "dipanggil", "manggilin", "sebutan", "julukan", "menjuluki", "dijuluki",
    "ejek", "diejek", "mengejek", "ngejek", "ejekan", "olok", "diolok", "mengolok", "teriakan",
]
# Someone's wish reported ("OPM ingin pisah"); negated, it is the author's call ("jangan pernah mau dipimpin ...").
WISHING = ["ingin", "mau", "pengen", "pengin", "berencana"]
# Someone else's words reported by the author ("dia menyebut orang Papua monyet", "OPM ingin pisah").
REPORTING = [
    "menyebut", "nyebut", "sebut", "disebut", "bilang", "dibilang", "ngatain", "ngatai", "mengatai", "dikatain",
    "dikatai", "mengatakan", "menyatakan", "berteriak", "teriak", "teriakin", "diteriaki", "meneriakkan",
    "meneriaki", "menuntut", "menyerukan", "mengklaim", "mengaku", "menuduh", "dituduh", "dicap", "mencap",
    "dicaci", "dihina", "menghina", *WISHING, "menulis", "ditulis", "berkomentar",
    "komentar", "cuitan", "unggahan", "postingan", "video", "spanduk", "poster", "narasi", "ucapan",
    "ngomong", "omong", "gomong", "anggap", "menganggap", "dianggap", "pernyataan", "propaganda",
    "mempropagandakan", "kampanye", "mengkampanyekan", "mengkafirkan", "kafirin", "ngafirin",
    *NAME_CALLING,
]
# A capitalised word shortly after these is a person's name ("Nama adik saya Khilafah Nur Aini"), unless the
# phrase is "atas nama" / "demi nama" (in the name of a cause).
NAMING = ["nama", "namanya", "namaku", "namamu", "bernama", "dinamai", "dinamakan", "diberi nama", "dikasih nama",
          "nama panggilan", "panggilannya", "nama lengkap", "nama lengkapnya"]
# ... but not in idioms: "atas nama rakyat" (a cause), "yang namanya orang X" (whoever is X), "namanya juga X"
# (what do you expect of X): the word after them is the group itself
NAMING_IDIOM_BEFORE = frozenset({"atas", "demi", "yang", "yg"})
NAMING_IDIOM_AFTER = frozenset({"juga", "jg", "aja", "saja"})
# Laughter and teasing among friends.
LAUGHTER = ["wkwk", "wkwkwk", "haha", "hahaha", "hehe", "hihi", "xixi", "kwkw", "awokawok", "😂", "🤣", "😆", "😜", "😝"]
# A title before a capitalised word makes it a person's name ("Koh Aseng", "Pak Cina"), not a group.
HONORIFICS = [
    "pak", "bapak", "bu", "ibu", "koh", "ko", "cik", "ci", "cici", "bang", "abang", "mas", "mbak", "om", "tante",
    "kak", "kakak", "si", "sdr", "saudara", "saudari", "bung", "mbah", "haji", "dik", "adik", "teh", "kang",
    "akang", "uda", "uni", "cak", "ning", "nona", "tuan", "engkoh", "encik", "mister", "mr", "mrs",
]
# Calls to violence: they make a finding graver (rule 8) and are strong evidence.
VIOLENCE = [
    "bunuh", "dibunuh", "bantai", "dibantai", "bakar", "dibakar", "usir", "diusir", "ganyang", "perangi",
    "memerangi", "diperangi", "basmi", "dibasmi", "musnahkan", "dimusnahkan", "tumpas", "ditumpas", "habisi",
    "dihabisi", "penggal", "dipenggal", "gantung", "digantung", "ledakkan", "bom", "halal darahnya",
    "serang", "serbu", "hajar", "sikat", "gulingkan", "revolusi berdarah", "angkat senjata", "jihad melawan",
]
# A call to violence said to the reader: the imperative at the start of its clause or after a calling word, with
# the group right after it ("Bunuh semua Syiah", "ayo usir orang Cina"). Exact words: "dibunuh", "membakar"
# report a deed, not a call. "sikat" is left out: it is also a toothbrush.
VIOLENT_CALLS = [w + s for w in (
    "bunuh", "bantai", "bakar", "usir", "ganyang", "perangi", "basmi", "musnahkan", "tumpas", "habisi", "penggal",
    "gantung", "serang", "serbu", "hajar", "gulingkan", "tembak", "rajam", "sembelih", "gorok", "bacok", "tusuk",
    "lenyapkan", "enyahkan", "binasakan", "singkirkan", "ratakan", "gebuki", "pukuli", "kepung", "seret",
    # holy war declared on the target ("wajib jihad melawan pemerintah ...", not "jihad melawan hawa nafsu")
    "jihad melawan", "jihad lawan")
    for s in ("", "lah")]
CALL_OPENERS = ["ayo", "ayok", "yuk", "yok", "mari", "hayu", "hayuk", "harus", "wajib", "kudu", "segera",
                "halal", "sebaiknya", "mending", "mendingan", "harusnya", "tolong", "mohon", "pokoknya",
                "silakan", "silahkan", "suruh"]
# Words between such a call and its group ("bunuh semua Syiah", "usir aja orang Cina").
VIOLENT_LINKS = ["semua", "semuanya", "saja", "aja", "ae", "para", "orang", "kaum", "itu", "tuh", "si", "seluruh",
                 "sampai", "sampe", "habis", "mati",
                 # the group's boats, homes and shops ("tenggelamkan kapal pengungsi Rohingya", "bakar toko Cina")
                 "kapal", "kapalnya", "perahu", "rumah", "rumahnya", "toko", "tokonya", "kampung", "kampungnya"]
# After such a call, words that show its object was named before it ("Orang Madura ... Usir aja dari kota kita",
# "Yahudi ... Bunuh di mana pun ketemu").
NAMED_BEFORE = ["mereka", "dari", "di", "ke", "sebelum", "biar", "supaya", "sampai", "sampe", "balik", "pulang"]
# Violence wished on the group named before it in the sentence ("Syiah sesat, halal darahnya", "Pejabat kayak
# gini pantesnya digantung"), or in the sentence before when it opens its own.
VIOLENT_PREDICATES = [
    "halal darahnya", "darahnya halal", "pantas mati", "layak mati", "pantes mati", "mati aja", "mati saja",
    "mampus aja", "pantasnya digantung", "pantesnya digantung", "pantesnya dibunuh", "pantesnya mati",
    "pantas dapat azab", "pantes dapat azab", "pantes dapet azab", "layak dapat azab", "pantas kena azab",
    "halal dilawan",
    # a modal before a passive verb of violence, each with each ("gereja2 liar ini harus diratakan", "wajib diusir")
    *(f"{modal} {verb}" for modal in ("harus", "wajib", "pantas", "pantes", "layak", "mesti", "kudu", "halal")
      for verb in ("dibunuh", "dibantai", "dibakar", "diusir", "dibasmi", "dimusnahkan", "ditumpas", "dihabisi",
                   "dipenggal", "digantung", "diperangi", "ditembak", "dirajam", "disembelih", "dilenyapkan",
                   "dienyahkan", "dibinasakan", "disingkirkan", "diratakan", "diganyang", "digebuki",
                   "dipukuli", "dibom", "diledakkan", "dihajar")),
]
# Words that may stand between a group and the insult pinned on it, said as a fact about the group ("orang
# Kristen itu musuh", "Cina memang setan semua"): a generalisation needs no model to be worth a look.
PREDICATE_LINKS = ["itu", "adalah", "ialah", "merupakan", "memang", "emang", "emg", "cuma", "cuman", "hanya",
                   "semua", "semuanya", "tuh", "mah", "sih", "pada", "kabeh", "pasti", "selalu", "dasarnya",
                   "aslinya", "sejatinya", "tetap", "tetep", "kok", "ya", "jelas", "nyata", "isinya", "isinye", "masih",
                   # a noun restating the group ("Islam itu agama teroris", "Cina itu bangsa penipu")
                   "agama", "bangsa", "suku", "kaum", "orang", "ras", "etnis", "umat",
                   # a demonstrative and a finished state ("pemerintahan ini thaghut", "negara ini sudah kafir")
                   "ini", "sudah", "udah", "udh", "sdh", "telah",
                   # a collection the group is said to be ("DPR kumpulan tikus", "kantor itu sarang maling")
                   "kumpulan", "sarang", "gerombolan", "komplotan",
                   # a likeness: the insult is the group's image ("orang X itu kayak tikus got")
                   "kayak", "kaya", "kek", "seperti", "sperti", "spt", "bagai", "bagaikan", "macam", "ibarat",
                   # the group's conduct or nature is what the insult describes ("bule2 kelakuannya kayak binatang")
                   "kelakuannya", "kelakuan", "sifatnya", "sifat", "wataknya", "watak", "perilakunya", "tabiatnya",
                   "mentalnya", "otaknya", "adatnya",
                   # topic particles of regional speech ("urang Minang tu pelit", "wong Jowo ki ...")
                   "tu", "teh", "ki"]
# Topic particles that make the group a generic topic, of all its members ("Urang Sunda mah pemalas", "orang
# India di Medan tuh jorok"): a milder trait after one is generalised as "semua" would. "Itu" is not one of them:
# it also points at one person ("orang Padang itu pelit" may be the neighbour).
TOPIC_PARTICLES = ["mah", "tuh", "tu", "teh", "ki"]

# A pronoun that opens a clause restates the group named before it as the subject of what follows ("jangan
# mau dipimpin kafir, mereka musuh umat"); these words may open such a clause besides punctuation.
RESTATING = ["mereka", "mrk", "merekalah", "kalian"]
CLAUSE_OPENERS = ["karena", "karna", "krn", "soalnya", "sebab", "pokoknya", "intinya", "toh", "emang", "memang"]

# A trait said to be inborn in the group ("licik dari lahir", "kasar udah bawaan dari sananya"): next to a hostile
# word aimed at a group, the insult is pinned on it (`HateDetector._innate`).
INNATE = ["dari sananya", "dari sononya", "dari sana nya", "dari lahir", "sejak lahir", "dari lahirnya", "bawaan lahir",
          "sudah bawaan", "bawaan dari sananya", "bawaannya", "darah daging", "mendarah daging", "watak aslinya",
          "sifat aslinya", "watak asli", "sifat asli", "dari orok", "sudah gen", "gennya", "sudah keturunan",
          "turun temurun"]

# Words of place before a building that is also a target ("di depan masjid", "samping gereja"): there the building
# is where something happens, not the group (see `HateDetector._locative`; the rule lists its `places`).
SPATIAL = ["di", "ke", "dari", "depan", "samping", "belakang", "dekat", "sebelah", "seberang", "sekitar", "halaman",
           "pelataran", "area", "kawasan", "parkiran", "lingkungan", "atap", "menara", "pagar", "dalam", "luar"]

# The sentence asks rather than asserts.
QUESTION_WORDS = ["apakah", "apa benar", "benarkah", "betulkah", "kenapa", "mengapa", "bagaimana", "gimana"]

QUOTED_RE = re.compile(r"[\"“”]([^\"“”\n]{2,160})[\"“”]|(?<!\w)['‘]([^'‘’\n]{2,160})['’](?!\w)")
# A forum reply's quote of the post it answers ("[quote=agan]...[/quote]"): someone else's words
QUOTE_BLOCK_RE = re.compile(r"\[quote(?:=[^\]]*)?\].*?\[/quote\]", re.IGNORECASE | re.DOTALL)

# Context lists every hate rule reads; operators extend them under [lists.ruleN] like any list.
CONTEXT_LISTS = {"news": NEWS, "condemn": CONDEMN, "tolerance": TOLERANCE, "criticism": CRITICISM,
                 "negators": NEGATORS, "rejecting": REJECTING, "conjunctions": CONJUNCTIONS, "generalising": GENERALISING, "education": EDUCATION,
                 "scripture": SCRIPTURE, "reporting": REPORTING, "laughter": LAUGHTER, "honorifics": HONORIFICS,
                 "violence": VIOLENCE, "question_words": QUESTION_WORDS, "naming": NAMING,
                 "name_calling": NAME_CALLING, "violent_calls": VIOLENT_CALLS, "call_openers": CALL_OPENERS,
                 "violent_links": VIOLENT_LINKS, "predicate_links": PREDICATE_LINKS,
                 "named_before": NAMED_BEFORE, "violent_predicates": VIOLENT_PREDICATES, "restating": RESTATING,
                 "clause_openers": CLAUSE_OPENERS, "wishing": WISHING,
                 "spatial": SPATIAL, "innate": INNATE, "topic_particles": TOPIC_PARTICLES}
