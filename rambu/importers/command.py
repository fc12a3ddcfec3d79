"""`rambu import PLATFORM EXPORT --nip NIP [--output FILE]`: a platform export -> contract JSON Lines.

Media are copied into a work folder beside the output (``hasil.jsonl`` -> ``hasil-media/``), and each
activity's ``media[].path`` is relative to the output file, as the contract wants, so
``rambu check hasil.jsonl`` finds them. Problems inside the archive go to standard error with the
path inside the archive; everything readable is still written.

Exit status: 0 imported (warnings allowed), 1 some files or records could not be imported,
2 usage error (unknown platform, bad NIP or time zone, unreadable or unrecognised archive).
"""
from __future__ import annotations

import json
import os
import re
import sys

NIP = re.compile(r"^\d{18}$")


def register(sub) -> None:
    from . import PLATFORMS
    p = sub.add_parser("import", help="impor ekspor data platform (Instagram, Facebook, X, TikTok, YouTube, WhatsApp) "
                                      "menjadi aktivitas JSON Lines")
    p.add_argument("platform", choices=("auto",) + PLATFORMS, help="platform ekspor, atau auto untuk dikenali otomatis")
    p.add_argument("export", help="arsip ZIP ekspor, folder hasil ekstrak, atau satu berkas (mis. obrolan WhatsApp .txt)")
    p.add_argument("--nip", required=True, help="NIP (18 digit) pegawai pemilik ekspor")
    p.add_argument("--output", "-o", help="berkas JSON Lines keluaran (bawaan: standar output)")
    p.add_argument("--media-dir", help="folder tempat media disalin (bawaan: <keluaran>-media di samping keluaran)")
    p.add_argument("--staff", help="direktori pegawai (JSON atau CSV): zona waktu dan nama pegawai")
    p.add_argument("--timezone", help="zona waktu pegawai untuk waktu tanpa zona (WhatsApp); bawaan: dari direktori "
                                      "pegawai, lalu Asia/Jakarta")
    p.add_argument("--sender", help="nama pegawai sebagaimana tertulis di obrolan WhatsApp")
    p.set_defaults(func=cmd_import)


class UsageError(Exception):
    pass


def cmd_import(args) -> int:
    try:
        return _import(args)
    except UsageError as e:  # handled here: `python -m rambu.cli` has its own copy of rambu.cli's class
        print(f"rambu: {e}", file=sys.stderr)
        return 2


def _import(args) -> int:
    from . import ArchiveError, NothingToImport, Report, detect, nothing_found, open_archive, options_for, run
    if not NIP.match(args.nip or ""):
        raise UsageError(f"--nip harus 18 digit angka, bukan {args.nip!r}")
    staff = _staff(args.staff)
    try:
        options = options_for(args.nip, timezone=args.timezone, sender=args.sender, staff=staff)
    except ValueError as e:
        raise UsageError(str(e)) from None
    out_dir = os.path.dirname(os.path.abspath(args.output)) if args.output else os.getcwd()
    stem = os.path.splitext(os.path.basename(args.output or os.path.normpath(args.export)))[0] or "impor"
    media_dir = os.path.abspath(args.media_dir or os.path.join(out_dir, f"{stem}-media"))
    if os.path.isdir(media_dir) and os.listdir(media_dir):
        raise UsageError(f"folder media {media_dir} sudah berisi berkas; hapus atau pilih --media-dir lain")
    try:
        archive = open_archive(args.export)
    except ArchiveError as e:
        raise UsageError(str(e)) from None
    if not detect(archive, args.platform):
        archive.close()
        raise UsageError(nothing_found(archive))
    report = Report(archive.name)
    out = sys.stdout
    try:
        os.makedirs(media_dir, exist_ok=True)
        if args.output:
            out = open(args.output, "w", encoding="utf-8")
        for activity in run(archive, options, report, platform=args.platform, media_dir=media_dir, out_dir=out_dir):
            out.write(json.dumps(activity, ensure_ascii=False) + "\n")
    except NothingToImport as e:
        raise UsageError(str(e)) from None
    except OSError as e:
        raise UsageError(f"{args.output or 'keluaran'}: tidak dapat ditulis ({e.strerror})") from None
    finally:
        if out is not sys.stdout:
            out.close()
        archive.close()
        if os.path.isdir(media_dir) and not os.listdir(media_dir):
            os.rmdir(media_dir)
    for line in report.lines():
        print(f"rambu: {line}", file=sys.stderr)
    print(f"rambu: {report.summary()}", file=sys.stderr)
    return 1 if report.errors else 0


def _staff(path: str | None):
    if not path:
        return None
    if not os.path.isfile(path):
        raise UsageError(f"--staff {path}: berkas tidak ditemukan")
    from ..staff.directory import StaffDirectory
    try:
        directory = StaffDirectory.load(path, strict=False)
    except ValueError as e:
        raise UsageError(str(e)) from None
    for err in directory.errors:
        print(f"rambu: {err}", file=sys.stderr)
    return directory
