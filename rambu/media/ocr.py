"""Text in images, read with the tesseract OCR engine (Debian: tesseract-ocr, tesseract-ocr-ind)."""
from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Callable


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30)
    return frozenset(l.strip() for l in out.stdout.splitlines()[1:] if l.strip())


def tesseract_ocr(languages: str = "ind+eng") -> Callable[[str], str | None] | None:
    """An image-path -> text function, or None when tesseract is not installed."""
    if not tesseract_available():
        return None

    def ocr(path: str) -> str | None:
        p = Path(path)
        if not p.is_file():
            raise FileNotFoundError(f"{path} tidak ditemukan")
        have = _languages()
        langs = "+".join(l for l in languages.split("+") if l in have) or "eng"
        run = subprocess.run(["tesseract", str(p), "-", "-l", langs, "--psm", "3"],
                             capture_output=True, text=True, timeout=120)
        if run.returncode != 0:
            raise OSError(f"tesseract gagal membaca {path}: {run.stderr.strip()[:200]}")
        text = " ".join(run.stdout.split())
        return text or None

    return ocr
