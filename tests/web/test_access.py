"""Roles and scopes: nobody reads another unit's or region's data, by page or by API."""
import pytest

from .conftest import NIP_A1, NIP_B1, NIP_C1, SPRING, activity, login, upload_and_screen


@pytest.fixture(autouse=True)
def fast_pdf(monkeypatch):
    from rambu.store import paperwork
    monkeypatch.setattr(paperwork, "letter", lambda kind, ctx: b"%PDF-1.4 uji " + kind.encode())


@pytest.fixture
def two_units(app, world, as_user, clock):
    """A batch with a violation in unit A and in unit B, each confirmed into a case with a document."""
    clock.set(SPRING)
    a = upload_and_screen(app, as_user("humas_a"), [activity(1, NIP_A1, "BENCI di A")])
    b = upload_and_screen(app, as_user("humas_b"), [activity(1, NIP_B1, "BENCI di B")])
    kep = as_user("kep")
    out = {"batch_a": a["id"], "batch_b": b["id"]}
    for key, bid in (("a", a["id"]), ("b", b["id"])):
        f = kep.get(f"/api/findings?status=all").json()["items"]
        fid = [x for x in f if x["batch_id"] == bid][0]["id"]
        case_id = kep.api("POST", f"/api/findings/{fid}/review", json={"verdict": "confirm", "reason": "bukti jelas"}).json()["case_id"]
        for data in ({}, {"breach": "ya"}, {}, {}, {"hearing_at": "2025-04-01T09:00", "place": "Aula", "chair": "Ketua"}):
            r = kep.api("POST", f"/api/cases/{case_id}/advance", json={"notes": "", "data": data})
            assert r.status_code == 200, r.text
        doc = r.json()["documents"][0]["id"]
        out.update({f"finding_{key}": fid, f"case_{key}": case_id, f"doc_{key}": doc})
    return out


def _paths(ids, world, side):
    return [f"/findings/{ids['finding_' + side]}", f"/cases/{ids['case_' + side]}",
            f"/documents/{ids['doc_' + side]}", f"/batches/{ids['batch_' + side]}",
            f"/staff/{world[NIP_A1 if side == 'a' else NIP_B1]}"]


@pytest.mark.parametrize("user,side", [("kep_b", "a"), ("kep_a", "b"), ("leader_b", "a"), ("humas_b", "a"),
                                       ("humas_a", "b"), ("humas_ra", "b")])
def test_cross_unit_isolation_by_url_and_api(app, world, two_units, user, side):
    c = login(app, user)
    for path in _paths(two_units, world, side):
        for url in (path, "/api" + path):
            r = c.get(url)
            assert r.status_code in (403, 404), (user, url, r.status_code)
            assert "BENCI" not in r.text
    own = "b" if side == "a" else "a"
    # lists only show the user's own scope
    if c.get("/api/findings?status=all").status_code == 200:
        items = c.get("/api/findings?status=all").json()["items"]
        assert all(i["id"] != two_units[f"finding_{side}"] for i in items)
    if c.get("/api/cases?status=all").status_code == 200:
        assert all(i["id"] != two_units[f"case_{side}"] for i in c.get("/api/cases?status=all").json()["items"])
    items = c.get("/api/batches").json()["items"]
    assert [i["id"] for i in items if i["id"] == two_units[f"batch_{side}"]] == []
    staff = c.get("/api/staff").json()["items"]
    assert NIP_A1 not in [m["nip"] for m in staff] if side == "a" else NIP_B1 not in [m["nip"] for m in staff]
    assert own


def test_cross_unit_writes_refused(app, world, two_units):
    kep_b = login(app, "kep_b")
    r = kep_b.api("POST", f"/api/cases/{two_units['case_a']}/advance", json={"data": {"statement": "x"}})
    assert r.status_code == 404
    humas_b = login(app, "humas_b")
    r = humas_b.api("POST", f"/api/staff/{world[NIP_A1]}/accounts", json={"platform": "x", "handle": "rizky"})
    assert r.status_code == 404
    files = [("file", ("b.jsonl", b'{"id":"1","type":"post","created_at":"2025-01-01T00:00:00+07:00"}\n', "text/plain"))]
    r = humas_b.api("POST", "/api/batches", files=files, data={"unit_id": str(world["unit_a"])})
    assert r.status_code == 400
    r = humas_b.api("GET", f"/api/batches/{two_units['batch_a']}/raw")
    assert r.status_code == 404
    r = login(app, "kep_b").get(f"/api/batches/{two_units['batch_a']}/raw")
    assert r.status_code == 404


def test_regional_user_sees_whole_region(app, world, two_units):
    kep_a = login(app, "kep_a")
    assert kep_a.get(f"/api/cases/{two_units['case_a']}").status_code == 200
    units = {u["name"] for u in kep_a.get("/api/findings").json()["units"]}
    assert units == {"Lapas Semarang", "Rutan Kudus"}
    staff = {m["nip"] for m in kep_a.get("/api/staff").json()["items"]}
    assert staff == {NIP_A1, "199001012015031002", NIP_C1}


@pytest.mark.parametrize("user,url,method", [
    ("pegawai", "/api/findings", "GET"), ("pegawai", "/api/cases", "GET"), ("pegawai", "/api/staff", "GET"),
    ("pegawai", "/api/dashboard", "GET"), ("pegawai", "/api/batches", "GET"),
    ("humas_a", "/api/findings", "GET"), ("humas_a", "/api/cases", "GET"), ("humas_a", "/api/dashboard", "GET"),
    ("leader", "/api/admin/users", "GET"), ("kep", "/api/admin/settings", "GET"), ("leader", "/api/export/findings.csv", "GET"),
])
def test_role_permissions(app, world, user, url, method):
    c = login(app, user)
    r = c.api(method, url)
    expected = 200 if (user, url) == ("leader", "/api/export/findings.csv") else 403
    assert r.status_code == expected, (user, url, r.text)


def test_leader_is_read_only(app, world, two_units):
    leader = login(app, "leader")
    assert leader.get(f"/api/cases/{two_units['case_a']}").status_code == 200
    r = leader.api("POST", f"/api/findings/{two_units['finding_a']}/review", json={"verdict": "dismiss", "reason": "x"})
    assert r.status_code == 403
    r = leader.api("POST", f"/api/cases/{two_units['case_a']}/advance", json={"data": {"statement": "x"}})
    assert r.status_code == 403
    assert leader.get(f"/api/documents/{two_units['doc_a']}").status_code == 200


def test_employee_can_only_self_check(app, world):
    c = login(app, "pegawai")
    r = c.api("POST", "/api/check", data={"text": "saya BENCI kalian"})
    assert r.status_code == 200 and r.json()["result"]["decision"] == "violation"
    assert c.get("/check").status_code == 200
    assert c.get("/findings").status_code == 403
