"""SQLite writers of one process queue in `WriterQueue`, held from BEGIN IMMEDIATE until the connection is back in
the pool: concurrent writers all finish with their work, and every way a transaction ends (commit, rollback,
an error inside it, an invalidated connection) lets the next writer in; read-only transactions never take it."""
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text

from rambu.store.db import WriterQueue, make_engine, read_only, session_factory, writer_queue


@pytest.fixture
def engine(tmp_path):
    e = make_engine(f"sqlite:///{tmp_path / 'w.db'}")
    with e.begin() as c:
        c.execute(text("CREATE TABLE t (n INTEGER)"))
    yield e
    e.dispose()


def _queue(engine) -> WriterQueue:
    q = writer_queue(engine)
    assert isinstance(q, WriterQueue)
    return q


def test_concurrent_writers_all_land_and_the_lock_is_free_after(engine):
    factory = session_factory(engine)

    def write(i: int) -> None:
        for k in range(20):
            with factory() as s:
                s.execute(text("INSERT INTO t (n) VALUES (:n)"), {"n": i * 100 + k})
                s.commit()

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(write, range(8)))
    with engine.connect() as c:
        assert c.execute(text("SELECT count(*), count(DISTINCT n) FROM t")).one() == (160, 160)
    assert not _queue(engine)._lock.locked()


def test_every_ending_frees_the_next_writer(engine):
    factory = session_factory(engine)
    q = _queue(engine)
    with factory() as s:  # rollback
        s.execute(text("INSERT INTO t (n) VALUES (1)"))
        assert q._lock.locked()
        s.rollback()
    assert not q._lock.locked()
    with pytest.raises(RuntimeError):  # an error inside the transaction, the session closed by the with-block
        with factory() as s:
            s.execute(text("INSERT INTO t (n) VALUES (2)"))
            raise RuntimeError("boom")
    assert not q._lock.locked()
    with factory() as s:  # an invalidated connection
        s.execute(text("INSERT INTO t (n) VALUES (3)"))
        s.connection().invalidate()
    assert not q._lock.locked()
    with engine.begin() as c:  # and a plain engine transaction
        c.execute(text("INSERT INTO t (n) VALUES (4)"))
    assert not q._lock.locked()
    with engine.connect() as c:
        assert [r[0] for r in c.execute(text("SELECT n FROM t ORDER BY n"))] == [4]


def test_read_only_transactions_do_not_queue(engine):
    factory = session_factory(engine)
    q = _queue(engine)
    with factory() as writer:
        writer.execute(text("INSERT INTO t (n) VALUES (7)"))  # holds the queue (and SQLite's write lock)
        seen = []

        def read():
            with factory() as s:
                read_only(s)
                seen.append(s.execute(text("SELECT count(*) FROM t")).scalar())
                s.commit()

        t = threading.Thread(target=read)
        t.start()
        t.join(10)
        assert not t.is_alive() and seen == [0]  # the reader saw the last commit without waiting
        assert q._lock.locked()
        writer.commit()
    assert not q._lock.locked()
