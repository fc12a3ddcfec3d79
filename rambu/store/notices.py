"""Notifications: in the app for every user concerned, and by e-mail through the SMTP server of the settings.

Who is told what:
* new findings of a screened batch: Kepatuhan Internal officers whose scope holds the findings' units, and
  the humas who uploaded the batch;
* a case step that starts: its responsible officer; a new case: the employee, when they have an account;
* a step due within `notify.due_days` working days, or overdue: its responsible officer (once each).

A notice is stored once per (user, key); e-mail is an outbox (`email_status` pending -> sent | failed),
sent by the background worker, so a slow or absent mail server never delays a review.
"""
from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from . import config
from .access import Actor, can_see_unit
from .models import Batch, Case, CaseStep, Finding, Notification, Staff, User, utcnow

log = logging.getLogger("rambu.web")
KIND_LABELS = {"findings": "temuan baru", "batch": "batch selesai", "step": "tahap kasus", "due": "mendekati batas waktu",
               "overdue": "lewat batas waktu", "case": "kasus Anda"}


def notify(s: Session, user: User, key: str, kind: str, title: str, body: str = "", link: str = "") -> bool:
    """Store a notice for `user` unless one with `key` exists; queue its e-mail when the user has an address."""
    if s.scalar(select(Notification.id).where(Notification.user_id == user.id, Notification.key == key)):
        return False
    mail = "pending" if user.email and config.get(s, "mail.enabled") else "none"
    try:
        with s.begin_nested():
            s.add(Notification(user_id=user.id, key=key[:200], kind=kind, title=title[:300], body=body, link=link[:300],
                               email_status=mail))
    except IntegrityError:  # the same notice made at the same moment elsewhere
        return False
    return True


def _officers(s: Session, unit_id: int) -> list[User]:
    return [u for u in s.scalars(select(User).where(User.role == "kepatuhan", User.active.is_(True)))
            if can_see_unit(s, Actor.of(u), unit_id)]


def notify_new_findings(s: Session, batch: Batch) -> int:
    """After a batch is screened: reviewers of each unit with new findings, and the uploader."""
    per_unit = dict(s.execute(select(Finding.unit_id, func.count()).where(Finding.batch_id == batch.id)
                              .group_by(Finding.unit_id)).all())
    n = 0
    for unit_id, count in per_unit.items():
        for u in _officers(s, unit_id):
            n += notify(s, u, f"batch:{batch.id}:unit:{unit_id}", "findings",
                        f"{count} temuan baru menunggu tinjauan (batch #{batch.id})",
                        f"Batch {batch.filename} selesai disaring: {count} temuan di unit Anda menunggu tinjauan.",
                        f"/findings?batch_id={batch.id}")
    uploader = s.get(User, batch.uploaded_by) if batch.uploaded_by else None
    if uploader is not None and uploader.active:
        total = sum(per_unit.values())
        n += notify(s, uploader, f"batch:{batch.id}:done", "batch", f"Batch #{batch.id} selesai disaring",
                    f"{batch.filename}: {total} temuan diteruskan ke Kepatuhan Internal.", f"/batches/{batch.id}")
    return n


def notify_step(s: Session, case: Case) -> int:
    """The officer of the step that just started; the employee when their case opens or awaits their defence."""
    n = 0
    cur = next((st for st in reversed(case.steps) if st.completed_at is None), None)
    if cur is not None and cur.officer_id:
        officer = s.get(User, cur.officer_id)
        if officer is not None and officer.active:
            from .config import STAGE_LABELS
            n += notify(s, officer, f"step:{cur.id}:start", "step",
                        f"Kasus {case.number}: tahap {STAGE_LABELS.get(cur.stage, cur.stage)}",
                        f"Anda penanggung jawab tahap ini; batas waktu {_day(cur.due_at, case)}.", f"/cases/{case.id}")
    if cur is not None and cur.stage == "pembelaan":
        for emp in _employee_users(s, case.staff_id):
            n += notify(s, emp, f"case:{case.id}:defence", "case", f"Kasus {case.number}: sampaikan keterangan dan pembelaan",
                        "Anda dapat menyampaikan keterangan dan pembelaan tertulis sebelum sidang.", "/saya")
    return n


def notify_case_opened(s: Session, case: Case) -> int:
    return sum(notify(s, emp, f"case:{case.id}:opened", "case", f"Kasus etik {case.number} dibuka",
                      "Temuan atas aktivitas media sosial Anda dikonfirmasi Kepatuhan Internal.", "/saya")
               for emp in _employee_users(s, case.staff_id))


def _employee_users(s: Session, staff_id: int) -> list[User]:
    nip = s.scalar(select(Staff.nip).where(Staff.id == staff_id))
    return list(s.scalars(select(User).where(User.nip == nip, User.active.is_(True)))) if nip else []


def _day(d, case: Case) -> str:
    if d is None:
        return "-"
    from .cases import _day as local_day, _fmt_day, _zone
    return _fmt_day(local_day(d, _zone(case)))


def remind_due(s: Session) -> int:
    """Due-soon and overdue reminders for every open step (each sent once)."""
    from .config import STAGE_LABELS, working_days_after
    now = utcnow()
    days = int(config.get(s, "notify.due_days"))
    n = 0
    for st, case in s.execute(select(CaseStep, Case).join(Case, Case.id == CaseStep.case_id)
                              .where(Case.status == "open", CaseStep.completed_at.is_(None),
                                     CaseStep.due_at.is_not(None), CaseStep.officer_id.is_not(None))):
        officer = s.get(User, st.officer_id)
        if officer is None or not officer.active:
            continue
        stage = STAGE_LABELS.get(st.stage, st.stage)
        if st.due_at < now:
            n += notify(s, officer, f"step:{st.id}:overdue", "overdue", f"Kasus {case.number}: tahap {stage} lewat batas waktu",
                        f"Batas waktu {_day(st.due_at, case)} sudah lewat.", f"/cases/{case.id}")
        elif working_days_after(s, now, days, case.unit_id) >= st.due_at:
            n += notify(s, officer, f"step:{st.id}:due", "due", f"Kasus {case.number}: tahap {stage} segera jatuh tempo",
                        f"Batas waktu {_day(st.due_at, case)}.", f"/cases/{case.id}")
    return n


def send_pending(s: Session, limit: int = 50) -> dict[str, int]:
    """Send queued e-mails through the SMTP server of the settings; each is marked sent or failed (with why)."""
    out = {"sent": 0, "failed": 0}
    pending = list(s.scalars(select(Notification).where(Notification.email_status == "pending")
                             .order_by(Notification.id).limit(limit)))
    if not pending:
        return out
    vals = config.values(s)
    if not vals.get("mail.enabled") or not vals.get("mail.host"):
        return out
    try:
        smtp = _connect(vals)
    except (OSError, smtplib.SMTPException) as e:
        log.warning("server SMTP tidak dapat dihubungi: %s", e)
        for nt in pending:
            nt.email_error = f"server SMTP tidak dapat dihubungi: {e}"[:500]
        s.commit()
        return out
    with smtp:
        for nt in pending:
            user = s.get(User, nt.user_id)
            try:
                smtp.send_message(_message(vals, user, nt))
                nt.email_status, nt.emailed_at, nt.email_error = "sent", utcnow(), None
                out["sent"] += 1
            except (OSError, smtplib.SMTPException) as e:
                nt.email_status, nt.email_error = "failed", str(e)[:500]
                out["failed"] += 1
            s.commit()
    return out


def _connect(vals: dict[str, Any]) -> smtplib.SMTP:
    host, port, security = vals["mail.host"], int(vals["mail.port"]), vals.get("mail.security") or "none"
    if security == "ssl":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=20, context=ssl.create_default_context())
    else:
        smtp = smtplib.SMTP(host, port, timeout=20)
        if security == "starttls":
            smtp.starttls(context=ssl.create_default_context())
    if vals.get("mail.username"):
        smtp.login(vals["mail.username"], vals.get("mail.password") or "")
    return smtp


def _message(vals: dict[str, Any], user: User, nt: Notification) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = vals.get("mail.sender") or "rambu@localhost"
    msg["To"] = user.email
    msg["Subject"] = f"[rambu] {nt.title}"
    link = (vals.get("mail.base_url") or "").rstrip("/") + nt.link if nt.link else ""
    msg.set_content(f"Yth. {user.full_name or user.username},\n\n{nt.body}\n\n{link}\n\n"
                    "Surel ini dikirim otomatis oleh rambu; pemberitahuan yang sama ada di aplikasi.\n")
    return msg


def unread(s: Session, actor: Actor) -> int:
    if actor.id is None:
        return 0
    return s.scalar(select(func.count()).select_from(Notification).where(Notification.user_id == actor.id,
                                                                          Notification.read_at.is_(None))) or 0


def list_notices(s: Session, actor: Actor, limit: int = 100) -> dict:
    rows = s.scalars(select(Notification).where(Notification.user_id == actor.id)
                     .order_by(Notification.id.desc()).limit(limit))
    items = [{"id": n.id, "kind": n.kind, "kind_label": KIND_LABELS.get(n.kind, n.kind), "title": n.title,
              "body": n.body, "link": n.link, "created_at": n.created_at.isoformat(), "read": n.read_at is not None,
              "email_status": n.email_status} for n in rows]
    return {"items": items, "unread": sum(1 for i in items if not i["read"])}


def mark_read(s: Session, actor: Actor, notice_id: int | None = None) -> int:
    q = update(Notification).where(Notification.user_id == actor.id, Notification.read_at.is_(None))
    if notice_id is not None:
        q = q.where(Notification.id == notice_id)
    return s.execute(q.values(read_at=utcnow()).execution_options(synchronize_session=False)).rowcount or 0
