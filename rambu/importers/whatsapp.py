"""WhatsApp "Export chat": the chat text, alone or in a ZIP with the attached media.

| file | becomes |
|---|---|
| ``_chat.txt`` (iOS) or ``WhatsApp Chat with NAME.txt`` / ``Chat WhatsApp dengan NAMA.txt`` (Android), any ``.txt`` whose lines are chat lines | the staff member's own messages: ``broadcast`` in a group, ``post`` in a private chat, ``share`` when the message is only a link; a message that repeats word for word what another member wrote earlier in the chat is a forward: ``broadcast`` with that message as target |
| attachments beside the chat (``IMG-20250112-WA0003.jpg``, ``00000012-PHOTO-2025-01-12-14-05-23.jpg``) | the message's ``media`` (photos, videos, voice notes); other files (PDF) in ``attachments`` |

Line forms, Android and iOS, English and Indonesian locales (the date order is worked out per chat
from the dates themselves; when every date fits both orders, day first)::

    12/01/25 14.05 - Budi: pesan                 Android, Indonesian
    1/12/25, 2:05 PM - Budi: message             Android, English (US)
    [12/01/25, 14.05.23] Budi: pesan             iOS, Indonesian
    [1/12/25, 2:05:23 PM] Budi: message          iOS, English

Left-to-right marks and narrow spaces are ignored; lines without a date continue the previous
message. Markers, in both languages: attachments (``(file attached)``, ``(file terlampir)``,
``<attached: ...>``, ``<terlampir: ...>``), media left out of the export (``<Media omitted>``,
``image omitted``, ``gambar tidak disertakan``: kept in ``media_omitted``), deleted messages (skipped,
counted), edited messages (marker removed, ``edited: true``), and system lines (encryption notice, group
changes), which are not messages. The words are data: `MARKERS`.

Times carry no zone: they are read in the staff member's time zone (``--timezone``, else the staff
directory's, else Asia/Jakarta). The member's messages are found by sender name: ``--sender``, else
the name in the staff directory; when neither matches, the chat is reported with the names it contains.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable, Iterator

from .base import Context, Importer, media_kind, some

_DATE = r"(?P<date>\d{1,4}[./-]\d{1,2}[./-]\d{1,4})"
_TIME = r"(?P<time>\d{1,2}[.:]\d{2}(?:[.:]\d{2})?(?:\s?(?P<ampm>[AaPp])\.?\s?[Mm]\.?)?)"
HEADER = (re.compile(r"^\[" + _DATE + r",?\s" + _TIME + r"\]\s(?P<rest>.*)$"),          # iOS
          re.compile(r"^" + _DATE + r",?\s" + _TIME + r"\s[-\u2013]\s(?P<rest>.*)$"))    # Android
_MARKS = re.compile("[\u200e\u200f\u202a\u202b\u202c\u2066\u2067\u2068\u2069\ufeff]")
_SPACES = re.compile("[\u202f\u00a0\u2007]")

MARKERS = {
    "deleted": ("this message was deleted", "you deleted this message", "pesan ini telah dihapus",
                "anda menghapus pesan ini", "pesan ini dihapus"),
    "edited": ("<this message was edited>", "<pesan ini diedit>", "<pesan ini telah diedit>"),
    "omitted": {"<media omitted>": "media", "<media tidak disertakan>": "media", "image omitted": "image",
                "gambar tidak disertakan": "image", "video omitted": "video", "video tidak disertakan": "video",
                "audio omitted": "audio", "audio tidak disertakan": "audio", "sticker omitted": "sticker",
                "stiker tidak disertakan": "sticker", "gif omitted": "gif", "gif tidak disertakan": "gif",
                "document omitted": "document", "dokumen tidak disertakan": "document",
                "contact card omitted": "contact", "kartu kontak tidak disertakan": "contact"},
    # system lines that mark a group chat
    "group": ("created group", "membuat grup", " added ", " menambahkan ", " left", " keluar", " removed ",
              " mengeluarkan ", "joined using", "bergabung", "changed the group", "group", "grup"),
}
ATTACHED = (re.compile(r"^(?P<file>[^\n<>]+?\.\w{1,5})\s\((?:file attached|file terlampir|berkas terlampir)\)"),
            re.compile(r"^<(?:attached|terlampir|lampiran):\s*(?P<file>[^>\n]+)>"))
CHAT_NAME = re.compile(r"^(?:WhatsApp Chat with|Chat WhatsApp dengan|WhatsApp Chat -|Obrolan WhatsApp dengan)\s*",
                       re.IGNORECASE)
_URL_ONLY = re.compile(r"^https?://\S+$")
MIN_FORWARD = 20  # characters a message needs before a repeat counts as a forward


@dataclass
class Message:
    index: int
    line: int
    date: str
    time: str
    ampm: str | None
    sender: str | None  # None: a system line
    text: str
    marked: bool = False  # the text began with a left-to-right mark (iOS system lines and markers)
    extra_lines: list[str] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n".join([self.text] + self.extra_lines)


def _clean(line: str) -> str:
    """Narrow and no-break spaces (before AM/PM) as plain spaces."""
    return line if line.isascii() else _SPACES.sub(" ", line)


def unmark(s: str) -> str:
    """Without the direction marks and BOMs that WhatsApp puts around names and markers."""
    return s if s.isascii() else _MARKS.sub("", s)


def iter_messages(lines: Iterable[str], stray: list | None = None) -> Iterator[Message]:
    """Messages of a chat's lines, one at a time (continuation lines joined); leading lines that are not
    part of a message are counted in `stray` ([count])."""
    cur: Message | None = None
    index = 0
    for n, raw in enumerate(lines, 1):
        line = _clean(raw)
        bare = unmark(line)
        m = HEADER[0].match(bare) or HEADER[1].match(bare)
        if m is None:
            if cur is not None:
                cur.extra_lines.append(bare)
            elif line.strip() and stray is not None:
                stray[0] += 1
            continue
        if cur is not None:
            yield cur
        rest = m.group("rest")
        sender, body, marked = None, rest, False
        if ": " in rest:  # the header has no ': ' of its own, so the first one ends the sender's name
            who, what = rest.split(": ", 1)
            if len(who) <= 60 and '"' not in who and "\u201c" not in who:
                sender, body = who.strip().lstrip("~").strip(), what
                marked = line.split(": ", 1)[1][:1] in ("\u200e", "\u200f")
        cur = Message(index, n, m.group("date"), m.group("time"), m.group("ampm"), sender, body, marked)
        index += 1
    if cur is not None:
        yield cur


def parse_lines(text: str) -> tuple[list[Message], int]:
    """All messages of a chat text and the number of leading lines that were not part of one."""
    stray = [0]
    msgs = list(iter_messages(text.splitlines(), stray))
    return msgs, stray[0]


def looks_like_chat(head: str) -> bool:
    lines = [unmark(_clean(x)) for x in head.splitlines()[:20] if x.strip()]
    return bool(lines) and sum(1 for x in lines if any(h.match(x) for h in HEADER)) >= max(1, len(lines) // 3)


class DateOrder:
    """Day before month, unless a date shows otherwise: 13/01 means day first, 01/13 month first."""

    def __init__(self) -> None:
        self.day_shown = self.month_shown = False

    def see(self, m: Message) -> None:
        a, b, _ = re.split(r"[./-]", m.date)
        if len(a) != 4:
            self.day_shown = self.day_shown or int(a) > 12
            self.month_shown = self.month_shown or int(b) > 12

    @property
    def day_first(self) -> bool:
        return self.day_shown or not self.month_shown


def _day_first(msgs: Iterable[Message]) -> bool:
    order = DateOrder()
    for m in msgs:
        order.see(m)
    return order.day_first


def to_datetime(m: Message, day_first: bool) -> datetime | None:
    a, b, c = re.split(r"[./-]", m.date)
    if len(a) == 4:
        y, mo, d = int(a), int(b), int(c)
    else:
        d, mo = (int(a), int(b)) if day_first else (int(b), int(a))
        y = int(c) + (2000 if len(c) <= 2 else 0)
    parts = [int(x) for x in re.findall(r"\d+", m.time)[:3]]
    h, mi, s = (parts + [0, 0])[:3]
    if m.ampm:
        pm = m.ampm.lower() == "p"
        h = (h % 12) + (12 if pm else 0)
    try:
        return datetime(y, mo, d, h, mi, s)
    except ValueError:
        return None


def _norm_name(s: str | None) -> str:
    return " ".join(unmark(s or "").strip().lstrip("~").split()).casefold()


def _squash(s: str) -> str:
    return " ".join(s.split()).casefold()


class WhatsApp(Importer):
    platform = "whatsapp"
    title = "WhatsApp"
    files = ((r"^[^/]+\.txt$", "broadcast / post / share (pesan pegawai)"),)
    ignore = ()

    def roots(self, archive) -> list[str]:
        found = set()
        for p in archive.members:
            if p.lower().endswith(".txt"):
                try:
                    head = archive.head(p, 4096).decode("utf-8", "replace")
                except Exception:  # noqa: BLE001 - reported when read
                    continue
                if looks_like_chat(head):
                    found.add(p.rsplit("/", 1)[0] + "/" if "/" in p else "")
        return sorted(found)

    def read(self, ctx: Context, root: str) -> Iterator[dict]:
        for path in self.matching(ctx.archive, root, self.files[0][0]):
            try:
                head = ctx.archive.head(path, 4096).decode("utf-8", "replace")
            except Exception:  # noqa: BLE001
                head = ""
            if looks_like_chat(head):
                yield from self._chat(ctx, root, path)

    def _chat(self, ctx: Context, root: str, path: str) -> Iterator[dict]:
        # pass 1 (names, date order, group or not), pass 2 (the member's messages): one message in memory
        stray, senders, system, order = [0], set(), [], DateOrder()
        for m in iter_messages(ctx.lines(path), stray):
            if m.sender is None or self._system(m):
                system.append(m.text.lower())
            else:
                senders.add(m.sender)
            order.see(m)
        if stray[0]:
            ctx.report.warning(path, f"{stray[0]} baris awal bukan pesan (tanpa tanggal) dilewati")
        names = sorted(senders)
        wanted = {_norm_name(ctx.options.sender), _norm_name(ctx.options.staff_name)} - {""}
        me = next((s for s in names if _norm_name(s) in wanted), None)
        if me is None:
            who = (f"nama {' / '.join(sorted(n for n in (ctx.options.sender, ctx.options.staff_name) if n))} "
                   "tidak ada dalam obrolan") if wanted else "nama pengirim pegawai belum diberikan"
            ctx.report.error(path, f"pesan pegawai tidak dapat dikenali: {who}; pengirim dalam obrolan: "
                                   f"{', '.join(names) or '-'}. Beri nama pengirim persis seperti di obrolan "
                                   "(--sender, atau kolom nama di direktori pegawai); obrolan ini dilewati")
            return
        ctx.name = me
        day_first = order.day_first
        group = len(names) > 2 or any(w in t for t in system for w in MARKERS["group"])
        chat = CHAT_NAME.sub("", os.path.splitext(os.path.basename(path))[0]).strip() or None
        if chat in ("_chat", "chat"):
            chat = None
        folder = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
        slug = re.sub(r"[^0-9a-z]+", "-", (chat or "chat").lower()).strip("-")[:40] or "chat"
        seen: dict[int, tuple[str, str]] = {}  # others' messages by hash of their squashed text, for forwards
        if ctx.failed(path):
            return
        for m in iter_messages(ctx.lines(path)):
            if m.sender is None or self._system(m):
                continue
            body = unmark(m.body).strip()
            if m.sender != me:
                if len(body) >= MIN_FORWARD:
                    seen.setdefault(hash(_squash(body)), (m.sender, body))
                continue
            yield from some(self._message(ctx, path, folder, slug, m, body, day_first, group, chat, seen))

    @staticmethod
    def _system(m: Message) -> bool:
        """iOS system lines carry the group name as sender and a left-to-right mark before the text."""
        if not m.marked:
            return False
        text = unmark(m.text).strip()
        low = text.lower()
        return not (any(r.match(text) for r in ATTACHED)
                    or low in MARKERS["omitted"] or low.rstrip(".") in MARKERS["deleted"]
                    or any(low.endswith(e) for e in MARKERS["edited"]))

    def _message(self, ctx: Context, path: str, folder: str, slug: str, m: Message, body: str, day_first: bool,
                 group: bool, chat: str | None, seen: dict) -> dict | None:
        if body.lower().rstrip(".") in MARKERS["deleted"]:
            ctx.report.skip("whatsapp: pesan dihapus")
            return None
        edited = False
        for e in MARKERS["edited"]:
            if body.lower().endswith(e):
                body, edited = body[: -len(e)].rstrip(), True
        media, attachments, omitted, missing = [], [], [], []
        for rx in ATTACHED:
            a = rx.match(body)
            if a:
                name = a.group("file").strip()
                member = folder + name
                kind = media_kind(name)
                if kind:
                    media.append(ctx.media(member, kind=kind, missing=missing))
                elif member in ctx.archive.members and ctx.copy(member):
                    attachments.append(ctx.copy(member))
                else:
                    missing.append(member)
                    ctx.report.warning(member, "lampiran yang disebut obrolan tidak ada di arsip")
                body = body[a.end():].strip()
                break
        if body.lower() in MARKERS["omitted"]:
            omitted.append(MARKERS["omitted"][body.lower()])
            body = ""
        created = to_datetime(m, day_first)
        created = created.replace(tzinfo=ctx.options.tz) if created else None
        extra = {"chat": chat, "chat_type": "group" if group else "private", "edited": edited or None,
                 "attachments": attachments, "media_omitted": omitted, "media_missing": missing}
        common = dict(path=path, index=m.index, line=m.line, hint=f"{slug}-{m.line}", extra=extra)
        fwd = seen.get(hash(_squash(body))) if len(body) >= MIN_FORWARD else None
        if fwd and _squash(fwd[1]) != _squash(body):  # a hash collision, not a forward
            fwd = None
        if fwd:
            return ctx.activity("broadcast", created, media=media, target={"text": fwd[1], "author": fwd[0]},
                                **common)
        if _URL_ONLY.match(body) and not any(media):
            return ctx.activity("share", created, target={"url": body}, **common)
        return ctx.activity("broadcast" if group else "post", created, text=body or None, media=media, **common)
