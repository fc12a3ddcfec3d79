"""Server memory under large request bodies (issue 7). Prints figures; never fails on a number.

    python benchmarks/bench_upload_memory.py [--login-mb 100] [--logins 4] [--batch-mb 150]

Starts `rambu serve --demo` (SQLite in a temporary folder) and reads the server's resident memory (VmRSS)
before and after: `--logins` sign-in requests whose JSON body is `--login-mb` MB (streamed, as an attacker
would), then one batch upload of `--batch-mb` MB of contract JSON Lines (about 1 KB per line).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--login-mb", type=int, default=100)
    ap.add_argument("--logins", type=int, default=4)
    ap.add_argument("--batch-mb", type=int, default=150)
    args = ap.parse_args()
    import httpx
    work = tempfile.mkdtemp(prefix="rambu-bench-mem-")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = dict(os.environ, RAMBU_KEY_DIR=os.path.join(work, "keys"))
    proc = subprocess.Popen([sys.executable, "-m", "rambu.cli", "serve", "--demo", "--port", str(port),
                             "--database", f"sqlite:///{work}/rambu.db"], cwd=work, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    password = None
    for line in proc.stdout:
        m = re.search(r"kata sandi\s*:\s*(\S+)", line)
        password = m.group(1) if m else password
        if "rambu berjalan" in line:
            break
    url = f"http://127.0.0.1:{port}"
    try:
        time.sleep(3)
        base = rss_mb(proc.pid)
        print(f"server up: {base:.0f} MB resident")

        def body():
            yield b'{"username": "admin", "password": "'
            block = b"x" * (1 << 20)
            for _ in range(args.login_mb):
                yield block
            yield b'"}'
        for i in range(args.logins):
            try:
                r = httpx.post(url + "/api/login", content=body(), headers={"content-type": "application/json"},
                               timeout=120)
                code = r.status_code
            except httpx.HTTPError as e:
                code = type(e).__name__
            print(f"login body {i + 1} of {args.login_mb} MB: {code}, server {rss_mb(proc.pid):.0f} MB")
        after_login = rss_mb(proc.pid)
        c = httpx.Client(base_url=url, timeout=600)
        csrf = c.post("/api/login", json={"username": "humas.semarang", "password": password}).json()["csrf_token"]
        path = os.path.join(work, "besar.jsonl")
        filler = "Kegiatan pembinaan kemandirian warga binaan berjalan lancar. " * 14
        with open(path, "w", encoding="utf-8") as f:
            n = 0
            while f.tell() < args.batch_mb * (1 << 20):
                n += 1
                f.write(json.dumps({"id": f"m-{n}", "platform": "facebook", "type": "post",
                                    "author": {"nip": "198901142012121003"},
                                    "created_at": "2025-03-11T20:15:00+07:00", "text": f"{filler} {n}"}) + "\n")
        t0 = time.perf_counter()
        with open(path, "rb") as f:
            r = c.post("/api/batches", files={"file": ("besar.jsonl", f, "application/x-ndjson")},
                       headers={"X-CSRF-Token": csrf})
        took = time.perf_counter() - t0
        print(f"batch upload {os.path.getsize(path) / (1 << 20):.0f} MB, {n} lines: {r.status_code} in {took:.1f} s, "
              f"server {rss_mb(proc.pid):.0f} MB")
        print(f"\nresident memory: start {base:.0f} MB; after {args.logins} x {args.login_mb} MB sign-in bodies "
              f"{after_login:.0f} MB (+{after_login - base:.0f}); after the upload {rss_mb(proc.pid):.0f} MB "
              f"(+{rss_mb(proc.pid) - after_login:.0f})")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main()
