"""Issue 7, what officers need: the queue (quotes, search, sort, bulk, next, counters, percent), the case file
(procedure, attachments, corrections, regeneration), humas results, the employee's own page, notifications
in the app and by e-mail through a real SMTP server (aiosmtpd)."""
import hashlib
import re
import socket
import time

import pytest

from .conftest import AFTER_HEARING, NIP_A1, NIP_A2, SPRING, activity, login, screen_all, upload_and_screen
from .test_cases import HEARING


def _rows(page: str) -> list[str]:
    return re.findall(r'id="finding-row-(\d+)"', page)


@pytest.fixture
def queue(app, world, as_user):
    upload_and_screen(app, as_user("humas_a"), [
        activity(1, NIP_A1, "saya BENCI mereka semua", platform="instagram", url="https://instagram.com/p/1",
                 created_at="2025-03-01T10:00:00+07:00"),
        activity(2, NIP_A2, "JADWAL JAGA malam ini di pos atas", platform="whatsapp",
                 created_at="2025-03-05T10:00:00+07:00"),
        activity(3, NIP_A2, "kami BENCI kebijakan itu", url="javascript:alert(1)", created_at="2025-03-03T10:00:00+07:00")])
    return as_user("kep")


def test_queue_rows_search_sort_and_percent(app, world, queue):
    kep = queue
    items = kep.get("/api/findings").json()["items"]
    first = next(f for f in items if f["activity_id"] == "a-1")
    assert first["rule_name"] == "Kebencian SARA" and first["quote"] == "BENCI" and first["platform_label"] == "Instagram"
    assert first["url"] == "https://instagram.com/p/1" and first["confidence_pct"] == 91
    assert next(f for f in items if f["activity_id"] == "a-3")["url"] is None  # never a javascript: link
    page = kep.get("/findings").text
    assert "Kebencian SARA" in page and "<mark>BENCI</mark>" in page and "Instagram" in page
    assert 'href="https://instagram.com/p/1"' in page and "javascript:" not in page
    # text search over the activity's words, NIP and name
    assert [f["activity_id"] for f in kep.get("/api/findings?q=pos atas").json()["items"]] == ["a-2"]
    assert {f["activity_id"] for f in kep.get("/api/findings?q=budi").json()["items"]} == {"a-2", "a-3"}
    assert kep.get("/api/findings?q=tidak-ada-kata-ini").json()["total"] == 0
    # sorting
    by_date = [f["activity_id"] for f in kep.get("/api/findings?sort=terbaru").json()["items"]]
    assert by_date == ["a-2", "a-3", "a-1"]
    assert [f["activity_id"] for f in kep.get("/api/findings?sort=keyakinan_naik").json()["items"]][0] == "a-2"
    assert kep.get("/api/findings?sort=acak").status_code == 400
    # confidence shown and filtered in percent
    assert kep.get("/api/findings?min_pct=90").json()["total"] == 2
    assert kep.get("/api/findings?min_pct=150").status_code == 400
    page = kep.get("/findings?min_pct=90").text
    assert 'name="min_pct"' in page and 'value="90"' in page and len(_rows(page)) == 2 and "91%" in page


def test_bulk_review_next_finding_and_counters(app, world, queue, as_user):
    kep = queue
    nav = kep.get("/cases").text
    assert re.search(r'id="nav-findings"[^>]*>Antrean tinjauan <span class="count"[^>]*>3</span>', nav)
    ids = [f["id"] for f in kep.get("/api/findings?rule=2").json()["items"]]
    r = kep.api("POST", "/api/findings/bulk", json={"ids": ids + [999999], "verdict": "dismiss", "reason": "satire"})
    assert r.status_code == 200
    assert [d["id"] for d in r.json()["done"]] == ids and [f["id"] for f in r.json()["failed"]] == [999999]
    assert kep.get("/api/findings").json()["total"] == 1
    # the page form: one reason for the chosen rows
    six = kep.get("/api/findings").json()["items"][0]["id"]
    r = kep.post_form("/findings/bulk", {"ids": [str(six)], "verdict": "confirm", "reason": "bocor"})
    assert r.status_code == 303
    assert kep.get(f"/api/findings/{six}").json()["status"] == "confirmed"
    nav = kep.get("/findings").text
    assert re.search(r'id="nav-findings"[^>]*>Antrean tinjauan</a>', nav)  # nothing left: no counter
    assert re.search(r'id="nav-cases"[^>]*>Kasus <span class="count"[^>]*>1</span>', nav)


def test_after_a_review_the_next_finding_opens(app, world, queue):
    kep = queue
    ids = [f["id"] for f in kep.get("/api/findings").json()["items"]]
    r = kep.post_form(f"/findings/{ids[0]}/review", {"verdict": "dismiss", "reason": "bukan pelanggaran"})
    assert r.status_code == 303 and r.headers["location"] == f"/findings/{ids[1]}"
    r = kep.post_form(f"/findings/{ids[1]}/review", {"verdict": "dismiss", "reason": "bukan", "stay": "1"})
    assert r.headers["location"] == f"/findings/{ids[1]}"
    assert 'id="review-next"' in kep.get(f"/findings/{ids[1]}").text


def test_humas_see_results_of_their_batches(app, world, queue, as_user):
    humas = as_user("humas_a")
    b = humas.get("/api/batches").json()["items"][0]
    d = humas.get(f"/api/batches/{b['id']}").json()
    assert [(r["line"], r["decision"]) for r in d["results"]] == [(1, "violation"), (2, "review"), (3, "violation")]
    assert d["results"][0]["findings"][0]["quote"] == "BENCI"
    page = humas.get(f"/batches/{b['id']}").text
    assert 'id="batch-results"' in page and "<mark>BENCI</mark>" in page
    assert login(app, "humas_b").get(f"/api/batches/{b['id']}").status_code == 404


# --- the case file -----------------------------------------------------------------------------------------

@pytest.fixture(autouse=True)
def fast_pdf(monkeypatch, request):
    if "real_pdf" in request.keywords:
        return
    from rambu.store import paperwork
    monkeypatch.setattr(paperwork, "letter", lambda kind, ctx: b"%PDF-1.4 uji " + repr(sorted(ctx["hearing"].items())).encode())


def _case(app, as_user, clock):
    clock.set(SPRING)
    upload_and_screen(app, as_user("humas_a"), [activity(1, NIP_A1, "BENCI")])
    kep = as_user("kep")
    fid = kep.get("/api/findings").json()["items"][0]["id"]
    return kep, kep.api("POST", f"/api/findings/{fid}/review", json={"verdict": "confirm", "reason": "jelas"}).json()["case_id"]


def test_case_page_shows_the_whole_procedure(app, world, as_user, clock):
    kep, case_id = _case(app, as_user, clock)
    kep.api("POST", f"/api/cases/{case_id}/advance", json={"data": {}})
    proc = kep.get(f"/api/cases/{case_id}").json()["procedure"]
    assert [p["state"] for p in proc] == ["done", "current"] + ["todo"] * 6
    page = kep.get(f"/cases/{case_id}").text
    assert 'id="case-procedure"' in page and page.count('class="todo"') == 6 and "belum" in page
    r = kep.api("POST", f"/api/cases/{case_id}/advance", json={"notes": "Klarifikasi: bukan pelanggaran.",
                                                                  "data": {"breach": "tidak"}})
    proc = r.json()["procedure"]
    assert [p["state"] for p in proc][2:] == ["skipped"] * 6


def test_attachments_kept_with_sha256(app, world, as_user, clock):
    kep, case_id = _case(app, as_user, clock)
    data = b"%PDF-1.7 surat bertanda tangan"
    r = kep.api("POST", f"/api/cases/{case_id}/attachments", data={"kind": "letter", "title": "Surat panggilan ttd"},
                files={"file": ("panggilan ttd.pdf", data, "application/pdf")})
    assert r.status_code == 201 and r.json()["sha256"] == hashlib.sha256(data).hexdigest()
    case = kep.get(f"/api/cases/{case_id}").json()
    a = case["attachments"][0]
    assert a["title"] == "Surat panggilan ttd" and a["kind_label"] == "Surat bertanda tangan"
    got = kep.get(f"/attachments/{a['id']}")
    assert got.content == data and got.headers["x-content-sha256"] == a["sha256"]
    assert "attachment" in got.headers["content-disposition"]
    assert login(app, "kep_b").get(f"/attachments/{a['id']}").status_code == 404
    assert login(app, "leader").api("POST", f"/api/cases/{case_id}/attachments", data={"kind": "evidence"},
                                     files={"file": ("x.png", b"PNG", "image/png")}).status_code == 403
    r = kep.post_form(f"/cases/{case_id}/attachments", {"kind": "evidence", "title": "Tangkapan layar"},
                      files={"file": ("layar.png", b"\x89PNG..", "image/png")})
    assert r.status_code == 303
    page = kep.get(f"/cases/{case_id}").text
    assert "Tangkapan layar" in page and 'id="attach-form"' in page
    log = as_user("admin").get(f"/api/admin/audit?object_type=case&object_id={case_id}").json()["items"]
    assert sum(e["action"] == "case.attachment" for e in log) == 2


def test_correct_a_finished_step_and_regenerate(app, world, as_user, clock):
    kep, case_id = _case(app, as_user, clock)
    for data in ({}, {"breach": "ya"}, {}, {}, HEARING):
        kep.api("POST", f"/api/cases/{case_id}/advance", json={"data": data})
    case = kep.get(f"/api/cases/{case_id}").json()
    step = next(st for st in case["steps"] if st["stage"] == "pemanggilan")
    assert kep.api("POST", f"/api/cases/{case_id}/steps/{step['id']}/correct",
                   json={"reason": "", "data": {"place": "Ruang Sidang"}}).status_code == 400
    r = kep.api("POST", f"/api/cases/{case_id}/steps/{step['id']}/correct",
                json={"reason": "salah ketik tempat", "data": {"place": "Ruang Sidang Utama"}})
    assert r.status_code == 200, r.text
    docs = [d for d in r.json()["documents"] if d["kind"] == "summons"]
    assert len(docs) == 2 and [d["latest"] for d in docs] == [False, True]
    assert b"Ruang Sidang Utama" in kep.get(f"/documents/{docs[1]['id']}").content
    assert b"Aula Lapas Semarang" in kep.get(f"/documents/{docs[0]['id']}").content  # the first version is kept
    log = as_user("admin").get(f"/api/admin/audit?object_type=case&object_id={case_id}").json()["items"]
    corr = next(e for e in log if e["action"] == "case.correct")
    assert corr["detail"]["reason"] == "salah ketik tempat" and corr["detail"]["before"]["data"]["place"] == "Aula Lapas Semarang"
    # a correction cannot move the hearing before the summons
    r = kep.api("POST", f"/api/cases/{case_id}/steps/{step['id']}/correct",
                json={"reason": "tanggal", "data": {"hearing_at": "2025-01-01T09:00"}})
    assert r.status_code == 400
    r = kep.api("POST", f"/api/cases/{case_id}/documents/summons")
    assert r.status_code == 200 and len([d for d in r.json()["documents"] if d["kind"] == "summons"]) == 3
    assert kep.api("POST", f"/api/cases/{case_id}/documents/decision").status_code == 400


def test_employee_sees_own_record_and_submits_defence(app, world, as_user, clock):
    kep, case_id = _case(app, as_user, clock)
    me = login(app, "pegawai")  # NIP_A1, the employee of the case
    d = me.get("/api/saya").json()
    assert d["nip"] == NIP_A1 and [c["id"] for c in d["cases"]] == [case_id] and len(d["findings"]) == 1
    assert d["cases"][0]["can_defend"] is False
    assert 'id="nav-mine"' in me.get("/saya").text
    for data in ({}, {"breach": "ya"}, {}, {}, HEARING):
        kep.api("POST", f"/api/cases/{case_id}/advance", json={"data": data})
    d = me.get("/api/saya").json()["cases"][0]
    assert d["can_defend"] and [x["label"] for x in d["documents"]] == ["Surat panggilan sidang"]
    assert me.get(f"/documents/{d['documents'][0]['id']}").status_code == 200  # the summons addressed to them
    r = me.post_form(f"/saya/cases/{case_id}/defence", {"statement": "Saya khilaf dan sudah menghapus unggahan itu."})
    assert r.status_code == 303
    page = kep.get(f"/cases/{case_id}").text
    assert 'id="employee-statement"' in page and "Saya khilaf dan sudah menghapus" in page
    # the officer completes the step with the employee's words when they leave the box as it is
    r = kep.api("POST", f"/api/cases/{case_id}/advance", json={"data": {}})
    st = next(x for x in r.json()["steps"] if x["stage"] == "pembelaan")
    assert st["data"]["statement"] == "Saya khilaf dan sudah menghapus unggahan itu."
    assert me.api("POST", f"/api/saya/cases/{case_id}/defence", json={"statement": "terlambat sekali"}).status_code == 400
    # another employee's case is not theirs
    assert login(app, "kep_b").get("/api/saya").status_code == 404
    # employees keep their narrow rights
    assert me.get(f"/api/cases/{case_id}").status_code == 403


# --- notifications -----------------------------------------------------------------------------------------

def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    """A real SMTP server on loopback (aiosmtpd) collecting what it receives."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    class Inbox(Message):
        def __init__(self):
            super().__init__()
            self.messages = []

        def handle_message(self, message):
            self.messages.append(message)

    inbox = Inbox()
    ctl = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    ctl.start()
    yield ctl, inbox
    ctl.stop()


def test_notifications_in_app_and_by_email(app, world, as_user, smtp_server, clock):
    ctl, inbox = smtp_server
    admin = as_user("admin")
    r = admin.api("PUT", "/api/admin/settings", json={"mail.enabled": True, "mail.host": "127.0.0.1", "mail.port": ctl.port,
                                                      "mail.sender": "rambu@ditjenpas.test",
                                                      "mail.base_url": "https://rambu.ditjenpas.test"})
    assert r.status_code == 200, r.text
    assert admin.api("PATCH", f"/api/admin/users/{world['kep_a']}", json={"email": "hendra@ditjenpas.test"}).status_code == 200
    clock.set(SPRING)
    upload_and_screen(app, as_user("humas_a"), [activity(1, NIP_A1, "BENCI"), activity(2, NIP_A2, "BENCI juga")])
    kep_a = login(app, "kep_a")
    n = kep_a.get("/api/notifications").json()
    assert n["unread"] == 1 and "2 temuan baru" in n["items"][0]["title"]
    assert re.search(r'id="nav-notices"[^>]*>Pemberitahuan <span class="count">1</span>', kep_a.get("/findings").text)
    assert login(app, "kep_b").get("/api/notifications").json()["unread"] == 0  # not their region
    assert as_user("humas_a").get("/api/notifications").json()["items"][0]["kind"] == "batch"
    sent = app.state.worker.housekeeping()
    assert sent["sent"] == 1
    for _ in range(50):
        if inbox.messages:
            break
        time.sleep(0.1)
    msg = inbox.messages[0]
    assert msg["To"] == "hendra@ditjenpas.test" and msg["From"] == "rambu@ditjenpas.test"
    assert "temuan baru" in msg["Subject"] and "https://rambu.ditjenpas.test/findings?batch_id=" in msg.get_payload()
    # a step assigned, then overdue: the officer is told once each
    fid = kep_a.get("/api/findings").json()["items"][0]["id"]
    case_id = kep_a.api("POST", f"/api/findings/{fid}/review", json={"verdict": "confirm", "reason": "jelas"}).json()["case_id"]
    kep_a.api("POST", f"/api/cases/{case_id}/advance", json={"data": {}})
    clock.set(AFTER_HEARING)
    app.state.worker.housekeeping()
    app.state.worker.housekeeping()
    kinds = [x["kind"] for x in kep_a.get("/api/notifications").json()["items"]]
    assert kinds.count("overdue") == 1 and "step" in kinds
    assert len(inbox.messages) == 1 + kinds.count("step") + 1  # every notice after the first went out by e-mail
    r = kep_a.api("POST", "/api/notifications/read", json={})
    assert r.json()["read"] >= 3 and kep_a.get("/api/notifications").json()["unread"] == 0


def test_mail_server_down_keeps_the_outbox(app, world, as_user):
    admin = as_user("admin")
    admin.api("PUT", "/api/admin/settings", json={"mail.enabled": True, "mail.host": "127.0.0.1", "mail.port": _free_port()})
    admin.api("PATCH", f"/api/admin/users/{world['kep']}", json={"email": "dewi@ditjenpas.test"})
    upload_and_screen(app, as_user("humas_a"), [activity(1, NIP_A1, "BENCI")])
    assert app.state.worker.housekeeping()["sent"] == 0
    items = as_user("kep").get("/api/notifications").json()["items"]
    assert items[0]["email_status"] == "pending"  # tried again next round
