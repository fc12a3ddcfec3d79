"""Database engine, sessions and schema migrations (Alembic, shipped in `rambu/store/migrations`)."""
from __future__ import annotations

import os
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

        @event.listens_for(engine, "begin")
        def _begin(conn):  # noqa: ANN001
            # Take the write lock at the start: a transaction that read first and wrote later could not wait for
            # another writer (SQLITE_BUSY at once); this way concurrent reviews queue up and see each other's work.
            # A transaction begun by `read_only` neither takes nor waits for it (WAL readers see the last commit).
            conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE")
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


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
