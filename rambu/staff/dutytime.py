"""Duty time of a staff member: office hours, roster shifts, holidays, time zones.

Duty time is computed in the local time of the person's unit (the staff
directory's ``timezone``, else the setting ``office_hours.default_timezone``),
never in the UTC offset an activity happens to carry.

- ``office`` staff: the configured office hours per weekday (settings
  ``office_hours.monday`` .. ``office_hours.sunday``, e.g. "07:30-12:00,13:00-16:00",
  empty = day off; by default without the lunch break, which Perpres 21/2023 does
  not count as working time), except on listed national holidays and collective leave (cuti
  bersama). Shifts listed for an office employee (piket) are extra duty.
  A time zone may override some weekdays: the setting ``office_hours.by_zone``
  holds a JSON object ``{"Asia/Jayapura": {"friday": "07:30-16:00", "saturday": ""}}``
  (zone -> weekday -> hours, "" = off); the weekdays it does not name keep the
  global value. Units in Asia/Pontianak (WIB) or Asia/Ujung_Pandang (WITA) use
  the override of Asia/Jakarta or Asia/Makassar unless they have their own.
- ``shift`` staff (guard teams, regu pengamanan): their roster shifts only;
  holidays and weekends do not matter.

Holidays are data (``holidays.json`` beside this module, or the file named by
the ``holidays_file`` setting), never code: they are set each year by a joint
decree (SKB).
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

if TYPE_CHECKING:  # pragma: no cover
    from ..settings import Config
    from .directory import StaffMember

try:
    import zoneinfo
except ImportError:  # pragma: no cover - Python < 3.9
    zoneinfo = None  # type: ignore[assignment]

BUNDLED_HOLIDAYS = Path(__file__).with_name("holidays.json")

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

# Indonesian zones; no daylight saving, so fixed offsets are exact (fallback without tzdata).
_FIXED = {"Asia/Jakarta": 7, "Asia/Pontianak": 7, "Asia/Makassar": 8, "Asia/Ujung_Pandang": 8,
          "Asia/Jayapura": 9}
ABBREV = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA",
          "Asia/Ujung_Pandang": "WITA", "Asia/Jayapura": "WIT"}
# Accepted spellings in the directory, mapped to the IANA name.
ALIASES = {"WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"}


# --- time zones -----------------------------------------------------------------------------

@lru_cache(maxsize=256)
def get_zone(name: str) -> tzinfo | None:
    """The tzinfo of an IANA name (or WIB/WITA/WIT), None when unknown."""
    if not isinstance(name, str) or not name.strip():
        return None
    name = ALIASES.get(name.strip().upper(), name.strip())
    if zoneinfo is not None:
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError, OSError):
            pass
    if name in _FIXED:  # tzdata missing: Indonesian zones have fixed offsets
        return timezone(timedelta(hours=_FIXED[name]), ABBREV[name])
    if name.upper() == "UTC":
        return timezone.utc
    return None


def canonical_zone(name: str) -> str | None:
    """The IANA name to store for a directory value (aliases resolved), None when unknown."""
    if get_zone(name) is None:
        return None
    return ALIASES.get(name.strip().upper(), name.strip())


def zone_label(name: str, when: datetime | None = None) -> str:
    """Display name of a zone: WIB, WITA, WIT, else its abbreviation or UTC offset."""
    if name in ABBREV:
        return ABBREV[name]
    tz = get_zone(name)
    if tz is None:
        return name
    t = (when or datetime(2025, 1, 1, tzinfo=timezone.utc)).astimezone(tz)
    off = t.utcoffset() or timedelta(0)
    minutes = int(off.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    h, m = divmod(abs(minutes), 60)
    return f"UTC{sign}{h}" + (f":{m:02d}" if m else "")


_OFFSET_LABEL = {7 * 60: "WIB", 8 * 60: "WITA", 9 * 60: "WIT"}


def offset_label(when: datetime) -> str:
    """WIB/WITA/WIT for +07/+08/+09 offsets, else "UTC+5:30" style."""
    off = when.utcoffset() or timedelta(0)
    minutes = int(off.total_seconds() // 60)
    if minutes in _OFFSET_LABEL:
        return _OFFSET_LABEL[minutes]
    sign = "+" if minutes >= 0 else "-"
    h, m = divmod(abs(minutes), 60)
    return f"UTC{sign}{h}" + (f":{m:02d}" if m else "")


def hhmm(t: datetime | time) -> str:
    """Indonesian clock notation: 07.30."""
    return f"{t.hour:02d}.{t.minute:02d}"


# --- holidays -------------------------------------------------------------------------------

class HolidayError(ValueError):
    """A bad holidays file or row; the message names file, row and field in Indonesian."""


def load_holidays(path: str | Path) -> dict[date, str]:
    """Holidays from JSON (a list of {date, name}, or {"holidays": [...]}) or CSV (`date,name`).

    Raises HolidayError naming the file, the row (JSON index or CSV line) and the field.
    """
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise HolidayError(f"{path}: berkas hari libur tidak ditemukan") from None
    except (OSError, UnicodeDecodeError) as e:
        raise HolidayError(f"{path}: berkas hari libur tidak dapat dibaca ({e})") from None
    rows: list[tuple[str, Any]] = []  # (row label, record)
    if p.suffix.lower() == ".csv" or (p.suffix.lower() != ".json" and not raw.lstrip().startswith(("[", "{"))):
        reader = csv.DictReader(raw.splitlines())
        cols = [c.strip() for c in (reader.fieldnames or [])]
        missing = [c for c in ("date", "name") if c not in cols]
        if missing:
            raise HolidayError(f"{path}: kolom wajib tidak ada: {', '.join(missing)} (kolom: date,name)")
        for rec in reader:
            rows.append((f"baris {reader.line_num}", {(k or "").strip(): v for k, v in rec.items()}))
    else:
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as e:
            raise HolidayError(f"{path}: bukan JSON yang sah (baris {e.lineno}, kolom {e.colno}: {e.msg})") from None
        if isinstance(data, dict):
            data = data.get("holidays")
        if not isinstance(data, list):
            raise HolidayError(f"{path}: harus daftar JSON berisi {{date, name}} atau objek dengan kunci 'holidays'")
        rows = [(f"indeks {i}", rec) for i, rec in enumerate(data)]
    out: dict[date, str] = {}
    for where, rec in rows:
        if not isinstance(rec, dict):
            raise HolidayError(f"{path} {where}: harus objek {{date, name}}")
        d = rec.get("date")
        if not isinstance(d, str) or not d.strip():
            raise HolidayError(f"{path} {where}, kolom date: wajib diisi (YYYY-MM-DD)")
        try:
            day = date.fromisoformat(d.strip())
        except ValueError:
            raise HolidayError(f"{path} {where}, kolom date: bukan tanggal YYYY-MM-DD ({d[:40]!r})") from None
        name = rec.get("name")
        if not isinstance(name, str) or not name.strip():
            raise HolidayError(f"{path} {where}, kolom name: wajib diisi")
        out[day] = f"{out[day]}; {name.strip()}" if day in out and out[day] != name.strip() else name.strip()
    return out


@lru_cache(maxsize=8)
def _cached_holidays(path: str, mtime: float) -> Mapping[date, str]:
    return load_holidays(path)


def holidays_from_config(config: "Config | None") -> Mapping[date, str]:
    """The `holidays_file` setting's holidays, or the bundled list when the setting is empty."""
    path = (config.get("holidays_file", "") if config is not None else "") or str(BUNDLED_HOLIDAYS)
    try:
        mtime = Path(path).stat().st_mtime
    except OSError:
        return load_holidays(path)  # raises HolidayError naming the file
    return _cached_holidays(str(path), mtime)


# --- office hours ---------------------------------------------------------------------------

RAMADAN_HOURS = ("ramadan.hours", "ramadan.friday_hours")


def parse_date_ranges(value: Any, setting: str = "ramadan.dates") -> tuple[tuple[date, date], ...]:
    """ "2025-03-01..2025-03-30, 2026-02-19..2026-03-20" -> inclusive (first, last) ranges ("" = none)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ()
    if not isinstance(value, str):
        raise ValueError(f"{setting}: harus teks seperti '2025-03-01..2025-03-30', bukan {value!r}")
    out = []
    for part in value.split(","):
        a, sep, b = part.strip().partition("..")
        try:
            first, last = date.fromisoformat(a.strip()), date.fromisoformat(b.strip())
        except ValueError:
            raise ValueError(f"{setting}: rentang tidak sah {part.strip()[:40]!r} (contoh: 2025-03-01..2025-03-30)") from None
        if not sep or last < first:
            raise ValueError(f"{setting}: rentang tidak sah {part.strip()[:40]!r} (tanggal akhir sebelum awal)")
        out.append((first, last))
    return tuple(out)


def parse_hours(value: Any, setting: str = "office_hours") -> tuple[tuple[time, time], ...]:
    """ "07:30-16:00" (or "07.30-16.00"; several ranges comma-separated; "" = off) -> ranges.

    A range whose end is not after its start runs past midnight ("22:00-06:00").
    """
    if value is None:
        return ()
    if not isinstance(value, str):
        raise ValueError(f"{setting}: harus teks jam seperti '07:30-16:00', bukan {value!r}")
    out = []
    for part in value.split(","):
        part = part.strip()
        if not part:
            continue
        try:
            a, b = (x.strip().replace(".", ":") for x in part.split("-"))
            ta, tb = time.fromisoformat(_pad(a)), time.fromisoformat(_pad(b))
        except ValueError:
            raise ValueError(f"{setting}: format jam tidak sah ({part!r}); contoh: '07:30-16:00'") from None
        if ta == tb:
            raise ValueError(f"{setting}: jam mulai dan selesai sama ({part!r})")
        out.append((ta, tb))
    return tuple(out)


BY_ZONE = "office_hours.by_zone"
# Indonesian day names accepted as keys of office_hours.by_zone besides the English ones.
_HARI_KEYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5, "minggu": 6,
              "ahad": 6}


def parse_zone_hours(value: Any, setting: str = BY_ZONE) -> dict[str, dict[int, tuple[tuple[time, time], ...]]]:
    """The per-zone office hours: JSON text (or a mapping) ``{zone: {weekday: "HH:MM-HH:MM" | ""}}``.

    Returns {IANA zone: {weekday index: ranges}}; "" / None / {} = no overrides. Zones
    may be IANA names or WIB/WITA/WIT; weekdays English (monday ... sunday) or
    Indonesian (senin ... minggu). Errors (ValueError, Indonesian) name the zone and
    the weekday.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return {}
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as e:
            raise ValueError(f"{setting}: bukan JSON yang sah (kolom {e.colno}: {e.msg}); contoh: "
                             '{"Asia/Jayapura": {"friday": "07:30-16:00", "saturday": ""}}') from None
    if not isinstance(value, Mapping):
        raise ValueError(f"{setting}: harus objek JSON {{zona waktu: {{hari: jam}}}}; contoh: "
                         '{"Asia/Jayapura": {"friday": "07:30-16:00", "saturday": ""}}')
    out: dict[str, dict[int, tuple[tuple[time, time], ...]]] = {}
    for zone, days in value.items():
        name = canonical_zone(zone) if isinstance(zone, str) else None
        if name is None:
            raise ValueError(f"{setting}: zona waktu tidak dikenal ({zone!r}); contoh: Asia/Jakarta (WIB), "
                             "Asia/Makassar (WITA), Asia/Jayapura (WIT)")
        where = f"{setting}, zona {name}" + (f" ({ABBREV[name]})" if name in ABBREV else "")
        if name in out:
            raise ValueError(f"{where}: zona disebut dua kali ({zone!r})")
        if not isinstance(days, Mapping):
            raise ValueError(f"{where}: harus objek {{hari: jam}}, mis. {{\"friday\": \"07:30-16:00\"}}")
        hours: dict[int, tuple[tuple[time, time], ...]] = {}
        for day, spec in days.items():
            key = day.strip().lower() if isinstance(day, str) else day
            i = WEEKDAYS.index(key) if key in WEEKDAYS else _HARI_KEYS.get(key) if isinstance(key, str) else None
            if i is None:
                raise ValueError(f"{where}: hari tidak dikenal ({day!r}); gunakan {', '.join(WEEKDAYS)}")
            if i in hours:
                raise ValueError(f"{where}, hari {WEEKDAYS[i]} ({HARI[i]}): disebut dua kali")
            hours[i] = parse_hours("" if spec is None else spec, f"{where}, hari {WEEKDAYS[i]} ({HARI[i]})")
        out[name] = hours
    return out


def zone_hours_json(overrides: Mapping[str, Mapping[int, tuple[tuple[time, time], ...]]]) -> str:
    """The canonical JSON text of parsed per-zone hours ("" when there are none)."""
    data = {zone: {WEEKDAYS[i]: format_hours(r) for i, r in sorted(days.items())}
            for zone, days in overrides.items() if days}
    return json.dumps(data, ensure_ascii=False, sort_keys=True) if data else ""


def format_hours(ranges: Iterable[tuple[time, time]]) -> str:
    """ranges -> "07:30-16:00" ("" = off)."""
    return ",".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in ranges)


def _pad(s: str) -> str:
    h, _, m = s.partition(":")
    if not h.isdigit() or (m and not m.isdigit()):
        raise ValueError(s)
    return f"{int(h):02d}:{m or '00'}"


# --- duty periods ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DutyPeriod:
    """One stretch of duty, in the local time of the member's unit."""

    start: datetime
    end: datetime
    kind: str  # "office" (jam kantor) | "shift" (regu, roster) | "piket" (office staff's extra roster duty)
    zone: str  # IANA name of the unit's time zone
    team: str = "regu pengamanan"  # how a shift is named in explanations

    @property
    def zone_label(self) -> str:
        return zone_label(self.zone, self.start)

    @property
    def hours(self) -> str:
        """ "07.30-16.00 WITA" (overnight: "18.00-07.00 WITA")."""
        return f"{hhmm(self.start)}-{hhmm(self.end)} {self.zone_label}"

    @property
    def label(self) -> str:
        if self.kind == "office":
            return f"jam kantor {HARI[self.start.weekday()]}"
        if self.kind == "piket":
            return "piket"
        return self.team

    def describe(self) -> str:
        """ "jam kantor Rabu 07.30-16.00 WITA", "regu pengamanan 07.00-13.00 WITA"."""
        return f"{self.label} {self.hours}"

    def describe_long(self) -> str:
        """With the date: "jam kantor Rabu 12-03-2025 07.30-16.00 WITA"."""
        s, e = self.start, self.end
        if s.date() == e.date() or (e - s <= timedelta(days=1) and e.time() == time(0)):
            when = f"{HARI[s.weekday()]} {s:%d-%m-%Y} {hhmm(s)}-{hhmm(e)}"
        else:
            when = f"{HARI[s.weekday()]} {s:%d-%m-%Y} {hhmm(s)} s.d. {HARI[e.weekday()]} {e:%d-%m-%Y} {hhmm(e)}"
        label = "jam kantor" if self.kind == "office" else self.label
        return f"{label} {when} {self.zone_label}"

    def overlap(self, start: datetime, end: datetime | None = None) -> timedelta:
        """Length of the overlap with [start, end) (zero for a point in time inside the period)."""
        end = start if end is None else end
        return max(timedelta(0), min(self.end, end) - max(self.start, start))


_TEAM_WORDS = ("pengamanan", "jaga", "p2u", "kamtib", "keamanan", "penjagaan", "pengawal")


def team_name(position: str | None) -> str:
    pos = (position or "").lower()
    if not pos or any(w in pos for w in _TEAM_WORDS):
        return "regu pengamanan"
    return "dinas regu (shift)"


class DutyCalendar:
    """Office hours per weekday (and per time zone), default time zone and holidays; duty periods of a member.

    `config` is a rambu Config (or None for the defaults); `holidays` maps dates to
    names (or is an iterable of (date, name) / {date, name}); None = from the config's
    `holidays_file`, else the bundled list.
    """

    MAX_DAYS = 400  # longest span examined (a stream "lasting" longer is bad data)

    def __init__(self, config: "Config | None" = None, holidays: Any = None):
        if config is None:
            from ..settings import default_config
            config = default_config()
        self.config = config
        self.office_hours: dict[int, tuple[tuple[time, time], ...]] = {
            i: parse_hours(config.get(f"office_hours.{day}", ""), f"office_hours.{day}")
            for i, day in enumerate(WEEKDAYS)}
        # per-zone overrides: {IANA zone: {weekday: ranges}}; weekdays not named use office_hours above
        self.zone_hours = parse_zone_hours(config.get(BY_ZONE, ""), BY_ZONE)
        tzname = config.get("office_hours.default_timezone", "Asia/Jakarta") or "Asia/Jakarta"
        if get_zone(tzname) is None:
            raise ValueError(f"office_hours.default_timezone: zona waktu tidak dikenal ({tzname!r})")
        self.default_timezone: str = canonical_zone(tzname) or tzname
        self.holidays: Mapping[date, str] = _holiday_map(holidays_from_config(config) if holidays is None else holidays)
        self.ramadan = parse_date_ranges(config.get("ramadan.dates", ""))
        self.ramadan_hours = tuple(parse_hours(config.get(name, ""), name) for name in RAMADAN_HOURS)

    @classmethod
    def from_config(cls, config: "Config | None" = None) -> "DutyCalendar":
        return cls(config, None)

    # -- facts
    def zone_of(self, member: "StaffMember | None") -> str:
        tz = getattr(member, "timezone", None)
        return tz if tz and get_zone(tz) is not None else self.default_timezone

    def holiday(self, day: date) -> str | None:
        """The holiday's name, or None."""
        return self.holidays.get(day)

    def _overrides(self, zone: str | None) -> Mapping[int, tuple[tuple[time, time], ...]]:
        if not zone or not self.zone_hours:
            return {}
        if zone in self.zone_hours:
            return self.zone_hours[zone]
        # another name of the same Indonesian zone (Asia/Pontianak -> WIB = Asia/Jakarta, ...)
        canon = canonical_zone(zone)
        if canon in self.zone_hours:
            return self.zone_hours[canon]
        abbrev = ABBREV.get(canon or zone)
        return self.zone_hours.get(ALIASES.get(abbrev or ""), {})

    def hours(self, weekday: int, zone: str | None = None) -> tuple[tuple[time, time], ...]:
        """Office hours of a weekday (0 = Monday) in `zone`: the zone's override, else the global value."""
        own = self._overrides(zone)
        return own[weekday] if weekday in own else self.office_hours[weekday]

    def in_ramadan(self, day: date) -> bool:
        return any(a <= day <= b for a, b in self.ramadan)

    def day_hours(self, day: date, zone: str | None = None) -> tuple[tuple[time, time], ...]:
        """Office hours of a date: Ramadan's on a workday inside the month, else the weekday's."""
        normal = self.hours(day.weekday(), zone)
        if normal and self.ramadan and self.in_ramadan(day):
            return self.ramadan_hours[1 if day.weekday() == 4 else 0] or normal
        return normal

    def is_workday(self, day: date, zone: str | None = None) -> bool:
        return bool(self.hours(day.weekday(), zone)) and day not in self.holidays

    # -- periods
    def office_periods(self, zone: str, start: datetime, end: datetime | None = None) -> list[DutyPeriod]:
        """Office-hour periods, in `zone`, that overlap [start, end) (or contain `start`)."""
        tz = get_zone(zone) or get_zone(self.default_timezone)
        end = start if end is None else end
        ls, le = start.astimezone(tz), end.astimezone(tz)
        first = ls.date() - timedelta(days=1)  # a range running past midnight starts the day before
        days = min((le.date() - first).days, self.MAX_DAYS)
        out = []
        for k in range(days + 1):
            d = first + timedelta(days=k)
            if d in self.holidays:
                continue
            for a, b in self.day_hours(d, zone):
                ps = datetime.combine(d, a, tz)
                pe = datetime.combine(d + timedelta(days=1) if b <= a else d, b, tz)
                p = DutyPeriod(ps, pe, "office", zone)
                if _hits(p.start, p.end, start, end):
                    out.append(p)
        return out

    def shift_periods(self, member: "StaffMember", start: datetime, end: datetime | None = None) -> list[DutyPeriod]:
        zone = self.zone_of(member)
        tz = get_zone(zone)
        end = start if end is None else end
        kind = "shift" if member.schedule == "shift" else "piket"
        team = team_name(getattr(member, "position", None))
        return [DutyPeriod(s.astimezone(tz), e.astimezone(tz), kind, zone, team)
                for s, e in member.shifts if _hits(s, e, start, end)]

    def duty_periods(self, member: "StaffMember", start: datetime, end: datetime | None = None) -> list[DutyPeriod]:
        """Duty periods of `member` overlapping [start, end) (end None = the point `start`), in order."""
        if end is not None and end < start:
            raise ValueError("end lebih awal dari start")
        out = self.shift_periods(member, start, end)
        if member.schedule != "shift":
            out += self.office_periods(self.zone_of(member), start, end)
        return sorted(out, key=lambda p: (p.start, p.end))

    def duty_overlap(self, member: "StaffMember", start: datetime,
                     end: datetime | None = None) -> list[tuple[datetime, datetime]]:
        """(start, end) of the duty intervals overlapping [start, end), in the unit's local time."""
        return [(p.start, p.end) for p in self.duty_periods(member, start, end)]

    def on_duty(self, member: "StaffMember", when: datetime) -> bool:
        return bool(self.duty_periods(member, when))

    def roster_covers(self, member: "StaffMember", start: datetime, end: datetime | None = None) -> bool:
        """Whether duty time is known for [start, end).

        Always true for office staff. For shift staff the roster covers the local
        calendar days from its first shift's start to its last shift's end; outside
        them (or with no roster) on/off duty cannot be decided.
        """
        if member.schedule != "shift":
            return True
        if not member.shifts:
            return False
        tz = get_zone(self.zone_of(member))
        end = start if end is None else end
        first = min(s for s, _ in member.shifts).astimezone(tz).date()
        last = max(e for _, e in member.shifts).astimezone(tz).date()
        lo = datetime.combine(first, time(0), tz)
        hi = datetime.combine(last + timedelta(days=1), time(0), tz)
        return lo <= start and end <= hi

    def describe_time(self, member: "StaffMember | None", when: datetime) -> str:
        """ "Rabu 12-03-2025 10.00 WITA" in the member's zone; without a member, in `when`'s own offset."""
        if member is None:
            return f"{HARI[when.weekday()]} {when:%d-%m-%Y} {hhmm(when)} {offset_label(when)}"
        zone = self.zone_of(member)
        t = when.astimezone(get_zone(zone))
        return f"{HARI[t.weekday()]} {t:%d-%m-%Y} {hhmm(t)} {zone_label(zone, t)}"

    def off_reason(self, member: "StaffMember", when: datetime) -> str:
        """Why `when` is off duty, in Indonesian ("hari libur nasional: Hari Raya Natal", "hari Sabtu", ...)."""
        zone = self.zone_of(member)
        t = when.astimezone(get_zone(zone))
        if member.schedule == "shift":
            return "di luar jadwal regu"
        name = self.holiday(t.date())
        if name:
            return f"hari libur: {name}"
        if not self.hours(t.weekday(), zone):
            return f"hari {HARI[t.weekday()]}, bukan hari kerja"
        if self.in_ramadan(t.date()):
            r = self.day_hours(t.date(), zone)
            return f"di luar jam kantor Ramadan ({hhmm(r[0][0])}-{hhmm(r[-1][1])})"
        return "di luar jam kantor"


def _hits(ps: datetime, pe: datetime, start: datetime, end: datetime) -> bool:
    """Period [ps, pe) overlaps [start, end); a point (start == end) must lie inside it."""
    if start == end:
        return ps <= start < pe
    return ps < end and start < pe


def _holiday_map(holidays: Any) -> Mapping[date, str]:
    if isinstance(holidays, Mapping):
        items: Iterable = holidays.items()
    else:
        items = ((h.get("date"), h.get("name", "")) if isinstance(h, dict) else h for h in holidays)
    out: dict[date, str] = {}
    for d, name in items:
        if isinstance(d, datetime):
            d = d.date()
        elif isinstance(d, str):
            d = date.fromisoformat(d.strip())
        if not isinstance(d, date):
            raise ValueError(f"hari libur: tanggal tidak sah ({d!r})")
        out[d] = str(name or "hari libur")
    return out
