"""Fixtures for the web application: every test runs on SQLite, and on PostgreSQL when RAMBU_TEST_PG_URL is set."""
from __future__ import annotations

import json
import os
import re
from datetime import datetime, timezone

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from rambu.store import auth, orgs
from rambu.store.access import SYSTEM
from rambu.store.db import make_engine, session_factory, upgrade
from rambu.web.app import create_app

PG_URL = os.environ.get("RAMBU_TEST_PG_URL")
PASSWORD = "rahasia-uji-123"
NIP_A1, NIP_A2, NIP_B1, NIP_C1 = "198901142012121003", "199001012015031002", "199304022018011001", "199205052016022001"


class StubResult:
    def __init__(self, d):
        self.d = d

    def to_dict(self):
        return self.d


class StubScreener:
    """Deterministic stand-in for the engine: 'BENCI' -> rule 2 violation, 'JADWAL JAGA' -> rule 6 review,
    'RAGU' -> rule 1 review."""

    models = (("engine", "test"), ("stub", "1"))

    def __init__(self):
        self.calls = 0

    def screen(self, activity, prior_offences=0, draft=False):
        self.calls += 1
        fields = [("text", activity.text or "")] + [(f"media[{i}].ocr_text", m.ocr_text or "")
                                                   for i, m in enumerate(activity.media)]
        findings = []
        for (word, rule, conf, review), (field, text) in ((w, f) for w in (("RAGU", 1, 0.7, True),
                                                                            ("BENCI", 2, 0.91, False),
                                                                            ("JADWAL JAGA", 6, 0.5, True))
                                                        for f in fields):
            i = text.find(word)
            if i >= 0 and not any(f["rule"] == rule for f in findings):
                findings.append({"rule": rule, "confidence": conf, "needs_review": review,
                                 "evidence": [{"field": field, "start": i, "end": i + len(word), "quote": word}],
                                 "explanation": f"Larangan {rule}: uji", "basis": ["dasar uji"],
                                 "sanction": {"ethics": "sanksi moral", "statement": "pernyataan secara tertutup",
                                              "discipline_level": "ringan" if prior_offences == 0 else "sedang",
                                              "reason": f"uji; {prior_offences} sebelumnya", "severity": "sedang",
                                              "basis": []},
                                 "detector": f"rule{rule}.stub@1", "score_detail": ["uji"]})
        decision = "violation" if any(not f["needs_review"] for f in findings) else "review" if findings else "clean"
        return StubResult({"id": activity.id, "decision": decision, "findings": findings,
                           "engine": {"version": "test", "models": dict(self.models)}})


@pytest.fixture(autouse=True, scope="session")
def audit_key_dir(tmp_path_factory):
    """The audit log's keys live outside the database: here, in the test session's own folder."""
    old = os.environ.get("RAMBU_KEY_DIR")
    os.environ["RAMBU_KEY_DIR"] = str(tmp_path_factory.mktemp("keys"))
    yield os.environ["RAMBU_KEY_DIR"]
    if old is None:
        os.environ.pop("RAMBU_KEY_DIR", None)
    else:
        os.environ["RAMBU_KEY_DIR"] = old


@pytest.fixture(autouse=True, scope="session")
def fast_hashes():
    old = auth._hasher
    auth._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    auth._DUMMY = auth._hasher.hash("x")
    yield
    auth._hasher = old


def _pg_admin(url: str):
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    u = make_url(url)
    return create_engine(u.set(database="postgres"), isolation_level="AUTOCOMMIT"), u.database


def _seed(app) -> dict:
    """Two regions, three units, users of every role, staff in each unit. Returns ids by name."""
    factory = app.state.factory
    with factory() as s:
        ra = orgs.save_region(s, SYSTEM, "JATENG", "Kanwil Jawa Tengah")
        rb = orgs.save_region(s, SYSTEM, "KALTIM", "Kanwil Kalimantan Timur")
        ua = orgs.save_unit(s, SYSTEM, "A", "Lapas Semarang", ra.id)
        uc = orgs.save_unit(s, SYSTEM, "C", "Rutan Kudus", ra.id)
        ub = orgs.save_unit(s, SYSTEM, "B", "Rutan Balikpapan", rb.id, "Asia/Makassar")
        ids = {"region_a": ra.id, "region_b": rb.id, "unit_a": ua.id, "unit_b": ub.id, "unit_c": uc.id}
        for name, role, scope, region, unit, nip in (
                ("admin", "admin", "national", None, None, None),
                ("kep", "kepatuhan", "national", None, None, None),
                ("kep_a", "kepatuhan", "regional", ra.id, None, None),
                ("kep_b", "kepatuhan", "regional", rb.id, None, None),
                ("humas_a", "humas", "unit", None, ua.id, None),
                ("humas_b", "humas", "unit", None, ub.id, None),
                ("humas_ra", "humas", "regional", ra.id, None, None),
                ("leader", "leader", "national", None, None, None),
                ("leader_b", "leader", "unit", None, ub.id, None),
                ("pegawai", "employee", "unit", None, ua.id, NIP_A1)):
            u, _ = auth.create_user(s, SYSTEM, name, name.upper(), role, scope, region, unit, nip, PASSWORD)
            ids[name] = u.id
        staff = [{"nip": NIP_A1, "name": "Rizky Pratama", "unit": "Lapas Semarang", "schedule": "office"},
                 {"nip": NIP_A2, "name": "Budi Santoso", "unit": "Lapas Semarang", "schedule": "office"},
                 {"nip": NIP_C1, "name": "Siti Rahma", "unit": "Rutan Kudus", "schedule": "office"},
                 {"nip": NIP_B1, "name": "Nur Aisyah", "unit": "Rutan Balikpapan", "schedule": "shift",
                  "timezone": "Asia/Makassar",
                  "shifts": [["2025-03-12T07:00:00+08:00", "2025-03-12T13:00:00+08:00"]]}]
        r = orgs.import_staff(s, SYSTEM, json.dumps(staff), "staff.json")
        assert not r["errors"], r
        s.commit()
        from rambu.store.models import Staff
        for m in s.query(Staff):
            ids[m.nip] = m.id
    return ids


def _build_template(url: str) -> dict:
    app = create_app(url, screener_factory=lambda s: StubScreener(), start_worker=False)
    with TestClient(app):
        pass
    ids = _seed(app)
    app.state.engine.dispose()
    return ids


@pytest.fixture(scope="session")
def templates(tmp_path_factory):
    """Migrated and seeded databases built once; each test gets a fresh copy."""
    out = {}
    d = tmp_path_factory.mktemp("template")
    out["sqlite"] = (d / "template.db", _build_template(f"sqlite:///{d / 'template.db'}"))
    if PG_URL:
        admin, name = _pg_admin(PG_URL)
        tmpl = f"{name}_template"
        with admin.connect() as c:
            c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{tmpl}"')
            c.exec_driver_sql(f'CREATE DATABASE "{tmpl}"')
        from sqlalchemy.engine import make_url
        tmpl_url = make_url(PG_URL).set(database=tmpl).render_as_string(hide_password=False)
        out["postgresql"] = (tmpl, _build_template(tmpl_url))
        admin.dispose()
    return out


DBS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not PG_URL, reason="RAMBU_TEST_PG_URL not set"))]


@pytest.fixture(params=DBS)
def db(request, tmp_path, templates):
    """(database URL, ids of the seeded world) -- a fresh copy of the template per test."""
    if request.param == "sqlite":
        import shutil
        src, ids = templates["sqlite"]
        dst = tmp_path / "rambu-test.db"
        shutil.copy(src, dst)
        return f"sqlite:///{dst}", ids
    tmpl, ids = templates["postgresql"]
    admin, name = _pg_admin(PG_URL)
    import time
    for attempt in range(10):  # an autovacuum worker may hold the database for a moment
        try:
            with admin.connect() as c:
                c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                c.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{tmpl}"')
            break
        except Exception:
            if attempt == 9:
                raise
            time.sleep(0.3)
    admin.dispose()
    return PG_URL, ids


@pytest.fixture
def db_url(db):
    return db[0]


@pytest.fixture
def empty_url(request, tmp_path):
    """An empty database (for migration tests): SQLite file, or the PG test database emptied."""
    return f"sqlite:///{tmp_path / 'empty.db'}"


SPRING = datetime(2025, 3, 20, 2, 0, tzinfo=timezone.utc)  # cases of the tests open before their hearings
AFTER_HEARING = datetime(2025, 4, 11, 2, 0, tzinfo=timezone.utc)  # ... and record them afterwards


class Clock:
    """Moves the application's clock (rambu.store.models.utcnow) to a given moment; the test's sign-ins
    travel along (their sessions do not expire by the jump)."""

    def __init__(self, app):
        self.app = app

    def set(self, when):
        from sqlalchemy import update
        from rambu.store.models import CLOCK, LoginSession, utcnow
        jump = when - utcnow()
        CLOCK["offset"] = when - datetime.now(timezone.utc)
        with self.app.state.factory() as s:
            for ls in s.query(LoginSession):
                ls.created_at, ls.expires_at = ls.created_at + jump, ls.expires_at + jump
            s.commit()


@pytest.fixture
def clock(app):
    from datetime import timedelta
    from rambu.store.models import CLOCK
    yield Clock(app)
    CLOCK["offset"] = timedelta(0)


@pytest.fixture
def stub():
    return StubScreener()


@pytest.fixture
def app(db_url, stub):
    app = create_app(db_url, screener_factory=lambda s: stub, start_worker=False)
    with TestClient(app):  # runs start-up: migrations (none left to run), holidays
        pass
    yield app
    app.state.engine.dispose()


@pytest.fixture
def world(app, db):
    return db[1]


class Client(TestClient):
    csrf: str = ""

    def post_form(self, url, data=None, files=None, **kw):
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf)
        return self.post(url, data=data, files=files, **kw)

    def api(self, method, url, **kw):
        headers = kw.pop("headers", {}) or {}
        headers.setdefault("X-CSRF-Token", self.csrf)
        return self.request(method, url, headers=headers, **kw)


def login(app, username: str, password: str = PASSWORD) -> Client:
    c = Client(app, follow_redirects=False)
    r = c.post("/api/login", json={"username": username, "password": password})
    assert r.status_code == 200, r.text
    c.csrf = r.json()["csrf_token"]
    return c


@pytest.fixture
def as_user(app, world):
    cache = {}

    def get(name):
        if name not in cache:
            cache[name] = login(app, name)
        return cache[name]
    return get


def jsonl(items) -> bytes:
    return ("\n".join(json.dumps(a, ensure_ascii=False) for a in items) + "\n").encode()


def activity(i, nip, text, **kw):
    a = {"id": f"a-{i}", "type": "post", "platform": "facebook", "author": {"nip": nip},
         "created_at": kw.pop("created_at", "2025-03-11T20:15:00+07:00"), "text": text}
    a.update(kw)
    return a


def screen_all(app):
    return app.state.worker.run_once()


def upload_and_screen(app, client: Client, items, unit_id=None, media=()) -> dict:
    files = [("file", ("batch.jsonl", jsonl(items), "application/x-ndjson"))]
    files += [("media", (name, content, "application/octet-stream")) for name, content in media]
    data = {"unit_id": str(unit_id)} if unit_id else {}
    r = client.api("POST", "/api/batches", files=files, data=data)
    assert r.status_code == 201, r.text
    screen_all(app)
    return client.get(f"/api/batches/{r.json()['id']}").json()


def csrf_from(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    return m.group(1) if m else ""
