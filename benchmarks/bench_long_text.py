"""Screening time of one very long text (OCR text of an image), by length and shape. Prints figures only.

    python benchmarks/bench_long_text.py [--sizes 25000 100000 400000 1000000] [--markdown]

Issue 7: 1 MB of OCR text took over 120 s because the hate rules paired every target word with every
hostile word of a field (quadratic). Each shape is screened once per size with the real engine
(bundled classifiers) as `media[0].ocr_text` of a post; a time that grows in step with the size is linear.

Shapes: `kalimat` one short hostile sentence repeated on many lines; `ujaran` a longer hateful sentence
repeated; `netral` random ordinary words.
"""
from __future__ import annotations

import argparse
import random
import time

SHAPES = {
    "kalimat": lambda n: ("Pemerintah ini thogut.\n" * (n // 23 + 1))[:n],
    "ujaran": lambda n: ("Dasar suku pendatang itu memang biang kerok, usir saja mereka semua! " * (n // 70 + 1))[:n],
    "netral": lambda n: " ".join(random.Random(1).choice(
        "pemerintah lapas warga binaan kunjungan keluarga jadwal informasi hari ini petugas blok".split())
        for _ in range(n // 7 + 1))[:n],
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[25_000, 100_000, 400_000, 1_000_000])
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    from rambu.contract.activity import parse_activity
    from rambu.engine import Screener
    screener = Screener()
    rows = []
    for name, make in SHAPES.items():
        for n in args.sizes:
            a = parse_activity({"id": "b", "type": "post", "created_at": "2025-03-11T20:15:00+07:00", "text": "tes",
                                "media": [{"kind": "image", "ocr_text": make(n)}]})
            t0 = time.perf_counter()
            r = screener.screen(a)
            rows.append((name, n, time.perf_counter() - t0, len(r.findings)))
            print(f"{name:8s} {n:>9,d} karakter  {rows[-1][2]:7.2f} s  {rows[-1][3]} temuan", flush=True)
    if args.markdown:
        print("\n| shape | characters | seconds | s per 100k chars |\n|---|---:|---:|---:|")
        for name, n, sec, _ in rows:
            print(f"| {name} | {n:,} | {sec:.2f} | {sec / n * 100_000:.2f} |")


if __name__ == "__main__":
    main()
