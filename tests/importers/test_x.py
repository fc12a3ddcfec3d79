"""X archives (first layout, 2019; and data/ with parts, notes, deletions, Spaces) import into exactly these."""
from .conftest import author, src


def x(id, type, created, archive, path, index, me, **kw):
    return {"id": id, "platform": "x", "type": type, "author": me, "created_at": created, **kw,
            "source": src(archive, path, index)}


def test_2019_layout_retweet_and_like_without_time(run_import):
    acts, report, _ = run_import("x-2019")
    a, me = "x-2019.zip", author(handle="rizky_pas", name="Rizky P.")
    assert acts == [
        x("x-1118348353336246272", "post", "2019-04-17T10:00:00+07:00", a, "tweet.js", 0, me,
          text="Sudah mencoblos! Pemilu damai 🇮🇩 https://t.co/abc123",
          media=[{"kind": "image", "path": "media/tweet_media/1118348353336246272-D4pemilu.jpg"}],
          url="https://x.com/rizky_pas/status/1118348353336246272"),
        x("x-1118861736145846272", "repost", "2019-04-18T20:00:00+07:00", a, "tweet.js", 1, me,
          target={"author": "@akun_gosip", "text": "Katanya hasil pemilu sudah diatur dari awal, sebarkan!"},
          url="https://x.com/rizky_pas/status/1118861736145846272"),
        # like.js has no like time: the liked post's own time, from its id, and a flag saying so
        x("x-like-1117955766481846279", "like", "2019-04-16T08:00:00+07:00", a, "like.js", 0, me,
          target={"text": "Semua pendatang harus diusir dari kampung kita!",
                  "url": "https://twitter.com/akun_kebencian/status/1117955766481846279", "author": "@akun_kebencian"},
          created_at_estimated=True),
    ]
    assert report.issues == []


def test_2023_layout_parts_replies_quotes_long_tweets_deleted_spaces(run_import):
    acts, report, _ = run_import("x-2023")
    a, me = "x-2023.zip", author(handle="rizky_pas", name="Rizky Pratama")
    t, p1 = "data/tweets.js", "data/tweets-part1.js"
    long_text = ("Catatan panjang hari ini: pelayanan kunjungan keluarga berjalan tertib, antrean rapi, dan petugas "
                 "ramah. Terima kasih kepada seluruh jajaran yang sudah bekerja keras sejak pagi. Semoga pelayanan "
                 "kita terus membaik dan masyarakat merasa terbantu. Jangan lupa istirahat yang cukup, rekan-rekan!")

    def url(i):
        return f"https://x.com/rizky_pas/status/{i}"
    assert acts == [
        x("x-1664089379435446272", "post", "2023-06-01T09:00:00+07:00", a, t, 0, me,
          text="Kunjungan keluarga hari ini tertib 👍 https://t.co/Foto01",
          media=[{"kind": "image", "path": "media/data/tweets_media/1664089379435446272-FkKunjungan.jpg"}],
          url=url(1664089379435446272)),
        x("x-1664542364267446272", "post", "2023-06-02T15:00:00+07:00", a, t, 1, me,
          text="Latihan pengamanan https://t.co/Vid02",
          media=[{"kind": "video", "path": "media/data/tweets_media/1664542364267446272-AbCdEf.mp4"}],
          url=url(1664542364267446272)),
        x("x-1664799055672246272", "repost", "2023-06-03T08:00:00+07:00", a, t, 2, me,
          target={"author": "@berita_resmi", "text": "Jadwal layanan kunjungan diperpanjang sampai sore"},
          url=url(1664799055672246272)),
        x("x-1664859453649846272", "reply", "2023-06-03T12:00:00+07:00", a, t, 3, me,
          text="@warga_kritis Silakan sampaikan pengaduan lewat kanal resmi ya & terima kasih",
          target={"author": "@warga_kritis", "url": "https://x.com/warga_kritis/status/1664844354155446273"},
          url=url(1664859453649846272)),
        x("x-1664965150110646272", "post", "2023-06-03T19:00:00+07:00", a, t, 4, me,
          text="Utas soal tata tertib kunjungan (1/2)", url=url(1664965150110646272)),
        # a reply to oneself continues a thread: a post
        x("x-1664965401768886272", "post", "2023-06-03T19:01:00+07:00", a, t, 5, me,
          text="Pengunjung wajib membawa KTP asli (2/2)", url=url(1664965401768886272)),
        x("x-1665342637470646272", "repost", "2023-06-04T20:00:00+07:00", a, p1, 0, me,
          text="Ini baru berita bagus https://t.co/Quote3",
          target={"author": "@kemenkumham", "url": "https://twitter.com/kemenkumham/status/1665327537976246274"},
          url=url(1665342637470646272)),
        x("x-1665508731909046272", "post", "2023-06-05T07:00:00+07:00", a, p1, 1, me, text=long_text,
          url=url(1665508731909046272)),
        x("x-1666112711685046272", "post", "2023-06-06T23:00:00+07:00", a, "data/deleted-tweets.js", 0, me,
          text="Denah blok C dan jadwal jaga malam, jangan disebar ya", url=url(1666112711685046272),
          deleted_at="2023-06-06T23:30:00+07:00"),
        x("x-like-1664044080952246275", "like", "2023-06-01T06:00:00+07:00", a, "data/like.js", 0, me,
          target={"text": "Pancasila sudah tidak relevan, ganti saja!",
                  "url": "https://twitter.com/i/web/status/1664044080952246275"},
          created_at_estimated=True),
        x("x-space-1OdKrBnaEPXKX", "live", "2023-06-07T21:00:00+07:00", a, "data/spaces-metadata.js", 0, me,
          text="Ngobrol santai malam",
          live={"started_at": "2023-06-07T21:00:00+07:00", "ended_at": "2023-06-07T22:10:00+07:00", "uniform": None},
          url="https://x.com/i/spaces/1OdKrBnaEPXKX"),
    ]
    assert report.issues == []
    assert report.skipped == {"x: Spaces yang hanya diikuti (bukan dipandu)": 1}
