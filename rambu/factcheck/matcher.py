"""Match a text to fact-check register claims by meaning, fast enough for 100,000 claims.

Both the claims and the text go through the same pipeline:

1. ``rambu.text.normalize`` (alay, leetspeak, repeated letters, slang; every
   token keeps its span in the original text);
2. a project-written table of chat abbreviations (``bln`` -> bulan, ``500rb``
   -> 500 ribu, ``jabar`` -> jawa barat);
3. a project-written table of synonym classes (``lapas``, ``rutan``,
   ``penjara`` -> one concept; ``dihapus``, ``ditiadakan``, ``tidak boleh`` ->
   one concept), tried on the surface word (and phrases), then on its stem;
4. stemming (PySastrawi for the claims, at build time; for a text, words seen
   in the claims reuse that result and new words are reduced by cheap affix
   stripping checked against the index vocabulary, so a query never waits on
   the stemmer);
5. stopwords and hoax-message filler ("sebarkan", "katanya", "info") out;
6. negation: "tidak"/"bukan"/"belum"/"tanpa" mark the next content word
   (after "tidak ada", any event word within five words) as negated.

What remains is a bag of terms (stems or concept ids), so word order does not
matter. Retrieval: numpy posting lists with IDF weights, read rarest term
first until a budget is spent; the coverage of every pooled claim is then made
exact with the remaining terms (dense membership bits for the most common
ones). Each short-listed claim is scored on the densest window of the text:

* recall = IDF-weighted share of the claim's terms the window has (event
  concepts such as "dihapus", "kabur", "meninggal" weigh more; generic words
  such as "indonesia", "semua" less), precision = share of the window's own
  content (and, at half weight, of its neighbours) that the claim explains,
  combined as an F-measure that favours recall (less so for short claims);
* character-trigram similarity of the stems can raise the score (misspellings
  no table knows), never lower it;
* a claim whose events the text does not mention, a text that says the
  opposite ("dibuka" for "dihapus", "tidak mengandung" for "mengandung"), or a
  match on only one or two words of a longer claim is scaled down.

Unknown words of a text are also matched to the vocabulary within one edit, and
vowel-less abbreviations by consonant skeleton ("klrg" -> keluarga).

A register of a million claims is built in one pass (``rambu.factcheck.claims``): a
claim is read as words only (no tokens with spans), every distinct word is resolved
once, and what the index keeps per claim are int32 arrays
(``rambu.factcheck.postings``), never Python objects.

``FactCheckIndex(entries).match(text)`` returns :class:`FactMatch` tuples
``(entry, score, span)`` best first, where ``span`` = (first, last) token
indices into the text's ``Normalized.tokens`` (the evidence). Scores are
calibrated for the settings ``rule4.match_threshold`` (0.5: the text states
the claim) and ``rule4.review_match_threshold`` (0.38: it may).
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import numpy as np

from .. import display
from ..text import WORD_CACHE
from ..text.normalize import Normalized, norm_word, normalize
from .claims import ClaimReader
from .postings import Bits, merge_rows, postings, term_counts
from .register import FactCheck, LoadedRegister, entries_from, load_register

# ---------------------------------------------------------------------------
# Project-written tables. Keys are written naturally and normalised at import
# exactly like input words (so "binaan" and "binan" agree).
# ---------------------------------------------------------------------------

# Chat abbreviations and informal words that the shared slang table does not cover.
ABBREVIATIONS: Mapping[str, str] = {
    "bln": "bulan", "gara": "karena", "pekan": "minggu", "bl": "bulan", "thn": "tahun", "th": "tahun",
    "thun": "tahun", "hr": "hari",
    "mgg": "minggu", "mg": "minggu", "dpn": "depan", "dpan": "depan", "kmrn": "kemarin",
    "kemaren": "kemarin", "kmren": "kemarin", "kmarin": "kemarin", "skr": "sekarang",
    "sblm": "sebelum", "sblum": "sebelum", "stlh": "setelah", "stelah": "setelah", "sdg": "sedang",
    "tgl": "tanggal", "jt": "juta", "jta": "juta", "rb": "ribu", "rbu": "ribu", "rp": "rupiah",
    "mlm": "malam", "pgi": "pagi", "bbrp": "beberapa", "spt": "seperti", "kyk": "seperti",
    "kayak": "seperti", "kaya": "seperti", "tsb": "tersebut", "sbg": "sebagai", "pd": "pada",
    "kpd": "kepada", "dlm": "dalam", "jd": "jadi", "jdi": "jadi", "gbs": "tidak bisa",
    "gabisa": "tidak bisa", "gbisa": "tidak bisa", "mo": "mau", "pengen": "ingin", "pgn": "ingin",
    "ama": "sama", "ampe": "sampai", "sampe": "sampai", "nyampe": "sampai", "ntar": "nanti",
    "ntr": "nanti", "tar": "nanti", "lgsg": "langsung", "lgs": "langsung", "beneran": "benar",
    "nyebar": "menyebar", "dibagiin": "dibagikan", "dikasih": "diberi", "dksh": "diberi",
    "dapet": "dapat", "dpt": "dapat", "nerima": "menerima", "dpt2": "dapat", "nengok": "jenguk",
    "nengokin": "jenguk", "jengukin": "jenguk", "ngunjungin": "mengunjungi",
    "dikunjungin": "dikunjungi", "ditutupin": "ditutup", "diilangin": "dihilangkan",
    "diapusin": "dihapus", "dihapusin": "dihapus", "ngapus": "menghapus", "ngehapus": "menghapus",
    "dilarangin": "dilarang", "ngelarang": "melarang", "dibebasin": "dibebaskan",
    "ngebebasin": "membebaskan", "dilepasin": "dilepaskan", "naikin": "naikkan", "turunin": "turunkan",
    "dipotongin": "dipotong", "ngasi": "memberi", "dibayarin": "dibayar", "bayarin": "bayar",
    "gratisan": "gratis", "gretong": "gratis", "free": "gratis", "tanpa": "tanpa",
    "hp": "ponsel", "handphone": "ponsel", "hape": "ponsel", "smartphone": "ponsel",
    "wa": "whatsapp", "wag": "whatsapp", "watsap": "whatsapp", "wassap": "whatsapp",
    "ig": "instagram", "fb": "facebook", "yt": "youtube", "tiktok": "tiktok",
    "lp": "lapas", "lpka": "lapas", "lpp": "lapas", "kalapas": "kepala lapas",
    "karutan": "kepala rutan", "kanwil": "kantor wilayah", "menkumham": "menteri hukum ham",
    "kemenkum": "kemenkumham", "kemenkumham": "kemenkumham", "dirjenpas": "ditjenpas",
    "pemprov": "pemerintah provinsi", "pemkab": "pemerintah kabupaten", "pemkot": "pemerintah kota",
    "bansos": "bantuan sosial", "blt": "bantuan langsung tunai", "thr": "tunjangan hari raya",
    "pns": "asn", "nakes": "tenaga kesehatan", "perak": "rupiah", "rs": "rumah sakit", "wna": "warga negara asing",
    "tka": "tenaga kerja asing", "ektp": "ktp", "e-ktp": "ktp", "nomer": "nomor",
    "telpon": "telepon", "telfon": "telepon", "tlp": "telepon", "tlpn": "telepon",
    "linknya": "tautan", "link": "tautan", "klik": "klik", "covid19": "covid", "corona": "covid",
    "divaksin": "divaksin", "vaksinnya": "vaksin", "vaksinasinya": "vaksin", "pemilu2024": "pemilu",
    "ortu": "orang tua", "bokap": "ayah", "nyokap": "ibu", "bocil": "anak", "anak2": "anak",
    "org2": "orang", "smuanya": "semua", "semuanya": "semua", "sluruh": "seluruh", "slrh": "seluruh",
    "kluarga": "keluarga", "klrg": "keluarga", "klg": "keluarga", "kunjungn": "kunjungan",
    "pnjara": "penjara", "pnjr": "penjara", "napi2": "narapidana", "tahanan2": "tahanan",
    "dtiadakan": "ditiadakan", "ditiadain": "ditiadakan", "distop": "dihentikan",
    "disetop": "dihentikan", "stop": "hentikan", "setop": "hentikan", "mati2an": "sungguh",
    "meninggoy": "meninggal", "modar": "mati", "koit": "mati", "wafatnya": "wafat",
    "ambulance": "ambulans", "ambulan": "ambulans", "gb": "gigabyte", "mb": "megabyte",
    "bkn": "bukan", "blm": "belum", "k": "kartu keluarga", "indo": "indonesia", "indonesian": "indonesia",
    "month": "bulan", "week": "minggu", "family": "keluarga", "ga2": "tidak", "malam2": "malam",
    # regions
    "jabar": "jawa barat", "jateng": "jawa tengah", "jatim": "jawa timur", "jkt": "jakarta",
    "jakbar": "jakarta barat", "jaktim": "jakarta timur", "jaksel": "jakarta selatan",
    "jakut": "jakarta utara", "jakpus": "jakarta pusat", "sumut": "sumatera utara",
    "sumbar": "sumatera barat", "sumsel": "sumatera selatan", "kalbar": "kalimantan barat",
    "kaltim": "kalimantan timur", "kalsel": "kalimantan selatan", "kalteng": "kalimantan tengah",
    "sulsel": "sulawesi selatan", "sulut": "sulawesi utara", "sulteng": "sulawesi tengah",
    "sultra": "sulawesi tenggara", "ntt": "nusa tenggara timur", "ntb": "nusa tenggara barat",
    "diy": "yogyakarta", "jogja": "yogyakarta", "jogjakarta": "yogyakarta", "yogya": "yogyakarta",
    "bdg": "bandung", "sby": "surabaya", "mks": "makassar",
    "smg": "semarang", "mdn": "medan", "plg": "palembang",
}

# Javanese and Sundanese words that carry a claim ("sesuk lapas ditutup kabeh", "isukan sadaya
# tahanan dibebaskeun"): hoaxes travel in regional languages too. Mapped to Indonesian before stemming.
REGIONAL: Mapping[str, str] = {
    # Javanese (ngoko and krama)
    "sesuk": "besok", "mbenjang": "besok", "benjing": "besok", "saiki": "sekarang", "sakniki": "sekarang",
    "wingi": "kemarin", "kabeh": "semua", "sedaya": "semua", "wong": "orang",
    "tiyang": "orang", "ora": "tidak", "mboten": "tidak", "dudu": "bukan", "durung": "belum", "dereng": "belum",
    "arep": "akan", "badhe": "akan", "bakal": "akan", "iso": "bisa", "saged": "bisa", "angsal": "boleh", "ditutup": "ditutup", "dibukak": "dibuka",
    "diilangi": "dihapus", "dibusak": "dihapus", "dibubarke": "dibubarkan", "dilarang": "dilarang",
    "dibebaske": "dibebaskan", "dibebasno": "dibebaskan", "metu": "keluar", "medal": "keluar",
    "mlebu": "masuk", "mlayu": "lari", "minggat": "kabur", "mati": "mati",
    "seda": "meninggal", "pejah": "mati", "dicekel": "ditangkap", "ditangkep": "ditangkap", "duit": "uang",
    "arta": "uang", "gratis": "gratis", "mbayar": "bayar", "dibayar": "dibayar", "kunjara": "penjara",
    "pakunjaran": "penjara", "tahanan": "tahanan", "keluargo": "keluarga", "sedulur": "keluarga",
    "dulur": "keluarga", "kabar": "kabar", "jarene": "katanya", "jere": "katanya", "ngendikane": "katanya",
    "nang": "di", "neng": "di", "ning": "di", "teko": "dari", "saka": "dari", "soko": "dari",
    # Sundanese
    "isukan": "besok", "enjing": "besok", "ayeuna": "sekarang", "kamari": "kemarin", "sadaya": "semua",
    "sadayana": "semua", "jalma": "orang", "urang": "orang", "henteu": "tidak",
    "teu": "tidak", "moal": "tidak akan", "acan": "belum", "bade": "akan", "tiasa": "bisa", "meunang": "boleh",
    "dibebaskeun": "dibebaskan", "dileupaskeun": "dilepaskan", "kaluar": "keluar", "lebet": "masuk",
    "kabur": "kabur", "lumpat": "lari", "maot": "meninggal", "pupus": "meninggal", "paeh": "mati",
    "ditewak": "ditangkap", "ditangkep": "ditangkap", "artos": "uang", "panjara": "penjara",
    "kulawarga": "keluarga", "cenah": "katanya", "ceunah": "katanya",
    "payun": "depan", "sareng": "dan", "nampi": "menerima", "narima": "menerima", "deui": "lagi", "nu": "yang",
    "dibikeun": "diberikan", "dipasihkeun": "diberikan", "dipasihan": "diberi", "aya": "ada", "kanggo": "untuk",
    "pikeun": "untuk", "sasih": "bulan", "bulan payun": "bulan depan",
    # Javanese, more
    "ana": "ada", "onok": "ada", "wonten": "ada", "kangge": "untuk", "nggo": "untuk", "nampa": "menerima",
    "nompo": "menerima", "ngarep": "depan", "wulan": "bulan", "sasi": "bulan", "karo": "dan", "lan": "dan",
    "kalih": "dan", "sing": "yang", "ingkang": "yang", "dibebasaken": "dibebaskan", "dibebaske": "dibebaskan",
    "wulan ngarep": "bulan depan", "sasi ngarep": "bulan depan", "banyu": "air", "uyah": "garam",
    "anget": "hangat", "mateni": "membunuh", "dipateni": "dibunuh", "lara": "sakit",
    # Sundanese, everyday health words
    "cai": "air", "haneut": "hangat", "maehan": "membunuh", "dipaehan": "dibunuh", "gering": "sakit",
}

# Synonym classes: concept -> words and phrases meaning the same in hoax messages.
# Root forms match every affixed form through the stemmer; irregular forms are listed.
SYNONYMS: Mapping[str, tuple[str, ...]] = {
    # corrections
    "penjara": ("penjara", "lapas", "rutan", "bui", "lembaga pemasyarakatan", "rumah tahanan",
                "rumah tahanan negara", "lembaga permasyarakatan", "hotel prodeo", "jeruji besi", "prison",
                "prisons", "jail", "jails",
                "sel tahanan", "lapas terbuka", "cabang rutan", "lembaga pembinaan khusus anak"),
    "napi": ("narapidana", "napi", "tahanan", "warga binaan", "warga binaan pemasyarakatan", "prisoner",
             "prisoners", "inmate", "inmates",
             "terpidana", "penghuni lapas", "penghuni rutan", "andikpas", "anak binaan", "tapol"),
    "petugas": ("sipir", "petugas", "penjaga", "petugas lapas", "petugas rutan", "penjaga lapas",
                "petugas pemasyarakatan", "pegawai lapas", "pegawai rutan", "regu jaga"),
    "kalapas": ("kepala lapas", "kepala rutan", "kepala penjara", "kalapas", "karutan"),
    "ditjenpas": ("ditjenpas", "direktorat jenderal pemasyarakatan", "dirjen pemasyarakatan",
                  "dirjenpas"),
    "kemenkumham": ("kemenkumham", "kementerian hukum dan ham", "kementerian hukum",
                    "kementerian hukum dan hak asasi manusia", "kemenkum", "kumham",
                    "kementerian imigrasi dan pemasyarakatan", "kementerian imipas", "imipas"),
    "punya": ("pemilik", "pemegang", "punya", "memiliki", "mempunyai", "yang punya"),
    "asn": ("asn", "pns", "pegawai negeri", "pegawai negeri sipil", "aparatur sipil negara",
            "abdi negara", "aparatur negara", "cpns", "pppk"),
    "remisi": ("remisi", "potongan masa tahanan", "pengurangan masa pidana", "potongan hukuman",
               "pengurangan hukuman", "korting hukuman"),
    "ampun": ("amnesti", "grasi", "abolisi", "pengampunan", "ampunan", "amnesty"),
    "bebas": ("bebas", "dibebaskan", "pembebasan", "membebaskan", "lepas", "dilepas", "dilepaskan",
              "pelepasan", "keluar penjara", "keluar dari penjara", "keluar lapas", "dikeluarkan", "released",
              "freed"),
    "kunjung": ("kunjung", "kunjungan", "berkunjung", "dikunjungi", "mengunjungi", "besuk",
                "dibesuk", "membesuk", "jenguk", "dijenguk", "menjenguk", "bezoek", "bertamu",
                "kunjungan tatap muka", "tatap muka", "visit", "visits", "visiting", "visitation"),
    "keluarga": ("keluarga", "kerabat", "sanak saudara", "sanak keluarga", "famili", "family",
                 "pihak keluarga", "anggota keluarga", "families"),
    # actions: stopping, forbidding, opening
    "hapus": ("hapus", "dihapus", "dihapuskan", "menghapus", "penghapusan", "tiada", "ditiadakan",
              "meniadakan", "peniadaan", "henti", "dihentikan", "menghentikan", "penghentian",
              "berhenti", "larang", "dilarang", "melarang", "larangan", "cabut", "dicabut",
              "mencabut", "pencabutan", "batal", "dibatalkan", "membatalkan", "pembatalan",
              "tutup", "ditutup", "menutup", "penutupan", "bekukan", "dibekukan", "pembekuan",
              "hilangkan", "dihilangkan", "menghilangkan", "bubarkan", "dibubarkan", "setop",
              "tidak boleh", "tidak diizinkan", "tidak diperbolehkan", "tidak ada lagi",
              "tidak bisa lagi", "tidak lagi", "tidak berlaku lagi", "tidak dibuka lagi", "tidak dapat lagi",
              "tidak boleh lagi", "banned", "ban", "cancelled", "canceled", "removed", "abolished", "stopped",
              "no more", "closed",
              "moratorium", "nonaktifkan", "dinonaktifkan", "tiadakan", "hentikan", "ditiadain"),
    "buka": ("buka", "dibuka", "membuka", "pembukaan", "dibuka kembali", "diaktifkan kembali", "dibukak maneh",
             "dibuka deui"),
    "wajib": ("wajib", "diwajibkan", "mewajibkan", "kewajiban", "harus", "diharuskan", "keharusan",
              "mesti", "diminta wajib"),
    "semua": ("semua", "seluruh", "segala", "setiap", "tiap", "segenap", "semuanya", "seluruhnya",
              "sekalian", "se indonesia", "seluruh indonesia", "semua daerah", "keseluruhan", "all", "every"),
    "mulai": ("mulai", "sejak", "terhitung", "terhitung mulai", "per tanggal", "dimulai", "berlaku"),
    "depan": ("depan", "mendatang", "yang akan datang", "selanjutnya", "next"),
    "besok": ("besok", "esok", "besok pagi", "esok hari", "keesokan"),
    # death, violence, crime
    "mati": ("meninggal", "meninggal dunia", "wafat", "tewas", "mati", "gugur", "berpulang",
             "tutup usia", "tilar donya", "kehilangan nyawa", "menghembuskan napas terakhir", "mangkat",
             "kematian", "jenazah", "almarhum", "tak bernyawa", "tidak bernyawa", "mayat", "dead", "died",
             "death"),
    "bunuh": ("bunuh", "dibunuh", "membunuh", "pembunuhan", "pembunuh", "dibantai", "pembantaian",
              "bantai", "dihabisi", "menghabisi"),
    "aniaya": ("aniaya", "dianiaya", "penganiayaan", "disiksa", "siksa", "penyiksaan", "dipukuli",
               "pukul", "dikeroyok", "keroyok", "pengeroyokan"),
    "tangkap": ("tangkap", "ditangkap", "menangkap", "penangkapan", "ciduk", "diciduk", "bekuk",
                "dibekuk", "ringkus", "diringkus", "diamankan", "dicokok", "digerebek", "gerebek"),
    "kabur": ("kabur", "melarikan diri", "lari", "lolos", "buron", "buronan", "jebol", "menjebol",
              "dijebol", "membobol", "bobol", "pelarian", "escape", "escaped", "escapes"),
    "rusuh": ("rusuh", "kerusuhan", "ricuh", "kericuhan", "bentrok", "bentrokan", "chaos", "huru hara",
              "amuk", "mengamuk", "tawuran", "pemberontakan", "berontak"),
    "culik": ("culik", "diculik", "menculik", "penculikan", "penculik"),
    "perkosa": ("perkosa", "diperkosa", "memperkosa", "pemerkosaan", "perkosaan", "rudapaksa",
                "dirudapaksa", "pelecehan seksual", "pencabulan", "dicabuli", "cabul"),
    "tembak": ("tembak", "ditembak", "menembak", "penembakan", "tembakan", "senjata api"),
    "bom": ("bom", "ledak", "ledakan", "meledak", "diledakkan", "bom bunuh diri", "peledakan"),
    "teroris": ("teroris", "terorisme", "teror", "jaringan teroris"),
    "narkoba": ("narkoba", "narkotika", "sabu", "shabu", "sabu sabu", "ganja", "ekstasi",
                "obat terlarang", "psikotropika", "pil koplo", "tembakau gorila"),
    "suap": ("suap", "disuap", "menyuap", "penyuapan", "sogok", "disogok", "pungli",
             "pungutan liar", "gratifikasi", "uang pelicin", "uang damai"),
    "korupsi": ("korupsi", "dikorupsi", "koruptor", "penggelapan", "digelapkan", "mark up"),
    "razia": ("razia", "sweeping", "sidak", "inspeksi mendadak", "penggeledahan", "geledah",
              "digeledah", "operasi gabungan"),
    # health
    "vaksin": ("vaksin", "vaksinasi", "divaksin", "imunisasi", "suntik vaksin", "suntikan",
               "disuntik", "booster", "vaksin booster", "dosis", "vaccine", "vaccines", "vaccinated"),
    "chip": ("chip", "microchip", "mikrochip", "mikrocip", "cip", "nanochip", "cip"),
    "lacak": ("lacak", "melacak", "dilacak", "pelacak", "pelacakan", "alat pelacak", "pantau",
              "memantau", "dipantau", "sadap", "disadap", "penyadapan", "mata mata", "memata matai"),
    "mundur": ("mundur", "mengundurkan diri", "pengunduran diri", "lengser", "dilengserkan",
               "resign", "meletakkan jabatan"),
    "pecat": ("pecat", "dipecat", "memecat", "pemecatan", "diberhentikan", "pemberhentian",
              "phk", "dirumahkan", "dicopot", "copot", "pencopotan"),
    "sakit": ("sakit", "jatuh sakit", "kritis", "koma", "struk", "stroke"),
    "tunda": ("tunda", "ditunda", "menunda", "penundaan", "diundur", "mengundur", "pengunduran jadwal",
              "dimundurkan", "diperpanjang", "perpanjangan"),
    "covid": ("covid", "covid 19", "corona", "virus corona", "korona", "sars cov 2", "omicron",
              "delta"),
    "wabah": ("wabah", "pandemi", "epidemi", "endemi", "penyakit menular", "penyebaran virus"),
    "racun": ("racun", "beracun", "meracuni", "diracun", "keracunan", "zat berbahaya", "toksin",
              "zat kimia berbahaya"),
    "bahaya": ("bahaya", "berbahaya", "membahayakan", "mematikan", "fatal"),
    "kanker": ("kanker", "tumor", "sel kanker"),
    "obat": ("obat", "ramuan", "penawar", "menyembuhkan", "sembuh", "penyembuh", "mujarab",
             "ampuh"),
    "dokter": ("dokter", "tenaga medis", "tenaga kesehatan", "nakes", "medis", "perawat"),
    "rumah_sakit": ("rumah sakit", "puskesmas", "klinik", "faskes", "fasilitas kesehatan"),
    "sebab": ("sebab", "menyebabkan", "penyebab", "mengakibatkan", "akibat", "memicu", "picu",
              "berakibat", "bikin"),
    "kandung": ("mengandung", "kandungan", "berisi", "terdapat", "dicampur", "campuran", "campur",
                "tercampur", "berbahan"),
    "babi": ("babi", "minyak babi", "lemak babi", "gelatin babi", "enzim babi"),
    # money and aid
    "bantuan": ("bantuan", "bantuan sosial", "bansos", "blt", "bantuan langsung tunai", "subsidi",
                "santunan", "hibah", "insentif", "stimulus"),
    "uang": ("uang", "dana", "duit", "fulus", "tunai", "uang tunai", "rupiah"),
    "gratis": ("gratis", "cuma cuma", "tanpa biaya", "bebas biaya", "tidak dipungut biaya",
               "tanpa dipungut biaya", "percuma"),
    "gaji": ("gaji", "upah", "honor", "honorarium", "penghasilan", "pendapatan", "tunjangan",
             "tunjangan kinerja", "tukin", "thr", "tunjangan hari raya", "gaji ke 13"),
    "naik": ("naik", "kenaikan", "dinaikkan", "menaikkan", "meningkat", "peningkatan", "melonjak",
             "lonjakan", "bertambah", "ditambah"),
    "turun": ("turun", "penurunan", "diturunkan", "dipotong", "potong", "pemotongan", "pangkas",
              "dipangkas", "kurangi", "dikurangi", "pengurangan"),
    "bayar": ("bayar", "dibayar", "membayar", "pembayaran", "biaya", "pungut", "dipungut",
              "pungutan", "setor", "setoran", "iuran", "transfer", "tebus", "ditebus"),
    "hadiah": ("hadiah", "undian", "giveaway", "doorprize", "door prize", "cashback", "voucher",
               "kupon", "menang undian", "pemenang"),
    "daftar": ("daftar", "mendaftar", "pendaftaran", "didaftarkan", "registrasi", "regis",
               "isi formulir", "formulir", "isi data"),
    "tautan": ("tautan", "link", "situs", "laman", "website", "url", "shortlink", "bit ly"),
    "rekening": ("rekening", "nomor rekening", "akun bank", "pin atm", "kode otp", "otp"),
    "retas": ("retas", "diretas", "peretas", "peretasan", "hack", "hacker", "dihack", "dibobol",
              "bocor", "kebocoran", "dibocorkan", "membocorkan"),
    "harga": ("harga", "harganya", "tarif"),
    "bbm": ("bbm", "bensin", "solar", "pertalite", "pertamax", "bahan bakar", "bahan bakar minyak"),
    "listrik": ("listrik", "pln", "token listrik", "tarif listrik"),
    "sembako": ("sembako", "bahan pokok", "kebutuhan pokok", "beras", "minyak goreng"),
    # state and society
    "pemerintah": ("pemerintah", "pemerintahan", "pemda", "pemerintah daerah", "pemerintah pusat",
                   "rezim", "penguasa"),
    "presiden": ("presiden", "kepala negara", "istana", "presiden ri"),
    "menteri": ("menteri", "kementerian", "kementrian", "menkumham"),
    "polisi": ("polisi", "polri", "kepolisian", "polda", "polres", "polsek", "polresta",
               "mabes polri", "aparat kepolisian", "brimob", "densus"),
    "tentara": ("tni", "tentara", "militer", "prajurit", "kodam", "kodim", "koramil"),
    "pemilu": ("pemilu", "pilpres", "pilkada", "pileg", "pemilihan umum", "pemilihan presiden",
               "coblos", "pencoblosan", "pemungutan suara", "tps"),
    "curang": ("curang", "kecurangan", "dicurangi", "manipulasi", "dimanipulasi", "rekayasa",
               "direkayasa", "penggelembungan", "digelembungkan"),
    "asing": ("asing", "tenaga kerja asing", "pekerja asing", "buruh asing", "warga negara asing",
              "wna", "tka", "imigran", "luar negeri"),
    "pki": ("pki", "komunis", "komunisme", "partai komunis", "neo pki", "palu arit"),
    "demo": ("demo", "demonstrasi", "unjuk rasa", "aksi massa", "aksi demo", "berdemo"),
    "gempa": ("gempa", "gempa bumi", "lindu", "guncangan"),
    "banjir": ("banjir", "banjir bandang", "air bah", "terendam"),
    "tsunami": ("tsunami", "gelombang tsunami"),
    "sekolah": ("sekolah", "madrasah", "sd", "smp", "sma", "smk", "kampus", "pesantren", "ponpes"),
    "libur": ("libur", "liburan", "cuti", "cuti bersama", "hari libur", "diliburkan"),
    "ponsel": ("ponsel", "handphone", "telepon genggam", "gawai", "telepon seluler", "smartphone"),
    "telepon": ("telepon", "panggilan", "nomor telepon", "menelepon", "ditelepon", "telpon"),
    "pesan": ("pesan", "chat", "sms", "pesan singkat", "whatsapp", "pesan whatsapp"),
    "ktp": ("ktp", "kartu tanda penduduk", "nik", "nomor induk kependudukan", "kartu keluarga"),
    "anak": ("anak", "anak anak", "bocah", "balita", "bayi", "anak kecil", "siswa", "murid",
             "pelajar"),
    "ulama": ("ulama", "ustaz", "ustadz", "kiai", "kyai", "habib", "tokoh agama", "ulama besar"),
    "masjid": ("masjid", "musala", "mushola", "surau", "langgar"),
    "gereja": ("gereja", "kapel"),
    "palsu": ("palsu", "abal", "abal abal", "tiruan", "imitasi", "kw", "dipalsukan", "pemalsuan"),
    "hilang": ("hilang", "raib", "lenyap", "menghilang", "kehilangan"),
    "jual": ("jual", "dijual", "menjual", "penjualan", "diperjualbelikan", "jual beli"),
    "organ": ("organ", "organ tubuh", "ginjal"),
    "gambar": ("gambar", "logo", "lambang", "simbol", "bergambar", "berlogo", "tulisan", "cap", "stempel"),
    "koin": ("koin", "uang logam", "uang koin", "recehan", "receh"),
    "makan": ("makanan", "makan", "pangan", "jajanan"),
    "air": ("air", "air minum", "air mineral", "air galon"),
}

# Function words, fillers, and the vocabulary of hoax messages themselves
# ("sebarkan", "katanya"): they say how a claim is passed on, not what it claims.
STOPWORDS: frozenset[str] = frozenset("""
yang di ke dari dan atau ini itu akan dengan untuk pada dalam oleh para pun lah kah nya sudah telah
sedang masih juga saja lagi bahwa karena jika kalau agar supaya sebagai adalah ialah yaitu yakni
tersebut sangat banget sekali hanya bisa dapat harus mau ingin kita kami saya kamu anda dia ia
mereka kalian beliau ya iya dong deh sih kok nih tuh loh lho kan wkwk haha gan sis bro min guys
yuk ayo mari mohon tolong please info informasi berantai beranta berita kabar kabarnya isu beredar heboh viral
viralkan sebarkan sebar disebar disebarkan menyebarkan bagikan share teruskan broadcast penting
waspada awas hati katanya konon dengar denger dengarnya copas forward forwarded fwd a1 valid
akurat update terbaru terkini breaking news urgent darurat segera cepat hoaks hoax hoks fakta
faktanya benar benarkah betul apa apakah siapa kapan mana bagaimana kenapa mengapa the of a
sebelum setelah sesudah nanti kemudian lalu terus serta tapi tetapi namun melainkan sedangkan
bila apabila ketika saat waktu selama hingga sampai sejak akhirnya ternyata rupanya memang emang
sama seperti bagai ala jadi menjadi merupakan punya adanya ada tidak bukan belum jangan tak
pernah sering selalu hampir mungkin kayaknya sepertinya tentang terkait soal mengenai atas bawah
luar antara tanpa kepada terhadap bagi demi menurut via lewat oleh olehnya sendiri sendirinya
semoga amin aamiin astaghfirullah astagfirullah masyaallah innalillahi subhanallah alhamdulillah
wah waduh duh ih eh oh ah hah lho kok anjay mantap banget gila parah serem ngeri seram
teman kawan sahabat grup group sebelah admin orang dalam rekan rekan dulu kembali
sekarang kini hari ini tadi barusan pagi siang sore malam
""".split())
# Weak content words: they count, but little (numbers count a little less than names).
LIGHT: Mapping[str, float] = {
    "indonesia": 0.5, "orang": 0.5, "warga": 0.6, "masyarakat": 0.6, "hari": 0.6, "tahun": 0.6,
    "bulan": 0.7, "minggu": 0.7, "baru": 0.6, "besar": 0.6, "banyak": 0.6, "nasional": 0.6,
    "pihak": 0.5, "resmi": 0.6, "negara": 0.7, "daerah": 0.6, "kota": 0.7, "provinsi": 0.7,
    "kabupaten": 0.7, "kata": 0.5, "ujar": 0.5, "sebut": 0.6, "buat": 0.6, "beri": 0.7,
    "~semua": 0.55, "~mulai": 0.6, "~depan": 0.7, "~besok": 0.7, "~uang": 0.8, "~pesan": 0.7,
    "~punya": 0.5, "~telepon": 0.8, "~wajib": 0.8, "~sebab": 0.7, "~kandung": 0.8, "~anak": 0.9,
}
NUMBER_WEIGHT = 0.7
# Concepts that carry what a claim says happens: they weigh more, and a text that
# matches a claim's names and places but none of its events is a weak match.
EVENTS: frozenset[str] = frozenset((
    "hapus", "buka", "wajib", "bebas", "mati", "bunuh", "aniaya", "tangkap", "kabur", "rusuh",
    "culik", "perkosa", "tembak", "bom", "racun", "naik", "turun", "bayar", "gratis", "jual",
    "hilang", "curang", "retas", "palsu", "mundur", "pecat", "sakit", "obat",
    "lacak", "libur", "daftar", "tunda", "hadiah", "suap", "korupsi", "razia", "demo", "gempa", "banjir",
    "tsunami", "ampun", "remisi"))
EVENT_WEIGHT = 1.3
EVENT_MISSING_FACTOR = 0.6  # score factor when none of a claim's events is in the text
SINGLE_TERM_FACTOR = 0.6  # score factor when a text shares one word with a claim of several
TWO_TERMS_FACTOR = 0.85  # ... and two words with a claim of three or more
ANTONYMS = (("buka", "hapus"), ("naik", "turun"), ("bebas", "tangkap"), ("gratis", "bayar"))
CONTRADICTION_FACTOR = 0.7
BETA2 = 2.0  # F-measure weight: covering the claim counts twice as much as the text's precision
NEG = "\u00ac"  # prefix of a negated term
# Words whose negation says a service is gone ("tidak menerima kunjungan" = kunjungan dihapus).
_NEG_REMOVAL = frozenset(("terima", "menerima", "diterima", "layani", "melayani", "dilayani", "berlaku",
                          "tersedia", "beroperasi", "diizinkan", "diperbolehkan", "dibolehkan", "ada"))
_NEGATORS = frozenset(("tidak", "bukan", "tak", "belum", "bkn", "blm", "tanpa"))

_VOWELS = frozenset("aeiou")
_NUM_UNIT_RE = re.compile(r"(\d+)([a-z]+)|([a-z]+)(\d+)")  # "500rb", "100gb", "covid19"
# Sundanese "-na" and Javanese "-e"/"-ne" are "-nya"; Javanese "-aken"/"-ake", Sundanese "-keun" are "-kan"
_PARTICLES = ("nya", "lah", "kah", "pun", "ku", "mu", "na", "ne", "e")
_SUFFIXES = ("kan", "an", "in", "i", "aken", "ake", "keun")
_PREFIXES = (("memper", ""), ("diper", ""), ("menye", ""), ("meng", ""), ("meng", "k"), ("meny", "s"),
             ("mem", "p"), ("mem", ""), ("men", "t"), ("men", ""), ("me", ""), ("peng", ""), ("peng", "k"),
             ("peny", "s"), ("pem", "p"), ("pem", ""), ("pen", "t"), ("pen", ""), ("per", ""), ("pe", ""),
             ("ber", ""), ("be", ""), ("ter", ""), ("di", ""), ("ke", ""), ("se", ""), ("nge", ""), ("ng", ""),
             ("ng", "k"), ("ny", "s"), ("n", "t"), ("m", "p"))


# Words that mean something else in corrections than the shared slang table assumes.
KEEP_AS_WRITTEN = frozenset({"besuk"})


def _norm_words(phrase: str) -> tuple[str, ...]:
    out: list[str] = []
    for raw in re.split(r"[\s\-]+", phrase.strip()):
        if raw.lower() in KEEP_AS_WRITTEN:
            out.append(raw.lower())
        elif raw:
            out.extend(w for w in norm_word(raw).split(" ") if w)
    return tuple(out)


def _build_abbrev() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for k, v in {**REGIONAL, **ABBREVIATIONS}.items():
        key = norm_word(k)
        val = _norm_words(v)
        if key and val and (key,) != val:
            out[key] = val
    return out


_ABBREV = _build_abbrev()
_SLANG_OVERRIDE_TARGETS = frozenset(norm_word(w) for w in KEEP_AS_WRITTEN)
_STOP = frozenset(w for s in STOPWORDS for w in _norm_words(s))


# PySastrawi can change a word only through these prefixes, suffixes and infixes (its visitors and
# disambiguation rules); any other word comes back as it was, so it is not handed to it at all.
_SASTRAWI_PREFIXES = ("di", "ke", "se", "be", "te", "me", "pe", "ku", "kau")
_SASTRAWI_SUFFIXES = ("lah", "kah", "tah", "pun", "ku", "mu", "nya", "is", "isme", "i", "kan", "an")
_SASTRAWI_INFIXES = ("el", "em", "er", "in")


def _may_be_affixed(w: str) -> bool:
    return (w.startswith(_SASTRAWI_PREFIXES) or w.endswith(_SASTRAWI_SUFFIXES)
            or (w[0] not in "aiueo" and w[1:3] in _SASTRAWI_INFIXES and w[3:4] in ("a", "i", "u", "e", "o")))


class _Stemmer:
    """PySastrawi when installed (cached per word), else cheap affix stripping."""

    def __init__(self) -> None:
        try:
            from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
            self._sastrawi = StemmerFactory().create_stemmer()
        except Exception:  # pragma: no cover - the package is a dependency
            self._sastrawi = None
        self._cache: dict[str, str] = {}

    def __call__(self, w: str) -> str:
        try:
            return self._cache[w]
        except KeyError:
            pass
        if len(w) <= 3 or not w.isalpha() or not _may_be_affixed(w):
            s = w
        elif self._sastrawi is not None:
            s = self._sastrawi.stem(w) or w
        else:
            s = _affix_forms(w)[-1] if len(_affix_forms(w)) > 1 else w
        if len(self._cache) >= WORD_CACHE:
            self._cache.clear()
        self._cache[w] = s
        return s


_STEMMER: _Stemmer | None = None


def _stemmer() -> _Stemmer:
    global _STEMMER
    if _STEMMER is None:
        _STEMMER = _Stemmer()
    return _STEMMER


@lru_cache(maxsize=WORD_CACHE)
def _affix_forms(w: str) -> tuple[str, ...]:
    """The word and its candidate roots, least stripped first (recall-oriented)."""
    forms = [w]
    bases = [w]
    for p in _PARTICLES:
        if w.endswith(p) and len(w) - len(p) >= 3:
            bases.append(w[: -len(p)])
    with_suffix = list(bases)
    for b in bases:
        for s in _SUFFIXES:
            if b.endswith(s) and len(b) - len(s) >= 3:
                with_suffix.append(b[: -len(s)])
    forms.extend(with_suffix[1:])
    for b in with_suffix:
        for pre, letter in _PREFIXES:
            if b.startswith(pre) and len(b) - len(pre) >= 3:
                root = letter + b[len(pre):]
                forms.append(root)
                if root.startswith(("ber", "per", "ter", "ke", "se")):  # "diperkenalkan", "keberadaan"
                    for p2 in ("ber", "per", "ter", "ke", "se"):
                        if root.startswith(p2) and len(root) - len(p2) >= 3:
                            forms.append(root[len(p2):])
    seen: set[str] = set()
    return tuple(f for f in forms if not (f in seen or seen.add(f)))


@lru_cache(maxsize=WORD_CACHE)
def _word_trigrams(w: str) -> frozenset[str]:
    s = f" {w} "
    return frozenset(s[i:i + 3] for i in range(len(s) - 2))


def _trigrams(words: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for w in words:
        out |= _word_trigrams(w)
    return out


@lru_cache(maxsize=64)
def _min_coverage(min_score: float) -> float:
    """The least coverage of a claim whose score can still reach `min_score`."""
    r = 0.0
    while r < 1.0 and _upper_bound(r) < min_score:
        r += 0.01
    return max(0.0, r - 0.01)


def _upper_bound(recall: float) -> float:
    """The best score a claim with this coverage can reach (precision 1, identical letters)."""
    r = min(1.0, recall)
    f2 = (1 + BETA2) * r / (BETA2 + r) if r > 0 else 0.0
    return max(f2, 0.65 * f2 + 0.35 * min(1.0, 2 * r))


def _skeleton(w: str) -> str:
    return w[0] + "".join(c for c in w[1:] if c not in _VOWELS) if w else w


class _Negation:
    """Scope of a negator ("tidak", "bukan", "belum", "tanpa"): the next content word within
    three words; after "tidak ada", also any event word within five ("tidak ada napi yang kabur")."""

    __slots__ = ("word_left", "event_left")

    def __init__(self) -> None:
        self.word_left = 0
        self.event_left = 0

    def start(self) -> None:
        self.word_left, self.event_left = 3, 0

    def applies(self, word: str, content: bool, event: bool) -> bool:
        hit = False
        if self.event_left:
            self.event_left -= 1
            hit = event
        if self.word_left:
            if content:
                hit, self.word_left = True, 0
            else:
                if word == "ada" and self.word_left == 3:
                    self.event_left = 5
                self.word_left -= 1
        return hit


class FactMatch(tuple):
    """``(entry, score, span)``: a register entry, the similarity (0..1) and the
    evidence span (first, last) as token indices into the text's ``Normalized.tokens``.

    ``detail`` says how the score came about; ``matched`` lists the text words
    that carried the match.
    """

    def __new__(cls, entry: FactCheck, score: float, span: tuple[int, int],
                detail: str = "", matched: tuple[str, ...] = ()):
        obj = super().__new__(cls, (entry, score, span))
        obj.detail = detail
        obj.matched = matched
        return obj

    entry = property(lambda self: self[0])
    score = property(lambda self: self[1])
    span = property(lambda self: self[2])

    def __reduce__(self):
        return (FactMatch, (self[0], self[1], self[2], self.detail, self.matched))

    def __repr__(self) -> str:
        return f"FactMatch({self.entry.id!r}, {self.score:.3f}, span={self.span})"


class _Concepts:
    """The synonym table compiled: single words and phrases (surface or stem) -> concept id."""

    def __init__(self, synonyms: Mapping[str, Iterable[str]], stem) -> None:
        self.single: dict[str, str] = {}
        self.phrases: dict[tuple[str, ...], str] = {}
        self.maxlen = 1
        for concept, items in synonyms.items():
            cid = "~" + concept
            for item in items:
                words = _norm_words(item)
                if not words:
                    continue
                if len(words) == 1:
                    self.single.setdefault(words[0], cid)
                else:
                    self.phrases.setdefault(words, cid)
                    stems = tuple(stem(w) for w in words)
                    self.phrases.setdefault(stems, cid)
                    self.maxlen = max(self.maxlen, len(words))
        self.first = frozenset(p[0] for p in self.phrases)
        lengths: dict[str, set[int]] = {}
        for p in self.phrases:
            lengths.setdefault(p[0], set()).add(len(p))
        self.lengths = {w: frozenset(v) for w, v in lengths.items()}  # first word -> lengths of its phrases
        self.words = frozenset(w for p in self.phrases for w in p)
        seconds: dict[str, set[str]] = {}
        for p in self.phrases:
            seconds.setdefault(p[0], set()).add(p[1])
        self.seconds = {w: frozenset(v) for w, v in seconds.items()}  # first word -> the words that may follow


_FORKED: "FactCheckIndex | None" = None  # the index being built, as the forked analysers see it


def _analyse_forked(lo: int, hi: int) -> tuple:
    return _FORKED._analyse_part(lo, hi)


def _fixed_mmap_threshold() -> None:
    """Fix glibc's mmap threshold at 1 MB for this process (no effect with other C libraries).

    glibc raises the threshold to the size of every large block freed, up to 32 MB. Once the analysers'
    results (tens of MB each) are received and freed, the merge's arrays then come from the heap, and the
    heap stays fragmented: a two-process build of a million claims peaked at 536 MB instead of 475 MB.
    """
    import ctypes
    try:
        ctypes.CDLL(None).mallopt(-3, 1 << 20)  # M_MMAP_THRESHOLD
    except (OSError, AttributeError):
        pass


class FactCheckIndex:
    """A register compiled for meaning matching; build once, query many times (thread-safe reads)."""

    def __init__(self, entries: Iterable[FactCheck | Mapping[str, Any]] | LoadedRegister = (),
                 synonyms: Mapping[str, Iterable[str]] | None = None, workers: int = 1):
        """`workers` > 1 analyses a large register's claims in that many forked processes (same index);
        only where forking is safe (a process without other threads: the command line, `rambu worker`)."""
        self.workers = workers
        if isinstance(entries, LoadedRegister):
            entries = entries.entries
        self.entries: tuple[FactCheck, ...] = entries_from(entries)
        self._stem = _stemmer()
        syn = dict(SYNONYMS)
        for k, v in (synonyms or {}).items():
            syn[k] = tuple(syn.get(k, ())) + tuple(v)
        self._concepts = _Concepts(syn, self._stem)
        self._surface: dict[str, str | None] = {}  # claim word -> its term (None: stopword)
        self._qcache: dict[str, tuple] = {}
        self._fuzzy: dict[str, Any] | None = None
        self._skel: dict[str, list[int]] | None = None
        self._tri_cache: dict[int, frozenset[str]] = {}
        self._starts_phrase: dict[str, bool] = {}
        self._phrase_stems: dict[str, str] = {}
        self._build()

    # ------------------------------------------------------------------ build
    @classmethod
    def from_file(cls, path: str | Path, strict: bool = False) -> "FactCheckIndex":
        """Load a register file and index it (bad rows are skipped unless `strict`)."""
        reg = load_register(path, strict=strict)
        idx = cls(reg.entries)
        idx.load_errors = reg.errors
        idx.load_warnings = reg.warnings
        return idx

    _PARALLEL_MIN = 20_000  # claims: below this, forking costs more than it saves

    def _analyse_part(self, lo: int, hi: int) -> tuple:
        """Claims lo..hi analysed: (terms in first-use order, each claim's distinct terms as their ids,
        stems likewise (the letters compared by character similarity), the claim words' terms and stems)."""
        reader = self._claim_reader()
        for e in self.entries[lo:hi]:
            reader.add(e.claim)
        return reader.result()

    def _claim_reader(self) -> ClaimReader:
        return ClaimReader(self._concepts, self._stem, lambda text: self._words(normalize(text))[1],
                           self._phrase_at, stop=_STOP, negators=_NEGATORS, events=EVENTS, neg=NEG,
                           negation=_Negation)

    def _analyse_claims(self) -> list[tuple]:
        n = len(self.entries)
        parts = self.workers if n >= self._PARALLEL_MIN else 1
        if parts <= 1:
            return [self._analyse_part(0, n)]
        global _FORKED
        import multiprocessing
        _fixed_mmap_threshold()
        bounds = [(n * k // parts, n * (k + 1) // parts) for k in range(parts)]
        _FORKED = self
        try:  # the children inherit this index (fork): nothing is pickled but their results
            with multiprocessing.get_context("fork").Pool(parts) as pool:
                return pool.starmap(_analyse_forked, bounds)
        finally:
            _FORKED = None

    def _build(self) -> None:
        self._surface_stem: dict[str, str] = {}  # claim word -> its stem
        vocab: dict[str, int] = {}
        stem_ids: dict[str, int] = {}
        ct, ks = [], []
        for terms, terms_of, stems, stems_of, surface, surface_stem in self._analyse_claims():
            ct.append((terms_of, [vocab.setdefault(t, len(vocab)) for t in terms]))
            ks.append((stems_of, [stem_ids.setdefault(t, len(stem_ids)) for t in stems]))
            self._surface.update(surface)
            self._surface_stem.update(surface_stem)
        self._phrase_stems = {}  # stems kept while the claims were read knew none of their words yet
        del terms_of, stems_of  # merge_rows lets go of each part once it is copied
        self.vocab = vocab
        self.terms = list(vocab)
        n = len(self.entries)
        nt = len(vocab)
        self._ct_ids, self._ct_ptr = merge_rows(ct)
        # each claim's distinct stems, for character similarity (see _key_trigrams)
        self._key_ids, self._key_ptr = merge_rows(ks)
        self._key_words = list(stem_ids)
        counts = term_counts(self._ct_ids, nt)
        idf = 1.0 + np.log((n + 1.0) / (counts + 1.0))
        mult = np.ones(nt)
        for t, i in vocab.items():
            if t in LIGHT:
                mult[i] = LIGHT[t]
            elif t[1:] in EVENTS and t[0] == "~":
                mult[i] = EVENT_WEIGHT
            elif t.isdigit():
                mult[i] = NUMBER_WEIGHT
        self._w = idf * mult
        self._wl = self._w.tolist()
        self._df = counts.tolist()
        self._oov_w = float(1.0 + 0.7 * math.log((n + 1.0) / 2.0)) if n else 1.0
        self._post_ptr, self._post_ids, norms = postings(self._ct_ids, self._ct_ptr, counts, self._w)
        self._norm = norms
        # dense membership of the most common terms (cheap exact coverage, see _candidates)
        dense_df = max(1000, n // 100)
        self._dense: dict[int, Bits] = {}
        for tid in np.flatnonzero(counts >= dense_df).tolist():
            self._dense[tid] = Bits(self._post_ids[self._post_ptr[tid]:self._post_ptr[tid + 1]], n)
        self._inv_norm = np.where(norms > 0, 1.0 / np.maximum(norms, 1e-9), 0.0).astype(np.float32)
        self._events = frozenset(vocab[c] for c in ("~" + e for e in EVENTS) if c in vocab)
        self._removal = vocab.get("~hapus")
        self._opening = vocab.get("~buka")
        self._antonyms: dict[int, int] = {}
        for a, b in ANTONYMS:
            ia, ib = vocab.get("~" + a), vocab.get("~" + b)
            if ia is not None and ib is not None:
                self._antonyms[ia], self._antonyms[ib] = ib, ia

    def __len__(self) -> int:
        return len(self.entries)

    # Pickled for batch workers: leave the stemmer and the query caches behind.
    _TRANSIENT = ("_stem", "_qcache", "_fuzzy", "_skel", "_tri_cache", "_starts_phrase", "_phrase_stems")

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in self._TRANSIENT}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._stem = _stemmer()
        self._qcache, self._fuzzy, self._skel, self._tri_cache, self._starts_phrase = {}, None, None, {}, {}
        self._phrase_stems = {}

    def __iter__(self) -> Iterator[FactCheck]:
        return iter(self.entries)

    # --------------------------------------------------------------- analysis
    @staticmethod
    def _words(doc: Normalized) -> tuple[list[int], list[str]]:
        """The words of every content token and, in parallel, their token indices; slang expansions
        give several words."""
        toks: list[int] = []
        out: list[str] = []
        for i, t in enumerate(doc.tokens):
            if t.kind not in ("word", "hashtag", "number"):
                continue
            norm = t.norm
            if norm in _SLANG_OVERRIDE_TARGETS:
                raw = doc.original[t.start:t.end].lower()
                if raw in KEEP_AS_WRITTEN:
                    norm = raw  # the shared slang table reads "besuk" (visit) as "besok" (tomorrow)
            for w in norm.split(" "):
                if not w:
                    continue
                parts = _NUM_UNIT_RE.fullmatch(w) if t.kind != "number" and not w.isalpha() else None
                for x in (p for p in parts.groups() if p) if parts else (w,):
                    exp = _ABBREV.get(x)
                    if exp:
                        out.extend(exp)
                        toks.extend([i] * len(exp))
                    else:
                        out.append(x)
                        toks.append(i)
        return toks, out

    def _terms(self, words: list[str], resolve) -> Iterator[tuple]:
        """Yield (ordinal, ordinal after, words, concept of a phrase or None, resolve(word) or None)."""
        n = len(words)
        ws = tuple(words)
        stems: list[str | None] = [None] * n  # phrase stems, computed when a phrase could start nearby
        cache = self._starts_phrase
        k = 0
        while k < n:
            w = ws[k]
            starts = cache.get(w)
            if starts is None:
                starts = self._starts(w, cache)
            if starts:
                hit = self._phrase_at(ws, k, stems)
                if hit:
                    length, cid, seq = hit
                    yield k, k + length, seq, cid, None
                    k += length
                    continue
            yield k, k + 1, (w,), None, resolve(w)
            k += 1

    def _starts(self, w: str, cache: dict[str, bool]) -> bool:
        """Whether a phrase of the synonym table may start with this word (kept in `cache`)."""
        con = self._concepts
        starts = w in con.first or self._phrase_stem(w) in con.first
        if len(cache) >= WORD_CACHE:
            cache.clear()
        cache[w] = starts
        return starts

    def _phrase_at(self, ws: tuple[str, ...], k: int, stems: list) -> tuple[int, str, tuple[str, ...]] | None:
        """The longest phrase at word k, as written or stemmed: (length, concept, words), or None.

        `stems` holds the text's phrase stems computed so far (None: not yet); the window's are computed on
        the first miss as written.
        """
        con = self._concepts
        phrases, lengths = con.phrases, con.lengths
        as_written = lengths.get(ws[k], ())
        as_stemmed = None
        top = min(con.maxlen, len(ws) - k)
        for length in range(top, 1, -1):
            if length in as_written:
                cid = phrases.get(ws[k:k + length])
                if cid is not None:
                    return length, cid, ws[k:k + length]
            if as_stemmed is None:
                phrase_stem = self._phrase_stem
                for j in range(k, k + top):
                    if stems[j] is None:
                        stems[j] = phrase_stem(ws[j])
                as_stemmed = lengths.get(stems[k], ())
            if length in as_stemmed:
                cid = phrases.get(tuple(stems[k:k + length]))
                if cid is not None:
                    return length, cid, ws[k:k + length]
        return None

    def _phrase_stem(self, w: str) -> str:
        """The word's stem as the synonym table's phrases know it (kept, up to `WORD_CACHE` words: a text's
        stems are worked out at every word that could start a phrase)."""
        got = self._phrase_stems.get(w)
        if got is None:
            got = self._phrase_stem_uncached(w)
            if len(self._phrase_stems) >= WORD_CACHE:
                self._phrase_stems.clear()
            self._phrase_stems[w] = got
        return got

    def _phrase_stem_uncached(self, w: str) -> str:
        s = self._surface_stem.get(w)
        if s is not None:
            return s
        for f in _affix_forms(w)[1:]:
            if f in self._concepts.words:
                return f
        return w

    # ------------------------------------------------------------------ query
    def _resolve_query(self, w: str) -> tuple:
        """Query word -> (tuple of (term id, factor), weight for precision, stem); cached."""
        hit = self._qcache.get(w)
        if hit is not None:
            return hit
        res = self._resolve_query_uncached(w)
        if len(self._qcache) >= WORD_CACHE:
            self._qcache.clear()
        self._qcache[w] = res
        return res

    def _resolve_query_uncached(self, w: str) -> tuple:
        vocab = self.vocab
        term: str | None
        if w in self._surface:
            term, stem = self._surface[w], self._surface_stem[w]
            if term is None:
                return (), 0.0, stem
            return self._known_term(term, stem)
        c = self._concepts.single
        if w in c:
            return self._known_term(c[w], w)
        if w in _STOP:
            return (), 0.0, w
        if w.isdigit():
            return self._known_term(w, w, light=NUMBER_WEIGHT)
        for f in _affix_forms(w)[1:]:
            if f in self._surface:
                term, stem = self._surface[f], self._surface_stem[f]
                if term is None:
                    return (), 0.0, stem
                return self._known_term(term, stem)
            if f in c:
                return self._known_term(c[f], f)
            if f in vocab:
                return ((vocab[f], 1.0, -1),), self._wl[vocab[f]], f
            if f in _STOP and len(f) >= 4:
                return (), 0.0, f
        # an unknown word: within one edit of a vocabulary term, or a vowel-less abbreviation
        alts = self._fuzzy_terms(w)
        if alts:
            return tuple(alts), max(self._wl[a[0]] for a in alts), self.terms[alts[0][0]]
        return (), -1.0, w  # -1: content word the register does not know

    def _known_term(self, term: str, stem: str, light: float = 1.0) -> tuple:
        tid = self.vocab.get(term)
        if tid is None:
            return (), -light, stem
        return ((tid, 1.0, -1),), self._wl[tid], stem

    def _fuzzy_terms(self, w: str) -> list[tuple[int, float]]:
        out: list[tuple[int, float]] = []
        if len(w) >= 5 and w.isalpha():
            fz = self._fuzzy_index()
            cands: set[str] = set()
            for d in {w} | {w[:i] + w[i + 1:] for i in range(len(w))}:
                v = fz.get(d)
                if v is None:
                    continue
                cands.update((v,) if isinstance(v, str) else v)
            for t in sorted(cands):
                if _edit1(w, t):
                    out.append((self.vocab[t], 0.8, -1))
        elif 3 <= len(w) <= 6 and w.isalpha() and not (set(w) & _VOWELS):
            sk = self._skeleton_index().get(w)
            if sk and len(sk) <= 4:
                out.extend((t, 0.7, -1) for t in sk)
        return out[:4]

    def _fuzzy_index(self) -> dict[str, Any]:
        if self._fuzzy is None:
            fz: dict[str, Any] = {}
            for t in self.vocab:
                if len(t) < 4 or not t.isalpha():
                    continue
                for d in {t} | {t[:i] + t[i + 1:] for i in range(len(t))}:
                    v = fz.get(d)
                    if v is None:
                        fz[d] = t
                    elif isinstance(v, str):
                        if v != t:
                            fz[d] = (v, t)
                    elif t not in v and len(v) < 8:
                        fz[d] = v + (t,)
            self._fuzzy = fz
        return self._fuzzy

    def _skeleton_index(self) -> dict[str, list[int]]:
        if self._skel is None:
            sk: dict[str, list[int]] = {}
            for word, term in self._surface.items():
                tid = self.vocab.get(term) if term is not None else None
                if tid is None or not word.isalpha() or len(word) < 4:
                    continue
                lst = sk.setdefault(_skeleton(word), [])
                if tid not in lst:
                    lst.append(tid)
            self._skel = sk
        return self._skel

    def analyse(self, text: str | Normalized) -> list[tuple]:
        """The text as items (ordinal, token, last token, word, ((term id, factor, requires), ...),
        weight, stem). Weight 0 marks a stopword, a negative weight a content word unknown to the
        register; `requires` >= 0 marks an implied term that counts only for claims with that term."""
        return self._analyse(text)[0]

    def _analyse(self, text: str | Normalized) -> tuple[list[tuple], set[int]]:
        """The text as items (ordinal, token, last token, word, ((term id, factor), ...), weight, stem).

        Weight 0 marks a stopword, a negative weight a content word unknown to the register.
        """
        doc = text if isinstance(text, Normalized) else normalize(text)
        out = []
        negated: set[int] = set()
        neg = _Negation()
        events = self._events
        toks, ws = self._words(doc)
        for k, end, words, cid, res in self._terms(ws, self._resolve_query):
            tok, last_tok = toks[k], toks[end - 1]
            if cid is not None:
                tid = self.vocab.get(cid)
                w = " ".join(words)
                if tid is None:
                    item = (k, tok, last_tok, w, (), -1.0, w)
                else:
                    item = (k, tok, last_tok, w, ((tid, 1.0, -1),), self._wl[tid], w)
            else:
                alts, weight, stem = res
                item = (k, tok, last_tok, words[0], alts, weight, stem)
                if words[0] in _NEGATORS:
                    neg.start()
                    out.append(item)
                    continue
            # outside a negator's scope nothing applies (and the scope's counters stay put): most words
            if (neg.word_left or neg.event_left) and \
                    neg.applies(item[3], item[5] != 0.0, any(a[0] in events for a in item[4])):
                negated.update(a[0] for a in item[4])
                alts = self._negated(item[4])
                if self._removal is not None and (
                        item[3] in _NEG_REMOVAL or any(a[0] == self._opening for a in item[4])):
                    alts += ((self._removal, 0.9, -1),)  # "tidak menerima kunjungan", "tidak dibuka"
                item = item[:4] + (alts,) + item[5:]
            out.append(item)
        return out, negated

    def _negated(self, alts: tuple) -> tuple:
        """Alternatives of a negated word. "tidak mengandung" contradicts "mengandung";
        "tidak bisa dikunjungi" half-says "kunjungan" and implies "dihapus"."""
        out = []
        for tid, f, _ in alts:
            term = self.terms[tid]
            neg = self.vocab.get(NEG + term)
            if neg is not None:
                out.append((neg, f, -1))
            if tid not in self._events:
                out.append((tid, 0.5 * f, -1))
                if self._removal is not None:  # counts only for a claim that has the word itself
                    out.append((self._removal, 0.8 * f, tid))
        return tuple(out)

    def match(self, text: str | Normalized, limit: int = 3, min_score: float = 0.3) -> list[FactMatch]:
        """Register entries whose claim the text states, best first (score >= `min_score`)."""
        if not self.entries:
            return []
        items, negated = self._analyse(text)
        qw: dict[int, float] = {}
        for it in items:
            for tid, f, _ in it[4]:
                v = self._wl[tid] * f
                if v > qw.get(tid, 0.0):
                    qw[tid] = v
        if not qw:
            return []
        cands = self._candidates(qw, _min_coverage(min_score), max(limit + 2, 5))
        if not cands:
            return []
        q = _Query(items, self._oov_w, negated)
        found: list[tuple] = []
        floor = min_score
        for ci, cov in cands:
            if _upper_bound(cov) < floor:
                break  # candidates come by coverage: none of the rest can reach the floor
            r = self._score(ci, q, floor)
            if r is not None and r[0] >= min_score:
                found.append(r)
                if len(found) >= limit:
                    floor = max(floor, sorted((x[0] for x in found), reverse=True)[limit - 1])
        found.sort(key=lambda r: (-r[0], self.entries[r[1]].id))
        return [self._result(r, q) for r in found[:limit]]

    def best(self, text: str | Normalized, min_score: float = 0.3) -> FactMatch | None:
        m = self.match(text, limit=1, min_score=min_score)
        return m[0] if m else None

    # retrieval: accumulate IDF weight over posting lists, rank by coverage of the claim
    _POOL_BUDGET = 4_000  # posting entries read to find candidates

    def _candidates(self, qw: dict[int, float], min_cov: float, top: int) -> list[tuple[int, float]]:
        """Up to `top` (claim, coverage) pairs, best coverage first.

        Coverage = the share of a claim's IDF weight that the text has. The text's
        terms are read rarest first: their posting lists give the candidate pool until
        the budget is spent (a claim must share one of the text's rarer terms). The
        remaining, common terms still count: mid-frequency ones through their posting
        lists, the most common ones through a dense per-claim membership array, so the
        coverage of every pooled claim is exact.
        """
        ptr, post, df = self._post_ptr, self._post_ids, self._df
        pool: list[np.ndarray] = []
        pool_w: list[float] = []
        pooled = 0
        later: list[int] = []
        for tid in sorted(qw, key=df.__getitem__):
            d = df[tid]
            if d == 0:
                continue
            if pool and pooled + d > self._POOL_BUDGET:
                later.append(tid)
                continue
            pool.append(post[ptr[tid]:ptr[tid + 1]])
            pool_w.append(qw[tid])
            pooled += d
        if not pool:
            return []
        cand = np.concatenate(pool) if len(pool) > 1 else pool[0]  # may repeat a claim
        # the weights of the text's terms each pooled claim has, summed term after term (as float32) over the
        # pooled claims only: memory in step with the pool, not with the register
        uniq, inverse = np.unique(cand, return_inverse=True)
        acc = np.zeros(len(uniq), dtype=np.float32)
        for ids, w in zip(pool, pool_w):
            acc[np.searchsorted(uniq, ids)] += w
        dense_later = []
        for tid in later:
            if tid in self._dense:
                dense_later.append(tid)
            else:
                ids = post[ptr[tid]:ptr[tid + 1]]  # sorted claim ids: which pooled claims have the term
                at = np.searchsorted(ids, uniq)
                has = at < len(ids)
                has[has] = ids[at[has]] == uniq[has]
                acc[has] += qw[tid]
        score = acc.take(inverse)
        if dense_later:
            byte, bit = cand >> 3, (cand & 7).astype(np.uint8)
            for tid in dense_later:
                score += np.float32(qw[tid]) * self._dense[tid].take(byte, bit)
        cov = score * self._inv_norm.take(cand)
        k = top * 2
        if len(cand) > k:
            # far behind the best coverage is out of the race; keep the best k of the rest
            keep = np.flatnonzero(cov >= max(min_cov, 0.5 * float(cov.max())))
            if len(keep) > k:
                keep = keep[np.argpartition(cov.take(keep), len(keep) - k)[-k:]]
            cand, cov = cand.take(keep), cov.take(keep)
        order = np.argsort(-cov, kind="stable")
        out: list[tuple[int, float]] = []
        seen: set[int] = set()
        for c, v in zip(cand[order].tolist(), cov[order].tolist()):
            if v < min_cov or len(out) >= top:
                break
            if c not in seen:
                seen.add(c)
                out.append((c, v))
        return out

    def _score(self, ci: int, q: "_Query", floor: float) -> tuple | None:
        """(score, claim, span, recall, precision, token score, char score, event missing, window)."""
        cterms = tuple(self._ct_ids[self._ct_ptr[ci]:self._ct_ptr[ci + 1]].tolist())
        total = float(self._norm[ci])
        if total <= 0:
            return None
        wl = self._wl
        occ = q.occ
        hits: list[tuple[int, int, int, int, float]] = []  # (ordinal, tok, last tok, term, weight)
        for t in cterms:
            o = occ.get(t)
            if o:
                w = wl[t]
                for k, tok, last_tok, f, req in o:
                    if req < 0 or req in cterms:
                        hits.append((k, tok, last_tok, t, w * f))
        if not hits:
            return None
        hits.sort()
        span_max = max(8, 2 * len(cterms) + 4)
        if hits[-1][0] - hits[0][0] < span_max:
            win = hits
            lo, hi = hits[0][0], hits[-1][0]
        else:
            lo, hi = _best_window(hits, span_max)
            win = [h for h in hits if lo <= h[0] <= hi]
        got: dict[int, float] = {}
        for h in win:
            if h[4] > got.get(h[3], 0.0):
                got[h[3]] = h[4]
        gain = sum(got.values())
        recall = gain / total
        matched_ords = {h[0] for h in win}
        # precision: the window's own content, plus a few neighbouring content words at half
        # weight (so "Emil Salim memberi kuliah" is not taken for "Emil Salim meninggal")
        pad = 4 if len(cterms) >= 8 else 3 if len(cterms) >= 6 else 2
        cords, ckeys, cnoise = q.ords, q.keys, q.noise
        i0, i1 = bisect_left(cords, lo), bisect_right(cords, hi)
        noise = 0.0
        seen: set = set()
        for i in range(max(0, i0 - pad), min(len(cords), i1 + pad)):
            key = ckeys[i]
            if cords[i] in matched_ords or key in got or key in seen:
                continue
            seen.add(key)
            noise += cnoise[i] if i0 <= i < i1 else 0.5 * cnoise[i]
        precision = gain / (gain + noise)
        # short claims (a headline of three words) need the text to be about little else
        b2 = BETA2 if len(cterms) >= 5 else 1.5 if len(cterms) == 4 else 1.0
        tok_score = (1 + b2) * precision * recall / (b2 * precision + recall)
        event_missing = False
        factor = 1.0
        if self._events:
            ev = self._events.intersection(cterms)
            if ev:
                ev_total = sum(wl[t] for t in ev)
                ev_got = sum(got.get(t, 0.0) for t in ev)
                event_missing = ev_got == 0.0
                factor = EVENT_MISSING_FACTOR + (1 - EVENT_MISSING_FACTOR) * min(1.0, ev_got / ev_total)
        if len(got) == 1 and len(cterms) > 1:
            factor *= SINGLE_TERM_FACTOR
        elif len(got) == 2 and len(cterms) > 2:
            factor *= TWO_TERMS_FACTOR
        contradiction = self._contradicts(cterms, got, q)
        if contradiction:
            factor *= CONTRADICTION_FACTOR
        reach = 2 * recall if recall < 0.5 else 1.0
        char = 0.0
        if reach > tok_score and (0.65 * tok_score + 0.35 * reach) * factor >= floor:
            # letters can only raise the score: compare the claim's stems with the window's
            ck = self._key_trigrams(ci)
            if ck:
                wt = q.trigrams.get((i0, i1))
                if wt is None:
                    wt = q.trigrams[(i0, i1)] = _trigrams(q.stems[i0:i1])
                char = len(ck & wt) / len(ck)
        # letters stand in for word recall (misspellings no table knows), weighed with the same precision
        char_score = (1 + b2) * precision * char / (b2 * precision + char) if char > 0 else 0.0
        score = max(tok_score, 0.65 * tok_score + 0.35 * char_score * reach) * factor
        span = (min(h[1] for h in win), max(h[2] for h in win))
        return (min(1.0, score), ci, span, recall, precision, tok_score, char, event_missing, matched_ords)

    def _contradicts(self, cterms: tuple[int, ...], got: dict[int, float], q: "_Query") -> bool:
        """The text says the opposite of one of the claim's terms: "dibuka" for "dihapus",
        "tidak mengandung" for "mengandung", "ikut tes" for "tanpa tes"."""
        terms = self.terms
        removal = self._removal is not None and self._removal in cterms
        for t in cterms:
            if t in q.negated and t not in q.real and not removal:
                return True  # "bukan lewat WhatsApp" against "lewat WhatsApp"
            if t in got:
                continue
            opp = self._antonyms.get(t)
            if opp is not None and opp in q.real:
                return True
            name = terms[t]
            if name[0] == NEG:
                plain = self.vocab.get(name[1:])
                if plain is not None and plain in q.real:
                    return True
        return False

    def _key_trigrams(self, ci: int) -> frozenset[str]:
        hit = self._tri_cache.get(ci)
        if hit is None:
            words = self._key_words
            hit = frozenset(_trigrams(words[k] for k in self._key_ids[self._key_ptr[ci]:self._key_ptr[ci + 1]].tolist()))
            if len(self._tri_cache) < 50_000:
                self._tri_cache[ci] = hit
        return hit

    def _result(self, r: tuple, q: "_Query") -> FactMatch:
        score, ci, span, recall, precision, tok_score, char, event_missing, ords = r
        detail = (f"cakupan klaim {display.score(recall)}, ketepatan {display.score(precision)}, kemiripan kata {display.score(tok_score)}, "
                  f"kemiripan huruf {display.score(char)}" + ("; peristiwa inti klaim tidak disebut" if event_missing else ""))
        matched = tuple(dict.fromkeys(it[3] for it in q.items if it[0] in ords))
        return FactMatch(self.entries[ci], round(score, 4), span, detail, matched)


class _Query:
    """A text analysed for matching: term occurrences and its content words as parallel lists."""

    __slots__ = ("items", "occ", "ords", "keys", "noise", "stems", "trigrams", "real", "negated")

    def __init__(self, items: list[tuple], oov_weight: float, negated: set[int] = frozenset()):
        self.items = items
        self.negated = negated  # terms the text says are not so
        self.real: set[int] = set()  # terms the text says (not implied, not half-said)
        self.trigrams: dict[tuple[int, int], set[str]] = {}
        self.occ: dict[int, list[tuple[int, int, int, float]]] = {}
        self.ords: list[int] = []
        self.keys: list = []
        self.noise: list[float] = []
        self.stems: list[str] = []
        for k, tok, last_tok, w, alts, weight, stem in items:
            for tid, f, req in alts:
                self.occ.setdefault(tid, []).append((k, tok, last_tok, f, req))
                if f >= 0.7 and req < 0:
                    self.real.add(tid)
            if weight == 0.0:
                continue
            self.ords.append(k)
            self.keys.append(alts[0][0] if alts else w)
            self.noise.append(oov_weight * -weight if weight < 0 else weight)
            self.stems.append(w if stem.startswith("~") else stem)


def _best_window(hits: list[tuple[int, int, int, int, float]], span_max: int) -> tuple[int, int]:
    """The ordinal window (at most span_max words) with the most distinct-term weight."""
    best = (hits[0][0], hits[0][0], -1.0)
    n = len(hits)
    r = 0
    for l in range(n):
        while r + 1 < n and hits[r + 1][0] - hits[l][0] < span_max:
            r += 1
        got: dict[int, float] = {}
        for h in hits[l:r + 1]:
            if h[4] > got.get(h[3], 0.0):
                got[h[3]] = h[4]
        g = sum(got.values())
        if g > best[2]:
            best = (hits[l][0], hits[r][0], g)
    return best[0], best[1]


def _edit1(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or adjacent swap."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]
