"""TikTok "Download your data" (JSON format): one file, ``user_data_tiktok.json`` (2024 on) or
``user_data.json`` (before).

Section and key names change between versions and in case ("Tiktok Live" / "TikTok Live", ``Date`` /
``date``, "Video" / "Post", "Activity" / "Your Activity" / "Likes and Favorites" since 2026), so keys
are compared without case, spaces or underscores and each section is looked up under every name it has
had.

| section | becomes |
|---|---|
| ``Post.Posts.VideoList`` (older ``Video.Videos.VideoList``): ``{Date, Link, Title}`` | ``post`` (text = title or description, url = link; the video itself is not in the export) |
| ``Comment.Comments.CommentsList``: ``{date, comment, url}`` | ``comment`` (target = the commented video when the export names it) |
| ``Like List.ItemFavoriteList`` (under "Your Activity", "Activity" or "Likes and Favorites"): ``{date, link}`` | ``like`` of the linked video |
| ``Favorite Videos.FavoriteVideoList`` | ``like`` with ``reaction: "favorite"`` |
| ``Reposts.RepostList`` | ``repost`` of the linked video |
| ``Share History.ShareHistoryList``: ``{Date, SharedContent, Link, Method}`` | ``share`` (``method``: where it was sent) |
| ``Tiktok Live.Go Live History.GoLiveList``: start, end, title | ``live`` with ``live.started_at`` / ``ended_at`` and ``uniform: null`` (rule 7) |
| ``Tiktok Live.Watch Live History.WatchLiveMap``: comments written in others' lives | ``comment`` with ``live_chat: true`` |
| ``Profile.Profile Information.ProfileMap.userName`` | the author's handle |

Times are UTC in the export (``2024-03-01 12:30:45``, sometimes with `` UTC`` or ISO ``Z``). Direct
messages, searches, logins and the watch history are not activities and are not read. The TXT
variant of the export (many ``.txt`` files) is recognised and refused with a request for the JSON one.
"""
from __future__ import annotations

import re
from datetime import timezone
from typing import Any, Iterator

from .base import (Context, Importer, as_list, norm_key, parse_time, pick, pick_item, roots_by_markers, some,
                   text_or_none)

ACTIVITY = ("Your Activity", "Activity", "Likes and Favorites")


def dig(obj: Any, *path: tuple[str, ...]) -> tuple[Any, str]:
    """Follow a path of sections, each given by all the names it has had: (value, path as found)."""
    found = []
    for names in path:
        key, obj = pick_item(obj, *names)
        if key is None:
            return None, ""
        found.append(key)
    return obj, "/".join(found)


def first_of(data: Any, *paths: tuple[tuple[str, ...], ...]) -> tuple[list, str]:
    """The first list found along the given paths, and the path it was found at (for the source)."""
    for path in paths:
        v, where = dig(data, *path)
        if isinstance(v, list):
            return v, where
    return [], ""


def _time(rec: dict, *names: str):
    return parse_time(pick(rec, *names), naive_tz=timezone.utc)


class TikTok(Importer):
    platform = "tiktok"
    title = "TikTok"
    files = ((r"(^|/)user_data(_tiktok)?\.json$", "post, comment, like, repost, share, live"),)
    ignore = ()
    markers = (r"user_data(_tiktok)?\.json",)

    def roots(self, archive) -> list[str]:
        return roots_by_markers(archive, self.markers)

    def read(self, ctx: Context, root: str) -> Iterator[dict]:
        paths = [p for p in self.matching(ctx.archive, root, self.files[0][0]) if "/" not in p[len(root):]]
        if not paths:
            txt = self.matching(ctx.archive, root, r"\.txt$")
            if txt:
                ctx.report.error(txt[0], "ekspor TikTok dalam format TXT tidak didukung; minta unduhan data "
                                         "dalam format JSON")
            return
        for path in paths:
            data = ctx.load_json(path)
            if data is None:
                continue
            if not isinstance(data, dict) or not any(norm_key(k) in _KNOWN for k in data):
                ctx.report.error(path, "bukan berkas data TikTok yang dikenal; dilewati")
                continue
            handle, _ = dig(data, ("Profile", "Profile And Settings"), ("Profile Information", "Profile Info"),
                            ("ProfileMap",), ("userName", "username"))
            ctx.handle = text_or_none(handle) or ctx.handle
            yield from self._section(ctx, path, data)

    def _section(self, ctx: Context, path: str, data: dict) -> Iterator[dict]:
        act = tuple(ACTIVITY)
        rows, where = first_of(data, (("Post", "Video"), ("Posts", "Videos"), ("VideoList",)))
        for i, r in ctx.objects(path, enumerate(rows), where):
            yield from some(ctx.activity("post", _time(r, "Date", "CreateTime"), path=path, index=i, section=where,
                                         hint=f"post-{i}", url=text_or_none(pick(r, "Link", "VideoLink")),
                                         text=text_or_none(pick(r, "Title", "Description", "Desc", "Caption"))))
        rows, where = first_of(data, (("Comment",), ("Comments",), ("CommentsList",)), (("Comment",), ("CommentsList",)))
        for i, r in ctx.objects(path, enumerate(rows), where):
            target = {"url": text_or_none(pick(r, "original post link", "originalPostUrl", "Url", "Link",
                                               "VideoLink"))}
            yield from some(ctx.activity("comment", _time(r, "date"), path=path, index=i, section=where,
                                         hint=f"comment-{i}", text=text_or_none(pick(r, "comment", "Content")),
                                         target=target))
        for names, key, kind, reaction in (
                (("Like List",), ("ItemFavoriteList",), "like", None),
                (("Favorite Videos",), ("FavoriteVideoList",), "like", "favorite"),
                (("Reposts",), ("RepostList",), "repost", None),
                (("Share History",), ("ShareHistoryList",), "share", None)):
            rows, where = first_of(data, *((sec, names, key) for sec in ((a,) for a in act)))
            for i, r in ctx.objects(path, enumerate(rows), where):
                extra = {"reaction": reaction, "method": text_or_none(pick(r, "Method")) if kind == "share" else None}
                yield from some(ctx.activity(kind, _time(r, "date"), path=path, index=i, section=where,
                                             hint=f"{norm_key(names[0])}-{i}", extra=extra,
                                             target={"url": text_or_none(pick(r, "link", "VideoLink", "Url"))}))
        live_key, live = pick_item(data, "Tiktok Live", "TikTok Live", "Live")
        rows, where = first_of(live, (("Go Live History",), ("GoLiveList",)))
        where = f"{live_key}/{where}" if where else where
        for i, r in ctx.objects(path, enumerate(rows), where):
            start, end, title, room = _live_fields(r)
            yield from some(ctx.activity("live", start, path=path, index=i, section=where, hint=f"live-{room or i}",
                                         text=title, live=ctx.live_block(start, end) if start else None,
                                         url=text_or_none(pick(r, "ReplayUrl", "Link"))))
        watched, watched_at = dig(live, ("Watch Live History",), ("WatchLiveMap",))
        for room, w in (watched.items() if isinstance(watched, dict) else ()):
            if not isinstance(w, dict):
                continue
            for i, c in enumerate(as_list(pick(w, "Comments"))):
                if not isinstance(c, dict):
                    continue
                yield from some(ctx.activity("comment", _time(c, "CommentTime", "Date"), path=path, index=i,
                                             section=f"{live_key}/{watched_at}/{room}", hint=f"livechat-{room}-{i}",
                                             text=text_or_none(pick(c, "CommentContent", "Comment", "Content")),
                                             target={"url": text_or_none(pick(w, "Link"))}, extra={"live_chat": True}))


_KNOWN = {norm_key(k) for k in ("Your Activity", "Activity", "Video", "Post", "Comment", "Profile",
                                 "Profile And Settings", "Tiktok Live", "Likes and Favorites", "App Settings",
                                 "Direct Messages", "Direct Message", "Ads and data", "Tiktok Shopping")}


def _live_fields(r: dict):
    """(start, end, title, room id) of a Go Live entry, whatever the keys are called in this version."""
    start = end = title = room = None
    for k, v in r.items():
        n = norm_key(k)
        if start is None and re.search(r"(^|live)start(ed)?(time|at)?$", n):
            start = parse_time(v, naive_tz=timezone.utc)
        elif end is None and re.search(r"(^|live)end(ed)?(time|at)?$", n):
            end = parse_time(v, naive_tz=timezone.utc)
        elif title is None and re.search(r"(^|room|live)title$", n):
            title = text_or_none(v)
        elif room is None and n == "roomid":
            room = str(v)
    return start, end, title, room
