"""Storage: articles, duplicates, ingest failures and runs in SQLite (default) or PostgreSQL.

Example::

    from manysides.store import Store

    with Store.open() as store:  # the [store] db setting, or manysides.db in the data folder
        store.add(articles, command="manysides add ./pages")
        print(store.count(), [hit.snippet for hit in store.search("U.S. sanctions")])
"""

from __future__ import annotations

from manysides.store.base import Store, database_url
from manysides.store.results import AddResult, ArticleSummary, Run, SearchHit

__all__ = ["AddResult", "ArticleSummary", "Run", "SearchHit", "Store", "database_url"]
