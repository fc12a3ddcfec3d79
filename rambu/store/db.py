"""Database engine, sessions and schema migrations (Alembic, shipped in `rambu/store/migrations`)."""
from __future__ import annotations

import fcntl
import os
import threading
import time
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

        database = engine.url.database or ""
        shared = None if database in ("", ":memory:") or database.startswith("file:") else database + "-writer"
        writers = _WRITERS[engine] = WriterQueue(shared)

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
    """SQLite's writers wait for each other here, in locks that wake the next one at once, rather than in
    SQLite's busy handler, which polls with sleeps growing to 100 ms (under eight concurrent writers some lost
    turn after turn: a tail of seconds). First this process's threads queue in a thread lock; then its one
    writer takes an exclusive `flock` on a file beside the database (`shared`), where the writers of other
    processes (`rambu serve --workers N`, the CLI) queue in the kernel. Held from a transaction's BEGIN
    IMMEDIATE until its connection goes back to the pool, i.e. after the commit or rollback has finished; a
    process that dies loses its file lock with it. A connection that begins again while holding it keeps it; a
    wait longer than SQLite's own timeout falls back to SQLite's handler, so a thread holding two write
    sessions at once is no worse off than before."""

    KEY = "rambu_writer"

    def __init__(self, shared: str | None = None, timeout: float = 30.0):
        self._lock = threading.Lock()
        self.timeout = timeout
        self.shared = shared
        self._fd: int | None = None
        self._locked = False
        _QUEUES.add(self)

    def _forked(self) -> None:
        """In a forked child: the parent's file lock is shared with the child's copy of the descriptor, so the
        child lets go of the copy (an unlock there would free the parent's lock) and starts afresh."""
        if self._fd is not None:
            os.close(self._fd)
        self._fd, self._locked, self._lock = None, False, threading.Lock()

    def enter(self, info: dict) -> None:
        if info.get(self.KEY) != os.getpid() and self._lock.acquire(timeout=self.timeout):
            info[self.KEY] = os.getpid()  # a forked child's inherited connections hold nothing of its own
            if self.shared:
                self._lock_file()

    def leave_record(self, _dbapi_conn, record, *_args) -> None:  # noqa: ANN001 - pool event signatures
        if record is not None and record.info.pop(self.KEY, None) == os.getpid():
            if self._locked:
                self._locked = False
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            self._lock.release()

    def _lock_file(self) -> None:
        """The file lock across processes (with this process's thread lock held, so one thread at a time). Tried
        every millisecond or two rather than blocking, so a wait still ends at the timeout (then SQLite's own
        handler takes over, as before); the holder is then in `_locked`."""
        try:
            if self._fd is None:
                self._fd = os.open(self.shared, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:  # a folder we may not write in: SQLite's own handler still orders the writers
            self.shared = None
            return
        deadline, pause = time.monotonic() + self.timeout, 0.0002
        while True:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._locked = True
                return
            except BlockingIOError:
                if time.monotonic() > deadline:
                    return
                time.sleep(pause)
                pause = min(pause * 2, 0.002)


_WRITERS: "weakref.WeakKeyDictionary[Engine, WriterQueue]" = weakref.WeakKeyDictionary()
_QUEUES: "weakref.WeakSet[WriterQueue]" = weakref.WeakSet()
os.register_at_fork(after_in_child=lambda: [q._forked() for q in list(_QUEUES)])


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
