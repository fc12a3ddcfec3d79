"""`rambu import` as a user runs it: a real process, a real archive, then `rambu check` on what it wrote."""
import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import FIXTURES, NIP, zip_folder

ROOT = Path(__file__).resolve().parents[2]
MIXED = (("instagram-2024", "instagram/"), ("facebook-2024", "facebook/"), ("x-2023", "x/"),
         ("tiktok-2024", "tiktok/"), ("youtube-2023", "youtube/"), ("whatsapp-android-id", "whatsapp/"))


def rambu(*args, cwd=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "rambu.cli", *map(str, args)], capture_output=True, cwd=cwd,
                          env=env, timeout=600)


def mixed_zip(dest: Path) -> Path:
    import zipfile
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for fixture, prefix in MIXED:
            part = zip_folder(FIXTURES / fixture, dest.parent / f"{fixture}.part.zip", prefix)
            with zipfile.ZipFile(part) as p:
                for info in p.infolist():
                    zf.writestr(info, p.read(info))
            part.unlink()
    return dest


def test_import_mixed_archive_then_check_with_the_real_engine(tmp_path):
    archive = mixed_zip(tmp_path / "campuran.zip")
    staff = tmp_path / "staff.json"
    staff.write_text(json.dumps([{"nip": NIP, "name": "Rizky Pratama", "unit": "Lapas Semarang",
                                  "timezone": "Asia/Jakarta", "schedule": "office"}]), encoding="utf-8")
    out = tmp_path / "hasil" / "aktivitas.jsonl"
    out.parent.mkdir()
    p = rambu("import", "auto", archive, "--nip", NIP, "--staff", staff, "--output", out)
    assert p.returncode == 0, p.stderr.decode()
    err = p.stderr.decode()
    assert "campuran.zip: 41 aktivitas (facebook 7, instagram 6, tiktok 6, whatsapp 8, x 11, youtube 3)" in err
    assert "peringatan: campuran.zip:instagram/catatan_pribadi.json: berkas tidak dikenali" in err
    acts = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(acts) == 41 and len({a["id"] for a in acts}) == 41
    for a in acts:  # media next to the output, paths relative to it
        for m in a.get("media", []):
            assert m["path"].startswith("aktivitas-media/") and (out.parent / m["path"]).is_file()
    c = rambu("check", out, "--staff", staff)
    assert c.returncode == 0, c.stderr.decode()
    results = {r["id"]: r for r in map(json.loads, c.stdout.decode().splitlines())}
    assert set(results) == {a["id"] for a in acts}
    live = results["tiktok-live-7345000000000000001"]  # Tuesday 10:00 WIB, in office hours, a game stream
    assert 7 in {f["rule"] for f in live["findings"]}


def test_exit_codes_and_messages(tmp_path):
    ig = zip_folder(FIXTURES / "instagram-2025", tmp_path / "ig.zip")
    p = rambu("import", "instagram", ig, "--nip", NIP, "-o", tmp_path / "a.jsonl")
    assert p.returncode == 1  # a damaged file inside: reported, the rest written
    assert "ig.zip:your_instagram_activity/comments/post_comments_2.json: JSON rusak" in p.stderr.decode()
    assert len((tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()) == 5
    p = rambu("import", "instagram", ig, "--nip", NIP, "-o", tmp_path / "a.jsonl")
    assert p.returncode == 2 and "sudah berisi berkas" in p.stderr.decode()  # never overwrites media
    p = rambu("import", "auto", ig, "--nip", "123")
    assert p.returncode == 2 and "--nip harus 18 digit" in p.stderr.decode()
    p = rambu("import", "auto", ig, "--nip", NIP, "--timezone", "Mars/Olympus")
    assert p.returncode == 2 and "zona waktu tidak dikenal" in p.stderr.decode()
    p = rambu("import", "facebook", tmp_path / "tidak-ada.zip", "--nip", NIP)
    assert p.returncode == 2 and "berkas tidak ditemukan" in p.stderr.decode()
    (tmp_path / "catatan.txt").write_text("bukan ekspor", encoding="utf-8")
    p = rambu("import", "auto", tmp_path / "catatan.txt", "--nip", NIP, cwd=tmp_path)
    assert p.returncode == 2 and "tidak ditemukan ekspor" in p.stderr.decode()
    assert not (tmp_path / "catatan-media").exists()


def test_whatsapp_to_standard_output_media_beside_the_working_folder(tmp_path):
    p = rambu("import", "whatsapp", FIXTURES / "whatsapp-ios-en", "--nip", NIP, "--sender", "Rizky Pratama",
              "--timezone", "Asia/Jayapura", cwd=tmp_path)
    assert p.returncode == 0, p.stderr.decode()
    acts = [json.loads(line) for line in p.stdout.decode().splitlines()]
    assert [a["created_at"] for a in acts][:1] == ["2025-01-12T09:02:15+09:00"]
    photo = acts[1]["media"][0]["path"]
    assert photo == "whatsapp-ios-en-media/00000012-PHOTO-2025-01-12-09-03-00.jpg" and (tmp_path / photo).is_file()
