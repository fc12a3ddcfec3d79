"""Video frames worth reading: ffmpeg decodes a few frames per second, we keep those that changed.

A frame is kept when the picture changed (a scene change: the small grey
thumbnail differs from the last kept frame) or the text changed (the edge map
of some horizontal band differs: a new burnt-in subtitle or caption), with a
cap per minute and a minimum gap. A text change is only read (OCR); a scene
change also goes through the image checks (flag, emblem, faces). Frames stream through: only the frame being
read is held, so a long video costs time, never memory.
"""
from __future__ import annotations

import subprocess
import time
from typing import Iterator

import numpy as np

from .extracted import MediaError

VERSION = "3"
MAX_FRAME_SIDE = 960
_BANDS = 6


def frame_size(width: int, height: int) -> tuple[int, int]:
    scale = min(1.0, MAX_FRAME_SIDE / max(width, height))
    return max(2, int(width * scale) // 2 * 2), max(2, int(height * scale) // 2 * 2)


def decode(path: str, width: int, height: int, fps: float, max_seconds: float,
           deadline: float) -> Iterator[tuple[float, np.ndarray]]:
    """(time, BGR frame) at `fps`, scaled to (width, height), for at most `max_seconds` of video."""
    cmd = ["ffmpeg", "-v", "error", "-nostdin", "-t", f"{max_seconds:g}", "-i", path, "-an", "-sn", "-dn",
           "-vf", f"fps={fps:g},scale={width}:{height}", "-pix_fmt", "bgr24", "-f", "rawvideo", "pipe:1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    size = width * height * 3
    n = 0
    try:
        while True:
            if time.monotonic() > deadline:
                raise TimeoutError
            buf = proc.stdout.read(size)  # type: ignore[union-attr]
            if len(buf) < size:
                break
            yield n / fps, np.frombuffer(buf, np.uint8).reshape(height, width, 3)
            n += 1
        proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        if proc.returncode != 0 and n == 0:
            err = proc.stderr.read().decode("utf-8", "replace").strip()[:160]  # type: ignore[union-attr]
            raise MediaError(f"{path}: video tidak dapat diurai ({err})")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()  # type: ignore[union-attr]
        proc.stderr.close()  # type: ignore[union-attr]


class ChangePicker:
    """Keeps the frames that show something new, at most `per_minute` per minute of video."""

    def __init__(self, per_minute: int, min_gap: float):
        self.per_minute = max(1, int(per_minute))
        self.min_gap = min_gap
        self._thumb: np.ndarray | None = None
        self._edges: np.ndarray | None = None
        self._last_t = -1e9
        self._bucket, self._in_bucket = -1, 0

    def changed(self, t: float, frame: np.ndarray) -> str | None:
        """None (nothing new, or over the cap), "scene" (the picture changed) or "text" (only some text did)."""
        import cv2
        small = cv2.resize(frame, (320, max(2, int(320 * frame.shape[0] / frame.shape[1]))),
                           interpolation=cv2.INTER_AREA)
        gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
        thumb = cv2.resize(gray, (32, 18), interpolation=cv2.INTER_AREA).astype(np.int16)
        edges = cv2.dilate(cv2.Canny(gray, 100, 200), np.ones((3, 3), np.uint8)) > 0
        new = "scene" if self._thumb is None else self._differs(thumb, edges)
        if not new:
            return None
        bucket = int(t // 60)
        if bucket != self._bucket:
            self._bucket, self._in_bucket = bucket, 0
        if self._thumb is not None and (t - self._last_t < self.min_gap or self._in_bucket >= self.per_minute):
            return None
        self._thumb, self._edges, self._last_t = thumb, edges, t
        self._in_bucket += 1
        return new

    def _differs(self, thumb: np.ndarray, edges: np.ndarray) -> str | None:
        if float(np.abs(thumb - self._thumb).mean()) > 12:  # scene change
            return "scene"
        h = edges.shape[0]
        for b in range(_BANDS):  # text change in one band (subtitle line, caption)
            a, z = b * h // _BANDS, (b + 1) * h // _BANDS
            old, cur = self._edges[a:z], edges[a:z]
            if np.count_nonzero(old ^ cur) >= max(30, 0.003 * old.size):  # one changed digit is a change
                return "text"
        return None
