"""The one table of settings in the database: the engine's settings plus the application's own.

Engine settings (`rambu.settings.SETTINGS`) keep their names; the application
adds case deadlines (working days per step), sign-in rules and batch limits.
Public holidays live in their own table and reach the engine as a file.
"""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import Any, Callable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..settings import SETTINGS as ENGINE_SETTINGS, Config
from . import audit
from .access import Actor, Invalid
from .models import Holiday, Setting, utcnow


@dataclass(frozen=True)
class AppSetting:
    name: str
    default: Any
    help: str


STAGES: tuple[tuple[str, str, int], ...] = (
    # (key, label, default deadline in working days) -- Ditjenpas complaint and ethics procedure
    ("diterima", "Pengaduan diterima", 1),
    ("pemeriksaan_awal", "Pemeriksaan awal (syarat formal dan materiil)", 3),
    ("pemeriksaan_bukti", "Pemeriksaan bukti", 10),
    ("rekomendasi_sidang", "Rekomendasi sidang kode etik", 5),
    ("pemanggilan", "Rapat persiapan, perintah sidang dan pemanggilan", 5),
    ("pembelaan", "Keterangan dan pembelaan pegawai", 5),
    ("sidang", "Sidang kode etik dan berita acara", 5),
    ("putusan", "Putusan majelis kode etik", 3),
)
STAGE_LABELS = {k: label for k, label, _ in STAGES} | {"selesai": "Selesai"}

APP_SETTINGS: tuple[AppSetting, ...] = (
    *(AppSetting(f"deadline.{k}", d, f"Batas waktu tahap '{label}' dalam hari kerja (belum diverifikasi: sesuaikan).")
      for k, label, d in STAGES),
    AppSetting("auth.max_failures", 5, "Jumlah gagal masuk berturut-turut sebelum akun dikunci."),
    AppSetting("auth.lockout_minutes", 15, "Lama penguncian akun setelah gagal masuk berulang (menit)."),
    AppSetting("auth.session_hours", 12, "Lama sesi masuk berlaku (jam)."),
    AppSetting("batch.max_upload_mb", 200, "Ukuran maksimum satu unggahan batch (MB)."),
    AppSetting("batch.screen_chunk", 50, "Jumlah baris yang disaring dan disimpan per transaksi."),
    AppSetting("review.default_min_confidence", 0.0, "Keyakinan minimum bawaan antrean tinjauan."),
    AppSetting("org.name", "Direktorat Jenderal Pemasyarakatan", "Nama instansi pada surat dan laporan."),
    AppSetting("engine.lists", {}, "Daftar kata tambahan operator per detektor, mis. {\"rule6\": {\"sensitive_places\": [\"Blok Mawar\"]}}."),
)
_APP = {s.name: s for s in APP_SETTINGS}
_ENGINE = {s.name: s for s in ENGINE_SETTINGS}
ZONE_HOURS = "office_hours.by_zone"  # per-zone office hours (JSON text), see rambu.staff.dutytime
REVISION_KEY = "_engine_revision"  # bumped whenever something the Screener is built from changes


def definitions() -> list[dict[str, Any]]:
    out = [{"name": s.name, "default": s.default, "help": s.help, "group": "engine"} for s in ENGINE_SETTINGS]
    out += [{"name": s.name, "default": s.default, "help": s.help, "group": s.name.split(".")[0]} for s in APP_SETTINGS]
    return out


def stored(s: Session) -> dict[str, Any]:
    return {r.key: r.value for r in s.scalars(select(Setting))}


def values(s: Session) -> dict[str, Any]:
    st = stored(s)
    out = {d["name"]: d["default"] for d in definitions()}
    out.update({k: v for k, v in st.items() if k in out})
    return out


def get(s: Session, name: str) -> Any:
    row = s.get(Setting, name)
    if row is not None:
        return row.value
    d = _APP.get(name) or _ENGINE.get(name)
    if d is None:
        raise KeyError(name)
    return d.default


def _coerce(name: str, value: Any) -> Any:
    d = _APP.get(name) or _ENGINE.get(name)
    if d is None:
        raise Invalid(f"pengaturan tidak dikenal: {name}")
    default = d.default
    if name == ZONE_HOURS:
        return _zone_hours(value)
    if value is None or value == "":
        if default is None or isinstance(default, str):
            return None if default is None else ""
        raise Invalid(f"{name}: wajib diisi")
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                if value.lower() not in ("true", "false", "1", "0", "ya", "tidak", "on", "off"):
                    raise ValueError
                return value.lower() in ("true", "1", "ya", "on")
            return bool(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float) or default is None:
            v = float(value)
            if name.endswith("threshold") and not 0 <= v <= 1:
                raise Invalid(f"{name}: harus antara 0 dan 1")
            return v
        if isinstance(default, dict):
            v = json.loads(value) if isinstance(value, str) else value
            if not isinstance(v, dict):
                raise ValueError
            return v
        return str(value)
    except Invalid:
        raise
    except (TypeError, ValueError):
        raise Invalid(f"{name}: nilai tidak sah ({str(value)[:60]!r})") from None


def _zone_hours(value: Any) -> str:
    """office_hours.by_zone: JSON text or an object -> canonical JSON text ("" = no overrides)."""
    from ..staff.dutytime import parse_zone_hours, zone_hours_json
    try:
        return zone_hours_json(parse_zone_hours(value, ZONE_HOURS))
    except ValueError as e:
        raise Invalid(str(e)) from None


def update_settings(s: Session, actor: Actor, changes: dict[str, Any]) -> dict[str, Any]:
    actor.require("admin")
    clean = {k: _coerce(k, v) for k, v in changes.items()}
    if any(k.startswith("office_hours.") for k in clean):
        from ..staff.dutytime import parse_hours
        for k, v in clean.items():
            if k.startswith("office_hours.") and k not in ("office_hours.default_timezone", ZONE_HOURS):
                try:
                    parse_hours(v, k)
                except ValueError as e:
                    raise Invalid(str(e)) from None
    for k, v in clean.items():
        row = s.get(Setting, k)
        old = row.value if row else get(s, k)
        if row is None:
            s.add(Setting(key=k, value=v, updated_by=actor.id))
        else:
            row.value, row.updated_at, row.updated_by = v, utcnow(), actor.id
        audit.record(s, actor, "settings.update", "setting", k, detail={"old": old, "new": v})
    bump_revision(s)
    return values(s)


def bump_revision(s: Session) -> None:
    row = s.get(Setting, REVISION_KEY)
    if row is None:
        s.add(Setting(key=REVISION_KEY, value=1))
    else:
        row.value = int(row.value or 0) + 1
        row.updated_at = utcnow()


def revision(s: Session) -> int:
    row = s.get(Setting, REVISION_KEY)
    return int(row.value) if row else 0


# --- holidays ------------------------------------------------------------------------------------

def holidays(s: Session) -> list[dict]:
    return [{"date": h.day.isoformat(), "name": h.name} for h in s.scalars(select(Holiday).order_by(Holiday.day))]


def set_holiday(s: Session, actor: Actor, day: str, name: str) -> None:
    actor.require("admin")
    try:
        d = date.fromisoformat(day.strip())
    except (ValueError, AttributeError):
        raise Invalid(f"tanggal tidak sah: {day!r} (YYYY-MM-DD)") from None
    if not name or not name.strip():
        raise Invalid("nama hari libur wajib diisi")
    row = s.get(Holiday, d)
    if row:
        row.name = name.strip()
    else:
        s.add(Holiday(day=d, name=name.strip()))
    audit.record(s, actor, "holiday.set", "holiday", d.isoformat(), detail={"name": name.strip()})
    bump_revision(s)


def delete_holiday(s: Session, actor: Actor, day: str) -> None:
    actor.require("admin")
    try:
        d = date.fromisoformat(day)
    except ValueError:
        raise Invalid(f"tanggal tidak sah: {day!r}") from None
    s.execute(delete(Holiday).where(Holiday.day == d))
    audit.record(s, actor, "holiday.delete", "holiday", d.isoformat())
    bump_revision(s)


def seed_holidays(s: Session) -> int:
    """Fill an empty holiday table from the bundled list (once)."""
    if s.scalar(select(func.count()).select_from(Holiday)):
        return 0
    from ..staff.dutytime import BUNDLED_HOLIDAYS, load_holidays
    try:
        hs = load_holidays(BUNDLED_HOLIDAYS)
    except Exception:  # noqa: BLE001 - bundled data missing: nothing to seed
        return 0
    for d, name in hs.items():
        s.add(Holiday(day=d, name=name))
    return len(hs)


def holiday_dates(s: Session) -> set[date]:
    return set(s.scalars(select(Holiday.day)))


def add_working_days(start: datetime, days: int, off: set[date], office_days: set[int] | None = None, *,
                     workday: Callable[[date], bool] | None = None, zone: str | None = None) -> datetime:
    """`days` working days after `start` (weekends per office hours and holidays skipped).

    `workday(day)` decides instead of `office_days`/`off` when given; with `zone` the days
    are counted in that zone's local calendar (the result keeps `start`'s time zone).
    """
    if workday is None:
        office_days = office_days if office_days is not None else {0, 1, 2, 3, 4}
        workday = lambda day: day.weekday() in office_days and day not in off  # noqa: E731
    tz = None
    if zone and start.tzinfo is not None:
        from ..staff.dutytime import get_zone
        tz = get_zone(zone)
    d = start.astimezone(tz) if tz is not None else start
    n = 0
    while n < days:
        d += timedelta(days=1)
        if workday(d.date()):
            n += 1
    return d.astimezone(start.tzinfo) if tz is not None else d


def office_days(vals: dict[str, Any]) -> set[int]:
    names = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    return {i for i, n in enumerate(names) if str(vals.get(f"office_hours.{n}") or "").strip()}


def calendar(s: Session, vals: dict[str, Any] | None = None):
    """The engine's DutyCalendar from the settings table (office hours, per-zone hours, default zone)
    and the holiday table."""
    from ..staff.dutytime import DutyCalendar
    vals = values(s) if vals is None else vals
    cfg = Config(MappingProxyType({k: vals[k] for k in _ENGINE}))
    return DutyCalendar(cfg, {h.day: h.name for h in s.scalars(select(Holiday))})


def working_days_after(s: Session, start: datetime, days: int, unit_id: int | None = None) -> datetime:
    """`days` working days after `start` for a unit: its zone's office days (office_hours.<day> and
    office_hours.by_zone), public holidays skipped. Without any office day: Monday to Friday."""
    from .models import Unit
    vals = values(s)
    off = holiday_dates(s)
    try:
        cal = calendar(s, vals)
    except ValueError:  # a stored value the engine refuses: plain weekdays from the settings
        return add_working_days(start, days, off, office_days(vals) or None)
    zone = (s.scalar(select(Unit.timezone).where(Unit.id == unit_id)) if unit_id else None) or cal.default_timezone
    if not any(cal.hours(i, zone) for i in range(7)):
        return add_working_days(start, days, off, None, zone=zone)
    return add_working_days(start, days, off, workday=lambda d: cal.is_workday(d, zone), zone=zone)


# --- the engine's Config ---------------------------------------------------------------------------

_HOLIDAY_DIR = None


def engine_config(s: Session) -> Config:
    """The engine Config from the settings table; holidays written to a private file the engine reads."""
    global _HOLIDAY_DIR
    vals = values(s)
    engine_vals = {k: vals[k] for k in _ENGINE}
    hs = holidays(s)
    if hs:
        if _HOLIDAY_DIR is None:
            _HOLIDAY_DIR = tempfile.mkdtemp(prefix="rambu-holidays-")
        path = os.path.join(_HOLIDAY_DIR, f"holidays-{os.getpid()}-{revision(s)}.json")
        if not os.path.exists(path):
            with open(path, "w", encoding="utf-8") as f:
                json.dump(hs, f, ensure_ascii=False)
        engine_vals["holidays_file"] = path
    lists = vals.get("engine.lists") or {}
    lists = {det: {name: tuple(terms) for name, terms in named.items()} for det, named in lists.items()
             if isinstance(named, dict)}
    return Config(MappingProxyType(engine_vals), MappingProxyType(lists), "database")
