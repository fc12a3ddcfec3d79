"""Documents to TF-IDF matrices exactly as the classifier computes them at inference.

`featurize` runs every text through the inference path (``normalize`` ->
``rambu.classify.features.extract``); vocabulary and idf are then fitted on
the training rows only (per cross-validation fold), and `transform` gives
the same numbers `TextClassifier.vectors` computes (tests/test_classifier.py
checks they agree). scipy is needed here only.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from ..classify import features as F
from ..text.normalize import normalize

# Vocabulary bounds (chosen by cross-validation on the training data; larger gave no gain).
VOCAB = {"word_min_df": 2, "word_max_features": 20_000, "char_min_df": 3, "char_max_features": 20_000}


@dataclass
class Bags:
    """All documents of a data set as count matrices over every feature seen (before vocabulary selection)."""

    word_names: list[str]
    char_names: list[str]
    word_counts: "object"  # scipy.sparse.csr_matrix, int32
    char_counts: "object"


def featurize(texts: Sequence[str], config: dict = F.DEFAULT_CONFIG) -> Bags:
    """The inference path for every text: normalize -> features.extract -> counts."""
    from scipy import sparse

    word_index: dict[str, int] = {}
    char_index: dict[str, int] = {}
    cols = ([], [])
    vals = ([], [])
    indptr = ([0], [0])
    for text in texts:
        words, chars = F.extract(normalize(text), config)
        for k, (bag, index) in enumerate(((words, word_index), (chars, char_index))):
            for f, c in F.counts(bag).items():
                j = index.get(f)
                if j is None:
                    j = index[f] = len(index)
                cols[k].append(j)
                vals[k].append(c)
            indptr[k].append(len(cols[k]))
    mats = []
    for k, index in enumerate((word_index, char_index)):
        m = sparse.csr_matrix((np.array(vals[k], dtype=np.int32), np.array(cols[k], dtype=np.int32),
                               np.array(indptr[k], dtype=np.int64)), shape=(len(texts), len(index)))
        m.sort_indices()
        mats.append(m)
    return Bags(list(word_index), list(char_index), mats[0], mats[1])


def _select(counts, names: list[str], rows, min_df: int, max_features: int) -> np.ndarray:
    """Columns kept: document frequency >= min_df on `rows`, the most frequent max_features,
    ties broken by the feature string (deterministic). Returned in feature-string order."""
    sub = counts[rows] if rows is not None else counts
    df = np.bincount(sub.indices, minlength=counts.shape[1])
    cand = np.flatnonzero(df >= min_df)
    if len(cand) > max_features:
        order = sorted(cand.tolist(), key=lambda j: (-df[j], names[j]))
        cand = np.array(order[:max_features])
    return np.array(sorted(cand.tolist(), key=lambda j: names[j]), dtype=np.int64)


def _idf(counts, rows, cols: np.ndarray) -> np.ndarray:
    sub = counts[rows] if rows is not None else counts
    n = sub.shape[0]
    df = np.bincount(sub.indices, minlength=counts.shape[1])[cols]
    # smooth idf as in scikit-learn, rounded to what the JSON artefact stores
    return np.round(np.log((1.0 + n) / (1.0 + df)) + 1.0, 6).astype(np.float32)


@dataclass
class Vocab:
    word_cols: np.ndarray
    char_cols: np.ndarray
    idf: np.ndarray  # float32, word block then char block


def fit_vocab(bags: Bags, rows=None) -> Vocab:
    wc = _select(bags.word_counts, bags.word_names, rows, VOCAB["word_min_df"], VOCAB["word_max_features"])
    cc = _select(bags.char_counts, bags.char_names, rows, VOCAB["char_min_df"], VOCAB["char_max_features"])
    idf = np.concatenate([_idf(bags.word_counts, rows, wc), _idf(bags.char_counts, rows, cc)])
    return Vocab(wc, cc, idf)


def transform(bags: Bags, vocab: Vocab, rows=None, sublinear: bool | None = None):
    """TF-IDF matrix (float32 CSR): same numbers as `TextClassifier.vectors` computes at inference."""
    from scipy import sparse

    if sublinear is None:
        sublinear = bool(F.DEFAULT_CONFIG["sublinear_tf"])
    blocks = []
    offset = 0
    for counts, cols in ((bags.word_counts, vocab.word_cols), (bags.char_counts, vocab.char_cols)):
        m = (counts[rows] if rows is not None else counts)[:, cols].astype(np.float32)
        if sublinear:
            m.data = (1.0 + np.log(m.data.astype(np.float64))).astype(np.float32)
        m = m @ sparse.diags(vocab.idf[offset:offset + len(cols)])
        m = sparse.csr_matrix(m, dtype=np.float32)
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1), dtype=np.float64)).ravel()
        norms[norms == 0] = 1.0
        m = sparse.diags((1.0 / norms).astype(np.float32)) @ m
        blocks.append(m)
        offset += len(cols)
    return sparse.hstack(blocks, format="csr", dtype=np.float32)


def vocab_meta(bags: Bags, vocab: Vocab) -> dict:
    """The JSON part of a group: feature strings in column order and their idf."""
    return {
        "word_vocab": [bags.word_names[j] for j in vocab.word_cols],
        "char_vocab": [bags.char_names[j] for j in vocab.char_cols],
        "idf": [float(v) for v in vocab.idf.astype(np.float64).round(6)],
    }



def save_npz(path: Path, **arrays: np.ndarray) -> None:
    """Uncompressed .npz with fixed zip timestamps, so identical weights give identical bytes."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as zf:
        for name, arr in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arr), allow_pickle=False)
            zf.writestr(zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0)), buf.getvalue())
