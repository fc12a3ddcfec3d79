"""Rule 7: live streaming in duty time, or off duty in uniform, with content unrelated to duty.

Two questions, answered separately:

1. *When* was the stream, for this person? Duty time comes from the staff
   directory (time zone of the unit, office hours or the roster) and the duty
   calendar (office hours per weekday, holidays). The activity's own UTC
   offset is irrelevant: a WIT employee streaming at 06.30+07:00 streams at
   08.30 WIT.
2. *What* was streamed? The live title (`text`) and the transcript are read
   against two word lists: official activities (upacara, apel, pembinaan warga
   binaan, sosialisasi, ...) and non-duty content (santai, karaoke, mabar,
   jualan, giveaway, ...). Official content is never a violation; an empty or
   unreadable stream in duty time goes to a human.

Decisions:

| time | uniform | content | result |
|---|---|---|---|
| any | any | duty | none |
| duty | any | non-duty | violation |
| duty | any | mixed / unknown | review |
| off | true | non-duty | violation |
| off | true | mixed / unknown | review |
| off | null | not duty (non-duty, mixed or unknown) | review ("seragam tidak diketahui") |
| off | false | not duty | none |
| unknown (no directory entry, roster gap) | any | not duty | review |
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Iterable

from .. import display
from ..analysis import Analysis, Resources, TextField
from ..results import Evidence
from ..staff.dutytime import DutyCalendar, DutyPeriod
from ..text.lexicon import Match
from .base import Candidate, Detector

STRONG, WEAK = "kuat", "lemah"

# Content unrelated to duty. "kuat": unambiguous entertainment, selling, gaming, gambling;
# "lemah": casual chat words that also turn up around official events.
NON_DUTY = {
    **{w: STRONG for w in (
        "karaoke", "karaokean", "nyanyi bareng", "cover lagu", "request lagu", "dj", "remix", "jedag jedug",
        "joget", "jogetan", "goyang", "dance", "tiktok challenge", "challenge",
        "mabar", "main game", "ngegame", "game", "push rank", "mobile legends", "free fire", "pubg",
        "jualan", "jual murah", "endorse", "endorsement", "giveaway", "promo", "diskon", "flash sale",
        "checkout", "keranjang kuning", "keranjang oren", "open order", "pre order", "live shopping",
        "affiliate", "racun tiktok", "sawer", "saweran", "gift", "battle",
        "curhat", "curhatan", "ghibah", "gosip", "prank",
        "makan makan", "mukbang", "kuliner", "jalan jalan", "liburan", "healing", "staycation",
        "ootd", "outfit", "make up", "makeup", "skincare", "review produk",
        "slot gacor", "gacor", "maxwin", "judol", "togel", "scatter",
        "nobar", "nonton bareng", "mabuk", "mabok",
        "mancing", "memancing", "mincing", "masak", "masak masak", "memasak", "resep", "bakso", "seblak",
        "mie ayam", "ngemil", "jajan", "begadang", "curhat curhatan", "tanya jawab santai", "ngabuburit",
        "touring", "motoran", "road trip", "nge vlog", "vlog", "unboxing", "haul", "belanja", "shopping",
        "nyanyi nyanyi", "main gitar", "gitaran", "nonton bola", "nonton film", "ngegosip", "pacaran",
        "jodoh", "ulang tahun anak", "arisan", "kondangan", "mudik", "piknik", "berenang", "fitness", "gym",
        "olahraga pagi santai", "gowes", "mandi", "tidur", "asmr", "mall", "ke mall", "nge mall", "jalan ke",
        "tanya apa aja", "tanya jawab sama followers", "followers", "subscriber", "qna", "live bentar",
        # selling said the way sellers say it
        "japri", "langsung japri", "order", "orderan", "ready stok", "ready stock", "cod", "bisa cod",
        "harga promo", "harga spesial", "ongkir", "gratis ongkir", "restock", "pesan sekarang", "sold out",
        "campursari", "dangdutan", "nembang", "sinden",
        # selling, trading and recruiting into a business
        "jual", "dijual", "trading", "trader", "crypto", "kripto", "forex", "saham", "cuan", "asuransi",
        "reseller", "dropship", "bisnis online", "peluang usaha", "join member", "member baru",
        "daftar lewat saya",
    )},
    **{w: WEAK for w in (
        "santai", "nyantai", "santuy", "ngobrol", "ngobrol santai", "nongkrong", "ngopi", "ngopi santai",
        "rebahan", "gabut", "nyanyi", "iseng", "random", "hiburan", "seru seruan", "malam minggu",
        "weekend", "spill", "kangen", "galau", "temenin", "nemenin", "guys", "gaes", "makan", "sarapan",
        "di rumah", "dirumah", "bareng keluarga", "anak anak", "sambil", "yuk", "baru pulang", "otw",
        "otw pulang", "pulang kerja",
    )},
}

# Official activities: a stream about these is duty content. "resmi": the stream is framed as the service's
# own event or is about inmates (a leisure word inside it is part of the event: "joget HBP ke-61");
# "kuat": official activities; "lemah": words that are also everyday or commercial ("jual apel malang",
# "webinar trading", "sosialisasi produk asuransi") or name the place, not what is streamed.
OFFICIAL = "resmi"
DUTY = {
    **{w: OFFICIAL for w in (
        "hari bakti pemasyarakatan", "hbp", "hari bakti", "hut pemasyarakatan", "hut kemenimipas",
        "hut ri", "hut kemerdekaan", "dalam rangka", "warga binaan", "wbp", "napi", "narapidana", "tahanan",
        "anak binaan", "andikpas", "klien pemasyarakatan", "klien bapas", "pembinaan", "pembinaan kepribadian",
        "pembinaan kemandirian", "ibadah bersama warga binaan", "pameran hasil karya",
    )},
    **{w: STRONG for w in (
        "upacara", "upacara bendera", "apel pagi", "apel siaga", "apel kesiapsiagaan",
        "kegiatan kerja", "bimbingan kerja", "pelatihan kerja", "layanan kunjungan",
        "kunjungan keluarga", "layanan informasi", "pelayanan publik", "pengaduan", "penyuluhan",
        "penyuluhan hukum", "humas", "akun resmi", "siaran resmi", "kanal resmi", "rilis", "siaran pers",
        "press release", "bakti sosial", "baksos", "kegiatan kantor", "kegiatan dinas", "rakor",
        "rapat koordinasi", "bimtek", "diklat", "pengarahan", "kunjungan kerja", "kunker",
        "pelantikan", "serah terima jabatan", "sertijab", "zona integritas", "pakta integritas", "wbk",
        "wbbm", "razia", "penggeledahan", "tes urine", "donor darah",
        "kerja bakti", "indonesia raya", "lagu kebangsaan", "mars pemasyarakatan", "remisi", "asimilasi",
        "pembebasan bersyarat", "litmas", "penelitian kemasyarakatan", "sidang tpp", "supervisi",
        "sidak", "senam pagi", "senam bersama", "pembagian sembako", "bagi sembako",
        "kalapas", "karutan", "kakanwil", "kabapas", "kepala lapas", "kepala rutan", "kepala bapas",
        "kadiv", "kadivpas", "dirjen", "dirjenpas", "pimpinan",
    )},
    **{w: WEAK for w in (
        "apel", "rapat", "pelatihan", "sosialisasi", "webinar", "seminar", "peresmian", "launching",
        "deklarasi", "penandatanganan", "monitoring", "evaluasi", "lomba", "pentas seni", "jajaran",
        "lapas", "rutan", "lpka", "bapas", "pemasyarakatan", "kemenimipas", "ditjenpas",
    )},
}

# The author says they are away from work: the directory's office hours may not hold that day (leave, sick
# leave, a swapped shift), which only a reviewer with the leave records can tell.
LEAVE = ("cuti", "lagi cuti", "sedang cuti", "izin sakit", "ijin sakit", "lagi sakit", "sedang sakit",
         "lagi izin", "sedang izin", "izin tidak masuk", "ijin tidak masuk", "lagi libur", "sedang libur",
         "libur kerja", "day off", "lagi off", "sedang off", "lepas dinas", "tukar shift", "tukar dinas",
         "tukar piket", "ganti piket")  # not "dinas luar": an official trip is duty time
UNIFORM = ("seragam", "berseragam", "pdh", "pdl", "pakaian dinas", "baju dinas", "atribut dinas")
NO_UNIFORM = ("tanpa seragam", "lepas seragam", "sudah ganti baju", "udah ganti baju", "baju bebas",
              "pakaian bebas", "tidak pakai seragam", "tidak berseragam")

WEIGHT = {STRONG: 0.7, WEAK: 0.4}
DUTY_WEIGHT = {OFFICIAL: 0.9, STRONG: 0.6, WEAK: 0.3}
DUTY_MARGIN = 0.1  # duty wins when its score is at least this much above the non-duty score
NONDUTY_MARGIN = 0.25  # non-duty wins when this much above; in between: mixed, a human decides

UNKNOWN_STAFF = "pegawai tidak ada di direktori, jam dinas tidak dapat ditentukan"
ROSTER_GAP = "jadwal regu pegawai tidak mencakup waktu siaran, jam dinas tidak dapat ditentukan"


class Content:
    """What a stream is about: 'duty', 'nonduty', 'mixed' or 'unknown', with the matches."""

    __slots__ = ("kind", "clarity", "nonduty", "duty", "nonduty_score", "duty_score", "has_text")

    def __init__(self, kind: str, clarity: float, nonduty: list[tuple[TextField, Match]],
                 duty: list[tuple[TextField, Match]], nonduty_score: float, duty_score: float, has_text: bool):
        self.kind, self.clarity = kind, clarity
        self.nonduty, self.duty = nonduty, duty
        self.nonduty_score, self.duty_score, self.has_text = nonduty_score, duty_score, has_text

    def quotes(self, which: str = "nonduty", limit: int = 4) -> str:
        seen: list[str] = []
        for f, m in getattr(self, which):
            q = f.doc.quote(m.first, m.last)[2]
            if q.lower() not in (s.lower() for s in seen):
                seen.append(q)
        shown = ", ".join(f"'{q}'" for q in seen[:limit])
        return shown + (", ..." if len(seen) > limit else "")


class LiveStreamDetector(Detector):
    rule = 7
    key = "rule7"
    name = "rule7.livestream"
    version = 3  # 2: a stream in office hours by an author who says they are on leave is reviewed; 3: duty words
    # weighted (the service's own events and inmates decide, everyday/commercial homonyms barely count), selling
    # and trading words, an official trip is not leave, Ramadan office hours
    title = "siaran langsung pada jam dinas atau berseragam di luar dinas dengan materi non-kedinasan"
    basis = (
        "Etika bermedia sosial ASN Pemasyarakatan angka 7",
        "PP 94/2021 tentang Disiplin PNS Pasal 3 huruf f dan Pasal 4 (masuk kerja dan menaati ketentuan jam kerja)",
        "Perpres 21/2023 tentang Hari Kerja dan Jam Kerja Instansi Pemerintah",
        "Kode Etik Pegawai Pemasyarakatan (Permenkumham M.HH-16.KP.05.02 Tahun 2011)",
    )
    roles = ("own",)
    needs = ("staff",)
    lists = {"non_duty": NON_DUTY, "duty": DUTY, "uniform": UNIFORM, "no_uniform": NO_UNIFORM, "leave": LEAVE}

    def setup(self, resources: Resources) -> None:
        self.calendar = resources.calendar if resources.calendar is not None else DutyCalendar(resources.config)
        minutes = self.config.get("rule7.default_live_minutes", 0) or 0
        self.default_length = timedelta(minutes=float(minutes))

    # -- content ------------------------------------------------------------------------------
    def content(self, doc: Analysis) -> Content:
        fields = [f for f in doc.fields if f.role == "own"]
        nonduty: list[tuple[TextField, Match]] = []
        duty: list[tuple[TextField, Match]] = []
        for f in fields:
            d = self.find("duty", f)
            covered = {i for m in d for i in range(m.first, m.last + 1)}
            duty += [(f, m) for m in d]
            nonduty += [(f, m) for m in self.find("non_duty", f)
                        if not covered.intersection(range(m.first, m.last + 1))]
        nd_terms = {m.term: m.label for _, m in nonduty}
        nd = 1.0
        for label in nd_terms.values():
            nd *= 1 - WEIGHT.get(label, WEIGHT[WEAK])
        nd_score = 1 - nd
        du = 1.0
        for label in {m.term: m.label for _, m in duty}.values():
            du *= 1 - DUTY_WEIGHT.get(label, DUTY_WEIGHT[STRONG])  # an operator's term: an official activity
        du_score = 1 - du
        has_text = any(f.doc.words for f in fields)
        if not nonduty and not duty:
            return Content("unknown", 0.0, nonduty, duty, 0.0, 0.0, has_text)
        if not nonduty:
            return Content("duty", du_score, nonduty, duty, nd_score, du_score, has_text)
        if not duty:
            return Content("nonduty", nd_score, nonduty, duty, nd_score, du_score, has_text)
        if du_score >= nd_score + DUTY_MARGIN:
            return Content("duty", du_score - nd_score, nonduty, duty, nd_score, du_score, has_text)
        if nd_score >= du_score + NONDUTY_MARGIN:
            return Content("nonduty", nd_score - du_score / 2, nonduty, duty, nd_score, du_score, has_text)
        return Content("mixed", 0.0, nonduty, duty, nd_score, du_score, has_text)

    def uniform_hint(self, doc: Analysis) -> tuple[bool | None, list[Evidence]]:
        """Uniform said in the title/transcript: True ("masih pakai seragam"), False ("tanpa seragam"), None."""
        for name, value in (("no_uniform", False), ("uniform", True)):
            ev = [self.evidence(f, m.first, m.last) for f in doc.own() for m in self.find(name, f)]
            if ev:
                return value, ev
        return None, []

    # -- decision -----------------------------------------------------------------------------
    def detect(self, doc: Analysis) -> Iterable[Candidate]:
        a = doc.activity
        live = a.live
        if a.type != "live" or live is None:
            return
        content = self.content(doc)
        if content.kind == "duty":
            return
        start = live.started_at
        end = live.ended_at
        if end is None and self.default_length > timedelta(0):
            end = start + self.default_length
        if end is not None and end <= start:
            end = None
        started = Evidence("live.started_at", 0, len(live.started_raw), live.started_raw)
        nd_ev = tuple(self.evidence(f, m.first, m.last) for f, m in content.nonduty)
        detail = [self._content_detail(content)]

        staff = doc.resources.staff
        nip = a.author.nip
        member = staff.get(nip) if staff is not None and nip else None
        when = self.calendar.describe_time(member, start)
        if member is None:
            why = ("NIP penulis tidak dicantumkan; " if not nip else
                   "direktori pegawai tidak dimuat; " if staff is None else "") + UNKNOWN_STAFF
            yield self._unknown_time(content, why, when, started, nd_ev, detail)
            return
        if not self.calendar.roster_covers(member, start, end):
            yield self._unknown_time(content, ROSTER_GAP, when, started, nd_ev, detail)
            return

        periods = self.calendar.duty_periods(member, start, end)
        uniform = live.uniform
        hint, hint_ev = (None, []) if uniform is not None else self.uniform_hint(doc)
        extra = _extra(bool(periods), when, tuple(p.describe_long() for p in periods))
        if periods:
            detail.insert(0, self._period_detail(periods, start, end))
            leave = next((m for f in doc.own() for m in self.find("leave", f)), None)
            for c in self._in_duty(content, periods, when, uniform, started, nd_ev, detail, extra):
                if leave is not None and not c.needs_review:
                    c = replace(c, needs_review=True, score_detail=c.score_detail + (
                        f"penulis menyebut tidak sedang bertugas ('{leave.term}'): jam dinas menurut direktori "
                        "mungkin tidak berlaku hari itu (cuti, izin, tukar jadwal); perlu tinjauan dengan catatan "
                        "kehadiran",))
                yield c
        else:
            off = self.calendar.off_reason(member, start)
            detail.insert(0, f"di luar jam dinas: {off}; siaran mulai {when}")
            yield from self._off_duty(content, off, when, uniform, hint, hint_ev, started, nd_ev, detail, extra)

    def _in_duty(self, content: Content, periods: list[DutyPeriod], when: str, uniform: bool | None,
                 started: Evidence, nd_ev: tuple[Evidence, ...], detail: list[str], extra) -> Iterable[Candidate]:
        where = _periods_text(periods)
        worn = " Pegawai juga mengenakan seragam dinas." if uniform else ""
        if content.kind == "nonduty":
            conf = 0.62 + 0.3 * content.clarity
            detail.append(f"jam dinas + materi non-kedinasan: 0,62 + 0,30 x {display.score(content.clarity)} = {display.score(conf)}")
            yield Candidate(conf, (started,) + nd_ev,
                            f"Siaran langsung pada jam dinas ({where}) dengan materi yang tidak berkaitan dengan "
                            f"kedinasan ({content.quotes()}). Siaran dimulai {when}.{worn}",
                            tuple(detail), extra=extra)
        elif content.kind == "mixed":
            detail.append("materi campuran kedinasan dan non-kedinasan: perlu tinjauan, 0,50")
            yield Candidate(0.5, (started,) + nd_ev,
                            f"Siaran langsung pada jam dinas ({where}) dengan materi campuran: kegiatan kedinasan "
                            f"({content.quotes('duty')}) dan hal non-kedinasan ({content.quotes()}). Siaran dimulai "
                            f"{when}.{worn} Perlu diperiksa apakah siaran ini kegiatan resmi.",
                            tuple(detail), needs_review=True, extra=extra)
        else:
            what = ("judul dan transkrip siaran kosong" if not content.has_text else
                    "judul dan transkrip tidak menunjukkan kegiatan kedinasan maupun non-kedinasan")
            conf = 0.5 if uniform else 0.45
            detail.append(f"materi tidak diketahui ({what}): perlu tinjauan, {display.score(conf)}")
            yield Candidate(conf, (started,),
                            f"Siaran langsung pada jam dinas ({where}); materi siaran tidak diketahui ({what}). "
                            f"Siaran dimulai {when}.{worn} Perlu diperiksa apakah materinya berkaitan dengan kedinasan.",
                            tuple(detail), needs_review=True, extra=extra)

    def _off_duty(self, content: Content, off: str, when: str, uniform: bool | None, hint: bool | None,
                  hint_ev: list[Evidence], started: Evidence, nd_ev: tuple[Evidence, ...], detail: list[str],
                  extra) -> Iterable[Candidate]:
        if uniform is False:
            return
        if uniform is True:
            if content.kind == "nonduty":
                conf = 0.62 + 0.3 * content.clarity
                detail.append(f"berseragam di luar jam dinas + materi non-kedinasan: 0,62 + 0,30 x "
                              f"{display.score(content.clarity)} = {display.score(conf)}")
                yield Candidate(conf, (started,) + nd_ev,
                                f"Siaran langsung di luar jam dinas ({off}; siaran dimulai {when}) dengan mengenakan "
                                f"seragam dinas dan materi yang tidak berkaitan dengan kedinasan ({content.quotes()}).",
                                tuple(detail), extra=extra)
            else:
                what = ("materi campuran kedinasan dan non-kedinasan" if content.kind == "mixed"
                        else "materi siaran tidak diketahui")
                detail.append(f"berseragam di luar jam dinas, {what}: perlu tinjauan, 0,45")
                yield Candidate(0.45, (started,) + nd_ev,
                                f"Siaran langsung di luar jam dinas ({off}; siaran dimulai {when}) dengan mengenakan "
                                f"seragam dinas; {what}. Perlu diperiksa apakah siaran ini kegiatan resmi.",
                                tuple(detail), needs_review=True, extra=extra)
            return
        # uniform unknown: whether the stream is duty content must not hang on a list of non-duty words;
        # anything not shown to be duty content goes to a human, who can see the uniform
        if content.kind == "duty" or hint is False:
            return
        said = (" Judul/transkrip menyebut seragam (" + ", ".join(f"'{e.quote}'" for e in hint_ev[:3]) + ")."
                if hint else "")
        if content.kind == "nonduty":
            conf = 0.42 + 0.15 * content.clarity + (0.1 if hint else 0.0)
            detail.append(f"di luar jam dinas, seragam tidak diketahui: 0,42 + 0,15 x {display.score(content.clarity)}"
                          + (" + 0,10 (seragam disebut)" if hint else "") + f" = {display.score(conf)}")
            what = f"dengan materi yang tidak berkaitan dengan kedinasan ({content.quotes()})"
        else:
            conf = 0.4 + (0.1 if hint else 0.0)
            what = ("dengan materi campuran kedinasan dan non-kedinasan" if content.kind == "mixed"
                    else "dengan materi yang tidak diketahui (bukan kegiatan kedinasan yang dikenali)")
            detail.append(f"di luar jam dinas, seragam dan materi tidak diketahui: perlu tinjauan, {display.score(conf)}")
        yield Candidate(conf, (started,) + nd_ev + tuple(hint_ev),
                        f"Siaran langsung di luar jam dinas ({off}; siaran dimulai {when}) {what}; seragam tidak "
                        f"diketahui: perlu diperiksa apakah pegawai mengenakan seragam dinas dan apakah siaran ini "
                        f"kegiatan resmi.{said}",
                        tuple(detail), needs_review=True, extra=extra)

    def _unknown_time(self, content: Content, why: str, when: str, started: Evidence,
                      nd_ev: tuple[Evidence, ...], detail: list[str]) -> Candidate:
        if content.kind == "nonduty":
            conf, what = 0.5, f"dengan materi yang tidak berkaitan dengan kedinasan ({content.quotes()})"
        elif content.kind == "mixed":
            conf, what = 0.45, (f"dengan materi campuran kedinasan ({content.quotes('duty')}) dan non-kedinasan "
                                f"({content.quotes()})")
        else:
            conf, what = 0.4, "dengan materi yang tidak diketahui"
        detail.insert(0, f"jam dinas tidak diketahui: {why}")
        detail.append(f"perlu tinjauan: {display.score(conf)}")
        return Candidate(conf, (started,) + nd_ev,
                         f"Siaran langsung {what}, dimulai {when}; {why}. Perlu diperiksa apakah siaran "
                         f"berlangsung pada jam dinas atau dengan seragam dinas.",
                         tuple(detail), needs_review=True,
                         extra=_extra(None, when, ()))

    # -- score details ------------------------------------------------------------------------
    @staticmethod
    def _content_detail(c: Content) -> str:
        nd = ", ".join(sorted({f"{m.term} ({m.label})" for _, m in c.nonduty})) or "-"
        du = ", ".join(sorted({m.term for _, m in c.duty})) or "-"
        return (f"materi: {c.kind}; non-kedinasan {display.score(c.nonduty_score)} [{nd}]; "
                f"kedinasan {display.score(c.duty_score)} [{du}]")

    @staticmethod
    def _period_detail(periods: list[DutyPeriod], start: datetime, end: datetime | None) -> str:
        parts = []
        for p in periods:
            ov = p.overlap(start, end)
            mins = f", tumpang tindih {int(ov.total_seconds() // 60)} menit" if end is not None else ""
            parts.append(p.describe_long() + mins)
        return "jam dinas: " + "; ".join(parts)


def _extra(on_duty: bool | None, when: str, periods: tuple[str, ...]) -> tuple[tuple[str, object], ...]:
    """Facts added to the finding (hashable; JSON: on_duty, started_local, duty_periods)."""
    return (("on_duty", on_duty), ("started_local", when), ("duty_periods", periods))


def _periods_text(periods: list[DutyPeriod]) -> str:
    """ "regu pengamanan, 07.00-13.00 WITA" (two periods joined with "dan")."""
    texts = []
    for p in periods[:2]:
        t = f"{p.label}, {p.hours}"
        if t not in texts:
            texts.append(t)
    return " dan ".join(texts) + (" dan seterusnya" if len(periods) > 2 else "")
