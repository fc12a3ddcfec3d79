"""Background work beyond one machine (issue 10).

The work is plain functions of `rambu.store` (imports.py: an uploaded archive's import; chunks.py: a batch's
chunks; rescreen.py: re-screening; notices.py: reminders and the e-mail outbox; audit.py: signed
checkpoints). Who runs them:

* PostgreSQL: procrastinate (`pg.py`). Jobs wait in the database on the queues `text`, `media` and `mail`;
  `rambu worker` (`worker.py`) runs them on any machine that reaches the database, and so can the web
  server itself. Stalled jobs (a worker killed mid-job) are retried by a periodic task.
* SQLite, the embedded default: the same functions run in a thread of the web server (`inprocess.py`),
  as they always did; nothing else to start.

`make_queue` picks one from the database URL; both offer the same small interface: what the web layer tells
them inside its transaction (`import_waiting`, `batch_waiting`, `rescreen_started`, `mail_waiting`), and
`start`, `shutdown`, `run_once` (tests, `--once`), `housekeeping`, `status`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # importing SQLAlchemy here would cost every `rambu check` half a second at start-up
    from sqlalchemy.orm import Session

QUEUES = ("text", "media", "mail")


def is_postgres(s_or_engine: Any) -> bool:
    bind = s_or_engine.get_bind() if hasattr(s_or_engine, "get_bind") else s_or_engine  # a Session
    return bind.dialect.name == "postgresql"


def job_states(s: "Session", task: str, batch_id: int) -> dict[int, dict]:
    """The latest job of each chunk of a batch, from the job table (PostgreSQL; {} elsewhere)."""
    if not is_postgres(s):
        return {}
    from .pg import chunk_jobs
    return chunk_jobs(s, task, batch_id)


def make_queue(engine, factory, provider, *, embedded_worker: bool = True, poll: float = 2.0):
    """The job queue for this database: procrastinate on PostgreSQL, a thread of this process on SQLite."""
    if engine.dialect.name == "postgresql":
        from .pg import PgQueue
        return PgQueue(engine, factory, provider, embedded_worker=embedded_worker)
    from .inprocess import InProcessQueue
    return InProcessQueue(factory, provider, poll=poll)
