"""Issue 7, wrong outcomes: duplicate uploads, concurrent reviews, reopening, re-linking unknown authors,
transfers, authors outside the uploader's scope, and case documents that say only what is true."""
import json
import threading
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from rambu.store import audit
from rambu.store.models import Case, Feedback, Finding

from .conftest import NIP_A1, NIP_A2, NIP_B1, NIP_C1, activity, jsonl, login, screen_all, upload_and_screen
from .test_cases import HEARING


def _upload(client, items, **kw):
    files = [("file", ("b.jsonl", items if isinstance(items, bytes) else jsonl(items), "application/x-ndjson"))]
    return client.api("POST", "/api/batches", files=files, **kw)


def _confirm(client, fid, reason="bukti jelas"):
    return client.api("POST", f"/api/findings/{fid}/review", json={"verdict": "confirm", "reason": reason})


# --- duplicates ----------------------------------------------------------------------------------------

def test_reupload_creates_nothing_twice_and_reports_what_was_known(app, world, as_user):
    humas = as_user("humas_a")
    items = [activity(1, NIP_A1, "saya BENCI mereka"), activity(2, NIP_A2, "selamat pagi")]
    first = upload_and_screen(app, humas, items)
    assert first["duplicates"] == 0
    r = _upload(humas, items)
    assert r.status_code == 201, r.text
    again = r.json()
    assert again["duplicates"] == 2 and again["pending"] == 0
    known = again["known"]
    assert [(k["line"], k["batch_id"], k["line_no"]) for k in known] == [(1, first["id"], 1), (2, first["id"], 2)]
    screen_all(app)
    with app.state.factory() as s:
        assert s.scalar(select(func.count()).select_from(Finding)) == 1
    # the same activity with other whitespace or key order is the same activity (content hash);
    # the same id of the same account on the same platform is the same activity (edited text)
    edited = dict(items[0], text="saya BENCI mereka semua")
    raw = b'{"text": "saya BENCI mereka", ' + json.dumps(items[0])[1:].replace('"text": "saya BENCI mereka", ', "").encode() + b"\n"
    r = _upload(humas, raw + jsonl([edited]))
    assert r.json()["duplicates"] == 2, r.json()
    # inside one file as well
    r = _upload(humas, [activity(9, NIP_A1, "baru"), activity(9, NIP_A1, "baru")])
    assert r.json()["duplicates"] == 1 and r.json()["known"][0]["line"] == 2
    page = humas.get(f"/batches/{again['id']}").text
    assert 'id="batch-known"' in page and "sudah diterima" in page


def test_confirming_a_duplicate_cannot_make_a_repeat_offence(app, world, as_user):
    humas, kep = as_user("humas_a"), as_user("kep")
    items = [activity(1, NIP_A1, "saya BENCI mereka")]
    upload_and_screen(app, humas, items)
    upload_and_screen(app, humas, items)
    fs = kep.get("/api/findings?status=all").json()["items"]
    assert len(fs) == 1
    case = kep.get(f"/api/cases/{_confirm(kep, fs[0]['id']).json()['case_id']}").json()
    assert case["other_cases"] == []


# --- concurrent reviews --------------------------------------------------------------------------------

def _race(app, jobs):
    """Run (client, method, url, body) jobs at once; returns the responses in order."""
    out = [None] * len(jobs)
    barrier = threading.Barrier(len(jobs))

    def run(i, job):
        client, method, url, body = job
        barrier.wait()
        out[i] = client.api(method, url, json=body)
    threads = [threading.Thread(target=run, args=(i, j)) for i, j in enumerate(jobs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def test_parallel_reviewers_one_verdict_per_finding(app, world, as_user):
    upload_and_screen(app, as_user("humas_a"), [activity(i, NIP_A1, f"BENCI nomor {i}") for i in range(1, 4)]
                      + [activity(10 + i, NIP_A2, f"BENCI juga {i}") for i in range(1, 3)])
    fids = [f["id"] for f in as_user("kep").get("/api/findings").json()["items"]]
    assert len(fids) == 5
    reviewers = [login(app, name) for name in ("kep", "kep", "kep_a", "kep_a", "admin", "admin", "kep", "kep_a")]
    jobs = []
    for fid in fids:
        for i, c in enumerate(reviewers):
            verdict = "confirm" if i % 2 == 0 else "dismiss"
            jobs.append((c, "POST", f"/api/findings/{fid}/review", {"verdict": verdict, "reason": f"peninjau {i}"}))
    responses = _race(app, jobs)
    codes = [r.status_code for r in responses]
    assert set(codes) <= {200, 409}, [r.text for r in responses if r.status_code not in (200, 409)][:3]
    assert codes.count(200) == len(fids)
    loser = next(r for r in responses if r.status_code == 409)
    assert "sudah" in loser.json()["detail"]
    with app.state.factory() as s:
        for fid in fids:
            assert s.scalar(select(func.count()).select_from(Feedback).where(Feedback.finding_id == fid)) == 1
        findings = list(s.scalars(select(Finding)))
        # a dismissed finding is never in a case; every confirmed one is
        assert all((f.case_id is None) == (f.status == "dismissed") for f in findings)
        # at most one open case per employee, and no empty case
        for staff in (world[NIP_A1], world[NIP_A2]):
            assert s.scalar(select(func.count()).select_from(Case).where(Case.staff_id == staff,
                                                                        Case.status == "open")) <= 1
        for c in s.scalars(select(Case)):
            assert s.scalar(select(func.count()).select_from(Finding).where(Finding.case_id == c.id)) >= 1
        assert audit.verify(s).ok


def test_parallel_officers_complete_a_step_once(app, world, as_user):
    upload_and_screen(app, as_user("humas_a"), [activity(1, NIP_A1, "BENCI")])
    kep = as_user("kep")
    case_id = _confirm(kep, kep.get("/api/findings").json()["items"][0]["id"]).json()["case_id"]
    officers = [login(app, name) for name in ("kep", "kep_a", "admin", "kep", "kep_a", "admin")]
    responses = _race(app, [(c, "POST", f"/api/cases/{case_id}/advance", {"notes": f"petugas {i}", "stage": "diterima"})
                            for i, c in enumerate(officers)])
    assert sorted(r.status_code for r in responses) == [200] + [409] * 5, [r.text for r in responses]
    case = kep.get(f"/api/cases/{case_id}").json()
    assert [st["stage"] for st in case["steps"]] == ["diterima", "pemeriksaan_awal"]
    with app.state.factory() as s:
        assert audit.verify(s).ok


def test_reopen_by_senior_officer_with_reason(app, world, as_user):
    upload_and_screen(app, as_user("humas_a"), [activity(1, NIP_A1, "BENCI satu"), activity(2, NIP_A2, "BENCI dua")])
    kep, kep_a = as_user("kep"), as_user("kep_a")
    f1, f2 = [f["id"] for f in kep.get("/api/findings").json()["items"]]
    case_id = _confirm(kep_a, f1).json()["case_id"]
    kep_a.api("POST", f"/api/findings/{f2}/review", json={"verdict": "dismiss", "reason": "bukan pelanggaran"})
    # a regional officer is not senior enough; a reason is required
    assert kep_a.api("POST", f"/api/findings/{f1}/reopen", json={"reason": "salah tekan"}).status_code == 403
    assert kep.api("POST", f"/api/findings/{f1}/reopen", json={"reason": ""}).status_code == 400
    r = kep.api("POST", f"/api/findings/{f1}/reopen", json={"reason": "peninjau salah tekan konfirmasi"})
    assert r.status_code == 200, r.text
    f = kep.get(f"/api/findings/{f1}").json()
    assert f["status"] == "open" and f["case_id"] is None
    case = kep.get(f"/api/cases/{case_id}").json()
    assert case["status"] == "closed" and case["outcome"] == "withdrawn" and case["findings"] == []
    assert kep.api("POST", f"/api/findings/{f2}/reopen", json={"reason": "perlu dilihat lagi"}).status_code == 200
    assert kep.api("POST", f"/api/findings/{f2}/reopen", json={"reason": "lagi"}).status_code == 409
    # the withdrawn verdicts are not training data any more; the audit log says who reopened and why
    fb = as_user("admin").get("/api/admin/feedback").json()
    assert fb == []
    log = as_user("admin").get(f"/api/admin/audit?object_type=finding&object_id={f1}").json()["items"]
    assert any(e["action"] == "finding.reopened" and e["detail"]["reason"] == "peninjau salah tekan konfirmasi"
               for e in log)
    # review again
    assert _confirm(kep, f1).status_code == 200


# --- unknown authors are re-linked -----------------------------------------------------------------------

NEW_NIP = "199912312020121001"


def test_unknown_author_relinked_on_import_and_by_hand(app, world, as_user):
    humas, kep, admin = as_user("humas_a"), as_user("kep"), as_user("admin")
    upload_and_screen(app, humas, [activity(1, NEW_NIP, "BENCI dari pegawai baru"),
                                   activity(2, None, "BENCI tanpa NIP", author={"handle": "akun.anonim"},
                                            platform="instagram")])
    fs = {f["activity_id"]: f for f in kep.get("/api/findings").json()["items"]}
    assert fs["a-1"]["staff_id"] is None and _confirm(kep, fs["a-1"]["id"]).status_code == 400
    csv = f"nip,name,unit,position,timezone,schedule\n{NEW_NIP},Pegawai Baru,Lapas Semarang,Staf,Asia/Jakarta,office\n"
    r = admin.api("POST", "/api/admin/staff/import", files={"file": ("s.csv", csv.encode(), "text/csv")})
    assert r.status_code == 200 and r.json()["relinked"] == 1, r.text
    f = kep.get(f"/api/findings/{fs['a-1']['id']}").json()
    assert f["staff_name"] == "Pegawai Baru"
    assert _confirm(kep, f["id"]).status_code == 200
    # by hand: the reviewer names the employee behind a handle
    r = kep.api("POST", f"/api/findings/{fs['a-2']['id']}/relink", json={"nip": NIP_A2})
    assert r.status_code == 200 and r.json()["staff_id"] == world[NIP_A2]
    # an employee outside the batch uploader's scope cannot be linked
    other = upload_and_screen(app, humas, [activity(3, None, "BENCI lagi", author={"handle": "x"}, platform="x")])
    f3 = kep.get(f"/api/findings?batch_id={other['id']}").json()["items"][0]["id"]
    r = kep.api("POST", f"/api/findings/{f3}/relink", json={"nip": NIP_B1})
    assert r.status_code == 400 and "cakupan" in r.json()["detail"]


# --- transfers ------------------------------------------------------------------------------------------

def test_transfer_keeps_findings_and_cases_in_the_unit_of_their_time(app, world, as_user):
    humas_a, kep, admin = as_user("humas_a"), as_user("kep"), as_user("admin")
    upload_and_screen(app, humas_a, [activity(1, NIP_A1, "BENCI di Semarang", created_at="2025-03-01T10:00:00+07:00"),
                                     activity(2, NIP_A1, "BENCI lagi di Semarang", created_at="2025-03-02T10:00:00+07:00")])
    f1, f2 = [f["id"] for f in kep.get("/api/findings").json()["items"]]
    case_a = _confirm(kep, f1).json()["case_id"]
    # transferred to Balikpapan (another region) from 1 June 2025
    r = admin.api("PUT", f"/api/admin/staff/{world[NIP_A1]}",
                  json={"unit_id": world["unit_b"], "transfer_from": "2025-06-01"})
    assert r.status_code == 200, r.text
    staff = admin.get(f"/api/staff/{world[NIP_A1]}").json()
    assert staff["unit_id"] == world["unit_b"] and [p["unit_id"] for p in staff["postings"]] == [world["unit_a"], world["unit_b"]]
    # the old finding and case stay with Semarang's people; Balikpapan's do not see them
    kep_a, kep_b, leader_b = as_user("kep_a"), as_user("kep_b"), login(app, "leader_b")
    assert kep_a.get(f"/api/cases/{case_a}").status_code == 200
    assert kep_b.get(f"/api/cases/{case_a}").status_code == 404
    assert kep_b.get(f"/api/findings/{f2}").status_code == 404
    assert kep_b.get("/api/findings?status=all").json()["total"] == 0
    s_b = leader_b.get(f"/api/staff/{world[NIP_A1]}").json()
    assert s_b.get("findings", []) == [] and s_b.get("cases", []) == []
    # a Semarang finding confirmed after the transfer joins the Semarang case, not a Balikpapan one
    assert _confirm(kep, f2).json()["case_id"] == case_a
    # an activity after the transfer belongs to Balikpapan and opens its own case there
    humas_b = as_user("humas_b")
    upload_and_screen(app, humas_b, [activity(3, NIP_A1, "BENCI di Balikpapan", created_at="2025-07-01T10:00:00+08:00")])
    f3 = kep_b.get("/api/findings").json()["items"][0]
    assert f3["unit_id"] == world["unit_b"]
    case_b = _confirm(kep_b, f3["id"]).json()["case_id"]
    assert case_b != case_a and kep_b.get(f"/api/cases/{case_b}").json()["unit_id"] == world["unit_b"]
    assert kep_a.get(f"/api/cases/{case_b}").status_code == 404


# --- authors outside the uploader's scope ---------------------------------------------------------------

def test_batch_lines_of_authors_outside_scope_are_refused_by_line(app, world, as_user):
    humas_a = as_user("humas_a")
    b = upload_and_screen(app, humas_a, [activity(1, NIP_A1, "BENCI"), activity(2, NIP_B1, "BENCI dari Balikpapan"),
                                         activity(3, NIP_C1, "BENCI dari Kudus")])
    errs = {e["line"]: e["error"] for e in b["line_errors"]}
    assert set(errs) == {2, 3} and "di luar cakupan" in errs[2] and NIP_B1 in errs[2]
    with app.state.factory() as s:
        assert [f.nip for f in s.scalars(select(Finding))] == [NIP_A1]
    # a regional humas of Jawa Tengah may send Kudus, not Balikpapan
    b = upload_and_screen(app, login(app, "humas_ra"), [activity(5, NIP_C1, "BENCI K"), activity(6, NIP_B1, "BENCI B")],
                          unit_id=world["unit_a"])
    assert [e["line"] for e in b["line_errors"]] == [2]


# --- media paths ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/etc/hostname", "../../etc/hostname", "media/../../x.png", "C:\\windows\\x.png",
                                  "\\\\server\\share\\x.png"])
def test_media_paths_outside_the_batch_are_refused(app, world, as_user, stub, path):
    seen = []
    real = stub.screen

    def spy(a, prior_offences=0):
        seen.extend(m.path for m in a.media)
        return real(a, prior_offences)
    stub.screen = spy
    b = upload_and_screen(app, as_user("humas_a"), [activity(1, NIP_A1, "lihat", media=[{"kind": "image", "path": path}])])
    assert b["errors"] == 1 and "media[0].path" in b["line_errors"][0]["error"], b["line_errors"]
    assert seen == []


def test_media_paths_resolve_inside_the_batch_folder(app, world, as_user, stub):
    import os
    seen = []
    real = stub.screen

    def spy(a, prior_offences=0):
        seen.extend((a.base_dir, m.path, os.path.isfile(os.path.join(a.base_dir, m.path))) for m in a.media)
        return real(a, prior_offences)
    stub.screen = spy
    upload_and_screen(app, as_user("humas_a"), [activity(1, NIP_A1, "x", media=[{"kind": "image", "path": "img/a.png"},
                                                                                 {"kind": "image", "path": "tidak-ada.png"}])],
                      media=[("img/a.png", b"PNG")])
    (base, p1, ok1), (base2, p2, ok2) = seen
    assert base and base == base2 and ok1 and not ok2 and os.path.realpath(os.path.join(base, p2)).startswith(os.path.realpath(base))


# --- case documents say only what is true ----------------------------------------------------------------

def _pdf_text(data: bytes) -> str:
    import io
    from pypdf import PdfReader
    return " ".join(" ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(data)).pages).split())


def _to_stage(kep, case_id, stage):
    for _ in range(10):
        c = kep.get(f"/api/cases/{case_id}").json()
        if c["stage"] == stage:
            return c
        data = {"pemeriksaan_awal": {"breach": "ya"}}.get(c["stage"], {})
        r = kep.api("POST", f"/api/cases/{case_id}/advance", json={"data": data})
        assert r.status_code == 200, r.text
    raise AssertionError(stage)


def test_documents_are_dated_in_order_and_complete(app, world, as_user, clock):
    admin, kep = as_user("admin"), as_user("kep")
    r = admin.api("PUT", f"/api/admin/units/{world['unit_a']}",
                  json={"city": "Semarang", "address": "Jl. Dr. Cipto No. 62, Semarang"})
    assert r.status_code == 200, r.text
    clock.set(datetime(2025, 4, 1, 2, 0, tzinfo=timezone.utc))
    upload_and_screen(app, as_user("humas_a"), [activity(1, NIP_A1, "BENCI")])
    case_id = _confirm(kep, kep.get("/api/findings").json()["items"][0]["id"]).json()["case_id"]
    _to_stage(kep, case_id, "pemanggilan")
    # a summons for a hearing before the summons date is refused
    r = kep.api("POST", f"/api/cases/{case_id}/advance", json={"data": {**HEARING, "hearing_at": "2025-03-30T09:00"}})
    assert r.status_code == 400 and "sidang" in r.json()["detail"]
    # a step dated before the previous one, or in the future, is refused
    r = kep.api("POST", f"/api/cases/{case_id}/advance", json={"data": HEARING, "done_on": "2025-03-15"})
    assert r.status_code == 400 and "tanggal" in r.json()["detail"]
    r = kep.api("POST", f"/api/cases/{case_id}/advance", json={"data": HEARING, "done_on": "2025-04-05"})
    assert r.status_code == 400
    assert kep.api("POST", f"/api/cases/{case_id}/advance", json={"data": HEARING}).status_code == 200
    kep.api("POST", f"/api/cases/{case_id}/advance", json={"data": {"statement": "Saya khilaf."}})
    # the hearing (10 April 2025 09.00 WIB) cannot be recorded before it took place
    r = kep.api("POST", f"/api/cases/{case_id}/advance", json={"data": {"summary": "Pegawai hadir dan mengakui."}})
    assert r.status_code == 400 and "belum" in r.json()["detail"]
    clock.set(datetime(2025, 4, 12, 3, 0, tzinfo=timezone.utc))
    r = kep.api("POST", f"/api/cases/{case_id}/advance", json={"data": {"summary": "Pegawai hadir dan mengakui."}})
    assert r.status_code == 200, r.text
    r = kep.api("POST", f"/api/cases/{case_id}/advance", json={"data": {
        "outcome": "proven", "statement": "tertutup", "reasons": "Terbukti."}})
    assert r.status_code == 200, r.text
    docs = {d["kind"]: d for d in r.json()["documents"]}
    minutes = _pdf_text(kep.get(f"/documents/{docs['hearing_minutes']['id']}").content)
    assert "Pegawai hadir dan mengakui." in minutes  # the summary typed at the Sidang step
    assert "ditandatangani pada tanggal 12 April 2025" in minutes and "10 April 2025" in minutes
    decision = _pdf_text(kep.get(f"/documents/{docs['decision']['id']}").content)
    assert "Ditetapkan di Semarang" in decision and "12 April 2025" in decision
    summons = _pdf_text(kep.get(f"/documents/{docs['summons']['id']}").content)
    assert "1 April 2025" in summons and "Jl. Dr. Cipto" in summons
    # file names read in Indonesian
    assert [d["filename"].split("-", 3)[-1] for d in docs.values()] == [
        "surat-panggilan.pdf", "berita-acara-sidang.pdf", "keputusan.pdf"]


def test_over_long_line_refused_by_line_the_rest_kept(app, world, as_user):
    raw = jsonl([activity(1, NIP_A1, "BENCI")]) + b'{"id": "x", "text": "' + b"a" * 1_100_000 + b'"}\n' + \
        jsonl([activity(3, NIP_A1, "pagi")])
    r = _upload(as_user("humas_a"), raw)
    assert r.status_code == 201, r.text
    b = r.json()
    assert b["total_lines"] == 3 and [e["line"] for e in b["line_errors"]] == [2]
    assert "terlalu panjang" in b["line_errors"][0]["error"]
    screen_all(app)
    assert as_user("humas_a").get(f"/api/batches/{b['id']}").json()["decisions"] == {"violation": 1, "clean": 1}
