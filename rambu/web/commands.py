"""`rambu serve`, `rambu db upgrade`, `rambu audit verify` (registered by rambu/cli.py)."""
from __future__ import annotations

import os
import sys


def register(sub) -> None:
    db_help = "URL basis data (bawaan: env RAMBU_DATABASE_URL atau sqlite:///rambu.db di folder kerja)"
    s = sub.add_parser("serve", help="jalankan aplikasi web")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--database", default=None, help=db_help)
    s.add_argument("--demo", action="store_true",
                   help="muat data contoh kecil dan akun admin (kata sandi dicetak sekali); aman diulang")
    s.add_argument("--secure-cookies", action="store_true", help="cookie hanya lewat HTTPS (di balik proksi TLS)")
    s.add_argument("--trusted-proxy", action="append", default=[], metavar="ALAMAT",
                   help="alamat proksi balik yang X-Forwarded-For-nya dipercaya (boleh diulang; bawaan: tidak ada)")
    s.add_argument("--no-worker", action="store_true",
                   help="PostgreSQL: pekerjaan latar (penyaringan batch, surel) dijalankan proses `rambu worker`, "
                        "bukan server web ini")
    s.add_argument("--workers", type=int, default=1, metavar="N",
                   help="jumlah proses server web di mesin ini (bawaan 1; sebaiknya sebanyak inti CPU untuk web). "
                        "Pekerjaan latar tetap berjalan di satu proses saja")
    s.set_defaults(func=cmd_serve)

    d = sub.add_parser("db", help="basis data aplikasi web")
    dsub = d.add_subparsers(dest="db_cmd")
    u = dsub.add_parser("upgrade", help="terapkan migrasi skema (Alembic) sampai versi terbaru")
    u.add_argument("--database", default=None, help=db_help)
    u.set_defaults(func=cmd_db_upgrade)
    d.set_defaults(func=lambda args: (d.print_help(sys.stderr), 2)[1])

    us = sub.add_parser("user", help="pengguna aplikasi web")
    usub = us.add_subparsers(dest="user_cmd")
    ul = usub.add_parser("unlock", help="buka kunci masuk sebuah akun (semua perangkat)")
    ul.add_argument("username")
    ul.add_argument("--database", default=None, help=db_help)
    ul.set_defaults(func=cmd_user_unlock)
    us.set_defaults(func=lambda args: (us.print_help(sys.stderr), 2)[1])

    a = sub.add_parser("audit", help="log audit aplikasi web")
    asub = a.add_subparsers(dest="audit_cmd")
    v = asub.add_parser("verify", help="periksa rantai hash log audit (0 utuh, 1 rusak)")
    v.add_argument("--database", default=None, help=db_help)
    v.set_defaults(func=cmd_audit_verify)
    e = asub.add_parser("export", help="ekspor log audit beserta titik periksa bertanda tangan (JSON Lines)")
    e.add_argument("--out", required=True, help="berkas tujuan")
    e.add_argument("--database", default=None, help=db_help)
    e.set_defaults(func=cmd_audit_export)
    x = asub.add_parser("verify-export", help="periksa ekspor log audit tanpa basis data (0 utuh, 1 rusak)")
    x.add_argument("file")
    x.add_argument("--public-key", default=None,
                   help="kunci publik Ed25519 yang diharapkan (hex, atau berkas .pub); bawaan: yang tertulis di berkas")
    x.set_defaults(func=cmd_audit_verify_export)
    a.set_defaults(func=lambda args: (a.print_help(sys.stderr), 2)[1])


def cmd_db_upgrade(args) -> int:
    from ..store.db import current_revision, database_url, make_engine, upgrade
    engine = make_engine(args.database)
    upgrade(engine)
    print(f"skema {database_url(args.database).split('@')[-1]}: revisi {current_revision(engine)}")
    return 0


def cmd_user_unlock(args) -> int:
    from ..store import auth
    from ..store.access import NotFound, SYSTEM
    from ..store.db import make_engine, session_factory
    engine = make_engine(args.database)
    with session_factory(engine)() as s:
        try:
            n = auth.unlock(s, SYSTEM, args.username)
        except NotFound as e:
            print(f"rambu: {e}", file=sys.stderr)
            return 1
        s.commit()
    print(f"akun {args.username.strip().lower()} dibuka ({n} kunci dilepas)")
    return 0


def cmd_audit_export(args) -> int:
    from ..store import audit
    from ..store.db import make_engine, session_factory
    engine = make_engine(args.database)
    with session_factory(engine)() as s, open(args.out, "w", encoding="utf-8") as out:
        header = audit.export(s, out)
        s.commit()
    print(f"{header['head']['seq']} entri diekspor ke {args.out}; kunci publik {header['public_key']}")
    return 0


def cmd_audit_verify_export(args) -> int:
    from ..store import audit
    key = args.public_key
    if key and os.path.isfile(key):
        with open(key, encoding="utf-8") as f:
            key = f.read().strip()
    try:
        with open(args.file, encoding="utf-8") as f:
            v = audit.verify_export(f, key)
    except OSError as e:
        print(f"rambu: {e}", file=sys.stderr)
        return 2
    return _verdict(v, "EKSPOR LOG AUDIT RUSAK")


def _verdict(v, broken: str) -> int:
    """0 and the message when intact; 1 and the first problem on standard error."""
    if v.ok:
        print(v.message)
        return 0
    print(f"{broken}: {v.message}", file=sys.stderr)
    return 1


def cmd_audit_verify(args) -> int:
    from ..store import audit
    from ..store.db import make_engine, session_factory, upgrade
    engine = make_engine(args.database)
    with session_factory(engine)() as s:
        try:
            v = audit.verify(s)
        except Exception as e:  # noqa: BLE001 - no schema yet, unreadable database
            print(f"rambu: log audit tidak dapat dibaca: {e}", file=sys.stderr)
            return 2
    return _verdict(v, "LOG AUDIT RUSAK")


def cmd_serve(args) -> int:
    import uvicorn
    from ..store.db import make_engine, session_factory, upgrade
    from .app import create_app
    url = args.database or os.environ.get("RAMBU_DATABASE_URL")
    engine = make_engine(url)
    upgrade(engine)
    if args.demo:
        from ..store.demo import load_demo
        with session_factory(engine)() as s:
            password = load_demo(s)
        if password:
            print("=" * 64)
            print("Data contoh dimuat. Akun administrator (kata sandi ditampilkan SEKALI):")
            print("  nama pengguna: admin")
            print(f"  kata sandi   : {password}")
            print("Akun contoh lain (kata sandi sama): kepatuhan, kepatuhan.jateng, humas.semarang,")
            print("  humas.balikpapan, pimpinan, pegawai.rizky")
            print("=" * 64)
        else:
            print("Data contoh sudah ada; kata sandi admin tidak ditampilkan lagi.")
    sqlite = engine.dialect.name == "sqlite"
    start_worker = sqlite or not args.no_worker
    # X-Forwarded-For is read by the application itself, and only from --trusted-proxy addresses
    from .protocol import options as http_options
    run = dict(host=args.host, port=args.port, log_level="warning", proxy_headers=False, **http_options())
    if args.workers < 1:
        print("galat: --workers minimal 1", file=sys.stderr)
        return 2
    if args.workers == 1:
        engine.dispose()
        app = create_app(url, secure_cookies=args.secure_cookies, trusted_proxies=tuple(args.trusted_proxy),
                         start_worker=start_worker, settle_screener=True)
        print(f"rambu berjalan di http://{args.host}:{args.port}/  (Ctrl+C untuk berhenti)")
        uvicorn.run(app, **run)
        return 0
    import shutil
    import tempfile
    from . import served
    from .app import seed
    seed(session_factory(engine))  # once, before the processes start (the schema was migrated above)
    engine.dispose()
    lock_dir = tempfile.mkdtemp(prefix="rambu-serve-")
    os.environ[served.ENV] = served.options(url, args.secure_cookies, tuple(args.trusted_proxy), start_worker,
                                            os.path.join(lock_dir, "jobs.lock"))
    print(f"rambu berjalan di http://{args.host}:{args.port}/ dengan {args.workers} proses  (Ctrl+C untuk berhenti)")
    try:
        _serve_processes(uvicorn.Config("rambu.web.served:app", factory=True, workers=args.workers, **run))
    finally:
        shutil.rmtree(lock_dir, ignore_errors=True)
    return 0


def _serve_processes(config) -> None:
    """`uvicorn.run` with several processes, on a listening socket that says it is TCP: uvicorn leaves its
    protocol at 0 (uvicorn issue 3149), asyncio then never sets TCP_NODELAY on the connections, and every
    answer on a kept-alive connection waits about 40 ms for the client's delayed ACK."""
    from uvicorn.supervisors import Multiprocess
    try:
        Multiprocess(config, sockets=[listening_socket(config)]).run()
    except KeyboardInterrupt:
        pass


def listening_socket(config):
    """uvicorn's bound socket, said to be TCP (so asyncio sets TCP_NODELAY on what it accepts)."""
    import socket
    bound = config.bind_socket()
    if bound.family not in (socket.AF_INET, socket.AF_INET6):
        return bound
    sock = socket.socket(bound.family, socket.SOCK_STREAM, socket.IPPROTO_TCP, fileno=bound.detach())
    sock.set_inheritable(True)
    return sock
