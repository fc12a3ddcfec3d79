"""The queues' health, for the admin page and `rambu worker --check` (monitoring)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from ..store import config
from . import QUEUES, is_postgres

STATUSES = ("todo", "doing", "succeeded", "failed", "cancelled", "aborted")
STATUS_LABELS = {"todo": "menunggu", "doing": "berjalan", "succeeded": "selesai", "failed": "gagal",
                 "cancelled": "dibatalkan", "aborted": "dihentikan"}


def _job(r) -> dict:
    return {"id": r.id, "queue": r.queue_name, "task": r.task_name, "args": r.args, "status": str(r.status),
            "attempts": r.attempts, "worker": r.worker_id,
            "at": r.at.isoformat() if getattr(r, "at", None) else None}


def report(s: Session, queue: Any = None, max_wait_minutes: float = 30) -> dict:
    """Queues with their counts, workers and their heartbeats, running, stalled and failed jobs, and the
    problems found (Indonesian, for people and monitoring alike)."""
    if not is_postgres(s):
        status = queue.status(s) if queue is not None else {"backend": "inprocess"}
        problems = [] if status.get("worker_alive", True) or not status.get("busy") else \
            ["pekerja latar server web tidak berjalan"]
        if status.get("last_error"):
            problems.append(f"galat terakhir pekerja: {status['last_error']}")
        return {"backend": "inprocess", "status": status, "queues": [], "workers": [], "running": [],
                "stalled": [], "failed": [], "problems": problems, "ok": not problems}
    stalled_after = float(config.get(s, "jobs.stalled_after_seconds"))
    counts = {(q, str(st)): n for q, st, n in s.execute(text(
        "SELECT queue_name, status, count(*) FROM procrastinate_jobs GROUP BY queue_name, status"))}
    oldest = dict(s.execute(text(
        "SELECT queue_name, EXTRACT(EPOCH FROM now() - min(coalesce(scheduled_at, e.at)))::float "
        "FROM procrastinate_jobs j JOIN procrastinate_events e ON e.job_id = j.id AND e.type = 'deferred' "
        "WHERE j.status = 'todo' AND (j.scheduled_at IS NULL OR j.scheduled_at <= now()) GROUP BY queue_name")).all())
    queues = [{"name": q, **{st: counts.get((q, st), 0) for st in STATUSES},
               "oldest_waiting_seconds": round(oldest[q], 1) if oldest.get(q) is not None else None}
              for q in sorted(set(QUEUES) | {q for q, _ in counts})]
    workers = [{"id": r.id, "last_heartbeat": r.last_heartbeat.isoformat(), "age_seconds": round(r.age, 1),
                "alive": r.age < stalled_after}
               for r in s.execute(text("SELECT id, last_heartbeat, EXTRACT(EPOCH FROM now() - last_heartbeat)::float "
                                       "AS age FROM procrastinate_workers ORDER BY id"))]
    alive = {w["id"] for w in workers if w["alive"]}
    started = ("(SELECT max(at) FROM procrastinate_events e WHERE e.job_id = j.id AND e.type = 'started') AS at")
    running = [_job(r) for r in s.execute(text(
        f"SELECT j.*, {started} FROM procrastinate_jobs j WHERE status = 'doing' ORDER BY id LIMIT 200"))]
    stalled = [j for j in running if j["worker"] is None or j["worker"] not in alive]
    failed = [_job(r) for r in s.execute(text(
        "SELECT j.*, (SELECT max(at) FROM procrastinate_events e WHERE e.job_id = j.id) AS at "
        "FROM procrastinate_jobs j WHERE status = 'failed' ORDER BY id DESC LIMIT 100"))]
    problems = []
    if stalled:
        problems.append(f"{len(stalled)} pekerjaan macet (pekerjanya tanpa detak); dicoba ulang otomatis")
    if failed:
        problems.append(f"{len(failed)} pekerjaan gagal; periksa dan coba ulang")
    waiting = [q for q in queues if q["oldest_waiting_seconds"] is not None]
    if waiting and not alive:
        problems.append("ada pekerjaan menunggu tetapi tidak ada pekerja yang hidup")
    for q in waiting:
        if q["oldest_waiting_seconds"] > max_wait_minutes * 60:
            problems.append(f"antrean {q['name']}: pekerjaan tertua menunggu {q['oldest_waiting_seconds'] / 60:.0f} menit")
    return {"backend": "procrastinate", "status": queue.status(s) if queue is not None else {},
            "queues": queues, "workers": workers, "running": running, "stalled": stalled, "failed": failed,
            "problems": problems, "ok": not problems}


def retry(s: Session, job_id: int) -> bool:
    """Put a failed (or stalled) job back in its queue."""
    row = s.execute(text("SELECT status FROM procrastinate_jobs WHERE id = :i"), {"i": job_id}).first()
    if row is None or str(row.status) not in ("failed", "doing"):
        return False
    from sqlalchemy.exc import DBAPIError
    try:
        with s.begin_nested():
            s.execute(text("SELECT procrastinate_retry_job_v2(:i, now(), NULL, NULL, NULL)"), {"i": job_id})
    except DBAPIError:  # the same work is already waiting in the queue (its queueing lock is taken)
        return False
    return True
