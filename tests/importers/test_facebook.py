"""Facebook exports (before and since 2024) import into exactly these activities."""
from .conftest import author, src

ME = author(name="Rizky Pratama")


def fb(id, type, created, archive, path, index, **kw):
    return {"id": id, "platform": "facebook", "type": type, "author": ME, "created_at": created, **kw,
            "source": src(archive, path, index)}


def test_before_2024_posts_share_comment_reaction(run_import):
    acts, report, _ = run_import("facebook-2021")
    a, w = "facebook-2021.zip", "facebook-rizkypratama-2021/"
    assert acts == [
        fb("facebook-your_posts_1-0", "post", "2021-08-17T08:30:00+07:00", a, w + "posts/your_posts_1.json", 0,
           text="Dirgahayu Republik Indonesia ke-76! 🇮🇩", context="Rizky Pratama memperbarui statusnya."),
        fb("facebook-your_posts_1-1", "share", "2021-08-18T19:00:00+07:00", a, w + "posts/your_posts_1.json", 1,
           text="Baca ini, penting!",
           target={"url": "https://contoh-berita.example/vaksin-chip", "text": "Vaksin berisi chip pelacak, kata pakar"},
           context="Rizky Pratama membagikan tautan."),
        fb("facebook-comments-0", "comment", "2021-08-18T20:00:00+07:00", a, w + "comments/comments.json", 0,
           text="Hati-hati hoaks ya…", context="Rizky Pratama mengomentari kiriman Siti."),
        fb("facebook-posts_and_comments-0", "dislike", "2021-08-18T21:00:00+07:00", a,
           w + "likes_and_reactions/posts_and_comments.json", 0, reaction="ANGRY",
           context="Rizky Pratama menanggapi kiriman Budi."),
    ]
    assert report.issues == []
    assert report.skipped == {"facebook: entri tanpa isi (check-in, peristiwa hidup)": 1}


def test_since_2024_media_groups_both_reaction_formats_and_no_duplicate_video(run_import):
    acts, report, _ = run_import("facebook-2024")
    a, w = "facebook-2024.zip", "facebook-rizkypratama-2024/"
    act = w + "your_facebook_activity/"
    posts = act + "posts/your_posts__check_ins__photos_and_videos_1.json"
    media = "media/" + act + "posts/media/"
    assert acts == [
        fb("facebook-your_posts__check_ins__photos_and_videos_1-0", "post", "2024-05-02T10:15:00+07:00", a, posts, 0,
           text="Hari Pendidikan Nasional: belajar tak kenal usia 📚",
           media=[{"kind": "image", "path": media + "Timeline/hardiknas.jpg"}],
           context="Rizky Pratama memperbarui statusnya."),
        fb("facebook-your_posts__check_ins__photos_and_videos_1-1", "post", "2024-05-03T20:00:00+07:00", a, posts, 1,
           text="Makan malam bersama keluarga ❤️", media=[{"kind": "image", "path": media + "Timeline/keluarga.jpg"}],
           context="Rizky Pratama menambahkan foto baru."),
        fb("facebook-your_comments_in_groups-0", "comment", "2024-05-06T13:00:00+07:00", a,
           act + "groups/your_comments_in_groups.json", 0, text="Info jadwal jaga minggu depan ada?",
           group="Alumni Poltekip", in_group=True,
           context="Rizky Pratama mengomentari kiriman di Alumni Poltekip."),
        fb("facebook-comments-0", "comment", "2024-05-04T21:00:00+07:00", a,
           act + "comments_and_reactions/comments.json", 0,
           text="Pemerintah memang tidak becus, bubarkan saja! 😡",
           context="Rizky Pratama mengomentari kiriman Budi Santoso."),
        fb("facebook-likes_and_reactions-0", "like", "2024-05-05T09:00:00+07:00", a,
           act + "comments_and_reactions/likes_and_reactions.json", 0,
           target={"url": "https://www.facebook.com/akun.contoh/posts/555", "author": "Akun Contoh"}, reaction="LIKE"),
        fb("facebook-likes_and_reactions_1-0", "love", "2024-05-05T08:00:00+07:00", a,
           act + "comments_and_reactions/likes_and_reactions_1.json", 0, reaction="LOVE",
           context="Rizky Pratama menyukai kiriman Siti Rahma."),
        fb("facebook-your_videos-1", "post", "2024-05-04T16:00:00+07:00", a, act + "posts/your_videos.json", 1,
           text="Lomba tarik tambang antarblok", media=[{"kind": "video", "path": media + "videos/lomba.mp4"}]),
    ]
    assert report.issues == []  # security_and_login_information is known and not read
    assert report.skipped == {"facebook: foto/video yang sudah termasuk kiriman": 1}
