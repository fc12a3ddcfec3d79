"""Reviewers' decisions as labelled data: how often each rule is confirmed, at each confidence.

Every confirmed or dismissed finding in the web application is a label. This
module reads them from a rambu database (SQLite or PostgreSQL URL) and

- reports, per rule, the share of reviewed findings that reviewers confirmed
  in each confidence band, and suggests the lowest confirm point (setting
  ``ruleN.violation_threshold``) above which reviewers confirmed at least
  95% (`confirmation_report`; `rambu evaluate --feedback`, the admin page);
- turns rule-1 and rule-2 decisions into training rows (`training_rows`;
  `rambu train --feedback`).

Only the latest decision per finding counts (a reopened and re-reviewed finding
counts once), and the suggestion uses findings of the detector version in use,
whose confidences are on the same scale.
"""
from __future__ import annotations

from dataclasses import dataclass
from math import sqrt
from typing import Iterable

from .. import display
from .metrics import percent

TARGET = 0.95  # share of confirmed findings reviewers should see above the suggested point
MIN_REVIEWED = 20  # fewer reviewed findings above a point say too little
BANDS = tuple(round(0.05 * i, 2) for i in range(20))  # 0.00, 0.05, ... 0.95


class FeedbackError(RuntimeError):
    """The database cannot be read."""


@dataclass(frozen=True)
class Decision:
    finding_id: int
    rule: int
    detector: str
    confidence: float
    confirmed: bool
    texts: dict


def load_decisions(url_or_session) -> list[Decision]:
    """The latest confirmed/dismissed decision of every reviewed finding."""
    from sqlalchemy import select
    from sqlalchemy.exc import SQLAlchemyError

    from ..store.models import Feedback

    try:
        if isinstance(url_or_session, str):
            from sqlalchemy import create_engine
            from sqlalchemy.orm import Session
            engine = create_engine(url_or_session)
            with Session(engine) as s:
                rows = list(s.scalars(select(Feedback).order_by(Feedback.id)))
                out = _latest(rows)
            engine.dispose()
            return out
        return _latest(url_or_session.scalars(select(Feedback).order_by(Feedback.id)))
    except (SQLAlchemyError, ValueError) as e:
        raise FeedbackError(f"basis data tidak dapat dibaca: {e}") from None


def _latest(rows: Iterable) -> list[Decision]:
    latest: dict[int, Decision] = {}
    for fb in rows:
        if getattr(fb, "withdrawn_at", None) is not None:
            continue  # a verdict taken back when the review was reopened
        if fb.verdict not in ("confirmed", "dismissed"):
            latest.pop(fb.finding_id, None)  # reopened: the earlier verdict no longer stands
            continue
        latest[fb.finding_id] = Decision(fb.finding_id, fb.rule, fb.detector or "", float(fb.confidence),
                                         fb.verdict == "confirmed", dict(fb.texts or {}))
    return list(latest.values())


def _wilson_low(k: int, n: int, z: float = 1.96) -> float:
    if n == 0:
        return 0.0
    p = k / n
    d = 1 + z * z / n
    return (p + z * z / (2 * n) - z * sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / d


def rule_report(decisions: list[Decision], rule: int, current: float | None, detector: str | None) -> dict:
    """Bands, confirmation above each point, and the suggested confirm point for one rule."""
    mine = [d for d in decisions if d.rule == rule]
    same = [d for d in mine if detector and d.detector == detector]
    use = same if len(same) >= MIN_REVIEWED else mine
    bands = []
    for lo in BANDS:
        hi = round(lo + 0.05, 2)
        inside = [d for d in mine if lo <= d.confidence < hi or (hi >= 1.0 and d.confidence >= lo)]
        if inside:
            k = sum(d.confirmed for d in inside)
            bands.append({"from": lo, "to": hi, "reviewed": len(inside), "confirmed": k,
                          "confirm_rate": round(k / len(inside), 4)})
    suggestion = None
    for lo in BANDS:
        above = [d for d in use if d.confidence >= lo]
        k = sum(d.confirmed for d in above)
        if len(above) >= MIN_REVIEWED and k / len(above) >= TARGET:
            suggestion = {"threshold": lo, "reviewed": len(above), "confirmed": k,
                          "confirm_rate": round(k / len(above), 4),
                          "confirm_rate_low": round(_wilson_low(k, len(above)), 4)}
            break
    at_current = None
    if current is not None:
        above = [d for d in use if d.confidence >= current]
        if above:
            k = sum(d.confirmed for d in above)
            at_current = {"reviewed": len(above), "confirmed": k, "confirm_rate": round(k / len(above), 4)}
    return {"rule": rule, "reviewed": len(mine), "confirmed": sum(d.confirmed for d in mine),
            "detector": detector, "same_detector": len(same), "bands": bands, "current_threshold": current,
            "at_current": at_current, "suggested_threshold": suggestion}


def current_points(config) -> dict[int, tuple[float, str]]:
    """The confirm point in force and the detector's versioned name, per rule."""
    from ..analysis import Resources
    from ..detectors import detector_classes
    from ..engine import _bundled_classifier

    res = Resources(config=config, classifier=_bundled_classifier(config))
    out = {}
    for cls in detector_classes():
        det = cls(res)
        out[det.rule] = (round(det.violation_threshold, 4), det.qualified_name)
    return out


def confirmation_report(url_or_session, config, points: dict[int, tuple[float, str]] | None = None) -> dict:
    """Per rule: bands, confirmation above the point in force, and the suggested point. `points` (rule ->
    (confirm point, detector name)) defaults to those of the engine built from `config`."""
    decisions = load_decisions(url_or_session)
    points = points if points is not None else current_points(config)
    return {"target": TARGET, "min_reviewed": MIN_REVIEWED, "reviewed": len(decisions),
            "rules": [rule_report(decisions, r, *points.get(r, (None, None))) for r in range(1, 8)]}


def _num(x: float | None) -> str:
    return "-" if x is None else display.score(x)


def render_report(report: dict) -> str:
    lines = [f"Keputusan pemeriksa: {report['reviewed']} temuan ditinjau. Saran ambang pelanggaran: titik terendah "
             f"yang di atasnya pemeriksa mengonfirmasi sedikitnya {percent(report['target'])} "
             f"(minimal {report['min_reviewed']} temuan).", ""]
    for r in report["rules"]:
        if not r["reviewed"]:
            lines.append(f"Larangan {r['rule']}: belum ada temuan yang ditinjau.")
            continue
        lines.append(f"Larangan {r['rule']}: {r['reviewed']} ditinjau, {r['confirmed']} dikonfirmasi; "
                     f"ambang pelanggaran sekarang {_num(r['current_threshold'])}")
        for b in r["bands"]:
            lines.append(f"  keyakinan {_num(b['from'])}-{_num(b['to'])}: {b['reviewed']:>5} ditinjau, "
                         f"{percent(b['confirm_rate']):>6} dikonfirmasi")
        cur = r["at_current"]
        if cur:
            lines.append(f"  di atas ambang sekarang: {percent(cur['confirm_rate'])} dikonfirmasi ({cur['reviewed']} temuan)")
        s = r["suggested_threshold"]
        lines.append(f"  saran ambang: {_num(s['threshold'])} ({percent(s['confirm_rate'])} dikonfirmasi dari "
                     f"{s['reviewed']} temuan; batas bawah 95%: {percent(s['confirm_rate_low'])})" if s
                     else "  saran ambang: belum ada (terlalu sedikit temuan atau konfirmasi di bawah target)")
        lines.append("")
    return "\n".join(lines)


def training_rows(decisions: list[Decision]) -> list[tuple[str, str, dict]]:
    """(source, text, labels) rows for `rambu train`: a confirmed rule-1/2 finding is a positive of its rule,
    a dismissed one a negative. Other rules have no text model to train."""
    rows = []
    for d in decisions:
        if d.rule not in (1, 2):
            continue
        text = d.texts.get("text") or next((v for k, v in sorted(d.texts.items())
                                            if k.startswith("media[") and isinstance(v, str)), None)
        if isinstance(text, str) and text.strip():
            rows.append(("feedback", text, {f"rule{d.rule}": int(d.confirmed)}))
    return rows


def feedback_rows(url: str) -> list[tuple[str, str, dict]]:
    return training_rows(load_decisions(url))
