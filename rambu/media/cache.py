"""Extraction results cached by the file's SHA-256 and the extractors' signature (versions and settings).

A file is processed once: the same meme shared by fifty accounts, or the same
batch screened again, is read from the cache. Entries are small JSON files
written atomically (write then rename), so worker processes can share a folder.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path

from ..files import sha256_file
from .extracted import Extraction


def file_sha256(path: str) -> str:
    return sha256_file(path)[0]


def default_folder(setting: str) -> str | None:
    """The cache folder from the setting: "" = RAMBU_MEDIA_CACHE or the user's cache folder; "off" = none."""
    if setting.strip().lower() == "off":
        return None
    if setting.strip():
        return setting
    env = os.environ.get("RAMBU_MEDIA_CACHE")
    if env:
        return None if env.lower() == "off" else env
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "rambu", "media")


class MediaCache:
    def __init__(self, folder: str | None, memory_items: int = 512):
        self.folder = Path(folder) if folder else None
        self._memory: OrderedDict[str, Extraction] = OrderedDict()
        self._size = memory_items
        self._lock = threading.Lock()

    @staticmethod
    def key(sha256: str, signature: str) -> str:
        return f"{sha256}-{hashlib.sha256(signature.encode()).hexdigest()[:16]}"

    def get(self, key: str) -> Extraction | None:
        with self._lock:
            hit = self._memory.get(key)
            if hit is not None:
                self._memory.move_to_end(key)
                return hit
        if self.folder is None:
            return None
        p = self.folder / key[:2] / f"{key}.json"
        try:
            ext = Extraction.from_json(json.loads(p.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None  # absent, or a damaged entry: extract again
        self._remember(key, ext)
        return ext

    def put(self, key: str, ext: Extraction) -> None:
        self._remember(key, ext)
        if self.folder is None:
            return
        d = self.folder / key[:2]
        try:
            d.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=d, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(ext.to_json(), f, ensure_ascii=False)
            os.replace(tmp, d / f"{key}.json")
        except OSError:
            pass  # a read-only or full cache folder costs speed, not results

    def _remember(self, key: str, ext: Extraction) -> None:
        with self._lock:
            self._memory[key] = ext
            self._memory.move_to_end(key)
            while len(self._memory) > self._size:
                self._memory.popitem(last=False)
