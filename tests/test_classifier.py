"""Text classifiers behind rules 1 and 2: bundled model, no pickle, no skew, training round trip.

All example texts are written for these tests (none comes from the training data).
"""
from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rambu.classify import features as F
from rambu.classify.model import BUNDLED_DIR, ModelError, TextClassifier
from rambu.text.normalize import normalize

REPO = Path(__file__).resolve().parents[1]

LABELS = ("rule1", "rule2", "HS", "Abusive", "HS_Individual", "HS_Group", "HS_Religion", "HS_Race", "HS_Physical",
          "HS_Gender", "HS_Other", "sara", "radikalisme")

RELIGION_HATE = [
    "Dasar kafir laknat, semua orang kristen harus diusir dari negeri ini",
    "agama mereka sesat dan najis, umat nasrani itu musuh kita, bubarkan gereja mereka",
    "Islam agama teroris, orang muslim semua bodoh dan biadab",
]
RACE_HATE = [
    "Cina babi, pulang sana ke negaramu dasar aseng sipit",
    "dasar aseng sipit, usir semua cina dari tanah air kita",
]
NEUTRAL = [
    "Selamat pagi semua, semoga hari ini menyenangkan",
    "Pemerintah kota membuka pendaftaran beasiswa untuk pelajar hingga akhir bulan",
    "Terima kasih atas bantuannya kemarin, sangat membantu keluarga kami",
    "Hujan deras sore ini, hati-hati di jalan ya teman-teman",
    "Rapat koordinasi bulanan dilaksanakan di aula kantor pukul sembilan",
]


@pytest.fixture(scope="module")
def clf() -> TextClassifier:
    return TextClassifier.load()


# ----------------------------------------------------------------------------- bundled model


def test_bundled_model_loads_without_pickle(monkeypatch):
    def no_pickle(*a, **k):
        raise AssertionError("pickle used while loading the model")

    monkeypatch.setattr(pickle, "load", no_pickle)
    monkeypatch.setattr(pickle, "loads", no_pickle)
    c = TextClassifier.load(None)
    assert c.version.startswith("clf-")
    assert c.model_dir == str(BUNDLED_DIR)
    manifest = json.loads((BUNDLED_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == c.version
    assert len(manifest["data_fingerprint"]["sha256"]) == 64
    for g in manifest["groups"]:
        with np.load(BUNDLED_DIR / g["weights"], allow_pickle=False) as z:
            assert z["coef"].dtype == np.float32 and z["intercept"].dtype == np.float32


def test_bundled_artefacts_small_and_documented():
    total = sum(p.stat().st_size for p in BUNDLED_DIR.iterdir() if p.is_file())
    assert total < 8_000_000
    card = (BUNDLED_DIR / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "CC BY-NC-SA 4.0" in card and "rambu train" in card
    assert "CC BY-NC-SA 4.0" in (BUNDLED_DIR / "LICENSE.md").read_text(encoding="utf-8")
    for lab in LABELS:
        assert f"`{lab}`" in card


def test_every_label_present_and_a_probability(clf):
    assert set(LABELS) <= set(clf.labels)
    assert set(clf.thresholds) == set(clf.labels)
    for text in RELIGION_HATE + NEUTRAL + ["", "😀😀", "@someone https://example.com", "a" * 500]:
        p = clf.predict_text(text)
        assert set(p) == set(clf.labels)
        assert all(isinstance(v, float) and 0.0 <= v <= 1.0 for v in p.values())


def test_predict_takes_normalized(clf):
    doc = normalize(RELIGION_HATE[0])
    assert clf.predict(doc) == clf.predict_text(RELIGION_HATE[0])
    assert set(clf.flags(doc)) == set(clf.labels)


@pytest.mark.parametrize("label,hateful", [
    ("HS", RELIGION_HATE + RACE_HATE),
    ("HS_Religion", RELIGION_HATE),
    ("HS_Race", RACE_HATE),
    ("sara", RELIGION_HATE + RACE_HATE),
    ("rule2", RELIGION_HATE + RACE_HATE),
])
def test_hateful_scores_above_neutral(clf, label, hateful):
    hate = [clf.predict_text(t)[label] for t in hateful]
    neutral = [clf.predict_text(t)[label] for t in NEUTRAL]
    assert min(hate) > max(neutral), (label, hate, neutral)
    assert np.mean(hate) > 0.5 > np.mean(neutral)


def test_obfuscation_still_scores(clf):
    plain = clf.predict_text("dasar kafir laknat")["HS_Religion"]
    leet = clf.predict_text("dasar k4f1rrr l4knat!!!")["HS_Religion"]
    assert leet == pytest.approx(plain, abs=1e-6)  # the normaliser undoes it before featurizing


def test_inference_imports_neither_sklearn_nor_scipy():
    code = ("import sys; from rambu.classify.model import TextClassifier; "
            "c = TextClassifier.load(); c.predict_text('halo semua'); "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy')]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_bad_model_dir(tmp_path):
    with pytest.raises(ModelError):
        TextClassifier.load(tmp_path)
    (tmp_path / "manifest.json").write_text(json.dumps({"format": "other/9"}), encoding="utf-8")
    with pytest.raises(ModelError):
        TextClassifier.load(tmp_path)


# ----------------------------------------------------------------------------- features

def test_features_word_and_char_ngrams():
    doc = normalize("Halo #Indonesia. Apa kabar? @budi https://x.id 😀")
    words, chars = F.extract(doc)
    assert "halo" in words and "indonesia" in words and "😀" in words
    assert "halo indonesia" in words
    assert not any(w.startswith("indonesia apa") for w in words)  # bigrams stop at the full stop
    assert not any("budi" in w or "x.id" in w for w in words)  # mentions and URLs are not features
    assert " h" in chars and "halo " in chars and "alo" in chars
    assert all(2 <= len(c) <= 5 for c in chars)


# ----------------------------------------------------------------------------- training

pytestmark_data = pytest.mark.skipif(
    not (REPO.parent / "shared" / "data" / "ibrohim2019" / "train.csv").is_file(),
    reason="training data not available")


def test_cleaning_of_dataset_escapes():
    from rambu.training.data import clean_ibrohim, clean_netifier

    raw = r"RT USER: USER halo\nsemua \xf0\x9f\x98\x84\xf0\x9f ok &amp; URL'"
    assert clean_ibrohim(raw) == ": halo\nsemua 😄 ok &"
    raw = r"[QUOTE=abc;123]kutipan[/QUOTE]\n\n[B]tebal[/B] :ngakak [img]https://x.id/a.jpg[/img]"
    assert clean_netifier(raw) == "kutipan\n\ntebal https://x.id/a.jpg"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """A small training run in memory and written to disk, and the same run again through the CLI."""
    from rambu.training import train as T

    result = T.train(limit=400, folds=2, seed=3, log=lambda *a, **k: None)
    out1 = tmp_path_factory.mktemp("model1")
    T.write(result, out1)
    out2 = tmp_path_factory.mktemp("model2")
    assert T.main(["--limit", "400", "--folds", "2", "--seed", "3", "--out", str(out2), "--quiet"]) == 0
    return result, out1, out2


@pytestmark_data
def test_training_round_trip(tiny):
    result, out1, _ = tiny
    loaded = TextClassifier.load(out1)
    assert loaded.labels == result.classifier.labels
    assert loaded.version == result.classifier.version
    assert loaded.thresholds == result.classifier.thresholds
    for text in RELIGION_HATE + RACE_HATE + NEUTRAL:
        assert loaded.predict_text(text) == result.classifier.predict_text(text)
    card = (out1 / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "2-fold" in card and "CC BY-NC-SA 4.0" in card
    assert (out1 / "LICENSE.md").is_file()


@pytestmark_data
def test_training_is_deterministic(tiny):
    _, out1, out2 = tiny
    names = sorted(p.name for p in out1.iterdir())
    assert names == sorted(p.name for p in out2.iterdir())
    for name in names:
        assert (out1 / name).read_bytes() == (out2 / name).read_bytes(), name
    for g in json.loads((out1 / "manifest.json").read_text(encoding="utf-8"))["groups"]:
        with np.load(out1 / g["weights"], allow_pickle=False) as a, np.load(out2 / g["weights"]) as b:
            assert np.array_equal(a["coef"], b["coef"]) and np.array_equal(a["intercept"], b["intercept"])


@pytestmark_data
def test_no_train_serve_skew():
    """The training matrix rows equal the vectors the classifier computes at inference."""
    from rambu.classify.model import make_group
    from rambu.training import vectorize as T

    texts = RELIGION_HATE + RACE_HATE + NEUTRAL + ["halo halo bandung, ibu kota periangan 😀 #mantap"]
    bags = T.featurize(texts)
    vocab = T.fit_vocab(bags)
    X = T.transform(bags, vocab).toarray()
    meta = T.vocab_meta(bags, vocab)
    n = len(meta["idf"])
    coef = np.zeros((n, 1), dtype=np.float32)
    group = make_group("g", ("x",), meta, coef, np.zeros(1, dtype=np.float32))
    manifest = {"format": "rambu-textclf/1", "version": "test", "features": dict(F.DEFAULT_CONFIG)}
    c = TextClassifier(manifest, [group])
    # the classifier's merged index equals the group's column order when there is one group
    for i, text in enumerate(texts):
        ids, vals = c.vectors(normalize(text))
        row = np.zeros(n, dtype=np.float32)
        row[ids] = vals[:, 0]
        np.testing.assert_allclose(row, X[i], rtol=1e-5, atol=1e-6)


def _row(variants, goal, complexity, in_budget=True, confirmed=0.2, level=True):
    return {"variants": dict(zip(("rule1", "rule2"), variants)), "goal": goal, "complexity": complexity,
            "in_budget": in_budget, "level": level, "confirmed": confirmed}


def test_scorer_variants_are_chosen_within_the_false_accusation_budgets():
    from rambu.training.crossval import TIE, pick

    over = _row(("words+labels", "words+labels"), 0.70, 4, in_budget=False)  # finds most, accuses too many
    below = _row(("words", "model"), 0.65, 2, level=False)  # finds less than its classifiers alone would
    best = _row(("model", "words+labels"), 0.60, 2)
    simpler_but_worse = _row(("model", "model"), 0.60 - 2 * TIE, 0, confirmed=0.3)
    assert pick([over, below, best, simpler_but_worse]) is best
    tie = _row(("model", "model"), 0.60 - TIE / 2, 0)  # within the tie, as much confirmed: the simpler wins
    assert pick([over, best, tie]) is tie
    confirms_less = _row(("model", "model"), 0.60 - TIE / 2, 0, confirmed=0.15)  # within the tie, confirms less
    assert pick([over, best, confirms_less]) is best
    # nothing within the budgets: still a choice (the best of all), the card shows each row's figures
    assert pick([_row(("words", "words"), 0.5, 2, False), over]) is over


def test_the_context_scorer_variant_reads_only_context_features():
    from rambu.classify.rulescore import CONTEXT, FEATURES
    from rambu.training.crossval import _inputs
    from rambu.training.stacking import Lexical

    lex = Lexical(X=np.ones((3, len(FEATURES))), explicit=np.ones(3, dtype=bool))
    z = {"rule1": np.zeros(3), "HS": np.ones(3)}
    rows = np.arange(3)
    X, others = _inputs("context", z, lex, rows)
    assert [bool(v) for v in X[0]] == [name in CONTEXT for name in FEATURES] and not others
    assert not _inputs("model", z, lex, rows)[0].any()
    X, others = _inputs("words+labels", z, lex, rows)
    assert X.all() and list(others) == ["HS"]
