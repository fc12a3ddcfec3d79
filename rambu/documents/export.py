"""Tabular exports: CSV for Excel and XLSX (XlsxWriter, in memory).

API::

    to_csv(rows: list[dict], columns: list[str]) -> bytes
    to_xlsx(rows: list[dict], columns: list[str], sheet: str = "Data") -> bytes

``columns`` are the row keys, in order, and also the header. Keys missing from
a row give an empty cell; keys not in ``columns`` are left out.

CSV: UTF-8 with a byte-order mark (so Excel detects UTF-8), RFC 4180 quoting
and CRLF line ends. Formula-injection safe: a text cell (header included)
starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a leading
``'`` so a spreadsheet shows it as text; plain numbers (``-5``, ``+3.2``) and
real numeric values are left as they are. Dates are ISO, ``None`` is empty,
lists and dicts are JSON.

XLSX: bold header row, frozen and filtered, column widths from the content,
numbers as numbers, ``date``/``datetime`` values (and strings holding an ISO
date ``YYYY-MM-DD`` or date-time) as real Excel dates with a date format;
text is always written as text, never as a formula or link.
"""
from __future__ import annotations

import csv
import io
import json
import math
import re
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

__all__ = ["to_csv", "to_xlsx", "safe_cell"]

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d+)?|\.\d+)([eE][+-]?\d+)?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$")
XLSX_MAX_CHARS = 32767


def safe_cell(text: str) -> str:
    """Neutralise spreadsheet formulas: prefix ``'`` to text starting with = + - @ tab CR."""
    if text and text.startswith(_DANGEROUS) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    if isinstance(value, (dict, list, tuple, set)):
        return json.dumps(list(value) if isinstance(value, set) else value, ensure_ascii=False,
                          default=str)
    return str(value)


def to_csv(rows: list[dict], columns: list[str], delimiter: str = ",", decimal: str = ".") -> bytes:
    """CSV bytes (UTF-8 with BOM, CRLF, RFC 4180 quoting, formulas neutralised).

    Indonesian spreadsheets read ``delimiter=";"`` with ``decimal=","`` (1,5 not 1.5)."""
    columns = [str(c) for c in columns]
    buf = io.StringIO()
    writer = csv.writer(buf, dialect="excel", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n", delimiter=delimiter)
    writer.writerow([safe_cell(c) for c in columns])
    for row in rows or []:
        row = row if isinstance(row, dict) else {}
        out = []
        for c in columns:
            value = row.get(c)
            text = _text(value)
            if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                out.append(text.replace(".", decimal) if isinstance(value, (float, Decimal)) else text)  # data, not a formula
            else:
                out.append(safe_cell(text))
        writer.writerow(out)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(name: str) -> str:
    name = _SHEET_BAD.sub("_", str(name or "")).strip("'").strip()
    return name[:31] or "Data"


def _as_datetime(value: Any) -> date | datetime | None:
    if isinstance(value, (datetime, date)):
        return value
    if isinstance(value, str):
        s = value.strip()
        try:
            if _ISO_DATE.match(s):
                return date.fromisoformat(s)
            if _ISO_DATETIME.match(s):
                return datetime.fromisoformat(s.replace("Z", "+00:00"))
        except ValueError:
            return None
    return None


def to_xlsx(rows: list[dict], columns: list[str], sheet: str = "Data") -> bytes:
    """XLSX workbook bytes with one sheet: bold frozen header, widths, real dates."""
    import xlsxwriter  # declared dependency (XlsxWriter)

    columns = [str(c) for c in columns]
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
        "nan_inf_to_errors": True,
        "remove_timezone": True,
    })
    ws = wb.add_worksheet(_sheet_name(sheet))
    bold = wb.add_format({"bold": True, "bg_color": "#E1E6EE", "border": 1, "text_wrap": True,
                          "valign": "top"})
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy", "valign": "top"})
    dt_fmt = wb.add_format({"num_format": "dd/mm/yyyy hh:mm", "valign": "top"})
    text_fmt = wb.add_format({"valign": "top"})
    widths = [min(max(len(c), 6), 60) + 2 for c in columns]
    for j, c in enumerate(columns):
        ws.write_string(0, j, c, bold)
    for i, row in enumerate(rows or [], start=1):
        row = row if isinstance(row, dict) else {}
        for j, c in enumerate(columns):
            value = row.get(c)
            width = 0
            when = _as_datetime(value)
            if value is None or (isinstance(value, str) and value == ""):
                continue
            if isinstance(value, bool):
                ws.write_boolean(i, j, value, text_fmt)
                width = 6
            elif isinstance(value, (int, float, Decimal)):
                v = float(value)
                ws.write_number(i, j, v, text_fmt)
                width = len(f"{v:g}")
            elif when is not None:
                if isinstance(when, datetime):
                    ws.write_datetime(i, j, when, dt_fmt)
                    width = 16
                else:
                    ws.write_datetime(i, j, datetime(when.year, when.month, when.day), date_fmt)
                    width = 10
            else:
                text = _text(value)[:XLSX_MAX_CHARS]
                ws.write_string(i, j, text, text_fmt)
                width = max((len(line) for line in text.splitlines()), default=0)
            widths[j] = max(widths[j], min(width, 60) + 2)
    for j, w in enumerate(widths):
        ws.set_column(j, j, w)
    if columns:
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(rows or []), 1), len(columns) - 1)
    wb.close()
    return out.getvalue()
