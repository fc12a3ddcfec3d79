"""Regions, units, the staff directory (with rosters and watched accounts) and the fact-check register."""
from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import audit, config
from .access import Actor, Invalid, NotFound, unit_condition
from .models import Case, FactCheckEntry, Finding, Region, Staff, StaffAccount, Unit, utcnow
from .postings import history, record_posting

PLATFORMS = ("instagram", "facebook", "x", "tiktok", "youtube", "whatsapp", "threads", "other")


# --- regions and units ------------------------------------------------------------------------------

def region_dict(r: Region) -> dict:
    return {"id": r.id, "code": r.code, "name": r.name}


def unit_dict(u: Unit) -> dict:
    return {"id": u.id, "code": u.code, "name": u.name, "region_id": u.region_id,
            "region": u.region.name if u.region else None, "timezone": u.timezone, "city": u.city,
            "address": u.address}


def list_regions(s: Session, actor: Actor) -> list[dict]:
    q = select(Region).order_by(Region.name)
    if actor.scope != "national":
        q = q.where(Region.id == actor.region_id)
    return [region_dict(r) for r in s.scalars(q)]


def list_units(s: Session, actor: Actor) -> list[dict]:
    return [unit_dict(u) for u in s.scalars(select(Unit).where(unit_condition(actor, Unit.id)).order_by(Unit.name))]


def save_region(s: Session, actor: Actor, code: str, name: str, region_id: int | None = None) -> Region:
    actor.require("admin")
    if not code or not name:
        raise Invalid("kode dan nama wilayah wajib diisi")
    r = s.get(Region, region_id) if region_id else None
    if region_id and r is None:
        raise NotFound("wilayah tidak ditemukan")
    dup = s.scalar(select(Region).where(Region.code == code.strip()))
    if dup is not None and dup is not r:
        raise Invalid(f"kode wilayah {code!r} sudah dipakai")
    if r is None:
        r = Region(code=code.strip(), name=name.strip())
        s.add(r)
    else:
        r.code, r.name = code.strip(), name.strip()
    s.flush()
    audit.record(s, actor, "region.save", "region", r.id, detail={"code": r.code, "name": r.name})
    return r


def save_unit(s: Session, actor: Actor, code: str, name: str, region_id: int, timezone: str = "Asia/Jakarta",
              unit_id: int | None = None, city: str | None = None, address: str | None = None) -> Unit:
    actor.require("admin")
    from ..staff.dutytime import canonical_zone
    if not code or not name:
        raise Invalid("kode dan nama unit wajib diisi")
    if s.get(Region, int(region_id)) is None:
        raise Invalid("wilayah tidak ditemukan")
    tz = canonical_zone(timezone or "Asia/Jakarta")
    if tz is None:
        raise Invalid(f"zona waktu tidak dikenal: {timezone!r}")
    u = s.get(Unit, unit_id) if unit_id else None
    if unit_id and u is None:
        raise NotFound("unit tidak ditemukan")
    for col, val in ((Unit.code, code.strip()), (Unit.name, name.strip())):
        dup = s.scalar(select(Unit).where(col == val))
        if dup is not None and dup is not u:
            raise Invalid(f"unit {val!r} sudah ada")
    if u is None:
        u = Unit(code=code.strip(), name=name.strip(), region_id=int(region_id), timezone=tz, city="", address="")
        s.add(u)
    else:
        u.code, u.name, u.region_id, u.timezone = code.strip(), name.strip(), int(region_id), tz
    if city is not None:
        u.city = city.strip()[:100]
    if address is not None:
        u.address = address.strip()[:300]
    s.flush()
    audit.record(s, actor, "unit.save", "unit", u.id, unit_id=u.id,
                 detail={"code": u.code, "name": u.name, "region_id": u.region_id, "timezone": tz, "city": u.city,
                         "address": u.address})
    config.bump_revision(s)
    return u


# --- staff --------------------------------------------------------------------------------------------

def staff_dict(m: Staff, full: bool = False) -> dict:
    d = {"id": m.id, "nip": m.nip, "name": m.name, "unit_id": m.unit_id, "unit": m.unit.name if m.unit else None,
         "tz": m.timezone or (m.unit.timezone if m.unit else None),
         "position": m.position, "timezone": m.timezone, "schedule": m.schedule, "active": m.active}
    if full:
        d["shifts"] = m.shifts
        d["accounts"] = [{"id": a.id, "platform": a.platform, "handle": a.handle, "watched": a.watched}
                         for a in m.accounts]
    return d


def edit_unit(s: Session, actor: Actor, unit_id: int, changes: dict) -> Unit:
    """Change some fields of a unit (the others stay)."""
    u = s.get(Unit, unit_id)
    if u is None:
        raise NotFound("unit tidak ditemukan")
    return save_unit(s, actor, changes.get("code") or u.code, changes.get("name") or u.name,
                     changes.get("region_id") or u.region_id, changes.get("timezone") or u.timezone, u.id,
                     changes.get("city"), changes.get("address"))


def list_staff(s: Session, actor: Actor, q: str = "", unit_id: int | None = None, limit: int = 100,
               offset: int = 0) -> dict:
    actor.require("staff.read")
    cond = [unit_condition(actor, Staff.unit_id)]
    if unit_id:
        cond.append(Staff.unit_id == unit_id)
    if q:
        like = f"%{q.strip().lower()}%"
        cond.append(func.lower(Staff.name).like(like) | Staff.nip.like(like))
    total = s.scalar(select(func.count()).select_from(Staff).where(*cond))
    rows = s.scalars(select(Staff).where(*cond).order_by(Staff.name).limit(limit).offset(offset))
    return {"total": total, "items": [staff_dict(m) for m in rows], "limit": limit, "offset": offset}


def get_staff(s: Session, actor: Actor, staff_id: int) -> Staff:
    actor.require("staff.read")
    m = s.get(Staff, staff_id)
    if m is None:
        raise NotFound("pegawai tidak ditemukan")
    from .access import can_see_unit
    from .models import StaffPosting
    if not can_see_unit(s, actor, m.unit_id) and not any(  # their earlier units keep seeing them (history)
            can_see_unit(s, actor, u) for u in s.scalars(select(StaffPosting.unit_id).where(StaffPosting.staff_id == m.id))):
        raise NotFound("tidak ditemukan")
    return m


def staff_page(s: Session, actor: Actor, staff_id: int) -> dict:
    """The employee's page: record, watched accounts, findings and cases (repeat offences visible)."""
    m = get_staff(s, actor, staff_id)
    d = staff_dict(m, full=True)
    d["postings"] = history(s, m.id)
    if actor.can("findings.read"):  # only those of units the user may see: a transfer does not carry them along
        from .findings import finding_dict
        fs = s.scalars(select(Finding).where(Finding.staff_id == m.id, unit_condition(actor, Finding.unit_id))
                       .order_by(Finding.activity_at.desc()).limit(200))
        d["findings"] = [finding_dict(f) for f in fs]
        d["confirmed_findings"] = sum(1 for f in d["findings"] if f["status"] == "confirmed")
    if actor.can("cases.read"):
        cs = s.scalars(select(Case).where(Case.staff_id == m.id, unit_condition(actor, Case.unit_id))
                       .order_by(Case.opened_at))
        from .cases import OUTCOMES, STAGE_LABELS, STATUS_LABELS
        d["cases"] = [{"id": c.id, "number": c.number, "stage": c.stage, "stage_label": STAGE_LABELS.get(c.stage, c.stage),
                       "status": c.status, "status_label": STATUS_LABELS.get(c.status, c.status),
                       "outcome": c.outcome, "outcome_label": OUTCOMES.get(c.outcome or "", None),
                       "opened_at": c.opened_at.isoformat(), "discipline_level": c.discipline_level,
                       "sanction_statement": c.sanction_statement} for c in cs]
        d["proven_cases"] = sum(1 for c in d["cases"] if c["outcome"] == "proven")
        d["repeat_offender"] = d["proven_cases"] >= 2 or (d["proven_cases"] >= 1 and len(d["cases"]) >= 2)
    audit.record(s, actor, "staff.view", "staff", m.id, unit_id=m.unit_id)
    return d


def _unit_by_name(s: Session, name: str) -> Unit | None:
    if not name:
        return None
    return s.scalar(select(Unit).where(func.lower(Unit.name) == name.strip().lower())) or \
        s.scalar(select(Unit).where(func.lower(Unit.code) == name.strip().lower()))


def import_staff(s: Session, actor: Actor, text: str, name: str = "staff.csv") -> dict:
    """Import a staff directory (CSV or JSON, contract section 2); rows are upserted by NIP.

    Bad rows are reported (file, row, column) and skipped; good rows are kept. A row
    whose unit is unknown or outside the actor's scope is rejected.
    """
    actor.require("staff.write")
    from ..staff.directory import StaffDirectory, _csv_rows, _json_rows  # noqa: PLC2701 - same parsing as files
    is_json = text.lstrip().startswith("[") or text.lstrip().startswith("{")
    rows = _json_rows(text, name) if is_json else _csv_rows(text, name)
    directory = StaffDirectory.from_rows(rows, name, strict=False, csv_text=not is_json)
    errors = [str(e) for e in directory.errors]
    created = updated = 0
    nips: set[str] = set()
    for m in directory:
        unit = _unit_by_name(s, m.unit or "")
        if unit is None:
            errors.append(f"{m.source}, kolom unit: unit tidak dikenal ({m.unit!r}); daftarkan unit dulu")
            continue
        from .access import can_see_unit
        if not can_see_unit(s, actor, unit.id):
            errors.append(f"{m.source}, kolom unit: di luar cakupan Anda ({unit.name})")
            continue
        row = s.scalar(select(Staff).where(Staff.nip == m.nip))
        shifts = [[a.isoformat(), b.isoformat()] for a, b in m.shifts]
        vals = dict(name=m.name or "", unit_id=unit.id, position=m.position or "", timezone=m.timezone,
                    schedule=m.schedule, shifts=shifts, updated_at=utcnow(), active=True)
        if row is None:
            row = Staff(nip=m.nip, **vals)
            s.add(row)
            s.flush()
            record_posting(s, actor, row, unit.id)
            created += 1
        else:
            if row.unit_id is not None and not can_see_unit(s, actor, row.unit_id):
                errors.append(f"{m.source}, kolom nip: pegawai {m.nip} terdaftar di unit lain di luar cakupan Anda")
                continue
            if row.unit_id != unit.id:  # a transfer: from now on (a dated transfer is edited per employee)
                record_posting(s, actor, row, unit.id)
            for k, v in vals.items():
                setattr(row, k, v)
            updated += 1
        nips.add(m.nip)
    s.flush()
    from .findings import relink_unknown
    relinked = relink_unknown(s, actor, nips)
    audit.record(s, actor, "staff.import", "staff", "", detail={"file": name, "created": created, "updated": updated,
                                                                "rejected": len(errors), "relinked": relinked})
    config.bump_revision(s)
    return {"created": created, "updated": updated, "relinked": relinked, "errors": errors}


def update_staff(s: Session, actor: Actor, staff_id: int, changes: dict) -> Staff:
    """Edit one employee; a new unit is a transfer dated `transfer_from` (YYYY-MM-DD, default today)."""
    actor.require("staff.write")
    m = get_staff(s, actor, staff_id)
    detail: dict = {}
    for key in ("name", "position"):
        if changes.get(key) is not None and str(changes[key]).strip() != getattr(m, key):
            setattr(m, key, str(changes[key]).strip())
            detail[key] = getattr(m, key)
    if "timezone" in changes:
        from ..staff.dutytime import canonical_zone
        tz = changes["timezone"] or None
        if tz is not None and canonical_zone(tz) is None:
            raise Invalid(f"zona waktu tidak dikenal: {tz!r}")
        m.timezone = canonical_zone(tz) if tz else None
        detail["timezone"] = m.timezone
    if changes.get("schedule") is not None:
        if changes["schedule"] not in ("office", "shift"):
            raise Invalid("jadwal: 'office' (jam kantor) atau 'shift' (dinas regu)")
        m.schedule = detail["schedule"] = changes["schedule"]
    if changes.get("active") is not None:
        m.active = detail["active"] = bool(changes["active"])
    unit_id = changes.get("unit_id")
    if unit_id not in (None, "") and int(unit_id) != m.unit_id:
        from .access import can_see_unit
        unit = s.get(Unit, int(unit_id))
        if unit is None or not can_see_unit(s, actor, unit.id):
            raise Invalid("unit tujuan tidak ditemukan atau di luar cakupan Anda")
        since = _transfer_date(s, changes.get("transfer_from"), unit)
        record_posting(s, actor, m, unit.id, since)
        detail.update(unit_id=unit.id, transfer_from=since.isoformat())
        m.unit_id = unit.id
    m.updated_at = utcnow()
    audit.record(s, actor, "staff.update", "staff", m.id, unit_id=m.unit_id, detail=detail)
    config.bump_revision(s)
    return m


def _transfer_date(s: Session, value: Any, unit: Unit) -> datetime:
    """Midnight of the transfer day in the new unit's zone (today when not given)."""
    from ..staff.dutytime import get_zone
    zone = get_zone(unit.timezone or "Asia/Jakarta")
    if not value:
        return utcnow()
    try:
        day = date.fromisoformat(str(value)[:10])
    except ValueError:
        raise Invalid(f"tanggal mutasi tidak sah: {value!r} (YYYY-MM-DD)") from None
    since = datetime.combine(day, datetime.min.time(), zone)
    if since > utcnow():
        raise Invalid("tanggal mutasi tidak boleh di masa depan")
    return since


def import_roster(s: Session, actor: Actor, text: str, name: str = "roster.csv") -> dict:
    """Shift rosters: CSV `nip,start,end` (ISO 8601 with offset), one duty period per row.

    The listed staff are set to schedule `shift`; their shifts in the file replace
    the stored ones that overlap the file's time span.
    """
    actor.require("staff.write")
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    cols = [c.strip().lower() for c in reader.fieldnames or []]
    if not {"nip", "start", "end"} <= set(cols):
        raise Invalid(f"{name} baris 1: kolom wajib nip,start,end")
    periods: dict[str, list[tuple[datetime, datetime]]] = {}
    errors: list[str] = []
    for rec in reader:
        rec = {(k or "").strip().lower(): (v or "").strip() for k, v in rec.items()}
        where = f"{name} baris {reader.line_num}"
        try:
            a = datetime.fromisoformat(rec["start"])
            b = datetime.fromisoformat(rec["end"])
            if a.tzinfo is None or b.tzinfo is None:
                raise ValueError("tanpa zona waktu")
            if b <= a:
                raise ValueError("akhir tidak setelah awal")
        except (ValueError, KeyError) as e:
            errors.append(f"{where}, kolom start/end: bukan periode ISO 8601 yang sah ({e})")
            continue
        periods.setdefault(rec["nip"], []).append((a, b))
    changed = 0
    for nip, ps in periods.items():
        m = s.scalar(select(Staff).where(Staff.nip == nip))
        from .access import can_see_unit
        if m is None or not can_see_unit(s, actor, m.unit_id):
            errors.append(f"{name}: NIP {nip} tidak ada di direktori (atau di luar cakupan Anda)")
            continue
        lo, hi = min(a for a, _ in ps), max(b for _, b in ps)
        keep = [p for p in (m.shifts or [])
                if datetime.fromisoformat(p[1]) <= lo or datetime.fromisoformat(p[0]) >= hi]
        m.shifts = sorted(keep + [[a.isoformat(), b.isoformat()] for a, b in ps])
        m.schedule = "shift"
        m.updated_at = utcnow()
        changed += 1
    audit.record(s, actor, "staff.roster", "staff", "", detail={"file": name, "staff": changed, "rejected": len(errors)})
    config.bump_revision(s)
    return {"staff": changed, "periods": sum(len(v) for v in periods.values()), "errors": errors}


def add_account(s: Session, actor: Actor, staff_id: int, platform: str, handle: str) -> StaffAccount:
    actor.require("staff.accounts")
    m = get_staff(s, actor, staff_id)
    platform = (platform or "").strip().lower()
    handle = (handle or "").strip().lstrip("@")
    if platform not in PLATFORMS:
        raise Invalid(f"platform tidak dikenal: {platform!r}")
    if not handle:
        raise Invalid("nama akun wajib diisi")
    if s.scalar(select(StaffAccount.id).where(StaffAccount.platform == platform, StaffAccount.handle == handle)):
        raise Invalid(f"akun {platform}/{handle} sudah terdaftar")
    a = StaffAccount(staff_id=m.id, platform=platform, handle=handle, created_by=actor.id)
    s.add(a)
    s.flush()
    audit.record(s, actor, "staff.account_add", "staff", m.id, unit_id=m.unit_id,
                 detail={"platform": platform, "handle": handle})
    return a


def set_account_watched(s: Session, actor: Actor, account_id: int, watched: bool) -> None:
    actor.require("staff.accounts")
    a = s.get(StaffAccount, account_id)
    if a is None:
        raise NotFound("akun tidak ditemukan")
    get_staff(s, actor, a.staff_id)
    a.watched = bool(watched)
    audit.record(s, actor, "staff.account_watch", "staff", a.staff_id, detail={"account": a.id, "watched": a.watched})


# --- fact-check register ------------------------------------------------------------------------------

def factcheck_dict(f: FactCheckEntry) -> dict:
    return {"id": f.id, "claim": f.claim, "verdict": f.verdict, "source": f.source,
            "published": f.published.isoformat() if f.published else None}


def list_factchecks(s: Session, actor: Actor, q: str = "", limit: int = 200, offset: int = 0) -> dict:
    actor.require("admin")
    cond = []
    if q:
        cond.append(func.lower(FactCheckEntry.claim).like(f"%{q.lower()}%") | (FactCheckEntry.id == q))
    total = s.scalar(select(func.count()).select_from(FactCheckEntry).where(*cond))
    rows = s.scalars(select(FactCheckEntry).where(*cond).order_by(FactCheckEntry.id).limit(limit).offset(offset))
    return {"total": total, "items": [factcheck_dict(f) for f in rows]}


def import_factchecks(s: Session, actor: Actor, text: str, name: str = "register.csv") -> dict:
    actor.require("admin")
    from ..factcheck.register import parse_register
    ext = name.lower().rsplit(".", 1)[-1]
    fmt = "csv" if ext in ("csv", "tsv") else "jsonl" if ext in ("jsonl", "ndjson", "json") else None
    reg = parse_register(text, name, fmt, strict=False)
    created = updated = 0
    for e in reg.entries:
        row = s.get(FactCheckEntry, e.id)
        if row is None:
            s.add(FactCheckEntry(id=e.id, claim=e.claim, verdict=e.verdict, source=e.source, published=e.published))
            created += 1
        else:
            row.claim, row.verdict, row.source, row.published, row.updated_at = (e.claim, e.verdict, e.source,
                                                                                 e.published, utcnow())
            updated += 1
    errors = [str(e) for e in reg.errors]
    audit.record(s, actor, "factcheck.import", "factcheck", "", detail={"file": name, "created": created,
                                                                        "updated": updated, "rejected": len(errors)})
    config.bump_revision(s)
    return {"created": created, "updated": updated, "errors": errors,
            "warnings": [str(w) for w in getattr(reg, "warnings", ())]}


def save_factcheck(s: Session, actor: Actor, id: str, claim: str, verdict: str, source: str = "",
                   published: str | None = None) -> FactCheckEntry:
    actor.require("admin")
    from ..factcheck.register import FactCheck
    try:
        fc = FactCheck(id=(id or "").strip(), claim=(claim or "").strip(), verdict=(verdict or "").strip(),
                       source=(source or "").strip(), published=(published or None))
    except ValueError as e:
        raise Invalid(f"tanggal terbit tidak sah: {e}") from None
    if not fc.id or not fc.claim or not fc.verdict:
        raise Invalid("id, klaim dan putusan wajib diisi")
    row = s.get(FactCheckEntry, fc.id)
    if row is None:
        row = FactCheckEntry(id=fc.id, claim=fc.claim, verdict=fc.verdict, source=fc.source, published=fc.published)
        s.add(row)
    else:
        row.claim, row.verdict, row.source, row.published, row.updated_at = (fc.claim, fc.verdict, fc.source,
                                                                             fc.published, utcnow())
    audit.record(s, actor, "factcheck.save", "factcheck", fc.id, detail=factcheck_dict(row))
    config.bump_revision(s)
    return row


def delete_factcheck(s: Session, actor: Actor, id: str) -> None:
    actor.require("admin")
    row = s.get(FactCheckEntry, id)
    if row is None:
        raise NotFound("entri register tidak ditemukan")
    s.delete(row)
    audit.record(s, actor, "factcheck.delete", "factcheck", id)
    config.bump_revision(s)


# --- what the engine is built from ------------------------------------------------------------------

def staff_records(s: Session) -> list[dict[str, Any]]:
    units = {u.id: u for u in s.scalars(select(Unit))}
    out = []
    for m in s.scalars(select(Staff).where(Staff.active.is_(True))):
        unit = units.get(m.unit_id)
        rec = {"nip": m.nip, "name": m.name, "unit": unit.name if unit else None, "position": m.position,
               "timezone": m.timezone or (unit.timezone if unit else None), "schedule": m.schedule}
        if m.schedule == "shift":
            rec["shifts"] = m.shifts or []
        out.append(rec)
    return out


def factcheck_records(s: Session) -> list[dict[str, Any]]:
    return [factcheck_dict(f) for f in s.scalars(select(FactCheckEntry))]


def json_default(o: Any) -> Any:
    if isinstance(o, (date, datetime)):
        return o.isoformat()
    raise TypeError(type(o).__name__)


def dumps(o: Any) -> str:
    return json.dumps(o, ensure_ascii=False, default=json_default)
