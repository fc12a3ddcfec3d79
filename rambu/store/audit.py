"""The audit log: every view of a case and every change, append-only, hash-chained, keyed and signed.

Each entry's hash is sha256(previous hash + canonical JSON of the entry); the
single `audit_head` row is updated first in the writing transaction, which
serialises appends on SQLite and PostgreSQL alike. Anyone with write access to
the database could recompute such a chain, so each entry and the head also carry
an HMAC made with a secret kept outside the database (`keys.py`), and every
`CHECKPOINT_EVERY` entries the chain's hash is signed with an Ed25519 key kept
there too. `verify` checks all three; `export` writes the chain with its signed
checkpoints for verification anywhere (`verify_export`, no database, no secret).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from . import keys as audit_keys
from .access import Actor
from .models import AuditCheckpoint, AuditEntry, AuditHead, utcnow

GENESIS = "0" * 64
CHECKPOINT_EVERY = 100
EXPORT_FORMAT = "rambu-audit-export/1"


def checkpoint_message(install: str, seq: int, hash_: str, at: str) -> bytes:
    """What a checkpoint signs (also in the export, so anyone can check it with the public key)."""
    return f"rambu-audit-checkpoint\n{install}\n{seq}\n{hash_}\n{at}".encode()


def head_mac_text(seq: int, hash_: str) -> str:
    return f"head:{seq}:{hash_}"


def _canonical(seq: int, at: datetime, user_id, username: str, action: str, object_type: str, object_id: str,
               unit_id, detail: dict) -> bytes:
    return json.dumps({"seq": seq, "at": at.isoformat(timespec="microseconds"), "user_id": user_id,
                       "username": username, "action": action, "object_type": object_type,
                       "object_id": object_id, "unit_id": unit_id, "detail": detail},
                      sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def entry_hash(prev: str, e: AuditEntry) -> str:
    return hashlib.sha256(prev.encode() + _canonical(e.seq, e.at, e.user_id, e.username, e.action, e.object_type,
                                                     e.object_id, e.unit_id, e.detail)).hexdigest()


# Made once (statement building and the ORM's bookkeeping cost more than the append itself): plain table
# statements, so the session's identity map is neither consulted nor updated (nothing loads these rows as objects)
_HEAD, _LOG = AuditHead.__table__, AuditEntry.__table__
_TAKE_HEAD = (update(_HEAD).where(_HEAD.c.id == 1).values(seq=_HEAD.c.seq + 1)
              .returning(_HEAD.c.seq, _HEAD.c.hash))  # taking the head serialises appends
_MOVE_HEAD = update(_HEAD).where(_HEAD.c.id == 1).values(hash=bindparam("new_hash"), mac=bindparam("new_mac"))
_APPEND = insert(_LOG)


def record(s: Session, actor: Actor | None, action: str, object_type: str = "", object_id: Any = "",
           unit_id: int | None = None, detail: dict | None = None) -> AuditEntry:
    """Append one entry inside the caller's transaction (it commits or rolls back with the change).
    Returns the entry as written (not attached to the session)."""
    s.flush()
    conn = s.connection()  # the statements go to the connection: the session's execution machinery costs more
    head = conn.execute(_TAKE_HEAD).one()
    detail = json.loads(json.dumps(detail or {}, ensure_ascii=False, default=str))  # as it will read back
    at = utcnow()
    e = AuditEntry(seq=head.seq, at=at, user_id=actor.id if actor else None,
                   username=actor.username if actor else "sistem", action=action, object_type=object_type,
                   object_id=str(object_id), unit_id=unit_id, detail=detail, prev_hash=head.hash, hash="")
    e.hash = entry_hash(head.hash, e)
    keys = audit_keys.load(s)
    e.mac = keys.mac(e.hash)
    conn.execute(_APPEND, {c.key: getattr(e, c.key) for c in _LOG.columns})
    conn.execute(_MOVE_HEAD, {"new_hash": e.hash, "new_mac": keys.mac(head_mac_text(e.seq, e.hash))})
    if head.seq == 1 or head.seq % CHECKPOINT_EVERY == 0:
        checkpoint(s, keys, head.seq, e.hash, at)
    return e


def checkpoint_head(s: Session) -> None:
    """Sign the current head (at every start of the server, and for a log written before checkpoints
    existed), so everything written so far is covered."""
    head = s.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).one_or_none()
    if head is not None and head.seq:
        checkpoint(s, audit_keys.load(s), head.seq, head.hash)


def checkpoint(s: Session, keys, seq: int, hash_: str, at: datetime | None = None) -> AuditCheckpoint:
    """Sign (seq, hash) of the chain with the installation's Ed25519 key."""
    at_text = (at or utcnow()).isoformat(timespec="microseconds")
    cp = s.get(AuditCheckpoint, seq)
    if cp is None:
        cp = AuditCheckpoint(seq=seq, hash=hash_, at=datetime.fromisoformat(at_text), public_key=keys.public_hex,
                             signature=keys.sign(checkpoint_message(keys.install, seq, hash_, at_text)))
        s.add(cp)
    return cp


@dataclass
class Verification:
    ok: bool
    entries: int
    broken_seq: int | None = None
    message: str = ""

    def to_dict(self) -> dict:
        return {"ok": self.ok, "entries": self.entries, "broken_seq": self.broken_seq, "message": self.message}


def verify(s: Session) -> Verification:
    """Check the hash chain, each entry's and the head's HMAC (when this machine holds the secret) and the
    signed checkpoints; reports the first problem found."""
    keys = audit_keys.load(s, create=False)
    checkpoints = {c.seq: c for c in s.scalars(select(AuditCheckpoint))}
    prev, expected, n, keyed = GENESIS, 1, 0, False
    for e in s.scalars(select(AuditEntry).order_by(AuditEntry.seq)).yield_per(1000):
        n += 1
        if e.seq != expected:
            return Verification(False, n, expected, f"entri #{expected} hilang (berikutnya #{e.seq})")
        if e.prev_hash != prev:
            return Verification(False, n, e.seq, f"entri #{e.seq}: hash sebelumnya tidak cocok (rantai diputus)")
        if entry_hash(prev, e) != e.hash:
            return Verification(False, n, e.seq, f"entri #{e.seq}: isi diubah (hash tidak cocok)")
        if keys.secret is not None:
            if e.mac is None and (keyed or e.seq > min(checkpoints, default=0)):
                return Verification(False, n, e.seq, f"entri #{e.seq}: tanpa HMAC (entri disisipkan atau ditulis ulang)")
            if e.mac is not None:
                keyed = True
                if e.mac != keys.mac(e.hash):
                    return Verification(False, n, e.seq, f"entri #{e.seq}: HMAC tidak cocok (rantai ditulis ulang)")
        cp = checkpoints.get(e.seq)
        if cp is not None:
            problem = _checkpoint_problem(cp, e.hash, keys)
            if problem:
                return Verification(False, n, e.seq, problem)
        elif (e.seq == 1 or e.seq % CHECKPOINT_EVERY == 0) and e.mac is not None:
            if checkpoints:  # entries written before checkpoints existed (no HMAC) had none
                return Verification(False, n, e.seq, f"titik periksa bertanda tangan di entri #{e.seq} hilang")
        prev, expected = e.hash, expected + 1
    head = s.execute(select(AuditHead.seq, AuditHead.hash, AuditHead.mac).where(AuditHead.id == 1)).one_or_none()
    if head is None or head.seq != expected - 1 or head.hash != prev:
        last = head.seq if head else "?"
        return Verification(False, n, expected if head and head.seq >= expected else None,
                            f"kepala rantai (#{last}) tidak cocok dengan entri terakhir (#{expected - 1}): "
                            "entri di akhir dihapus atau disisipkan")
    if keys.secret is not None and (head.mac is not None or keyed) and head.mac != keys.mac(head_mac_text(head.seq, head.hash)):
        return Verification(False, n, head.seq, f"kepala rantai (#{head.seq}): HMAC tidak cocok (kepala dipindahkan)")
    beyond = [seq for seq in checkpoints if seq > expected - 1]
    if beyond:
        return Verification(False, n, min(beyond), f"titik periksa #{min(beyond)} menunjuk entri yang sudah tidak ada: "
                                                    "entri di akhir dihapus")
    note = "" if keys.secret is not None else " (tanpa kunci HMAC di mesin ini: hanya rantai dan tanda tangan diperiksa)"
    return Verification(True, n, None, f"rantai utuh: {n} entri, {len(checkpoints)} titik periksa bertanda tangan{note}")


def _checkpoint_problem(cp: AuditCheckpoint, chain_hash: str, keys) -> str | None:
    if cp.hash != chain_hash:
        return f"titik periksa #{cp.seq}: hash rantai berbeda dari yang ditandatangani (rantai ditulis ulang)"
    if keys.public_hex and cp.public_key != keys.public_hex:
        return f"titik periksa #{cp.seq}: ditandatangani kunci lain"
    at = cp.at.isoformat(timespec="microseconds")
    if not audit_keys.verify_signature(cp.public_key, checkpoint_message(keys.install, cp.seq, cp.hash, at), cp.signature):
        return f"titik periksa #{cp.seq}: tanda tangan tidak sah"
    return None


def export(s: Session, out) -> dict:
    """Write the whole log with its signed checkpoints as JSON Lines to `out` (a text stream); a checkpoint
    of the current head is signed first. Returns the header."""
    keys = audit_keys.load(s)
    head = s.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).one()
    if head.seq:
        checkpoint(s, keys, head.seq, head.hash)
        s.flush()
    header = {"type": "header", "format": EXPORT_FORMAT, "install": keys.install, "public_key": keys.public_hex,
              "exported_at": utcnow().isoformat(), "head": {"seq": head.seq, "hash": head.hash}}
    out.write(json.dumps(header, ensure_ascii=False) + "\n")
    for e in s.scalars(select(AuditEntry).order_by(AuditEntry.seq)).yield_per(1000):
        out.write(json.dumps({"type": "entry", "seq": e.seq, "at": e.at.isoformat(timespec="microseconds"),
                              "user_id": e.user_id, "username": e.username, "action": e.action,
                              "object_type": e.object_type, "object_id": e.object_id, "unit_id": e.unit_id,
                              "detail": e.detail, "prev_hash": e.prev_hash, "hash": e.hash},
                             ensure_ascii=False, default=str) + "\n")
    for cp in s.scalars(select(AuditCheckpoint).order_by(AuditCheckpoint.seq)):
        out.write(json.dumps({"type": "checkpoint", "seq": cp.seq, "hash": cp.hash,
                              "at": cp.at.isoformat(timespec="microseconds"), "public_key": cp.public_key,
                              "signature": cp.signature}) + "\n")
    return header


def verify_export(lines, public_key: str | None = None) -> Verification:
    """Verify an export without the database or any secret: the chain, and every checkpoint's signature
    with the public key (given out of band, else the one in the file). The last checkpoint must sign the
    exported head, so nothing can be cut off the end."""
    header, entries, cps = None, [], []
    for i, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError:
            return Verification(False, len(entries), None, f"baris {i}: bukan JSON")
        {"header": lambda r: None, "entry": entries.append, "checkpoint": cps.append}.get(rec.get("type"), lambda r: None)(rec)
        if rec.get("type") == "header":
            header = rec
    if header is None or header.get("format") != EXPORT_FORMAT:
        return Verification(False, 0, None, "bukan ekspor log audit rambu")
    key = public_key or header.get("public_key")
    if public_key and header.get("public_key") != public_key:
        return Verification(False, 0, None, "kunci publik di berkas bukan kunci yang diharapkan")
    prev, hashes = GENESIS, {}
    for n, r in enumerate(entries, 1):
        if r["seq"] != n:
            return Verification(False, n, n, f"entri #{n} hilang (berikutnya #{r['seq']})")
        if r["prev_hash"] != prev:
            return Verification(False, n, n, f"entri #{n}: hash sebelumnya tidak cocok")
        body = _canonical(r["seq"], datetime.fromisoformat(r["at"]), r["user_id"], r["username"], r["action"],
                          r["object_type"], r["object_id"], r["unit_id"], r["detail"])
        if hashlib.sha256(prev.encode() + body).hexdigest() != r["hash"]:
            return Verification(False, n, n, f"entri #{n}: isi diubah (hash tidak cocok)")
        prev = hashes[n] = r["hash"]
    for cp in cps:
        if hashes.get(cp["seq"]) != cp["hash"]:
            return Verification(False, len(entries), cp["seq"], f"titik periksa #{cp['seq']} tidak cocok dengan rantai")
        if not audit_keys.verify_signature(key, checkpoint_message(header["install"], cp["seq"], cp["hash"], cp["at"]),
                                           cp["signature"]):
            return Verification(False, len(entries), cp["seq"], f"titik periksa #{cp['seq']}: tanda tangan tidak sah")
    if entries and (not cps or max(c["seq"] for c in cps) != len(entries)):
        return Verification(False, len(entries), len(entries), "entri terakhir tidak ditandatangani: ekspor dipotong "
                                                               "atau ditambah")
    return Verification(True, len(entries), None, f"ekspor utuh: {len(entries)} entri, {len(cps)} titik periksa sah")


ACTION_LABELS = {
    "auth.login": "masuk", "auth.login_failed": "gagal masuk", "auth.login_locked": "akun dikunci (gagal masuk berulang)",
    "auth.logout": "keluar", "batch.upload": "batch diunggah", "batch.import": "arsip diunggah untuk diimpor",
    "batch.imported": "arsip selesai diimpor", "batch.import_failed": "impor arsip gagal", "batch.screened": "batch selesai disaring",
    "batch.download": "baris batch diunduh", "media.view": "berkas media diunduh",
    "case.open": "kasus dibuka", "case.join": "temuan digabungkan ke kasus", "case.view": "kasus dilihat",
    "case.step": "tahap diselesaikan", "case.assign": "petugas penanggung jawab diganti",
    "case.document": "dokumen dibuat", "case.document_view": "dokumen diunduh", "check.draft": "draf diperiksa",
    "export": "data diekspor", "report": "laporan PDF dibuat", "factcheck.import": "register cek fakta diimpor",
    "factcheck.save": "entri cek fakta disimpan", "factcheck.delete": "entri cek fakta dihapus",
    "finding.view": "temuan dilihat", "finding.confirmed": "temuan dikonfirmasi", "finding.dismissed": "temuan ditolak",
    "holiday.set": "hari libur disimpan", "holiday.import": "hari libur diimpor", "holiday.delete": "hari libur dihapus", "region.save": "wilayah disimpan",
    "unit.save": "unit disimpan", "settings.update": "pengaturan diubah",
    "staff.account_add": "akun media sosial didaftarkan", "staff.account_watch": "pemantauan akun diubah",
    "staff.import": "direktori pegawai diimpor", "staff.roster": "jadwal dinas diimpor",
    "staff.view": "halaman pegawai dilihat", "user.create": "pengguna dibuat", "user.update": "pengguna diubah",
    "user.password": "kata sandi diganti", "user.unlock": "kunci masuk dibuka",
    "finding.reopened": "tinjauan dibuka ulang", "finding.relinked": "temuan ditautkan ke pegawai",
    "case.withdrawn": "kasus dicabut", "case.correct": "catatan tahap dikoreksi", "case.attachment": "lampiran ditambahkan",
    "case.attachment_view": "lampiran diunduh", "case.defence": "pegawai menyampaikan pembelaan",
    "batch.rescreen": "baris batch disaring ulang", "staff.update": "data pegawai diubah",
    "self.view": "pegawai membuka halaman sendiri",
    "feedback.threshold_applied": "ambang pelanggaran diterapkan dari umpan balik pemeriksa",
}
OBJECT_LABELS = {"case": "kasus", "finding": "temuan", "user": "pengguna", "batch": "batch", "staff": "pegawai",
                 "setting": "pengaturan", "holiday": "hari libur", "unit": "unit", "region": "wilayah",
                 "factcheck": "cek fakta", "check": "cek draf", "findings": "temuan", "cases": "kasus",
                 "report": "laporan"}
DETAIL_LABELS = {"reason": "alasan", "case_id": "kasus", "client": "alamat klien", "failures": "gagal ke-",
                 "locked_until": "dikunci sampai", "filename": "berkas", "file": "berkas", "sha256": "SHA-256",
                 "lines": "baris", "media": "berkas media", "duplicates": "sudah diterima", "refused": "ditolak",
                 "number": "nomor", "staff_id": "pegawai", "finding_id": "temuan", "completed": "tahap selesai",
                 "next": "tahap berikutnya", "notes": "catatan", "done_on": "tanggal tahap", "document_id": "dokumen",
                 "attachment_id": "lampiran", "kind": "jenis", "old": "sebelumnya", "new": "menjadi",
                 "rule": "larangan", "reviewed": "ditinjau", "confirmed": "dikonfirmasi",
                 "confirm_rate": "bagian dikonfirmasi",
                 "username": "nama pengguna", "role": "peran", "scope": "cakupan", "unit_id": "unit",
                 "region_id": "wilayah", "created": "baru", "updated": "diperbarui", "rejected": "ditolak",
                 "relinked": "ditautkan", "rows": "baris", "filters": "saringan", "decision": "keputusan",
                 "rules": "larangan", "was": "sebelumnya", "nip": "NIP", "automatic": "otomatis", "step": "tahap",
                 "before": "sebelum", "after": "sesudah", "officer_id": "petugas", "stage": "tahap", "size": "ukuran",
                 "name": "nama", "length": "panjang", "transfer_from": "mutasi sejak", "unlock": "buka kunci",
                 "password": "kata sandi", "active": "aktif", "locks": "kunci dilepas", "sessions_ended": "sesi diakhiri",
                 "path": "berkas", "staff": "pegawai", "periods": "periode", "email": "surel",
                 "platform": "platform", "platforms": "platform", "summary": "ringkasan",
                 "error_count": "bagian gagal diimpor", "warning_count": "peringatan"}
_HIDDEN_DETAIL = {"data"}  # a step's whole record: shown on the case page, too long for a log line


def describe(entry: dict) -> str:
    """An entry's details as a readable line ("alasan: salah tekan; kasus: 3")."""
    from .config import STAGE_LABELS
    detail = entry.get("detail") or {}
    if not isinstance(detail, dict):
        return str(detail)
    parts = []
    for k, v in detail.items():
        if k in _HIDDEN_DETAIL or v in (None, "", [], {}):
            continue
        if k in ("completed", "next", "step", "stage") and isinstance(v, str):
            v = STAGE_LABELS.get(v, v)
        elif isinstance(v, bool):
            v = "ya" if v else "tidak"
        elif isinstance(v, (dict, list)):
            v = json.dumps(v, ensure_ascii=False)[:160]
        elif k == "sha256" and isinstance(v, str):
            v = v[:16] + "…"
        parts.append(f"{DETAIL_LABELS.get(k, k.replace('_', ' '))}: {v}")
    return "; ".join(parts)


def object_label(entry: dict) -> str:
    kind = OBJECT_LABELS.get(entry.get("object_type") or "", entry.get("object_type") or "")
    return f"{kind} {entry.get('object_id') or ''}".strip()


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
