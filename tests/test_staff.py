"""Staff directory loading and the duty calendar (office hours, shifts, holidays, time zones)."""
from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime, timedelta
from types import MappingProxyType

import pytest

from rambu.settings import Config, default_config
from rambu.staff import dutytime
from rambu.staff.directory import StaffDirectory, StaffDirectoryError, StaffMember
from rambu.staff.dutytime import (BUNDLED_HOLIDAYS, DutyCalendar, HolidayError, get_zone, load_holidays,
                                  parse_hours, zone_label)

NIP_A = "198901142012121003"
NIP_B = "199304022018011001"
NIP_C = "198511202010121001"

GOOD_JSON = [
    {"nip": NIP_A, "name": "Rizky Pratama", "unit": "Lapas Kelas IIA Semarang", "position": "Staf Kegiatan Kerja",
     "timezone": "Asia/Jakarta", "schedule": "office"},
    {"nip": NIP_B, "name": "Nur Aisyah", "unit": "Rutan Kelas IIA Balikpapan", "position": "Anggota Regu Pengamanan",
     "timezone": "Asia/Makassar", "schedule": "shift",
     "shifts": [["2025-03-12T07:00:00+08:00", "2025-03-12T13:00:00+08:00"],
                ["2025-03-13T18:00:00+08:00", "2025-03-14T07:00:00+08:00"]]},
]


def t(s: str) -> datetime:
    return datetime.fromisoformat(s)


def config(**overrides) -> Config:
    values = dict(default_config().values)
    values.update({k.replace("__", "."): v for k, v in overrides.items()})
    return Config(MappingProxyType(values))


def write(tmp_path, name: str, content) -> str:
    p = tmp_path / name
    p.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return str(p)


# --- directory: loading -------------------------------------------------------------------------

def test_load_json(tmp_path):
    d = StaffDirectory.load(write(tmp_path, "staff.json", GOOD_JSON))
    assert len(d) == 2 and not d.errors
    a, b = d.get(NIP_A), d.get(NIP_B)
    assert a.name == "Rizky Pratama" and a.schedule == "office" and a.timezone == "Asia/Jakarta" and a.shifts == ()
    assert b.schedule == "shift" and len(b.shifts) == 2
    assert b.shifts[1] == (t("2025-03-13T18:00:00+08:00"), t("2025-03-14T07:00:00+08:00"))
    assert a.source.endswith("staff.json indeks 0")
    assert d.get("199001012015031001") is None and d.get(None) is None
    assert NIP_A in d and "x" not in d


def test_member_is_immutable(tmp_path):
    d = StaffDirectory.load(write(tmp_path, "staff.json", GOOD_JSON))
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.get(NIP_A).schedule = "shift"  # type: ignore[misc]
    assert isinstance(d.get(NIP_B).shifts, tuple)


def test_get_accepts_spaced_nip(tmp_path):
    d = StaffDirectory.load(write(tmp_path, "staff.json", GOOD_JSON))
    assert d.get("19890114 201212 1 003").nip == NIP_A


def test_load_csv_both_shift_formats(tmp_path):
    csv_text = (
        "nip,name,unit,position,timezone,schedule,shifts\n"
        f"{NIP_A},Rizky,Lapas Semarang,Staf,Asia/Jakarta,office,\n"
        f"{NIP_B},Nur,Rutan Balikpapan,Regu Pengamanan,Asia/Makassar,shift,"
        "2025-03-12T07:00:00+08:00/2025-03-12T13:00:00+08:00;2025-03-13T18:00:00+08:00/2025-03-14T07:00:00+08:00\n"
        f'{NIP_C},Yohanes,Lapas Jayapura,Regu Pengamanan,Asia/Jayapura,shift,'
        '"[[""2025-03-12T07:00:00+09:00"", ""2025-03-12T13:00:00+09:00""]]"\n'
    )
    d = StaffDirectory.load(write(tmp_path, "staff.csv", csv_text))
    assert len(d) == 3 and not d.errors
    assert d.get(NIP_B).shifts[1][1] == t("2025-03-14T07:00:00+08:00")
    assert d.get(NIP_C).shifts == ((t("2025-03-12T07:00:00+09:00"), t("2025-03-12T13:00:00+09:00")),)
    assert d.get(NIP_A).source.endswith("staff.csv baris 2")


def test_csv_semicolon_delimiter_and_alias_zone(tmp_path):
    csv_text = f"nip;name;timezone;schedule\n{NIP_A};Rizky;WITA;office\n"
    d = StaffDirectory.load(write(tmp_path, "staff.csv", csv_text))
    assert d.get(NIP_A).timezone == "Asia/Makassar"


CSV_BAD = (
    "nip,name,unit,position,timezone,schedule,shifts\n"      # line 1
    f"{NIP_A},Rizky,Lapas,Staf,Asia/Jakarta,office,\n"        # line 2 ok
    f"12345,Budi,Lapas,Staf,Asia/Jakarta,office,\n"           # line 3 bad nip
    f"{NIP_B},Nur,Rutan,Regu,WIB+1,shift,\n"                  # line 4 bad zone
    f"{NIP_C},Yoh,Lapas,Regu,Asia/Jayapura,regu,\n"           # line 5 bad schedule
    "199001012015031001,Sari,Lapas,Regu,Asia/Jakarta,shift,"  # line 6 end before start
    "2025-03-12T13:00:00+07:00/2025-03-12T07:00:00+07:00\n"
    "199202022016022002,Dewi,Lapas,Regu,Asia/Jakarta,shift,"  # line 7 no offset
    "2025-03-12T07:00:00/2025-03-12T13:00:00+07:00\n"
    f"{NIP_A},Ganda,Lapas,Staf,Asia/Jakarta,office,\n"        # line 8 duplicate
    "199303032017033003,Eko,Lapas,Staf,,office,\n"            # line 9 ok (default zone)
)


def test_csv_errors_name_file_row_and_field(tmp_path):
    path = write(tmp_path, "staff.csv", CSV_BAD)
    with pytest.raises(StaffDirectoryError) as ei:
        StaffDirectory.load(path)
    msg = str(ei.value)
    assert "staff.csv baris 4, kolom timezone: zona waktu tidak dikenal ('WIB+1')" in msg
    assert "staff.csv baris 3, kolom nip: NIP harus 18 angka" in msg
    assert "staff.csv baris 5, kolom schedule" in msg
    assert "staff.csv baris 6, kolom shifts[0]: selesai" in msg
    assert "staff.csv baris 7, kolom shifts[0][0]: waktu mulai tanpa zona waktu" in msg
    assert "staff.csv baris 8, kolom nip: NIP ganda, sudah ada di baris 2" in msg
    assert len(ei.value.errors) == 6


def test_collect_mode_keeps_good_rows(tmp_path):
    d = StaffDirectory.load(write(tmp_path, "staff.csv", CSV_BAD), strict=False)
    assert sorted(m.nip for m in d) == [NIP_A, "199303032017033003"]
    assert d.get(NIP_A).name == "Rizky"  # the first row wins; the duplicate is reported
    assert d.get("199303032017033003").timezone is None
    rows = {(e.row, e.field) for e in d.errors}
    assert ("baris 4", "timezone") in rows and ("baris 8", "nip") in rows
    e = next(e for e in d.errors if e.field == "timezone")
    assert e.file.endswith("staff.csv") and "WIB+1" in e.message


def test_json_errors_use_array_index(tmp_path):
    bad = GOOD_JSON + [
        {"nip": 198901142012121, "schedule": "office"},
        {"nip": "197805062005011002", "timezone": "Mars/Olympus", "schedule": "shift",
         "shifts": [["2025-03-12T07:00:00+08:00"], "bukan", ["2025-03-12T07:00:00+08:00", "2025-03-14T07:00:00+08:00"]]},
        "bukan objek",
        {"nip": "197805062005011003"},
    ]
    path = write(tmp_path, "staff.json", bad)
    with pytest.raises(StaffDirectoryError) as ei:
        StaffDirectory.load(path)
    msg = str(ei.value)
    assert "staff.json indeks 2, kolom nip: NIP harus 18 angka" in msg
    assert "staff.json indeks 3, kolom timezone: zona waktu tidak dikenal ('Mars/Olympus')" in msg
    assert "staff.json indeks 3, kolom shifts[0]: harus pasangan" in msg
    assert "staff.json indeks 3, kolom shifts[1]" in msg
    assert "staff.json indeks 3, kolom shifts[2]: lama giliran lebih dari 24 jam" in msg
    assert "staff.json indeks 4: harus objek JSON" in msg
    assert "staff.json indeks 5, kolom schedule: wajib diisi" in msg
    d = StaffDirectory.load(path, strict=False)
    assert len(d) == 2


@pytest.mark.parametrize("name,content,needle", [
    ("staff.json", "[{", "bukan JSON yang sah"),
    ("staff.json", '{"nip": "1"}', "harus daftar"),
    ("staff.csv", "name,unit\nBudi,Lapas\n", "kolom wajib tidak ada: nip, schedule"),
    ("staff.csv", "", "berkas kosong"),
])
def test_file_level_errors_raise_even_when_collecting(tmp_path, name, content, needle):
    path = write(tmp_path, name, content)
    with pytest.raises(StaffDirectoryError, match=needle):
        StaffDirectory.load(path, strict=False)


def test_missing_file(tmp_path):
    with pytest.raises(StaffDirectoryError, match="tidak ditemukan"):
        StaffDirectory.load(tmp_path / "tidak-ada.json")


# --- time zones -----------------------------------------------------------------------------------

def test_zone_labels():
    assert zone_label("Asia/Jakarta") == "WIB"
    assert zone_label("Asia/Pontianak") == "WIB"
    assert zone_label("Asia/Makassar") == "WITA"
    assert zone_label("Asia/Jayapura") == "WIT"
    assert zone_label("UTC") == "UTC+0"


def test_fixed_offset_fallback_without_tzdata(monkeypatch):
    monkeypatch.setattr(dutytime, "zoneinfo", None)
    dutytime.get_zone.cache_clear()
    try:
        assert get_zone("Asia/Jayapura").utcoffset(None) == timedelta(hours=9)
        assert get_zone("Asia/Makassar").utcoffset(None) == timedelta(hours=8)
        assert get_zone("WIB").utcoffset(None) == timedelta(hours=7)
        assert get_zone("Europe/Berlin") is None
    finally:
        dutytime.get_zone.cache_clear()


# --- duty calendar ----------------------------------------------------------------------------------

HOLIDAYS = {date(2025, 3, 31): "Hari Raya Idul Fitri 1446 H", date(2025, 4, 2): "Cuti bersama Idul Fitri"}


def office(zone: str | None = "Asia/Jakarta", shifts=()) -> StaffMember:
    return StaffMember(NIP_A, "Rizky", "Lapas", "Staf", zone, "office", tuple(shifts))


def guard(zone="Asia/Makassar", position="Anggota Regu Pengamanan") -> StaffMember:
    pairs = [("2025-03-12T07:00:00+08:00", "2025-03-12T13:00:00+08:00"),
             ("2025-03-13T18:00:00+08:00", "2025-03-14T07:00:00+08:00")]
    return StaffMember(NIP_B, "Nur", "Rutan", position, zone, "shift", tuple((t(a), t(b)) for a, b in pairs))


@pytest.fixture
def cal():
    return DutyCalendar(default_config(), HOLIDAYS)


def test_office_hours_wib(cal):
    (s, e), = cal.duty_overlap(office(), t("2025-03-12T10:00:00+07:00"), t("2025-03-12T10:30:00+07:00"))
    assert s == t("2025-03-12T07:30:00+07:00") and e == t("2025-03-12T12:00:00+07:00")
    p, = cal.duty_periods(office(), t("2025-03-12T10:00:00+07:00"))
    assert p.describe() == "jam kantor Rabu 07.30-12.00 WIB"


@pytest.mark.parametrize("stamp,on", [
    # Perpres 21/2023 counts working hours without the breaks: by default 12.00-13.00, Friday 11.30-13.00
    ("2025-03-12T11:59:00+07:00", True), ("2025-03-12T12:15:00+07:00", False),
    ("2025-03-12T13:00:00+07:00", True), ("2025-03-14T11:45:00+07:00", False),
    ("2025-03-14T12:45:00+07:00", False), ("2025-03-14T16:15:00+07:00", True),
])
def test_the_lunch_break_is_not_duty_time(cal, stamp, on):
    assert cal.on_duty(office(), t(stamp)) is on


@pytest.mark.parametrize("zone,stamp,on", [
    # the same instant, three units: the unit's zone counts, not the activity's offset
    ("Asia/Jakarta", "2025-03-12T07:00:00+07:00", False),  # 07.00 WIB
    ("Asia/Makassar", "2025-03-12T07:00:00+07:00", True),  # 08.00 WITA
    ("Asia/Jayapura", "2025-03-12T07:00:00+07:00", True),  # 09.00 WIT
    ("Asia/Jakarta", "2025-03-12T15:30:00+07:00", True),  # 15.30 WIB
    ("Asia/Makassar", "2025-03-12T15:30:00+07:00", False),  # 16.30 WITA
    ("Asia/Jayapura", "2025-03-12T15:30:00+07:00", False),  # 17.30 WIT
    ("Asia/Jayapura", "2025-03-12T00:00:00Z", True),  # 09.00 WIT, given in UTC
    (None, "2025-03-12T08:00:00+07:00", True),  # no zone in the directory: default WIB
])
def test_time_zones(cal, zone, stamp, on):
    assert cal.on_duty(office(zone), t(stamp)) is on


def test_wita_and_wit_descriptions(cal):
    p, = cal.duty_periods(office("Asia/Makassar"), t("2025-03-12T09:00:00+08:00"))
    assert p.describe() == "jam kantor Rabu 07.30-12.00 WITA"
    p, = cal.duty_periods(office("Asia/Jayapura"), t("2025-03-14T09:00:00+09:00"))
    assert p.describe() == "jam kantor Jumat 07.30-11.30 WIT"
    assert p.start.utcoffset() == timedelta(hours=9)


def test_friday_ends_later(cal):
    assert cal.on_duty(office(), t("2025-03-14T16:15:00+07:00"))  # Friday
    assert not cal.on_duty(office(), t("2025-03-13T16:15:00+07:00"))  # Thursday
    assert not cal.on_duty(office(), t("2025-03-14T16:30:00+07:00"))  # end is exclusive


def test_boundaries_and_point_in_time(cal):
    m = office()
    assert cal.on_duty(m, t("2025-03-10T07:30:00+07:00"))
    assert not cal.on_duty(m, t("2025-03-10T16:00:00+07:00"))
    assert cal.duty_overlap(m, t("2025-03-10T16:00:00+07:00"), t("2025-03-10T17:00:00+07:00")) == []
    assert len(cal.duty_overlap(m, t("2025-03-10T07:00:00+07:00"), t("2025-03-10T07:31:00+07:00"))) == 1


def test_weekend_and_holidays_are_off(cal):
    m = office()
    assert not cal.on_duty(m, t("2025-03-15T10:00:00+07:00"))  # Saturday
    assert not cal.on_duty(m, t("2025-03-16T10:00:00+07:00"))  # Sunday
    assert not cal.on_duty(m, t("2025-03-31T10:00:00+07:00"))  # Idul Fitri (Monday)
    assert not cal.on_duty(m, t("2025-04-02T10:00:00+07:00"))  # cuti bersama (Wednesday)
    assert cal.on_duty(m, t("2025-04-08T10:00:00+07:00"))
    assert cal.off_reason(m, t("2025-03-31T10:00:00+07:00")) == "hari libur: Hari Raya Idul Fitri 1446 H"
    assert cal.off_reason(m, t("2025-03-15T10:00:00+07:00")) == "hari Sabtu, bukan hari kerja"


def test_stream_across_midnight_into_monday(cal):
    ov = cal.duty_overlap(office(), t("2025-03-09T23:00:00+07:00"), t("2025-03-10T08:00:00+07:00"))
    assert ov == [(t("2025-03-10T07:30:00+07:00"), t("2025-03-10T12:00:00+07:00"))]


def test_stream_over_several_days(cal):
    ov = cal.duty_overlap(office(), t("2025-03-13T12:00:00+07:00"), t("2025-03-17T08:00:00+07:00"))
    assert [s.day for s, _ in ov] == [13, 14, 14, 17]  # Friday before and after its break


def test_shift_staff_duty_is_roster_only(cal):
    g = guard()
    assert cal.on_duty(g, t("2025-03-12T10:00:00+08:00"))
    assert not cal.on_duty(g, t("2025-03-12T14:00:00+08:00"))  # office hours, but not their shift
    p, = cal.duty_periods(g, t("2025-03-12T10:00:00+08:00"))
    assert p.describe() == "regu pengamanan 07.00-13.00 WITA"


def test_overnight_shift(cal):
    g = guard()
    assert cal.on_duty(g, t("2025-03-14T02:00:00+08:00"))
    p, = cal.duty_periods(g, t("2025-03-14T02:00:00+08:00"))
    assert p.describe() == "regu pengamanan 18.00-07.00 WITA"
    assert "Kamis 13-03-2025 18.00 s.d. Jumat 14-03-2025 07.00 WITA" in p.describe_long()
    # crossing the end of the shift overlaps; starting at its end does not
    assert cal.duty_overlap(g, t("2025-03-14T06:30:00+08:00"), t("2025-03-14T07:30:00+08:00"))
    assert not cal.duty_overlap(g, t("2025-03-14T07:00:00+08:00"), t("2025-03-14T08:00:00+08:00"))
    # the same instant read from a WIB timestamp
    assert cal.on_duty(g, t("2025-03-14T01:00:00+07:00"))


def test_shift_staff_work_holidays_and_weekends(cal):
    g = StaffMember(NIP_B, "Nur", "Rutan", "Regu", "Asia/Makassar", "shift",
                    ((t("2025-03-31T07:00:00+08:00"), t("2025-03-31T13:00:00+08:00")),))
    assert cal.on_duty(g, t("2025-03-31T08:00:00+08:00"))


def test_stream_across_two_shifts():
    g = StaffMember(NIP_B, "Nur", "Rutan", "Regu", "Asia/Makassar", "shift",
                    ((t("2025-03-12T07:00:00+08:00"), t("2025-03-12T13:00:00+08:00")),
                     (t("2025-03-12T13:00:00+08:00"), t("2025-03-12T18:00:00+08:00"))))
    cal = DutyCalendar(default_config(), {})
    assert len(cal.duty_overlap(g, t("2025-03-12T12:30:00+08:00"), t("2025-03-12T13:30:00+08:00"))) == 2


def test_roster_coverage(cal):
    g = guard()
    assert cal.roster_covers(g, t("2025-03-12T20:00:00+08:00"))  # inside the roster's days, off shift
    assert cal.roster_covers(g, t("2025-03-14T20:00:00+08:00"))
    assert not cal.roster_covers(g, t("2025-03-20T10:00:00+08:00"))
    assert not cal.roster_covers(StaffMember(NIP_B, schedule="shift"), t("2025-03-12T10:00:00+08:00"))
    assert cal.roster_covers(office(), t("2030-01-01T10:00:00+07:00"))


def test_office_staff_piket_is_extra_duty(cal):
    m = office(shifts=[(t("2025-03-15T08:00:00+07:00"), t("2025-03-15T14:00:00+07:00"))])
    p, = cal.duty_periods(m, t("2025-03-15T09:00:00+07:00"))  # Saturday
    assert p.kind == "piket" and p.describe() == "piket 08.00-14.00 WIB"


def test_configurable_office_hours():
    cal = DutyCalendar(config(office_hours__saturday="08:00-12:00", office_hours__monday="08.00-15.30"), {})
    assert cal.on_duty(office(), t("2025-03-15T10:00:00+07:00"))
    assert not cal.on_duty(office(), t("2025-03-10T07:45:00+07:00"))
    assert cal.on_duty(office(), t("2025-03-10T15:15:00+07:00"))


def test_default_timezone_setting():
    cal = DutyCalendar(config(office_hours__default_timezone="Asia/Jayapura"), {})
    assert cal.zone_of(office(None)) == "Asia/Jayapura"
    assert cal.on_duty(office(None), t("2025-03-12T07:00:00+07:00"))  # 09.00 WIT


@pytest.mark.parametrize("value,needle", [("7.30-16", None), ("07:30-16:00,", None), ("", None),
                                          ("pagi", "format jam tidak sah"), ("08:00-08:00", "sama")])
def test_parse_hours(value, needle):
    if needle is None:
        parse_hours(value, "office_hours.monday")
    else:
        with pytest.raises(ValueError, match=needle):
            parse_hours(value, "office_hours.monday")


def test_bad_setting_is_named():
    with pytest.raises(ValueError, match="office_hours.friday"):
        DutyCalendar(config(office_hours__friday="jam 8"), {})
    with pytest.raises(ValueError, match="office_hours.default_timezone"):
        DutyCalendar(config(office_hours__default_timezone="WIB+1"), {})


# --- holidays as data --------------------------------------------------------------------------------

def test_bundled_holidays():
    data = json.loads(BUNDLED_HOLIDAYS.read_text(encoding="utf-8"))
    assert "verifikasi" in data["note"].lower() and data["verified"] is False
    h = load_holidays(BUNDLED_HOLIDAYS)
    assert {d.year for d in h} == {2024, 2025, 2026}
    assert h[date(2025, 8, 17)].startswith("Hari Kemerdekaan")
    assert h[date(2025, 12, 25)] == "Hari Raya Natal"
    assert any("Cuti bersama" in n for n in h.values())
    cal = DutyCalendar(default_config())  # holidays_file empty: the bundled list
    assert not cal.on_duty(office(), t("2025-12-25T10:00:00+07:00"))


def test_holidays_file_setting(tmp_path):
    path = write(tmp_path, "libur.csv", "date,name\n2025-03-12,Libur daerah\n")
    cal = DutyCalendar(config(holidays_file=path))
    assert not cal.on_duty(office(), t("2025-03-12T10:00:00+07:00"))
    assert cal.on_duty(office(), t("2025-12-25T10:00:00+07:00"))  # replaced, not merged


def test_holidays_json_list(tmp_path):
    path = write(tmp_path, "libur.json", [{"date": "2025-03-12", "name": "Libur daerah"}])
    assert load_holidays(path) == {date(2025, 3, 12): "Libur daerah"}


@pytest.mark.parametrize("name,content,needle", [
    ("libur.csv", "date,name\n2025-03-12,Satu\n2025-13-01,Dua\n", "libur.csv baris 3, kolom date: bukan tanggal"),
    ("libur.csv", "date,name\n2025-03-12,\n", "libur.csv baris 2, kolom name: wajib diisi"),
    ("libur.csv", "tanggal,nama\n", "kolom wajib tidak ada: date, name"),
    ("libur.json", '[{"date": "2025-03-12", "name": "A"}, {"name": "B"}]', "libur.json indeks 1, kolom date"),
    ("libur.json", '{"holidays": 3}', "harus daftar"),
    ("libur.json", "[", "bukan JSON"),
])
def test_holiday_file_errors(tmp_path, name, content, needle):
    with pytest.raises(HolidayError, match=needle):
        load_holidays(write(tmp_path, name, content))


def test_missing_holidays_file_is_an_error():
    with pytest.raises(HolidayError, match="tidak ditemukan"):
        DutyCalendar(config(holidays_file="/tidak/ada/libur.json"))


# --- office hours per time zone (setting office_hours.by_zone) -------------------------------------

PAPUA = {"Asia/Jayapura": {"friday": "07:30-15:00", "saturday": "08:00-12:00"}, "WITA": {"monday": ""}}


def test_by_zone_setting_exists_and_is_empty_by_default():
    from rambu.settings import SETTINGS
    (s,) = [s for s in SETTINGS if s.name == "office_hours.by_zone"]
    assert s.default == "" and "JSON" in s.help
    assert DutyCalendar(default_config(), {}).zone_hours == {}


def test_zone_override_applies_to_that_zone_only():
    cal = DutyCalendar(config(office_hours__by_zone=json.dumps(PAPUA)), {})
    # Friday 15.30 local: off in Jayapura (override ends 15.00), on in Jakarta and Makassar (global 16.30)
    assert not cal.on_duty(office("Asia/Jayapura"), t("2025-03-14T15:30:00+09:00"))
    assert cal.on_duty(office("Asia/Jakarta"), t("2025-03-14T15:30:00+07:00"))
    assert cal.on_duty(office("Asia/Makassar"), t("2025-03-14T15:30:00+08:00"))
    p, = cal.duty_periods(office("Asia/Jayapura"), t("2025-03-14T09:00:00+09:00"))
    assert p.describe() == "jam kantor Jumat 07.30-15.00 WIT"
    # Saturday: an office day in Jayapura only
    assert cal.on_duty(office("Asia/Jayapura"), t("2025-03-15T10:00:00+09:00"))
    assert not cal.on_duty(office("Asia/Jakarta"), t("2025-03-15T10:00:00+07:00"))
    assert cal.is_workday(date(2025, 3, 15), "Asia/Jayapura") and not cal.is_workday(date(2025, 3, 15))
    # weekdays the zone does not name keep the global hours
    assert cal.hours(0, "Asia/Jayapura") == cal.office_hours[0]
    assert cal.on_duty(office("Asia/Jayapura"), t("2025-03-10T15:30:00+09:00"))
    # "" = a day off in that zone: Monday in WITA (given as the alias WITA)
    assert not cal.on_duty(office("Asia/Makassar"), t("2025-03-10T10:00:00+08:00"))
    assert cal.off_reason(office("Asia/Makassar"), t("2025-03-10T10:00:00+08:00")) == "hari Senin, bukan hari kerja"
    assert cal.on_duty(office("Asia/Jakarta"), t("2025-03-10T10:00:00+07:00"))
    # shift staff are unaffected: their roster only
    assert not cal.on_duty(guard("Asia/Jayapura"), t("2025-03-15T10:00:00+09:00"))


def test_zone_override_other_names_of_the_zone():
    cal = DutyCalendar(config(office_hours__by_zone={"WIB": {"friday": "08:00-11:00"},
                                                     "Asia/Makassar": {"sunday": "09:00-10:00"}}), {})
    assert not cal.on_duty(office("Asia/Pontianak"), t("2025-03-14T12:00:00+07:00"))  # WIB too
    assert cal.on_duty(office("Asia/Ujung_Pandang"), t("2025-03-16T09:30:00+08:00"))  # WITA too
    assert not cal.on_duty(office(None), t("2025-03-14T12:00:00+07:00"))  # default zone Asia/Jakarta
    # a zone's own entry wins over the shared one
    cal = DutyCalendar(config(office_hours__by_zone={"WIB": {"friday": "08:00-11:00"},
                                                     "Asia/Pontianak": {"friday": "07:00-17:00"}}), {})
    assert cal.on_duty(office("Asia/Pontianak"), t("2025-03-14T12:00:00+07:00"))


def test_zone_hours_indonesian_day_names_and_canonical_json():
    parsed = dutytime.parse_zone_hours('{"WIT": {"Jumat": "7.30-15", "sabtu": ""}}')
    assert dutytime.zone_hours_json(parsed) == '{"Asia/Jayapura": {"friday": "07:30-15:00", "saturday": ""}}'
    assert dutytime.parse_zone_hours("") == dutytime.parse_zone_hours(None) == dutytime.parse_zone_hours("{}") == {}


@pytest.mark.parametrize("value,needles", [
    ("{", ["office_hours.by_zone", "bukan JSON"]),
    ('["Asia/Jayapura"]', ["office_hours.by_zone", "objek JSON"]),
    ('{"Asia/Papua": {"friday": "07:30-15:00"}}', ["zona waktu tidak dikenal", "Asia/Papua"]),
    ('{"Asia/Jayapura": "07:30-15:00"}', ["zona Asia/Jayapura (WIT)", "objek {hari: jam}"]),
    ('{"Asia/Jayapura": {"jumaat": "07:30-15:00"}}', ["zona Asia/Jayapura (WIT)", "hari tidak dikenal", "jumaat"]),
    ('{"WIT": {"friday": "jam 8"}}', ["zona Asia/Jayapura (WIT), hari friday (Jumat)", "format jam tidak sah"]),
    ('{"WITA": {"monday": "08:00-08:00"}}', ["zona Asia/Makassar (WITA), hari monday (Senin)", "sama"]),
    ('{"WITA": {"monday": 8}}', ["zona Asia/Makassar (WITA), hari monday (Senin)"]),
    ('{"WIT": {}, "Asia/Jayapura": {}}', ["disebut dua kali"]),
    ('{"WIT": {"friday": "", "jumat": ""}}', ["hari friday (Jumat): disebut dua kali"]),
])
def test_bad_zone_hours_are_named(value, needles):
    with pytest.raises(ValueError) as e:
        DutyCalendar(config(office_hours__by_zone=value), {})
    for needle in needles:
        assert needle in str(e.value), str(e.value)


def test_zone_hours_from_a_settings_file_reach_rule7(tmp_path):
    from rambu.engine import Screener
    from rambu.settings import load_config
    toml = tmp_path / "rambu.toml"
    toml.write_text('[settings]\n"office_hours.by_zone" = \'{"Asia/Jayapura": {"friday": "07:30-11:00"}}\'\n',
                    encoding="utf-8")
    cfg = load_config(toml)
    staff = StaffDirectory.from_records([
        {"nip": NIP_C, "name": "Yohanes", "unit": "Lapas Jayapura", "position": "Staf", "timezone": "Asia/Jayapura",
         "schedule": "office"}])
    screener = Screener(cfg, staff=staff, classifier=None, ocr=None)
    assert screener.resources.calendar.zone_hours["Asia/Jayapura"][4]
    live = {"id": "l1", "type": "live", "created_at": "2025-03-14T13:00:00+09:00", "author": {"nip": NIP_C},
            "text": "Live santai ngobrol sama followers",
            "live": {"started_at": "2025-03-14T13:00:00+09:00", "ended_at": "2025-03-14T13:40:00+09:00"}}
    base = Screener(default_config(), staff=staff, classifier=None, ocr=None)

    def rule7(s):
        (f,) = [f for f in s.screen(live).findings if f.rule == 7]
        return f

    # the global Friday hours (to 16.30): a violation in duty time
    assert dict(rule7(base).extra)["on_duty"] is True and not rule7(base).needs_review
    # Jayapura's Friday ends at 11.00: 13.00 WIT is off duty (at most a question about the uniform)
    f = rule7(screener)
    assert dict(f.extra)["on_duty"] is False and f.needs_review
