"""The application as each process of `rambu serve --workers N` builds it (uvicorn imports `app` by name).

One Python process answers requests on one core at a time; several processes on one machine share its cores.
The parent (`rambu serve`) has already migrated and prepared the database, and passes its options in the
environment. Background work (batch screening on SQLite, the embedded job worker) must run in exactly one
process: whichever holds an exclusive lock on a file the parent named (`Led`).
"""
from __future__ import annotations

import fcntl
import json
import os
from typing import Any

ENV = "RAMBU_SERVE_OPTIONS"


def options(url: str | None, secure_cookies: bool, trusted_proxies: tuple[str, ...], start_worker: bool,
            lock_path: str) -> str:
    """The options the parent passes on (JSON for the environment)."""
    return json.dumps({"url": url, "secure_cookies": secure_cookies, "trusted_proxies": list(trusted_proxies),
                       "start_worker": start_worker, "lock": lock_path})


def app():
    from .app import create_app
    o = json.loads(os.environ[ENV])
    return create_app(o["url"], secure_cookies=o["secure_cookies"], trusted_proxies=tuple(o["trusted_proxies"]),
                      start_worker=bool(o["start_worker"]), worker_lock=o["lock"], run_migrations=False,
                      settle_screener=True)


class Led:
    """The job queue of one server process among several. Its worker runs only while this process holds the
    lock; the others answer for it ("the worker runs in another process") as long as someone holds it, and
    take over when nobody does (the leader died and uvicorn has not yet replaced it)."""

    def __init__(self, queue: Any, lock_path: str):
        self.queue, self.lock_path = queue, lock_path
        self._fd: int | None = None  # open while leading: the lock lives as long as the descriptor

    def __getattr__(self, name: str) -> Any:  # the web layer's notifications go to the queue as they are
        return getattr(self.queue, name)

    @property
    def leading(self) -> bool:
        return self._fd is not None

    def _try_lead(self) -> bool:
        if self._fd is None:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                return False
            self._fd = fd
        return True

    def start(self) -> None:
        if self._try_lead():
            self.queue.start()

    def shutdown(self, timeout: float = 10) -> None:
        self.queue.shutdown(timeout)
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def alive(self) -> bool:
        """Whether the background worker runs, here or in a sibling process (one that holds the lock)."""
        if not self.leading:
            self.start()  # nobody leads any more: this process takes over
        return self.queue.alive() if self.leading else True

    def status(self, s) -> dict:
        alive = self.alive()
        st = dict(self.queue.status(s))
        if not self.leading:
            st.update(worker_alive=alive, elsewhere=True, last_error=None)
        return st


class Presence:
    """Whether any of the server processes is answering a request right now: background work in the leading
    process gives way to the requests of all of them, not only to its own (`ScreenerProvider.attending`).

    A process serving someone holds a shared `flock` on a file beside the worker's lock; background work
    probes it with an exclusive one through a second descriptor (flock locks belong to an open file, so the
    probe conflicts with this process's own shared lock too). Descriptors are opened per process: a forked
    child must not share its parent's.
    """

    def __init__(self, path: str):
        self.path = path
        self._pid: int | None = None
        self._hold = self._probe = -1

    def _fds(self) -> tuple[int, int]:
        if self._pid != os.getpid():
            self._hold = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            self._probe = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            self._pid = os.getpid()
        return self._hold, self._probe

    def arrive(self) -> None:
        """The first request in progress in this process."""
        fcntl.flock(self._fds()[0], fcntl.LOCK_SH)

    def leave(self) -> None:
        """No request in progress in this process any more."""
        fcntl.flock(self._fds()[0], fcntl.LOCK_UN)

    def anyone(self) -> bool:
        probe = self._fds()[1]
        try:
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(probe, fcntl.LOCK_UN)
        return False
