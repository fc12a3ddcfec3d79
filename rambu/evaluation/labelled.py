"""Labelled items for `rambu evaluate`: what should be found, read from JSON Lines or CSV.

JSON Lines: one contract activity per line plus ``expected_rules`` (the rules
a correct screening finds; ``[]`` = a clean item), optionally
``unknown_rules`` (rules whose truth nobody checked: neither right nor wrong),
``clean`` (false when the item is harmful in a way no rule covers; default:
true when nothing is expected) and ``source`` (for per-source figures).

CSV: a text column (``text``, or ``--text-column``) and a ``rules`` column
("1;2", "" = clean). The public data sets under ``../shared/data`` are
recognised by their header and mapped by a preset (`PRESETS`): their
annotations say which rule each row breaks.

Bad lines and rows are reported with file, line and field; the rest is read.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Mapping

from ..contract.activity import ContractError, parse_activity

CREATED_AT = "2025-03-11T20:15:00+07:00"  # CSV rows have no time: an evening, off duty


@dataclass(frozen=True)
class Labelled:
    id: str
    activity: Mapping  # a contract activity (dict)
    expected: frozenset[int]
    unknown: frozenset[int] = frozenset()
    clean: bool = True  # harmless: counts for the false-accusation rate
    source: str = ""
    line: int = 0


@dataclass(frozen=True)
class LabelError:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: baris {self.line}, kolom {self.field}: {self.message}"


@dataclass(frozen=True)
class Preset:
    """How a known CSV data set says which rules a row breaks."""

    name: str
    text_column: str
    header: frozenset[str]  # columns that identify the file
    rules: Callable[[Mapping[str, str]], tuple[frozenset[int], frozenset[int], bool]]  # expected, unknown, clean
    delimiter: str = ","


def _flag(row: Mapping[str, str], col: str) -> bool:
    return str(row.get(col, "0")).strip() in ("1", "1.0")


def _ibrohim(row):
    sara = _flag(row, "HS_Religion") or _flag(row, "HS_Race")
    hs = _flag(row, "HS")
    # hate against the state is not annotated: rule 1 is unknown on hateful tweets
    return (frozenset({2} if sara else ()), frozenset({1} if hs else ()),
            not (hs or _flag(row, "Abusive")))


def _netifier(row):
    exp = {r for r, col in ((1, "radikalisme"), (2, "sara")) if _flag(row, col)}
    clean = not any(_flag(row, c) for c in ("sara", "radikalisme", "pornografi", "pencemaran_nama_baik"))
    return frozenset(exp), frozenset(), clean


def _pratiwi(row):
    hoax = str(row.get("tagging", "")).strip().lower() == "hoax"
    return frozenset({4} if hoax else ()), frozenset(), not hoax


PRESETS: dict[str, Preset] = {p.name: p for p in (
    Preset("ibrohim2019", "Tweet", frozenset({"Tweet", "HS", "HS_Religion", "HS_Race"}), _ibrohim),
    Preset("netifier", "original_text", frozenset({"original_text", "sara", "radikalisme"}), _netifier),
    Preset("pratiwi2017", "berita", frozenset({"berita", "tagging"}), _pratiwi, delimiter=";"),
)}


def _rules_column(row: Mapping[str, str]) -> tuple[frozenset[int], frozenset[int], bool]:
    raw = str(row.get("rules") or "").replace(",", ";")
    rules = frozenset(int(x) for x in raw.split(";") if x.strip())
    if any(not 1 <= r <= 7 for r in rules):
        raise ValueError("nomor larangan harus 1 sampai 7")
    return rules, frozenset(), not rules


@dataclass
class LabelledFile:
    items: list[Labelled] = field(default_factory=list)
    errors: list[LabelError] = field(default_factory=list)
    preset: str | None = None


def read_labelled(path: str | Path, preset: str | None = None, text_column: str | None = None,
                  clean_text: Callable[[str], str] | None = None) -> LabelledFile:
    """Items of a JSON Lines or CSV file (by extension, or by content when it starts with '{')."""
    p = Path(path)
    data = p.read_bytes()
    name = str(p)
    if p.suffix.lower() in (".jsonl", ".json", ".ndjson") or data.lstrip()[:1] == b"{":
        return _read_jsonl(name, data)
    return _read_csv(name, data, preset, text_column, clean_text)


def _read_jsonl(name: str, data: bytes) -> LabelledFile:
    out = LabelledFile()
    for n, raw in enumerate(data.splitlines(), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw.decode("utf-8-sig" if n == 1 else "utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            out.errors.append(LabelError(name, n, "-", f"bukan JSON UTF-8 yang sah ({e})"))
            continue
        if not isinstance(obj, dict):
            out.errors.append(LabelError(name, n, "-", "baris harus objek JSON"))
            continue
        try:
            expected = _rule_set(obj, "expected_rules", required=True)
            unknown = _rule_set(obj, "unknown_rules")
            clean = obj.get("clean", not expected)
            if not isinstance(clean, bool):
                raise _FieldError("clean", "harus true atau false")
            activity = {k: v for k, v in obj.items() if k not in ("expected_rules", "unknown_rules", "clean", "source")}
            parse_activity(activity)  # validated here so the error names the line
        except _FieldError as e:
            out.errors.append(LabelError(name, n, e.field, e.message))
            continue
        except ContractError as e:
            out.errors.append(LabelError(name, n, "aktivitas", str(e)))
            continue
        out.items.append(Labelled(str(activity.get("id")), activity, expected, unknown, clean,
                                  str(obj.get("source", "")), n))
    return out


class _FieldError(Exception):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def _rule_set(obj: Mapping, key: str, required: bool = False) -> frozenset[int]:
    if key not in obj:
        if required:
            raise _FieldError(key, "wajib ada (daftar nomor larangan, [] = bersih)")
        return frozenset()
    v = obj[key]
    if not isinstance(v, list) or not all(isinstance(x, int) and not isinstance(x, bool) and 1 <= x <= 7 for x in v):
        raise _FieldError(key, "harus daftar nomor larangan 1 sampai 7")
    return frozenset(v)


def _read_csv(name: str, data: bytes, preset: str | None, text_column: str | None,
              clean_text: Callable[[str], str] | None) -> LabelledFile:
    out = LabelledFile()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        out.errors.append(LabelError(name, 1, "-", f"bukan teks UTF-8 (byte ke-{e.start + 1})"))
        return out
    first = text.split("\n", 1)[0]
    chosen = PRESETS.get(preset) if preset else None
    if preset and chosen is None:
        raise ValueError(f"preset tidak dikenal: {preset} (ada: {', '.join(PRESETS)})")
    if chosen is None:
        for pr in PRESETS.values():
            cols = {c.strip() for c in first.split(pr.delimiter)}
            if pr.header <= cols:
                chosen = pr
                break
    delimiter = chosen.delimiter if chosen else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    column = text_column or (chosen.text_column if chosen else "text")
    if column not in (reader.fieldnames or []):
        out.errors.append(LabelError(name, 1, column, "kolom teks tidak ada di baris judul"))
        return out
    if chosen is None and "rules" not in (reader.fieldnames or []):
        out.errors.append(LabelError(name, 1, "rules", "kolom rules tidak ada (atau pakai --preset)"))
        return out
    out.preset = chosen.name if chosen else None
    label = chosen.rules if chosen else _rules_column
    if clean_text is None and chosen is not None:
        clean_text = _cleaner(chosen.name)
    for i, row in enumerate(reader):
        n = reader.line_num
        body = row.get(column)
        if body is None:
            out.errors.append(LabelError(name, n, column, "kosong"))
            continue
        try:
            expected, unknown, clean = label(row)
        except ValueError as e:
            out.errors.append(LabelError(name, n, "rules", str(e)))
            continue
        body = clean_text(body) if clean_text else body
        activity = {"id": f"{out.preset or 'baris'}-{i + 1}", "type": "post", "created_at": CREATED_AT,
                    "text": body}
        out.items.append(Labelled(activity["id"], activity, expected, unknown, clean, out.preset or "", n))
    return out


def _cleaner(preset: str) -> Callable[[str], str] | None:
    """The data set's own cleaning (escaped emoji, literal \\n, placeholders), as in training."""
    from ..training.data import BY_NAME
    ds = BY_NAME.get(preset)
    return ds.clean if ds is not None else None


def items_from_texts(texts: list[str], rules: list[tuple[frozenset[int], frozenset[int], bool]],
                     sources: list[str]) -> Iterator[Labelled]:
    """Items built in memory (cross-validation in `rambu train`)."""
    for i, (text, (expected, unknown, clean), source) in enumerate(zip(texts, rules, sources)):
        activity = {"id": str(i), "type": "post", "created_at": CREATED_AT, "text": text}
        yield Labelled(str(i), activity, expected, unknown, clean, source, i + 1)
