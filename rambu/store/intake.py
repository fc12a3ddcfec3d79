"""Accepting a batch file from disk: read line by line, stored before screening, hostile input refused by line.

`accept_file` is the one entry point for every way a batch arrives (web upload, importers): it takes a file
on disk and never holds it whole in memory. Each line is stored as received, except that:

* an activity already accepted (same platform, account and id, or the same content) is stored as a
  duplicate that names where it was first received, and is not screened again;
* an activity whose author (by NIP) belongs, at the activity's time, to a unit outside the uploader's scope
  is refused with the line named;
* a media path that is absolute or leaves the batch's folder (`..`) is refused with the line named.
"""
from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..files import sha256_file
from . import audit, config
from ..contract.io import LineError, read_lines
from .access import Actor, Invalid, can_see_unit
from .models import ActivityKey, Batch, BatchLine, MediaFile, Staff, Unit, utcnow
from .postings import postings_of, unit_at

MAX_LINE = 1_000_000
CHUNK = 500


def safe_relative(path: Any) -> bool:
    """A media path that stays inside the batch's folder: relative, no `..`, no drive or UNC prefix."""
    if not isinstance(path, str) or not path or "\x00" in path:
        return False
    p = path.replace("\\", "/")
    if p.startswith("/") or (len(p) > 1 and p[1] == ":"):
        return False
    return ".." not in p.split("/")


def media_path_error(obj: Any) -> str | None:
    """The first media path of an activity that would leave the batch folder, as an Indonesian message."""
    if not isinstance(obj, dict):
        return None
    target = obj.get("target") if isinstance(obj.get("target"), dict) else {}
    for prefix, media in (("media", obj.get("media")), ("target.media", target.get("media"))):
        for i, m in enumerate(media if isinstance(media, list) else []):
            if isinstance(m, dict) and m.get("path") is not None and not safe_relative(m.get("path")):
                return (f"{prefix}[{i}].path tidak sah ({str(m.get('path'))[:80]!r}): berkas media harus berada "
                        "di dalam folder batch (jalur relatif tanpa '..')")
    return None


def activity_keys(obj: Any) -> list[str]:
    """The keys that make an activity unique: platform + account + id, and the hash of its content."""
    if not isinstance(obj, dict):
        return []
    keys = ["sha256:" + hashlib.sha256(json.dumps(obj, sort_keys=True, ensure_ascii=False,
                                                  separators=(",", ":")).encode()).hexdigest()]
    author = obj.get("author") if isinstance(obj.get("author"), dict) else {}
    account = author.get("handle") or author.get("nip")
    if obj.get("platform") and account and obj.get("id") is not None:
        keys.append(f"id:{obj['platform']}:{str(account).lower()}:{obj['id']}"[:300])
    return keys


def _when(obj: dict) -> datetime | None:
    try:
        d = datetime.fromisoformat(str(obj.get("created_at")))
    except (TypeError, ValueError):
        return None
    return d if d.tzinfo else None


def _nip(obj: Any) -> str | None:
    author = obj.get("author") if isinstance(obj, dict) and isinstance(obj.get("author"), dict) else {}
    nip = author.get("nip")
    return nip if isinstance(nip, str) and nip else None


def _safe_name(path: str) -> str:
    p = (path or "").replace("\\", "/").lstrip("/")
    parts = [x for x in p.split("/") if x not in ("", ".")]
    if not parts or ".." in parts:
        raise Invalid(f"nama berkas media tidak sah: {path!r}")
    return "/".join(parts)


class _Scope:
    """Decides per line whether the author may be sent by this uploader (cached per NIP)."""

    def __init__(self, s: Session, actor: Actor):
        self.s, self.actor = s, actor
        self.units = {u.id: u.name for u in s.scalars(select(Unit))}

    def load(self, nips: set[str]) -> None:
        rows = self.s.execute(select(Staff.id, Staff.nip, Staff.unit_id).where(Staff.nip.in_(nips))).all() if nips else []
        self.staff = {nip: (sid, uid) for sid, nip, uid in rows}
        self.postings = postings_of(self.s, [sid for sid, _, _ in rows])

    def error(self, obj: dict) -> str | None:
        nip = _nip(obj)
        if nip is None or nip not in self.staff:
            return None  # unknown authors stay in the batch's unit; re-linked when registered
        sid, current = self.staff[nip]
        unit = unit_at(self.postings, sid, current, _when(obj))
        if unit is None or can_see_unit(self.s, self.actor, unit):
            return None
        return (f"pelaku NIP {nip} terdaftar di {self.units.get(unit, 'unit lain')} pada waktu aktivitas, di luar "
                "cakupan Anda: baris tidak diterima (unggah lewat humas unit tersebut)")


def new_batch(s: Session, actor: Actor, path: str, filename: str, unit_id: int | None = None, *,
              sha256: str | None = None, size: int | None = None, status: str = "queued") -> Batch:
    """The batch row for the file at `path`, once the uploader may send it (size limit, unit in scope)."""
    actor.require("batches.write")
    limit = int(config.get(s, "batch.max_upload_mb")) * 1024 * 1024
    size = os.path.getsize(path) if size is None else size
    if size > limit:
        raise Invalid(f"berkas terlalu besar ({size} byte; batas {limit} byte)")
    unit_id = int(unit_id) if unit_id else actor.unit_id
    if unit_id is None:
        raise Invalid("pilih unit pemilik batch")
    if s.get(Unit, unit_id) is None or not can_see_unit(s, actor, unit_id):
        raise Invalid("unit di luar cakupan Anda")
    b = Batch(unit_id=unit_id, uploaded_by=actor.id, filename=os.path.basename(filename or "batch.jsonl")[:255],
              sha256=sha256 or sha256_file(path)[0], size=size, total_lines=0, status=status)
    s.add(b)
    s.flush()
    return b


def accept_file(s: Session, actor: Actor, path: str, filename: str, media: list[tuple[str, str]] = (),
                unit_id: int | None = None, *, issues: list[str] = (), sha256: str | None = None,
                size: int | None = None, batch: Batch | None = None) -> Batch:
    """Store the batch file at `path` (and media files: (name in the batch, path on disk)) for screening.

    For a batch imported from an archive (store/imports.py), `issues` are the archive's unreadable parts
    (kept as error lines after the activities), `sha256`/`size` are the archive's own, and `batch` is the
    row made when the archive arrived (its lines and media are added here, in the caller's transaction)."""
    actor.require("batches.write")
    b = batch if batch is not None else new_batch(s, actor, path, filename, unit_id, sha256=sha256, size=size)
    names = [(_safe_name(name), p) for name, p in media]
    taken = [n for n, _ in names] + list(  # media the batch holds already (an archive under sumber/) count too
        s.scalars(select(MediaFile.path).where(MediaFile.batch_id == b.id)))
    if len(set(taken)) != len(taken):
        raise Invalid("berkas media ganda: " + ", ".join(sorted({n for n in taken if taken.count(n) > 1})))
    scope = _Scope(s, actor)
    counts = {"lines": 0, "duplicates": 0, "refused": 0, "last": 0}
    with open(path, "rb") as f:
        chunk: list[tuple[int, bytes | LineError]] = []
        for item in read_lines(f, MAX_LINE + 1):  # the contract's reader: over-long lines are never held
            chunk.append(item)
            if len(chunk) >= CHUNK:
                _store_chunk(s, b, chunk, scope, counts)
                chunk = []
        if chunk:
            _store_chunk(s, b, chunk, scope, counts)
    if not counts["lines"]:
        raise Invalid("berkas kosong: tidak ada baris aktivitas")
    now = utcnow()
    for i, issue in enumerate(issues, 1):  # an archive's unreadable part: an error line without raw bytes
        s.add(BatchLine(batch_id=b.id, line_no=counts["last"] + i, raw=b"", status="error", error=f"arsip: {issue}",
                        screened_at=now))
    b.total_lines = counts["lines"] + len(issues)
    for name, p in names:
        digest, n = sha256_file(p)
        with open(p, "rb") as f:
            s.add(MediaFile(batch_id=b.id, path=name, sha256=digest, size=n, content=f.read()))
    audit.record(s, actor, "batch.upload", "batch", b.id, unit_id=b.unit_id,
                 detail={"filename": b.filename, "sha256": b.sha256, "lines": counts["lines"], "media": len(names),
                         "duplicates": counts["duplicates"], "refused": counts["refused"]})
    return b


def _store_chunk(s: Session, b: Batch, chunk: list[tuple[int, bytes | LineError]], scope: _Scope, counts: dict) -> None:
    parsed: list[tuple[int, bytes | LineError, Any]] = []
    for n, raw in chunk:
        obj = None
        if not isinstance(raw, LineError):
            try:
                obj = json.loads(raw.decode("utf-8-sig"))
            except (ValueError, UnicodeDecodeError, RecursionError):
                obj = None
        parsed.append((n, raw, obj))
    keys = {n: activity_keys(obj) for n, _, obj in parsed}
    wanted = {k for ks in keys.values() for k in ks}
    known = {k: (bid, ln) for k, bid, ln in s.execute(
        select(ActivityKey.key, ActivityKey.batch_id, ActivityKey.line_no).where(ActivityKey.key.in_(wanted)))} \
        if wanted else {}
    scope.load({nip for _, _, obj in parsed if (nip := _nip(obj))})
    now = utcnow()
    for n, raw, obj in parsed:
        counts["lines"] += 1
        counts["last"] = n
        line = BatchLine(batch_id=b.id, line_no=n, raw=b"" if isinstance(raw, LineError) else raw)
        aid = obj.get("id") if isinstance(obj, dict) and isinstance(obj.get("id"), (str, int)) else None
        first = next((known[k] for k in keys[n] if k in known), None)
        refusal = None
        if isinstance(raw, LineError):  # too long: refused, not stored (its size is in the message)
            refusal = raw.message
        elif first is not None:
            counts["duplicates"] += 1
            where = "baris ini juga ada di atasnya" if first[0] == b.id else f"batch #{first[0]}"
            line.status, line.screened_at, line.activity_id = "duplicate", now, str(aid) if aid is not None else None
            line.error = f"aktivitas sudah diterima sebelumnya ({where}, baris {first[1]}); tidak disaring ulang"
            line.result = {"duplicate_of": {"batch_id": first[0], "line_no": first[1]}}
        else:
            refusal = media_path_error(obj) or (scope.error(obj) if isinstance(obj, dict) else None)
        if refusal:
            counts["refused"] += 1
            line.status, line.error, line.screened_at = "error", refusal, now
            line.activity_id, line.nip = (str(aid) if aid is not None else None), _nip(obj)
            line.result = {"id": aid, "line": n, "error": refusal}
        elif line.status != "duplicate":
            for k in keys[n]:
                known[k] = (b.id, n)
                s.add(ActivityKey(key=k, batch_id=b.id, line_no=n))
        s.add(line)
    s.flush()
