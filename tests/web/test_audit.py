"""The audit log is append-only and hash-chained; `rambu audit verify` detects tampering."""
import pytest
from sqlalchemy import text

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
