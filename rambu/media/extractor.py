"""MediaExtractor: one media file in, one Extraction out (text with boxes and time codes, image signals).

The order for a file: size limit, SHA-256, what it really is (`probe`), the
cache, then by kind:

* image: OCR lines (cleaned) and image checks (flag, emblem, faces);
* video: frames that changed (`video`), each read like an image; the
  transcript from side-car or embedded subtitles, else speech recognition of
  the audio track, else a problem "transkrip tidak tersedia" (a video without
  an audio track needs no transcript);
* audio: the transcript the same way.

Everything that could not be examined is a `problem` (Indonesian, naming the
file); the engine turns each into a finding that needs review.
"""
from __future__ import annotations

import os
import threading
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from . import emblem, faces, flag, subtitles, video
from .cache import MediaCache, default_folder, file_sha256
from .extracted import Extraction, Line, MediaError, Region, Step
from .ocr import OcrEngine, make_engine
from .ocr_text import clean_line
from .probe import Probe, load_image, probe
from .speech import SpeechBackend, SpeechModelError, audio_samples, load_backend

VERSION = "1"


@dataclass(frozen=True, slots=True)
class Want:
    ocr: bool = True  # read text in pictures (no ocr_text given)
    transcript: bool = True  # transcribe speech (no transcript given)


class _Steps:
    """Time spent per extractor, summed over the frames of a video (thread-safe)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._acc: dict[str, list[Any]] = {}

    def add(self, name: str, version: str, seconds: float, detail: str = "") -> None:
        with self._lock:
            acc = self._acc.setdefault(name, [version, 0.0, detail])
            acc[1] += seconds
            if detail:
                acc[2] = detail

    def run(self, name: str, version: str, fn, *args):
        t = time.perf_counter()
        try:
            return fn(*args)
        finally:
            self.add(name, version, time.perf_counter() - t)

    def steps(self) -> tuple[Step, ...]:
        return tuple(Step(n, v, round(s, 3), d) for n, (v, s, d) in self._acc.items())


class MediaExtractor:
    def __init__(self, config, ocr: Any = "auto", speech: Any = "auto", cache: MediaCache | None = None):
        g = config.get
        self.do_ocr = bool(g("media.ocr", True))
        self.image_checks = bool(g("media.image_checks", True))
        self.max_bytes = int(g("media.max_file_mb", 1024)) * 1024 * 1024
        self.max_pixels = int(g("media.max_pixels", 40_000_000))
        self.max_seconds = float(g("media.max_duration_seconds", 900))
        self.timeout = float(g("media.timeout_seconds", 300))
        self.fps = float(g("media.video_sample_fps", 2.0))
        self.per_minute = int(g("media.video_frames_per_minute", 20))
        self.flag_min = float(g("media.flag_min_score", 0.55))
        self.emblem_min = int(g("media.emblem_min_inliers", 12))
        self.face_min = int(g("media.face_min_pixels", 36))
        self.threads = int(g("media.threads", 0)) or (os.cpu_count() or 1)
        self._ocr_args = (str(g("media.ocr_engine", "rapidocr")), str(g("media.ocr_preprocess", "")),
                          str(g("media.ocr_languages", "ind+eng")))
        self._sides = (int(g("media.ocr_max_side", 960)), int(g("media.video_ocr_max_side", 640)))
        self._stt_args = (str(g("media.stt_backend", "auto")),
                          str(g("media.stt_model_dir", "") or os.environ.get("RAMBU_STT_MODEL_DIR", "")),
                          str(g("media.stt_language", "id")))
        self._ocr, self._frame_ocr, self._speech = ocr, ocr, speech
        self.speech_error = ""
        self.cache = cache if cache is not None else MediaCache(default_folder(str(g("media.cache_dir", ""))))
        self._lock = threading.Lock()

    # --- lazily built engines (importing onnxruntime or loading a speech model costs seconds) ---
    @property
    def ocr_engine(self) -> OcrEngine | None:
        """The engine for pictures."""
        return self._engine("_ocr", self._sides[0])

    @property
    def frame_engine(self) -> OcrEngine | None:
        """The engine for video frames: text in video is large, a smaller detector input reads it faster."""
        return self._engine("_frame_ocr", self._sides[1])

    def _engine(self, attr: str, max_side: int) -> OcrEngine | None:
        with self._lock:
            if getattr(self, attr) == "auto":
                setattr(self, attr, make_engine(*self._ocr_args, max_side, self.timeout) if self.do_ocr else None)
            return getattr(self, attr)

    @property
    def speech(self) -> SpeechBackend | None:
        with self._lock:
            if self._speech == "auto":
                backend, folder, language = self._stt_args
                self._speech = None
                if folder:
                    try:
                        self._speech = load_backend(backend, folder, language, self.threads)
                    except SpeechModelError as e:
                        self.speech_error = str(e)
            return self._speech

    def signature(self, want: Want) -> str:
        parts = [f"extractor={VERSION}", f"limits={self.max_pixels},{self.max_seconds:g}"]
        if want.ocr:
            for eng in (self.ocr_engine, self.frame_engine):
                parts.append(eng.signature if eng else "ocr=none")
        if self.image_checks:
            parts.append(f"checks=flag{flag.VERSION},emblem{emblem.VERSION},faces{faces.VERSION};"
                         f"{self.flag_min},{self.emblem_min},{self.face_min}")
        parts.append(f"video={video.VERSION},{self.fps:g},{self.per_minute}")
        if want.transcript:
            sp = self.speech
            parts.append(f"subtitles={subtitles.VERSION}")
            parts.append(sp.signature if sp else "stt=none")
        return ";".join(parts)

    # --- public ---
    def extract_many(self, items: list[tuple[str, Want]]) -> list[Extraction | MediaError]:
        """Several files at once (the images of one post): one thread per file."""
        def one(item):
            try:
                return self.extract(*item)
            except MediaError as e:
                return e
        if len(items) <= 1:
            return [one(i) for i in items]
        with ThreadPoolExecutor(max_workers=min(self.threads, len(items))) as pool:
            return list(pool.map(one, items))

    def extract(self, path: str, want: Want = Want()) -> Extraction:
        deadline = time.monotonic() + self.timeout
        try:
            size = os.path.getsize(path)
        except OSError as e:
            raise MediaError(f"{path}: berkas tidak ditemukan atau tidak dapat dibaca ({e.strerror or e})") from None
        if size > self.max_bytes:
            raise MediaError(f"{path}: berkas {size / 1e6:.0f} MB melebihi batas {self.max_bytes / 1e6:.0f} MB")
        if size == 0:
            raise MediaError(f"{path}: berkas kosong")
        sha = file_sha256(path)
        pr = probe(path, self.max_pixels, self.timeout)
        if pr.kind == "image":  # a picture has no sound: the speech model plays no part (nor in the cache key)
            want = replace(want, transcript=False)
        side = subtitles.sidecar(path) if pr.kind != "image" and want.transcript else None
        key = MediaCache.key(sha, self.signature(want) + (f";sidecar={file_sha256(side)}" if side else ""))
        hit = self.cache.get(key)
        if hit is not None:
            return replace(hit, cached=True)
        steps = _Steps()
        if pr.kind == "image":
            ext = self._image(path, sha, pr, want, steps)
        else:
            ext = self._timed(path, sha, pr, want, side, steps, deadline)
        ext = replace(ext, steps=steps.steps())
        self.cache.put(key, ext)
        return ext

    # --- pictures ---
    def _image(self, path: str, sha: str, pr: Probe, want: Want, steps: _Steps) -> Extraction:
        img = steps.run("image.decode", "pillow", load_image, path, self.max_pixels)
        lines, regions = self._picture(img, None, want.ocr, steps)
        problems = ()
        if want.ocr and self.ocr_engine is None:
            problems = (f"{path}: teks pada gambar tidak dibaca: {self._no_ocr()}",)
        return Extraction(sha, "image", (img.shape[1], img.shape[0]), ocr=tuple(lines), regions=tuple(regions),
                          problems=problems)

    def _no_ocr(self) -> str:
        if not self.do_ocr:
            return "OCR dimatikan (media.ocr = false)"
        return "mesin OCR tidak tersedia (pasang paket rapidocr dan onnxruntime, atau tesseract-ocr)"

    def _picture(self, img: np.ndarray, t: float | None, want_ocr: bool, steps: _Steps,
                 checks: bool = True) -> tuple[list[Line], list[Region]]:
        lines: list[Line] = []
        eng = (self.ocr_engine if t is None else self.frame_engine) if want_ocr else None
        if eng is not None:
            raw = steps.run(eng.name, eng.version, eng.read, img)
            lines = [replace(l, text=clean_line(l.text), start=t, end=t) for l in raw]
            lines = [l for l in lines if l.text]
        regions: list[Region] = []
        if self.image_checks and checks:
            regions += steps.run("image.flag", flag.VERSION, flag.find, img, self.flag_min, t)
            regions += steps.run("image.emblem", emblem.VERSION, emblem.find, img, self.emblem_min, t)
            regions += steps.run("image.faces", faces.VERSION, faces.find, img, self.face_min, t)
        return lines, regions

    # --- video and audio ---
    def _timed(self, path: str, sha: str, pr: Probe, want: Want, side: str | None, steps: _Steps,
               deadline: float) -> Extraction:
        problems: list[str] = []
        limit = self.max_seconds
        if pr.duration is None:
            problems.append(f"{path}: durasi tidak diketahui; hanya {limit:g} detik pertama yang diperiksa")
        elif pr.duration > limit:
            problems.append(f"{path}: durasi {pr.duration:.0f} detik melebihi batas {limit:g} detik; "
                            f"sisanya tidak diperiksa")
        ocr: tuple[Line, ...] = ()
        regions: tuple[Region, ...] = ()
        size = None
        if pr.kind == "video":
            size = video.frame_size(pr.width or 2, pr.height or 2)
            try:
                ocr, regions, complete = self._frames(path, size, min(limit, pr.duration or limit), want, steps,
                                                      deadline)
                if not complete:
                    problems.append(f"{path}: batas waktu {self.timeout:g} detik habis saat membaca bingkai video; "
                                    "hanya sebagian yang diperiksa")
            except MediaError as e:
                problems.append(str(e))
            if want.ocr and self.frame_engine is None:
                problems.append(f"{path}: teks pada video tidak dibaca: {self._no_ocr()}")
        transcript, source = (), ""
        if want.transcript:
            transcript, source, more = self._transcript(path, pr, side, min(limit, pr.duration or limit), steps, deadline)
            problems += more
        return Extraction(sha, pr.kind, size, pr.duration, pr.has_audio, ocr, transcript, source, regions,
                          problems=tuple(problems))

    def _frames(self, path: str, size: tuple[int, int], seconds: float, want: Want, steps: _Steps,
                deadline: float) -> tuple[tuple[Line, ...], tuple[Region, ...], bool]:
        picker = video.ChangePicker(self.per_minute, min_gap=max(1 / self.fps, 30 / self.per_minute))
        results: list[tuple[float, list[Line], list[Region]]] = []
        pending: deque = deque()
        read, complete = 0, True
        t0 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=self.threads) as pool:
            try:
                for t, frame in video.decode(path, size[0], size[1], self.fps, seconds, deadline):
                    read += 1
                    why = picker.changed(t, frame)
                    if why:
                        pending.append((t, pool.submit(self._picture, frame, t, want.ocr, steps, why == "scene")))
                        while len(pending) > self.threads * 2:  # bounded: frames are not piled up
                            t_, fut = pending.popleft()
                            results.append((t_, *fut.result()))
            except TimeoutError:
                complete = False
            finally:
                for t_, fut in pending:
                    results.append((t_, *fut.result()))
        steps.add("video.frames", f"{video.VERSION} ffmpeg", time.perf_counter() - t0,
                  f"{read} bingkai diurai ({self.fps:g}/detik), {len(results)} dibaca")
        return (*_merge_frames(sorted(results, key=lambda r: r[0]), 1 / self.fps), complete)

    def _transcript(self, path: str, pr: Probe, side: str | None, seconds: float, steps: _Steps,
                    deadline: float) -> tuple[tuple[Line, ...], str, list[str]]:
        try:
            if side:
                lines = steps.run("subtitles.sidecar", subtitles.VERSION, subtitles.read_file, side)
                return tuple(lines), f"subtitle berkas samping {os.path.basename(side)}", []
            if pr.subtitle_streams:
                lines = steps.run("subtitles.embedded", subtitles.VERSION, subtitles.embedded, path, self.timeout)
                return tuple(lines), "subtitle tertanam dalam video", []
        except MediaError as e:
            if not pr.has_audio:
                return (), "", [str(e)]
        if not pr.has_audio:
            return (), "", []  # a silent video needs no transcript
        sp = self.speech
        if sp is None:
            why = self.speech_error or "tidak ada model pengenal suara (media.stt_model_dir / RAMBU_STT_MODEL_DIR)"
            return (), "", [f"{path}: transkrip tidak tersedia: {why}; isi suara belum diperiksa"]
        t = time.perf_counter()
        try:
            samples = audio_samples(path, seconds, self.timeout)
        except MediaError as e:
            return (), "", [f"{e}; transkrip tidak tersedia"]
        lines, complete = sp.transcribe(samples, deadline)
        steps.add(sp.name, sp.version, time.perf_counter() - t, sp.describe())
        problems = [] if complete else [f"{path}: batas waktu {self.timeout:g} detik habis saat mengenali suara; "
                                        "transkrip hanya sebagian"]
        return tuple(lines), f"pengenal suara {sp.name.split('.', 1)[1]}, {sp.describe()}", problems


def _merge_frames(results: list[tuple[float, list[Line], list[Region]]],
                  step: float) -> tuple[tuple[Line, ...], tuple[Region, ...]]:
    """Text seen in consecutive frames becomes one line with a time range; a region seen again at the
    same place is kept once (the best score, the first time)."""
    lines: list[Line] = []
    open_: dict[str, int] = {}  # text key -> index in lines, for text in the previous frame
    for i, (t, frame_lines, _) in enumerate(results):
        t_next = results[i + 1][0] if i + 1 < len(results) else t + step
        seen: dict[str, int] = {}
        for l in frame_lines:
            k = "".join(c for c in l.text.upper() if c.isalnum())
            if k in open_:
                j = open_[k]
                lines[j] = replace(lines[j], end=round(t_next, 2))
            else:
                j = len(lines)
                lines.append(replace(l, start=round(t, 2), end=round(t_next, 2)))
            seen[k] = j
        open_ = seen
    regions: list[Region] = []
    for _, _, frame_regions in results:
        for r in frame_regions:
            same = [k for k, q in enumerate(regions) if q.kind == r.kind and _iou(q.box, r.box) > 0.5]
            if not same:
                regions.append(r)
            elif r.score > regions[same[0]].score:
                regions[same[0]] = replace(r, time=regions[same[0]].time)
    return tuple(lines), tuple(regions)


def _iou(a, b) -> float:
    x0, y0, x1, y1 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    inter = max(0, x1 - x0) * max(0, y1 - y0)
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union else 0.0
