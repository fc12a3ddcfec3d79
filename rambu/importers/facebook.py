"""Facebook "Download your information" (JSON format).

Paths are below the export's root; since 2024 they sit in ``your_facebook_activity/``, before that at
the top (``posts/your_posts_1.json``). Large exports are split (``_1``, ``_2``, ...).

| file | becomes |
|---|---|
| ``posts/your_posts__check_ins__photos_and_videos_N.json`` (2024-), ``posts/your_posts_N.json`` (older): ``[{timestamp, data: [{post}], attachments: [{data: [{media}, {external_context}]}], title}]`` | ``post`` (own text, photos, videos); ``share`` when it carries a link and no own media (target: the link and its title) |
| ``posts/album/N.json`` (``photos``), ``posts/your_uncategorized_photos.json``, ``posts/your_videos.json`` (``videos_v2``) | ``post`` with the photo or video, unless the same file was already part of a post |
| ``comments_and_reactions/comments.json`` (``comments_v2``; older ``comments/comments.json``) | ``comment`` (the comment, its photo or link; ``group`` when in a group) |
| ``comments_and_reactions/likes_and_reactions_N.json`` (``data: [{reaction: {reaction}}]``), ``likes_and_reactions.json`` (``label_values``), older ``likes_and_reactions/posts_and_comments.json`` (``reactions_v2``) | ``like`` (LIKE, CARE, HAHA, WOW), ``love`` (LOVE), ``dislike`` (SAD, ANGRY); the raw reaction is kept in ``reaction`` |
| ``groups/your_posts_in_groups.json``, ``groups/group_posts_and_comments.json`` (``group_posts_v2``) | ``post`` or ``comment`` with ``group`` |
| ``groups/your_comments_in_groups.json`` (``group_comments_v2``) | ``comment`` with ``group`` |
| ``profile_information/profile_information.json`` | the author's name |

Text is repaired from Meta's mojibake. The human ``title`` of an entry ("Budi commented on Siti's post.",
localised) is not parsed; it is kept as ``context`` for the reviewer. Structure decides the type.
"""
from __future__ import annotations

import os
import re
from typing import Iterator

from .base import Context, Importer, as_list, from_unix, media_kind, roots_by_markers, some, text_or_none
from .meta import first_list, is_url, label_values, records, repair_tree

_ACT = r"^(your_facebook_activity/)?"
# Reaction -> contract type; by meaning: approval, affection, disapproval.
REACTIONS = {"LIKE": "like", "CARE": "like", "HAHA": "like", "WOW": "like", "LOVE": "love", "SAD": "dislike",
             "ANGRY": "dislike"}
REACTION_LABELS = ("reaction", "reaksi", "tanggapan")


class Facebook(Importer):
    platform = "facebook"
    title = "Facebook"
    files = (
        (_ACT + r"posts/your_posts(__check_ins__photos_and_videos)?_\d+\.json$", "post / share"),
        (_ACT + r"groups/(your_posts_in_groups|group_posts_and_comments)\.json$", "post / comment (grup)"),
        (_ACT + r"groups/your_comments_in_groups\.json$", "comment (grup)"),
        (_ACT + r"comments(_and_reactions)?/comments\.json$", "comment"),
        (_ACT + r"(comments_and_reactions/likes_and_reactions(_\d+)?|likes_and_reactions/posts_and_comments)"
         r"\.json$", "like / love / dislike"),
        (_ACT + r"posts/(album/\d+|your_uncategorized_photos|your_videos)\.json$", "post (foto/video)"),
    )
    ignore = (r"^(ads_information|apps_and_websites_off_of_facebook|connections|logged_information|"
              r"personal_information|preferences|security_and_login_information|your_facebook_activity|"
              r"activity_messages|facebook_accounts_center|profile_information|messages|photos_and_videos|"
              r"friends|likes_and_reactions|comments|posts|groups|events|pages|other_activity|"
              r"your_activity_across_facebook|search|location|stories|saved_items_and_collections)/",
              r"^(start_here|index)\.html$")
    markers = (r"your_facebook_activity/[^/]+/.+\.json", r"posts/your_posts_\d+\.json",
               r"likes_and_reactions/posts_and_comments\.json")

    def roots(self, archive) -> list[str]:
        return roots_by_markers(archive, self.markers)

    def read(self, ctx: Context, root: str) -> Iterator[dict]:
        self._profile(ctx, root)
        seen_media: set[str] = set()
        readers = (self._entries, self._entries, self._entries, self._entries, self._reactions)
        for (pattern, _), reader in zip(self.files, readers):
            for path in self.matching(ctx.archive, root, pattern):
                yield from reader(ctx, root, path, records(ctx, path), seen_media)
        for path in self.matching(ctx.archive, root, self.files[-1][0]):  # small files: album name beside photos
            doc = ctx.load_json(path)
            if doc is not None:
                yield from self._photos(ctx, root, path, repair_tree(doc), seen_media)

    def _profile(self, ctx: Context, root: str) -> None:
        for path in self.matching(ctx.archive, root, r"profile_information/profile_information\.json$"):
            doc = ctx.load_json(path)
            doc = repair_tree(doc) if isinstance(doc, dict) else {}
            profile = doc.get("profile_v2") or doc.get("profile")
            name = profile.get("name") if isinstance(profile, dict) else None
            if isinstance(name, dict) and text_or_none(name.get("full_name")):
                ctx.name = name["full_name"].strip()

    def _entries(self, ctx: Context, root: str, path: str, recs, seen_media: set[str]) -> Iterator[dict]:
        """Posts, comments and group entries: one shape, told apart by what their data holds."""
        stem = os.path.splitext(os.path.basename(path))[0]
        for i, rec in recs:
            posts, comment = [], None
            for d in as_list(rec.get("data")):
                if isinstance(d, dict):
                    if text_or_none(d.get("post")):
                        posts.append(d["post"].strip())
                    if isinstance(d.get("comment"), dict):
                        comment = d["comment"]
            missing: list[str] = []
            media, links, descriptions = [], [], []
            for att in as_list(rec.get("attachments")):
                for d in as_list(att.get("data")) if isinstance(att, dict) else []:
                    if not isinstance(d, dict):
                        continue
                    m = d.get("media")
                    if isinstance(m, dict):
                        member = ctx.find_member(root, m.get("uri"))
                        if member:
                            seen_media.add(member)
                        media.append(ctx.media(member, missing=missing))
                        if text_or_none(m.get("description")):
                            descriptions.append(m["description"].strip())
                    ext = d.get("external_context")
                    if isinstance(ext, dict) and is_url(ext.get("url")):
                        links.append(ext)
            extra = {"group": text_or_none((comment or {}).get("group")),
                     "in_group": True if re.search(r"(^|/)groups/", path) else None,
                     "context": text_or_none(rec.get("title")), "media_missing": missing}
            created = from_unix(rec.get("timestamp"))
            if comment is not None:
                created = created or from_unix(comment.get("timestamp"))
                target = {"url": links[0]["url"], "text": text_or_none(links[0].get("name"))} if links else None
                yield from some(ctx.activity("comment", created, path=path, index=i, hint=f"{stem}-{i}",
                                             text=text_or_none(comment.get("comment")), media=media,
                                             target=target, extra=extra))
                continue
            text = "\n".join(posts) or ("\n".join(descriptions) if descriptions else None)
            if links and not any(media):
                ext = links[0]
                target = {"url": ext["url"], "text": text_or_none(ext.get("name")),
                          "author": text_or_none(ext.get("source"))}
                yield from some(ctx.activity("share", created, path=path, index=i, hint=f"{stem}-{i}", text=text,
                                             target=target, extra=extra))
            elif text or any(media) or missing:
                yield from some(ctx.activity("post", created, path=path, index=i, hint=f"{stem}-{i}", text=text,
                                             media=media, extra=extra))
            else:
                ctx.report.skip("facebook: entri tanpa isi (check-in, peristiwa hidup)")

    def _reactions(self, ctx: Context, root: str, path: str, recs, seen_media: set[str]) -> Iterator[dict]:
        stem = os.path.splitext(os.path.basename(path))[0]
        for i, rec in recs:
            reaction, url, name = None, None, None
            for d in as_list(rec.get("data")):  # older: data: [{reaction: {reaction: "LIKE", actor}}]
                if isinstance(d, dict) and isinstance(d.get("reaction"), dict):
                    reaction = d["reaction"].get("reaction")
            for label, value in label_values(rec):  # newer: label_values [{Reaction}, {URL}, {Name}]
                if not isinstance(value, str):
                    continue
                if label.lower() in REACTION_LABELS or (reaction is None and value.upper() in REACTIONS):
                    reaction = reaction or value
                elif is_url(value):
                    url = url or value
                elif value.strip():
                    name = name or value.strip()
            kind = REACTIONS.get(str(reaction or "LIKE").upper().strip(), "like")
            yield from some(ctx.activity(kind, from_unix(rec.get("timestamp")), path=path, index=i,
                                         hint=f"{stem}-{i}", target={"url": url, "author": name},
                                         extra={"reaction": reaction, "context": text_or_none(rec.get("title"))}))

    def _photos(self, ctx: Context, root: str, path: str, doc, seen_media: set[str]) -> Iterator[dict]:
        """Album photos, uncategorised photos and videos not already part of a post."""
        stem = os.path.splitext(os.path.basename(path))[0]
        items = doc.get("photos") if isinstance(doc, dict) and isinstance(doc.get("photos"), list) else first_list(doc)
        album = text_or_none(doc.get("name")) if isinstance(doc, dict) else None
        for i, m in ctx.objects(path, enumerate(items)):
            member = ctx.find_member(root, m.get("uri"))
            if member in seen_media:
                ctx.report.skip("facebook: foto/video yang sudah termasuk kiriman")
                continue
            if member:
                seen_media.add(member)
            missing: list[str] = []
            media = ctx.media(member, kind=media_kind(member or "") or "image", missing=missing)
            yield from some(ctx.activity("post", from_unix(m.get("creation_timestamp")), path=path, index=i,
                                         hint=f"{stem}-{i}", text=text_or_none(m.get("description")),
                                         media=[media], extra={"album": album, "media_missing": missing}))
