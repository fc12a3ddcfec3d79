"""Dashboard figures for leaders: findings and cases by rule, unit, region, month; time to decision; trends."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from . import cases as cases_svc
from .access import Actor, unit_condition
from .findings import filter_conditions
from ..display import num, when
from .models import Case, Finding, Region, Unit

RULES = range(1, 8)


def dashboard(s: Session, actor: Actor, date_from: str | None = None, date_to: str | None = None,
              status: str | None = None) -> dict[str, Any]:
    actor.require("dashboard")
    cond = filter_conditions(s, actor, date_from=date_from, date_to=date_to, status=status)
    units = {u.id: u for u in s.scalars(select(Unit))}
    regions = {r.id: r.name for r in s.scalars(select(Region))}
    by_rule = dict(s.execute(select(Finding.rule, func.count()).where(*cond).group_by(Finding.rule)).all())
    by_status = dict(s.execute(select(Finding.status, func.count()).where(*cond).group_by(Finding.status)).all())
    by_unit_rows = s.execute(select(Finding.unit_id, Finding.status, func.count()).where(*cond)
                             .group_by(Finding.unit_id, Finding.status)).all()
    by_unit: dict[str, int] = defaultdict(int)
    confirmed_by_unit: dict[str, int] = defaultdict(int)
    by_region: dict[str, int] = defaultdict(int)
    for uid, st, n in by_unit_rows:
        u = units.get(uid)
        name = u.name if u else "?"
        by_unit[name] += n
        by_region[regions.get(u.region_id, "?") if u else "?"] += n
        if st == "confirmed":
            confirmed_by_unit[name] += n
    y, m = extract("year", Finding.activity_at), extract("month", Finding.activity_at)
    month_rows = s.execute(select(y, m, Finding.rule, func.count()).where(*cond, Finding.activity_at.is_not(None))
                           .group_by(y, m, Finding.rule)).all()
    by_month: dict[str, int] = defaultdict(int)
    trend: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for yy, mm, rule, n in month_rows:
        key = f"{int(yy):04d}-{int(mm):02d}"
        by_month[key] += n
        trend[f"Larangan {rule}"][key] += n
    months = sorted(by_month)
    case_cond = [unit_condition(actor, Case.unit_id)]
    all_cases = list(s.scalars(select(Case).where(*case_cond)))
    cases_by_stage: dict[str, int] = defaultdict(int)
    cases_by_unit: dict[str, int] = defaultdict(int)
    cases_by_outcome: dict[str, int] = defaultdict(int)
    cases_by_month: dict[str, int] = defaultdict(int)
    decision_days: list[float] = []
    decision_by_month: dict[str, list[float]] = defaultdict(list)
    for c in all_cases:
        cases_by_stage[cases_svc.STAGE_LABELS.get(c.stage, c.stage)] += 1
        cases_by_unit[units[c.unit_id].name if c.unit_id in units else "?"] += 1
        cases_by_month[c.opened_at.strftime("%Y-%m")] += 1
        if c.outcome:
            cases_by_outcome[cases_svc.OUTCOMES.get(c.outcome, c.outcome)] += 1
        if c.closed_at and c.outcome in ("proven", "not_proven"):
            days = (c.closed_at - c.opened_at).total_seconds() / 86400
            decision_days.append(days)
            decision_by_month[c.closed_at.strftime("%Y-%m")].append(days)
    case_rules = dict(s.execute(select(Finding.rule, func.count(func.distinct(Finding.case_id)))
                                .where(Finding.case_id.is_not(None), unit_condition(actor, Finding.unit_id))
                                .group_by(Finding.rule)).all())
    top_units = sorted(confirmed_by_unit.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    return {
        "filters": {"date_from": date_from, "date_to": date_to, "status": status},
        "totals": {"findings": sum(by_rule.values()), "open": by_status.get("open", 0),
                   "confirmed": by_status.get("confirmed", 0), "dismissed": by_status.get("dismissed", 0),
                   "cases": len(all_cases), "cases_open": sum(1 for c in all_cases if c.status == "open")},
        "findings_by_rule": [{"rule": r, "count": by_rule.get(r, 0)} for r in RULES],
        "findings_by_unit": [{"unit": k, "count": v} for k, v in sorted(by_unit.items(), key=lambda kv: -kv[1])],
        "findings_by_region": [{"region": k, "count": v} for k, v in sorted(by_region.items(), key=lambda kv: -kv[1])],
        "findings_by_month": [{"month": k, "count": by_month[k]} for k in months],
        "trend_by_rule": {name: [{"month": k, "count": pts.get(k, 0)} for k in months] for name, pts in sorted(trend.items())},
        "cases_by_rule": [{"rule": r, "count": case_rules.get(r, 0)} for r in RULES],
        "cases_by_stage": [{"stage": k, "count": v} for k, v in cases_by_stage.items()],
        "cases_by_unit": [{"unit": k, "count": v} for k, v in sorted(cases_by_unit.items(), key=lambda kv: -kv[1])],
        "cases_by_outcome": [{"outcome": k, "count": v} for k, v in cases_by_outcome.items()],
        "cases_by_month": [{"month": k, "count": cases_by_month[k]} for k in sorted(cases_by_month)],
        "time_to_decision": {"cases": len(decision_days),
                             "mean_days": round(sum(decision_days) / len(decision_days), 1) if decision_days else None,
                             "by_month": [{"month": k, "mean_days": round(sum(v) / len(v), 1)}
                                          for k, v in sorted(decision_by_month.items())]},
        "top_units": [{"unit": k, "confirmed": v} for k, v in top_units],
        "overdue_cases": cases_svc.overdue_cases(s, actor) if actor.can("cases.read") else [],
    }


def charts(d: dict) -> dict[str, str]:
    from . import paperwork as p
    return {
        "rule": p.bar_chart([(f"Larangan {x['rule']}", x["count"]) for x in d["findings_by_rule"]], "Temuan per larangan"),
        "unit": p.bar_chart([(x["unit"], x["count"]) for x in d["findings_by_unit"][:15]], "Temuan per unit"),
        "region": p.bar_chart([(x["region"], x["count"]) for x in d["findings_by_region"]], "Temuan per wilayah"),
        "month": p.line_chart({"Temuan": [(x["month"], x["count"]) for x in d["findings_by_month"]],
                               "Kasus": [(x["month"], x["count"]) for x in d["cases_by_month"]]},
                              "Temuan dan kasus per bulan"),
        "trend": p.line_chart({k: [(x["month"], x["count"]) for x in v] for k, v in d["trend_by_rule"].items()},
                              "Tren temuan per larangan"),
        "cases_rule": p.bar_chart([(f"Larangan {x['rule']}", x["count"]) for x in d["cases_by_rule"]], "Kasus per larangan"),
        "decision": p.line_chart({"Rata-rata hari": [(x["month"], x["mean_days"]) for x in d["time_to_decision"]["by_month"]]},
                                 "Waktu sampai putusan (hari)"),
        "top_units": p.bar_chart([(x["unit"], x["confirmed"]) for x in d["top_units"]], "Unit dengan temuan terkonfirmasi terbanyak"),
    }


# (key of the row, header as users read it) -- exports are in Indonesian, times in each unit's zone
FINDING_COLUMNS = [("id", "ID"), ("activity_at", "Waktu aktivitas"), ("rule", "Larangan"), ("rule_name", "Nama larangan"),
                   ("confidence_pct", "Keyakinan (%)"), ("needs_review", "Perlu tinjauan"), ("status_label", "Status"),
                   ("unit", "Unit"), ("nip", "NIP"), ("staff_name", "Pegawai"), ("platform_label", "Platform"),
                   ("quote", "Kutipan bukti"), ("url", "Tautan"), ("activity_id", "ID aktivitas"), ("batch_id", "Batch"),
                   ("line", "Baris"), ("case_id", "Kasus"), ("explanation", "Penjelasan")]
CASE_COLUMNS = [("number", "Nomor kasus"), ("unit", "Unit"), ("nip", "NIP"), ("staff_name", "Pegawai"),
                ("stage_label", "Tahap"), ("status_label", "Status"), ("opened_at", "Dibuka"), ("closed_at", "Ditutup"),
                ("outcome_label", "Putusan"), ("sanction_label", "Sanksi moral"), ("discipline_level", "Hukuman disiplin"),
                ("due_at", "Batas waktu tahap"), ("overdue", "Lewat batas"), ("officer", "Petugas")]
TIMES = ("activity_at", "opened_at", "closed_at", "due_at")


def _export_row(d: dict, columns: list[tuple[str, str]]) -> dict:
    from ..display import stamp
    out = {}
    for key, header in columns:
        v = d.get(key)
        if key in TIMES:
            v = stamp(v, d.get("tz"))
        elif isinstance(v, bool):
            v = "ya" if v else "tidak"
        out[header] = v
    return out


def export_rows(s: Session, actor: Actor, table: str, **filters) -> tuple[list[dict], list[str]]:
    actor.require("export")
    from . import audit
    if table == "findings":
        from .findings import finding_dict
        cond = filter_conditions(s, actor, **filters)
        items = [finding_dict(f) for f in s.scalars(select(Finding).where(*cond).order_by(Finding.id))]
        cols = FINDING_COLUMNS
    elif table == "cases":
        items = cases_svc.list_cases(s, actor, status="all", limit=10**9)["items"]
        for c in items:
            c["status_label"] = cases_svc.STATUS_LABELS.get(c["status"], c["status"])
            c["sanction_label"] = cases_svc.STATEMENTS.get(c.get("sanction_statement") or "")
        cols = CASE_COLUMNS
    else:
        from .access import NotFound
        raise NotFound("tabel tidak dikenal")
    audit.record(s, actor, "export", table, "", detail={"rows": len(items), "filters": filters})
    return [_export_row(d, cols) for d in items], [header for _, header in cols]


EXPORT_NAMES = {"findings": "temuan", "cases": "kasus"}


def report_sections(d: dict) -> list[dict]:
    t = d["totals"]
    ttd = d["time_to_decision"]
    secs = [
        {"heading": "Ringkasan", "text": (f"Temuan: {t['findings']} (menunggu tinjauan {t['open']}, dikonfirmasi "
                                         f"{t['confirmed']}, ditolak {t['dismissed']}). Kasus: {t['cases']} "
                                         f"({t['cases_open']} masih berjalan). Rata-rata waktu sampai putusan: "
                                         f"{num(ttd['mean_days']) if ttd['mean_days'] is not None else '-'} hari "
                                         f"({ttd['cases']} kasus).")},
        {"heading": "Temuan per larangan", "table": {"columns": ["Larangan", "Jumlah"],
                                                    "rows": [[f"Larangan {x['rule']}", x["count"]] for x in d["findings_by_rule"]]}},
        {"heading": "Temuan per wilayah", "table": {"columns": ["Wilayah", "Jumlah"],
                                                   "rows": [[x["region"], x["count"]] for x in d["findings_by_region"]]}},
        {"heading": "Unit dengan temuan terkonfirmasi terbanyak",
         "table": {"columns": ["Unit", "Dikonfirmasi"], "rows": [[x["unit"], x["confirmed"]] for x in d["top_units"]]}},
        {"heading": "Kasus per tahap", "table": {"columns": ["Tahap", "Jumlah"],
                                                "rows": [[x["stage"], x["count"]] for x in d["cases_by_stage"]]}},
        {"heading": "Kasus melewati batas waktu",
         "table": {"columns": ["Nomor", "Unit", "Tahap", "Batas"],
                   "rows": [[c["number"], c["unit"], c["stage_label"], when(c["due_at"], c.get("tz"), with_time=False)]
                            for c in d["overdue_cases"]]}},
    ]
    ch = charts(d)
    secs[1:1] = [{"heading": "Grafik: temuan per larangan", "chart": ch["rule"]},
                 {"heading": "Grafik: temuan dan kasus per bulan", "chart": ch["month"]}]
    return secs
