"""Documents, exports and charts for the web application.

* :mod:`rambu.documents.pdf`: ``render_letter(kind, context)`` (summons, hearing
  minutes, decision of the Majelis Kode Etik) and ``render_report(title, sections)``;
* :mod:`rambu.documents.export`: ``to_csv(rows, columns)``, ``to_xlsx(rows, columns, sheet)``;
* :mod:`rambu.documents.charts`: ``bar_chart(data, title)``, ``line_chart(series, title)`` (SVG).

The submodules are imported lazily so that importing the charts or the CSV
export does not load fpdf2 or XlsxWriter.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["render_letter", "render_report", "to_csv", "to_xlsx", "bar_chart", "line_chart"]

_WHERE = {"render_letter": "pdf", "render_report": "pdf", "to_csv": "export", "to_xlsx": "export",
          "bar_chart": "charts", "line_chart": "charts"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
