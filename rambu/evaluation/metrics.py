"""Per-rule figures of a screening run against labelled items.

For each rule, counted twice: over *any* finding (review included) and over
*confirmed* findings (violations that need no review):

- precision: of the items the rule flagged, the share that should have been;
- recall: of the items that break the rule, the share it flagged;
- false-accusation rate: of the clean items (harmless), the share it flagged;
- review rate: the share of all items with a finding of the rule that needs review.

An item's ``unknown`` rules count neither way. Items that failed to screen are
counted apart. Figures are given overall and per source.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Mapping

from .. import display
from .labelled import Labelled

RULES = tuple(range(1, 8))


@dataclass
class Counts:
    items: int = 0
    clean: int = 0
    positives: int = 0
    flagged: int = 0  # any finding
    flagged_confirmed: int = 0
    tp: int = 0
    tp_confirmed: int = 0
    fp: int = 0
    fp_confirmed: int = 0
    clean_flagged: int = 0
    clean_confirmed: int = 0
    review: int = 0

    def figures(self) -> dict[str, float | int | None]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None
        return {
            "items": self.items, "positives": self.positives, "clean": self.clean,
            "precision": ratio(self.tp, self.tp + self.fp),
            "precision_confirmed": ratio(self.tp_confirmed, self.tp_confirmed + self.fp_confirmed),
            "recall": ratio(self.tp, self.positives),
            "recall_confirmed": ratio(self.tp_confirmed, self.positives),
            "false_accusation_rate": ratio(self.clean_flagged, self.clean),
            "false_accusation_rate_confirmed": ratio(self.clean_confirmed, self.clean),
            "review_rate": ratio(self.review, self.items),
            "tp": self.tp, "fp": self.fp, "fn": self.positives - self.tp,
        }


@dataclass
class Evaluation:
    by_rule: dict[str, dict[int, Counts]] = field(default_factory=dict)  # source ("" = all) -> rule -> counts
    any_rule: dict[str, Counts] = field(default_factory=dict)  # clean items with any finding, per source
    errors: int = 0

    def add(self, item: Labelled, result: Mapping) -> None:
        if "error" in result and "findings" not in result:
            self.errors += 1
            return
        findings = result.get("findings", [])
        found = {f["rule"] for f in findings}
        confirmed = {f["rule"] for f in findings if not f.get("needs_review")}
        for source in ("", item.source) if item.source else ("",):
            rules = self.by_rule.setdefault(source, {r: Counts() for r in RULES})
            for r, c in rules.items():
                c.items += 1
                c.clean += item.clean
                if r in item.unknown:
                    continue
                pos = r in item.expected
                c.positives += pos
                if r in found:
                    c.flagged += 1
                    c.tp += pos
                    c.fp += not pos
                    c.clean_flagged += item.clean
                    c.review += r not in confirmed
                if r in confirmed:
                    c.flagged_confirmed += 1
                    c.tp_confirmed += pos
                    c.fp_confirmed += not pos
                    c.clean_confirmed += item.clean
            total = self.any_rule.setdefault(source, Counts())
            total.items += 1
            total.clean += item.clean
            if item.clean and found - item.unknown:
                total.clean_flagged += 1
            if item.clean and confirmed - item.unknown:
                total.clean_confirmed += 1

    def to_dict(self) -> dict:
        out: dict = {"errors": self.errors, "sources": {}}
        for source, rules in self.by_rule.items():
            out["sources"][source or "semua"] = {
                "rules": {str(r): c.figures() for r, c in rules.items() if c.positives or c.flagged},
                "clean_items_with_any_finding": self.any_rule[source].figures()["false_accusation_rate"],
                "clean_items_with_confirmed_finding":
                    self.any_rule[source].figures()["false_accusation_rate_confirmed"],
            }
        return out


def evaluate(pairs: Iterable[tuple[Labelled, Mapping]]) -> Evaluation:
    ev = Evaluation()
    for item, result in pairs:
        ev.add(item, result)
    return ev


def percent(x: float | None) -> str:
    """0.913 -> "91,3%" ("-" when there is nothing to divide)."""
    return "-" if x is None else f"{display.num(100 * x, 1)}%"


def table(ev: Evaluation) -> str:
    """The figures as a readable Indonesian table, one block per source."""
    d = ev.to_dict()
    lines = []
    for source, block in d["sources"].items():
        lines.append(f"Sumber: {source}")
        lines.append(f"{'larangan':>8} {'positif':>7} {'presisi':>8} {'presisi*':>8} {'recall':>7} {'recall*':>7} "
                     f"{'tuduhan salah':>13} {'tuduhan salah*':>14} {'tinjauan':>8}")
        for r, f in block["rules"].items():
            lines.append(f"{r:>8} {f['positives']:>7} {percent(f['precision']):>8} {percent(f['precision_confirmed']):>8} "
                         f"{percent(f['recall']):>7} {percent(f['recall_confirmed']):>7} "
                         f"{percent(f['false_accusation_rate']):>13} {percent(f['false_accusation_rate_confirmed']):>14} "
                         f"{percent(f['review_rate']):>8}")
        lines.append(f"  item bersih dengan temuan apa pun: {percent(block['clean_items_with_any_finding'])}; "
                     f"dengan pelanggaran terkonfirmasi: {percent(block['clean_items_with_confirmed_finding'])}")
        lines.append("")
    lines.append("* = hanya temuan terkonfirmasi (pelanggaran tanpa tinjauan). Tuduhan salah = bagian item bersih "
                 "yang diberi temuan.")
    if ev.errors:
        lines.append(f"{ev.errors} item gagal diperiksa (tidak dihitung).")
    return "\n".join(lines)
