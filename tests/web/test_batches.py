"""Uploads are stored before screening; a crash mid-batch resumes without duplicates or gaps."""
import hashlib
import threading

import pytest
from sqlalchemy import func, select

from rambu.store import batches
from rambu.store.models import BatchLine, Finding

from .conftest import NIP_A1, activity, jsonl, upload_and_screen


class Crash(BaseException):
    """Like a killed process: not an error of one activity, it ends the run."""


def _upload(client, items, media=()):
    files = [("file", ("b.jsonl", items if isinstance(items, bytes) else jsonl(items), "application/x-ndjson"))]
    files += [("media", (n, c, "application/octet-stream")) for n, c in media]
    r = client.api("POST", "/api/batches", files=files)
    assert r.status_code == 201, r.text
    return r.json()


def test_stored_before_screening_and_resume_after_crash(app, world, as_user, stub):
    humas = as_user("humas_a")
    items = [activity(i, NIP_A1, "BENCI nomor %d" % i if i % 3 == 0 else "biasa %d" % i) for i in range(1, 121)]
    raw = jsonl(items)
    b = _upload(humas, raw)
    assert b["status"] == "queued" and b["total_lines"] == 120 and b["screened"] == 0
    assert b["sha256"] == hashlib.sha256(raw).hexdigest()
    # the stored lines are exactly what was received
    assert humas.get(f"/api/batches/{b['id']}/raw").content == raw
    # crash in the middle of the third chunk (chunks of 50)
    real = stub.screen
    calls = {"n": 0}

    def crashing(activity, prior_offences=0):
        calls["n"] += 1
        if calls["n"] == 113:
            raise Crash("listrik padam")
        return real(activity, prior_offences)
    stub.screen = crashing
    with pytest.raises(Crash):
        batches.screen_batch(app.state.factory, app.state.provider, b["id"])
    stub.screen = real
    mid = humas.get(f"/api/batches/{b['id']}").json()
    assert mid["status"] == "screening" and mid["screened"] == 100  # two committed chunks, the third rolled back
    with app.state.factory() as s:
        assert s.scalar(select(func.count()).select_from(Finding)) == 33
    # restart: the worker picks the unfinished batch up
    assert app.state.worker.run_once() == 1
    done = humas.get(f"/api/batches/{b['id']}").json()
    assert done["status"] == "done" and done["screened"] == 120 and done["pending"] == 0
    with app.state.factory() as s:
        rows = s.execute(select(Finding.line_no, Finding.idx)).all()
        assert len(rows) == len(set(rows)) == 40  # every third line, once each
        assert sorted(r[0] for r in rows) == list(range(3, 121, 3))
        assert s.scalar(select(func.count()).select_from(BatchLine).where(BatchLine.status == "pending")) == 0


def test_second_worker_does_not_duplicate(app, world, as_user):
    humas = as_user("humas_a")
    b = _upload(humas, [activity(i, NIP_A1, f"BENCI {i}") for i in range(1, 61)])
    w = app.state.worker
    threads = [threading.Thread(target=w.run_once) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with app.state.factory() as s:
        rows = s.execute(select(Finding.line_no)).scalars().all()
    assert sorted(rows) == list(range(1, 61))
    assert humas.get(f"/api/batches/{b['id']}").json()["status"] == "done"


def test_bad_lines_and_media_with_sha256(app, world, as_user):
    humas = as_user("humas_a")
    good = activity(1, NIP_A1, "lihat gambar", media=[{"kind": "image", "path": "media/x.jpg", "ocr_text": "BENCI"}])
    raw = jsonl([good]) + b"\n{bukan json\n" + b'{"id": "x", "type": "post", "created_at": "kemarin"}\n' + b"\xff\xfe\n"
    img = b"\x89PNG fake image bytes"
    b = _upload(humas, raw, media=[("media/x.jpg", img)])
    batches_done = app.state.worker.run_once()
    assert batches_done == 1
    d = humas.get(f"/api/batches/{b['id']}").json()
    assert d["total_lines"] == 4 and d["errors"] == 3 and d["screened"] == 4
    assert [e["line"] for e in d["line_errors"]] == [3, 4, 5]
    assert "kemarin" in d["line_errors"][1]["error"] and d["line_errors"][1]["id"] == "x"
    assert d["media"] == [{"path": "media/x.jpg", "sha256": hashlib.sha256(img).hexdigest(), "size": len(img)}]
    kep = as_user("kep")
    r = kep.get(f"/api/batches/{b['id']}/media/media/x.jpg")
    assert r.content == img and r.headers["x-content-sha256"] == hashlib.sha256(img).hexdigest()
    assert humas.get(f"/api/batches/{b['id']}/media/media/x.jpg").status_code == 403
    page = humas.get(f"/batches/{b['id']}")
    assert 'id="batch-progress"' in page.text and 'id="batch-errors"' in page.text


def test_upload_rejections(app, world, as_user):
    humas = as_user("humas_a")
    r = humas.api("POST", "/api/batches", files=[("file", ("b.jsonl", b"\n\n", "text/plain"))])
    assert r.status_code == 400 and "kosong" in r.json()["detail"]
    r = humas.api("POST", "/api/batches", files=[("file", ("b.jsonl", jsonl([activity(1, NIP_A1, "x")]), "text/plain")),
                                                 ("media", ("../../etc/passwd", b"x", "text/plain"))])
    assert r.status_code == 400
    # the page form shows progress after upload
    r = humas.post_form("/batches", files=[("file", ("b.jsonl", jsonl([activity(1, NIP_A1, "x")]), "text/plain"))])
    assert r.status_code == 303 and r.headers["location"].startswith("/batches/")


def test_upload_then_engine_versions_recorded(app, world, as_user):
    b = upload_and_screen(app, as_user("humas_a"), [activity(1, NIP_A1, "BENCI")])
    f = as_user("kep").get("/api/findings").json()["items"][0]
    full = as_user("kep").get(f"/api/findings/{f['id']}").json()
    assert full["engine"] == {"version": "test", "models": {"engine": "test", "stub": "1"}}
    assert full["detector"] == "rule2.stub@1" and b["decisions"] == {"violation": 1}
