"""End-to-end: the real application (`rambu serve --demo`, real engine, SQLite) driven in headless Chromium.

Scenario of issue 3: sign in; check drafts before publishing; upload a batch and follow its progress;
confirm a finding in the review queue; carry the case through every step of the Ditjenpas procedure to a
decision; download the decision PDF. Plus: unit isolation by URL (404) and the draft check on a phone.
Screenshots of every step go to RAMBU_E2E_ARTIFACTS (default tests/e2e/artifacts/).
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

RIZKY = "198901142012121003"   # demo staff, Lapas Kelas IIA Semarang (has a closed, proven case in the demo)
BUDI = "199001012015031002"
DAY = "2025-04-02"             # no demo activity on this day: the queue filter finds exactly our batch
HATEFUL = "Dasar orang Cina itu semua penipu dan lintah darat, usir saja mereka dari kampung kita!"
CLEAN = ("Selamat pagi! Hari ini warga binaan Lapas Semarang mengikuti pelatihan menjahit dan las. "
         "Semoga bermanfaat setelah bebas nanti.")
UNIT_A, UNIT_B = "Lapas Kelas IIA Semarang", "Rutan Kelas IIA Balikpapan"


def _batch_file(tmp_path):
    items = [
        {"id": "e2e-1", "platform": "facebook", "type": "post", "author": {"nip": RIZKY},
         "created_at": f"{DAY}T20:00:00+07:00", "text": HATEFUL},
        {"id": "e2e-2", "platform": "instagram", "type": "post", "author": {"nip": RIZKY},
         "created_at": f"{DAY}T08:00:00+07:00",
         "text": "Terima kasih kepada keluarga warga binaan yang tertib mengikuti layanan kunjungan hari ini."},
        {"id": "e2e-3", "platform": "facebook", "type": "post", "author": {"nip": BUDI},
         "created_at": f"{DAY}T06:30:00+07:00",
         "text": "Apel pagi bersama seluruh petugas pengamanan sebelum kunjungan keluarga warga binaan dibuka."},
        {"id": "e2e-4", "type": "post", "created_at": "besok pagi", "text": "baris dengan tanggal tidak sah"},
    ]
    path = tmp_path / "e2e-semarang.jsonl"
    path.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in items) + "\n", encoding="utf-8")
    return path


def _pdf_text(path) -> str | None:
    try:
        from pypdf import PdfReader
    except ImportError:
        PdfReader = None
    if PdfReader is not None:
        return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    if shutil.which("pdftotext"):
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
    return None


def _today_wib() -> str:
    from datetime import datetime
    from zoneinfo import ZoneInfo
    return datetime.now(ZoneInfo("Asia/Jakarta")).date().isoformat()


def _check_draft(ui, text: str):
    ui.fill("#check-text", text)
    ui.submit("#check-submit")
    return ui.wait("#check-result")


# --- the scenario --------------------------------------------------------------------------------------

def test_draft_check(ui):
    """Humas checks drafts: a hateful one is a violation with the evidence highlighted, a clean one is clean."""
    ui.login("humas.semarang")
    ui.shot("humas-signed-in")
    ui.click("#nav-check")
    ui.wait("#check-form")
    assert ui.path() == "/check"

    result = _check_draft(ui, HATEFUL)
    assert "verdict-violation" in result.get_attribute("class")
    assert "PELANGGARAN" in ui.text("#check-result h2")
    marks = [m.text for m in ui.all("#check-marked mark")]
    assert marks, "the draft is shown with its evidence marked"
    assert all(m and m in HATEFUL for m in marks), marks
    assert any("Cina" in m for m in marks), marks
    first = ui.text("#check-finding-1")
    assert "Larangan 2" in first and "Cara memperbaiki" in first and "Sanksi" in first
    assert ui.find("#check-text").get_attribute("value") == HATEFUL  # the draft stays in the box to be edited
    ui.shot("check-hateful-draft")

    result = _check_draft(ui, CLEAN)
    assert "verdict-clean" in result.get_attribute("class")
    assert "BERSIH" in ui.text("#check-result h2")
    assert ui.find("#check-clean").is_displayed()
    assert not ui.all("#check-result mark") and not ui.all("[id^=check-finding-]")
    ui.shot("check-clean-draft")

    ui.fill("#check-text", "")
    ui.submit("#check-submit")
    assert "tempelkan draf" in ui.text("#check-error")
    # every JSON twin link in the footer answers (the check itself is POST only)
    for page in ("/check", "/batches", "/me"):
        ui.go(page)
        for a in ui.all("footer a[href^='/api/']"):
            href = a.get_attribute("href")
            assert ui.fetch("/" + href.split("/", 3)[3])[0] == 200, href


def test_batch_review_case_decision(ui, tmp_path):
    """Upload -> progress -> review queue -> confirm -> every case step -> decision PDF."""
    # humas uploads a batch of its unit
    ui.login("humas.semarang")
    ui.click("#nav-batches")
    ui.wait("#upload-form")
    ui.find("#upload-file").send_keys(str(_batch_file(tmp_path)))
    ui.submit("#upload-submit")
    m = re.fullmatch(r"/batches/(\d+)", ui.path())
    assert m, ui.path()
    assert ui.flash()[0] == "ok" and "4 baris" in ui.flash()[1]
    ui.shot("batch-uploaded")
    # the page polls /api/batches/{id} and reloads when done
    ui.wait_until(lambda: ui.exists("#batch-status") and ui.text("#batch-status") == "selesai", timeout=90,
                  message="batch screening did not finish")
    ui.wait_ready()
    assert ui.find("#batch-progress").get_attribute("value") == "4"
    assert "4 dari 4 baris" in ui.text("#batch-progress-label")
    decisions = ui.text("#batch-decisions")
    assert "pelanggaran: 1" in decisions and "bersih: 2" in decisions, decisions
    errors = ui.text("#batch-errors")
    assert "e2e-4" in errors, errors
    ui.shot("batch-screened")
    ui.logout()

    # Kepatuhan Internal finds the finding in the review queue with the filters
    ui.login("kepatuhan")
    ui.click("#nav-findings")
    ui.wait("#findings-filter")
    ui.choose("#f-rule", value="2")
    ui.choose("#f-unit", text=UNIT_A)
    ui.set_value("#f-from", DAY)
    ui.set_value("#f-to", DAY)
    ui.submit("#f-submit")
    rows = ui.all("#findings-table tbody tr[id^=finding-row-]")
    assert len(rows) == 1, ui.text("#findings-table")
    assert "Rizky Pratama" in rows[0].text
    ui.shot("review-queue-filtered")
    ui.click("#findings-table tbody tr[id^=finding-row-] a")
    ui.wait("#review-form")
    assert any("Cina" in m.text for m in ui.all(".quote mark")), "evidence marked in the original activity"
    ui.click("#verdict-confirm")
    ui.fill("#review-reason", "Ujaran kebencian SARA di akun publik pegawai; bukti jelas.")
    ui.shot("finding-before-confirm")
    finding_path = ui.path()
    ui.submit("#review-submit")
    kind, message = ui.flash()
    assert kind == "ok" and "dikonfirmasi" in message, message
    number = re.search(r"KE-\d{4}-\d+", message).group(0)
    ui.shot("finding-confirmed-next-opened")  # straight on to the next finding waiting for review

    # the case: a repeat offence of Rizky, taken through every step
    ui.go(finding_path)
    ui.click("#finding-case")
    ui.wait("#advance-form")
    assert number in ui.text("h1")
    assert "Rizky Pratama" in ui.text("#case-staff")
    assert ui.exists("#case-repeat"), "Rizky's earlier (demo) case is shown as a repeat offence"
    ui.shot("case-opened")
    case_path = ui.path()

    fills = {
        "Pengaduan diterima": lambda: ui.fill("#notes", "Temuan dari antrean tinjauan diterima dan dicatat."),
        "Pemeriksaan awal": lambda: (ui.click("#breach-yes"),
                                     ui.fill("#notes", "Syarat formal dan materiil terpenuhi.")),
        "Pemeriksaan bukti": lambda: ui.fill("#notes", "Tangkapan layar dan data aktivitas diperiksa."),
        "Rekomendasi sidang": lambda: ui.fill("#notes", "Direkomendasikan sidang kode etik."),
        # the hearing is today at 00.01 WIB: summoned today, recorded after it took place (steps are dated)
        "Rapat persiapan": lambda: (ui.set_value("#hearing_at", f"{_today_wib()}T00:01"),
                                    ui.fill("#place", "Aula Lapas Kelas IIA Semarang"),
                                    ui.fill("#chair", "Drs. Bambang Suryadi"),
                                    ui.fill("#members", "Sri Wahyuni, S.H.\nAgus Salim, S.Sos."),
                                    ui.fill("#secretary", "Maya Sari, A.Md.")),
        "Keterangan dan pembelaan": lambda: ui.fill(
            "#statement", "Pegawai mengakui unggahan, menyatakan khilaf dan telah menghapusnya."),
        "Sidang kode etik": lambda: ui.fill(
            "#summary", "Majelis memeriksa bukti dan mendengar keterangan pegawai yang didampingi atasannya."),
        "Putusan majelis": lambda: (ui.click("#outcome-proven"), ui.choose("#statement", value="tertutup"),
                                    ui.choose("#discipline_level", value="sedang"),
                                    ui.fill("#reasons", "Terbukti menyebarkan ujaran kebencian SARA; "
                                                        "pelanggaran berulang.")),
    }
    done = []
    for _ in range(len(fills) + 2):
        if not ui.exists("#advance-form"):
            break
        stage = ui.text("#case-stage")
        key = next((k for k in fills if stage.startswith(k)), None)
        assert key, f"unknown stage {stage!r}"
        assert key not in done, f"stage {stage!r} did not advance"
        fills[key]()
        ui.submit("#advance-submit")
        kind, message = ui.flash()
        assert kind == "ok", f"{stage}: {message}"
        assert ui.path() == case_path
        done.append(key)
        ui.shot(f"case-step-{len(done)}-done")
    assert done == list(fills), done
    assert ui.text("#case-stage") == "Selesai"
    assert ui.text("#case-outcome") == "terbukti"
    assert len(ui.all("#case-steps li.done")) == len(fills)
    for kind in ("summons", "hearing_minutes", "decision"):
        assert ui.exists(f"#doc-{kind}"), kind

    # the decision letter, downloaded by the browser
    for old in ui.downloads.iterdir():
        old.unlink()
    ui.click("#doc-decision")
    pdf = ui.wait_download(".pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF"), data[:20]
    shutil.copy(pdf, ui.artifacts / "decision.pdf")
    text = _pdf_text(pdf)
    if text is not None:
        flat = " ".join(text.split())
        assert "Rizky Pratama" in flat, flat[:1500]
        assert number in flat, flat[:1500]
    ui.shot("case-decided")


def test_other_unit_case_is_404(ui):
    """A unit-scoped leader of Balikpapan cannot open a Semarang case, finding or document by URL."""
    ui.login("admin")
    ui.go("/cases?status=all")
    rows = [(r.text, r.find_element("css selector", "a").get_attribute("href"))
            for r in ui.all("#cases-table tbody tr[id^=case-row-]")]
    case_url = next(href for text, href in rows if UNIT_A in text and "terbukti" in text)  # has documents
    case_path = "/" + case_url.split("/", 3)[3]
    ui.go(case_path)
    doc_links = [a.get_attribute("href") for a in ui.all("#case-documents a")]
    finding_links = [a.get_attribute("href") for a in ui.all("[id^=case-finding-] a")]
    assert doc_links and finding_links

    # admin creates the leader through the administration page
    ui.go("/admin/users")
    ui.fill("#u-username", "pimpinan.balikpapan")
    ui.fill("#u-name", "Kepala Rutan Balikpapan")
    ui.choose("#u-role", value="leader")
    ui.choose("#user-scope", value="unit")
    ui.choose("#u-unit", text=UNIT_B)
    ui.fill("#u-password", "sandi-uji-balikpapan-1")
    ui.submit("#user-submit")
    kind, message = ui.flash()
    assert kind == "ok" and "pimpinan.balikpapan" in message, message
    ui.shot("admin-user-created")
    ui.logout()

    ui.login("pimpinan.balikpapan", "sandi-uji-balikpapan-1")
    ui.go(case_path)
    assert ui.text("h1") == "Tidak ditemukan"
    ui.shot("other-unit-case-404")
    for url in [case_path, "/api" + case_path] + doc_links + finding_links:
        path = "/" + url.split("/", 3)[3] if url.startswith("http") else url
        status, _ = ui.fetch(path)
        assert status == 404, (path, status)
    ui.go("/cases?status=all")
    assert UNIT_A not in ui.text("#cases-table")
    # the same URL works for a national leader (so the 404 is the unit filter, not a bad id)
    ui.logout()
    ui.login("pimpinan")
    ui.go(case_path)
    assert ui.text("h1").startswith("Kasus KE-")


@pytest.mark.parametrize("username", ["pegawai.rizky", "kepatuhan"])
def test_phone_draft_check_no_horizontal_scroll(ui, username):
    """390x844 phone: the draft-check page (empty and with a result) fits the screen's width."""
    ui.emulate_phone(390, 844)
    try:
        ui.login(username)
        ui.go("/check")
        o = ui.overflow()
        assert o["inner"] == 390, o
        assert o["scroll"] <= o["client"], o
        ui.shot(f"phone-check-{username}")
        _check_draft(ui, HATEFUL)
        o = ui.overflow()
        assert o["scroll"] <= o["client"], o
        ui.shot(f"phone-check-result-{username}")
    finally:
        ui.emulate_desktop()


def test_phone_review_pages_no_horizontal_scroll(ui):
    """390x844 phone: the reviewer's main pages fit the width (wide tables scroll inside their own box)."""
    ui.emulate_phone(390, 844)
    try:
        ui.login("kepatuhan")
        pages = ["/dashboard", "/findings?status=all", "/cases?status=all", "/batches", "/batches/1"]
        ui.go("/cases?status=all")
        pages.append("/" + ui.find("#cases-table tbody a").get_attribute("href").split("/", 3)[3])
        ui.go("/findings?status=all")
        pages.append("/" + ui.find("#findings-table tbody a").get_attribute("href").split("/", 3)[3])
        wide = ui.wide_pages(pages)
        assert not wide, json.dumps(wide, indent=1)
    finally:
        ui.emulate_desktop()


def _mixed_export(tmp_path):
    """One ZIP holding an export of each platform, each in its own folder (tests/importers/fixtures)."""
    import os
    import zipfile
    from pathlib import Path
    fixtures = Path(__file__).resolve().parents[1] / "importers" / "fixtures"
    path = tmp_path / "ekspor-campuran.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for fixture, folder in (("instagram-2024", "instagram"), ("facebook-2024", "facebook"), ("x-2023", "x"),
                                ("tiktok-2024", "tiktok"), ("youtube-2023", "youtube"),
                                ("whatsapp-android-id", "whatsapp")):
            root = fixtures / fixture
            for dirpath, _, files in os.walk(root):
                for fn in sorted(files):
                    full = Path(dirpath) / fn
                    zf.write(full, f"{folder}/{full.relative_to(root).as_posix()}")
    return path


def test_platform_export_upload_is_imported_and_screened(ui, tmp_path):
    """Humas uploads one member's exports of all six platforms; the real engine screens them (rule 7 live)."""
    ui.login("humas.semarang")
    ui.click("#nav-batches")
    ui.wait("#upload-form")
    ui.find("#upload-file").send_keys(str(_mixed_export(tmp_path)))
    ui.fill("#upload-nip", RIZKY)  # the WhatsApp sender's name comes from the staff directory
    ui.shot("export-upload-form")
    ui.submit("#upload-submit")
    m = re.fullmatch(r"/batches/(\d+)", ui.path())
    assert m, (ui.path(), ui.flash())
    kind, message = ui.flash()  # the upload answers at once: the import is a job, then the screening
    assert kind == "ok" and "impor berjalan di latar belakang" in message, message
    ui.wait_until(lambda: ui.exists("#batch-status") and ui.text("#batch-status") == "selesai", timeout=180,
                  message="import and screening of the export did not finish")  # the page reloads itself
    ui.wait_ready()
    assert "41 dari 41 baris" in ui.text("#batch-progress-label")
    assert "41 aktivitas" in ui.text("#batch-import"), ui.text("#batch-import")
    assert not ui.exists("#batch-errors")
    ui.shot("export-screened")
    ui.logout()
    ui.login("kepatuhan")
    status, body = ui.fetch(f"/api/findings?batch_id={m.group(1)}&status=all&limit=200")
    assert status == 200
    found = {(f["activity_id"], f["rule"]) for f in json.loads(body)["items"]}
    assert ("tiktok-live-7345000000000000001", 7) in found, found
