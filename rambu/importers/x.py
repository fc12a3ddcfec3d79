"""X (Twitter) archive.

Files are JavaScript: ``window.YTD.<name>.partN = [ ... ]``; the part after ``=`` is JSON. They sit in
``data/`` (archives from 2019 on; the very first ones had them at the top). Large archives add
``tweets-part1.js``, ``tweets-part2.js``.

| file | becomes |
|---|---|
| ``tweets.js`` (``[{tweet: {...}}]``; older ``tweet.js``, and the first archives without the ``tweet`` wrapper) | ``post``; ``repost`` when the text starts with ``RT @user:`` (target: that user and the quoted text, no own text); ``reply`` to another account (target: that account and tweet URL; replies to oneself are thread posts); ``repost`` with own text when the tweet links to someone else's status (a quote) |
| ``note-tweet.js`` (``noteTweet: {core: {text}, createdAt}``) | the full text of long tweets, replacing the truncated one in ``tweets.js`` (matched by ``tweetId`` when given, else by creation time and text); unmatched notes become ``post`` |
| ``deleted-tweets.js`` | as tweets, with ``deleted_at`` |
| ``community-tweet.js`` | as tweets, with ``community: true`` |
| ``like.js`` (``like: {tweetId, fullText, expandedUrl}``) | ``like`` with the liked text and URL as target. The file has no like time: ``created_at`` is the liked post's own time decoded from its id (the like came later) and ``created_at_estimated`` is true |
| ``spaces-metadata.js`` (``space: {id, creatorUserId, hostUserIds, title, startedAt, endedAt}``) | ``live`` for Spaces the account created or hosted (rule 7), ``uniform`` unknown |
| ``account.js`` | the author's handle and display name, and the account id that tells own replies and Spaces |
| ``tweets_media/<tweet id>-<file>`` (older ``tweet_media/``), ``deleted_tweets_media/``, ``community_tweet_media/`` | the tweets' photos and videos |

HTML entities in tweet text (``&amp;``) are decoded; links stay as written (``https://t.co/...``).
"""
from __future__ import annotations

import html
import os
import re
from datetime import datetime, timezone
from typing import Any, Iterator

from .base import (Context, Importer, as_list, parse_time, parse_twitter_time, pick, roots_by_markers, some,
                   text_or_none)

_D = r"^(data/)?"
_STATUS = re.compile(r"https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(\w+)/status(?:es)?/(\d+)")
_RT = re.compile(r"RT @(\w+): ?(.*)", re.S)
_MEDIA_DIRS = ("tweets_media", "tweet_media", "deleted_tweets_media", "community_tweet_media")
TWITTER_EPOCH_MS = 1288834974657


def snowflake_time(tweet_id: Any) -> datetime | None:
    """When a post with this id was created (ids since November 2010 carry their time)."""
    try:
        n = int(str(tweet_id))
    except ValueError:
        return None
    ms = (n >> 22) + TWITTER_EPOCH_MS
    if n <= 0 or ms <= TWITTER_EPOCH_MS:
        return None
    return datetime.fromtimestamp(ms / 1000, tz=timezone.utc)


class X(Importer):
    platform = "x"
    title = "X (Twitter)"
    files = (
        (_D + r"note-tweet(-part\d+)?\.js$", "teks lengkap tweet panjang"),
        (_D + r"tweets?(-part\d+)?\.js$", "post / reply / repost"),
        (_D + r"deleted-tweets?(-part\d+)?\.js$", "post (dihapus)"),
        (_D + r"community-tweet(-part\d+)?\.js$", "post (komunitas)"),
        (_D + r"like(-part\d+)?\.js$", "like"),
        (_D + r"spaces-metadata(-part\d+)?\.js$", "live (Spaces)"),
    )
    ignore = (r"^data/", r"^assets/", r"^Your archive\.html$", r"^README\.txt$")
    markers = (r"data/tweets?(-part\d+)?\.js", r"data/account\.js", r"data/manifest\.js", r"tweets?\.js")

    def roots(self, archive) -> list[str]:
        return roots_by_markers(archive, self.markers)

    def read(self, ctx: Context, root: str) -> Iterator[dict]:
        return _Reader(self, ctx, root).read()


class _Reader:
    """One run over one archive (the importer itself holds no state between runs)."""

    def __init__(self, importer: X, ctx: Context, root: str):
        self.files, self.matching = importer.files, importer.matching
        self.ctx, self.root = ctx, root

    def read(self) -> Iterator[dict]:
        ctx, root = self.ctx, self.root
        self.account_id = self._account(ctx, root)
        self.media_index = self._media_index(ctx, root)
        notes = []
        for path in self.matching(ctx.archive, root, self.files[0][0]):
            notes += [(path, i, n) for i, n in self._ytd(ctx, path)]
        self.notes = [(p, i, _note(n)) for p, i, n in notes]
        self.notes_used: set[int] = set()
        for (pattern, _), kind in zip(self.files[1:4], ("tweet", "deleted", "community")):
            for path in self.matching(ctx.archive, root, pattern):
                for i, entry in self._ytd(ctx, path):
                    yield from some(self._tweet(ctx, root, path, i, entry, kind))
        for k, (path, i, note) in enumerate(self.notes):
            if k not in self.notes_used and note:
                created, text, _ = note
                yield from some(ctx.activity("post", created, path=path, index=i, hint=f"note-{i}", text=text))
        for path in self.matching(ctx.archive, root, self.files[4][0]):
            for i, entry in self._ytd(ctx, path):
                yield from some(self._like(ctx, path, i, entry))
        for path in self.matching(ctx.archive, root, self.files[5][0]):
            for i, entry in self._ytd(ctx, path):
                yield from some(self._space(ctx, path, i, entry))

    # --- files -------------------------------------------------------------------------------------------------
    def _ytd(self, ctx: Context, path: str) -> Iterator[tuple[int, Any]]:
        """(index, entry) of a ``window.YTD.x.partN = [...]`` file, one at a time (error positions stay
        those of the file)."""
        text = ctx.read_text(path)
        if text is None:
            return
        eq = text.find("=")
        if not text.lstrip().startswith("window.") or eq < 0:
            ctx.report.error(path, "bukan berkas arsip X (tidak diawali 'window.YTD...= '); berkas ini dilewati")
            return
        body = (" " * (eq + 1) + text[eq + 1:]).rstrip().removesuffix(";")
        del text
        yield from ctx.records(path, body)

    def _account(self, ctx: Context, root: str) -> str | None:
        for path in self.matching(ctx.archive, root, _D + r"account\.js$"):
            for _, entry in self._ytd(ctx, path):
                acc = pick(entry, "account", default=entry)
                if isinstance(acc, dict):
                    ctx.handle = text_or_none(acc.get("username")) or ctx.handle
                    ctx.name = text_or_none(acc.get("accountDisplayName")) or ctx.name
                    return str(acc.get("accountId") or "") or None
        return None

    def _media_index(self, ctx: Context, root: str) -> dict[str, list[str]]:
        """Tweet id -> its media files (named '<tweet id>-<file>')."""
        index: dict[str, list[str]] = {}
        rx = re.compile(r"^(data/)?(" + "|".join(_MEDIA_DIRS) + r")/(\d+)-[^/]+$")
        for p in ctx.archive.members:
            if p.startswith(root):
                m = rx.match(p[len(root):])
                if m:
                    index.setdefault(m.group(3), []).append(p)
        return index

    # --- records -----------------------------------------------------------------------------------------------
    def _media(self, ctx: Context, tid: str, t: dict, missing: list[str]) -> list[dict | None]:
        ents = t.get("extended_entities") or t.get("entities") or {}
        files = sorted(self.media_index.get(tid, []))
        out = []
        for m in as_list(ents.get("media") if isinstance(ents, dict) else None):
            if not isinstance(m, dict):
                continue
            video = m.get("type") in ("video", "animated_gif")
            base = os.path.basename(str(m.get("media_url_https") or m.get("media_url") or ""))
            if video:
                found = next((f for f in files if f.lower().endswith((".mp4", ".mov"))), None)
            else:
                found = next((f for f in files if base and f.endswith("-" + base)), None)
            if found:
                files.remove(found)
                out.append(ctx.media(found, kind="video" if video else "image", missing=missing))
            else:
                missing.append(f"data/tweets_media/{tid}-{base or '?'}")
        return out

    def _tweet(self, ctx: Context, root: str, path: str, i: int, entry: Any, kind: str) -> dict | None:
        t = entry.get("tweet", entry) if isinstance(entry, dict) else None
        if not isinstance(t, dict):
            ctx.report.error(path, "entri bukan objek tweet; dilewati", i)
            return None
        tid = str(t.get("id_str") or t.get("id") or "")
        if not tid:
            ctx.report.error(path, "tweet tanpa id; dilewati", i)
            return None
        created = parse_twitter_time(t.get("created_at"))
        text = html.unescape(str(t.get("full_text") or t.get("text") or ""))
        text = self._long_text(tid, created, text)
        missing: list[str] = []
        media = self._media(ctx, tid, t, missing)
        url = f"https://x.com/{ctx.handle or 'i/web'}/status/{tid}"
        extra: dict[str, Any] = {"media_missing": missing, "community": kind == "community" or None}
        if kind == "deleted":
            deleted = parse_twitter_time(t.get("deleted_at")) or parse_time(t.get("deleted_at"))
            extra["deleted_at"] = ctx.local(deleted) if deleted else text_or_none(t.get("deleted_at"))
        entities = t.get("entities") if isinstance(t.get("entities"), dict) else {}
        urls = [u.get("expanded_url") for u in as_list(entities.get("urls"))
                if isinstance(u, dict) and isinstance(u.get("expanded_url"), str)]
        rt = _RT.match(text)
        reply_to = t.get("in_reply_to_status_id_str") or t.get("in_reply_to_status_id")
        reply_user = str(t.get("in_reply_to_user_id_str") or t.get("in_reply_to_user_id") or "")
        quoted = next((m for m in (_STATUS.match(u) for u in urls) if m and m.group(1) != ctx.handle), None)
        if rt:
            target = {"author": "@" + rt.group(1), "text": rt.group(2).strip() or None, "media": [m for m in media if m]}
            return ctx.activity("repost", created, path=path, index=i, hint=tid, target=target, url=url, extra=extra)
        if reply_to and not (self.account_id and reply_user == self.account_id):
            screen = t.get("in_reply_to_screen_name")
            target = {"author": f"@{screen}" if screen else None,
                      "url": f"https://x.com/{screen or 'i/web'}/status/{reply_to}"}
            return ctx.activity("reply", created, path=path, index=i, hint=tid, text=text, media=media,
                                target=target, url=url, extra=extra)
        if quoted:
            target = {"author": "@" + quoted.group(1), "url": quoted.group(0)}
            return ctx.activity("repost", created, path=path, index=i, hint=tid, text=text, media=media,
                                target=target, url=url, extra=extra)
        return ctx.activity("post", created, path=path, index=i, hint=tid, text=text, media=media, url=url,
                            extra=extra)

    def _long_text(self, tid: str, created: datetime | None, text: str) -> str:
        """The note-tweet's full text when this tweet is its truncated form."""
        if len(self.notes_used) == len(self.notes):
            return text
        head = re.sub(r"\s*(…|\.\.\.)?\s*(https://t\.co/\w+)?\s*$", "", text)
        for k, (_, _, note) in enumerate(self.notes):
            if k in self.notes_used or not note:
                continue
            n_created, n_text, n_tweet = note
            same = n_tweet == tid if n_tweet else (
                created is not None and n_created is not None and abs((n_created - created).total_seconds()) < 2
                and _squash(n_text).startswith(_squash(head)[:100]))
            if same:
                self.notes_used.add(k)
                return n_text
        return text

    def _like(self, ctx: Context, path: str, i: int, entry: Any) -> dict | None:
        like = entry.get("like", entry) if isinstance(entry, dict) else None
        if not isinstance(like, dict) or not like.get("tweetId"):
            ctx.report.error(path, "entri suka tanpa tweetId; dilewati", i)
            return None
        tid = str(like["tweetId"])
        url = text_or_none(like.get("expandedUrl"))
        m = _STATUS.match(url or "")
        author = "@" + m.group(1) if m and m.group(1) not in ("i", "web") else None
        created = parse_time(like.get("likedAt"))
        estimated = created is None
        created = created or snowflake_time(tid)
        text = like.get("fullText")
        return ctx.activity("like", created, path=path, index=i, hint=f"like-{tid}",
                            target={"text": html.unescape(text) if isinstance(text, str) else None, "url": url,
                                    "author": author},
                            extra={"created_at_estimated": estimated or None})

    def _space(self, ctx: Context, path: str, i: int, entry: Any) -> dict | None:
        sp = pick(entry, "space", "spacesMetadata", default=entry) if isinstance(entry, dict) else None
        if not isinstance(sp, dict):
            ctx.report.error(path, "entri Spaces bukan objek; dilewati", i)
            return None
        creator = str(pick(sp, "creatorUserId", "creator_id") or "")
        hosts = [str(h) for h in as_list(pick(sp, "hostUserIds", "host_ids"))]
        if self.account_id and self.account_id != creator and self.account_id not in hosts:
            ctx.report.skip("x: Spaces yang hanya diikuti (bukan dipandu)")
            return None
        start = parse_time(pick(sp, "startedAt", "started_at")) or parse_time(pick(sp, "createdAt", "created_at"))
        end = parse_time(pick(sp, "endedAt", "ended_at"))
        sid = str(pick(sp, "id") or i)
        return ctx.activity("live", start, path=path, index=i, hint=f"space-{sid}",
                            text=text_or_none(pick(sp, "title")),
                            live=ctx.live_block(start, end) if start else None,
                            url=f"https://x.com/i/spaces/{sid}")


def _note(entry: Any) -> tuple[datetime | None, str, str | None] | None:
    n = entry.get("noteTweet", entry) if isinstance(entry, dict) else None
    if not isinstance(n, dict):
        return None
    core = pick(n, "core", "noteTweetResults", "noteTweetContents") or {}
    text = core.get("text") if isinstance(core, dict) else None
    if not isinstance(text, str) or not text.strip():
        return None
    tweet_id = n.get("tweetId")
    return parse_time(n.get("createdAt")), html.unescape(text), str(tweet_id) if tweet_id else None


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()
