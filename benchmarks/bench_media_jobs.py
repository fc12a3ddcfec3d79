"""Media jobs per minute: `rambu worker` processes on the "media" queue screen a batch of pictures (memes with
text, OCR) and short videos (burnt-in captions, frames) against one PostgreSQL. Prints figures only.

    python benchmarks/bench_media_jobs.py --database postgresql+psycopg://rambu:pw@127.0.0.1/rambu_bench \\
        [--images 60] [--videos 6] [--workers 1 2] [--markdown]

The database named is dropped and created anew for each worker count (see bench_workers.py). Pictures and
clips are generated (tests/media_factory.py: Pillow, ffmpeg); each line of the batch names one file, so
lines go to the media queue in chunks of `batch.media_chunk` (5) lines: one job. Reported: jobs (chunks)
per minute, media files per minute, and seconds per file.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

CAPTIONS = ["JADWAL JAGA MALAM INI REGU 3", "SELAMAT HARI BHAKTI PEMASYARAKATAN", "INFO PENTING SEBARKAN",
            "APEL PAGI LAPAS SEMARANG", "KUNJUNGAN KELUARGA DIBUKA", "PELATIHAN MENJAHIT WARGA BINAAN"]


def make_media(folder: Path, images: int, videos: int) -> list[tuple[str, Path, str]]:
    import media_factory as mf
    out = []
    for i in range(images):
        top = CAPTIONS[i % len(CAPTIONS)]
        p = mf.save(mf.meme(top, f"NOMOR {i}", seed=i), folder / f"media/gambar-{i}.png")
        out.append((f"media/gambar-{i}.png", p, "image"))
    for i in range(videos):
        p = folder / f"media/video-{i}.mp4"
        mf.clip(p, 10, burnt=[(0, 5, CAPTIONS[i % len(CAPTIONS)]), (5, 10, f"BAGIAN {i}")])
        out.append((f"media/video-{i}.mp4", p, "video"))
    return out


def main() -> int:
    from bench_workers import NIPS, fresh_database, start_workers, stop_workers, submit_batch, wait_done, wait_registered
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--database", required=True, help="PostgreSQL URL of a database this benchmark may drop")
    ap.add_argument("--images", type=int, default=60)
    ap.add_argument("--videos", type=int, default=6)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="rambu-media-jobs-"))
    t0 = time.perf_counter()
    files = make_media(folder, args.images, args.videos)
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; {args.images} pictures and "
          f"{args.videos} ten-second clips generated in {time.perf_counter() - t0:.1f} s")
    lines, media = [], []
    for i, (rel, path, kind) in enumerate(files):
        a = {"id": f"m{i}", "type": "post", "platform": "instagram", "author": {"nip": NIPS[i % 3]},
             "created_at": "2025-03-11T20:15:00+07:00", "text": "lihat", "media": [{"kind": kind, "path": rel}]}
        lines.append((json.dumps(a) + "\n").encode())
        media.append((rel, path.read_bytes()))
    rows = []
    for k in args.workers:
        url = fresh_database(args.database)
        # an empty extraction cache for each run: files read before would otherwise cost nothing
        os.environ["RAMBU_MEDIA_CACHE"] = tempfile.mkdtemp(prefix="rambu-bench-cache-")
        procs = start_workers(url, k, queues="media,text,mail")
        try:
            wait_registered(url, k)
            t0 = time.perf_counter()
            bid = submit_batch(url, lines, media)
            took = wait_done(url, bid) + 0.0
        finally:
            stop_workers(procs)
        jobs = -(-len(files) // 5)
        rows.append((k, took, jobs / took * 60, len(files) / took * 60, took / len(files)))
        print(f"{k} worker(s): {took:6.1f} s  {rows[-1][2]:5.1f} media jobs/min  {rows[-1][3]:6.1f} files/min  "
              f"{rows[-1][4]:.2f} s per file", flush=True)
    if args.markdown:
        print("\n| worker processes | seconds | media jobs/min | files/min | s per file |\n|---:|---:|---:|---:|---:|")
        for k, took, jpm, fpm, spf in rows:
            print(f"| {k} | {took:.1f} | {jpm:.1f} | {fpm:.1f} | {spf:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
