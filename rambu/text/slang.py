"""Informal and alay spellings to standard Indonesian, written for rambu.

Keys are written naturally; they are lower-cased and their repeated letters
collapsed at import, the same way input words are, so "nggak" also catches
"ngggakkk". Values are the standard word(s). Operators add their own entries
through the settings file (``[text] slang``).
"""
import re

_RAW = {
    # negation and particles
    "gak": "tidak", "ga": "tidak", "nggak": "tidak", "ngga": "tidak", "enggak": "tidak",
    "engga": "tidak", "tdk": "tidak", "tak": "tidak", "gk": "tidak", "ndak": "tidak",
    "kagak": "tidak", "kaga": "tidak", "ora": "tidak", "teu": "tidak", "moh": "tidak",
    "gausah": "tidak usah", "gaboleh": "tidak boleh", "jgn": "jangan", "jngn": "jangan",
    "blm": "belum", "blum": "belum", "udh": "sudah", "udah": "sudah", "sdh": "sudah", "dah": "sudah",
    "aja": "saja", "aj": "saja", "sj": "saja", "jg": "juga", "jga": "juga", "lg": "lagi",
    "bgt": "banget", "bngt": "banget", "bener": "benar", "bnr": "benar", "emg": "memang",
    "emang": "memang", "sm": "sama", "dgn": "dengan", "dg": "dengan", "utk": "untuk", "untk": "untuk",
    "yg": "yang", "yng": "yang", "dr": "dari", "dri": "dari", "krn": "karena", "karna": "karena",
    "soalnya": "karena", "tp": "tapi", "tpi": "tapi", "klo": "kalau", "kalo": "kalau", "kl": "kalau",
    "org": "orang", "orng": "orang", "sy": "saya", "gw": "saya", "gue": "saya", "gua": "saya",
    "aku": "saya", "ane": "saya", "lu": "kamu", "lo": "kamu", "loe": "kamu", "elu": "kamu",
    "km": "kamu", "kmu": "kamu", "ente": "kamu", "kalian": "kalian", "kt": "kita", "kita": "kita",
    "mrk": "mereka", "bs": "bisa", "bsa": "bisa", "hrs": "harus", "msh": "masih", "skrg": "sekarang",
    "skrng": "sekarang", "sekarang": "sekarang", "td": "tadi", "bsk": "besok", "smua": "semua",
    "smw": "semua", "sama2": "sama", "trs": "terus", "trus": "terus", "tau": "tahu", "tw": "tahu",
    "ngerti": "mengerti", "liat": "lihat", "ngeliat": "melihat", "bikin": "buat", "ngasih": "memberi",
    "pake": "pakai", "ilang": "hilang", "ngilang": "menghilang", "gimana": "bagaimana", "gmn": "bagaimana", "knp": "kenapa",
    "napa": "kenapa", "ngapain": "mengapa", "ap": "apa", "apaan": "apa", "dmn": "di mana",
    "jdwl": "jadwal", "mlm": "malam", "malem": "malam", "semalem": "semalam", "ntar": "nanti",
    "ntr": "nanti", "entar": "nanti", "kmrn": "kemarin", "kmaren": "kemarin", "kemaren": "kemarin",
    "cm": "cuma", "cuman": "cuma", "pkl": "pukul", "jm": "jam", "bsk": "besok",
    "ktnya": "katanya", "kta": "kata", "kabarnya": "kabarnya",
    # Javanese and Sundanese words that carry the meaning of a sentence
    "pamarentah": "pemerintah", "pamerintah": "pemerintah", "pemerentah": "pemerintah", "bodo": "bodoh",
    "siah": "sia", "meduro": "madura", "jowo": "jawa", "sundo": "sunda", "londo": "belanda",
    "wong": "orang", "uwong": "orang", "kabeh": "semua", "sadaya": "semua", "ojo": "jangan", "entong": "jangan",
    "kuwi": "itu", "iku": "itu", "iki": "ini", "ieu": "ini", "eta": "itu", "pisan": "sekali", "banget2": "banget",
    "ngagulingkeun": "gulingkan", "bubarkeun": "bubarkan", "usir wae": "usir", "kyk": "kayak", "kek": "kayak",
    "kayaq": "kayak", "emg": "memang", "jd": "jadi", "jdi": "jadi", "dijadiin": "dijadikan",
    "info": "info", "inpo": "info", "infonya": "info", "brita": "berita", "berita2": "berita",
    "sebarin": "sebarkan", "sebarkeun": "sebarkan", "viralin": "viralkan", "viralkan": "viralkan",
    "share": "bagikan", "sher": "bagikan", "shere": "bagikan", "forward": "teruskan",
    "hapus": "hapus", "dihapus": "dihapus", "diapus": "dihapus",
    # government and state words in chat spelling
    "pemrth": "pemerintah", "pmrnth": "pemerintah", "pemerinth": "pemerintah", "pmrntah": "pemerintah",
    "pemda": "pemerintah daerah", "presiden": "presiden", "presidn": "presiden", "prsdn": "presiden",
    "mentri": "menteri", "mentrinya": "menteri", "dpr": "dpr", "pejabat2": "pejabat",
    "negri": "negeri", "negara2": "negara", "nkri": "nkri", "pncsl": "pancasila",
    "kemenkumham": "kemenkumham", "kumham": "kemenkumham", "ditjenpas": "ditjenpas",
    "lapas": "lapas", "rutan": "rutan", "napi": "narapidana", "napinya": "narapidana",
    "wbp": "warga binaan", "sipir": "petugas", "sipirnya": "petugas",
    # agreement and laughter, used by rule 3
    "stuju": "setuju", "stj": "setuju", "setujuh": "setuju", "sepakat": "setuju", "sip": "sip",
    "mantab": "mantap", "mantul": "mantap", "mntp": "mantap", "josss": "jos", "betul": "betul",
    "btl": "betul", "bener2": "benar", "wkwk": "wkwk", "wkwkwk": "wkwk", "wkwkwkwk": "wkwk",
    "wk": "wkwk", "kwkw": "wkwk", "awokawok": "wkwk", "haha": "haha", "hahaha": "haha", "xixi": "haha",
    "hehe": "haha", "ckck": "ckck", "lol": "haha", "lmao": "haha",
    # insults in chat spelling (Indonesian, Javanese, Sundanese)
    "anjg": "anjing", "anjir": "anjing", "anjay": "anjing", "anjrit": "anjing", "njing": "anjing",
    "asu": "asu", "asw": "asu", "asuw": "asu", "bgst": "bangsat", "bngst": "bangsat", "bangsad": "bangsat",
    "bacot": "bacot", "bcot": "bacot", "goblog": "goblok", "gblk": "goblok", "gblg": "goblok",
    "tolol": "tolol", "tll": "tolol", "kontl": "kontol", "kntl": "kontol", "kampret": "kampret",
    "jancok": "jancuk", "jancuk": "jancuk", "jancik": "jancuk", "cok": "jancuk", "cuk": "jancuk",
    "dancok": "jancuk", "diancuk": "jancuk", "matamu": "matamu", "ndasmu": "ndasmu", "raimu": "raimu",
    "goblokk": "goblok", "bego": "bego", "bgo": "bego", "kehed": "kehed", "sia": "sia",
    "anjeun": "kamu", "belegug": "belegug", "bolegug": "belegug", "koplok": "koplok",
    "bajingan": "bajingan", "bjingan": "bajingan", "bajingn": "bajingan", "keparat": "keparat",
    "sampah": "sampah", "smph": "sampah", "brengsek": "brengsek", "brengsk": "brengsek",
    "kafirr": "kafir", "kapir": "kafir", "kafirun": "kafir", "togut": "thaghut", "thogut": "thaghut",
    "taghut": "thaghut", "thagut": "thaghut", "thoghut": "thaghut",
    "cina": "cina", "cino": "cina", "china": "cina", "chinese": "cina", "aseng": "aseng",
    "kadrun": "kadrun", "kadrunn": "kadrun", "cebong": "cebong", "kampret2": "kampret",
    "pki": "pki", "komunis": "komunis",
}


def _key(s: str) -> str:
    return re.sub(r"([a-z])\1+", r"\1", s.lower())


SLANG: dict[str, str] = {_key(k): _key(v) for k, v in _RAW.items() if _key(k) != _key(v)}
