"""YouTube in Google Takeout: comment and live-chat CSVs of two generations, localised names, old HTML pages."""
import pytest

from rambu.importers.youtube import segments_text

from .conftest import author, src


def yt(id, type, created, archive, path, index, line=None, **kw):
    s = src(archive, path, index) if line is None else src(archive, path, index, line=line)
    return {"id": id, "platform": "youtube", "type": type, "author": author(), "created_at": created, **kw, "source": s}


def test_takeout_2023_takeout_segments(run_import):
    acts, report, _ = run_import("youtube-2023")
    a, y = "youtube-2023.zip", "Takeout/YouTube and YouTube Music/"
    v = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert acts == [
        yt("youtube-UgxKomentar01AaABAg", "comment", "2023-09-19T20:00:00+07:00", a, y + "comments/comments.csv", 0, 2,
           text="Videonya bagus, informatif sekali", target={"url": v}, url=v + "&lc=UgxKomentar01AaABAg"),
        yt("youtube-UgxBalasan02AaABAg.9abc", "reply", "2023-09-20T21:00:00+07:00", a, y + "comments/comments.csv", 1,
           3, text="Saya tidak setuju, \"itu\" hoaks\nCek dulu sumbernya", target={"url": v + "&lc=UgxInduk03AaABAg"},
           url=v + "&lc=UgxBalasan02AaABAg.9abc"),
        yt("youtube-live-ChatLive01", "comment", "2023-09-21T19:30:00+07:00", a, y + "live chats/live chats.csv", 0, 2,
           text="Salam dari Semarang!", target={"url": "https://www.youtube.com/watch?v=LiveVid0001"}, live_chat=True),
    ]
    assert report.issues == []  # watch history and subscriptions are Takeout tables, not activities


def test_takeout_2024_new_columns_localised_names_split_files(run_import):
    acts, report, _ = run_import("youtube-2024")
    a, y = "youtube-2024.zip", "Takeout/YouTube dan YouTube Music/komentar/"
    v = "https://www.youtube.com/watch?v=abcdefghijk"
    assert acts == [
        yt("youtube-UgyBaru01", "comment", "2024-08-01T20:00:00+07:00", a, y + "komentar.csv", 0, 2,
           text="Mantap @kanal_resmi terima kasih infonya", target={"url": v}, url=v + "&lc=UgyBaru01"),
        yt("youtube-UgyPost02", "comment", "2024-08-02T20:00:00+07:00", a, y + "komentar.csv", 1, 3,
           text="Selamat Hari Bakti!", target={"url": "https://www.youtube.com/post/UgkxPostingan"}),
        yt("youtube-UgyLokal03", "reply", "2024-08-03T20:00:00+07:00", a, y + "komentar(1).csv", 0, 2,
           text="Setuju, lanjutkan!", target={"url": v + "&lc=UgyInduk04"}, url=v + "&lc=UgyLokal03"),
    ]
    assert [(i.level, i.path) for i in report.issues] == [("error", y + "komentar(2).csv")]


def test_takeout_2020_html_pages(run_import):
    acts, report, _ = run_import("youtube-2020")
    a, y = "youtube-2020.zip", "Takeout/YouTube and YouTube Music/"
    assert acts == [
        yt("youtube-my-comments-0", "comment", "2020-04-27T20:18:23+07:00", a, y + "my-comments/my-comments.html", 0,
           text="Konten edukatif, terima kasih & sukses", target={"url": "http://www.youtube.com/watch?v=Aaaaaaaaaa1"}),
        yt("youtube-my-comments-1", "comment", "2020-04-28T21:00:00+07:00", a, y + "my-comments/my-comments.html", 1,
           text="Baris satu\nbaris dua", target={"url": "http://www.youtube.com/watch?v=Bbbbbbbbbb2"}),
        yt("youtube-my-live-chat-messages-0", "comment", "2020-05-01T19:00:00+07:00", a,
           y + "my-live-chat-messages/my-live-chat-messages.html", 0, text="Hadir!",
           target={"url": "http://www.youtube.com/watch?v=Cccccccccc3"}, live_chat=True),
    ]
    assert report.issues == []


@pytest.mark.parametrize("cell,text", [
    ('{"takeoutSegments":[{"text":"halo"},{"text":" dunia"}]}', "halo dunia"),
    ('{"text":"baris 1"},{"text":"\\n"},{"text":"baris 2"}', "baris 1\nbaris 2"),
    ('{"text":"tautan "},{"text":"https://contoh.example","link":{"linkUrl":"https://contoh.example"}}',
     "tautan https://contoh.example"),
    ("teks biasa tanpa JSON", "teks biasa tanpa JSON"),
    ('{"text": rusak', '{"text": rusak'),  # damaged JSON: the cell as written, nothing lost
    ("", None),
])
def test_text_cells(cell, text):
    assert segments_text(cell) == text
