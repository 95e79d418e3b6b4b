"""Model -> store -> model is the identity, for any article the model can hold."""

from __future__ import annotations

import dataclasses
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from manysides.model import Article
from manysides.store import Store
from strategies import articles

ROUND_TRIP = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _fresh_id(article: Article) -> Article:
    """The same article under an id no earlier example used (examples share one store)."""
    return dataclasses.replace(article, id=uuid.uuid4().hex[:16])


@ROUND_TRIP
@given(batch=st.lists(articles(), max_size=4))
def test_base_roundtrip_add_get_is_identity(store: Store, batch: list[Article]) -> None:
    batch = [_fresh_id(a) for a in batch]
    result = store.add(batch)
    assert result.added == [a.id for a in batch]
    assert [store.get(a.id) for a in batch] == batch
    assert list(store.iter_articles([a.id for a in batch])) == batch


@ROUND_TRIP
@given(before=articles(), after=articles())
def test_base_roundtrip_update_replaces_document(
    store: Store, before: Article, after: Article
) -> None:
    before = _fresh_id(before)
    after = dataclasses.replace(after, id=before.id)
    store.add([before])
    store.update([after])
    assert store.get(before.id) == after


@ROUND_TRIP
@given(article=articles())
def test_base_roundtrip_summary_matches_article(store: Store, article: Article) -> None:
    article = _fresh_id(article)
    store.add([article])
    (summary,) = [s for s in store.list() if s.id == article.id]
    assert summary.chars == len(article.text)
    assert summary.published == article.published
    assert summary.authors == article.authors
    assert summary.duplicate == (article.duplicate.of if article.duplicate else None)
