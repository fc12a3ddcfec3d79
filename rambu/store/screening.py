"""Building the engine's Screener from the database (settings, staff directory, fact-check register).

`ScreenerProvider` caches one Screener per settings revision and serialises
calls into it (the worker thread and the pre-publication check share it).
Tests and special deployments pass their own `factory(session) -> screener`.
"""
from __future__ import annotations

import gc
import logging
import threading
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterator

from sqlalchemy.orm import Session

from . import config, orgs

log = logging.getLogger("rambu.web")


def build_screener(s: Session, workers: int = 1) -> Any:
    """The Screener of the database's settings, staff and register (`workers` > 1: a large register is
    analysed in forked processes; only in a process without other threads, as `rambu worker`'s)."""
    from ..engine import Screener
    from ..factcheck.matcher import FactCheckIndex
    from ..staff.directory import StaffDirectory
    cfg = config.engine_config(s)
    staff = StaffDirectory.from_records(orgs.staff_records(s), source="direktori pegawai (basis data)", strict=False)
    for e in staff.errors:
        log.warning("direktori pegawai: %s", e)
    fcs = orgs.factcheck_records(s)
    factchecks = FactCheckIndex(fcs, workers=workers) if fcs else None
    try:
        return Screener(cfg, staff=staff, factchecks=factchecks, classifier="bundled")
    except Exception as e:  # noqa: BLE001 - no bundled classifier: screen with word lists only, and say so
        log.warning("model klasifikasi bawaan tidak dapat dimuat (%s); penyaringan tanpa model", e)
        return Screener(cfg, staff=staff, factchecks=factchecks, classifier=None)


# Background screening in a web server's own thread shares the interpreter with the people it serves: each
# background line waits while requests are in progress, but at most this long, so a batch never starves.
BACKGROUND_WAIT = 0.25
PRESENCE_POLL = 0.002  # s between looks at sibling processes' requests


class ScreenerProvider:
    def __init__(self, factory: Callable[[Session], Any] | None = None, settle: bool = False):
        """`settle`: after each build, freeze what exists for the garbage collector (`gc.freeze`: its passes
        then skip the Screener's millions of objects; for worker processes and served web processes, not for
        a library user's process, whose other objects it would freeze too)."""
        self.factory = factory or build_screener
        self.settle = settle
        self._screener: Any = None
        self._revision: int | None = None
        self._build_lock = threading.Lock()
        self.lock = threading.RLock()  # held around each screen() call
        self._people = 0  # requests in progress in this process (`attending`)
        self._quiet = threading.Condition()
        self.presence: Any = None  # the requests of sibling server processes (`rambu.web.served.Presence`)

    def get(self, s: Session) -> Any:
        rev = config.revision(s)
        with self._build_lock:
            if self._screener is None or rev != self._revision:
                self._screener = None  # the old one goes before the new one is built
                if self.settle:
                    gc.unfreeze()
                self._screener = self.factory(s)
                self._revision = rev
                if self.settle:  # a worker process: the long-lived Screener leaves the garbage collector's sight
                    gc.collect()
                    gc.freeze()
            return self._screener

    def screen(self, s: Session, activity: Any, prior_offences: int = 0, draft: bool = False) -> dict:
        return self.screen_with(self.get(s), activity, prior_offences, draft)

    @contextmanager
    def attending(self) -> Iterator[None]:
        """Around each web request: background screening in this process gives way meanwhile."""
        with self._quiet:
            self._people += 1
            if self._people == 1 and self.presence is not None:
                self.presence.arrive()
        try:
            yield
        finally:
            with self._quiet:
                self._people -= 1
                if not self._people:
                    if self.presence is not None:
                        self.presence.leave()
                    self._quiet.notify_all()

    def screen_with(self, screener: Any, activity: Any, prior_offences: int = 0, draft: bool = False) -> dict:
        """Screen with a Screener got earlier (no database needed: callers screen outside transactions).
        A draft is a person's check; anything else is background work and first lets requests finish."""
        if not draft:
            self._give_way()
        with self.lock:
            if draft:
                return screener.screen(activity, prior_offences=prior_offences, draft=True).to_dict()
            return screener.screen(activity, prior_offences=prior_offences).to_dict()

    def _give_way(self) -> None:
        """Background work waits while requests are in progress (here, and in sibling server processes when
        `presence` is set), but at most BACKGROUND_WAIT."""
        deadline = time.monotonic() + BACKGROUND_WAIT
        with self._quiet:
            if self._people:
                self._quiet.wait_for(lambda: not self._people, timeout=BACKGROUND_WAIT)
        if self.presence is not None:
            while self.presence.anyone() and time.monotonic() < deadline:
                time.sleep(PRESENCE_POLL)

    def versions(self, s: Session) -> dict:
        sc = self.get(s)
        from .. import __version__
        return {"version": __version__, "models": dict(getattr(sc, "models", ()))}
