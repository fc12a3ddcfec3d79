"""Issue 7: Bahasa Indonesia everywhere users look, times in each unit's zone, the decimal comma."""
import csv
import io
import re

from .conftest import NIP_A1, NIP_B1, activity, login, upload_and_screen


def _csv(resp) -> list[dict]:
    return list(csv.DictReader(io.StringIO(resp.content.decode("utf-8-sig")), delimiter=";"))


def test_exports_in_indonesian_with_unit_zones_and_decimal_comma(app, world, as_user):
    upload_and_screen(app, as_user("humas_a"), [activity(1, NIP_A1, "BENCI", created_at="2025-03-11T20:15:00+07:00")])
    upload_and_screen(app, as_user("humas_b"), [activity(1, NIP_B1, "JADWAL JAGA", created_at="2025-03-11T20:15:00+07:00")])
    leader = as_user("leader")
    r = leader.get("/export/findings.csv")
    assert 'filename="rambu-temuan-' in r.headers["content-disposition"]
    rows = {row["Unit"]: row for row in _csv(r)}
    a, b = rows["Lapas Semarang"], rows["Rutan Balikpapan"]
    assert a["Waktu aktivitas"] == "2025-03-11 20:15 WIB" and b["Waktu aktivitas"] == "2025-03-11 21:15 WITA"
    assert a["Status"] == "menunggu tinjauan" and a["Perlu tinjauan"] == "tidak" and a["Nama larangan"] == "Kebencian SARA"
    assert a["Keyakinan (%)"] == "91" and a["Kutipan bukti"] == "BENCI"
    kep = as_user("kep")
    fid = kep.get("/api/findings?rule=2").json()["items"][0]["id"]
    kep.api("POST", f"/api/findings/{fid}/review", json={"verdict": "confirm", "reason": "jelas"})
    cases = _csv(leader.get("/export/cases.csv"))
    assert set(cases[0]) >= {"Nomor kasus", "Tahap", "Status", "Dibuka", "Batas waktu tahap"}
    assert cases[0]["Status"] == "berjalan" and cases[0]["Dibuka"].endswith(" WIB")
    from openpyxl import load_workbook
    wb = load_workbook(io.BytesIO(leader.get("/export/findings.xlsx").content))
    ws = wb.active
    assert ws.title == "Temuan" and ws["A1"].value == "ID" and ws["B1"].value == "Waktu aktivitas"


def test_pages_show_times_in_the_units_own_zone(app, world, as_user):
    upload_and_screen(app, as_user("humas_b"), [activity(1, NIP_B1, "BENCI", created_at="2025-03-11T20:15:00+07:00")])
    kep = as_user("kep")
    fid = kep.get("/api/findings").json()["items"][0]["id"]
    assert "11 Mar 2025 21.15 WITA" in kep.get(f"/findings/{fid}").text
    assert "11 Mar 2025 21.15 WITA" in kep.get("/findings").text


def test_decimal_comma_on_pages_and_settings(app, world, as_user):
    admin = as_user("admin")
    page = admin.get("/admin/settings").text
    assert 'id="set-report_threshold" name="report_threshold" value="0,35"' in page
    # the settings page reads labels and help, not raw keys
    assert "Ambang pelaporan temuan" in page and "Batas waktu: Pemeriksaan bukti" in page
    assert "Surel pemberitahuan (SMTP)" in page
    # a decimal comma typed back is understood; nothing changes when the value is the same
    r = admin.post_form("/admin/settings", {"report_threshold": "0,35"})
    assert r.status_code == 303
    r = admin.post_form("/admin/settings", {"report_threshold": "0,4"})
    assert admin.get("/api/admin/settings").json()["values"]["report_threshold"] == 0.4


def test_audit_log_reads_as_events(app, world, as_user):
    admin = as_user("admin")
    admin.api("PUT", "/api/admin/holidays/2030-01-01", json={"name": "Tahun Baru 2030"})
    page = admin.get("/admin/audit").text
    table = re.search(r'id="audit-table">(.*?)</table>', page, re.S).group(1)
    assert "hari libur disimpan" in table and "nama: Tahun Baru 2030" in table and "hari libur 2030-01-01" in table
    assert "holiday.set" not in re.sub(r'title="[^"]*"', "", table) and '{"' not in table


def test_import_messages_in_indonesian(app, world, as_user):
    admin = as_user("admin")
    csv_text = "nip,name,unit,position,timezone,schedule\n199901012020011001,Ani Baru,Lapas Semarang,Staf,Asia/Jakarta,office\n"
    r = admin.post_form("/admin/staff/import", files={"file": ("s.csv", csv_text.encode(), "text/csv")})
    from urllib.parse import unquote
    msg = unquote(re.search(r'rambu_flash="?([^;"]+)', r.headers["set-cookie"]).group(1))
    assert "baru 1" in msg and "diperbarui 0" in msg and "created" not in msg


def test_case_documents_named_in_indonesian(app, world, as_user):
    from rambu.store.cases import DOC_SLUGS
    assert set(DOC_SLUGS.values()) == {"surat-panggilan", "berita-acara-sidang", "keputusan"}
