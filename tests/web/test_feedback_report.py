"""The admin page "Umpan balik pemeriksa": reviewers' confirmation per rule and confidence, the suggested
violation threshold, and applying it (audited). Runs on SQLite and PostgreSQL."""
from datetime import datetime, timezone

from rambu.store.models import Batch, Feedback, Finding, Setting

from .conftest import login


def _reviewed(app, world, rows):
    """Reviewed findings: (rule, confidence, confirmed, detector)."""
    now = datetime(2025, 3, 1, tzinfo=timezone.utc)
    with app.state.factory() as s:
        b = Batch(unit_id=world["unit_a"], uploaded_by=world["humas_a"], filename="uji.jsonl", sha256="0" * 64,
                  size=1, status="done")
        s.add(b)
        s.flush()
        for n, (rule, conf, confirmed, det) in enumerate(rows):
            f = Finding(batch_id=b.id, line_no=n + 1, idx=0, unit_id=world["unit_a"], rule=rule, confidence=conf,
                        needs_review=True, decision="review", evidence=[], explanation="uji", basis=[], detector=det,
                        status="confirmed" if confirmed else "dismissed")
            s.add(f)
            s.flush()
            s.add(Feedback(finding_id=f.id, user_id=world["kep"], verdict=f.status, reason="uji", rule=rule,
                           detector=det, confidence=conf, texts={"text": f"teks {n}"}, created_at=now))
        s.commit()


def _rows():
    # rule 2: reviewers dismiss most findings below 0.8 and confirm every one above
    rows = [(2, round(0.5 + i * 0.00625, 4), (0.5 + i * 0.00625) >= 0.8 or i % 5 == 0, "rule2.sara@1")
            for i in range(80)]
    return rows + [(6, 0.7, True, "rule6.security@1")] * 3


def test_report_page_and_its_json_twin(app, world):
    _reviewed(app, world, _rows())
    admin = login(app, "admin")
    d = admin.get("/api/admin/feedback-report").json()
    assert d["reviewed"] == 83
    r2 = next(r for r in d["rules"] if r["rule"] == 2)
    assert r2["reviewed"] == 80 and r2["setting"] == "rule2.violation_threshold" and not r2["overridden"]
    assert 0.7 <= r2["suggested_threshold"]["threshold"] <= 0.8
    r6 = next(r for r in d["rules"] if r["rule"] == 6)
    assert r6["reviewed"] == 3 and r6["suggested_threshold"] is None
    page = admin.get("/admin/feedback-report")
    assert page.status_code == 200
    html = page.text
    assert "Umpan balik pemeriksa" in html and 'id="apply-2"' in html and 'id="apply-6"' not in html
    assert "Belum ada saran" in html  # rule 6
    assert "%" in html and "," in html  # percent with the decimal comma
    # only administrators
    for user in ("kep", "humas_a", "leader", "pegawai"):
        assert login(app, user).get("/api/admin/feedback-report").status_code in (403, 404)


def test_apply_the_suggestion_sets_the_threshold_and_is_audited(app, world):
    _reviewed(app, world, _rows())
    admin = login(app, "admin")
    sug = next(r for r in admin.get("/api/admin/feedback-report").json()["rules"] if r["rule"] == 2)[
        "suggested_threshold"]["threshold"]
    # a value that is not the current suggestion is refused (stale page, hand-made request)
    bad = admin.api("POST", "/api/admin/feedback-report/apply", json={"rule": 2, "threshold": 0.5})
    assert bad.status_code == 400 and "bukan saran" in bad.json()["detail"]
    assert admin.api("POST", "/api/admin/feedback-report/apply", json={"rule": 6, "threshold": 0.7}).status_code == 400
    assert admin.api("POST", "/api/admin/feedback-report/apply", json={"rule": "dua"}).status_code == 400
    # the form applies it
    r = admin.post_form("/admin/feedback-report", {"rule": "2", "threshold": str(sug)})
    assert r.status_code == 303
    with app.state.factory() as s:
        assert s.get(Setting, "rule2.violation_threshold").value == sug
    d = admin.get("/api/admin/feedback-report").json()
    r2 = next(r for r in d["rules"] if r["rule"] == 2)
    assert r2["overridden"]
    audit = admin.get("/api/admin/audit?object_type=setting").json()["items"]
    assert any(e["action"] == "feedback.threshold_applied" and e["detail"]["new"] == sug for e in audit)
    # other roles cannot apply
    kep = login(app, "kep")
    assert kep.api("POST", "/api/admin/feedback-report/apply", json={"rule": 2, "threshold": sug}).status_code in (403, 404)


def test_withdrawn_verdicts_do_not_count(app, world):
    _reviewed(app, world, [(2, 0.9, True, "rule2.sara@1")] * 5)
    with app.state.factory() as s:
        for fb in s.query(Feedback).limit(2):
            fb.withdrawn_at = datetime(2025, 3, 2, tzinfo=timezone.utc)
        s.commit()
    d = login(app, "admin").get("/api/admin/feedback-report").json()
    assert next(r for r in d["rules"] if r["rule"] == 2)["reviewed"] == 3
