"""YouTube in Google Takeout: the comments and live-chat messages a member wrote.

Folder and file names are localised ("YouTube and YouTube Music/comments/comments.csv", "YouTube dan
YouTube Music/komentar/komentar.csv"), split files are numbered ("comments(1).csv") and column order
and header spelling change between versions, so files are recognised by their header row and
contents, not their names:

| file | how it is recognised | becomes |
|---|---|---|
| comments CSV (to mid-2024: ``Comment ID, Channel ID, Comment Create Timestamp, Price, Parent Comment ID, Video ID, Comment Text``; later with the channel first, ``Post ID`` and ``Top-Level Comment ID``) | a column of ISO timestamps and a column of JSON text segments, no "chat" in the header | ``comment`` on the video (target url), ``reply`` when a parent comment is named, a comment on a community post when ``Post ID`` is set |
| live-chat CSV (``Live Chat ID, Channel ID, Live Chat Create Timestamp, Price, Video ID, Live Chat Text``) | the same, with "chat" in the header | ``comment`` with ``live_chat: true`` |
| older ``my-comments/my-comments.html``, ``my-live-chat-messages/my-live-chat-messages.html`` | ``<li>`` items holding a ``YYYY-MM-DD HH:MM:SS`` time, a link and, after ``<br>``, the text | ``comment`` (``live_chat`` for the chat file) |

The text column holds JSON segments: ``{"takeoutSegments":[{"text":"..."}]}`` before mid-2024,
``{"text":"..."},{"text":"..."}`` after; segment texts are joined. Times are UTC. A CSV or HTML file
whose name speaks of comments or chat but whose content is not recognised is reported; the rest of a
Takeout (watch history, subscriptions, playlists) is not read.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from datetime import datetime, timezone
from html.parser import HTMLParser
from typing import Iterator

from .base import Context, Importer, parse_time, some

_VIDEO_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_NAMED = re.compile(r"(comment|komentar|chat)", re.IGNORECASE)
_HTML_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:\s*|T)(\d{2}):(\d{2}):(\d{2})")
# header words, several languages: which column is which when content alone cannot tell
PARENT = ("parent", "induk", "übergeordnet", "parent comment", "principal")
TOP_LEVEL = ("top-level", "tingkat teratas", "top level")
POST = ("post id", "id postingan", "id post", "beitrags-id")
VIDEO = ("video",)
CHAT = ("chat",)


def segments_text(v: str) -> str | None:
    """The comment text of a Takeout text cell (JSON segments, or plain text in odd exports)."""
    s = (v or "").strip()
    if not s:
        return None
    if s.startswith("{"):
        try:
            doc = json.loads(s) if s.startswith('{"takeoutSegments"') else json.loads("[" + s + "]")
        except (json.JSONDecodeError, RecursionError):
            return s
        segs = doc.get("takeoutSegments") if isinstance(doc, dict) else doc
        if isinstance(segs, list):
            text = "".join(str(g.get("text", "")) for g in segs if isinstance(g, dict))
            return text.strip() or None
    return s


def _is_segments(v: str) -> bool:
    s = (v or "").strip()
    return s.startswith('{"takeoutSegments"') or s.startswith('{"text"')


def _is_time(v: str) -> bool:
    return bool(re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", (v or "").strip()))


class Columns:
    """Which column holds what, from the header and the first rows."""

    def __init__(self, header: list[str], rows: list[list[str]]):
        low = [h.strip().lower() for h in header]
        n = len(header)

        def by_content(test, share: float = 1.0) -> int | None:
            for c in range(n):
                vals = [r[c] for r in rows if c < len(r) and r[c].strip()]
                if vals and sum(map(test, vals)) >= share * len(vals):
                    return c
            return None

        def by_header(words, exclude=()) -> int | None:
            return next((c for c, h in enumerate(low) if any(w in h for w in words)
                         and not any(x in h for x in exclude)), None)

        self.time = by_content(_is_time)
        self.text = by_content(_is_segments, 0.8)
        self.chat = any(any(w in h for w in CHAT) for h in low)
        self.parent = by_header(PARENT)
        self.top = by_header(TOP_LEVEL)
        self.post = by_header(POST)
        self.video = by_header(VIDEO, exclude=PARENT)
        if self.video is None:
            self.video = by_content(lambda v: bool(_VIDEO_ID.match(v.strip())))
        taken = {self.time, self.text, self.parent, self.top, self.post, self.video}
        # the record's own id: the first remaining column whose values look like comment ids
        self.id = next((c for c in range(n) if c not in taken and "id" in low[c].split()
                        and not any(w in low[c] for w in ("channel", "saluran", "kanal", "price", "harga"))), None)

    @property
    def recognised(self) -> bool:
        return self.time is not None and self.text is not None


def _read_csv(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, header, line = [], None, 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        if header is None:
            header = row
        elif any(c.strip() for c in row):
            rows.append((line, row))
        line = reader.line_num + 1
    return header or [], rows


class YouTube(Importer):
    platform = "youtube"
    title = "YouTube"
    files = ((r"\.csv$", "comment / reply / komentar live chat (dikenali dari baris judul)"),
             (r"\.html?$", "comment (format HTML lama)"))
    ignore = (r".",)  # the rest of a Takeout (history, subscriptions, playlists) is not activity

    def roots(self, archive) -> list[str]:
        found = set()
        for p in archive.members:
            low = p.lower()
            if low.endswith(".csv") or (low.endswith((".html", ".htm")) and _NAMED.search(os.path.basename(low))):
                try:
                    head = archive.head(p, 8192).decode("utf-8", "replace").lstrip("\ufeff")
                except Exception:  # noqa: BLE001 - a member that cannot be read is reported by the reader
                    continue
                if self._looks_like(low, head):
                    parts = p.split("/")
                    found.add("/".join(parts[:-2]) + "/" if len(parts) > 2 else "")
        return sorted(r for r in found if not any(r != o and r.startswith(o) for o in found))

    @staticmethod
    def _looks_like(path: str, head: str) -> bool:
        if path.endswith(".csv"):
            header, rows = _read_csv(head.rsplit("\n", 1)[0] if "\n" in head else head)
            return Columns(header, [r for _, r in rows[:5]]).recognised
        return "<li" in head.lower() or bool(_HTML_DATE.search(head))

    def read(self, ctx: Context, root: str) -> Iterator[dict]:
        for path in self.matching(ctx.archive, root, self.files[0][0]):
            yield from self._csv(ctx, path)
        for path in self.matching(ctx.archive, root, self.files[1][0]):
            if _NAMED.search(os.path.basename(path)):
                yield from self._html(ctx, path)

    def _csv(self, ctx: Context, path: str) -> Iterator[dict]:
        named = bool(_NAMED.search(os.path.basename(path)))
        try:
            head = ctx.archive.head(path, 8192).decode("utf-8", "replace").lstrip("\ufeff")
        except Exception:  # noqa: BLE001
            head = ""
        if not named and not self._looks_like(path.lower(), head):
            return  # another Takeout table (subscriptions, playlists): not ours
        text = ctx.read_text(path)
        if text is None:
            return
        try:
            header, rows = _read_csv(text)
        except csv.Error as e:
            ctx.report.error(path, f"CSV rusak ({e}); berkas ini dilewati")
            return
        cols = Columns(header, [r for _, r in rows[:20]])
        if not cols.recognised:
            if rows:
                ctx.report.error(path, "tidak dikenali sebagai komentar atau live chat YouTube (kolom waktu dan "
                                       "kolom teks tidak ditemukan); berkas ini dilewati")
            return
        ctx.claim(path)
        chat = cols.chat or "chat" in path.lower()
        for i, (line, row) in enumerate(rows):
            if len(row) < len(header):
                ctx.report.error(path, f"baris {line}: jumlah kolom {len(row)}, seharusnya {len(header)}; dilewati")
                continue
            created = parse_time(row[cols.time])
            cid = row[cols.id].strip() if cols.id is not None else ""
            video = row[cols.video].strip() if cols.video is not None else ""
            parent = row[cols.parent].strip() if cols.parent is not None else ""
            post = row[cols.post].strip() if cols.post is not None else ""
            if post:
                target_url = f"https://www.youtube.com/post/{post}"
            elif video:
                target_url = f"https://www.youtube.com/watch?v={video}" + (f"&lc={parent}" if parent else "")
            else:
                target_url = None
            kind = "reply" if parent and not chat else "comment"
            url = (f"https://www.youtube.com/watch?v={video}&lc={cid}" if video and cid and not chat else None)
            yield from some(ctx.activity(kind, created, path=path, index=i, line=line,
                                         hint=("live-" if chat else "") + (cid or f"{os.path.basename(path)}-{i}"),
                                         text=segments_text(row[cols.text]), target={"url": target_url}, url=url,
                                         extra={"live_chat": chat or None}))

    def _html(self, ctx: Context, path: str) -> Iterator[dict]:
        text = ctx.read_text(path)
        if text is None:
            return
        parser = _Items()
        try:
            parser.feed(text)
            parser.close()
        except Exception as e:  # noqa: BLE001 - html.parser is lenient; anything else is damage
            ctx.report.error(path, f"HTML rusak ({e}); berkas ini dilewati")
            return
        chat = "chat" in path.lower()
        if not parser.items:
            ctx.report.error(path, "tidak ada komentar yang dikenali dalam berkas HTML ini")
        for i, (before, after, links) in enumerate(parser.items):
            m = _HTML_DATE.search(before) or _HTML_DATE.search(after)
            created = datetime(*map(int, m.groups()), tzinfo=timezone.utc) if m else None
            video = next((u for u in links if "youtube.com/watch" in u or "youtu.be/" in u), links[0] if links else None)
            body = after.strip() or None
            if body and m and body.strip() == m.group(0):
                body = None
            stem = os.path.splitext(os.path.basename(path))[0]
            yield from some(ctx.activity("comment", created, path=path, index=i, hint=f"{stem}-{i}",
                                         text=body, target={"url": video}, extra={"live_chat": chat or None}))


class _Items(HTMLParser):
    """Each <li>: (text before the first <br>, text after it, links)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[str, str, list[str]]] = []
        self._cur: list | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self._flush()
            self._cur = [[], [], [], False]  # before, after, links, seen <br>
        elif self._cur is not None and tag == "br":
            if self._cur[3]:
                self._cur[1].append("\n")
            self._cur[3] = True
        elif self._cur is not None and tag == "a":
            href = dict(attrs).get("href")
            if href:
                self._cur[2].append(href)

    def handle_endtag(self, tag):
        if tag in ("li", "ul"):
            self._flush()

    def handle_data(self, data):
        if self._cur is not None:
            self._cur[1 if self._cur[3] else 0].append(data)

    def _flush(self):
        if self._cur is not None:
            before, after, links, _ = self._cur
            self.items.append(("".join(before), "".join(after), links))
            self._cur = None

    def close(self):
        super().close()
        self._flush()
