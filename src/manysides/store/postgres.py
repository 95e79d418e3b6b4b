"""PostgreSQL: for a shared or large store (``postgresql://user@host/dbname``, psycopg 3).

Full-text search is a stored generated ``tsvector`` column on ``articles`` (title weighted
above text) with a GIN index. Queries are built from the shared :class:`SearchQuery` with
``phraseto_tsquery`` per term, so no user input is ever parsed as tsquery syntax. The
``simple`` configuration (no stemming, no stop words) matches what SQLite's FTS5 finds.

PostgreSQL text cannot hold NUL characters: plain columns get U+FFFD in their place, while
the JSON document keeps the article exact.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from manysides.errors import MissingDependencyError
from manysides.store.base import Backend
from manysides.store.query import SearchQuery, Term
from manysides.store.results import MARK_END, MARK_START, SearchHit

__all__ = ["FTS_0001", "PostgresBackend"]

#: The text search configuration of the index and the queries.
REGCONFIG = "simple"
#: A constant key for ``pg_advisory_xact_lock``: one migration at a time per database.
_MIGRATION_LOCK = 0x6D616E79  # "many"

#: The full-text schema of migration 0001 (frozen: later revisions add their own).
FTS_0001: tuple[str, ...] = (
    f"""ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('{REGCONFIG}', coalesce(title, '')), 'A')
        || setweight(to_tsvector('{REGCONFIG}', text), 'B')) STORED""",
    "CREATE INDEX ix_articles_search ON articles USING gin (search)",
)
FTS_0001_DOWN: tuple[str, ...] = (
    "DROP INDEX IF EXISTS ix_articles_search",
    "ALTER TABLE articles DROP COLUMN IF EXISTS search",
)

_CONFIG: sa.ColumnElement[Any] = sa.literal_column(f"'{REGCONFIG}'::regconfig")
_HEADLINE = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MinWords=8, MaxWords=24, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def _articles() -> sa.TableClause:
    from sqlalchemy.dialects.postgresql import TSVECTOR

    columns = ("id", "seq", "title", "outlet", "text")
    return sa.table("articles", *(sa.column(c) for c in columns), sa.column("search", TSVECTOR))


def _term(term: Term) -> sa.ColumnElement[Any]:
    from sqlalchemy.dialects.postgresql import TSQUERY

    query: sa.ColumnElement[Any] = sa.func.phraseto_tsquery(_CONFIG, term.text, type_=TSQUERY)
    if term.prefix and term.text[-1].isalnum():
        query = sa.cast(sa.cast(query, sa.Text) + ":*", TSQUERY)
    return query


def _tsquery(query: SearchQuery) -> sa.ColumnElement[Any]:
    """``(a | b) & c & !d`` from the parsed query, one ``phraseto_tsquery`` per term."""
    from sqlalchemy.dialects.postgresql import TSQUERY

    def combine(function: str, items: list[sa.ColumnElement[Any]]) -> sa.ColumnElement[Any]:
        result = items[0]
        for item in items[1:]:
            result = getattr(sa.func, function)(result, item, type_=TSQUERY)
        return result

    groups = [combine("tsquery_or", [_term(t) for t in group]) for group in query.groups]
    result = combine("tsquery_and", groups)
    for term in query.excluded:
        result = sa.func.tsquery_and(result, sa.func.tsquery_not(_term(term)), type_=TSQUERY)
    return result


class PostgresBackend(Backend):
    """PostgreSQL through psycopg 3, with a tsvector column and GIN index for search."""

    name = "postgres"

    def create_engine(self, url: str) -> Engine:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise MissingDependencyError("psycopg", "postgres") from None
        return sa.create_engine(url, pool_pre_ping=True)

    def insert_new(self, table: sa.Table) -> sa.Insert:
        from sqlalchemy.dialects.postgresql import insert

        return insert(table).on_conflict_do_nothing(index_elements=["id"])

    def clean(self, value: str) -> str:
        return value.replace("\x00", "\ufffd")

    def lock_schema(self, conn: Connection) -> None:
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(_MIGRATION_LOCK)))

    def search(self, conn: Connection, query: SearchQuery, limit: int) -> list[SearchHit]:
        a, tsquery = _articles().c, _tsquery(query)
        score = sa.func.ts_rank_cd(a.search, tsquery, 32).label("score")  # 32: scaled to 0..1
        best = (
            sa.select(a.id, a.seq, a.title, a.outlet, a.text, score)
            .where(a.search.bool_op("@@")(tsquery))
            .order_by(score.desc(), a.seq)
            .limit(limit)
            .subquery()
        )
        document = sa.func.concat_ws(" — ", best.c.title, best.c.text)
        snippet = sa.func.ts_headline(_CONFIG, document, tsquery, _HEADLINE)
        statement = sa.select(best.c.id, best.c.title, best.c.outlet, snippet.label("snippet"),
                              best.c.score).order_by(best.c.score.desc(), best.c.seq)
        rows = conn.execute(statement).all()
        return [SearchHit(r.id, r.title, r.outlet, r.snippet, float(r.score)) for r in rows]
