"""Group commit of audit entries that stand alone (a draft check's): requests arriving together share one
short write transaction and one commit, so one disk flush, instead of queueing one by one for the write
lock (on SQLite its waiters poll with growing sleeps). Each request returns only once its own entry is
committed: nothing it was told is recorded can be lost.
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from . import audit
from .access import Actor

log = logging.getLogger("rambu.web")


@dataclass
class _Waiting:
    actor: Actor | None
    action: str
    object_type: str
    object_id: Any
    unit_id: int | None
    detail: dict | None
    done: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None


class AuditWriter:
    """`record` appends one entry in a transaction of its own, shared with whoever else is waiting: the first
    caller to get the turn writes everything that has arrived, the others find theirs written."""

    def __init__(self, factory: sessionmaker[Session]):
        self.factory = factory
        self._waiting: list[_Waiting] = []
        self._mutex = threading.Lock()  # guards _waiting
        self._turn = threading.Lock()  # one round of writing at a time

    def record(self, actor: Actor | None, action: str, object_type: str = "", object_id: Any = "",
               unit_id: int | None = None, detail: dict | None = None) -> None:
        mine = _Waiting(actor, action, object_type, object_id, unit_id, detail)
        with self._mutex:
            self._waiting.append(mine)
        with self._turn:
            if not mine.done.is_set():  # still waiting, so nobody has taken it: write the whole round
                with self._mutex:
                    round_, self._waiting = self._waiting, []
                self._write(round_)
        if mine.error is not None:
            raise mine.error

    def _write(self, round_: list[_Waiting]) -> None:
        try:
            self._commit(round_)
        except Exception as e:  # noqa: BLE001 - one bad entry must not cost the others theirs: each alone
            if len(round_) == 1:
                round_[0].error = e
            else:
                log.warning("log audit: %d entri ditulis satu per satu setelah galat", len(round_), exc_info=True)
                for w in round_:
                    try:
                        self._commit([w])
                    except Exception as e1:  # noqa: BLE001 - reported to that entry's request
                        w.error = e1
        finally:
            for w in round_:
                w.done.set()

    def _commit(self, entries: list[_Waiting]) -> None:
        with self.factory() as s:
            for w in entries:
                audit.record(s, w.actor, w.action, w.object_type, w.object_id, w.unit_id, w.detail)
            s.commit()
