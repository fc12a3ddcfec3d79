"""What the extractors found in one media file: immutable, serialisable for the cache.

Positions: a ``box`` is ``(x0, y0, x1, y1)`` in pixels of the picture (for a
video: of the frame as sampled, whose size is ``Extraction.size``); times are
seconds from the start of the medium.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

Box = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class Line:
    """A piece of text read from a medium: an OCR line, a subtitle cue or a speech segment."""

    text: str
    box: Box | None = None
    start: float | None = None
    end: float | None = None
    score: float | None = None


@dataclass(frozen=True, slots=True)
class Region:
    """Something seen in a picture or frame."""

    kind: str  # "flag", "flag_inverted" (white over red), "emblem", "face"
    score: float  # 0..1
    box: Box
    time: float | None = None  # frame time for video
    detail: str = ""  # Indonesian: how the score came about


@dataclass(frozen=True, slots=True)
class Step:
    """One extractor that ran on the file: its registered name, version and time taken."""

    name: str  # "ocr.rapidocr", "video.frames", "subtitles.sidecar", "stt.faster-whisper", "image.faces", ...
    version: str
    seconds: float
    detail: str = ""  # model name and hash, frames read, ...


@dataclass(frozen=True, slots=True)
class Extraction:
    sha256: str
    kind: str  # what the file really is: image | video | audio
    size: tuple[int, int] | None = None  # picture or frame width, height
    duration: float | None = None
    has_audio: bool = False
    ocr: tuple[Line, ...] = ()
    transcript: tuple[Line, ...] = ()
    transcript_source: str = ""  # Indonesian: where the transcript came from
    regions: tuple[Region, ...] = ()
    steps: tuple[Step, ...] = ()
    problems: tuple[str, ...] = ()  # Indonesian: what could not be examined (each one is a reason for review)
    cached: bool = False

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("cached")
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Extraction":
        def tup(v):
            return tuple(v) if isinstance(v, list) else v

        def build(kind, items):
            return tuple(kind(**{f.name: tup(item[f.name]) for f in fields(kind) if f.name in item}) for item in items)
        return cls(
            sha256=d["sha256"], kind=d["kind"], size=tup(d.get("size")), duration=d.get("duration"),
            has_audio=bool(d.get("has_audio")), ocr=build(Line, d.get("ocr", ())),
            transcript=build(Line, d.get("transcript", ())), transcript_source=d.get("transcript_source", ""),
            regions=build(Region, d.get("regions", ())), steps=build(Step, d.get("steps", ())),
            problems=tuple(d.get("problems", ())), cached=True)


class MediaError(Exception):
    """A medium that cannot be examined at all; the message (Indonesian) names the file and why."""
