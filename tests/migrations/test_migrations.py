"""Alembic on a fresh, separate database: empty → head, no drift from the models, down to
empty and back up again. SQLite uses a temporary file; PostgreSQL a scratch database created
and dropped on the test server."""

from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

from alembic import command
from tests.migrations.support import config as _config
from tests.migrations.support import current as _current
from tests.migrations.support import run as _run
from tests.migrations.support import tables as _tables


def test_the_migration_history_has_one_head():
    heads = ScriptDirectory.from_config(_config()).get_heads()
    assert len(heads) == 1, f"several heads, merge them: {heads}"


def test_upgrade_from_empty_matches_the_models_and_round_trips(scratch_engine):
    assert _tables(scratch_engine) == set()
    model_tables = {t.name for t in SQLModel.metadata.sorted_tables}

    _run(scratch_engine, command.upgrade, "head")
    assert _tables(scratch_engine) == model_tables | {"alembic_version"}
    _run(scratch_engine, command.check)  # raises when the models and the migrations differ

    _run(scratch_engine, command.downgrade, "base")
    assert _tables(scratch_engine) == {"alembic_version"}

    _run(scratch_engine, command.upgrade, "head")
    assert _tables(scratch_engine) == model_tables | {"alembic_version"}
    _run(scratch_engine, command.check)


def test_every_revision_downgrades_to_its_predecessor(scratch_engine):
    """One step at a time, so a broken downgrade names its revision."""
    script = ScriptDirectory.from_config(_config())
    _run(scratch_engine, command.upgrade, "head")
    for revision in script.walk_revisions():  # newest first
        assert _current(scratch_engine) == revision.revision
        _run(scratch_engine, command.downgrade, "-1")
        assert _current(scratch_engine) == revision.down_revision, revision.revision
    assert _tables(scratch_engine) == {"alembic_version"}
