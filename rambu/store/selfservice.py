"""What an employee sees of their own record: confirmed findings, their cases with the whole procedure and the
letters addressed to them, and where they submit their statement and defence."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit
from .access import Actor, Invalid, NotFound
from .models import Case, CaseDocument, Finding, Staff, utcnow

MAX_STATEMENT = 20_000
OWN_DOCUMENTS = ("summons", "decision")  # the letters addressed to the employee


def own_staff(s: Session, actor: Actor) -> Staff:
    m = s.scalar(select(Staff).where(Staff.nip == actor.nip)) if actor.nip else None
    if m is None:
        raise NotFound("akun Anda tidak tertaut ke data pegawai (NIP); hubungi administrator")
    return m


def my_record(s: Session, actor: Actor) -> dict:
    from .cases import DOC_KINDS, OUTCOMES, STATUS_LABELS, procedure
    from .config import STAGE_LABELS
    from .findings import finding_dict
    m = own_staff(s, actor)
    fs = s.scalars(select(Finding).where(Finding.staff_id == m.id, Finding.status == "confirmed")
                   .order_by(Finding.activity_at.desc()))
    out = {"name": m.name, "nip": m.nip, "findings": [], "cases": []}
    for f in fs:
        d = finding_dict(f)
        out["findings"].append({k: d[k] for k in ("id", "rule", "rule_name", "quote", "platform_label", "activity_at",
                                                  "explanation", "case_id")})
    for c in s.scalars(select(Case).where(Case.staff_id == m.id).order_by(Case.opened_at.desc())):
        cur = next((st for st in reversed(c.steps) if st.completed_at is None), None)
        docs = s.scalars(select(CaseDocument).where(CaseDocument.case_id == c.id,
                                                    CaseDocument.kind.in_(OWN_DOCUMENTS)).order_by(CaseDocument.id))
        out["cases"].append({
            "id": c.id, "number": c.number, "status": c.status, "status_label": STATUS_LABELS.get(c.status, c.status),
            "stage_label": STAGE_LABELS.get(c.stage, c.stage), "outcome_label": OUTCOMES.get(c.outcome or ""),
            "opened_at": c.opened_at.isoformat(), "procedure": procedure(c),
            "documents": [{"id": d.id, "label": DOC_KINDS.get(d.kind, d.kind), "created_at": d.created_at.isoformat()}
                          for d in docs],
            "can_defend": c.status == "open" and cur is not None and cur.stage == "pembelaan",
            "statement": (cur.data or {}).get("employee_statement") if cur is not None else None})
    audit.record(s, actor, "self.view", "staff", m.id, unit_id=m.unit_id)
    return out


def submit_defence(s: Session, actor: Actor, case_id: int, text: str) -> None:
    """The employee's written statement and defence, while their case waits for it (step 'pembelaan')."""
    m = own_staff(s, actor)
    c = s.get(Case, case_id)
    if c is None or c.staff_id != m.id:
        raise NotFound("kasus tidak ditemukan")
    cur = next((st for st in reversed(c.steps) if st.completed_at is None), None)
    if c.status != "open" or cur is None or cur.stage != "pembelaan":
        raise Invalid("keterangan dan pembelaan hanya dapat disampaikan pada tahap pembelaan")
    text = (text or "").strip()
    if len(text) < 10:
        raise Invalid("tuliskan keterangan dan pembelaan Anda (minimal 10 karakter)")
    if len(text) > MAX_STATEMENT:
        raise Invalid(f"keterangan terlalu panjang (maks. {MAX_STATEMENT:,} karakter)".replace(",", "."))
    cur.data = {**(cur.data or {}), "employee_statement": text, "employee_statement_at": utcnow().isoformat()}
    audit.record(s, actor, "case.defence", "case", c.id, unit_id=c.unit_id, detail={"length": len(text)})


def may_read_document(s: Session, actor: Actor, doc: CaseDocument) -> bool:
    """An employee may download the letters of their own cases."""
    if doc.kind not in OWN_DOCUMENTS or not actor.nip:
        return False
    c = s.get(Case, doc.case_id)
    return c is not None and c.staff.nip == actor.nip
