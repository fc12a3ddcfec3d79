"""Batches from archives: a platform export for a chosen staff member, or a ZIP of contract JSON Lines.

The archive is imported into a temporary batch folder (`rambu.importers.upload.open_upload`) and then
stored like any batch (`batches.upload`): the activities as lines, every extracted media file with its
SHA-256, and the archive itself under ``sumber/`` so each activity's ``source`` pointer (archive, path,
index) leads back to the original. Parts of the archive that could not be imported become error lines
after the activities, naming the path inside the archive.
"""
from __future__ import annotations

import os
import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..files import sha256_file
from ..importers.archive import Limits
from ..importers import UploadError, open_upload
from ..importers.upload import is_archive_upload
from . import audit, batches, config
from .access import Actor, Invalid, can_see_unit
from .models import Batch, Staff, Unit

NIP = re.compile(r"^\d{18}$")
__all__ = ["is_archive_upload", "upload_archive"]


def _limits(s: Session) -> Limits:
    """What an uploaded archive may inflate to: ten times the upload limit, in all and per file."""
    upload = int(config.get(s, "batch.max_upload_mb")) * 1024 * 1024
    return Limits(max_total_bytes=10 * upload, max_member_bytes=10 * upload)


def upload_archive(s: Session, actor: Actor, path: str, filename: str, *, unit_id: int | None = None,
                   nip: str | None = None, platform: str = "auto", sender: str | None = None,
                   timezone: str | None = None) -> tuple[Batch, dict]:
    """Import and store; returns the batch and what the import said (platforms, summary, errors, warnings)."""
    actor.require("batches.write")
    limit = int(config.get(s, "batch.max_upload_mb")) * 1024 * 1024
    if os.path.getsize(path) > limit:
        raise Invalid(f"berkas terlalu besar ({os.path.getsize(path)} byte; batas {limit} byte)")
    nip = (nip or "").strip() or None
    staff = None
    if nip:
        if not NIP.match(nip):
            raise Invalid(f"NIP harus 18 digit angka, bukan {nip!r}")
        staff = s.scalar(select(Staff).where(Staff.nip == nip))
        if staff is not None and staff.unit_id is not None and not can_see_unit(s, actor, staff.unit_id):
            raise Invalid("pegawai di luar cakupan Anda")
    unit_id = int(unit_id) if unit_id else (staff.unit_id if staff is not None and staff.unit_id else None)
    unit = s.get(Unit, staff.unit_id) if staff is not None and staff.unit_id else None
    zone = (staff.timezone if staff is not None else None) or (unit.timezone if unit is not None else None)
    try:
        up = open_upload(path, filename, nip=nip, platform=platform or "auto", timezone=timezone or None,
                         sender=sender or None, staff_name=staff.name if staff is not None else None,
                         staff_timezone=zone, limits=_limits(s))
    except UploadError as e:
        raise Invalid(str(e)) from None
    with up:
        digest, size = sha256_file(path)
        with open(path, "rb") as f:
            original = f.read()
        media = list(up.media_bytes()) + [(f"sumber/{_safe_name(up.filename)}", original)]
        b = batches.upload(s, actor, up.filename, up.jsonl, media, unit_id, issues=up.errors, sha256=digest,
                           size=size)
        info = {"kind": up.kind, "platforms": up.platforms, "summary": up.summary, "errors": up.errors,
                "warnings": up.warnings, "nip": nip}
        audit.record(s, actor, "batch.import", "batch", b.id, unit_id=b.unit_id,
                     detail={k: v for k, v in info.items() if k != "warnings"} | {"warnings": len(up.warnings)})
    return b, info


def _safe_name(name: str) -> str:
    return re.sub(r"[^\w.\- ]+", "_", os.path.basename(name or "arsip")).strip(" .") or "arsip"
