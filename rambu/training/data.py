"""Training data: the public data sets, their cleaning, and the labels the models learn.

The files are read from the data folder (default ``../shared/data``), never
copied into the repository. Each data set says how its annotations become
the model's labels; a label the data set does not annotate is unknown (-1)
and that row is left out of that label's training.
"""
from __future__ import annotations

import codecs
import csv
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping, Sequence

import numpy as np

from ..files import sha256_file
from ..text.normalize import BBCODE_RE, BYTE_ESCAPES_RE, SMILEY_RE

_LITERAL_ESC_RE = re.compile(r"\\([ntr'\"\\])")
_ESC_MAP = {"n": "\n", "t": " ", "r": "\n", "'": "'", '"': '"', "\\": "\\"}
_PLACEHOLDER_RE = re.compile(r"\b(?:USER|URL)\b|^\s*RT\b:?|\bRT\s+(?=USER\b)")
_SPACES_RE = re.compile(r"[ \t\u00a0]+")
_NL_SPACES_RE = re.compile(r" ?\n ?")


def _tidy(text: str) -> str:
    return _NL_SPACES_RE.sub("\n", _SPACES_RE.sub(" ", text)).strip()


def _decode_bytes(m: re.Match) -> str:
    """A run of literal byte escapes (UTF-8 mangled to text) back to characters; drop undecodable bytes."""
    raw = bytes(int(h, 16) for h in re.findall(r"\\x([0-9a-fA-F]{2})", m.group()))
    return codecs.decode(raw, "utf-8", errors="ignore")


def _common(text: str) -> str:
    text = BYTE_ESCAPES_RE.sub(_decode_bytes, text)
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
    text = BBCODE_RE.sub(" ", text)
    text = SMILEY_RE.sub(" ", text)
    return _tidy(text)


# ----------------------------------------------------------------------------- data sets

# The labels of the bundled model, in order. "rule1" and "rule2" are what rules 1 and 2 read; the
# data sets' own labels stay for `rambu classify` and the model card.
LABELS: tuple[str, ...] = (
    "rule1", "rule2", "HS", "Abusive", "HS_Individual", "HS_Group", "HS_Religion", "HS_Race", "HS_Physical",
    "HS_Gender", "HS_Other", "sara", "radikalisme", "pornografi", "pencemaran_nama_baik")
UNKNOWN = -1


@dataclass(frozen=True)
class DataSet:
    name: str
    path: str  # relative to the data folder
    text_column: str
    labels: tuple[str, ...]  # the file's annotation columns (0/1)
    clean: Callable[[str], str]
    citation: str
    licence: str
    to_labels: Callable[[Mapping[str, int], str], dict[str, int]] = lambda r, t: {}  # annotations, text -> labels
    is_clean: Callable[[Mapping[str, int]], bool] = lambda r: not any(r.values())  # no harm at all


def _ibrohim_labels(r: Mapping[str, int], text: str) -> dict[str, int]:
    out = {lab: r[lab] for lab in r if lab in LABELS}
    out["rule2"] = int(r["HS_Religion"] or r["HS_Race"])
    # Hate against the state is not annotated: a tweet without hate speech is surely not rule 1, a hateful
    # one is left out of rule 1's model. (Weak labels -- hate speech naming the state -- were tried: the model
    # then mixed insults of officials with radicalism and found a third less radicalism at the same rate of
    # false accusations. Rule 1 reads hate against the government from the `HS` model plus its word lists.)
    out["rule1"] = 0 if not r["HS"] else UNKNOWN
    return out


def _netifier_labels(r: Mapping[str, int], text: str) -> dict[str, int]:
    out = {lab: r[lab] for lab in r if lab in LABELS}
    out["rule2"] = r["sara"]
    out["rule1"] = r["radikalisme"]
    return out


DATASETS: tuple[DataSet, ...] = (
    DataSet("ibrohim2019", "ibrohim2019/train.csv", "Tweet",
            ("HS", "Abusive", "HS_Individual", "HS_Group", "HS_Religion", "HS_Race", "HS_Physical", "HS_Gender",
             "HS_Other"),
            clean_ibrohim,
            "Ibrohim, M. O. and Budi, I. (2019). Multi-label Hate Speech and Abusive Language Detection in "
            "Indonesian Twitter. Proceedings of the Third Workshop on Abusive Language Online (ALW3), ACL.",
            "CC BY-NC-SA 4.0", _ibrohim_labels, lambda r: not (r["HS"] or r["Abusive"])),
    DataSet("netifier", "netifier/train.csv", "original_text",
            ("sara", "radikalisme", "pornografi", "pencemaran_nama_baik"),
            clean_netifier,
            "Izzan, A., Wibisono, C. and Putra, I. F. Netifier: Indonesian social-media text toxicity data set "
            "(Instagram, Twitter, Kaskus), as distributed by NusaCrowd.",
            "CC BY-NC-SA 4.0 (as listed by NusaCrowd)", _netifier_labels),
)
BY_NAME = {ds.name: ds for ds in DATASETS}




@dataclass
class Loaded:
    ds: DataSet
    texts: list[str]
    y: dict[str, np.ndarray]  # the file's own annotations
    sha256: str
    rows_in_file: int


def load_dataset(ds: DataSet, data_dir: Path, limit: int | None = None, seed: int = 0) -> Loaded:
    p = Path(data_dir) / ds.path
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
    return Loaded(ds, texts, y, sha256_file(p)[0], n_file)


@dataclass
class Corpus:
    """All training rows of all sources: texts, model labels (n x len(LABELS), -1 unknown) and where each came from."""

    texts: list[str]
    source: np.ndarray  # index into `sources`
    sources: list[str]
    y: np.ndarray  # int8, n x len(LABELS)
    clean: np.ndarray  # bool: annotated as harmless (no hate, no abuse): the false-accusation base
    fingerprints: dict = field(default_factory=dict)
    # what a correct screening finds, from the annotations only (`rambu.evaluation.labelled.PRESETS`):
    # (expected rules, unknown rules, clean); training labels may add weak labels, measurement never does
    truth: list = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.texts)

    def label(self, name: str) -> np.ndarray:
        return self.y[:, LABELS.index(name)]

    def take(self, rows: Sequence[int] | np.ndarray) -> "Corpus":
        rows = np.asarray(rows)
        return Corpus([self.texts[i] for i in rows], self.source[rows], self.sources, self.y[rows],
                      self.clean[rows], self.fingerprints, [self.truth[i] for i in rows])


def corpus_from(loaded: Sequence[Loaded], extra: Sequence[tuple[str, str, Mapping[str, int]]] = ()) -> Corpus:
    """One corpus of the data sets (in order) plus extra rows (source name, text, model labels), e.g. feedback."""
    from ..evaluation.labelled import PRESETS

    texts: list[str] = []
    source: list[int] = []
    rows: list[list[int]] = []
    clean: list[bool] = []
    truth: list = []
    sources: list[str] = []
    fingerprints = {}
    for data in loaded:
        sources.append(data.ds.name)
        fingerprints[data.ds.path] = {"sha256": data.sha256, "rows_in_file": data.rows_in_file,
                                      "rows_used": len(data.texts)}
        for i, text in enumerate(data.texts):
            ann = {lab: int(data.y[lab][i]) for lab in data.ds.labels}
            labels = data.ds.to_labels(ann, text)
            texts.append(text)
            source.append(len(sources) - 1)
            rows.append([labels.get(lab, UNKNOWN) for lab in LABELS])
            clean.append(data.ds.is_clean(ann))
            truth.append(PRESETS[data.ds.name].rules({k: str(v) for k, v in ann.items()}))
    for name, text, labels in extra:
        if name not in sources:
            sources.append(name)
        texts.append(text)
        source.append(sources.index(name))
        rows.append([int(labels.get(lab, UNKNOWN)) for lab in LABELS])
        clean.append(False)  # reviewers' dismissals are negatives for a rule, not proof of a harmless post
        known = {int(k[4:]): v for k, v in labels.items() if k in ("rule1", "rule2") and v >= 0}
        truth.append((frozenset(r for r, v in known.items() if v == 1),
                      frozenset(r for r in range(1, 8) if r not in known), False))
    y = np.array(rows, dtype=np.int8).reshape(len(texts), len(LABELS))
    return Corpus(texts, np.array(source, dtype=np.int64), sources, y, np.array(clean, dtype=bool), fingerprints,
                  truth)
