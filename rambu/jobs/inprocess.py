"""SQLite (the embedded default): the jobs' functions run in one thread of the web server, driven by what the
database says is unfinished (archives to import first, then batches to screen, then re-screening), so a
restart resumes where the last run stopped."""
from __future__ import annotations

import logging
import threading
import time

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from ..store import batches, imports, rescreen
from ..store.models import Batch
from ..store.screening import ScreenerProvider
from . import work

log = logging.getLogger("rambu.web")


class InProcessQueue:
    kind = "inprocess"

    def __init__(self, factory: sessionmaker, provider: ScreenerProvider, poll: float = 2.0):
        self.factory, self.provider, self.poll = factory, provider, poll
        self.wake = threading.Event()
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None
        self.last_error: str | None = None

    # --- what the web layer tells the queue (inside its transaction) ---------------------------------
    def import_waiting(self, s: Session, batch_id: int) -> None:
        self.wake.set()

    def batch_waiting(self, s: Session, batch_id: int) -> None:
        self.wake.set()

    def rescreen_started(self, s: Session, run_id: int) -> None:
        self.wake.set()

    def mail_waiting(self, s: Session) -> None:
        self.wake.set()

    # --- running -------------------------------------------------------------------------------------
    def start(self) -> None:
        if self.thread is None or not self.thread.is_alive():
            self.stop.clear()
            self.thread = threading.Thread(target=self._run, name="rambu-jobs", daemon=True)
            self.thread.start()

    def shutdown(self, timeout: float = 10) -> None:
        self.stop.set()
        self.wake.set()
        if self.thread is not None:
            self.thread.join(timeout)

    def run_once(self, stop: threading.Event | None = None) -> int:
        """Do every unfinished piece of work now (in the calling thread); returns how many batches finished."""
        self.run_imports(stop)
        n = 0
        for bid in batches.pending_batches(self.factory):
            if stop is not None and stop.is_set():
                break
            if batches.screen_batch(self.factory, self.provider, bid, stop=stop):
                n += 1
        with self.factory() as s:
            runs = list(s.scalars(rescreen.unfinished_runs()))
        for run_id in runs:
            rescreen.run_all(self.factory, self.provider, run_id, stop=stop)
        return n

    def run_imports(self, stop: threading.Event | None = None) -> None:
        """Archives waiting for their import, oldest first (screening then finds their batches queued). An
        unexpected error gets one more try at once: the second one fails the batch rather than loop on it."""
        for bid in imports.pending_imports(self.factory):
            if stop is not None and stop.is_set():
                return
            try:
                imports.import_batch(self.factory, bid, final=False)
            except Exception:  # noqa: BLE001 - e.g. the same activities stored at the same moment by an upload
                log.warning("impor batch %s dicoba ulang", bid, exc_info=True)
                imports.import_batch(self.factory, bid)

    def housekeeping(self) -> dict:
        """Reminders of due and overdue case steps, and the e-mail outbox."""
        return work.housekeeping(self.factory)

    def alive(self) -> bool:
        """Whether this process's worker thread runs."""
        return bool(self.thread and self.thread.is_alive())

    def status(self, s: Session) -> dict:
        unfinished = s.scalar(select(Batch.id).where(Batch.status.in_(("importing", "queued", "screening"))).limit(1))
        return {"backend": "inprocess", "worker_alive": self.alive(),
                "last_error": self.last_error, "busy": unfinished is not None}

    def _run(self) -> None:
        last_housekeeping = 0.0
        while not self.stop.is_set():
            try:
                self.run_once(self.stop)
                if time.monotonic() - last_housekeeping >= 60:
                    last_housekeeping = time.monotonic()
                    self.housekeeping()
                self.last_error = None
            except Exception as e:  # noqa: BLE001 - keep the worker alive; the batch resumes next round
                self.last_error = f"{type(e).__name__}: {e}"
                log.exception("pekerja penyaringan")
            self.wake.wait(self.poll)
            self.wake.clear()
