"""Media benchmarks: meme OCR (character error rate and seconds per image, per engine and preprocessing)
and video screening (seconds per minute of video). Prints figures; never fails on time.

    python benchmarks/bench_media.py [--memes 40] [--video-minutes 1] [--stt-model DIR]

Memes are generated like the tests' (white text with a black outline on photo-like backgrounds, one or two
lines, several sizes and fonts); the character error rate compares the text that rambu screens (after its
OCR clean-up) with the caption, case and spacing ignored. Times are warm (the engine loaded, one image read
first) and single-threaded per image, as in the product.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import media_factory as mf  # noqa: E402
from rambu.media.ocr import RapidOcrEngine, TesseractEngine, tesseract_available  # noqa: E402
from rambu.media.ocr_text import clean_line  # noqa: E402
from rambu.media.probe import load_image  # noqa: E402

CAPTIONS = [
    ("BENDERA INI CUMA LAP", "BUAT NGEPEL LANTAI KANTOR"), ("JADWAL JAGA MALAM INI", "POS ATAS KOSONG JAM 02.00"),
    ("KETIKA GAJIAN MASIH LAMA", "TAPI CICILAN SUDAH DATANG"), ("SELAMAT PAGI REKAN", "SEMANGAT MELAYANI MASYARAKAT"),
    ("PEMERINTAH GOBLOK SEMUA", "REZIM ANJING"), ("INFO A1 DARI ORANG DALAM", "SEMUA LAPAS TUTUP KUNJUNGAN"),
    ("CCTV BLOK C MATI LAGI", "SIAPA YANG BERTANGGUNG JAWAB"), ("APEL PAGI DI LAPANGAN", ""),
    ("GARUDA DI DADAKU", "TAPI DOMPET KOSONG"), ("WARGA BINAAN BELAJAR MENJAHIT", "BANGGA SEKALI"),
]
SUBTITLES = ["SELAMAT PAGI SEMUANYA", "HARI INI KITA KE LAPAS", "JADWAL KUNJUNGAN SENIN SAMPAI KAMIS",
             "TITIPAN BARANG DIPERIKSA PETUGAS", "JANGAN LUPA BAWA KTP", "ANTRE DENGAN TERTIB YA",
             "PELAYANAN GRATIS TANPA PUNGUTAN", "TERIMA KASIH SUDAH MENONTON", "SAMPAI JUMPA MINGGU DEPAN",
             "JAM 08.00 SAMPAI 12.00 WIB"]
FONTS = [p for p in ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
                     "/usr/share/fonts/truetype/liberation/LiberationSansNarrow-Bold.ttf",
                     "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf") if os.path.exists(p)]
SIZES = [(800, 600), (1080, 1080), (640, 640), (1280, 720)]


def make_memes(n: int, folder: Path) -> list[tuple[Path, str]]:
    out = []
    for i in range(n):
        top, bottom = CAPTIONS[i % len(CAPTIONS)]
        w, h = SIZES[i % len(SIZES)]
        mf.FONT = Path(FONTS[i % len(FONTS)])
        img = mf.photo(w, h, seed=100 + i)
        mf.caption(img, top, 20, max_size=int(h / 9))
        if bottom:
            mf.caption(img, bottom, h - int(h / 9) - 40, max_size=int(h / 9))
        p = folder / f"meme-{i:03d}.jpg"
        img.save(p, quality=85)
        out.append((p, f"{top} {bottom}".strip()))
    mf.FONT = Path(FONTS[0])
    return out


def bench_ocr(memes, engine) -> tuple[float, float, float]:
    engine.read(load_image(str(memes[0][0]), 10**8))  # warm: models loaded
    errors, times = [], []
    for path, truth in memes:
        img = load_image(str(path), 10**8)
        t = time.perf_counter()
        lines = engine.read(img)
        times.append(time.perf_counter() - t)
        errors.append(mf.cer(" ".join(clean_line(l.text) for l in lines), truth))
    return statistics.mean(errors), statistics.median(times), max(times)


def bench_video(minutes: float, folder: Path, stt_model: str | None) -> None:
    from rambu.engine import Screener
    from rambu.media.cache import MediaCache
    from rambu.media.extractor import MediaExtractor
    from rambu.settings import load_config
    seconds = int(minutes * 60)
    cues = [(t, t + 3, SUBTITLES[(t // 3) % len(SUBTITLES)]) for t in range(0, seconds, 3)]
    cases = []
    for size in ((640, 360), (1280, 720)):
        burnt = mf.clip(folder / f"burnt-{size[0]}.mp4", seconds, burnt=cues, audio="tone", size=size)
        (folder / f"burnt-{size[0]}.srt").write_text(mf.srt([(a, b, c.lower()) for a, b, c in cues]), encoding="utf-8")
        cases.append((f"{size[0]}x{size[1]}, teks terbakar tiap 3 dtk + subtitle samping + audio", burnt, None))
    silent = mf.clip(folder / "static.mp4", seconds, size=(1280, 720))
    cases.append(("1280x720, gambar diam tanpa teks, tanpa audio", silent, None))
    if stt_model:
        speech = mf.speech(folder / "speech.wav", " ".join(["The guard schedule for tonight is posted."] * 12))
        talk = mf.clip(folder / "talk.mp4", seconds, audio=str(speech), size=(640, 360))
        cases.append((f"640x360, ucapan espeak-ng, STT {Path(stt_model).name}", talk, stt_model))
    print(f"\nVideo, {minutes:g} menit per klip, penyaringan utuh (Screener.screen, tanpa tembolok):")
    print(f"{'klip':70s} {'detik':>7s} {'detik/menit':>12s}  bingkai dibaca")
    for name, path, model in cases:
        cfg_file = folder / "c.toml"
        cfg_file.write_text(f'[settings]\n"media.stt_model_dir" = "{model or ""}"\n', encoding="utf-8")
        cfg = load_config(cfg_file)
        s = Screener(cfg, classifier=None, media=MediaExtractor(cfg, cache=MediaCache(None)))
        s.screen({"id": "warm", "type": "post", "created_at": "2025-03-14T20:00:00+07:00", "text": "x",
                  "media": [{"kind": "image", "path": str(folder / "meme-000.jpg")}]})
        t = time.perf_counter()
        d = s.screen({"id": "v", "type": "post", "created_at": "2025-03-14T20:00:00+07:00", "text": "x",
                      "media": [{"kind": "video", "path": str(path)}]}).to_dict()
        took = time.perf_counter() - t
        frames = [x.get("detail", "") for x in d["media"][0]["extractors"] if x["name"] == "video.frames"]
        print(f"{name:70s} {took:7.2f} {took / minutes:12.2f}  {frames[0] if frames else '-'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--memes", type=int, default=40)
    ap.add_argument("--video-minutes", type=float, default=1.0)
    ap.add_argument("--stt-model", default=None, help="folder of a speech model to time (optional)")
    ap.add_argument("--skip-memes", action="store_true")
    args = ap.parse_args()
    print(f"Mesin: {os.cpu_count()} inti; Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        memes = make_memes(args.memes if not args.skip_memes else 1, folder)
        if args.skip_memes:
            bench_video(args.video_minutes, folder, args.stt_model)
            return
        print(f"\nMeme: {len(memes)} gambar ({', '.join(f'{w}x{h}' for w, h in SIZES)}; "
              f"{len(FONTS)} fon), satu utas per gambar:")
        print(f"{'mesin':40s} {'praolah':8s} {'CER':>7s} {'median dtk':>11s} {'maks dtk':>9s}")
        engines = [("rapidocr (PP-OCRv6 small, det 960)", lambda pre: RapidOcrEngine(pre, 960)),
                   ("rapidocr (PP-OCRv6 small, det 640)", lambda pre: RapidOcrEngine(pre, 640))]
        if tesseract_available():
            engines.append(("tesseract (ind+eng)", lambda pre: TesseractEngine(pre)))
        for name, make in engines:
            for pre in ("none", "meme", "upscale"):
                e, med, worst = bench_ocr(memes, make(pre))
                print(f"{name:40s} {pre:8s} {e:7.3f} {med:11.2f} {worst:9.2f}")
        bench_video(args.video_minutes, folder, args.stt_model)


if __name__ == "__main__":
    main()
