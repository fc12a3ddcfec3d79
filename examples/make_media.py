"""Makes the example media named in activities.jsonl (a photo with a greeting, a short clip); run once:

    python examples/make_media.py

Everything is drawn here (Pillow) and encoded by ffmpeg; nothing is downloaded.
"""
from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent / "media"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def background(w: int, h: int) -> Image.Image:
    y, x = np.mgrid[0:h, 0:w]
    rgb = np.stack([x / w * 90 + 60, y / h * 80 + 90, (x + y) / (w + h) * 70 + 120], -1)
    return Image.fromarray(rgb.astype("uint8")).filter(ImageFilter.GaussianBlur(1))


def write(img: Image.Image, text: str, y: int, size: int) -> None:
    d = ImageDraw.Draw(img)
    f = ImageFont.truetype(FONT, size)
    d.text(((img.width - d.textlength(text, font=f)) / 2, y), text, font=f, fill="white", stroke_width=2,
           stroke_fill="black")


def main() -> None:
    HERE.mkdir(exist_ok=True)
    photo = background(640, 480)
    write(photo, "SELAMAT PAGI", 40, 44)
    write(photo, "SEMANGAT MELAYANI", 400, 40)
    photo.save(HERE / "ex-03.jpg", quality=80)
    with tempfile.TemporaryDirectory() as tmp:
        frame = background(320, 180)
        write(frame, "LAP MEJA", 130, 24)
        frame.save(Path(tmp) / "f.png")
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-loop", "1", "-framerate", "5", "-i", str(Path(tmp) / "f.png"),
                        "-t", "3", "-c:v", "libx264", "-preset", "veryslow", "-crf", "32", "-pix_fmt", "yuv420p",
                        str(HERE / "ex-10.mp4")], check=True)


if __name__ == "__main__":
    main()
