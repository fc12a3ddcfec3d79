"""Reading JSON Lines batches: every line yields an activity or an error naming what and where."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import BinaryIO, Iterator

from .activity import Activity, ContractError, parse_activity


@dataclass(frozen=True, slots=True)
class LineError:
    line: int
    id: str | None
    message: str

    def to_dict(self) -> dict:
        return {"id": self.id, "line": self.line, "error": self.message}


def read_lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | LineError]]:
    """(line number, raw bytes) per non-blank line; over-long lines become errors without being held in memory."""
    n = 0
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            return
        n += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            size = len(raw)
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line in bounded pieces
                raw = stream.readline(1 << 20)
                size += len(raw)
            yield n, LineError(n, None, f"baris terlalu panjang ({size} byte; batas {max_bytes} byte)")
            continue
        if raw.strip():
            yield n, raw


def decode_line(n: int, raw: bytes, base_dir: str | None = None) -> Activity | LineError:
    if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw:
        return LineError(n, None, "berisi data biner (byte NUL), bukan JSON Lines")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        return LineError(n, None, f"bukan teks UTF-8 yang sah (byte ke-{e.start + 1}: {raw[e.start:e.start + 1]!r}); "
                                  "simpan berkas sebagai UTF-8")
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        return LineError(n, None, f"JSON tidak sah pada kolom {e.colno}: {_msg(e.msg)}")
    except RecursionError:
        return LineError(n, None, "JSON terlalu dalam bersarang")
    aid = obj.get("id") if isinstance(obj, dict) else None
    aid = str(aid) if isinstance(aid, (str, int)) and not isinstance(aid, bool) else None
    try:
        return parse_activity(obj, base_dir)
    except ContractError as e:
        return LineError(n, aid, str(e))


_JSON_MSGS = {
    "Expecting value": "nilai yang diharapkan tidak ada",
    "Expecting property name enclosed in double quotes": "nama kolom harus diapit tanda kutip ganda",
    "Unterminated string starting at": "teks tidak ditutup tanda kutip",
    "Extra data": "ada data tambahan setelah objek JSON",
    "Expecting ',' delimiter": "kurang tanda koma",
    "Expecting ':' delimiter": "kurang tanda titik dua",
    "Invalid control character at": "karakter kontrol tidak sah",
}


def _msg(m: str) -> str:
    return _JSON_MSGS.get(m, m)
