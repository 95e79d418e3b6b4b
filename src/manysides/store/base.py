"""The article store: articles, duplicates, ingest failures and runs in one SQL database.

:class:`Store` holds the logic every backend shares; what differs per database (connection
set-up, ``INSERT ... ON CONFLICT``, full-text search) lives in one file per backend,
:mod:`manysides.store.sqlite` and :mod:`manysides.store.postgres`, behind :class:`Backend`.

Each article is kept twice over: its full JSON document (``doc``, from :meth:`Article.to_dict`),
which is what :meth:`Store.get` gives back, so model -> store -> model is the identity; and
a few plain columns (title, outlet, published, text, ...) for listing, filtering and search.
The schema is made and upgraded by the Alembic migrations in ``store/migrations``; opening a
store brings it to the newest revision.

Every write is one transaction: an :meth:`Store.add` batch lands whole or not at all, even if
the process is killed halfway through it.
"""

from __future__ import annotations

import abc
import contextlib
import os
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from itertools import islice
from typing import Any, ClassVar, Self, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from manysides.errors import StoreError
from manysides.model import Article, IngestFailure
from manysides.store.query import SearchQuery, parse_query
from manysides.store.results import AddResult, ArticleSummary, Run, SearchHit

__all__ = [
    "AddResult",
    "ArticleSummary",
    "Backend",
    "Run",
    "SearchHit",
    "Store",
    "backend_for",
    "database_url",
    "metadata",
]

T = TypeVar("T")

#: The shortest id prefix :meth:`Store.get` accepts (like ``git show 1a2b``).
MIN_PREFIX = 4

metadata = sa.MetaData()

articles_table = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),  # Article.id: hash of the normalised text
    # Insertion order, filled by the database (a trigger on SQLite, an identity on PostgreSQL);
    # also the stable integer key SQLite's full-text index needs.
    sa.Column("seq", sa.BigInteger),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.Text, index=True),
    sa.Column("title", sa.Text),
    sa.Column("authors", sa.JSON, nullable=False),
    sa.Column("published", sa.Text, index=True),  # ISO 8601 as written, offset kept when known
    sa.Column("published_source", sa.Text, nullable=False),
    sa.Column("language", sa.Text),
    sa.Column("source_kind", sa.Text, nullable=False),
    sa.Column("source", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("chars", sa.Integer, nullable=False),  # len(Article.text), NULs and all
    sa.Column("doc", sa.JSON, nullable=False),  # Article.to_dict(): the source of truth
    sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("seq", name="uq_articles_seq"),
)

duplicates_table = sa.Table(
    "duplicates",
    metadata,
    sa.Column(
        "article_id", sa.Text, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("of_id", sa.Text, nullable=False, index=True),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("similarity", sa.Float, nullable=False),
)

runs_table = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("started", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished", sa.DateTime(timezone=True)),
    sa.Column("command", sa.Text, nullable=False),
    sa.Column("counts", sa.JSON, nullable=False),
)

failures_table = sa.Table(
    "ingest_failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False,
        index=True,
    ),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)


class Backend(abc.ABC):
    """What differs between databases. One subclass per backend module."""

    name: ClassVar[str]
    #: Execution options for write transactions (SQLite uses them to ``BEGIN IMMEDIATE``).
    write_options: ClassVar[dict[str, Any]] = {}

    @abc.abstractmethod
    def create_engine(self, url: str) -> Engine:
        """An engine set up for this database (pragmas, pool, driver checks)."""

    @abc.abstractmethod
    def insert_new(self, table: sa.Table) -> sa.Insert:
        """``INSERT`` that skips rows whose primary key already exists."""

    @abc.abstractmethod
    def search(self, conn: Connection, query: SearchQuery, limit: int) -> list[SearchHit]:
        """Full-text search, best match first."""

    def clean(self, value: str) -> str:
        """A string as the database can hold it in a plain column (the ``doc`` keeps it exact)."""
        return value

    def lock_schema(self, conn: Connection) -> None:  # noqa: B027 - optional hook
        """Serialise concurrent migrations (inside the migration's transaction)."""


def database_url(db: str | os.PathLike[str] | None = None) -> str:
    """The SQLAlchemy URL for ``db``: a file path, an ``sqlite:///`` or ``postgresql://`` URL,
    or ``None`` for the ``[store] db`` setting (empty: ``manysides.db`` in the data folder)."""
    if db is None:
        from manysides.config import default_db_path, load_config

        db = load_config()["store"]["db"] or default_db_path()
    text = os.fspath(db)
    if "://" not in text:
        return "sqlite:///" + os.path.abspath(os.path.expanduser(text))
    scheme, rest = text.split("://", 1)
    if scheme == "sqlite" or scheme.startswith("sqlite+"):
        return text
    if scheme in ("postgres", "postgresql", "postgresql+psycopg"):
        return "postgresql+psycopg://" + rest
    raise StoreError(
        f"unsupported database URL scheme {scheme!r} in {_safe(text)}; use a file path, "
        "sqlite:///path/to/manysides.db or postgresql://user@host/dbname"
    )


def backend_for(url: str) -> Backend:
    """The backend for a URL made by :func:`database_url`."""
    if url.startswith("postgresql"):
        from manysides.store.postgres import PostgresBackend

        return PostgresBackend()
    from manysides.store.sqlite import SQLiteBackend

    return SQLiteBackend()


def _safe(url: str) -> str:
    """``url`` with any password hidden, for messages."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _now() -> datetime:
    return datetime.now(UTC)


def _utc(moment: datetime) -> datetime:
    """A stored timestamp as aware UTC (SQLite hands them back naive)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _first_seen(batch: list[Article], seen: set[str]) -> tuple[list[Article], list[str]]:
    """Split ``batch`` into articles whose id is new to ``seen`` (added to it) and repeated ids."""
    fresh, repeated = [], []
    for article in batch:
        if article.id in seen:
            repeated.append(article.id)
        else:
            seen.add(article.id)
            fresh.append(article)
    return fresh, repeated


class Store:
    """Articles in a database. Open with :meth:`Store.open`; use as a context manager.

    Example::

        with Store.open("news.db") as store:
            result = store.add(articles, command="manysides add ./pages")
            for hit in store.search('"air defence" Iran'):
                print(hit.id, hit.snippet)
    """

    #: Rows per statement inside one batch (the batch is still one transaction).
    chunk_size: ClassVar[int] = 500

    def __init__(self, engine: Engine, backend: Backend) -> None:
        self._engine = engine
        self._backend = backend

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None) -> Self:
        """Open (creating and migrating to the newest schema as needed) the store at ``db``."""
        url = database_url(db)
        backend = backend_for(url)
        store = cls(backend.create_engine(url), backend)
        try:
            store._migrate()
        except BaseException:
            store.close()
            raise
        return store

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return self._engine.url.render_as_string(hide_password=True)

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgres"``."""
        return self._backend.name

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    def close(self) -> None:
        """Close every connection."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- plumbing ---------------------------------------------------------------------------

    @contextlib.contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        """Turn database errors into :class:`StoreError` naming the action and database."""
        try:
            yield
        except sa.exc.SQLAlchemyError as exc:
            reason = getattr(exc, "orig", None) or exc
            raise StoreError(f"could not {action} in {self.url}: {reason}") from exc

    @contextlib.contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction: committed on success, rolled back on any exception."""
        with self._engine.connect() as conn:
            conn.execution_options(**self._backend.write_options)
            with conn.begin():
                yield conn

    @contextlib.contextmanager
    def _read(self, action: str) -> Iterator[Connection]:
        with self._errors(action), self._engine.connect() as conn:
            yield conn

    def _migrate(self) -> None:
        """Upgrade the schema to the newest Alembic revision, in one write transaction.

        A store already at the newest revision is only read, so opening one never waits for
        another process's write lock.
        """
        from alembic import command
        from alembic.config import Config
        from alembic.util.exc import CommandError

        config = Config()
        config.set_main_option("script_location", "manysides.store:migrations")
        try:
            if self._schema_is_current(config):
                return
            with self._errors("open the database"), self._write() as conn:
                self._backend.lock_schema(conn)
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
        except CommandError as exc:
            raise StoreError(
                f"cannot upgrade the database {self.url}: {exc}. Was it written by a newer "
                "manysides? Upgrade manysides, or open another database."
            ) from exc

    def _schema_is_current(self, config: Any) -> bool:
        from alembic.migration import MigrationContext
        from alembic.script import ScriptDirectory

        head = ScriptDirectory.from_config(config).get_current_head()
        with self._read("open the database") as conn:
            return MigrationContext.configure(conn).get_current_revision() == head

    # --- writing ----------------------------------------------------------------------------

    def add(
        self,
        articles: Iterable[Article],
        *,
        failures: Iterable[IngestFailure] = (),
        command: str = "",
    ) -> AddResult:
        """Add a batch in ONE transaction and log it as a run with its ingest failures.

        An article whose id is already stored (or earlier in the batch) is not added again
        but counted in ``existing``; adding the same articles twice adds nothing. Any error
        rolls the whole batch back. ``articles`` is consumed inside the transaction (and holds
        SQLite's write lock meanwhile): pass a list when producing them is slow.
        """
        result = AddResult()
        seen: set[str] = set()
        with self._errors("add articles"), self._write() as conn:
            result.run_id = self._start_run(conn, command)
            for chunk in _chunks(articles, self.chunk_size):
                fresh, repeated = _first_seen(chunk, seen)
                result.existing.extend(repeated)
                added = self._insert_articles(conn, fresh)
                result.added.extend(a.id for a in fresh if a.id in added)
                result.existing.extend(a.id for a in fresh if a.id not in added)
            failed = self._insert_failures(conn, result.run_id, failures)
            counts = {"added": len(result.added), "existing": len(result.existing)}
            self._finish_run(conn, result.run_id, {**counts, "failed": failed})
        return result

    def update(self, articles: Iterable[Article]) -> None:
        """Replace the stored documents of existing articles, in one transaction.

        Later stages use this to save what they added (events, claims...). An id that is not
        stored is an error, and then nothing is updated.
        """
        statement = articles_table.update().where(
            articles_table.c.id == sa.bindparam("match_id")
        )
        with self._errors("update articles"), self._write() as conn:
            for chunk in _chunks(articles, self.chunk_size):
                latest = list({a.id: a for a in chunk}.values())  # the last one of an id wins
                self._check_exist(conn, [a.id for a in latest])
                rows = [{**self._row(a), "match_id": a.id} for a in latest]
                for row in rows:
                    del row["id"], row["added_at"]
                conn.execute(statement, rows)
                self._replace_duplicates(conn, latest)

    def _check_exist(self, conn: Connection, ids: list[str]) -> None:
        column = articles_table.c.id
        found = set(conn.scalars(sa.select(column).where(column.in_(ids))))
        missing = [i for i in ids if i not in found]
        if missing:
            shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
            raise StoreError(
                f"cannot update {len(missing)} article(s) that are not stored: {shown}; "
                "add them first (Store.add / `manysides add`). Nothing was updated."
            )

    def _row(self, article: Article) -> dict[str, Any]:
        clean = self._backend.clean

        def text(value: str | None) -> str | None:
            return None if value is None else clean(value)

        published = article.published
        return {
            "id": article.id,
            "url": text(article.url),
            "outlet": text(article.outlet),
            "title": text(article.title),
            "authors": list(article.authors),
            "published": None if published is None else published.isoformat(),
            "published_source": str(article.published_source),
            "language": text(article.language),
            "source_kind": str(article.source_kind),
            "source": text(article.source),
            "text": clean(article.text),
            "chars": len(article.text),
            "doc": article.to_dict(),
            "added_at": _now(),
        }

    def _insert_articles(self, conn: Connection, batch: list[Article]) -> set[str]:
        """Insert ``batch`` (ids unique within it); the ids that were new."""
        if not batch:
            return set()
        statement = self._backend.insert_new(articles_table).returning(articles_table.c.id)
        added = set(conn.scalars(statement, [self._row(a) for a in batch]))
        self._replace_duplicates(conn, [a for a in batch if a.id in added])
        return added

    def _replace_duplicates(self, conn: Connection, batch: Sequence[Article]) -> None:
        ids = [a.id for a in batch]
        conn.execute(duplicates_table.delete().where(duplicates_table.c.article_id.in_(ids)))
        rows = [
            {"article_id": a.id, "of_id": a.duplicate.of, "kind": a.duplicate.kind,
             "similarity": a.duplicate.similarity}
            for a in batch
            if a.duplicate is not None
        ]
        if rows:
            conn.execute(duplicates_table.insert(), rows)

    def _start_run(self, conn: Connection, command: str) -> int:
        values = {"started": _now(), "command": self._backend.clean(command), "counts": {}}
        run_id = conn.scalar(runs_table.insert().values(values).returning(runs_table.c.id))
        assert run_id is not None
        return int(run_id)

    def _finish_run(self, conn: Connection, run_id: int, counts: dict[str, int]) -> None:
        statement = runs_table.update().where(runs_table.c.id == run_id)
        conn.execute(statement.values(finished=_now(), counts=counts))

    def _insert_failures(
        self, conn: Connection, run_id: int, failures: Iterable[IngestFailure]
    ) -> int:
        clean, count = self._backend.clean, 0
        for chunk in _chunks(failures, self.chunk_size):
            rows = [
                {"run_id": run_id, "source": clean(f.source), "reason": clean(f.reason),
                 "at": _now()}
                for f in chunk
            ]
            conn.execute(failures_table.insert(), rows)
            count += len(rows)
        return count

    # --- reading ----------------------------------------------------------------------------

    def get(self, article_id: str) -> Article:
        """The article with this id, or with this unique id prefix (at least 4 characters)."""
        column = articles_table.c.id
        with self._read("read an article") as conn:
            doc = conn.scalar(sa.select(articles_table.c.doc).where(column == article_id))
            if doc is None and len(article_id) >= MIN_PREFIX:
                like = sa.select(column).where(column.startswith(article_id, autoescape=True))
                matches = list(conn.scalars(like.order_by(column).limit(11)))
                if len(matches) > 1:
                    raise StoreError(_ambiguous(article_id, matches))
                if matches:
                    doc = conn.scalar(sa.select(articles_table.c.doc).where(column == matches[0]))
        if doc is None:
            short = len(article_id) < MIN_PREFIX
            hint = f" (a prefix needs at least {MIN_PREFIX} characters)" if short else ""
            raise StoreError(f"no article with id {article_id!r}{hint}; try `manysides list`")
        return Article.from_dict(doc)

    def iter_articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Every article in the order added, or the given ``ids`` in the order given.

        Reads in chunks, one short transaction each, so it streams any number of articles.
        """
        if ids is not None:
            yield from self._iter_ids(ids)
            return
        a, last = articles_table.c, -1
        while True:
            statement = sa.select(a.seq, a.doc).where(a.seq > last).order_by(a.seq)
            with self._read("read articles") as conn:
                rows = conn.execute(statement.limit(self.chunk_size)).all()
            if not rows:
                return
            last = rows[-1].seq
            yield from (Article.from_dict(row.doc) for row in rows)

    def _iter_ids(self, ids: Iterable[str]) -> Iterator[Article]:
        a = articles_table.c
        for chunk in _chunks(ids, self.chunk_size):
            with self._read("read articles") as conn:
                rows = conn.execute(sa.select(a.id, a.doc).where(a.id.in_(chunk))).all()
            docs = {row.id: row.doc for row in rows}
            missing = [i for i in chunk if i not in docs]
            if missing:
                raise StoreError(f"no article with id {missing[0]!r}; try `manysides list`")
            yield from (Article.from_dict(docs[i]) for i in chunk)

    def search(self, query: str, *, limit: int = 20) -> list[SearchHit]:
        """Full-text search over titles and texts, best match first (syntax: see
        :mod:`manysides.store.query`). A query with nothing to search for is a StoreError."""
        parsed = parse_query(query)
        with self._read(f"search for {query!r}") as conn:
            return self._backend.search(conn, parsed, limit)

    def failures(self, run_id: int | None = None) -> list[IngestFailure]:
        """Inputs that could not be read, in every run or in one run."""
        f = failures_table.c
        statement = sa.select(f.source, f.reason).order_by(f.id)
        if run_id is not None:
            statement = statement.where(f.run_id == run_id)
        with self._read("read ingest failures") as conn:
            return [IngestFailure(row.source, row.reason) for row in conn.execute(statement)]

    def runs(self, *, limit: int | None = None) -> list[Run]:
        """Logged :meth:`add` runs, newest first."""
        r = runs_table.c
        statement = sa.select(runs_table).order_by(r.id.desc()).limit(limit)
        with self._read("read runs") as conn:
            rows = conn.execute(statement).all()
        return [
            Run(row.id, _utc(row.started), row.finished and _utc(row.finished), row.command,
                row.counts)
            for row in rows
        ]

    def count(self) -> int:
        """How many articles are stored."""
        with self._read("count articles") as conn:
            return int(conn.scalar(sa.select(sa.func.count()).select_from(articles_table)) or 0)

    # ``list`` shadows the builtin in the class body: keep it the last method.
    def list(
        self, *, outlet: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[ArticleSummary]:
        """Stored articles, oldest first (undated ones last), optionally from one outlet."""
        a, d = articles_table.c, duplicates_table.c
        statement = (
            sa.select(a.id, a.title, a.outlet, a.published, a.authors,
                      a.chars, d.of_id)
            .select_from(articles_table.outerjoin(duplicates_table, d.article_id == a.id))
            .order_by(sa.nulls_last(a.published.asc()), a.seq)
            .offset(offset)
            .limit(limit)
        )
        if outlet is not None:
            statement = statement.where(a.outlet == outlet)
        with self._read("list articles") as conn:
            rows = conn.execute(statement).all()
        return [
            ArticleSummary(
                id=r.id, title=r.title, outlet=r.outlet, authors=list(r.authors), chars=r.chars,
                published=None if r.published is None else datetime.fromisoformat(r.published),
                duplicate=r.of_id,
            )
            for r in rows
        ]


def _ambiguous(prefix: str, matches: list[str]) -> str:
    shown = ", ".join(matches[:10]) + (", ..." if len(matches) > 10 else "")
    return f"id prefix {prefix!r} is ambiguous: it starts {shown}; give more characters"
