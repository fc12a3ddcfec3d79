"""Review queue and the case workflow to a decision, with its documents."""
import pytest

from .conftest import AFTER_HEARING, NIP_A1, NIP_A2, SPRING, activity, login, upload_and_screen

HEARING = {"hearing_at": "2025-04-10T09:00", "place": "Aula Lapas Semarang", "chair": "Drs. Bambang",
           "members": "Sri Wahyuni\nAgus Salim", "secretary": "Maya"}


@pytest.fixture
def batch(app, world, as_user):
    return upload_and_screen(app, as_user("humas_a"), [
        activity(1, NIP_A1, "saya BENCI mereka", created_at="2025-03-01T10:00:00+07:00"),
        activity(2, NIP_A1, "sekali lagi BENCI", created_at="2025-04-02T10:00:00+07:00"),
        activity(3, NIP_A2, "JADWAL JAGA malam ini", created_at="2025-04-03T10:00:00+07:00"),
        activity(4, "000000000000000000", "BENCI dari orang tak dikenal"),
        activity(5, NIP_A2, "selamat pagi")])


def test_queue_filters(app, world, batch, as_user):
    kep = as_user("kep")
    q = kep.get("/api/findings").json()
    assert q["total"] == 4
    assert {f["rule"] for f in q["items"]} == {2, 6}
    assert kep.get("/api/findings?rule=6").json()["total"] == 1
    assert kep.get("/api/findings?min_confidence=0.9").json()["total"] == 3
    assert kep.get("/api/findings?date_from=2025-04-01&date_to=2025-04-30").json()["total"] == 2
    assert kep.get(f"/api/findings?unit_id={world['unit_b']}").json()["total"] == 0
    assert kep.get(f"/api/findings?region_id={world['region_a']}").json()["total"] == 4
    page = kep.get("/findings?rule=2")
    assert page.status_code == 200 and 'id="findings-table"' in page.text and page.text.count('id="finding-row-') == 3
    f = kep.get(f"/api/findings/{q['items'][0]['id']}").json()
    assert f["engine"]["version"] == "test" and f["activity"]["id"].startswith("a-") and f["evidence"]


def test_confirm_opens_then_joins_case_and_dismiss_keeps_feedback(app, world, batch, as_user):
    kep = as_user("kep")
    items = kep.get("/api/findings?rule=2").json()["items"]
    known = [f for f in items if f["staff_id"] == world[NIP_A1]]
    unknown = [f for f in items if f["staff_id"] is None][0]
    r1 = kep.api("POST", f"/api/findings/{known[0]['id']}/review", json={"verdict": "confirm", "reason": "jelas sekali"})
    r2 = kep.api("POST", f"/api/findings/{known[1]['id']}/review", json={"verdict": "confirm", "reason": "jelas juga"})
    assert r1.status_code == r2.status_code == 200
    assert r1.json()["case_id"] == r2.json()["case_id"]  # joins the open case
    case = kep.get(f"/api/cases/{r1.json()['case_id']}").json()
    assert len(case["findings"]) == 2 and case["stage"] == "diterima" and case["due_at"]
    # a finding of an unknown author cannot open a case; the reviewer is told why
    r = kep.api("POST", f"/api/findings/{unknown['id']}/review", json={"verdict": "confirm", "reason": "jelas"})
    assert r.status_code == 400 and "direktori" in r.json()["detail"]
    r = kep.api("POST", f"/api/findings/{unknown['id']}/review", json={"verdict": "dismiss", "reason": "akun palsu"})
    assert r.status_code == 200
    # already reviewed (a conflict: someone decided first); reason required
    assert kep.api("POST", f"/api/findings/{unknown['id']}/review", json={"verdict": "dismiss", "reason": "lagi"}).status_code == 409
    six = kep.get("/api/findings?rule=6").json()["items"][0]
    assert kep.api("POST", f"/api/findings/{six['id']}/review", json={"verdict": "dismiss", "reason": ""}).status_code == 400
    fb = as_user("admin").get("/api/admin/feedback").json()
    assert [x["verdict"] for x in fb] == ["confirmed", "confirmed", "dismissed"]
    assert fb[2]["texts"]["text"] == "BENCI dari orang tak dikenal" and fb[2]["reason"] == "akun palsu"


def test_full_workflow_to_decision_with_pdfs(app, world, batch, as_user, clock):
    clock.set(SPRING)
    kep = as_user("kep")
    fid = kep.get("/api/findings?rule=2").json()["items"][0]["id"]
    case_id = kep.api("POST", f"/api/findings/{fid}/review", json={"verdict": "confirm", "reason": "terbukti"}).json()["case_id"]
    kep_a = world["kep_a"]
    steps = [("diterima", {}, None), ("pemeriksaan_awal", {"breach": "ya"}, kep_a), ("pemeriksaan_bukti", {}, None),
             ("rekomendasi_sidang", {}, None), ("pemanggilan", HEARING, None),
             ("pembelaan", {"statement": "Saya khilaf dan sudah menghapus unggahan."}, None),
             ("sidang", {"summary": "Pegawai hadir, bukti diperiksa."}, None),
             ("putusan", {"outcome": "proven", "statement": "terbuka", "discipline_level": "sedang",
                          "reasons": "Terbukti menyebarkan kebencian."}, None)]
    for stage, data, officer in steps:
        if stage == "sidang":
            clock.set(AFTER_HEARING)
        case = kep.get(f"/api/cases/{case_id}").json()
        assert case["stage"] == stage
        body = {"notes": f"catatan {stage}", "data": data}
        if officer:
            body["officer_id"] = officer
        r = kep.api("POST", f"/api/cases/{case_id}/advance", json=body)
        assert r.status_code == 200, (stage, r.text)
    case = r.json()
    assert case["status"] == "closed" and case["outcome"] == "proven"
    assert case["sanction_statement"] == "terbuka" and case["discipline_level"] == "sedang"
    assert [d["kind"] for d in case["documents"]] == ["summons", "hearing_minutes", "decision"]
    assert case["steps"][2]["officer_id"] == kep_a  # the officer chosen for the next step
    assert all(st["due_at"] for st in case["steps"])
    for d in case["documents"]:
        r = kep.get(f"/documents/{d['id']}")
        assert r.status_code == 200 and r.content.startswith(b"%PDF") and r.headers["content-type"] == "application/pdf"
        import hashlib
        assert hashlib.sha256(r.content).hexdigest() == d["sha256"]
    page = kep.get(f"/cases/{case_id}")
    assert 'id="doc-decision"' in page.text and "terbukti" in page.text
    assert kep.api("POST", f"/api/cases/{case_id}/advance", json={"data": {}}).status_code == 400
    # the employee's page shows the history: a second case for the same person is a repeat offence
    fid2 = kep.get("/api/findings?rule=2").json()["items"][0]["id"]
    r = kep.api("POST", f"/api/findings/{fid2}/review", json={"verdict": "confirm", "reason": "lagi"})
    assert r.json()["case_id"] != case_id
    staff = kep.get(f"/api/staff/{world[NIP_A1]}").json()
    assert len(staff["cases"]) == 2 and staff["proven_cases"] == 1 and staff["repeat_offender"]
    case2 = kep.get(f"/api/cases/{r.json()['case_id']}").json()
    assert [o["id"] for o in case2["other_cases"]] == [case_id]
    # every view of a case is in the audit log
    views = [e for e in as_user("admin").get(f"/api/admin/audit?object_type=case&object_id={case_id}").json()["items"]
             if e["action"] == "case.view"]
    assert len(views) >= 9


def test_not_proven_and_no_breach_and_validation(app, world, batch, as_user, clock):
    clock.set(SPRING)
    kep = as_user("kep")
    fs = kep.get("/api/findings?rule=2").json()["items"]
    case_id = kep.api("POST", f"/api/findings/{fs[0]['id']}/review", json={"verdict": "confirm", "reason": "cek"}).json()["case_id"]
    kep.api("POST", f"/api/cases/{case_id}/advance", json={"data": {}})
    r = kep.api("POST", f"/api/cases/{case_id}/advance", json={"data": {"breach": "tidak"}})
    assert r.status_code == 400  # a clarification note is required
    r = kep.api("POST", f"/api/cases/{case_id}/advance", json={"notes": "Bukan pelanggaran etik.", "data": {"breach": "tidak"}})
    assert r.json()["status"] == "closed" and r.json()["outcome"] == "no_breach"
    six = kep.get("/api/findings?rule=6").json()["items"][0]
    c2 = kep.api("POST", f"/api/findings/{six['id']}/review", json={"verdict": "confirm", "reason": "cek"}).json()["case_id"]
    for data in ({}, {"breach": "ya"}, {}, {}):
        kep.api("POST", f"/api/cases/{c2}/advance", json={"data": data})
    assert kep.api("POST", f"/api/cases/{c2}/advance", json={"data": {"place": "x"}}).status_code == 400
    for data in (HEARING, {"statement": "membela diri"}, {"summary": "sidang"}):
        if "summary" in data:
            clock.set(AFTER_HEARING)
        assert kep.api("POST", f"/api/cases/{c2}/advance", json={"data": data}).status_code == 200
    bad = {"outcome": "proven", "reasons": "x"}
    assert kep.api("POST", f"/api/cases/{c2}/advance", json={"data": bad}).status_code == 400
    r = kep.api("POST", f"/api/cases/{c2}/advance", json={"data": {"outcome": "not_proven", "reasons": "Tidak cukup bukti; nama baik direhabilitasi."}})
    assert r.json()["outcome"] == "not_proven" and r.json()["sanction_statement"] is None


def test_overdue_cases_on_dashboard_and_forms(app, world, batch, as_user):
    from datetime import timedelta
    from rambu.store.models import CaseStep, utcnow
    kep = as_user("kep")
    fid = kep.get("/api/findings?rule=2").json()["items"][0]["id"]
    # the page form: confirm with a reason
    page = kep.get(f"/findings/{fid}")
    assert 'id="review-form"' in page.text
    r = kep.post_form(f"/findings/{fid}/review", {"verdict": "confirm", "reason": "lewat formulir"})
    assert r.status_code == 303
    case_id = kep.get(f"/api/findings/{fid}").json()["case_id"]
    with app.state.factory() as s:
        st = s.query(CaseStep).filter_by(case_id=case_id, completed_at=None).one()
        st.due_at = utcnow() - timedelta(days=3)
        s.commit()
    d = kep.get("/api/dashboard").json()
    assert [c["id"] for c in d["overdue_cases"]] == [case_id]
    assert kep.get("/api/cases?overdue=true").json()["total"] == 1
    assert 'id="dash-overdue"' in kep.get("/dashboard").text
    # advance through the page form, with a validation error shown as a message
    r = kep.post_form(f"/cases/{case_id}/advance", {"notes": "diterima"})
    assert r.status_code == 303
    r = kep.post_form(f"/cases/{case_id}/advance", {"breach": "mungkin"})
    assert r.status_code == 303 and "rambu_flash" in r.headers.get("set-cookie", "")
    page = kep.get(f"/cases/{case_id}")
    assert 'id="flash"' in page.text and "pemeriksaan awal" in page.text.lower()


def test_deadlines_skip_weekends_and_holidays():
    from datetime import date, datetime, timezone
    from rambu.store.config import add_working_days
    fri = datetime(2025, 3, 28, 9, tzinfo=timezone.utc)  # Friday; Mon 31 March = Idul Fitri
    assert add_working_days(fri, 1, {date(2025, 3, 31)}).date() == date(2025, 4, 1)
    assert add_working_days(fri, 3, set()).date() == date(2025, 4, 2)
