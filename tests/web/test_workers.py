"""Two `rambu worker` processes screen a batch on PostgreSQL; one is killed (SIGKILL) in the middle of a chunk.
Every activity ends screened exactly once, no finding is stored twice, and the audit chain is valid."""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text

from rambu.store import audit, config
from rambu.store.access import SYSTEM
from rambu.store.models import Batch, BatchLine, Finding, ScreenResult
from rambu.web.app import create_app

from .conftest import NIP_A1, activity, jsonl, login

PARAGRAPH = ("Hari ke-{i}: apel pagi di lapas berjalan tertib, warga binaan mengikuti pelatihan menjahit dan las, "
             "petugas memeriksa titipan barang keluarga di pintu depan. ")
HOSTILE = "Dasar kafir, usir cina dari negeri ini!!"


def _worker(url: str, name: str) -> subprocess.Popen:
    # the log goes to a file: a pipe nobody reads fills up and blocks the worker's next log line
    log = tempfile.NamedTemporaryFile(prefix=f"rambu-worker-{name}-", suffix=".log", delete=False)
    p = subprocess.Popen([sys.executable, "-m", "rambu.cli", "worker", "--database", url, "--name", name],
                         stdout=subprocess.DEVNULL, stderr=log, env=dict(os.environ))
    p.log_path = log.name
    log.close()
    return p


def _wait(cond, timeout: float, what: str):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        got = cond()
        if got:
            return got
        time.sleep(0.2)
    raise AssertionError(f"menunggu terlalu lama: {what}")


def test_two_workers_one_killed_mid_chunk(db_url, world):
    if not db_url.startswith("postgresql"):
        pytest.skip("the job queue runs on PostgreSQL")
    app = create_app(db_url, start_worker=False)  # the real engine, in the workers too
    with TestClient(app):
        pass
    factory = app.state.factory
    with factory() as s:
        config.update_settings(s, SYSTEM, {"jobs.stalled_after_seconds": 12, "batch.screen_chunk": 20})
        s.commit()
    # distinct posts with a long picture text, so that one chunk takes a while; every fifth caption is hateful
    items = [activity(i, NIP_A1, HOSTILE if i % 5 == 0 else f"Laporan kegiatan hari ke-{i}",
                      media=[{"kind": "image", "ocr_text": "".join(PARAGRAPH.format(i=i * 100 + k) for k in range(25))}])
             for i in range(1, 201)]
    humas = login(app, "humas_a")
    r = humas.api("POST", "/api/batches", files=[("file", ("b.jsonl", jsonl(items), "application/x-ndjson"))])
    assert r.status_code == 201, r.text
    batch_id = r.json()["id"]

    procs = []
    try:
        procs.append(_worker(db_url, "a"))
        with factory() as s:
            first = _wait(lambda: s.execute(text("SELECT min(id) FROM procrastinate_workers")).scalar(), 60,
                          "pekerja a terdaftar")
        procs.append(_worker(db_url, "b"))

        def a_mid_chunk():
            with factory() as s:
                job = s.execute(text(  # a chunk of 20 long posts takes over a second: just begun = mid-chunk
                    "SELECT id FROM procrastinate_jobs j WHERE task_name = 'rambu.screen_chunk' AND status = 'doing' "
                    "AND worker_id = :w AND (SELECT max(at) FROM procrastinate_events e WHERE e.job_id = j.id "
                    "AND e.type = 'started') > now() - interval '0.3 seconds'"), {"w": first}).scalar()
                done = s.scalar(select(func.count()).select_from(BatchLine)
                                .where(BatchLine.batch_id == batch_id, BatchLine.status != "pending"))
                return job if job and done >= 20 else None
        _wait(a_mid_chunk, 120, "pekerja a baru mulai menyaring potongan kedua atau berikutnya")
        procs[0].send_signal(signal.SIGKILL)
        procs[0].wait(10)
        with factory() as s:  # what it was doing when it died stays "doing" until retried
            killed = [j for (j,) in s.execute(text("SELECT id FROM procrastinate_jobs WHERE status = 'doing' "
                                                   "AND task_name = 'rambu.screen_chunk' AND worker_id = :w"),
                                              {"w": first})]
        assert killed, "pekerja a dihentikan di antara dua pekerjaan"
        killed_job = killed[0]

        def finished():
            with factory() as s:
                return s.scalar(select(Batch.status).where(Batch.id == batch_id)) == "done"
        try:
            _wait(finished, 240, "batch selesai oleh pekerja b setelah pekerjaan macet dicoba ulang")
        except AssertionError:
            with factory() as s:
                jobs = s.execute(text("SELECT id, task_name, status, attempts, worker_id, args FROM procrastinate_jobs "
                                      "ORDER BY id")).all()
            procs[1].send_signal(signal.SIGTERM)
            procs[1].wait(30)
            with open(procs[1].log_path, encoding="utf-8", errors="replace") as f:
                err = f.read()[-3000:]
            raise AssertionError(f"jobs: {jobs}\nworker b: {err}")
        with factory() as s:
            events = [e for (e,) in s.execute(text("SELECT type FROM procrastinate_events WHERE job_id = :j "
                                                   "ORDER BY id"), {"j": killed_job})]
        assert "deferred_for_retry" in [str(e) for e in events]  # the stalled job was retried, not lost

        with factory() as s:
            lines = s.execute(select(BatchLine.line_no, BatchLine.status).where(BatchLine.batch_id == batch_id)).all()
            assert len(lines) == 200 and {st for _, st in lines} == {"done"}
            per_line = dict(s.execute(select(ScreenResult.line_no, func.count()).where(ScreenResult.batch_id == batch_id)
                                      .group_by(ScreenResult.line_no)).all())
            assert per_line == {n: 1 for n, _ in lines}  # screened exactly once
            rows = s.execute(select(Finding.line_no, Finding.rule, Finding.idx).where(Finding.batch_id == batch_id)).all()
            assert len(rows) == len(set(rows)) and len({(n, r) for n, r, _ in rows}) == len(rows)
            expected = sum(len(json.loads(json.dumps(r))["findings"]) for r in s.scalars(
                select(BatchLine.result).where(BatchLine.batch_id == batch_id)))
            assert len(rows) == expected and {n for n, _, _ in rows} >= set(range(5, 201, 5))
            assert audit.verify(s).ok
            screened = s.scalar(select(func.count()).select_from(audit.AuditEntry)
                                .where(audit.AuditEntry.action == "batch.screened",
                                       audit.AuditEntry.object_id == str(batch_id)))
            assert screened == 1
        check = subprocess.run([sys.executable, "-m", "rambu.cli", "worker", "--check", "--database", db_url],
                               capture_output=True, text=True, timeout=60)
        rep = json.loads(check.stdout)
        assert check.returncode == 0, rep["problems"]
        assert not rep["stalled"] and not rep["failed"]
        assert any(w["alive"] for w in rep["workers"]) and any(not w["alive"] for w in rep["workers"])
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(20)
                except subprocess.TimeoutExpired:
                    p.kill()
        app.state.engine.dispose()
