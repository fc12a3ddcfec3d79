"""Batches of activities (contract JSON Lines): stored as received, then screened line by line.

Nothing accepted is lost: `intake.accept_file` stores every line (and every media
file with its SHA-256) in one transaction before screening starts. `screen_pending`
screens stored lines in small chunks; each chunk's findings and line statuses
are committed together, and a line is only taken while still `pending`, so a
crash or restart mid-batch resumes without duplicates or gaps.
"""
from __future__ import annotations

import logging
import os
import tempfile
import threading
from datetime import datetime
from typing import Callable

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from . import audit, config
from .access import Actor, Invalid, NotFound, check_unit, unit_condition
from .models import Batch, BatchChunk, BatchLine, Finding, MediaFile
from .screening import ScreenerProvider

log = logging.getLogger("rambu.web")


def batch_dict(b: Batch, counts: dict[str, int] | None = None) -> dict:
    counts = counts or {}
    done = counts.get("done", 0) + counts.get("error", 0) + counts.get("duplicate", 0)
    return {"id": b.id, "unit_id": b.unit_id, "unit": b.unit.name if b.unit else None,
            "tz": b.unit.timezone if b.unit else None, "filename": b.filename,
            "sha256": b.sha256, "size": b.size, "total_lines": b.total_lines, "status": b.status,
            "created_at": b.created_at.isoformat(), "started_at": b.started_at.isoformat() if b.started_at else None,
            "finished_at": b.finished_at.isoformat() if b.finished_at else None,
            "screened": done, "errors": counts.get("error", 0), "pending": counts.get("pending", 0),
            "duplicates": counts.get("duplicate", 0), "retryable": counts.get("retry", 0),
            "uploaded_by": b.uploaded_by,
            "progress": round(done / b.total_lines, 4) if b.total_lines else 0.0 if b.status == "importing" else 1.0,
            "decisions": {k[9:]: v for k, v in counts.items() if k.startswith("decision:")}}


def _counts(s: Session, batch_ids: list[int]) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = {i: {} for i in batch_ids}
    if not batch_ids:
        return out
    for bid, st, n in s.execute(select(BatchLine.batch_id, BatchLine.status, func.count())
                                .where(BatchLine.batch_id.in_(batch_ids)).group_by(BatchLine.batch_id, BatchLine.status)):
        out[bid][st] = n
    for bid, dec, n in s.execute(select(BatchLine.batch_id, BatchLine.decision, func.count())
                                 .where(BatchLine.batch_id.in_(batch_ids), BatchLine.decision.is_not(None))
                                 .group_by(BatchLine.batch_id, BatchLine.decision)):
        out[bid][f"decision:{dec}"] = n
    for bid, n in s.execute(select(BatchLine.batch_id, func.count()).where(BatchLine.batch_id.in_(batch_ids),
                                                                           BatchLine.retry.is_(True))
                            .group_by(BatchLine.batch_id)):
        out[bid]["retry"] = n
    return out


def upload(s: Session, actor: Actor, filename: str, data: bytes, media: list[tuple[str, bytes]] = (),
           unit_id: int | None = None, *, issues: list[str] = (), sha256: str | None = None,
           size: int | None = None) -> Batch:
    """Store a batch given as bytes (demo data, tests, imported archives): written to a private folder, then
    `intake.accept_file` (which documents `issues`, `sha256` and `size`)."""
    from .intake import accept_file
    with tempfile.TemporaryDirectory(prefix="rambu-upload-") as d:
        path = os.path.join(d, "batch")
        with open(path, "wb") as f:
            f.write(data)
        files = []
        for i, (name, content) in enumerate(media):
            p = os.path.join(d, f"media-{i}")
            with open(p, "wb") as f:
                f.write(content)
            files.append((name, p))
        return accept_file(s, actor, path, filename, files, unit_id, issues=issues, sha256=sha256, size=size)


def list_batches(s: Session, actor: Actor, limit: int = 50, offset: int = 0) -> dict:
    actor.require("batches.read")
    cond = unit_condition(actor, Batch.unit_id)
    total = s.scalar(select(func.count()).select_from(Batch).where(cond))
    rows = list(s.scalars(select(Batch).where(cond).order_by(Batch.id.desc()).limit(limit).offset(offset)))
    counts = _counts(s, [b.id for b in rows])
    return {"total": total, "items": [batch_dict(b, counts[b.id]) for b in rows]}


def get_batch(s: Session, actor: Actor, batch_id: int) -> dict:
    actor.require("batches.read")
    b = s.get(Batch, batch_id)
    if b is None:
        raise NotFound("batch tidak ditemukan")
    check_unit(s, actor, b.unit_id)
    d = batch_dict(b, _counts(s, [b.id])[b.id])
    if b.import_info is not None:  # an archive: what its import was asked, then found (or why it failed)
        d["import"] = b.import_info
    d["line_errors"] = [{"line": ln.line_no, "id": ln.activity_id, "error": ln.error} for ln in s.scalars(
        select(BatchLine).where(BatchLine.batch_id == b.id, BatchLine.status == "error")
        .order_by(BatchLine.line_no).limit(200))]
    d["known"] = [{"line": ln.line_no, "id": ln.activity_id, "message": ln.error,
                   **((ln.result or {}).get("duplicate_of") or {})} for ln in s.scalars(
        select(BatchLine).where(BatchLine.batch_id == b.id, BatchLine.status == "duplicate")
        .order_by(BatchLine.line_no).limit(200))]
    d["results"] = _results(s, b.id)
    d["chunks"] = chunk_progress(s, b.id)
    d["can_upload"] = actor.can("batches.write")
    d["media"] = [{"path": m.path, "sha256": m.sha256, "size": m.size}
                  for m in s.scalars(select(MediaFile).where(MediaFile.batch_id == b.id).order_by(MediaFile.path))]
    if actor.can("findings.read"):
        # the same findings the review queue lists for ?batch_id= (inside the user's scope)
        d["findings"] = s.scalar(select(func.count()).select_from(Finding)
                                 .where(Finding.batch_id == b.id, unit_condition(actor, Finding.unit_id)))
    return d


def chunk_progress(s: Session, batch_id: int) -> list[dict]:
    """Each chunk's lines screened, with its job's state where a job table exists (PostgreSQL)."""
    from ..jobs import job_states
    from .chunks import progress
    return progress(s, batch_id, job_states(s, "rambu.screen_chunk", batch_id))


def _results(s: Session, batch_id: int, limit: int = 500) -> list[dict]:
    """What screening found per line (for the humas who sent the batch); the review is Kepatuhan's."""
    out = []
    for ln in s.scalars(select(BatchLine).where(BatchLine.batch_id == batch_id, BatchLine.status == "done",
                                                BatchLine.decision.in_(("violation", "review")))
                        .order_by(BatchLine.line_no).limit(limit)):
        fs = [{"rule": f.get("rule"), "confidence": f.get("confidence"),
               "quote": next((e.get("quote") for e in f.get("evidence") or [] if e.get("quote")), None)}
              for f in (ln.result or {}).get("findings", [])]
        out.append({"line": ln.line_no, "id": ln.activity_id, "decision": ln.decision, "findings": fs})
    return out


def batch_raw(s: Session, actor: Actor, batch_id: int) -> bytes:
    """The stored lines, as received (blank lines are not stored)."""
    get_batch(s, actor, batch_id)
    return b"".join(s.scalars(select(BatchLine.raw).where(BatchLine.batch_id == batch_id).order_by(BatchLine.line_no)))


# --- screening (the work itself is in chunks.py; jobs run it, see rambu.jobs) ---------------------------

class Interrupted(Exception):
    """Raised by a test hook to simulate a crash mid-batch."""


def screen_batch(factory: sessionmaker, provider: ScreenerProvider, batch_id: int,
                 after_chunk: Callable[[int], None] | None = None, stop: threading.Event | None = None) -> bool:
    """Screen the batch's pending lines here, chunk after chunk; True when the batch is finished."""
    from . import chunks
    with factory() as s, s.begin():
        b = s.get(Batch, batch_id)
        if b is None or b.status == "done":
            return True
        chunks.start(s, batch_id)
    n = 0
    while True:
        with factory() as s:
            waiting = [c.idx for c in chunks.waiting_chunks(s, batch_id)]
        if not waiting:
            with factory() as s, s.begin():
                return chunks.finish_batch(s, batch_id)
        for idx in waiting:
            if stop is not None and stop.is_set():
                return False
            out = chunks.screen_chunk(factory, provider, batch_id, idx)
            n += 1
            if after_chunk is not None:
                after_chunk(n)
            if out.batch_done:
                return True


def rescreen(s: Session, actor: Actor, batch_id: int) -> int:
    """Put the lines whose screening failed (not bad input) back in the queue; returns how many."""
    actor.require("batches.write")
    get_batch(s, actor, batch_id)
    n = s.execute(update(BatchLine).where(BatchLine.batch_id == batch_id, BatchLine.status == "error",
                                          BatchLine.retry.is_(True))
                  .values(status="pending", retry=False, error=None, result=None, screened_at=None)
                  .execution_options(synchronize_session=False)).rowcount
    if n:
        b = s.get(Batch, batch_id)
        b.status, b.finished_at = "screening", None
        again = select(BatchLine.chunk).where(BatchLine.batch_id == batch_id, BatchLine.status == "pending")
        s.execute(update(BatchChunk).where(BatchChunk.batch_id == batch_id, BatchChunk.idx.in_(again))
                  .values(done_at=None).execution_options(synchronize_session=False))
        audit.record(s, actor, "batch.rescreen", "batch", batch_id, unit_id=b.unit_id, detail={"lines": n})
    return n


def pending_batches(factory: sessionmaker) -> list[int]:
    with factory() as s:
        return list(s.scalars(select(Batch.id).where(Batch.status.in_(("queued", "screening"))).order_by(Batch.id)))


def media_file(s: Session, actor: Actor, batch_id: int, path: str) -> MediaFile:
    get_batch(s, actor, batch_id)
    m = s.scalar(select(MediaFile).where(MediaFile.batch_id == batch_id, MediaFile.path == path))
    if m is None:
        raise NotFound("berkas media tidak ditemukan")
    return m


def parse_dt(v: str | None) -> datetime | None:
    if not v:
        return None
    try:
        return datetime.fromisoformat(v)
    except ValueError:
        raise Invalid(f"tanggal tidak sah: {v!r}") from None
