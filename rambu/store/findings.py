"""The review queue: findings filtered by rule, unit, confidence and date; confirm or dismiss with a reason.

Every verdict is kept in `feedback` (with the activity's texts) for retraining.
A confirmed finding opens a case for the employee, or joins the open one.
"""
from __future__ import annotations

from datetime import datetime, time, timezone
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import audit
from .access import Actor, Invalid, NotFound, check_unit, unit_condition
from .models import BatchLine, Feedback, Finding, Region, Staff, Unit, utcnow

STATUS_LABELS = {"open": "menunggu tinjauan", "confirmed": "dikonfirmasi", "dismissed": "ditolak"}


def finding_dict(f: Finding, full: bool = False) -> dict[str, Any]:
    d = {"id": f.id, "batch_id": f.batch_id, "line": f.line_no, "activity_id": f.activity_id,
         "staff_id": f.staff_id, "staff_name": f.staff.name if f.staff else None, "nip": f.nip,
         "unit_id": f.unit_id, "unit": f.unit.name if f.unit else None, "rule": f.rule,
         "confidence": f.confidence, "needs_review": f.needs_review, "decision": f.decision,
         "explanation": f.explanation, "status": f.status, "status_label": STATUS_LABELS.get(f.status, f.status),
         "case_id": f.case_id, "activity_at": f.activity_at.isoformat() if f.activity_at else None,
         "created_at": f.created_at.isoformat()}
    if full:
        d.update({"evidence": f.evidence, "basis": f.basis, "sanction": f.sanction, "detector": f.detector,
                  "score_detail": f.score_detail, "engine": f.engine, "reviewed_by": f.reviewed_by,
                  "reviewed_at": f.reviewed_at.isoformat() if f.reviewed_at else None,
                  "review_reason": f.review_reason})
    return d


def _date(v: str | None, end: bool = False) -> datetime | None:
    if not v:
        return None
    try:
        d = datetime.fromisoformat(v)
    except ValueError:
        raise Invalid(f"tanggal tidak sah: {v!r} (YYYY-MM-DD)") from None
    if len(v) <= 10:
        d = datetime.combine(d.date(), time.max if end else time.min)
    return d if d.tzinfo else d.replace(tzinfo=timezone.utc)


def filter_conditions(s: Session, actor: Actor, rule: int | None = None, unit_id: int | None = None,
                      region_id: int | None = None, min_confidence: float | None = None,
                      max_confidence: float | None = None, date_from: str | None = None, date_to: str | None = None,
                      status: str | None = None, staff_id: int | None = None, batch_id: int | None = None) -> list:
    cond = [unit_condition(actor, Finding.unit_id)]
    if rule:
        cond.append(Finding.rule == int(rule))
    if unit_id:
        cond.append(Finding.unit_id == int(unit_id))
    if region_id:
        cond.append(Finding.unit_id.in_(select(Unit.id).where(Unit.region_id == int(region_id))))
    if min_confidence not in (None, ""):
        cond.append(Finding.confidence >= float(min_confidence))
    if max_confidence not in (None, ""):
        cond.append(Finding.confidence <= float(max_confidence))
    if date_from:
        cond.append(Finding.activity_at >= _date(date_from))
    if date_to:
        cond.append(Finding.activity_at <= _date(date_to, end=True))
    if status and status != "all":
        if status not in STATUS_LABELS:
            raise Invalid(f"status tidak dikenal: {status!r}")
        cond.append(Finding.status == status)
    if staff_id:
        cond.append(Finding.staff_id == int(staff_id))
    if batch_id:
        cond.append(Finding.batch_id == int(batch_id))
    return cond


def list_findings(s: Session, actor: Actor, limit: int = 50, offset: int = 0, **filters) -> dict:
    actor.require("findings.read")
    cond = filter_conditions(s, actor, **filters)
    total = s.scalar(select(func.count()).select_from(Finding).where(*cond))
    rows = s.scalars(select(Finding).where(*cond)
                     .order_by(Finding.needs_review.asc(), Finding.confidence.desc(), Finding.id)
                     .limit(min(int(limit), 500)).offset(int(offset)))
    return {"total": total, "limit": limit, "offset": offset, "filters": {k: v for k, v in filters.items() if v},
            "items": [finding_dict(f) for f in rows]}


def _activity(s: Session, f: Finding) -> dict | None:
    import json
    raw = s.scalar(select(BatchLine.raw).where(BatchLine.batch_id == f.batch_id, BatchLine.line_no == f.line_no))
    if raw is None:
        return None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return None


def get_finding(s: Session, actor: Actor, finding_id: int) -> Finding:
    actor.require("findings.read")
    f = s.get(Finding, finding_id)
    if f is None:
        raise NotFound("temuan tidak ditemukan")
    check_unit(s, actor, f.unit_id)
    return f


def finding_page(s: Session, actor: Actor, finding_id: int) -> dict:
    f = get_finding(s, actor, finding_id)
    d = finding_dict(f, full=True)
    d["activity"] = _activity(s, f)
    d["feedback"] = [{"verdict": fb.verdict, "reason": fb.reason, "user_id": fb.user_id,
                      "created_at": fb.created_at.isoformat()}
                     for fb in s.scalars(select(Feedback).where(Feedback.finding_id == f.id).order_by(Feedback.id))]
    audit.record(s, actor, "finding.view", "finding", f.id, unit_id=f.unit_id)
    return d


def _texts(activity: dict | None) -> dict:
    if not isinstance(activity, dict):
        return {}
    out = {}
    if isinstance(activity.get("text"), str):
        out["text"] = activity["text"]
    t = activity.get("target")
    if isinstance(t, dict) and isinstance(t.get("text"), str):
        out["target.text"] = t["text"]
    for i, m in enumerate(activity.get("media") or []):
        if isinstance(m, dict):
            for k in ("ocr_text", "transcript"):
                if isinstance(m.get(k), str):
                    out[f"media[{i}].{k}"] = m[k]
    return out


def review(s: Session, actor: Actor, finding_id: int, verdict: str, reason: str) -> dict:
    """Confirm or dismiss a finding; a confirmation opens or joins the employee's case."""
    actor.require("findings.review")
    f = get_finding(s, actor, finding_id)
    if verdict not in ("confirm", "dismiss"):
        raise Invalid("putusan tinjauan harus 'confirm' atau 'dismiss'")
    reason = (reason or "").strip()
    if len(reason) < 3:
        raise Invalid("alasan wajib diisi")
    if f.status != "open":
        raise Invalid(f"temuan sudah {STATUS_LABELS[f.status]}")
    case = None
    if verdict == "confirm":
        if f.staff_id is None:
            raise Invalid("pelaku tidak ada di direktori pegawai (NIP tidak dikenal): daftarkan pegawai dulu, "
                          "lalu konfirmasi temuan ini")
        from .cases import open_or_join
        case = open_or_join(s, actor, f)
    f.status = "confirmed" if verdict == "confirm" else "dismissed"
    f.reviewed_by, f.reviewed_at, f.review_reason = actor.id, utcnow(), reason
    s.add(Feedback(finding_id=f.id, user_id=actor.id, verdict=f.status, reason=reason, rule=f.rule,
                   detector=f.detector, confidence=f.confidence, texts=_texts(_activity(s, f))))
    audit.record(s, actor, f"finding.{f.status}", "finding", f.id, unit_id=f.unit_id,
                 detail={"reason": reason, "case_id": case.id if case else None})
    return {"finding": finding_dict(f), "case_id": case.id if case else None,
            "case_number": case.number if case else None}


def feedback_export(s: Session, actor: Actor) -> list[dict]:
    """Reviewer verdicts with texts, for retraining (admin only)."""
    actor.require("admin")
    return [{"finding_id": fb.finding_id, "rule": fb.rule, "detector": fb.detector, "confidence": fb.confidence,
             "verdict": fb.verdict, "reason": fb.reason, "texts": fb.texts, "created_at": fb.created_at.isoformat()}
            for fb in s.scalars(select(Feedback).order_by(Feedback.id))]


def region_name(s: Session, unit_id: int) -> str | None:
    return s.scalar(select(Region.name).join(Unit, Unit.region_id == Region.id).where(Unit.id == unit_id))


def staff_name(s: Session, staff_id: int | None) -> str | None:
    return s.scalar(select(Staff.name).where(Staff.id == staff_id)) if staff_id else None
