"""Draft checks under concurrency: every check is audited before its answer (entries of concurrent checks are
committed together), one failing entry costs no other its own, and reads do not wait for the write lock."""
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from rambu.store import audit
from rambu.store.access import SYSTEM
from rambu.store.audit_writer import AuditWriter
from rambu.store.db import read_only
from rambu.store.models import AuditEntry, Setting

from .conftest import login


def _drafts(app) -> int:
    with app.state.factory() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "check.draft"))


def test_concurrent_checks_are_each_audited_in_one_intact_chain(app, world):
    clients = [login(app, name) for name in ("humas_a", "kep", "humas_b", "admin")]
    before = _drafts(app)

    def check(i):
        c = clients[i % len(clients)]
        return c.api("POST", "/api/check", data={"text": f"Apel pagi bersama regu jaga nomor {i}"})

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(check, range(40)))
    assert [r.status_code for r in answers] == [200] * 40
    assert all(r.json()["result"]["decision"] for r in answers)
    assert _drafts(app) == before + 40
    with app.state.factory() as s:
        v = audit.verify(s)
    assert v.ok, v.message


def test_the_page_form_of_the_check_is_audited_too(app, world):
    c = login(app, "humas_a")
    before = _drafts(app)
    r = c.post_form("/check", data={"text": "Selamat pagi, layanan kunjungan dibuka pukul 08.00 WIB."})
    assert r.status_code == 200 and "draf" in r.text.lower()
    assert _drafts(app) == before + 1
    bad = c.post_form("/check", data={"text": "  "})  # nothing to check: an error on the page, no entry
    assert bad.status_code == 400
    assert _drafts(app) == before + 1


def test_a_check_without_sign_in_or_token_is_refused_and_not_audited(app, world):
    before = _drafts(app)
    from fastapi.testclient import TestClient
    assert TestClient(app).post("/api/check", data={"text": "halo"}).status_code == 401
    c = login(app, "humas_a")
    assert c.post("/api/check", data={"text": "halo"}).status_code == 403  # no CSRF token
    assert _drafts(app) == before


def test_writer_commits_a_crowd_in_few_transactions(app, world, monkeypatch):
    writer = AuditWriter(app.state.factory)
    commits = []
    real = writer._commit

    def counted(entries):
        commits.append(len(entries))
        time.sleep(0.02)  # a slow disk: the others arrive meanwhile
        real(entries)

    monkeypatch.setattr(writer, "_commit", counted)
    start = threading.Barrier(12)

    def one(i):
        start.wait()
        writer.record(SYSTEM, "check.draft", "check", "", detail={"i": i})

    with ThreadPoolExecutor(12) as pool:
        list(pool.map(one, range(12)))
    assert sum(commits) == 12
    assert len(commits) < 12  # shared commits
    with app.state.factory() as s:
        got = sorted(e.detail["i"] for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "check.draft")))
        assert got == list(range(12))
        assert audit.verify(s).ok


def test_writer_a_failing_entry_costs_no_other_its_own(app, world, monkeypatch):
    writer = AuditWriter(app.state.factory)
    real = audit.record
    go = threading.Event()

    def record(s, actor, action, *a, **kw):
        if (kw.get("detail") or a[-1] or {}).get("bad"):
            raise ValueError("entri rusak")
        return real(s, actor, action, *a, **kw)

    monkeypatch.setattr(audit, "record", record)
    hold = threading.Lock()
    hold.acquire()
    slow = writer._commit

    def first_waits(entries):  # the first round holds the turn until everyone has queued
        if not go.is_set():
            go.set()
            with hold:
                pass
        slow(entries)

    monkeypatch.setattr(writer, "_commit", first_waits)
    errors = {}

    def one(i):
        try:
            writer.record(SYSTEM, "check.draft", "check", "", None, {"i": i, "bad": i == 3})
        except ValueError as e:
            errors[i] = str(e)

    t0 = threading.Thread(target=one, args=(0,))
    t0.start()
    go.wait(5)
    others = [threading.Thread(target=one, args=(i,)) for i in range(1, 6)]
    for t in others:
        t.start()
    time.sleep(0.2)
    hold.release()
    for t in [t0, *others]:
        t.join(10)
    assert errors == {3: "entri rusak"}
    with app.state.factory() as s:
        got = sorted(e.detail["i"] for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "check.draft")))
        assert got == [0, 1, 2, 4, 5]
        assert audit.verify(s).ok


def test_a_read_only_transaction_does_not_wait_for_a_writer(app, world, db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("the write lock taken at the start of a transaction is SQLite's")
    factory = app.state.factory
    with factory() as writer:
        writer.get(Setting, "_install_id")  # BEGIN IMMEDIATE: the write lock is held from here
        assert writer.in_transaction()
        with factory() as reader:
            read_only(reader)
            t0 = time.monotonic()
            assert reader.scalar(select(func.count()).select_from(Setting)) > 0
            assert time.monotonic() - t0 < 1  # a plain transaction would wait up to 30 s here
            reader.commit()
        writer.rollback()


def test_turns_let_waiters_in_by_order_of_arrival():
    from rambu.web.app import Turns
    turns, order = Turns(1), []

    def one(i):
        with turns:
            order.append(i)

    with turns:  # held: everyone queues
        threads = []
        for i in range(6):
            threads.append(threading.Thread(target=one, args=(i,)))
            threads[-1].start()
            deadline = time.monotonic() + 5
            while len(turns._queue) < i + 1 and time.monotonic() < deadline:
                time.sleep(0.001)
    for t in threads:
        t.join(5)
    assert order == list(range(6))
    two = Turns(2)
    with two, two:  # up to its size at once
        assert two._free == 0 and not two._queue
    assert two._free == 2
