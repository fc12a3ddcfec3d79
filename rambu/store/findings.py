"""The review queue: findings filtered by rule, unit, confidence and date; confirm or dismiss with a reason.

Every verdict is kept in `feedback` (with the activity's texts) for retraining.
A confirmed finding opens a case for the employee, or joins the open one.
"""
from __future__ import annotations

from datetime import datetime, time, timezone
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from . import audit
from .access import Actor, Conflict, Invalid, NotFound, can_see_unit, check_unit, unit_condition
from .config import STAGE_LABELS
from .models import BatchLine, Case, Feedback, Finding, Region, Staff, Unit, utcnow

STATUS_LABELS = {"open": "menunggu tinjauan", "confirmed": "dikonfirmasi", "dismissed": "ditolak"}
RULE_NAMES = {1: "Kebencian terhadap Pancasila, UUD 1945, NKRI, pemerintah", 2: "Kebencian SARA",
              3: "Menyebarkan/menyetujui konten kebencian", 4: "Berita bohong/tidak dapat dipertanggungjawabkan",
              5: "Merendahkan simbol negara", 6: "Informasi keamanan yang dikecualikan",
              7: "Siaran langsung pada jam dinas/berseragam", 0: "Media belum terperiksa (perlu diperiksa manual)"}
PLATFORM_LABELS = {"instagram": "Instagram", "facebook": "Facebook", "x": "X (Twitter)", "tiktok": "TikTok",
                   "youtube": "YouTube", "whatsapp": "WhatsApp", "threads": "Threads", "other": "lainnya"}
# the queue's orders: name -> (label, SQL order)
SORTS = {
    "prioritas": ("Prioritas (pasti dulu, keyakinan tertinggi)", (Finding.needs_review.asc(), Finding.confidence.desc(), Finding.id)),
    "keyakinan": ("Keyakinan tertinggi", (Finding.confidence.desc(), Finding.id)),
    "keyakinan_naik": ("Keyakinan terendah", (Finding.confidence.asc(), Finding.id)),
    "terbaru": ("Aktivitas terbaru", (Finding.activity_at.desc(), Finding.id.desc())),
    "terlama": ("Aktivitas terlama", (Finding.activity_at.asc(), Finding.id)),
    "larangan": ("Nomor larangan", (Finding.rule.asc(), Finding.confidence.desc(), Finding.id)),
}


def safe_url(url: str | None) -> str | None:
    """Only web addresses are shown as links (never javascript: or data: from an uploaded batch)."""
    return url if isinstance(url, str) and url.lower().startswith(("https://", "http://")) else None


def _quote(evidence: Any) -> str | None:
    for e in evidence or []:
        if isinstance(e, dict) and e.get("quote"):
            return str(e["quote"])[:300]
    return None


def finding_dict(f: Finding, full: bool = False) -> dict[str, Any]:
    d = {"id": f.id, "batch_id": f.batch_id, "line": f.line_no, "activity_id": f.activity_id,
         "rule_name": RULE_NAMES.get(f.rule, ""), "quote": _quote(f.evidence), "platform": f.platform,
         "platform_label": PLATFORM_LABELS.get(f.platform or "", f.platform), "url": safe_url(f.url),
         "confidence_pct": round(f.confidence * 100),
         "staff_id": f.staff_id, "staff_name": f.staff.name if f.staff else None, "nip": f.nip,
         "unit_id": f.unit_id, "unit": f.unit.name if f.unit else None, "tz": f.unit.timezone if f.unit else None,
         "rule": f.rule,
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
                      status: str | None = None, staff_id: int | None = None, batch_id: int | None = None,
                      q: str | None = None) -> list:
    cond = [unit_condition(actor, Finding.unit_id)]
    if q and q.strip():
        like = f"%{q.strip().lower()[:100]}%"
        names = select(Staff.id).where(func.lower(Staff.name).like(like))
        cond.append(func.lower(Finding.excerpt).like(like) | func.lower(Finding.explanation).like(like)
                    | Finding.nip.like(like) | func.lower(Finding.activity_id).like(like) | Finding.staff_id.in_(names))
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


def list_findings(s: Session, actor: Actor, limit: int = 50, offset: int = 0, sort: str = "prioritas",
                  **filters) -> dict:
    actor.require("findings.read")
    if sort not in SORTS:
        raise Invalid(f"urutan tidak dikenal: {sort!r} (pilih: {', '.join(SORTS)})")
    cond = filter_conditions(s, actor, **filters)
    total = s.scalar(select(func.count()).select_from(Finding).where(*cond))
    rows = s.scalars(select(Finding).where(*cond).order_by(*SORTS[sort][1])
                     .limit(min(int(limit), 500)).offset(int(offset)))
    return {"total": total, "limit": limit, "offset": offset, "sort": sort,
            "filters": {k: v for k, v in filters.items() if v}, "items": [finding_dict(f) for f in rows]}


def counts(s: Session, actor: Actor) -> dict[str, int]:
    """The navigation's counters: findings waiting for review, open cases (in the user's scope)."""
    out = {}
    if actor.can("findings.review"):
        out["findings"] = s.scalar(select(func.count()).select_from(Finding).where(
            unit_condition(actor, Finding.unit_id), Finding.status == "open")) or 0
    if actor.can("cases.read"):
        out["cases"] = s.scalar(select(func.count()).select_from(Case).where(
            unit_condition(actor, Case.unit_id), Case.status == "open")) or 0
    return out


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


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < 3:
        raise Invalid("alasan wajib diisi")
    return reason


def review(s: Session, actor: Actor, finding_id: int, verdict: str, reason: str) -> dict:
    """Confirm or dismiss a finding: one transition from "menunggu tinjauan", guarded in the database.

    The status changes by a conditional UPDATE (only while still open): of reviewers acting at once exactly
    one wins, the others get `Conflict`. A confirmation opens or joins the employee's case.
    """
    actor.require("findings.review")
    f = get_finding(s, actor, finding_id)
    if verdict not in ("confirm", "dismiss"):
        raise Invalid("putusan tinjauan harus 'confirm' atau 'dismiss'")
    reason = _reason(reason)
    if verdict == "confirm" and f.rule == 0:
        raise Invalid("temuan 'media belum terperiksa' bukan dugaan pelanggaran dan tidak dapat dikonfirmasi: periksa "
                      "medianya secara manual; bila aman, tolak temuan ini dengan alasannya, bila melanggar, catat "
                      "alasannya lalu unggah ulang aktivitas dengan teks/transkrip medianya agar disaring")
    if verdict == "confirm" and f.staff_id is None:
        raise Invalid("pelaku tidak ada di direktori pegawai (NIP tidak dikenal): daftarkan pegawai atau tautkan "
                      "temuan ke pegawai dulu, lalu konfirmasi temuan ini")
    status = "confirmed" if verdict == "confirm" else "dismissed"
    now = utcnow()
    took = s.execute(update(Finding).where(Finding.id == f.id, Finding.status == "open")
                     .values(status=status, reviewed_by=actor.id, reviewed_at=now, review_reason=reason)
                     .execution_options(synchronize_session=False)).rowcount
    s.refresh(f)
    if took != 1:
        raise Conflict(f"temuan #{f.id} sudah {STATUS_LABELS.get(f.status, f.status)} oleh peninjau lain; "
                       "muat ulang halaman")
    case = None
    if verdict == "confirm":
        from .cases import open_or_join
        case = open_or_join(s, actor, f)
    s.add(Feedback(finding_id=f.id, user_id=actor.id, verdict=f.status, reason=reason, rule=f.rule,
                   detector=f.detector, confidence=f.confidence, texts=_texts(_activity(s, f))))
    audit.record(s, actor, f"finding.{f.status}", "finding", f.id, unit_id=f.unit_id,
                 detail={"reason": reason, "case_id": case.id if case else None})
    return {"finding": finding_dict(f), "case_id": case.id if case else None,
            "case_number": case.number if case else None, "next_id": next_open(s, actor, after=f.id)}


def reopen(s: Session, actor: Actor, finding_id: int, reason: str) -> dict:
    """A senior officer takes a review back ("menunggu tinjauan" again), with a reason, audited.

    A confirmed finding leaves its case, which must still be before the summons; a case left without
    findings is closed as withdrawn. The earlier verdict no longer counts as training data.
    """
    actor.require("findings.reopen")
    f = get_finding(s, actor, finding_id)
    reason = _reason(reason)
    if f.status == "open":
        raise Conflict(f"temuan #{f.id} sudah menunggu tinjauan")
    case = s.get(Case, f.case_id) if f.case_id else None
    if case is not None:
        from .cases import JOINABLE
        if case.status != "open" or case.stage not in JOINABLE:
            raise Invalid(f"temuan ini sudah diperiksa dalam kasus {case.number} (tahap "
                          f"{STAGE_LABELS.get(case.stage, case.stage)}): koreksi lewat kasus, bukan dengan membuka "
                          "ulang tinjauan")
    old = f.status
    took = s.execute(update(Finding).where(Finding.id == f.id, Finding.status == old)
                     .values(status="open", reviewed_by=None, reviewed_at=None, review_reason=None, case_id=None)
                     .execution_options(synchronize_session=False)).rowcount
    if took != 1:
        raise Conflict(f"temuan #{f.id} baru saja diubah oleh orang lain; muat ulang halaman")
    s.refresh(f)
    s.execute(update(Feedback).where(Feedback.finding_id == f.id, Feedback.withdrawn_at.is_(None))
              .values(withdrawn_at=utcnow()).execution_options(synchronize_session=False))
    audit.record(s, actor, "finding.reopened", "finding", f.id, unit_id=f.unit_id,
                 detail={"reason": reason, "was": old, "case_id": case.id if case else None})
    if case is not None:
        from .cases import withdraw_if_empty
        withdraw_if_empty(s, actor, case, reason)
    return finding_dict(f)


def relink(s: Session, actor: Actor, finding_id: int, nip: str | None = None) -> dict:
    """Link a finding of an unknown author to the employee (its NIP, or the one named by the reviewer)."""
    actor.require("findings.review")
    f = get_finding(s, actor, finding_id)
    if f.status != "open":
        raise Invalid("hanya temuan yang menunggu tinjauan yang dapat ditautkan ulang")
    nip = (nip or f.nip or "").strip()
    m = s.scalar(select(Staff).where(Staff.nip == nip)) if nip else None
    if m is None:
        raise Invalid(f"NIP {nip or '-'} tidak ada di direktori pegawai")
    error = _link(s, f, m)
    if error:
        raise Invalid(error)
    audit.record(s, actor, "finding.relinked", "finding", f.id, unit_id=f.unit_id, detail={"nip": nip, "staff_id": m.id})
    return finding_dict(f)


def _link(s: Session, f: Finding, m: Staff) -> str | None:
    """Link `f` to `m` when m's unit at the activity's time is in the scope of the batch's uploader."""
    from .models import Batch, User
    from .postings import postings_of, unit_at
    unit = unit_at(postings_of(s, [m.id]), m.id, m.unit_id, f.activity_at)
    b = s.get(Batch, f.batch_id)
    uploader = s.get(User, b.uploaded_by) if b and b.uploaded_by else None
    if unit is None or (uploader is not None and not can_see_unit(s, Actor.of(uploader), unit)):
        return (f"pegawai {m.nip} berada di unit di luar cakupan pengunggah batch #{f.batch_id} pada waktu aktivitas; "
                "temuan tidak ditautkan")
    f.staff_id, f.nip, f.unit_id = m.id, m.nip, unit
    return None


def relink_unknown(s: Session, actor: Actor, nips: set[str]) -> int:
    """After the directory changed: link the open findings of unknown authors whose NIP is now registered."""
    if not nips:
        return 0
    n = 0
    staff = {m.nip: m for m in s.scalars(select(Staff).where(Staff.nip.in_(nips)))}
    for f in s.scalars(select(Finding).where(Finding.staff_id.is_(None), Finding.nip.in_(list(staff)),
                                             Finding.status == "open")):
        if _link(s, f, staff[f.nip]) is None:
            audit.record(s, actor, "finding.relinked", "finding", f.id, unit_id=f.unit_id,
                         detail={"nip": f.nip, "staff_id": f.staff_id, "automatic": True})
            n += 1
    return n


def next_open(s: Session, actor: Actor, after: int | None = None) -> int | None:
    """The next finding waiting for review in the actor's scope (queue order), for "temuan berikutnya"."""
    if not actor.can("findings.review"):
        return None
    q = select(Finding.id).where(unit_condition(actor, Finding.unit_id), Finding.status == "open")
    if after is not None:
        q = q.where(Finding.id != after)
    return s.scalar(q.order_by(Finding.needs_review.asc(), Finding.confidence.desc(), Finding.id).limit(1))


def feedback_export(s: Session, actor: Actor) -> list[dict]:
    """Reviewer verdicts with texts, for retraining (admin only)."""
    actor.require("admin")
    return [{"finding_id": fb.finding_id, "rule": fb.rule, "detector": fb.detector, "confidence": fb.confidence,
             "verdict": fb.verdict, "reason": fb.reason, "texts": fb.texts, "created_at": fb.created_at.isoformat()}
            for fb in s.scalars(select(Feedback).where(Feedback.withdrawn_at.is_(None)).order_by(Feedback.id))]


def region_name(s: Session, unit_id: int) -> str | None:
    return s.scalar(select(Region.name).join(Unit, Unit.region_id == Region.id).where(Unit.id == unit_id))


def staff_name(s: Session, staff_id: int | None) -> str | None:
    return s.scalar(select(Staff.name).where(Staff.id == staff_id)) if staff_id else None
