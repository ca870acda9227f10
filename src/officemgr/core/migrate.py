"""Alembic, driven from code: the company file upgrades itself when opened.

Imported only when a file is created or needs an upgrade, so a normal start-up does not
pay for Alembic.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from officemgr.core.write_lock import writer

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@cache
def known_revisions() -> frozenset[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(rev.revision for rev in script.walk_revisions())


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run every pending migration on ``engine``, each in its own transaction."""
    config = alembic_config()
    with writer(engine).connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
