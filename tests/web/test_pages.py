"""Pages and their JSON twins: pre-publication check, dashboard, exports, reports, administration."""
import io

from .conftest import NIP_A1, NIP_B1, activity, login, upload_and_screen


def test_check_page_highlights_evidence(app, world, as_user):
    c = as_user("humas_a")
    page = c.get("/check")
    assert 'id="check-form"' in page.text and 'for="check-text"' in page.text
    r = c.post_form("/check", {"text": "Kami BENCI <b>kalian</b>"})
    assert r.status_code == 200
    assert "<mark" in r.text and ">BENCI</mark>" in r.text and "&lt;b&gt;kalian&lt;/b&gt;" in r.text
    assert 'id="check-finding-1"' in r.text and "Cara memperbaiki" in r.text
    r = c.post_form("/check", {"text": "Selamat pagi semua"})
    assert 'id="check-clean"' in r.text
    r = c.api("POST", "/api/check", data={"text": "tes"}, files={"image": ("a.png", b"PNGDATA", "image/png")})
    assert r.status_code == 200 and r.json()["media"]["sha256"]
    r = c.api("POST", "/api/check", data={"text": "", "ocr_text": "BENCI pada gambar"})
    assert r.json()["result"]["decision"] == "violation"
    r = c.post_form("/check", {"text": ""})
    assert r.status_code == 400 and 'id="check-error"' in r.text


def test_check_lists_violations_first(app, world, as_user):
    """The author reads what is a violation before what only needs a look, whatever the rules' numbers."""
    c = as_user("humas_a")
    found = c.api("POST", "/api/check", data={"text": "RAGU dan JADWAL JAGA, tapi BENCI"}).json()["result"]["findings"]
    assert [(f["rule"], f["needs_review"]) for f in found] == [(2, False), (1, True), (6, True)]
    page = c.post_form("/check", {"text": "RAGU dan BENCI"}).text
    first = page[page.index('id="check-finding-1"'):page.index('id="check-finding-2"')]
    assert "Larangan 2" in first and "Larangan 1" not in first


def test_every_page_has_json_twin(app, world, as_user):
    upload_and_screen(app, as_user("humas_a"), [activity(1, NIP_A1, "BENCI")])
    admin = as_user("admin")
    fid = admin.get("/api/findings").json()["items"][0]["id"]
    for path in ("/dashboard", "/findings", f"/findings/{fid}", "/cases", "/staff", f"/staff/{world[NIP_A1]}",
                 "/batches", "/batches/1", "/me", "/admin", "/admin/users", "/admin/units", "/admin/staff",
                 "/admin/factchecks", "/admin/holidays", "/admin/settings", "/admin/audit"):
        page = admin.get(path)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html"), path
        assert '<main id="isi"' in page.text and 'lang="id"' in page.text
        j = admin.get("/api" + path)
        assert j.status_code == 200 and j.headers["content-type"] == "application/json", path
    spec = admin.get("/api/openapi.json").json()
    for p in ("/api/findings", "/api/findings/{finding_id}/review", "/api/cases/{case_id}/advance", "/api/batches",
              "/api/check", "/api/dashboard", "/api/admin/users", "/api/export/{table}.{fmt}"):
        assert p in spec["paths"], p
    assert not [p for p in spec["paths"] if not p.startswith("/api/")]


def test_dashboard_exports_and_report(app, world, as_user):
    upload_and_screen(app, as_user("humas_a"), [activity(1, NIP_A1, "BENCI", created_at="2025-02-01T10:00:00+07:00"),
                                                activity(2, NIP_A1, "JADWAL JAGA", created_at="2025-03-01T10:00:00+07:00")])
    upload_and_screen(app, as_user("humas_b"), [activity(1, NIP_B1, "BENCI", created_at="2025-03-05T10:00:00+08:00")])
    leader = as_user("leader")
    d = leader.get("/api/dashboard").json()
    assert d["totals"]["findings"] == 3
    assert {x["rule"]: x["count"] for x in d["findings_by_rule"]}[2] == 2
    assert {x["month"] for x in d["findings_by_month"]} == {"2025-02", "2025-03"}
    assert {x["region"] for x in d["findings_by_region"]} == {"Kanwil Jawa Tengah", "Kanwil Kalimantan Timur"}
    page = leader.get("/dashboard")
    assert page.text.count("<svg") >= 6 and 'id="chart-rule"' in page.text
    # a unit leader's dashboard counts only the unit
    assert login(app, "leader_b").get("/api/dashboard").json()["totals"]["findings"] == 1
    csv = leader.get("/export/findings.csv")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("ID;Waktu aktivitas;") and len(text.strip().splitlines()) == 4
    assert len(login(app, "leader_b").get("/api/export/findings.csv").content.decode("utf-8-sig").strip().splitlines()) == 2
    x = leader.get("/export/cases.xlsx")
    assert x.status_code == 200 and x.content[:2] == b"PK"
    pdf = leader.get("/reports/summary.pdf?date_from=2025-01-01")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert leader.get("/export/findings.doc").status_code == 404


def test_admin_imports_and_settings(app, world, as_user):
    admin = as_user("admin")
    staff_csv = ("nip,name,unit,position,timezone,schedule\n"
                 "199901012020011001,Ani Baru,Lapas Semarang,Staf,Asia/Jakarta,office\n"
                 "12345,Salah NIP,Lapas Semarang,Staf,Asia/Jakarta,office\n"
                 "199901012020011002,Unit Tak Dikenal,Lapas Antah,Staf,Asia/Jakarta,office\n")
    r = admin.api("POST", "/api/admin/staff/import", files={"file": ("staff.csv", staff_csv.encode(), "text/csv")})
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["created"] == 1 and len(out["errors"]) == 2
    assert any("baris 3" in e and "nip" in e for e in out["errors"]) and any("Lapas Antah" in e for e in out["errors"])
    roster = ("nip,start,end\n"
              f"{NIP_B1},2025-05-01T07:00:00+08:00,2025-05-01T13:00:00+08:00\n"
              f"{NIP_B1},bukan tanggal,2025-05-01T13:00:00+08:00\n")
    r = admin.api("POST", "/api/admin/staff/roster", files={"file": ("roster.csv", roster.encode(), "text/csv")})
    assert r.json()["staff"] == 1 and len(r.json()["errors"]) == 1
    staff = admin.get(f"/api/staff/{world[NIP_B1]}").json()
    assert staff["schedule"] == "shift" and ["2025-05-01T07:00:00+08:00", "2025-05-01T13:00:00+08:00"] in staff["shifts"]
    reg = ("id,claim,verdict,source,published\n"
           "FK-1,Semua lapas menghapus kunjungan keluarga,hoaks,https://cekfakta.com/,2025-02-02\n"
           "FK-2,,hoaks,x,2025-02-02\n")
    r = admin.api("POST", "/api/admin/factchecks/import", files={"file": ("reg.csv", reg.encode(), "text/csv")})
    assert r.json()["created"] == 1 and r.json()["errors"]
    r = admin.api("PUT", "/api/admin/factchecks/FK-1", json={"claim": "Klaim diubah", "verdict": "disinformasi"})
    assert r.json()["verdict"] == "disinformasi"
    assert admin.get("/api/admin/factchecks").json()["total"] == 1
    assert admin.api("DELETE", "/api/admin/factchecks/FK-1").status_code == 200
    # settings: thresholds, office hours, deadlines; bad values refused
    r = admin.api("PUT", "/api/admin/settings", json={"rule1.threshold": 0.45, "office_hours.friday": "07:30-16:30",
                                                      "deadline.pemeriksaan_awal": 5})
    assert r.status_code == 200 and r.json()["rule1.threshold"] == 0.45
    assert admin.api("PUT", "/api/admin/settings", json={"rule1.threshold": 3}).status_code == 400
    assert admin.api("PUT", "/api/admin/settings", json={"office_hours.monday": "pagi"}).status_code == 400
    assert admin.api("PUT", "/api/admin/settings", json={"tidak.ada": 1}).status_code == 400
    page = admin.get("/admin/settings")
    r = admin.post_form("/admin/settings", {"rule2.threshold": "0.5", "_bool": "rule7.enabled"})
    assert r.status_code == 303
    vals = admin.get("/api/admin/settings").json()["values"]
    assert vals["rule2.threshold"] == 0.5 and vals["rule7.enabled"] is False and page.status_code == 200
    from rambu.store import config
    with app.state.factory() as s:
        cfg = config.engine_config(s)
        assert cfg.threshold(1) == 0.45 and cfg.get("rule7.enabled") is False and cfg.get("holidays_file")
    # holidays
    assert admin.api("PUT", "/api/admin/holidays/2031-08-17", json={"name": "HUT RI"}).status_code == 200
    assert {"date": "2031-08-17", "name": "HUT RI"} in admin.get("/api/admin/holidays").json()["items"]
    assert admin.api("PUT", "/api/admin/holidays/17-08-2031", json={"name": "x"}).status_code == 400


def test_admin_users_units_and_watch_accounts(app, world, as_user):
    admin = as_user("admin")
    r = admin.api("POST", "/api/admin/regions", json={"code": "PAPUA", "name": "Kanwil Papua"})
    rid = r.json()["id"]
    r = admin.api("POST", "/api/admin/units", json={"code": "LPJYP", "name": "Lapas Jayapura", "region_id": rid,
                                                    "timezone": "Asia/Jayapura"})
    assert r.status_code == 201
    uid = r.json()["id"]
    r = admin.api("POST", "/api/admin/users", json={"username": "humas.jayapura", "role": "humas", "scope": "unit",
                                                    "unit_id": uid})
    assert r.status_code == 201 and len(r.json()["password"]) >= 10
    login(app, "humas.jayapura", r.json()["password"])
    bad = admin.api("POST", "/api/admin/users", json={"username": "x", "role": "kepatuhan", "scope": "unit", "unit_id": uid})
    assert bad.status_code == 400
    r = admin.post_form("/admin/users", {"username": "pimpinan.papua", "role": "leader", "scope": "regional",
                                         "region_id": str(rid)})
    assert r.status_code == 303 and "tampil sekali" in r.headers["set-cookie"].replace("%20", " ")
    # humas registers a watched account of their own unit's staff
    humas = as_user("humas_a")
    r = humas.post_form(f"/staff/{world[NIP_A1]}/accounts", {"platform": "instagram", "handle": "@rizky.p"})
    assert r.status_code == 303
    st = humas.get(f"/api/staff/{world[NIP_A1]}").json()
    assert st["accounts"][0]["handle"] == "rizky.p" and "findings" not in st
    dup = humas.api("POST", f"/api/staff/{world[NIP_A1]}/accounts", json={"platform": "instagram", "handle": "rizky.p"})
    assert dup.status_code == 400
    # deactivated users lose their session at once
    kep = login(app, "kep_a")
    admin.api("PATCH", f"/api/admin/users/{world['kep_a']}", json={"active": False})
    assert kep.get("/api/findings").status_code == 401
    assert io


def test_unreadable_import_files_are_refused_not_crashing(app, world, as_user):
    admin = as_user("admin")
    bad_files = {"staff/import": b"bukan,kolom\n1,2\n", "staff/roster": b"tidak,ada,nip\n1,2,3\n",
                 "factchecks/import": b"\xff\xfe\x00 biner"}
    for path, body in bad_files.items():
        r = admin.api("POST", f"/api/admin/{path}", files={"file": ("x.csv", body, "text/csv")})
        assert 400 <= r.status_code < 500, (path, r.status_code, r.text)
        assert r.json().get("detail") or r.json().get("error"), (path, r.text)
