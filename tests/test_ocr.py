"""Real OCR: text inside an image is read (RapidOCR, or Tesseract when chosen) and screened like the author's words."""
import json
import shutil
from pathlib import Path

import pytest

from rambu.engine import Screener, screen_stream
from rambu.settings import load_config

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def _image(path: Path, lines: list[str]) -> None:
    from PIL import Image, ImageDraw, ImageFont
    font = ImageFont.truetype(str(FONT), 44) if FONT.exists() else ImageFont.load_default(size=44)
    img = Image.new("RGB", (1400, 90 + 70 * len(lines)), "white")
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((40, 40 + 70 * i), line, fill="black", font=font)
    img.save(path)


@pytest.mark.parametrize("engine", ["rapidocr", "tesseract"])
def test_image_text_is_extracted_and_screened(tmp_path, engine):
    if engine == "tesseract" and shutil.which("tesseract") is None:
        pytest.skip("tesseract-ocr not installed")
    media = tmp_path / "media"
    media.mkdir()
    _image(media / "poster.png", ["JADWAL JAGA MALAM INI", "POS ATAS KOSONG JAM 02.00"])
    _image(media / "pagi.png", ["SELAMAT PAGI", "SEMANGAT MELAYANI"])
    batch = tmp_path / "batch.jsonl"
    rows = [
        {"id": "o1", "type": "post", "created_at": "2025-03-14T20:00:00+07:00", "text": "cek",
         "media": [{"kind": "image", "path": "media/poster.png"}]},
        {"id": "o2", "type": "post", "created_at": "2025-03-14T20:00:00+07:00", "text": "pagi",
         "media": [{"kind": "image", "path": "media/pagi.png"}]},
        {"id": "o3", "type": "post", "created_at": "2025-03-14T20:00:00+07:00", "text": "hilang",
         "media": [{"kind": "image", "path": "media/tidak-ada.png"}]},
    ]
    batch.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    cfg = tmp_path / "rambu.toml"
    cfg.write_text(f'[settings]\n"media.ocr_engine" = "{engine}"\n', encoding="utf-8")
    s = Screener(load_config(cfg))
    with batch.open("rb") as fh:
        out = list(screen_stream(s, fh, str(tmp_path), workers=1))
    assert out[0]["decision"] in ("violation", "review")
    f = [f for f in out[0]["findings"] if f["rule"] == 6][0]
    assert f["evidence"][0]["field"] == "media[0].ocr_text"
    assert out[1]["decision"] == "clean"
    assert out[0]["media"][0]["extractors"][1]["name"] == f"ocr.{engine}"
    assert out[2]["decision"] == "review" and "media[0].path" in out[2]["errors"][0]  # missing: never clean
    assert out[2]["findings"][0]["rule"] == 0
