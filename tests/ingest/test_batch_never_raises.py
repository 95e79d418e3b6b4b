"""Property: any bytes, in a file of any supported kind, give an article or a failure."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from manysides.ingest import ingest

SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl", ".csv", ".xml"]
TEXTISH = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=2000).map(lambda text: text.encode("utf-8")),
    st.lists(st.sampled_from(["<p>", "</p>", "{", "}", '"text":', "By A B", "\n\n", "x y"]))
    .map(lambda parts: "".join(parts).encode("utf-8")),
)


@pytest.mark.parametrize("suffix", SUFFIXES)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=TEXTISH)
def test_batch_any_bytes_give_article_or_failure(tmp_path: Path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    result = ingest([path])
    assert len(result.articles) + len(result.failures) >= 1
    for failure in result.failures:
        assert failure.reason and "bug in manysides" not in failure.reason, failure.reason
    for article in result.articles:
        assert article.text.strip()
        assert article.source and article.source.startswith(str(path))
