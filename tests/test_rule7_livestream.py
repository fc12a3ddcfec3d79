"""Rule 7: live streaming in duty time, or off duty in uniform, with non-duty content."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from types import MappingProxyType

import pytest

from rambu.analysis import Resources
from rambu.detectors.rule7_livestream import LiveStreamDetector
from rambu.settings import Config, default_config
from rambu.staff.directory import StaffDirectory
from rambu.staff.dutytime import DutyCalendar

from conftest import evidence_quotes_original, make_activity, run_detector

WIB = "198901142012121003"  # office, Lapas Semarang, Asia/Jakarta
WITA = "197805062005011002"  # office, Rutan Makassar, Asia/Makassar
WIT = "198511202010121001"  # office, Lapas Jayapura, Asia/Jayapura
NOZONE = "199303032017033003"  # office, no time zone in the directory (default WIB)
GUARD = "199304022018011001"  # shift, Rutan Balikpapan, Asia/Makassar
STRANGER = "199001012015031001"  # not in the directory

STAFF = [
    {"nip": WIB, "name": "Rizky", "unit": "Lapas Kelas IIA Semarang", "position": "Staf Kegiatan Kerja",
     "timezone": "Asia/Jakarta", "schedule": "office"},
    {"nip": WITA, "name": "Andi", "unit": "Rutan Kelas I Makassar", "position": "Staf Registrasi",
     "timezone": "Asia/Makassar", "schedule": "office"},
    {"nip": WIT, "name": "Yohanes", "unit": "Lapas Kelas IIA Jayapura", "position": "Staf Umum",
     "timezone": "Asia/Jayapura", "schedule": "office"},
    {"nip": NOZONE, "name": "Eko", "unit": "Bapas Surakarta", "position": "PK", "schedule": "office"},
    {"nip": GUARD, "name": "Nur Aisyah", "unit": "Rutan Kelas IIA Balikpapan", "position": "Anggota Regu Pengamanan",
     "timezone": "Asia/Makassar", "schedule": "shift",
     "shifts": [["2025-03-12T07:00:00+08:00", "2025-03-12T13:00:00+08:00"],
                ["2025-03-13T18:00:00+08:00", "2025-03-14T07:00:00+08:00"],
                ["2025-03-15T13:00:00+08:00", "2025-03-15T18:00:00+08:00"]]},
]
# Holidays given as data so the tests do not depend on the bundled (unverified) list.
HOLIDAYS = {date(2025, 3, 31): "Hari Raya Idul Fitri 1446 H", date(2025, 4, 2): "Cuti bersama Idul Fitri"}


def ordinary_weeks(**changes) -> Config:
    """The defaults without Ramadan: the table's March 2025 dates fall in Ramadan 1446 H, which has its own test."""
    values = dict(default_config().values)
    values.update({"ramadan.dates": ""}, **changes)
    return Config(MappingProxyType(values))


def resources(config: Config | None = None, staff=True) -> Resources:
    config = config or ordinary_weeks()
    return Resources(config=config, staff=StaffDirectory.from_records(STAFF) if staff else None,
                     calendar=DutyCalendar(config, HOLIDAYS))


RES = resources()


def live(text=None, start="2025-03-12T10:00:00+07:00", end="+40", uniform=None, transcript=None, nip=WIB,
         type="live", **kw):
    """A live activity; `end` "+N" = N minutes after start, None = not given."""
    lv = {"started_at": start, "uniform": uniform}
    if isinstance(end, str) and end.startswith("+"):
        lv["ended_at"] = (datetime.fromisoformat(start) + timedelta(minutes=int(end[1:]))).isoformat()
    elif end is not None:
        lv["ended_at"] = end
    if transcript is not None:
        lv["transcript"] = transcript
    a = make_activity(text, type=type, created_at=start, **kw)
    if type == "live":
        a["live"] = lv
    if nip is not False:
        a["author"] = {"nip": nip, "handle": "@petugas"} if nip else {"handle": "@petugas"}
    return a


# (id, activity, expected decision: "violation" | "review" | "none", phrase the explanation must contain)
CASES = [
    # --- the author says they are away from work: office hours may not hold that day (review) ----------
    ("office-hours-on-leave", live("lagi cuti, live jalan-jalan di Bali"), "review", "jam dinas"),
    ("office-hours-sick-leave", live("izin sakit, live rebahan aja"), "review", "jam dinas"),
    ("office-hours-leave-word-elsewhere", live("karaoke lagu Sakit Hati siang ini"), "violation", "jam dinas"),
    ("office-hours-selling-in-transcript", live("Live sore", transcript="sambel bawang ready, langsung japri ya"),
     "violation", "jam dinas"),
    # --- violations: duty time + non-duty content --------------------------------------------
    ("office-wib-chat", live("Live santai ngobrol sama followers"), "violation",
     "jam dinas (jam kantor Rabu, 07.30-12.00 WIB)"),
    ("office-karaoke-monday", live("Karaoke siang bareng teman", start="2025-03-10T13:00:00+07:00"), "violation",
     "jam kantor Senin"),
    ("friday-later-end", live("mabar push rank dulu", start="2025-03-14T16:10:00+07:00", end="+30"), "violation",
     "13.00-16.30 WIB"),
    ("starts-before-office-hours", live("jualan baju, checkout di keranjang kuning ya",
                                        start="2025-03-11T06:45:00+07:00", end="+60"), "violation", "'jualan'"),
    ("wit-unit-wib-offset", live("Giveaway skincare buat kalian", start="2025-03-12T06:30:00+07:00", nip=WIT),
     "violation", "WIT"),
    ("wib-staff-1530", live("Karaoke sore", start="2025-03-12T15:30:00+07:00", end="+20"), "violation", "WIB"),
    ("guard-in-shift", live("Live sore santai", start="2025-03-12T10:00:00+08:00", end="+35", nip=GUARD),
     "violation", "Siaran langsung pada jam dinas (regu pengamanan, 07.00-13.00 WITA) dengan materi yang tidak "
                  "berkaitan dengan kedinasan"),
    ("guard-overnight-shift", live("karaoke tengah malam", start="2025-03-13T23:00:00+08:00", end="+50", nip=GUARD),
     "violation", "regu pengamanan, 18.00-07.00 WITA"),
    ("guard-crosses-shift-start", live("joget tiktok challenge", start="2025-03-15T12:30:00+08:00", end="+60",
                                       nip=GUARD), "violation", "13.00-18.00 WITA"),
    ("transcript-only", live("Live", transcript="ayo mabar guys, push rank sampai mythic"), "violation", "'mabar'"),
    ("point-in-time", live("santai ngopi dulu", start="2025-03-13T09:00:00+07:00", end=None), "violation",
     "jam kantor Kamis"),
    ("default-zone", live("karaoke", start="2025-03-12T09:00:00+08:00", nip=NOZONE), "violation", "WIB"),
    ("gambling", live("Slot gacor maxwin malam ini", start="2025-03-12T11:00:00+07:00"), "violation", "'Slot gacor'"),
    ("alay-spelling", live("Lyv3 s4nt4i ngobrooool", start="2025-03-12T11:00:00+07:00"), "violation", "s4nt4i"),
    ("duty-and-uniform", live("jalan-jalan ke mall", uniform=True), "violation", "mengenakan seragam dinas"),
    # --- violations: off duty in uniform + non-duty content -----------------------------------
    ("saturday-uniform", live("jalan-jalan malam minggu", start="2025-03-15T20:00:00+07:00", uniform=True),
     "violation", "di luar jam dinas (hari Sabtu, bukan hari kerja"),
    ("holiday-uniform", live("mukbang makan makan", start="2025-03-31T10:00:00+07:00", uniform=True),
     "violation", "hari libur: Hari Raya Idul Fitri"),
    ("evening-uniform", live("Endorse produk kecantikan", start="2025-03-12T19:00:00+07:00", uniform=True),
     "violation", "seragam dinas"),
    ("guard-off-shift-uniform", live("nyanyi bareng karaoke", start="2025-03-12T15:00:00+08:00", uniform=True,
                                     nip=GUARD), "violation", "di luar jadwal regu"),
    # --- review -------------------------------------------------------------------------------
    ("duty-empty-title", live(None), "review", "judul dan transkrip siaran kosong"),
    ("duty-unclear-title", live("Halo semua, selamat siang"), "review", "materi siaran tidak diketahui"),
    ("duty-mixed", live("Sosialisasi layanan kunjungan sambil jualan dan giveaway"), "review", "materi campuran"),
    ("off-duty-uniform-unknown", live("karaoke malam", start="2025-03-15T20:00:00+07:00"), "review",
     "seragam tidak diketahui"),
    ("off-duty-uniform-said", live("masih pakai seragam nih, santai dulu", start="2025-03-12T17:30:00+07:00"),
     "review", "Judul/transkrip menyebut seragam"),
    ("stranger", live("karaoke bareng", nip=STRANGER), "review",
     "pegawai tidak ada di direktori, jam dinas tidak dapat ditentukan"),
    ("stranger-own-offset", live("karaoke", start="2025-03-12T10:00:00+09:00", nip=STRANGER), "review",
     "dimulai Rabu 12-03-2025 10.00 WIT"),
    ("no-nip", live("mabar santai", nip=None), "review", "NIP penulis tidak dicantumkan"),
    ("roster-gap", live("santai", start="2025-04-20T10:00:00+08:00", nip=GUARD), "review",
     "jadwal regu pegawai tidak mencakup waktu siaran"),
    ("off-duty-uniform-empty", live(None, start="2025-03-16T10:00:00+07:00", uniform=True), "review",
     "materi siaran tidak diketahui"),
    ("stranger-unknown-content", live("Live", nip=STRANGER), "review", "materi yang tidak diketahui"),
    # --- hard negatives -------------------------------------------------------------------------
    # the lunch break is not duty time (Perpres 21/2023): out of uniform it is the employee's own time ...
    ("lunch-break-game", live("Live main game bareng", start="2025-03-12T12:10:00+07:00", end="+30",
                              uniform=False), "none", None),
    ("friday-break-jualan", live("Live jualan baju muslim", start="2025-03-14T11:40:00+07:00", end="+60",
                                 uniform=False), "none", None),
    # ... in uniform it is not, and a stream running into duty time is in it
    ("lunch-break-uniform", live("Live karaoke", start="2025-03-12T12:10:00+07:00", end="+30", uniform=True),
     "violation", "seragam"),
    ("lunch-break-overrun", live("Live main game bareng", start="2025-03-12T12:30:00+07:00", end="+60",
                                 uniform=False), "violation", "13.00-16.00 WIB"),
    ("official-ceremony", live("Live upacara Hari Bakti Pemasyarakatan ke-61"), "none", None),
    ("anthem-sung", live("Apel pagi", transcript="peserta apel menyanyikan lagu Indonesia Raya bersama"),
     "none", None),
    ("socialisation-santai", live("Sosialisasi layanan kunjungan online bersama warga binaan, santai tapi serius"),
     "none", None),
    ("official-humas", live("Live resmi humas: penyuluhan hukum bagi WBP", uniform=True), "none", None),
    ("baksos", live("Bakti sosial: pembagian sembako untuk warga sekitar lapas", uniform=True), "none", None),
    ("entertainment-for-inmates", live("Pentas seni hiburan untuk warga binaan"), "none", None),
    ("saturday-no-uniform", live("karaoke malam minggu", start="2025-03-15T20:00:00+07:00", uniform=False),
     "none", None),
    ("after-office-exact", live("karaoke", start="2025-03-10T16:00:00+07:00", end="+60", uniform=False),
     "none", None),
    ("thursday-1610", live("mabar", start="2025-03-13T16:10:00+07:00", uniform=False), "none", None),
    ("holiday-no-uniform", live("karaoke", start="2025-03-31T10:00:00+07:00", uniform=False), "none", None),
    ("cuti-bersama-no-uniform", live("jalan-jalan", start="2025-04-02T10:00:00+07:00", uniform=False),
     "none", None),
    ("guard-after-shift", live("karaoke", start="2025-03-12T14:00:00+08:00", uniform=False, nip=GUARD),
     "none", None),
    ("guard-starts-at-shift-end", live("karaoke pagi", start="2025-03-14T07:00:00+08:00", uniform=False,
                                       nip=GUARD), "none", None),
    ("wit-after-hours", live("karaoke", start="2025-03-12T15:00:00+07:00", uniform=False, nip=WIT), "none", None),
    ("wita-after-hours", live("karaoke", start="2025-03-12T15:30:00+07:00", nip=WITA, uniform=False), "none", None),
    # unknown content off duty with unknown uniform: a human checks (does not hang on a non-duty word list)
    ("off-duty-unknown-uniform-unknown-content", live("Live", start="2025-03-15T20:00:00+07:00"), "review",
     "seragam tidak diketahui"),
    ("off-duty-unknown-uniform-unlisted-content", live("Live sore ini dari teras bareng teman lama",
                                                       start="2025-03-15T17:00:00+07:00"), "review",
     "materi yang tidak diketahui"),
    ("off-duty-no-uniform-unlisted-content", live("Live sore ini dari teras bareng teman lama",
                                                  start="2025-03-15T17:00:00+07:00", uniform=False), "none", None),
    ("off-duty-unknown-uniform-duty-content", live("Live apel malam regu jaga bersama kalapas",
                                                   start="2025-03-15T20:00:00+07:00"), "none", None),
    ("off-duty-said-no-uniform", live("udah lepas seragam, santai dulu", start="2025-03-12T18:00:00+07:00"),
     "none", None),
    ("stranger-duty-content", live("Live humas: sosialisasi layanan kunjungan", nip=STRANGER), "none", None),
    ("not-a-live", live("karaoke santai", type="post"), "none", None),
    # office events carry leisure words; the unit's own names and its leaders make them duty content
    ("hbp-abbreviation", live("Lomba tarik tambang dan joget HBP ke-61, seru!"), "none", None),
    ("competition-in-the-frame", live("Lomba karaoke antar regu dalam rangka HUT Pemasyarakatan"), "none", None),
    ("inmates-art-show", live("Pentas seni napi, joget bareng penampil"), "none", None),
    ("cycling-with-the-head", live("Gowes pagi bersama Kalapas dan jajaran"), "review", "materi campuran"),
    ("pramuka-lpka", live("Kegiatan pramuka anak binaan LPKA"), "none", None),
    # ... while a word that is also an office activity does not clear selling or trading
    ("apple-selling", live("jual apel malang manis, langsung japri"), "violation", "'jual'"),
    ("trading-webinar", live("webinar trading crypto gratis, cuan tiap hari"), "violation", "'trading'"),
    ("insurance-product", live("sosialisasi produk asuransi, bisa daftar lewat saya"), "violation", "'asuransi'"),
    ("chat-from-the-prison", live("live santai ngobrol dari pos jaga lapas"), "violation", "'santai'"),
    # an official trip is still duty time
    ("official-trip-karaoke", live("lagi dinas luar, karaoke dulu di hotel"), "violation", "'karaoke'"),
]


def decision(findings) -> str:
    if not findings:
        return "none"
    return "review" if all(f.needs_review for f in findings) else "violation"


@pytest.mark.parametrize("case_id,activity,expected,phrase", CASES, ids=[c[0] for c in CASES])
def test_rule7_table(case_id, activity, expected, phrase):
    findings = run_detector(LiveStreamDetector, activity, RES)
    assert decision(findings) == expected, [f.explanation for f in findings]
    assert len(findings) <= 1
    if findings:
        f = findings[0]
        assert f.rule == 7 and f.detector == "rule7.livestream@3"
        assert f.explanation.startswith("Larangan 7 (siaran langsung pada jam dinas")
        assert phrase in f.explanation, f.explanation
        ev = f.evidence[0]
        raw = activity["live"]["started_at"]
        assert (ev.field, ev.start, ev.end, ev.quote) == ("live.started_at", 0, len(raw), raw)
        assert "Etika bermedia sosial ASN Pemasyarakatan angka 7" in f.basis
        assert evidence_quotes_original(activity, findings)


def test_table_size():
    assert len(CASES) >= 30
    assert sum(c[2] == "violation" for c in CASES) >= 10 and sum(c[2] == "none" for c in CASES) >= 10


def test_evidence_quotes_non_duty_words():
    a = live("Live santai ngobrol", transcript="nanti kita karaoke ya")
    f, = run_detector(LiveStreamDetector, a, RES)
    quotes = {(e.field, e.quote) for e in f.evidence}
    assert ("text", "santai") in quotes and ("text", "ngobrol") in quotes
    assert ("live.transcript", "karaoke") in quotes
    for e in f.evidence[1:]:
        src = a["text"] if e.field == "text" else a["live"]["transcript"]
        assert src[e.start:e.end] == e.quote


def test_confidence_follows_clarity():
    weak, = run_detector(LiveStreamDetector, live("santai"), RES)
    strong, = run_detector(LiveStreamDetector, live("karaoke, mabar, giveaway"), RES)
    assert 0.6 <= weak.confidence < strong.confidence <= 1.0


def test_duty_time_is_reported():
    f, = run_detector(LiveStreamDetector, live("santai", start="2025-03-13T23:00:00+08:00", nip=GUARD), RES)
    info = json.loads(json.dumps(f.to_dict()))
    assert info["on_duty"] is True
    assert info["started_local"] == "Kamis 13-03-2025 23.00 WITA"
    assert info["duty_periods"] == ["regu pengamanan Kamis 13-03-2025 18.00 s.d. Jumat 14-03-2025 07.00 WITA"]
    hash(f)  # findings stay hashable
    assert any("tumpang tindih 40 menit" in d for d in f.score_detail)


def test_without_directory_everything_needs_review():
    f, = run_detector(LiveStreamDetector, live("karaoke"), resources(staff=False))
    assert f.needs_review and "direktori pegawai tidak dimuat" in f.explanation


def test_calendar_built_from_config_when_missing():
    res = Resources(config=default_config(), staff=StaffDirectory.from_records(STAFF))
    det = LiveStreamDetector(res)
    assert isinstance(det.calendar, DutyCalendar)
    (f,) = run_detector(LiveStreamDetector, live("karaoke"), res)
    assert not f.needs_review
    # 2025-12-25 is in the bundled holiday list: off duty, no uniform -> nothing
    assert run_detector(LiveStreamDetector, live("karaoke", start="2025-12-25T10:00:00+07:00", uniform=False),
                        res) == []


def test_default_live_length_setting():
    a = live("karaoke", start="2025-03-10T07:00:00+07:00", end=None, uniform=False)
    assert run_detector(LiveStreamDetector, a, RES) == []  # a point in time before office hours
    res = resources(ordinary_weeks(**{"rule7.default_live_minutes": 60}))
    f, = run_detector(LiveStreamDetector, a, res)
    assert not f.needs_review


RAMADAN = [
    # Ramadan hours (Perpres 21/2023: from 08:00, 32,5 hours a week): 07:35 and 15:20 on a Monday are off duty
    ("before-ramadan-start", "2026-03-02T07:35:00+07:00", "none", "di luar jam kantor Ramadan (08.00-15.00)"),
    ("after-ramadan-end", "2026-03-02T15:20:00+07:00", "none", "di luar jam kantor Ramadan (08.00-15.00)"),
    ("ramadan-friday-late", "2026-03-06T15:20:00+07:00", "duty", "jam kantor Jumat 06-03-2026 12.30-15.30 WIB"),
    ("ramadan-duty", "2026-03-02T10:00:00+07:00", "duty", "jam kantor Senin 02-03-2026 08.00-12.00 WIB"),
    # the same times in an ordinary week are duty time
    ("ordinary-week-early", "2026-04-06T07:35:00+07:00", "duty", "07.30-12.00 WIB"),
    ("ordinary-week-late", "2026-04-06T15:20:00+07:00", "duty", "13.00-16.00 WIB"),
]


@pytest.mark.parametrize("case_id,start,expected,phrase", RAMADAN, ids=[c[0] for c in RAMADAN])
def test_ramadan_hours(case_id, start, expected, phrase):
    values = dict(default_config().values)
    values["ramadan.dates"] = "2026-02-19..2026-03-20"
    cal = DutyCalendar(Config(MappingProxyType(values)), {})
    member = StaffDirectory.from_records(STAFF).get(WIB)
    when = datetime.fromisoformat(start)
    periods = cal.duty_periods(member, when)
    assert bool(periods) == (expected == "duty")
    told = periods[0].describe_long() if periods else cal.off_reason(member, when)
    assert phrase in told, told


@pytest.mark.parametrize("value", ["2026-03-20..2026-02-19", "2026-02-19", "Ramadan", "2026-02-30..2026-03-20"])
def test_ramadan_dates_refused_with_the_setting_named(value):
    values = dict(default_config().values)
    values["ramadan.dates"] = value
    with pytest.raises(ValueError, match="ramadan.dates"):
        DutyCalendar(Config(MappingProxyType(values)), {})


def test_operator_word_lists_extend_the_rule():
    base = default_config()
    cfg = Config(base.values, MappingProxyType({"rule7": {"non_duty": ("kopdar",), "duty": ("pelatihan menembak",)}}))
    res = resources(cfg)
    assert decision(run_detector(LiveStreamDetector, live("Kopdar online ibu-ibu"), res)) == "violation"
    assert decision(run_detector(LiveStreamDetector, live("Kopdar online ibu-ibu"), RES)) == "review"
    # an operator's duty term weighs as an official activity: it outweighs a casual word
    assert decision(run_detector(LiveStreamDetector, live("Live pelatihan menembak, santai"), res)) == "none"
