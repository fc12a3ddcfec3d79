"""Benchmark of the fact-check matcher on a synthetic 100,000-claim register.

    python benchmarks/bench_factcheck.py [--claims 100000] [--queries 2000] [--data ../shared/data]

Prints build time, memory (RSS) and query latency (mean, p95) for paraphrased
queries (which should find their claim) and ordinary non-matching posts, plus
the share of paraphrases whose claim came first. Claims are generated from
templates with varied names, places, numbers and events; the TurnBackHoax
headlines are added when ``../shared/data/turnbackhoax/claims.csv`` is there
(read at run time, never copied). Never fails on time: it only reports.
"""
from __future__ import annotations

import argparse
import csv
import gc
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rambu.factcheck.matcher import FactCheckIndex  # noqa: E402
from rambu.factcheck.register import FactCheck  # noqa: E402

SYLLABLES = ("ba be bi bo bu da de di do du ga gi go gu ha hi ja jo ka ke ki ko ku la le li lo lu ma me mi "
             "mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu wa wi ya yu "
             "an ar as in ir un ang ing ung").split()
INSTITUTIONS = ["Lapas", "Rutan", "Lapas Perempuan", "Lapas Narkotika", "LPKA", "Bapas", "Kanwil",
                "Polres", "Polsek", "Dinas Kesehatan", "Dinas Sosial", "Puskesmas", "RSUD", "Pemkab",
                "Pemkot", "Kantor Imigrasi", "Sekolah Dasar", "SMA Negeri", "Universitas", "Bank"]
EVENTS = [
    "akan menghapus layanan kunjungan keluarga mulai bulan depan",
    "membebaskan {n} narapidana tanpa syarat minggu ini",
    "memberikan bantuan tunai Rp {n}.000 kepada semua warga yang mendaftar lewat tautan",
    "ditutup permanen karena kasus {disease}",
    "mewajibkan vaksin {disease} untuk semua pengunjung",
    "menaikkan tarif {thing} sebesar {n} persen mulai besok",
    "memecat {n} pegawai karena menolak {thing}",
    "mengalami kerusuhan dan {n} tahanan kabur",
    "membagikan {thing} gratis kepada warga yang membagikan pesan ini",
    "menemukan {thing} beracun yang dijual di pasar",
    "melarang warga keluar rumah selama {n} hari",
    "dibobol peretas dan data {n} ribu warga bocor",
    "menculik anak anak di sekitar sekolah",
    "menjual {thing} palsu yang mengandung babi",
    "meliburkan semua pegawai karena wabah {disease}",
    "memotong gaji pegawai untuk membiayai {thing}",
    "menangkap kepala {inst} karena pungli",
    "membuka pendaftaran CPNS tanpa tes lewat WhatsApp",
]
DISEASES = ["covid", "flu burung", "difteri", "campak", "demam berdarah", "cacar monyet", "tbc", "rabies"]
THINGS = ["listrik", "air bersih", "beras", "minyak goreng", "bensin", "telur", "obat batuk", "masker",
          "susu formula", "gas elpiji", "kuota internet", "seragam", "sembako", "pupuk", "tiket kereta"]
PERSONS_TITLES = ["Menteri", "Gubernur", "Bupati", "Wali Kota", "Kepala Lapas", "Kapolda", "Artis", "Ustaz",
                  "Dokter", "Profesor"]
PERSON_EVENTS = ["meninggal dunia setelah divaksin", "ditangkap polisi karena korupsi {thing}",
                 "mengundurkan diri karena skandal {thing}", "menyebut {thing} haram",
                 "dirawat di rumah sakit akibat {disease}", "membagikan uang Rp {n} juta di {place}"]
SYN_SWAPS = {"lapas": ["penjara", "rutan", "lp"], "menghapus": ["meniadakan", "menghentikan"],
             "semua": ["seluruh", "smua"], "bulan": ["bln"], "depan": ["dpn", "mendatang"],
             "narapidana": ["napi", "tahanan", "warga binaan"], "kabur": ["melarikan diri", "lolos"],
             "meninggal": ["wafat", "tewas", "meninggoy"], "ditangkap": ["diciduk", "diringkus"],
             "gratis": ["cuma-cuma", "gratisss"], "bantuan": ["bansos"], "tautan": ["link"],
             "pegawai": ["pgw"], "memecat": ["memberhentikan", "mem-PHK"], "dijual": ["dijualbelikan"],
             "beracun": ["mengandung racun"], "menaikkan": ["menaikan"], "vaksin": ["vaksinasi", "vaksn"],
             "kerusuhan": ["ricuh", "rusuh"], "melarang": ["tidak membolehkan"], "karena": ["krn", "gara2"]}
FILLERS = ["katanya", "info A1:", "sebarkan!!", "viralkan!", "dari grup sebelah,", "penting!", "waduh",
           "beneran nih?", "share sebanyak-banyaknya", "", "", ""]
ORDINARY = [
    "Selamat pagi rekan-rekan, semangat bekerja hari ini",
    "Alhamdulillah hari ini {place} cerah sekali, cocok untuk olahraga pagi",
    "Ada yang tahu warung bakso enak di {place}? rekomendasi dong",
    "Macet parah di jalan menuju {place}, sabar ya semua",
    "Selamat ulang tahun untuk anakku tersayang, semoga sehat selalu",
    "Nonton bola bareng teman-teman semalam seru banget",
    "Resep rendang ala ibu, dimasak {n} jam biar empuk",
    "Kegiatan senam bersama pegawai di halaman kantor pagi tadi",
    "Libur akhir pekan ke pantai bersama keluarga, anak-anak senang sekali",
    "Terima kasih atas doa dan ucapannya teman-teman semua",
    "Hujan deras dari siang, jangan lupa bawa payung",
    "Upacara Hari Bhakti Pemasyarakatan ke-{n} berjalan khidmat",
]


def word(rng: random.Random, lo: int = 2, hi: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(lo, hi)))


def generate(n: int, seed: int = 7) -> list[FactCheck]:
    rng = random.Random(seed)
    places = [word(rng).capitalize() for _ in range(4000)]
    names = [f"{word(rng).capitalize()} {word(rng).capitalize()}" for _ in range(6000)]
    out = []
    for i in range(n):
        slots = {"n": rng.randint(2, 900), "disease": rng.choice(DISEASES), "thing": rng.choice(THINGS),
                 "place": rng.choice(places), "inst": rng.choice(INSTITUTIONS).lower()}
        if rng.random() < 0.6:
            subj = f"{rng.choice(INSTITUTIONS)} {rng.choice(places)}"
            ev = rng.choice(EVENTS)
        else:
            subj = f"{rng.choice(PERSONS_TITLES)} {rng.choice(names)}"
            ev = rng.choice(PERSON_EVENTS)
        claim = f"{subj} {ev.format(**slots)}"
        if rng.random() < 0.3:
            claim += f" di {rng.choice(places)}"
        verdict = rng.choice(("hoaks", "hoaks", "disinformasi", "misinformasi", "satire", "benar"))
        out.append(FactCheck(f"SY-{i:06d}", claim, verdict, "https://contoh.invalid/cek", "2025-01-01"))
    return out


def turnbackhoax(data_dir: Path) -> list[FactCheck]:
    p = data_dir / "turnbackhoax" / "claims.csv"
    if not p.exists():
        return []
    out = []
    with p.open(encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.reader(f, delimiter=";")):
            if i == 0 or len(row) < 2 or row[0].strip() != "0" or not row[1].strip():
                continue
            out.append(FactCheck(f"TBH-{i:05d}", row[1].strip().strip("“”\""), "hoaks", "turnbackhoax.id",
                                 "2021-04-25"))
    return out


def paraphrase(claim: str, rng: random.Random) -> str:
    words = claim.split()
    out = []
    for w in words:
        low = w.lower()
        if low in SYN_SWAPS and rng.random() < 0.7:
            out.append(rng.choice(SYN_SWAPS[low]))
        elif rng.random() < 0.08 and len(words) > 6:
            continue  # drop a word
        else:
            out.append(w.lower() if rng.random() < 0.7 else w)
    if len(out) > 5 and rng.random() < 0.5:  # move the tail to the front
        cut = rng.randint(2, len(out) - 2)
        out = out[cut:] + out[:cut]
    text = " ".join(out)
    if rng.random() < 0.2:
        text = text.upper()
    return f"{rng.choice(FILLERS)} {text} {rng.choice(FILLERS)}".strip()


def rss_mb() -> float:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=1, help="processes that analyse the claims (as rambu check does)")
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    args = ap.parse_args(argv)
    rng = random.Random(11)

    real = turnbackhoax(Path(args.data))
    entries = generate(max(0, args.claims - len(real))) + real
    gc.collect()
    rss0 = rss_mb()
    t0, cpu0 = time.perf_counter(), os.times()
    index = FactCheckIndex(entries, workers=args.workers)
    build = time.perf_counter() - t0
    cpu1 = os.times()  # CPU time says what the build costs when other processes share the cores
    cpu_self = cpu1.user + cpu1.system - cpu0.user - cpu0.system
    cpu_forked = cpu1.children_user + cpu1.children_system - cpu0.children_user - cpu0.children_system
    gc.collect()
    rss1 = rss_mb()
    print(f"register: {len(entries):,} claims ({len(real):,} TurnBackHoax headlines from {args.data})")
    print(f"build ({args.workers} process(es)): {build:.1f} s (CPU {cpu_self:.1f} s"
          + (f" + {cpu_forked:.1f} s in the forked analysers" if cpu_forked else "")
          + f"); vocabulary {len(index.vocab):,} terms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the build's temporaries included
    print(f"memory: RSS {rss1:.0f} MB (index adds {rss1 - rss0:.0f} MB over the entries), peak {peak:.0f} MB"
          + (f" (a forked analyser's peak {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB)"
             if args.workers > 1 else ""))

    picks = rng.sample(range(len(entries)), min(args.queries, len(entries)))
    para = [(entries[i], paraphrase(entries[i].claim, rng)) for i in picks]
    plain = [t.format(place=word(rng).capitalize(), n=rng.randint(2, 60)) for t in
             (rng.choice(ORDINARY) for _ in range(args.queries))]
    # warm-up (first fuzzy lookup builds the typo index)
    for _, q in para[:20]:
        index.match(q)

    def timed(texts):
        lat, cpu, results = [], [], []
        for q in texts:
            t, c = time.perf_counter(), time.process_time()
            results.append(index.match(q))
            cpu.append((time.process_time() - c) * 1000)
            lat.append((time.perf_counter() - t) * 1000)
        return lat, cpu, results

    lat_p, cpu_p, res_p = timed([q for _, q in para])
    lat_n, cpu_n, res_n = timed(plain)
    top1 = sum(1 for (e, _), r in zip(para, res_p) if r and r[0].entry.id == e.id) / len(para)
    found = sum(1 for (e, _), r in zip(para, res_p) if any(m.entry.id == e.id and m.score >= 0.5 for m in r))
    fp = sum(1 for r in res_n if r and r[0].score >= 0.5) / len(plain)
    words = statistics.mean(len(q.split()) for _, q in para)
    print(f"paraphrased queries ({len(para)}, mean {words:.0f} words): mean {statistics.mean(lat_p):.3f} ms, "
          f"p95 {percentile(lat_p, 0.95):.3f} ms (CPU mean {statistics.mean(cpu_p):.3f} ms); "
          f"own claim first {top1:.1%}, matched >= 0.5 {found / len(para):.1%}")
    print(f"non-matching posts ({len(plain)}): mean {statistics.mean(lat_n):.3f} ms, "
          f"p95 {percentile(lat_n, 0.95):.3f} ms (CPU mean {statistics.mean(cpu_n):.3f} ms); "
          f"any match >= 0.5 {fp:.1%}")
    print(f"load average during the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores "
          "(wall-clock figures include waiting for other processes)")
    print(f"final RSS {rss_mb():.0f} MB; pid {os.getpid()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
