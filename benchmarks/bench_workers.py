"""Batch screening by `rambu worker` processes against one PostgreSQL: activities per second with 1, 2 and
4 worker processes and the scaling efficiency. Prints figures; never fails on time.

    python benchmarks/bench_workers.py --database postgresql+psycopg://rambu:pw@127.0.0.1/rambu_bench \\
        [--n 10000] [--workers 1 2 4] [--markdown]

For each worker count the named database is created anew (the user needs CREATEDB; the database named is
dropped!), migrated and given a unit, a humas account and three staff. The workers are started and have
built their screeners before the batch arrives; then `--n` distinct activities built from the training
sets' real posts (benchmarks/realtext.py, read from ../shared/data at run time) are stored as one batch,
its planning job deferred as the web upload does, and the time until the batch is marked done is measured.
Efficiency = rate with k workers / (k x rate with one worker). Each worker is one process working one job
at a time (the engine is CPU-bound Python); this machine has os.cpu_count() cores, shared with
PostgreSQL and with this script.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

NIPS = ["198901142012121003", "199304022018011001", "198705112010011002"]


def fresh_database(url: str) -> str:
    """Drop and create the database of `url`, migrate it and seed a unit, a humas account and staff."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    from rambu.store import auth, orgs
    from rambu.store.access import SYSTEM
    from rambu.store.db import make_engine, session_factory, upgrade
    u = make_url(url)
    admin = create_engine(u.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{u.database}" WITH (FORCE)')
        c.exec_driver_sql(f'CREATE DATABASE "{u.database}"')
    admin.dispose()
    engine = make_engine(url)
    upgrade(engine)
    with session_factory(engine)() as s:
        r = orgs.save_region(s, SYSTEM, "JATENG", "Kanwil Jawa Tengah")
        unit = orgs.save_unit(s, SYSTEM, "SMG", "Lapas Kelas IIA Semarang", r.id)
        auth.create_user(s, SYSTEM, "humas", "Humas", "humas", "unit", None, unit.id, None, "rahasia-bench-1")
        staff = [{"nip": n, "name": f"Pegawai {i}", "unit": "Lapas Kelas IIA Semarang", "schedule": "office"}
                 for i, n in enumerate(NIPS)]
        orgs.import_staff(s, SYSTEM, json.dumps(staff), "staff.json")
        s.commit()
    engine.dispose()
    return url


def start_workers(url: str, k: int, queues: str = "text,media,mail") -> list[subprocess.Popen]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    # the workers log every job: to a file, since a pipe nobody reads fills up and blocks them
    log = open(os.path.join(tempfile.gettempdir(), "rambu-bench-workers.log"), "ab")
    return [subprocess.Popen([sys.executable, "-m", "rambu.cli", "worker", "--database", url, "--queues", queues,
                              "--name", f"bench{i}"], env=env, stdout=subprocess.DEVNULL, stderr=log)
            for i in range(k)]


def wait_registered(url: str, k: int, timeout: float = 180) -> None:
    """Until k workers have registered (their screeners are built before they take jobs)."""
    from sqlalchemy import text
    from rambu.store.db import make_engine
    engine = make_engine(url)
    end = time.monotonic() + timeout
    try:
        while time.monotonic() < end:
            with engine.connect() as c:
                if c.execute(text("SELECT count(*) FROM procrastinate_workers")).scalar() >= k:
                    return
            time.sleep(0.3)
        raise SystemExit("workers did not start in time")
    finally:
        engine.dispose()


def cpu_of(procs: list[subprocess.Popen]) -> float:
    """CPU seconds used so far by these processes (user + system, from /proc)."""
    total = 0.0
    for p in procs:
        try:
            fields = Path(f"/proc/{p.pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            pass
    return total


def stop_workers(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
    for p in procs:
        try:
            p.wait(60)
        except subprocess.TimeoutExpired:
            p.kill()


def submit_batch(url: str, lines: list[bytes], media: list[tuple[str, bytes]] = ()) -> int:
    """Store a batch (as the web upload does) and defer its planning job in the same transaction."""
    from rambu.jobs.pg import defer
    from rambu.store import batches
    from rambu.store.access import SYSTEM
    from rambu.store.db import make_engine, session_factory
    from rambu.store.models import Unit
    engine = make_engine(url)
    try:
        with session_factory(engine)() as s:
            unit = s.query(Unit).first()
            b = batches.upload(s, SYSTEM, "bench.jsonl", b"".join(lines), list(media), unit.id)
            defer(s, "rambu.plan_batch", "text", f"plan:{b.id}", batch_id=b.id)
            s.commit()
            return b.id
    finally:
        engine.dispose()


def wait_done(url: str, batch_id: int, timeout: float = 3600) -> float:
    from sqlalchemy import text
    from rambu.store.db import make_engine
    engine = make_engine(url)
    t0 = time.perf_counter()
    try:
        while time.perf_counter() - t0 < timeout:
            with engine.connect() as c:
                if c.execute(text("SELECT status FROM batches WHERE id = :b"), {"b": batch_id}).scalar() == "done":
                    return time.perf_counter() - t0
            time.sleep(0.2)
        raise SystemExit("batch not screened in time")
    finally:
        engine.dispose()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--database", required=True, help="PostgreSQL URL of a database this benchmark may drop")
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    import realtext
    lines = [(json.dumps(a, ensure_ascii=False) + "\n").encode() for a in realtext.activities(args.n, seed=23)]
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; {args.n:,} distinct real activities "
          f"({sum(map(len, lines)) / 1e6:.1f} MB) per run")
    rows = []
    for k in args.workers:
        url = fresh_database(args.database)
        procs = start_workers(url, k)
        try:
            wait_registered(url, k)
            time.sleep(1)
            c0, load0 = cpu_of(procs), os.getloadavg()[0]
            t0 = time.perf_counter()
            bid = submit_batch(url, lines)
            stored = time.perf_counter() - t0
            took = wait_done(url, bid) + stored
            cpu = cpu_of(procs) - c0
        finally:
            stop_workers(procs)
        rate = args.n / took
        base = rows[0][2] / rows[0][0] if rows else rate / k
        rows.append((k, took, rate, rate / (k * base), args.n / cpu if cpu else float("nan")))
        print(f"{k} worker(s): {took:6.1f} s (batch stored in {stored:.1f} s)  {rate:7,.0f} activities/s  "
              f"efficiency {rows[-1][3]:.0%}  {rows[-1][4]:,.0f} per worker CPU-second  "
              f"(load average before {load0:.1f})", flush=True)
    if args.markdown:
        print("\n| worker processes | seconds | activities/s | scaling efficiency | per worker CPU-second |\n"
              "|---:|---:|---:|---:|---:|")
        for k, took, rate, eff, per_cpu in rows:
            print(f"| {k} | {took:.1f} | {rate:,.0f} | {eff:.0%} | {per_cpu:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
