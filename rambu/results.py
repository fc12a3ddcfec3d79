"""Immutable results of the contract (``../shared/contract`` section 4)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


_FIELD_RE = re.compile(r"^(target\.)?media\[(\d+)\]\.(ocr_text|transcript|image|path|kind)$")
_MEDIA_PART = {"ocr_text": "teks pada media", "transcript": "transkrip media", "image": "gambar media",
               "path": "berkas media", "kind": "media"}


def field_label(path: Any) -> str:
    """A contract field path quoted in evidence, in Indonesian: "text" -> "teks unggahan",
    "target.media[0].ocr_text" -> "teks pada media 1 konten yang ditanggapi"."""
    p = str(path or "")
    fixed = {"text": "teks unggahan", "target.text": "teks konten yang ditanggapi",
             "live.transcript": "transkrip siaran langsung"}
    if p in fixed:
        return fixed[p]
    m = _FIELD_RE.match(p)
    if not m:
        return p
    what = _MEDIA_PART[m.group(3)]
    return f"{what} {int(m.group(2)) + 1}" + (" konten yang ditanggapi" if m.group(1) else "")


@dataclass(frozen=True, slots=True)
class Evidence:
    field: str  # "text", "target.text", "media[0].ocr_text", "media[0].image", "live.started_at", ...
    start: int
    end: int
    quote: str
    box: tuple[int, int, int, int] | None = None  # media: x0, y0, x1, y1 in the picture or frame
    size: tuple[int, int] | None = None  # width, height of that picture or frame
    time: tuple[float, float] | None = None  # media: seconds from the start of the video or audio

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"field": self.field, "start": self.start, "end": self.end, "quote": self.quote}
        for k in ("box", "size", "time"):
            v = getattr(self, k)
            if v is not None:
                d[k] = list(v)
        return d


@dataclass(frozen=True, slots=True)
class MediaReport:
    """What the extractors read from one media file, with their versions and timings."""

    field: str  # "media[0]", "target.media[1]"
    path: str
    extraction: Any  # rambu.media.extracted.Extraction

    @classmethod
    def of(cls, field: str, path: str | None, extraction: Any) -> "MediaReport":
        return cls(field, path or "", extraction)

    def to_dict(self) -> dict[str, Any]:
        x = self.extraction
        d: dict[str, Any] = {"field": self.field, "path": self.path, "kind": x.kind, "sha256": x.sha256}
        if x.size:
            d["size"] = list(x.size)
        if x.duration is not None:
            d["duration"] = round(x.duration, 2)
        if x.kind != "image":
            d["has_audio"] = x.has_audio
        if x.ocr:
            d["ocr_text"] = " ".join(l.text for l in x.ocr)
        if x.transcript:
            d["transcript"] = " ".join(l.text for l in x.transcript)
        if x.transcript_source:
            d["transcript_source"] = x.transcript_source
        if x.regions:
            d["regions"] = [{"kind": r.kind, "score": r.score, "box": list(r.box),
                             **({"time": r.time} if r.time is not None else {}), "detail": r.detail}
                            for r in x.regions]
        d["extractors"] = [{"name": s.name, "version": s.version, "seconds": s.seconds,
                            **({"detail": s.detail} if s.detail else {})} for s in x.steps]
        d["cached"] = x.cached
        if x.problems:
            d["problems"] = list(x.problems)
        return d


@dataclass(frozen=True, slots=True)
class Sanction:
    ethics: str  # "sanksi moral"
    statement: str  # "pernyataan secara tertutup" | "pernyataan secara terbuka"
    discipline_level: str | None  # None | "ringan" | "sedang" | "berat" (PP 94/2021 Art. 8)
    reason: str
    severity: str  # "rendah" | "sedang" | "tinggi"
    basis: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"ethics": self.ethics, "statement": self.statement,
                "discipline_level": self.discipline_level, "reason": self.reason,
                "severity": self.severity, "basis": list(self.basis)}


@dataclass(frozen=True, slots=True)
class Finding:
    rule: int
    confidence: float
    needs_review: bool
    evidence: tuple[Evidence, ...]
    explanation: str
    basis: tuple[str, ...]
    detector: str  # registered, versioned name, e.g. "rule1.ideology@1"
    score_detail: tuple[str, ...] = ()  # how the confidence came about, step by step
    sanction: Sanction | None = None
    extra: tuple[tuple[str, Any], ...] = ()  # detector-specific facts (e.g. matched register id)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "rule": self.rule,
            "confidence": round(self.confidence, 3),
            "needs_review": self.needs_review,
            "evidence": [e.to_dict() for e in self.evidence],
            "explanation": self.explanation,
            "basis": list(self.basis),
            "sanction": self.sanction.to_dict() if self.sanction else None,
            "detector": self.detector,
            "score_detail": list(self.score_detail),
        }
        d.update(dict(self.extra))
        return d


@dataclass(frozen=True, slots=True)
class Result:
    id: str | None
    decision: str  # "violation" | "review" | "clean" | "error"
    findings: tuple[Finding, ...] = ()
    errors: tuple[str, ...] = ()  # detector failures: the activity was only partly screened
    line: int | None = None
    engine_version: str = ""
    models: tuple[tuple[str, str], ...] = field(default=())
    media: tuple[MediaReport, ...] = ()

    @staticmethod
    def decide(findings: tuple[Finding, ...]) -> str:
        if any(not f.needs_review for f in findings):
            return "violation"
        return "review" if findings else "clean"

    def to_dict(self) -> dict[str, Any]:
        if self.decision == "error" and not self.findings:
            return {"id": self.id, "line": self.line, "error": "; ".join(self.errors)}
        d: dict[str, Any] = {"id": self.id, "decision": self.decision,
                             "findings": [f.to_dict() for f in self.findings]}
        if self.errors:
            d["errors"] = list(self.errors)
        if self.line is not None:
            d["line"] = self.line
        d["engine"] = {"version": self.engine_version, "models": dict(self.models)}
        if self.media:
            d["media"] = [m.to_dict() for m in self.media]
        return d
