"""Ethics cases following the Ditjenpas complaint and ethics procedure.

Steps (config.STAGES): received; initial check; examination of evidence;
recommendation for a hearing; preparatory meeting, hearing order and summons;
the employee's statement and defence; hearing and its record; decision. Each
step has a responsible officer and a due date in working days (settings
`deadline.<step>`, public holidays skipped). The summons letter, hearing minutes
and decision are generated as PDF and stored with their SHA-256.
"""
from __future__ import annotations

import hashlib
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import audit, config, paperwork
from .access import Actor, Conflict, Invalid, NotFound, check_unit, unit_condition
from .config import STAGE_LABELS, STAGES
from .models import Case, CaseAttachment, CaseDocument, CaseStep, Finding, Region, Staff, Unit, User, utcnow

ORDER = [k for k, _, _ in STAGES]
OUTCOMES = {"no_breach": "tidak ada pelanggaran (klarifikasi)", "not_proven": "tidak terbukti (rehabilitasi)",
            "proven": "terbukti", "withdrawn": "dicabut (temuan dibuka ulang)"}
STATEMENTS = {"tertutup": "pernyataan secara tertutup", "terbuka": "pernyataan secara terbuka"}
LEVELS = ("ringan", "sedang", "berat")
DOC_KINDS = {"summons": "Surat panggilan sidang", "hearing_minutes": "Berita acara sidang",
             "decision": "Keputusan majelis kode etik"}
# The step records (`data` of each step) as users read them: field labels and value labels per step.
FIELD_LABELS = {"employee_statement": "Keterangan tertulis dari pegawai", "employee_statement_at": "Dikirim pegawai pada",
                "breach": "Hasil pemeriksaan awal", "hearing_at": "Waktu sidang", "place": "Tempat sidang",
                "chair": "Ketua majelis", "members": "Anggota majelis", "secretary": "Sekretaris",
                "summary": "Jalannya sidang", "outcome": "Putusan", "reasons": "Pertimbangan",
                "statement": "Keterangan dan pembelaan pegawai",
                "discipline_level": "Rekomendasi hukuman disiplin (PP 94/2021)",
                "discipline_penalty": "Jenis hukuman disiplin"}
DOCUMENTS_OF = {"pemanggilan": ("summons", "hearing_minutes", "decision"), "pembelaan": ("hearing_minutes",),
                "sidang": ("hearing_minutes",), "putusan": ("decision",)}  # the letters that quote each step
DOC_SLUGS = {"summons": "surat-panggilan", "hearing_minutes": "berita-acara-sidang", "decision": "keputusan"}
STEP_FIELD_LABELS = {("putusan", "statement"): "Sanksi moral"}
VALUE_LABELS: dict[str, dict[str, str]] = {
    "breach": {"ya": "ada dugaan pelanggaran", "tidak": "tidak ada pelanggaran etik (klarifikasi)"},
    "outcome": OUTCOMES, "statement": STATEMENTS,
    "discipline_level": {lvl: f"tingkat {lvl}" for lvl in LEVELS}}
STATUS_LABELS = {"open": "berjalan", "closed": "selesai"}
_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember")


def _when(v: str) -> str:
    """ "2025-04-10T09:00" -> "10 April 2025 pukul 09.00" (unchanged when not a date-time)."""
    try:
        d = datetime.fromisoformat(v)
    except (TypeError, ValueError):
        return v
    out = f"{d.day} {_MONTHS[d.month - 1]} {d.year}"
    return out + (f" pukul {d:%H.%M}" if "T" in v or " " in v.strip() else "")


def step_field_label(stage: str, key: str) -> str:
    return STEP_FIELD_LABELS.get((stage, key)) or FIELD_LABELS.get(key) or key.replace("_", " ").capitalize()


def step_record(stage: str, data: dict | None) -> list[tuple[str, str]]:
    """A step's record in Indonesian, in the order of FIELD_LABELS: [(label, value), ...]; empty fields left out.

    The stored `data` (and the JSON API) keep the raw keys and values."""
    data = data or {}
    out = []
    for key in [k for k in FIELD_LABELS if k in data] + [k for k in data if k not in FIELD_LABELS]:
        v = data[key]
        if v is None or v == "" or v == []:
            continue
        if isinstance(v, (list, tuple)):
            text = ", ".join(str(x) for x in v)
        elif key == "statement" and stage != "putusan":
            text = str(v)
        elif key == "hearing_at":
            text = _when(str(v))
        else:
            text = VALUE_LABELS.get(key, {}).get(str(v), str(v)) if not isinstance(v, bool) else ("ya" if v else "tidak")
        out.append((step_field_label(stage, key), text))
    return out


RULE_TITLES = {1: "kebencian terhadap Pancasila, UUD 1945, NKRI, pemerintah", 2: "kebencian SARA",
               3: "menyebarkan/menyetujui konten kebencian", 4: "berita bohong/tidak dapat dipertanggungjawabkan",
               5: "merendahkan simbol negara", 6: "informasi keamanan dan ketertiban yang dikecualikan",
               7: "siaran langsung pada jam dinas/berseragam"}


def _due(s: Session, stage: str, start: datetime, unit_id: int | None = None) -> datetime:
    """Due date of a step: `deadline.<stage>` working days of the case's unit (its zone's office days)."""
    days = int(config.get(s, f"deadline.{stage}"))
    return config.working_days_after(s, start, days, unit_id)


JOINABLE = tuple(ORDER[:ORDER.index("pemanggilan")])  # after the summons a case examines only what it has


def open_or_join(s: Session, actor: Actor, f: Finding) -> Case:
    """The employee's open case of the finding's unit, still before the summons (the finding joins it), or a
    new case at step 'diterima' in the unit of the activity's time.

    The employee's row is locked first, so reviewers confirming findings of one employee at once end with
    one case, not several."""
    s.execute(select(Staff.id).where(Staff.id == f.staff_id).with_for_update())
    case = s.scalar(select(Case).where(Case.staff_id == f.staff_id, Case.unit_id == f.unit_id, Case.status == "open",
                                       Case.stage.in_(JOINABLE)).order_by(Case.id))
    if case is None:
        now = utcnow()
        case = Case(number=f"tmp-{hashlib.sha1(f'{now}-{f.id}'.encode()).hexdigest()[:12]}", staff_id=f.staff_id,
                    unit_id=f.unit_id, opened_by=actor.id, opened_at=now)
        s.add(case)
        s.flush()
        case.number = f"KE-{now.year}-{case.id:05d}"
        s.add(CaseStep(case_id=case.id, stage=ORDER[0], officer_id=actor.id, started_at=now,
                       due_at=_due(s, ORDER[0], now, case.unit_id)))
        audit.record(s, actor, "case.open", "case", case.id, unit_id=case.unit_id,
                     detail={"number": case.number, "staff_id": case.staff_id, "finding_id": f.id})
        from .notices import notify_case_opened
        notify_case_opened(s, case)
    else:
        audit.record(s, actor, "case.join", "case", case.id, unit_id=case.unit_id, detail={"finding_id": f.id})
    f.case_id = case.id
    return case


def withdraw_if_empty(s: Session, actor: Actor, case: Case, reason: str) -> None:
    """A case whose last finding was taken back is closed as withdrawn (it never becomes an empty case)."""
    if s.scalar(select(func.count()).select_from(Finding).where(Finding.case_id == case.id)):
        return
    now = utcnow()
    for st in case.steps:
        if st.completed_at is None:
            st.completed_at, st.completed_by, st.recorded_at = now, actor.id, now
            st.notes = f"Kasus dicabut: {reason}"
    case.status, case.stage, case.closed_at, case.outcome = "closed", "selesai", now, "withdrawn"
    audit.record(s, actor, "case.withdrawn", "case", case.id, unit_id=case.unit_id, detail={"reason": reason})


def _current(case: Case) -> CaseStep | None:
    open_steps = [st for st in case.steps if st.completed_at is None]
    return open_steps[-1] if open_steps else None


def case_dict(s: Session, c: Case, full: bool = False) -> dict[str, Any]:
    cur = _current(c)
    now = utcnow()
    d = {"id": c.id, "number": c.number, "staff_id": c.staff_id, "staff_name": c.staff.name, "nip": c.staff.nip,
         "unit_id": c.unit_id, "unit": c.unit.name, "tz": c.unit.timezone, "stage": c.stage, "stage_label": STAGE_LABELS.get(c.stage, c.stage),
         "status": c.status, "opened_at": c.opened_at.isoformat(),
         "closed_at": c.closed_at.isoformat() if c.closed_at else None, "outcome": c.outcome,
         "outcome_label": OUTCOMES.get(c.outcome or "", None), "sanction_statement": c.sanction_statement,
         "discipline_level": c.discipline_level,
         "due_at": cur.due_at.isoformat() if cur and cur.due_at else None,
         "overdue": bool(cur and cur.due_at and cur.due_at < now),
         "officer_id": cur.officer_id if cur else None,
         "officer": (cur.officer.full_name or cur.officer.username) if cur and cur.officer else None}
    if full:
        d["decision_text"] = c.decision_text
        d["steps"] = [{"id": st.id, "stage": st.stage, "label": STAGE_LABELS.get(st.stage, st.stage),
                       "officer_id": st.officer_id,
                       "officer": (st.officer.full_name or st.officer.username) if st.officer else None,
                       "started_at": st.started_at.isoformat(), "due_at": st.due_at.isoformat() if st.due_at else None,
                       "completed_at": st.completed_at.isoformat() if st.completed_at else None,
                       "overdue": bool(st.due_at and (st.completed_at or now) > st.due_at),
                       "notes": st.notes, "data": st.data} for st in c.steps]
        from .findings import finding_dict
        d["findings"] = [finding_dict(f, full=True) for f in
                         s.scalars(select(Finding).where(Finding.case_id == c.id).order_by(Finding.id))]
        docs = list(s.scalars(select(CaseDocument).where(CaseDocument.case_id == c.id).order_by(CaseDocument.id)))
        latest = {doc.kind: doc.id for doc in docs}
        d["documents"] = [{"id": doc.id, "kind": doc.kind, "label": DOC_KINDS.get(doc.kind, doc.kind),
                           "filename": doc.filename, "sha256": doc.sha256, "created_at": doc.created_at.isoformat(),
                           "latest": latest[doc.kind] == doc.id} for doc in docs]
        d["attachments"] = attachments(s, c.id)
        d["procedure"] = procedure(c)
        prior = s.scalars(select(Case).where(Case.staff_id == c.staff_id, Case.id != c.id).order_by(Case.opened_at))
        d["other_cases"] = [{"id": o.id, "number": o.number, "status": o.status,
                             "status_label": STATUS_LABELS.get(o.status, o.status), "stage": o.stage,
                             "stage_label": STAGE_LABELS.get(o.stage, o.stage), "outcome": o.outcome,
                             "outcome_label": OUTCOMES.get(o.outcome or "", None),
                             "opened_at": o.opened_at.isoformat()} for o in prior]
        d["next_stage"] = _next(c.stage)
        d["stages"] = [{"key": k, "label": label} for k, label, _ in STAGES]
    return d


def procedure(c: Case) -> list[dict]:
    """The whole Ditjenpas procedure for this case: each step done, current, still to come, or not needed
    (a case closed early, e.g. no breach found, skips the rest)."""
    by_stage = {st.stage: st for st in c.steps}
    out = []
    for key, label, _ in STAGES:
        st = by_stage.get(key)
        if st is not None and st.completed_at is not None:
            state = "done"
        elif st is not None:
            state = "current"
        else:
            state = "skipped" if c.status == "closed" else "todo"
        out.append({"key": key, "label": label, "state": state,
                    "state_label": {"done": "selesai", "current": "berjalan", "todo": "belum",
                                    "skipped": "tidak diperlukan"}[state],
                    "step_id": st.id if st else None,
                    "completed_at": st.completed_at.isoformat() if st and st.completed_at else None,
                    "due_at": st.due_at.isoformat() if st and st.due_at else None,
                    "officer": (st.officer.full_name or st.officer.username) if st and st.officer else None})
    return out


def _next(stage: str) -> str | None:
    if stage not in ORDER:
        return None
    i = ORDER.index(stage)
    return ORDER[i + 1] if i + 1 < len(ORDER) else None


def list_cases(s: Session, actor: Actor, status: str | None = "open", unit_id: int | None = None,
               overdue: bool = False, stage: str | None = None, limit: int = 50, offset: int = 0) -> dict:
    actor.require("cases.read")
    cond = [unit_condition(actor, Case.unit_id)]
    if status and status != "all":
        cond.append(Case.status == status)
    if unit_id:
        cond.append(Case.unit_id == int(unit_id))
    if stage:
        cond.append(Case.stage == stage)
    q = select(Case).where(*cond).order_by(Case.opened_at.desc())
    rows = [case_dict(s, c) for c in s.scalars(q)]
    if overdue:
        rows = [r for r in rows if r["overdue"]]
    return {"total": len(rows), "items": rows[int(offset):int(offset) + int(limit)], "limit": limit, "offset": offset}


def get_case(s: Session, actor: Actor, case_id: int) -> Case:
    actor.require("cases.read")
    c = s.get(Case, case_id)
    if c is None:
        raise NotFound("kasus tidak ditemukan")
    check_unit(s, actor, c.unit_id)
    return c


def case_page(s: Session, actor: Actor, case_id: int) -> dict:
    c = get_case(s, actor, case_id)
    audit.record(s, actor, "case.view", "case", c.id, unit_id=c.unit_id)
    d = case_dict(s, c, full=True)
    d["audit"] = audit.entries(s, "case", str(c.id), limit=100)
    return d


def officers(s: Session, actor: Actor, case: Case) -> list[dict]:
    """Users who may be responsible for a step of this case (kepatuhan/admin who can see its unit)."""
    from .access import can_see_unit
    out = []
    for u in s.scalars(select(User).where(User.role.in_(("kepatuhan", "admin")), User.active.is_(True))
                       .order_by(User.full_name)):
        if can_see_unit(s, Actor.of(u), case.unit_id):
            out.append({"id": u.id, "name": u.full_name or u.username, "username": u.username})
    return out


def assign(s: Session, actor: Actor, case_id: int, officer_id: int) -> dict:
    actor.require("cases.write")
    c = get_case(s, actor, case_id)
    cur = _current(c)
    if cur is None:
        raise Invalid("kasus sudah selesai")
    if int(officer_id) not in {o["id"] for o in officers(s, actor, c)}:
        raise Invalid("petugas tidak berwenang atas unit kasus ini")
    cur.officer_id = int(officer_id)
    audit.record(s, actor, "case.assign", "case", c.id, unit_id=c.unit_id,
                 detail={"stage": cur.stage, "officer_id": int(officer_id)})
    return case_dict(s, c)


def _require(data: dict, *keys: str) -> None:
    missing = [k for k in keys if not str(data.get(k) or "").strip()]
    if missing:
        raise Invalid(f"wajib diisi: {', '.join(missing)}")


def _zone(c: Case):
    from ..staff.dutytime import get_zone
    return get_zone(c.unit.timezone or "") or get_zone("Asia/Jakarta")


def local_today(c: Case) -> date:
    """Today in the case unit's own zone (WIB, WITA or WIT)."""
    return _day(utcnow(), _zone(c))


def _day(d: datetime, zone) -> date:
    return d.astimezone(zone).date()


def _fmt_day(d: date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def _hearing_at(value: Any, zone) -> datetime:
    """The hearing's date-time; a time without offset is the case unit's local time."""
    try:
        d = datetime.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise Invalid("waktu sidang tidak sah (YYYY-MM-DDTHH:MM)") from None
    return d if d.tzinfo else d.replace(tzinfo=zone)


def _done_at(c: Case, cur: CaseStep, done_on: str | None, now: datetime) -> datetime:
    """When the step was done: today (now) or a past day given by the officer, never before the step before it."""
    zone = _zone(c)
    done = now
    if done_on:
        try:
            day = date.fromisoformat(str(done_on)[:10])
        except ValueError:
            raise Invalid(f"tanggal tahap tidak sah: {done_on!r} (YYYY-MM-DD)") from None
        today = _day(now, zone)
        if day > today:
            raise Invalid(f"tanggal tahap ({_fmt_day(day)}) tidak boleh di masa depan")
        if day < today:
            done = datetime.combine(day, time(12), zone)
    before = [st.completed_at for st in c.steps if st.completed_at is not None and st is not cur]
    previous = max(before) if before else c.opened_at
    if _day(done, zone) < _day(previous, zone):
        raise Invalid(f"tanggal tahap ({_fmt_day(_day(done, zone))}) tidak boleh sebelum tahap sebelumnya "
                      f"({_fmt_day(_day(previous, zone))}): tahap dicatat berurutan")
    return done


def _check_record(c: Case, stage: str, data: dict, notes: str, done: datetime, now: datetime) -> tuple[str | None, str | None]:
    """Validate (and normalise, in place) a step's record; returns (document kind, closing outcome)."""
    zone = _zone(c)
    if stage == "pemeriksaan_awal":
        breach = str(data.get("breach", "ya")).lower()
        if breach not in ("ya", "tidak"):
            raise Invalid("hasil pemeriksaan awal: 'ya' (ada dugaan pelanggaran) atau 'tidak'")
        data["breach"] = breach
        if breach == "tidak":
            if not notes.strip():
                raise Invalid("tuliskan klarifikasi untuk pelapor pada catatan")
            return None, "no_breach"
    elif stage == "pemanggilan":
        _require(data, "hearing_at", "place", "chair")
        hearing = _hearing_at(data["hearing_at"], zone)
        if _day(hearing, zone) < _day(done, zone):
            raise Invalid(f"waktu sidang ({_when(str(data['hearing_at']))}) tidak boleh sebelum tanggal surat "
                          f"panggilan ({_fmt_day(_day(done, zone))})")
        if isinstance(data.get("members"), str):
            data["members"] = [m.strip() for m in data["members"].splitlines() if m.strip()]
        return "summons", None
    elif stage == "pembelaan":
        _require(data, "statement")
    elif stage == "sidang":
        _require(data, "summary")
        planned = _step_data(c, "pemanggilan").get("hearing_at")
        if planned:
            hearing = _hearing_at(planned, zone)
            if now < hearing:
                raise Invalid(f"sidang belum berlangsung (dijadwalkan {_when(str(planned))}): berita acara dicatat "
                              "setelah sidang")
            if _day(done, zone) < _day(hearing, zone):
                raise Invalid(f"tanggal berita acara ({_fmt_day(_day(done, zone))}) tidak boleh sebelum hari sidang "
                              f"({_fmt_day(_day(hearing, zone))})")
        return "hearing_minutes", None
    elif stage == "putusan":
        outcome = data.get("outcome")
        if outcome not in ("not_proven", "proven"):
            raise Invalid("putusan harus 'not_proven' (tidak terbukti) atau 'proven' (terbukti)")
        _require(data, "reasons")
        if outcome == "proven":
            if data.get("statement") not in STATEMENTS:
                raise Invalid("sanksi moral: pilih 'tertutup' atau 'terbuka'")
            lvl = data.get("discipline_level") or None
            if lvl is not None and lvl not in LEVELS:
                raise Invalid("tingkat hukuman disiplin: ringan, sedang atau berat (atau kosong)")
            data["discipline_level"] = lvl
        else:
            data.pop("statement", None)
            data.pop("discipline_level", None)
        return "decision", outcome
    return None, None


def _locked(s: Session, c: Case) -> Case:
    """The case row locked for this transaction and read afresh: officers acting at once go one after the other."""
    s.execute(select(Case.id).where(Case.id == c.id).with_for_update())
    s.refresh(c)
    s.expire(c, ["steps"])
    return c


def advance(s: Session, actor: Actor, case_id: int, notes: str = "", data: dict | None = None,
            officer_id: int | None = None, done_on: str | None = None, expected_stage: str | None = None) -> dict:
    """Complete the current step with its record and start the next one.

    `done_on` (YYYY-MM-DD, default today) dates the step: not in the future, not before the step before it.
    `expected_stage` (the step the officer saw): when someone else completed it meanwhile -> Conflict.
    Step-specific `data`:
      pemeriksaan_awal: breach ("ya"/"tidak"); "tidak" closes the case with a clarification
      pemanggilan: hearing_at (ISO date-time, not before the summons), place, chair, members (list or lines),
                   secretary -> summons PDF
      pembelaan: statement (the employee's statement and defence)
      sidang: summary (what happened at the hearing; only once it took place) -> hearing minutes PDF
      putusan: outcome (not_proven | proven), reasons; when proven: statement (tertutup | terbuka) and
               optionally discipline_level (ringan | sedang | berat) -> decision PDF; the case closes
    """
    actor.require("cases.write")
    c = _locked(s, get_case(s, actor, case_id))
    cur = _current(c)
    if cur is None or c.status != "open":
        raise Invalid("kasus sudah selesai")
    if expected_stage and expected_stage != cur.stage:
        raise Conflict(f"tahap {STAGE_LABELS.get(expected_stage, expected_stage)} sudah diselesaikan orang lain; "
                       f"sekarang: {STAGE_LABELS.get(cur.stage, cur.stage)}. Muat ulang halaman")
    stage = cur.stage
    kept = {k: v for k, v in (cur.data or {}).items() if k.startswith("employee_")}  # what the employee sent
    data = {**kept, **dict(data or {})}
    if stage == "pembelaan" and not str(data.get("statement") or "").strip() and kept.get("employee_statement"):
        data["statement"] = kept["employee_statement"]
    now = utcnow()
    done = _done_at(c, cur, done_on, now)
    doc_kind, close_outcome = _check_record(c, stage, data, notes, done, now)
    if officer_id and int(officer_id) not in {o["id"] for o in officers(s, actor, c)}:
        raise Invalid("petugas tidak berwenang atas unit kasus ini")
    if stage == "putusan":
        c.sanction_statement, c.discipline_level = data.get("statement"), data.get("discipline_level")
        c.decision_text = data["reasons"]
    cur.notes = notes or ""
    cur.data = data
    cur.completed_at, cur.completed_by, cur.recorded_at = done, actor.id, now
    s.flush()
    if doc_kind:
        _generate(s, actor, c, doc_kind)
    nxt = _next(stage)
    if close_outcome or nxt is None:
        c.status, c.stage, c.closed_at, c.outcome = "closed", "selesai", done, close_outcome
    else:
        c.stage = nxt
        s.add(CaseStep(case_id=c.id, stage=nxt, officer_id=int(officer_id) if officer_id else cur.officer_id,
                       started_at=done, due_at=_due(s, nxt, done, c.unit_id)))
    audit.record(s, actor, "case.step", "case", c.id, unit_id=c.unit_id,
                 detail={"completed": stage, "next": c.stage, "notes": notes, "data": data,
                         "done_on": _day(done, _zone(c)).isoformat()})
    s.flush()
    s.refresh(c)
    from .notices import notify_step
    notify_step(s, c)
    return case_dict(s, c, full=True)


def correct_step(s: Session, actor: Actor, case_id: int, step_id: int, reason: str, data: dict | None = None,
                 notes: str | None = None) -> dict:
    """Correct the record of a finished step, with a reason (audited: before and after). The step's date and
    outcome stay; its document is made again from the corrected record."""
    actor.require("cases.write")
    c = get_case(s, actor, case_id)
    st = next((x for x in c.steps if x.id == int(step_id)), None)
    if st is None or st.completed_at is None:
        raise Invalid("hanya tahap yang sudah selesai yang dapat dikoreksi")
    reason = (reason or "").strip()
    if len(reason) < 3:
        raise Invalid("alasan koreksi wajib diisi")
    new = dict(st.data or {})
    new.update({k: v for k, v in (data or {}).items() if k not in ("outcome", "breach")})  # the outcome stands
    new_notes = st.notes if notes is None else notes
    _check_record(c, st.stage, new, new_notes, st.completed_at, utcnow())
    before = {"data": st.data, "notes": st.notes}
    st.data, st.notes = new, new_notes
    if st.stage == "putusan":
        c.sanction_statement, c.discipline_level = new.get("statement"), new.get("discipline_level")
        c.decision_text = new.get("reasons")
    audit.record(s, actor, "case.correct", "case", c.id, unit_id=c.unit_id,
                 detail={"step": st.stage, "reason": reason, "before": before, "after": {"data": new, "notes": new_notes}})
    s.flush()
    existing = set(s.scalars(select(CaseDocument.kind).where(CaseDocument.case_id == c.id)))
    for kind in DOCUMENTS_OF.get(st.stage, ()):  # every letter that quotes this step, made again
        if kind in existing:
            _generate(s, actor, c, kind)
    return case_dict(s, c, full=True)


def regenerate(s: Session, actor: Actor, case_id: int, kind: str) -> dict:
    """Make a document again from the case's records (a new version; the earlier one is kept)."""
    actor.require("cases.write")
    c = get_case(s, actor, case_id)
    stage = {"summons": "pemanggilan", "hearing_minutes": "sidang", "decision": "putusan"}.get(kind)
    if stage is None:
        raise Invalid(f"jenis dokumen tidak dikenal: {kind!r}")
    if not any(st.stage == stage and st.completed_at for st in c.steps):
        raise Invalid(f"{DOC_KINDS[kind]} belum dapat dibuat: tahap {STAGE_LABELS[stage]} belum selesai")
    _generate(s, actor, c, kind)
    return case_dict(s, c, full=True)


# --- documents ---------------------------------------------------------------------------------------

def _step_data(c: Case, stage: str) -> dict:
    for st in reversed(c.steps):
        if st.stage == stage and st.completed_at is not None:
            return st.data or {}
    return {}


def letter_context(s: Session, c: Case, kind: str) -> dict:
    unit = c.unit
    region = s.get(Region, unit.region_id)
    hearing = _step_data(c, "pemanggilan")
    defence = _step_data(c, "pembelaan")
    hearing_rec = _step_data(c, "sidang")
    decision = _step_data(c, "putusan")
    zone = _zone(c)
    stage = {"summons": "pemanggilan", "hearing_minutes": "sidang", "decision": "putusan"}[kind]
    done = next((st.completed_at for st in reversed(c.steps) if st.stage == stage and st.completed_at), None)
    today = _day(done or utcnow(), zone)  # the letter is dated the day its step was done
    findings = []
    for f in s.scalars(select(Finding).where(Finding.case_id == c.id, Finding.status == "confirmed")
                       .order_by(Finding.id)):
        findings.append({"rule": f.rule, "rule_title": RULE_TITLES.get(f.rule, ""), "explanation": f.explanation,
                         "quotes": [e.get("quote", "") for e in f.evidence or []], "basis": f.basis or [],
                         "confidence": f.confidence, "activity_id": f.activity_id,
                         "date": _day(f.activity_at, zone).isoformat() if f.activity_at else None,
                         "source": f"aktivitas {f.activity_id} (batch {f.batch_id} baris {f.line_no})"})
    signatory = {"name": hearing.get("chair") or "", "position": "Ketua Majelis Kode Etik"}
    seq = {"summons": "SP", "hearing_minutes": "BA", "decision": "KEP"}[kind]
    return {
        "org": "Direktorat Jenderal Pemasyarakatan",
        "number": f"{seq}/{c.number}/{today.year}",
        "date": today.isoformat(),
        "city": unit.city or "",
        "unit": unit.name,
        "region": region.name if region else "",
        "address": unit.address or "",
        "employee": {"name": c.staff.name, "nip": c.staff.nip, "position": c.staff.position,
                     "unit": c.staff.unit.name if c.staff.unit else unit.name},
        "case": {"id": c.number, "opened": _day(c.opened_at, zone).isoformat(),
                 "summary": "; ".join(f"larangan {f['rule']} ({f['rule_title']})" for f in findings)},
        "findings": findings,
        "hearing": {"date": hearing.get("hearing_at"), "time": _hearing_time(hearing.get("hearing_at"), zone),
                    "place": hearing.get("place"), "chair": hearing.get("chair"),
                    "members": hearing.get("members") or [], "secretary": hearing.get("secretary"),
                    "summary": hearing_rec.get("summary")},
        "statement": defence.get("statement", ""),
        "signatory": signatory,
        "decision": {"proven": {"proven": True, "not_proven": False}.get(decision.get("outcome")),
                     "statement": decision.get("statement"), "discipline_level": decision.get("discipline_level"),
                     "discipline_penalty": decision.get("discipline_penalty") or None,
                     "reasons": decision.get("reasons")}
        if decision else {"proven": None, "reasons": None},
    }


def _hearing_time(value: Any, zone) -> str | None:
    """ "09.00 WIB": the hearing's time in the case unit's zone."""
    if not value:
        return None
    from ..staff.dutytime import zone_label
    try:
        d = _hearing_at(value, zone).astimezone(zone)
    except Invalid:
        return None
    return f"{d:%H.%M} {zone_label(str(zone.key) if hasattr(zone, 'key') else str(zone))}"


def _generate(s: Session, actor: Actor, c: Case, kind: str) -> CaseDocument:
    try:
        pdf = paperwork.letter(kind, letter_context(s, c, kind))
    except ValueError as e:  # a required item of the letter is missing: the step is not completed
        raise Invalid(f"{DOC_KINDS[kind]} tidak dapat dibuat: {e}") from None
    doc = CaseDocument(case_id=c.id, kind=kind, filename=f"{c.number}-{DOC_SLUGS[kind]}.pdf", content=pdf,
                       sha256=hashlib.sha256(pdf).hexdigest(), created_by=actor.id)
    s.add(doc)
    s.flush()
    audit.record(s, actor, "case.document", "case", c.id, unit_id=c.unit_id,
                 detail={"document_id": doc.id, "kind": kind, "sha256": doc.sha256})
    return doc


def get_document(s: Session, actor: Actor, doc_id: int) -> CaseDocument:
    doc = s.get(CaseDocument, doc_id)
    from .selfservice import may_read_document
    if doc is not None and not actor.can("documents.read") and may_read_document(s, actor, doc):
        c = s.get(Case, doc.case_id)  # the employee's own letter
    else:
        actor.require("documents.read")
        if doc is None:
            raise NotFound("dokumen tidak ditemukan")
        c = get_case(s, actor, doc.case_id)
    audit.record(s, actor, "case.document_view", "case", c.id, unit_id=c.unit_id, detail={"document_id": doc.id})
    return doc


# --- attachments: signed letters and evidence files ---------------------------------------------------

ATTACHMENT_KINDS = {"letter": "Surat bertanda tangan", "evidence": "Berkas bukti"}


def attachments(s: Session, case_id: int) -> list[dict]:
    return [{"id": a.id, "kind": a.kind, "kind_label": ATTACHMENT_KINDS.get(a.kind, a.kind), "title": a.title,
             "filename": a.filename, "size": a.size, "sha256": a.sha256, "created_at": a.created_at.isoformat()}
            for a in s.scalars(select(CaseAttachment).where(CaseAttachment.case_id == case_id)
                               .order_by(CaseAttachment.id))]


def attach(s: Session, actor: Actor, case_id: int, kind: str, title: str, filename: str, path: str,
           media_type: str = "") -> CaseAttachment:
    """Keep a file (on disk at `path`) with the case, with its SHA-256; the log records who added what."""
    actor.require("cases.write")
    c = get_case(s, actor, case_id)
    if kind not in ATTACHMENT_KINDS:
        raise Invalid(f"jenis lampiran: {', '.join(ATTACHMENT_KINDS)}")
    import os
    size = os.path.getsize(path)
    if size == 0:
        raise Invalid("berkas kosong")
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
        f.seek(0)
        content = f.read()
    name = os.path.basename((filename or "lampiran").replace("\\", "/"))[:200] or "lampiran"
    a = CaseAttachment(case_id=c.id, kind=kind, title=(title or "").strip()[:300] or name, filename=name,
                       media_type=(media_type or "application/octet-stream")[:100], size=size, sha256=h.hexdigest(),
                       content=content, created_by=actor.id)
    s.add(a)
    s.flush()
    audit.record(s, actor, "case.attachment", "case", c.id, unit_id=c.unit_id,
                 detail={"attachment_id": a.id, "kind": kind, "filename": name, "sha256": a.sha256, "size": size})
    return a


def get_attachment(s: Session, actor: Actor, attachment_id: int) -> CaseAttachment:
    actor.require("documents.read")
    a = s.get(CaseAttachment, attachment_id)
    if a is None:
        raise NotFound("lampiran tidak ditemukan")
    c = get_case(s, actor, a.case_id)
    audit.record(s, actor, "case.attachment_view", "case", c.id, unit_id=c.unit_id, detail={"attachment_id": a.id})
    return a


def overdue_cases(s: Session, actor: Actor, limit: int = 20) -> list[dict]:
    now = utcnow()
    q = (select(Case).join(CaseStep, CaseStep.case_id == Case.id)
         .where(unit_condition(actor, Case.unit_id), Case.status == "open", CaseStep.completed_at.is_(None),
                CaseStep.due_at < now).order_by(CaseStep.due_at).limit(limit))
    return [case_dict(s, c) for c in s.scalars(q)]


def count_open(s: Session, actor: Actor) -> int:
    return s.scalar(select(func.count()).select_from(Case).where(unit_condition(actor, Case.unit_id),
                                                                 Case.status == "open")) or 0


def unit_of(s: Session, unit_id: int) -> Unit | None:
    return s.get(Unit, unit_id)
