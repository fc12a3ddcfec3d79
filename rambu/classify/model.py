"""Text classifiers behind rules 1 and 2: loading the artefacts and predicting.

The artefacts in a model folder (default: the bundled ``rambu/classify/models``):

- ``manifest.json``: format, version, labels, feature config, recommended
  thresholds, cross-validated metrics, data fingerprint, and one entry per
  *group* (the labels trained on one data set);
- ``<group>.json``: the group's vocabulary (word features, char features) and idf;
- ``<group>.npz``: ``coef`` (n_features x n_labels, float32) and ``intercept``.

Nothing is unpickled: JSON plus ``np.load(..., allow_pickle=False)``. Inference
uses plain dict lookups and numpy only (no scikit-learn or scipy import), so a
single check starts fast. Probabilities come from one logistic regression per
label on the TF-IDF features of `rambu.classify.features`.
"""
from __future__ import annotations

import hashlib
import json
from array import array
from dataclasses import dataclass
from functools import partial
from operator import is_not
from pathlib import Path
from typing import Mapping

import numpy as np

from ..text import WORD_CACHE
from ..text.normalize import Normalized, normalize
from . import features as F
from .rulescore import RuleScorer, sigmoid

FORMAT = "rambu-textclf/2"
FORMATS = ("rambu-textclf/1", FORMAT)  # /2 adds calibration and the rule scorers
BUNDLED_DIR = Path(__file__).resolve().parent / "models"
MANIFEST = "manifest.json"


class ModelError(RuntimeError):
    """The model folder is missing, incomplete or of an unknown format."""


def normalizer_fingerprint() -> str:
    """sha256 of the normaliser sources (normalize.py + slang.py) the model depends on."""
    text_dir = Path(__file__).resolve().parent.parent / "text"
    h = hashlib.sha256()
    for name in ("normalize.py", "slang.py"):
        p = text_dir / name
        h.update(name.encode())
        h.update(p.read_bytes() if p.exists() else b"")
    return h.hexdigest()


@dataclass
class Group:
    """Labels trained on one data set: one vocabulary, one idf, one weight matrix.

    Columns are the word features first, then the char features (as in the JSON).
    """

    name: str
    labels: tuple[str, ...]
    word_features: list[str]
    char_features: list[str]
    idf: np.ndarray  # float32, n_features
    coef: np.ndarray  # float32, n_features x n_labels
    intercept: np.ndarray  # float32, n_labels

    @property
    def n_features(self) -> int:
        return len(self.idf)


_EMPTY = np.zeros(0, dtype=np.int64)
_KNOWN = partial(is_not, None)  # filters out the features a vocabulary lacks (id 0 is a feature)


class TextClassifier:
    """Probabilities per label for a normalised text (HS, Abusive, HS_Religion, ..., sara, radikalisme).

    All groups are merged into one feature index at load time, so a text costs one dict
    lookup per feature and a handful of numpy operations whatever the number of labels:
    ``idf`` becomes an (n_features x n_groups) matrix with zeros where a group lacks a
    feature (which then neither counts nor weighs), ``coef`` an (n_features x n_labels)
    matrix. The numbers are those of `features` + per-group TF-IDF, as in training.
    """

    def __init__(self, manifest: dict, groups: list[Group]):
        if manifest.get("format") not in FORMATS:
            raise ModelError(f"unknown model format {manifest.get('format')!r} (expected {FORMAT})")
        self.manifest = manifest
        self.version: str = manifest["version"]
        self.config: dict = dict(manifest["features"])
        if not (1 <= self.config["word_ngrams"][0] <= self.config["word_ngrams"][1] <= 2):
            raise ModelError("word_ngrams must lie within 1..2")
        self.sublinear = bool(self.config.get("sublinear_tf", True))
        self.groups = groups
        self.labels: tuple[str, ...] = tuple(lab for g in groups for lab in g.labels)
        if len(set(self.labels)) != len(self.labels):
            raise ModelError("a label appears in two model groups")
        th = manifest.get("thresholds", {})
        self.thresholds: dict[str, float] = {lab: float(th.get(lab, 0.5)) for lab in self.labels}
        self.calibration: dict[str, tuple[float, float]] = {
            lab: (float(a), float(b)) for lab, (a, b) in manifest.get("calibration", {}).items()}
        try:
            self.rules: dict[str, RuleScorer] = {
                key: RuleScorer.from_manifest(key, d) for key, d in manifest.get("rules", {}).items()}
        except (KeyError, TypeError, ValueError) as e:
            raise ModelError(f"rule scorers in the manifest cannot be read: {e}") from e
        self.model_dir: str | None = None
        self._build_index()

    def _build_index(self) -> None:
        words: dict[str, int] = {}
        chars: dict[str, int] = {}
        for g in self.groups:
            for f in g.word_features:
                words.setdefault(f, len(words))
            for f in g.char_features:
                chars.setdefault(f, len(chars))
        nw = len(words)
        chars = {f: nw + i for f, i in chars.items()}  # one index space: words, then chars
        n = nw + len(chars)
        idf = np.zeros((n, len(self.groups)), dtype=np.float32)
        coef = np.zeros((n, len(self.labels)), dtype=np.float32)
        label_group = np.zeros(len(self.labels), dtype=np.int64)
        col = 0
        for gi, g in enumerate(self.groups):
            rows = np.array([words[f] for f in g.word_features] + [chars[f] for f in g.char_features],
                            dtype=np.int64)
            idf[rows, gi] = g.idf
            k = len(g.labels)
            coef[rows, col:col + k] = g.coef
            label_group[col:col + k] = gi
            col += k
        self._words = words
        self._chars = chars
        self._n_words = nw
        self._idf = idf
        self._coef = coef
        self._intercept = np.concatenate([g.intercept for g in self.groups]).astype(np.float32) \
            if self.groups else np.zeros(0, dtype=np.float32)
        self._label_group = label_group
        self._char_cache: dict[str, bytes] = {}

    # -- loading -----------------------------------------------------------------

    @classmethod
    def load(cls, model_dir: str | Path | None = None) -> "TextClassifier":
        """Load a model folder (None or "" = the bundled model). No pickle anywhere."""
        d = Path(model_dir) if model_dir else BUNDLED_DIR
        mpath = d / MANIFEST
        if not mpath.is_file():
            raise ModelError(f"no {MANIFEST} in {d} (run `rambu train`)")
        manifest = json.loads(mpath.read_text(encoding="utf-8"))
        groups = []
        for g in manifest.get("groups", []):
            try:
                meta = json.loads((d / g["vocab"]).read_text(encoding="utf-8"))
                with np.load(d / g["weights"], allow_pickle=False) as z:
                    coef = np.ascontiguousarray(z["coef"], dtype=np.float32)
                    intercept = np.asarray(z["intercept"], dtype=np.float32)
            except (OSError, KeyError, ValueError) as e:
                raise ModelError(f"model group {g.get('name')!r} in {d} cannot be read: {e}") from e
            groups.append(make_group(g["name"], g["labels"], meta, coef, intercept))
        clf = cls(manifest, groups)
        clf.model_dir = str(d)
        return clf

    # -- prediction --------------------------------------------------------------

    def _char_ids(self, word: str) -> bytes:
        """The ids of the word's known char n-grams as int64 bytes: a text's are joined and read by numpy
        without a Python int per id (`memoryview(...).cast("q")` reads them one by one)."""
        ids = self._char_cache.get(word)
        if ids is None:
            ids = array("q", filter(_KNOWN, map(self._chars.get, F.char_grams(word, self.config)))).tobytes()
            if len(self._char_cache) >= WORD_CACHE:
                self._char_cache.clear()
            self._char_cache[word] = ids
        return ids

    def features(self, doc: Normalized) -> tuple[np.ndarray, np.ndarray]:
        """Known features of a document: sorted feature ids and their counts."""
        words, char_words = F.units(doc, self.config)
        parts = [array("q", filter(_KNOWN, map(self._words.get, words))).tobytes()]
        cache = self._char_cache
        for w in char_words:
            c = cache.get(w)
            parts.append(c if c is not None else self._char_ids(w))
        ids = b"".join(parts)
        if not ids:
            return _EMPTY, _EMPTY
        return np.unique(np.frombuffer(ids, dtype=np.int64), return_counts=True)

    def vectors(self, doc: Normalized,
                feats: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """TF-IDF values of a document: (feature ids, values[n_ids x n_groups]), each group's
        word block and char block L2-normalised as in training. `feats`: the document's `features`, if known."""
        ids, counts = self.features(doc) if feats is None else feats
        if self.sublinear:
            tf = (1.0 + np.log(counts)).astype(np.float32)
        else:
            tf = counts.astype(np.float32)
        vals = self._idf[ids] * tf[:, None]
        split = int(np.searchsorted(ids, self._n_words))
        for block in (vals[:split], vals[split:]):  # views, normalised in place
            if len(block):
                norms = np.sqrt(np.einsum("ij,ij->j", block, block))
                norms[norms == 0] = 1.0
                block /= norms
        return ids, vals

    def decision(self, doc: Normalized) -> dict[str, float]:
        """Raw logits per label (before the sigmoid)."""
        ids, vals = self.vectors(doc)
        if len(ids):
            z = np.einsum("ij,ij->j", vals[:, self._label_group], self._coef[ids]) + self._intercept
        else:
            z = self._intercept
        return dict(zip(self.labels, z.tolist()))

    def probabilities(self, logits: Mapping[str, float]) -> dict[str, float]:
        """Logits to probabilities, calibrated (Platt, fitted out of fold) where the manifest says how."""
        cal = self.calibration
        return {lab: sigmoid(cal[lab][0] * z + cal[lab][1]) if lab in cal else sigmoid(z)
                for lab, z in logits.items()}

    def predict(self, doc: Normalized) -> dict[str, float]:
        """Probability 0..1 for every label."""
        return self.probabilities(self.decision(doc))

    def rule_scorer(self, key: str) -> RuleScorer | None:
        """How rule `key` ("rule1", "rule2") combines this model with its word lists, if trained for it."""
        scorer = self.rules.get(key)
        return scorer if scorer is not None and key in self.labels else None

    def contributions(self, doc: Normalized, label: str) -> list[tuple[int, float]]:
        """Token indices with how much each moved `label`'s logit, largest first (for explanations).

        A feature's share (TF-IDF value x weight) is split evenly between its occurrences; a word
        bigram gives half to each of its two words.
        """
        col = self.labels.index(label)
        feats = self.features(doc)
        ids, vals = self.vectors(doc, feats)
        if not len(ids):
            return []
        share = dict(zip(ids.tolist(), (vals[:, self._label_group[col]] * self._coef[ids, col]).tolist()))
        counts = feats[1]
        per = {i: share[i] / c for i, c in zip(ids.tolist(), counts.tolist())}
        out: dict[int, float] = {}
        prev: tuple[int, str] | None = None
        n = 0
        for ti, t in enumerate(doc.tokens):
            if t.kind == F.BREAK_KIND:
                prev = None
                continue
            if t.kind not in F.FEATURE_KINDS or not t.norm:
                continue
            n += 1
            if n > self.config["max_tokens"]:
                break
            w = per.get(self._words.get(t.norm, -1), 0.0)
            if t.kind in F.CHAR_KINDS:
                w += sum(per.get(c, 0.0) for c in memoryview(self._char_ids(t.norm)).cast("q"))
            if prev is not None:
                half = per.get(self._words.get(prev[1] + " " + t.norm, -1), 0.0) / 2
                w += half
                out[prev[0]] = out.get(prev[0], 0.0) + half
            out[ti] = out.get(ti, 0.0) + w
            prev = (ti, t.norm)
        return sorted(out.items(), key=lambda p: -p[1])

    def predict_text(self, text: str) -> dict[str, float]:
        return self.predict(normalize(text))

    def flags(self, doc: Normalized) -> dict[str, bool]:
        """Label -> probability at or above the recommended threshold from the model card."""
        return {lab: p >= self.thresholds[lab] for lab, p in self.predict(doc).items()}

    # -- housekeeping ------------------------------------------------------------

    def normalizer_changed(self) -> bool:
        """True if the normaliser sources differ from those the model was trained with.

        Then the model still works, but features may have drifted: retrain (`rambu train`).
        """
        fp = self.manifest.get("normalizer_fingerprint")
        return bool(fp) and fp != normalizer_fingerprint()

    def __repr__(self) -> str:
        return f"TextClassifier(version={self.version!r}, labels={len(self.labels)})"


def make_group(name: str, labels, meta: Mapping, coef: np.ndarray, intercept: np.ndarray) -> Group:
    """Build a group from its JSON part (vocab, idf) and its weights."""
    words = meta["word_vocab"]
    chars = meta["char_vocab"]
    nw = len(words)
    idf = np.asarray(meta["idf"], dtype=np.float32)
    labels = tuple(labels)
    if len(idf) != nw + len(chars) or coef.shape != (len(idf), len(labels)) or intercept.shape != (len(labels),):
        raise ModelError(f"model group {name!r}: vocabulary, idf and weights do not fit together")
    return Group(
        name=name,
        labels=labels,
        word_features=list(words),
        char_features=list(chars),
        idf=idf,
        coef=coef,
        intercept=intercept,
    )
