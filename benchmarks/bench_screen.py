"""Screening throughput, memory and single-check latency. Prints figures; never fails on time.

    python benchmarks/bench_screen.py [--n 20000] [--workers 2]

Generates realistic activities (posts, comments, shares, likes, lives; clean
and violating; slang and emoji), writes them as JSON Lines and screens them
through the same path as `rambu check`.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

CLEAN = [
    "Alhamdulillah pembinaan kemandirian warga binaan hari ini: pelatihan las, menjahit dan {x}.",
    "Selamat pagi rekan-rekan, semangat melayani masyarakat {x} 💪",
    "Apel pagi di {u} berjalan tertib, dilanjutkan kerja bakti membersihkan {x}.",
    "Mohon pemerintah mengevaluasi kebijakan {x}, menurut saya kurang tepat sasaran.",
    "Selamat Hari Raya Idul Fitri, mohon maaf lahir dan batin untuk keluarga besar {u}",
    "Jadwal kunjungan keluarga di {u}: Senin-Kamis 08.00-12.00, titipan barang diperiksa petugas.",
    "lagi makan siang bareng temen2 kantor, enak bgt {x} wkwk",
    "Polisi menangkap pelaku ujaran kebencian di {x}, kasusnya diproses hukum.",
]
BAD = [
    "pemerintah goblok semua, rezim anjing {x} 🤬",
    "dasar kafir, usir cina dari {x}!!",
    "P4NC4S1L4 itu berhala, ganti aja sama khilafah #{x}",
    "jadwal jaga malam ini regu 3 aplusan jam 22.00, pos atas kosong di {u}",
    "INFO A1!! bulan depan semua lapas tutup kunjungan keluarga, sebarkan sebelum dihapus {x}",
    "bendera merah putih dijadiin lap meja {x} wkwk",
]
FILL = ["Semarang", "Balikpapan", "Abepura", "blok C", "dapur", "taman", "remisi", "BBM", "pajak", "pasar"]
UNITS = ["Lapas Kelas IIA Semarang", "Rutan Kelas IIA Balikpapan", "Lapas Kelas IIA Abepura"]
NIPS = ["198901142012121003", "199304022018011001", "198705112010011002"]


def activity(i: int, rnd: random.Random) -> dict:
    text = rnd.choice(BAD if rnd.random() < 0.2 else CLEAN).format(x=rnd.choice(FILL), u=rnd.choice(UNITS))
    typ = rnd.choices(["post", "comment", "share", "like", "live", "story"], [50, 20, 12, 10, 3, 5])[0]
    a = {"id": f"b{i}", "platform": rnd.choice(["facebook", "x", "instagram", "tiktok", "whatsapp"]),
         "type": typ, "author": {"nip": rnd.choice(NIPS)},
         "created_at": f"2025-03-{rnd.randint(10, 28):02d}T{rnd.randint(0, 23):02d}:15:00+07:00"}
    if typ in ("share", "like"):
        a["target"] = {"text": text}
    elif typ == "comment":
        a["text"] = rnd.choice(["setuju 👍", "wkwk", "Astaghfirullah, jangan begitu", "mantap pak"])
        a["target"] = {"text": text}
    elif typ == "live":
        a["text"] = rnd.choice(["live santai ngobrol", "Apel pagi", "karaoke bareng"])
        a["live"] = {"started_at": a["created_at"], "ended_at": None, "uniform": rnd.choice([True, False, None])}
    else:
        a["text"] = text
    return a


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--claims", type=int, default=0,
                    help="screen against a synthetic fact-check register of this many claims (0: examples/)")
    args = ap.parse_args()
    from rambu.engine import Screener, ScreenerSpec, screen_stream

    rnd = random.Random(7)
    tmp = Path(tempfile.mkdtemp())
    src = tmp / "bench.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(args.n):
            fh.write(json.dumps(activity(i, rnd), ensure_ascii=False) + "\n")
    staff = ROOT / "examples" / "staff.json"
    fc = ROOT / "examples" / "factchecks.csv"
    if args.claims:
        import csv
        from bench_factcheck import generate
        fc = tmp / "register.csv"
        with fc.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["id", "claim", "verdict", "source", "published"])
            for e in generate(args.claims):
                w.writerow([e.id, e.claim, e.verdict, e.source, e.published])
    spec = ScreenerSpec(None, str(staff), str(fc))
    t0 = time.perf_counter()
    screener = Screener.from_spec(spec)
    t_load = time.perf_counter() - t0
    print(f"machine: {os.cpu_count()} cores; activities: {args.n}; file: {src.stat().st_size / 1e6:.1f} MB; "
          f"register: {args.claims or 'examples/factchecks.csv'} claims")
    print(f"screener start-up (models, register, staff): {t_load:.2f} s")

    for workers in sorted({1, args.workers}):
        t0 = time.perf_counter()
        counts: dict[str, int] = {}
        with src.open("rb") as fh:
            for res in screen_stream(screener, fh, str(tmp), workers=workers):
                k = res.get("decision", "error")
                counts[k] = counts.get(k, 0) + 1
        el = time.perf_counter() - t0
        print(f"batch, {workers} worker(s): {args.n / el:,.0f} activities/s ({el:.1f} s) decisions={counts}")

    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: main process {peak_self:.0f} MB, largest worker {peak_children:.0f} MB")

    times = []
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "rambu.cli", "check", "--text",
                        "Pancasila itu sampah, ganti dengan khilafah!"], capture_output=True, env=env, check=True)
        times.append(time.perf_counter() - t0)
    times.sort()
    print(f"single --text check incl. start-up: median {times[2]:.2f} s, best {times[0]:.2f} s, worst {times[-1]:.2f} s")


if __name__ == "__main__":
    main()
