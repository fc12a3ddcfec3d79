"""The Garuda Pancasila emblem by keypoint matching (ORB + RANSAC) against a reference we draw ourselves.

The reference is drawn here, in code, from the emblem's published
description: a golden eagle with spread wings (17 feathers each), a tail of
8, its head turned to its right, a shield on its breast divided by a thick
black line, a small centre shield with the star, the four quarters (bull's
head and chain on red, banyan tree and rice-and-cotton on white) and the
ribbon in its claws. No image is copied or downloaded.

Limits: keypoints of a drawing match pictures that reproduce this drawing's
geometry (posters, edits and memes built from such a rendering) far better
than photographs of carved or embroidered emblems; fewer matching points than
twice ``media.emblem_min_inliers`` give a score below 1 and the rules send
such a detection to review.
"""
from __future__ import annotations

import math
import threading
from functools import lru_cache

import numpy as np

from .extracted import Region

VERSION = "1"
GOLD, DARK, RED, WHITE, BLACK = (212, 172, 48), (95, 62, 12), (200, 16, 46), (250, 250, 250), (20, 20, 20)
_WORK_SIDE = 900
_local = threading.local()


@lru_cache(maxsize=1)
def reference() -> np.ndarray:
    """The reference emblem, 720x560 BGR, on white."""
    from PIL import Image, ImageDraw
    img = Image.new("RGB", (720, 560), (255, 255, 255))
    d = ImageDraw.Draw(img)
    cx = 360
    for side in (-1, 1):  # wings: 17 feather tips each, fanning up and out from the shoulders
        pts = [(cx + side * 40, 250)]
        for i in range(17):
            a = math.radians(100 - i * 5.5)
            r = 200 if i % 2 == 0 else 178
            pts.append((cx + side * (40 + r * math.cos(a) * 0.9 + 9 * i), 250 - r * math.sin(a) * 0.95))
        pts += [(cx + side * 300, 300), (cx + side * 40, 330)]
        d.polygon(pts, fill=GOLD, outline=DARK, width=3)
        for i in range(1, 17):  # feather shafts
            a = math.radians(100 - i * 5.5)
            d.line([(cx + side * 60, 300), (cx + side * (40 + 150 * math.cos(a) * 0.9 + 8 * i), 250 - 150 * math.sin(a))],
                   fill=DARK, width=2)
    tail = [(cx + (i - 3.5) * 22, 500 + (4 - abs(i - 3.5)) * 8) for i in range(8)]  # 8 tail feathers
    d.polygon([(cx - 60, 400)] + tail + [(cx + 60, 400)], fill=GOLD, outline=DARK, width=3)
    for x, y in tail:
        d.line([(cx, 405), (x, y)], fill=DARK, width=2)
    d.ellipse((cx - 45, 60, cx + 45, 170), fill=GOLD, outline=DARK, width=3)  # neck and head, turned to its right
    d.polygon([(cx - 40, 85), (cx - 95, 100), (cx - 40, 118)], fill=DARK)  # beak
    d.ellipse((cx - 22, 88, cx - 8, 102), fill=BLACK)
    d.polygon([(cx + 25, 70), (cx + 70, 30), (cx + 45, 85)], fill=GOLD, outline=DARK, width=3)  # crest
    shield = [(cx - 95, 185), (cx + 95, 185), (cx + 95, 300), (cx, 395), (cx - 95, 300)]
    d.polygon(shield, fill=WHITE, outline=BLACK, width=8)
    d.rectangle((cx - 91, 189, cx - 2, 268), fill=RED)  # top left: bull's head on red
    d.polygon([(cx + 2, 272), (cx + 91, 272), (cx + 91, 298), (cx + 4, 386)], fill=RED)  # bottom right: chain
    d.rectangle((cx - 95, 268, cx + 95, 280), fill=BLACK)  # the equator line
    d.polygon([(cx - 60, 200), (cx - 30, 200), (cx - 20, 215), (cx - 45, 250), (cx - 70, 215)], fill=BLACK)
    d.polygon([(cx - 75, 195), (cx - 60, 205), (cx - 70, 210)], fill=BLACK)
    d.polygon([(cx - 15, 195), (cx - 30, 205), (cx - 20, 210)], fill=BLACK)
    d.ellipse((cx + 25, 195, cx + 80, 240), fill=(30, 120, 40))  # top right: banyan tree
    d.rectangle((cx + 48, 238, cx + 57, 262), fill=(110, 70, 30))
    for i in range(5):  # bottom left: rice (yellow) and cotton (white with green)
        d.ellipse((cx - 80 + i * 8, 285 + i * 12, cx - 70 + i * 8, 297 + i * 12), fill=(230, 190, 30))
        d.ellipse((cx - 40 + i * 5, 285 + i * 10, cx - 30 + i * 5, 295 + i * 10), fill=(245, 245, 245),
                  outline=(40, 130, 40), width=2)
    for i in range(6):  # chain: round and square links
        x, y = cx + 20 + i * 11, 290 + i * 12
        (d.ellipse if i % 2 else d.rectangle)((x, y, x + 9, y + 9), outline=(240, 200, 60), width=3)
    d.polygon([(cx - 30, 232), (cx + 30, 232), (cx + 30, 300), (cx, 325), (cx - 30, 300)],
              fill=BLACK, outline=WHITE, width=2)  # centre shield
    star = [(cx + (17 if k % 2 == 0 else 7) * math.sin(math.radians(k * 36)),
             270 - (17 if k % 2 == 0 else 7) * math.cos(math.radians(k * 36))) for k in range(10)]
    d.polygon(star, fill=(240, 200, 60))
    d.polygon([(cx - 170, 470), (cx + 170, 470), (cx + 190, 520), (cx - 190, 520)], fill=WHITE, outline=BLACK,
              width=3)  # the ribbon in the claws
    for x in range(cx - 150, cx + 150, 22):
        d.rectangle((x, 488, x + 12, 502), fill=BLACK)
    for side in (-1, 1):  # claws
        d.polygon([(cx + side * 30, 420), (cx + side * 50, 470), (cx + side * 15, 470)], fill=GOLD, outline=DARK, width=2)
    return np.ascontiguousarray(np.asarray(img)[:, :, ::-1])


@lru_cache(maxsize=1)
def _reference_features():
    import cv2
    gray = cv2.cvtColor(reference(), cv2.COLOR_BGR2GRAY)
    kp, des = cv2.ORB_create(nfeatures=1500).detectAndCompute(gray, None)
    pts = np.float32([k.pt for k in kp])
    return pts, des, gray.shape


def find(img: np.ndarray, min_inliers: int, time: float | None = None) -> list[Region]:
    import cv2
    ref_pts, ref_des, (rh, rw) = _reference_features()
    h0, w0 = img.shape[:2]
    scale = min(1.0, _WORK_SIDE / max(h0, w0))
    gray = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    if scale < 1:
        gray = cv2.resize(gray, (int(w0 * scale), int(h0 * scale)), interpolation=cv2.INTER_AREA)
    orb = getattr(_local, "orb", None)
    if orb is None:
        orb = _local.orb = cv2.ORB_create(nfeatures=3000)
    kp, des = orb.detectAndCompute(gray, None)
    if des is None or len(kp) < min_inliers:
        return []
    pairs = cv2.BFMatcher(cv2.NORM_HAMMING).knnMatch(ref_des, des, k=2)
    good = [p[0] for p in pairs if len(p) == 2 and p[0].distance < 0.75 * p[1].distance]
    if len(good) < min_inliers:
        return []
    src = ref_pts[[m.queryIdx for m in good]].reshape(-1, 1, 2)
    dst = np.float32([kp[m.trainIdx].pt for m in good]).reshape(-1, 1, 2)
    hom, mask = cv2.findHomography(src, dst, cv2.RANSAC, 6.0)
    if hom is None:
        return []
    inliers = int(mask.sum())
    corners = cv2.perspectiveTransform(np.float32([[0, 0], [rw, 0], [rw, rh], [0, rh]]).reshape(-1, 1, 2), hom)
    quad = corners.reshape(-1, 2)
    area = cv2.contourArea(quad)
    if inliers < min_inliers or not cv2.isContourConvex(quad.astype(np.float32)) or area < 0.005 * gray.size:
        return []
    x0, y0 = np.maximum(quad.min(axis=0), 0)
    x1, y1 = np.minimum(quad.max(axis=0), (gray.shape[1], gray.shape[0]))
    box = tuple(int(round(v / scale)) for v in (x0, y0, x1, y1))
    score = round(min(1.0, inliers / (2.0 * min_inliers)), 3)
    return [Region("emblem", score, box, time,  # type: ignore[arg-type]
                   f"{inliers} titik kunci cocok dengan gambar acuan lambang Garuda (dari {len(good)} pasangan)")]
