"""Web API speed: requests per second and latency percentiles of `rambu serve`. Prints figures; never fails on time.

    python benchmarks/bench_api.py [--requests 300] [--concurrency 1 8] [--seed-lines 500] [--markdown]

Starts `rambu serve --demo` on 127.0.0.1 (free port) with a fresh SQLite database in a temporary
folder, uploads one extra batch of `--seed-lines` realistic activities so the review queue is not
trivially small (and reports how fast the background worker screened it), signs in as the demo
Kepatuhan Internal user and measures, with threads and httpx:

  check        POST /api/check        pre-publication check of realistic Indonesian drafts (real engine)
  queue HTML   GET  /findings         review queue page (Jinja2), 50 open findings per page
  queue JSON   GET  /api/findings     its JSON twin

Each endpoint gets `--requests` timed requests at each concurrency (after a few warm-up requests).
Latency is measured by the client (wall time of one request); "app" is the median of the server's own
Server-Timing figure. The client runs on the same machine, so it competes with the server for CPU.
"""
from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]

DRAFTS = [
    # clean humas drafts
    "Selamat pagi! Hari ini warga binaan Lapas Kelas IIA Semarang mengikuti pelatihan menjahit dan las. "
    "Semoga bekal keterampilan ini bermanfaat setelah bebas nanti.",
    "Layanan kunjungan keluarga dibuka Senin sampai Kamis pukul 08.00-12.00 WIB. Barang titipan diperiksa "
    "petugas. Mohon membawa KTP asli.",
    "Alhamdulillah, panen sayur hidroponik hasil kegiatan pembinaan kemandirian warga binaan minggu ini "
    "mencapai 40 kg. Terima kasih atas dukungan semua pihak.",
    "Selamat Hari Raya Idul Fitri 1446 H. Mohon maaf lahir dan batin dari keluarga besar Rutan Kelas IIA "
    "Balikpapan. #PemasyarakatanPasti",
    "Upacara peringatan Hari Bhakti Pemasyarakatan ke-61 berlangsung khidmat. Petugas berkomitmen memberikan "
    "pelayanan yang bersih dan bebas pungli.",
    "Mohon pemerintah mengevaluasi kebijakan remisi agar lebih transparan; menurut saya kriterianya perlu "
    "dijelaskan kepada keluarga warga binaan.",
    "lagi apel pagi bareng temen2 regu, semangat kerja semuanya 💪 jangan lupa sarapan",
    "Penyuluhan hukum bagi warga binaan bersama Pos Bantuan Hukum berjalan lancar, 120 peserta hadir.",
    # drafts that break a rule
    "Dasar orang Cina itu semua penipu dan lintah darat, usir saja mereka dari kampung kita!",
    "Pemerintah ini thogut, Pancasila tidak ada gunanya, ganti saja dengan sistem khilafah!",
    "Jadwal jaga malam ini: pos atas 3 kosong jam 02.00-03.00, CCTV blok C sedang rusak, jangan disebar ya.",
    "INFO PENTING!! Seluruh lapas di Indonesia akan menghapus layanan kunjungan keluarga mulai bulan depan, "
    "sebarkan sebelum dihapus!",
    "Bendera merah putih ini cuma kain lap, pantasnya buat ngepel lantai wkwk",
    "pemerintah goblok semua, rezim anjing, bubarkan saja 🤬",
]
RIZKY, BUDI = "198901142012121003", "199001012015031002"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(workdir: Path, port: int, database: str | None,
                 no_worker: bool = False, processes: int = 1) -> tuple[subprocess.Popen, str, Path]:
    log_path = workdir / "server.log"
    env = dict(os.environ, PYTHONUNBUFFERED="1",
               PYTHONPATH=os.pathsep.join([str(ROOT)] + [p for p in [os.environ.get("PYTHONPATH")] if p]))
    env.pop("RAMBU_DATABASE_URL", None)
    cmd = [sys.executable, "-m", "rambu.cli", "serve", "--demo", "--host", "127.0.0.1", "--port", str(port),
           "--database", database or f"sqlite:///{workdir / 'rambu.db'}", "--workers", str(processes)] + \
        (["--no-worker"] if no_worker else [])
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=workdir, env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    password = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"rambu serve stopped (exit {proc.returncode}):\n{log_path.read_text(errors='replace')}")
        text = log_path.read_text(errors="replace")
        m = re.search(r"kata sandi\s*:\s*(\S+)", text)
        password = m.group(1) if m else password
        if "rambu berjalan" in text:
            try:
                if httpx.get(url + "/healthz", timeout=2).json().get("ok"):
                    break
            except httpx.HTTPError:
                pass
        time.sleep(0.2)
    else:
        stop_server(proc)
        sys.exit(f"rambu serve did not come up:\n{log_path.read_text(errors='replace')}")
    if not password:
        stop_server(proc)
        sys.exit("the demo admin password was not printed (database not fresh?); use a new --database")
    return proc, password, log_path


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


def peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _process_stats() -> dict[int, tuple[int, float]]:
    """pid -> (parent pid, CPU seconds used so far, user + system), from /proc."""
    stats = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                f = (d / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(d.name)] = (int(f[1]), (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK"))
    return stats


def _tree(root: int, stats: dict[int, tuple[int, float]]) -> list[int]:
    """A process and all its descendants."""
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(p for p, (ppid, _) in stats.items() if ppid == pid)
    return out


def tree_cpu_s(root: int) -> float:
    """CPU seconds (user + system) used so far by a process and all its descendants."""
    stats = _process_stats()
    return sum(stats.get(pid, (0, 0.0))[1] for pid in _tree(root, stats))


def connections_per_process(root: int, port: int) -> list[int]:
    """Established connections to `port` held by each process of the server's tree (most first): how the
    kernel shared the clients' kept-alive connections between server processes."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            f = line.split()
            if f[3] == "01" and int(f[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(f[9])
    counts = []
    for pid in _tree(root, _process_stats()):
        try:
            fds = [os.readlink(fd) for fd in Path(f"/proc/{pid}/fd").iterdir()]
        except OSError:
            continue
        n = sum(1 for t in fds if t.startswith("socket:[") and t[8:-1] in inodes)
        if n:
            counts.append(n)
    return sorted(counts, reverse=True)


def login(url: str, username: str, password: str) -> tuple[dict, str]:
    r = httpx.post(url + "/api/login", json={"username": username, "password": password}, timeout=30)
    r.raise_for_status()
    return dict(r.cookies), r.json()["csrf_token"]


def seed_batch(url: str, password: str, n: int, wait: bool = True, tag: str = "bench") -> dict | None:
    """Upload n realistic activities as humas.semarang and (with `wait`) wait for the worker; returns timing
    (without `wait`: the batch id, screening goes on in the background)."""
    if n <= 0:
        return None
    rnd = random.Random(7 if tag == "bench" else hash(tag) % 1000)
    lines = []
    for i in range(n):
        text = rnd.choice(DRAFTS)
        lines.append(json.dumps({"id": f"{tag}-{i}", "platform": rnd.choice(["facebook", "x", "instagram", "tiktok"]),
                                 "type": "post", "author": {"nip": rnd.choice([RIZKY, BUDI])},
                                 "created_at": f"2025-05-{rnd.randint(1, 28):02d}T{rnd.randint(6, 22):02d}:10:00+07:00",
                                 "text": f"{text} ({tag} {i})"}, ensure_ascii=False))
    cookies, csrf = login(url, "humas.semarang", password)
    with httpx.Client(base_url=url, cookies=cookies, headers={"X-CSRF-Token": csrf}, timeout=60) as c:
        t0 = time.perf_counter()
        r = c.post("/api/batches", files={"file": ("bench.jsonl", ("\n".join(lines) + "\n").encode(),
                                                   "application/x-ndjson")})
        r.raise_for_status()
        bid = r.json()["id"]
        uploaded = time.perf_counter() - t0
        if not wait:
            return {"id": bid, "lines": n, "upload_s": uploaded}
        while True:
            b = c.get(f"/api/batches/{bid}").json()
            if b["status"] == "done":
                break
            if time.perf_counter() - t0 > 600:
                sys.exit("seed batch not screened within 10 minutes")
            time.sleep(0.25)
        took = time.perf_counter() - t0
    return {"lines": n, "upload_s": uploaded, "screen_s": took, "lines_per_s": n / took,
            "decisions": b.get("decisions")}


def percentile(sorted_ms: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    if not sorted_ms:
        return float("nan")
    k = max(0, min(len(sorted_ms) - 1, math.ceil(p / 100 * len(sorted_ms)) - 1))
    return sorted_ms[k]


def run(url: str, cookies: dict, csrf: str, make_request, n: int, concurrency: int, warmup: int = 5,
        server_pid: int | None = None) -> dict:
    """n timed requests spread over `concurrency` threads, each with its own httpx client; CPU time of the
    server's processes and of this client per request, so it shows how the cores were shared."""
    counter = itertools.count()
    lat: list[float] = []
    when: list[tuple[float, float]] = []  # (latency ms, start s after the run began): where the tail sits
    start = [0.0]
    app_ms: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def worker(client: httpx.Client):
        while True:
            i = next(counter)
            if i >= n:
                return
            t0 = time.perf_counter()
            try:
                r = make_request(client, i)
                ok = r.status_code < 400
                detail = f"{r.status_code} {r.text[:120]}"
            except httpx.HTTPError as e:
                r, ok, detail = None, False, repr(e)
            dt = (time.perf_counter() - t0) * 1000
            with lock:
                lat.append(dt)
                when.append((dt, t0 - start[0]))
                if not ok:
                    errors.append(detail)
                if r is not None:
                    m = re.search(r"dur=([\d.]+)", r.headers.get("server-timing", ""))
                    if m:
                        app_ms.append(float(m.group(1)))

    clients = [httpx.Client(base_url=url, cookies=cookies, headers={"X-CSRF-Token": csrf}, timeout=60)
               for _ in range(concurrency)]
    try:
        for c in clients:  # warm-up: connections, caches, the Screener
            for i in range(max(1, warmup // concurrency)):
                make_request(c, 10_000 + i)
        threads = [threading.Thread(target=worker, args=(c,)) for c in clients]
        split = connections_per_process(server_pid, int(url.rsplit(":", 1)[1])) if server_pid else []
        server0 = tree_cpu_s(server_pid) if server_pid else None
        client0 = time.process_time()
        t0 = start[0] = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        client_cpu = time.process_time() - client0
        server_cpu = tree_cpu_s(server_pid) - server0 if server_pid else None
    finally:
        for c in clients:
            c.close()
    lat.sort()
    return {"requests": n, "concurrency": concurrency, "errors": len(errors), "first_error": errors[0] if errors else None,
            "wall_s": wall, "rps": n / wall, "p50_ms": percentile(lat, 50), "p95_ms": percentile(lat, 95),
            "p99_ms": percentile(lat, 99), "max_ms": lat[-1] if lat else float("nan"),
            "app_p50_ms": statistics.median(app_ms) if app_ms else None,
            "slowest": [(round(ms, 1), round(at, 2)) for ms, at in sorted(when, reverse=True)[:5]],
            "server_cpu_ms": server_cpu * 1000 / n if server_cpu is not None else None,
            "client_cpu_ms": client_cpu * 1000 / n, "connections": split}


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{os.cpu_count()} cores ({cpu}){mem}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}; httpx {httpx.__version__}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--requests", type=int, default=300, help="timed requests per endpoint and concurrency")
    ap.add_argument("--concurrency", type=int, nargs="+", default=[1, 8])
    ap.add_argument("--seed-lines", type=int, default=500, help="extra batch screened before measuring (0: none)")
    ap.add_argument("--database", default=None, help="database URL (default: fresh SQLite in a temporary folder)")
    ap.add_argument("--user", default="kepatuhan", help="demo user that makes the requests")
    ap.add_argument("--during-batch", type=int, default=0, metavar="N",
                    help="upload a batch of N activities right before each timed run of the draft check, so the "
                         "check is measured while a batch is screened (0: no batch)")
    ap.add_argument("--no-worker", action="store_true",
                    help="PostgreSQL: the server runs no jobs; start `rambu worker` processes yourself")
    ap.add_argument("--server-processes", type=int, default=1, metavar="N",
                    help="`rambu serve --workers N`: server processes sharing the port")
    ap.add_argument("--endpoints", nargs="+", default=["check", "queue HTML", "queue JSON"],
                    help="which to measure: health (HTTP alone), check, 'queue HTML', 'queue JSON'")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON too")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table (for docs/benchmarks.md)")
    args = ap.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="rambu-bench-api-"))
    port = free_port()
    print(f"machine: {machine()}")
    print(f"database: {args.database or 'SQLite (fresh file, WAL)'}; server: rambu serve --demo on 127.0.0.1:{port}")
    t0 = time.perf_counter()
    proc, password, log_path = start_server(work, port, args.database, args.no_worker,
                                             args.server_processes)
    url = f"http://127.0.0.1:{port}"
    print(f"server up (migrations + demo data + demo screening) in {time.perf_counter() - t0:.1f} s")
    results = []
    seed = None
    try:
        seed = seed_batch(url, password, args.seed_lines)
        if seed:
            print(f"seed batch: {seed['lines']} lines uploaded in {seed['upload_s']:.2f} s, screened by the "
                  f"background worker in {seed['screen_s']:.1f} s ({seed['lines_per_s']:.0f} lines/s), "
                  f"decisions {seed['decisions']}")
        cookies, csrf = login(url, args.user, password)
        open_findings = httpx.get(url + "/api/findings", cookies=cookies, params={"limit": 1}).json()["total"]
        print(f"review queue: {open_findings} open findings (pages show 50)")

        def check(c: httpx.Client, i: int):
            return c.post("/api/check", data={"text": DRAFTS[i % len(DRAFTS)]})

        def queue_html(c: httpx.Client, i: int):
            return c.get("/findings")

        def queue_json(c: httpx.Client, i: int):
            return c.get("/api/findings")

        def health(c: httpx.Client, i: int):
            return c.get("/healthz")

        endpoints = [("health", "GET /healthz", health), ("check", "POST /api/check", check), ("queue HTML", "GET /findings", queue_html),
                     ("queue JSON", "GET /api/findings", queue_json)]
        endpoints = [e for e in endpoints if e[0] in args.endpoints]
        header = (f"{'endpoint':<12} {'request':<20} {'conc':>4} {'n':>5} {'err':>4} {'req/s':>8} "
                  f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'app p50':>8} {'srv cpu':>8} {'cli cpu':>8}")
        print()
        print(header)
        print("-" * len(header))
        for name, label, fn in endpoints:
            for conc in args.concurrency:
                during = None
                if name == "check" and args.during_batch:
                    during = seed_batch(url, password, args.during_batch, wait=False, tag=f"during{conc}")
                r = run(url, cookies, csrf, fn, args.requests, conc, server_pid=proc.pid)
                r.update(endpoint=name, request=label)
                if during:
                    b = httpx.get(f"{url}/api/batches/{during['id']}", cookies=cookies).json()
                    r.update(during_batch=args.during_batch, during_screened=b["screened"])
                    r["request"] = f"{label} + batch"
                    print(f"   (batch of {args.during_batch} uploaded before the run; {b['screened']} lines screened "
                          f"by its end, status {b['status']})")
                results.append(r)
                app = f"{r['app_p50_ms']:.1f}" if r["app_p50_ms"] is not None else "-"
                print(f"{name:<12} {r['request']:<20} {conc:>4} {r['requests']:>5} {r['errors']:>4} {r['rps']:>8.1f} "
                      f"{r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} {r['p99_ms']:>8.1f} {r['max_ms']:>8.1f} {app:>8} "
                      f"{r['server_cpu_ms']:>8.1f} {r['client_cpu_ms']:>8.1f}",
                      flush=True)
                print(f"   slowest (ms, started s after the run began): {r['slowest']}")
                if len(r["connections"]) > 1:
                    print(f"   client connections per server process: {' / '.join(map(str, r['connections']))}")
                if r["errors"]:
                    print(f"   first error: {r['first_error']}")
        rss = peak_rss_mb(proc.pid)
        if rss:
            print(f"\nserver peak RSS: {rss:.0f} MB")
    finally:
        stop_server(proc)
        shutil.rmtree(work, ignore_errors=True)

    if args.markdown:
        print("\n| request | concurrency | requests | errors | req/s | p50 ms | p95 ms | p99 ms | server p50 ms "
              "| server CPU ms/req | client CPU ms/req |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in results:
            app = f"{r['app_p50_ms']:.1f}" if r["app_p50_ms"] is not None else "-"
            print(f"| `{r['request']}` | {r['concurrency']} | {r['requests']} | {r['errors']} | {r['rps']:.1f} | "
                  f"{r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {app} | {r['server_cpu_ms']:.1f} | "
                  f"{r['client_cpu_ms']:.1f} |")
    if args.json:
        print(json.dumps({"machine": machine(), "seed": seed, "results": results}, indent=1))
    return 1 if any(r["errors"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
