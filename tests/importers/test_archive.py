"""Hostile archives: every guard of rambu/importers/archive.py, proved on real ZIP files and folders.

Nothing here may crash an import or write outside the work folder; whatever can be read is read.
"""
import json
import os
import stat
import zipfile

import pytest

from rambu.importers import NothingToImport, import_export
from rambu.importers.archive import ArchiveError, Limits, MemberError, open_archive

NIP = "198901142012121003"
POSTS = json.dumps([{"media": [{"uri": "media/posts/1.jpg", "creation_timestamp": 1700000000,
                                "title": "Foto kegiatan"}]}])


def make_zip(path, members, compression=zipfile.ZIP_DEFLATED):
    """members: name -> bytes | str, or (ZipInfo, bytes)."""
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in members.items():
            if isinstance(data, tuple):
                info, content = data
                zf.writestr(info, content)
            else:
                zf.writestr(name, data)
    return str(path)


def run(path, tmp_path, limits=None, platform="auto"):
    work = tmp_path / "kerja"
    return import_export(str(path), nip=NIP, media_dir=str(work / "media"), out_dir=str(work), limits=limits,
                         platform=platform), work


def files_under(folder):
    return sorted(os.path.relpath(os.path.join(d, f), folder) for d, _, fs in os.walk(folder) for f in fs)


def test_zip_bomb_by_ratio_stops_that_member_and_the_rest_is_imported(tmp_path):
    z = make_zip(tmp_path / "bom.zip", {"content/posts_1.json": POSTS, "media/posts/1.jpg": b"\0" * (4 << 20)})
    r, work = run(z, tmp_path, Limits(ratio_floor=1 << 16, max_ratio=50))
    assert len(r.activities) == 1 and "media" not in r.activities[0]
    assert r.activities[0]["media_missing"] == ["media/posts/1.jpg"]
    [err] = r.report.errors
    assert err.path == "media/posts/1.jpg" and "bom zip" in err.message
    assert files_under(work / "media") == []  # the partial copy was removed


def test_total_inflated_size_limit(tmp_path):
    big = os.urandom(600_000)  # does not compress: the ratio guard stays quiet
    z = make_zip(tmp_path / "besar.zip", {"content/posts_1.json": json.dumps([
        {"media": [{"uri": "media/a.jpg", "creation_timestamp": 1700000000},
                   {"uri": "media/b.jpg", "creation_timestamp": 1700000000}], "title": "dua foto"}]),
        "media/a.jpg": big, "media/b.jpg": big})
    r, _ = run(z, tmp_path, Limits(max_total_bytes=1_000_000))
    assert r.activities[0]["media"] == [{"kind": "image", "path": "media/media/a.jpg"}]
    assert r.activities[0]["media_missing"] == ["media/b.jpg"]
    assert any("batas ukuran total" in e.message for e in r.report.errors)


def test_huge_member_declared_is_refused_and_reading_counts_real_bytes(tmp_path):
    z = make_zip(tmp_path / "h.zip", {"content/posts_1.json": POSTS, "media/posts/1.jpg": os.urandom(300_000)})
    r, _ = run(z, tmp_path, Limits(max_member_bytes=100_000))
    assert any(e.path == "media/posts/1.jpg" and "terlalu besar" in e.message for e in r.report.errors)
    with open_archive(z) as a:  # a data file read into memory has its own bound
        with pytest.raises(MemberError, match="terlalu besar untuk dibaca"):
            a.read_bytes("media/posts/1.jpg", limit=1000)


def test_too_many_members_refused_before_the_directory_is_loaded(tmp_path):
    z = make_zip(tmp_path / "banyak.zip", {f"f{i}.txt": "x" for i in range(50)})
    with pytest.raises(ArchiveError, match="terlalu banyak berkas"):
        open_archive(z, Limits(max_members=10))


@pytest.mark.parametrize("name", ["../keluar.json", "content/../../keluar.json", "/etc/passwd", "C:\\Windows\\x.json",
                                  "\\\\server\\share\\x.json", "a/\x01b.json", "x" * 2000])
def test_path_traversal_and_absolute_names_are_refused_and_never_written(tmp_path, name):
    z = make_zip(tmp_path / "jalan.zip", {"content/posts_1.json": POSTS, "media/posts/1.jpg": b"jpg", name: b"jahat"})
    r, work = run(z, tmp_path)
    assert len(r.activities) == 1  # the good part is imported
    refused = [e for e in r.report.errors if "ditolak demi keamanan" in e.message]
    assert len(refused) == 1
    assert files_under(tmp_path) == sorted(["jalan.zip", os.path.join("kerja", "media", "media", "posts", "1.jpg")])


def test_symlink_member_in_zip_is_refused(tmp_path):
    link = zipfile.ZipInfo("media/posts/1.jpg")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    z = make_zip(tmp_path / "tautan.zip", {"content/posts_1.json": POSTS, "media/posts/1.jpg": (link, "/etc/passwd")})
    r, work = run(z, tmp_path)
    assert r.activities[0]["media_missing"] == ["media/posts/1.jpg"]
    assert any("symlink" in e.message for e in r.report.errors)
    assert files_under(work) == []


def test_symlinks_in_a_folder_are_refused(tmp_path):
    secret = tmp_path / "rahasia.txt"
    secret.write_text("rahasia negara", encoding="utf-8")
    d = tmp_path / "ekspor"
    (d / "content").mkdir(parents=True)
    (d / "content" / "posts_1.json").write_text(POSTS, encoding="utf-8")
    (d / "media" / "posts").mkdir(parents=True)
    os.symlink(secret, d / "media" / "posts" / "1.jpg")
    os.symlink(tmp_path, d / "folder-luar")
    with open_archive(str(d)) as a:
        assert sorted(a.members) == ["content/posts_1.json"]
        assert sorted(r.path for r in a.refused) == ["folder-luar", "media/posts/1.jpg"]
    r, work = run(d, tmp_path)
    assert r.activities[0]["media_missing"] == ["media/posts/1.jpg"]
    assert files_under(work) == []


def test_nested_archive_is_not_opened(tmp_path):
    inner = make_zip(tmp_path / "dalam.zip", {"content/posts_1.json": POSTS})
    with open(inner, "rb") as f:
        data = f.read()
    z = make_zip(tmp_path / "luar.zip", {"instagram/dalam.zip": data, "content/posts_1.json": POSTS})
    r, _ = run(z, tmp_path)
    assert len(r.activities) == 1
    assert [(i.level, i.path) for i in r.report.issues if "arsip di dalam arsip" in i.message] == [
        ("warning", "instagram/dalam.zip")]


def test_encrypted_member_is_reported(tmp_path):
    z = make_zip(tmp_path / "sandi.zip", {"content/posts_1.json": POSTS, "media/posts/1.jpg": b"xx"})
    data = bytearray(open(z, "rb").read())
    name = b"media/posts/1.jpg"
    for sig, flag_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):  # local header, directory
        at = 0
        while (at := data.find(sig, at)) >= 0:
            if data[at + name_at:at + name_at + len(name)] == name:
                data[at + flag_at] |= 0x1  # the "encrypted" bit, as a password-protected ZIP sets it
            at += 4
    open(z, "wb").write(bytes(data))
    r, _ = run(z, tmp_path)
    assert any("terenkripsi" in e.message for e in r.report.errors)
    assert len(r.activities) == 1


def test_corrupt_member_crc_is_reported_and_the_rest_imported(tmp_path):
    z = make_zip(tmp_path / "rusak.zip", {"content/posts_1.json": POSTS, "media/posts/1.jpg": b"A" * 5000},
                 compression=zipfile.ZIP_STORED)
    data = bytearray(open(z, "rb").read())
    at = data.find(b"A" * 100)
    data[at + 10] = ord("B")  # the stored bytes no longer match the CRC
    open(z, "wb").write(bytes(data))
    r, _ = run(z, tmp_path)
    assert len(r.activities) == 1 and r.activities[0]["media_missing"] == ["media/posts/1.jpg"]
    assert any(e.path == "media/posts/1.jpg" and "rusak" in e.message for e in r.report.errors)


@pytest.mark.parametrize("content,words", [
    ('[{"media": [', "JSON rusak pada baris 1"),
    ("[" * 100_000 + "]" * 100_000, "terlalu dalam"),
    (b"\xff\xfe\x00bukan utf8", "bukan teks UTF-8"),
])
def test_malformed_json_is_reported_with_its_path(tmp_path, content, words):
    z = make_zip(tmp_path / "j.zip", {"content/posts_1.json": content,
                                      "content/stories.json": json.dumps({"ig_stories": [
                                          {"uri": "x.jpg", "creation_timestamp": 1700000000, "title": "cerita"}]})})
    r, _ = run(z, tmp_path)
    assert [a["type"] for a in r.activities] == ["story"]
    assert [(e.path, words in e.message) for e in r.report.errors] == [("content/posts_1.json", True)]


def test_extraction_never_writes_through_a_symlink_or_over_a_file(tmp_path):
    outside = tmp_path / "luar"
    outside.mkdir()
    z = make_zip(tmp_path / "a.zip", {"media/posts/1.jpg": b"foto", "media/posts/2.jpg": b"foto2"})
    work = tmp_path / "kerja"
    (work / "media").mkdir(parents=True)
    os.symlink(outside, work / "media" / "posts")  # a trap set in the work folder
    with open_archive(z) as a:
        with pytest.raises(MemberError, match="tautan"):
            a.extract("media/posts/1.jpg", str(work))
        (work / "x.jpg").write_bytes(b"ada")
        with pytest.raises(MemberError, match="sudah ada"):
            a.extract("media/posts/2.jpg", str(work), rel="x.jpg")
        with pytest.raises(ValueError):
            a.extract("media/posts/2.jpg", str(work), rel="../keluar.jpg")
    assert list(outside.iterdir()) == [] and (work / "x.jpg").read_bytes() == b"ada"


def test_duplicate_names_keep_the_first(tmp_path):
    p = tmp_path / "ganda.zip"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("content/posts_1.json", POSTS)
        with pytest.warns(UserWarning):
            zf.writestr("content/posts_1.json", "[]")
    with open_archive(str(p)) as a:
        assert a.read_text("content/posts_1.json") == POSTS
        assert [r.message for r in a.refused] == ["nama ganda dalam arsip; hanya yang pertama dibaca"]


@pytest.mark.parametrize("data,words", [
    (b"PK\x03\x04bukan zip sama sekali", "bukan arsip ZIP yang sah"),
    (b"\x1f\x8b\x08\x00tar.gz", "format arsip ini tidak didukung"),
])
def test_not_a_zip(tmp_path, data, words):
    p = tmp_path / "ekspor.zip"
    p.write_bytes(data)
    with pytest.raises(ArchiveError, match=words):
        open_archive(str(p))


def test_random_file_is_not_an_export(tmp_path):
    p = tmp_path / "acak.bin"
    p.write_bytes(os.urandom(2000))
    with pytest.raises(NothingToImport, match="tidak ditemukan ekspor"):
        run(p, tmp_path)


def test_damage_in_the_middle_of_a_file_keeps_the_records_before_it(tmp_path):
    good = {"media": [{"uri": "a.jpg", "creation_timestamp": 1700000000, "title": "pertama"}]}
    text = "[\n" + json.dumps(good) + ",\n" + json.dumps(good).replace("pertama", "kedua") + ",\n{\"media\": [\n"
    z = make_zip(tmp_path / "tengah.zip", {"content/posts_1.json": text})
    r, _ = run(z, tmp_path)
    assert [a["text"] for a in r.activities] == ["pertama", "kedua"]
    [err] = r.report.errors
    assert err.path == "content/posts_1.json" and err.message.startswith("JSON rusak pada baris 5 kolom 1")
    assert "sisa berkas ini dilewati" in err.message


@pytest.mark.parametrize("doc,records", [
    ('[1, 2, 3]', [1, 2, 3]),
    ('  []  ', []),
    ('{"comments_v2": [{"a": 1}], "lain": []}', [{"a": 1}]),
    ('{"nama": "album", "n": {"x": [9]}, "photos": [{"uri": "p"}]}', [{"uri": "p"}]),
])
def test_records_are_read_one_at_a_time(doc, records):
    from rambu.importers.base import iter_records
    assert list(iter_records(doc)) == records


@pytest.mark.parametrize("doc", ['{"tidak": "ada daftar"}', '"teks"', '{}'])
def test_documents_without_records(doc):
    from rambu.importers.base import NotAList, iter_records
    with pytest.raises(NotAList):
        list(iter_records(doc))


def test_meta_html_export_is_named_as_such(tmp_path):
    z = make_zip(tmp_path / "html.zip", {"your_instagram_activity/content/posts_1.html": "<html></html>",
                                         "start_here.html": "<html></html>"})
    with pytest.raises(NothingToImport, match="format HTML: minta unduhan data dalam format JSON"):
        run(z, tmp_path)
