"""PostgreSQL: jobs on procrastinate (psycopg 3), run by `rambu worker` on any machine reaching the database.

Jobs are deferred inside the transaction that makes them necessary (an uploaded archive, a stored batch, a
started re-screening), so a job exists exactly when its work does. A chunk's job carries the queueing lock
"screen:batch:chunk@engine", the key its results are stored under; a duplicate delivery stores nothing twice
(see store/chunks.py). An archive's import carries "import:batch" and does nothing once the batch is imported.
Periodic tasks retry the jobs of workers that stopped sending heartbeats (killed mid-job), re-defer work
whose job was lost, send the e-mail outbox and remind officers of due case steps. Each queue has a time
limit (setting `jobs.time_limit.<queue>`): a chunk saves what it screened and the rest waits for the next
attempt.
"""
from __future__ import annotations

import asyncio
import logging
import threading
import time
from contextlib import contextmanager
from typing import Any, Iterator

import procrastinate
from procrastinate import exceptions as pexc
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from ..store import config
from ..store.screening import ScreenerProvider

log = logging.getLogger("rambu.jobs")

# The tasks' App. Deferring inside a transaction needs no connection of its own; running a worker binds it to
# one database for the time being (`bound`), one at a time in a process.
tasks_app = procrastinate.App(connector=procrastinate.PsycopgConnector())
_DEFERRER = procrastinate.App(connector=procrastinate.SyncPsycopgConnector())  # writes jobs on a given connection
_RUNTIME: dict[str, Any] = {}  # "factory", "provider": set by whoever runs a worker in this process
_RUN_LOCK = threading.RLock()


def install_schema(bind) -> None:
    """Create procrastinate's tables and functions (from the pinned package) unless they exist."""
    if bind.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar() is not None:
        return
    from procrastinate.schema import SchemaManager
    raw = bind.connection.driver_connection  # psycopg: the schema is many statements, without parameters
    with raw.cursor() as cur:
        cur.execute(SchemaManager.get_schema())


def conninfo(engine) -> str:
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


@contextmanager
def bound(engine, factory: sessionmaker, provider: ScreenerProvider) -> Iterator[procrastinate.App]:
    """The tasks' App connected to this database, with tasks using this session factory and screener."""
    with _RUN_LOCK, using(factory, provider):
        with tasks_app.replace_connector(procrastinate.PsycopgConnector(conninfo=conninfo(engine))) as app:
            yield app


def _driver(s: Session):
    return s.connection().connection.driver_connection


def defer(s: Session, task: str, queue: str, lock: str | None = None, **kwargs: Any) -> bool:
    """Defer a job in the session's transaction (it exists exactly when the change commits). The queueing
    lock (= `lock`) keeps one such job waiting: a second defer is a no-op and returns False."""
    assert task in tasks_app.tasks, task
    sp = s.begin_nested()
    try:
        _DEFERRER.configure_task(task, queue=queue, queueing_lock=lock, lock=lock,
                                 connection=_driver(s)).defer(**kwargs)
    except pexc.AlreadyEnqueued:
        sp.rollback()
        return False
    sp.commit()
    return True


def runtime() -> tuple[sessionmaker, ScreenerProvider]:
    return _RUNTIME["factory"], _RUNTIME["provider"]


def _deadline(context) -> float:
    with runtime()[0]() as s:
        limit = float(config.get(s, f"jobs.time_limit.{context.job.queue}") or 0)
    return time.monotonic() + limit if limit > 0 else float("inf")


# --- tasks ------------------------------------------------------------------------------------------------

@tasks_app.task(name="rambu.plan_batch", queue="text", retry=procrastinate.RetryStrategy(max_attempts=5, wait=10))
def plan_batch(batch_id: int) -> int:
    """Cut a stored batch into chunks and defer one job per chunk."""
    from ..store import chunks
    factory, provider = runtime()
    with factory() as s, s.begin():
        planned = chunks.start(s, batch_id)
        engine = chunks.current_engine(s, provider)
        waiting = {c.idx for c in chunks.waiting_chunks(s, batch_id)}
        active = set(s.scalars(text(  # a chunk whose job waits or runs (or stalled: retried by retry_stalled)
            "SELECT (args->>'chunk')::int FROM procrastinate_jobs WHERE task_name = 'rambu.screen_chunk' "
            "AND status IN ('todo', 'doing') AND (args->>'batch_id')::int = :b"), {"b": batch_id}))
        for c in planned:
            if c.idx in waiting and c.idx not in active:
                defer(s, "rambu.screen_chunk", c.queue, chunks.chunk_lock(batch_id, c.idx, engine),
                      batch_id=batch_id, chunk=c.idx, engine=engine)
        if not waiting:
            chunks.finish_batch(s, batch_id)
        return len(waiting)


IMPORT_RETRY = procrastinate.RetryStrategy(max_attempts=5, wait=10)


@tasks_app.task(name="rambu.import_batch", queue="text", pass_context=True, retry=IMPORT_RETRY)
def import_batch(context, batch_id: int) -> str:
    """Import an uploaded archive into its batch (store/imports.py), then defer the batch's screening in the
    same transaction. The last attempt turns an unexpected error into a failed batch instead of a lost job."""
    from ..store import imports
    factory, _ = runtime()
    return imports.import_batch(factory, batch_id, then=defer_screening,
                                final=context.job.attempts >= IMPORT_RETRY.max_attempts)


def defer_screening(s: Session, batch_id: int) -> None:
    defer(s, "rambu.plan_batch", "text", f"plan:{batch_id}", batch_id=batch_id)


@tasks_app.task(name="rambu.screen_chunk", queue="text", pass_context=True,
                retry=procrastinate.RetryStrategy(max_attempts=8, wait=5))
def screen_chunk(context, batch_id: int, chunk: int, engine: str = "") -> dict:
    """Screen one chunk of a batch (queue "text", or "media" for lines naming media files)."""
    from ..store import chunks
    factory, provider = runtime()
    out = chunks.screen_chunk(factory, provider, batch_id, chunk, deadline=_deadline(context))
    if out.batch_done:
        with factory() as s, s.begin():
            defer(s, "rambu.send_mail", "mail", "mail")
    if out.left:
        raise chunks.TimeLimit(f"batch {batch_id} potongan {chunk}: batas waktu antrean; {out.left} baris menunggu")
    return {"screened": out.screened}


@tasks_app.task(name="rambu.plan_rescreen", queue="text", retry=procrastinate.RetryStrategy(max_attempts=5, wait=10))
def plan_rescreen(run_id: int) -> int:
    from ..store import rescreen
    factory, provider = runtime()
    with factory() as s, s.begin():
        todo = rescreen.plan(s, run_id)
        for batch_id, idx, queue in todo:
            defer(s, "rambu.rescreen_chunk", queue, f"rescreen:{run_id}:{batch_id}:{idx}",
                  run_id=run_id, batch_id=batch_id, chunk=idx)
        rescreen.finish(s, run_id)
        return len(todo)


@tasks_app.task(name="rambu.rescreen_chunk", queue="text", pass_context=True,
                retry=procrastinate.RetryStrategy(max_attempts=8, wait=5))
def rescreen_chunk(context, run_id: int, batch_id: int, chunk: int) -> dict:
    from ..store import rescreen
    factory, provider = runtime()
    return rescreen.screen_chunk(factory, provider, run_id, batch_id, chunk)


@tasks_app.task(name="rambu.send_mail", queue="mail", retry=procrastinate.RetryStrategy(max_attempts=3, wait=30))
def send_mail() -> dict:
    from .work import send_mail as send
    return send(runtime()[0])


@tasks_app.periodic(cron="* * * * *", periodic_id="mail")
@tasks_app.task(name="rambu.housekeeping", queue="mail", queueing_lock="rambu.housekeeping")
def housekeeping(timestamp: int) -> dict:
    """Every minute: reminders of due and overdue case steps, then the outbox (a mail server that is down
    leaves messages pending for the next round)."""
    from .work import housekeeping as run
    return run(runtime()[0])


@tasks_app.periodic(cron="17 * * * *", periodic_id="audit")
@tasks_app.task(name="rambu.audit_checkpoint", queue="mail", queueing_lock="rambu.audit_checkpoint")
def audit_checkpoint(timestamp: int) -> None:
    """Every hour: sign the audit chain's head, so the newest entries are covered before the next hundred."""
    from .work import audit_checkpoint as sign
    sign(runtime()[0])


@tasks_app.periodic(cron="* * * * * */15", periodic_id="stalled")
@tasks_app.task(name="rambu.retry_stalled", queue="text", queueing_lock="rambu.retry_stalled", pass_context=True)
async def retry_stalled(context, timestamp: int) -> int:
    """Every 15 s: jobs left "doing" by a worker without heartbeat (killed, machine lost) go back to "todo"."""
    seconds = await asyncio.to_thread(_setting, "jobs.stalled_after_seconds")
    jm = context.app.job_manager
    stalled = list(await jm.get_stalled_jobs(seconds_since_heartbeat=float(seconds)))
    for job in stalled:
        log.warning("pekerjaan macet dicoba ulang: %s #%s (pekerja %s)", job.task_name, job.id, job.worker_id)
        try:
            await jm.retry_job(job)
        except pexc.UniqueViolation:  # the same work already waits in another job: this one is done with
            await jm.finish_job_by_id_async(job_id=job.id, status=procrastinate.jobs.Status.ABORTED, delete_job=False)
    return len(stalled)


@tasks_app.periodic(cron="*/5 * * * *", periodic_id="sweep")
@tasks_app.task(name="rambu.sweep", queue="text", queueing_lock="rambu.sweep")
def sweep(timestamp: int) -> int:
    """Every 5 minutes: work without a waiting job (a job that failed for good, a batch stored before the
    queue existed) gets its job again; the queueing locks keep this from doubling anything."""
    return sweep_now(runtime()[0])


def _setting(name: str) -> Any:
    with runtime()[0]() as s:
        return config.get(s, name)


def sweep_now(factory: sessionmaker) -> int:
    from ..store import rescreen
    from ..store.models import Batch
    n = 0
    with factory() as s, s.begin():
        for bid in s.scalars(select(Batch.id).where(Batch.status == "importing")):
            n += defer(s, "rambu.import_batch", "text", f"import:{bid}", batch_id=bid)
        for bid in s.scalars(select(Batch.id).where(Batch.status.in_(("queued", "screening")))):
            n += defer(s, "rambu.plan_batch", "text", f"plan:{bid}", batch_id=bid)
        for run_id in s.scalars(rescreen.unfinished_runs()):
            n += defer(s, "rambu.plan_rescreen", "text", f"rescreen-plan:{run_id}", run_id=run_id)
    return n


# --- the queue as the web layer sees it ---------------------------------------------------------------------

class PgQueue:
    kind = "procrastinate"

    def __init__(self, engine, factory: sessionmaker, provider: ScreenerProvider, embedded_worker: bool = True):
        self.engine, self.factory, self.provider = engine, factory, provider
        self.embedded_worker = embedded_worker
        self.wake = threading.Event()  # kept for callers of the in-process queue; jobs arrive by LISTEN/NOTIFY
        self.thread: threading.Thread | None = None
        self.last_error: str | None = None
        self._stop: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def import_waiting(self, s: Session, batch_id: int) -> None:
        defer(s, "rambu.import_batch", "text", f"import:{batch_id}", batch_id=batch_id)

    def batch_waiting(self, s: Session, batch_id: int) -> None:
        defer_screening(s, batch_id)

    def rescreen_started(self, s: Session, run_id: int) -> None:
        defer(s, "rambu.plan_rescreen", "text", f"rescreen-plan:{run_id}", run_id=run_id)

    def mail_waiting(self, s: Session) -> None:
        defer(s, "rambu.send_mail", "mail", "mail")

    def start(self) -> None:
        """Run a worker inside the web server too (a single-machine deployment needs nothing else)."""
        if not self.embedded_worker or (self.thread is not None and self.thread.is_alive()):
            return
        self.thread = threading.Thread(target=self._serve, name="rambu-jobs", daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        async def main():
            self._loop, self._stop = asyncio.get_running_loop(), asyncio.Event()
            with bound(self.engine, self.factory, self.provider) as app:
                async with app.open_async():
                    task = asyncio.create_task(app.run_worker_async(install_signal_handlers=False, name="web"))
                    await self._stop.wait()
                    task.cancel()
                    try:
                        await task
                    except asyncio.CancelledError:
                        pass
        try:
            asyncio.run(main())
        except Exception as e:  # noqa: BLE001
            self.last_error = f"{type(e).__name__}: {e}"
            log.exception("pekerja antrean di server web berhenti")

    def shutdown(self, timeout: float = 10) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        if self.thread is not None:
            self.thread.join(timeout)

    def run_once(self, stop: threading.Event | None = None) -> int:
        """Re-defer what waits, then run the import and screening jobs until none is left, as the in-process
        queue does (mail is housekeeping's); returns how many batches finished."""
        from ..store.models import Batch
        with self.factory() as s:
            before = set(s.scalars(select(Batch.id).where(Batch.status != "done")))
        sweep_now(self.factory)
        drain(self.engine, self.factory, self.provider, ["text", "media"])
        with self.factory() as s:
            after = set(s.scalars(select(Batch.id).where(Batch.status != "done")))
        return len(before - after)

    def housekeeping(self) -> dict:
        from .work import housekeeping as run
        return run(self.factory)

    def alive(self) -> bool:
        """Whether this process's worker thread runs."""
        return bool(self.thread and self.thread.is_alive())

    def status(self, s: Session) -> dict:
        return {"backend": "procrastinate", "worker_alive": self.alive(),
                "embedded_worker": self.embedded_worker, "last_error": self.last_error}


@contextmanager
def using(factory: sessionmaker, provider: ScreenerProvider) -> Iterator[None]:
    """Tasks run in this process use this database and screener."""
    old = dict(_RUNTIME)
    _RUNTIME.update(factory=factory, provider=provider)
    try:
        yield
    finally:
        _RUNTIME.clear()
        _RUNTIME.update(old)


def drain(engine, factory: sessionmaker, provider: ScreenerProvider, queues: list[str] | None = None) -> None:
    """Run jobs in this thread until none is left (tests, `rambu worker --once`)."""
    with bound(engine, factory, provider) as app:
        app.run_worker(queues=queues, wait=False, install_signal_handlers=False, listen_notify=False,
                       name="drain")


def chunk_jobs(s: Session, task: str, batch_id: int) -> dict[int, dict]:
    rows = s.execute(text(
        "SELECT id, status, attempts, worker_id, (args->>'chunk')::int AS chunk FROM procrastinate_jobs "
        "WHERE task_name = :t AND (args->>'batch_id')::int = :b ORDER BY id"), {"t": task, "b": batch_id})
    return {r.chunk: {"id": r.id, "status": str(r.status), "attempts": r.attempts, "worker": r.worker_id}
            for r in rows}
