"""Screening with media: what pictures, videos and audio add to the decision, and what is never silently clean."""
from __future__ import annotations

import json

import pytest

import media_factory as mf
from conftest import make_activity
from rambu.engine import Screener, screen_stream

needs_ffmpeg = pytest.mark.skipif(not mf.have_ffmpeg(), reason="ffmpeg (Debian package ffmpeg) not installed")


@pytest.fixture(scope="module")
def screener():
    return Screener()


def _post(text, path, kind="image", **kw):
    return make_activity(text, media=[{"kind": kind, "path": str(path)}], **kw)


def _rules(res):
    return {(f.rule, f.needs_review) for f in res.findings}


def _emblem_with_face():
    img = mf.emblem_on(mf.photo(seed=5), (200, 100, 560, 380))
    img.paste(mf.face(100), (335, 110))
    return img


# (name, picture maker, caption, expected decision, expected (rule, needs_review) set)
PICTURES = [
    ("meme-flag-insult", lambda: mf.meme("BENDERA INI CUMA LAP", "BUAT NGEPEL LANTAI"), "wkwk", "violation", {(5, False)}),
    ("flag-with-lap-written-on-it", lambda: mf.caption(mf.draw_flag(mf.photo(seed=3), (150, 150, 650, 480)),
                                                       "LAP DAPUR BARU", 180, 52), "hehe", "violation", {(5, False)}),
    ("flag-photo-caption-insult", lambda: mf.draw_flag(mf.photo(seed=3), (200, 150, 560, 390)),
     "kain ini cocok buat keset kaki", "review", {(5, True)}),
    ("flag-photo-ceremony", lambda: mf.draw_flag(mf.photo(seed=3), (200, 150, 560, 390)),
     "Upacara bendera pagi ini di lapangan kantor, khidmat", "clean", set()),
    ("flag-greeting-poster", lambda: mf.caption(mf.draw_flag(mf.photo(seed=4), (150, 100, 650, 430)),
                                                "DIRGAHAYU RI KE 80", 130, 48), "Merdeka!", "clean", set()),
    ("flag-with-writing", lambda: mf.caption(mf.draw_flag(mf.photo(seed=4), (150, 100, 650, 430)),
                                             "GENK MOTOR SOLO", 130, 48), "koleksi baru", "review", {(5, True)}),
    ("flag-inverted", lambda: mf.draw_flag(mf.photo(seed=5), (200, 150, 560, 390), inverted=True), "lihat ini",
     "review", {(5, True)}),
    ("emblem-with-face", lambda: _emblem_with_face(), "mantap", "review", {(5, True)}),
    ("emblem-alone", lambda: mf.emblem_on(mf.photo(seed=6), (200, 100, 560, 380)), "Garuda di dadaku", "clean", set()),
    ("faces-prison", lambda: mf.paste_faces(mf.photo(seed=1), 3), "suasana kamar hunian blok C lapas pagi ini",
     "review", {(6, True)}),
    ("faces-family", lambda: mf.paste_faces(mf.photo(seed=1), 3), "liburan bareng keluarga di pantai", "clean", set()),
    ("faces-news", lambda: mf.paste_faces(mf.photo(seed=2), 2),
     "Jakarta (ANTARA) - warga binaan lapas mengikuti pelatihan menjahit", "clean", set()),
    ("guard-schedule-poster", lambda: mf.document(["JADWAL JAGA MALAM INI", "POS ATAS KOSONG JAM 02.00"]),
     "cek", "violation", {(6, False)}),
    ("clean-meme", lambda: mf.meme("SELAMAT PAGI REKAN", "SEMANGAT MELAYANI"), "pagi", "clean", set()),
]


@pytest.mark.parametrize("name,make,text,decision,rules", PICTURES, ids=[p[0] for p in PICTURES])
def test_pictures_are_screened(screener, tmp_path, name, make, text, decision, rules):
    path = mf.save(make(), tmp_path / f"{name}.png")
    res = screener.screen(_post(text, path))
    assert (res.decision, _rules(res)) == (decision, rules), [f.explanation for f in res.findings]


def test_greeting_poster_flag_is_seen_but_not_a_finding(screener, tmp_path):
    img = mf.caption(mf.draw_flag(mf.photo(seed=4), (150, 100, 650, 430)), "DIRGAHAYU RI KE 80", 130, 48)
    d = screener.screen(_post("Merdeka!", mf.save(img, tmp_path / "p.png"))).to_dict()
    assert [r["kind"] for r in d["media"][0]["regions"]] == ["flag"] and "DIRGAHAYU" in d["media"][0]["ocr_text"]


def test_image_evidence_carries_the_box_and_the_report_its_extractors(screener, tmp_path):
    path = mf.save(mf.meme("BENDERA INI CUMA LAP", "BUAT NGEPEL LANTAI"), tmp_path / "m.png")
    d = screener.screen(_post("wkwk", path)).to_dict()
    (f,) = d["findings"]
    ev = [e for e in f["evidence"] if e["field"] == "media[0].ocr_text"][0]
    assert ev["quote"] in d["media"][0]["ocr_text"] and ev["size"] == [800, 600]
    x0, y0, x1, y1 = ev["box"]
    assert y1 < 120 and x1 - x0 > 300  # the top caption
    m = d["media"][0]
    assert m["kind"] == "image" and len(m["sha256"]) == 64
    assert {"ocr.rapidocr", "image.flag", "image.faces"} <= {x["name"] for x in m["extractors"]}
    assert all("version" in x and "seconds" in x for x in m["extractors"])


def test_target_media_of_a_share_is_screened(screener, tmp_path):
    path = mf.save(mf.meme("BENDERA INI CUMA LAP", "BUAT NGEPEL LANTAI"), tmp_path / "m.png")
    res = screener.screen(make_activity("wkwk ngakak", type="share", target={"media": [{"kind": "image", "path": str(path)}]}))
    assert any(f.rule == 5 and f.evidence[0].field.startswith("target.media[0]") for f in res.findings)


# --- never silently clean ------------------------------------------------------------------------------

def test_missing_file_is_a_review_not_a_clean(screener, tmp_path):
    res = screener.screen(_post("lihat", tmp_path / "tidak-ada.jpg"))
    assert res.decision == "review"
    (f,) = res.findings
    assert f.rule == 0 and f.needs_review and f.sanction is None and f.evidence[0].field == "media[0].path"
    assert "tidak-ada.jpg" in f.explanation and any("media[0].path" in e for e in res.errors)


def test_unreadable_file_is_a_review(screener, tmp_path):
    bad = tmp_path / "rusak.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 bukan jpeg yang utuh" * 10)
    res = screener.screen(_post("lihat", bad))
    assert res.decision == "review" and res.findings[0].rule == 0 and "rusak.jpg" in res.findings[0].explanation


def test_media_without_file_or_text_is_a_review_and_given_text_is_enough(screener):
    assert screener.screen(make_activity("lihat", media=[{"kind": "video"}])).decision == "review"
    given = make_activity("lihat", media=[{"kind": "video", "transcript": "selamat pagi semua"}])
    assert screener.screen(given).decision == "clean"


def test_media_switched_off_is_a_review():
    s = Screener(classifier=None, media=None)
    res = s.screen(_post("lihat", "gambar.jpg"))
    assert res.decision == "review" and "ekstraksi media dimatikan" in res.findings[0].explanation


@needs_ffmpeg
def test_video_with_audio_and_no_transcript_needs_review_but_a_silent_video_does_not(screener, tmp_path):
    talk = mf.clip(tmp_path / "bicara.mp4", 3, audio="tone")
    silent = mf.clip(tmp_path / "bisu.mp4", 3)
    res = screener.screen(_post("cek", talk, "video"))
    assert res.decision == "review"
    (f,) = res.findings
    assert f.rule == 0 and "transkrip tidak tersedia" in f.explanation
    assert screener.screen(_post("cek", silent, "video")).decision == "clean"
    given = make_activity("cek", media=[{"kind": "video", "path": str(talk), "transcript": "halo semua"}])
    assert screener.screen(given).decision == "clean"  # a transcript in the activity is enough


@needs_ffmpeg
def test_video_evidence_cites_the_time_range(screener, tmp_path):
    path = mf.clip(tmp_path / "v.mp4", 12, burnt=[(0, 4, "SELAMAT PAGI"), (4, 8, "JADWAL JAGA MALAM INI"),
                                                  (8, 12, "POS ATAS KOSONG JAM 02.00")])
    res = screener.screen(_post("cek", path, "video"))
    assert res.decision == "violation"
    (f,) = [f for f in res.findings if f.rule == 6]
    ev = f.evidence[0]
    assert ev.field == "media[0].ocr_text" and ev.time is not None and 3.5 <= ev.time[0] <= 5 and ev.time[1] >= 8
    assert ev.box is not None and ev.size == (640, 360)


@needs_ffmpeg
def test_sidecar_subtitles_are_screened_with_time_codes(screener, tmp_path):
    path = mf.clip(tmp_path / "klip.mp4", 8, audio="silence")
    (tmp_path / "klip.srt").write_text(mf.srt([(1, 3, "jadwal jaga malam ini"), (3, 6, "pos atas kosong jam dua")]),
                                       encoding="utf-8")
    d = screener.screen(_post("x", path, "video")).to_dict()
    (f,) = d["findings"]
    ev = f["evidence"][0]
    assert f["rule"] == 6 and ev["field"] == "media[0].transcript" and ev["time"][0] == 1.0
    assert d["media"][0]["transcript_source"] == "subtitle berkas samping klip.srt"


@needs_ffmpeg
def test_live_video_says_uniform_is_not_detected(screener, tmp_path):
    path = mf.clip(tmp_path / "live.mp4", 2)
    act = make_activity("live santai", type="live", live={"started_at": "2025-03-15T20:00:00+07:00"},
                        media=[{"kind": "video", "path": str(path)}])
    assert any("seragam" in e and "tidak dideteksi" in e for e in screener.screen(act).errors)


def test_batch_screens_media_relative_to_the_batch_file(screener, tmp_path):
    """The same path the web takes (screen_stream with the batch folder): an image named in a line is read."""
    mf.save(mf.document(["JADWAL JAGA MALAM INI", "POS ATAS KOSONG JAM 02.00"]), tmp_path / "media" / "poster.png")
    rows = [make_activity("cek", id="a", media=[{"kind": "image", "path": "media/poster.png"}]),
            make_activity("cek", id="b", media=[{"kind": "image", "path": "media/hilang.png"}])]
    data = "".join(json.dumps(r) + "\n" for r in rows).encode()
    import io
    out = list(screen_stream(screener, io.BytesIO(data), str(tmp_path), workers=1))
    assert out[0]["decision"] == "violation" and out[0]["findings"][0]["rule"] == 6
    assert out[1]["decision"] == "review" and out[1]["findings"][0]["rule"] == 0


def test_a_shared_meme_is_read_once(tmp_path):
    from rambu.media.cache import MediaCache
    from rambu.media.extractor import MediaExtractor
    from rambu.settings import default_config
    s = Screener(classifier=None, media=MediaExtractor(default_config(), cache=MediaCache(None)))
    a = mf.save(mf.meme("SELAMAT PAGI"), tmp_path / "a.png")
    b = tmp_path / "b.png"
    b.write_bytes(a.read_bytes())
    first = s.screen(_post("x", a)).to_dict()["media"][0]
    second = s.screen(_post("x", b)).to_dict()["media"][0]
    assert not first["cached"] and second["cached"] and first["sha256"] == second["sha256"]
