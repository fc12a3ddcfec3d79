"""Rule 1: hate against Pancasila, UUD 1945, Bhinneka Tunggal Ika, NKRI and the government."""
from __future__ import annotations

from .hate import HateDetector
from .hate_lists import CONTEXT_LISTS, INSULTS

TARGETS = {
    "pancasila": "Pancasila", "garuda pancasila": "Pancasila", "ideologi negara": "Pancasila",
    "dasar negara": "Pancasila",
    "uud 1945": "UUD 1945", "uud 45": "UUD 1945", "uud": "UUD 1945", "undang undang dasar": "UUD 1945",
    "konstitusi": "UUD 1945",
    "bhinneka tunggal ika": "Bhinneka Tunggal Ika", "kebhinekaan": "Bhinneka Tunggal Ika",
    "bhineka": "Bhinneka Tunggal Ika",
    "nkri": "NKRI", "negara kesatuan": "NKRI", "republik indonesia": "NKRI", "republik ini": "NKRI",
    "negara ini": "NKRI", "negeri ini": "NKRI", "negara": "NKRI", "indonesia": "NKRI", "konoha": "NKRI",
    "wakanda": "NKRI", "demokrasi": "NKRI",
    "pemerintah": "pemerintah", "pemerintahan": "pemerintah", "rezim": "pemerintah", "penguasa": "pemerintah",
    "presiden": "pemerintah", "wakil presiden": "pemerintah", "wapres": "pemerintah", "istana": "pemerintah",
    "kabinet": "pemerintah", "menteri": "pemerintah", "kementerian": "pemerintah", "pejabat": "pemerintah",
    "prabowo": "pemerintah", "gibran": "pemerintah", "jokowi": "pemerintah", "mulyono": "pemerintah",
    "fufufafa": "pemerintah",
    **{w: "pemerintah" for w in (
        "menkumham", "menkeu", "mendagri", "menag", "menlu", "menhan", "menko", "mensesneg", "kapolri",
        "kapolda", "kapolres", "panglima tni", "jaksa agung", "kejagung")},
    "dpr": "lembaga negara", "mpr": "lembaga negara", "dprd": "lembaga negara", "wakil rakyat": "lembaga negara",
    "polri": "lembaga negara", "polisi": "lembaga negara", "aparat": "lembaga negara", "tni": "lembaga negara",
    "kejaksaan": "lembaga negara", "hakim": "lembaga negara", "mahkamah": "lembaga negara",
    **{w: "lembaga negara" for w in ("polres", "polsek", "polda", "polresta", "polrestabes", "kodim", "koramil",
                                     "kodam", "pengadilan", "kemenimipas")},
    "kpk": "lembaga negara", "kemenkumham": "lembaga negara", "ditjenpas": "lembaga negara",
    "kementerian imigrasi dan pemasyarakatan": "lembaga negara", "pemasyarakatan": "lembaga negara",
    # local government is the government too
    **{w: "pemerintah daerah" for w in (
        "pemda", "pemkab", "pemkot", "pemprov", "pemdes", "pemerintah daerah", "pemerintah kota",
        "pemerintah kabupaten", "pemerintah provinsi", "pemerintah desa", "bupati", "wakil bupati", "walikota",
        "wali kota", "gubernur", "wakil gubernur", "camat", "lurah", "kepala desa", "kades", "satpol pp",
        "pj gubernur", "pj bupati", "pj walikota",
    )},
}

# Strong insults and dehumanising words ("strong"); plain hostility otherwise.
HOSTILE = {
    **{w: "weak" for w in ("benci", "muak", "jijik", "kecewa", "bosan")},
    **{w: "strong" for w in INSULTS},
    **{w: "strong" for w in (
        "tahi", "thaghut", "berhala", "kampret", "bedebah", "celaka", "jahanam", "mampus",
        "ndasmu", "gendeng", "edan", "sinting", "gila", "bacot", "pengkhianat",
        "antek asing", "antek aseng", "boneka asing", "maling", "rampok", "perampok",
        "penipu", "pembohong", "tukang bohong", "pendusta", "kufur", "syirik", "khilafah", "daulah",
        "tukang tipu", "tukang korupsi", "tukang hoaks", "tukang hoax", "pembohong publik",
        "raja tega", "tukang ingkar janji", "otak udang", "lintah darat",
        # Javanese and Sundanese
        "jancik", "diancuk", "cangkemmu",
        "sia", "lonte", "sundel",
    )},
    **{w: "hostile" for w in (
        "hina", "bubar*", "membungkam", "menindas", "penindas", "alat penguasa", "tikus berdasi",
        "bakar", "dibakar", "hancur*", "gulingkan", "digulingkan", "jatuhkan",
        "makar", "berontak", "pemberontakan", "musnah*", "basmi", "haram", "sesat",
        "zalim", "dzalim", "otoriter", "diktator", "bobrok", "tidak becus", "omong kosong",
        "tidak berguna", "tidak guna", "ampas", "kacung", "budak", "pecundang", "kotor",
        "plonga plongo", "planga plongo", "kaleng kaleng",
    )},
}

# Hateful by itself: the target is inside the phrase.
HATEFUL = {
    "ganti pancasila": "Pancasila", "pancasila thaghut": "Pancasila", "pancasila kafir": "Pancasila",
    "pancasila berhala": "Pancasila", "pancasila haram": "Pancasila", "pancasila sampah": "Pancasila",
    "pancasila tidak wajib": "Pancasila", "tolak pancasila": "Pancasila", "anti pancasila": "Pancasila",
    "hapus pancasila": "Pancasila", "buang pancasila": "Pancasila", "pancasila sudah mati": "Pancasila",
    "tegakkan khilafah": "NKRI", "khilafah solusi": "NKRI", "khilafah adalah solusi": "NKRI",
    "ganti dengan khilafah": "NKRI", "ganti sistem": "NKRI", "negara thaghut": "NKRI",
    "negara kafir": "NKRI", "demokrasi kufur": "NKRI", "demokrasi sistem kufur": "NKRI",
    "demokrasi haram": "NKRI", "nkri bukan harga mati": "NKRI", "bubarkan nkri": "NKRI",
    "nkri bubar": "NKRI", "indonesia bubar": "NKRI", "merdeka dari indonesia": "NKRI",
    "referendum merdeka": "NKRI", "lepas dari nkri": "NKRI", "pisah dari nkri": "NKRI",
    "uud sampah": "UUD 1945", "amandemen total": "UUD 1945", "bhinneka omong kosong": "Bhinneka Tunggal Ika",
    "pemerintah thaghut": "pemerintah", "pemerintah kafir": "pemerintah", "penguasa kafir": "pemerintah",
    "penguasa thaghut": "pemerintah", "penguasa zalim": "pemerintah", "rezim thaghut": "pemerintah",
    "rezim zalim": "pemerintah", "rezim dzalim": "pemerintah", "rezim bangsat": "pemerintah",
    "rezim anjing": "pemerintah", "turunkan presiden": "pemerintah", "gulingkan pemerintah": "pemerintah",
    "gulingkan rezim": "pemerintah", "revolusi berdarah": "pemerintah",
    "ganti dengan syariat": "Pancasila", "ganti dasar negara": "Pancasila", "negara islam": "NKRI",
    "daulah islamiyah": "NKRI", "khilafah islamiyah": "NKRI", "tegakkan daulah": "NKRI",
    "pancasila buatan manusia": "Pancasila", "pancasila alat penguasa": "Pancasila",
    "hormat bendera syirik": "NKRI", "nkri thaghut": "NKRI", "sistem thaghut": "NKRI",
    "presiden boneka": "pemerintah", "rezim boneka": "pemerintah", "pemerintah boneka": "pemerintah",
    "acab": "lembaga negara", "all cops are bastards": "lembaga negara", "polisi anjing": "lembaga negara",
    "partai coklat": "lembaga negara", "parcok": "lembaga negara", "dpr anjing": "lembaga negara",
    "dpr bangsat": "lembaga negara", "dewan perampok rakyat": "lembaga negara",
    # a religious state instead of NKRI, and rejection of Bhinneka, need no insult word
    "negara syariah": "NKRI", "negara syariat": "NKRI", "nkri bersyariah": "NKRI", "indonesia bersyariah": "NKRI",
    "dirikan khilafah": "NKRI", "sistem khilafah": "NKRI", "khilafah ala minhajin nubuwwah": "NKRI",
    "satu satunya solusi khilafah": "NKRI", "wajib menegakkan khilafah": "NKRI", "ganti demokrasi": "NKRI",
    "tolak demokrasi": "NKRI", "demokrasi produk kafir": "NKRI", "hukum thaghut": "NKRI", "undang undang thaghut": "UUD 1945",
    "tolak bhinneka": "Bhinneka Tunggal Ika", "tolak kebhinekaan": "Bhinneka Tunggal Ika",
    "anti bhinneka": "Bhinneka Tunggal Ika", "hapus bhinneka": "Bhinneka Tunggal Ika",
    "bhinneka tidak berlaku": "Bhinneka Tunggal Ika", "tidak perlu bhinneka": "Bhinneka Tunggal Ika",
    "bhinneka itu bohong": "Bhinneka Tunggal Ika", "persatuan itu bohong": "Bhinneka Tunggal Ika",
    "pancasila tidak sesuai islam": "Pancasila", "pancasila bertentangan dengan islam": "Pancasila",
    "negara kufur": "NKRI", "sistem kufur": "NKRI", "papua bukan indonesia": "NKRI", "bendera thaghut": "NKRI",
    "thaghut harus tumbang": "pemerintah", "nkri penjajah": "NKRI",
    # the state's forces as helpers of the thaghut (a takfiri name for police and soldiers)
    "ansharut thaghut": "lembaga negara", "anshar thaghut": "lembaga negara", "antek thaghut": "lembaga negara",
    "aparat thaghut": "lembaga negara",
}

# Declaring the state unbelieving: a hateful phrase with one of these is plain (`HateDetector.takfir`)
TAKFIR = ["kafir", "kufur", "thaghut", "thagut", "thoghut", "taghut", "toghut", "syirik", "murtad"]

# A state, government or police of another country named by the word after the target ("negara Arab",
# "pemerintah China", "polisi Malaysia") is not rule 1's target.
FOREIGN = [
    "lain", "tetangga", "asing", "barat", "timur tengah", "maju", "berkembang", "adidaya", "arab", "saudi",
    "amerika", "as", "usa", "israel", "palestina", "china", "cina", "tiongkok", "rrc", "jepang", "korea", "korut",
    "korsel", "india", "pakistan", "rusia", "ukraina", "eropa", "inggris", "belanda", "jerman", "prancis",
    "perancis", "australia", "malaysia", "singapura", "thailand", "filipina", "myanmar", "vietnam", "brunei",
    "timor leste", "turki", "iran", "irak", "suriah", "mesir", "afghanistan", "yaman", "qatar", "uea",
    "zionis",
]

# Hostile only as advocacy: a system or a break-up proposed instead of the state. Governed by a rejecting
# verb (`REJECTING`) they are opposed ("tolak negara khilafah", "waspadai paham daulah"), which is loyalty.
# Regions whose leaving the state is called for in separatist posts
_REGIONS = ("papua", "papua barat", "aceh", "maluku", "riau", "kalimantan", "sulawesi", "minahasa", "bali", "timor")
ADVOCACY = [
    "khilafah", "daulah", "negara islam", "negara syariah", "negara syariat", "nkri bersyariah",
    "indonesia bersyariah", "sistem khilafah", "dirikan khilafah", "tegakkan khilafah", "tegakkan daulah",
    "daulah islamiyah", "khilafah islamiyah", "khilafah solusi", "khilafah adalah solusi",
    "satu satunya solusi khilafah", "wajib menegakkan khilafah", "khilafah ala minhajin nubuwwah",
    "ganti dengan khilafah", "ganti dengan syariat", "ganti pancasila", "ganti dasar negara", "ganti demokrasi",
    "makar", "pemberontakan", "referendum merdeka", "merdeka dari indonesia",
    "lepas dari nkri", "pisah dari nkri", "lepas dari indonesia", "pisah dari indonesia", "merdeka dari nkri",
    "papua merdeka", "referendum papua", "aceh merdeka", "maluku merdeka", "rms", "republik maluku selatan",
    "keluar dari nkri", "keluar dari indonesia", "referendum", "nkri bubar", "indonesia bubar", "bubarkan nkri",
    "gulingkan pemerintah", "gulingkan rezim", "gulingkan presiden", "tumbangkan rezim", "tumbangkan pemerintah",
    "revolusi berdarah", "perjuangan opm", "gerakan papua merdeka", "diganti dengan khilafah", "diganti dengan syariat", "diganti dengan syariah", "ganti dengan syariah",
    "ganti dengan hukum islam", "diganti dengan hukum islam", "ganti dengan hukum allah", "diganti dengan hukum allah",
    # sharia as the state's law, not as one's own practice ("menerapkan syariat dalam kehidupan sehari-hari")
    "indonesia menerapkan syariat", "negara menerapkan syariat", "nkri menerapkan syariat",
    "syariat islam dalam bernegara", "syariat dalam bernegara", "syariat islam di indonesia", "syariat islam di nkri",
    "syariat islam sebagai dasar negara", "syariat islam sebagai hukum negara", "hukum islam sebagai dasar negara",
    "syariat islam sebagai konstitusi",
    # taking up arms, a coup, every region on its own
    "angkat senjata", "kudeta", "kudeta militer", "pisah dari jakarta", "lepas dari jakarta", "merdeka masing masing",
    "merdeka sendiri sendiri", "merdeka masing", "pisah saja dari jakarta", "pisah saja dari nkri", "pisah saja dari indonesia",
    "lepas saja dari indonesia", "lepas saja dari nkri", "merdeka saja", "papua bukan indonesia",
    "merdeka dari jakarta", "merdeka dari penjajahan jakarta", "merdeka dari penjajah jakarta",
    "merdeka dari penjajahan indonesia", "merdeka dari penjajahan nkri", "lepas dari penjajahan jakarta",
    # allegiance to a caliph; the state left or brought down ("rezim ini harus ditumbangkan")
    "baiat kepada khalifah", "berbaiat kepada khalifah", "baiat khalifah", "tinggalkan nkri", "meninggalkan nkri",
    "ditumbangkan", "digulingkan",
    # a region to leave, any way it is said ("Aceh harus lepas!", "Maluku berhak merdeka", "Papua bukan Indonesia")
    *(f"{region} {modal}{verb}" for region in _REGIONS
      for modal in ("", "harus ", "wajib ", "mesti ", "berhak ", "layak ", "sebaiknya ", "seharusnya ", "harusnya ",
                    "mestinya ", "segera ")
      for verb in ("lepas", "merdeka", "pisah", "berdiri sendiri", "referendum")
      if modal or verb != "pisah"),  # bare: "Papua pisah aja" weighs a wish in two of the data sets' clean posts
    *(f"{region} {verb}" for region in _REGIONS
      for verb in ("bukan indonesia", "bukan nkri", "bukan bagian indonesia", "bukan bagian nkri", "bukan milik jawa",
                   "bukan milik jakarta")),
]
# Advocacy said as a call (`HateDetector._called`): a calling word in the term or up to two words before it,
# or an endorsing word right after it; a hedge earlier in the clause (a condition, a relative clause, someone
# else's wish or idea) makes it a description, not a call.
CALLING = [
    "harus", "hrs", "wajib", "mesti", "saatnya", "waktunya", "ayo", "ayok", "yuk", "mari", "dukung", "perjuangkan",
    "tegakkan", "tegakan", "dirikan", "terapkan", "jadikan", "kembali ke", "butuh", "ganti", "gantikan", "hidup",
    "bangkitkan", "gulingkan", "tumbangkan", "wujudkan", "sambut", "bela",
    # what ought to be ("Aceh mestinya merdeka", "Papua seharusnya lepas")
    "mestinya", "semestinya", "seharusnya", "harusnya", "sepatutnya", "sudah sepantasnya", "berhak", "layak",
    # the author's own stand: "kami mendukung khilafah" (a third party's, "Masyumi mendukung ...", is history)
    "saya", "aku", "gue", "gua", "gw", "sy", "kami", "kita",
    # naming it the answer: "itulah khilafah", "solusinya adalah khilafah"; the better way ("mending dikudeta aja")
    "itulah", "solusinya", "mending", "mendingan", "sebaiknya", "lebih baik",
    # inside the term: "pisah aja dari Jakarta" (not "saja" alone: "coba aja referendum kalau berani" dares)
    "pisah saja", "lepas saja", "merdeka saja",
    # Javanese and Sundanese: "kudu dadi negara Islam", "hayu urang tegakkeun khilafah"
    "kudu", "kedah", "hayu", "hayuk", "ayuh", "tegakne", "tegakke", "tegakkeun", "adegkeun", "ngadegkeun",
    "dirikeun", "terapkeun", "gantos",
]
# The only words that may stand between a calling word and the term ("harus jadi negara Islam", "mari kita
# tegakkan", "kami mendukung khilafah"): anything else is a different object ("dukung penumpasan gerakan ...",
# "dukung negara-negara ..."). Derived verbs are links, not calls: after a calling word they carry it on.
CALL_LINKS = ["jadi", "menjadi", "jd", "kembali", "lagi", "segera", "kan", "lah", "sebuah", "suatu", "kita", "kami",
              "bersama", "bersatu", "sama", "sama sama", "ramai ramai", "pun", "saja", "aja", "mendukung",
              "memperjuangkan", "diperjuangkan", "menegakkan", "ditegakkan", "mendirikan", "didirikan",
              "menerapkan", "diterapkan", "menjadikan", "dijadikan", "menuju", "membutuhkan", "dibutuhkan",
              "mengganti", "diganti", "menggantikan", "digantikan", "mewujudkan", "diwujudkan", "membela",
              "menyambut", "siap", "akan", "adalah", "ialah", "dadi", "janten", "urang", "awake dewe", "negakkeun",
              "nerapkeun", "berdirinya", "tegaknya", "diterapkannya", "kembalinya"]
ENDORSING = ["solusi", "solusinya", "harga mati", "pasti tegak", "segera tegak", "adalah jawaban", "jawabannya",
             "harus diperjuangkan", "wajib diperjuangkan", "harus ditegakkan", "wajib ditegakkan", "harus diterapkan",
             "wajib diterapkan", "harus tegak", "pasti menang", "sekarang juga", "harus tumbang", "pasti runtuh",
             "bakal runtuh", "akan runtuh", "tetap hidup", "akan bangkit", "pasti bangkit",
             # fit for the country: a call when said, a rejection when negated ("khilafah gk cocok buat negara
             # majemuk")
             "cocok", "sesuai", "relevan", "tepat"]
# Rejection said after the idea it rejects ("yang ngajak bikin negara khilafah jangan diberi panggung",
# "paham khilafah harus dilawan"): the idea is opposed, as with a rejecting word before it
REJECTED_AFTER = ["harus ditolak", "wajib ditolak", "mesti ditolak", "harus dilawan", "wajib dilawan",
                  "harus diwaspadai", "perlu diwaspadai", "patut diwaspadai", "harus dicegah", "harus diberantas",
                  "jangan diberi panggung", "jangan dikasih panggung", "jangan diberi ruang", "jangan dikasih ruang",
                  "bertentangan dengan", "terlarang", "sudah dilarang", "dilarang di indonesia", "ditolak"]
HEDGES = [
    "kalau", "kalo", "klo", "kl", "jika", "jikalau", "bila", "apabila", "seandainya", "andai", "andaikan", "misal",
    "misalnya", "yang", "yg", "ingin", "mau", "pengen", "pengin", "cita", "bercita", "mimpi", "bermimpi", "berniat",
    "berencana", "niat", "upaya", "paham", "gagasan", "ide", "isu", "wacana", "propaganda", "kelompok", "ormas",
    "organisasi", "pengikut", "simpatisan", "mereka", "kalian", "dia", "katanya", "ajakan", "ajaran",
    # someone else's claim ("tudingan bahwa Pancasila usang"), or a condition ("tanpa pengamalan, ...")
    "tudingan", "tuduhan", "anggapan", "menganggap", "dianggap", "klaim", "narasi", "tanpa",
    # a crowd's demand reported ("massa menuntut referendum sekarang juga")
    "menuntut", "tuntutan", "tuntut", "massa", "demonstran", "pendemo", "menyerukan", "seruan", "spanduk", "poster",
]

# The state's foundations, and what dismisses one when said of it (`HateDetector._dismissed`): "Bhinneka Tunggal
# Ika itu cuma slogan kosong", "Pancasila sudah tidak relevan". Rejecting a foundation needs no insult word.
FOUNDATIONS = [
    "pancasila", "dasar negara", "ideologi negara", "garuda pancasila", "uud 1945", "uud 45", "undang undang dasar",
    "bhinneka tunggal ika", "bhinneka", "bhineka", "kebhinekaan", "nkri", "negara kesatuan",
]
# What a foundation is to be done with when it is dismissed
_DONE_AWAY = ("dihapus", "dihapuskan", "dibuang", "dibubarkan", "diganti", "digantikan", "ditinggalkan", "dicabut",
              "diruntuhkan", "dihancurkan", "dilenyapkan", "dikubur", "dimusnahkan", "diakhiri", "dirobohkan")
DISMISSING = [
    "tidak relevan", "tak relevan", "gak relevan", "ga relevan", "nggak relevan", "usang", "kuno", "basi",
    "ketinggalan zaman", "ketinggalan jaman", "cuma slogan", "hanya slogan", "sekadar slogan", "slogan kosong",
    "slogan doang", "slogan belaka", "cuma jargon", "hanya jargon", "jargon kosong", "jargon belaka",
    "omong kosong", "cuma mitos", "hanya mitos", "mitos belaka", "cuma pajangan", "hanya pajangan",
    "pajangan dinding", "hiasan dinding", "tidak perlu dipertahankan", "tak perlu dipertahankan",
    "tidak usah dipertahankan", "gak perlu dipertahankan", "ga perlu dipertahankan", "tidak perlu diikuti",
    "tidak wajib diikuti", "tidak perlu ditaati", "tidak wajib ditaati", "tidak perlu dipakai", "harus dihapus",
    "wajib dihapus", "perlu dihapus", "dihapus saja", "hapus saja", "harus dibuang", "dibuang saja",
    "buang saja", "tidak berlaku lagi", "sudah tidak berlaku", "gagal total", "produk gagal", "tidak ada gunanya",
    "tidak berguna", "tak berguna", "gak berguna", "sudah mati", "sudah tamat", "tinggal nama", "bukan harga mati",
    "tidak cocok lagi", "sudah tidak cocok", "tidak cocok untuk indonesia",
    "ideologi buatan manusia", "buatan manusia", "cuma formalitas", "hanya formalitas", "formalitas belaka",
    # called worthless paper or rubbish
    "sampah", "kertas sampah", "cuma kertas", "hanya kertas", "sekadar kertas", "kertas doang", "kertas belaka",
    # to be done away with, any modal with any verb ("NKRI wajib dibubarkan", "Pancasila mending diganti aja")
    *(f"{modal} {verb}" for modal in ("harus", "wajib", "perlu", "mesti", "sebaiknya", "mending", "layak", "pantas",
                                      "saatnya", "sudah saatnya")
      for verb in _DONE_AWAY),
    *(f"{verb} {end}" for verb in _DONE_AWAY for end in ("saja", "aja", "sajalah", "ajalah")),
    # nothing but a worthless thing ("Pancasila cuma ideologi kosong", "UUD cuma alat penguasa")
    *(f"{only} {thing}" for only in ("cuma", "hanya", "sekadar")
      for thing in ("ideologi kosong", "alat penguasa", "alat rezim", "alat", "dongeng", "simbol", "hiasan",
                    "omong kosong")),
]
# The only words that may stand between the foundation and what dismisses it: anything else ("dianggap",
# "disebut", "yang") makes it someone else's view or a different subject.
DISMISS_LINKS = [
    "itu", "ini", "tu", "sudah", "sdh", "udah", "dah", "telah", "memang", "emang", "adalah", "ialah", "sekarang",
    "kini", "jelas", "terbukti", "ternyata", "nyatanya", "sebenarnya", "sebetulnya", "sejatinya", "mah", "sih",
    "tuh", "kan", "lah", "cuma", "hanya", "jadi", "sekadar", "lagi", "di", "zaman", "jaman", "now", "era",
]


class IdeologyHateDetector(HateDetector):
    rule = 1
    key = "rule1"
    name = "rule1.ideology"
    version = 26  # 2: plain calls and equations are reviewed whatever the model; 3: so are dismissed foundations,
    # and a caption that condemns or reports its picture puts the picture's words at a distance; 4: equations are
    # read even when the model leans nowhere; ministers and police chiefs; secession beyond Papua; 5: a capitalised
    # word after a naming word is a person ("Nama adik saya Khilafah ..."); a slur someone is called is reported;
    # a foundation called worthless paper or rubbish is dismissed; 6: a strong insult pinned on the target with
    # linking words ("DPR itu memang setan") and a call to violence said to the reader are plain; 7: taking up
    # arms, a coup and every region on its own are advocacy; "mending"/"sebaiknya" call; a crowd's demand is reported;
    # 8: an insult after a pronoun restating the target; a negated wish is not reported speech; 9: a hateful
    # phrase declaring the state unbelieving is plain; a region named between the call and the term ("saatnya
    # Aceh lepas ..."); freedom from "penjajahan Jakarta"; an animal after a generalising word insults; 10:
    # allegiance to a caliph, leaving NKRI, a government "ditumbangkan"/"digulingkan" are advocacy; 11: a trait
    # said to be inborn is pinned; 12: "ngapain" without a question mark dismisses, it does not ask; a
    # movement said to live on ("RMS tetap hidup"); "ansharut thaghut"; "kepung", "seret" call to violence; 13:
    # "isinya" and "masih" link an insult pinned on the target; 14: a rejection after the idea ("khilafah gk
    # cocok", "harus dilawan", "jangan diberi panggung") opposes it; a likeness links an insult pinned on the target;
    # 15: so do a demonstrative, a finished state and a collection ("pemerintahan ini thaghut", "DPR kumpulan
    # bajingan"); a question in another sentence no longer stops an insult being pinned; 16: "yang namanya X" and
    # "namanya juga X" are idioms, not a person's name; 17: an insult set off by a comma, generalised at once;
    # 18: "jihad melawan" the target is a call to violence; 19: police and military units, courts; 20: what ought
    # to be calls ("seharusnya lepas"); "merdeka dari dulu" is since when; 21: topic particles ("mah", "tuh") pin a
    # milder insult; a place after the target and its conduct ("kelakuannya") link; violence suffered is not called for;
    # 22: a personal pronoun as the object of a call to violence points back at the person named before ("seret dia");
    # 23: an insult right after the target, generalised at once, or past a relative clause, is pinned; 24: a tag
    # asking to agree ("..., kan?") does not make the sentence a question; 25: a foundation to be done away with, any
    # modal with any verb ("wajib dibubarkan", "mending dibuang aja"), or nothing but a tool ("cuma alat rezim");
    # what replaces the thing rejected is wanted ("dibubarkan diganti Daulah Islamiyah" advocates); 26: a region to
    # leave, any modal with any verb ("Aceh harus lepas", "Maluku berhak merdeka"); "cuma alat"; freedom "dari
    # penjajahan" is from whose rule, not a figure of speech; "berhak" and "layak" call
    title = "ujaran kebencian terhadap Pancasila, UUD 1945, Bhinneka Tunggal Ika, NKRI, dan Pemerintah"
    basis = (
        "SKB 11 Menteri/Kepala Lembaga 2019 tentang Penanganan Radikalisme ASN, angka 1 dan 7-9",
        "PP 94/2021 tentang Disiplin PNS Pasal 3 huruf a (setia kepada Pancasila, UUD 1945, NKRI, dan Pemerintah)",
        "Etika bermedia sosial ASN Pemasyarakatan angka 1",
    )
    target_noun = "sasaran"
    locative_labels = ("NKRI",)  # "usir dari Indonesia": a place, not the object of the hate
    objects_named_before = False  # "... rusak Indonesia. Bantai aja" calls for violence on the people named first
    not_people = frozenset({"Pancasila", "UUD 1945", "Bhinneka Tunggal Ika", "NKRI"})  # "usir mereka" is no state
    lists = {**CONTEXT_LISTS, "targets": TARGETS, "hostile": HOSTILE, "hateful": HATEFUL, "advocacy": ADVOCACY,
             "calling": CALLING, "call_links": CALL_LINKS, "endorsing": ENDORSING, "hedges": HEDGES,
             "rejected_after": REJECTED_AFTER,
             "foreign": FOREIGN, "foundations": FOUNDATIONS, "dismissing": DISMISSING, "dismiss_links": DISMISS_LINKS, "takfir": TAKFIR}

    def explain(self, named, quote, path):
        what = ", ".join(named) if named else "dasar negara atau pemerintah"
        return (f"pendapat bernada kebencian terhadap {what} ditemukan pada {path}: {quote}. "
        "ASN wajib setia kepada Pancasila, UUD 1945, NKRI, dan Pemerintah; kritik boleh "
        "disampaikan dengan bahasa yang santun dan melalui saluran yang benar.")
