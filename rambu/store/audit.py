"""The audit log: every view of a case and every change, append-only and hash-chained.

Each entry's hash is sha256(previous hash + canonical JSON of the entry). The
single `audit_head` row is updated first in the writing transaction, which
serialises appends on SQLite and PostgreSQL alike. `verify` recomputes the
chain; `rambu audit verify` reports the first broken entry.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from .access import Actor
from .models import AuditEntry, AuditHead, utcnow

GENESIS = "0" * 64


def _canonical(seq: int, at: datetime, user_id, username: str, action: str, object_type: str, object_id: str,
               unit_id, detail: dict) -> bytes:
    return json.dumps({"seq": seq, "at": at.isoformat(timespec="microseconds"), "user_id": user_id,
                       "username": username, "action": action, "object_type": object_type,
                       "object_id": object_id, "unit_id": unit_id, "detail": detail},
                      sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def entry_hash(prev: str, e: AuditEntry) -> str:
    return hashlib.sha256(prev.encode() + _canonical(e.seq, e.at, e.user_id, e.username, e.action, e.object_type,
                                                     e.object_id, e.unit_id, e.detail)).hexdigest()


def record(s: Session, actor: Actor | None, action: str, object_type: str = "", object_id: Any = "",
           unit_id: int | None = None, detail: dict | None = None) -> AuditEntry:
    """Append one entry inside the caller's transaction (it commits or rolls back with the change)."""
    s.flush()
    s.execute(update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq + 1))
    head = s.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).one()
    detail = json.loads(json.dumps(detail or {}, ensure_ascii=False, default=str))  # as it will read back
    at = utcnow()
    e = AuditEntry(seq=head.seq, at=at, user_id=actor.id if actor else None,
                   username=actor.username if actor else "sistem", action=action, object_type=object_type,
                   object_id=str(object_id), unit_id=unit_id, detail=detail, prev_hash=head.hash, hash="")
    e.hash = entry_hash(head.hash, e)
    s.add(e)
    s.execute(update(AuditHead).where(AuditHead.id == 1).values(hash=e.hash))
    return e


@dataclass
class Verification:
    ok: bool
    entries: int
    broken_seq: int | None = None
    message: str = ""

    def to_dict(self) -> dict:
        return {"ok": self.ok, "entries": self.entries, "broken_seq": self.broken_seq, "message": self.message}


def verify(s: Session) -> Verification:
    prev, expected, n = GENESIS, 1, 0
    for e in s.scalars(select(AuditEntry).order_by(AuditEntry.seq)).yield_per(1000):
        n += 1
        if e.seq != expected:
            return Verification(False, n, expected, f"entri #{expected} hilang (berikutnya #{e.seq})")
        if e.prev_hash != prev:
            return Verification(False, n, e.seq, f"entri #{e.seq}: hash sebelumnya tidak cocok (rantai diputus)")
        if entry_hash(prev, e) != e.hash:
            return Verification(False, n, e.seq, f"entri #{e.seq}: isi diubah (hash tidak cocok)")
        prev, expected = e.hash, expected + 1
    head = s.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).one_or_none()
    if head is None or head.seq != expected - 1 or head.hash != prev:
        last = head.seq if head else "?"
        return Verification(False, n, expected if head and head.seq >= expected else None,
                            f"kepala rantai (#{last}) tidak cocok dengan entri terakhir (#{expected - 1}): "
                            "entri di akhir dihapus atau disisipkan")
    return Verification(True, n, None, f"rantai utuh: {n} entri")


ACTION_LABELS = {
    "auth.login": "masuk", "auth.login_failed": "gagal masuk", "auth.login_locked": "akun dikunci (gagal masuk berulang)",
    "auth.logout": "keluar", "batch.upload": "batch diunggah", "batch.screened": "batch selesai disaring",
    "batch.download": "baris batch diunduh", "media.view": "berkas media diunduh",
    "case.open": "kasus dibuka", "case.join": "temuan digabungkan ke kasus", "case.view": "kasus dilihat",
    "case.step": "tahap diselesaikan", "case.assign": "petugas penanggung jawab diganti",
    "case.document": "dokumen dibuat", "case.document_view": "dokumen diunduh", "check.draft": "draf diperiksa",
    "export": "data diekspor", "report": "laporan PDF dibuat", "factcheck.import": "register cek fakta diimpor",
    "factcheck.save": "entri cek fakta disimpan", "factcheck.delete": "entri cek fakta dihapus",
    "finding.view": "temuan dilihat", "finding.confirmed": "temuan dikonfirmasi", "finding.dismissed": "temuan ditolak",
    "holiday.set": "hari libur disimpan", "holiday.delete": "hari libur dihapus", "region.save": "wilayah disimpan",
    "unit.save": "unit disimpan", "settings.update": "pengaturan diubah",
    "staff.account_add": "akun media sosial didaftarkan", "staff.account_watch": "pemantauan akun diubah",
    "staff.import": "direktori pegawai diimpor", "staff.roster": "jadwal dinas diimpor",
    "staff.view": "halaman pegawai dilihat", "user.create": "pengguna dibuat", "user.update": "pengguna diubah",
    "user.password": "kata sandi diganti",
}


def action_label(entry: dict) -> str:
    """An audit entry's action in Indonesian (a completed case step names the step)."""
    action = entry.get("action", "")
    label = ACTION_LABELS.get(action, action)
    detail = entry.get("detail") or {}
    if action == "case.step" and isinstance(detail, dict) and detail.get("completed"):
        from .config import STAGE_LABELS
        label += f": {STAGE_LABELS.get(detail['completed'], detail['completed'])}"
    return label


def entries(s: Session, object_type: str | None = None, object_id: str | None = None, limit: int = 200,
            before: int | None = None) -> list[dict]:
    q = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)
    if object_type:
        q = q.where(AuditEntry.object_type == object_type)
    if object_id is not None:
        q = q.where(AuditEntry.object_id == str(object_id))
    if before:
        q = q.where(AuditEntry.seq < before)
    return [{"seq": e.seq, "at": e.at.isoformat(), "username": e.username, "action": e.action,
             "object_type": e.object_type, "object_id": e.object_id, "detail": e.detail, "hash": e.hash}
            for e in s.scalars(q)]
