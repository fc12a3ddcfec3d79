"""The staff directory: who is who, in which time zone, on office hours or on a roster.

Loaded from a JSON array or a CSV file with the same column names (contract,
section 2): ``nip``, ``name``, ``unit``, ``position``, ``timezone``,
``schedule`` (``office`` | ``shift``) and ``shifts`` (list of ``[start, end]``
ISO 8601 pairs with UTC offset; in CSV a JSON string or
``start/end;start/end``).

Errors name the file, the row (JSON array index or CSV line) and the column,
in Indonesian, because personnel officers fix the files::

    staff.csv baris 4, kolom timezone: zona waktu tidak dikenal ('WIB+1')

``StaffDirectory.load(path)`` raises ``StaffDirectoryError`` listing every bad
row; ``StaffDirectory.load(path, strict=False)`` keeps the good rows and puts
the errors in ``directory.errors`` so nothing accepted is lost.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Iterator, Mapping

from .dutytime import canonical_zone

SCHEDULES = ("office", "shift")
COLUMNS = ("nip", "name", "unit", "position", "timezone", "schedule", "shifts")
REQUIRED_COLUMNS = ("nip", "schedule")
MAX_SHIFT = timedelta(hours=24)
_NIP_RE = re.compile(r"\d{18}")


@dataclass(frozen=True, slots=True)
class StaffMember:
    nip: str
    name: str | None = None
    unit: str | None = None
    position: str | None = None
    timezone: str | None = None  # IANA name; None = the default time zone setting
    schedule: str = "office"  # "office" | "shift"
    shifts: tuple[tuple[datetime, datetime], ...] = ()  # sorted duty periods (aware datetimes)
    source: str | None = None  # "staff.csv baris 4": where the row came from


@dataclass(frozen=True, slots=True)
class StaffRowError:
    file: str
    row: str  # "baris 4" (CSV line) or "indeks 3" (JSON array index)
    field: str | None  # column, e.g. "timezone", "shifts[1]"; None for the whole row
    message: str  # Indonesian

    def __str__(self) -> str:
        where = f"{self.file} {self.row}"
        return f"{where}, kolom {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class StaffDirectoryError(ValueError):
    """The directory file cannot be used; `errors` lists every bad row (may be empty for file errors)."""

    def __init__(self, message: str, errors: Iterable[StaffRowError] = ()):
        self.errors = tuple(errors)
        if self.errors:
            shown = "\n".join(f"  {e}" for e in self.errors[:50])
            more = f"\n  ... dan {len(self.errors) - 50} kesalahan lain" if len(self.errors) > 50 else ""
            message = f"{message}\n{shown}{more}"
        super().__init__(message)


class _RowErrors(Exception):
    def __init__(self, errors: list[tuple[str | None, str]]):
        self.errors = errors


class StaffDirectory:
    """Members by NIP (read-only). `errors`: rows skipped when loaded with strict=False."""

    def __init__(self, members: Iterable[StaffMember] = (), errors: Iterable[StaffRowError] = (),
                 source: str | None = None):
        by_nip: dict[str, StaffMember] = {}
        for m in members:
            if m.nip in by_nip:
                raise ValueError(f"NIP ganda: {m.nip}")
            by_nip[m.nip] = m
        self._members: Mapping[str, StaffMember] = MappingProxyType(by_nip)
        self.errors: tuple[StaffRowError, ...] = tuple(errors)
        self.source = source

    # -- lookup
    def get(self, nip: str | int | None) -> StaffMember | None:
        if nip is None:
            return None
        return self._members.get(_clean_nip(nip))

    def __contains__(self, nip: object) -> bool:
        return isinstance(nip, (str, int)) and self.get(nip) is not None

    def __len__(self) -> int:
        return len(self._members)

    def __iter__(self) -> Iterator[StaffMember]:
        return iter(self._members.values())

    def __repr__(self) -> str:
        return f"StaffDirectory({len(self)} pegawai, {len(self.errors)} baris ditolak, source={self.source!r})"

    # -- loading
    @classmethod
    def load(cls, path: str | Path, strict: bool = True) -> "StaffDirectory":
        """Read a JSON array or CSV file (by suffix; otherwise by content).

        strict=True: any bad row raises StaffDirectoryError listing all bad rows.
        strict=False: bad rows are skipped and listed in `errors`; good rows are kept.
        File-level problems (missing file, not JSON, no `nip` column) always raise.
        """
        name = str(path)
        p = Path(path)
        try:
            raw = p.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise StaffDirectoryError(f"{name}: berkas direktori pegawai tidak ditemukan") from None
        except (OSError, UnicodeDecodeError) as e:
            raise StaffDirectoryError(f"{name}: berkas tidak dapat dibaca ({e})") from None
        suffix = p.suffix.lower()
        is_json = suffix == ".json" or (suffix != ".csv" and raw.lstrip().startswith("["))
        rows = _json_rows(raw, name) if is_json else _csv_rows(raw, name)
        return cls.from_rows(rows, name, strict=strict, csv_text=not is_json)

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]], source: str = "<data>",
                     strict: bool = True) -> "StaffDirectory":
        """Build from dicts shaped like the JSON file (rows named by index)."""
        return cls.from_rows(((f"indeks {i}", r) for i, r in enumerate(records)), source, strict=strict)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, Any]], source: str, strict: bool = True,
                  csv_text: bool = False) -> "StaffDirectory":
        members: list[StaffMember] = []
        errors: list[StaffRowError] = []
        seen: dict[str, str] = {}
        for where, rec in rows:
            try:
                m = parse_member(rec, csv_text=csv_text)
            except _RowErrors as e:
                errors.extend(StaffRowError(source, where, f, msg) for f, msg in e.errors)
                continue
            if m.nip in seen:
                errors.append(StaffRowError(source, where, "nip", f"NIP ganda, sudah ada di {seen[m.nip]}"))
                continue
            seen[m.nip] = where
            members.append(_with_source(m, f"{source} {where}"))
        if errors and strict:
            raise StaffDirectoryError(f"{source}: {len(errors)} kesalahan pada direktori pegawai", errors)
        return cls(members, errors, source)


def _with_source(m: StaffMember, source: str) -> StaffMember:
    return StaffMember(m.nip, m.name, m.unit, m.position, m.timezone, m.schedule, m.shifts, source)


# --- reading rows ------------------------------------------------------------------------------

def _json_rows(raw: str, name: str) -> list[tuple[str, Any]]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        raise StaffDirectoryError(f"{name}: bukan JSON yang sah (baris {e.lineno}, kolom {e.colno}: {e.msg})") from None
    if isinstance(data, dict) and isinstance(data.get("staff"), list):
        data = data["staff"]
    if not isinstance(data, list):
        raise StaffDirectoryError(f"{name}: harus daftar (array) JSON berisi data pegawai")
    return [(f"indeks {i}", rec) for i, rec in enumerate(data)]


def _csv_rows(raw: str, name: str) -> list[tuple[str, Any]]:
    lines = raw.splitlines(keepends=True)
    try:
        dialect = csv.Sniffer().sniff(lines[0] if lines else "", delimiters=",;\t")
        delim = dialect.delimiter
    except csv.Error:
        delim = ","
    reader = csv.reader(lines, delimiter=delim)
    try:
        header = next(reader)
    except StopIteration:
        raise StaffDirectoryError(f"{name}: berkas kosong (baris judul kolom tidak ada)") from None
    cols = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in cols]
    if missing:
        raise StaffDirectoryError(f"{name} baris 1: kolom wajib tidak ada: {', '.join(missing)} "
                                  f"(kolom yang dikenal: {', '.join(COLUMNS)})")
    out: list[tuple[str, Any]] = []
    prev_end = reader.line_num
    try:
        for values in reader:
            line = prev_end + 1  # first physical line of this record
            prev_end = reader.line_num
            if not any(v.strip() for v in values):
                continue  # blank line
            if len(values) > len(cols):
                out.append((f"baris {line}", _TooMany(len(cols), len(values))))
                continue
            out.append((f"baris {line}", dict(zip(cols, values + [""] * (len(cols) - len(values))))))
    except csv.Error as e:
        raise StaffDirectoryError(f"{name} baris {reader.line_num}: CSV rusak ({e})") from None
    return out


@dataclass(frozen=True)
class _TooMany:
    expected: int
    got: int


# --- validating a row --------------------------------------------------------------------------

def parse_member(rec: Any, csv_text: bool = False) -> StaffMember:
    """Validate one row; raises _RowErrors with every (field, message) wrong in it."""
    if isinstance(rec, _TooMany):
        raise _RowErrors([(None, f"terlalu banyak nilai ({rec.got}) untuk {rec.expected} kolom; "
                                 "apakah ada koma yang tidak diberi tanda kutip?")])
    if not isinstance(rec, Mapping):
        raise _RowErrors([(None, f"harus objek JSON berisi data pegawai, bukan {_typename(rec)}")])
    errs: list[tuple[str | None, str]] = []

    nip = rec.get("nip")
    if nip is None or (isinstance(nip, str) and not nip.strip()):
        errs.append(("nip", "wajib diisi (18 angka)"))
        nip = None
    elif isinstance(nip, bool) or not isinstance(nip, (str, int)):
        errs.append(("nip", f"harus teks 18 angka, bukan {_typename(nip)}"))
        nip = None
    else:
        cleaned = _clean_nip(nip)
        if not _NIP_RE.fullmatch(cleaned):
            errs.append(("nip", f"NIP harus 18 angka ({str(nip)[:40]!r})"))
            nip = None
        else:
            nip = cleaned

    texts: dict[str, str | None] = {}
    for col in ("name", "unit", "position"):
        v = rec.get(col)
        if v is not None and not isinstance(v, str):
            errs.append((col, f"harus teks, bukan {_typename(v)}"))
            v = None
        texts[col] = (v.strip() or None) if isinstance(v, str) else None

    tz = rec.get("timezone")
    zone: str | None = None
    if tz is not None and not (isinstance(tz, str) and not tz.strip()):
        if not isinstance(tz, str):
            errs.append(("timezone", f"harus teks nama zona IANA, bukan {_typename(tz)}"))
        else:
            zone = canonical_zone(tz)
            if zone is None:
                errs.append(("timezone", f"zona waktu tidak dikenal ({tz.strip()!r}); contoh: "
                                         "Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT)"))

    sched = rec.get("schedule")
    schedule = "office"
    if sched is None or (isinstance(sched, str) and not sched.strip()):
        errs.append(("schedule", "wajib diisi: office atau shift"))
    elif not isinstance(sched, str) or sched.strip().lower() not in SCHEDULES:
        errs.append(("schedule", f"harus office atau shift, bukan {sched!r}"))
    else:
        schedule = sched.strip().lower()

    shifts, shift_errs = _parse_shifts(rec.get("shifts"), csv_text)
    errs.extend(shift_errs)

    if errs:
        raise _RowErrors(errs)
    return StaffMember(nip, texts["name"], texts["unit"], texts["position"], zone, schedule, shifts)


def _parse_shifts(v: Any, csv_text: bool) -> tuple[tuple[tuple[datetime, datetime], ...], list[tuple[str, str]]]:
    if v is None or (isinstance(v, str) and not v.strip()):
        return (), []
    if isinstance(v, str):
        s = v.strip()
        if s.startswith("["):
            try:
                v = json.loads(s)
            except json.JSONDecodeError as e:
                return (), [("shifts", f"bukan JSON yang sah ({e.msg}, posisi {e.pos})")]
        else:  # "start/end;start/end"
            v = []
            for part in s.split(";"):
                if not part.strip():
                    continue
                bits = part.split("/")
                v.append([b.strip() for b in bits] if len(bits) == 2 else part.strip())
    if not isinstance(v, list):
        return (), [("shifts", f"harus daftar pasangan [mulai, selesai], bukan {_typename(v)}")]
    out: list[tuple[datetime, datetime]] = []
    errs: list[tuple[str, str]] = []
    for i, pair in enumerate(v):
        field = f"shifts[{i}]"
        if isinstance(pair, Mapping):
            pair = [pair.get("start"), pair.get("end")]
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            shown = pair if not isinstance(pair, str) else pair[:60]
            errs.append((field, f"harus pasangan [mulai, selesai] (atau 'mulai/selesai'), bukan {shown!r}"))
            continue
        times = []
        for j, (label, t) in enumerate(zip(("mulai", "selesai"), pair)):
            try:
                times.append(_parse_iso(t))
            except ValueError as e:
                errs.append((f"{field}[{j}]", f"waktu {label} {e}"))
        if len(times) != 2:
            continue
        start, end = times
        if end <= start:
            errs.append((field, f"selesai ({pair[1]}) harus lebih lambat dari mulai ({pair[0]})"))
        elif end - start > MAX_SHIFT:
            errs.append((field, f"lama giliran lebih dari 24 jam ({pair[0]} s.d. {pair[1]}); periksa tanggalnya"))
        else:
            out.append((start, end))
    return tuple(sorted(out)), errs


def _parse_iso(t: Any) -> datetime:
    if not isinstance(t, str):
        raise ValueError(f"harus teks tanggal ISO 8601, bukan {_typename(t)}")
    try:
        dt = datetime.fromisoformat(t.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"bukan tanggal ISO 8601 ({t[:60]!r})") from None
    if dt.tzinfo is None:
        raise ValueError(f"tanpa zona waktu UTC ({t[:60]!r}); contoh: 2025-03-12T07:00:00+08:00")
    return dt


def _clean_nip(nip: str | int) -> str:
    return re.sub(r"[\s.\-]", "", str(nip))


def _typename(v: Any) -> str:
    return {str: "teks", int: "angka", float: "angka", bool: "boolean", list: "daftar",
            dict: "objek", type(None): "null"}.get(type(v), type(v).__name__)
