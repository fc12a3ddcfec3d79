"""SQLite writers of one process queue in `WriterQueue`, held from BEGIN IMMEDIATE until the connection is back in
the pool: concurrent writers all finish with their work, and every way a transaction ends (commit, rollback,
an error inside it, an invalidated connection) lets the next writer in; read-only transactions never take it.
Across processes the writer holds a file lock beside the database, which another process's writer waits for."""
import fcntl
import os
import subprocess
import sys
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


def _file_lock_free(path: str) -> bool:
    """Whether another open file description (as another process would have) can take the writers' file lock."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def test_a_writer_holds_the_file_lock_other_processes_queue_in_until_its_connection_is_back(engine):
    factory = session_factory(engine)
    q = _queue(engine)
    assert q.shared == engine.url.database + "-writer"
    with factory() as s:
        read_only(s)
        s.execute(text("SELECT count(*) FROM t")).scalar()
        assert _file_lock_free(q.shared), "a read took the writers' lock"
        s.commit()
        s.execute(text("INSERT INTO t (n) VALUES (1)"))
        assert not _file_lock_free(q.shared)
        s.commit()
    assert _file_lock_free(q.shared)


def test_a_writer_in_another_process_waits_for_the_file_lock_then_lands(engine, tmp_path):
    factory = session_factory(engine)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    script = (f"import sys; sys.path.insert(0, {root!r})\n"
              "from sqlalchemy import text\n"
              "from rambu.store.db import make_engine\n"
              f"e = make_engine({str(engine.url)!r})\n"
              "with e.begin() as c:\n"
              "    c.execute(text('INSERT INTO t (n) VALUES (2)'))\n"
              "print('landed', flush=True)\n")
    with factory() as s:
        s.execute(text("INSERT INTO t (n) VALUES (1)"))
        other = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        with pytest.raises(subprocess.TimeoutExpired):
            other.wait(3)  # queued behind this transaction (SQLite alone would make it wait too, polling)
        s.commit()
    out, _ = other.communicate(timeout=60)
    assert other.returncode == 0 and "landed" in out
    with engine.connect() as c:
        assert sorted(c.execute(text("SELECT n FROM t")).scalars()) == [1, 2]


def test_a_file_lock_held_past_the_timeout_leaves_the_writer_to_sqlite(engine):
    q = _queue(engine)
    q.timeout = 0.2
    fd = os.open(q.shared, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)  # a stuck holder that is not writing to the database
    try:
        with session_factory(engine)() as s:
            s.execute(text("INSERT INTO t (n) VALUES (3)"))
            s.commit()
    finally:
        os.close(fd)
    with engine.connect() as c:
        assert c.execute(text("SELECT n FROM t")).scalars().all() == [3]
    assert not q._lock.locked() and not q._locked


def test_a_forked_child_does_not_free_the_parents_file_lock(engine):
    """The engine's and the fact-check index's worker pools fork: a child shares the parent's lock descriptor,
    and must not release the parent's lock through it."""
    factory = session_factory(engine)
    q = _queue(engine)
    with factory() as s:
        s.execute(text("INSERT INTO t (n) VALUES (1)"))  # the parent holds the writers' lock
        pid = os.fork()
        if pid == 0:  # the child: as if it returned a pooled connection it inherited
            code = 1
            try:
                code = 0 if (q._fd is None and not q._locked and not q._lock.locked()) else 1
                q.leave_record(None, type("R", (), {"info": {q.KEY: os.getppid()}})())
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0, "the child kept the parent's lock state"
        assert not _file_lock_free(q.shared), "the child freed the parent's file lock"
        s.commit()
    assert _file_lock_free(q.shared)
