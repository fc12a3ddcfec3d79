"""The fact-check register (contract section 3): loading and validation.

A register is a CSV file (header ``id,claim,verdict,source,published``; a
``;`` or tab separator is recognised from the header) or JSON Lines (one
object per line). Every entry becomes an immutable :class:`FactCheck`.

Problems are reported in Indonesian with the file, the line and the field,
because officers maintain these files by hand::

    register.csv baris 7, kolom published: bukan tanggal YYYY-MM-DD ('kemarin')

``load_register(path)`` stops at the first bad row (``RegisterError``);
``load_register(path, strict=False)`` keeps every good row and collects the
errors of the bad ones, so nothing that was accepted is lost. Unknown verdicts
and an empty source are warnings: the row is kept.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

FIELDS = ("id", "claim", "verdict", "source", "published")
REQUIRED = ("id", "claim", "verdict", "published")

# Verdict spellings seen in Indonesian fact-checks -> category.
#   salah   : the claim is false or misleading (counts for rule 4)
#   satire  : satire or parody (a human decides)
#   benar   : the claim is true (never counts)
VERDICTS: Mapping[str, str] = {
    "hoaks": "salah", "hoax": "salah", "hoaxs": "salah", "hoaxes": "salah", "hoks": "salah",
    "disinformasi": "salah", "misinformasi": "salah", "malinformasi": "salah",
    "salah": "salah", "keliru": "salah", "palsu": "salah", "menyesatkan": "salah",
    "fitnah": "salah", "bohong": "salah", "berita bohong": "salah", "false": "salah",
    "misleading": "salah", "fake": "salah", "konten palsu": "salah", "konten menyesatkan": "salah",
    "konten yang menyesatkan": "salah", "konten yang dimanipulasi": "salah",
    "konten manipulasi": "salah", "konten tiruan": "salah", "koneksi yang salah": "salah",
    "konteks yang salah": "salah", "konten yang salah": "salah", "sebagian benar": "salah",
    "separuh benar": "salah", "half truth": "salah", "tidak terbukti": "salah",
    "satire": "satire", "satir": "satire", "parodi": "satire", "satire atau parodi": "satire",
    "benar": "benar", "fakta": "benar", "true": "benar", "sahih": "benar",
}
KNOWN_VERDICTS = tuple(sorted({"hoaks", "disinformasi", "misinformasi", "satire", "benar", *VERDICTS}))

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Entries of one day share one date object: a register of a million claims has a few thousand days.
_day = lru_cache(maxsize=4096)(date.fromisoformat)


@dataclass(frozen=True, slots=True)
class FactCheck:
    """One register entry. ``verdict`` is lower-cased as written; ``category`` groups it."""

    id: str
    claim: str
    verdict: str
    source: str = ""
    published: date | None = None
    file: str | None = None
    line: int | None = None

    def __post_init__(self) -> None:
        # Entries built in code may pass the date as text and the verdict in any case.
        if isinstance(self.published, str):
            object.__setattr__(self, "published", _day(self.published) if self.published else None)
        v = " ".join(str(self.verdict).lower().split())
        if v != self.verdict:
            object.__setattr__(self, "verdict", v)

    @property
    def category(self) -> str:
        """``salah`` (false or misleading), ``satire``, ``benar`` or ``tidak dikenal``."""
        return verdict_category(self.verdict)

    @property
    def is_false(self) -> bool:
        return self.category == "salah"

    def cite(self) -> str:
        """The entry as cited in an explanation (Indonesian)."""
        when = f", {self.published.isoformat()}" if self.published else ""
        src = self.source or "sumber tidak dicatat"
        return f"{self.id} \"{self.claim}\" (putusan: {self.verdict}; sumber: {src}{when})"

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "claim": self.claim, "verdict": self.verdict, "source": self.source,
                "published": self.published.isoformat() if self.published else None}


def verdict_category(verdict: str) -> str:
    v = " ".join(verdict.lower().replace("_", " ").replace("-", " ").split())
    if v in VERDICTS:
        return VERDICTS[v]
    if v.startswith(("hoaks", "hoax", "disinformasi", "misinformasi")):
        return "salah"
    return "tidak dikenal"


def _where(file: str | None, line: int | None, field: str | None) -> str:
    parts = [file or "register"]
    if line is not None:
        parts.append(f" baris {line}")
    if field:
        parts.append(f"{',' if line is not None else ''} kolom {field}")
    return "".join(parts)


class RegisterError(ValueError):
    """A bad register row: the message names the file, the line and the field (Indonesian)."""

    def __init__(self, file: str | None, line: int | None, field: str | None, message: str):
        super().__init__(f"{_where(file, line, field)}: {message}")
        self.file = file
        self.line = line
        self.field = field
        self.message = message


@dataclass(frozen=True, slots=True)
class RegisterWarning:
    """Something odd in a row that was kept (unknown verdict, empty source)."""

    file: str | None
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        return f"{_where(self.file, self.line, self.field)}: {self.message}"


@dataclass(frozen=True)
class LoadedRegister:
    entries: tuple[FactCheck, ...]
    errors: tuple[RegisterError, ...] = ()
    warnings: tuple[RegisterWarning, ...] = ()
    file: str | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[FactCheck]:
        return iter(self.entries)

    def __getitem__(self, i: int) -> FactCheck:
        return self.entries[i]

    @property
    def ok(self) -> bool:
        return not self.errors


class _Collector:
    def __init__(self, file: str | None, strict: bool):
        self.file = file
        self.strict = strict
        self.errors: list[RegisterError] = []
        self.warnings: list[RegisterWarning] = []

    def error(self, line: int | None, field: str | None, message: str) -> None:
        e = RegisterError(self.file, line, field, message)
        if self.strict:
            raise e
        self.errors.append(e)

    def warn(self, line: int | None, field: str | None, message: str) -> None:
        self.warnings.append(RegisterWarning(self.file, line, field, message))


def _show(v: Any, limit: int = 60) -> str:
    s = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
    return repr(s[:limit] + ("..." if len(s) > limit else ""))


def _typename(v: Any) -> str:
    return {str: "teks", int: "angka", float: "angka", bool: "boolean", list: "daftar",
            dict: "objek", type(None): "null"}.get(type(v), type(v).__name__)


def parse_row(row: Mapping[str, Any], line: int | None, col: _Collector) -> FactCheck | None:
    """Validate one row; report through `col` and return None when it is bad."""
    ok = True
    values: dict[str, str] = {}
    for name in FIELDS:
        v = row.get(name)
        if v is None:
            v = ""
        if isinstance(v, bool) or not isinstance(v, (str, int, float)):
            col.error(line, name, f"harus teks, bukan {_typename(v)}")
            ok = False
            v = ""
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            if name != "id":
                col.error(line, name, f"harus teks, bukan {_typename(v)}")
                ok = False
            v = str(v)
        values[name] = " ".join(v.split()) if name == "claim" else v.strip()
    if not values["id"]:
        col.error(line, "id", "wajib diisi (kosong)")
        ok = False
    if not values["claim"]:
        col.error(line, "claim", "klaim kosong")
        ok = False
    elif not any(c.isalnum() for c in values["claim"]):
        col.error(line, "claim", f"klaim tanpa kata ({_show(values['claim'])})")
        ok = False
    verdict = " ".join(values["verdict"].lower().split())
    if not verdict:
        col.error(line, "verdict", "wajib diisi (kosong); contoh: hoaks, disinformasi, misinformasi, satire, benar")
        ok = False
    published: date | None = None
    raw_date = values["published"]
    if not raw_date:
        col.error(line, "published", "wajib diisi (kosong); format YYYY-MM-DD")
        ok = False
    elif not _DATE_RE.fullmatch(raw_date):
        col.error(line, "published", f"bukan tanggal YYYY-MM-DD ({_show(raw_date)})")
        ok = False
    else:
        try:
            published = _day(raw_date)
        except ValueError:
            col.error(line, "published", f"tanggal tidak ada di kalender ({_show(raw_date)})")
            ok = False
    if not ok:
        return None
    if verdict_category(verdict) == "tidak dikenal":
        col.warn(line, "verdict", f"putusan tidak dikenal ({_show(verdict)}); baris tetap dimuat dan "
                                  "kecocokannya hanya ditandai untuk ditinjau")
    if not values["source"]:
        col.warn(line, "source", "sumber kosong; baris tetap dimuat")
    return FactCheck(values["id"], values["claim"], verdict, values["source"], published, col.file, line)


def _csv_rows(text: str, col: _Collector) -> Iterator[tuple[int, dict[str, Any]]]:
    first = text.split("\n", 1)[0]
    delim = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as e:
        col.error(1, None, f"kepala CSV tidak terbaca ({e})")
        return
    names = [h.strip().lower().lstrip("\ufeff") for h in header]
    missing = [f for f in ("id", "claim", "verdict", "published") if f not in names]
    if missing:
        # Without these columns no row can be read: always fatal.
        raise RegisterError(col.file, 1, missing[0],
                            f"kolom wajib tidak ada di kepala CSV (ada: {', '.join(n for n in names if n) or '-'}; "
                            f"wajib: {', '.join(FIELDS)})")
    end_line = reader.line_num
    while True:
        start_line = end_line + 1
        try:
            rec = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            end_line = reader.line_num
            col.error(start_line, None, f"baris CSV tidak terbaca ({e})")
            continue
        end_line = reader.line_num
        if not rec or all(not c.strip() for c in rec):
            continue
        if len(rec) > len(names) and any(c.strip() for c in rec[len(names):]):
            col.error(start_line, None, f"{len(rec)} kolom, kepala hanya {len(names)} "
                                        "(tanda kutip atau pemisah yang salah?)")
            continue
        yield start_line, {n: (rec[i] if i < len(rec) else None) for i, n in enumerate(names) if n}


def _jsonl_rows(text: str, col: _Collector) -> Iterator[tuple[int, dict[str, Any]]]:
    for n, raw in enumerate(text.splitlines(), start=1):
        s = raw.strip()
        if not s or s.startswith("//"):
            continue
        try:
            obj = json.loads(s)
        except json.JSONDecodeError as e:
            col.error(n, None, f"bukan JSON yang sah ({e.msg}, kolom karakter {e.colno})")
            continue
        if not isinstance(obj, dict):
            col.error(n, None, f"harus objek JSON, bukan {_typename(obj)}")
            continue
        yield n, obj


def _json_array_rows(text: str, col: _Collector) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise RegisterError(col.file, e.lineno, None, f"bukan JSON yang sah ({e.msg})") from None
    # Array entries have no line of their own: count entries instead (1-based).
    for i, obj in enumerate(data, start=1):
        if not isinstance(obj, dict):
            col.error(i, None, f"entri ke-{i} harus objek JSON, bukan {_typename(obj)}")
            continue
        yield i, obj


def parse_register(text: str, name: str | None = None, fmt: str | None = None, strict: bool = True) -> LoadedRegister:
    """Parse register text. `fmt` is ``csv`` or ``jsonl`` (guessed from the content when None)."""
    col = _Collector(name, strict)
    text = text.lstrip("\ufeff")
    head = text.lstrip()[:1]
    if fmt is None:
        fmt = "json" if head == "[" else "jsonl" if head == "{" else "csv"
    if fmt == "jsonl" and head == "[":
        fmt = "json"
    rows = (_csv_rows if fmt == "csv" else _json_array_rows if fmt == "json" else _jsonl_rows)(text, col)
    entries: list[FactCheck] = []
    seen: dict[str, int | None] = {}
    for line, row in rows:
        fc = parse_row(row, line, col)
        if fc is None:
            continue
        if fc.id in seen:
            first = seen[fc.id]
            col.error(line, "id", f"id ganda {fc.id!r} (sudah dipakai di baris {first}); baris ini diabaikan")
            continue
        seen[fc.id] = line
        entries.append(fc)
    return LoadedRegister(tuple(entries), tuple(col.errors), tuple(col.warnings), name)


def load_register(path: str | Path, strict: bool = True, encoding: str = "utf-8", *,
                  collect_errors: bool | None = None) -> LoadedRegister:
    """Load a register file (CSV or JSON Lines, by extension, else by content).

    With ``strict`` (default) the first bad row raises :class:`RegisterError`;
    with ``strict=False`` (or ``collect_errors=True``) bad rows are collected in
    ``.errors`` and the good rows are kept.
    """
    if collect_errors is not None:
        strict = not collect_errors
    p = Path(path)
    name = str(path)
    try:
        text = p.read_text(encoding=encoding)
    except FileNotFoundError:
        raise RegisterError(name, None, None, "berkas register tidak ditemukan") from None
    except IsADirectoryError:
        raise RegisterError(name, None, None, "bukan berkas (folder)") from None
    except UnicodeDecodeError as e:
        line = p.read_bytes()[: e.start].count(b"\n") + 1
        raise RegisterError(name, line, None, f"bukan teks {encoding} yang sah (byte ke-{e.start})") from None
    ext = p.suffix.lower()
    fmt = "csv" if ext in (".csv", ".tsv") else "jsonl" if ext in (".jsonl", ".ndjson", ".json") else None
    return parse_register(text, name, fmt, strict)


def entries_from(items: Iterable[FactCheck | Mapping[str, Any]]) -> tuple[FactCheck, ...]:
    """FactChecks from built entries or plain mappings (database rows, API bodies).

    Lenient, because these rows were validated when they were stored: a row without id or
    claim is skipped, a missing or malformed date becomes None, a repeated id keeps the first.
    """
    out: list[FactCheck] = []
    seen: set[str] = set()
    for it in items:
        if not isinstance(it, FactCheck):
            it = _from_mapping(it)
            if it is None:
                continue
        if it.id in seen:
            continue
        seen.add(it.id)
        out.append(it)
    return tuple(out)


def _from_mapping(d: Mapping[str, Any]) -> FactCheck | None:
    fid = str(d.get("id") if d.get("id") is not None else "").strip()
    claim = " ".join(str(d.get("claim") or "").split())
    if not fid or not claim:
        return None
    pub = d.get("published")
    if isinstance(pub, str):
        pub = pub.strip()
        try:
            pub = _day(pub) if _DATE_RE.fullmatch(pub) else None
        except ValueError:
            pub = None
    elif not isinstance(pub, date):
        pub = None
    return FactCheck(fid, claim, str(d.get("verdict") or ""), str(d.get("source") or "").strip(), pub)
