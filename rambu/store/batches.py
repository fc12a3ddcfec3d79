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
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from . import audit, config
from .access import Actor, Invalid, NotFound, check_unit, unit_condition
from .intake import safe_relative
from .models import Batch, BatchLine, Finding, MediaFile, Staff, utcnow
from .postings import postings_of, unit_at
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
    d["line_errors"] = [{"line": ln.line_no, "id": ln.activity_id, "error": ln.error} for ln in s.scalars(
        select(BatchLine).where(BatchLine.batch_id == b.id, BatchLine.status == "error")
        .order_by(BatchLine.line_no).limit(200))]
    d["known"] = [{"line": ln.line_no, "id": ln.activity_id, "message": ln.error,
                   **((ln.result or {}).get("duplicate_of") or {})} for ln in s.scalars(
        select(BatchLine).where(BatchLine.batch_id == b.id, BatchLine.status == "duplicate")
        .order_by(BatchLine.line_no).limit(200))]
    d["results"] = _results(s, b.id)
    d["can_upload"] = actor.can("batches.write")
    d["media"] = [{"path": m.path, "sha256": m.sha256, "size": m.size}
                  for m in s.scalars(select(MediaFile).where(MediaFile.batch_id == b.id).order_by(MediaFile.path))]
    if actor.can("findings.read"):
        # the same findings the review queue lists for ?batch_id= (inside the user's scope)
        d["findings"] = s.scalar(select(func.count()).select_from(Finding)
                                 .where(Finding.batch_id == b.id, unit_condition(actor, Finding.unit_id)))
    return d


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


# --- screening -----------------------------------------------------------------------------------------

class Interrupted(Exception):
    """Raised by a test hook to simulate a crash mid-batch."""


def _prior_offences(s: Session, nip: str | None) -> int:
    """Earlier breaches of the employee: their cases decided as proven (not findings, which repeat)."""
    if not nip:
        return 0
    from .models import Case
    return s.scalar(select(func.count()).select_from(Case).join(Staff, Staff.id == Case.staff_id)
                    .where(Staff.nip == nip, Case.outcome == "proven")) or 0


def _materialise_media(s: Session, batch_id: int) -> str:
    """The batch's own folder: its media files and nothing else (media paths resolve inside it)."""
    d = tempfile.mkdtemp(prefix=f"rambu-batch-{batch_id}-")
    for m in s.scalars(select(MediaFile).where(MediaFile.batch_id == batch_id)):
        p = os.path.join(d, *m.path.split("/"))
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(m.content)
    return d


@dataclass
class _Context:
    """What screening a batch's lines needs from the directory, read once per batch."""
    base_dir: str
    batch_unit: int
    staff_by_nip: dict[str, tuple[int, int | None]]
    postings: dict


def screen_batch(factory: sessionmaker, provider: ScreenerProvider, batch_id: int,
                 after_chunk: Callable[[int], None] | None = None, stop: threading.Event | None = None) -> bool:
    """Screen the batch's pending lines; True when the batch is finished."""
    with factory() as s:
        b = s.get(Batch, batch_id)
        if b is None or b.status == "done":
            return True
        chunk_size = int(config.get(s, "batch.screen_chunk"))
        if b.status == "queued":
            b.status, b.started_at = "screening", utcnow()
        staff = {nip: (sid, uid) for sid, nip, uid in s.execute(select(Staff.id, Staff.nip, Staff.unit_id))}
        ctx = _Context(_materialise_media(s, batch_id), b.unit_id, staff, postings_of(s))
        s.commit()
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
                        from .notices import notify_new_findings
                        notify_new_findings(s, b)
                        return True
                    for ln in lines:
                        _screen_line(s, provider, ln, ctx)
            chunks += 1
            if after_chunk is not None:
                after_chunk(chunks)
    finally:
        shutil.rmtree(ctx.base_dir, ignore_errors=True)


def _excerpt(item) -> str:
    parts = [item.text or ""]
    if item.target is not None and item.target.text:
        parts.append(item.target.text)
    parts += [m.ocr_text or m.transcript or "" for m in item.media]
    return " | ".join(p for p in parts if p)[:4000]


def _screen_line(s: Session, provider: ScreenerProvider, ln: BatchLine, ctx: _Context) -> None:
    from ..contract.io import LineError, decode_line
    item = decode_line(ln.line_no, ln.raw, ctx.base_dir)
    now = utcnow()
    findings: list[Finding] = []
    if not isinstance(item, LineError):
        paths = [m.path for m in item.media] + [m.path for m in (item.target.media if item.target else ())]
        bad = next((i for i, p in enumerate(paths) if p is not None and not safe_relative(p)), None)
        if bad is not None:  # stored before paths were checked at upload: still never leaves the batch folder
            item = LineError(ln.line_no, item.id, f"media[{bad}].path tidak sah: berkas media harus berada di dalam "
                                                  "folder batch")
    if isinstance(item, LineError):
        vals = dict(status="error", activity_id=item.id, error=item.message, result=item.to_dict(), screened_at=now)
    else:
        nip = item.author.nip if item.author else None
        try:
            result = provider.screen(s, item, prior_offences=_prior_offences(s, nip))
            retry = False
        except Exception as e:  # noqa: BLE001 - one activity must not stop the batch
            log.exception("penyaringan baris %s batch %s gagal", ln.line_no, ln.batch_id)
            result = {"id": item.id, "line": ln.line_no, "error": f"penyaringan gagal: {type(e).__name__}: {e}"}
            retry = True
        if "error" in result:
            vals = dict(status="error", activity_id=item.id, nip=nip, error=result["error"], result=result,
                        screened_at=now, retry=retry)
        else:
            vals = dict(status="done", activity_id=item.id, nip=nip, decision=result["decision"], result=result,
                        screened_at=now, retry=False, error=None)
            staff_id, current = ctx.staff_by_nip.get(nip, (None, None)) if nip else (None, None)
            unit_id = unit_at(ctx.postings, staff_id, current, item.created_at) if staff_id else None
            url = item.url or (item.target.url if item.target is not None else None)
            findings = [Finding(batch_id=ln.batch_id, line_no=ln.line_no, idx=i, activity_id=item.id,
                                staff_id=staff_id, nip=nip, unit_id=unit_id or ctx.batch_unit, rule=f["rule"],
                                platform=item.platform, url=(url or None) and url[:500], excerpt=_excerpt(item),
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
        audit.record(s, actor, "batch.rescreen", "batch", batch_id, unit_id=b.unit_id, detail={"lines": n})
    return n


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

    def housekeeping(self) -> dict:
        """Reminders of due and overdue case steps, and the e-mail outbox."""
        from .notices import remind_due, send_pending
        with self.factory() as s:
            reminded = remind_due(s)
            s.commit()
            sent = send_pending(s)
        return {"reminded": reminded, **sent}

    def _run(self) -> None:
        last_housekeeping = 0.0
        while not self.stop.is_set():
            try:
                self.run_once(self.stop)
                if time.monotonic() - last_housekeeping >= 60:
                    last_housekeeping = time.monotonic()
                    self.housekeeping()
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
