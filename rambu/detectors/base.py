"""The detector base class: a rule is mostly data on top of two hooks.

Hook 1, ``detect(doc)``, yields candidates (evidence spans, a base score and
the reasons for it). Hook 2, ``assess(candidate, doc)``, lets context raise,
lower or drop a candidate (news reporting, condemnation, official release).
The base class turns what survives into immutable Findings, applying the
thresholds from the settings table and the rule's legal basis.

Word lists live in the class attribute ``lists`` (name -> phrases, or
phrase -> label); operators extend them in the settings file under
``[lists.<key>]`` and the base class compiles them into ``self.terms``.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar, Iterable, Mapping

from .. import display
from ..analysis import Analysis, Resources, TextField
from ..results import Evidence, Finding
from ..text.lexicon import Match, TermSet


@dataclass(frozen=True, slots=True)
class Candidate:
    confidence: float
    evidence: tuple[Evidence, ...]
    explanation: str  # Indonesian, the specific reason; the base adds the rule and basis
    score_detail: tuple[str, ...] = ()
    needs_review: bool = False
    extra: tuple[tuple[str, Any], ...] = ()

    def adjust(self, factor: float, why: str) -> "Candidate":
        c = max(0.0, min(1.0, self.confidence * factor))
        return replace(self, confidence=c, score_detail=self.score_detail + (f"{why}: x{display.factor(factor)} -> {display.score(c)}",))


class Detector:
    rule: ClassVar[int]
    key: ClassVar[str]  # settings key and list namespace, e.g. "rule1"
    name: ClassVar[str]  # registered name, e.g. "rule1.ideology"
    version: ClassVar[int] = 1
    title: ClassVar[str]  # short Indonesian name of the prohibition
    basis: ClassVar[tuple[str, ...]]
    lists: ClassVar[Mapping[str, Iterable[str] | Mapping[str, str]]] = {}
    exact_lists: ClassVar[tuple[str, ...]] = ()  # lists matched without Indonesian affix stripping
    verbal_lists: ClassVar[tuple[str, ...]] = ()  # lists matched with inflectional affixes only (no ter-, pe-an)
    roles: ClassVar[tuple[str, ...]] = ("own",)  # which text fields detect_field reads
    needs: ClassVar[tuple[str, ...]] = ()  # resources required: "classifier", "factchecks", "staff"

    def __init__(self, resources: Resources):
        self.resources = resources
        self.config = resources.config
        self.terms: dict[str, TermSet] = {}
        for list_name, data in self.lists.items():
            affixes = "verbal" if list_name in self.verbal_lists else list_name not in self.exact_lists
            pairs = list(data.items()) if isinstance(data, Mapping) else [(t, list_name) for t in data]
            pairs += [(t, list_name) for t in self.config.extra_terms(self.key, list_name)]
            self.terms[list_name] = resources.lexicon.termset(pairs, affixes=affixes)
        self.report_threshold = resources.config.threshold(self.rule, "threshold")
        self.violation_threshold = resources.config.threshold(self.rule, "violation_threshold")
        self.setup(resources)

    @property
    def qualified_name(self) -> str:
        return f"{self.name}@{self.version}"

    def setup(self, resources: Resources) -> None:
        """Compile anything beyond the word lists (patterns, models). Optional."""

    # hook 1
    def detect(self, doc: Analysis) -> Iterable[Candidate]:
        for f in doc.fields:
            if f.role in self.roles:
                yield from self.detect_field(doc, f)

    def detect_field(self, doc: Analysis, f: TextField) -> Iterable[Candidate]:
        return ()

    # hook 2
    def assess(self, cand: Candidate, doc: Analysis) -> Candidate | None:
        return cand

    def run(self, doc: Analysis) -> list[Finding]:
        out = []
        for cand in self.detect(doc):
            cand = self.assess(cand, doc)
            if cand is None or cand.confidence < self.report_threshold:
                continue
            review = cand.needs_review or cand.confidence < self.violation_threshold
            out.append(Finding(
                rule=self.rule, confidence=round(cand.confidence, 3), needs_review=review,
                evidence=cand.evidence, explanation=f"Larangan {self.rule} ({self.title}): {cand.explanation}",
                basis=self.basis, detector=self.qualified_name, score_detail=cand.score_detail,
                extra=cand.extra))
        return _merge(out)

    # helpers for subclasses
    def find(self, list_name: str, f: TextField) -> list[Match]:
        return self.terms[list_name].find(f.doc)

    @staticmethod
    def evidence(f: TextField, first: int, last: int) -> Evidence:
        start, end, quote = f.doc.quote(first, last)
        return Evidence(f.path, start, end, quote)


def _merge(findings: list[Finding]) -> list[Finding]:
    """One finding per rule and field group: keep the strongest, pool the evidence."""
    if len(findings) < 2:
        return findings
    best = max(findings, key=lambda f: f.confidence)
    seen, ev = set(), []
    for f in sorted(findings, key=lambda f: -f.confidence):
        for e in f.evidence:
            k = (e.field, e.start, e.end)
            if k not in seen:
                seen.add(k)
                ev.append(e)
    return [replace(best, evidence=tuple(ev), needs_review=all(f.needs_review for f in findings))]
