"""WhatsApp chat exports: Android and iOS, Indonesian and English, forwards, attachments, markers, time zones."""
import json

import pytest

from rambu.importers.whatsapp import parse_lines, to_datetime, _day_first

from .conftest import author, src

ME = author(name="Rizky Pratama")
HOAX = ("Info A1: mulai besok semua warga wajib daftar ulang KTP di kelurahan, kalau tidak datanya dihapus. "
        "Sebarkan ke grup lain!")


def wa(id, type, created, archive, path, index, line, **kw):
    return {"id": id, "platform": "whatsapp", "type": type, "author": kw.pop("author", ME), "created_at": created,
            **kw, "source": src(archive, path, index, line=line)}


def test_android_indonesian_group(run_import):
    acts, report, _ = run_import("whatsapp-android-id", sender="Rizky Pratama")
    a, f = "whatsapp-android-id.zip", "Chat WhatsApp dengan Alumni Poltekip 2012.txt"
    g = {"chat": "Alumni Poltekip 2012", "chat_type": "group"}
    p = "whatsapp-alumni-poltekip-2012-"
    assert acts == [
        wa(p + "5", "broadcast", "2025-01-12T14:05:00+07:00", a, f, 4, 5,
           text="Terima kasih, Bud.\nSemoga grup ini bermanfaat\ndan tetap rukun.", **g),
        # the same words another member wrote a moment before: a forward
        wa(p + "9", "broadcast", "2025-01-12T14:10:00+07:00", a, f, 6, 9,
           target={"text": HOAX, "author": "Siti Rahma"}, **g),
        wa(p + "10", "broadcast", "2025-01-12T14:12:00+07:00", a, f, 7, 10, text="Foto apel pagi tadi",
           media=[{"kind": "image", "path": "media/IMG-20250112-WA0003.jpg"}], **g),
        wa(p + "12", "broadcast", "2025-01-12T14:13:00+07:00", a, f, 8, 12, **g, media_omitted=["media"]),
        wa(p + "14", "broadcast", "2025-01-12T14:15:00+07:00", a, f, 10, 14, text="Besok kumpul jam 8 ya", **g,
           edited=True),
        wa(p + "15", "share", "2025-01-12T14:16:00+07:00", a, f, 11, 15,
           target={"url": "https://contoh-berita.example/artikel-123"}, **g),
        wa(p + "16", "broadcast", "2025-01-12T14:17:00+07:00", a, f, 12, 16,
           media=[{"kind": "audio", "path": "media/PTT-20250112-WA0004.opus"}], **g),
        wa(p + "17", "broadcast", "2025-01-12T14:18:00+07:00", a, f, 13, 17, **g, attachments=["media/Denah blok C.pdf"]),
    ]
    assert report.issues == []
    assert report.skipped == {"whatsapp: pesan dihapus": 1}


def test_ios_english_private_chat_month_first(run_import):
    acts, report, _ = run_import("whatsapp-ios-en", sender="rizky  pratama")  # case and spaces do not matter
    a, f = "whatsapp-ios-en.zip", "_chat.txt"
    p = {"chat_type": "private"}
    assert acts == [
        wa("whatsapp-chat-3", "post", "2025-01-12T09:02:15+07:00", a, f, 2, 3, text="Sudah, lagi apel", **p),
        wa("whatsapp-chat-4", "post", "2025-01-12T09:03:00+07:00", a, f, 3, 4,
           media=[{"kind": "image", "path": "media/00000012-PHOTO-2025-01-12-09-03-00.jpg"}], **p),
        wa("whatsapp-chat-5", "post", "2025-01-12T09:04:00+07:00", a, f, 4, 5, **p, media_omitted=["image"]),
        wa("whatsapp-chat-7", "post", "2025-01-13T13:31:00+07:00", a, f, 6, 7,
           text="Jadwal jaga malam minggu ini: pos atas kosong jam 02.00-04.00", **p, edited=True),
    ]
    assert report.issues == []


def test_single_text_file_staff_directory_gives_sender_and_time_zone(tmp_path, run_import):
    from rambu.staff.directory import StaffDirectory
    staff = tmp_path / "staff.json"
    staff.write_text(json.dumps([{"nip": "198901142012121003", "name": "Rizky Pratama", "unit": "Rutan Balikpapan",
                                  "timezone": "Asia/Makassar", "schedule": "office"}]), encoding="utf-8")
    directory = StaffDirectory.load(staff)
    src_file = "whatsapp-android-en/WhatsApp Chat with Budi Santoso.txt"
    from rambu.importers import import_export
    from .conftest import FIXTURES
    r = import_export(str(FIXTURES / src_file), nip="198901142012121003", staff=directory,
                      media_dir=str(tmp_path / "m"), out_dir=str(tmp_path))
    a, f = "WhatsApp Chat with Budi Santoso.txt", "WhatsApp Chat with Budi Santoso.txt"
    c = {"chat": "Budi Santoso", "chat_type": "private"}
    # 21:15 on the phone of someone in WITA is 21:15+08:00
    assert r.activities == [
        wa("whatsapp-budi-santoso-2", "post", "2025-01-13T21:15:00+08:00", a, f, 1, 2,
           text="Sudah lihat video yang kukirim?", **c),
        wa("whatsapp-budi-santoso-3", "post", "2025-01-13T21:16:00+08:00", a, f, 2, 3, **c, media_omitted=["media"]),
    ]
    assert r.report.issues == []


def test_unknown_sender_is_reported_with_the_names_in_the_chat(run_import):
    acts, report, _ = run_import("whatsapp-ios-en", sender="Orang Lain")
    assert acts == []
    assert len(report.errors) == 1
    msg = str(report.errors[0])
    assert msg.startswith("_chat.txt: pesan pegawai tidak dapat dikenali: nama Orang Lain tidak ada dalam obrolan")
    assert "pengirim dalam obrolan: Rizky Pratama, Siti Rahma" in msg


LRM, NNBSP = "\u200e", "\u202f"


@pytest.mark.parametrize("line,sender,text,when", [
    ("12/01/25 14.05 - Budi: pesan", "Budi", "pesan", (2025, 1, 12, 14, 5, 0)),
    ("12/01/2025, 14:05 - Budi: pesan", "Budi", "pesan", (2025, 1, 12, 14, 5, 0)),
    ("1/12/25, 2:05 PM - Budi: message", "Budi", "message", (2025, 12, 1, 14, 5, 0)),  # day first unless shown
    ("[12/01/25, 14.05.23] Budi: pesan", "Budi", "pesan", (2025, 1, 12, 14, 5, 23)),
    (f"[1/12/25, 12:05:23{NNBSP}AM] Budi: tengah malam", "Budi", "tengah malam", (2025, 12, 1, 0, 5, 23)),
    (f"{LRM}[12/01/25, 14.05.23] Budi: {LRM}<attached: 0001-PHOTO.jpg>", "Budi", "<attached: 0001-PHOTO.jpg>",
     (2025, 1, 12, 14, 5, 23)),
    ("12.01.25, 14:05 - ~ Budi: dari nomor tak tersimpan", "Budi", "dari nomor tak tersimpan", (2025, 1, 12, 14, 5, 0)),
    ("2025-01-12 14:05 - Budi: tanggal ISO", "Budi", "tanggal ISO", (2025, 1, 12, 14, 5, 0)),
    ('12/01/25 14.06 - Budi membuat grup "Kumpul: Akbar"', None, 'Budi membuat grup "Kumpul: Akbar"',
     (2025, 1, 12, 14, 6, 0)),
    ("12/01/25 14.00 - Pesan dan panggilan terenkripsi secara end-to-end.", None,
     "Pesan dan panggilan terenkripsi secara end-to-end.", (2025, 1, 12, 14, 0, 0)),
])
def test_line_forms(line, sender, text, when):
    msgs, stray = parse_lines(line + "\n")
    assert stray == 0 and len(msgs) == 1
    m = msgs[0]
    assert (m.sender, m.text) == (sender, text)
    dt = to_datetime(m, _day_first(msgs))
    assert (dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second) == when


def test_marks_are_noted_not_kept():
    msgs, _ = parse_lines(f"[12/01/25, 14.05.23] Grup: {LRM}Budi menambahkan Siti\n[12/01/25, 14.06.00] Budi: biasa\n")
    assert [(m.text, m.marked) for m in msgs] == [("Budi menambahkan Siti", True), ("biasa", False)]


def test_continuation_lines_and_leading_junk():
    msgs, stray = parse_lines("judul ekspor\n12/01/25 14.05 - Budi: baris 1\nbaris 2\n\nbaris 4\n"
                              "12/01/25 14.06 - Siti: lain\n")
    assert stray == 1
    assert [m.body for m in msgs] == ["baris 1\nbaris 2\n\nbaris 4", "lain"]
