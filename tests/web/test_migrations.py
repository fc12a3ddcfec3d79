"""Schema migrations from an empty database; the models and the migrations agree."""
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from rambu.cli import main
from rambu.store.db import current_revision, include_name, make_engine, upgrade
from rambu.store.models import Base

HEAD = "0004"


def _context(c):
    return MigrationContext.configure(c, opts={"include_name": include_name})  # not the job queue's tables


def test_upgrade_from_empty_sqlite(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'kosong.db'}"
    assert main(["db", "upgrade", "--database", url]) == 0
    assert f"revisi {HEAD}" in capsys.readouterr().out
    engine = make_engine(url)
    assert current_revision(engine) == HEAD
    assert {"users", "findings", "cases", "audit_log", "batch_lines", "settings"} <= set(inspect(engine).get_table_names())
    with engine.connect() as c:
        assert compare_metadata(_context(c), Base.metadata) == []
    upgrade(engine)  # idempotent
    engine.dispose()


def test_migrations_match_models_on_each_database(db_url):
    engine = make_engine(db_url)
    with engine.connect() as c:
        assert compare_metadata(_context(c), Base.metadata) == []
    assert current_revision(engine) == HEAD
    engine.dispose()


def test_upgrade_from_empty_postgresql():
    import os
    import pytest
    url = os.environ.get("RAMBU_TEST_PG_URL")
    if not url:
        pytest.skip("RAMBU_TEST_PG_URL not set")
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    u = make_url(url)
    admin = create_engine(u.set(database="postgres"), isolation_level="AUTOCOMMIT")
    name = f"{u.database}_empty"
    with admin.connect() as c:
        c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        c.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        target = u.set(database=name).render_as_string(hide_password=False)
        assert main(["db", "upgrade", "--database", target]) == 0
        engine = make_engine(target)
        with engine.connect() as c:
            assert compare_metadata(_context(c), Base.metadata) == []
        engine.dispose()
    finally:
        with admin.connect() as c:
            c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def test_upgrade_0001_to_0002_keeps_data_and_records_postings(tmp_path):
    """An existing installation upgrades: its staff get their current unit as posting, the data stays."""
    from sqlalchemy import text
    url = f"sqlite:///{tmp_path / 'lama.db'}"
    engine = make_engine(url)
    upgrade(engine, "0001")
    with engine.begin() as c:
        c.execute(text("INSERT INTO regions (id, code, name) VALUES (1, 'R', 'Kanwil')"))
        c.execute(text("INSERT INTO units (id, code, name, region_id, timezone) VALUES (1, 'U', 'Lapas', 1, 'Asia/Jakarta')"))
        c.execute(text("INSERT INTO staff (id, nip, name, unit_id, position, schedule, shifts, active, updated_at) "
                       "VALUES (1, '198901142012121003', 'A', 1, '', 'office', '[]', 1, '2025-01-01 00:00:00')"))
    upgrade(engine)
    with engine.connect() as c:
        assert c.execute(text("SELECT staff_id, unit_id, valid_from, valid_to FROM staff_postings")).all() == [(1, 1, None, None)]
        assert c.execute(text("SELECT city FROM units")).scalar() == ""
        assert c.execute(text("SELECT count(*) FROM settings WHERE key = '_install_id'")).scalar() == 1
    engine.dispose()
