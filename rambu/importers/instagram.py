"""Instagram "Download your information" (JSON format).

Three layouts are read; paths are below the export's root folder:

| layout | posts | stories, reels, archived posts |
|---|---|---|
| to 2022 | ``content/posts_1.json`` (``_2``, ...) | ``content/stories.json``, ``content/reels.json``, ``content/archived_posts.json`` |
| 2023-24 | ``your_instagram_activity/content/posts_1.json`` | beside it |
| 2025 | ``your_instagram_activity/media/posts_1.json`` | beside it |

| file | becomes |
|---|---|
| ``posts_N.json``: ``[{media: [{uri, creation_timestamp, title}], title, creation_timestamp}]`` | ``post``; caption = the post's ``title``, else ``media[0].title`` (single photos keep it there); media copied from ``uri`` |
| ``stories.json`` (``ig_stories``) | ``story`` with its photo or video |
| ``reels.json`` (``ig_reels_media``) | ``post`` with the video |
| ``archived_posts.json`` (``ig_archived_post_media``) | ``post`` with ``archived: true`` |
| ``likes/liked_posts.json``: old ``{likes_media_likes: [{title, string_list_data: [{href, timestamp}]}]}``, new ``[{timestamp, label_values}]`` | ``like``; target url and owner |
| ``likes/liked_comments.json`` (``likes_comment_likes``) | ``like`` of a comment |
| ``comments/post_comments_N.json``, ``comments/reels_comments.json``: ``string_map_data`` {Comment, Media Owner, Time} | ``comment``; target author = the media owner |
| ``personal_information/personal_information.json`` | the author's handle and name |

Text is repaired from Meta's mojibake (`meta.repair`). Labels in ``string_map_data`` follow the account
language; the comment is the entry labelled Comment/Komentar, else the first text entry, the owner the
one labelled Media Owner/Pemilik media, else the second. Everything else in the export (messages, saved
items, ads, logins) is known and not read.
"""
from __future__ import annotations

import os
from typing import Iterator

from .base import Context, Importer, as_list, from_unix, media_kind, roots_by_markers, some, text_or_none
from .meta import first_list, is_url, label_values, records, repair_tree, string_map

_ACT = r"^(your_instagram_activity/)?"
COMMENT_LABELS = ("comment", "komentar")
OWNER_LABELS = ("media owner", "pemilik media", "owner", "pemilik")
USERNAME_LABELS = ("username", "nama pengguna")
NAME_LABELS = ("name", "nama")


class Instagram(Importer):
    platform = "instagram"
    title = "Instagram"
    files = (
        (_ACT + r"(content|media)/posts_\d+\.json$", "post"),
        (_ACT + r"(content|media)/stories\.json$", "story"),
        (_ACT + r"(content|media)/reels\.json$", "post (reel)"),
        (_ACT + r"(content|media)/archived_posts\.json$", "post (diarsipkan)"),
        (_ACT + r"likes/liked_posts\.json$", "like"),
        (_ACT + r"likes/liked_comments\.json$", "like (komentar)"),
        (_ACT + r"comments/(post_comments(_\d+)?|reels_comments)\.json$", "comment"),
    )
    ignore = (r"^(ads_information|apps_and_websites_off_of_instagram|connections|logged_information|"
              r"personal_information|preferences|security_and_login_information|your_instagram_activity|"
              r"information_about_you|media|content|likes|comments|messages|saved|story_interactions|"
              r"recent_searches|login_and_account_creation|account_information|ads_and_businesses|"
              r"followers_and_following|monetization|past_instagram_insights|your_topics|notifications|"
              r"shopping|events|fundraisers|threads|files)/", r"^(start_here|index)\.html$")
    markers = (r"your_instagram_activity/[^/]+/[^/]+\.json", r"content/posts_\d+\.json", r"content/stories\.json",
               r"comments/post_comments(_\d+)?\.json", r"likes/liked_posts\.json")

    def roots(self, archive) -> list[str]:
        return roots_by_markers(archive, self.markers)

    def read(self, ctx: Context, root: str) -> Iterator[dict]:
        self._profile(ctx, root)
        readers = (self._posts, self._posts, self._posts, self._posts, self._likes, self._likes, self._comments)
        kinds = ("post", "story", "reel", "archived", "like", "like", "comment")
        for (pattern, _), reader, kind in zip(self.files, readers, kinds):
            for path in self.matching(ctx.archive, root, pattern):
                yield from reader(ctx, root, path, records(ctx, path), kind)

    def _profile(self, ctx: Context, root: str) -> None:
        for path in self.matching(ctx.archive, root, r"personal_information/personal_information\.json$"):
            doc = ctx.load_json(path)
            for rec in first_list(repair_tree(doc)) if doc is not None else []:
                pairs, _ = string_map(rec) if isinstance(rec, dict) else ([], None)
                for label, value in pairs:
                    if label.lower() in USERNAME_LABELS:
                        ctx.handle = value
                    elif label.lower() in NAME_LABELS:
                        ctx.name = value

    def _posts(self, ctx: Context, root: str, path: str, recs, kind: str) -> Iterator[dict]:
        stem = os.path.splitext(os.path.basename(path))[0]
        for i, rec in recs:
            items = [m for m in as_list(rec.get("media")) if isinstance(m, dict)] or ([rec] if "uri" in rec else [])
            created = from_unix(rec.get("creation_timestamp")) or next(
                (t for t in (from_unix(m.get("creation_timestamp")) for m in items) if t), None)
            caption = text_or_none(rec.get("title")) if items != [rec] else None
            caption = caption or next((t for t in (text_or_none(m.get("title")) for m in items) if t), None)
            missing: list[str] = []
            media = [ctx.media(ctx.find_member(root, m.get("uri")), missing=missing) for m in items]
            yield from some(ctx.activity("story" if kind == "story" else "post", created, path=path, index=i,
                                          hint=f"{stem}-{i}", text=caption, media=media,
                                          extra={"archived": kind == "archived" or None, "media_missing": missing}))

    def _likes(self, ctx: Context, root: str, path: str, recs, kind: str) -> Iterator[dict]:
        stem = os.path.splitext(os.path.basename(path))[0]
        for i, rec in recs:
            url = author = None
            created = from_unix(rec.get("timestamp"))
            for d in as_list(rec.get("string_list_data")):  # old: {title: owner, string_list_data: [{href, ...}]}
                if isinstance(d, dict):
                    url = url or (d.get("href") if is_url(d.get("href")) else None)
                    created = created or from_unix(d.get("timestamp"))
            author = text_or_none(rec.get("title"))
            lv = label_values(rec)  # new: [{label: URL, value}, {title: Owner, dict: [... Username ...]}]
            if lv:
                urls = [v for _, v in lv if is_url(v)]
                url = url or (urls[0] if urls else None)
                names = [(lab.lower(), v) for lab, v in lv if isinstance(v, str) and v.strip() and not is_url(v)]
                author = author or next((v for lab, v in names if lab in USERNAME_LABELS), None) or (
                    names[-1][1] if names else None)
            yield from some(ctx.activity("like", created, path=path, index=i, hint=f"{stem}-{i}",
                                          target={"url": url, "author": author},
                                          extra={"liked": "comment" if "comment" in stem else None}))

    def _comments(self, ctx: Context, root: str, path: str, recs, kind: str) -> Iterator[dict]:
        stem = os.path.splitext(os.path.basename(path))[0]
        for i, rec in recs:
            pairs, ts = string_map(rec)
            text = next((v for lab, v in pairs if lab.lower() in COMMENT_LABELS), None)
            owner = next((v for lab, v in pairs if lab.lower() in OWNER_LABELS), None)
            rest = [v for lab, v in pairs if v not in (text, owner)]
            text = text or (rest.pop(0) if rest else None)
            owner = owner or (rest.pop(0) if rest else None) or text_or_none(rec.get("title"))
            missing: list[str] = []
            media = [ctx.media(ctx.find_member(root, m.get("uri")), missing=missing)
                     for m in as_list(rec.get("media_list_data")) if isinstance(m, dict) and m.get("uri")
                     and media_kind(m["uri"])]
            yield from some(ctx.activity("comment", from_unix(ts), path=path, index=i, hint=f"{stem}-{i}",
                                          text=text, media=media, target={"author": owner},
                                          extra={"media_missing": missing}))
