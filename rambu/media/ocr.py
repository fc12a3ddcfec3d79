"""Text in pictures: RapidOCR (main engine, its ONNX models ship inside the wheel) and Tesseract (fallback).

Both engines return `Line`s with boxes in the coordinates of the picture they
were given. Each image is read by one thread (onnxruntime with one intra-op
thread; tesseract with ``OMP_THREAD_LIMIT=1``, whose default threading made
each image 3-6x slower here); parallelism comes from reading several images
at once (`rambu.media.extractor`).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import threading
from functools import lru_cache

import numpy as np

from .extracted import Line

PREPROCESSING = ("none", "meme", "upscale")
BEST_PREPROCESSING = {"rapidocr": "none", "tesseract": "meme"}  # measured: docs/benchmarks.md


def preprocess(img: np.ndarray, mode: str) -> tuple[np.ndarray, float]:
    """The picture prepared for OCR and the factor its coordinates were scaled by."""
    import cv2
    if mode == "none":
        return img, 1.0
    if mode == "upscale":
        if max(img.shape[:2]) >= 1600:
            return img, 1.0
        return cv2.resize(img, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC), 2.0
    if mode == "meme":
        # Meme captions are white letters with a black outline over a photo: keep the bright,
        # colourless pixels as black ink on white paper, which is what Tesseract was trained on.
        lo, hi = img.min(axis=2).astype(np.int16), img.max(axis=2).astype(np.int16)
        ink = (lo >= 190) & (hi - lo <= 45)
        out = np.full(img.shape[:2], 255, np.uint8)
        out[ink] = 0
        out = cv2.medianBlur(out, 3)
        return cv2.cvtColor(out, cv2.COLOR_GRAY2BGR), 1.0
    raise ValueError(f"praolah OCR tidak dikenal: {mode!r}; yang ada: {', '.join(PREPROCESSING)}")


def _scaled(lines: list[Line], factor: float) -> list[Line]:
    if factor == 1.0:
        return lines
    return [Line(l.text, tuple(int(round(v / factor)) for v in l.box) if l.box else None, l.start, l.end, l.score)
            for l in lines]


class OcrEngine:
    name = "ocr"
    version = "?"

    def __init__(self, preprocessing: str):
        if preprocessing not in PREPROCESSING:
            raise ValueError(f"media.ocr_preprocess: {preprocessing!r} tidak dikenal; yang ada: {', '.join(PREPROCESSING)}")
        self.preprocessing = preprocessing

    @property
    def signature(self) -> str:
        return f"{self.name}={self.version};pre={self.preprocessing}"

    def read(self, img: np.ndarray) -> list[Line]:
        prepared, factor = preprocess(img, self.preprocessing)
        return _scaled(self._read(prepared), factor)

    def _read(self, img: np.ndarray) -> list[Line]:
        raise NotImplementedError


class RapidOcrEngine(OcrEngine):
    name = "ocr.rapidocr"

    def __init__(self, preprocessing: str = "none", max_side: int = 960):
        super().__init__(preprocessing)
        from importlib.metadata import version
        import rapidocr  # noqa: F401 - fail here (ImportError: fall back to tesseract), not at the first image
        self.max_side = int(max_side)
        self.version = f"{version('rapidocr')} PP-OCRv6 small; det {self.max_side}"
        self._local = threading.local()

    def _engine(self):
        eng = getattr(self._local, "engine", None)
        if eng is None:  # one engine per thread: RapidOCR keeps per-call state on the object
            from rapidocr import RapidOCR
            eng = RapidOCR(params={
                "Global.log_level": "error",
                "EngineConfig.onnxruntime.intra_op_num_threads": 1,
                "EngineConfig.onnxruntime.inter_op_num_threads": 1,
                "Det.limit_type": "max", "Det.limit_side_len": self.max_side,
            })
            self._local.engine = eng
        return eng

    def _read(self, img: np.ndarray) -> list[Line]:
        out = self._engine()(img)
        if out is None or out.boxes is None or out.txts is None:
            return []
        lines = []
        for box, text, score in zip(out.boxes, out.txts, out.scores):
            text = " ".join(str(text).split())
            if not text:
                continue
            xs, ys = [p[0] for p in box], [p[1] for p in box]
            lines.append(Line(text, (int(min(xs)), int(min(ys)), int(max(xs)) + 1, int(max(ys)) + 1),
                              score=round(float(score), 3)))
        return _reading_order(lines)


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


@lru_cache(maxsize=1)
def _tesseract_info() -> tuple[str, frozenset[str]]:
    ver = subprocess.run(["tesseract", "--version"], capture_output=True, text=True, timeout=30)
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30)
    first = (ver.stdout or ver.stderr).splitlines()[:1]
    return (first[0].split()[-1] if first else "?"), frozenset(
        l.strip() for l in langs.stdout.splitlines()[1:] if l.strip())


class TesseractEngine(OcrEngine):
    name = "ocr.tesseract"

    def __init__(self, preprocessing: str = "meme", languages: str = "ind+eng", timeout: float = 120):
        super().__init__(preprocessing)
        version, have = _tesseract_info()
        self.languages = "+".join(l for l in languages.split("+") if l in have) or "eng"
        self.version = f"{version} ({self.languages})"
        self.timeout = timeout

    def _read(self, img: np.ndarray) -> list[Line]:
        import cv2
        ok, png = cv2.imencode(".png", img)
        if not ok:
            return []
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        run = subprocess.run(["tesseract", "stdin", "stdout", "-l", self.languages, "--psm", "3", "tsv"],
                             input=png.tobytes(), capture_output=True, timeout=self.timeout, env=env)
        if run.returncode != 0:
            raise OSError(f"tesseract gagal: {run.stderr.decode('utf-8', 'replace').strip()[:200]}")
        return _tsv_lines(run.stdout.decode("utf-8", "replace"))


def _tsv_lines(tsv: str) -> list[Line]:
    """Tesseract's TSV words grouped into lines (block, paragraph, line) with their boxes."""
    groups: dict[tuple[str, str, str], list[tuple[str, float, int, int, int, int]]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text, conf = cols[11].strip(), float(cols[10])
        if not text or conf < 0 or not any(c.isalnum() for c in text):
            continue
        x, y, w, h = (int(v) for v in cols[6:10])
        groups.setdefault((cols[2], cols[3], cols[4]), []).append((text, conf, x, y, x + w, y + h))
    lines = []
    for words in groups.values():
        conf = sum(w[1] for w in words) / len(words)
        if conf < 30:  # the noise tesseract reads into photo texture
            continue
        box = (min(w[2] for w in words), min(w[3] for w in words), max(w[4] for w in words), max(w[5] for w in words))
        lines.append(Line(" ".join(w[0] for w in words), box, score=round(conf / 100, 3)))
    return _reading_order(lines)


def _reading_order(lines: list[Line]) -> list[Line]:
    """Top to bottom, and left to right within a row (boxes whose vertical centres are close)."""
    def key(l: Line):
        x0, y0, x1, y1 = l.box  # type: ignore[misc]
        return ((y0 + y1) / 2, x0)
    ordered = sorted(lines, key=key)
    rows: list[list[Line]] = []
    for l in ordered:
        if rows:
            last = rows[-1][0].box
            h = last[3] - last[1]
            if abs((l.box[1] + l.box[3]) / 2 - (last[1] + last[3]) / 2) < h * 0.5:
                rows[-1].append(l)
                continue
        rows.append([l])
    return [l for row in rows for l in sorted(row, key=lambda l: l.box[0])]


def make_engine(name: str, preprocessing: str = "", languages: str = "ind+eng", max_side: int = 960,
                timeout: float = 120) -> OcrEngine | None:
    """The configured engine; RapidOCR falls back to Tesseract when it cannot be loaded; None when neither."""
    if name not in ("rapidocr", "tesseract"):
        raise ValueError(f"media.ocr_engine: {name!r} tidak dikenal; yang ada: rapidocr, tesseract")
    if name == "rapidocr":
        try:
            return RapidOcrEngine(preprocessing or BEST_PREPROCESSING["rapidocr"], max_side)
        except ImportError:
            pass
    if tesseract_available():
        return TesseractEngine(preprocessing or BEST_PREPROCESSING["tesseract"], languages, timeout)
    return None
