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
    AppSetting("batch.screen_chunk", 50, "Jumlah baris teks per potongan (satu pekerjaan antrean 'text', satu transaksi "
                                         "simpan)."),
    AppSetting("batch.media_chunk", 5, "Jumlah baris bermedia (gambar, video, audio) per potongan antrean 'media'."),
    AppSetting("jobs.time_limit.text", 300, "Batas waktu satu pekerjaan antrean 'text' (detik); sisa potongan "
                                            "dilanjutkan pada percobaan berikutnya."),
    AppSetting("jobs.time_limit.media", 3600, "Batas waktu satu pekerjaan antrean 'media' (detik; ucapan dan video "
                                              "panjang butuh waktu)."),
    AppSetting("jobs.time_limit.mail", 120, "Batas waktu satu pekerjaan antrean 'mail' (detik)."),
    AppSetting("jobs.stalled_after_seconds", 30, "Pekerjaan dari pekerja tanpa detak (heartbeat) selama ini dianggap "
                                                 "macet dan dicoba ulang (detik)."),
    AppSetting("review.default_min_confidence", 0.0, "Keyakinan minimum bawaan antrean tinjauan."),
    AppSetting("org.name", "Direktorat Jenderal Pemasyarakatan", "Nama instansi pada surat dan laporan."),
    AppSetting("engine.lists", {}, "Daftar kata tambahan operator per detektor, mis. {\"rule6\": {\"sensitive_places\": [\"Blok Mawar\"]}}."),
    AppSetting("mail.enabled", False, "Kirim pemberitahuan lewat surel (server SMTP di bawah)."),
    AppSetting("mail.host", "", "Nama atau alamat server SMTP."),
    AppSetting("mail.port", 25, "Port server SMTP (25, 587 untuk STARTTLS, 465 untuk SSL)."),
    AppSetting("mail.security", "none", "Keamanan sambungan SMTP: none, starttls atau ssl."),
    AppSetting("mail.username", "", "Nama pengguna SMTP (kosong = tanpa autentikasi)."),
    AppSetting("mail.password", "", "Kata sandi SMTP (disimpan di basis data; tidak ditampilkan kembali)."),
    AppSetting("mail.sender", "rambu@localhost", "Alamat pengirim surel pemberitahuan."),
    AppSetting("mail.base_url", "http://127.0.0.1:8000", "Alamat aplikasi untuk tautan di surel."),
    AppSetting("notify.due_days", 1, "Pengingat tahap kasus: berapa hari kerja sebelum batas waktu."),
)
SECRET_SETTINGS = frozenset({"mail.password"})
CHOICES = {"mail.security": ("none", "starttls", "ssl")}
# Settings as users read them (the settings page shows these, the raw key only small beside them)
LABELS: dict[str, str] = {
    "report_threshold": "Ambang pelaporan temuan", "violation_threshold": "Ambang pelanggaran",
    **{f"rule{r}.enabled": f"Larangan {r}: diperiksa" for r in range(1, 8)},
    **{f"rule{r}.threshold": f"Larangan {r}: ambang pelaporan" for r in range(1, 8)},
    **{f"rule{r}.violation_threshold": f"Larangan {r}: ambang pelanggaran" for r in range(1, 8)},
    "rule3.dislike_is_agreement": "Larangan 3: dislike dianggap persetujuan",
    "rule4.match_threshold": "Larangan 4: kemiripan minimum dengan register cek fakta",
    "rule4.review_match_threshold": "Larangan 4: kemiripan minimum untuk ditinjau",
    "rule7.default_live_minutes": "Larangan 7: lama siaran bila waktu selesai kosong (menit)",
    "holidays_file": "Berkas hari libur", "classifier.model_dir": "Folder model klasifikasi",
    "media.ocr": "OCR gambar", "media.ocr_languages": "Bahasa OCR",
    "batch.chunk_size": "Aktivitas per potongan (baris perintah)", "batch.workers": "Proses penyaring paralel (baris perintah)",
    "input.max_line_bytes": "Panjang maksimum satu baris (byte)",
    "sanction.wide_reach_types": "Jenis aktivitas berjangkauan luas (sanksi)",
    "auth.max_failures": "Gagal masuk sebelum dikunci", "auth.lockout_minutes": "Lama penguncian (menit)",
    "auth.session_hours": "Lama sesi (jam)", "batch.max_upload_mb": "Ukuran maksimum unggahan batch (MB)",
    "batch.screen_chunk": "Baris teks per potongan", "batch.media_chunk": "Baris bermedia per potongan",
    "jobs.time_limit.text": "Batas waktu pekerjaan teks (detik)", "jobs.time_limit.media": "Batas waktu pekerjaan media (detik)",
    "jobs.time_limit.mail": "Batas waktu pekerjaan surel (detik)",
    "jobs.stalled_after_seconds": "Pekerjaan macet setelah (detik tanpa detak)",
    "review.default_min_confidence": "Keyakinan minimum bawaan antrean",
    "org.name": "Nama instansi", "engine.lists": "Daftar kata tambahan operator",
    "mail.enabled": "Surel pemberitahuan aktif", "mail.host": "Server SMTP", "mail.port": "Port SMTP",
    "mail.security": "Keamanan SMTP", "mail.username": "Pengguna SMTP", "mail.password": "Kata sandi SMTP",
    "mail.sender": "Alamat pengirim", "mail.base_url": "Alamat aplikasi (untuk tautan)",
    "notify.due_days": "Pengingat sebelum batas waktu (hari kerja)",
    **{f"deadline.{k}": f"Batas waktu: {label}" for k, label, _ in STAGES},
}
GROUPS = (("rule", "Larangan dan ambang"), ("deadline", "Batas waktu tahap kasus (hari kerja)"),
          ("auth", "Masuk dan sesi"), ("mail", "Surel pemberitahuan (SMTP)"), ("batch", "Batch dan penyaringan"),
          ("other", "Lainnya"))


def label(name: str) -> str:
    return LABELS.get(name) or name.replace("_", " ").replace(".", ": ").capitalize()


def group(name: str) -> str:
    if name.startswith("rule") or name.endswith("threshold") or name in ("engine.lists", "sanction.wide_reach_types"):
        return "rule"
    head = name.split(".")[0]
    if head in ("deadline", "auth", "batch"):
        return head
    if head == "jobs":
        return "batch"
    if head in ("mail", "notify"):
        return "mail"
    return "other"


class SettingsInvalid(Invalid):
    """Some settings were refused; `errors` names each one (all of them, not just the first)."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("pengaturan tidak disimpan: " + "; ".join(f"{label(k)}: {v}" for k, v in errors.items()))
_APP = {s.name: s for s in APP_SETTINGS}
_ENGINE = {s.name: s for s in ENGINE_SETTINGS}
ZONE_HOURS = "office_hours.by_zone"  # per-zone office hours (JSON text), see rambu.staff.dutytime
REVISION_KEY = "_engine_revision"  # bumped whenever something the Screener is built from changes


def definitions() -> list[dict[str, Any]]:
    out = [{"name": s.name, "default": s.default, "help": s.help} for s in ENGINE_SETTINGS]
    out += [{"name": s.name, "default": s.default, "help": s.help} for s in APP_SETTINGS]
    for d in out:
        d.update(label=label(d["name"]), group=group(d["name"]), secret=d["name"] in SECRET_SETTINGS,
                 choices=list(CHOICES.get(d["name"], ())))
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
        raise Invalid("wajib diisi")
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
            v = float(value.replace(",", ".")) if isinstance(value, str) else float(value)
            if v != v or v in (float("inf"), float("-inf")):
                raise ValueError
            if name.endswith("threshold") and not 0 <= v <= 1:
                raise Invalid("harus antara 0 dan 1")
            return v
        if isinstance(default, dict):
            try:
                v = json.loads(value) if isinstance(value, str) else value
            except ValueError:
                raise Invalid("bukan JSON yang sah") from None
            if not isinstance(v, dict):
                raise Invalid("harus objek JSON {...}")
            if name == "engine.lists":
                _check_lists(v)
            return v
        if name in CHOICES and str(value) not in CHOICES[name]:
            raise Invalid(f"pilih salah satu: {', '.join(CHOICES[name])}")
        return str(value)
    except Invalid:
        raise
    except (TypeError, ValueError):
        raise Invalid(f"nilai tidak sah ({str(value)[:60]!r})") from None


def _check_lists(v: dict) -> None:
    """engine.lists: {detector: {list name: [phrases]}} naming detectors and lists that exist."""
    try:
        from ..detectors import detector_classes
        known = {getattr(c, "key", ""): set(getattr(c, "lists", {}) or {}) for c in detector_classes()}
    except Exception:  # noqa: BLE001 - a detector that does not import: check the shape only
        known = {}
    for det, named in v.items():
        if not isinstance(named, dict):
            raise Invalid(f"{det}: harus objek {{nama daftar: [kata, ...]}}")
        if known and det not in known:
            raise Invalid(f"detektor tidak dikenal: {det!r} (ada: {', '.join(sorted(known))})")
        for lname, terms in named.items():
            if known.get(det) and lname not in known[det]:
                raise Invalid(f"{det}: daftar tidak dikenal: {lname!r} (ada: {', '.join(sorted(known[det]))})")
            if not isinstance(terms, list) or not all(isinstance(x, str) and x.strip() for x in terms):
                raise Invalid(f"{det}.{lname}: harus daftar teks, mis. [\"kata satu\", \"kata dua\"]")


def differs(name: str, raw: str, current: Any) -> bool:
    """Whether a value typed on the settings page changes the setting (unparseable input counts as a change,
    so that it is reported)."""
    try:
        return _coerce(name, raw) != current
    except Invalid:
        return True


def _zone_hours(value: Any) -> str:
    """office_hours.by_zone: JSON text or an object -> canonical JSON text ("" = no overrides)."""
    from ..staff.dutytime import parse_zone_hours, zone_hours_json
    try:
        return zone_hours_json(parse_zone_hours(value, ZONE_HOURS))
    except ValueError as e:
        raise Invalid(str(e)) from None


def update_settings(s: Session, actor: Actor, changes: dict[str, Any]) -> dict[str, Any]:
    """Save settings; every value is checked first and all refusals are reported together (nothing saved)."""
    actor.require("admin")
    from ..staff.dutytime import RAMADAN_HOURS, parse_date_ranges, parse_hours
    clean, errors = {}, {}
    for k, v in changes.items():
        try:
            clean[k] = _coerce(k, v)
            if (k.startswith("office_hours.") and k not in ("office_hours.default_timezone", ZONE_HOURS)) \
                    or k in RAMADAN_HOURS:
                parse_hours(clean[k], k)
            elif k == "ramadan.dates":
                parse_date_ranges(clean[k], k)
        except (Invalid, ValueError) as e:
            errors[k] = str(e)
    if errors:
        raise SettingsInvalid(errors)
    for k, v in clean.items():
        row = s.get(Setting, k)
        old = row.value if row else get(s, k)
        if row is None:
            s.add(Setting(key=k, value=v, updated_by=actor.id))
        else:
            row.value, row.updated_at, row.updated_by = v, utcnow(), actor.id
        shown = (lambda x: "***" if x else "") if k in SECRET_SETTINGS else (lambda x: x)
        audit.record(s, actor, "settings.update", "setting", k, detail={"old": shown(old), "new": shown(v)})
    bump_revision(s)
    return values(s)


def bump_revision(s: Session) -> None:
    row = s.get(Setting, REVISION_KEY)
    if row is None:
        s.add(Setting(key=REVISION_KEY, value=1))
    else:
        row.value = int(row.value or 0) + 1
        row.updated_at = utcnow()


_REVISION = select(Setting.__table__.c.value).where(Setting.__table__.c.key == REVISION_KEY)


def revision(s: Session) -> int:
    """Read on every draft check and chunk: a plain-column query (half the CPU of loading the row)."""
    if s.new or s.dirty:
        s.flush()  # a bump in this transaction counts
    value = s.execute(_REVISION).scalar()
    return int(value) if value is not None else 0


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


def import_holidays(s: Session, actor: Actor, text: str, name: str = "libur.csv") -> dict:
    """Holidays from a file: CSV `date,name` (or `tanggal,nama`) or JSON [{date, name}]; a day already in the
    table gets the new name. Bad rows are reported by row and field; the good ones are kept."""
    actor.require("admin")
    rows: list[tuple[str, Any]] = []
    stripped = text.lstrip("\ufeff").lstrip()
    if stripped.startswith(("[", "{")):
        try:
            data = json.loads(stripped)
        except ValueError as e:
            raise Invalid(f"{name}: bukan JSON yang sah ({e})") from None
        data = data.get("holidays") if isinstance(data, dict) else data
        if not isinstance(data, list):
            raise Invalid(f"{name}: harus daftar JSON berisi {{date, name}}")
        rows = [(f"{name} indeks {i}", rec) for i, rec in enumerate(data)]
    else:
        import csv
        reader = csv.DictReader(stripped.splitlines())
        cols = {(c or "").strip().lower() for c in reader.fieldnames or []}
        if not ({"date", "name"} <= cols or {"tanggal", "nama"} <= cols):
            raise Invalid(f"{name} baris 1: kolom wajib date,name (atau tanggal,nama)")
        for rec in reader:
            rec = {(k or "").strip().lower(): (v or "").strip() for k, v in rec.items()}
            rows.append((f"{name} baris {reader.line_num}", {"date": rec.get("date") or rec.get("tanggal"),
                                                              "name": rec.get("name") or rec.get("nama")}))
    created = updated = 0
    errors = []
    for where, rec in rows:
        if not isinstance(rec, dict):
            errors.append(f"{where}: harus objek {{date, name}}")
            continue
        try:
            d = date.fromisoformat(str(rec.get("date") or "").strip())
        except ValueError:
            errors.append(f"{where}, kolom date: tanggal tidak sah ({rec.get('date')!r}; YYYY-MM-DD)")
            continue
        label = str(rec.get("name") or "").strip()
        if not label:
            errors.append(f"{where}, kolom name: nama hari libur kosong")
            continue
        row = s.get(Holiday, d)
        if row is None:
            s.add(Holiday(day=d, name=label[:200]))
            created += 1
        elif row.name != label:
            row.name = label[:200]
            updated += 1
    audit.record(s, actor, "holiday.import", "holiday", "", detail={"file": name, "created": created,
                                                                    "updated": updated, "rejected": len(errors)})
    bump_revision(s)
    return {"created": created, "updated": updated, "errors": errors}


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
    # a value stored before settings were checked on save must not break every check: bad entries are skipped
    lists = {det: {name: tuple(x for x in terms if isinstance(x, str) and x.strip())
                   for name, terms in named.items() if isinstance(terms, list)}
             for det, named in (lists.items() if isinstance(lists, dict) else ()) if isinstance(named, dict)}
    return Config(MappingProxyType(engine_vals), MappingProxyType(lists), "database")
