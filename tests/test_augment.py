"""Group-swapped training copies (rambu/training/augment.py) and how cross-validation treats them."""
import numpy as np
import pytest

from rambu.training import augment, crossval
from rambu.training.data import LABELS, Corpus


@pytest.mark.parametrize("text", [
    "Selamat pagi, semangat kerja hari ini",
    "Balik kampung naik kereta, macet parah",  # "bali" inside a word
    "Islami sekali desain masjid ini",  # "islam" inside a word
])
def test_a_post_that_names_no_group_has_no_copy(text):
    assert augment.swapped(text, np.random.RandomState(0)) is None


def test_every_name_is_swapped_for_another_of_its_kind_keeping_case():
    rng = np.random.RandomState(3)
    text = "Orang BATAK itu kasar, dasar batak. Kata orang Kristen juga begitu"
    out = augment.swapped(text, rng)
    words = out.split()
    ethnic, faith = words[1], words[-3]
    assert ethnic.isupper() and ethnic.lower() in augment.SWAPS["suku dan ras"] and ethnic != "BATAK"
    assert words[5].rstrip(".") == ethnic.lower()  # the same name gets the same replacement throughout
    assert faith[0].isupper() and faith.lower() in augment.SWAPS["agama"] and faith != "Kristen"
    assert out.replace(ethnic, "BATAK").replace(ethnic.lower(), "batak").replace(faith, "Kristen") == text


def test_copies_are_deterministic_and_point_at_their_post():
    texts = ["Cina licik semua", "Selamat pagi", "Umat Hindu merayakan Nyepi"]
    a = augment.augment(texts, copies=2, seed=5)
    b = augment.augment(texts, copies=2, seed=5)
    assert a[0] == b[0] and a[1].tolist() == [0, 2, 0, 2]
    assert all("Cina" not in t and "Hindu" not in t for t in a[0])


def _corpus(n: int) -> Corpus:
    y = np.zeros((n, len(LABELS)), dtype=np.int8)
    y[0, LABELS.index("rule2")] = 1
    return Corpus(["x"] * n, np.zeros(n, dtype=np.int64), ["netifier"], y, np.array([False] + [True] * (n - 1)))


def test_copies_carry_their_posts_label_at_the_copy_weight():
    corpus = _corpus(4)
    origin = np.array([0, 3])
    y, w = crossval.extended(corpus, "rule2", origin, 0.5)
    assert y.tolist() == [1, 0, 0, 0, 1, 0]
    base = crossval.row_weights(corpus, "rule2")
    assert w.tolist() == base.tolist() + [base[0] * 0.5, base[3] * 0.5]
    y, w = crossval.extended(corpus, "HS", np.zeros(0, dtype=np.int64), 0.5)
    assert w is None and len(y) == 4  # without copies nothing changes
