"""The admin page "Umpan balik pemeriksa": how often reviewers confirmed each rule, and applying a point.

Every confirmed or dismissed finding is a label (`rambu.evaluation.feedback`). Per rule this shows how
many findings reviewers confirmed at each confidence, and the lowest confirm point above which they
confirmed at least 95%; an admin can apply it as the rule's violation threshold (setting
``ruleN.violation_threshold``), audited with the figures it was based on.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from ..evaluation import feedback as fb
from . import audit, config
from .access import Actor, Invalid


def _points(s: Session, provider: Any) -> dict[int, tuple[float, str]] | None:
    """The confirm point and detector name in force per rule, from the screener the application uses."""
    screener = provider.get(s) if provider is not None else None
    detectors = getattr(screener, "detectors", None)
    if detectors is None:
        return None  # a stand-in screener: read them from the settings through a fresh engine
    return {d.rule: (round(d.violation_threshold, 4), d.qualified_name) for d in detectors}


def report(s: Session, actor: Actor, provider: Any = None) -> dict:
    actor.require("admin")
    rep = fb.confirmation_report(s, config.engine_config(s), _points(s, provider))
    for r in rep["rules"]:
        r["setting"] = f"rule{r['rule']}.violation_threshold"
        r["overridden"] = config.stored(s).get(r["setting"]) is not None
    return rep


def apply(s: Session, actor: Actor, rule: int, threshold: float, provider: Any = None) -> dict:
    """Set rule `rule`'s violation threshold to `threshold`, which must be the point the report suggests."""
    actor.require("admin")
    rep = report(s, actor, provider)
    r = next((x for x in rep["rules"] if x["rule"] == rule), None)
    if r is None:
        raise Invalid(f"larangan tidak dikenal: {rule}")
    sug = r["suggested_threshold"]
    if sug is None:
        raise Invalid(f"larangan {rule}: belum ada saran ambang (terlalu sedikit temuan ditinjau atau konfirmasi "
                      f"di bawah {int(fb.TARGET * 100)}%)")
    if abs(float(threshold) - sug["threshold"]) > 1e-9:
        raise Invalid(f"larangan {rule}: ambang {threshold} bukan saran saat ini ({sug['threshold']}); muat ulang "
                      "halaman")
    config.update_settings(s, actor, {r["setting"]: sug["threshold"]})
    audit.record(s, actor, "feedback.threshold_applied", "setting", r["setting"],
                 detail={"rule": rule, "old": r["current_threshold"], "new": sug["threshold"],
                         "reviewed": sug["reviewed"], "confirmed": sug["confirmed"],
                         "confirm_rate": sug["confirm_rate"]})
    return {"rule": rule, "setting": r["setting"], "threshold": sug["threshold"], "previous": r["current_threshold"]}
