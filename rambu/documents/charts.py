"""Standalone, accessible SVG charts for the web application and the PDF reports.

API::

    bar_chart(data: list[tuple[str, float]], title: str, width=640, height=320) -> str
    line_chart(series: dict[str, list[tuple[str, float]]], title: str, width=640, height=320) -> str

Both return a complete ``<svg>`` document (no XML prolog, so it can be inlined
in HTML or written to a ``.svg`` file) with:

* ``role="img"``, a ``<title>`` and a ``<desc>`` that lists the data in words,
  referenced by ``aria-labelledby`` (screen readers read the numbers);
* every label escaped (a label ``<script>`` stays text), no JavaScript, no
  external fonts (a generic system font stack), no external references;
* a ``viewBox`` and ``width="100%"`` style so it scales down on a phone, with
  large type: the bar chart is horizontal (labels on the left, one row per
  item) so long names such as work-unit names stay readable; ``height`` is a
  minimum and grows with the number of bars;
* empty data ("Tidak ada data"), zero values, negative values, ``None`` and
  non-finite values (shown as "-", drawn as zero) are handled.

The line chart uses a colour-blind safe palette (Okabe-Ito) plus distinct dash
patterns and marker shapes, so series differ without colour too.
"""
from __future__ import annotations

import hashlib
import math
import re
from html import escape

__all__ = ["bar_chart", "line_chart", "PALETTE"]

# Okabe-Ito colour-blind safe palette (black dropped, used for text).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442")
DASHES = ("", "6 4", "2 3", "8 3 2 3", "1 4", "10 4", "4 2")
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
TEXT = "#1a1a1a"
MUTED = "#555555"
GRID = "#d9d9d9"
EMPTY = "Tidak ada data"
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _esc(value: object) -> str:
    """Escape for XML text and attributes; drop characters XML 1.0 forbids."""
    return escape(_CTRL.sub("", str(value)), quote=True)


def _num(value: object) -> float | None:
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def _fmt(value: float | None) -> str:
    """Indonesian number style: 1.234,5 (thousands dot, decimal comma)."""
    if value is None:
        return "-"
    if abs(value - round(value)) < 1e-9:
        return f"{int(round(value)):,}".replace(",", ".")
    s = f"{value:,.2f}".rstrip("0").rstrip(".")
    return s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _shorten(label: str, max_chars: int) -> str:
    label = " ".join(str(label).split())
    if len(label) <= max_chars:
        return label
    return label[: max(1, max_chars - 1)].rstrip() + "\u2026"


def _nice_ticks(lo: float, hi: float, count: int = 5, integer: bool = False) -> list[float]:
    """Round tick values covering [lo, hi] (lo <= 0 <= hi is typical); whole
    steps only when ``integer`` (counts)."""
    if hi == lo:
        hi = lo + 1
    raw = (hi - lo) / max(1, count)
    mag = 10 ** math.floor(math.log10(raw))
    steps = (1, 2, 5, 10) if integer else (1, 2, 2.5, 5, 10)
    step = next(m * mag for m in steps if m * mag >= raw)
    if integer:
        step = max(1.0, step)
    start = math.floor(lo / step) * step
    ticks = []
    t = start
    while t < hi + step * 0.5 and len(ticks) < 50:
        ticks.append(round(t, 10))
        t += step
    if ticks[-1] < hi:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _uid(kind: str, title: str, payload: object) -> str:
    digest = hashlib.sha1(f"{kind}|{title}|{payload!r}".encode("utf-8", "replace")).hexdigest()[:10]
    return f"rambu-{kind}-{digest}"


def _open(uid: str, title: str, desc: str, width: int, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'aria-labelledby="{uid}-t {uid}-d" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" preserveAspectRatio="xMidYMid meet" '
        f'style="max-width:100%;height:auto" font-family="{_esc(FONT)}">',
        f'<title id="{uid}-t">{_esc(title)}</title>',
        f'<desc id="{uid}-d">{_esc(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="16" y="30" font-size="20" font-weight="bold" fill="{TEXT}">'
        f"{_esc(_shorten(title, max(10, int((width - 32) / 11))))}</text>",
    ]


def _empty(parts: list[str], width: int, height: int) -> str:
    parts.append(
        f'<text x="{width / 2:.1f}" y="{(height + 40) / 2:.1f}" font-size="18" '
        f'text-anchor="middle" fill="{MUTED}">{EMPTY}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def bar_chart(data: list[tuple[str, float]], title: str, width: int = 640,
              height: int = 320) -> str:
    """Horizontal bar chart of ``(label, value)`` pairs, in the given order."""
    width = max(240, int(width))
    height = max(120, int(height))
    items = [(str(label), _num(value)) for label, value in (data or [])]
    title = str(title or "")
    desc = ("; ".join(f"{label}: {_fmt(v)}" for label, v in items) + ".") if items else EMPTY + "."
    uid = _uid("bar", title, items)
    top, bottom, row = 52, 28, 34
    if not items:
        return _empty(_open(uid, title, desc, width, height), width, height)
    height = max(height, top + bottom + row * len(items))
    row = (height - top - bottom) / len(items)
    parts = _open(uid, title, desc, width, height)

    values = [v for _, v in items if v is not None]
    lo = min([0.0] + values)
    hi = max([0.0] + values)
    ticks = _nice_ticks(lo, hi, integer=all(float(v).is_integer() for v in values)) \
        if (lo or hi) else [0.0, 1.0]
    lo, hi = ticks[0], ticks[-1]
    label_w = min(int(width * 0.38), 16 + 9 * max(len(label) for label, _ in items))
    value_w = 16 + 9 * max(len(_fmt(v)) for _, v in items)
    x0, x1 = label_w + 12, width - value_w - 8
    if x1 - x0 < 60:
        x1 = x0 + 60

    def sx(v: float) -> float:
        return x0 + (v - lo) / (hi - lo) * (x1 - x0)

    for t in ticks:
        x = sx(t)
        parts.append(f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - bottom}" '
                     f'stroke="{GRID}" stroke-width="1"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - bottom + 18}" font-size="13" '
                     f'text-anchor="middle" fill="{MUTED}">{_esc(_fmt(t))}</text>')
    zero = sx(0.0)
    max_chars = max(4, int((label_w - 8) / 8.5))
    bar_h = max(6.0, min(row * 0.66, 28.0))
    for i, (label, v) in enumerate(items):
        cy = top + row * i + row / 2
        val = v if v is not None else 0.0
        xa, xb = sorted((zero, sx(val)))
        parts.append("<g>")
        parts.append(f"<title>{_esc(label)}: {_esc(_fmt(v))}</title>")
        parts.append(f'<text x="{label_w:.1f}" y="{cy + 5:.1f}" font-size="15" text-anchor="end" '
                     f'fill="{TEXT}">{_esc(_shorten(label, max_chars))}</text>')
        parts.append(f'<rect x="{xa:.1f}" y="{cy - bar_h / 2:.1f}" width="{max(xb - xa, 0):.1f}" '
                     f'height="{bar_h:.1f}" fill="{PALETTE[0]}"/>')
        tx = (xb + 6) if val >= 0 else (xb + 6 if xb > zero else max(xa, zero) + 6)
        parts.append(f'<text x="{tx:.1f}" y="{cy + 5:.1f}" font-size="15" font-weight="bold" '
                     f'fill="{TEXT}">{_esc(_fmt(v))}</text>')
        parts.append("</g>")
    parts.append(f'<line x1="{zero:.1f}" y1="{top - 6}" x2="{zero:.1f}" y2="{height - bottom}" '
                 f'stroke="{TEXT}" stroke-width="1.5"/>')
    parts.append("</svg>")
    return "\n".join(parts)


_ISO = re.compile(r"^\d{4}-\d{2}(-\d{2})?([T ].*)?$")


def line_chart(series: dict[str, list[tuple[str, float]]], title: str, width: int = 640,
               height: int = 320) -> str:
    """Line chart: one line per series over shared x labels.

    X labels are taken in order of first appearance; when every label looks
    like an ISO date or month (``2025-03`` or ``2025-03-05``) they are sorted.
    A value missing from a series leaves a gap in its line.
    """
    width = max(280, int(width))
    height = max(200, int(height))
    title = str(title or "")
    clean: dict[str, dict[str, float | None]] = {}
    order: list[str] = []
    for name, points in (series or {}).items():
        pts: dict[str, float | None] = {}
        for x, v in points or []:
            x = str(x)
            if x not in order:
                order.append(x)
            pts[x] = _num(v)
        clean[str(name)] = pts
    if order and all(_ISO.match(x) for x in order):
        order.sort()
    names = list(clean)
    desc_parts = []
    for name in names:
        pts = clean[name]
        desc_parts.append(f"{name}: " + (", ".join(f"{x} {_fmt(pts[x])}" for x in order if x in pts)
                                          or "tidak ada data"))
    desc = ("; ".join(desc_parts) + ".") if order else EMPTY + "."
    uid = _uid("line", title, sorted((n, sorted(p.items())) for n, p in clean.items()))
    parts = _open(uid, title, desc, width, height)
    if not order:
        return _empty(parts, width, height)

    # Legend: wraps onto as many rows as needed.
    legend_y, lx, rows = 56, 16.0, 1
    legend: list[str] = []
    for i, name in enumerate(names):
        label = _shorten(name, 28)
        w = 44 + 8.5 * len(label)
        if lx + w > width - 8 and lx > 16:
            lx, rows = 16.0, rows + 1
        y = legend_y + (rows - 1) * 24
        color, dash = PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        legend.append(f'<line x1="{lx:.1f}" y1="{y - 5}" x2="{lx + 28:.1f}" y2="{y - 5}" '
                      f'stroke="{color}" stroke-width="3"{dash_attr}/>')
        legend.append(_marker(i, lx + 14, y - 5, color))
        legend.append(f'<text x="{lx + 34:.1f}" y="{y}" font-size="14" fill="{TEXT}">'
                      f"{_esc(label)}</text>")
        lx += w
    top = legend_y + (rows - 1) * 24 + 20
    bottom, left, right = 40, 16, 16
    values = [v for pts in clean.values() for v in pts.values() if v is not None]
    lo = min([0.0] + values)
    hi = max([0.0] + values)
    ticks = _nice_ticks(lo, hi, integer=all(float(v).is_integer() for v in values)) \
        if (lo or hi) else [0.0, 1.0]
    lo, hi = ticks[0], ticks[-1]
    left += 10 + 8 * max(len(_fmt(t)) for t in ticks)
    height = max(height, top + bottom + 120)
    parts = _open(uid, title, desc, width, height) + legend
    plot_w, plot_h = width - left - right, height - top - bottom

    def sx(i: int) -> float:
        return left + (plot_w / 2 if len(order) == 1 else plot_w * i / (len(order) - 1))

    def sy(v: float) -> float:
        return top + plot_h - (v - lo) / (hi - lo) * plot_h

    for t in ticks:
        y = sy(t)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
                     f'stroke="{TEXT if t == 0 else GRID}" stroke-width="{1.5 if t == 0 else 1}"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 5:.1f}" font-size="13" text-anchor="end" '
                     f'fill="{MUTED}">{_esc(_fmt(t))}</text>')
    # At most ~6 x labels so they stay legible on a phone.
    max_labels = max(2, int(plot_w / 90))
    step = max(1, math.ceil(len(order) / max_labels))
    shown = list(range(0, len(order), step))
    if shown[-1] != len(order) - 1:
        if len(shown) > 1 and len(order) - 1 - shown[-1] < step / 2:
            shown.pop()  # too close to the last label: keep the last one instead
        shown.append(len(order) - 1)
    for i in shown:
        anchor = "middle"
        if len(order) > 1 and i == 0:
            anchor = "start"
        elif len(order) > 1 and i == len(order) - 1:
            anchor = "end"
        parts.append(f'<text x="{sx(i):.1f}" y="{height - bottom + 22}" font-size="13" '
                     f'text-anchor="{anchor}" fill="{MUTED}">{_esc(_shorten(order[i], 12))}</text>')
    for s, name in enumerate(names):
        color, dash = PALETTE[s % len(PALETTE)], DASHES[s % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        pts = clean[name]
        parts.append("<g>")
        parts.append(f"<title>{_esc(name)}</title>")
        segment: list[str] = []
        segments: list[list[str]] = []
        for i, x in enumerate(order):
            v = pts.get(x)
            if v is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            segment.append(f"{sx(i):.1f},{sy(v):.1f}")
        if segment:
            segments.append(segment)
        for seg in segments:
            if len(seg) > 1:
                parts.append(f'<polyline points="{" ".join(seg)}" fill="none" stroke="{color}" '
                             f'stroke-width="3" stroke-linejoin="round"{dash_attr}/>')
        for i, x in enumerate(order):
            v = pts.get(x)
            if v is None:
                continue
            parts.append(f"<g><title>{_esc(name)}, {_esc(x)}: {_esc(_fmt(v))}</title>"
                         f"{_marker(s, sx(i), sy(v), color)}</g>")
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)


def _marker(i: int, x: float, y: float, color: str) -> str:
    shape = i % 3
    if shape == 0:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{color}"/>'
    if shape == 1:
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{color}"/>'
    return (f'<polygon points="{x:.1f},{y - 5.5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}" '
            f'fill="{color}"/>')
