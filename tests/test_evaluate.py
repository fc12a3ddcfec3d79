"""`rambu evaluate`: figures per rule from labelled files, and reviewers' decisions from a database.

All texts are written for these tests. The database is built here with the application's own schema
(Alembic migrations) on SQLite."""
import json
from datetime import datetime, timezone

import pytest

from rambu.evaluation.labelled import Labelled, read_labelled
from rambu.evaluation.metrics import evaluate, table
from test_cli import rambu

# ----------------------------------------------------------------------------- metrics, by hand


def item(expected=(), unknown=(), clean=None, source="") -> Labelled:
    clean = (not expected) if clean is None else clean
    return Labelled("x", {"id": "x"}, frozenset(expected), frozenset(unknown), clean, source)


def result(*findings) -> dict:
    return {"id": "x", "decision": "review",
            "findings": [{"rule": r, "needs_review": review, "confidence": 0.5} for r, review in findings]}


def test_metrics_count_what_they_say():
    pairs = [
        (item({2}), result((2, False))),  # confirmed true positive
        (item({2}), result((2, True))),  # true positive for review only
        (item({2}), result()),  # missed
        (item(), result((2, True))),  # clean item flagged for review: a false accusation (any)
        (item(), result((2, False), (1, True))),  # clean item confirmed: a false accusation (confirmed)
        (item(), result()),
        (item(), result()),
        (item(clean=False), result((2, False))),  # harmful but not SARA: a false positive, not a false accusation
        (item({1}, source="b"), result((1, False))),
        (item(unknown={1}), result((1, False))),  # nobody knows: counted neither way
    ]
    ev = evaluate(pairs)
    d = ev.to_dict()["sources"]["semua"]
    r2 = d["rules"]["2"]
    assert r2["positives"] == 3 and r2["tp"] == 2 and r2["fp"] == 3 and r2["fn"] == 1
    assert r2["recall"] == pytest.approx(2 / 3, abs=1e-4) and r2["recall_confirmed"] == pytest.approx(1 / 3, abs=1e-4)
    assert r2["precision"] == pytest.approx(2 / 5, abs=1e-4)
    assert r2["precision_confirmed"] == pytest.approx(1 / 3, abs=1e-4)
    clean = 5  # items 4-7 and the unknown one
    assert r2["clean"] == clean
    assert r2["false_accusation_rate"] == pytest.approx(2 / clean, abs=1e-4)
    assert r2["false_accusation_rate_confirmed"] == pytest.approx(1 / clean, abs=1e-4)
    assert r2["review_rate"] == pytest.approx(2 / 10, abs=1e-4)
    r1 = d["rules"]["1"]
    assert r1["tp"] == 1 and r1["fp"] == 1  # the unknown item is not a false positive
    assert d["clean_items_with_any_finding"] == pytest.approx(2 / clean, abs=1e-4)
    assert ev.to_dict()["sources"]["b"]["rules"]["1"]["recall"] == 1.0
    text = table(ev)
    assert "Sumber: semua" in text and "tuduhan salah" in text and "40,0%" in text  # decimal comma


# ----------------------------------------------------------------------------- labelled files

LABELLED = [
    {"id": "p1", "type": "post", "created_at": "2025-03-11T20:00:00+07:00",
     "text": "Jadwal jaga malam ini: pos atas kosong jam 23.00 sampai 01.00, CCTV blok B mati", "expected_rules": [6]},
    {"id": "n1", "type": "post", "created_at": "2025-03-11T20:00:00+07:00",
     "text": "Selamat pagi rekan-rekan, semangat apel pagi hari ini", "expected_rules": []},
    {"id": "n2", "type": "post", "created_at": "2025-03-11T20:00:00+07:00",
     "text": "Polisi menangkap pelaku ujaran kebencian terhadap etnis Tionghoa di Medan", "expected_rules": [],
     "source": "berita"},
    {"id": "u1", "type": "post", "created_at": "2025-03-11T20:00:00+07:00", "text": "Kurang ajar kau",
     "expected_rules": [], "unknown_rules": [1, 2], "clean": False},
]


def test_evaluate_jsonl_file_through_the_cli(tmp_path):
    path = tmp_path / "berlabel.jsonl"
    lines = [json.dumps(x, ensure_ascii=False) for x in LABELLED]
    lines.insert(2, '{"id": "rusak", "type": "post"')  # bad JSON: reported, the rest evaluated
    lines.insert(3, json.dumps({"id": "tanpa-label", "type": "post", "created_at": "2025-03-11T20:00:00+07:00"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    p = rambu("evaluate", path, "--format", "json")
    assert p.returncode == 1  # some lines failed
    err = p.stderr.decode()
    assert "baris 3" in err and "baris 4" in err and "expected_rules" in err
    d = json.loads(p.stdout)
    all_ = d["sources"]["semua"]
    assert all_["rules"]["6"]["positives"] == 1 and all_["rules"]["6"]["recall"] == 1.0
    assert all_["rules"]["6"]["false_accusation_rate"] == 0.0
    assert all_["clean_items_with_any_finding"] == 0.0
    assert "berita" in d["sources"]
    p = rambu("evaluate", path)
    out = p.stdout.decode()
    assert "Data berlabel" in out and "Sumber: semua" in out and "presisi" in out


def test_evaluate_csv_with_rules_column_and_preset(tmp_path):
    plain = tmp_path / "teks.csv"
    plain.write_text("text,rules\n\"Jadwal jaga malam ini: pos atas kosong jam 23.00, CCTV blok B mati\",6\n"
                     "Selamat pagi semuanya,\nhalo,9\n", encoding="utf-8")
    got = read_labelled(plain)
    assert [i.expected for i in got.items] == [frozenset({6}), frozenset()]
    assert got.errors and got.errors[0].line == 4 and got.errors[0].field == "rules"
    # a data set recognised by its header (rows written here, in that data set's shape)
    ib = tmp_path / "ib.csv"
    ib.write_text("Tweet,HS,Abusive,HS_Individual,HS_Group,HS_Religion,HS_Race,HS_Physical,HS_Gender,HS_Other,"
                  "HS_Weak,HS_Moderate,HS_Strong\n"
                  "USER contoh kalimat biasa saja\\n baris dua,0,0,0,0,0,0,0,0,0,0,0,0\n"
                  "contoh ujaran terhadap suku,1,0,0,1,0,1,0,0,0,0,1,0\n"
                  "contoh makian saja,0,1,0,0,0,0,0,0,0,0,0,0\n", encoding="utf-8")
    got = read_labelled(ib)
    assert got.preset == "ibrohim2019"
    a, b, c = got.items
    assert a.clean and not a.expected and a.activity["text"] == "contoh kalimat biasa saja\nbaris dua"  # cleaned
    assert b.expected == {2} and b.unknown == {1} and not b.clean
    assert not c.clean and not c.expected
    with pytest.raises(ValueError):
        read_labelled(ib, preset="tidak-ada")


# ----------------------------------------------------------------------------- reviewers' decisions


def _feedback_db(tmp_path, decisions):
    """A rambu database with reviewed findings: (rule, confidence, confirmed, text, detector)."""
    from sqlalchemy.orm import Session

    from rambu.store.db import make_engine, upgrade
    from rambu.store.models import Batch, Feedback, Finding, Region, Unit, User

    url = f"sqlite:///{tmp_path / 'rambu.db'}"
    engine = make_engine(url)
    upgrade(engine)
    now = datetime(2025, 3, 1, tzinfo=timezone.utc)
    with Session(engine) as s:
        reg = Region(code="R", name="Kanwil Uji")
        s.add(reg)
        s.flush()
        unit = Unit(code="U", name="Lapas Uji", region_id=reg.id)
        s.add(unit)
        s.flush()
        user = User(username="kepatuhan", password_hash="x", role="kepatuhan", scope="national")
        s.add(user)
        s.flush()
        batch = Batch(unit_id=unit.id, uploaded_by=user.id, filename="b.jsonl", sha256="0" * 64, size=1)
        s.add(batch)
        s.flush()
        for n, (rule, conf, confirmed, text, detector) in enumerate(decisions):
            f = Finding(batch_id=batch.id, line_no=n + 1, idx=0, unit_id=unit.id, rule=rule, confidence=conf,
                        needs_review=True, decision="review", evidence=[], explanation="x", basis=[],
                        detector=detector, status="confirmed" if confirmed else "dismissed")
            s.add(f)
            s.flush()
            s.add(Feedback(finding_id=f.id, user_id=user.id, verdict=f.status, reason="uji", rule=rule,
                           detector=detector, confidence=conf, texts={"text": text}, created_at=now))
        s.commit()
    engine.dispose()
    return url


def test_evaluate_feedback_reports_confirmation_and_suggests_a_point(tmp_path):
    from rambu.evaluation.feedback import confirmation_report, render_report
    from rambu.settings import default_config

    det = "rule2.sara@2"
    rows = []
    # reviewers dismiss most findings below 0.8 and confirm nearly all above
    for i in range(80):
        conf = 0.5 + i * 0.00625  # 0.50 .. 0.99
        confirmed = conf >= 0.8 or i % 5 == 0
        rows.append((2, round(conf, 4), confirmed, f"teks uji nomor {i}", det))
    rows += [(6, 0.7, True, "jadwal jaga", "rule6.security@1")] * 3
    url = _feedback_db(tmp_path, rows)
    rep = confirmation_report(url, default_config())
    r2 = next(r for r in rep["rules"] if r["rule"] == 2)
    assert r2["reviewed"] == 80 and r2["confirmed"] == sum(1 for r in rows if r[0] == 2 and r[2])
    s = r2["suggested_threshold"]
    assert s is not None and 0.7 <= s["threshold"] <= 0.8 and s["confirm_rate"] >= 0.95 and s["reviewed"] >= 20
    assert sum(b["reviewed"] for b in r2["bands"]) == 80
    r6 = next(r for r in rep["rules"] if r["rule"] == 6)
    assert r6["reviewed"] == 3 and r6["suggested_threshold"] is None  # too few to suggest
    text = render_report(rep)
    assert "Larangan 2" in text and "saran ambang" in text and "Larangan 6" in text
    # the command line reads the same database
    p = rambu("evaluate", "--feedback", url, "--format", "json")
    assert p.returncode == 0, p.stderr.decode()
    assert json.loads(p.stdout)["reviewed"] == 83
    p = rambu("evaluate", "--feedback", "sqlite:////tidak/ada/rambu.db")
    assert p.returncode == 2 and "tidak dapat dibaca" in p.stderr.decode()


def test_reopened_finding_counts_once_with_its_latest_verdict(tmp_path):
    from rambu.evaluation.feedback import _latest

    class FB:
        def __init__(self, finding_id, verdict):
            self.finding_id, self.verdict, self.rule, self.detector = finding_id, verdict, 2, "d"
            self.confidence, self.texts = 0.9, {"text": "t"}

    got = _latest([FB(1, "confirmed"), FB(1, "reopened"), FB(1, "dismissed"), FB(2, "confirmed"), FB(3, "dismissed"),
                   FB(3, "reopened")])
    assert sorted((d.finding_id, d.confirmed) for d in got) == [(1, False), (2, True)]


def test_train_with_feedback_adds_reviewed_findings(tmp_path):
    from rambu.evaluation.feedback import feedback_rows
    from rambu.training import train as T

    url = _feedback_db(tmp_path, [(2, 0.9, True, "dasar suku X tidak tahu diri, usir saja", "rule2.sara@2"),
                                  (2, 0.7, False, "kuliner suku X enak sekali", "rule2.sara@2"),
                                  (1, 0.8, True, "pemerintah zalim harus diganti khilafah", "rule1.ideology@2"),
                                  (6, 0.8, True, "jadwal jaga malam ini", "rule6.security@1")])
    rows = feedback_rows(url)
    assert sorted((sorted(r[2].items()), r[1][:10]) for r in rows) == [
        ([("rule1", 1)], "pemerintah"), ([("rule2", 0)], "kuliner su"), ([("rule2", 1)], "dasar suku")]
    if not T.DEFAULT_DATA.joinpath("ibrohim2019", "train.csv").is_file():
        pytest.skip("training data not available")
    out = tmp_path / "model"
    assert T.main(["--limit", "150", "--folds", "0", "--out", str(out), "--feedback", url, "--quiet"]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["data_fingerprint"]["feedback_rows"] == 3
    assert "feedback" in manifest["groups"][0]["sources"]
    assert "3 reviewer decisions" in (out / "MODEL_CARD.md").read_text(encoding="utf-8").replace("+ ", "")
    assert T.main(["--folds", "0", "--limit", "50", "--out", str(out), "--feedback", "sqlite:////tidak/ada.db",
                   "--quiet"]) == 2
