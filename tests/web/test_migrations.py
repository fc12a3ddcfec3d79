"""Schema migrations from an empty database; the models and the migrations agree."""
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from rambu.cli import main
from rambu.store.db import current_revision, make_engine, upgrade
from rambu.store.models import Base


def test_upgrade_from_empty_sqlite(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'kosong.db'}"
    assert main(["db", "upgrade", "--database", url]) == 0
    assert "revisi 0001" in capsys.readouterr().out
    engine = make_engine(url)
    assert current_revision(engine) == "0001"
    assert {"users", "findings", "cases", "audit_log", "batch_lines", "settings"} <= set(inspect(engine).get_table_names())
    with engine.connect() as c:
        assert compare_metadata(MigrationContext.configure(c), Base.metadata) == []
    upgrade(engine)  # idempotent
    engine.dispose()


def test_migrations_match_models_on_each_database(db_url):
    engine = make_engine(db_url)
    with engine.connect() as c:
        assert compare_metadata(MigrationContext.configure(c), Base.metadata) == []
    assert current_revision(engine) == "0001"
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
            assert compare_metadata(MigrationContext.configure(c), Base.metadata) == []
        engine.dispose()
    finally:
        with admin.connect() as c:
            c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()
