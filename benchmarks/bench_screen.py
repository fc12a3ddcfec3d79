"""Screening throughput, memory and single-check latency. Prints figures; never fails on time.

    python benchmarks/bench_screen.py [--n 20000] [--workers 2] [--text both|generated|real]
    python benchmarks/bench_screen.py --text real --memory 1000000     # RSS while screening a million posts
    python benchmarks/bench_screen.py --text real --n 20000 --save before.jsonl   # then, after a change:
    python benchmarks/bench_screen.py --text real --n 20000 --compare before.jsonl

Two inputs, reported separately: `generated` activities (posts, comments, shares, likes, lives; clean and
violating; slang and emoji), which repeat 146 texts and 182 words, so caches hide the engine's real cost;
and `real`: distinct activities built from the training sets' real posts, read from ../shared/data at run
time (benchmarks/realtext.py; later passes join posts and add glued hashtags, so new words keep coming).
Both are screened through the same path as `rambu check`. Rates are given per wall-clock second and per
CPU second (steadier on a shared machine).
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


def write_input(path: Path, kind: str, n: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        if kind == "generated":
            rnd = random.Random(7)
            items = (activity(i, rnd) for i in range(n))
        else:
            import realtext
            items = realtext.activities(n)
        for a in items:
            fh.write(json.dumps(a, ensure_ascii=False) + "\n")


def cpu_seconds() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def memory_run(screener, src: Path, n: int, base_dir: str) -> None:
    """One process screens everything; RSS every tenth of the way (flat = no growth with new words)."""
    from rambu.engine import screen_stream, settle
    settle()
    step, t0, c0 = max(1, n // 10), time.perf_counter(), cpu_seconds()
    print(f"memory run: {n:,} distinct real activities in one process; RSS before: {rss_mb():.0f} MB")
    with src.open("rb") as fh:
        for i, _ in enumerate(screen_stream(screener, fh, base_dir, workers=1, as_json=True), 1):
            if i % step == 0:
                el = time.perf_counter() - t0
                print(f"  {i:>9,} screened  RSS {rss_mb():6.0f} MB  {i / el:,.0f}/s  "
                      f"{i / (cpu_seconds() - c0):,.0f}/CPU-s", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--text", choices=("both", "generated", "real"), default="both")
    ap.add_argument("--claims", type=int, default=0,
                    help="screen against a synthetic fact-check register of this many claims (0: examples/)")
    ap.add_argument("--memory", type=int, default=0, metavar="N",
                    help="instead: screen N activities in one process and print its RSS along the way")
    ap.add_argument("--save", help="write the results (one worker) to this file, for --compare after a change")
    ap.add_argument("--compare", help="compare the results (one worker) with a file written by --save")
    ap.add_argument("--no-single", action="store_true", help="skip the single `rambu check --text` timings")
    args = ap.parse_args()
    from rambu.engine import Screener, ScreenerSpec, screen_stream

    tmp = Path(tempfile.mkdtemp())
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
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; register: "
          f"{args.claims or 'examples/factchecks.csv'} claims; screener start-up (models, register, staff): {t_load:.2f} s")
    if args.memory:
        src = tmp / "memory.jsonl"
        write_input(src, "real" if args.text != "generated" else "generated", args.memory)
        memory_run(screener, src, args.memory, str(tmp))
        return

    kinds = ("generated", "real") if args.text == "both" else (args.text,)
    for kind in kinds:
        src = tmp / f"{kind}.jsonl"
        write_input(src, kind, args.n)
        print(f"\n{kind} text: {args.n:,} activities, {src.stat().st_size / 1e6:.1f} MB")
        for workers in sorted({1, args.workers}):
            t0, c0 = time.perf_counter(), cpu_seconds()
            counts: dict[str, int] = {}
            out = None
            if workers == 1 and (args.save or args.compare) and kind == kinds[-1]:
                out = []
            with src.open("rb") as fh:
                for line, failed in screen_stream(screener, fh, str(tmp), workers=workers, as_json=True):
                    k = json.loads(line).get("decision", "error") if out is None else None
                    if out is not None:
                        out.append(line)
                        k = json.loads(line).get("decision", "error")
                    counts[k] = counts.get(k, 0) + 1
            el, cpu = time.perf_counter() - t0, cpu_seconds() - c0
            print(f"batch, {workers} worker(s): {args.n / el:,.0f} activities/s ({el:.1f} s), "
                  f"{args.n / cpu:,.0f} per CPU-second; decisions={counts}", flush=True)
            if out is not None and args.save:
                Path(args.save).write_text("\n".join(out) + "\n", encoding="utf-8")
                print(f"results written to {args.save}")
            if out is not None and args.compare:
                before = Path(args.compare).read_text(encoding="utf-8").splitlines()
                diff = [i for i, (a, b) in enumerate(zip(before, out)) if a != b]
                same = not diff and len(before) == len(out)
                print(f"results compared with {args.compare}: " + ("identical" if same else
                      f"{len(diff)} of {len(out)} differ (first: line {diff[0] + 1 if diff else len(before)})"))

    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\npeak RSS: main process {peak_self:.0f} MB, largest worker {peak_children:.0f} MB")
    if args.no_single:
        return
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
