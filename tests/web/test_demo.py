"""`rambu serve --demo` data with the real engine (skipped when the engine cannot be built here)."""
import pytest
from fastapi.testclient import TestClient


def test_demo_with_real_engine(tmp_path):
    try:
        from rambu.engine import Screener
        Screener(classifier=None)
    except Exception as e:  # noqa: BLE001
        pytest.skip(f"engine unavailable: {e}")
    from rambu.store.db import make_engine, session_factory, upgrade
    from rambu.store.demo import load_demo
    from rambu.web.app import create_app
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with session_factory(engine)() as s:
        password = load_demo(s)
        assert password and load_demo(s) is None  # idempotent, password shown once
    engine.dispose()
    app = create_app(url, start_worker=False)
    with TestClient(app) as c:
        r = c.post("/api/login", json={"username": "kepatuhan", "password": password})
        assert r.status_code == 200
        import re
        who = re.search(r'id="nav-me">([^<]*)</a>', c.get("/me").text).group(1)
        assert who == "Dewi Lestari (Kepatuhan Internal Pusat)"  # the role once, not "(...) (Kepatuhan Internal)"
        fs = c.get("/api/findings?status=all").json()
        assert fs["total"] >= 5 and len({f["rule"] for f in fs["items"]}) >= 4
        cases = c.get("/api/cases?status=all").json()["items"]
        decided = [x for x in cases if x["outcome"] == "proven"]
        assert decided and any(x["overdue"] for x in cases)
        case = c.get(f"/api/cases/{decided[0]['id']}").json()
        assert [d["kind"] for d in case["documents"]] == ["summons", "hearing_minutes", "decision"]
        assert c.get(f"/documents/{case['documents'][-1]['id']}").content.startswith(b"%PDF")
        f = c.get(f"/api/findings/{fs['items'][0]['id']}").json()
        assert f["engine"]["version"] and f["engine"]["models"]
        r = c.post("/api/check", data={"text": "Dasar suku pendatang itu biang kerok, usir saja mereka semua!"},
                   headers={"X-CSRF-Token": r.json()["csrf_token"]})
        assert r.status_code == 200 and r.json()["result"]["decision"] in ("violation", "review")
    app.state.engine.dispose()
