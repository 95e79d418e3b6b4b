"""The initial schema: articles, duplicates, runs, ingest failures, full-text search.

Revision ID: 0001
Revises:
Created: 2026-05-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from manysides.store import postgres, sqlite

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the tables, then the full-text index the database's dialect supports."""
    dialect = op.get_bind().dialect.name
    _create_articles(dialect)
    op.create_table(
        "duplicates",
        sa.Column("article_id", sa.Text, primary_key=True),
        sa.Column("of_id", sa.Text, nullable=False, index=True),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("similarity", sa.Float, nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE"),
    )
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("started", _STAMP, nullable=False),
        sa.Column("finished", _STAMP),
        sa.Column("command", sa.Text, nullable=False),
        sa.Column("counts", sa.JSON, nullable=False),
    )
    op.create_table(
        "ingest_failures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("run_id", sa.Integer, nullable=False, index=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", _STAMP, nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], ondelete="CASCADE"),
    )
    for statement in _fts(dialect, up=True):
        op.execute(statement)


def _create_articles(dialect: str) -> None:
    # seq: numbered by a trigger on SQLite (see store/sqlite.py), an identity on PostgreSQL.
    seq = (
        sa.Column("seq", sa.BigInteger, sa.Identity(), nullable=False)
        if dialect == "postgresql"
        else sa.Column("seq", sa.BigInteger)
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Text, primary_key=True),
        seq,
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.Text, index=True),
        sa.Column("title", sa.Text),
        sa.Column("authors", sa.JSON, nullable=False),
        sa.Column("published", sa.Text, index=True),
        sa.Column("published_source", sa.Text, nullable=False),
        sa.Column("language", sa.Text),
        sa.Column("source_kind", sa.Text, nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("chars", sa.Integer, nullable=False),
        sa.Column("doc", sa.JSON, nullable=False),
        sa.Column("added_at", _STAMP, nullable=False),
        sa.UniqueConstraint("seq", name="uq_articles_seq"),
    )


def _fts(dialect: str, *, up: bool) -> tuple[str, ...]:
    if dialect == "sqlite":
        return sqlite.FTS_0001 if up else sqlite.FTS_0001_DOWN
    if dialect == "postgresql":
        return postgres.FTS_0001 if up else postgres.FTS_0001_DOWN
    raise NotImplementedError(f"manysides stores support sqlite and postgresql, not {dialect}")


def downgrade() -> None:
    """Drop everything :func:`upgrade` made."""
    for statement in _fts(op.get_bind().dialect.name, up=False):
        op.execute(statement)
    for table in ("ingest_failures", "runs", "duplicates", "articles"):
        op.drop_table(table)
