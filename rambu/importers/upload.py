"""What an uploaded archive holds, as a batch: contract JSON Lines plus the media files they name.

Two kinds of archive reach the web batch upload:

* a platform export ("download your data" ZIP, WhatsApp chat, or a mixed ZIP of several), imported for
  the staff member chosen in the form (`rambu.importers.run`);
* a ZIP of contract JSON Lines with its media: the ``.jsonl`` file(s) and, below the same folder, the
  files their ``media[].path`` name.

Either way the result is a temporary batch folder: ``jsonl`` (bytes), ``media`` as (path relative to
the batch folder, file on disk) and the archive's problems (``errors``, ``warnings``, each naming the
path inside the archive). Media paths can only point inside that folder: every path is a cleaned
archive name (no ``..``, no absolute path) and the contract refuses anything else.

    with open_upload(path, "ekspor.zip", nip="1989...", platform="auto") as up:
        ... up.jsonl, up.media, up.errors ...
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Iterator

from . import NothingToImport, Options, Report, detect, nothing_found, options_for, run
from .archive import Archive, ArchiveError, Limits, MemberError, clean_name, open_archive

JSONL = (".jsonl", ".ndjson")


class UploadError(ValueError):
    """The upload as a whole cannot become a batch (Indonesian message)."""


@dataclass
class Upload:
    kind: str  # "export" | "contract"
    filename: str
    jsonl: bytes
    media: list[tuple[str, str]]
    errors: list[str]
    warnings: list[str]
    summary: str
    platforms: list[str] = field(default_factory=list)
    work_dir: str | None = None

    def media_bytes(self) -> Iterator[tuple[str, bytes]]:
        for rel, full in self.media:
            with open(full, "rb") as f:
                yield rel, f.read()

    def close(self) -> None:
        if self.work_dir:
            shutil.rmtree(self.work_dir, ignore_errors=True)
            self.work_dir = None

    def __enter__(self) -> "Upload":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def is_archive_upload(filename: str, head: bytes) -> bool:
    """True for anything but a plain contract JSON Lines file (a ZIP, a chat .txt, a TikTok .json...)."""
    name = (filename or "").lower()
    if head.startswith(b"PK\x03\x04") or name.endswith(".zip"):
        return True
    if name.endswith(JSONL):
        return False
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    return not (first == b"{" and b'"created_at"' in head[:4096])  # no export file starts like an activity


def open_upload(path: str, filename: str, *, nip: str | None = None, platform: str = "auto",
                timezone: str | None = None, sender: str | None = None, staff_name: str | None = None,
                staff_timezone: str | None = None, limits: Limits | None = None) -> Upload:
    """The batch an uploaded file makes (see the module doc); UploadError when it makes none."""
    name = os.path.basename(filename or "unggahan")
    archive = _open(path, name, limits)
    work = tempfile.mkdtemp(prefix="rambu-impor-")
    try:
        with archive:
            options = _plan(archive, nip, platform, timezone, sender, staff_name, staff_timezone)
            if options is None:
                return _contract(archive, name, work)
            return _export(archive, name, work, options, platform)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def check_upload(path: str, filename: str, *, nip: str | None = None, platform: str = "auto",
                 timezone: str | None = None, sender: str | None = None, staff_name: str | None = None,
                 staff_timezone: str | None = None, limits: Limits | None = None) -> str:
    """What `open_upload` would decide before reading anything: "contract" or "export", or UploadError for an
    archive that cannot be one (not a ZIP, no export found, no NIP). Reads the ZIP's directory and a few
    file heads only, so the web upload can answer at once and leave the import to a job."""
    with _open(path, os.path.basename(filename or "unggahan"), limits) as archive:
        return "contract" if _plan(archive, nip, platform, timezone, sender, staff_name, staff_timezone) is None \
            else "export"


def _open(path: str, name: str, limits: Limits | None) -> Archive:
    try:
        return open_archive(path, limits, name=name)
    except ArchiveError as e:
        raise UploadError(str(e)) from None


def _plan(archive: Archive, nip: str | None, platform: str, timezone: str | None, sender: str | None,
          staff_name: str | None, staff_timezone: str | None) -> Options | None:
    """None for a ZIP of contract JSON Lines; for a platform export, the import's options."""
    if platform == "auto" and any(p.lower().endswith(JSONL) for p in archive.members):
        return None
    if not nip:
        raise UploadError("ekspor platform memerlukan pegawai pemiliknya: pilih NIP pegawai")
    member = SimpleNamespace(name=staff_name, timezone=staff_timezone)
    try:
        options = options_for(nip, timezone=timezone, sender=sender, staff={nip: member})
        found = detect(archive, platform)
    except ValueError as e:
        raise UploadError(str(e)) from None
    if not found:
        raise UploadError(nothing_found(archive))
    return options


def _export(archive: Archive, name: str, work: str, options: Options, platform: str) -> Upload:
    report = Report(name)
    media_dir = os.path.join(work, "media")
    os.makedirs(media_dir)
    try:
        lines = [json.dumps(a, ensure_ascii=False) for a in run(archive, options, report, platform=platform,
                                                                  media_dir=media_dir, out_dir=work)]
    except (NothingToImport, ValueError) as e:
        raise UploadError(str(e)) from None
    if not lines:
        raise UploadError(f"{name}: tidak ada aktivitas yang dapat diimpor; " + "; ".join(report.lines()[:5]))
    media = []
    for dirpath, _, files in os.walk(media_dir):
        for fn in sorted(files):
            full = os.path.join(dirpath, fn)
            media.append((os.path.relpath(full, work).replace(os.sep, "/"), full))
    return Upload("export", name, ("\n".join(lines) + "\n").encode("utf-8"), sorted(media),
                  [str(i) for i in report.errors], [str(i) for i in report.issues if i.level == "warning"],
                  report.summary(), sorted(report.counts), work)


def _contract(archive: Archive, name: str, work: str) -> Upload:
    report = Report(name)
    files = sorted(p for p in archive.members if p.lower().endswith(JSONL))
    base = files[0].rsplit("/", 1)[0] + "/" if "/" in files[0] else ""
    parts: list[bytes] = []
    for p in files:
        if (p.rsplit("/", 1)[0] + "/" if "/" in p else "") != base:
            report.error(p, f"berkas JSON Lines di folder lain dari {base or 'akar arsip'}; dilewati "
                            "(satu batch = satu folder)")
            continue
        try:
            data = archive.read_bytes(p)
        except MemberError as e:
            report.error(p, e.message)
            continue
        parts.append(data if data.endswith(b"\n") or not data else data + b"\n")
    media = []
    for p in sorted(archive.members):
        if p in files:
            continue
        if not p.startswith(base):
            report.warning(p, "di luar folder batch; tidak digunakan")
            continue
        try:
            rel = archive.extract(p, work, rel=clean_name(p[len(base):], archive.limits))
        except (MemberError, ValueError) as e:
            report.error(p, getattr(e, "message", str(e)))
            continue
        media.append((rel, os.path.join(work, *rel.split("/"))))
    for r in archive.refused:
        report.error(r.path, f"ditolak demi keamanan: {r.message}")
    for p in archive.nested:
        report.warning(p, "arsip di dalam arsip tidak dibuka demi keamanan")
    jsonl = b"".join(parts)
    if not jsonl.strip():
        raise UploadError(f"{name}: tidak ada baris aktivitas dalam berkas JSON Lines")
    report.counts["kontrak"] = sum(1 for line in jsonl.split(b"\n") if line.strip())
    return Upload("contract", name, jsonl, media, [str(i) for i in report.errors],
                  [str(i) for i in report.issues if i.level == "warning"], report.summary(), [], work)
