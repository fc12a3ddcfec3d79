"""What Instagram and Facebook exports (both Meta's "Download your information") have in common.

Mojibake: Meta writes every non-ASCII character as its UTF-8 bytes, each escaped as ``\\u00XX``, so
``"\\u00f0\\u009f\\u0099\\u008f"`` decodes to four Latin-1 characters instead of one emoji. `repair`
turns such runs back into the text that was typed; strings that are already right stay as they are.

Labels: entries like ``string_map_data`` and ``label_values`` carry labels in the language of the
account ("Comment" / "Komentar", "Media Owner" / "Pemilik media"). Readers here go by structure (which
entry holds a timestamp, which holds text, which holds a URL) and use the labels only as a first hint.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

_RUN = re.compile(r"[\xc2-\xf4][\x80-\xbf]+")


def repair(s: str) -> str:
    """Undo Meta's Latin-1-escaped UTF-8 ('Ã©' -> 'é', 'ð\\x9f\\x99\\x8f' -> '🙏')."""
    if not s or s.isascii():
        return s
    try:
        return s.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass  # mixed text: repair only the runs that are UTF-8 byte sequences

    def fix(m: re.Match) -> str:
        try:
            return m.group(0).encode("latin-1").decode("utf-8")
        except UnicodeDecodeError:
            return m.group(0)
    return _RUN.sub(fix, s)


def repair_tree(obj: Any) -> Any:
    """`repair` applied to every string (keys too) of a decoded JSON document, without recursion."""
    root = [obj]
    stack: list[tuple[Any, Any]] = [(root, 0)]
    while stack:
        parent, key = stack.pop()
        v = parent[key]
        if isinstance(v, str):
            parent[key] = repair(v)
        elif isinstance(v, list):
            stack.extend((v, i) for i in range(len(v)))
        elif isinstance(v, dict):
            fixed = {(repair(k) if isinstance(k, str) else k): x for k, x in v.items()}
            parent[key] = fixed
            stack.extend((fixed, k) for k in fixed)
    return root[0]


def first_list(doc: Any) -> list:
    """The records of a Meta file: the document itself when it is a list, else the first list value of a
    top-level object (``{"comments_v2": [...]}``, ``{"ig_stories": [...]}``)."""
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        for v in doc.values():
            if isinstance(v, list):
                return v
    return []


def records(ctx, path: str) -> Iterator[tuple[int, Any]]:
    """A Meta file's records, one at a time, repaired (see `Context.records`)."""
    for i, rec in ctx.records(path):
        yield i, repair_tree(rec)


def is_url(v: Any) -> bool:
    return isinstance(v, str) and v.startswith(("http://", "https://"))


def string_map(entry: dict) -> tuple[list[tuple[str, str]], int | None]:
    """(label, value) pairs that carry text, in file order, and the entry's timestamp.

    Reads ``string_map_data`` ({label: {value, href, timestamp}}) and ``string_list_data``
    ([{value, href, timestamp}]); the timestamp is the first non-zero one found.
    """
    pairs: list[tuple[str, str]] = []
    ts = None
    smd = entry.get("string_map_data")
    items: list[tuple[str, Any]] = []
    if isinstance(smd, dict):
        items += list(smd.items())
    for d in entry.get("string_list_data") or []:
        items.append(("", d))
    for label, d in items:
        if not isinstance(d, dict):
            continue
        t = d.get("timestamp")
        if isinstance(t, (int, float)) and not isinstance(t, bool) and t > 0 and ts is None:
            ts = int(t)
        v = d.get("value")
        if isinstance(v, str) and v.strip():
            pairs.append((str(label), v))
        elif is_url(d.get("href")):
            pairs.append((str(label), d["href"]))
    return pairs, ts


def label_values(entry: dict) -> list[tuple[str, Any]]:
    """(label or title, value) of a ``label_values`` list, flattening nested ``dict`` groups."""
    out: list[tuple[str, Any]] = []
    stack = list(reversed(entry.get("label_values") or []))
    while stack:
        item = stack.pop()
        if not isinstance(item, dict):
            continue
        label = item.get("label") or item.get("title") or ""
        if "value" in item:
            out.append((label, item["value"]))
        elif is_url(item.get("href")):
            out.append((label, item["href"]))
        for sub in reversed(item.get("dict") or []):
            if isinstance(sub, dict):
                stack.append(sub)
        for v in item.get("vec") or []:
            if isinstance(v, dict) and "value" in v:
                out.append((label, v["value"]))
    return out
