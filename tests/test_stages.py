from __future__ import annotations

import pytest

from manysides import stages
from manysides.errors import PipelineError
from manysides.model import Article


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> stages._Registry:
    fresh = stages._Registry(loaded=True)
    monkeypatch.setattr(stages, "_REGISTRY", fresh)

    @stages.register_stage("t.mentions.v1", adds=("mentions",))
    def mentions(articles: list[Article]) -> list[Article]:
        for a in articles:
            a.meta["mentions"] = True
        return articles

    @stages.register_stage("t.events.v1", needs=("mentions",), adds=("events",))
    def events(articles: list[Article]) -> list[Article]:
        for a in articles:
            if "boom" in a.text:
                raise RuntimeError("cannot parse boom")
            a.meta["events"] = True
        return articles

    return fresh


def test_stages_refuse_bad_order_naming_the_provider(registry: stages._Registry) -> None:
    with pytest.raises(PipelineError, match=r"needs mentions.*t\.mentions\.v1"):
        stages.check_order(["t.events.v1", "t.mentions.v1"])
    assert [s.name for s in stages.check_order(["t.mentions.v1", "t.events.v1"])] == [
        "t.mentions.v1", "t.events.v1"]


def test_stages_unknown_names_list_the_options(registry: stages._Registry) -> None:
    with pytest.raises(PipelineError, match=r"available stages: t\.mentions\.v1, t\.events\.v1"):
        stages.get_stage("nope")
    with pytest.raises(PipelineError, match="unknown annotate task 'nope'"):
        stages.get_task("nope")


def test_stages_one_bad_article_does_not_stop_the_batch(registry: stages._Registry) -> None:
    articles = [Article.create(t) for t in ("fine text", "boom text", "more fine text")]
    done = stages.run_stages(articles)
    assert [a.meta.get("events") for a in done] == [True, None, True]
    assert done[1].meta["errors"][0]["stage"] == "t.events.v1"
    assert "cannot parse boom" in done[1].meta["errors"][0]["error"]
