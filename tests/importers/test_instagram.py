"""Instagram exports of three layouts import into exactly these activities."""
from .conftest import author, src

ME = author(handle="rizky.pas", name="Rizky Pratama")


def ig(id, type, created, archive, path, index, **kw):
    return {"id": id, "platform": "instagram", "type": type, "author": kw.pop("author", ME), "created_at": created,
            **kw, "source": src(archive, path, index)}


def test_2022_layout(run_import):
    acts, report, out = run_import("instagram-2022")
    a = "instagram-2022.zip"
    assert acts == [
        ig("instagram-posts_1-0", "post", "2022-03-14T07:45:00+07:00", a, "content/posts_1.json", 0,
           text="Apel pagi bersama rekan-rekan 🙏 Semangat melayani!",
           media=[{"kind": "image", "path": "media/media/posts/202203/kegiatan_pagi.jpg"}]),
        ig("instagram-posts_1-1", "post", "2022-03-20T09:00:00+07:00", a, "content/posts_1.json", 1,
           text="Bakti sosial di panti asuhan — terima kasih semua relawan",
           media=[{"kind": "image", "path": "media/media/posts/202203/bakti_1.jpg"},
                  {"kind": "image", "path": "media/media/posts/202203/bakti_2.jpg"}]),
        ig("instagram-stories-0", "story", "2022-03-15T17:10:00+07:00", a, "content/stories.json", 0,
           text="Sore yang cerah ☀️", media=[{"kind": "image", "path": "media/media/stories/202203/cerita_sore.jpg"}]),
        ig("instagram-liked_posts-0", "like", "2022-03-16T21:30:00+07:00", a, "likes/liked_posts.json", 0,
           target={"url": "https://www.instagram.com/p/CbPalsu001/", "author": "akun_berita_palsu"}),
        ig("instagram-post_comments-0", "comment", "2022-03-17T12:05:00+07:00", a, "comments/post_comments.json", 0,
           text="Setuju banget, mantap 👏", target={"author": "teman_lama"}),
    ]
    assert report.issues == []
    # media are real copies inside the work folder, byte for byte
    from .conftest import FIXTURES
    copied = out / "media" / "media/posts/202203/bakti_2.jpg"
    assert copied.read_bytes() == (FIXTURES / "instagram-2022/media/posts/202203/bakti_2.jpg").read_bytes()


def test_2024_layout_reels_archived_and_missing_media(run_import):
    acts, report, _ = run_import("instagram-2024")
    a = "instagram-2024.zip"
    act = "your_instagram_activity/"
    assert acts == [
        ig("instagram-posts_1-0", "post", "2024-02-17T08:00:00+07:00", a, act + "content/posts_1.json", 0,
           text="Upacara 17-an di halaman kantor. “Merdeka!” 🇮🇩",
           media=[{"kind": "image", "path": "media/media/posts/202402/upacara.jpg"}]),
        ig("instagram-reels-0", "post", "2024-02-23T06:30:00+07:00", a, act + "content/reels.json", 0,
           text="Senam Jumat pagi 💪", media=[{"kind": "video", "path": "media/media/reels/202402/senam.mp4"}]),
        ig("instagram-archived_posts-0", "post", "2024-01-05T19:00:00+07:00", a, act + "content/archived_posts.json", 0,
           text="Foto lama, disimpan saja", archived=True, media_missing=["media/archived_posts/202401/lama.jpg"]),
        ig("instagram-liked_posts-0", "like", "2024-02-18T22:10:00+07:00", a, act + "likes/liked_posts.json", 0,
           target={"url": "https://www.instagram.com/p/CxInfo002/", "author": "info_lapas_terkini"}),
        ig("instagram-post_comments_1-0", "comment", "2024-02-19T10:20:00+07:00", a,
           act + "comments/post_comments_1.json", 0, text="Selamat bertugas, Pak! 🙏", target={"author": "kanwil_jateng"}),
        ig("instagram-reels_comments-0", "comment", "2024-02-24T07:00:00+07:00", a, act + "comments/reels_comments.json",
           0, text="Kerennn", target={"author": "senam_sehat"}),
    ]
    assert [str(i) for i in report.issues] == [
        "media/archived_posts/202401/lama.jpg: berkas media yang disebut ekspor tidak ada di arsip",
        "catatan_pribadi.json: berkas tidak dikenali; tidak diimpor"]
    assert report.errors == []  # messages (known, private) are not reported


def test_2025_layout_label_values_localised_labels_and_damaged_file(run_import):
    acts, report, _ = run_import("instagram-2025")
    a = "instagram-2025.zip"
    act = "your_instagram_activity/"
    me = author()  # this export has no personal_information file
    assert acts == [
        ig("instagram-posts_1-0", "post", "2025-01-13T14:00:00+07:00", a, act + "media/posts_1.json", 0, author=me,
           text="Rapat koordinasi—tetap semangat 😊",
           media=[{"kind": "image", "path": "media/media/posts/202501/rapat.jpg"}]),
        ig("instagram-posts_1-1", "post", "2025-01-14T21:00:00+07:00", a, act + "media/posts_1.json", 1, author=me,
           media=[{"kind": "image", "path": "media/media/posts/202501/malam.jpg"}]),
        ig("instagram-stories-0", "story", "2025-01-15T06:45:00+07:00", a, act + "media/stories.json", 0, author=me,
           media=[{"kind": "image", "path": "media/media/stories/202501/kopi.jpg"}]),
        ig("instagram-liked_posts-0", "like", "2025-01-16T20:00:00+07:00", a, act + "likes/liked_posts.json", 0,
           author=me, target={"url": "https://www.instagram.com/p/DaSara003/", "author": "akun_provokator"}),
        ig("instagram-post_comments_1-0", "comment", "2025-01-16T20:05:00+07:00", a,
           act + "comments/post_comments_1.json", 0, author=me, text="Benar sekali, sebarkan! 🔥",
           target={"author": "akun_provokator"}),
    ]
    assert [(i.level, i.path) for i in report.issues] == [("error", act + "comments/post_comments_2.json")]
    assert "JSON rusak pada baris 1" in report.issues[0].message


def test_folder_and_zip_give_the_same_activities_apart_from_the_archive_name(run_import):
    zipped, _, _ = run_import("instagram-2022")
    folder, _, _ = run_import("instagram-2022", as_zip=False)
    for a in folder:
        assert a["source"]["archive"] == "instagram-2022"
        a["source"]["archive"] = "instagram-2022.zip"
    assert folder == zipped
