"""Platform exports in: "download your data" archives and chat exports -> contract activities.

    from rambu.importers import import_export
    result = import_export("ekspor.zip", nip="198901142012121003", out_dir=".", media_dir="ekspor-media")
    for activity in result.activities: ...        # contract dicts, each with source {archive, path, index}
    print(result.report.summary(), result.report.lines())

One module a platform (instagram, facebook, x, tiktok, youtube, whatsapp), each documenting the files
it reads; `archive` is the one hardened reader they all go through. `upload.open_upload` is the web
batch upload's entry point (platform exports and ZIPs of contract JSON Lines).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import tzinfo
from typing import Iterator

from .archive import Archive, ArchiveError, Limits, MemberError, open_archive
from .base import DATA_EXTENSIONS, Context, Importer, Options, Report, media_kind
from .facebook import Facebook
from .instagram import Instagram
from .tiktok import TikTok
from .whatsapp import WhatsApp
from .x import X
from .youtube import YouTube

IMPORTERS: tuple[Importer, ...] = (Instagram(), Facebook(), X(), TikTok(), YouTube(), WhatsApp())
BY_PLATFORM = {i.platform: i for i in IMPORTERS}
PLATFORMS = tuple(BY_PLATFORM)
DEFAULT_TIMEZONE = "Asia/Jakarta"

__all__ = ["IMPORTERS", "PLATFORMS", "Archive", "ArchiveError", "Limits", "MemberError", "NothingToImport",
           "Options", "Report", "Upload", "UploadError", "detect", "import_export", "open_archive", "open_upload",
           "options_for", "run"]


class NothingToImport(Exception):
    """No export of the requested platform(s) was found in the archive (Indonesian message)."""


def detect(archive: Archive, platform: str = "auto") -> list[tuple[Importer, str]]:
    """(importer, root folder) for every export found; `platform` restricts the search to one importer."""
    if platform != "auto" and platform not in BY_PLATFORM:
        raise ValueError(f"platform tidak dikenal {platform!r}; yang sah: auto, {', '.join(PLATFORMS)}")
    chosen = IMPORTERS if platform == "auto" else (BY_PLATFORM[platform],)
    found = [(imp, root) for imp in chosen for root in imp.roots(archive)]
    if platform != "auto" and not found:
        found = [(chosen[0], "")]  # the officer says what it is: look from the top
    return found


_META_HTML = re.compile(r"(^|/)(your_instagram_activity|your_facebook_activity|posts|content|comments)/[^/]+\.html$")


def nothing_found(archive: Archive) -> str:
    msg = f"{archive.name}: tidak ditemukan ekspor Instagram, Facebook, X, TikTok, YouTube atau WhatsApp yang dikenal"
    if any(_META_HTML.search(p) for p in archive.members):
        msg += "; ini tampaknya ekspor Meta dalam format HTML: minta unduhan data dalam format JSON"
    return msg


def run(archive: Archive, options: Options, report: Report, *, platform: str = "auto",
        media_dir: str | None = None, out_dir: str | None = None) -> Iterator[dict]:
    """Activities of every export found (streamed), then the archive's leftovers reported."""
    found = detect(archive, platform)
    if not found:
        raise NothingToImport(nothing_found(archive))
    ctx = Context(archive, options, report, media_dir, out_dir)
    for importer, root in found:
        ctx.platform, ctx.handle, ctx.name = importer.platform, None, None
        n = report.counts.get(importer.platform, 0)
        yield from importer.read(ctx, root)
        if report.counts.get(importer.platform, 0) == n:
            report.warning(root or None, f"tidak ada aktivitas {importer.title} yang dapat diimpor"
                                         + (f" dari folder {root}" if root else ""))
    _leftovers(archive, ctx, found, report)


def _leftovers(archive: Archive, ctx: Context, found: list[tuple[Importer, str]], report: Report) -> None:
    for r in archive.refused:
        report.error(r.path, f"ditolak demi keamanan: {r.message}")
    for p in archive.nested:
        report.warning(p, "arsip di dalam arsip tidak dibuka demi keamanan; unggah isinya secara terpisah")
    for p in sorted(archive.members):
        if p in ctx.claimed or not p.lower().endswith(DATA_EXTENSIONS) or media_kind(p):
            continue
        if any(p.startswith(root) and imp.ignored(p[len(root):]) for imp, root in found):
            continue
        report.warning(p, "berkas tidak dikenali; tidak diimpor")


def options_for(nip: str, *, timezone: str | None = None, sender: str | None = None,
                staff: object | None = None) -> Options:
    """Options from the command line or the web form; time zone: given, else the staff member's, else WIB."""
    from ..staff.dutytime import get_zone
    member = staff.get(nip) if staff is not None else None
    tz_name = timezone or (member.timezone if member is not None and member.timezone else None) or DEFAULT_TIMEZONE
    tz: tzinfo | None = get_zone(tz_name)
    if tz is None:
        raise ValueError(f"zona waktu tidak dikenal: {tz_name!r} (contoh: Asia/Jakarta, Asia/Makassar, Asia/Jayapura)")
    return Options(nip=nip, tz=tz, tz_name=tz_name, sender=sender,
                   staff_name=member.name if member is not None else None)


@dataclass
class Result:
    activities: list[dict]
    report: Report


def import_export(path: str, *, nip: str, platform: str = "auto", timezone: str | None = None,
                  sender: str | None = None, staff: object | None = None, media_dir: str | None = None,
                  out_dir: str | None = None, limits: Limits | None = None, name: str | None = None) -> Result:
    """Everything at once (tests, small exports); the CLI streams with `run` instead."""
    options = options_for(nip, timezone=timezone, sender=sender, staff=staff)
    with open_archive(path, limits, name=name) as archive:
        report = Report(archive.name)
        if media_dir:
            os.makedirs(media_dir, exist_ok=True)
        acts = list(run(archive, options, report, platform=platform, media_dir=media_dir, out_dir=out_dir))
    return Result(acts, report)


from .upload import Upload, UploadError, open_upload  # noqa: E402 - the web batch upload's hook (needs run())
