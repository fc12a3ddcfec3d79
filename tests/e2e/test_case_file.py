"""End-to-end, issue 7: the review queue officers work in (search, sort, percent, bulk review, next finding,
counters), the case file (whole procedure, attachments, corrections, documents made again), the employee's
own page, notifications, and phone layouts without horizontal scrolling. Real server, real Chromium."""
from __future__ import annotations

import json

import pytest


def _count(ui, nav_id: str) -> int:
    badge = ui.all(f"#{nav_id} .count")
    return int(badge[0].text) if badge else 0


def test_queue_search_sort_bulk_and_next(ui, tmp_path):
    ui.login("humas.semarang")
    ui.click("#nav-batches")
    ui.wait("#upload-form")
    items = [{"id": f"antrean-{i}", "platform": "facebook", "type": "post", "author": {"nip": "199001012015031002"},
              "created_at": f"2025-05-0{i}T08:00:00+07:00", "url": f"https://facebook.com/posts/{i}",
              "text": f"Dasar suku pendatang itu memang biang kerok, usir saja mereka! ({i})"} for i in range(1, 4)]
    path = tmp_path / "antrean.jsonl"
    path.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in items) + "\n", encoding="utf-8")
    ui.find("#upload-file").send_keys(str(path))
    ui.submit("#upload-submit")
    ui.wait_until(lambda: ui.text("#batch-status") == "selesai", timeout=90)
    ui.wait_ready()
    assert ui.exists("#batch-results"), "humas see what screening found in their batch"
    ui.shot("humas-batch-results")
    ui.logout()

    ui.login("kepatuhan")
    before = _count(ui, "nav-findings")
    assert before >= 3, "the navigation counts the findings waiting for review"
    ui.click("#nav-findings")
    ui.wait("#findings-filter")
    ui.fill("#f-q", "usir saja mereka! (")
    ui.fill("#f-conf", "50")
    ui.choose("#f-sort", value="terlama")
    ui.submit("#f-submit")
    rows = ui.all("#findings-table tbody tr[id^=finding-row-]")
    assert len(rows) == 3, ui.text("#findings-table")
    assert "Kebencian SARA" in rows[0].text and "Facebook" in rows[0].text and "%" in rows[0].text
    assert rows[0].find_elements("css selector", "mark"), "each row quotes its evidence"
    assert ui.find("#f-conf").get_attribute("value") == "50"
    ui.shot("queue-search-sorted")
    # the first one is reviewed on its page; the next finding opens by itself
    first = rows[0].find_element("css selector", "a").get_attribute("href")
    ui.d.get(first)
    ui.wait("#review-form")
    ui.click("#verdict-dismiss")
    ui.fill("#review-reason", "Kutipan berita, bukan pendapat pegawai.")
    ui.submit("#review-submit")
    kind, message = ui.flash()
    assert kind == "ok" and "Berikutnya" in message, message
    assert ui.exists("#review-form") and ui.path() != "/" + first.split("/", 3)[3]
    ui.shot("review-next-finding")
    # the other two at once, with one reason
    ui.go("/findings?q=usir+saja+mereka!+(&sort=terlama")
    for box in ui.all("#findings-table input[name=ids]"):
        ui.d.execute_script("arguments[0].scrollIntoView({block:'center'})", box)
        box.click()
    ui.fill("#bulk-reason", "Unggahan ujaran kebencian yang sama, diulang.")
    ui.shot("queue-bulk-selected")
    ui.submit("#bulk-confirm")
    kind, message = ui.flash()
    assert kind == "ok" and "2 temuan ditinjau" in message, message
    assert _count(ui, "nav-findings") == before - 3
    ui.shot("queue-after-bulk")


def test_case_file_procedure_attachments_corrections(ui, tmp_path):
    ui.login("kepatuhan")
    ui.go("/cases?status=open")
    ui.click("#cases-table tbody tr[id^=case-row-] a")
    ui.wait("#case-procedure")
    states = [li.get_attribute("class") for li in ui.all("#case-procedure li")]
    assert len(states) == 8 and "current" in states and "todo" in states, states
    ui.shot("case-procedure")
    # an evidence file, kept with its SHA-256
    f = tmp_path / "tangkapan-layar.png"
    f.write_bytes(b"\x89PNG\r\n\x1a\n bukti uji e2e")
    ui.choose("#attach-kind", value="evidence")
    ui.fill("#attach-title", "Tangkapan layar unggahan")
    ui.find("#attach-file").send_keys(str(f))
    ui.submit("#attach-submit")
    kind, message = ui.flash()
    assert kind == "ok" and "SHA-256" in message, message
    assert "Tangkapan layar unggahan" in ui.text("#case-attachments")
    ui.shot("case-attachment")
    # the next step is dated today by default and cannot be dated in the future
    assert ui.find("#done_on").get_attribute("value") == ui.find("#done_on").get_attribute("max")


def test_corrected_summons_made_again(ui):
    ui.login("admin")
    ui.go("/cases?status=all")
    decided = [a.get_attribute("href") for a in ui.all("#cases-table tbody tr[id^=case-row-] a")]
    ui.d.get(decided[-1])  # the demo's decided case (oldest)
    ui.wait("#case-documents")
    assert ui.exists("#doc-summons") and ui.exists("#regen-summons")
    box = [d for d in ui.all("details.correct") if d.find_elements("css selector", "input[name=place]")]
    assert box, "the summons step can be corrected"
    box[0].find_element("css selector", "summary").click()
    form_id = box[0].find_element("css selector", "form").get_attribute("id")
    ui.fill(f"#{form_id} input[name=place]", "Ruang Sidang Utama Lapas Semarang")
    ui.fill(f"#{form_id} input[name=reason]", "Tempat sidang salah ketik pada surat.")
    ui.shot("case-correct-step")
    ui.submit(f"#{form_id} button[type=submit]")
    kind, message = ui.flash()
    assert kind == "ok" and "dikoreksi" in message, message
    assert "versi lama" in ui.text("#case-documents")
    assert "Ruang Sidang Utama" in ui.text("#case-steps")
    ui.shot("case-corrected-documents")
    history = ui.text("#case-audit")
    assert "catatan tahap dikoreksi" in history


def test_employee_sees_own_record(ui):
    ui.login("pegawai.rizky")
    ui.click("#nav-mine")
    ui.wait("#my-findings")
    assert "Kasus KE-" in ui.text("main")
    assert ui.all("ol.procedure li.done"), "the employee sees the steps of their cases"
    ui.shot("employee-own-record")


def test_notifications_page(ui):
    ui.login("kepatuhan")
    ui.click("#nav-notices")
    ui.wait("#notices")
    assert "temuan baru" in ui.text("#notices")
    ui.shot("notifications")
    if ui.exists("#notices-read-all"):
        ui.submit("#notices-read-all button")
        assert not ui.all("#nav-notices .count")


@pytest.mark.parametrize("username,pages", [
    ("admin", ["/admin/staff", "/admin/users", "/admin/units", "/admin/settings", "/admin/audit", "/admin/holidays",
               "/batches/1", "/notifications"]),
    ("humas.semarang", ["/batches", "/batches/1"]),
    ("pegawai.rizky", ["/saya", "/check"]),
])
def test_phone_pages_without_horizontal_scroll(ui, username, pages):
    """390x844: every page fits the width (wide tables scroll inside their own box)."""
    ui.emulate_phone(390, 844)
    try:
        ui.login(username)
        if username == "admin":
            ui.go("/cases?status=all")
            pages = pages + ["/" + ui.find("#cases-table tbody a").get_attribute("href").split("/", 3)[3]]
        wide = ui.wide_pages(pages, f"phone-{username}")
        assert not wide, json.dumps(wide, indent=1)
    finally:
        ui.emulate_desktop()
