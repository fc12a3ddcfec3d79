"""Showing evidence found in media: the picture (or the video frame at the cited time) with the box drawn on it."""
from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import tempfile
from urllib.parse import quote

from ..media.probe import guess_kind as upload_kind  # noqa: F401 - the draft check's upload -> contract kind
from ..store.access import Invalid

LIMIT_MB = {"image": 10, "video": 200, "audio": 50}

_FIELD_RE = re.compile(r"^(target\.)?media\[(\d+)\]\.")


def time_label(t) -> str:
    """(4.0, 8.5) -> "00:04,0-00:08,5" (seconds from the start of the medium, decimal comma)."""
    def one(x: float) -> str:
        m, s = divmod(float(x), 60)
        return f"{int(m):02d}:{s:04.1f}".replace(".", ",")
    return one(t[0]) if t[0] == t[1] else f"{one(t[0])}-{one(t[1])}"


def _medium(activity: dict, field: str) -> dict | None:
    m = _FIELD_RE.match(field or "")
    if not m or not isinstance(activity, dict):
        return None
    owner = activity.get("target") if m.group(1) else activity
    media = owner.get("media") if isinstance(owner, dict) else None
    i = int(m.group(2))
    return media[i] if isinstance(media, list) and i < len(media) and isinstance(media[i], dict) else None


def visuals(batch_id, activity, evidence) -> list[dict]:
    """One entry per piece of evidence with a box or a time: where to fetch the picture, the box in per cent."""
    out = []
    for e in evidence or []:
        box, size, time = e.get("box"), e.get("size"), e.get("time")
        if not (box or time):
            continue
        m = _medium(activity, e.get("field", ""))
        path = m.get("path") if m else None
        src = None
        if path and batch_id is not None and m.get("kind") != "audio":
            url = f"/api/batches/{batch_id}/media/{quote(path)}"
            src = url if not time or m.get("kind") == "image" else f"/api/batches/{batch_id}/frame/{quote(path)}?t={time[0]:.2f}"
        pct = None
        if box and size and size[0] and size[1]:
            pct = [round(box[0] / size[0] * 100, 2), round(box[1] / size[1] * 100, 2),
                   round((box[2] - box[0]) / size[0] * 100, 2), round((box[3] - box[1]) / size[1] * 100, 2)]
        out.append({"field": e.get("field"), "quote": e.get("quote", ""), "src": src, "box": pct,
                    "time": time_label(time) if time else None})
    return out


def frame_jpeg(content: bytes, t: float, timeout: float = 30) -> bytes:
    """The video frame at `t` seconds as JPEG (ffmpeg); empty when the file has no picture there."""
    fd, tmp = tempfile.mkstemp(prefix="rambu-frame-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
        run = subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-ss", f"{max(0.0, t):.3f}", "-i", tmp,
                              "-frames:v", "1", "-f", "image2", "-c:v", "mjpeg", "pipe:1"],
                             capture_output=True, timeout=timeout)
        return run.stdout if run.returncode == 0 else b""
    except (OSError, subprocess.TimeoutExpired):
        return b""
    finally:
        os.unlink(tmp)


def save_upload(src, path: str, kind: str) -> dict:
    """Copy an upload to disk in pieces, refusing it past the kind's size limit; its size and SHA-256."""
    limit = LIMIT_MB[kind] * 1024 * 1024
    h, size = hashlib.sha256(), 0
    with open(path, "wb") as f:
        for block in iter(lambda: src.read(1 << 20), b""):
            size += len(block)
            if size > limit:
                raise Invalid(f"berkas terlalu besar (maks. {LIMIT_MB[kind]} MB untuk {kind})")
            h.update(block)
            f.write(block)
    return {"sha256": h.hexdigest(), "size": size}


def draft_visuals(activity: dict, result: dict, folder: str | None) -> list[dict]:
    """Visuals for the draft check: the uploaded picture inline (it is not stored) with its boxes."""
    evidence = [e for f in result.get("findings", []) for e in f.get("evidence", [])]
    out = visuals(None, activity, evidence)
    media = (activity.get("media") or [{}])[0]
    path = os.path.join(folder, media["path"]) if folder and media.get("path") else None
    if path and media.get("kind") == "image" and out and os.path.getsize(path) <= 4 * 1024 * 1024:
        with open(path, "rb") as f:
            uri = "data:image;base64," + base64.b64encode(f.read()).decode()
        for v in out:
            if v["field"].startswith("media[0]."):
                v["src"] = uri
    return out
