"""Store API behaviour on every backend: idempotent adds, runs and failures, updates, lookups
by id prefix, listing and iteration."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import pytest

from manysides.errors import StoreError
from manysides.model import Article, Duplicate, IngestFailure
from manysides.store import Store

Make = Callable[..., Article]


def _three(make_article: Make) -> list[Article]:
    return [make_article(f"Report number {n} on the strike.", outlet="AP") for n in range(3)]


def test_base_store_add_twice_adds_nothing(store: Store, make_article: Make) -> None:
    batch = _three(make_article)
    first = store.add(batch)
    second = store.add(batch)
    assert first.added == [a.id for a in batch] and first.existing == []
    assert second.added == [] and second.existing == [a.id for a in batch]
    assert store.count() == 3


def test_base_store_add_counts_repeat_within_batch(store: Store, make_article: Make) -> None:
    a, b, _ = _three(make_article)
    result = store.add([a, b, a])
    assert result.added == [a.id, b.id]
    assert result.existing == [a.id]
    assert store.count() == 2


def test_base_store_add_keeps_first_version_of_an_id(store: Store, make_article: Make) -> None:
    original = make_article("Same words.", title="first")
    store.add([original])
    store.add([make_article("Same words.", title="second")])
    assert store.get(original.id).title == "first"


def test_base_store_add_logs_run_and_failures(store: Store, make_article: Make) -> None:
    bad = [IngestFailure("a.html", "no text found"), IngestFailure("b.pdf", "unsupported")]
    first = store.add(_three(make_article), failures=bad, command="manysides add ./pages")
    second = store.add([], failures=[IngestFailure("c", "timeout")])
    assert second.run_id != first.run_id
    assert store.failures(first.run_id) == bad
    assert store.failures() == [*bad, IngestFailure("c", "timeout")]
    run = next(r for r in store.runs() if r.id == first.run_id)
    assert run.command == "manysides add ./pages"
    assert run.counts == {"added": 3, "existing": 0, "failed": 2}
    assert run.finished is not None and run.started <= run.finished


def test_base_store_update_replaces_and_syncs_duplicate(store: Store, make_article: Make) -> None:
    a, b, _ = _three(make_article)
    store.add([a, b])
    b.duplicate = Duplicate(of=a.id, kind="near", similarity=0.91)
    b.meta["events_stage"] = "manysides.events.rules.v1"
    store.update([b])
    assert store.get(b.id) == b
    assert {s.id: s.duplicate for s in store.list()} == {a.id: None, b.id: a.id}


def test_base_store_update_unknown_id_changes_nothing(store: Store, make_article: Make) -> None:
    a, b, c = _three(make_article)
    store.add([a, b])
    a.title = "changed"
    with pytest.raises(StoreError, match=c.id):
        store.update([a, c])
    assert store.get(a.id).title is None


def test_base_store_get_by_unique_prefix(store: Store, make_article: Make) -> None:
    batch = _three(make_article)
    store.add(batch)
    for article in batch:
        assert store.get(article.id) == article
        assert store.get(_unique_prefix(article.id, [a.id for a in batch])) == article


def _unique_prefix(wanted: str, ids: list[str]) -> str:
    for size in range(4, len(wanted) + 1):
        if sum(i.startswith(wanted[:size]) for i in ids) == 1:
            return wanted[:size]
    raise AssertionError("ids share a full prefix")


def test_base_store_get_ambiguous_prefix(store: Store, make_article: Make) -> None:
    twins = [Article(id="abcd1111", text="one"), Article(id="abcd2222", text="two")]
    store.add(twins)
    with pytest.raises(StoreError, match=r"ambiguous.*abcd1111, abcd2222"):
        store.get("abcd")
    assert store.get("abcd2").text == "two"


@pytest.mark.parametrize("wanted", ["ffff", "abc", "", "abcd1111x", "ab%_"])
def test_base_store_get_missing(store: Store, wanted: str) -> None:
    store.add([Article(id="abcd1111", text="one")])
    with pytest.raises(StoreError, match=r"no article with id .*manysides list"):
        store.get(wanted)


def test_base_store_list_orders_filters_and_pages(store: Store, make_article: Make) -> None:
    utc2 = timezone(timedelta(hours=2))
    undated = make_article("Undated piece.", outlet="BBC", authors=["A. Writer"])
    late = make_article("Late piece, longer text.", outlet="AP",
                        published=datetime(2024, 4, 15, 9, tzinfo=utc2))
    early = make_article("Early piece.", outlet="AP", published=datetime(2024, 4, 14, 3))
    store.add([undated, late, early])
    listed = store.list()
    assert [s.id for s in listed] == [early.id, late.id, undated.id]
    assert listed[1].published == late.published and listed[1].chars == len(late.text)
    assert listed[2].authors == ["A. Writer"] and listed[2].published is None
    assert [s.id for s in store.list(outlet="AP")] == [early.id, late.id]
    assert [s.id for s in store.list(limit=1, offset=1)] == [late.id]
    assert store.list(outlet="nobody") == []


def test_base_store_iter_articles_streams_in_order(
    store: Store, make_article: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Store, "chunk_size", 2)  # several chunks, each read on its own
    batch = [make_article(f"Article {n}.") for n in range(5)]
    store.add(batch)
    assert list(store.iter_articles()) == batch
    wanted = [batch[3].id, batch[0].id, batch[4].id]
    assert [a.id for a in store.iter_articles(wanted)] == wanted
    with pytest.raises(StoreError, match="no article with id 'nope'"):
        list(store.iter_articles(["nope"]))


def test_base_store_count_and_close(db: str, make_article: Make) -> None:
    with Store.open(db) as store:
        assert store.count() == 0
        store.add(_three(make_article))
    with Store.open(db) as reopened:
        assert reopened.count() == 3
