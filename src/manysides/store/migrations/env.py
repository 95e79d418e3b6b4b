"""Alembic environment of the store.

:meth:`manysides.store.Store.open` runs the migrations with its own connection, already inside
a transaction (``config.attributes["connection"]``). For writing a new revision by hand, a URL
or path works too: ``-x db=path/to/manysides.db`` or the ``sqlalchemy.url`` option.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from manysides.store.base import backend_for, database_url, metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters by copying
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_with_own_engine() -> None:
    db = context.get_x_argument(as_dictionary=True).get("db")
    url = database_url(db or context.config.get_main_option("sqlalchemy.url"))
    engine = backend_for(url).create_engine(url)
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("manysides migrations run online only (they check the database dialect)")
connection = context.config.attributes.get("connection")
if connection is None:
    _run_with_own_engine()
else:
    _run(connection)
