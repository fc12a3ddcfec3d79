"""Immutable results of the contract (``../shared/contract`` section 4)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


_FIELD_RE = re.compile(r"^(target\.)?media\[(\d+)\]\.(ocr_text|transcript)$")


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
    what = "teks pada media" if m.group(3) == "ocr_text" else "transkrip media"
    return f"{what} {int(m.group(2)) + 1}" + (" konten yang ditanggapi" if m.group(1) else "")


@dataclass(frozen=True, slots=True)
class Evidence:
    field: str  # "text", "target.text", "media[0].ocr_text", "live.started_at", ...
    start: int
    end: int
    quote: str

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "start": self.start, "end": self.end, "quote": self.quote}


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
        return d
