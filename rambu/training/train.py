"""`rambu train`: rebuild the text classifiers behind rules 1 and 2 from ../shared/data.

    python -m rambu.training.train [--data DIR] [--out DIR] [--folds 5] [--seed 0]

Steps, all deterministic for a given seed:

1. read ``ibrohim2019/train.csv`` and ``netifier/train.csv`` from the data folder
   (never copied into the repository) and clean them (literal ``\\n``, ``USER``,
   ``URL``, ``RT``, byte escapes such as ``\\xf0\\x9f\\x98\\x84`` decoded back to
   emoji, HTML entities, Kaskus BBCode and smiley codes);
2. featurize every post through exactly the inference path:
   ``normalize(text)`` -> ``rambu.classify.features.extract``;
3. k-fold cross-validation (vocabulary and idf fitted on the training folds only)
   gives out-of-fold probabilities: precision/recall/F1 per label and the
   recommended threshold (the one maximising out-of-fold F1);
4. fit the final vocabulary, idf and one logistic regression per label on all
   rows of its data set, and write ``manifest.json``, ``<group>.json``,
   ``<group>.npz`` (no pickle), ``MODEL_CARD.md`` and ``LICENSE.md``.

scikit-learn and scipy are needed here only (extra ``rambu[train]``), never at inference.
"""
from __future__ import annotations

import argparse
import codecs
import csv
import hashlib
import html
import io
import json
import re
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from ..classify import features as F
from ..classify.model import FORMAT, MANIFEST, TextClassifier, make_group, normalizer_fingerprint
from ..text.normalize import normalize

VERSION = "clf-2026.11.1"
REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data"
DEFAULT_OUT = REPO_ROOT / "rambu" / "classify" / "models"

# Vocabulary bounds and regularisation (chosen by cross-validation on the training data).
VOCAB = {"word_min_df": 2, "word_max_features": 20_000, "char_min_df": 3, "char_max_features": 20_000}
C = {"default": 4.0}  # per-label overrides possible: {"HS_Gender": 2.0, ...}
# "balanced" reweights the rare positive class: better F1 at 0.5 and thresholds near 0.5, at the
# price of probabilities that overstate the positive class (they are scores, not frequencies).
CLASS_WEIGHT: str | None = "balanced"

# ----------------------------------------------------------------------------- cleaning

_BYTE_ESC_RE = re.compile(r"(?:\\x[0-9a-fA-F]{2})+")
_LITERAL_ESC_RE = re.compile(r"\\([ntr'\"\\])")
_ESC_MAP = {"n": "\n", "t": " ", "r": "\n", "'": "'", '"': '"', "\\": "\\"}
_PLACEHOLDER_RE = re.compile(r"\b(?:USER|URL)\b|^\s*RT\b:?|\bRT\s+(?=USER\b)")
_BBCODE_RE = re.compile(r"\[/?(?:quote|img|url|color|size|font|b|i|u|s|center|left|right|youtube|spoiler|code|list|"
                        r"align|indent|email|media|video|highlight|\*)(?:=[^\]]*)?\]", re.IGNORECASE)
_KASKUS_SMILEY_RE = re.compile(r"(?<![\w:]):[a-z][a-z0-9]+:?(?![\w])")
_SPACES_RE = re.compile(r"[ \t\u00a0]+")
_NL_SPACES_RE = re.compile(r" ?\n ?")


def _tidy(text: str) -> str:
    return _NL_SPACES_RE.sub("\n", _SPACES_RE.sub(" ", text)).strip()


def _decode_bytes(m: re.Match) -> str:
    """A run of literal byte escapes (UTF-8 mangled to text) back to characters; drop undecodable bytes."""
    raw = bytes(int(h, 16) for h in re.findall(r"\\x([0-9a-fA-F]{2})", m.group()))
    return codecs.decode(raw, "utf-8", errors="ignore")


def _common(text: str) -> str:
    text = _BYTE_ESC_RE.sub(_decode_bytes, text)
    text = _LITERAL_ESC_RE.sub(lambda m: _ESC_MAP[m.group(1)], text)
    text = html.unescape(text)
    text = text.replace("\ufffd", " ")
    return text


def clean_ibrohim(text: str) -> str:
    """Ibrohim & Budi 2019 tweet: undo the data set's escaping and drop its placeholders."""
    text = _common(text)
    if text.endswith("'"):  # residue of the b'...' repr the tweets were stored with
        text = text[:-1]
    text = _PLACEHOLDER_RE.sub(" ", text)
    return _tidy(text)


def clean_netifier(text: str) -> str:
    """Netifier post: undo escaping, strip Kaskus BBCode tags (keeping their text) and smiley codes."""
    text = _common(text)
    text = _BBCODE_RE.sub(" ", text)
    text = _KASKUS_SMILEY_RE.sub(" ", text)
    return _tidy(text)


# ----------------------------------------------------------------------------- data sets

@dataclass(frozen=True)
class DataSet:
    name: str
    path: str  # relative to the data folder
    text_column: str
    labels: tuple[str, ...]
    clean: Callable[[str], str]
    citation: str
    licence: str


DATASETS: tuple[DataSet, ...] = (
    DataSet("ibrohim2019", "ibrohim2019/train.csv", "Tweet",
            ("HS", "Abusive", "HS_Individual", "HS_Group", "HS_Religion", "HS_Race", "HS_Physical", "HS_Gender",
             "HS_Other"),
            clean_ibrohim,
            "Ibrohim, M. O. and Budi, I. (2019). Multi-label Hate Speech and Abusive Language Detection in "
            "Indonesian Twitter. Proceedings of the Third Workshop on Abusive Language Online (ALW3), ACL.",
            "CC BY-NC-SA 4.0"),
    DataSet("netifier", "netifier/train.csv", "original_text",
            ("sara", "radikalisme", "pornografi", "pencemaran_nama_baik"),
            clean_netifier,
            "Izzan, A., Wibisono, C. and Putra, I. F. Netifier: Indonesian social-media text toxicity data set "
            "(Instagram, Twitter, Kaskus), as distributed by NusaCrowd.",
            "CC BY-NC-SA 4.0 (as listed by NusaCrowd)"),
)


@dataclass
class Loaded:
    ds: DataSet
    texts: list[str]
    y: dict[str, np.ndarray]
    sha256: str
    rows_in_file: int


def sha256_file(p: Path) -> str:
    h = hashlib.sha256()
    with open(p, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load_dataset(ds: DataSet, data_dir: Path, limit: int | None = None, seed: int = 0) -> Loaded:
    p = data_dir / ds.path
    if not p.is_file():
        raise FileNotFoundError(f"training file not found: {p} (use --data DIR)")
    with open(p, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    n_file = len(rows)
    if limit is not None and limit < len(rows):
        keep = np.sort(np.random.RandomState(seed).permutation(len(rows))[:limit])
        rows = [rows[i] for i in keep]
    texts = [ds.clean(r[ds.text_column]) for r in rows]
    y = {lab: np.array([int(r[lab]) for r in rows], dtype=np.int8) for lab in ds.labels}
    return Loaded(ds, texts, y, sha256_file(p), n_file)


# ----------------------------------------------------------------------------- features


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


# ----------------------------------------------------------------------------- models


def fit_binary(X, y: np.ndarray, c: float, seed: int) -> tuple[np.ndarray, float]:
    """One logistic regression; degenerate labels (one class only) get a constant prior."""
    pos = int(y.sum())
    if pos == 0 or pos == len(y):
        p = (pos + 0.5) / (len(y) + 1.0)
        return np.zeros(X.shape[1], dtype=np.float32), float(np.log(p / (1 - p)))
    from sklearn.linear_model import LogisticRegression

    # dual liblinear: far faster than the primal when features outnumber rows, same optimum
    lr = LogisticRegression(C=c, solver="liblinear", dual=True, max_iter=2000, tol=1e-4, random_state=seed,
                            class_weight=CLASS_WEIGHT)
    lr.fit(X, y)
    return lr.coef_.ravel().astype(np.float32), float(lr.intercept_[0])


def _predict(X, coef: np.ndarray, intercept: float) -> np.ndarray:
    z = X @ coef.astype(np.float64) + intercept
    return 1.0 / (1.0 + np.exp(-z))


def _prf(y: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    tp = int(np.sum((pred == 1) & (y == 1)))
    fp = int(np.sum((pred == 1) & (y == 0)))
    fn = int(np.sum((pred == 0) & (y == 1)))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def label_metrics(y: np.ndarray, prob: np.ndarray) -> dict:
    p05, r05, f05 = _prf(y, (prob >= 0.5).astype(int))
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
    scores = [(_prf(y, (prob >= t).astype(int))[2], -abs(t - 0.5), t) for t in grid]
    best_f, _, best_t = max(scores)
    pb, rb, fb = _prf(y, (prob >= best_t).astype(int))
    ap = _average_precision(y, prob)
    return {"positives": int(y.sum()), "rows": int(len(y)),
            "precision@0.5": round(p05, 4), "recall@0.5": round(r05, 4), "f1@0.5": round(f05, 4),
            "threshold": float(best_t),
            "precision@t": round(pb, 4), "recall@t": round(rb, 4), "f1@t": round(fb, 4),
            "average_precision": round(ap, 4)}


def _average_precision(y: np.ndarray, prob: np.ndarray) -> float:
    if y.sum() == 0:
        return 0.0
    order = np.argsort(-prob, kind="mergesort")
    ys = y[order]
    tp = np.cumsum(ys)
    precision = tp / np.arange(1, len(ys) + 1)
    return float(np.sum(precision * ys) / ys.sum())


def cross_validate(data: Loaded, bags: Bags, folds: int, seed: int, log=print) -> dict[str, dict]:
    from sklearn.model_selection import StratifiedKFold

    labels = data.ds.labels
    strat = data.y[labels[0]]
    n_splits = min(folds, int(strat.sum()), int(len(strat) - strat.sum()))
    if n_splits < 2:
        log(f"  {data.ds.name}: too few rows for cross-validation, skipped")
        return {}
    oof = {lab: np.zeros(len(strat)) for lab in labels}
    skf = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    for k, (tr, te) in enumerate(skf.split(np.zeros(len(strat)), strat)):
        t0 = time.perf_counter()
        vocab = fit_vocab(bags, tr)
        Xtr, Xte = transform(bags, vocab, tr), transform(bags, vocab, te)
        for lab in labels:
            coef, b = fit_binary(Xtr, data.y[lab][tr], C.get(lab, C["default"]), seed)
            oof[lab][te] = _predict(Xte, coef, b)
        log(f"  {data.ds.name} fold {k + 1}/{n_splits}: {Xtr.shape[1]} features, {time.perf_counter() - t0:.1f}s")
    return {lab: dict(label_metrics(data.y[lab], oof[lab]), folds=n_splits) for lab in labels}


def fit_group(data: Loaded, bags: Bags, seed: int) -> tuple[dict, np.ndarray, np.ndarray]:
    """Final vocabulary + weights on all rows: (JSON part, coef, intercept)."""
    vocab = fit_vocab(bags)
    X = transform(bags, vocab)
    coefs, intercepts = [], []
    for lab in data.ds.labels:
        coef, b = fit_binary(X, data.y[lab], C.get(lab, C["default"]), seed)
        coefs.append(coef)
        intercepts.append(b)
    coef = np.ascontiguousarray(np.stack(coefs, axis=1), dtype=np.float32)
    return vocab_meta(bags, vocab), coef, np.array(intercepts, dtype=np.float32)


def vocab_meta(bags: Bags, vocab: Vocab) -> dict:
    """The JSON part of a group: feature strings in column order and their idf."""
    return {
        "word_vocab": [bags.word_names[j] for j in vocab.word_cols],
        "char_vocab": [bags.char_names[j] for j in vocab.char_cols],
        "idf": [float(v) for v in vocab.idf.astype(np.float64).round(6)],
    }


# ----------------------------------------------------------------------------- writing


def save_npz(path: Path, **arrays: np.ndarray) -> None:
    """Uncompressed .npz with fixed zip timestamps, so identical weights give identical bytes."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as zf:
        for name, arr in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arr), allow_pickle=False)
            zf.writestr(zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0)), buf.getvalue())


def _dump_json(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


@dataclass
class Result:
    classifier: TextClassifier
    manifest: dict
    parts: dict[str, tuple[dict, np.ndarray, np.ndarray]] = field(default_factory=dict)


def train(data_dir: Path = DEFAULT_DATA, folds: int = 5, seed: int = 0, limit: int | None = None,
          datasets: Sequence[str] | None = None, log=print) -> Result:
    """Train every group in memory; returns the classifier and what `write` saves."""
    config = dict(F.DEFAULT_CONFIG)
    groups, manifest_groups, metrics, fingerprints, parts = [], [], {}, {}, {}
    for ds in DATASETS:
        if datasets and ds.name not in datasets:
            continue
        t0 = time.perf_counter()
        data = load_dataset(ds, Path(data_dir), limit, seed)
        bags = featurize(data.texts, config)
        log(f"{ds.name}: {len(data.texts)} rows featurized in {time.perf_counter() - t0:.1f}s")
        if folds and folds > 1:
            metrics.update(cross_validate(data, bags, folds, seed, log))
        meta, coef, intercept = fit_group(data, bags, seed)
        log(f"{ds.name}: final model {coef.shape[0]} features x {coef.shape[1]} labels "
            f"({time.perf_counter() - t0:.1f}s)")
        parts[ds.name] = (meta, coef, intercept)
        groups.append(make_group(ds.name, ds.labels, meta, coef, intercept))
        manifest_groups.append({"name": ds.name, "labels": list(ds.labels), "vocab": f"{ds.name}.json",
                                "weights": f"{ds.name}.npz", "rows": len(data.texts),
                                "n_word_features": len(meta["word_vocab"]),
                                "n_char_features": len(meta["char_vocab"])})
        fingerprints[ds.path] = {"sha256": data.sha256, "rows_in_file": data.rows_in_file,
                                 "rows_used": len(data.texts)}
    combined = hashlib.sha256(json.dumps(fingerprints, sort_keys=True).encode()).hexdigest()
    labels = [lab for g in groups for lab in g.labels]
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "labels": labels,
        "thresholds": {lab: metrics[lab]["threshold"] if lab in metrics else 0.5 for lab in labels},
        "features": config,
        "vocabulary": dict(VOCAB),
        "model": {"type": "logistic_regression", "solver": "liblinear (dual)", "C": dict(C),
                  "class_weight": CLASS_WEIGHT, "seed": seed},
        "data_fingerprint": {"sha256": combined, "files": fingerprints},
        "normalizer_fingerprint": normalizer_fingerprint(),
        "cv": {"folds": folds, "seed": seed, "metrics": metrics},
        "groups": manifest_groups,
        "licence": "CC BY-NC-SA 4.0",
    }
    return Result(TextClassifier(manifest, groups), manifest, parts)


def write(result: Result, out_dir: Path) -> list[Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (meta, coef, intercept) in result.parts.items():
        _dump_json(out_dir / f"{name}.json", meta)
        save_npz(out_dir / f"{name}.npz", coef=coef, intercept=intercept)
        written += [out_dir / f"{name}.json", out_dir / f"{name}.npz"]
    (out_dir / MANIFEST).write_text(json.dumps(result.manifest, ensure_ascii=False, indent=1) + "\n",
                                    encoding="utf-8")
    (out_dir / "MODEL_CARD.md").write_text(model_card(result.manifest, written), encoding="utf-8")
    (out_dir / "LICENSE.md").write_text(LICENCE_TEXT, encoding="utf-8")
    return written + [out_dir / MANIFEST, out_dir / "MODEL_CARD.md", out_dir / "LICENSE.md"]


# ----------------------------------------------------------------------------- model card

LICENCE_TEXT = """\
# Licence of the bundled text-classifier models

The files in this folder other than this licence and the model card
(`manifest.json`, `*.json` vocabularies, `*.npz` weights) are models trained on

- Ibrohim and Budi (2019), Indonesian multi-label hate speech and abusive
  language data set, licensed CC BY-NC-SA 4.0, and
- Netifier (Izzan, Wibisono, Putra), Indonesian social-media toxicity data set,
  licensed CC BY-NC-SA 4.0 (as listed by NusaCrowd).

As works derived from CC BY-NC-SA 4.0 data, **these model artefacts are licensed
under the Creative Commons Attribution-NonCommercial-ShareAlike 4.0
International licence (CC BY-NC-SA 4.0)**:
https://creativecommons.org/licenses/by-nc-sa/4.0/

- Attribution: cite the data sets (see `MODEL_CARD.md`).
- NonCommercial: no commercial use of the models.
- ShareAlike: adaptations of the models must carry the same licence.

This licence covers the model artefacts only. The rambu source code, including
the training code that produced them (`rambu/training/`), is under the
project's own licence (see `pyproject.toml`).
"""

_LABEL_MEANING = {
    "HS": "hate speech (any target)",
    "Abusive": "abusive / offensive language",
    "HS_Individual": "hate speech aimed at an individual",
    "HS_Group": "hate speech aimed at a group",
    "HS_Religion": "hate speech about religion or creed",
    "HS_Race": "hate speech about race or ethnicity",
    "HS_Physical": "hate speech about physique or disability",
    "HS_Gender": "hate speech about gender or sexual orientation",
    "HS_Other": "other hate speech (insults, slander)",
    "sara": "SARA: ethnic, religious, racial or inter-group insult",
    "radikalisme": "radicalism",
    "pornografi": "pornography",
    "pencemaran_nama_baik": "defamation",
}


def model_card(manifest: dict, files: list[Path]) -> str:
    m = manifest
    cv = m["cv"]["metrics"]
    lines = [
        "# Model card: rambu text classifiers",
        "",
        "<!-- Generated by `rambu train` (rambu/training/train.py). Do not edit by hand: retrain instead. -->",
        "",
        f"- **Version:** `{m['version']}`  (format `{m['format']}`)",
        f"- **Licence:** {m['licence']} (trained on CC BY-NC-SA 4.0 data; see `LICENSE.md`)",
        f"- **Data fingerprint:** sha256 `{m['data_fingerprint']['sha256']}`",
        f"- **Normaliser fingerprint:** sha256 `{m['normalizer_fingerprint']}` "
        "(`rambu/text/normalize.py` + `slang.py`; retrain when they change)",
        "- **Used by:** rule 1 (ideology / radicalism) and rule 2 (SARA hate) detectors via "
        "`Analysis.scores(field)`.",
        "",
        "## Intended use",
        "",
        "Scores (0..1) per label for one social-media text, used as one signal among the word lists "
        "and context checks of the rule detectors. They are not a decision: a finding still needs "
        "evidence and human review. Not for commercial use (licence).",
        "",
        "## Training data",
        "",
        "| data set | file (read from `../shared/data`, not in the repo) | rows used | sha256 | licence |",
        "|---|---|---|---|---|",
    ]
    for ds in DATASETS:
        f = m["data_fingerprint"]["files"].get(ds.path)
        if f:
            lines.append(f"| {ds.name} | `{ds.path}` | {f['rows_used']:,} of {f['rows_in_file']:,} | "
                         f"`{f['sha256'][:16]}…` | {ds.licence} |")
    lines += [""]
    for ds in DATASETS:
        if ds.path in m["data_fingerprint"]["files"]:
            lines.append(f"- {ds.name}: {ds.citation}")
    lines += [
        "",
        "Cleaning before featurization: Ibrohim tweets have literal `\\n` turned into line breaks, the "
        "`USER`, `URL` and `RT` placeholders removed, emoji stored as literal byte escapes "
        "(`\\xf0\\x9f\\x98\\x84`) decoded back to the characters (undecodable fragments dropped), HTML "
        "entities decoded. Netifier posts get the same escaping fixes plus removal of Kaskus BBCode tags "
        "(`[QUOTE=...]`, `[img]`, ...; their text is kept) and Kaskus smiley codes (`:ngakak`).",
        "",
        "## Features",
        "",
        "Exactly the inference path: `rambu.text.normalize.normalize(text)` (lowercase, leetspeak, repeated "
        "letters, slang table) then `rambu.classify.features.extract`:",
        "",
        f"- word n-grams {tuple(m['features']['word_ngrams'])} over tokens of kind word / hashtag / number / "
        "emoji (bigrams stop at sentence punctuation; mentions and URLs ignored);",
        f"- character n-grams {tuple(m['features']['char_ngrams'])} inside each word (padded with spaces);",
        "- sublinear TF (1 + ln tf) x smoothed idf, L2-normalised per block (words, chars);",
        f"- vocabulary per data set: word features with df >= {m['vocabulary']['word_min_df']} "
        f"(at most {m['vocabulary']['word_max_features']:,}), char features with df >= "
        f"{m['vocabulary']['char_min_df']} (at most {m['vocabulary']['char_max_features']:,}).",
        "",
        "| group | labels | rows | word features | char features |",
        "|---|---|---|---|---|",
    ]
    for g in m["groups"]:
        lines.append(f"| {g['name']} | {', '.join(g['labels'])} | {g['rows']:,} | {g['n_word_features']:,} | "
                     f"{g['n_char_features']:,} |")
    lines += [
        "",
        "## Model",
        "",
        f"One binary L2-regularised logistic regression per label (scikit-learn liblinear, dual, C = "
        f"{m['model']['C']['default']}, class_weight = {m['model']['class_weight']}, seed {m['model']['seed']}), "
        "each trained on its own data set only. At inference the weights are applied with plain dict lookups "
        "and numpy (no scikit-learn, scipy or pickle). With balanced class weights the rare positive class is "
        "up-weighted in training: the outputs are scores in 0..1 that overstate how often a label is truly "
        "present (they are not calibrated frequencies); use the recommended thresholds below.",
        "",
        "## Cross-validated results (positive class)",
        "",
    ]
    if cv:
        folds = max(v["folds"] for v in cv.values())
        lines += [
            f"{folds}-fold stratified cross-validation on the training portions (seed {m['cv']['seed']}); the "
            "vocabulary and idf are refitted on the training folds each time. `@0.5`: at probability 0.5. "
            "`threshold`: the recommended decision threshold (maximises out-of-fold F1; `@t` columns are at "
            "that threshold and therefore slightly optimistic). AP: average precision (threshold-free).",
            "",
            "| label | meaning | positives / rows | P@0.5 | R@0.5 | F1@0.5 | threshold | P@t | R@t | F1@t | AP |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for lab in m["labels"]:
            r = cv.get(lab)
            if not r:
                continue
            lines.append(
                f"| `{lab}` | {_LABEL_MEANING.get(lab, '')} | {r['positives']:,} / {r['rows']:,} | "
                f"{r['precision@0.5']:.3f} | {r['recall@0.5']:.3f} | {r['f1@0.5']:.3f} | **{r['threshold']:.2f}** | "
                f"{r['precision@t']:.3f} | {r['recall@t']:.3f} | {r['f1@t']:.3f} | {r['average_precision']:.3f} |")
        lines += [
            "",
            "Reference points from the data README: TF-IDF with a linear model reaches about 0.80-0.84 F1 on "
            "`HS`, about 0.72 on `sara` and 0.80 on `radikalisme`; IndoBERTweet reaches 0.888 on `HS`.",
            "",
            "The recommended thresholds are stored in `manifest.json` (`thresholds`) and exposed as "
            "`TextClassifier.thresholds`. Rare labels (`HS_Physical`, `HS_Gender`, `HS_Race`) have few "
            "positives: their scores are weak evidence on their own.",
        ]
    else:
        lines.append("No cross-validation was run for this build (`--folds 0`); thresholds default to 0.5.")
    lines += [
        "",
        "## Limits",
        "",
        "- The data are tweets and posts from about 2017-2019 (Jakarta governor election, 2019 presidential "
        "campaign, Kaskus forum threads). Vocabulary, targets and slurs drift; new nicknames and events are "
        "unknown to the model. Expect lower precision and recall on current posts (domain shift), and on "
        "Instagram/Facebook captions, OCR text or transcripts.",
        "- Bag-of-n-grams: no understanding of negation, quotation, irony or reporting. News that reports "
        "hate, or a post that condemns it, can score high; the rule detectors must check context.",
        "- The labels reflect the annotators of each data set (Netifier's `sara` and `radikalisme` are not "
        "the legal definitions used in the ASN rules).",
        "- Regional languages (Javanese, Sundanese, Minang) and code-mixing are thinly covered.",
        "- Ibrohim and Netifier rows are training portions; part of each set is held back for product "
        "evaluation, so these cross-validated numbers are the honest ones to quote.",
        "",
        "## Files",
        "",
        "| file | bytes |",
        "|---|---|",
    ]
    for p in files:
        lines.append(f"| `{p.name}` | {p.stat().st_size:,} |")
    lines += [
        "| `manifest.json` | version, labels, thresholds, metrics, fingerprints |",
        "",
        "## How to retrain",
        "",
        "```",
        "pip install 'rambu[train]'          # scikit-learn + scipy, training only",
        "rambu train                         # = python -m rambu.training.train",
        "python -m rambu.training.train --data ../shared/data --out rambu/classify/models --folds 5 --seed 0",
        "```",
        "",
        "Training is deterministic for a given seed and data fingerprint (identical weights and files), "
        "and takes a few minutes on two cores. Bump `VERSION` in `rambu/training/train.py` when the "
        "data, features or settings change.",
        "",
    ]
    return "\n".join(lines)


# ----------------------------------------------------------------------------- CLI


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="rambu train", description="Rebuild the text classifiers of rules 1 and 2.")
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="training data folder (default: %(default)s)")
    ap.add_argument("--out", default=str(DEFAULT_OUT), help="output model folder (default: %(default)s)")
    ap.add_argument("--folds", type=int, default=5, help="cross-validation folds (0 = no cross-validation)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, default=None, help="use only N rows per data set (quick experiments)")
    ap.add_argument("--datasets", default=None, help="comma-separated subset: ibrohim2019,netifier")
    ap.add_argument("--quiet", action="store_true")
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    log = (lambda *a, **k: None) if args.quiet else (lambda *a, **k: print(*a, **k, file=sys.stderr))
    t0 = time.perf_counter()
    try:
        result = train(Path(args.data), args.folds, args.seed, args.limit,
                       args.datasets.split(",") if args.datasets else None, log)
    except FileNotFoundError as e:
        print(f"rambu train: {e}", file=sys.stderr)
        return 2
    files = write(result, Path(args.out))
    total = sum(p.stat().st_size for p in files)
    log(f"wrote {len(files)} files ({total / 1e6:.2f} MB) to {args.out} in {time.perf_counter() - t0:.1f}s")
    for lab, r in result.manifest["cv"]["metrics"].items():
        log(f"  {lab:22s} F1@0.5 {r['f1@0.5']:.3f}  threshold {r['threshold']:.2f}  F1@t {r['f1@t']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
