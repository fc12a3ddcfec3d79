"""Letters, reports, exports and charts (rambu.documents).

PDF text is read back with pypdf when it is installed, else with poppler's
pdftotext when it is on the PATH; without either, the PDF is rendered again
with the core font and no compression and the phrases are looked up in the
raw bytes, so these tests run on a bare machine too.
"""
from __future__ import annotations

import copy
import csv
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from datetime import date, datetime, timedelta, timezone

import pytest

pytest.importorskip("fpdf")

from rambu.documents import charts, export, pdf  # noqa: E402
from rambu.documents.charts import bar_chart, line_chart  # noqa: E402
from rambu.documents.export import to_csv, to_xlsx  # noqa: E402
from rambu.documents.pdf import render_letter, render_report  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"

CONTEXT = {
    "number": "W.10.PAS.PAS.1-KP.05.02-123",
    "date": "2025-03-05",
    "city": "Bandung",
    "unit": "Lembaga Pemasyarakatan Kelas I Bandung",
    "region": "Kantor Wilayah Direktorat Jenderal Pemasyarakatan Jawa Barat",
    "employee": {"name": "Budi Santoso", "nip": "198703152010121002",
                 "position": "Petugas Pengamanan", "unit": "Lapas Kelas I Bandung"},
    "case": {"id": "KE-2025-0042", "opened": "2025-02-10",
             "summary": "Unggahan di Facebook yang memuat ujaran kebencian."},
    "findings": [
        {"rule": 2, "explanation": "Unggahan berisi ujaran kebencian terhadap kelompok agama.",
         "quotes": ["dasar kaum itu semua penipu"], "basis": ["UU ITE Pasal 28 ayat (2)"],
         "confidence": 0.91},
        {"rule": 7, "explanation": "Siaran langsung pada jam kerja.", "quotes": ["live dari pos jaga"],
         "basis": ["PP 94/2021 Pasal 3 huruf f"], "confidence": 0.78},
    ],
    "hearing": {"date": "2025-03-12", "time": "09.00 WIB", "place": "Ruang Rapat Kanwil",
                "chair": {"name": "Siti Rahmawati", "nip": "197501012000032001"},
                "members": ["Agus Wibowo", {"name": "Dewi Lestari", "nip": "198001012005012001"}],
                "secretary": "Rudi Hartono"},
    "statement": "Saya mengakui dan telah menghapus unggahan tersebut.",
    "decision": {"proven": True, "statement": "terbuka", "discipline_level": "sedang",
                 "reasons": "unggahan publik dengan jangkauan luas"},
    "signatory": {"name": "Siti Rahmawati", "nip": "197501012000032001",
                  "position": "Ketua Majelis Kode Etik"},
    "cc": ["Kepala Kantor Wilayah Ditjenpas Jawa Barat"],
}


def ctx(**changes) -> dict:
    c = copy.deepcopy(CONTEXT)
    for key, value in changes.items():
        target = c
        parts = key.split("__")
        for p in parts[:-1]:
            target = target[p]
        if value is _DELETE:
            target.pop(parts[-1], None)
        else:
            target[parts[-1]] = value
    return c


_DELETE = object()


# --------------------------------------------------------------------------- PDF helpers

def _extract(data: bytes) -> str | None:
    try:
        import pypdf
    except ImportError:
        pypdf = None
    if pypdf is not None:
        reader = pypdf.PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    if shutil.which("pdftotext"):
        done = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data,
                              capture_output=True, check=True, timeout=60)
        return done.stdout.decode("utf-8")
    return None


_LITERAL = re.compile(rb"\((?:\\.|[^\\)])*\)")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _raw_text(raw: bytes) -> str:
    """Text of the literal strings of an uncompressed core-font PDF, in order."""
    parts = []
    for m in _LITERAL.finditer(raw):
        body = re.sub(rb"\\([0-7]{1,3}|.)", lambda e: bytes([int(e.group(1), 8)])
                      if e.group(1)[:1].isdigit() else _ESCAPES.get(e.group(1), e.group(1)),
                      m.group(0)[1:-1], flags=re.S)
        parts.append(body.decode("cp1252", "replace"))
    return " ".join(parts)


def _norm(text: str) -> str:
    return " ".join(text.split())


def page_count(data: bytes) -> int:
    # fpdf2 writes page objects uncompressed (no object streams)
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def assert_pdf(data: bytes) -> None:
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    assert page_count(data) >= 1


def letter_text(kind: str, context: dict, monkeypatch) -> str:
    """Render and read back; falls back to raw uncompressed core-font output."""
    data = render_letter(kind, context)
    assert_pdf(data)
    text = _extract(data)
    if text is None:
        monkeypatch.setenv("RAMBU_PDF_FONT_DIR", "core")
        text = _raw_text(render_letter(kind, context, _compress=False))
    return _norm(text)


def report_text(data: bytes, title, sections, monkeypatch, **kw) -> str:
    assert_pdf(data)
    text = _extract(data)
    if text is None:
        monkeypatch.setenv("RAMBU_PDF_FONT_DIR", "core")
        text = _raw_text(render_report(title, sections, _compress=False, **kw))
    return _norm(text)


# --------------------------------------------------------------------------- letters

@pytest.mark.parametrize("kind", ["summons", "hearing_minutes", "decision"])
def test_each_letter_kind_has_employee_rule_and_letterhead(kind, monkeypatch):
    text = letter_text(kind, ctx(), monkeypatch)
    for phrase in ("Budi Santoso", "198703152010121002", "Larangan 2", "Larangan 7",
                   "KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA",
                   "DIREKTORAT JENDERAL PEMASYARAKATAN", "W.10.PAS.PAS.1-KP.05.02-123",
                   "M.HH-16.KP.05.02", "Nomor 42 Tahun 2004", "dasar kaum itu semua penipu",
                   "UU ITE Pasal 28 ayat (2)", "Siti Rahmawati"):
        assert phrase in text, (kind, phrase)


def test_summons_content(monkeypatch):
    text = letter_text("summons", ctx(), monkeypatch)
    for phrase in ("Panggilan Sidang Kode Etik", "Bandung, 5 Maret 2025", "Rabu, 12 Maret 2025",
                   "09.00 WIB", "Ruang Rapat Kanwil", "Tembusan"):
        assert phrase in text, phrase
    # a summons comes before the decision: no sanction wording, no PP 94/2021
    assert "Nomor 94 Tahun 2021" not in text
    assert "TERBUKTI" not in text


def test_hearing_minutes_content(monkeypatch):
    text = letter_text("hearing_minutes", ctx(), monkeypatch)
    for phrase in ("BERITA ACARA SIDANG KODE ETIK", "Agus Wibowo", "Dewi Lestari", "Rudi Hartono",
                   "telah menghapus unggahan", "TERBUKTI", "pernyataan secara terbuka",
                   "tingkat sedang", "Nomor 94 Tahun 2021", "Pegawai yang diperiksa"):
        assert phrase in text, phrase


def test_decision_proven_with_discipline(monkeypatch):
    text = letter_text("decision", ctx(), monkeypatch)
    for phrase in ("KEPUTUSAN MAJELIS KODE ETIK", "Menimbang", "Mengingat", "MEMUTUSKAN",
                   "KESATU", "TERBUKTI", "pernyataan secara terbuka", "Pejabat Pembina Kepegawaian",
                   "hukuman disiplin tingkat sedang", "Nomor 94 Tahun 2021", "Pasal 8",
                   "pemotongan tunjangan kinerja", "LAMPIRAN", "Ditetapkan di Bandung",
                   "5 Maret 2025", "final"):
        assert phrase in text, phrase
    assert "TIDAK TERBUKTI" not in text
    assert "rehabilitasi" not in text


def test_decision_not_proven_restores_name(monkeypatch):
    text = letter_text("decision", ctx(decision={"proven": False, "reasons": "bukti tidak cukup"}),
                       monkeypatch)
    assert "TIDAK TERBUKTI" in text
    assert "rehabilitasi" in text
    assert "bukti tidak cukup" in text
    assert "Nomor 94 Tahun 2021" not in text
    assert "sanksi moral" not in text


@pytest.mark.parametrize("level,penalty", [("ringan", "teguran lisan"),
                                           ("sedang", "9 (sembilan) bulan"),
                                           ("berat", "pemberhentian dengan hormat")])
def test_decision_lists_the_penalties_of_the_level(level, penalty, monkeypatch):
    c = ctx(decision__discipline_level=level, decision__statement="tertutup")
    text = letter_text("decision", c, monkeypatch)
    assert f"tingkat {level}" in text
    assert penalty in text
    assert "pernyataan secara tertutup" in text


def test_decision_without_discipline_level(monkeypatch):
    text = letter_text("decision", ctx(decision__discipline_level=None), monkeypatch)
    assert "TERBUKTI" in text and "sanksi moral" in text
    assert "hukuman disiplin" not in text
    assert "Nomor 94 Tahun 2021" not in text


def test_decision_with_chosen_penalty(monkeypatch):
    c = ctx(decision__discipline_level="ringan", decision__discipline_penalty="teguran tertulis")
    text = letter_text("decision", c, monkeypatch)
    assert "teguran tertulis" in text
    assert "teguran lisan" not in text


@pytest.mark.parametrize("kind,key", [
    ("summons", "number"), ("summons", "date"), ("summons", "employee.name"),
    ("summons", "employee.nip"), ("summons", "hearing.date"), ("summons", "signatory.name"),
    ("hearing_minutes", "hearing.chair"), ("hearing_minutes", "unit"),
    ("decision", "decision.proven"), ("decision", "signatory.name"),
    ("decision", "decision.statement"), ("decision", "findings"),
])
def test_missing_required_key_raises_value_error_naming_it(kind, key):
    c = ctx(**{key.replace(".", "__"): _DELETE})
    with pytest.raises(ValueError, match=re.escape(key)):
        render_letter(kind, c)
    c = ctx(**{key.replace(".", "__"): "  "})
    with pytest.raises(ValueError, match=re.escape(key)):
        render_letter(kind, c)


def test_whole_missing_section_names_the_key():
    with pytest.raises(ValueError, match="employee.name"):
        render_letter("summons", ctx(employee=_DELETE))


@pytest.mark.parametrize("change,key", [
    ({"date": "05/03/2025"}, "date"),
    ({"decision__statement": "setengah terbuka"}, "decision.statement"),
    ({"decision__discipline_level": "ekstrem"}, "decision.discipline_level"),
    ({"decision__proven": "mungkin"}, "decision.proven"),
])
def test_invalid_values_raise_value_error(change, key):
    with pytest.raises(ValueError, match=re.escape(key)):
        render_letter("decision", ctx(**change))


def test_unknown_kind_and_bad_context():
    with pytest.raises(ValueError, match="kind"):
        render_letter("memo", ctx())
    with pytest.raises(ValueError):
        render_letter("summons", None)  # type: ignore[arg-type]


def test_optional_keys_missing_render_as_dash(monkeypatch):
    minimal = {"number": "1/KE/2025", "date": "2025-03-05", "unit": "Lapas Contoh",
               "employee": {"name": "Ani Lestari", "nip": "199001012020122001"},
               "hearing": {"date": "2025-03-10", "place": "Aula", "chair": "Pak Ketua"},
               "signatory": {"name": "Pak Ketua"}}
    for kind, extra in (("summons", {}), ("hearing_minutes", {}),
                        ("decision", {"decision": {"proven": False}})):
        text = letter_text(kind, {**minimal, **extra}, monkeypatch)
        assert "Ani Lestari" in text and "199001012020122001" in text
        assert " - " in text or ": -" in text
    text = letter_text("summons", minimal, monkeypatch)
    assert "5 Maret 2025" in text


def test_dates_accept_date_objects_and_datetime_gives_time(monkeypatch):
    c = ctx(date=date(2025, 8, 17), hearing__date=datetime(2025, 12, 1, 13, 30),
            hearing__time=_DELETE)
    text = letter_text("summons", c, monkeypatch)
    assert "17 Agustus 2025" in text
    assert "Senin, 1 Desember 2025" in text
    assert "13.30" in text


NASTY = ("kalian semua 😡🔥👍🏽 \u200d\u202e\x00\x07 عربي 中文 Ñandú café “kutip” — ok"
         " \U0001F1EE\U0001F1E9 \ufeff\ud7ff")


@pytest.mark.parametrize("font", ["auto", "core"])
@pytest.mark.parametrize("kind", ["summons", "hearing_minutes", "decision"])
def test_unicode_and_emoji_do_not_crash(kind, font, monkeypatch):
    if font == "core":
        monkeypatch.setenv("RAMBU_PDF_FONT_DIR", "core")
    c = ctx(statement=NASTY, employee__name="Budi Santoso 😀", case__summary=NASTY)
    c["findings"][0]["quotes"] = [NASTY, "🙏🙏🙏", ""]
    c["findings"][0]["explanation"] = NASTY
    data = render_letter(kind, c)
    assert_pdf(data)
    text = _extract(data)
    if text is not None:
        text = _norm(text)
        assert "Budi Santoso" in text
        assert "café" in text
        assert "🔥" not in text  # no glyph in any font we use: dropped
        assert "“”" not in text.replace(" ", "")  # an emoji-only quote is left out


def test_core_font_fallback_is_used_when_no_unicode_font(monkeypatch):
    monkeypatch.setenv("RAMBU_PDF_FONT_DIR", "core")
    assert pdf.font_dir() is None
    raw = render_letter("summons", ctx(), _compress=False)
    assert b"/BaseFont /Helvetica" in raw
    assert b"Budi Santoso" in raw and b"198703152010121002" in raw


def test_unicode_font_is_embedded_when_available(monkeypatch):
    monkeypatch.delenv("RAMBU_PDF_FONT_DIR", raising=False)
    if pdf.font_dir() is None:
        pytest.skip("no DejaVu font on this machine: the core-font path is tested above")
    data = render_letter("summons", ctx())
    assert b"/FontFile2" in data  # an embedded TrueType subset


def test_wording_is_data(tmp_path, monkeypatch):
    override = tmp_path / "letters.json"
    override.write_text(json.dumps({"rule_titles": {"2": "Judul larangan uji coba"}}), encoding="utf-8")
    monkeypatch.setenv("RAMBU_LETTER_TEMPLATES", str(override))
    text = letter_text("summons", ctx(), monkeypatch)
    assert "Judul larangan uji coba" in text
    shipped = json.loads(pdf.TEMPLATE_FILE.read_text(encoding="utf-8"))
    assert set(pdf.LETTER_KINDS) <= set(shipped)


def test_many_findings_paginate(monkeypatch):
    c = ctx()
    c["findings"] = [dict(c["findings"][0], explanation=f"Temuan nomor {i} " + "kata " * 60)
                     for i in range(25)]
    data = render_letter("hearing_minutes", c)
    assert page_count(data) >= 3
    text = letter_text("hearing_minutes", c, monkeypatch)
    assert "Temuan nomor 24" in text
    assert "Halaman 3 dari" in text


def test_odd_types_and_very_long_values_do_not_crash(monkeypatch):
    long = "X" * 400
    c = ctx(number=long, unit=long, region=long, city=long, cc="Satu tembusan")
    c["employee"].update(name=long, nip=198703152010121002)
    c["findings"][0].update(quotes=[long * 3], basis="UU ITE", rule="Larangan khusus")
    c["findings"] += ["temuan berupa teks saja", {"rule": None, "confidence": "tinggi"}]
    c["hearing"].update(members="Satu Orang", chair=12345)
    c["signatory"]["nip"] = 1987
    c["decision"]["reasons"] = ["alasan satu.", "alasan dua"]
    for kind in pdf.LETTER_KINDS:
        assert_pdf(render_letter(kind, c))
    text = letter_text("hearing_minutes", c, monkeypatch)
    assert "temuan berupa teks saja" in text and "alasan satu; alasan dua" in text


# --------------------------------------------------------------------------- reports

SECTIONS = [
    {"heading": "Ringkasan", "text": "Selama Maret 2025 tercatat 42 temuan 😀."},
    {"heading": "Temuan per unit",
     "table": {"columns": ["Unit", "Temuan", "Tanggal"],
               "rows": [["Lapas Kelas I Bandung", 12, date(2025, 3, 1)],
                        ["Rutan <script>", 0, None], ["pendek"]]},
     "chart": bar_chart([("UnitGrafikSatu", 12), ("UnitGrafikDua", 0)], "Temuan per unit")},
    {"heading": "Tren bulanan",
     "chart": {"type": "line", "series": {"Larangan 2": [("2025-01", 3), ("2025-02", 5)]},
               "title": "Tren"}},
    {"heading": "Grafik rusak", "chart": "<svg><not-closed"},
]


def test_report_with_table_and_chart(monkeypatch):
    when = datetime(2025, 3, 5, 14, 30, tzinfo=timezone(timedelta(hours=7)))
    data = render_report("Laporan Bulanan Temuan", SECTIONS, generated_at=when)
    text = report_text(data, "Laporan Bulanan Temuan", SECTIONS, monkeypatch, generated_at=when)
    for phrase in ("Laporan Bulanan Temuan", "Ringkasan", "Lapas Kelas I Bandung", "Rutan <script>",
                   "01-03-2025", "Halaman 1 dari", "5 Maret 2025 14.30 WIB",
                   "Tren bulanan", "[Grafik tidak dapat ditampilkan]"):
        assert phrase in text, phrase
    if _extract(data) is not None:
        assert "UnitGrafikSatu" in text  # chart labels are drawn as text


def test_report_long_table_paginates_with_page_numbers(monkeypatch):
    rows = [[f"Unit {i}", i, i * 0.5] for i in range(150)]
    sections = [{"heading": "Daftar", "table": {"columns": ["Unit", "Jumlah", "Rasio"], "rows": rows}}]
    data = render_report("Laporan Panjang", sections)
    assert page_count(data) >= 3
    text = report_text(data, "Laporan Panjang", sections, monkeypatch)
    assert "Unit 149" in text and "Halaman 2 dari" in text


def test_report_edge_cases(monkeypatch):
    for sections in ([], [{"heading": "Kosong", "table": {"columns": ["A"], "rows": []}}],
                     [{"table": {"rows": [[1, 2]]}}], ["teks lepas"], [{"chart": bar_chart([], "")}]):
        assert_pdf(render_report("", sections))
    long = "X" * 400
    huge = [{"heading": long, "text": long, "table": {"columns": ["a"] * 30, "rows": [[long] * 30]}}]
    text = report_text(render_report(long, huge), long, huge, monkeypatch)
    assert "[Tabel tidak dapat ditampilkan" in text
    monkeypatch.setenv("RAMBU_PDF_FONT_DIR", "core")
    assert_pdf(render_report("Laporan 😀 — inti", SECTIONS))


# --------------------------------------------------------------------------- CSV

def _read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_round_trip_and_quoting():
    rows = [{"nama": "Budi, S.H.", "catatan": 'kata "kutip"\nbaris dua', "jumlah": 3,
             "tanggal": date(2025, 3, 5), "kosong": None, "lain": "abaikan"},
            {"nama": "Ani 😀 café", "jumlah": -5, "catatan": "-5", "tanggal": "2025-03-06"}]
    data = to_csv(rows, ["nama", "catatan", "jumlah", "tanggal", "kosong"])
    assert b"\r\n" in data
    parsed = _read_csv(data)
    assert parsed[0] == ["nama", "catatan", "jumlah", "tanggal", "kosong"]
    assert parsed[1] == ["Budi, S.H.", 'kata "kutip"\nbaris dua', "3", "2025-03-05", ""]
    assert parsed[2] == ["Ani 😀 café", "-5", "-5", "2025-03-06", ""]


@pytest.mark.parametrize("evil", ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)",
                                  "=HYPERLINK(\"http://x\")", "\t=1", "\r=1"])
def test_csv_neutralises_formulas(evil):
    parsed = _read_csv(to_csv([{"a": evil}], ["a", evil]))
    assert parsed[1][0] == "'" + evil
    assert parsed[0][1] == "'" + evil  # headers too


def test_csv_empty():
    assert _read_csv(to_csv([], ["a", "b"])) == [["a", "b"]]


# --------------------------------------------------------------------------- XLSX

def test_xlsx_opens_and_has_header_dates_and_no_formulas():
    rows = [{"nama": "Budi", "jumlah": 3, "tanggal": date(2025, 3, 5),
             "waktu": datetime(2025, 3, 5, 9, 30, tzinfo=timezone.utc), "teks": "=1+1"},
            {"nama": "Ani 😀", "jumlah": 2.5, "tanggal": "2025-03-06", "waktu": None,
             "teks": "x" * 40000}]
    columns = ["nama", "jumlah", "tanggal", "waktu", "teks"]
    data = to_xlsx(rows, columns, sheet="Temuan/Maret:2025")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        assert "xl/worksheets/sheet1.xml" in names
        shared = z.read("xl/sharedStrings.xml").decode("utf-8")
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
        styles = z.read("xl/styles.xml").decode("utf-8")
        workbook = z.read("xl/workbook.xml").decode("utf-8")
    for c in columns:
        assert f">{c}<" in shared
    assert "=1+1" in shared and "<f>" not in sheet  # text, never a formula
    assert "<b/>" in styles and "dd/mm/yyyy" in styles
    assert "<pane" in sheet and "<col " in sheet
    assert 'name="Temuan_Maret_2025"' in workbook
    assert "45721" in sheet  # 2025-03-05 as an Excel serial date


def test_xlsx_with_openpyxl_if_installed():
    openpyxl = pytest.importorskip("openpyxl")
    rows = [{"nama": "Budi", "tanggal": date(2025, 3, 5), "jumlah": 3},
            {"nama": "=cmd", "tanggal": "2025-03-06T08:15:00", "jumlah": None}]
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx(rows, ["nama", "tanggal", "jumlah"])))
    ws = wb["Data"]
    assert [c.value for c in ws[1]] == ["nama", "tanggal", "jumlah"]
    assert ws["A1"].font.bold
    assert ws["B2"].value == datetime(2025, 3, 5)
    assert ws["B3"].value == datetime(2025, 3, 6, 8, 15)
    assert ws["A3"].value == "=cmd" and ws["A3"].data_type == "s"


def test_xlsx_empty():
    with zipfile.ZipFile(io.BytesIO(to_xlsx([], ["a"]))) as z:
        assert ">a<" in z.read("xl/sharedStrings.xml").decode("utf-8")


# --------------------------------------------------------------------------- SVG charts

def _parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg"
    assert root.get("role") == "img"
    assert root.get("viewBox")
    title = root.find(SVG + "title")
    assert title is not None and root.get("aria-labelledby", "").startswith(title.get("id"))
    assert not list(root.iter(SVG + "script"))
    assert "<script" not in svg and "javascript:" not in svg.lower()
    assert "href" not in svg and "@font-face" not in svg and "url(" not in svg
    return root


def _texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(SVG + "text")]


def test_bar_chart_escapes_labels_and_is_accessible():
    svg = bar_chart([("<script>alert(1)</script>", 3), ("Rutan & Lapas", 0), ("Unit \"B\"", 12)],
                    "Temuan <per> unit")
    root = _parse(svg)
    assert root.find(SVG + "title").text == "Temuan <per> unit"
    texts = _texts(root)
    assert "<script>alert(1)</script>" in texts
    assert "Rutan & Lapas" in texts and "0" in texts and "12" in texts
    desc = root.find(SVG + "desc").text
    assert "Rutan & Lapas: 0" in desc


def test_bar_chart_empty_zero_and_odd_values():
    assert "Tidak ada data" in _texts(_parse(bar_chart([], "Kosong")))
    root = _parse(bar_chart([("a", 0), ("b", 0)], "Nol"))
    assert all(float(r.get("width")) >= 0 for r in root.iter(SVG + "rect"))
    root = _parse(bar_chart([("a", None), ("b", float("nan")), ("c", -4), ("d", 1e9)], "Aneh"))
    assert "-" in _texts(root) and "1.000.000.000" in _texts(root)
    many = _parse(bar_chart([(f"Unit {i}", i) for i in range(40)], "Banyak", height=100))
    assert float(many.get("height")) >= 40 * 20


def test_line_chart():
    series = {"Larangan 1": [("2025-02", 5), ("2025-01", 3), ("2025-03", 0)],
              "Larangan <2>": [("2025-01", 0), ("2025-03", None)],
              "Kosong": []}
    root = _parse(line_chart(series, "Tren"))
    texts = _texts(root)
    assert "Larangan <2>" in texts and "2025-01" in texts
    assert texts.index("2025-01") < texts.index("2025-03")  # ISO months sorted
    assert list(root.iter(SVG + "polyline"))
    assert "Tidak ada data" in _texts(_parse(line_chart({}, "Kosong")))
    assert "Tidak ada data" in _texts(_parse(line_chart({"a": []}, "Kosong")))
    _parse(line_chart({"a": [("satu", 0)]}, "Satu titik"))
    _parse(line_chart({"a": [("x", 0), ("y", 0)]}, "Nol"))


def test_chart_module_constants():
    assert len(charts.PALETTE) >= 5
    assert export.safe_cell("=x") == "'=x" and export.safe_cell("-5") == "-5"
