"""What every importer shares: the report of what could not be read, the import context that turns
records into contract activities, and the small base class an importer fills in.

An importer is mostly data: ``files`` says which files of an export it reads and what each becomes
(this table is also its documentation), ``ignore`` which files it knows and leaves alone. Two hooks:
``roots(archive)`` finds where its exports sit in an archive (several exports may share one mixed
archive, each in its own folder), ``read(ctx, root)`` yields activities.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any, Iterable, Iterator

from ..contract.activity import ContractError, parse_activity
from ..contract.io import _msg as json_message
from .archive import Archive, MemberError

MEDIA_KINDS = {
    "image": (".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".heif", ".bmp"),
    "video": (".mp4", ".mov", ".3gp", ".mkv", ".webm", ".avi", ".m4v"),
    "audio": (".opus", ".ogg", ".m4a", ".mp3", ".aac", ".wav", ".amr"),
}
DATA_EXTENSIONS = (".json", ".js", ".csv", ".txt", ".html", ".htm", ".xml")


def media_kind(path: str) -> str | None:
    low = path.lower()
    for kind, exts in MEDIA_KINDS.items():
        if low.endswith(exts):
            return kind
    return None


@dataclass(frozen=True)
class Issue:
    """Something in the archive that could not be (fully) imported; `path` is inside the archive."""

    level: str  # "error": data was lost; "warning": something known was left out on purpose
    path: str | None
    message: str
    index: int | None = None

    def where(self) -> str:
        if self.path is None:
            return ""
        return self.path + (f" [{self.index}]" if self.index is not None else "")

    def __str__(self) -> str:
        w = self.where()
        return f"{w}: {self.message}" if w else self.message


@dataclass
class Report:
    archive: str
    issues: list[Issue] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # activities per platform
    skipped: dict[str, int] = field(default_factory=dict)  # records left out on purpose, by reason

    def error(self, path: str | None, message: str, index: int | None = None) -> None:
        self.issues.append(Issue("error", path, message, index))

    def warning(self, path: str | None, message: str, index: int | None = None) -> None:
        self.issues.append(Issue("warning", path, message, index))

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.level == "error"]

    def lines(self) -> list[str]:
        """One Indonesian line per issue, naming the archive and the path inside it."""
        out = []
        for i in self.issues:
            prefix = "peringatan: " if i.level == "warning" else ""
            out.append(f"{prefix}{self.archive}:{i}" if i.path else f"{prefix}{self.archive}: {i.message}")
        return out

    def summary(self) -> str:
        total = sum(self.counts.values())
        per = ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items())) or "tidak ada"
        s = f"{self.archive}: {total} aktivitas ({per})"
        if self.skipped:
            s += "; dilewati: " + ", ".join(f"{k} {v}" for k, v in sorted(self.skipped.items()))
        n_err, n_warn = len(self.errors), len(self.issues) - len(self.errors)
        if n_err or n_warn:
            s += f"; {n_err} galat, {n_warn} peringatan"
        return s


@dataclass(frozen=True)
class Options:
    """Who the export belongs to, and how to read its local times."""

    nip: str
    tz: tzinfo
    tz_name: str = "Asia/Jakarta"
    sender: str | None = None  # WhatsApp: the staff member's name as the chat shows it
    staff_name: str | None = None  # from the staff directory; also tried as WhatsApp sender


# --- times ---------------------------------------------------------------------------------------------------

_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                       "nov", "dec"), 1)}


def from_unix(v: Any) -> datetime | None:
    """Seconds (or milliseconds) since 1970, as a number or digits; None when it is not one."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, str):
        v = v.strip()
        if not re.fullmatch(r"\d{1,16}(\.\d+)?", v):
            return None
        v = float(v)
    if not isinstance(v, (int, float)) or v <= 0:
        return None
    if v > 1e11:  # milliseconds
        v = v / 1000
    try:
        return datetime.fromtimestamp(v, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None


def parse_time(v: Any, naive_tz: tzinfo = timezone.utc) -> datetime | None:
    """ISO 8601 ('Z', offset, or ' UTC' suffix), 'YYYY-MM-DD HH:MM:SS', or Unix time; naive -> naive_tz."""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return from_unix(v)
    if not isinstance(v, str) or not v.strip():
        return None
    s = v.strip()
    if re.fullmatch(r"\d{9,16}(\.\d+)?", s):
        return from_unix(s)
    utc = False
    if s.upper().endswith(" UTC"):
        s, utc = s[:-4].strip(), True
    s = s.replace("Z", "+00:00") if s.endswith("Z") else s
    try:
        dt = datetime.fromisoformat(s)
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc if utc else naive_tz)
    return dt


def parse_twitter_time(s: Any) -> datetime | None:
    """'Wed Oct 10 20:19:24 +0000 2018', independent of the process locale."""
    if not isinstance(s, str):
        return None
    m = re.fullmatch(r"\w{3} (\w{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4}) (\d{4})", s.strip())
    if not m or m.group(1).lower() not in _MONTHS:
        return parse_time(s)
    mon, day, hh, mm, ss, off, year = m.groups()
    tz = timezone(timedelta(hours=int(off[1:3]), minutes=int(off[3:])) * (-1 if off[0] == "-" else 1))
    try:
        return datetime(int(year), _MONTHS[mon.lower()], int(day), int(hh), int(mm), int(ss), tzinfo=tz)
    except ValueError:
        return None


# --- JSON ----------------------------------------------------------------------------------------------------

_NOT_ALNUM = re.compile(r"[^0-9a-z]")


def norm_key(k: str) -> str:
    """'Go Live History', 'GoLiveHistory', 'go_live_history' -> 'golivehistory'."""
    return _NOT_ALNUM.sub("", k.lower())


def pick_item(obj: Any, *names: str) -> tuple[str | None, Any]:
    """(key as found, value) for the first of `names` present, comparing keys without case, spaces or
    underscores; (None, None) when none is."""
    if not isinstance(obj, dict):
        return None, None
    for n in names:
        if n in obj:
            return n, obj[n]
    normed = {norm_key(k): k for k in obj if isinstance(k, str)}
    for n in names:
        k = normed.get(norm_key(n))
        if k is not None:
            return k, obj[k]
    return None, None


def pick(obj: Any, *names: str, default: Any = None) -> Any:
    """The value under the first of `names` present (see `pick_item`), else `default`."""
    key, value = pick_item(obj, *names)
    return default if key is None else value


def as_list(v: Any) -> list:
    return v if isinstance(v, list) else []


def some(activity: dict | None) -> Iterator[dict]:
    """Yield the activity unless it was refused (None): `yield from some(ctx.activity(...))`."""
    if activity is not None:
        yield activity


def text_or_none(v: Any) -> str | None:
    if isinstance(v, str):
        v = v.strip()
        return v or None
    return None


# --- the import context ------------------------------------------------------------------------------------

class Context:
    """Turns an importer's records into contract activities: ids, author, local times, media, source."""

    def __init__(self, archive: Archive, options: Options, report: Report, media_dir: str | None = None,
                 out_dir: str | None = None):
        self.archive = archive
        self.options = options
        self.report = report
        self.media_dir = media_dir  # absolute work folder for extracted media
        self.out_dir = out_dir or os.getcwd()  # media paths are written relative to this folder
        self.platform = "other"
        self.handle: str | None = None
        self.name: str | None = None
        self.claimed: set[str] = set()
        self._ids: set[str] = set()
        self._extracted: dict[str, str | None] = {}
        self._failed: set[str] = set()

    # reading ------------------------------------------------------------------------------------------------
    def claim(self, path: str) -> None:
        self.claimed.add(path)

    def read_text(self, path: str) -> str | None:
        self.claim(path)
        try:
            return self.archive.read_text(path)
        except MemberError as e:
            self.report.error(path, e.message)
            return None

    def lines(self, path: str) -> Iterator[str]:
        """The file's lines, streamed; a read error ends them, reported once (see `failed`)."""
        self.claim(path)
        try:
            yield from self.archive.lines(path)
        except MemberError as e:
            self._failed.add(path)
            self.report.error(path, e.message)

    def failed(self, path: str) -> bool:
        """True once reading the file has failed (a second pass would fail again)."""
        return path in self._failed

    def load_json(self, path: str, text: str | None = None) -> Any:
        """The decoded file, or None after reporting where it is broken."""
        if text is None:
            text = self.read_text(path)
            if text is None:
                return None
        try:
            return json.loads(text)
        except json.JSONDecodeError as e:
            self.report.error(path, f"JSON rusak pada baris {e.lineno} kolom {e.colno}: {json_message(e.msg)}; "
                                    "berkas ini dilewati")
        except RecursionError:
            self.report.error(path, "JSON terlalu dalam bersarang; berkas ini dilewati")
        return None

    def records(self, path: str, text: str | None = None) -> Iterator[tuple[int, Any]]:
        """(index, record) of a file's records: its top-level list, or the first list in its top-level object
        (``{"comments_v2": [...]}``), decoded one at a time, so memory holds the text and one record, not
        the whole tree. Damage stops the file where it is, reported with line and column; the records
        before it are kept."""
        if text is None:
            text = self.read_text(path)
            if text is None:
                return
        try:
            yield from self.objects(path, enumerate(iter_records(text)))
        except json.JSONDecodeError as e:
            self.report.error(path, f"JSON rusak pada baris {e.lineno} kolom {e.colno}: {json_message(e.msg)}; "
                                    "sisa berkas ini dilewati")
        except RecursionError:
            self.report.error(path, "JSON terlalu dalam bersarang; sisa berkas ini dilewati")
        except NotAList:
            self.report.error(path, "isi berkas bukan daftar catatan; berkas ini dilewati")

    def objects(self, path: str, items: Iterable[tuple[int, Any]], where: str = "") -> Iterator[tuple[int, dict]]:
        """The records that are JSON objects; any other is reported with its index and skipped."""
        for i, rec in items:
            if isinstance(rec, dict):
                yield i, rec
            else:
                self.report.error(path, f"{where + ': ' if where else ''}entri bukan objek; dilewati", i)

    # building activities ------------------------------------------------------------------------------------
    def local(self, dt: datetime) -> str:
        return dt.astimezone(self.options.tz).isoformat(timespec="seconds")

    def new_id(self, hint: str) -> str:
        base = f"{self.platform}-{hint}"
        aid, n = base, 1
        while aid in self._ids:
            n += 1
            aid = f"{base}-{n}"
        self._ids.add(aid)
        return aid

    def author(self) -> dict:
        a = {"nip": self.options.nip}
        if self.handle:
            a["handle"] = self.handle
        if self.name:
            a["name"] = self.name
        return a

    def activity(self, type: str, created: datetime | None, *, path: str, index: int | None, hint: str,
                 text: str | None = None, media: Iterable[dict] = (), target: dict | None = None,
                 live: dict | None = None, url: str | None = None, extra: dict | None = None,
                 line: int | None = None, section: str | None = None) -> dict | None:
        """A contract activity (validated), or None after reporting why the record cannot be one."""
        if created is None:
            self.report.error(path, "waktu tidak ada atau tidak dapat dibaca; catatan ini dilewati", index)
            return None
        a: dict[str, Any] = {"id": self.new_id(hint), "platform": self.platform, "type": type,
                             "author": self.author(), "created_at": self.local(created)}
        if text:
            a["text"] = text
        media = [m for m in media if m]
        if media:
            a["media"] = media
        if target:
            target = {k: v for k, v in target.items() if v}
            if target:
                a["target"] = target
        if live is not None:
            a["live"] = live
        if url:
            a["url"] = url
        for k, v in (extra or {}).items():
            if v not in (None, "", [], {}):
                a[k] = v
        src: dict[str, Any] = {"archive": self.archive.name, "path": path}
        if section:
            src["section"] = section
        if index is not None:
            src["index"] = index
        if line is not None:
            src["line"] = line
        a["source"] = src
        try:
            parse_activity(a)
        except ContractError as e:
            self._ids.discard(a["id"])
            self.report.error(path, f"tidak menjadi aktivitas yang sah ({e})", index)
            return None
        self.report.counts[self.platform] = self.report.counts.get(self.platform, 0) + 1
        return a

    def live_block(self, start: datetime, end: datetime | None) -> dict:
        return {"started_at": self.local(start), "ended_at": self.local(end) if end and end >= start else None,
                "uniform": None}

    # media --------------------------------------------------------------------------------------------------
    def media(self, path: str | None, kind: str | None = None, missing: list | None = None) -> dict | None:
        """{"kind", "path"} for an archive member copied into the work folder.

        A member that is not in the archive (or cannot be copied) is appended to `missing` (the
        activity's ``media_missing``) with a warning, so the screening knows something was not seen.
        """
        kind = kind or (media_kind(path) if path else None)
        if not path or kind is None:
            return None
        if path not in self.archive.members:
            if missing is not None:
                missing.append(path)
            self.report.warning(path, "berkas media yang disebut ekspor tidak ada di arsip")
            return None
        rel = self.copy(path)
        if rel is None:
            if missing is not None:
                missing.append(path)
            return None
        return {"kind": kind, "path": rel}

    def copy(self, path: str) -> str | None:
        """Copy a member into the work folder (once); its path relative to the output, None on failure."""
        self.claim(path)
        if path not in self._extracted:
            self._extracted[path] = self._copy(path)
        return self._extracted[path]

    def _copy(self, path: str) -> str | None:
        if self.media_dir is None:
            return None
        try:
            written = self.archive.extract(path, self.media_dir)
        except MemberError as e:
            self.report.error(path, e.message)
            return None
        except ValueError as e:  # a name that cannot be a file name here
            self.report.error(path, str(e))
            return None
        full = os.path.join(self.media_dir, *written.split("/"))
        return os.path.relpath(full, self.out_dir).replace(os.sep, "/")

    def find_member(self, root: str, uri: str | None) -> str | None:
        """An export's media reference resolved to a member: below the export's root, or as given."""
        if not uri or not isinstance(uri, str) or uri.startswith(("http://", "https://")):
            return None
        uri = uri.replace("\\", "/").lstrip("/")
        for cand in (root + uri, uri):
            if cand in self.archive.members:
                return cand
        return root + uri


class Importer:
    """One platform. Subclasses set the data below and implement the two hooks."""

    platform = "other"
    title = ""
    files: tuple[tuple[str, str], ...] = ()  # (regex on the path below the export root, what it becomes)
    ignore: tuple[str, ...] = ()  # regexes of files known and deliberately not read

    def roots(self, archive: Archive) -> list[str]:
        """Folders ('' or 'x/') where an export of this platform starts."""
        raise NotImplementedError

    def read(self, ctx: Context, root: str) -> Iterator[dict]:
        raise NotImplementedError

    # helpers ------------------------------------------------------------------------------------------------
    def matching(self, archive: Archive, root: str, pattern: str) -> list[str]:
        """Members below root matching pattern, split files in part order (tweets.js, tweets-part1.js...)."""
        rx = re.compile(pattern)
        return sorted((p for p in archive.members if p.startswith(root) and rx.search(p[len(root):])),
                      key=part_order)

    def ignored(self, rel: str) -> bool:
        return any(re.search(p, rel) for p in self.ignore)


def part_order(path: str) -> tuple[str, int, str]:
    """'posts_2.json' after 'posts_1.json', 'posts_10.json' after both, 'tweets-part1.js' after 'tweets.js'."""
    m = re.search(r"[-_](?:part)?(\d+)(\.\w+)$", path)
    if m:
        return path[:m.start()], int(m.group(1)), m.group(2)
    stem, ext = os.path.splitext(path)
    return stem, 0, ext


def roots_by_markers(archive: Archive, markers: Iterable[str]) -> list[str]:
    """Roots of exports recognised by a marker path (regex anchored at the end of a member's path)."""
    found: set[str] = set()
    for m in markers:
        rx = re.compile(r"(^|/)" + m + r"$")
        for p in archive.members:
            hit = rx.search(p)
            if hit:
                found.add(p[:hit.start() + (1 if hit.group(1) else 0)])
    # an export inside another's folder is the same export (e.g. 'x/' and 'x/sub/')
    return sorted(r for r in found if not any(r != o and r.startswith(o) for o in found))


class NotAList(ValueError):
    """The document holds no list of records."""


_WS = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def iter_records(text: str) -> Iterator[Any]:
    """The elements of the top-level array, or of the first array value of the top-level object."""
    pos = _WS.match(text, 0).end()
    if text.startswith("[", pos):
        yield from _array(text, pos)
    elif text.startswith("{", pos):
        pos = _WS.match(text, pos + 1).end()
        while not text.startswith("}", pos):
            _key, pos = _DECODER.raw_decode(text, pos)
            pos = _WS.match(text, pos).end()
            if not text.startswith(":", pos):
                raise json.JSONDecodeError("Expecting ':' delimiter", text, pos)
            pos = _WS.match(text, pos + 1).end()
            if text.startswith("[", pos):
                yield from _array(text, pos)
                return
            _value, pos = _DECODER.raw_decode(text, pos)
            pos = _WS.match(text, pos).end()
            if text.startswith(",", pos):
                pos = _WS.match(text, pos + 1).end()
            elif not text.startswith("}", pos):
                raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
        raise NotAList()
    elif pos >= len(text):
        raise json.JSONDecodeError("Expecting value", text, pos)
    else:
        _DECODER.raw_decode(text, pos)  # a bare value: valid JSON but no records
        raise NotAList()


def _array(text: str, pos: int) -> Iterator[Any]:
    pos = _WS.match(text, pos + 1).end()
    if text.startswith("]", pos):
        return
    while True:
        value, pos = _DECODER.raw_decode(text, pos)
        yield value
        pos = _WS.match(text, pos).end()
        if text.startswith(",", pos):
            pos = _WS.match(text, pos + 1).end()
        elif text.startswith("]", pos):
            return
        else:
            raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
