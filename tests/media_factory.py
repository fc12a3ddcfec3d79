"""Media the tests make themselves: photos of noise and shapes, memes, flags, faces, the emblem drawing,
video clips with burnt-in and side-car subtitles (ffmpeg), speech (espeak-ng). Nothing is downloaded."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def cer(hyp: str, ref: str) -> float:
    """Character error rate: edit distance / reference length, case and spacing ignored."""
    a, b = " ".join(hyp.upper().split()), " ".join(ref.upper().split())
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1] / max(1, len(b))


def font(size: int):
    return ImageFont.truetype(str(FONT), size) if FONT.exists() else ImageFont.load_default(size=size)


def photo(w: int = 800, h: int = 600, seed: int = 1, blobs: bool = True) -> Image.Image:
    """A photo-like background: colour gradients, noise and soft blobs (no pure red or white areas)."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w]
    base = np.stack([x / w * 120 + 40, y / h * 110 + 50, (x + y) / (w + h) * 100 + 60], -1)
    base += rng.normal(0, 22, (h, w, 3))
    img = Image.fromarray(np.clip(base, 0, 255).astype("uint8"))
    d = ImageDraw.Draw(img)
    for _ in range(10 if blobs else 0):
        cx, cy, r = rng.integers(0, w), rng.integers(0, h), rng.integers(20, 110)
        d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=tuple(int(v) for v in rng.integers(40, 170, 3)))
    return img.filter(ImageFilter.GaussianBlur(2))


def caption(img: Image.Image, text: str, y: int, max_size: int = 64) -> Image.Image:
    """White Impact-style text with a black outline, centred, shrunk to fit the width."""
    d = ImageDraw.Draw(img)
    size = max_size
    while size > 14 and d.textlength(text, font=font(size)) > img.width - 40:
        size -= 2
    f = font(size)
    d.text(((img.width - d.textlength(text, font=f)) / 2, y), text, font=f, fill="white", stroke_width=max(2, size // 18),
           stroke_fill="black")
    return img


def meme(top: str, bottom: str = "", seed: int = 1, w: int = 800, h: int = 600) -> Image.Image:
    img = photo(w, h, seed)
    caption(img, top, 20)
    if bottom:
        caption(img, bottom, h - 90)
    return img


def document(lines: list[str], w: int = 1200) -> Image.Image:
    img = Image.new("RGB", (w, 80 + 64 * len(lines)), "white")
    d = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        d.text((40, 40 + 64 * i), line, fill="black", font=font(40))
    return img


def draw_flag(img: Image.Image, box: tuple[int, int, int, int], inverted: bool = False) -> Image.Image:
    x0, y0, x1, y1 = box
    mid = (y0 + y1) // 2
    d = ImageDraw.Draw(img)
    top, bottom = ((250, 250, 250), (206, 17, 38)) if inverted else ((206, 17, 38), (250, 250, 250))
    d.rectangle((x0, y0, x1, mid), fill=top)
    d.rectangle((x0, mid, x1, y1), fill=bottom)
    return img


def face(size: int = 160, skin=(205, 160, 130)) -> Image.Image:
    """A drawn frontal face that OpenCV's Haar cascade finds (eyes, brows, nose, mouth on a skin oval)."""
    s = size
    img = Image.new("RGB", (s, int(s * 1.25)), (90, 110, 140))
    d = ImageDraw.Draw(img)
    d.ellipse((s * .18, s * .15, s * .82, s * 1.05), fill=skin)
    d.ellipse((s * .15, s * .05, s * .85, s * .45), fill=(40, 30, 25))
    d.ellipse((s * .2, s * .28, s * .8, s * 1.05), fill=skin)
    for cx in (.37, .63):
        d.rectangle((s * (cx - .1), s * .46, s * (cx + .1), s * .49), fill=(60, 40, 30))
        d.ellipse((s * (cx - .08), s * .53, s * (cx + .08), s * .6), fill=(245, 245, 245))
        d.ellipse((s * (cx - .04), s * .535, s * (cx + .04), s * .595), fill=(30, 20, 20))
    d.polygon([(s * .5, s * .58), (s * .44, s * .76), (s * .56, s * .76)], fill=tuple(int(c * .85) for c in skin))
    d.ellipse((s * .38, s * .82, s * .62, s * .88), fill=(150, 60, 60))
    return img.filter(ImageFilter.GaussianBlur(s / 80))


def paste_faces(img: Image.Image, n: int, size: int = 140, y: int = 250) -> Image.Image:
    for i in range(n):
        img.paste(face(size), (40 + i * (size + 30), y))
    return img


def emblem_on(img: Image.Image, box: tuple[int, int, int, int]) -> Image.Image:
    from rambu.media.emblem import reference
    ref = Image.fromarray(reference()[:, :, ::-1].copy())
    img.paste(ref.resize((box[2] - box[0], box[3] - box[1])), box[:2])
    return img


def save(img: Image.Image, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path)
    return path


# --- video and audio -------------------------------------------------------------------------------

def have_ffmpeg() -> bool:
    return shutil.which("ffmpeg") is not None and shutil.which("ffprobe") is not None


def have_espeak() -> bool:
    return shutil.which("espeak-ng") is not None


def _ts(t: float) -> str:
    h, rem = divmod(t, 3600)
    m, s = divmod(rem, 60)
    return f"{int(h):02d}:{int(m):02d}:{s:06.3f}".replace(".", ",")


def srt(cues: list[tuple[float, float, str]]) -> str:
    return "".join(f"{i}\n{_ts(a)} --> {_ts(b)}\n{text}\n\n" for i, (a, b, text) in enumerate(cues, 1))


def clip(path: Path, seconds: float, burnt: list[tuple[float, float, str]] = (), audio: str | None = None,
         embedded: list[tuple[float, float, str]] = (), size: tuple[int, int] = (640, 360),
         background: Image.Image | None = None) -> Path:
    """An H.264 MP4 clip: a still photo with captions burnt in at their times (pictures drawn with Pillow and
    joined by ffmpeg), optionally an audio track (a WAV path, or "tone"/"silence") and an embedded SRT track."""
    path.parent.mkdir(parents=True, exist_ok=True)
    work = path.parent / (path.stem + "-frames")
    work.mkdir(exist_ok=True)
    bg = (background or photo(*size, seed=7)).resize(size)
    fps = 5
    n = int(seconds * fps)
    last, drawn = None, None
    for i in range(n):
        t = i / fps
        texts = [c for a, b, c in burnt if a <= t < b]
        key = tuple(texts)
        if key != last:
            frame = bg.copy()
            for j, text in enumerate(texts):
                caption(frame, text, size[1] - 70 - 50 * j, max_size=34)
            drawn = work / f"f{i:05d}.png"
            frame.save(drawn)
            last = key
        else:  # the same picture again: a link to the last one drawn (not a chain of links)
            (work / f"f{i:05d}.png").symlink_to(drawn)
    cmd = ["ffmpeg", "-v", "error", "-y", "-framerate", str(fps), "-i", str(work / "f%05d.png")]
    if audio == "tone":
        cmd += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"]
    elif audio == "silence":
        cmd += ["-f", "lavfi", "-i", f"anullsrc=r=16000:cl=mono:d={seconds}"]
    elif audio:
        cmd += ["-i", str(audio)]
    if embedded:
        sub = path.parent / (path.stem + "-embedded.srt")
        sub.write_text(srt(list(embedded)), encoding="utf-8")
        cmd += ["-i", str(sub)]
    cmd += ["-map", "0:v"]
    if audio:
        cmd += ["-map", "1:a", "-c:a", "aac", "-shortest"]
    if embedded:
        cmd += ["-map", f"{2 if audio else 1}:s", "-c:s", "mov_text"]
    cmd += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-t", str(seconds), str(path)]
    subprocess.run(cmd, check=True)
    shutil.rmtree(work)
    return path


def speech(path: Path, text: str, voice: str = "en", speed: int = 140) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(path), text], check=True)
    return path
