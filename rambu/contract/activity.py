"""The activity of the contract, validated into an immutable object.

Validation errors name the field and say what is wrong in Indonesian, because
they are shown to the officers who upload batches.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

TYPES = ("post", "story", "comment", "reply", "share", "repost", "like", "dislike", "love",
         "live", "upload", "broadcast")
PLATFORMS = ("instagram", "facebook", "x", "tiktok", "youtube", "whatsapp", "threads", "other")
MEDIA_KINDS = ("image", "video", "audio")
# Types whose point is to pass someone else's content on or to react to it.
REACTIONS = ("like", "dislike", "love")
SPREADING = ("share", "repost", "broadcast", "upload")
RESPONSES = ("comment", "reply")


class ContractError(ValueError):
    """An activity that breaks the contract; `field` says where."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class Media:
    kind: str
    path: str | None
    ocr_text: str | None
    transcript: str | None


@dataclass(frozen=True, slots=True)
class Target:
    text: str | None
    media: tuple[Media, ...]
    author: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class Live:
    started_at: datetime
    ended_at: datetime | None
    started_raw: str
    uniform: bool | None
    transcript: str | None


@dataclass(frozen=True, slots=True)
class Author:
    nip: str | None
    handle: str | None
    name: str | None


@dataclass(frozen=True, slots=True)
class Activity:
    id: str
    type: str
    created_at: datetime
    created_raw: str
    platform: str | None = None
    author: Author = Author(None, None, None)
    text: str | None = None
    media: tuple[Media, ...] = ()
    target: Target | None = None
    live: Live | None = None
    url: str | None = None
    base_dir: str | None = None  # folder media paths are relative to
    raw: Any = None  # the object as received, kept as evidence


def parse_time(value: Any, field: str) -> datetime:
    if not isinstance(value, str):
        raise ContractError(field, f"harus teks tanggal ISO 8601, bukan {_typename(value)}")
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ContractError(field, f"bukan tanggal ISO 8601 ({value[:60]!r})") from None
    if dt.tzinfo is None:
        raise ContractError(field, f"tanggal tanpa zona waktu UTC ({value[:60]!r}); contoh: 2025-02-06T10:15:00+07:00")
    return dt


def _typename(v: Any) -> str:
    return {str: "teks", int: "angka", float: "angka", bool: "boolean", list: "daftar",
            dict: "objek", type(None): "null"}.get(type(v), type(v).__name__)


def _opt_str(obj: dict, key: str, path: str) -> str | None:
    v = obj.get(key)
    if v is None:
        return None
    if not isinstance(v, str):
        raise ContractError(f"{path}{key}", f"harus teks, bukan {_typename(v)}")
    return v


def _obj(v: Any, path: str) -> dict:
    if not isinstance(v, dict):
        raise ContractError(path, f"harus objek JSON, bukan {_typename(v)}")
    return v


def _media(v: Any, path: str, in_batch: bool = True) -> tuple[Media, ...]:
    if v is None:
        return ()
    if not isinstance(v, list):
        raise ContractError(path, f"harus daftar, bukan {_typename(v)}")
    out = []
    for i, item in enumerate(v):
        p = f"{path}[{i}]"
        m = _obj(item, p)
        kind = m.get("kind")
        if kind not in MEDIA_KINDS:
            raise ContractError(f"{p}.kind", f"harus salah satu dari {', '.join(MEDIA_KINDS)}, bukan {kind!r}")
        raw_path = _opt_str(m, "path", p + ".")
        out.append(Media(kind, _media_path(raw_path, p + ".path") if in_batch else raw_path,
                         _opt_str(m, "ocr_text", p + "."), _opt_str(m, "transcript", p + ".")))
    return tuple(out)


def _media_path(v: str | None, field: str) -> str | None:
    """A media path of a batch stays inside the batch's folder: relative, no '..', no drive or NUL (uploads
    are hostile). Activities handed over in code without a batch folder may name any file."""
    if v is None:
        return None
    norm = v.replace("\\", "/")
    if "\x00" in v or norm.startswith("/") or re.match(r"^[A-Za-z]:", norm) or ".." in norm.split("/"):
        raise ContractError(field, "harus jalur relatif di dalam folder batch, tanpa '..' atau jalur absolut "
                                   f"({v[:80]!r})")
    return v


def parse_activity(obj: Any, base_dir: str | None = None) -> Activity:
    """Validate one decoded JSON value; raise ContractError naming the first bad field."""
    a = _obj(obj, "aktivitas")
    aid = a.get("id")
    if aid is None or aid == "":
        raise ContractError("id", "wajib ada")
    if not isinstance(aid, (str, int)) or isinstance(aid, bool):
        raise ContractError("id", f"harus teks, bukan {_typename(aid)}")
    typ = a.get("type")
    if typ is None:
        raise ContractError("type", "wajib ada")
    if typ not in TYPES:
        raise ContractError("type", f"jenis tidak dikenal {typ!r}; yang sah: {', '.join(TYPES)}")
    if "created_at" not in a:
        raise ContractError("created_at", "wajib ada")
    created = parse_time(a["created_at"], "created_at")
    platform = _opt_str(a, "platform", "")
    if platform is not None and platform not in PLATFORMS:
        raise ContractError("platform", f"platform tidak dikenal {platform!r}; yang sah: {', '.join(PLATFORMS)}")
    author = Author(None, None, None)
    if a.get("author") is not None:
        au = _obj(a["author"], "author")
        nip = au.get("nip")
        if isinstance(nip, int) and not isinstance(nip, bool):
            nip = str(nip)
        if nip is not None and not isinstance(nip, str):
            raise ContractError("author.nip", f"harus teks, bukan {_typename(nip)}")
        author = Author(nip.strip() if nip else None, _opt_str(au, "handle", "author."), _opt_str(au, "name", "author."))
    target = None
    if a.get("target") is not None:
        t = _obj(a["target"], "target")
        target = Target(_opt_str(t, "text", "target."), _media(t.get("media"), "target.media", base_dir is not None),
                        _opt_str(t, "author", "target."), _opt_str(t, "url", "target."))
    live = None
    if typ == "live" or a.get("live") is not None:
        if a.get("live") is None:
            raise ContractError("live", "wajib ada untuk type 'live'")
        lv = _obj(a["live"], "live")
        if "started_at" not in lv:
            raise ContractError("live.started_at", "wajib ada")
        started = parse_time(lv["started_at"], "live.started_at")
        ended = parse_time(lv["ended_at"], "live.ended_at") if lv.get("ended_at") is not None else None
        if ended is not None and ended < started:
            raise ContractError("live.ended_at", "lebih awal dari live.started_at")
        uniform = lv.get("uniform")
        if uniform is not None and not isinstance(uniform, bool):
            raise ContractError("live.uniform", f"harus true, false, atau null, bukan {uniform!r}")
        live = Live(started, ended, lv["started_at"], uniform, _opt_str(lv, "transcript", "live."))
    return Activity(
        id=str(aid), type=typ, created_at=created, created_raw=a["created_at"], platform=platform,
        author=author, text=_opt_str(a, "text", ""), media=_media(a.get("media"), "media", base_dir is not None),
        target=target, live=live, url=_opt_str(a, "url", ""), base_dir=base_dir, raw=a,
    )
