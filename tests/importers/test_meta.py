"""Meta's mojibake is repaired; text that is already right is left alone."""
import pytest

from rambu.importers.meta import label_values, repair, repair_tree, string_map


def moji(s: str) -> str:
    return s.encode("utf-8").decode("latin-1")


@pytest.mark.parametrize("typed", [
    "Selamat pagi 🙏",
    "Rapat koordinasi—tetap semangat “Merdeka!” …",
    "Bendera 🇮🇩 berkibar",
    "Kopi ☕ dan kue",
    "Café Kenanga",  # a Latin-1 letter
    "👍🏽 jempol berwarna",
])
def test_mojibake_repaired(typed):
    assert moji(typed) != typed
    assert repair(moji(typed)) == typed


@pytest.mark.parametrize("already", [
    "teks biasa", "Selamat pagi 🙏", "harga 50° tinggi", "é sendirian", "", "Ã tanpa pasangan",
])
def test_right_text_is_left_alone(already):
    assert repair(already) == already


def test_mixed_string_repairs_only_byte_runs():
    s = "🙏 sudah benar, " + moji("ini rusak 😊")
    assert repair(s) == "🙏 sudah benar, ini rusak 😊"


def test_tree_keys_and_values_deep():
    doc = {moji("Komentar ✓"): [{"a": moji("satu—dua")}, [moji("tiga…")]], "n": 5}
    assert repair_tree(doc) == {"Komentar ✓": [{"a": "satu—dua"}, ["tiga…"]], "n": 5}


def test_structure_readers():
    pairs, ts = string_map({"string_map_data": {"Waktu": {"timestamp": 1700000000, "value": ""},
                                                "Komentar": {"value": "isi"}, "Pemilik": {"value": "akun"}}})
    assert (pairs, ts) == ([("Komentar", "isi"), ("Pemilik", "akun")], 1700000000)
    lv = label_values({"label_values": [{"label": "URL", "value": "https://a"},
                                        {"title": "Owner", "dict": [{"dict": [{"label": "Username", "value": "b"}]}]},
                                        {"label": "Tags", "vec": [{"value": "x"}, {"value": "y"}]}]})
    assert lv == [("URL", "https://a"), ("Username", "b"), ("Tags", "x"), ("Tags", "y")]
