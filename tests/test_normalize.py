"""Normalisation: forum markup is not words, and offsets into the original hold."""
from __future__ import annotations

import pytest

from rambu.text.normalize import normalize


def _words(text: str) -> list[str]:
    return [t.norm for t in normalize(text).tokens if t.kind == "word"]


@pytest.mark.parametrize("text, expected", [
    # Kaskus BBCode tags and smiley codes go, the text inside the tags stays
    ("[quote=agan123;5a91115dd675d4e2498b4570]cina semua penipu[/quote] gak boleh gitu",
     ["cina", "semua", "penipu", "tidak", "boleh", "gitu"]),
    ("mantap gan :ngakak [B]setuju[/B]", ["mantap", "gan", "setuju"]),
    ("[url=https://example.id]baca ini[/url]", ["baca", "ini"]),
    # hard negatives: colons and brackets that are not markup
    ("rapat pukul 10:30 di ruang A", ["rapat", "pukul", "di", "ruang", "a"]),
    ("Catatan:penting sekali", ["catatan", "penting", "sekali"]),
    ("[Lapas X] upacara bendera", ["lapas", "x", "upacara", "bendera"]),
])
def test_markup_is_not_words(text, expected):
    assert _words(text) == expected


def test_offsets_quote_the_original():
    text = "[quote=si_agan]Dasar kafir[/quote]\n:mad Setuju!"
    doc = normalize(text)
    assert doc.original == text
    assert [text[t.start:t.end] for t in doc.tokens if t.kind == "word"] == ["Dasar", "kafir", "Setuju"]


def test_literal_line_breaks_are_breaks():
    # CSV exports (and the data sets) store line breaks as the two characters "\n"
    text = "Dasar kafir\\n\\nGak boleh gitu\\tgan"
    doc = normalize(text)
    assert _words(text) == ["dasar", "kafir", "tidak", "boleh", "gitu", "gan"]
    assert sum(t.kind == "punct" and t.norm == "\n" for t in doc.tokens) == 2
    assert [text[t.start:t.end] for t in doc.tokens if t.kind == "word"][2] == "Gak"
    assert _words("jalan C:\\\\data di kantor") == ["jalan", "c", "data", "di", "kantor"]


@pytest.mark.parametrize("text, expected", [
    # the data sets' placeholders for a mention, a link and the retweet mark are not words
    ("RT USER: USER dasar tolol URL", ["dasar", "tolol"]),
    ("USER USER USER kafir haram jadi pemimpin", ["kafir", "haram", "jadi", "pemimpin"]),
    # a retweet mark before a real handle is a word, as the models saw it
    ("RT @akun_lain: setuju banget", ["rt", "setuju", "banget"]),
    # hard negatives: the same letters as words of a post
    ("rapat RT/RW 05 malam ini", ["rapat", "rt", "rw", "malam", "ini"]),
    ("ganti password user baru, kirim url nya", ["ganti", "pasword", "user", "baru", "kirim", "url", "nya"]),
    ("Pak RT sudah datang", ["pak", "rt", "sudah", "datang"]),
])
def test_data_set_placeholders_are_not_words(text, expected):
    assert _words(text) == expected


def test_byte_escapes_and_entities_are_their_characters():
    # UTF-8 kept as literal byte escapes (the tweet data sets) and HTML entities decode in place
    text = "Shia kafir \\xf0\\x9f\\x98\\x82\\xf0\\x9f\\x98\\x82 caf\\xc3\\xa9 &quot;aman&quot; Tom &amp; Jerry"
    doc = normalize(text)
    assert [t.norm for t in doc.tokens if t.kind == "emoji"] == ["😂", "😂"]
    assert _words(text) == ["shia", "kafir", "cafe", "aman", "tom", "jery"]
    # every token still quotes the original: a decoded character quotes its whole escape
    quotes = [text[t.start:t.end] for t in doc.tokens if t.kind in ("emoji", "word")]
    assert quotes[2] == "\\xf0\\x9f\\x98\\x82" and quotes[4] == "caf\\xc3\\xa9"
    # hard negatives: not escapes, not entities
    assert _words("folder C:\\xyz dan R&D; harga 5&6") == ["folder", "c", "xyz", "dan", "r", "d", "harga"]
    assert _words("bytes \\xzz rusak &bukanentitas; tetap") == ["bytes", "xz", "rusak", "bukanentitas", "tetap"]


@pytest.mark.parametrize("text, asked", [
    ("Orang itu licik semua, iya kan?", False),
    ("Dia sudah datang, bukan?", False),
    ("Bener kan ya?", True),  # "bener": is it true? asks
    ("Apa benar dia datang kan?", True),
    ("Besok libur ya?", True),
    ("Kamu sudah makan?", True),
])
def test_a_tag_asking_to_agree_is_no_question(text, asked):
    from rambu.text.sentences import asked_sentences
    doc = normalize(text)
    assert bool(asked_sentences(doc, tags=True)) is asked
    assert asked_sentences(doc)  # without tags every question mark asks
