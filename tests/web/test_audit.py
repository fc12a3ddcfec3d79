"""The audit log is append-only and hash-chained; `rambu audit verify` detects tampering."""
import json

import pytest
from sqlalchemy import select, text

from rambu.store.models import AuditEntry

from rambu.cli import main
from rambu.store import audit

from .conftest import login


def _touch(app):
    c = login(app, "admin")
    c.api("PUT", "/api/admin/holidays/2030-01-01", json={"name": "Tahun Baru 2030"})
    c.get("/api/admin/audit")
    return c


def test_verify_ok_then_tamper_detected(app, world, db_url, capsys):
    _touch(app)
    with app.state.factory() as s:
        v = audit.verify(s)
        assert v.ok and v.entries > 10
        n = v.entries
    assert main(["audit", "verify", "--database", db_url]) == 0
    assert "utuh" in capsys.readouterr().out
    # the database refuses changes to the log
    with app.state.engine.connect() as c:
        with pytest.raises(Exception):
            c.execute(text("UPDATE audit_log SET username = 'x' WHERE seq = 3"))
            c.commit()
    # an attacker with database rights drops the guard and edits an entry
    with app.state.engine.begin() as c:
        if c.dialect.name == "sqlite":
            c.execute(text("DROP TRIGGER audit_log_no_update"))
        else:
            c.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        c.execute(text("UPDATE audit_log SET username = 'penyusup' WHERE seq = 5"))
    assert main(["audit", "verify", "--database", db_url]) == 1
    err = capsys.readouterr().err
    assert "#5" in err and "diubah" in err
    with app.state.factory() as s:
        v = audit.verify(s)
        assert not v.ok and v.broken_seq == 5 and n


def test_deleted_tail_detected(app, world, db_url, capsys):
    _touch(app)
    with app.state.engine.begin() as c:
        if c.dialect.name == "sqlite":
            c.execute(text("DROP TRIGGER audit_log_no_delete"))
        else:
            c.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        last = c.execute(text("SELECT max(seq) FROM audit_log")).scalar()
        c.execute(text("DELETE FROM audit_log WHERE seq = :s"), {"s": last})
    assert main(["audit", "verify", "--database", db_url]) == 1
    assert "kepala rantai" in capsys.readouterr().err


def test_deleted_middle_detected(app, world):
    _touch(app)
    with app.state.engine.begin() as c:
        if c.dialect.name == "sqlite":
            c.execute(text("DROP TRIGGER audit_log_no_delete"))
        else:
            c.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        c.execute(text("DELETE FROM audit_log WHERE seq = 7"))
    with app.state.factory() as s:
        v = audit.verify(s)
    assert not v.ok and v.broken_seq == 7 and "hilang" in v.message


def test_audit_page_verifies(app, world):
    c = _touch(app)
    page = c.get("/admin/audit?verify=true")
    assert 'id="audit-verification"' in page.text and "rantai utuh" in page.text


# --- issue 7: consistent rewrites (hashes recomputed, head moved) are caught by the keyed chain --------------

def _unguard(c):
    if c.dialect.name == "sqlite":
        c.execute(text("DROP TRIGGER IF EXISTS audit_log_no_update"))
        c.execute(text("DROP TRIGGER IF EXISTS audit_log_no_delete"))
    else:
        c.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))


def _rewrite(app, edit):
    """An attacker with full database rights: `edit(rows)` changes the list of entries (dicts), then every hash
    is recomputed from the genesis, the rows are written back and the head is moved to the new end."""
    from rambu.store.models import AuditEntry
    from types import SimpleNamespace
    with app.state.engine.begin() as c:
        _unguard(c)
        table = AuditEntry.__table__
        rows = edit([dict(r._mapping) for r in c.execute(select(table).order_by(table.c.seq))])
        prev = audit.GENESIS
        for i, r in enumerate(rows, 1):
            r["seq"], r["prev_hash"] = i, prev
            r["hash"] = audit.entry_hash(prev, SimpleNamespace(**r))
            prev = r["hash"]
        c.execute(text("DELETE FROM audit_log"))
        for r in rows:
            c.execute(table.insert().values(**r))
        c.execute(text("UPDATE audit_head SET seq = :s, hash = :h"), {"s": len(rows), "h": prev})


def _forged(template, **kw):
    return {**template, "mac": None, "action": "auth.login", "username": "penyusup", "detail": {}, **kw}


REWRITES = {
    "edit": lambda rows: [dict(r, username="penyusup") if r["seq"] == 5 else r for r in rows],
    "delete-middle": lambda rows: [r for r in rows if r["seq"] != 6],
    "truncate-tail": lambda rows: rows[:-3],
    "insert-middle": lambda rows: rows[:4] + [_forged(rows[3])] + rows[4:],
    "append-end": lambda rows: rows + [_forged(rows[-1]), _forged(rows[-1])],
}


@pytest.mark.parametrize("attack", sorted(REWRITES))
def test_consistent_rewrites_are_caught(app, world, db_url, capsys, attack):
    _touch(app)
    with app.state.factory() as s:
        assert audit.verify(s).ok
    _rewrite(app, REWRITES[attack])
    with app.state.factory() as s:  # the plain hash chain alone is consistent again...
        entries = list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
        prev = audit.GENESIS
        for e in entries:
            assert e.prev_hash == prev and audit.entry_hash(prev, e) == e.hash
            prev = e.hash
        v = audit.verify(s)  # ...but not its keys and signatures
    assert not v.ok, (attack, v.message)
    assert any(w in v.message for w in ("HMAC", "titik periksa", "tanda tangan")), v.message
    assert main(["audit", "verify", "--database", db_url]) == 1
    assert "RUSAK" in capsys.readouterr().err


def test_a_copy_without_the_secret_still_checks_signatures(app, world, monkeypatch, tmp_path):
    from rambu.store import keys
    _touch(app)
    _rewrite(app, lambda rows: [dict(r, username="penyusup") if r["seq"] == 1 else r for r in rows])
    monkeypatch.setenv("RAMBU_KEY_DIR", str(tmp_path / "elsewhere"))  # a machine without the keys: what the
    # signed checkpoints cover (here entry 1) is still checked
    keys._CACHE.clear()
    with app.state.factory() as s:
        v = audit.verify(s)
    keys._CACHE.clear()
    assert not v.ok and "titik periksa" in v.message


def test_export_verified_independently(app, world, db_url, tmp_path, capsys):
    _touch(app)
    out = tmp_path / "audit.jsonl"
    assert main(["audit", "export", "--out", str(out), "--database", db_url]) == 0
    lines = out.read_text().splitlines()
    header = json.loads(lines[0])
    assert header["format"] == "rambu-audit-export/1" and len(header["public_key"]) == 64
    assert main(["audit", "verify-export", str(out), "--public-key", header["public_key"]]) == 0
    assert "utuh" in capsys.readouterr().out
    # the exported entries' hashes are recomputed, each checkpoint's signature checked with the public key only
    entries = [json.loads(x) for x in lines if json.loads(x)["type"] == "entry"]
    cps = [json.loads(x) for x in lines if json.loads(x)["type"] == "checkpoint"]
    assert cps[-1]["seq"] == entries[-1]["seq"]
    bad = [x for x in lines]
    bad[3] = bad[3].replace('"username": "', '"username": "x')
    (tmp_path / "bad.jsonl").write_text("\n".join(bad))
    assert main(["audit", "verify-export", str(tmp_path / "bad.jsonl")]) == 1
    cut = [x for x in lines if not (json.loads(x)["type"] == "entry" and json.loads(x)["seq"] == entries[-1]["seq"])]
    (tmp_path / "cut.jsonl").write_text("\n".join(cut))
    assert main(["audit", "verify-export", str(tmp_path / "cut.jsonl")]) == 1
    # signed with another key: refused when the expected public key is given
    assert main(["audit", "verify-export", str(out), "--public-key", "11" * 32]) == 1
