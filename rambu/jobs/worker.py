"""`rambu worker` (run jobs on PostgreSQL; `--check` for monitoring) and `rambu rescreen`."""
from __future__ import annotations

import json
import logging
import os
import signal
import sys
import threading
import time


def register(sub) -> None:
    db_help = "URL basis data (bawaan: env RAMBU_DATABASE_URL)"
    w = sub.add_parser("worker", help="jalankan pekerjaan antrean (PostgreSQL): impor arsip, penyaringan batch, "
                                      "media, surel")
    w.add_argument("--database", default=None, help=db_help)
    w.add_argument("--queues", default="text,media,mail",
                   help="antrean yang dikerjakan, dipisah koma (bawaan: text,media,mail)")
    w.add_argument("--concurrency", type=int, default=1,
                   help="jumlah proses pekerja (satu pekerjaan per proses; bawaan 1, sesuaikan dengan jumlah inti)")
    w.add_argument("--name", default=None, help="nama pekerja di log (bawaan: nama mesin dan PID)")
    w.add_argument("--once", action="store_true", help="kerjakan yang ada lalu berhenti")
    w.add_argument("--check", action="store_true",
                   help="laporkan kesehatan antrean sebagai JSON dan keluar (0 sehat, 1 ada masalah, 2 tak terhubung)")
    w.set_defaults(func=cmd_worker)

    r = sub.add_parser("rescreen", help="saring ulang aktivitas tersimpan dengan mesin saat ini; selisihnya "
                                        "diusulkan kepada pemeriksa")
    r.add_argument("--database", default=None, help=db_help)
    r.add_argument("--since", default=None, help="hanya batch yang diterima sejak tanggal ini (YYYY-MM-DD)")
    r.add_argument("--rules", default=None, help="hanya larangan ini, mis. 1,2 (bawaan: semua)")
    r.add_argument("--wait", action="store_true",
                   help="SQLite: saring di proses ini sampai selesai; PostgreSQL: tunggu pekerja menyelesaikannya")
    r.set_defaults(func=cmd_rescreen)


def _engine(url):
    from ..store.db import current_revision, make_engine
    engine = make_engine(url)
    from alembic.script import ScriptDirectory
    from ..store.db import alembic_config
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if current_revision(engine) != head:
        raise SystemExit(f"rambu: skema basis data belum versi terbaru ({head}); jalankan `rambu db upgrade`")
    return engine


def cmd_worker(args) -> int:
    from ..store.db import database_url
    url = database_url(args.database)
    if url.startswith("sqlite"):
        print("rambu: antrean pekerjaan memerlukan PostgreSQL (--database postgresql+psycopg://...); pada SQLite "
              "server web (`rambu serve`) menjalankan pekerjaannya sendiri", file=sys.stderr)
        return 2
    queues = [q.strip() for q in args.queues.split(",") if q.strip()]
    from . import QUEUES
    bad = [q for q in queues if q not in QUEUES]
    if bad or not queues:
        print(f"rambu: antrean tidak dikenal: {', '.join(bad) or '(kosong)'}; yang ada: {', '.join(QUEUES)}",
              file=sys.stderr)
        return 2
    if args.check:
        return _check(url)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    name = args.name or f"{os.uname().nodename}-{os.getpid()}"
    if args.concurrency <= 1:
        return _run(url, queues, name, args.once)
    return _supervise(url, queues, name, args.concurrency, args.once)


def _run(url: str, queues: list[str], name: str, once: bool) -> int:
    from ..store.db import session_factory
    from ..store.screening import ScreenerProvider
    from .pg import bound, drain
    from ..store.screening import build_screener
    engine = _engine(url)
    cores = os.cpu_count() or 1
    factory = session_factory(engine)
    provider = ScreenerProvider(  # fork for a large register only while no other thread runs (the first build)
        lambda s: build_screener(s, workers=cores if threading.active_count() == 1 else 1), settle=True)
    with factory() as s:
        provider.get(s)  # build the Screener before taking jobs (no other thread runs yet: forking is safe)
    if once:
        drain(engine, factory, provider, queues)
        return 0
    with bound(engine, factory, provider) as app:
        app.run_worker(queues=queues, name=name, concurrency=1)
    return 0


def _supervise(url: str, queues: list[str], name: str, n: int, once: bool) -> int:
    """N worker processes (the engine is CPU-bound Python: one job per process); a child that dies is
    started again, SIGTERM/SIGINT stop them all (each finishes its job first)."""
    children: dict[int, int] = {}
    stopping = False

    def spawn(k: int) -> None:
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            code = 1
            try:
                code = _run(url, queues, f"{name}.{k}", once)
            finally:
                os._exit(code)
        children[pid] = k

    def stop(signum, frame):  # noqa: ANN001
        nonlocal stopping
        stopping = True
        for pid in list(children):
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for k in range(n):
        spawn(k)
    status = 0
    while children:
        try:
            pid, code = os.wait()
        except ChildProcessError:
            break
        k = children.pop(pid, None)
        if k is None:
            continue
        if code != 0:
            status = 1
        if not stopping and not once and code != 0:
            logging.getLogger("rambu.jobs").warning("proses pekerja %s berhenti (%s); dijalankan lagi", k, code)
            time.sleep(1)
            spawn(k)
    return status


def _check(url: str) -> int:
    from ..store.db import make_engine, session_factory
    from .health import report
    try:
        engine = make_engine(url)
        with session_factory(engine)() as s:
            rep = report(s)
    except Exception as e:  # noqa: BLE001 - unreachable database, no schema
        print(json.dumps({"ok": False, "problems": [f"basis data tidak dapat dibaca: {e}"]}, ensure_ascii=False))
        return 2
    rep.pop("status", None)
    print(json.dumps(rep, ensure_ascii=False, indent=1, default=str))
    return 0 if rep["ok"] else 1


def cmd_rescreen(args) -> int:
    from datetime import datetime, timezone
    from ..store import rescreen
    from ..store.access import Invalid, SYSTEM
    from ..store.db import database_url, session_factory
    from ..store.screening import ScreenerProvider
    url = database_url(args.database)
    try:
        since = datetime.fromisoformat(args.since).replace(tzinfo=timezone.utc) if args.since else None
        rules = rescreen.parse_rules(args.rules)
    except (Invalid, ValueError) as e:
        print(f"rambu: {e}", file=sys.stderr)
        return 2
    engine = _engine(url)
    factory, provider = session_factory(engine), ScreenerProvider()
    from . import make_queue
    queue = make_queue(engine, factory, provider, embedded_worker=False)
    with factory() as s, s.begin():
        run = rescreen.start(s, SYSTEM, since, rules)
        queue.rescreen_started(s, run.id)
        run_id = run.id
    print(f"penyaringan ulang #{run_id} dimulai" + (f" (batch sejak {args.since})" if args.since else "")
          + (f", larangan {', '.join(map(str, rules))}" if rules else ""))
    if engine.dialect.name == "sqlite":
        rescreen.run_all(factory, provider, run_id)
    elif args.wait:
        while True:
            with factory() as s:
                if s.get(rescreen.RescreenRun, run_id).status == "done":
                    break
            time.sleep(2)
    else:
        print("pekerjaan diserahkan ke antrean; `rambu worker` menyaringnya")
        return 0
    with factory() as s:
        d = rescreen.run_dict(s, s.get(rescreen.RescreenRun, run_id), SYSTEM)
    print(f"selesai: {d['lines']} baris, {d['new']} temuan baru dan {d['withdrawn']} temuan ditarik diusulkan "
          f"untuk ditinjau (/rescreens/{run_id})")
    return 0
