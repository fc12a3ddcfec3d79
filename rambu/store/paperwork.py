"""Adapter to `rambu.documents` (letters and reports as PDF, CSV/XLSX export, SVG charts).

Calls the documents package when it is installed; small fallbacks keep the web
application working while it is not (plain PDF via fpdf2, csv, XlsxWriter,
simple SVG), so a missing renderer never blocks a case.
"""
from __future__ import annotations

import csv
import io
import json
import logging
from html import escape
from typing import Any

log = logging.getLogger("rambu.web")


def _doc(module: str, name: str):
    try:
        mod = __import__(f"rambu.documents.{module}", fromlist=[name])
        return getattr(mod, name)
    except (ImportError, AttributeError):
        return None


def letter(kind: str, context: dict) -> bytes:
    fn = _doc("pdf", "render_letter")
    if fn is not None:
        return fn(kind, context)
    return _plain_pdf(_LETTER_TITLES.get(kind, kind), [{"heading": "Data", "text": json.dumps(
        context, ensure_ascii=False, indent=1, default=str)}])


def report(title: str, sections: list[dict], generated_at=None) -> bytes:
    """`generated_at`: an aware time in the reader's zone (the page footer prints it with WIB/WITA/WIT)."""
    fn = _doc("pdf", "render_report")
    if fn is not None:
        return fn(title, sections, generated_at=generated_at)
    return _plain_pdf(title, sections)


def to_csv(rows: list[dict], columns: list[str]) -> bytes:
    """Semicolons and the decimal comma, as Indonesian spreadsheets read CSV."""
    fn = _doc("export", "to_csv")
    if fn is not None:
        return fn(rows, columns, delimiter=";", decimal=",")
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";")
    w.writerow(columns)
    for r in rows:
        w.writerow([_cell(r.get(c)) for c in columns])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(rows: list[dict], columns: list[str], sheet: str = "Data") -> bytes:
    fn = _doc("export", "to_xlsx")
    if fn is not None:
        return fn(rows, columns, sheet=sheet)
    import xlsxwriter
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    ws = wb.add_worksheet(sheet[:31])
    for j, c in enumerate(columns):
        ws.write_string(0, j, c)
    for i, r in enumerate(rows, 1):
        for j, c in enumerate(columns):
            v = r.get(c)
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                ws.write_number(i, j, v)
            else:
                ws.write_string(i, j, _cell(v))
    wb.close()
    return buf.getvalue()


def bar_chart(data: list[tuple[str, float]], title: str) -> str:
    fn = _doc("charts", "bar_chart")
    if fn is not None:
        return fn(data, title)
    return _plain_bars(data, title)


def line_chart(series: dict[str, list[tuple[str, float]]], title: str) -> str:
    fn = _doc("charts", "line_chart")
    if fn is not None:
        return fn(series, title)
    flat = [(f"{name} {x}", y) for name, pts in series.items() for x, y in pts]
    return _plain_bars(flat, title)


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    s = str(v)
    return "'" + s if s[:1] in ("=", "+", "-", "@") else s  # no formula injection


_LETTER_TITLES = {"summons": "Surat Panggilan Sidang Kode Etik", "hearing_minutes": "Berita Acara Sidang Kode Etik",
                  "decision": "Keputusan Majelis Kode Etik"}


def _plain_pdf(title: str, sections: list[dict]) -> bytes:
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, _latin(title))
    pdf.set_font("Helvetica", size=10)
    for sec in sections:
        if sec.get("heading"):
            pdf.set_font("Helvetica", "B", 11)
            pdf.multi_cell(0, 7, _latin(sec["heading"]))
            pdf.set_font("Helvetica", size=10)
        if sec.get("text"):
            pdf.multi_cell(0, 5, _latin(sec["text"]))
        table = sec.get("table") or {}
        for row in ([table["columns"]] if table.get("columns") else []) + list(table.get("rows") or []):
            pdf.multi_cell(0, 5, _latin(" | ".join(str(x) for x in row)))
    return bytes(pdf.output())


def _latin(s: str) -> str:
    return str(s).encode("latin-1", "replace").decode("latin-1")


def _plain_bars(data: list[tuple[str, float]], title: str) -> str:
    h = 24 * max(len(data), 1) + 40
    top = max([v for _, v in data] + [1])
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 640 {h}" width="100%">'
             f"<title>{escape(title)}</title>"]
    for i, (label, v) in enumerate(data):
        y = 30 + i * 24
        w = 380 * (v or 0) / top
        parts.append(f'<text x="0" y="{y + 14}" font-size="12">{escape(str(label))[:40]}</text>'
                     f'<rect x="220" y="{y}" width="{w:.1f}" height="18" fill="#0072B2"/>'
                     f'<text x="{224 + w:.1f}" y="{y + 14}" font-size="12">{v:g}</text>')
    parts.append("</svg>")
    return "".join(parts)
