"""Small facts about files on disk, shared by the engine, training and the web store."""
from __future__ import annotations

import hashlib
from pathlib import Path


def sha256_file(path: str | Path) -> tuple[str, int]:
    """SHA-256 (hex) and size in bytes of a file, read in blocks (never whole in memory)."""
    h, n = hashlib.sha256(), 0
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
            n += len(block)
    return h.hexdigest(), n
