"""The red-and-white flag (Sang Merah Putih) by colour and shape.

A flag is a solid red band with a white band of about the same size directly
below it, the two together in proportion 2:3 (so the red band is about three
times as wide as it is high). White above red is reported as
``flag_inverted`` (the flag upside down). The score says how well colour,
fill and proportion fit; a waving or partly hidden flag scores lower, and the
rules send anything below ``media.flag_sure_score`` to review.

Limits: flags seen edge-on, hanging vertically, or smaller than about 1 % of
the picture are not found; a red banner on a white wall can look like a flag
(a flag alone is never a finding: the rules need a further cue).
"""
from __future__ import annotations

import math

import numpy as np

from .extracted import Region

VERSION = "1"
_WORK_SIDE = 640


def find(img: np.ndarray, min_score: float, time: float | None = None) -> list[Region]:
    import cv2
    h0, w0 = img.shape[:2]
    scale = min(1.0, _WORK_SIDE / max(h0, w0))
    small = cv2.resize(img, (max(1, int(w0 * scale)), max(1, int(h0 * scale))), interpolation=cv2.INTER_AREA) \
        if scale < 1 else img
    hsv = cv2.cvtColor(small, cv2.COLOR_BGR2HSV)
    hue, sat, val = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    red = (((hue <= 8) | (hue >= 170)) & (sat >= 110) & (val >= 80)).astype(np.uint8)
    white = (sat <= 45) & (val >= 170)
    red = cv2.morphologyEx(red, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8))
    H, W = red.shape
    n, labels, stats, _ = cv2.connectedComponentsWithStats(red, connectivity=8)
    out = []
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        if area < max(150, 0.004 * H * W) or h < 6:
            continue
        x, y, w, h = _core(labels[y:y + h, x:x + w] == i, x, y)
        if h < 6:
            continue
        fill = float(np.count_nonzero(labels[y:y + h, x:x + w] == i)) / (w * h)
        ratio = w / h
        if fill < 0.72 or not 1.8 <= ratio <= 5.0:
            continue
        below = _fraction(white, x, y + h, w, h)
        above = _fraction(white, x, y - h, w, h)
        inverted = above > below
        wfrac = max(above, below)
        if wfrac < 0.55:
            continue
        band_y = y - h if inverted else y + h
        if _fraction(red.astype(bool), x, band_y, w, h) > 0.1:  # the "white" band must not be red too
            continue
        s_fill = min(1.0, (fill - 0.72) / 0.25)
        s_white = min(1.0, (wfrac - 0.55) / 0.4)
        s_ratio = max(0.0, 1.0 - abs(math.log(ratio / 3.0)) / math.log(5 / 3))
        score = round(0.5 + 0.5 * (0.4 * s_fill + 0.35 * s_white + 0.25 * s_ratio), 3)
        if score < min_score:
            continue
        top = min(y, band_y)
        box = tuple(int(round(v / scale)) for v in (x, top, x + w, min(H, top + 2 * h)))
        detail = (f"pita merah {round(w / scale)}x{round(h / scale)} piksel (perbandingan {ratio:.1f}:1, terisi {fill:.0%}), "
                  f"pita putih {'di atas' if inverted else 'di bawah'}nya {wfrac:.0%} putih")
        out.append(Region("flag_inverted" if inverted else "flag", score, box, time, detail))  # type: ignore[arg-type]
    return out


def _core(comp: np.ndarray, x: int, y: int) -> tuple[int, int, int, int]:
    """The band inside a red component: rows and columns that are at least half as full as the fullest,
    so a red object touching the flag does not stretch its rectangle."""
    for _ in range(2):
        rows = _longest_run(comp.sum(axis=1) >= 0.5 * comp.sum(axis=1).max())
        comp, y = comp[rows[0]:rows[1]], y + rows[0]
        cols = _longest_run(comp.sum(axis=0) >= 0.5 * comp.sum(axis=0).max())
        comp, x = comp[:, cols[0]:cols[1]], x + cols[0]
    return x, y, comp.shape[1], comp.shape[0]


def _longest_run(flags: np.ndarray) -> tuple[int, int]:
    best, start = (0, 0), None
    for i, f in enumerate(list(flags) + [False]):
        if f and start is None:
            start = i
        elif not f and start is not None:
            if i - start > best[1] - best[0]:
                best = (start, i)
            start = None
    return best


def _fraction(mask: np.ndarray, x: int, y: int, w: int, h: int) -> float:
    """Share of the mask set in the rectangle; the part outside the picture counts as not set."""
    H, W = mask.shape
    y0, y1, x0, x1 = max(0, y), min(H, y + h), max(0, x), min(W, x + w)
    if y1 <= y0 or x1 <= x0:
        return 0.0
    return float(np.count_nonzero(mask[y0:y1, x0:x1])) / (w * h)
