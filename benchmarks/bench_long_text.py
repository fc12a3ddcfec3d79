"""Screening time of one very long text (OCR text of an image), by length and shape. Prints figures only.

    python benchmarks/bench_long_text.py [--sizes 25000 100000 400000 1000000] [--markdown]

Issue 7: 1 MB of OCR text took over 120 s because the hate rules paired every target word with every
hostile word of a field (quadratic). Each shape is screened once per size with the real engine
(bundled classifiers) as `media[0].ocr_text` of a post; a time that grows in step with the size is linear.

Shapes: `kalimat` one short hostile sentence repeated on many lines; `simbol` flag and emblem words with
desecrating acts repeated (rule 5 pairs them); `ujaran` a longer hateful sentence repeated; `netral` random
ordinary words; `nyata` real posts of the training sets one after another (read from ../shared/data).
"""
from __future__ import annotations

import argparse
import random
import time

def _real(n: int) -> str:
    """Real posts of the training sets (read from ../shared/data at run time) joined into one long text."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import realtext
    out, size = [], 0
    for t in realtext.posts():
        out.append(t)
        size += len(t) + 1
        if size >= n:
            break
    return "\n".join(out)[:n]


SHAPES = {
    "kalimat": lambda n: ("Pemerintah ini thogut.\n" * (n // 23 + 1))[:n],
    # rule 5 pairs flag words with desecrating acts: many of both
    "simbol": lambda n: ("Bendera merah putih dibakar lalu diinjak, lambang garuda dicoret. " * (n // 66 + 1))[:n],
    "nyata": _real,  # varied real posts, one after another
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
