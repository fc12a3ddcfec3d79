"""Screening a stored batch in chunks: the work of one job, whatever runs it (a `rambu worker` process on any
machine, or the web server's own thread on SQLite).

A batch is cut into chunks once (`plan`): lines naming media files go to the "media" queue in small chunks,
the others to the "text" queue. `screen_chunk` reads a chunk's pending lines in a short read, screens them
with no transaction open (so the database is free meanwhile), then writes every result in one short
transaction. Each result is keyed by (batch, line, engine), the same key as the job's queueing lock; a job
delivered twice (a worker killed after its work was saved, a stalled job retried while its first worker
still runs) finds the key taken or the line no longer pending, and stores nothing twice.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from typing import Any, Callable

from sqlalchemy import bindparam, exists, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from . import audit, config
from .intake import safe_relative
from .models import Batch, BatchChunk, BatchLine, Case, Finding, MediaFile, ScreenResult, Staff, utcnow
from .postings import postings_of, unit_at
from .screening import ScreenerProvider

log = logging.getLogger("rambu.web")
QUEUES = ("text", "media", "mail")


def engine_key(versions: dict, revision: int) -> str:
    """Short name of one engine: its version, its detectors' and models' versions and the settings revision
    (a changed rule, word list, threshold, staff directory or register is a new engine)."""
    raw = json.dumps({"v": versions, "rev": revision}, sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def current_engine(s: Session, provider: ScreenerProvider) -> str:
    return engine_key(provider.versions(s), config.revision(s))


def result_key(batch_id: int, line_no: int, engine: str) -> str:
    return f"{batch_id}:{line_no}@{engine}"


def chunk_lock(batch_id: int, idx: int, engine: str) -> str:
    """The queueing lock of a chunk's job (one waiting job per chunk and engine)."""
    return f"screen:{batch_id}:{idx}@{engine}"


def _names_media(raw: bytes) -> bool:
    if b'"path"' not in raw:
        return False
    try:
        d = json.loads(raw)
    except ValueError:
        return False
    media = list(d.get("media") or []) + list(((d.get("target") or {}).get("media")) or [])
    return any(isinstance(m, dict) and m.get("path") for m in media)


def plan(s: Session, batch_id: int) -> list[BatchChunk]:
    """Cut the batch into chunks (once; later calls return the same chunks)."""
    got = list(s.scalars(select(BatchChunk).where(BatchChunk.batch_id == batch_id).order_by(BatchChunk.idx)))
    if got:
        return got
    text_size = max(1, int(config.get(s, "batch.screen_chunk")))
    media_size = max(1, int(config.get(s, "batch.media_chunk")))
    open_chunks: dict[str, list[int]] = {"text": [], "media": []}
    chunks: list[BatchChunk] = []

    def close(queue: str) -> None:
        lines = open_chunks[queue]
        if lines:
            chunks.append(BatchChunk(batch_id=batch_id, idx=len(chunks), queue=queue, first_line=lines[0],
                                     last_line=lines[-1], lines=len(lines)))
            s.execute(update(BatchLine).where(BatchLine.batch_id == batch_id, BatchLine.line_no.in_(lines))
                      .values(chunk=chunks[-1].idx).execution_options(synchronize_session=False))
            open_chunks[queue] = []

    rows = s.execute(select(BatchLine.line_no, BatchLine.raw).where(BatchLine.batch_id == batch_id)
                     .order_by(BatchLine.line_no)).yield_per(500)
    for line_no, raw in rows:
        queue = "media" if _names_media(raw) else "text"
        open_chunks[queue].append(line_no)
        if len(open_chunks[queue]) >= (media_size if queue == "media" else text_size):
            close(queue)
    close("text")
    close("media")
    s.add_all(chunks)
    s.flush()
    return chunks


# --- screening one chunk ----------------------------------------------------------------------------------

@dataclass
class _Context:
    """What screening a batch's lines needs from the directory, read once per chunk."""
    base_dir: str | None
    batch_unit: int
    staff_by_nip: dict[str, tuple[int, int | None]]
    postings: dict
    prior: dict[str, int]


@dataclass
class Outcome:
    screened: int  # lines written by this call
    left: int  # lines of the chunk still pending (time ran out)
    batch_done: bool


class TimeLimit(Exception):
    """The queue's time limit was reached: what was screened is saved, the rest waits for the next attempt."""


def _prior_offences(s: Session, nips: set[str]) -> dict[str, int]:
    """Earlier breaches of each employee: their cases decided as proven (not findings, which repeat)."""
    if not nips:
        return {}
    rows = s.execute(select(Staff.nip, func.count()).join(Case, Case.staff_id == Staff.id)
                     .where(Staff.nip.in_(nips), Case.outcome == "proven").group_by(Staff.nip))
    return {nip: n for nip, n in rows}


def _materialise(s: Session, batch_id: int, paths: set[str]) -> str:
    """A private folder holding the batch's media files that these lines name (paths stay inside it)."""
    d = tempfile.mkdtemp(prefix=f"rambu-batch-{batch_id}-")
    if paths:
        for m in s.scalars(select(MediaFile).where(MediaFile.batch_id == batch_id, MediaFile.path.in_(paths))):
            p = os.path.join(d, *m.path.split("/"))
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "wb") as f:
                f.write(m.content)
    return d


def _media_paths(lines: list[tuple[int, bytes]]) -> set[str]:
    out: set[str] = set()
    for _, raw in lines:
        if not _names_media(raw):
            continue
        d = json.loads(raw)
        for m in list(d.get("media") or []) + list(((d.get("target") or {}).get("media")) or []):
            if isinstance(m, dict) and isinstance(m.get("path"), str) and safe_relative(m["path"]):
                out.add(m["path"].replace("\\", "/"))
    return out


def read_chunk(s: Session, batch_id: int, idx: int, status: str = "pending") -> tuple[list[tuple[int, bytes]], _Context]:
    lines = [(n, raw) for n, raw in s.execute(
        select(BatchLine.line_no, BatchLine.raw).where(BatchLine.batch_id == batch_id, BatchLine.chunk == idx,
                                                       BatchLine.status == status).order_by(BatchLine.line_no))]
    b = s.get(Batch, batch_id)
    staff = {nip: (sid, uid) for sid, nip, uid in s.execute(select(Staff.id, Staff.nip, Staff.unit_id))}
    nips = set()
    for _, raw in lines:
        try:
            nip = ((json.loads(raw).get("author") or {}).get("nip"))
        except (ValueError, AttributeError):
            nip = None
        if isinstance(nip, str):
            nips.add(nip)
    paths = _media_paths(lines)
    ctx = _Context(_materialise(s, batch_id, paths) if paths else None, b.unit_id, staff, postings_of(s),
                   _prior_offences(s, nips))
    return lines, ctx


def screen_line(screener: Any, provider: ScreenerProvider, batch_id: int, line_no: int, raw: bytes,
                ctx: _Context) -> tuple[dict, list[dict]]:
    """(values for the line's row, findings as dicts) -- no database needed."""
    from ..contract.io import LineError, decode_line
    item = decode_line(line_no, raw, ctx.base_dir)
    now = utcnow()
    if not isinstance(item, LineError):
        paths = [m.path for m in item.media] + [m.path for m in (item.target.media if item.target else ())]
        bad = next((i for i, p in enumerate(paths) if p is not None and not safe_relative(p)), None)
        if bad is not None:  # stored before paths were checked at upload: still never leaves the batch folder
            item = LineError(line_no, item.id, f"media[{bad}].path tidak sah: berkas media harus berada di dalam "
                                               "folder batch")
    if isinstance(item, LineError):
        return dict(status="error", activity_id=item.id, error=item.message, result=item.to_dict(),
                    screened_at=now), []
    nip = item.author.nip if item.author else None
    try:
        result = provider.screen_with(screener, item, prior_offences=ctx.prior.get(nip, 0) if nip else 0)
        retry = False
    except Exception as e:  # noqa: BLE001 - one activity must not stop the batch
        log.exception("penyaringan baris %s batch %s gagal", line_no, batch_id)
        result = {"id": item.id, "line": line_no, "error": f"penyaringan gagal: {type(e).__name__}: {e}"}
        retry = True
    if "error" in result:
        return dict(status="error", activity_id=item.id, nip=nip, error=result["error"], result=result,
                    screened_at=now, retry=retry), []
    vals = dict(status="done", activity_id=item.id, nip=nip, decision=result["decision"], result=result,
                screened_at=now, retry=False, error=None)
    staff_id, current = ctx.staff_by_nip.get(nip, (None, None)) if nip else (None, None)
    unit_id = unit_at(ctx.postings, staff_id, current, item.created_at) if staff_id else None
    url = item.url or (item.target.url if item.target is not None else None)
    common = dict(batch_id=batch_id, line_no=line_no, activity_id=item.id, staff_id=staff_id, nip=nip,
                  unit_id=unit_id or ctx.batch_unit, platform=item.platform, url=(url or None) and url[:500],
                  excerpt=excerpt(item), decision=result["decision"], engine=result.get("engine", {}),
                  activity_at=item.created_at)
    return vals, [finding_values(common, f) for f in result["findings"]]


def finding_values(common: dict, f: dict) -> dict:
    return dict(common, rule=f["rule"], confidence=float(f["confidence"]), needs_review=bool(f["needs_review"]),
                evidence=f.get("evidence", []), explanation=f.get("explanation", ""), basis=f.get("basis", []),
                sanction=f.get("sanction"), detector=f.get("detector", ""), score_detail=f.get("score_detail", []))


def excerpt(item) -> str:
    parts = [item.text or ""]
    if item.target is not None and item.target.text:
        parts.append(item.target.text)
    parts += [m.ocr_text or m.transcript or "" for m in item.media]
    return " | ".join(p for p in parts if p)[:4000]


_LINE_FIELDS = ("status", "activity_id", "nip", "decision", "result", "error", "screened_at", "retry")
_STATEMENTS: dict[str, tuple] = {}  # dialect -> (insert result, update line, insert finding): compiled once


def _statements(s: Session) -> tuple:
    """Statements with bound parameters: a result's JSON is a parameter, not a literal for SQLAlchemy to walk
    (which cost as much as screening the line)."""
    dialect = s.get_bind().dialect.name
    got = _STATEMENTS.get(dialect)
    if got is None:
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        r, ln = ScreenResult.__table__, BatchLine.__table__
        got = (insert(r).on_conflict_do_nothing().returning(r.c.key),
               update(ln).where(ln.c.batch_id == bindparam("b_id"), ln.c.line_no == bindparam("b_line"),
                                ln.c.status == "pending").values({f: bindparam(f) for f in _LINE_FIELDS}),
               Finding.__table__.insert())
        _STATEMENTS[dialect] = got
    return got


def insert_results(s: Session, batch_id: int, engine: str, done: list[tuple[int, dict]],
                   rescreen_id: int | None = None) -> set[int]:
    """Store the results of lines screened without error under their keys, in one statement; returns the
    lines whose key this call took (a key already taken is a repeated delivery)."""
    now = utcnow()
    rows = [{"key": result_key(batch_id, line_no, engine), "batch_id": batch_id, "line_no": line_no,
             "engine": engine, "decision": vals.get("decision"), "result": vals.get("result") or {},
             "rescreen_id": rescreen_id, "created_at": now} for line_no, vals in done if vals["status"] == "done"]
    if not rows:
        return set()
    taken = set(s.connection().execute(_statements(s)[0], rows).scalars())
    return {r["line_no"] for r in rows if r["key"] in taken}


def screen_chunk(factory: sessionmaker, provider: ScreenerProvider, batch_id: int, idx: int,
                 deadline: float | None = None, before_write: Callable[[], None] | None = None) -> Outcome:
    """Screen the chunk's pending lines and save them; `deadline` (time.monotonic) cuts a long chunk short."""
    with factory() as s:
        if s.get(Batch, batch_id) is None:
            return Outcome(0, 0, True)
        lines, ctx = read_chunk(s, batch_id, idx)
        screener = provider.get(s)
        engine = current_engine(s, provider)
        s.commit()  # nothing is held while screening
    try:
        done: list[tuple[int, dict, list[dict]]] = []
        for line_no, raw in lines:
            if deadline is not None and done and time.monotonic() > deadline:
                break
            vals, found = screen_line(screener, provider, batch_id, line_no, raw, ctx)
            done.append((line_no, vals, found))
    finally:
        if ctx.base_dir:
            shutil.rmtree(ctx.base_dir, ignore_errors=True)
    if before_write is not None:
        before_write()
    with factory() as s, s.begin():
        written = write_lines(s, batch_id, engine, done)
        left = s.scalar(select(func.count()).select_from(BatchLine).where(
            BatchLine.batch_id == batch_id, BatchLine.chunk == idx, BatchLine.status == "pending"))
        if not left:
            s.execute(update(BatchChunk).where(BatchChunk.batch_id == batch_id, BatchChunk.idx == idx,
                                               BatchChunk.done_at.is_(None)).values(done_at=utcnow()))
        finished = finish_batch(s, batch_id)
    return Outcome(written, left, finished)


def write_lines(s: Session, batch_id: int, engine: str, done: list[tuple[int, dict, list[dict]]]) -> int:
    """Save a chunk's results set-wise (a statement per line cost as much as screening it): lock the lines
    still pending, store their results under their keys, update the lines whose key this write took, and
    insert their findings. A line another worker saved meanwhile, or whose key is taken, is left alone."""
    if not done:
        return 0
    _, line_update, finding_insert = _statements(s)
    conn = s.connection()
    ln = BatchLine.__table__
    pending = select(ln.c.line_no).where(ln.c.batch_id == batch_id, ln.c.status == "pending",
                                         ln.c.line_no.in_([line_no for line_no, _, _ in done]))
    if conn.dialect.name == "postgresql":
        pending = pending.with_for_update()  # on SQLite one thread writes results: the in-process queue
    mine = set(conn.execute(pending).scalars())
    taken = insert_results(s, batch_id, engine, [(n, vals) for n, vals, _ in done if n in mine])
    ours = [(line_no, vals, found) for line_no, vals, found in done
            if line_no in mine and (vals["status"] != "done" or line_no in taken)]
    if not ours:
        return 0
    now = utcnow()
    conn.execute(line_update, [{"b_id": batch_id, "b_line": line_no, **{f: vals.get(f) for f in _LINE_FIELDS},
                                "retry": bool(vals.get("retry"))} for line_no, vals, _ in ours])
    findings = [dict(f, idx=i, created_at=now, status="open") for _, _, found in ours for i, f in enumerate(found)]
    if findings:
        conn.execute(finding_insert, findings)
    return len(ours)


def finish_batch(s: Session, batch_id: int) -> bool:
    """Mark the batch done once no line waits (exactly one caller wins: audit and notices happen once)."""
    pending = exists().where(BatchLine.batch_id == batch_id, BatchLine.status == "pending")
    took = s.execute(update(Batch).where(Batch.id == batch_id, Batch.status != "done", ~pending)
                     .values(status="done", finished_at=utcnow()).execution_options(synchronize_session=False))
    if took.rowcount != 1:
        return s.scalar(select(Batch.status).where(Batch.id == batch_id)) == "done"
    b = s.get(Batch, batch_id)
    s.refresh(b)
    audit.record(s, None, "batch.screened", "batch", batch_id, unit_id=b.unit_id)
    from .notices import notify_new_findings
    notify_new_findings(s, b)
    return True


def start(s: Session, batch_id: int) -> list[BatchChunk]:
    """A batch begins screening: its chunks, and the status shown on its page."""
    b = s.get(Batch, batch_id)
    if b.status == "queued":
        b.status, b.started_at = "screening", utcnow()
    return plan(s, batch_id)


def waiting_chunks(s: Session, batch_id: int) -> list[BatchChunk]:
    """Chunks with lines still pending (all of them until the batch is done)."""
    pending = select(BatchLine.chunk).where(BatchLine.batch_id == batch_id, BatchLine.status == "pending").distinct()
    return list(s.scalars(select(BatchChunk).where(BatchChunk.batch_id == batch_id, BatchChunk.idx.in_(pending))
                          .order_by(BatchChunk.idx)))


def progress(s: Session, batch_id: int, jobs: dict[int, dict] | None = None) -> list[dict]:
    """Per chunk: queue, lines, lines screened, and (on PostgreSQL) its job's state from the job table."""
    counts = {(c, st): n for c, st, n in s.execute(
        select(BatchLine.chunk, BatchLine.status, func.count()).where(BatchLine.batch_id == batch_id)
        .group_by(BatchLine.chunk, BatchLine.status))}
    out = []
    for c in s.scalars(select(BatchChunk).where(BatchChunk.batch_id == batch_id).order_by(BatchChunk.idx)):
        pending = counts.get((c.idx, "pending"), 0)
        out.append({"chunk": c.idx, "queue": c.queue, "first_line": c.first_line, "last_line": c.last_line,
                    "lines": c.lines, "screened": c.lines - pending,
                    "done_at": c.done_at.isoformat() if c.done_at else None,
                    "job": (jobs or {}).get(c.idx)})
    return out
