"""An activity analysed once, read by every detector (the spaCy Doc of rambu)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Callable

from .contract.activity import Activity
from .settings import Config
from .text.lexicon import Lexicon
from .text.normalize import Normalized, normalize


@dataclass(frozen=True, slots=True)
class Located:
    """Where a stretch of a media text field was found: a box in the picture or frame, a time range."""

    start: int  # characters of the field text
    end: int
    box: tuple[int, int, int, int] | None = None
    size: tuple[int, int] | None = None  # the picture or frame the box is in
    time: tuple[float, float] | None = None  # seconds


@dataclass(frozen=True, slots=True)
class TextField:
    path: str  # contract path quoted in evidence: "text", "target.text", "media[0].ocr_text"
    role: str  # "own" (the author's words) or "target" (what the author reacted to)
    doc: Normalized
    where: tuple[Located, ...] = ()  # for text read from a medium: which line came from where


@dataclass(frozen=True, slots=True)
class SeenRegion:
    """An image signal (flag, emblem, face) with the medium it was seen in."""

    media: str  # "media[0]", "target.media[1]"
    role: str
    region: Any  # rambu.media.extracted.Region
    size: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class Unexamined:
    """A medium, or part of one, that could not be examined: it becomes a finding that needs review."""

    field: str  # "media[0].path"
    quote: str
    reason: str  # Indonesian


@dataclass
class Resources:
    """Shared, read-only things detectors need; built once per Screener (and per worker)."""

    config: Config
    classifier: Any = None  # rambu.classify.model.TextClassifier
    factchecks: Any = None  # rambu.factcheck.matcher.FactCheckIndex
    staff: Any = None  # rambu.staff.directory.StaffDirectory
    calendar: Any = None  # rambu.staff.dutytime.DutyCalendar
    media: Any = None  # rambu.media.extractor.MediaExtractor (None: media files are not opened)
    lexicon: Lexicon = field(default_factory=Lexicon)  # every detector's word lists, indexed together


@dataclass
class Analysis:
    activity: Activity
    resources: Resources
    fields: tuple[TextField, ...]
    notes: list[str] = field(default_factory=list)  # what could not be read (missing media, OCR failure)
    regions: tuple[SeenRegion, ...] = ()  # image signals of all media
    media: tuple[Any, ...] = ()  # rambu.results.MediaReport per examined file
    unexamined: tuple[Unexamined, ...] = ()
    draft: bool = False  # a pre-publication check: advice to the author, not an accusation
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

    def locate(self, evidence):
        """Evidence from media text with the box and time range of the lines it quotes."""
        from dataclasses import replace
        by_path = {f.path: f.where for f in self.fields if f.where}
        out = []
        for e in evidence:
            where = [w for w in by_path.get(e.field, ()) if w.start < e.end and e.start < w.end]
            if not where:
                out.append(e)
                continue
            boxed = [w for w in where if w.box]
            box = None
            if boxed and all(w.time == boxed[0].time for w in boxed):  # one picture or frame: the union
                box = (min(w.box[0] for w in boxed), min(w.box[1] for w in boxed),
                       max(w.box[2] for w in boxed), max(w.box[3] for w in boxed))
            elif boxed:
                box = boxed[0].box
            timed = [w.time for w in where if w.time]
            time = (min(t[0] for t in timed), max(t[1] for t in timed)) if timed else None
            out.append(replace(e, box=box, size=boxed[0].size if boxed else None, time=time))
        return tuple(out)


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


def analyse(activity: Activity, resources: Resources, draft: bool = False) -> Analysis:
    fields: list[TextField] = []
    media = _MediaReader(resources, activity.base_dir)
    if activity.text:
        fields.append(TextField("text", "own", normalize(activity.text)))
    fields += media.fields(activity.media, "media", "own")
    if activity.live and activity.live.transcript:
        fields.append(TextField("live.transcript", "own", normalize(activity.live.transcript)))
    if activity.target:
        if activity.target.text:
            fields.append(TextField("target.text", "target", normalize(activity.target.text)))
        fields += media.fields(activity.target.media, "target.media", "target")
    if activity.live and activity.live.uniform is None and any(m.kind == "video" for m in activity.media):
        media.notes.append("seragam pada video siaran langsung tidak dideteksi dari gambar (belum dapat dilakukan "
                           "secara andal tanpa internet); isi live.uniform bila diketahui")
    return Analysis(activity, resources, tuple(fields), media.notes, tuple(media.regions), tuple(media.reports),
                    tuple(media.unexamined), draft)


class _MediaReader:
    """Turns the media of an activity into text fields, image signals, reports and unexamined parts."""

    def __init__(self, resources: Resources, base_dir: str | None):
        self.extractor, self.base_dir = resources.media, base_dir
        self.notes: list[str] = []
        self.regions: list[SeenRegion] = []
        self.reports: list[Any] = []
        self.unexamined: list[Unexamined] = []

    def fields(self, media, prefix: str, role: str) -> list[TextField]:
        if not media:
            return []  # most activities: nothing to extract, and the media modules need not be looked up
        from .media.extracted import MediaError
        from .media.extractor import Want
        todo = [(i, os.path.join(self.base_dir or "", m.path), Want(m.ocr_text is None, m.transcript is None))
                for i, m in enumerate(media) if m.path and self.extractor is not None]
        got = dict(zip((i for i, _, _ in todo), self.extractor.extract_many([(p, w) for _, p, w in todo]))) if todo else {}
        out: list[TextField] = []
        for i, m in enumerate(media):
            label = f"{prefix}[{i}]"
            ext = got.get(i)
            if isinstance(ext, MediaError):
                self._unexamined(f"{label}.path", m.path or "", f"{m.kind} tidak dapat diperiksa: {ext}")
                ext = None
            elif ext is not None:
                self._report(label, m, ext, role)
            elif m.ocr_text is None and (m.kind == "image" or m.transcript is None):
                why = ("berkas media tidak dibuka (ekstraksi media dimatikan)" if m.path else
                       "media tanpa berkas (path), tanpa ocr_text dan tanpa transcript")
                self._unexamined(f"{label}.path" if m.path else f"{label}.kind", m.path or m.kind,
                                 f"{m.kind}: isi tidak diperiksa: {why}")
            out += self._text(f"{label}.ocr_text", role, m.ocr_text, ext.ocr if ext else (), ext)
            out += self._text(f"{label}.transcript", role, m.transcript, ext.transcript if ext else (), ext)
        return out

    def _unexamined(self, field_: str, quote: str, reason: str) -> None:
        self.unexamined.append(Unexamined(field_, quote, reason))
        self.notes.append(f"{field_}: {reason}")

    def _report(self, label: str, m, ext, role: str) -> None:
        from .results import MediaReport
        self.reports.append(MediaReport.of(label, m.path, ext))
        self.regions += [SeenRegion(label, role, r, ext.size) for r in ext.regions]
        for p in ext.problems:
            self._unexamined(f"{label}.path", m.path, p)

    @staticmethod
    def _text(path: str, role: str, given: str | None, lines, ext) -> list[TextField]:
        if given is not None:
            return [TextField(path, role, normalize(given))] if given else []
        parts, where, pos = [], [], 0
        for l in lines:
            time = (l.start, l.end) if l.start is not None else None
            where.append(Located(pos, pos + len(l.text), l.box, ext.size if l.box else None, time))
            parts.append(l.text)
            pos += len(l.text) + 1
        return [TextField(path, role, normalize(" ".join(parts)), tuple(where))] if parts else []
