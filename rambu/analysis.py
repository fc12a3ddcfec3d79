"""An activity analysed once, read by every detector (the spaCy Doc of rambu)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Callable

from .contract.activity import Activity
from .settings import Config
from .text.normalize import Normalized, normalize


@dataclass(frozen=True, slots=True)
class TextField:
    path: str  # contract path quoted in evidence: "text", "target.text", "media[0].ocr_text"
    role: str  # "own" (the author's words) or "target" (what the author reacted to)
    doc: Normalized


@dataclass
class Resources:
    """Shared, read-only things detectors need; built once per Screener (and per worker)."""

    config: Config
    classifier: Any = None  # rambu.classify.model.TextClassifier
    factchecks: Any = None  # rambu.factcheck.matcher.FactCheckIndex
    staff: Any = None  # rambu.staff.directory.StaffDirectory
    calendar: Any = None  # rambu.staff.dutytime.DutyCalendar
    ocr: Callable[[str], str | None] | None = None  # image path -> text


@dataclass
class Analysis:
    activity: Activity
    resources: Resources
    fields: tuple[TextField, ...]
    notes: list[str] = field(default_factory=list)  # what could not be read (missing media, OCR failure)
    _logits: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def config(self) -> Config:
        return self.resources.config

    def own(self) -> tuple[TextField, ...]:
        return tuple(f for f in self.fields if f.role == "own")

    def targets(self) -> tuple[TextField, ...]:
        return tuple(f for f in self.fields if f.role == "target")

    def logits(self, f: TextField) -> dict[str, float]:
        """Raw text-classifier outputs (logits) for one field, computed at most once."""
        if f.path not in self._logits:
            clf = self.resources.classifier
            self._logits[f.path] = clf.decision(f.doc) if clf is not None and f.doc.tokens else {}
        return self._logits[f.path]

    def scores(self, f: TextField) -> dict[str, float]:
        """Text-classifier probabilities for one field (calibrated where the model says how)."""
        clf = self.resources.classifier
        return clf.probabilities(self.logits(f)) if clf is not None else {}


def joined(first: TextField, second: TextField, sep: str = "\n") -> tuple[TextField, Callable]:
    """Two fields read as one text (a reply with the message it answers), and a function that maps
    evidence on the joined text back to the original fields: `split(evidence) -> tuple[Evidence, ...]`."""
    from .results import Evidence

    offset = len(first.doc.original) + len(sep)
    doc = normalize(first.doc.original + sep + second.doc.original)
    field = TextField(f"{first.path}+{second.path}", second.role, doc)

    def split(e) -> tuple:
        out = []
        for f, lo, hi, shift in ((first, 0, len(first.doc.original), 0), (second, offset, len(doc.original), offset)):
            a, b = max(e.start, lo), min(e.end, hi)
            if a < b:
                a, b = a - shift, b - shift
                out.append(Evidence(f.path, a, b, f.doc.original[a:b]))
        return tuple(out)

    return field, split


def _media_fields(media, prefix: str, role: str, resources: Resources, base_dir: str | None,
                  notes: list[str]) -> list[TextField]:
    out = []
    for i, m in enumerate(media):
        ocr = m.ocr_text
        if ocr is None and m.kind == "image" and m.path and resources.ocr is not None:
            try:
                ocr = resources.ocr(os.path.join(base_dir or "", m.path))
            except OSError as e:
                notes.append(f"{prefix}[{i}].path: gambar tidak dapat dibaca ({e})")
        elif m.kind in ("video", "audio") and m.transcript is None and m.path:
            notes.append(f"{prefix}[{i}]: {m.kind} tanpa transcript; isi suara tidak diperiksa")
        if ocr:
            out.append(TextField(f"{prefix}[{i}].ocr_text", role, normalize(ocr)))
        if m.transcript:
            out.append(TextField(f"{prefix}[{i}].transcript", role, normalize(m.transcript)))
    return out


def analyse(activity: Activity, resources: Resources) -> Analysis:
    fields: list[TextField] = []
    notes: list[str] = []
    if activity.text:
        fields.append(TextField("text", "own", normalize(activity.text)))
    fields += _media_fields(activity.media, "media", "own", resources, activity.base_dir, notes)
    if activity.live and activity.live.transcript:
        fields.append(TextField("live.transcript", "own", normalize(activity.live.transcript)))
    if activity.target:
        if activity.target.text:
            fields.append(TextField("target.text", "target", normalize(activity.target.text)))
        fields += _media_fields(activity.target.media, "target.media", "target", resources,
                                activity.base_dir, notes)
    return Analysis(activity, resources, tuple(fields), notes)
