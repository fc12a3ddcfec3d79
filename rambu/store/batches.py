"""Batches of activities (contract JSON Lines): stored as received, then screened line by line.

Nothing accepted is lost: `upload` stores every line (and every media file with
its SHA-256) in one transaction before screening starts. `screen_pending`
screens stored lines in small chunks; each chunk's findings and line statuses
are committed together, and a line is only taken while still `pending`, so a
crash or restart mid-batch resumes without duplicates or gaps.
"""
from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import threading
from datetime import datetime
from typing import Any, Callable

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from . import audit, config
from .access import Actor, Invalid, NotFound, can_see_unit, check_unit, unit_condition
from .models import Batch, BatchLine, Finding, MediaFile, Staff, Unit, utcnow
from .screening import ScreenerProvider

log = logging.getLogger("rambu.web")
MAX_LINE = 1_000_000


def batch_dict(b: Batch, counts: dict[str, int] | None = None) -> dict:
    counts = counts or {}
    done = counts.get("done", 0) + counts.get("error", 0)
    return {"id": b.id, "unit_id": b.unit_id, "unit": b.unit.name if b.unit else None, "filename": b.filename,
            "sha256": b.sha256, "size": b.size, "total_lines": b.total_lines, "status": b.status,
            "created_at": b.created_at.isoformat(), "started_at": b.started_at.isoformat() if b.started_at else None,
            "finished_at": b.finished_at.isoformat() if b.finished_at else None,
            "screened": done, "errors": counts.get("error", 0), "pending": counts.get("pending", 0),
            "progress": round(done / b.total_lines, 4) if b.total_lines else 1.0,
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
    return out


def split_lines(data: bytes) -> list[tuple[int, bytes]]:
    """(line number, raw bytes) of every non-blank line, numbered like rambu.contract.io.read_lines."""
    out = []
    for n, raw in enumerate(data.split(b"\n"), 1):
        if raw.strip():
            out.append((n, raw + b"\n"))
    return out


def upload(s: Session, actor: Actor, filename: str, data: bytes, media: list[tuple[str, bytes]] = (),
           unit_id: int | None = None, *, issues: list[str] = (), sha256: str | None = None,
           size: int | None = None) -> Batch:
    """Store a batch. For an imported archive (store/imports.py) `data` is the import's JSON Lines, `issues`
    the archive's unreadable parts (kept as error lines after the activities), `sha256`/`size` the archive's."""
    actor.require("batches.write")
    limit = int(config.get(s, "batch.max_upload_mb")) * 1024 * 1024
    size = len(data) if size is None else size
    if size > limit:
        raise Invalid(f"berkas terlalu besar ({size} byte; batas {limit} byte)")
    unit_id = int(unit_id) if unit_id else actor.unit_id
    if unit_id is None:
        raise Invalid("pilih unit pemilik batch")
    if s.get(Unit, unit_id) is None or not can_see_unit(s, actor, unit_id):
        raise Invalid("unit di luar cakupan Anda")
    lines = split_lines(data)
    if not lines:
        raise Invalid("berkas kosong: tidak ada baris aktivitas")
    last = lines[-1][0]
    lines += [(last + i, issue) for i, issue in enumerate(issues, 1)]
    b = Batch(unit_id=unit_id, uploaded_by=actor.id, filename=os.path.basename(filename or "batch.jsonl")[:255],
              sha256=sha256 or hashlib.sha256(data).hexdigest(), size=size, total_lines=len(lines), status="queued")
    s.add(b)
    s.flush()
    for n, raw in lines:
        if isinstance(raw, str):  # an archive issue: an error line without raw bytes
            s.add(BatchLine(batch_id=b.id, line_no=n, raw=b"", status="error", error=f"arsip: {raw}",
                            screened_at=utcnow()))
            continue
        if len(raw) > MAX_LINE + 1:
            s.add(BatchLine(batch_id=b.id, line_no=n, raw=raw, status="error",
                            error=f"baris terlalu panjang ({len(raw)} byte; batas {MAX_LINE} byte)",
                            screened_at=utcnow()))
        else:
            s.add(BatchLine(batch_id=b.id, line_no=n, raw=raw))
    seen = set()
    for path, content in media:
        path = _safe_path(path)
        if path in seen:
            raise Invalid(f"berkas media ganda: {path}")
        seen.add(path)
        s.add(MediaFile(batch_id=b.id, path=path, sha256=hashlib.sha256(content).hexdigest(), size=len(content),
                        content=content))
    audit.record(s, actor, "batch.upload", "batch", b.id, unit_id=unit_id,
                 detail={"filename": b.filename, "sha256": b.sha256, "lines": len(lines), "media": len(seen)})
    return b


def _safe_path(path: str) -> str:
    p = (path or "").replace("\\", "/").lstrip("/")
    parts = [x for x in p.split("/") if x not in ("", ".")]
    if not parts or ".." in parts:
        raise Invalid(f"nama berkas media tidak sah: {path!r}")
    return "/".join(parts)


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
    d["line_errors"] = [{"line": ln.line_no, "id": ln.activity_id, "error": ln.error} for ln in s.scalars(
        select(BatchLine).where(BatchLine.batch_id == b.id, BatchLine.status == "error")
        .order_by(BatchLine.line_no).limit(200))]
    d["media"] = [{"path": m.path, "sha256": m.sha256, "size": m.size}
                  for m in s.scalars(select(MediaFile).where(MediaFile.batch_id == b.id).order_by(MediaFile.path))]
    if actor.can("findings.read"):
        # the same findings the review queue lists for ?batch_id= (inside the user's scope)
        d["findings"] = s.scalar(select(func.count()).select_from(Finding)
                                 .where(Finding.batch_id == b.id, unit_condition(actor, Finding.unit_id)))
    return d


def batch_raw(s: Session, actor: Actor, batch_id: int) -> bytes:
    """The stored lines, as received (blank lines are not stored)."""
    get_batch(s, actor, batch_id)
    return b"".join(s.scalars(select(BatchLine.raw).where(BatchLine.batch_id == batch_id).order_by(BatchLine.line_no)))


# --- screening -----------------------------------------------------------------------------------------

class Interrupted(Exception):
    """Raised by a test hook to simulate a crash mid-batch."""


def _prior_offences(s: Session, nip: str | None) -> int:
    if not nip:
        return 0
    return s.scalar(select(func.count()).select_from(Finding).where(Finding.nip == nip,
                                                                      Finding.status == "confirmed")) or 0


def _materialise_media(s: Session, batch_id: int) -> str | None:
    files = list(s.scalars(select(MediaFile).where(MediaFile.batch_id == batch_id)))
    if not files:
        return None
    d = tempfile.mkdtemp(prefix=f"rambu-batch-{batch_id}-")
    for m in files:
        p = os.path.join(d, *m.path.split("/"))
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(m.content)
    return d


def screen_batch(factory: sessionmaker, provider: ScreenerProvider, batch_id: int,
                 after_chunk: Callable[[int], None] | None = None, stop: threading.Event | None = None) -> bool:
    """Screen the batch's pending lines; True when the batch is finished."""
    from ..contract.io import LineError, decode_line
    with factory() as s:
        b = s.get(Batch, batch_id)
        if b is None or b.status == "done":
            return True
        chunk_size = int(config.get(s, "batch.screen_chunk"))
        if b.status == "queued":
            b.status, b.started_at = "screening", utcnow()
            s.commit()
        base_dir = _materialise_media(s, batch_id)
        staff_by_nip = {nip: (sid, uid) for sid, nip, uid in s.execute(select(Staff.id, Staff.nip, Staff.unit_id))}
        batch_unit = b.unit_id
    try:
        chunks = 0
        while True:
            if stop is not None and stop.is_set():
                return False
            with factory() as s:
                with s.begin():
                    lines = list(s.scalars(select(BatchLine).where(BatchLine.batch_id == batch_id,
                                                                   BatchLine.status == "pending")
                                           .order_by(BatchLine.line_no).limit(chunk_size)))
                    if not lines:
                        b = s.get(Batch, batch_id)
                        b.status, b.finished_at = "done", utcnow()
                        audit.record(s, None, "batch.screened", "batch", batch_id, unit_id=b.unit_id)
                        return True
                    for ln in lines:
                        _screen_line(s, provider, ln, base_dir, staff_by_nip, batch_unit, decode_line, LineError)
            chunks += 1
            if after_chunk is not None:
                after_chunk(chunks)
    finally:
        if base_dir:
            shutil.rmtree(base_dir, ignore_errors=True)


def _screen_line(s: Session, provider: ScreenerProvider, ln: BatchLine, base_dir, staff_by_nip, batch_unit,
                 decode_line, LineError) -> None:
    item = decode_line(ln.line_no, ln.raw, base_dir)
    now = utcnow()
    if isinstance(item, LineError):
        vals = dict(status="error", activity_id=item.id, error=item.message, result=item.to_dict(), screened_at=now)
        findings = []
    else:
        nip = item.author.nip if item.author else None
        try:
            result = provider.screen(s, item, prior_offences=_prior_offences(s, nip))
        except Exception as e:  # noqa: BLE001 - one activity must not stop the batch
            log.exception("penyaringan baris %s batch %s gagal", ln.line_no, ln.batch_id)
            result = {"id": item.id, "line": ln.line_no, "error": f"penyaringan gagal: {type(e).__name__}: {e}"}
        if "error" in result:
            vals = dict(status="error", activity_id=item.id, nip=nip, error=result["error"], result=result,
                        screened_at=now)
            findings = []
        else:
            vals = dict(status="done", activity_id=item.id, nip=nip, decision=result["decision"], result=result,
                        screened_at=now)
            staff_id, unit_id = staff_by_nip.get(nip, (None, None)) if nip else (None, None)
            findings = [Finding(batch_id=ln.batch_id, line_no=ln.line_no, idx=i, activity_id=item.id,
                                staff_id=staff_id, nip=nip, unit_id=unit_id or batch_unit, rule=f["rule"],
                                confidence=float(f["confidence"]), needs_review=bool(f["needs_review"]),
                                decision=result["decision"], evidence=f.get("evidence", []),
                                explanation=f.get("explanation", ""), basis=f.get("basis", []),
                                sanction=f.get("sanction"), detector=f.get("detector", ""),
                                score_detail=f.get("score_detail", []), engine=result.get("engine", {}),
                                activity_at=item.created_at)
                        for i, f in enumerate(result["findings"])]
    took = s.execute(update(BatchLine).where(BatchLine.batch_id == ln.batch_id, BatchLine.line_no == ln.line_no,
                                             BatchLine.status == "pending").values(**vals)
                     .execution_options(synchronize_session=False))
    if took.rowcount == 1:  # another worker may have taken this line meanwhile: then its findings stand
        s.add_all(findings)


def pending_batches(factory: sessionmaker) -> list[int]:
    with factory() as s:
        return list(s.scalars(select(Batch.id).where(Batch.status.in_(("queued", "screening"))).order_by(Batch.id)))


class Worker:
    """Background thread screening stored batches; resumes unfinished batches at start."""

    def __init__(self, factory: sessionmaker, provider: ScreenerProvider, poll: float = 2.0):
        self.factory, self.provider, self.poll = factory, provider, poll
        self.wake = threading.Event()
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None
        self.last_error: str | None = None

    def start(self) -> None:
        if self.thread is None or not self.thread.is_alive():
            self.stop.clear()
            self.thread = threading.Thread(target=self._run, name="rambu-screening", daemon=True)
            self.thread.start()

    def shutdown(self, timeout: float = 10) -> None:
        self.stop.set()
        self.wake.set()
        if self.thread is not None:
            self.thread.join(timeout)

    def run_once(self, stop: threading.Event | None = None) -> int:
        """Screen every unfinished batch now (in the calling thread); returns how many finished."""
        n = 0
        for bid in pending_batches(self.factory):
            if stop is not None and stop.is_set():
                break
            if screen_batch(self.factory, self.provider, bid, stop=stop):
                n += 1
        return n

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                self.run_once(self.stop)
                self.last_error = None
            except Exception as e:  # noqa: BLE001 - keep the worker alive; the batch resumes next round
                self.last_error = f"{type(e).__name__}: {e}"
                log.exception("pekerja penyaringan")
            self.wake.wait(self.poll)
            self.wake.clear()


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
