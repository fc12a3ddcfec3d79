"""TikTok data files of three versions (key names and cases differ) import into exactly these activities."""
from .conftest import author, src


def tt(id, type, created, archive, path, section, index, me, **kw):
    return {"id": id, "platform": "tiktok", "type": type, "author": me, "created_at": created, **kw,
            "source": src(archive, path, index, section=section)}


def test_2022_user_data_json(run_import):
    acts, report, _ = run_import("tiktok-2022")
    a, f, me = "tiktok-2022.zip", "user_data.json", author(handle="rizkyp_tt")
    v = "https://www.tiktokv.com/share/video/711000000000000000"
    assert acts == [
        tt("tiktok-post-0", "post", "2022-07-04T19:30:00+07:00", a, f, "Video/Videos/VideoList", 0, me, url=v + "4/"),
        tt("tiktok-comment-0", "comment", "2022-07-05T20:00:00+07:00", a, f, "Comment/Comments/CommentsList", 0, me,
           text="Wkwk lucu banget"),
        tt("tiktok-likelist-0", "like", "2022-07-01T21:00:00+07:00", a, f, "Activity/Like List/ItemFavoriteList", 0,
           me, target={"url": v + "1/"}),
        tt("tiktok-favoritevideos-0", "like", "2022-07-02T21:00:00+07:00", a, f,
           "Activity/Favorite Videos/FavoriteVideoList", 0, me, target={"url": v + "2/"}, reaction="favorite"),
        tt("tiktok-sharehistory-0", "share", "2022-07-03T12:00:00+07:00", a, f, "Activity/Share History/ShareHistoryList",
           0, me, target={"url": v + "3/"}, method="whatsapp"),
    ]
    assert report.issues == []


def test_2024_user_data_tiktok_json_with_live_history(run_import):
    acts, report, _ = run_import("tiktok-2024")
    a, f, me = "tiktok-2024.zip", "user_data_tiktok.json", author(handle="rizkyp_tt")
    v = "https://www.tiktokv.com/share/video/734000000000000000"
    assert acts == [
        tt("tiktok-post-0", "post", "2024-03-11T19:00:00+07:00", a, f, "Post/Posts/VideoList", 0, me,
           text="Masak bareng keluarga di rumah 🍳", url=v + "3/"),
        tt("tiktok-comment-0", "comment", "2024-03-11T21:00:00+07:00", a, f, "Comment/Comments/CommentsList", 0, me,
           text="Mantap bang, lanjutkan 🔥", target={"url": v + "4/"}),
        tt("tiktok-likelist-0", "like", "2024-03-10T22:00:00+07:00", a, f, "Your Activity/Like List/ItemFavoriteList", 0,
           me, target={"url": v + "1/"}),
        tt("tiktok-reposts-0", "repost", "2024-03-11T06:00:00+07:00", a, f, "Your Activity/Reposts/RepostList", 0, me,
           target={"url": v + "2/"}),
        # Go Live history feeds rule 7 directly: start and end; uniform unknown
        tt("tiktok-live-7345000000000000001", "live", "2024-03-12T10:00:00+07:00", a, f,
           "Tiktok Live/Go Live History/GoLiveList", 0, me, text="Live santai main game bareng",
           live={"started_at": "2024-03-12T10:00:00+07:00", "ended_at": "2024-03-12T10:45:00+07:00", "uniform": None}),
        tt("tiktok-livechat-7345000000000000009-0", "comment", "2024-03-13T20:05:00+07:00", a, f,
           "Tiktok Live/Watch Live History/WatchLiveMap/7345000000000000009", 0, me, text="Halo kak dari Semarang",
           target={"url": "https://www.tiktok.com/live/7345000000000000009"}, live_chat=True),
    ]
    assert report.issues == []


def test_2026_moved_sections_new_case_and_key_names(run_import):
    acts, report, _ = run_import("tiktok-2026", timezone="Asia/Makassar")
    a, f, me = "tiktok-2026.zip", "TikTok_Data_2026/user_data_tiktok.json", author()
    assert acts == [
        tt("tiktok-likelist-0", "like", "2026-01-20T21:00:00+08:00", a, f,
           "Likes and Favorites/Like List/ItemFavoriteList", 0, me,
           target={"url": "https://www.tiktokv.com/share/video/7590000000000000001/"}),
        tt("tiktok-live-0", "live", "2026-01-24T21:00:00+08:00", a, f, "TikTok Live/Go Live History/GoLiveList", 0,
           me, text="Nonton bola bareng",
           live={"started_at": "2026-01-24T21:00:00+08:00", "ended_at": "2026-01-24T22:30:00+08:00", "uniform": None}),
    ]
    assert report.issues == []


def test_txt_format_export_is_refused_with_a_clear_request(tmp_path):
    from rambu.importers import import_export
    d = tmp_path / "TikTok_Data"
    (d / "Activity").mkdir(parents=True)
    (d / "Activity" / "Like List.txt").write_text("Date: 2025-01-01 10:00:00\nLink: https://x\n", encoding="utf-8")
    r = import_export(str(d), nip="198901142012121003", platform="tiktok")
    assert r.activities == []
    assert any("format TXT tidak didukung" in str(i) and "format JSON" in str(i) for i in r.report.errors)


def test_a_json_that_is_not_tiktok_data_is_reported(tmp_path):
    from rambu.importers import import_export
    f = tmp_path / "user_data.json"
    f.write_text('{"nama": "bukan tiktok"}', encoding="utf-8")
    r = import_export(str(f), nip="198901142012121003")
    assert r.activities == []
    assert [str(i) for i in r.report.errors] == ["user_data.json: bukan berkas data TikTok yang dikenal; dilewati"]
