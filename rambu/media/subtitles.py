"""Subtitles (SubRip .srt, WebVTT .vtt) as transcript lines with time codes.

Side-car files sit next to the video with the same stem ("klip.srt",
"klip.id.vtt"); subtitles inside the container are converted to SubRip by
ffmpeg. Styling tags ("<i>", "{\\an8}") and VTT notes, styles and cue settings
are dropped.
"""
from __future__ import annotations

import os
import re
import subprocess

from .extracted import Line, MediaError

VERSION = "1"
SIDECAR_SUFFIXES = (".srt", ".vtt")
_TIME_RE = re.compile(
    r"(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})\s*-->\s*(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})")
_TAG_RE = re.compile(r"<[^>]*>|\{\\[^}]*\}")
MAX_BYTES = 5_000_000


def _seconds(h, m, s, ms) -> float:
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int(ms.ljust(3, "0")) / 1000


def parse(text: str) -> list[Line]:
    """Cues of an SRT or VTT text in order; blocks without a time line are skipped."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    out: list[Line] = []
    for block in re.split(r"\n\s*\n", text):
        rows = [r for r in block.split("\n") if r.strip()]
        for i, row in enumerate(rows):
            m = _TIME_RE.search(row)
            if m:
                g = m.groups()
                body = " ".join(_TAG_RE.sub("", r).strip() for r in rows[i + 1:])
                body = " ".join(body.split())
                if body:
                    out.append(Line(body, start=round(_seconds(*g[:4]), 3), end=round(_seconds(*g[4:]), 3)))
                break
    return out


def sidecar(path: str) -> str | None:
    """The subtitle file beside a video or audio file, if any ("klip.srt", "klip.id.srt", "klip.vtt")."""
    folder, name = os.path.split(path)
    stem = os.path.splitext(name)[0]
    try:
        names = sorted(os.listdir(folder or "."))
    except OSError:
        return None
    for n in names:
        low = n.lower()
        if low.endswith(SIDECAR_SUFFIXES) and (os.path.splitext(n)[0] == stem or n.startswith(stem + ".")):
            return os.path.join(folder, n)
    return None


def read_file(path: str) -> list[Line]:
    try:
        if os.path.getsize(path) > MAX_BYTES:
            raise MediaError(f"{path}: berkas subtitle lebih dari {MAX_BYTES // 1_000_000} MB")
        raw = open(path, "rb").read()
    except OSError as e:
        raise MediaError(f"{path}: subtitle tidak dapat dibaca ({e})") from None
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return parse(raw.decode(enc))
        except UnicodeDecodeError:
            continue
    return parse(raw.decode("latin-1"))


def embedded(path: str, timeout: float) -> list[Line]:
    """The first text subtitle stream inside the container, converted to SubRip by ffmpeg."""
    try:
        run = subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-i", path, "-map", "0:s:0", "-f", "srt", "pipe:1"],
                             capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise MediaError(f"{path}: membaca subtitle melewati batas waktu {timeout:g} detik") from None
    if run.returncode != 0:
        raise MediaError(f"{path}: subtitle tertanam tidak dapat dibaca "
                         f"({run.stderr.decode('utf-8', 'replace').strip()[:160]})")
    return parse(run.stdout[:MAX_BYTES].decode("utf-8", "replace"))
