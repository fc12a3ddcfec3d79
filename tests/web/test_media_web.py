"""Media on the web with the real engine: batch media screened as on the command line, evidence drawn on the
picture or shown on the video frame, the draft check accepting video and audio."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import media_factory as mf  # noqa: E402
from rambu.engine import Screener  # noqa: E402
from rambu.contract.activity import parse_activity  # noqa: E402

from .conftest import NIP_A1, activity, upload_and_screen  # noqa: E402

needs_ffmpeg = pytest.mark.skipif(not mf.have_ffmpeg(), reason="ffmpeg (Debian package ffmpeg) not installed")


@pytest.fixture(scope="module")
def engine():
    return Screener(classifier=None)


@pytest.fixture
def stub(engine):
    """The app of these tests screens with the real engine (the other web tests use a stand-in)."""
    return engine


def _png(img) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def test_batch_media_are_screened_as_on_the_command_line(app, world, as_user, engine, tmp_path):
    poster = _png(mf.document(["JADWAL JAGA MALAM INI", "POS ATAS KOSONG JAM 02.00"]))
    items = [activity(1, NIP_A1, "cek", media=[{"kind": "image", "path": "media/poster.png"}]),
             activity(2, NIP_A1, "lihat", media=[{"kind": "image", "path": "media/hilang.png"}])]
    humas = as_user("humas_a")
    b = upload_and_screen(app, humas, items, media=[("media/poster.png", poster)])
    kep = as_user("kep")
    found = kep.get(f"/api/findings?batch_id={b['id']}&status=all").json()["items"]
    by_activity = {f["activity_id"]: f for f in found}
    assert by_activity["a-1"]["rule"] == 6 and not by_activity["a-1"]["needs_review"]
    assert by_activity["a-2"]["rule"] == 0 and by_activity["a-2"]["needs_review"]  # missing: a review, not clean
    # an unexamined medium is not a suspected violation: it cannot be confirmed, only checked and dismissed
    r = kep.api("POST", f"/api/findings/{by_activity['a-2']['id']}/review",
                json={"verdict": "confirm", "reason": "cek manual"})
    assert r.status_code == 400 and "media belum terperiksa" in r.json()["detail"]
    r = kep.api("POST", f"/api/findings/{by_activity['a-2']['id']}/review",
                json={"verdict": "dismiss", "reason": "gambar diperiksa manual: aman"})
    assert r.status_code == 200
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "poster.png").write_bytes(poster)
    cli = engine.screen(parse_activity(items[0], str(tmp_path)))
    assert cli.decision == "violation" and [f.rule for f in cli.findings] == [6]

    page = kep.get(f"/findings/{by_activity['a-1']['id']}")
    assert page.status_code == 200
    assert f'src="/api/batches/{b["id"]}/media/media/poster.png"' in page.text and 'class="evidence-box"' in page.text
    d = kep.get(f"/api/findings/{by_activity['a-1']['id']}").json()
    (v,) = d["visuals"]
    assert v["box"][1] < 30 and v["src"].endswith("media/poster.png")  # the box of the first lines, in per cent
    assert "Media belum terperiksa" in kep.get(f"/findings/{by_activity['a-2']['id']}").text


@needs_ffmpeg
def test_video_evidence_shows_the_frame_at_the_cited_time(app, world, as_user, tmp_path):
    clip = mf.clip(tmp_path / "v.mp4", 8, burnt=[(0, 4, "SELAMAT PAGI"), (4, 8, "JADWAL JAGA MALAM INI POS ATAS KOSONG")])
    items = [activity(1, NIP_A1, "cek", media=[{"kind": "video", "path": "klip.mp4"}])]
    b = upload_and_screen(app, as_user("humas_a"), items, media=[("klip.mp4", clip.read_bytes())])
    kep = as_user("kep")
    (f,) = [f for f in kep.get(f"/api/findings?batch_id={b['id']}&status=all").json()["items"] if f["rule"] == 6]
    (v,) = kep.get(f"/api/findings/{f['id']}").json()["visuals"]
    assert v["time"].startswith("00:0") and "/frame/klip.mp4?t=" in v["src"]
    r = kep.get(v["src"])
    assert r.status_code == 200 and r.headers["content-type"] == "image/jpeg" and r.content[:2] == b"\xff\xd8"
    assert as_user("humas_a").get(v["src"]).status_code == 403  # media are for reviewers
    assert kep.get(f"/api/batches/{b['id']}/frame/klip.mp4?t=999").status_code == 404


@needs_ffmpeg
def test_draft_check_accepts_video_and_audio(app, world, as_user, tmp_path):
    c = as_user("humas_a")
    clip = mf.clip(tmp_path / "v.mp4", 6, burnt=[(0, 6, "JADWAL JAGA MALAM INI POS ATAS KOSONG")])
    r = c.api("POST", "/api/check", data={"text": ""}, files={"image": ("reel.mp4", clip.read_bytes(), "video/mp4")})
    d = r.json()
    assert r.status_code == 200 and d["media"]["kind"] == "video" and d["result"]["decision"] == "violation"
    ev = d["result"]["findings"][0]["evidence"][0]
    assert ev["field"] == "media[0].ocr_text" and ev["time"] and d["visuals"][0]["time"]
    wav = tmp_path / "a.wav"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=300:duration=2", str(wav)], check=True)
    r = c.api("POST", "/api/check", data={"text": "dengar"}, files={"image": ("pesan.wav", wav.read_bytes(), "audio/wav")})
    d = r.json()
    assert d["result"]["decision"] == "review"  # no speech model: never a green "BERSIH"
    assert d["result"]["findings"][0]["rule"] == 0 and "transkrip tidak tersedia" in d["result"]["findings"][0]["explanation"]
    page = c.post_form("/check", {"text": "dengar"}, files={"image": ("pesan.wav", wav.read_bytes(), "audio/wav")})
    assert "PERLU TINJAUAN" in page.text and "BERSIH" not in page.text


def test_draft_check_draws_the_box_on_the_uploaded_picture(app, world, as_user):
    c = as_user("humas_a")
    meme = _png(mf.meme("BENDERA INI CUMA LAP", "BUAT NGEPEL LANTAI"))
    page = c.post_form("/check", {"text": "wkwk"}, files={"image": ("meme.png", meme, "image/png")})
    assert page.status_code == 200 and 'src="data:image;base64,' in page.text and 'class="evidence-box"' in page.text
    assert "BENDERA INI CUMA LAP" in page.text  # the text read from the picture is shown
