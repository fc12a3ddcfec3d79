"""`rambu`: check activities, classify texts, list the rules, retrain the models.

Exit status: 0 all good, 1 some input lines (or rows of a reference file)
failed, 2 usage error (bad option, unreadable file).
"""
from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
from typing import IO, Iterable

from . import __version__, display

DECISION_ID = {"violation": "PELANGGARAN", "review": "PERLU TINJAUAN", "clean": "BERSIH"}


class UsageError(Exception):
    pass


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "cmd", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return args.func(args)
    except UsageError as e:
        print(f"rambu: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="rambu", description="Penyaringan aktivitas media sosial pegawai Pemasyarakatan.")
    p.add_argument("--version", action="version", version=f"rambu {__version__}")
    sub = p.add_subparsers(dest="cmd")

    c = sub.add_parser("check", help="periksa aktivitas (JSON Lines) atau satu draf unggahan (--text)")
    c.add_argument("activities", nargs="?", help="berkas JSON Lines aktivitas, atau - untuk standar input")
    c.add_argument("--text", help="periksa satu draf unggahan")
    c.add_argument("--media", action="append", default=[], metavar="BERKAS",
                   help="gambar, video, atau audio draf (boleh berulang; dengan atau tanpa --text)")
    c.add_argument("--staff", help="direktori pegawai (JSON atau CSV)")
    c.add_argument("--factchecks", help="register cek fakta (CSV atau JSON Lines)")
    c.add_argument("--config", help="berkas pengaturan TOML")
    c.add_argument("--format", choices=("jsonl", "table"), default=None, help="format keluaran (bawaan: jsonl; --text: table)")
    c.add_argument("--output", "-o", help="tulis hasil ke berkas ini")
    c.add_argument("--workers", type=int, default=None, help="jumlah proses paralel (bawaan: jumlah inti CPU)")
    c.add_argument("--no-progress", action="store_true", help="jangan tampilkan progres")
    c.set_defaults(func=cmd_check)

    k = sub.add_parser("classify", help="skor klasifikasi teks untuk larangan 1 dan 2")
    k.add_argument("file", help="teks biasa (satu per baris) atau JSON Lines dengan kolom text; - untuk standar input")
    k.add_argument("--config", help="berkas pengaturan TOML")
    k.add_argument("--output", "-o", help="tulis hasil ke berkas ini")
    k.set_defaults(func=cmd_classify)

    r = sub.add_parser("rules", help="daftar larangan, dasar hukum, dan pengaturan yang berlaku")
    r.add_argument("--config", help="berkas pengaturan TOML")
    r.add_argument("--format", choices=("text", "json"), default="text")
    r.set_defaults(func=cmd_rules)

    e = sub.add_parser("evaluate", help="ukur presisi, recall, dan tuduhan salah per larangan pada data berlabel")
    e.add_argument("labelled", nargs="?", help="JSON Lines (aktivitas + expected_rules) atau CSV (teks + rules)")
    e.add_argument("--preset", help="pemetaan label data set CSV (ibrohim2019, netifier, pratiwi2017; bawaan: dikenali dari judul kolom)")
    e.add_argument("--text-column", help="kolom teks CSV (bawaan: text atau sesuai preset)")
    e.add_argument("--feedback", metavar="DATABASE_URL",
                   help="laporkan keputusan pemeriksa di basis data rambu per larangan dan tingkat keyakinan")
    e.add_argument("--staff", help="direktori pegawai (JSON atau CSV)")
    e.add_argument("--factchecks", help="register cek fakta (CSV atau JSON Lines)")
    e.add_argument("--config", help="berkas pengaturan TOML")
    e.add_argument("--format", choices=("table", "json"), default="table")
    e.add_argument("--output", "-o", help="tulis hasil ke berkas ini")
    e.add_argument("--workers", type=int, default=None, help="jumlah proses paralel")
    e.set_defaults(func=cmd_evaluate)

    t = sub.add_parser("train", help="latih ulang model klasifikasi dari ../shared/data")
    t.add_argument("--data", default=None, help="folder data (bawaan: ../shared/data)")
    t.add_argument("--out", default=None, help="folder keluaran model (bawaan: model paket)")
    t.add_argument("--folds", type=int, default=5)
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--feedback", metavar="DATABASE_URL", help="tambahkan keputusan pemeriksa dari basis data rambu")
    t.set_defaults(func=cmd_train)
    from .importers.command import register as register_import  # `rambu import` (rambu/importers/command.py)
    register_import(sub)
    try:  # the web application adds `serve` and `audit` (rambu/web/commands.py)
        from .web.commands import register
    except ImportError:
        register = None
    if register is not None:
        register(sub)
        from .jobs.worker import register as register_jobs  # `worker`, `rescreen` (rambu/jobs/worker.py)
        register_jobs(sub)
    return p


def _config(args):
    from .settings import SettingsError, load_config
    try:
        return load_config(args.config)
    except SettingsError as e:
        raise UsageError(str(e)) from None


def _open_out(path: str | None) -> IO[str]:
    if not path:
        return sys.stdout
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as e:
        raise UsageError(f"{path}: tidak dapat ditulis ({e.strerror})") from None


def _screener(args, config):
    from .engine import Screener, ScreenerSpec, load_factchecks, load_staff
    failures = 0
    staff = factchecks = None
    for label, path in (("--staff", args.staff), ("--factchecks", args.factchecks)):
        if path and not os.path.isfile(path):
            raise UsageError(f"{label} {path}: berkas tidak ditemukan")
    try:
        staff, bad_staff = load_staff(args.staff)
        factchecks, bad_fc = load_factchecks(args.factchecks, workers=os.cpu_count() or 1)
    except ValueError as e:  # unreadable as a whole: wrong format, bad encoding
        raise UsageError(str(e)) from None
    for err in bad_staff + bad_fc:
        print(f"rambu: {err}", file=sys.stderr)
        failures += not err.startswith("peringatan:")  # warnings keep the exit status
    spec = ScreenerSpec(args.config, args.staff, args.factchecks)
    try:
        screener = Screener(config, staff=staff, factchecks=factchecks, spec=spec)
    except ValueError as e:  # office hours or holidays file that cannot be read
        raise UsageError(str(e)) from None
    from .engine import settle
    settle()  # this process now only screens
    return screener, failures


def cmd_check(args) -> int:
    draft = args.text is not None or bool(args.media)
    if draft == bool(args.activities):
        raise UsageError("beri berkas aktivitas (atau -) atau --text/--media, salah satu")
    config = _config(args)
    screener, failures = _screener(args, config)
    out = _open_out(args.output)
    try:
        if draft:
            return _check_text(screener, args, out) or (1 if failures else 0)
        return max(_check_file(screener, args, out), 1 if failures else 0)
    finally:
        if out is not sys.stdout:
            out.close()


def _check_text(screener, args, out: IO[str]) -> int:
    from datetime import datetime, timezone
    from .media.probe import guess_kind
    activity = {"id": "draf", "type": "post", "text": args.text or None,
                "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "media": [{"kind": guess_kind(p), "path": os.path.abspath(p)} for p in args.media]}
    result = screener.screen(activity, draft=True).to_dict()
    if args.format == "jsonl":
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
    else:
        out.write(render_verdict(result, args.text or ""))
    return 0


def _check_file(screener, args, out: IO[str]) -> int:
    from .engine import screen_stream
    if args.activities == "-":
        stream, base_dir, total = sys.stdin.buffer, os.getcwd(), None
    else:
        try:
            stream = open(args.activities, "rb")
        except OSError as e:
            raise UsageError(f"{args.activities}: tidak dapat dibuka ({e.strerror})") from None
        base_dir, total = os.path.dirname(os.path.abspath(args.activities)), os.path.getsize(args.activities)
    progress = Progress(total, stream) if (sys.stderr.isatty() and not args.no_progress) else None
    failed = 0
    table = args.format == "table"
    if table:
        out.write(TABLE_HEADER)
    try:
        for res in screen_stream(screener, stream, base_dir, workers=args.workers, as_json=not table):
            if table:
                failed += "error" in res
                out.write(render_row(res))
            else:  # JSON text made in the workers
                text, bad = res
                failed += bad
                out.write(text + "\n")
            if progress:
                progress.tick()
    finally:
        if progress:
            progress.done()
        if stream is not sys.stdin.buffer:
            stream.close()
    return 1 if failed else 0


class Progress:
    """A one-line progress bar on standard error (only when it is a terminal)."""

    def __init__(self, total_bytes: int | None, stream):
        self.total, self.stream, self.n, self.t0, self.last = total_bytes, stream, 0, time.monotonic(), 0.0

    def tick(self) -> None:
        self.n += 1
        now = time.monotonic()
        if now - self.last < 0.2:
            return
        self.last = now
        rate = self.n / max(now - self.t0, 1e-6)
        bar = ""
        if self.total:
            try:
                frac = min(self.stream.tell() / self.total, 1.0)
            except (OSError, ValueError):
                frac = 0.0
            bar = f"[{'#' * int(frac * 30):<30}] {display.num(frac * 100, 1):>5}% "
        sys.stderr.write(f"\r{bar}{self.n} aktivitas, {rate:.0f}/detik")
        sys.stderr.flush()

    def done(self) -> None:
        el = time.monotonic() - self.t0
        sys.stderr.write(f"\r{self.n} aktivitas selesai dalam {display.num(el, 1)} detik{' ' * 30}\n")


TABLE_HEADER = f"{'ID':<14} {'KEPUTUSAN':<15} {'LARANGAN':<9} {'YAKIN':<6} PENJELASAN\n"


def render_row(res: dict) -> str:
    rid = str(res.get("id") or "-")[:14]
    if "error" in res:
        return f"{rid:<14} {'GALAT':<15} {'-':<9} {'-':<6} baris {res.get('line')}: {res['error']}\n"
    fs = res["findings"]
    rules = ",".join(str(f["rule"]) for f in fs) or "-"
    conf = display.score(max(f['confidence'] for f in fs)) if fs else "-"
    expl = fs[0]["explanation"] if fs else ""
    if expl.startswith("Larangan ") and "): " in expl:  # the rule is already in its own column
        expl = expl.split("): ", 1)[1]
    if len(expl) > 110:
        expl = expl[:107] + "..."
    return f"{rid:<14} {DECISION_ID.get(res['decision'], res['decision']):<15} {rules:<9} {conf:<6} {expl}\n"


def render_verdict(res: dict, text: str) -> str:
    """The humas pre-publication check: a readable verdict with the evidence marked."""
    buf = io.StringIO()
    decision = res["decision"]
    buf.write(f"Hasil pemeriksaan draf: {DECISION_ID.get(decision, decision)}\n")
    if decision == "clean":
        buf.write("Tidak ditemukan pelanggaran etika bermedia sosial. Tetap periksa sumber dan kesantunan sebelum mengunggah.\n")
    for i, f in enumerate(res["findings"], 1):
        buf.write(f"\n{i}. Larangan {f['rule']} (keyakinan {display.score(f['confidence'])}"
                  f"{', perlu tinjauan' if f['needs_review'] else ''})\n")
        buf.write(f"   {f['explanation']}\n")
        marked = _mark(text, [e for e in f["evidence"] if e["field"] == "text"])
        if marked:
            buf.write(f"   Bukti: {marked}\n")
        buf.write(f"   Dasar: {'; '.join(f['basis'])}\n")
        s = f.get("sanction") or {}
        if s:
            lvl = f", hukuman disiplin tingkat {s['discipline_level']}" if s.get("discipline_level") else ""
            buf.write(f"   Sanksi (larangan 8): {s['ethics']} ({s['statement']}){lvl}; alasan: {s['reason']}\n")
        buf.write(f"   Saran: {SUGGESTIONS.get(f['rule'], 'Tinjau ulang isi sebelum mengunggah.')}\n")
    for e in res.get("errors", []):
        buf.write(f"\nCatatan: {e}\n")
    return buf.getvalue()


SUGGESTIONS = {
    1: "Sampaikan kritik terhadap kebijakan dengan bahasa santun dan data, tanpa hinaan terhadap dasar negara atau pemerintah.",
    2: "Hapus kata yang merendahkan suku, agama, ras, atau golongan; tulis tentang perbuatan, bukan kelompok.",
    3: "Jangan membagikan atau menyetujui konten kebencian; laporkan konten tersebut.",
    4: "Periksa sumber resmi atau register cek fakta; jangan meneruskan kabar tanpa sumber yang dapat dipertanggungjawabkan.",
    5: "Perlakukan bendera, lambang, lagu kebangsaan, dan bahasa negara dengan hormat sesuai UU 24/2009.",
    6: "Jangan unggah jadwal jaga, denah, CCTV, rencana razia/pemindahan, atau data identitas warga binaan; gunakan saluran humas resmi.",
    7: "Hentikan siaran langsung pada jam dinas atau saat berseragam, kecuali kegiatan kedinasan melalui akun resmi.",
}


def _mark(text: str, evidence: list[dict]) -> str:
    if not evidence:
        return ""
    spans = sorted({(e["start"], e["end"]) for e in evidence})
    out, pos = [], 0
    for a, b in spans:
        if a < pos:
            continue
        out.append(text[pos:a])
        out.append(f"[[{text[a:b]}]]")
        pos = b
    out.append(text[pos:])
    return "".join(out).replace("\n", " ")


def cmd_classify(args) -> int:
    from .classify.model import TextClassifier
    from .detectors.rule1_ideology import IdeologyHateDetector
    from .detectors.rule2_sara import SaraHateDetector
    from .analysis import Resources, analyse
    from .contract.activity import parse_activity
    config = _config(args)
    clf = TextClassifier.load(config.get("classifier.model_dir") or None)
    res = Resources(config=config, classifier=clf)
    r1, r2 = IdeologyHateDetector(res), SaraHateDetector(res)
    try:
        src = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8", errors="strict")
    except OSError as e:
        raise UsageError(f"{args.file}: tidak dapat dibuka ({e.strerror})") from None
    out = _open_out(args.output)
    failed = 0
    try:
        for n, line in _lines(src, args.file):
            if isinstance(line, Exception):
                out.write(json.dumps({"line": n, "error": str(line)}, ensure_ascii=False) + "\n")
                failed += 1
                continue
            text = line
            if line.lstrip().startswith("{"):
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as e:
                    out.write(json.dumps({"line": n, "error": f"JSON tidak sah pada kolom {e.colno}"}) + "\n")
                    failed += 1
                    continue
                if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                    out.write(json.dumps({"line": n, "error": "text: wajib ada dan berupa teks"}) + "\n")
                    failed += 1
                    continue
                text = obj["text"]
            doc = analyse(parse_activity({"id": str(n), "type": "post", "text": text,
                                          "created_at": "2025-01-01T00:00:00+07:00"}), res)
            probs = {k: round(v, 4) for k, v in (doc.scores(doc.fields[0]) if doc.fields else {}).items()}
            row = {k: probs.get(k, 0.0) for k in CLASSIFY_KEYS}
            row |= {(f"{k}_model" if k in ("rule1", "rule2") else k): v for k, v in probs.items() if k not in row}
            for key, det in (("rule1", r1), ("rule2", r2)):  # the rule's score: model + word lists + context
                row[key] = round(max((det.probability(doc, f) for f in doc.own()), default=0.0), 4)
            out.write(json.dumps({"line": n, **row}, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 1 if failed else 0


CLASSIFY_KEYS = ("HS", "Abusive", "HS_Individual", "HS_Group", "HS_Religion", "HS_Race", "HS_Physical",
                 "HS_Gender", "HS_Other")


def _lines(src, name: str) -> Iterable[tuple[int, str | Exception]]:
    n = 0
    while True:
        n += 1
        try:
            line = src.readline()
        except UnicodeDecodeError as e:
            yield n, ValueError(f"{name} baris {n}: bukan teks UTF-8 yang sah ({e.reason})")
            return
        if not line:
            return
        line = line.rstrip("\r\n")
        if line.strip():
            yield n, line


def cmd_rules(args) -> int:
    from .detectors import detector_classes
    from .settings import SETTINGS
    config = _config(args)
    rules = [{"rule": c.rule, "name": f"{c.name}@{c.version}", "title": c.title, "basis": list(c.basis)}
             for c in detector_classes()]
    from .sanctions import BASIS, DISCIPLINE_BASIS
    rules.append({"rule": 8, "name": "sanctions", "title": "sanksi menurut Kode Etik Pegawai Pemasyarakatan",
                  "basis": list(BASIS) + [DISCIPLINE_BASIS]})
    if args.format == "json":
        print(json.dumps({"version": __version__, "rules": rules, "config": config.to_json(),
                          "settings_help": {s.name: s.help for s in SETTINGS}}, ensure_ascii=False, indent=2))
        return 0
    print(f"rambu {__version__}: larangan bermedia sosial ASN Pemasyarakatan\n")
    for r in rules:
        print(f"{r['rule']}. {r['title']}  [{r['name']}]")
        for b in r["basis"]:
            print(f"     - {b}")
    print(f"\nPengaturan yang berlaku ({config.source or 'bawaan'}):")
    points = _model_points(config)
    for s in SETTINGS:
        v = config.get(s.name)
        mark = "" if v == s.default else "  (diubah)"
        if v is None and s.name in points:
            mark = f"  (titik operasi model: {display.num(points[s.name], 3)})"
        print(f"  {s.name} = {v!r}{mark}\n      {s.help}")
    for det, named in config.lists.items():
        for name, terms in named.items():
            print(f"  [lists.{det}] {name}: +{len(terms)} kata dari operator")
    return 0


def _model_points(config) -> dict[str, float]:
    """The review and confirm points of rules 1 and 2 that the bundled (or configured) model brings."""
    try:
        from .engine import _bundled_classifier
        clf = _bundled_classifier(config)
    except Exception:  # noqa: BLE001 - a missing model only hides the figures
        return {}
    out = {}
    for key in ("rule1", "rule2"):
        sc = clf.rule_scorer(key) if clf is not None else None
        if sc is not None:
            out[f"{key}.threshold"], out[f"{key}.violation_threshold"] = sc.review, sc.confirm
    return out


def cmd_train(args) -> int:
    from .training.train import main as train_main
    argv = ["--folds", str(args.folds), "--seed", str(args.seed)]
    if args.data:
        argv += ["--data", args.data]
    if args.out:
        argv += ["--out", args.out]
    if args.feedback:
        argv += ["--feedback", args.feedback]
    return train_main(argv) or 0


def cmd_evaluate(args) -> int:
    if bool(args.labelled) == bool(args.feedback):
        raise UsageError("beri berkas berlabel atau --feedback DATABASE_URL, salah satu")
    out = _open_out(args.output)
    try:
        if args.feedback:
            return _evaluate_feedback(args, out)
        return _evaluate_file(args, out)
    finally:
        if out is not sys.stdout:
            out.close()


def _evaluate_file(args, out: IO[str]) -> int:
    from .evaluation.labelled import read_labelled
    from .evaluation.metrics import table
    from .evaluation.run import evaluate_items
    if not os.path.isfile(args.labelled):
        raise UsageError(f"{args.labelled}: berkas tidak ditemukan")
    try:
        labelled = read_labelled(args.labelled, args.preset, args.text_column)
    except ValueError as e:
        raise UsageError(str(e)) from None
    for err in labelled.errors:
        print(f"rambu: {err}", file=sys.stderr)
    config = _config(args)
    screener, failures = _screener(args, config)
    progress = Progress(None, None) if (sys.stderr.isatty() and labelled.items) else None
    ev = evaluate_items(screener, labelled.items, args.workers, progress.tick if progress else None)
    if progress:
        progress.done()
    if args.format == "json":
        out.write(json.dumps(ev.to_dict(), ensure_ascii=False, indent=1) + "\n")
    else:
        out.write(f"Data berlabel: {args.labelled} ({len(labelled.items)} item"
                  f"{', preset ' + labelled.preset if labelled.preset else ''})\n\n")
        out.write(table(ev) + "\n")
    return 1 if (labelled.errors or failures or ev.errors) else 0


def _evaluate_feedback(args, out: IO[str]) -> int:
    from .evaluation.feedback import FeedbackError, confirmation_report, render_report
    config = _config(args)
    try:
        report = confirmation_report(args.feedback, config)
    except FeedbackError as e:
        raise UsageError(str(e)) from None
    if args.format == "json":
        out.write(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    else:
        out.write(render_report(report) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
