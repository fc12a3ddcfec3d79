"""Reading hostile archives: a ZIP file, a plain folder, or one single file, behind the same interface.

Every importer reads through `Archive`; nothing else in rambu opens an uploaded archive. The guards,
each proved by a test in ``tests/importers/test_archive.py``:

* names: absolute paths, drive letters, ``..`` segments, control characters and over-long names are
  refused (reported with the name as found) and never read or extracted;
* links and devices: ZIP members marked as symbolic links, and symlinks, devices or sockets in a folder,
  are refused;
* sizes: a member larger than ``max_member_bytes``, more than ``max_total_bytes`` inflated in all, more
  than ``max_members`` entries (checked from the end-of-central-directory record before the directory is
  loaded) and a compression ratio above ``max_ratio`` (a zip bomb) stop that member; sizes are counted on
  the bytes actually inflated, never on what the archive declares;
* nested archives (a ZIP, tar, 7z or rar inside) are listed in ``nested`` and never opened;
* encrypted members, unsupported compression and CRC errors are reported per member;
* extraction writes only below the work folder, through the cleaned relative name, never through an
  existing symlink and never over an existing file.

Errors are `ArchiveError` (the whole archive cannot be used) and `MemberError` (one member; the rest of
the archive is still read). Messages are in Indonesian: officers read them.
"""
from __future__ import annotations

import codecs
import os
import re
import stat
import unicodedata
import zipfile
from dataclasses import dataclass, field
from typing import IO, Iterator

CHUNK = 1 << 16
NESTED_EXTENSIONS = (".zip", ".tar", ".tgz", ".gz", ".bz2", ".xz", ".7z", ".rar", ".jar", ".apk", ".zst")
# Operating-system litter that archivers add; neither data nor worth a warning.
LITTER = re.compile(r"(^|/)(__MACOSX/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class Limits:
    """How much an archive may make us read; generous for real exports, fatal for bombs."""

    max_members: int = 200_000
    max_member_bytes: int = 4 << 30  # one file (a long video)
    max_total_bytes: int = 32 << 30  # everything inflated from one archive
    max_ratio: int = 200  # inflated / compressed, checked once a member passed ratio_floor bytes
    ratio_floor: int = 1 << 20
    max_text_bytes: int = 512 << 20  # a data file read into memory (JSON, CSV, chat text)
    max_name: int = 1024
    max_depth: int = 64


class ArchiveError(Exception):
    """The archive as a whole cannot be read."""


class MemberError(Exception):
    """One member cannot be read; `path` names it inside the archive."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True)
class Member:
    path: str  # cleaned: relative, '/'-separated, NFC
    size: int  # as declared (zip) or as on disk (folder); reads still count real bytes


@dataclass(frozen=True)
class Refused:
    """A member that was not accepted, with the name as it appears in the archive."""

    path: str
    message: str


def clean_name(raw: str, limits: Limits) -> str:
    """The safe relative form of a member name; raises ValueError (Indonesian) when it cannot be one."""
    if len(raw) > limits.max_name:
        raise ValueError(f"nama terlalu panjang ({len(raw)} karakter)")
    if _CONTROL.search(raw):
        raise ValueError("nama berisi karakter kontrol")
    name = raw.replace("\\", "/")
    if name.startswith("/") or _DRIVE.match(name):
        raise ValueError("jalur absolut tidak diizinkan")
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts):
        raise ValueError("jalur keluar dari folder arsip ('..') tidak diizinkan")
    if not parts:
        raise ValueError("nama kosong")
    if len(parts) > limits.max_depth:
        raise ValueError(f"folder terlalu dalam ({len(parts)} tingkat)")
    return unicodedata.normalize("NFC", "/".join(parts))


def is_nested_archive(path: str) -> bool:
    return path.lower().endswith(NESTED_EXTENSIONS)


def open_archive(path: str, limits: Limits | None = None, name: str | None = None) -> "Archive":
    """A ZIP file, a folder, or any other single file (then the archive's only member)."""
    limits = limits or Limits()
    shown = name or os.path.basename(os.path.normpath(path)) or "arsip"
    if os.path.isdir(path):
        return FolderArchive(path, shown, limits)
    if not os.path.isfile(path):
        raise ArchiveError(f"{shown}: berkas tidak ditemukan")
    with open(path, "rb") as f:
        head = f.read(4)
    if head in (b"PK\x03\x04", b"PK\x05\x06"):
        return ZipArchive(path, shown, limits)
    if head.startswith((b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"BZh")):
        raise ArchiveError(f"{shown}: format arsip ini tidak didukung; unggah ekspor dalam format ZIP")
    return SingleFileArchive(path, shown, limits)


class Archive:
    """Members by cleaned path; read with `stream` / `lines` / `read_bytes` / `read_text`, copy out with
    `extract`. Every byte inflated counts against the archive's total, repeated reads included."""

    def __init__(self, name: str, limits: Limits):
        self.name = name  # what evidence calls the archive: its file name, never a server path
        self.limits = limits
        self.members: dict[str, Member] = {}
        self.refused: list[Refused] = []
        self.nested: list[str] = []
        self._inflated = 0

    def _accept(self, raw: str, size: int) -> str | None:
        if LITTER.search(raw.replace("\\", "/")):
            return None
        try:
            path = clean_name(raw, self.limits)
        except ValueError as e:
            self.refused.append(Refused(raw, str(e)))
            return None
        if path in self.members:
            self.refused.append(Refused(raw, "nama ganda dalam arsip; hanya yang pertama dibaca"))
            return None
        if size > self.limits.max_member_bytes:
            self.refused.append(Refused(path, f"terlalu besar ({size} byte; batas {self.limits.max_member_bytes})"))
            return None
        if len(self.members) >= self.limits.max_members:
            raise ArchiveError(f"{self.name}: terlalu banyak berkas (batas {self.limits.max_members})")
        if is_nested_archive(path):
            self.nested.append(path)
            return None
        self.members[path] = Member(path, size)
        return path

    # --- reading -----------------------------------------------------------------------------------------
    def _raw_open(self, path: str) -> tuple[IO[bytes], int | None]:
        """(stream, compressed size or None)."""
        raise NotImplementedError

    def stream(self, path: str) -> Iterator[bytes]:
        """The member's bytes in chunks, every guard applied while inflating."""
        if path not in self.members:
            raise MemberError(path, "tidak ada dalam arsip")
        lim = self.limits
        stream, compressed = self._raw_open(path)
        done = 0
        try:
            while True:
                try:
                    chunk = stream.read(CHUNK)
                except zipfile.BadZipFile as e:
                    raise MemberError(path, f"rusak ({e})") from None
                except (OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as e:
                    raise MemberError(path, f"tidak dapat dibaca ({e})") from None
                if not chunk:
                    return
                done += len(chunk)
                self._inflated += len(chunk)
                if done > lim.max_member_bytes:
                    raise MemberError(path, f"melebihi batas ukuran satu berkas ({lim.max_member_bytes} byte)")
                if self._inflated > lim.max_total_bytes:
                    raise MemberError(path, f"batas ukuran total arsip terlampaui ({lim.max_total_bytes} byte)")
                if compressed is not None and done > lim.ratio_floor and done > lim.max_ratio * max(compressed, 1):
                    raise MemberError(path, f"rasio kompresi mencurigakan (lebih dari {lim.max_ratio}:1): "
                                            "kemungkinan bom zip, berkas tidak dibaca")
                yield chunk
        finally:
            stream.close()

    def read_bytes(self, path: str, limit: int | None = None) -> bytes:
        """The whole member, at most `limit` (default max_text_bytes) bytes."""
        limit = self.limits.max_text_bytes if limit is None else limit
        parts, n = [], 0
        for chunk in self.stream(path):
            n += len(chunk)
            if n > limit:
                raise MemberError(path, f"terlalu besar untuk dibaca sebagai data ({limit} byte)")
            parts.append(chunk)
        return b"".join(parts)

    def head(self, path: str, n: int = 4096) -> bytes:
        """The first bytes of a member (for recognising formats), without reading the rest."""
        out = b""
        gen = self.stream(path)
        try:
            for chunk in gen:
                out += chunk
                if len(out) >= n:
                    break
        finally:
            gen.close()
        return out[:n]

    def read_text(self, path: str) -> str:
        """UTF-8 text (a BOM is dropped); a clear MemberError otherwise."""
        data = self.read_bytes(path)
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise MemberError(path, f"bukan teks UTF-8 yang sah (byte ke-{e.start + 1})") from None

    def lines(self, path: str) -> Iterator[str]:
        """The member's text line by line (UTF-8, BOM dropped, '\\r\\n' and '\\n' ends removed), decoded as
        it is inflated: memory holds one line, however large the file."""
        decoder = codecs.getincrementaldecoder("utf-8")()
        pending, done, first = "", 0, True
        for chunk in self.stream(path):
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as e:
                raise MemberError(path, f"bukan teks UTF-8 yang sah (byte ke-{done + e.start + 1})") from None
            done += len(chunk)
            if first:
                text, first = text.removeprefix("\ufeff"), False
            parts = (pending + text).split("\n")
            pending = parts.pop()
            if len(pending) > self.limits.max_text_bytes:
                raise MemberError(path, f"baris terlalu panjang (lebih dari {self.limits.max_text_bytes} karakter)")
            for line in parts:
                yield line.removesuffix("\r")
        try:
            pending += decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise MemberError(path, "bukan teks UTF-8 yang sah (akhir berkas terpotong)") from None
        if pending:
            yield pending.removesuffix("\r")

    def extract(self, path: str, work_dir: str, rel: str | None = None) -> str:
        """Copy a member to work_dir/rel (default: its cleaned path); returns the relative path written.

        Never writes outside work_dir, never through a symlink, never over an existing file.
        """
        rel = clean_name(rel or path, self.limits)
        root = os.path.realpath(work_dir)
        dest = os.path.join(root, *rel.split("/"))
        parent = os.path.dirname(dest)
        _make_dirs(root, parent)
        if os.path.realpath(parent) != parent:  # no symlink on the way (checked again after creating)
            raise MemberError(path, "folder tujuan keluar dari folder kerja")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(dest, flags, 0o644)
        except FileExistsError:
            raise MemberError(path, f"berkas tujuan sudah ada ({rel})") from None
        except OSError as e:
            raise MemberError(path, f"tidak dapat ditulis ({e.strerror})") from None
        ok = False
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in self.stream(path):
                    out.write(chunk)
            ok = True
        finally:
            if not ok:
                try:
                    os.unlink(dest)
                except OSError:
                    pass
        return rel

    def close(self) -> None:
        pass

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _make_dirs(root: str, parent: str) -> None:
    """Create parent (below root) one level at a time, refusing any symlink on the way."""
    rel = os.path.relpath(parent, root)
    if rel.startswith(".."):
        raise MemberError(parent, "folder tujuan keluar dari folder kerja")
    cur = root
    for part in ([] if rel == "." else rel.split(os.sep)):
        cur = os.path.join(cur, part)
        try:
            st = os.lstat(cur)
        except FileNotFoundError:
            os.mkdir(cur, 0o755)
            continue
        if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
            raise MemberError(cur, "folder tujuan berupa tautan atau berkas, bukan folder")


class ZipArchive(Archive):
    def __init__(self, path: str, name: str, limits: Limits):
        super().__init__(name, limits)
        _precheck_entries(path, name, limits)
        try:
            self._zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile as e:
            raise ArchiveError(f"{name}: bukan arsip ZIP yang sah ({e})") from None
        except (OSError, ValueError, NotImplementedError) as e:
            raise ArchiveError(f"{name}: arsip tidak dapat dibuka ({e})") from None
        self._infos: dict[str, zipfile.ZipInfo] = {}
        for info in self._zip.infolist():
            if info.is_dir():
                continue
            mode = info.external_attr >> 16
            if info.create_system == 3 and stat.S_ISLNK(mode):
                self.refused.append(Refused(info.filename, "tautan simbolik (symlink) tidak diizinkan"))
                continue
            if info.create_system == 3 and stat.S_IFMT(mode) not in (0, stat.S_IFREG):  # device, fifo, socket
                self.refused.append(Refused(info.filename, "bukan berkas biasa"))
                continue
            if info.flag_bits & 0x1:
                self.refused.append(Refused(info.filename, "berkas terenkripsi tidak dapat dibaca"))
                continue
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2,
                                          zipfile.ZIP_LZMA):
                self.refused.append(Refused(info.filename, f"metode kompresi {info.compress_type} tidak didukung"))
                continue
            p = self._accept(info.filename, info.file_size)
            if p is not None:
                self._infos[p] = info

    def _raw_open(self, path: str):
        info = self._infos[path]
        try:
            return self._zip.open(info), info.compress_size
        except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError, ValueError) as e:
            raise MemberError(path, f"tidak dapat dibuka ({e})") from None

    def close(self) -> None:
        self._zip.close()


def _precheck_entries(path: str, name: str, limits: Limits) -> None:
    """Refuse a central directory with too many entries before zipfile loads it into memory."""
    end_rec = getattr(zipfile, "_EndRecData", None)
    if end_rec is None:
        return
    try:
        with open(path, "rb") as f:
            rec = end_rec(f)
    except (OSError, zipfile.BadZipFile, ValueError):
        return  # zipfile reports the damage itself
    if rec and rec[zipfile._ECD_ENTRIES_TOTAL] > limits.max_members:  # type: ignore[attr-defined]
        raise ArchiveError(f"{name}: terlalu banyak berkas ({rec[zipfile._ECD_ENTRIES_TOTAL]}; "  # type: ignore[attr-defined]
                           f"batas {limits.max_members})")


class FolderArchive(Archive):
    def __init__(self, path: str, name: str, limits: Limits):
        super().__init__(name, limits)
        self._root = os.path.realpath(path)
        self._paths: dict[str, str] = {}
        for dirpath, dirnames, filenames in os.walk(self._root, followlinks=False):
            for d in list(dirnames):
                full = os.path.join(dirpath, d)
                if os.path.islink(full):
                    self.refused.append(Refused(os.path.relpath(full, self._root), "tautan simbolik (symlink) "
                                                                                      "tidak diizinkan"))
                    dirnames.remove(d)
            dirnames.sort()
            for fn in sorted(filenames):
                full = os.path.join(dirpath, fn)
                rel = os.path.relpath(full, self._root)
                try:
                    st = os.lstat(full)
                except OSError as e:
                    self.refused.append(Refused(rel, f"tidak dapat dibaca ({e.strerror})"))
                    continue
                if stat.S_ISLNK(st.st_mode):
                    self.refused.append(Refused(rel, "tautan simbolik (symlink) tidak diizinkan"))
                    continue
                if not stat.S_ISREG(st.st_mode):
                    self.refused.append(Refused(rel, "bukan berkas biasa"))
                    continue
                p = self._accept(rel, st.st_size)
                if p is not None:
                    self._paths[p] = full

    def _raw_open(self, path: str):
        full = self._paths[path]
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        try:
            return os.fdopen(os.open(full, flags), "rb"), None
        except OSError as e:
            raise MemberError(path, f"tidak dapat dibuka ({e.strerror})") from None


class SingleFileArchive(Archive):
    """One uploaded file (a WhatsApp .txt, a TikTok .json, a tweets.js) read as a one-member archive."""

    def __init__(self, path: str, name: str, limits: Limits):
        super().__init__(name, limits)
        self._file = path
        size = os.path.getsize(path)
        p = self._accept(name, size)
        if p is None and not self.refused and not self.nested:
            raise ArchiveError(f"{name}: nama berkas tidak sah")

    def _raw_open(self, path: str):
        try:
            return open(self._file, "rb"), None
        except OSError as e:
            raise MemberError(path, f"tidak dapat dibuka ({e.strerror})") from None


@dataclass
class SubTree:
    """The members below one folder of an archive (one export inside a mixed archive)."""

    archive: Archive
    root: str  # '' or 'folder/' (with the slash)
    paths: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.paths:
            self.paths = sorted(p for p in self.archive.members if p.startswith(self.root))

    def rel(self, path: str) -> str:
        return path[len(self.root):]
