"""Re-screening the archive: when a rule, a word list, a threshold or a model changes, the stored activities
are screened again as jobs and the differences are proposed to reviewers.

A run (`start`, from `rambu rescreen` or the admin button) covers the batches received since a date,
optionally only some rules. Each chunk is screened outside any transaction and compared, per activity and
rule, with the findings stored for it: a rule the new version finds and no finding holds is proposed as
"new"; a finding whose rule the new version no longer finds is proposed as "withdrawn". Nothing changes by
itself: a reviewer accepts a proposal (a new finding enters the review queue; an open finding is withdrawn)
or rejects it, with a reason, and both are audited. A reviewed finding (confirmed or dismissed) is never
changed by a proposal: its review must be reopened first, through the audited reopen procedure.
"""
from __future__ import annotations

import shutil
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from . import audit, chunks
from .access import Actor, Conflict, Invalid, NotFound, check_unit, unit_condition
from .models import (Batch, BatchChunk, BatchLine, Finding, RescreenChunk, RescreenDiff, RescreenRun, ScreenResult,
                     utcnow)
from .screening import ScreenerProvider

KINDS = {"new": "temuan baru", "withdrawn": "temuan ditarik"}


def unfinished_runs() -> Select:
    return select(RescreenRun.id).where(RescreenRun.status.in_(("queued", "running"))).order_by(RescreenRun.id)


def parse_rules(text: str | None) -> list[int]:
    if not text or not str(text).strip():
        return []
    try:
        rules = sorted({int(x) for x in str(text).replace(" ", "").split(",") if x})
    except ValueError:
        raise Invalid(f"larangan tidak sah: {text!r} (contoh: 1,2)") from None
    if any(r < 0 or r > 7 for r in rules):
        raise Invalid("larangan harus 0 sampai 7")
    return rules


def start(s: Session, actor: Actor, since: datetime | None = None, rules: list[int] | None = None) -> RescreenRun:
    """A new run over the finished batches received since `since` (every one when None)."""
    actor.require("admin")
    run = RescreenRun(created_by=actor.id, since=since, rules=list(rules or []), status="queued")
    s.add(run)
    s.flush()
    audit.record(s, actor, "rescreen.start", "rescreen", run.id,
                 detail={"since": since.isoformat() if since else None, "rules": run.rules})
    return run


def plan(s: Session, run_id: int) -> list[tuple[int, int, str]]:
    """The run's chunks (batch, chunk, queue) still to screen; made once, from the batches' own chunks."""
    run = s.get(RescreenRun, run_id)
    if run is None or run.status == "done":
        return []
    if run.status == "queued":
        cond = [Batch.status == "done"]
        if run.since is not None:
            cond.append(Batch.created_at >= run.since)
        for bid in s.scalars(select(Batch.id).where(*cond).order_by(Batch.id)):
            for c in chunks.plan(s, bid):
                s.add(RescreenChunk(run_id=run_id, batch_id=bid, chunk=c.idx, queue=c.queue))
        run.lines = s.scalar(select(func.count()).select_from(BatchLine).join(
            RescreenChunk, (RescreenChunk.batch_id == BatchLine.batch_id) & (RescreenChunk.chunk == BatchLine.chunk))
            .where(RescreenChunk.run_id == run_id, BatchLine.status == "done")) or 0
        run.status = "running"
        s.flush()
    return [(c.batch_id, c.chunk, c.queue) for c in s.scalars(
        select(RescreenChunk).where(RescreenChunk.run_id == run_id, RescreenChunk.done_at.is_(None))
        .order_by(RescreenChunk.batch_id, RescreenChunk.chunk))]


def screen_chunk(factory: sessionmaker, provider: ScreenerProvider, run_id: int, batch_id: int, idx: int) -> dict:
    """Screen one chunk again and store the differences as proposals (each once, whatever the deliveries)."""
    with factory() as s:
        rc = s.get(RescreenChunk, (run_id, batch_id, idx))
        if rc is None or rc.done_at is not None:
            return {"diffs": 0}
        run = s.get(RescreenRun, run_id)
        rules = set(run.rules or ())
        lines, ctx = chunks.read_chunk(s, batch_id, idx, status="done")
        stored: dict[int, list[tuple[int, int]]] = {}
        for f_id, line_no, rule in s.execute(select(Finding.id, Finding.line_no, Finding.rule).where(
                Finding.batch_id == batch_id, Finding.line_no.in_([n for n, _ in lines]),
                Finding.status != "withdrawn")):
            stored.setdefault(line_no, []).append((f_id, rule))
        unit_of = {f_id: u for f_id, u in s.execute(select(Finding.id, Finding.unit_id).where(
            Finding.id.in_([f for fs in stored.values() for f, _ in fs])))}
        screener = provider.get(s)
        engine = chunks.current_engine(s, provider)
        s.commit()
    if not run.engine:
        with factory() as s, s.begin():
            s.execute(update(RescreenRun).where(RescreenRun.id == run_id, RescreenRun.engine == "")
                      .values(engine=engine))
    try:
        screened = [(n, *chunks.screen_line(screener, provider, batch_id, n, raw, ctx)) for n, raw in lines]
    finally:
        if ctx.base_dir:
            shutil.rmtree(ctx.base_dir, ignore_errors=True)
    diffs = []
    for line_no, vals, found in screened:
        if vals["status"] != "done":
            continue  # the engine failed on it now: no difference is claimed
        new_rules = {f["rule"]: f for f in found if not rules or f["rule"] in rules}
        old = [(f_id, r) for f_id, r in stored.get(line_no, []) if not rules or r in rules]
        old_rules = {r for _, r in old}
        for rule, f in new_rules.items():
            if rule not in old_rules:
                diffs.append(dict(batch_id=batch_id, line_no=line_no, unit_id=f["unit_id"], kind="new", rule=rule,
                                  proposed=_jsonable(f)))
        for f_id, rule in old:
            if rule not in new_rules:
                diffs.append(dict(batch_id=batch_id, line_no=line_no, unit_id=unit_of[f_id], kind="withdrawn",
                                  rule=rule, finding_id=f_id))
    with factory() as s, s.begin():
        chunks.insert_results(s, batch_id, engine, [(n, vals) for n, vals, _ in screened], rescreen_id=run_id)
        added = sum(_insert_diff(s, run_id, d) for d in diffs)
        s.execute(update(RescreenChunk).where(RescreenChunk.run_id == run_id, RescreenChunk.batch_id == batch_id,
                                              RescreenChunk.chunk == idx).values(done_at=utcnow()))
        finish(s, run_id)
    return {"diffs": added}


def _jsonable(f: dict) -> dict:
    out = dict(f)
    for k in ("activity_at",):
        if out.get(k) is not None:
            out[k] = out[k].isoformat()
    return out


def _insert_diff(s: Session, run_id: int, d: dict) -> int:
    if s.scalar(select(RescreenDiff.id).where(RescreenDiff.run_id == run_id, RescreenDiff.batch_id == d["batch_id"],
                                              RescreenDiff.line_no == d["line_no"], RescreenDiff.kind == d["kind"],
                                              RescreenDiff.rule == d["rule"])):
        return 0
    s.add(RescreenDiff(run_id=run_id, **d))
    s.flush()
    return 1


def finish(s: Session, run_id: int) -> bool:
    """Close the run once every chunk is done (exactly one caller wins; audited with the counts)."""
    left = select(RescreenChunk.run_id).where(RescreenChunk.run_id == run_id, RescreenChunk.done_at.is_(None))
    took = s.execute(update(RescreenRun).where(RescreenRun.id == run_id, RescreenRun.status == "running",
                                               ~left.exists()).values(status="done", finished_at=utcnow())
                     .execution_options(synchronize_session=False))
    if took.rowcount != 1:
        return False
    counts = dict(s.execute(select(RescreenDiff.kind, func.count()).where(RescreenDiff.run_id == run_id)
                            .group_by(RescreenDiff.kind)).all())
    audit.record(s, None, "rescreen.done", "rescreen", run_id,
                 detail={"new": counts.get("new", 0), "withdrawn": counts.get("withdrawn", 0)})
    return True


def run_all(factory: sessionmaker, provider: ScreenerProvider, run_id: int, stop=None) -> None:
    """Screen a whole run here (SQLite, tests): the same steps the jobs take."""
    with factory() as s, s.begin():
        todo = plan(s, run_id)
        finish(s, run_id)
    for batch_id, idx, _ in todo:
        if stop is not None and stop.is_set():
            return
        screen_chunk(factory, provider, run_id, batch_id, idx)


# --- pages and decisions ----------------------------------------------------------------------------------

def run_dict(s: Session, r: RescreenRun, actor: Actor) -> dict:
    cond = [RescreenDiff.run_id == r.id, unit_condition(actor, RescreenDiff.unit_id)]
    counts = {(k, st): n for k, st, n in s.execute(select(RescreenDiff.kind, RescreenDiff.status, func.count())
                                                     .where(*cond).group_by(RescreenDiff.kind, RescreenDiff.status))}
    total = s.scalar(select(func.count()).select_from(RescreenChunk).where(RescreenChunk.run_id == r.id)) or 0
    done = s.scalar(select(func.count()).select_from(RescreenChunk).where(RescreenChunk.run_id == r.id,
                                                                         RescreenChunk.done_at.is_not(None))) or 0
    return {"id": r.id, "created_at": r.created_at.isoformat(), "since": r.since.isoformat() if r.since else None,
            "rules": r.rules, "engine": r.engine, "status": r.status, "lines": r.lines,
            "chunks": total, "chunks_done": done,
            "finished_at": r.finished_at.isoformat() if r.finished_at else None,
            "new": sum(n for (k, _), n in counts.items() if k == "new"),
            "withdrawn": sum(n for (k, _), n in counts.items() if k == "withdrawn"),
            "proposed": sum(n for (_, st), n in counts.items() if st == "proposed")}


def list_runs(s: Session, actor: Actor, limit: int = 50) -> dict:
    actor.require("findings.read")
    runs = list(s.scalars(select(RescreenRun).order_by(RescreenRun.id.desc()).limit(limit)))
    return {"items": [run_dict(s, r, actor) for r in runs], "can_start": actor.can("admin")}


def run_page(s: Session, actor: Actor, run_id: int, status: str = "proposed", limit: int = 200,
             offset: int = 0) -> dict:
    actor.require("findings.read")
    r = s.get(RescreenRun, run_id)
    if r is None:
        raise NotFound("penyaringan ulang tidak ditemukan")
    cond = [RescreenDiff.run_id == run_id, unit_condition(actor, RescreenDiff.unit_id)]
    if status != "all":
        cond.append(RescreenDiff.status == status)
    rows = list(s.scalars(select(RescreenDiff).where(*cond).order_by(RescreenDiff.batch_id, RescreenDiff.line_no,
                                                                     RescreenDiff.rule).limit(limit).offset(offset)))
    found = {f.id: f for f in s.scalars(select(Finding).where(Finding.id.in_([d.finding_id for d in rows
                                                                              if d.finding_id])))}
    return {"run": run_dict(s, r, actor), "status": status, "can_decide": actor.can("findings.review"),
            "items": [diff_dict(d, found.get(d.finding_id)) for d in rows]}


def diff_dict(d: RescreenDiff, f: Finding | None) -> dict:
    p = d.proposed or {}
    quote = next((e.get("quote") for e in (p.get("evidence") or (f.evidence if f else []) or []) if e.get("quote")), None)
    return {"id": d.id, "batch_id": d.batch_id, "line": d.line_no, "kind": d.kind, "kind_label": KINDS[d.kind],
            "rule": d.rule, "status": d.status, "finding_id": d.finding_id,
            "finding_status": f.status if f else None, "reviewed": bool(f and f.status in ("confirmed", "dismissed")),
            "confidence": p.get("confidence") if d.kind == "new" else (f.confidence if f else None),
            "explanation": p.get("explanation") if d.kind == "new" else (f.explanation if f else None),
            "quote": quote, "reason": d.reason, "decided_at": d.decided_at.isoformat() if d.decided_at else None}


def decide(s: Session, actor: Actor, diff_id: int, accept: bool, reason: str) -> dict:
    """Accept or reject one proposal, with a reason; audited. Accepting "new" puts a finding in the review
    queue; accepting "withdrawn" withdraws an open finding. A reviewed finding is left as it is: reopen its
    review first (POST /api/findings/{id}/reopen)."""
    actor.require("findings.review")
    reason = (reason or "").strip()
    if not reason:
        raise Invalid("alasan wajib diisi")
    d = s.get(RescreenDiff, diff_id)
    if d is None:
        raise NotFound("usulan tidak ditemukan")
    check_unit(s, actor, d.unit_id)
    if d.status != "proposed":
        raise Conflict("usulan ini sudah diputuskan")
    detail: dict[str, Any] = {"run": d.run_id, "batch": d.batch_id, "line": d.line_no, "kind": d.kind,
                              "rule": d.rule, "reason": reason}
    if accept and d.kind == "withdrawn":
        f = s.get(Finding, d.finding_id)
        if f.status in ("confirmed", "dismissed"):
            raise Conflict("temuan ini sudah ditinjau dan tidak diubah oleh penyaringan ulang; buka ulang "
                           "tinjauannya lebih dulu bila perlu, lalu putuskan usulan ini")
        took = s.execute(update(Finding).where(Finding.id == f.id, Finding.status == "open")
                         .values(status="withdrawn", reviewed_by=actor.id, reviewed_at=utcnow(),
                                 review_reason=f"ditarik (penyaringan ulang #{d.run_id}): {reason}")
                         .execution_options(synchronize_session=False))
        if took.rowcount != 1:
            raise Conflict("temuan ini baru saja ditinjau; muat ulang halaman")
        detail["finding"] = f.id
    elif accept:
        existing = s.scalar(select(Finding.id).where(Finding.batch_id == d.batch_id, Finding.line_no == d.line_no,
                                                     Finding.rule == d.rule, Finding.status != "withdrawn"))
        if existing is None:
            p = dict(d.proposed)
            if p.get("activity_at"):
                p["activity_at"] = datetime.fromisoformat(p["activity_at"])
            idx = (s.scalar(select(func.max(Finding.idx)).where(Finding.batch_id == d.batch_id,
                                                                 Finding.line_no == d.line_no)) or -1) + 1
            f = Finding(idx=idx, **p)
            s.add(f)
            s.flush()
            d.finding_id = f.id
            detail["finding"] = f.id
        else:
            detail["finding"] = existing
    took = s.execute(update(RescreenDiff).where(RescreenDiff.id == d.id, RescreenDiff.status == "proposed")
                     .values(status="accepted" if accept else "rejected", decided_by=actor.id, decided_at=utcnow(),
                             reason=reason, finding_id=d.finding_id).execution_options(synchronize_session=False))
    if took.rowcount != 1:
        raise Conflict("usulan ini sudah diputuskan")
    audit.record(s, actor, "rescreen.accept" if accept else "rescreen.reject", "rescreen_diff", d.id,
                 unit_id=d.unit_id, detail=detail)
    s.expire_all()  # the conditional updates above bypassed the loaded objects
    return diff_dict(d, s.get(Finding, d.finding_id) if d.finding_id else None)
