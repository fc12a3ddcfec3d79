"""Issue 7: admin edits a user's role, a unit (city and address), one employee; imports holidays from a file;
the add-user form does not default to Administrator."""
import re

from .conftest import NIP_A2, login


def test_edit_a_users_role_by_form(app, world, as_user):
    admin = as_user("admin")
    page = admin.get("/admin/users").text
    form = re.search(r'<form method="post" action="/admin/users" class="stack" id="user-form">(.*?)</form>', page, re.S).group(1)
    role = re.search(r'<select id="u-role" name="role" required>(.*?)</select>', form, re.S).group(1)
    assert role.startswith('<option value="" selected disabled>') and 'value="admin" selected' not in role
    assert f'id="user-edit-{world["leader_b"]}"' in page
    r = admin.post_form(f"/admin/users/{world['leader_b']}", {"full_name": "Kepala Rutan", "role": "kepatuhan",
                                                              "scope": "regional", "region_id": str(world["region_b"]),
                                                              "unit_id": "", "nip": "", "email": "kepala@rutan.test"})
    assert r.status_code == 303
    u = next(x for x in admin.get("/api/admin/users").json()["items"] if x["id"] == world["leader_b"])
    assert (u["role"], u["scope"], u["region_id"], u["email"]) == ("kepatuhan", "regional", world["region_b"], "kepala@rutan.test")


def test_edit_a_unit_with_city_and_address(app, world, as_user):
    admin = as_user("admin")
    r = admin.post_form("/admin/units", {"unit_id": str(world["unit_b"]), "code": "B", "name": "Rutan Kelas IIA Balikpapan",
                                         "region_id": str(world["region_b"]), "timezone": "Asia/Makassar",
                                         "city": "Balikpapan", "address": "Jl. Jenderal Sudirman 10"})
    assert r.status_code == 303
    u = next(x for x in admin.get("/api/admin/units").json()["units"] if x["id"] == world["unit_b"])
    assert (u["name"], u["city"], u["address"]) == ("Rutan Kelas IIA Balikpapan", "Balikpapan", "Jl. Jenderal Sudirman 10")
    assert 'id="unit-edit-' in admin.get("/admin/units").text


def test_edit_one_employee_by_form(app, world, as_user):
    admin = as_user("admin")
    sid = world[NIP_A2]
    page = admin.get(f"/staff/{sid}").text
    assert 'id="staff-edit-form"' in page
    r = admin.post_form(f"/admin/staff/{sid}", {"name": "Budi Santoso, S.H.", "position": "Kepala Regu",
                                               "unit_id": str(world["unit_c"]), "transfer_from": "2025-05-01",
                                               "schedule": "shift"})
    assert r.status_code == 303
    d = admin.get(f"/api/staff/{sid}").json()
    assert (d["name"], d["position"], d["unit_id"], d["schedule"]) == ("Budi Santoso, S.H.", "Kepala Regu", world["unit_c"], "shift")
    assert [p["unit_id"] for p in d["postings"]] == [world["unit_a"], world["unit_c"]]
    assert d["postings"][1]["from"].startswith("2025-04-30T17:00")  # midnight of 1 May in WIB
    assert 'id="staff-edit-form"' not in login(app, "kep").get(f"/staff/{sid}").text
    assert as_user("humas_a").api("PUT", f"/api/admin/staff/{sid}", json={"name": "x"}).status_code == 403


def test_import_holidays_from_a_file(app, world, as_user):
    admin = as_user("admin")
    csv_text = "tanggal,nama\n2031-01-01,Tahun Baru 2031\n2031-13-01,Salah\n2031-03-20,\n"
    r = admin.api("POST", "/api/admin/holidays/import", files={"file": ("libur.csv", csv_text.encode(), "text/csv")})
    assert r.status_code == 200 and r.json()["created"] == 1
    errs = r.json()["errors"]
    assert len(errs) == 2 and "baris 3" in errs[0] and "kolom date" in errs[0] and "kolom name" in errs[1]
    js = b'[{"date": "2031-01-01", "name": "Tahun Baru Masehi 2031"}, {"date": "2031-05-01", "name": "Hari Buruh"}]'
    r = admin.post_form("/admin/holidays/import", files={"file": ("libur.json", js, "application/json")})
    assert r.status_code == 303
    days = {h["date"]: h["name"] for h in admin.get("/api/admin/holidays").json()["items"]}
    assert days["2031-01-01"] == "Tahun Baru Masehi 2031" and days["2031-05-01"] == "Hari Buruh"
    assert 'id="holiday-import-form"' in admin.get("/admin/holidays").text
    r = admin.api("POST", "/api/admin/holidays/import", files={"file": ("x.csv", b"a,b\n1,2\n", "text/csv")})
    assert r.status_code == 400 and "date,name" in r.json()["detail"]
