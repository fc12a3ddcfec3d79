"""Frontal faces with OpenCV's Haar cascade (shipped inside opencv-python-headless below 5).

Faces matter for rule 6: a photo or video from inside a prison that shows
faces may expose inmates' identities. The cascade finds frontal faces only;
profiles, masked or very small faces are missed; a detection backed by fewer
than 15 overlapping hits is dropped (photo texture gives a few).
"""
from __future__ import annotations

import threading

import numpy as np

from .extracted import Region

VERSION = "1"
_WORK_SIDE = 960
MIN_HITS = 15
_local = threading.local()


def _cascade():
    c = getattr(_local, "cascade", None)
    if c is None:  # CascadeClassifier is not safe to share between threads
        import cv2
        c = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")
        if c.empty():
            raise OSError("cascade wajah OpenCV tidak ditemukan di paket opencv-python-headless")
        _local.cascade = c
    return c


def find(img: np.ndarray, min_pixels: int, time: float | None = None) -> list[Region]:
    import cv2
    h0, w0 = img.shape[:2]
    scale = min(1.0, _WORK_SIDE / max(h0, w0))
    gray = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
    if scale < 1:
        gray = cv2.resize(gray, (int(w0 * scale), int(h0 * scale)), interpolation=cv2.INTER_AREA)
    gray = cv2.equalizeHist(gray)
    side = max(20, int(min_pixels * scale))
    boxes, hits = _cascade().detectMultiScale2(gray, scaleFactor=1.1, minNeighbors=5, minSize=(side, side))
    out = []
    for (x, y, w, h), n in zip(boxes, hits):
        if n < MIN_HITS:  # texture in photos gives a few overlapping hits; a face gives dozens
            continue
        score = round(min(0.95, 0.5 + int(n) / 40), 3)  # more overlapping detections: more certain
        box = tuple(int(round(v / scale)) for v in (x, y, x + w, y + h))
        out.append(Region("face", score, box, time, f"wajah tampak depan {int(w / scale)} piksel "  # type: ignore[arg-type]
                                                    f"({int(n)} deteksi bertumpuk)"))
    return out
