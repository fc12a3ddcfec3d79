"""PDF letters for the ethics procedure and PDF reports for leaders (fpdf2, offline).

API
===

``render_letter(kind: str, context: dict) -> bytes``
    ``kind`` is one of

    * ``"summons"``: Surat Panggilan Sidang Kode Etik;
    * ``"hearing_minutes"``: Berita Acara Sidang Kode Etik;
    * ``"decision"``: Keputusan Majelis Kode Etik (putusan). Not proven: the
      employee's name is restored (rehabilitasi). Proven: a sanksi moral
      (pernyataan secara tertutup/terbuka) is recommended to the PPK and, where
      ``decision.discipline_level`` is set, a PP 94/2021 disciplinary penalty of
      that level (ringan/sedang/berat) with the penalties of the level; the
      findings go in a Lampiran.

    Returns the PDF as bytes. Raises ``ValueError`` naming the key (e.g.
    ``"employee.nip"``) when a required key is missing or empty or a value is
    invalid (bad date, unknown statement or level); optional keys that are
    missing render as ``-``.

``render_report(title: str, sections: list[dict], *, generated_at=None, unit=None) -> bytes``
    A leader's report: each section is ``{"heading": str, "text": str?,
    "table": {"columns": [...], "rows": [[...]]}?, "chart": svg_string | dict?}``.
    A chart is either an SVG string (for example from
    :mod:`rambu.documents.charts`) drawn with fpdf2's SVG support, or a dict
    ``{"type": "bar", "data": [(label, value), ...], "title": str}`` /
    ``{"type": "line", "series": {name: [(x, value), ...]}, "title": str}``
    that is turned into such an SVG. Every page carries the page number
    ("Halaman x dari n") and the generation timestamp (``generated_at``,
    default now).

Context keys of ``render_letter``
=================================

Required for every kind: ``number``, ``date``, ``unit``, ``employee.name``,
``employee.nip``; each template lists its own (``required`` in
``templates/letters.json``): summons adds ``hearing.date``, ``hearing.place``
and ``signatory.name``; hearing_minutes adds ``hearing.date`` and
``hearing.chair``; decision adds ``decision.proven`` and ``signatory.name``,
and when proven ``decision.statement`` and ``findings``.

=====================  =====================================================
key                    meaning
=====================  =====================================================
``number``             letter number (Nomor)
``date``               letter date, ISO ``YYYY-MM-DD`` (or date/datetime);
                       printed with Indonesian month names (5 Maret 2025)
``unit``               issuing work unit (UPT, Kanwil or Ditjenpas), letterhead
``region``             Kanwil name, letterhead line above the unit (optional)
``address``            address line under the letterhead (optional)
``city``               place of issue ("Jakarta, 5 Maret 2025") (optional)
``employee``           {``name``, ``nip``, ``position``, ``unit``}
``case``               {``id``, ``opened`` (ISO date), ``summary``}
``findings``           list of {``rule`` (1-8 or text), ``explanation``,
                       ``quotes``: [str], ``basis``: [str], ``confidence``
                       (0-1), ``source`` (optional: platform/URL/time)}
``hearing``            {``date`` (ISO date or datetime), ``time`` ("09.00
                       WIB"), ``place``, ``chair``, ``members``: [...],
                       ``secretary``}; a person is a name or {name, nip}
``statement``          the employee's defence (hearing minutes)
``decision``           {``proven``: bool, ``statement``: "tertutup" |
                       "terbuka", ``discipline_level``: None | "ringan" |
                       "sedang" | "berat", ``discipline_penalty``: optional
                       chosen penalty text, ``reasons``}
``signatory``          {``name``, ``nip``, ``position``}
``cc``                 list of Tembusan recipients (optional)
=====================  =====================================================

Wording is data: ``templates/letters.json`` holds the letterhead, legal basis,
rule titles, PP 94/2021 penalties and each letter's blocks with
``{{key.path|filter}}`` placeholders. ``RAMBU_LETTER_TEMPLATES`` may name a JSON
file whose top-level entries replace the shipped ones.

Fonts: a Unicode TrueType font (DejaVu Sans) is used when one is on the
machine: ``RAMBU_PDF_FONT_DIR`` (a folder with ``DejaVuSans.ttf``; set it to
``core`` to force the fallback), the fonts that an installed matplotlib ships
(located without importing it), or Debian's ``fonts-dejavu-core``
(``/usr/share/fonts/truetype/dejavu``). Without one, the core Helvetica font
is used and text is transliterated to Windows-1252 (Latin-1 plus typographic
quotes and dashes). Characters the font lacks
(emoji) are dropped, never an error. Nothing is downloaded.
"""
from __future__ import annotations

import copy
import importlib.util
import io
import json
import logging
import math
import os
import re
import unicodedata
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

__all__ = ["render_letter", "render_report", "LETTER_KINDS", "load_templates", "font_dir"]

log = logging.getLogger(__name__)

TEMPLATE_FILE = Path(__file__).with_name("templates") / "letters.json"
LETTER_KINDS = ("summons", "hearing_minutes", "decision")
DEBIAN_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
FAMILY = "rambusans"
MISSING = "-"

# fpdf2 logs a warning per unsupported SVG tag or missing glyph; we handle both.
logging.getLogger("fpdf.svg").setLevel(logging.ERROR)


# --------------------------------------------------------------------------- templates

def load_templates(path: str | os.PathLike | None = None) -> dict:
    """The shipped templates, with the top-level entries of ``path`` (or of the
    file named by ``RAMBU_LETTER_TEMPLATES``) replacing the shipped ones."""
    data = json.loads(TEMPLATE_FILE.read_text(encoding="utf-8"))
    override = path or os.environ.get("RAMBU_LETTER_TEMPLATES")
    if override:
        data.update(json.loads(Path(override).read_text(encoding="utf-8")))
    return data


# --------------------------------------------------------------------------- fonts

def font_dir() -> Path | None:
    """Folder with DejaVuSans.ttf and DejaVuSans-Bold.ttf, or None (core font)."""
    env = os.environ.get("RAMBU_PDF_FONT_DIR")
    candidates: list[Path] = []
    if env is not None:
        if env.strip().lower() in ("", "core", "none"):
            return None
        candidates.append(Path(env))
    spec = importlib.util.find_spec("matplotlib") if env is None else None
    if spec and spec.origin:
        candidates.append(Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf")
    candidates.append(DEBIAN_DEJAVU)
    for d in candidates:
        if (d / "DejaVuSans.ttf").is_file() and (d / "DejaVuSans-Bold.ttf").is_file():
            return d
    return None


# Characters outside Windows-1252 that have a readable stand-in.
_LEGACY_MAP = {
    "\u201b": "'", "\u2032": "'", "\u2033": '"', "\u2015": "\u2014", "\u2212": "-",
    "\u2010": "-", "\u2011": "-", "\u202f": " ", "\u2009": " ", "\u2192": "->", "\u2190": "<-",
    "\u2264": "<=", "\u2265": ">=", "\u00d7": "x",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff]")


def _encodable(ch: str) -> bool:
    try:
        ch.encode("cp1252")
        return True
    except UnicodeEncodeError:
        return False


def _legacy(text: str) -> str:
    """Text for the core fonts (Windows-1252): transliterate, drop what has no stand-in."""
    out = []
    for ch in text:
        if _encodable(ch):
            out.append(ch)
        elif ch in _LEGACY_MAP:
            out.append(_LEGACY_MAP[ch])
        else:
            out.append("".join(c for c in unicodedata.normalize("NFKD", ch)
                               if not unicodedata.combining(c) and _encodable(c)))
    return "".join(out)


class _Doc(FPDF):
    """FPDF with a Unicode font when available, safe text and a footer."""

    def __init__(self, footer_left: str = "", footer_right: str = "Halaman {page} dari {pages}"):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_left = footer_left
        self.footer_right = footer_right
        self.header_text = ""
        self.set_margins(25, 15, 20)
        self.set_auto_page_break(True, margin=20)
        self.alias_nb_pages("{nb}")
        self.set_creator("rambu")
        self.unicode = False
        self._charset: set[int] | None = None
        d = font_dir()
        if d is not None:
            try:
                self.add_font(FAMILY, "", str(d / "DejaVuSans.ttf"))
                self.add_font(FAMILY, "B", str(d / "DejaVuSans-Bold.ttf"))
                italic = d / "DejaVuSans-Oblique.ttf"
                bold_italic = d / "DejaVuSans-BoldOblique.ttf"
                self.add_font(FAMILY, "I", str(italic if italic.is_file() else d / "DejaVuSans.ttf"))
                self.add_font(FAMILY, "BI", str(bold_italic if bold_italic.is_file()
                                                else d / "DejaVuSans-Bold.ttf"))
                cmaps = [set(f.cmap) for k, f in self.fonts.items() if k.startswith(FAMILY)]
                self._charset = set.intersection(*cmaps)
                self.unicode = True
            except Exception:  # a broken font file: fall back to the core font
                log.warning("cannot load fonts from %s, using Helvetica", d, exc_info=True)
                self.fonts = {}
                self.unicode = False
        self.family = FAMILY if self.unicode else "helvetica"
        self.core_fonts_encoding = "windows-1252"
        self.set_font(self.family, size=11)

    # Text sanitising: every string that reaches the page goes through here.
    def clean(self, value: Any) -> str:
        text = "" if value is None else str(value)
        text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")
                                     .replace("\t", "    "))
        text = _CONTROL.sub("", text)
        if self.unicode:
            keep = self._charset or set()
            text = "".join(ch for ch in text if ch == "\n" or ord(ch) in keep)
        else:
            text = _legacy(text)
        return text

    def font(self, style: str = "", size: float = 11) -> None:
        self.set_font(self.family, style, size)

    def footer(self) -> None:
        self.set_y(-13)
        self.font("", 8)
        self.set_text_color(90, 90, 90)
        left = self.clean(self.footer_left)
        right = self.footer_right.format(page=self.page_no(), pages="{nb}")
        left_w = self.epw * 0.72
        if self.get_string_width(left) > left_w - 2:  # a very long letter number
            while left and self.get_string_width(left + "...") > left_w - 2:
                left = left[:-1]
            left += "..."
        self.cell(left_w, 5, left, align="L")
        self.cell(self.epw - left_w, 5, right, align="R")
        self.set_text_color(0, 0, 0)

    def header(self) -> None:
        if self.header_text and self.page_no() > 1:
            self.font("", 8)
            self.set_text_color(90, 90, 90)
            self.cell(0, 5, self.clean(self.header_text), align="L",
                      new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_text_color(0, 0, 0)
            self.ln(2)

    def space_left(self) -> float:
        return self.page_break_trigger - self.get_y()

    def ensure(self, height: float) -> None:
        if self.space_left() < height:
            self.add_page()

    def para(self, text: str, *, indent: float = 0, style: str = "", size: float = 11,
             align: str = "J", h: float = 5.6, after: float = 2.0) -> None:
        self.font(style, size)
        self.set_x(self.l_margin + indent)
        self.multi_cell(self.epw - indent, h, self.clean(text), align=align,
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if after:
            self.ln(after)

    def hanging(self, label: str, text: str, *, indent: float = 0, label_w: float = 8,
                style: str = "", label_style: str = "", h: float = 5.6, align: str = "L",
                after: float = 0.8) -> None:
        """``label`` in its own column, ``text`` wrapped to the right of it."""
        self.ensure(h * 2)
        self.font(label_style, 11)
        self.set_x(self.l_margin + indent)
        y = self.get_y()
        page = self.page_no()
        if label_w > 0:
            self.cell(label_w, h, self.clean(label))
        self.font(style, 11)
        self.set_xy(self.l_margin + indent + label_w, y if self.page_no() == page else self.t_margin)
        self.multi_cell(self.epw - indent - label_w, h, self.clean(text), align=align,
                        new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if after:
            self.ln(after)


# --------------------------------------------------------------------------- context handling

_PLACEHOLDER = re.compile(r"\{\{\s*([\w.]+)((?:\s*\|\s*\w+)*)\s*\}\}")


def _lookup(ctx: Any, path: str) -> Any:
    cur = ctx
    for part in path.split("."):
        if isinstance(cur, dict):
            cur = cur.get(part)
        elif isinstance(cur, (list, tuple)) and part.isdigit() and int(part) < len(cur):
            cur = cur[int(part)]
        else:
            return None
        if cur is None:
            return None
    return cur


def _empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, dict, set)):
        return len(value) == 0
    return False


def _parse_date(value: Any) -> date | datetime | None:
    if isinstance(value, (date, datetime)):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    s = value.strip()
    try:
        if len(s) == 10:
            return date.fromisoformat(s)
        return datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        return None


class _Renderer:
    """Fills templates from a context (see the module docstring)."""

    def __init__(self, templates: dict, context: dict):
        self.t = templates
        self.ctx = context

    def person(self, value: Any) -> str:
        if isinstance(value, dict):
            name = value.get("name")
            return MISSING if _empty(name) else str(name)
        return MISSING if _empty(value) else str(value)

    def fmt_date(self, value: Any, with_day: bool = False) -> str:
        d = _parse_date(value)
        if d is None:
            return MISSING if _empty(value) else str(value)
        text = f"{d.day} {self.t['months'][d.month - 1]} {d.year}"
        return f"{self.t['days'][d.weekday()]}, {text}" if with_day else text

    def apply(self, value: Any, flt: str) -> Any:
        if flt == "date":
            return self.fmt_date(value)
        if flt == "day_date":
            return self.fmt_date(value, with_day=True)
        if flt == "day":
            d = _parse_date(value)
            return self.t["days"][d.weekday()] if d else MISSING
        if flt == "time":
            d = _parse_date(value)
            return d.strftime("%H.%M") if isinstance(d, datetime) else MISSING
        if flt == "upper":
            return str(value).upper()
        if flt == "person":
            return self.person(value)
        if flt == "percent":
            try:
                v = float(value)
            except (TypeError, ValueError):
                return str(value)
            return f"{round(v * 100 if v <= 1 else v)}%"
        if flt == "lines":
            items = value if isinstance(value, (list, tuple)) else [value]
            people = [self.person(v) for v in items if not _empty(v)]
            if len(people) == 1:
                return people[0]
            return "\n".join(f"{i}. {p}" for i, p in enumerate(people, 1)) or MISSING
        raise ValueError(f"unknown template filter: {flt}")

    def fill(self, template: str) -> str:
        def sub(m: re.Match) -> str:
            value = _lookup(self.ctx, m.group(1))
            if _empty(value):
                return MISSING
            for flt in [f.strip() for f in m.group(2).split("|") if f.strip()]:
                value = self.apply(value, flt)
                if _empty(value):
                    return MISSING
            if isinstance(value, (list, tuple)):
                return "; ".join(self.person(v) for v in value)
            if isinstance(value, dict):
                return self.person(value)
            return str(value)
        # "S.H." followed by the template's own full stop: one stop only.
        return re.sub(r"(?<=[A-Za-z])\.\.(?!\.)", ".", _PLACEHOLDER.sub(sub, template))

    def truthy(self, key: str) -> bool:
        value = _lookup(self.ctx, key)
        return not _empty(value) and value is not False

    def active(self, block: dict) -> bool:
        """A block's ``when`` key must be truthy and its ``when_not`` key falsy."""
        if block.get("when") and not self.truthy(block["when"]):
            return False
        if block.get("when_not") and self.truthy(block["when_not"]):
            return False
        return True


def _to_bool(value: Any, key: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        v = value.strip().lower()
        if v in ("true", "ya", "yes", "1", "terbukti"):
            return True
        if v in ("false", "tidak", "no", "0", "tidak terbukti"):
            return False
    raise ValueError(f"invalid value for {key}: {value!r} (expected true/false)")


def _prepare(kind: str, context: dict, t: dict) -> dict:
    """Validate ``context`` for ``kind`` and add the derived values under ``_``."""
    if not isinstance(context, dict):
        raise ValueError("context must be a dict")
    spec = t[kind]
    ctx = copy.deepcopy(context)
    for key in spec.get("required", []):
        if _empty(_lookup(ctx, key)):
            raise ValueError(f"missing required key: {key}")
    for key in ("date",):
        if _parse_date(ctx.get(key)) is None:
            raise ValueError(f"invalid date for {key}: {ctx.get(key)!r} (expected YYYY-MM-DD)")
    if "hearing.date" in spec.get("required", []) and _parse_date(_lookup(ctx, "hearing.date")) is None:
        raise ValueError(f"invalid date for hearing.date: {_lookup(ctx, 'hearing.date')!r}")

    derived: dict[str, Any] = {}
    decision = ctx.get("decision") if isinstance(ctx.get("decision"), dict) else None
    if kind == "summons":  # a summons precedes the decision: no sanction wording, no PP 94/2021
        decision = None
    has_decision = decision is not None and not _empty(decision.get("proven"))
    proven = _to_bool(decision.get("proven"), "decision.proven") if has_decision else None
    if kind == "decision" and proven:
        for key in spec.get("required_if_proven", []):
            if _empty(_lookup(ctx, key)):
                raise ValueError(f"missing required key: {key}")
    statement = level = None
    if decision is not None:
        raw = decision.get("statement")
        if not _empty(raw):
            s = str(raw).strip().lower().replace("pernyataan secara ", "")
            if s not in t["statements"]:
                raise ValueError(f"invalid value for decision.statement: {raw!r} "
                                 f"(expected one of {sorted(t['statements'])})")
            statement = s
        raw = decision.get("discipline_level")
        if not _empty(raw):
            lv = str(raw).strip().lower()
            if lv not in t["discipline_levels"]:
                raise ValueError(f"invalid value for decision.discipline_level: {raw!r} "
                                 f"(expected None or one of {list(t['discipline_levels'])})")
            level = lv
    discipline = bool(proven and level)
    derived["proven"] = bool(proven)
    derived["not_proven"] = proven is False
    derived["no_decision"] = proven is None
    derived["discipline"] = discipline
    derived["statement"] = t["statements"].get(statement or "", None)
    reasons = decision.get("reasons") if decision else None
    if isinstance(reasons, (list, tuple)):
        reasons = "; ".join(str(x).strip().rstrip(".;") for x in reasons if not _empty(x))
    derived["reasons"] = None if _empty(reasons) else str(reasons).strip().rstrip(".;")
    if discipline:
        info = t["discipline_levels"][level]
        derived["level"] = level
        derived["article"] = info.get("article", "")
        derived["penalties"] = list(info["penalties"])
        chosen = decision.get("discipline_penalty") if decision else None
        if _empty(chosen):
            derived["penalty"] = t["penalty_any"].format(level=level, article=info.get("article", ""))
            derived["penalties_if_any"] = list(info["penalties"])
            derived["discipline_any"] = True
        else:
            derived["penalty"] = str(chosen).rstrip(".") + "."
            derived["penalties_if_any"] = []
            derived["discipline_any"] = False
    basis = t["basis"]
    derived["basis"] = list(basis.get("ethics", [])) + (list(basis.get("discipline", [])) if discipline else []) \
        + list(basis.get("code", []))
    hearing = ctx.get("hearing") if isinstance(ctx.get("hearing"), dict) else {}
    time_text = hearing.get("time")
    if _empty(time_text):
        hd = _parse_date(hearing.get("date"))
        time_text = hd.strftime("%H.%M") if isinstance(hd, datetime) else None
    derived["hearing_time"] = time_text
    ctx["_"] = derived
    return ctx


# --------------------------------------------------------------------------- letter blocks

def _letterhead(pdf: _Doc, r: _Renderer) -> None:
    lines = []
    for tmpl in r.t["letterhead"]:
        text = r.fill(tmpl).strip()
        if text and text != MISSING and text not in lines:
            lines.append(text)
    sizes = [11.5, 12.5] + [12.0] * 10
    for i, line in enumerate(lines):
        size = sizes[i] if i < len(sizes) else 11
        pdf.font("B", size)
        while size > 9 and pdf.get_string_width(pdf.clean(line)) > pdf.epw - 2 * pdf.c_margin:
            size -= 0.5
            pdf.font("B", size)
        pdf.multi_cell(pdf.epw, 6, pdf.clean(line), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    address = r.fill(r.t.get("letterhead_address", ""))
    if address and address != MISSING:
        pdf.font("", 8.5)
        pdf.multi_cell(pdf.epw, 4.2, pdf.clean(address), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    y = pdf.get_y() + 1.5
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, y, pdf.l_margin + pdf.epw, y)
    pdf.set_line_width(0.25)
    pdf.line(pdf.l_margin, y + 1.2, pdf.l_margin + pdf.epw, y + 1.2)
    pdf.set_line_width(0.2)
    pdf.set_y(y + 5)


def _place_date(r: _Renderer, tmpl: str) -> str:
    text = r.fill(tmpl)
    # "-, 5 Maret 2025" when no city was given: keep just the date.
    text = re.sub(r"^-,\s*", "", text)
    # no city: the line is left out rather than printed empty (a letter says only what is true)
    text = re.sub(r"^Ditetapkan di -\n", "", text)
    return text


def _meta(pdf: _Doc, r: _Renderer, block: dict) -> None:
    y0 = pdf.get_y()
    right_w = 62
    if block.get("place_date"):
        pdf.font("", 11)
        pdf.set_xy(pdf.l_margin + pdf.epw - right_w, y0)
        pdf.multi_cell(right_w, 5.6, pdf.clean(_place_date(r, block["place_date"])), align="R",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_y(y0)
    for label, value in block.get("rows", []):
        pdf.font("", 11)
        pdf.set_x(pdf.l_margin)
        pdf.cell(22, 5.6, pdf.clean(label))
        pdf.cell(4, 5.6, ":")
        pdf.multi_cell(pdf.epw - 26 - right_w, 5.6, pdf.clean(r.fill(value)), align="L",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(5)


def _addressee(pdf: _Doc, r: _Renderer, block: dict) -> None:
    pdf.font("", 11)
    for tmpl in block.get("lines", []):
        text = r.fill(tmpl)
        if text.strip() in (MISSING, "NIP -", "Yth. Sdr. -"):
            continue
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(pdf.epw * 0.6, 5.6, pdf.clean(text), align="L",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(5)


def _title(pdf: _Doc, r: _Renderer, block: dict) -> None:
    pdf.ensure(20)
    for i, tmpl in enumerate(block.get("lines", [])):
        style = "BU" if i == 0 and block.get("underline_first", True) else "B"
        pdf.font(style, 12 if i == 0 else 11)
        pdf.multi_cell(pdf.epw, 6, pdf.clean(r.fill(tmpl)), align="C",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)


def _fields(pdf: _Doc, r: _Renderer, block: dict) -> None:
    indent = float(block.get("indent", 8))
    label_w = float(block.get("label_w", 30))
    for label, value in block.get("rows", []):
        pdf.ensure(12)
        pdf.font("", 11)
        pdf.set_x(pdf.l_margin + indent)
        y, page = pdf.get_y(), pdf.page_no()
        pdf.cell(label_w, 5.6, pdf.clean(label))
        pdf.cell(4, 5.6, ":")
        if pdf.page_no() != page:
            y = pdf.get_y()
        pdf.set_xy(pdf.l_margin + indent + label_w + 4, y)
        pdf.multi_cell(pdf.epw - indent - label_w - 4, 5.6, pdf.clean(r.fill(value)), align="L",
                       new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)


def _finding_rule(r: _Renderer, rule: Any) -> str:
    label = r.t["finding_labels"]["rule"]
    titles = r.t.get("rule_titles", {})
    key = str(rule).strip()
    if key.isdigit() and key in titles:
        return f"{label} {key}: {titles[key]}"
    if _empty(rule):
        return f"{label} {MISSING}"
    return f"{label} {key}" if key.isdigit() else key


def _findings(pdf: _Doc, r: _Renderer, block: dict) -> None:
    findings = r.ctx.get("findings")
    if block.get("heading"):
        pdf.ensure(18)
        pdf.para(r.fill(block["heading"]), after=1.5)
    if not isinstance(findings, (list, tuple)) or not findings:
        pdf.para(MISSING, indent=8)
        return
    labels = r.t["finding_labels"]
    for i, f in enumerate(findings, 1):
        f = f if isinstance(f, dict) else {"explanation": f}
        pdf.ensure(24)
        pdf.hanging(f"{i}.", _finding_rule(r, f.get("rule")), indent=0, label_w=8, style="B",
                    align="L")
        expl = f.get("explanation")
        pdf.hanging(f"{labels['explanation']}:", MISSING if _empty(expl) else str(expl),
                    indent=8, label_w=22)
        raw_quotes = f.get("quotes") or []
        raw_quotes = [raw_quotes] if isinstance(raw_quotes, str) else raw_quotes
        # cleaned first: a quote of emoji only has nothing left to print
        quotes = [q for q in (pdf.clean(x).strip() for x in raw_quotes if x is not None) if q]
        pdf.hanging(f"{labels['quotes']}:", "" if quotes else MISSING, indent=8, label_w=32, after=0)
        for q in quotes:
            pdf.ensure(8)
            pdf.font("I", 10.5)
            pdf.set_x(pdf.l_margin + 14)
            pdf.set_fill_color(242, 242, 242)
            pdf.multi_cell(pdf.epw - 14, 5.4, "\u201c" + q + "\u201d", align="L",
                           fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.ln(1)
        basis = f.get("basis") or []
        basis = [basis] if isinstance(basis, str) else [str(b) for b in basis if not _empty(b)]
        pdf.hanging(f"{labels['basis']}:", "; ".join(basis) if basis else MISSING, indent=8,
                    label_w=22, align="L")
        if not _empty(f.get("source")):
            pdf.hanging(f"{labels['source']}:", str(f["source"]), indent=8, label_w=22, align="L")
        if not _empty(f.get("confidence")):
            pdf.hanging(f"{labels['confidence']}: {r.apply(f['confidence'], 'percent')}", "",
                        indent=8, label_w=pdf.epw - 8, align="L")
        pdf.ln(2)
    pdf.ln(1)


def _basis(pdf: _Doc, r: _Renderer, block: dict) -> None:
    pdf.ensure(20)
    if block.get("heading"):
        pdf.para(r.fill(block["heading"]), after=1)
    for i, b in enumerate(r.ctx["_"]["basis"], 1):
        pdf.hanging(f"{i}.", b, indent=8, label_w=7, align="L")
    pdf.ln(2)


def _alpha(i: int) -> str:
    return chr(ord("a") + i) if i < 26 else str(i + 1)


def _labeled(pdf: _Doc, r: _Renderer, block: dict) -> None:
    items: list[str] = []
    for item in block.get("items", []):
        if not r.active(item):
            continue
        if "each" in item:
            items.extend(str(x) for x in (_lookup(r.ctx, item["each"]) or []))
        else:
            items.append(r.fill(item.get("text", "")))
    label_w = 31
    pdf.ensure(14)
    pdf.font("", 11)
    y = pdf.get_y()
    pdf.set_x(pdf.l_margin)
    pdf.cell(label_w - 4, 5.6, pdf.clean(block.get("label", "")))
    pdf.cell(4, 5.6, ":")
    pdf.set_y(y)
    numbering = block.get("numbering", "number")
    for i, text in enumerate(items):
        if numbering == "none":
            pdf.hanging("", text, indent=label_w, label_w=0, after=1)
            continue
        mark = f"{_alpha(i)}." if numbering == "alpha" else f"{i + 1}."
        pdf.hanging(mark, text, indent=label_w, label_w=7, after=1)
    pdf.ln(3)


_ORDINALS = ("KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH",
             "KEDELAPAN", "KESEMBILAN", "KESEPULUH")


def _diktum(pdf: _Doc, r: _Renderer, block: dict) -> None:
    n = 0
    label_w = 31
    for item in block.get("items", []):
        if not r.active(item):
            continue
        label = _ORDINALS[n] if n < len(_ORDINALS) else f"KE-{n + 1}"
        n += 1
        pdf.ensure(14)
        pdf.font("B", 11)
        y = pdf.get_y()
        pdf.set_x(pdf.l_margin)
        pdf.cell(label_w - 4, 5.6, label)
        pdf.font("", 11)
        pdf.cell(4, 5.6, ":")
        pdf.set_y(y)
        pdf.hanging("", r.fill(item.get("text", "")), indent=label_w, label_w=0, after=1)
        sub = _lookup(r.ctx, item["list"]) if item.get("list") else None
        for j, s in enumerate(sub or []):
            pdf.hanging(f"{_alpha(j)}.", str(s), indent=label_w + 2, label_w=7, after=0.5)
        pdf.ln(2)
    pdf.ln(2)


def _signature_block(pdf: _Doc, x: float, w: float, y: float, heading: str, name: str,
                     nip: str | None, gap: float = 22) -> float:
    """Draw one signature block at (x, y); returns the y below it."""
    pdf.set_xy(x, y)
    pdf.font("", 11)
    if heading:
        pdf.multi_cell(w, 5.6, pdf.clean(heading), align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_xy(x, pdf.get_y() + gap)
    pdf.font("BU", 11)
    pdf.multi_cell(w, 5.6, pdf.clean(name), align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.font("", 11)
    if nip and nip != MISSING:
        pdf.set_x(x)
        pdf.multi_cell(w, 5.6, pdf.clean(f"NIP {nip}"), align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
    return pdf.get_y()


def _signature(pdf: _Doc, r: _Renderer, block: dict) -> None:
    place_date = _place_date(r, block["place_date"]) if block.get("place_date") else ""
    position = r.fill(block.get("position", ""))
    heading = "\n".join(x for x in (place_date, "" if position == MISSING else position + ",") if x)
    lines = heading.count("\n") + 1
    pdf.ensure(5.6 * lines + 22 + 14 + 4)
    pdf.ln(4)
    x = pdf.l_margin + pdf.epw * 0.52
    sig = r.ctx.get("signatory") or {}
    y = _signature_block(pdf, x, pdf.epw * 0.48, pdf.get_y(), heading, r.person(sig),
                         None if _empty(sig.get("nip")) else str(sig.get("nip")))
    pdf.set_xy(pdf.l_margin, y + 6)


def _minutes_signatures(pdf: _Doc, r: _Renderer, block: dict) -> None:
    hearing = r.ctx.get("hearing") or {}
    half = pdf.epw / 2

    def nip_of(p: Any) -> str | None:
        return str(p["nip"]) if isinstance(p, dict) and not _empty(p.get("nip")) else None

    pdf.ensure(48)
    pdf.ln(4)
    y = pdf.get_y()
    chair, secretary = hearing.get("chair"), hearing.get("secretary")
    y1 = _signature_block(pdf, pdf.l_margin, half - 4, y, "Sekretaris Majelis,", r.person(secretary),
                          nip_of(secretary))
    y2 = _signature_block(pdf, pdf.l_margin + half + 4, half - 4, y, "Ketua Majelis Kode Etik,",
                          r.person(chair), nip_of(chair))
    pdf.set_xy(pdf.l_margin, max(y1, y2) + 6)
    members = hearing.get("members") or []
    members = members if isinstance(members, (list, tuple)) else [members]
    if members:
        pdf.ensure(28)
        pdf.para("Anggota Majelis Kode Etik:", after=1)
        for i, m in enumerate(members, 1):
            pdf.ensure(12)
            pdf.font("", 11)
            pdf.set_x(pdf.l_margin)
            pdf.cell(half + 4, 10, pdf.clean(f"{i}. {r.person(m)}"))
            pdf.cell(half - 4, 10, f"{i}. ........................................")
            pdf.ln(10)
        pdf.ln(4)
    emp = r.ctx.get("employee") or {}
    pdf.ensure(40)
    y = pdf.get_y()
    _signature_block(pdf, pdf.l_margin, half - 4, y, "Pegawai yang diperiksa,", r.person(emp),
                     None if _empty(emp.get("nip")) else str(emp.get("nip")))
    pdf.set_x(pdf.l_margin)


def _cc(pdf: _Doc, r: _Renderer, block: dict) -> None:
    cc = r.ctx.get("cc")
    if _empty(cc):
        return
    cc = [cc] if isinstance(cc, str) else list(cc)
    pdf.ensure(14)
    pdf.set_x(pdf.l_margin)
    pdf.para(block.get("heading", "Tembusan:"), size=10, after=0.5)
    for i, c in enumerate(cc, 1):
        pdf.font("", 10)
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(pdf.epw, 5, pdf.clean(f"{i}. {c}"), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _attachment(pdf: _Doc, r: _Renderer, block: dict) -> None:
    w = 78
    pdf.font("", 10)
    for line in block.get("lines", []):
        pdf.set_x(pdf.l_margin + pdf.epw - w)
        pdf.multi_cell(w, 5, pdf.clean(r.fill(line)), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)


def _list(pdf: _Doc, r: _Renderer, block: dict) -> None:
    items = _lookup(r.ctx, block.get("items", "")) or []
    for i, s in enumerate(items):
        pdf.hanging(f"{_alpha(i)}.", str(s), indent=float(block.get("indent", 8)), label_w=7, after=0.5)
    pdf.ln(2)


def _block(pdf: _Doc, r: _Renderer, block: dict) -> None:
    kind = block.get("type")
    if kind == "letterhead":
        _letterhead(pdf, r)
    elif kind == "meta":
        _meta(pdf, r, block)
    elif kind == "addressee":
        _addressee(pdf, r, block)
    elif kind == "title":
        _title(pdf, r, block)
    elif kind == "paragraph":
        pdf.ensure(12)
        if block.get("keep_with_next"):  # e.g. the closing sentence stays with the signature
            pdf.font("", 11)
            h = pdf.multi_cell(pdf.epw - float(block.get("indent", 0)), 5.6,
                               pdf.clean(r.fill(block.get("text", ""))), dry_run=True, output="HEIGHT")
            pdf.ensure(float(h) + float(block["keep_with_next"]))
        pdf.para(r.fill(block.get("text", "")), indent=float(block.get("indent", 0)),
                 style="B" if block.get("bold") else "", align=block.get("align", "J"), after=3)
    elif kind == "heading":
        pdf.ensure(16)
        pdf.para(r.fill(block.get("text", "")), style="B", align="L", after=1.5)
    elif kind == "fields":
        _fields(pdf, r, block)
    elif kind == "findings":
        _findings(pdf, r, block)
    elif kind == "basis":
        _basis(pdf, r, block)
    elif kind == "labeled":
        _labeled(pdf, r, block)
    elif kind == "diktum":
        _diktum(pdf, r, block)
    elif kind == "signature":
        _signature(pdf, r, block)
    elif kind == "minutes_signatures":
        _minutes_signatures(pdf, r, block)
    elif kind == "cc":
        _cc(pdf, r, block)
    elif kind == "attachment":
        _attachment(pdf, r, block)
    elif kind == "list":
        _list(pdf, r, block)
    elif kind == "page_break":
        pdf.add_page()
    elif kind == "spacer":
        pdf.ln(float(block.get("h", 4)))
    else:
        raise ValueError(f"unknown template block type: {kind!r}")


def render_letter(kind: str, context: dict, *, _compress: bool = True) -> bytes:
    """Render an ethics-procedure letter; see the module docstring for ``context``."""
    templates = load_templates()
    if kind not in LETTER_KINDS or kind not in templates:
        raise ValueError(f"unknown letter kind: {kind!r} (expected one of {LETTER_KINDS})")
    ctx = _prepare(kind, context, templates)
    r = _Renderer(templates, ctx)
    spec = templates[kind]
    pdf = _Doc(footer_left=f"{spec.get('name', kind)} - " + r.fill(templates.get("footer", "")),
               footer_right=templates.get("page", "Halaman {page} dari {pages}"))
    pdf.set_compression(_compress)
    pdf.set_title(pdf.clean(f"{spec.get('name', kind)} {r.fill('{{number}}')}"))
    pdf.set_subject(pdf.clean(r.fill("{{employee.name}} ({{employee.nip}})")))
    pdf.set_author(pdf.clean(r.fill("{{unit}}")))
    pdf.set_creation_date(_creation_date(ctx.get("date")))
    pdf.add_page()
    for block in spec["blocks"]:
        if r.active(block):
            _block(pdf, r, block)
    return bytes(pdf.output())


def _creation_date(value: Any) -> datetime:
    d = _parse_date(value)
    if isinstance(d, datetime):
        return d if d.tzinfo else d.astimezone()
    if isinstance(d, date):
        return datetime(d.year, d.month, d.day).astimezone()
    return datetime.now().astimezone()


# --------------------------------------------------------------------------- reports

def _cell_text(value: Any) -> str:
    if value is None:
        return MISSING
    if isinstance(value, float):
        if not math.isfinite(value):
            return MISSING
        if value.is_integer():
            return f"{int(value):,}".replace(",", ".")
        return f"{value:,.2f}".replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y %H.%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def _clip(text: str, limit: int = 300) -> str:
    """Long cell text is cut (the CSV/XLSX exports carry it whole)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _numeric(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _table(pdf: _Doc, table: dict) -> None:
    columns = [str(c) for c in (table.get("columns") or [])]
    rows = [list(r) if isinstance(r, (list, tuple)) else [r] for r in (table.get("rows") or [])]
    if not columns:
        width = max((len(r) for r in rows), default=0)
        columns = [f"Kolom {i + 1}" for i in range(width)]
    if not columns:
        pdf.para("Tidak ada data.", after=3)
        return
    n = len(columns)
    rows = [(r + [None] * n)[:n] for r in rows]
    size = 10 if n <= 5 else 9 if n <= 7 else 8 if n <= 9 else 7
    pdf.font("", size)
    numeric = [bool(rows) and all(_numeric(r[i]) or r[i] is None for r in rows) for i in range(n)]
    texts = [[_clip(pdf.clean(_cell_text(v))) for v in r] for r in rows]
    lengths = []
    for i, c in enumerate(columns):
        longest = max([len(pdf.clean(c))] + [len(t[i]) for t in texts[:200]])
        lengths.append(min(max(longest, 4), 40))
    align = tuple("RIGHT" if numeric[i] else "LEFT" for i in range(n))
    y, page = pdf.get_y(), pdf.page_no()
    try:
        with pdf.table(col_widths=tuple(lengths), text_align=align, line_height=size * 0.5,
                       headings_style=FontFace(emphasis="BOLD", fill_color=(225, 230, 238)),
                       cell_fill_color=(246, 247, 249), cell_fill_mode="ROWS", repeat_headings=1,
                       padding=1.2) as t:
            head = t.row()
            for c in columns:
                head.cell(_clip(pdf.clean(c), 80))
            for r in texts:
                row = t.row()
                for v in r:
                    row.cell(v)
    except ValueError:  # a row taller than a page: say so instead of failing the report
        log.warning("table could not be drawn in the PDF", exc_info=True)
        if pdf.page_no() == page:
            pdf.set_y(y)
        pdf.para("[Tabel tidak dapat ditampilkan: isi sel terlalu panjang; gunakan ekspor CSV/XLSX]",
                 style="I", size=10, after=3)
        return
    if not rows:
        pdf.para("Tidak ada data.", size=10, after=2)
    pdf.ln(4)


_SVG_NS = "http://www.w3.org/2000/svg"


def _svg_for_pdf(pdf: _Doc, svg: str) -> bytes:
    """Make an SVG safe for fpdf2: our font family, sanitised text, no title/desc."""
    if re.search(r"<!(DOCTYPE|ENTITY)", svg, re.I):
        raise ValueError("SVG with DTD or entities refused")
    ET.register_namespace("", _SVG_NS)
    root = ET.fromstring(svg)
    family = FAMILY if pdf.unicode else "helvetica"
    for parent in root.iter():
        for child in list(parent):
            tag = child.tag.split("}")[-1]
            if tag in ("title", "desc", "script", "metadata", "style"):
                parent.remove(child)
    for el in root.iter():
        if "font-family" in el.attrib:
            el.set("font-family", family)
        tag = el.tag.split("}")[-1]
        if tag in ("text", "tspan"):
            if el.text:
                el.text = pdf.clean(el.text) or " "
            if el.tail:
                el.tail = pdf.clean(el.tail)
    if "font-family" not in root.attrib:
        root.set("font-family", family)
    return ET.tostring(root, encoding="utf-8")


def _chart_layout(pdf: _Doc, chart: Any) -> tuple[bytes, float, float] | None:
    """SVG bytes ready for fpdf2 and the size to draw it at, or None if unusable."""
    from .charts import bar_chart, line_chart
    try:
        if isinstance(chart, dict):
            ctype = chart.get("type", "bar")
            if ctype == "line":
                chart = line_chart(chart.get("series") or {}, chart.get("title", ""))
            else:
                chart = bar_chart(chart.get("data") or [], chart.get("title", ""))
        data = _svg_for_pdf(pdf, str(chart))
        root = ET.fromstring(data)
        vb = (root.get("viewBox") or "").replace(",", " ").split()
        if len(vb) == 4:
            vw, vh = float(vb[2]), float(vb[3])
        else:
            vw = float(re.sub(r"[^\d.]", "", root.get("width", "640")) or 640)
            vh = float(re.sub(r"[^\d.]", "", root.get("height", "320")) or 320)
        w = min(pdf.epw, 165.0)
        h = w * vh / vw if vw else w / 2
        if h > pdf.eph * 0.8:
            h = pdf.eph * 0.8
            w = h * vw / vh
        return data, w, h
    except Exception:
        log.warning("chart could not be prepared for the PDF", exc_info=True)
        return None


def _chart(pdf: _Doc, layout: tuple[bytes, float, float] | None) -> None:
    if layout is not None:
        data, w, h = layout
        pdf.ensure(h + 4)
        y = pdf.get_y()
        try:
            pdf.image(io.BytesIO(data), x=pdf.l_margin + (pdf.epw - w) / 2, y=y, w=w, h=h)
            pdf.set_y(y + h + 4)
            return
        except Exception:
            log.warning("chart could not be drawn in the PDF", exc_info=True)
            pdf.set_y(y)
    pdf.para("[Grafik tidak dapat ditampilkan]", style="I", size=10, after=3)


def render_report(title: str, sections: list[dict], *, generated_at: datetime | None = None,
                  unit: str | None = None, _compress: bool = True) -> bytes:
    """Render a leader's report (see the module docstring)."""
    generated_at = generated_at or datetime.now().astimezone()
    months = load_templates()["months"]
    stamp = (f"{generated_at.day} {months[generated_at.month - 1]} {generated_at.year} "
             f"{generated_at.strftime('%H.%M')}")
    if generated_at.tzinfo is not None:
        offset = generated_at.utcoffset()
        hours = offset.total_seconds() / 3600 if offset is not None else None
        zone = {7: "WIB", 8: "WITA", 9: "WIT"}.get(hours) if hours is not None else None
        stamp += f" {zone}" if zone else f" UTC{generated_at.strftime('%z')[:3]}:{generated_at.strftime('%z')[3:]}"
    pdf = _Doc(footer_left=f"RAHASIA - dibuat {stamp}")
    pdf.set_compression(_compress)
    pdf.header_text = str(title or "")
    pdf.set_title(pdf.clean(title))
    pdf.set_creation_date(generated_at if generated_at.tzinfo else generated_at.astimezone())
    pdf.add_page()
    pdf.font("B", 9)
    for line in ("KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA",
                 "DIREKTORAT JENDERAL PEMASYARAKATAN") + ((str(unit).upper(),) if unit else ()):
        pdf.multi_cell(pdf.epw, 4.5, pdf.clean(line), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    pdf.font("B", 16)
    pdf.multi_cell(pdf.epw, 8, pdf.clean(title or "Laporan"), align="L", new_x=XPos.LMARGIN,
                   new_y=YPos.NEXT)
    pdf.font("", 9)
    pdf.set_text_color(90, 90, 90)
    pdf.cell(0, 5, pdf.clean(f"Dibuat pada {stamp}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    y = pdf.get_y() + 2
    pdf.set_line_width(0.4)
    pdf.line(pdf.l_margin, y, pdf.l_margin + pdf.epw, y)
    pdf.set_y(y + 5)
    for section in sections or []:
        if not isinstance(section, dict):
            section = {"text": str(section)}
        chart = None if _empty(section.get("chart")) else _chart_layout(pdf, section["chart"])
        first = 12.0  # room for what follows the heading, so a heading is never left alone
        if _empty(section.get("text")) and not isinstance(section.get("table"), dict) and chart:
            first = chart[2] + 4
        if not _empty(section.get("heading")):
            pdf.ensure(12 + first)
            pdf.para(str(section["heading"]), style="B", size=13, align="L", after=2)
        if not _empty(section.get("text")):
            pdf.para(str(section["text"]), size=10.5, after=3)
        if isinstance(section.get("table"), dict):
            _table(pdf, section["table"])
        if not _empty(section.get("chart")):
            _chart(pdf, chart)
        pdf.ln(2)
    return bytes(pdf.output())
