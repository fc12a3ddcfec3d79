"""Database engine, sessions and schema migrations (Alembic, shipped in `rambu/store/migrations`)."""
from __future__ import annotations

import os
import threading
import weakref
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")
DEFAULT_URL = "sqlite:///rambu.db"
READ_ONLY = "rambu_read_only"  # execution option of a transaction begun by `read_only`


def database_url(url: str | None = None) -> str:
    return url or os.environ.get("RAMBU_DATABASE_URL") or DEFAULT_URL


def make_engine(url: str | None = None) -> Engine:
    url = database_url(url)
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(conn, _record):  # noqa: ANN001
            conn.isolation_level = None  # transactions begin below, as BEGIN IMMEDIATE
            cur = conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            if ":memory:" not in url:
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        writers = _WRITERS[engine] = WriterQueue()

        @event.listens_for(engine, "begin")
        def _begin(conn):  # noqa: ANN001
            # Take the write lock at the start: a transaction that read first and wrote later could not wait for
            # another writer (SQLITE_BUSY at once); this way concurrent reviews queue up and see each other's work.
            # A transaction begun by `read_only` neither takes nor waits for it (WAL readers see the last commit).
            if conn.get_execution_options().get(READ_ONLY):
                conn.exec_driver_sql("BEGIN")
                return
            writers.enter(conn.info)
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        # the transaction is over, one way or another (a soft invalidation only marks the connection for later:
        # its transaction goes on, so it releases nothing)
        for name in ("checkin", "invalidate", "detach"):
            event.listen(engine, name, writers.leave_record)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


def writer_queue(engine: Engine) -> "WriterQueue | None":
    """The SQLite engine's queue of this process's writers (None on PostgreSQL)."""
    return _WRITERS.get(engine)


class WriterQueue:
    """This process's SQLite writers wait for each other here, in a lock that wakes the next one at once, rather
    than in SQLite's busy handler, which polls with sleeps growing to 100 ms (under eight concurrent writers some
    lost turn after turn: a tail of seconds). Held from a transaction's BEGIN IMMEDIATE until its connection goes
    back to the pool, i.e. after the commit or rollback has finished. Other processes still meet in SQLite's
    handler. A connection that begins again while holding it keeps it; a wait longer than SQLite's own timeout
    falls back to SQLite's handler, so a thread holding two write sessions at once is no worse off than before."""

    KEY = "rambu_writer"

    def __init__(self, timeout: float = 30.0):
        self._lock = threading.Lock()
        self.timeout = timeout

    def enter(self, info: dict) -> None:
        if not info.get(self.KEY) and self._lock.acquire(timeout=self.timeout):
            info[self.KEY] = True

    def leave_record(self, _dbapi_conn, record, *_args) -> None:  # noqa: ANN001 - pool event signatures
        if record is not None and record.info.pop(self.KEY, False):
            self._lock.release()


_WRITERS: "weakref.WeakKeyDictionary[Engine, WriterQueue]" = weakref.WeakKeyDictionary()


def include_name(name, type_, parent_names) -> bool:
    """What migrations compare with the models: not the job queue's own tables (procrastinate, PostgreSQL)."""
    return not (type_ == "table" and name and name.startswith("procrastinate_"))


def alembic_config(engine: Engine | None = None):
    from alembic.config import Config
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` (run at start-up and by `rambu db upgrade`)."""
    from alembic import command
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def read_only(s: Session) -> None:
    """Begin the session's next transaction as one that only reads: on SQLite it neither takes nor waits for
    the write lock. End it (commit) before writing: a write in it could fail at once (SQLITE_BUSY)."""
    if not s.in_transaction():
        s.connection(execution_options={READ_ONLY: True})


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    with factory() as s:
        with s.begin():
            yield s
