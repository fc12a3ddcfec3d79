"""Batches from archives: a platform export for a chosen staff member, or a ZIP of contract JSON Lines.

An import takes about a minute for a large export (200,000 tweets), so it is a job, not part of the upload:

* `start_import` (the upload request) checks what is cheap: the size, the NIP and its scope, and that the
  archive holds an export or contract JSON Lines (`check_upload` reads the ZIP's directory and a few heads).
  It stores the archive itself under ``sumber/`` with a new batch in status ``importing``; the caller
  defers the job in the same transaction (`Queue.import_waiting`).
* `import_batch` (the job: queue "text" on PostgreSQL, the in-process queue on SQLite) opens the stored
  archive (`rambu.importers.upload.open_upload`) and fills that batch like any upload (`intake.accept_file`):
  the activities as lines, every extracted media file with its SHA-256, parts of the archive that could not
  be imported as error lines after the activities, naming the path inside the archive. Each activity's
  ``source`` pointer (archive, path, index) leads back to the archive under ``sumber/``.

The fill and the change to ``queued`` (screening picks the batch up) are one transaction: a worker killed
mid-import leaves the batch ``importing`` with no lines, and the retry starts from scratch; a job for a batch
no longer ``importing`` does nothing. An archive that makes no batch at all marks the batch ``failed`` with
the reason on its page; the archive stays stored with it.
"""
from __future__ import annotations

import logging
import os
import re
import tempfile
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ..files import sha256_file
from ..importers.archive import Limits
from ..importers import Upload, UploadError, open_upload
from ..importers.upload import check_upload, is_archive_upload
from . import audit, config, intake
from .access import AccessDenied, Actor, Invalid, can_see_unit
from .models import Batch, MediaFile, Staff, Unit, User, utcnow

NIP = re.compile(r"^\d{18}$")
IMPORTING, FAILED = "importing", "failed"
SHOWN = 200  # errors and warnings kept for the batch page (the errors are all error lines as well)
__all__ = ["FAILED", "IMPORTING", "import_batch", "is_archive_upload", "pending_imports", "start_import"]

log = logging.getLogger("rambu.jobs")


def _limits(s: Session) -> Limits:
    """What an uploaded archive may inflate to: ten times the upload limit, in all and per file."""
    upload = int(config.get(s, "batch.max_upload_mb")) * 1024 * 1024
    return Limits(max_total_bytes=10 * upload, max_member_bytes=10 * upload)


def _staff(s: Session, nip: str | None) -> tuple[Staff | None, dict]:
    """The staff member of an export, and what the importer takes from the directory (name, time zone)."""
    staff = s.scalar(select(Staff).where(Staff.nip == nip)) if nip else None
    unit = s.get(Unit, staff.unit_id) if staff is not None and staff.unit_id else None
    zone = (staff.timezone if staff is not None else None) or (unit.timezone if unit is not None else None)
    return staff, {"staff_name": staff.name if staff is not None else None, "staff_timezone": zone}


# --- the upload request ----------------------------------------------------------------------------------

def start_import(s: Session, actor: Actor, path: str, filename: str, *, unit_id: int | None = None,
                 nip: str | None = None, platform: str = "auto", sender: str | None = None,
                 timezone: str | None = None) -> Batch:
    """Check and store the archive with a batch waiting for its import; the caller defers the job."""
    actor.require("batches.write")
    limit = int(config.get(s, "batch.max_upload_mb")) * 1024 * 1024
    if os.path.getsize(path) > limit:
        raise Invalid(f"berkas terlalu besar ({os.path.getsize(path)} byte; batas {limit} byte)")
    nip = (nip or "").strip() or None
    if nip and not NIP.match(nip):
        raise Invalid(f"NIP harus 18 digit angka, bukan {nip!r}")
    staff, known = _staff(s, nip)
    if staff is not None and staff.unit_id is not None and not can_see_unit(s, actor, staff.unit_id):
        raise Invalid("pegawai di luar cakupan Anda")
    asked = {"nip": nip, "platform": platform or "auto", "sender": sender or None, "timezone": timezone or None}
    try:
        kind = check_upload(path, filename, **asked, **known, limits=_limits(s))
    except UploadError as e:
        raise Invalid(str(e)) from None
    unit_id = int(unit_id) if unit_id else (staff.unit_id if staff is not None and staff.unit_id else None)
    digest, size = sha256_file(path)
    b = intake.new_batch(s, actor, path, filename, unit_id, sha256=digest, size=size, status=IMPORTING)
    archive = f"sumber/{_safe_name(filename)}"
    with open(path, "rb") as f:  # the upload itself, kept before any import: nothing accepted is lost
        s.add(MediaFile(batch_id=b.id, path=archive, sha256=digest, size=size, content=f.read()))
    b.import_info = {"archive": archive, "kind": kind, **asked}
    audit.record(s, actor, "batch.import", "batch", b.id, unit_id=b.unit_id,
                 detail={"filename": b.filename, "sha256": digest, "kind": kind, "nip": nip,
                         "platform": asked["platform"]})
    return b


def _safe_name(name: str) -> str:
    return re.sub(r"[^\w.\- ]+", "_", os.path.basename(name or "arsip")).strip(" .") or "arsip"


# --- the job ----------------------------------------------------------------------------------------------

def pending_imports(factory: sessionmaker) -> list[int]:
    with factory() as s:
        return list(s.scalars(select(Batch.id).where(Batch.status == IMPORTING).order_by(Batch.id)))


def import_batch(factory: sessionmaker, batch_id: int, *, then: Callable[[Session, int], None] | None = None,
                 final: bool = True) -> str:
    """Import the archive stored with an ``importing`` batch into it; `then(s, batch_id)` runs in the same
    transaction once it is filled (to defer the screening). Returns the batch's new status ("queued" or
    "failed"), or "" when there was nothing to do (the batch is gone or no longer importing).

    An archive that makes no batch fails the batch at once; any other error (the database, a bug) is raised
    for the queue to retry, unless this is the `final` attempt: then the batch fails naming the error."""
    try:
        with tempfile.TemporaryDirectory(prefix="rambu-impor-") as d:
            asked = _read(factory, batch_id, d)
            if asked is None:
                return ""
            # The archive is read outside any transaction (on SQLite a transaction holds the write lock);
            # the batch is filled in one, together with its new status.
            with open_upload(**asked) as up, factory() as s, s.begin():
                b = s.get(Batch, batch_id, with_for_update=True)  # a second delivery waits, then finds it done
                if b is None or b.status != IMPORTING:
                    return ""
                _fill(s, b, up, d)
                if then is not None:
                    then(s, b.id)
                return b.status
    except (UploadError, Invalid, AccessDenied) as e:
        reason = str(e)
    except Exception as e:
        if not final:
            raise
        log.exception("impor batch %s gagal", batch_id)
        reason = (f"impor terhenti karena galat sistem ({type(e).__name__}); arsipnya tersimpan: unggah ulang "
                  "atau hubungi admin")
    return _fail(factory, batch_id, reason)


def _read(factory: sessionmaker, batch_id: int, work: str) -> dict | None:
    """`open_upload`'s arguments for the batch's stored archive (copied into `work`); None: nothing to do."""
    with factory() as s:
        b = s.get(Batch, batch_id)
        if b is None or b.status != IMPORTING:
            return None
        info = b.import_info or {}
        content = s.scalar(select(MediaFile.content).where(MediaFile.batch_id == b.id,
                                                           MediaFile.path == info.get("archive")))
        if content is None:
            raise Invalid("arsip unggahan tidak ditemukan pada batch; unggah ulang")
        path = os.path.join(work, "arsip")
        with open(path, "wb") as f:
            f.write(content)
        _, known = _staff(s, info.get("nip"))
        return {"path": path, "filename": b.filename, "nip": info.get("nip"), "sender": info.get("sender"),
                "platform": info.get("platform") or "auto", "timezone": info.get("timezone"), **known,
                "limits": _limits(s)}


def _fill(s: Session, b: Batch, up: Upload, work: str) -> None:
    """The batch's lines and media from the imported archive, then status ``queued``."""
    actor = _uploader(s, b)
    lines = os.path.join(work, "baris.jsonl")
    with open(lines, "wb") as f:
        f.write(up.jsonl)
    intake.accept_file(s, actor, lines, b.filename, up.media, issues=up.errors, batch=b)
    found = {"kind": up.kind, "platforms": up.platforms, "summary": up.summary,
             "errors": up.errors[:SHOWN], "error_count": len(up.errors),
             "warnings": up.warnings[:SHOWN], "warning_count": len(up.warnings)}
    b.import_info = dict(b.import_info or {}) | found
    b.status = "queued"
    audit.record(s, actor, "batch.imported", "batch", b.id, unit_id=b.unit_id,
                 detail={k: found[k] for k in ("kind", "platforms", "summary", "error_count", "warning_count")})


def _uploader(s: Session, b: Batch) -> Actor:
    """The import acts for whoever uploaded the archive: their scope decides which lines are accepted."""
    user = s.get(User, b.uploaded_by) if b.uploaded_by else None
    if user is None:
        raise Invalid("pengunggah batch tidak ditemukan; unggah ulang arsipnya")
    return Actor.of(user)


def _fail(factory: sessionmaker, batch_id: int, reason: str) -> str:
    from .notices import notify
    with factory() as s, s.begin():
        b = s.get(Batch, batch_id, with_for_update=True)
        if b is None or b.status != IMPORTING:
            return ""
        b.status, b.finished_at = FAILED, utcnow()
        b.import_info = dict(b.import_info or {}) | {"failure": reason}
        audit.record(s, None, "batch.import_failed", "batch", b.id, unit_id=b.unit_id, detail={"reason": reason})
        uploader = s.get(User, b.uploaded_by) if b.uploaded_by else None
        if uploader is not None and uploader.active:
            notify(s, uploader, f"batch:{b.id}:import_failed", "batch", f"Impor batch #{b.id} gagal",
                   f"{b.filename}: {reason}", f"/batches/{b.id}")
    return FAILED
