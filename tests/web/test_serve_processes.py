"""`rambu serve --workers 2`: two real server processes share the port; background work runs in exactly one (the
holder of the lock), the other answers for it; concurrent draft checks in both are all audited in one valid
chain; and the listening socket is one on which asyncio turns Nagle off (else every kept-alive answer waits
about 40 ms for a delayed ACK)."""
import asyncio
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import uvicorn

from rambu.web.commands import listening_socket

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if int((d / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(d.name))
            except (OSError, IndexError, ValueError):
                pass
    return out


def _holds(pid: int, name: str) -> bool:
    try:
        return any(os.readlink(f).endswith(name) for f in Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False


def _servers(pid: int) -> list[int]:
    return [c for c in _children(pid) if "spawn_main" in Path(f"/proc/{c}/cmdline").read_text(errors="replace")]


@pytest.fixture
def served(tmp_path):
    port = _free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1", RAMBU_KEY_DIR=str(tmp_path / "keys"),
               PYTHONPATH=os.pathsep.join([str(ROOT)] + [p for p in [os.environ.get("PYTHONPATH")] if p]))
    env.pop("RAMBU_DATABASE_URL", None)
    db = tmp_path / "rambu.db"
    log_path = tmp_path / "serve.log"
    with open(log_path, "wb") as log:  # a file, not a pipe nobody reads
        proc = subprocess.Popen([sys.executable, "-m", "rambu.cli", "serve", "--demo", "--workers", "2", "--port",
                                 str(port), "--database", f"sqlite:///{db}"], cwd=tmp_path, env=env, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert proc.poll() is None, log_path.read_text(errors="replace")
            if len(_servers(proc.pid)) == 2:
                try:
                    if httpx.get(url + "/healthz", timeout=2).json().get("ok"):
                        break
                except httpx.HTTPError:
                    pass
            time.sleep(0.3)
        else:
            raise AssertionError("rambu serve --workers 2 did not come up:\n" + log_path.read_text(errors="replace"))
        password = re.search(r"kata sandi\s*:\s*(\S+)", log_path.read_text()).group(1)
        yield proc, url, password, db, env
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)


def test_two_processes_one_background_worker_and_every_check_audited(served):
    proc, url, password, db, env = served
    servers = _servers(proc.pid)
    assert len(servers) == 2
    assert sum(_holds(p, "jobs.lock") for p in servers) == 1  # background work in exactly one
    for _ in range(10):  # whichever process answers, the background worker is reported running
        assert httpx.get(url + "/healthz", timeout=10).json()["worker"] is True

    def check(i: int) -> int:
        with httpx.Client(base_url=url, timeout=60) as c:  # a client (a connection) each: both processes answer
            token = c.post("/api/login", json={"username": "humas.semarang", "password": password}).json()["csrf_token"]
            r = c.post("/api/check", data={"text": f"Draf {i}: dasar cina semua penipu, usir saja!"},
                       headers={"X-CSRF-Token": token})
            assert r.status_code == 200, r.text
            return len(r.json()["result"]["findings"])

    with ThreadPoolExecutor(8) as pool:
        found = list(pool.map(check, range(24)))
    assert all(n >= 1 for n in found)

    os.killpg(proc.pid, signal.SIGINT)
    proc.wait(20)
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM audit_log WHERE action = 'check.draft'").fetchone()[0] == 24
    verify = subprocess.run([sys.executable, "-m", "rambu.cli", "audit", "verify", "--database", f"sqlite:///{db}"],
                            capture_output=True, text=True, env=env)
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_a_killed_leader_is_replaced_and_the_lock_moves(served):
    proc, url, _, _, _ = served
    leader = next(p for p in _servers(proc.pid) if _holds(p, "jobs.lock"))
    os.kill(leader, signal.SIGKILL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        holders = [p for p in _servers(proc.pid) if _holds(p, "jobs.lock")]
        if holders and leader not in holders and len(_servers(proc.pid)) == 2:
            break
        time.sleep(0.3)
    else:
        raise AssertionError("no process took over the background work")
    assert httpx.get(url + "/healthz", timeout=10).json()["worker"] is True


def test_listening_socket_gives_connections_without_nagle():
    config = uvicorn.Config("rambu.web.served:app", host="127.0.0.1", port=_free_port())
    sock = listening_socket(config)
    seen: list[int] = []

    class Probe(asyncio.Protocol):
        def connection_made(self, transport):
            seen.append(transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    async def run():
        server = await asyncio.get_running_loop().create_server(Probe, sock=sock)
        async with server:
            reader, writer = await asyncio.open_connection(*sock.getsockname()[:2])
            await reader.read()  # closed by the server once it has looked
            writer.close()

    asyncio.run(run())
    assert seen and seen[0] != 0
