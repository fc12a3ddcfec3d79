"""What a media file really is (image, video or audio), read from its content, within limits.

Uploads are hostile: the declared kind and the file name are not trusted, a
picture's pixel count is checked before a single pixel is decoded
(decompression bombs), and ffprobe runs under a timeout.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass

import numpy as np

from .extracted import MediaError

_EXT_KIND = {".mp4": "video", ".mov": "video", ".webm": "video", ".mkv": "video", ".avi": "video", ".3gp": "video",
             ".mp3": "audio", ".m4a": "audio", ".ogg": "audio", ".opus": "audio", ".wav": "audio", ".aac": "audio",
             ".amr": "audio"}


def guess_kind(filename: str, content_type: str | None = None) -> str:
    """image | video | audio from a MIME type or file extension, for the contract's `kind` (the extractor
    still reads what the file really is)."""
    major = (content_type or "").split("/")[0]
    if major in ("image", "video", "audio"):
        return major
    return _EXT_KIND.get(os.path.splitext(filename or "")[1].lower(), "image")


@dataclass(frozen=True, slots=True)
class Probe:
    kind: str  # image | video | audio
    width: int | None = None
    height: int | None = None
    duration: float | None = None
    has_audio: bool = False
    subtitle_streams: int = 0  # text subtitle streams inside the container


def ffmpeg_available() -> bool:
    return shutil.which("ffmpeg") is not None and shutil.which("ffprobe") is not None


def probe(path: str, max_pixels: int, timeout: float) -> Probe:
    image = _probe_image(path, max_pixels)
    if image is not None:
        return image
    if not ffmpeg_available():
        raise MediaError(f"{path}: bukan gambar, dan ffmpeg/ffprobe (paket Debian ffmpeg) tidak terpasang "
                         "untuk membaca audio/video")
    try:
        run = subprocess.run(["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                              path], capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise MediaError(f"{path}: ffprobe melewati batas waktu {timeout:g} detik") from None
    if run.returncode != 0:
        raise MediaError(f"{path}: bukan gambar, audio, atau video yang dapat dibaca "
                         f"({run.stderr.decode('utf-8', 'replace').strip()[:160]})")
    info = json.loads(run.stdout or b"{}")
    streams = info.get("streams", [])
    video = [s for s in streams if s.get("codec_type") == "video"
             and not (s.get("disposition") or {}).get("attached_pic")]
    audio = [s for s in streams if s.get("codec_type") == "audio"]
    subs = [s for s in streams if s.get("codec_type") == "subtitle"
            and s.get("codec_name") in ("subrip", "srt", "mov_text", "webvtt", "ass", "ssa", "text")]
    duration = _float(info.get("format", {}).get("duration")) or max(
        (_float(s.get("duration")) or 0.0 for s in streams), default=0.0) or None
    if video:
        w, h = int(video[0].get("width") or 0), int(video[0].get("height") or 0)
        if w <= 0 or h <= 0:
            raise MediaError(f"{path}: ukuran bingkai video tidak diketahui")
        if w * h > max_pixels:
            raise MediaError(f"{path}: bingkai video {w}x{h} piksel melebihi batas {max_pixels:,} piksel")
        return Probe("video", w, h, duration, bool(audio), len(subs))
    if audio:
        return Probe("audio", None, None, duration, True, len(subs))
    raise MediaError(f"{path}: tidak berisi gambar, video, maupun audio")


def _float(v) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if f == f and f >= 0 else None  # NaN and negatives are not durations


def _probe_image(path: str, max_pixels: int) -> Probe | None:
    from PIL import Image, UnidentifiedImageError
    try:
        with Image.open(path) as img:
            w, h = img.size
    except Image.DecompressionBombError as e:
        raise MediaError(f"{path}: gambar melebihi batas {max_pixels:,} piksel (bom dekompresi; {e})") from None
    except UnidentifiedImageError:
        return None
    except OSError as e:
        raise MediaError(f"{path}: tidak dapat dibaca ({e})") from None
    if w * h > max_pixels:
        raise MediaError(f"{path}: gambar {w}x{h} piksel melebihi batas {max_pixels:,} piksel "
                         "(kemungkinan bom dekompresi)")
    return Probe("image", w, h)


def load_image(path: str, max_pixels: int) -> np.ndarray:
    """The picture as a BGR uint8 array (first frame, EXIF orientation applied, transparency on white)."""
    from PIL import Image, ImageOps
    Image.MAX_IMAGE_PIXELS = max(max_pixels, 1)
    try:
        with Image.open(path) as img:
            if img.size[0] * img.size[1] > max_pixels:
                raise MediaError(f"{path}: gambar {img.size[0]}x{img.size[1]} piksel melebihi batas {max_pixels:,}")
            img.seek(0)
            img = ImageOps.exif_transpose(img)
            if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
                rgba = img.convert("RGBA")
                bg = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
                img = Image.alpha_composite(bg, rgba)
            rgb = np.asarray(img.convert("RGB"))
    except MediaError:
        raise
    except (OSError, ValueError, Image.DecompressionBombError) as e:
        raise MediaError(f"{path}: gambar rusak atau tidak dapat diurai ({e})") from None
    return np.ascontiguousarray(rgb[:, :, ::-1])
