"""The red-and-white flag (Sang Merah Putih) by colour and shape.

A flag is found from its middle line: a long, straight, horizontal edge with
red directly above white. The proportion 2:3 gives the height of each band
(a third of the width); the red band must be mostly red, the white band mostly
white. White above red is reported as ``flag_inverted`` (the flag upside down).
When writing hides the middle line, a second way looks for the bands
themselves (a solid red band about three times as wide as high with a white
band of the same size next to it); such a flag scores at most 0.9. The score says how well colour,
fill and proportion fit; a waving or partly hidden flag scores lower, and the
rules send anything below ``media.flag_sure_score`` to review.

Limits: flags seen edge-on, hanging vertically, waving strongly, or narrower
than about 6 % of the picture are not found; a red banner on a white wall can look like a flag
(a flag alone is never a finding: the rules need a further cue).
"""
from __future__ import annotations

import numpy as np

from .. import display
from .extracted import Region

VERSION = "2"
_WORK_SIDE = 640


def find(img: np.ndarray, min_score: float, time: float | None = None) -> list[Region]:
    """Flags found from their middle line: a long straight edge with red directly above white (or, for
    ``flag_inverted``, white above red); the band height follows from the 2:3 proportion (width / 3)."""
    import cv2
    h0, w0 = img.shape[:2]
    scale = min(1.0, _WORK_SIDE / max(h0, w0))
    small = cv2.resize(img, (max(1, int(w0 * scale)), max(1, int(h0 * scale))), interpolation=cv2.INTER_AREA) \
        if scale < 1 else img
    hsv = cv2.cvtColor(small, cv2.COLOR_BGR2HSV)
    hue, sat, val = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    red = ((hue <= 8) | (hue >= 170)) & (sat >= 110) & (val >= 80)
    white = (sat <= 45) & (val >= 170)
    H, W = red.shape
    out: list[Region] = []
    for inverted in (False, True):
        upper, lower = (white, red) if inverted else (red, white)
        edge = (upper[:-2] & lower[2:]).astype(np.uint8)  # two rows apart: anti-aliased borders
        edge = cv2.morphologyEx(edge, cv2.MORPH_CLOSE, np.ones((1, 7), np.uint8))
        n, _, stats, _ = cv2.connectedComponentsWithStats(edge, connectivity=8)
        for i in range(1, n):
            x, y, w, h, _ = (int(v) for v in stats[i])
            if w < max(30, 0.06 * W) or h > 8:
                continue
            mid = y + h // 2 + 1
            band = max(4, round(w / 3))
            red_top = mid - band if not inverted else mid + 1
            white_top = mid + 1 if not inverted else mid - band
            red_f, white_f = _fraction(red, x, red_top, w, band), _fraction(white, x, white_top, w, band)
            if red_f < 0.7 or white_f < 0.55:
                continue
            beyond = _fraction(red, x, red_top - band if not inverted else red_top + band, w, band)
            if beyond > 0.5:  # red going on past the band: a red wall or box, not a flag's band
                continue
            s_red = min(1.0, (red_f - 0.7) / 0.25)
            s_white = min(1.0, (white_f - 0.55) / 0.4)
            score = round(0.5 + 0.5 * (0.45 * s_red + 0.35 * s_white + 0.2 * (1.0 - 2 * beyond)), 3)
            top = min(red_top, white_top)
            box = tuple(int(round(v / scale)) for v in (x, max(0, top), x + w, min(H, top + 2 * band)))
            if score < min_score or any(_overlap(box, r.box) for r in out):
                continue
            detail = (f"garis tengah merah{'-' if not inverted else ' di bawah '}putih sepanjang "
                      f"{round(w / scale)} piksel; pita merah {red_f:.0%} merah, pita putih {white_f:.0%} putih"
                      + (f", merah berlanjut di luar pita {beyond:.0%}" if beyond > 0.2 else ""))
            out.append(Region("flag_inverted" if inverted else "flag", score, box, time, detail))  # type: ignore[arg-type]
    return out + [r for r in _by_bands(red, white, scale, min_score, time) if not any(_overlap(r.box, q.box) for q in out)]


def _by_bands(red: np.ndarray, white: np.ndarray, scale: float, min_score: float, time: float | None) -> list[Region]:
    """Second way, for flags whose middle line is hidden (writing across it): a solid red band about three
    times as wide as high, with a white band of the same size below (or above) it."""
    import cv2
    H, W = red.shape
    n, labels, stats, _ = cv2.connectedComponentsWithStats(red.astype(np.uint8), connectivity=8)
    out: list[Region] = []
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        if area < max(150, 0.004 * H * W) or h < 6:
            continue
        x, y, w, h = _core(labels[y:y + h, x:x + w] == i, x, y)
        if h < 6 or not 2.2 <= w / h <= 4.5:
            continue
        fill = float(np.count_nonzero(labels[y:y + h, x:x + w] == i)) / (w * h)
        below, above = _fraction(white, x, y + h, w, h), _fraction(white, x, y - h, w, h)
        inverted = above > below
        wfrac = max(above, below)
        other = y - h if inverted else y + h
        if fill < 0.72 or wfrac < 0.55 or _fraction(red, x, other, w, h) > 0.1:
            continue
        s_ratio = max(0.0, 1.0 - abs(w / h - 3.0) / 1.5)
        score = round(0.5 + 0.4 * (0.4 * min(1.0, (fill - 0.72) / 0.25) + 0.35 * min(1.0, (wfrac - 0.55) / 0.4)
                                   + 0.25 * s_ratio), 3)  # at most 0.9: the middle line was not seen
        if score < min_score:
            continue
        top = min(y, other)
        box = tuple(int(round(v / scale)) for v in (x, top, x + w, min(H, top + 2 * h)))
        detail = (f"pita merah {round(w / scale)}x{round(h / scale)} piksel (perbandingan {display.num(w / h, 1)}:1, terisi "
                  f"{fill:.0%}), pita putih {'di atas' if inverted else 'di bawah'}nya {wfrac:.0%} putih")
        out.append(Region("flag_inverted" if inverted else "flag", score, box, time, detail))  # type: ignore[arg-type]
    return out


def _core(comp: np.ndarray, x: int, y: int) -> tuple[int, int, int, int]:
    """The band inside a red component: rows at least 30 % and columns at least half as full as the fullest
    (writing across the band thins rows, not columns), so a red object touching it does not stretch it."""
    for _ in range(2):
        rows = _longest_run(comp.sum(axis=1) >= 0.3 * comp.sum(axis=1).max())
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


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _fraction(mask: np.ndarray, x: int, y: int, w: int, h: int) -> float:
    """Share of the mask set in the rectangle; the part outside the picture counts as not set."""
    H, W = mask.shape
    y0, y1, x0, x1 = max(0, y), min(H, y + h), max(0, x), min(W, x + w)
    if y1 <= y0 or x1 <= x0:
        return 0.0
    return float(np.count_nonzero(mask[y0:y1, x0:x1])) / (w * h)
