"""Review queue by batch, Indonesian labels on case pages, the header, the footer's JSON link, office hours
per time zone on the settings page, and other things a user would trip over."""
import html
import json
import re
from datetime import date, datetime, timezone

from .conftest import NIP_A1, NIP_A2, NIP_B1, NIP_C1, SPRING, AFTER_HEARING, activity, login, upload_and_screen
from .test_cases import HEARING


def _rows(page: str) -> list[str]:
    return re.findall(r'id="finding-row-(\d+)"', page)


def _flash(r) -> str:
    from urllib.parse import unquote
    m = re.search(r"rambu_flash=\"?([^;\"]+)", r.headers.get("set-cookie", ""))
    return unquote(m.group(1)) if m else ""


# --- 1. the review queue filtered by batch -------------------------------------------------------------

def test_findings_filtered_by_batch(app, world, as_user):
    # a unit-A batch of the regional humas that also holds a post of a Kudus (unit C) employee: that finding
    # belongs to unit C
    b1 = upload_and_screen(app, login(app, "humas_ra"), [activity(1, NIP_A1, "BENCI"), activity(2, NIP_A2, "JADWAL JAGA"),
                                                         activity(3, NIP_C1, "BENCI juga")], unit_id=world["unit_a"])
    b2 = upload_and_screen(app, as_user("humas_b"), [activity(1, NIP_B1, "BENCI")])
    kep = as_user("kep")
    assert kep.get("/api/findings?status=all").json()["total"] == 4
    one = kep.get(f"/api/findings?status=all&batch_id={b1['id']}").json()
    assert one["total"] == 3 and {f["batch_id"] for f in one["items"]} == {b1["id"]}
    assert one["filters"]["batch_id"] == b1["id"]
    assert [f["batch_id"] for f in kep.get(f"/api/findings?status=all&batch_id={b2['id']}").json()["items"]] == [b2["id"]]
    # the batch page's "Temuan" link leads to exactly these findings, and its count matches
    page = kep.get(f"/batches/{b1['id']}").text
    link = re.search(r'<dt>Temuan</dt><dd><a href="([^"]+)">(\d+)</a>', page)
    assert link and link.group(2) == "3"
    lst = kep.get(html.unescape(link.group(1)))
    assert lst.status_code == 200 and sorted(_rows(lst.text)) == sorted(str(f["id"]) for f in one["items"])
    assert 'id="findings-batch"' in lst.text and 'id="findings-scope-clear"' in lst.text
    # filtering again on the page keeps the batch (hidden field); empty form fields are no filter
    assert f'<input type="hidden" name="batch_id" value="{b1["id"]}">' in lst.text
    r = kep.get(f"/findings?rule=2&region_id=&unit_id=&min_confidence=&date_from=&date_to=&status=all&batch_id={b1['id']}")
    assert r.status_code == 200 and len(_rows(r.text)) == 2
    # the export links carry the filters on screen
    href = html.unescape(re.search(r'href="([^"]+)" id="export-findings-csv"', lst.text).group(1))
    assert f"batch_id={b1['id']}" in href and "status=all" in href
    csv = kep.get(href).content.decode("utf-8-sig")
    assert len(csv.strip().splitlines()) == 1 + 3
    # scoped like everything else: a regional reviewer gets the findings of their region only, in both places
    kep_a = as_user("kep_a")
    assert kep_a.get(f"/api/findings?status=all&batch_id={b1['id']}").json()["total"] == 3
    assert kep_a.get(f"/api/batches/{b1['id']}").json()["findings"] == 3
    assert kep_a.get(f"/api/findings?status=all&batch_id={b2['id']}").json()["total"] == 0
    kep_b = as_user("kep_b")
    assert kep_b.get(f"/api/batches/{b1['id']}").status_code == 404
    assert kep_b.get(f"/api/findings?status=all&batch_id={b1['id']}").json()["total"] == 0
    assert login(app, "leader_b").get(f"/api/findings?status=all&batch_id={b1['id']}").json()["total"] == 0
    # a unit leader of Kudus sees their own employee's finding of that batch, not the batch itself
    r = as_user("admin").api("POST", "/api/admin/users", json={"username": "leader_c", "role": "leader", "scope": "unit",
                                                               "unit_id": world["unit_c"], "password": "sandi-uji-kudus-1"})
    assert r.status_code == 201, r.text
    leader_c = login(app, "leader_c", "sandi-uji-kudus-1")
    c = leader_c.get(f"/api/findings?status=all&batch_id={b1['id']}").json()
    assert c["total"] == 1 and c["items"][0]["staff_id"] == world[NIP_C1]
    assert leader_c.get(f"/api/batches/{b1['id']}").status_code == 404
    assert kep.get("/api/findings?batch_id=abc").status_code == 400


def test_queue_form_with_all_rules_does_not_fail(app, world, as_user):
    """Choosing "Semua" in the rule list submits rule= (empty): that is no filter, not an error."""
    upload_and_screen(app, as_user("humas_a"), [activity(1, NIP_A1, "BENCI")])
    kep = as_user("kep")
    r = kep.get("/findings?rule=&region_id=&unit_id=&min_confidence=&date_from=&date_to=&status=open")
    assert r.status_code == 200 and len(_rows(r.text)) == 1
    assert kep.get("/api/findings?rule=&staff_id=").json()["total"] == 1
    assert kep.get("/export/findings.csv?rule=&unit_id=&status=open").status_code == 200
    # a bad parameter on a page answers with an Indonesian page, the API keeps its JSON
    bad = kep.get("/findings?limit=banyak")
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("text/html") and "limit" in bad.text
    assert kep.get("/api/findings?limit=banyak").json()["detail"][0]["loc"][-1] == "limit"


# --- 2. Indonesian labels on the case page ------------------------------------------------------------

def _decide(kep, case_id, kep_a, clock):
    steps = [{}, {"breach": "ya"}, {}, {}, HEARING, {"statement": "Saya khilaf."}, {"summary": "Pegawai hadir."},
             {"outcome": "proven", "statement": "terbuka", "discipline_level": "sedang", "reasons": "Terbukti."}]
    for data in steps:
        if "summary" in data:
            clock.set(AFTER_HEARING)
        r = kep.api("POST", f"/api/cases/{case_id}/advance", json={"data": data})
        assert r.status_code == 200, r.text


def test_case_page_reads_in_indonesian_and_json_keeps_raw_keys(app, world, as_user, clock):
    clock.set(SPRING)
    upload_and_screen(app, as_user("humas_a"), [activity(1, NIP_A1, "BENCI"), activity(2, NIP_A1, "BENCI lagi")])
    kep = as_user("kep")
    f1, f2 = kep.get("/api/findings").json()["items"]
    c1 = kep.api("POST", f"/api/findings/{f1['id']}/review", json={"verdict": "confirm", "reason": "jelas"}).json()["case_id"]
    _decide(kep, c1, world["kep_a"], clock)
    c2 = kep.api("POST", f"/api/findings/{f2['id']}/review", json={"verdict": "confirm", "reason": "lagi"}).json()["case_id"]
    assert c2 != c1
    # "Kasus lain": the decision, not "proven"
    other = re.search(r'id="case-other">(.*?)</dd>', kep.get(f"/cases/{c2}").text, re.S).group(1)
    assert "(terbukti)" in other and "proven" not in other
    # the step records: labels and values in Indonesian
    page = kep.get(f"/cases/{c1}").text
    steps = re.search(r'id="case-steps">(.*?)</ol>', page, re.S).group(1)
    for key in ("breach", "hearing_at", "place", "chair", "members", "secretary", "statement", "summary", "outcome",
                "reasons", "discipline_level"):
        assert f">{key}:<" not in steps, key
    for text in ("Hasil pemeriksaan awal:</span> ada dugaan pelanggaran", "Waktu sidang:</span> 10 April 2025 pukul 09.00",
                 "Tempat sidang:</span> Aula Lapas Semarang", "Ketua majelis:</span> Drs. Bambang",
                 "Anggota majelis:</span> Sri Wahyuni, Agus Salim", "Sekretaris:</span> Maya",
                 "Keterangan dan pembelaan pegawai:</span> Saya khilaf.", "Jalannya sidang:</span> Pegawai hadir.",
                 "Putusan:</span> terbukti", "Pertimbangan:</span> Terbukti.",
                 "Sanksi moral:</span> pernyataan secara terbuka",
                 "Rekomendasi hukuman disiplin (PP 94/2021):</span> tingkat sedang"):
        assert text in steps, text
    # the history table reads in Indonesian too
    audit_html = re.search(r'id="case-audit">(.*?)</table>', page, re.S).group(1)
    assert "case.step" not in audit_html and "tahap diselesaikan: Putusan majelis kode etik" in audit_html
    # the employee's page: the decision and the step, not their keys
    cases_html = re.search(r'id="staff-cases">(.*?)</ul>', kep.get(f"/staff/{world[NIP_A1]}").text, re.S).group(1)
    assert "terbukti" in cases_html and "Pengaduan diterima" in cases_html and "proven" not in cases_html
    # JSON keeps the raw keys and values (labels only added beside them)
    j = kep.get(f"/api/cases/{c1}").json()
    rec = {st["stage"]: st["data"] for st in j["steps"]}
    assert rec["pemanggilan"]["hearing_at"] == "2025-04-10T09:00" and rec["putusan"]["outcome"] == "proven"
    assert rec["pemanggilan"]["members"] == ["Sri Wahyuni", "Agus Salim"]
    o = kep.get(f"/api/cases/{c2}").json()["other_cases"][0]
    assert o["outcome"] == "proven" and o["outcome_label"] == "terbukti" and o["status"] == "closed"
    s = kep.get(f"/api/staff/{world[NIP_A1]}").json()["cases"]
    assert {c["outcome"] for c in s} == {"proven", None} and "terbukti" in {c["outcome_label"] for c in s}


def test_step_record_labels():
    from rambu.store.cases import step_record
    assert step_record("pemeriksaan_awal", {"breach": "tidak"}) == [
        ("Hasil pemeriksaan awal", "tidak ada pelanggaran etik (klarifikasi)")]
    assert step_record("putusan", {"outcome": "not_proven", "reasons": "x", "discipline_penalty": ""}) == [
        ("Putusan", "tidak terbukti (rehabilitasi)"), ("Pertimbangan", "x")]
    assert step_record("pembelaan", {"statement": "terbuka"}) == [("Keterangan dan pembelaan pegawai", "terbuka")]
    assert step_record("sidang", {"catatan_lain": "y"}) == [("Catatan lain", "y")]


# --- 3. the header shows the role once ----------------------------------------------------------------

def _who(client) -> str:
    return html.unescape(re.search(r'id="nav-me">([^<]*)</a>', client.get("/me").text).group(1))


def test_header_shows_the_role_once(app, world, as_user):
    admin = as_user("admin")
    for name, shown in (("Dewi Lestari (Kepatuhan Internal Pusat)", "Dewi Lestari (Kepatuhan Internal Pusat)"),
                        ("Hendra Gunawan (Kepatuhan Kanwil Jateng)", "Hendra Gunawan (Kepatuhan Kanwil Jateng)"),
                        ("Dewi Lestari", "Dewi Lestari (Kepatuhan Internal)")):
        assert admin.api("PATCH", f"/api/admin/users/{world['kep']}", json={"full_name": name}).status_code == 200
        assert _who(login(app, "kep")) == shown
    assert admin.api("PATCH", f"/api/admin/users/{world['admin']}", json={"full_name": "Administrator"}).status_code == 200
    assert _who(login(app, "admin")) == "Administrator"
    assert _who(as_user("humas_a")) == "HUMAS_A (Humas)"  # "Humas" as a word, not as part of a name


# --- 4. the footer's JSON link keeps the page's filters -----------------------------------------------

def test_footer_json_link_keeps_the_query(app, world, as_user):
    upload_and_screen(app, as_user("humas_a"), [activity(1, NIP_A1, "BENCI"), activity(2, NIP_A2, "JADWAL JAGA")])
    kep = as_user("kep")
    page = kep.get("/findings?status=all&rule=6")
    href = re.search(r'href="([^"]+)" id="footer-json"', page.text).group(1)
    assert href == "/api/findings?status=all&amp;rule=6"
    j = kep.get(html.unescape(href)).json()
    assert j["total"] == 1 and j["items"][0]["rule"] == 6
    assert 'href="/api/cases" id="footer-json"' in kep.get("/cases").text
    # an error page has no JSON twin to point to
    nf = kep.get("/cases/999999")
    assert nf.status_code == 404 and 'id="footer-json"' not in nf.text
    assert 'id="footer-json"' not in kep.get("/check").text  # the check is POST only; its footer says so


# --- 5. office hours per time zone on the settings page -----------------------------------------------

WEEK = "07:30-12:00,13:00-16:00"  # the defaults: working hours without the lunch break
GLOBAL = {"monday": WEEK, "tuesday": WEEK, "wednesday": WEEK, "thursday": WEEK, "friday": "07:30-11:30,13:00-16:30",
          "saturday": "", "sunday": ""}
ZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")


def _table(**cells) -> dict:
    """The office-hours table as a browser posts it: every box, filled or empty."""
    form = {"_office_hours": "1", "office_hours.default_timezone": "Asia/Jakarta"}
    form.update({f"office_hours.{d}": v for d, v in GLOBAL.items()})
    form.update({f"zone_hours.{z}.{d}": "" for z in ZONES for d in GLOBAL})
    form.update({k.replace("__", "."): v for k, v in cells.items()})
    return form


def test_admin_edits_office_hours_per_zone(app, world, as_user):
    admin = as_user("admin")
    page = admin.get("/admin/settings").text
    assert 'id="office-hours-table"' in page
    for label in ("wib", "wita", "wit"):
        assert f'id="oh-{label}-friday" name="zone_hours.' in page
    assert 'name="office_hours.by_zone"' not in page  # edited in the table, not as raw JSON
    form = _table(**{"zone_hours.Asia/Jayapura.friday": "07:30-15:00", "zone_hours.Asia/Jayapura.saturday": "libur",
                     "zone_hours.Asia/Makassar.saturday": "08.00-12.00"})
    r = admin.post_form("/admin/settings", form)
    assert r.status_code == 303 and _flash(r).startswith("ok|1 pengaturan diubah"), _flash(r)
    d = admin.get("/api/admin/settings").json()
    assert json.loads(d["values"]["office_hours.by_zone"]) == {
        "Asia/Jayapura": {"friday": "07:30-15:00", "saturday": ""}, "Asia/Makassar": {"saturday": "08:00-12:00"}}
    assert d["zone_hours"]["Asia/Jayapura"] == {**{k: None for k in GLOBAL}, "friday": "07:30-15:00",
                                                "saturday": "libur"}
    page = admin.get("/admin/settings").text
    assert re.search(r'id="oh-wit-friday" name="zone_hours.Asia/Jayapura.friday" value="07:30-15:00"', page)
    assert re.search(r'id="oh-wita-saturday" name="zone_hours.Asia/Makassar.saturday" value="08:00-12:00"', page)
    assert re.search(r'id="oh-wib-friday" name="zone_hours.Asia/Jakarta.friday" value="" placeholder="07:30-11:30,13:00-16:30"', page)
    # the same table again: nothing changes; the global row accepts "libur" too
    saved = {**form, "zone_hours.Asia/Jayapura.saturday": "libur", "zone_hours.Asia/Makassar.saturday": "08:00-12:00"}
    assert _flash(admin.post_form("/admin/settings", saved)) == "ok|Tidak ada perubahan."
    r = admin.post_form("/admin/settings", {**saved, "office_hours.saturday": "08:00-12:00", "office_hours.friday": "libur"})
    vals = admin.get("/api/admin/settings").json()["values"]
    assert vals["office_hours.saturday"] == "08:00-12:00" and vals["office_hours.friday"] == ""
    # a bad box is refused, the message names the zone and the day; nothing is saved
    r = admin.post_form("/admin/settings", {**saved, "zone_hours.Asia/Jayapura.monday": "jam 8"})
    msg = html.unescape(" ".join(re.findall(r'class="field-error"[^>]*>([^<]*)<', r.text)))
    assert r.status_code == 400 and "Asia/Jayapura (WIT)" in msg and "Senin" in msg and "format jam" in msg, msg
    assert "monday" not in json.loads(admin.get("/api/admin/settings").json()["values"]["office_hours.by_zone"])["Asia/Jayapura"]
    # emptying the zone columns removes the overrides
    r = admin.post_form("/admin/settings", _table())
    assert admin.get("/api/admin/settings").json()["values"]["office_hours.by_zone"] == ""


def test_zone_hours_api_validation_and_other_zones_kept(app, world, as_user):
    admin = as_user("admin")
    for bad, needle in (({"Asia/Papua": {"friday": "08:00-12:00"}}, "Asia/Papua"),
                        ({"WIT": {"jumaat": "08:00-12:00"}}, "jumaat"),
                        ({"WIT": {"friday": "pagi"}}, "hari friday (Jumat)"),
                        ("{bukan json", "bukan JSON"), (["WIT"], "objek JSON")):
        r = admin.api("PUT", "/api/admin/settings", json={"office_hours.by_zone": bad})
        assert r.status_code == 400 and needle in r.json()["detail"], r.text
    # JSON text or an object; stored canonical (IANA names, English weekdays, HH:MM)
    r = admin.api("PUT", "/api/admin/settings", json={"office_hours.by_zone": '{"WITA": {"jumat": "8-15"}}'})
    assert r.status_code == 200 and r.json()["office_hours.by_zone"] == '{"Asia/Makassar": {"friday": "08:00-15:00"}}'
    r = admin.api("PUT", "/api/admin/settings", json={"office_hours.by_zone": {"Asia/Pontianak": {"friday": "07:00-15:00"},
                                                                               "WIT": {"sunday": ""}}})
    assert r.status_code == 200
    # a zone the table does not show survives a save of the table, and is mentioned on the page
    page = admin.get("/admin/settings").text
    assert 'id="office-hours-other-zones"' in page and "Asia/Pontianak" in page
    admin.post_form("/admin/settings", _table(**{"zone_hours.Asia/Jayapura.friday": "07:30-15:00"}))
    assert json.loads(admin.get("/api/admin/settings").json()["values"]["office_hours.by_zone"]) == {
        "Asia/Jayapura": {"friday": "07:30-15:00"}, "Asia/Pontianak": {"friday": "07:00-15:00"}}


def test_zone_hours_reach_the_engine_and_case_deadlines(app, world, as_user):
    from rambu.store import config, screening
    admin = as_user("admin")
    r = admin.api("PUT", "/api/admin/settings",
                  json={"office_hours.by_zone": {"Asia/Makassar": {"saturday": "08:00-12:00", "friday": "07:30-11:00"}}})
    assert r.status_code == 200
    with app.state.factory() as s:
        # the engine's calendar, as the web app builds it
        cal = screening.build_screener(s).resources.calendar
        assert cal.is_workday(date(2025, 3, 15), "Asia/Makassar") and not cal.is_workday(date(2025, 3, 15), "Asia/Jakarta")
        assert cal.hours(4, "Asia/Makassar") != cal.hours(4, "Asia/Jakarta")
        # case deadlines count the unit's office days: Saturday is one in WITA
        fri = datetime(2025, 3, 14, 2, 0, tzinfo=timezone.utc)  # Friday 10.00 WITA / 09.00 WIB
        assert config.working_days_after(s, fri, 1, world["unit_b"]).date() == date(2025, 3, 15)
        assert config.working_days_after(s, fri, 1, world["unit_a"]).date() == date(2025, 3, 17)
        assert config.working_days_after(s, fri, 1).date() == date(2025, 3, 17)  # default zone (WIB)
