"""The command line as a user runs it: real files, real process, exit codes."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EX = ROOT / "examples"


def rambu(*args, stdin: bytes | None = None, cwd=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "rambu.cli", *map(str, args)], input=stdin,
                          capture_output=True, cwd=cwd, env=env, timeout=300)


def jsonl(out: bytes):
    return [json.loads(l) for l in out.decode("utf-8").splitlines() if l.strip()]


def test_check_example_batch_in_order_with_findings():
    p = rambu("check", EX / "activities.jsonl", "--staff", EX / "staff.json", "--factchecks", EX / "factchecks.csv")
    assert p.returncode == 0, p.stderr.decode()
    rows = jsonl(p.stdout)
    ids = [json.loads(l)["id"] for l in (EX / "activities.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ids
    by = {r["id"]: r for r in rows}
    assert by["ex-01"]["decision"] == "clean"
    assert 3 in {f["rule"] for f in by["ex-02"]["findings"]}
    assert by["ex-04"]["decision"] in ("violation", "review")
    assert 7 in {f["rule"] for f in by["ex-04"]["findings"]}
    assert 4 in {f["rule"] for f in by["ex-05"]["findings"]}
    assert 3 in {f["rule"] for f in by["ex-06"]["findings"]}
    assert by["ex-07"]["decision"] == "clean"
    assert 6 in {f["rule"] for f in by["ex-08"]["findings"]}
    assert by["ex-09"]["decision"] == "clean"
    assert 5 in {f["rule"] for f in by["ex-10"]["findings"]}
    assert by["ex-11"]["decision"] == "clean"
    assert by["ex-12"]["decision"] == "clean"
    assert 6 in {f["rule"] for f in by["ex-14"]["findings"]}
    assert by["ex-15"]["decision"] == "clean"
    assert 1 in {f["rule"] for f in by["ex-16"]["findings"]}
    for r in rows:
        for f in r["findings"]:
            assert f["explanation"] and f["basis"] and f["sanction"]["ethics"] == "sanksi moral"


def test_table_format_and_output_file(tmp_path):
    out = tmp_path / "hasil.txt"
    p = rambu("check", EX / "activities.jsonl", "--staff", EX / "staff.json", "--format", "table", "--output", out)
    assert p.returncode == 0, p.stderr.decode()
    text = out.read_text(encoding="utf-8")
    assert "KEPUTUSAN" in text and "PELANGGARAN" in text and "BERSIH" in text


def test_stdin_and_bad_lines_keep_position_and_exit_1():
    lines = [
        b'{"id": "a1", "type": "post", "created_at": "2025-03-11T20:15:00+07:00", "text": "Selamat pagi"}',
        b'{"id": "a2", "type": "post", "created_at": "kemarin sore", "text": "x"}',
        b'{not json',
        b'{"id": "a4", "type": "tweet", "created_at": "2025-03-11T20:15:00+07:00"}',
        b'\xff\xfe garbage \x80',
        b'{"id": "a6", "type": "post", "created_at": "2025-03-11T20:15:00+07:00", "text": 5}',
        b'\x00\x01\x02\x03',
        b'',
        b'{"id": "a9", "type": "post", "created_at": "2025-03-11T20:15:00+07:00", "text": "dasar kafir, usir cina"}',
        b'{"id": "a10", "type": "live", "created_at": "2025-03-11T20:15:00+07:00"}',
        b'[1, 2]',
    ]
    p = rambu("check", "-", stdin=b"\n".join(lines) + b"\n")
    assert p.returncode == 1
    rows = jsonl(p.stdout)
    assert len(rows) == 10  # the blank line yields nothing
    assert rows[0]["id"] == "a1" and rows[0]["decision"] == "clean"
    assert rows[1] == {"id": "a2", "line": 2, "error": rows[1]["error"]} and "created_at" in rows[1]["error"]
    assert rows[2]["line"] == 3 and "JSON" in rows[2]["error"]
    assert rows[3]["id"] == "a4" and "type" in rows[3]["error"]
    assert rows[4]["line"] == 5 and "UTF-8" in rows[4]["error"]
    assert rows[5]["id"] == "a6" and "text" in rows[5]["error"]
    assert rows[6]["line"] == 7 and "biner" in rows[6]["error"]
    assert rows[7]["id"] == "a9" and rows[7]["decision"] == "violation"
    assert rows[8]["id"] == "a10" and "live" in rows[8]["error"]
    assert rows[9]["line"] == 11 and "objek" in rows[9]["error"]


def test_overlong_line_is_an_error_and_rest_is_screened():
    big = b'{"id": "big", "type": "post", "created_at": "2025-03-11T20:15:00+07:00", "text": "' + b"a" * 1_100_000 + b'"}'
    ok = b'{"id": "ok", "type": "post", "created_at": "2025-03-11T20:15:00+07:00", "text": "halo"}'
    p = rambu("check", "-", stdin=big + b"\n" + ok + b"\n")
    rows = jsonl(p.stdout)
    assert p.returncode == 1
    assert rows[0]["line"] == 1 and "terlalu panjang" in rows[0]["error"]
    assert rows[1]["id"] == "ok" and rows[1]["decision"] == "clean"


def test_single_draft_check_is_readable():
    p = rambu("check", "--text", "Pancasila itu sampah, ganti dengan khilafah!")
    assert p.returncode == 0, p.stderr.decode()
    out = p.stdout.decode("utf-8")
    assert "PELANGGARAN" in out and "Larangan 1" in out and "[[" in out and "Saran" in out
    p = rambu("check", "--text", "Selamat pagi, semangat melayani warga binaan")
    assert "BERSIH" in p.stdout.decode("utf-8")


def test_usage_errors_exit_2(tmp_path):
    assert rambu("check").returncode == 2
    assert rambu("check", tmp_path / "missing.jsonl").returncode == 2
    assert rambu("check", "--text", "x", "--staff", tmp_path / "nope.json").returncode == 2
    bad = tmp_path / "bad.toml"
    bad.write_text("[settings]\nnot_a_setting = 1\n", encoding="utf-8")
    p = rambu("check", "--text", "x", "--config", bad)
    assert p.returncode == 2 and b"not_a_setting" in p.stderr
    assert rambu("frobnicate").returncode == 2


def test_bad_staff_rows_are_named_and_good_rows_kept(tmp_path):
    staff = tmp_path / "staff.csv"
    staff.write_text("nip,name,unit,position,timezone,schedule\n"
                     "198901142012121003,Rizky,Lapas,Staf,Asia/Jakarta,office\n"
                     "123,Budi,Lapas,Staf,Asia/Jakarta,office\n", encoding="utf-8")
    act = tmp_path / "a.jsonl"
    act.write_text(json.dumps({"id": "l1", "type": "live", "author": {"nip": "198901142012121003"},
                               "created_at": "2025-03-12T10:00:00+07:00", "text": "live santai karaoke",
                               "live": {"started_at": "2025-03-12T10:00:00+07:00", "uniform": False}}) + "\n",
                   encoding="utf-8")
    p = rambu("check", act, "--staff", staff)
    err = p.stderr.decode("utf-8")
    assert "staff.csv" in err and "nip" in err and "3" in err
    assert p.returncode == 1
    rows = jsonl(p.stdout)
    assert rows[0]["decision"] == "violation" and rows[0]["findings"][0]["rule"] == 7


def test_bad_register_rows_are_named(tmp_path):
    reg = tmp_path / "reg.csv"
    reg.write_text("id,claim,verdict,source,published\nX1,Klaim bohong soal lapas ditutup,hoaks,s,2025-01-01\n"
                   "X2,Klaim lain,hoaks,s,kemarin\n", encoding="utf-8")
    p = rambu("check", "--text", "halo", "--factchecks", reg)
    err = p.stderr.decode("utf-8")
    assert "reg.csv" in err and "published" in err
    assert p.returncode == 1


def test_classify_outputs_all_keys(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("dasar kafir usir cina\nselamat pagi semua\n", encoding="utf-8")
    p = rambu("classify", f)
    assert p.returncode == 0, p.stderr.decode()
    rows = jsonl(p.stdout)
    keys = {"HS", "Abusive", "HS_Individual", "HS_Group", "HS_Religion", "HS_Race", "HS_Physical",
            "HS_Gender", "HS_Other", "rule1", "rule2"}
    assert all(keys <= set(r) for r in rows)
    assert rows[0]["rule2"] > rows[1]["rule2"] and rows[0]["HS"] > rows[1]["HS"]
    assert all(0.0 <= r[k] <= 1.0 for r in rows for k in keys)
    j = tmp_path / "t.jsonl"
    j.write_text('{"text": "Pancasila itu sampah, ganti dengan khilafah!"}\n{"teks": "salah kolom"}\n', encoding="utf-8")
    p = rambu("classify", j)
    rows = jsonl(p.stdout)
    assert p.returncode == 1 and rows[0]["rule1"] > 0.5 and "text" in rows[1]["error"]


def test_rules_lists_rules_and_settings():
    p = rambu("rules")
    out = p.stdout.decode("utf-8")
    assert p.returncode == 0
    for n in range(1, 9):
        assert f"\n{n}. " in "\n" + out
    assert "rule4.match_threshold" in out and "office_hours.friday" in out
    p = rambu("rules", "--format", "json")
    data = json.loads(p.stdout)
    assert len(data["rules"]) == 8


def test_parallel_batch_keeps_order(tmp_path):
    src = tmp_path / "many.jsonl"
    texts = ["Selamat pagi", "dasar kafir, usir cina", "Pelatihan las warga binaan", "{rusak"]
    with src.open("w", encoding="utf-8") as fh:
        for i in range(1200):
            t = texts[i % 4]
            if t == "{rusak":
                fh.write("{rusak\n")
            else:
                fh.write(json.dumps({"id": f"m{i}", "type": "post", "created_at": "2025-03-11T20:15:00+07:00",
                                     "text": t}) + "\n")
    p = rambu("check", src, "--workers", "2")
    rows = jsonl(p.stdout)
    assert p.returncode == 1 and len(rows) == 1200
    for i, r in enumerate(rows):
        if i % 4 == 3:
            assert r["line"] == i + 1 and "error" in r
        else:
            assert r["id"] == f"m{i}"
            assert (r["decision"] == "violation") == (i % 4 == 1)


def test_progress_bar_only_on_a_terminal(tmp_path):
    import pty
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps({"id": f"p{i}", "type": "post", "created_at": "2025-03-11T20:15:00+07:00",
                                       "text": "halo"}) + "\n" for i in range(50)), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    master, slave = pty.openpty()
    p = subprocess.run([sys.executable, "-m", "rambu.cli", "check", str(src)], stdout=subprocess.PIPE,
                       stderr=slave, env=env, timeout=120)
    os.close(slave)
    err = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        err += chunk
    os.close(master)
    assert p.returncode == 0 and len(jsonl(p.stdout)) == 50
    assert b"50 aktivitas selesai" in err
    plain = rambu("check", src)
    assert b"aktivitas" not in plain.stderr


def test_misspelt_operator_list_is_a_usage_error(tmp_path):
    cfg = tmp_path / "rambu.toml"
    cfg.write_text('[lists.rule4]\nunaccountable = ["info orang dalam"]\n', encoding="utf-8")
    p = rambu("check", "--text", "halo", "--config", cfg)
    assert p.returncode == 2 and b"unaccountable" in p.stderr and b"unverified" in p.stderr
