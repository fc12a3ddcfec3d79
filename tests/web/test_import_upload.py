"""The batch upload takes platform exports (detecting the platform, for a chosen staff member) and ZIPs of
contract JSON Lines with their media; archives are hostile, media stay inside the batch's folder."""
import hashlib
import io
import json
import os
import zipfile
from pathlib import Path

from sqlalchemy import select

from rambu.store.models import BatchLine, MediaFile

from .conftest import NIP_A1, NIP_B1, activity, jsonl, screen_all

FIXTURES = Path(__file__).resolve().parents[1] / "importers" / "fixtures"
MIXED = (("instagram-2024", "instagram/"), ("facebook-2024", "facebook/"), ("x-2023", "x/"),
         ("tiktok-2024", "tiktok/"), ("youtube-2023", "youtube/"), ("whatsapp-android-id", "whatsapp/"))


def zip_bytes(folders=(), extra=()) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for fixture, prefix in folders:
            root = FIXTURES / fixture
            for dirpath, dirnames, filenames in sorted(os.walk(root)):
                dirnames.sort()
                for fn in sorted(filenames):
                    full = Path(dirpath) / fn
                    zf.write(full, prefix + full.relative_to(root).as_posix())
        for name, data in extra:
            zf.writestr(name, data)
    return buf.getvalue()


def post(client, filename, data, **form):
    files = [("file", (filename, data, "application/octet-stream"))]
    return client.api("POST", "/api/batches", files=files, data={k: v for k, v in form.items() if v is not None})


def imported(app, client, r) -> dict:
    """The batch of an archive upload once its import job (and the screening after it) ran."""
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "importing" and r.json()["total_lines"] == 0
    screen_all(app)
    return client.get(f"/api/batches/{r.json()['id']}").json()


def lines_of(app, batch_id):
    with app.state.factory() as s:
        return list(s.scalars(select(BatchLine).where(BatchLine.batch_id == batch_id).order_by(BatchLine.line_no)))


def test_mixed_archive_of_all_six_is_imported_stored_and_screened(app, world, as_user):
    humas = as_user("humas_a")
    chat = "12/01/25 15.00 - Rizky Pratama: Saya BENCI mereka semua\n12/01/25 15.01 - Budi Santoso: Jangan begitu\n"
    data = zip_bytes(MIXED, extra=[("whatsapp-2/_chat.txt", chat)])
    r = post(humas, "campuran.zip", data, nip=NIP_A1)  # the sender's name comes from the staff directory
    b = imported(app, humas, r)
    imp = b["import"]
    assert imp["kind"] == "export" and imp["platforms"] == ["facebook", "instagram", "tiktok", "whatsapp", "x",
                                                            "youtube"]
    assert imp["errors"] == [] and len(imp["warnings"]) == 2  # a missing Instagram photo, one unknown file
    assert imp["error_count"] == 0 and imp["warning_count"] == 2 and imp["nip"] == NIP_A1
    assert b["sha256"] == hashlib.sha256(data).hexdigest() and b["size"] == len(data)
    assert b["total_lines"] == 42 and b["unit_id"] == world["unit_a"]
    # the original archive is kept beside the extracted media: evidence leads back to it
    kept = {m["path"]: m for m in b["media"]}
    assert kept["sumber/campuran.zip"]["sha256"] == hashlib.sha256(data).hexdigest()
    assert "media/instagram/media/posts/202402/upacara.jpg" in kept
    assert "media/whatsapp/IMG-20250112-WA0003.jpg" in kept
    d = b
    assert d["status"] == "done" and d["screened"] == 42 and d["errors"] == 0
    acts = [json.loads(ln.raw) for ln in lines_of(app, b["id"])]
    assert {a["platform"] for a in acts} == {"instagram", "facebook", "x", "tiktok", "youtube", "whatsapp"}
    assert all(a["author"]["nip"] == NIP_A1 and a["source"]["archive"] == "campuran.zip" for a in acts)
    for a in acts:  # every media path names a file stored with the batch
        for m in a.get("media", []):
            assert m["path"] in kept
    # screened: the stub finds the hateful message imported from the second chat
    findings = as_user("kep").get(f"/api/findings?batch_id={b['id']}&status=all").json()["items"]
    assert [(f["rule"], f["activity_id"]) for f in findings] == [(2, "whatsapp-chat-1")]


def test_platform_export_reports_unreadable_parts_as_batch_errors(app, world, as_user):
    humas = as_user("humas_a")
    r = post(humas, "ig.zip", zip_bytes([("instagram-2025", "")]), nip=NIP_A1, platform="instagram")
    b = imported(app, humas, r)
    assert b["total_lines"] == 6 and b["errors"] == 1 and b["import"]["error_count"] == 1
    assert b["line_errors"][0]["line"] == 6
    assert b["line_errors"][0]["error"].startswith(
        "arsip: your_instagram_activity/comments/post_comments_2.json: JSON rusak pada baris 1")
    page = humas.get(f"/batches/{b['id']}")
    assert "post_comments_2.json" in page.text and 'id="batch-import"' in page.text


def test_whatsapp_chat_alone_in_the_staff_members_time_zone(app, world, as_user):
    humas_b = as_user("humas_b")
    chat = (FIXTURES / "whatsapp-android-en" / "WhatsApp Chat with Budi Santoso.txt").read_bytes()
    r = post(humas_b, "WhatsApp Chat with Budi Santoso.txt", chat, nip=NIP_B1, sender="Rizky Pratama")
    b = imported(app, humas_b, r)
    acts = [json.loads(ln.raw) for ln in lines_of(app, b["id"])]
    assert [a["created_at"] for a in acts] == ["2025-01-13T21:15:00+08:00", "2025-01-13T21:16:00+08:00"]  # WITA


def test_export_needs_a_staff_member_in_scope(app, world, as_user):
    humas = as_user("humas_a")
    data = zip_bytes([("tiktok-2024", "")])
    r = post(humas, "tiktok.zip", data)
    assert r.status_code == 400 and "pilih NIP pegawai" in r.json()["detail"]
    r = post(humas, "tiktok.zip", data, nip="12345")
    assert r.status_code == 400 and "18 digit" in r.json()["detail"]
    r = post(humas, "tiktok.zip", data, nip=NIP_B1)  # a member of another unit
    assert r.status_code == 400 and "di luar cakupan" in r.json()["detail"]
    r = post(humas, "acak.zip", b"PK\x03\x04 bukan zip", nip=NIP_A1)
    assert r.status_code == 400 and "bukan arsip ZIP yang sah" in r.json()["detail"]
    r = post(humas, "kosong.zip", zip_bytes(extra=[("catatan.txt", "halo")]), nip=NIP_A1)
    assert r.status_code == 400 and "tidak ditemukan ekspor" in r.json()["detail"]


def test_zip_of_contract_json_lines_with_media(app, world, as_user):
    humas = as_user("humas_a")
    img = b"\x89PNG gambar"
    items = [activity(1, NIP_A1, "lihat", media=[{"kind": "image", "path": "media/poster.png", "ocr_text": "BENCI"}]),
             activity(2, NIP_A1, "jahat", media=[{"kind": "image", "path": "../../etc/passwd"}]),
             activity(3, NIP_A1, "jahat juga", media=[{"kind": "image", "path": "/etc/passwd"}])]
    data = zip_bytes(extra=[("kiriman/batch.jsonl", jsonl(items)), ("kiriman/media/poster.png", img),
                            ("../keluar.png", b"x"), ("lain/catatan.png", b"y")])
    r = post(humas, "kiriman.zip", data)
    b = imported(app, humas, r)
    assert b["import"]["kind"] == "contract"
    assert {m["path"] for m in b["media"]} == {"media/poster.png", "sumber/kiriman.zip"}
    errs = {e["line"]: e["error"] for e in b["line_errors"]}
    # the archive's unsafe member after the activities; lines naming paths outside the batch refused at intake
    assert errs[4] == ("arsip: ../keluar.png: ditolak demi keamanan: jalur keluar dari folder arsip ('..') tidak "
                       "diizinkan")
    assert errs[2].startswith("media[0].path tidak sah ('../../etc/passwd')")
    assert errs[3].startswith("media[0].path tidak sah ('/etc/passwd')")
    assert b["import"]["warnings"] == ["lain/catatan.png: di luar folder batch; tidak digunakan"]
    assert b["decisions"] == {"violation": 1}
    with app.state.factory() as s:
        stored = s.scalar(select(MediaFile).where(MediaFile.batch_id == b["id"], MediaFile.path == "media/poster.png"))
        assert stored.content == img


def test_plain_json_lines_upload_is_unchanged(app, world, as_user):
    humas = as_user("humas_a")
    r = post(humas, "b.jsonl", jsonl([activity(1, NIP_A1, "biasa")]))
    assert r.status_code == 201 and "import" not in r.json()


def test_upload_page_offers_platform_and_staff(app, world, as_user):
    page = as_user("humas_a").get("/batches").text
    assert 'name="platform"' in page and 'value="whatsapp"' in page
    assert 'name="nip"' in page and f'value="{NIP_A1}"' in page and f'value="{NIP_B1}"' not in page
    r = as_user("humas_a").post_form("/batches", data={"nip": NIP_A1},
                                     files=[("file", ("tiktok.zip", zip_bytes([("tiktok-2024", "")]), "application/zip"))])
    assert r.status_code == 303 and r.headers["location"].startswith("/batches/")
    page = as_user("humas_a").get(r.headers["location"]).text
    assert "impor berjalan di latar belakang" in page and "sedang diimpor" in page


def test_archive_over_the_upload_limit_is_refused_before_import(app, world, as_user):
    from rambu.store import config
    from rambu.store.access import SYSTEM
    with app.state.factory() as s:
        config.update_settings(s, SYSTEM, {"batch.max_upload_mb": 1})
        s.commit()
    data = zip_bytes(extra=[("_chat.txt", "12/01/25 14.05 - Rizky Pratama: halo\n"),
                            ("IMG-1.jpg", os.urandom(1_100_000))])
    r = post(as_user("humas_a"), "besar.zip", data, nip=NIP_A1)
    assert r.status_code == 400 and "terlalu besar" in r.json()["detail"]


# --- the import is a job (issue 10) ------------------------------------------------------------------------

CHAT = ("12/01/25 15.00 - Rizky Pratama: Saya BENCI mereka semua\n"
        "12/01/25 15.01 - Budi Santoso: Jangan begitu\n"
        "12/01/25 15.02 - Rizky Pratama: Rapat besok jam delapan\n")


def findings_of(app, batch_id):
    from rambu.store.models import Finding
    with app.state.factory() as s:
        return list(s.scalars(select(Finding.activity_id).where(Finding.batch_id == batch_id)))


def test_upload_answers_before_the_import_and_the_queue_imports_exactly_the_activities(app, world, as_user):
    humas = as_user("humas_a")
    data = zip_bytes(extra=[("whatsapp/_chat.txt", CHAT)])
    r = post(humas, "obrolan.zip", data, nip=NIP_A1)
    assert r.status_code == 201, r.text
    b = r.json()
    assert b["status"] == "importing" and b["total_lines"] == 0 and b["progress"] == 0
    assert lines_of(app, b["id"]) == []
    assert b["import"]["kind"] == "export" and b["import"]["archive"] == "sumber/obrolan.zip"
    assert "summary" not in b["import"]  # nothing imported yet
    assert [m["path"] for m in b["media"]] == ["sumber/obrolan.zip"]  # the upload is kept from the start
    page = humas.get(f"/batches/{b['id']}").text
    assert 'id="batch-importing"' in page and "sedang diimpor" in page
    screen_all(app)
    d = humas.get(f"/api/batches/{b['id']}").json()
    assert d["status"] == "done" and d["total_lines"] == 2 and d["screened"] == 2  # Rizky's two messages
    assert [json.loads(ln.raw)["text"] for ln in lines_of(app, b["id"])] == ["Saya BENCI mereka semua",
                                                                             "Rapat besok jam delapan"]
    assert d["import"]["platforms"] == ["whatsapp"] and d["import"]["error_count"] == 0
    assert findings_of(app, b["id"]) == ["whatsapp-chat-1"]


def test_a_retried_import_adds_nothing_and_one_killed_midway_starts_again(app, world, as_user):
    """At-least-once delivery: the job may run again after it finished, or after a worker died mid-import."""
    from rambu.store import imports
    humas = as_user("humas_a")
    bid = post(humas, "obrolan.zip", zip_bytes(extra=[("_chat.txt", CHAT)]), nip=NIP_A1).json()["id"]

    def killed(s, batch_id):  # the lines are written, the transaction not yet committed
        assert len(lines_of_session(s, batch_id)) == 2
        raise RuntimeError("pekerja mati")

    try:
        imports.import_batch(app.state.factory, bid, then=killed, final=False)
    except RuntimeError:
        pass
    else:
        raise AssertionError("the simulated crash did not happen")
    assert lines_of(app, bid) == []
    assert humas.get(f"/api/batches/{bid}").json()["status"] == "importing"
    assert imports.import_batch(app.state.factory, bid) == "queued"  # the retry, from scratch
    assert imports.import_batch(app.state.factory, bid) == ""  # a duplicate delivery does nothing
    screen_all(app)
    assert imports.import_batch(app.state.factory, bid) == ""
    screen_all(app)
    d = humas.get(f"/api/batches/{bid}").json()
    assert d["status"] == "done" and d["total_lines"] == 2 and d["duplicates"] == 0
    assert [ln.line_no for ln in lines_of(app, bid)] == [1, 2]
    assert findings_of(app, bid) == ["whatsapp-chat-1"]


def lines_of_session(s, batch_id):
    return list(s.scalars(select(BatchLine).where(BatchLine.batch_id == batch_id)))


def test_a_damaged_archive_fails_its_batch_readably_and_the_upload_is_kept(app, world, as_user):
    humas = as_user("humas_a")
    # an Instagram export by its folders, whose only file is cut off: found at upload, empty once read
    data = zip_bytes(extra=[("your_instagram_activity/content/posts_1.json",
                             '[{"media": [{"uri": "media/posts/1.jpg", "title": "Sela')])
    r = post(humas, "ig-rusak.zip", data, nip=NIP_A1)
    assert r.status_code == 201 and r.json()["status"] == "importing", r.text
    bid = r.json()["id"]
    screen_all(app)
    d = humas.get(f"/api/batches/{bid}").json()
    assert d["status"] == "failed" and d["total_lines"] == 0
    assert d["import"]["failure"].startswith("ig-rusak.zip: tidak ada aktivitas yang dapat diimpor; ")
    assert "posts_1.json: JSON rusak pada baris 1" in d["import"]["failure"]
    with app.state.factory() as s:
        kept = s.scalar(select(MediaFile).where(MediaFile.batch_id == bid))
        assert kept.path == "sumber/ig-rusak.zip" and kept.content == data
    page = humas.get(f"/batches/{bid}").text
    assert 'id="import-failure"' in page and "Impor arsip gagal" in page and "impor gagal" in page
    assert "JSON rusak pada baris 1" in page
    notices = humas.get("/api/notifications").json()
    assert any(n["title"] == f"Impor batch #{bid} gagal" for n in notices["items"]), notices
    screen_all(app)  # nothing is retried: the archive cannot become a batch
    assert humas.get(f"/api/batches/{bid}").json()["status"] == "failed"


def test_on_postgresql_the_import_is_a_job_on_the_text_queue(app, world, as_user, db_url):
    if not db_url.startswith("postgresql"):
        import pytest
        pytest.skip("the job queue runs on PostgreSQL")
    from sqlalchemy import text
    humas = as_user("humas_a")
    bid = post(humas, "obrolan.zip", zip_bytes(extra=[("_chat.txt", CHAT)]), nip=NIP_A1).json()["id"]

    def jobs():
        with app.state.factory() as s:
            return [tuple(r) for r in s.execute(text(
                "SELECT task_name, queue_name, status, queueing_lock, lock, (args->>'batch_id')::int "
                "FROM procrastinate_jobs ORDER BY id"))]

    assert jobs() == [("rambu.import_batch", "text", "todo", f"import:{bid}", f"import:{bid}", bid)]
    with app.state.factory() as s, s.begin():
        app.state.worker.import_waiting(s, bid)  # a second upload hook or sweep while it waits: no second job
    assert len(jobs()) == 1
    screen_all(app)
    done = jobs()
    assert done[0][:3] == ("rambu.import_batch", "text", "succeeded")
    assert ("rambu.plan_batch", "text", "succeeded") in {j[:3] for j in done}
    d = humas.get(f"/api/batches/{bid}").json()
    assert d["status"] == "done" and d["screened"] == 2
    assert findings_of(app, bid) == ["whatsapp-chat-1"]


def test_on_postgresql_the_sweep_redefers_an_import_whose_job_was_lost(app, world, as_user, db_url):
    if not db_url.startswith("postgresql"):
        import pytest
        pytest.skip("the job queue runs on PostgreSQL")
    from sqlalchemy import text
    humas = as_user("humas_a")
    bid = post(humas, "obrolan.zip", zip_bytes(extra=[("_chat.txt", CHAT)]), nip=NIP_A1).json()["id"]
    with app.state.factory() as s, s.begin():  # the job failed for good (e.g. the database was down)
        s.execute(text("UPDATE procrastinate_jobs SET status = 'failed' WHERE task_name = 'rambu.import_batch'"))
    screen_all(app)  # run_once sweeps first, as the periodic task does
    assert humas.get(f"/api/batches/{bid}").json()["status"] == "done"
    assert len(lines_of(app, bid)) == 2
