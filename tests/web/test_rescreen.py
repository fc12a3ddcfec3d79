"""Re-screening the archive with the real engine: a changed word list yields exactly the expected new and
withdrawn findings, proposed for review; reviewed findings are untouched (SQLite and PostgreSQL)."""
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from rambu.store import audit, config
from rambu.store.access import SYSTEM
from rambu.store.models import Finding
from rambu.web.app import create_app

from .conftest import NIP_A1, activity, jsonl

V1 = {"rule6": {"sensitive_places": ["Blok Mawar"]}}
V2 = {"rule6": {"sensitive_places": ["Pos Kenari"]}}
TEXTS = {
    1: "Rapat koordinasi di ruang Pos Kenari jam 9, penjagaan diperketat malam ini",  # a place only V2 knows
    2: "Rapat koordinasi di ruang Blok Mawar jam 9, penjagaan diperketat malam ini",  # a place only V1 knows
    3: "Rapat koordinasi di ruang Blok Mawar jam 10, penjagaan diperketat malam nanti",  # the same, reviewed
    4: "Penjagaan Blok Mawar diperketat mulai malam ini, rapat jam 9",  # found by both versions
    5: "Selamat pagi rekan-rekan, semangat melayani masyarakat",  # clean in both
}


@pytest.fixture
def real_app(db_url, world):
    app = create_app(db_url, start_worker=False)  # the real engine and bundled models
    with TestClient(app):
        pass
    yield app
    app.state.engine.dispose()


def _lists(app, lists):
    with app.state.factory() as s:
        config.update_settings(s, SYSTEM, {"engine.lists": lists})
        s.commit()


def _findings(app):
    with app.state.factory() as s:
        return {f.id: (f.line_no, f.rule, f.status, f.confidence, f.evidence, f.explanation, f.reviewed_by,
                       f.review_reason) for f in s.scalars(select(Finding))}


def test_changed_word_list_proposes_new_and_withdrawn_findings(real_app, as_user):
    from .conftest import login
    app = real_app
    _lists(app, V1)
    humas, kep, admin = login(app, "humas_a"), login(app, "kep"), login(app, "admin")
    items = [activity(i, NIP_A1, TEXTS[i]) for i in sorted(TEXTS)]
    r = humas.api("POST", "/api/batches", files=[("file", ("b.jsonl", jsonl(items), "application/x-ndjson"))])
    assert r.status_code == 201, r.text
    assert app.state.worker.run_once() == 1
    first = _findings(app)
    assert sorted((line, rule) for line, rule, *_ in first.values()) == [(2, 6), (3, 6), (4, 6)]
    reviewed = next(fid for fid, (line, *_) in first.items() if line == 3)
    assert kep.api("POST", f"/api/findings/{reviewed}/review",
                   json={"verdict": "confirm", "reason": "jadwal penjagaan disebarkan"}).status_code == 200
    before = _findings(app)

    _lists(app, V2)
    r = admin.api("POST", "/api/rescreens", json={})
    assert r.status_code == 201, r.text
    run_id = r.json()["id"]
    app.state.worker.run_once()
    page = kep.get(f"/api/rescreens/{run_id}?status=all").json()
    assert page["run"]["status"] == "done" and page["run"]["lines"] == 5
    diffs = {(d["line"], d["kind"], d["rule"]): d for d in page["items"]}
    assert set(diffs) == {(1, "new", 6), (2, "withdrawn", 6), (3, "withdrawn", 6)}
    assert diffs[(3, "withdrawn", 6)]["reviewed"] and diffs[(3, "withdrawn", 6)]["finding_id"] == reviewed
    assert "Pos Kenari" in diffs[(1, "new", 6)]["quote"]
    # nothing changed by itself: the findings are exactly as before the re-screening
    assert _findings(app) == before

    # a reviewed finding is not changed by a proposal: its review must be reopened first
    r = kep.api("POST", f"/api/rescreens/diffs/{diffs[(3, 'withdrawn', 6)]['id']}",
                json={"decision": "accept", "reason": "versi baru tidak menemukannya"})
    assert r.status_code == 409
    assert _findings(app)[reviewed] == before[reviewed]
    # the open finding is withdrawn, the new one enters the review queue, each with a reason and audited
    r = kep.api("POST", f"/api/rescreens/diffs/{diffs[(2, 'withdrawn', 6)]['id']}",
                json={"decision": "accept", "reason": "Blok Mawar bukan lagi tempat rawan"})
    assert r.status_code == 200 and r.json()["finding_status"] == "withdrawn"
    r = kep.api("POST", f"/api/rescreens/diffs/{diffs[(1, 'new', 6)]['id']}",
                json={"decision": "accept", "reason": "Pos Kenari tempat rawan"})
    assert r.status_code == 200 and r.json()["status"] == "accepted"
    new_id = r.json()["finding_id"]
    assert kep.get(f"/api/findings/{new_id}").json()["status"] == "open"
    assert kep.api("POST", f"/api/rescreens/diffs/{diffs[(1, 'new', 6)]['id']}",
                   json={"decision": "reject", "reason": "dua kali"}).status_code == 409
    after = _findings(app)
    assert after[reviewed] == before[reviewed]
    assert {fid: v[2] for fid, v in after.items()} == {**{fid: v[2] for fid, v in before.items()},
                                                       next(f for f, v in before.items() if v[0] == 2): "withdrawn",
                                                       new_id: "open"}
    with app.state.factory() as s:
        acts = [e.action for e in s.scalars(select(audit.AuditEntry).order_by(audit.AuditEntry.seq))]
        assert acts.count("rescreen.accept") == 2 and "rescreen.start" in acts and "rescreen.done" in acts
        assert audit.verify(s).ok

    # a run limited to other rules finds no difference; the list page shows both runs
    r = admin.api("POST", "/api/rescreens", json={"rules": "4,5"})
    app.state.worker.run_once()
    assert kep.get(f"/api/rescreens/{r.json()['id']}?status=all").json()["items"] == []
    runs = kep.get("/api/rescreens").json()["items"]
    assert [x["status"] for x in runs] == ["done", "done"]
    page = kep.get(f"/rescreens/{run_id}?status=all")
    assert page.status_code == 200 and 'id="rescreen-diffs"' in page.text
    assert humas.api("POST", "/api/rescreens", json={}).status_code == 403
